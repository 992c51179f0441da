"""The bundled model mdi_keten (compute -> classify -> aggregate -> flag), run headless."""

import csv
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer

MODEL = "mdi:mdi_keten"
MODEL_FILE = Path(__file__).resolve().parent.parent / "resources" / "models" / "mdi_keten.model3"


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


def test_every_step_is_valid_in_the_modeler(mdi_provider):
    """What the Graphical Modeler shows red: a child with a missing or invalid parameter
    (the model's own validation; QGIS 3.14+). The matrix runs this on 3.22, 3.40 and 3.44."""
    from qgis.core import QgsProcessingModelAlgorithm
    model = QgsProcessingModelAlgorithm()      # opened from the file, as the Modeler does
    assert model.fromFile(str(MODEL_FILE))
    assert len(model.childAlgorithms()) == 4
    for child_id in model.childAlgorithms():
        valid, issues = model.validateChildAlgorithm(child_id)
        assert valid, (child_id, issues)
    valid, issues = model.validate()
    assert valid, issues


def test_every_parameter_of_every_step_is_in_the_model_file(mdi_provider):
    """QGIS 3.22's Modeler shows a step red when a parameter of its algorithm has no source
    in the model file, even one with a default (3.40 accepts it: the test above cannot see
    that there); so every non-output parameter of each step is set in the file."""
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL_FILE))
    registry = QgsApplication.processingRegistry()
    for child_id, child in model.childAlgorithms().items():
        algorithm = registry.algorithmById(child.algorithmId())
        wanted = {p.name() for p in algorithm.parameterDefinitions()
                  if not p.isDestination()}
        missing = wanted - set(child.parameterSources())
        assert not missing, (child_id, sorted(missing))


def test_model_from_domain_scores_with_region_polygons_and_default_region_field(
        mdi_provider, gemeenten_mdi, tmp_path):
    """Start from domain scores (mdi_<domain>, Compute from = Domain scores) and aggregate by
    region polygons; then by the default region field (regioveld omitted): same regions."""
    from qgis import processing
    polygons = tmp_path / "corop.gpkg"
    processing.run("native:dissolve", {"INPUT": gemeenten_mdi, "FIELD": ["coropcode"],
                                       "OUTPUT": str(polygons)})
    by_polygons, by_field = tmp_path / "reg_vlak.gpkg", tmp_path / "reg_veld.gpkg"
    zone_csv = MODEL_FILE.parent.parent / "sample_data" / "zones_voorbeeld.csv"
    common = {"indicatoren": gemeenten_mdi, "berekenen_uit": 1, "jaarveld": "jaar",
              "zonetabel": str(zone_csv), "drempel": 50,
              "indelen:gemeenten_mdi": str(tmp_path / "gem.gpkg")}
    processing.run(MODEL, dict(common, regiogrenzen=str(polygons),
                               **{"markeren:regios_mdi": str(by_polygons)}))
    gemeenten = rows(tmp_path / "gem.gpkg")
    processing.run(MODEL, dict(common, **{"indelen:gemeenten_mdi": str(tmp_path / "g2.gpkg"),
                                          "markeren:regios_mdi": str(by_field)}))
    check_chain(gemeenten, rows(by_field), zone_table(zone_csv))
    mdi_by_region = {(r["coropcode"], r["jaar"]): r["mdi"] for r in rows(by_field)}
    polygon_rows = rows(by_polygons)
    assert len(polygon_rows) == len(mdi_by_region)
    for region in polygon_rows:
        assert region["mdi"] == pytest.approx(mdi_by_region[(region["coropcode"],
                                                             region["jaar"])], abs=1e-9)


def test_focus_region_log_counts_regions_per_year(mdi_provider, sample_gpkg, repo_root,
                                                  tmp_path):
    """The log counts regions (not rows) and says per year: a long-format region layer has
    one row per region and year."""
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushInfo(self, info):  # noqa: N802 - QGIS API
            self.lines.append(info)
            super().pushInfo(info)

    zones = repo_root / "resources" / "sample_data" / "zones_voorbeeld.csv"
    regions_out = tmp_path / "reg.gpkg"
    log = Log()
    processing.run(MODEL, model_parameters(sample_gpkg, zones, tmp_path / "gem.gpkg",
                                           regions_out), feedback=log)
    expected = defaultdict(lambda: [set(), set()])
    for row in rows(regions_out):
        expected[row["jaar"]][1].add(row["coropcode"])
        if row["focusregio"] == 1:
            expected[row["jaar"]][0].add(row["coropcode"])
    assert len(expected) > 1
    line = next(text for text in log.lines if text.startswith("Focus regions"))
    assert line == "Focus regions (peripheral, MDI >= threshold) per year: {}.".format(
        ", ".join("{}: {} of {}".format(year, len(focus), len(regions))
                  for year, (focus, regions) in sorted(expected.items())))
