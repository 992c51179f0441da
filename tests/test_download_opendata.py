"""mdi:downloadopendata in this process against the local stand-in for CBS, dataderden and
PDOK (tests/opendata_server.py on 127.0.0.1, serving the recorded answers): values, fields,
boundaries, the spec with national bounds, provenance, the cache and the map attribution.
The error answers (500, time-out, HTML, ...) are in test_hostile_opendata.py."""

import json
import math

import pytest
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

from mdi_plugin.compat import GEOMETRY_POLYGON
from mdi_plugin.core.opendata import ATTRIBUTION_FIELD
from mdi_test_helpers import as_float, null
from opendata_helpers import ALGORITHM, opendata_session
from opendata_server import _json


@pytest.fixture
def opendata(mdi_provider, monkeypatch, tmp_path):
    with opendata_session(monkeypatch, tmp_path, timeout=5) as session:
        yield session


def rows(path, key):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return layer, {f[key]: f for f in layer.getFeatures()}


def test_buurten_2024_with_boundaries_crimes_and_a_spec(opendata, tmp_path):
    out = tmp_path / "buurten.gpkg"
    result, feedback = opendata.run(out, GEOMETRY=True)
    layer, by_code = rows(out, "buurtcode")
    assert layer.crs().authid() == "EPSG:28992" and layer.geometryType() == GEOMETRY_POLYGON
    assert result["N_AREAS"] == layer.featureCount() == len(by_code) == 46
    names = layer.fields().names()
    assert names[1:7] == ["buurtcode", "buurtnaam", "wijkcode", "gemeentecode",
                          "gemeentenaam", "jaar"]
    assert {"inwoners", "misdrijven_totaal", "vandalisme", "vermogensdelicten",
            "geweldsdelicten", "arbeidsongeschikten", ATTRIBUTION_FIELD} <= set(names)
    assert "ervaren_gezondheid" not in names                     # RIVM not chosen
    annen = by_code["BU16800000"]
    assert annen["inwoners"] == 3455 and annen["jaar"] == 2024
    assert annen["misdrijven_totaal"] == pytest.approx(58 / 3455 * 1000)   # recorded numbers
    assert annen["buurtnaam"] == "Annen" and annen["gemeentenaam"] == "Aa en Hunze"
    assert annen[ATTRIBUTION_FIELD] == "CBS, Politie, PDOK open data (CC BY 4.0)"
    assert not annen.geometry().isEmpty()
    assert null(by_code["BU16800309"]["vandalisme"])              # 10 inhabitants
    assert null(annen["arbeidsongeschikten"])                      # first release: empty
    planc = by_code["BU0363AA01"]
    assert planc["wijkcode"] == "WK0363AA" and planc["buurtnaam"] == "Planciusbuurt-Noord"
    assert result["N_INDICATORS"] == 3
    spec = json.loads(open(result["SPEC"], encoding="utf-8").read())
    assert result["SPEC"] == str(tmp_path / "buurten_spec.json")
    assert [i["field"] for i in spec["indicators"]] == [
        "vandalisme", "vermogensdelicten", "geweldsdelicten"]
    vandalism = [as_float(f["vandalisme"]) for f in by_code.values()]
    assert spec["indicators"][0]["lower"] == min(v for v in vandalism if not math.isnan(v))
    text = feedback.text
    assert "vandalisme 2024: politie 47018NED, period 2023, Modified 2024-08-15T02:00:00" in text
    assert "stays empty: 85984NED has no values for it" in text
    assert "financiele_buffer" in text and "SPEC" in text


def test_one_gemeente_is_cut_from_the_national_data_with_the_same_bounds(opendata, tmp_path):
    national, _ = opendata.run(tmp_path / "nl.gpkg")
    one, _ = opendata.run(tmp_path / "aa.gpkg", GEMEENTEN="1680")
    _, nl_rows = rows(tmp_path / "nl.gpkg", "buurtcode")
    _, aa_rows = rows(tmp_path / "aa.gpkg", "buurtcode")
    assert set(aa_rows) == {c for c in nl_rows if c.startswith("BU1680")}
    with open(national["SPEC"], encoding="utf-8") as a, open(one["SPEC"], encoding="utf-8") as b:
        assert json.load(a)["indicators"] == json.load(b)["indicators"]


def test_gemeenten_2020_without_geometry_from_the_recorded_rows(opendata, tmp_path):
    out = tmp_path / "gemeenten.gpkg"
    result, _ = opendata.run(out, YEARS="2020", LEVEL=0, SOURCES=[0])
    layer, by_code = rows(out, "gemeentecode")
    assert not layer.isSpatial()                                     # a table
    assert sorted(by_code) == ["GM0363", "GM1680"]
    assert by_code["GM0363"]["gemeentenaam"] == "Amsterdam"
    recorded = {r["WijkenEnBuurten"].strip(): r for r in
                _json("cbs_84799NED_TypedDataSet_rows_from_parquet.json")}
    for code in ("GM0363", "GM1680"):
        row = recorded[code]
        assert by_code[code]["inwoners"] == row["AantalInwoners_5"]
        assert by_code[code]["arbeidsongeschikten"] == pytest.approx(
            100 * row["PersonenPerSoortUitkeringAO_84"] / (
                row["k_15Tot25Jaar_9"] + row["k_25Tot45Jaar_10"] + row["k_45Tot65Jaar_11"]))
    assert result["N_AREAS"] == 2


def test_the_cache_is_keyed_on_the_modified_date(opendata, tmp_path):
    opendata.run(tmp_path / "a.gpkg", YEARS="2020", SOURCES=[0])
    first = len(opendata.hits("TypedDataSet"))
    assert first == 1
    opendata.run(tmp_path / "b.gpkg", YEARS="2020", SOURCES=[0])
    assert len(opendata.hits("TypedDataSet")) == first           # from the cache
    assert len(opendata.hits("TableInfos")) == 2                 # but Modified is asked
    opendata.use("revised")                                       # a new revision
    opendata.run(tmp_path / "c.gpkg", YEARS="2020", SOURCES=[0])
    assert len(opendata.hits("revised/cbs/84799NED/TypedDataSet")) == 1
    opendata.run(tmp_path / "d.gpkg", YEARS="2020", SOURCES=[0], REFRESH=True)
    assert len(opendata.hits("revised/cbs/84799NED/TypedDataSet")) == 2


def test_offline_with_a_cache_works_and_says_so(opendata, tmp_path):
    opendata.run(tmp_path / "a.gpkg", YEARS="2020", SOURCES=[0])
    opendata.monkeypatch.setenv("MDI_CBS_ODATA_URL", "http://127.0.0.1:9/recorded/cbs")
    # the cache is per base URL: a mirror is not mixed with the real service
    with pytest.raises(QgsProcessingException, match="127.0.0.1:9"):
        opendata.run(tmp_path / "b.gpkg", YEARS="2020", SOURCES=[0])
    opendata.use("recorded")
    url = opendata.server.url()
    opendata.server.__exit__(None, None, None)                    # the network is gone
    result, feedback = opendata.run(tmp_path / "c.gpkg", YEARS="2020", SOURCES=[0])
    assert result["N_AREAS"] == 5
    assert "No connection: 84799NED is read from the cache (Modified 2021-03-26" in \
        feedback.text, url


def test_the_attribution_lands_in_the_map_export(opendata, tmp_path):
    from mdi_plugin.styling.layout import SOURCE_ID, load_template, prepare_layout
    out = tmp_path / "buurten.gpkg"
    opendata.run(out, GEOMETRY=True)
    layer = QgsVectorLayer(str(out), "buurten", "ogr")
    project = QgsProject()
    project.addMapLayer(layer)
    layout = prepare_layout(load_template(project), [layer], source="Eigen bewerking")
    text = layout.itemById(SOURCE_ID).text()
    assert "Eigen bewerking" in text
    assert "CBS, Politie, PDOK open data (CC BY 4.0)" in text


def test_the_dock_button_opens_the_download_dialog(qgis_new_project, monkeypatch):
    from qgis import processing

    from mdi_plugin.gui.dock import MdiDockWidget
    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog",
                        lambda name, params: opened.append((name, params)))
    dock = MdiDockWidget(None)
    try:
        assert dock.dataButton.text().startswith("Get data")
        dock.dataButton.click()
        assert opened == [(ALGORITHM, {})]

        def missing(name, params):
            raise QgsProcessingException("Algorithm {} not found".format(name))
        monkeypatch.setattr(processing, "execAlgorithmDialog", missing)
        dock.dataButton.click()
        assert "Algorithm mdi:downloadopendata not found" in dock.statusLabel.text()
    finally:
        dock.deleteLater()
