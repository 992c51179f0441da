"""mdi:domainprofile through processing.run and qgis_process: numbers against plain loops,
chart files (valid PNG / SVG of the asked size), atlas fields and bad input."""

import json
import math
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from qgis import processing
from qgis.core import (QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtSvg import QSvgRenderer

from mdi_plugin.core.spec import load_spec
from mdi_safety_helpers import CancelAfter
from mdi_test_helpers import LogFeedback, cancel_points, runner
from mdi_test_helpers import missing as null  # NULL or NaN

ALG = "mdi:domainprofile"
SPEC = load_spec()
DOMAINS = SPEC.domain_ids
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def plain_mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else math.nan


FIELDS = (["gemeentecode:string", "gemeentenaam:string", "coropcode:string",
           "coropnaam:string", "jaar:integer"] +
          ["mdi_{}:double".format(d) for d in DOMAINS])


def square(i, size=1000.0):
    x, y = 100000.0 + i * size, 450000.0
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y), QgsPointXY(x + size, y),
                                       QgsPointXY(x + size, y + size),
                                       QgsPointXY(x, y + size), QgsPointXY(x, y)]])


def make_layer(records, geometry=True):
    uri = ("Polygon?crs=EPSG:28992&" if geometry else "None?") + \
        "&".join("field={}".format(f) for f in FIELDS)
    layer = QgsVectorLayer(uri, "gemeenten", "memory")
    features = []
    for i, record in enumerate(records):
        feature = QgsFeature(layer.fields())
        if geometry:
            feature.setGeometry(square(i))
        feature.setAttributes([record.get(f.split(":")[0]) for f in FIELDS])
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


def gemeenten(count=14, seed=4, years=(2023,)):
    rng = np.random.default_rng(seed)
    records = []
    for year in years:
        for i in range(count):
            corop = None if i == count - 1 else "CR{:02d}".format(1 + i % 3)
            record = {"gemeentecode": "GM{:04d}".format(i), "gemeentenaam": "Plaats {}".format(i),
                      "coropcode": corop, "coropnaam": None if corop is None else
                      "Regio {}".format(corop[-1]), "jaar": year}
            record.update({"mdi_" + d: round(float(rng.uniform(5, 95)), 2) for d in DOMAINS})
            records.append(record)
    records[1]["mdi_werk"] = None
    return records


run = runner(ALG, "OUTPUT", "OUTPUT_REGIONS")


def check_png(path, width, height):
    with open(path, "rb") as handle:
        assert handle.read(8) == PNG_SIGNATURE
    image = QImage(path)
    assert not image.isNull()
    assert (image.width(), image.height()) == (width, height)


def check_svg(path, width, height):
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox").split() == ["0", "0", str(width), str(height)]
    assert QSvgRenderer(path).isValid()


# -- numbers ----------------------------------------------------------------------------------

def test_region_profile_against_plain_means(mdi_provider, tmp_path):
    records = gemeenten()
    layer = make_layer(records)
    before = [f.attributes() for f in layer.getFeatures()]
    result = run({"INPUT": layer, "REGION_FIELD": "coropcode", "OUTPUT_FOLDER": str(tmp_path),
                  "CHART_WIDTH": 640, "CHART_HEIGHT": 360})
    assert result["N_REGIONS"] == 3 and result["N_CHARTS"] == 3
    assert result["OUTPUT_FOLDER"] == str(tmp_path)
    national = {d: plain_mean([r["mdi_" + d] for r in records]) for d in DOMAINS}
    table = list(result["OUTPUT"].getFeatures())
    assert len(table) == 3 * len(DOMAINS)
    assert [f["domein_label"] for f in table[:7]] == [d.label_nl for d in SPEC.domains]
    for feature in table:
        mine = [r for r in records if r["coropcode"] == feature["regio"]]
        expected = plain_mean([r["mdi_" + feature["domein"]] for r in mine])
        assert feature["niveau"] == "regio" and null(feature["eenheid"])
        assert feature["score"] == pytest.approx(expected)
        assert feature["landelijk_gemiddelde"] == pytest.approx(national[feature["domein"]])
        assert feature["verschil"] == pytest.approx(expected - national[feature["domein"]])
        assert feature["n"] == len(mine)
        assert feature["regionaam"] == "Regio " + feature["regio"][-1]   # coropnaam found
        assert feature["grafiek"] == str(tmp_path / "profiel_{}.png".format(feature["regio"]))
        assert null(feature["jaar"])
    regions = {f["regio"]: f for f in result["OUTPUT_REGIONS"].getFeatures()}
    assert sorted(regions) == ["CR01", "CR02", "CR03"]
    areas = {r["gemeentecode"]: f.geometry().area()
             for r, f in zip(records, layer.getFeatures())}
    for code, feature in regions.items():
        mine = [r for r in records if r["coropcode"] == code]
        assert feature.geometry().area() == pytest.approx(sum(areas[r["gemeentecode"]]
                                                              for r in mine))
        for domain in DOMAINS:
            expected = plain_mean([r["mdi_" + domain] for r in mine])
            assert feature["mdi_" + domain] == pytest.approx(expected)
            assert feature["verschil_" + domain] == pytest.approx(expected - national[domain])
        check_png(feature["grafiek"], 640, 360)
        check_svg(feature["grafiek_svg"], 640, 360)
    assert QgsWkbTypes.isMultiType(result["OUTPUT_REGIONS"].wkbType())
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_units_within_regions_and_year(mdi_provider, tmp_path):
    records = gemeenten(count=10, years=(2019, 2023))
    # a buurten-like table: two rows per gemeente, unit = gemeentecode
    for r in records:
        r["gemeentecode"] = "GM{:04d}".format(int(r["gemeentecode"][2:]) // 2)
    result = run({"INPUT": make_layer(records, geometry=False), "REGION_FIELD": "coropcode",
                  "UNIT_FIELD": "gemeentecode", "YEAR_FIELD": "jaar", "YEAR": 2023,
                  "OUTPUT_FOLDER": str(tmp_path)})
    year = [r for r in records if r["jaar"] == 2023]
    national = {d: plain_mean([r["mdi_" + d] for r in year]) for d in DOMAINS}
    pairs = sorted({(r["coropcode"], r["gemeentecode"]) for r in year if r["coropcode"]})
    assert result["N_CHARTS"] == 3 + len(pairs)
    units = [f for f in result["OUTPUT"].getFeatures() if f["niveau"] == "gemeente"]
    assert len(units) == len(pairs) * len(DOMAINS)
    for feature in units:
        mine = [r for r in year if r["coropcode"] == feature["regio"] and
                r["gemeentecode"] == feature["eenheid"]]
        domain = feature["domein"]
        assert feature["score"] == pytest.approx(plain_mean([r["mdi_" + domain] for r in mine]))
        assert feature["landelijk_gemiddelde"] == pytest.approx(national[domain])
        assert feature["jaar"] == 2023
        assert feature["grafiek"].endswith("profiel_{}_{}.png".format(feature["regio"],
                                                                      feature["eenheid"]))
        check_png(feature["grafiek"], 800, 450)
    assert not result["OUTPUT_REGIONS"].isSpatial()


def test_groups_of_one_and_domain_without_scores(mdi_provider, tmp_path):
    records = gemeenten(count=4)
    for r in records:
        r["mdi_veiligheid"] = None
    records[0]["coropcode"] = "CR09"           # a region of one gemeente
    feedback = LogFeedback()
    result = run({"INPUT": make_layer(records), "REGION_FIELD": "coropcode",
                  "UNIT_FIELD": "gemeentecode", "OUTPUT_FOLDER": str(tmp_path)}, feedback)
    rows = [f for f in result["OUTPUT"].getFeatures() if f["domein"] == "veiligheid"]
    assert all(null(f["score"]) and null(f["verschil"]) and null(f["landelijk_gemiddelde"])
               for f in rows)
    assert any("only one unit" in w and "CR09" in w for w in feedback.warnings)
    assert any("'veiligheid' has no scores" in w for w in feedback.warnings)
    assert any("1 row(s) have no region code" in w for w in feedback.warnings)
    check_png(str(tmp_path / "profiel_CR09.png"), 800, 450)


def test_unsafe_codes_give_unique_file_names(mdi_provider, tmp_path):
    records = gemeenten(count=4)
    # region names of the user's own (no CBS codes, which would be read as CR01)
    for record, region in zip(records, ["R/1", "R 1", "R:2", "R:2"]):
        record["coropcode"] = region
    result = run({"INPUT": make_layer(records), "REGION_FIELD": "coropcode",
                  "OUTPUT_FOLDER": str(tmp_path)})
    paths = {f["regio"]: f["grafiek"] for f in result["OUTPUT_REGIONS"].getFeatures()}
    assert len(set(paths.values())) == len(paths)
    names = {p.rsplit("/", 1)[1] for p in paths.values()}
    assert names >= {"profiel_R_1.png", "profiel_R_1_2.png"}


def test_cancel_at_sampled_progress_updates_leaves_no_output(mdi_provider, tmp_path):
    """Tables, region layer and charts: nothing is left after a cancel (at a sample of the
    updates), and an existing chart folder keeps only what it had."""
    layer = make_layer(gemeenten(count=7))
    params = {"INPUT": layer, "REGION_FIELD": "coropcode", "UNIT_FIELD": "gemeentecode",
              "CHART_WIDTH": 300, "CHART_HEIGHT": 200}
    counter = CancelAfter(10 ** 9)
    processing.run(ALG, dict(params, OUTPUT_FOLDER=str(tmp_path / "full"),
                             OUTPUT=str(tmp_path / "full.gpkg"),
                             OUTPUT_REGIONS=str(tmp_path / "full_regions.gpkg")),
                   feedback=counter)
    assert counter.calls >= 5
    work = tmp_path / "work"
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    for i, n in enumerate(cancel_points(counter.calls, between=4)):
        work.mkdir()
        folder = existing if i % 2 == 0 else work / "charts"
        feedback = CancelAfter(n)
        result = processing.run(ALG, dict(params, OUTPUT_FOLDER=str(folder),
                                          OUTPUT=str(work / "table.gpkg"),
                                          OUTPUT_REGIONS=str(work / "regions.gpkg")),
                                feedback=feedback)
        assert feedback.isCanceled() and result == {}, n
        assert sorted(p.name for p in work.iterdir()) == [], n
        assert sorted(p.name for p in existing.iterdir()) == ["keep.txt"], n
        work.rmdir()


# -- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("change, params, pattern", [
    ("drop_werk", {}, "field 'mdi_werk' is not in the input"),
    (None, {"REGION_FIELD": "corop"}, "REGION_FIELD: field 'corop'.*coropcode"),
    (None, {"YEAR_FIELD": "jaar", "YEAR": 2030}, "2030 does not occur"),
    (None, {"YEAR": 2023}, "YEAR_FIELD is not"),
    (None, {"UNIT_FIELD": "coropcode"}, "same field"),
    ("no_regions", {}, "No row has a region code"),
    ("empty", {}, "no features"),
    ("text", {}, "Field 'mdi_inkomen', feature .*'hoog' is not a number"),
])
def test_bad_input_fails_before_writing(mdi_provider, tmp_path, change, params, pattern):
    records = gemeenten(count=5)
    fields = FIELDS
    if change == "drop_werk":
        fields = [f for f in FIELDS if not f.startswith("mdi_werk")]
    if change == "no_regions":
        for r in records:
            r["coropcode"] = None
    if change == "empty":
        records = []
    uri = "None?" + "&".join("field={}".format(
        "mdi_inkomen:string" if change == "text" and f.startswith("mdi_inkomen") else f)
        for f in fields)
    layer = QgsVectorLayer(uri, "t", "memory")
    features = []
    for record in records:
        feature = QgsFeature(layer.fields())
        if change == "text":
            record["mdi_inkomen"] = "hoog"
        feature.setAttributes([record.get(n) for n in layer.fields().names()])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    target = tmp_path / "table.gpkg"
    folder = tmp_path / "charts"
    with pytest.raises(QgsProcessingException, match=pattern):
        processing.run(ALG, dict({"INPUT": layer, "REGION_FIELD": "coropcode",
                                  "OUTPUT_FOLDER": str(folder), "OUTPUT": str(target),
                                  "OUTPUT_REGIONS": "memory:"}, **params))
    assert not target.exists() and not folder.exists()


# -- qgis_process ---------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_on_the_sample_gemeenten(qgis_process, gemeenten_mdi, tmp_path):
    source = gemeenten_mdi
    folder = tmp_path / "profielen"
    regions = tmp_path / "regios.gpkg"
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(source),
                          "REGION_FIELD=coropcode", "YEAR_FIELD=jaar", "YEAR=2023",
                          "CHART_WIDTH=500", "CHART_HEIGHT=300",
                          "OUTPUT_FOLDER={}".format(folder),
                          "OUTPUT={}".format(tmp_path / "profiel.gpkg"),
                          "OUTPUT_REGIONS={}".format(regions))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    units = [f for f in QgsVectorLayer(str(source), "g", "ogr").getFeatures()
             if f["jaar"] == 2023]
    codes = sorted({f["coropcode"] for f in units})
    assert results["N_REGIONS"] == results["N_CHARTS"] == len(codes)
    out = {f["regio"]: f for f in QgsVectorLayer(str(regions), "r", "ogr").getFeatures()}
    assert sorted(out) == codes
    for code, feature in out.items():
        mine = [f for f in units if f["coropcode"] == code]
        assert feature["mdi_inkomen"] == pytest.approx(plain_mean(
            [None if null(f["mdi_inkomen"]) else f["mdi_inkomen"] for f in mine]))
        assert feature["regionaam"] == mine[0]["coropnaam"]
        check_png(str(folder / "profiel_{}.png".format(code)), 500, 300)
        check_svg(str(folder / "profiel_{}.svg".format(code)), 500, 300)
