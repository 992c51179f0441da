"""Styling functions (mdi_plugin.styling) on small memory layers: renderers, zone overlay,
top-N highlight and output styles, checked against the palette and independent
computations."""

import time

import numpy as np
import pytest
from qgis.core import (QgsExpression, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsRuleBasedRenderer)

from map_helpers import grid_layer
from mdi_plugin.core.errors import InputError
from mdi_plugin.styling.classes import CHANGE, FIXED, QUARTILES
from mdi_plugin.styling.outputs import (STYLE_CHANGE, STYLE_CLASSES, STYLE_KLASSE,
                                        STYLE_TOP_N, STYLE_ZONES, apply_output_style)
from mdi_plugin.styling.palette import load_palette
from mdi_plugin.styling.renderers import (PROP_FIELD, PROP_SCHEME, PROP_STYLE, PROP_YEAR,
                                          apply_choropleth, apply_klasse_style,
                                          default_scheme_for, legend_entries,
                                          numeric_fields, years_of)
from mdi_plugin.styling.topn import gemeenten_in_layer, highlight_layer, top_n_features
from mdi_plugin.styling.zones import apply_zone_overlay, zone_expression

PALETTE = load_palette()
REPORT_LABELS = ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                 "Zeer hoog (\u2265 60)", "Geen gegevens"]


def gemeenten(values, years=None):
    fields = [("gemeentecode", "string"), ("gemeentenaam", "string"), ("mdi", "double"),
              ("mdi_inkomen", "double"), ("inwoners", "integer")]
    if years is not None:
        fields.append(("jaar", "integer"))
    rows = []
    for k, value in enumerate(values):
        row = ["GM{:04d}".format(9001 + k), "Plaats {}".format(k), value,
               None if value is None else value / 2, 1000 * (k + 1)]
        if years is not None:
            row.append(years[k])
        rows.append(row)
    return grid_layer(rows, fields, "gemeenten")


def evaluate(expression, layer):
    """{feature id: bool} of a filter expression over a layer (QGIS evaluates it)."""
    parsed = QgsExpression(expression)
    assert not parsed.hasParserError(), (expression, parsed.parserErrorString())
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    result = {}
    for feature in layer.getFeatures():
        context.setFeature(feature)
        result[feature.id()] = bool(parsed.evaluate(context))
    return result


def test_report_classes_rules_labels_colours_and_null_class():
    values = [12.0, 40.0, 49.9, 50.0, 60.0, 88.0, None]
    layer = gemeenten(values)
    scheme = apply_choropleth(layer, "mdi", FIXED)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer)
    entries = legend_entries(renderer)
    assert [e[0] for e in entries] == REPORT_LABELS
    assert [e[2] for e in entries] == list(PALETTE.sequential) + [PALETTE.no_data_fill]
    # the no-data symbol carries the hatch as second symbol layer
    no_data = renderer.rootRule().children()[-1].symbol()
    assert no_data.symbolLayerCount() == 2
    assert no_data.symbolLayer(1).subSymbol().color().name() == PALETTE.no_data_hatch
    # every feature matches exactly one rule, and the right one (QGIS evaluates the filters)
    expected = {f.id(): scheme.class_of(None if f["mdi"] is None or str(f["mdi"]) == "NULL"
                                        else f["mdi"]).label
                for f in layer.getFeatures()}
    matches = {fid: [] for fid in expected}
    for label, expression, _color in entries:
        for fid, hit in evaluate(expression, layer).items():
            if hit:
                matches[fid].append(label)
    assert matches == {fid: [label] for fid, label in expected.items()}
    by_value = {v: expected[f.id()] for v, f in zip(values, layer.getFeatures())}
    assert by_value[50.0].startswith("Hoog") and by_value[40.0].startswith("Gematigd")
    assert by_value[None] == "Geen gegevens"
    assert layer.customProperty(PROP_STYLE) == "choropleth"
    assert layer.customProperty(PROP_SCHEME) == FIXED
    assert layer.customProperty(PROP_FIELD) == "mdi"


def test_quartile_classes_come_from_the_chosen_year_only():
    rng = np.random.default_rng(8)
    values = rng.uniform(20, 80, 40).round(2).tolist()
    years = [2019] * 20 + [2023] * 20
    layer = gemeenten(values, years)
    scheme = apply_choropleth(layer, "mdi", QUARTILES, year=2023)
    expected = np.percentile(values[20:], [25, 50, 75])
    assert scheme.breaks == pytest.approx(tuple(expected))
    assert layer.customProperty(PROP_YEAR) == 2023
    # features of 2019 match no rule, so they are not drawn
    for label, expression, _color in legend_entries(layer.renderer()):
        hits = evaluate(expression, layer)
        assert not any(hits[f.id()] for f in layer.getFeatures() if f["jaar"] == 2019), label


def test_change_scheme_for_difference_fields():
    layer = grid_layer([[-8.0], [-2.0], [0.3], [1.0], [7.5], [None]],
                       [("verschil_mdi", "double")])
    assert default_scheme_for(layer, "verschil_mdi") == CHANGE
    scheme = apply_choropleth(layer, "verschil_mdi", CHANGE)
    assert [e[2] for e in legend_entries(layer.renderer())] == \
        list(PALETTE.diverging) + [PALETTE.no_data_fill]
    labels = [scheme.class_of(f["verschil_mdi"] if f["verschil_mdi"] is not None and
                              str(f["verschil_mdi"]) != "NULL" else None).label.split(" (")[0]
              for f in layer.getFeatures()]
    assert labels == ["Sterk verbeterd", "Verbeterd", "Nauwelijks veranderd", "Verslechterd",
                      "Sterk verslechterd", "Geen gegevens"]


def test_styling_errors_name_the_problem():
    layer = gemeenten([None, None, None])
    with pytest.raises(ValueError, match="no field 'onbekend'"):
        apply_choropleth(layer, "onbekend", FIXED)
    with pytest.raises(InputError):
        apply_choropleth(layer, "mdi", QUARTILES)
    with pytest.raises(ValueError, match="no year field"):
        apply_choropleth(layer, "mdi", FIXED, year=2023)


def test_field_and_year_helpers():
    layer = gemeenten([50.0, 51.0], [2014, 2023])
    assert numeric_fields(layer) == ["mdi", "mdi_inkomen", "inwoners"]
    assert years_of(layer) == [2014, 2023]
    buurten = grid_layer([["BU90010101", 3.0]], [("buurtcode", "string"), ("mdi", "double")])
    assert default_scheme_for(buurten) == QUARTILES
    assert default_scheme_for(layer) == FIXED


def test_klasse_style_uses_the_class_field_and_its_labels():
    layer = grid_layer([[1, "Laag"], [2, "Gematigd"], [3, "Hoog"], [4, "Zeer hoog"],
                        [None, "Geen gegevens"]],
                       [("mdi_klasse", "integer"), ("mdi_klasse_label", "string")])
    assert apply_klasse_style(layer) == "mdi_klasse"
    entries = legend_entries(layer.renderer())
    assert [e[0] for e in entries] == ["Laag", "Gematigd", "Hoog", "Zeer hoog",
                                       "Geen gegevens"]
    assert [e[2] for e in entries] == list(PALETTE.sequential) + [PALETTE.no_data_fill]


def regions(zones, focus=None, mdi=None, codes=None):
    fields = [("coropcode", "string"), ("coropnaam", "string")]
    if zones is not None:
        fields.append(("zone", "string"))
    if focus is not None:
        fields.append(("focusregio", "integer"))
    if mdi is not None:
        fields.append(("mdi", "double"))
    rows = []
    for k in range(len(codes or zones)):
        row = [(codes or ["CR{:02d}".format(91 + k) for _ in zones])[k], "Regio {}".format(k)]
        row += [zones[k]] if zones is not None else []
        row += [focus[k]] if focus is not None else []
        row += [mdi[k]] if mdi is not None else []
        rows.append(row)
    return grid_layer(rows, fields, "regios", columns=4, gap=500.0)


def rule_hits(layer):
    """{rule label: sorted region names matched}."""
    hits = {}
    names = {f.id(): f["coropnaam"] for f in layer.getFeatures()}
    for label, expression, _color in legend_entries(layer.renderer()):
        hits[label] = sorted(names[fid] for fid, hit in evaluate(expression, layer).items()
                             if hit)
    return hits


def test_zone_overlay_from_flagperiphery_output():
    layer = regions(["kern", "intermediair", "perifeer", "perifeer", None],
                    focus=[0, 0, 1, 0, None])
    found = apply_zone_overlay(layer)
    assert found == {"focus": True, "unknown": [], "name_field": "coropnaam", "year": None}
    hits = rule_hits(layer)
    assert hits["Kernzone"] == ["Regio 0"]
    assert hits["Intermediaire zone"] == ["Regio 1"]
    assert hits["Perifere zone"] == ["Regio 3"]
    assert hits["Focusregio (perifeer, MDI \u2265 50)"] == ["Regio 2"]
    assert layer.labelsEnabled()
    assert layer.labeling().settings().fieldName == '"coropnaam"'
    # outline only: no fill brush in any symbol layer
    for rule in layer.renderer().rootRule().children():
        for index in range(rule.symbol().symbolLayerCount()):
            assert rule.symbol().symbolLayer(index).brushStyle() == 0  # Qt.NoBrush
    focus = layer.renderer().rootRule().children()[-1].symbol()
    kern = layer.renderer().rootRule().children()[0].symbol()
    assert focus.symbolLayer(focus.symbolLayerCount() - 1).strokeWidth() >= \
        3 * kern.symbolLayer(0).strokeWidth()


def test_zone_overlay_from_codes_and_a_zone_table_with_focus_from_mdi():
    layer = regions(None, mdi=[55.0, 55.0, 45.0, 70.0],
                    codes=["CR01", "17", "cr12", "CR99"])  # perifeer, kern, perifeer, ?
    found = apply_zone_overlay(layer)  # the bundled table of the 40 COROP regions
    assert found["unknown"] == ["CR99"]
    hits = rule_hits(layer)
    assert hits["Kernzone"] == ["Regio 1"]
    assert hits["Perifere zone"] == ["Regio 2"]
    assert hits["Focusregio (perifeer, MDI \u2265 50)"] == ["Regio 0"]
    assert hits["Zone onbekend"] == ["Regio 3"]
    own = apply_zone_overlay(regions(None, codes=["CR99"]), table={"CR99": "kern"})
    assert own["unknown"] == [] and own["focus"] is False


def label_texts(layer):
    label = QgsExpression(layer.labeling().settings().fieldName)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    texts = []
    for feature in layer.getFeatures():
        context.setFeature(feature)
        texts.append(label.evaluate(context))
    return texts


def test_regions_without_a_name_field_are_labelled_from_the_table_or_by_code(tmp_path):
    rows = [["CR91", "kern"], ["CR92", "perifeer"]]
    fields = [("coropcode", "string"), ("zone", "string")]
    table = tmp_path / "zones.csv"
    table.write_text("coropcode;coropnaam;zone\n91;Drosselgouw;kern\n", encoding="utf-8")
    from mdi_plugin.styling.zones import read_region_names
    names = read_region_names(str(table))
    assert names == {"CR91": "Drosselgouw"}
    layer = grid_layer(rows, fields)
    apply_zone_overlay(layer, names=names)
    assert label_texts(layer) == ["Drosselgouw", "CR92"]
    bundled = grid_layer([["CR39", "perifeer"]], fields)
    apply_zone_overlay(bundled)
    assert label_texts(bundled) == ["Zuid-Limburg"]
    apply_zone_overlay(bundled, labels=False)
    assert not bundled.labelsEnabled()


def test_zone_overlay_normalises_zone_spellings_and_rejects_layers_without_zones():
    layer = regions(["Kernzone", "perifere zone", "Intermediaire zone"])
    expression, unknown = zone_expression(layer)
    assert unknown == []
    apply_zone_overlay(layer)
    hits = rule_hits(layer)
    assert hits["Kernzone"] == ["Regio 0"] and hits["Perifere zone"] == ["Regio 1"]
    bare = grid_layer([["x"]], [("naam", "string")])
    with pytest.raises(ValueError, match="zone"):
        apply_zone_overlay(bare)


def test_zone_overlay_of_a_long_format_region_layer_shows_one_year():
    rows = [["CR91", "Noord", "perifeer", 1, 2019], ["CR91", "Noord", "perifeer", 0, 2023],
            ["CR92", "Zuid", "kern", 0, 2019], ["CR92", "Zuid", "kern", 0, 2023]]
    layer = grid_layer(rows, [("coropcode", "string"), ("coropnaam", "string"),
                              ("zone", "string"), ("focusregio", "integer"),
                              ("jaar", "integer")], "regios", columns=4, gap=500.0)
    years = {f.id(): f["jaar"] for f in layer.getFeatures()}

    def drawn(label):
        rule = next(e for e in legend_entries(layer.renderer()) if e[0] == label)
        return sorted((years[fid]) for fid, hit in evaluate(rule[1], layer).items() if hit)
    assert apply_zone_overlay(layer)["year"] == 2023            # latest by default
    assert drawn("Perifere zone") == [2023] and drawn("Kernzone") == [2023]
    assert drawn("Focusregio (perifeer, MDI \u2265 50)") == []
    assert apply_zone_overlay(layer, year=2019)["year"] == 2019
    assert drawn("Focusregio (perifeer, MDI \u2265 50)") == [2019]
    assert [t for t in label_texts(layer) if t] == ["Noord", "Zuid"]   # one label per region
    with pytest.raises(ValueError, match="2014"):
        apply_zone_overlay(layer, year=2014)


def buurten(values, gemeente_codes, years=None):
    fields = [("buurtcode", "string"), ("buurtnaam", "string"), ("gemeentecode", "string"),
              ("gemeentenaam", "string"), ("mdi", "double")]
    if years is not None:
        fields.append(("jaar", "integer"))
    rows = []
    for k, (value, gm) in enumerate(zip(values, gemeente_codes)):
        row = ["BU{}{:04d}".format(gm[2:], k), "Buurt {}".format(k), gm,
               "Gemeente {}".format(gm[2:]), value]
        if years is not None:
            row.append(years[k])
        rows.append(row)
    return grid_layer(rows, fields, "buurten", columns=10)


def test_top_n_features_overall_and_within_a_gemeente():
    rng = np.random.default_rng(21)
    values = rng.uniform(10, 90, 60).round(1)
    values[5] = np.nan
    codes = ["GM9001" if k % 3 else "GM9002" for k in range(60)]
    layer = buurten([None if np.isnan(v) else float(v) for v in values], codes)
    top = top_n_features(layer, "mdi", 10)
    order = np.argsort(-np.nan_to_num(values, nan=-1), kind="stable")[:10]
    assert [row["value"] for row in top] == pytest.approx(values[order].tolist())
    assert [row["rank"] for row in top] == list(range(1, 11))
    in_9002 = [k for k in range(60) if codes[k] == "GM9002"]
    expected = sorted(in_9002, key=lambda k: -values[k])[:4]
    for gemeente in ("GM9002", "9002", "Gemeente 9002"):
        got = top_n_features(layer, "mdi", 4, gemeente=gemeente)
        assert [row["code"] for row in got] == ["BU9002{:04d}".format(k) for k in expected]
    with pytest.raises(ValueError, match="GM1234"):
        top_n_features(layer, "mdi", 4, gemeente="GM1234")
    assert gemeenten_in_layer(layer) == [("GM9001", "Gemeente 9001"), ("GM9002", "Gemeente 9002")]


def test_top_n_of_one_year_and_the_highlight_layer():
    values = [90.0, 10.0, 80.0, 20.0]
    layer = buurten(values, ["GM9001"] * 4, years=[2019, 2023, 2019, 2023])
    top = top_n_features(layer, "mdi", 1, year=2023)
    assert [row["value"] for row in top] == [20.0]
    highlight = highlight_layer(layer, "mdi", 2, year=2019)
    assert highlight.featureCount() == 2
    assert sorted((f["rang"], f["waarde"]) for f in highlight.getFeatures()) == \
        [(1, 90.0), (2, 80.0)]
    assert highlight.customProperty(PROP_STYLE) == "top_n"
    assert highlight.labelsEnabled()
    assert highlight.name() == "Top 2 \u2013 hoogste MDI"
    assert layer.featureCount() == 4  # source untouched


def test_output_styles_by_style_id():
    layer = gemeenten([30.0, 45.0, 55.0, 65.0, None, 41.0], [2019, 2019, 2019, 2023, 2023,
                                                             2023])
    assert apply_output_style(layer, STYLE_CLASSES) == "mdi (report's breaks, 2023)"
    assert [e[0] for e in legend_entries(layer.renderer())] == REPORT_LABELS
    assert all(e[1].startswith('("jaar" = 2023)') for e in legend_entries(layer.renderer()))
    klasse = grid_layer([[1, "Laag"], [4, "Zeer hoog"]],
                        [("mdi_klasse", "integer"), ("mdi_klasse_label", "string")])
    apply_output_style(klasse, STYLE_KLASSE)
    assert legend_entries(klasse.renderer())[3][0] == "Zeer hoog"
    zones = regions(["kern", "perifeer"], focus=[0, 1])
    assert apply_output_style(zones, STYLE_ZONES) == "zones"
    change = grid_layer([[1.0, 2.0]], [("mdi_2014", "double"), ("verschil_mdi", "double")])
    assert apply_output_style(change, STYLE_CHANGE) == "verschil_mdi (change)"
    ranked = grid_layer([[70.0, 1, 1], [20.0, 2, 0]],
                        [("mdi", "double"), ("rang", "integer"), ("top_n", "integer")])
    apply_output_style(ranked, STYLE_TOP_N)
    entries = legend_entries(ranked.renderer())
    assert entries[-1][1] == '"top_n" = 1'
    outline = ranked.renderer().rootRule().children()[-1].symbol()
    assert outline.symbolLayer(outline.symbolLayerCount() - 1).strokeColor().name() == \
        PALETTE.highlight.color
    assert "rang" in ranked.labeling().settings().fieldName
    with pytest.raises(ValueError):
        apply_output_style(grid_layer([["a"]], [("naam", "string")]), STYLE_CLASSES)
    with pytest.raises(ValueError):
        apply_output_style(layer, "rainbow")


def test_buurt_outputs_get_quartiles_and_fall_back_to_report_breaks():
    rng = np.random.default_rng(4)
    layer = buurten(rng.uniform(0, 100, 30).tolist(), ["GM9001"] * 30)
    assert apply_output_style(layer, STYLE_CLASSES) == "mdi (quartiles)"
    empty = buurten([None, None], ["GM9001"] * 2)
    assert apply_output_style(empty, STYLE_CLASSES) == "mdi (report's breaks)"


def test_styling_14000_buurten_takes_well_under_a_second():
    rng = np.random.default_rng(14)
    values = rng.uniform(0, 100, 14000)
    layer = grid_layer([["BU{:08d}".format(k), float(v), 2023] for k, v in enumerate(values)],
                       [("buurtcode", "string"), ("mdi", "double"), ("jaar", "integer")],
                       columns=120, size=100.0)
    started = time.perf_counter()
    scheme = apply_choropleth(layer, "mdi", QUARTILES, year=2023)
    elapsed = time.perf_counter() - started
    assert scheme.breaks == pytest.approx(tuple(np.percentile(values, [25, 50, 75])))
    print("styling 14000 buurten (quartiles, one year): {:.3f} s".format(elapsed))
    assert elapsed < 0.5
