"""Shared pytest fixtures for MDI voor QGIS.

The suite normally runs under pytest-qgis (``make test``), which starts one headless
QgsApplication for the whole session. Nothing in this file imports qgis at module
level, so the pure-numpy core tests also run without QGIS:

    python -m pytest -p no:pytest_qgis tests/core

Fixtures:

* ``repo_root`` (session) -> pathlib.Path of the checkout.
* ``mdi_provider`` (session) -> the registered ``MdiProvider`` instance. Initialises
  Processing (through pytest-qgis's ``qgis_processing``) and adds the provider to
  ``QgsApplication.processingRegistry()``, so ``processing.run("mdi:...", {...})``
  works in-process.
* ``qgis_process`` (function) -> callable ``qgis_process(*args, timeout=600, env=None)``
  that runs ``scripts/qgis_process.sh *args`` in a subprocess with a fresh temporary
  QGIS profile and returns ``subprocess.CompletedProcess[str]`` (stdout/stderr text).
* ``sample_gpkg`` (session) -> pathlib.Path of resources/sample_data/mdi_voorbeeld.gpkg.
* ``gemeenten_mdi``, ``buurten_mdi`` (session) -> str path of a GeoPackage with the sample
  gemeenten / buurten after ``mdi:computemdi`` (YEAR_FIELD jaar); ``buurten_klassen``
  (session) -> the buurten after computemdi + ``mdi:classifyquartiles`` (METHOD 1,
  quartiles of all years pooled). Made once per session: use them as read-only inputs.

Markers (pytest.ini): a test that starts another program carries ``qgis_process``,
``desktop`` or ``subprocess`` (``make test-quick`` leaves those out). Tests that use the
``qgis_process`` fixture get that marker automatically; any other test that starts a
subprocess without one of the markers fails, so the quick loop stays quick.

Run-helpers (LogFeedback, null, runner, cancel_points, ...) are in ``mdi_test_helpers.py``.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

TESTS_DIR = REPO_ROOT / "tests"

# Tests import the plugin code as the top-level package ``mdi_plugin`` (it uses only
# relative imports), so the repo root must be importable; helper modules that live in
# tests/ (e.g. ``import mdi_reference``) need tests/ itself on sys.path, because
# pytest runs with --import-mode=importlib (see pytest.ini), which adds nothing.
for _path in (TESTS_DIR, REPO_ROOT):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

QGIS_PROCESS_SH = REPO_ROOT / "scripts" / "qgis_process.sh"
#: First line of every Python traceback.
TRACEBACK = "Traceback (most recent call last)"
#: First words of the details the plugin's safety net logs for an unexpected error
#: (mdi_plugin/processing/failures.py): a bug behind a friendly message. A test whose run
#: logs them fails (in-process: ``_no_bug_reports``; qgis_process: QgisProcessRunner),
#: unless it asks for ``expect_bug_report``.
BUG_REPORT = "MDI bug report"
SAMPLE_GPKG = REPO_ROOT / "resources" / "sample_data" / "mdi_voorbeeld.gpkg"

try:  # hypothesis profiles: deterministic and without deadlines on CI
    from hypothesis import HealthCheck, settings
except ImportError:  # pragma: no cover - hypothesis not installed
    pass
else:
    settings.register_profile(
        "ci",
        deadline=None,
        derandomize=True,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", deadline=None)
    settings.load_profile(
        os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
    )


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """Root of the checkout (the plugin folder)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def mdi_provider(qgis_processing):
    """Processing initialised, with the MDI provider (id ``mdi``) registered.

    ``qgis_processing`` is pytest-qgis's fixture: it runs
    ``processing.core.Processing.Processing.initialize()`` (native, qgis and gdal
    providers). Use e.g.::

        from qgis import processing

        def test_run(mdi_provider, sample_gpkg, tmp_path):
            result = processing.run("mdi:computemdi", {...})
    """
    from qgis.core import QgsApplication

    from mdi_plugin.processing.provider import MdiProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("mdi")
    if existing is not None:  # e.g. registered by another fixture/test already
        yield existing
        return
    provider = MdiProvider()
    if not registry.addProvider(provider):
        raise RuntimeError("could not register MdiProvider with the processing registry")
    yield provider
    registry.removeProvider(provider)
    # what QGIS keeps of failed runs (e.g. a test's own input layer) goes before QGIS exits:
    # a layer destroyed after exitQgis crashes the interpreter at exit
    from mdi_plugin.processing.failures import release_failed_runs
    release_failed_runs()
    gc.collect()


class QgisProcessRunner:
    """Callable that runs scripts/qgis_process.sh with its own QGIS profile."""

    def __init__(self, profile: Path, workdir: Path):
        self.profile = profile
        self.workdir = workdir

    def __call__(self, *args, timeout: float = 600, env: dict | None = None,
                 check: bool = False,
                 allow_traceback: bool = False) -> subprocess.CompletedProcess:
        run_env = dict(os.environ)
        # pytest-qgis points these at <rootdir>/.qgis-settings for the in-process
        # app; the subprocess gets its own fresh profile instead.
        run_env.pop("QGIS_OPTIONS_PATH", None)
        run_env["QGIS_CUSTOM_CONFIG_PATH"] = str(self.profile)
        run_env.setdefault("QT_QPA_PLATFORM", "offscreen")
        if env:
            run_env.update(env)
        result = subprocess.run(
            ["bash", str(QGIS_PROCESS_SH), *map(str, args)],
            cwd=str(self.workdir),
            env=run_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=check,
        )
        if allow_traceback:
            return result
        # A Python traceback is never an acceptable answer to a user, even when
        # qgis_process exits 0 (QGIS only logs exceptions raised after the features
        # are written, e.g. in postProcessAlgorithm).
        output = result.stdout + result.stderr
        if TRACEBACK in output or BUG_REPORT in output:
            pytest.fail("Python traceback in `qgis_process {}`:\n{}".format(
                " ".join(map(str, args[:2])), output[-4000:]), pytrace=False)
        return result


@pytest.fixture(scope="session")
def _plugin_profile(tmp_path_factory) -> Path:
    """A QGIS profile in which scripts/qgis_process.sh has enabled the plugin (made once
    per test process: enabling costs a QGIS start, ~2 s)."""
    profile = tmp_path_factory.mktemp("qgis-profile-template")
    QgisProcessRunner(profile, profile)("--version", check=True)
    return profile


@pytest.fixture
def qgis_process(tmp_path_factory, _plugin_profile) -> QgisProcessRunner:
    """Run ``scripts/qgis_process.sh`` (qgis_process.bin + plugin ``mdi``) in a subprocess.

    Each test gets a fresh copy of a QGIS profile in which only the plugin was enabled
    (``_plugin_profile``). Example::

        def test_cli(qgis_process, sample_gpkg, tmp_path):
            out = tmp_path / "out.gpkg"
            res = qgis_process("run", "mdi:computemdi", "--",
                               f"INPUT={sample_gpkg}|layername=gemeenten",
                               "YEAR_FIELD=jaar", f"OUTPUT={out}")
            assert res.returncode == 0, res.stdout + res.stderr

    Pass ``"--json"`` after the algorithm id for machine-readable output
    (``json.loads(res.stdout)["results"]``).
    """
    profile = tmp_path_factory.mktemp("qgis-profile") / "profile"
    shutil.copytree(_plugin_profile, profile, symlinks=True)
    workdir = tmp_path_factory.mktemp("qgis-process-cwd")
    return QgisProcessRunner(profile, workdir)


@pytest.fixture(scope="session")
def sample_gpkg() -> Path:
    """Path of the shipped sample GeoPackage (``make sample-data`` regenerates it)."""
    if not SAMPLE_GPKG.is_file():
        pytest.fail(f"{SAMPLE_GPKG} missing: run `make sample-data`", pytrace=False)
    return SAMPLE_GPKG


def _computed_sample(folder, sample_gpkg, layer):
    from qgis import processing
    target = folder / "{}_mdi.gpkg".format(layer)
    processing.run("mdi:computemdi", {"INPUT": "{}|layername={}".format(sample_gpkg, layer),
                                      "YEAR_FIELD": "jaar", "OUTPUT": str(target)})
    return str(target)


@pytest.fixture(scope="session")
def gemeenten_mdi(mdi_provider, sample_gpkg, tmp_path_factory) -> str:
    """The sample gemeenten (2014, 2019, 2023) after computemdi, as a GeoPackage path."""
    return _computed_sample(tmp_path_factory.mktemp("sample_mdi"), sample_gpkg, "gemeenten")


@pytest.fixture(scope="session")
def buurten_mdi(mdi_provider, sample_gpkg, tmp_path_factory) -> str:
    """The sample buurten (1764) after computemdi, as a GeoPackage path."""
    return _computed_sample(tmp_path_factory.mktemp("sample_mdi"), sample_gpkg, "buurten")


@pytest.fixture(scope="session")
def buurten_klassen(buurten_mdi, tmp_path_factory) -> str:
    """The sample buurten after computemdi + classifyquartiles (METHOD 1: quartiles of all
    years pooled), as a GeoPackage path."""
    from qgis import processing
    target = tmp_path_factory.mktemp("sample_mdi") / "buurten_klassen.gpkg"
    processing.run("mdi:classifyquartiles", {"INPUT": buurten_mdi, "METHOD": 1,
                                             "OUTPUT": str(target)})
    return str(target)


@pytest.fixture(autouse=True)
def _no_bug_reports(request):
    """Fail a test during which an MDI run logged a bug report (see BUG_REPORT): the
    safety net must not hide a programming error from the suite."""
    if "qgis.core" not in sys.modules:             # the core tests run without QGIS
        yield []
        return
    from qgis.core import QgsApplication
    reports = []

    def listen(message, tag, level):
        if str(message).startswith(BUG_REPORT):
            reports.append(message)

    QgsApplication.messageLog().messageReceived.connect(listen)
    yield reports
    QgsApplication.messageLog().messageReceived.disconnect(listen)
    if reports and "expect_bug_report" not in request.fixturenames:
        pytest.fail("An MDI run hit an unexpected error (a bug):\n" + "\n".join(reports),
                    pytrace=False)


@pytest.fixture
def expect_bug_report(_no_bug_reports):
    """The bug reports logged during this test (for tests of the safety net itself)."""
    return _no_bug_reports


# -- markers: a quick loop without the tests that start other programs ----------------------

#: Markers of tests that start another program (pytest.ini); ``make test-quick`` skips them.
SUBPROCESS_MARKERS = ("qgis_process", "desktop", "subprocess")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests using the ``qgis_process`` fixture carry the ``qgis_process`` marker (before
    ``-m`` deselects anything)."""
    for item in items:
        if "qgis_process" in getattr(item, "fixturenames", ()) and \
                item.get_closest_marker("qgis_process") is None:
            item.add_marker(pytest.mark.qgis_process)


@pytest.fixture(autouse=True)
def _subprocess_needs_a_marker(request, monkeypatch):
    """A test that starts a subprocess without a SUBPROCESS_MARKERS marker fails: it would
    slow down ``make test-quick`` unseen. (Fixtures of a wider scope, e.g. the desktop runs
    of a module, start theirs before this check: mark the tests that use them.)"""
    if any(request.node.get_closest_marker(m) for m in SUBPROCESS_MARKERS):
        return
    real_popen = subprocess.Popen

    class UnmarkedPopen(real_popen):
        def __init__(self, args, *more, **options):
            pytest.fail("{} starts a subprocess ({}) but has none of the markers {}: add "
                        "@pytest.mark.subprocess (or qgis_process / desktop).".format(
                            request.node.nodeid, args, ", ".join(SUBPROCESS_MARKERS)),
                        pytrace=False)

    monkeypatch.setattr(subprocess, "Popen", UnmarkedPopen)
