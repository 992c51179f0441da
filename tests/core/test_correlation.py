"""Correlation core: incomplete beta and t p-values against closed forms and table values,
Pearson / Spearman against plain-Python formulas, labels, NULL cases, MDI without a domain."""

import math
import random

import numpy as np
import pytest

from mdi_plugin.core.correlation import (average_ranks, correlate, correlate_pair,
                                         correlation_p, direction_label, mdi_without_domain,
                                         regularised_incomplete_beta, select_year,
                                         strength_label, t_two_sided_p)
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.spec import load_spec

SPEC = load_spec()


# -- plain-Python references ---------------------------------------------------------------

def plain_pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def plain_ranks(xs):
    """Average ranks by sorting and walking tie runs."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return ranks


def binomial_beta(a, b, x):
    """I_x(a, b) for whole a, b: P(Binomial(a + b - 1, x) >= a)."""
    m = a + b - 1
    return sum(math.comb(m, j) * x ** j * (1 - x) ** (m - j) for j in range(a, m + 1))


# -- incomplete beta and t ------------------------------------------------------------------

@pytest.mark.parametrize("x", [0.01, 0.2, 0.5, 0.77, 0.999])
def test_incomplete_beta_closed_forms(x):
    assert regularised_incomplete_beta(1, 1, x) == pytest.approx(x, rel=1e-12)
    assert regularised_incomplete_beta(3.5, 1, x) == pytest.approx(x ** 3.5, rel=1e-10)
    assert regularised_incomplete_beta(1, 2.5, x) == pytest.approx(1 - (1 - x) ** 2.5,
                                                                   rel=1e-10)
    assert regularised_incomplete_beta(7.3, 7.3, 0.5) == pytest.approx(0.5, abs=1e-12)
    assert regularised_incomplete_beta(2.2, 4.1, x) == pytest.approx(
        1 - regularised_incomplete_beta(4.1, 2.2, 1 - x), abs=1e-12)


@pytest.mark.parametrize("a, b", [(2, 3), (5, 5), (10, 1), (3, 17), (40, 25)])
@pytest.mark.parametrize("x", [0.05, 0.3, 0.6, 0.95])
def test_incomplete_beta_matches_binomial_sums(a, b, x):
    assert regularised_incomplete_beta(a, b, x) == pytest.approx(binomial_beta(a, b, x),
                                                                 abs=1e-12)


def test_incomplete_beta_edges_and_bad_arguments():
    assert regularised_incomplete_beta(2, 3, 0.0) == 0.0
    assert regularised_incomplete_beta(2, 3, 1.0) == 1.0
    for a, b, x in ((0, 1, 0.5), (1, -1, 0.5), (1, 1, 1.5)):
        with pytest.raises(ValueError):
            regularised_incomplete_beta(a, b, x)


@pytest.mark.parametrize("t, df, p, places", [
    (2.0, 10, 0.0734, 4),          # the brief's check value
    (2.228, 10, 0.05, 3),          # two-sided 5 % critical values of t tables
    (2.042, 30, 0.05, 3),
    (2.571, 5, 0.05, 3),
    (3.169, 10, 0.01, 3),
    (12.706, 1, 0.05, 3),
    (0.0, 7, 1.0, 12),
])
def test_t_p_values_match_tables(t, df, p, places):
    assert round(t_two_sided_p(t, df), places) == pytest.approx(p)
    assert t_two_sided_p(-t, df) == pytest.approx(t_two_sided_p(t, df))


@pytest.mark.parametrize("t", [0.3, 1.0, 2.5, 10.0])
def test_t_p_values_closed_forms(t):
    assert t_two_sided_p(t, 1) == pytest.approx(1 - 2 / math.pi * math.atan(t), rel=1e-10)
    assert t_two_sided_p(t, 2) == pytest.approx(1 - t / math.sqrt(2 + t * t), rel=1e-10)
    # very many degrees of freedom: the normal distribution
    assert t_two_sided_p(t, 1e7) == pytest.approx(math.erfc(t / math.sqrt(2)), rel=1e-5)


def test_correlation_p_equals_t_test():
    for r, n in ((0.3, 20), (-0.55, 12), (0.05, 300), (0.9, 4)):
        t = r * math.sqrt((n - 2) / (1 - r * r))
        assert correlation_p(r, n) == pytest.approx(t_two_sided_p(t, n - 2), rel=1e-10)
    assert correlation_p(1.0, 10) == 0.0
    assert math.isnan(correlation_p(0.5, 2))


# -- coefficients ------------------------------------------------------------------------------

def test_pearson_and_spearman_match_plain_python():
    rng = random.Random(4)
    xs = [rng.uniform(0, 100) for _ in range(40)]
    ys = [0.4 * x + rng.gauss(0, 20) for x in xs]
    ys[:6] = [10.0, 10.0, 10.0, 55.0, 55.0, 70.0]     # ties
    xs[10:13] = [33.0, 33.0, 33.0]
    row, warning = correlate_pair("y", np.array(xs), np.array(ys))
    assert warning is None and row.n == 40
    r = plain_pearson(xs, ys)
    assert row.r_pearson == pytest.approx(r, abs=1e-12)
    t = r * math.sqrt(38 / (1 - r * r))
    assert row.p_pearson == pytest.approx(t_two_sided_p(t, 38), rel=1e-10)
    rho = plain_pearson(plain_ranks(xs), plain_ranks(ys))
    assert row.r_spearman == pytest.approx(rho, abs=1e-12)
    assert row.p_spearman == pytest.approx(correlation_p(rho, 40), rel=1e-10)


def test_average_ranks_share_ties():
    values = [5.0, 1.0, 5.0, 3.0, 5.0, -2.0]
    assert average_ranks(np.array(values)).tolist() == pytest.approx(plain_ranks(values))


def test_spearman_of_monotone_relation_is_one():
    x = np.arange(1, 21, dtype=float)
    row, _ = correlate_pair("cube", x, x ** 3)
    assert row.r_spearman == pytest.approx(1.0)
    assert row.p_spearman == 0.0
    assert row.r_pearson < 1.0


def test_pairwise_deletion_per_indicator():
    rng = np.random.default_rng(2)
    score = rng.uniform(0, 100, 30)
    a = score + rng.normal(0, 5, 30)
    b = -score + rng.normal(0, 30, 30)
    score[0] = np.nan
    a[[1, 2]] = np.nan
    b[[5]] = np.nan
    result = correlate(score, {"a": a, "b": b})
    assert [row.n for row in result.rows] == [27, 28]
    keep = ~np.isnan(score) & ~np.isnan(b)
    assert result.rows[1].r_pearson == pytest.approx(
        plain_pearson(score[keep].tolist(), b[keep].tolist()))
    assert result.rows[1].direction == "negatief"


@pytest.mark.parametrize("score, values, n, word", [
    ([1.0, 2.0], [3.0, 4.0], 2, "only 2"),
    ([1.0, 2.0, np.nan, 4.0], [3.0, np.nan, 1.0, 4.0], 2, "only 2"),
    ([1.0, 2.0, 3.0, 4.0], [7.0, 7.0, 7.0, 7.0], 4, "the indicator"),
    ([5.0, 5.0, 5.0], [1.0, 2.0, 3.0], 3, "the score"),
    ([], [], 0, "only 0"),
])
def test_too_few_pairs_or_no_variance_give_null_and_a_warning(score, values, n, word):
    result = correlate(np.array(score), {"x": np.array(values)})
    row = result.rows[0]
    assert row.n == n
    assert all(math.isnan(v) for v in (row.r_pearson, row.p_pearson, row.r_spearman,
                                       row.p_spearman))
    assert row.strength is None and row.direction is None
    assert len(result.warnings) == 1 and word in str(result.warnings[0])


@pytest.mark.parametrize("r, label", [
    (0.0, "geen"), (0.0999, "geen"), (-0.0999, "geen"), (0.1, "zwak"), (-0.2999, "zwak"),
    (0.3, "matig"), (-0.4999, "matig"), (0.5, "sterk"), (-1.0, "sterk"),
])
def test_field_2009_labels(r, label):
    assert strength_label(r) == label


def test_direction_labels():
    assert direction_label(0.2) == "positief"
    assert direction_label(-0.01) == "negatief"
    assert direction_label(0.0) == "geen"
    assert direction_label(float("nan")) is None


# -- MDI without a domain ------------------------------------------------------------------

def test_mdi_without_domain_rescales_the_remaining_weights():
    rng = np.random.default_rng(8)
    scores = {d: rng.uniform(0, 100, 12) for d in SPEC.domain_ids}
    scores["werk"][3] = np.nan
    scores["woonomgeving"][4] = np.nan        # the left-out domain may be missing
    got = mdi_without_domain(SPEC, scores, "woonomgeving")
    weights = {d.id: d.weight for d in SPEC.domains if d.id != "woonomgeving"}
    for row in range(12):
        values = [scores[d][row] for d in weights]
        if any(math.isnan(v) for v in values):
            assert math.isnan(got[row])
            continue
        expected = sum(weights[d] * scores[d][row] for d in weights) / sum(weights.values())
        assert got[row] == pytest.approx(expected, rel=1e-12)


def test_mdi_without_domain_needs_only_the_other_domains():
    scores = {d: np.array([50.0, 60.0]) for d in SPEC.domain_ids if d != "inkomen"}
    assert mdi_without_domain(SPEC, scores, "inkomen").tolist() == pytest.approx([50, 60])
    del scores["werk"]
    with pytest.raises(InputError, match="werk"):
        mdi_without_domain(SPEC, scores, "inkomen")


def test_unknown_domain_is_an_error_listing_the_domains():
    scores = {d: np.ones(2) for d in SPEC.domain_ids}
    with pytest.raises(InputError, match="woonomgeving"):
        mdi_without_domain(SPEC, scores, "groen")


# -- year selection --------------------------------------------------------------------------

def test_select_year():
    years = np.array([2014, 2023, 2023, np.nan, 2014])
    mask, year = select_year(years, 2023.0)
    assert mask.tolist() == [False, True, True, False, False] and year == 2023
    mask, year = select_year(np.array([2019.0, 2019.0]), None)
    assert mask.all() and year == 2019
    with pytest.raises(InputError, match="several years.*2014, 2023"):
        select_year(years, None)
    with pytest.raises(InputError, match="2020 does not occur.*2014, 2023"):
        select_year(years, 2020.0)
    with pytest.raises(InputError, match="no values"):
        select_year(np.array([np.nan]), None)


@pytest.mark.parametrize("scale", [1e-200, 1e-20, 1.0, 1e20, 1e160, 1e300])
def test_pearson_r_does_not_depend_on_the_scale_of_the_values(scale):
    from mdi_plugin.core.correlation import pearson_r
    xs = [1.0, 2.0, 3.5, 4.0, 7.0, 8.5]
    ys = [2.0, 1.0, 4.0, 3.0, 9.0, 7.5]
    expected = plain_pearson(xs, ys)
    assert 0.8 < expected < 1.0
    assert pearson_r([x * scale for x in xs], ys) == pytest.approx(expected, rel=1e-12)
    assert pearson_r([x * scale for x in xs], [y * scale for y in ys]) == \
        pytest.approx(expected, rel=1e-12)


def test_pearson_r_of_a_flat_side_is_nan():
    from mdi_plugin.core.correlation import pearson_r
    assert math.isnan(pearson_r([5e160] * 4, [1.0, 2.0, 3.0, 4.0]))
    assert math.isnan(pearson_r([0.0] * 4, [1.0, 2.0, 3.0, 4.0]))


def test_p_value_uses_an_exact_one_minus_r_squared():
    # 1 - r*r loses the digits of r*r's rounding when |r| is near 1; (1 - |r|)(1 + |r|)
    # is exact there, so the p-value is I_x(df/2, 1/2) at the exact x.
    from fractions import Fraction

    from mdi_plugin.core.correlation import regularised_incomplete_beta
    n = 12
    for r in (1 - 1e-12, -(1 - 3e-11), 0.999999):
        exact_x = float(1 - Fraction(r) * Fraction(r))
        expected = regularised_incomplete_beta((n - 2) / 2.0, 0.5, exact_x)
        assert math.isclose(correlation_p(r, n), expected, rel_tol=1e-14, abs_tol=0.0)
        sloppy = regularised_incomplete_beta((n - 2) / 2.0, 0.5, 1.0 - r * r)
        if r != 0.999999:
            assert not math.isclose(sloppy, expected, rel_tol=1e-13, abs_tol=0.0)  # old: off
