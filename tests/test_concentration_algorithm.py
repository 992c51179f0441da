"""mdi:concentration through processing.run and qgis_process, against plain Python."""

import bisect
import json
import math

import numpy as np
import pytest
from qgis.core import (QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsVectorLayer)

from mdi_safety_helpers import assert_cancel_leaves_nothing
from mdi_test_helpers import LogFeedback, as_float, runner

ALG = "mdi:concentration"
MEASURES = ["aandeel_inw_klasse_1", "aandeel_inw_klasse_2", "aandeel_inw_klasse_3",
            "aandeel_inw_klasse_4", "aandeel_inw_zeer_hoog", "gem_score", "gem_rang", "omvang",
            "lokale_concentratie", "n_landelijk"]


run = runner(ALG)


# -- independent reference ------------------------------------------------------------------

def reference(units):
    """{(gemeente, year): {measure: value}} from (gemeente, year, score, class, pop) tuples,
    by plain loops: national ranks per year (1 = highest score, ties the lowest rank),
    percentile = smallest p with p * N >= 100 * rank, the IoD weights, and the 10 % of a
    gemeente's people taken unit by unit in rank order."""
    scores_of_year = {}
    for _, year, score, _, _ in units:
        if not math.isnan(score):
            scores_of_year.setdefault(year, []).append(-score)
    for values in scores_of_year.values():
        values.sort()
    out = {}
    for key in sorted({(g, y) for g, y, _, _, _ in units}):
        mine = [u for u in units if (u[0], u[1]) == key]
        values = {}
        with_class = [u for u in mine if not math.isnan(u[3]) and not math.isnan(u[4])]
        total = sum(u[4] for u in with_class)
        for k in range(1, 5):
            values["aandeel_inw_klasse_{}".format(k)] = \
                sum(u[4] for u in with_class if u[3] == k) / total
        values["aandeel_inw_zeer_hoog"] = values["aandeel_inw_klasse_4"]
        ranked = []
        n = len(scores_of_year[key[1]])
        for _, year, score, _, pop in mine:
            if math.isnan(score) or math.isnan(pop):
                continue
            rank = bisect.bisect_left(scores_of_year[year], -score) + 1
            percentile = next(p for p in range(1, 101) if p * n >= 100 * rank)
            weight = float(np.interp(percentile, [10, 11, 30, 31], [1, 0.95, 0.05, 0]))
            ranked.append((rank, pop, score, weight))
        people = sum(p for _, p, _, _ in ranked)
        values["gem_score"] = sum(p * s for _, p, s, _ in ranked) / people
        values["gem_rang"] = sum(r * p for r, p, _, _ in ranked) / people
        values["omvang"] = sum(p * w for _, p, _, w in ranked) / people
        left, acc = people / 10, 0.0
        for rank, pop, _, _ in sorted(ranked):
            take = min(pop, left)
            acc += take * rank
            left -= take
        values["lokale_concentratie"] = acc / (people / 10)
        values["n_landelijk"] = n
        out[key] = values
    return out


def units_of(path):
    return [(f["gemeentecode"], f["jaar"], as_float(f["mdi"]), as_float(f["mdi_klasse"]),
             as_float(f["inwoners"])) for f in QgsVectorLayer(path, "b", "ogr").getFeatures()]


# -- the sample chain -------------------------------------------------------------------------

def test_sample_buurten_per_gemeente_and_year_match_a_loop(buurten_klassen, sample_gpkg):
    result = run({"INPUT": buurten_klassen, "YEAR_FIELD": "jaar"})
    expected = reference(units_of(buurten_klassen))
    layer = result["OUTPUT"]
    assert [n for n in layer.fields().names()] == [
        "gemeentecode", "jaar", "n_eenheden", "inwoners"] + MEASURES
    assert result["FEATURE_COUNT"] == layer.featureCount() == len(expected)
    assert result["N_GROUPS"] == 48 and result["N_UNMATCHED"] == 0
    for feature in layer.getFeatures():
        values = expected[(feature["gemeentecode"], feature["jaar"])]
        for name in MEASURES:
            assert as_float(feature[name]) == pytest.approx(values[name]), name
    gemeenten = QgsVectorLayer("{}|layername=gemeenten".format(sample_gpkg), "g", "ogr")
    area_of = {f["gemeentecode"]: f.geometry().area() for f in gemeenten.getFeatures()}
    for feature in layer.getFeatures():
        assert feature.geometry().area() == pytest.approx(area_of[feature["gemeentecode"]],
                                                          rel=1e-6)


def test_lommerstad_has_most_inhabitants_in_very_high_buurten(buurten_klassen):
    layer = run({"INPUT": buurten_klassen, "YEAR_FIELD": "jaar"})["OUTPUT"]
    by_key = {(f["gemeentecode"], f["jaar"]): f for f in layer.getFeatures()}
    lommerstad = by_key[("GM9022", 2023)]
    others = [f["aandeel_inw_zeer_hoog"] for (code, year), f in by_key.items()
              if year == 2023 and code != "GM9022"]
    assert lommerstad["aandeel_inw_zeer_hoog"] > np.median(others)


def test_without_class_field_the_fixed_breaks_are_used(mdi_provider, buurten_klassen):
    feedback = LogFeedback()
    result = run({"INPUT": buurten_klassen, "YEAR_FIELD": "jaar", "CLASS_FIELD": "",
                  "SCORE_FIELD": "mdi_werk"}, feedback)
    units = [(g, y, as_float(f["mdi_werk"]), math.nan, p) for (g, y, _, _, p), f in
             zip(units_of(buurten_klassen),
                 QgsVectorLayer(buurten_klassen, "b", "ogr").getFeatures())]
    units = [(g, y, s, math.nan if math.isnan(s) else 1.0 + sum(s >= b for b in (40, 50, 60)),
              p) for g, y, s, _, p in units]
    expected = reference(units)
    for feature in result["OUTPUT"].getFeatures():
        values = expected[(feature["gemeentecode"], feature["jaar"])]
        for name in MEASURES:
            assert as_float(feature[name]) == pytest.approx(values[name]), name


# -- small layers ----------------------------------------------------------------------------

def table(rows, fields=("buurtcode:string", "mdi:double", "mdi_klasse:integer",
                        "inwoners:integer")):
    layer = QgsVectorLayer("None?" + "&".join("field={}".format(f) for f in fields), "t",
                           "memory")
    features = []
    for values in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_gemeente_derived_from_buurtcode_in_a_table(mdi_provider):
    layer = table([["BU00140001", 70.0, 4, 100], ["BU00140002", 30.0, 1, 900],
                   ["BU03630101", 55.0, 3, 500], ["CR01", 40.0, 2, 50]])
    feedback = LogFeedback()
    result = run({"INPUT": layer}, feedback)
    out = {f["gemeentecode"]: f for f in result["OUTPUT"].getFeatures()}
    assert sorted(out) == ["GM0014", "GM0363"] and result["N_UNMATCHED"] == 1
    assert not out["GM0014"].hasGeometry()
    assert out["GM0014"]["aandeel_inw_zeer_hoog"] == pytest.approx(0.1)
    # 10 % of 1000 = the 100 people of rank 1; a gemeente of one buurt: its rank (2)
    assert out["GM0014"]["lokale_concentratie"] == pytest.approx(1.0)
    assert out["GM0363"]["lokale_concentratie"] == pytest.approx(2.0)
    assert out["GM0363"]["n_eenheden"] == 1 and out["GM0363"]["inwoners"] == 500
    assert any("CR01 (feature" in w for w in feedback.warnings)   # no gemeente in a COROP


def test_nulls_are_left_out_with_warnings(mdi_provider):
    layer = table([["BU00140001", 70.0, 4, None], ["BU00140002", None, None, 900],
                   ["BU00140003", 50.0, 3, 100]])
    feedback = LogFeedback()
    out = next(run({"INPUT": layer}, feedback)["OUTPUT"].getFeatures())
    assert out["gem_score"] == pytest.approx(50.0) and out["n_eenheden"] == 3
    assert out["aandeel_inw_klasse_3"] == pytest.approx(1.0)
    assert out["inwoners"] == 1000
    assert any("no inhabitant count" in w for w in feedback.warnings)
    assert any("have no score" in w for w in feedback.warnings)


def test_polygons_are_dissolved_per_group(mdi_provider):
    uri = "Polygon?crs=EPSG:28992&field=gemeentecode:string&field=mdi:double&" \
          "field=inwoners:integer"
    layer = QgsVectorLayer(uri, "p", "memory")
    features = []
    for number, (code, score) in enumerate([("GM1", 60.0), ("GM1", 40.0), ("GM2", 50.0)]):
        feature = QgsFeature(layer.fields())
        ring = [QgsPointXY(number, 0), QgsPointXY(number + 1, 0), QgsPointXY(number + 1, 1),
                QgsPointXY(number, 1), QgsPointXY(number, 0)]
        feature.setGeometry(QgsGeometry.fromPolygonXY([ring]))
        feature.setAttributes([code, score, 10])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    out = {f["gemeentecode"]: f for f in run({"INPUT": layer})["OUTPUT"].getFeatures()}
    assert out["GM0001"].geometry().area() == pytest.approx(2.0)
    assert out["GM0001"]["aandeel_inw_zeer_hoog"] == pytest.approx(0.5)    # fixed breaks


def assert_fails(params, match, tmp_path):
    target = tmp_path / "uit.gpkg"
    with pytest.raises(QgsProcessingException, match=match):
        run(dict(params, OUTPUT=str(target)))
    assert not target.exists()


def test_negative_population(mdi_provider, tmp_path):
    layer = table([["BU00140001", 70.0, 4, -5]])
    assert_fails({"INPUT": layer}, "'inwoners', feature .*negative", tmp_path)


def test_missing_population_and_group_fields(mdi_provider, tmp_path):
    layer = table([["BU00140001", 70.0, 4, 5]])
    assert_fails({"INPUT": layer, "POPULATION_FIELD": "bevolking"},
                 "POPULATION_FIELD: field 'bevolking' is not in the input", tmp_path)
    other = table([["x", 70.0, 4, 5]], ("naam:string", "mdi:double", "mdi_klasse:integer",
                                        "inwoners:integer"))
    assert_fails({"INPUT": other}, "Choose GROUP_FIELD", tmp_path)


def test_class_labels_instead_of_class_numbers(mdi_provider, tmp_path):
    layer = table([["BU00140001", 70.0, "Zeer hoog", 5]],
                  ("buurtcode:string", "mdi:double", "mdi_klasse_label:string",
                   "inwoners:integer"))
    assert_fails({"INPUT": layer, "CLASS_FIELD": "mdi_klasse_label"},
                 "'mdi_klasse_label', feature .*not a number", tmp_path)
    bad = table([["BU00140001", 70.0, 0, 5]])
    assert_fails({"INPUT": bad}, "0 is not a class number", tmp_path)


def test_same_field_twice(mdi_provider, tmp_path):
    layer = table([["BU00140001", 70.0, 4, 5]])
    assert_fails({"INPUT": layer, "POPULATION_FIELD": "mdi"}, "same field", tmp_path)


# -- cancel ---------------------------------------------------------------------------------

def test_cancel_leaves_no_output(buurten_klassen, tmp_path):
    assert_cancel_leaves_nothing(ALG, {"INPUT": buurten_klassen, "YEAR_FIELD": "jaar"}, tmp_path)


# -- qgis_process ------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_lommerstad_share_in_very_high(qgis_process, buurten_klassen, tmp_path):
    target = tmp_path / "concentratie.gpkg"
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(buurten_klassen),
                          "YEAR_FIELD=jaar", "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    out = QgsVectorLayer(str(target), "out", "ogr")
    assert out.featureCount() == results["FEATURE_COUNT"] == 144
    feature = next(f for f in out.getFeatures()
                   if f["gemeentecode"] == "GM9022" and f["jaar"] == 2023)
    mine = [u for u in units_of(buurten_klassen) if u[0] == "GM9022" and u[1] == 2023]
    very_high = sum(u[4] for u in mine if u[3] == 4)
    assert feature["aandeel_inw_zeer_hoog"] == pytest.approx(
        very_high / sum(u[4] for u in mine if not math.isnan(u[3])))
