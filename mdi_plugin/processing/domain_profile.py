"""Processing algorithm mdi:domainprofile: the "achterstandsprofiel" of regions (and their
gemeenten) against the national mean, as tables and as PNG/SVG bar charts."""

import os
import re

import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField,
                       QgsFields, QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber, QgsWkbTypes)
from qgis.PyQt.QtCore import QLineF, QPointF, QRect, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from qgis.PyQt.QtSvg import QSvgGenerator

from ..compat import (ALG_FLAG_NO_THREADING, FIELD_TYPE_ANY, SOURCE_TYPE_ANY_GEOMETRY,
                      SOURCE_TYPE_VECTOR, WKB_NO_GEOMETRY, new_field,
                      supports_threaded_font_rendering)
from ..core.aggregate import region_key
from ..core.compute import domain_field
from ..core.correlation import select_year
from ..core.errors import MdiError
from ..core.profile import REGION_LEVEL, UNIT_LEVEL, domain_profile
from ..core.spec import load_spec
from ..core.values import parse_numeric_column, parse_year_column
from .base import Cancelled, MdiAlgorithm
from .correlate import (nullable, optional_number, require_field, warn_pooled_years,
                        year_like_field)
from .feature_io import read_columns
from .region_geometry import dissolve
from .safe_output import safe_outputs

#: Colours of the bars: above the national mean (more deprivation) and at or below it.
ABOVE_COLOUR = "#b2182b"
BELOW_COLOUR = "#6f9fc8"
GRID_COLOUR = "#d9d9d9"
TEXT_COLOUR = "#222222"
MEAN_COLOUR = "#000000"
CHART_PREFIX = "profiel_"

HELP = """
<p><b>Nederlands.</b> Het <b>achterstandsprofiel</b>: per regio (bijv. COROP-regio) en
desgewenst per gemeente binnen de regio de zeven domeinscores (velden mdi_&lt;domein&gt;
uit "MDI berekenen") naast het landelijk gemiddelde, als tabel én als staafdiagram per
regio (PNG en SVG) in de <b>uitvoermap</b>.</p>
<ul>
<li><b>Regioscore</b>: ongewogen gemiddelde van de rijen van de regio (elke gemeente telt
één keer, zoals de COROP-score in het rapport). Met een <b>eenheidveld</b> (bijv.
gemeentecode op een buurtenlaag) ook per gemeente binnen de regio.</li>
<li><b>Landelijk gemiddelde</b>: ongewogen gemiddelde over álle invoerrijen (van het
gekozen jaar) met een score, ook rijen zonder regio. Gebruik dus het hele land als invoer,
niet een selectie.</li>
<li><b>Verschil</b> = score &minus; landelijk gemiddelde, in punten (positief = meer
achterstand dan gemiddeld). Lege scores (NULL) tellen niet mee.</li>
<li><b>Jaarveld</b> en <b>jaar</b>: kies één jaar uit een lange tabel.</li>
<li><b>Grafieken</b>: profiel_&lt;regiocode&gt;.png en .svg (per gemeente:
profiel_&lt;regio&gt;_&lt;gemeente&gt;), horizontale staven per domein (rood: boven het
landelijk gemiddelde, blauw: eronder), het landelijk gemiddelde als zwart streepje.</li>
</ul>
<p>Uitvoer: een tabel met één rij per regio (en gemeente) en domein: niveau, regio,
regionaam, eenheid, eenheidnaam, domein, domein_label, score, landelijk_gemiddelde,
verschil, n, jaar, grafiek (pad van de PNG) en grafiek_svg; en een laag met één object per
regio (samengevoegde geometrie als de invoer geometrie heeft) met de scores
(mdi_&lt;domein&gt;), de verschillen (verschil_&lt;domein&gt;) en grafiek. In een
afdruklay-out-atlas over die laag toont een afbeeldingselement de grafiek via een
data-gedefinieerd pad: <code>"grafiek"</code>.</p>
<p><b>English.</b> The <b>deprivation profile</b>: per region (e.g. COROP region) and
optionally per gemeente within it, the seven domain scores (fields mdi_&lt;domain&gt; from
"Compute MDI") beside the national mean, as a table and as a bar chart per region (PNG and
SVG) in the <b>output folder</b>.</p>
<ul>
<li><b>Region score</b>: unweighted mean of the region's rows (every gemeente counts once,
as the report's COROP score). With a <b>unit field</b> (e.g. gemeentecode on a buurten
layer) also per gemeente within the region.</li>
<li><b>National mean</b>: unweighted mean over all input rows (of the chosen year) with a
score, rows without a region included. So use the whole country as input, not a
selection.</li>
<li><b>Difference</b> = score &minus; national mean, in points (positive = more deprivation
than average). NULL scores are left out.</li>
<li><b>Year field</b> and <b>year</b>: pick one year from a long table.</li>
<li><b>Charts</b>: profiel_&lt;region code&gt;.png and .svg (per gemeente:
profiel_&lt;region&gt;_&lt;gemeente&gt;): horizontal bars per domain (red: above the
national mean, blue: below), the national mean as a black tick.</li>
</ul>
<p>Output: a table with one row per region (and gemeente) and domain (fields as above),
and a layer with one feature per region (dissolved geometry when the input has geometry)
with the scores, the differences (verschil_&lt;domain&gt;) and grafiek. In a print layout
atlas over that layer a picture item shows the chart with the data-defined path
<code>"grafiek"</code>.</p>
"""


def dutch_number(value, decimals=1):
    """72.25 -> '72,3' (Dutch decimal comma)."""
    return "{:.{}f}".format(value, decimals).replace(".", ",")


def safe_name(value):
    """A file-name-safe form of a code: letters, digits, - and _ only."""
    text = re.sub(r"[^A-Za-z0-9_-]+", "_", str(value)).strip("_")
    return text or "x"


def paint_profile(painter, width, height, title, subtitle, labels, scores, means):
    """Paint a horizontal bar chart of the domain scores (0-100) with the national mean
    of each domain marked; NaN scores are written as 'geen gegevens'."""
    scale = height / 450.0
    margin = 14.0 * scale
    painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)

    def font(size, bold=False):
        result = QFont("DejaVu Sans")
        result.setPixelSize(max(7, int(round(size * scale))))
        result.setBold(bold)
        return result

    title_font, text_font, small_font = font(17, True), font(13), font(11)
    painter.setPen(QColor(TEXT_COLOUR))
    painter.setFont(title_font)
    title_height = QFontMetricsF(title_font).height()
    painter.drawText(QRectF(margin, margin, width - 2 * margin, title_height),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
    painter.setFont(small_font)
    small = QFontMetricsF(small_font)
    top = margin + title_height
    painter.drawText(QRectF(margin, top, width - 2 * margin, small.height()),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), subtitle)
    top += small.height() + 10 * scale

    metrics = QFontMetricsF(text_font)
    label_width = max(metrics.horizontalAdvance(label) for label in labels) + 10 * scale
    value_width = metrics.horizontalAdvance("geen gegevens") + 6 * scale
    left = margin + label_width
    right = width - margin - value_width
    legend_height = small.height() + 8 * scale
    bottom = height - margin - legend_height - small.height() - 4 * scale
    plot_width = max(right - left, 10.0)
    row_height = (bottom - top) / max(len(labels), 1)

    def x_of(value):
        return left + plot_width * min(max(value, 0.0), 100.0) / 100.0

    painter.setFont(small_font)
    for tick in range(0, 101, 20):
        x = x_of(tick)
        painter.setPen(QPen(QColor(GRID_COLOUR), 1))
        painter.drawLine(QLineF(x, top, x, bottom))
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(x - 20 * scale, bottom + 2 * scale, 40 * scale, small.height()),
                         int(Qt.AlignmentFlag.AlignCenter), str(tick))

    painter.setFont(text_font)
    for row, (label, score, mean) in enumerate(zip(labels, scores, means)):
        y = top + row * row_height
        bar = QRectF(left, y + row_height * 0.2, 0, row_height * 0.6)
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(margin, y, label_width - 8 * scale, row_height),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         label)
        if score == score:
            bar.setRight(x_of(score))
            above = mean == mean and score > mean
            painter.fillRect(bar, QColor(ABOVE_COLOUR if above else BELOW_COLOUR))
            text = dutch_number(score)
        else:
            text = "geen gegevens"
        text_left = bar.right()
        if mean == mean:
            x = x_of(mean)
            painter.setPen(QPen(QColor(MEAN_COLOUR), max(2.0, 2.5 * scale)))
            painter.drawLine(QLineF(x, y + row_height * 0.08, x, y + row_height * 0.92))
            if x > text_left and x - text_left < metrics.horizontalAdvance(text) + 8 * scale:
                text_left = x          # keep the value clear of the mean marker
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(text_left + 4 * scale, y, value_width + plot_width,
                                row_height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)

    legend_top = height - margin - legend_height + 6 * scale
    painter.setFont(small_font)
    box = small.height() * 0.8
    x = margin
    for colour, text in ((ABOVE_COLOUR, "boven landelijk gemiddelde"),
                         (BELOW_COLOUR, "gelijk of lager")):
        painter.fillRect(QRectF(x, legend_top + (small.height() - box) / 2, box, box),
                         QColor(colour))
        x += box + 4 * scale
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QPointF(x, legend_top + small.ascent()), text)
        x += small.horizontalAdvance(text) + 16 * scale
    painter.setPen(QPen(QColor(MEAN_COLOUR), max(2.0, 2.5 * scale)))
    painter.drawLine(QLineF(x + box / 2, legend_top, x + box / 2, legend_top + small.height()))
    x += box + 4 * scale
    painter.setPen(QColor(TEXT_COLOUR))
    painter.drawText(QPointF(x, legend_top + small.ascent()), "landelijk gemiddelde")


def write_chart(base_path, width, height, title, subtitle, labels, scores, means):
    """Write base_path + '.png' and '.svg'; returns the two paths."""
    png_path, svg_path = base_path + ".png", base_path + ".svg"
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_profile(painter, width, height, title, subtitle, labels, scores, means)
    finally:
        painter.end()
    if not image.save(png_path, "PNG"):
        raise OSError(png_path)
    generator = QSvgGenerator()
    generator.setFileName(svg_path)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(96)            # CSS pixels: the SVG is width x height px
    generator.setTitle(title)
    generator.setDescription(subtitle)
    painter = QPainter(generator)
    try:
        paint_profile(painter, width, height, title, subtitle, labels, scores, means)
    finally:
        painter.end()
    if not os.path.isfile(svg_path):
        raise OSError(svg_path)
    return png_path, svg_path


class DomainProfileAlgorithm(MdiAlgorithm):
    """Domain scores of regions (and units within them) against the national mean."""

    NAME = "domainprofile"
    GROUP_ID = "analysis"

    INPUT = "INPUT"
    REGION_FIELD = "REGION_FIELD"
    REGION_NAME_FIELD = "REGION_NAME_FIELD"
    UNIT_FIELD = "UNIT_FIELD"
    UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
    YEAR_FIELD = "YEAR_FIELD"
    YEAR = "YEAR"
    CHART_WIDTH = "CHART_WIDTH"
    CHART_HEIGHT = "CHART_HEIGHT"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OUTPUT = "OUTPUT"
    OUTPUT_REGIONS = "OUTPUT_REGIONS"
    N_REGIONS = "N_REGIONS"
    N_CHARTS = "N_CHARTS"

    def displayName(self):  # noqa: N802 - QGIS API
        return self.tr("Domain profile (achterstandsprofiel)")

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return HELP

    def tags(self):
        return self.tr("mdi,achterstandsprofiel,profiel,profile,domein,domain,grafiek,chart,"
                       "atlas,corop,regio").split(",")

    def flags(self):
        flags = super().flags()
        if not supports_threaded_font_rendering():
            flags |= ALG_FLAG_NO_THREADING     # text must then be painted in the main thread
        return flags

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Input with mdi_<domain> fields (e.g. gemeenten)"),
            [SOURCE_TYPE_VECTOR]))
        self.addParameter(QgsProcessingParameterField(
            self.REGION_FIELD, self.tr("Region code field (e.g. coropcode)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY))
        self.addParameter(QgsProcessingParameterField(
            self.REGION_NAME_FIELD, self.tr("Region name field (for chart titles)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.UNIT_FIELD, self.tr("Unit field for profiles within regions (e.g. "
                                     "gemeentecode)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.UNIT_NAME_FIELD, self.tr("Unit name field (for chart titles)"),
            parentLayerParameterName=self.INPUT, type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.YEAR_FIELD, self.tr("Year field"), parentLayerParameterName=self.INPUT,
            type=FIELD_TYPE_ANY, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.YEAR, self.tr("Year (with a year field)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.CHART_WIDTH, self.tr("Chart width (pixels)"), defaultValue=800,
            minValue=200, maxValue=6000))
        self.addParameter(QgsProcessingParameterNumber(
            self.CHART_HEIGHT, self.tr("Chart height (pixels)"), defaultValue=450,
            minValue=150, maxValue=6000))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, self.tr("Folder for the charts")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Profile table"), SOURCE_TYPE_VECTOR))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT_REGIONS, self.tr("Regions with profile"), SOURCE_TYPE_ANY_GEOMETRY))
        self.addOutput(QgsProcessingOutputNumber(self.N_REGIONS, self.tr("Number of regions")))
        self.addOutput(QgsProcessingOutputNumber(self.N_CHARTS,
                                                 self.tr("Number of charts (PNG + SVG pairs)")))

    def _optional_field(self, parameters, name, context, source, partner=None):
        """An optional field parameter; empty: the field named like ``partner`` with 'code'
        replaced by 'naam' (coropcode -> coropnaam), when it exists."""
        value = self.parameterAsString(parameters, name, context) or None
        if value:
            return require_field(self, source, value, name)
        if partner and "code" in partner.lower():
            guess = re.sub("code", "naam", partner, flags=re.IGNORECASE)
            names = {n.lower(): n for n in source.fields().names()}
            return names.get(guess.lower())
        return None

    @safe_outputs
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        self._written = []
        try:
            result = self._run(parameters, context, feedback, source)
        except MdiError as err:
            self._remove_charts()
            raise self.error(err) from None
        except Cancelled:
            self._remove_charts()
            feedback.reportError(self.tr("Cancelled: no output was kept."))
            return {}
        except BaseException:
            self._remove_charts()
            raise
        if feedback.isCanceled():
            self._remove_charts()
            return {}
        return result

    def _remove_charts(self):
        """Remove the chart files (and the folder, when this run created it) of a failed
        or cancelled run: nothing partial is left behind."""
        written, self._written = getattr(self, "_written", []), []
        for path in written:
            if os.path.isfile(path):
                os.remove(path)
        folder = getattr(self, "_created_folder", None)
        self._created_folder = None
        if folder and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)

    def _run(self, parameters, context, feedback, source):
        spec = load_spec()
        region_field = require_field(
            self, source, self.parameterAsString(parameters, self.REGION_FIELD, context),
            self.REGION_FIELD)
        unit_field = self._optional_field(parameters, self.UNIT_FIELD, context, source)
        if unit_field and unit_field == region_field:
            raise self._fail("UNIT_FIELD and REGION_FIELD are the same field '{field}'.",
                             field=unit_field)
        region_name = self._optional_field(parameters, self.REGION_NAME_FIELD, context,
                                           source, region_field)
        unit_name = self._optional_field(parameters, self.UNIT_NAME_FIELD, context, source,
                                         unit_field) if unit_field else None
        year_field = self.parameterAsString(parameters, self.YEAR_FIELD, context) or None
        if year_field:
            year_field = require_field(self, source, year_field, self.YEAR_FIELD)
        year = optional_number(parameters, self.YEAR)
        if year is not None and not year_field:
            raise self._fail("YEAR is set but YEAR_FIELD is not: choose the field that "
                             "holds the year.")
        domain_fields = {d: require_field(self, source, domain_field(d), self.INPUT)
                         for d in spec.domain_ids}
        year_like = year_like_field(source, year_field)
        width = self.parameterAsInt(parameters, self.CHART_WIDTH, context)
        height = self.parameterAsInt(parameters, self.CHART_HEIGHT, context)
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)

        read = list(dict.fromkeys(list(domain_fields.values()) + [
            n for n in (region_field, region_name, unit_field, unit_name, year_field,
                        year_like) if n]))
        ids, raw = read_columns(source, read, feedback, progress=(0.0, 30.0))
        if not ids:
            raise self._fail("The input has no features: there is nothing to profile.")
        rows = np.ones(len(ids), dtype=bool)
        used_year = None
        if year_field:
            rows, used_year = select_year(parse_year_column(raw[year_field], year_field, ids),
                                          year)
        elif year_like:
            warn_pooled_years(self, raw[year_like], year_like, ids, feedback)
        picked = np.flatnonzero(rows)
        scores = {d: parse_numeric_column(raw[name], name, ids)[rows]
                  for d, name in domain_fields.items()}
        regions = [raw[region_field][i] for i in picked]
        units = [raw[unit_field][i] for i in picked] if unit_field else None
        profile = domain_profile(scores, regions, units)
        for warning in profile.warnings:
            feedback.pushWarning(self.message(warning))
        if not profile.regions.keys:
            raise self._fail("No row has a region code in '{field}': there is no region to "
                             "profile.", field=region_field)
        if profile.without_region.size:
            feedback.pushWarning(self.tr(
                "{count} row(s) have no region code in '{field}': they count for the national "
                "mean only.").format(count=int(profile.without_region.size),
                                     field=region_field))
        names = self._names(raw, picked, regions, units, region_name, unit_name)
        feedback.setProgress(35)

        table_fields = self._table_fields(source, region_field, unit_field)
        region_fields = self._region_fields(source, region_field, spec)
        table, table_id = self.parameterAsSink(parameters, self.OUTPUT, context, table_fields,
                                               WKB_NO_GEOMETRY, QgsCoordinateReferenceSystem())
        if table is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        has_geometry = source.wkbType() != WKB_NO_GEOMETRY
        wkb_type = QgsWkbTypes.multiType(source.wkbType()) if has_geometry else WKB_NO_GEOMETRY
        layer, layer_id = self.parameterAsSink(parameters, self.OUTPUT_REGIONS, context,
                                               region_fields, wkb_type, source.sourceCrs())
        if layer is None:
            raise QgsProcessingException(self.invalidSinkError(parameters,
                                                               self.OUTPUT_REGIONS))
        self._created_folder = None if os.path.isdir(folder) else folder
        os.makedirs(folder, exist_ok=True)
        charts = self._write_charts(folder, profile, names, spec, used_year, width, height,
                                    feedback)
        for level, region, unit, domain, score, mean, difference, n in profile.rows():
            key = region if level == REGION_LEVEL else (region, unit)
            png, svg = charts[(level, key)]
            feature = QgsFeature(table_fields)
            feature.setAttributes([
                level, region, names.get((REGION_LEVEL, region)), unit,
                names.get((level, key)) if level != REGION_LEVEL else None, domain,
                spec_label(spec, domain), nullable(score), nullable(mean),
                nullable(difference), n, None if used_year is None else int(used_year),
                png, svg])
            table.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        geometries = None
        if has_geometry:
            region_index = {key: i for i, key in enumerate(profile.regions.keys)}
            group_of = {}
            for row, region in zip(picked.tolist(), regions):
                group = region_index.get(region_key(region))
                if group is not None:
                    group_of[ids[row]] = group
            geometries = dissolve(source, group_of, len(profile.regions.keys), feedback,
                                  progress=(80.0, 98.0))
        for index, region in enumerate(profile.regions.keys):
            feature = QgsFeature(region_fields)
            if geometries is not None and geometries[index] is not None:
                feature.setGeometry(geometries[index])
            attributes = [region, names.get((REGION_LEVEL, region)),
                          int(profile.regions.counts[index])]
            attributes += [nullable(profile.regions.scores[d][index]) for d in spec.domain_ids]
            attributes += [nullable(profile.regions.scores[d][index] - profile.national[d])
                           for d in spec.domain_ids]
            attributes += [None if used_year is None else int(used_year)]
            attributes += list(charts[(REGION_LEVEL, region)])
            feature.setAttributes(attributes)
            layer.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(100)
        feedback.pushInfo(self.tr("{regions} region profile(s), {charts} chart(s) in "
                                  "{folder}.").format(regions=len(profile.regions.keys),
                                                      charts=len(charts), folder=folder))
        return {self.OUTPUT: table_id, self.OUTPUT_REGIONS: layer_id,
                self.OUTPUT_FOLDER: folder, self.N_REGIONS: len(profile.regions.keys),
                self.N_CHARTS: len(charts)}

    # -- names and fields ------------------------------------------------------------------

    @staticmethod
    def _names(raw, picked, regions, units, region_name, unit_name):
        """{(level, key): first non-empty name} for regions and units."""
        names = {}
        for position, row in enumerate(picked.tolist()):
            region = region_key(regions[position])
            if region is None:
                continue
            if region_name:
                value = raw[region_name][row]
                if value not in (None, "") and (REGION_LEVEL, region) not in names:
                    names[(REGION_LEVEL, region)] = str(value)
            if units is not None and unit_name:
                unit = region_key(units[position])
                value = raw[unit_name][row]
                if unit is not None and value not in (None, "") and \
                        (UNIT_LEVEL, (region, unit)) not in names:
                    names[(UNIT_LEVEL, (region, unit))] = str(value)
        return names

    @staticmethod
    def _renamed(source, name, new_name):
        field = QgsField(source.fields().field(name))
        field.setName(new_name)
        return field

    def _table_fields(self, source, region_field, unit_field):
        fields = QgsFields()
        fields.append(new_field("niveau", "string"))
        fields.append(self._renamed(source, region_field, "regio"))
        fields.append(new_field("regionaam", "string"))
        fields.append(self._renamed(source, unit_field, "eenheid") if unit_field
                      else new_field("eenheid", "string"))
        fields.append(new_field("eenheidnaam", "string"))
        for name, kind in (("domein", "string"), ("domein_label", "string"),
                           ("score", "double"), ("landelijk_gemiddelde", "double"),
                           ("verschil", "double"), ("n", "int"), ("jaar", "int"),
                           ("grafiek", "string"), ("grafiek_svg", "string")):
            fields.append(new_field(name, kind))
        return fields

    def _region_fields(self, source, region_field, spec):
        fields = QgsFields()
        fields.append(self._renamed(source, region_field, "regio"))
        fields.append(new_field("regionaam", "string"))
        fields.append(new_field("n", "int"))
        for domain in spec.domain_ids:
            fields.append(new_field(domain_field(domain), "double"))
        for domain in spec.domain_ids:
            fields.append(new_field("verschil_" + domain, "double"))
        for name, kind in (("jaar", "int"), ("grafiek", "string"), ("grafiek_svg", "string")):
            fields.append(new_field(name, kind))
        return fields

    # -- charts ----------------------------------------------------------------------------

    def _write_charts(self, folder, profile, names, spec, year, width, height, feedback):
        """Write one PNG + SVG per region and unit; {(level, key): (png, svg)}."""
        labels = [spec_label(spec, d) for d in profile.domains]
        means = [profile.national[d] for d in profile.domains]
        subtitle = "Domeinscores MDI{} (0\u2013100, hoger = meer achterstand) en landelijk " \
                   "gemiddelde".format("" if year is None else " {:g}".format(year))
        jobs = []
        for index, region in enumerate(profile.regions.keys):
            name = names.get((REGION_LEVEL, region))
            title = "Achterstandsprofiel {}".format(
                "{} ({})".format(name, region) if name else region)
            jobs.append(((REGION_LEVEL, region), safe_name(region), title,
                         [profile.regions.scores[d][index] for d in profile.domains]))
        if profile.units is not None:
            for index, (region, unit) in enumerate(profile.units.keys):
                name = names.get((UNIT_LEVEL, (region, unit)))
                title = "Achterstandsprofiel {}".format(
                    "{} ({})".format(name, unit) if name else unit)
                jobs.append(((UNIT_LEVEL, (region, unit)),
                             "{}_{}".format(safe_name(region), safe_name(unit)), title,
                             [profile.units.scores[d][index] for d in profile.domains]))
        charts, used = {}, set()
        for count, (key, stem, title, scores) in enumerate(jobs):
            self.check_cancel(feedback)
            feedback.setProgress(40.0 + 40.0 * count / max(len(jobs), 1))
            stem = CHART_PREFIX + stem
            unique, number = stem, 2
            while unique.lower() in used:
                unique, number = "{}_{}".format(stem, number), number + 1
            used.add(unique.lower())
            try:
                base = os.path.join(folder, unique)
                self._written += [base + ".png", base + ".svg"]
                charts[key] = write_chart(base, width, height, title,
                                          subtitle, labels, scores, means)
            except OSError as err:
                raise self._fail("Could not write the chart {path}: check that the folder "
                                 "is writable and the disk is not full.", path=str(err))
        return charts


def spec_label(spec, domain_id):
    """Dutch label of a domain."""
    return next(d.label_nl for d in spec.domains if d.id == domain_id)
