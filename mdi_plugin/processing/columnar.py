"""The OGR columnar (Arrow) reader: numeric columns of a whole GeoPackage layer as numpy
arrays straight from GDAL, with no QgsFeature and no per-value conversion (about 15 times
faster than reading through QGIS; see docs/benchmarks.md). Anything it cannot read exactly
as QGIS would (a subset, a join, an edited layer, a text field, GDAL < 3.6) returns None
and ``feature_io.read_columns`` reads through QGIS instead."""

import numpy as np
from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProviderRegistry

from ..compat import FIELD_ORIGIN_PROVIDER, is_null
from .progress import check_cancel


def columnar_layer(algorithm, parameters, name, context):
    """The vector layer of source parameter ``name`` when the whole layer is the input (not
    its selected features, nor a limited number), for ``read_columns(..., layer=...)``;
    else None."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
            value.selectedFeaturesOnly or value.featureLimit not in (-1, None)
            or getattr(value, "filterExpression", "")):
        return None
    try:
        return algorithm.parameterAsVectorLayer(parameters, name, context)
    except Exception:  # noqa: BLE001 - no layer: read through QGIS
        return None


#: URI parts of a plain GeoPackage layer (anything else, e.g. a subset, goes through QGIS).
_PLAIN_URI_PARTS = {"path", "layerName", "layerId"}
#: Features per batch of OGR's columnar reader.
_OGR_BATCH = 65536


def _ogr_layer(layer):
    """(dataset, OGR layer) of a QGIS layer that is a whole GeoPackage table; None if not."""
    if layer is None or layer.providerType() != "ogr" or layer.subsetString() or \
            layer.isEditable() or layer.isModified() or layer.vectorJoins():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if any(value and not is_null(value) for key, value in parts.items()
           if key not in _PLAIN_URI_PARTS) or not path.lower().endswith(".gpkg"):
        return None
    from osgeo import gdal
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY,
                              allowed_drivers=["GPKG"])
    finally:
        gdal.PopErrorHandler()
    if dataset is None:
        return None
    name, number = parts.get("layerName"), parts.get("layerId")
    if not is_null(name) and name:
        ogr_layer = dataset.GetLayerByName(name)
    elif not is_null(number) and number is not None:
        ogr_layer = dataset.GetLayer(int(number))
    else:
        ogr_layer = dataset.GetLayer(0) if dataset.GetLayerCount() == 1 else None
    if ogr_layer is None or not hasattr(ogr_layer, "GetArrowStreamAsNumPy"):
        return None
    return dataset, ogr_layer


def read_ogr_columns(layer, source, field_names, feedback=None):
    """The first pass through OGR's columnar interface: (ids, {name: float array}), or None
    when it does not apply (not a whole GeoPackage layer, a field that is not a numeric field
    of the file, GDAL < 3.6, a different number of features than the source has)."""
    fields = layer.fields()
    source_names = source.fields().names()
    for name in field_names:
        index = fields.lookupField(name)
        if index < 0 or name not in source_names or not fields.at(index).isNumeric() or \
                fields.fieldOrigin(index) != FIELD_ORIGIN_PROVIDER:
            return None
    try:
        opened = _ogr_layer(layer)
    except Exception:  # noqa: BLE001 - GDAL without Python bindings or numpy support
        return None
    if opened is None:
        return None
    dataset, ogr_layer = opened
    definition = ogr_layer.GetLayerDefn()
    in_file = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    if any(name not in in_file for name in field_names):
        return None
    total = source.featureCount()
    fid_name = ogr_layer.GetFIDColumn() or "OGC_FID"
    ogr_layer.SetIgnoredFields([n for n in in_file if n not in field_names] +
                               ["OGR_GEOMETRY", "OGR_STYLE"])
    ids = []
    pieces = {name: [] for name in field_names}
    stream = ogr_layer.GetArrowStreamAsNumPy(
        options=["INCLUDE_FID=YES", "MAX_FEATURES_IN_BATCH={}".format(_OGR_BATCH)])
    for batch in stream:
        check_cancel(feedback)
        if feedback is not None:
            feedback.setProgress(100.0 * len(ids) / max(total, 1))
        ids.extend(np.asarray(batch[fid_name]).tolist())
        for name in field_names:
            column = batch[name]
            if np.ma.isMaskedArray(column):            # NULL values are masked
                pieces[name].append(column.astype(float).filled(np.nan))
            else:
                pieces[name].append(np.array(column, dtype=float))
    del stream, ogr_layer, dataset
    if len(ids) != total:
        return None
    return ids, {name: np.concatenate(p) if p else np.empty(0, dtype=float)
                 for name, p in pieces.items()}
