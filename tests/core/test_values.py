"""Parsing raw attribute values: numbers, Dutch numeric text, CBS missing codes."""

import math

import numpy as np
import pytest

from mdi_plugin.core.errors import InputError
from mdi_plugin.core.values import parse_number, parse_numeric_column, parse_year_column


@pytest.mark.parametrize("raw, expected", [
    (72.2, 72.2), (3, 3.0), ("72.2", 72.2), ("72,2", 72.2), (" 72,2 ", 72.2),
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("-3,5", -3.5), ("1e3", 1000.0),
    (np.float32(2.5), 2.5), (np.int64(7), 7.0),
])
def test_numbers(raw, expected):
    assert parse_number(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", [None, "", " ", ".", "x", -99999999, -99997, "-99997",
                                 "-99999999", -99997.0, math.nan, "NaN"])
def test_missing_values(raw):
    assert math.isnan(parse_number(raw))


@pytest.mark.parametrize("raw", ["abc", "12 %", "-", True, math.inf, "-inf", [1]])
def test_not_numbers(raw):
    with pytest.raises((ValueError, TypeError)):
        parse_number(raw)


def test_column_fast_and_slow_paths_agree():
    raw_numbers = [1.5, None, -99997, 4.0]
    raw_text = ["1,5", "", "-99997", "4"]
    fast = parse_numeric_column(raw_numbers, "f")
    slow = parse_numeric_column(raw_text, "f")
    np.testing.assert_array_equal(fast, slow)
    np.testing.assert_array_equal(np.isnan(fast), [False, True, True, False])


def test_column_does_not_modify_an_input_array():
    raw = np.array([1.0, -99997.0])
    parse_numeric_column(raw, "f")
    assert raw[1] == -99997.0


def test_error_names_field_feature_and_value():
    with pytest.raises(InputError) as info:
        parse_numeric_column(["1", "2", "veel"], "arme_huishoudens", feature_ids=[10, 11, 12])
    message = str(info.value)
    assert "arme_huishoudens" in message and "feature 12" in message and "'veel'" in message


def test_infinity_is_an_error():
    with pytest.raises(InputError, match="feature 1"):
        parse_numeric_column([1.0, math.inf], "f")


def test_years():
    years = parse_year_column(["2014", 2019, None, "2023,0"], "jaar")
    np.testing.assert_array_equal(years[[0, 1, 3]], [2014, 2019, 2023])
    assert math.isnan(years[2])
    with pytest.raises(InputError, match="not a whole year"):
        parse_year_column(["2019.5"], "jaar", feature_ids=[4])
