"""Reading attribute columns from a QGIS feature source and writing result columns.

Both passes are built for large layers (see docs/benchmarks.md): one QgsFeature object is
reused for every feature (``nextFeature``), attribute values are picked with
``operator.itemgetter`` and turned into columns per block of features, and the write pass
appends the new values to each input feature in place instead of building a new feature.

For a whole GeoPackage layer whose columns are all numeric, the first pass reads the
columns through OGR's columnar (Arrow) interface instead (``columnar_layer`` +
``read_columns(..., layer=...)``): GDAL fills numpy arrays directly, with no QgsFeature and
no per-value conversion (about 15 times faster); anything else goes through QGIS.
"""

import math
import operator

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureRequest, QgsFeatureSink, QgsFields,
                       QgsProcessingException, QgsProcessingFeatureSource,
                       QgsProcessingFeatureSourceDefinition, QgsProviderRegistry)

from ..compat import (FIELD_ORIGIN_PROVIDER, REQUEST_NO_GEOMETRY, SOURCE_SKIP_GEOMETRY_CHECKS,
                      double_field, is_null, null_to_none)
from ..i18n import tr
from .base import MdiAlgorithm

_CHECK_EVERY = 1000
#: Features per block of the read pass: rows are turned into columns once per block.
_BLOCK = 8192


def _float_block(values):
    """A block of raw values of a numeric field as a float array (NULL = NaN), or None when
    some value is not a number after all."""
    try:
        return np.array(values, dtype=float)          # the common case: no NULL in the block
    except (TypeError, ValueError):
        pass
    try:
        return np.array(null_to_none(values), dtype=float)
    except (TypeError, ValueError):
        return None


def _as_list(piece):
    """A block of a column as a list of raw values (float arrays: NaN -> None)."""
    if isinstance(piece, np.ndarray):
        return [None if v != v else v for v in piece.tolist()]
    return piece


class _ColumnReader:
    """Collects the columns of the read pass block by block."""

    def __init__(self, field_names, numeric):
        self.names = list(field_names)
        self.numeric = list(numeric)
        self.pieces = [[] for _ in self.names]

    def add_block(self, rows):
        """Add a block of rows (tuples of the raw values of the fields, in order)."""
        if not rows:
            return
        columns = zip(*rows) if len(self.names) > 1 else ([row[0] for row in rows],)
        for k, values in enumerate(columns):
            if self.numeric[k]:
                block = _float_block(values)
                if block is not None:
                    self.pieces[k].append(block)
                    continue
                self.numeric[k] = False          # not numbers after all: keep raw values
                self.pieces[k] = [_as_list(p) for p in self.pieces[k]]
            self.pieces[k].append(null_to_none(values))

    def columns(self):
        """{field name: float array (numeric) or list of raw values}."""
        out = {}
        for name, numeric, pieces in zip(self.names, self.numeric, self.pieces):
            if numeric:
                out[name] = np.concatenate(pieces) if pieces else np.empty(0, dtype=float)
            else:
                out[name] = [value for piece in pieces for value in piece] \
                    if len(pieces) != 1 else pieces[0]
        return out


def _features(source, request):
    """The feature iterator of a source without QGIS's geometry validity check: these
    passes only copy geometry, so invalid polygons must not stop the run (as in QGIS's
    own attribute-only algorithms)."""
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, SOURCE_SKIP_GEOMETRY_CHECKS)
    return source.getFeatures(request)


def iterate_features(source, request=None):
    """Every feature of a source (optionally filtered by ``request``), without QGIS's
    validity check, as fresh QgsFeature objects.

    Uses ``nextFeature``: in QGIS 3.22 a Python ``for`` loop over ``getFeatures()``
    crashes when the invalid-geometry check stops the iteration.
    """
    iterator = _features(source, request or QgsFeatureRequest())
    feature = QgsFeature()
    while iterator.nextFeature(feature):
        yield feature
        feature = QgsFeature()


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


def _read_ogr_columns(layer, source, field_names, feedback, progress):
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
        MdiAlgorithm.check_cancel(feedback)
        if feedback is not None:
            feedback.setProgress(progress[0] + (progress[1] - progress[0]) *
                                 len(ids) / max(total, 1))
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


def read_columns(source, field_names, feedback=None, progress=(0.0, 50.0), numeric=False,
                 layer=None):
    """First pass, without geometry: (feature ids, {field name: list of raw values}).

    NULL values become None. Progress runs from progress[0] to progress[1] percent.
    With ``numeric=True`` the column of a numeric field (integer or real) is returned as a
    float array with NaN for NULL instead (far smaller and faster for large layers); text
    fields are always lists of raw values. With ``numeric=True`` and ``layer`` (the vector
    layer behind ``source``, from ``columnar_layer``), a whole GeoPackage layer whose fields
    are all numeric is read through OGR's columnar interface: same ids, same values.
    """
    if numeric and layer is not None and field_names:
        columns = _read_ogr_columns(layer, source, field_names, feedback, progress)
        if columns is not None:
            return columns
    fields = source.fields()
    indices = [fields.lookupField(name) for name in field_names]
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    request.setSubsetOfAttributes(indices)
    total = max(source.featureCount(), 1)
    reader = _ColumnReader(field_names, [numeric and fields.at(i).isNumeric()
                                         if 0 <= i < fields.count() else False
                                         for i in indices])
    pick = operator.itemgetter(*indices) if len(indices) > 1 else (
        (lambda attributes: (attributes[indices[0]],)) if indices else (lambda _: ()))
    ids = []
    rows = []
    feature = QgsFeature()
    # Bound once: one feature object is reused for every feature (cheapest per feature).
    next_feature, feature_id, attributes = (_features(source, request).nextFeature,
                                            feature.id, feature.attributes)
    add_id = ids.append
    count = 0
    while next_feature(feature):
        if count % _CHECK_EVERY == 0:
            MdiAlgorithm.check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(progress[0] + (progress[1] - progress[0]) * count / total)
            if len(rows) >= _BLOCK:
                reader.add_block(rows)
                rows = []
        add_id(feature_id())
        rows.append(pick(attributes()))
        count += 1
    reader.add_block(rows)
    return ids, reader.columns()


def output_fields(input_fields, new_fields):
    """Input fields minus those named like a new field (any case), then the new fields.

    ``new_fields``: QgsField objects, or names (for double fields).
    Returns (QgsFields, indices of the kept input fields, names of replaced fields).
    """
    new_fields = [double_field(f) if isinstance(f, str) else f for f in new_fields]
    lowered = {f.name().lower() for f in new_fields}
    fields = QgsFields()
    kept = []
    replaced = []
    for index, field in enumerate(input_fields):
        if field.name().lower() in lowered:
            replaced.append(field.name())
            continue
        fields.append(field)
        kept.append(index)
    for field in new_fields:
        fields.append(field)
    return fields, kept, replaced


def _as_attribute(value):
    """NaN and None become NULL; numpy scalars become Python numbers."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return value.item() if hasattr(value, "item") else value


def _value_column(column):
    """A new column in a form that is cheap to index per feature: a memoryview of doubles
    for float arrays (NaN = NULL), else a list of attribute values (None = NULL)."""
    if isinstance(column, np.ndarray) and column.dtype.kind == "f":
        return memoryview(np.ascontiguousarray(column, dtype=np.float64))
    values = column.tolist() if hasattr(column, "tolist") else list(column)
    return [_as_attribute(v) for v in values]


def write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback=None,
                       progress=(50.0, 100.0)):
    """Second pass: copy every feature (geometry, kept attributes) plus new column values.

    ``columns`` is a list of arrays or lists (NaN and None are written as NULL), indexed
    by the row that ``row_of_id`` gives for a feature id.
    """
    values = [_value_column(c) for c in columns]
    n_input = len(source.fields())
    in_place = list(kept) == list(range(n_input)) and len(fields) == n_input + len(values)
    new = list(zip(range(n_input, n_input + len(values)), values))
    n_out = len(fields)
    total = max(source.featureCount(), 1)
    fast = QgsFeatureSink.Flag.FastInsert
    add = sink.addFeature
    feature = QgsFeature()
    # Bound once: one feature object is reused for every feature (cheapest per feature).
    next_feature = _features(source, QgsFeatureRequest()).nextFeature
    feature_id, set_fields, resize, set_attribute = (
        feature.id, feature.setFields, feature.resizeAttributes, feature.setAttribute)
    count = 0
    while next_feature(feature):
        if count % _CHECK_EVERY == 0:
            MdiAlgorithm.check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(progress[0] + (progress[1] - progress[0]) * count / total)
        count += 1
        row = row_of_id[feature_id()]
        if in_place:   # input fields unchanged: append the new values to the feature itself
            set_fields(fields, False)
            resize(n_out)
            for index, column in new:
                value = column[row]
                set_attribute(index, value if value == value else None)  # NaN: NULL
        else:          # some input fields are replaced: rebuild the attribute list
            attributes = feature.attributes()
            set_fields(fields, False)
            feature.setAttributes([attributes[i] for i in kept] + [
                None if (v is None or v != v) else v for v in (c[row] for c in values)])
        if not add(feature, fast):
            raise QgsProcessingException(tr(
                "Could not write feature {feature} to the output: {error}").format(
                    feature=feature.id(), error=sink.lastError() or "?"))
