"""mdi:domainprofile: the "achterstandsprofiel" of regions (and their gemeenten) against the
national mean, as tables and as PNG/SVG bar charts (drawn by ``styling.charts``)."""

import os

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField,
                       QgsFields, QgsProcessingParameterField,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber,
                       QgsWkbTypes)

from ...compat import (FIELD_TYPE_ANY, SOURCE_TYPE_VECTOR, WKB_NO_GEOMETRY, new_field,
                       supports_threaded_font_rendering)
from ...core.compute import domain_field
from ...core.correlation import select_year
from ...core.errors import InputError
from ...core.fieldnames import find_shortened
from ...core.profile import REGION_LEVEL, domain_profile, group_names, region_of_rows
from ...core.spec import load_spec
from ...core.values import parse_numeric_column, parse_year_column
from ...i18n import tr_noop
from ...styling.charts import chart_jobs, profile_subtitle, write_chart
from ...styling.zones import read_region_names
from ..base import MdiAlgorithm
from ..feature_io import attribute_value, read_columns
from ..fields import (area_codes, name_field_of, region_field, require_field, warn_pooled_years,
                      year_like_field)
from ..parameters import count, field, input_source, number, sink, year_field
from ..progress import tick
from ..region_geometry import dissolve


class DomainProfileAlgorithm(MdiAlgorithm):
    """Domain scores of regions (and units within them) against the national mean."""

    NAME = "domainprofile"
    DISPLAY_NAME = tr_noop("Domain profile (achterstandsprofiel)")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,achterstandsprofiel,profiel,profile,domein,domain,grafiek,chart,"
                   "atlas,corop,regio")

    @property
    def MAIN_THREAD(self):  # noqa: N802 - the base's attribute
        """Charts are painted in the main thread when Qt cannot paint text in another."""
        return not supports_threaded_font_rendering()

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Input with mdi_<domain> fields (e.g. "
                                               "gemeenten)")))
        self.addParameter(QgsProcessingParameterField(
            "REGION_FIELD", self.tr("Region code field (e.g. coropcode)"),
            parentLayerParameterName="INPUT", type=FIELD_TYPE_ANY))
        self.addParameter(field("REGION_NAME_FIELD",
                                self.tr("Region name field (for chart titles)")))
        self.addParameter(field("UNIT_FIELD", self.tr("Unit field for profiles within "
                                                      "regions (e.g. gemeentecode)")))
        self.addParameter(field("UNIT_NAME_FIELD", self.tr("Unit name field (for chart "
                                                           "titles)")))
        self.addParameter(year_field())
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", self.tr("Year (with a year field)"), optional=True))
        self.addParameter(number("CHART_WIDTH", self.tr("Chart width (pixels)"), 800, 200,
                                 6000, decimals=False))
        self.addParameter(number("CHART_HEIGHT", self.tr("Chart height (pixels)"), 450, 150,
                                 6000, decimals=False))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", self.tr("Folder for the charts")))
        self.addParameter(sink(self.tr("Profile table"), types=SOURCE_TYPE_VECTOR))
        self.addParameter(sink(self.tr("Regions with profile"), "OUTPUT_REGIONS",
                               optional=True))
        self.addOutput(count("N_REGIONS", self.tr("Number of regions")))
        self.addOutput(count("N_CHARTS", self.tr("Number of charts (PNG + SVG pairs)")))

    def execute(self, run):
        source, spec = run.source(), load_spec()
        region = region_field(run, source)
        unit = run.field("UNIT_FIELD", source)
        if unit and unit == region:
            raise InputError("UNIT_FIELD and REGION_FIELD are the same field '{field}'.",
                             field=unit)
        region_name = run.field("REGION_NAME_FIELD", source) or name_field_of(source, region)
        unit_name = (run.field("UNIT_NAME_FIELD", source) or name_field_of(source, unit)) \
            if unit else None
        year_name = run.field("YEAR_FIELD", source)
        wanted_year = run.optional_number("YEAR")
        if wanted_year is not None and not year_name:
            raise InputError("YEAR is set but YEAR_FIELD is not: choose the field that holds "
                             "the year.")
        names = source.fields().names()      # mdi_inkome(n): a Shapefile keeps 10 characters
        domains = {d: find_shortened(domain_field(d), names) or
                   require_field(source, domain_field(d), "INPUT") for d in spec.domain_ids}
        year_like = year_like_field(source, year_name)

        read = list(dict.fromkeys(list(domains.values()) + [
            n for n in (region, region_name, unit, unit_name, year_name, year_like) if n]))
        ids, raw = read_columns(source, read, run.steps(4))
        if not ids:
            raise InputError("The input has no features: there is nothing to profile.")
        rows, used_year = np.ones(len(ids), dtype=bool), None
        if year_name:
            rows, used_year = select_year(parse_year_column(raw[year_name], year_name, ids),
                                          wanted_year)
        elif year_like:
            warn_pooled_years(run, raw[year_like], year_like)
        picked = np.flatnonzero(rows)
        picked_ids = [ids[row] for row in picked.tolist()]
        regions = area_codes(run, _rows(raw, region, picked), region, picked_ids)
        units = area_codes(run, _rows(raw, unit, picked), unit, picked_ids)
        profile = domain_profile({d: parse_numeric_column(raw[name], name, ids)[rows]
                                  for d, name in domains.items()}, regions, units)
        run.warn_all(profile.warnings)
        if not profile.regions.keys:
            raise InputError("No row has a region code in '{field}': there is no region to "
                             "profile.", field=region)
        if profile.without_region.size:
            run.warn("{count} row(s) have no region code in '{field}': they count for the "
                     "national mean only.", count=int(profile.without_region.size),
                     field=region)
        names = group_names(regions, units, _rows(raw, region_name, picked),
                            _rows(raw, unit_name, picked))
        _name_corop_regions(names, profile.regions.keys)
        group_of = dict(zip([ids[row] for row in picked.tolist()],
                            region_of_rows(profile, regions)))
        return self._write(run, source, spec, profile, names, group_of, used_year,
                           (region, unit))

    def _write(self, run, source, spec, profile, names, group_of, used_year, code_fields):
        """Create the outputs, write the charts, then the table and the region layer."""
        table_fields = profile_table_fields(source, *code_fields)
        table, table_id = run.sink("OUTPUT", table_fields, WKB_NO_GEOMETRY,
                                   QgsCoordinateReferenceSystem())
        has_geometry = source.wkbType() != WKB_NO_GEOMETRY
        region_fields = profile_region_fields(source, code_fields[0], spec)
        layer, layer_id = run.sink(
            "OUTPUT_REGIONS", region_fields,
            QgsWkbTypes.multiType(source.wkbType()) if has_geometry else WKB_NO_GEOMETRY,
            source.sourceCrs()) if run.is_set("OUTPUT_REGIONS") else (None, None)
        folder = run.output_folder("OUTPUT_FOLDER")
        labels = {d.id: d.label_nl for d in spec.domains}
        charts = self._charts(run, folder, profile, names, labels, used_year)
        year_value = None if used_year is None else int(used_year)

        feedback, total = run.step(2), len(profile.domains) * len(charts)
        for done, (level, region, unit, domain, score, mean, difference, n) in \
                enumerate(profile.rows()):
            tick(feedback, done, total)
            key = region if level == REGION_LEVEL else (region, unit)
            feature = QgsFeature(table_fields)
            feature.setAttributes([
                level, region, names.get((REGION_LEVEL, region)), unit,
                names.get((level, key)) if level != REGION_LEVEL else None, domain,
                labels[domain], attribute_value(score), attribute_value(mean),
                attribute_value(difference), n, year_value] + list(charts[(level, key)]))
            table.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        geometries = dissolve(source, group_of, len(profile.regions.keys), run.step(3)) \
            if has_geometry and layer is not None else None
        for index, (region, n, scores, differences) in enumerate(
                profile.region_rows() if layer is not None else []):
            feature = QgsFeature(region_fields)
            if geometries is not None and geometries[index] is not None:
                feature.setGeometry(geometries[index])
            feature.setAttributes([region, names.get((REGION_LEVEL, region)), n] +
                                  [attribute_value(v) for v in scores + differences] +
                                  [year_value] + list(charts[(REGION_LEVEL, region)]))
            layer.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        run.info("{regions} region profile(s), {charts} chart(s) in {folder}.",
                 regions=len(profile.regions.keys), charts=len(charts), folder=folder)
        return {"OUTPUT": table_id, "OUTPUT_REGIONS": layer_id, "OUTPUT_FOLDER": folder,
                "N_REGIONS": len(profile.regions.keys), "N_CHARTS": len(charts)}

    def _charts(self, run, folder, profile, names, labels, year_used):
        """Write one PNG + SVG per region and unit; {(level, key): (png, svg)}."""
        size = (run.integer("CHART_WIDTH"), run.integer("CHART_HEIGHT"))
        subtitle = profile_subtitle(year_used)
        chart_labels = [labels[d] for d in profile.domains]
        means = [profile.national[d] for d in profile.domains]
        jobs = chart_jobs(profile, names)
        feedback, charts = run.step(1), {}
        for done, (key, stem, title, scores) in enumerate(jobs):
            run.check_cancel()
            feedback.setProgress(100.0 * done / len(jobs))
            base = os.path.join(folder, stem)
            # staged: moved into place when the run succeeds; one record for the folder
            staged = os.path.splitext(run.written(base + ".png", "OUTPUT_FOLDER"))[0]
            run.written(base + ".svg", "OUTPUT_FOLDER")
            try:
                write_chart(staged, *size, title, subtitle, chart_labels, scores, means)
                charts[key] = (base + ".png", base + ".svg")
            except OSError as err:
                raise run.fail("Could not write the chart {path}: check that the folder is "
                               "writable and the disk is not full.", path=str(err)) from None
        return charts


def _name_corop_regions(names, keys):
    """Regions without a name from the input that are COROP codes get the COROP name of
    the bundled table, so chart titles show names as the maps do ("Groot-Amsterdam (CR23)",
    not "CR23")."""
    corop = read_region_names()
    for key in keys:
        if (REGION_LEVEL, key) not in names and str(key).upper() in corop:
            names[(REGION_LEVEL, key)] = corop[str(key).upper()]


def _rows(raw, name, picked):
    """The raw values of column ``name`` in the rows ``picked`` (None: no such field)."""
    return [raw[name][i] for i in picked] if name else None


def _renamed(source, name, new_name):
    copy = QgsField(source.fields().field(name))
    copy.setName(new_name)
    return copy


def _fields(*fields_):
    result = QgsFields()
    for one in fields_:
        result.append(one)
    return result


def profile_table_fields(source, region, unit):
    """Fields of the long table: one row per region (and unit) and domain."""
    return _fields(
        new_field("niveau", "string"), _renamed(source, region, "regio"),
        new_field("regionaam", "string"),
        _renamed(source, unit, "eenheid") if unit else new_field("eenheid", "string"),
        new_field("eenheidnaam", "string"),
        *(new_field(name, kind) for name, kind in (
            ("domein", "string"), ("domein_label", "string"), ("score", "double"),
            ("landelijk_gemiddelde", "double"), ("verschil", "double"), ("n", "int"),
            ("jaar", "int"), ("grafiek", "string"), ("grafiek_svg", "string"))))


def profile_region_fields(source, region, spec):
    """Fields of the region layer: scores, differences and chart paths per region."""
    return _fields(
        _renamed(source, region, "regio"), new_field("regionaam", "string"),
        new_field("n", "int"),
        *(new_field(domain_field(d), "double") for d in spec.domain_ids),
        *(new_field("verschil_" + d, "double") for d in spec.domain_ids),
        new_field("jaar", "int"), new_field("grafiek", "string"),
        new_field("grafiek_svg", "string"))
