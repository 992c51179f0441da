"""The print layout of the gemeenterapport (mdi:gemeenterapport): one page per gemeente,
driven by QGIS's own atlas (QgsLayoutAtlas) over a coverage layer with one feature per
gemeente. The template ``resources/layouts/mdi_gemeenterapport.qpt`` is written by
``build_report_layout`` (scripts/build_styles.py, under QGIS 3.22); a user opens it in the
Layout Manager, sets a coverage layer with the fields of ``COVERAGE_FIELDS`` and adapts it.

Template items, found by id: ``kaart`` (atlas-driven map), ``legenda``, ``schaalstok``,
``titel``, ``ondertitel`` (year, COROP region and zone), ``tabel`` (MDI, rank, national
mean, share of the inhabitants in "Zeer hoog" buurten, change), ``profiel`` (the domain
profile chart, its path in the field ``grafiek``), ``top10`` (the 10 highest buurten),
``waarschuwing`` (signal, not a verdict) and ``bron`` (data source and date). Texts with
``[% ... %]`` are QGIS expressions evaluated per page.
"""

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeedback,
                       QgsLayerTreeLayer, QgsLayoutExporter, QgsLayoutItemLabel,
                       QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemPicture,
                       QgsLayoutObject, QgsLayoutPoint, QgsLayoutSize, QgsLegendStyle,
                       QgsPrintLayout, QgsProject, QgsProperty, QgsRuleBasedRenderer,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..compat import (LAYOUT_EXPORT_SUCCESS, LAYOUT_MM, new_field, set_label_style,
                      set_legend_style_font)
from ..i18n import qgis_language, tr, tr_noop
from ..paths import resource_path
from .layout import (FONT_FAMILY, LEGEND_TITLE, PAGE_SIZE_MM, TEMPLATE_CRS, ExportError,
                     add_scalebar, hide_year_rule, layers_extent, load_template,
                     save_template)
from .palette import LineStyle, load_palette
from .renderers import outline_symbol

REPORT_TEMPLATE = resource_path("layouts", "mdi_gemeenterapport.qpt")
REPORT_LAYOUT_NAME = "MDI-gemeenterapport"
MAP_ID, LEGEND_ID, SCALEBAR_ID = "kaart", "legenda", "schaalstok"
TITLE_ID, SUBTITLE_ID, TABLE_ID = "titel", "ondertitel", "tabel"
CHART_ID, TOP_ID, WARNING_ID, SOURCE_ID = "profiel", "top10", "waarschuwing", "bron"
REPORT_ITEM_IDS = (MAP_ID, LEGEND_ID, SCALEBAR_ID, TITLE_ID, SUBTITLE_ID, TABLE_ID, CHART_ID,
                   TOP_ID, WARNING_ID, SOURCE_ID)
#: Fields of the coverage layer (one feature per gemeente) that the template reads.
COVERAGE_FIELDS = (("gemeentecode", "string"), ("gemeentenaam", "string"), ("jaar", "int"),
                   ("mdi", "double"), ("rang", "int"), ("n_gemeenten", "int"),
                   ("landelijk_gemiddelde", "double"), ("aandeel_zeer_hoog", "double"),
                   ("inwoners", "double"), ("verandering", "double"), ("corop", "string"),
                   ("zone", "string"), ("grafiek", "string"), ("top10", "string"))
#: Size of the profile chart in pixels (its frame on the page has the same shape).
CHART_PIXELS = (800, 450)
WARNING_TEXT = tr_noop("The MDI is a signal, not a verdict: it shows where deprivation "
                       "accumulates according to the indicators, not why, nor what a buurt needs. "
                       "Check it against local knowledge before drawing conclusions.")


def _label(layout, item_id, text, box, size_pt, bold=False, color="#000000"):
    item = QgsLayoutItemLabel(layout)
    item.setId(item_id)
    item.setText(text)
    item.setHAlign(Qt.AlignmentFlag.AlignLeft)       # 3.22's default is "justify"
    item.setVAlign(Qt.AlignmentFlag.AlignTop)
    font = QFont(FONT_FAMILY)
    font.setBold(bold)
    set_label_style(item, font, size_pt, QColor(color))
    item.attemptMove(QgsLayoutPoint(box[0], box[1], LAYOUT_MM))
    item.attemptResize(QgsLayoutSize(box[2], box[3], LAYOUT_MM))
    layout.addLayoutItem(item)
    return item


def _picture_source_property():
    """QgsLayoutObject's PictureSource (a scoped enum from QGIS 3.28 on)."""
    scoped = getattr(QgsLayoutObject, "DataDefinedProperty", None)
    return getattr(scoped, "PictureSource", None) or QgsLayoutObject.PictureSource


def build_report_layout(project):
    """The gemeenterapport layout (A4 portrait, atlas-driven map) without layers."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(REPORT_LAYOUT_NAME)
    layout.pageCollection().page(0).setPageSize(
        QgsLayoutSize(PAGE_SIZE_MM[0], PAGE_SIZE_MM[1], LAYOUT_MM))
    _label(layout, TITLE_ID, '[% "gemeentenaam" %] ([% "gemeentecode" %])',
           (12, 9, 186, 11), 18, bold=True)
    _label(layout, SUBTITLE_ID, subtitle_template(), (12, 20, 186, 7), 10)
    map_item = QgsLayoutItemMap(layout)
    map_item.setId(MAP_ID)
    map_item.attemptMove(QgsLayoutPoint(12, 29, LAYOUT_MM))
    map_item.attemptResize(QgsLayoutSize(124, 140, LAYOUT_MM))
    map_item.setFrameEnabled(True)
    map_item.setBackgroundColor(QColor("#ffffff"))
    map_item.setAtlasDriven(True)
    map_item.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
    map_item.setAtlasMargin(0.08)
    layout.addLayoutItem(map_item)

    legend = QgsLayoutItemLegend(layout)
    legend.setId(LEGEND_ID)
    legend.setTitle(tr(LEGEND_TITLE))
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setResizeToContents(True)
    legend.setSymbolWidth(6)
    legend.setSymbolHeight(4)
    for style, size, bold in ((QgsLegendStyle.Style.Title, 10, True),
                              (QgsLegendStyle.Style.Subgroup, 8.5, True),
                              (QgsLegendStyle.Style.SymbolLabel, 8, False)):
        font = QFont(FONT_FAMILY)
        font.setBold(bold)
        set_legend_style_font(legend, style, font, size)
    legend.model().rootGroup().clear()
    legend.attemptMove(QgsLayoutPoint(140, 29, LAYOUT_MM))
    layout.addLayoutItem(legend)

    # two segments that fit 15-30 mm on every page (the gemeenten differ in size)
    add_scalebar(layout, map_item, (140, 160), fit_width_mm=(15, 30))

    _label(layout, TABLE_ID, "", (12, 173, 90, 52), 9.5)
    chart = QgsLayoutItemPicture(layout)
    chart.setId(CHART_ID)
    chart.dataDefinedProperties().setProperty(_picture_source_property(),
                                              QgsProperty.fromField("grafiek"))
    chart.attemptMove(QgsLayoutPoint(104, 173, LAYOUT_MM))
    chart.attemptResize(QgsLayoutSize(94, 94 * CHART_PIXELS[1] / CHART_PIXELS[0], LAYOUT_MM))
    layout.addLayoutItem(chart)
    _label(layout, TOP_ID, top_template(), (12, 228, 186, 45), 8.5)
    _label(layout, WARNING_ID, tr(WARNING_TEXT), (12, 274, 186, 11), 8.5, bold=True,
           color="#7a1a1a")
    _label(layout, SOURCE_ID, "", (12, 287, 186, 6), 7.5, color="#404040")
    return layout


def build_report_template(path=REPORT_TEMPLATE):
    """Write the gemeenterapport template (in Dutch: the report's language, also when the
    generator runs in another locale); returns its path."""
    from ..i18n import install_translator, remove_translator
    from .library import write_canonical
    translator = install_translator("nl")
    try:
        project = QgsProject()
        project.setCrs(QgsCoordinateReferenceSystem(TEMPLATE_CRS))
        layout = build_report_layout(project)
        layout.itemById(TABLE_ID).setText(table_text(True, None))
        save_template(layout, path)
    finally:
        remove_translator(translator)
    write_canonical(path)
    return path


def load_report_template(project, path=REPORT_TEMPLATE):
    """The gemeenterapport layout of ``project`` from its template (ExportError when it
    cannot be read or lacks an item)."""
    return load_template(project, path, REPORT_ITEM_IDS, REPORT_LAYOUT_NAME)


def subtitle_template():
    """'MDI [% "jaar" %] · COROP [% "corop" %] · zone [% "zone" %]' in the UI language."""
    return tr("Report per gemeente \u00b7 MDI {year} \u00b7 COROP region {corop} \u00b7 zone "
              "{zone}").format(year='[% "jaar" %]',
                               corop='[% coalesce("corop", \'\u2013\') %]',
                               zone='[% coalesce("zone", \'\u2013\') %]')


def top_template():
    return tr("The 10 buurten with the highest MDI (number on the map = rank):") + \
        '\n[% "top10" %]'


def number_expression(field, decimals=1, factor=1, sign=False):
    """A [% %] expression writing ``field`` (times ``factor``) rounded, with the decimal
    separator of the UI language; '–' when NULL."""
    value = 'round("{}" * {}, {})'.format(field, factor, decimals)
    text = "to_string({})".format(value)
    if qgis_language() == "nl":
        text = "replace({}, '.', ',')".format(text)
    if sign:
        text = "CASE WHEN {} > 0 THEN '+' ELSE '' END || {}".format(value, text)
    return "[% coalesce({}, '\u2013') %]".format(text)


def table_text(with_gemeente_mdi, from_year=None):
    """The small table of a page: MDI, rank and national mean (only from a gemeente-level
    MDI; otherwise a note says they are left out), the share of the inhabitants in "Zeer
    hoog" buurten and the change since ``from_year``."""
    lines = []
    if with_gemeente_mdi:
        lines += [tr("MDI of the gemeente: {value}").format(value=number_expression("mdi")),
                  tr("Rank among {count} gemeenten (1 = highest): {rank}").format(
                      count='[% "n_gemeenten" %]', rank='[% coalesce("rang", \'\u2013\') %]'),
                  tr("National mean (of the gemeenten): {value}").format(
                      value=number_expression("landelijk_gemiddelde"))]
    else:
        lines.append(tr("No gemeente-level MDI given: the gemeente's MDI, rank and the "
                        "national mean are left out (a mean of buurten is not the "
                        "gemeente's MDI)."))
    lines.append(tr("Inhabitants in a buurt with MDI 'Zeer hoog': {share} %").format(
        share=number_expression("aandeel_zeer_hoog", 0, 100)))
    if from_year is not None:
        lines.append(tr("Change since {year}: {value} points").format(
            year=from_year, value=number_expression("verandering", 1, sign=True)))
    return "\n".join(lines)


def coverage_layer(crs, rows, geometries):
    """A memory layer with one feature per gemeente (COVERAGE_FIELDS; ``rows``: dicts),
    drawn as a heavy outline of the atlas's current gemeente only."""
    layer = QgsVectorLayer("MultiPolygon?crs={}".format(crs.authid() or "EPSG:28992"),
                           tr("Gemeente"), "memory")
    if not crs.authid():
        layer.setCrs(crs)
    layer.dataProvider().addAttributes([new_field(name, kind)
                                        for name, kind in COVERAGE_FIELDS])
    layer.updateFields()
    features = []
    for row, geometry in zip(rows, geometries):
        feature = QgsFeature(layer.fields())
        if geometry is not None:
            feature.setGeometry(geometry)
        feature.setAttributes([row.get(name) for name, _ in COVERAGE_FIELDS])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    palette = load_palette()
    root = QgsRuleBasedRenderer.Rule(None)
    rule = QgsRuleBasedRenderer.Rule(
        outline_symbol(LineStyle("#000000", 0.7, "solid", "#ffffff", 1.4), palette), 0, 0,
        CURRENT_GEMEENTE, tr("Boundary of the gemeente"))
    root.appendChild(rule)
    layer.setRenderer(QgsRuleBasedRenderer(root))
    return layer


#: Expression: the feature belongs to the gemeente of the atlas's current page.
CURRENT_GEMEENTE = "\"gemeentecode\" = attribute(@atlas_feature, 'gemeentecode')"


def only_current_gemeente(layer, gemeente_field="rapport_gm", rank_field="rapport_rang"):
    """Draw and label the features of ``layer`` (a highlight layer styled by styling.topn)
    only on the page of their gemeente (``gemeente_field``), labelled by ``rank_field``."""
    current = CURRENT_GEMEENTE.replace('"gemeentecode"', '"{}"'.format(gemeente_field), 1)
    renderer = layer.renderer().clone()
    for rule in renderer.rootRule().children():
        rule.setFilterExpression(current)
    layer.setRenderer(renderer)
    settings = layer.labeling().settings()
    settings.fieldName = 'CASE WHEN {} THEN "{}" END'.format(current, rank_field)
    settings.isExpression = True
    layer.labeling().setSettings(settings)


def prepare_atlas(layout, coverage, map_layers, legend_layers, texts, filter_expression=None):
    """Fill the report layout: the atlas over ``coverage`` (sorted by code, filtered by
    ``filter_expression``), the map layers, the legend and the texts ({item id: text})."""
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setPageNameExpression('"gemeentecode"')
    atlas.setSortFeatures(True)
    atlas.setSortExpression('"gemeentecode"')
    atlas.setFilterFeatures(bool(filter_expression))
    if filter_expression:
        atlas.setFilterExpression(filter_expression)
    map_item = layout.itemById(MAP_ID)
    map_item.setCrs(coverage.crs())
    map_item.setLayers(list(map_layers))
    map_item.setKeepLayerSet(True)
    map_item.zoomToExtent(layers_extent([coverage], coverage.crs(),
                                        layout.project().transformContext()))
    legend = layout.itemById(LEGEND_ID)
    root = legend.model().rootGroup()
    root.clear()
    for layer in legend_layers:
        node = QgsLayerTreeLayer(layer)
        root.addChildNode(node)
        hide_year_rule(legend, node)
    legend.setTitle(tr(LEGEND_TITLE))
    legend.updateLegend()
    for item_id, text in texts.items():
        layout.itemById(item_id).setText(text)
    return atlas


def export_atlas(layout, pdf, png_of, dpi, feedback, progress):
    """Export every page of the atlas: one PDF (``pdf``) and, with ``png_of`` (page name
    -> path, or None), one PNG per page. ``progress(fraction)`` is told after each page;
    cancelling ``feedback`` stops between pages. Returns the PNG paths written."""
    atlas = layout.atlas()
    count = atlas.updateFeatures()
    exporter = QgsLayoutExporter(layout)
    parts = (1 if pdf else 0) + (1 if png_of else 0)
    if pdf:
        relay = QgsFeedback()
        feedback.canceled.connect(relay.cancel)
        relay.progressChanged.connect(lambda value: progress(value / 100.0 / parts))
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = float(dpi)
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        try:
            result, error = QgsLayoutExporter.exportToPdf(atlas, pdf, settings, relay)
        finally:
            feedback.canceled.disconnect(relay.cancel)
        if feedback.isCanceled():
            return []
        if result != LAYOUT_EXPORT_SUCCESS:
            raise ExportError(tr("PDF export to {path} failed: {error}").format(
                path=pdf, error=error or int(result)))
    written = []
    if png_of:
        atlas.beginRender()
        try:
            for page in range(count):
                if feedback.isCanceled():
                    return written
                atlas.seekTo(page)
                path = png_of(atlas.nameForPage(page))
                image = exporter.renderPageToImage(0, QSize(), float(dpi))
                if image.isNull() or not image.save(path, "PNG"):
                    raise ExportError(tr("PNG export to {path} failed: cannot write the "
                                         "file.").format(path=path))
                written.append(path)
                progress((parts - 1 + (page + 1) / count) / parts)
        finally:
            atlas.endRender()
    return written
