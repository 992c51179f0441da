"""mdi:joinregiokompas through processing.run and qgis_process, against independent loops."""

import csv
import json
import math

import numpy as np
import pytest
from qgis.core import (QgsCoordinateTransformContext, QgsProcessingException,
                       QgsVectorFileWriter, QgsVectorLayer)

from qgis_layers import memory_layer
from mdi_plugin.core.codes import normalise_code
from mdi_test_helpers import LogFeedback, null, runner

ALG = "mdi:joinregiokompas"
THEMES = ["wonen", "werk", "gezondheid", "veiligheid"]
SAMPLE_CSV = "resources/sample_data/regiokompas_voorbeeld.csv"


def theme_table(count=24, seed=7):
    """count gemeenten 1..count with random scores; some missing."""
    rng = np.random.default_rng(seed)
    table = rng.normal(100, 12, (count, len(THEMES))).round(2)
    table[rng.random(table.shape) < 0.08] = np.nan
    return table


def dutch(value):
    return "" if math.isnan(value) else "{:.2f}".format(value).replace(".", ",")


def regiokompas_layer(table, codes=None, text=True, extra_rows=()):
    """A geometry-less table: code, naam and the themes (Dutch text or doubles)."""
    codes = codes or [str(n + 1) for n in range(len(table))]
    kind = "string" if text else "double"
    rows = []
    for code, values in zip(codes, table):
        cells = [dutch(v) for v in values] if text else \
            [None if math.isnan(v) else float(v) for v in values]
        rows.append([code, "Gemeente {}".format(code)] + cells)
    rows.extend(extra_rows)
    return memory_layer(["gemeentecode:string", "naam:string"] +
                        ["{}:{}".format(t, kind) for t in THEMES], rows, "None",
                        "regiokompas")


def reference_counts(table, higher_is_better=True):
    """Per Regiokompas row: (top, bottom) counts, numpy percentiles and plain loops."""
    top = [0] * len(table)
    bottom = [0] * len(table)
    for column in table.T:
        valid = column[~np.isnan(column)]
        low, high = np.percentile(valid, 25), np.percentile(valid, 75)
        for row, value in enumerate(column):
            if math.isnan(value):
                continue
            if higher_is_better:
                top[row] += value >= high
                bottom[row] += value <= low
            else:
                top[row] += value <= low
                bottom[row] += value >= high
    return top, bottom


run = runner(ALG)


def value(feature, name):
    raw = feature[name]
    return None if null(raw) else raw


# Input: mixed code forms, a long table (two years), one gemeente unknown to the Regiokompas
# (GM0099), one NULL code; Regiokompas gemeenten 3, 5 and 7..24 are not in the input.
INPUT_ROWS = [["GM0001", 2022], ["1", 2023], ["0002", 2022], ["gm2", 2023], ["GM4", 2023],
              ["6", 2023], ["GM0099", 2023], [None, 2023]]
INPUT_ROW_OF = [0, 0, 1, 1, 3, 5, None, None]


def input_layer():
    return memory_layer(["gemeentecode:string", "jaar:integer"], INPUT_ROWS)


@pytest.mark.parametrize("text", [True, False])
def test_join_counts_and_unmatched(mdi_provider, text):
    table = theme_table()
    source = input_layer()
    rk = regiokompas_layer(table, text=text)
    result = run({"INPUT": source, "REGIOKOMPAS": rk})
    assert result["N_MATCHED"] == 6
    assert result["N_UNMATCHED_INPUT"] == 2
    assert result["N_UNMATCHED_REGIOKOMPAS"] == len(table) - 4
    top, bottom = reference_counts(table)
    layer = result["OUTPUT"]
    names = layer.fields().names()
    assert names == ["gemeentecode", "jaar"] + THEMES + ["bw_aantal_top", "bw_aantal_onder"]
    features = list(layer.getFeatures())
    assert [value(f, "gemeentecode") for f in features] == [r[0] for r in INPUT_ROWS]
    for feature, row in zip(features, INPUT_ROW_OF):
        if row is None:
            assert all(value(feature, n) is None for n in THEMES + ["bw_aantal_top",
                                                                    "bw_aantal_onder"])
            continue
        assert value(feature, "bw_aantal_top") == top[row]
        assert value(feature, "bw_aantal_onder") == bottom[row]
        for column, theme in enumerate(THEMES):
            expected = table[row, column]
            got = value(feature, theme)
            assert (got is None) if math.isnan(expected) else got == pytest.approx(expected)
    assert sum(f.hasGeometry() for f in features) == len(INPUT_ROWS)


def test_lower_is_better_swaps_counts(mdi_provider):
    table = theme_table(seed=12)
    result = run({"INPUT": input_layer(), "REGIOKOMPAS": regiokompas_layer(table),
                  "HIGHER_IS_BETTER": False})
    top, bottom = reference_counts(table, higher_is_better=False)
    features = list(result["OUTPUT"].getFeatures())
    for feature, row in zip(features, INPUT_ROW_OF):
        if row is not None:
            assert value(feature, "bw_aantal_top") == top[row]
            assert value(feature, "bw_aantal_onder") == bottom[row]
    higher = reference_counts(table, higher_is_better=True)
    assert top == higher[1] and bottom == higher[0]


def test_explicit_themes_and_keys(mdi_provider):
    table = theme_table(seed=3)
    source = memory_layer(["naam:string", "gm:integer"], [["A", 1], ["B", 2], ["C", 30]])
    rk = regiokompas_layer(table)
    result = run({"INPUT": source, "INPUT_KEY": "gm", "REGIOKOMPAS": rk,
                  "RK_KEY": "gemeentecode", "THEME_FIELDS": ["werk", "wonen"]})
    layer = result["OUTPUT"]
    assert layer.fields().names() == ["naam", "gm", "werk", "wonen", "bw_aantal_top",
                                      "bw_aantal_onder"]
    top, bottom = reference_counts(table[:, [1, 0]])
    got = [(value(f, "bw_aantal_top"), value(f, "bw_aantal_onder"))
           for f in layer.getFeatures()]
    assert got == [(top[0], bottom[0]), (top[1], bottom[1]), (None, None)]
    assert result["N_UNMATCHED_INPUT"] == 1


def test_quartiles_over_the_whole_table_and_total_rows_skipped(mdi_provider):
    table = theme_table(count=40, seed=21)
    total = ["Nederland", "Nederland"] + ["999,00"] * len(THEMES)
    rk = regiokompas_layer(table, extra_rows=[total])
    source = memory_layer(["code:string"], [["GM0040"], ["GM0001"]])
    result = run({"INPUT": source, "REGIOKOMPAS": rk})
    top, bottom = reference_counts(table)
    got = [(value(f, "bw_aantal_top"), value(f, "bw_aantal_onder"))
           for f in result["OUTPUT"].getFeatures()]
    assert got == [(top[39], bottom[39]), (top[0], bottom[0])]
    assert result["N_UNMATCHED_REGIOKOMPAS"] == 38 + 1


def test_theme_name_collision_gets_prefix_and_input_is_untouched(mdi_provider):
    table = theme_table(seed=5)
    source = memory_layer(["gemeentecode:string", "Wonen:string"], [["GM0001", "eigen"]])
    before = [f.attributes() for f in source.getFeatures()]
    result = run({"INPUT": source, "REGIOKOMPAS": regiokompas_layer(table)})
    layer = result["OUTPUT"]
    assert layer.fields().names()[:3] == ["gemeentecode", "Wonen", "rk_wonen"]
    feature = next(layer.getFeatures())
    assert feature["Wonen"] == "eigen"
    assert value(feature, "rk_wonen") == pytest.approx(table[0, 0])
    assert [f.attributes() for f in source.getFeatures()] == before
    assert source.fields().names() == ["gemeentecode", "Wonen"]


def test_rerun_replaces_count_fields(mdi_provider):
    table = theme_table(seed=9)
    first = run({"INPUT": input_layer(), "REGIOKOMPAS": regiokompas_layer(table),
                 "THEME_FIELDS": ["werk"]})["OUTPUT"]
    second = run({"INPUT": first, "REGIOKOMPAS": regiokompas_layer(table),
                  "THEME_FIELDS": ["werk"]})["OUTPUT"]
    names = second.fields().names()
    assert names.count("bw_aantal_top") == 1 and "rk_werk" in names


def test_geopackage_table_fid_and_year_are_not_themes(mdi_provider, tmp_path):
    table = theme_table(seed=14)
    rk = regiokompas_layer(table)
    field_defs = ["jaar:integer"] + ["{}:string".format(f.name()) for f in rk.fields()]
    with_year = memory_layer(field_defs, [[2023] + f.attributes() for f in rk.getFeatures()],
                             "None")
    path = tmp_path / "regiokompas.gpkg"
    write_gpkg(with_year, path, "regiokompas")
    result = run({"INPUT": input_layer(),
                  "REGIOKOMPAS": "{}|layername=regiokompas".format(path)})
    names = result["OUTPUT"].fields().names()
    assert names == ["gemeentecode", "jaar"] + THEMES + ["bw_aantal_top", "bw_aantal_onder"]
    top, _ = reference_counts(table)
    got = [value(f, "bw_aantal_top") for f in result["OUTPUT"].getFeatures()]
    assert got == [None if r is None else top[r] for r in INPUT_ROW_OF]


def test_duplicated_key_fails_naming_the_code(mdi_provider, tmp_path):
    table = theme_table(count=6)
    codes = ["1", "2", "3", "0363", "5", "GM0363"]
    target = tmp_path / "uit.gpkg"
    with pytest.raises(QgsProcessingException) as caught:
        run({"INPUT": input_layer(), "REGIOKOMPAS": regiokompas_layer(table, codes),
             "OUTPUT": str(target)})
    assert "GM0363" in str(caught.value) and "more than once" in str(caught.value)
    assert not target.exists()


def test_explicit_text_theme_fails_naming_field_feature_value(mdi_provider, tmp_path):
    table = theme_table(count=5)
    rk = regiokompas_layer(table)
    bad_id = [f.id() for f in rk.getFeatures()][2]
    rk.dataProvider().changeAttributeValues({bad_id: {rk.fields().indexOf("werk"): "hoog"}})
    with pytest.raises(QgsProcessingException) as caught:
        run({"INPUT": input_layer(), "REGIOKOMPAS": rk, "THEME_FIELDS": ["werk"]})
    message = str(caught.value)
    assert "'werk'" in message and "feature {}".format(bad_id) in message
    assert "'hoog'" in message
    with pytest.raises(QgsProcessingException, match="'naam'"):
        run({"INPUT": input_layer(), "REGIOKOMPAS": rk, "THEME_FIELDS": ["naam"]})
    # by default a field with a non-number is not a theme
    result = run({"INPUT": input_layer(), "REGIOKOMPAS": rk})
    assert "werk" not in result["OUTPUT"].fields().names()


def test_missing_key_field_is_an_error(mdi_provider):
    source = memory_layer(["gm:string"], [["GM0001"]])
    with pytest.raises(QgsProcessingException, match="INPUT_KEY"):
        run({"INPUT": source, "REGIOKOMPAS": regiokompas_layer(theme_table())})
    with pytest.raises(QgsProcessingException, match="'nope'"):
        run({"INPUT": input_layer(), "RK_KEY": "nope",
             "REGIOKOMPAS": regiokompas_layer(theme_table())})


def test_unmatched_codes_are_logged(mdi_provider):
    feedback = LogFeedback()
    run({"INPUT": input_layer(), "REGIOKOMPAS": regiokompas_layer(theme_table(count=30))},
        feedback=feedback)
    log = "\n".join(feedback.infos + feedback.warnings)
    assert "GM0099" in log and "NULL" in log
    # 26 unmatched Regiokompas gemeenten (3, 5, 7..30): the first 20 are listed
    assert "GM0003" in log and "GM0024" in log and "GM0025" not in log
    assert "and 6 more" in log


# --- command line -----------------------------------------------------------------------

def write_gpkg(layer, path, name):
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error


@pytest.mark.qgis_process
def test_qgis_process_with_a_dutch_csv(qgis_process, tmp_path):
    table = theme_table(seed=31)
    source = tmp_path / "regiokompas.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["gemeentecode", "naam"] + THEMES)
        for row, values in enumerate(table):
            writer.writerow([str(row + 1), "Plaats {}".format(row + 1)] +
                            [dutch(v) for v in values])
    gemeenten = tmp_path / "gemeenten.gpkg"
    write_gpkg(input_layer(), gemeenten, "gemeenten")
    target = tmp_path / "uit.gpkg"
    answer = qgis_process("run", ALG, "--json", "--",
                          "INPUT={}|layername=gemeenten".format(gemeenten),
                          "REGIOKOMPAS={}".format(source), "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    assert (results["N_MATCHED"], results["N_UNMATCHED_INPUT"],
            results["N_UNMATCHED_REGIOKOMPAS"]) == (6, 2, len(table) - 4)
    layer = QgsVectorLayer(str(target), "uit", "ogr")
    assert layer.isValid()
    top, bottom = reference_counts(table)
    for feature, row in zip(layer.getFeatures(), INPUT_ROW_OF):
        expected = (None, None) if row is None else (top[row], bottom[row])
        assert (value(feature, "bw_aantal_top"), value(feature, "bw_aantal_onder")) == expected


def test_sample_data(mdi_provider, repo_root):
    csv_path = repo_root / SAMPLE_CSV
    gpkg = repo_root / "resources" / "sample_data" / "mdi_voorbeeld.gpkg"
    assert csv_path.is_file() and gpkg.is_file(), "sample data missing: make sample-data"
    with open(csv_path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, rows = rows[0], rows[1:]
    table = np.array([[float(v) if v else np.nan for v in r[1:]] for r in rows])
    row_of = {normalise_code(r[0], "GM"): n for n, r in enumerate(rows)}
    result = run({"INPUT": "{}|layername=gemeenten".format(gpkg), "REGIOKOMPAS": str(csv_path)})
    layer = result["OUTPUT"]
    assert all(t in layer.fields().names() for t in header[1:])
    top, bottom = reference_counts(table)
    for feature in layer.getFeatures():
        row = row_of.get(normalise_code(feature["gemeentecode"], "GM"))
        expected = (None, None) if row is None else (top[row], bottom[row])
        assert (value(feature, "bw_aantal_top"), value(feature, "bw_aantal_onder")) == expected
    assert result["N_MATCHED"] + result["N_UNMATCHED_INPUT"] == layer.featureCount()
