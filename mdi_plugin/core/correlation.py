"""Correlating a score (the MDI) with comparison indicators: Pearson and Spearman.

Rules (documented in the README and the algorithm help):

* Pairwise deletion: each comparison indicator is correlated over the rows where both the
  score and that indicator have a value (so ``n`` can differ per indicator).
* Pearson r is the usual product-moment coefficient. Its two-sided p-value comes from the
  t distribution with n - 2 degrees of freedom: t = r * sqrt((n - 2) / (1 - r^2)), and
  p = I_x((n - 2) / 2, 1 / 2) with x = (n - 2) / (n - 2 + t^2) = 1 - r^2, where I is the
  regularised incomplete beta function (continued fraction, as in Numerical Recipes).
* Spearman rho is Pearson r on the average ranks (ties share their mean rank) of the
  pairwise complete rows. Its p-value uses the same t approximation, which is good from
  about n = 10 on; for smaller n it is only indicative (no exact permutation test).
* n < 3, or no spread in the score or the indicator: r and p are NULL and a warning says
  why (never a crash, never a fake 0).
* Strength labels after Field (2009) on |r|: geen < 0.1 <= zwak < 0.3 <= matig < 0.5 <=
  sterk; direction: positief (r > 0), negatief (r < 0) or geen (r = 0).
* Leaving out a domain (to avoid circular results): the MDI is recomputed from the
  ``mdi_<domain>`` scores without that domain, with the remaining published weights
  rescaled to sum to 100 (so the score stays on 0-100). Rescaling multiplies every score by
  the same constant, so it changes neither r nor rho.
"""

import math
from dataclasses import dataclass, field, replace
from typing import List, Optional

import numpy as np

from .compute import Message, weighted_total
from .errors import InputError
from .normalise import percentile_rank

#: Field (2009) thresholds on |r| and their Dutch labels.
STRENGTH_LABELS = ((0.1, "geen"), (0.3, "zwak"), (0.5, "matig"), (math.inf, "sterk"))
POSITIVE = "positief"
NEGATIVE = "negatief"
NO_DIRECTION = "geen"
#: The smallest n for which a correlation is computed.
MIN_PAIRS = 3


# -- the t distribution --------------------------------------------------------------------

def _beta_continued_fraction(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz's method)."""
    tiny = 1e-300
    eps = 1e-15
    max_iterations = 1000 + int(20 * math.sqrt(max(a, b)))
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, max_iterations + 1):
        m2 = 2 * m
        numerator = m * (b - m) * x / ((qam + m2) * (a + m2))       # even step
        d = 1.0 + numerator * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + numerator / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        numerator = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))  # odd step
        d = 1.0 + numerator * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + numerator / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            return h
    raise ArithmeticError("incomplete beta: no convergence for a={}, b={}, x={}".format(
        a, b, x))


def regularised_incomplete_beta(a, b, x):
    """I_x(a, b) for a, b > 0 and 0 <= x <= 1 (the beta distribution's CDF)."""
    if a <= 0 or b <= 0:
        raise ValueError("a and b must be positive")
    if not 0.0 <= x <= 1.0:
        raise ValueError("x must lie in [0, 1]")
    if x == 0.0 or x == 1.0:
        return x
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_two_sided_p(t, df):
    """Two-sided p-value of Student's t with ``df`` degrees of freedom: P(|T| >= |t|)."""
    if df <= 0:
        raise ValueError("df must be positive")
    if math.isnan(t):
        return math.nan
    if math.isinf(t):
        return 0.0
    return regularised_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))


def correlation_p(r, n):
    """Two-sided p-value of a correlation r from n pairs (t test, n - 2 df)."""
    if n < MIN_PAIRS or math.isnan(r):
        return math.nan
    if abs(r) >= 1.0:
        return 0.0
    size = abs(r)
    # (1 - |r|)(1 + |r|) rather than 1 - r*r: exact for tiny r at large n
    return regularised_incomplete_beta((n - 2) / 2.0, 0.5, (1.0 - size) * (1.0 + size))


# -- coefficients ---------------------------------------------------------------------------

def pearson_r(x, y):
    """Pearson r of two equally long float arrays without NaN (NaN when a side is flat)."""
    dx = _scaled_deviations(x)
    dy = _scaled_deviations(y)
    if dx is None or dy is None:
        return math.nan
    sxx = float(np.dot(dx, dx))
    syy = float(np.dot(dy, dy))
    if sxx <= 0.0 or syy <= 0.0:
        return math.nan
    r = float(np.dot(dx, dy)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def _scaled_deviations(values):
    """Deviations from the mean, scaled to a largest size of 1 (None when flat), so that
    the dot products neither overflow (values near 1e160) nor underflow (near 1e-200):
    r does not change with the scale of either side."""
    values = np.asarray(values, dtype=float)
    largest = float(np.max(np.abs(values))) if values.size else 0.0
    if largest == 0.0 or not math.isfinite(largest):
        return None
    scaled = values / largest
    deviations = scaled - scaled.mean()
    spread = float(np.max(np.abs(deviations)))
    if spread == 0.0:
        return None
    return deviations / spread


def average_ranks(values):
    """Ranks 1..n of a float array without NaN; ties share their mean rank."""
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        return np.ones(values.size)
    # percentile_rank is (mean rank - 1) / (n - 1) * 100: a linear map of the mean rank.
    return percentile_rank(values) / 100.0 * (values.size - 1) + 1.0


def strength_label(r):
    """Field (2009) label of |r|: geen, zwak, matig or sterk (None when r is NaN)."""
    if r is None or math.isnan(r):
        return None
    size = abs(r)
    for limit, label in STRENGTH_LABELS:
        if size < limit:
            return label
    return STRENGTH_LABELS[-1][1]


def direction_label(r):
    """positief, negatief or geen (r = 0); None when r is NaN."""
    if r is None or math.isnan(r):
        return None
    return POSITIVE if r > 0 else NEGATIVE if r < 0 else NO_DIRECTION


@dataclass
class CorrelationRow:
    """The correlation of the score with one comparison indicator."""

    indicator: str
    n: int
    r_pearson: float = math.nan
    p_pearson: float = math.nan
    r_spearman: float = math.nan
    p_spearman: float = math.nan

    @property
    def strength(self):
        """Field (2009) label of the Pearson r."""
        return strength_label(self.r_pearson)

    @property
    def direction(self):
        """Direction of the Pearson r."""
        return direction_label(self.r_pearson)

    @property
    def strength_spearman(self):
        """Field (2009) label of the Spearman rho."""
        return strength_label(self.r_spearman)


@dataclass
class CorrelationResult:
    """One row per comparison indicator plus warnings."""

    rows: List[CorrelationRow]
    warnings: List[Message] = field(default_factory=list)


def correlate_pair(name, score, values):
    """Pearson and Spearman of ``score`` with ``values`` (pairwise deletion of NaN).

    Returns (CorrelationRow, warning Message or None).
    """
    score = np.asarray(score, dtype=float)
    values = np.asarray(values, dtype=float)
    both = ~np.isnan(score) & ~np.isnan(values)
    n = int(both.sum())
    row = CorrelationRow(name, n)
    if n < MIN_PAIRS:
        return row, Message("Indicator '{indicator}': only {n} row(s) have both the score "
                            "and a value (at least {minimum} are needed); r and p are "
                            "NULL.", {"indicator": name, "n": n, "minimum": MIN_PAIRS})
    x, y = score[both], values[both]
    flat = [what for what, v in (("the score", x), ("the indicator", y)) if np.ptp(v) == 0]
    if flat:
        return row, Message("Indicator '{indicator}': {what} has the same value in all {n} "
                            "rows (no variance), so there is no correlation; r and p are "
                            "NULL.", {"indicator": name, "what": " and ".join(flat), "n": n})
    row.r_pearson = pearson_r(x, y)
    row.p_pearson = correlation_p(row.r_pearson, n)
    row.r_spearman = pearson_r(average_ranks(x), average_ranks(y))
    row.p_spearman = correlation_p(row.r_spearman, n)
    return row, None


def correlate(score, columns):
    """Correlate ``score`` with each of ``columns`` ({name: float array}, in order)."""
    result = CorrelationResult(rows=[])
    for name, values in columns.items():
        row, warning = correlate_pair(name, score, values)
        result.rows.append(row)
        if warning is not None:
            result.warnings.append(warning)
    return result


# -- the MDI without one domain -----------------------------------------------------------

def spec_without_domain(spec, domain_id):
    """A copy of ``spec`` in which ``domain_id`` has weight 0."""
    if domain_id not in spec.domain_ids:
        raise InputError("EXCLUDE_DOMAIN '{domain}' is not a domain of the spec; use one of "
                         "{known}.", domain=domain_id, known=", ".join(spec.domain_ids))
    domains = tuple(replace(d, weight=0.0) if d.id == domain_id else d
                    for d in spec.domains)
    if all(d.weight == 0 for d in domains):
        raise InputError("Without domain '{domain}' no domain with a weight is left.",
                         domain=domain_id)
    return replace(spec, domains=domains)


def mdi_without_domain(spec, domain_scores, domain_id):
    """The MDI from ``domain_scores`` ({domain id: array}) without ``domain_id``.

    The remaining published weights are rescaled to sum to 100 (score stays on 0-100).
    A row gets NaN when one of the remaining domains has no score; the left-out domain's
    scores are not needed.
    """
    reduced = spec_without_domain(spec, domain_id)
    present = {d: domain_scores[d] for d in reduced.domain_ids if d in domain_scores}
    missing = [d for d in reduced.domain_ids if d not in present and d != domain_id]
    if missing:
        raise InputError("Domain score(s) {domains} are missing.", domains=", ".join(missing))
    if domain_id not in present:
        length = len(next(iter(present.values())))
        present[domain_id] = np.full(length, np.nan)
    return weighted_total(reduced, present, rescale_weights=True)


def select_year(years, year: Optional[float]):
    """Rows of one year: (boolean mask, year used).

    ``year`` None: the only year in ``years`` (NaN years are ignored); an InputError when
    there are several, listing them. A year that does not occur is an InputError too.
    """
    years = np.asarray(years, dtype=float)
    present = np.unique(years[~np.isnan(years)])
    listed = ", ".join("{:g}".format(y) for y in present) or "none"
    if year is None:
        if present.size == 1:
            return years == present[0], float(present[0])
        if present.size == 0:
            raise InputError("The year field has no values: there is no year to select.")
        raise InputError("The input holds several years ({years}); choose one with YEAR, "
                         "or leave YEAR_FIELD empty when the table has one row per area.",
                         years=listed)
    if year not in present:
        raise InputError("Year {year:g} does not occur in the year field (years present: "
                         "{years}).", year=year, years=listed)
    return years == year, float(year)
