"""The benchmark's field-calculator model computes the same MDI as mdi:computemdi.

benchmarks/run.py compares mdi:computemdi with the route users take without the plugin,
a Graphical Modeler model of native:fieldcalculator steps (benchmarks/models.py). That
comparison is only fair when both give the same numbers: checked here on a small
generated dataset with CBS missing-value codes (buurten) and NULLs (gemeenten).
"""

import importlib.util
import math

import pytest
from qgis import processing
from qgis.core import QgsProcessing, QgsProcessingModelAlgorithm, QgsVectorLayer

from mdi_plugin.core.compute import output_fields
from mdi_plugin.core.spec import load_spec
from mdi_plugin.core.values import CBS_MISSING_CODES

SPEC = load_spec()
SCORES = output_fields(SPEC)


def load(repo_root, *parts):
    path = repo_root.joinpath(*parts)
    spec = importlib.util.spec_from_file_location(path.stem + "_under_test", str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def models(repo_root):
    return load(repo_root, "benchmarks", "models.py")


@pytest.fixture(scope="module")
def small_gpkg(repo_root, tmp_path_factory):
    generator = load(repo_root, "scripts", "mdi_sample_data.py")
    path = tmp_path_factory.mktemp("bench") / "small.gpkg"
    data = generator.generate(n_gemeenten=9, n_buurten=120, years=(2019, 2023), seed=7)
    generator.write_gpkg(str(path), data, layers=("gemeenten", "buurten"))
    for name in ("gemeenten", "buurten"):    # gaps that leave domains without a score
        layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
        index = layer.fields().indexOf
        fids = [f.id() for f in layer.getFeatures()]
        werk = {index(i.field): None for i in SPEC.indicators_of("werk")}
        opleiding = [index(i.field) for i in SPEC.indicators_of("opleiding")]
        assert layer.dataProvider().changeAttributeValues({
            fids[0]: werk,                                            # domain NULL
            fids[1]: {opleiding[0]: -99997.0, opleiding[1]: None},    # 1 of 3: NULL
            fids[2]: {opleiding[0]: -99999999.0}})                    # 2 of 3: scored
    return path


def rows(layer, key):
    out = {}
    for feature in layer.getFeatures():
        values = [feature[name] for name in SCORES]
        out[(feature[key], feature["jaar"])] = [
            None if v is None or str(v) == "NULL" else float(v) for v in values]
    return out


@pytest.mark.parametrize("layer_name,key", [("buurten", "buurtcode"),
                                            ("gemeenten", "gemeentecode")])
def test_field_calculator_model_equals_computemdi(mdi_provider, models, small_gpkg,
                                                  layer_name, key):
    source = QgsVectorLayer("{}|layername={}".format(small_gpkg, layer_name), layer_name,
                            "ogr")
    assert source.isValid()
    raw = [f[i.field] for f in source.getFeatures() for i in SPEC.indicators]
    assert any(v in CBS_MISSING_CODES or v is None or str(v) == "NULL" for v in raw)

    model = models.build_fieldcalc_model(SPEC)
    output = models.output_name(model, models.FIELDCALC_OUTPUT)
    by_model = processing.run(model, {models.INPUT: source,
                                      output: QgsProcessing.TEMPORARY_OUTPUT})
    by_plugin = processing.run("mdi:computemdi", {"INPUT": source,
                                                  "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
    model_layer = by_model[output]
    if isinstance(model_layer, str):
        model_layer = QgsVectorLayer(model_layer, "model", "ogr")
    expected = rows(by_plugin["OUTPUT"], key)
    got = rows(model_layer, key)
    assert model_layer.fields().names() == by_plugin["OUTPUT"].fields().names()
    assert sorted(got) == sorted(expected) and len(got) == source.featureCount()
    nulls = 0
    for unit, values in expected.items():
        for name, want, have in zip(SCORES, values, got[unit]):
            if want is None:
                nulls += 1
                assert have is None, (unit, name)
            else:
                assert have is not None and math.isclose(have, want, abs_tol=1e-9), \
                    (unit, name, have, want)
    assert nulls > 0   # the NULL rules (coverage, missing codes) were exercised


def test_committed_models_are_up_to_date(models, repo_root):
    """benchmarks/models/*.model3 are what benchmarks/models.py builds from the spec."""
    for name, build in ((models.FIELDCALC_MODEL, models.build_fieldcalc_model),
                        (models.AGGREGATE_MODEL, models.build_aggregate_model)):
        committed = QgsProcessingModelAlgorithm()
        assert committed.fromFile(str(repo_root / "benchmarks" / "models" /
                                      (name + ".model3"))), name
        assert steps(committed) == steps(build(SPEC)), \
            "{} is stale: run /usr/bin/python3 benchmarks/models.py".format(name)


def steps(model):
    """{child id: (algorithm id, {parameter: static values})} of a model."""
    return {child_id: (child.algorithmId(), {
        name: [str(source.staticValue()) for source in sources]
        for name, sources in child.parameterSources().items()})
        for child_id, child in model.childAlgorithms().items()}
