"""Reading CBS OData answers (core/odata.py) on the real recorded answers in
tests/data/opendata/ (SOURCES.md): padding, missing values, pages, and columns found by
stem, title and topic group in every recorded year and revision."""

import json
import math

import pytest

from mdi_plugin.core.odata import (ColumnSpec, OpenDataError, code_value, columns_v3,
                                   columns_v4, dimension_key, division_year, geo_column,
                                   number_value, observations_wide, page, parse_document,
                                   period_key, resolve_column, table_modified, text_value)
from mdi_plugin.core.opendata import load_definitions
from opendata_server import DATA, _csv, _json, _records


def properties(year):
    """The recorded DataProperties rows of the KWB table of ``year``."""
    if year == 2019:
        return _csv("cbs_84583NED_DataProperties_KWB2019_pandas.csv", delimiter=";")
    if year == 2020:
        return _json("cbs_84799NED_DataProperties_from_parquet.json")
    return _records("cbs_85984NED_DataProperties_v2024-08.csv")


# -- answers --------------------------------------------------------------------------------

def test_a_v3_answer_and_its_next_link():
    body = json.dumps({"odata.metadata": "x", "value": [{"Key": "GM1680    "}],
                       "odata.nextLink": "https://host/next"}).encode("utf-8-sig")
    rows, link = page(parse_document(body, "t"))
    assert rows == [{"Key": "GM1680    "}] and link == "https://host/next"


def test_a_v4_answer_and_the_last_page():
    with open(DATA / "cbs_v4_83765NED_Properties.json", encoding="utf-8") as handle:
        document = parse_document(handle.read(), "83765NED")
    assert document["@odata.context"].endswith("#Properties")
    assert page({"@odata.context": "c", "value": [], "@odata.nextLink": "n"}) == ([], "n")
    assert page({"value": [{"a": 1}]}) == ([{"a": 1}], None)


@pytest.mark.parametrize("body, words", [
    (b"<!DOCTYPE html><html><head><title>Proxy login</title></head></html>",
     ["web page (Proxy login)", "proxy"]),
    (b'{"value": [{"ID": 1}, {"ID"', ["incomplete or not JSON", "cut off"]),
    (b"   ", ["empty"]),
    (b'{"odata.error": {"code": "", "message": {"lang": "nl", "value": "Table not found"}}}',
     ["reported an error: Table not found"]),
    (b"[1, 2]", ["no OData object"]),
    (b"\xff\xfe\x00", ["not UTF-8"]),
])
def test_broken_answers_say_what_is_wrong(body, words):
    with pytest.raises(OpenDataError) as raised:
        parse_document(body, "85984NED TypedDataSet")
    assert "85984NED TypedDataSet" in str(raised.value)
    for word in words:
        assert word in str(raised.value)


def test_an_answer_without_a_value_list_is_refused():
    with pytest.raises(OpenDataError, match="no 'value' list"):
        page({"odata.metadata": "x"}, "t")
    with pytest.raises(OpenDataError, match="not a list of records"):
        page({"value": [1, 2]}, "t")


# -- values ---------------------------------------------------------------------------------

def test_padding_and_missing_values_of_the_recorded_rows():
    rows = {code_value(r["WijkenEnBuurten"]): r
            for r in _json("cbs_84799NED_TypedDataSet_rows_from_parquet.json")}
    assert set(rows) >= {"NL00", "GM1680", "WK168000", "BU16800000", "GM0363", "BU03630000"}
    annen = rows["BU16800000"]
    assert text_value(annen["SoortRegio_2"]) == "Buurt"
    assert text_value(annen["Gemeentenaam_1"]) == "Aa en Hunze"
    assert text_value(rows["NL00"]["MeestVoorkomendePostcode_113"]) is None   # "         ."
    assert text_value(rows["GM1680"]["IndelingswijzigingWijkenEnBuurten_4"]) is None  # "."
    assert number_value(annen["PersonenPerSoortUitkeringAO_84"]) == 110.0
    assert math.isnan(number_value(annen["HuishoudensMetEenLaagInkomen_78"]))         # null
    assert math.isnan(number_value("       .")) and math.isnan(number_value("x y"))
    assert number_value("  1234") == 1234.0


# -- columns --------------------------------------------------------------------------------

LOW_INCOME = ColumnSpec(stems=("HuishoudensMetEenLaagInkomen",),
                        titles=("Huishoudens met een laag inkomen",))


@pytest.mark.parametrize("year, key", [(2019, "HuishoudensMetEenLaagInkomen_72"),
                                       (2020, "HuishoudensMetEenLaagInkomen_78"),
                                       (2024, "HuishoudensMetEenLaagInkomen_79")])
def test_the_position_of_a_column_moves_and_is_found(year, key):
    column, reason = resolve_column(LOW_INCOME, columns_v3(properties(year)))
    assert reason is None and column.key == key
    assert column.groups[0] == "Inkomen van huishoudens"


def test_a_renamed_stem_is_found_by_its_other_stem_or_title():
    woz = ColumnSpec(stems=("GemiddeldeWOZWaardeVanWoningen", "GemiddeldeWoningwaarde"),
                     titles=("Gemiddelde WOZ-waarde van woningen",), groups=("Wonen",))
    assert resolve_column(woz, columns_v3(properties(2020)))[0].key == \
        "GemiddeldeWoningwaarde_35"
    assert resolve_column(woz, columns_v3(properties(2024)))[0].key == \
        "GemiddeldeWOZWaardeVanWoningen_36"
    by_title = ColumnSpec(stems=("Verdwenen",), titles=("Gemiddelde woningwaarde",))
    assert resolve_column(by_title, columns_v3(properties(2019)))[0].key == \
        "GemiddeldeWoningwaarde_35"


def test_one_stem_under_two_topic_groups_needs_the_group():
    columns = columns_v3(properties(2024))
    spec = ColumnSpec(stems=("Nederland",), titles=("Nederland",))
    column, reason = resolve_column(spec, columns)
    assert column is None and "ambiguous" in reason and "Nederland_17" in reason
    born = ColumnSpec(stems=("Nederland",), groups=("Geboren in Nederland",))
    assert resolve_column(born, columns)[0].key == "Nederland_20"
    origin = ColumnSpec(stems=("Nederland",), groups=("Herkomstland",))
    assert resolve_column(origin, columns)[0].key == "Nederland_17"
    elsewhere = ColumnSpec(stems=("Nederland",), groups=("Wonen",))
    column, reason = resolve_column(elsewhere, columns)
    assert column is None and "not under topic group Wonen" in reason


def test_the_school_distance_is_the_one_under_basisonderwijs():
    spec = ColumnSpec(stems=("AfstandTotSchool",), groups=("Basisonderwijs",))
    for year, key in ((2019, "AfstandTotSchool_98"), (2020, "AfstandTotSchool_108"),
                      (2024, "AfstandTotSchool_110")):
        assert resolve_column(spec, columns_v3(properties(year)))[0].key == key


#: Columns of the bundled definitions each recorded year does NOT have (verified by eye
#: against the recorded DataProperties: opleidingsniveau and nettoarbeidsparticipatie
#: start in the KWB 2020).
ABSENT = {2019: {"Nettoarbeidsparticipatie", "OpleidingsniveauLaag",
                 "OpleidingsniveauMiddelbaar", "OpleidingsniveauHoog"},
          2020: set(), 2024: set()}


@pytest.mark.parametrize("year", [2019, 2020, 2024])
def test_every_kwb_column_of_the_definitions_resolves_in_every_recorded_year(year):
    definitions = load_definitions()
    columns = columns_v3(properties(year))
    found, missing = {}, set()
    for definition in definitions.all_fields():
        if "kwb" not in definition.sources:
            continue
        for term in definition.terms + definition.denominator:
            column, _ = resolve_column(term.spec, columns)
            if column is None:
                missing.add(term.spec.label)
            else:
                found[term.spec.label] = column.key
    assert missing == ABSENT[year]
    expected = {2019: {"PersonenPerSoortUitkeringAO": "PersonenPerSoortUitkeringAO_75",
                       "GemiddeldElektriciteitsverbruikTotaal":
                           "GemiddeldElektriciteitsverbruikTotaal_47"},
                2020: {"PersonenPerSoortUitkeringAO": "PersonenPerSoortUitkeringAO_84",
                       "Nettoarbeidsparticipatie": "NettoArbeidsparticipatie_67",
                       "OpleidingsniveauLaag": "OpleidingsniveauLaag_64"},
                2024: {"PersonenPerSoortUitkeringAO": "PersonenPerSoortUitkeringAO_85",
                       "Nettoarbeidsparticipatie": "Nettoarbeidsparticipatie_68",
                       "GemiddeldElektriciteitsverbruikTotaal":
                           "GemiddeldeElektriciteitsleveringTotaal_48",
                       "HuishOnderOfRondSociaalMinimum": "HuishOnderOfRondSociaalMinimum_80"}}
    assert {k: found.get(k) for k in expected[year]} == expected[year]


def test_the_area_division_of_a_table():
    politie = columns_v3(_records("politie_47018NED_DataProperties.csv"))
    info = _records("politie_47018NED_TableInfos.csv")[0]
    assert geo_column(politie).key == "WijkenEnBuurten" and geo_column(politie).map_year == 2019
    assert division_year(politie, info) == 2024            # "(indeling 2024)", not MapYear
    assert division_year(columns_v3(properties(2024))) == 2024
    assert division_year(columns_v3(properties(2020))) == 2020
    assert division_year([], {"ExplanatoryText": "volgens de buurtindeling van 2022"}) == 2022
    assert division_year([]) is None
    assert table_modified(info) == "2024-08-15T02:00:00"


def test_dimension_codes_and_periods_of_the_politie_table():
    kinds = _records("politie_47018NED_SoortMisdrijf.csv")
    assert dimension_key(kinds, code="0.0.0") == "0.0.0 "          # padded, as filters need
    assert dimension_key(kinds, code="2.6.10") == "2.6.10"
    assert dimension_key(kinds, title="2.2.1 Vernieling cq. zaakbeschadiging") == "2.2.1 "
    assert dimension_key(kinds, code="9.9.9") is None
    periods = _records("politie_47018NED_Perioden.csv")
    assert period_key(periods, 2023) == ("2023JJ00", 2023)
    assert period_key(periods, 2024, max_lag=1) == ("2023JJ00", 2023)
    assert period_key(periods, 2024, max_lag=0) == (None, None)


def test_v4_columns_by_title_and_group():
    codes = _json("cbs_v4_83765NED_MeasureCodes_from_parquet.json")
    groups = _json("cbs_v4_83765NED_dimensions_sample_from_parquet.json")["MeasureGroups_head"]
    columns = columns_v4(codes, groups)
    inhabitants = ColumnSpec(titles=("Aantal inwoners",), groups=("Bevolking",))
    assert resolve_column(inhabitants, columns)[0].key == "T001036"
    men = resolve_column(ColumnSpec(titles=("Mannen",), groups=("Geslacht",)), columns)[0]
    assert men.key == "3000" and men.groups == ("Geslacht", "Bevolking")
    # GM1680 in 83765NED as printed by the recorded notebook (Observations, cell 14)
    wide = observations_wide([
        {"Id": 103, "Measure": "T001036", "Value": 25286.0, "WijkenEnBuurten": "GM1680"},
        {"Id": 104, "Measure": "3000", "Value": 12603.0, "WijkenEnBuurten": "GM1680"},
        {"Id": 0, "Measure": "T001036", "Value": None, "StringValue": ".",
         "WijkenEnBuurten": "NL00"}], "WijkenEnBuurten")
    assert wide["GM1680"] == {"T001036": 25286.0, "3000": 12603.0}
    assert math.isnan(number_value(wide["NL00"]["T001036"]))
