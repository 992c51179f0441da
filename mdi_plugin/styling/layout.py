"""Print layout of the MDI maps: the template ``resources/layouts/mdi_kaart.qpt`` (built by
:func:`build_template_layout`, written by scripts/build_styles.py) and its export to PNG
and PDF (qgis.core only; works in qgis_process).

Template items, found by id: ``kaart`` (map), ``legenda`` (legend "Toelichting schalen"),
``titel``, ``ondertitel`` (year and field), ``bron`` (source line), ``schaalstok`` (scale
bar) and ``noordpijl`` (north arrow, resources/icons/noordpijl.svg).
"""

import os

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsExpression,
                       QgsExpressionContext, QgsExpressionContextUtils, QgsFeatureRequest,
                       QgsLayerTreeLayer, QgsLayoutExporter, QgsLayoutItemLabel,
                       QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemPicture,
                       QgsLayoutItemScaleBar, QgsLayoutPoint, QgsLayoutSize, QgsLegendStyle,
                       QgsMapLayerLegendUtils, QgsMapRendererSequentialJob, QgsPathResolver,
                       QgsPrintLayout, QgsReadWriteContext, QgsRectangle,
                       QgsScaleBarSettings, QgsTextFormat)
from qgis.PyQt.QtCore import QSize, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage
from qgis.PyQt.QtXml import QDomDocument

from ..compat import (DISTANCE_KM, LAYOUT_EXPORT_SUCCESS, LAYOUT_MM, RENDER_POINTS,
                      REQUEST_NO_GEOMETRY, is_null, label_style, set_label_style,
                      set_legend_style_font, set_rectangle_null)
from ..core.opendata import ATTRIBUTION_FIELD
from ..i18n import tr, tr_noop
from ..paths import resource_path
from .classes import CHANGE, FIXED, QUARTILES
from .renderers import (PROP_FIELD, PROP_SCHEME, PROP_STYLE, PROP_YEAR, YEAR_RULE_KEY,
                        field_title)
from .topn import PROP_TOP_N, STYLE_TOP_N
from .zones import STYLE_ZONES, ZONES_HEADING

TEMPLATE = resource_path("layouts", "mdi_kaart.qpt")
NORTH_ARROW = resource_path("icons", "noordpijl.svg")
LAYOUT_NAME = "MDI-kaart"
FONT_FAMILY = "Arial"
PAGE_SIZE_MM = (210.0, 297.0)
#: CRS of the empty template's map (RD New); the export sets the layers' CRS.
TEMPLATE_CRS = "EPSG:28992"

MAP_ID = "kaart"
LEGEND_ID = "legenda"
TITLE_ID = "titel"
SUBTITLE_ID = "ondertitel"
SOURCE_ID = "bron"
SCALEBAR_ID = "schaalstok"
NORTH_ID = "noordpijl"
ITEM_IDS = (MAP_ID, LEGEND_ID, TITLE_ID, SUBTITLE_ID, SOURCE_ID, SCALEBAR_ID, NORTH_ID)
#: Item added at export when region names could not be placed (not in the template).
NOTE_ID = "niet_benoemd"
#: Layer-tree property the layout legend shows instead of the layer name.
TITLE_LABEL_PROPERTY = "legend/title-label"
GAP_MM = 3.0
MIN_MAP_HEIGHT_MM = 100.0
#: The scale bar sits this far below the top of the north arrow.
SCALEBAR_DROP_MM = 6.0

LEGEND_TITLE = tr_noop("Toelichting schalen")
DEFAULT_TITLE = tr_noop("Meervoudige Achterstandsindex (MDI)")
DEFAULT_SOURCE = tr_noop("Het PON & Telos; CBS")
SOURCE_LINE = tr_noop("Bron: {source} \u00b7 bewerking MDI voor QGIS")
SCHEME_TEXTS = {FIXED: tr_noop("klassen van het rapport (40 / 50 / 60)"),
                QUARTILES: tr_noop("kwartielen van de gebieden met gegevens"),
                CHANGE: tr_noop("verandering in procentpunten")}


class ExportError(Exception):
    """A layout could not be loaded or exported; the message says why."""


def _font(bold=False):
    font = QFont(FONT_FAMILY)
    font.setBold(bold)
    return font


def _label(layout, item_id, text, x, y, width, height, size_pt, bold=False,
           color="#000000"):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    # Explicit: QGIS 3.22's default is "justify", 3.40's "left"
    label.setHAlign(Qt.AlignmentFlag.AlignLeft)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    set_label_style(label, _font(bold), size_pt, QColor(color))
    label.attemptMove(QgsLayoutPoint(x, y, LAYOUT_MM))
    label.attemptResize(QgsLayoutSize(width, height, LAYOUT_MM))
    layout.addLayoutItem(label)
    return label


def add_scalebar(layout, map_item, position_mm, units_per_segment=None, fit_width_mm=None):
    """Add the scale bar of the plugin's layouts (id ``schaalstok``, linked to ``map_item``):
    km, "Single Box", two segments to the right, 7.5 pt text, at ``position_mm`` (x, y).
    Segments of ``units_per_segment`` km, or (``fit_width_mm`` = (min, max)) segments that
    fit that width on every atlas page. Used by the map and the gemeenterapport layouts."""
    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setId(SCALEBAR_ID)
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(map_item)
    scalebar.setUnits(DISTANCE_KM)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegments(2)
    scalebar.setNumberOfSegmentsLeft(0)
    if units_per_segment is not None:
        scalebar.setUnitsPerSegment(units_per_segment)
    if fit_width_mm is not None:
        # the unscoped enum exists in QGIS 3.22 to 3.44
        scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
        scalebar.setMinimumBarWidth(fit_width_mm[0])
        scalebar.setMaximumBarWidth(fit_width_mm[1])
    scalebar.setHeight(2.5)
    text = QgsTextFormat()
    text.setFont(_font())
    text.setSize(7.5)
    text.setSizeUnit(RENDER_POINTS)
    scalebar.setTextFormat(text)
    scalebar.attemptMove(QgsLayoutPoint(position_mm[0], position_mm[1], LAYOUT_MM))
    layout.addLayoutItem(scalebar)
    return scalebar


def build_template_layout(project):
    """The MDI map layout (A4 portrait) with every template item, no layers yet."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(LAYOUT_NAME)
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(PAGE_SIZE_MM[0], PAGE_SIZE_MM[1], LAYOUT_MM))
    _label(layout, TITLE_ID, DEFAULT_TITLE, 12, 9, 186, 11, 18, bold=True)
    _label(layout, SUBTITLE_ID, "MDI \u00b7 2023", 12, 20, 186, 7, 11)
    _label(layout, SOURCE_ID, SOURCE_LINE.format(source=DEFAULT_SOURCE), 12, 286, 186, 6,
           7.5, color="#404040")

    map_item = QgsLayoutItemMap(layout)
    map_item.setId(MAP_ID)
    map_item.attemptMove(QgsLayoutPoint(12, 29, LAYOUT_MM))
    map_item.attemptResize(QgsLayoutSize(186, 197, LAYOUT_MM))
    map_item.setCrs(QgsCoordinateReferenceSystem(TEMPLATE_CRS))
    map_item.setFrameEnabled(True)
    map_item.setBackgroundColor(QColor("#ffffff"))
    layout.addLayoutItem(map_item)
    # setExtent resizes the item to the extent's shape; resize back (zoomToExtent needs a
    # non-empty extent first)
    map_item.setExtent(QgsRectangle(13000, 306000, 277000, 619000))
    map_item.attemptResize(QgsLayoutSize(186, 197, LAYOUT_MM))

    legend = QgsLayoutItemLegend(layout)
    legend.setId(LEGEND_ID)
    legend.setTitle(LEGEND_TITLE)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setLegendFilterByMapEnabled(False)
    legend.setResizeToContents(True)
    legend.setColumnCount(2)
    legend.setSplitLayer(False)
    legend.setSymbolWidth(7)
    legend.setSymbolHeight(4.5)
    for style, size, bold in ((QgsLegendStyle.Style.Title, 11, True),
                              (QgsLegendStyle.Style.Group, 9, True),
                              (QgsLegendStyle.Style.Subgroup, 8.5, True),
                              (QgsLegendStyle.Style.SymbolLabel, 8, False)):
        set_legend_style_font(legend, style, _font(bold), size)
    legend.model().rootGroup().clear()
    legend.attemptMove(QgsLayoutPoint(12, 230, LAYOUT_MM))
    layout.addLayoutItem(legend)

    add_scalebar(layout, map_item, (140, 268), units_per_segment=10)

    north = QgsLayoutItemPicture(layout)
    north.setId(NORTH_ID)
    north.setPicturePath(NORTH_ARROW)
    north.setLinkedMap(map_item)
    north.attemptMove(QgsLayoutPoint(186, 262, LAYOUT_MM))
    north.attemptResize(QgsLayoutSize(10, 15, LAYOUT_MM))
    layout.addLayoutItem(north)
    return layout


def _context(path):
    """Read/write context resolving paths relative to the template's folder."""
    context = QgsReadWriteContext()
    context.setPathResolver(QgsPathResolver(path))
    return context


def save_template(layout, path=TEMPLATE):
    """Write ``layout`` as a .qpt template (paths relative to resources/layouts/)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # paths relative to the bundled template's folder, wherever this copy is written
    if not layout.saveAsTemplate(path, _context(TEMPLATE)):
        raise ExportError(tr("Could not write the layout template {path}.").format(path=path))


def load_template(project, path=TEMPLATE, item_ids=ITEM_IDS, name=LAYOUT_NAME):
    """A QgsPrintLayout of ``project`` from the .qpt template; ExportError when the file is
    missing, unreadable or lacks one of ``item_ids`` (e.g. the gemeenterapport's)."""
    try:
        with open(path, encoding="utf-8") as handle:
            content = handle.read()
    except OSError as err:
        raise ExportError(tr("Cannot read the layout template {path}: {error}").format(
            path=path, error=err)) from None
    document = QDomDocument()
    if not document.setContent(content):
        raise ExportError(tr("The layout template {path} is not valid XML.").format(path=path))
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    _items, ok = layout.loadFromTemplate(document, _context(path))
    if not ok:
        raise ExportError(tr("QGIS could not load the layout template {path}.").format(
            path=path))
    missing = [item_id for item_id in item_ids if layout.itemById(item_id) is None]
    if missing:
        raise ExportError(tr("The layout template {path} lacks the item(s) {items}.").format(
            path=path, items=", ".join(missing)))
    layout.setName(name)
    return layout


def subtitle_text(field, year=None, scheme=None):
    """'MDI · 2023 · klassen van het rapport (40 / 50 / 60)'."""
    parts = [field_title(field)]
    if year not in (None, ""):
        parts.append(str(year))
    if scheme in SCHEME_TEXTS:
        parts.append(tr(SCHEME_TEXTS[scheme]))
    return " \u00b7 ".join(p for p in parts if p)


def subtitle_for(layers):
    """Subtitle from the MDI custom properties of the first styled choropleth layer."""
    for layer in layers:
        if layer.customProperty(PROP_STYLE) in ("choropleth", "klasse"):
            return subtitle_text(layer.customProperty(PROP_FIELD),
                                 layer.customProperty(PROP_YEAR),
                                 layer.customProperty(PROP_SCHEME))
    return ""


#: Legend order of the MDI styles: classes first, then highlights, then overlays.
_LEGEND_RANK = {"choropleth": 0, "klasse": 0, "top_n": 1, "zones": 2}


def legend_order(layers):
    """The MDI-styled layers (all layers when none is styled) in legend order: choropleths,
    top-N highlights, zone overlays; the map order within each kind."""
    styled = [layer for layer in layers if layer.customProperty(PROP_STYLE) in _LEGEND_RANK]
    if not styled:
        return list(layers)
    return sorted(styled, key=lambda layer: _LEGEND_RANK[layer.customProperty(PROP_STYLE)])


def layers_extent(layers, crs, context, margin=0.04):
    """Union of the layers' extents in ``crs`` with a relative margin."""
    extent = QgsRectangle()
    set_rectangle_null(extent)
    for layer in layers:
        layer_extent = layer.extent()
        if layer.crs() != crs and layer.crs().isValid() and crs.isValid():
            layer_extent = QgsCoordinateTransform(layer.crs(), crs, context) \
                .transformBoundingBox(layer_extent)
        extent.combineExtentWith(layer_extent)
    if extent.isEmpty():
        return extent
    return extent.buffered(max(extent.width(), extent.height()) * margin)


def fit_map_height(layout, map_item, extent):
    """Shorten the map frame to the extent's shape (wide areas leave no empty band) and
    move the legend, scale bar and north arrow below it up by as much."""
    size = layout.convertToLayoutUnits(map_item.sizeWithUnits())
    wanted = size.width() * extent.height() / extent.width()
    if wanted >= size.height() - 1:
        return
    bottom = map_item.pos().y() + size.height()
    shift = size.height() - wanted
    map_item.attemptResize(QgsLayoutSize(size.width(), wanted, LAYOUT_MM))
    for item_id in (LEGEND_ID, SCALEBAR_ID, NORTH_ID):
        item = layout.itemById(item_id)
        if item is not None and item.pos().y() >= bottom - 0.5:
            item.attemptMove(QgsLayoutPoint(item.pos().x(), item.pos().y() - shift,
                                            LAYOUT_MM))


def fit_label_text(label, text, minimum_pt=9.0):
    """Set ``text`` on a one-line label, shrinking its font (not below ``minimum_pt``)
    until the text fits the label's width."""
    label.setText(text)
    font, size, color = label_style(label)
    width_mm = layout_width_mm(label)
    text_mm_at_100 = text_width_mm(text, font, 100.0) * 1.05
    if text_mm_at_100 <= 0:
        return size
    fitting = min(size, max(minimum_pt, 100.0 * width_mm / text_mm_at_100))
    if fitting < size:
        set_label_style(label, font, fitting, color)
    return fitting


def text_width_mm(text, font, size_pt):
    """Width of ``text`` in ``font`` at ``size_pt`` in millimetres (measured on a 72 dpi
    device, where a pixel is a point)."""
    probe = QFont(font)
    probe.setPointSizeF(size_pt)
    device = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots_per_metre = int(round(72 / 0.0254))
    device.setDotsPerMeterX(dots_per_metre)
    device.setDotsPerMeterY(dots_per_metre)
    return QFontMetricsF(probe, device).horizontalAdvance(text) * 25.4 / 72.0


def layout_width_mm(item):
    """Width of a layout item in millimetres."""
    return item.layout().convertToLayoutUnits(item.sizeWithUnits()).width()


def item_rect_mm(item):
    """(x, y, width, height) of a layout item in millimetres."""
    layout = item.layout()
    position = layout.convertToLayoutUnits(item.positionWithUnits())
    size = layout.convertToLayoutUnits(item.sizeWithUnits())
    return position.x(), position.y(), size.width(), size.height()


def legend_heading(layer):
    """The legend heading of an MDI-styled layer, in the UI language: the field and the
    year drawn ("MDI 2023", "MDI-domein inkomen 2023"), "Top 10 – hoogste MDI 2023", the
    zones ("COROP-zones 2023"); the layer name for other layers. The dock and
    mdi:exportmap both export through prepare_layout, so they show the same headings."""
    style = layer.customProperty(PROP_STYLE)
    year = layer.customProperty(PROP_YEAR)
    year = "" if year in (None, "") or is_null(year) else str(year)
    field = layer.customProperty(PROP_FIELD)
    if style in ("choropleth", "klasse"):
        base = field_title(field)
    elif style == STYLE_TOP_N:
        base = tr("Top {n} \u2013 hoogste {field}").format(
            n=layer.customProperty(PROP_TOP_N) or "N", field=field_title(field))
    elif style == STYLE_ZONES:
        base = tr(ZONES_HEADING)
    else:
        return layer.name()
    return "{} {}".format(base, year).strip()


def hide_year_rule(legend, node):
    """Leave the year rule of an MDI style ("2023" above the classes in the layers panel)
    out of a layout ``legend``: there the heading carries the year. Other legend entries
    (and layers without a year rule) are kept as they are."""
    layer = node.layer()
    renderer = layer.renderer() if hasattr(layer, "renderer") else None
    if renderer is None:
        return
    keys = [item.ruleKey() for item in renderer.legendSymbolItems()]
    if YEAR_RULE_KEY not in keys:
        return
    model = legend.model()
    # the legend nodes start with one per legend symbol item (labels, diagrams may follow)
    count = max(len(model.layerOriginalLegendNodes(node)), len(keys))
    order = [index for index in range(count)
             if index >= len(keys) or keys[index] != YEAR_RULE_KEY]
    QgsMapLayerLegendUtils.setLegendNodeOrder(node, order)
    model.refreshLayerLegend(node)


def _choose_legend_columns(legend, right_limit_mm):
    """The column count (1-3) giving the lowest legend that still ends left of
    ``right_limit_mm`` (the scale bar and north arrow)."""
    left = item_rect_mm(legend)[0]
    if not legend.rect().isValid() or legend.rect().isEmpty():
        # QGIS sizes a legend only once it has been painted (it needs the map scale)
        QgsLayoutExporter(legend.layout()).renderPageToImage(0, QSize(), 10.0)
    best = None
    for columns in (1, 2, 3):
        legend.setColumnCount(columns)
        legend.adjustBoxSize()
        _x, _y, width, height = item_rect_mm(legend)
        fits = left + width <= right_limit_mm
        if best is None or (fits and (not best[2] or height < best[1])):
            best = (columns, height, fits)
    legend.setColumnCount(best[0])
    legend.adjustBoxSize()


def arrange_below_map(layout, extent=None, note=None):
    """Lay out the items below the map so that they never overlap, whatever the number of
    legend entries: the source line (the CBS attribution, which must always show) at the
    foot of the page, the note on unnamed regions above it, the legend on the left under
    the map (1-3 columns, left of the scale bar and north arrow), the scale bar and north
    arrow on the right. When the legend does not fit, the map frame gets shorter (the
    extent stays whole, at a smaller scale)."""
    map_item = layout.itemById(MAP_ID)
    legend = layout.itemById(LEGEND_ID)
    scalebar = layout.itemById(SCALEBAR_ID)
    north = layout.itemById(NORTH_ID)
    source = layout.itemById(SOURCE_ID)
    fit_label_text(source, source.text(), minimum_pt=5.5)
    bottom = item_rect_mm(source)[1] - 1.0
    if note:
        bottom = _place_note(layout, note, bottom) - 1.0
    elif layout.itemById(NOTE_ID) is not None:
        layout.removeLayoutItem(layout.itemById(NOTE_ID))
    _map_x, map_y, map_width, map_height = item_rect_mm(map_item)
    _choose_legend_columns(legend, min(item_rect_mm(scalebar)[0],
                                       item_rect_mm(north)[0]) - GAP_MM)
    legend_height = item_rect_mm(legend)[3]
    right_height = item_rect_mm(north)[3]
    overflow = map_y + map_height + GAP_MM + max(legend_height, right_height) - bottom
    if overflow > 0:
        map_height = max(MIN_MAP_HEIGHT_MM, map_height - overflow)
        map_item.attemptResize(QgsLayoutSize(map_width, map_height, LAYOUT_MM))
        if extent is not None and not extent.isEmpty():
            map_item.zoomToExtent(extent)
    top = map_y + map_height + GAP_MM
    legend.attemptMove(QgsLayoutPoint(item_rect_mm(legend)[0], top, LAYOUT_MM))
    north.attemptMove(QgsLayoutPoint(item_rect_mm(north)[0], top, LAYOUT_MM))
    scalebar.applyDefaultSize(DISTANCE_KM)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.update()
    scalebar.attemptMove(QgsLayoutPoint(item_rect_mm(scalebar)[0], top + SCALEBAR_DROP_MM,
                                        LAYOUT_MM))


def _place_note(layout, text, bottom):
    """The note item (id ``NOTE_ID``, created when missing) ending at ``bottom``, as wide
    as the source line; returns its top."""
    source = layout.itemById(SOURCE_ID)
    note = layout.itemById(NOTE_ID)
    if note is None:
        x, _y, width, _height = item_rect_mm(source)
        note = _label(layout, NOTE_ID, "", x, bottom, width, 5, 7.5, color="#404040")
    font, size, _color = label_style(note)
    x, _y, width, _height = item_rect_mm(note)
    note.setText(text)
    lines = max(1, int(text_width_mm(text, font, size) * 1.05 // max(width, 1.0)) + 1)
    height = lines * size * 0.3528 * 1.35 + 1.0
    note.attemptResize(QgsLayoutSize(width, height, LAYOUT_MM))
    note.attemptMove(QgsLayoutPoint(x, bottom - height, LAYOUT_MM))
    return bottom - height


def unlabelled_note(layout, layers):
    """'Niet benoemd op de kaart (geen ruimte): …' for the zone regions whose name the
    labelling engine could not place on the layout's map, or '' when every region is
    named. The map is rendered once at the layout's scale to ask the engine."""
    zone_layers = [layer for layer in layers
                   if layer.customProperty(PROP_STYLE) == STYLE_ZONES and layer.labelsEnabled()]
    if not zone_layers:
        return ""
    missing = []
    for layer in zone_layers:
        missing += unlabelled_regions(layout.itemById(MAP_ID), layer)
    if not missing:
        return ""
    return tr("Not named on the map (no room for the label): {names}.").format(
        names=", ".join(sorted(set(missing))))


def unlabelled_regions(map_item, layer, dpi=96.0):
    """Names of ``layer``'s regions that have a label text but got no label placed when
    ``map_item`` is rendered (the labelling engine's results)."""
    width, height = item_rect_mm(map_item)[2:]
    # the size is in pixels at ``dpi`` (not layout units)
    settings = map_item.mapSettings(map_item.extent(),
                                    QSizeF(width * dpi / 25.4, height * dpi / 25.4), dpi, True)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    results = job.takeLabelingResults()
    placed = {position.featureId for position in results.labelsWithinRect(settings.extent())
              if position.layerID == layer.id() and
              not getattr(position, "isUnplaced", False)}
    return [name for fid, name in label_texts(layer).items() if fid not in placed]


def label_texts(layer):
    """{feature id: label text} of the features of ``layer`` that get a label (the label
    expression of its simple labelling is not NULL or empty)."""
    labeling = layer.labeling()
    if labeling is None or not layer.labelsEnabled():
        return {}
    settings = labeling.settings()
    expression = QgsExpression(settings.fieldName if settings.isExpression else
                               QgsExpression.quotedColumnRef(settings.fieldName))
    context = QgsExpressionContext(
        QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    texts = {}
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    for feature in layer.getFeatures(request):
        context.setFeature(feature)
        value = expression.evaluate(context)
        if not is_null(value) and value is not None and str(value).strip():
            texts[feature.id()] = str(value)
    return texts


def prepare_layout(layout, map_layers, legend_layers=None, extent=None, crs=None,
                   title=None, subtitle=None, source=None):
    """Fill a template layout: map layers (first on top), legend, texts, scale bar, north
    arrow. ``legend_layers`` default: the MDI-styled ones among ``map_layers``."""
    project = layout.project()
    map_item = layout.itemById(MAP_ID)
    crs = crs or (map_layers[0].crs() if map_layers else project.crs())
    map_item.setCrs(crs)
    map_item.setLayers(list(map_layers))
    map_item.setKeepLayerSet(True)
    map_item.setKeepLayerStyles(False)
    extent = extent if extent is not None and not extent.isEmpty() else \
        layers_extent(map_layers, crs, project.transformContext())
    if not extent.isEmpty():
        fit_map_height(layout, map_item, extent)
        map_item.zoomToExtent(extent)

    if legend_layers is None:
        legend_layers = legend_order(map_layers)
    legend = layout.itemById(LEGEND_ID)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in legend_layers:
        node = QgsLayerTreeLayer(layer)
        # the heading says what is drawn (field and year, the zones), not the layer name
        node.setCustomProperty(TITLE_LABEL_PROPERTY, legend_heading(layer))
        root.addChildNode(node)
        hide_year_rule(legend, node)
    legend.setTitle(tr(LEGEND_TITLE))
    legend.setLegendFilterByMapEnabled(False)
    legend.updateLegend()
    legend.adjustBoxSize()

    fit_label_text(layout.itemById(TITLE_ID), title or tr(DEFAULT_TITLE))
    fit_label_text(layout.itemById(SUBTITLE_ID),
                   subtitle if subtitle is not None else subtitle_for(map_layers))
    line = tr(SOURCE_LINE).format(source=source or tr(DEFAULT_SOURCE))
    attribution = open_data_attribution(map_layers)
    if attribution and attribution not in line:
        line = "{} \u00b7 {}".format(line, attribution)     # CC BY: the source must show
    layout.itemById(SOURCE_ID).setText(line)
    scalebar = layout.itemById(SCALEBAR_ID)
    scalebar.applyDefaultSize(DISTANCE_KM)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.update()
    north = layout.itemById(NORTH_ID)
    if not north.picturePath() or not os.path.isfile(north.picturePath()):
        north.setPicturePath(NORTH_ARROW)
    arrange_below_map(layout, extent)
    note = ""
    for _attempt in range(3):      # the note takes room from the map: ask again
        found = unlabelled_note(layout, map_layers)
        if found == note:
            break
        note = found
        arrange_below_map(layout, extent, note)
    layout.refresh()
    return layout


def open_data_attribution(layers):
    """The attribution that mdi:downloadopendata stores in its field ``bron_open_data``
    (sources and licence), over all layers and rows that have it; "" when none does."""
    found = []
    for layer in layers:
        fields = layer.fields() if hasattr(layer, "fields") else None
        index = fields.indexOf(ATTRIBUTION_FIELD) if fields is not None else -1
        if index < 0:
            continue
        for value in sorted(str(v) for v in layer.uniqueValues(index) if not is_null(v)):
            if value.strip() and value not in found:
                found.append(value)
    return "; ".join(found)


def legend_labels(layout):
    """Texts of the legend: [(heading, [class labels])] as the export shows them."""
    legend = layout.itemById(LEGEND_ID)
    model = legend.model()
    result = []
    for node in model.rootGroup().findLayers():
        labels = [legend_node.data(0) for legend_node in model.layerLegendNodes(node)]
        result.append((node.customProperty(TITLE_LABEL_PROPERTY) or node.name(),
                       [str(label) for label in labels]))
    return result


def _folder_of(path):
    """Create the folder of an export file; ExportError when it cannot be made (e.g. a
    file of that name is in the way)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        raise ExportError(tr("Cannot create the folder {folder} for {path}: {reason}. "
                             "Choose another folder.").format(
                                 folder=folder, path=path,
                                 reason=err.strerror or str(err))) from None


def export_layout(layout, png=None, pdf=None, dpi=150):
    """Export to PNG and / or PDF; returns {'png': path, 'pdf': path}. ExportError with
    QGIS's reason when an export fails."""
    if not png and not pdf:
        raise ExportError(tr("Give a PNG or a PDF file to export to."))
    exporter = QgsLayoutExporter(layout)
    done = {}
    if png:
        _folder_of(png)
        # renderPageToImage + save instead of exportToImage: exportToImage also tries to
        # georeference the file through GDAL, which PNG does not support (GDAL error 6).
        image = exporter.renderPageToImage(0, QSize(), float(dpi))
        dots_per_metre = int(round(dpi / 0.0254))
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        if image.isNull() or not image.save(png, "PNG"):
            raise ExportError(tr("PNG export to {path} failed: cannot write the file.")
                              .format(path=png))
        done["png"] = png
    if pdf:
        _folder_of(pdf)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = float(dpi)
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        result = exporter.exportToPdf(pdf, settings)
        if result != LAYOUT_EXPORT_SUCCESS:
            raise ExportError(tr("PDF export to {path} failed (QGIS export result {code}).")
                              .format(path=pdf, code=int(result)))
        done["pdf"] = pdf
    return done


def export_map(project, map_layers, png=None, pdf=None, dpi=150, legend_layers=None,
               extent=None, crs=None, title=None, subtitle=None, source=None,
               template=TEMPLATE):
    """Load the template, fill it with ``map_layers`` and export; returns (layout, files)."""
    layout = load_template(project, template)
    prepare_layout(layout, map_layers, legend_layers, extent, crs, title, subtitle, source)
    return layout, export_layout(layout, png, pdf, dpi)


__all__ = ["ExportError", "build_template_layout", "export_layout",
           "export_map", "legend_labels", "load_template",
           "prepare_layout", "save_template", "subtitle_text"]
