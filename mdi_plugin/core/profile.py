"""The "achterstandsprofiel": domain scores of regions (and their gemeenten) against the
national mean.

Rules (documented in the README and the algorithm help):

* The national mean of a domain is the unweighted mean of that domain's score over ALL
  input rows (of the chosen year) that have a score, whether or not they have a region:
  every area counts once, as in the report's COROP scores. So run it on the whole country
  (or the whole study area), not on a selection.
* A region's score is the unweighted mean of the scores of its rows; with a unit field
  (e.g. gemeentecode on a buurten layer) each (region, unit) pair gets the mean of its rows
  too. NULL scores are left out; a group without any score for a domain gets NULL there.
* difference = score - national mean (in points on the 0-100 scale; positive = more
  deprivation than the national mean).
* Rows without a region are left out of the regions (but count for the national mean)
  and are reported.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .aggregate import MEAN, factorise, group_statistic, region_key
from .compute import Message

REGION_LEVEL = "regio"
UNIT_LEVEL = "gemeente"


def group_means(labels, n_groups, values):
    """Mean of ``values`` per group label (-1 = no group), NaN left out; NaN if none."""
    return group_statistic(values, labels, n_groups, MEAN)     # scaled: no overflow


def national_means(domain_scores):
    """{domain: unweighted mean over all rows with a score (NaN when none)}."""
    means = {}
    for domain, scores in domain_scores.items():
        scores = np.asarray(scores, dtype=float)
        means[domain] = float(group_means(np.zeros(len(scores), dtype=np.int64), 1,
                                          scores)[0])
    return means


@dataclass
class ProfileGroups:
    """Scores of one level (regions, or units within regions)."""

    keys: list                        # region key, or (region key, unit key)
    scores: Dict[str, np.ndarray]     # domain -> mean score per group
    counts: np.ndarray                # rows per group


@dataclass
class Profile:
    """The domain profile: national means, regions and (optionally) units."""

    domains: List[str]
    national: Dict[str, float]
    regions: ProfileGroups
    units: Optional[ProfileGroups]
    without_region: np.ndarray        # rows without a region
    warnings: List[Message] = field(default_factory=list)

    def rows(self):
        """Long-table rows: (level, region, unit, domain, score, national mean,
        difference, n) for every region, then every unit, domain by domain."""
        for level, groups in ((REGION_LEVEL, self.regions), (UNIT_LEVEL, self.units)):
            if groups is None:
                continue
            for index, key in enumerate(groups.keys):
                region, unit = (key, None) if level == REGION_LEVEL else key
                for domain in self.domains:
                    score = float(groups.scores[domain][index])
                    mean = self.national[domain]
                    yield (level, region, unit, domain, score, mean, score - mean,
                           int(groups.counts[index]))

    def region_rows(self):
        """Per region: (region, n, [score per domain], [difference per domain])."""
        for index, key in enumerate(self.regions.keys):
            scores = [float(self.regions.scores[d][index]) for d in self.domains]
            yield (key, int(self.regions.counts[index]), scores,
                   [s - self.national[d] for s, d in zip(scores, self.domains)])


def domain_profile(domain_scores, regions, units=None):
    """Profile of ``domain_scores`` ({domain: float array}, in display order) per region.

    ``regions``: raw region code per row (None/blank = no region); ``units``: optional raw
    unit code per row (e.g. gemeentecode) for the profile of each unit within its region.
    """
    domains = list(domain_scores)
    region_keys = [region_key(v) for v in regions]
    labels, keys = factorise(region_keys)
    counts = np.bincount(labels[labels >= 0], minlength=len(keys))
    region_groups = ProfileGroups(
        keys, {d: group_means(labels, len(keys), domain_scores[d]) for d in domains}, counts)
    warnings = []
    without = np.flatnonzero(labels < 0)
    unit_groups = None
    if units is not None:
        pairs = [None if r is None or region_key(u) is None else (r, region_key(u))
                 for r, u in zip(region_keys, units)]
        unit_labels, unit_keys = factorise(pairs)
        unit_counts = np.bincount(unit_labels[unit_labels >= 0], minlength=len(unit_keys))
        unit_groups = ProfileGroups(
            unit_keys, {d: group_means(unit_labels, len(unit_keys), domain_scores[d])
                        for d in domains}, unit_counts)
        no_unit = int(np.count_nonzero((labels >= 0) & (unit_labels < 0)))
        if no_unit:
            warnings.append(Message("{count} row(s) with a region have no unit code; they "
                                    "count for their region but get no unit profile.",
                                    {"count": no_unit}))
        units_per_region = {}
        for region, _ in unit_keys:
            units_per_region[region] = units_per_region.get(region, 0) + 1
        single = sorted(str(r) for r, count in units_per_region.items() if count == 1)
        if single:
            warnings.append(Message("{count} region(s) hold only one unit, so the region "
                                    "profile equals that unit's profile: {regions}.",
                                    {"count": len(single), "regions": ", ".join(single)}))
    national = national_means(domain_scores)
    for domain in domains:
        if np.isnan(national[domain]):
            warnings.append(Message("Domain '{domain}' has no scores at all: its national "
                                    "mean and every difference are NULL.",
                                    {"domain": domain}))
    return Profile(domains, national, region_groups, unit_groups, without, warnings)


def group_names(regions, units=None, region_names=None, unit_names=None):
    """{(level, key): first non-empty name} of the regions and units, from the raw codes
    and names per row (as given to ``domain_profile``; names None: no name field)."""
    names = {}
    for row, raw_region in enumerate(regions):
        region = region_key(raw_region)
        if region is None:
            continue
        if region_names is not None and region_names[row] not in (None, ""):
            names.setdefault((REGION_LEVEL, region), str(region_names[row]))
        unit = region_key(units[row]) if units is not None else None
        if unit is not None and unit_names is not None and unit_names[row] not in (None, ""):
            names.setdefault((UNIT_LEVEL, (region, unit)), str(unit_names[row]))
    return names


def region_of_rows(profile, regions):
    """Index of each row's region in ``profile.regions.keys`` (-1: no region)."""
    index = {key: i for i, key in enumerate(profile.regions.keys)}
    return [index.get(region_key(value), -1) for value in regions]
