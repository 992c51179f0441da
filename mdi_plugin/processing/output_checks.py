"""Outputs as QGIS will really write them, checked before anything is written.

* The file QGIS really writes for a layer output: QGIS adds the extension of the format
  when the name lacks it (``uitvoer`` -> ``uitvoer.gpkg``, ``spec.json`` ->
  ``spec.json.geojson``; ``places.written_path``). The guard checks that file, and the log
  says where the output goes.
* Folders: a missing folder of an output is created (and removed again by a failed run,
  ``OutputGuard.make_folder``); a path through a file, or a folder that cannot be
  created, is a clear error naming the parameter.
* Field names that differ only in case (``MDI`` and ``mdi``): file formats (GeoPackage,
  Shapefile, ...) compare field names without case and cannot hold both; refused before
  anything is written, naming the fields.
"""

import os

from qgis.core import QgsProcessingException

from ..i18n import tr
from .places import absolute, written_path

#: Destination kinds written through GDAL, where field names are compared without case.
_FILE_KINDS = ("file", "ogr_layer")


# --------------------------------------------------------------------- the real file

def real_destination(name, destination, feedback):
    """``destination`` with the file QGIS will really write (``places.written_path``; a
    new Destination only when its path is not that file yet); when QGIS adds an extension
    to the name typed, the log says where the output goes."""
    if destination.kind == "file" and "|layername=" in destination.text.lower():
        path, _bar, layer = destination.text.partition("|")
        raise fail("{output}: '{given}' is not a destination QGIS understands: it would "
                   "write a file literally named '{given}.gpkg'. To write layer '{layer}' "
                   "into {path}, give {output} as: ogr:dbname='{path}' table=\"{layer}\"",
                   output=name, given=destination.text, path=path.strip(),
                   layer=layer.split("=", 1)[1].split("|")[0].strip())
    if destination.kind != "file" or not destination.path or "|" in destination.text:
        return destination
    # places.absolute: '..' after a symbolic link resolved as the operating system does
    path = absolute(written_path(destination.path))
    typed = absolute(destination.text)
    if path != typed:
        feedback.pushWarning(tr("{output}: QGIS writes '{path}' (it adds the extension "
                                "'.{extension}' of the output format to the name given)."
                                ).format(output=name, path=path,
                                         extension=os.path.splitext(path)[1][1:]))
        if os.path.exists(typed):
            feedback.pushInfo(tr("{output}: the existing file '{given}' is not changed."
                                 ).format(output=name, given=typed))
    if path == destination.path:
        return destination
    return type(destination)("file", destination.text, path=path)


# --------------------------------------------------------------------- folders

def fail(template, **params):
    """A QgsProcessingException with a translated, formatted message (raise it)."""
    return QgsProcessingException(tr(template).format(**params))


def prepare_folder(path, name, target=None):
    """Create folder ``path`` of output ``name`` with its missing parents; returns
    (absolute path, [the folders created, outermost first]). ``target``: the file of the
    output that goes into the folder (None: the folder is the output). A path through a
    file or a folder that cannot be created is a QgsProcessingException naming ``name``."""
    path = os.path.abspath(path)
    missing = []
    existing = path
    while not os.path.exists(existing):
        missing.insert(0, existing)
        parent = os.path.dirname(existing)
        # At the root: on Windows a drive (Q:\\) or network share that does not exist;
        # makedirs then says why (on Linux the root / always exists).
        if parent == existing:
            break
        existing = parent
    if os.path.exists(existing) and not os.path.isdir(existing):
        if target:
            raise fail("{output}: '{file}' is a file, not a folder, so '{target}' cannot be "
                       "written there. Choose another folder or file name for {output}. "
                       "Nothing was written.", output=name, file=existing, target=target)
        if existing == path:
            raise fail("{output}: '{folder}' is a file, not a folder. Choose a folder (a "
                       "new name is created) for {output}. Nothing was written.",
                       output=name, folder=path)
        raise fail("{output}: '{file}' is a file, not a folder, so the folder '{folder}' "
                   "cannot be made there. Choose another folder for {output}. Nothing was "
                   "written.", output=name, file=existing, folder=path)
    if missing:
        try:
            os.makedirs(path, exist_ok=True)
        except OSError as err:
            raise fail("{output}: the folder '{folder}' cannot be created: {reason}. Choose "
                       "a folder you may write to (on Windows: a drive that exists). "
                       "Nothing was written.", output=name, folder=path,
                       reason=err.strerror or str(err)) from None
    return path, missing


def make_parent_folder(guard, name, path):
    """Create the missing folder of the output file ``path`` of output ``name`` (the
    guard removes it again when the run fails); a path through a file is an error."""
    if path:
        path = os.path.abspath(path)
        guard.make_folder(os.path.dirname(path), name, target=path)


# --------------------------------------------------------------------- field names

def check_field_names(name, fields, destination):
    """Refuse fields whose names differ only in case for a file output (GeoPackage,
    Shapefile, CSV ...: GDAL compares field names without case): name them."""
    if destination.kind not in _FILE_KINDS:
        return
    seen, clashes = {}, []
    for field_name in fields.names():
        first = seen.setdefault(field_name.lower(), field_name)
        if first != field_name:
            clashes.append("'{}' and '{}'".format(first, field_name))
    if clashes:
        raise fail("{output}: the fields {fields} differ only in upper and lower case; a "
                   "file such as {target} cannot hold them side by side (it compares field "
                   "names without case). Rename or remove one of each pair in the input "
                   "(e.g. with 'Refactor fields'). Nothing was written.", output=name,
                   fields=", ".join(clashes), target=destination.describe())
