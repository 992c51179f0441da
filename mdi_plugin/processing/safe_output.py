"""Nothing lost: no partial outputs, inputs never overwritten, no passwords in messages.

The ``OutputGuard`` of a run (``run.AlgorithmRun`` owns one) is told every output before it
is created and every output once it exists:

* a destination that would replace an input layer (the same file, GeoPackage layer or
  database table) or an input file is refused before anything is written. What an input
  or an output is on disk or in a database, whatever the provider or spelling, and
  whether one replaces the other, is decided in ``places.py`` (``input_reads``,
  ``parse_destination``, ``places.replaces``);
* in a model run (``model_run.py``) also an output that replaces anything an earlier
  step read; when a step fails or is cancelled, what the earlier steps created is
  removed too;
* replacing an existing output (file, GeoPackage layer, PostGIS table: QGIS replaces
  them, it never appends) is said in the log, naming the destination;
* when the run raises or is cancelled, the sinks are closed and their destinations
  removed: a new file (and its side files), a new layer in an existing GeoPackage, a
  database table, a temporary layer, a file the algorithm wrote. A failed or cancelled
  run leaves no output, complete or partial;
* passwords in data source URIs are masked in every message (``redact``).
"""

import os
import re

from qgis.core import (QgsDataSourceUri, QgsProcessingException,
                       QgsProcessingOutputLayerDefinition, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterFile, QgsProcessingParameterVectorLayer,
                       QgsProcessingUtils, QgsProviderRegistry, QgsVectorFileWriter)

from ..i18n import tr
from .model_run import Read, model_run
from .output_checks import prepare_folder
from .places import (MEMORY, UNKNOWN, Place, absolute, destination_place, file_place,
                     layer_places, replaces, same_file, table_key)

_SIDE_FILES = ("-wal", "-shm", "-journal", ".aux.xml")
_PASSWORD_PATTERNS = (
    re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s'\"]+)", re.I),
    re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)([^@\s]+)(@)", re.I),
)
MASK = "********"


def redact(text):
    """``text`` with every password of a data source URI replaced by ********."""
    if not text:
        return text
    text = str(text)
    text = _PASSWORD_PATTERNS[0].sub(lambda m: m.group(1) + MASK, text)
    return _PASSWORD_PATTERNS[1].sub(lambda m: m.group(1) + MASK + m.group(3), text)


# --------------------------------------------------------------------- destinations

class Destination:
    """Where a feature sink writes: kind 'memory', 'file', 'ogr_layer', 'postgres' or
    'other', with the path / layer name or the database URI."""

    def __init__(self, kind, text, path=None, layer=None, uri=None, place=None):
        self.kind = kind
        self.text = text
        self.path = path
        self.layer = layer
        self.uri = uri
        # what it is on disk or in a database (places.Place)
        self.place = place if place is not None else _place_of(kind, path, layer, uri)
        self.file_existed = bool(path) and os.path.exists(path)
        self.existed = None         # the file, layer or table existed before (check_sink)

    def describe(self):
        """A short, password-free description for messages."""
        if self.kind == "postgres":
            return tr('table {table} of database {database}').format(
                table=_quoted_table(self.uri), database=self.uri.database() or "?")
        if self.kind == "ogr_layer":
            return tr("layer '{layer}' of {path}").format(layer=self.layer, path=self.path)
        if self.kind == "file":
            return self.path
        return redact(self.text)


def _place_of(kind, path, layer, uri):
    """The Place of a Destination made from its parts (not by parse_destination)."""
    if kind == "memory":
        return MEMORY
    if kind in ("file", "ogr_layer") and path:
        return Place("file", path=absolute(path),
                     layer=layer if kind == "ogr_layer" else None)
    if kind == "postgres" and uri is not None:
        return Place("table", key=table_key("postgres", uri))
    return UNKNOWN


def _quoted_table(uri):
    schema = uri.schema() or "public"
    return '"{}"."{}"'.format(schema.replace('"', '""'), uri.table().replace('"', '""'))


def _destination_text(value, context):
    """The destination string of a sink parameter value."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if hasattr(value, "valueAsString"):          # QgsProperty
        result = value.valueAsString(context.expressionContext(), "")
        value = result[0] if isinstance(result, tuple) else result
    return "" if value is None else str(value)


def parse_destination(text):
    """A Destination for a sink's destination string, read as QGIS reads it (the path of
    a file destination is the file QGIS writes: ``x.json`` is written as
    ``x.json.geojson``; see places.destination_place)."""
    place, provider, uri = destination_place(text)
    stripped = text.strip()
    if place.kind == "memory":
        return Destination("memory", stripped, place=place)
    if provider == "postgres":
        return Destination("postgres", stripped, uri=QgsDataSourceUri(uri), place=place)
    if place.kind == "file" and provider is None:
        return Destination("file", stripped, path=place.path, place=place)
    if place.kind == "file":        # ogr: or spatialite: a layer in a file
        return Destination("ogr_layer", stripped, path=place.path, layer=place.layer,
                           place=place)
    return Destination("other", stripped, place=place)


# --------------------------------------------------------------------- inputs

def input_definitions(algorithm):
    """The feature source and vector layer parameters of an algorithm."""
    types = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)
    return [d for d in algorithm.parameterDefinitions() if isinstance(d, types)]


def _input_files(algorithm, parameters, context):
    """[(parameter name, absolute path)] of the file parameters that are set (spec, zone
    table): an output must not replace them either."""
    files = []
    for definition in algorithm.parameterDefinitions():
        if isinstance(definition, QgsProcessingParameterFile) and \
                not definition.isDestination():
            path = algorithm.parameterAsFile(parameters, definition.name(), context)
            if path and os.path.isfile(path):
                files.append((definition.name(), os.path.abspath(path)))
    return files


def input_layers(algorithm, parameters, context):
    """[(parameter name, QgsVectorLayer)] of the vector inputs that are set."""
    layers = []
    for definition in input_definitions(algorithm):
        value = parameters.get(definition.name())
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            layer = algorithm.parameterAsVectorLayer(parameters, definition.name(), context)
        except QgsProcessingException:
            layer = None
        if layer is not None:
            layers.append((definition.name(), layer))
    return layers


def input_reads(algorithm, parameters, context):
    """[model_run.Read] of everything a run reads: its vector inputs (whatever the
    provider; a virtual layer: its sources) and its file parameters."""
    def lookup(layer_id):
        return QgsProcessingUtils.mapLayerFromString(layer_id, context, False)
    reads = [Read(name, place) for name, layer in input_layers(algorithm, parameters, context)
             for place in layer_places(layer, lookup)]
    reads.extend(Read(name, file_place(path))
                 for name, path in _input_files(algorithm, parameters, context))
    return reads


# --------------------------------------------------------------------- removal

def _connection(provider, uri_text):
    metadata = QgsProviderRegistry.instance().providerMetadata(provider)
    return metadata.createConnection(uri_text, {}) if metadata is not None else None


def table_exists(uri):
    """True when the PostGIS table of a QgsDataSourceUri exists."""
    connection = _connection("postgres", uri.connectionInfo(False))
    return connection.tableExists(uri.schema() or "public", uri.table())


def _ogr_layer_exists(path, layer):
    if not os.path.exists(path):
        return False
    from osgeo import ogr
    dataset = ogr.Open(path, 0)
    if dataset is None:
        return False
    names = [dataset.GetLayerByIndex(i).GetName().lower()
             for i in range(dataset.GetLayerCount())]
    dataset = None
    return layer.lower() in names


def _remove_file(path):
    if not os.path.exists(path):
        return
    if path.lower().endswith(".shp"):
        QgsVectorFileWriter.deleteShapeFile(path)
    else:
        os.remove(path)
    for suffix in _SIDE_FILES:
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def _drop_ogr_layer(path, layer):
    from osgeo import ogr
    dataset = ogr.Open(path, 1)
    if dataset is None:
        raise OSError("cannot open {} for update".format(path))
    for index in range(dataset.GetLayerCount()):
        if dataset.GetLayerByIndex(index).GetName().lower() == layer.lower():
            dataset.DeleteLayer(index)
            break
    if dataset.GetLayerByName("layer_styles") is not None:   # its default style goes too
        dataset.ExecuteSQL("DELETE FROM layer_styles WHERE lower(f_table_name) = lower('{}')"
                           .format(layer.replace("'", "''")))
    dataset = None


def remove_destination(destination, dest_id, context):
    """Remove what a sink wrote to ``destination`` (dest_id: the sink's output id)."""
    if destination.kind == "memory":
        store = context.temporaryLayerStore()
        if store.mapLayer(dest_id) is not None:
            store.removeMapLayer(dest_id)
    elif destination.kind == "file":
        _remove_file(destination.path)
    elif destination.kind == "ogr_layer":
        if destination.file_existed:
            _drop_ogr_layer(destination.path, destination.layer)
        else:
            _remove_file(destination.path)
    elif destination.kind == "postgres":
        uri = destination.uri
        connection = _connection("postgres", uri.connectionInfo(False))
        if connection.tableExists(uri.schema() or "public", uri.table()):
            connection.dropVectorTable(uri.schema() or "public", uri.table())
    else:
        raise OSError("no way to remove outputs of this kind")
    details = context.layersToLoadOnCompletion()
    if dest_id in details:
        del details[dest_id]
        context.setLayersToLoadOnCompletion(details)


# --------------------------------------------------------------------- the guard

def sink_destination(value, context):
    """The Destination of a feature sink parameter value."""
    return parse_destination(_destination_text(value, context))


class _WrittenFile:
    """A file an algorithm writes itself (PNG, PDF, chart): removed after a failure when
    it did not exist before or was changed by the run."""

    def __init__(self, path):
        self.path = path
        self.stamp = _stamp(path)

    def describe(self):
        return self.path

    def changed(self):
        return os.path.exists(self.path) and _stamp(self.path) != self.stamp


def _stamp(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class OutputGuard:
    """The inputs and the outputs of one run of an algorithm."""

    def __init__(self, algorithm, parameters, context, feedback):
        self.context = context
        self.feedback = feedback
        self.step = algorithm.displayName()
        self.reads = input_reads(algorithm, parameters, context)
        # a step of a model: what the whole model run read and wrote (model_run.py)
        self.model_run = model_run(context, feedback, algorithm.id())
        if self.model_run is not None:
            self.model_run.read(self.step, self.reads)
        self.created = []          # [(Destination, sink, dest_id)]
        self.files = []            # [_WrittenFile]
        self.folders = []          # folders the run created, outermost first

    def check_sink(self, name, destination):
        """Refuse a destination that replaces an input; say when an output is replaced."""
        self._refuse_replacing(name, destination.place, destination.describe())
        try:
            if destination.kind == "postgres":
                exists = table_exists(destination.uri)
            elif destination.kind == "ogr_layer":
                exists = _ogr_layer_exists(destination.path, destination.layer)
            else:
                exists = destination.kind == "file" and destination.file_existed
        except Exception:  # noqa: BLE001 - no answer: creating the sink will say what is wrong
            exists = None
        destination.existed = exists
        if exists:
            self._say_replaced(name, destination.describe())

    def add_sink(self, destination, sink, dest_id):
        """Record a sink the run created (removed again if the run fails)."""
        self.created.append((destination, sink, dest_id))

    def make_folder(self, path, name=None, target=None):
        """Create a folder (and missing parents) of output ``name`` (``target``: the file
        to be written in it); a failed run removes those it created when they are empty
        again. A path through a file or a folder that cannot be created is an error naming
        the output (output_checks.prepare_folder)."""
        path, missing = prepare_folder(path, name or os.path.basename(path), target)
        self.folders.extend(missing)
        return path

    def check_file(self, name, path, quiet=False):
        """Check a file the algorithm will write itself; record it for clean-up. ``quiet``:
        replacing an existing file is not said in the log (e.g. a chart in a folder)."""
        path = os.path.abspath(path)
        self._refuse_replacing(name, file_place(path), path)
        if os.path.exists(path) and not quiet:
            self._say_replaced(name, path)
        self.files.append(_WrittenFile(path))
        return path

    def _refuse_replacing(self, name, place, target):
        """Refuse output ``name`` at Place ``place`` when it replaces an input of this run
        or, in a model, anything an earlier step of the same model run read."""
        for read in self.reads:
            if replaces(place, read.place):
                raise self._refusal(name, read.parameter, target)
        read = self.model_run.replaced_read(place) if self.model_run is not None else None
        if read is not None:
            raise QgsProcessingException(tr(
                "{output} would replace {target}, which this model run read before (input "
                "{parameter} of the step '{step}'): it would be lost. Choose another file, "
                "layer name or table for {output}. Nothing was written by this step, and "
                "what the earlier steps wrote is removed.").format(
                    output=name, target=target, parameter=read.parameter, step=read.step))

    @staticmethod
    def _refusal(output, parameter, target):
        return QgsProcessingException(tr(
            "{output} would replace the input {parameter} ({source}): the input would "
            "be lost. Choose another file, layer name or table for {output}. Nothing "
            "was written.").format(output=output, parameter=parameter, source=target))

    def _say_replaced(self, name, target):
        self.feedback.pushWarning(tr(
            "{output}: the existing {target} is replaced (QGIS replaces an existing "
            "output, it never appends to it).").format(output=name, target=target))

    def discard(self, reason):
        """Close every sink and remove every output written; report what was removed."""
        for destination, sink, dest_id in self.created:
            _close(sink)
            self._remove(reason, destination.describe(), remove_destination,
                         destination, dest_id, self.context)
        for written in self.files:
            if os.path.exists(written.path) and (written.stamp is None or written.changed()):
                self._remove(reason, written.path, _remove_file, written.path)
        for folder in reversed(self.folders):
            if os.path.isdir(folder) and not os.listdir(folder):
                self._remove(reason, folder, os.rmdir, folder)
        self._forget()
        if self.model_run is not None:
            self._undo_model_run(reason)

    def _remove(self, reason, target, remove, *args, step=None):
        """Remove one output; ``step``: written by that earlier step of the model run."""
        try:
            remove(*args)
        except Exception as err:  # noqa: BLE001 - report, never mask the first error
            self.feedback.reportError((tr(
                "Could not remove {target}, written by the earlier step '{step}': {error}. "
                "Delete it yourself.") if step else tr(
                "Could not remove the incomplete output {target}: {error}. Delete it "
                "yourself.")).format(target=target, step=step, error=redact(str(err))))
            return
        self.feedback.pushInfo((tr(
            "{reason}: {target}, written by the earlier step '{step}' of this model run, "
            "was removed.") if step else tr(
            "{reason}: the incomplete output {target} was removed.")).format(
                reason=reason, target=target, step=step))

    def _undo_model_run(self, reason):
        """Remove what the earlier steps of the model run created (newest first); say which
        of their outputs replaced an existing file, layer or table and so are kept."""
        for step, kind, target, data in self.model_run.take_created():
            if kind == "sink":
                self._remove(reason, target, self._releasing(data[0].path, remove_destination),
                             data[0], data[1], self.context, step=step)
            elif kind == "file" and os.path.exists(data):
                self._remove(reason, target, self._releasing(data, _remove_file), data,
                             step=step)
            elif kind == "folder" and os.path.isdir(data) and not os.listdir(data):
                self._remove(reason, target, os.rmdir, data, step=step)
        for step, target in self.model_run.kept:
            self.feedback.pushWarning(tr(
                "{reason}: {target}, written by the earlier step '{step}' of this model run, "
                "replaced an existing file, layer or table and is kept: what it held before "
                "cannot be restored.").format(reason=reason, target=target, step=step))
        self.model_run.kept = []

    def _releasing(self, path, remove):
        """``remove``, which, when the file is locked, first closes the layers of this run's
        context that read it (a later step's input) and tries once more. Windows cannot
        remove a file that is open; Linux can, so there this never happens."""
        def attempt(*args):
            try:
                remove(*args)
            except PermissionError:
                if not path or not self._close_layers_of(path):
                    raise
                remove(*args)
        return attempt

    def _close_layers_of(self, path):
        """Remove the layers of the context's temporary store that read file ``path``;
        True when there were any."""
        store = self.context.temporaryLayerStore()
        found = [layer.id() for layer in store.mapLayers().values()
                 if any(place.kind == "file" and same_file(place.path, path)
                        for place in layer_places(layer))]
        for layer_id in found:
            store.removeMapLayer(layer_id)
        return bool(found)

    def commit(self):
        """The run succeeded: keep everything. In a model run, the model run remembers what
        this step created, so that a later step that fails removes it again."""
        if self.model_run is not None:
            self._hand_over()
        self._forget()

    def _hand_over(self):
        for destination, _sink, dest_id in self.created:
            if destination.kind == "memory":
                continue            # no file: it goes with the processing context
            if destination.existed is False:
                self.model_run.wrote(self.step, "sink", destination.describe(),
                                     (destination, dest_id))
            else:                   # it replaced an output (or we could not tell)
                self.model_run.replaced(self.step, destination.describe())
        for written in self.files:
            if written.stamp is None:
                self.model_run.wrote(self.step, "file", written.path, written.path)
            elif written.changed():
                self.model_run.replaced(self.step, written.path)
        for folder in self.folders:
            self.model_run.wrote(self.step, "folder", folder, folder)

    def _forget(self):
        self.created = []
        self.files = []
        self.folders = []


def _close(sink):
    """Destroy a feature sink now, so its file or table is complete and closed."""
    try:
        from qgis.PyQt import sip
    except ImportError:  # pragma: no cover - older PyQt layouts
        import sip
    if not sip.isdeleted(sink):
        sip.delete(sink)
