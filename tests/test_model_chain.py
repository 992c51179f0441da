"""The bundled model mdi_keten (compute -> classify -> aggregate -> flag), run headless."""

import csv
import json
import math
from collections import defaultdict

import pytest
from qgis.core import QgsVectorLayer

MODEL = "mdi:mdi_keten"


def model_parameters(sample_gpkg, zones, gemeenten_out, regions_out):
    return {"indicatoren": "{}|layername=gemeenten".format(sample_gpkg),
            "jaarveld": "jaar", "regioveld": "coropcode", "zonetabel": str(zones),
            "drempel": 50, "indelen:gemeenten_mdi": str(gemeenten_out),
            "markeren:regios_mdi": str(regions_out)}


def rows(path):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    names = layer.fields().names()
    return [{n: (None if str(f[n]) == "NULL" else f[n]) for n in names}
            for f in layer.getFeatures()]


def zone_table(path):
    with open(path, encoding="utf-8-sig") as handle:
        return {row["coropcode"]: row["zone"] for row in csv.DictReader(handle)}


def check_chain(gemeenten, regions, zones):
    """Region rows against an independent computation from the gemeente rows."""
    by_region = defaultdict(list)
    for row in gemeenten:
        assert row["mdi_klasse"] == 1 + sum(row["mdi"] >= b for b in (40, 50, 60))
        by_region[(row["coropcode"], row["jaar"])].append(row)
    assert len(regions) == len(by_region)
    for region in regions:
        members = by_region[(region["coropcode"], region["jaar"])]
        mean = sum(m["mdi"] for m in members) / len(members)
        assert region["mdi"] == pytest.approx(mean, abs=1e-9)
        assert region["n_eenheden"] == len(members)
        high = sum(m["mdi_klasse"] >= 3 for m in members) / len(members)
        assert region["aandeel_hoog"] == pytest.approx(high)
        zone = zones[region["coropcode"]]
        assert region["zone"] == zone
        assert region["focusregio"] == int(zone == "perifeer" and mean >= 50)


def test_model_is_listed_in_the_provider(mdi_provider):
    model = mdi_provider.algorithm("mdi_keten")
    assert model is not None and model.id() == MODEL
    children = [c.algorithmId() for c in model.childAlgorithms().values()]
    assert sorted(children) == ["mdi:aggregatetoregions", "mdi:classifyquartiles",
                                "mdi:computemdi", "mdi:flagperiphery"]


def test_model_through_processing_run(mdi_provider, sample_gpkg, repo_root, tmp_path):
    from qgis import processing
    zones = repo_root / "resources" / "sample_data" / "zones_voorbeeld.csv"
    params = model_parameters(sample_gpkg, zones, tmp_path / "gem.gpkg",
                              tmp_path / "reg.gpkg")
    processing.run(MODEL, params)
    regions = rows(tmp_path / "reg.gpkg")
    check_chain(rows(tmp_path / "gem.gpkg"), regions, zone_table(zones))
    assert any(r["focusregio"] == 1 for r in regions)
    assert any(r["focusregio"] == 0 for r in regions)
    assert not any(math.isnan(r["mdi"]) for r in regions)


@pytest.mark.qgis_process
def test_model_through_qgis_process(qgis_process, sample_gpkg, repo_root, tmp_path):
    zones = repo_root / "resources" / "sample_data" / "zones_voorbeeld.csv"
    params = model_parameters(sample_gpkg, zones, tmp_path / "gem.gpkg",
                              tmp_path / "reg.gpkg")
    result = qgis_process("run", MODEL, "--json", "--",
                          *["{}={}".format(k, v) for k, v in params.items()])
    assert result.returncode == 0, result.stdout + result.stderr
    answer = json.loads(result.stdout[result.stdout.index("{"):])
    assert answer["results"]["markeren:regios_mdi"] == str(tmp_path / "reg.gpkg")
    check_chain(rows(tmp_path / "gem.gpkg"), rows(tmp_path / "reg.gpkg"), zone_table(zones))
