"""Strict mode: a DeprecationWarning raised by the plugin's own code is an error, in the
tests (pytest.ini) and under scripts/qgis_process.sh / `make demo`
(MDI_STRICT_DEPRECATIONS=1, mdi_plugin/__init__.py). Shown by putting a deprecated QGIS
call back into a copy of the plugin and running it through qgis_process."""

import re
import shutil
import warnings

import pytest
from qgis.core import QgsProcessingAlgorithm, QgsRectangle

from mdi_plugin import OWN_MODULES

#: parameterAsFields is deprecated since QGIS 3.40 (parameterAsStrings replaces it)
FIELDS_DEPRECATED = hasattr(QgsProcessingAlgorithm, "parameterAsStrings") and \
    "deprecated" in (QgsProcessingAlgorithm.parameterAsFields.__doc__ or "")
COMPAT_CALL = "return algorithm.parameterAsStrings(parameters, name, context)"
DEPRECATED_CALL = "return algorithm.parameterAsFields(parameters, name, context)"


def plugin_copy(repo_root, target):
    """The checkout without tests, venv and build output (scripts/qgis_process.sh in the
    copy loads the copy as the plugin)."""
    shutil.copytree(repo_root, target, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".build", "output", "tests", "dist", ".qgis-settings",
        ".pytest_cache", ".hypothesis", "__pycache__", "benchmarks", "docs"))
    return target


def run_aggregate(copy, sample_gpkg, tmp_path, qgis_process_env):
    import subprocess
    out = tmp_path / "regios.gpkg"
    return subprocess.run(
        ["bash", str(copy / "scripts" / "qgis_process.sh"), "run", "mdi:aggregatetoregions",
         "--", "INPUT={}|layername=gemeenten".format(sample_gpkg),
         "REGION_FIELD=coropcode", "YEAR_FIELD=jaar", "FIELDS=inwoners",
         "OUTPUT={}".format(out)],
        env=qgis_process_env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=300), out


def own_deprecations(output):
    """DeprecationWarning lines of the plugin's own code (QGIS 3.44 on Python 3.14 warns
    about its own codecs.open calls too: not ours)."""
    return [line for line in output.splitlines() if "DeprecationWarning" in line and
            ("mdi_plugin" in line or "parameterAsFields" in line)]


@pytest.fixture
def qgis_process_env(tmp_path):
    import os
    env = dict(os.environ)
    env.pop("QGIS_OPTIONS_PATH", None)
    env.pop("MDI_STRICT_DEPRECATIONS", None)  # the wrapper's default must be strict
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(tmp_path / "profile")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def test_the_strict_filter_covers_every_name_the_plugin_is_imported_under():
    pattern = re.compile(OWN_MODULES)
    for name in ("mdi", "mdi.mdi_plugin", "mdi.mdi_plugin.compat", "mdi_plugin",
                 "mdi_plugin.styling.layout"):
        assert pattern.match(name), name
    for name in ("mdi_reference", "qgis.core", "processing", "mdiplugin", "mdi2"):
        assert not (pattern.match(name) and pattern.match(name).end() == len(name)), name


def test_a_deprecated_call_from_plugin_code_is_an_error_in_the_tests():
    """pytest.ini turns DeprecationWarnings of mdi_plugin.* into errors."""
    code = compile("rectangle.setMinimal()", "<mdi_plugin>", "exec")
    plugin_globals = {"__name__": "mdi_plugin.styling.layout", "rectangle": QgsRectangle()}
    if not hasattr(QgsRectangle, "setNull"):   # QGIS < 3.34: setMinimal is current API
        exec(code, plugin_globals)
        return
    with pytest.raises(DeprecationWarning, match="setMinimal"):
        exec(code, plugin_globals)
    with warnings.catch_warnings(record=True):  # elsewhere it stays a warning
        warnings.simplefilter("always")
        exec(code, {"__name__": "some_other_plugin", "rectangle": QgsRectangle()})


@pytest.mark.qgis_process
def test_putting_a_deprecated_call_back_fails_the_qgis_process_run(
        repo_root, sample_gpkg, tmp_path, qgis_process_env):
    copy = plugin_copy(repo_root, tmp_path / "plugin")
    compat = copy / "mdi_plugin" / "compat.py"
    source = compat.read_text(encoding="utf-8")
    assert COMPAT_CALL in source
    # the current code passes ...
    result, out = run_aggregate(copy, sample_gpkg, tmp_path, qgis_process_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not own_deprecations(result.stdout + result.stderr)
    # ... and with the deprecated call put back, the run fails on QGIS that deprecates it
    compat.write_text(source.replace(COMPAT_CALL, DEPRECATED_CALL), encoding="utf-8")
    out.unlink()
    result, out = run_aggregate(copy, sample_gpkg, tmp_path, qgis_process_env)
    output = result.stdout + result.stderr
    if FIELDS_DEPRECATED:
        assert result.returncode != 0, output
        assert "parameterAsFields" in output and "deprecated" in output, output
        assert not out.exists()
    else:   # QGIS 3.22: parameterAsFields is the current API there
        assert result.returncode == 0, output
