"""Helpers shared by the PostGIS, hostile-input, cancel and property tests."""

import hashlib
from pathlib import Path

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsPointXY,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QVariant

from mdi_test_helpers import LogFeedback, cancel_points, missing


class CancelAfter(LogFeedback):
    """Feedback that presses cancel at the n-th progress update (1 = the first one).

    Deterministic: it counts the ``progressChanged`` signals of the feedback. These also
    carry the updates made through the steps of a QgsProcessingMultiStepFeedback, which
    call the C++ setProgress: a Python ``setProgress`` override never sees those.
    ``calls`` counts the updates and ``values`` keeps their percentages (run with a huge
    n to learn them).
    """

    def __init__(self, n):
        super().__init__()
        self.n = n
        self.calls = 0
        self.values = []
        self.progressChanged.connect(self._progress)

    def _progress(self, progress):
        self.calls += 1
        self.values.append(progress)
        if self.calls == self.n:
            self.cancel()


def assert_cancel_leaves_nothing(algorithm, params, tmp_path, outputs=("OUTPUT",)):
    """Cancel at a sample of the progress updates of a run (``cancel_points``): each
    cancelled run returns {} and leaves no output file (nor anything else) behind, also
    when the cancel came after an output was created (at least one does)."""
    from qgis import processing
    counter = CancelAfter(10 ** 9)
    full = tmp_path / "full"
    full.mkdir()
    processing.run(algorithm, dict(params, **{o: str(full / (o + ".gpkg")) for o in outputs}),
                   feedback=counter)
    assert counter.calls >= 1, "the run reports no progress: nothing to cancel at"
    work = tmp_path / "cancelled"
    work.mkdir()
    removed = 0
    for n in cancel_points(counter.calls):
        feedback = CancelAfter(n)
        result = processing.run(algorithm, dict(params, **{
            o: str(work / "{}_{}.gpkg".format(o, n)) for o in outputs}), feedback=feedback)
        assert feedback.isCanceled() and result == {}, n
        assert sorted(p.name for p in work.iterdir()) == [], n
        removed += any("incomplete output" in line for line in feedback.infos)
    assert removed >= 1, "no cancel came after an output was created"


def memory_layer(field_defs, rows, geometry="Point", crs="EPSG:28992", name="input"):
    """A memory layer with fields 'name:type'; rows are lists of attributes, or
    (QgsGeometry or None, attributes) tuples for polygon layers."""
    uri = geometry + ("?crs={}&".format(crs) if crs else "?") + "&".join(
        "field={}".format(f) for f in field_defs)
    layer = QgsVectorLayer(uri, name, "memory")
    assert layer.isValid(), uri
    if not crs:
        layer.setCrs(QgsCoordinateReferenceSystem())      # really no CRS
    features = []
    for number, row in enumerate(rows):
        feature = QgsFeature(layer.fields())
        if isinstance(row, tuple):
            shape, values = row
            if shape is not None:
                feature.setGeometry(shape)
        else:
            values = row
            if "Polygon" in geometry:
                feature.setGeometry(square(number, 0))
            elif geometry not in ("None", "NoGeometry"):
                feature.setGeometry(QgsGeometry.fromPointXY(
                    QgsPointXY(100000 + 10 * number, 450000)))
        feature.setAttributes(list(values))
        features.append(feature)
    added, _ = layer.dataProvider().addFeatures(features)
    assert added, layer.dataProvider().lastError()
    return layer


def square(col, row, size=1000.0, x0=100000.0, y0=450000.0):
    """A square polygon of the grid (col, row)."""
    x, y = x0 + col * size, y0 + row * size
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y), QgsPointXY(x + size, y),
                                       QgsPointXY(x + size, y + size),
                                       QgsPointXY(x, y + size), QgsPointXY(x, y)]])


def plain(value):
    """An attribute value as a plain Python value (NULL and NaN -> None)."""
    if missing(value):
        return None
    if isinstance(value, QVariant):
        return value.value()
    return value


def layer_rows(layer, with_geometry=False):
    """[{field: value}] of a layer, NULL as None (and '__wkb__' with the geometry)."""
    names = layer.fields().names()
    rows = []
    for feature in layer.getFeatures():
        row = {n: plain(v) for n, v in zip(names, feature.attributes())}
        if with_geometry:
            row["__wkb__"] = bytes(feature.geometry().asWkb()) if feature.hasGeometry() \
                else None
        rows.append(row)
    return rows


def files_digest(folder):
    """{file below ``folder``: sha256 of its bytes}: detects any change, and names it."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def file_digest(path):
    """sha256 of one file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def indicator_table(rows=12, seed=5):
    """rows x 23 random indicator values (two decimals) for the bundled spec."""
    import numpy as np
    return np.random.default_rng(seed).uniform(5, 95, (rows, 23)).round(2)


def indicator_layer(table, spec, field_type="double", extra=(), text=None, crs="EPSG:28992",
                    geometry="Point"):
    """A layer with code, the spec's indicator fields and ``extra`` (name:type, values)
    columns. ``text(value)`` formats the values when field_type is 'string'."""
    defs = ["code:string"] + [name for name, _ in extra] + [
        "{}:{}".format(i.field, field_type) for i in spec.indicators]
    data = []
    for row, values in enumerate(table.tolist()):
        if field_type == "string":
            values = [text(v) if text else str(v) for v in values]
        else:
            values = [None if v != v else v for v in values]
        data.append(["GM{:04d}".format(9001 + row)] + [column[row] for _, column in extra] +
                    values)
    return memory_layer(defs, data, geometry=geometry, crs=crs)


def column(layer, name):
    """The values of one field, NULL as None."""
    return [plain(f[name]) for f in layer.getFeatures()]
