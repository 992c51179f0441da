"""Hostile inputs, text in a numeric column of a GeoPackage: SQLite keeps text in a REAL
column ('veel', 'x', '12,5'), which QGIS's ogr provider and OGR's columnar reader read as
0, 0 and 12 without a word. Every algorithm reads such a cell as a text field is read
(processing/numeric_text.py): '12,5' is 12.5, '.'/'x'/CBS codes are missing, anything else
is an error naming field, feature and value - through processing.run and qgis_process."""

import sqlite3

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException, QgsVectorLayer

from mdi_plugin.core.spec import load_spec
from mdi_plugin.processing.numeric_text import sqlite_uri
from mdi_safety_helpers import column, indicator_table
from mdi_test_helpers import LogFeedback
from mdi_test_helpers import run_algorithm as run

SPEC = load_spec()
FIELDS = [i.field for i in SPEC.indicators]
FIRST = FIELDS[0]


def geopackage(path, names, rows, kind=ogr.OFTReal, layer="gemeenten", text=None):
    """A GeoPackage layer (points) with a code and the REAL fields ``names``; ``text``:
    {(row, field): stored text} written into the REAL cells afterwards with sqlite3, as a
    hand edit or another tool does (the column keeps its REAL type)."""
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    table = dataset.CreateLayer(layer, srs, ogr.wkbPoint)
    table.CreateField(ogr.FieldDefn("gemeentecode", ogr.OFTString))
    for name in names:
        table.CreateField(ogr.FieldDefn(name, kind))
    for number, values in enumerate(rows):
        feature = ogr.Feature(table.GetLayerDefn())
        feature.SetField("gemeentecode", "GM{:04d}".format(number + 1))
        for name, value in zip(names, values):
            if value == value:
                feature.SetField(name, float(value))
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            "POINT ({} 450000)".format(100000 + 10 * number)))
        table.CreateFeature(feature)
    dataset = None
    connection = sqlite3.connect(str(path))
    for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # rtree triggers
        connection.create_function(name, 1, lambda geometry: 0)
    for (row, name), value in (text or {}).items():
        connection.execute('UPDATE "{}" SET "{}" = ? WHERE fid = ?'.format(layer, name),
                           (value, row + 1))
    connection.commit()
    stored = {name: connection.execute('SELECT typeof("{}") FROM "{}" WHERE fid = ?'.format(
        name, layer), (row + 1,)).fetchone()[0] for (row, name) in (text or {})}
    connection.close()
    assert set(stored.values()) <= {"text"}, stored            # really text in a REAL column
    return str(path)


def test_qgis_itself_reads_the_text_cells_as_zero_and_a_cut_off_number(tmp_path):
    """The problem this guards against (QGIS's own reading of the file)."""
    path = geopackage(tmp_path / "in.gpkg", ["mdi"], [[1.0], [2.0], [3.0]],
                      text={(0, "mdi"): "veel", (1, "mdi"): "12,5"})
    layer = QgsVectorLayer(path, "in", "ogr")
    assert [f["mdi"] for f in layer.getFeatures()] == [0.0, 12.0, 3.0]


@pytest.mark.parametrize("algorithm, parameters", [
    ("mdi:classifyquartiles", {"FIELD": "mdi"}),
    ("mdi:topn", {"FIELD": "mdi"}),
    ("mdi:aggregatetoregions", {"REGION_FIELD": "gemeentecode", "FIELDS": ["mdi"]}),
    ("mdi:flagperiphery", {"CODE_FIELD": "gemeentecode", "MDI_FIELD": "mdi"}),
])
def test_text_in_a_real_column_is_an_error_naming_field_feature_and_value(
        mdi_provider, tmp_path, algorithm, parameters):
    path = geopackage(tmp_path / "in.gpkg", ["mdi"], [[40.0], [50.0], [60.0], [70.0]],
                      text={(2, "mdi"): "veel"})
    with pytest.raises(QgsProcessingException) as raised:
        run(algorithm, dict(parameters, INPUT=path))
    assert "Field 'mdi', feature 3: value 'veel' is not a number" in str(raised.value)


def test_compute_reads_text_cells_like_a_text_field_on_the_columnar_path(mdi_provider,
                                                                         tmp_path):
    """computemdi reads a whole GeoPackage through OGR's columnar reader: '12,5' is 12.5,
    'x' and '.' are missing, the same MDI as the file with those numbers (NULL for x)."""
    table = indicator_table(rows=12)
    table[3, 0], table[5, 1], table[7, 2] = 12.5, np.nan, np.nan
    numbers = geopackage(tmp_path / "numbers.gpkg", FIELDS, table.tolist())
    texts = geopackage(tmp_path / "texts.gpkg", FIELDS, table.tolist(), text={
        (3, FIELDS[0]): "12,5", (5, FIELDS[1]): "x", (7, FIELDS[2]): "."})
    feedback = LogFeedback()
    got = column(run("mdi:computemdi", {"INPUT": texts}, feedback)["OUTPUT"], "mdi")
    expected = column(run("mdi:computemdi", {"INPUT": numbers})["OUTPUT"], "mdi")
    assert got == pytest.approx(expected)
    assert any("'{}' is a numeric field, but 1 feature(s) hold text".format(FIELDS[0]) in w and
               "'12,5'" in w for w in feedback.warnings)


def test_compute_refuses_text_in_a_real_column(mdi_provider, tmp_path):
    table = indicator_table(rows=6)
    path = geopackage(tmp_path / "in.gpkg", FIELDS, table.tolist(),
                      text={(4, FIRST): "veel"})
    with pytest.raises(QgsProcessingException) as raised:
        run("mdi:computemdi", {"INPUT": path})
    assert "Field '{}', feature 5: value 'veel' is not a number".format(FIRST) in \
        str(raised.value)


def test_text_in_an_integer_column_and_a_selection_of_a_layer(mdi_provider, tmp_path):
    """INTEGER columns too; a subset reads only its own rows' text."""
    path = geopackage(tmp_path / "in.gpkg", ["mdi"], [[40], [50], [60], [70]],
                      kind=ogr.OFTInteger, text={(0, "mdi"): "veel", (2, "mdi"): "1.234,5"})
    layer = QgsVectorLayer(path, "in", "ogr")
    layer.setSubsetString("fid > 1")
    assert [f["mdi"] for f in layer.getFeatures()] == [50, 1, 70]  # QGIS: '1.234,5' is 1
    out = run("mdi:classifyquartiles", {"INPUT": layer, "FIELD": "mdi"})["OUTPUT"]
    assert column(out, "mdi_klasse") == [3, 4, 4]                   # 50, 1234.5, 70


def test_the_spatialite_provider_gives_the_same_answer(mdi_provider, tmp_path):
    """The spatialite provider hands over the text itself: same error, same numbers."""
    path = tmp_path / "in.sqlite"
    dataset = ogr.GetDriverByName("SQLite").CreateDataSource(str(path),
                                                             options=["SPATIALITE=YES"])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    table = dataset.CreateLayer("t", srs, ogr.wkbPoint)
    table.CreateField(ogr.FieldDefn("mdi", ogr.OFTReal))
    for number in range(3):
        feature = ogr.Feature(table.GetLayerDefn())
        feature.SetField("mdi", 40.0)
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT ({} 1)".format(number)))
        table.CreateFeature(feature)
    dataset = None
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE t SET mdi = 'veel' WHERE ogc_fid = 2")
    connection.commit()
    connection.close()
    for layer in (QgsVectorLayer("{}|layername=t".format(path), "ogr", "ogr"),
                  QgsVectorLayer("dbname='{}' table=\"t\" (GEOMETRY)".format(path), "sl",
                                 "spatialite")):
        assert layer.isValid()
        with pytest.raises(QgsProcessingException,
                           match="Field 'mdi', feature 2: value 'veel' is not a number"):
            run("mdi:classifyquartiles", {"INPUT": layer})


def test_qgis_process_refuses_text_and_reads_decimal_commas(qgis_process, mdi_provider, tmp_path):
    table = indicator_table(rows=8)
    bad = geopackage(tmp_path / "bad.gpkg", FIELDS, table.tolist(), text={(1, FIRST): "veel"})
    out = tmp_path / "out.gpkg"
    result = qgis_process("run", "mdi:computemdi", "--", "INPUT=" + bad,
                          "OUTPUT={}".format(out))
    assert result.returncode != 0
    assert "Field '{}', feature 2: value 'veel' is not a number".format(FIRST) in \
        result.stdout + result.stderr
    assert not out.exists()
    table[1, 0] = 12.5
    good = geopackage(tmp_path / "good.gpkg", FIELDS, table.tolist(), text={(1, FIRST): "12,5"})
    result = qgis_process("run", "mdi:computemdi", "--", "INPUT=" + good,
                          "OUTPUT={}".format(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hold text" in result.stdout + result.stderr
    numbers = geopackage(tmp_path / "numbers.gpkg", FIELDS, table.tolist())
    expected = column(run("mdi:computemdi", {"INPUT": numbers})["OUTPUT"], "mdi")
    assert column(QgsVectorLayer(str(out), "out", "ogr"), "mdi") == pytest.approx(expected)


def test_odd_file_names_and_windows_paths_reach_sqlite(mdi_provider, tmp_path):
    """The text cells are read through a read-only SQLite URI: spaces, # and ? in a name
    are encoded; Windows drive and network-share paths get SQLite's URI forms (checked as
    text here: this machine is not Windows)."""
    folder = tmp_path / "map #1 ?x"
    folder.mkdir()
    path = geopackage(folder / "in put.gpkg", ["mdi"], [[40.0], [50.0]],
                      text={(1, "mdi"): "veel"})
    with pytest.raises(QgsProcessingException, match="feature 2: value 'veel'"):
        run("mdi:classifyquartiles", {"INPUT": path})
    assert sqlite_uri("C:\\data\\in #1.gpkg", windows=True) == \
        "file:///C:/data/in%20%231.gpkg?mode=ro"
    assert sqlite_uri("\\\\server\\gis\\in.gpkg", windows=True) == \
        "file:////server/gis/in.gpkg?mode=ro"


def shapefile(path, values, text=None):
    """A Shapefile (points) with a code and the numeric field mdi; ``text``: {row: text}
    written into the .dbf's numeric cells afterwards, as another tool may leave them."""
    dataset = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    table = dataset.CreateLayer(path.stem, srs, ogr.wkbPoint)
    table.CreateField(ogr.FieldDefn("statcode", ogr.OFTString))
    number_field = ogr.FieldDefn("mdi", ogr.OFTReal)
    number_field.SetWidth(12)
    number_field.SetPrecision(3)
    table.CreateField(number_field)
    for row, value in enumerate(values):
        feature = ogr.Feature(table.GetLayerDefn())
        feature.SetField("statcode", "GM{:04d}".format(row + 1))
        feature.SetField("mdi", value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT ({} 450000)".format(
            100000 + 10 * row)))
        table.CreateFeature(feature)
    dataset = None
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    header_size, record_size = int.from_bytes(data[8:10], "little"), \
        int.from_bytes(data[10:12], "little")
    assert data[64:75].split(b"\0")[0] == b"mdi" and chr(data[75]) == "N"  # 2nd field
    start = 1 + data[32 + 16]                 # after the deletion flag and statcode
    for row, value in (text or {}).items():
        cell = header_size + row * record_size + start
        data[cell:cell + 12] = value.rjust(12).encode("latin-1")
    dbf.write_bytes(bytes(data))
    return str(path)


def test_text_in_a_numeric_field_of_a_shapefile(mdi_provider, tmp_path):
    """A Shapefile's .dbf stores numbers as text: a cell holding 'veel' (read by QGIS as 0)
    is an error naming field, feature and value; '12,5' is 12.5, as in a text field."""
    path = shapefile(tmp_path / "in.shp", [40.0, 50.0, 60.0, 70.0], {2: "veel"})
    assert [f["mdi"] for f in QgsVectorLayer(path, "in", "ogr").getFeatures()] == \
        [40.0, 50.0, 0.0, 70.0]                         # QGIS itself: 0, without a word
    with pytest.raises(QgsProcessingException) as raised:
        run("mdi:classifyquartiles", {"INPUT": path, "FIELD": "mdi"})
    assert "Field 'mdi', feature 2: value 'veel' is not a number" in str(raised.value)
    comma = shapefile(tmp_path / "komma.shp", [40.0, 50.0, 60.0, 70.0], {0: "12,5"})
    feedback = LogFeedback()
    result = run("mdi:topn", {"INPUT": comma, "FIELD": "mdi", "N": 4, "ASCENDING": True},
                 feedback=feedback)
    ranked = {f["statcode"]: f["rang"] for f in result["OUTPUT"].getFeatures()}
    assert ranked["GM0001"] == 1                        # 12.5 is the lowest, not 12 nor 0
    assert any("hold text" in line for line in feedback.warnings)
