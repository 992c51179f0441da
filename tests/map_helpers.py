"""Test helpers for the map tests: small polygon layers and image sampling (needs QGIS)."""

import os
from pathlib import Path

from qgis.core import (QgsFeature, QgsGeometry, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsPointXY, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Rendered images are kept here (gitignored .build/); override with MDI_TEST_ARTIFACTS.
ARTIFACTS = Path(os.environ.get("MDI_TEST_ARTIFACTS",
                                REPO_ROOT / ".build" / "test-artifacts"))


def artifact(name):
    """Path for a kept test artefact (the folder is created)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def square(x, y, size=1000.0):
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y), QgsPointXY(x + size, y),
                                       QgsPointXY(x + size, y + size),
                                       QgsPointXY(x, y + size), QgsPointXY(x, y)]])


def grid_layer(rows, fields, name="grid", columns=5, size=1000.0, gap=0.0,
               origin=(100000.0, 400000.0)):
    """A memory polygon layer (EPSG:28992) of squares in a grid, one per row of values.

    ``fields``: [(name, 'double' | 'integer' | 'string')]; ``rows``: list of value lists.
    Feature k sits at column k % columns, row k // columns.
    """
    uri = "Polygon?crs=EPSG:28992" + "".join(
        "&field={}:{}".format(n, t) for n, t in fields)
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for k, values in enumerate(rows):
        feature = QgsFeature(layer.fields())
        x = origin[0] + (k % columns) * (size + gap)
        y = origin[1] + (k // columns) * (size + gap)
        feature.setGeometry(square(x, y, size))
        feature.setAttributes(list(values))
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    layer.updateExtents()
    return layer


def render(layers, extent=None, size=(600, 600), dpi=96, path=None):
    """Render layers (first on top) to a QImage on white; saved to ``path`` when given.
    Returns (image, map settings)."""
    settings = QgsMapSettings()
    settings.setLayers(list(layers))
    settings.setDestinationCrs(layers[-1].crs())
    settings.setOutputSize(QSize(*size))
    settings.setOutputDpi(dpi)
    settings.setBackgroundColor(QColor("#ffffff"))
    if extent is None:
        extent = QgsRectangle(layers[-1].extent())
        for layer in layers[:-1]:
            extent.combineExtentWith(layer.extent())
        extent = extent.buffered(extent.width() * 0.05)
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    if path is not None:
        image.save(str(path), "PNG")
    return image, settings


def pixel_of(settings, x, y):
    """Image pixel (column, row) of map coordinates."""
    point = settings.mapToPixel().transform(QgsPointXY(x, y))
    return int(round(point.x())), int(round(point.y()))


def colour_at(image, settings, x, y):
    """'#rrggbb' of the pixel at map coordinates."""
    column, row = pixel_of(settings, x, y)
    return image.pixelColor(column, row).name()


def colours_around(image, settings, x, y, radius=6):
    """{'#rrggbb': count} in a square window around map coordinates."""
    column, row = pixel_of(settings, x, y)
    counts = {}
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            name = image.pixelColor(column + dx, row + dy).name()
            counts[name] = counts.get(name, 0) + 1
    return counts


def luminance(name):
    color = QColor(name)
    return 0.2126 * color.red() + 0.7152 * color.green() + 0.0722 * color.blue()
