"""mdi:classifyquartiles through processing.run and qgis_process, against numpy."""

import csv
import json
import math

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsPointXY, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from qgis_layers import memory_layer

from mdi_test_helpers import null, runner

ALG = "mdi:classifyquartiles"
LABELS = ["Laag", "Gematigd", "Hoog", "Zeer hoog"]
DOMAINS = ["inkomen", "werk", "gezondheid", "opleiding", "huisvesting", "veiligheid",
           "woonomgeving"]
WEIGHTS = [22.5, 22.5, 13.5, 13.5, 9.3, 9.3, 9.3]


def expected_class(value, breaks):
    """Independent rule: 1 + the number of breaks at or below the value; None if missing."""
    if value is None or math.isnan(value):
        return None
    return 1 + sum(1 for b in breaks if value >= b)


def expected_label(number, labels=LABELS):
    return "Geen gegevens" if number is None else labels[number - 1]


def scores_layer(rows=40, seed=2, years=(2014, 2023), as_text=False):
    """Layer with code, jaar and mdi (some NULL); returns (layer, values, years)."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(25, 75, rows).round(3)
    values[[3, rows - 5]] = np.nan
    year_of_row = np.array([years[row % len(years)] for row in range(rows)])
    values = np.round(values - np.where(year_of_row == years[-1], 8.0, 0.0), 3)  # later: lower
    data = []
    for row in range(rows):
        value = None if math.isnan(values[row]) else float(values[row])
        if as_text and value is not None:
            value = "{:.3f}".format(value).replace(".", ",")
        data.append(["GM{:04d}".format(9001 + row), int(year_of_row[row]), value])
    layer = memory_layer(["code:string", "jaar:integer",
                          "mdi:{}".format("string" if as_text else "double")], data)
    return layer, values, year_of_row


run = runner(ALG)


def classes_of(layer, field="mdi"):
    numbers, labels = [], []
    for feature in layer.getFeatures():
        number = feature[field + "_klasse"]
        numbers.append(None if null(number) else int(number))
        labels.append(feature[field + "_klasse_label"])
    return numbers, labels


def test_fixed_breaks_by_default_with_values_on_the_breaks(mdi_provider):
    values = [12.0, 39.99, 40.0, 45.5, 50.0, 59.999, 60.0, 88.0, None]
    layer = memory_layer(["mdi:double"], [[v] for v in values])
    result = run({"INPUT": layer})
    numbers, labels = classes_of(result["OUTPUT"])
    expected = [expected_class(math.nan if v is None else v, (40, 50, 60)) for v in values]
    assert numbers == expected == [1, 1, 2, 2, 3, 3, 4, 4, None]
    assert labels == [expected_label(n) for n in expected]
    assert labels[4] == "Hoog" and labels[-1] == "Geen gegevens"
    assert result["BREAKS_USED"] == "40, 50, 60"
    assert result["FEATURE_COUNT"] == 9 and result["NULL_COUNT"] == 1
    out = result["OUTPUT"]
    assert out.fields().names() == ["mdi", "mdi_klasse", "mdi_klasse_label"]
    assert out.fields().field("mdi_klasse").typeName().lower().startswith("int")
    assert next(out.getFeatures()).geometry().asPoint() == QgsPointXY(1000, 2000)


def test_pooled_quartiles_match_numpy(mdi_provider):
    layer, values, _ = scores_layer()
    result = run({"INPUT": layer, "METHOD": 1})
    valid = values[~np.isnan(values)]
    breaks = np.percentile(valid, [25, 50, 75])
    numbers, labels = classes_of(result["OUTPUT"])
    assert numbers == [expected_class(v, breaks) for v in values]
    assert labels == [expected_label(n) for n in numbers]
    assert result["BREAKS_USED"] == ", ".join(
        "{:.2f}".format(b).rstrip("0").rstrip(".") for b in breaks)
    assert [numbers.count(k) for k in (1, 2, 3, 4)] == [10, 9, 9, 10]


def test_quartiles_per_year_match_numpy(mdi_provider):
    layer, values, years = scores_layer()
    result = run({"INPUT": layer, "METHOD": 2, "YEAR_FIELD": "jaar"})
    numbers, _ = classes_of(result["OUTPUT"])
    parts = []
    for year in (2014, 2023):
        rows = years == year
        valid = values[rows & ~np.isnan(values)]
        breaks = np.percentile(valid, [25, 50, 75])
        assert [numbers[r] for r in np.flatnonzero(rows)] == \
            [expected_class(v, breaks) for v in values[rows]]
        parts.append("{}: {}".format(year, ", ".join(
            "{:.2f}".format(b).rstrip("0").rstrip(".") for b in breaks)))
    assert result["BREAKS_USED"] == "; ".join(parts)
    pooled, _ = classes_of(run({"INPUT": layer, "METHOD": 1})["OUTPUT"])
    assert pooled != numbers     # 2023 is shifted down: pooled and per-year classes differ


@pytest.mark.parametrize("breaks, parsed", [
    ("30;45,5;70", (30.0, 45.5, 70.0)),
    ("30, 45.5, 70", (30.0, 45.5, 70.0)),
    ("50", (50.0,)),
    ("30 35 40 45 50 55", (30.0, 35.0, 40.0, 45.0, 50.0, 55.0)),
])
def test_custom_breaks(mdi_provider, breaks, parsed):
    layer, values, _ = scores_layer()
    result = run({"INPUT": layer, "METHOD": 3, "BREAKS": breaks})
    numbers, labels = classes_of(result["OUTPUT"])
    assert numbers == [expected_class(v, parsed) for v in values]
    assert max(n for n in numbers if n is not None) <= len(parsed) + 1
    if len(parsed) == 1:
        assert set(labels) <= {"Laag", "Hoog", "Geen gegevens"}
    if len(parsed) == 6:
        assert "Klasse 7 (55 en hoger)" in labels and "Klasse 1 (onder 30)" in labels


def test_text_values_with_decimal_comma(mdi_provider):
    numeric, _, _ = scores_layer()
    text, _, _ = scores_layer(as_text=True)
    for method in (0, 1):
        expected = classes_of(run({"INPUT": numeric, "METHOD": method})["OUTPUT"])
        assert classes_of(run({"INPUT": text, "METHOD": method})["OUTPUT"]) == expected


def test_other_field_and_case_insensitive_name(mdi_provider):
    layer = memory_layer(["Score:double"], [[v] for v in (10.0, 40.0, 70.0)])
    out = run({"INPUT": layer, "FIELD": "score"})["OUTPUT"]
    assert out.fields().names() == ["Score", "Score_klasse", "Score_klasse_label"]
    assert classes_of(out, "Score")[0] == [1, 2, 4]


def test_existing_class_fields_are_replaced(mdi_provider):
    layer, values, _ = scores_layer(rows=10)
    first = run({"INPUT": layer})["OUTPUT"]
    feedback = QgsProcessingFeedback()
    second = run({"INPUT": first, "METHOD": 1}, feedback)["OUTPUT"]
    assert second.fields().names() == first.fields().names() == [
        "code", "jaar", "mdi", "mdi_klasse", "mdi_klasse_label"]
    breaks = np.percentile(values[~np.isnan(values)], [25, 50, 75])
    assert classes_of(second)[0] == [expected_class(v, breaks) for v in values]


def test_input_is_not_modified(mdi_provider):
    layer, _, _ = scores_layer(rows=10)
    before = [f.attributes() for f in layer.getFeatures()]
    run({"INPUT": layer, "METHOD": 1})
    assert layer.fields().names() == ["code", "jaar", "mdi"]
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_table_without_geometry(mdi_provider):
    layer = memory_layer(["mdi:double"], [[55.0], [None]], geometry="None")
    out = run({"INPUT": layer})["OUTPUT"]
    assert classes_of(out) == ([3, None], ["Hoog", "Geen gegevens"])


def bad_layer(change=None):
    layer, _, _ = scores_layer(rows=12, as_text=True)
    for field, (fid, value) in (change or {}).items():
        layer.dataProvider().changeAttributeValues({fid: {layer.fields().indexOf(field):
                                                          value}})
    return layer


@pytest.mark.parametrize("change, params, fragments", [
    ({}, {"FIELD": "mdx"}, ["FIELD", "field 'mdx' is not in the input", "Similar fields: mdi"]),
    ({}, {"FIELD": "waarde"}, ["field 'waarde' is not in the input", "code, jaar, mdi"]),
    ({}, {"METHOD": 3, "BREAKS": "60,50"},
     ["BREAKS '60,50'", "ascending", "60 is followed by 50"]),
    ({}, {"METHOD": 3, "BREAKS": "40;vijftig;60"}, ["'vijftig' is not a number"]),
    ({}, {"METHOD": 3}, ["needs BREAKS"]),
    ({"mdi": (4, "hoog")}, {}, ["Field 'mdi'", "feature 4", "'hoog'"]),
    ({}, {"METHOD": 2}, ["quartiles per year", "YEAR_FIELD"]),
    ({}, {"METHOD": 2, "YEAR_FIELD": "year"}, ["YEAR_FIELD", "field 'year' is not in the input"]),
    ({"jaar": (6, None)}, {"METHOD": 2, "YEAR_FIELD": "jaar"}, ["feature 6 has no year"]),
])
def test_bad_input_gets_a_clear_message(mdi_provider, tmp_path, change, params, fragments):
    target = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as info:
        run(dict(params, INPUT=bad_layer(change), OUTPUT=str(target)))
    for fragment in fragments:
        assert fragment in str(info.value)
    assert not target.exists()


def test_quartiles_without_spread_are_an_error(mdi_provider):
    layer = memory_layer(["mdi:double"], [[50.0]] * 6 + [[70.0]])
    with pytest.raises(QgsProcessingException, match="quartiles coincide.*both 50"):
        run({"INPUT": layer, "METHOD": 1})


def test_empty_input_is_an_error(mdi_provider):
    layer = memory_layer(["mdi:double"], [])
    with pytest.raises(QgsProcessingException, match="no features"):
        run({"INPUT": layer})


def test_ignored_parameters_are_reported(mdi_provider):
    layer, _, _ = scores_layer(rows=8)
    feedback = QgsProcessingFeedback()
    messages = []
    feedback.pushWarning = messages.append
    result = run({"INPUT": layer, "BREAKS": "1,2,3"}, feedback)
    assert result["BREAKS_USED"] == "40, 50, 60"
    assert any("BREAKS is ignored" in m for m in messages)


def test_cancel_writes_nothing(mdi_provider, tmp_path):
    layer, _, _ = scores_layer()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    target = tmp_path / "out.gpkg"
    result = run({"INPUT": layer, "OUTPUT": str(target)}, feedback)
    assert "OUTPUT" not in result and not target.exists()


def test_chain_compute_mdi_then_classify_without_renaming(mdi_provider):
    rng = np.random.default_rng(8)
    scores = rng.uniform(10, 90, (30, 7)).round(1)
    layer = memory_layer(["code:string"] + ["{}:double".format(d) for d in DOMAINS],
                         [["GM{:04d}".format(9001 + r)] + scores[r].tolist()
                          for r in range(30)])
    computed = processing.run("mdi:computemdi", {"INPUT": layer, "MODE": 1,
                                                 "OUTPUT": "memory:"})["OUTPUT"]
    classified = processing.run(ALG, {"INPUT": computed, "OUTPUT": "memory:"})["OUTPUT"]
    mdi = scores @ np.array(WEIGHTS) / 100.0
    numbers, labels = classes_of(classified)
    assert numbers == [expected_class(v, (40, 50, 60)) for v in mdi]
    assert labels == [expected_label(n) for n in numbers]
    names = classified.fields().names()
    assert names[-3:] == ["mdi", "mdi_klasse", "mdi_klasse_label"]
    assert "mdi_inkomen" in names


# --- qgis_process -------------------------------------------------------------------------


def dutch_csv(path, rows=24, seed=5):
    """A CSV as Excel saves it in Dutch (semicolons, decimal commas, '.' = missing)."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(20, 80, rows).round(1)
    values[7] = np.nan
    years = np.array([2014 if row < rows // 2 else 2023 for row in range(rows)])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["gemeentecode", "jaar", "mdi"])
        for row in range(rows):
            text = "." if math.isnan(values[row]) else "{:.1f}".format(values[row])
            writer.writerow(["GM{:04d}".format(9001 + row), years[row],
                             text.replace(".", ",") if text != "." else text])
    return values, years


@pytest.mark.qgis_process
def test_qgis_process_per_year_on_a_dutch_csv(qgis_process, tmp_path):
    source = tmp_path / "mdi.csv"
    values, years = dutch_csv(source)
    target = tmp_path / "klassen.gpkg"
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(source), "METHOD=2",
                          "YEAR_FIELD=jaar", "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    assert results["BREAKS_USED"].startswith("2014: ") and "; 2023: " in results["BREAKS_USED"]
    assert results["NULL_COUNT"] == 1
    layer = QgsVectorLayer(str(target), "out", "ogr")
    assert layer.isValid() and layer.featureCount() == len(values)
    got = {f["gemeentecode"]: (None if null(f["mdi_klasse"]) else int(f["mdi_klasse"]),
                               f["mdi_klasse_label"]) for f in layer.getFeatures()}
    for year in (2014, 2023):
        rows = np.flatnonzero(years == year)
        breaks = np.percentile(values[rows][~np.isnan(values[rows])], [25, 50, 75])
        for row in rows:
            number = expected_class(values[row], breaks)
            assert got["GM{:04d}".format(9001 + row)] == (number, expected_label(number))


@pytest.mark.qgis_process
def test_qgis_process_bad_breaks_fail_without_output(qgis_process, tmp_path):
    source = tmp_path / "mdi.csv"
    dutch_csv(source)
    target = tmp_path / "klassen.gpkg"
    answer = qgis_process("run", ALG, "--", "INPUT={}".format(source), "METHOD=3",
                          "BREAKS=60,50", "OUTPUT={}".format(target))
    assert answer.returncode != 0
    assert "60 is followed by 50" in answer.stdout + answer.stderr
    assert not target.exists()
