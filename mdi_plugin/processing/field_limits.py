"""Output formats that shorten or drop field names.

A Shapefile (dBase table) keeps at most 10 characters of a field name and renames names
that then collide (``mdi_inkomen`` -> ``mdi_inkome``, ``mdi_klasse_label`` ->
``mdi_klas_1``); other formats drop fields they cannot hold. GDAL only says so on the
console, so a chain of steps through Shapefiles would quietly lose fields. Before a file
output is written, ``warn_renamed_fields`` asks GDAL itself which names the format changes
(by creating the same fields in a scratch dataset in GDAL's memory file system, so the
answer is exactly what the output will hold) and says so in the log, field by field. The
MDI steps recognise the shortened names of their own fields (core.fieldnames.find_shortened).
"""

import os
import uuid

from qgis.core import QgsVectorFileWriter

from ..i18n import tr

#: Formats whose names are never changed (no scratch dataset needed).
_KEEPS_NAMES = {"GPKG", "SQLite", "CSV", "PostgreSQL", "Memory", "FlatGeobuf", "XLSX",
                "ODS", "GeoJSON", "GeoJSONSeq", "Parquet"}
#: How many renamed fields the warning lists before it says "and N more".
_LISTED = 30


def output_driver(dest_id):
    """The GDAL driver of a file output (``/x/out.shp``, ``out.gpkg|layername=a``), or None
    for anything that is no file (memory layers, database URIs)."""
    if not isinstance(dest_id, str) or not dest_id or "://" in dest_id or \
            dest_id.startswith("memory:"):
        return None
    path = dest_id.split("|")[0]
    extension = os.path.splitext(path)[1].lstrip(".")
    if not extension:
        return None
    return QgsVectorFileWriter.driverForExtension(extension) or None


def renamed_fields(driver, names):
    """[(name, name in the output or None when dropped)] of the field names the GDAL
    ``driver`` does not keep as they are; [] when it keeps them all or cannot tell."""
    if driver in _KEEPS_NAMES or not names:
        return []
    from osgeo import gdal, ogr
    ogr_driver = ogr.GetDriverByName(driver)
    if ogr_driver is None:
        return []
    extension = (ogr_driver.GetMetadataItem(gdal.DMD_EXTENSION) or "").split(" ")[0]
    folder = "/vsimem/mdi_field_names_{}".format(uuid.uuid4().hex)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        kept = _created_names(ogr_driver, "{}/names{}".format(
            folder, "." + extension if extension else ""), names)
    except RuntimeError:      # GDAL with exceptions on: a format that cannot tell
        kept = None
    finally:
        for item in gdal.ReadDirRecursive(folder) or []:
            gdal.Unlink("{}/{}".format(folder, item))
        gdal.PopErrorHandler()
    return [] if kept is None else [(name, new) for name, new in zip(names, kept)
                                    if new != name]


def _created_names(ogr_driver, path, names):
    """The names a new layer of ``ogr_driver`` at ``path`` gives fields created in the order
    of ``names`` (the order matters: a cut name may collide with a later one); None when
    the driver cannot create such a layer."""
    from osgeo import ogr
    dataset = ogr_driver.CreateDataSource(path)
    if dataset is None:
        return None
    layer = dataset.CreateLayer("names", geom_type=ogr.wkbNone)
    if layer is None:
        return None
    kept = []
    for name in names:
        count = layer.GetLayerDefn().GetFieldCount()
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTReal))
        definition = layer.GetLayerDefn()
        kept.append(definition.GetFieldDefn(count).GetName()
                    if definition.GetFieldCount() > count else None)
    return kept


def warn_renamed_fields(feedback, parameter, dest_id, fields):
    """Warn when the file output ``dest_id`` of ``parameter`` will not keep every name of
    ``fields`` (QgsFields): each changed name and what it becomes."""
    driver = output_driver(dest_id)
    changed = renamed_fields(driver, fields.names()) if driver else []
    if not changed:
        return changed
    shown = ", ".join("'{}' -> {}".format(old, "'{}'".format(new) if new else tr("dropped"))
                      for old, new in changed[:_LISTED])
    if len(changed) > _LISTED:
        shown += tr(" and {count} more").format(count=len(changed) - _LISTED)
    feedback.pushWarning(tr(
        "{parameter}: the {driver} format does not keep every field name; {count} field(s) "
        "are written under another name or not at all: {fields}. Later MDI steps recognise "
        "MDI fields cut to 10 characters, not renamed ones: choose these fields by their new "
        "names, or write a GeoPackage (.gpkg) to keep every name.").format(
            parameter=parameter, driver=driver, count=len(changed), fields=shown))
    return changed
