"""Names and order of the output layers QGIS loads into the project after a run.

QGIS names a loaded output after its file only when the user's "prefer output filename"
setting is on and the file is not in a temporary folder; otherwise after the parameter's
label, so every run of an algorithm adds another layer called "MDI" or "Ingedeeld". Here
each output layer gets the name of its file or GeoPackage layer ("gemeenten_mdi"), and a
temporary output the input's name with the label ("gemeenten – MDI"). Region overlays
(the zone style) are loaded above the other outputs of the run (QGIS 3.32+ sorts loaded
layers by ``layerSortKey``; 3.22-3.30 load in the order of the output ids).
"""

import os

from qgis.core import QgsProcessingUtils, QgsProviderRegistry

from ..styling.outputs import STYLE_ZONES

#: Sort key of overlay outputs: QGIS adds the loaded layers in ascending key order, each
#: on top of the previous ones, so a higher key ends up above.
OVERLAY_SORT_KEY = 1


def _is_temporary(path):
    """True for an output in the Processing temporary folder (TEMPORARY_OUTPUT)."""
    folder = os.path.normcase(os.path.abspath(QgsProcessingUtils.tempFolder()))
    return os.path.normcase(os.path.abspath(path)).startswith(folder + os.sep)


def output_layer_name(dest_id, label, input_name=None):
    """The layer name of the output ``dest_id``: its GeoPackage layer name, else its file
    name without extension; for a temporary or memory output ``<input> – <label>``."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", dest_id)
    path = parts.get("path") or ""
    if path and os.path.isabs(path) and not _is_temporary(path):
        return parts.get("layerName") or os.path.splitext(os.path.basename(path))[0]
    return "{} \u2013 {}".format(input_name, label) if input_name else label


def name_output_layer(run, name, dest_id):
    """Give the output of parameter ``name`` (loaded after the run, if at all) its name,
    and put a region overlay above the other outputs of the run."""
    context = run.context
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    details = context.layerToLoadOnCompletionDetails(dest_id)
    if details.forceName:      # a model names its outputs itself
        return
    label = run.algorithm.parameterDefinition(name).description()
    details.name = output_layer_name(dest_id, label, _input_name(run))
    details.forceName = True
    if run.algorithm.styled_outputs().get(name) == STYLE_ZONES and \
            hasattr(details, "layerSortKey"):           # QGIS 3.32+
        details.layerSortKey = OVERLAY_SORT_KEY


def _input_name(run):
    """The name of the INPUT layer as the user knows it: its name in the project, else the
    GeoPackage layer or file it was read from; None (no INPUT, or it cannot be opened)."""
    if run.algorithm.parameterDefinition("INPUT") is None or not run.is_set("INPUT"):
        return None
    layer = run.algorithm.parameterAsVectorLayer(run.parameters, "INPUT", run.context)
    if layer is None:
        return None
    project = run.context.project()
    if project is not None and project.mapLayer(layer.id()) is not None:
        return layer.name()
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return parts.get("layerName") or layer.name()
