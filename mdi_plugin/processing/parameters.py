"""Parameter definitions several algorithms share, so that each looks and reads the same
everywhere (names are a public interface: models and scripts use them).

Labels are given translated (``self.tr("...")`` in the algorithm, so that
``scripts/i18n.py`` finds them); None gives the default label.
"""

from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterMatrix, QgsProcessingParameterNumber)

from ..compat import FIELD_TYPE_ANY, NUMBER_DOUBLE, SOURCE_TYPE_ANY_GEOMETRY, SOURCE_TYPE_VECTOR
from ..core.compute import FROM_DOMAINS, FROM_INDICATORS
from ..i18n import tr
from .fields import FIELD_MAP

#: MODE options, in the order of the enum.
MODES = (FROM_INDICATORS, FROM_DOMAINS)


def input_source(label=None, name="INPUT", types=None, optional=False):
    """A feature source (any vector layer or table by default)."""
    return QgsProcessingParameterFeatureSource(
        name, label or tr("Input layer or table"), list(types or [SOURCE_TYPE_VECTOR]),
        optional=optional)


def field(name, label, parent="INPUT", default=None, field_type=None, multiple=False):
    """An optional field of ``parent``. Optional also with a default: QGIS 3.22 rejects an
    omitted non-optional field parameter in processing.run / qgis_process even when it has
    a default; the algorithm treats empty as the default."""
    return QgsProcessingParameterField(
        name, label, defaultValue=default, parentLayerParameterName=parent,
        type=FIELD_TYPE_ANY if field_type is None else field_type,
        allowMultiple=multiple, optional=True)


def year_field(label=None, parent="INPUT"):
    """YEAR_FIELD: the field holding the year of each row."""
    return field("YEAR_FIELD", label or tr("Year field"), parent)


def year(label=None):
    """YEAR: one year to use (optional)."""
    return QgsProcessingParameterNumber("YEAR", label or tr("Year (with a year field)"),
                                        optional=True, minValue=1800, maxValue=2200)


def number(name, label, default, minimum=None, maximum=None, decimals=True, optional=False):
    """A number parameter (double unless ``decimals`` is False)."""
    kwargs = {"minValue": minimum} if minimum is not None else {}
    if maximum is not None:
        kwargs["maxValue"] = maximum
    if decimals:
        kwargs["type"] = NUMBER_DOUBLE
    return QgsProcessingParameterNumber(name, label, defaultValue=default,
                                        optional=optional, **kwargs)


def mode():
    """MODE: from the indicators, or from existing domain scores."""
    return QgsProcessingParameterEnum(
        "MODE", tr("Compute from"),
        [tr("Indicators"), tr("Domain scores (0-100, <domain> or mdi_<domain>)")],
        defaultValue=0)


def spec():
    """SPEC: a spec file (JSON); empty = the bundled spec of the report."""
    return QgsProcessingParameterFile(
        "SPEC", tr("Spec file (JSON); empty = bundled report spec"), extension="json",
        optional=True)


def field_map():
    """FIELD_MAP: (id, field) pairs overriding the spec's field names."""
    return QgsProcessingParameterMatrix(
        FIELD_MAP, tr("Field map (id, field)"), numberRows=0, hasFixedNumberRows=False,
        headers=[tr("id"), tr("field")], optional=True)


def sink(label, name="OUTPUT", types=None, optional=False):
    """A feature sink (geometry as the input by default); an optional one can be skipped
    (the dialog's "Skip output"; left out on the command line)."""
    return QgsProcessingParameterFeatureSink(
        name, label, SOURCE_TYPE_ANY_GEOMETRY if types is None else types,
        optional=optional)


def count(name, label):
    """A number output (counts of features, regions, ...)."""
    return QgsProcessingOutputNumber(name, label)
