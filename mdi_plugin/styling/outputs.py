"""Styles of algorithm outputs: applied when QGIS loads an output (a Processing layer
post-processor) and stored as the default style of GeoPackage outputs, so a layer made with
qgis_process opens styled too (qgis.core only).

Style ids (an algorithm's ``OUTPUT_STYLE``):

* ``mdi_classes``: choropleth of ``mdi`` (or the first ``mdi_*`` field): the report's
  breaks, or quartiles for buurt / wijk layers; latest year of a long-format layer;
* ``mdi_klasse``: by the class field of mdi:classifyquartiles (``mdi_klasse``); with the
  breaks the classes were made with (``klasse_style``) each class shows its range;
* ``mdi_zones``: the zone overlay (outlines per zone, focus regions heavy, names);
* ``mdi_change``: diverging scheme of ``verschil_mdi`` (or the first ``verschil_*`` field,
  output of mdi:changeovertime), centred on 0;
* ``mdi_top_n``: as ``mdi_classes`` plus a heavy outline and the rank on features with
  ``top_n`` = 1 (output of mdi:topn).
"""

import os

from qgis.core import QgsProcessingLayerPostProcessorInterface, QgsVectorLayer

from ..compat import (can_store_styles_in_database, save_layer_default_style,
                      save_style_to_database)
from ..core.errors import MdiError
from ..i18n import tr, tr_error, tr_noop
from .classes import CHANGE, FIXED, QUARTILES, StyleError
from .renderers import (CHANGE_PREFIX, apply_choropleth, apply_klasse_style,
                        default_scheme_for, find_field, numeric_fields, year_field_of,
                        years_of)
from .topn import highlight_flagged
from .zones import apply_zone_overlay

STYLE_CLASSES = "mdi_classes"
STYLE_KLASSE = "mdi_klasse"
STYLE_ZONES = "mdi_zones"
STYLE_CHANGE = "mdi_change"
STYLE_TOP_N = "mdi_top_n"
OUTPUT_STYLES = (STYLE_CLASSES, STYLE_KLASSE, STYLE_ZONES, STYLE_CHANGE, STYLE_TOP_N)
#: Flag and rank fields of mdi:topn.
TOP_N_FLAG = "top_n"
#: Names of the class schemes in messages (English source text, shown translated).
SCHEME_NAMES = {FIXED: tr_noop("report's breaks"), QUARTILES: tr_noop("quartiles"),
                CHANGE: tr_noop("change")}
#: Name of the style stored in GeoPackage outputs (layer_styles.styleName).
DEFAULT_STYLE_NAME = "MDI"

#: Post-processors handed to QGIS and not used yet (QGIS keeps only a raw pointer in
#: 3.22, so Python must keep them alive); emptied when used and on plugin unload.
_LIVE = set()


class StyleId(str):
    """A style id (equal to the plain id) that carries the breaks its classes were made
    with: ``breaks`` {year, or None for all rows: ascending breaks}."""

    breaks = None

    def __new__(cls, style_id, breaks=None):
        styled = super().__new__(cls, style_id)
        styled.breaks = dict(breaks or {})
        return styled


def klasse_style(breaks):
    """The ``mdi_klasse`` style of an output classified with ``breaks`` ({None: breaks},
    or per year {2023: breaks, ...}, as core.classify's Classification.breaks)."""
    return StyleId(STYLE_KLASSE, breaks)


def breaks_of_year(style_id, year):
    """The breaks of ``year`` carried by ``style_id`` (the pooled breaks whatever the year;
    per-year breaks of that year, or of every year when they are all the same), or None."""
    breaks = getattr(style_id, "breaks", None) or {}
    if None in breaks:
        return tuple(breaks[None])
    by_year = {}
    for key, values in breaks.items():
        try:
            by_year[int(float(key))] = tuple(values)
        except (TypeError, ValueError):
            continue
    if year is not None:
        return by_year.get(int(year))
    distinct = set(by_year.values())
    return distinct.pop() if len(distinct) == 1 else None


def scheme_name(scheme):
    """The name of a class scheme (``fixed``, ``quartiles``, ``change``) in the UI language,
    as the style descriptions in the log show it."""
    return tr(SCHEME_NAMES[scheme]) if scheme in SCHEME_NAMES else str(scheme)


def latest_year(layer):
    """(year field, latest year) of a long-format layer, or (None, None)."""
    year_field = year_field_of(layer)
    years = years_of(layer, year_field) if year_field else []
    return (year_field, years[-1]) if years else (None, None)


def _classes(layer, year, year_field):
    fields = numeric_fields(layer)
    field = next((f for f in fields if f.lower() == "mdi"), None) or \
        next((f for f in fields if f.lower().startswith("mdi_")), None)
    if field is None:
        raise StyleError("Layer '{layer}' has no mdi field.", layer=layer.name())
    try:
        used = apply_choropleth(layer, field, default_scheme_for(layer), year, year_field)
    except MdiError:  # quartiles impossible (no values, no spread): the report's breaks
        used = apply_choropleth(layer, field, FIXED, year, year_field)
    return "{} ({}{})".format(field, scheme_name(used.scheme),
                              "" if year is None else ", {}".format(year))


def apply_output_style(layer, style_id):
    """Apply one of OUTPUT_STYLES to ``layer``; returns a short description of what was
    done. ValueError when the layer lacks what the style needs."""
    year_field, year = latest_year(layer)
    if style_id in (STYLE_CLASSES, STYLE_TOP_N):
        done = _classes(layer, year, year_field)
        if style_id == STYLE_TOP_N:
            flag = find_field(layer, (TOP_N_FLAG,))
            if flag is None:
                raise StyleError("Layer '{layer}' has no field '{field}'.",
                                 layer=layer.name(), field=TOP_N_FLAG)
            highlight_flagged(layer, flag, year=year, year_field=year_field)
        return done
    if style_id == STYLE_CHANGE:
        names = [f.name() for f in layer.fields() if f.isNumeric()
                 and f.name().lower().startswith(CHANGE_PREFIX)]
        field = next((n for n in names if n.lower() == CHANGE_PREFIX + "mdi"), None) or \
            (names[0] if names else None)
        if field is None:
            raise StyleError("Layer '{layer}' has no {prefix}* field.", layer=layer.name(),
                             prefix=CHANGE_PREFIX)
        apply_choropleth(layer, field, CHANGE, year, year_field)
        return "{} ({})".format(field, scheme_name(CHANGE))
    if style_id == STYLE_KLASSE:
        field = apply_klasse_style(layer, year=year, year_field=year_field,
                                   breaks=breaks_of_year(style_id, year))
        return "{}{}".format(field, "" if year is None else " ({})".format(year))
    if style_id == STYLE_ZONES:
        apply_zone_overlay(layer)
        return tr("zones")
    raise ValueError("unknown output style {!r}; one of {}".format(
        style_id, ", ".join(OUTPUT_STYLES)))


class MdiStylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Styles an output layer when Processing loads it into the project."""

    def __init__(self, style_id):
        super().__init__()
        self.style_id = style_id

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS API
        try:
            if isinstance(layer, QgsVectorLayer):
                apply_output_style(layer, self.style_id)
        except (ValueError, MdiError) as err:
            if feedback is not None:
                feedback.pushInfo(tr("MDI style not applied to '{layer}': {error}").format(
                    layer=layer.name(), error=tr_error(err)))
        finally:
            _LIVE.discard(self)

    @classmethod
    def create(cls, style_id):
        """A post-processor kept alive until it has run (or the plugin unloads)."""
        processor = cls(style_id)
        _LIVE.add(processor)
        return processor


def live_post_processors():
    """Number of post-processors handed out and not run yet."""
    return len(_LIVE)


def release_post_processors():
    """Forget every pending post-processor (plugin unload)."""
    _LIVE.clear()


def file_of(destination):
    """The file path of an output destination ('out.gpkg|layername=x' -> 'out.gpkg'), or
    None when it is not an existing file (memory layers, database URIs)."""
    if not isinstance(destination, str) or not destination:
        return None
    path = destination.split("|", 1)[0]
    return path if os.path.isfile(path) else None


def save_default_style(destination, style_id, feedback=None, label=None):
    """Style the output file ``destination`` and store that style as its default: in the
    GeoPackage's layer_styles table (useAsDefault), or as a sidecar .qml for formats that
    cannot hold styles. ``label``: the output as messages name it (default
    ``destination``; a staged file is named after its destination). Returns True when
    stored."""
    label = label or destination
    path = file_of(destination)
    if path is None:
        return False
    layer = QgsVectorLayer(destination, os.path.splitext(os.path.basename(path))[0], "ogr")
    if not layer.isValid():
        return False
    try:
        done = apply_output_style(layer, style_id)
    except (ValueError, MdiError) as err:
        if feedback is not None:
            feedback.pushInfo(tr("No MDI style stored in {file}: {error}").format(
                file=label, error=tr_error(err)))
        return False
    if can_store_styles_in_database(layer.dataProvider()):
        error = save_style_to_database(layer, DEFAULT_STYLE_NAME, "MDI voor QGIS: " + done,
                                       True)
        ok = not error
    else:
        message, ok = save_layer_default_style(layer)
        error = "" if ok else message
    if feedback is not None:
        if ok:
            feedback.pushInfo(tr("MDI style ({style}) stored as the default style of "
                                 "{file}").format(style=done, file=label))
        else:
            feedback.pushWarning(tr("Could not store the MDI style in {file}: {error}")
                                 .format(file=label, error=error))
    return ok


def store_default_style(destination, style_id, feedback=None, label=None):
    """``save_default_style`` that never fails the run: the features are written, so a
    failure to store only the style is a warning naming the file (``label``)."""
    try:
        return save_default_style(destination, style_id, feedback, label)
    except Warning:
        raise   # strict mode (MDI_STRICT_DEPRECATIONS): a deprecated call must fail
    except Exception as err:  # noqa: BLE001 - the features are written: warn, never hide
        if feedback is not None:
            feedback.pushWarning(tr("Could not store the MDI style in {file}: {error}")
                                 .format(file=label or destination, error=err))
        return False


def style_outputs(destinations, styles, context, feedback=None, store=True):
    """For each output parameter in ``styles`` ({name: style id}) with a destination in
    ``destinations`` ({name: destination}): attach a post-processor when the output will be
    loaded into the project, and (``store``) store the default style in its file. The
    algorithms store it before their outputs are put in place (processing/transaction.py)
    and pass ``store=False``."""
    for name, style_id in styles.items():
        destination = destinations.get(name)
        if not destination:
            continue
        if context is not None and context.willLoadLayerOnCompletion(destination):
            details = context.layerToLoadOnCompletionDetails(destination)
            details.setPostProcessor(MdiStylePostProcessor.create(style_id))
        if store:
            store_default_style(destination, style_id, feedback)
