"""The "MDI maps" dock never spoils a user's layer: it starts on layers and fields holding MDI
values (never on `fid`), keeps the user's style in the layer's style manager, leaves the
user's layer where it is, lets the user pick the year field and passes a subtitle."""

from qgis.core import (QgsFillSymbol, QgsProject, QgsRuleBasedRenderer,
                       QgsSingleSymbolRenderer)

from map_helpers import artifact, grid_layer
from test_dock import (FakeIface, clean_settings, dock, flush_deletes,  # noqa: F401
                       sample_layers)

from mdi_plugin.styling.renderers import legend_entries

USER_COLOUR = "#12ab34"


def corop_layer(name="COROP 2023"):
    """A region layer as the user has it: an integer `fid`, codes and the user's style."""
    layer = grid_layer([[1, "CR01", "Oost-Groningen"], [2, "CR02", "Delfzijl en omgeving"]],
                       [("fid", "integer"), ("statcode", "string"), ("statnaam", "string")],
                       name, columns=2, size=4000.0)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": USER_COLOUR})))
    return layer


def new_dock(qgis_iface):
    from mdi_plugin.gui.dock import MdiDockWidget
    return MdiDockWidget(FakeIface(qgis_iface))


def user_colour(layer):
    renderer = layer.renderer()
    return isinstance(renderer, QgsSingleSymbolRenderer) and \
        renderer.symbol().color().name() == USER_COLOUR


def test_dock_starts_on_the_mdi_layer_not_the_first_or_selected_one(
        qgis_iface, qgis_new_project, clean_settings):  # noqa: F811
    project = QgsProject.instance()
    corop = corop_layer()
    project.addMapLayer(corop)
    qgis_iface.setActiveLayer(corop)
    gemeenten, _buurten, _regions, _values = sample_layers(project)
    widget = new_dock(qgis_iface)
    try:
        assert widget.gemeenteLayerCombo.currentLayer() is gemeenten
        assert widget.fieldCombo.currentText() == "mdi"
    finally:
        widget.deleteLater()
        flush_deletes()


def test_without_mdi_layers_nothing_is_preselected_and_fid_never(
        qgis_iface, qgis_new_project, clean_settings):  # noqa: F811
    corop = corop_layer()
    QgsProject.instance().addMapLayer(corop)
    widget = new_dock(qgis_iface)
    try:
        assert widget.gemeenteLayerCombo.currentLayer() is None
        widget.gemeenteLayerCombo.setLayer(corop)     # the user chooses it anyway
        fields = [widget.fieldCombo.itemText(i) for i in range(widget.fieldCombo.count())]
        assert "fid" not in fields and widget.fieldCombo.currentText() == ""
        assert widget.apply_classes() == {}
        assert user_colour(corop)
    finally:
        widget.deleteLater()
        flush_deletes()


def test_apply_classes_adds_a_named_style_and_the_user_can_switch_back(dock):  # noqa: F811
    gemeenten, _buurten, _regions, _values = sample_layers(QgsProject.instance())
    gemeenten.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": USER_COLOUR})))
    manager = gemeenten.styleManager()
    user_style = manager.currentStyle()
    dock.gemeenteLayerCombo.setLayer(gemeenten)
    assert dock.apply_classes()
    assert manager.currentStyle() == "MDI classes"
    assert sorted(manager.styles()) == sorted([user_style, "MDI classes"])
    assert isinstance(gemeenten.renderer(), QgsRuleBasedRenderer)
    dock.apply_classes()                          # again: the same named style, no third one
    assert len(manager.styles()) == 2
    manager.setCurrentStyle(user_style)           # what the user does in the Styles panel
    assert user_colour(gemeenten)
    assert not gemeenten.customProperty("mdi/style")
    manager.setCurrentStyle("MDI classes")
    assert isinstance(gemeenten.renderer(), QgsRuleBasedRenderer)


def test_a_failed_apply_leaves_the_users_style_current(dock):  # noqa: F811
    layer = grid_layer([["x"], [None]], [("mdi", "string")], "Tekst")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": USER_COLOUR})))
    QgsProject.instance().addMapLayer(layer)
    from mdi_plugin.styling.classes import QUARTILES
    dock.gemeenteLayerCombo.setLayer(layer)
    dock.fieldCombo.addItem("mdi")            # a text field is no numeric field: forced
    dock.fieldCombo.setCurrentText("mdi")
    dock.set_scheme(QUARTILES)                # quartiles of no numbers cannot be computed
    assert dock.apply_classes() == {}
    assert layer.styleManager().styles() == [layer.styleManager().currentStyle()]
    assert user_colour(layer)


def test_draw_zones_keeps_the_users_style_and_place(dock):  # noqa: F811
    project = QgsProject.instance()
    corop = corop_layer()
    group = project.layerTreeRoot().addGroup("Mijn grenzen")
    project.addMapLayer(corop, False)
    group.addLayer(corop)
    manager = corop.styleManager()
    user_style = manager.currentStyle()
    dock.zoneLayerCombo.setLayer(corop)
    found = dock.draw_zones()
    assert found is not None and found["unknown"] == []
    assert manager.currentStyle() == "MDI zones"
    assert corop.labelsEnabled()
    assert project.layerTreeRoot().findLayer(corop.id()).parent() is group
    assert project.layerTreeRoot().findGroup("MDI-zones") is None
    manager.setCurrentStyle(user_style)
    assert user_colour(corop) and not corop.labelsEnabled()


def test_the_user_picks_the_year_field(dock):  # noqa: F811
    layer = grid_layer([[30.0, 2021], [70.0, 2022], [55.0, 2022]],
                       [("mdi", "double"), ("periode", "integer")], "Periodes", columns=3)
    QgsProject.instance().addMapLayer(layer)
    dock.gemeenteLayerCombo.setLayer(layer)
    assert not dock.yearCombo.isEnabled()                       # 'periode' is no known name
    choices = [dock.yearFieldCombo.itemData(i) for i in range(dock.yearFieldCombo.count())]
    assert choices == ["", "periode"]
    dock.yearFieldCombo.setCurrentIndex(1)
    dock.yearFieldCombo.activated.emit(1)                       # as a user's click does
    assert [dock.yearCombo.itemData(i) for i in range(dock.yearCombo.count())] == [2022, 2021]
    assert [dock.fieldCombo.itemText(i) for i in range(dock.fieldCombo.count())] == ["mdi"]
    dock.apply_classes()
    entries = legend_entries(layer.renderer())
    assert entries and all('"periode" = 2022' in expression for _l, expression, _c in entries)
    dock.save_state()
    from mdi_plugin.gui.dock import MdiDockWidget
    again = MdiDockWidget(None)
    try:
        again.gemeenteLayerCombo.setLayer(layer)
        assert again.yearFieldCombo.currentData() == "periode"
    finally:
        again.deleteLater()


def test_the_subtitle_goes_under_the_title(dock):  # noqa: F811
    gemeenten, _buurten, _regions, _values = sample_layers(QgsProject.instance())
    dock.gemeenteLayerCombo.setLayer(gemeenten)
    dock.apply_classes()
    dock.titleEdit.setText("Testkaart")
    dock.subtitleEdit.setText("Gemeenten 2023, fictieve scores")
    dock.dpiSpin.setValue(50)
    layout, _files = dock.export(png=str(artifact("dock_subtitle.png")))
    assert layout.itemById("ondertitel").text() == "Gemeenten 2023, fictieve scores"


def test_menu_copies_the_model_into_the_users_models_folder(qgis_iface, qgis_new_project,
                                                            clean_settings,  # noqa: F811
                                                            monkeypatch, tmp_path):
    from qgis.core import QgsProcessingModelAlgorithm, QgsSettings
    from mdi_plugin.plugin import MdiPlugin
    folder = tmp_path / "mijn modellen"
    previous = QgsSettings().value("Processing/Configuration/MODELS_FOLDER")
    QgsSettings().setValue("Processing/Configuration/MODELS_FOLDER", str(folder))
    monkeypatch.setattr(MdiPlugin, "initProcessing", lambda self: None)
    plugin = MdiPlugin(FakeIface(qgis_iface))
    plugin.initGui()
    try:
        first = plugin.copy_model()
        (folder / "mdi_keten.model3").write_text("<!-- the user's edits -->", encoding="utf-8")
        second = plugin.copy_model()
        assert first == str(folder / "mdi_keten.model3")
        assert second == str(folder / "mdi_keten_2.model3")
        assert (folder / "mdi_keten.model3").read_text(encoding="utf-8").startswith("<!--")
        model = QgsProcessingModelAlgorithm()
        assert model.fromFile(second)
        assert model.name() == "MDI chain (compute, classify, aggregate, focus regions)"
        assert len(model.childAlgorithms()) == 4
    finally:
        plugin.unload()
        flush_deletes()
        if previous is None:
            QgsSettings().remove("Processing/Configuration/MODELS_FOLDER")
        else:
            QgsSettings().setValue("Processing/Configuration/MODELS_FOLDER", previous)
