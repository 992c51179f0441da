"""Core aggregation to regions, against plain-Python loop computations."""

import math
import statistics

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdi_plugin.core.aggregate import (COUNT_FIELD, MEAN, MEDIAN, METHODS, MINIMUM,
                                       NO_REGION, NO_YEAR, WEIGHTED_MEAN, aggregate,
                                       check_weights, class_field_of, class_shares,
                                       code_labels, default_fields, describe_units, factorise,
                                       group_statistic, make_groups, membership_mode,
                                       output_columns, parse_units, primary_field,
                                       region_key, share_field_names)
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.spec import load_spec

SPEC = load_spec()


# -- independent reference: one plain loop per group -------------------------------------

def loop_statistic(values, groups, n_groups, method, weights=None):
    """Statistic per group by looping over the units; NaN values (and weights) skipped."""
    out = []
    for group in range(n_groups):
        members = [u for u in range(len(values)) if groups[u] == group
                   and not math.isnan(values[u])
                   and (method != WEIGHTED_MEAN or not math.isnan(weights[u]))]
        picked = [values[u] for u in members]
        if not picked:
            out.append(math.nan)
        elif method == MEAN:
            out.append(sum(picked) / len(picked))
        elif method == WEIGHTED_MEAN:
            # weights relative to the largest: subnormal weights (5e-324) keep their ratio
            largest = max((weights[u] for u in members), default=0.0)
            shares = [weights[u] / largest if largest > 0 else 0.0 for u in members]
            total = sum(shares)
            out.append(sum(values[u] * w for u, w in zip(members, shares)) / total
                       if total > 0 else math.nan)
        elif method == MEDIAN:
            out.append(statistics.median(picked))
        elif method == MINIMUM:
            out.append(min(picked))
        else:
            out.append(max(picked))
    return np.array(out, dtype=float)


def loop_shares(classes, groups, n_groups, weights=None):
    """(share of units with class >= 3, share of weight in class >= 4), by loops."""
    high, weighted = [], []
    for group in range(n_groups):
        with_class = [u for u in range(len(classes)) if groups[u] == group
                      and not math.isnan(classes[u])]
        high.append(sum(classes[u] >= 3 for u in with_class) / len(with_class)
                    if with_class else math.nan)
        if weights is not None:
            weighed = [u for u in with_class if not math.isnan(weights[u])]
            total = sum(weights[u] for u in weighed)
            weighted.append(sum(weights[u] for u in weighed if classes[u] >= 4) / total
                            if total > 0 else math.nan)
    return np.array(high), (np.array(weighted) if weights is not None else None)


def random_units(seed, n_units=300, n_groups=25, nan_share=0.2):
    rng = np.random.default_rng(seed)
    groups = rng.integers(-1, n_groups, n_units)          # -1: in no group
    values = rng.uniform(0, 100, n_units).round(1)        # ties for median/min/max
    values[rng.random(n_units) < nan_share] = np.nan
    weights = rng.integers(0, 5000, n_units).astype(float)
    weights[rng.random(n_units) < 0.1] = np.nan
    classes = rng.integers(1, 5, n_units).astype(float)
    classes[rng.random(n_units) < 0.15] = np.nan
    return groups, values, weights, classes


# -- statistics ----------------------------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_method_matches_loops(method, seed):
    groups, values, weights, _ = random_units(seed)
    got = group_statistic(values, groups, 25, method, weights)
    np.testing.assert_allclose(got, loop_statistic(values, groups, 25, method, weights),
                               rtol=1e-12, atol=1e-12, equal_nan=True)


@given(st.lists(st.tuples(st.integers(-1, 4),
                          st.one_of(st.just(math.nan),
                                    st.floats(-1e4, 1e4, allow_nan=False)),
                          st.one_of(st.just(math.nan), st.floats(0, 1e4, allow_nan=False))),
                max_size=40),
       st.sampled_from(METHODS))
def test_statistics_property(units, method):
    groups = np.array([u[0] for u in units], dtype=np.int64)
    values = np.array([u[1] for u in units], dtype=float)
    weights = np.array([u[2] for u in units], dtype=float)
    got = group_statistic(values, groups, 5, method, weights)
    np.testing.assert_allclose(got, loop_statistic(values, groups, 5, method, weights),
                               rtol=1e-9, atol=1e-9, equal_nan=True)


def test_median_of_even_and_odd_groups():
    values = np.array([4.0, 1.0, 3.0, 2.0, 10.0, 30.0, 20.0])
    groups = np.array([0, 0, 0, 0, 1, 1, 1])
    np.testing.assert_array_equal(group_statistic(values, groups, 2, MEDIAN),
                                  [statistics.median([4, 1, 3, 2]),
                                   statistics.median([10, 30, 20])])


def test_all_null_group_and_empty_group_get_nan():
    values = np.array([np.nan, np.nan, 5.0])
    groups = np.array([0, 0, 1])
    for method in METHODS:
        got = group_statistic(values, groups, 3, method, np.ones(3))
        assert math.isnan(got[0]) and got[1] == 5.0 and math.isnan(got[2]), method


def test_weighted_mean_zero_weights_and_missing_weight():
    values = np.array([10.0, 20.0, 30.0, 40.0])
    weights = np.array([0.0, 0.0, np.nan, 3.0])
    groups = np.array([0, 0, 1, 1])
    got = group_statistic(values, groups, 2, WEIGHTED_MEAN, weights)
    assert math.isnan(got[0])       # weights add up to 0
    assert got[1] == 40.0           # unit without weight left out


def test_weighted_mean_needs_weights():
    with pytest.raises(InputError, match="WEIGHT_FIELD"):
        group_statistic(np.ones(2), np.zeros(2, dtype=int), 1, WEIGHTED_MEAN)
    with pytest.raises(InputError, match="WEIGHT_FIELD"):
        aggregate([0, 0], ["A"], {"mdi": np.ones(2)}, WEIGHTED_MEAN)


def test_unknown_method_is_a_programming_error():
    with pytest.raises(ValueError):
        group_statistic(np.ones(2), np.zeros(2, dtype=int), 1, "mode")


def test_negative_weight_names_field_and_feature():
    with pytest.raises(InputError) as err:
        check_weights(np.array([3.0, np.nan, -1.0]), "inwoners", [11, 12, 13])
    assert "inwoners" in str(err.value) and "13" in str(err.value)
    check_weights(np.array([0.0, np.nan, 2.0]), "inwoners")


# -- shares --------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [4, 5])
def test_class_shares_match_loops(seed):
    groups, _, weights, classes = random_units(seed)
    high, weighted = class_shares(classes, groups, 25, weights)
    expected_high, expected_weighted = loop_shares(classes, groups, 25, weights)
    np.testing.assert_allclose(high, expected_high, equal_nan=True)
    np.testing.assert_allclose(weighted, expected_weighted, equal_nan=True)
    high_only, none = class_shares(classes, groups, 25)
    np.testing.assert_allclose(high_only, expected_high, equal_nan=True)
    assert none is None


def test_half_of_the_inhabitants_in_very_high_units():
    # Almelo-like: 2 of 5 buurten are "Zeer hoog" and hold half the inhabitants.
    classes = np.array([4.0, 4.0, 1.0, 2.0, 3.0])
    inhabitants = np.array([3000.0, 2000.0, 1000.0, 1500.0, 2500.0])
    high, weighted = class_shares(classes, np.zeros(5, dtype=int), 1, inhabitants)
    assert high[0] == pytest.approx(3 / 5)
    assert weighted[0] == pytest.approx(0.5)


# -- grouping --------------------------------------------------------------------------------

def test_region_key_keeps_codes_as_given():
    assert region_key("CR01") == "CR01"
    assert region_key(" CR01") == " CR01"
    assert region_key(7) == 7
    for missing in (None, "", "   ", math.nan):
        assert region_key(missing) is None


def test_factorise_sorts_codes_and_marks_missing():
    labels, regions = factorise(["CR02", None, "CR01", "CR02"])
    assert regions == ["CR01", "CR02"]
    assert labels.tolist() == [1, -1, 0, 1]
    labels, regions = factorise([12, 3, 12])
    assert regions == [3, 12] and labels.tolist() == [1, 0, 1]
    labels, regions = factorise(["B", 1, "A"])          # mixed types still group
    assert sorted(map(str, regions)) == ["1", "A", "B"] and len(set(labels.tolist())) == 3


def test_factorise_with_known_regions_keeps_their_order():
    labels, regions = factorise(["Z", "X", "Q", None], known=["Z", "Y", "X"])
    assert regions == ["Z", "Y", "X"] and labels.tolist() == [0, 2, -1, -1]


def test_groups_by_region_and_year():
    labels = np.array([0, 0, 1, 1, 0, -1, 1])
    years = np.array([2014, 2023, 2023, 2023, 2014, 2014, np.nan])
    groups = make_groups(labels, ["A", "B"], years)
    pairs = list(zip(groups.regions, groups.years.tolist()))
    assert pairs == [("A", 2014.0), ("A", 2023.0), ("B", 2023.0)]
    assert groups.inverse.tolist() == [0, 1, 2, 2, 0, -1, -1]
    assert groups.unit_counts().tolist() == [2, 1, 2]


def test_keep_all_gives_every_region_in_every_year():
    labels = np.array([0, 2, 2])
    years = np.array([2014.0, 2014.0, 2023.0])
    groups = make_groups(labels, ["A", "B", "C"], years, keep_all=True)
    pairs = list(zip(groups.regions, groups.years.tolist()))
    assert pairs == [("A", 2014.0), ("A", 2023.0), ("B", 2014.0), ("B", 2023.0),
                     ("C", 2014.0), ("C", 2023.0)]
    assert [pairs[g] for g in groups.inverse] == [("A", 2014.0), ("C", 2014.0),
                                                  ("C", 2023.0)]
    no_years = make_groups(labels, ["A", "B", "C"], keep_all=True)
    assert no_years.regions == ["A", "B", "C"]
    assert no_years.unit_counts().tolist() == [1, 0, 2]
    none_matched = make_groups(np.array([-1]), ["A"], np.array([2014.0]), keep_all=True)
    assert none_matched.regions == ["A"] and math.isnan(none_matched.years[0])


# -- aggregate() ---------------------------------------------------------------------------

def test_aggregate_by_region_and_year_matches_loops():
    rng = np.random.default_rng(9)
    codes = [None if rng.random() < 0.05 else "CR{:02d}".format(int(c))
             for c in rng.integers(1, 8, 400)]
    years = rng.choice([2014.0, 2019.0, 2023.0], 400)
    years[rng.random(400) < 0.03] = np.nan
    mdi = rng.uniform(20, 80, 400)
    mdi[rng.random(400) < 0.1] = np.nan
    klasse = np.digitize(mdi, [40, 50, 60]) + 1.0
    klasse[np.isnan(mdi)] = np.nan
    inwoners = rng.integers(100, 9000, 400).astype(float)
    labels, regions = factorise([region_key(c) for c in codes])
    result = aggregate(labels, regions, {"mdi": mdi}, MEDIAN, inwoners, years,
                       classes={"mdi": klasse})
    keys = sorted({(c, y) for c, y in zip(codes, years) if c is not None and y == y})
    assert list(zip(result.groups.regions, result.groups.years.tolist())) == keys
    unit_group = [keys.index((c, y)) if (c, y) in keys else -1 for c, y in zip(codes, years)]
    np.testing.assert_allclose(result.statistics["mdi"],
                               loop_statistic(mdi, unit_group, len(keys), MEDIAN),
                               equal_nan=True)
    assert result.unit_counts.tolist() == [unit_group.count(g) for g in range(len(keys))]
    high, weighted = loop_shares(klasse, unit_group, len(keys), inwoners)
    np.testing.assert_allclose(result.shares["aandeel_hoog"], high, equal_nan=True)
    np.testing.assert_allclose(result.shares["aandeel_inw_zeer_hoog"], weighted,
                               equal_nan=True)
    assert result.unmatched.tolist() == [u for u, g in enumerate(unit_group) if g < 0]
    assert result.region_count == len({k[0] for k in keys})


def test_share_names_for_primary_and_other_fields():
    assert primary_field(["mdi_werk", "MDI"]) == "MDI"
    assert primary_field(["mdi_werk", "mdi_inkomen"]) == "mdi_werk"
    assert share_field_names("mdi", "mdi") == ("aandeel_hoog", "aandeel_inw_zeer_hoog")
    assert share_field_names("mdi_werk", "mdi") == ("mdi_werk_aandeel_hoog",
                                                    "mdi_werk_aandeel_inw_zeer_hoog")
    classes = np.array([3.0, 1.0])
    result = aggregate(np.array([0, 0]), ["A"], {"mdi": np.ones(2), "mdi_werk": np.ones(2)},
                       classes={"mdi": classes, "mdi_werk": classes})
    assert sorted(result.shares) == ["aandeel_hoog", "mdi_werk_aandeel_hoog"]


def test_aggregate_warnings():
    values = np.array([10.0, 20.0, 30.0])
    weights = np.array([np.nan, 0.0, 0.0])
    result = aggregate(np.array([0, 0, 1]), ["A", "B"], {"mdi": values}, WEIGHTED_MEAN,
                       weights, classes={"mdi": np.array([1.0, 5.0, 2.0])})
    text = " | ".join(str(w) for w in result.warnings)
    assert "1 unit(s) have a value but no weight" in text
    assert "2 region(s) have values but no positive weight" in text
    assert "classes up to 5" in text
    assert np.isnan(result.statistics["mdi"]).all()


# -- field helpers --------------------------------------------------------------------------

def test_default_fields_are_mdi_and_domains_present():
    available = ["gemeentecode", "MDI_werk", "mdi", "mdi_inkomen", "mdi_klasse", "naam"]
    assert default_fields(SPEC, available) == ["mdi", "mdi_inkomen", "MDI_werk"]
    every = ["mdi_" + d for d in SPEC.domain_ids] + ["mdi"]
    assert default_fields(SPEC, every) == ["mdi"] + ["mdi_" + d for d in SPEC.domain_ids]
    assert default_fields(SPEC, ["x"]) == []


def test_class_field_lookup():
    assert class_field_of("mdi", ["mdi", "MDI_Klasse"]) == "MDI_Klasse"
    assert class_field_of("mdi_werk", ["mdi_klasse"]) is None


def test_describe_units_caps_the_list():
    text = describe_units(range(25), lambda r: "BU{:02d}".format(r), limit=3)
    assert text == "BU00, BU01, BU02 and 22 more"
    assert describe_units([4], str) == "4"
    assert COUNT_FIELD == "n_eenheden"


def test_weighted_mean_of_huge_values_and_weights_does_not_overflow():
    from mdi_plugin.core.aggregate import WEIGHTED_MEAN, group_statistic
    values = [3e200, 1e200, 5.0, 7.0]
    weights = [1e200, 3e200, 1.0, 3.0]
    out = group_statistic(values, [0, 0, 1, 1], 2, WEIGHTED_MEAN, weights)
    assert np.isfinite(out).all()
    assert out[0] == pytest.approx((3e200 * 1 + 1e200 * 3) / 4, rel=1e-12)
    assert out[1] == pytest.approx((5.0 + 21.0) / 4, rel=1e-12)


def test_group_minimum_and_maximum_match_plain_python():
    from mdi_plugin.core.aggregate import MAXIMUM, MINIMUM, group_statistic
    rng = np.random.default_rng(5)
    groups = rng.integers(-1, 6, 400)          # -1: not in any group; group 6 stays empty
    values = rng.normal(50, 20, 400)
    values[rng.random(400) < 0.1] = np.nan
    for method, pick in ((MINIMUM, min), (MAXIMUM, max)):
        out = group_statistic(values, groups, 7, method)
        for g in range(7):
            members = [v for v, k in zip(values, groups) if k == g and not np.isnan(v)]
            if members:
                assert out[g] == pick(members)
            else:
                assert np.isnan(out[g])


# -- what the algorithm needs around aggregate() ------------------------------------------

def test_membership_mode_needs_exactly_one_way():
    assert membership_mode(True, False, False) == "REGION_FIELD"
    assert membership_mode(False, True, False) == "REGIONS"
    assert membership_mode(False, True, True) == "REGIONS"
    for flags, match in (((True, True, False), "not both"),
                         ((True, False, True), "leave it empty"),
                         ((False, False, True), "REGIONS is not"),
                         ((False, False, False), "REGION_FIELD .* or REGIONS")):
        with pytest.raises(InputError, match=match):
            membership_mode(*flags)


def test_code_labels_unify_cbs_code_forms():
    labels, regions, warnings = code_labels(["CR01", "cr01", 1, None, "CR02", " "], "corop")
    assert regions == ["CR01", "CR02"] and labels.tolist() == [0, 0, 0, -1, 1, -1]
    assert len(warnings) == 1 and "CR01 ('1', 'CR01', 'cr01')" in str(warnings[0])
    labels, regions, warnings = code_labels([3, 12, 3], "corop")
    assert regions == [3, 12] and labels.tolist() == [0, 1, 0] and not warnings


def test_parse_units_parses_and_checks_columns():
    raw = {"mdi": ["1,5", None, 3], "w": [10, 20, None], "jaar": [2023, 2023.0, None],
           "mdi_klasse": [1, 2, None]}
    units = parse_units(raw, [7, 8, 9], ["mdi"], {"mdi": "mdi_klasse"}, "w", "jaar")
    np.testing.assert_array_equal(units.columns["mdi"], [1.5, np.nan, 3.0])
    np.testing.assert_array_equal(units.weights, [10.0, 20.0, np.nan])
    np.testing.assert_array_equal(units.years, [2023.0, 2023.0, np.nan])
    np.testing.assert_array_equal(units.classes["mdi"], [1.0, 2.0, np.nan])
    plain = parse_units(raw, [7, 8, 9], ["mdi"])
    assert plain.weights is None and plain.years is None and plain.classes == {}
    with pytest.raises(InputError, match="'w', feature 9.*negative"):
        parse_units(dict(raw, w=[1, 2, -3]), [7, 8, 9], ["mdi"], weight_field="w")
    with pytest.raises(InputError, match="'mdi', feature 8"):
        parse_units(dict(raw, mdi=[1, "hoog", 2]), [7, 8, 9], ["mdi"])


def test_output_columns_and_their_name_clashes():
    assert output_columns("regio", "jaar", ["mdi"], ["aandeel_hoog"]) == [
        ("jaar", "int"), ("mdi", "double"), (COUNT_FIELD, "int"), ("aandeel_hoog", "double")]
    assert output_columns(None, None, ["mdi"], []) == [("mdi", "double"), (COUNT_FIELD, "int")]
    with pytest.raises(InputError, match="two fields named 'n_eenheden'"):
        output_columns(None, None, ["mdi", "N_EENHEDEN"], [])
    with pytest.raises(InputError, match="two fields named 'Regio'"):
        output_columns("Regio", None, ["regio"], [])


def test_rows_per_group_with_years_and_nulls():
    result = aggregate(np.array([0, 0, 1, -1]), ["A", "B"],
                       {"mdi": np.array([10.0, 20.0, np.nan, 5.0])},
                       years=np.array([2023.0, 2023.0, 2019.0, 2019.0]),
                       classes={"mdi": np.array([4.0, 1.0, np.nan, 4.0])})
    rows = result.rows(["mdi"])
    assert rows == [("A", [2023, 15.0, 2, 0.5]), ("B", [2019, None, 1, None])]
    assert all(type(v) in (int, float) for v in rows[0][1])
    assert aggregate(np.array([0]), ["A"], {"mdi": np.ones(1)}).rows(["mdi"]) == [
        ("A", [1.0, 1])]


def test_unmatched_units_by_reason():
    labels = np.array([0, -1, 0, -1, -1])
    result = aggregate(labels, ["A"], {"mdi": np.ones(5)},
                       years=np.array([2023.0, 2023.0, np.nan, 2023.0, np.nan]))
    ids = [10, 11, 12, 13, 14]
    assert result.unmatched_by_reason(labels, {13: "outside"}, ids) == {
        NO_REGION: [1, 4], NO_YEAR: [2], "outside": [3]}
    assert aggregate(labels, ["A"], {"mdi": np.ones(5)}).unmatched_by_reason(
        labels, {}, ids) == {NO_REGION: [1, 3, 4]}
