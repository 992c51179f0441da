"""mdi:changeovertime through processing.run and qgis_process, against plain Python."""

import json
import math
import sqlite3

import pytest
from qgis import processing
from qgis.core import (QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsVectorLayer)

from mdi_safety_helpers import assert_cancel_leaves_nothing
from mdi_test_helpers import LogFeedback, as_float, null, runner

ALG = "mdi:changeovertime"
DOMAINS = ["inkomen", "werk", "gezondheid", "opleiding", "huisvesting", "veiligheid",
           "woonomgeving"]
LABELS = ["Laag", "Gematigd", "Hoog", "Zeer hoog"]


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, abs=1e-9)


def fixed_label(value):
    """The report's classes, written out: < 40, 40-50, 50-60, >= 60."""
    if math.isnan(value):
        return None
    return LABELS[sum(1 for b in (40.0, 50.0, 60.0) if value >= b)]


run = runner(ALG)


def long_layer(rows, extra=()):
    """Polygons: rows of (code, jaar, mdi[, extra values]); each year a different square."""
    fields = ["code:string", "jaar:integer", "mdi:double"] + list(extra)
    uri = "Polygon?crs=EPSG:28992&" + "&".join("field={}".format(f) for f in fields)
    layer = QgsVectorLayer(uri, "input", "memory")
    features = []
    for values in rows:
        feature = QgsFeature(layer.fields())
        x = 1000 * int(values[0][-1], 36) + (values[1] - 2000)
        ring = [QgsPointXY(x, 0), QgsPointXY(x + 1, 0), QgsPointXY(x + 1, 1),
                QgsPointXY(x, 1), QgsPointXY(x, 0)]
        feature.setGeometry(QgsGeometry.fromPolygonXY([ring]))
        feature.setAttributes(list(values))
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


# -- interface -------------------------------------------------------------------------------

# -- the sample gemeenten ------------------------------------------------------------------------

@pytest.mark.parametrize("years", [(None, None), (2019, 2023)])
def test_sample_gemeenten_match_a_plain_computation(gemeenten_mdi, years):
    params = {"INPUT": gemeenten_mdi}
    if years[0]:
        params.update(FROM_YEAR=years[0], TO_YEAR=years[1])
    result = run(params)
    first, last = years if years[0] else (2014, 2023)
    rows = {(f["gemeentecode"], f["jaar"]): f
            for f in QgsVectorLayer(gemeenten_mdi, "g", "ogr").getFeatures()}
    codes = sorted({code for code, year in rows if year == last})
    fields = ["mdi"] + ["mdi_" + d for d in DOMAINS]
    diffs = {code: {name: as_float(rows[(code, last)][name]) -
                    as_float(rows[(code, first)][name]) for name in fields}
             for code in codes}
    valid = [d["mdi"] for d in diffs.values() if not math.isnan(d["mdi"])]
    national = sum(valid) / len(valid)
    assert (result["FROM_YEAR_USED"], result["TO_YEAR_USED"]) == (first, last)
    assert result["NATIONAL_CHANGE"] == pytest.approx(national)
    assert result["N_BOTH"] == len(codes) and result["N_ONLY_FROM"] == 0
    layer = result["OUTPUT"]
    assert layer.featureCount() == len(codes) == result["FEATURE_COUNT"]
    for feature in layer.getFeatures():
        code = feature["gemeentecode"]
        for name in fields:
            assert same(as_float(feature["{}_{}".format(name, first)]),
                        as_float(rows[(code, first)][name]))
            assert same(as_float(feature["verschil_" + name]), diffs[code][name])
        d = diffs[code]["mdi"]
        assert same(as_float(feature["verschil_tov_landelijk"]), d - national)
        expected = ("sneller verbeterd" if d < national else "langzamer verbeterd") \
            if d < 0 else ("verslechterd" if d > 0 else "gelijk gebleven")
        assert feature["tempo"] == expected
        before = fixed_label(as_float(rows[(code, first)]["mdi"]))
        after = fixed_label(as_float(rows[(code, last)]["mdi"]))
        assert feature["klasse_{}".format(first)] == before
        assert feature["klasse_overgang"] == ("gelijk" if before == after
                                              else "{} \u2192 {}".format(before, after))
        assert feature["in_beide_jaren"] == 1
        assert feature.geometry().equals(rows[(code, last)].geometry())
    names = layer.fields().names()
    assert "jaar" not in names and "mdi" not in names and "gemeentenaam" in names


def test_weighted_national_change_uses_to_year_inhabitants(gemeenten_mdi):
    result = run({"INPUT": gemeenten_mdi, "WEIGHT_FIELD": "inwoners", "FIELDS": ["mdi"]})
    rows = {(f["gemeentecode"], f["jaar"]): f
            for f in QgsVectorLayer(gemeenten_mdi, "g", "ogr").getFeatures()}
    pairs = [(rows[(c, 2023)]["mdi"] - rows[(c, 2014)]["mdi"], rows[(c, 2023)]["inwoners"])
             for c, y in rows if y == 2023]
    expected = sum(d * w for d, w in pairs) / sum(w for _, w in pairs)
    assert result["NATIONAL_CHANGE"] == pytest.approx(expected)
    assert "verschil_mdi_werk" not in result["OUTPUT"].fields().names()


def test_class_field_of_classify_quartiles_is_used(mdi_provider, gemeenten_mdi):
    classified = processing.run("mdi:classifyquartiles", {
        "INPUT": gemeenten_mdi, "METHOD": 2, "YEAR_FIELD": "jaar", "OUTPUT": "memory:"})["OUTPUT"]
    labels = {(f["gemeentecode"], f["jaar"]): f["mdi_klasse_label"]
              for f in classified.getFeatures()}
    layer = run({"INPUT": classified})["OUTPUT"]
    for feature in layer.getFeatures():
        code = feature["gemeentecode"]
        assert feature["klasse_2014"] == labels[(code, 2014)]
        assert feature["klasse_2023"] == labels[(code, 2023)]
    assert "mdi_klasse" not in layer.fields().names()


# -- areas in one year only, duplicates, bad years ------------------------------------------------

def test_areas_in_one_year_only_are_counted_listed_and_kept(mdi_provider):
    layer = long_layer([["a", 2014, 55.0], ["a", 2023, 45.0], ["b", 2014, 50.0],
                        ["c", 2023, 30.0], ["d", 2014, 40.0], ["d", 2023, 44.0]])
    feedback = LogFeedback()
    result = run({"INPUT": layer}, feedback)
    assert (result["N_BOTH"], result["N_ONLY_FROM"], result["N_ONLY_TO"]) == (2, 1, 1)
    assert result["NATIONAL_CHANGE"] == pytest.approx(-3.0)
    out = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    assert sorted(out) == ["a", "c", "d"]
    assert null(out["c"]["verschil_mdi"]) and null(out["c"]["tempo"])
    assert out["c"]["in_beide_jaren"] == 0 and null(out["c"]["klasse_overgang"])
    assert out["a"]["tempo"] == "sneller verbeterd" and out["d"]["tempo"] == "verslechterd"
    assert out["a"]["klasse_overgang"] == "Hoog \u2192 Gematigd"
    assert out["d"]["klasse_overgang"] == "gelijk"
    assert any("but not in 2023" in w and "b (feature" in w for w in feedback.warnings)
    assert any("but not in 2014" in w and "c (feature" in w for w in feedback.warnings)
    # geometry of the 2023 row: x = 1000 * id + 23
    assert out["a"].geometry().boundingBox().xMinimum() == 1000 * int("a", 36) + 23


def test_numeric_ids_and_a_table_without_geometry(mdi_provider):
    layer = QgsVectorLayer("None?field=statcode:integer&field=jaar:string&field=mdi:string",
                           "t", "memory")
    features = []
    for values in ([363, "2014", "61,5"], [363, "2023", "58,0"], [14, "2014", "40"],
                   [14, "2023", "."]):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    result = run({"INPUT": layer})
    out = {f["statcode"]: f for f in result["OUTPUT"].getFeatures()}
    assert out[363]["verschil_mdi"] == pytest.approx(-3.5) and null(out[14]["verschil_mdi"])
    assert out[363]["klasse_overgang"] == "Zeer hoog \u2192 Hoog"
    assert not out[363].hasGeometry()


def assert_fails(params, match, tmp_path):
    target = tmp_path / "uit.gpkg"
    with pytest.raises(QgsProcessingException, match=match):
        run(dict(params, OUTPUT=str(target)))
    assert not target.exists()


def test_duplicate_area_year_rows(mdi_provider, tmp_path):
    layer = long_layer([["a", 2014, 55.0], ["a", 2014, 50.0], ["a", 2023, 45.0]])
    assert_fails({"INPUT": layer}, "Area 'a' has 2 rows in year 2014", tmp_path)


def test_missing_and_single_years(mdi_provider, tmp_path):
    layer = long_layer([["a", 2014, 55.0], ["a", 2023, 45.0]])
    assert_fails({"INPUT": layer, "FROM_YEAR": 2019}, "FROM_YEAR 2019 does not occur.*"
                 "2014, 2023", tmp_path)
    assert_fails({"INPUT": layer, "FROM_YEAR": 2023, "TO_YEAR": 2014}, "must be before",
                 tmp_path)
    single = long_layer([["a", 2023, 45.0], ["b", 2023, 40.0]])
    assert_fails({"INPUT": single}, "only one year", tmp_path)


def test_no_area_in_both_years(mdi_provider, tmp_path):
    layer = long_layer([["a", 2014, 55.0], ["b", 2023, 45.0]])
    assert_fails({"INPUT": layer}, "No area is present in both 2014 and 2023", tmp_path)


def test_missing_fields(mdi_provider, tmp_path):
    layer = long_layer([["a", 2014, 55.0], ["a", 2023, 45.0]])
    assert_fails({"INPUT": layer, "YEAR_FIELD": "year"}, "YEAR_FIELD: field 'year' is "
                 "not in the input", tmp_path)
    assert_fails({"INPUT": layer, "FIELDS": ["mdi_wrek"]}, "field 'mdi_wrek' is not in", tmp_path)
    other = QgsVectorLayer("None?field=naam:string&field=jaar:integer&field=mdi:double",
                           "t", "memory")
    assert_fails({"INPUT": other}, "Choose ID_FIELD", tmp_path)


def test_year_that_is_not_whole(mdi_provider, tmp_path):
    layer = QgsVectorLayer("None?field=code:string&field=jaar:double&field=mdi:double", "t",
                           "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["a", 2014.5, 3.0])
    layer.dataProvider().addFeatures([feature])
    assert_fails({"INPUT": layer}, "not a whole year", tmp_path)


# -- cancel ---------------------------------------------------------------------------------

def test_cancel_leaves_no_output(gemeenten_mdi, tmp_path):
    assert_cancel_leaves_nothing(ALG, {"INPUT": gemeenten_mdi}, tmp_path)


# -- qgis_process ------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_gemeenten_2014_2023(qgis_process, gemeenten_mdi, tmp_path):
    target = tmp_path / "verandering.gpkg"
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(gemeenten_mdi),
                          "FROM_YEAR=2014", "TO_YEAR=2023", "FIELDS=mdi",
                          "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    out = QgsVectorLayer(str(target), "out", "ogr")
    assert out.featureCount() == results["FEATURE_COUNT"] == results["N_BOTH"]
    rows = {(f["gemeentecode"], f["jaar"]): f["mdi"]
            for f in QgsVectorLayer(gemeenten_mdi, "g", "ogr").getFeatures()}
    for feature in out.getFeatures():
        code = feature["gemeentecode"]
        assert feature["verschil_mdi"] == pytest.approx(rows[(code, 2023)] -
                                                        rows[(code, 2014)])
    assert results["NATIONAL_CHANGE"] < 0     # the sample improves from 2014 to 2023
    with sqlite3.connect(str(target)) as con:      # the default style is stored in the file
        assert con.execute("SELECT COUNT(*) FROM layer_styles WHERE useAsDefault").fetchone()[0]
