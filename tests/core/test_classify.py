"""Classes ("kwartielen"): breaks, classification at breaks, pooled vs per year, labels."""

import math

import numpy as np
import pytest

from mdi_plugin.core.classify import (CUSTOM, NO_DATA_LABEL, PER_YEAR, POOLED,
                                      REPORT_BREAKS, class_fields, class_labels, classify,
                                      classify_values, format_breaks, parse_breaks,
                                      quartile_breaks)
from mdi_plugin.core.errors import InputError

REPORT_LABELS = ["Laag", "Gematigd", "Hoog", "Zeer hoog"]


def expected_class(value, breaks):
    """Independent rule: the number of breaks <= value, plus one."""
    if math.isnan(value):
        return None
    return 1 + sum(1 for b in breaks if value >= b)


@pytest.mark.parametrize("value, number", [
    (0.0, 1), (39.999, 1), (40.0, 2), (49.99, 2), (50.0, 3), (59.9, 3), (60.0, 4),
    (100.0, 4), (-5.0, 1),
])
def test_report_breaks_put_equal_values_in_the_upper_class(value, number):
    assert classify([value], REPORT_BREAKS) == [number]
    result = classify_values(np.array([value]))
    assert result.classes == [number]
    assert result.labels == [REPORT_LABELS[number - 1]]


def test_fifty_is_hoog():
    assert classify_values([50.0]).labels == ["Hoog"]


def test_missing_values_get_no_class_and_their_own_label():
    result = classify_values(np.array([np.nan, 45.0, np.nan]))
    assert result.classes == [None, 2, None]
    assert result.labels == [NO_DATA_LABEL, "Gematigd", NO_DATA_LABEL]
    assert result.counts == {"Laag": 0, "Gematigd": 1, "Hoog": 0, "Zeer hoog": 0,
                             NO_DATA_LABEL: 2}


def test_all_missing_with_fixed_breaks_warns():
    result = classify_values(np.full(3, np.nan), field_name="mdi")
    assert result.classes == [None] * 3
    assert "no values at all" in str(result.warnings[0])


def test_random_values_match_the_independent_rule():
    rng = np.random.default_rng(1)
    values = rng.uniform(20, 80, 500)
    values[::17] = np.nan
    values[3] = 40.0
    breaks = (35.5, 41.0, 60.0, 70.0)
    got = classify(values, breaks)
    assert got == [expected_class(v, breaks) for v in values]


def test_pooled_quartiles_are_numpy_linear_percentiles():
    rng = np.random.default_rng(7)
    values = rng.normal(50, 10, 201)
    values[5] = np.nan
    result = classify_values(values, POOLED)
    valid = values[~np.isnan(values)]
    expected = tuple(np.percentile(valid, [25, 50, 75]))
    assert result.breaks == {None: pytest.approx(expected)}
    counts = result.counts
    # 200 values: 25 % of them below the first quartile, etc. (no ties in continuous data)
    assert [counts[label] for label in REPORT_LABELS] == [50, 50, 50, 50]
    assert result.breaks_text == format_breaks(expected)


def test_quartiles_hand_computed():
    # linear method on 1..9: positions 2, 4, 6 (0-based) -> 3, 5, 7
    assert quartile_breaks(np.arange(1.0, 10.0)) == (3.0, 5.0, 7.0)
    # 1..4: positions 0.75, 1.5, 2.25 -> 1.75, 2.5, 3.25
    assert quartile_breaks(np.array([4.0, 1.0, 3.0, 2.0])) == (1.75, 2.5, 3.25)


def test_pooled_vs_per_year():
    years = np.array([2014.0] * 8 + [2023.0] * 8)
    values = np.concatenate([np.arange(10.0, 90.0, 10.0), np.arange(1.0, 9.0)])
    pooled = classify_values(values, POOLED, years=years)
    per_year = classify_values(values, PER_YEAR, years=years)
    assert set(pooled.breaks) == {None}
    assert per_year.breaks == {2014: quartile_breaks(values[:8]),
                               2023: quartile_breaks(values[8:])}
    pooled_breaks = tuple(np.percentile(values, [25, 50, 75]))
    assert pooled.breaks[None] == pytest.approx(pooled_breaks)
    assert pooled.classes == [expected_class(v, pooled_breaks) for v in values]
    # per year, each year spreads over all four classes; pooled, 2023 is in the low half
    assert sorted(set(per_year.classes[8:])) == [1, 2, 3, 4]
    assert set(pooled.classes[8:]) == {1, 2}
    for row in range(16):
        breaks = per_year.breaks[int(years[row])]
        assert per_year.classes[row] == expected_class(values[row], breaks)
    assert per_year.breaks_text == "2014: 27.5, 45, 62.5; 2023: 2.75, 4.5, 6.25"


def test_per_year_needs_years():
    with pytest.raises(InputError, match="YEAR_FIELD"):
        classify_values([1.0, 2.0, 3.0], PER_YEAR)


def test_per_year_missing_year_names_the_feature():
    with pytest.raises(InputError, match="feature 12 has no year"):
        classify_values([1.0, 2.0, 3.0], PER_YEAR, years=np.array([2020.0, np.nan, 2020.0]),
                        feature_ids=[11, 12, 13])


def test_per_year_missing_value_is_geen_gegevens():
    values = np.array([1.0, 2.0, 3.0, 4.0, np.nan])
    result = classify_values(values, PER_YEAR, years=np.full(5, 2020.0))
    assert result.classes[-1] is None and result.labels[-1] == NO_DATA_LABEL


def test_year_without_values_is_an_error():
    years = np.array([2020.0, 2020.0, 2020.0, 2021.0])
    with pytest.raises(InputError, match="no values in year 2021"):
        classify_values(np.array([1.0, 2.0, 3.0, np.nan]), PER_YEAR, years=years)


def test_coinciding_quartiles_are_an_error():
    with pytest.raises(InputError, match="coincide.*both 5 "):
        quartile_breaks(np.array([5.0, 5.0, 5.0, 5.0, 9.0]))
    with pytest.raises(InputError, match="in year 2019 coincide"):
        classify_values(np.full(6, 7.0), PER_YEAR, years=np.full(6, 2019.0))


def test_no_values_is_an_error_for_quartiles():
    with pytest.raises(InputError, match="no values"):
        classify_values(np.full(4, np.nan), POOLED)


def test_few_values_warn():
    result = classify_values(np.array([1.0, 2.0, 3.0, 4.0]), POOLED)
    assert "Only 4 value(s)" in str(result.warnings[0])
    assert not classify_values(np.arange(8.0), POOLED).warnings


@pytest.mark.parametrize("text, expected", [
    ("40,50,60", (40.0, 50.0, 60.0)),
    ("40, 50, 60", (40.0, 50.0, 60.0)),
    ("40 50 60", (40.0, 50.0, 60.0)),
    ("40;50;60", (40.0, 50.0, 60.0)),
    ("40; 50,5; 60", (40.0, 50.5, 60.0)),
    ("40;50.5;60", (40.0, 50.5, 60.0)),
    ("40.5, 50.25, 60", (40.5, 50.25, 60.0)),
    ("-10,0,10", (-10.0, 0.0, 10.0)),
    ("50", (50.0,)),
    ("10,20,30,40,50,60", (10.0, 20.0, 30.0, 40.0, 50.0, 60.0)),
    ("40,50,60,", (40.0, 50.0, 60.0)),
    ([40, 50, 60], (40.0, 50.0, 60.0)),
])
def test_parse_breaks(text, expected):
    assert parse_breaks(text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("60,50", "strictly ascending: 60 is followed by 50"),
    ("40,40,60", "strictly ascending: 40 is followed by 40"),
    ("40,5 50,5 60", "strictly ascending"),       # commas separate without semicolons
    ("40;50 60", "'50 60' is not a number"),
    ("40;abc;60", "'abc' is not a number"),
    ("40,nan,60", "'nan' is not a number"),
    ("", "BREAKS is empty"),
    (None, "BREAKS is empty"),
    ([], "BREAKS is empty"),
    ([40.0, math.inf], "not a finite number"),
])
def test_bad_breaks(text, fragment):
    with pytest.raises(InputError) as info:
        parse_breaks(text)
    assert fragment in str(info.value)


def test_custom_breaks_classify_with_more_classes():
    breaks = "10,20,30,40,50"
    values = np.array([5.0, 10.0, 25.0, 35.0, 45.0, 50.0, 99.0, np.nan])
    result = classify_values(values, CUSTOM, breaks=breaks)
    assert result.classes == [1, 2, 3, 4, 5, 6, 6, None]
    assert result.labels[0] == "Klasse 1 (onder 10)"
    assert result.labels[2] == "Klasse 3 (20 tot 30)"
    assert result.labels[5] == "Klasse 6 (50 en hoger)"
    assert result.breaks_text == "10, 20, 30, 40, 50"


def test_custom_breaks_required():
    with pytest.raises(InputError, match="needs BREAKS"):
        classify_values([1.0], CUSTOM)


@pytest.mark.parametrize("breaks, labels", [
    ((50,), ["Laag", "Hoog"]),
    ((40, 60), ["Laag", "Gematigd", "Hoog"]),
    ((40, 50, 60), REPORT_LABELS),
    ((30, 40, 50, 60), ["Zeer laag", "Laag", "Gematigd", "Hoog", "Zeer hoog"]),
    ((1.5, 2, 3, 4, 5), ["Klasse 1 (onder 1.5)", "Klasse 2 (1.5 tot 2)", "Klasse 3 (2 tot 3)",
                         "Klasse 4 (3 tot 4)", "Klasse 5 (4 tot 5)", "Klasse 6 (5 en hoger)"]),
])
def test_labels(breaks, labels):
    assert class_labels(breaks) == labels


def test_field_names_and_formatting():
    assert class_fields("mdi") == ("mdi_klasse", "mdi_klasse_label")
    assert format_breaks((41.234, 50.0, 58.9)) == "41.23, 50, 58.9"
    assert classify_values([1.0]).breaks_text == "40, 50, 60"
