"""Render tests: styled layers drawn to an image, pixel colours checked at known features.

The rendered PNGs are kept in .build/test-artifacts/ (gitignored; MDI_TEST_ARTIFACTS
overrides the folder).
"""

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsProcessing, QgsVectorLayer

from map_helpers import (artifact, colour_at, colours_around, grid_layer, luminance,
                         pixel_of, render)
from mdi_plugin.compat import is_null
from mdi_plugin.styling.classes import FIXED
from mdi_plugin.styling.palette import load_palette
from mdi_plugin.styling.renderers import apply_choropleth
from mdi_plugin.styling.topn import highlight_layer
from mdi_plugin.styling.zones import apply_zone_overlay

PALETTE = load_palette()


def report_colour(value):
    """The palette colour of a value under the report's breaks (independent of the code)."""
    if value is None:
        return PALETTE.no_data_fill
    index = sum(value >= b for b in (40, 50, 60))
    return PALETTE.sequential[index]


@pytest.fixture(scope="module")
def sample_gemeenten(mdi_provider, sample_gpkg):
    """The sample gemeenten with their MDI (memory layer), one gemeente's 2023 MDI NULL."""
    layer = processing.run("mdi:computemdi", {
        "INPUT": "{}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD": "jaar",
        "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})["OUTPUT"]
    features = [f for f in layer.getFeatures() if f["jaar"] == 2023]
    nulled = features[len(features) // 2]
    index = layer.fields().indexOf("mdi")
    assert layer.dataProvider().changeAttributeValues({nulled.id(): {index: None}})
    return layer, nulled.id()


def test_choropleth_pixels_have_the_palette_colour_of_their_class(sample_gemeenten):
    layer, null_id = sample_gemeenten
    apply_choropleth(layer, "mdi", FIXED, year=2023)
    image, settings = render([layer], size=(700, 700),
                             path=artifact("render_gemeenten_2023.png"))
    seen = {}
    darkest = PALETTE.sequential[-1]
    for feature in layer.getFeatures():
        if feature["jaar"] != 2023:
            continue
        value = None if is_null(feature["mdi"]) else float(feature["mdi"])
        point = feature.geometry().pointOnSurface().asPoint()
        window = colours_around(image, settings, point.x(), point.y(), radius=2)
        found = max(window, key=window.get)
        if feature.id() == null_id:
            # no-data: the light grey fill with darker hatch lines through it
            big = colours_around(image, settings, point.x(), point.y(), radius=8)
            assert max(big, key=big.get) == PALETTE.no_data_fill, big
            assert min(luminance(c) for c in big) < luminance(PALETTE.no_data_fill) - 40
            seen["null"] = True
            continue
        assert found == report_colour(value), (feature["gemeentecode"], value, window)
        seen[found] = seen.get(found, 0) + 1
    assert seen.get(darkest, 0) >= 1, "the sample has no class-4 gemeente in 2023"
    assert seen.get("null")
    # darkest really is the darkest colour drawn
    assert luminance(darkest) == min(luminance(c) for c in seen if c != "null")


def zone_regions():
    """Four separated squares: kern, intermediair, perifeer and a focus region."""
    rows = [["CR91", "Kernland", "kern", 0], ["CR92", "Middenland", "intermediair", 0],
            ["CR93", "Randland", "perifeer", 0], ["CR94", "Focusland", "perifeer", 1]]
    return grid_layer(rows, [("coropcode", "string"), ("coropnaam", "string"),
                             ("zone", "string"), ("focusregio", "integer")],
                      "regios", columns=4, size=1000.0, gap=600.0)


def dark_run(image, row, column, direction=1, limit=40, threshold=90):
    """Length of the run of dark pixels starting near (column, row) going horizontally."""
    # find the first dark pixel within `limit` pixels
    for start in range(limit):
        x = column + direction * start
        if luminance(image.pixelColor(x, row).name()) < threshold:
            break
    else:
        return 0
    length = 0
    while luminance(image.pixelColor(x, row).name()) < threshold:
        length += 1
        x += direction
    return length


def test_zone_overlay_is_outline_only_and_the_focus_region_is_heavy():
    layer = zone_regions()
    apply_zone_overlay(layer, labels=False)
    image, settings = render([layer], size=(1000, 300),
                             path=artifact("render_zone_overlay.png"))
    widths = {}
    for feature in layer.getFeatures():
        box = feature.geometry().boundingBox()
        middle_y = box.center().y()
        # inside: white (outline only, no fill)
        assert colour_at(image, settings, box.center().x(), middle_y) == "#ffffff"
        column, row = pixel_of(settings, box.xMinimum(), middle_y)
        # the widest run over a few rows: the perifere zone is dotted (issue #15)
        widths[feature["coropnaam"]] = max(dark_run(image, row + d, column - 15, threshold=110)
                                           for d in range(-8, 9))
    assert widths["Focusland"] >= 3 * widths["Kernland"], widths
    assert widths["Focusland"] >= 4, widths
    assert widths["Randland"] > widths["Kernland"], widths
    # perifeer is dotted: along its left edge some pixels are not dark
    feature = next(f for f in layer.getFeatures() if f["coropnaam"] == "Randland")
    box = feature.geometry().boundingBox()
    column, top = pixel_of(settings, box.xMinimum(), box.yMaximum())
    _c, bottom = pixel_of(settings, box.xMinimum(), box.yMinimum())
    edge = [min(luminance(image.pixelColor(column + d, y).name()) for d in (-1, 0, 1))
            for y in range(top + 3, bottom - 3)]
    assert max(edge) > 200 and min(edge) < 110
    # the intermediate zone is dashed: along its left edge some pixels are not dark
    feature = next(f for f in layer.getFeatures() if f["zone"] == "intermediair")
    box = feature.geometry().boundingBox()
    column, _row = pixel_of(settings, box.xMinimum(), box.yMinimum())
    _c, top = pixel_of(settings, box.xMinimum(), box.yMaximum())
    _c, bottom = pixel_of(settings, box.xMinimum(), box.yMinimum())
    edge = [min(luminance(image.pixelColor(column + d, y).name()) for d in (-1, 0, 1))
            for y in range(top + 3, bottom - 3)]
    assert max(edge) > 200 and min(edge) < 90


def test_focus_outline_stays_visible_over_the_darkest_class():
    values = [65.0] * 4
    gemeenten = grid_layer([[v] for v in values], [("mdi", "double")], "g", columns=4,
                           size=1000.0, gap=600.0)
    apply_choropleth(gemeenten, "mdi", FIXED)
    regions = zone_regions()
    apply_zone_overlay(regions, labels=False)
    image, settings = render([regions, gemeenten], size=(1000, 300),
                             path=artifact("render_focus_over_class4.png"))
    focus = next(f for f in regions.getFeatures() if f["focusregio"] == 1)
    box = focus.geometry().boundingBox()
    column, row = pixel_of(settings, box.xMinimum(), box.center().y())
    line = [image.pixelColor(column + d, row).name() for d in range(-6, 7)]
    assert "#000000" in line                       # the heavy black outline
    assert "#ffffff" in line                       # with its white halo
    assert colour_at(image, settings, box.center().x(), box.center().y()) == \
        PALETTE.sequential[-1]


def test_top_n_highlight_draws_the_highlight_colour_around_the_highest(sample_gemeenten):
    layer, _null_id = sample_gemeenten
    apply_choropleth(layer, "mdi", FIXED, year=2023)
    top = highlight_layer(layer, "mdi", 3, year=2023)
    image, settings = render([top, layer], size=(700, 700),
                             path=artifact("render_top3_gemeenten.png"))
    values = [(f["mdi"], f.id()) for f in layer.getFeatures()
              if f["jaar"] == 2023 and not is_null(f["mdi"])]
    highest = max(values)[1]
    geometry = layer.getFeature(highest).geometry()
    ring = geometry.asMultiPolygon()[0][0] if geometry.isMultipart() else \
        geometry.asPolygon()[0]
    hits = 0
    for vertex in ring[:-1]:
        window = colours_around(image, settings, vertex.x(), vertex.y(), radius=3)
        hits += PALETTE.highlight.color in window
    assert hits >= len(ring[:-1]) // 2


def test_rendering_a_layer_does_not_change_it(sample_gpkg):
    layer = QgsVectorLayer("{}|layername=corop_regios".format(sample_gpkg), "r", "ogr")
    before = [(f.id(), f.attributes()) for f in layer.getFeatures()]
    from mdi_plugin.core.zones import read_zone_csv
    table = read_zone_csv(str(sample_gpkg.parent / "zones_voorbeeld.csv"))
    assert apply_zone_overlay(layer, table)["unknown"] == []
    render([layer], path=artifact("render_sample_zones.png"))
    assert [(f.id(), f.attributes()) for f in layer.getFeatures()] == before
    assert not layer.isModified()
    assert np.isfinite(layer.extent().width())
