"""Monte Carlo class stability: how sure is an area's MDI class under other reasonable
choices of weights, normalisation and class breaks?

Rules (documented in the README and the algorithm help):

* The base run is the published method: the spec's weights as published (sum 99.9, not
  rescaled), pooled min-max normalisation (mode indicators) or the given domain scores
  (mode domains), and the breaks (default 40/50/60). Its MDI and class are ``mdi_basis``
  and ``klasse_basis``.
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
  - class breaks: each break plus an independent uniform jitter in [-J, +J], sorted.

* Per area: ``p_klasse_k`` = share of the runs that put it in class k, ``modale_klasse`` =
  the most frequent class (ties: the base class if it is among them, else the lowest),
  ``stabiliteit`` = the share of the modal class (1 = always the same class). Areas
  without an MDI get NULL everywhere.
* All runs of a chunk are one matrix (areas x runs); chunks keep memory at about
  ``CELLS_PER_CHUNK`` numbers.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

import numpy as np

from .classify import REPORT_BREAKS, check_breaks, classify
from .compute import (FROM_DOMAINS, FROM_INDICATORS, ComputeOptions, Message,
                      compute_from_domains, compute_from_indicators, weighted_total)
from .errors import InputError
from .normalise import PER_YEAR, POOLED, RANK

#: Normalisations a run can draw (mode indicators).
VARIANTS = (POOLED, RANK, PER_YEAR)
#: Largest weight spread (beyond it the Dirichlet draws degenerate).
MAX_SPREAD = 0.5
#: Numbers per chunk of the areas x runs matrix.
CELLS_PER_CHUNK = 4_000_000
#: Suggested threshold: areas with stabiliteit below it are "unstable".
UNSTABLE_BELOW = 0.8

BASE_MDI_FIELD = "mdi_basis"
BASE_CLASS_FIELD = "klasse_basis"
MODAL_FIELD = "modale_klasse"
STABILITY_FIELD = "stabiliteit"


def probability_field(number):
    """Name of the probability field of class ``number``: p_klasse_1, ..."""
    return "p_klasse_{}".format(number)


@dataclass
class StabilityOptions:
    """The perturbations and their size."""

    runs: int = 200
    seed: int = 1
    weight_spread: float = 0.1
    normalisations: Tuple[str, ...] = (POOLED, RANK)
    breaks: Tuple[float, ...] = REPORT_BREAKS
    break_jitter: float = 2.0
    min_coverage: float = 0.5

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
        check_breaks(self.breaks)


@dataclass
class StabilityResult:
    """Per-area results (arrays, NaN = no MDI) and what the runs drew."""

    base_mdi: np.ndarray
    base_class: np.ndarray
    probabilities: np.ndarray          # areas x classes
    modal_class: np.ndarray
    stability: np.ndarray
    runs_per_normalisation: Dict[str, int]
    warnings: List[Message] = field(default_factory=list)

    @property
    def class_count(self):
        """Number of classes (breaks + 1)."""
        return self.probabilities.shape[1]


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


def class_stability(spec, mode, columns, years=None, options=None, progress=None):
    """Run the Monte Carlo analysis. ``columns``: {indicator id: raw float array} (mode
    indicators) or {domain id: 0-100 scores} (mode domains); ``years`` as for compute.
    ``progress(fraction)`` is called after each chunk (it may raise to cancel)."""
    options = options or StabilityOptions()
    options.validate()
    if mode not in (FROM_INDICATORS, FROM_DOMAINS):
        raise ValueError("unknown mode {!r}".format(mode))
    runs = int(options.runs)
    breaks = np.asarray(check_breaks(options.breaks), dtype=float)
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
    base_scores = scores[None if mode == FROM_DOMAINS else POOLED]
    base_mdi = weighted_total(spec, base_scores)
    base_class = np.array([np.nan if c is None else c for c in classify(base_mdi, breaks)],
                          dtype=float)

    rng = np.random.default_rng(int(options.seed))
    published = np.array([d.weight for d in spec.domains], dtype=float)
    weights = dirichlet_weights(rng, published, options.weight_spread, runs)
    choice = rng.integers(len(variants), size=runs) if len(variants) > 1 \
        else np.zeros(runs, dtype=np.int64)
    run_breaks = jittered_breaks(rng, breaks, options.break_jitter, runs)

    n_areas = base_mdi.size
    n_classes = breaks.size + 1
    counts = np.zeros((n_areas, n_classes), dtype=np.int64)
    valid_runs = np.zeros(n_areas, dtype=np.int64)
    chunk = max(1, CELLS_PER_CHUNK // max(n_areas, 1))
    done = 0
    for start in range(0, runs, chunk):
        stop = min(runs, start + chunk)
        for index, variant in enumerate(variants):
            selected = np.flatnonzero(choice[start:stop] == index) + start
            if not selected.size:
                continue
            totals = run_totals(spec, scores[variant], weights[selected])
            classes = classify_matrix(totals, run_breaks[selected])
            valid_runs += np.count_nonzero(classes > 0, axis=1)
            for number in range(1, n_classes + 1):
                counts[:, number - 1] += np.count_nonzero(classes == number, axis=1)
        done = stop
        if progress is not None:
            progress(done / float(runs))

    with np.errstate(invalid="ignore", divide="ignore"):
        probabilities = np.where(valid_runs[:, None] > 0,
                                 counts / np.maximum(valid_runs, 1)[:, None], np.nan)
    modal, stability = _modal(counts, valid_runs, base_class)
    per_variant = {("given" if v is None else v): int(np.count_nonzero(choice == i))
                   for i, v in enumerate(variants)}
    return StabilityResult(base_mdi, base_class, probabilities, modal, stability,
                           per_variant, warnings)


def _modal(counts, valid_runs, base_class):
    """Modal class (ties: base class if among them, else the lowest) and its share."""
    n_areas = counts.shape[0]
    most = counts.max(axis=1)
    modal = np.argmax(counts, axis=1) + 1.0          # lowest class among the ties
    has_base = ~np.isnan(base_class)
    base_index = np.where(has_base, base_class, 1).astype(np.int64) - 1
    base_is_modal = has_base & (counts[np.arange(n_areas), base_index] == most)
    modal = np.where(base_is_modal, base_class, modal)
    with np.errstate(invalid="ignore", divide="ignore"):
        stability = most / np.maximum(valid_runs, 1)
    none = valid_runs == 0
    modal[none] = np.nan
    stability = np.where(none, np.nan, stability)
    return modal, stability
