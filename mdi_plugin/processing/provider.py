"""The MDI Processing provider (id ``mdi``)."""

import glob
import os

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import qgis_language, tr, tr_noop
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
from .algorithms.report import GemeenteRapportAlgorithm
from .algorithms.stability import ClassStabilityAlgorithm
from .algorithms.topn import TopNAlgorithm
from .algorithms.typology import GemeenteTypologieAlgorithm
from .algorithms.zones import FlagPeripheryAlgorithm

PROVIDER_ID = "mdi"
#: Toolbox group of the bundled models (English source text, shown translated).
MODELS_GROUP = tr_noop("Models")
#: Names the toolbox shows for the bundled models, by the model's name in its file (which
#: stays its id for scripts: mdi:mdi_keten); English source text, shown translated.
MODEL_DISPLAY_NAMES = {
    "mdi_keten": tr_noop("MDI chain (compute, classify, aggregate, focus regions)"),
}
#: Labels of the bundled models' outputs and steps, which the model file holds in Dutch.
MODEL_OUTPUT_LABELS = {
    "Gemeenten met MDI en klasse": tr_noop("Gemeenten with MDI and class"),
    "Regio's met zone en focusregio": tr_noop("Regions with zone and focus region"),
}
MODEL_STEP_LABELS = {
    "MDI berekenen": tr_noop("Compute MDI"),
    "Indelen in klassen": tr_noop("Classify into classes"),
    "Aggregeren naar regio": tr_noop("Aggregate to regions"),
    "Perifere regio's markeren": tr_noop("Flag peripheral regions"),
}


def in_ui_language(text):
    """A bundled model's "Nederlands / English" label or help in the UI language (a .model3
    holds one text per label, so the generator writes both, separated by " / ")."""
    dutch, separator, english = str(text).partition(" / ")
    if not separator:
        return text
    return dutch if qgis_language() == "nl" else english


def _translate_output_label(output):
    """An output of the bundled model labelled in the UI language (MODEL_OUTPUT_LABELS)."""
    label = MODEL_OUTPUT_LABELS.get(output.description())
    if label:
        output.setDescription(tr(label))


class BundledModel(QgsProcessingModelAlgorithm):
    """A model shipped with the plugin: its id comes from the .model3 file (mdi:mdi_keten),
    its name and group in the toolbox, dialog and qgis_process are in the UI language."""

    def displayName(self):  # noqa: N802 - QGIS API
        name = MODEL_DISPLAY_NAMES.get(self.name())
        return tr(name) if name else super().displayName()

    def group(self):
        # the group stored in the file is one language: the toolbox shows the UI's
        return tr(MODELS_GROUP)

    def localise(self):
        """Help, parameter labels, options, output labels and step names in the UI
        language."""
        content = dict(self.helpContent())
        if content.get("ALG_DESC"):
            content["ALG_DESC"] = in_ui_language(content["ALG_DESC"])
            self.setHelpContent(content)
        for definition in self.parameterDefinitions():
            definition.setDescription(in_ui_language(definition.description()))
            if hasattr(definition, "setOptions"):
                definition.setOptions([in_ui_language(o) for o in definition.options()])
        for output in list(self.parameterDefinitions()) + list(self.outputDefinitions()):
            _translate_output_label(output)
        for child_id in list(self.childAlgorithms()):      # the steps named in the log
            child = self.childAlgorithm(child_id)
            label = MODEL_STEP_LABELS.get(child.description())
            if label:
                child.setDescription(tr(label))
        return self

    def localise_for_editing(self):
        """As ``localise``, and also what only the Modeler shows and saves: the input boxes
        and the outputs the steps declare (the user's copy for editing)."""
        self.localise()
        for component in self.parameterComponents().values():
            component.setDescription(in_ui_language(component.description()))
            self.setParameterComponent(component)
        for child_id in list(self.childAlgorithms()):
            child = self.childAlgorithm(child_id)
            outputs = child.modelOutputs()
            for output in outputs.values():
                _translate_output_label(output)
            child.setModelOutputs(outputs)
            self.setChildAlgorithm(child)
        return self

    def createInstance(self):  # noqa: N802 - QGIS API
        # as QgsProcessingModelAlgorithm::createInstance, but keeping this class (the
        # dialog's title and the run's log use the instance's displayName)
        model = BundledModel()
        model.loadVariant(self.toVariant())
        model.setSourceFilePath(self.sourceFilePath())
        return model.localise()


def algorithm_classes():
    """Every algorithm class the provider offers."""
    return [ComputeMdiAlgorithm, ClassifyQuartilesAlgorithm, AggregateToRegionsAlgorithm,
            FlagPeripheryAlgorithm, JoinRegiokompasAlgorithm, CorrelateAlgorithm,
            ChangeOverTimeAlgorithm, TopNAlgorithm, ConcentrationAlgorithm,
            DomainProfileAlgorithm, ExportMapAlgorithm, ClassStabilityAlgorithm,
            GemeenteTypologieAlgorithm, DownloadOpenDataAlgorithm,
            GemeenteRapportAlgorithm]


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
            model = BundledModel()
            if model.fromFile(path):
                self.addAlgorithm(model.localise())
            else:
                QgsMessageLog.logMessage(
                    "Could not load model {}".format(os.path.basename(path)), "MDI",
                    Qgis.MessageLevel.Warning)
