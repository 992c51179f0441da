"""mdi:classstability: Monte Carlo sensitivity of the MDI classes to the weights, the
normalisation and the class breaks."""

import numpy as np
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterString

from ...compat import new_field
from ...core.classify import format_breaks, parse_breaks
from ...core.compute import FROM_INDICATORS, resolve_fields
from ...core.errors import InputError
from ...core.normalise import PER_YEAR, POOLED, RANK
from ...core.spec import load_spec
from ...core.stability import (BASE_CLASS_FIELD, BASE_MDI_FIELD, MAX_SPREAD, MODAL_FIELD,
                               STABILITY_FIELD, UNSTABLE_BELOW, StabilityOptions,
                               class_stability, probability_field)
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
        self.addParameter(number("N_RUNS", self.tr("Number of runs"), 200, 1, 100000,
                                 decimals=False))
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
            "UNSTABLE_BELOW", self.tr("Count areas as unstable below this stability"),
            UNSTABLE_BELOW, 0.0, 1.0))
        self.addParameter(sink(self.tr("Class stability")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of features")))
        self.addOutput(count("N_UNSTABLE", self.tr("Number of unstable features")))

    def execute(self, run):
        source = run.source()
        mode = run.choice("MODE", MODES)
        spec = load_spec(run.file("SPEC"))
        options = StabilityOptions(
            runs=run.integer("N_RUNS"), seed=run.integer("SEED"),
            weight_spread=run.number("WEIGHT_SPREAD"),
            normalisations=tuple(run.choice_list("NORMALISATIONS", VARIANTS)),
            breaks=parse_breaks(run.text("BREAKS", "")),
            break_jitter=run.number("BREAK_JITTER"), min_coverage=run.number("MIN_COVERAGE"))
        options.validate()
        resolved, warnings = resolve_fields(spec, mode, source.fields().names(), field_map(run))
        run.warn_all(warnings)
        year_name = run.field("YEAR_FIELD", source)
        unstable_below = run.number("UNSTABLE_BELOW")

        read = sorted(set(resolved.values()) | ({year_name} if year_name else set()))
        ids, raw = read_columns(source, read, run.steps(4))
        if not ids:
            raise InputError("The input has no features: nothing to analyse.")
        years = parse_year_column(raw[year_name], year_name, ids) if year_name else None
        if years is not None and PER_YEAR in options.normalisations and \
                np.isnan(years).any():
            raise InputError("Year field '{field}': feature {feature} has no year; "
                             "normalisation per year needs a year on every row.",
                             field=year_name,
                             feature=ids[int(np.flatnonzero(np.isnan(years))[0])])
        feedback = run.step(1)
        columns = {}
        for done, (target, name) in enumerate(resolved.items(), 1):
            columns[target] = parse_numeric_column(raw[name], name, ids)
            tick(feedback, done, len(resolved), every=1)
        run.info("{runs} runs, seed {seed}: weight spread {spread:g}, normalisations {norms}, "
                 "breaks {breaks} +/- {jitter:g}.", runs=options.runs, seed=options.seed,
                 spread=options.weight_spread,
                 norms=", ".join(options.normalisations) if mode == FROM_INDICATORS
                 else self.tr("(given domain scores)"),
                 breaks=format_breaks(options.breaks), jitter=options.break_jitter)

        feedback = run.step(2)

        def progress(fraction):
            run.check_cancel()
            feedback.setProgress(100.0 * fraction)

        result = class_stability(spec, mode, columns, years, options, progress)
        run.warn_all(result.warnings)

        new = [new_field(BASE_MDI_FIELD, "double"), new_field(BASE_CLASS_FIELD, "int")]
        new += [new_field(probability_field(k), "double")
                for k in range(1, result.class_count + 1)]
        new += [new_field(MODAL_FIELD, "int"), new_field(STABILITY_FIELD, "double")]
        fields, kept, replaced = output_fields(source.fields(), new)
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the newly computed values.",
                     field=name)
        sink_, dest_id = run.sink("OUTPUT", fields, source.wkbType(), source.sourceCrs())
        columns = [result.base_mdi, _integers(result.base_class)]
        columns += [result.probabilities[:, k] for k in range(result.class_count)]
        columns += [_integers(result.modal_class), result.stability]
        write_with_columns(source, sink_, fields, kept, columns, rows_by_id(ids), run.step(3))
        valid = ~np.isnan(result.stability)
        unstable = int(np.count_nonzero(result.stability[valid] < unstable_below))
        run.info("{valid} of {total} feature(s) have an MDI; {unstable} of them have a "
                 "stability below {threshold:g} (runs per normalisation: {runs}).",
                 valid=int(valid.sum()), total=len(ids), unstable=unstable,
                 threshold=unstable_below, runs=", ".join(
                     "{} {}".format(k, v) for k, v in result.runs_per_normalisation.items()))
        return {"OUTPUT": dest_id, "FEATURE_COUNT": len(ids), "N_UNSTABLE": unstable}


def _integers(values):
    """Float array with NaN -> list of int or None."""
    return [None if v != v else int(v) for v in np.asarray(values).tolist()]
