"""What on disk or in a database a layer or an output is, and whether an output replaces it.

Every input of a run (a layer of any provider, a file parameter) and every output (a
feature sink's destination, a file the algorithm writes itself) is turned into a
``Place`` by one of three functions, and one comparison decides:

* ``layer_places(layer, lookup)``: what a layer reads, whatever its provider and URI form:
  ``ogr`` (``path|layername=x``, ``|layerid=n``, ``/vsizip/``), ``delimitedtext``
  (``file:///...csv?...``), ``spatialite`` (``dbname='...' table=...``), ``gpx`` and any
  provider whose URI has a path, database tables (``postgres``, ``mssql``, ``oracle``,
  ``hana``), ``memory`` (nothing on disk) and ``virtual`` layers (the places of their
  sources, embedded or referring to other layers);
* ``destination_place(text)``: what a sink writes, read as QGIS reads the destination
  (``QgsProcessingUtils::parseDestinationString``): ``memory:``, ``provider://uri``,
  ``ogr:dbname=... table=...``, ``spatialite:...``, ``postgis:...``, or a file path that
  QGIS may complete (``x.json`` is written as ``x.json.geojson``, ``x`` as ``x.gpkg``);
* ``file_place(path)``: a file read or written as a whole (spec, zone table, PNG, PDF);
* ``replaces(output, existing)``: True when writing ``output`` replaces ``existing``: the
  same database table, or the same file (a plain path replaces the whole file; a layer
  replaces the layer of that name in a GeoPackage / SQLite / FileGDB / spreadsheet, and
  the whole file of any single-layer format such as CSV, Shapefile or GeoJSON).

Files are compared by their real path: relative paths as QGIS resolves them (against the
process's working folder, also when a project is open), symlinks and ``..`` resolved, and
the parts of a Shapefile (``.shp .shx .dbf .prj .cpg``) count as one file, because QGIS
deletes them together. Linux and Windows differ here: Windows names are case-insensitive
and ignore trailing dots and spaces, and a path may carry the ``\\\\?\\`` prefix; Linux names
are case-sensitive, but a FAT/NTFS/SMB mount (and macOS) is not, which
``os.path.samefile`` catches for files that exist. ``path_key`` and ``same_file`` take the
path module (``os.path``; ``ntpath`` in tests) so the Windows rules are tested on Linux.
"""

import ntpath
import os
import re

#: Shapefile parts: QGIS deletes and writes them together (QgsVectorFileWriter).
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".qix", ".sbn", ".sbx")
#: Formats that hold several layers: writing a layer replaces only the layer of that name.
CONTAINERS = (".gpkg", ".sqlite", ".sqlite3", ".db", ".spatialite", ".gdb", ".xlsx", ".ods")
#: Providers of database tables -> their family in a table key.
DATABASE_PROVIDERS = {"postgres": "postgres", "postgis": "postgres", "mssql": "mssql",
                      "oracle": "oracle", "hana": "hana", "db2": "db2"}
_DEFAULT_SCHEMA = {"postgres": "public", "mssql": "dbo"}
_DEFAULT_PORT = {"postgres": "5432"}
_LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1", "/tmp", "/var/run/postgresql",
                "/run/postgresql")
_VSI_ARCHIVE = re.compile(r"^/vsi(?:zip|tar|gzip|7z|rar)/+(.+?\.(?:zip|tar|tgz|tar\.gz|gz|7z|rar))"
                          r"(?:[/\\]|$)", re.I)
_URL_DRIVE = re.compile(r"^/[A-Za-z]:[/\\]")
_NT_LONG_PREFIX = "\\\\?\\"
_PROVIDER_URI = re.compile(r"^(\w+?)://(.+)$", re.S)        # decodeProviderKeyAndUri
_PROVIDER_PREFIX = re.compile(r"^(.{3,}?):(.*)$", re.S)     # parseDestinationString
_EXTENSION = re.compile(r"^(.*)\.(.*?)$", re.S)
_MAX_DEPTH = 8                                                # virtual layers of virtual layers


class Place:
    """What an input or output is: ``kind`` 'file' (``path``; ``layer``: the layer or table
    inside the file, None for the whole file), 'table' (``key``: a database table),
    'memory' (nothing on disk) or 'unknown' (a web service or a source that cannot be
    located: it never equals anything)."""

    __slots__ = ("kind", "path", "layer", "key")

    def __init__(self, kind, path=None, layer=None, key=None):
        self.kind = kind
        self.path = path
        self.layer = layer
        self.key = key

    def __repr__(self):
        return "Place({!r}, path={!r}, layer={!r}, key={!r})".format(
            self.kind, self.path, self.layer, self.key)


MEMORY = Place("memory")
UNKNOWN = Place("unknown")


# --------------------------------------------------------------------- comparing (no QGIS)

def local_path(text, pathmod=os.path):
    """The file path of a path or of a file URL's path ('/C:/x.csv' from 'file:///C:/x.csv'
    is 'C:/x.csv' on Windows); a GDAL archive path (/vsizip/a.zip/b.shp) is the archive."""
    text = str(text)
    match = _VSI_ARCHIVE.match(text)
    if match:
        text = match.group(1)
    if pathmod is ntpath and _URL_DRIVE.match(text):
        text = text[1:]
    return text


def absolute(path, pathmod=os.path, cwd=None):
    """``path`` made absolute as the operating system opens it: against the working
    folder, and on Windows with '..' resolved by the name; on Linux 'link/..' is the parent
    of the folder the link points to, so '..' is left for ``path_key`` (realpath)."""
    if not pathmod.isabs(path):
        path = pathmod.join(os.getcwd() if cwd is None else cwd, path)
    return pathmod.normpath(path) if pathmod is ntpath else path


def _nt_clean(path):
    """A Windows path as Windows opens it: no \\\\?\\ prefix, no trailing dots or spaces in a
    name ('in.csv. ' opens in.csv)."""
    if path.startswith(_NT_LONG_PREFIX + "UNC\\"):
        path = "\\\\" + path[len(_NT_LONG_PREFIX) + 4:]
    elif path.startswith(_NT_LONG_PREFIX):
        path = path[len(_NT_LONG_PREFIX):]
    drive, rest = ntpath.splitdrive(path)
    parts = re.split(r"([\\/]+)", rest)
    return drive + "".join(p if p in (".", "..") or re.fullmatch(r"[\\/]+", p) else
                           p.rstrip(". ") or p for p in parts)


def path_key(path, pathmod=os.path, cwd=None):
    """A comparable form of a file path: absolute (relative to ``cwd``, default the
    process's working folder, as QGIS resolves relative paths), real (symlinks resolved),
    in the case the file system compares (Windows: lower case) and a Shapefile part as its
    .shp."""
    path = local_path(path, pathmod)
    if pathmod is ntpath:
        path = _nt_clean(path)
    path = pathmod.realpath(absolute(path, pathmod, cwd))
    if pathmod is ntpath:
        path = _nt_clean(path)
    path = pathmod.normcase(path)
    stem, extension = pathmod.splitext(path)
    if extension.lower() in SHAPEFILE_PARTS:
        path = stem + ".shp"
    return path


def same_file(first, second, pathmod=os.path, cwd=None):
    """True when two paths name the same file (see ``path_key``). With ``os.path`` also
    when the file system says so for files that exist (hard links, a case-insensitive
    mount on Linux or macOS, an 8.3 short name on Windows)."""
    first_key = path_key(first, pathmod, cwd)
    second_key = path_key(second, pathmod, cwd)
    if first_key == second_key:
        return True
    if pathmod is not os.path:
        return False
    try:
        return os.path.samefile(first_key, second_key)
    except (OSError, ValueError):
        return False


def is_container(path, pathmod=os.path):
    """True for a format that holds several layers (GeoPackage, SQLite, FileGDB, ...)."""
    return pathmod.splitext(str(path).rstrip("/\\"))[1].lower() in CONTAINERS


def replaces(output, existing, pathmod=os.path, cwd=None):
    """True when writing Place ``output`` replaces (part of) Place ``existing``."""
    if output.kind == "table" and existing.kind == "table":
        return output.key == existing.key
    if output.kind != "file" or existing.kind != "file":
        return False
    if not same_file(output.path, existing.path, pathmod, cwd):
        return False
    if output.layer is None or existing.layer is None or \
            not is_container(output.path, pathmod):
        return True
    return output.layer.casefold() == existing.layer.casefold()


def table_key(provider, uri):
    """A comparable key of a database table from a provider name and a QgsDataSourceUri."""
    family = DATABASE_PROVIDERS.get(provider, provider)
    host = (uri.host() or "").strip()
    host = "localhost" if host.lower() in _LOCAL_HOSTS else host.lower()
    return (family, uri.service(), "" if uri.service() else host,
            uri.port() or _DEFAULT_PORT.get(family, ""), uri.database(),
            uri.schema() or _DEFAULT_SCHEMA.get(family, ""), uri.table())


# --------------------------------------------------------------------- QGIS sources

def file_place(path):
    """The Place of a whole file (a file parameter, a file an algorithm writes)."""
    return Place("file", path=absolute(local_path(path)))


def layer_file_place(path, layer=None, layer_id=None):
    """The Place of a layer in a file: in a container (GeoPackage, ...) the layer, for a
    container without a layer name the one QGIS opens (``layer_id`` or the first); any
    other format is one layer, the whole file."""
    place = file_place(path)
    if is_container(place.path):
        place.layer = layer or _layer_name(place.path, layer_id)
    return place


def _layer_name(path, layer_id):
    """The name of layer ``layer_id`` (default the first) of a container, or None."""
    try:
        from osgeo import ogr
        dataset = ogr.Open(path, 0)
        if dataset is None:
            return None
        index = int(layer_id) if layer_id not in (None, "") else 0
        layer = dataset.GetLayerByIndex(index) if 0 <= index < dataset.GetLayerCount() \
            else None
        name = layer.GetName() if layer is not None else None
        dataset = None
        return name
    except Exception:  # noqa: BLE001 - unknown layer: the whole file counts
        return None


def _text(value):
    """A decoded URI part as str, or None (NULL, empty)."""
    if value is None or not isinstance(value, (str, int)):
        return None
    return str(value) if str(value) != "" else None


def source_places(provider, source, lookup=None, depth=0):
    """[Place] of what a layer of ``provider`` with URI ``source`` reads. ``lookup(id)``:
    the layer with that id (for virtual layers that refer to other layers)."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry
    provider = (provider or "").lower()
    if provider == "memory":
        return [MEMORY]
    if provider == "virtual":
        return _virtual_places(source, lookup, depth)
    if provider in DATABASE_PROVIDERS:
        return [Place("table", key=table_key(provider, QgsDataSourceUri(source)))]
    if provider == "spatialite":
        uri = QgsDataSourceUri(source)
        return [layer_file_place(uri.database(), uri.table())] if uri.database() \
            else [UNKNOWN]
    try:
        parts = QgsProviderRegistry.instance().decodeUri(provider, source) or {}
    except Exception:  # noqa: BLE001 - a provider without decodeUri
        parts = {}
    path = _text(parts.get("path"))
    if path is None and provider == "delimitedtext":
        from qgis.PyQt.QtCore import QUrl
        path = _text(QUrl(source).toLocalFile())
    if path is None:
        return [UNKNOWN]
    return [layer_file_place(path, _text(parts.get("layerName")), _text(parts.get("layerId")))]


def _virtual_places(source, lookup, depth):
    from qgis.core import QgsVirtualLayerDefinition
    from qgis.PyQt.QtCore import QUrl
    if depth >= _MAX_DEPTH:
        return [UNKNOWN]
    definition = QgsVirtualLayerDefinition.fromUrl(QUrl.fromEncoded(source.encode("utf-8")))
    places = []
    for layer in definition.sourceLayers():
        if layer.isReferenced():
            places.extend(_referenced_places(layer.reference(), lookup, depth))
        else:
            places.extend(source_places(layer.provider(), layer.source(), lookup, depth + 1))
    return places


def _referenced_places(layer_id, lookup, depth):
    layer = lookup(layer_id) if lookup is not None else None
    return layer_places(layer, lookup, depth + 1) if layer is not None else [UNKNOWN]


def layer_places(layer, lookup=None, depth=0):
    """[Place] of what ``layer`` reads (a virtual layer: what its sources read, also the
    project layers its query names)."""
    places = source_places(layer.providerType(), layer.source(), lookup, depth)
    provider = layer.dataProvider()
    if layer.providerType() == "virtual" and provider is not None and depth < _MAX_DEPTH:
        for dependency in provider.dependencies():
            places.extend(_referenced_places(dependency.layerId(), lookup, depth))
    return places


# --------------------------------------------------------------------- QGIS destinations

def written_path(path):
    """The file QGIS writes for a plain destination path: ``x`` or an unknown extension
    gets .gpkg, and a format's own extension is added when missing (``x.json`` ->
    ``x.json.geojson``, as QgsVectorFileWriter does)."""
    from qgis.core import QgsVectorFileWriter
    match = _EXTENSION.match(path)
    driver = QgsVectorFileWriter.driverForExtension(match.group(2)) if match else ""
    if not driver:
        return path + ".gpkg"
    if driver in ("ESRI Shapefile", "DBF file"):
        return path if path.lower().endswith(".shp") else path + ".shp"
    metadata = QgsVectorFileWriter.MetaData()
    if QgsVectorFileWriter.driverMetadata(driver, metadata):
        extensions = metadata.ext.split()
        if extensions and not any(path.lower().endswith("." + e.lower()) for e in extensions):
            path = path + "." + extensions[0]
    return path


def split_destination(text):
    """(provider, uri) of a destination string as QGIS splits it; (None, text) for a
    plain file path."""
    from qgis.core import QgsProviderRegistry
    match = _PROVIDER_URI.match(text)
    if match and QgsProviderRegistry.instance().providerMetadata(match.group(1)) is not None:
        provider, uri = match.group(1), match.group(2)
    else:
        match = _PROVIDER_PREFIX.match(text)
        if not match:
            return None, text
        provider, uri = match.group(1), match.group(2)
        if uri.startswith("//"):
            uri = uri[2:]
    return ("postgres" if provider == "postgis" else provider), uri


def destination_place(text):
    """(Place, provider, uri) of a sink's destination string: provider 'memory', None for
    a plain file path, else the provider QGIS writes it with."""
    from qgis.core import QgsDataSourceUri
    stripped = text.strip()
    if not stripped or stripped == "TEMPORARY_OUTPUT" or stripped.startswith("memory:"):
        return MEMORY, "memory", stripped
    provider, uri = split_destination(stripped)
    if provider is None:
        return Place("file", path=absolute(written_path(stripped))), None, stripped
    if provider in ("ogr", "spatialite"):
        parts = QgsDataSourceUri(uri)
        path = parts.database() or (uri if provider == "ogr" else "")
        if not path:
            return UNKNOWN, provider, uri
        layer = parts.table() or os.path.splitext(os.path.basename(path))[0]
        return Place("file", path=absolute(path), layer=layer), provider, uri
    if provider in DATABASE_PROVIDERS:
        return Place("table", key=table_key(provider, QgsDataSourceUri(uri))), provider, uri
    return UNKNOWN, provider, uri
