"""Aggregating unit scores (buurten, gemeenten) to regions (gemeenten, COROP), per year.

Rules (documented in the README and the algorithm help):

* Units are grouped by region, or by region and year when years are given. A unit without
  a region (or, with years, without a year) belongs to no group; its row is reported.
* NULL (NaN) values are left out of every statistic; a group whose units are all NULL for
  a field gets NULL. The weighted mean also leaves out units without a weight; a group
  whose weights add up to 0 gets NULL.
* ``n_eenheden`` counts all units of a group, with or without values.
* Shares from a class field (1-4 from mdi:classifyquartiles): ``aandeel_hoog`` is the share
  (0-1) of units in class 3 or higher among the units that have a class;
  ``aandeel_inw_zeer_hoog`` is the share (0-1) of the weight (inhabitants) of the units with
  a class and a weight that lives in class 4 or higher.
* Groups given in advance (``all_regions``) without any unit are kept: count 0, NULL stats.

Everything is numpy group-by (factorise + bincount / one sort), no Python loops over units
except the factorisation of the region keys.
"""

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .codes import area_keys
from .compute import DOMAIN_FIELD_PREFIX, TOTAL_FIELD, Message
from .classify import CLASS_SUFFIX
from .errors import InputError
from .fieldnames import find_shortened
from .values import parse_numeric_column, parse_year_column

MEAN = "mean"
WEIGHTED_MEAN = "weighted_mean"
MEDIAN = "median"
MINIMUM = "minimum"
MAXIMUM = "maximum"
#: Order of the algorithm's METHOD enum.
METHODS = (MEAN, WEIGHTED_MEAN, MEDIAN, MINIMUM, MAXIMUM)

COUNT_FIELD = "n_eenheden"
SHARE_HIGH = "aandeel_hoog"
SHARE_WEIGHT_VERY_HIGH = "aandeel_inw_zeer_hoog"
#: Classes counted as high ("Hoog" and up) and very high ("Zeer hoog" and up).
HIGH_CLASS = 3
VERY_HIGH_CLASS = 4
#: How many unmatched units the log names before it says "and N more".
UNMATCHED_LISTED = 20
#: Reasons why a unit is in no group (besides those of the region polygons).
NO_REGION = "no_region"
NO_YEAR = "no_year"


def default_fields(spec, available):
    """``mdi`` and the ``mdi_<domain>`` fields of the spec that ``available`` has, also
    under the names a Shapefile cuts them to (``mdi_inkome``); see default_field_lookup."""
    return default_field_lookup(spec, available)[0]


def default_field_lookup(spec, available):
    """(fields found, names not found) of ``mdi`` and the spec's ``mdi_<domain>`` fields,
    found as spelled, in any case or cut to 10 characters (fieldnames.find_shortened)."""
    available = list(available)
    found, missing = [], []
    for wanted in [TOTAL_FIELD] + [DOMAIN_FIELD_PREFIX + d for d in spec.domain_ids]:
        name = find_shortened(wanted, available, found)
        if name is None:
            missing.append(wanted)
        else:
            found.append(name)
    return found, missing


def class_field_of(field_name, available):
    """The class field ``<field>_klasse`` of an aggregated field (also cut to 10
    characters, never the field itself), or None."""
    return find_shortened(field_name + CLASS_SUFFIX, list(available), [field_name])


def primary_field(fields):
    """The field whose shares get the plain names: ``mdi`` if aggregated, else the first."""
    for name in fields:
        if name.lower() == TOTAL_FIELD:
            return name
    return fields[0] if fields else None


def share_field_names(field_name, primary):
    """(share of high units, share of weight in very high units) field names of a field.

    The primary field gets ``aandeel_hoog`` / ``aandeel_inw_zeer_hoog``, any other field
    ``<field>_aandeel_hoog`` / ``<field>_aandeel_inw_zeer_hoog``.
    """
    if field_name == primary:
        return SHARE_HIGH, SHARE_WEIGHT_VERY_HIGH
    return field_name + "_" + SHARE_HIGH, field_name + "_" + SHARE_WEIGHT_VERY_HIGH


def membership_mode(region_field_set, regions_set, regions_id_field_set):
    """How units are put in regions, from which parameters are set: "REGION_FIELD" (a
    region code field in the input) or "REGIONS" (region polygons with REGIONS_ID_FIELD).
    InputError unless exactly one of the two is chosen consistently."""
    if region_field_set and regions_set:
        raise InputError("Give either REGION_FIELD (a region code field in the input) or "
                         "REGIONS (a layer of region polygons), not both.")
    if region_field_set:
        if regions_id_field_set:
            raise InputError("REGIONS_ID_FIELD belongs to REGIONS; with REGION_FIELD leave it "
                             "empty.")
        return "REGION_FIELD"
    if regions_set:
        return "REGIONS"
    if regions_id_field_set:
        raise InputError("REGIONS_ID_FIELD is set but REGIONS is not: choose the layer of "
                         "region polygons, or use REGION_FIELD instead.")
    raise InputError("Choose how units belong to regions: REGION_FIELD (a region code field "
                     "in the input, e.g. coropcode) or REGIONS (a layer of region polygons "
                     "with REGIONS_ID_FIELD).")


def region_key(value):
    """The grouping key of a raw region code: the value as given, None when missing.

    None, NaN and blank text mean "no region"; everything else is used unchanged (the ids
    of region polygons; code fields of the units go through codes.area_keys).
    """
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _sorted_unique(values):
    unique = set(values)
    try:
        return sorted(unique)
    except TypeError:  # mixed types (e.g. text and numbers): order by type, then text
        return sorted(unique, key=lambda v: (type(v).__name__, str(v)))


def factorise(keys, known=None):
    """Integer labels of region keys: (labels with -1 for None, list of distinct keys).

    With ``known`` (the regions of a region layer, in their order) labels index ``known``
    and keys not in it get -1; otherwise the distinct keys are sorted.
    """
    if known is None:
        known = _sorted_unique(k for k in keys if k is not None)
    index = {k: i for i, k in enumerate(known)}
    labels = np.fromiter((index.get(k, -1) if k is not None else -1 for k in keys),
                         dtype=np.int64, count=len(keys))
    return labels, list(known)


def code_labels(values, field_name, feature_ids=None):
    """Region labels of raw region codes: (labels, region keys, warnings); the keys are
    those of codes.area_keys (one CBS code in any form is one region, written in its
    canonical form; a value that is no code like the others is an InputError), labelled
    by factorise."""
    keys, warnings = area_keys(values, field_name, feature_ids)
    labels, regions = factorise(keys)
    return labels, regions, warnings


@dataclass
class Groups:
    """Groups of units: the region (and year) of each group and the group of each unit."""

    regions: list                  # region key of each group
    years: Optional[np.ndarray]    # year of each group (NaN: none), None without years
    inverse: np.ndarray            # group of each unit, -1 = in no group

    @property
    def size(self):
        """Number of groups."""
        return len(self.regions)

    def unit_counts(self):
        """Number of units in each group."""
        return np.bincount(self.inverse[self.inverse >= 0], minlength=self.size)


def make_groups(region_labels, regions, years=None, keep_all=False):
    """Group units by region label (index into ``regions``, -1 = none) and year.

    ``keep_all``: every region gets a group even without units (with years: every region
    in every year that occurs among the grouped units). Otherwise only groups with units
    exist, ordered by region, then year.
    """
    labels = np.asarray(region_labels, dtype=np.int64)
    n_regions = len(regions)
    if years is None:
        if keep_all:
            return Groups(list(regions), None, labels.copy())
        used, inverse = np.unique(labels[labels >= 0], return_inverse=True)
        out = np.full(len(labels), -1, dtype=np.int64)
        out[labels >= 0] = inverse
        return Groups([regions[i] for i in used], None, out)
    years = np.asarray(years, dtype=float)
    matched = (labels >= 0) & ~np.isnan(years)
    distinct, year_index = np.unique(years[matched], return_inverse=True)
    n_years = len(distinct)
    out = np.full(len(labels), -1, dtype=np.int64)
    if keep_all:
        if n_years == 0:
            return Groups(list(regions), np.full(n_regions, np.nan), out)
        out[matched] = labels[matched] * n_years + year_index
        region_of_group = np.repeat(np.arange(n_regions), n_years)
        year_of_group = np.tile(distinct, n_regions)
        return Groups([regions[i] for i in region_of_group], year_of_group, out)
    stride = max(n_years, 1)
    used, inverse = np.unique(labels[matched] * stride + year_index, return_inverse=True)
    out[matched] = inverse
    return Groups([regions[i] for i in used // stride], distinct[used % stride], out)


def _ratio(numerator, denominator):
    out = np.full(len(denominator), np.nan)
    ok = denominator > 0
    out[ok] = numerator[ok] / denominator[ok]
    return out


def _sum_scale(values):
    """A power of two to divide ``values`` by so that sums of them cannot overflow (1.0
    for ordinary values; dividing by a power of two is exact): the sum of n values of at
    most ``peak`` stays below n * peak, so scaling starts where that could pass 1e300."""
    finite = np.abs(values[np.isfinite(values)])
    peak = float(finite.max()) if finite.size else 0.0
    if peak * max(finite.size, 1) < 1e300:
        return 1.0
    return float(np.ldexp(1.0, int(np.frexp(peak)[1]) - 1))


def relative_weights(group, weights, n_groups):
    """Each weight divided by the power of two just above the largest weight of its own
    group (so 0..1, below 2 near the float maximum; exact: dividing by a power of two does
    not round). Ratios of
    weighted sums within a group are unchanged, while no sum of weights, nor of value x
    weight, can overflow (weights up to 1e308 are fine); one group's scale never touches
    another's. A group whose weights are all 0 keeps 0."""
    weights = np.asarray(weights, dtype=float)
    largest = np.zeros(n_groups)
    np.maximum.at(largest, group, np.abs(weights))
    divisor = np.ldexp(1.0, np.minimum(np.frexp(largest)[1], 1023))[group]  # 2**1024: inf
    return np.divide(weights, divisor, out=np.zeros_like(weights),
                     where=largest[group] > 0)


def weighted_group_means(group, values, weights, n_groups):
    """sum(weight * value) / sum(weight) per group (NaN where the weights add up to 0),
    without overflow for any finite values and weights (relative_weights, _sum_scale).
    ``group``: group of each row (no -1, no NaN among the rows given)."""
    relative = relative_weights(group, weights, n_groups)
    values = np.asarray(values, dtype=float)
    scale = _sum_scale(values)
    return _ratio(np.bincount(group, values / scale * relative, minlength=n_groups),
                  np.bincount(group, relative, minlength=n_groups)) * scale


def weighted_shares(group, hit, weights, n_groups):
    """Per group: the share of the weight held by the rows where ``hit`` is true, without
    overflow (relative_weights)."""
    relative = relative_weights(group, weights, n_groups)
    return _ratio(np.bincount(group[hit], relative[hit], minlength=n_groups),
                  np.bincount(group, relative, minlength=n_groups))


def group_statistic(values, inverse, n_groups, method, weights=None):
    """One statistic of ``values`` per group; NaN values (and weights) are left out."""
    values = np.asarray(values, dtype=float)
    inverse = np.asarray(inverse, dtype=np.int64)
    ok = (inverse >= 0) & ~np.isnan(values)
    if method == WEIGHTED_MEAN:
        if weights is None:
            raise InputError("The weighted mean needs a weight field (WEIGHT_FIELD), e.g. "
                             "inwoners.")
        weights = np.asarray(weights, dtype=float)
        ok &= ~np.isnan(weights)
        return weighted_group_means(inverse[ok], values[ok], weights[ok], n_groups)
    group, value = inverse[ok], values[ok]
    counts = np.bincount(group, minlength=n_groups)
    if method == MEAN:
        scale = _sum_scale(value)
        return _ratio(np.bincount(group, value / scale, minlength=n_groups), counts) * scale
    if method not in (MEDIAN, MINIMUM, MAXIMUM):
        raise ValueError("unknown method {!r}".format(method))
    has = counts > 0
    if method in (MINIMUM, MAXIMUM):  # one unbuffered pass, no sort
        extreme = np.minimum if method == MINIMUM else np.maximum
        out = np.full(n_groups, np.inf if method == MINIMUM else -np.inf)
        extreme.at(out, group, value)
        out[~has] = np.nan
        return out
    ordered = value[np.lexsort((value, group))]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    out = np.full(n_groups, np.nan)
    first, count = starts[has], counts[has]
    low, high = ordered[first + (count - 1) // 2], ordered[first + count // 2]
    with np.errstate(over="ignore"):
        middle = (low + high) / 2.0       # exact for tiny (subnormal) values too
    # halves first only where the sum overflows (two values near the float maximum)
    out[has] = np.where(np.isfinite(middle), middle, low / 2.0 + high / 2.0)
    return out


def class_shares(classes, inverse, n_groups, weights=None):
    """(share of units with class >= 3, share of weight in class >= 4) per group.

    Only units with a class count (and, for the weighted share, with a weight); the
    second array is None without weights. NaN where a group has no such unit.
    """
    classes = np.asarray(classes, dtype=float)
    inverse = np.asarray(inverse, dtype=np.int64)
    ok = (inverse >= 0) & ~np.isnan(classes)
    high = ok & (classes >= HIGH_CLASS)
    share_high = _ratio(np.bincount(inverse[high], minlength=n_groups).astype(float),
                        np.bincount(inverse[ok], minlength=n_groups).astype(float))
    if weights is None:
        return share_high, None
    weights = np.asarray(weights, dtype=float)
    weighted = ok & ~np.isnan(weights)
    share_weight = weighted_shares(inverse[weighted], classes[weighted] >= VERY_HIGH_CLASS,
                                   weights[weighted], n_groups)
    return share_high, share_weight


#: Largest year the output's (32-bit integer) year field can hold.
MAX_YEAR = 2 ** 31 - 1


def check_years(years, field_name, feature_ids=None):
    """Raise InputError for a year too large for the output's integer year field."""
    years = np.asarray(years, dtype=float)
    bad = np.flatnonzero(~np.isnan(years) & (np.abs(years) > MAX_YEAR))
    if bad.size:
        row = int(bad[0])
        feature = feature_ids[row] if feature_ids is not None else row
        raise InputError("Year field '{field}', feature {feature}: {value:.0f} is not a year "
                         "(too large for the output's year field). Correct the value, or "
                         "choose the right YEAR_FIELD.", field=field_name, feature=feature,
                         value=float(years[row]))


def check_weights(weights, field_name, feature_ids=None):
    """Raise InputError for a negative weight, naming the field and the feature."""
    negative = np.flatnonzero(np.asarray(weights, dtype=float) < 0)
    if negative.size:
        row = int(negative[0])
        feature = feature_ids[row] if feature_ids is not None else row
        raise InputError("Weight field '{field}', feature {feature}: weight {value:g} is "
                         "negative; weights (e.g. inhabitants) must be 0 or more.",
                         field=field_name, feature=feature, value=float(weights[row]))


@dataclass
class Units:
    """The parsed columns of the units: values per field, weights, years, classes."""

    columns: Dict[str, np.ndarray]
    weights: Optional[np.ndarray] = None
    years: Optional[np.ndarray] = None
    classes: Dict[str, np.ndarray] = field(default_factory=dict)


def parse_units(raw, ids, fields, class_fields=None, weight_field=None, year_field=None):
    """Units from raw columns ({name: values}) of the features ``ids``.

    ``fields``: the fields to aggregate; ``class_fields``: {field: its class field}.
    Numbers are parsed (text with a decimal comma too), weights must be 0 or more and
    years whole numbers that fit the output; an InputError names the field and feature.
    """
    units = Units({f: parse_numeric_column(raw[f], f, ids) for f in fields})
    if weight_field:
        units.weights = parse_numeric_column(raw[weight_field], weight_field, ids)
        check_weights(units.weights, weight_field, ids)
    if year_field:
        units.years = parse_year_column(raw[year_field], year_field, ids)
        check_years(units.years, year_field, ids)
    units.classes = {f: parse_numeric_column(raw[c], c, ids)
                     for f, c in (class_fields or {}).items()}
    return units


@dataclass
class AggregateResult:
    """Statistics, counts and shares per group, the unmatched unit rows and messages."""

    groups: Groups
    statistics: Dict[str, np.ndarray]
    unit_counts: np.ndarray
    shares: Dict[str, np.ndarray] = field(default_factory=dict)
    unmatched: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    warnings: List[Message] = field(default_factory=list)

    @property
    def region_count(self):
        """Number of distinct regions in the output."""
        return len(set(self.groups.regions))

    def rows(self, fields):
        """(region key, output values) per group: the year (with years), the statistics of
        ``fields``, the unit count and the shares; NaN becomes None."""
        columns = [self.statistics[f] for f in fields] + [self.unit_counts] + \
            list(self.shares.values())
        columns = [[None if v != v else v for v in c.tolist()] for c in columns]
        years = self.groups.years
        out = []
        for group, key in enumerate(self.groups.regions):
            values = [c[group] for c in columns]
            if years is not None:
                year = float(years[group])
                values.insert(0, None if year != year else int(year))
            out.append((key, values))
        return out

    def unmatched_by_reason(self, region_labels, reasons, feature_ids):
        """{reason: unmatched rows}: NO_YEAR for units with a region (but no year), else
        ``reasons[feature id]`` (e.g. outside every polygon), else NO_REGION."""
        out = {}
        for row in self.unmatched.tolist():
            reason = NO_YEAR if region_labels[row] >= 0 else \
                reasons.get(feature_ids[row], NO_REGION)
            out.setdefault(reason, []).append(row)
        return out


def aggregate(region_labels, regions, columns, method=MEAN, weights=None, years=None,
              classes=None, keep_all=False):
    """Aggregate unit columns to regions (and years).

    ``region_labels``: index into ``regions`` per unit (-1 = no region), see factorise();
    ``columns``: {field: float array}; ``weights``: float array (required for the weighted
    mean; with classes it also gives the weighted share); ``years``: float array or None;
    ``classes``: {field: class array} of the aggregated fields that have a class field.
    Returns an AggregateResult.
    """
    if method not in METHODS:
        raise ValueError("unknown method {!r}".format(method))
    if method == WEIGHTED_MEAN and weights is None:
        raise InputError("METHOD 'weighted mean' needs WEIGHT_FIELD: choose the field with "
                         "the weights, e.g. inwoners (inhabitants).")
    groups = make_groups(region_labels, regions, years, keep_all)
    n_groups = groups.size
    statistics = {name: group_statistic(values, groups.inverse, n_groups, method, weights)
                  for name, values in columns.items()}
    result = AggregateResult(groups, statistics, groups.unit_counts(),
                             unmatched=np.flatnonzero(groups.inverse < 0))
    if method == WEIGHTED_MEAN:
        _warn_missing_weights(result, columns, weights)
    primary = primary_field(list(columns))
    for name, class_values in (classes or {}).items():
        high_name, weight_name = share_field_names(name, primary)
        high, weighted = class_shares(class_values, groups.inverse, n_groups, weights)
        result.shares[high_name] = high
        if weighted is not None:
            result.shares[weight_name] = weighted
        top = np.nanmax(class_values) if not np.isnan(class_values).all() else np.nan
        if top > VERY_HIGH_CLASS:
            result.warnings.append(Message(
                "Class field of '{field}' has classes up to {top:g}; the shares count class "
                "{high} and up as high and {very_high} and up as very high, as for the "
                "report's four classes.", {"field": name, "top": float(top),
                                           "high": HIGH_CLASS, "very_high": VERY_HIGH_CLASS}))
    return result


def _warn_missing_weights(result, columns, weights):
    weights = np.asarray(weights, dtype=float)
    grouped = result.groups.inverse >= 0
    for name, values in columns.items():
        lost = int(np.count_nonzero(grouped & ~np.isnan(values) & np.isnan(weights)))
        if lost:
            result.warnings.append(Message(
                "Field '{field}': {count} unit(s) have a value but no weight and are left "
                "out of the weighted mean.", {"field": name, "count": lost}))
    groups_with_values = np.zeros(result.groups.size, dtype=bool)
    for values in columns.values():
        ok = grouped & ~np.isnan(values)
        groups_with_values[result.groups.inverse[ok]] = True
    zero = groups_with_values & ~(np.bincount(
        result.groups.inverse[grouped & (weights > 0)], minlength=result.groups.size) > 0)
    if zero.any():
        result.warnings.append(Message(
            "{count} region(s) have values but no positive weight; their weighted means are "
            "NULL.", {"count": int(zero.sum())}))


def output_columns(region_field, year_field, fields, share_names):
    """[(name, type)] of the new output fields: the year, the aggregated fields, the unit
    count and the shares. InputError when two of them (or one and the region code field)
    would have the same name."""
    columns = ([(year_field, "int")] if year_field else []) + \
        [(f, "double") for f in fields] + [(COUNT_FIELD, "int")] + \
        [(s, "double") for s in share_names]
    taken = set()
    for name in [c[0] for c in columns] + ([region_field] if region_field else []):
        if name.lower() in taken:
            raise InputError("The output would have two fields named '{field}'; leave "
                             "'{field}' out of FIELDS or rename it.", field=name)
        taken.add(name.lower())
    return columns


def describe_units(rows, label, limit=UNMATCHED_LISTED):
    """A short list like 'BU0001 (feature 3), ... and 12 more' of the given unit rows.

    ``label(row)`` gives the text of one unit; only the listed rows are labelled.
    """
    rows = list(rows)
    shown = [label(int(r)) for r in rows[:limit]]
    text = ", ".join(shown)
    if len(rows) > limit:
        text += " and {} more".format(len(rows) - limit)
    return text
