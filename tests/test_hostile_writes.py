"""Hostile writes: a run that is killed, that collides with another run or that cannot
write its output leaves every file as it was (or no file where there was none), and never
reports success after a write error (mdi_plugin/processing/transaction.py).

Kills and collisions are deterministic: ``MDI_PAUSE_AT`` stops ``qgis_process`` at a named
point of the run, where it prints ``MDI-PAUSE <point>`` and waits for a line on its stdin;
the test kills it there (SIGTERM, what ``kill`` sends on the command line) or lets it go
on. Nothing sleeps. A file that Windows will not replace because QGIS has it open is
simulated (``os.replace`` raising PermissionError), as this suite runs on Linux.
"""

import ctypes
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
from contextlib import closing

import pytest
from osgeo import _gdal, gdal
from qgis import processing
from qgis.core import (QgsFeatureSink, QgsProcessingAlgorithm, QgsProcessingException,
                       QgsVectorLayer)

from conftest import BUG_REPORT, QGIS_PROCESS_SH, TRACEBACK
from mdi_plugin.processing import transaction
from mdi_plugin.processing.base import MdiAlgorithm
from mdi_safety_helpers import file_digest
from mdi_test_helpers import LogFeedback

gdal.UseExceptions()
LOCKED = "is locked by another program or run"
#: What SQLite printed when two runs wrote one GeoPackage before (issue #14).
WRITE_ERRORS = ("disk I/O error", "readonly database", "database is locked")


class Paused:
    """``qgis_process run <args>`` with MDI_PAUSE_AT=``point``, stopped at that point
    (``point`` None: not stopped). Output (stdout and stderr) is collected in ``output``."""

    def __init__(self, qgis_process, point, *args, env=None):
        run_env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(qgis_process.profile),
                       QT_QPA_PLATFORM="offscreen", **(env or {}))
        run_env.pop("QGIS_OPTIONS_PATH", None)
        run_env.pop(transaction.PAUSE_VARIABLE, None)
        if point:
            run_env[transaction.PAUSE_VARIABLE] = point
        self.process = subprocess.Popen(
            ["bash", str(QGIS_PROCESS_SH), "run", *map(str, args)], env=run_env,
            cwd=str(qgis_process.workdir), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        self.output = ""
        if point:
            for line in self.process.stdout:    # blocks until the run reaches the point
                self.output += line
                if "MDI-PAUSE " + point in line:
                    return
            self.process.wait()
            pytest.fail("the run ended before '{}':\n{}".format(point, self.output[-3000:]),
                        pytrace=False)

    def release(self):
        """Let the stopped run go on (without waiting for it)."""
        self.process.stdin.write("\n")
        self.process.stdin.flush()

    def finish(self):
        """Wait for the run to end; its exit code."""
        rest, _ = self.process.communicate(timeout=600)
        self.output += rest
        assert TRACEBACK not in self.output and BUG_REPORT not in self.output, self.output
        return self.process.returncode

    def kill(self):
        """SIGTERM, as `kill <pid>` on the command line; the exit code."""
        self.process.send_signal(signal.SIGTERM)
        return self.finish()


def compute(output, layer="gemeenten", source=None):
    """qgis_process arguments of mdi:computemdi on a layer of the sample."""
    return ("mdi:computemdi", "--", "INPUT={}|layername={}".format(source, layer),
            "YEAR_FIELD=jaar", "OUTPUT={}".format(output))


def gpkg_layer(path, table):
    return "ogr:dbname='{}' table=\"{}\" (geom)".format(path, table)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".mdi-partial-"))


def dump(path):
    """Every table and row of a SQLite file, as SQL text; also checks its integrity."""
    with closing(sqlite3.connect(str(path))) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return "\n".join(db.iterdump())


def tables(path):
    with closing(sqlite3.connect(str(path))) as db:
        return sorted(r[0] for r in db.execute("SELECT table_name FROM gpkg_contents"))


def feature_count(path):
    layer = QgsVectorLayer(str(path), "check", "ogr")
    assert layer.isValid(), path
    return layer.featureCount()


@pytest.fixture
def previous(tmp_path, gemeenten_mdi):
    """out.gpkg: the output of an earlier run (gemeenten with MDI), in its own folder."""
    folder = tmp_path / "uitvoer"
    folder.mkdir()
    shutil.copy(gemeenten_mdi, folder / "out.gpkg")
    return folder / "out.gpkg"


@pytest.fixture
def geopackage(tmp_path, sample_gpkg):
    """data.gpkg: the sample GeoPackage plus a layer 'mdi' with its MDI style, written by
    an earlier run; other layers (gemeenten, buurten, corop_regios) are the user's."""
    folder = tmp_path / "gegevens"
    folder.mkdir()
    target = folder / "data.gpkg"
    shutil.copy(sample_gpkg, target)
    processing.run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                                      "YEAR_FIELD": "jaar",
                                      "OUTPUT": gpkg_layer(target, "mdi")})
    return target


# ------------------------------------------------------------------ killed runs

@pytest.mark.parametrize("point", ["writing", "commit"])
def test_a_killed_run_leaves_the_previous_output_as_it_was(
        qgis_process, sample_gpkg, previous, point):
    """SIGTERM while the features are written (the staged file has a hot journal) or when
    everything is written but not yet in place: the previous out.gpkg is byte for byte
    the same and readable; the unfinished file is in a hidden folder that the next run
    into that folder removes."""
    before, count = file_digest(previous), feature_count(previous)
    run = Paused(qgis_process, point, *compute(previous, "buurten", sample_gpkg))
    assert run.kill() == -signal.SIGTERM
    assert file_digest(previous) == before
    assert feature_count(previous) == count
    left = leftovers(previous.parent)
    assert len(left) == 1
    assert (previous.parent / left[0] / transaction.MARKER).is_file()
    feedback = LogFeedback()
    processing.run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                                      "YEAR_FIELD": "jaar",
                                      "OUTPUT": str(previous.parent / "nieuw.gpkg")},
                   feedback=feedback)
    assert leftovers(previous.parent) == []
    assert any("Removed" in line and left[0] in line for line in feedback.infos)


def test_a_killed_run_into_a_new_file_leaves_no_file(qgis_process, sample_gpkg, tmp_path):
    target = tmp_path / "nieuw.gpkg"
    run = Paused(qgis_process, "writing", *compute(target, "buurten", sample_gpkg))
    assert run.kill() == -signal.SIGTERM
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".mdi-partial-")] \
        == []


@pytest.mark.parametrize("table", ["mdi", "nieuw"])
def test_a_run_killed_inside_the_geopackage_transaction_changes_nothing(
        qgis_process, sample_gpkg, geopackage, table):
    """A layer written into an existing GeoPackage (replacing layer 'mdi', or a new one)
    and killed inside its SQLite transaction: the next reader rolls the journal back, and
    every table, row and style is as before, the file byte for byte the same."""
    before_bytes, before_rows = file_digest(geopackage), dump(geopackage)
    run = Paused(qgis_process, "gpkg-transaction",
                 *compute(gpkg_layer(geopackage, table), "buurten", sample_gpkg))
    assert run.kill() == -signal.SIGTERM
    assert dump(geopackage) == before_rows      # the first reader rolls the journal back
    assert file_digest(geopackage) == before_bytes
    assert feature_count("{}|layername=mdi".format(geopackage)) == 144


# ------------------------------------------------------------------ two runs at once

def test_a_geopackage_locked_by_another_run_is_a_clear_error(
        qgis_process, sample_gpkg, geopackage):
    """Run A holds the GeoPackage's write lock (stopped inside its transaction); run B,
    writing another layer into it, waits MDI_LOCK_TIMEOUT seconds, then fails with a
    message naming the file; A then finishes. No success with a write error, no hang."""
    first = Paused(qgis_process, "gpkg-transaction",
                   *compute(gpkg_layer(geopackage, "a"), "gemeenten", sample_gpkg))
    second = Paused(qgis_process, None,
                    *compute(gpkg_layer(geopackage, "b"), "gemeenten", sample_gpkg),
                    env={transaction.LOCK_TIMEOUT_VARIABLE: "1"})
    assert second.finish() != 0
    assert LOCKED in second.output and str(geopackage) in second.output
    assert "was not changed" in second.output
    first.release()
    assert first.finish() == 0, first.output
    assert tables(geopackage) == ["a", "buurten", "corop_regios", "gemeenten",
                                  "layer_styles", "mdi"]
    assert feature_count("{}|layername=a".format(geopackage)) == 144
    assert leftovers(geopackage.parent) == []
    for run in (first, second):
        assert not any(error in run.output for error in WRITE_ERRORS[:2]), run.output


def test_two_runs_into_one_geopackage_take_turns(qgis_process, sample_gpkg, geopackage):
    """A holds the write lock; B, complete and about to commit, is let go (it waits for
    the lock), then A: both finish, both layers are there, the file is sound."""
    first = Paused(qgis_process, "gpkg-transaction",
                   *compute(gpkg_layer(geopackage, "a"), "gemeenten", sample_gpkg))
    second = Paused(qgis_process, "commit",
                    *compute(gpkg_layer(geopackage, "b"), "buurten", sample_gpkg))
    second.release()
    first.release()
    assert first.finish() == 0, first.output
    assert second.finish() == 0, second.output
    assert tables(geopackage) == ["a", "b", "buurten", "corop_regios", "gemeenten",
                                  "layer_styles", "mdi"]
    assert feature_count("{}|layername=a".format(geopackage)) == 144
    assert feature_count("{}|layername=b".format(geopackage)) == 1764
    dump(geopackage)
    with closing(sqlite3.connect(str(geopackage))) as db:
        styles = db.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault "
                            "ORDER BY 1").fetchall()
    assert styles == [("a",), ("b",), ("mdi",)]
    for run in (first, second):
        assert not any(error in run.output for error in WRITE_ERRORS), run.output


def test_two_runs_replacing_one_file_both_finish_with_a_whole_file(
        qgis_process, sample_gpkg, previous):
    """The issue's collision: two runs write out.gpkg at the same time. Each writes its own
    staged file, so neither sees the other's: both finish without a write error and
    out.gpkg is the complete output of the run that finished last."""
    first = Paused(qgis_process, "commit", *compute(previous, "gemeenten", sample_gpkg))
    second = Paused(qgis_process, None, *compute(previous, "buurten", sample_gpkg))
    assert second.finish() == 0, second.output
    assert feature_count(previous) == 1764
    first.release()
    assert first.finish() == 0, first.output
    dump(previous)
    assert feature_count(previous) == 144
    for run in (first, second):
        assert not any(error in run.output for error in WRITE_ERRORS), run.output
    assert leftovers(previous.parent) == []


# ------------------------------------------------------------------ Windows: a file in use

def _in_use(monkeypatch, locked):
    """os.replace raises PermissionError for ``locked``, as Windows does for a file that
    QGIS has open (WinError 32)."""
    real = os.replace

    def replace(source, target):
        if os.path.abspath(target) == os.path.abspath(str(locked)):
            raise PermissionError(13, "The process cannot access the file because it is "
                                      "being used by another process", str(target))
        return real(source, target)
    monkeypatch.setattr(transaction.os, "replace", replace)


def test_a_file_open_in_qgis_on_windows_is_a_clear_error(
        mdi_provider, sample_gpkg, previous, monkeypatch):
    before = file_digest(previous)
    _in_use(monkeypatch, previous)
    feedback = LogFeedback()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("mdi:computemdi", {
            "INPUT": "{}|layername=buurten".format(sample_gpkg), "YEAR_FIELD": "jaar",
            "OUTPUT": str(previous)}, feedback=feedback)
    message = str(raised.value)
    assert "Could not replace {}".format(previous) in message
    assert "close the layer" in message and "was not changed" in message
    assert file_digest(previous) == before
    assert leftovers(previous.parent) == []
    assert any("incomplete output for" in line for line in feedback.infos)


def test_a_second_output_that_cannot_be_replaced_puts_the_first_back(
        mdi_provider, gemeenten_mdi, tmp_path, monkeypatch):
    """gemeentetypologie writes OUTPUT, then OUTPUT_TABLE. When OUTPUT_TABLE cannot be
    replaced, the already replaced OUTPUT gets its previous file back: the run changes
    nothing."""
    types, table = tmp_path / "typen.gpkg", tmp_path / "kruistabel.gpkg"
    params = {"INPUT": gemeenten_mdi, "YEAR_FIELD": "jaar", "YEAR": 2023,
              "NATURE_FIELD": "groen", "OUTPUT": str(types), "OUTPUT_TABLE": str(table)}
    processing.run("mdi:gemeentetypologie", dict(params, YEAR=2019))
    before = {p: file_digest(p) for p in (types, table)}
    _in_use(monkeypatch, table)
    with pytest.raises(QgsProcessingException, match="close the layer"):
        processing.run("mdi:gemeentetypologie", params)
    assert {p: file_digest(p) for p in (types, table)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kruistabel.gpkg", "typen.gpkg"]


# ------------------------------------------------------------------ write errors

class _FailingSink(QgsFeatureSink):
    """A sink that passes features on to QGIS's sink but refuses them after the first,
    as a full disk would (``refuse``), or whose closing fails in GDAL, as SQLite's "disk
    I/O error" when a GeoPackage is committed (``close``)."""

    def __init__(self, sink, mode):
        super().__init__()
        self.sink, self.mode, self.count, self.error = sink, mode, 0, ""

    def addFeature(self, feature, flags=QgsFeatureSink.Flags()):  # noqa: N802 - QGIS API
        return self.addFeatures([feature], flags)

    def addFeatures(self, features, flags=QgsFeatureSink.Flags()):  # noqa: N802
        self.count += len(features)
        if self.mode == "refuse" and self.count > 1:
            self.error = "No space left on device"
            return False
        return self.sink.addFeatures(features, flags)

    def flushBuffer(self):  # noqa: N802 - QGIS API
        if self.mode == "close":
            # Reported in C, as GDAL reports it from QGIS's C++ code (the Python bindings'
            # gdal.Error() would become an exception first in newer GDAL).
            library = ctypes.CDLL(_gdal.__file__)     # dlsym finds libgdal's CPLError
            library.CPLError(gdal.CE_Failure, 1, b"%s",
                             b"sqlite3_exec(COMMIT) failed: disk I/O error")
        return self.sink.flushBuffer()

    def lastError(self):  # noqa: N802 - QGIS API
        return self.error


@pytest.mark.parametrize("mode, error", [("refuse", "No space left on device"),
                                         ("close", "disk I/O error")])
def test_a_write_error_fails_the_run(mdi_provider, gemeenten_mdi, previous, monkeypatch,
                                     mode, error):
    """mdi:correlate ignores what addFeature answers; the run must still fail when its
    sink refused a feature or failed while closing, and keep the previous output."""
    real = QgsProcessingAlgorithm.parameterAsSink

    def failing(self, *args):
        sink, dest_id = real(self, *args)
        return _FailingSink(sink, mode), dest_id
    monkeypatch.setattr(MdiAlgorithm, "parameterAsSink", failing, raising=False)
    before = file_digest(previous)
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("mdi:correlate", {"INPUT": gemeenten_mdi, "COMPARE_FIELDS": [
            "inwoners", "groen"], "OUTPUT": str(previous)})
    assert "OUTPUT: the features could not be written to {}".format(previous) \
        in str(raised.value)
    assert error in str(raised.value)
    assert file_digest(previous) == before
    assert leftovers(previous.parent) == []


# ------------------------------------------------------------------ leftovers

def test_only_leftovers_of_runs_that_stopped_are_removed(mdi_provider, tmp_path):
    host = socket.gethostname()
    # No process has id 2**22 + 1: Linux ids stay below 2**22, Windows ids are multiples
    # of 4 and macOS ids below 100000.
    owners = {"gestopt": (2 ** 22 + 1, host), "bezig": (os.getpid(), host),
              "elders": (2 ** 22 + 1, host + "-elders")}
    for name, (pid, owner_host) in owners.items():
        folder = tmp_path / (transaction.STAGE_PREFIX + name)
        folder.mkdir()
        (folder / transaction.MARKER).write_text("pid={}\nhost={}\n".format(pid, owner_host))
    (tmp_path / (transaction.STAGE_PREFIX + "zonder")).mkdir()    # no marker: unknown
    removed = transaction.remove_leftovers(str(tmp_path))
    assert [os.path.basename(r) for r in removed] == [transaction.STAGE_PREFIX + "gestopt"]
    assert leftovers(tmp_path) == [transaction.STAGE_PREFIX + n
                                   for n in ("bezig", "elders", "zonder")]


# ------------------------------------------------------------------ the dialog's way

def test_a_run_in_a_worker_thread_loads_and_styles_the_final_file(
        mdi_provider, gemeenten_mdi, tmp_path):
    """As the Processing dialog runs it: in a background task, the output loaded into the
    project. The style (topn's, with labels) is stored in that thread, before the file is
    put in place; the layer to load and the result are the final file, with the style
    post-processor."""
    from qgis.core import (QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext,
                           QgsProcessingOutputLayerDefinition, QgsProject)
    from qgis.PyQt.QtCore import QEventLoop, QThread, QTimer

    from mdi_plugin.styling import outputs
    threads = []
    real = outputs.save_default_style

    def spy(*args, **kwargs):
        threads.append(QThread.currentThread())
        return real(*args, **kwargs)
    target = tmp_path / "mdi.gpkg"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    algorithm = QgsApplication.processingRegistry().algorithmById("mdi:topn")
    feedback = LogFeedback()
    task = QgsProcessingAlgRunnerTask(algorithm, {
        "INPUT": gemeenten_mdi, "FIELD": "mdi", "YEAR_FIELD": "jaar",
        "OUTPUT": QgsProcessingOutputLayerDefinition(
            str(target), QgsProject.instance())}, context, feedback)
    finished, loop = [], QEventLoop()
    task.executed.connect(lambda ok, results: (finished.append((ok, results)), loop.quit()))
    QTimer.singleShot(300000, loop.quit)      # a safety net against a hang, not a wait
    outputs.save_default_style = spy
    try:
        QgsApplication.taskManager().addTask(task)
        loop.exec()
    finally:
        outputs.save_default_style = real
    assert finished and finished[0][0], feedback.errors
    assert finished[0][1]["OUTPUT"] == str(target)
    assert threads and threads[0] is not QThread.currentThread()     # a worker thread
    assert list(context.layersToLoadOnCompletion()) == [str(target)]
    assert context.layerToLoadOnCompletionDetails(str(target)).postProcessor() is not None
    outputs.release_post_processors()          # the layer is not loaded here
    with closing(sqlite3.connect(str(target))) as db:
        assert db.execute("SELECT styleName, useAsDefault FROM layer_styles").fetchall() \
            == [("MDI", 1)]
    assert leftovers(tmp_path) == []
