"""Qt 6 readiness check: does every Qt name the plugin uses exist under PyQt6 (QGIS 4)
as well as under PyQt5 (QGIS 3), and does the .ui file load with PyQt6's uic?

No QGIS 4 build can be installed on Debian, so this checks against PyQt6 from PyPI in an
isolated venv (no system site packages; requirements-qt6.txt) and against the system's
``qgis.PyQt`` (PyQt5):

    /usr/bin/python3 scripts/qt6_check.py            # all of it (make qt6-check)
    python scripts/qt6_check.py scan PATH...         # the Qt names used, as JSON
    python scripts/qt6_check.py verify --binding PyQt6 USAGES.json
    python scripts/qt6_check.py ui UI_FILE...        # PyQt6 only

What is checked (the QGIS project's plugin migration guidance for Qt 6):
* every ``from qgis.PyQt.<module> import Name`` and each attribute chain used on it
  (``Qt.AlignmentFlag.AlignLeft``, ``QMetaType.Type.Double``): it must resolve under
  PyQt6 and PyQt5. Unscoped enums (``Qt.AlignLeft``), ``QVariant.Type`` and names that
  moved module (``QtWidgets.QAction``) fail. Names imported in ``try`` / ``except
  ImportError`` pairs are alternatives: one of them must resolve under each binding;
* ``exec_()`` / ``print_()`` (PyQt5-only spellings) and direct ``PyQt5`` / ``PyQt6``
  imports (always go through ``qgis.PyQt``);
* a line marked ``# qt5-only: <reason>`` is a use that only runs on QGIS 3 (a compat
  fallback behind a version check); it is listed, not failed;
* each ``.ui`` file is loaded with PyQt6's ``uic`` and set up on its base widget, with
  QGIS's own widgets (``<customwidgets>``) stubbed by their ``<extends>`` class: Qt 6
  must know every widget, property and enum value in it.
Exit code 0 when everything resolves, 1 with a list of what does not.
"""

import argparse
import ast
import importlib
import json
import os
import subprocess
import sys
import types
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".build" / "qt6-venv"
REQUIREMENTS = ROOT / "requirements-qt6.txt"
#: What the plugin consists of (scripts and tests may use other Qt modules).
PLUGIN_SOURCES = [ROOT / "__init__.py", ROOT / "mdi_plugin"]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))
PYQT5_ONLY_METHODS = {"exec_": "exec", "print_": "print"}
GUARD_MARK = "# qt5-only"


# ----------------------------------------------------------------------------- scan
def python_files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        elif path.suffix == ".py":
            yield path


def _chain(node):
    """'Qt.AlignmentFlag.AlignLeft' and the root name of an Attribute/Name node."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None, None
    parts.append(node.id)
    return ".".join(reversed(parts)), node.id


def _import_alternatives(tree):
    """{local name: [(module, name), ...]} of the Qt imports of one file; a try/except
    ImportError around imports makes the imports of the same local name alternatives."""
    found = {}

    def add(node, into):
        for alias in node.names:
            local = alias.asname or alias.name
            into.setdefault(local, [])
            pair = (node.module.split(".", 2)[2] if node.module.count(".") >= 2 else None,
                    alias.name)
            if pair not in into[local]:
                into[local].append(pair)

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and \
                (node.module.startswith("qgis.PyQt.") or node.module == "qgis.PyQt"):
            add(node, found)
    return found


def scan_file(path):
    """(usages, problems) of one Python file."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    imported = _import_alternatives(tree)
    usages, problems = [], []
    rel = os.path.relpath(path, ROOT)

    def guarded(lineno):
        return GUARD_MARK in lines[lineno - 1]

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] in ("PyQt5", "PyQt6"):
                    problems.append(f"{rel}:{node.lineno}: imports {name} directly: use "
                                    f"qgis.PyQt")
        if isinstance(node, ast.Attribute) and node.attr in PYQT5_ONLY_METHODS \
                and not guarded(node.lineno):
            problems.append(f"{rel}:{node.lineno}: {node.attr}() is a PyQt5-only spelling: "
                            f"use {PYQT5_ONLY_METHODS[node.attr]}()")
    # the outermost attribute chain rooted at an imported Qt name
    parents = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Attribute, ast.Name)):
            continue
        if isinstance(parents.get(node), ast.Attribute):
            continue  # a link inside a longer chain
        chain, root = _chain(node)
        if chain is None or root not in imported:
            continue
        usages.append({"file": rel, "line": node.lineno, "name": chain,
                       "alternatives": imported[root], "guarded": guarded(node.lineno)})
    # names imported but never used still have to exist
    for local, alternatives in imported.items():
        usages.append({"file": rel, "line": 0, "name": local, "alternatives": alternatives,
                       "guarded": False})
    return usages, problems


def scan(paths):
    usages, problems = [], []
    for path in python_files(paths):
        file_usages, file_problems = scan_file(path)
        usages += file_usages
        problems += file_problems
    return {"usages": usages, "problems": problems}


# --------------------------------------------------------------------------- verify
def _resolve(binding, module, local_chain, imported_name):
    """True when the chain resolves under ``binding`` ('PyQt6' or 'qgis.PyQt')."""
    try:
        if module is None:  # from qgis.PyQt import uic
            owner = importlib.import_module(f"{binding}.{imported_name}")
        else:
            owner = getattr(importlib.import_module(f"{binding}.{module}"), imported_name)
    except (ImportError, AttributeError):
        return False
    for part in local_chain.split(".")[1:]:
        try:
            owner = getattr(owner, part)
        except AttributeError:
            return False
    return True


def verify(data, binding):
    """Messages for every usage that does not resolve under ``binding``."""
    missing, seen, guarded = [], set(), []
    for usage in data["usages"]:
        alternatives = [tuple(a) for a in usage["alternatives"]]
        key = (usage["name"], tuple(alternatives))
        ok = any(_resolve(binding, module, usage["name"], name)
                 for module, name in alternatives)
        if ok:
            continue
        where = "{}:{}".format(usage["file"], usage["line"])
        if usage["guarded"]:
            guarded.append(f"{where}: {usage['name']} (marked qt5-only)")
            continue
        if key in seen and usage["line"] == 0:
            continue
        seen.add(key)
        origin = " or ".join("qgis.PyQt.{}".format(m) if m else "qgis.PyQt"
                             for m, _n in alternatives)
        missing.append(f"{where}: {usage['name']} (from {origin}) does not exist in "
                       f"{binding}")
    return missing, guarded


# ------------------------------------------------------------------------------- ui
def _stub_custom_widgets(ui_path):
    """Modules for the .ui's <customwidget> headers, each class a subclass of its
    <extends> Qt widget that accepts any setter (QGIS widgets are not in PyQt6)."""
    from PyQt6 import QtWidgets  # noqa: QGS103 - the check is about raw PyQt6

    root = ElementTree.parse(ui_path).getroot()
    for custom in root.iter("customwidget"):
        name = custom.findtext("class")
        base = getattr(QtWidgets, custom.findtext("extends") or "QWidget")
        header = (custom.findtext("header") or name.lower()).replace(".h", "")
        parts = header.split(".")
        for depth in range(1, len(parts) + 1):
            module_name = ".".join(parts[:depth])
            module = sys.modules.get(module_name)
            if module is None or not getattr(module, "__mdi_stub__", False):
                module = types.ModuleType(module_name)
                module.__mdi_stub__ = True
                module.__path__ = []
                sys.modules[module_name] = module
        stub = type(name, (base,), {"__getattr__": _accept_setters})
        setattr(sys.modules[header], name, stub)


def _accept_setters(self, attribute):
    if attribute.startswith("set"):
        return lambda *args, **kwargs: None
    raise AttributeError(attribute)


def check_ui(paths):
    """Problems loading each .ui with PyQt6's uic (offscreen QApplication)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt6 import uic  # noqa: QGS103 - the check is about raw PyQt6
    from PyQt6.QtWidgets import QApplication  # noqa: QGS103 - raw PyQt6 on purpose

    app = QApplication.instance() or QApplication([])
    problems = []
    for path in map(Path, paths):
        try:
            _stub_custom_widgets(path)
            form_class, base_class = uic.loadUiType(str(path))
            widget = base_class()
            form_class().setupUi(widget)
            widget.deleteLater()
        except Exception as err:  # noqa: BLE001 - every failure is a finding
            problems.append("{}: PyQt6 uic cannot load it: {}: {}".format(
                os.path.relpath(path, ROOT), type(err).__name__, err))
    app.processEvents()
    return problems


# -------------------------------------------------------------------------- driver
def ensure_venv():
    """The isolated PyQt6 venv (.build/qt6-venv), re-made when requirements-qt6.txt
    changes. Returns its python."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "-r", str(REQUIREMENTS)], check=True, stdin=subprocess.DEVNULL)
    stamp.write_text(wanted, encoding="utf-8")
    return python


def run_all(sources, ui_files):
    """Scan ``sources``, verify under PyQt6 (venv) and qgis.PyQt (this python), load
    ``ui_files`` with PyQt6. Returns the exit code."""
    data = scan(sources)
    python = ensure_venv()
    usages_file = ROOT / ".build" / "qt6-usages.json"
    usages_file.parent.mkdir(parents=True, exist_ok=True)
    usages_file.write_text(json.dumps(data), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONNOUSERSITE="1")
    qt6 = subprocess.run([str(python), __file__, "verify", "--binding", "PyQt6",
                          str(usages_file)] + [a for u in ui_files for a in ("--ui", str(u))],
                         env=env, capture_output=True, text=True)
    qt5_missing, _guarded = verify(data, "qgis.PyQt")
    problems = list(data["problems"])
    problems += qt6.stdout.splitlines()
    problems += [f"{m} (QGIS 3 / PyQt5)" for m in qt5_missing]
    if qt6.returncode not in (0, 1):
        problems.append("the PyQt6 check itself failed:\n" + qt6.stderr)
    names = len({u["name"] for u in data["usages"]})
    print(f"qt6_check: {names} Qt names in {len(list(python_files(sources)))} files, "
          f"{len(ui_files)} .ui file(s); PyQt6 {_venv_version(python)}")
    for line in problems:
        print("  " + line)
    print("qt6_check: {}".format("ok" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


def _venv_version(python):
    return subprocess.run([str(python), "-c", "from PyQt6.QtCore import PYQT_VERSION_STR, "
                           "QT_VERSION_STR; print(PYQT_VERSION_STR, '/ Qt', QT_VERSION_STR)"],
                          capture_output=True, text=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen")).stdout.strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    p_scan = sub.add_parser("scan")
    p_scan.add_argument("paths", nargs="+")
    p_verify = sub.add_parser("verify")
    p_verify.add_argument("--binding", required=True, choices=["PyQt6", "qgis.PyQt"])
    p_verify.add_argument("--ui", action="append", default=[])
    p_verify.add_argument("usages")
    p_ui = sub.add_parser("ui")
    p_ui.add_argument("paths", nargs="+")
    p_all = sub.add_parser("all")
    p_all.add_argument("--source", action="append", default=None)
    p_all.add_argument("--ui", action="append", default=None)
    args = parser.parse_args(argv)
    if args.command == "scan":
        print(json.dumps(scan(args.paths), indent=1))
        return 0
    if args.command == "verify":
        data = json.loads(Path(args.usages).read_text(encoding="utf-8"))
        missing, _guarded = verify(data, args.binding)
        if args.ui:
            missing += check_ui(args.ui)
        for line in missing:
            print(line)
        return 1 if missing else 0
    if args.command == "ui":
        problems = check_ui(args.paths)
        for line in problems:
            print(line)
        return 1 if problems else 0
    sources = args.source if getattr(args, "source", None) else PLUGIN_SOURCES
    ui_files = args.ui if getattr(args, "ui", None) is not None else UI_FILES
    return run_all(sources, ui_files)


if __name__ == "__main__":
    sys.exit(main())
