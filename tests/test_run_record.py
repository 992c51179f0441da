"""The record of every run (issue #17, mdi_plugin/processing/run_record.py): stored with
each output (QGIS layer metadata in a GeoPackage, .mdi-run.json next to other files),
read back by QGIS, and enough to re-run the algorithm through qgis_process with the same
numbers (mdi_plugin/processing/rerun.py, no QGIS needed)."""

import json
import ntpath
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest
from qgis import processing
from qgis.core import QgsProcessingException, QgsVectorLayer

from mdi_plugin.processing import rerun
from mdi_safety_helpers import file_digest
from test_hostile_writes import Paused, leftovers

RERUN = rerun.__file__


def mdi_values(uri):
    layer = QgsVectorLayer(str(uri), "check", "ogr")
    assert layer.isValid(), uri
    return sorted((f["gemeentecode"], f["jaar"], f["mdi"]) for f in layer.getFeatures())


def test_a_geopackage_layer_carries_its_record_as_qgis_metadata(
        mdi_provider, sample_gpkg, tmp_path):
    target = tmp_path / "uit.gpkg"
    source = "{}|layername=gemeenten".format(sample_gpkg)
    processing.run("mdi:computemdi", {"INPUT": source, "YEAR_FIELD": "jaar",
                                      "OUTPUT": str(target)})
    processing.run("mdi:computemdi", {
        "INPUT": source, "YEAR_FIELD": "jaar",
        "OUTPUT": "ogr:dbname='{}' table=\"tweede\" (geom)".format(target)})
    for layer_name in ("uit", "tweede"):   # a new file, a layer copied into it
        layer = QgsVectorLayer("{}|layername={}".format(target, layer_name), "x", "ogr")
        metadata = layer.metadata()          # what Layer Properties > Metadata shows
        assert "mdi:computemdi" in metadata.abstract()
        assert "Re-run: qgis_process run mdi:computemdi" in metadata.abstract()
        record = json.loads(metadata.history()[0])
        assert record["algorithm"] == "mdi:computemdi"
        assert record["parameters"]["INPUT"] == source
        assert record["features_in"] == {"INPUT": 144}
        assert record["features_out"] == 144
        assert len(record["spec"]["sha256"]) == 64
        assert set(record["versions"]) == {"plugin", "qgis", "gdal", "python"}
        assert record["versions"]["plugin"]
    assert rerun.read_record(str(target), "tweede")["destination"] == \
        "{}|layername=tweede".format(target)
    with closing(sqlite3.connect(str(target))) as db:   # one document per layer
        assert db.execute("SELECT count(*) FROM gpkg_metadata_reference").fetchone()[0] == 2


def test_a_memory_output_carries_its_record_as_layer_metadata(mdi_provider, sample_gpkg):
    from qgis.core import QgsProcessingContext
    context = QgsProcessingContext()
    source = "{}|layername=gemeenten".format(sample_gpkg)
    result = processing.run("mdi:computemdi", {"INPUT": source, "YEAR_FIELD": "jaar",
                                               "OUTPUT": "memory:"}, context=context)
    layer = result["OUTPUT"]    # processing.run hands over the layer QGIS would load
    metadata = layer.metadata()
    assert "Re-run: qgis_process run mdi:computemdi" in metadata.abstract()
    record = json.loads(metadata.history()[0])
    assert record["algorithm"] == "mdi:computemdi"
    assert record["parameters"]["INPUT"] == source
    assert record["features_in"] == {"INPUT": 144}
    assert record["features_out"] == 144
    assert metadata.title().endswith(", OUTPUT)")


def test_a_csv_output_gets_a_json_record_and_passwords_are_masked(
        mdi_provider, sample_gpkg, tmp_path):
    from mdi_plugin.processing.run_record import clean
    target = tmp_path / "uit.csv"
    processing.run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                                      "YEAR_FIELD": "jaar", "OUTPUT": str(target)})
    record = rerun.read_record(str(target))
    assert record["features_out"] == 144
    assert (tmp_path / "uit.csv.mdi-run.json").is_file()
    text = clean("dbname='x' password='geheim' authcfg=abc1234 user=a")
    assert "geheim" not in text and "abc1234" not in text


def test_rerunning_from_the_record_gives_the_same_numbers(qgis_process, sample_gpkg,
                                                          tmp_path):
    """qgis_process writes first.gpkg; the record's KEY=VALUE arguments (what QGIS 3.22's
    qgis_process takes) with a new OUTPUT write second.gpkg: the same MDI per gemeente."""
    first, second = tmp_path / "first.gpkg", tmp_path / "second.gpkg"
    result = qgis_process("run", "mdi:computemdi", "--",
                          "INPUT={}|layername=gemeenten".format(sample_gpkg),
                          "YEAR_FIELD=jaar", "OUTPUT={}".format(first))
    assert result.returncode == 0, result.stdout + result.stderr
    helper = subprocess.run([sys.executable, RERUN, str(first), "--set",
                             "OUTPUT={}".format(second)], capture_output=True, text=True,
                            check=True)
    arguments = helper.stdout.splitlines()
    assert arguments[:3] == ["run", "mdi:computemdi", "--"]
    result = qgis_process(*arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    assert mdi_values(second) == mdi_values(first)
    assert len(mdi_values(first)) == 144
    record = rerun.read_record(str(second))
    assert rerun.json_input(record)["inputs"]["OUTPUT"] == str(second)


def test_a_killed_export_leaves_the_previous_png_as_it_was(qgis_process, gemeenten_mdi,
                                                           tmp_path):
    """exportmap killed when the PNG is rendered but not in place: the previous kaart.png
    is unchanged and no record is beside it; a finished run puts both in place."""
    png = tmp_path / "kaart.png"
    png.write_bytes(b"old png")
    before = file_digest(png)
    args = ("mdi:exportmap", "--", "INPUT={}".format(gemeenten_mdi), "DPI=40",
            "OUTPUT_PNG={}".format(png))
    run = Paused(qgis_process, "commit", *args)
    assert run.kill() == -signal.SIGTERM
    assert file_digest(png) == before
    assert not (tmp_path / "kaart.png.mdi-run.json").exists()
    assert len(leftovers(tmp_path)) == 1
    result = qgis_process("run", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert rerun.read_record(str(png))["algorithm"] == "mdi:exportmap"
    assert leftovers(tmp_path) == []


def test_a_layername_in_a_file_destination_is_refused(mdi_provider, sample_gpkg, tmp_path):
    target = "{}|layername=foo".format(tmp_path / "x.gpkg")
    with pytest.raises(QgsProcessingException, match=r"ogr:dbname='.*x\.gpkg' table=\"foo\""):
        processing.run("mdi:computemdi", {
            "INPUT": "{}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD": "jaar",
            "OUTPUT": target})
    assert list(tmp_path.iterdir()) == []


def test_a_failed_geojson_output_leaves_no_file(mdi_provider, sample_gpkg, tmp_path):
    """OUTPUT=ogr:/x/l.json: QGIS cannot load the layer it created (it wrote
    l.json.geojson before issue #14); the run fails clearly and leaves no file."""
    params = {"INPUT": "{}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD": "jaar",
              "OUTPUT": "ogr:{}".format(tmp_path / "l.json")}
    with pytest.raises(QgsProcessingException, match="l.json"):
        processing.run("mdi:computemdi", params)
    assert list(tmp_path.iterdir()) == []


def test_the_files_of_an_output_folder_share_one_record(mdi_provider, buurten_klassen,
                                                        gemeenten_mdi, tmp_path):
    """Report pages and charts: one <algorithm>.mdi-run.json in the folder listing them, not
    one record per page; rerun.py finds it from the folder or from any of its files."""
    folder = tmp_path / "uit"
    processing.run("mdi:gemeenterapport", {
        "INPUT": buurten_klassen, "SUBSET": "GM9022, GM9001", "DPI": 36,
        "OUTPUT_PDF": str(tmp_path / "rapport.pdf"), "OUTPUT_FOLDER": str(folder)})
    pages = ["rapport_GM9001.png", "rapport_GM9022.png"]
    assert sorted(p.name for p in folder.iterdir()) == ["gemeenterapport.mdi-run.json"] + pages
    record = rerun.read_record(str(folder))
    assert record["files"] == pages and record["output"] == "OUTPUT_FOLDER"
    assert record["destination"] == str(folder)
    assert rerun.read_record(str(folder / pages[1])) == record
    assert rerun.arguments(record)[:3] == ["run", "mdi:gemeenterapport", "--"]
    assert rerun.read_record(str(tmp_path / "rapport.pdf"))["output"] == "OUTPUT_PDF"

    processing.run("mdi:domainprofile", {"INPUT": gemeenten_mdi, "REGION_FIELD": "coropcode",
                                         "OUTPUT_FOLDER": str(folder), "OUTPUT": "memory:"})
    charts = sorted(p.name for p in folder.iterdir() if p.suffix in (".png", ".svg")
                    and p.name not in pages)
    assert charts and not list(folder.glob("*.png.mdi-run.json"))
    assert rerun.read_record(str(folder / charts[0]))["files"] == charts
    with pytest.raises(rerun.RecordError, match="2 records.*domainprofile.mdi-run.json, "
                                                "gemeenterapport.mdi-run.json"):
        rerun.read_record(str(folder))
    assert rerun.read_record(str(folder / pages[0])) == record


def test_a_second_report_into_the_folder_keeps_the_record_of_pages_it_leaves(
        mdi_provider, buurten_klassen, tmp_path, monkeypatch):
    folder = tmp_path / "uit"

    def report(subset):
        processing.run("mdi:gemeenterapport", {
            "INPUT": buurten_klassen, "SUBSET": subset, "DPI": 36,
            "OUTPUT_PDF": str(tmp_path / "rapport.pdf"), "OUTPUT_FOLDER": str(folder)})

    report("GM9022, GM9001")
    report("GM9001, GM9002")         # replaces GM9001's page, leaves GM9022's
    assert sorted(p.name for p in folder.glob("*.mdi-run.json")) == [
        "gemeenterapport-2.mdi-run.json", "gemeenterapport.mdi-run.json"]
    first = rerun.read_record(str(folder / "rapport_GM9022.png"))
    second = rerun.read_record(str(folder / "rapport_GM9001.png"))
    assert first["parameters"]["SUBSET"] == "GM9022, GM9001"
    assert first["files"] == ["rapport_GM9022.png"]
    assert second["parameters"]["SUBSET"] == "GM9001, GM9002"
    assert second["files"] == ["rapport_GM9001.png", "rapport_GM9002.png"]
    monkeypatch.setattr(rerun.os.path, "normcase", ntpath.normcase)   # as on Windows
    assert rerun.read_record(str(folder / "RAPPORT_GM9002.PNG")) == second
    monkeypatch.undo()
    (folder / "los.png").write_bytes(b"\x89PNG")
    with pytest.raises(rerun.RecordError, match="los.png: no MDI run record"):
        rerun.read_record(str(folder / "los.png"))
