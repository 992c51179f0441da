"""Numerics found by an independent audit (issue #14): CLIP_PERCENT where it cannot act,
winsorising that removes all spread, and weighted sums that overflow (value x weight,
sums of weights) in every core function that forms them."""

import math
from fractions import Fraction

import numpy as np
import pytest

from mdi_plugin.core.aggregate import WEIGHTED_MEAN, class_shares, group_statistic
from mdi_plugin.core.change import change_over_time
from mdi_plugin.core.compute import ComputeOptions, compute_from_indicators
from mdi_plugin.core.concentration import concentration, local_concentration
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.normalise import FIXED, POOLED, RANK, normalise_indicator
from mdi_plugin.core.profile import domain_profile
from mdi_plugin.core.spec import load_spec
from mdi_plugin.core.typology import corop_share

SPEC = load_spec()
INDICATOR = SPEC.indicators[0]
BIG = 1.7e308                 # near the largest float: any sum of two overflows


def indicators(rows=40, seed=3):
    rng = np.random.default_rng(seed)
    return {i.id: rng.uniform(5, 95, rows) for i in SPEC.indicators}


# ---------------------------------------------------------------- CLIP_PERCENT


@pytest.mark.parametrize("method, why", [(FIXED, "fixed bounds are the scale"),
                                         (RANK, "percentile ranks are not moved")])
def test_clip_percent_is_refused_where_it_cannot_act(method, why):
    """Before: silently ignored (the same scores with and without CLIP_PERCENT)."""
    with pytest.raises(InputError, match="CLIP_PERCENT \\(5 %\\).*'{}'.*{}".format(method, why)):
        ComputeOptions(normalisation=method, clip_percent=5).validate()
    with pytest.raises(InputError, match="CLIP_PERCENT"):
        compute_from_indicators(SPEC, indicators(), ComputeOptions(normalisation=method,
                                                                   clip_percent=5))
    with pytest.raises(InputError, match="Set CLIP_PERCENT to 0"):
        normalise_indicator(INDICATOR, np.arange(10.0), method, clip_percent=1)
    if method == RANK:          # (fixed bounds need a spec with bounds for every indicator)
        assert compute_from_indicators(SPEC, indicators(), ComputeOptions(
            normalisation=method)).mdi.size == 40


def test_winsorising_that_removes_all_spread_says_so():
    values = np.array([0.0] + [5.0] * 18 + [100.0])
    with pytest.raises(InputError) as raised:
        normalise_indicator(INDICATOR, values, POOLED, clip_percent=10)
    message = str(raised.value)
    assert "after winsorising at 10 %" in message and "range from 0 to 100" in message
    assert "Lower CLIP_PERCENT" in message
    # per year too, naming the year
    years = np.array([2019.0] * 20 + [2023.0] * 20)
    with pytest.raises(InputError, match="in year 2023 after winsorising at 10 %"):
        normalise_indicator(INDICATOR, np.concatenate([np.arange(20.0), values]), "per_year",
                            years, clip_percent=10)
    # no spread in the raw data itself: the plain message, no word of winsorising
    with pytest.raises(InputError) as raised:
        normalise_indicator(INDICATOR, np.full(5, 7.0), POOLED, clip_percent=10)
    assert "every value is 7" in str(raised.value) and "winsoris" not in str(raised.value)


# ---------------------------------------------------------------- weighted sums


def exact_weighted_mean(values, weights):
    num = sum(Fraction(v) * Fraction(w) for v, w in zip(values, weights))
    return float(num / sum(Fraction(w) for w in weights))


def test_weighted_mean_survives_value_times_weight_and_weight_sums_overflowing():
    values = np.array([1e300, 3e300, 2.0, 4.0, 5.0])
    weights = np.array([1e10, 3e10, BIG, BIG, BIG / 2])
    groups = np.array([0, 0, 1, 1, 1])
    got = group_statistic(values, groups, 2, WEIGHTED_MEAN, weights)
    assert got[0] == pytest.approx(exact_weighted_mean(values[:2], weights[:2]), rel=1e-15)
    assert got[1] == pytest.approx(exact_weighted_mean(values[2:], weights[2:]), rel=1e-15)


def test_weighted_class_share_with_weights_whose_sum_overflows():
    """Before: sum of weights = inf, share = inf / inf = NULL."""
    _, share = class_shares(np.array([4.0, 1.0, 4.0]), np.array([0, 0, 0]), 1,
                            np.array([BIG, BIG, BIG]))
    assert share.tolist() == [pytest.approx(2 / 3)]


def test_concentration_measures_with_huge_inhabitants_and_scores():
    """gem_score = sum(pop x score) / sum(pop): before, pop x score overflowed to inf and
    the shares were NULL (sum of inhabitants inf)."""
    scores = np.array([1e300, 2e300, 50.0, 60.0])
    population = np.array([1e10, 3e10, 1e300, 1e300])
    result = concentration(np.array([0, 0, 1, 1]), ["a", "b"], scores, population,
                           np.array([4.0, 1.0, 4.0, 4.0]))
    assert result.measures["gem_score"][0] == pytest.approx(
        exact_weighted_mean(scores[:2], population[:2]), rel=1e-15)
    assert result.measures["gem_score"][1] == pytest.approx(55.0)
    assert result.measures["aandeel_inw_zeer_hoog"].tolist() == [pytest.approx(0.25), 1.0]
    assert result.measures["gem_rang"][1] == pytest.approx(3.5)
    with pytest.raises(InputError, match="add up to more than a number can hold"):
        concentration(np.array([0, 0]), ["a"], np.array([1.0, 2.0]),
                      np.array([BIG, BIG]), np.array([1.0, 2.0]))


def test_local_concentration_with_inhabitants_near_the_float_maximum():
    """10 % of 2 x 1.7e308 lies inside the first unit: its rank (1). Before: NULL."""
    value = local_concentration(np.zeros(2, dtype=np.int64), 1, np.array([1.0, 2.0]),
                                np.array([BIG, BIG]))
    assert value.tolist() == [1.0]


def test_weighted_national_change_with_huge_weights_and_differences():
    ids = ["GM0001", "GM0002", "GM0001", "GM0002"]
    years = np.array([2019.0, 2019.0, 2023.0, 2023.0])
    values = {"mdi": np.array([-1e300, 0.0, 1e300, 4.0])}
    result = change_over_time(ids, years, values, weights=np.array([0, 0, BIG, BIG]))
    assert result.national == pytest.approx((2e300 + 4.0) / 2)
    plain = change_over_time(ids, years, {"mdi": np.array([-8e307, -8e307, 8e307, 8e307])})
    assert plain.national == pytest.approx(1.6e308)              # mean of two 1.6e308


def test_profile_and_typology_sums_do_not_overflow():
    profile = domain_profile({"inkomen": np.array([1e308, 1.5e308, 50.0])}, ["A", "A", "B"])
    assert profile.regions.scores["inkomen"].tolist() == [pytest.approx(1.25e308), 50.0]
    assert profile.national["inkomen"] == pytest.approx(1e308 / 3 + 1.5e308 / 3 + 50 / 3)
    share = corop_share(np.array([BIG, BIG, 10.0]), ["CR01", "CR01", "CR02"])
    assert share.tolist() == [pytest.approx(50.0), pytest.approx(50.0), 100.0]
    assert not any(math.isnan(s) for s in share)
