"""The safety net of every run: no Python exception reaches the user unexplained.

Errors the plugin expects (``MdiError``, ``QgsProcessingException``) carry their own
message. Anything else that escapes an algorithm (``MdiAlgorithm.processAlgorithm`` calls
``explain`` after the output guard removed what the run wrote) becomes one translated
message that names the algorithm and what failed:

* ``OSError`` (a folder that is a file, no permission, a disk full, a file locked by
  another program on Windows): the file and the reason, and what to check;
* ``MemoryError``: what to do about it;
* anything else (``RecursionError``, ``OverflowError``, ``ValueError``, a programming
  error): an unexpected error where it happened, with the request to report it.

The original exception with its stack goes to the QGIS message log (tag ``MDI``, level
Critical: the "MDI" tab of the Log Messages panel, printed by ``qgis_process``) for a bug
report, starting with ``BUG_REPORT_MARK``, never with Python's "Traceback" header: the test
suite fails a test whose run logs this mark (tests/conftest.py), so a programming error is
never hidden behind a friendly message there.

``unreleased``/``release_failed_runs``: QGIS never releases the QgsProcessingException a
Python algorithm raises (see ``MdiAlgorithm.processAlgorithm``); what its stack still holds
is freed at the next run, when the plugin unloads, and by the test suite before QGIS exits.
"""

import inspect
import os
import platform
import sys
import threading
import traceback

from qgis.core import Qgis, QgsMessageLog

from ..i18n import tr
from ..paths import PLUGIN_ROOT
from .safe_output import redact

#: First words of the bug report details in the message log (not translated: tests and
#: bug reports look for them).
BUG_REPORT_MARK = "MDI bug report"
LOG_TAG = "MDI"


#: [(frame, exception)]: exceptions raised to QGIS and the frames that raised them. QGIS
#: keeps each exception, that frame and the frame's callers with their locals for ever.
_UNRELEASED = []
#: Below Python 3.13 frame.clear() closes a suspended generator (e.g. a pytest fixture), so
#: generator frames are left alone there; from 3.13 on clear() refuses them itself.
_LEFT_ALONE = (inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR |
               inspect.CO_ITERABLE_COROUTINE) if sys.version_info < (3, 13) else 0


def unreleased(error):
    """``error``, about to be raised to QGIS by the calling frame: QGIS will keep its
    traceback, so that frame is remembered for ``release_failed_runs``."""
    _UNRELEASED.append((inspect.currentframe().f_back, error))
    return error


def release_failed_runs():
    """Free the locals that QGIS keeps of earlier failed runs: of the frame that raised and
    of its callers, as far as they have ended. A caller still running is remembered and
    freed a later time. Without this a Python-owned input layer of a failed script run
    stays open until QGIS exits (Windows: the file stays locked) and is destroyed after
    QGIS's providers, which crashes. Only in the main thread: the frames are the main
    thread's (a worker thread's run has no Python caller), and so are the Qt objects their
    locals hold. (Python < 3.13: a frame whose f_locals were read, e.g. by a debugger,
    keeps them.)"""
    if threading.current_thread() is not threading.main_thread():
        return
    pending = []
    while True:             # list.pop is atomic: a worker thread may be appending
        try:
            pending.append(_UNRELEASED.pop())
        except IndexError:
            break
    for frame, error in pending:
        error.__context__ = error.__cause__ = None   # an exception the caller was handling
        running = _clear_ended(frame)
        if running is not None and all(running is not f for f, _e in _UNRELEASED):
            _UNRELEASED.append((running, error))


def _clear_ended(frame):
    """Clear ``frame`` and its callers up to the first one still running (then all its
    callers run too), which is returned; None when all had ended."""
    while frame is not None:
        if not frame.f_code.co_flags & _LEFT_ALONE:
            try:
                frame.clear()
            except RuntimeError:    # running, or (3.13+) a suspended generator
                return frame
        frame = frame.f_back
    return None


def algorithm_label(algorithm):
    """'Compute MDI (mdi:computemdi)' for messages."""
    return "{} (mdi:{})".format(algorithm.displayName(), algorithm.name())


def _frames(error):
    """(file, line, function, in the plugin's code) of the stack of ``error``, outermost
    first."""
    code = os.path.join(os.path.abspath(PLUGIN_ROOT), "mdi_plugin") + os.sep
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        path = os.path.abspath(frame.filename)
        inside = path.startswith(code)
        # The plugin's own files by their path in the plugin (mdi_plugin/...), others
        # (QGIS, numpy) by their file name: no user folder ends up in a bug report.
        shown = os.path.relpath(path, PLUGIN_ROOT) if inside else os.path.basename(path)
        frames.append((shown.replace(os.sep, "/"), frame.lineno, frame.name, inside))
    return frames


def _where(error):
    """'function (file.py)' of the innermost frame of the plugin's own code."""
    own = [f for f in _frames(error) if f[3]]
    if not own:
        return "?"
    path, _line, function, _inside = own[-1]
    return "{} ({})".format(function, path.rsplit("/", 1)[-1])


def _error_text(error):
    text = str(error).strip()
    return redact("{}: {}".format(type(error).__name__, text) if text
                  else type(error).__name__)


def bug_report(algorithm, error):
    """The details of an unexpected error for a bug report (several lines, English)."""
    lines = ["{}: mdi:{} failed; QGIS {}, Python {}, {}.".format(
        BUG_REPORT_MARK, algorithm.name(), Qgis.QGIS_VERSION, platform.python_version(),
        sys.platform)]
    lines.append(_error_text(error))
    lines += ["  at {}:{} in {}".format(path, line, function)
              for path, line, function, _inside in _frames(error)]
    return "\n".join(lines)


def explain(algorithm, error):
    """A clear, translated message for an unexpected ``error`` of ``algorithm``; the
    details are logged for a bug report."""
    label = algorithm_label(algorithm)
    if isinstance(error, OSError):
        path = error.filename or ""
        reason = error.strerror or str(error)
        if path:
            message = tr("{algorithm}: could not read or write '{path}': {reason}. Check that "
                         "the folder exists and that you may write there, that no other "
                         "program has the file open, and that the disk is not full. Nothing "
                         "of this run was kept.").format(algorithm=label, path=path,
                                                         reason=reason)
        else:
            message = tr("{algorithm}: a file could not be read or written: {reason}. Check "
                         "the paths of the inputs and outputs, that you may write there and "
                         "that the disk is not full. Nothing of this run was kept.").format(
                             algorithm=label, reason=reason)
    elif isinstance(error, MemoryError):
        message = tr("{algorithm} ran out of memory. Close other programs, or run it on "
                     "fewer features (one year, a selection or a smaller area). Nothing of "
                     "this run was kept.").format(algorithm=label)
    else:
        message = tr("{algorithm} stopped on an unexpected error in {where}: {error}. "
                     "Nothing of this run was kept. Check the inputs and parameters; if "
                     "they look right, this is a bug in MDI voor QGIS: please report it with "
                     "the details from the MDI tab of the Log Messages panel.").format(
                         algorithm=label, where=_where(error), error=_error_text(error))
    _log(algorithm, error)
    return message


def styling_failed(algorithm, error, feedback):
    """Say that styling the written outputs failed (they are kept, without style)."""
    if feedback is not None:
        feedback.reportError(tr(
            "{algorithm}: the outputs were written, but giving them the MDI style failed: "
            "{error}. They are kept without that style; apply a style yourself in the Layer "
            "Properties.").format(algorithm=algorithm_label(algorithm),
                                  error=_error_text(error)))
    _log(algorithm, error)


def _log(algorithm, error):
    """The details of ``error`` in the message log: Critical for an unexpected error."""
    details = bug_report(algorithm, error)
    if isinstance(error, (OSError, MemoryError)):
        # Not a bug: the details are information, not an alarm for the test suite.
        QgsMessageLog.logMessage(details.replace(BUG_REPORT_MARK, "MDI details", 1),
                                 LOG_TAG, Qgis.MessageLevel.Info)
    else:
        QgsMessageLog.logMessage(details, LOG_TAG, Qgis.MessageLevel.Critical)
