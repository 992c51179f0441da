"""Class schemes of the MDI maps (pure Python + numpy, no QGIS imports).

Three schemes, each a list of ranges ``lower <= value < upper`` (a value equal to a break
goes to the upper class, as in mdi:classifyquartiles) plus a "Geen gegevens" class for NULL:

* FIXED: the report's breaks 40/50/60, labels "Laag (< 40)" ... "Zeer hoog (≥ 60)";
* QUARTILES: quartiles of the values with data (the report's buurt maps), the same class
  names with the ranges in the label ("Laag (< 41,7)");
* CHANGE: a diverging scheme centred on 0 for differences between two years in
  percentage points, from "Sterk verbeterd" (MDI fell) to "Sterk verslechterd".

Class names are the report's Dutch terms; a ``translate`` callable (identity by default)
lets the QGIS layer translate them.
"""

import math
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np

from ..core.classify import NO_DATA_LABEL, REPORT_BREAKS, class_labels, quartile_breaks
from ..core.errors import MdiError
from ..core.topn import competition_ranks
from .palette import load_palette

FIXED = "fixed"
QUARTILES = "quartiles"
CHANGE = "change"
SCHEMES = (FIXED, QUARTILES, CHANGE)

#: Dutch class names of the diverging change scheme (5 classes).
CHANGE_NAMES = ("Sterk verbeterd", "Verbeterd", "Nauwelijks veranderd", "Verslechterd",
                "Sterk verslechterd")
NO_DATA_KEY = "geen_gegevens"


class StyleError(MdiError, ValueError):
    """A layer cannot get an MDI style (missing field, year, zone...). Keeps the message
    template apart for translation, like the core's errors; also a ValueError."""


def _identity(text):
    return text


@dataclass(frozen=True)
class ClassRange:
    """One class: ``lower <= value < upper`` (None = unbounded), its label and colour."""

    key: str
    label: str
    color: str
    lower: Optional[float]
    upper: Optional[float]

    def contains(self, value):
        """True when ``value`` (a number) falls in this class."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return False
        return (self.lower is None or value >= self.lower) and \
            (self.upper is None or value < self.upper)


@dataclass(frozen=True)
class ClassScheme:
    """The classes of one map: ranges in order (light to dark) and the no-data class."""

    scheme: str
    field: str
    classes: Tuple[ClassRange, ...]
    breaks: Tuple[float, ...]
    no_data: ClassRange

    def class_of(self, value):
        """The ClassRange of a value (the no-data class for None / NaN)."""
        for class_range in self.classes:
            if class_range.contains(value):
                return class_range
        return self.no_data

    @property
    def labels(self):
        """Labels of all classes, the no-data class last."""
        return [c.label for c in self.classes] + [self.no_data.label]


def label_number(value, decimals=1):
    """A break as shown in a Dutch legend: 40, 41,7, −5 (decimal comma, minus sign)."""
    value = float(value)
    if abs(value - round(value)) < 1e-9:
        text = str(int(round(value)))
    else:
        text = "{:.{}f}".format(value, decimals).rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",").replace("-", "\u2212")


def range_text(lower, upper, decimals=1):
    """'< 40', '40–50', '≥ 60', '−5 tot −1' for a class range."""
    if lower is None:
        return "< {}".format(label_number(upper, decimals))
    if upper is None:
        return "\u2265 {}".format(label_number(lower, decimals))
    low, high = label_number(lower, decimals), label_number(upper, decimals)
    if lower < 0:
        return "{} tot {}".format(low, high)
    return "{}\u2013{}".format(low, high)


def _ranges(breaks, names, colors, decimals, translate):
    bounds = [None] + list(breaks) + [None]
    ranges = []
    for number, (name, color) in enumerate(zip(names, colors), start=1):
        lower, upper = bounds[number - 1], bounds[number]
        label = "{} ({})".format(translate(name), range_text(lower, upper, decimals))
        ranges.append(ClassRange("klasse_{}".format(number), label, color, lower, upper))
    return tuple(ranges)


def no_data_class(translate=_identity, palette=None):
    """The "Geen gegevens" class for NULL values."""
    palette = palette or load_palette()
    return ClassRange(NO_DATA_KEY, translate(NO_DATA_LABEL), palette.no_data_fill, None, None)


def breaks_scheme(field, breaks, scheme=FIXED, decimals=1, translate=_identity,
                  palette=None):
    """A sequential scheme of ascending ``breaks`` (names as mdi:classifyquartiles)."""
    palette = palette or load_palette()
    breaks = tuple(float(b) for b in breaks)
    if any(high <= low for low, high in zip(breaks, breaks[1:])):
        raise ValueError("breaks must be strictly ascending: {}".format(breaks))
    names = class_labels(breaks)
    colors = palette.sequential_colors(len(breaks) + 1)
    return ClassScheme(scheme, field, _ranges(breaks, names, colors, decimals, translate),
                       breaks, no_data_class(translate, palette))


def report_scheme(field="mdi", translate=_identity, palette=None):
    """The report's fixed breaks 40/50/60: Laag (< 40) ... Zeer hoog (≥ 60)."""
    return breaks_scheme(field, REPORT_BREAKS, FIXED, 0, translate, palette)


def quartile_scheme(field, values, translate=_identity, palette=None):
    """Quartiles of ``values`` (floats, NaN = no data); InputError when there are no
    values or the quartiles coincide."""
    return breaks_scheme(field, quartile_breaks(values), QUARTILES, 1, translate, palette)


def change_scheme(field, breaks=None, translate=_identity, palette=None):
    """Diverging scheme centred on 0 (default breaks −5, −1, 1, 5 percentage points)."""
    palette = palette or load_palette()
    breaks = tuple(float(b) for b in (breaks if breaks is not None
                                      else palette.diverging_breaks))
    if len(breaks) != len(CHANGE_NAMES) - 1:
        raise ValueError("a change scheme needs {} breaks, not {}".format(
            len(CHANGE_NAMES) - 1, len(breaks)))
    if any(high <= low for low, high in zip(breaks, breaks[1:])):
        raise ValueError("breaks must be strictly ascending: {}".format(breaks))
    decimals = 0 if all(float(b).is_integer() for b in breaks) else 1
    return ClassScheme(CHANGE, field, _ranges(breaks, CHANGE_NAMES, palette.diverging,
                                              decimals, translate),
                       breaks, no_data_class(translate, palette))


def make_scheme(scheme, field, values=None, breaks=None, translate=_identity, palette=None):
    """The ClassScheme ``scheme`` (FIXED, QUARTILES or CHANGE) for ``field``.

    QUARTILES needs ``values``; ``breaks`` overrides the breaks of FIXED and CHANGE.
    """
    if scheme == FIXED:
        if breaks is not None:
            return breaks_scheme(field, breaks, FIXED, 1, translate, palette)
        return report_scheme(field, translate, palette)
    if scheme == QUARTILES:
        if values is None:
            raise ValueError("quartiles need the values of the layer")
        return quartile_scheme(field, values, translate, palette)
    if scheme == CHANGE:
        return change_scheme(field, breaks, translate, palette)
    raise ValueError("unknown scheme {!r}; one of {}".format(scheme, ", ".join(SCHEMES)))


def top_n_rows(values, n=10, mask=None):
    """Row indices of the features ranked 1 .. ``n`` by value (highest first), as
    mdi:topn ranks them (core.topn: ties share a rank, so ties at place ``n`` are all
    included; NaN never counts). ``mask`` (booleans) limits the candidate rows."""
    values = np.asarray(values, dtype=float)
    groups = None if mask is None else np.where(np.asarray(mask, dtype=bool), 0, -1)
    ranks = competition_ranks(values, groups)
    rows = np.flatnonzero(ranks <= int(n))
    return [int(row) for row in rows[np.argsort(ranks[rows], kind="stable")]]
