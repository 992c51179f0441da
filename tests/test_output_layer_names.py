"""Output layers load under the name of their file or GeoPackage layer, not the parameter's
label ("MDI", "Ingedeeld"), and a zone overlay loads above the other outputs (issue #15)."""

from qgis import processing
from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition, QgsProject

from mdi_plugin.processing.layer_names import OVERLAY_SORT_KEY


def loaded(context):
    """{output id: (name, forceName, sort key or None)} of the layers QGIS will load."""
    return {key: (d.name, d.forceName, getattr(d, "layerSortKey", None))
            for key, d in context.layersToLoadOnCompletion().items()}


def run_loading(algorithm, parameters, output):
    """Run with OUTPUT ``output`` to be loaded into the project (as the dialog does)."""
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    parameters["OUTPUT"] = QgsProcessingOutputLayerDefinition(output, QgsProject.instance())
    result = processing.run(algorithm, parameters, context=context)
    return result, loaded(context)


def test_a_file_output_loads_under_its_file_or_layer_name(mdi_provider, sample_gpkg,
                                                          tmp_path):
    gemeenten = "{}|layername=gemeenten".format(sample_gpkg)
    result, layers = run_loading("mdi:computemdi", {"INPUT": gemeenten},
                                 str(tmp_path / "gemeenten_2023.gpkg"))
    assert [v[:2] for v in layers.values()] == [("gemeenten_2023", True)]
    target = "ogr:dbname='{}' table=\"klassen_mdi\" (geom)".format(tmp_path / "uit.gpkg")
    result, layers = run_loading("mdi:classifyquartiles", {"INPUT": result["OUTPUT"]},
                                 target)
    assert [v[0] for v in layers.values()] == ["klassen_mdi"]


def test_a_temporary_output_is_named_after_the_input(mdi_provider, sample_gpkg):
    gemeenten = "{}|layername=gemeenten".format(sample_gpkg)
    _, layers = run_loading("mdi:computemdi", {"INPUT": gemeenten}, "TEMPORARY_OUTPUT")
    assert [v[0] for v in layers.values()] == ["gemeenten \u2013 MDI"]


def test_the_zone_overlay_loads_above_the_choropleth(mdi_provider, gemeenten_mdi, tmp_path):
    _, layers = run_loading("mdi:flagperiphery", {"INPUT": gemeenten_mdi},
                            str(tmp_path / "zones.gpkg"))
    (name, forced, key), = layers.values()
    assert name == "zones" and forced
    if key is not None:         # QGIS 3.32+: loaded layers are sorted by this key
        assert key == OVERLAY_SORT_KEY > 0
