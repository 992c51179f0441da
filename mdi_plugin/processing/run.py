"""One run of an MDI algorithm: its parameters, feedback, progress steps and outputs.

``MdiAlgorithm.processAlgorithm`` makes an ``AlgorithmRun`` and hands it to the
algorithm's ``execute(run)``. Through it an algorithm reads its parameters (missing or invalid
inputs are errors naming the parameter), creates its outputs (every one checked and
recorded by the run's ``OutputGuard``), reports progress per step and says things in the
log in the UI language. Nothing here knows about a particular algorithm.
"""

import os

from qgis.core import (QgsProcessingException, QgsProcessingFeatureSourceDefinition,
                       QgsProcessingFeedback, QgsProcessingMultiStepFeedback)

from ..compat import is_null, parameter_as_strings
from ..i18n import tr_template
from . import fields
from .columnar import columnar_layer
from .field_limits import warn_renamed_fields
from .inputs import fix_csv_encodings, note_layer_choice
from .layer_names import name_output_layer
from .numeric_text import remember_layer
from .output_checks import check_field_names, make_parent_folder, real_destination
from .progress import check_cancel
from .run_record import RunRecord
from .safe_output import OutputGuard, sink_destination
from .transaction import Staging


class _StepFeedback(QgsProcessingMultiStepFeedback):
    """A QgsProcessingMultiStepFeedback whose progress reaches the parent through Python,
    so a Python feedback (a test's, a script's) sees every update: QgsFeedback.setProgress
    is not virtual, and the C++ class would bypass a Python override."""

    def __init__(self, count, parent):
        super().__init__(count, parent)
        self._count = count
        self._parent = parent
        self._step = 0

    def setCurrentStep(self, step):  # noqa: N802 - QGIS API
        self._step = step
        self._parent.setProgress(100.0 * step / self._count)

    def setProgress(self, progress):  # noqa: N802 - QGIS API
        self._parent.setProgress((self._step + progress / 100.0) * 100.0 / self._count)


class AlgorithmRun:
    """What one run of an algorithm reads and writes (see the module docstring)."""

    def __init__(self, algorithm, parameters, context, feedback):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.feedback = feedback if feedback is not None else QgsProcessingFeedback()
        self._steps = None
        self.record = RunRecord(algorithm, parameters, context, self.feedback)  # run_record
        fix_csv_encodings(algorithm, parameters, context, self.feedback)
        self.guard = OutputGuard(algorithm, parameters, context, self.feedback)
        self.staging = Staging(context, self.feedback)   # outputs written whole
        self.destinations = {}   # {output parameter: destination} for the output styles
        self.notes = []          # said again with an error (base._failure), e.g. which layer

    # -- parameters -------------------------------------------------------------------

    def is_set(self, name):
        """True when parameter ``name`` has a value (not None, NULL or blank text)."""
        value = self.parameters.get(name)
        return not (is_null(value) or (isinstance(value, str) and not value.strip()))

    def source(self, name="INPUT", optional=False):
        """The feature source of parameter ``name``; an error naming it when it cannot be
        opened (or, unless optional, is not set)."""
        if optional and not self.is_set(name):
            return None
        source = self.algorithm.parameterAsSource(self.parameters, name, self.context)
        if source is None:
            raise QgsProcessingException(
                self.algorithm.invalidSourceError(self.parameters, name))
        remember_layer(source, lambda: self.algorithm.parameterAsVectorLayer(
            self.parameters, name, self.context))   # text in numeric columns: numeric_text
        note_layer_choice(self, name)
        return source

    def layer(self, name="INPUT", optional=False):
        """The vector layer of parameter ``name`` (as ``source``)."""
        if optional and not self.is_set(name):
            return None
        layer = self.algorithm.parameterAsVectorLayer(self.parameters, name, self.context)
        if layer is None:
            raise QgsProcessingException(
                self.algorithm.invalidSourceError(self.parameters, name))
        note_layer_choice(self, name)
        return layer

    def columnar_layer(self, name="INPUT"):
        """The whole layer behind source ``name`` for the fast columnar reader, or None."""
        return columnar_layer(self.algorithm, self.parameters, name, self.context)

    def selected_only(self, name="INPUT"):
        """True when source ``name`` is limited to the selected features."""
        value = self.parameters.get(name)
        return isinstance(value, QgsProcessingFeatureSourceDefinition) and \
            bool(value.selectedFeaturesOnly)

    def text(self, name, default=None):
        """A string parameter, stripped; ``default`` when empty."""
        value = self.algorithm.parameterAsString(self.parameters, name, self.context)
        return value.strip() if value and value.strip() else default

    def texts(self, name):
        """A multiple field / string list parameter as a list of strings."""
        return parameter_as_strings(self.algorithm, self.parameters, name, self.context)

    def choice(self, name, choices):
        """``choices[i]`` for the enum parameter ``name`` set to option i."""
        return choices[self.algorithm.parameterAsEnum(self.parameters, name, self.context)]

    def choice_list(self, name, choices):
        """``[choices[i], ...]`` for the options chosen in multiple-enum parameter ``name``."""
        indices = self.algorithm.parameterAsEnums(self.parameters, name, self.context)
        return [choices[i] for i in indices]

    def choice_text(self, name):
        """The option text of a string-valued enum parameter, or None when empty."""
        value = self.algorithm.parameterAsEnumString(self.parameters, name, self.context)
        return value or None

    def integer(self, name):
        return self.algorithm.parameterAsInt(self.parameters, name, self.context)

    def number(self, name):
        return self.algorithm.parameterAsDouble(self.parameters, name, self.context)

    def optional_number(self, name):
        """An optional number parameter as float, or None when it is not set."""
        return self.number(name) if self.is_set(name) else None

    def flag(self, name):
        return self.algorithm.parameterAsBoolean(self.parameters, name, self.context)

    def file(self, name):
        """The path of a file parameter, or None."""
        return self.algorithm.parameterAsFile(self.parameters, name, self.context) or None

    def matrix(self, name):
        return self.algorithm.parameterAsMatrix(self.parameters, name, self.context) or []

    def field(self, name, source, default=None, layer=None):
        """Field parameter ``name`` as spelled in ``source`` (exact, else ignoring case);
        ``default`` when empty. A field that is not there is an error with a hint."""
        wanted = self.text(name, default)
        if wanted is None:
            return None
        return fields.require_field(source, wanted, name, layer)

    def field_list(self, name, source, layer=None):
        """Multiple-field parameter ``name`` as spelled in ``source``, without repeats."""
        found = [fields.require_field(source, f, name, layer) for f in self.texts(name)]
        return list(dict.fromkeys(found))

    # -- outputs ----------------------------------------------------------------------

    def sink(self, name, fields_, geometry_type, crs):
        """(sink, destination id) of feature sink parameter ``name``: refused when it would
        replace an input, removed again when the run fails or is cancelled."""
        definition = self.algorithm.parameterDefinition(name)
        value = self.parameters.get(name, definition.defaultValue())
        destination = real_destination(name, sink_destination(value, self.context),
                                       self.feedback)
        check_field_names(name, fields_, destination)
        self.guard.check_sink(name, destination)
        make_parent_folder(self.guard, name, destination.path)
        sink, dest_id, staged = self.staging.sink(   # a file: into a staging folder
            self.algorithm, self.parameters, name, value, destination,
            (fields_, geometry_type, crs))
        if sink is None:
            raise QgsProcessingException(
                self.algorithm.invalidSinkError(self.parameters, name))
        if not staged:          # staged: the destination is not touched before commit()
            self.guard.add_sink(destination, sink, dest_id)
        self.destinations[name] = dest_id
        name_output_layer(self, name, dest_id)   # "gemeenten_mdi", not "MDI"
        warn_renamed_fields(self.feedback, name, dest_id, fields_)   # Shapefile: 10 chars
        return sink, dest_id

    def file_output(self, name):
        """The path to write file destination ``name`` to (None when not set), checked by
        the guard: a staged path next to it, moved into place when the run succeeds
        (transaction.py; the outputs and messages name the destination itself)."""
        path = self.algorithm.parameterAsFileOutput(self.parameters, name, self.context)
        if not path:
            return None
        path = self.guard.check_file(name, path)
        make_parent_folder(self.guard, name, path)
        return self.staging.file(name, path)

    def output_folder(self, name):
        """Folder parameter ``name`` (None when empty), created if missing; a failed or
        cancelled run removes it again when it created it."""
        folder = self.algorithm.parameterAsFileOutput(self.parameters, name, self.context)
        return self.guard.make_folder(folder, name) if folder else None

    def written(self, path, folder_output=None):
        """The path to write ``path`` to, a file the algorithm writes (e.g. a chart in an
        output folder): refused when it is an input; staged as ``file_output``. The files
        of folder parameter ``folder_output`` (report pages, charts) share one run record
        in that folder instead of one each."""
        path = self.guard.check_file(os.path.basename(path), path, quiet=True)
        return self.staging.file(folder_output or os.path.basename(path), path,
                                 grouped=bool(folder_output))

    def commit(self, outputs=None):
        """The run succeeded: close and check every sink (a write error fails the run),
        store the default styles and the run record and put the outputs in place
        (transaction.py); then the guard keeps them. Returns ``outputs`` naming the final
        files (not their staged paths)."""
        outputs = {k: self.staging.final(v) for k, v in (outputs or {}).items()}
        for destination, sink, dest_id in self.staging.commit(
                self.algorithm.styled_outputs(), self.record):
            self.guard.add_sink(destination, sink, dest_id)   # in place: a model hands it on
        self.guard.commit()
        return outputs

    def discard(self, reason):
        """The run failed or was cancelled: remove everything it wrote; destinations of
        staged outputs stay as they were."""
        self.staging.discard(reason)
        self.guard.discard(reason)

    # -- progress, cancel, messages ---------------------------------------------------

    def steps(self, count):
        """Split the progress bar into ``count`` equal steps; returns the first step's
        feedback (functions report 0-100 % of the feedback they are given)."""
        self._steps = _StepFeedback(count, self.feedback)
        return self._steps

    def step(self, index):
        """The feedback of step ``index`` (0-based) of ``steps``; checks cancel."""
        check_cancel(self.feedback)
        self._steps.setCurrentStep(index)
        return self._steps

    def check_cancel(self):
        check_cancel(self.feedback)

    def info(self, template, **params):
        """Log a translated, formatted message."""
        self.feedback.pushInfo(self.staging.final(tr_template(template, params)))

    def warn(self, template, **params):
        """Log a translated, formatted warning."""
        self.feedback.pushWarning(self.staging.final(tr_template(template, params)))

    def warn_all(self, messages):
        """Log the core's Message warnings, translated."""
        for message in messages:
            self.feedback.pushWarning(tr_template(message.template, message.params))

    @staticmethod
    def fail(template, **params):
        """A QgsProcessingException with a translated, formatted message (raise it)."""
        return QgsProcessingException(tr_template(template, params))
