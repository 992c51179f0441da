"""Processing algorithm mdi:classstability: Monte Carlo sensitivity of the MDI classes to the
weights, the normalisation and the class breaks."""

import numpy as np
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFile, QgsProcessingParameterMatrix,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..compat import (FIELD_TYPE_ANY, NUMBER_DOUBLE, SOURCE_TYPE_ANY_GEOMETRY,
                      SOURCE_TYPE_VECTOR, new_field)
from ..core.classify import format_breaks, parse_breaks
from ..core.compute import FROM_DOMAINS, FROM_INDICATORS, domain_field, resolve_fields
from ..core.errors import MdiError
from ..core.normalise import PER_YEAR, POOLED, RANK
from ..core.spec import load_spec
from ..core.stability import (BASE_CLASS_FIELD, BASE_MDI_FIELD, MAX_SPREAD, MODAL_FIELD,
                              STABILITY_FIELD, UNSTABLE_BELOW, StabilityOptions,
                              class_stability, probability_field)
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .compute_mdi import ComputeMdiAlgorithm
from .correlate import require_field
from .feature_io import output_fields as sink_fields
from .feature_io import read_columns, write_with_columns
from .safe_output import safe_outputs

MODES = (FROM_INDICATORS, FROM_DOMAINS)
#: Order of the NORMALISATIONS enum.
VARIANTS = (POOLED, RANK, PER_YEAR)

HELP = """
<p><b>Nederlands.</b> Monte-Carlo-gevoeligheidsanalyse: hoe zeker is de MDI-klasse van een
gebied als je andere redelijke keuzes maakt? In elk van N runs worden de
<b>domeingewichten</b> getrokken uit een Dirichletverdeling rond de gepubliceerde
gewichten, wordt een <b>normalisatie</b> gekozen uit de aangevinkte mogelijkheden en worden
de <b>klassegrenzen</b> verschoven met een willekeurige afwijking tussen &minus;J en +J.
Dezelfde <b>seed</b> geeft dezelfde uitkomst.</p>
<ul>
<li><b>Gewichtsspreiding</b> s (0&ndash;0,5): de standaardafwijking van elk gewicht is
s&middot;&radic;(p(1&minus;p)) als aandeel van het totaal (p = gepubliceerd aandeel;
Dirichlet-concentratie 1/s&sup2;&minus;1). 0 = steeds de gepubliceerde gewichten. De
getrokken gewichten tellen op tot het gepubliceerde totaal (99,9).</li>
<li><b>Normalisaties</b>: min&ndash;max over alle rijen (gepubliceerde methode),
percentielrang, min&ndash;max per jaar (vraagt een jaarveld). Alleen bij berekenen uit
indicatoren; uit domeinscores variëren alleen gewichten en grenzen.</li>
<li><b>Klassegrenzen</b> (standaard 40, 50, 60) en <b>verschuiving</b> J (standaard 2
punten): elke grens krijgt per run een eigen uniforme afwijking.</li>
</ul>
<p>Uitvoer: de invoer plus <b>mdi_basis</b> en <b>klasse_basis</b> (gepubliceerde
methode: gepubliceerde gewichten, min&ndash;max over alle rijen, de opgegeven grenzen),
<b>p_klasse_1</b> &hellip; <b>p_klasse_4</b> (aandeel runs per klasse),
<b>modale_klasse</b> (meest voorkomende klasse; bij gelijkspel de basisklasse, anders de
laagste) en <b>stabiliteit</b> (aandeel runs in de modale klasse; 1 = altijd dezelfde
klasse). Gebieden met stabiliteit onder de <b>drempel</b> (standaard 0,8) worden geteld
als instabiel; arceer ze op de kaart.</p>
<p><b>English.</b> Monte Carlo sensitivity analysis: how certain is an area's MDI class
under other reasonable choices? Each of N runs draws the <b>domain weights</b> from a
Dirichlet distribution around the published weights, picks a <b>normalisation</b> from the
ticked alternatives and shifts the <b>class breaks</b> by a random offset between &minus;J
and +J. The same <b>seed</b> gives the same result.</p>
<ul>
<li><b>Weight spread</b> s (0&ndash;0.5): each weight's standard deviation is
s&middot;&radic;(p(1&minus;p)) as a share of the total (p = published share; Dirichlet
concentration 1/s&sup2;&minus;1). 0 = the published weights in every run. The drawn weights
add up to the published total (99.9).</li>
<li><b>Normalisations</b>: min&ndash;max over all rows (the published method), percentile
rank, min&ndash;max per year (needs a year field). From indicators only; from domain scores
only weights and breaks vary.</li>
<li><b>Class breaks</b> (default 40, 50, 60) and <b>jitter</b> J (default 2 points): every
break gets its own uniform offset in each run.</li>
</ul>
<p>Output: the input plus <b>mdi_basis</b> and <b>klasse_basis</b> (the published method:
published weights, min&ndash;max over all rows, the given breaks), <b>p_klasse_1</b> &hellip;
<b>p_klasse_4</b> (share of runs per class), <b>modale_klasse</b> (most frequent class; ties:
the base class, else the lowest) and <b>stabiliteit</b> (share of runs in the modal class;
1 = always the same class). Areas with a stability below the <b>threshold</b> (default 0.8)
are counted as unstable; hatch them on the map.</p>
"""


class ClassStabilityAlgorithm(MdiAlgorithm):
    """Probability of each MDI class under perturbed weights, normalisation and breaks."""

    NAME = "classstability"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    MODE = "MODE"
    SPEC = "SPEC"
    FIELD_MAP = "FIELD_MAP"
    YEAR_FIELD = "YEAR_FIELD"
    MIN_COVERAGE = "MIN_COVERAGE"
    N_RUNS = "N_RUNS"
    SEED = "SEED"
    WEIGHT_SPREAD = "WEIGHT_SPREAD"
    NORMALISATIONS = "NORMALISATIONS"
    BREAKS = "BREAKS"
    BREAK_JITTER = "BREAK_JITTER"
    UNSTABLE_BELOW = "UNSTABLE_BELOW"
    OUTPUT = "OUTPUT"
    FEATURE_COUNT = "FEATURE_COUNT"
    N_UNSTABLE = "N_UNSTABLE"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Class stability (Monte Carlo)")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,stabiliteit,stability,gevoeligheid,sensitivity,monte carlo,"
                       "onzekerheid,uncertainty,dirichlet,klasse").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Input layer or table"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Compute from"),
            [self.tr("Indicators"), self.tr("Domain scores (0-100, mdi_<domain>)")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.SPEC, self.tr("Spec file (JSON); empty = bundled report spec"),
            extension="json", optional=True))
        self.addParameter(QgsProcessingParameterMatrix(
            self.FIELD_MAP, self.tr("Field map (id, field)"), numberRows=0,
            hasFixedNumberRows=False, headers=[self.tr("id"), self.tr("field")],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field (needed for min-max per year)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_COVERAGE, self.tr("Minimum share of a domain's indicators present"),
            NUMBER_DOUBLE, defaultValue=0.5, minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.N_RUNS, self.tr("Number of runs"), defaultValue=200, minValue=1,
            maxValue=100000))
        self.addParameter(QgsProcessingParameterNumber(
            self.SEED, self.tr("Seed (same seed = same result)"), defaultValue=1,
            minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.WEIGHT_SPREAD, self.tr("Weight spread (0 = published weights)"),
            NUMBER_DOUBLE, defaultValue=0.1, minValue=0.0, maxValue=MAX_SPREAD))
        self.addParameter(QgsProcessingParameterEnum(
            self.NORMALISATIONS, self.tr("Normalisations drawn in the runs"),
            [self.tr("Min-max over all rows, years pooled"), self.tr("Percentile rank"),
             self.tr("Min-max per year")], allowMultiple=True, defaultValue=[0, 1]))
        self.addParameter(QgsProcessingParameterString(
            self.BREAKS, self.tr("Class breaks"), defaultValue="40,50,60"))
        self.addParameter(QgsProcessingParameterNumber(
            self.BREAK_JITTER, self.tr("Break jitter (+/- points)"), NUMBER_DOUBLE,
            defaultValue=2.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.UNSTABLE_BELOW, self.tr("Count areas as unstable below this stability"),
            NUMBER_DOUBLE, defaultValue=UNSTABLE_BELOW, minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Class stability"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of features")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_UNSTABLE, self.tr("Number of unstable features")))

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        try:
            return self._run(parameters, context, feedback, source)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no complete output was written."))
            return {}

    def _options(self, parameters, context):
        chosen = self.parameterAsEnums(parameters, self.NORMALISATIONS, context)
        return StabilityOptions(
            runs=self.parameterAsInt(parameters, self.N_RUNS, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            weight_spread=self.parameterAsDouble(parameters, self.WEIGHT_SPREAD, context),
            normalisations=tuple(VARIANTS[i] for i in chosen),
            breaks=parse_breaks(self.parameterAsString(parameters, self.BREAKS, context)),
            break_jitter=self.parameterAsDouble(parameters, self.BREAK_JITTER, context),
            min_coverage=self.parameterAsDouble(parameters, self.MIN_COVERAGE, context))

    def _run(self, parameters, context, feedback, source):
        mode = MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        spec_path = self.parameterAsFile(parameters, self.SPEC, context) or None
        spec = load_spec(spec_path)
        options = self._options(parameters, context)
        options.validate()
        field_map = ComputeMdiAlgorithm._field_map(self, parameters, context)
        available = source.fields().names()
        if mode == FROM_DOMAINS:
            lowered = {n.lower(): n for n in available}
            for domain in spec.domain_ids:
                name = lowered.get(domain_field(domain).lower())
                if domain not in field_map and name:
                    field_map[domain] = name            # mdi_<domain> from Compute MDI
                elif domain not in field_map and domain.lower() not in lowered:
                    raise self._fail("Domain score field '{field}' (or '{domain}') is not in "
                                     "the input: run Compute MDI first, or map the domain "
                                     "with FIELD_MAP.", field=domain_field(domain),
                                     domain=domain)
        resolved, warnings = resolve_fields(spec, mode, available, field_map)
        for warning in warnings:
            feedback.pushWarning(self.message(warning))
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        if year_field:
            year_field = require_field(self, source, year_field, self.YEAR_FIELD)
        unstable_below = self.parameterAsDouble(parameters, self.UNSTABLE_BELOW, context)

        read = sorted(set(resolved.values()) | ({year_field} if year_field else set()))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 20.0))
        if not ids:
            raise self._fail("The input has no features: nothing to analyse.")
        years = parse_year_column(raw[year_field], year_field, ids) if year_field else None
        if years is not None and PER_YEAR in options.normalisations and \
                np.isnan(years).any():
            row = int(np.flatnonzero(np.isnan(years))[0])
            raise self._fail("Year field '{field}': feature {feature} has no year; "
                             "normalisation per year needs a year on every row.",
                             field=year_field, feature=ids[row])
        columns = {target: parse_numeric_column(raw[name], name, ids)
                   for target, name in resolved.items()}
        feedback.pushInfo(self.tr(
            "{runs} runs, seed {seed}: weight spread {spread:g}, normalisations {norms}, "
            "breaks {breaks} +/- {jitter:g}.").format(
                runs=options.runs, seed=options.seed, spread=options.weight_spread,
                norms=", ".join(options.normalisations) if mode == FROM_INDICATORS
                else self.tr("(given domain scores)"),
                breaks=format_breaks(options.breaks), jitter=options.break_jitter))

        def progress(fraction):
            self.check_cancel(feedback)
            feedback.setProgress(20.0 + 60.0 * fraction)

        result = class_stability(spec, mode, columns, years, options, progress)
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))

        new = [new_field(BASE_MDI_FIELD, "double"), new_field(BASE_CLASS_FIELD, "int")]
        new += [new_field(probability_field(k), "double")
                for k in range(1, result.class_count + 1)]
        new += [new_field(MODAL_FIELD, "int"), new_field(STABILITY_FIELD, "double")]
        fields, kept, replaced = sink_fields(source.fields(), new)
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the newly "
                                         "computed values.").format(field=name))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        columns = [result.base_mdi, _integers(result.base_class)]
        columns += [result.probabilities[:, k] for k in range(result.class_count)]
        columns += [_integers(result.modal_class), result.stability]
        row_of_id = {fid: row for row, fid in enumerate(ids)}
        write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback,
                           progress=(80.0, 100.0))
        valid = ~np.isnan(result.stability)
        unstable = int(np.count_nonzero(result.stability[valid] < unstable_below))
        feedback.pushInfo(self.tr(
            "{valid} of {total} feature(s) have an MDI; {unstable} of them have a stability "
            "below {threshold:g} (runs per normalisation: {runs}).").format(
                valid=int(valid.sum()), total=len(ids), unstable=unstable,
                threshold=unstable_below,
                runs=", ".join("{} {}".format(k, v)
                               for k, v in result.runs_per_normalisation.items())))
        return {self.OUTPUT: dest_id, self.FEATURE_COUNT: len(ids),
                self.N_UNSTABLE: unstable}


def _integers(values):
    """Float array with NaN -> list of int or None."""
    return [None if v != v else int(v) for v in np.asarray(values).tolist()]
