"""mdi:exportmap: a styled MDI map through the print layout template to PNG and / or PDF,
headless (qgis_process) or from the toolbox."""

import os

from qgis.core import (QgsFeatureRequest, QgsProcessingException, QgsProcessingOutputString,
                       QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString,
                       QgsProcessingParameterVectorLayer, QgsProject)

from ...compat import FIELD_TYPE_NUMERIC, SOURCE_TYPE_VECTOR_POLYGON
from ...core.errors import InputError
from ...core.zones import read_zone_csv
from ...i18n import tr, tr_noop
from ...styling.classes import CHANGE, FIXED, QUARTILES
from ...styling.layout import (DEFAULT_SOURCE, DEFAULT_TITLE, NOTE_ID, ExportError,
                               export_layout, field_title, layers_extent, legend_labels,
                               load_template, prepare_layout, subtitle_text)
from ...styling.renderers import apply_choropleth, year_field_of, years_of
from ...styling.topn import highlight_layer
from ...styling.zones import (ZONES_HEADING, apply_zone_overlay, more_label_candidates,
                              read_region_names)
from ..base import MdiAlgorithm
from ..parameters import field, number, year, year_field

SCHEMES = (FIXED, QUARTILES, CHANGE)


class ExportMapAlgorithm(MdiAlgorithm):
    """Style a layer (and a zone overlay) and export the map layout to PNG / PDF."""

    NAME = "exportmap"
    DISPLAY_NAME = tr_noop("Export MDI map (PNG / PDF)")
    GROUP_ID = "maps"
    TAGS = tr_noop("mdi,kaart,map,export,png,pdf,layout,afdruk,print,legenda,legend,zones,"
                   "corop")
    MAIN_THREAD = True      # layout rendering (fonts, SVG)

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterVectorLayer(
            "INPUT", self.tr("Layer to map (gemeenten, buurten or regions)"),
            [SOURCE_TYPE_VECTOR_POLYGON]))
        self.addParameter(field("FIELD", self.tr("Field (empty: mdi)"), default="mdi",
                                field_type=FIELD_TYPE_NUMERIC))
        self.addParameter(QgsProcessingParameterEnum(
            "SCHEME", self.tr("Class scheme"),
            [self.tr("Report breaks 40 / 50 / 60"), self.tr("Quartiles of the features with data"),
             self.tr("Change between two years (diverging, centred on 0)")], defaultValue=0))
        self.addParameter(year_field(self.tr("Year field (empty: 'jaar' when present)")))
        self.addParameter(year(self.tr("Year (empty: the latest)")))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "ZONES", self.tr("Zone overlay: regions with a 'zone' field or COROP codes"),
            [SOURCE_TYPE_VECTOR_POLYGON], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "ZONE_TABLE", self.tr("Zone table (CSV code,zone; empty: the bundled COROP "
                                  "table)"), extension="csv", optional=True))
        self.addParameter(number("TOP_N", self.tr("Highlight the N highest features (0 = "
                                                  "none)"), 0, 0, 1000, decimals=False))
        self.addParameter(QgsProcessingParameterString(
            "GEMEENTE", self.tr("Top N within gemeente (code or name; empty: all)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "TITLE", self.tr("Title"), defaultValue=DEFAULT_TITLE))
        self.addParameter(QgsProcessingParameterString(
            "SUBTITLE", self.tr("Subtitle (empty: field, year and scheme)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SOURCE", self.tr("Source (shown as 'Bron: … · bewerking MDI voor QGIS')"),
            defaultValue=DEFAULT_SOURCE))
        self.addParameter(number("DPI", self.tr("Resolution (DPI)"), 150, 36, 1200,
                                 decimals=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PNG", self.tr("Map as PNG"), self.tr("PNG files (*.png)"),
            optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PDF", self.tr("Map as PDF"), self.tr("PDF files (*.pdf)"),
            optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString("LEGEND", self.tr("Legend entries")))
        self.addOutput(QgsProcessingOutputString("YEAR_USED", self.tr("Year mapped")))

    def execute(self, run):
        layer = run.layer()
        if not _has_features(layer):
            raise InputError("The input '{layer}' has no features: nothing to map.",
                             layer=layer.name())
        field_name = run.field("FIELD", layer, default="mdi")
        scheme = run.choice("SCHEME", SCHEMES)
        png, pdf = run.file_output("OUTPUT_PNG"), run.file_output("OUTPUT_PDF")
        if not png and not pdf:
            raise InputError("Nothing to export: give OUTPUT_PNG and/or OUTPUT_PDF.")
        year_name, year_ = self._year(run, layer)
        project = QgsProject()
        try:
            return self._export(run, project, layer, field_name, scheme, year_name, year_,
                                (png, pdf))
        finally:
            # Free the copied layers now, not at interpreter exit (after QGIS is gone),
            # also when the export failed and a traceback still holds this frame.
            project.clear()

    def _export(self, run, project, layer, field_name, scheme, year_name, year_, files):
        """Style copies of the layers in ``project``, fill the template, write the files."""
        project.setCrs(layer.crs())
        more_label_candidates(project)
        title = field_title(field_name) + ("" if year_ is None else " {}".format(year_))
        choropleth = _clone(layer, project, title)
        used = apply_choropleth(choropleth, field_name, scheme, year_, year_name)
        run.info("Classes: {labels}", labels="; ".join(used.labels))
        map_layers = [choropleth]
        for extra in (self._top_n(run, project, choropleth, field_name, year_, year_name),
                      self._zones(run, project, year_)):
            if extra is not None:
                map_layers.insert(0, extra)
        run.feedback.setProgress(20)
        run.info("Preparing the layout...")
        try:
            layout = load_template(project)
            prepare_layout(
                layout, map_layers,
                extent=layers_extent([choropleth], choropleth.crs(),
                                     project.transformContext()),
                title=run.text("TITLE"),
                subtitle=run.text("SUBTITLE") or subtitle_text(field_name, year_, scheme),
                source=run.text("SOURCE"))
            written = self._write(run, layout, files)
        except ExportError as err:
            raise QgsProcessingException(str(err)) from None
        legend = " | ".join("{}: {}".format(name, "; ".join(labels))
                            for name, labels in legend_labels(layout))
        note = layout.itemById(NOTE_ID)
        if note is not None:        # the map lists the region names it could not place
            run.feedback.pushWarning(note.text())     # already in the UI language
        for path in written.values():
            run.info("Written: {path}", path=path)
        run.feedback.setProgress(100)
        return {"OUTPUT_PNG": written.get("png"), "OUTPUT_PDF": written.get("pdf"),
                "LEGEND": legend, "YEAR_USED": "" if year_ is None else str(year_)}

    @staticmethod
    def _write(run, layout, files):
        """Export the PNG and / or the PDF, one after the other, saying which (rendering
        takes seconds and runs in the main thread: progress keeps QGIS responsive)."""
        todo = [(kind, path) for kind, path in zip(("png", "pdf"), files) if path]
        written = {}
        for index, (kind, path) in enumerate(todo):
            run.check_cancel()
            run.feedback.setProgress(40 + 55 * index / len(todo))
            run.info("Rendering {kind}...", kind=kind.upper())
            written.update(export_layout(layout, path if kind == "png" else None,
                                         path if kind == "pdf" else None, run.integer("DPI")))
        return written

    @staticmethod
    def _year(run, layer):
        """(year field, year) to map; the latest year of a long-format layer by default."""
        year_name = run.field("YEAR_FIELD", layer) or year_field_of(layer)
        years = years_of(layer, year_name) if year_name else []
        if run.is_set("YEAR"):
            year_ = run.integer("YEAR")
            if not year_name:
                raise InputError("YEAR {year} given, but layer '{layer}' has no year field; "
                                 "set YEAR_FIELD.", year=year_, layer=layer.name())
            if year_ not in years:
                raise InputError("Year {year} does not occur in field '{field}' of layer "
                                 "'{layer}' (years: {years}).", year=year_, field=year_name,
                                 layer=layer.name(), years=", ".join(map(str, years)) or "-")
            return year_name, year_
        if len(years) > 1:
            run.info("Layer has years {years}; mapping the latest, {year} (set YEAR for "
                     "another).", years=", ".join(map(str, years)), year=years[-1])
        return (year_name, years[-1]) if years else (None, None)

    @staticmethod
    def _top_n(run, project, layer, field_name, year_, year_name):
        """The top-N highlight layer in ``project``, or None (TOP_N = 0)."""
        count = run.integer("TOP_N")
        if count <= 0:
            return None
        top = highlight_layer(layer, field_name, count, run.text("GEMEENTE"), year_, year_name)
        project.addMapLayer(top)
        return top

    @staticmethod
    def _zones(run, project, year_):
        """A styled copy of the ZONES layer in ``project``, or None."""
        zones = run.layer("ZONES", optional=True)
        if zones is None:
            return None
        if not _has_features(zones):
            raise InputError("The zone layer '{layer}' (ZONES) has no features: there are no "
                             "zones to draw. Leave ZONES empty or choose a layer with the "
                             "regions.", layer=zones.name())
        table_path = run.file("ZONE_TABLE")
        table = read_zone_csv(table_path) if table_path else None
        names = read_region_names(table_path)
        clone = _clone(zones, project, tr(ZONES_HEADING))
        found = apply_zone_overlay(clone, table, names=names,
                                   year=year_ if year_ in years_of(clone) else None)
        if found["unknown"]:
            run.warn("{count} region(s) have no zone (not in the zone table): {values}.",
                     count=len(found["unknown"]), values=", ".join(found["unknown"]))
        if table_path:
            run.info("Zones from {path}", path=os.path.basename(table_path))
        return clone


def _has_features(layer):
    """True when ``layer`` has at least one feature (a count of -1 means unknown)."""
    count = layer.featureCount()
    if count >= 0:
        return count > 0
    request = QgsFeatureRequest().setLimit(1).setNoAttributes()
    return next(iter(layer.getFeatures(request)), None) is not None


def _clone(layer, project, name):
    """A copy of ``layer`` in ``project`` (styling never touches the input layer)."""
    clone = layer.clone()
    clone.setName(name)
    project.addMapLayer(clone)
    return clone
