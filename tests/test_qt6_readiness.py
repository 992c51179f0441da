"""QGIS 4 (Qt 6) readiness: every Qt name the plugin uses through qgis.PyQt exists under
PyQt6 (from PyPI, isolated venv) and PyQt5, and the .ui loads with PyQt6's uic
(scripts/qt6_check.py). The check itself must catch PyQt5-only spellings."""

import subprocess
import sys

import pytest

SYS_PY = "/usr/bin/python3"

PYQT5_ONLY = '''
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtWidgets import QAction, QDialog


ALIGN = Qt.AlignLeft
KIND = QVariant.Double


def show(dialog: QDialog):
    return dialog.exec_()
'''

BOTH = '''
from qgis.PyQt.QtCore import QMetaType, Qt
from qgis.PyQt.QtWidgets import QDialog

try:
    from qgis.PyQt.QtGui import QAction
except ImportError:
    from qgis.PyQt.QtWidgets import QAction

ALIGN = Qt.AlignmentFlag.AlignLeft
KIND = QMetaType.Type.Double
GUARDED = Qt.AlignLeft  # qt5-only: a fallback that never runs on Qt 6


def show(dialog: QDialog):
    return dialog.exec(), QAction
'''

UI = '''<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <class>Probe</class>
 <widget class="QWidget" name="Probe">
  <layout class="QVBoxLayout" name="layout">
   <item>
    <widget class="QComboBox" name="combo">
     <property name="sizeAdjustPolicy">
      <enum>{policy}</enum>
     </property>
    </widget>
   </item>
   <item>
    <widget class="QgsFileWidget" name="file"/>
   </item>
  </layout>
 </widget>
 <customwidgets>
  <customwidget>
   <class>QgsFileWidget</class>
   <extends>QWidget</extends>
   <header>qgis.gui</header>
  </customwidget>
 </customwidgets>
 <resources/>
 <connections/>
</ui>
'''


def qt6_check(repo_root, *args):
    return subprocess.run([SYS_PY, str(repo_root / "scripts" / "qt6_check.py"), *args],
                          capture_output=True, text=True, timeout=900,
                          stdin=subprocess.DEVNULL)


@pytest.mark.subprocess
def test_every_qt_name_of_the_plugin_exists_in_pyqt6_and_pyqt5(repo_root):
    result = qt6_check(repo_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "qt6_check: ok" in result.stdout
    assert "1 .ui file(s)" in result.stdout and "PyQt6 6." in result.stdout


@pytest.mark.subprocess
def test_the_check_catches_pyqt5_only_spellings(repo_root, tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(PYQT5_ONLY, encoding="utf-8")
    bad_ui = tmp_path / "bad.ui"
    # Qt 5 only: AdjustToMinimumContentsLength was removed in Qt 6
    bad_ui.write_text(UI.format(policy="QComboBox::AdjustToMinimumContentsLength"),
                      encoding="utf-8")
    result = qt6_check(repo_root, "all", "--source", str(bad), "--ui", str(bad_ui))
    output = result.stdout
    assert result.returncode == 1, output + result.stderr
    for finding in ("Qt.AlignLeft (from qgis.PyQt.QtCore) does not exist in PyQt6",
                    "QVariant.Double (from qgis.PyQt.QtCore) does not exist in PyQt6",
                    "QAction (from qgis.PyQt.QtWidgets) does not exist in PyQt6",
                    "exec_() is a PyQt5-only spelling",
                    "bad.ui: PyQt6 uic cannot load it"):
        assert finding in output, finding + "\n" + output
    assert "qt6_check: 5 problem(s)" in output


@pytest.mark.subprocess
def test_the_check_accepts_spellings_that_work_in_both(repo_root, tmp_path):
    good = tmp_path / "good.py"
    good.write_text(BOTH, encoding="utf-8")
    good_ui = tmp_path / "good.ui"
    good_ui.write_text(UI.format(policy="QComboBox::AdjustToContents"), encoding="utf-8")
    result = qt6_check(repo_root, "all", "--source", str(good), "--ui", str(good_ui))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "qt6_check: ok" in result.stdout


@pytest.mark.parametrize("module", ["PyQt5.QtCore", "PyQt6.QtWidgets"])
def test_direct_pyqt_imports_are_refused(repo_root, tmp_path, module):
    source = tmp_path / "direct.py"
    source.write_text("from {} import Qt\n".format(module), encoding="utf-8")
    sys.path.insert(0, str(repo_root / "scripts"))
    try:
        import qt6_check
        found = qt6_check.scan([str(source)])
    finally:
        sys.path.remove(str(repo_root / "scripts"))
    assert any("imports {} directly".format(module) in p for p in found["problems"])
