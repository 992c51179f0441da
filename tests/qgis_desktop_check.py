"""Run inside QGIS desktop (``qgis --code tests/qgis_desktop_check.py``) by
tests/test_qgis_desktop.py: opens the MDI dock in the real main window, styles a layer,
takes a screenshot, unloads the plugin and writes what it saw as JSON.

Environment: MDI_DESKTOP_RESULT (JSON file to write), MDI_DESKTOP_SCREENSHOT (PNG),
MDI_DESKTOP_GPKG (GeoPackage with an 'mdi' field to style).
"""

import json
import os
import traceback

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QApplication, QDockWidget
from qgis.utils import iface, plugins, unloadPlugin

RESULT = {}


def finish():
    with open(os.environ["MDI_DESKTOP_RESULT"], "w", encoding="utf-8") as handle:
        json.dump(RESULT, handle)
    QTimer.singleShot(200, lambda: QApplication.instance().exit(0))


def open_dock():
    try:
        plugin = plugins["mdi"]
        RESULT["toolbar_tooltip"] = plugin.action.toolTip()
        RESULT["dock_before"] = plugin.dock is not None
        layer = QgsVectorLayer(os.environ["MDI_DESKTOP_GPKG"], "Gemeenten (MDI)", "ogr")
        QgsProject.instance().addMapLayer(layer)
        # the user's own boundary layer, selected in the Layers panel: the dock must not
        # start on it (nor on its field fid)
        boundaries = QgsVectorLayer("Polygon?crs=EPSG:28992&field=fid:integer"
                                    "&field=statcode:string", "Eigen grenzen", "memory")
        QgsProject.instance().addMapLayer(boundaries)
        iface.setActiveLayer(boundaries)
        plugin.action.trigger()
        dock = plugin.dock
        area = iface.mainWindow().dockWidgetArea(dock)
        RESULT["dock_area_right"] = int(area) == 2
        RESULT["dock_visible"] = dock.isUserVisible()
        RESULT["default_layer"] = getattr(dock.gemeenteLayerCombo.currentLayer(), "id",
                                          lambda: None)()
        RESULT["mdi_layer"] = layer.id()
        RESULT["default_field"] = dock.fieldCombo.currentText()
        user_style = layer.styleManager().currentStyle()
        dock.gemeenteLayerCombo.setLayer(layer)
        dock.apply_classes()
        # the class rules (under the year rule "2023" when a year is drawn)
        RESULT["labels"] = [c.label() for r in layer.renderer().rootRule().children()
                            for c in (r.children() or [r])]
        RESULT["styles"] = sorted(layer.styleManager().styles())
        RESULT["current_style"] = layer.styleManager().currentStyle()
        RESULT["user_style"] = user_style
        iface.mapCanvas().setExtent(layer.extent())
        iface.mapCanvas().refresh()
    except Exception:  # report everything to the test
        RESULT["error"] = traceback.format_exc()
        finish()
        return
    QTimer.singleShot(2500, close_down)


def close_down():
    try:
        iface.mainWindow().grab().save(os.environ["MDI_DESKTOP_SCREENSHOT"])
        RESULT["unloaded"] = bool(unloadPlugin("mdi"))
        QApplication.processEvents()
        RESULT["docks_left"] = [d.objectName() for d in
                                iface.mainWindow().findChildren(QDockWidget)
                                if d.objectName() == "MdiDock" and d.isVisible()]
        RESULT["actions_left"] = [a.objectName() for a in
                                  iface.mainWindow().findChildren(QAction)
                                  if a.objectName() == "mdiMapsAction"]
    except Exception:  # report everything to the test
        RESULT["error"] = traceback.format_exc()
    finish()


QTimer.singleShot(2000, open_dock)
