"""Zone overlay: COROP regions drawn as outlines per zone, focus regions heavy, names as
labels (qgis.core only).

The zone of a region comes from its ``zone`` field (output of mdi:flagperiphery, any
spelling core.zones understands), or from its COROP code joined with a zone table (default:
the bundled table of the report) for a plain CBS COROP layer. The join happens in the
renderer's expressions, so the region layer itself is never modified.
Focus regions: ``focusregio = 1`` when the field exists, else perifere zone AND MDI >= 50
when the layer has an ``mdi`` field.

Region names (labels), one rule: the region layer's own name field (NAME_FIELDS; a CBS
boundary layer: "Zeeuwsch-Vlaanderen"); only without one the zone table's names by code
(the bundled table: "Zeeuws-Vlaanderen"); else the code. See label_expression.
"""

import csv

from qgis.core import (QgsLabeling, QgsLayerTreeLayer, QgsLineSymbol, QgsPalLayerSettings,
                       QgsRuleBasedRenderer, QgsSimpleLineCallout, QgsSimpleLineSymbolLayer,
                       QgsTextBufferSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtGui import QFont

from ..compat import (LABEL_PLACEMENT_HORIZONTAL, MULTILINE_CENTER, RENDER_MM, RENDER_POINTS,
                      is_null)
from ..core.codes import normalise_code
from ..core.zones import (CODE_COLUMNS, DEFAULT_THRESHOLD, INTERMEDIAIR, KERN, PERIFEER,
                          ZONES, bundled_zone_table_path, find_column, load_zone_table,
                          normalise_zone)
from ..i18n import tr, tr_noop
from .classes import StyleError
from .palette import load_palette
from .renderers import (PROP_FIELD, PROP_STYLE, PROP_YEAR, find_field, make_symbol,
                        number_literal, outline_symbol, qcolor, quoted, year_expression,
                        year_field_of, years_of)

STYLE_ZONES = "zones"
ZONE_FIELD = "zone"
FOCUS_FIELD = "focusregio"
MDI_FIELD = "mdi"
#: Name fields of region layers, in order of preference.
NAME_FIELDS = ("coropnaam", "statnaam", "regionaam", "regio", "naam", "name")
ZONE_LABELS = {KERN: tr_noop("Kernzone"), INTERMEDIAIR: tr_noop("Intermediaire zone"),
               PERIFEER: tr_noop("Perifere zone")}
UNKNOWN_LABEL = tr_noop("Zone onbekend")
FOCUS_LABEL = tr_noop("Focusregio (perifeer, MDI \u2265 {threshold})")
#: Name of the layer-tree group that holds the overlays above the choropleths.
OVERLAY_GROUP = tr_noop("MDI-zones")
#: Legend heading of the zone overlay (with the year drawn, when the layer has years).
ZONES_HEADING = tr_noop("COROP zones")
#: Region labels: names longer than this many characters wrap at a space.
LABEL_WRAP_CHARACTERS = 14
#: Label priority (0-10) of the region names: below the top-N ranks (10, topn.py).
LABEL_PRIORITY = 7
#: Label candidates per cm² inside polygons (more_label_candidates).
POLYGON_CANDIDATES_PER_CM2 = 10.0


def _literal(text):
    return "'{}'".format(str(text).replace("'", "''"))


def _case(column, mapping):
    """CASE WHEN column IN (...) THEN 'zone' ... END for {raw value: zone}."""
    whens = []
    for zone in ZONES:
        raw = sorted({str(v) for v, z in mapping.items() if z == zone})
        if raw:
            whens.append("WHEN {} IN ({}) THEN '{}'".format(
                column, ", ".join(_literal(v) for v in raw), zone))
    if not whens:
        return "NULL"
    return "CASE {} END".format(" ".join(whens))


def _distinct(layer, field):
    return [v for v in layer.uniqueValues(layer.fields().indexOf(field)) if not is_null(v)]


def zone_expression(layer, table=None):
    """(expression giving 'kern' / 'intermediair' / 'perifeer' or NULL, unknown values).

    Uses the ``zone`` field when present, else the COROP code field joined with ``table``
    ({code: zone}; default the bundled zone table). ValueError when the layer has neither.
    """
    zone_field = find_field(layer, (ZONE_FIELD,))
    if zone_field:
        mapping = {value: normalise_zone(value) for value in _distinct(layer, zone_field)}
        unknown = sorted(str(v) for v, z in mapping.items() if z is None)
        if all(str(v) == z for v, z in mapping.items()):
            return quoted(zone_field), unknown
        return _case("{}".format(quoted(zone_field)), mapping), unknown
    code_field = find_field(layer, CODE_COLUMNS)
    if not code_field:
        raise StyleError("Layer '{layer}' has neither a 'zone' field nor a COROP code field "
                         "({fields}). Use the output of mdi:flagperiphery or a COROP layer "
                         "with codes.", layer=layer.name(), fields=", ".join(CODE_COLUMNS))
    table = table if table is not None else load_zone_table()
    mapping = {value: table.get(normalise_code(value, "CR"))
               for value in _distinct(layer, code_field)}
    unknown = sorted(str(v) for v, z in mapping.items() if z is None)
    return _case("to_string({})".format(quoted(code_field)),
                 {str(v): z for v, z in mapping.items()}), unknown


def focus_expression(layer, zone_expr, threshold=DEFAULT_THRESHOLD):
    """Expression true for focus regions ('"focusregio" = 1', or perifeer AND mdi >=
    threshold when the layer has an 'mdi' field), or None."""
    focus_field = find_field(layer, (FOCUS_FIELD,))
    if focus_field:
        return "{} = 1".format(quoted(focus_field))
    mdi_field = find_field(layer, (MDI_FIELD,))
    if mdi_field:
        return "({}) = '{}' AND {} >= {}".format(
            zone_expr, PERIFEER, quoted(mdi_field), number_literal(threshold))
    return None


def _level(symbol, rendering_pass):
    for index in range(symbol.symbolLayerCount()):
        symbol.symbolLayer(index).setRenderingPass(rendering_pass + index)
    return symbol


def zone_overlay_renderer(zone_expr, focus_expr=None, with_unknown=False,
                          threshold=DEFAULT_THRESHOLD, palette=None, year_filter=""):
    """Outline-only rules per zone, focus regions on top with a heavy outline; every rule
    also tests ``year_filter`` ('"jaar" = 2023') when given."""
    palette = palette or load_palette()
    not_focus = "NOT coalesce(({}), 0)".format(focus_expr) if focus_expr else ""
    root = QgsRuleBasedRenderer.Rule(None)
    root.setRuleKey("mdi_zones_root")

    def add(symbol, expression, label, key):
        if year_filter:
            expression = "({}) AND ({})".format(year_filter, expression)
        rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label)
        rule.setRuleKey(key)
        root.appendChild(rule)

    for zone in ZONES:
        expression = "({}) = '{}'".format(zone_expr, zone)
        if not_focus:
            expression += " AND " + not_focus
        add(_level(outline_symbol(palette.zones[zone]), 0), expression,
            tr(ZONE_LABELS[zone]), "mdi_zone_{}".format(zone))
    if with_unknown:
        add(_level(outline_symbol(palette.zones["unknown"]), 0),
            "({}) IS NULL".format(zone_expr), tr(UNKNOWN_LABEL), "mdi_zone_onbekend")
    if focus_expr:
        add(_level(outline_symbol(palette.zones["focus"]), 2),
            "coalesce(({}), 0)".format(focus_expr),
            tr(FOCUS_LABEL).format(threshold=number_literal(threshold)), "mdi_focusregio")
    renderer = QgsRuleBasedRenderer(root)
    renderer.setUsingSymbolLevels(True)
    return renderer


def name_field_of(layer):
    """The region name field ('coropnaam', 'statnaam', 'naam', ...) or None."""
    return find_field(layer, NAME_FIELDS)


def read_region_names(path=None):
    """{canonical COROP code: name} from a zone table CSV with a name column (coropnaam,
    statnaam, naam); {} when it has none. Default: the bundled COROP zone table."""
    path = path or bundled_zone_table_path()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return {}
    delimiter = max((";", ",", "\t"), key=lines[0].count)
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = [name.strip() for name in rows[0]]
    code_column = find_column(header)
    name_column = find_column(header, NAME_FIELDS)
    if code_column is None or name_column is None:
        return {}
    code_at, name_at = header.index(code_column), header.index(name_column)
    names = {}
    for row in rows[1:]:
        if len(row) > max(code_at, name_at):
            code = normalise_code(row[code_at].strip(), "CR")
            if code and row[name_at].strip():
                names[code] = row[name_at].strip()
    return names


def label_expression(layer, name_field=None, names=None):
    """Expression for the region labels: the name field; else the names of ``names``
    ({code: name}) looked up by the code field; else the code; None without either."""
    name_field = name_field or name_field_of(layer)
    if name_field:
        return quoted(name_field)
    code_field = find_field(layer, CODE_COLUMNS)
    if not code_field:
        return None
    column = "to_string({})".format(quoted(code_field))
    whens = []
    for value in _distinct(layer, code_field):
        name = (names or {}).get(normalise_code(value, "CR"))
        if name:
            whens.append("WHEN {} = {} THEN {}".format(column, _literal(value),
                                                       _literal(name)))
    if not whens:
        return column
    return "CASE {} ELSE {} END".format(" ".join(whens), column)


def region_labeling(label, palette=None, year_filter=""):
    """Horizontal labels of the expression ``label`` with a white buffer (only where
    ``year_filter`` holds, when given)."""
    palette = palette or load_palette()
    text = QgsTextFormat()
    font = QFont()
    font.setBold(True)
    text.setFont(font)
    text.setSize(palette.label_size_pt)
    text.setSizeUnit(RENDER_POINTS)
    text.setColor(qcolor(palette.label_color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(palette.label_buffer_mm)
    buffer.setSizeUnit(RENDER_MM)
    buffer.setColor(qcolor(palette.label_buffer))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    if year_filter:
        label = "CASE WHEN {} THEN {} END".format(year_filter, label)
    settings.fieldName = label
    settings.isExpression = True
    settings.setFormat(text)
    _place_region_labels(settings)
    return QgsVectorLayerSimpleLabeling(settings)


def more_label_candidates(project):
    """Let the labelling engine of ``project`` try more positions inside polygons (QGIS's
    default, 2.5 per cm\u00b2, leaves several small COROP regions of the Randstad unnamed
    on an A4 map of the Netherlands; 10 names all but about 3). For a project the plugin
    owns (mdi:exportmap's); the dock leaves the user's project settings alone."""
    settings = project.labelingEngineSettings()
    settings.setMaximumPolygonCandidatesPerCmSquared(POLYGON_CANDIDATES_PER_CM2)
    project.setLabelingEngineSettings(settings)


def _place_region_labels(settings):
    """How the labelling engine places region names so that small regions are named too:
    horizontal, inside the region where it fits and else just outside it with a thin
    callout line to the region; long names wrap onto two lines; a high priority (after
    the top-N ranks). Names that still find no room are listed on the exported map
    (layout.unlabelled_note)."""
    settings.placement = LABEL_PLACEMENT_HORIZONTAL
    settings.autoWrapLength = LABEL_WRAP_CHARACTERS
    settings.multilineAlign = MULTILINE_CENTER
    settings.priority = LABEL_PRIORITY
    flags = getattr(QgsLabeling, "PolygonPlacementFlags", None)
    inside = QgsLabeling.PolygonPlacementFlag.AllowPlacementInsideOfPolygon
    outside = QgsLabeling.PolygonPlacementFlag.AllowPlacementOutsideOfPolygon
    settings.polygonPlacementFlags = flags(inside | outside) if flags else inside | outside
    line = QgsSimpleLineSymbolLayer(qcolor("#404040"), 0.2)
    line.setWidthUnit(RENDER_MM)
    callout = QgsSimpleLineCallout()
    callout.setLineSymbol(make_symbol(QgsLineSymbol, [line]))
    callout.setMinimumLength(2.0)
    callout.setMinimumLengthUnit(RENDER_MM)
    callout.setOffsetFromAnchor(0.5)
    callout.setOffsetFromAnchorUnit(RENDER_MM)
    callout.setEnabled(True)
    settings.setCallout(callout)


def apply_zone_overlay(layer, table=None, name_field=None, labels=True,
                       threshold=DEFAULT_THRESHOLD, palette=None, year=None, year_field=None,
                       names=None):
    """Style a region layer as the zone overlay; returns {'focus': bool, 'unknown': [...],
    'name_field': str or None, 'year': year drawn or None}.

    A long-format region layer (a year field, e.g. output of mdi:flagperiphery on several
    years) shows one year: ``year``, or the latest. Labels: ``name_field`` or the layer's
    name field, else ``names`` ({code: name}, default: the bundled table's names) by code.
    ValueError when no zone can be found or ``year`` does not occur.
    """
    year_field = year_field or year_field_of(layer)
    years = years_of(layer, year_field) if year_field else []
    if year is not None and year not in years:
        raise StyleError("Year {year} does not occur in layer '{layer}' (years: {years}).",
                         year=year, layer=layer.name(),
                         years=", ".join(map(str, years)) or "-")
    if year is None and len(years) > 1:
        year = years[-1]
    year_filter = year_expression(year_field, year) if year is not None else ""
    zone_expr, unknown = zone_expression(layer, table)
    focus_expr = focus_expression(layer, zone_expr, threshold)
    layer.setRenderer(zone_overlay_renderer(zone_expr, focus_expr, bool(unknown), threshold,
                                            palette, year_filter))
    name_field = name_field or name_field_of(layer)
    label = label_expression(layer, name_field, read_region_names() if names is None
                             else names) if labels else None
    if label:
        layer.setLabeling(region_labeling(label, palette, year_filter))
        layer.setLabelsEnabled(True)
    else:
        layer.setLabelsEnabled(False)
    layer.setCustomProperty(PROP_STYLE, STYLE_ZONES)
    layer.setCustomProperty(PROP_FIELD, ZONE_FIELD)
    layer.triggerRepaint()
    layer.setCustomProperty(PROP_YEAR, "" if year is None else int(year))
    return {"focus": focus_expr is not None, "unknown": unknown, "name_field": name_field,
            "year": year}


def place_in_overlay_group(project, layers, group_name=None):
    """Move ``layers`` (already in ``project``) into a layer-tree group at the top, above
    the choropleths; returns the group."""
    root = project.layerTreeRoot()
    group_name = group_name or tr(OVERLAY_GROUP)
    group = root.findGroup(group_name)
    if group is None:
        group = root.insertGroup(0, group_name)
    elif root.children().index(group) != 0:
        clone = group.clone()
        root.insertChildNode(0, clone)
        root.removeChildNode(group)
        group = clone
    for layer in layers:
        node = root.findLayer(layer.id())
        if node is not None and node.parent() is group:
            continue
        group.addChildNode(QgsLayerTreeLayer(layer))
        if node is not None:
            node.parent().removeChildNode(node)
    return group
