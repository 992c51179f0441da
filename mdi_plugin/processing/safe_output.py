"""Nothing lost: no partial outputs, inputs never overwritten, no passwords in messages.

The ``OutputGuard`` of a run (``run.AlgorithmRun`` owns one) is told every output before it
is created and every output once it exists:

* a destination that would replace an input layer (the same file, GeoPackage layer or
  database table) or an input file is refused before anything is written;
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
                       QgsProviderRegistry, QgsVectorFileWriter)

from ..i18n import tr

_SIDE_FILES = ("-wal", "-shm", "-journal", ".aux.xml")
_PROVIDER_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9_]{2,}):(.*)$", re.S)
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

    def __init__(self, kind, text, path=None, layer=None, uri=None):
        self.kind = kind
        self.text = text
        self.path = path
        self.layer = layer
        self.uri = uri
        self.file_existed = bool(path) and os.path.exists(path)

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
    """A Destination for a sink's destination string (as typed in the dialog)."""
    stripped = text.strip()
    if not stripped or stripped == "TEMPORARY_OUTPUT" or stripped.startswith("memory:"):
        return Destination("memory", stripped)
    match = _PROVIDER_PREFIX.match(stripped)
    if match:
        provider, rest = match.group(1).lower(), match.group(2)
        if provider in ("postgis", "postgres"):
            return Destination("postgres", stripped,
                               uri=QgsDataSourceUri(rest[2:] if rest.startswith("//")
                                                    else rest))
        if provider == "ogr":
            uri = QgsDataSourceUri(rest)
            path = uri.database() or rest
            layer = uri.table() or os.path.splitext(os.path.basename(path))[0]
            return Destination("ogr_layer", stripped, path=os.path.abspath(path),
                               layer=layer)
        return Destination("other", stripped)
    return Destination("file", stripped, path=os.path.abspath(stripped.split("|")[0]))


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


def _layer_location(layer):
    """('file', path, layer name) or ('postgres', QgsDataSourceUri) of a layer's source."""
    provider = layer.providerType()
    if provider == "ogr":
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        path = parts.get("path") or layer.source().split("|")[0]
        return "file", os.path.abspath(path), parts.get("layerName") or None
    if provider == "postgres":
        return ("postgres", QgsDataSourceUri(layer.source()))
    return (None,)


def _same_table(first, second):
    def key(uri):
        host = uri.host() or "localhost"
        host = "localhost" if host in ("127.0.0.1", "::1", "/tmp", "/var/run/postgresql") \
            else host.lower()
        return (uri.service(), host, uri.port() or "5432", uri.database(),
                uri.schema() or "public", uri.table())
    return key(first) == key(second)


def _overwritten_input(destination, inputs):
    """The (parameter name, layer) of an input that writing ``destination`` would
    replace, or None."""
    for name, layer in inputs:
        location = _layer_location(layer)
        if location[0] == "file" and destination.kind in ("file", "ogr_layer") \
                and os.path.exists(location[1]) and os.path.exists(destination.path) \
                and os.path.samefile(location[1], destination.path):
            if destination.kind == "file":      # the whole file is replaced
                return name, layer
            if location[2] is None or location[2].lower() == destination.layer.lower():
                return name, layer
        if location[0] == "postgres" and destination.kind == "postgres" \
                and _same_table(location[1], destination.uri):
            return name, layer
    return None


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
        self.inputs = input_layers(algorithm, parameters, context)
        self.input_files = _input_files(algorithm, parameters, context)
        self.created = []          # [(Destination, sink, dest_id)]
        self.files = []            # [_WrittenFile]
        self.folders = []          # folders the run created, outermost first

    def check_sink(self, name, destination):
        """Refuse a destination that replaces an input; say when an output is replaced."""
        overwritten = _overwritten_input(destination, self.inputs)
        if overwritten is None and destination.kind in ("file", "ogr_layer"):
            overwritten = self._overwritten_file(destination.path)
        if overwritten is not None:
            raise self._refusal(name, overwritten[0], destination.describe())
        try:
            if destination.kind == "postgres":
                exists = table_exists(destination.uri)
            elif destination.kind == "ogr_layer":
                exists = _ogr_layer_exists(destination.path, destination.layer)
            else:
                exists = destination.kind == "file" and destination.file_existed
        except Exception:  # noqa: BLE001 - no answer: creating the sink will say what is wrong
            exists = False
        if exists:
            self._say_replaced(name, destination.describe())

    def add_sink(self, destination, sink, dest_id):
        """Record a sink the run created (removed again if the run fails)."""
        self.created.append((destination, sink, dest_id))

    def make_folder(self, path):
        """Create a folder (and missing parents); a failed run removes those it created
        when they are empty again."""
        path = os.path.abspath(path)
        missing = []
        parent = path
        while parent and not os.path.isdir(parent):
            missing.insert(0, parent)
            parent = os.path.dirname(parent) if os.path.dirname(parent) != parent else ""
        os.makedirs(path, exist_ok=True)
        self.folders.extend(missing)
        return path

    def check_file(self, name, path, quiet=False):
        """Check a file the algorithm will write itself; record it for clean-up. ``quiet``:
        replacing an existing file is not said in the log (e.g. a chart in a folder)."""
        path = os.path.abspath(path)
        overwritten = self._overwritten_file(path)
        if overwritten is None:
            overwritten = _overwritten_input(Destination("file", path, path=path),
                                             self.inputs)
        if overwritten is not None:
            raise self._refusal(name, overwritten[0], path)
        if os.path.exists(path) and not quiet:
            self._say_replaced(name, path)
        self.files.append(_WrittenFile(path))
        return path

    def _overwritten_file(self, path):
        for name, input_path in self.input_files:
            if os.path.exists(path) and os.path.samefile(path, input_path):
                return name, input_path
        return None

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
            if written.stamp is None or written.changed():
                self._remove(reason, written.path, _remove_file, written.path)
        for folder in reversed(self.folders):
            if os.path.isdir(folder) and not os.listdir(folder):
                self._remove(reason, folder, os.rmdir, folder)
        self.commit()

    def _remove(self, reason, target, remove, *args):
        try:
            remove(*args)
        except Exception as err:  # noqa: BLE001 - report, never mask the first error
            self.feedback.reportError(tr(
                "Could not remove the incomplete output {target}: {error}. Delete it "
                "yourself.").format(target=target, error=redact(str(err))))
        else:
            self.feedback.pushInfo(tr("{reason}: the incomplete output {target} was "
                                      "removed.").format(reason=reason, target=target))

    def commit(self):
        """The run succeeded: keep everything."""
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
