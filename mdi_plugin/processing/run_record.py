"""The record of a run: how every output was made, stored with the output itself.

Every output the base writes through ``transaction.py`` carries a record (a JSON object,
``"mdi_run_record": 1``): the algorithm and its parameters (input paths and destinations
as given, passwords and ``authcfg`` ids masked), the spec's name and the SHA-256 of its
content, the versions of the plugin (metadata.txt), QGIS, GDAL and Python, the date and
time (UTC), the number of features of every input and of the output, and the warnings the
run gave. ``Staging.commit`` stores it together with the features and the style, inside
the staged file before it is moved into place, so a killed run leaves neither:

* a layer in a GeoPackage: QGIS layer metadata (``QgsLayerMetadata`` saved by QGIS's own
  OGR provider into ``gpkg_metadata``/``gpkg_metadata_reference``, which QGIS 3.20 and
  later read back: Layer Properties > Metadata shows the summary in "Abstract" and the
  whole record as the first "History" entry);
* any other file (Shapefile, CSV, GeoJSON, PNG, PDF): ``<file>.mdi-run.json`` next to it;
* the many files of a folder output (report pages, charts): one
  ``<folder>/<algorithm>.mdi-run.json`` (e.g. ``gemeenterapport.mdi-run.json``) that lists
  them under ``"files"``.

Re-running: ``rerun.py`` (no QGIS needed) turns a record into the arguments of
``qgis_process run`` (``KEY=VALUE``, which QGIS 3.22 understands, or JSON for newer QGIS).
"""

import datetime
import hashlib
import json
import os
import platform
import re

from qgis.core import (Qgis, QgsCoordinateReferenceSystem, QgsLayerMetadata, QgsMapLayer,
                       QgsProcessingFeatureSourceDefinition, QgsProcessingOutputLayerDefinition,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterVectorLayer,
                       QgsProcessingUtils, QgsProperty, QgsProviderMetadata,
                       QgsProviderRegistry)

from ..paths import PLUGIN_ROOT
from .rerun import RECORD_KEY, SIDECAR
from .safe_output import MASK, redact

FORMAT = 1
_AUTHCFG = re.compile(r"(authcfg\s*=\s*)('[^']*'|\"[^\"]*\"|[^\s'\"&|]+)", re.I)
_LAYER_PARAMETERS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer,
                     QgsProcessingParameterMultipleLayers)


def clean(text):
    """``text`` without passwords and authentication configuration ids."""
    return _AUTHCFG.sub(lambda m: m.group(1) + MASK, redact(text))


def plugin_version():
    """The version in the plugin's metadata.txt (None when it cannot be read)."""
    try:
        with open(os.path.join(PLUGIN_ROOT, "metadata.txt"), encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return None


def versions():
    try:
        from osgeo import gdal
        gdal_version = gdal.__version__
    except ImportError:  # pragma: no cover - QGIS always ships GDAL's Python bindings
        gdal_version = None
    return {"plugin": plugin_version(), "qgis": Qgis.version(), "gdal": gdal_version,
            "python": platform.python_version()}


# --------------------------------------------------------------------- parameters

def _layer_text(layer):
    """How qgis_process finds ``layer`` again: its source (with the provider unless OGR)."""
    provider = layer.providerType() if hasattr(layer, "providerType") else "ogr"
    source = layer.source()
    return source if provider in ("ogr", "gdal") else "{}://{}".format(provider, source)


def _value(value, definition, context):
    """A JSON value for parameter ``value`` (None: not recordable)."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        return _value(value.source, definition, context)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        return _value(value.sink, definition, context)
    if isinstance(value, QgsProperty):
        result = value.valueAsString(context.expressionContext(), "")
        value = result[0] if isinstance(result, tuple) else result
    if isinstance(value, QgsMapLayer):
        return _layer_text(value)
    if isinstance(value, QgsCoordinateReferenceSystem):
        return value.authid() or value.toWkt()
    if isinstance(value, (list, tuple)):
        return [_value(v, definition, context) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = str(value)
    if isinstance(definition, _LAYER_PARAMETERS) and text:
        layer = QgsProcessingUtils.mapLayerFromString(text, context, False)
        if layer is not None and text in (layer.id(), layer.name()):
            return _layer_text(layer)   # a layer of the project: its source
    return text


def _cleaned(value):
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return clean(value) if isinstance(value, str) else value


def parameter_values(algorithm, parameters, context):
    """{name: JSON value} of the parameters given (destinations as given); plus the names
    of inputs limited to their selected features (a re-run reads all features)."""
    values, selected = {}, []
    for definition in algorithm.parameterDefinitions():
        name = definition.name()
        if name not in parameters:
            continue
        value = parameters[name]
        if isinstance(value, QgsProcessingFeatureSourceDefinition) and \
                value.selectedFeaturesOnly:
            selected.append(name)
        try:
            values[name] = _cleaned(_value(value, definition, context))
        except Exception:  # noqa: BLE001 - a value we cannot render: its text
            values[name] = clean(str(value))
    return values, selected


def _spec(algorithm, parameters, context):
    """{name, path, sha256} of the spec the run used (the bundled one when SPEC is empty),
    or None for algorithms without a spec."""
    definition = algorithm.parameterDefinition("SPEC")
    if not isinstance(definition, QgsProcessingParameterFile):
        return None
    from ..core.spec import default_spec_path
    path = algorithm.parameterAsFile(parameters, "SPEC", context) or default_spec_path()
    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except OSError:
        return {"name": None, "path": clean(path), "sha256": None}
    try:
        data = json.loads(content.decode("utf-8-sig"))
        name = data.get("name") or data.get("id") if isinstance(data, dict) else None
    except ValueError:
        name = None
    return {"name": name or os.path.basename(path), "path": clean(path),
            "sha256": hashlib.sha256(content).hexdigest()}


def _features_in(algorithm, parameters, context):
    counts = {}
    for definition in algorithm.parameterDefinitions():
        name = definition.name()
        if not isinstance(definition, (QgsProcessingParameterFeatureSource,
                                       QgsProcessingParameterVectorLayer)) or \
                parameters.get(name) in (None, ""):
            continue
        try:
            source = algorithm.parameterAsSource(parameters, name, context)
            counts[name] = None if source is None else int(source.featureCount())
        except Exception:  # noqa: BLE001 - an input we cannot count: unknown
            counts[name] = None
    return counts


# --------------------------------------------------------------------- the record

class RunRecord:
    """The record of one run (``run.AlgorithmRun`` owns one): it listens to the warnings
    of the run's feedback and gives the record of each output at commit."""

    def __init__(self, algorithm, parameters, context, feedback):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.warnings = []
        self._listen(feedback)
        self._common = None

    def _listen(self, feedback):
        """Remember every warning said through ``feedback`` from Python (the plugin's own;
        QGIS's C++ code bypasses a Python attribute, so its warnings are not in it)."""
        push = feedback.pushWarning
        warnings = self.warnings

        def push_warning(text):  # noqa: N802 - QGIS API
            warnings.append(clean(text))
            push(text)
        try:
            feedback.pushWarning = push_warning
        except AttributeError:  # pragma: no cover - a feedback without instance attributes
            pass

    def common(self):
        """The part of the record that all outputs of the run share."""
        if self._common is None:
            values, selected = parameter_values(self.algorithm, self.parameters,
                                                self.context)
            self._common = {
                RECORD_KEY: FORMAT, "algorithm": self.algorithm.id(),
                "algorithm_name": self.algorithm.displayName(),
                "parameters": values, "selected_features_only": selected,
                "spec": _spec(self.algorithm, self.parameters, self.context),
                "versions": versions(),
                "started": self.started.isoformat(timespec="seconds"),
                "features_in": _features_in(self.algorithm, self.parameters, self.context),
            }
        return self._common

    def of_output(self, name, destination, count):
        """The record of output ``name`` (written to ``destination``, ``count`` features
        or None for a file that holds none)."""
        data = dict(self.common())
        data.update({
            "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(
                timespec="seconds"),
            "output": name, "destination": clean(destination), "features_out": count,
            "warnings": list(dict.fromkeys(self.warnings)),
        })
        return data


def count_features(uri):
    """The number of features of the (staged, closed) layer ``uri``, or None. Read with
    OGR itself: a QgsVectorLayer on a file QGIS's connection pool has just closed crashed
    QGIS 3.22 now and then."""
    from osgeo import gdal
    parts = QgsProviderRegistry.instance().decodeUri("ogr", uri)
    path, name = parts.get("path") or uri.split("|")[0], parts.get("layerName")
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
        if dataset is None:
            return None
        layer = dataset.GetLayerByName(name) if name else dataset.GetLayer(0)
        return int(layer.GetFeatureCount()) if layer is not None else None
    finally:
        gdal.PopErrorHandler()


def summary(data):
    """A readable summary of a record (the metadata's abstract)."""
    from .rerun import command_line
    spec = data.get("spec") or {}
    lines = ["{} ({}), {}".format(data["algorithm_name"], data["algorithm"], data["finished"]),
             "MDI voor QGIS {plugin}, QGIS {qgis}, GDAL {gdal}, Python {python}".format(
                 **data["versions"])]
    if spec:
        lines.append("Spec: {} (sha256 {})".format(spec.get("name"), spec.get("sha256")))
    lines.append("Features in: {}; out: {}".format(
        ", ".join("{} {}".format(k, v) for k, v in data["features_in"].items()) or "-",
        data["features_out"]))
    lines += ["Warning: {}".format(w) for w in data["warnings"]]
    lines += ["", "Re-run: " + command_line(data)]
    return "\n".join(lines)


def save_in_geopackage(uri, data):
    """Store record ``data`` as the QGIS layer metadata of GeoPackage layer ``uri``
    (``path|layername=x``); OSError when QGIS cannot."""
    provider = QgsProviderRegistry.instance().providerMetadata("ogr")
    parts = provider.decodeUri(uri)
    layer = parts.get("layerName") or os.path.splitext(   # a whole new GeoPackage: QGIS
        os.path.basename(parts.get("path") or uri))[0]    # named its layer after the file
    uri = "{}|layername={}".format(parts.get("path") or uri, layer)
    _save_metadata(provider, uri, metadata_of(layer, data))


def metadata_of(layer_name, data):
    """The QgsLayerMetadata of record ``data`` for layer ``layer_name``: the summary as
    abstract, the whole record (JSON) as the first history entry."""
    metadata = QgsLayerMetadata()
    # QGIS also writes the title into gpkg_contents.identifier, which must be unique
    metadata.setIdentifier(layer_name)
    metadata.setTitle("{} ({}, {})".format(layer_name, data["algorithm_name"],
                                           data["output"]))
    metadata.setAbstract(summary(data))
    metadata.setKeywords({"MDI voor QGIS": ["mdi", data["algorithm"]]})
    metadata.setHistory([json.dumps(data, ensure_ascii=False, sort_keys=True)])
    return metadata


def _save_metadata(provider, uri, metadata):
    result = provider.saveLayerMetadata(uri, metadata)
    saved, error = result if isinstance(result, tuple) else (result, "")
    if not saved:
        raise OSError(error or "QGIS could not save the layer metadata")


def can_save_in_postgres():
    """True when this QGIS stores layer metadata in PostgreSQL (QGIS 3.28 and later: the
    table qgis_layer_metadata, read back when a layer on the table is loaded). QGIS 3.22
    has QgsProviderMetadata.saveLayerMetadata, but its postgres provider raises
    QgsNotSupportedException; the capability flag is absent there."""
    flag = getattr(getattr(QgsProviderMetadata, "ProviderCapability", QgsProviderMetadata),
                   "SaveLayerMetadata", None)
    provider = QgsProviderRegistry.instance().providerMetadata("postgres")
    return flag is not None and provider is not None and \
        bool(provider.providerCapabilities() & flag)


def save_in_postgres(uri, data):
    """Store record ``data`` as the QGIS layer metadata of PostGIS table ``uri`` (a
    QgsDataSourceUri, with authcfg). OSError when QGIS cannot; NotImplementedError when
    this QGIS cannot store layer metadata in PostgreSQL at all."""
    if not can_save_in_postgres():
        raise NotImplementedError("QGIS 3.28 or newer stores layer metadata in PostgreSQL")
    provider = QgsProviderRegistry.instance().providerMetadata("postgres")
    _save_metadata(provider, uri.uri(False), metadata_of(uri.table(), data))


def write_folder_record(folder, data, files, final_folder):
    """Write record ``data`` of the files ``files`` (names) to
    ``folder/<algorithm>.mdi-run.json`` (``folder``: the staging folder of
    ``final_folder``); returns that path."""
    name = data["algorithm"].split(":")[-1]
    _keep_earlier_record(folder, final_folder, name, files)
    return _write_json(os.path.join(folder, name + SIDECAR), dict(data, files=files))


def _keep_earlier_record(folder, final_folder, name, files):
    """An earlier run of the algorithm into ``final_folder`` keeps its record, as
    ``<algorithm>-<n>.mdi-run.json``, for its files that this run does not replace (e.g.
    the pages of other gemeenten)."""
    try:
        with open(os.path.join(final_folder, name + SIDECAR), encoding="utf-8") as handle:
            earlier = json.load(handle)
    except (OSError, ValueError):
        return
    if not isinstance(earlier, dict) or not isinstance(earlier.get("files"), list):
        return
    replaced = {os.path.normcase(f) for f in files}    # Windows: names ignore case
    kept = [f for f in earlier["files"] if os.path.normcase(str(f)) not in replaced and
            os.path.exists(os.path.join(final_folder, str(f)))]
    if not kept:
        return
    number = 2
    while os.path.exists(os.path.join(final_folder, "{}-{}{}".format(
            name, number, SIDECAR))):
        number += 1
    _write_json(os.path.join(folder, "{}-{}{}".format(name, number, SIDECAR)),
                dict(earlier, files=kept))


def write_sidecar(path, data):
    """Write record ``data`` to ``path`` + .mdi-run.json; returns that path."""
    return _write_json(path + SIDECAR, data)


def _write_json(target, data):
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
        handle.write("\n")
    return target
