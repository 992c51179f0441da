"""The "MDI maps" dock and the plugin's GUI wiring, headless (pytest-qgis, offscreen).

FakeIface puts toolbar buttons, menus and docks into pytest-qgis's real QMainWindow (its own
iface only stubs them), so the tests can see what the plugin adds and what unload removes.
"""

import numpy as np
import pytest
from qgis.core import QgsProject, QgsRuleBasedRenderer, QgsSettings
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt, QTranslator
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

from map_helpers import artifact, grid_layer
from mdi_plugin.compat import is_null
from mdi_plugin.plugin import DOCK_VISIBLE_KEY, MdiPlugin
from mdi_plugin.styling.classes import CHANGE, FIXED, QUARTILES
from mdi_plugin.styling.palette import load_palette
from mdi_plugin.styling.renderers import legend_entries

PALETTE = load_palette()
REPORT_LABELS = ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                 "Zeer hoog (\u2265 60)", "Geen gegevens"]


class FakeIface:
    """The parts of QgisInterface the plugin uses, backed by a real main window."""

    def __init__(self, qgis_iface):
        self._iface = qgis_iface
        self.main = qgis_iface.mainWindow()
        self.main.show()  # offscreen: docks are only "visible" in a shown window
        self.toolbar = self.main.findChild(QToolBar, "mdiTestPlugins") or \
            QToolBar("Plugins", self.main)
        self.toolbar.setObjectName("mdiTestPlugins")
        self.menus = {}

    def mainWindow(self):  # noqa: N802 - QGIS API
        return self.main

    def mapCanvas(self):  # noqa: N802 - QGIS API
        return self._iface.mapCanvas()

    def messageBar(self):  # noqa: N802 - QGIS API
        return self._iface.messageBar()

    def layerTreeView(self):  # noqa: N802 - QGIS API
        return None

    def addToolBarIcon(self, action):  # noqa: N802 - QGIS API
        self.toolbar.addAction(action)

    def removeToolBarIcon(self, action):  # noqa: N802 - QGIS API
        self.toolbar.removeAction(action)

    def addPluginToMenu(self, name, action):  # noqa: N802 - QGIS API
        self.menus.setdefault(name, QMenu(name, self.main)).addAction(action)

    def removePluginMenu(self, name, action):  # noqa: N802 - QGIS API
        menu = self.menus[name]
        menu.removeAction(action)
        if not menu.actions():
            menu.deleteLater()
            del self.menus[name]

    def addDockWidget(self, area, dock):  # noqa: N802 - QGIS API
        self.main.addDockWidget(area, dock)

    def removeDockWidget(self, dock):  # noqa: N802 - QGIS API
        self.main.removeDockWidget(dock)


def flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def clean_settings():
    QgsSettings().remove("MDI")
    yield
    QgsSettings().remove("MDI")


@pytest.fixture
def plugin(qgis_iface, qgis_new_project, clean_settings, monkeypatch):
    """MdiPlugin on a FakeIface; Processing is left to the session's mdi provider."""
    monkeypatch.setattr(MdiPlugin, "initProcessing", lambda self: None)
    iface = FakeIface(qgis_iface)
    instance = MdiPlugin(iface)
    yield instance, iface
    instance.unload()
    flush_deletes()


def mdi_docks(main):
    return [d for d in main.findChildren(QDockWidget) if d.objectName() == "MdiDock"]


def test_init_gui_adds_button_and_menu_and_creates_the_dock_lazily(plugin):
    instance, iface = plugin
    instance.initGui()
    assert instance.action in iface.toolbar.actions()
    assert iface.menus["&MDI"].actions() == [instance.action, instance.model_action]
    assert not instance.action.icon().isNull()
    assert "MDI" in instance.action.toolTip()
    assert instance.dock is None and not mdi_docks(iface.main)
    instance.action.trigger()
    dock = instance.dock
    assert dock is not None and dock.isUserVisible()
    assert iface.main.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    instance.action.trigger()
    assert not dock.isUserVisible() and not instance.action.isChecked()


def test_unload_removes_everything(plugin):
    instance, iface = plugin
    instance.initGui()
    instance.action.trigger()
    dock, action = instance.dock, instance.action
    instance.unload()
    flush_deletes()
    assert action not in iface.toolbar.actions()
    assert "&MDI" not in iface.menus
    assert instance.dock is None and instance.action is None
    assert sip.isdeleted(dock)
    assert not mdi_docks(iface.main)
    from mdi_plugin.styling.outputs import live_post_processors
    assert live_post_processors() == 0


def test_dock_visibility_is_remembered_between_sessions(plugin, qgis_iface):
    instance, iface = plugin
    instance.initGui()
    instance.action.trigger()
    instance.unload()
    flush_deletes()
    assert QgsSettings().value(DOCK_VISIBLE_KEY, False, type=bool) is True
    again = MdiPlugin(iface)
    again.initGui()
    try:
        assert again.dock is not None and again.dock.isUserVisible()
        again.action.trigger()  # the user closes it
        assert QgsSettings().value(DOCK_VISIBLE_KEY, True, type=bool) is False
    finally:
        again.unload()
        flush_deletes()


def sample_layers(project):
    rng = np.random.default_rng(5)
    gemeenten = grid_layer(
        [["GM9001", "Aa", 35.0, 2023], ["GM9002", "Bb", 62.5, 2023],
         ["GM9003", "Cc", None, 2023], ["GM9004", "Dd", 50.0, 2023],
         ["GM9001", "Aa", 80.0, 2019]],
        [("gemeentecode", "string"), ("gemeentenaam", "string"), ("mdi", "double"),
         ("jaar", "integer")], "Gemeenten", columns=2, size=4000.0)
    values = rng.uniform(5, 95, 40).round(2)
    buurten = grid_layer(
        [["BU{}{:04d}".format("9001" if k < 20 else "9002", k), "B{}".format(k),
          "GM9001" if k < 20 else "GM9002", float(values[k]), 2023] for k in range(40)],
        [("buurtcode", "string"), ("buurtnaam", "string"), ("gemeentecode", "string"),
         ("mdi", "double"), ("jaar", "integer")], "Buurten", columns=8, size=1000.0)
    regions = grid_layer([["CR91", "Noord", "kern", 0], ["CR92", "Zuid", "perifeer", 1]],
                         [("coropcode", "string"), ("coropnaam", "string"),
                          ("zone", "string"), ("focusregio", "integer")],
                         "Regio's", columns=2, size=4000.0)
    project.addMapLayers([gemeenten, buurten, regions])
    return gemeenten, buurten, regions, values


@pytest.fixture
def dock(qgis_iface, qgis_new_project, clean_settings):
    from mdi_plugin.gui.dock import MdiDockWidget
    widget = MdiDockWidget(FakeIface(qgis_iface))
    yield widget
    widget.deleteLater()
    flush_deletes()


def labels_and_colours(layer):
    entries = legend_entries(layer.renderer())      # the class rules, under the year rule
    return [e[0] for e in entries], [e[2] for e in entries]


def test_choosing_layers_and_a_scheme_applies_the_expected_renderers(dock):
    gemeenten, buurten, _regions, values = sample_layers(QgsProject.instance())
    dock.gemeenteLayerCombo.setLayer(gemeenten)
    dock.buurtLayerCombo.setLayer(buurten)
    fields = [dock.fieldCombo.itemText(i) for i in range(dock.fieldCombo.count())]
    assert fields[0] == "mdi"
    assert [dock.yearCombo.itemData(i) for i in range(dock.yearCombo.count())] == [2023, 2019]
    dock.fieldCombo.setCurrentText("mdi")
    dock.set_scheme(FIXED)
    done = dock.apply_classes()
    assert set(done) == {gemeenten.id(), buurten.id()}
    labels, colours = labels_and_colours(gemeenten)
    assert isinstance(gemeenten.renderer(), QgsRuleBasedRenderer)
    assert labels == REPORT_LABELS
    assert colours == list(PALETTE.sequential) + [PALETTE.no_data_fill]
    assert legend_entries(gemeenten.renderer())[-1][1] == \
        '("jaar" = 2023) AND ("mdi" IS NULL)'
    dock.set_scheme(QUARTILES)
    scheme = dock.apply_classes()[buurten.id()]
    q = np.percentile(values, [25, 50, 75])
    assert scheme.breaks == pytest.approx(tuple(q))
    labels, colours = labels_and_colours(buurten)
    assert labels[0] == "Laag (< {})".format("{:.1f}".format(q[0]).replace(".", ","))
    assert labels[-1] == "Geen gegevens"
    assert colours[:4] == list(PALETTE.sequential)
    shown = dock.classesLabel.text()
    assert "Buurten:\n" + "\n".join(labels) in shown and "Gemeenten:" in shown


def test_change_fields_switch_to_the_diverging_scheme(dock):
    layer = grid_layer([[-7.0], [0.0], [3.0], [None]], [("verschil_mdi", "double")],
                       "Verandering")
    QgsProject.instance().addMapLayer(layer)
    dock.gemeenteLayerCombo.setLayer(layer)
    dock.fieldCombo.setCurrentText("verschil_mdi")
    assert dock.current_scheme() == CHANGE
    dock.apply_classes()
    labels, colours = labels_and_colours(layer)
    assert labels[0].startswith("Sterk verbeterd") and labels[4].startswith(
        "Sterk verslechterd") and labels[5] == "Geen gegevens"
    assert colours == list(PALETTE.diverging) + [PALETTE.no_data_fill]


def test_zones_stay_in_place_and_the_highlight_goes_in_a_group_above(dock):
    project = QgsProject.instance()
    gemeenten, buurten, regions, values = sample_layers(project)
    dock.gemeenteLayerCombo.setLayer(gemeenten)
    dock.buurtLayerCombo.setLayer(buurten)
    dock.zoneLayerCombo.setLayer(regions)
    root = project.layerTreeRoot()
    before = [node.layerId() for node in root.children()]
    found = dock.draw_zones()
    assert found["focus"] is True
    assert [node.layerId() for node in root.children()] == before   # the user's layer stays
    assert [r.label() for r in regions.renderer().rootRule().children()][-1] == \
        "Focusregio (perifeer, MDI \u2265 50)"
    dock.topNSpin.setValue(3)
    dock.gemeenteFilterCombo.setCurrentIndex(dock.gemeenteFilterCombo.findData("GM9002"))
    top = dock.highlight_highest()
    group = root.children()[0]
    assert group.name() == "MDI-zones"
    expected = sorted(values[20:], reverse=True)[:3]
    assert sorted((f["waarde"] for f in top.getFeatures()), reverse=True) == \
        pytest.approx(expected)
    assert top.id() in [node.layerId() for node in group.findLayers()]
    again = dock.highlight_highest()  # replaces, does not stack
    highlights = [layer for layer in project.mapLayers().values()
                  if layer.customProperty("mdi/style") == "top_n"]
    assert highlights == [again]


def test_dock_exports_png_and_pdf_through_the_template(dock, qgis_iface):
    gemeenten, _buurten, regions, _values = sample_layers(QgsProject.instance())
    dock.gemeenteLayerCombo.setLayer(gemeenten)
    dock.zoneLayerCombo.setLayer(regions)
    dock.apply_classes()
    dock.draw_zones()
    dock.titleEdit.setText("Testkaart")
    dock.dpiSpin.setValue(80)
    png, pdf = artifact("dock_export.png"), artifact("dock_export.pdf")
    layout, files = dock.export(png=str(png), pdf=str(pdf))
    assert files == {"png": str(png), "pdf": str(pdf)}
    image = QImage(str(png))
    assert abs(image.width() - 210 / 25.4 * 80) < 1
    assert pdf.read_bytes().startswith(b"%PDF")
    assert layout.itemById("titel").text() == "Testkaart"
    from mdi_plugin.styling.layout import legend_labels
    legend = dict(legend_labels(layout))
    assert legend["MDI 2023"] == REPORT_LABELS  # heading: field and year, as exportmap


def test_dock_remembers_layers_field_and_scheme(qgis_iface, qgis_new_project, clean_settings):
    from mdi_plugin.gui.dock import MdiDockWidget
    gemeenten, buurten, regions, _values = sample_layers(QgsProject.instance())
    first = MdiDockWidget(FakeIface(qgis_iface))
    first.gemeenteLayerCombo.setLayer(gemeenten)
    first.buurtLayerCombo.setLayer(buurten)
    first.zoneLayerCombo.setLayer(regions)
    first.set_scheme(QUARTILES)
    first.topNSpin.setValue(7)
    first.save_state()
    first.deleteLater()
    second = MdiDockWidget(FakeIface(qgis_iface))
    try:
        assert second.gemeenteLayerCombo.currentLayer() is gemeenten
        assert second.buurtLayerCombo.currentLayer() is buurten
        assert second.zoneLayerCombo.currentLayer() is regions
        assert second.current_scheme() == QUARTILES
        assert second.topNSpin.value() == 7
        assert second.fieldCombo.currentText() == "mdi"
    finally:
        second.deleteLater()
        flush_deletes()


def test_without_layers_the_dock_says_what_to_do(dock):
    assert dock.apply_classes() == {}
    assert "Choose" in dock.statusLabel.text()
    assert dock.draw_zones() is None
    assert dock.highlight_highest() is None


class MarkingTranslator(QTranslator):
    """Wraps every translated string in brackets, to see which strings go through tr()."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return "\u27e6{}\u27e7".format(source) if source else source


def test_user_facing_strings_go_through_tr(qgis_iface, qgis_new_project, clean_settings,
                                           monkeypatch):
    monkeypatch.setattr(MdiPlugin, "initProcessing", lambda self: None)
    translator = MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    iface = FakeIface(qgis_iface)
    plugin = MdiPlugin(iface)
    try:
        plugin.initGui()
        plugin.action.trigger()
        dock = plugin.dock
        marked = [plugin.action.text(), plugin.action.toolTip(), dock.windowTitle(),
                  dock.layersGroup.title(), dock.applyButton.text(),
                  dock.exportPngButton.toolTip(), dock.schemeCombo.itemText(1)]
        assert all(text.startswith("\u27e6") for text in marked), marked
        assert list(iface.menus) == ["\u27e6&MDI\u27e7"]
        layer = grid_layer([[55.0]], [("mdi", "double")], "g")
        QgsProject.instance().addMapLayer(layer)
        dock.gemeenteLayerCombo.setLayer(layer)
        dock.apply_classes()
        labels = [e[0] for e in legend_entries(layer.renderer())]
        assert labels[0] == "\u27e6Laag\u27e7 (< 40)" and labels[-1] == "\u27e6Geen gegevens\u27e7"
        assert dock.statusLabel.text().startswith("\u27e6")
    finally:
        plugin.unload()
        QCoreApplication.removeTranslator(translator)
        flush_deletes()
    # untranslated: English interface, the report's Dutch class names
    plugin = MdiPlugin(iface)
    plugin.initGui()
    try:
        assert plugin.action.text() == "MDI maps"
        from mdi_plugin.styling.classes import report_scheme
        assert report_scheme().labels == REPORT_LABELS
    finally:
        plugin.unload()
        flush_deletes()
    assert not is_null(QgsSettings().value(DOCK_VISIBLE_KEY, False))


def test_dock_zone_table_joins_zones_and_names_to_coded_regions(dock, tmp_path):
    regions = grid_layer([["CR91"], ["CR92"]], [("coropcode", "string")], "COROP",
                         columns=2, size=4000.0)
    plain = grid_layer([["x"]], [("naam", "string")], "Zonder codes")
    QgsProject.instance().addMapLayers([regions, plain])
    table = tmp_path / "zones.csv"
    table.write_text("coropcode,coropnaam,zone\nCR91,Drosselgouw,kern\nCR92,Kraanland,"
                     "perifeer\n", encoding="utf-8")
    dock.zoneLayerCombo.setLayer(regions)
    dock.zoneTableWidget.setFilePath(str(table))
    found = dock.draw_zones()
    assert found["unknown"] == []
    labels = [r.label() for r in regions.renderer().rootRule().children()]
    assert labels == ["Kernzone", "Intermediaire zone", "Perifere zone"]
    assert "Drosselgouw" in regions.labeling().settings().fieldName
    dock.zoneLayerCombo.setLayer(plain)
    assert dock.draw_zones() is None
    assert "neither a 'zone' field nor a COROP code field" in dock.statusLabel.text()
    bad = tmp_path / "kapot.csv"
    bad.write_text("coropcode,zone\nCR91,ergens\n", encoding="utf-8")
    dock.zoneLayerCombo.setLayer(regions)
    dock.zoneTableWidget.setFilePath(str(bad))
    assert dock.draw_zones() is None
    assert "ergens" in dock.statusLabel.text()


def test_buurt_and_zone_pickers_start_empty(qgis_iface, qgis_new_project, clean_settings):
    from mdi_plugin.gui.dock import MdiDockWidget
    gemeenten, _buurten, _regions, _values = sample_layers(QgsProject.instance())
    widget = MdiDockWidget(FakeIface(qgis_iface))
    try:
        assert widget.buurtLayerCombo.currentLayer() is None
        assert widget.zoneLayerCombo.currentLayer() is None
        assert widget.choropleth_layers() == [widget.gemeenteLayerCombo.currentLayer()]
        widget.buurtLayerCombo.setLayer(widget.gemeenteLayerCombo.currentLayer())
        assert len(widget.choropleth_layers()) == 1      # the same layer counts once
    finally:
        widget.deleteLater()
        flush_deletes()
