"""mdi:exportmap through processing.run, and the output styles of the algorithms
(post-processor when loaded into the project, default style in GeoPackage outputs)."""

import hashlib
import shutil
import sqlite3

import numpy as np
import pytest
from qgis import processing
from qgis.core import (QgsProcessing, QgsProcessingContext, QgsProcessingException,
                       QgsProcessingFeedback, QgsProject, QgsRuleBasedRenderer, QgsVectorLayer)
from qgis.PyQt.QtGui import QImage

from mdi_plugin.compat import is_null
from mdi_plugin.processing.base import MdiAlgorithm
from mdi_plugin.styling.outputs import live_post_processors, release_post_processors
from mdi_plugin.styling.renderers import legend_entries

REPORT_LABELS = ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                 "Zeer hoog (\u2265 60)", "Geen gegevens"]
A4_MM = (210.0, 297.0)


def zones_args(sample_gpkg):
    return {"ZONES": "{}|layername=corop_regios".format(sample_gpkg),
            "ZONE_TABLE": str(sample_gpkg.parent / "zones_voorbeeld.csv")}


def check_a4(path, dpi):
    image = QImage(str(path))
    assert not image.isNull(), path
    for got, mm in zip((image.width(), image.height()), A4_MM):
        assert abs(got - mm / 25.4 * dpi) < 1


def test_export_gemeenten_with_zone_overlay(gemeenten_mdi, sample_gpkg, tmp_path):
    layer = QgsVectorLayer(gemeenten_mdi, "gemeenten", "ogr")
    renderer_before = layer.renderer().dump()
    properties_before = {key: layer.customProperty(key) for key in layer.customPropertyKeys()}
    png, pdf = tmp_path / "kaart.png", tmp_path / "kaart.pdf"
    result = processing.run("mdi:exportmap", dict(
        INPUT=layer, FIELD="mdi", SCHEME=0, OUTPUT_PNG=str(png), OUTPUT_PDF=str(pdf), DPI=100,
        **zones_args(sample_gpkg)))
    assert result["OUTPUT_PNG"] == str(png) and result["OUTPUT_PDF"] == str(pdf)
    check_a4(png, 100)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert result["YEAR_USED"] == "2023"
    legend = dict(part.split(": ", 1) for part in result["LEGEND"].split(" | "))
    assert legend["MDI 2023"].split("; ") == REPORT_LABELS
    assert legend["COROP zones"].split("; ") == ["Kernzone", "Intermediaire zone",
                                                 "Perifere zone"]
    # the input layer keeps its own style
    assert layer.renderer().dump() == renderer_before
    assert {key: layer.customProperty(key) for key in layer.customPropertyKeys()} == \
        properties_before


def test_quartiles_of_the_buurten_of_one_year_and_top_n(buurten_mdi, tmp_path):
    png = tmp_path / "buurten.png"
    result = processing.run("mdi:exportmap", {
        "INPUT": buurten_mdi, "FIELD": "mdi", "SCHEME": 1, "YEAR": 2019,
        "TOP_N": 5, "GEMEENTE": "GM9022", "OUTPUT_PNG": str(png), "DPI": 60})
    layer = QgsVectorLayer(buurten_mdi, "b", "ogr")
    values = np.array([f["mdi"] for f in layer.getFeatures()
                       if f["jaar"] == 2019 and not is_null(f["mdi"])], dtype=float)
    q = ["{:.1f}".format(v).replace(".", ",") for v in np.percentile(values, [25, 50, 75])]
    legend = dict(part.split(": ", 1) for part in result["LEGEND"].split(" | "))
    assert legend["MDI 2019"].split("; ") == [
        "Laag (< {})".format(q[0]), "Gematigd ({}\u2013{})".format(q[0], q[1]),
        "Hoog ({}\u2013{})".format(q[1], q[2]), "Zeer hoog (\u2265 {})".format(q[2]),
        "Geen gegevens"]
    assert legend["Top 5 \u2013 hoogste MDI 2019"] == "Rang 1\u20135 (cijfer = rang)"
    assert result["YEAR_USED"] == "2019"
    check_a4(png, 60)


def run_fails(params, match):
    with pytest.raises(QgsProcessingException, match=match):
        processing.run("mdi:exportmap", params)


def test_bad_parameters_fail_with_a_message_and_write_nothing(gemeenten_mdi, sample_gpkg,
                                                              tmp_path):
    png = tmp_path / "nooit.png"
    base = {"INPUT": gemeenten_mdi, "OUTPUT_PNG": str(png)}
    run_fails({"INPUT": gemeenten_mdi}, "Nothing to export")
    run_fails(dict(base, YEAR=1999), r"Year 1999 does not occur.*2014, 2019, 2023")
    run_fails(dict(base, TOP_N=3, GEMEENTE="GM0001"), "GM0001")
    run_fails(dict(base, ZONES="{}|layername=buurten".format(sample_gpkg)),
              "neither a 'zone' field nor a COROP code field")
    bad_table = tmp_path / "zones.csv"
    bad_table.write_text("coropcode,zone\nCR91,ergens\n", encoding="utf-8")
    run_fails(dict(base, ZONES="{}|layername=corop_regios".format(sample_gpkg),
                   ZONE_TABLE=str(bad_table)), "ergens")
    with pytest.raises(QgsProcessingException):
        processing.run("mdi:exportmap", dict(base, FIELD="bestaat_niet"))
    assert not png.exists()


def test_png_that_would_replace_the_input_geopackage_is_refused(gemeenten_mdi, tmp_path):
    gpkg = tmp_path / "gemeenten_mdi.gpkg"
    shutil.copy(gemeenten_mdi, gpkg)
    before = hashlib.sha256(gpkg.read_bytes()).hexdigest()
    run_fails({"INPUT": str(gpkg), "OUTPUT_PNG": str(gpkg)},
              "OUTPUT_PNG would replace the input INPUT")
    assert hashlib.sha256(gpkg.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gemeenten_mdi.gpkg"]


def test_a_failed_export_leaves_no_file(gemeenten_mdi, tmp_path, monkeypatch):
    """The PNG is written, then the PDF fails: the run removes the PNG."""
    import mdi_plugin.processing.algorithms.layout as layout
    png, pdf = tmp_path / "kaart.png", tmp_path / "kaart.pdf"

    def png_then_fail(_layout, png_path=None, _pdf_path=None, _dpi=150):
        with open(png_path, "wb") as handle:
            handle.write(b"\x89PNG half")
        raise layout.ExportError("PDF export to {} failed".format(pdf))
    monkeypatch.setattr(layout, "export_layout", png_then_fail)
    run_fails({"INPUT": gemeenten_mdi, "OUTPUT_PNG": str(png),
               "OUTPUT_PDF": str(pdf)}, "PDF export")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_exportmap_is_in_the_maps_group_and_runs_in_the_main_thread(mdi_provider):
    algorithm = mdi_provider.algorithm("exportmap")
    assert algorithm.group() == "Maps" and algorithm.groupId() == "maps"
    assert algorithm.flags() & algorithm.FlagNoThreading


def test_outputs_loaded_into_the_project_get_the_style(mdi_provider, sample_gpkg,
                                                       qgis_new_project, qgis_iface,
                                                       monkeypatch):
    # QGIS 3.44 hands iface.layerTreeView() to C++ when it loads results: a real view
    # (pytest-qgis's stand-in iface answers with a MagicMock, which C++ refuses).
    from qgis.core import QgsLayerTreeModel
    from qgis.gui import QgsLayerTreeView
    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    result = processing.runAndLoadResults("mdi:computemdi", {
        "INPUT": "{}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD": "jaar",
        "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    assert layer is not None
    renderer = layer.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer)
    assert [e[0] for e in legend_entries(renderer)] == REPORT_LABELS
    assert live_post_processors() == 0  # used and released


def test_geopackage_outputs_carry_the_style_as_default(gemeenten_mdi):
    with sqlite3.connect(gemeenten_mdi) as db:
        rows = db.execute("SELECT f_table_name, styleName, useAsDefault, styleQML "
                          "FROM layer_styles").fetchall()
    assert len(rows) == 1
    table, name, default, qml = rows[0]
    assert (name, default) == ("MDI", 1)
    assert all(label.replace("<", "&lt;") in qml for label in REPORT_LABELS)
    reopened = QgsVectorLayer(gemeenten_mdi, "again", "ogr")
    assert [e[0] for e in legend_entries(reopened.renderer())] == REPORT_LABELS


def test_a_style_that_cannot_be_stored_is_a_warning_naming_the_file(
        mdi_provider, sample_gpkg, tmp_path, monkeypatch):
    """The features are written when the style is stored: an unexpected failure there is
    a warning naming the file (QGIS itself would only log the exception)."""
    from mdi_test_helpers import LogFeedback

    import mdi_plugin.styling.outputs as outputs

    def broken(*_args, **_kwargs):
        raise RuntimeError("layer_styles is read-only")
    monkeypatch.setattr(outputs, "save_default_style", broken)
    out = tmp_path / "mdi.gpkg"
    feedback = LogFeedback()
    processing.run("mdi:computemdi", {
        "INPUT": "{}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD": "jaar",
        "OUTPUT": str(out)}, feedback=feedback)
    assert QgsVectorLayer(str(out), "out", "ogr").featureCount() > 0
    assert any(str(out) in w and "layer_styles is read-only" in w for w in feedback.warnings), \
        feedback.warnings


class _TwoOutputs(MdiAlgorithm):
    """A stand-in algorithm for the generic hook (never registered)."""

    OUTPUT_STYLE = {"A": "mdi_classes", "B": "mdi_zones"}


def test_the_generic_hook_styles_every_named_output(mdi_provider, tmp_path, sample_gpkg):
    from mdi_plugin.styling.outputs import style_outputs
    gemeenten = tmp_path / "a.gpkg"
    regions = tmp_path / "b.gpkg"
    for source, target in (("gemeenten", gemeenten), ("corop_regios", regions)):
        processing.run("native:savefeatures", {
            "INPUT": "{}|layername={}".format(sample_gpkg, source), "OUTPUT": str(target)})
    processing.run("native:fieldcalculator", {
        "INPUT": str(gemeenten), "FIELD_NAME": "mdi", "FIELD_TYPE": 0,
        "FORMULA": "inwoners / 1000", "OUTPUT": str(tmp_path / "c.gpkg")})
    algorithm = _TwoOutputs()
    assert algorithm.styled_outputs() == {"A": "mdi_classes", "B": "mdi_zones"}
    feedback = QgsProcessingFeedback()
    style_outputs({"A": str(tmp_path / "c.gpkg"), "B": str(regions)},
                  algorithm.styled_outputs(), QgsProcessingContext(), feedback)
    for path in (tmp_path / "c.gpkg", regions):
        with sqlite3.connect(str(path)) as db:
            assert db.execute("SELECT useAsDefault FROM layer_styles").fetchall() == [(1,)]
    # the zone table of the sample is not the bundled one: every region has an unknown zone,
    # which the overlay shows as "Zone onbekend"
    reopened = QgsVectorLayer(str(regions), "r", "ogr")
    assert "Zone onbekend" in [r.label() for r in reopened.renderer().rootRule().children()]
    release_post_processors()


def test_every_declared_output_style_is_known(mdi_provider):
    from mdi_plugin.styling.outputs import OUTPUT_STYLES
    declared = {}
    for algorithm in mdi_provider.algorithms():
        if isinstance(algorithm, MdiAlgorithm):
            for output, style in algorithm.styled_outputs().items():
                assert style in OUTPUT_STYLES, (algorithm.id(), style)
                assert algorithm.outputDefinition(output) is not None, (algorithm.id(), output)
                declared[algorithm.id()] = style
    assert declared["mdi:computemdi"] == "mdi_classes"
