"""mdi:aggregatetoregions: unit scores -> one feature per region (and year)."""

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureSink, QgsFields, QgsProcessingParameterEnum,
                       QgsWkbTypes)

from ...compat import SOURCE_TYPE_VECTOR_POLYGON, WKB_NO_GEOMETRY, new_field
from ...core.aggregate import (METHODS, NO_REGION, NO_YEAR, WEIGHTED_MEAN, aggregate,
                               class_field_of, code_labels, describe_units,
                               membership_mode, output_columns, parse_units)
from ...core.errors import InputError
from ...core.spec import load_spec
from ...i18n import tr, tr_noop
from .. import fields
from ..base import MdiAlgorithm
from ..feature_io import read_columns
from ..parameters import count, field, input_source, sink, year_field
from ..progress import tick
from ..region_geometry import (NO_GEOMETRY, OUTSIDE, TRANSFORM_FAILED, RegionPolygons,
                               dissolve, locate_units)

#: Region id fields tried, in this order, when REGIONS_ID_FIELD is empty.
REGION_ID_FIELDS = ("coropcode", "statcode", "gemeentecode", "regiocode", "code")
NOTHING = tr_noop("The input has no features: nothing to aggregate.")
UNMATCHED = {
    NO_REGION: tr_noop("have no region code in '{field}'"),
    NO_GEOMETRY: tr_noop("have no (or an empty) geometry"),
    OUTSIDE: tr_noop("lie outside every region polygon"),
    TRANSFORM_FAILED: tr_noop("could not be transformed to the CRS of REGIONS"),
    NO_YEAR: tr_noop("have no year"),
}


class Settings:
    """The checked parameters of one run (field names as spelled in their layer)."""

    def __init__(self, run, source):
        self.region_field, self.regions, self.id_field = self._membership(run, source)
        self.method = run.choice("METHOD", METHODS)
        if self.method == WEIGHTED_MEAN and not run.is_set("WEIGHT_FIELD"):
            raise InputError("METHOD 'mean weighted by the weight field' needs WEIGHT_FIELD: "
                             "choose the field with the weights, e.g. inwoners.")
        self.weight_field = run.field("WEIGHT_FIELD", source)
        self.year_field = run.field("YEAR_FIELD", source)
        if self.year_field and self.year_field == self.region_field:
            raise InputError("YEAR_FIELD and REGION_FIELD are the same field '{field}'.",
                             field=self.region_field)
        names = source.fields().names()
        self.fields = run.field_list("FIELDS", source) or \
            fields.default_fields(run, source, load_spec())
        if not self.fields:
            raise InputError("FIELDS is empty and the input has no field 'mdi' or "
                             "'mdi_<domain>': choose the numeric fields to aggregate, or run "
                             "Compute MDI first.")
        roles = {name.lower(): role for name, role in (
            (self.year_field, tr("the year field")),
            (self.region_field, tr("the region code field"))) if name}
        for name in self.fields:
            if name.lower() in roles:
                raise InputError("FIELDS contains '{field}', which is {role}; it cannot also "
                                 "be aggregated.", field=name, role=roles[name.lower()])
        #: {aggregated field: its <field>_klasse field}
        self.class_fields = {f: c for f, c in ((f, class_field_of(f, names))
                                               for f in self.fields) if c}
        #: a unit code field to name units in the log
        self.label_field = next((f for f in (fields.find(source, n) for n in
                                             fields.UNIT_LABEL_FIELDS)
                                 if f and f != self.region_field), None)
        #: a field of years that is not YEAR_FIELD (a warning when it has several years)
        self.year_like = fields.year_like_field(source, self.year_field)

    def columns(self):
        """The input fields to read, each once."""
        return list(dict.fromkeys(self.fields + list(self.class_fields.values()) + [
            n for n in (self.region_field, self.weight_field, self.year_field,
                        self.label_field, self.year_like) if n]))

    @staticmethod
    def _membership(run, source):
        """(REGION_FIELD, REGIONS source, REGIONS_ID_FIELD); exactly one way is set."""
        mode = membership_mode(*map(run.is_set, ("REGION_FIELD", "REGIONS", "REGIONS_ID_FIELD")))
        if mode == "REGION_FIELD":
            return fields.region_field(run, source), None, None
        if source.wkbType() == WKB_NO_GEOMETRY:
            raise InputError("REGIONS locates units by their geometry, but the input is a "
                             "table without geometry: use REGION_FIELD (a region code "
                             "field) instead.")
        regions = run.source("REGIONS")
        if regions.featureCount() == 0:
            raise InputError("REGIONS has no features: there are no regions to aggregate to.")
        id_field = run.field("REGIONS_ID_FIELD", regions, layer="REGIONS") or next(
            (f for f in (fields.find(regions, n) for n in REGION_ID_FIELDS) if f), None)
        if id_field is None:
            raise InputError("Choose REGIONS_ID_FIELD, the field of REGIONS that identifies "
                             "each region (none of {names} was found).",
                             names=", ".join(REGION_ID_FIELDS))
        return None, regions, id_field


class AggregateToRegionsAlgorithm(MdiAlgorithm):
    """Aggregate unit scores to regions by a code field or by region polygons."""

    NAME = "aggregatetoregions"
    DISPLAY_NAME = tr_noop("Aggregate to COROP / regions")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,corop,regio,region,aggregeren,aggregate,gemiddelde,mean,"
                   "dissolve,buurt,gemeente")
    OUTPUT_STYLE = "mdi_classes"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Units (gemeenten, buurten)")))
        self.addParameter(field("REGION_FIELD",
                                self.tr("Region code field in the input (e.g. coropcode)")))
        self.addParameter(input_source(self.tr("Or: region polygons"), "REGIONS",
                                       [SOURCE_TYPE_VECTOR_POLYGON], optional=True))
        self.addParameter(field("REGIONS_ID_FIELD",
                                self.tr("Region id field of the region polygons"),
                                parent="REGIONS"))
        self.addParameter(field("FIELDS", self.tr("Fields to aggregate (empty = mdi and "
                                                  "mdi_<domain>)"), multiple=True))
        self.addParameter(QgsProcessingParameterEnum(
            "METHOD", self.tr("Method"),
            [self.tr("Mean (unweighted, as in the report)"),
             self.tr("Mean weighted by the weight field"), self.tr("Median"),
             self.tr("Minimum"), self.tr("Maximum")], defaultValue=0))
        self.addParameter(field("WEIGHT_FIELD", self.tr("Weight field (e.g. inwoners)")))
        self.addParameter(year_field(self.tr("Year field (one feature per region and year)")))
        self.addParameter(sink(self.tr("Regions")))
        self.addOutput(count("N_REGIONS", self.tr("Number of regions")))
        self.addOutput(count("N_UNMATCHED", self.tr("Number of units in no region")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of output features")))

    def execute(self, run):
        source = run.source()
        if source.featureCount() == 0:
            raise InputError(NOTHING)
        s = Settings(run, source)
        run.info("Reading {count} field(s) of {features} unit(s)...",
                 count=len(s.columns()), features=source.featureCount())
        ids, raw = read_columns(source, s.columns(), run.steps(4))
        if not ids:
            raise InputError(NOTHING)
        units = parse_units(raw, ids, s.fields, s.class_fields, s.weight_field, s.year_field)
        if s.year_like:
            fields.warn_pooled_years(run, raw[s.year_like], s.year_like)
        if s.region_field:
            labels, keys, warnings = code_labels(raw[s.region_field], s.region_field, ids)
            run.warn_all(warnings)
            reasons, polygons = {}, None
        else:
            polygons = self._read_regions(run, source, s)
            labels, reasons = self._locate(run, source, polygons, ids)
            keys = polygons.regions
        result = aggregate(labels, keys, units.columns, s.method, units.weights, units.years,
                           units.classes, keep_all=polygons is not None)
        run.warn_all(result.warnings)
        self._report_unmatched(run, result.unmatched_by_reason(labels, reasons, ids),
                               fields.unit_labeller(raw.get(s.label_field), ids),
                               s.region_field)
        dest_id = self._write(run, source, s, polygons, result, ids)
        self._summarise(run, result, s.fields)
        return {"OUTPUT": dest_id, "N_REGIONS": result.region_count,
                "N_UNMATCHED": int(result.unmatched.size),
                "FEATURE_COUNT": result.groups.size}

    # -- regions and geometry -----------------------------------------------------------

    @staticmethod
    def _read_regions(run, source, s):
        """The RegionPolygons of REGIONS, with warnings about what is odd in the layers."""
        run.info("Reading the region polygons...")
        polygons = RegionPolygons(s.regions, s.id_field, run.step(1))
        if polygons.without_key:
            run.warn("{count} polygon(s) of REGIONS have no value in '{field}' and are no "
                     "region; units inside them count as unmatched.",
                     count=polygons.without_key, field=s.id_field)
        if polygons.without_geometry:
            run.warn("Region(s) without geometry in REGIONS (no unit can fall in them): "
                     "{regions}.", regions=", ".join(map(str, polygons.without_geometry)))
        if polygons.repaired:
            run.warn("Region(s) with an invalid polygon in REGIONS (e.g. self-intersecting), "
                     "repaired with makeValid before locating the units: {regions}. Check "
                     "them with 'Check validity' or 'Fix geometries'.",
                     regions=", ".join(map(str, polygons.repaired)))
        layers = {"INPUT": source, "REGIONS": s.regions}
        missing = [name for name, layer in layers.items() if not layer.sourceCrs().isValid()]
        if len(missing) == 1:        # taken to be in the other layer's CRS: say so
            other = "REGIONS" if missing[0] == "INPUT" else "INPUT"
            crs = layers[other].sourceCrs()
            run.warn("{layer} has no coordinate reference system (CRS): its coordinates are "
                     "taken to be in the CRS of {other} ({crs}). If they are not, units land "
                     "in the wrong region or in none: set the layer's CRS (Layer Properties "
                     "> Source) and run again.", layer=missing[0], other=other,
                     crs=crs.authid() or crs.description())
        return polygons

    @staticmethod
    def _locate(run, source, polygons, ids):
        """(region label per unit, {feature id: reason} of the units in no region)."""
        run.info("Locating the units in the regions (point on surface)...")
        region_of, reasons, ambiguous = locate_units(
            source, polygons, run.context.transformContext(), run.step(2))
        if ambiguous:
            run.warn("{count} unit(s) lie in more than one region polygon (overlapping "
                     "regions); each went to the first region in layer order.",
                     count=ambiguous)
        return np.array([region_of.get(f, -1) for f in ids], dtype=np.int64), reasons

    @staticmethod
    def _geometries(run, source, s, polygons, groups, ids):
        """(geometry or None per group, geometry type, CRS) of the output."""
        if polygons is not None:
            shapes = {key: polygons.geometry(r) for r, key in enumerate(polygons.regions)}
            return ([shapes[key] for key in groups.regions],
                    QgsWkbTypes.multiType(s.regions.wkbType()), s.regions.sourceCrs())
        if source.wkbType() == WKB_NO_GEOMETRY:
            return [None] * groups.size, WKB_NO_GEOMETRY, source.sourceCrs()
        run.info("Dissolving the units into {count} output feature(s)...", count=groups.size)
        geometries = dissolve(source, dict(zip(ids, groups.inverse.tolist())), groups.size,
                              run.step(2))
        return geometries, QgsWkbTypes.multiType(source.wkbType()), source.sourceCrs()

    def _write(self, run, source, s, polygons, result, ids):
        """Write one feature per group; returns the destination id."""
        geometries, wkb_type, crs = self._geometries(run, source, s, polygons, result.groups,
                                                     ids)
        new = [new_field(name, kind) for name, kind in
               output_columns(s.region_field, s.year_field, s.fields, result.shares)]
        out_fields, region_values = self._output_fields(run, source, s, polygons, new)
        sink_, dest_id = run.sink("OUTPUT", out_fields, wkb_type, crs)
        feedback = run.step(3)
        for group, (key, values) in enumerate(result.rows(s.fields)):
            tick(feedback, group, len(geometries), every=500)
            feature = QgsFeature(out_fields)
            if geometries[group] is not None:
                feature.setGeometry(geometries[group])
            feature.setAttributes(region_values(key) + values)
            if not sink_.addFeature(feature, QgsFeatureSink.Flag.FastInsert):
                raise run.fail("Could not write the output feature of region '{region}': "
                               "{error}", region=key, error=sink_.lastError() or "?")
        return dest_id

    @staticmethod
    def _output_fields(run, source, s, polygons, new):
        """(QgsFields, function giving the region attributes of a region key): the region
        code field, or the fields of REGIONS but fid and names of new fields; then ``new``."""
        out, kept = QgsFields(), []
        if polygons is None:
            out.append(source.fields().field(s.region_field))
        else:
            taken = {f.name().lower() for f in new}
            for index, region_attr in enumerate(s.regions.fields()):
                name = region_attr.name()
                if name.lower() in taken and name.lower() != "fid":
                    run.warn("Field '{field}' of REGIONS is not copied: the output has its "
                             "own field of that name.", field=name)
                elif name.lower() != "fid":
                    kept.append(index)
                    out.append(region_attr)
        for new_attr in new:
            out.append(new_attr)
        if polygons is None:
            return out, lambda key: [key]
        attributes = dict(zip(polygons.regions, polygons.attributes))
        return out, lambda key: [attributes[key][i] for i in kept]

    # -- log ----------------------------------------------------------------------------

    def _report_unmatched(self, run, by_reason, label, region_field):
        if not by_reason:
            return
        run.warn("{count} unit(s) fall in no region and are left out of every region:",
                 count=sum(len(rows) for rows in by_reason.values()))
        for reason, rows in by_reason.items():
            run.warn("  {count} unit(s) {reason}: {units}", count=len(rows),
                     reason=self.tr(UNMATCHED[reason]).format(field=region_field),
                     units=describe_units(rows, label))

    @staticmethod
    def _summarise(run, result, names):
        counts = result.unit_counts
        run.info("{features} output feature(s) for {regions} region(s); {units} unit(s) "
                 "aggregated, {unmatched} in no region.", features=result.groups.size,
                 regions=result.region_count, units=int(counts.sum()),
                 unmatched=int(result.unmatched.size))
        empty = int(np.count_nonzero(counts == 0))
        if empty:
            run.warn("{count} region(s) contain no unit: n_eenheden is 0 and their scores "
                     "are NULL.", count=empty)
        for name in names:
            nulls = int(np.isnan(result.statistics[name]).sum())
            if nulls and nulls != empty:
                run.info("Field '{field}': {count} region(s) have no value (NULL).",
                         field=name, count=nulls)
