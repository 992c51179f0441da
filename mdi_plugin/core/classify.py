"""Classifying scores into classes ("kwartielen"): fixed, pooled, per-year or custom breaks.

Rules (documented in the algorithm help and the README):

* a value equal to a break goes to the upper class (50.0 with breaks 40/50/60 is class 3);
* NULL (NaN) values get no class and the label ``"Geen gegevens"``;
* quartiles are ``numpy.percentile(values, [25, 50, 75])`` with numpy's default
  ``linear`` method (type 7 of Hyndman & Fan, as Excel's QUARTILE.INC and R's default),
  over the non-missing values;
* breaks must be strictly ascending: quartiles that coincide (too little spread) are an
  error naming the group and the values, never silently merged;
* labels: see :func:`class_labels`;
* quartiles of fewer than 8 values (two per class) give a warning.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from .compute import Message
from .errors import InputError

#: The report's fixed breaks (quartiles of all gemeenten 2014-2023 pooled, rounded).
REPORT_BREAKS = (40.0, 50.0, 60.0)
#: Percentiles of the quartile breaks.
QUARTILE_PERCENTS = (25.0, 50.0, 75.0)
#: Label of rows without a value.
NO_DATA_LABEL = "Geen gegevens"
#: Suffixes of the output fields: ``mdi_klasse`` and ``mdi_klasse_label``.
CLASS_SUFFIX = "_klasse"
LABEL_SUFFIX = "_klasse_label"

_LABELS = {
    2: ("Laag", "Hoog"),
    3: ("Laag", "Gematigd", "Hoog"),
    4: ("Laag", "Gematigd", "Hoog", "Zeer hoog"),
    5: ("Zeer laag", "Laag", "Gematigd", "Hoog", "Zeer hoog"),
}
_NUMBER_POINT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_NUMBER_POINT_OR_COMMA = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def class_fields(field_name):
    """Names of the two output fields for a classified field: (klasse, klasse_label)."""
    return field_name + CLASS_SUFFIX, field_name + LABEL_SUFFIX


def format_number(value):
    """A break for display: at most two decimals, no trailing zeros (41.2, 50, 58.93)."""
    text = "{:.2f}".format(float(value)).rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_breaks(breaks):
    """'40, 50, 60' for a sequence of breaks."""
    return ", ".join(format_number(b) for b in breaks)


def class_labels(breaks):
    """Labels of the len(breaks) + 1 classes.

    2 classes: Laag, Hoog; 3: Laag, Gematigd, Hoog; 4 (the report): Laag, Gematigd, Hoog,
    Zeer hoog; 5: Zeer laag, Laag, Gematigd, Hoog, Zeer hoog. From 6 classes on the labels
    name the range: "Klasse 1 (onder 10)", "Klasse 2 (10 tot 20)", ..., "Klasse 6 (50 en
    hoger)".
    """
    count = len(breaks) + 1
    if count in _LABELS:
        return list(_LABELS[count])
    texts = [format_number(b) for b in breaks]
    labels = ["Klasse 1 (onder {})".format(texts[0])]
    for number in range(1, len(texts)):
        labels.append("Klasse {} ({} tot {})".format(number + 1, texts[number - 1],
                                                     texts[number]))
    labels.append("Klasse {} ({} en hoger)".format(count, texts[-1]))
    return labels


def parse_breaks(text):
    """Parse custom breaks from text into a tuple of floats (strictly ascending).

    Separator rule: when the text contains a semicolon, only ``;`` separates values and
    each value may use a decimal point or a decimal comma (``"40;50,5;60"``). Otherwise
    commas and white space separate values and only a decimal point is allowed
    (``"40,50,60"``, ``"40, 50.5, 60"``, ``"40 50 60"``). So ``"40,5 60"`` is read as 40,
    5, 60 and rejected as not ascending. Raises InputError naming the offending part.
    """
    if isinstance(text, (list, tuple, np.ndarray)):
        return check_breaks(text)
    text = "" if text is None else str(text).strip()
    if not text:
        raise InputError("BREAKS is empty: give the class breaks in ascending order, "
                         "e.g. 40,50,60.")
    if ";" in text:
        parts = [p.strip() for p in text.split(";")]
        pattern = _NUMBER_POINT_OR_COMMA
    else:
        parts = re.split(r"[,\s]+", text)
        pattern = _NUMBER_POINT
    if parts and parts[-1] == "":
        parts = parts[:-1]          # a trailing separator ("40,50,60,") is harmless
    if parts and parts[0] == "":
        parts = parts[1:]
    values = []
    for part in parts:
        if not pattern.match(part):
            raise InputError("BREAKS '{text}': '{part}' is not a number. Separate the "
                             "breaks with commas (40,50.5,60) or, when they have a "
                             "decimal comma, with semicolons (40;50,5;60).",
                             text=text, part=part)
        values.append(float(part.replace(",", ".")))
    return check_breaks(values, text)


def check_breaks(breaks, text=None):
    """Return the breaks as a tuple of floats; InputError unless finite, non-empty and
    strictly ascending."""
    shown = text if text is not None else format_breaks(breaks) if len(breaks) else ""
    values = tuple(float(b) for b in breaks)
    if not values:
        raise InputError("BREAKS is empty: give the class breaks in ascending order, "
                         "e.g. 40,50,60.")
    if not all(np.isfinite(values)):
        raise InputError("BREAKS '{text}' contains a value that is not a finite number.",
                         text=shown)
    for low, high in zip(values, values[1:]):
        if high <= low:
            raise InputError("BREAKS '{text}' must be strictly ascending: {low} is followed "
                             "by {high}. List the breaks from low to high without repeats, "
                             "e.g. 40,50,60.", text=shown, low=format_number(low),
                             high=format_number(high))
    return values


def quartile_breaks(values, group=None, field_name="mdi"):
    """The 25th, 50th and 75th percentile of the non-missing values (numpy 'linear').

    ``group`` (e.g. a year) only names the group in error messages. Raises InputError when
    there are no values or when quartiles coincide (no class would be well defined).
    """
    values = np.asarray(values, dtype=float)
    valid = values[~np.isnan(values)]
    where = "" if group is None else " in year {}".format(_group_text(group))
    if valid.size == 0:
        raise InputError("Field '{field}' has no values{where} to compute quartiles from "
                         "(every row is empty). Fill in the field, choose another FIELD, or "
                         "use the fixed or custom breaks.", field=field_name, where=where)
    breaks = tuple(float(b) for b in np.percentile(valid, QUARTILE_PERCENTS))
    for k in range(len(breaks) - 1):
        low, high = breaks[k], breaks[k + 1]
        low_p, high_p = QUARTILE_PERCENTS[k], QUARTILE_PERCENTS[k + 1]
        if not high > low:
            raise InputError("The quartiles{where} coincide: the {low_p:g}th and {high_p:g}th "
                             "percentile are both {value} ({count} value(s)), so the values "
                             "have too little spread for four classes. Use the fixed breaks "
                             "or custom breaks instead.", where=where, low_p=low_p,
                             high_p=high_p, value=format_number(low), count=int(valid.size))
    return breaks


def classify(values, breaks):
    """Class numbers (1 .. len(breaks) + 1; None where the value is NaN).

    A value equal to a break goes to the upper class.
    """
    values = np.asarray(values, dtype=float)
    numbers = np.searchsorted(np.asarray(breaks, dtype=float), values, side="right") + 1
    return [None if np.isnan(v) else int(n) for v, n in zip(values, numbers)]


def labels_of(classes, labels):
    """The label of each class number (NO_DATA_LABEL for None)."""
    return [NO_DATA_LABEL if c is None else labels[c - 1] for c in classes]


@dataclass
class Classification:
    """Result of a classification: one class and label per row, and the breaks used."""

    classes: List[Optional[int]]
    labels: List[str]
    breaks: Dict[Optional[float], Tuple[float, ...]]
    class_labels: List[str]
    warnings: List[Message] = field(default_factory=list)

    @property
    def breaks_text(self):
        """'40, 50, 60' or, per year, '2014: 41.2, 50.3, 58.9; 2023: ...'."""
        if list(self.breaks) == [None]:
            return format_breaks(self.breaks[None])
        return "; ".join("{}: {}".format(_group_text(g), format_breaks(b))
                         for g, b in self.breaks.items())

    @property
    def counts(self):
        """Number of rows per class label (in class order, then NO_DATA_LABEL)."""
        counts = {label: 0 for label in self.class_labels + [NO_DATA_LABEL]}
        for label in self.labels:
            counts[label] += 1
        return counts


FIXED = "fixed"
POOLED = "pooled"
PER_YEAR = "per_year"
CUSTOM = "custom"
METHODS = (FIXED, POOLED, PER_YEAR, CUSTOM)


def classify_values(values, method=FIXED, breaks=None, years=None, feature_ids=None,
                    field_name="mdi"):
    """Classify a float array (NaN = missing) with one of METHODS.

    ``breaks``: the custom breaks (text or sequence) for CUSTOM; ``years``: float array
    (NaN = missing) for PER_YEAR; ``feature_ids`` name rows in error messages.
    """
    values = np.asarray(values, dtype=float)
    if method not in METHODS:
        raise ValueError("unknown method {!r}".format(method))
    if method == PER_YEAR:
        return _classify_per_year(values, years, feature_ids, field_name)
    warnings = []
    if method == FIXED:
        used = REPORT_BREAKS
    elif method == CUSTOM:
        if breaks is None:
            raise InputError("The method 'custom breaks' needs BREAKS, e.g. 40,50,60.")
        used = parse_breaks(breaks)
    else:
        used = quartile_breaks(values, field_name=field_name)
        warnings += _few_values_warning(values, None)
    if np.isnan(values).all() and values.size:
        warnings.append(Message("Field '{field}' has no values at all: every row is "
                                "'{label}'.", {"field": field_name, "label": NO_DATA_LABEL}))
    classes = classify(values, used)
    labels = class_labels(used)
    return Classification(classes, labels_of(classes, labels), {None: used}, labels,
                          warnings)


def _classify_per_year(values, years, feature_ids, field_name):
    if years is None:
        raise InputError("The method 'quartiles per year' needs YEAR_FIELD: choose the "
                         "field that holds the year of each row.")
    years = np.asarray(years, dtype=float)
    missing = np.flatnonzero(np.isnan(years))
    if missing.size:
        row = int(missing[0])
        feature = feature_ids[row] if feature_ids is not None else row
        raise InputError("Quartiles per year: feature {feature} has no year ({count} row(s) "
                         "without a year). Fill in the year field or use the quartiles of "
                         "all rows.", feature=feature, count=int(missing.size))
    classes = [None] * len(values)
    breaks = {}
    warnings = []
    for year in np.unique(years):
        rows = np.flatnonzero(years == year)
        group = int(year) if float(year).is_integer() else float(year)
        used = quartile_breaks(values[rows], group, field_name)
        warnings += _few_values_warning(values[rows], group)
        breaks[group] = used
        for row, number in zip(rows, classify(values[rows], used)):
            classes[row] = number
    labels = class_labels(REPORT_BREAKS)
    return Classification(classes, labels_of(classes, labels), breaks, labels, warnings)


def _few_values_warning(values, group):
    count = int(np.count_nonzero(~np.isnan(values)))
    if count >= 8:
        return []
    where = "" if group is None else " in year {}".format(_group_text(group))
    return [Message("Only {count} value(s){where}: quartiles of so few values are not "
                    "reliable.", {"count": count, "where": where})]


def _group_text(group):
    if isinstance(group, float) and group.is_integer():
        return str(int(group))
    return str(group)
