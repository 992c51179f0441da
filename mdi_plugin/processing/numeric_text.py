"""Text stored in a numeric column of a GeoPackage (or another SQLite file read through OGR)
or of a Shapefile's dBASE table.

SQLite keeps whatever a cell was given: a REAL column may hold ``'veel'``, ``'x'`` or
``'12,5'`` (Excel pastes, hand edits in DB Browser, other tools). OGR, and so QGIS's ``ogr``
provider and the columnar reader, read such a cell as a number the way SQLite converts it:
``'veel'`` and ``'x'`` become 0 and ``'12,5'`` becomes 12, without a word. The ``spatialite``
provider hands over the text itself, and a text column always does.

So that a value means the same whatever the provider, ``check_text_cells`` looks up the
cells of the numeric fields being read whose SQLite type is text (or blob) and puts their
text back where the column held the provider's number. Float columns get the text parsed by
``core.values.parse_numeric_column`` right away (``'12,5'`` = 12.5, ``'.'``/``'x'`` and the
CBS codes = missing, anything else an error naming field, feature and value); columns of raw
values get the text, which the algorithm parses as it parses a text field. A warning names the
fields whose cells were read from text, as the output's copy of such a field still holds what
QGIS read (0, 12).

A dBASE (.dbf) numeric field stores its numbers as text too; OGR reads a cell that is no
number (``'veel'``) as 0. ``dbf_text_cells`` finds such cells the same way.

The source of a run is tagged with its layer (``remember_layer``, in ``AlgorithmRun.source``),
as a QgsProcessingFeatureSource does not tell where its features come from.
"""

import os
import re
import sqlite3
import struct
from pathlib import Path
from urllib.parse import quote

from qgis.core import QgsProviderRegistry, QgsVectorLayer

from ..compat import FIELD_ORIGIN_PROVIDER, is_null
from ..core.values import parse_numeric_column
from ..i18n import tr

#: Attribute of a source object holding a callable that returns its vector layer (or None).
_ORIGIN = "mdi_origin_layer"
_SQLITE_HEADER = b"SQLite format 3\x00"
#: Storage classes of SQLite that are not numbers (NULL is missing, as read).
_NOT_NUMBER = ("text", "blob")


def remember_layer(source, find_layer):
    """Tag a feature source with ``find_layer()`` -> the vector layer behind it (or None),
    called only when a numeric field is read."""
    try:
        setattr(source, _ORIGIN, find_layer)
    except (AttributeError, TypeError):   # pragma: no cover - a source without a __dict__
        pass


def origin_layer(source, layer=None):
    """The vector layer behind ``source``: ``layer`` when given, the source itself when it is
    a layer, else the one ``remember_layer`` tagged it with; None when unknown."""
    if layer is not None:
        return layer
    if isinstance(source, QgsVectorLayer):
        return source
    find = getattr(source, _ORIGIN, None)
    if find is None:
        return None
    try:
        return find()
    except Exception:  # noqa: BLE001 - no layer behind the source: nothing to check
        return None


def _is_sqlite(path):
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def sqlite_table(layer):
    """(path, table) of a layer read through OGR from a SQLite-based file (GeoPackage,
    SQLite), or None for anything else."""
    if layer is None or layer.providerType() != "ogr":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path or not os.path.isfile(path) or not _is_sqlite(path):
        return None
    name = parts.get("layerName")
    if is_null(name) or not name:
        name = _ogr_layer_name(path, parts.get("layerId"))
    return (path, name) if name else None


def _ogr_layer_name(path, number):
    """The table name of OGR layer ``number`` (or of the only layer) of a file."""
    from osgeo import gdal
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    finally:
        gdal.PopErrorHandler()
    if dataset is None:
        return None
    if not is_null(number) and number is not None:
        found = dataset.GetLayer(int(number))
    else:
        found = dataset.GetLayer(0) if dataset.GetLayerCount() == 1 else None
    return found.GetName() if found is not None else None


def _quote(name):
    return '"{}"'.format(name.replace('"', '""'))


def sqlite_uri(path, windows=os.name == "nt"):
    """The read-only SQLite URI of a file. Windows: ``C:\\data\\in.gpkg`` ->
    ``file:///C:/data/in.gpkg``, and a network share ``\\\\server\\gis\\in.gpkg`` ->
    ``file:////server/gis/in.gpkg`` (SQLite refuses a host name in the URI); characters
    such as # and ? are percent-encoded."""
    if windows:
        text = str(path).replace("\\", "/")
        if text.startswith("//"):                  # UNC share: keep it in the path part
            return "file://" + quote(text) + "?mode=ro"
        # (PurePath.as_uri is deprecated from Python 3.14: build the URI ourselves)
        return "file:///" + quote(text, safe="/:") + "?mode=ro"
    return Path(os.path.abspath(path)).as_uri() + "?mode=ro"


def _connect(path):
    """A read-only connection to the file (nothing is written, no journal is made)."""
    return sqlite3.connect(sqlite_uri(os.path.abspath(path)), uri=True)


def _id_column(connection, table):
    """The INTEGER PRIMARY KEY of a table (OGR's and QGIS's feature id), else rowid."""
    for _cid, name, kind, _notnull, _default, pk in connection.execute(
            "PRAGMA table_info({})".format(_quote(table))):
        if pk == 1 and kind.strip().upper() == "INTEGER":
            return name
    return "rowid"


def text_cells(path, table, columns):
    """{column: [(feature id, stored text or bytes), ...]} of the cells of ``columns`` whose
    SQLite type is text or blob (empty lists when there are none)."""
    connection = _connect(path)
    try:
        fid = _id_column(connection, table)
        picks = ", ".join("{0}, typeof({0})".format(_quote(c)) for c in columns)
        where = " OR ".join("typeof({}) IN ('text', 'blob')".format(_quote(c))
                            for c in columns)
        query = "SELECT {}, {} FROM {} WHERE {}".format(_quote(fid), picks, _quote(table),
                                                        where)
        found = {c: [] for c in columns}
        for row in connection.execute(query):
            for k, column in enumerate(columns):
                value, kind = row[1 + 2 * k], row[2 + 2 * k]
                if kind in _NOT_NUMBER:
                    found[column].append((row[0], value))
        return found
    finally:
        connection.close()


#: A number as a dBASE (Shapefile .dbf) numeric field stores it.
_DBF_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def dbf_path(layer):
    """The .dbf of a layer read through OGR from a Shapefile or a dBASE table, or None."""
    if layer is None or layer.providerType() != "ogr":
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("path") or ""
    stem, suffix = os.path.splitext(path)
    if suffix.lower() not in (".shp", ".dbf"):
        return None
    for candidate in (stem + ".dbf", stem + ".DBF"):
        if os.path.isfile(candidate):
            return candidate
    return None


def dbf_text_cells(path, columns):
    """{column: [(feature id, stored text), ...]} of the cells of the numeric (N, F) fields
    ``columns`` of a .dbf that hold something other than a number (OGR reads them as 0). The
    feature id of a Shapefile is the record number."""
    with open(path, "rb") as handle:
        header = handle.read(32)
        count, header_size, record_size = struct.unpack("<IHH", header[4:12])
        fields, offset = [], 1                      # byte 0 of a record: deletion flag
        while True:
            descriptor = handle.read(32)
            if not descriptor or descriptor[0] == 0x0D:
                break
            name = descriptor[:11].split(b"\0")[0].decode("latin-1")
            kind, width = chr(descriptor[11]), descriptor[16]
            fields.append((name, kind, offset, width))
            offset += width
        wanted = {c.lower(): c for c in columns}
        picked = [(wanted[n.lower()], o, w) for n, k, o, w in fields
                  if k in "NF" and n.lower() in wanted]
        found = {c: [] for c in columns}
        handle.seek(header_size)
        for fid in range(count):
            record = handle.read(record_size)
            if len(record) < record_size:
                break
            if record[:1] == b"*":                  # a deleted record: OGR skips it
                continue
            for column, start, width in picked:
                text = record[start:start + width].decode("latin-1").strip()
                if text and text.strip("*") and not _DBF_NUMBER.match(text):
                    found[column].append((fid, text))
        return found


def _numeric_provider_fields(layer, field_names):
    fields = layer.fields()
    wanted = []
    for name in field_names:
        index = fields.lookupField(name)
        if index >= 0 and fields.at(index).isNumeric() and \
                fields.fieldOrigin(index) == FIELD_ORIGIN_PROVIDER:
            wanted.append(fields.at(index).name())
    return wanted


def check_text_cells(layer, ids, columns, feedback=None):
    """Put the stored text of the numeric fields' text cells into ``columns`` (see the
    module docstring). ``ids``: the feature ids of the rows; ``columns``: {field name: float
    array or list of raw values}, changed in place."""
    table = sqlite_table(layer)
    dbf = dbf_path(layer) if table is None else None
    if table is None and dbf is None:
        return
    names = [n for n in _numeric_provider_fields(layer, columns) if n in columns]
    if not names:
        return
    path = table[0] if table else dbf
    try:
        cells = text_cells(path, table[1], names) if table else dbf_text_cells(dbf, names)
    except (sqlite3.Error, OSError, struct.error) as err:
        if feedback is not None:
            feedback.pushWarning(tr(
                "Could not check whether the numeric fields {fields} of '{path}' hold text "
                "({error}); such text is read as QGIS reads it (0 or a cut-off number).")
                .format(fields=", ".join(names), path=path, error=err))
        return
    cells = {field: found for field, found in cells.items() if found}
    if not cells:
        return
    row_of = {fid: row for row, fid in enumerate(ids)}
    for field, found in cells.items():
        found = [(fid, value) for fid, value in found if fid in row_of]
        if found:
            _put_text(columns, field, found, row_of, feedback)


def _put_text(columns, field, found, row_of, feedback):
    fids = [fid for fid, _ in found]
    texts = [value for _, value in found]
    rows = [row_of[fid] for fid in fids]
    column = columns[field]
    if hasattr(column, "dtype") and column.dtype.kind == "f":
        column[rows] = parse_numeric_column(texts, field, fids)   # error: field, feature, value
    else:
        for row, text in zip(rows, texts):
            column[row] = text
    if feedback is not None:
        feedback.pushWarning(tr(
            "Field '{field}' is a numeric field, but {count} feature(s) hold text (e.g. "
            "feature {feature}: {value!r}). They are read as a text field is read: "
            "'12,5' is 12.5, '.' and 'x' are missing. QGIS itself shows such text as 0 or a "
            "cut-off number, also in the output's copy of the field: correct the input.")
            .format(field=field, count=len(found), feature=fids[0], value=texts[0]))
