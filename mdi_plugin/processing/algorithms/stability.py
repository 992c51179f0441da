"""mdi:classstability: Monte Carlo sensitivity of the MDI classes to the weights, the
normalisation and the class breaks, with the Monte Carlo standard error and a three-way
verdict (stabiel / onzeker / instabiel) per area."""

import math

import numpy as np
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterString

from ...compat import new_field
from ...core.classify import REPORT_BREAKS, format_breaks, parse_breaks
from ...core.compute import FROM_INDICATORS, resolve_fields
from ...core.errors import InputError
from ...core.normalise import PER_YEAR, POOLED, RANK
from ...core.spec import load_spec
from ...core.stability import (BASE_CLASS_FIELD, BASE_MDI_FIELD, CLASS_METHODS,
                               DEFAULT_RUNS, FIXED_BREAKS, MAX_SPREAD, MODAL_FIELD,
                               QUARTILES_PER_YEAR, SAME_SCALE, SE_BAND, SE_FIELD,
                               STABILITY_FIELD, STABLE, UNCERTAIN, UNSTABLE, UNSTABLE_BELOW,
                               VERDICT_FIELD, StabilityOptions, class_stability,
                               probability_field)
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from .. import parameters
from ..base import MdiAlgorithm
from ..feature_io import output_fields, read_columns, rows_by_id, write_with_columns
from ..fields import field_map
from ..parameters import MODES, count, input_source, number, sink, year_field
from ..progress import tick

#: Order of the NORMALISATIONS enum.
VARIANTS = (POOLED, RANK, PER_YEAR)
#: Above this share of "onzeker" areas the log suggests more runs.
UNCERTAIN_HINT = 0.05


class ClassStabilityAlgorithm(MdiAlgorithm):
    """Probability of each MDI class under perturbed weights, normalisation and breaks."""

    NAME = "classstability"
    DISPLAY_NAME = tr_noop("Class stability (Monte Carlo)")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,stabiliteit,stability,gevoeligheid,sensitivity,monte carlo,"
                   "onzekerheid,uncertainty,dirichlet,klasse")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source())
        self.addParameter(parameters.mode())
        self.addParameter(parameters.spec())
        self.addParameter(parameters.field_map())
        self.addParameter(year_field(self.tr("Year field (needed for min-max per year)")))
        self.addParameter(number(
            "MIN_COVERAGE", self.tr("Minimum share of a domain's indicators present"), 0.5,
            0.0, 1.0))
        self.addParameter(number("N_RUNS", self.tr("Number of runs"), DEFAULT_RUNS, 1,
                                 100000, decimals=False))
        self.addParameter(number("SEED", self.tr("Seed (same seed = same result)"), 1, 0,
                                 decimals=False))
        self.addParameter(number(
            "WEIGHT_SPREAD", self.tr("Weight spread (0 = published weights)"), 0.1, 0.0,
            MAX_SPREAD))
        self.addParameter(QgsProcessingParameterEnum(
            "NORMALISATIONS", self.tr("Normalisations drawn in the runs"),
            [self.tr("Min-max over all rows, years pooled"), self.tr("Percentile rank"),
             self.tr("Min-max per year")], allowMultiple=True, defaultValue=[0, 1]))
        self.addParameter(QgsProcessingParameterString(
            "BREAKS", self.tr("Class breaks"), defaultValue="40,50,60"))
        self.addParameter(number("BREAK_JITTER", self.tr("Break jitter (+/- points)"), 2.0,
                                 0.0))
        self.addParameter(number(
            "UNSTABLE_BELOW", self.tr("Stability threshold (below it: unstable)"),
            UNSTABLE_BELOW, 0.0, 1.0))
        self.addParameter(sink(self.tr("Class stability")))
        self.addParameter(QgsProcessingParameterEnum(
            "CLASS_METHOD", self.tr("Classes of the base and of every run"),
            [self.tr("Fixed breaks (BREAKS; percentile-rank runs by the same shares)"),
             self.tr("Quartiles of each run (all rows)"),
             self.tr("Quartiles of each run per year")], defaultValue=0))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of features")))
        self.addOutput(count("N_UNSTABLE", self.tr("Number of unstable features")))
        self.addOutput(count("N_UNCERTAIN", self.tr("Number of uncertain features")))

    def execute(self, run):
        source = run.source()
        mode = run.choice("MODE", MODES)
        spec = load_spec(run.file("SPEC"))
        classes = run.choice("CLASS_METHOD", CLASS_METHODS)
        options = StabilityOptions(
            runs=run.integer("N_RUNS"), seed=run.integer("SEED"),
            weight_spread=run.number("WEIGHT_SPREAD"),
            normalisations=tuple(run.choice_list("NORMALISATIONS", VARIANTS)),
            breaks=parse_breaks(run.text("BREAKS", "")) if classes == FIXED_BREAKS
            else REPORT_BREAKS,
            break_jitter=run.number("BREAK_JITTER"), min_coverage=run.number("MIN_COVERAGE"),
            classes=classes, unstable_below=run.number("UNSTABLE_BELOW"))
        options.validate()
        resolved, warnings = resolve_fields(spec, mode, source.fields().names(), field_map(run))
        run.warn_all(warnings)
        year_name = run.field("YEAR_FIELD", source)

        read = sorted(set(resolved.values()) | ({year_name} if year_name else set()))
        ids, raw = read_columns(source, read, run.steps(4))
        if not ids:
            raise InputError("The input has no features: nothing to analyse.")
        years = parse_year_column(raw[year_name], year_name, ids) if year_name else None
        per_year = PER_YEAR in options.normalisations or options.classes == QUARTILES_PER_YEAR
        if years is not None and per_year and np.isnan(years).any():
            raise InputError("Year field '{field}': feature {feature} has no year; "
                             "normalisation per year and quartiles per year need a year on "
                             "every row.",
                             field=year_name,
                             feature=ids[int(np.flatnonzero(np.isnan(years))[0])])
        feedback = run.step(1)
        columns = {}
        for done, (target, name) in enumerate(resolved.items(), 1):
            columns[target] = parse_numeric_column(raw[name], name, ids)
            tick(feedback, done, len(resolved), every=1)
        norms = ", ".join(options.normalisations) if mode == FROM_INDICATORS \
            else self.tr("(given domain scores)")
        if options.classes == FIXED_BREAKS:
            run.info("{runs} runs, seed {seed}: weight spread {spread:g}, normalisations "
                     "{norms}, breaks {breaks} +/- {jitter:g} points.", runs=options.runs,
                     seed=options.seed, spread=options.weight_spread, norms=norms,
                     breaks=format_breaks(options.breaks), jitter=options.break_jitter)
        else:
            run.info("{runs} runs, seed {seed}: weight spread {spread:g}, normalisations "
                     "{norms}; every run is classified by its own quartiles (the 25th, 50th "
                     "and 75th percentile +/- {jitter:g} percentile points; BREAKS is not "
                     "used).", runs=options.runs, seed=options.seed,
                     spread=options.weight_spread, norms=norms, jitter=options.break_jitter)

        feedback = run.step(2)

        def progress(fraction):
            run.check_cancel()
            feedback.setProgress(100.0 * fraction)

        result = class_stability(spec, mode, columns, years, options, progress)
        run.warn_all(result.warnings)
        _report_breaks(run, options, result)

        new = [new_field(BASE_MDI_FIELD, "double"), new_field(BASE_CLASS_FIELD, "int")]
        new += [new_field(probability_field(k), "double")
                for k in range(1, result.class_count + 1)]
        new += [new_field(MODAL_FIELD, "int"), new_field(STABILITY_FIELD, "double"),
                new_field(SE_FIELD, "double"), new_field(VERDICT_FIELD, "string")]
        fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the newly computed values.",
                     field=name)
        sink_, dest_id = run.sink("OUTPUT", fields, source.wkbType(), source.sourceCrs())
        columns = [result.base_mdi, _integers(result.base_class)]
        columns += [result.probabilities[:, k] for k in range(result.class_count)]
        columns += [_integers(result.modal_class), result.stability, result.standard_error,
                    result.verdict]
        write_with_columns(source, sink_, fields, kept, columns, rows_by_id(ids), run.step(3))
        return _summary(run, options, result, ids, dest_id)


def _report_breaks(run, options, result):
    """Log the breaks that runs on another scale use (fixed breaks carried over)."""
    if options.classes != FIXED_BREAKS:
        return
    for variant, breaks in result.breaks_used.items():
        if variant not in SAME_SCALE and variant != "given":
            run.info("Runs with normalisation '{variant}' are classified by the breaks "
                     "{breaks}: the same share of areas below each break as the base run "
                     "has below {base}.", variant=variant, breaks=format_breaks(breaks),
                     base=format_breaks(options.breaks))


def _summary(run, options, result, ids, dest_id):
    """Log the verdicts and return the algorithm's results."""
    valid = ~np.isnan(result.stability)
    stable, uncertain, unstable = (result.count(v) for v in (STABLE, UNCERTAIN, UNSTABLE))
    run.info("{valid} of {total} feature(s) have an MDI: {stable} stabiel, {uncertain} "
             "onzeker, {unstable} instabiel (threshold {threshold:g}; onzeker = within "
             "{band:g} standard errors of it; the standard error at the threshold is "
             "{se:.3f}; runs per normalisation: {runs}).", band=SE_BAND,
             valid=int(valid.sum()), total=len(ids), stable=stable, uncertain=uncertain,
             unstable=unstable, threshold=options.unstable_below,
             se=math.sqrt(options.unstable_below * (1.0 - options.unstable_below) /
                          options.runs),
             runs=", ".join("{} {}".format(k, v)
                            for k, v in result.runs_per_normalisation.items()))
    if valid.any() and uncertain > UNCERTAIN_HINT * valid.sum():
        run.info("{share:.1f} % of the features are onzeker: more runs (N_RUNS) decide "
                 "more of them; four times the runs halve the standard error.",
                 share=100.0 * uncertain / valid.sum())
    return {"OUTPUT": dest_id, "FEATURE_COUNT": len(ids), "N_UNSTABLE": unstable,
            "N_UNCERTAIN": uncertain}


def _integers(values):
    """Float array with NaN -> list of int or None."""
    return [None if v != v else int(v) for v in np.asarray(values).tolist()]
