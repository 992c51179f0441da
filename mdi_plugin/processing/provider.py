"""The MDI Processing provider (id ``mdi``)."""

import glob
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import resource_path
from .algorithms.aggregate import AggregateToRegionsAlgorithm
from .algorithms.change import ChangeOverTimeAlgorithm
from .algorithms.classify import ClassifyQuartilesAlgorithm
from .algorithms.compute import ComputeMdiAlgorithm
from .algorithms.concentration import ConcentrationAlgorithm
from .algorithms.correlation import CorrelateAlgorithm
from .algorithms.layout import ExportMapAlgorithm
from .algorithms.opendata import DownloadOpenDataAlgorithm
from .algorithms.profile import DomainProfileAlgorithm
from .algorithms.regiokompas import JoinRegiokompasAlgorithm
from .algorithms.stability import ClassStabilityAlgorithm
from .algorithms.topn import TopNAlgorithm
from .algorithms.typology import GemeenteTypologieAlgorithm
from .algorithms.zones import FlagPeripheryAlgorithm

PROVIDER_ID = "mdi"


def algorithm_classes():
    """Every algorithm class the provider offers."""
    return [ComputeMdiAlgorithm, ClassifyQuartilesAlgorithm, AggregateToRegionsAlgorithm,
            FlagPeripheryAlgorithm, JoinRegiokompasAlgorithm, CorrelateAlgorithm,
            ChangeOverTimeAlgorithm, TopNAlgorithm, ConcentrationAlgorithm,
            DomainProfileAlgorithm, ExportMapAlgorithm, ClassStabilityAlgorithm,
            GemeenteTypologieAlgorithm, DownloadOpenDataAlgorithm]


def model_paths():
    """The bundled Graphical Modeler models (resources/models/*.model3)."""
    return sorted(glob.glob(resource_path("models", "*.model3")))


class MdiProvider(QgsProcessingProvider):
    """Processing provider offering the MDI algorithms."""

    def id(self):
        return PROVIDER_ID

    def name(self):
        return tr("MDI \u2013 Meervoudige Achterstandsindex")

    def longName(self):  # noqa: N802 - QGIS API
        return self.name()

    def icon(self):
        return QIcon(self.svgIconPath())

    def svgIconPath(self):  # noqa: N802 - QGIS API
        return resource_path("icons", "mdi.svg")

    def loadAlgorithms(self):  # noqa: N802 - QGIS API
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
        for path in model_paths():
            model = QgsProcessingModelAlgorithm()
            if model.fromFile(path):
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage(
                    "Could not load model {}".format(os.path.basename(path)), "MDI",
                    Qgis.MessageLevel.Warning)
