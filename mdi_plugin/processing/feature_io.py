"""Reading attribute columns from a QGIS feature source and writing result columns."""

import math

from qgis.core import QgsFeature, QgsFeatureRequest, QgsFeatureSink, QgsFields

from ..compat import REQUEST_NO_GEOMETRY, double_field, null_to_none
from .base import MdiAlgorithm

_CHECK_EVERY = 1000


def read_columns(source, field_names, feedback=None, progress=(0.0, 50.0)):
    """First pass, without geometry: (feature ids, {field name: list of raw values}).

    NULL values become None. Progress runs from progress[0] to progress[1] percent.
    """
    fields = source.fields()
    indices = [fields.lookupField(name) for name in field_names]
    request = QgsFeatureRequest()
    request.setFlags(REQUEST_NO_GEOMETRY)
    request.setSubsetOfAttributes(indices)
    total = max(source.featureCount(), 1)
    ids = []
    columns = [[] for _ in indices]
    for count, feature in enumerate(source.getFeatures(request)):
        if count % _CHECK_EVERY == 0:
            MdiAlgorithm.check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(progress[0] + (progress[1] - progress[0]) * count / total)
        ids.append(feature.id())
        attributes = feature.attributes()
        for column, index in zip(columns, indices):
            column.append(attributes[index])
    return ids, {name: null_to_none(column) for name, column in zip(field_names, columns)}


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


def write_with_columns(source, sink, fields, kept, columns, row_of_id, feedback=None,
                       progress=(50.0, 100.0)):
    """Second pass: copy every feature (geometry, kept attributes) plus new column values.

    ``columns`` is a list of arrays or lists (NaN and None are written as NULL), indexed
    by the row that ``row_of_id`` gives for a feature id.
    """
    lists = [c.tolist() if hasattr(c, "tolist") else list(c) for c in columns]
    rows = [[_as_attribute(v) for v in row] for row in zip(*lists)]
    total = max(source.featureCount(), 1)
    for count, feature in enumerate(source.getFeatures()):
        if count % _CHECK_EVERY == 0:
            MdiAlgorithm.check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(progress[0] + (progress[1] - progress[0]) * count / total)
        attributes = feature.attributes()
        out = QgsFeature(fields, feature.id())
        if feature.hasGeometry():
            out.setGeometry(feature.geometry())
        out.setAttributes([attributes[i] for i in kept] + rows[row_of_id[feature.id()]])
        sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
