"""The one place where QGIS API differences between 3.22 and 4.x are bridged.

Each helper detects the newer API by its presence, not by version number where possible,
and falls back to the QGIS 3.22 spelling.
"""

from qgis.core import (Qgis, QgsFeatureRequest, QgsField, QgsFields, QgsLayoutExporter,
                       QgsMapLayer,
                       QgsPalLayerSettings, QgsProcessing, QgsProcessingAlgorithm,
                       QgsProcessingFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber, QgsUnitTypes, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

#: QGIS >= 3.38 builds QgsField from QMetaType; Qt6 builds have no QVariant.Type.
_FIELD_TAKES_METATYPE = Qgis.versionInt() >= 33800


_FIELD_TYPES = {"double": "Double", "int": "Int", "string": "QString"}


def new_field(name, kind="double"):
    """A new QgsField of kind 'double', 'int' or 'string'."""
    type_name = _FIELD_TYPES[kind]
    if _FIELD_TAKES_METATYPE:
        from qgis.PyQt.QtCore import QMetaType
        return QgsField(name, getattr(QMetaType.Type, type_name))
    # QGIS < 3.38 is always a Qt 5 build:
    return QgsField(name, getattr(QVariant.Type,  # qt5-only: QGIS < 3.38
                                  "String" if kind == "string" else type_name))


def double_field(name):
    """A new double (real) QgsField."""
    return new_field(name, "double")


def is_null(value):
    """True for a NULL attribute value (QVariant NULL in QGIS 3 / PyQt5, None in Qt6)."""
    return value is None or (isinstance(value, QVariant) and value.isNull())


def null_to_none(values):
    """A list of attribute values with every NULL replaced by None."""
    return [None if (v is None or isinstance(v, QVariant)) else v for v in values]


def _enum(new_owner, new_path, old_owner, old_path):
    owner = new_owner
    for name in new_path.split("."):
        owner = getattr(owner, name, None)
        if owner is None:
            break
    if owner is not None:
        return owner
    owner = old_owner
    for name in old_path.split("."):
        owner = getattr(owner, name)
    return owner


#: Any vector layer or table, with or without geometry.
SOURCE_TYPE_VECTOR = _enum(Qgis, "ProcessingSourceType.Vector",
                           QgsProcessing, "SourceType.TypeVector")
#: Output of any geometry type (or none).
SOURCE_TYPE_ANY_GEOMETRY = _enum(Qgis, "ProcessingSourceType.VectorAnyGeometry",
                                 QgsProcessing, "SourceType.TypeVectorAnyGeometry")
#: Numeric field filter for field parameters.
FIELD_TYPE_NUMERIC = _enum(Qgis, "ProcessingFieldParameterDataType.Numeric",
                           QgsProcessingParameterField, "DataType.Numeric")
#: Any field type.
FIELD_TYPE_ANY = _enum(Qgis, "ProcessingFieldParameterDataType.Any",
                       QgsProcessingParameterField, "DataType.Any")
#: Double number parameters.
NUMBER_DOUBLE = _enum(Qgis, "ProcessingNumberParameterType.Double",
                      QgsProcessingParameterNumber, "Type.Double")
#: Request flag: skip geometry.
REQUEST_NO_GEOMETRY = _enum(Qgis, "FeatureRequestFlag.NoGeometry",
                            QgsFeatureRequest, "Flag.NoGeometry")
#: Polygon layers only (source parameters).
SOURCE_TYPE_VECTOR_POLYGON = _enum(Qgis, "ProcessingSourceType.VectorPolygon",
                                   QgsProcessing, "SourceType.TypeVectorPolygon")
#: WKB type of layers and tables without geometry.
WKB_NO_GEOMETRY = _enum(Qgis, "WkbType.NoGeometry", QgsWkbTypes, "Type.NoGeometry")
#: WKB type of multi-polygon layers (area boundaries).
WKB_MULTIPOLYGON = _enum(Qgis, "WkbType.MultiPolygon", QgsWkbTypes, "Type.MultiPolygon")
#: Feature source flag: no geometry validity check (algorithms that only copy geometry).
SOURCE_SKIP_GEOMETRY_CHECKS = _enum(Qgis, "ProcessingFeatureSourceFlag.SkipGeometryValidityChecks",
                                    QgsProcessingFeatureSource,
                                    "Flag.FlagSkipGeometryValidityChecks")
#: Origin of a field that the data provider (the file itself) has.
FIELD_ORIGIN_PROVIDER = _enum(Qgis, "FieldOrigin.Provider", QgsFields,
                              "FieldOrigin.OriginProvider")

# --- maps (styling, layout export) ---------------------------------------------------
#: Render units for symbols and labels.
RENDER_MM = _enum(Qgis, "RenderUnit.Millimeters", QgsUnitTypes, "RenderUnit.RenderMillimeters")
RENDER_POINTS = _enum(Qgis, "RenderUnit.Points", QgsUnitTypes, "RenderUnit.RenderPoints")
#: Layout units.
LAYOUT_MM = _enum(Qgis, "LayoutUnit.Millimeters", QgsUnitTypes, "LayoutUnit.LayoutMillimeters")
#: Horizontal label placement for polygons.
LABEL_PLACEMENT_HORIZONTAL = _enum(Qgis, "LabelPlacement.Horizontal",
                                   QgsPalLayerSettings, "Placement.Horizontal")
#: Centred lines of a wrapped label.
MULTILINE_CENTER = _enum(Qgis, "LabelMultiLineAlignment.Center",
                         QgsPalLayerSettings, "MultiLineAlign.MultiCenter")
#: Algorithm flag: run in the main thread (map / layout rendering).
ALG_FLAG_NO_THREADING = _enum(Qgis, "ProcessingAlgorithmFlag.NoThreading",
                              QgsProcessingAlgorithm, "Flag.FlagNoThreading")
#: Polygon geometry type of a vector layer.
GEOMETRY_POLYGON = _enum(Qgis, "GeometryType.Polygon", QgsWkbTypes, "GeometryType.PolygonGeometry")
#: Layout export result "success".
LAYOUT_EXPORT_SUCCESS = _enum(QgsLayoutExporter, "ExportResult.Success",
                              QgsLayoutExporter, "ExportResult.Success")
#: Kilometres (scale bars).
DISTANCE_KM = _enum(Qgis, "DistanceUnit.Kilometers", QgsUnitTypes,
                    "DistanceUnit.DistanceKilometers")


def set_label_style(label, font, size_pt, color):
    """Font, size (points) and colour of a QgsLayoutItemLabel (text format from 3.24 on)."""
    if hasattr(label, "setTextFormat"):
        from qgis.core import QgsTextFormat
        text_format = QgsTextFormat()
        text_format.setFont(font)
        text_format.setSize(size_pt)
        text_format.setSizeUnit(_enum(Qgis, "RenderUnit.Points", QgsUnitTypes,
                                      "RenderUnit.RenderPoints"))
        text_format.setColor(color)
        label.setTextFormat(text_format)
        return
    font.setPointSizeF(size_pt)
    label.setFont(font)
    label.setFontColor(color)


def set_legend_style_font(legend, style, font, size_pt):
    """Font and size of one legend style (title, group, subgroup, symbol label)."""
    legend_style = legend.rstyle(style)
    if hasattr(legend_style, "setTextFormat"):
        text_format = legend_style.textFormat()
        text_format.setFont(font)
        text_format.setSize(size_pt)
        legend_style.setTextFormat(text_format)
        return
    font.setPointSizeF(size_pt)
    legend_style.setFont(font)


def label_style(label):
    """(QFont, size in points, QColor) of a QgsLayoutItemLabel."""
    if hasattr(label, "textFormat"):
        text_format = label.textFormat()
        return text_format.font(), text_format.size(), text_format.color()
    font = label.font()
    return font, font.pointSizeF(), label.fontColor()


# --- API renamed in newer QGIS: prefer the current name, fall back to 3.22's -----------

def parameter_as_strings(algorithm, parameters, name, context):
    """A list-of-fields parameter as a list of field names (``parameterAsStrings`` since
    3.32; ``parameterAsFields``, deprecated there, on older QGIS)."""
    if hasattr(algorithm, "parameterAsStrings"):
        return algorithm.parameterAsStrings(parameters, name, context)
    return algorithm.parameterAsFields(parameters, name, context)


def set_rectangle_null(rectangle):
    """Make ``rectangle`` the null rectangle, ready to be grown by ``combineExtentWith``
    (``setNull`` since 3.34; ``setMinimal``, deprecated there, on older QGIS)."""
    if hasattr(rectangle, "setNull"):
        rectangle.setNull()
    else:
        rectangle.setMinimal()


def can_store_styles_in_database(provider):
    """True when the data provider stores layer styles (GeoPackage layer_styles, PostGIS).
    ``styleStorageCapabilities`` replaced ``isSaveAndLoadStyleToDatabaseSupported`` (which
    newer QGIS no longer has)."""
    if hasattr(provider, "styleStorageCapabilities"):
        capabilities = provider.styleStorageCapabilities()
        return bool(capabilities & Qgis.ProviderStyleStorageCapability.SaveToDatabase)
    return bool(provider.isSaveAndLoadStyleToDatabaseSupported())


def save_style_to_database(layer, name, description, use_as_default):
    """Store the layer's current style in its data source under ``name``, replacing a
    style of that name; returns an error message ('' on success).

    Never blocks: QGIS before 3.24 asked in a modal dialog before replacing a style of the
    same name (a headless run would hang forever), so an existing style of that name is
    deleted first there. ``saveStyleToDatabaseV2`` (3.44) replaces the deprecated
    ``saveStyleToDatabase``."""
    if Qgis.versionInt() < 32400:
        count, ids, names, _descriptions, _error = layer.listStylesInDatabase()
        for style_id, style_name in zip(ids[:max(count, 0)], names):
            if style_name == name:
                layer.deleteStyleFromDatabase(style_id)
    if hasattr(layer, "saveStyleToDatabaseV2"):
        result = layer.saveStyleToDatabaseV2(name, description, use_as_default, "")
        return _style_save_error(result)
    return layer.saveStyleToDatabase(name, description, use_as_default, "") or ""


def _style_save_error(result):
    """Error text of saveStyleToDatabaseV2's (QgsMapLayer.SaveStyleResults, message): an
    error when the database write or the QML failed (a failed SLD export alone is not)."""
    flags, message = result
    failed = QgsMapLayer.SaveStyleResult
    fatal = [failed.DatabaseWriteFailed, failed.QmlGenerationFailed]
    if any(flags & flag for flag in fatal):
        return message or "the style could not be written to the database"
    return ""


def supports_threaded_font_rendering():
    """True when text can be painted outside the main thread: Qt 5 asks the font
    database; Qt 6 removed ``QFontDatabase.supportsThreadedFontRendering`` because it
    always can."""
    from qgis.PyQt.QtGui import QFontDatabase
    check = getattr(QFontDatabase, "supportsThreadedFontRendering", None)
    return True if check is None else bool(check())


def save_layer_default_style(layer):
    """(message, ok) of storing the layer's style as its default (.qml beside a file that
    cannot hold styles, e.g. a Shapefile or CSV). QGIS 3.26+ takes the style categories;
    the call without them is deprecated there."""
    if Qgis.versionInt() >= 32600:
        return layer.saveDefaultStyle(QgsMapLayer.StyleCategory.AllStyleCategories)
    return layer.saveDefaultStyle()
