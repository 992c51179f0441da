"""CBS area codes in all the forms users bring them: GM0363, gm363, 363, '0363', 363.0.

* gemeente ``GM`` + 4 digits, wijk ``WK`` + 6, buurt ``BU`` + 8 (the gemeente is digits
  3-6 of wijk and buurt codes); COROP ``CR`` + 2, provincie ``PV`` + 2.
* Bare numbers (older tables) get the prefix and leading zeros.
"""

import re

_DIGITS = {"GM": 4, "WK": 6, "BU": 8, "CR": 2, "PV": 2}
_CODE = re.compile(r"^\s*([A-Za-z]{2})?\s*0*(\d+)\s*$")


def normalise_code(value, prefix):
    """The canonical CBS code (``GM0363``) of ``value`` for the given prefix, or None.

    Accepts the code with or without its prefix (any case), with or without leading
    zeros, as text or number (363, 363.0). Returns None for missing or unparsable values
    and for a different prefix (``WK...`` asked as ``GM``).
    """
    prefix = prefix.upper()
    width = _DIGITS[prefix]
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value != value or value != int(value):
            return None
        value = int(value)
    match = _CODE.match(str(value))
    if not match:
        return None
    found_prefix, digits = match.groups()
    if found_prefix is not None and found_prefix.upper() != prefix:
        return None
    if len(digits) > width:
        return None
    return prefix + digits.zfill(width)


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
