"""Small in-memory QGIS layers for the algorithm tests."""

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer


def add_all(layer, features):
    """Add features to a layer's provider and check that every one was added."""
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features), layer.dataProvider().lastError()


def memory_layer(field_defs, rows, geometry="Point", name="input"):
    """A memory layer (EPSG:28992) with fields 'name:type' and one feature per row;
    point features at (1000 + row, 2000) unless geometry is "None"."""
    uri = "{}?crs=EPSG:28992&{}".format(
        geometry, "&".join("field={}".format(f) for f in field_defs))
    layer = QgsVectorLayer(uri, name, "memory")
    assert layer.isValid()
    features = []
    for number, values in enumerate(rows):
        feature = QgsFeature(layer.fields())
        if geometry != "None":
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(1000 + number, 2000)))
        feature.setAttributes(list(values))
        features.append(feature)
    add_all(layer, features)
    return layer
