"""Nothing lost: no partial outputs, inputs never overwritten, no passwords in messages.

``@safe_outputs`` wraps an algorithm's ``processAlgorithm``:

* every feature sink the run creates (``parameterAsSink``) is recorded; when the run
  raises or is cancelled, the sinks are closed and their destinations removed: a new
  file (and its side files), a new layer in an existing GeoPackage, a database table, a
  temporary layer. A failed or cancelled run leaves no output, complete or partial;
* a destination that would replace an input layer (the same file, GeoPackage layer or
  database table) is refused before anything is written;
* replacing an existing output (file, GeoPackage layer, PostGIS table: QGIS replaces
  them, it never appends) is said in the log, naming the destination;
* a CSV input that is not UTF-8 (Excel's "CSV (gescheiden door lijstscheidingsteken)"
  writes Windows-1252) is read as Windows-1252, with a message, instead of garbling
  names such as "Súdwest-Fryslân";
* passwords in data source URIs are masked in every message and error it passes on.
"""

import codecs
import functools
import os
import re

from qgis.core import (QgsDataSourceUri, QgsProcessingException, QgsProcessingFeedback,
                       QgsProcessingFeatureSourceDefinition,
                       QgsProcessingOutputLayerDefinition, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer,
                       QgsProviderRegistry, QgsVectorFileWriter, QgsVectorLayer)

from ..i18n import tr
from .base import Cancelled

#: Encoding assumed for CSV files that are not valid UTF-8 (Excel on Dutch Windows).
FALLBACK_CSV_ENCODING = "windows-1252"
_CSV_SUFFIXES = (".csv", ".txt", ".tsv")
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

def _input_definitions(algorithm):
    types = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)
    return [d for d in algorithm.parameterDefinitions() if isinstance(d, types)]


def _source_string(value):
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if hasattr(value, "staticValue"):            # QgsProperty
        value = value.staticValue()
    return value if isinstance(value, str) else None


def _input_layers(algorithm, parameters, context):
    """[(parameter name, QgsVectorLayer)] of the vector inputs that are set."""
    layers = []
    for definition in _input_definitions(algorithm):
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


def _fix_csv_encodings(algorithm, parameters, context, feedback):
    """Read CSV inputs that are not UTF-8 as Windows-1252 (in ``parameters``)."""
    for definition in _input_definitions(algorithm):
        text = _source_string(parameters.get(definition.name()))
        if not text:
            continue
        path = text.split("|")[0]
        if not path.lower().endswith(_CSV_SUFFIXES) or not os.path.isfile(path) \
                or _is_utf8(path):
            continue
        layer = QgsVectorLayer(text, os.path.splitext(os.path.basename(path))[0], "ogr")
        if not layer.isValid():
            continue
        layer.setProviderEncoding(FALLBACK_CSV_ENCODING)
        context.temporaryLayerStore().addMapLayer(layer)
        value = parameters[definition.name()]
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            value.source.setStaticValue(layer.id())
        else:
            parameters[definition.name()] = layer.id()
        feedback.pushWarning(tr(
            "{parameter}: '{path}' is not UTF-8 text; it is read as Windows-1252 (as Excel "
            "saves 'CSV (gescheiden door lijstscheidingsteken)'). Save it as 'CSV UTF-8' to "
            "be sure names such as 'Súdwest-Fryslân' come through.").format(
                parameter=definition.name(), path=path))


def _is_utf8(path, chunk=1 << 20):
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(chunk)
                if not block:
                    decoder.decode(b"", final=True)
                    return True
                decoder.decode(block)
    except UnicodeDecodeError:
        return False
    except OSError:
        return True


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

class _Run:
    """The sinks of one run of an algorithm."""

    def __init__(self, algorithm, parameters, context, feedback):
        self.algorithm = algorithm
        self.context = context
        self.feedback = feedback if feedback is not None else QgsProcessingFeedback()
        self.inputs = []           # [(parameter name, QgsVectorLayer)], set by the caller
        self.created = []          # [(Destination, sink, dest_id)]

    def parameter_as_sink(self, original):
        """A parameterAsSink that checks the destination and records the sink."""

        def create(parameters, name, context, *args, **kwargs):
            definition = self.algorithm.parameterDefinition(name)
            destination = None
            if isinstance(definition, QgsProcessingParameterFeatureSink):
                value = parameters.get(name, definition.defaultValue())
                destination = parse_destination(_destination_text(value, context))
                self._check(name, destination)
            sink, dest_id = original(parameters, name, context, *args, **kwargs)
            if sink is not None and destination is not None:
                self.created.append((destination, sink, dest_id))
            return sink, dest_id

        return create

    def _check(self, name, destination):
        overwritten = _overwritten_input(destination, self.inputs)
        if overwritten is not None:
            raise QgsProcessingException(tr(
                "{output} would replace the input {parameter} ({source}): the input would "
                "be lost. Choose another file, layer name or table for {output}. Nothing "
                "was written.").format(output=name, parameter=overwritten[0],
                                       source=destination.describe()))
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
            self.feedback.pushWarning(tr(
                "{output}: the existing {target} is replaced (QGIS replaces an existing "
                "output, it never appends to it).").format(
                    output=name, target=destination.describe()))

    def discard(self, reason):
        """Close every sink and remove its destination; report what was removed."""
        for destination, sink, dest_id in self.created:
            _close(sink)
            try:
                remove_destination(destination, dest_id, self.context)
            except Exception as err:  # noqa: BLE001 - report, never mask the first error
                self.feedback.reportError(tr(
                    "Could not remove the incomplete output {target}: {error}. Delete it "
                    "yourself.").format(target=destination.describe(),
                                        error=redact(str(err))))
            else:
                self.feedback.pushInfo(tr("{reason}: the incomplete output {target} was "
                                          "removed.").format(reason=reason,
                                                             target=destination.describe()))
        self.created = []


def _close(sink):
    """Destroy a feature sink now, so its file or table is complete and closed."""
    try:
        from qgis.PyQt import sip
    except ImportError:  # pragma: no cover - older PyQt layouts
        import sip
    if not sip.isdeleted(sink):
        sip.delete(sink)


def safe_outputs(process):
    """Decorator for processAlgorithm: see the module docstring."""

    @functools.wraps(process)
    def run(self, parameters, context, feedback):
        guard = _Run(self, parameters, context, feedback)
        _fix_csv_encodings(self, parameters, context, guard.feedback)
        guard.inputs = _input_layers(self, parameters, context)
        self.parameterAsSink = guard.parameter_as_sink(type(self).parameterAsSink.__get__(self))
        try:
            result = process(self, parameters, context, feedback)
        except Cancelled:
            result = {}
        except QgsProcessingException as err:
            guard.discard(tr("The run failed"))
            raise QgsProcessingException(redact(str(err))) from None
        except BaseException:
            guard.discard(tr("The run failed"))
            raise
        finally:
            self.__dict__.pop("parameterAsSink", None)
        if feedback is not None and feedback.isCanceled():
            guard.discard(tr("Cancelled"))
            return {}
        guard.created = []
        return result

    return run
