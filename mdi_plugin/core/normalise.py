"""Scaling raw indicator values to 0-100 scores where a higher score is always worse."""

import numpy as np

from .errors import InputError

POOLED = "pooled"        # min-max over all rows, all years together (report-comparable)
PER_YEAR = "per_year"    # min-max within each year
FIXED = "fixed"          # min-max between the spec's fixed bounds
RANK = "rank"            # percentile rank over all rows
NORMALISATIONS = (POOLED, PER_YEAR, FIXED, RANK)


def winsorise(values, clip_percent):
    """Clip values at the p-th and (100-p)-th percentile of the non-missing values."""
    if not clip_percent:
        return values
    valid = values[~np.isnan(values)]
    if valid.size == 0:
        return values
    low, high = np.percentile(valid, [clip_percent, 100.0 - clip_percent])
    return np.clip(values, low, high)


def percentile_rank(values):
    """Percentile rank 0-100 of each non-missing value (ties share their mean rank)."""
    scores = np.full(values.shape, np.nan)
    valid = ~np.isnan(values)
    count = int(valid.sum())
    if count == 0:
        return scores
    if count == 1:
        scores[valid] = 50.0
        return scores
    _, inverse, counts = np.unique(values[valid], return_inverse=True, return_counts=True)
    mean_rank = np.cumsum(counts) - (counts - 1) / 2.0
    scores[valid] = (mean_rank[inverse] - 1.0) / (count - 1) * 100.0
    return scores


def minmax(values, lower, upper):
    """Scale to 0-100 between lower and upper, clipping values outside.

    Returns (scores, number of non-missing values that lay outside the bounds).
    """
    outside = int(np.count_nonzero((values < lower) | (values > upper)))
    clipped = np.clip(values, lower, upper)
    if not np.isfinite(upper - lower):   # bounds near +/-1e308: halve to avoid overflow
        return (clipped / 2.0 - lower / 2.0) / (upper / 2.0 - lower / 2.0) * 100.0, outside
    return (clipped - lower) / (upper - lower) * 100.0, outside


def check_clip(method, clip_percent):
    """CLIP_PERCENT winsorises at the data's own percentiles before min-max scaling. It is
    refused where it would not act as asked: with fixed bounds (the spec's bounds are the
    scale and already clip; clipping at the data's percentiles first would make the
    scores depend on the data again) and with percentile ranks (ranks have no outliers to
    clip; winsorising would only tie the tails)."""
    if clip_percent and method == FIXED:
        raise InputError("CLIP_PERCENT ({clip:g} %) winsorises before min-max scaling, which "
                         "the normalisation '{method}' does not do: the spec's fixed bounds "
                         "are the scale and already clip values outside them. Set "
                         "CLIP_PERCENT to 0, or choose the normalisation 'pooled' or 'per "
                         "year'.", clip=clip_percent, method=method)
    if clip_percent and method == RANK:
        raise InputError("CLIP_PERCENT ({clip:g} %) winsorises before min-max scaling, which "
                         "the normalisation '{method}' does not do: percentile ranks are not "
                         "moved by outliers. Set CLIP_PERCENT to 0, or choose the "
                         "normalisation 'pooled' or 'per year'.", clip=clip_percent,
                         method=method)


def _bounds(indicator, values, where, raw=None, clip_percent=0.0):
    valid = values[~np.isnan(values)]
    lower = indicator.lower if indicator.lower is not None else (
        float(valid.min()) if valid.size else np.nan)
    upper = indicator.upper if indicator.upper is not None else (
        float(valid.max()) if valid.size else np.nan)
    spread = raw[~np.isnan(raw)] if raw is not None else valid
    if not upper > lower and clip_percent and spread.size and spread.max() > spread.min():
        raise InputError("Indicator '{indicator}' (field '{field}') has no spread{where} "
                         "after winsorising at {clip:g} %: every value between the "
                         "{clip:g}th and {top:g}th percentile is {value:g}, while the "
                         "values range from {low:g} to {high:g}. Lower CLIP_PERCENT (or set "
                         "it to 0), or choose percentile rank.", indicator=indicator.id,
                         field=indicator.field, where=where, clip=clip_percent,
                         top=100.0 - clip_percent, value=lower, low=float(spread.min()),
                         high=float(spread.max()))
    if not upper > lower:
        raise InputError("Indicator '{indicator}' (field '{field}') has no spread{where}: "
                         "every value is {value:g}, so it cannot be scaled by min-max. Give "
                         "fixed 'lower'/'upper' bounds in the spec, choose percentile rank, "
                         "or leave the indicator out.", indicator=indicator.id,
                         field=indicator.field, where=where, value=lower)
    return lower, upper


def normalise_indicator(indicator, values, method=POOLED, years=None, clip_percent=0.0):
    """Scale one indicator's raw values (NaN = missing) to 0-100, higher = worse.

    ``years`` (float array) is needed for PER_YEAR. Returns (scores, n_clipped) where
    n_clipped counts values outside fixed bounds that were clipped.
    """
    if method not in NORMALISATIONS:
        raise ValueError("unknown normalisation {!r}".format(method))
    check_clip(method, clip_percent)
    scores = np.full(values.shape, np.nan)
    n_clipped = 0
    if np.isnan(values).all():
        return scores, 0
    if method == RANK:
        scores = percentile_rank(values)
    elif method == PER_YEAR:
        if years is None:
            raise InputError("Normalisation per year needs a year field.")
        for year in np.unique(years[~np.isnan(years)]):
            rows = years == year
            part = winsorise(values[rows], clip_percent)
            if np.isnan(part).all():
                continue
            lower, upper = _bounds(indicator, part, " in year {:g}".format(year),
                                   values[rows], clip_percent)
            scores[rows], clipped = minmax(part, lower, upper)
            n_clipped += clipped
    else:
        part = values if method == FIXED else winsorise(values, clip_percent)
        lower, upper = _bounds(indicator, part, "", values, clip_percent)
        scores, n_clipped = minmax(part, lower, upper)
    if indicator.higher_is_better:
        scores = 100.0 - scores
    return scores, n_clipped
