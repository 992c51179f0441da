"""Hostile inputs, table problems: empty layers, one feature, duplicated and mixed codes,
units outside every region, regions without units, Regiokompas tables that do not match,
odd year fields. Each gets a clear message or documented handling."""

import csv

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from mdi_plugin.core.spec import load_spec
from mdi_safety_helpers import column, indicator_layer, indicator_table, memory_layer, square
from mdi_test_helpers import LogFeedback
from mdi_test_helpers import run_algorithm as run

SPEC = load_spec()


def bundled_zone(code):
    """The zone of a COROP region in the bundled table (read here with csv)."""
    from mdi_plugin.paths import resource_path
    with open(resource_path("corop_zones.csv"), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return next(r["zone"] for r in rows if r["coropcode"] == code)


def error_of(algorithm, parameters):
    with pytest.raises(QgsProcessingException) as raised:
        run(algorithm, parameters)
    return str(raised.value)


def regiokompas(rows):
    return memory_layer(["gemeentecode:string", "wonen:double", "werk:double"], rows, "None",
                        name="regiokompas")


# --------------------------------------------------------------- empty layer

@pytest.mark.parametrize("algorithm, fields, parameters, expected", [
    ("computemdi", None, {}, "no features: nothing to compute"),
    ("classifyquartiles", ["mdi:double"], {}, "no features: nothing to classify"),
    ("aggregatetoregions", ["regio:string", "mdi:double"], {"REGION_FIELD": "regio"},
     "no features: nothing to aggregate"),
    ("flagperiphery", ["coropcode:string", "mdi:double"], {}, "no features: nothing to flag"),
    ("joinregiokompas", ["gemeentecode:string"], {}, "no features: nothing to join"),
])
def test_empty_layer_is_an_error_and_writes_nothing(
        mdi_provider, tmp_path, algorithm, fields, parameters, expected):
    layer = indicator_layer(np.empty((0, 23)), SPEC) if fields is None else \
        memory_layer(fields, [])
    if algorithm == "joinregiokompas":
        parameters = dict(parameters, REGIOKOMPAS=regiokompas([["GM0001", 1.0, 2.0]]))
    target = tmp_path / "out.gpkg"
    message = error_of("mdi:" + algorithm,
                       dict(parameters, INPUT=layer, OUTPUT=str(target)))
    assert expected in message and not target.exists()


@pytest.mark.parametrize("algorithm, parameters, expected", [
    ("joinregiokompas", {"REGIOKOMPAS": regiokompas([])}, "Regiokompas table has no rows"),
    ("flagperiphery", {"ZONES": memory_layer(["coropcode:string", "zone:string"], [], "None",
                                             name="zones")}, "Zone table 'zones' has no rows"),
])
def test_empty_second_table_is_an_error(mdi_provider, algorithm, parameters, expected):
    fields = ["gemeentecode:string"] if "join" in algorithm else \
        ["coropcode:string", "mdi:double"]
    layer = memory_layer(fields, [["GM0001"] if "join" in algorithm else ["CR01", 55.0]])
    assert expected in error_of("mdi:" + algorithm, dict(parameters, INPUT=layer))


# --------------------------------------------------------------- one feature

def test_one_feature(mdi_provider):
    table = indicator_table(rows=1)
    message = error_of("mdi:computemdi", {"INPUT": indicator_layer(table, SPEC)})
    assert "has no spread" in message and "percentile rank" in message
    ranked = run("mdi:computemdi", {"INPUT": indicator_layer(table, SPEC),
                                    "NORMALISATION": 3})["OUTPUT"]
    assert column(ranked, "mdi") == [pytest.approx(SPEC.weight_sum / 2)]   # rank 50 each
    single = memory_layer(["coropcode:string", "mdi:double"], [["CR01", 55.0]])
    assert column(run("mdi:classifyquartiles", {"INPUT": single})["OUTPUT"],
                  "mdi_klasse") == [3]
    assert "quartiles coincide" in error_of("mdi:classifyquartiles",
                                            {"INPUT": single, "METHOD": 1})
    region = run("mdi:aggregatetoregions", {"INPUT": single, "REGION_FIELD": "coropcode"})
    assert column(region["OUTPUT"], "mdi") == [55.0]
    assert column(run("mdi:flagperiphery", {"INPUT": single})["OUTPUT"], "zone") == [
        bundled_zone("CR01")]
    feedback = LogFeedback()
    joined = run("mdi:joinregiokompas", {
        "INPUT": memory_layer(["gemeentecode:string"], [["GM0001"]]),
        "REGIOKOMPAS": regiokompas([["GM0001", 1.0, 2.0]])}, feedback)["OUTPUT"]
    assert column(joined, "bw_aantal_top") == [2] and column(joined, "bw_aantal_onder") == [2]
    assert any("percentile are equal" in w for w in feedback.warnings)


# --------------------------------------------------------------- duplicated codes

def test_duplicated_gemeente_in_the_regiokompas_table_is_an_error(mdi_provider):
    table = regiokompas([["GM0001", 1.0, 2.0], ["1", 3.0, 4.0], ["GM0002", 5.0, 6.0]])
    message = error_of("mdi:joinregiokompas", {
        "INPUT": memory_layer(["gemeentecode:string"], [["GM0001"]]), "REGIOKOMPAS": table})
    assert "GM0001 more than once" in message and "feature 1: 'GM0001'" in message
    assert "feature 2: '1'" in message and "one row per gemeente" in message


def test_duplicated_region_with_two_zones_is_an_error(mdi_provider):
    zones = memory_layer(["coropcode:string", "zone:string"],
                         [["CR01", "kern"], ["1", "perifeer"]], "None", name="zones")
    message = error_of("mdi:flagperiphery", {
        "INPUT": memory_layer(["coropcode:string", "mdi:double"], [["CR01", 55.0]]),
        "ZONES": zones})
    assert "Zone table 'zones' gives CR01 two zones: kern and perifeer" in message


def test_duplicated_codes_in_the_input_each_get_their_values(mdi_provider):
    """A long table (one row per gemeente and year) repeats codes: every row is served."""
    layer = memory_layer(["gemeentecode:string", "jaar:integer"],
                         [["GM0001", 2019], ["GM0001", 2023], ["GM0002", 2023]])
    out = run("mdi:joinregiokompas", {"INPUT": layer, "REGIOKOMPAS": regiokompas(
        [["GM0001", 1.0, 2.0], ["GM0002", 5.0, 6.0]])})["OUTPUT"]
    assert column(out, "wonen") == [1.0, 1.0, 5.0]
    flagged = run("mdi:flagperiphery", {"INPUT": memory_layer(
        ["coropcode:string", "mdi:double"], [["CR01", 55.0], ["CR01", 45.0]])})["OUTPUT"]
    assert column(flagged, "hoge_mdi") == [1, 0]


def test_duplicated_units_count_once_per_row_in_aggregation(mdi_provider):
    layer = memory_layer(["buurtcode:string", "regio:string", "mdi:double"],
                         [["BU1", "R", 40.0], ["BU1", "R", 40.0], ["BU2", "R", 70.0]])
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio"})["OUTPUT"]
    assert column(out, "n_eenheden") == [3] and column(out, "mdi") == [50.0]


# --------------------------------------------------------------- mixed CBS forms

def test_codes_in_mixed_cbs_forms_match(mdi_provider):
    joined = run("mdi:joinregiokompas", {
        "INPUT": memory_layer(["gemeentecode:string"], [["1"], ["GM0002"], ["gm0003"],
                                                        ["0004"]]),
        "REGIOKOMPAS": regiokompas([["GM0001", 1.0, 1.0], ["2", 2.0, 2.0],
                                    ["0003", 3.0, 3.0], ["gm4", 4.0, 4.0]])})
    assert joined["N_MATCHED"] == 4 and column(joined["OUTPUT"], "wonen") == [1, 2, 3, 4]
    flagged = run("mdi:flagperiphery", {"INPUT": memory_layer(
        ["coropcode:string", "mdi:double"], [["CR01", 55.0], ["cr1", 55.0], ["1", 55.0],
                                             ["01", 55.0]])})
    assert flagged["N_UNKNOWN"] == 0
    assert column(flagged["OUTPUT"], "zone") == [bundled_zone("CR01")] * 4


def test_region_codes_in_mixed_forms_are_one_region_with_a_warning(mdi_provider):
    layer = memory_layer(["coropcode:string", "mdi:double"],
                         [["CR01", 50.0], ["1", 40.0], ["cr01", 30.0], ["CR02", 10.0]])
    feedback = LogFeedback()
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "coropcode"},
              feedback)["OUTPUT"]
    assert column(out, "coropcode") == ["CR01", "CR02"]
    assert column(out, "mdi") == [40.0, 10.0] and column(out, "n_eenheden") == [3, 1]
    assert any("several forms" in w and "CR01 ('1', 'CR01', 'cr01')" in w
               for w in feedback.warnings)


def test_codes_that_are_not_cbs_codes_stay_as_they_are(mdi_provider):
    layer = memory_layer(["regio:string", "mdi:double"],
                         [["Noord", 50.0], ["noord", 40.0], ["Zuid", 30.0]])
    feedback = LogFeedback()
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio"},
              feedback)["OUTPUT"]
    assert column(out, "regio") == ["Noord", "Zuid", "noord"]
    assert not any("several forms" in w for w in feedback.warnings)


def test_a_name_among_cbs_codes_is_an_error_naming_the_feature(mdi_provider):
    layer = memory_layer(["regio:string", "mdi:double"],
                         [["CR01", 50.0], ["Noord", 40.0], ["CR02", 30.0]])
    message = error_of("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio"})
    assert "Field 'regio', feature 2: 'Noord' is not a CBS area code" in message


# --------------------------------------------------------------- regions

def regions_layer():
    return memory_layer(["coropcode:string"],
                        [(square(0, 0, 2000), ["CR01"]), (square(1, 0, 2000), ["CR02"]),
                         (square(5, 5, 2000), ["CR03"])], "Polygon", name="regions")


def test_units_outside_every_region_are_listed_and_counted(mdi_provider):
    units = memory_layer(["buurtcode:string", "mdi:double"],
                         [(square(0, 0), ["BU01", 10.0]), (square(30, 30), ["BU99", 90.0]),
                          (square(3, 0), ["BU02", 30.0])], "Polygon")
    feedback = LogFeedback()
    result = run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions_layer(),
                                            "REGIONS_ID_FIELD": "coropcode"}, feedback)
    assert result["N_UNMATCHED"] == 1
    assert any("lie outside every region polygon: BU99 (feature 2)" in w
               for w in feedback.warnings)
    assert column(result["OUTPUT"], "mdi") == [10.0, 30.0, None]


def test_regions_with_no_units_are_kept_with_zero_units(mdi_provider):
    units = memory_layer(["mdi:double"], [(square(0, 0), [10.0])], "Polygon")
    feedback = LogFeedback()
    out = run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions_layer(),
                                         "REGIONS_ID_FIELD": "coropcode"}, feedback)["OUTPUT"]
    assert column(out, "coropcode") == ["CR01", "CR02", "CR03"]
    assert column(out, "n_eenheden") == [1, 0, 0] and column(out, "mdi") == [10.0, None, None]
    assert any("2 region(s) contain no unit" in w for w in feedback.warnings)


# --------------------------------------------------------------- Regiokompas mismatch

def test_regiokompas_with_extra_and_missing_gemeenten(mdi_provider):
    layer = memory_layer(["gemeentecode:string"], [["GM0001"], ["GM0002"], ["GM0077"]])
    table = regiokompas([["GM0001", 1.0, 1.0], ["GM0002", 2.0, 2.0], ["GM0003", 3.0, 3.0],
                         ["GM0004", 4.0, 4.0], [None, 9.0, 9.0]])
    feedback = LogFeedback()
    result = run("mdi:joinregiokompas", {"INPUT": layer, "REGIOKOMPAS": table}, feedback)
    assert result["N_MATCHED"] == 2 and result["N_UNMATCHED_INPUT"] == 1
    assert result["N_UNMATCHED_REGIOKOMPAS"] == 3           # GM0003, GM0004, no code
    assert column(result["OUTPUT"], "wonen") == [1.0, 2.0, None]
    text = "\n".join(feedback.warnings)
    assert "GM0077" in text and "GM0003" in text and "GM0004" in text
    assert "still used for the quartiles" in text


# --------------------------------------------------------------- year fields

def test_single_year_per_year_equals_pooled(mdi_provider):
    table = indicator_table(rows=8)
    layer = indicator_layer(table, SPEC, extra=[("jaar:integer", [2023] * 8)])
    per_year = run("mdi:computemdi", {"INPUT": layer, "YEAR_FIELD": "jaar",
                                      "NORMALISATION": 1})["OUTPUT"]
    pooled = run("mdi:computemdi", {"INPUT": layer})["OUTPUT"]
    assert column(per_year, "mdi") == column(pooled, "mdi")
    classes = run("mdi:classifyquartiles", {"INPUT": per_year, "METHOD": 2,
                                            "YEAR_FIELD": "jaar"})["OUTPUT"]
    pooled_classes = run("mdi:classifyquartiles", {"INPUT": per_year, "METHOD": 1})["OUTPUT"]
    assert column(classes, "mdi_klasse") == column(pooled_classes, "mdi_klasse")


def test_text_years_work_like_numbers(mdi_provider):
    table = indicator_table(rows=8)
    years = [2019, 2023] * 4
    as_numbers = indicator_layer(table, SPEC, extra=[("jaar:integer", years)])
    as_text = indicator_layer(table, SPEC, extra=[("jaar:string", [
        " {} ".format(y) if i % 3 else "{},0".format(y) for i, y in enumerate(years)])])
    runs = [column(run("mdi:computemdi", {"INPUT": layer, "YEAR_FIELD": "jaar",
                                          "NORMALISATION": 1})["OUTPUT"], "mdi")
            for layer in (as_numbers, as_text)]
    assert runs[0] == runs[1]
    units = memory_layer(["regio:string", "jaar:string", "mdi:double"],
                         [["R", "2019", 10.0], ["R", "2023", 30.0], ["R", "2019", 20.0]])
    out = run("mdi:aggregatetoregions", {"INPUT": units, "REGION_FIELD": "regio",
                                         "YEAR_FIELD": "jaar"})["OUTPUT"]
    assert column(out, "jaar") == [2019, 2023] and column(out, "mdi") == [15.0, 30.0]


@pytest.mark.parametrize("bad, expected", [
    ("twintig", "Field 'jaar', feature 3: value 'twintig' is not a number"),
    ("2023.5", "Year field 'jaar', feature 3: '2023.5' is not a whole year"),
])
def test_years_that_are_no_years_are_errors(mdi_provider, bad, expected):
    table = indicator_table(rows=4)
    years = ["2019", "2023", bad, "2023"]
    layer = indicator_layer(table, SPEC, extra=[("jaar:string", years)])
    message = error_of("mdi:computemdi", {"INPUT": layer, "YEAR_FIELD": "jaar",
                                          "NORMALISATION": 1})
    assert expected in message
    units = memory_layer(["regio:string", "jaar:string", "mdi:double"],
                         [["R", "2019", 1.0], ["R", "2019", 1.0], ["R", bad, 1.0]])
    assert expected in error_of("mdi:aggregatetoregions", {
        "INPUT": units, "REGION_FIELD": "regio", "YEAR_FIELD": "jaar"})


def test_missing_year_with_per_year_normalisation_names_the_feature(mdi_provider):
    table = indicator_table(rows=4)
    layer = indicator_layer(table, SPEC, extra=[("jaar:integer", [2019, None, 2023, 2023])])
    message = error_of("mdi:computemdi", {"INPUT": layer, "YEAR_FIELD": "jaar",
                                          "NORMALISATION": 1})
    assert "feature 2 has no year" in message
