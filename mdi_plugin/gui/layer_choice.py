"""What the "MDI maps" dock may touch: which layers and fields it offers first, which field
holds the years, and how it styles a user's layer without losing the user's own style.

The dock never replaces a layer's style: it adds a named style ("MDI classes", "MDI zones")
to the layer's style manager and makes that current. The user's style stays in the list and
comes back through Layer Properties > Style > Styles, or the Styles entry of the layer's
context menu in the Layers panel (the QGIS way to switch between styles of one layer).
"""

from contextlib import contextmanager

from qgis.core import QgsVectorLayer

from ..i18n import tr_noop
from ..styling.renderers import (CHANGE_PREFIX, SMALL_AREA_FIELDS, numeric_fields,
                                 year_field_of)

#: Named styles the dock adds to a layer's style manager (English source text, translated).
STYLE_CLASSES = tr_noop("MDI classes")
STYLE_ZONES = tr_noop("MDI zones")
#: Fields that identify features and never hold a score (GeoPackage / OGR / PostGIS keys).
ID_FIELDS = ("fid", "ogc_fid", "objectid", "gid", "id")


def is_score_field(name):
    """'mdi', 'mdi_<domain>' or a change field 'verschil_*' (values the plugin made)."""
    lower = name.lower()
    return lower == "mdi" or lower.startswith("mdi_") or lower.startswith(CHANGE_PREFIX)


def score_fields(layer, year_field=None):
    """Numeric fields that may be drawn, MDI fields first ('mdi', 'mdi_<domain>',
    'verschil_*'); key fields (fid, primary keys) and the year field are left out."""
    if not isinstance(layer, QgsVectorLayer):
        return []
    keys = {layer.fields().at(i).name().lower() for i in layer.primaryKeyAttributes()
            if 0 <= i < layer.fields().count()}
    skip = keys | set(ID_FIELDS) | ({year_field.lower()} if year_field else set())
    return [name for name in numeric_fields(layer) if name.lower() not in skip]


def holds_mdi(layer):
    """True for a vector layer with an 'mdi' or 'mdi_<domain>' field."""
    return isinstance(layer, QgsVectorLayer) and any(
        is_score_field(name) and not name.lower().startswith(CHANGE_PREFIX)
        for name in layer.fields().names())


def first_mdi_layer(layers):
    """The first of ``layers`` (in layer-tree order) holding MDI values: one with an 'mdi'
    field before one with domain scores only, a layer of gemeenten before one of buurten or
    wijken; None when no layer holds any (the dock then starts empty)."""
    candidates = [layer for layer in layers if holds_mdi(layer)]

    def preference(layer):
        names = [name.lower() for name in layer.fields().names()]
        return ("mdi" not in names, any(n in SMALL_AREA_FIELDS for n in names))
    return min(candidates, key=preference) if candidates else None


def year_field_candidates(layers):
    """Integer-like fields of ``layers`` that may hold years, the recognised names first."""
    names = []
    for layer in layers:
        if not isinstance(layer, QgsVectorLayer):
            continue
        guess = year_field_of(layer)
        if guess and guess not in names:
            names.insert(0, guess)
        for field in layer.fields():
            if field.isNumeric() and field.name() not in names and \
                    field.name().lower() not in ID_FIELDS and not is_score_field(field.name()):
                names.append(field.name())
    return names


@contextmanager
def named_style(layer, name):
    """Style ``layer`` inside the block in its named style ``name`` (added to the layer's
    style manager when missing, then made current), so that the user's current style is kept
    there to switch back to. When the block fails, the user's style is current again and a
    style added here is removed. Yields the name of the user's style."""
    manager = layer.styleManager()
    before = manager.currentStyle()
    added = name not in manager.styles()
    if added:
        manager.addStyleFromLayer(name)
    if before != name:
        manager.setCurrentStyle(name)
    try:
        yield before
    except Exception:
        if before != name:
            manager.setCurrentStyle(before)
        if added:
            manager.removeStyle(name)
        raise
