"""Styled outputs and map export through a real qgis_process subprocess (no GUI)."""

import json
import sqlite3

import pytest
from qgis.core import QgsRuleBasedRenderer, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from map_helpers import artifact
from mdi_plugin.styling.renderers import legend_entries

pytestmark = pytest.mark.qgis_process
REPORT_LABELS = ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                 "Zeer hoog (\u2265 60)", "Geen gegevens"]


def run_json(qgis_process, algorithm, *params):
    result = qgis_process("run", algorithm, "--json", "--", *params)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout[result.stdout.index("{"):])["results"]


def test_geopackage_made_with_qgis_process_opens_styled(qgis_process, sample_gpkg, tmp_path):
    target = tmp_path / "gemeenten_mdi.gpkg"
    run_json(qgis_process, "mdi:computemdi", "INPUT={}|layername=gemeenten".format(sample_gpkg),
             "YEAR_FIELD=jaar", "OUTPUT={}".format(target))
    with sqlite3.connect(str(target)) as db:
        rows = db.execute("SELECT styleName, useAsDefault, description FROM layer_styles") \
            .fetchall()
    assert rows == [("MDI", 1, "MDI voor QGIS: mdi (report's breaks, 2023)")]
    layer = QgsVectorLayer(str(target), "opened", "ogr")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer)
    entries = legend_entries(renderer)      # the class rules, under the year rule "2023"
    assert [e[0] for e in entries] == REPORT_LABELS
    assert all(e[1].startswith('("jaar" = 2023)') for e in entries)
    assert renderer.rootRule().children()[0].label() == "2023"


def test_exportmap_from_the_command_line(qgis_process, sample_gpkg, tmp_path):
    gemeenten = tmp_path / "gemeenten_mdi.gpkg"
    run_json(qgis_process, "mdi:computemdi", "INPUT={}|layername=gemeenten".format(sample_gpkg),
             "YEAR_FIELD=jaar", "OUTPUT={}".format(gemeenten))
    png = artifact("qgis_process_exportmap.png")
    pdf = tmp_path / "kaart.pdf"
    if png.exists():
        png.unlink()
    results = run_json(
        qgis_process, "mdi:exportmap", "INPUT={}".format(gemeenten),
        "ZONES={}|layername=corop_regios".format(sample_gpkg),
        "ZONE_TABLE={}".format(sample_gpkg.parent / "zones_voorbeeld.csv"),
        "TITLE=MDI voorbeeldregio", "DPI=96", "OUTPUT_PNG={}".format(png),
        "OUTPUT_PDF={}".format(pdf))
    assert results["OUTPUT_PNG"] == str(png)
    image = QImage(str(png))
    assert abs(image.width() - 210 / 25.4 * 96) < 1
    assert abs(image.height() - 297 / 25.4 * 96) < 1
    assert pdf.read_bytes().startswith(b"%PDF")
    for label in REPORT_LABELS + ["Kernzone", "Perifere zone"]:
        assert label in results["LEGEND"]


def test_exportmap_error_names_the_missing_field(qgis_process, sample_gpkg, tmp_path):
    png = tmp_path / "kaart.png"
    result = qgis_process("run", "mdi:exportmap", "--",
                          "INPUT={}|layername=corop_regios".format(sample_gpkg),
                          "OUTPUT_PNG={}".format(png))
    assert result.returncode != 0
    assert "FIELD: field 'mdi' is not in the input" in result.stdout + result.stderr
    assert not png.exists()
