"""Concentration of deprivation in gemeenten (or regions) from their units (buurten): the
share of inhabitants per class and the summary measures for higher geographies of the
English Indices of Deprivation 2019 (McLennan et al., 2019, Technical report, Appendix N).

Rules (documented in the algorithm help and the README; ``pop`` = inhabitants of a unit):

* **ranks** are national: every unit with a score in the input is ranked within its year
  (all units, also those in no group), rank 1 = highest score = most deprived, ties share
  the lowest rank. ``n_landelijk`` is the number of ranked units of that year (N).
* **percentile** of a unit: ``p = ceil(100 * rank / N)`` (1 = most deprived 1 %).
* ``aandeel_inw_klasse_k`` = sum(pop of units in class k) / sum(pop of units with a class);
  ``aandeel_inw_zeer_hoog`` the same for class 4 and up ("Zeer hoog").
* ``gem_score`` = sum(pop * score) / sum(pop) (population-weighted average score).
* ``gem_rang`` = sum(pop * rank) / sum(pop) (population-weighted average rank; low = more
  deprived. The IoD ranks the other way round for this average, most deprived = N; its
  value is N + 1 - ``gem_rang``, so the order of the groups is the same).
* ``omvang`` (extent) = sum(pop * w(p)) / sum(pop) with the IoD's weights: w = 1 for
  p <= 10, w = 0.95 - 0.9 * (p - 11) / 19 for 11 <= p <= 30 (0.95 at the 11th percentile
  down to 0.05 at the 30th), w = 0 for p > 30.
* ``lokale_concentratie`` (local concentration): the population-weighted average rank of
  the group's most deprived units that together hold exactly 10 % of the group's
  population: units in rank order, each counted with its whole population while the running
  total stays within 10 %; the unit that crosses the 10 % line counts with only the part
  of its population needed to reach exactly 10 %. A group of one unit gets that unit's rank.
* Sums run over the units of the group that have the value(s) needed and an inhabitant
  count; units without one are left out (counted in the warnings). A group whose
  population adds up to 0 gets NULL measures.
"""

from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

from .aggregate import SHARE_WEIGHT_VERY_HIGH, VERY_HIGH_CLASS, Groups
from .aggregate import make_groups, relative_weights, weighted_group_means, weighted_shares
from .compute import Message
from .errors import InputError
from .topn import combine_groups, competition_ranks

#: Number of classes the output always has share fields for (the report's four classes).
REPORT_CLASS_COUNT = 4
SHARE_CLASS_TEMPLATE = "aandeel_inw_klasse_{}"
AVERAGE_SCORE = "gem_score"
AVERAGE_RANK = "gem_rang"
EXTENT = "omvang"
LOCAL_CONCENTRATION = "lokale_concentratie"
NATIONAL_COUNT = "n_landelijk"
#: Share of a group's population whose units make up the local concentration.
LOCAL_SHARE = 0.10
#: Extent: full weight up to this percentile, tapering to EXTENT_LAST_WEIGHT at
#: EXTENT_LAST_PERCENTILE, 0 beyond.
EXTENT_FULL_PERCENTILE = 10
EXTENT_LAST_PERCENTILE = 30
EXTENT_FIRST_WEIGHT = 0.95
EXTENT_LAST_WEIGHT = 0.05


def national_ranks(scores, years=None):
    """(rank of each unit, N of its year): 1 = highest score, ties share the lowest rank,
    ranked within each year (all rows when ``years`` is None). NaN where the unit has no
    score (or, with years, no year)."""
    scores = np.asarray(scores, dtype=float)
    if years is None:
        year_groups = np.zeros(len(scores), dtype=np.int64)
    else:
        year_groups, _ = combine_groups(np.zeros(len(scores), dtype=np.int64), years)
    ranks = competition_ranks(scores, year_groups, ascending=False)
    ranked = ~np.isnan(ranks)
    counts = np.bincount(year_groups[ranked], minlength=max(int(year_groups.max()) + 1, 1)) \
        if len(scores) else np.zeros(1, dtype=np.int64)
    n = np.full(len(scores), np.nan)
    n[ranked] = counts[year_groups[ranked]]
    return ranks, n


def percentiles(ranks, n):
    """Percentile 1..100 of each rank among ``n`` units: ceil(100 * rank / n); NaN stays."""
    ranks = np.asarray(ranks, dtype=float)
    n = np.asarray(n, dtype=float)
    out = np.full(ranks.shape, np.nan)
    ok = ~np.isnan(ranks) & ~np.isnan(n) & (n > 0)
    # a tiny tolerance keeps 100 * 10 / 100 = 10.000000000000002 in percentile 10
    out[ok] = np.ceil(100.0 * ranks[ok] / n[ok] - 1e-9)
    return out


def extent_weights(percentile):
    """The IoD extent weight of each percentile (NaN stays NaN)."""
    percentile = np.asarray(percentile, dtype=float)
    span = EXTENT_LAST_PERCENTILE - EXTENT_FULL_PERCENTILE - 1          # 19 steps
    taper = EXTENT_FIRST_WEIGHT - (EXTENT_FIRST_WEIGHT - EXTENT_LAST_WEIGHT) * \
        (percentile - (EXTENT_FULL_PERCENTILE + 1)) / span
    weights = np.where(percentile <= EXTENT_FULL_PERCENTILE, 1.0,
                       np.where(percentile <= EXTENT_LAST_PERCENTILE, taper, 0.0))
    return np.where(np.isnan(percentile), np.nan, weights)


def check_classes(classes, field_name, feature_ids=None):
    """Raise InputError unless every class is a whole number of at least 1 (NaN allowed)."""
    classes = np.asarray(classes, dtype=float)
    bad = ~np.isnan(classes) & ((classes < 1) | (classes != np.round(classes)))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        feature = feature_ids[row] if feature_ids is not None else row
        raise InputError("Class field '{field}', feature {feature}: {value:g} is not a class "
                         "number (1, 2, 3, ...). Choose the class field of \"Classify "
                         "scores into classes\" (e.g. mdi_klasse), not its label.",
                         field=field_name, feature=feature, value=float(classes[row]))


def share_class_fields(class_count):
    """Names of the class share fields: aandeel_inw_klasse_1 .. _<class_count>."""
    return [SHARE_CLASS_TEMPLATE.format(k) for k in range(1, class_count + 1)]


def _ratio(numerator, denominator):
    out = np.full(len(denominator), np.nan)
    ok = denominator > 0
    out[ok] = numerator[ok] / denominator[ok]
    return out


def local_concentration(inverse, n_groups, ranks, population, share=LOCAL_SHARE):
    """Population-weighted average rank of each group's most deprived units holding exactly
    ``share`` of its population (the unit crossing the line counts partly)."""
    ok = (inverse >= 0) & ~np.isnan(ranks) & ~np.isnan(population)
    group, rank = inverse[ok], ranks[ok]
    pop = relative_weights(group, population[ok], n_groups)     # 0..1: sums cannot overflow
    target = share * np.bincount(group, pop, minlength=n_groups)
    order = np.lexsort((rank, group))
    group, rank, pop = group[order], rank[order], pop[order]
    running = np.cumsum(pop)
    first = np.r_[True, group[1:] != group[:-1]] if group.size else np.zeros(0, bool)
    start = np.maximum.accumulate(np.where(first, np.arange(group.size), 0))
    before = running - pop - (running[start] - pop[start])      # population ahead in group
    taken = np.clip(target[group] - before, 0.0, pop)
    return _ratio(np.bincount(group, taken * rank, minlength=n_groups),
                  np.bincount(group, taken, minlength=n_groups))


@dataclass
class ConcentrationResult:
    """Measures per group (field name -> array), the groups and what the log should say."""

    groups: Groups
    measures: Dict[str, np.ndarray]
    unit_counts: np.ndarray
    population: np.ndarray
    unmatched: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    class_count: int = REPORT_CLASS_COUNT
    warnings: List[Message] = field(default_factory=list)


def concentration(region_labels, regions, scores, population, classes, years=None):
    """Concentration measures per region (and year) from unit scores.

    ``region_labels``: index into ``regions`` per unit (-1 = none, aggregate.factorise);
    ``scores``, ``population``, ``classes``: float arrays (NaN = missing; classes whole
    numbers >= 1); ``years``: float array or None. Returns a ConcentrationResult whose
    ``measures`` hold, in output order, the class shares, ``aandeel_inw_zeer_hoog``,
    ``gem_score``, ``gem_rang``, ``omvang``, ``lokale_concentratie`` and ``n_landelijk``.
    """
    scores = np.asarray(scores, dtype=float)
    population = np.asarray(population, dtype=float)
    classes = np.asarray(classes, dtype=float)
    if np.any(population < 0):
        raise InputError("Inhabitants must be 0 or more; a negative value was found.")
    groups = make_groups(region_labels, regions, years)
    inverse, size = groups.inverse, groups.size
    ranks, n_year = national_ranks(scores, years)
    grouped = inverse >= 0
    has_pop = ~np.isnan(population)
    top_class = int(np.nanmax(classes)) if not np.isnan(classes).all() else 0
    class_count = max(REPORT_CLASS_COUNT, top_class)

    # shares and population-weighted means through weights relative to each group's
    # largest (aggregate.weighted_shares / weighted_group_means): no sum of inhabitants
    # or of inhabitants x score can overflow, whatever the values
    measures = {}
    with_class = grouped & has_pop & ~np.isnan(classes)
    class_group, class_of = inverse[with_class], classes[with_class]
    for k, name in enumerate(share_class_fields(class_count), start=1):
        measures[name] = weighted_shares(class_group, class_of == k,
                                         population[with_class], size)
    measures[SHARE_WEIGHT_VERY_HIGH] = weighted_shares(
        class_group, class_of >= VERY_HIGH_CLASS, population[with_class], size)

    scored = grouped & has_pop & ~np.isnan(scores)
    score_pop = np.bincount(inverse[scored], population[scored] > 0, minlength=size)
    weights = extent_weights(percentiles(ranks, n_year))
    for name, values in ((AVERAGE_SCORE, scores), (AVERAGE_RANK, ranks), (EXTENT, weights)):
        measures[name] = weighted_group_means(inverse[scored], values[scored],
                                              population[scored], size)
    measures[LOCAL_CONCENTRATION] = local_concentration(inverse, size, ranks, population)
    national = np.full(size, np.nan)
    national[inverse[grouped & ~np.isnan(n_year)]] = n_year[grouped & ~np.isnan(n_year)]
    measures[NATIONAL_COUNT] = national

    units = np.bincount(inverse[grouped], minlength=size)
    totals = np.bincount(inverse[grouped & has_pop], population[grouped & has_pop],
                         minlength=size)
    if not np.isfinite(totals).all():
        raise InputError("The inhabitants of {count} group(s) add up to more than a number "
                         "can hold (about 1.8e308): check the inhabitant field "
                         "(POPULATION_FIELD).", count=int(np.count_nonzero(
                             ~np.isfinite(totals))))
    result = ConcentrationResult(groups, measures, units, totals,
                                 unmatched=np.flatnonzero(~grouped), class_count=class_count)
    _warn(result, grouped, has_pop, scores, classes, score_pop, top_class)
    _warn_no_spread(result, scores, ranks, years)
    return result


def _warn_no_spread(result, scores, ranks, years):
    """Warn for a year whose scores are all equal: every unit shares rank 1."""
    ranked = ~np.isnan(ranks)
    if years is None:
        keys = np.zeros(len(scores))
    else:
        keys = np.asarray(years, dtype=float)
    for key in np.unique(keys[ranked]):
        values = scores[ranked & (keys == key)]
        where = "" if years is None else " in year {:g}".format(key)
        if values.size < 100:
            result.warnings.append(Message(
                "Only {count} units are ranked{where}: each unit spans more than one "
                "percentile, so omvang (extent) is coarse.",
                {"count": int(values.size), "where": where}))
        if values.size > 1 and np.all(values == values[0]):
            result.warnings.append(Message(
                "All {count} scores{where} are equal: every unit shares rank 1, so the rank "
                "measures (gem_rang, omvang, lokale_concentratie) do not tell the groups "
                "apart.", {"count": int(values.size), "where": where}))


def _warn(result, grouped, has_pop, scores, classes, score_pop, top_class):
    lost = int(np.count_nonzero(grouped & ~has_pop & ~np.isnan(scores)))
    if lost:
        result.warnings.append(Message(
            "{count} unit(s) have a score but no inhabitant count and are left out of every "
            "measure.", {"count": lost}))
    unscored = int(np.count_nonzero(grouped & np.isnan(scores)))
    if unscored:
        result.warnings.append(Message(
            "{count} unit(s) have no score: they are not ranked and are left out of the "
            "score and rank measures.", {"count": unscored}))
    unclassed = int(np.count_nonzero(grouped & np.isnan(classes)))
    if unclassed:
        result.warnings.append(Message(
            "{count} unit(s) have no class and are left out of the class shares.",
            {"count": unclassed}))
    empty = int(np.count_nonzero((result.unit_counts > 0) & ~(score_pop > 0)))
    if empty:
        result.warnings.append(Message(
            "{count} group(s) have no inhabitants with a score: their measures are NULL.",
            {"count": empty}))
    if top_class > REPORT_CLASS_COUNT:
        result.warnings.append(Message(
            "The class field has classes up to {top}; aandeel_inw_zeer_hoog counts class "
            "{very_high} and up, as for the report's four classes.",
            {"top": top_class, "very_high": VERY_HIGH_CLASS}))
