"""Helpers every algorithm test uses: run an algorithm, keep its log, read NULLs, and pick
the progress updates a cancel test presses cancel at.

``tests/`` is on sys.path (see conftest.py), so test files ``from mdi_test_helpers import
...``. Fixtures (sample layers, the provider) live in conftest.py.
"""

import functools
import math

from qgis import processing
from qgis.core import QgsProcessingFeedback
from qgis.PyQt.QtCore import QVariant


class LogFeedback(QgsProcessingFeedback):
    """Feedback that keeps every message of a run (``.infos``, ``.warnings``, ``.errors``,
    ``.other``; all of them as ``.lines`` or ``.text``)."""

    def __init__(self):
        super().__init__()
        self.infos, self.warnings, self.errors, self.other = [], [], [], []

    def pushInfo(self, text):  # noqa: N802 - QGIS API
        self.infos.append(text)
        super().pushInfo(text)

    def pushWarning(self, text):  # noqa: N802 - QGIS API
        self.warnings.append(text)
        super().pushWarning(text)

    def reportError(self, text, fatal=False):  # noqa: N802 - QGIS API
        self.errors.append(text)
        super().reportError(text, fatal)

    def pushDebugInfo(self, text):  # noqa: N802 - QGIS API
        self.other.append(text)
        super().pushDebugInfo(text)

    def pushCommandInfo(self, text):  # noqa: N802 - QGIS API
        self.other.append(text)
        super().pushCommandInfo(text)

    def pushConsoleInfo(self, text):  # noqa: N802 - QGIS API
        self.other.append(text)
        super().pushConsoleInfo(text)

    @property
    def lines(self):
        return self.infos + self.warnings + self.errors + self.other

    @property
    def text(self):
        return "\n".join(self.lines)


def null(value, nan=False):
    """True for a NULL attribute (None, QGIS's NULL QVariant); with ``nan`` also for a
    float NaN. Without ``nan`` a NaN is a value (an output that should be NULL but holds
    NaN fails), and the text "NULL" is always a value."""
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return True
    return nan and isinstance(value, float) and math.isnan(value)


def missing(value):
    """NULL or NaN: no number (for inputs, where both mean 'no value')."""
    return null(value, nan=True)


def as_float(value):
    """An attribute as a float, NULL as NaN."""
    return math.nan if null(value) else float(value)


def run_algorithm(algorithm, parameters, feedback=None, outputs=("OUTPUT",), context=None):
    """``processing.run`` with a memory layer for each of ``outputs`` not given."""
    parameters = dict(parameters)
    for name in outputs:
        parameters.setdefault(name, "memory:")
    return processing.run(algorithm, parameters, feedback=feedback, context=context)


def runner(algorithm, *outputs):
    """``run(parameters, feedback=None)`` for one algorithm: ``run = runner("mdi:topn")``;
    name the outputs that default to memory layers when there are several."""
    return functools.partial(run_algorithm, algorithm, outputs=outputs or ("OUTPUT",))


def cancel_points(updates, between=3, also=()):
    """The progress updates (1..updates) a cancel test presses cancel at: the first, the
    last, ``between`` evenly spread between them and any of ``also``. Deterministic, and
    every update when a run makes only a few: a sample proves "a cancel anywhere leaves
    nothing" as well as trying each update, in a fraction of the runs."""
    if updates <= between + 2:
        return list(range(1, updates + 1))
    spread = {1 + round(k * (updates - 1) / (between + 1)) for k in range(1, between + 1)}
    return sorted({1, updates} | spread | {n for n in also if 1 <= n <= updates})
