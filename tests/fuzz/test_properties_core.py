"""Property-based tests of the core over random specs and tables (hypothesis; no QGIS).

For every input either a clear validation error (MdiError) or a result that is bounded
(scores 0-100, classes 1..k), independent of the row order, and where the method says so:
aggregating identical units gives the unit value; under per-year normalisation a unit's
score and class do not change when only other years change.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mdi_plugin.core.aggregate import METHODS, WEIGHTED_MEAN, aggregate, factorise
from mdi_plugin.core.classify import CUSTOM, FIXED, PER_YEAR, POOLED, classify_values
from mdi_plugin.core.compute import (WEIGHT_SUM_RANGE, ComputeOptions,
                                     compute_from_indicators)
from mdi_plugin.core.errors import InputError, MdiError
from mdi_plugin.core.regiokompas import join, prepare_table
from mdi_plugin.core.spec import spec_from_dict
from mdi_plugin.core.zones import PERIFEER, ZONES, flag_regions

VALUES = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
ANY_FLOATS = st.floats(allow_nan=True, allow_infinity=False, width=64)


@st.composite
def specs(draw):
    """A random valid spec: 1-4 domains, 1-3 indicators each, random directions/weights."""
    n_domains = draw(st.integers(1, 4))
    domains = [{"id": "d{}".format(d), "weight": draw(st.sampled_from([0, 5, 9.3, 22.5, 40]))}
               for d in range(n_domains)]
    assume(any(d["weight"] for d in domains))
    indicators = []
    for d in range(n_domains):
        for k in range(draw(st.integers(1, 3))):
            indicators.append({"id": "i{}_{}".format(d, k), "domain": "d{}".format(d),
                               "direction": draw(st.sampled_from(
                                   ["higher_is_worse", "higher_is_better"]))})
    return spec_from_dict({"domains": domains, "indicators": indicators}, "random spec")


@st.composite
def tables(draw, spec, min_rows=1, max_rows=20):
    rows = draw(st.integers(min_rows, max_rows))
    table = draw(arrays(float, (rows, len(spec.indicators)),
                        elements=st.one_of(VALUES, st.just(np.nan))))
    return table


@st.composite
def spread_tables(draw, spec, min_rows=4, max_rows=20):
    """A table whose every column has spread overall and within each year of YEARS: rows 0-3
    (years 2019, 2023, 2019, 2023) hold distinct values in every column; later rows may be
    missing. So min-max scaling never meets "no spread" and each year has two values."""
    rows = draw(st.integers(max(min_rows, 4), max_rows))
    columns = []
    for _ in spec.indicators:
        column = np.array(draw(st.lists(VALUES, min_size=rows, max_size=rows, unique=True)))
        missing = np.array([False] * 4 + draw(st.lists(st.booleans(), min_size=rows - 4,
                                                       max_size=rows - 4)))
        column[missing] = np.nan
        columns.append(column)
    return np.column_stack(columns)


def year_column(rows):
    """2019, 2023, 2019, ... (the years spread_tables is built for)."""
    return np.array([2019.0, 2023.0] * rows)[:rows]


def columns_of(spec, table):
    return {ind.id: table[:, k].copy() for k, ind in enumerate(spec.indicators)}


def bounded(array, low, high):
    valid = array[~np.isnan(array)]
    return bool(((valid >= low - 1e-9) & (valid <= high + 1e-9)).all())


@settings(max_examples=80, deadline=None)
@given(st.data(), st.sampled_from(["pooled", "rank", "per_year"]), st.floats(0, 1),
       st.booleans())
def test_compute_is_bounded(data, normalisation, coverage, rescale):
    """Every table with spread gives scores within 0-100 (no error is acceptable)."""
    spec = data.draw(specs())
    table = data.draw(spread_tables(spec))
    years = year_column(len(table))
    low, high = WEIGHT_SUM_RANGE
    if not rescale and not low <= spec.weight_sum <= high:
        # weights far from 100 % are refused unless rescaled; then go on rescaled
        with pytest.raises(InputError, match="weights add up to"):
            compute_from_indicators(spec, columns_of(spec, table),
                                    ComputeOptions(normalisation=normalisation), years)
        rescale = True
    options = ComputeOptions(normalisation=normalisation, min_coverage=coverage,
                             rescale_weights=rescale)
    result = compute_from_indicators(spec, columns_of(spec, table), options, years)
    for scores in result.domain_scores.values():
        assert bounded(scores, 0, 100)
    assert bounded(result.mdi, 0, 100 if rescale else spec.weight_sum)


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from(["pooled", "per_year"]))
def test_a_table_without_spread_is_a_clear_error(data, normalisation):
    """Any table (values, NaN) in which one indicator has one value in a year: the error
    names that indicator and says what to do; nothing else goes wrong."""
    spec = data.draw(specs())
    table = data.draw(tables(spec, min_rows=2))
    column = data.draw(st.integers(0, len(spec.indicators) - 1))
    table[:, column] = data.draw(VALUES)
    with pytest.raises(MdiError) as raised:
        compute_from_indicators(spec, columns_of(spec, table), ComputeOptions(
            normalisation=normalisation, rescale_weights=True), year_column(len(table)))
    assert "no spread" in str(raised.value) or "cannot be computed" in str(raised.value)


@settings(max_examples=60, deadline=None)
@given(st.data(), st.randoms(use_true_random=False),
       st.sampled_from(["pooled", "rank", "per_year"]))
def test_compute_does_not_depend_on_row_order(data, random, normalisation):
    spec = data.draw(specs())
    table = data.draw(spread_tables(spec))
    years = year_column(len(table))
    order = list(range(len(table)))
    random.shuffle(order)
    options = ComputeOptions(normalisation=normalisation, rescale_weights=True)
    straight = compute_from_indicators(spec, columns_of(spec, table), options, years)
    shuffled = compute_from_indicators(spec, columns_of(spec, table[order]), options,
                                       years[order])
    np.testing.assert_allclose(shuffled.mdi, straight.mdi[order], rtol=1e-12, atol=1e-9,
                               equal_nan=True)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_per_year_scores_and_classes_ignore_other_years(data):
    """Change only the 2019 rows: the 2023 scores and per-year classes stay the same."""
    spec = data.draw(specs())
    table = data.draw(spread_tables(spec))
    years = year_column(len(table))
    rows_2019 = years == 2019.0
    other = table.copy()
    other[rows_2019] = data.draw(spread_tables(spec, len(table), len(table)))[rows_2019]
    options = ComputeOptions(normalisation="per_year", rescale_weights=True)
    before = compute_from_indicators(spec, columns_of(spec, table), options, years)
    after = compute_from_indicators(spec, columns_of(spec, other), options, years)
    kept = ~rows_2019
    np.testing.assert_array_equal(after.mdi[kept], before.mdi[kept])
    try:
        classes = [classify_values(run.mdi, PER_YEAR, years=years).classes
                   for run in (before, after)]
    except MdiError as err:    # a year whose MDIs (NULL where coverage is low) tie
        assert "quartiles" in str(err)
        assume(False)
    assert [c for c, k in zip(classes[0], kept) if k] == \
        [c for c, k in zip(classes[1], kept) if k]


@st.composite
def class_values(draw):
    """Distinct values (quartiles never coincide), rows 0-3 present (two per year), later
    rows may be missing."""
    values = np.array(draw(st.lists(VALUES, min_size=4, max_size=40, unique=True)))
    missing = np.array([False] * 4 + draw(st.lists(st.booleans(), min_size=len(values) - 4,
                                                   max_size=len(values) - 4)))
    values[missing] = np.nan
    return values


@settings(max_examples=80, deadline=None)
@given(class_values(), st.sampled_from([FIXED, POOLED, PER_YEAR, CUSTOM]),
       st.lists(st.floats(-100, 200), min_size=1, max_size=6, unique=True),
       st.randoms(use_true_random=False))
def test_classes_are_1_to_k_and_order_free(values, method, breaks, random):
    years = year_column(len(values))
    breaks = sorted(breaks)
    result = classify_values(values, method, breaks=breaks, years=years)
    k = len(breaks) + 1 if method == CUSTOM else 4
    for value, cls in zip(values, result.classes):
        assert (cls is None) == bool(np.isnan(value))
        assert cls is None or 1 <= cls <= k
    order = list(range(len(values)))
    random.shuffle(order)
    shuffled = classify_values(values[order], method, breaks=breaks, years=years[order])
    assert shuffled.classes == [result.classes[i] for i in order]


@settings(max_examples=80, deadline=None)
@given(st.floats(-1e300, 1e300, allow_nan=False), st.integers(1, 12),
       st.sampled_from(METHODS), st.floats(0.5, 1e6))
def test_aggregating_identical_units_gives_the_unit_value(value, count, method, weight):
    labels, regions = factorise(["R"] * count)
    result = aggregate(labels, regions, {"mdi": np.full(count, value)}, method,
                       weights=np.full(count, weight))
    np.testing.assert_allclose(result.statistics["mdi"], [value], rtol=1e-12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", None]),
                          st.one_of(VALUES, st.just(np.nan)), st.floats(0, 1e4)),
                min_size=1, max_size=30),
       st.sampled_from(METHODS), st.randoms(use_true_random=False))
def test_aggregate_is_within_the_units_and_order_free(units, method, random):
    keys = [u[0] for u in units]
    values = np.array([u[1] for u in units])
    weights = np.array([u[2] for u in units])

    def run(order):
        labels, regions = factorise([keys[i] for i in order])
        result = aggregate(labels, regions, {"mdi": values[order]}, method,
                           weights=weights[order])
        return dict(zip(result.groups.regions, result.statistics["mdi"]))

    straight = run(list(range(len(units))))
    order = list(range(len(units)))
    random.shuffle(order)
    shuffled = run(order)
    assert straight.keys() == shuffled.keys()
    for region, statistic in straight.items():
        members = values[[k == region for k in keys]]
        members = members[~np.isnan(members)]
        if method == WEIGHTED_MEAN or not members.size:
            continue
        assert members.min() - 1e-6 * abs(members.min()) <= statistic <= \
            members.max() + 1e-6 * abs(members.max())
        np.testing.assert_allclose(shuffled[region], statistic, rtol=1e-9, atol=1e-9)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["CR01", "cr1", "2", "CR03", "x", None, 7]),
                          st.one_of(st.floats(0, 100), st.just(np.nan))), max_size=20),
       st.floats(0, 100))
def test_periphery_flags_are_consistent(rows, threshold):
    table = {"CR01": "perifeer", "CR02": "kern", "CR03": "intermediair"}
    codes = [r[0] for r in rows]
    mdi = np.array([r[1] for r in rows], dtype=float)
    flags = flag_regions(codes, mdi, table, threshold)
    for zone, perifeer, high, focus, value in zip(flags.zone, flags.perifeer, flags.hoge_mdi,
                                                  flags.focusregio, mdi):
        assert zone is None or zone in ZONES
        assert high == (None if np.isnan(value) else int(value >= threshold))
        if zone is not None:
            assert perifeer == int(zone == PERIFEER)
        if focus == 1:
            assert zone == PERIFEER and high == 1
        if zone is not None and high is not None:
            assert focus == int(zone == PERIFEER and high == 1)


@settings(max_examples=60, deadline=None)
@given(arrays(float, st.tuples(st.integers(1, 15), st.integers(1, 4)),
              elements=st.one_of(st.floats(0, 200), st.just(np.nan))),
       st.booleans(), st.randoms(use_true_random=False))
def test_regiokompas_counts_are_bounded_and_order_free(scores, higher_is_better, random):
    n_rows, n_themes = scores.shape
    codes = ["GM{:04d}".format(r + 1) for r in range(n_rows)]
    names = ["t{}".format(k) for k in range(n_themes)]
    columns = {"gemeentecode": codes}
    columns.update({name: scores[:, k].tolist() for k, name in enumerate(names)})
    try:
        table = prepare_table(codes, columns, "gemeentecode", names)
    except MdiError as err:    # a theme without any value
        assert "no values" in str(err) or "theme" in str(err)
        assume(False)
    inputs = list(codes) + ["GM9999"]
    result = join(table, inputs, higher_is_better)
    used = len(table.theme_names)
    for top, bottom in zip(result.top, result.bottom):
        if top == top and top is not None:
            assert 0 <= top <= used and 0 <= bottom <= used
    order = list(range(len(inputs)))
    random.shuffle(order)
    shuffled = join(table, [inputs[i] for i in order], higher_is_better)
    np.testing.assert_array_equal(np.asarray(shuffled.top, dtype=float),
                                  np.asarray(result.top, dtype=float)[order])
