"""Processing algorithm mdi:classifyquartiles: classes of a score field ("kwartielen")."""

from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingOutputString, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterString)

from ..compat import FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR, new_field
from ..core.classify import (CUSTOM, FIXED, NO_DATA_LABEL, PER_YEAR, POOLED, class_fields,
                             classify_values)
from ..core.compute import similar_names
from ..core.errors import InputError, MdiError
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .feature_io import output_fields, read_columns, write_with_columns
from .safe_output import safe_outputs

METHODS = (FIXED, POOLED, PER_YEAR, CUSTOM)

HELP = """
<p><b>Nederlands.</b> Deelt een score (standaard het veld mdi) in klassen in, zoals de
kaarten van het MDI-rapport (Het PON &amp; Telos, 2024).</p>
<ul>
<li><b>Methode</b>: vaste grenzen 40, 50 en 60 van het rapport (standaard; dit zijn de
afgeronde kwartielen van alle gemeenten 2014&ndash;2023 samen); kwartielen van alle rijen
(meerdere jaren in één tabel worden samengenomen); kwartielen per jaar (<b>Jaarveld</b>
verplicht); of eigen grenzen.</li>
<li><b>Kwartielen</b>: 25e, 50e en 75e percentiel van de ingevulde waarden, lineair
geïnterpoleerd (numpy <i>linear</i>, zoals KWARTIEL.INC in Excel). Vallen twee kwartielen
samen (te weinig spreiding), dan stopt het algoritme met een melding.</li>
<li><b>Eigen grenzen</b>: oplopend, gescheiden door komma's of spaties met decimale punt
("40,50.5,60"), of door puntkomma's, dan mag ook een decimale komma ("40;50,5;60").</li>
</ul>
<p>Uitvoer: alle invoervelden plus &lt;veld&gt;_klasse (1 = laagste klasse) en
&lt;veld&gt;_klasse_label: Laag, Gematigd, Hoog, Zeer hoog (4 klassen); Laag, Hoog (2);
Laag, Gematigd, Hoog (3); Zeer laag &hellip; Zeer hoog (5); vanaf 6 klassen "Klasse 1 (onder
10)" enz. Een waarde gelijk aan een grens valt in de hogere klasse (50,0 is Hoog). Lege
waarden krijgen geen klasse en het label "Geen gegevens". Bestaande velden met die namen
worden vervangen. BREAKS_USED geeft de gebruikte grenzen (per jaar: "2014: 41.2, 50.3, 58.9;
2023: &hellip;", afgerond op 2 decimalen).</p>
<p><b>English.</b> Classifies a score (by default the field mdi) into classes, as in the
maps of the MDI report.</p>
<ul>
<li><b>Method</b>: the report's fixed breaks 40, 50 and 60 (default; the rounded quartiles
of all gemeenten 2014&ndash;2023 pooled); quartiles of all rows (several years in one table
are pooled); quartiles per year (needs <b>Year field</b>); or custom breaks.</li>
<li><b>Quartiles</b>: 25th, 50th and 75th percentile of the non-empty values, linear
interpolation (numpy <i>linear</i>, as Excel's QUARTILE.INC). Coinciding quartiles (too
little spread) stop the algorithm with a message.</li>
<li><b>Custom breaks</b>: ascending, separated by commas or spaces with a decimal point
("40,50.5,60"), or by semicolons, which also allows a decimal comma ("40;50,5;60").</li>
</ul>
<p>Output: all input fields plus &lt;field&gt;_klasse (1 = lowest class) and
&lt;field&gt;_klasse_label (Dutch labels as above). A value equal to a break goes to the
upper class (50.0 is Hoog). Empty values get no class and the label "Geen gegevens".
Existing fields with these names are replaced. BREAKS_USED returns the breaks used
(rounded to 2 decimals).</p>
"""


def existing_field(names, name, parameter):
    """The field ``name`` as spelled in ``names`` (exact, else ignoring case).

    Raises InputError naming the parameter and listing similar (or all) field names.
    """
    if name in names:
        return name
    by_lower = {n.lower(): n for n in names}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    similar = similar_names(name, names)
    shown = ", ".join(names[:40]) + (", ..." if len(names) > 40 else "")
    raise InputError("{parameter}: the input has no field '{field}'. {hint}Its fields are: "
                     "{fields}. Choose the field that holds the values.",
                     parameter=parameter, field=name, fields=shown or "(none)",
                     hint=("Similar fields: " + ", ".join(similar) + ". ") if similar
                     else "")


class ClassifyQuartilesAlgorithm(MdiAlgorithm):
    """Add a class number and label for a score field."""

    NAME = "classifyquartiles"
    GROUP_ID = "analysis"
    OUTPUT_STYLE = "mdi_klasse"

    INPUT = "INPUT"
    FIELD = "FIELD"
    METHOD = "METHOD"
    YEAR_FIELD = "YEAR_FIELD"
    BREAKS = "BREAKS"
    OUTPUT = "OUTPUT"
    BREAKS_USED = "BREAKS_USED"
    FEATURE_COUNT = "FEATURE_COUNT"
    NULL_COUNT = "NULL_COUNT"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Classify quartiles")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,kwartielen,quartiles,klassen,classes,indelen,classify,breaks,"
                       "grenzen").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Input layer or table"), [SOURCE_TYPE_VECTOR]))
        # optional with a default: QGIS 3.22 rejects an omitted non-optional field
        # parameter in processing.run / qgis_process even when it has a default
        self.addParameter(QgsProcessingParameterField(
            self.FIELD, self.tr("Score field (empty = mdi)"), defaultValue="mdi",
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Method"),
            [self.tr("Report's fixed breaks 40, 50, 60"),
             self.tr("Quartiles of all rows (years pooled)"),
             self.tr("Quartiles per year"), self.tr("Custom breaks")], defaultValue=0))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field (quartiles per year)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BREAKS, self.tr("Custom breaks, ascending (e.g. 40,50,60 or 40;50,5;60)"),
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Classified"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputString(self.BREAKS_USED, self.tr("Breaks used")))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of features")))
        self.addOutput(QgsProcessingOutputNumber(
            self.NULL_COUNT, self.tr("Number of features without a value")))

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        field_name = self.parameterAsString(parameters, self.FIELD, context) or "mdi"
        year_name = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        breaks = self.parameterAsString(parameters, self.BREAKS, context) or None
        try:
            field_name = existing_field(source.fields().names(), field_name, self.FIELD)
            if year_name:
                year_name = existing_field(source.fields().names(), year_name, self.YEAR_FIELD)
            self._explain_ignored(method, year_name, breaks, feedback)
            result, ids = self._classify(source, field_name, method, year_name, breaks,
                                         feedback)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))

        class_name, label_name = class_fields(field_name)
        fields, kept, replaced = output_fields(
            source.fields(), [new_field(class_name, "int"), new_field(label_name, "string")])
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the new "
                                         "classes.").format(field=name))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        row_of_id = {fid: row for row, fid in enumerate(ids)}
        try:
            write_with_columns(source, sink, fields, kept, [result.classes, result.labels],
                               row_of_id, feedback, progress=(50.0, 100.0))
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        feedback.pushInfo(self.tr("Breaks used: {breaks}").format(breaks=result.breaks_text))
        feedback.pushInfo(self.tr("Features per class: {counts}").format(counts=", ".join(
            "{} {}".format(label, count) for label, count in result.counts.items())))
        return {self.OUTPUT: dest_id, self.BREAKS_USED: result.breaks_text,
                self.FEATURE_COUNT: len(ids),
                self.NULL_COUNT: result.counts[NO_DATA_LABEL]}

    def _explain_ignored(self, method, year_name, breaks, feedback):
        if breaks and method != CUSTOM:
            feedback.pushWarning(self.tr("BREAKS is ignored: it is only used with the method "
                                         "'Custom breaks'."))
        if year_name and method != PER_YEAR:
            feedback.pushInfo(self.tr("YEAR_FIELD is only used with the method 'Quartiles "
                                      "per year'; all rows are classified together."))

    def _classify(self, source, field_name, method, year_name, breaks, feedback):
        """Read and parse the columns and classify. Returns (Classification, ids)."""
        names = [field_name] + ([year_name] if year_name and method == PER_YEAR else [])
        ids, raw = read_columns(source, names, feedback, progress=(0.0, 40.0))
        if not ids:
            raise InputError("The input has no features: nothing to classify.")
        values = parse_numeric_column(raw[field_name], field_name, ids)
        years = None
        if method == PER_YEAR and year_name:
            years = parse_year_column(raw[year_name], year_name, ids)
        feedback.setProgress(45)
        return classify_values(values, method, breaks=breaks, years=years, feature_ids=ids,
                               field_name=field_name), ids
