"""The committed sample data is what the generator makes, and it is clearly fictional."""

import importlib.util
import math

import pytest
from qgis.core import QgsVectorLayer

from mdi_plugin.core.spec import load_spec


@pytest.fixture(scope="module")
def generator(repo_root):
    spec = importlib.util.spec_from_file_location(
        "mdi_sample_data", str(repo_root / "scripts" / "mdi_sample_data.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def layer(path, name):
    result = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert result.isValid(), name
    return result


def same(a, b):
    if a is None or str(a) == "NULL":
        return b is None
    if isinstance(b, float):
        return math.isclose(float(a), b, abs_tol=1e-9)
    return a == b


def test_committed_gemeenten_equal_a_fresh_generation(generator, sample_gpkg):
    expected = list(generator.generate().gemeente_records())
    gemeenten = layer(sample_gpkg, "gemeenten")
    got = [{name: f[name] for name in expected[0]} for f in gemeenten.getFeatures()]
    assert len(got) == len(expected)
    key = lambda row: (row["gemeentecode"], row["jaar"])  # noqa: E731
    for row, want in zip(sorted(got, key=key), sorted(expected, key=key)):
        mismatched = [k for k in want if not same(row[k], want[k])]
        assert not mismatched, (want["gemeentecode"], want["jaar"], mismatched)


def test_sample_has_every_indicator_field_and_nested_codes(sample_gpkg):
    fields = {i.field for i in load_spec().indicators}
    for name in ("gemeenten", "buurten"):
        assert fields <= set(layer(sample_gpkg, name).fields().names()), name
    for feature in layer(sample_gpkg, "buurten").getFeatures():
        code = feature["buurtcode"]
        assert code.startswith("BU") and feature["wijkcode"] == "WK" + code[2:8]
        assert feature["gemeentecode"] == "GM" + code[2:6]


def test_sample_is_fictional_and_off_the_coast(sample_gpkg):
    """Codes in unused CBS ranges; every polygon lies in the North Sea west of the coast."""
    for name in ("gemeenten", "buurten", "corop_regios"):
        extent = layer(sample_gpkg, name).extent()
        assert extent.xMaximum() < 90000 and extent.yMinimum() > 500000, name
    codes = {f["gemeentecode"] for f in layer(sample_gpkg, "gemeenten").getFeatures()}
    assert all(code.startswith("GM90") for code in codes) and 40 <= len(codes) <= 60
