"""What a failed run leaves behind in the Python process (mdi_plugin/processing/base.py,
failures.py). QGIS never releases the QgsProcessingException a Python algorithm raises,
with its traceback and so the frames it passed through and their callers: before this fix
a failed run kept its whole run (arrays, sinks, input layers) alive until QGIS exited, and
a script's own input layer was destroyed after QGIS's providers at exit (a crash)."""

import gc
import threading
import weakref

import pytest
from qgis.core import QgsProcessingException

from mdi_plugin.processing.run import AlgorithmRun
from mdi_test_helpers import run_algorithm as run
from qgis_layers import memory_layer


def scores():
    return memory_layer(["gemeentecode:string", "mdi:double"],
                        [("GM{:04d}".format(k), 40.0 + k) for k in range(8)])


def failing_script_run():
    """A script's own layer given to a run that fails; a weak reference to the layer."""
    layer = scores()
    with pytest.raises(QgsProcessingException, match="bestaat_niet"):
        run("mdi:classifyquartiles", {"INPUT": layer, "FIELD": "bestaat_niet"})
    return weakref.ref(layer)


def runs_alive():
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, AlgorithmRun)}


def test_a_failed_run_keeps_nothing_of_its_own(mdi_provider):
    """Nothing of the run itself (its AlgorithmRun holds the arrays, sinks and layers it
    read) outlives the failure, even before anything is released."""
    before = runs_alive()
    failing_script_run()
    assert runs_alive() <= before


def test_the_next_run_frees_the_inputs_of_a_failed_one(mdi_provider):
    layer = failing_script_run()
    gc.collect()
    assert layer() is not None          # what QGIS keeps, until the next run
    result = run("mdi:classifyquartiles", {"INPUT": scores()})
    assert result["OUTPUT"].featureCount() == 8
    gc.collect()
    assert layer() is None


def test_unloading_the_plugin_frees_the_inputs_of_a_failed_run(mdi_provider):
    from mdi_plugin.processing.failures import release_failed_runs
    layer = failing_script_run()
    release_failed_runs()               # what MdiPlugin.unload calls
    gc.collect()
    assert layer() is None


def test_a_caller_still_running_is_freed_once_it_has_ended(mdi_provider):
    """A script that falls back to another run after a failure: that run cannot free the
    script's locals yet (it is still running); the first run after the script does."""
    def script():
        layer = scores()
        with pytest.raises(QgsProcessingException):
            run("mdi:classifyquartiles", {"INPUT": layer, "FIELD": "bestaat_niet"})
        run("mdi:classifyquartiles", {"INPUT": layer})
        return weakref.ref(layer)

    layer = script()
    gc.collect()
    assert layer() is not None
    run("mdi:classifyquartiles", {"INPUT": scores()})
    gc.collect()
    assert layer() is None


def test_only_the_main_thread_frees_what_failed_runs_left(mdi_provider):
    """A run in a worker thread (as QGIS runs algorithms) leaves the main thread's objects
    to the main thread."""
    from mdi_plugin.processing.failures import release_failed_runs
    layer = failing_script_run()
    worker = threading.Thread(target=release_failed_runs)
    worker.start()
    worker.join()
    gc.collect()
    assert layer() is not None
    release_failed_runs()
    gc.collect()
    assert layer() is None
