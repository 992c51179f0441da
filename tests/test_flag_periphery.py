"""mdi:flagperiphery through processing.run and qgis_process, against the zone table read
independently with the csv module."""

import csv
import json
import math

import numpy as np
import pytest
from qgis import processing
from qgis.core import (QgsCoordinateTransformContext, QgsFeature, QgsGeometry, QgsPointXY,
                       QgsProcessingException, QgsVectorFileWriter, QgsVectorLayer)

from mdi_test_helpers import LogFeedback, null, runner

ALG = "mdi:flagperiphery"
OUTPUT_FIELDS = ["zone", "perifeer", "hoge_mdi", "focusregio", "kwadrant"]
ZONE_WORDS = {"kern": "Kern", "intermediair": "Intermediair", "perifeer": "Perifeer"}


def reference_zones(repo_root):
    """{CR code: zone} of the shipped table, read with the csv module."""
    with open(repo_root / "resources" / "corop_zones.csv", encoding="utf-8") as handle:
        return {row["coropcode"]: row["zone"] for row in csv.DictReader(handle)}


def plain(value):
    return None if null(value) else value


def square(x):
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, 0), QgsPointXY(x + 9, 0),
                                       QgsPointXY(x + 9, 9), QgsPointXY(x, 9),
                                       QgsPointXY(x, 0)]])


def region_layer(codes, mdi, code_field="statcode", mdi_type="double", extra=()):
    """Polygon memory layer with a code field, statnaam, mdi and extra (name, values)."""
    defs = ["{}:string".format(code_field), "statnaam:string", "mdi:{}".format(mdi_type)] + \
        ["{}:string".format(name) for name, _ in extra]
    uri = "Polygon?crs=EPSG:28992&" + "&".join("field={}".format(d) for d in defs)
    layer = QgsVectorLayer(uri, "regios", "memory")
    assert layer.isValid()
    features = []
    for row, (code, value) in enumerate(zip(codes, mdi)):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(square(10 * row))
        if value is not None and not isinstance(value, str):
            value = None if math.isnan(value) else float(value)     # no numpy scalars
        feature.setAttributes([code, "Regio {}".format(row), value] +
                              [values[row] for _, values in extra])
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


def forty_regions(seed=1):
    """All 40 COROP codes in mixed forms and random MDI values (two NULL)."""
    rng = np.random.default_rng(seed)
    mdi = rng.uniform(30, 70, 40).round(2)
    mdi[[4, 30]] = np.nan
    mdi[0] = 50.0
    forms = ["CR{:02d}", "cr{:02d}", "{}", "{:02d}"]
    codes = [forms[n % 4].format(n) for n in range(1, 41)]
    return codes, mdi


def expected_flags(zone, value, threshold=50.0):
    """Independent expectation of (perifeer, hoge_mdi, focusregio, kwadrant)."""
    peripheral = None if zone is None else int(zone == "perifeer")
    high = None if value is None or math.isnan(value) else int(value >= threshold)
    if peripheral == 0 or high == 0:
        focus = 0
    elif peripheral is None or high is None:
        focus = None
    else:
        focus = 1
    label = "{}, {}".format(ZONE_WORDS.get(zone, "Zone onbekend"),
                            {None: "geen MDI", 1: "hoge MDI", 0: "lage MDI"}[high])
    return peripheral, high, focus, label


run = runner(ALG)


def rows_of(layer):
    return [{name: plain(f[name]) for name in layer.fields().names()}
            for f in layer.getFeatures()]


def test_forty_regions_with_the_bundled_table(mdi_provider, repo_root):
    zones = reference_zones(repo_root)
    codes, mdi = forty_regions()
    result = run({"INPUT": region_layer(codes, mdi)})
    rows = rows_of(result["OUTPUT"])
    assert [r["zone"] for r in rows].count("perifeer") == 16
    assert [r["zone"] for r in rows].count("intermediair") == 14
    assert [r["zone"] for r in rows].count("kern") == 10
    for number, (row, value) in enumerate(zip(rows, mdi), start=1):
        zone = zones["CR{:02d}".format(number)]
        assert row["zone"] == zone
        assert (row["perifeer"], row["hoge_mdi"], row["focusregio"], row["kwadrant"]) == \
            expected_flags(zone, value)
    assert rows[0]["hoge_mdi"] == 1      # MDI exactly 50 is high
    expected_focus = sum(1 for n, v in enumerate(mdi, start=1)
                         if zones["CR{:02d}".format(n)] == "perifeer" and v >= 50)
    assert result["N_FOCUS"] == expected_focus > 0
    assert result["N_UNKNOWN"] == 0 and result["N_NO_MDI"] == 2
    assert result["FEATURE_COUNT"] == 40
    out = result["OUTPUT"]
    assert out.fields().names() == ["statcode", "statnaam", "mdi"] + OUTPUT_FIELDS
    assert next(out.getFeatures()).geometry().area() == pytest.approx(81.0)


def test_unknown_codes_get_null_zone_and_one_warning(mdi_provider):
    codes = ["CR01", "CR99", "GM0363", None, "CR17", "CR99", ""]
    mdi = [60.0, 70.0, 40.0, 55.0, 65.0, 20.0, None]
    feedback = LogFeedback()
    result = run({"INPUT": region_layer(codes, mdi)}, feedback)
    rows = rows_of(result["OUTPUT"])
    assert [r["zone"] for r in rows] == ["perifeer", None, None, None, "kern", None, None]
    assert [r["perifeer"] for r in rows] == [1, None, None, None, 0, None, None]
    assert [r["focusregio"] for r in rows] == [1, None, 0, None, 0, 0, None]
    assert rows[1]["kwadrant"] == "Zone onbekend, hoge MDI"
    assert rows[6]["kwadrant"] == "Zone onbekend, geen MDI"
    assert result["N_UNKNOWN"] == 5 and result["N_FOCUS"] == 1 and result["N_NO_MDI"] == 1
    listing = [w for w in feedback.warnings if "not in the zone table" in w]
    assert len(listing) == 1
    assert "CR99, GM0363, (empty)" in listing[0] and "'statcode'" in listing[0]


def test_a_code_that_is_no_cbs_code_is_an_error_naming_the_feature(mdi_provider):
    layer = region_layer(["CR01", "onbekend", "CR02"], [60.0, 50.0, 40.0])
    with pytest.raises(QgsProcessingException,
                       match="Field 'statcode', feature 2: 'onbekend' is not a CBS area code"):
        run({"INPUT": layer})


def test_custom_zone_table_csv_with_dutch_zone_names(mdi_provider, tmp_path):
    table = tmp_path / "zones.csv"
    table.write_text("Statcode;Zone\n1;Perifere zone\ncr02;Kernzone\n03;Intermediaire zone\n",
                     encoding="utf-8")
    layer = region_layer(["CR01", "CR02", "CR03", "CR04"], [55.0, 55.0, 45.0, 55.0])
    result = run({"INPUT": layer, "ZONES": str(table)})
    rows = rows_of(result["OUTPUT"])
    assert [r["zone"] for r in rows] == ["perifeer", "kern", "intermediair", None]
    assert [r["kwadrant"] for r in rows] == ["Perifeer, hoge MDI", "Kern, hoge MDI",
                                             "Intermediair, lage MDI",
                                             "Zone onbekend, hoge MDI"]
    assert result["N_FOCUS"] == 1 and result["N_UNKNOWN"] == 1


def test_zone_table_as_a_layer(mdi_provider):
    zones = QgsVectorLayer("None?field=code:integer&field=zone:string", "zones", "memory")
    features = []
    for code, zone in ((1, "kern"), (2, "perifeer")):
        feature = QgsFeature(zones.fields())
        feature.setAttributes([code, zone])
        features.append(feature)
    zones.dataProvider().addFeatures(features)
    result = run({"INPUT": region_layer(["CR01", "CR02"], [70.0, 70.0]), "ZONES": zones})
    assert [r["focusregio"] for r in rows_of(result["OUTPUT"])] == [0, 1]


def test_code_field_detection(mdi_provider):
    layer = region_layer(["CR01", "CR17"], [60.0, 60.0], code_field="StatCode",
                         extra=[("coropcode", ["CR17", "CR01"])])
    rows = rows_of(run({"INPUT": layer})["OUTPUT"])
    assert [r["zone"] for r in rows] == ["kern", "perifeer"]          # coropcode first
    rows = rows_of(run({"INPUT": layer, "CODE_FIELD": "StatCode"})["OUTPUT"])
    assert [r["zone"] for r in rows] == ["perifeer", "kern"]
    rows = rows_of(run({"INPUT": region_layer(["1"], [1.0], code_field="CODE")})["OUTPUT"])
    assert rows[0]["zone"] == "perifeer"


def test_threshold_and_text_mdi(mdi_provider):
    layer = region_layer(["CR01", "CR01", "CR01"], ["59,9", "60,0", "."], mdi_type="string")
    rows = rows_of(run({"INPUT": layer, "THRESHOLD": 60})["OUTPUT"])
    assert [r["hoge_mdi"] for r in rows] == [0, 1, None]
    assert [r["focusregio"] for r in rows] == [0, 1, None]


def test_existing_flag_fields_are_replaced_and_input_untouched(mdi_provider):
    codes, mdi = forty_regions()
    layer = region_layer(codes, mdi)
    before = [f.attributes() for f in layer.getFeatures()]
    first = run({"INPUT": layer})["OUTPUT"]
    second = run({"INPUT": first, "THRESHOLD": 60})["OUTPUT"]
    assert second.fields().names() == first.fields().names()
    assert [r["hoge_mdi"] for r in rows_of(second)] == \
        [None if math.isnan(v) else int(v >= 60) for v in mdi]
    assert layer.fields().names() == ["statcode", "statnaam", "mdi"]
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_chain_classify_then_flag_without_renaming(mdi_provider, repo_root):
    zones = reference_zones(repo_root)
    codes, mdi = forty_regions(seed=3)
    classified = processing.run("mdi:classifyquartiles", {
        "INPUT": region_layer(codes, mdi), "OUTPUT": "memory:"})["OUTPUT"]
    flagged = run({"INPUT": classified})["OUTPUT"]
    assert flagged.fields().names()[-7:] == ["mdi_klasse", "mdi_klasse_label"] + OUTPUT_FIELDS
    for number, (row, value) in enumerate(zip(rows_of(flagged), mdi), start=1):
        assert row["kwadrant"] == expected_flags(zones["CR{:02d}".format(number)], value)[3]


@pytest.mark.parametrize("layer_kwargs, params, zones_text, fragments", [
    ({}, {"MDI_FIELD": "mdii"}, None, ["MDI_FIELD", "field 'mdii' is not in the input",
                                       "Similar fields: mdi"]),
    ({}, {"CODE_FIELD": "regio"}, None, ["CODE_FIELD", "field 'regio' is not in the input"]),
    ({"code_field": "naam"}, {}, None, ["none of the region code fields coropcode, statcode, "
                                        "code", "naam, statnaam, mdi"]),
    ({"mdi_type": "string", "mdi": ["hoog", "1"]}, {}, None,
     ["Field 'mdi'", "'hoog'", "feature 1"]),
    ({}, {}, "coropcode,regiotype\nCR01,perifeer\n",
     ["no 'zone' column", "coropcode, regiotype"]),
    ({}, {}, "naam,zone\nOost,perifeer\n", ["no code column", "naam, zone"]),
    ({}, {}, "code,zone\nCR01,perifeer\nCR02,buitengebied\n",
     ["row 2 (CR02)", "'buitengebied'"]),
])
def test_bad_input_gets_a_clear_message(mdi_provider, tmp_path, layer_kwargs, params,
                                        zones_text, fragments):
    kwargs = dict({"codes": ["CR01", "CR02"], "mdi": [55.0, 45.0]}, **layer_kwargs)
    layer = region_layer(**kwargs)
    if zones_text is not None:
        path = tmp_path / "zones.csv"
        path.write_text(zones_text, encoding="utf-8")
        params = dict(params, ZONES=str(path))
    target = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as info:
        run(dict(params, INPUT=layer, OUTPUT=str(target)))
    for fragment in fragments:
        assert fragment in str(info.value)
    assert not target.exists()


def test_empty_input_is_an_error(mdi_provider):
    with pytest.raises(QgsProcessingException, match="no features"):
        run({"INPUT": region_layer([], [])})


def test_sample_data_regions(mdi_provider, sample_gpkg, repo_root):
    """Sample gemeenten 2023 -> MDI -> plain mean per region (computed here) -> flags."""
    gemeenten = processing.run("mdi:computemdi", {
        "INPUT": "{}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD": "jaar",
        "OUTPUT": "memory:"})["OUTPUT"]
    by_region = {}
    for feature in gemeenten.getFeatures():
        if feature["jaar"] == 2023 and not null(feature["mdi"]):
            by_region.setdefault(feature["coropcode"], []).append(feature["mdi"])
    regions = QgsVectorLayer("{}|layername=corop_regios".format(sample_gpkg), "r", "ogr")
    codes = [f["coropcode"] for f in regions.getFeatures()]
    means = [float(np.mean(by_region[c])) for c in codes]
    layer = region_layer(codes, means, code_field="coropcode")
    zones_csv = repo_root / "resources" / "sample_data" / "zones_voorbeeld.csv"
    result = run({"INPUT": layer, "ZONES": str(zones_csv)})
    with open(zones_csv, encoding="utf-8") as handle:
        zones = {row["coropcode"]: row["zone"] for row in csv.DictReader(handle)}
    rows = rows_of(result["OUTPUT"])
    assert [r["zone"] for r in rows] == [zones[c] for c in codes]
    assert [(r["perifeer"], r["hoge_mdi"], r["focusregio"], r["kwadrant"]) for r in rows] == \
        [expected_flags(zones[c], m) for c, m in zip(codes, means)]
    assert result["N_UNKNOWN"] == 0
    # with the bundled (real) table the fictional CR91-CR99 codes are all unknown
    assert run({"INPUT": layer})["N_UNKNOWN"] == len(codes)


# --- qgis_process -------------------------------------------------------------------------


def write_gpkg(layer, path):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "regios"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error


def json_results(answer):
    assert answer.returncode == 0, answer.stdout + answer.stderr
    return json.loads(answer.stdout[answer.stdout.index("{"):])["results"]


@pytest.mark.qgis_process
def test_qgis_process_forty_regions(qgis_process, tmp_path, repo_root):
    zones = reference_zones(repo_root)
    codes, mdi = forty_regions(seed=9)
    source = tmp_path / "regios.gpkg"
    write_gpkg(region_layer(codes, mdi), source)
    target = tmp_path / "vlaggen.gpkg"
    results = json_results(qgis_process("run", ALG, "--json", "--",
                                        "INPUT={}|layername=regios".format(source),
                                        "OUTPUT={}".format(target)))
    expected = [expected_flags(zones["CR{:02d}".format(n)], v)
                for n, v in enumerate(mdi, start=1)]
    assert results["N_FOCUS"] == sum(1 for e in expected if e[2] == 1)
    assert results["N_UNKNOWN"] == 0 and results["N_NO_MDI"] == 2
    layer = QgsVectorLayer(str(target), "out", "ogr")
    got = [(plain(f["perifeer"]), plain(f["hoge_mdi"]), plain(f["focusregio"]),
            f["kwadrant"]) for f in layer.getFeatures()]
    assert got == expected
    assert all(f.geometry().area() > 0 for f in layer.getFeatures())


@pytest.mark.qgis_process
def test_qgis_process_zone_table_without_zone_column(qgis_process, tmp_path):
    source = tmp_path / "regios.gpkg"
    write_gpkg(region_layer(["CR01"], [60.0]), source)
    table = tmp_path / "zones.csv"
    table.write_text("coropcode;type\nCR01;perifeer\n", encoding="utf-8")
    target = tmp_path / "vlaggen.gpkg"
    answer = qgis_process("run", ALG, "--", "INPUT={}|layername=regios".format(source),
                          "ZONES={}".format(table), "OUTPUT={}".format(target))
    assert answer.returncode != 0
    assert "no 'zone' column" in answer.stdout + answer.stderr
    assert not target.exists()
