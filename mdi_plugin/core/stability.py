"""Monte Carlo class stability: how sure is an area's MDI class under other reasonable
choices of weights, normalisation and class breaks, and how sure is that answer?

Rules (documented in the README and the algorithm help):

* The base run is the published method: the spec's weights as published (sum 99.9, not
  rescaled), pooled min-max normalisation (mode indicators) or the given domain scores
  (mode domains), and the base classes: the fixed breaks (default 40/50/60), the
  quartiles of all rows, or the quartiles per year (``classes``). Its MDI and class are
  ``mdi_basis`` and ``klasse_basis``.
* Each of N runs draws, from one seeded generator (numpy PCG64, in a fixed order, so a
  seed gives the same result whatever the data size):

  - domain weights from a Dirichlet distribution around the published shares p_i, with
    concentration c = 1 / s^2 - 1 for the weight spread s (0 <= s <= 0.5), i.e.
    alpha_i = c * p_i; each weight then has standard deviation s * sqrt(p_i (1 - p_i))
    (as share of the total) and the weights are scaled back to the published total, so
    the classes still fit the breaks. s = 0: the published weights in every run. Domains
    with weight 0 keep weight 0;
  - a normalisation, uniformly from the chosen alternatives (mode indicators only; the
    domain scores of each alternative are computed once with core.compute);
  - the class breaks' offsets: each break plus an independent uniform jitter in [-J, +J],
    sorted. With fixed breaks J is in MDI points; with quartiles J is in percentile
    points (25 +/- J, 50 +/- J, 75 +/- J, kept within 0-100).

* Comparable classes: every run is classified by breaks that mean the same on its scale.

  - Fixed breaks: runs whose normalisation is on the breaks' scale (min-max 0-100 points:
    pooled, per year, or the given domain scores) use the (jittered) breaks themselves.
    Percentile-rank runs are on another scale, so each (jittered) break b is carried to
    it through the quantiles: if k of the base MDIs lie below b (b between the k-th and
    (k+1)-th smallest, linearly interpolated), the rank break lies at the same place
    between the k-th and (k+1)-th smallest rank MDI (published weights). With the
    published weights a rank run therefore puts exactly as many areas in each class as
    the base run; only the order of the areas can differ. A break below every base MDI
    stays below every rank MDI, one above them all stays above.
  - Quartiles (of all rows, or per year): each run is classified by its own quartiles
    (of its own MDIs, at the jittered percentiles), whatever its normalisation.

* Per area: ``p_klasse_k`` = share of the runs that put it in class k, ``modale_klasse`` =
  the most frequent class (ties: the base class if it is among them, else the lowest),
  ``stabiliteit`` = the share of the modal class (1 = always the same class),
  ``stabiliteit_se`` = its Monte Carlo standard error sqrt(p (1 - p) / N) (N = runs that
  gave the area an MDI), and ``stabiliteit_klasse``: "instabiel" when stabiliteit + 3 se
  lies below the threshold t (default 0.8), "stabiel" when stabiliteit - 3 se is at least
  t, else "onzeker" (the threshold lies within 3 standard errors: more runs would
  decide). Areas without an MDI get NULL everywhere. Why 3 and not 2: an area exactly at
  the threshold is called stabiel (or instabiel) by one seed with probability 0.13 % at
  3 se against 2.3 % at 2 se; on the sample buurten 2 se let about one buurt per 10
  seeds jump straight from stabiel to instabiel, 3 se none in 200 seeds (README,
  ``mdi:classstability``).
* Default runs: 2,000, so that the standard error at the threshold 0.8 is 0.009 and the
  onzeker share on the sample buurten stays below 4 % (3.3 % on average over 200 seeds,
  at most 3.6 %).
* All runs of a chunk are one matrix (areas x runs); chunks keep memory at about
  ``CELLS_PER_CHUNK`` numbers.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

import numpy as np

from .classify import (PER_YEAR as QUARTILES_PER_YEAR_METHOD, POOLED as QUARTILES_METHOD,
                       QUARTILE_PERCENTS, REPORT_BREAKS, check_breaks, classify,
                       classify_values)
from .compute import (FROM_DOMAINS, FROM_INDICATORS, ComputeOptions, Message,
                      compute_from_domains, compute_from_indicators, weighted_total)
from .errors import InputError
from .normalise import PER_YEAR, POOLED, RANK

#: Normalisations a run can draw (mode indicators).
VARIANTS = (POOLED, RANK, PER_YEAR)
#: Normalisations on the scale of the fixed breaks (min-max points); None = given domain
#: scores. Runs with any other normalisation get the breaks carried over by quantiles.
SAME_SCALE = (POOLED, PER_YEAR, None)
#: How the classes of the base and of every run are made.
FIXED_BREAKS = "breaks"
QUARTILES = "quartiles"
QUARTILES_PER_YEAR = "quartiles_per_year"
CLASS_METHODS = (FIXED_BREAKS, QUARTILES, QUARTILES_PER_YEAR)
#: Largest weight spread (beyond it the Dirichlet draws degenerate).
MAX_SPREAD = 0.5
#: Numbers per chunk of the areas x runs matrix.
CELLS_PER_CHUNK = 4_000_000
#: Default threshold: areas with stabiliteit clearly below it are "instabiel".
UNSTABLE_BELOW = 0.8
#: Default number of runs: keeps the onzeker share on the sample buurten below 4 %.
DEFAULT_RUNS = 2000
#: Half-width of the "onzeker" band around the threshold, in standard errors.
SE_BAND = 3.0
#: The three verdicts (values of ``stabiliteit_klasse``; Dutch, as the class labels).
STABLE = "stabiel"
UNCERTAIN = "onzeker"
UNSTABLE = "instabiel"

BASE_MDI_FIELD = "mdi_basis"
BASE_CLASS_FIELD = "klasse_basis"
MODAL_FIELD = "modale_klasse"
STABILITY_FIELD = "stabiliteit"
SE_FIELD = "stabiliteit_se"
VERDICT_FIELD = "stabiliteit_klasse"


def probability_field(number):
    """Name of the probability field of class ``number``: p_klasse_1, ..."""
    return "p_klasse_{}".format(number)


@dataclass
class StabilityOptions:
    """The perturbations and their size, how classes are made, and the threshold."""

    runs: int = DEFAULT_RUNS
    seed: int = 1
    weight_spread: float = 0.1
    normalisations: Tuple[str, ...] = (POOLED, RANK)
    breaks: Tuple[float, ...] = REPORT_BREAKS
    break_jitter: float = 2.0
    min_coverage: float = 0.5
    classes: str = FIXED_BREAKS
    unstable_below: float = UNSTABLE_BELOW

    def validate(self):
        """Raise InputError for options outside their range."""
        if int(self.runs) < 1:
            raise InputError("N_RUNS must be at least 1, not {value}.", value=self.runs)
        if not 0.0 <= self.weight_spread <= MAX_SPREAD:
            raise InputError("WEIGHT_SPREAD must be between 0 and {maximum}, not {value}.",
                             maximum=MAX_SPREAD, value=self.weight_spread)
        if self.break_jitter < 0:
            raise InputError("BREAK_JITTER must be 0 or more, not {value}.",
                             value=self.break_jitter)
        if not self.normalisations:
            raise InputError("Choose at least one normalisation for the runs.")
        unknown = [n for n in self.normalisations if n not in VARIANTS]
        if unknown:
            raise InputError("Unknown normalisation(s) {values}; use {known}.",
                             values=", ".join(map(str, unknown)), known=", ".join(VARIANTS))
        if not 0.0 <= self.min_coverage <= 1.0:
            raise InputError("MIN_COVERAGE must be between 0 and 1, not {value}.",
                             value=self.min_coverage)
        if not 0.0 <= self.unstable_below <= 1.0:
            raise InputError("UNSTABLE_BELOW must be between 0 and 1, not {value}.",
                             value=self.unstable_below)
        if self.classes not in CLASS_METHODS:
            raise ValueError("unknown class method {!r}".format(self.classes))
        if self.classes == FIXED_BREAKS:
            check_breaks(self.breaks)


@dataclass
class StabilityResult:
    """Per-area results (arrays, NaN = no MDI) and what the runs drew."""

    base_mdi: np.ndarray
    base_class: np.ndarray
    probabilities: np.ndarray          # areas x classes
    modal_class: np.ndarray
    stability: np.ndarray
    standard_error: np.ndarray
    verdict: List                      # STABLE / UNCERTAIN / UNSTABLE, None = no MDI
    runs_per_normalisation: Dict[str, int]
    #: Fixed breaks: the breaks each normalisation's runs use before jitter (rank: carried
    #: over by quantiles). Quartiles: {None: base breaks} or {year: base breaks}.
    breaks_used: Dict = field(default_factory=dict)
    warnings: List[Message] = field(default_factory=list)

    @property
    def class_count(self):
        """Number of classes (breaks + 1)."""
        return self.probabilities.shape[1]

    def count(self, verdict):
        """Number of areas with this verdict."""
        return sum(1 for v in self.verdict if v == verdict)


def dirichlet_weights(rng, published, spread, runs):
    """runs x domains weights around ``published`` (percent), each row summing to the
    published total; zero weights stay zero, spread 0 repeats the published weights."""
    published = np.asarray(published, dtype=float)
    weights = np.tile(published, (runs, 1))
    positive = published > 0
    if spread <= 0 or positive.sum() < 2:
        return weights
    total = published.sum()
    concentration = 1.0 / spread ** 2 - 1.0
    alpha = concentration * published[positive] / total
    weights[:, positive] = rng.dirichlet(alpha, size=runs) * total
    return weights


def jittered_breaks(rng, breaks, jitter, runs):
    """runs x breaks: each break plus uniform noise in [-jitter, jitter], sorted per run."""
    breaks = np.asarray(breaks, dtype=float)
    if jitter <= 0:
        return np.tile(breaks, (runs, 1))
    noise = rng.uniform(-jitter, jitter, size=(runs, breaks.size))
    return np.sort(breaks[None, :] + noise, axis=1)


def run_totals(spec, domain_scores, weights):
    """areas x runs MDI totals: the sum of weight/100 * domain score for each run's
    weights (same order of operations as compute.weighted_total, so the published weights
    give exactly the base MDI)."""
    total = None
    for column, domain in enumerate(spec.domain_ids):
        run_weights = weights[:, column]
        if not np.any(run_weights):
            continue
        part = np.asarray(domain_scores[domain], dtype=float)[:, None] * \
            (run_weights[None, :] / 100.0)
        total = part if total is None else total + part
    return total


def classify_matrix(totals, breaks):
    """Class numbers (1 .. breaks + 1) of an areas x runs matrix with one row of breaks per
    run (a value equal to a break goes up, as in core.classify); 0 where NaN."""
    classes = np.ones(totals.shape, dtype=np.int16)
    for column in range(breaks.shape[1]):
        classes += totals >= breaks[None, :, column]
    classes[np.isnan(totals)] = 0
    return classes


def carry_breaks(breaks, base_values, other_values):
    """Carry breaks (any shape) from the scale of ``base_values`` to that of
    ``other_values`` through their quantiles: a break with k base values below it, at
    fraction f of the way from the k-th to the (k+1)-th smallest base value, becomes the
    value at fraction f from the k-th to the (k+1)-th smallest other value. So the other
    values have as many values below the carried break as the base values below the
    break (when they have no ties). Below every base value -> the smallest other value;
    above every base value -> +inf. NaN values (in either) are left out pairwise."""
    return carry_sorted(breaks, *sorted_pairs(base_values, other_values))


def sorted_pairs(base_values, other_values):
    """(sorted base values, sorted other values) of the rows where both are present."""
    base_values = np.asarray(base_values, dtype=float)
    other_values = np.asarray(other_values, dtype=float)
    both = ~np.isnan(base_values) & ~np.isnan(other_values)
    return np.sort(base_values[both]), np.sort(other_values[both])


def carry_sorted(breaks, low, high):
    """carry_breaks on values already sorted by sorted_pairs (``low``: base)."""
    breaks = np.asarray(breaks, dtype=float)
    if low.size == 0:
        return np.full(breaks.shape, np.nan)
    k = np.searchsorted(low, breaks, side="left")            # base values below the break
    inner = np.clip(k, 1, low.size - 1) if low.size > 1 else np.zeros_like(k)
    lower, upper = low[inner - 1], low[inner]
    with np.errstate(invalid="ignore", divide="ignore"):
        fraction = np.where(upper > lower, (breaks - lower) / (upper - lower), 1.0)
    carried = high[inner - 1] + fraction * (high[inner] - high[inner - 1])
    carried = np.where(k == 0, high[0], carried)
    return np.where(k >= low.size, np.inf, carried)


def column_percentiles(totals, percents):
    """The given percentiles (one row per column of ``totals``: columns x q) of each
    column's non-NaN values, numpy's 'linear' method (as core.classify.quartile_breaks);
    NaN for a column without values."""
    ordered = np.sort(totals, axis=0)                        # NaN last
    valid = np.count_nonzero(~np.isnan(totals), axis=0)      # per column
    position = np.asarray(percents, dtype=float) / 100.0 * \
        np.maximum(valid - 1, 0)[:, None]
    below = np.floor(position).astype(np.int64)
    above = np.minimum(below + 1, np.maximum(valid - 1, 0)[:, None])
    columns = np.arange(totals.shape[1])[:, None]
    low, high = ordered[below, columns], ordered[above, columns]
    fraction = position - below
    result = low + (high - low) * fraction       # numpy's own two-sided lerp, so that the
    upper = fraction >= 0.5                      # quartiles equal np.percentile's exactly
    result[upper] = (high - (high - low) * (1.0 - fraction))[upper]
    result[valid == 0] = np.nan
    return result


def verdicts(stability, standard_error, threshold, band=SE_BAND):
    """stabiel / onzeker / instabiel per area (None where stability is NaN): instabiel
    when stability + band * se < threshold, stabiel when stability - band * se >=
    threshold, onzeker in between (band: SE_BAND standard errors)."""
    out = []
    for value, error in zip(np.asarray(stability).tolist(),
                            np.asarray(standard_error).tolist()):
        if value != value:
            out.append(None)
        elif value + band * error < threshold:
            out.append(UNSTABLE)
        elif value - band * error >= threshold:
            out.append(STABLE)
        else:
            out.append(UNCERTAIN)
    return out


def _domain_scores(spec, mode, columns, years, options, variants):
    """{normalisation: domain scores} for each variant (mode domains: one entry None)."""
    if mode == FROM_DOMAINS:
        result = compute_from_domains(spec, columns, ComputeOptions())
        return {None: result.domain_scores}, result.warnings
    scores, warnings = {}, []
    for variant in variants:
        result = compute_from_indicators(
            spec, columns, ComputeOptions(normalisation=variant,
                                          min_coverage=options.min_coverage), years)
        scores[variant] = result.domain_scores
        if variant == POOLED:
            warnings = result.warnings
    return scores, warnings


def _base_classes(base_mdi, options, years):
    """(base class array, {group: breaks}, warnings) of the base MDI."""
    if options.classes == FIXED_BREAKS:
        breaks = check_breaks(options.breaks)
        classes = classify(base_mdi, breaks)
        return np.array([np.nan if c is None else c for c in classes], dtype=float), \
            {None: breaks}, []
    method = QUARTILES_METHOD if options.classes == QUARTILES else QUARTILES_PER_YEAR_METHOD
    result = classify_values(base_mdi, method, years=years, field_name=BASE_MDI_FIELD)
    classes = np.array([np.nan if c is None else c for c in result.classes], dtype=float)
    return classes, result.breaks, result.warnings


class _Classifier:
    """Classes of an areas x runs matrix of one normalisation's runs, comparable with the
    base classes (see the module's rules)."""

    def __init__(self, options, base_mdi, years, run_breaks, published_mdi):
        self.method = options.classes
        self.run_breaks = run_breaks          # runs x breaks: MDI points or percents
        # per normalisation on another scale: its MDI (published weights) and the base
        # MDI, sorted once (not per chunk: a million areas in chunks of 4 runs)
        self.pairs = {variant: sorted_pairs(base_mdi, mdi)
                      for variant, mdi in published_mdi.items() if variant not in SAME_SCALE}
        self.groups = [slice(None)]
        if self.method == QUARTILES_PER_YEAR:
            self.groups = [np.flatnonzero(years == year) for year in np.unique(years)]

    def breaks_for(self, variant, breaks):
        """Fixed breaks as used by the runs of ``variant`` (carried over when its scale
        differs)."""
        if variant in SAME_SCALE:
            return breaks
        return carry_sorted(breaks, *self.pairs[variant])

    def classes(self, totals, variant, selected):
        """Class numbers (0 = no MDI) of ``totals`` (areas x the ``selected`` runs)."""
        breaks = self.run_breaks[selected]
        if self.method == FIXED_BREAKS:
            return classify_matrix(totals, self.breaks_for(variant, breaks))
        classes = np.zeros(totals.shape, dtype=np.int16)
        for rows in self.groups:
            part = totals[rows]
            classes[rows] = classify_matrix(part, column_percentiles(part, breaks))
        return classes


def class_stability(spec, mode, columns, years=None, options=None, progress=None):
    """Run the Monte Carlo analysis. ``columns``: {indicator id: raw float array} (mode
    indicators) or {domain id: 0-100 scores} (mode domains); ``years`` as for compute.
    ``progress(fraction)`` is called after each chunk (it may raise to cancel)."""
    options = options or StabilityOptions()
    options.validate()
    if mode not in (FROM_INDICATORS, FROM_DOMAINS):
        raise ValueError("unknown mode {!r}".format(mode))
    runs = int(options.runs)
    warnings = []
    if mode == FROM_DOMAINS:
        variants = (None,)
        if tuple(options.normalisations) != (POOLED,):
            warnings.append(Message("From domain scores the normalisation cannot vary: only "
                                    "the weights and the class breaks are perturbed.", {}))
    else:
        variants = tuple(dict.fromkeys(options.normalisations))
    needed = variants if mode == FROM_DOMAINS else tuple(dict.fromkeys((POOLED,) + variants))
    scores, compute_warnings = _domain_scores(spec, mode, columns, years, options, needed)
    warnings = compute_warnings + warnings
    base_mdi = weighted_total(spec, scores[None if mode == FROM_DOMAINS else POOLED])
    base_class, base_breaks, class_warnings = _base_classes(base_mdi, options, years)
    warnings += class_warnings
    n_classes = len(next(iter(base_breaks.values()))) + 1

    rng = np.random.default_rng(int(options.seed))
    published = np.array([d.weight for d in spec.domains], dtype=float)
    weights = dirichlet_weights(rng, published, options.weight_spread, runs)
    choice = rng.integers(len(variants), size=runs) if len(variants) > 1 \
        else np.zeros(runs, dtype=np.int64)
    if options.classes == FIXED_BREAKS:
        run_breaks = jittered_breaks(rng, base_breaks[None], options.break_jitter, runs)
    else:
        run_breaks = np.clip(jittered_breaks(rng, QUARTILE_PERCENTS, options.break_jitter,
                                             runs), 0.0, 100.0)
    classifier = _Classifier(options, base_mdi, years, run_breaks,
                             {v: weighted_total(spec, scores[v]) for v in variants})

    n_areas = base_mdi.size
    counts = np.zeros((n_areas, n_classes), dtype=np.int64)
    valid_runs = np.zeros(n_areas, dtype=np.int64)
    chunk = max(1, CELLS_PER_CHUNK // max(n_areas, 1))
    for start in range(0, runs, chunk):
        stop = min(runs, start + chunk)
        for index, variant in enumerate(variants):
            selected = np.flatnonzero(choice[start:stop] == index) + start
            if not selected.size:
                continue
            totals = run_totals(spec, scores[variant], weights[selected])
            classes = classifier.classes(totals, variant, selected)
            valid_runs += np.count_nonzero(classes > 0, axis=1)
            for number in range(1, n_classes + 1):
                counts[:, number - 1] += np.count_nonzero(classes == number, axis=1)
        if progress is not None:
            progress(stop / float(runs))

    with np.errstate(invalid="ignore", divide="ignore"):
        probabilities = np.where(valid_runs[:, None] > 0,
                                 counts / np.maximum(valid_runs, 1)[:, None], np.nan)
        modal, stability = _modal(counts, valid_runs, base_class)
        error = np.sqrt(stability * (1.0 - stability) / np.maximum(valid_runs, 1))
    per_variant = {("given" if v is None else v): int(np.count_nonzero(choice == i))
                   for i, v in enumerate(variants)}
    used = dict(base_breaks)
    if options.classes == FIXED_BREAKS:
        fixed = np.asarray(base_breaks[None])
        used = {("given" if v is None else v):
                tuple(float(b) for b in classifier.breaks_for(v, fixed))
                for v in variants}
    return StabilityResult(base_mdi, base_class, probabilities, modal, stability, error,
                           verdicts(stability, error, options.unstable_below), per_variant,
                           used, warnings)


def _modal(counts, valid_runs, base_class):
    """Modal class (ties: base class if among them, else the lowest) and its share."""
    n_areas = counts.shape[0]
    most = counts.max(axis=1)
    modal = np.argmax(counts, axis=1) + 1.0          # lowest class among the ties
    has_base = ~np.isnan(base_class)
    base_index = np.where(has_base, base_class, 1).astype(np.int64) - 1
    base_is_modal = has_base & (counts[np.arange(n_areas), base_index] == most)
    modal = np.where(base_is_modal, base_class, modal)
    stability = most / np.maximum(valid_runs, 1)
    none = valid_runs == 0
    modal[none] = np.nan
    stability = np.where(none, np.nan, stability)
    return modal, stability
