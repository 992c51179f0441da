"""Inputs as the user meant them: CSV files that are not UTF-8.

Excel's "CSV (gescheiden door lijstscheidingsteken)" on a Dutch Windows writes
Windows-1252; read as UTF-8, names such as "Súdwest-Fryslân" come out garbled. Such an
input is opened as Windows-1252 instead, with a message. The user's file is only read.
"""

import codecs
import os

from qgis.core import QgsProcessingFeatureSourceDefinition, QgsVectorLayer

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
