"""Class stability core: zero spread gives certainty, seeds reproduce, the draws have the
documented distributions, and probabilities match analytic values."""

import math

import numpy as np
import pytest

from mdi_plugin.core import stability as stability_module
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.normalise import PER_YEAR, POOLED, RANK
from mdi_plugin.core.spec import load_spec
from mdi_plugin.core.stability import (StabilityOptions, class_stability, classify_matrix,
                                       dirichlet_weights, jittered_breaks)
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


def test_rank_normalisation_runs_use_percentile_ranks():
    """Only rank-normalised runs (no other noise): every class is that of a plain
    percentile-rank MDI, while the base class stays min-max."""
    raw = indicator_table(rows=25, seed=9)
    result = class_stability(SPEC, "indicators", raw,
                             options=StabilityOptions(runs=5, weight_spread=0.0,
                                                      break_jitter=0.0,
                                                      normalisations=(RANK,)))
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
    rank_mdi = reference_mdi(SPEC, ranked)
    for row in range(25):
        klass = plain_class(rank_mdi[row])
        if math.isnan(klass):
            assert math.isnan(result.modal_class[row])
        else:
            assert result.modal_class[row] == klass and result.stability[row] == 1.0
    assert result.runs_per_normalisation == {RANK: 5}


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
