"""Nothing lost: cancel (or a crash) at any progress update of every algorithm leaves no
output, complete or partial, and the input files stay byte-for-byte the same.

Cancel is deterministic: CancelAfter(n) presses cancel at the n-th progress update of the
run. A first run with n = infinity counts the updates; then a fixed sample of them is
tried (``cancel_points``: the first, the last and a few spread between), which proves the
same as trying each one. The inputs are big enough (1764 buurten) that a cancel can come
after 1000 features were written (test_cancel_after_1000_features_were_written).
"""

import shutil
import sqlite3

import pytest
from osgeo import gdal
from qgis import processing
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsVectorLayer

from mdi_safety_helpers import CancelAfter, files_digest, layer_rows
from mdi_test_helpers import cancel_points

gdal.UseExceptions()
NEVER = 10 ** 9


@pytest.fixture
def fail_at_check(monkeypatch, mdi_provider):
    """Counts the cancel checks of the progress loops (``progress.tick``); the check
    number ``fail_at[0]`` raises instead, as a full disk or a crash would there."""
    from mdi_plugin.processing import progress
    real, calls, fail_at = progress.check_cancel, [], [None]

    def check(feedback):
        calls.append(feedback)
        if len(calls) == fail_at[0]:
            raise OSError(28, "simulated failure while running (disk full)")
        real(feedback)

    monkeypatch.setattr(progress, "check_cancel", check)
    return calls, fail_at


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, sample_gpkg, repo_root, buurten_mdi, buurten_klassen):
    """A folder with copies of the inputs, and the intermediate layers each algorithm
    needs (buurten with mdi and classes, buurten aggregated to COROP regions).

    The intermediate layers (conftest's session fixtures, and regios made here in another
    folder) are copied here as plain rollback-journal files: QGIS may still hold a
    writer's connection to the files it wrote (and switch their journal mode when it
    lets go), which is not the algorithm under test touching its input."""
    work = tmp_path_factory.mktemp("work")
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(sample_gpkg, folder / "bron.gpkg")
    for name in ("regiokompas_voorbeeld.csv", "zones_voorbeeld.csv"):
        shutil.copy(repo_root / "resources" / "sample_data" / name, folder / name)
    gemeenten = QgsVectorLayer("{}|layername=gemeenten".format(folder / "bron.gpkg"), "g",
                               "ogr")
    corop_of = {f["gemeentecode"]: f["coropcode"] for f in gemeenten.getFeatures()}
    processing.run("mdi:aggregatetoregions", {
        "INPUT": buurten_with_corop(buurten_klassen, corop_of), "REGION_FIELD": "coropcode",
        "YEAR_FIELD": "jaar", "FIELDS": ["mdi"], "OUTPUT": str(work / "regios.gpkg")})
    for name, made in (("buurten_mdi.gpkg", buurten_mdi),
                       ("buurten_klasse.gpkg", buurten_klassen),
                       ("regios.gpkg", work / "regios.gpkg")):
        shutil.copy(made, folder / name)
        with sqlite3.connect(str(folder / name)) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
        connection.close()
    return folder


def buurten_with_corop(path, corop_of):
    """The buurten with classes plus a coropcode field (a memory layer)."""
    layer = QgsVectorLayer(str(path), "b", "ogr")
    result = processing.run("native:fieldcalculator", {
        "INPUT": layer, "FIELD_NAME": "coropcode", "FIELD_TYPE": 2, "FIELD_LENGTH": 10,
        "FORMULA": "map_get(map({}), \"gemeentecode\")".format(
            ",".join("'{}','{}'".format(k, v) for k, v in corop_of.items())),
        "OUTPUT": "memory:"})
    return result["OUTPUT"]


def runs(folder):
    """(algorithm, parameters without OUTPUT) of every algorithm, on the big inputs."""
    return {
        "computemdi": ("mdi:computemdi", {
            "INPUT": "{}|layername=buurten".format(folder / "bron.gpkg"),
            "YEAR_FIELD": "jaar"}),
        "classifyquartiles": ("mdi:classifyquartiles", {
            "INPUT": str(folder / "buurten_mdi.gpkg"), "METHOD": 2, "YEAR_FIELD": "jaar"}),
        "aggregatetoregions": ("mdi:aggregatetoregions", {
            "INPUT": str(folder / "buurten_klasse.gpkg"), "REGION_FIELD": "wijkcode",
            "YEAR_FIELD": "jaar"}),
        "flagperiphery": ("mdi:flagperiphery", {
            "INPUT": str(folder / "regios.gpkg"),
            "ZONES": str(folder / "zones_voorbeeld.csv")}),
        "joinregiokompas": ("mdi:joinregiokompas", {
            "INPUT": str(folder / "buurten_mdi.gpkg"), "INPUT_KEY": "gemeentecode",
            "REGIOKOMPAS": str(folder / "regiokompas_voorbeeld.csv")}),
    }


def progress_updates(algorithm, parameters, target):
    """The progress percentages of a complete run, one per update (and check that it
    completes)."""
    counter = CancelAfter(NEVER)
    target.parent.mkdir()
    result = processing.run(algorithm, dict(parameters, OUTPUT=str(target)),
                            feedback=counter)
    assert "OUTPUT" in result and target.exists()
    shutil.rmtree(target.parent)
    return counter.values


@pytest.mark.parametrize("name", ["computemdi", "classifyquartiles", "aggregatetoregions",
                                  "flagperiphery", "joinregiokompas"])
def test_cancel_at_sampled_progress_updates_leaves_no_output(inputs, tmp_path, name):
    algorithm, parameters = runs(inputs)[name]
    before = files_digest(inputs)
    updates = len(progress_updates(algorithm, parameters, tmp_path / "full" / "out.gpkg"))
    assert updates >= 1
    removed = 0
    for n in cancel_points(updates):
        target = tmp_path / "cancel_{}.gpkg".format(n)
        feedback = CancelAfter(n)
        result = processing.run(algorithm, dict(parameters, OUTPUT=str(target)),
                                feedback=feedback)
        assert feedback.isCanceled() and result == {}, n
        assert not target.exists(), "partial output left after cancel at update {}".format(n)
        removed += any("incomplete output" in line for line in feedback.infos)
    assert removed >= 1                     # at least one cancel came after writing began
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert files_digest(inputs) == before   # the inputs are byte-for-byte unchanged


@pytest.mark.parametrize("name", ["computemdi", "aggregatetoregions", "joinregiokompas"])
def test_failure_part_way_leaves_no_output(inputs, tmp_path, fail_at_check, name):
    algorithm, parameters = runs(inputs)[name]
    before = files_digest(inputs)
    calls, fail_at = fail_at_check
    progress_updates(algorithm, parameters, tmp_path / "full" / "out.gpkg")
    assert calls, "no cancel check in the progress loops of " + algorithm
    fail_at[0] = 2 * len(calls)             # the last check of the next run: writing has begun
    target = tmp_path / "failed.gpkg"
    feedback = CancelAfter(NEVER)
    with pytest.raises(QgsProcessingException, match="simulated failure"):
        processing.run(algorithm, dict(parameters, OUTPUT=str(target)), feedback=feedback)
    assert not target.exists()
    assert any("incomplete output" in line for line in feedback.infos)
    assert files_digest(inputs) == before


def test_cancel_after_1000_features_were_written(inputs, tmp_path):
    """computemdi writes 1764 buurten; cancel at the update after the 1000th feature.

    computemdi reads in the first half of the progress bar and writes in the second: the
    first update at or above 50 + 50 * 1000 / 1764 % comes after the 1000th feature was
    written."""
    algorithm, parameters = runs(inputs)["computemdi"]
    values = progress_updates(algorithm, parameters, tmp_path / "full" / "out.gpkg")
    after_1000 = 50 + 50 * 1000 / 1764
    matching = [n for n, value in enumerate(values, 1) if after_1000 - 0.01 <= value < 100]
    assert matching, "no update after the 1000th written feature: {}".format(values)
    target = tmp_path / "out.gpkg"
    feedback = CancelAfter(matching[0])
    result = processing.run(algorithm, dict(parameters, OUTPUT=str(target)),
                            feedback=feedback)
    assert feedback.isCanceled() and result == {} and not target.exists()
    # the output existed (with its first 1000 features) and was removed
    assert any("incomplete output" in line and str(target) in line for line in feedback.infos)


@pytest.mark.parametrize("kind", ["new layer in an existing GeoPackage", "shapefile", "csv",
                                  "geojson", "memory"])
def test_cancel_removes_every_kind_of_destination(inputs, tmp_path, kind):
    algorithm, parameters = runs(inputs)["computemdi"]
    keep = tmp_path / "bestaand.gpkg"
    shutil.copy(inputs / "bron.gpkg", keep)
    kept_rows = layer_rows(QgsVectorLayer("{}|layername=corop_regios".format(keep), "k",
                                          "ogr"))
    destination = {
        "new layer in an existing GeoPackage":
            "ogr:dbname='{}' table=\"mdi_afgebroken\" (geom)".format(keep),
        "shapefile": str(tmp_path / "uit.shp"),
        "csv": str(tmp_path / "uit.csv"),
        "geojson": str(tmp_path / "uit.geojson"),
        "memory": "memory:",
    }[kind]
    updates = len(progress_updates(algorithm, parameters, tmp_path / "full" / "out.gpkg"))
    context = QgsProcessingContext()
    feedback = CancelAfter(updates)
    result = processing.run(algorithm, dict(parameters, OUTPUT=destination),
                            feedback=feedback, context=context)
    assert result == {}
    assert any("incomplete output" in line for line in feedback.infos)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestaand.gpkg"]
    dataset = gdal.OpenEx(str(keep))
    layers = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    dataset = None
    assert "mdi_afgebroken" not in layers and "corop_regios" in layers
    assert layer_rows(QgsVectorLayer("{}|layername=corop_regios".format(keep), "k",
                                     "ogr")) == kept_rows
    assert not context.layersToLoadOnCompletion()
    assert not context.temporaryLayerStore().mapLayers() or all(
        layer.name() != "output" for layer in context.temporaryLayerStore().mapLayers()
        .values())


def test_output_that_would_replace_the_input_file_is_refused(inputs, tmp_path):
    source = tmp_path / "gemeenten.gpkg"
    shutil.copy(inputs / "bron.gpkg", source)
    before = files_digest(tmp_path)
    for destination in (str(source),
                        "ogr:dbname='{}' table=\"gemeenten\" (geom)".format(source)):
        with pytest.raises(QgsProcessingException, match="would replace the input INPUT"):
            processing.run("mdi:computemdi", {
                "INPUT": "{}|layername=gemeenten".format(source), "YEAR_FIELD": "jaar",
                "OUTPUT": destination})
        assert files_digest(tmp_path) == before


def test_a_new_layer_next_to_the_input_in_its_geopackage_is_fine(inputs, tmp_path):
    source = tmp_path / "gemeenten.gpkg"
    shutil.copy(inputs / "bron.gpkg", source)
    before = layer_rows(QgsVectorLayer("{}|layername=gemeenten".format(source), "g", "ogr"),
                        with_geometry=True)
    result = processing.run("mdi:computemdi", {
        "INPUT": "{}|layername=gemeenten".format(source), "YEAR_FIELD": "jaar",
        "OUTPUT": "ogr:dbname='{}' table=\"gemeenten_mdi\" (geom)".format(source)})
    assert result["FEATURE_COUNT"] == 144
    after = layer_rows(QgsVectorLayer("{}|layername=gemeenten".format(source), "g", "ogr"),
                       with_geometry=True)
    assert after == before


def test_replacing_an_existing_output_file_is_said_in_the_log(inputs, tmp_path):
    target = tmp_path / "uit.gpkg"
    algorithm, parameters = runs(inputs)["flagperiphery"]
    processing.run(algorithm, dict(parameters, OUTPUT=str(target)))
    feedback = CancelAfter(NEVER)
    processing.run(algorithm, dict(parameters, OUTPUT=str(target)), feedback=feedback)
    assert any(str(target) in w and "replaced" in w for w in feedback.warnings)
    assert QgsVectorLayer(str(target), "o", "ogr").featureCount() == 27


# ------------------------------------------------------------------ safe_output helpers

@pytest.mark.parametrize("text, masked", [
    ("dbname='gis' user='mdi' password='ge heim' table=\"a\".\"b\"",
     "dbname='gis' user='mdi' password=******** table=\"a\".\"b\""),
    ("postgres://dbname=gis password=geheim123 host=db", "postgres://dbname=gis "
     "password=******** host=db"),
    ("PG:host=db PASSWORD = \"x'y\" port=5432", "PG:host=db PASSWORD = ******** port=5432"),
    ("postgresql://mdi:geheim@db:5432/gis", "postgresql://mdi:********@db:5432/gis"),
    ("dbname='gis' authcfg=mdipg01", "dbname='gis' authcfg=mdipg01"),
])
def test_redact_masks_passwords(mdi_provider, text, masked):
    from mdi_plugin.processing.safe_output import redact
    assert redact(text) == masked


@pytest.mark.parametrize("text, kind, path, layer", [
    ("TEMPORARY_OUTPUT", "memory", None, None),
    ("memory:", "memory", None, None),
    ("/tmp/uit.gpkg", "file", "/tmp/uit.gpkg", None),
    ("ogr:dbname='/tmp/a b.gpkg' table=\"mdi\" (geom)", "ogr_layer", "/tmp/a b.gpkg", "mdi"),
    ("postgis:dbname='gis' table=\"s\".\"t\" (geom)", "postgres", None, None),
    ("postgres://dbname='gis' table=\"s\".\"t\" (geom)", "postgres", None, None),
    ("spatialite:dbname='/tmp/x.sqlite' table=\"t\"", "ogr_layer", "/tmp/x.sqlite", "t"),
    ("/tmp/uit.json", "file", "/tmp/uit.json.geojson", None),   # QGIS adds .geojson
    ("/tmp/uit", "file", "/tmp/uit.gpkg", None),
])
def test_destinations_are_recognised(mdi_provider, text, kind, path, layer):
    from mdi_plugin.processing.safe_output import parse_destination
    destination = parse_destination(text)
    assert (destination.kind, destination.path, destination.layer) == (kind, path, layer)
    if kind == "postgres":
        assert (destination.uri.schema(), destination.uri.table()) == ("s", "t")
