"""Change between two years per area: differences in percentage points, class transitions
and the report's "verschillende snelheden" (different speeds) reading.

Rules (documented in the algorithm help and the README):

* the input is long: one row per area per year; an area is identified by its id
  (codes.area_keys: one CBS code in any form is one area, e.g. GM0363 in one year and 363
  in the other; NULL and blank are no id). Rows without id or year are left out
  and counted; two rows of one area in FROM_YEAR (or in TO_YEAR) are an error;
* FROM_YEAR and TO_YEAR default to the earliest and latest year present;
* ``verschil_<field>`` = value in TO_YEAR - value in FROM_YEAR (percentage points for the
  0-100 scores); NULL when either value is NULL. A higher MDI is worse, so a negative
  difference is an improvement;
* the national change is the mean difference of the primary field (``mdi``, else the first
  field) over all areas with a value in both years: unweighted (every area counts once, as
  the report's COROP means), or weighted by WEIGHT_FIELD of the TO_YEAR row;
* ``tempo``: "sneller verbeterd" (difference < 0 and below the national change),
  "langzamer verbeterd" (difference < 0, not below the national change), "gelijk gebleven"
  (0), "verslechterd" (> 0); NULL without a difference. ``verschil_tov_landelijk`` =
  difference - national change (negative: improved faster than the country);
* ``klasse_overgang``: "<class FROM> → <class TO>" or "gelijk"; NULL when a class is missing;
* areas only in TO_YEAR are output with NULL differences; areas only in FROM_YEAR cannot be
  output (no TO_YEAR geometry) and are listed in the log. Both are counted.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .aggregate import factorise, weighted_group_means
from .classify import NO_DATA_LABEL, REPORT_BREAKS, class_labels, classify, labels_of
from .codes import area_keys
from .compute import Message
from .errors import InputError

IMPROVED_FASTER = "sneller verbeterd"
IMPROVED_SLOWER = "langzamer verbeterd"
UNCHANGED = "gelijk gebleven"
WORSENED = "verslechterd"
SAME_CLASS = "gelijk"
ARROW = " \u2192 "
#: Output field names.
DIFFERENCE_PREFIX = "verschil_"
CLASS_PREFIX = "klasse_"
TRANSITION_FIELD = "klasse_overgang"
TEMPO_FIELD = "tempo"
RELATIVE_FIELD = "verschil_tov_landelijk"
BOTH_YEARS_FIELD = "in_beide_jaren"
#: How many areas the log names before it says "and N more".
LISTED = 20


def year_field_name(field_name, year):
    """``mdi_2014``: the output field of a compared field in one year."""
    return "{}_{}".format(field_name, int(year))


def difference_field_name(field_name):
    """``verschil_mdi``: the difference field of a compared field."""
    return DIFFERENCE_PREFIX + field_name


def derived_class_labels(values):
    """Class labels of MDI values with the report's fixed breaks 40/50/60 (None = none)."""
    classes = classify(values, REPORT_BREAKS)
    return [None if c is None else label
            for c, label in zip(classes, labels_of(classes, class_labels(REPORT_BREAKS)))]


def class_text(value):
    """A class value as text (labels as given, 3.0 -> '3'); None for missing and for the
    label of rows without data."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    return None if not text or text == NO_DATA_LABEL else text


def transition(label_from, label_to):
    """'Hoog → Gematigd', 'gelijk', or None when a class is missing."""
    if label_from is None or label_to is None:
        return None
    return SAME_CLASS if label_from == label_to else label_from + ARROW + label_to


def tempo_labels(differences, national):
    """The 'different speeds' label of each difference (None where NaN)."""
    labels = []
    for d in np.asarray(differences, dtype=float).tolist():
        if d != d:
            labels.append(None)
        elif d < 0:
            labels.append(IMPROVED_FASTER if d < national else IMPROVED_SLOWER)
        elif d == 0:
            labels.append(UNCHANGED)
        else:
            labels.append(WORSENED)
    return labels


@dataclass
class ChangeResult:
    """One entry per output area (the areas present in TO_YEAR, in input order)."""

    from_year: int
    to_year: int
    keys: list                              # area id of each output area
    to_rows: np.ndarray                     # input row of the TO_YEAR record
    from_rows: np.ndarray                   # input row of the FROM_YEAR record, -1 = none
    values_from: Dict[str, np.ndarray]
    values_to: Dict[str, np.ndarray]
    differences: Dict[str, np.ndarray]
    primary: str
    national: float
    relative: np.ndarray
    tempo: List[Optional[str]]
    class_from: List[Optional[str]]
    class_to: List[Optional[str]]
    transitions: List[Optional[str]]
    only_from_rows: np.ndarray              # FROM_YEAR rows of areas absent in TO_YEAR
    skipped: int = 0                        # rows without id or year
    warnings: List[Message] = field(default_factory=list)

    @property
    def only_to_count(self):
        """Areas present in TO_YEAR only."""
        return int(np.count_nonzero(self.from_rows < 0))

    @property
    def both_count(self):
        """Areas present in both years."""
        return int(np.count_nonzero(self.from_rows >= 0))


def _year_text(years):
    return ", ".join(str(int(y)) for y in years)


def choose_years(years, from_year=None, to_year=None):
    """(FROM_YEAR, TO_YEAR) as ints: the given years, else the earliest and latest present.

    Raises InputError for a year that does not occur, for fewer than two years and when
    FROM_YEAR is not before TO_YEAR.
    """
    present = np.unique(np.asarray(years, dtype=float)[~np.isnan(years)])
    if present.size == 0:
        raise InputError("No row has a year: fill in the year field (YEAR_FIELD).")
    if present.size < 2 and (from_year is None or to_year is None):
        raise InputError("The input has only one year ({years}): a change needs two years. "
                         "Use a long table with one row per area per year.",
                         years=_year_text(present))
    chosen = []
    for name, value, default in (("FROM_YEAR", from_year, present[0]),
                                 ("TO_YEAR", to_year, present[-1])):
        if value is None:
            chosen.append(int(default))
            continue
        if float(value) not in present:
            raise InputError("{parameter} {year} does not occur in the input; its years are "
                             "{years}.", parameter=name, year=int(value),
                             years=_year_text(present))
        chosen.append(int(value))
    if chosen[0] >= chosen[1]:
        raise InputError("FROM_YEAR ({first}) must be before TO_YEAR ({last}).",
                         first=chosen[0], last=chosen[1])
    return chosen[0], chosen[1]


def _rows_of_year(labels, years, year, n_areas, keys, feature_ids):
    """Row of each area in ``year`` (-1 = none); InputError for an area with two rows."""
    rows = np.flatnonzero((years == year) & (labels >= 0))
    counts = np.bincount(labels[rows], minlength=n_areas)
    duplicated = np.flatnonzero(counts > 1)
    if duplicated.size:
        area = int(duplicated[0])
        dup_rows = rows[labels[rows] == area]
        features = ", ".join(str(feature_ids[r] if feature_ids is not None else r)
                             for r in dup_rows[:5])
        raise InputError("Area '{area}' has {count} rows in year {year} (features "
                         "{features}); {more}ID_FIELD must identify one row per area and "
                         "year. Choose another ID_FIELD or remove the duplicates.",
                         area=keys[area], count=int(counts[area]), year=int(year),
                         features=features,
                         more=("{} area(s) have duplicates; ".format(duplicated.size)
                               if duplicated.size > 1 else ""))
    out = np.full(n_areas, -1, dtype=np.int64)
    out[labels[rows]] = rows
    return out


def change_over_time(ids, years, columns, from_year=None, to_year=None, classes=None,
                     weights=None, primary=None, feature_ids=None, id_field="ID_FIELD"):
    """Compare two years per area.

    ``ids``: raw area ids; ``years``: float array (NaN = missing); ``columns``: {field:
    float array} of the compared fields (at least one); ``classes``: class label (or
    number) per row, or None (no transitions); ``weights``: float array for a weighted
    national change, or None; ``primary``: field of the tempo (default: ``mdi`` if
    compared, else the first field).
    """
    if not columns:
        raise InputError("Choose at least one field to compare (FIELDS).")
    years = np.asarray(years, dtype=float)
    keys, warnings = area_keys(ids, id_field, feature_ids)
    labels, areas = factorise(keys)
    usable = (labels >= 0) & ~np.isnan(years)
    skipped = int(np.count_nonzero(~usable))
    first, last = choose_years(years[usable], from_year, to_year)
    from_of = _rows_of_year(labels, years, first, len(areas), areas, feature_ids)
    to_of = _rows_of_year(labels, years, last, len(areas), areas, feature_ids)
    in_to = np.flatnonzero(to_of >= 0)
    in_to = in_to[np.argsort(to_of[in_to], kind="stable")]       # input order
    to_rows, from_rows = to_of[in_to], from_of[in_to]
    if not np.any(from_rows >= 0):
        raise InputError("No area is present in both {first} and {last}: the area ids do not "
                         "match between the years. Check ID_FIELD (codes change when "
                         "gemeenten merge).", first=first, last=last)
    only_from = from_of[(from_of >= 0) & (to_of < 0)]

    values_from, values_to, differences = {}, {}, {}
    for name, values in columns.items():
        values = np.asarray(values, dtype=float)
        before = np.where(from_rows >= 0, values[np.maximum(from_rows, 0)], np.nan)
        after = values[to_rows]
        with np.errstate(over="ignore", invalid="ignore"):
            difference = after - before
        overflow = np.flatnonzero(np.isinf(difference) & np.isfinite(after) &
                                  np.isfinite(before))
        if overflow.size:
            row = int(overflow[0])
            raise InputError("Field '{field}': the change of area '{area}' ({before:g} -> "
                             "{after:g}) is too large to compute. Check the values of this "
                             "field.", field=name, area=areas[labels[to_rows[row]]],
                             before=before[row], after=after[row])
        values_from[name], values_to[name], differences[name] = before, after, difference
    if primary is None:
        primary = next((n for n in columns if n.lower() == "mdi"), next(iter(columns)))
    national = _national_change(differences[primary], weights, to_rows, warnings)
    relative = differences[primary] - national
    tempo = tempo_labels(differences[primary], national)

    if classes is None:
        class_from = class_to = transitions = [None] * len(to_rows)
    else:
        class_from = [class_text(classes[r]) if r >= 0 else None for r in from_rows.tolist()]
        class_to = [class_text(classes[r]) for r in to_rows.tolist()]
        transitions = [transition(a, b) for a, b in zip(class_from, class_to)]
    return ChangeResult(first, last, [areas[labels[r]] for r in to_rows.tolist()], to_rows,
                        from_rows, values_from, values_to, differences, primary, national,
                        relative, tempo, class_from, class_to, transitions, only_from,
                        skipped, warnings)


def _national_change(differences, weights, to_rows, warnings):
    ok = ~np.isnan(differences)
    if not ok.any():
        raise InputError("No area has a value in both years for the primary field, so there "
                         "is no national change to compare with.")
    if weights is not None:
        weights = np.asarray(weights, dtype=float)[to_rows]
        lost = int(np.count_nonzero(ok & np.isnan(weights)))
        if lost:
            warnings.append(Message("{count} area(s) with a difference have no weight in the "
                                    "TO_YEAR row and are left out of the national change.",
                                    {"count": lost}))
        ok &= ~np.isnan(weights)
        if not np.any(weights[ok] > 0):
            raise InputError("The weights (WEIGHT_FIELD) of the areas with a difference add "
                             "up to 0: the weighted national change is undefined.")
    else:
        weights = np.ones(len(differences))
    # one group; weights relative to the largest and values scaled: no overflow
    return float(weighted_group_means(np.zeros(int(ok.sum()), dtype=np.int64),
                                      differences[ok], weights[ok], 1)[0])
