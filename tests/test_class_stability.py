"""mdi:classstability through processing.run and qgis_process: the published method as base,
certainty without perturbation, seeded reproducibility, mixtures of two normalisations
against plain recomputations, and bad input."""

import json
import math

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from mdi_plugin.core.spec import load_spec
from mdi_reference import reference_mdi

from mdi_safety_helpers import assert_cancel_leaves_nothing
from mdi_test_helpers import missing as null  # NULL or NaN
from mdi_test_helpers import runner

ALG = "mdi:classstability"
SPEC = load_spec()
NEW_FIELDS = ["mdi_basis", "klasse_basis", "p_klasse_1", "p_klasse_2", "p_klasse_3",
              "p_klasse_4", "modale_klasse", "stabiliteit"]
FIXED = {"WEIGHT_SPREAD": 0.0, "BREAK_JITTER": 0.0, "NORMALISATIONS": [0]}


def plain_class(value, breaks=(40, 50, 60)):
    return None if math.isnan(value) else 1 + sum(value >= b for b in breaks)


def plain_rank_mdi(raw):
    """MDI from percentile ranks ((mean rank - 1) / (n - 1) * 100), plain loops."""
    ranked = {}
    for indicator in SPEC.indicators:
        column = raw[indicator.id]
        valid = [v for v in column if not math.isnan(v)]
        ranked[indicator.id] = [
            math.nan if math.isnan(v) else
            (sum(w < v for w in valid) + (sum(w == v for w in valid) - 1) / 2) /
            (len(valid) - 1) * 100 for v in column]
    return reference_mdi(SPEC, ranked)      # min-max of 0-100 ranks is a no-op; reverses


def indicator_layer(rows=40, seed=6, years=None, geometry=False):
    rng = np.random.default_rng(seed)
    raw = {i.id: rng.uniform(5, 95, rows).round(2) for i in SPEC.indicators}
    raw["vandalisme"][4] = np.nan
    for indicator in SPEC.indicators_of("opleiding"):
        raw[indicator.id][9] = np.nan            # no opleiding -> no MDI
    fields = ["code:string", "jaar:integer"] + \
        ["{}:double".format(i.field) for i in SPEC.indicators]
    uri = ("Point?crs=EPSG:28992&" if geometry else "None?") + \
        "&".join("field={}".format(f) for f in fields)
    layer = QgsVectorLayer(uri, "gebieden", "memory")
    features = []
    for row in range(rows):
        feature = QgsFeature(layer.fields())
        year = years[row % len(years)] if years else 2023
        feature.setAttributes(["A{:03d}".format(row), year] + [
            None if math.isnan(raw[i.id][row]) else float(raw[i.id][row])
            for i in SPEC.indicators])
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer, raw


run = runner(ALG)


def values(layer, name):
    return [None if null(f[name]) else f[name] for f in layer.getFeatures()]


# -- results ------------------------------------------------------------------------------------

def test_without_perturbation_every_run_is_the_published_class(mdi_provider):
    layer, raw = indicator_layer()
    before = [f.attributes() for f in layer.getFeatures()]
    result = run(dict(FIXED, INPUT=layer, N_RUNS=15))
    out = result["OUTPUT"]
    assert out.fields().names()[-8:] == NEW_FIELDS
    assert result["FEATURE_COUNT"] == 40 and result["N_UNSTABLE"] == 0
    expected = reference_mdi(SPEC, raw)
    for feature, mdi in zip(out.getFeatures(), expected):
        if math.isnan(mdi):
            assert all(null(feature[name]) for name in NEW_FIELDS)
            continue
        klass = plain_class(mdi)
        assert feature["mdi_basis"] == pytest.approx(mdi, rel=1e-9)
        assert feature["klasse_basis"] == feature["modale_klasse"] == klass
        assert feature["stabiliteit"] == 1.0
        assert feature["p_klasse_{}".format(klass)] == 1.0
        assert sum(feature["p_klasse_{}".format(k)] for k in range(1, 5)) == 1.0
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_two_normalisations_mix_in_one_shared_proportion(mdi_provider):
    """Weights and breaks fixed, runs split between min-max and rank: an area whose two
    classes differ has p(min-max class) = the share of min-max runs, the same for all."""
    layer, raw = indicator_layer(rows=60, seed=11)
    out = run({"INPUT": layer, "N_RUNS": 40, "SEED": 5, "WEIGHT_SPREAD": 0.0,
               "BREAK_JITTER": 0.0, "NORMALISATIONS": [0, 1]})["OUTPUT"]
    pooled = [plain_class(v) for v in reference_mdi(SPEC, raw)]
    ranked = [plain_class(v) for v in plain_rank_mdi(raw)]
    shares = set()
    for feature, a, b in zip(out.getFeatures(), pooled, ranked):
        if a is None:
            continue
        if a == b:
            assert feature["stabiliteit"] == 1.0
            continue
        share = feature["p_klasse_{}".format(a)]
        assert feature["p_klasse_{}".format(b)] == pytest.approx(1 - share)
        shares.add(round(share, 12))
    assert len(shares) == 1
    share = shares.pop()
    assert 0 < share < 1 and (share * 40) == pytest.approx(round(share * 40))


def test_seed_reproduces(mdi_provider):
    layer, _ = indicator_layer()
    params = {"INPUT": layer, "N_RUNS": 30, "SEED": 42, "WEIGHT_SPREAD": 0.2,
              "BREAK_JITTER": 4.0}
    first = [f.attributes() for f in run(params)["OUTPUT"].getFeatures()]
    second = [f.attributes() for f in run(params)["OUTPUT"].getFeatures()]
    other = [f.attributes() for f in run(dict(params, SEED=43))["OUTPUT"].getFeatures()]
    assert first == second
    assert first != other


def test_from_domain_scores(mdi_provider):
    rng = np.random.default_rng(2)
    fields = ["code:string"] + ["mdi_{}:double".format(d) for d in SPEC.domain_ids]
    layer = QgsVectorLayer("None?" + "&".join("field=" + f for f in fields), "d", "memory")
    table = rng.uniform(0, 100, (25, len(SPEC.domain_ids)))
    features = []
    for row in range(25):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(["D{}".format(row)] + table[row].tolist())
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    result = run({"INPUT": layer, "MODE": 1, "N_RUNS": 50, "WEIGHT_SPREAD": 0.15,
                  "BREAKS": "45;55", "BREAK_JITTER": 1.5})
    out = result["OUTPUT"]
    assert "p_klasse_3" in out.fields().names() and "p_klasse_4" not in out.fields().names()
    for feature, scores in zip(out.getFeatures(), table):
        mdi = sum(d.weight / 100 * s for d, s in zip(SPEC.domains, scores))
        assert feature["mdi_basis"] == pytest.approx(mdi)
        assert feature["klasse_basis"] == plain_class(mdi, (45, 55))
        probabilities = [feature["p_klasse_{}".format(k)] for k in (1, 2, 3)]
        assert sum(probabilities) == pytest.approx(1.0)
        assert feature["stabiliteit"] == pytest.approx(max(probabilities))
    assert result["N_UNSTABLE"] == sum(1 for f in out.getFeatures() if f["stabiliteit"] < 0.8)


def test_per_year_normalisation_with_year_field(mdi_provider):
    layer, _ = indicator_layer(years=[2019, 2023], geometry=True)
    out = run({"INPUT": layer, "YEAR_FIELD": "jaar", "N_RUNS": 10,
               "NORMALISATIONS": [2]})["OUTPUT"]
    assert out.isSpatial() and out.featureCount() == 40


def test_cancel_at_every_progress_update_leaves_no_output(mdi_provider, tmp_path):
    layer, _ = indicator_layer()
    assert_cancel_leaves_nothing(ALG, {"INPUT": layer, "N_RUNS": 10}, tmp_path)


# -- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("params, pattern", [
    ({"NORMALISATIONS": [0, 2]}, "YEAR_FIELD"),
    ({"NORMALISATIONS": []}, "NORMALISATIONS"),
    ({"BREAKS": "60,50"}, "ascending"),
    ({"BREAKS": "veertig"}, "not a number"),
    ({"MODE": 1}, "'inkomen' \\(or 'mdi_inkomen'\\) of domain 'inkomen' is missing"),
    ({"YEAR_FIELD": "jaartal"}, "YEAR_FIELD: field 'jaartal'"),
    ({"FIELD_MAP": ["groen", "onbekend"]}, "FIELD_MAP maps 'groen' to field 'onbekend'"),
])
def test_bad_input_fails_before_writing(mdi_provider, tmp_path, params, pattern):
    layer, _ = indicator_layer(rows=10)
    target = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match=pattern):
        processing.run(ALG, dict(params, INPUT=layer, N_RUNS=5, OUTPUT=str(target)))
    assert not target.exists()


def test_flat_indicator_is_an_error(mdi_provider, tmp_path):
    layer, _ = indicator_layer(rows=10)
    index = layer.fields().indexOf("groen")
    layer.dataProvider().changeAttributeValues({f.id(): {index: 3.0}
                                                for f in layer.getFeatures()})
    with pytest.raises(QgsProcessingException, match="groen.*no spread"):
        run({"INPUT": layer, "N_RUNS": 5})


def test_missing_year_with_per_year_normalisation(mdi_provider):
    layer, _ = indicator_layer(rows=10)
    first = next(layer.getFeatures())
    layer.dataProvider().changeAttributeValues({first.id(): {1: None}})
    with pytest.raises(QgsProcessingException, match="has no year"):
        run({"INPUT": layer, "YEAR_FIELD": "jaar", "N_RUNS": 5, "NORMALISATIONS": [2]})


# -- qgis_process --------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_matches_the_in_process_run(qgis_process, mdi_provider, sample_gpkg,
                                                 tmp_path):
    target = tmp_path / "stabiliteit.gpkg"
    source = "{}|layername=gemeenten".format(sample_gpkg)
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(source),
                          "YEAR_FIELD=jaar", "N_RUNS=25", "SEED=9", "NORMALISATIONS=0,1,2",
                          "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    inside = run({"INPUT": source, "YEAR_FIELD": "jaar", "N_RUNS": 25, "SEED": 9,
                  "NORMALISATIONS": [0, 1, 2]})
    assert results["FEATURE_COUNT"] == inside["FEATURE_COUNT"] == 144
    assert results["N_UNSTABLE"] == inside["N_UNSTABLE"]
    out = QgsVectorLayer(str(target), "out", "ogr")
    for name in NEW_FIELDS:
        assert values(out, name) == pytest.approx(values(inside["OUTPUT"], name),
                                                  nan_ok=True), name
