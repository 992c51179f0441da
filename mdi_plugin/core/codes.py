"""CBS area codes in all the forms users bring them: GM0363, gm363, 363, '0363', 363.0,
right-padded OData keys ("GM1680    ") and Amsterdam's alphanumeric wijk and buurt codes.

* gemeente ``GM`` + 4 digits; COROP ``CR`` + 2, provincie ``PV`` + 2 digits.
* wijk ``WK`` + 6 and buurt ``BU`` + 8 characters: the gemeente's 4 digits, then the wijk
  (2) and buurt (2) parts, digits or, since 2022 in Amsterdam, letters and digits
  (``WK0363AA``, ``BU0363AA01``). Letters are never dropped.
* Bare numbers (older tables) get the prefix and leading zeros.
"""

import re

_WIDTH = {"GM": 4, "WK": 6, "BU": 8, "CR": 2, "PV": 2}
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
