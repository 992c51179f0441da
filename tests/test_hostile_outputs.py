"""Hostile outputs: an output that would replace an input is refused, whatever the
provider or the spelling of input and output, and a failed model run removes what its
earlier steps wrote.

Every refusal is checked the same way: the files of the folder are hashed before and
after, and must be byte-for-byte the same (nothing written, the input untouched).
Windows' rules for file names (case, trailing dots, \\\\?\\ prefixes, drive letters) are
tested with ``ntpath`` at the end, as this suite runs on Linux.
"""

import gc
import json
import ntpath
import os
import posixpath
import re
import shutil
import sqlite3
import weakref
from contextlib import closing

import pytest
from osgeo import gdal, ogr
from qgis import processing
import qgis.core
from qgis.core import (QgsFeatureRequest, QgsProcessingContext,
                       QgsProcessingException, QgsProcessingFeedback,
                       QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                       QgsProcessingModelChildParameterSource, QgsProcessingModelOutput,
                       QgsProcessingMultiStepFeedback, QgsProject, QgsVectorLayer,
                       QgsVirtualLayerDefinition)

from mdi_plugin.processing import places
from mdi_plugin.processing.places import Place, replaces, same_file
from mdi_safety_helpers import CancelAfter, file_digest, files_digest, layer_rows
from mdi_test_helpers import LogFeedback

gdal.UseExceptions()
MODEL = "mdi:mdi_keten"
REFUSED = "would replace the input INPUT"
IN_MODEL = "which this model run read before"
NEVER = 10 ** 9
#: The batch dialog's feedback (QGIS >= 3.26); a multi-step feedback before.
BatchFeedback = getattr(qgis.core, "QgsProcessingBatchFeedback",
                        QgsProcessingMultiStepFeedback)


@pytest.fixture
def work(tmp_path, sample_gpkg):
    """A folder (with a space in its name) holding the user's data: in.gpkg (the sample
    GeoPackage: gemeenten, buurten, corop_regios) and in.csv (the gemeenten as CSV)."""
    folder = tmp_path / "mijn data"
    folder.mkdir()
    shutil.copy(sample_gpkg, folder / "in.gpkg")
    gdal.VectorTranslate(str(folder / "in.csv"), str(sample_gpkg), format="CSV",
                         layers=["gemeenten"])
    return folder


def fails(algorithm, parameters, match, feedback=None, context=None, log=None):
    """Run ``algorithm``: it must fail, saying ``match`` in its error or in the log ``log``
    (default ``feedback``; QGIS 3.22 logs a model step's message and raises only "Error
    encountered while running <step>"). Returns what it said."""
    feedback = LogFeedback() if feedback is None else feedback
    log = feedback if log is None else log
    with pytest.raises(QgsProcessingException) as raised:
        processing.run(algorithm, parameters, feedback=feedback, context=context)
    said = "\n".join([str(raised.value)] + log.errors + log.infos)
    assert re.search(match, said), said
    return said


def refused(algorithm, parameters, folder, match=REFUSED):
    """Run ``algorithm``: it must fail with ``match`` and leave ``folder`` byte-for-byte
    unchanged. Returns what it said."""
    before = files_digest(folder)
    said = fails(algorithm, parameters, match)
    assert files_digest(folder) == before
    return said


def compute(source, output, **more):
    return dict({"INPUT": source, "YEAR_FIELD": "jaar", "OUTPUT": output}, **more)


def ogr_layer(path, layer):
    return "ogr:dbname='{}' table=\"{}\" (geom)".format(path, layer)


def layer_names(path):
    dataset = ogr.Open(str(path))
    names = [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]
    dataset = None
    return names


# ------------------------------------------------------------------ every URI form

def test_csv_opened_as_delimited_text_written_back_over_itself(mdi_provider, work):
    """The outside catalogue's case: the CSV ended header-only, exit 0."""
    csv_path = work / "in.csv"
    source = "delimitedtext://{}?type=csv&geomType=none".format(csv_path.as_uri())
    assert "%20" in source                       # the URL form of 'mijn data'
    message = refused("mdi:computemdi", compute(source, str(csv_path)), work)
    assert str(csv_path) in message


@pytest.mark.parametrize("source, output", [
    # a layer of a one-layer format: any layer name replaces the whole file
    ("{csv}", "ogr:dbname='{csv}' table=\"x\""),
    # a GeoPackage layer by name, the output's name in other case (SQLite ignores case)
    ("{gpkg}|layername=gemeenten", "ogr:dbname='{gpkg}' table=\"GEMEENTEN\" (geom)"),
    # no layer name: QGIS opens the first layer (gemeenten)
    ("{gpkg}", "ogr:dbname='{gpkg}' table=\"gemeenten\" (geom)"),
    # a layer by number
    ("{gpkg}|layerid=0", "ogr:dbname='{gpkg}' table=\"gemeenten\" (geom)"),
    # the whole GeoPackage as a plain path: every layer in it is replaced
    ("{gpkg}|layername=gemeenten", "{gpkg}"),
    # ogr: without dbname
    ("{csv}", "ogr:{csv}"),
])
def test_ogr_inputs(mdi_provider, work, source, output):
    paths = {"csv": work / "in.csv", "gpkg": work / "in.gpkg"}
    refused("mdi:computemdi", compute(source.format(**paths), output.format(**paths)), work)


def test_a_new_layer_next_to_the_input_is_written(mdi_provider, work):
    """Not every write into the input's GeoPackage is refused: another layer name is a new
    layer, and the input layer stays as it was (also read without a layer name)."""
    gpkg = work / "in.gpkg"
    before = layer_rows(QgsVectorLayer("{}|layername=gemeenten".format(gpkg), "g", "ogr"),
                        with_geometry=True)
    processing.run("mdi:computemdi", compute(str(gpkg), ogr_layer(gpkg, "gemeenten_mdi")))
    assert "gemeenten_mdi" in layer_names(gpkg)
    assert layer_rows(QgsVectorLayer("{}|layername=gemeenten".format(gpkg), "g", "ogr"),
                      with_geometry=True) == before


@pytest.fixture
def spatialite(work):
    path = work / "in.sqlite"
    gdal.VectorTranslate(str(path), str(work / "in.gpkg"), format="SQLite",
                         datasetCreationOptions=["SPATIALITE=YES"], layers=["gemeenten"])
    return path


@pytest.mark.parametrize("output", [
    "ogr:dbname='{db}' table=\"gemeenten\" (geom)",
    "spatialite:dbname='{db}' table=\"gemeenten\" (geom)",
    "{db}",
])
def test_spatialite_input(mdi_provider, work, spatialite, output):
    source = "spatialite://dbname='{}' table=\"gemeenten\" (geom)".format(spatialite)
    assert QgsVectorLayer(source[len("spatialite://"):], "s", "spatialite").isValid()
    refused("mdi:computemdi", compute(source, output.format(db=spatialite)), work)


def test_memory_input_has_nothing_on_disk_to_replace(mdi_provider, work, tmp_path):
    """A memory layer is nowhere on disk: a file or memory output is never refused."""
    layer = QgsVectorLayer("{}|layername=gemeenten".format(work / "in.gpkg"), "g", "ogr")
    memory = layer.materialize(QgsFeatureRequest())
    assert memory.providerType() == "memory"
    for output in ("memory:", str(tmp_path / "uit.gpkg")):
        result = processing.run("mdi:computemdi", compute(memory, output))
        assert result["FEATURE_COUNT"] == 144


def virtual_layer(add_source):
    definition = QgsVirtualLayerDefinition()
    add_source(definition)
    definition.setQuery("SELECT * FROM g")
    layer = QgsVectorLayer(definition.toString(), "virtueel", "virtual")
    assert layer.isValid(), definition.toString()
    return layer


@pytest.fixture
def project_layers(work):
    """Add layers to the project (as in the desktop, where a run names them by id); all are
    removed again at the end. (Layers owned by Python must not be inputs of a failing
    run on QGIS 3.22: that run's traceback stays referenced, and the layer destroyed after
    QGIS exits crashes the process.)"""
    def add(layer):
        QgsProject.instance().addMapLayer(layer)
        added.append(layer.id())
        return layer
    added = []
    yield add
    QgsProject.instance().removeMapLayers(added)


@pytest.mark.parametrize("kind", ["embedded source", "referenced project layer",
                                  "project layer named in the query"])
def test_virtual_layer_input(mdi_provider, work, project_layers, kind):
    gpkg = work / "in.gpkg"
    gemeenten = project_layers(QgsVectorLayer("{}|layername=gemeenten".format(gpkg), "g",
                                              "ogr"))
    if kind == "embedded source":
        layer = virtual_layer(lambda d: d.addSource(
            "g", "{}|layername=gemeenten".format(gpkg), "ogr"))
    elif kind == "referenced project layer":
        layer = virtual_layer(lambda d: d.addSource("g", gemeenten.id()))
    else:
        layer = QgsVectorLayer("?query=SELECT * FROM g", "virtueel", "virtual")
        assert layer.isValid()
    project_layers(layer)
    refused("mdi:computemdi", compute(layer.id(), ogr_layer(gpkg, "gemeenten")), work)


def test_symlinks(mdi_provider, work, tmp_path):
    """Through a symlinked file and a symlinked folder, both ways round, and '..' after a
    symlinked folder (on Linux the parent of the folder it points to)."""
    os.symlink(work / "in.gpkg", tmp_path / "link.gpkg")
    os.symlink(work, tmp_path / "linked folder")
    (work / "sub").mkdir()
    os.symlink(work / "sub", tmp_path / "naar sub")   # Linux: naar sub/.. is 'mijn data'
    cases = [(str(tmp_path / "naar sub" / ".." / "in.csv"), str(work / "in.csv")),
             ("{}|layername=gemeenten".format(tmp_path / "link.gpkg"), str(work / "in.gpkg")),
             ("{}|layername=gemeenten".format(work / "in.gpkg"),
              ogr_layer(tmp_path / "link.gpkg", "gemeenten")),
             (str(tmp_path / "linked folder" / "in.csv"), str(work / "in.csv")),
             (str(work / "in.csv"), str(tmp_path / "linked folder" / "in.csv"))]
    for source, output in cases:
        refused("mdi:computemdi", compute(source, output), work)


def test_the_log_names_the_file_written_after_a_symlinked_folder(mdi_provider, work, tmp_path):
    """An output without extension behind 'link/..': QGIS writes '<name>.gpkg' in the
    parent of the folder the link points to (Linux), and the log says that file."""
    (work / "sub").mkdir()
    os.symlink(work / "sub", tmp_path / "naar sub")
    feedback = LogFeedback()
    processing.run("mdi:computemdi", compute(str(work / "in.csv"),
                                             str(tmp_path / "naar sub" / ".." / "uit")),
                   feedback=feedback)
    assert (work / "uit.gpkg").is_file()
    named = [line for line in feedback.warnings if "QGIS writes" in line]
    assert len(named) == 1
    path = re.search(r"QGIS writes '([^']+)'", named[0]).group(1)
    assert os.path.samefile(path, work / "uit.gpkg")


def test_relative_paths_resolve_against_the_working_folder(mdi_provider, work, monkeypatch):
    """QGIS opens and writes relative paths against the process's working folder (also
    with a project open): so does the guard."""
    monkeypatch.chdir(work)
    for source, output in [("in.csv", str(work / "in.csv")),
                           (str(work / "in.csv"), "sub/../in.csv"),
                           ("./in.gpkg|layername=gemeenten", ogr_layer("in.gpkg", "gemeenten")),
                           ("delimitedtext://file:in.csv?type=csv&geomType=none", "in.csv")]:
        refused("mdi:computemdi", compute(source, output), work)


def test_the_same_file_under_another_name(mdi_provider, work):
    """A hard link: one file, two names, as a case-insensitive file system (Windows,
    macOS, a FAT or SMB mount on Linux) shows IN.CSV and in.csv."""
    os.link(work / "in.csv", work / "IN.CSV")
    refused("mdi:computemdi", compute(str(work / "IN.CSV"), str(work / "in.csv")), work)


def test_shapefile_parts_count_as_one_file(mdi_provider, work):
    gdal.VectorTranslate(str(work / "in.shp"), str(work / "in.gpkg"), layers=["gemeenten"])
    refused("mdi:computemdi", compute(str(work / "in.shp"), str(work / "in.shp")), work)
    refused("mdi:computemdi", compute(str(work / "in.dbf"), str(work / "in.shp")), work)


def test_file_parameters_spec_and_zone_table(mdi_provider, work, repo_root):
    spec = work / "spec.json"
    shutil.copy(repo_root / "resources" / "specs" / "pon_telos_2024.json", spec)
    gemeenten = "{}|layername=gemeenten".format(work / "in.gpkg")
    refused("mdi:computemdi", compute(gemeenten, ogr_layer(spec, "mdi"), SPEC=str(spec)),
            work, match="would replace the input SPEC")
    # a plain path: QGIS writes spec.json.geojson, the spec is not touched
    before = file_digest(spec)
    result = processing.run("mdi:computemdi", compute(gemeenten, str(spec), SPEC=str(spec)))
    assert result["OUTPUT"].endswith("spec.json.geojson") and file_digest(spec) == before
    zones = work / "zones.csv"
    shutil.copy(repo_root / "resources" / "sample_data" / "zones_voorbeeld.csv", zones)
    regions = processing.run("mdi:aggregatetoregions", {
        "INPUT": result["OUTPUT"], "REGION_FIELD": "coropcode", "YEAR_FIELD": "jaar",
        "OUTPUT": "memory:"})["OUTPUT"]
    refused("mdi:flagperiphery", {"INPUT": regions, "ZONES": str(zones),
                                  "OUTPUT": str(zones)}, work,
            match="would replace the input ZONES")


def test_a_failed_run_removes_the_file_qgis_wrote_not_the_one_named(mdi_provider, work,
                                                                    tmp_path):
    """OUTPUT=uit.json is written as uit.json.geojson (QGIS adds GeoJSON's extension): a
    cancelled run removes that file, and never the user's own uit.json."""
    mine = tmp_path / "uit.json"
    mine.write_text('{"van": "de gebruiker"}', encoding="utf-8")
    params = compute("{}|layername=gemeenten".format(work / "in.gpkg"), str(mine))
    counter = CancelAfter(NEVER)
    processing.run("mdi:computemdi", dict(params, OUTPUT="memory:"), feedback=counter)
    feedback = CancelAfter(counter.calls)           # the last update: the file is written
    assert processing.run("mdi:computemdi", params, feedback=feedback) == {}
    assert any("uit.json.geojson" in line and "removed" in line for line in feedback.infos)
    assert json.loads(mine.read_text(encoding="utf-8")) == {"van": "de gebruiker"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mijn data", "uit.json"]


@pytest.mark.qgis_process
def test_csv_over_itself_through_qgis_process(qgis_process, work):
    csv_path = work / "in.csv"
    before = files_digest(work)
    result = qgis_process("run", "mdi:computemdi", "--",
                          "INPUT=delimitedtext://{}?type=csv&geomType=none".format(
                              csv_path.as_uri()),
                          "YEAR_FIELD=jaar", "OUTPUT={}".format(csv_path))
    assert result.returncode != 0, result.stdout
    assert REFUSED in result.stdout + result.stderr
    assert files_digest(work) == before


# ------------------------------------------------------------------ models

def keten(work, gemeenten_out, regions_out, zones=None):
    """Parameters of the shipped model on the user's in.gpkg."""
    return {"indicatoren": "{}|layername=gemeenten".format(work / "in.gpkg"),
            "jaarveld": "jaar", "regioveld": "coropcode",
            "zonetabel": str(zones) if zones else "", "drempel": 50,
            "indelen:gemeenten_mdi": str(gemeenten_out),
            "markeren:regios_mdi": str(regions_out)}


@pytest.mark.parametrize("final_output", ["layer", "whole file"])
def test_shipped_model_into_its_own_input(mdi_provider, work, tmp_path, final_output):
    """The last step never sees the model's input, yet it may not replace it; the
    gemeenten the second step wrote are removed again."""
    gpkg = work / "in.gpkg"
    target = ogr_layer(gpkg, "gemeenten") if final_output == "layer" else str(gpkg)
    message = refused(MODEL, keten(work, tmp_path / "gem.gpkg", target), work,
                      match=IN_MODEL)
    assert "'Compute MDI'" in message and "INPUT" in message
    assert not (tmp_path / "gem.gpkg").exists()


@pytest.mark.qgis_process
def test_shipped_model_into_its_own_input_through_qgis_process(
        qgis_process, work, tmp_path):
    before = files_digest(work)
    params = keten(work, tmp_path / "gem.gpkg", ogr_layer(work / "in.gpkg", "gemeenten"))
    result = qgis_process("run", MODEL, "--",
                          *["{}={}".format(k, v) for k, v in params.items()])
    assert result.returncode != 0, result.stdout
    assert IN_MODEL in result.stdout + result.stderr
    assert files_digest(work) == before and not (tmp_path / "gem.gpkg").exists()


def edited_copy(repo_root, folder, edit):
    """The shipped model, changed by ``edit(model)``, saved as a copy and loaded again
    from that file (as a user's edited model in their profile)."""
    shipped = QgsProcessingModelAlgorithm()
    assert shipped.fromFile(str(repo_root / "resources" / "models" / "mdi_keten.model3"))
    edit(shipped)
    path = str(folder / "mijn_keten.model3")
    assert shipped.toFile(path)
    copy = QgsProcessingModelAlgorithm()
    assert copy.fromFile(path)
    return copy


def rewire_the_output_to_the_aggregate_step(model):
    """The regions output taken from the aggregate step instead of the last one."""
    for child_id, child in model.childAlgorithms().items():
        child.setModelOutputs({})
        if child_id == "aggregeren":
            output = QgsProcessingModelOutput("regios_mdi", "Regio's")
            output.setChildId(child_id)
            output.setChildOutputName("OUTPUT")
            child.setModelOutputs({"regios_mdi": output})
        model.setChildAlgorithm(child)
    model.updateDestinationParameters()


def add_a_step_after_the_last(model):
    """A fifth step: the flagged regions classified in quartiles, as a model output."""
    child = QgsProcessingModelChildAlgorithm("mdi:classifyquartiles")
    child.setChildId("extra")
    child.addParameterSources("INPUT", [
        QgsProcessingModelChildParameterSource.fromChildOutput("markeren", "OUTPUT")])
    child.addParameterSources("FIELD", [
        QgsProcessingModelChildParameterSource.fromStaticValue("mdi")])
    output = QgsProcessingModelOutput("extra_uit", "Extra")
    output.setChildId("extra")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"extra_uit": output})
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()


def test_edited_copy_with_rewired_output(mdi_provider, repo_root, work, tmp_path):
    model = edited_copy(repo_root, tmp_path, rewire_the_output_to_the_aggregate_step)
    params = keten(work, "", "")
    params = {k: v for k, v in params.items() if ":" not in k}
    params["aggregeren:regios_mdi"] = ogr_layer(work / "in.gpkg", "gemeenten")
    refused(model, params, work, match=IN_MODEL)


def test_edited_copy_with_an_added_step(mdi_provider, repo_root, work, tmp_path):
    model = edited_copy(repo_root, tmp_path, add_a_step_after_the_last)
    params = dict(keten(work, tmp_path / "gem.gpkg", tmp_path / "reg.gpkg"))
    params["extra:extra_uit"] = str(work / "in.gpkg")
    refused(model, params, work, match=IN_MODEL)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mijn data", "mijn_keten.model3"]
    # the same copy with the added output elsewhere runs through
    params["extra:extra_uit"] = str(tmp_path / "extra.gpkg")
    processing.run(model, params)
    assert QgsVectorLayer(str(tmp_path / "extra.gpkg"), "e", "ogr").featureCount() == 27


@pytest.fixture
def bad_zones(tmp_path):
    """A zone table the last step refuses (a zone that does not exist)."""
    path = tmp_path / "zones.csv"
    path.write_text("coropcode,zone\nCR01,ergens\n", encoding="utf-8")
    return path


def test_failing_last_step_removes_what_the_model_run_wrote(
        mdi_provider, work, tmp_path, bad_zones):
    feedback = LogFeedback()
    before = files_digest(work)
    fails(MODEL, keten(work, tmp_path / "gem.gpkg", tmp_path / "reg.gpkg", bad_zones),
          "ergens", feedback)
    assert files_digest(work) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mijn data", "zones.csv"]
    assert any("gem.gpkg" in line and "earlier step 'Classify scores into classes'" in line
               for line in feedback.infos)


def test_failing_step_drops_a_new_layer_but_keeps_the_rest_of_the_geopackage(
        mdi_provider, work, tmp_path, bad_zones):
    existing = tmp_path / "bestaand.gpkg"
    shutil.copy(work / "in.gpkg", existing)
    kept = {name: layer_rows(QgsVectorLayer("{}|layername={}".format(existing, name), "k",
                                            "ogr"), with_geometry=True)
            for name in ("gemeenten", "corop_regios")}
    fails(MODEL, keten(work, ogr_layer(existing, "gemeenten_mdi"), tmp_path / "reg.gpkg",
                       bad_zones), "ergens")
    assert layer_names(existing) == ["gemeenten", "buurten", "corop_regios", "layer_styles"]
    for name, rows in kept.items():
        assert layer_rows(QgsVectorLayer("{}|layername={}".format(existing, name), "k",
                                         "ogr"), with_geometry=True) == rows
    with closing(sqlite3.connect(str(existing))) as connection:   # no style of a layer gone
        assert connection.execute("SELECT f_table_name FROM layer_styles").fetchall() == []
    assert not (tmp_path / "reg.gpkg").exists()


def test_failing_step_removes_an_earlier_output_that_windows_keeps_locked(
        mdi_provider, work, tmp_path, bad_zones, monkeypatch):
    """Windows cannot remove a file that is open, and the third step's input (the second
    step's gem.gpkg) is still open in the run's context when the fourth step fails. Here
    removing a file fails as on Windows while a layer of the context reads it: the guard
    closes those layers and removes the file."""
    from mdi_plugin.processing import safe_output
    context = QgsProcessingContext()
    real_remove, locked = safe_output._remove_file, []

    def remove_as_windows(path):
        if any(str(path) in layer.source()
               for layer in context.temporaryLayerStore().mapLayers().values()):
            locked.append(path)
            raise PermissionError(13, "The process cannot access the file because it is "
                                      "being used by another process", path)
        real_remove(path)
    monkeypatch.setattr(safe_output, "_remove_file", remove_as_windows)
    feedback = LogFeedback()
    fails(MODEL, keten(work, tmp_path / "gem.gpkg", tmp_path / "reg.gpkg", bad_zones),
          "ergens", feedback, context)
    assert locked == [str(tmp_path / "gem.gpkg")]          # it was open, then closed
    assert not (tmp_path / "gem.gpkg").exists() and not feedback.errors[:-1], feedback.text


def test_failing_step_keeps_an_output_that_existed_before_the_run(
        mdi_provider, work, tmp_path, bad_zones):
    """Never remove what existed before the run: an output file the run replaced stays
    (with the new contents; the old ones are gone) and the log says so."""
    gemeenten_out = tmp_path / "gem.gpkg"
    shutil.copy(work / "in.gpkg", gemeenten_out)
    feedback = LogFeedback()
    fails(MODEL, keten(work, gemeenten_out, tmp_path / "reg.gpkg", bad_zones), "ergens",
          feedback)
    assert gemeenten_out.exists()
    assert any(str(gemeenten_out) in w and "is kept" in w for w in feedback.warnings)


def test_cancel_in_the_last_step_removes_what_the_model_run_wrote(
        mdi_provider, work, tmp_path):
    full, cancelled = tmp_path / "full", tmp_path / "cancelled"
    full.mkdir()
    cancelled.mkdir()
    counter = CancelAfter(NEVER)
    processing.run(MODEL, keten(work, full / "gem.gpkg", full / "reg.gpkg"), feedback=counter)
    last_step = next(n for n, value in enumerate(counter.values, 1) if value > 75)
    feedback = CancelAfter(last_step)
    processing.run(MODEL, keten(work, cancelled / "gem.gpkg", cancelled / "reg.gpkg"),
                   feedback=feedback)
    assert feedback.isCanceled()
    assert any("earlier step 'Classify scores into classes'" in line for line in feedback.infos)
    assert list(cancelled.iterdir()) == []


# ------------------------------------------------------------------ the registry's scope

def test_model_rows_of_a_batch_are_independent(mdi_provider, work, tmp_path, bad_zones):
    """As the batch dialog runs a model: one batch feedback for all rows, a new context
    per row. Row 2 may write over what row 1 read (it is another run), and row
    3 failing removes only its own outputs."""
    other = tmp_path / "ander.gpkg"
    shutil.copy(work / "in.gpkg", other)
    log = LogFeedback()
    batch = BatchFeedback(3, log)
    rows = [keten(work, tmp_path / "gem1.gpkg", tmp_path / "reg1.gpkg"),
            dict(keten(work, tmp_path / "gem2.gpkg", work / "in.gpkg"),
                 indicatoren="{}|layername=gemeenten".format(other)),
            dict(keten(work, tmp_path / "gem3.gpkg", tmp_path / "reg3.gpkg", bad_zones),
                 indicatoren="{}|layername=gemeenten".format(other))]
    for row, params in enumerate(rows[:2]):
        batch.setCurrentStep(row)
        processing.run(MODEL, params, feedback=batch, context=QgsProcessingContext())
    assert "gemeenten" not in layer_names(work / "in.gpkg")     # row 2 replaced it
    batch.setCurrentStep(2)
    fails(MODEL, rows[2], "ergens", batch, QgsProcessingContext(), log)
    assert {p.name for p in tmp_path.iterdir()} >= {"gem1.gpkg", "reg1.gpkg", "gem2.gpkg"}
    assert not (tmp_path / "gem3.gpkg").exists()


@pytest.mark.parametrize("feedback_kind", ["plain", "multi-step"])
def test_single_runs_sharing_one_context_are_independent(mdi_provider, work, tmp_path,
                                                         feedback_kind):
    """A script that runs algorithms one by one with one context and one feedback (here
    after a model run in that context, whose expression scopes stay in it): each run is
    on its own. Run B may replace what run A read; run C failing removes nothing of A's
    or B's outputs."""
    context = QgsProcessingContext()
    log = QgsProcessingFeedback()
    feedback = log if feedback_kind == "plain" else QgsProcessingMultiStepFeedback(4, log)
    processing.run(MODEL, keten(work, tmp_path / "gem.gpkg", tmp_path / "reg.gpkg"),
                   context=context, feedback=feedback)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    shutil.copy(work / "in.gpkg", a)
    processing.run("mdi:computemdi", compute("{}|layername=gemeenten".format(a), str(b)),
                   context=context, feedback=feedback)
    processing.run("mdi:computemdi", compute("{}|layername=gemeenten".format(work / "in.gpkg"),
                                             str(a)), context=context, feedback=feedback)
    with pytest.raises(QgsProcessingException):
        processing.run("mdi:computemdi", compute(str(b), str(tmp_path / "c.gpkg"),
                                                 YEAR_FIELD="bestaat_niet"),
                       context=context, feedback=feedback)
    assert a.exists() and b.exists() and not (tmp_path / "c.gpkg").exists()
    assert "gemeenten" not in layer_names(a)      # B replaced what A read


def test_the_model_run_record_holds_no_layers_and_ends_with_the_run(
        mdi_provider, work, tmp_path, monkeypatch):
    from mdi_plugin.processing import safe_output
    from qgis.PyQt import sip
    seen = []
    real = safe_output.model_run

    def spy(context, feedback, algorithm_id):
        run = real(context, feedback, algorithm_id)
        seen.append(run)
        return run
    monkeypatch.setattr(safe_output, "model_run", spy)
    processing.run(MODEL, keten(work, tmp_path / "gem.gpkg", tmp_path / "reg.gpkg"))
    runs = {id(r): r for r in seen}
    assert len(runs) == 1 and None not in seen          # one record, shared by 4 steps
    record = seen[0]
    steps = {r.step for r in record.reads}
    assert len(steps) == 4 and "Compute MDI" in steps      # every step's inputs
    wrapped = [o for o in reachable(record) if isinstance(o, sip.wrapper)]
    assert wrapped == [], wrapped
    gone = weakref.ref(record)
    del record, seen[:], runs
    gc.collect()
    assert gone() is None


def reachable(root):
    """Every object reachable from ``root`` through attributes and containers."""
    found, todo, seen = [], [root], set()
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, (str, bytes, int, float, type(None))):
            continue
        seen.add(id(item))
        found.append(item)
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            todo.extend(item)
        else:
            todo.extend(getattr(item, "__dict__", {}).values())
            todo.extend(getattr(item, s) for s in getattr(type(item), "__slots__", ())
                        if hasattr(item, s))
    return found[1:]


# ------------------------------------------------------------------ Windows names (ntpath)

@pytest.mark.parametrize("first, second, cwd", [
    (r"C:\Data\In.csv", r"c:/data/IN.CSV", None),              # case, separators
    (r"C:\data\in.csv", "C:\\data\\in.csv. ", None),          # trailing dot and space
    (r"C:\data\in.csv", r"\\?\C:\data\in.csv", None),          # long-path prefix
    (r"\\server\share\in.csv", r"\\?\UNC\server\share\IN.csv", None),
    ("in.csv", r"C:\Data\in.csv", r"C:\data"),                 # relative to the cwd
    (r"..\in.csv", r"C:\data\in.csv", r"C:\data\sub"),
    (r"C:\data\sub\..\in.csv", r"C:\data\in.csv", None),
    ("/C:/data/in.csv", r"C:\data\in.csv", None),              # a file URL's path
    (r"C:\d\Wijken.DBF", r"c:\d\wijken.shp", None),            # one Shapefile
])
def test_windows_paths_that_name_the_same_file(first, second, cwd):
    assert same_file(first, second, ntpath, cwd)
    assert same_file(second, first, ntpath, cwd)


@pytest.mark.parametrize("first, second", [
    (r"C:\data\in.csv", r"D:\data\in.csv"),
    (r"C:\data\in.csv", r"C:\data\in.csv.geojson"),
    (r"C:\data\in.csv", r"C:\data\in2.csv"),
    (r"\\server\share\in.csv", r"\\other\share\in.csv"),
])
def test_windows_paths_that_name_other_files(first, second):
    assert not same_file(first, second, ntpath)


def test_linux_names_are_case_sensitive():
    """On Linux 'In.csv' and 'in.csv' are two files (a case-insensitive mount is caught
    by os.path.samefile, see test_the_same_file_under_another_name)."""
    assert not same_file("/data/In.csv", "/data/in.csv", posixpath)
    assert same_file("/data/sub/../in.csv", "/data/in.csv", posixpath)


def test_windows_layers_and_tables():
    gpkg = Place("file", path=r"C:\Data\Buurten.GPKG", layer="Gemeenten")
    assert replaces(Place("file", path=r"c:\data\buurten.gpkg", layer="gemeenten"), gpkg,
                    ntpath)
    assert replaces(Place("file", path=r"c:\data\buurten.gpkg"), gpkg, ntpath)
    assert not replaces(Place("file", path=r"c:\data\buurten.gpkg", layer="gemeenten_mdi"),
                        gpkg, ntpath)
    csv = Place("file", path=r"C:\Data\in.csv")
    assert replaces(Place("file", path=r"c:\data\IN.csv", layer="x"), csv, ntpath)
    assert not replaces(places.MEMORY, csv, ntpath)
    assert not replaces(places.UNKNOWN, places.UNKNOWN, ntpath)


def test_database_tables(mdi_provider):
    from qgis.core import QgsDataSourceUri

    def table(text):
        return Place("table", key=places.table_key("postgres", QgsDataSourceUri(text)))
    local = table("dbname='gis' host=localhost port=5432 table=\"public\".\"buurten\"")
    assert replaces(table("dbname='gis' host=127.0.0.1 table=\"buurten\""), local)
    assert not replaces(table("dbname='gis' host=db.example.nl table=\"buurten\""), local)
    assert not replaces(table("dbname='gis' table=\"mdi\".\"buurten\""), local)
