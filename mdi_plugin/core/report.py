"""The numbers on a page of the gemeenterapport (mdi:gemeenterapport); pure numpy.

* the gemeente's rank among all gemeenten of a year (1 = highest MDI, ties share a rank)
  and the national mean, both only from a gemeente-level MDI (never from buurten);
* the share of the inhabitants of a gemeente that lives in a buurt of the class
  "Zeer hoog" ("half of Almelo lives in a buurt with a very high MDI");
* the change of the gemeente's MDI since an earlier year, in points;
* the 10 highest-scoring buurten of each gemeente (ties at place 10 all included).
"""

from dataclasses import dataclass
from typing import List

import numpy as np

from .topn import DEFAULT_N, competition_ranks

#: The label of the highest class of the report ("Zeer hoog").
VERY_HIGH = "Zeer hoog"


def factorise_keys(keys):
    """(label per row, -1 for None; the distinct keys in order of first appearance)."""
    index, labels = {}, np.full(len(keys), -1, dtype=np.int64)
    for row, key in enumerate(keys):
        if key is not None:
            labels[row] = index.setdefault(key, len(index))
    return labels, list(index)


@dataclass
class GemeenteStanding:
    """Rank and national mean of the gemeenten of one year (a gemeente-level MDI)."""

    ranks: np.ndarray        # rank per gemeente, NaN without an MDI
    ranked: int              # number of gemeenten with an MDI
    national_mean: float     # unweighted mean of the gemeenten's MDI (NaN when none)


def gemeente_standing(mdi):
    """Rank among the gemeenten (1 = highest MDI) and the national mean of a gemeente-level
    MDI covering all gemeenten of the year."""
    mdi = np.asarray(mdi, dtype=float)
    ranked = int(np.count_nonzero(~np.isnan(mdi)))
    mean = float(np.mean(mdi[~np.isnan(mdi)])) if ranked else float("nan")
    return GemeenteStanding(competition_ranks(mdi), ranked, mean)


@dataclass
class ClassShares:
    """Per gemeente: the share of the inhabitants in buurten of one class."""

    shares: np.ndarray       # 0..1, NaN when the gemeente has no known inhabitants
    people: np.ndarray       # inhabitants of the gemeente's buurten with a known number
    unknown: np.ndarray      # buurten without a known number of inhabitants (left out)


def class_shares(in_class, population, groups, n_groups):
    """Share of the inhabitants per group living in a buurt where ``in_class`` is True.

    ``population``: inhabitants per buurt (NaN = unknown: the buurt is left out and
    counted in ``unknown``; negative numbers count as unknown); ``groups``: the gemeente
    of each buurt (-1 = none)."""
    in_class = np.asarray(in_class, dtype=bool)
    population = np.asarray(population, dtype=float)
    groups = np.asarray(groups, dtype=np.int64)
    known = ~np.isnan(population) & (population >= 0) & (groups >= 0)
    grouped = groups >= 0
    people = np.bincount(groups[known], weights=population[known], minlength=n_groups)
    chosen = known & in_class
    in_people = np.bincount(groups[chosen], weights=population[chosen], minlength=n_groups)
    unknown = np.bincount(groups[grouped & ~known], minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(people > 0, in_people / np.where(people > 0, people, 1), np.nan)
    return ClassShares(shares, people, unknown)


def change_in_points(now, before):
    """MDI now minus MDI in the earlier year (NaN when either is missing)."""
    now, before = np.asarray(now, dtype=float), np.asarray(before, dtype=float)
    return now - before


def top_per_group(values, groups, n_groups, n=DEFAULT_N) -> List[List[int]]:
    """Per group the rows ranked 1 .. ``n`` by value (highest first; ties share a rank,
    so ties at place ``n`` are all included; NaN never counts), with their ranks:
    [[(row, rank), ...] per group]."""
    values = np.asarray(values, dtype=float)
    groups = np.asarray(groups, dtype=np.int64)
    ranks = competition_ranks(values, groups)
    rows = np.flatnonzero(ranks <= n)
    rows = rows[np.lexsort((rows, ranks[rows], groups[rows]))]
    result = [[] for _ in range(n_groups)]
    for row in rows.tolist():
        result[int(groups[row])].append((row, int(ranks[row])))
    return result


def very_high_rows(values=None, breaks=None, labels=None, classes=None):
    """Booleans: the buurten in the class "Zeer hoog". From the class labels when the
    input has them, else from class numbers (the highest of 4 or 5 classes), else from
    the values and the report's breaks (>= the last break)."""
    if labels is not None:
        return np.array([label is not None and str(label).strip().lower() ==
                         VERY_HIGH.lower() for label in labels], dtype=bool)
    if classes is not None:
        classes = np.asarray(classes, dtype=float)
        known = classes[~np.isnan(classes)]
        top = known.max() if known.size else np.nan
        if top not in (4, 5):
            return np.zeros(len(classes), dtype=bool)
        return classes == top
    values = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        return values >= float(breaks[-1])
