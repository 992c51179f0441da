"""Choropleth renderers of the MDI maps, built from the palette (qgis.core only, no GUI).

Every class is a rule ``lower <= value < upper`` of a QgsRuleBasedRenderer, with a last
rule ``value IS NULL`` labelled "Geen gegevens". Rules (not a graduated renderer) because
QGIS's graduated ranges are ``lower < value <= upper`` (50.0 would fall in "Gematigd",
while mdi:classifyquartiles and the report put it in "Hoog") and have no NULL class. The
ranges are fixed numbers in the rules, so QGIS never recomputes them.

For layers in long format (one feature per unit per year) the class rules are children of
a symbol-less rule that tests the year and is labelled with it ("2023"), so only one year is
drawn and the layers panel says which (the print layout hides that rule: its legend
headings carry the year, styling/layout.py).
"""

import numpy as np
from qgis.core import (QgsExpression, QgsFeatureRequest, QgsFillSymbol,
                       QgsLinePatternFillSymbolLayer, QgsLineSymbol, QgsRuleBasedRenderer,
                       QgsSimpleFillSymbolLayer, QgsSimpleLineSymbolLayer)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..compat import RENDER_MM, REQUEST_NO_GEOMETRY, is_null
from ..core.classify import CLASS_SUFFIX, NO_DATA_LABEL, class_labels
from ..core.fieldnames import YEAR_LIKE_FIELDS
from ..i18n import tr, tr_noop
from .classes import CHANGE, FIXED, QUARTILES, StyleError, make_scheme, range_text
from .palette import load_palette

#: Field names that mark a buurt or wijk layer (quartile maps, as in the report).
SMALL_AREA_FIELDS = ("buurtcode", "wijkcode", "bu_code", "wk_code")

#: Custom properties written on styled layers (read by the dock and the map export).
PROP_STYLE = "mdi/style"
PROP_FIELD = "mdi/field"
PROP_SCHEME = "mdi/scheme"
PROP_YEAR = "mdi/year"
PROP_BREAKS = "mdi/breaks"
STYLE_CHOROPLETH = "choropleth"
#: Prefix of the difference fields of mdi:changeovertime (diverging scheme).
CHANGE_PREFIX = "verschil_"

_PEN_STYLES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine,
               "dot": Qt.PenStyle.DotLine, "dashdot": Qt.PenStyle.DashDotLine}


#: The report's Dutch terms defined in modules without QGIS imports (core.classify,
#: styling.classes), marked here for scripts/i18n.py; they are translated with tr() where
#: they are shown. Dutch is their source language: in Dutch they stay as they are.
REPORT_TERMS = (
    tr_noop("Zeer laag"), tr_noop("Laag"), tr_noop("Gematigd"), tr_noop("Hoog"),
    tr_noop("Zeer hoog"), tr_noop("Geen gegevens"), tr_noop("Sterk verbeterd"),
    tr_noop("Verbeterd"), tr_noop("Nauwelijks veranderd"), tr_noop("Verslechterd"),
    tr_noop("Sterk verslechterd"),
)


def qcolor(hex_color):
    """QColor of '#rrggbb'."""
    return QColor(hex_color)


def make_symbol(symbol_class, layers):
    """A QgsFillSymbol / QgsLineSymbol made of ``layers`` (ownership passed to QGIS:
    the list constructor of QGIS 3.22 does not take ownership, so Python would free the
    layers while the symbol still uses them)."""
    symbol = symbol_class()
    for layer in layers:
        symbol.appendSymbolLayer(layer)
    symbol.deleteSymbolLayer(0)
    return symbol


def fill_symbol(color, palette=None):
    """Solid fill in ``color`` with the palette's thin outline."""
    palette = palette or load_palette()
    layer = QgsSimpleFillSymbolLayer(qcolor(color), Qt.BrushStyle.SolidPattern,
                                     qcolor(palette.outline.color), Qt.PenStyle.SolidLine,
                                     palette.outline.width_mm)
    layer.setStrokeWidthUnit(RENDER_MM)
    return make_symbol(QgsFillSymbol, [layer])


def no_data_symbol(palette=None):
    """Light grey fill with grey diagonal hatching: "Geen gegevens"."""
    palette = palette or load_palette()
    symbol = fill_symbol(palette.no_data_fill, palette)
    hatch = QgsLinePatternFillSymbolLayer()
    hatch.setLineAngle(palette.hatch_angle)
    hatch.setDistance(palette.hatch_spacing_mm)
    hatch.setDistanceUnit(RENDER_MM)
    line = QgsSimpleLineSymbolLayer(qcolor(palette.no_data_hatch), palette.hatch_width_mm)
    line.setWidthUnit(RENDER_MM)
    hatch.setSubSymbol(make_symbol(QgsLineSymbol, [line]))
    symbol.appendSymbolLayer(hatch)
    return symbol


def outline_symbol(style, palette=None):
    """Outline-only polygon symbol for a palette LineStyle (with a halo below if set)."""
    layers = []
    if style.halo:
        layers.append(_stroke_layer(style.halo, style.halo_width_mm, "solid"))
    layers.append(_stroke_layer(style.color, style.width_mm, style.style))
    return make_symbol(QgsFillSymbol, layers)


def _stroke_layer(color, width_mm, pen):
    layer = QgsSimpleFillSymbolLayer(qcolor(color), Qt.BrushStyle.NoBrush, qcolor(color),
                                     _PEN_STYLES.get(pen, Qt.PenStyle.SolidLine), width_mm)
    layer.setStrokeWidthUnit(RENDER_MM)
    layer.setPenJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return layer


def quoted(field):
    """The field as an expression column reference: "mdi"."""
    return QgsExpression.quotedColumnRef(field)


def number_literal(value):
    """A number as an expression literal, exact for floats."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def range_expression(field, lower, upper):
    """'"mdi" >= 40 AND "mdi" < 50' (None bounds are left out)."""
    column = quoted(field)
    parts = []
    if lower is not None:
        parts.append("{} >= {}".format(column, number_literal(lower)))
    if upper is not None:
        parts.append("{} < {}".format(column, number_literal(upper)))
    if not parts:
        parts.append("{} IS NOT NULL".format(column))
    return " AND ".join(parts)


def year_expression(year_field, year):
    """'"jaar" = 2023', or '' without a year."""
    if not year_field or year is None:
        return ""
    return "{} = {}".format(quoted(year_field), number_literal(year))


def _with_year(expression, year_filter):
    return "({}) AND ({})".format(year_filter, expression) if year_filter else expression


def _rule(symbol, expression, label, key):
    rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label)
    rule.setRuleKey(key)
    return rule


#: Rule key of the symbol-less parent rule that filters and names the year drawn.
YEAR_RULE_KEY = "mdi_year"


def _class_parent(root, year_filter, year):
    """The rule the class rules go under: ``root``, or with a year a new child of it
    without symbol, filtering on the year and labelled with it (the layers panel shows
    "2023" above the classes)."""
    if not year_filter:
        return root
    parent = _rule(None, year_filter, str(int(float(year))), YEAR_RULE_KEY)
    root.appendChild(parent)
    return parent


def class_rules(renderer):
    """The class rules of an MDI rule renderer (under the year rule when there is one),
    then the other rules of the root (e.g. the top-N highlight)."""
    rules = []
    for rule in renderer.rootRule().children():
        if rule.ruleKey() == YEAR_RULE_KEY:
            rules += list(rule.children())
        else:
            rules.append(rule)
    return rules


def choropleth_renderer(scheme, year=None, year_field=None, palette=None):
    """A QgsRuleBasedRenderer for a ClassScheme: one rule per class, then "Geen gegevens"."""
    palette = palette or load_palette()
    root = QgsRuleBasedRenderer.Rule(None)
    root.setRuleKey("mdi_root")
    parent = _class_parent(root, year_expression(year_field, year), year)
    for class_range in scheme.classes:
        parent.appendChild(_rule(
            fill_symbol(class_range.color, palette),
            range_expression(scheme.field, class_range.lower, class_range.upper),
            class_range.label, "mdi_{}".format(class_range.key)))
    parent.appendChild(_rule(no_data_symbol(palette), "{} IS NULL".format(quoted(scheme.field)),
                             scheme.no_data.label, "mdi_{}".format(scheme.no_data.key)))
    return QgsRuleBasedRenderer(root)


def field_title(field):
    """'MDI' for mdi, 'MDI-domein inkomen' for mdi_inkomen, else the field name."""
    if field is None:
        return ""
    lower = field.lower()
    if lower == "mdi":
        return "MDI"
    if lower.startswith("mdi_") and not lower.endswith("_klasse"):
        return tr("MDI-domein {domain}").format(domain=field[4:])
    if lower == "mdi_klasse":
        return tr("MDI-klasse")
    if lower.startswith(CHANGE_PREFIX) and len(field) > len(CHANGE_PREFIX):
        return tr("Verandering {field} (procentpunten)").format(
            field=field_title(field[len(CHANGE_PREFIX):]))
    return field


def find_field(layer, candidates):
    """The first of ``candidates`` (any case) among the layer's fields, as spelled there."""
    names = {name.lower(): name for name in layer.fields().names()}
    for candidate in candidates:
        if candidate.lower() in names:
            return names[candidate.lower()]
    return None


def year_field_of(layer):
    """The layer's year field (jaar, year, jaartal, peiljaar) or None."""
    return find_field(layer, YEAR_LIKE_FIELDS)


def numeric_fields(layer):
    """Names of the layer's numeric fields: 'mdi', 'mdi_<domain>', 'verschil_*' (change),
    then the rest (fields ending in '_klasse' and year fields are left out)."""
    names = [f.name() for f in layer.fields() if f.isNumeric()
             and not f.name().lower().endswith(CLASS_SUFFIX)
             and f.name().lower() not in YEAR_LIKE_FIELDS]

    def order(name):
        lower = name.lower()
        return (0 if lower == "mdi" else 1 if lower.startswith("mdi_") else
                2 if lower.startswith(CHANGE_PREFIX) else 3)
    return sorted(names, key=order)


def years_of(layer, year_field=None):
    """Sorted distinct years of the layer's year field ([] without one)."""
    year_field = year_field or year_field_of(layer)
    if not year_field:
        return []
    index = layer.fields().indexOf(year_field)
    years = set()
    for value in layer.uniqueValues(index):
        if not is_null(value):
            try:
                years.add(int(float(value)))
            except (TypeError, ValueError):
                continue
    return sorted(years)


def field_values(layer, field, year=None, year_field=None):
    """Values of ``field`` as a float array (NaN for NULL / non-numeric), optionally of one
    year only."""
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    names = [field] + ([year_field] if year_field and year is not None else [])
    request.setSubsetOfAttributes(names, layer.fields())
    if year_field and year is not None:
        request.setFilterExpression(year_expression(year_field, year))
    index = layer.fields().indexOf(field)
    values = []
    for feature in layer.getFeatures(request):
        value = feature.attribute(index)
        try:
            values.append(np.nan if is_null(value) else float(value))
        except (TypeError, ValueError):
            values.append(np.nan)
    return np.asarray(values, dtype=float)


def default_scheme_for(layer, field=None):
    """CHANGE for a 'verschil_*' field, QUARTILES for buurt / wijk layers (the report's
    buurt maps), FIXED otherwise."""
    if field and field.lower().startswith(CHANGE_PREFIX):
        return CHANGE
    return QUARTILES if find_field(layer, SMALL_AREA_FIELDS) else FIXED


def apply_choropleth(layer, field="mdi", scheme=FIXED, year=None, year_field=None,
                     breaks=None, palette=None):
    """Style ``layer`` as an MDI choropleth of ``field``; returns the ClassScheme.

    ``scheme``: FIXED (report breaks, or ``breaks``), QUARTILES (of the features with data,
    of ``year`` only when given) or CHANGE (diverging, centred on 0). ``year`` filters a
    long-format layer on ``year_field`` (default: the layer's 'jaar' field).
    Raises ValueError for an unknown field and core InputError when quartiles cannot be
    computed.
    """
    if layer.fields().indexOf(field) < 0:
        raise StyleError("Layer '{layer}' has no field '{field}'.", layer=layer.name(),
                         field=field)
    if year is not None:
        year_field = year_field or year_field_of(layer)
        if not year_field:
            raise StyleError("Layer '{layer}' has no year field (jaar).", layer=layer.name())
    values = field_values(layer, field, year, year_field) if scheme == QUARTILES else None
    class_scheme = make_scheme(scheme, field, values, breaks, tr, palette)
    layer.setRenderer(choropleth_renderer(class_scheme, year, year_field, palette))
    _remember(layer, class_scheme, year)
    layer.triggerRepaint()
    return class_scheme


def _remember(layer, class_scheme, year):
    layer.setCustomProperty(PROP_STYLE, STYLE_CHOROPLETH)
    layer.setCustomProperty(PROP_FIELD, class_scheme.field)
    layer.setCustomProperty(PROP_SCHEME, class_scheme.scheme)
    layer.setCustomProperty(PROP_YEAR, "" if year is None else int(year))
    layer.setCustomProperty(PROP_BREAKS, ",".join(number_literal(b)
                                                  for b in class_scheme.breaks))


STYLE_KLASSE = "klasse"


def klasse_field_of(layer):
    """The class field of a classified layer: 'mdi_klasse', else the first '*_klasse'."""
    preferred = find_field(layer, ("mdi" + CLASS_SUFFIX,))
    if preferred:
        return preferred
    for field in layer.fields():
        if field.name().lower().endswith(CLASS_SUFFIX) and field.isNumeric():
            return field.name()
    return None


def klasse_labels(layer, klasse_field):
    """{class number: label} from the class field and its '<field>_label' companion."""
    label_field = find_field(layer, (klasse_field + "_label",))
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    request.setSubsetOfAttributes([n for n in (klasse_field, label_field) if n],
                                  layer.fields())
    labels = {}
    for feature in layer.getFeatures(request):
        number = feature[klasse_field]
        if is_null(number):
            continue
        number = int(number)
        if number not in labels or not labels[number]:
            label = feature[label_field] if label_field else None
            labels[number] = "" if is_null(label) or label is None else str(label)
    return labels


#: Class counts whose labels are names only ("Hoog"): the style adds the range, as the
#: compute output's legend shows it ("Hoog (50–60)"); from 6 classes on the labels of
#: mdi:classifyquartiles name the range themselves (core.classify.class_labels).
RANGE_LABELLED_COUNTS = (2, 3, 4, 5)


def klasse_renderer(klasse_field, labels, year=None, year_field=None, palette=None,
                    breaks=None):
    """Rules '"mdi_klasse" = k' for k = 1 .. max(labels), coloured light to dark, and a
    "Geen gegevens" rule for NULL. ``labels``: {class number: label}; ``breaks`` (the
    ascending breaks the classes were made with, one fewer than the classes) add each
    class's range to its label."""
    palette = palette or load_palette()
    count = max(labels) if labels else 4
    colors = palette.sequential_colors(count)
    root = QgsRuleBasedRenderer.Rule(None)
    root.setRuleKey("mdi_root")
    parent = _class_parent(root, year_expression(year_field, year), year)
    column = quoted(klasse_field)
    bounds = [None] + list(breaks) + [None] if breaks and len(breaks) == count - 1 else None
    names = class_labels(breaks) if bounds else None   # also of classes without features
    for number in range(1, count + 1):
        label = labels.get(number) or (names[number - 1] if names else None)
        label = tr(label) if label else tr("Klasse {number}").format(number=number)
        if bounds and count in RANGE_LABELLED_COUNTS:
            label = "{} ({})".format(label, range_text(bounds[number - 1], bounds[number]))
        parent.appendChild(_rule(fill_symbol(colors[number - 1], palette),
                                 "{} = {}".format(column, number),
                                 label, "mdi_klasse_{}".format(number)))
    parent.appendChild(_rule(no_data_symbol(palette), "{} IS NULL".format(column),
                             tr(NO_DATA_LABEL), "mdi_geen_gegevens"))
    return QgsRuleBasedRenderer(root)


def apply_klasse_style(layer, klasse_field=None, year=None, year_field=None, palette=None,
                       breaks=None):
    """Style a layer classified by mdi:classifyquartiles by its class field (labels from
    the '<field>_label' field, with each class's range when ``breaks`` are given: the
    breaks of the year drawn); returns the class field used. ValueError without one."""
    klasse_field = klasse_field or klasse_field_of(layer)
    if not klasse_field or layer.fields().indexOf(klasse_field) < 0:
        raise StyleError("Layer '{layer}' has no class field (*_klasse).", layer=layer.name())
    if year is not None:
        year_field = year_field or year_field_of(layer)
    labels = klasse_labels(layer, klasse_field)
    layer.setRenderer(klasse_renderer(klasse_field, labels, year, year_field, palette,
                                      breaks))
    layer.setCustomProperty(PROP_STYLE, STYLE_KLASSE)
    layer.setCustomProperty(PROP_FIELD, klasse_field)
    layer.setCustomProperty(PROP_YEAR, "" if year is None else int(year))
    layer.triggerRepaint()
    return klasse_field


def legend_entries(renderer):
    """(label, expression, first symbol colour name) of each class rule of a rule renderer
    (class_rules; the expression of a class under the year rule includes the year test)."""
    entries = []
    for rule in class_rules(renderer):
        color = rule.symbol().symbolLayer(0).color().name() if rule.symbol() else ""
        expression = rule.filterExpression()
        parent = rule.parent()
        if parent is not None and parent.ruleKey() == YEAR_RULE_KEY:
            expression = _with_year(expression, parent.filterExpression())
        entries.append((rule.label(), expression, color))
    return entries
