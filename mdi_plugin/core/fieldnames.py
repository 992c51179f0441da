"""Finding fields by name: exact, else ignoring case, with 'similar fields' hints.

The one place where a field name typed by a user (a parameter, a spec, a field map) is
matched against the fields a layer has. No QGIS: lists of names in, names out.
"""

import difflib

from .errors import InputError, Message

#: Field names recognised as "the year" when no year field is given.
YEAR_LIKE_FIELDS = ("jaar", "year", "jaartal", "peiljaar")
#: Fields shown as many names in a message before it says "...".
_SHOWN = 40
#: Longest field name of a dBase table (Shapefile): OGR cuts longer names to this length
#: (``mdi_inkomen`` -> ``mdi_inkome``), and to less when two cut names would collide.
DBF_NAME_LENGTH = 10


def find_field(name, available):
    """``name`` as spelled in ``available`` (exact, else ignoring case), or None."""
    if name in available:
        return name
    by_lower = {a.lower(): a for a in available}
    return by_lower.get(str(name).lower())


def find_shortened(name, available, taken=()):
    """``name`` as spelled in ``available`` (see find_field), else the field that holds it
    under the name a Shapefile cuts it to (its first 10 characters, any case), provided one
    field has that name and it is not in ``taken`` (fields already used for something
    else, e.g. ``mdi_inkome`` itself when looking for ``mdi_inkome_klasse``); else None."""
    found = find_field(name, available)
    if found is not None or len(str(name)) <= DBF_NAME_LENGTH:
        return found
    cut = str(name)[:DBF_NAME_LENGTH].lower()
    taken = {str(t).lower() for t in taken}
    matches = [a for a in available if a.lower() == cut and a.lower() not in taken]
    return matches[0] if len(matches) == 1 else None


def similar_names(name, candidates, count=3):
    """Candidate names that look like ``name`` (for 'did you mean' hints)."""
    lowered = {c.lower(): c for c in candidates}
    matches = difflib.get_close_matches(str(name).lower(), list(lowered), n=count, cutoff=0.6)
    return [lowered[m] for m in matches]


def field_hint(name, available):
    """'Similar fields: a, b. Available fields: ...' (a Message: part of a message, translated
    with it)."""
    similar = similar_names(name, available)
    names = list(available)
    shown = ", ".join(names[:_SHOWN]) + (", ..." if len(names) > _SHOWN else "")
    if not shown:
        return Message("The input has no fields.")
    if similar:
        return Message("Similar fields: {similar}. Available fields: {fields}.",
                       {"similar": ", ".join(similar), "fields": shown})
    return Message("Available fields: {fields}.", {"fields": shown})


def require_field(name, available, parameter, layer=None):
    """``name`` as spelled in ``available``; otherwise an InputError naming the parameter
    (and ``layer``, the parameter of the layer searched, when that is not the input)."""
    found = find_field(name, available)
    if found is not None:
        return found
    hint = field_hint(name, available)
    if layer:
        raise InputError("{parameter}: field '{field}' is not in {layer}. {hint}",
                         parameter=parameter, field=name, layer=layer, hint=hint)
    raise InputError("{parameter}: field '{field}' is not in the input. {hint}",
                     parameter=parameter, field=name, hint=hint)


def find_year_like(available):
    """The first field named like a year (jaar, year, jaartal, peiljaar), or None."""
    return next((n for n in available if str(n).lower() in YEAR_LIKE_FIELDS), None)
