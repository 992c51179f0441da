"""mdi:downloadopendata through qgis_process, as a command-line user runs it, against the
local stand-in server (environment variables MDI_CBS_ODATA_URL, ...), and mdi:computemdi
on its output with the spec it wrote: one gemeente's buurten get the scores they get in
the national run."""

import json
import math

import pytest
from qgis.core import QgsVectorLayer

from opendata_server import OpenDataServer

pytestmark = pytest.mark.qgis_process


def run_json(qgis_process, algorithm, *params, env=None):
    result = qgis_process("run", algorithm, "--json", "--", *params, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout[result.stdout.index("{"):])


def scores(path):
    layer = QgsVectorLayer(str(path), "mdi", "ogr")
    assert layer.isValid(), path
    return {f["buurtcode"]: (math.nan if f["mdi"] is None or str(f["mdi"]) == "NULL"
                             else float(f["mdi"])) for f in layer.getFeatures()}


def test_download_then_compute_a_gemeente_as_in_the_national_run(qgis_process, tmp_path):
    with OpenDataServer() as server:
        env = server.environment()
        computed = {}
        for name, gemeenten in (("nederland", ""), ("aa_en_hunze", "1680")):
            out, mdi = tmp_path / (name + ".gpkg"), tmp_path / (name + "_mdi.gpkg")
            download = run_json(qgis_process, "mdi:downloadopendata", "YEARS=2024",
                                "LEVEL=2", "SOURCES=0,3",
                                "GEMEENTEN=" + gemeenten, "GEOMETRY=true",
                                "OUTPUT={}".format(out), env=env)
            spec = download["results"]["SPEC"]
            assert spec == str(tmp_path / (name + "_spec.json"))
            assert download["results"]["N_INDICATORS"] == 3
            log = json.dumps(download)
            assert "Compute the MDI of this layer with the spec" in log
            run_json(qgis_process, "mdi:computemdi", "INPUT={}".format(out),
                     "SPEC={}".format(spec), "YEAR_FIELD=jaar", "OUTPUT={}".format(mdi))
            computed[name] = scores(mdi)
        hits = list(server.hits)
    national, one = computed["nederland"], computed["aa_en_hunze"]
    assert set(one) == {c for c in national if c.startswith("BU1680")}
    assert any(not math.isnan(v) for v in one.values())
    for code, value in one.items():
        assert value == pytest.approx(national[code], nan_ok=True), code
    # the second run in the same profile read the tables from its cache
    assert len([h for h in hits if "/85984NED/TypedDataSet" in h]) == 1
    assert any("FILTER=" in h and "GM1680" in h for h in hits)   # PDOK per gemeente
