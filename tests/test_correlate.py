"""mdi:correlate through processing.run and qgis_process, against plain-Python statistics
and p-values from numerically integrated t densities."""

import json
import math
import sqlite3

import numpy as np
import pytest
from qgis import processing
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from mdi_plugin.core.spec import load_spec

from mdi_safety_helpers import assert_cancel_leaves_nothing
from mdi_test_helpers import LogFeedback, runner
from mdi_test_helpers import missing as null  # NULL or NaN

ALG = "mdi:correlate"
SPEC = load_spec()


# -- independent statistics ------------------------------------------------------------------

def plain_pearson(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def plain_ranks(xs):
    return [sum(1 for w in xs if w < x) + (sum(1 for w in xs if w == x) + 1) / 2 for x in xs]


def integrated_p(r, n, steps=4000):
    """Two-sided p of r from n pairs: 1 - 2 * integral of the t density from 0 to |t|
    (Simpson's rule), with t = r sqrt((n - 2) / (1 - r^2))."""
    df = n - 2
    t = abs(r) * math.sqrt(df / (1 - r * r))
    constant = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / \
        math.sqrt(df * math.pi)

    def density(x):
        return constant * (1 + x * x / df) ** (-(df + 1) / 2)

    h = t / steps
    total = density(0) + density(t) + sum(
        (4 if k % 2 else 2) * density(k * h) for k in range(1, steps))
    return 1 - 2 * total * h / 3


# -- data ------------------------------------------------------------------------------------

FIELDS = (["code:string", "jaar:integer", "focus:integer", "mdi:double", "tekst:string",
           "inwoners:integer", "vlak:double"] +
          ["mdi_{}:double".format(d) for d in SPEC.domain_ids])


def make_table(rows):
    uri = "None?" + "&".join("field={}".format(f) for f in FIELDS)
    layer = QgsVectorLayer(uri, "tabel", "memory")
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([row.get(f.split(":")[0]) for f in FIELDS])
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


def sample_rows(count=30, seed=3, years=(2023,)):
    rng = np.random.default_rng(seed)
    rows = []
    for year in years:
        for i in range(count):
            domains = {d: float(rng.uniform(0, 100)) for d in SPEC.domain_ids}
            mdi = sum(d.weight / 100 * domains[d.id] for d in SPEC.domains)
            row = {"code": "GM{:04d}".format(i), "jaar": year, "focus": int(i % 3 == 0),
                   "mdi": mdi, "inwoners": int(rng.integers(1000, 90000)), "vlak": 7.0}
            row["tekst"] = "{:.2f}".format(0.6 * mdi + rng.normal(0, 8)).replace(".", ",")
            row.update({"mdi_" + d: v for d, v in domains.items()})
            rows.append(row)
    rows[2]["mdi"] = None
    rows[4]["tekst"] = "-99997"
    rows[5]["inwoners"] = None
    rows[7]["inwoners"] = rows[8]["inwoners"]          # a tie for the ranks
    return rows


def number(text):
    if text is None or text in ("-99997", "."):
        return None
    return float(str(text).replace(",", "."))


run = runner(ALG)


def rows_of(layer):
    return {f["indicator"]: f for f in layer.getFeatures()}


def check_against_plain(feature, xs, ys):
    pairs = [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    assert feature["n"] == len(pairs)
    r = plain_pearson(xs, ys)
    rho = plain_pearson(plain_ranks(xs), plain_ranks(ys))
    assert feature["r_pearson"] == pytest.approx(r, abs=1e-10)
    assert feature["r_spearman"] == pytest.approx(rho, abs=1e-10)
    assert feature["p_pearson"] == pytest.approx(integrated_p(r, len(pairs)), abs=1e-7)
    assert feature["p_spearman"] == pytest.approx(integrated_p(rho, len(pairs)), abs=1e-7)
    size = abs(r)
    label = "geen" if size < 0.1 else "zwak" if size < 0.3 else "matig" if size < 0.5 \
        else "sterk"
    assert feature["sterkte"] == label
    assert feature["richting"] == ("positief" if r > 0 else "negatief")


# -- results ----------------------------------------------------------------------------------

def test_pearson_and_spearman_against_plain_python(mdi_provider):
    rows = sample_rows()
    layer = make_table(rows)
    before = [f.attributes() for f in layer.getFeatures()]
    result = run({"INPUT": layer, "COMPARE_FIELDS": ["tekst", "inwoners"]})
    out = result["OUTPUT"]
    assert result["N_ROWS"] == 30 and result["N_INDICATORS"] == 2
    assert out.fields().names() == [
        "indicator", "n", "r_pearson", "p_pearson", "r_spearman", "p_spearman", "sterkte",
        "richting", "sterkte_spearman", "score", "selectie", "jaar"]
    assert not out.isSpatial()
    by_name = rows_of(out)
    mdi = [r["mdi"] for r in rows]
    check_against_plain(by_name["tekst"], mdi, [number(r["tekst"]) for r in rows])
    check_against_plain(by_name["inwoners"], mdi, [r["inwoners"] for r in rows])
    assert by_name["tekst"]["n"] == 28 and by_name["inwoners"]["n"] == 28   # pairwise
    assert by_name["tekst"]["score"] == "mdi" and null(by_name["tekst"]["selectie"])
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_subset_expression_and_year(mdi_provider):
    rows = sample_rows(count=24, years=(2019, 2023))
    result = run({"INPUT": make_table(rows), "COMPARE_FIELDS": ["inwoners"],
                  "SUBSET": '"focus" = 1', "YEAR_FIELD": "jaar", "YEAR": 2023})
    picked = [r for r in rows if r["focus"] == 1 and r["jaar"] == 2023]
    assert result["N_ROWS"] == len(picked) == 8
    feature = rows_of(result["OUTPUT"])["inwoners"]
    check_against_plain(feature, [r["mdi"] for r in picked], [r["inwoners"] for r in picked])
    assert feature["selectie"] == '"focus" = 1' and feature["jaar"] == 2023


def test_exclude_domain_recomputes_the_mdi(mdi_provider):
    rows = sample_rows()
    rows[9]["mdi_werk"] = None
    result = run({"INPUT": make_table(rows), "COMPARE_FIELDS": ["mdi_woonomgeving", "tekst"],
                  "EXCLUDE_DOMAIN": "woonomgeving"})
    weights = {d.id: d.weight for d in SPEC.domains if d.id != "woonomgeving"}
    score = []
    for r in rows:
        values = [r["mdi_" + d] for d in weights]
        score.append(None if None in values else
                     sum(weights[d] * r["mdi_" + d] for d in weights) / sum(weights.values()))
    by_name = rows_of(result["OUTPUT"])
    check_against_plain(by_name["mdi_woonomgeving"], score,
                        [r["mdi_woonomgeving"] for r in rows])
    check_against_plain(by_name["tekst"], score, [number(r["tekst"]) for r in rows])
    assert by_name["tekst"]["score"] == "mdi zonder woonomgeving"


def test_selected_features_only(mdi_provider):
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject
    rows = sample_rows()
    layer = make_table(rows)
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds([f.id() for f in layer.getFeatures()][:12])
        result = run({"INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                      "COMPARE_FIELDS": ["inwoners"]})
        feature = rows_of(result["OUTPUT"])["inwoners"]
        check_against_plain(feature, [r["mdi"] for r in rows[:12]],
                            [r["inwoners"] for r in rows[:12]])
        assert feature["selectie"] == "geselecteerde objecten"
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


# -- NULL results ---------------------------------------------------------------------------

def test_no_variance_and_too_few_pairs_give_null_with_warnings(mdi_provider):
    rows = sample_rows(count=10)
    for r in rows[2:]:
        r["inwoners"] = None                       # 2 pairs left (rows 0 and 1)
    feedback = LogFeedback()
    out = run({"INPUT": make_table(rows), "COMPARE_FIELDS": ["vlak", "inwoners", "tekst"]},
              feedback)["OUTPUT"]
    by_name = rows_of(out)
    for name, n in (("vlak", 9), ("inwoners", 2)):
        feature = by_name[name]
        assert feature["n"] == n
        assert all(null(feature[f]) for f in ("r_pearson", "p_pearson", "r_spearman",
                                              "p_spearman", "sterkte", "richting"))
    assert not null(by_name["tekst"]["r_pearson"])
    assert any("vlak" in w and "no variance" in w for w in feedback.warnings)
    assert any("inwoners" in w and "only 2" in w for w in feedback.warnings)


def test_several_years_without_year_field_warns(mdi_provider):
    feedback = LogFeedback()
    run({"INPUT": make_table(sample_rows(count=10, years=(2019, 2023))),
         "COMPARE_FIELDS": ["inwoners"]}, feedback)
    assert any("2 years in field 'jaar'" in w for w in feedback.warnings)


def test_cancel_at_every_progress_update_leaves_no_output(mdi_provider, tmp_path):
    assert_cancel_leaves_nothing(ALG, {"INPUT": make_table(sample_rows()),
                                       "COMPARE_FIELDS": ["inwoners", "tekst"],
                                       "SUBSET": '"focus" = 1'}, tmp_path)


# -- bad input --------------------------------------------------------------------------------

def assert_fails(params, pattern, tmp_path):
    target = tmp_path / "never.gpkg"
    params = dict(params, OUTPUT=str(target))
    with pytest.raises(QgsProcessingException, match=pattern):
        processing.run(ALG, params)
    assert not target.exists()


@pytest.mark.parametrize("params, pattern", [
    ({"COMPARE_FIELDS": ["inwonrs"]}, "COMPARE_FIELDS: field 'inwonrs'.*inwoners"),
    ({"COMPARE_FIELDS": ["inwoners"], "SCORE_FIELD": "mdii"}, "SCORE_FIELD.*mdii"),
    ({"COMPARE_FIELDS": ["inwoners"], "YEAR_FIELD": "jaar", "YEAR": 2020},
     "2020 does not occur.*2019, 2023"),
    ({"COMPARE_FIELDS": ["inwoners"], "YEAR_FIELD": "jaar"}, "several years"),
    ({"COMPARE_FIELDS": ["inwoners"], "YEAR": 2023}, "YEAR_FIELD is not"),
    ({"COMPARE_FIELDS": ["inwoners"], "SUBSET": '"focus" = 7'}, "No rows are left"),
    ({"COMPARE_FIELDS": ["inwoners"], "SUBSET": '"focus" = = 1'}, "SUBSET expression.*not"),
    ({"COMPARE_FIELDS": ["inwoners"], "SUBSET": 'to_int("code") > 1'},
     "SUBSET expression.*fails on feature"),
    ({"COMPARE_FIELDS": ["code"]}, "Field 'code', feature .*'GM0000' is not a number"),
])
def test_bad_input_fails_before_writing(mdi_provider, tmp_path, params, pattern):
    layer = make_table(sample_rows(count=8, years=(2019, 2023)))
    assert_fails(dict(params, INPUT=layer), pattern, tmp_path)


def test_exclude_domain_needs_the_other_domain_fields(mdi_provider, tmp_path):
    fields = [f for f in FIELDS if not f.startswith("mdi_werk")]
    uri = "None?" + "&".join("field={}".format(f) for f in fields)
    layer = QgsVectorLayer(uri, "tabel", "memory")
    assert_fails({"INPUT": layer, "COMPARE_FIELDS": ["inwoners"],
                  "EXCLUDE_DOMAIN": "woonomgeving"},
                 "EXCLUDE_DOMAIN: field 'mdi_werk' is not in the input", tmp_path)


def test_empty_input_fails(mdi_provider, tmp_path):
    assert_fails({"INPUT": make_table([]), "COMPARE_FIELDS": ["inwoners"]}, "no features",
                 tmp_path)


# -- qgis_process -------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_on_the_sample_gemeenten(qgis_process, sample_gpkg, tmp_path):
    target = tmp_path / "correlaties.gpkg"
    answer = qgis_process("run", ALG, "--json", "--",
                          "INPUT={}|layername=gemeenten".format(sample_gpkg),
                          "SCORE_FIELD=arme_huishoudens", "COMPARE_FIELDS=inwoners",
                          "COMPARE_FIELDS=groen", "YEAR_FIELD=jaar", "YEAR=2023",
                          "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    with sqlite3.connect(str(sample_gpkg)) as db:
        data = db.execute("SELECT arme_huishoudens, inwoners, groen FROM gemeenten "
                          "WHERE jaar = 2023").fetchall()
    assert results["N_ROWS"] == len(data) and results["N_INDICATORS"] == 2
    by_name = rows_of(QgsVectorLayer(str(target), "out", "ogr"))
    score = [row[0] for row in data]
    check_against_plain(by_name["inwoners"], score, [row[1] for row in data])
    check_against_plain(by_name["groen"], score, [row[2] for row in data])
