"""Fields of the input as the algorithms need them: lookups with hints, the field map,
the region field, the year field and labels of units in messages.

The matching itself (exact, else ignoring case, 'similar fields' hints) is
``core.fieldnames``; this module applies it to QGIS sources and parameters.
"""

import re

from ..compat import is_null
from ..core.aggregate import default_field_lookup
from ..core.codes import area_keys
from ..core.compute import DOMAIN_FIELD_PREFIX, TOTAL_FIELD
from ..core.errors import InputError
from ..core.fieldnames import find_field, find_year_like
from ..core.fieldnames import require_field as require_name
from ..core.values import distinct_years

#: Fields that identify a unit (buurt, wijk, gemeente) in messages, first found wins.
UNIT_LABEL_FIELDS = ("buurtcode", "wijkcode", "gemeentecode", "statcode", "code")
#: Field of the region (COROP) code guessed when REGION_FIELD may be left empty.
REGION_CODE_GUESS = "coropcode"
REGION_FIELD = "REGION_FIELD"
FIELD_MAP = "FIELD_MAP"


def names_of(source):
    """The field names of a source, layer or QgsFields."""
    fields = source.fields() if hasattr(source, "fields") else source
    return fields.names()


def require_field(source, name, parameter, layer=None):
    """``name`` as spelled in ``source``; an InputError naming ``parameter`` with similar
    (or all) field names otherwise. ``layer``: the parameter of ``source`` when that is not
    the input (e.g. REGIONS)."""
    return require_name(name, names_of(source), parameter, layer)


def find(source, name):
    """``name`` as spelled in ``source`` (exact, else ignoring case), or None."""
    return find_field(name, names_of(source))


def field_or_guess(run, name, source, *guesses):
    """Field parameter ``name`` (required to exist when given); when empty, the first of
    ``guesses`` the source has, or None."""
    given = run.text(name)
    if given:
        return require_field(source, given, name)
    return next((f for f in (find(source, g) for g in guesses) if f), None)


def name_field_of(source, code_field):
    """The name field matching a code field (coropcode -> coropnaam), or None."""
    if not code_field or "code" not in code_field.lower():
        return None
    return find(source, re.sub("code", "naam", code_field, flags=re.IGNORECASE))


def region_field(run, source, guess=False):
    """REGION_FIELD as spelled in the input (an error with a hint when it is not there);
    when empty: None, or with ``guess`` the input's coropcode field if it has one."""
    if guess:
        return field_or_guess(run, REGION_FIELD, source, REGION_CODE_GUESS)
    return run.field(REGION_FIELD, source)


def field_map(run):
    """FIELD_MAP as {id: field}: pairs of (id, field) from the matrix parameter."""
    flat = ["" if is_null(v) else str(v).strip() for v in run.matrix(FIELD_MAP)]
    if not any(flat):
        return {}
    if len(flat) % 2:
        raise InputError("'Field map' (FIELD_MAP) needs pairs of (id, field); got an odd "
                         "number of values: {values}.", values=", ".join(flat))
    pairs = [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2) if flat[i]]
    ids = [p[0] for p in pairs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InputError("'Field map' (FIELD_MAP) maps id(s) {ids} more than once.",
                         ids=", ".join(duplicates))
    return dict(pairs)


def year_like_field(source, year_field):
    """A field named like a year (jaar, year, ...) when YEAR_FIELD is empty, else None."""
    return None if year_field else find_year_like(names_of(source))


def unit_label_field(source):
    """The first unit code field of the source (buurtcode, wijkcode, ...), or None."""
    return next((f for f in (find(source, n) for n in UNIT_LABEL_FIELDS) if f), None)


def warn_pooled_years(run, raw, name):
    """Warn when a year-like field holds several years while YEAR_FIELD is empty."""
    years = distinct_years(raw)
    if years and len(years) > 1:
        run.warn("The input has {count} years in field '{field}' ({years}) but YEAR_FIELD is "
                 "empty: all years are used together. Set YEAR_FIELD to '{field}' to treat "
                 "each year on its own.", count=len(years), field=name,
                 years=", ".join("{:g}".format(y) for y in years))


def unit_labeller(raw_codes, ids):
    """A function giving 'BU0001 (feature 3)' for a row, for messages about units."""
    def label(row):
        code = raw_codes[row] if raw_codes is not None else None
        if code in (None, ""):
            return "feature {}".format(ids[row])
        return "{} (feature {})".format(code, ids[row])
    return label


def area_codes(run, values, name, ids):
    """The area keys of code field ``name`` (codes.area_keys: one CBS code in any form is
    one key; a value that is no code like the others is an error naming the feature), with
    a warning in the log when codes are written in several forms. None when ``values`` is
    None (no such field)."""
    if values is None:
        return None
    keys, warnings = area_keys(values, name, ids)
    run.warn_all(warnings)
    return keys


def default_fields(run, source, spec):
    """``mdi`` and the spec's ``mdi_<domain>`` fields of the input (FIELDS left empty), also
    under names a Shapefile cut to 10 characters; the log says which names were cut and,
    when only some domains were found, which are missing."""
    found, missing = default_field_lookup(spec, names_of(source))
    wanted = [TOTAL_FIELD] + [DOMAIN_FIELD_PREFIX + d for d in spec.domain_ids]
    cut = [(w, f) for w, f in zip([w for w in wanted if w not in missing], found)
           if w.lower() != f.lower()]
    if cut:
        run.info("Fields with names cut to 10 characters (as a Shapefile stores them) are "
                 "read as the MDI fields: {fields}.",
                 fields=", ".join("{} = {}".format(f, w) for w, f in cut))
    domains = [m for m in missing if m != TOTAL_FIELD]
    if domains and len(domains) < len(spec.domain_ids):
        run.warn("FIELDS is empty: used {found}; the input has no {missing}, also not under "
                 "a name cut to 10 characters. A Shapefile cuts long names and renames "
                 "those that then collide (e.g. 'mdi_inko_1'): choose the fields with FIELDS, "
                 "or keep the outputs of earlier steps as GeoPackage (.gpkg).",
                 found=", ".join(found), missing=", ".join(domains))
    return found
