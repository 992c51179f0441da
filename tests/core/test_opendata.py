"""The open-data indicators (core/opendata.py) computed from the recorded CBS and Politie
answers (tests/data/opendata/, served as OData records by tests/opendata_server.py's
Recordings, without a network): expected values are worked out here from the recorded
numbers themselves."""

import json
import math

import numpy as np
import pytest

from mdi_plugin.core.compute import compute_from_indicators
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.odata import ColumnSpec, code_value
from mdi_plugin.core.opendata import (compute_year, load_definitions, national_bounds,
                                      output_definitions, parse_gemeenten, parse_years,
                                      read_table, run_spec, select_gemeenten, series_breaks,
                                      wanted_for, wijk_code, without_open_source)
from mdi_plugin.core.spec import load_spec, spec_from_dict
from opendata_server import Recordings, _csv, _json

RECORDINGS = Recordings()
DEFINITIONS = load_definitions()
CATALOG = {"kwb": "cbs", "nabijheid": "cbs", "rivm": "dataderden", "politie": "dataderden"}


def fetcher(catalog, table, variant, log):
    def fetch(entity, where=None, select=None):
        log.append((table, entity, where, tuple(select or ())))
        rows = RECORDINGS.answer(variant, catalog, table, entity)
        assert rows is not None, (table, entity)
        return rows
    return fetch


def year_result(year, level, selected, variant="recorded", definitions=DEFINITIONS, log=None):
    log = [] if log is None else log
    tables = {}
    for source_id in ["kwb"] + [s for s in selected if s != "kwb"]:
        ref = definitions.sources[source_id].table_for(year)
        if ref is None:
            continue
        catalog = CATALOG[source_id]
        info = RECORDINGS.answer(variant, catalog, ref.id, "TableInfos")[0]
        tables[source_id] = read_table(definitions, source_id, ref, level, year,
                                       fetcher(catalog, ref.id, variant, log), info,
                                       wanted_for(definitions, source_id, selected))
    return compute_year(definitions, level, year, tables, selected)


def value(result, field, code):
    return float(result.values[field][result.codes.index(code)])


def recorded_2020():
    return {code_value(r["WijkenEnBuurten"]): r
            for r in _json("cbs_84799NED_TypedDataSet_rows_from_parquet.json")}


def ao_share(row):
    """AO per 100 inhabitants aged 15-65, from a recorded row."""
    return 100.0 * row["PersonenPerSoortUitkeringAO_84"] / (
        row["k_15Tot25Jaar_9"] + row["k_25Tot45Jaar_10"] + row["k_45Tot65Jaar_11"])


# -- the definitions and parameters ----------------------------------------------------------

def test_the_bundled_open_data_spec_is_a_spec_computemdi_reads():
    spec = load_spec(DEFINITIONS.origin)
    assert spec.domain_ids == load_spec().domain_ids
    assert {d.weight for d in spec.domains} == {d.weight for d in load_spec().domains}
    assert len(spec.indicators) == len(DEFINITIONS.indicators) == 14
    report_fields = {i.field for i in load_spec().indicators}
    for definition in DEFINITIONS.indicators:       # proxies never borrow a report field
        same = definition.field in report_fields
        assert same != bool(definition.proxy) or definition.indicator == "arbeidsongeschikten"
    assert set(without_open_source(DEFINITIONS)) == {
        "financiele_buffer", "levensverwachting", "voortijdig_schoolverlaters",
        "cijfer_nederlands_vmbot", "betaalbaarheid_huurwoningen", "geluidhinder",
        "luchtkwaliteit", "verkeersonveiligheid", "groen"}


def test_years_and_gemeenten_parameters():
    assert parse_years("2024") == [2024]
    assert parse_years(" 2024; 2019,2019 ") == [2019, 2024]
    assert parse_years("2019-2021") == [2019, 2020, 2021]
    assert parse_gemeenten("GM0363, 363;gm1680 0599") == ["GM0363", "GM0599", "GM1680"]
    assert parse_gemeenten("  ") == []
    for bad, words in (("", "YEARS is empty"), ("twenty", "'twenty' is not a year"),
                       ("2021-2019", "'2021-2019'")):
        with pytest.raises(InputError, match=words):
            parse_years(bad)
    with pytest.raises(InputError, match="'Amsterdam' is not a gemeente code"):
        parse_gemeenten("GM0363,Amsterdam")


def test_an_unknown_year_lists_the_known_ones():
    with pytest.raises(InputError) as raised:
        DEFINITIONS.check_years([2011, 2024])
    assert "2011" in str(raised.value) and "2013, 2014" in str(raised.value)
    assert "open_data_tables.json" in str(raised.value)


def test_user_tables_come_first(tmp_path):
    extra = tmp_path / "open_data_tables.json"
    extra.write_text(json.dumps({"kwb": [{"id": "86165NED", "division": 2025}],
                                 "politie": [{"id": "47099NED", "division": 2025}]}))
    definitions = load_definitions(tables_path=str(extra))
    assert definitions.sources["kwb"].table_for(2025).id == "86165NED"
    assert 2025 in definitions.known_years()
    assert load_definitions(tables_path=str(tmp_path / "absent.json")).known_years()[-1] == 2024
    extra.write_text('{"kwb": [{"id": "x"}]}')
    with pytest.raises(InputError, match="must hold"):
        load_definitions(tables_path=str(extra))


# -- 2020: the recorded rows of 84799NED ------------------------------------------------------

def test_2020_buurten_from_the_recorded_rows():
    result = year_result(2020, "buurt", ["kwb"])
    rows = recorded_2020()
    assert result.codes == ["BU03630000", "BU16800000", "BU16800009", "BU16800709",
                            "BU16801509"]
    for code in ("BU16800000", "BU16800009", "BU03630000"):
        assert value(result, "arbeidsongeschikten", code) == pytest.approx(ao_share(rows[code]))
        assert value(result, "inwoners", code) == rows[code]["AantalInwoners_5"]
    assert value(result, "arbeidsongeschikten", "BU16800000") == pytest.approx(
        100 * 110 / (330 + 610 + 1085))
    for code in ("BU16800709", "BU16801509"):                 # no inhabitants: NULL
        assert math.isnan(value(result, "arbeidsongeschikten", code))
    assert result.names[result.codes.index("BU16800000")] == "Annen"
    assert result.gemeentenamen[result.codes.index("BU03630000")] == "Amsterdam"
    # a first revision: these columns exist but are still empty, and the log says so
    empty = {m.params["field"] for m in result.messages}
    assert {"laagopgeleiden", "werkzame_beroepsbevolking", "gemiddelde_woz"} <= empty
    assert "arbeidsongeschikten" not in empty
    assert result.provenance["arbeidsongeschikten"] == [
        {"source": "kwb", "table": "84799NED", "period": None,
         "modified": "2021-03-26T02:00:00", "verified": True}]


def test_2020_gemeenten_and_wijken():
    rows = recorded_2020()
    gemeenten = year_result(2020, "gemeente", ["kwb"])
    assert gemeenten.codes == ["GM0363", "GM1680"]
    assert value(gemeenten, "arbeidsongeschikten", "GM0363") == pytest.approx(
        ao_share(rows["GM0363"]))
    wijken = year_result(2020, "wijk", ["kwb"])
    assert wijken.codes == ["WK036300", "WK168000", "WK168001"]
    assert value(wijken, "inwoners", "WK168000") == 3610


def test_shifted_keys_give_the_same_values():
    recorded, log = year_result(2020, "buurt", ["kwb"]), []
    shifted = year_result(2020, "buurt", ["kwb"], variant="shifted", log=log)
    select = next(entry[3] for entry in log if entry[1] == "TypedDataSet")
    assert "PersonenPerSoortUitkeringAO_91" in select              # 84 + 7
    for field in recorded.values:
        np.testing.assert_array_equal(recorded.values[field], shifted.values[field])


def test_renamed_stems_are_found_by_title_and_an_unknown_column_is_reported():
    recorded = year_result(2020, "buurt", ["kwb"])
    renamed = year_result(2020, "buurt", ["kwb"], variant="renamed")
    np.testing.assert_array_equal(recorded.values["arbeidsongeschikten"],
                                  renamed.values["arbeidsongeschikten"])
    message = next(m for m in renamed.messages if m.params["field"] == "afstand_voorzieningen")
    assert "column AfstandTotGroteSupermarkt of 84799NED: no column with stem" in str(message)


# -- 2024: KWB inhabitants and Politie crimes -------------------------------------------------

def test_2024_crimes_per_1000_inhabitants_from_the_recorded_totals():
    result = year_result(2024, "buurt", ["kwb", "politie"])
    population = {r["nhood_id"]: int(r["population"])
                  for r in _csv("derived_85984NED_buurt_population_head.csv")}
    totals = {r["WijkenEnBuurten"]: int(r["GeregistreerdeMisdrijven_1"]) for r in
              _csv("politie_47018NED_data_2023_buurt_totaal_head_cbsodataR.csv")}
    checked = 0
    for code, people in population.items():
        expected = 1000.0 * totals[code] / people if people >= 100 else math.nan
        got = value(result, "misdrijven_totaal", code)
        assert got == pytest.approx(expected, nan_ok=True), code
        checked += not math.isnan(expected)
    assert checked == 12                   # the recorded buurten with 100+ inhabitants
    assert value(result, "misdrijven_totaal", "BU16800000") == pytest.approx(58 / 3455 * 1000)
    assert math.isnan(value(result, "misdrijven_totaal", "BU16800309"))   # 10 inhabitants
    assert "BU00000000" not in result.codes                               # "onbekend"
    assert result.provenance["vandalisme"][0]["period"] == 2023
    assert result.attribution == "CBS, Politie"


def test_amsterdams_alphanumeric_codes_keep_their_letters():
    result = year_result(2024, "buurt", ["kwb", "politie"])
    row = result.codes.index("BU0363AA01")
    assert result.names[row] == "Planciusbuurt-Noord"         # the recorded dimension
    assert result.gemeentecodes[row] == "GM0363" and wijk_code("BU0363AA01") == "WK0363AA"
    assert not math.isnan(result.values["vandalisme"][row])
    wijken = year_result(2024, "wijk", ["kwb"])
    assert "WK0363AA" in wijken.codes


def test_politie_is_joined_only_on_its_own_division():
    result = year_result(2020, "buurt", ["kwb", "politie"])
    message = next(m for m in result.messages if m.params["field"] == "vandalisme")
    assert "no politie table is known on the 2020 area division" in str(message)
    definitions = load_definitions()
    definitions.sources["politie"] = definitions.sources["politie"].__class__(
        **dict(definitions.sources["politie"].__dict__, tables=(
            definitions.sources["politie"].tables[0].__class__("47018NED", 2020),)))
    result = year_result(2020, "buurt", ["kwb", "politie"], definitions=definitions)
    message = next(m for m in result.messages if m.params["field"] == "vandalisme")
    assert "47018NED is published on the 2024 area division, not on 2020's" in str(message)


def test_a_missing_crime_code_leaves_the_indicator_empty_not_partial():
    table = RECORDINGS.tables[("dataderden", "47018NED")]
    kept = table["SoortMisdrijf"]
    table["SoortMisdrijf"] = [r for r in kept if str(r["Key"]).strip() != "1.4.5"]
    try:
        result = year_result(2024, "buurt", ["kwb", "politie"])
    finally:
        table["SoortMisdrijf"] = kept
    assert np.isnan(result.values["geweldsdelicten"]).all()
    assert np.isfinite(result.values["vandalisme"]).any()
    message = next(m for m in result.messages if m.params["field"] == "geweldsdelicten")
    assert "SoortMisdrijf has no code 1.4.5" in str(message)


def test_only_the_selected_sources_give_fields():
    fields = [d.field for d in output_definitions(DEFINITIONS, ["politie"])]
    assert fields == ["inwoners", "misdrijven_totaal", "vandalisme", "vermogensdelicten",
                      "geweldsdelicten"]
    assert ColumnSpec(stems=("AantalInwoners",), titles=("Aantal inwoners",),
                      groups=("Bevolking",)) in [t.spec for d in wanted_for(
                          DEFINITIONS, "kwb", ["politie"]) for t in d.terms]


# -- national bounds and the spec --------------------------------------------------------------

def test_a_gemeente_scores_as_in_the_national_run():
    results = [year_result(2024, "buurt", ["kwb", "politie"])]
    bounds = national_bounds(DEFINITIONS, results)
    spec_data = run_spec(DEFINITIONS, "buurt", [2024], results, bounds)
    spec = spec_from_dict(spec_data)
    assert spec.domain_ids == ("veiligheid",) and spec.domains[0].weight == 100.0
    assert "inkomen" in spec_data["description"]
    ids = [i.id for i in spec.indicators]
    assert ids == ["vandalisme", "vermogensdelicten", "geweldsdelicten"]

    def scores(rows):
        columns = {i.id: results[0].values[i.field][rows] for i in spec.indicators}
        return compute_from_indicators(spec, columns).mdi

    national = select_gemeenten(results[0], [])
    one = select_gemeenten(results[0], ["GM1680"])
    assert 0 < len(one) < len(national)
    national_scores = dict(zip(national, scores(national)))
    np.testing.assert_allclose(scores(one), [national_scores[r] for r in one])
    # without the national bounds the same buurten would be scaled within Aa en Hunze
    plain = spec_from_dict(dict(spec_data, indicators=[
        {k: v for k, v in i.items() if k not in ("lower", "upper")}
        for i in spec_data["indicators"]]))
    local = compute_from_indicators(plain, {i.id: results[0].values[i.field][one]
                                            for i in plain.indicators}).mdi
    assert not np.allclose(local, [national_scores[r] for r in one], equal_nan=True)


def test_nothing_filled_is_a_clear_error_and_series_breaks_are_flagged():
    results = [year_result(2020, "buurt", ["politie"])]
    with pytest.raises(InputError, match="No indicator could be filled"):
        run_spec(DEFINITIONS, "buurt", [2020], results, {})
    messages = series_breaks(DEFINITIONS, [2020, 2024], {"huish_sociaal_minimum"})
    assert [m.params["field"] for m in messages] == ["huish_sociaal_minimum"]
    assert series_breaks(DEFINITIONS, [2024], {"huish_sociaal_minimum"}) == []


# -- sources without a recorded answer: made tables after the documented API ------------------
# (niet geverifieerd: the shapes follow CBS's OData v3 as recorded for the KWB and Politie
# tables; the table ids TEST2020N / TEST2020R and every number here are made up)

def made_table(key_prefix, topics, dimensions=(), division=2020):
    """DataProperties of a made table: the area dimension, dimensions, topic groups."""
    rows = [{"ID": 0, "Type": "GeoDetail", "Key": "WijkenEnBuurten",
             "Title": "Wijken en buurten", "Description":
             "Wijken en buurten (indeling {})".format(division), "MapYear": division}]
    for number, name in enumerate(dimensions, start=1):
        rows.append({"ID": number, "Type": "Dimension", "Key": name, "Title": name})
    group_ids = {}
    for key, title, group in topics:
        if group and group not in group_ids:
            group_ids[group] = 100 + len(group_ids)
            rows.append({"ID": group_ids[group], "Type": "TopicGroup", "Key": "",
                         "Title": group})
        rows.append({"ID": 200 + len(rows), "ParentID": group_ids.get(group),
                     "Type": "Topic", "Key": key_prefix + key, "Title": title})
    return rows


def definitions_with(tmp_path, **tables):
    extra = tmp_path / "open_data_tables.json"
    extra.write_text(json.dumps({s: [{"id": t, "division": 2020}] for s, t in tables.items()}))
    return load_definitions(tables_path=str(extra))


def read_with(definitions, answers, selected, year=2020):
    """compute_year with the recorded KWB 2020 and made answers for the other tables."""
    tables = {}
    for source_id in ["kwb"] + [s for s in selected if s != "kwb"]:
        ref = definitions.sources[source_id].table_for(year)
        if source_id == "kwb":
            def fetch(entity, where=None, select=None):
                return RECORDINGS.answer("recorded", "cbs", "84799NED", entity)
            info = RECORDINGS.answer("recorded", "cbs", "84799NED", "TableInfos")[0]
        else:
            def fetch(entity, where=None, select=None, table=answers[ref.id]):
                return table[entity]
            info = {"Modified": "2099-01-01T00:00:00"}
        tables[source_id] = read_table(definitions, source_id, ref, "buurt", year, fetch,
                                       info, wanted_for(definitions, source_id, selected))
    return compute_year(definitions, "buurt", year, tables, selected)


def test_distances_come_from_kwb_first_then_nabijheid(tmp_path):
    definitions = definitions_with(tmp_path, nabijheid="TEST2020N")
    nabijheid = {
        "DataProperties": made_table("", [
            ("AfstandTotHuisartsenpraktijk_5", "Afstand tot huisartsenpraktijk", "Zorg"),
            ("AfstandTotGroteSupermarkt_24", "Afstand tot grote supermarkt", "Detailhandel"),
            ("AfstandTotSchool_60", "Afstand tot school", "Basisonderwijs"),
            ("AfstandTotSchool_70", "Afstand tot school", "Voortgezet onderwijs")]),
        "TypedDataSet": [
            {"WijkenEnBuurten": "BU16800000", "AfstandTotHuisartsenpraktijk_5": 1.1,
             "AfstandTotGroteSupermarkt_24": 5.0, "AfstandTotSchool_60": 0.6,
             "AfstandTotSchool_70": 9.9},
            {"WijkenEnBuurten": "BU16800009", "AfstandTotHuisartsenpraktijk_5": 3.0,
             "AfstandTotGroteSupermarkt_24": None, "AfstandTotSchool_60": 2.1,
             "AfstandTotSchool_70": 9.9}]}
    result = read_with(definitions, {"TEST2020N": nabijheid}, ["kwb", "nabijheid"])
    kwb = recorded_2020()
    assert kwb["BU16800000"]["AfstandTotGroteSupermarkt_106"] == 0.8      # recorded
    assert kwb["BU16800000"]["AfstandTotHuisartsenpraktijk_105"] is None  # recorded: null
    # huisarts and school from Nabijheid (KWB empty), supermarket from the KWB (0.8, not 5.0)
    assert value(result, "afstand_voorzieningen", "BU16800000") == pytest.approx(
        (1.1 + 0.8 + 0.6) / 3)
    assert value(result, "afstand_voorzieningen", "BU16800009") == pytest.approx(
        (3.0 + kwb["BU16800009"]["AfstandTotGroteSupermarkt_106"] + 2.1) / 3)
    assert sorted(p["table"] for p in result.provenance["afstand_voorzieningen"]) == [
        "84799NED", "TEST2020N"]
    only = read_with(definitions, {"TEST2020N": nabijheid}, ["nabijheid"])
    assert value(only, "afstand_voorzieningen", "BU16800000") == pytest.approx(
        (1.1 + 5.0 + 0.6) / 3)                       # KWB not chosen: not used
    assert math.isnan(value(only, "afstand_voorzieningen", "BU16800009"))  # one term missing


def test_rivm_reads_the_18_plus_value_rows_only(tmp_path):
    definitions = definitions_with(tmp_path, rivm="TEST2020R")
    topics = [("ErvarenGezondheidGoedZeerGoed_4", "Ervaren gezondheid (zeer) goed", None),
              ("HoogRisicoOpAngstOfDepressie_25", "Hoog risico op angststoornis of depressie",
               None)]
    rows = []
    for age, margin, health in (("20300", "MW00000", 71.5), ("53115", "MW00000", 80.0),
                                ("20300", "MOG0095", 60.0)):
        for year in ("2016JJ00", "2020JJ00"):
            rows.append({"WijkenEnBuurten": "BU16800000  ", "Perioden": year,
                         "Leeftijd": age, "Marges": margin,
                         "ErvarenGezondheidGoedZeerGoed_4": health + (year == "2016JJ00"),
                         "HoogRisicoOpAngstOfDepressie_25": None})
    rivm = {"DataProperties": made_table("", topics, ("Leeftijd", "Marges", "Perioden")),
            "Perioden": [{"Key": "2016JJ00", "Title": "2016"},
                         {"Key": "2020JJ00", "Title": "2020"}],
            "Leeftijd": [{"Key": "20300", "Title": "18 jaar of ouder"},
                         {"Key": "53115", "Title": "18 tot 65 jaar"}],
            "Marges": [{"Key": "MW00000", "Title": "Waarde"},
                       {"Key": "MOG0095", "Title": "Ondergrens 95%-interval"}],
            "TypedDataSet": rows}
    result = read_with(definitions, {"TEST2020R": rivm}, ["rivm"])
    assert value(result, "ervaren_gezondheid", "BU16800000") == 71.5
    assert math.isnan(value(result, "risico_angst_depressie", "BU16800000"))
    assert result.provenance["ervaren_gezondheid"][0]["period"] == 2020
    stress = next(m for m in result.messages if m.params["field"] == "ervaren_stress")
    assert "column HeelVeelStressInAfgelopen4Weken of TEST2020R" in str(stress)
    del rivm["Marges"][0]                                   # no "Waarde" entry
    result = read_with(definitions, {"TEST2020R": rivm}, ["rivm"])
    message = next(m for m in result.messages if m.params["field"] == "ervaren_gezondheid")
    assert "has no Marges entry titled Waarde" in str(message)
