"""Core change between two years, against a plain-Python dictionary computation."""

import math

import numpy as np
import pytest

from mdi_plugin.core.change import (IMPROVED_FASTER, IMPROVED_SLOWER, SAME_CLASS, UNCHANGED,
                                    WORSENED, change_over_time, choose_years, class_text,
                                    derived_class_labels, tempo_labels, transition)
from mdi_plugin.core.errors import InputError


def long_table(seed=3, areas=30):
    """Ids, years and two fields; some areas miss a year, some values are NaN."""
    rng = np.random.default_rng(seed)
    ids, years, mdi, werk = [], [], [], []
    for area in range(areas):
        for year in (2014, 2019, 2023):
            if (area == 3 and year == 2023) or (area == 7 and year == 2014):
                continue
            ids.append("BU{:08d}".format(area))
            years.append(year)
            mdi.append(rng.uniform(20, 80))
            werk.append(rng.uniform(0, 100))
    mdi[5] = math.nan
    return ids, np.array(years, float), {"mdi": np.array(mdi), "mdi_werk": np.array(werk)}


def by_dictionary(ids, years, columns, first, last, weights=None):
    """Reference: {area: (from values, to values)} and the national change of mdi."""
    rows = {(a, int(y)): r for r, (a, y) in enumerate(zip(ids, years))}
    areas = [a for r, a in enumerate(ids) if int(years[r]) == last]
    expected = {}
    for area in areas:
        to_row, from_row = rows[(area, last)], rows.get((area, first))
        expected[area] = {name: (values[from_row] if from_row is not None else math.nan,
                                 values[to_row]) for name, values in columns.items()}
    diffs = [(expected[a]["mdi"][1] - expected[a]["mdi"][0], a) for a in areas]
    diffs = [(d, a) for d, a in diffs if not math.isnan(d)]
    if weights is None:
        national = sum(d for d, _ in diffs) / len(diffs)
    else:
        w = {a: weights[rows[(a, last)]] for _, a in diffs}
        national = sum(d * w[a] for d, a in diffs) / sum(w.values())
    return areas, expected, national


def close(a, b):
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-9


@pytest.mark.parametrize("first,last", [(None, None), (2014, 2019), (2019, 2023)])
def test_differences_and_national_change_match_a_dictionary(first, last):
    ids, years, columns = long_table()
    result = change_over_time(ids, years, columns, first, last)
    first, last = first or 2014, last or 2023
    areas, expected, national = by_dictionary(ids, years, columns, first, last)
    assert (result.from_year, result.to_year) == (first, last)
    assert result.keys == areas
    assert close(result.national, national)
    for i, area in enumerate(areas):
        for name in columns:
            before, after = expected[area][name]
            assert close(result.values_from[name][i], before)
            assert close(result.values_to[name][i], after)
            assert close(result.differences[name][i], after - before)
        assert close(result.relative[i], result.differences["mdi"][i] - national)


def test_weighted_national_change_uses_the_to_year_weights():
    ids, years, columns = long_table()
    weights = np.arange(len(ids), dtype=float) + 100
    result = change_over_time(ids, years, columns, weights=weights)
    _, _, national = by_dictionary(ids, years, columns, 2014, 2023, weights)
    assert close(result.national, national)


def test_areas_in_one_year_only_are_counted_and_kept_or_listed():
    ids, years, columns = long_table()
    result = change_over_time(ids, years, columns)
    assert result.only_from_rows.tolist() == [ids.index("BU00000003")]
    assert result.only_to_count == 1
    row = result.keys.index("BU00000007")
    assert result.from_rows[row] == -1 and math.isnan(result.differences["mdi"][row])
    assert result.tempo[row] is None
    assert result.both_count == len(result.keys) - 1


def test_tempo_labels_follow_the_national_change():
    assert tempo_labels([-8.0, -3.0, -5.0, 0.0, 2.0, math.nan], -5.0) == [
        IMPROVED_FASTER, IMPROVED_SLOWER, IMPROVED_SLOWER, UNCHANGED, WORSENED, None]
    assert tempo_labels([-1.0], 2.0) == [IMPROVED_FASTER]


def test_class_transitions():
    ids = ["a", "b", "c", "a", "b", "c"]
    years = np.array([2014, 2014, 2014, 2023, 2023, 2023], float)
    columns = {"mdi": np.array([55.0, 45, 30, 45, 45, 30])}
    classes = ["Hoog", "Gematigd", "Geen gegevens", "Gematigd", "Gematigd", "Laag"]
    result = change_over_time(ids, years, columns, classes=classes)
    assert result.transitions == ["Hoog \u2192 Gematigd", SAME_CLASS, None]
    assert result.class_from == ["Hoog", "Gematigd", None]


def test_derived_classes_use_the_report_breaks():
    assert derived_class_labels([39.9, 40.0, 55.0, 60.0, math.nan]) == [
        "Laag", "Gematigd", "Hoog", "Zeer hoog", None]


def test_class_text_and_transition_helpers():
    assert class_text(3.0) == "3" and class_text(" Hoog ") == "Hoog"
    assert class_text(None) is None and class_text(math.nan) is None
    assert transition("3", "2") == "3 \u2192 2" and transition(None, "2") is None


def test_duplicate_area_year_rows_are_an_error():
    ids = ["a", "a", "b", "a", "b"]
    years = np.array([2014, 2014, 2014, 2023, 2023], float)
    with pytest.raises(InputError, match="Area 'a' has 2 rows in year 2014"):
        change_over_time(ids, years, {"mdi": np.ones(5)}, feature_ids=[10, 11, 12, 13, 14])


def test_duplicates_in_an_unused_year_are_ignored():
    ids = ["a", "a", "a", "a"]
    years = np.array([2014, 2019, 2019, 2023], float)
    result = change_over_time(ids, years, {"mdi": np.array([50.0, 1, 2, 40])})
    assert result.differences["mdi"].tolist() == [-10.0]


@pytest.mark.parametrize("first,last,message", [
    (2015, None, "FROM_YEAR 2015 does not occur"),
    (None, 2030, "TO_YEAR 2030 does not occur"),
    (2023, 2014, "must be before"),
    (2019, 2019, "must be before"),
])
def test_bad_years(first, last, message):
    with pytest.raises(InputError, match=message):
        choose_years(np.array([2014.0, 2019, 2023]), first, last)


def test_one_year_only_is_an_error():
    with pytest.raises(InputError, match="only one year"):
        change_over_time(["a", "b"], np.array([2023.0, 2023]), {"mdi": np.ones(2)})


def test_no_year_at_all_is_an_error():
    with pytest.raises(InputError, match="No row has a year"):
        choose_years(np.array([np.nan, np.nan]))


def test_no_area_in_both_years_is_an_error():
    with pytest.raises(InputError, match="No area is present in both"):
        change_over_time(["a", "b"], np.array([2014.0, 2023]), {"mdi": np.ones(2)})


def test_no_value_in_both_years_is_an_error():
    with pytest.raises(InputError, match="No area has a value in both years"):
        change_over_time(["a", "a"], np.array([2014.0, 2023]),
                         {"mdi": np.array([math.nan, 3.0])})


def test_zero_weights_are_an_error():
    with pytest.raises(InputError, match="add up to 0"):
        change_over_time(["a", "a"], np.array([2014.0, 2023]), {"mdi": np.array([1.0, 3.0])},
                         weights=np.zeros(2))


def test_rows_without_id_or_year_are_skipped_and_counted():
    ids = ["a", None, "a", " ", "b"]
    years = np.array([2014, 2014, 2023, 2023, np.nan])
    result = change_over_time(ids, years, {"mdi": np.array([50.0, 1, 40, 2, 3])})
    assert result.skipped == 3 and result.keys == ["a"]


def test_primary_field_is_mdi_or_the_first():
    ids = ["a", "a"]
    years = np.array([2014.0, 2023])
    result = change_over_time(ids, years, {"x": np.array([1.0, 5]),
                                           "MDI": np.array([50.0, 40])})
    assert result.primary == "MDI" and result.national == -10.0
    result = change_over_time(ids, years, {"x": np.array([1.0, 5])})
    assert result.primary == "x" and result.national == 4.0


def test_a_change_too_large_for_a_float_is_an_error_naming_the_area():
    """1.7e308 -> -1.7e308 overflows to -inf: an error, never an infinite change."""
    with pytest.raises(InputError, match=r"Field 'mdi': the change of area 'GM0002'"):
        change_over_time(["GM0001", "GM0002", "GM0001", "GM0002"], [2019, 2019, 2023, 2023],
                         {"mdi": np.array([10.0, 1.7e308, 20.0, -1.7e308])})
    result = change_over_time(["GM0001", "GM0002", "GM0001", "GM0002"],
                              [2019, 2019, 2023, 2023],
                              {"mdi": np.array([10.0, 1e300, 20.0, -1e300])})
    assert np.isfinite(result.differences["mdi"]).all()
