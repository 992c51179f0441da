"""The base class of every MDI Processing algorithm: it owns the run.

A subclass sets its metadata as class attributes, declares its parameters in
``initAlgorithm`` (with ``parameters.py``) and implements ``run(run)`` against the core.
Everything else happens here, once for all algorithms:

* the ``AlgorithmRun`` (``run.py``): parameters, outputs through the output guard,
  progress steps, messages in the UI language;
* one error policy: a core error (``MdiError``) becomes a QgsProcessingException with
  the translated message; any other exception gets a clear message naming the algorithm
  and what failed (the safety net, ``failures.py``; never a traceback); any failure
  removes what the run wrote; passwords are masked;
* one cancel policy: whatever was written is removed and the log says so once;
* outputs written whole (``transaction.py``): closed, checked, given their default style
  (``OUTPUT_STYLE``) and only then put in place; the style of a layer loaded into the
  project after the run, in the main thread;
* help from ``resources/help/`` in the UI language, name, group, icon and tags.
"""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtGui import QIcon

from ..compat import ALG_FLAG_NO_THREADING
from ..core.errors import MdiError
from ..i18n import tr, tr_error, tr_noop
from ..paths import resource_path
from .failures import explain, release_failed_runs, styling_failed, unreleased
from .help import help_html
from .progress import Cancelled
from .run import AlgorithmRun
from .safe_output import redact

HELP_URL = "https://github.com/mdi-voor-qgis/mdi#readme"
GROUPS = {
    "compute": tr_noop("Compute index"),
    "analysis": tr_noop("Analysis"),
    "maps": tr_noop("Maps"),
}


class MdiAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set the attributes below and implement ``execute``."""

    #: Algorithm id (``mdi:<NAME>``) and name of its help files.
    NAME = ""
    #: English display name (translated when shown).
    DISPLAY_NAME = ""
    #: A key of GROUPS.
    GROUP_ID = "compute"
    #: Comma-separated search tags (English source text, translated when shown).
    TAGS = ""
    #: Style of the outputs when loaded into a project or written to a GeoPackage: a
    #: style id of styling.outputs ("mdi_classes", "mdi_klasse", "mdi_zones") applied to
    #: the OUTPUT parameter, or {output parameter name: style id}. None: no style.
    OUTPUT_STYLE = None
    #: True for algorithms that render (layouts, fonts): they run in the main thread.
    MAIN_THREAD = False

    # -- metadata ---------------------------------------------------------------------

    def tr(self, text):
        """Translate a user-facing English string (the plugin's one context ``mdi``)."""
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802 - QGIS API
        return tr(self.DISPLAY_NAME)

    def groupId(self):  # noqa: N802 - QGIS API
        return self.GROUP_ID

    def group(self):
        return tr(GROUPS[self.GROUP_ID])

    def tags(self):
        return [t.strip() for t in tr(self.TAGS).split(",") if t.strip()]

    def shortHelpString(self):  # noqa: N802 - QGIS API
        return help_html(self.NAME)

    def icon(self):
        return QIcon(resource_path("icons", "mdi.svg"))

    def helpUrl(self):  # noqa: N802 - QGIS API
        return HELP_URL

    def flags(self):
        flags = super().flags()
        return flags | ALG_FLAG_NO_THREADING if self.MAIN_THREAD else flags

    # -- the run ----------------------------------------------------------------------

    def execute(self, run):
        """Do the work with ``run`` (an AlgorithmRun); return the outputs as a dict."""
        raise NotImplementedError

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS API
        release_failed_runs()
        outcome = self._process(parameters, context, feedback)
        if isinstance(outcome, QgsProcessingException):
            # QGIS's handler of an exception raised by a Python algorithm (sip's
            # processing_exception_handler, on Linux and Windows alike) fetches a
            # QgsProcessingException and never releases it: its traceback would keep every
            # frame alive, with the input layers, arrays and open files, until QGIS exits
            # (on Windows the files stay locked). So it is made in _process without any
            # traceback or context and raised from a frame that holds nothing else; the
            # callers' frames it still links to are freed later (failures.py).
            del self, parameters, context, feedback
            raise unreleased(outcome)
        return outcome

    def _process(self, parameters, context, feedback):
        """The run (see the class docstring): the outputs, {} when cancelled, or the
        QgsProcessingException to raise."""
        run, cancelled = None, False
        try:
            run = AlgorithmRun(self, parameters, context, feedback)
            outputs = self.execute(run)
            run.feedback.setProgress(100)   # the bar ends full (loops stop short of 100)
            cancelled = run.feedback.isCanceled()
            if not cancelled:   # close, check and put the outputs in place (transaction.py)
                outputs = run.commit(outputs)
        except Cancelled:
            cancelled = True
        except Exception as err:  # noqa: BLE001 - the one error policy, see _failure
            return self._failure(run, err)      # returned: raising here would chain err
        except BaseException:
            if run is not None:
                run.discard(tr("The run failed"))
            raise
        feedback = run.feedback
        if cancelled:
            run.discard(tr("Cancelled"))
            feedback.reportError(tr("Cancelled: no output was kept."))
            return {}
        self.__dict__["_destinations"] = run.destinations
        return outputs or {}

    def _failure(self, run, err):
        """The QgsProcessingException of a failed run, after the guard removed what it
        wrote: a core error translated, QGIS's own message kept, anything else explained by
        the safety net (failures.py); notes of the run (e.g. which layer of a GeoPackage
        was read) follow the message."""
        if run is not None:
            run.discard(tr("The run failed"))
        if isinstance(err, MdiError):
            message = tr_error(err)
        elif isinstance(err, QgsProcessingException):
            message = str(err)
        else:
            message = explain(self, err)
        notes = run.notes if run is not None else []
        return QgsProcessingException(redact("\n".join([message] + notes)))

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 - QGIS API
        """Style the outputs named in OUTPUT_STYLE that are loaded into the project (a
        post-processor; main thread, after processAlgorithm). Their default style is already
        in their files: stored before they were put in place (run.commit, transaction.py),
        because only processAlgorithm can still fail the run."""
        destinations = self.__dict__.pop("_destinations", {})
        styles = self.styled_outputs()
        if styles and destinations and not (feedback is not None and feedback.isCanceled()):
            from ..styling.outputs import style_outputs
            try:
                style_outputs(destinations, styles, context, feedback, False)  # no store
            except Exception as err:  # noqa: BLE001 - the outputs are written: a warning
                styling_failed(self, err, feedback)
        return {}

    def styled_outputs(self):
        """{output parameter name: style id} from OUTPUT_STYLE."""
        if not self.OUTPUT_STYLE:
            return {}
        if isinstance(self.OUTPUT_STYLE, dict):
            return dict(self.OUTPUT_STYLE)
        return {"OUTPUT": self.OUTPUT_STYLE}
