"""The MDI Processing provider (id ``mdi``)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..paths import resource_path
from .compute_mdi import ComputeMdiAlgorithm

PROVIDER_ID = "mdi"


def algorithm_classes():
    """Every algorithm class the provider offers."""
    return [ComputeMdiAlgorithm]


class MdiProvider(QgsProcessingProvider):
    """Processing provider offering the MDI algorithms."""

    def id(self):
        return PROVIDER_ID

    def name(self):
        return QCoreApplication.translate("MdiProvider", "MDI \u2013 Meervoudige Achterstandsindex")

    def longName(self):  # noqa: N802 - QGIS API
        return self.name()

    def icon(self):
        return QIcon(self.svgIconPath())

    def svgIconPath(self):  # noqa: N802 - QGIS API
        return resource_path("icons", "mdi.svg")

    def loadAlgorithms(self):  # noqa: N802 - QGIS API
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
