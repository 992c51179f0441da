"""Shared plumbing of the MDI Processing algorithms (names, groups, icon, messages)."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr, tr_error, tr_noop
from ..paths import resource_path

HELP_URL = "https://github.com/mdi-voor-qgis/mdi#readme"


class Cancelled(Exception):
    """The user cancelled the run; nothing more is written."""


class MdiAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set NAME, GROUP_ID and implement the rest."""

    NAME = ""
    GROUP_ID = "compute"
    _GROUPS = {
        "compute": tr_noop("Compute index"),
        "analysis": tr_noop("Analysis"),
        "maps": tr_noop("Maps"),
    }
    #: Style of the outputs when loaded into a project or written to a GeoPackage: a
    #: style id of styling.outputs ("mdi_classes", "mdi_klasse", "mdi_zones") applied to
    #: the OUTPUT parameter, or {output parameter name: style id}. None: no style.
    OUTPUT_STYLE = None

    def tr(self, text):
        """Translate a user-facing English string (the plugin's one context ``mdi``)."""
        return tr(text)

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

    def styled_outputs(self):
        """{output parameter name: style id} from OUTPUT_STYLE."""
        if not self.OUTPUT_STYLE:
            return {}
        if isinstance(self.OUTPUT_STYLE, dict):
            return dict(self.OUTPUT_STYLE)
        return {"OUTPUT": self.OUTPUT_STYLE}

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        """As QgsProcessingAlgorithm's, remembering the destination for the output style."""
        result = super().parameterAsSink(parameters, name, context, *args, **kwargs)
        if result and result[1]:
            self.__dict__.setdefault("_destinations", {})[name] = result[1]
        return result

    def parameterAsOutputLayer(self, parameters, name, context):  # noqa: N802
        """As QgsProcessingAlgorithm's, remembering the destination for the output style."""
        destination = super().parameterAsOutputLayer(parameters, name, context)
        if destination:
            self.__dict__.setdefault("_destinations", {})[name] = destination
        return destination

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API
        """Style the outputs named in OUTPUT_STYLE: a post-processor for outputs loaded into
        the project, and the style as default style of GeoPackage outputs (qgis_process
        too). Runs in the main thread after processAlgorithm; the sinks are closed by then."""
        destinations = self.__dict__.pop("_destinations", {})
        styles = self.styled_outputs()
        if styles and destinations and not (feedback is not None and feedback.isCanceled()):
            from ..styling.outputs import style_outputs
            style_outputs(destinations, styles, context, feedback)
        return {}

    def error(self, err):
        """A QgsProcessingException carrying a core error's message, translated."""
        return QgsProcessingException(tr_error(err))

    def _fail(self, template, **params):
        """A QgsProcessingException with a translated, formatted message (the template is
        English source text, collected by scripts/i18n.py)."""
        return QgsProcessingException(self.tr(template).format(**params))

    def message(self, msg):
        """Translate and format a core Message."""
        return tr(msg.template).format(**msg.params)

    @staticmethod
    def check_cancel(feedback):
        """Raise Cancelled when the user pressed cancel."""
        if feedback is not None and feedback.isCanceled():
            raise Cancelled()
