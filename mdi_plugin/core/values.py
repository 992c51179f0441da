"""Turning raw attribute values (numbers, Dutch numeric text, CBS missing codes) into floats.

Rules (documented in the README):

* ``None``, empty text, ``"."`` and ``"x"`` (StatLine: unknown, secret) and NaN are missing
  (StatLine's ``"-"`` means zero and is rejected rather than guessed);
* the CBS codes ``-99999999`` and ``-99995`` .. ``-99999`` are missing, as numbers or text;
* text with a decimal point (``"72.2"``) or a decimal comma (``"72,2"``) is a number; where
  both appear, the last one is the decimal separator and the other a thousands separator
  (``"1.234,5"`` and ``"1,234.5"`` are both 1234.5);
* anything else (other text, +/- infinity) is an error naming field, feature and value.
"""

import math

import numpy as np

from .errors import InputError

#: CBS "Kerncijfers wijken en buurten" codes for suppressed or missing values.
CBS_MISSING_CODES = (-99999999.0, -99999.0, -99998.0, -99997.0, -99996.0, -99995.0)
_MISSING_TEXT = {"", ".", "x", "nan", "null", "none", "n/a", "na"}


def is_missing_code(values):
    """Boolean mask of the CBS missing-value codes in a float array."""
    return np.isin(values, CBS_MISSING_CODES)


def parse_number(value):
    """Parse one raw value; returns a float (NaN when missing) or raises ValueError."""
    if value is None:
        return math.nan
    if isinstance(value, bool):
        raise ValueError("boolean")
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    elif isinstance(value, str):
        number = _parse_text(value)
    else:
        raise ValueError("unsupported type")
    if math.isinf(number):
        raise ValueError("infinite")
    if number in CBS_MISSING_CODES:
        return math.nan
    return number


def _parse_text(text):
    stripped = text.strip().replace("\u00a0", "").replace(" ", "")
    if stripped.lower() in _MISSING_TEXT:
        return math.nan
    if "," in stripped:
        if "." in stripped and stripped.rfind(".") > stripped.rfind(","):
            stripped = stripped.replace(",", "")                      # 1,234.5
        else:
            stripped = stripped.replace(".", "").replace(",", ".")    # 1.234,5 / 72,2
    return float(stripped)


def parse_numeric_column(values, field, feature_ids=None):
    """Convert a sequence of raw values of one field into a float array (NaN = missing).

    Raises InputError naming the field, the feature id and the value for anything that
    is not a number, numeric text or a missing-value code.
    """
    try:
        array = np.asarray(values, dtype=float)
        fast = array.ndim == 1 and not np.isinf(array).any()
    except (TypeError, ValueError):
        fast = False
    if fast:
        array = array.copy() if array is values else array
        array[is_missing_code(array)] = np.nan
        return array
    out = np.empty(len(values), dtype=float)
    for row, value in enumerate(values):
        try:
            out[row] = parse_number(value)
        except (TypeError, ValueError):
            feature = feature_ids[row] if feature_ids is not None else row
            raise InputError("Field '{field}', feature {feature}: value {value!r} is not a "
                             "number. Use a number (decimal point or comma), leave it empty "
                             "or use a CBS missing-value code such as -99997.",
                             field=field, feature=feature, value=value) from None
    return out


def parse_year_column(values, field, feature_ids=None):
    """Convert raw year values (numbers or text like "2019") into an integer-valued float
    array; missing years are NaN."""
    years = parse_numeric_column(values, field, feature_ids)
    bad = ~np.isnan(years) & (years != np.round(years))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        feature = feature_ids[row] if feature_ids is not None else row
        raise InputError("Year field '{field}', feature {feature}: {value!r} is not a whole "
                         "year.", field=field, feature=feature, value=values[row])
    return years


def distinct_years(values):
    """The distinct years of a raw column, sorted; None when a value is no whole number
    (the column is no year field after all)."""
    years = set()
    for value in values:
        try:
            number = parse_number(value)
        except ValueError:
            return None
        if number == number:
            if number != round(number):
                return None
            years.add(number)
    return sorted(years)
