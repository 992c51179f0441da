"""Ranking areas and flagging the N worst ("de 10 buurten met de hoogste MDI"), overall or
per group (e.g. per gemeente) and per year.

Rules (documented in the algorithm help and the README):

* rank 1 is the worst area: the highest value (or, with ``ascending``, the lowest);
* ties share the lowest rank of their run ("competition" ranking 1, 2, 2, 4), so more than
  N areas are flagged when areas tie at place N;
* NULL (NaN) values are never ranked and never flagged; with years, rows without a year
  are not ranked either; with groups, rows without a group get no group rank and no flag;
* ``rang`` ranks within the year (or over all rows without years); ``rang_binnen_groep``
  within the group and year; ``top_n`` is 1 where the rank that applies (the group rank
  when grouped, else ``rang``) is at most N.

Everything is numpy (one lexsort per ranking), no Python loops over rows except turning
group codes into keys (core.codes.area_keys: one CBS code in any form is one group).
"""

from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from .aggregate import factorise
from .codes import area_keys, gemeente_of
from .compute import Message
from .errors import InputError

RANK_FIELD = "rang"
FLAG_FIELD = "top_n"
GROUP_RANK_FIELD = "rang_binnen_groep"
DEFAULT_N = 10
#: Fields tried, in this order, for the gemeente of a unit when grouping by gemeente.
CODE_FIELDS = ("gemeentecode", "buurtcode", "wijkcode")


def competition_ranks(values, groups=None, ascending=False):
    """Rank of each value within its group: 1 = highest (lowest with ``ascending``), ties
    share the lowest rank. NaN values and rows with group -1 get NaN.

    ``groups``: int array (group of each row, -1 = none) or None (one group).
    """
    values = np.asarray(values, dtype=float)
    groups = np.zeros(len(values), dtype=np.int64) if groups is None else \
        np.asarray(groups, dtype=np.int64)
    ranks = np.full(len(values), np.nan)
    rows = np.flatnonzero(~np.isnan(values) & (groups >= 0))
    if rows.size == 0:
        return ranks
    key = values[rows] if ascending else -values[rows]
    order = np.lexsort((key, groups[rows]))
    group_sorted, key_sorted = groups[rows][order], key[order]
    position = np.arange(rows.size)
    new_group = np.r_[True, group_sorted[1:] != group_sorted[:-1]]
    new_value = new_group | np.r_[True, key_sorted[1:] != key_sorted[:-1]]
    group_start = np.maximum.accumulate(np.where(new_group, position, 0))
    run_start = np.maximum.accumulate(np.where(new_value, position, 0))
    ranks[rows[order]] = run_start - group_start + 1
    return ranks


def group_keys(raw_values, derive_gemeente=False, field="", feature_ids=None):
    """(grouping key of each raw group value, None = no group; warnings).

    The keys are those of core.codes.area_keys: one CBS code in any form is one group, a
    value that is no code like the field's others is an InputError naming the feature.
    With ``derive_gemeente`` the key is the gemeente code (``GM0363``) of a buurt, wijk or
    gemeente code; other values (e.g. a COROP code) get None.
    """
    keys, warnings = area_keys(raw_values, field, feature_ids)
    if derive_gemeente:
        keys = [None if k is None else gemeente_of(str(k)) for k in keys]
    return keys, warnings


def combine_groups(labels, years=None):
    """Group index per row for (label, year) pairs (-1 where the label is -1 or the year
    NaN), and the number of groups."""
    labels = np.asarray(labels, dtype=np.int64)
    if years is None:
        return labels.copy(), int(labels.max()) + 1 if labels.size else 0
    years = np.asarray(years, dtype=float)
    ok = (labels >= 0) & ~np.isnan(years)
    out = np.full(len(labels), -1, dtype=np.int64)
    if not ok.any():
        return out, 0
    pairs = np.stack([labels[ok].astype(float), years[ok]], axis=1)
    _, inverse = np.unique(pairs, axis=0, return_inverse=True)
    out[ok] = inverse.reshape(-1)
    return out, int(inverse.max()) + 1


@dataclass
class TopNResult:
    """Ranks and flags per row, and what the log should say."""

    ranks: np.ndarray                      # rang (NaN = not ranked)
    flags: np.ndarray                      # top_n 0/1
    group_ranks: Optional[np.ndarray]      # rang_binnen_groep, None without groups
    group_count: int = 0
    without_group: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    without_year: int = 0
    null_count: int = 0
    warnings: List[Message] = field(default_factory=list)

    @property
    def flagged(self):
        """Number of flagged rows."""
        return int(self.flags.sum())


def top_n(values, n=DEFAULT_N, group_labels=None, years=None, ascending=False):
    """Rank ``values`` (float array, NaN = NULL) and flag the ``n`` worst.

    ``group_labels``: int array (index of each row's group, -1 = none, see
    aggregate.factorise) or None for one ranking over all rows; ``years``: float array
    (NaN = missing) to rank within each year.
    """
    if isinstance(n, bool) or int(n) != n or n < 1:
        raise InputError("N must be a whole number of at least 1, not {value}.", value=n)
    n = int(n)
    values = np.asarray(values, dtype=float)
    size = len(values)
    year_labels = np.zeros(size, dtype=np.int64)
    without_year = 0
    if years is not None:
        years = np.asarray(years, dtype=float)
        year_labels, _ = combine_groups(np.zeros(size, dtype=np.int64), years)
        without_year = int(np.count_nonzero(np.isnan(years)))
    ranks = competition_ranks(values, year_labels, ascending)
    result = TopNResult(ranks, np.zeros(size, dtype=np.int64), None,
                        without_year=without_year,
                        null_count=int(np.count_nonzero(np.isnan(values))))
    used = ranks
    if group_labels is not None:
        group_labels = np.asarray(group_labels, dtype=np.int64)
        groups, count = combine_groups(group_labels, years)
        result.group_ranks = competition_ranks(values, groups, ascending)
        result.group_count = count
        result.without_group = np.flatnonzero(group_labels < 0)
        used = result.group_ranks
        _warn_small_groups(result, groups, count, values, n)
    else:
        groups, count = year_labels, (int(year_labels.max()) + 1 if size else 0)
    flagged = ~np.isnan(used) & (used <= n)
    result.flags = flagged.astype(np.int64)
    _warn_ties(result, groups, count, flagged, n)
    return result


def _warn_small_groups(result, groups, count, values, n):
    ok = (groups >= 0) & ~np.isnan(values)
    ranked = np.bincount(groups[ok], minlength=count)
    small = int(np.count_nonzero(ranked < n))
    if small:
        result.warnings.append(Message(
            "{count} group(s) have fewer than {n} ranked areas; all their areas with a value "
            "are flagged.", {"count": small, "n": n}))


def _warn_ties(result, groups, count, flagged, n):
    in_group = flagged & (groups >= 0)
    flagged_per_group = np.bincount(groups[in_group], minlength=count)
    over = int(np.count_nonzero(flagged_per_group > n))
    if over:
        result.warnings.append(Message(
            "In {count} ranking(s) areas tie at place {n}: they share the rank and are all "
            "flagged, so more than {n} areas are flagged there.", {"count": over, "n": n}))


def factorise_groups(raw_values, derive_gemeente=False, field="", feature_ids=None):
    """(group label per row, -1 = none; list of group keys; warnings) for raw group values
    of field ``field`` (see group_keys)."""
    keys, warnings = group_keys(raw_values, derive_gemeente, field, feature_ids)
    labels, distinct = factorise(keys)
    return labels, distinct, warnings
