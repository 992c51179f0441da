"""The fast first pass (OGR's columnar reader for whole GeoPackage layers) reads exactly
what the QGIS feature iterator reads, and is only used where it may be."""

import shutil

import numpy as np
import pytest
from qgis import processing
from qgis.core import (QgsFeatureRequest, QgsProcessingContext, QgsProcessingFeatureSource,
                       QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer)

from mdi_plugin.core.compute import output_fields
from mdi_plugin.core.spec import load_spec
from mdi_plugin.processing import columnar, feature_io

SPEC = load_spec()
NUMERIC = [i.field for i in SPEC.indicators] + ["jaar", "inwoners"]


@pytest.fixture
def gpkg(sample_gpkg, tmp_path):
    """A copy of the sample GeoPackage with a few NULLs and CBS codes added."""
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(sample_gpkg, path)
    layer = QgsVectorLayer("{}|layername=buurten".format(path), "buurten", "ogr")
    fids = [f.id() for f in layer.getFeatures(QgsFeatureRequest().setLimit(3))]
    index = layer.fields().indexOf
    assert layer.dataProvider().changeAttributeValues({
        fids[0]: {index("arme_huishoudens"): None, index("jaar"): None},
        fids[1]: {index("groen"): -99997.0, index("inwoners"): None},
        fids[2]: {index(NUMERIC[3]): None}})
    return path


def layer_of(path, name):
    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert layer.isValid()
    return layer


def source_of(layer):
    return QgsProcessingFeatureSource(layer, QgsProcessingContext())


@pytest.fixture
def columnar_calls(monkeypatch):
    """Results of the columnar reader: 'read' when it returned columns, 'declined' else."""
    calls = []
    original = feature_io.read_ogr_columns

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append("declined" if result is None else "read")
        return result
    monkeypatch.setattr(feature_io, "read_ogr_columns", spy)
    return calls


def by_id(ids, columns):
    return {fid: [columns[name][row] for name in sorted(columns)]
            for row, fid in enumerate(ids)}


def assert_same(expected, got):
    assert sorted(expected) == sorted(got)
    for fid, values in expected.items():
        np.testing.assert_array_equal(np.array(values, dtype=float),
                                      np.array(got[fid], dtype=float), err_msg=str(fid))


@pytest.mark.parametrize("name", ["buurten", "gemeenten"])
def test_columnar_read_equals_the_qgis_iterator(qgis_app, gpkg, name, columnar_calls):
    layer = layer_of(gpkg, name)
    source = source_of(layer)
    expected = by_id(*feature_io.read_columns(source, NUMERIC, numeric=True))
    assert columnar_calls == []
    ids, columns = feature_io.read_columns(source, NUMERIC, numeric=True, layer=layer)
    assert columnar_calls == ["read"]
    assert len(ids) == layer.featureCount() and all(isinstance(i, int) for i in ids)
    assert all(isinstance(c, np.ndarray) and c.dtype == float for c in columns.values())
    assert_same(expected, by_id(ids, columns))
    assert any(np.isnan(c).any() for c in columns.values())      # NULLs came through


def test_columnar_read_declines_what_it_cannot_read_alike(qgis_app, gpkg, columnar_calls):
    layer = layer_of(gpkg, "buurten")
    source = source_of(layer)
    expected = by_id(*feature_io.read_columns(source, NUMERIC, numeric=True))
    # a text field: only QGIS reads text as the algorithms expect
    feature_io.read_columns(source, NUMERIC + ["buurtcode"], numeric=True, layer=layer)
    # a subset string (provider filter): fewer features
    subset = layer_of(gpkg, "buurten")
    assert subset.setSubsetString('"jaar" = 2023')
    sub_ids, _ = feature_io.read_columns(source_of(subset), NUMERIC, numeric=True,
                                         layer=subset)
    assert 0 < len(sub_ids) < layer.featureCount()
    # a layer being edited, and a memory layer
    edited = layer_of(gpkg, "buurten")
    assert edited.startEditing()
    got = by_id(*feature_io.read_columns(source_of(edited), NUMERIC, numeric=True,
                                         layer=edited))
    edited.rollBack()
    memory = layer.materialize(QgsFeatureRequest())
    feature_io.read_columns(source_of(memory), NUMERIC, numeric=True, layer=memory)
    assert columnar_calls == ["declined"] * 4
    assert_same(expected, got)


def test_columnar_layer_only_for_the_whole_layer(mdi_provider, gpkg):
    algorithm = mdi_provider.algorithm("computemdi")
    layer = layer_of(gpkg, "buurten")
    QgsProject.instance().addMapLayer(layer)
    try:
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        whole = columnar.columnar_layer(algorithm, {"INPUT": layer.id()}, "INPUT", context)
        assert whole is not None and whole.id() == layer.id()
        for definition in (QgsProcessingFeatureSourceDefinition(layer.id(), True),
                           QgsProcessingFeatureSourceDefinition(layer.id(), False, 10)):
            assert columnar.columnar_layer(algorithm, {"INPUT": definition}, "INPUT",
                                           context) is None
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_computemdi_same_result_from_gpkg_and_from_memory(mdi_provider, gpkg,
                                                          columnar_calls):
    """End to end: the columnar read (GeoPackage) and the QGIS read (memory copy) give the
    same scores for every feature."""
    layer = layer_of(gpkg, "buurten")
    from_file = processing.run("mdi:computemdi", {"INPUT": "{}|layername=buurten".format(gpkg),
                                                  "YEAR_FIELD": "jaar",
                                                  "OUTPUT": "memory:"})["OUTPUT"]
    assert columnar_calls == ["read"]
    from_memory = processing.run("mdi:computemdi", {
        "INPUT": layer.materialize(QgsFeatureRequest()), "YEAR_FIELD": "jaar",
        "OUTPUT": "memory:"})["OUTPUT"]
    assert columnar_calls == ["read", "declined"]
    names = output_fields(SPEC)

    def scores(result):
        return {f["buurtcode"] + str(f["jaar"]): [f[n] for n in names]
                for f in result.getFeatures()}
    expected, got = scores(from_memory), scores(from_file)
    assert sorted(expected) == sorted(got) and len(got) == layer.featureCount()
    for key, values in expected.items():
        for want, have in zip(values, got[key]):
            if want is None or str(want) == "NULL":
                assert have is None or str(have) == "NULL", key
            else:
                assert have == pytest.approx(want, abs=1e-12), key
