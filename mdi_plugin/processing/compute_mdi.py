"""Processing algorithm mdi:computemdi: read indicators, call the core, write scores."""

import numpy as np
from qgis.core import (QgsProcessingException,
                       QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFile, QgsProcessingParameterMatrix,
                       QgsProcessingParameterNumber)

from ..compat import (FIELD_TYPE_ANY, is_null, NUMBER_DOUBLE, SOURCE_TYPE_ANY_GEOMETRY,
                      SOURCE_TYPE_VECTOR)
from ..core.compute import (FROM_DOMAINS, FROM_INDICATORS, ComputeOptions,
                            compute_from_domains, compute_from_indicators, domain_field,
                            output_fields, resolve_fields)
from ..core.errors import MdiError
from ..core.normalise import FIXED, PER_YEAR, POOLED, RANK
from ..core.spec import load_spec
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .feature_io import output_fields as sink_fields
from .feature_io import columnar_layer, read_columns, write_with_columns
from .safe_output import safe_outputs

MODES = (FROM_INDICATORS, FROM_DOMAINS)
NORMALISATIONS = (POOLED, PER_YEAR, FIXED, RANK)

HELP = """
<p><b>Nederlands.</b> Berekent de Meervoudige Achterstandsindex (MDI) van Het PON &amp; Telos
(2024) voor gemeenten, wijken of buurten. Elke indicator wordt geschaald naar 0&ndash;100,
zó dat een hogere score altijd méér achterstand betekent (indicatoren waar hoger beter is
worden omgekeerd). Een domeinscore is het gemiddelde van de beschikbare indicatoren van dat
domein. De MDI is de gewogen som van de zeven domeinen met de gewichten van de English
Indices of Deprivation 2019, zoals gepubliceerd: inkomen 22,5; werk 22,5; gezondheid 13,5;
opleiding 13,5; huisvesting 9,3; veiligheid 9,3; woonomgeving 9,3 (som 99,9, niet
herschaald).</p>
<ul>
<li><b>Invoer</b>: laag of tabel (ook CSV) met indicatorvelden. Getallen mogen tekst zijn
met decimale komma ("72,2"); CBS-codes -99999999, -99997, "." en leeg tellen als
ontbrekend.</li>
<li><b>Modus</b>: uit indicatoren, of uit bestaande domeinscores (0&ndash;100; alleen het
gewogen totaal wordt berekend).</li>
<li><b>Specificatie</b>: JSON-bestand met domeinen, gewichten en indicatoren; standaard de
meegeleverde specificatie van het rapport.</li>
<li><b>Veldkoppeling</b>: paren (id, veld) die de veldnamen uit de specificatie vervangen.</li>
<li><b>Normalisatie</b>: min&ndash;max over alle rijen en jaren samen (standaard, zodat jaren
vergelijkbaar zijn); min&ndash;max per jaar; vaste grenzen uit de specificatie (waarden
daarbuiten worden afgekapt); of percentielrang. <b>Afkappen (%)</b> winsoriseert op p en
100&minus;p vóór min&ndash;max.</li>
<li><b>Jaarveld</b>: nodig voor normalisatie per jaar.</li>
<li><b>Minimale dekking</b>: aandeel indicatoren van een domein dat aanwezig moet zijn
(standaard 0,5); anders blijven domein en MDI leeg (NULL, nooit 0).</li>
<li><b>Gewichten herschalen</b>: deelt door de som van de gewichten (standaard uit, zoals
het rapport).</li>
</ul>
<p>Uitvoer: alle invoervelden en geometrie, plus mdi_inkomen &hellip; mdi_woonomgeving en
mdi (0&ndash;100, hoger is meer achterstand). Let op: de MDI is een relatieve index en een
signaal, geen oordeel over een plaats.</p>
<p><b>English.</b> Computes the Multiple Deprivation Index (MDI) of Het PON &amp; Telos
(2024) for municipalities, districts or neighbourhoods. Each indicator is scaled to 0&ndash;100
so that a higher score always means more deprivation (higher-is-better indicators are
reversed). A domain score is the mean of the domain's available indicators. The MDI is the
weighted sum of the seven domains with the weights of the English Indices of Deprivation
2019, as published: income 22.5, employment 22.5, health 13.5, education 13.5, housing 9.3,
safety 9.3, living environment 9.3 (sum 99.9, not rescaled).</p>
<ul>
<li><b>Input</b>: layer or table (CSV too) with indicator fields. Numbers may be text with a
decimal comma; CBS codes -99999999, -99997, "." and empty are missing.</li>
<li><b>Mode</b>: from indicators, or from existing 0&ndash;100 domain scores (only the
weighted total is computed).</li>
<li><b>Spec</b>: JSON file with domains, weights and indicators; default: the bundled spec
of the report.</li>
<li><b>Field map</b>: (id, field) pairs overriding the spec's field names.</li>
<li><b>Normalisation</b>: min&ndash;max over all rows and years pooled (default, keeps years
comparable); min&ndash;max per year; fixed bounds from the spec (values outside are clipped);
or percentile rank. <b>Clip (%)</b> winsorises at p and 100&minus;p before min&ndash;max.</li>
<li><b>Year field</b>: needed for normalisation per year.</li>
<li><b>Minimum coverage</b>: share of a domain's indicators that must be present (default
0.5); otherwise the domain and the MDI are NULL, never 0.</li>
<li><b>Rescale weights</b>: divide by the weight sum (default off, as in the report).</li>
</ul>
<p>Output: all input fields and geometry, plus mdi_inkomen &hellip; mdi_woonomgeving and mdi
(0&ndash;100, higher is worse). The MDI is a relative index: a signal, not a verdict.</p>
"""


class ComputeMdiAlgorithm(MdiAlgorithm):
    """Compute domain scores and the MDI total for every feature of the input."""

    NAME = "computemdi"
    GROUP_ID = "compute"
    OUTPUT_STYLE = "mdi_classes"

    INPUT = "INPUT"
    MODE = "MODE"
    SPEC = "SPEC"
    FIELD_MAP = "FIELD_MAP"
    NORMALISATION = "NORMALISATION"
    CLIP_PERCENT = "CLIP_PERCENT"
    YEAR_FIELD = "YEAR_FIELD"
    MIN_COVERAGE = "MIN_COVERAGE"
    RESCALE_WEIGHTS = "RESCALE_WEIGHTS"
    OUTPUT = "OUTPUT"
    FEATURE_COUNT = "FEATURE_COUNT"
    MDI_NULL_COUNT = "MDI_NULL_COUNT"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Compute MDI")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,achterstand,deprivation,index,meervoudige achterstandsindex,"
                       "pon,telos,buurt,gemeente").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Input layer or table"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Compute from"),
            [self.tr("Indicators"), self.tr("Domain scores (0-100)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.SPEC, self.tr("Spec file (JSON); empty = bundled report spec"),
            extension="json", optional=True))
        self.addParameter(QgsProcessingParameterMatrix(
            self.FIELD_MAP, self.tr("Field map (id, field)"), numberRows=0,
            hasFixedNumberRows=False, headers=[self.tr("id"), self.tr("field")],
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.NORMALISATION, self.tr("Normalisation"),
            [self.tr("Min-max over all rows, years pooled"), self.tr("Min-max per year"),
             self.tr("Fixed bounds from the spec"), self.tr("Percentile rank")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.CLIP_PERCENT, self.tr("Clip (winsorise) at percent"), NUMBER_DOUBLE,
            defaultValue=0.0, minValue=0.0, maxValue=49.9))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field"), parentLayerParameterName=self.INPUT,
            type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_COVERAGE, self.tr("Minimum share of a domain's indicators present"),
            NUMBER_DOUBLE, defaultValue=0.5, minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.RESCALE_WEIGHTS, self.tr("Rescale weights to sum to 100"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("MDI"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of features")))
        self.addOutput(QgsProcessingOutputNumber(
            self.MDI_NULL_COUNT, self.tr("Number of features without an MDI")))

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        mode = MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        options = ComputeOptions(
            normalisation=NORMALISATIONS[
                self.parameterAsEnum(parameters, self.NORMALISATION, context)],
            clip_percent=self.parameterAsDouble(parameters, self.CLIP_PERCENT, context),
            min_coverage=self.parameterAsDouble(parameters, self.MIN_COVERAGE, context),
            rescale_weights=self.parameterAsBoolean(parameters, self.RESCALE_WEIGHTS,
                                                    context))
        field_map = self._field_map(parameters, context)
        spec_path = self.parameterAsFile(parameters, self.SPEC, context) or None
        try:
            spec = load_spec(spec_path)
            if spec_path:
                feedback.pushInfo(self.tr("Spec: {path}").format(path=spec_path))
            result, ids = self._compute(source, spec, mode, field_map, year_field, options,
                                        feedback, columnar_layer(self, parameters, self.INPUT,
                                                                 context))
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))
        self._report_nulls(result, feedback)

        new_names = output_fields(spec)
        fields, kept, replaced = sink_fields(source.fields(), new_names)
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the newly "
                                         "computed values.").format(field=name))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        columns = [result.domain_scores[d] for d in spec.domain_ids] + [result.mdi]
        row_of_id = {fid: row for row, fid in enumerate(ids)}
        try:
            write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback,
                               progress=(50.0, 100.0))
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        self._summarise(result, feedback)
        return {self.OUTPUT: dest_id, self.FEATURE_COUNT: len(ids),
                self.MDI_NULL_COUNT: result.mdi_null_count}

    def _field_map(self, parameters, context):
        flat = self.parameterAsMatrix(parameters, self.FIELD_MAP, context) or []
        flat = ["" if is_null(v) else str(v).strip() for v in flat]
        if not any(flat):
            return {}
        if len(flat) % 2:
            raise QgsProcessingException(self.tr(
                "FIELD_MAP needs pairs of (id, field); got an odd number of values: "
                "{values}.").format(values=", ".join(flat)))
        pairs = [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2) if flat[i]]
        ids = [p[0] for p in pairs]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise QgsProcessingException(self.tr(
                "FIELD_MAP maps id(s) {ids} more than once.").format(ids=", ".join(duplicates)))
        return dict(pairs)

    def _compute(self, source, spec, mode, field_map, year_field, options, feedback,
                 layer=None):
        """Resolve fields, read and parse the columns, compute. Returns (result, ids).
        ``layer``: the input's vector layer, if any (fast columnar read of GeoPackages)."""
        available = source.fields().names()
        resolved, warnings = resolve_fields(spec, mode, available, field_map)
        for warning in warnings:
            feedback.pushWarning(self.message(warning))
        read = sorted(set(resolved.values()) | ({year_field} if year_field else set()))
        feedback.pushInfo(self.tr("Reading {count} field(s) of {features} feature(s)...")
                          .format(count=len(read), features=source.featureCount()))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 40.0), numeric=True,
                                layer=layer)
        if not ids:
            raise QgsProcessingException(self.tr("The input has no features: nothing to "
                                                 "compute."))
        years = parse_year_column(raw[year_field], year_field, ids) if year_field else None
        if years is not None and options.normalisation == PER_YEAR and np.isnan(years).any():
            row = int(np.flatnonzero(np.isnan(years))[0])
            raise QgsProcessingException(self.tr(
                "Year field '{field}': feature {feature} has no year; normalisation per year "
                "needs a year on every row.").format(field=year_field, feature=ids[row]))
        columns = {target: parse_numeric_column(raw[name], name, ids)
                   for target, name in resolved.items()}
        del raw  # parsed copies from here on: free the raw columns (large layers)
        feedback.setProgress(45)
        if mode == FROM_DOMAINS:
            return compute_from_domains(spec, columns, options), ids
        if years is not None and options.normalisation == POOLED:
            distinct = np.unique(years[~np.isnan(years)])
            feedback.pushInfo(self.tr("Years {years} are normalised together (pooled), so "
                                      "scores are comparable between years.")
                              .format(years=", ".join("{:g}".format(y) for y in distinct)))
        return compute_from_indicators(spec, columns, options, years), ids

    def _report_nulls(self, result, feedback):
        for domain, count in result.domain_null_counts.items():
            if count:
                feedback.pushWarning(self.tr(
                    "{count} feature(s) have no score for domain '{domain}' (too few "
                    "indicators present); field {field} is NULL there.").format(
                        count=count, domain=domain, field=domain_field(domain)))
        if result.mdi_null_count:
            feedback.pushWarning(self.tr("{count} feature(s) have no MDI (NULL).").format(
                count=result.mdi_null_count))

    def _summarise(self, result, feedback):
        valid = result.mdi[~np.isnan(result.mdi)]
        if valid.size:
            feedback.pushInfo(self.tr("MDI computed for {count} feature(s): min {low:.1f}, "
                                      "mean {mean:.1f}, max {high:.1f}.").format(
                count=int(valid.size), low=float(valid.min()), mean=float(valid.mean()),
                high=float(valid.max())))
