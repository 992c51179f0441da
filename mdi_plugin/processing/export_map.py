"""Processing algorithm mdi:exportmap: a styled MDI map through the print layout template
to PNG and / or PDF, headless (qgis_process) or from the toolbox."""

import os

from qgis.core import (QgsProcessingException, QgsProcessingOutputString,
                       QgsProcessingParameterEnum, QgsProcessingParameterField,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsProcessingParameterVectorLayer, QgsProject)

from ..compat import (ALG_FLAG_NO_THREADING, FIELD_TYPE_ANY, FIELD_TYPE_NUMERIC,
                      SOURCE_TYPE_VECTOR_POLYGON, is_null)
from ..core.errors import MdiError
from ..core.zones import read_zone_csv
from ..styling.classes import CHANGE, FIXED, QUARTILES
from ..styling.layout import (DEFAULT_SOURCE, DEFAULT_TITLE, ExportError, export_layout,
                              field_title, layers_extent, legend_labels, load_template,
                              prepare_layout, subtitle_text)
from ..styling.renderers import apply_choropleth, year_field_of, years_of
from ..styling.topn import highlight_layer
from ..styling.zones import apply_zone_overlay, read_region_names
from .base import MdiAlgorithm

SCHEMES = (FIXED, QUARTILES, CHANGE)

HELP = """
<p><b>Nederlands.</b> Maakt een kaart zoals in het MDI-rapport en exporteert die als PNG
en/of PDF via het afdruksjabloon van de plugin (resources/layouts/mdi_kaart.qpt): kaart,
legenda "Toelichting schalen" met alle klassen en "Geen gegevens", titel, ondertitel met
veld en jaar, bronregel, schaalstok en noordpijl. Werkt ook zonder QGIS-venster
(qgis_process). De invoerlagen worden niet gewijzigd.</p>
<ul>
<li><b>Laag</b>: vlakkenlaag met het veld (gemeenten, buurten, regio's).</li>
<li><b>Klassenindeling</b>: de vaste grenzen van het rapport (40/50/60: Laag, Gematigd, Hoog,
Zeer hoog); kwartielen van de gebieden met gegevens (zoals de buurtkaarten van het rapport);
of verandering (verschil tussen twee jaren in procentpunten, divergerend rond 0: verbeterd /
verslechterd). Lege waarden krijgen altijd de klasse "Geen gegevens".</li>
<li><b>Jaar</b>: voor lagen met meerdere jaren (veld jaar): alleen dat jaar; leeg = het
laatste jaar.</li>
<li><b>Zones</b>: regiolaag met een veld zone (uitvoer van mdi:flagperiphery) of een
COROP-laag met codes (dan de zonetabel, standaard de meegeleverde); getekend als omtrekken per
zone, focusregio's met een dikke lijn, regionamen als label.</li>
<li><b>Top N</b>: markeert de N gebieden met de hoogste waarde (0 = geen), eventueel binnen
één gemeente (code of naam).</li>
<li><b>PNG / PDF</b>: minstens één van beide. <b>DPI</b>: resolutie (PNG-grootte = A4 bij deze
resolutie).</li>
</ul>
<p><b>English.</b> Makes a map like the report's and exports it to PNG and/or PDF through
the plugin's print layout template: map, legend "Toelichting schalen" with every class and
"Geen gegevens", title, subtitle with field and year, source line, scale bar and north arrow.
Runs headless (qgis_process). Input layers are not modified.</p>
<ul>
<li><b>Layer</b>: polygon layer with the field. <b>Scheme</b>: the report's fixed breaks
40/50/60; quartiles of the features with data; or change (difference between two years in
percentage points, diverging around 0). NULL values always get "Geen gegevens".</li>
<li><b>Year</b>: for long-format layers (a year field): that year only; empty = the latest.</li>
<li><b>Zones</b>: a region layer with a zone field (output of mdi:flagperiphery) or a COROP
layer with codes (joined with the zone table, default the bundled one): outlines per zone,
focus regions heavy, region names as labels.</li>
<li><b>Top N</b>: highlights the N highest features (0 = none), optionally within one
gemeente (code or name).</li>
<li><b>PNG / PDF</b>: at least one. <b>DPI</b>: resolution (PNG size = A4 at that DPI).</li>
</ul>
"""


class ExportMapAlgorithm(MdiAlgorithm):
    """Style a layer (and a zone overlay) and export the map layout to PNG / PDF."""

    NAME = "exportmap"
    GROUP_ID = "maps"

    INPUT = "INPUT"
    FIELD = "FIELD"
    SCHEME = "SCHEME"
    YEAR_FIELD = "YEAR_FIELD"
    YEAR = "YEAR"
    ZONES = "ZONES"
    ZONE_TABLE = "ZONE_TABLE"
    TOP_N = "TOP_N"
    GEMEENTE = "GEMEENTE"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    SOURCE = "SOURCE"
    DPI = "DPI"
    OUTPUT_PNG = "OUTPUT_PNG"
    OUTPUT_PDF = "OUTPUT_PDF"
    LEGEND = "LEGEND"
    YEAR_USED = "YEAR_USED"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Export MDI map (PNG / PDF)")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,kaart,map,export,png,pdf,layout,afdruk,print,legenda,legend,"
                       "zones,corop").split(",")

    def flags(self):
        # Layout rendering (fonts, SVG) belongs in the main thread.
        return super().flags() | ALG_FLAG_NO_THREADING

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.INPUT, self.tr("Layer to map (gemeenten, buurten or regions)"),
            [SOURCE_TYPE_VECTOR_POLYGON]))
        # optional: QGIS 3.22 does not fill in a field parameter's default when checking
        self.addParameter(QgsProcessingParameterField(
            self.FIELD, self.tr("Field (empty: mdi)"), defaultValue="mdi",
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.SCHEME, self.tr("Class scheme"),
            [self.tr("Report breaks 40 / 50 / 60"), self.tr("Quartiles of the features with data"),
             self.tr("Change between two years (diverging, centred on 0)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field (empty: 'jaar' when present)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        year = QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (empty: the latest)"), optional=True, minValue=1800,
            maxValue=2200)
        self.addParameter(year)
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.ZONES, self.tr("Zone overlay: regions with a 'zone' field or COROP codes"),
            [SOURCE_TYPE_VECTOR_POLYGON], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.ZONE_TABLE, self.tr("Zone table (CSV code,zone; empty: the bundled COROP "
                                     "table)"), extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.TOP_N, self.tr("Highlight the N highest features (0 = none)"),
            defaultValue=0, minValue=0, maxValue=1000))
        self.addParameter(QgsProcessingParameterString(
            self.GEMEENTE, self.tr("Top N within gemeente (code or name; empty: all)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.TITLE, self.tr("Title"), defaultValue=DEFAULT_TITLE))
        self.addParameter(QgsProcessingParameterString(
            self.SUBTITLE, self.tr("Subtitle (empty: field, year and scheme)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.SOURCE, self.tr("Source (shown as 'Bron: … · bewerking MDI voor QGIS')"),
            defaultValue=DEFAULT_SOURCE))
        self.addParameter(QgsProcessingParameterNumber(
            self.DPI, self.tr("Resolution (DPI)"), defaultValue=150, minValue=36,
            maxValue=1200))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PNG, self.tr("Map as PNG"), self.tr("PNG files (*.png)"),
            optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PDF, self.tr("Map as PDF"), self.tr("PDF files (*.pdf)"),
            optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputString(self.LEGEND, self.tr("Legend entries")))
        self.addOutput(QgsProcessingOutputString(self.YEAR_USED, self.tr("Year mapped")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        field = self.parameterAsString(parameters, self.FIELD, context) or "mdi"
        if layer.fields().indexOf(field) < 0:
            raise QgsProcessingException(self.tr(
                "Layer '{layer}' has no field '{field}'. Its numeric fields are: {fields}.")
                .format(layer=layer.name(), field=field, fields=", ".join(
                    f.name() for f in layer.fields() if f.isNumeric()) or "-"))
        scheme = SCHEMES[self.parameterAsEnum(parameters, self.SCHEME, context)]
        png = self.parameterAsFileOutput(parameters, self.OUTPUT_PNG, context)
        pdf = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        if not png and not pdf:
            raise QgsProcessingException(self.tr(
                "Nothing to export: give OUTPUT_PNG and/or OUTPUT_PDF."))
        year_field, year = self._year(parameters, context, layer, feedback)
        project = QgsProject()
        try:
            return self._export(parameters, context, feedback, layer, field, scheme, png, pdf,
                                year_field, year, project)
        finally:
            # Free the copied layers now, not at interpreter exit (after QGIS is gone),
            # also when the export failed and a traceback still holds this frame.
            project.clear()

    def _export(self, parameters, context, feedback, layer, field, scheme, png, pdf,
                year_field, year, project):
        """Style copies of the layers in ``project``, fill the template, write the files."""
        project.setCrs(layer.crs())
        choropleth = self._clone(layer, project, self._title(field, year))
        try:
            used = apply_choropleth(choropleth, field, scheme, year, year_field)
        except MdiError as err:
            raise self.error(err) from None
        feedback.pushInfo(self.tr("Classes: {labels}").format(labels="; ".join(used.labels)))
        map_layers = [choropleth]
        top = self._top_n(parameters, context, choropleth, field, year, year_field, project)
        if top is not None:
            map_layers.insert(0, top)
        zones = self._zones(parameters, context, project, year, feedback)
        if zones is not None:
            map_layers.insert(0, zones)
        feedback.setProgress(40)
        try:
            layout = load_template(project)
            prepare_layout(
                layout, map_layers,
                extent=layers_extent([choropleth], choropleth.crs(),
                                     project.transformContext()),
                title=self.parameterAsString(parameters, self.TITLE, context) or None,
                subtitle=self.parameterAsString(parameters, self.SUBTITLE, context) or
                subtitle_text(field, year, scheme),
                source=self.parameterAsString(parameters, self.SOURCE, context) or None)
            files = export_layout(layout, png, pdf,
                                  self.parameterAsInt(parameters, self.DPI, context))
        except ExportError as err:
            raise QgsProcessingException(str(err)) from None
        legend = " | ".join("{}: {}".format(name, "; ".join(labels))
                            for name, labels in legend_labels(layout))
        for path in files.values():
            feedback.pushInfo(self.tr("Written: {path}").format(path=path))
        feedback.setProgress(100)
        return {self.OUTPUT_PNG: files.get("png"), self.OUTPUT_PDF: files.get("pdf"),
                self.LEGEND: legend, self.YEAR_USED: "" if year is None else str(year)}

    def _year(self, parameters, context, layer, feedback):
        """(year field, year) to map; the latest year of a long-format layer by default."""
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or \
            year_field_of(layer)
        given = parameters.get(self.YEAR)
        has_year = not is_null(given) and str(given).strip() != ""
        years = years_of(layer, year_field) if year_field else []
        if has_year:
            year = self.parameterAsInt(parameters, self.YEAR, context)
            if not year_field:
                raise QgsProcessingException(self.tr(
                    "YEAR {year} given, but layer '{layer}' has no year field; set "
                    "YEAR_FIELD.").format(year=year, layer=layer.name()))
            if year not in years:
                raise QgsProcessingException(self.tr(
                    "Year {year} does not occur in field '{field}' of layer '{layer}' "
                    "(years: {years}).").format(year=year, field=year_field,
                                                layer=layer.name(),
                                                years=", ".join(map(str, years)) or "-"))
            return year_field, year
        if len(years) > 1:
            feedback.pushInfo(self.tr("Layer has years {years}; mapping the latest, {year} "
                                      "(set YEAR for another).").format(
                                          years=", ".join(map(str, years)), year=years[-1]))
        return (year_field, years[-1]) if years else (None, None)

    @staticmethod
    def _title(field, year):
        return field_title(field) + ("" if year is None else " {}".format(year))

    @staticmethod
    def _clone(layer, project, name):
        """A copy of ``layer`` in ``project`` (styling never touches the input layer)."""
        clone = layer.clone()
        clone.setName(name)
        project.addMapLayer(clone)
        return clone

    def _text(self, err):
        """The translated message of a core / styling error."""
        return self.tr(err.template).format(**err.params)

    def _top_n(self, parameters, context, layer, field, year, year_field, project):
        count = self.parameterAsInt(parameters, self.TOP_N, context)
        if count <= 0:
            return None
        gemeente = self.parameterAsString(parameters, self.GEMEENTE, context) or None
        try:
            top = highlight_layer(layer, field, count, gemeente, year, year_field)
        except MdiError as err:
            raise QgsProcessingException(self.tr(
                "Top N: {error} Give a gemeente code (GM0363, 363) or name that occurs in "
                "the layer.").format(error=self._text(err))) from None
        project.addMapLayer(top)
        return top

    def _zones(self, parameters, context, project, year, feedback):
        zones = self.parameterAsVectorLayer(parameters, self.ZONES, context)
        if zones is None:
            return None
        table_path = self.parameterAsFile(parameters, self.ZONE_TABLE, context) or None
        try:
            table = read_zone_csv(table_path) if table_path else None
            names = read_region_names(table_path)
        except MdiError as err:
            raise self.error(err) from None
        clone = self._clone(zones, project, self.tr("COROP-zones"))
        zone_years = years_of(clone)
        try:
            found = apply_zone_overlay(clone, table, names=names,
                                       year=year if year in zone_years else None)
        except MdiError as err:
            raise QgsProcessingException(self.tr(
                "Zone overlay: {error} Use the output of mdi:flagperiphery or a COROP layer "
                "with codes.").format(error=self._text(err))) from None
        if found["unknown"]:
            feedback.pushWarning(self.tr(
                "{count} region(s) have no zone (not in the zone table): {values}.").format(
                    count=len(found["unknown"]), values=", ".join(found["unknown"])))
        if table_path:
            feedback.pushInfo(self.tr("Zones from {path}").format(
                path=os.path.basename(table_path)))
        return clone
