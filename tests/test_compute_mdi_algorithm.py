"""mdi:computemdi through processing.run, against the core and independent computations."""

import numpy as np
import pytest
from qgis.core import QgsPointXY, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from qgis_layers import memory_layer
from mdi_plugin.core.spec import load_spec
from mdi_reference import reference_mdi
from mdi_test_helpers import as_float as float_or_nan
from mdi_test_helpers import runner

SPEC = load_spec()
ALG = "mdi:computemdi"
WORKED = [("Heerlen", [81.9, 57.3, 80.5, 69.2, 42.3, 75.5, 53.2], 67.4),
          ("Eijsden-Margraten", [33.5, 26.0, 44.3, 37.6, 70.2, 31.1, 52.5], 38.7),
          ("Groningen", [81.7, 33.1, 76.5, 48.4, 46.6, 69.3, 58.0], 58.9)]


def indicator_layer(rows=30, seed=3, field_type="double", year=False):
    rng = np.random.default_rng(seed)
    table = rng.uniform(5, 95, (rows, len(SPEC.indicators))).round(2)
    defs = ["code:string"] + (["jaar:integer"] if year else []) + \
        ["{}:{}".format(i.field, field_type) for i in SPEC.indicators]
    data = []
    for row in range(rows):
        values = table[row].tolist()
        if field_type == "string":
            values = [str(v).replace(".", ",") for v in values]
        prefix = ["GM{:04d}".format(9001 + row)] + ([2014 + 9 * (row % 2)] if year else [])
        data.append(prefix + values)
    return memory_layer(defs, data), table


def table_mdi(table):
    """Reference MDI of a rows x indicators array."""
    return reference_mdi(SPEC, {i.id: table[:, k] for k, i in enumerate(SPEC.indicators)})


run = runner(ALG)


def column(layer, name):
    return [f[name] for f in layer.getFeatures()]


def as_float(values):
    return np.array([float_or_nan(v) for v in values])


def test_indicator_mode_matches_independent_computation(mdi_provider):
    layer, table = indicator_layer()
    result = run({"INPUT": layer})
    out = result["OUTPUT"]
    assert out.featureCount() == layer.featureCount() == result["FEATURE_COUNT"]
    np.testing.assert_allclose(as_float(column(out, "mdi")), table_mdi(table), atol=1e-9)
    assert result["MDI_NULL_COUNT"] == 0
    first = next(out.getFeatures())
    assert first.geometry().asPoint() == QgsPointXY(1000, 2000)
    assert out.fields().names()[:2] == ["code", SPEC.indicators[0].field]
    assert out.fields().names()[-8:] == ["mdi_inkomen", "mdi_werk", "mdi_gezondheid",
                                         "mdi_opleiding", "mdi_huisvesting",
                                         "mdi_veiligheid", "mdi_woonomgeving", "mdi"]


def test_input_is_not_modified(mdi_provider):
    layer, _ = indicator_layer()
    before = [f.attributes() for f in layer.getFeatures()]
    fields_before = layer.fields().names()
    run({"INPUT": layer})
    assert layer.fields().names() == fields_before
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_decimal_comma_text_fields(mdi_provider):
    numeric, table = indicator_layer(field_type="double")
    text, _ = indicator_layer(field_type="string")
    expected = as_float(column(run({"INPUT": numeric})["OUTPUT"], "mdi"))
    got = as_float(column(run({"INPUT": text})["OUTPUT"], "mdi"))
    np.testing.assert_allclose(got, expected, atol=1e-9)


def test_domain_mode_reproduces_worked_examples(mdi_provider):
    defs = ["naam:string"] + ["{}:double".format(d.capitalize()) for d in SPEC.domain_ids]
    layer = memory_layer(defs, [[name] + scores for name, scores, _ in WORKED])
    out = run({"INPUT": layer, "MODE": 1})["OUTPUT"]
    for feature, (_, _, published) in zip(out.getFeatures(), WORKED):
        assert abs(feature["mdi"] - published) <= 0.1
        assert feature["mdi_inkomen"] == feature["Inkomen"]


def test_domain_mode_with_field_map_and_rescaling(mdi_provider):
    defs = ["naam:string"] + ["d{}:double".format(k) for k in range(7)]
    layer = memory_layer(defs, [["x"] + [100.0] * 7])
    field_map = [v for k, d in enumerate(SPEC.domain_ids) for v in (d, "d{}".format(k))]
    out = run({"INPUT": layer, "MODE": 1, "FIELD_MAP": field_map})["OUTPUT"]
    assert next(out.getFeatures())["mdi"] == pytest.approx(99.9)
    out = run({"INPUT": layer, "MODE": 1, "FIELD_MAP": field_map,
               "RESCALE_WEIGHTS": True})["OUTPUT"]
    assert next(out.getFeatures())["mdi"] == pytest.approx(100.0)


def test_field_map_renames_an_indicator(mdi_provider):
    layer, table = indicator_layer()
    renamed = memory_layer(
        ["code:string"] + ["{}:double".format("arm" if i.id == "arme_huishoudens" else i.field)
                           for i in SPEC.indicators],
        [f.attributes() for f in layer.getFeatures()])
    out = run({"INPUT": renamed, "FIELD_MAP": ["arme_huishoudens", "arm"]})["OUTPUT"]
    np.testing.assert_allclose(as_float(column(out, "mdi")), table_mdi(table), atol=1e-9)


def test_missing_domain_scores_are_null_not_zero(mdi_provider):
    layer, _ = indicator_layer(rows=6)
    werk = [layer.fields().indexOf(i.field) for i in SPEC.indicators if i.domain == "werk"]
    layer.dataProvider().changeAttributeValues({1: {index: None for index in werk}})
    feedback = QgsProcessingFeedback()
    result = run({"INPUT": layer}, feedback)
    values = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    assert values["GM9001"]["mdi"] is None or str(values["GM9001"]["mdi"]) == "NULL"
    assert str(values["GM9001"]["mdi_werk"]) == "NULL"
    assert values["GM9001"]["mdi_inkomen"] is not None
    assert result["MDI_NULL_COUNT"] == 1


def test_per_year_normalisation_uses_the_year_field(mdi_provider):
    layer, table = indicator_layer(rows=20, year=True)
    pooled = as_float(column(run({"INPUT": layer, "YEAR_FIELD": "jaar"})["OUTPUT"], "mdi"))
    per_year = as_float(column(run({"INPUT": layer, "YEAR_FIELD": "jaar",
                                    "NORMALISATION": 1})["OUTPUT"], "mdi"))
    np.testing.assert_allclose(pooled, table_mdi(table), atol=1e-9)
    for parity in (0, 1):
        rows = np.arange(20) % 2 == parity
        np.testing.assert_allclose(per_year[rows], table_mdi(table[rows]), atol=1e-9)


def test_existing_output_fields_are_replaced(mdi_provider):
    layer, table = indicator_layer(rows=5)
    first = run({"INPUT": layer})["OUTPUT"]
    second = run({"INPUT": first})["OUTPUT"]
    assert second.fields().names() == first.fields().names()
    np.testing.assert_allclose(as_float(column(second, "mdi")), table_mdi(table))


def test_table_without_geometry(mdi_provider):
    layer, table = indicator_layer(rows=8)
    table_layer = memory_layer([f.name() + ":" + ("string" if f.name() == "code" else "double")
                                for f in layer.fields()],
                               [f.attributes() for f in layer.getFeatures()], "None")
    out = run({"INPUT": table_layer})["OUTPUT"]
    np.testing.assert_allclose(as_float(column(out, "mdi")), table_mdi(table))


@pytest.mark.parametrize("change, params, fragments", [
    ({"arme_huishoudens": "veel"}, {}, ["arme_huishoudens", "feature", "'veel'"]),
    ({}, {"FIELD_MAP": ["arme_huishoudens", "armoede"]}, ["FIELD_MAP", "'armoede'"]),
    ({}, {"FIELD_MAP": ["arme_huishoudens"]}, ["pairs"]),
    ({}, {"FIELD_MAP": ["armoede", "code"]}, ["unknown indicator id 'armoede'"]),
    ({}, {"NORMALISATION": 1}, ["YEAR_FIELD"]),
    ({}, {"NORMALISATION": 2}, ["fixed bounds", "arme_huishoudens"]),
    ({}, {"MODE": 1}, ["Domain score field 'inkomen'"]),
])
def test_bad_input_gets_a_clear_message(mdi_provider, change, params, fragments):
    layer, _ = indicator_layer(rows=5, field_type="string")
    for field, value in change.items():
        layer.dataProvider().changeAttributeValues({3: {layer.fields().indexOf(field): value}})
    with pytest.raises(QgsProcessingException) as info:
        run(dict(params, INPUT=layer))
    for fragment in fragments:
        assert fragment in str(info.value)


def test_indicator_without_spread_is_an_error(mdi_provider):
    layer, _ = indicator_layer(rows=5)
    index = layer.fields().indexOf("vandalisme")
    layer.dataProvider().changeAttributeValues({fid: {index: 7.0} for fid in range(1, 6)})
    with pytest.raises(QgsProcessingException, match="vandalisme.*no spread"):
        run({"INPUT": layer})


def test_empty_input_is_an_error(mdi_provider):
    layer = memory_layer(["{}:double".format(i.field) for i in SPEC.indicators], [])
    with pytest.raises(QgsProcessingException, match="no features"):
        run({"INPUT": layer})


def test_missing_domain_fields_name_the_domain(mdi_provider):
    layer = memory_layer(["{}:double".format(i.field) for i in SPEC.indicators
                          if i.domain != "veiligheid"], [[1.0] * 20, [2.0] * 20])
    with pytest.raises(QgsProcessingException, match="Domain 'veiligheid'"):
        run({"INPUT": layer})


def test_cancel_before_reading_writes_nothing(mdi_provider, tmp_path):
    layer, _ = indicator_layer()
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    target = tmp_path / "out.gpkg"
    result = run({"INPUT": layer, "OUTPUT": str(target)}, feedback)
    assert "OUTPUT" not in result
    assert not target.exists()


def test_sample_geopackage(mdi_provider, sample_gpkg, tmp_path):
    source = "{}|layername=gemeenten".format(sample_gpkg)
    target = tmp_path / "mdi.gpkg"
    result = run({"INPUT": source, "YEAR_FIELD": "jaar", "OUTPUT": str(target)})
    out = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert out.isValid() and out.featureCount() == result["FEATURE_COUNT"] > 0
    mdi = as_float(column(out, "mdi"))
    assert np.nanmin(mdi) >= 0 and np.nanmax(mdi) <= 99.9
    assert out.crs().authid() == "EPSG:28992" and out.geometryType() == 2


def test_domain_mode_reads_its_own_output_back(mdi_provider, repo_root):
    csv = repo_root / "resources" / "sample_data" / "gemeenten_indicatoren.csv"
    first = run({"INPUT": str(csv), "YEAR_FIELD": "jaar"})["OUTPUT"]
    assert not set(SPEC.domain_ids) & {n.lower() for n in first.fields().names()}
    second = run({"INPUT": first, "MODE": 1})["OUTPUT"]

    def mdi_by_unit(layer):
        return {(f["gemeentecode"], f["jaar"]): f["mdi"] for f in layer.getFeatures()}

    before, after = mdi_by_unit(first), mdi_by_unit(second)
    assert len(before) == first.featureCount() > 0 and after.keys() == before.keys()
    keys = sorted(before)
    expected, got = as_float([before[k] for k in keys]), as_float([after[k] for k in keys])
    assert not np.isnan(expected).all()
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
