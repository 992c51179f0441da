"""mdi:topn through processing.run and qgis_process, against plain-Python ranking."""

import json
import math
import sqlite3

import pytest
from qgis.core import (QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsVectorLayer)

from mdi_safety_helpers import assert_cancel_leaves_nothing
from mdi_test_helpers import LogFeedback, as_float, null, runner

ALG = "mdi:topn"


def as_int(value):
    return None if null(value) else int(value)


run = runner(ALG)


def loop_rank(rows, value_of, row, ascending=False):
    """1 + number of rows with a strictly worse value; None without a value."""
    mine = value_of(row)
    if math.isnan(mine):
        return None
    better = [r for r in rows if not math.isnan(value_of(r)) and
              (value_of(r) < mine if ascending else value_of(r) > mine)]
    return 1 + len(better)


def point_layer(field_defs, rows):
    uri = "Point?crs=EPSG:28992&" + "&".join("field={}".format(f) for f in field_defs)
    layer = QgsVectorLayer(uri, "input", "memory")
    features = []
    for number, values in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(number, 0)))
        feature.setAttributes(list(values))
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


# -- the sample chain -------------------------------------------------------------------------

def test_worst_buurten_per_gemeente_and_year_match_a_loop(buurten_klassen):
    result = run({"INPUT": buurten_klassen, "GROUP_FIELD": "gemeentecode", "YEAR_FIELD": "jaar"})
    units = [(f["buurtcode"], f["gemeentecode"], f["jaar"], as_float(f["mdi"]))
             for f in QgsVectorLayer(buurten_klassen, "b", "ogr").getFeatures()]
    out = {(f["buurtcode"], f["jaar"]): f for f in result["OUTPUT"].getFeatures()}
    assert len(out) == len(units)
    by_year, by_group = {}, {}
    for unit in units:
        by_year.setdefault(unit[2], []).append(unit)
        by_group.setdefault((unit[1], unit[2]), []).append(unit)

    def value(unit):
        return unit[3]
    flagged = 0
    for unit in units:
        feature = out[(unit[0], unit[2])]
        expected_group = loop_rank(by_group[(unit[1], unit[2])], value, unit)
        assert as_int(feature["rang"]) == loop_rank(by_year[unit[2]], value, unit)
        assert as_int(feature["rang_binnen_groep"]) == expected_group
        assert feature["top_n"] == int(expected_group is not None and expected_group <= 10)
        flagged += feature["top_n"]
    assert result["N_FLAGGED"] == flagged
    assert result["N_GROUPS"] == len({u[1] for u in units})
    assert result["N_UNRANKED"] == sum(1 for u in units if math.isnan(u[3]))
    assert result["N_UNRANKED"] > 0       # the sample has buurten without an MDI


def test_only_flagged_lommerstad_2023_gives_its_ten_worst(buurten_klassen):
    result = run({"INPUT": buurten_klassen, "GROUP_FIELD": "gemeentecode", "YEAR_FIELD": "jaar",
                  "ONLY_SELECTED": True})
    layer = result["OUTPUT"]
    assert result["FEATURE_COUNT"] == layer.featureCount() == result["N_FLAGGED"]
    assert all(f["top_n"] == 1 for f in layer.getFeatures())
    mine = [f for f in layer.getFeatures()
            if f["gemeentecode"] == "GM9022" and f["jaar"] == 2023]
    units = [f for f in QgsVectorLayer(buurten_klassen, "b", "ogr").getFeatures()
             if f["gemeentecode"] == "GM9022" and f["jaar"] == 2023 and not null(f["mdi"])]
    worst = sorted(units, key=lambda f: -f["mdi"])[:10]
    assert sorted(f["buurtcode"] for f in mine) == sorted(f["buurtcode"] for f in worst)
    assert sorted(f["rang_binnen_groep"] for f in mine) == list(range(1, 11))
    assert all(f.hasGeometry() for f in mine)


def test_gemeente_derived_from_buurtcode_equals_gemeentecode(buurten_klassen):
    by_code = run({"INPUT": buurten_klassen, "GROUP_FIELD": "gemeentecode", "YEAR_FIELD": "jaar"})
    derived = run({"INPUT": buurten_klassen, "GROUP_FIELD": "buurtcode", "DERIVE_GEMEENTE": True,
                   "YEAR_FIELD": "jaar"})
    first = [(f["buurtcode"], f["jaar"], as_int(f["rang_binnen_groep"]), f["top_n"])
             for f in by_code["OUTPUT"].getFeatures()]
    second = [(f["buurtcode"], f["jaar"], as_int(f["rang_binnen_groep"]), f["top_n"])
              for f in derived["OUTPUT"].getFeatures()]
    assert first == second and derived["N_GROUPS"] == by_code["N_GROUPS"]


def test_ascending_flags_the_best_overall(buurten_klassen):
    result = run({"INPUT": buurten_klassen, "YEAR_FIELD": "jaar", "N": 3, "ASCENDING": True,
                  "ONLY_SELECTED": True})
    units = list(QgsVectorLayer(buurten_klassen, "b", "ogr").getFeatures())
    for year in (2014, 2019, 2023):
        best = sorted(f["mdi"] for f in units if f["jaar"] == year and not null(f["mdi"]))[:3]
        got = sorted(f["mdi"] for f in result["OUTPUT"].getFeatures() if f["jaar"] == year)
        assert got == best
    assert "rang_binnen_groep" not in result["OUTPUT"].fields().names()


def test_several_years_without_year_field_warn(buurten_klassen):
    feedback = LogFeedback()
    run({"INPUT": buurten_klassen}, feedback)
    assert any("YEAR_FIELD is empty" in w for w in feedback.warnings)


# -- edge cases on small layers -----------------------------------------------------------------

def test_ties_nulls_groups_of_one_and_units_without_group(mdi_provider):
    layer = point_layer(["code:string", "groep:string", "mdi:double"], [
        ["a", "G1", 9.0], ["b", "G1", 7.0], ["c", "G1", 7.0], ["d", "G1", 1.0],
        ["e", "G2", 5.0], ["f", None, 8.0], ["g", "G2", None]])
    feedback = LogFeedback()
    result = run({"INPUT": layer, "GROUP_FIELD": "groep", "N": 2}, feedback)
    got = {f["code"]: (as_int(f["rang"]), as_int(f["rang_binnen_groep"]), f["top_n"])
           for f in result["OUTPUT"].getFeatures()}
    assert got == {"a": (1, 1, 1), "b": (3, 2, 1), "c": (3, 2, 1), "d": (6, 4, 0),
                   "e": (5, 1, 1), "f": (2, None, 0), "g": (None, None, 0)}
    assert result["N_FLAGGED"] == 4 and result["N_UNRANKED"] == 1
    assert any("tie at place 2" in w for w in feedback.warnings)
    assert any("no value in 'groep'" in w and "f (feature" in w for w in feedback.warnings)
    assert any("fewer than 2" in w for w in feedback.warnings)


def test_numeric_text_scores_and_the_input_is_not_modified(mdi_provider):
    layer = point_layer(["code:string", "mdi:string"], [["a", "4,5"], ["b", "."],
                                                        ["c", "60"]])
    result = run({"INPUT": layer, "N": 1})
    assert [f["top_n"] for f in result["OUTPUT"].getFeatures()] == [0, 0, 1]
    assert layer.fields().names() == ["code", "mdi"]


def assert_fails(params, match, tmp_path):
    target = tmp_path / "uit.gpkg"
    with pytest.raises(QgsProcessingException, match=match):
        run(dict(params, OUTPUT=str(target)))
    assert not target.exists()


def test_missing_field(mdi_provider, tmp_path):
    layer = point_layer(["code:string", "mdi_x:double"], [["a", 1.0]])
    assert_fails({"INPUT": layer}, "FIELD: field 'mdi' is not in the input", tmp_path)
    assert_fails({"INPUT": layer, "FIELD": "mdi_x", "GROUP_FIELD": "gemeente"},
                 "GROUP_FIELD: field 'gemeente' is not in the input", tmp_path)


def test_text_that_is_no_number(mdi_provider, tmp_path):
    layer = point_layer(["code:string", "mdi:string"], [["a", "hoog"]])
    assert_fails({"INPUT": layer}, "Field 'mdi', feature .*'hoog' is not a number", tmp_path)


def test_derive_gemeente_needs_a_code_field(mdi_provider, tmp_path):
    layer = point_layer(["naam:string", "mdi:double"], [["a", 1.0]])
    assert_fails({"INPUT": layer, "DERIVE_GEMEENTE": True}, "DERIVE_GEMEENTE needs a code",
                 tmp_path)


def test_group_field_cannot_be_the_score(mdi_provider, tmp_path):
    layer = point_layer(["mdi:double"], [[1.0]])
    assert_fails({"INPUT": layer, "GROUP_FIELD": "mdi"}, "same field", tmp_path)


def test_n_below_one_is_rejected(mdi_provider, tmp_path):
    layer = point_layer(["mdi:double"], [[1.0]])
    assert_fails({"INPUT": layer, "N": 0}, "N", tmp_path)


def test_empty_input(mdi_provider, tmp_path):
    layer = point_layer(["mdi:double"], [])
    assert_fails({"INPUT": layer}, "no features", tmp_path)


# -- cancel ---------------------------------------------------------------------------------

def test_cancel_leaves_no_output(buurten_klassen, tmp_path):
    params = {"INPUT": buurten_klassen, "GROUP_FIELD": "gemeentecode", "YEAR_FIELD": "jaar"}
    assert_cancel_leaves_nothing(ALG, params, tmp_path)


# -- qgis_process ------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_ten_worst_per_gemeente(qgis_process, buurten_klassen, tmp_path):
    target = tmp_path / "top10.gpkg"
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(buurten_klassen),
                          "GROUP_FIELD=buurtcode", "DERIVE_GEMEENTE=true", "YEAR_FIELD=jaar",
                          "ONLY_SELECTED=true", "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    out = QgsVectorLayer(str(target), "out", "ogr")
    assert out.featureCount() == results["FEATURE_COUNT"] == results["N_FLAGGED"]
    units = list(QgsVectorLayer(buurten_klassen, "b", "ogr").getFeatures())
    expected = 0
    for code in {u["gemeentecode"] for u in units}:
        for year in (2014, 2019, 2023):
            ranked = [u for u in units if u["gemeentecode"] == code and u["jaar"] == year
                      and not null(u["mdi"])]
            expected += min(10, len(ranked))      # the sample's scores have no ties
    assert results["N_FLAGGED"] == expected
    with sqlite3.connect(str(target)) as con:      # the default style is stored in the file
        assert con.execute("SELECT COUNT(*) FROM layer_styles WHERE useAsDefault").fetchone()[0]
