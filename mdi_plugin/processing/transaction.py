"""Outputs written whole: a run that fails or is killed leaves the old state or nothing.

The features and the default style of an output are written, closed and committed
together. ``Staging`` (one per run, owned by ``run.AlgorithmRun``) does it; the base class
commits it at the end of ``processAlgorithm``: only an error raised there makes the run
fail (QGIS merely logs an error raised in ``postProcessAlgorithm``, and ``qgis_process``
would still exit 0).

* A file (``out.gpkg``, ``out.shp``, ``out.csv`` ...) is written under its own name into a
  hidden folder next to it, ``.mdi-partial-<process id>-<token>`` (its own name, so layer
  names inside the file come out right), closed, given its default style, and then moved
  into place with ``os.replace``: atomic on one volume. A Shapefile's parts are moved one
  by one, the .shp last. A file the run replaces is kept as a hard link until all outputs
  of the run are in place, so a later output that cannot be written puts it back.
* A layer in an existing GeoPackage (``ogr:dbname='x.gpkg' table="mdi" (geom)``) is written
  into a staged GeoPackage the same way and then copied into x.gpkg in ONE SQLite
  transaction: table, spatial index, metadata and default style appear together or not at
  all. A layer of the same name is replaced (as QGIS does; ``safe_output`` says so in the
  log); the other layers and styles stay untouched; the user's file is never replaced
  as a whole. A GeoPackage that another program or run keeps locked is waited for
  (``MDI_LOCK_TIMEOUT`` seconds, default 60), then the run fails and leaves it unchanged.
  Two runs that write into one GeoPackage at the same time therefore take turns.
* Memory layers and database tables (PostGIS) are written directly, as QGIS writes them:
  QgsVectorLayerExporter commits PostGIS rows in batches and offers no transaction, so a
  failed run drops the table (``safe_output``) and a killed run can leave a partly filled
  table, which the next run replaces.

Before anything is moved, every sink is flushed and closed, and a refused feature or an
error of GDAL / SQLite while closing (disk full, "attempt to write a readonly database")
fails the run. A failure to store only the style is a warning (``styling.outputs``).

A killed run leaves its hidden folder; the next run that writes into the same folder
removes those of runs that no longer run on this computer (README: "Stopping a run").

Linux and Windows differ: on Windows a file that another program has open (a layer still
loaded in QGIS) can be neither replaced nor removed (``PermissionError``), so the run
fails with a message that says to close the layer; on Linux the open file is replaced
under the reader, who keeps the old one. Names starting with a dot are hidden on Linux
and macOS; Windows needs the hidden attribute.

Test hook: ``MDI_PAUSE_AT=<point>[,<point>...]`` stops the run at the named points; there it
writes ``MDI-PAUSE <point> <process id>`` to stderr and waits for a line on stdin (a test
kills the process there or lets it go on, without sleeping). Points: ``writing`` (features
are being written: the first batch is in the staged file), ``commit`` (every output is
complete and styled, nothing is in place yet), ``gpkg-transaction`` (inside the SQLite
transaction of a GeoPackage, before COMMIT).
"""

import contextlib
import os
import shutil
import socket
import sqlite3
import uuid

from qgis.core import QgsDataSourceUri, QgsMessageLog, QgsProcessingException, \
    QgsProcessingOutputLayerDefinition, QgsProperty, QgsVectorLayer

from ..i18n import tr

STAGE_PREFIX = ".mdi-partial-"
MARKER = "MDI-PARTIAL-OUTPUT.txt"
PAUSE_VARIABLE = "MDI_PAUSE_AT"
LOCK_TIMEOUT_VARIABLE = "MDI_LOCK_TIMEOUT"
LOCK_TIMEOUT = 60.0
STYLE_TABLE = "layer_styles"
_SQLITE_SUFFIXES = (".gpkg", ".sqlite", ".sqlite3", ".db")
_SQLITE_SIDE = ("-journal", "-wal", "-shm")
#: Parts of a Shapefile that belong to the .shp (replaced or removed with it).
_SHAPE_PARTS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qpj")
#: GeoPackage tables with one row per layer (column table_name).
_GPKG_META = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions",
              "gpkg_data_columns", "gpkg_ogr_contents")
_RESERVED = ("gpkg_", "rtree_", "sqlite_")


def pause_point(point):
    """Test hook (see the module docstring): wait here when ``MDI_PAUSE_AT`` names
    ``point``; returns at once otherwise."""
    points = os.environ.get(PAUSE_VARIABLE)
    if not points or point not in points.split(","):
        return
    os.write(2, "\nMDI-PAUSE {} {}\n".format(point, os.getpid()).encode("ascii"))
    while os.read(0, 1) not in (b"", b"\n"):
        pass


def lock_timeout():
    """Seconds to wait for a locked GeoPackage (``MDI_LOCK_TIMEOUT``, default 60)."""
    try:
        return max(0.0, float(os.environ.get(LOCK_TIMEOUT_VARIABLE, LOCK_TIMEOUT)))
    except ValueError:
        return LOCK_TIMEOUT


# --------------------------------------------------------------------- staging folders

def _make_stage_folder(parent):
    folder = os.path.join(parent, "{}{}-{}".format(STAGE_PREFIX, os.getpid(),
                                                   uuid.uuid4().hex[:12]))
    os.mkdir(folder)
    with open(os.path.join(folder, MARKER), "w", encoding="utf-8") as marker:
        marker.write("Unfinished output of an MDI voor QGIS run. The next MDI run that writes "
                     "into this folder removes it;\nyou may delete it yourself when no MDI run "
                     "is busy.\npid={}\nhost={}\n".format(os.getpid(), socket.gethostname()))
    if os.name == "nt":     # Linux and macOS hide names that start with a dot
        import ctypes
        ctypes.windll.kernel32.SetFileAttributesW(str(folder), 0x2)  # FILE_ATTRIBUTE_HIDDEN
    return folder


def _owner(folder):
    """(process id, host name) of the run that made a staging folder, or None."""
    try:
        with open(os.path.join(folder, MARKER), encoding="utf-8") as marker:
            values = dict(line.rstrip("\n").split("=", 1) for line in marker if "=" in line)
        return int(values["pid"]), values["host"]
    except (OSError, KeyError, ValueError):
        return None


def _running(pid):
    """True when process ``pid`` runs on this computer (when in doubt: True)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        # Windows: os.kill(pid, 0) would terminate the process; ask the kernel instead.
        import ctypes
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() != 87           # ERROR_INVALID_PARAMETER: no such
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259                           # STILL_ACTIVE
    try:                    # POSIX: signal 0 only checks that the process exists
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_leftovers(parent):
    """Remove the staging folders in ``parent`` that runs killed on this computer left
    behind (their process no longer runs); returns the folders removed."""
    removed = []
    try:
        names = os.listdir(parent)
    except OSError:
        return removed
    host = socket.gethostname()
    for name in names:
        folder = os.path.join(parent, name)
        if not name.startswith(STAGE_PREFIX) or not os.path.isdir(folder):
            continue
        owner = _owner(folder)
        if owner is None or owner[1] != host or _running(owner[0]):
            continue
        shutil.rmtree(folder, ignore_errors=True)   # Windows: a file still open stays
        if not os.path.exists(folder):
            removed.append(folder)
    return removed


# --------------------------------------------------------------------- one staged file

class _Stage:
    """A file written in a hidden folder next to its destination, then moved into place
    (or, for layers of an existing GeoPackage, copied into it in one transaction)."""

    def __init__(self, final_path, final_text, layered):
        self.final_path = final_path    # absolute path of the destination file
        self.final_text = final_text    # that path as the user wrote it (output ids)
        self.layered = layered          # layers of a GeoPackage (ogr:dbname=... table=...)
        self.folder = _make_stage_folder(os.path.dirname(final_path))
        self.path = os.path.join(self.folder, os.path.basename(final_path))
        self.layers = []                # layer names written into a layered stage
        self.existed = os.path.exists(final_path)
        #: [(destination file, hard-link backup or None, existed; None: an old part removed)]
        self.placed = []
        self.copied = False             # layers copied into an existing GeoPackage
        #: files the algorithm writes itself (Staging.file):
        #: {staged path: (output, final path, one of a folder output's files)}
        self.files = None

    def final_id(self, staged_id):
        """The output id QGIS would have returned for the destination itself."""
        path, bar, rest = str(staged_id).partition("|")
        name = os.path.basename(path)
        if name != os.path.basename(self.path):     # QGIS added an extension (.gpkg)
            self.path = os.path.join(self.folder, name)
            self.final_path = os.path.join(os.path.dirname(self.final_path), name)
            self.final_text = os.path.join(os.path.dirname(self.final_text), name)
        return self.final_text + bar + rest

    def seal(self):
        """Make a staged SQLite file self-contained (rollback journal, no -wal beside it);
        that also proves that nothing still has it open for writing."""
        if not self.path.lower().endswith(_SQLITE_SUFFIXES) or not os.path.exists(self.path):
            return
        journal = self.path + "-journal"
        if os.path.exists(journal) and os.path.getsize(journal) > 0:   # a failed COMMIT
            raise sqlite3.OperationalError("its last transaction was not committed")
        connection = sqlite3.connect(self.path, timeout=lock_timeout())
        try:
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            layers = {row[0].lower() for row in connection.execute(
                "SELECT table_name FROM gpkg_contents")} \
                if self.path.lower().endswith(".gpkg") else {""}
        finally:
            connection.close()
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("the staged file stays in {} mode".format(mode))
        missing = [name for name in self.layers if name.lower() not in layers]
        if missing or not layers:
            raise sqlite3.OperationalError("layer {} is missing".format(
                ", ".join(missing) or os.path.basename(self.final_path)))

    def commit(self):
        """Put the staged file in place (OSError, sqlite3.Error when it cannot be)."""
        if self.layered and os.path.exists(self.final_path):
            self._copy()
        elif not self.layered or not self._place_new():
            self._replace()

    def _copy(self):
        copy_layers(self.path, self.final_path, self.layers)
        self.copied = True

    def _place_new(self):
        """Move a new GeoPackage into place unless the destination appeared meanwhile
        (another run made it): then its layers are copied into it. True when done."""
        try:
            if os.name == "nt":     # Windows: rename fails when the destination exists
                os.rename(self.path, self.final_path)
            else:                   # POSIX: rename replaces, link fails when it exists
                os.link(self.path, self.final_path)
        except FileExistsError:
            self._copy()
            return True
        except OSError:             # no hard links here (FAT, some network shares)
            return False
        self.placed.append((self.final_path, None, False))
        return True

    def _parts(self):
        """Names of the staged files, the main file last."""
        main = os.path.basename(self.path)
        return sorted(n for n in os.listdir(self.folder)
                      if n not in (main, MARKER, "backup")) + \
            ([main] if os.path.exists(self.path) else [])   # files: maybe never written

    def _stale(self, names):
        """Files of the old destination that the new one does not have but that would be
        read with it: SQLite journals (a hot journal would be applied to the new file)
        and a Shapefile's parts (an old .qix index would be wrong)."""
        stem = os.path.splitext(self.final_path)[0]
        candidates = [self.final_path + side for side in _SQLITE_SIDE]
        if self.final_path.lower().endswith(".shp"):
            candidates += [stem + suffix for suffix in _SHAPE_PARTS]
        return [p for p in candidates
                if os.path.basename(p) not in names and os.path.exists(p)]

    def _backup(self, path):
        """A hard link to ``path`` in the staging folder (None where links are impossible);
        it brings the file back when a later output of the run cannot be written."""
        folder = os.path.join(self.folder, "backup")
        os.makedirs(folder, exist_ok=True)
        backup = os.path.join(folder, os.path.basename(path))
        try:
            os.link(path, backup)
        except OSError:
            return None
        return backup

    def _replace(self):
        names = self._parts()
        for stale in self._stale(names):
            self.placed.append((stale, self._backup(stale), None))
            os.remove(stale)
        target = os.path.dirname(self.final_path)
        for name in names:
            final = os.path.join(target, name)
            existed = os.path.exists(final)
            backup = self._backup(final) if existed else None
            os.replace(os.path.join(self.folder, name), final)  # Windows: PermissionError
            self.placed.append((final, backup, existed))       # when the file is open

    def undo(self):
        """Put back what ``commit`` replaced; returns the destinations that could not be
        put back (changed and kept)."""
        kept = [self.final_path] if self.copied else []
        for final, backup, existed in reversed(self.placed):
            try:
                if backup is not None:
                    os.replace(backup, final)
                elif existed is False:
                    os.remove(final)
                elif existed:
                    kept.append(final)
            except OSError:
                kept.append(final)
        self.placed = []
        self.copied = False
        return kept

    def remove(self):
        """Remove the staging folder (and the backups in it)."""
        shutil.rmtree(self.folder)


def _layered(destination):
    """None when ``destination`` is written directly, else whether it is a layer of a
    GeoPackage (True) or a whole file (False)."""
    if destination.kind not in ("file", "ogr_layer") or not destination.path:
        return None
    if os.path.isdir(destination.path) or not os.path.isdir(os.path.dirname(destination.path)):
        return None     # QGIS reports these itself
    if destination.kind == "file":
        return None if "|" in destination.text else False
    prefix, _colon, rest = destination.text.partition(":")
    if prefix.lower() != "ogr" or not QgsDataSourceUri(rest).database() or \
            not destination.path.lower().endswith(".gpkg"):
        return None
    return True


def _new_files(destination):
    """The files that creating a sink for ``destination`` (written directly) may make and
    that do not exist yet: the path and the one QGIS completes it to (places.written_path)."""
    if destination.kind not in ("file", "ogr_layer") or not destination.path:
        return []
    from .places import written_path
    paths = {destination.path, written_path(destination.path)}
    return [p for p in paths if not os.path.exists(p)]


def _with_sink(value, text):
    """A sink parameter value like ``value`` that writes to ``text``."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        staged = QgsProcessingOutputLayerDefinition(value)
        staged.sink = QgsProperty.fromValue(text)
        return staged
    return text


def _delete(sink):
    """Destroy a feature sink now: its file is complete and closed."""
    try:
        from qgis.PyQt import sip
    except ImportError:  # pragma: no cover - older PyQt layouts
        import sip
    if not sip.isdeleted(sink):
        sip.delete(sink)


#: GDAL errors (lower case) that mean the data did not reach the file; GDAL reports others
#: while QGIS closes a layer (e.g. "No geometry column" for a table) that are harmless.
_WRITE_FAILURES = ("i/o error", "readonly database", "database is locked", "disk is full",
                   "no space left", "commit", "write error", "failed to write",
                   "could not write", "cannot write")


class _GdalErrors:
    """Collects the write errors GDAL reports in this thread while a sink is closed
    (SQLite's "disk I/O error", "attempt to write a readonly database" ...); its other
    messages go to the QGIS log, as QGIS's own handler would send them."""

    def __init__(self):
        self.messages = []

    def __enter__(self):
        from osgeo import gdal

        def handler(error_class, _number, message):
            text = str(message).strip()
            if error_class >= gdal.CE_Failure and \
                    any(failure in text.lower() for failure in _WRITE_FAILURES):
                self.messages.append(text)
            elif error_class >= gdal.CE_Warning:
                QgsMessageLog.logMessage(text, "GDAL")
        self._handler = handler
        gdal.PushErrorHandler(handler)
        return self.messages

    def __exit__(self, *_exc):
        from osgeo import gdal
        gdal.PopErrorHandler()
        return False


class _Sink:
    """A sink of the run and where it writes."""

    def __init__(self, name, sink, destination, final_id, stage=None, staged_id=None):
        self.name = name
        self.sink = sink
        self.destination = destination
        self.final_id = final_id
        self.stage = stage
        self.staged_id = staged_id
        self.baseline = sink.lastError()    # an old provider message is no write error
        self.closed = sink                  # the sink object, also once it is destroyed


# --------------------------------------------------------------------- the run's outputs

class Staging:
    """Every output sink of one run (see the module docstring)."""

    def __init__(self, context, feedback):
        self.context = context
        self.feedback = feedback
        self.stages = []        # [_Stage], in the order they were made
        self.sinks = []         # [_Sink], staged or not
        self._swept = set()     # folders already cleaned of leftovers
        self.renamed = {}       # {staged path of a file the algorithm writes: its final path}

    def sink(self, algorithm, parameters, name, value, destination, layout):
        """(sink, output id, staged) of sink parameter ``name``: QGIS creates the sink, for a
        file into a staging folder. ``layout``: (fields, wkb type, crs). The id is that
        of the destination itself (the layers to load refer to it too)."""
        layered = _layered(destination)
        if layered is None:
            new = _new_files(destination)
            try:
                sink, dest_id = algorithm.parameterAsSink(parameters, name, self.context,
                                                          *layout)
            except QgsProcessingException:
                for path in new:    # ogr:/x/l.json: QGIS made l.json.geojson, then failed
                    if os.path.isfile(path):
                        os.remove(path)
                raise
            if sink is not None:
                self.sinks.append(_Sink(name, sink, destination, dest_id))
            return sink, dest_id, False
        stage = self._stage(destination, layered)
        if layered:
            prefix, rest = destination.text.split(":", 1)
            uri = QgsDataSourceUri(rest)
            uri.setDatabase(stage.path)
            text = "{}:{}".format(prefix, uri.uri(False))
            stage.layers.append(uri.table() or destination.layer)
        else:
            text = stage.path
        try:
            sink, staged_id = algorithm.parameterAsSink(
                dict(parameters, **{name: _with_sink(value, text)}), name, self.context,
                *layout)
        except QgsProcessingException as err:   # name the destination, not the stage
            raise QgsProcessingException(str(err).replace(
                stage.path, stage.final_text)) from None
        if sink is None:
            return sink, None, True
        final_id = stage.final_id(staged_id)
        details = self.context.layersToLoadOnCompletion()
        if staged_id in details:
            details[final_id] = details.pop(staged_id)
            self.context.setLayersToLoadOnCompletion(details)
        self.sinks.append(_Sink(name, sink, destination, final_id, stage, staged_id))
        return sink, final_id, True

    def file(self, output, path, grouped=False):
        """The path the algorithm writes instead of ``path``, a file it writes itself (PNG,
        PDF, chart of output ``output``): in the staging folder of ``path``'s folder (one
        per folder), moved into place by ``commit``, removed by ``discard``. ``grouped``:
        one of many files of folder output ``output``, with one record for all of them."""
        folder = os.path.dirname(path)
        stage = next((s for s in self.stages if s.files is not None and
                      os.path.dirname(s.final_path) == folder), None)
        if stage is None:
            stage = self._new_stage(path, path, False)
            stage.files = {}
        staged = os.path.join(stage.folder, os.path.basename(path))
        stage.files[staged] = (output, path, grouped)
        self.renamed[staged] = path
        return staged

    def final(self, value):
        """``value`` (an output value, a message) with staged paths replaced by final ones."""
        if isinstance(value, str):
            for staged, path in self.renamed.items():
                value = value.replace(staged, path)
        return value

    def _stage(self, destination, layered):
        for stage in self.stages:   # layers for one new GeoPackage go into one file
            if layered and stage.layered and stage.final_path == destination.path:
                return stage
        final_text = destination.text.strip()
        if layered:
            final_text = QgsDataSourceUri(final_text.split(":", 1)[1]).database()
        elif os.path.basename(final_text) != os.path.basename(destination.path):
            # QGIS adds the extension of the format (output_checks.real_destination)
            final_text = os.path.join(os.path.dirname(final_text),
                                      os.path.basename(destination.path))
        return self._new_stage(destination.path, final_text, layered)

    def _new_stage(self, final_path, final_text, layered):
        folder = os.path.dirname(final_path)
        if folder not in self._swept:
            self._swept.add(folder)
            for removed in remove_leftovers(folder):
                self.feedback.pushInfo(tr("Removed {folder}: the unfinished output of a run "
                                          "that was stopped.").format(folder=removed))
        try:
            stage = _Stage(final_path, final_text, layered)
        except OSError as err:
            raise QgsProcessingException(tr(
                "Cannot write in the folder {folder}: {error}. Choose a folder where you "
                "may write.").format(folder=folder, error=err.strerror or err)) from None
        self.stages.append(stage)
        return stage

    # -- commit ----------------------------------------------------------------------

    def commit(self, styles, record=None):
        """Close every sink (a write error fails the run), store the default styles of
        ``styles`` ({output name: style id}) and the run ``record`` (run_record.RunRecord)
        and put the staged files in place. Raises
        QgsProcessingException and leaves the destinations as they were; the caller then
        discards the run. Returns [(Destination, sink, output id)] of the staged outputs,
        now in place."""
        for entry in self.sinks:
            self._close(entry)
        self._store_styles(styles)
        if record is not None:
            self._store_records(record)
        for stage in self.stages:
            try:
                stage.seal()
            except sqlite3.Error as err:
                raise self._write_error(stage, err) from None
        pause_point("commit")
        for index, stage in enumerate(self.stages):
            try:
                stage.commit()
            except (OSError, sqlite3.Error, ValueError) as err:
                kept = [p for s in reversed(self.stages[:index + 1]) for p in s.undo()]
                raise self._commit_error(stage, err, kept) from None
        for stage in self.stages:   # Windows: a file still open stays; the next run removes it
            shutil.rmtree(stage.folder, ignore_errors=True)
        if record is not None:
            self._store_direct_records(record)
        placed = [(e.destination, e.closed, e.final_id) for e in self.sinks if e.stage]
        self.stages = []
        self.sinks = []
        self.renamed = {}
        return placed

    def _close(self, entry):
        if entry.sink is None:
            return
        with _GdalErrors() as failures:
            flushed = entry.sink.flushBuffer()
            error = entry.sink.lastError()
            _delete(entry.sink)
        entry.sink = None
        problems = [error] if error and error != entry.baseline else []
        problems += failures
        if not flushed and not problems:
            problems.append(tr("the last features could not be written"))
        if problems:
            raise QgsProcessingException(tr(
                "{output}: the features could not be written to {target}: {error}. Check "
                "the free disk space and whether another program is writing to it. No output "
                "was kept.").format(output=entry.name, target=entry.destination.describe(),
                                    error="; ".join(dict.fromkeys(problems))))

    def _store_styles(self, styles):
        from ..styling.outputs import store_default_style
        for entry in self.sinks:
            style_id = styles.get(entry.name)
            if style_id:
                store_default_style(entry.staged_id or entry.final_id, style_id,
                                    self.feedback, label=entry.final_id)

    def _store_records(self, record):
        """Store the record of the run with every staged output (run_record.py): layer
        metadata in a GeoPackage, else a .mdi-run.json next to the file, both inside the
        staging folder. A record that cannot be stored is a warning; the output is kept."""
        from .run_record import (count_features, save_in_geopackage, write_folder_record,
                                 write_sidecar)
        jobs = [(e.name, e.final_id, e.stage.path, e.staged_id) for e in self.sinks
                if e.stage is not None]
        groups = {}     # (staging folder, output): the final paths of its files
        for stage in self.stages:
            for staged, (output, path, grouped) in (stage.files or {}).items():
                if not os.path.exists(staged):
                    continue
                if grouped:
                    groups.setdefault((stage.folder, output), []).append(path)
                else:
                    jobs.append((output, path, staged, None))
        for output, final, staged, uri in jobs:
            with self._record_warning(output, final):
                data = record.of_output(output, final, count_features(uri) if uri else None)
                if uri and staged.lower().endswith(".gpkg"):
                    save_in_geopackage(uri, data)
                else:
                    write_sidecar(staged, data)
        for (folder, output), paths in groups.items():   # report pages, charts: one record
            final = os.path.dirname(paths[0])
            with self._record_warning(output, final):
                write_folder_record(folder, record.of_output(output, final, None),
                                    sorted(os.path.basename(p) for p in paths), final)

    @contextlib.contextmanager
    def _record_warning(self, output, target):
        """A record that cannot be stored is a warning naming it; the output is kept."""
        try:
            yield
        except (OSError, ValueError, KeyError) as err:
            self.feedback.pushWarning(tr(
                "{output}: the record of this run could not be stored with {target}: "
                "{error}. The output is complete.").format(
                    output=output, target=target, error=err))

    def _store_direct_records(self, record):
        """Store the record with every output written directly (run_record.py): as the
        metadata of its layer in the context's temporary store (memory layers), and for
        PostGIS in the database itself where QGIS can (3.28 and later: a layer loaded on
        the table reads it back). A record that cannot be stored is one warning."""
        from .run_record import metadata_of, save_in_postgres
        for entry in self.sinks:
            kind = entry.destination.kind
            if entry.stage is not None or kind not in ("memory", "postgres"):
                continue
            layer = self.context.temporaryLayerStore().mapLayer(entry.final_id)
            target = entry.destination.describe()
            try:
                counted = layer
                if kind == "postgres":  # QGIS 3.40 loads no layer for it: count the table
                    counted = QgsVectorLayer(entry.destination.uri.uri(False), "count",
                                             "postgres")
                count = counted.featureCount() if counted is not None and \
                    counted.isValid() else None
                data = record.of_output(entry.name, entry.destination.text, count)
                if layer is not None:
                    layer.setMetadata(metadata_of(
                        entry.destination.uri.table() if kind == "postgres"
                        else layer.name(), data))
                if kind == "postgres":
                    save_in_postgres(entry.destination.uri, data)
            except NotImplementedError:
                self.feedback.pushWarning(tr(
                    "{output}: this QGIS version cannot store the record of this run in "
                    "{target} (QGIS 3.28 or newer can). The output is complete.").format(
                        output=entry.name, target=target))
            except (OSError, ValueError, KeyError) as err:
                self.feedback.pushWarning(tr(
                    "{output}: the record of this run could not be stored with {target}: "
                    "{error}. The output is complete.").format(
                        output=entry.name, target=target, error=err))

    def _write_error(self, stage, err):
        return QgsProcessingException(tr(
            "The output {target} could not be completed: {error}. No output was kept.")
            .format(target=stage.final_path, error=err))

    def _commit_error(self, stage, err, kept):
        target = stage.final_path
        if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
            message = tr(
                "{target} is locked by another program or run (waited {seconds:g} s): "
                "stop editing its layers in QGIS, or wait for the other run, and run again. "
                "{target} was not changed.").format(target=target, seconds=lock_timeout())
        elif isinstance(err, PermissionError):
            message = tr(
                "Could not replace {target}: {error}. The file is probably still open in "
                "QGIS or another program: close the layer (remove it from the project) and "
                "run again. {target} was not changed.").format(
                    target=target, error=err.strerror or err)
        else:
            message = tr("Could not write {target}: {error}. {target} was not changed.")\
                .format(target=target, error=err)
        if kept:
            message += " " + tr("Already written and kept: {files}.").format(
                files=", ".join(kept))
        return QgsProcessingException(message)

    # -- discard ---------------------------------------------------------------------

    def discard(self, reason):
        """The run failed or was cancelled: close the staged sinks and remove the staging
        folders; the destinations stay as they were. (The output guard removes the
        outputs written directly.)"""
        written = {stage.folder: ", ".join(path for _o, path, _g in stage.files.values())
                   for stage in self.stages if stage.files}
        for entry in self.sinks:
            if entry.stage is not None:
                if entry.sink is not None:
                    _delete(entry.sink)
                    entry.sink = None
                written.setdefault(entry.stage.folder, entry.destination.describe())
        for stage in self.stages:
            if not os.path.isdir(stage.folder):
                continue
            removed = self._remove(stage.folder, stage.remove)
            target = written.get(stage.folder)
            if removed and target and stage.existed:
                self.feedback.pushInfo(tr(
                    "{reason}: the incomplete output for {target} was removed; {file} was "
                    "not changed.").format(reason=reason, target=target,
                                           file=stage.final_path))
            elif removed and target:
                self.feedback.pushInfo(tr("{reason}: the incomplete output {target} was "
                                          "removed.").format(reason=reason, target=target))
        self.stages = []
        self.sinks = []
        self.renamed = {}

    def _remove(self, folder, remove):
        try:
            remove()
        except OSError as err:  # Windows: a file still open; the next run removes it
            self.feedback.reportError(tr(
                "Could not remove the incomplete output {target}: {error}. Delete it "
                "yourself.").format(target=folder, error=err))
            return False
        return True


# --------------------------------------------------------------------- GeoPackage layers

def _quote(name):
    return '"{}"'.format(name.replace('"', '""'))


def _objects(connection, schema):
    """[(type, name, table name, sql)] of a schema's sqlite_master."""
    return connection.execute("SELECT type, name, tbl_name, sql FROM {}.sqlite_master"
                              .format(schema)).fetchall()


def _find(connection, schema, name):
    """The exact name of table or view ``name`` (any case) in ``schema``, or None."""
    for kind, found, _table, _sql in _objects(connection, schema):
        if kind in ("table", "view") and found.lower() == name.lower():
            return found
    return None


def _columns(connection, schema, table):
    return [row[1] for row in connection.execute(
        "PRAGMA {}.table_info({})".format(schema, _quote(table)))]


def _rtree_columns(connection, schema, table):
    if _find(connection, schema, "gpkg_extensions") is None:
        return []
    return [row[0] for row in connection.execute(
        "SELECT column_name FROM {}.gpkg_extensions WHERE lower(table_name) = lower(?) "
        "AND extension_name = 'gpkg_rtree_index'".format(schema), (table,))]


def _create_like_staged(connection, table):
    """Create ``table`` in main as it is in the staged file (with its triggers), when main
    lacks it."""
    if _find(connection, "main", table) is not None:
        return
    objects = _objects(connection, "staged")
    for kind, name, _table, sql in objects:
        if kind == "table" and name.lower() == table.lower():
            connection.execute(sql)
    for kind, _name, owner, sql in objects:
        if kind == "trigger" and owner.lower() == table.lower() and sql:
            connection.execute(sql)


def _copy_rows(connection, table, where, values, skip=()):
    """Copy the rows of the staged ``table`` that match ``where`` into main (only the
    columns both have; ``skip``: columns main numbers itself)."""
    if _find(connection, "staged", table) is None:
        return
    _create_like_staged(connection, table)
    common = set(_columns(connection, "main", table))
    columns = ", ".join(_quote(c) for c in _columns(connection, "staged", table)
                        if c in common and c not in skip)
    connection.execute("INSERT INTO main.{table} ({columns}) SELECT {columns} FROM "
                       "staged.{table} WHERE {where}".format(
                           table=_quote(table), columns=columns, where=where), values)


def _check_srs(connection, layer):
    """Copy the staged layer's coordinate system into main when main lacks it; a
    different system under the same srs_id there is an error."""
    ids = {row[0] for row in connection.execute(
        "SELECT srs_id FROM staged.gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
        (layer,))} if _find(connection, "staged", "gpkg_geometry_columns") else set()
    query = "SELECT organization, organization_coordsys_id, definition FROM " \
            "{}.gpkg_spatial_ref_sys WHERE srs_id = ?"
    for srs_id in ids:
        staged = connection.execute(query.format("staged"), (srs_id,)).fetchone()
        present = connection.execute(query.format("main"), (srs_id,)).fetchone()
        if present is None:
            _copy_rows(connection, "gpkg_spatial_ref_sys", "srs_id = ?", (srs_id,))
        elif staged is not None and (
                (str(present[0]).upper(), present[1]) != (str(staged[0]).upper(), staged[1])
                or (str(staged[0]).upper() == "NONE" and present[2] != staged[2])):
            raise ValueError("the GeoPackage uses srs_id {} for another coordinate system "
                             "({} {})".format(srs_id, present[0], present[1]))


def _drop_layer(connection, layer):
    """Remove layer ``layer`` (any case) from main: table, spatial index, metadata rows
    and the MDI style of it (other styles are kept, as QGIS keeps them)."""
    from ..styling.outputs import DEFAULT_STYLE_NAME
    name = _find(connection, "main", layer) or layer
    if name.lower().startswith(_RESERVED) or name.lower() == STYLE_TABLE:
        raise ValueError("'{}' is a table of the GeoPackage itself; choose another layer "
                         "name".format(name))
    for column in _rtree_columns(connection, "main", name):
        connection.execute("DROP TABLE IF EXISTS main.{}".format(
            _quote("rtree_{}_{}".format(name, column))))
    kinds = {found.lower(): kind for kind, found, _t, _s in _objects(connection, "main")}
    if name.lower() in kinds:
        connection.execute("DROP {} main.{}".format(
            "VIEW" if kinds[name.lower()] == "view" else "TABLE", _quote(name)))
    for table in _GPKG_META:
        if table in kinds:
            connection.execute("DELETE FROM main.{} WHERE lower(table_name) = lower(?)"
                               .format(table), (name,))
    if "gpkg_metadata_reference" in kinds:
        _drop_metadata(connection, name, "gpkg_metadata" in kinds)
    if STYLE_TABLE in kinds:
        connection.execute("DELETE FROM main.layer_styles WHERE lower(f_table_name) = "
                           "lower(?) AND styleName = ?", (name, DEFAULT_STYLE_NAME))


def _copy_layer(connection, layer):
    """Copy staged layer ``layer`` into main: table, rows, coordinate system, metadata,
    spatial index, triggers and indexes."""
    name = _find(connection, "staged", layer)
    if name is None:
        raise ValueError("layer '{}' is missing from the staged file".format(layer))
    objects = _objects(connection, "staged")
    connection.execute(next(sql for kind, found, _t, sql in objects
                            if kind == "table" and found == name))
    connection.execute("INSERT INTO main.{0} SELECT * FROM staged.{0}".format(_quote(name)))
    _check_srs(connection, name)
    for table in _GPKG_META:
        _copy_rows(connection, table, "lower(table_name) = lower(?)", (name,))
    _copy_metadata(connection, name)
    for column in _rtree_columns(connection, "staged", name):
        rtree = "rtree_{}_{}".format(name, column)
        connection.execute(next(sql for kind, found, _t, sql in objects
                                if kind == "table" and found == rtree))
        connection.execute("INSERT INTO main.{0} SELECT * FROM staged.{0}".format(
            _quote(rtree)))
    for kind, _found, owner, sql in objects:     # after the rows: no trigger runs on them
        if kind in ("trigger", "index") and owner == name and sql:
            connection.execute(sql)


_REFERENCE_COLUMNS = ("reference_scope", "table_name", "column_name", "row_id_value",
                      "timestamp")


def _drop_metadata(connection, layer, with_documents):
    """Remove the metadata references of ``layer`` from main, and the metadata documents
    (gpkg_metadata) that no other reference uses."""
    ids = [row[0] for row in connection.execute(
        "SELECT md_file_id FROM main.gpkg_metadata_reference WHERE lower(table_name) = "
        "lower(?)", (layer,))]
    connection.execute("DELETE FROM main.gpkg_metadata_reference WHERE lower(table_name) = "
                       "lower(?)", (layer,))
    if with_documents:
        for md_id in set(ids):
            if not connection.execute("SELECT count(*) FROM main.gpkg_metadata_reference "
                                      "WHERE md_file_id = ? OR md_parent_id = ?",
                                      (md_id, md_id)).fetchone()[0]:
                connection.execute("DELETE FROM main.gpkg_metadata WHERE id = ?", (md_id,))


def _copy_metadata(connection, layer):
    """Copy the metadata of staged ``layer`` (QGIS layer metadata, the run record) into
    main: its documents get new ids there, its references point to them."""
    if _find(connection, "staged", "gpkg_metadata_reference") is None or \
            _find(connection, "staged", "gpkg_metadata") is None:
        return
    rows = connection.execute(
        "SELECT {}, md_file_id, md_parent_id FROM staged.gpkg_metadata_reference WHERE "
        "lower(table_name) = lower(?)".format(", ".join(_REFERENCE_COLUMNS)),
        (layer,)).fetchall()
    if not rows:
        return
    for table in ("gpkg_metadata", "gpkg_metadata_reference"):
        _create_like_staged(connection, table)
        _copy_rows(connection, "gpkg_extensions", "table_name = ? AND NOT EXISTS (SELECT 1 "
                   "FROM main.gpkg_extensions WHERE table_name = ?)", (table, table))
    ids = {}
    for row in rows:
        for old in row[-2:]:
            if old is not None and old not in ids:
                ids[old] = connection.execute(
                    "INSERT INTO main.gpkg_metadata (md_scope, md_standard_uri, mime_type, "
                    "metadata) SELECT md_scope, md_standard_uri, mime_type, metadata FROM "
                    "staged.gpkg_metadata WHERE id = ?", (old,)).lastrowid
        connection.execute(
            "INSERT INTO main.gpkg_metadata_reference ({}, md_file_id, md_parent_id) VALUES "
            "(?, ?, ?, ?, ?, ?, ?)".format(", ".join(_REFERENCE_COLUMNS)),
            tuple(row[:-2]) + (ids.get(row[-2]), ids.get(row[-1])))


def _copy_styles(connection, layers):
    """Copy the staged default styles of ``layers`` into main.layer_styles; a new default
    style makes the other styles of the layer non-default (as QGIS does)."""
    if _find(connection, "staged", STYLE_TABLE) is None:
        return
    if _find(connection, "main", STYLE_TABLE) is None:
        _copy_layer(connection, STYLE_TABLE)
        return
    for layer in layers:
        if connection.execute("SELECT count(*) FROM staged.layer_styles WHERE "
                              "lower(f_table_name) = lower(?) AND useAsDefault",
                              (layer,)).fetchone()[0]:
            connection.execute("UPDATE main.layer_styles SET useAsDefault = 0 WHERE "
                               "lower(f_table_name) = lower(?)", (layer,))
        _copy_rows(connection, STYLE_TABLE, "lower(f_table_name) = lower(?)", (layer,),
                   skip=("id",))


def copy_layers(staged, target, layers):
    """Copy ``layers`` (with their default styles) of GeoPackage ``staged`` into the
    existing GeoPackage ``target`` in one SQLite transaction, replacing layers of the same
    names. Waits up to ``lock_timeout()`` seconds for another writer; sqlite3.Error or
    ValueError when it cannot, and then ``target`` is unchanged."""
    # Python's sqlite3 and GDAL share one SQLite library here (Linux packages, OSGeo4W),
    # so the locks of QGIS's own connections to the file are respected.
    connection = sqlite3.connect(target, timeout=lock_timeout(), isolation_level=None)
    try:
        connection.execute("ATTACH DATABASE ? AS staged", (staged,))
        connection.execute("BEGIN IMMEDIATE")     # the write lock now, or wait for it
        try:
            for layer in layers:
                _drop_layer(connection, layer)
            for layer in layers:
                _copy_layer(connection, layer)
            _copy_styles(connection, layers)
            pause_point("gpkg-transaction")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()
