"""Core ranking and top-N flags, against plain-Python loops."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdi_plugin.core.errors import InputError
from mdi_plugin.core.topn import (combine_groups, competition_ranks, factorise_groups,
                                  group_keys, top_n)


def loop_ranks(values, groups=None, ascending=False):
    """Rank = 1 + number of rows in the same group with a strictly worse value."""
    out = []
    for i, v in enumerate(values):
        g = None if groups is None else groups[i]
        if math.isnan(v) or (g is not None and g < 0):
            out.append(math.nan)
            continue
        worse = 0
        for j, w in enumerate(values):
            if math.isnan(w) or (groups is not None and groups[j] != g):
                continue
            if (w < v) if ascending else (w > v):
                worse += 1
        out.append(1 + worse)
    return out


def same(a, b):
    return len(a) == len(b) and all((math.isnan(x) and math.isnan(y)) or x == y
                                    for x, y in zip(a, b))


values_strategy = st.lists(st.one_of(st.sampled_from([10.0, 20.0, 20.0, 35.5]),
                                     st.floats(0, 100, allow_nan=False), st.just(math.nan)),
                           min_size=0, max_size=40)


@given(values_strategy, st.booleans(), st.integers(0, 3))
def test_competition_ranks_match_a_loop(values, ascending, n_groups):
    groups = [i % (n_groups + 1) - 1 for i in range(len(values))] if n_groups else None
    got = competition_ranks(values, None if groups is None else np.array(groups), ascending)
    assert same(got.tolist(), loop_ranks(values, groups, ascending))


def test_ties_share_the_lowest_rank():
    assert competition_ranks([5, 9, 9, 1, 9]).tolist() == [4, 1, 1, 5, 1]
    assert competition_ranks([5, 9, 9, 1], ascending=True).tolist() == [2, 3, 3, 1]


@given(values_strategy, st.integers(1, 6), st.booleans())
def test_flags_are_the_ranks_up_to_n_within_group_and_year(values, n, ascending):
    size = len(values)
    labels = np.array([(i * 7) % 3 - (1 if i % 11 == 5 else 0) for i in range(size)])
    years = np.array([2014.0 if i % 2 else 2023.0 for i in range(size)])
    result = top_n(values, n, labels, years, ascending)
    for i in range(size):
        members = [j for j in range(size) if labels[j] == labels[i] and years[j] == years[i]]
        yearly = [j for j in range(size) if years[j] == years[i]]
        sub = [values[j] for j in members]
        expected_group = loop_ranks(sub, None, ascending)[members.index(i)] \
            if labels[i] >= 0 else math.nan
        expected_rank = loop_ranks([values[j] for j in yearly], None,
                                   ascending)[yearly.index(i)]
        assert same([result.group_ranks[i]], [expected_group])
        assert same([result.ranks[i]], [expected_rank])
        assert result.flags[i] == int(not math.isnan(expected_group) and expected_group <= n)


def test_overall_without_groups_flags_the_n_highest():
    values = [3.0, 8.0, math.nan, 5.0, 1.0, 8.0]
    result = top_n(values, 2)
    assert result.group_ranks is None
    assert result.flags.tolist() == [0, 1, 0, 0, 0, 1]
    assert result.flagged == 2
    assert result.null_count == 1
    assert math.isnan(result.ranks[2])


def test_best_with_ascending():
    assert top_n([3.0, 8.0, 5.0, 1.0], 1, ascending=True).flags.tolist() == [0, 0, 0, 1]


def test_ties_at_place_n_flag_more_and_warn():
    result = top_n([9.0, 7.0, 7.0, 1.0], 2)
    assert result.flags.tolist() == [1, 1, 1, 0]
    assert any("tie" in str(w) for w in result.warnings)


def test_groups_of_one_and_small_groups_warn():
    result = top_n([4.0, 6.0, 5.0], 2, np.array([0, 1, 1]))
    assert result.group_ranks.tolist() == [1, 1, 2]
    assert result.flags.tolist() == [1, 1, 1]
    assert any("fewer than 2" in str(w) for w in result.warnings)


def test_rows_without_group_or_year_get_no_group_rank():
    result = top_n([4.0, 6.0, 5.0], 1, np.array([0, -1, 0]), np.array([2020, 2020, np.nan]))
    assert result.without_group.tolist() == [1]
    assert result.without_year == 1
    assert result.group_ranks[0] == 1 and math.isnan(result.group_ranks[1])
    assert math.isnan(result.ranks[2]) and result.flags.tolist() == [1, 0, 0]


def test_all_null_values_flag_nothing():
    result = top_n([math.nan, math.nan], 3)
    assert result.flagged == 0 and result.null_count == 2


@pytest.mark.parametrize("bad", [0, -2, 1.5, True])
def test_n_must_be_a_whole_number_of_at_least_one(bad):
    with pytest.raises(InputError, match="N must be"):
        top_n([1.0, 2.0], bad)


def test_group_keys_derive_the_gemeente_from_codes():
    raw = ["BU03630101", "WK036302", "GM0363", "gm363", "bu00140001", "BU0363AA01", "CR01",
           None, ""]
    keys, warnings = group_keys(raw, derive_gemeente=True)
    assert keys == ["GM0363", "GM0363", "GM0363", "GM0363", "GM0014", "GM0363", None, None,
                    None] and len(warnings) == 1
    assert group_keys(raw[:3])[0] == ["BU03630101", "WK036302", "GM0363"]
    assert group_keys([363, 363.0, "0363"], derive_gemeente=True)[0] == ["GM0363"] * 3
    labels, keys, _ = factorise_groups(["BU00140001", "BU03630101", None, "BU00140002"], True)
    assert keys == ["GM0014", "GM0363"] and labels.tolist() == [0, 1, -1, 0]


@pytest.mark.parametrize("raw, wrong", [
    (["GM0363", "geen code"], "'geen code' is not a CBS area code"),
    (["BU03630101", "GM0363", 363], "363 has no CBS prefix"),
])
def test_group_keys_refuse_a_value_that_is_no_code_naming_the_feature(raw, wrong):
    with pytest.raises(InputError, match=wrong) as caught:
        group_keys(raw, True, "gemeentecode", [10, 20, 30])
    assert "Field 'gemeentecode', feature {}".format(10 * len(raw)) in str(caught.value)


def test_combine_groups_pairs_labels_and_years():
    groups, count = combine_groups(np.array([0, 0, 1, -1, 1]),
                                   np.array([2014, 2023, 2014, 2014, np.nan]))
    assert count == 3
    assert groups[3] == -1 and groups[4] == -1
    assert len({groups[0], groups[1], groups[2]}) == 3
