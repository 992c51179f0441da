"""Hostile outputs, formats that shorten field names: a Shapefile keeps 10 characters of a
field name (``mdi_inkomen`` -> ``mdi_inkome``) and renames names that then collide. Every
file output says which fields change and how (processing/field_limits.py), and the next
steps recognise the MDI fields under their cut names (core.fieldnames.find_shortened) or
say which are missing."""

import pytest
from qgis.core import QgsVectorLayer

from mdi_plugin.core.aggregate import class_field_of, default_field_lookup
from mdi_plugin.core.fieldnames import find_shortened
from mdi_plugin.core.spec import load_spec
from mdi_plugin.processing.field_limits import output_driver, renamed_fields
from mdi_safety_helpers import column, layer_rows, memory_layer
from mdi_test_helpers import LogFeedback
from mdi_test_helpers import run_algorithm as run

SPEC = load_spec()
DOMAIN_FIELDS = ["mdi_" + d for d in SPEC.domain_ids]


def computed_shapefile(sample_gpkg, path, feedback=None):
    run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                           "YEAR_FIELD": "jaar", "OUTPUT": str(path)}, feedback)
    return str(path)


def test_a_chain_through_shapefiles_aggregates_every_domain(mdi_provider, sample_gpkg,
                                                            tmp_path):
    """computemdi -> Shapefile -> aggregatetoregions: mdi and all seven domains (before:
    only mdi and mdi_werk, the one domain name of at most 10 characters)."""
    feedback = LogFeedback()
    shapefile = computed_shapefile(sample_gpkg, tmp_path / "gemeenten.shp", feedback)
    warning = next(w for w in feedback.warnings if "does not keep every field name" in w)
    assert "ESRI Shapefile" in warning and "'mdi_inkomen' -> 'mdi_inkome'" in warning and \
        "'mdi_woonomgeving' -> 'mdi_woonom'" in warning and "'mdi_werk'" not in warning
    written = QgsVectorLayer(shapefile, "g", "ogr").fields().names()
    assert "mdi_inkome" in written and "mdi_inkomen" not in written

    feedback = LogFeedback()
    regions = run("mdi:aggregatetoregions", {"INPUT": shapefile, "REGION_FIELD": "coropcode",
                                             "YEAR_FIELD": "jaar"}, feedback)["OUTPUT"]
    names = regions.fields().names()
    assert "mdi" in names and all(f[:10] in names for f in DOMAIN_FIELDS), names
    assert any("mdi_inkome = mdi_inkomen" in line for line in feedback.infos)
    # the same numbers as the chain through a GeoPackage
    reference = run("mdi:aggregatetoregions", {
        "INPUT": run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                                        "YEAR_FIELD": "jaar"})["OUTPUT"],
        "REGION_FIELD": "coropcode", "YEAR_FIELD": "jaar"})["OUTPUT"]
    for field in DOMAIN_FIELDS:
        assert column(regions, field[:10]) == pytest.approx(column(reference, field)), field


def test_mode_domains_reads_the_cut_domain_fields(mdi_provider, sample_gpkg, tmp_path):
    """computemdi MODE=1 (from domain scores) on its own Shapefile output: same MDI."""
    shapefile = computed_shapefile(sample_gpkg, tmp_path / "gemeenten.shp")
    feedback = LogFeedback()
    again = run("mdi:computemdi", {"INPUT": shapefile, "MODE": 1, "YEAR_FIELD": "jaar"},
                feedback)["OUTPUT"]
    assert column(again, "mdi") == pytest.approx(column(
        QgsVectorLayer(shapefile, "g", "ogr"), "mdi"))
    assert any("cut to 10 characters" in w and "mdi_inkome = mdi_inkomen" in w
               for w in feedback.warnings)


def test_domain_profile_and_change_find_the_cut_fields(mdi_provider, sample_gpkg, tmp_path):
    shapefile = computed_shapefile(sample_gpkg, tmp_path / "gemeenten.shp")
    result = run("mdi:domainprofile", {"INPUT": shapefile, "REGION_FIELD": "coropcode",
                                       "YEAR_FIELD": "jaar", "YEAR": 2023,
                                       "OUTPUT_FOLDER": str(tmp_path / "charts")},
                 outputs=("OUTPUT", "OUTPUT_REGIONS"))
    assert {row["domein"] for row in layer_rows(result["OUTPUT"])} == set(SPEC.domain_ids)
    change = run("mdi:changeovertime", {"INPUT": shapefile, "ID_FIELD": "gemeenteco"})
    names = change["OUTPUT"].fields().names()
    assert all("verschil_" + f[:10] in names for f in DOMAIN_FIELDS), names


def test_missing_domain_fields_are_named_when_fields_is_empty(mdi_provider):
    """Two long names that collide in a Shapefile get renamed ('mdi_inko_1'): no step can
    know what they were, so the log says which domains it did not find."""
    layer = memory_layer(["coropcode:string", "mdi:double", "mdi_inkome:double",
                          "mdi_werk:double", "mdi_inko_1:double"],
                         [["CR01", 50.0, 40.0, 30.0, 20.0]])
    feedback = LogFeedback()
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "coropcode"},
              feedback)["OUTPUT"]
    assert out.fields().names()[1:4] == ["mdi", "mdi_inkome", "mdi_werk"]
    warning = next(w for w in feedback.warnings if "FIELDS is empty" in w)
    assert "mdi_gezondheid" in warning and "mdi_inkomen" not in warning and \
        "mdi_inko_1" in warning


def test_formats_that_keep_every_name_say_nothing(mdi_provider, tmp_path):
    layer = memory_layer(["coropcode:string", "mdi:double"], [["CR01", 50.0]])
    for path in (tmp_path / "a.gpkg", tmp_path / "b.csv", "memory:"):
        feedback = LogFeedback()
        run("mdi:classifyquartiles", {"INPUT": layer, "OUTPUT": str(path)}, feedback)
        assert not any("field name" in w for w in feedback.warnings), path


def test_renamed_fields_asks_gdal_in_the_output_order():
    assert output_driver("/x/out.shp") == "ESRI Shapefile"
    assert output_driver("C:\\data\\uit.SHP") == "ESRI Shapefile"        # Windows, any case
    assert output_driver("/x/out.gpkg|layername=a") == "GPKG"
    assert output_driver("memory:") is None and output_driver("postgres://db") is None
    assert renamed_fields("ESRI Shapefile", ["mdi", "mdi_klasse", "mdi_klasse_label"]) == \
        [("mdi_klasse_label", "mdi_klas_1")]
    assert renamed_fields("ESRI Shapefile", ["mdi_klasse_label", "mdi_klasse"]) == \
        [("mdi_klasse_label", "mdi_klasse"), ("mdi_klasse", "mdi_klas_1")]
    assert renamed_fields("GPKG", ["mdi_woonomgeving"]) == []


def test_find_shortened_never_takes_a_field_for_another():
    available = ["mdi", "mdi_inkome", "mdi_werk", "MDI_GEZOND"]
    assert find_shortened("mdi_inkomen", available) == "mdi_inkome"
    assert find_shortened("mdi_gezondheid", available) == "MDI_GEZOND"
    assert find_shortened("mdi_opleiding", available) is None
    assert find_shortened("mdi_inkomen", available, taken=["mdi_inkome"]) is None
    assert class_field_of("mdi_inkome", available + ["mdi_klasse"]) is None
    assert class_field_of("mdi", available + ["mdi_klasse"]) == "mdi_klasse"
    found, missing = default_field_lookup(SPEC, available)
    assert found == ["mdi", "mdi_inkome", "mdi_werk", "MDI_GEZOND"]
    assert missing == [f for f in DOMAIN_FIELDS if f[:10].lower() not in
                       {a.lower() for a in available}]
