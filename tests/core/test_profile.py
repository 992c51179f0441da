"""Domain profile core: region and unit means and the national mean, recomputed by loops."""

import math

import numpy as np
import pytest

from mdi_plugin.core.profile import (REGION_LEVEL, UNIT_LEVEL, domain_profile, group_means,
                                     group_names, national_means, region_of_rows)

DOMAINS = ("inkomen", "werk", "gezondheid")


def plain_mean(values):
    values = [v for v in values if not math.isnan(v)]
    return sum(values) / len(values) if values else math.nan


def sample(seed=3, rows=40):
    rng = np.random.default_rng(seed)
    scores = {d: rng.uniform(0, 100, rows) for d in DOMAINS}
    scores["werk"][[2, 7]] = np.nan
    regions = ["CR{:02d}".format(1 + i % 4) for i in range(rows)]
    regions[5] = None
    regions[6] = "  "
    units = ["GM{:04d}".format(i % 9) for i in range(rows)]
    return scores, regions, units


def test_region_and_national_means_match_loops():
    scores, regions, units = sample()
    profile = domain_profile(scores, regions)
    assert profile.regions.keys == ["CR01", "CR02", "CR03", "CR04"]
    for domain in DOMAINS:
        assert profile.national[domain] == pytest.approx(plain_mean(list(scores[domain])))
        for index, region in enumerate(profile.regions.keys):
            rows = [i for i, r in enumerate(regions) if r == region]
            assert profile.regions.scores[domain][index] == pytest.approx(
                plain_mean([scores[domain][i] for i in rows]))
            assert profile.regions.counts[index] == len(rows)
    assert profile.without_region.tolist() == [5, 6]
    rows = list(profile.rows())
    assert len(rows) == 4 * len(DOMAINS)
    level, region, unit, domain, score, mean, difference, n = rows[1]
    assert (level, region, unit, domain) == (REGION_LEVEL, "CR01", None, "werk")
    assert difference == pytest.approx(score - mean)


def test_unit_profiles_within_regions():
    scores, regions, units = sample()
    profile = domain_profile(scores, regions, units)
    pairs = sorted({(r, u) for r, u in zip(regions, units) if r and r.strip()})
    assert profile.units.keys == pairs
    for index, (region, unit) in enumerate(pairs):
        rows = [i for i in range(len(units)) if regions[i] == region and units[i] == unit]
        for domain in DOMAINS:
            assert profile.units.scores[domain][index] == pytest.approx(
                plain_mean([scores[domain][i] for i in rows]), nan_ok=True)
    levels = [row[0] for row in profile.rows()]
    assert levels.count(UNIT_LEVEL) == len(pairs) * len(DOMAINS)


def test_group_of_one_and_empty_domain():
    scores = {"inkomen": np.array([10.0, 20.0, 30.0]),
              "werk": np.array([np.nan, np.nan, np.nan])}
    profile = domain_profile(scores, ["A", "B", "B"], ["g1", "g2", "g3"])
    assert profile.regions.scores["inkomen"].tolist() == [10.0, 25.0]
    assert np.isnan(profile.regions.scores["werk"]).all()
    assert math.isnan(profile.national["werk"])
    texts = [str(w) for w in profile.warnings]
    assert any("only one unit" in t and "A" in t for t in texts)
    assert any("'werk' has no scores" in t for t in texts)


def test_rows_without_unit_are_reported():
    scores = {"inkomen": np.array([10.0, 20.0, 30.0])}
    profile = domain_profile(scores, ["A", "A", "A"], ["g1", None, "g1"])
    assert profile.units.keys == [("A", "g1")]
    assert any("1 row(s) with a region have no unit" in str(w) for w in profile.warnings)


def test_numeric_region_codes_work():
    scores = {"inkomen": np.array([10.0, 20.0, 30.0])}
    profile = domain_profile(scores, [7, 3, 7])
    assert profile.regions.keys == [3, 7]
    assert profile.regions.scores["inkomen"].tolist() == [20.0, 20.0]


def test_helpers():
    means = group_means(np.array([0, 0, 1, -1]), 3, np.array([1.0, 3.0, np.nan, 5.0]))
    assert means[0] == 2.0
    assert np.isnan(means[1]) and np.isnan(means[2])
    assert national_means({"a": np.array([np.nan, 2.0, 4.0])}) == {"a": 3.0}


def test_group_names_take_the_first_name_of_each_region_and_unit():
    regions, units = ["A", "A", None, "B"], ["g1", "g2", "g1", "g1"]
    names = group_names(regions, units, ["", "Aa", "X", "Bb"], [None, "G2", "X", "G1"])
    assert names == {(REGION_LEVEL, "A"): "Aa", (UNIT_LEVEL, ("A", "g2")): "G2",
                     (REGION_LEVEL, "B"): "Bb", (UNIT_LEVEL, ("B", "g1")): "G1"}
    assert group_names(regions) == {}
    profile = domain_profile({"inkomen": np.array([1.0, 2.0, 3.0, 4.0])}, regions)
    assert region_of_rows(profile, regions) == [0, 0, -1, 1]


def test_region_rows_give_scores_and_differences_per_region():
    scores = {"inkomen": np.array([10.0, 20.0, 60.0]), "werk": np.array([np.nan, 4.0, 8.0])}
    profile = domain_profile(scores, ["A", "A", "B"])
    rows = list(profile.region_rows())
    assert [(r[0], r[1], r[2]) for r in rows] == [("A", 2, [15.0, 4.0]), ("B", 1, [60.0, 8.0])]
    assert rows[0][3] == pytest.approx([15.0 - 30.0, 4.0 - 6.0])
