"""The QGIS plugin object: registers the Processing provider (and, later, the dock)."""

from qgis.core import QgsApplication

from .processing.provider import MdiProvider


class MdiPlugin:
    """Entry point created by ``classFactory``; nothing GUI happens at construction."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None

    def initProcessing(self):  # noqa: N802 - QGIS API
        """Register the provider; also called by qgis_process, where iface is None."""
        if self.provider is None:
            self.provider = MdiProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        """Desktop start-up."""
        self.initProcessing()

    def unload(self):
        """Remove everything the plugin added."""
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
