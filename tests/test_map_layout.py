"""The print layout template and the map export (PNG / PDF), plus the bundled style files
(resources/styles/*.qml, resources/layouts/mdi_kaart.qpt) against a fresh generation."""

import re
from xml.etree import ElementTree

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtGui import QImage

from map_helpers import artifact, grid_layer, luminance
from mdi_plugin.styling.classes import FIXED
from mdi_plugin.styling.layout import (ITEM_IDS, LEGEND_ID, NORTH_ID, TEMPLATE, ExportError,
                                       export_map, legend_labels, load_template)
from mdi_plugin.styling.library import (STYLE_BUILDERS, STYLES_DIR, build_layout_template,
                                        build_styles, xml_differences)
from mdi_plugin.styling.palette import load_palette
from mdi_plugin.styling.renderers import apply_choropleth
from mdi_plugin.styling.zones import apply_zone_overlay

PALETTE = load_palette()
REPORT_LABELS = ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                 "Zeer hoog (\u2265 60)", "Geen gegevens"]
A4_MM = (210.0, 297.0)


def styled_project():
    project = QgsProject()
    values = [[35.0, 2023], [45.0, 2023], [55.0, 2023], [65.0, 2023], [None, 2023],
              [70.0, 2019]]
    gemeenten = grid_layer(values, [("mdi", "double"), ("jaar", "integer")], "Gemeenten",
                           columns=3, size=5000.0)
    regions = grid_layer([["CR91", "Noord", "kern", 0], ["CR92", "Zuid", "perifeer", 1]],
                         [("coropcode", "string"), ("coropnaam", "string"),
                          ("zone", "string"), ("focusregio", "integer")],
                         "Zones", columns=2, size=7500.0)
    project.addMapLayers([gemeenten, regions])
    apply_choropleth(gemeenten, "mdi", FIXED, year=2023)
    apply_zone_overlay(regions)
    return project, gemeenten, regions


def test_template_has_every_item_and_the_report_legend_title():
    layout = load_template(QgsProject())
    assert all(layout.itemById(item_id) is not None for item_id in ITEM_IDS)
    assert layout.itemById(LEGEND_ID).title() == "Toelichting schalen"
    picture = layout.itemById(NORTH_ID).picturePath()
    assert picture.endswith("noordpijl.svg")
    size = layout.pageCollection().page(0).pageSize()
    assert (size.width(), size.height()) == A4_MM


def assert_a4_pixels(image, dpi):
    """A4 at ``dpi``: within one pixel of the exact size (QGIS truncates)."""
    for got, mm in zip((image.width(), image.height()), A4_MM):
        assert abs(got - mm / 25.4 * dpi) < 1, (got, mm, dpi)


@pytest.mark.parametrize("dpi", [72, 150])
def test_export_png_and_pdf_with_the_legend_listing_all_classes(dpi):
    project, gemeenten, regions = styled_project()
    png = artifact("export_test_{}dpi.png".format(dpi))
    pdf = artifact("export_test_{}dpi.pdf".format(dpi))
    for path in (png, pdf):
        if path.exists():
            path.unlink()
    layout, files = export_map(project, [regions, gemeenten], png=str(png), pdf=str(pdf),
                               dpi=dpi, source="CBS (fictief)")
    assert files == {"png": str(png), "pdf": str(pdf)}
    image = QImage(str(png))
    assert_a4_pixels(image, dpi)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box, "no MediaBox"
    assert float(box.group(1)) == pytest.approx(A4_MM[0] / 25.4 * 72, abs=1)
    assert float(box.group(2)) == pytest.approx(A4_MM[1] / 25.4 * 72, abs=1)
    legend = dict(legend_labels(layout))
    assert legend["MDI 2023"] == REPORT_LABELS
    assert legend["COROP zones"] == ["Kernzone", "Intermediaire zone", "Perifere zone",
                                     "Focusregio (perifeer, MDI \u2265 50)"]
    assert [name for name, _labels in legend_labels(layout)] == ["MDI 2023", "COROP zones"]
    texts = {item_id: layout.itemById(item_id).text()
             for item_id in ("titel", "ondertitel", "bron")}
    assert texts["titel"] == "Meervoudige Achterstandsindex (MDI)"
    assert texts["ondertitel"] == "MDI \u00b7 2023 \u00b7 klassen van het rapport (40 / 50 / 60)"
    assert texts["bron"] == "Bron: CBS (fictief) \u00b7 bewerking MDI voor QGIS"


def test_exported_png_shows_the_classes_and_the_north_arrow():
    project, gemeenten, regions = styled_project()
    png = artifact("export_test_content.png")
    layout, _files = export_map(project, [regions, gemeenten], png=str(png), dpi=96)
    image = QImage(str(png))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    for colour in PALETTE.sequential:
        assert colour in colours, colour          # map and legend patches
    north = layout.itemById(NORTH_ID)
    rect = north.sceneBoundingRect()
    scale = 96 / 25.4
    dark = sum(luminance(image.pixelColor(int(x * scale), int(y * scale)).name()) < 60
               for x in range(int(rect.left()), int(rect.right()))
               for y in range(int(rect.top()), int(rect.bottom())))
    assert dark > 5, "north arrow not rendered"


def test_export_errors_are_explained(tmp_path):
    project, gemeenten, _regions = styled_project()
    with pytest.raises(ExportError, match="PNG or a PDF"):
        export_map(project, [gemeenten])
    with pytest.raises(ExportError, match="Cannot read"):
        export_map(project, [gemeenten], png=str(tmp_path / "x.png"),
                   template=str(tmp_path / "missing.qpt"))
    broken = tmp_path / "broken.qpt"
    broken.write_text(open(TEMPLATE, encoding="utf-8").read().replace('id="legenda"',
                                                                      'id="iets"'),
                      encoding="utf-8")
    with pytest.raises(ExportError, match="legenda"):
        export_map(project, [gemeenten], png=str(tmp_path / "x.png"), template=str(broken))
    assert not (tmp_path / "x.png").exists()


def test_committed_style_files_equal_a_fresh_generation(tmp_path):
    """The committed files were written by QGIS 3.22 (the oldest supported version, so
    every version can read them); newer QGIS writes extra attributes, so what both
    versions write is compared (library.xml_differences), not the text."""
    fresh = build_styles(str(tmp_path))
    assert sorted(p.rsplit("/", 1)[-1] for p in fresh) == sorted(STYLE_BUILDERS)
    for path in fresh:
        name = path.rsplit("/", 1)[-1]
        committed = open("{}/{}".format(STYLES_DIR, name), encoding="utf-8").read()
        assert xml_differences(committed, open(path, encoding="utf-8").read()) == [], \
            "{} is out of date: run /usr/bin/python3 scripts/build_styles.py".format(name)
    qpt = build_layout_template(str(tmp_path / "mdi_kaart.qpt"))
    assert layout_meaning(TEMPLATE) == layout_meaning(qpt), \
        "mdi_kaart.qpt is out of date: run /usr/bin/python3 scripts/build_styles.py"


def layout_meaning(path):
    """{item id: what it is and where} of a layout template as this QGIS reads it (QGIS
    versions spell alignments and empty characters differently in the .qpt itself)."""
    layout = load_template(QgsProject(), str(path))
    meaning = {}
    for item in layout.items():
        if not hasattr(item, "id") or not item.id():
            continue
        position, size = item.positionWithUnits(), item.sizeWithUnits()
        described = [type(item).__name__, round(position.x(), 3), round(position.y(), 3),
                     round(size.width(), 3), round(size.height(), 3), item.frameEnabled()]
        if hasattr(item, "text"):
            described += [item.text(), int(item.hAlign()), int(item.vAlign())]
        meaning[item.id()] = described
    assert set(ITEM_IDS) <= set(meaning)
    return meaning


def test_style_comparison_sees_a_changed_colour_and_a_lost_rule_but_not_new_attributes():
    committed = open("{}/mdi_klassen.qml".format(STYLES_DIR), encoding="utf-8").read()
    assert xml_differences(committed, committed) == []
    newer_qgis = committed.replace('type="fill"', 'type="fill" frame_rate="10"')
    assert newer_qgis != committed and xml_differences(committed, newer_qgis) == []
    colour = re.search(r'name="color" type="QString" value="([^"]+)"', committed) or \
        re.search(r'value="([^"]+)" name="color"', committed) or \
        re.search(r'name="color"[^>]*value="([^"]+)"', committed)
    recoloured = committed.replace(colour.group(1), "1,2,3,255", 1)
    assert any("color" in line for line in xml_differences(committed, recoloured))
    root = ElementTree.fromstring(re.sub(r"^\s*<!DOCTYPE[^>]*>", "", committed))
    rules = next(root.iter("rules"))
    rules.remove(list(rules)[0])
    one_rule_less = ElementTree.tostring(root, encoding="unicode")
    assert any("rule" in line for line in xml_differences(committed, one_rule_less))


def test_qml_colours_are_the_palette_colours():
    root = ElementTree.parse("{}/mdi_klassen.qml".format(STYLES_DIR)).getroot()
    labels = [rule.get("label") for rule in root.iter("rule")]
    assert labels == REPORT_LABELS
    fills = []
    for layer in root.iter("layer"):
        if layer.get("class") == "SimpleFill":
            options = {o.get("name"): o.get("value") for o in layer.iter("Option")}
            fills.append("#" + "".join("{:02x}".format(int(v))
                                       for v in options["color"].split(",")[:3]))
    assert fills == list(PALETTE.sequential) + [PALETTE.no_data_fill]


def test_a_long_title_gets_a_smaller_font_but_stays_on_its_line():
    from mdi_plugin.compat import label_style
    from mdi_plugin.styling.layout import text_width_mm
    project, gemeenten, _regions = styled_project()
    long_title = "MDI buurten 2023: de 10 hoogste buurten in een lange gemeentenaam (fictief)"
    layout, _files = export_map(project, [gemeenten], png=str(artifact("long_title.png")),
                                dpi=72, title=long_title)
    label = layout.itemById("titel")
    font, size, _color = label_style(label)
    assert label.text() == long_title
    assert 9 <= size < 18
    assert text_width_mm(long_title, font, size) <= label.rect().width()
    assert text_width_mm(long_title, font, size + 1) > label.rect().width() * 0.95
    short, _files = export_map(project, [gemeenten], png=str(artifact("short_title.png")),
                               dpi=72, title="Kort")
    assert label_style(short.itemById("titel"))[1] == 18
