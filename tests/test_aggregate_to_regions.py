"""mdi:aggregatetoregions through processing.run and qgis_process, against plain loops."""

import json
import math
import statistics

import numpy as np
import pytest
from qgis import processing
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature,
                       QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsProject, QgsVectorLayer, QgsWkbTypes)

from mdi_test_helpers import LogFeedback, as_float, runner
from mdi_test_helpers import missing as null  # NULL or NaN

ALG = "mdi:aggregatetoregions"
X0, Y0, SIZE = 100000.0, 450000.0, 1000.0


def square(col, row, size=SIZE):
    x, y = X0 + col * size, Y0 + row * size
    return QgsGeometry.fromPolygonXY([[QgsPointXY(x, y), QgsPointXY(x + size, y),
                                       QgsPointXY(x + size, y + size),
                                       QgsPointXY(x, y + size), QgsPointXY(x, y)]])


def make_layer(field_defs, rows, geometry="Polygon", crs="EPSG:28992"):
    """Memory layer; rows are (QgsGeometry or None, [attributes])."""
    uri = "{}?crs={}&{}".format(geometry, crs,
                                "&".join("field={}".format(f) for f in field_defs))
    layer = QgsVectorLayer(uri, "layer", "memory")
    assert layer.isValid()
    features = []
    for shape, attributes in rows:
        feature = QgsFeature(layer.fields())
        if shape is not None:
            feature.setGeometry(shape)
        feature.setAttributes(list(attributes))
        features.append(feature)
    ok, added = layer.dataProvider().addFeatures(features)
    assert ok and len(added) == len(features)
    return layer


UNIT_FIELDS = ["buurtcode:string", "regio:string", "jaar:integer", "inwoners:integer",
               "mdi:double", "mdi_werk:double", "mdi_klasse:integer", "naam:string"]


def unit_grid(cols=6, rows=4, years=(2023,), seed=7, nulls=True):
    """A tessellation of squares; region = pair of columns ('R0', 'R1', ...).

    Returns (layer, records) with records of dicts for the independent computations.
    """
    rng = np.random.default_rng(seed)
    records, rows_out = [], []
    for year in years:
        for col in range(cols):
            for row in range(rows):
                mdi = round(float(rng.uniform(20, 80)), 2)
                if nulls and rng.random() < 0.15:
                    mdi = None
                record = {"code": "BU{:02d}{:02d}".format(col, row), "regio": "R{}".format(
                    col // 2), "jaar": year, "inwoners": int(rng.integers(100, 5000)),
                    "mdi": mdi, "mdi_werk": round(float(rng.uniform(0, 100)), 2),
                    "klasse": None if mdi is None else 1 + sum(mdi >= b for b in (40, 50, 60)),
                    "col": col, "row": row}
                records.append(record)
                rows_out.append((square(col, row), [
                    record["code"], record["regio"], year, record["inwoners"], mdi,
                    record["mdi_werk"], record["klasse"], "buurt"]))
    return make_layer(UNIT_FIELDS, rows_out), records


def loop_stat(values, method, weights=None):
    """Independent statistic of one region: NULLs (and NULL weights) left out."""
    pairs = [(v, w) for v, w in zip(values, weights or [1] * len(values))
             if v is not None and w is not None]
    if not pairs:
        return math.nan
    picked = [v for v, _ in pairs]
    if method == 0:
        return sum(picked) / len(picked)
    if method == 1:
        total = sum(w for _, w in pairs)
        return sum(v * w for v, w in pairs) / total if total else math.nan
    return [None, None, statistics.median, min, max][method](picked)


def by_key(layer, *keys):
    return {tuple(f[k] for k in keys) if len(keys) > 1 else f[keys[0]]: f
            for f in layer.getFeatures()}


run = runner(ALG)


def compute_mdi(sample_gpkg, layer):
    return processing.run("mdi:computemdi", {
        "INPUT": "{}|layername={}".format(sample_gpkg, layer), "YEAR_FIELD": "jaar",
        "OUTPUT": "memory:"})["OUTPUT"]


# -- REGION_FIELD mode -----------------------------------------------------------------------

def test_region_field_dissolves_a_tessellation(mdi_provider):
    layer, records = unit_grid()
    before = [f.attributes() for f in layer.getFeatures()]
    result = run({"INPUT": layer, "REGION_FIELD": "regio"})
    out = result["OUTPUT"]
    assert result["N_REGIONS"] == result["FEATURE_COUNT"] == out.featureCount() == 3
    assert result["N_UNMATCHED"] == 0
    assert out.crs().authid() == "EPSG:28992"
    assert QgsWkbTypes.isMultiType(out.wkbType())
    assert out.fields().names() == ["regio", "mdi", "mdi_werk", "n_eenheden",
                                    "aandeel_hoog"]
    units = {f["buurtcode"]: f.geometry().area() for f in layer.getFeatures()}
    for code, feature in by_key(out, "regio").items():
        mine = [r for r in records if r["regio"] == code]
        assert feature["n_eenheden"] == len(mine)
        assert feature.geometry().area() == pytest.approx(sum(units[r["code"]] for r in mine))
        assert feature.geometry().isGeosValid()
        assert feature.geometry().constGet().numGeometries() == 1   # adjacent squares merged
        assert as_float(feature["mdi"]) == pytest.approx(loop_stat([r["mdi"] for r in mine], 0))
        assert feature["mdi_werk"] == pytest.approx(loop_stat([r["mdi_werk"] for r in mine], 0))
    assert [f.attributes() for f in layer.getFeatures()] == before


@pytest.mark.parametrize("method", [0, 1, 2, 3, 4])
def test_every_method_against_loops(mdi_provider, method):
    layer, records = unit_grid(cols=8, rows=5, seed=method)
    out = run({"INPUT": layer, "REGION_FIELD": "regio", "FIELDS": ["mdi", "mdi_werk"],
               "METHOD": method, "WEIGHT_FIELD": "inwoners"})["OUTPUT"]
    for code, feature in by_key(out, "regio").items():
        mine = [r for r in records if r["regio"] == code]
        weights = [r["inwoners"] for r in mine]
        for name in ("mdi", "mdi_werk"):
            expected = loop_stat([r[name] for r in mine], method, weights)
            assert as_float(feature[name]) == pytest.approx(expected, nan_ok=True), name


def test_weighted_mean_and_shares(mdi_provider):
    layer, records = unit_grid(cols=6, rows=6, seed=21)
    out = run({"INPUT": layer, "REGION_FIELD": "regio", "METHOD": 1,
               "WEIGHT_FIELD": "inwoners"})["OUTPUT"]
    assert out.fields().names()[-2:] == ["aandeel_hoog", "aandeel_inw_zeer_hoog"]
    for code, feature in by_key(out, "regio").items():
        mine = [r for r in records if r["regio"] == code]
        weighted = sum(r["mdi"] * r["inwoners"] for r in mine if r["mdi"] is not None) / \
            sum(r["inwoners"] for r in mine if r["mdi"] is not None)
        assert feature["mdi"] == pytest.approx(weighted)
        classed = [r for r in mine if r["klasse"] is not None]
        assert feature["aandeel_hoog"] == pytest.approx(
            sum(r["klasse"] >= 3 for r in classed) / len(classed))
        assert feature["aandeel_inw_zeer_hoog"] == pytest.approx(
            sum(r["inwoners"] for r in classed if r["klasse"] == 4) /
            sum(r["inwoners"] for r in classed))


def test_year_field_gives_one_feature_per_region_and_year(mdi_provider):
    layer, records = unit_grid(years=(2014, 2019, 2023), seed=5)
    feedback = LogFeedback()
    result = run({"INPUT": layer, "REGION_FIELD": "regio", "YEAR_FIELD": "jaar"}, feedback)
    out = result["OUTPUT"]
    assert result["FEATURE_COUNT"] == 9 and result["N_REGIONS"] == 3
    assert out.fields().names()[:3] == ["regio", "jaar", "mdi"]
    features = by_key(out, "regio", "jaar")
    assert sorted(features) == sorted({(r["regio"], r["jaar"]) for r in records})
    for (code, year), feature in features.items():
        mine = [r for r in records if r["regio"] == code and r["jaar"] == year]
        assert feature["n_eenheden"] == len(mine)
        assert as_float(feature["mdi"]) == pytest.approx(
            loop_stat([r["mdi"] for r in mine], 0), nan_ok=True)
        assert feature.geometry().area() == pytest.approx(len(mine) * SIZE * SIZE)
    assert not any("YEAR_FIELD is empty" in w for w in feedback.warnings)


def test_several_years_without_year_field_are_pooled_with_a_warning(mdi_provider):
    layer, records = unit_grid(years=(2014, 2023), seed=6)
    feedback = LogFeedback()
    out = run({"INPUT": layer, "REGION_FIELD": "regio"}, feedback)["OUTPUT"]
    assert out.featureCount() == 3
    assert any("2 years in field 'jaar'" in w for w in feedback.warnings)
    feature = by_key(out, "regio")["R1"]
    mine = [r for r in records if r["regio"] == "R1"]
    assert feature["n_eenheden"] == len(mine)
    assert feature["mdi"] == pytest.approx(loop_stat([r["mdi"] for r in mine], 0))


def test_units_without_region_code_are_reported(mdi_provider):
    rows = [(square(0, 0), ["BU01", "R0", 5.0]), (square(1, 0), ["BU02", None, 7.0]),
            (square(2, 0), ["BU03", "  ", 9.0]), (square(3, 0), ["BU04", "R0", 11.0])]
    layer = make_layer(["buurtcode:string", "regio:string", "mdi:double"], rows)
    feedback = LogFeedback()
    result = run({"INPUT": layer, "REGION_FIELD": "regio"}, feedback)
    assert result["N_UNMATCHED"] == 2 and result["N_REGIONS"] == 1
    feature = next(result["OUTPUT"].getFeatures())
    assert feature["mdi"] == 8.0 and feature["n_eenheden"] == 2
    log = "\n".join(feedback.warnings)
    assert "2 unit(s) fall in no region" in log
    assert "BU02" in log and "BU03" in log and "no region code in 'regio'" in log


def test_numeric_region_codes_and_a_table_without_geometry(mdi_provider):
    rows = [(None, [code, value]) for code, value in ((3, 10.0), (12, 20.0), (3, 40.0))]
    layer = make_layer(["corop:integer", "mdi:double"], rows, geometry="None")
    result = run({"INPUT": layer, "REGION_FIELD": "corop"})
    out = result["OUTPUT"]
    assert out.wkbType() == QgsWkbTypes.NoGeometry
    values = {f["corop"]: (f["mdi"], f["n_eenheden"]) for f in out.getFeatures()}
    assert values == {3: (25.0, 2), 12: (20.0, 1)}
    assert out.fields().field("corop").isNumeric()


def test_unmatched_list_is_capped(mdi_provider):
    rows = [(square(k, 0), ["BU{:03d}".format(k), None if k else "R", float(k)])
            for k in range(30)]
    layer = make_layer(["buurtcode:string", "regio:string", "mdi:double"], rows)
    feedback = LogFeedback()
    assert run({"INPUT": layer, "REGION_FIELD": "regio"}, feedback)["N_UNMATCHED"] == 29
    assert any("BU001 (feature" in w and "and 9 more" in w for w in feedback.warnings)


# -- REGIONS mode ------------------------------------------------------------------------------

def region_polygons_wgs84():
    """Regions R0-R2 (two grid columns each, 4 rows) in EPSG:4326, plus R9 far away."""
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:28992"),
                                       QgsCoordinateReferenceSystem("EPSG:4326"),
                                       QgsProject.instance())
    rows = []
    for code, col in (("R0", 0), ("R1", 2), ("R2", 4), ("R9", 40)):
        shape = QgsGeometry.fromPolygonXY([[QgsPointXY(X0 + col * SIZE + dx, Y0 + dy)
                                            for dx, dy in ((0, 0), (2 * SIZE, 0),
                                                           (2 * SIZE, 4 * SIZE),
                                                           (0, 4 * SIZE), (0, 0))]])
        shape = shape.densifyByCount(20)
        assert shape.transform(transform) == 0
        rows.append((shape, [code, "Regio " + code, 2000 + col]))
    return make_layer(["coropcode:string", "coropnaam:string", "fid:integer"], rows,
                      crs="EPSG:4326")


def test_regions_in_another_crs_with_a_unit_outside(mdi_provider):
    layer, records = unit_grid(cols=6, rows=4, seed=8)
    provider = layer.dataProvider()
    outside, empty = QgsFeature(layer.fields()), QgsFeature(layer.fields())
    outside.setGeometry(square(20, 0))
    outside.setAttributes(["BU_BUITEN", "R0", 2023, 100, 99.0, 99.0, 4, "x"])
    empty.setAttributes(["BU_LEEG", "R0", 2023, 100, 98.0, 98.0, 4, "x"])
    ok, added = provider.addFeatures([outside, empty])
    assert ok and len(added) == 2
    regions = region_polygons_wgs84()
    feedback = LogFeedback()
    result = run({"INPUT": layer, "REGIONS": regions, "REGIONS_ID_FIELD": "coropcode",
                  "METHOD": 1, "WEIGHT_FIELD": "inwoners"}, feedback)
    out = result["OUTPUT"]
    assert result["N_UNMATCHED"] == 2
    assert result["N_REGIONS"] == result["FEATURE_COUNT"] == 4
    assert out.crs().authid() == "EPSG:4326"
    assert out.fields().names() == ["coropcode", "coropnaam", "mdi", "mdi_werk", "n_eenheden",
                                    "aandeel_hoog", "aandeel_inw_zeer_hoog"]
    features = by_key(out, "coropcode")
    for code in ("R0", "R1", "R2"):
        mine = [r for r in records if r["regio"] == code]     # the grid's true membership
        feature = features[code]
        assert feature["coropnaam"] == "Regio " + code
        assert feature["n_eenheden"] == len(mine)
        assert feature["mdi_werk"] == pytest.approx(loop_stat(
            [r["mdi_werk"] for r in mine], 1, [r["inwoners"] for r in mine]))
        polygon = next(f for f in regions.getFeatures() if f["coropcode"] == code)
        assert feature.geometry().area() == pytest.approx(polygon.geometry().area())
    empty_region = features["R9"]
    assert empty_region["n_eenheden"] == 0
    assert null(empty_region["mdi"]) and null(empty_region["aandeel_hoog"])
    log = "\n".join(feedback.warnings)
    assert "BU_BUITEN" in log and "outside every region polygon" in log
    assert "BU_LEEG" in log and "no (or an empty) geometry" in log
    assert "1 region(s) contain no unit" in log


def test_regions_with_years_cover_every_region_in_every_year(mdi_provider):
    layer, records = unit_grid(years=(2014, 2023), seed=12)
    result = run({"INPUT": layer, "REGIONS": region_polygons_wgs84(),
                  "REGIONS_ID_FIELD": "coropcode", "YEAR_FIELD": "jaar"})
    out = result["OUTPUT"]
    assert result["FEATURE_COUNT"] == 8 and result["N_REGIONS"] == 4
    features = by_key(out, "coropcode", "jaar")
    assert sorted(features) == sorted((c, y) for c in ("R0", "R1", "R2", "R9")
                                      for y in (2014, 2023))
    for (code, year), feature in features.items():
        mine = [r for r in records if r["regio"] == code and r["jaar"] == year]
        assert feature["n_eenheden"] == len(mine)
        assert as_float(feature["mdi"]) == pytest.approx(
            loop_stat([r["mdi"] for r in mine], 0), nan_ok=True)


def test_regions_id_field_default_is_found(mdi_provider):
    layer, _ = unit_grid()
    feedback = LogFeedback()
    result = run({"INPUT": layer, "REGIONS": region_polygons_wgs84()}, feedback)
    assert set(by_key(result["OUTPUT"], "coropcode")) == {"R0", "R1", "R2", "R9"}


def test_regions_sharing_an_id_form_one_region_and_overlaps_are_reported(mdi_provider):
    rows = [(square(col, 0), ["BU{}".format(col), 10.0 * (col + 1)]) for col in range(4)]
    layer = make_layer(["buurtcode:string", "mdi:double"], rows)
    regions = make_layer(["code:string", "mdi:double", "naam:string"], [
        (square(0, 0), ["A", 1.0, "west"]), (square(1, 0), ["A", 1.0, "west"]),
        (square(2, 0).combine(square(3, 0)), ["B", 2.0, "oost"]),
        (square(3, 0), ["C", 3.0, "overlap"])])
    feedback = LogFeedback()
    result = run({"INPUT": layer, "REGIONS": regions, "REGIONS_ID_FIELD": "code"}, feedback)
    out = result["OUTPUT"]
    assert result["N_REGIONS"] == 3 and result["N_UNMATCHED"] == 0
    assert out.fields().names() == ["code", "naam", "mdi", "n_eenheden"]
    features = by_key(out, "code")
    assert features["A"]["mdi"] == 15.0 and features["A"]["n_eenheden"] == 2
    assert features["A"].geometry().area() == pytest.approx(2 * SIZE * SIZE)
    assert features["B"]["mdi"] == 35.0 and features["B"]["n_eenheden"] == 2  # first wins
    assert features["C"]["n_eenheden"] == 0
    log = "\n".join(feedback.warnings)
    assert "1 unit(s) lie in more than one region polygon" in log
    assert "Field 'mdi' of REGIONS is not copied" in log


def test_units_without_year_are_reported(mdi_provider):
    rows = [(square(0, 0), ["BU1", "R", 2023, 10.0]), (square(1, 0), ["BU2", "R", None, 20.0])]
    layer = make_layer(["buurtcode:string", "regio:string", "jaar:integer", "mdi:double"],
                       rows)
    feedback = LogFeedback()
    result = run({"INPUT": layer, "REGION_FIELD": "regio", "YEAR_FIELD": "jaar"}, feedback)
    assert result["N_UNMATCHED"] == 1 and result["FEATURE_COUNT"] == 1
    assert any("have no year" in w and "BU2" in w for w in feedback.warnings)


def test_weight_field_with_the_plain_mean_only_adds_the_inhabitant_share(mdi_provider):
    layer, records = unit_grid(seed=33)
    out = run({"INPUT": layer, "REGION_FIELD": "regio", "WEIGHT_FIELD": "inwoners"})["OUTPUT"]
    for code, feature in by_key(out, "regio").items():
        mine = [r for r in records if r["regio"] == code]
        assert feature["mdi"] == pytest.approx(loop_stat([r["mdi"] for r in mine], 0))
        classed = [r for r in mine if r["klasse"] is not None]
        assert feature["aandeel_inw_zeer_hoog"] == pytest.approx(
            sum(r["inwoners"] for r in classed if r["klasse"] == 4) /
            sum(r["inwoners"] for r in classed))


# -- sample data --------------------------------------------------------------------------------

def test_sample_gemeenten_to_corop_is_the_plain_mean(mdi_provider, sample_gpkg):
    gemeenten = compute_mdi(sample_gpkg, "gemeenten")
    result = run({"INPUT": gemeenten, "REGION_FIELD": "coropcode", "YEAR_FIELD": "jaar"})
    out = result["OUTPUT"]
    units = list(gemeenten.getFeatures())
    keys = {(f["coropcode"], f["jaar"]) for f in units}
    assert result["FEATURE_COUNT"] == len(keys) and result["N_UNMATCHED"] == 0
    assert result["N_REGIONS"] == len({k[0] for k in keys})
    for (code, year), feature in by_key(out, "coropcode", "jaar").items():
        mine = [f for f in units if f["coropcode"] == code and f["jaar"] == year]
        assert feature["n_eenheden"] == len(mine)
        for name in ("mdi", "mdi_inkomen", "mdi_woonomgeving"):
            assert as_float(feature[name]) == pytest.approx(
                loop_stat([None if null(f[name]) else f[name] for f in mine], 0), nan_ok=True)
        area = sum(f.geometry().area() for f in mine)
        assert feature.geometry().area() == pytest.approx(area, rel=1e-6)


def test_sample_buurten_to_gemeenten_and_to_corop_polygons(mdi_provider, sample_gpkg):
    buurten = compute_mdi(sample_gpkg, "buurten")
    gemeenten = QgsVectorLayer("{}|layername=gemeenten".format(sample_gpkg), "g", "ogr")
    area_of = {f["gemeentecode"]: f.geometry().area() for f in gemeenten.getFeatures()}
    corop_of = {f["gemeentecode"]: f["coropcode"] for f in gemeenten.getFeatures()}
    by_code = run({"INPUT": buurten, "REGION_FIELD": "gemeentecode", "YEAR_FIELD": "jaar",
                   "METHOD": 1, "WEIGHT_FIELD": "inwoners"})["OUTPUT"]
    units = list(buurten.getFeatures())
    for (code, year), feature in by_key(by_code, "gemeentecode", "jaar").items():
        mine = [f for f in units if f["gemeentecode"] == code and f["jaar"] == year]
        assert feature.geometry().area() == pytest.approx(area_of[code], rel=1e-6)
        assert as_float(feature["mdi"]) == pytest.approx(loop_stat(
            [None if null(f["mdi"]) else f["mdi"] for f in mine], 1,
            [f["inwoners"] for f in mine]), nan_ok=True)
    corop = QgsVectorLayer("{}|layername=corop_regios".format(sample_gpkg), "c", "ogr")
    result = run({"INPUT": buurten, "REGIONS": corop, "REGIONS_ID_FIELD": "coropcode",
                  "YEAR_FIELD": "jaar"})
    assert result["N_UNMATCHED"] == 0
    for (code, year), feature in by_key(result["OUTPUT"], "coropcode", "jaar").items():
        mine = [f for f in units if corop_of[f["gemeentecode"]] == code and f["jaar"] == year]
        assert feature["n_eenheden"] == len(mine)
        assert as_float(feature["mdi"]) == pytest.approx(
            loop_stat([None if null(f["mdi"]) else f["mdi"] for f in mine], 0), nan_ok=True)
        assert feature["coropnaam"]


# -- bad input ----------------------------------------------------------------------------------

def assert_fails(params, match, tmp_path):
    target = tmp_path / "uit.gpkg"
    with pytest.raises(QgsProcessingException, match=match):
        run(dict(params, OUTPUT=str(target)))
    assert not target.exists()


def test_neither_membership_option(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer}, "REGION_FIELD .* or REGIONS", tmp_path)


def test_both_membership_options(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "REGIONS": region_polygons_wgs84(),
                  "REGIONS_ID_FIELD": "coropcode"}, "not both", tmp_path)


def test_regions_id_field_without_regions(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer, "REGIONS_ID_FIELD": "coropcode"}, "REGIONS is not",
                 tmp_path)


def test_regions_id_field_with_region_field(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "REGIONS_ID_FIELD": "regio"},
                 "leave it empty", tmp_path)


def test_weighted_mean_without_weight_field(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "METHOD": 1}, "WEIGHT_FIELD",
                 tmp_path)


def test_non_numeric_field(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "FIELDS": ["mdi", "naam"]},
                 "Field 'naam', feature .*'buurt' is not a number", tmp_path)


def test_empty_input(mdi_provider, tmp_path):
    layer = make_layer(UNIT_FIELDS, [])
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio"}, "no features", tmp_path)


def test_missing_field_names_are_reported_with_a_hint(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "FIELDS": ["mdi_wrek"]},
                 "'mdi_wrek' is not in the input. Similar fields: mdi_werk", tmp_path)
    assert_fails({"INPUT": layer, "REGIONS": region_polygons_wgs84(),
                  "REGIONS_ID_FIELD": "corop"}, "REGIONS_ID_FIELD: field 'corop'", tmp_path)


def test_no_default_fields(mdi_provider, tmp_path):
    layer = make_layer(["regio:string", "score:double"], [(square(0, 0), ["R", 1.0])])
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio"}, "no field 'mdi'", tmp_path)


def test_region_field_cannot_be_aggregated(mdi_provider, tmp_path):
    layer = make_layer(["regio:integer", "mdi:double"], [(square(0, 0), [1, 1.0])])
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "FIELDS": ["regio", "mdi"]},
                 "region code field", tmp_path)


def test_field_named_like_an_output_field(mdi_provider, tmp_path):
    layer = make_layer(["regio:string", "mdi:double", "n_eenheden:integer"],
                       [(square(0, 0), ["R", 1.0, 12])])
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "FIELDS": ["mdi", "n_eenheden"]},
                 "two fields named 'n_eenheden'", tmp_path)


def test_negative_weight(mdi_provider, tmp_path):
    layer = make_layer(["regio:string", "mdi:double", "inwoners:integer"],
                       [(square(0, 0), ["R", 1.0, 10]), (square(1, 0), ["R", 2.0, -5])])
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "METHOD": 1,
                  "WEIGHT_FIELD": "inwoners"}, "inwoners.*negative", tmp_path)


def test_empty_regions_layer(mdi_provider, tmp_path):
    layer, _ = unit_grid()
    regions = make_layer(["coropcode:string"], [], crs="EPSG:4326")
    assert_fails({"INPUT": layer, "REGIONS": regions, "REGIONS_ID_FIELD": "coropcode"},
                 "REGIONS has no features", tmp_path)


def test_regions_need_units_with_geometry(mdi_provider, tmp_path):
    table = make_layer(["regio:string", "mdi:double"], [(None, ["R", 1.0])], geometry="None")
    assert_fails({"INPUT": table, "REGIONS": region_polygons_wgs84(),
                  "REGIONS_ID_FIELD": "coropcode"}, "table without geometry", tmp_path)


def test_year_that_is_not_a_whole_number(mdi_provider, tmp_path):
    layer = make_layer(["regio:string", "mdi:double", "jaar:double"],
                       [(square(0, 0), ["R", 1.0, 2019.5])])
    assert_fails({"INPUT": layer, "REGION_FIELD": "regio", "YEAR_FIELD": "jaar"},
                 "not a whole year", tmp_path)


# -- qgis_process ------------------------------------------------------------------------------

@pytest.mark.qgis_process
def test_qgis_process_buurten_to_gemeenten(qgis_process, buurten_mdi, tmp_path):
    source = buurten_mdi
    target = tmp_path / "gemeenten.gpkg"
    answer = qgis_process("run", ALG, "--json", "--", "INPUT={}".format(source),
                          "REGION_FIELD=gemeentecode", "YEAR_FIELD=jaar", "FIELDS=mdi",
                          "FIELDS=mdi_werk", "METHOD=2", "OUTPUT={}".format(target))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    results = json.loads(answer.stdout[answer.stdout.index("{"):])["results"]
    units = list(QgsVectorLayer(str(source), "b", "ogr").getFeatures())
    keys = {(f["gemeentecode"], f["jaar"]) for f in units}
    assert results["FEATURE_COUNT"] == len(keys) and results["N_UNMATCHED"] == 0
    out = QgsVectorLayer(str(target), "out", "ogr")
    assert out.featureCount() == len(keys)
    assert [n for n in out.fields().names() if n != "fid"] == [
        "gemeentecode", "jaar", "mdi", "mdi_werk", "n_eenheden"]
    for (code, year), feature in by_key(out, "gemeentecode", "jaar").items():
        mine = [f for f in units if f["gemeentecode"] == code and f["jaar"] == year]
        for name in ("mdi", "mdi_werk"):
            assert as_float(feature[name]) == pytest.approx(
                loop_stat([None if null(f[name]) else f[name] for f in mine], 2), nan_ok=True)
