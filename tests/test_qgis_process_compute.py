"""mdi:computemdi through a real qgis_process subprocess, as a command-line user runs it."""

import csv
import json
import math

import numpy as np
import pytest
from qgis.core import (QgsCoordinateTransformContext, QgsFeature, QgsGeometry, QgsPointXY,
                       QgsVectorFileWriter, QgsVectorLayer)

from mdi_plugin.core.spec import load_spec
from mdi_reference import reference_mdi

SPEC = load_spec()
pytestmark = pytest.mark.qgis_process


def dutch_csv(path, rows=12, seed=11):
    """A CSV as Excel saves it in Dutch: semicolons, decimal commas, '.' for missing."""
    rng = np.random.default_rng(seed)
    table = rng.uniform(1, 99, (rows, len(SPEC.indicators))).round(1)
    table[4, 0] = np.nan
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["gemeentecode", "gemeentenaam", "jaar"] +
                        [i.field for i in SPEC.indicators])
        for row in range(rows):
            values = ["." if math.isnan(v) else "{:.1f}".format(v).replace(".", ",")
                      for v in table[row]]
            writer.writerow(["GM{:04d}".format(9001 + row), "Plaats {}".format(row),
                             "2023"] + values)
    return table


def polygon_gpkg(path, rows=15, seed=5):
    """A GeoPackage layer of square polygons with numeric indicator fields."""
    rng = np.random.default_rng(seed)
    table = rng.uniform(1, 99, (rows, len(SPEC.indicators)))
    uri = "Polygon?crs=EPSG:28992&field=code:string&" + "&".join(
        "field={}:double".format(i.field) for i in SPEC.indicators)
    layer = QgsVectorLayer(uri, "gemeenten", "memory")
    features = []
    for row in range(rows):
        feature = QgsFeature(layer.fields())
        x = 100000 + 1000 * row
        ring = [QgsPointXY(x, 400000), QgsPointXY(x + 900, 400000),
                QgsPointXY(x + 900, 400900), QgsPointXY(x, 400900), QgsPointXY(x, 400000)]
        feature.setGeometry(QgsGeometry.fromPolygonXY([ring]))
        feature.setAttributes(["GM{:04d}".format(9001 + row)] + table[row].tolist())
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "gemeenten"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return table


def read_mdi(path, key):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    values = {}
    for feature in layer.getFeatures():
        value = feature["mdi"]
        values[feature[key]] = math.nan if str(value) == "NULL" or value is None else value
    return layer, values


def table_mdi(table):
    return reference_mdi(SPEC, {i.id: table[:, k] for k, i in enumerate(SPEC.indicators)})


def run_json(qgis_process, *params):
    result = qgis_process("run", "mdi:computemdi", "--json", "--", *params)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout[result.stdout.index("{"):])


def test_dutch_csv_with_decimal_commas(qgis_process, tmp_path):
    source = tmp_path / "indicatoren.csv"
    table = dutch_csv(source)
    target = tmp_path / "mdi.gpkg"
    answer = run_json(qgis_process, "INPUT={}".format(source), "YEAR_FIELD=jaar",
                      "OUTPUT={}".format(target))
    assert answer["results"]["FEATURE_COUNT"] == 12
    assert answer["results"]["MDI_NULL_COUNT"] == 0
    _, values = read_mdi(target, "gemeentecode")
    expected = table_mdi(table)
    got = np.array([values["GM{:04d}".format(9001 + r)] for r in range(len(table))])
    np.testing.assert_allclose(got, expected, atol=1e-9)


def test_geopackage_polygons_keep_geometry(qgis_process, tmp_path):
    source = tmp_path / "invoer.gpkg"
    table = polygon_gpkg(source)
    before = source.read_bytes()
    target = tmp_path / "uit.gpkg"
    run_json(qgis_process, "INPUT={}|layername=gemeenten".format(source),
             "OUTPUT={}".format(target))
    layer, values = read_mdi(target, "code")
    assert layer.crs().authid() == "EPSG:28992"
    assert all(f.geometry().area() > 0 for f in layer.getFeatures())
    got = np.array([values["GM{:04d}".format(9001 + r)] for r in range(len(table))])
    np.testing.assert_allclose(got, table_mdi(table), atol=1e-9)
    assert source.read_bytes() == before


def test_bad_value_fails_with_message_and_no_output(qgis_process, tmp_path):
    source = tmp_path / "kapot.csv"
    dutch_csv(source)
    lines = source.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(";")
    cells[5] = "onbekend"
    lines[3] = ";".join(cells)
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "mdi.gpkg"
    result = qgis_process("run", "mdi:computemdi", "--", "INPUT={}".format(source),
                          "OUTPUT={}".format(target))
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "'onbekend'" in output and SPEC.indicators[2].field in output
    assert not target.exists()


def test_sample_data_from_the_command_line(qgis_process, sample_gpkg, tmp_path):
    target = tmp_path / "gemeenten_mdi.gpkg"
    answer = run_json(qgis_process, "INPUT={}|layername=gemeenten".format(sample_gpkg),
                      "YEAR_FIELD=jaar", "OUTPUT={}".format(target))
    assert answer["results"]["FEATURE_COUNT"] > 100
    layer, values = read_mdi(target, "gemeentecode")
    assert layer.featureCount() == answer["results"]["FEATURE_COUNT"]


def test_the_same_command_twice_into_one_geopackage_layer_replaces_it_without_asking(
        qgis_process, sample_gpkg, tmp_path):
    """QGIS before 3.24 asked in a modal dialog before replacing a stored style: headless,
    the second run hung forever. The second run must finish, replace layer and style (as
    QGIS does) and keep one default style."""
    import sqlite3
    target = tmp_path / "uitvoer.gpkg"
    args = ("run", "mdi:computemdi", "--", "INPUT={}|layername=gemeenten".format(sample_gpkg),
            "YEAR_FIELD=jaar", "OUTPUT=ogr:dbname='{}' table=\"mdi\" (geom)".format(target))
    first = qgis_process(*args, timeout=180)
    assert first.returncode == 0, first.stdout + first.stderr
    second = qgis_process(*args, timeout=180)   # a hang fails here with TimeoutExpired
    assert second.returncode == 0, second.stdout + second.stderr
    with sqlite3.connect(target) as db:
        styles = db.execute("SELECT f_table_name, styleName, useAsDefault FROM layer_styles"
                            ).fetchall()
        tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")]
    assert styles == [("mdi", "MDI", 1)]
    assert tables.count("mdi") == 1
    layer = QgsVectorLayer("{}|layername=mdi".format(target), "mdi", "ogr")
    assert layer.featureCount() == json.loads(
        qgis_process(*args[:2], "--json", *args[2:]).stdout)["results"]["FEATURE_COUNT"]
