"""Inputs as the user meant them: CSV files that are not UTF-8, files with several layers.

Excel's "CSV (gescheiden door lijstscheidingsteken)" on a Dutch Windows writes
Windows-1252; read as UTF-8, names such as "Súdwest-Fryslân" come out garbled. Such an
input is opened as Windows-1252 instead, with a message. The user's file is only read.

A GeoPackage (or other file) with several layers given without ``|layername=`` is read
by QGIS from its first layer: the log, and an error of the run, say which layer that was
and which layers the file has.
"""

import codecs
import os

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProviderRegistry, QgsVectorLayer

from ..i18n import tr
from .safe_output import input_definitions

#: Encoding assumed for CSV files that are not valid UTF-8 (Excel on Dutch Windows).
FALLBACK_CSV_ENCODING = "windows-1252"
_CSV_SUFFIXES = (".csv", ".txt", ".tsv")


def _source_string(value):
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if hasattr(value, "staticValue"):            # QgsProperty
        value = value.staticValue()
    return value if isinstance(value, str) else None


def fix_csv_encodings(algorithm, parameters, context, feedback):
    """Read CSV inputs that are not UTF-8 as Windows-1252 (in ``parameters``)."""
    for definition in input_definitions(algorithm):
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


def note_layer_choice(run, name):
    """When input ``name`` is a file with several layers and no layer was chosen
    (``|layername=``), QGIS reads its first layer: say which one was read and which exist,
    in the log and again with an error of the run (``run.notes``)."""
    text = _source_string(run.parameters.get(name))
    if not text:
        return
    path, *options = text.split("|")
    if any(o.strip().lower().startswith(("layername=", "layerid=")) for o in options) \
            or not os.path.isfile(path):
        return
    metadata = QgsProviderRegistry.instance().providerMetadata("ogr")
    layers = sorted(metadata.querySublayers(path), key=lambda s: s.layerNumber()) \
        if metadata is not None else []
    if len(layers) < 2:
        return
    names = [s.name() for s in layers]
    note = tr("{parameter}: '{path}' holds {count} layers ({layers}); QGIS read the first, "
              "'{layer}'. To use another, add |layername=<name> to the path, e.g. "
              "{path}|layername={example}.").format(
                  parameter=name, path=path, count=len(names), layers=", ".join(names),
                  layer=names[0], example=names[1])
    if note not in run.notes:
        run.notes.append(note)
        run.feedback.pushWarning(note)
