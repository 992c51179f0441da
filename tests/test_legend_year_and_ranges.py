"""Issue #15: the layers panel's legend of an MDI style says which year is drawn (a rule
"2023" above the classes, left out of the printed legend, whose heading carries the year),
and the output of mdi:classifyquartiles shows each class's range in its legend, as the
compute output's does."""

import numpy as np
from qgis import processing
from qgis.core import QgsLayerTreeLayer, QgsProject, QgsRenderContext, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from map_helpers import grid_layer
from mdi_plugin.core.classify import QUARTILE_PERCENTS
from mdi_plugin.styling.classes import FIXED, range_text
from mdi_plugin.styling.layout import legend_labels, load_template, prepare_layout
from mdi_plugin.styling.outputs import STYLE_KLASSE, STYLE_TOP_N, apply_output_style
from mdi_plugin.styling.renderers import (YEAR_RULE_KEY, apply_choropleth, apply_klasse_style,
                                          legend_entries)

REPORT_LABELS = ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                 "Zeer hoog (\u2265 60)", "Geen gegevens"]
NAMES = ["Laag", "Gematigd", "Hoog", "Zeer hoog"]


def long_layer(values, years, extra=None):
    """gemeentecode, jaar, mdi (+ extra fields) in long format."""
    fields = [("gemeentecode", "string"), ("jaar", "integer"), ("mdi", "double")]
    fields += [(name, kind) for name, kind, _values in extra or []]
    rows = []
    for k, (value, year) in enumerate(zip(values, years)):
        rows.append(["GM{:04d}".format(9001 + k), year, value] +
                    [column[k] for _name, _kind, column in extra or []])
    return grid_layer(rows, fields, "lang")


def panel_legend(layer):
    """[(label, has a symbol)] of the layer's legend in the layers panel."""
    nodes = layer.legend().createLayerTreeModelLegendNodes(QgsLayerTreeLayer(layer))
    return [(node.data(Qt.ItemDataRole.DisplayRole), node.symbol() is not None)
            for node in nodes]


def drawn_years(layer):
    """The years of the features the layer's renderer draws."""
    context = QgsRenderContext()
    renderer = layer.renderer().clone()
    renderer.startRender(context, layer.fields())
    years = {f["jaar"] for f in layer.getFeatures() if renderer.willRenderFeature(f, context)}
    renderer.stopRender(context)
    return years


def test_the_layers_panel_legend_names_the_year_drawn():
    layer = long_layer([30.0, 45.0, 55.0, 65.0, None, 41.0],
                       [2019, 2019, 2019, 2023, 2023, 2023])
    apply_choropleth(layer, "mdi", FIXED, year=2023)
    assert panel_legend(layer) == [("2023", False)] + [(label, True) for label in
                                                       REPORT_LABELS]
    assert drawn_years(layer) == {2023}
    assert [e[0] for e in legend_entries(layer.renderer())] == REPORT_LABELS
    apply_choropleth(layer, "mdi", FIXED, year=2019)
    assert panel_legend(layer)[0] == ("2019", False)
    assert drawn_years(layer) == {2019}
    apply_choropleth(layer, "mdi", FIXED)           # no year: no year rule, every feature
    assert panel_legend(layer) == [(label, True) for label in REPORT_LABELS]
    assert drawn_years(layer) == {2019, 2023}


def test_the_klasse_style_and_the_top_n_highlight_name_the_year_too():
    klasse = long_layer([30.0, 65.0, 55.0, 45.0], [2019, 2023, 2023, 2023],
                        [("mdi_klasse", "integer", [1, 4, 3, 2]),
                         ("mdi_klasse_label", "string", ["Laag", "Zeer hoog", "Hoog",
                                                         "Gematigd"])])
    apply_output_style(klasse, STYLE_KLASSE)       # the latest year
    assert [label for label, _symbol in panel_legend(klasse)] == \
        ["2023"] + NAMES + ["Geen gegevens"]
    assert drawn_years(klasse) == {2023}
    ranked = long_layer([70.0, 20.0, 80.0], [2019, 2023, 2023],
                        [("rang", "integer", [1, 2, 1]), ("top_n", "integer", [1, 0, 1])])
    apply_output_style(ranked, STYLE_TOP_N)
    labels = [label for label, _symbol in panel_legend(ranked)]
    assert labels[0] == "2023" and labels[1:6] == REPORT_LABELS
    assert labels[-1] == "Top N (cijfer = rang)"
    assert ranked.renderer().rootRule().children()[0].ruleKey() == YEAR_RULE_KEY


def test_the_printed_legend_keeps_its_headings_without_the_year_rule():
    project = QgsProject()
    layer = long_layer([30.0, 45.0, 55.0, 65.0, None, 41.0],
                       [2019, 2019, 2019, 2023, 2023, 2023])
    project.addMapLayer(layer)
    apply_choropleth(layer, "mdi", FIXED, year=2023)
    layout = load_template(project)
    prepare_layout(layout, [layer])
    # the heading says the year; the "2023" rule of the layers panel is not repeated
    assert legend_labels(layout) == [("MDI 2023", REPORT_LABELS)]


def classified(tmp_path, method, name, breaks=""):
    """Classify a long-format GeoPackage (years 2019 and 2023) with ``method`` into
    ``name``.gpkg; returns (the output opened as a user would, its default style loaded,
    BREAKS_USED, the values of 2023)."""
    rng = np.random.default_rng(7)
    values = [float(v) for v in rng.uniform(30, 70, 24).round(2)]
    years = [2019 if k % 2 else 2023 for k in range(24)]
    source = long_layer(values, years)
    result = processing.run("mdi:classifyquartiles", {
        "INPUT": source, "METHOD": method, "YEAR_FIELD": "jaar", "BREAKS": breaks,
        "OUTPUT": str(tmp_path / (name + ".gpkg"))})
    layer = QgsVectorLayer(result["OUTPUT"], name, "ogr")
    assert layer.isValid()
    layer.loadDefaultStyle()
    return layer, result["BREAKS_USED"], [v for v, y in zip(values, years) if y == 2023]


def ranged(breaks):
    bounds = [None] + list(breaks) + [None]
    return ["{} ({})".format(name, range_text(bounds[k], bounds[k + 1], 1))
            for k, name in enumerate(NAMES)] + ["Geen gegevens"]


def test_classify_output_shows_the_report_ranges_as_the_compute_output(
        mdi_provider, tmp_path):
    layer, breaks_used, _values = classified(tmp_path, 0, "vast")
    assert breaks_used == "40, 50, 60"
    labels = [label for label, _symbol in panel_legend(layer)]
    assert labels == ["2023"] + REPORT_LABELS     # the compute output's legend, same words


def test_classify_output_shows_the_quartile_ranges_of_the_year_drawn(
        mdi_provider, tmp_path):
    layer, breaks_used, values_2023 = classified(tmp_path, 2, "per_jaar")
    quartiles = np.percentile(values_2023, QUARTILE_PERCENTS)
    assert "2023: " in breaks_used and "2019: " in breaks_used
    labels = [label for label, _symbol in panel_legend(layer)]
    assert labels == ["2023"] + ranged(quartiles)
    layer, _breaks, _values = classified(tmp_path, 3, "eigen", "35;45,5;55")
    assert [label for label, _symbol in panel_legend(layer)] == \
        ["2023"] + ranged((35.0, 45.5, 55.0))


def test_a_classified_layer_styled_with_or_without_breaks():
    klasse = grid_layer([[1, "Laag"], [4, "Zeer hoog"]],
                        [("mdi_klasse", "integer"), ("mdi_klasse_label", "string")])
    apply_klasse_style(klasse)
    assert [e[0] for e in legend_entries(klasse.renderer())] == \
        ["Laag", "Klasse 2", "Klasse 3", "Zeer hoog", "Geen gegevens"]
    # with the breaks, classes without features are named too
    apply_klasse_style(klasse, breaks=(40.0, 50.0, 60.0))
    assert [e[0] for e in legend_entries(klasse.renderer())] == REPORT_LABELS
