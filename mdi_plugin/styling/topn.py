"""Highlight the N highest-scoring features of a layer ("de 10 buurten met de hoogste MDI"),
optionally within one gemeente (qgis.core only).

The highlight is a new memory layer (copies of the N features with their rank), drawn as
heavy outlines with the rank as label above the choropleth; the source layer is never
modified.
"""

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureRequest, QgsFields, QgsPalLayerSettings,
                       QgsRuleBasedRenderer, QgsTextBufferSettings, QgsTextFormat,
                       QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsWkbTypes)
from qgis.PyQt.QtGui import QFont

from ..compat import RENDER_MM, RENDER_POINTS, REQUEST_NO_GEOMETRY, is_null, new_field
from ..core.codes import area_keys, gemeente_of, normalise_code
from ..core.errors import MdiError
from ..core.topn import competition_ranks
from ..core.values import parse_numeric_column
from ..i18n import tr
from .classes import StyleError, top_n_rows
from .palette import LineStyle, load_palette
from .renderers import (PROP_FIELD, PROP_STYLE, PROP_YEAR, field_title, find_field,
                        outline_symbol, qcolor, quoted, year_expression, year_field_of)

STYLE_TOP_N = "top_n"
#: Custom property of a highlight layer: how many features it highlights (legend heading).
PROP_TOP_N = "mdi/top_n"
DEFAULT_N = 10
CODE_FIELDS = ("buurtcode", "wijkcode", "gemeentecode", "statcode", "code", "bu_code")
NAME_FIELDS = ("buurtnaam", "wijknaam", "gemeentenaam", "statnaam", "naam", "bu_naam")
GEMEENTE_CODE_FIELDS = ("gemeentecode", "gm_code")
GEMEENTE_NAME_FIELDS = ("gemeentenaam", "gm_naam")
#: Fields of the highlight layer.
RANK_FIELD = "rang"


def gemeenten_in_layer(layer):
    """Sorted (code, name) pairs of the gemeenten in a buurt / wijk layer (code from the
    gemeente code field or the buurt / wijk code; name '' when unknown)."""
    code_field = find_field(layer, GEMEENTE_CODE_FIELDS)
    unit_field = find_field(layer, CODE_FIELDS)
    name_field = find_field(layer, GEMEENTE_NAME_FIELDS)
    names = [n for n in (code_field, unit_field, name_field) if n]
    if not names:
        return []
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    request.setSubsetOfAttributes(names, layer.fields())
    ids, rows = [], []
    for feature in layer.getFeatures(request):
        ids.append(feature.id())
        rows.append([None if not n or is_null(feature[n]) else feature[n]
                     for n in (code_field, unit_field, name_field)])
    found = {}
    try:
        codes = gemeente_codes([r[0] for r in rows], [r[1] for r in rows], code_field,
                               unit_field, ids)
    except MdiError:   # a list for the dock: a value that is no code is just left out
        codes = [normalise_code(r[0], "GM") or gemeente_of(r[1]) for r in rows]
    for code, row in zip(codes, rows):
        if code and not found.get(code):
            found[code] = "" if row[2] is None else str(row[2])
    return sorted(found.items())


def gemeente_codes(code_values, unit_values, code_field, unit_field, ids):
    """The gemeente code (GM0363) of each feature: from its gemeente code field, else from
    its buurt / wijk code; both read with core.codes.area_keys (any CBS form; a value that
    is no code like the field's others is an error naming the feature). None: unknown."""
    def keys(values, name):
        return area_keys(values, name, ids)[0] if name else [None] * len(ids)
    out = []
    for gemeente, unit in zip(keys(code_values, code_field), keys(unit_values, unit_field)):
        code = normalise_code(str(gemeente), "GM") if gemeente is not None else None
        out.append(code if code is not None or unit is None else gemeente_of(str(unit)))
    return out


def top_n_features(layer, field="mdi", n=DEFAULT_N, gemeente=None, year=None,
                   year_field=None):
    """The features ranked 1 .. ``n`` by ``field`` (highest first; ties share a rank as in
    mdi:topn; NULL never counts) as dicts {fid, rank, value, code, name}. ``gemeente``: a
    gemeente code in any CBS form (GM0363, 363) or a gemeente name; ``year`` filters a
    long-format layer.
    ValueError when the field is missing or the gemeente matches no feature."""
    if layer.fields().indexOf(field) < 0:
        raise StyleError("Layer '{layer}' has no field '{field}'.", layer=layer.name(),
                         field=field)
    code_field = find_field(layer, GEMEENTE_CODE_FIELDS)
    unit_field = find_field(layer, CODE_FIELDS)
    gm_name_field = find_field(layer, GEMEENTE_NAME_FIELDS)
    name_field = find_field(layer, NAME_FIELDS)
    if year is not None:
        year_field = year_field or year_field_of(layer)
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    if year is not None and year_field:
        request.setFilterExpression(year_expression(year_field, year))
    wanted_code = normalise_code(gemeente, "GM") if gemeente not in (None, "") else None
    wanted_name = str(gemeente).strip().lower() if gemeente not in (None, "") else None
    picked = [n for n in (field, code_field, unit_field, gm_name_field, name_field) if n]
    ids, rows = [], []
    for feature in layer.getFeatures(request):
        ids.append(feature.id())
        rows.append({n: None if is_null(feature[n]) else feature[n] for n in picked})
    values = parse_numeric_column([r[field] for r in rows], field, ids)
    codes = [None if r.get(unit_field) is None else str(r[unit_field]) for r in rows]
    names = [None if r.get(name_field) is None else str(r[name_field]) for r in rows]
    mask = [True] * len(rows)
    if wanted_name is not None:
        gemeenten = gemeente_codes([r.get(code_field) for r in rows],
                                   [r.get(unit_field) for r in rows], code_field, unit_field,
                                   ids)
        mask = [wanted_code is not None and code == wanted_code or (
            gm_name_field is not None and row.get(gm_name_field) is not None and
            str(row[gm_name_field]).strip().lower() == wanted_name)
            for code, row in zip(gemeenten, rows)]
    if wanted_name is not None and not any(mask):
        raise StyleError("No feature of layer '{layer}' lies in gemeente '{gemeente}'. Give "
                         "a gemeente code (GM0363, 363) or name that occurs in the layer.",
                         layer=layer.name(), gemeente=gemeente)
    rows = top_n_rows(values, n, mask)
    ranks = competition_ranks(values, None if wanted_name is None else
                              np.where(np.asarray(mask, dtype=bool), 0, -1))
    return [{"fid": ids[row], "rank": int(ranks[row]), "value": float(values[row]),
             "code": codes[row], "name": names[row]} for row in rows]


def highlight_renderer(palette=None):
    """Heavy outline in the highlight colour (white halo below), one legend entry."""
    palette = palette or load_palette()
    style = palette.highlight
    halo = LineStyle(style.color, style.width_mm, "solid", "#ffffff", style.width_mm * 2)
    root = QgsRuleBasedRenderer.Rule(None)
    rule = QgsRuleBasedRenderer.Rule(outline_symbol(halo), 0, 0, "",
                                     tr("Hoogste scores"))
    rule.setRuleKey("mdi_top_n")
    root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def rank_labeling(palette=None):
    """The rank as a bold label with a white buffer."""
    palette = palette or load_palette()
    text = QgsTextFormat()
    font = QFont()
    font.setBold(True)
    text.setFont(font)
    text.setSize(palette.highlight_label_size_pt)
    text.setSizeUnit(RENDER_POINTS)
    text.setColor(qcolor(palette.highlight.color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(palette.label_buffer_mm)
    buffer.setSizeUnit(RENDER_MM)
    buffer.setColor(qcolor(palette.label_buffer))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = RANK_FIELD
    settings.isExpression = False
    settings.priority = 10          # the ranks before the region names (zones.py)
    settings.setFormat(text)
    return QgsVectorLayerSimpleLabeling(settings)


def apply_highlight_style(layer, n=None, field="mdi", palette=None):
    """Style a highlight layer: heavy outlines and rank labels."""
    renderer = highlight_renderer(palette)
    if n is not None:
        renderer.rootRule().children()[0].setLabel(
            tr("Rang 1\u2013{n} (cijfer = rang)").format(n=n))
    layer.setRenderer(renderer)
    layer.setLabeling(rank_labeling(palette))
    layer.setLabelsEnabled(True)
    layer.setCustomProperty(PROP_STYLE, STYLE_TOP_N)
    layer.setCustomProperty(PROP_FIELD, field)
    layer.setCustomProperty(PROP_TOP_N, "" if n is None else int(n))
    layer.triggerRepaint()


def highlight_layer(layer, field="mdi", n=DEFAULT_N, gemeente=None, year=None,
                    year_field=None, name=None, palette=None):
    """A styled memory layer with the top ``n`` features of ``layer`` (fields rang, code,
    naam, waarde); ``name`` defaults to 'Top 10 – hoogste mdi'."""
    top = top_n_features(layer, field, n, gemeente, year, year_field)
    geometry = QgsWkbTypes.displayString(layer.wkbType())
    memory = QgsVectorLayer("{}?crs={}".format(geometry, layer.crs().authid() or "EPSG:28992"),
                            name or tr("Top {n} \u2013 hoogste {field}").format(
                                n=n, field=field_title(field)), "memory")
    if not layer.crs().authid():
        memory.setCrs(layer.crs())
    fields = QgsFields()
    for field_name, kind in ((RANK_FIELD, "int"), ("code", "string"), ("naam", "string"),
                             ("waarde", "double")):
        fields.append(new_field(field_name, kind))
    memory.dataProvider().addAttributes(list(fields))
    memory.updateFields()
    by_id = {row["fid"]: row for row in top}
    request = QgsFeatureRequest().setFilterFids(list(by_id))
    request.setNoAttributes()
    features = []
    for source in layer.getFeatures(request):
        row = by_id[source.id()]
        feature = QgsFeature(memory.fields())
        feature.setGeometry(source.geometry())
        feature.setAttributes([row["rank"], row["code"], row["name"], row["value"]])
        features.append(feature)
    features.sort(key=lambda f: f[RANK_FIELD])
    memory.dataProvider().addFeatures(features)
    memory.updateExtents()
    apply_highlight_style(memory, n, field, palette)
    memory.setCustomProperty(PROP_YEAR, "" if year is None else int(year))
    return memory


def highlight_flagged(layer, flag_field="top_n", rank_field=RANK_FIELD, year=None,
                      year_field=None, palette=None):
    """Add the highlight (heavy outline, rank label) for features with ``flag_field`` = 1
    (output of mdi:topn) on top of the layer's rule-based renderer."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        raise StyleError("Layer '{layer}' has no rule-based MDI style.", layer=layer.name())
    renderer = renderer.clone()
    condition = "{} = 1".format(quoted(flag_field))
    year_filter = year_expression(year_field, year)
    if year_filter:
        condition = "({}) AND ({})".format(year_filter, condition)
    template = highlight_renderer(palette)  # keep it alive while its rule is cloned
    rule = template.rootRule().children()[0].clone()
    rule.setFilterExpression(condition)
    rule.setLabel(tr("Top N (cijfer = rang)"))
    rule.setRuleKey("mdi_top_n")
    renderer.rootRule().appendChild(rule)
    layer.setRenderer(renderer)
    labeling = rank_labeling(palette)
    settings = labeling.settings()
    settings.fieldName = "CASE WHEN {} THEN {} END".format(condition, quoted(rank_field))
    settings.isExpression = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.triggerRepaint()
