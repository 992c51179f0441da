"""One run of a model: what every MDI step of it read and wrote.

A model (``mdi:mdi_keten``, or a user's copy of it with other wiring or more steps) runs
its child algorithms one after the other. A step only sees its own parameters, so its
output guard alone cannot see that the last step's output is the GeoPackage layer the
first step read, nor remove what earlier steps wrote when a later one fails. The steps of
one model run share two things (QGIS 3.22 to 3.44, ``QgsProcessingModelAlgorithm``): the
processing context and the model's ``QgsProcessingMultiStepFeedback``, which QGIS creates
for that run and destroys when it ends. The ``ModelRun`` lives on that feedback object (a
Qt property), bound to the context, so:

* it holds exactly one model run: a new run (also of the same model, in the same context)
  has a new feedback and starts empty, even when QGIS reuses the memory of the last one
  (the feedback lives on the model's stack); it is gone when QGIS destroys the feedback;
* runs outside a model have none (``in_model``: a model's feedback, the model's scope in
  the context and this step's algorithm id): a single run; each row of a batch (the batch
  dialog shares one QgsProcessingBatchFeedback between rows, with a new context per row);
  runs of a script that shares one context and feedback, also after a model ran in that
  context. So one run never refuses or removes another's output;
* it keeps places and paths only (strings), never a layer, sink or context.

The output guard (``safe_output.OutputGuard``) adds each step's inputs, refuses an output
that replaces something any step of the run read, hands over what a successful step wrote,
and after a failure or cancel removes what the earlier steps created in this run (an output
that replaced an existing file or layer is kept and reported: its old contents are gone).

Not covered: a model inside a model (the inner model has its own feedback, hence its own
ModelRun), a failing step that is not an MDI algorithm (QGIS gives other algorithms'
failures no hook; the earlier MDI outputs then stay), and a Python script that runs MDI
algorithms as steps with one multi-step feedback right after a model with the same last
step ran in the same context (it would be taken for that model's run).
"""

import uuid

from .places import replaces

_RUN_PROPERTY = "mdiModelRun"
_CONTEXT_PROPERTY = "mdiContextId"
_MODEL_FEEDBACK_CLASS = "QgsProcessingMultiStepFeedback"
#: Variable of the expression context scope QGIS adds for a model's steps.
_MODEL_VARIABLE = "model_name"
#: Variable of the scope QGIS adds for the step being run (its algorithm id).
_STEP_VARIABLE = "algorithm_id"


class Read:
    """An input a step read: its parameter, its Place and the step (algorithm name)."""

    __slots__ = ("parameter", "place", "step")

    def __init__(self, parameter, place, step=None):
        self.parameter = parameter
        self.place = place
        self.step = step


class ModelRun:
    """What the MDI steps of one model run read and wrote."""

    def __init__(self, context_id):
        self.context_id = context_id
        self.reads = []          # [Read]
        self.created = []        # [(step, kind, target, data)]: removed if a later step fails
        self.kept = []           # [(step, target)]: replaced an existing output

    def read(self, step, reads):
        """Record the inputs of a step."""
        self.reads.extend(Read(r.parameter, r.place, step) for r in reads)

    def replaced_read(self, place):
        """The Read that writing ``place`` would replace, or None."""
        for read in self.reads:
            if replaces(place, read.place):
                return read
        return None

    def wrote(self, step, kind, target, data):
        """Record an output a step created (kind 'sink', 'file' or 'folder')."""
        self.created.append((step, kind, target, data))

    def replaced(self, step, target):
        """Record an output a step wrote over an existing file, layer or table."""
        self.kept.append((step, target))

    def take_created(self):
        """The created outputs, newest first, forgotten here (removed by the caller)."""
        created, self.created = list(reversed(self.created)), []
        return created


def _context_id(context):
    """An id for a processing context that lives as long as the context (a Qt property of
    its temporary layer store: a new context at the same address has none)."""
    store = context.temporaryLayerStore()
    value = store.property(_CONTEXT_PROPERTY)
    if not isinstance(value, str) or not value:
        value = uuid.uuid4().hex
        store.setProperty(_CONTEXT_PROPERTY, value)
    return value


def in_model(context, feedback, algorithm_id):
    """True when this run of algorithm ``algorithm_id`` is a step of a model run: QGIS
    hands a step the model's multi-step feedback and a context whose expression scopes name
    the model and the step's algorithm. (The scopes stay in the context after the model
    ended: the feedback's class and the algorithm id keep a later single run in that
    context from counting as a step.)"""
    if feedback is None or context is None:
        return False
    try:
        feedback_class = feedback.metaObject().className()
    except (AttributeError, RuntimeError):
        return False
    scopes = context.expressionContext()
    return feedback_class == _MODEL_FEEDBACK_CLASS and scopes.hasVariable(_MODEL_VARIABLE) \
        and scopes.variable(_STEP_VARIABLE) == algorithm_id


def model_run(context, feedback, algorithm_id):
    """The ModelRun of the model run this step of ``algorithm_id`` belongs to, or None
    outside a model."""
    if not in_model(context, feedback, algorithm_id):
        return None
    context_id = _context_id(context)
    run = feedback.property(_RUN_PROPERTY)
    if not isinstance(run, ModelRun) or run.context_id != context_id:
        run = ModelRun(context_id)
        feedback.setProperty(_RUN_PROPERTY, run)
    return run
