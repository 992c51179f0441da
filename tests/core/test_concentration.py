"""Core concentration measures, against plain-Python computations per group.

Local concentration is checked by expanding every unit into its inhabitants ("persons"
with the unit's rank) and averaging the ranks of the first 10 % of persons.
"""

import math

import numpy as np
import pytest

from mdi_plugin.core.aggregate import factorise
from mdi_plugin.core.concentration import (AVERAGE_RANK, AVERAGE_SCORE, EXTENT,
                                           LOCAL_CONCENTRATION, NATIONAL_COUNT,
                                           check_classes, concentration, extent_weights,
                                           local_concentration, national_ranks, percentiles,
                                           share_class_fields)
from mdi_plugin.core.errors import InputError


def loop_rank(scores, years, row):
    if math.isnan(scores[row]) or (years is not None and math.isnan(years[row])):
        return math.nan, math.nan
    same_year = [j for j in range(len(scores)) if not math.isnan(scores[j]) and
                 (years is None or years[j] == years[row])]
    return 1 + sum(1 for j in same_year if scores[j] > scores[row]), len(same_year)


def loop_percentile(rank, n):
    """Smallest whole p with p / 100 >= rank / n (exact integer arithmetic)."""
    return next(p for p in range(1, 101) if p * n >= 100 * rank)


def reference_weight(p):
    return float(np.interp(p, [10, 11, 30, 31], [1.0, 0.95, 0.05, 0.0]))


def person_concentration(ranks, pops):
    """Mean rank of the first 10 % of persons, persons sorted by their unit's rank."""
    persons = sorted(r for r, p in zip(ranks, pops) for _ in range(int(p)))
    take = sum(pops) / 10
    whole = int(take)
    total = sum(persons[:whole]) + (take - whole) * (persons[whole] if take > whole else 0)
    return total / take


def reference(groups, scores, pops, classes, years=None):
    """{(group, year): {field: value}} by looping over the units."""
    keys = sorted({(g, None if years is None else years[i]) for i, g in enumerate(groups)
                   if g is not None and (years is None or not math.isnan(years[i]))})
    ranked = [loop_rank(scores, years, i) for i in range(len(scores))]
    out = {}
    for key in keys:
        rows = [i for i, g in enumerate(groups) if g == key[0] and
                (years is None or years[i] == key[1])]
        with_class = [i for i in rows if not math.isnan(classes[i]) and not
                      math.isnan(pops[i])]
        scored = [i for i in rows if not math.isnan(scores[i]) and not math.isnan(pops[i])]
        class_pop = sum(pops[i] for i in with_class)
        score_pop = sum(pops[i] for i in scored)
        values = {}
        for k in range(1, 5):
            values["aandeel_inw_klasse_{}".format(k)] = (
                sum(pops[i] for i in with_class if classes[i] == k) / class_pop
                if class_pop else math.nan)
        values["aandeel_inw_zeer_hoog"] = values["aandeel_inw_klasse_4"]
        if score_pop:
            values[AVERAGE_SCORE] = sum(pops[i] * scores[i] for i in scored) / score_pop
            values[AVERAGE_RANK] = sum(pops[i] * ranked[i][0] for i in scored) / score_pop
            values[EXTENT] = sum(pops[i] * reference_weight(
                loop_percentile(ranked[i][0], ranked[i][1])) for i in scored) / score_pop
            values[LOCAL_CONCENTRATION] = person_concentration(
                [ranked[i][0] for i in scored], [pops[i] for i in scored])
        else:
            for name in (AVERAGE_SCORE, AVERAGE_RANK, EXTENT, LOCAL_CONCENTRATION):
                values[name] = math.nan
        out[key] = values
    return out


def generated(seed=7, units=400, with_years=False):
    rng = np.random.default_rng(seed)
    groups = ["GM{:04d}".format(9000 + int(g)) for g in rng.integers(0, 12, units)]
    groups[0] = None
    scores = rng.uniform(20, 80, units).round(1)      # rounding makes ties
    scores[[3, 50]] = np.nan
    pops = rng.integers(0, 40, units).astype(float) * 10      # totals divisible by 10
    pops[[7]] = np.nan
    classes = np.searchsorted([40.0, 50.0, 60.0], scores, side="right") + 1.0
    classes[np.isnan(scores)] = np.nan
    classes[11] = np.nan
    years = rng.choice([2014.0, 2023.0], units) if with_years else None
    return groups, scores, pops, classes, years


@pytest.mark.parametrize("with_years", [False, True])
def test_measures_match_a_loop_per_group(with_years):
    groups, scores, pops, classes, years = generated(with_years=with_years)
    # persons per group must be a multiple of 10 for the person reference
    labels, regions = factorise(groups)
    result = concentration(labels, regions, scores, pops, classes, years)
    expected = reference(groups, scores, pops, classes, years)
    got_keys = [(r, None if result.groups.years is None else y) for r, y in
                zip(result.groups.regions, result.groups.years
                    if result.groups.years is not None else [None] * result.groups.size)]
    assert sorted(got_keys) == sorted(expected)
    for index, key in enumerate(got_keys):
        for name, value in expected[key].items():
            got = result.measures[name][index]
            assert (math.isnan(value) and math.isnan(got)) or got == pytest.approx(value), \
                (key, name)
    assert result.unmatched.tolist() == [0]
    assert any("no inhabitant count" in str(w) for w in result.warnings)
    assert any("no class" in str(w) for w in result.warnings)


def test_national_count_is_the_number_of_ranked_units_of_the_year():
    scores = np.array([10.0, 20, np.nan, 30, 40])
    years = np.array([2014.0, 2014, 2014, 2023, 2023])
    result = concentration(np.zeros(5, dtype=np.int64), ["A"], scores, np.ones(5) * 10,
                           np.ones(5), years)
    assert result.measures[NATIONAL_COUNT].tolist() == [2.0, 2.0]


def test_hand_example_with_a_partial_unit_at_the_ten_percent_line():
    # ranks 1..4 (scores 90, 80, 70, 60), inhabitants 50, 100, 300, 550 -> 10 % = 100:
    # 50 people of rank 1 and 50 of the 100 of rank 2 -> (50*1 + 50*2) / 100 = 1.5
    value = local_concentration(np.zeros(4, dtype=np.int64), 1, np.array([1.0, 2, 3, 4]),
                                np.array([50.0, 100, 300, 550]))
    assert value.tolist() == [1.5]


def test_a_group_of_one_gets_its_units_rank():
    result = concentration(np.array([0, 1, 1]), ["A", "B"], np.array([50.0, 70, 30]),
                           np.array([1000.0, 10, 10]), np.array([2.0, 4, 1]))
    assert result.measures[LOCAL_CONCENTRATION][0] == 2.0
    assert result.measures[AVERAGE_RANK][0] == 2.0
    assert result.measures[AVERAGE_SCORE][0] == 50.0
    assert result.measures["aandeel_inw_klasse_2"][0] == 1.0


def test_extent_weights_taper_from_095_to_005():
    weights = extent_weights([1, 10, 11, 12, 20, 30, 31, 100, np.nan])
    assert weights[:4].tolist() == pytest.approx([1.0, 1.0, 0.95, 0.95 - 0.9 / 19])
    assert weights[4] == pytest.approx(0.95 - 9 * 0.9 / 19)
    assert weights[5] == pytest.approx(0.05)
    assert weights[6:8].tolist() == [0.0, 0.0] and math.isnan(weights[8])


@pytest.mark.parametrize("n", [7, 48, 100, 588, 1000])
def test_percentiles_are_ceil_of_100_rank_over_n(n):
    ranks = np.arange(1, n + 1, dtype=float)
    got = percentiles(ranks, np.full(n, float(n)))
    assert got.tolist() == [loop_percentile(r, n) for r in range(1, n + 1)]


def test_national_ranks_share_the_lowest_rank_on_ties():
    ranks, n = national_ranks([5.0, 9.0, 9.0, np.nan, 1.0])
    assert ranks[[0, 1, 2, 4]].tolist() == [3, 1, 1, 4] and math.isnan(ranks[3])
    assert n[0] == 4


def test_zero_population_gives_null_measures():
    result = concentration(np.array([0, 0]), ["A"], np.array([50.0, 60]), np.zeros(2),
                           np.array([2.0, 4]))
    for name in (AVERAGE_SCORE, AVERAGE_RANK, EXTENT, LOCAL_CONCENTRATION,
                 "aandeel_inw_zeer_hoog"):
        assert math.isnan(result.measures[name][0])
    assert any("no inhabitants" in str(w) for w in result.warnings)


def test_more_than_four_classes_add_share_fields_and_warn():
    result = concentration(np.zeros(3, dtype=np.int64), ["A"], np.array([1.0, 2, 3]),
                           np.array([10.0, 10, 20]), np.array([1.0, 5, 6]))
    assert "aandeel_inw_klasse_6" in result.measures
    assert result.measures["aandeel_inw_zeer_hoog"][0] == pytest.approx(0.75)
    assert any("classes up to 6" in str(w) for w in result.warnings)
    assert share_class_fields(2) == ["aandeel_inw_klasse_1", "aandeel_inw_klasse_2"]


def test_negative_population_is_an_error():
    with pytest.raises(InputError, match="0 or more"):
        concentration(np.zeros(2, dtype=np.int64), ["A"], np.ones(2), np.array([5.0, -1]),
                      np.ones(2))


@pytest.mark.parametrize("bad", [0.0, 2.5, -1.0])
def test_class_values_must_be_whole_numbers_from_one(bad):
    with pytest.raises(InputError, match="feature 12"):
        check_classes(np.array([1.0, bad]), "mdi_klasse", [11, 12])
    check_classes(np.array([1.0, np.nan, 4.0]), "mdi_klasse")


def test_scores_without_spread_rank_everyone_first_and_warn():
    years = np.array([2014.0, 2014, 2014, 2023, 2023])
    result = concentration(np.array([0, 0, 1, 0, 1]), ["A", "B"],
                           np.array([50.0, 50, 50, 40, 60]), np.full(5, 10.0),
                           np.full(5, 2.0), years)
    assert result.measures[AVERAGE_RANK].tolist() == [1.0, 2.0, 1.0, 1.0]
    # rank 1 of 3 is percentile ceil(100 / 3) = 34: outside the most deprived 30 %
    assert result.measures[EXTENT].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert any("Only 3 units are ranked in year 2014" in str(w) for w in result.warnings)
    assert [str(w) for w in result.warnings if "equal" in str(w)] == [
        "All 3 scores in year 2014 are equal: every unit shares rank 1, so the rank measures "
        "(gem_rang, omvang, lokale_concentratie) do not tell the groups apart."]
