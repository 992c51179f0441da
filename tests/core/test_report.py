"""The numbers of the gemeenterapport (core.report): rank, national mean, share of the
inhabitants in "Zeer hoog" buurten, change in points and the 10 highest buurten."""

import math

import numpy as np

from mdi_plugin.core.report import (change_in_points, class_shares, factorise_keys,
                                    gemeente_standing, top_per_group, very_high_rows)

NAN = float("nan")


def test_rank_among_gemeenten_highest_first_ties_share_and_missing_unranked():
    standing = gemeente_standing([50.0, 70.0, NAN, 70.0, 40.0])
    assert standing.ranks[[1, 3, 0, 4]].tolist() == [1, 1, 3, 4]
    assert math.isnan(standing.ranks[2])
    assert standing.ranked == 4
    assert standing.national_mean == 57.5      # the gemeenten's MDI, unweighted


def test_no_gemeente_with_an_mdi_has_no_mean():
    standing = gemeente_standing([NAN, NAN])
    assert standing.ranked == 0 and math.isnan(standing.national_mean)


def test_half_of_the_inhabitants_in_zeer_hoog_buurten():
    # gemeente 0: 500 of 1000 inhabitants in "Zeer hoog"; gemeente 1: none; buurt without
    # a gemeente and buurten without a number of inhabitants are left out and counted
    in_class = [True, False, False, True, True, False, True]
    population = [500, 300, 200, 0, NAN, 100, 999]
    groups = [0, 0, 0, 0, 1, 1, -1]
    shares = class_shares(in_class, population, groups, 3)
    assert shares.shares[0] == 0.5
    assert shares.shares[1] == 0.0
    assert math.isnan(shares.shares[2])        # no inhabitants known: no share
    assert shares.people.tolist() == [1000, 100, 0]
    assert shares.unknown.tolist() == [0, 1, 0]


def test_negative_population_counts_as_unknown():
    shares = class_shares([True, False], [-5, 100], [0, 0], 1)
    assert shares.shares[0] == 0.0 and shares.unknown[0] == 1


def test_change_in_points():
    change = change_in_points([55.0, 60.0, NAN], [50.0, NAN, 40.0])
    assert change[0] == 5.0 and math.isnan(change[1]) and math.isnan(change[2])


def test_ten_highest_per_gemeente_with_ties_at_place_ten():
    values = np.r_[np.arange(12, dtype=float), [5.0, 5.0, NAN]]
    groups = np.r_[np.zeros(12, dtype=int), [1, 1, 1]]
    top = top_per_group(values, groups, 2, n=10)
    assert [row for row, _ in top[0]] == list(range(11, 1, -1))
    assert [rank for _, rank in top[0]] == list(range(1, 11))
    assert top[1] == [(12, 1), (13, 1)]        # a tie shares rank 1; NaN never counts
    values[2] = 3.0                            # now rows 2 and 3 tie at place 9
    top = top_per_group(values, groups, 2, n=9)
    assert [rank for _, rank in top[0]][-2:] == [9, 9] and len(top[0]) == 10


def test_zeer_hoog_from_labels_class_numbers_or_breaks():
    assert very_high_rows(labels=["Zeer hoog", "Hoog", None, "zeer hoog "]).tolist() == \
        [True, False, False, True]
    assert very_high_rows(classes=[1, 4, NAN, 3]).tolist() == [False, True, False, False]
    assert not very_high_rows(classes=[1, 2, 3]).any()     # 3 classes: no "Zeer hoog"
    assert very_high_rows(values=[59.99, 60.0, NAN], breaks=(40, 50, 60)).tolist() == \
        [False, True, False]


def test_factorise_keys_keeps_order_and_none():
    labels, keys = factorise_keys(["GM2", None, "GM1", "GM2"])
    assert labels.tolist() == [0, -1, 1, 0] and keys == ["GM2", "GM1"]
