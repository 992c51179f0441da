"""Cancel and progress for the long loops of the processing wing.

Loops report 0-100 % of the feedback they are given; an algorithm that has several
steps gives each step its own share through ``AlgorithmRun.step`` (a
QgsProcessingMultiStepFeedback), so no function needs to know where it sits in a run.
"""

#: Features between two cancel checks / progress reports.
CHECK_EVERY = 1000


class Cancelled(Exception):
    """The user cancelled the run; nothing more is written (the base class cleans up)."""


def check_cancel(feedback):
    """Raise Cancelled when the user pressed cancel."""
    if feedback is not None and feedback.isCanceled():
        raise Cancelled()


def report_every(total, every=CHECK_EVERY):
    """Items between two reports: ``every``, but at least ten reports in a short loop."""
    return max(1, min(every, total // 10))


def tick(feedback, count, total, every=CHECK_EVERY, start=0.0, end=100.0):
    """Every ``report_every(total, every)`` items: check cancel and report
    ``count / total`` of start..end %."""
    if count % report_every(total, every):
        return
    check_cancel(feedback)
    if feedback is not None:
        feedback.setProgress(start + (end - start) * count / max(total, 1))
