"""The QGIS plugin object: registers the Processing provider and the "MDI maps" dock."""

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon

try:  # Qt 6 (QGIS 4) and QGIS 3.40+ on Qt 5: QAction lives in QtGui
    from qgis.PyQt.QtGui import QAction
except ImportError:  # QGIS 3.22 - 3.3x on Qt 5
    from qgis.PyQt.QtWidgets import QAction

from .i18n import install_translator, remove_translator, tr
from .paths import resource_path
from .processing.provider import MdiProvider

#: QgsSettings key: was the dock visible when QGIS (or the plugin) last closed?
DOCK_VISIBLE_KEY = "MDI/dock/visible"


class MdiPlugin:
    """Entry point created by ``classFactory``; nothing GUI happens at construction."""

    def __init__(self, iface):
        self.iface = iface
        # The Dutch translation when QGIS runs in Dutch (locale/userLocale), installed
        # before anything registers: Processing reads the algorithms' display names when
        # the provider is added. Runs in the desktop and in qgis_process (iface None).
        self.translator = install_translator()
        self.provider = None
        self.action = None
        self.model_action = None
        self.dock = None
        self.menu_name = None

    def initProcessing(self):  # noqa: N802 - QGIS API
        """Register the provider; also called by qgis_process, where iface is None."""
        if self.provider is None:
            self.provider = MdiProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        """Desktop start-up: provider, toolbar button and Plugins > MDI menu entry; the dock
        is created when first shown (at once when it was open in the last session)."""
        self.initProcessing()
        self.menu_name = tr("&MDI")
        self.action = QAction(QIcon(resource_path("icons", "mdi.svg")), tr("MDI maps"),
                              self.iface.mainWindow())
        self.action.setObjectName("mdiMapsAction")
        self.action.setCheckable(True)
        self.action.setToolTip(tr("MDI maps (MDI-kaarten): classes of the report, zone "
                                  "overlay, highest scores and map export"))
        self.action.setStatusTip(self.action.toolTip())
        self.action.toggled.connect(self.set_dock_visible)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToMenu(self.menu_name, self.action)
        self.model_action = QAction(tr("Copy the MDI chain model to my models"),
                                    self.iface.mainWindow())
        self.model_action.setObjectName("mdiCopyModelAction")
        self.model_action.setToolTip(tr("Copy the model mdi_keten into your Processing models "
                                        "folder, to open and edit it in the Graphical "
                                        "Modeler"))
        self.model_action.triggered.connect(self.copy_model)
        self.iface.addPluginToMenu(self.menu_name, self.model_action)
        if QgsSettings().value(DOCK_VISIBLE_KEY, False, type=bool):
            self.action.setChecked(True)

    def ensure_dock(self):
        """The dock, created and added to the right dock area on first use."""
        if self.dock is None:
            from .gui.dock import MdiDockWidget
            self.dock = MdiDockWidget(self.iface, parent=self.iface.mainWindow())
            self.dock.setToggleVisibilityAction(self.action)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.openedStateChanged.connect(self._remember_visibility)
        return self.dock

    def set_dock_visible(self, visible):
        """Show (creating it if needed) or hide the dock; remembered for the next session."""
        self._remember_visibility(visible)
        if visible:
            dock = self.ensure_dock()
            dock.setUserVisible(True)
        elif self.dock is not None:
            self.dock.setUserVisible(False)

    def copy_model(self):
        """Copy the bundled model into the user's models folder and say where."""
        from .gui.model_copy import copy_model_to_user_folder
        bar = self.iface.messageBar()
        try:
            path = copy_model_to_user_folder()
        except OSError as err:
            bar.pushWarning(tr("MDI"), str(err))
            return None
        bar.pushSuccess(tr("MDI"), tr("Model copied to {path}: Processing Toolbox > Models; "
                                      "right-click it > Edit Model...").format(path=path))
        return path

    @staticmethod
    def _remember_visibility(visible):
        QgsSettings().setValue(DOCK_VISIBLE_KEY, bool(visible))

    def unload(self):
        """Remove everything the plugin added: dock, menu entry, toolbar button, pending
        output-style post-processors, the provider and what failed runs left behind."""
        if self.action is not None:
            # first, so hiding the dock below is not taken for the user closing it
            self.action.toggled.disconnect(self.set_dock_visible)
        if self.dock is not None:
            QgsSettings().setValue(DOCK_VISIBLE_KEY, self.dock.isUserVisible())
            self.dock.openedStateChanged.disconnect(self._remember_visibility)
            self.dock.save_state()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.model_action is not None:
            self.iface.removePluginMenu(self.menu_name, self.model_action)
            self.model_action.setParent(None)
            self.model_action.deleteLater()
            self.model_action = None
        if self.action is not None:
            self.iface.removePluginMenu(self.menu_name, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.setParent(None)
            self.action.deleteLater()
            self.action = None
        from .styling.outputs import release_post_processors
        release_post_processors()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        from .processing.failures import release_failed_runs
        release_failed_runs()       # what QGIS keeps of failed runs (failures.py)
        remove_translator(self.translator)
        self.translator = None
