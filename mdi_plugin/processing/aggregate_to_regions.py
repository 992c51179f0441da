"""Processing algorithm mdi:aggregatetoregions: unit scores -> one feature per region (year)."""

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureSink, QgsFields, QgsProcessingException,
                       QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsWkbTypes)

from ..compat import (FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR,
                      SOURCE_TYPE_VECTOR_POLYGON, WKB_NO_GEOMETRY, new_field,
                      parameter_as_strings)
from ..core.aggregate import (COUNT_FIELD, METHODS, WEIGHTED_MEAN, aggregate,
                              check_weights, check_years, class_field_of, default_fields,
                              describe_units, factorise, region_key, unify_code_forms)
from ..core.compute import similar_names
from ..core.errors import MdiError
from ..core.spec import load_spec
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .feature_io import read_columns
from .region_geometry import (NO_GEOMETRY, OUTSIDE, TRANSFORM_FAILED, RegionPolygons,
                              dissolve, locate_units)
from .safe_output import safe_outputs

#: Fields that identify a unit in the log of unmatched units (first one found).
UNIT_LABEL_FIELDS = ("buurtcode", "wijkcode", "gemeentecode", "statcode", "code")
#: Region id fields tried, in this order, when REGIONS_ID_FIELD is empty.
REGION_ID_FIELDS = ("coropcode", "statcode", "gemeentecode", "regiocode", "code")
#: Field names that suggest several years in one table (warning when YEAR_FIELD is empty).
YEAR_LIKE_FIELDS = ("jaar", "year", "jaartal", "peiljaar")
NO_REGION = "no_region"
NO_YEAR = "no_year"

HELP = """
<p><b>Nederlands.</b> Aggregeert scores van eenheden (gemeenten, of buurten) naar regio's
(COROP-regio's, of gemeenten): één object per regio, of per regio en jaar.</p>
<ul>
<li><b>Regio-indeling</b>: óf een <b>regiocodeveld</b> in de invoer (bijv. coropcode of
gemeentecode; codes worden gebruikt zoals ze zijn, ook numeriek; CBS-codes in
verschillende vormen, zoals CR01, cr01 en 1, worden één regio), óf een <b>regiolaag</b>
met polygonen en een <b>regio-id-veld</b>: elke eenheid gaat naar de regio die haar
punt-op-oppervlak bevat (coördinaatsystemen worden omgerekend). Geef precies één van
beide.</li>
<li><b>Velden</b>: standaard mdi en de aanwezige mdi_&lt;domein&gt;-velden. Tekst met
getallen (decimale komma) mag; andere tekst geeft een foutmelding.</li>
<li><b>Methode</b>: ongewogen gemiddelde (standaard; zo berekent het rapport de COROP-score:
elke gemeente telt één keer), gemiddelde gewogen met het <b>gewichtsveld</b> (bijv.
inwoners; verplicht voor deze methode), mediaan, minimum of maximum. Lege (NULL) waarden
tellen niet mee; bij het gewogen gemiddelde tellen eenheden zonder gewicht niet mee. Een
regio zonder enige waarde krijgt NULL.</li>
<li><b>Jaarveld</b>: groepeert per regio én jaar (één object per regio per jaar; het jaar
wordt als geheel getal geschreven). Zonder jaarveld worden alle rijen samen genomen.</li>
</ul>
<p>Uitvoer: het regiocodeveld (bij een regiolaag alle velden van die laag), het jaarveld,
de geaggregeerde velden met hun eigen naam, <b>n_eenheden</b> (aantal eenheden) en, waar
het veld &lt;veld&gt;_klasse bestaat (uit "Indelen in kwartielen"): <b>aandeel_hoog</b>
(aandeel 0&ndash;1 van de eenheden met een klasse dat in klasse 3 of 4 valt) en, met een
gewichtsveld, <b>aandeel_inw_zeer_hoog</b> (aandeel 0&ndash;1 van de inwoners dat in een
eenheid van klasse 4 woont). Die namen horen bij mdi (of, zonder mdi, bij het eerste veld);
andere velden krijgen &lt;veld&gt;_aandeel_hoog. Geometrie: de regiopolygoon, of de
samengevoegde eenheden bij een regiocodeveld. Regio's uit de regiolaag zonder eenheden
komen in de uitvoer met n_eenheden 0 en lege scores. Eenheden die in geen regio vallen
(geen code, geen geometrie, buiten alle polygonen, of geen jaar) worden in het logboek
genoemd en geteld (N_UNMATCHED); ze worden nooit stil weggelaten.</p>
<p><b>English.</b> Aggregates unit scores (municipalities or neighbourhoods) to regions
(COROP regions or municipalities): one feature per region, or per region and year.</p>
<ul>
<li><b>Region membership</b>: either a <b>region code field</b> in the input (e.g.
coropcode or gemeentecode; codes are used as given, numeric codes work too; one CBS code
written in several forms, such as CR01, cr01 and 1, is one region), or a
<b>regions layer</b> of polygons with a <b>region id field</b>: each unit goes to the region
that contains its point on surface (CRSs are transformed). Give exactly one of the two.</li>
<li><b>Fields</b>: default mdi and whichever mdi_&lt;domain&gt; fields exist. Text holding
numbers (decimal comma) is accepted; other text is an error.</li>
<li><b>Method</b>: unweighted mean (default; the report's COROP score: every municipality
counts once), mean weighted by the <b>weight field</b> (e.g. inhabitants; required for this
method), median, minimum or maximum. NULL values are left out; the weighted mean also leaves
out units without a weight. A region without any value gets NULL.</li>
<li><b>Year field</b>: groups by region and year (one feature per region and year; the
year is written as a whole number). Without it all rows are pooled.</li>
</ul>
<p>Output: the region code field (with a regions layer, all fields of that layer), the year
field, the aggregated fields under their own names, <b>n_eenheden</b> (number of units) and,
where &lt;field&gt;_klasse exists (from "Classify quartiles"): <b>aandeel_hoog</b> (share
0&ndash;1 of the units with a class that are in class 3 or 4) and, with a weight field,
<b>aandeel_inw_zeer_hoog</b> (share 0&ndash;1 of the inhabitants living in class-4 units).
These names belong to mdi (or, without mdi, to the first field); other fields get
&lt;field&gt;_aandeel_hoog. Geometry: the region polygon, or the dissolved units with a region
code field. Regions of the regions layer without units are output with n_eenheden 0 and NULL
scores. Units in no region (no code, no geometry, outside every polygon, or no year) are
listed in the log and counted (N_UNMATCHED); they are never dropped silently.</p>
"""


class AggregateToRegionsAlgorithm(MdiAlgorithm):
    """Aggregate unit scores to regions by a code field or by region polygons."""

    NAME = "aggregatetoregions"
    GROUP_ID = "analysis"
    OUTPUT_STYLE = "mdi_classes"

    INPUT = "INPUT"
    REGION_FIELD = "REGION_FIELD"
    REGIONS = "REGIONS"
    REGIONS_ID_FIELD = "REGIONS_ID_FIELD"
    FIELDS = "FIELDS"
    METHOD = "METHOD"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    OUTPUT = "OUTPUT"
    N_REGIONS = "N_REGIONS"
    N_UNMATCHED = "N_UNMATCHED"
    FEATURE_COUNT = "FEATURE_COUNT"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Aggregate to COROP / regions")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,corop,regio,region,aggregeren,aggregate,gemiddelde,mean,"
                       "dissolve,buurt,gemeente").split(",")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Units (gemeenten, buurten)"), [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.REGION_FIELD, self.tr("Region code field in the input (e.g. coropcode)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.REGIONS, self.tr("Or: region polygons"), [SOURCE_TYPE_VECTOR_POLYGON],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.REGIONS_ID_FIELD, self.tr("Region id field of the region polygons"),
            parentLayerParameterName=self.REGIONS, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.FIELDS, self.tr("Fields to aggregate (empty = mdi and mdi_<domain>)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, allowMultiple=True,
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Method"),
            [self.tr("Mean (unweighted, as in the report)"),
             self.tr("Mean weighted by the weight field"), self.tr("Median"),
             self.tr("Minimum"), self.tr("Maximum")], defaultValue=0))
        self.addParameter(QgsProcessingParameterField(
            self.WEIGHT_FIELD, self.tr("Weight field (e.g. inwoners)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field (one feature per region and year)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Regions"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_REGIONS, self.tr("Number of regions")))
        self.addOutput(QgsProcessingOutputNumber(
            self.N_UNMATCHED, self.tr("Number of units in no region")))
        self.addOutput(QgsProcessingOutputNumber(
            self.FEATURE_COUNT, self.tr("Number of output features")))

    # -- parameters -------------------------------------------------------------------

    def _require_field(self, source, name, parameter, what):
        """The field as spelled in the layer; an error with a hint if it is missing."""
        names = source.fields().names()
        if name in names:
            return name
        lowered = {n.lower(): n for n in names}
        if name.lower() in lowered:
            return lowered[name.lower()]
        similar = similar_names(name, names)
        raise self._fail("{parameter}: field '{field}' is not in {what}. {hint}",
                         parameter=parameter, field=name, what=what,
                         hint=(self.tr("Similar fields: {names}.").format(
                             names=", ".join(similar)) if similar else
                             self.tr("Available fields: {names}.").format(
                                 names=", ".join(names))))

    def _membership(self, parameters, context, source):
        """(region field, regions source, regions id field); exactly one mode is set."""
        region_field = self.parameterAsString(parameters, self.REGION_FIELD, context) or None
        regions = self.parameterAsSource(parameters, self.REGIONS, context)
        id_field = self.parameterAsString(parameters, self.REGIONS_ID_FIELD, context) or None
        if region_field and regions is not None:
            raise self._fail("Give either REGION_FIELD (a region code field in the input) "
                             "or REGIONS (a layer of region polygons), not both.")
        if region_field is None and regions is None:
            if id_field:
                raise self._fail("REGIONS_ID_FIELD is set but REGIONS is not: choose the "
                                 "layer of region polygons, or use REGION_FIELD instead.")
            raise self._fail("Choose how units belong to regions: REGION_FIELD (a region "
                             "code field in the input, e.g. coropcode) or REGIONS (a layer "
                             "of region polygons with REGIONS_ID_FIELD).")
        if region_field:
            if id_field:
                raise self._fail("REGIONS_ID_FIELD belongs to REGIONS; with REGION_FIELD "
                                 "leave it empty.")
            return self._require_field(source, region_field, self.REGION_FIELD,
                                       self.tr("the input")), None, None
        if source.wkbType() == WKB_NO_GEOMETRY:
            raise self._fail("REGIONS locates units by their geometry, but the input is a "
                             "table without geometry: use REGION_FIELD (a region code field) "
                             "instead.")
        if regions.featureCount() == 0:
            raise self._fail("REGIONS has no features: there are no regions to aggregate to.")
        if id_field is None:
            names = {n.lower(): n for n in regions.fields().names()}
            id_field = next((names[c] for c in REGION_ID_FIELDS if c in names), None)
            if id_field is None:
                raise self._fail("Choose REGIONS_ID_FIELD, the field of REGIONS that "
                                 "identifies each region (none of {names} was found).",
                                 names=", ".join(REGION_ID_FIELDS))
        return None, regions, self._require_field(regions, id_field, self.REGIONS_ID_FIELD,
                                                  self.tr("REGIONS"))

    def _fields(self, parameters, context, source, reserved):
        """The fields to aggregate, as spelled in the input."""
        names = source.fields().names()
        fields = parameter_as_strings(self, parameters, self.FIELDS, context)
        if not fields:
            fields = default_fields(load_spec(), names)
            if not fields:
                raise self._fail("FIELDS is empty and the input has no field 'mdi' or "
                                 "'mdi_<domain>': choose the numeric fields to aggregate, or "
                                 "run Compute MDI first.")
        fields = [self._require_field(source, f, self.FIELDS, self.tr("the input"))
                  for f in fields]
        fields = list(dict.fromkeys(fields))
        for name in fields:
            if name.lower() in reserved:
                raise self._fail("FIELDS contains '{field}', which is {role}; it cannot also "
                                 "be aggregated.", field=name, role=reserved[name.lower()])
        return fields

    # -- run ----------------------------------------------------------------------------

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        if source.featureCount() == 0:
            raise self._fail("The input has no features: nothing to aggregate.")
        region_field, regions, id_field = self._membership(parameters, context, source)
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        weight_field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context) or None
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        if method == WEIGHTED_MEAN and weight_field is None:
            raise self._fail("METHOD 'mean weighted by the weight field' needs WEIGHT_FIELD: "
                             "choose the field with the weights, e.g. inwoners.")
        input_name = self.tr("the input")
        if weight_field:
            weight_field = self._require_field(source, weight_field, self.WEIGHT_FIELD,
                                               input_name)
        reserved = {}
        if year_field:
            year_field = self._require_field(source, year_field, self.YEAR_FIELD, input_name)
            reserved[year_field.lower()] = self.tr("the year field")
        if region_field:
            if year_field and year_field == region_field:
                raise self._fail("YEAR_FIELD and REGION_FIELD are the same field "
                                 "'{field}'.", field=region_field)
            reserved[region_field.lower()] = self.tr("the region code field")
        fields = self._fields(parameters, context, source, reserved)
        names = source.fields().names()
        class_fields = {f: class_field_of(f, names) for f in fields}
        class_fields = {f: c for f, c in class_fields.items() if c}
        label_field = next((n for c in UNIT_LABEL_FIELDS for n in names
                            if n.lower() == c and n != region_field), None)
        try:
            return self._run(parameters, context, feedback, source, region_field, regions,
                             id_field, fields, method, weight_field, year_field, class_fields,
                             label_field)
        except MdiError as err:
            raise self.error(err) from None
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}

    def _run(self, parameters, context, feedback, source, region_field, regions, id_field,
             fields, method, weight_field, year_field, class_fields, label_field):
        year_like = None
        if year_field is None:
            year_like = next((n for n in source.fields().names()
                              if n.lower() in YEAR_LIKE_FIELDS), None)
        read = list(dict.fromkeys(
            fields + list(class_fields.values()) +
            [n for n in (region_field, weight_field, year_field, label_field, year_like) if n]))
        feedback.pushInfo(self.tr("Reading {count} field(s) of {features} unit(s)...").format(
            count=len(read), features=source.featureCount()))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 20.0))
        if not ids:
            raise self._fail("The input has no features: nothing to aggregate.")
        columns = {f: parse_numeric_column(raw[f], f, ids) for f in fields}
        weights = None
        if weight_field:
            weights = parse_numeric_column(raw[weight_field], weight_field, ids)
            check_weights(weights, weight_field, ids)
        years = parse_year_column(raw[year_field], year_field, ids) if year_field else None
        if years is not None:
            check_years(years, year_field, ids)
        if year_like:
            self._warn_pooled_years(raw[year_like], year_like, ids, feedback)
        classes = {f: parse_numeric_column(raw[c], c, ids) for f, c in class_fields.items()}

        if region_field:
            keys, code_warnings = unify_code_forms([region_key(v) for v in raw[region_field]],
                                                   region_field)
            for warning in code_warnings:
                feedback.pushWarning(self.message(warning))
            labels, region_keys = factorise(keys)
            reasons = {}
            polygons = None
        else:
            feedback.pushInfo(self.tr("Reading the region polygons..."))
            polygons = RegionPolygons(regions, id_field, feedback, progress=(20.0, 30.0))
            self._report_regions(polygons, id_field, feedback)
            self._warn_missing_crs(source, regions, feedback)
            feedback.pushInfo(self.tr("Locating the units in the regions (point on "
                                      "surface)..."))
            region_of, reasons, ambiguous = locate_units(
                source, polygons, context.transformContext(), feedback,
                progress=(30.0, 60.0))
            labels = np.array([region_of.get(fid, -1) for fid in ids], dtype=np.int64)
            region_keys = polygons.regions
            if ambiguous:
                feedback.pushWarning(self.tr(
                    "{count} unit(s) lie in more than one region polygon (overlapping "
                    "regions); each went to the first region in layer order.").format(
                        count=ambiguous))
        feedback.setProgress(60)
        result = aggregate(labels, region_keys, columns, method, weights, years, classes,
                           keep_all=polygons is not None)
        for warning in result.warnings:
            feedback.pushWarning(self.message(warning))
        self._report_unmatched(result, labels, reasons, ids, raw.get(label_field),
                               region_field, feedback)

        groups = result.groups
        if polygons is not None:
            shapes = [polygons.geometry(r) for r in range(len(polygons.regions))]
            region_index = {key: r for r, key in enumerate(polygons.regions)}
            geometries = [shapes[region_index[key]] for key in groups.regions]
            wkb_type = QgsWkbTypes.multiType(regions.wkbType())
            crs = regions.sourceCrs()
        elif source.wkbType() == WKB_NO_GEOMETRY:
            geometries = [None] * groups.size
            wkb_type, crs = WKB_NO_GEOMETRY, source.sourceCrs()
        else:
            feedback.pushInfo(self.tr("Dissolving the units into {count} output "
                                      "feature(s)...").format(count=groups.size))
            group_of = dict(zip(ids, groups.inverse.tolist()))
            geometries = dissolve(source, group_of, groups.size, feedback,
                                  progress=(60.0, 95.0))
            wkb_type, crs = QgsWkbTypes.multiType(source.wkbType()), source.sourceCrs()

        out_fields, region_values = self._output_fields(source, regions, polygons,
                                                        region_field, year_field, fields,
                                                        result, feedback)
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, out_fields,
                                             wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        self._write(sink, out_fields, groups, region_values, geometries, fields, result,
                    year_field is not None, feedback)
        feedback.setProgress(100)
        self._summarise(result, fields, feedback)
        return {self.OUTPUT: dest_id, self.N_REGIONS: result.region_count,
                self.N_UNMATCHED: int(result.unmatched.size),
                self.FEATURE_COUNT: groups.size}

    # -- output -------------------------------------------------------------------------

    def _output_fields(self, source, regions, polygons, region_field, year_field, fields,
                       result, feedback):
        """(QgsFields, function giving the region attributes of a group's region key)."""
        new = [new_field(year_field, "int")] if year_field else []
        new += [new_field(f, "double") for f in fields]
        new.append(new_field(COUNT_FIELD, "int"))
        new += [new_field(name, "double") for name in result.shares]
        taken = set()
        for name in [f.name() for f in new] + ([region_field] if region_field else []):
            if name.lower() in taken:
                raise self._fail("The output would have two fields named '{field}'; leave "
                                 "'{field}' out of FIELDS or rename it.", field=name)
            taken.add(name.lower())
        out = QgsFields()
        if polygons is None:
            out.append(source.fields().field(region_field))
            values = {key: [key] for key in result.groups.regions}
        else:
            kept = []
            for index, region_attr in enumerate(regions.fields()):
                name = region_attr.name()
                if name.lower() == "fid":
                    continue
                if name.lower() in taken:
                    feedback.pushWarning(self.tr(
                        "Field '{field}' of REGIONS is not copied: the output has its own "
                        "field of that name.").format(field=name))
                    continue
                kept.append(index)
                out.append(region_attr)
            values = {key: [attributes[i] for i in kept] for key, attributes in
                      zip(polygons.regions, polygons.attributes)}
        for new_attr in new:
            out.append(new_attr)
        return out, values

    def _write(self, sink, out_fields, groups, region_values, geometries, fields, result,
               with_year, feedback):
        stats = [result.statistics[f].tolist() for f in fields]
        shares = [s.tolist() for s in result.shares.values()]
        counts = result.unit_counts.tolist()
        years = groups.years.tolist() if with_year else None
        for group, key in enumerate(groups.regions):
            if group % 500 == 0:
                self.check_cancel(feedback)
            attributes = list(region_values[key])
            if with_year:
                year = years[group]
                attributes.append(None if year != year else int(year))
            attributes += [_nullable(column[group]) for column in stats]
            attributes.append(counts[group])
            attributes += [_nullable(column[group]) for column in shares]
            feature = QgsFeature(out_fields)
            if geometries[group] is not None:
                feature.setGeometry(geometries[group])
            feature.setAttributes(attributes)
            if not sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise self._fail("Could not write the output feature of region '{region}': "
                                 "{error}", region=key, error=sink.lastError() or "?")

    # -- log ------------------------------------------------------------------------------

    def _warn_pooled_years(self, values, name, ids, feedback):
        try:
            years = parse_year_column(values, name, ids)
        except MdiError:
            return
        distinct = np.unique(years[~np.isnan(years)])
        if distinct.size > 1:
            feedback.pushWarning(self.tr(
                "The input has {count} years in field '{field}' ({years}) but YEAR_FIELD is "
                "empty: all years are pooled into one statistic per region. Set YEAR_FIELD "
                "to '{field}' for one feature per region and year.").format(
                    count=int(distinct.size), field=name,
                    years=", ".join("{:g}".format(y) for y in distinct)))

    def _warn_missing_crs(self, source, regions, feedback):
        """A layer without a CRS is taken to be in the other layer's CRS: say so."""
        layers = {self.INPUT: source, self.REGIONS: regions}
        missing = [name for name, layer in layers.items() if not layer.sourceCrs().isValid()]
        if len(missing) != 1:
            return
        other = self.REGIONS if missing[0] == self.INPUT else self.INPUT
        crs = layers[other].sourceCrs()
        feedback.pushWarning(self.tr(
            "{layer} has no coordinate reference system (CRS): its coordinates are taken to "
            "be in the CRS of {other} ({crs}). If they are not, units land in the wrong "
            "region or in none: set the layer's CRS (Layer Properties > Source) and run "
            "again.").format(layer=missing[0], other=other,
                             crs=crs.authid() or crs.description()))

    def _report_regions(self, polygons, id_field, feedback):
        if polygons.without_key:
            feedback.pushWarning(self.tr(
                "{count} polygon(s) of REGIONS have no value in '{field}' and are no "
                "region; units inside them count as unmatched.").format(
                    count=polygons.without_key, field=id_field))
        if polygons.without_geometry:
            feedback.pushWarning(self.tr(
                "Region(s) without geometry in REGIONS (no unit can fall in them): "
                "{regions}.").format(regions=", ".join(map(str, polygons.without_geometry))))
        if polygons.repaired:
            feedback.pushWarning(self.tr(
                "Region(s) with an invalid polygon in REGIONS (e.g. self-intersecting), "
                "repaired with makeValid before locating the units: {regions}. Check them "
                "with 'Check validity' or 'Fix geometries'.").format(
                    regions=", ".join(map(str, polygons.repaired))))

    def _report_unmatched(self, result, labels, reasons, ids, unit_codes, region_field,
                          feedback):
        rows = result.unmatched
        if not rows.size:
            return

        def unit(row):
            code = unit_codes[row] if unit_codes is not None else None
            return "{} (feature {})".format(code, ids[row]) if code not in (None, "") \
                else "feature {}".format(ids[row])

        texts = {
            NO_REGION: self.tr("have no region code in '{field}'").format(field=region_field),
            NO_GEOMETRY: self.tr("have no (or an empty) geometry"),
            OUTSIDE: self.tr("lie outside every region polygon"),
            TRANSFORM_FAILED: self.tr("could not be transformed to the CRS of REGIONS"),
            NO_YEAR: self.tr("have no year"),
        }
        by_reason = {}
        for row in rows.tolist():
            if labels[row] >= 0:
                reason = NO_YEAR
            else:
                reason = reasons.get(ids[row], NO_REGION)
            by_reason.setdefault(reason, []).append(row)
        feedback.pushWarning(self.tr(
            "{count} unit(s) fall in no region and are left out of every region:").format(
                count=int(rows.size)))
        for reason, reason_rows in by_reason.items():
            listed = describe_units(reason_rows, unit)
            feedback.pushWarning(self.tr("  {count} unit(s) {reason}: {units}").format(
                count=len(reason_rows), reason=texts[reason], units=listed))

    def _summarise(self, result, fields, feedback):
        counts = result.unit_counts
        feedback.pushInfo(self.tr(
            "{features} output feature(s) for {regions} region(s); {units} unit(s) "
            "aggregated, {unmatched} in no region.").format(
                features=result.groups.size, regions=result.region_count,
                units=int(counts.sum()), unmatched=int(result.unmatched.size)))
        empty = int(np.count_nonzero(counts == 0))
        if empty:
            feedback.pushWarning(self.tr(
                "{count} region(s) contain no unit: n_eenheden is 0 and their scores are "
                "NULL.").format(count=empty))
        for name in fields:
            nulls = int(np.isnan(result.statistics[name]).sum())
            if nulls and nulls != empty:
                feedback.pushInfo(self.tr("Field '{field}': {count} region(s) have no value "
                                          "(NULL).").format(field=name, count=nulls))


def _nullable(value):
    return None if value is None or value != value else value
