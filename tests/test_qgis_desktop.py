"""The dock in a real QGIS desktop under Xvfb (xvfb-run from the xvfb package): opens in
the right dock area, styles a layer, and unloading the plugin leaves nothing behind.
xvfb-run and qgis come from scripts/setup.sh. Screenshot: .build/test-artifacts/."""

import json
import os
import shutil
import subprocess

import pytest

from map_helpers import REPO_ROOT, artifact


def test_desktop_tools_are_installed():
    """scripts/setup.sh installs them; without them the desktop tests cannot run."""
    assert shutil.which("xvfb-run") and shutil.which("qgis"), "run scripts/setup.sh"


@pytest.mark.desktop
def test_dock_in_qgis_desktop(qgis_process, mdi_provider, sample_gpkg, tmp_path):
    from qgis import processing
    gpkg = tmp_path / "gemeenten_mdi.gpkg"
    processing.run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                                      "YEAR_FIELD": "jaar", "OUTPUT": str(gpkg)})
    # a fresh profile with the plugin enabled (scripts/qgis_process.sh does that)
    enabled = qgis_process("list")
    assert enabled.returncode == 0, enabled.stderr
    result_file = tmp_path / "result.json"
    screenshot = artifact("qgis_desktop_dock.png")
    env = dict(os.environ)
    env.pop("QGIS_OPTIONS_PATH", None)
    env.pop("QT_QPA_PLATFORM", None)
    env.update(QGIS_CUSTOM_CONFIG_PATH=str(qgis_process.profile),
               QGIS_PLUGINPATH=str(REPO_ROOT / ".build" / "qgis-plugins"),
               MDI_DESKTOP_RESULT=str(result_file), MDI_DESKTOP_SCREENSHOT=str(screenshot),
               MDI_DESKTOP_GPKG=str(gpkg))
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "qgis", "--nologo",
         "--noversioncheck", "--code", str(REPO_ROOT / "tests" / "qgis_desktop_check.py")],
        env=env, capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL)
    assert result_file.exists(), run.stdout[-2000:] + run.stderr[-2000:]
    result = json.loads(result_file.read_text(encoding="utf-8"))
    assert "error" not in result, result["error"]
    assert result["dock_before"] is False          # created lazily
    assert result["dock_area_right"] and result["dock_visible"]
    assert result["labels"] == ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                                "Zeer hoog (\u2265 60)", "Geen gegevens"]
    # the dock starts on the MDI layer, not on the selected boundary layer and its fid,
    # and keeps the user's style as a named style to switch back to
    assert result["default_layer"] == result["mdi_layer"] and result["default_field"] == "mdi"
    assert result["current_style"] == "MDI classes"
    assert result["styles"] == sorted([result["user_style"], "MDI classes"])
    assert result["unloaded"] is True
    assert result["docks_left"] == [] and result["actions_left"] == []
    assert screenshot.exists()
