"""Hostile inputs, geometry problems: invalid polygons, empty geometries, multipart
geometries, tables without geometry, layers in different CRSs and layers without a CRS."""

import pytest
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry,
                       QgsFeatureRequest, QgsProcessingContext, QgsProcessingException,
                       QgsProject, QgsVectorLayer)

from mdi_plugin.core.spec import load_spec
from mdi_safety_helpers import column, indicator_layer, indicator_table, memory_layer, square
from mdi_test_helpers import LogFeedback, run_algorithm

SPEC = load_spec()
#: A self-intersecting "bow tie": invalid for GEOS.
BOWTIE = "POLYGON((100000 450000, 101000 451000, 101000 450000, 100000 451000, 100000 450000))"
RD, WGS84 = "EPSG:28992", "EPSG:4326"


def strict_context():
    """A context that stops at invalid geometry (QGIS's default setting)."""
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    return context


def run(algorithm, parameters, feedback=None):
    return run_algorithm(algorithm, parameters, feedback, context=strict_context())


def wkb_of(layer):
    return [bytes(f.geometry().asWkb()) if f.hasGeometry() else None
            for f in layer.getFeatures()]


def regions_layer(crs=RD, extra=()):
    rows = [(square(0, 0, 2000), ["CR01"]), (square(1, 0, 2000), ["CR02"])] + list(extra)
    return memory_layer(["coropcode:string"], rows, "Polygon", crs=crs, name="regions")


# --------------------------------------------------------------- invalid polygons

@pytest.mark.parametrize("algorithm", ["computemdi", "classifyquartiles", "flagperiphery",
                                       "joinregiokompas"])
def test_invalid_polygons_are_copied_unchanged(mdi_provider, algorithm):
    """Algorithms that only copy geometry never stop at (or touch) invalid polygons."""
    bowtie = QgsGeometry.fromWkt(BOWTIE)
    assert not bowtie.isGeosValid()
    if algorithm == "computemdi":
        layer = indicator_layer(indicator_table(rows=4), SPEC, geometry="Polygon")
        layer.dataProvider().changeGeometryValues({2: bowtie})
        parameters = {}
    else:
        layer = memory_layer(["gemeentecode:string", "coropcode:string", "mdi:double"],
                             [(bowtie, ["GM0001", "CR01", 55.0]),
                              (square(0, 0), ["GM0002", "CR02", 45.0])], "Polygon")
        parameters = {"REGIOKOMPAS": memory_layer(
            ["gemeentecode:string", "wonen:double"], [["GM0001", 1.0], ["GM0002", 2.0]],
            "None")} if algorithm == "joinregiokompas" else {}
    out = run("mdi:" + algorithm, dict(parameters, INPUT=layer))["OUTPUT"]
    assert wkb_of(out) == wkb_of(layer)


@pytest.mark.parametrize("algorithm, parameters", [
    ("topn", {"N": 1}),
    ("changeovertime", {"ID_FIELD": "gemeentecode", "YEAR_FIELD": "jaar"}),
    ("correlate", {"COMPARE_FIELDS": ["inwoners"], "YEAR_FIELD": "jaar", "YEAR": 2023}),
])
def test_later_algorithms_pass_invalid_polygons(mdi_provider, algorithm, parameters):
    """In QGIS 3.22 a Python loop over getFeatures() crashes when the invalid-geometry
    check stops it; every pass over the input must skip that check."""
    bowtie = QgsGeometry.fromWkt(BOWTIE)
    records = [("GM0001", 2014, 60.0, 1000), ("GM0001", 2023, 55.0, 1100),
               ("GM0002", 2014, 40.0, 2000), ("GM0002", 2023, 45.0, 2100),
               ("GM0003", 2014, 50.0, 3000), ("GM0003", 2023, 42.0, 2900)]
    rows = [(bowtie if record[0] == "GM0001" else square(k, 0), list(record))
            for k, record in enumerate(records)]
    layer = memory_layer(["gemeentecode:string", "jaar:integer", "mdi:double",
                          "inwoners:integer"], rows, "Polygon")
    result = run("mdi:" + algorithm, dict(parameters, INPUT=layer))
    assert result["OUTPUT"].featureCount() > 0


def test_invalid_region_polygons_are_repaired_with_a_warning(mdi_provider):
    """Before: QGIS's abort inside a Python for loop crashed QGIS 3.22 (segfault)."""
    regions = regions_layer(extra=[(QgsGeometry.fromWkt(BOWTIE.replace("10", "20")),
                                    ["CR03"])])
    units = memory_layer(["buurtcode:string", "mdi:double"],
                         [(square(0, 0), ["BU01", 10.0]), (square(2, 0), ["BU02", 30.0])],
                         "Polygon")
    feedback = LogFeedback()
    result = run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions,
                                            "REGIONS_ID_FIELD": "coropcode"}, feedback)
    assert column(result["OUTPUT"], "mdi") == [10.0, 30.0, None]
    assert any("invalid polygon" in w and "CR03" in w for w in feedback.warnings)
    for _ in range(3):             # and QGIS is still alive after repeated runs
        run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions,
                                       "REGIONS_ID_FIELD": "coropcode"})


def test_invalid_unit_polygons_are_located_and_dissolved(mdi_provider):
    bowtie = QgsGeometry.fromWkt(BOWTIE)
    units = memory_layer(["regio:string", "mdi:double"],
                         [(bowtie, ["R", 20.0]), (square(0, 0), ["R", 10.0]),
                          (square(3, 1), ["S", 40.0])], "Polygon")
    located = run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions_layer(),
                                             "REGIONS_ID_FIELD": "coropcode"})
    assert column(located["OUTPUT"], "mdi") == [15.0, 40.0]
    dissolved = run("mdi:aggregatetoregions", {"INPUT": units, "REGION_FIELD": "regio"})
    shapes = [f.geometry() for f in dissolved["OUTPUT"].getFeatures()]
    assert shapes[0].isGeosValid() and shapes[0].area() == pytest.approx(1000 * 1000)


# --------------------------------------------------------------- empty / no geometry

def test_empty_and_missing_geometries_are_units_in_no_region(mdi_provider):
    units = memory_layer(["buurtcode:string", "mdi:double"],
                         [(square(0, 0), ["BU01", 10.0]), (None, ["BU02", 20.0]),
                          (QgsGeometry.fromWkt("POLYGON EMPTY"), ["BU03", 30.0])], "Polygon")
    feedback = LogFeedback()
    result = run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions_layer(),
                                            "REGIONS_ID_FIELD": "coropcode"}, feedback)
    assert result["N_UNMATCHED"] == 2
    assert any("have no (or an empty) geometry: BU02 (feature 2), BU03 (feature 3)" in w
               for w in feedback.warnings)
    copied = run("mdi:classifyquartiles", {"INPUT": units})["OUTPUT"]
    assert [f.hasGeometry() and not f.geometry().isEmpty()
            for f in copied.getFeatures()] == [True, False, False]


def test_multipart_units(mdi_provider):
    """A multipart unit goes to the region of its point on surface (in its largest part);
    dissolving keeps every part."""
    big = square(0, 0).asPolygon()
    small = square(2.5, 0, 200).asPolygon()
    multi = QgsGeometry.fromMultiPolygonXY([big, small])
    units = memory_layer(["regio:string", "mdi:double"], [(multi, ["R", 20.0])],
                         "MultiPolygon")
    located = run("mdi:aggregatetoregions", {"INPUT": units, "REGIONS": regions_layer(),
                                             "REGIONS_ID_FIELD": "coropcode"})["OUTPUT"]
    assert column(located, "n_eenheden") == [1, 0]
    dissolved = run("mdi:aggregatetoregions", {"INPUT": units,
                                               "REGION_FIELD": "regio"})["OUTPUT"]
    shape = next(dissolved.getFeatures()).geometry()
    assert shape.isMultipart() and len(shape.asMultiPolygon()) == 2


def test_tables_without_geometry(mdi_provider):
    table = indicator_layer(indicator_table(rows=5), SPEC, geometry="None")
    computed = run("mdi:computemdi", {"INPUT": table})["OUTPUT"]
    assert computed.featureCount() == 5 and not computed.isSpatial()
    units = memory_layer(["regio:string", "mdi:double"], [["R", 1.0], ["S", 2.0]], "None")
    message = str(pytest.raises(QgsProcessingException, run, "mdi:aggregatetoregions",
                                {"INPUT": units, "REGIONS": regions_layer(),
                                 "REGIONS_ID_FIELD": "coropcode"}).value)
    assert "table without geometry" in message and "REGION_FIELD" in message
    by_code = run("mdi:aggregatetoregions", {"INPUT": units, "REGION_FIELD": "regio"})
    assert column(by_code["OUTPUT"], "mdi") == [1.0, 2.0]


# --------------------------------------------------------------- CRS

def to_wgs84(geometry):
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(RD),
                                       QgsCoordinateReferenceSystem(WGS84),
                                       QgsProject.instance())
    copy = QgsGeometry(geometry)
    copy.transform(transform)
    return copy


def grid_units(transform=None, crs=RD):
    rows = [(square(c, r), ["BU{}{}".format(c, r), float(10 * c + r)])
            for c in range(4) for r in range(2)]
    if transform:
        rows = [(transform(g), a) for g, a in rows]
    return memory_layer(["buurtcode:string", "mdi:double"], rows, "Polygon", crs=crs)


def test_layers_in_rd_new_and_wgs84_give_the_same_result(mdi_provider):
    same = run("mdi:aggregatetoregions", {"INPUT": grid_units(), "REGIONS": regions_layer(),
                                          "REGIONS_ID_FIELD": "coropcode"})["OUTPUT"]
    mixed = run("mdi:aggregatetoregions", {
        "INPUT": grid_units(to_wgs84, WGS84), "REGIONS": regions_layer(),
        "REGIONS_ID_FIELD": "coropcode"})["OUTPUT"]
    assert column(mixed, "mdi") == column(same, "mdi")
    assert column(mixed, "n_eenheden") == column(same, "n_eenheden") == [4, 4]
    assert mixed.crs().authid() == RD                  # the regions' CRS


def test_layer_without_crs_is_taken_to_be_in_the_other_crs_with_a_warning(mdi_provider,
                                                                          tmp_path):
    feedback = LogFeedback()
    result = run("mdi:aggregatetoregions", {"INPUT": grid_units(crs=None),
                                            "REGIONS": regions_layer(),
                                            "REGIONS_ID_FIELD": "coropcode"}, feedback)
    assert column(result["OUTPUT"], "n_eenheden") == [4, 4]
    assert any("INPUT has no coordinate reference system" in w and RD in w
               for w in feedback.warnings)
    feedback = LogFeedback()
    result = run("mdi:aggregatetoregions", {"INPUT": grid_units(to_wgs84, WGS84),
                                            "REGIONS": regions_layer(crs=None),
                                            "REGIONS_ID_FIELD": "coropcode"}, feedback)
    assert result["N_UNMATCHED"] == 8            # degrees against metres: all outside
    assert any("REGIONS has no coordinate reference system" in w and WGS84 in w
               for w in feedback.warnings)
    result = run("mdi:computemdi", {"INPUT": indicator_layer(indicator_table(rows=3), SPEC,
                                                             crs=None),
                                    "OUTPUT": str(tmp_path / "zonder_crs.gpkg")})
    computed = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert computed.crs().authid() == "" and computed.featureCount() == 3   # "undefined"
