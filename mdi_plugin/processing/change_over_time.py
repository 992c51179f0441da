"""Processing algorithm mdi:changeovertime: differences between two years per area, class
transitions and the report's "different speeds" reading."""

from qgis.core import (QgsFeature, QgsFeatureRequest, QgsFeatureSink, QgsFields,
                       QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)

from ..compat import FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR, is_null
from ..compat import new_field, parameter_as_strings
from ..core.aggregate import check_weights, default_fields, describe_units
from ..core.change import (BOTH_YEARS_FIELD, CLASS_PREFIX, RELATIVE_FIELD, TEMPO_FIELD,
                           TRANSITION_FIELD, change_over_time, derived_class_labels,
                           difference_field_name, year_field_name)
from ..core.classify import CLASS_SUFFIX, LABEL_SUFFIX
from ..core.errors import InputError, MdiError
from ..core.spec import load_spec
from ..core.values import parse_numeric_column, parse_year_column
from ..i18n import tr_noop
from .base import Cancelled, MdiAlgorithm
from .classify_quartiles import existing_field
from .safe_output import safe_outputs
from .feature_io import iterate_features, read_columns
from .top_n import UNIT_LABEL_FIELDS, unit_labeller

#: Id fields tried, in this order, when ID_FIELD is empty.
ID_FIELDS = ("buurtcode", "wijkcode", "gemeentecode", "statcode", "code")
DEFAULT_CLASS_FIELD = "mdi" + LABEL_SUFFIX
_CHECK_EVERY = 1000

HELP = """
<p><b>Nederlands.</b> Vergelijkt twee jaren per gebied, zoals de kaarten "verschillende
snelheden" van het MDI-rapport: het verschil in procentpunten van de MDI en elk domein, de
klasse-overgang en of een gebied sneller of langzamer verbeterde dan het land.</p>
<ul>
<li><b>Invoer</b>: een lange tabel of laag, één rij per gebied per jaar (zoals de uitvoer
van "MDI berekenen" met een jaarveld). <b>Id-veld</b>: standaard het eerste van buurtcode,
wijkcode, gemeentecode, statcode, code. <b>Jaarveld</b>: standaard jaar. Twee rijen van
hetzelfde gebied in één jaar geven een foutmelding.</li>
<li><b>Van jaar</b> en <b>tot jaar</b>: standaard het vroegste en het laatste jaar.</li>
<li><b>Velden</b>: standaard mdi en de aanwezige mdi_&lt;domein&gt;-velden.</li>
<li><b>Klasseveld</b>: standaard mdi_klasse_label (uit "Indelen in kwartielen"); zonder dat
veld worden de klassen afgeleid uit mdi met de vaste grenzen 40, 50 en 60.</li>
<li><b>Gewichtsveld</b> (optioneel, bijv. inwoners): weegt de landelijke verandering met
het gewicht in het tot-jaar.</li>
</ul>
<p>Uitvoer: één object per gebied dat in het tot-jaar voorkomt, met de geometrie en de
overige velden van die rij, plus per veld &lt;veld&gt;_&lt;van&gt;, &lt;veld&gt;_&lt;tot&gt;
en <b>verschil_&lt;veld&gt;</b> = tot &minus; van (procentpunten; een hogere MDI is slechter,
dus negatief = verbeterd), <b>klasse_&lt;van&gt;</b>, <b>klasse_&lt;tot&gt;</b>,
<b>klasse_overgang</b> ("Hoog &rarr; Gematigd", of "gelijk"), <b>tempo</b>,
<b>verschil_tov_landelijk</b> en <b>in_beide_jaren</b> (1/0).</p>
<p><b>Landelijke verandering</b> L = het gemiddelde verschil van mdi (of het eerste veld)
over alle gebieden met een waarde in beide jaren, ongewogen (elk gebied telt één keer) of
gewogen: L = &Sigma; w&middot;d / &Sigma; w. <b>tempo</b>: "sneller verbeterd" als d &lt; 0
en d &lt; L; "langzamer verbeterd" als d &lt; 0 en d &ge; L; "gelijk gebleven" als d = 0;
"verslechterd" als d &gt; 0. verschil_tov_landelijk = d &minus; L. Gebieden die alleen in
het tot-jaar voorkomen krijgen lege verschillen; gebieden die alleen in het van-jaar
voorkomen staan in het logboek. Beide worden geteld (N_ONLY_TO, N_ONLY_FROM).</p>
<p><b>English.</b> Compares two years per area, as the report's "different speeds" maps:
the difference in percentage points of the MDI and each domain, the class transition, and
whether an area improved faster or slower than the country.</p>
<ul>
<li><b>Input</b>: a long table or layer, one row per area per year (as the output of
"Compute MDI" with a year field). <b>Id field</b>: default the first of buurtcode, wijkcode,
gemeentecode, statcode, code. <b>Year field</b>: default jaar. Two rows of one area in one
year are an error.</li>
<li><b>From year</b> and <b>to year</b>: default the earliest and the latest year.</li>
<li><b>Fields</b>: default mdi and whichever mdi_&lt;domain&gt; fields exist.</li>
<li><b>Class field</b>: default mdi_klasse_label (from "Classify quartiles"); without it
the classes are derived from mdi with the fixed breaks 40, 50 and 60.</li>
<li><b>Weight field</b> (optional, e.g. inwoners): weights the national change by the
weight in the to-year.</li>
</ul>
<p>Output: one feature per area present in the to-year, with the geometry and the other
fields of that row, plus per field &lt;field&gt;_&lt;from&gt;, &lt;field&gt;_&lt;to&gt; and
<b>verschil_&lt;field&gt;</b> = to &minus; from (percentage points; a higher MDI is worse,
so negative = improved), <b>klasse_&lt;from&gt;</b>, <b>klasse_&lt;to&gt;</b>,
<b>klasse_overgang</b>, <b>tempo</b>, <b>verschil_tov_landelijk</b> and
<b>in_beide_jaren</b> (1/0).</p>
<p><b>National change</b> L = the mean difference d of mdi (or the first field) over all
areas with a value in both years, unweighted (each area counts once) or weighted:
L = &Sigma; w&middot;d / &Sigma; w. <b>tempo</b>: "sneller verbeterd" (improved faster) if
d &lt; 0 and d &lt; L; "langzamer verbeterd" (improved slower) if d &lt; 0 and d &ge; L;
"gelijk gebleven" if d = 0; "verslechterd" (worsened) if d &gt; 0. verschil_tov_landelijk
= d &minus; L. Areas present only in the to-year get NULL differences; areas present only
in the from-year are listed in the log. Both are counted (N_ONLY_TO, N_ONLY_FROM).</p>
"""


def _nullable(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value


class ChangeOverTimeAlgorithm(MdiAlgorithm):
    """Differences between two years per area, class transitions and tempo."""

    NAME = "changeovertime"
    GROUP_ID = "analysis"
    OUTPUT_STYLE = "mdi_change"

    INPUT = "INPUT"
    ID_FIELD = "ID_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    FROM_YEAR = "FROM_YEAR"
    TO_YEAR = "TO_YEAR"
    FIELDS = "FIELDS"
    CLASS_FIELD = "CLASS_FIELD"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    OUTPUT = "OUTPUT"
    FROM_YEAR_USED = "FROM_YEAR_USED"
    TO_YEAR_USED = "TO_YEAR_USED"
    NATIONAL_CHANGE = "NATIONAL_CHANGE"
    N_BOTH = "N_BOTH"
    N_ONLY_FROM = "N_ONLY_FROM"
    N_ONLY_TO = "N_ONLY_TO"
    FEATURE_COUNT = "FEATURE_COUNT"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Change over time")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,verandering,change,verschil,difference,trend,snelheden,speeds,"
                       "jaren,years,klasse,transition").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Long table or layer (one row per area per year)"),
            [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.ID_FIELD, self.tr("Area id field (empty = buurtcode, wijkcode, "
                                   "gemeentecode, ...)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field"), defaultValue="jaar",
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.FROM_YEAR, self.tr("From year (empty = earliest)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TO_YEAR, self.tr("To year (empty = latest)"), optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.FIELDS, self.tr("Fields to compare (empty = mdi and mdi_<domain>)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, allowMultiple=True,
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.CLASS_FIELD, self.tr("Class field (empty = mdi_klasse_label, or classes "
                                      "from mdi with breaks 40, 50, 60)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.WEIGHT_FIELD, self.tr("Weight field for the national change (optional, "
                                       "e.g. inwoners)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Change"), SOURCE_TYPE_ANY_GEOMETRY))
        for name, text in ((self.FROM_YEAR_USED, tr_noop("From year used")),
                           (self.TO_YEAR_USED, tr_noop("To year used")),
                           (self.NATIONAL_CHANGE, tr_noop("National change of the primary field")),
                           (self.N_BOTH, tr_noop("Number of areas in both years")),
                           (self.N_ONLY_FROM, tr_noop("Number of areas only in the from year")),
                           (self.N_ONLY_TO, tr_noop("Number of areas only in the to year")),
                           (self.FEATURE_COUNT, tr_noop("Number of output features"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    # -- parameters -------------------------------------------------------------------

    def _year(self, parameters, name, context):
        value = parameters.get(name)
        if value is None or is_null(value) or (isinstance(value, str) and not value.strip()):
            return None
        return self.parameterAsInt(parameters, name, context)

    def _settings(self, parameters, context, source):
        names = source.fields().names()
        lowered = {n.lower(): n for n in names}
        id_field = self.parameterAsString(parameters, self.ID_FIELD, context) or None
        if id_field:
            id_field = existing_field(names, id_field, self.ID_FIELD)
        else:
            id_field = next((lowered[c] for c in ID_FIELDS if c in lowered), None)
            if id_field is None:
                raise InputError("Choose ID_FIELD, the field that identifies each area (none "
                                 "of {names} was found).", names=", ".join(ID_FIELDS))
        year_field = existing_field(names, self.parameterAsString(
            parameters, self.YEAR_FIELD, context) or "jaar", self.YEAR_FIELD)
        if year_field == id_field:
            raise InputError("ID_FIELD and YEAR_FIELD are the same field '{field}'.",
                             field=id_field)
        fields = parameter_as_strings(self, parameters, self.FIELDS, context)
        if fields:
            fields = [existing_field(names, f, self.FIELDS) for f in fields]
        else:
            fields = default_fields(load_spec(), names)
            if not fields:
                raise InputError("FIELDS is empty and the input has no field 'mdi' or "
                                 "'mdi_<domain>': choose the numeric fields to compare, or "
                                 "run Compute MDI first.")
        fields = list(dict.fromkeys(fields))
        for name in fields:
            if name in (id_field, year_field):
                raise InputError("FIELDS contains '{field}', which is the id or year field.",
                                 field=name)
        class_field = self.parameterAsString(parameters, self.CLASS_FIELD, context) or None
        if class_field:
            class_field = existing_field(names, class_field, self.CLASS_FIELD)
        else:
            class_field = lowered.get(DEFAULT_CLASS_FIELD)
        weight_field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context) or None
        if weight_field:
            weight_field = existing_field(names, weight_field, self.WEIGHT_FIELD)
        return id_field, year_field, fields, class_field, lowered.get("mdi"), weight_field

    # -- run ----------------------------------------------------------------------------

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        try:
            id_field, year_field, fields, class_field, mdi_field, weight_field = \
                self._settings(parameters, context, source)
            ids, raw, result = self._compare(
                source, id_field, year_field, fields, class_field, mdi_field, weight_field,
                self._year(parameters, self.FROM_YEAR, context),
                self._year(parameters, self.TO_YEAR, context), feedback)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))
        label_field = next((n for c in UNIT_LABEL_FIELDS for n in source.fields().names()
                            if n.lower() == c), id_field)
        self._report(result, ids, raw.get(label_field), year_field, feedback)

        dropped = {year_field.lower()} | {f.lower() for f in fields}
        dropped |= {(f + suffix).lower() for f in fields
                    for suffix in (CLASS_SUFFIX, LABEL_SUFFIX)}
        if class_field:
            dropped.add(class_field.lower())
        out_fields, kept = self._output_fields(source.fields(), dropped, fields, result,
                                               feedback)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        try:
            self._write(source, sink, out_fields, kept, ids, fields, result, feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        feedback.pushInfo(self.tr(
            "{first} \u2192 {last}: {count} area(s) compared; national change of '{field}': "
            "{change:+.2f} percentage points ({weighting}).").format(
                first=result.from_year, last=result.to_year, count=result.both_count,
                field=result.primary, change=result.national,
                weighting=self.tr("weighted by '{field}'").format(field=weight_field)
                if weight_field else self.tr("unweighted mean of the areas")))
        return {self.OUTPUT: dest_id, self.FROM_YEAR_USED: result.from_year,
                self.TO_YEAR_USED: result.to_year, self.NATIONAL_CHANGE: result.national,
                self.N_BOTH: result.both_count,
                self.N_ONLY_FROM: int(result.only_from_rows.size),
                self.N_ONLY_TO: result.only_to_count, self.FEATURE_COUNT: len(result.keys)}

    def _compare(self, source, id_field, year_field, fields, class_field, mdi_field,
                 weight_field, from_year, to_year, feedback):
        names = source.fields().names()
        label_field = next((n for c in UNIT_LABEL_FIELDS for n in names if n.lower() == c),
                           None)
        derive = class_field is None and mdi_field is not None
        read = list(dict.fromkeys(n for n in [id_field, year_field] + fields +
                                  [class_field, mdi_field if derive else None, weight_field,
                                   label_field] if n))
        feedback.pushInfo(self.tr("Reading {count} field(s) of {features} row(s)...").format(
            count=len(read), features=source.featureCount()))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 40.0))
        if not ids:
            raise InputError("The input has no features: nothing to compare.")
        years = parse_year_column(raw[year_field], year_field, ids)
        columns = {f: parse_numeric_column(raw[f], f, ids) for f in fields}
        weights = None
        if weight_field:
            weights = parse_numeric_column(raw[weight_field], weight_field, ids)
            check_weights(weights, weight_field, ids)
        if class_field:
            classes = raw[class_field]
            feedback.pushInfo(self.tr("Classes from field '{field}'.").format(
                field=class_field))
        elif derive:
            classes = derived_class_labels(parse_numeric_column(raw[mdi_field], mdi_field,
                                                                ids))
            feedback.pushInfo(self.tr("No class field: classes derived from '{field}' with "
                                      "the report's fixed breaks 40, 50, 60.").format(
                                          field=mdi_field))
        else:
            classes = None
            feedback.pushWarning(self.tr("No class field and no field 'mdi': the class "
                                         "fields and klasse_overgang are NULL."))
        feedback.setProgress(45)
        result = change_over_time(raw[id_field], years, columns, from_year, to_year, classes,
                                  weights, feature_ids=ids)
        return ids, raw, result

    def _report(self, result, ids, raw_codes, year_field, feedback):
        label = unit_labeller(raw_codes, ids)
        if result.skipped:
            feedback.pushWarning(self.tr("{count} row(s) have no area id or no year in "
                                         "'{field}' and are left out.").format(
                                             count=result.skipped, field=year_field))
        if result.only_from_rows.size:
            feedback.pushWarning(self.tr(
                "{count} area(s) occur in {first} but not in {last}; they are not in the "
                "output (no {last} row): {units}").format(
                    count=int(result.only_from_rows.size), first=result.from_year,
                    last=result.to_year, units=describe_units(result.only_from_rows, label)))
        only_to = result.to_rows[result.from_rows < 0]
        if only_to.size:
            feedback.pushWarning(self.tr(
                "{count} area(s) occur in {last} but not in {first}; they are in the output "
                "with NULL differences and in_beide_jaren = 0: {units}").format(
                    count=int(only_to.size), first=result.from_year, last=result.to_year,
                    units=describe_units(only_to, label)))

    # -- output -------------------------------------------------------------------------

    def _new_fields(self, fields, result):
        first, last = result.from_year, result.to_year
        new = []
        for name in fields:
            new += [new_field(year_field_name(name, first), "double"),
                    new_field(year_field_name(name, last), "double"),
                    new_field(difference_field_name(name), "double")]
        new += [new_field(CLASS_PREFIX + str(first), "string"),
                new_field(CLASS_PREFIX + str(last), "string"),
                new_field(TRANSITION_FIELD, "string"), new_field(TEMPO_FIELD, "string"),
                new_field(RELATIVE_FIELD, "double"), new_field(BOTH_YEARS_FIELD, "int")]
        return new

    def _output_fields(self, input_fields, dropped, fields, result, feedback):
        new = self._new_fields(fields, result)
        taken = {f.name().lower() for f in new}
        out = QgsFields()
        kept = []
        for index, field in enumerate(input_fields):
            name = field.name().lower()
            if name in dropped or name == "fid":
                continue
            if name in taken:
                feedback.pushWarning(self.tr("Input field '{field}' is replaced by the new "
                                             "field of that name.").format(field=field.name()))
                continue
            out.append(field)
            kept.append(index)
        for field in new:
            out.append(field)
        return out, kept

    def _rows(self, fields, result):
        columns = []
        for name in fields:
            columns += [result.values_from[name].tolist(), result.values_to[name].tolist(),
                        result.differences[name].tolist()]
        columns += [result.class_from, result.class_to, result.transitions, result.tempo,
                    result.relative.tolist(), (result.from_rows >= 0).astype(int).tolist()]
        return [[_nullable(v) for v in row] for row in zip(*columns)]

    def _write(self, source, sink, out_fields, kept, ids, fields, result, feedback):
        """One feature per area: the TO_YEAR row's geometry and kept attributes."""
        rows = self._rows(fields, result)
        wanted = [ids[r] for r in result.to_rows.tolist()]
        row_of_id = {fid: row for row, fid in enumerate(wanted)}
        request = QgsFeatureRequest()
        request.setFilterFids(wanted)
        total = max(len(wanted), 1)
        for count, feature in enumerate(iterate_features(source, request)):
            if count % _CHECK_EVERY == 0:
                self.check_cancel(feedback)
                feedback.setProgress(50 + 50 * count / total)
            row = row_of_id[feature.id()]
            attributes = feature.attributes()
            out = QgsFeature(out_fields)
            if feature.hasGeometry():
                out.setGeometry(feature.geometry())
            out.setAttributes([attributes[i] for i in kept] + rows[row])
            if not sink.addFeature(out, QgsFeatureSink.Flag.FastInsert):
                raise QgsProcessingException(self.tr(
                    "Could not write the output feature of area '{area}'.").format(
                        area=result.keys[row]))
