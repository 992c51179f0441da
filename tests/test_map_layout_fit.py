"""Issue #15, maps: the items below the map never overlap whatever the legend holds, the
legend headings say what is drawn, and every region is named or listed as not named."""

from qgis.core import QgsProject

from map_helpers import artifact, grid_layer
from mdi_plugin.styling.classes import CHANGE, QUARTILES
from mdi_plugin.styling.layout import (LEGEND_ID, MAP_ID, NORTH_ID, NOTE_ID, SCALEBAR_ID,
                                       SOURCE_ID, SUBTITLE_ID, TITLE_ID, export_map,
                                       item_rect_mm, legend_labels, unlabelled_regions)
from mdi_plugin.styling.renderers import apply_choropleth
from mdi_plugin.styling.topn import highlight_layer
from mdi_plugin.styling.zones import apply_zone_overlay

A4_MM = (210.0, 297.0)


def largest_legend_layers(project):
    """What the plugin's largest legend holds: a change map of the gemeenten (5 classes +
    no data), quartiles of the buurten (4 + no data), a top-N highlight, and zones with
    all three zones, a region of unknown zone and a focus region."""
    gemeenten = grid_layer([[v, 2023] for v in (-8.0, -3.0, 0.0, 3.0, 8.0, None)],
                           [("verschil_mdi", "double"), ("jaar", "integer")], "Gemeenten",
                           columns=3, size=5000.0)
    buurten = grid_layer([["BU0363{:04d}".format(k), 10.0 + 7 * k, 2023] for k in range(12)],
                         [("buurtcode", "string"), ("mdi", "double"), ("jaar", "integer")],
                         "Buurten", columns=4, size=2500.0)
    regions = grid_layer([["CR91", "Noord", "kern", 0], ["CR92", "Midden", "intermediair", 0],
                          ["CR93", "Zuid", "perifeer", 1], ["CR94", "Oost", "perifeer", 0],
                          ["CR95", "West", "onbekend", 0]],
                         [("coropcode", "string"), ("coropnaam", "string"),
                          ("zone", "string"), ("focusregio", "integer")],
                         "Zones", columns=3, size=5000.0)
    project.addMapLayers([gemeenten, buurten, regions])
    apply_choropleth(gemeenten, "verschil_mdi", CHANGE, year=2023)
    apply_choropleth(buurten, "mdi", QUARTILES, year=2023)
    found = apply_zone_overlay(regions)
    assert found["focus"] and found["unknown"] == ["onbekend"]
    top = highlight_layer(buurten, "mdi", 5, year=2023)
    project.addMapLayer(top)
    return [regions, top, buurten, gemeenten]


def overlap_mm(first, second):
    """Overlap (width, height) of two (x, y, w, h) rectangles; <= 0 when apart."""
    return (min(first[0] + first[2], second[0] + second[2]) - max(first[0], second[0]),
            min(first[1] + first[3], second[1] + second[3]) - max(first[1], second[1]))


def test_the_largest_legend_overlaps_neither_source_nor_scale_bar_nor_map():
    project = QgsProject()
    layers = largest_legend_layers(project)
    layout, _files = export_map(project, layers, png=str(artifact("largest_legend.png")),
                                dpi=72, source="CBS / Kadaster, CC-BY 4.0")
    legend = legend_labels(layout)
    assert [len(labels) for _heading, labels in legend] == [5, 6, 1, 5]
    ids = [MAP_ID, LEGEND_ID, TITLE_ID, SUBTITLE_ID, SOURCE_ID, SCALEBAR_ID, NORTH_ID]
    rects = {item_id: item_rect_mm(layout.itemById(item_id)) for item_id in ids}
    # the legend really is large: in the template's place it would cover the source line
    assert 230 + rects[LEGEND_ID][3] > rects[SOURCE_ID][1]
    for item_id, (x, y, width, height) in rects.items():
        assert width > 0 and height > 0, item_id
        assert x >= 0 and y >= 0 and x + width <= A4_MM[0] + 0.01 and \
            y + height <= A4_MM[1] + 0.01, (item_id, rects[item_id])
    for k, first in enumerate(ids):
        for second in ids[k + 1:]:
            across, down = overlap_mm(rects[first], rects[second])
            assert across <= 0.01 or down <= 0.01, (first, second, rects[first],
                                                    rects[second])
    assert "CBS / Kadaster" in layout.itemById(SOURCE_ID).text()


def test_legend_headings_name_the_field_the_year_and_the_zones():
    project = QgsProject()
    layers = largest_legend_layers(project)
    layout, _files = export_map(project, layers, png=str(artifact("headings.png")), dpi=60)
    headings = [heading for heading, _labels in legend_labels(layout)]
    assert headings == ["MDI 2023", "Verandering MDI (procentpunten) 2023",
                        "Top 5 \u2013 hoogste MDI 2023", "COROP zones"]


def crowded_regions(count=40, long_names=True):
    """``count`` small square regions in a tight grid with long names: at an A4 scale not
    every name fits."""
    name = "Agglomeratie Langenaam-Zuid {}" if long_names else "R{}"
    return grid_layer([["CR{:02d}".format(k + 1), name.format(k + 1), "kern", 0]
                       for k in range(count)],
                      [("coropcode", "string"), ("coropnaam", "string"), ("zone", "string"),
                       ("focusregio", "integer")], "Regio's", columns=8, size=3000.0)


def test_every_region_is_named_on_the_map_or_listed_as_not_named():
    project = QgsProject()
    regions = crowded_regions()
    choropleth = grid_layer([[50.0]], [("mdi", "double")], "Gemeente", size=24000.0)
    project.addMapLayers([regions, choropleth])
    apply_choropleth(choropleth, "mdi")
    apply_zone_overlay(regions)
    layout, _files = export_map(project, [regions, choropleth],
                                png=str(artifact("crowded_labels.png")), dpi=72)
    missing = unlabelled_regions(layout.itemById(MAP_ID), regions)
    names = {feature["coropnaam"] for feature in regions.getFeatures()}
    assert 0 < len(missing) < len(names)
    note = layout.itemById(NOTE_ID)
    assert note is not None
    listed = [name for name in names if name + "," in note.text() + ","
              or name + "." in note.text()]
    assert sorted(listed) == sorted(missing)
    # the note sits between the legend and the source line, overlapping neither
    for other in (LEGEND_ID, SOURCE_ID, SCALEBAR_ID, NORTH_ID, MAP_ID):
        across, down = overlap_mm(item_rect_mm(note), item_rect_mm(layout.itemById(other)))
        assert across <= 0.01 or down <= 0.01, other


def test_no_note_when_every_region_is_named():
    project = QgsProject()
    regions = crowded_regions(4, long_names=False)
    project.addMapLayer(regions)
    apply_zone_overlay(regions)
    layout, _files = export_map(project, [regions], png=str(artifact("all_named.png")),
                                dpi=60)
    assert unlabelled_regions(layout.itemById(MAP_ID), regions) == []
    assert layout.itemById(NOTE_ID) is None
