"""Shared plumbing of the MDI Processing algorithms (names, groups, icon, messages)."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..paths import resource_path

HELP_URL = "https://github.com/mdi-voor-qgis/mdi#readme"


class Cancelled(Exception):
    """The user cancelled the run; nothing more is written."""


class MdiAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, GROUP_ID and implement the rest."""

    NAME = ""
    GROUP_ID = "compute"
    _GROUPS = {
        "compute": "Compute index",
        "analysis": "Analysis",
    }

    def tr(self, text):
        """Translate a user-facing string (context: the algorithm class name)."""
        return QCoreApplication.translate("MdiAlgorithm", text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def name(self):
        return self.NAME

    def groupId(self):  # noqa: N802 - QGIS API
        return self.GROUP_ID

    def group(self):
        return self.tr(self._GROUPS[self.GROUP_ID])

    def icon(self):
        return QIcon(resource_path("icons", "mdi.svg"))

    def helpUrl(self):  # noqa: N802 - QGIS API
        return HELP_URL

    def error(self, err):
        """A QgsProcessingException carrying a core error's message, translated."""
        template = getattr(err, "template", None)
        if template is None:
            return QgsProcessingException(str(err))
        return QgsProcessingException(self.tr(template).format(**err.params))

    def message(self, msg):
        """Translate and format a core Message."""
        return self.tr(msg.template).format(**msg.params)

    @staticmethod
    def check_cancel(feedback):
        """Raise Cancelled when the user pressed cancel."""
        if feedback is not None and feedback.isCanceled():
            raise Cancelled()
