"""CBS area codes in all the forms users bring them: GM0363, gm363, 363, '0363', 363.0,
right-padded OData keys ("GM1680    ") and Amsterdam's alphanumeric wijk and buurt codes.

* gemeente ``GM`` + 4 digits; COROP ``CR`` + 2, provincie ``PV`` + 2 digits.
* wijk ``WK`` + 6 and buurt ``BU`` + 8 characters: the gemeente's 4 digits, then the wijk
  (2) and buurt (2) parts, digits or, since 2022 in Amsterdam, letters and digits
  (``WK0363AA``, ``BU0363AA01``). Letters are never dropped.
* Bare numbers (older tables) get the prefix and leading zeros.
* ``NL`` (Nederland, ``NL00`` / ``NL01``) and ``LD`` (landsdeel) + 2 digits, as StatLine's
  region dimensions hold them next to the others.

``area_keys`` is the one function through which every algorithm that groups, joins or
compares areas by a code field reads that field (README, "Bad input").
"""

import math
import re

from .compute import Message
from .errors import InputError

_WIDTH = {"GM": 4, "WK": 6, "BU": 8, "CR": 2, "PV": 2, "LD": 2, "NL": 2}
#: Prefixes whose code may hold letters after the gemeente's digits.
_ALPHANUMERIC = ("WK", "BU")
_GEMEENTE_DIGITS = 4
_CODE = re.compile(r"^\s*([A-Za-z]{2})?\s*([0-9A-Za-z]+)\s*$")


def normalise_code(value, prefix):
    """The canonical CBS code (``GM0363``, ``BU0363AA01``) of ``value`` for the given
    prefix, or None.

    Accepts the code with or without its prefix (any case, surrounding spaces), with or
    without leading zeros, as text or number (363, 363.0). Returns None for missing or
    unparsable values and for a different prefix (``WK...`` asked as ``GM``).
    """
    prefix = prefix.upper()
    width = _WIDTH[prefix]
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value != value or value != int(value):
            return None
        value = int(value)
    text = str(value)
    match = _CODE.match(text)
    if not match:
        return None
    found_prefix, body = match.groups()
    if found_prefix is None and not body[:1].isdigit():
        return None  # letters first: not a code of this kind (never strip them)
    if found_prefix is not None and found_prefix.upper() != prefix:
        return None
    if body.isdigit():
        digits = body.lstrip("0") or "0"
        return prefix + digits.zfill(width) if len(digits) <= width else None
    if prefix not in _ALPHANUMERIC:
        return None
    return _alphanumeric(prefix, body.upper(), width)


def _alphanumeric(prefix, body, width):
    """``0363AA01`` / ``363AA01`` -> ``BU0363AA01``: the gemeente's digits (zero-padded),
    then the wijk / buurt part of fixed width, letters and digits as they are."""
    tail = width - _GEMEENTE_DIGITS
    head, part = body[:-tail], body[-tail:]
    gemeente = head.lstrip("0")
    if not head.isdigit() or not gemeente or len(gemeente) > _GEMEENTE_DIGITS:
        return None
    return prefix + gemeente.zfill(_GEMEENTE_DIGITS) + part


def gemeente_of(code):
    """The gemeente code (``GM0363``) of a gemeente, wijk or buurt code, or None."""
    if code is None:
        return None
    text = str(code).strip().upper()
    for prefix in ("BU", "WK"):
        if text.startswith(prefix):
            canonical = normalise_code(text, prefix)
            return "GM" + canonical[2:6] if canonical else None
    return normalise_code(text, "GM")


def normalise_codes(values, prefix):
    """Canonical codes for a sequence of raw values (None where unparsable)."""
    return [normalise_code(v, prefix) for v in values]


#: A value that starts like a CBS code: two letters, then (after spaces) a digit.
_PREFIXED = re.compile(r"^\s*([A-Za-z]{2})\s*[0-9]")
_DIGITS = re.compile(r"^\s*[0-9]+\s*$")
#: How many codes written in several forms a warning names.
_FORMS_LISTED = 5


def code_prefix(value):
    """The CBS prefix (``GM``, ``BU``, ...) a raw value is written with, or None."""
    if not isinstance(value, str):
        return None
    match = _PREFIXED.match(value)
    prefix = match.group(1).upper() if match else None
    return prefix if prefix in _WIDTH else None


def is_missing_key(value):
    """True for a value that means "no area": None, NaN, blank text."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def _whole_number(value):
    """A bare whole number (363, 363.0, '0363') as int, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value == int(value) else None
    if isinstance(value, str) and _DIGITS.match(value):
        return int(value)
    return None


def area_keys(values, field, feature_ids=None):
    """One key per raw area code of field ``field``: (keys, warnings), None = no area.

    * When some values carry a CBS prefix, every value is a CBS code and becomes its
      canonical form (``gm0363 ``, ``363``, ``GM363`` -> ``GM0363``; ``bu0363aa01`` ->
      ``BU0363AA01``); a bare number takes the field's one prefix (with codes of several
      kinds, e.g. GM and BU rows, it must carry its own). A value that is no such code is
      an InputError naming field, feature and value.
    * Without any prefix, a field of whole numbers is read as numbers (``363``, ``'0363'``
      and ``363.0`` are one key, the int 363); any other field is used as given (text
      without surrounding spaces).

    ``warnings``: a Message when codes are written in more than one form.
    """
    values = list(values)
    keys = [None] * len(values)
    present = [(row, v) for row, v in enumerate(values) if not is_missing_key(v)]
    prefixes = sorted({p for p in (code_prefix(v) for _, v in present) if p})
    if not prefixes:
        numbers = [_whole_number(v) for _, v in present]
        if all(n is not None for n in numbers):
            for (row, _), number in zip(present, numbers):
                keys[row] = number
        else:
            for row, value in present:
                keys[row] = value.strip() if isinstance(value, str) else value
        return keys, _forms_warning(values, keys, field)
    only = prefixes[0] if len(prefixes) == 1 else None
    for row, value in present:
        prefix = code_prefix(value) or only
        code = normalise_code(value, prefix) if prefix else None
        if code is None:
            _refuse(field, row, value, prefixes, feature_ids)
        keys[row] = code
    return keys, _forms_warning(values, keys, field)


def _refuse(field, row, value, prefixes, feature_ids):
    feature = feature_ids[row] if feature_ids is not None else row
    if len(prefixes) > 1 and code_prefix(value) is None:
        raise InputError("Field '{field}', feature {feature}: {value!r} has no CBS prefix, but "
                         "the field holds codes of several kinds ({kinds}); write it with its "
                         "prefix (e.g. GM0363, BU03630000).", field=field, feature=feature,
                         value=value, kinds=", ".join(prefixes))
    raise InputError("Field '{field}', feature {feature}: {value!r} is not a CBS area code "
                     "like the other codes of the field ({kinds}...). Correct it or leave it "
                     "empty; a code may be written as GM0363, gm0363, GM363, 363 or 0363.",
                     field=field, feature=feature, value=value, kinds=", ".join(prefixes))


def _forms_warning(values, keys, field):
    """[Message] when one key is written in more than one form."""
    forms = {}
    for value, key in zip(values, keys):
        if key is not None:
            forms.setdefault(key, set()).add(str(value))
    mixed = sorted((k for k, spelled in forms.items() if len(spelled) > 1), key=str)
    if not mixed:
        return []
    examples = "; ".join("{} ({})".format(key, ", ".join(repr(s) for s in sorted(forms[key])))
                         for key in mixed[:_FORMS_LISTED])
    if len(mixed) > _FORMS_LISTED:
        examples += "; ..."
    return [Message("Field '{field}' writes {count} area code(s) in several forms "
                    "({examples}); each form is read as the same code.",
                    {"field": field, "count": len(mixed), "examples": examples})]
