"""mdi:gemeentetypologie through processing.run and qgis_process: flags and the cross-table
against plain rules, class fallbacks, year selection and bad input."""

import json
import math

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from mdi_safety_helpers import assert_cancel_leaves_nothing
from mdi_test_helpers import missing as null  # NULL or NaN
from mdi_test_helpers import runner

ALG = "mdi:gemeentetypologie"
FIELDS = ["gemeentecode:string", "coropcode:string", "jaar:integer", "inwoners:integer",
          "groei:double", "nieuwbouw:double", "oud:double", "beschermd:string",
          "banen_ratio:double", "banen:integer", "natuur:double", "toerisme_vest:double",
          "voorzieningen:double", "mdi:double", "mdi_klasse:integer"]
PARAMS = {"GROWTH_FIELD": "groei", "NEW_HOMES_FIELD": "nieuwbouw", "OLD_HOMES_FIELD": "oud",
          "PROTECTED_FIELD": "beschermd", "JOBS_RATIO_FIELD": "banen_ratio",
          "JOBS_FIELD": "banen", "NATURE_FIELD": "natuur",
          "TOURISM_ESTABLISHMENTS_FIELD": "toerisme_vest", "FACILITIES_FIELD": "voorzieningen"}


def records(count=40, seed=2, years=(2023,)):
    rng = np.random.default_rng(seed)
    out = []
    for year in years:
        for i in range(count):
            mdi = float(rng.uniform(20, 80))
            out.append({
                "gemeentecode": "GM{:04d}".format(i), "coropcode": "CR{}".format(i % 4),
                "jaar": year, "inwoners": int(rng.integers(3000, 160000)),
                "groei": float(rng.uniform(-6, 10)), "nieuwbouw": float(rng.uniform(10, 60)),
                "oud": float(rng.uniform(0, 15)),
                "beschermd": ["ja", "nee", None][int(rng.integers(0, 3))],
                "banen_ratio": float(rng.uniform(40, 140)),
                "banen": int(rng.integers(2000, 40000)), "natuur": float(rng.uniform(0, 50)),
                "toerisme_vest": None if i % 7 == 0 else float(rng.uniform(0, 20)),
                "voorzieningen": float(rng.uniform(20, 80)), "mdi": mdi,
                "mdi_klasse": None if i == 5 else 1 + sum(mdi >= b for b in (40, 50, 60))})
    return out


def make_layer(rows, fields=FIELDS):
    uri = "Point?crs=EPSG:28992&" + "&".join("field={}".format(f) for f in fields)
    layer = QgsVectorLayer(uri, "gemeenten", "memory")
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([row.get(f.split(":")[0]) for f in fields])
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


def expected_flags(rows):
    """Plain rules, three-valued: True/False/None."""
    population = {}
    for r in rows:
        population[r["coropcode"]] = population.get(r["coropcode"], 0) + r["inwoners"]
    out = []
    for r in rows:
        protected = {"ja": True, "nee": False, None: None}[r["beschermd"]]
        old = r["oud"] > 8
        if protected is None:
            historic = None if old else False
        else:
            historic = old and protected
        tourism = None if r["toerisme_vest"] is None else r["toerisme_vest"] > 10
        share = r["inwoners"] / population[r["coropcode"]] * 100
        out.append({
            "groei": r["groei"] > 5, "krimp": r["groei"] < -2, "new_town": r["nieuwbouw"] > 35,
            "historisch": historic,
            "werkgemeente": r["banen_ratio"] > 100 and r["banen"] > 14000,
            "woongemeente": r["banen_ratio"] < 60, "groen": r["natuur"] > 30,
            "centrumgemeente": share > 15 and r["voorzieningen"] > 50,
            "toeristisch": tourism})
    return out


run = runner(ALG, "OUTPUT", "OUTPUT_TABLE")


def test_flags_and_cross_table_against_plain_rules(mdi_provider):
    rows = records()
    layer = make_layer(rows)
    before = [f.attributes() for f in layer.getFeatures()]
    result = run(dict(PARAMS, INPUT=layer))
    assert result["FEATURE_COUNT"] == 40 and result["N_TYPES"] == 9
    expected = expected_flags(rows)
    out = list(result["OUTPUT"].getFeatures())
    for feature, flags, row in zip(out, expected, rows):
        for type_id, value in flags.items():
            got = feature["type_" + type_id]
            assert (None if null(got) else bool(got)) == value, type_id
        size = row["inwoners"]
        assert feature["grootteklasse"] == ("< 20.000" if size < 20000 else
                                            "20.000 - 50.000" if size < 50000 else
                                            "50.000 - 100.000" if size < 100000 else
                                            ">= 100.000")
        assert feature["typen"] == ", ".join(t for t, v in flags.items() if v)
    table = {(f["groep"], f["type"]): f for f in result["OUTPUT_TABLE"].getFeatures()}
    for type_id in expected[0]:
        row = next(f for (g, _), f in table.items() if g == type_id)
        members = [r for r, fl in zip(rows, expected) if fl[type_id]]
        classed = [r["mdi_klasse"] for r in members if r["mdi_klasse"] is not None]
        assert row["n"] == len(members) and row["n_met_klasse"] == len(classed)
        assert [row["n_klasse_{}".format(k)] for k in (1, 2, 3, 4)] == \
            [classed.count(k) for k in (1, 2, 3, 4)]
        if classed:
            assert row["aandeel_zeer_hoog"] == pytest.approx(classed.count(4) / len(classed))
            assert row["aandeel_hoog"] == pytest.approx(
                (classed.count(3) + classed.count(4)) / len(classed))
        else:
            assert null(row["aandeel_zeer_hoog"])
    assert table[("alle", "Alle gemeenten")]["n"] == 40
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_classes_from_mdi_and_one_year(mdi_provider):
    rows = records(count=20, years=(2019, 2023))
    fields = [f for f in FIELDS if not f.startswith("mdi_klasse")]
    result = run({"INPUT": make_layer(rows, fields), "GROWTH_FIELD": "groei",
                  "YEAR_FIELD": "jaar", "YEAR": 2019})
    assert result["FEATURE_COUNT"] == 20
    assert {f["jaar"] for f in result["OUTPUT"].getFeatures()} == {2019}
    table = {f["groep"]: f for f in result["OUTPUT_TABLE"].getFeatures()}
    picked = [r for r in rows if r["jaar"] == 2019]
    classes = [1 + sum(r["mdi"] >= b for b in (40, 50, 60)) for r in picked]
    assert table["alle"]["n_klasse_4"] == classes.count(4)
    groei = [c for r, c in zip(picked, classes) if r["groei"] > 5]
    assert table["groei"]["n"] == len(groei)


def test_missing_partner_field_is_warned_and_type_skipped(mdi_provider):
    result = run({"INPUT": make_layer(records(count=8)), "JOBS_FIELD": "banen",
                  "NATURE_FIELD": "natuur"})
    names = result["OUTPUT"].fields().names()
    assert "type_groen" in names and "type_werkgemeente" not in names


def test_cancel_at_every_progress_update_leaves_no_output(mdi_provider, tmp_path):
    assert_cancel_leaves_nothing(ALG, dict(PARAMS, INPUT=make_layer(records(count=12))),
                                 tmp_path, outputs=("OUTPUT", "OUTPUT_TABLE"))


@pytest.mark.parametrize("params, change, pattern", [
    ({"GROWTH_FIELD": "grei"}, None, "GROWTH_FIELD: field 'grei'.*groei"),
    ({"PROTECTED_FIELD": "gemeentecode", "OLD_HOMES_FIELD": "oud"}, None,
     "'gemeentecode'.*not yes or no"),
    ({"GROWTH_FIELD": "groei", "SIZE_BREAKS": "50000,20000"}, None, "ascending"),
    ({"GROWTH_FIELD": "groei", "YEAR": 2023}, None, "YEAR_FIELD is not"),
    ({"GROWTH_FIELD": "groei", "YEAR_FIELD": "jaar", "YEAR": 2000}, None, "2000 does not"),
    ({"GROWTH_FIELD": "groei"}, "no_class", "no MDI class"),
    ({}, "no_inhabitants", "No type can be evaluated"),
])
def test_bad_input_fails_before_writing(mdi_provider, tmp_path, params, change, pattern):
    fields = FIELDS
    if change == "no_class":
        fields = [f for f in FIELDS if not f.startswith("mdi")]
    if change == "no_inhabitants":
        fields = [f for f in FIELDS if not f.startswith("inwoners")]
    target = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match=pattern):
        processing.run(ALG, dict(params, INPUT=make_layer(records(count=6), fields),
                                 OUTPUT=str(target), OUTPUT_TABLE="memory:"))
    assert not target.exists()


@pytest.mark.qgis_process
def test_qgis_process_on_the_sample_gemeenten(qgis_process, sample_gpkg, gemeenten_mdi,
                                              tmp_path):
    target = tmp_path / "typen.gpkg"
    table = tmp_path / "kruistabel.gpkg"
    answer = qgis_process("run", ALG, "--json", "--",
                          "INPUT={}|layername=gemeenten".format(sample_gpkg),
                          "CLASS_FIELD=", "YEAR_FIELD=jaar", "YEAR=2023",
                          "NATURE_FIELD=groen", "OUTPUT={}".format(target),
                          "OUTPUT_TABLE={}".format(table))
    # the raw sample has no MDI: the run must fail clearly
    assert answer.returncode != 0 and "no MDI class" in answer.stdout + answer.stderr
    source = gemeenten_mdi
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(source),
                          "YEAR_FIELD=jaar", "YEAR=2023", "NATURE_FIELD=groen",
                          "OUTPUT={}".format(target), "OUTPUT_TABLE={}".format(table))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    units = [f for f in QgsVectorLayer(str(source), "g", "ogr").getFeatures()
             if f["jaar"] == 2023]
    assert results["FEATURE_COUNT"] == len(units) and results["N_TYPES"] == 1
    green = [f for f in units if f["groen"] > 30]
    rows = {f["groep"]: f for f in QgsVectorLayer(str(table), "t", "ogr").getFeatures()}
    assert rows["groen"]["n"] == len(green)
    very_high = sum(1 for f in green if not null(f["mdi"]) and f["mdi"] >= 60)
    with_mdi = sum(1 for f in green if not null(f["mdi"]))
    share = rows["groen"]["aandeel_zeer_hoog"]
    assert (null(share) and with_mdi == 0) or share == pytest.approx(very_high / with_mdi)
    assert not math.isnan(rows["alle"]["n"])
