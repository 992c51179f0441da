"""The installable zip: runtime files only, installs into a clean profile, loads and unloads."""

import configparser
import importlib.util
import json
import os
import shutil
import subprocess
import zipfile

import pytest

RUNTIME_TOP = {"metadata.txt", "__init__.py", "LICENSE", "README.md", "mdi_plugin",
               "resources", "ui", "i18n"}


@pytest.fixture(scope="module")
def packager(repo_root):
    spec = importlib.util.spec_from_file_location(
        "package", str(repo_root / "scripts" / "package.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def plugin_zip(packager, tmp_path_factory):
    return packager.build_zip(str(tmp_path_factory.mktemp("dist")))


@pytest.fixture(scope="module")
def installed_profile(plugin_zip, tmp_path_factory):
    """A fresh QGIS profile folder with the zip extracted into its plugins folder."""
    profiles = tmp_path_factory.mktemp("profiles")
    default = profiles / "profiles" / "default"
    plugins = default / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as archive:
        archive.extractall(str(plugins))
    settings = default / "QGIS"
    settings.mkdir()
    (settings / "QGIS3.ini").write_text("[PythonPlugins]\nmdi=true\n", encoding="utf-8")
    return profiles


def clean_env(profiles):
    env = {k: v for k, v in os.environ.items()
           if k not in ("QGIS_PLUGINPATH", "QGIS_OPTIONS_PATH", "QGIS_CUSTOM_CONFIG_PATH")}
    env.update(QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(profiles),
               PYTHONWARNINGS="ignore::DeprecationWarning")
    return env


def test_zip_holds_runtime_files_only(plugin_zip, packager, repo_root):
    with zipfile.ZipFile(plugin_zip) as archive:
        names = archive.namelist()
        metadata = archive.read("mdi/metadata.txt").decode("utf-8")
    assert all(name.startswith("mdi/") for name in names)
    assert {name.split("/")[1] for name in names} <= RUNTIME_TOP
    assert not any("/tests/" in n or "__pycache__" in n or n.endswith(".pyc") for n in names)
    for required in ("mdi/__init__.py", "mdi/metadata.txt", "mdi/LICENSE",
                     "mdi/mdi_plugin/processing/provider.py",
                     "mdi/resources/specs/pon_telos_2024.json",
                     "mdi/resources/models/mdi_keten.model3", "mdi/resources/icons/mdi.svg"):
        assert required in names
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(metadata)
    general = parser["general"]
    assert os.path.basename(plugin_zip) == "mdi-{}.zip".format(general["version"])
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["supportsQt6"] == "True"
    assert general["hasProcessingProvider"] == "yes"
    assert "changelog" in general and general["version"] in general["changelog"]
    assert "mdi/" + general["icon"] in names


@pytest.mark.qgis_process
def test_installed_zip_runs_under_qgis_process(installed_profile, sample_gpkg, tmp_path):
    binary = shutil.which("qgis_process.bin")
    env = clean_env(installed_profile)
    listing = subprocess.run([binary, "list"], env=env, capture_output=True, text=True,
                             stdin=subprocess.DEVNULL, timeout=300)
    assert listing.returncode == 0, listing.stderr
    for algorithm in ("mdi:computemdi", "mdi:classifyquartiles", "mdi:aggregatetoregions",
                      "mdi:flagperiphery", "mdi:joinregiokompas", "mdi:mdi_keten"):
        assert algorithm in listing.stdout
    target = tmp_path / "uit.gpkg"
    run = subprocess.run([binary, "run", "mdi:computemdi", "--",
                          "INPUT={}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD=jaar",
                          "OUTPUT={}".format(target)],
                         env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert target.exists()


CHECK_SCRIPT = """
import json
import qgis.utils
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QDockWidget

registry = QgsApplication.processingRegistry()
window = qgis.utils.iface.mainWindow()
provider = registry.providerById("mdi")
result = {
    "loaded": qgis.utils.isPluginLoaded("mdi"),
    "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else [],
    "actions": sorted(a.objectName() for a in window.findChildren(QAction)
                      if a.objectName().startswith("mdi")),
}
qgis.utils.unloadPlugin("mdi")
result["provider_after_unload"] = registry.providerById("mdi") is not None
result["actions_after_unload"] = sorted(a.objectName() for a in window.findChildren(QAction)
                                        if a.objectName().startswith("mdi"))
result["docks_after_unload"] = sorted(d.objectName() for d in window.findChildren(QDockWidget)
                                      if d.objectName().startswith("mdi"))
with open(OUT, "w") as handle:
    json.dump(result, handle)
QTimer.singleShot(0, QgsApplication.instance().quit)
"""


@pytest.mark.desktop
def test_installed_zip_loads_and_unloads_in_qgis_desktop(installed_profile, tmp_path):
    """Start the real QGIS desktop (under Xvfb) on a clean profile with the installed zip."""
    out = tmp_path / "result.json"
    script = tmp_path / "check.py"
    script.write_text("OUT = {!r}\n".format(str(out)) + CHECK_SCRIPT, encoding="utf-8")
    env = clean_env(installed_profile)
    env.pop("QT_QPA_PLATFORM")
    env.pop("QGIS_CUSTOM_CONFIG_PATH")
    completed = subprocess.run(
        ["xvfb-run", "-a", "qgis", "--nologo", "--noversioncheck", "--profiles-path",
         str(installed_profile), "--code", str(script)],
        env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert out.exists(), completed.stdout + completed.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["loaded"]
    assert "mdi:computemdi" in result["algorithms"] and "mdi:mdi_keten" in result["algorithms"]
    assert not result["provider_after_unload"]
    assert result["actions_after_unload"] == [] and result["docks_after_unload"] == []
