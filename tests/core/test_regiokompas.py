"""Regiokompas join and quartile counts, against plain-loop computations."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdi_plugin.core.errors import InputError
from mdi_plugin.core.regiokompas import (BOTTOM_FIELD, TOP_FIELD, capped_list,
                                         default_key_field, default_theme_fields, join,
                                         prepare_table, quartile_bounds, quartile_counts,
                                         theme_output_names)


def loop_percentile(values, percent):
    """Linear interpolation between sorted values (Hyndman & Fan type 7), by hand."""
    valid = sorted(v for v in values if not math.isnan(v))
    position = (len(valid) - 1) * percent / 100.0
    below = int(math.floor(position))
    if below + 1 >= len(valid):
        return valid[-1]
    return valid[below] + (position - below) * (valid[below + 1] - valid[below])


def loop_counts(themes, higher_is_better=True):
    """Per row (top, bottom) counts with plain loops and loop_percentile."""
    rows = len(next(iter(themes.values())))
    top = [0] * rows
    bottom = [0] * rows
    for values in themes.values():
        if all(math.isnan(v) for v in values):
            continue
        low, high = loop_percentile(values, 25), loop_percentile(values, 75)
        for row, value in enumerate(values):
            if math.isnan(value):
                continue
            good = value >= high if higher_is_better else value <= low
            bad = value <= low if higher_is_better else value >= high
            top[row] += good
            bottom[row] += bad
    return top, bottom


def random_themes(rows=37, count=12, seed=1, missing=0.1):
    rng = np.random.default_rng(seed)
    themes = {}
    for number in range(count):
        values = rng.normal(100, 15, rows)
        values[rng.random(rows) < missing] = np.nan
        themes["thema_{}".format(number + 1)] = values
    return themes


# --- percentiles and counts -------------------------------------------------------------

@pytest.mark.parametrize("rows", [1, 2, 3, 4, 5, 10, 37, 342])
def test_bounds_are_linear_percentiles(rows):
    values = np.random.default_rng(rows).uniform(0, 200, rows)
    values[3::7] = np.nan
    low, high = quartile_bounds(values)
    assert low == pytest.approx(loop_percentile(values.tolist(), 25), abs=1e-12)
    assert high == pytest.approx(loop_percentile(values.tolist(), 75), abs=1e-12)


def test_bounds_of_empty_theme_are_none():
    assert quartile_bounds(np.array([np.nan, np.nan])) is None
    assert quartile_bounds(np.array([])) is None


@pytest.mark.parametrize("higher_is_better", [True, False])
def test_counts_match_plain_loops(higher_is_better):
    themes = random_themes()
    top, bottom, bounds, _ = quartile_counts(themes, higher_is_better)
    expected_top, expected_bottom = loop_counts(
        {k: v.tolist() for k, v in themes.items()}, higher_is_better)
    assert top.tolist() == expected_top
    assert bottom.tolist() == expected_bottom
    assert set(bounds) == set(themes)


@given(st.lists(st.lists(st.one_of(st.integers(0, 8), st.none()), min_size=1, max_size=4),
                min_size=1, max_size=25),
       st.booleans())
def test_counts_with_many_ties_match_plain_loops(table, higher_is_better):
    width = max(len(r) for r in table)
    themes = {"t{}".format(c): np.array([float(r[c]) if c < len(r) and r[c] is not None
                                         else np.nan for r in table])
              for c in range(width)}
    top, bottom, _, _ = quartile_counts(themes, higher_is_better)
    expected_top, expected_bottom = loop_counts({k: v.tolist() for k, v in themes.items()},
                                                higher_is_better)
    assert top.tolist() == expected_top
    assert bottom.tolist() == expected_bottom


def test_value_on_a_boundary_counts():
    # five values: the 25th / 75th percentiles fall exactly on the 2nd and 4th value
    values = np.array([50.0, 10.0, 40.0, 20.0, 30.0])
    assert quartile_bounds(values) == (20.0, 40.0)
    top, bottom, _, _ = quartile_counts({"t": values})
    assert top.tolist() == [v >= 40.0 for v in values]
    assert bottom.tolist() == [v <= 20.0 for v in values]


def test_lower_is_better_swaps_top_and_bottom():
    themes = random_themes(seed=4)
    top_high, bottom_high, _, _ = quartile_counts(themes, True)
    top_low, bottom_low, _, _ = quartile_counts(themes, False)
    assert top_low.tolist() == bottom_high.tolist()
    assert bottom_low.tolist() == top_high.tolist()


def test_missing_values_are_skipped_and_count_nowhere():
    values = np.array([np.nan, 1.0, 2.0, 3.0, 4.0, 5.0, np.nan])
    low, high = quartile_bounds(values)
    assert (low, high) == (loop_percentile([1, 2, 3, 4, 5], 25),
                           loop_percentile([1, 2, 3, 4, 5], 75))
    top, bottom, _, _ = quartile_counts({"t": values})
    assert top[0] == bottom[0] == top[-1] == bottom[-1] == 0


def test_constant_and_empty_themes_warn():
    themes = {"vlak": np.array([7.0, 7.0, 7.0]), "leeg": np.full(3, np.nan)}
    top, bottom, bounds, messages = quartile_counts(themes)
    assert top.tolist() == [1, 1, 1] and bottom.tolist() == [1, 1, 1]
    assert bounds["leeg"] is None
    text = " ".join(str(m) for m in messages)
    assert "'vlak'" in text and "both" in text
    assert "'leeg'" in text and "no values" in text


# --- key and theme fields ---------------------------------------------------------------

def test_default_key_field_order_and_case():
    assert default_key_field(["naam", "Code", "StatCode"], "t", "K") == "StatCode"
    assert default_key_field(["GEMEENTECODE", "statcode"], "t", "K") == "GEMEENTECODE"
    assert default_key_field(["id", "code"], "t", "K") == "code"


def test_no_key_field_names_the_parameter():
    with pytest.raises(InputError) as caught:
        default_key_field(["naam", "gm"], "the input layer", "INPUT_KEY")
    message = str(caught.value)
    assert "INPUT_KEY" in message and "naam, gm" in message and "gemeentecode" in message


def test_default_themes_include_numeric_text_and_skip_the_rest():
    columns = {
        "gemeentecode": ["363", "14", "599"],
        "naam": ["Amsterdam", "Groningen", "Rotterdam"],
        "wonen": ["72,5", "1.234,5", "."],
        "werk": [1.5, None, 3.0],
        "leeg": [None, "", None],
        "gemengd": ["1", "twee", "3"],
    }
    names, messages = default_theme_fields(columns, "gemeentecode")
    assert names == ["wonen", "werk"]
    assert "leeg" in str(messages[0])


def test_feature_ids_and_years_are_not_default_themes():
    columns = {"FID": [1, 2], "code": ["1", "2"], "Jaar": [2022, 2022], "t": [1.0, 2.0],
               "objectid": [7, 8]}
    names, messages = default_theme_fields(columns, "code")
    assert names == ["t"]
    assert "FID, Jaar, objectid" in str(messages[0])
    table = prepare_table(["1", "2"], columns, "code", ["t", "Jaar"])
    assert table.theme_names == ["t", "Jaar"]


def test_no_numeric_theme_is_an_error():
    with pytest.raises(InputError, match="THEME_FIELDS"):
        default_theme_fields({"code": ["1"], "naam": ["a"]}, "code")


# --- preparing the Regiokompas table ----------------------------------------------------

def test_prepare_table_normalises_codes_and_parses_decimal_commas():
    table = prepare_table(["363", "GM0014", "gm599", "0034"],
                          {"code": ["363", "GM0014", "gm599", "0034"],
                           "groen": ["1,5", "2,25", "-99997", "4"]}, "code")
    assert table.codes == ["GM0363", "GM0014", "GM0599", "GM0034"]
    np.testing.assert_array_equal(table.themes["groen"], [1.5, 2.25, np.nan, 4.0])
    assert table.theme_names == ["groen"]


@pytest.mark.parametrize("second", ["GM0363", "0363", "gm363", 363])
def test_duplicated_gemeente_names_the_code(second):
    keys = ["363", "14", second]
    with pytest.raises(InputError) as caught:
        prepare_table(keys, {"code": keys, "t": [1, 2, 3]}, "code", feature_ids=[11, 12, 13])
    message = str(caught.value)
    assert "GM0363" in message and "feature 11" in message and "feature 13" in message


def test_rows_without_a_gemeente_code_are_left_out_of_the_quartiles():
    keys = ["Nederland", "1", "2", None, "3", "4", "5", "PV20"]
    values = [999.0, 1.0, 2.0, 500.0, 3.0, 4.0, 5.0, -50.0]
    table = prepare_table(keys, {"k": keys, "t": values}, "k", feature_ids=range(1, 9))
    assert table.codes == ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"]
    assert [row[0] for row in table.invalid_rows] == [1, 4, 8]
    assert "3 Regiokompas row(s)" in str(table.warnings[-1])
    _, _, bounds, _ = quartile_counts(table.themes)
    assert bounds["t"] == (loop_percentile(values[1:3] + values[4:7], 25),
                           loop_percentile(values[1:3] + values[4:7], 75))


def test_no_gemeente_codes_at_all_is_an_error():
    with pytest.raises(InputError, match="'naam'"):
        prepare_table(["a", "b"], {"naam": ["a", "b"], "t": [1, 2]}, "naam")


def test_explicit_text_theme_names_field_feature_and_value():
    with pytest.raises(InputError) as caught:
        prepare_table(["1", "2", "3"], {"code": ["1", "2", "3"],
                                        "oordeel": ["7,1", "goed", "6"]},
                      "code", ["oordeel"], feature_ids=[5, 6, 7])
    message = str(caught.value)
    assert "'oordeel'" in message and "feature 6" in message and "'goed'" in message


def test_explicit_themes_are_checked():
    columns = {"code": ["1", "2"], "t": ["1", "2"]}
    with pytest.raises(InputError, match="key field"):
        prepare_table(["1", "2"], columns, "code", ["code"])
    with pytest.raises(InputError, match="'x' is not in"):
        prepare_table(["1", "2"], columns, "code", ["x"])
    with pytest.raises(InputError, match="at least one"):
        prepare_table(["1", "2"], columns, "code", [])


# --- joining ----------------------------------------------------------------------------

def test_join_long_table_mixed_codes_and_unmatched_on_both_sides():
    rk_keys = [str(n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9)]
    themes = random_themes(rows=9, count=3, seed=8, missing=0.0)
    table = prepare_table(rk_keys, dict({"code": rk_keys}, **themes), "code")
    input_keys = ["GM0001", "0001", 1, "gm2", "GM0003", "GM9999", None, "onzin", "GM0003",
                  "GM9999"]
    result = join(table, input_keys)
    expected_top, expected_bottom = loop_counts({k: v.tolist() for k, v in themes.items()})
    expected_rows = [0, 0, 0, 1, 2, None, None, None, 2, None]
    assert result.match == expected_rows
    assert result.top == [None if r is None else expected_top[r] for r in expected_rows]
    assert result.bottom == [None if r is None else expected_bottom[r] for r in expected_rows]
    for name, values in themes.items():
        want = [np.nan if r is None else values[r] for r in expected_rows]
        np.testing.assert_array_equal(result.themes[name], want)
    assert result.n_matched == 6 and result.n_unmatched_input == 4
    assert result.n_matched_gemeenten == 3
    assert result.unmatched_input_keys == ["GM9999", "NULL", "'onzin'"]
    assert result.unmatched_regiokompas_codes == ["GM0004", "GM0005", "GM0006", "GM0007",
                                                  "GM0008", "GM0009"]
    assert result.n_unmatched_regiokompas == 6


def test_quartiles_use_the_whole_table_not_only_matched_rows():
    keys = [str(n) for n in range(1, 21)]
    values = np.arange(1.0, 21.0)
    table = prepare_table(keys, {"code": keys, "t": values}, "code")
    result = join(table, ["GM0020", "GM0010"])
    high = loop_percentile(values.tolist(), 75)
    assert result.bounds["t"][1] == pytest.approx(high)
    assert result.top == [int(20 >= high), int(10 >= high)] == [1, 0]


def test_invalid_regiokompas_rows_count_as_unmatched():
    keys = ["1", "Nederland"]
    table = prepare_table(keys, {"code": keys, "t": [1.0, 2.0]}, "code")
    result = join(table, ["1"])
    assert result.n_unmatched_regiokompas == 1 and result.unmatched_regiokompas_codes == []


# --- output names and lists -------------------------------------------------------------

def test_theme_output_names_prefix_collisions():
    names = theme_output_names(["Wonen", "werk", "rk_werk", "bw_aantal_top", "groen"],
                               ["fid", "wonen", "WERK", "gemeentecode"])
    assert names == {"Wonen": "rk_Wonen", "werk": "rk_rk_werk", "rk_werk": "rk_werk",
                     TOP_FIELD: "rk_" + TOP_FIELD, "groen": "groen"}
    assert BOTTOM_FIELD == "bw_aantal_onder"


def test_capped_list():
    assert capped_list(["a", "b"]) == "a, b"
    assert capped_list(range(25), cap=3) == "0, 1, 2 and 22 more"
