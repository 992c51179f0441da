"""The report's gemeente typology (rule-based flags) and its cross-table with MDI classes.

Rules (documented in the README and the algorithm help). Percentages are numbers 0-100;
every threshold is strict, as the report words them:

| type | rule |
| --- | --- |
| groei | population growth 2013-2023 > 5 % |
| krimp | population growth 2013-2023 < -2 % (a decline of more than 2 %) |
| new_town | > 35 % of the homes built after 1990 |
| historisch | > 8 % of the homes built before 1905 and a protected townscape |
| werkgemeente | > 100 jobs per 100 labour force and > 14,000 jobs |
| woongemeente | < 60 jobs per 100 labour force |
| groen | > 30 % forest and nature |
| agrarisch | > 75 % farmland |
| centrumgemeente | > 15 % of the inhabitants of its COROP region and a facilities score > 50 |
| industrieel | > 55 % of the labour force in industry in the 1960 census |
| toeristisch | > 10 % of the establishments or > 14 % of the labour force in tourism |

* A type is evaluated only when its fields are given (for toeristisch: at least one of
  the two). Missing values use three-valued logic: a condition on a missing value is
  unknown; "and" is false as soon as one part is false, "or" true as soon as one part is
  true; otherwise the flag is unknown (NULL), never a guessed 0.
* The COROP share is computed: inhabitants / sum of the inhabitants of the rows of the
  same region (rows without inhabitants left out) * 100.
* Size classes by inhabitants with ascending breaks (default 20,000, 50,000, 100,000; a
  value equal to a break goes up). The report names size classes without their bounds;
  these defaults are our choice.
* Cross-table: per type (and per size class, and for all gemeenten) the number of
  gemeenten with the type, how many of them have an MDI class, the count per class 1-4,
  ``aandeel_zeer_hoog`` (share in class 4 "Zeer hoog" among those with a class) and
  ``aandeel_hoog`` (class 3 or 4).
"""

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from .aggregate import factorise, relative_weights
from .classify import check_breaks, format_number
from .compute import Message
from .errors import InputError

GREATER = ">"
LESS = "<"


@dataclass(frozen=True)
class Condition:
    """``value(key) op threshold``."""

    key: str
    op: str
    threshold: float


@dataclass(frozen=True)
class TypeRule:
    """A gemeente type: conditions combined with "and" (or "or")."""

    id: str
    label_nl: str
    conditions: Tuple[Condition, ...]
    any_of: bool = False

    @property
    def keys(self):
        """The input keys the rule reads."""
        return tuple(c.key for c in self.conditions)


#: Input keys (one user field each); "corop_share" is computed from inhabitants + region.
GROWTH = "growth"
NEW_HOMES = "new_homes"
OLD_HOMES = "old_homes"
PROTECTED = "protected"
JOBS_RATIO = "jobs_ratio"
JOBS = "jobs"
NATURE = "nature"
FARMLAND = "farmland"
COROP_SHARE = "corop_share"
FACILITIES = "facilities"
INDUSTRY_1960 = "industry_1960"
TOURISM_ESTABLISHMENTS = "tourism_establishments"
TOURISM_LABOUR = "tourism_labour"

RULES = (
    TypeRule("groei", "Groeigemeente", (Condition(GROWTH, GREATER, 5.0),)),
    TypeRule("krimp", "Krimpgemeente", (Condition(GROWTH, LESS, -2.0),)),
    TypeRule("new_town", "New Town", (Condition(NEW_HOMES, GREATER, 35.0),)),
    TypeRule("historisch", "Historische gemeente",
             (Condition(OLD_HOMES, GREATER, 8.0), Condition(PROTECTED, GREATER, 0.5))),
    TypeRule("werkgemeente", "Werkgemeente",
             (Condition(JOBS_RATIO, GREATER, 100.0), Condition(JOBS, GREATER, 14000.0))),
    TypeRule("woongemeente", "Woongemeente", (Condition(JOBS_RATIO, LESS, 60.0),)),
    TypeRule("groen", "Groene gemeente", (Condition(NATURE, GREATER, 30.0),)),
    TypeRule("agrarisch", "Agrarische gemeente", (Condition(FARMLAND, GREATER, 75.0),)),
    TypeRule("centrumgemeente", "Centrumgemeente",
             (Condition(COROP_SHARE, GREATER, 15.0), Condition(FACILITIES, GREATER, 50.0))),
    TypeRule("industrieel", "Voormalig industriële gemeente",
             (Condition(INDUSTRY_1960, GREATER, 55.0),)),
    TypeRule("toeristisch", "Toeristische gemeente",
             (Condition(TOURISM_ESTABLISHMENTS, GREATER, 10.0),
              Condition(TOURISM_LABOUR, GREATER, 14.0)), any_of=True),
)
DEFAULT_SIZE_BREAKS = (20000.0, 50000.0, 100000.0)
TYPE_PREFIX = "type_"
SIZE_FIELD = "grootteklasse"
TYPES_FIELD = "typen"
ALL_LABEL = "Alle gemeenten"
_TRUE_TEXT = {"1", "true", "waar", "ja", "j", "yes", "y"}
_FALSE_TEXT = {"0", "false", "onwaar", "nee", "n", "no"}


def parse_flag_column(values, field_name, feature_ids=None):
    """Yes/no values (bool, 0/1, 'ja'/'nee', 'true'/'false') -> float array 1/0, NaN."""
    out = np.full(len(values), np.nan)
    for row, value in enumerate(values):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        if isinstance(value, bool):
            out[row] = float(value)
            continue
        if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1):
            out[row] = float(value)
            continue
        text = str(value).strip().lower()
        if text == "":
            continue
        if text in _TRUE_TEXT:
            out[row] = 1.0
        elif text in _FALSE_TEXT:
            out[row] = 0.0
        else:
            feature = feature_ids[row] if feature_ids is not None else row
            raise InputError("Field '{field}', feature {feature}: {value!r} is not yes or no. "
                             "Use 1/0, true/false or ja/nee.", field=field_name,
                             feature=feature, value=value)
    return out


def corop_share(population, regions):
    """Percentage of the inhabitants of its region for each row (NaN without either)."""
    population = np.asarray(population, dtype=float)
    labels, keys = factorise(list(regions))
    share = np.full(population.size, np.nan)
    rows = np.flatnonzero((labels >= 0) & ~np.isnan(population))
    if rows.size:     # inhabitants relative to each region's largest: sums cannot overflow
        relative = relative_weights(labels[rows], population[rows], len(keys))
        totals = np.bincount(labels[rows], relative, minlength=len(keys))[labels[rows]]
        positive = totals > 0
        share[rows[positive]] = relative[positive] / totals[positive] * 100.0
    return share


def _condition(values, condition):
    """1/0 per row, NaN where the value is missing."""
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        hit = values > condition.threshold if condition.op == GREATER \
            else values < condition.threshold
    return np.where(np.isnan(values), np.nan, hit.astype(float))


def evaluate_rule(rule, columns):
    """The flag (1/0/NaN) of one rule from {key: array}; the keys it lacks are skipped
    for "or" rules and must all be present for "and" rules (caller checks)."""
    parts = [_condition(columns[c.key], c) for c in rule.conditions if c.key in columns]
    stack = np.vstack(parts)
    if rule.any_of:
        true = (stack == 1).any(axis=0)
        false = (stack == 0).all(axis=0)
    else:
        true = (stack == 1).all(axis=0)
        false = (stack == 0).any(axis=0)
    return np.where(true, 1.0, np.where(false, 0.0, np.nan))


def size_labels(breaks):
    """'< 20.000', '20.000 - 50.000', ..., '>= 100.000'."""
    texts = ["{:,.0f}".format(b).replace(",", ".") if float(b).is_integer()
             else format_number(b) for b in breaks]
    labels = ["< " + texts[0]]
    labels += ["{} - {}".format(a, b) for a, b in zip(texts, texts[1:])]
    labels.append(">= " + texts[-1])
    return labels


def size_classes(population, breaks=DEFAULT_SIZE_BREAKS):
    """Size class label per row (None without inhabitants)."""
    breaks = check_breaks(breaks)
    labels = size_labels(breaks)
    population = np.asarray(population, dtype=float)
    index = np.searchsorted(np.asarray(breaks), population, side="right")
    return [None if math.isnan(p) else labels[i] for p, i in zip(population, index)], labels


@dataclass
class Typology:
    """Flags per type, size classes, and messages."""

    flags: Dict[str, np.ndarray]
    sizes: Optional[List[Optional[str]]]
    size_labels: List[str]
    warnings: List[Message] = field(default_factory=list)

    def type_list(self, row):
        """Comma-separated ids of the types of one row ('' when none, None when no type
        could be evaluated at all)."""
        known = [t for t, v in self.flags.items() if not math.isnan(v[row])]
        if not known:
            return None
        return ", ".join(t for t in known if self.flags[t][row] == 1.0)


def classify_gemeenten(columns, population=None, regions=None, breaks=DEFAULT_SIZE_BREAKS):
    """Evaluate every rule whose inputs ``columns`` ({key: float array}) provide.

    ``population`` (float array) gives size classes and, with ``regions`` (codes), the
    COROP share for centrumgemeente.
    """
    columns = dict(columns)
    warnings = []
    if population is not None and regions is not None:
        columns[COROP_SHARE] = corop_share(population, regions)
    flags = {}
    for rule in RULES:
        present = [k for k in rule.keys if k in columns]
        if not present:
            continue
        if not rule.any_of and len(present) < len(rule.keys):
            missing = [k for k in rule.keys if k not in columns]
            warnings.append(Message("Type '{type}' is not evaluated: it also needs "
                                    "{missing}.", {"type": rule.id,
                                                   "missing": ", ".join(missing)}))
            continue
        flags[rule.id] = evaluate_rule(rule, columns)
    sizes, labels = (None, [])
    if population is not None:
        sizes, labels = size_classes(population, breaks)
    if not flags and sizes is None:
        raise InputError("No type can be evaluated: give at least one typology field (or "
                         "the inhabitants field for the size classes).")
    return Typology(flags, sizes, labels, warnings)


@dataclass
class CrossRow:
    """One row of the cross-table of a type (or size class) against the MDI classes."""

    group: str
    label: str
    n: int
    n_with_class: int
    per_class: List[int]

    @property
    def share_very_high(self):
        """Share (0-1) in class 4 'Zeer hoog' among those with a class; NaN if none."""
        return self.per_class[3] / self.n_with_class if self.n_with_class else math.nan

    @property
    def share_high(self):
        """Share (0-1) in class 3 or 4 among those with a class; NaN if none."""
        return (self.per_class[2] + self.per_class[3]) / self.n_with_class \
            if self.n_with_class else math.nan


def _cross_row(group, label, members, classes):
    picked = classes[members]
    known = picked[~np.isnan(picked)]
    per_class = [int(np.count_nonzero(known == k)) for k in (1, 2, 3)]
    per_class.append(int(np.count_nonzero(known >= 4)))
    return CrossRow(group, label, int(members.sum()), int(known.size), per_class)


def cross_table(typology, classes):
    """Rows for all gemeenten, every evaluated type and every size class."""
    classes = np.asarray(classes, dtype=float)
    labels = {r.id: r.label_nl for r in RULES}
    rows = [_cross_row("alle", ALL_LABEL, np.ones(classes.size, dtype=bool), classes)]
    for type_id, flags in typology.flags.items():
        rows.append(_cross_row(type_id, labels[type_id], flags == 1.0, classes))
    if typology.sizes is not None:
        sizes = np.array([s if s is not None else "" for s in typology.sizes], dtype=object)
        for label in typology.size_labels:
            rows.append(_cross_row("grootte", label, sizes == label, classes))
    return rows
