"""Class stability core: zero spread gives certainty, seeds reproduce, the draws have the
documented distributions, probabilities match analytic values, runs on another scale are
classified by comparable breaks, and the standard error is the seed-to-seed spread."""

import math

import numpy as np
import pytest

from mdi_plugin.core import stability as stability_module
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.normalise import PER_YEAR, POOLED, RANK
from mdi_plugin.core.spec import load_spec
from mdi_plugin.core.classify import classify_values
from mdi_plugin.core.stability import (QUARTILES, QUARTILES_PER_YEAR, STABLE, UNCERTAIN,
                                       UNSTABLE, StabilityOptions, carry_breaks,
                                       class_stability, classify_matrix, column_percentiles,
                                       dirichlet_weights, jittered_breaks, verdicts)
from mdi_reference import reference_mdi

SPEC = load_spec()
FIXED = dict(weight_spread=0.0, break_jitter=0.0, normalisations=(POOLED,))


def indicator_table(rows=60, seed=5):
    rng = np.random.default_rng(seed)
    raw = {i.id: rng.uniform(5, 95, rows) for i in SPEC.indicators}
    raw["arme_huishoudens"][3] = np.nan
    for domain in ("werk",):          # one row without a domain score -> no MDI
        for indicator in SPEC.indicators_of(domain):
            raw[indicator.id][7] = np.nan
    return raw


def plain_class(value, breaks=(40.0, 50.0, 60.0)):
    return math.nan if math.isnan(value) else 1 + sum(value >= b for b in breaks)


def test_zero_spread_every_run_is_the_base_class():
    raw = indicator_table()
    result = class_stability(SPEC, "indicators", raw,
                             options=StabilityOptions(runs=25, **FIXED))
    expected_mdi = reference_mdi(SPEC, raw)
    assert result.base_mdi == pytest.approx(expected_mdi, nan_ok=True, rel=1e-9)
    expected_class = [plain_class(v) for v in expected_mdi]
    assert result.base_class.tolist() == pytest.approx(expected_class, nan_ok=True)
    valid = ~np.isnan(result.base_mdi)
    assert valid.sum() == 59
    assert (result.stability[valid] == 1.0).all()
    assert (result.modal_class[valid] == result.base_class[valid]).all()
    rows = np.flatnonzero(valid)
    base_index = result.base_class[valid].astype(int) - 1
    assert (result.probabilities[rows, base_index] == 1.0).all()
    assert np.isnan(result.probabilities[7]).all() and math.isnan(result.stability[7])
    assert math.isnan(result.modal_class[7])


def test_zero_spread_from_domain_scores():
    rng = np.random.default_rng(1)
    scores = {d: rng.uniform(0, 100, 30) for d in SPEC.domain_ids}
    result = class_stability(SPEC, "domains", scores,
                             options=StabilityOptions(runs=10, **FIXED))
    assert (result.stability == 1.0).all()
    assert result.runs_per_normalisation == {"given": 10}


def test_seed_reproduces_and_chunking_does_not_matter(monkeypatch):
    raw = indicator_table()
    options = StabilityOptions(runs=40, seed=7, weight_spread=0.2, break_jitter=3.0,
                               normalisations=(POOLED, RANK))
    first = class_stability(SPEC, "indicators", raw, options=options)
    monkeypatch.setattr(stability_module, "CELLS_PER_CHUNK", 60 * 3)   # 3 runs per chunk
    progress = []
    second = class_stability(SPEC, "indicators", raw, options=options,
                             progress=progress.append)
    assert np.array_equal(first.probabilities, second.probabilities, equal_nan=True)
    assert np.array_equal(first.modal_class, second.modal_class, equal_nan=True)
    assert len(progress) == 14 and progress[-1] == 1.0
    other = class_stability(SPEC, "indicators", raw,
                            options=StabilityOptions(runs=40, seed=8, weight_spread=0.2,
                                                     break_jitter=3.0))
    assert not np.array_equal(first.probabilities, other.probabilities, equal_nan=True)
    assert sum(first.runs_per_normalisation.values()) == 40


def test_probabilities_sum_to_one_and_modal_is_the_largest():
    raw = indicator_table()
    result = class_stability(SPEC, "indicators", raw,
                             options=StabilityOptions(runs=60, weight_spread=0.3,
                                                      break_jitter=5.0))
    valid = ~np.isnan(result.base_mdi)
    assert result.probabilities[valid].sum(axis=1) == pytest.approx(1.0)
    assert result.stability[valid] == pytest.approx(result.probabilities[valid].max(axis=1))
    modal_p = result.probabilities[valid, result.modal_class[valid].astype(int) - 1]
    assert modal_p == pytest.approx(result.stability[valid])
    assert result.class_count == 4


def test_break_jitter_matches_the_uniform_probability():
    """One break at 50 with jitter J: P(class 2) = (v - 50 + J) / (2J), clipped to 0-1."""
    values = np.array([44.0, 48.5, 50.0, 51.0, 53.9, 58.0])
    scores = {d: values / 0.999 for d in SPEC.domain_ids}      # MDI = weight sum * score
    result = class_stability(SPEC, "domains", scores,
                             options=StabilityOptions(runs=20000, seed=3, weight_spread=0.0,
                                                      breaks=(50.0,), break_jitter=4.0))
    expected = np.clip((values - 50.0 + 4.0) / 8.0, 0.0, 1.0)
    assert result.probabilities[:, 1] == pytest.approx(expected, abs=0.015)
    assert result.base_class.tolist() == [1, 1, 2, 2, 2, 2]


def plain_rank_mdi(raw):
    """MDI of plain percentile ranks ((mean rank - 1) / (n - 1) * 100), plain loops."""
    ranked = {}
    for indicator in SPEC.indicators:
        column = raw[indicator.id]
        valid = [v for v in column if not math.isnan(v)]
        out = []
        for v in column:
            if math.isnan(v):
                out.append(math.nan)
                continue
            rank = sum(1 for w in valid if w < v) + (sum(1 for w in valid if w == v) + 1) / 2
            out.append((rank - 1) / (len(valid) - 1) * 100)
        ranked[indicator.id] = out
    # reference_mdi min-maxes (a no-op: ranks span exactly 0-100) and reverses the
    # higher-is-better indicators
    return reference_mdi(SPEC, ranked)


def class_by_share(values, reference, breaks=(40.0, 50.0, 60.0)):
    """Classes of ``values`` by the breaks carried over from ``reference``: with k
    reference values below a break, the values from the (k+1)-th smallest on are above
    it (plain loops)."""
    below = [sum(1 for r in reference if not math.isnan(r) and r < b) for b in breaks]
    out = []
    for v in values:
        if math.isnan(v):
            out.append(math.nan)
            continue
        position = sum(1 for w in values if not math.isnan(w) and w < v)
        out.append(1 + sum(1 for k in below if position >= k))
    return out


def test_rank_normalisation_runs_use_the_base_shares():
    """Only rank-normalised runs (no other noise): rank MDIs are on another scale (mean 50,
    not the min-max mean), so the fixed breaks are carried over by quantiles: the rank
    MDIs get exactly as many areas per class as the base run, ordered by their own
    values. The old rule (the fixed breaks on the rank MDI) would differ here."""
    raw = indicator_table(rows=25, seed=9)
    result = class_stability(SPEC, "indicators", raw,
                             options=StabilityOptions(runs=5, weight_spread=0.0,
                                                      break_jitter=0.0,
                                                      normalisations=(RANK,)))
    rank_mdi = plain_rank_mdi(raw)
    base_mdi = reference_mdi(SPEC, raw)
    expected = class_by_share(rank_mdi, base_mdi)
    assert expected != [plain_class(v) for v in rank_mdi]      # the old rule differs
    for row in range(25):
        if math.isnan(expected[row]):
            assert math.isnan(result.modal_class[row])
        else:
            assert result.modal_class[row] == expected[row] and result.stability[row] == 1.0
    valid = ~np.isnan(result.base_class)
    assert np.bincount(result.modal_class[valid].astype(int), minlength=5).tolist() == \
        np.bincount(result.base_class[valid].astype(int), minlength=5).tolist()
    assert result.runs_per_normalisation == {RANK: 5}
    assert result.breaks_used[RANK] != (40.0, 50.0, 60.0)


def test_carry_breaks_keeps_the_share_below_each_break():
    base = np.array([1.0, 2.0, 3.0, 4.0, np.nan, 5.0])
    other = np.array([10.0, 20.0, 30.0, 40.0, 55.0, np.nan])     # pairs with a NaN left out
    carried = carry_breaks([0.5, 1.0, 2.0, 2.5, 4.0, 4.5], base, other)
    assert carried.tolist() == [10.0, 10.0, 20.0, 25.0, 40.0, math.inf]
    # a jittered matrix of breaks keeps its shape; equal values go up on both scales
    matrix = carry_breaks(np.array([[1.5, 3.0], [2.0, 3.5]]), base, other)
    assert matrix.tolist() == [[15.0, 30.0], [20.0, 35.0]]
    assert np.isnan(carry_breaks([1.0], [np.nan], [1.0])).all()
    assert carry_breaks([0.0, 7.0, 9.0], [7.0], [3.0]).tolist() == [3.0, 3.0, math.inf]


def test_column_percentiles_are_numpys_percentiles():
    rng = np.random.default_rng(4)
    totals = rng.normal(50, 10, (37, 6))
    totals[rng.random(totals.shape) < 0.2] = np.nan
    totals[:, 5] = np.nan
    percents = np.sort(rng.uniform(0, 100, (6, 3)), axis=1)
    got = column_percentiles(totals, percents)
    for column in range(5):
        values = totals[:, column][~np.isnan(totals[:, column])]
        assert got[column].tolist() == np.percentile(values, percents[column]).tolist()
    assert np.isnan(got[5]).all()


@pytest.mark.parametrize("classes, method", [(QUARTILES, "pooled"),
                                             (QUARTILES_PER_YEAR, "per_year")])
def test_quartile_classes_without_perturbation_are_the_base_quartiles(classes, method):
    raw = indicator_table(rows=48)
    years = np.repeat([2019.0, 2023.0], 24)
    result = class_stability(SPEC, "indicators", raw, years,
                             options=StabilityOptions(runs=12, classes=classes, **FIXED))
    expected = classify_values(reference_mdi(SPEC, raw), method, years=years).classes
    assert [None if math.isnan(c) else int(c) for c in result.base_class] == expected
    valid = ~np.isnan(result.base_class)
    assert (result.stability[valid] == 1.0).all()
    assert (result.modal_class[valid] == result.base_class[valid]).all()


def test_quartile_classes_of_rank_runs_are_the_rank_quartiles():
    raw = indicator_table(rows=41, seed=3)
    result = class_stability(SPEC, "indicators", raw, options=StabilityOptions(
        runs=4, classes=QUARTILES, weight_spread=0.0, break_jitter=0.0,
        normalisations=(RANK,)))
    expected = classify_values(plain_rank_mdi(raw), "pooled").classes
    assert [None if math.isnan(c) else int(c) for c in result.modal_class] == expected
    assert (result.stability[~np.isnan(result.stability)] == 1.0).all()


def test_quartile_jitter_moves_the_percentile():
    """One group of 101 equally spaced MDIs, quartile classes, jitter J = 10 percentile
    points: the 25th percentile lies uniformly in 15-35, so the area at the 30th
    percentile is in class 2 with probability 3/4 (analytic)."""
    values = np.arange(101.0)
    scores = {d: values / 0.999 for d in SPEC.domain_ids}
    result = class_stability(SPEC, "domains", scores, options=StabilityOptions(
        runs=20000, seed=2, weight_spread=0.0, break_jitter=10.0, classes=QUARTILES))
    assert result.probabilities[30, 1] == pytest.approx(0.75, abs=0.015)
    assert result.probabilities[10, 0] == 1.0 and result.probabilities[50, 1] == \
        pytest.approx(0.5, abs=0.015)


def test_quartiles_per_year_need_years():
    with pytest.raises(InputError, match="YEAR_FIELD"):
        class_stability(SPEC, "indicators", indicator_table(),
                        options=StabilityOptions(runs=3, classes=QUARTILES_PER_YEAR))


def test_standard_error_is_the_spread_between_seeds():
    """An area at P(class 2) = 0.8 exactly (one break at 50, uniform jitter 5, MDI 53):
    over 300 seeds of 200 runs the stability spreads by sqrt(0.8 * 0.2 / 200) = 0.028,
    the reported standard error, and nearly all seeds (99.7 % for a normal estimate
    within 3 standard errors) call it onzeker."""
    scores = {d: np.array([53.0, 80.0]) / 0.999 for d in SPEC.domain_ids}
    found, errors, calls = [], [], []
    for seed in range(300):
        result = class_stability(SPEC, "domains", scores, options=StabilityOptions(
            runs=200, seed=seed, weight_spread=0.0, breaks=(50.0,), break_jitter=5.0))
        found.append(result.stability[0])
        errors.append(result.standard_error[0])
        calls.append(result.verdict[0])
        assert result.stability[1] == 1.0 and result.standard_error[1] == 0.0
        assert result.verdict[1] == STABLE
    assert np.mean(found) == pytest.approx(0.8, abs=0.005)
    assert np.std(found) == pytest.approx(math.sqrt(0.16 / 200), rel=0.15)
    assert np.mean(errors) == pytest.approx(math.sqrt(0.16 / 200), rel=0.05)
    assert calls.count(UNCERTAIN) >= 294


def test_verdicts_at_the_edges_of_the_band():
    """Binary fractions, so that the edges are exact: threshold 0.75, se 1/16, a band
    of 2 and of 3 (the default) standard errors."""
    stability = [1.0, 0.875, 0.87, 0.63, 0.625, 0.62, math.nan, 0.75]
    error = [0.0, 0.0625, 0.0625, 0.0625, 0.0625, 0.0625, math.nan, 0.0]
    assert verdicts(stability, error, 0.75, band=2.0) == [
        STABLE, STABLE, UNCERTAIN, UNCERTAIN, UNCERTAIN, UNSTABLE, None, STABLE]
    stability = [0.9375, 0.93, 0.5625, 0.56]
    assert verdicts(stability, [0.0625] * 4, 0.75) == [STABLE, UNCERTAIN, UNCERTAIN,
                                                       UNSTABLE]


def test_dirichlet_weights_have_the_documented_spread():
    rng = np.random.default_rng(0)
    published = np.array([d.weight for d in SPEC.domains])
    weights = dirichlet_weights(rng, published, 0.1, 20000)
    assert weights.sum(axis=1) == pytest.approx(published.sum())
    assert weights.mean(axis=0) == pytest.approx(published, rel=0.01)
    shares = published / published.sum()
    expected_sd = 0.1 * np.sqrt(shares * (1 - shares)) * published.sum()
    assert weights.std(axis=0) == pytest.approx(expected_sd, rel=0.03)
    zero = published.copy()
    zero[2] = 0.0
    assert (dirichlet_weights(rng, zero, 0.2, 50)[:, 2] == 0).all()
    assert (dirichlet_weights(rng, published, 0.0, 3) == published).all()


def test_jittered_breaks_stay_sorted_and_within_range():
    rng = np.random.default_rng(0)
    breaks = jittered_breaks(rng, (40.0, 50.0, 60.0), 8.0, 500)
    assert (np.diff(breaks, axis=1) >= 0).all()
    assert breaks.min() >= 32.0 and breaks.max() <= 68.0
    assert (jittered_breaks(rng, (40.0, 50.0), 0.0, 2) == [[40, 50], [40, 50]]).all()


def test_classify_matrix_puts_equal_values_up_and_nan_at_zero():
    totals = np.array([[40.0, 39.99], [np.nan, 60.0]])
    breaks = np.array([[40.0, 50.0, 60.0], [30.0, 50.0, 60.0]])
    assert classify_matrix(totals, breaks).tolist() == [[2, 2], [0, 4]]


def test_per_year_normalisation_needs_years():
    with pytest.raises(InputError, match="YEAR_FIELD"):
        class_stability(SPEC, "indicators", indicator_table(),
                        options=StabilityOptions(runs=3, normalisations=(POOLED, PER_YEAR)))


def test_per_year_runs_with_years():
    raw = indicator_table(rows=40)
    years = np.repeat([2019.0, 2023.0], 20)
    result = class_stability(SPEC, "indicators", raw, years,
                             options=StabilityOptions(runs=30, normalisations=(PER_YEAR,)))
    assert result.runs_per_normalisation == {PER_YEAR: 30}


@pytest.mark.parametrize("options, word", [
    (dict(runs=0), "N_RUNS"),
    (dict(weight_spread=0.7), "WEIGHT_SPREAD"),
    (dict(break_jitter=-1), "BREAK_JITTER"),
    (dict(normalisations=()), "at least one"),
    (dict(normalisations=("fixed",)), "Unknown normalisation"),
    (dict(breaks=(50.0, 40.0)), "ascending"),
    (dict(min_coverage=2.0), "MIN_COVERAGE"),
    (dict(unstable_below=1.5), "UNSTABLE_BELOW"),
])
def test_bad_options(options, word):
    with pytest.raises(InputError, match=word):
        class_stability(SPEC, "domains", {d: np.ones(3) for d in SPEC.domain_ids},
                        options=StabilityOptions(**options))


def test_missing_domain_and_flat_indicator_are_errors():
    with pytest.raises(InputError, match="missing"):
        class_stability(SPEC, "domains", {"inkomen": np.ones(3)})
    raw = indicator_table()
    raw["vandalisme"] = np.full(60, 4.0)
    with pytest.raises(InputError, match="vandalisme.*no spread"):
        class_stability(SPEC, "indicators", raw)
