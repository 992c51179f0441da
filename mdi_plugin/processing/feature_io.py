"""Reading attribute columns from a QGIS feature source and writing result columns.

Both passes are built for large layers (see docs/benchmarks.md): one QgsFeature object is
reused for every feature (``nextFeature``), attribute values are picked with
``operator.itemgetter`` and turned into columns per block of features, and the write pass
appends the new values to each input feature in place instead of building a new feature.

For a whole GeoPackage layer whose columns are all numeric, the first pass goes through
OGR's columnar reader instead (``columnar.py``; ``read_columns(..., layer=...)``).
"""

import math
import operator

import numpy as np
from qgis.core import (QgsFeature, QgsFeatureRequest, QgsFeatureSink, QgsFields,
                       QgsProcessingException, QgsProcessingFeatureSource)

from ..compat import REQUEST_NO_GEOMETRY, SOURCE_SKIP_GEOMETRY_CHECKS, double_field, null_to_none
from ..i18n import tr
from .columnar import read_ogr_columns
from .numeric_text import check_text_cells, origin_layer
from .progress import report_every, tick
from .transaction import pause_point

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


def read_columns(source, field_names, feedback=None, numeric=False, layer=None):
    """First pass, without geometry: (feature ids, {field name: list of raw values}).

    NULL values become None. Progress: 0-100 % of ``feedback``.
    With ``numeric=True`` the column of a numeric field (integer or real) is returned as a
    float array with NaN for NULL instead (far smaller and faster for large layers); text
    fields are always lists of raw values. With ``numeric=True`` and ``layer`` (the vector
    layer behind ``source``, from ``columnar_layer``), a whole GeoPackage layer whose fields
    are all numeric is read through OGR's columnar interface: same ids, same values.
    """
    if numeric and layer is not None and field_names:
        columns = read_ogr_columns(layer, source, field_names, feedback)
        if columns is not None:
            check_text_cells(origin_layer(source, layer), *columns, feedback)
            return columns
    fields = source.fields()
    indices = [fields.lookupField(name) for name in field_names]
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    request.setSubsetOfAttributes(indices)
    total = max(source.featureCount(), 1)
    every = report_every(total)
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
        if count % every == 0:
            tick(feedback, count, total, every)
            if len(rows) >= _BLOCK:
                reader.add_block(rows)
                rows = []
        add_id(feature_id())
        rows.append(pick(attributes()))
        count += 1
    reader.add_block(rows)
    columns = reader.columns()
    check_text_cells(origin_layer(source, layer), ids, columns, feedback)
    return ids, columns


def rows_by_id(ids):
    """{feature id: row} for the ids of ``read_columns`` (the ``row_of_id`` of a write)."""
    return {fid: row for row, fid in enumerate(ids)}


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


def attribute_value(value):
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
    return [attribute_value(v) for v in values]


def write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback=None):
    """Second pass: copy every feature (geometry, kept attributes) plus new column values.

    ``columns`` is a list of arrays or lists (NaN and None are written as NULL), indexed
    by the row that ``row_of_id`` gives for a feature id. Progress: 0-100 % of ``feedback``.
    """
    values = [_value_column(c) for c in columns]
    n_input = len(source.fields())
    in_place = list(kept) == list(range(n_input)) and len(fields) == n_input + len(values)
    new = list(zip(range(n_input, n_input + len(values)), values))
    n_out = len(fields)
    total = max(source.featureCount(), 1)
    every = report_every(total)
    fast = QgsFeatureSink.Flag.FastInsert
    add = sink.addFeature
    feature = QgsFeature()
    # Bound once: one feature object is reused for every feature (cheapest per feature).
    next_feature = _features(source, QgsFeatureRequest()).nextFeature
    feature_id, set_fields, resize, set_attribute = (
        feature.id, feature.setFields, feature.resizeAttributes, feature.setAttribute)
    count = 0
    while next_feature(feature):
        if count % every == 0:
            tick(feedback, count, total, every)
            if count == every:      # test hook: features are being written (transaction.py)
                pause_point("writing")
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


def write_rows(source, sink, fields, kept, rows_of_id, feedback=None, only=None):
    """Copy input features (geometry, kept attributes) plus their list of new values
    (``rows_of_id[feature id]``), in input order; ``only``: the feature ids to copy (None:
    all). Returns the number of features written. Progress: 0-100 % of ``feedback``."""
    wanted = None if only is None else set(only)
    total = source.featureCount()
    written = 0
    for count, feature in enumerate(iterate_features(source)):
        tick(feedback, count, total)
        if wanted is not None and feature.id() not in wanted:
            continue
        attributes = feature.attributes()
        out = QgsFeature(fields, feature.id())
        if feature.hasGeometry():
            out.setGeometry(feature.geometry())
        # numpy scalars become Python numbers: QGIS 3.22 cannot store an np.float64
        out.setAttributes([attributes[i] for i in kept] +
                          [attribute_value(v) for v in rows_of_id[feature.id()]])
        if not sink.addFeature(out, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(tr(
                "Could not write feature {feature} to the output: {error}").format(
                    feature=feature.id(), error=sink.lastError() or "?"))
        written += 1
    return written
