"""Property-based tests of the core computation (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mdi_plugin.core.compute import ComputeOptions, compute_from_indicators
from mdi_plugin.core.spec import load_spec

SPEC = load_spec()
N_IND = len(SPEC.indicators)
VALUES = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
NORMALISATIONS = st.sampled_from(["pooled", "rank"])


@st.composite
def indicator_tables(draw, min_rows=2, max_rows=25):
    """A table of raw values with spread in every indicator, some values missing."""
    rows = draw(st.integers(min_rows, max_rows))
    table = draw(arrays(float, (rows, N_IND), elements=VALUES))
    table[:2] = [[0.0] * N_IND, [1.0] * N_IND]      # guarantee spread
    mask = draw(arrays(bool, (rows, N_IND)))
    mask[:2] = False
    table[mask] = np.nan
    return table


def as_columns(table):
    return {ind.id: table[:, k].copy() for k, ind in enumerate(SPEC.indicators)}


@settings(max_examples=60, deadline=None)
@given(indicator_tables(), NORMALISATIONS, st.floats(0, 1))
def test_scores_stay_within_0_100(table, normalisation, coverage):
    result = compute_from_indicators(SPEC, as_columns(table),
                                     ComputeOptions(normalisation=normalisation,
                                                    min_coverage=coverage))
    for scores in list(result.domain_scores.values()) + [result.mdi]:
        valid = scores[~np.isnan(scores)]
        assert ((valid >= -1e-9) & (valid <= 100 + 1e-9)).all()


@settings(max_examples=60, deadline=None)
@given(indicator_tables(min_rows=3), st.integers(0, N_IND - 1),
       st.floats(0.01, 1e5), NORMALISATIONS)
def test_each_indicator_moves_the_score_in_its_direction(table, column, delta, normalisation):
    table[0] = np.nan_to_num(table[0], nan=0.5)       # row 0 complete
    options = ComputeOptions(normalisation=normalisation)
    before = compute_from_indicators(SPEC, as_columns(table), options).mdi[0]
    table[0, column] += delta
    after = compute_from_indicators(SPEC, as_columns(table), options).mdi[0]
    if SPEC.indicators[column].higher_is_better:
        assert after <= before + 1e-9
    else:
        assert after >= before - 1e-9


@settings(max_examples=60, deadline=None)
@given(indicator_tables(), st.randoms(use_true_random=False), NORMALISATIONS)
def test_row_order_does_not_matter(table, random, normalisation):
    order = list(range(len(table)))
    random.shuffle(order)
    options = ComputeOptions(normalisation=normalisation)
    straight = compute_from_indicators(SPEC, as_columns(table), options).mdi
    shuffled = compute_from_indicators(SPEC, as_columns(table[order]), options).mdi
    np.testing.assert_allclose(shuffled, straight[order], rtol=1e-12, atol=1e-9,
                               equal_nan=True)
