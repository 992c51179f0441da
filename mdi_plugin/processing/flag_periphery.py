"""Processing algorithm mdi:flagperiphery: zones, focus regions and analysis-matrix quadrants."""

from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterNumber)

from ..compat import (FIELD_TYPE_ANY, NUMBER_DOUBLE, SOURCE_TYPE_ANY_GEOMETRY,
                      SOURCE_TYPE_VECTOR, new_field)
from ..core.errors import InputError, MdiError
from ..core.values import parse_numeric_column
from ..core.zones import (CODE_COLUMNS, DEFAULT_THRESHOLD, find_column, flag_regions,
                          load_zone_table, table_summary, zone_table)
from .base import Cancelled, MdiAlgorithm
from .classify_quartiles import existing_field
from .feature_io import output_fields, read_columns, write_with_columns
from .safe_output import safe_outputs

#: Output fields, in order, with their types.
OUTPUT_FIELDS = (("zone", "string"), ("perifeer", "int"), ("hoge_mdi", "int"),
                 ("focusregio", "int"), ("kwadrant", "string"))

HELP = """
<p><b>Nederlands.</b> Markeert COROP-regio's met hun zone en hun plaats in de
analysematrix van het MDI-rapport (Het PON &amp; Telos, 2024): zone (kern, intermediair,
perifeer) tegenover MDI (hoog = MDI &ge; drempel, standaard 50). De focus van het rapport is
"perifere zone én MDI &ge; 50".</p>
<ul>
<li><b>Codeveld</b>: standaard het eerste van coropcode, statcode, code (hoofdletters maken
niet uit). Codes mogen in elke vorm: CR01, cr01, 1, 01.</li>
<li><b>Zonetabel</b>: tabel (bijv. CSV) met een codekolom (coropcode, statcode of code) en
een kolom zone (kern/kernzone, intermediair/intermediaire zone, perifeer/perifere zone).
Leeg = de meegeleverde tabel van de 40 COROP-regio's (10 kern, 14 intermediair, 16
perifeer).</li>
</ul>
<p>Uitvoer: alle invoervelden plus <b>zone</b>; <b>perifeer</b> (1/0); <b>hoge_mdi</b> (1 als
MDI &ge; drempel, anders 0, leeg zonder MDI); <b>focusregio</b> (1 = perifeer én hoge MDI;
0 als een van beide zeker niet geldt, dus een kernregio is nooit focusregio; leeg als het
van een onbekende zone of MDI afhangt); <b>kwadrant</b> ("Perifeer, hoge MDI", "Kern, lage
MDI", "Intermediair, geen MDI", "Zone onbekend, hoge MDI" &hellip;). Regio's met een code
die niet in de zonetabel staat krijgen geen zone; één waarschuwing noemt ze allemaal.</p>
<p><b>English.</b> Flags COROP regions with their zone and their cell in the report's
analysis matrix: zone (core, intermediate, periphery) against MDI (high = MDI &ge;
threshold, default 50). The report's focus is "periphery and MDI &ge; 50".</p>
<ul>
<li><b>Code field</b>: default the first of coropcode, statcode, code (any case). Codes in
any form: CR01, cr01, 1, 01.</li>
<li><b>Zone table</b>: a table (e.g. CSV) with a code column (coropcode, statcode or code)
and a zone column (kern/kernzone, intermediair/intermediaire zone, perifeer/perifere zone).
Empty = the bundled table of the 40 COROP regions.</li>
</ul>
<p>Output: all input fields plus zone, perifeer (1/0), hoge_mdi (1/0, NULL without an MDI),
focusregio (1 = peripheral and high MDI; 0 where either is known to be false; NULL where it
depends on an unknown zone or MDI) and kwadrant (Dutch label of the quadrant). Regions whose
code is not in the zone table get no zone; one warning lists them all. Counts are returned
as N_FOCUS, N_UNKNOWN (no zone) and N_NO_MDI.</p>
"""


class FlagPeripheryAlgorithm(MdiAlgorithm):
    """Add zone, periphery, high-MDI, focus-region and quadrant fields to regions."""

    NAME = "flagperiphery"
    GROUP_ID = "analysis"
    OUTPUT_STYLE = "mdi_zones"

    INPUT = "INPUT"
    CODE_FIELD = "CODE_FIELD"
    ZONES = "ZONES"
    MDI_FIELD = "MDI_FIELD"
    THRESHOLD = "THRESHOLD"
    OUTPUT = "OUTPUT"
    FEATURE_COUNT = "FEATURE_COUNT"
    N_FOCUS = "N_FOCUS"
    N_UNKNOWN = "N_UNKNOWN"
    N_NO_MDI = "N_NO_MDI"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Flag periphery")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,corop,zone,periferie,perifeer,periphery,focusregio,kwadrant,"
                       "regiotype,kern,intermediair").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Regions (COROP)"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.CODE_FIELD, self.tr("Region code field (empty = coropcode, statcode or "
                                     "code)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.ZONES, self.tr("Zone table (empty = bundled COROP zones)"),
            [SOURCE_TYPE_VECTOR], optional=True))
        # optional with a default: QGIS 3.22 rejects an omitted non-optional field
        # parameter in processing.run / qgis_process even when it has a default
        self.addParameter(QgsProcessingParameterField(
            self.MDI_FIELD, self.tr("MDI field (empty = mdi)"), defaultValue="mdi",
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.THRESHOLD, self.tr("High MDI from (threshold)"), NUMBER_DOUBLE,
            defaultValue=DEFAULT_THRESHOLD))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Flagged regions"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of regions")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_FOCUS, self.tr("Number of focus regions")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_UNKNOWN, self.tr("Number of regions without a zone")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_NO_MDI, self.tr("Number of regions without an MDI")))

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        names = source.fields().names()
        code_name = self.parameterAsString(parameters, self.CODE_FIELD, context) or None
        mdi_name = self.parameterAsString(parameters, self.MDI_FIELD, context) or "mdi"
        threshold = self.parameterAsDouble(parameters, self.THRESHOLD, context)
        try:
            code_name = self._code_field(names, code_name)
            mdi_name = existing_field(names, mdi_name, self.MDI_FIELD)
            table = self._zone_table(parameters, context, feedback)
            feedback.pushInfo(self.tr("Zone table: {summary}.").format(
                summary=table_summary(table)))
            ids, raw = read_columns(source, [code_name, mdi_name], feedback,
                                    progress=(0.0, 40.0))
            if not ids:
                raise InputError("The input has no features: nothing to flag.")
            mdi = parse_numeric_column(raw[mdi_name], mdi_name, ids)
            flags = flag_regions(raw[code_name], mdi, table, threshold, code_name)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        for warning in flags.warnings:
            feedback.pushWarning(self.message(warning))
        if flags.no_mdi_count:
            feedback.pushWarning(self.tr("{count} region(s) have no MDI in field '{field}': "
                                         "hoge_mdi is NULL there.").format(
                count=flags.no_mdi_count, field=mdi_name))

        fields, kept, replaced = output_fields(
            source.fields(), [new_field(name, kind) for name, kind in OUTPUT_FIELDS])
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the new "
                                         "flags.").format(field=name))
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        columns = [flags.zone, flags.perifeer, flags.hoge_mdi, flags.focusregio,
                   flags.kwadrant]
        row_of_id = {fid: row for row, fid in enumerate(ids)}
        try:
            write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback,
                               progress=(50.0, 100.0))
        except Cancelled:
            feedback.reportError(self.tr("Cancelled while writing: the incomplete output is "
                                         "removed."))
            return {}
        self._summarise(flags, feedback)
        return {self.OUTPUT: dest_id, self.FEATURE_COUNT: len(ids),
                self.N_FOCUS: flags.focus_count, self.N_UNKNOWN: flags.unknown_count,
                self.N_NO_MDI: flags.no_mdi_count}

    def _code_field(self, names, code_name):
        """CODE_FIELD as spelled in the input, or the first default code field found."""
        if code_name:
            return existing_field(names, code_name, self.CODE_FIELD)
        found = find_column(names, CODE_COLUMNS)
        if found is None:
            raise InputError("The input has none of the region code fields {defaults}. "
                             "Choose the field with the COROP codes as CODE_FIELD. Its fields "
                             "are: {fields}.", defaults=", ".join(CODE_COLUMNS),
                             fields=", ".join(names) or "(none)")
        return found

    def _zone_table(self, parameters, context, feedback):
        """The ZONES table as {code: zone}; the bundled table when ZONES is empty."""
        value = parameters.get(self.ZONES)
        if value is None or (isinstance(value, str) and not value.strip()):
            return load_zone_table()
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        if zones is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ZONES))
        name = zones.sourceName() or str(parameters[self.ZONES])
        _, columns = read_columns(zones, zones.fields().names())
        return zone_table(columns, "zone table '{}'".format(name))

    def _summarise(self, flags, feedback):
        counts = {}
        for label in flags.kwadrant:
            counts[label] = counts.get(label, 0) + 1
        feedback.pushInfo(self.tr("Regions per quadrant: {counts}.").format(
            counts=", ".join("{} {}".format(label, count)
                             for label, count in sorted(counts.items()))))
        feedback.pushInfo(self.tr("Focus regions (peripheral, MDI >= threshold): "
                                  "{count}.").format(count=flags.focus_count))
