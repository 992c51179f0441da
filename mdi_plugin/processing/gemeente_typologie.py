"""Processing algorithm mdi:gemeentetypologie: the report's gemeente types from user fields,
and a cross-table of the types against the MDI classes."""

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink,
                       QgsFields, QgsProcessingException,
                       QgsProcessingOutputNumber, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ..compat import (FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR,
                      WKB_NO_GEOMETRY, new_field)
from ..core.aggregate import region_key
from ..core.classify import REPORT_BREAKS, classify, parse_breaks
from ..core.correlation import select_year
from ..core.errors import MdiError
from ..core.typology import (FARMLAND, FACILITIES, GROWTH, INDUSTRY_1960, JOBS, JOBS_RATIO,
                             NATURE, NEW_HOMES, OLD_HOMES, PROTECTED, SIZE_FIELD,
                             TOURISM_ESTABLISHMENTS, TOURISM_LABOUR, TYPE_PREFIX, TYPES_FIELD,
                             classify_gemeenten, cross_table, parse_flag_column)
from ..core.values import parse_numeric_column, parse_year_column
from ..i18n import tr_noop
from .base import Cancelled, MdiAlgorithm
from .correlate import (nullable, optional_number, require_field, warn_pooled_years,
                        year_like_field)
from .feature_io import iterate_features, output_fields as sink_fields
from .feature_io import read_columns
from .safe_output import safe_outputs

HELP = """
<p><b>Nederlands.</b> De gemeentetypologie van het rapport (voor een eerlijke vergelijking)
uit velden die u zelf aanlevert, met een kruistabel van de typen tegen de MDI-klassen
(aandeel gemeenten in "Zeer hoog" per type). Percentages als getallen 0&ndash;100; alle
drempels zijn strikt:</p>
<ul>
<li>groei: bevolkingsgroei 2013&ndash;2023 &gt; 5 %; krimp: &lt; &minus;2 %
(<b>groeiveld</b>, in procenten)</li>
<li>new_town: &gt; 35 % van de woningen gebouwd na 1990</li>
<li>historisch: &gt; 8 % van de woningen gebouwd vóór 1905 <i>en</i> een beschermd
stadsgezicht (ja/nee-veld: 1/0, true/false, ja/nee)</li>
<li>werkgemeente: &gt; 100 banen per 100 beroepsbevolking <i>en</i> &gt; 14.000 banen;
woongemeente: &lt; 60 banen per 100 beroepsbevolking</li>
<li>groen: &gt; 30 % bos en natuur; agrarisch: &gt; 75 % landbouwgrond</li>
<li>centrumgemeente: &gt; 15 % van de inwoners van de COROP-regio (berekend uit
<b>inwoners</b> en <b>regioveld</b>) <i>en</i> voorzieningenscore &gt; 50</li>
<li>industrieel: &gt; 55 % van de beroepsbevolking in de industrie (volkstelling 1960)</li>
<li>toeristisch: &gt; 10 % van de vestigingen <i>of</i> &gt; 14 % van de beroepsbevolking
in het toerisme</li>
<li>grootteklasse naar inwoners, grenzen standaard 20.000, 50.000, 100.000 (eigen keuze:
het rapport noemt geen grenzen)</li>
</ul>
<p>Alleen typen waarvan de velden zijn opgegeven worden bepaald. Een ontbrekende waarde
maakt een voorwaarde onbekend: "en" is onwaar zodra één deel onwaar is, "of" waar zodra
één deel waar is, anders blijft het type leeg (NULL). MDI-klasse: het <b>klasseveld</b>,
anders mdi_klasse, anders mdi met de vaste grenzen 40/50/60. Met <b>jaarveld</b> en
<b>jaar</b> worden alleen de rijen van dat jaar gebruikt en uitgevoerd.</p>
<p>Uitvoer: de gemeenten met type_&lt;type&gt; (1/0/NULL), grootteklasse en typen (lijst);
en een tabel per type, per grootteklasse en voor alle gemeenten: n, n_met_klasse,
n_klasse_1&hellip;4, aandeel_zeer_hoog en aandeel_hoog (0&ndash;1). Een gemeente kan
meerdere typen hebben.</p>
<p><b>English.</b> The report's gemeente typology (for fair comparison) from fields you
supply, with a cross-table of the types against the MDI classes (share of gemeenten in
"Zeer hoog" per type). Percentages as numbers 0&ndash;100; all thresholds are strict:
growth &gt; 5 % / shrinkage &lt; &minus;2 % (2013&ndash;2023); New Town &gt; 35 % of homes
built after 1990; historic &gt; 8 % built before 1905 and a protected townscape (yes/no
field); work gemeente &gt; 100 jobs per 100 labour force and &gt; 14,000 jobs; residential
gemeente &lt; 60; green &gt; 30 % forest and nature; agricultural &gt; 75 % farmland; centre
gemeente &gt; 15 % of its COROP's inhabitants (computed from inhabitants and the region
field) and facilities score &gt; 50; former industrial &gt; 55 % of the labour force in
industry (1960 census); tourist &gt; 10 % of establishments or &gt; 14 % of the labour
force; size classes by inhabitants (default breaks 20,000, 50,000, 100,000: our choice,
the report gives none).</p>
<p>Only types whose fields are given are evaluated. A missing value makes a condition
unknown: "and" is false once one part is false, "or" true once one part is true, else
the type is NULL. MDI class: the <b>class field</b>, else mdi_klasse, else mdi with the
fixed breaks 40/50/60. With a <b>year field</b> and <b>year</b> only that year's rows are
used and output. Output: the gemeenten with type_&lt;type&gt; (1/0/NULL), grootteklasse and
typen; and a table per type, size class and for all gemeenten with n, n_met_klasse,
n_klasse_1&hellip;4, aandeel_zeer_hoog and aandeel_hoog (0&ndash;1). A gemeente can have
several types.</p>
"""

#: (parameter, core key, description) of the typology fields, in parameter order.
TYPE_FIELDS = (
    ("GROWTH_FIELD", GROWTH, tr_noop("Population growth 2013-2023 (%)")),
    ("NEW_HOMES_FIELD", NEW_HOMES, tr_noop("Homes built after 1990 (%)")),
    ("OLD_HOMES_FIELD", OLD_HOMES, tr_noop("Homes built before 1905 (%)")),
    ("PROTECTED_FIELD", PROTECTED, tr_noop("Protected townscape (yes/no)")),
    ("JOBS_RATIO_FIELD", JOBS_RATIO, tr_noop("Jobs per 100 labour force")),
    ("JOBS_FIELD", JOBS, tr_noop("Number of jobs")),
    ("NATURE_FIELD", NATURE, tr_noop("Forest and nature (%)")),
    ("FARMLAND_FIELD", FARMLAND, tr_noop("Farmland (%)")),
    ("FACILITIES_FIELD", FACILITIES, tr_noop("Facilities score")),
    ("INDUSTRY_1960_FIELD", INDUSTRY_1960, tr_noop("Labour force in industry, 1960 (%)")),
    ("TOURISM_ESTABLISHMENTS_FIELD", TOURISM_ESTABLISHMENTS,
     tr_noop("Establishments in tourism (%)")),
    ("TOURISM_LABOUR_FIELD", TOURISM_LABOUR, tr_noop("Labour force in tourism (%)")),
)
CLASS_DEFAULT = "mdi_klasse"
MDI_DEFAULT = "mdi"


class GemeenteTypologieAlgorithm(MdiAlgorithm):
    """Flag gemeente types and cross-tabulate them against the MDI classes."""

    NAME = "gemeentetypologie"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    CLASS_FIELD = "CLASS_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    YEAR = "YEAR"
    POPULATION_FIELD = "POPULATION_FIELD"
    REGION_FIELD = "REGION_FIELD"
    SIZE_BREAKS = "SIZE_BREAKS"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    FEATURE_COUNT = "FEATURE_COUNT"
    N_TYPES = "N_TYPES"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Gemeente typology")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,typologie,typology,gemeente,groei,krimp,new town,centrum,"
                       "toerisme,kruistabel").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Gemeenten (with MDI classes)"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.CLASS_FIELD, self.tr("MDI class field (empty: mdi_klasse, else mdi with "
                                      "breaks 40/50/60)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field"), parentLayerParameterName=self.INPUT,
            type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (with a year field)"), optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.POPULATION_FIELD, self.tr("Inhabitants (size classes, COROP share; empty: "
                                           "inwoners if present)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.REGION_FIELD, self.tr("COROP code field (for centre gemeenten; empty: "
                                       "coropcode if present)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        for name, _, description in TYPE_FIELDS:
            self.addParameter(QgsProcessingParameterField(
                name, self.tr(description), parentLayerParameterName=self.INPUT,
                type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SIZE_BREAKS, self.tr("Size class breaks (inhabitants)"),
            defaultValue="20000,50000,100000"))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Gemeenten with types"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_TABLE, self.tr("Types against MDI classes"), SOURCE_TYPE_VECTOR))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of gemeenten")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_TYPES, self.tr("Number of types evaluated")))

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
            feedback.reportError(self.tr("Cancelled: the output is incomplete."))
            return {}

    def _field(self, parameters, name, context, source, default=None):
        value = self.parameterAsString(parameters, name, context) or None
        if value:
            return require_field(self, source, value, name)
        if default:
            lowered = {n.lower(): n for n in source.fields().names()}
            return lowered.get(default.lower())
        return None

    def _run(self, parameters, context, feedback, source):
        type_fields = {key: self._field(parameters, name, context, source)
                       for name, key, _ in TYPE_FIELDS}
        type_fields = {k: v for k, v in type_fields.items() if v}
        population_field = self._field(parameters, self.POPULATION_FIELD, context, source,
                                       "inwoners")
        region_field = self._field(parameters, self.REGION_FIELD, context, source,
                                   "coropcode") if FACILITIES in type_fields else None
        class_field = self._field(parameters, self.CLASS_FIELD, context, source,
                                  CLASS_DEFAULT)
        mdi_field = None if class_field else \
            {n.lower(): n for n in source.fields().names()}.get(MDI_DEFAULT)
        if not class_field and not mdi_field:
            raise self._fail("The input has no MDI class: choose CLASS_FIELD, or give a layer "
                             "with mdi_klasse (Classify quartiles) or mdi (Compute MDI).")
        year_field = self._field(parameters, self.YEAR_FIELD, context, source)
        year = optional_number(parameters, self.YEAR)
        if year is not None and not year_field:
            raise self._fail("YEAR is set but YEAR_FIELD is not: choose the field that "
                             "holds the year.")
        breaks = parse_breaks(self.parameterAsString(parameters, self.SIZE_BREAKS, context))
        year_like = year_like_field(source, year_field)

        read = list(dict.fromkeys(list(type_fields.values()) + [
            n for n in (population_field, region_field, class_field, mdi_field, year_field,
                        year_like) if n]))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 40.0))
        if not ids:
            raise self._fail("The input has no features: there is nothing to classify.")
        rows = np.ones(len(ids), dtype=bool)
        if year_field:
            rows, _ = select_year(parse_year_column(raw[year_field], year_field, ids), year)
        elif year_like:
            warn_pooled_years(self, raw[year_like], year_like, ids, feedback)
        picked = [fid for fid, keep in zip(ids, rows) if keep]
        columns = {}
        for key, name in type_fields.items():
            parse = parse_flag_column if key == PROTECTED else parse_numeric_column
            columns[key] = parse(raw[name], name, ids)[rows]
        population = parse_numeric_column(raw[population_field], population_field,
                                          ids)[rows] if population_field else None
        regions = [region_key(v) for v, keep in zip(raw[region_field], rows) if keep] \
            if region_field else None
        if FACILITIES in type_fields and (population is None or regions is None):
            feedback.pushWarning(self.tr(
                "Centre gemeenten need the inhabitants (POPULATION_FIELD) and the COROP code "
                "(REGION_FIELD) besides FACILITIES_FIELD."))
        if class_field:
            classes = parse_numeric_column(raw[class_field], class_field, ids)[rows]
        else:
            mdi = parse_numeric_column(raw[mdi_field], mdi_field, ids)[rows]
            classes = np.array([np.nan if c is None else c
                                for c in classify(mdi, REPORT_BREAKS)], dtype=float)
            feedback.pushInfo(self.tr("MDI classes from '{field}' with the fixed breaks 40, "
                                      "50, 60.").format(field=mdi_field))
        typology = classify_gemeenten(columns, population, regions, breaks)
        for warning in typology.warnings:
            feedback.pushWarning(self.message(warning))
        table = cross_table(typology, classes)
        feedback.setProgress(50)

        new = [new_field(TYPE_PREFIX + t, "int") for t in typology.flags]
        if typology.sizes is not None:
            new.append(new_field(SIZE_FIELD, "string"))
        new.append(new_field(TYPES_FIELD, "string"))
        fields, kept, replaced = sink_fields(source.fields(), new)
        for name in replaced:
            feedback.pushWarning(self.tr("Input field '{field}' is replaced by the newly "
                                         "computed values.").format(field=name))
        table_fields = self._table_fields()
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields,
                                             source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        table_sink, table_id = self.parameterAsSink(
            parameters, self.OUTPUT_TABLE, context, table_fields, WKB_NO_GEOMETRY,
            QgsCoordinateReferenceSystem())
        if table_sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_TABLE))
        self._write_gemeenten(source, sink, fields, kept, picked, typology, feedback)
        for row in table:
            feature = QgsFeature(table_fields)
            feature.setAttributes([row.group, row.label, row.n, row.n_with_class] +
                                  row.per_class + [nullable(row.share_very_high),
                                                   nullable(row.share_high)])
            table_sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.pushInfo(self.tr("{label}: {n} gemeente(n), {share} in Zeer hoog.").format(
                label=row.label, n=row.n, share="-" if row.n_with_class == 0 else
                "{:.0%}".format(row.share_very_high)))
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id, self.OUTPUT_TABLE: table_id,
                self.FEATURE_COUNT: len(picked), self.N_TYPES: len(typology.flags)}

    @staticmethod
    def _table_fields():
        fields = QgsFields()
        for name, kind in (("groep", "string"), ("type", "string"), ("n", "int"),
                           ("n_met_klasse", "int"), ("n_klasse_1", "int"),
                           ("n_klasse_2", "int"), ("n_klasse_3", "int"),
                           ("n_klasse_4", "int"), ("aandeel_zeer_hoog", "double"),
                           ("aandeel_hoog", "double")):
            fields.append(new_field(name, kind))
        return fields

    def _write_gemeenten(self, source, sink, fields, kept, picked, typology, feedback):
        row_of = {fid: row for row, fid in enumerate(picked)}
        flags = [v.tolist() for v in typology.flags.values()]
        total = max(source.featureCount(), 1)
        for count, feature in enumerate(iterate_features(source)):     # in input order
            if count % 500 == 0:
                self.check_cancel(feedback)
                feedback.setProgress(50.0 + 50.0 * count / total)
            row = row_of.get(feature.id())
            if row is None:
                continue                                            # another year
            attributes = feature.attributes()
            values = [None if f[row] != f[row] else int(f[row]) for f in flags]
            if typology.sizes is not None:
                values.append(typology.sizes[row])
            values.append(typology.type_list(row))
            out = QgsFeature(fields, feature.id())
            if feature.hasGeometry():
                out.setGeometry(feature.geometry())
            out.setAttributes([attributes[i] for i in kept] + values)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
