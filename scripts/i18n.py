#!/usr/bin/env python3
"""Keep the Dutch translation in step with the code: extract, update the .ts, compile the .qm.

All user-facing strings of the plugin live in ONE Qt translation context, ``mdi``
(mdi_plugin/i18n.py). This script finds them with Python's ``ast`` module (pylupdate5
would assign per-class contexts and misses the core's message templates):

* the first string argument of ``tr(...)``, ``self.tr(...)``, ``translate("mdi", ...)``
  and ``tr_noop(...)`` (a marker for strings translated later, e.g. in class attributes);
* the message template (first argument) of the core's ``InputError``, ``SpecError``,
  ``MdiError``, ``OpenDataError`` and ``Message`` and of an algorithm run's ``run.fail``,
  ``run.warn`` and ``run.info``: those templates are translated before they are formatted;
* the texts of the Qt Designer forms in ui/ (their ``<class>`` is ``mdi``, so uic
  translates them in the same context).

    python3 scripts/i18n.py update    # merge new strings into i18n/mdi_nl.ts (kept: done work)
    python3 scripts/i18n.py compile   # lrelease i18n/mdi_nl.ts -> i18n/mdi_nl.qm
    python3 scripts/i18n.py check     # exit 1 when strings are missing or untranslated

Translate in i18n/mdi_nl.ts (a text editor or Qt Linguist), then ``compile``.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_DIR = os.path.join(ROOT, "mdi_plugin")
UI_DIR = os.path.join(ROOT, "ui")
TS_PATH = os.path.join(ROOT, "i18n", "mdi_nl.ts")
QM_PATH = os.path.join(ROOT, "i18n", "mdi_nl.qm")
CONTEXT = "mdi"
TRANSLATE_CALLS = {"tr", "tr_noop"}
TEMPLATE_CALLS = {"InputError", "SpecError", "MdiError", "StyleError", "Message", "fail", "warn",
                  "info", "OpenDataError"}
PLACEHOLDER = re.compile(r"(?<!{){([A-Za-z_][A-Za-z0-9_]*)(?:![rsa])?(?::[^{}]*)?}(?!})")


def _name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract(source_dir=SOURCE_DIR):
    """{source text: [(relative path, line), ...]} for every translatable string."""
    found = {}
    for folder, dirs, names in os.walk(source_dir):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read(), path)
            relative = os.path.relpath(path, ROOT).replace(os.sep, "/")
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = _name(node.func)
                text = None
                if func in TRANSLATE_CALLS or func in TEMPLATE_CALLS:
                    text = _literal(node.args[0])
                elif func == "translate" and len(node.args) >= 2 \
                        and _literal(node.args[0]) == CONTEXT:
                    text = _literal(node.args[1])
                if text and text.strip():
                    found.setdefault(text, []).append((relative, node.lineno))
    return found


def extract_ui(ui_dir=UI_DIR):
    """{source text: [(relative path, line), ...]} for the texts of the .ui forms."""
    found = {}
    if not os.path.isdir(ui_dir):
        return found
    for name in sorted(os.listdir(ui_dir)):
        if not name.endswith(".ui"):
            continue
        path = os.path.join(ui_dir, name)
        relative = os.path.relpath(path, ROOT).replace(os.sep, "/")
        root = ET.parse(path).getroot()
        if (root.findtext("class") or "") != CONTEXT:
            raise SystemExit("{}: <class> must be {!r} (the translation context)".format(
                relative, CONTEXT))
        for string in root.iter("string"):
            if string.get("notr") == "true" or not (string.text or "").strip():
                continue
            found.setdefault(string.text, []).append((relative, 0))
    return found


def extract_all():
    """Python and .ui strings together."""
    found = extract()
    for text, places in extract_ui().items():
        found.setdefault(text, []).extend(places)
    return found


def placeholders(text):
    """The set of str.format field names in a text."""
    return set(PLACEHOLDER.findall(text or ""))


def read_ts(path=TS_PATH):
    """{source: (translation, finished)} from a .ts file (empty when it does not exist)."""
    if not os.path.exists(path):
        return {}
    messages = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = translation.text if translation is not None and translation.text else ""
        finished = translation is not None and translation.get("type") not in (
            "unfinished", "obsolete", "vanished")
        messages[source] = (text, finished and bool(text))
    return messages


def write_ts(found, existing, path=TS_PATH):
    """Write the .ts: every found string, with the existing translation where there is one."""
    root = ET.Element("TS", version="2.1", language="nl_NL", sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(found):
        message = ET.SubElement(context, "message")
        for relative, line in found[source][:3]:
            location = ET.SubElement(message, "location", filename="../" + relative)
            if line:
                location.set("line", str(line))
        ET.SubElement(message, "source").text = source
        text, finished = existing.get(source, ("", False))
        translation = ET.SubElement(message, "translation")
        translation.text = text
        if not finished:
            translation.set("type", "unfinished")
    ET.indent(root)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        handle.write(ET.tostring(root, encoding="unicode"))
        handle.write("\n")


def problems(found, existing):
    """Human-readable list of missing, untranslated or placeholder-breaking entries."""
    issues = []
    for source in sorted(found):
        if source not in existing:
            issues.append("not in the .ts: {!r}".format(source))
            continue
        text, finished = existing[source]
        if not finished:
            issues.append("untranslated: {!r}".format(source))
        elif placeholders(text) != placeholders(source):
            issues.append("placeholders differ: {!r} -> {!r}".format(source, text))
    return issues


def compile_qm(ts_path=TS_PATH, qm_path=QM_PATH):
    """Run lrelease (Debian package qttools5-dev-tools) on the .ts."""
    lrelease = shutil.which("lrelease") or shutil.which("lrelease-qt5")
    if lrelease is None:
        raise SystemExit("lrelease not found: apt-get install qttools5-dev-tools")
    subprocess.run([lrelease, "-silent", "-nounfinished", ts_path, "-qm", qm_path],
                   check=True)
    return qm_path


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    found = extract_all()
    existing = read_ts()
    if command == "update":
        write_ts(found, existing)
        todo = sum(1 for s in found if not existing.get(s, ("", False))[1])
        print("{}: {} strings, {} to translate".format(TS_PATH, len(found), todo))
        return 0
    if command == "compile":
        print(compile_qm())
        return 0
    if command == "check":
        issues = problems(found, existing)
        for issue in issues:
            print(issue)
        print("{} strings, {} problems".format(len(found), len(issues)))
        return 1 if issues else 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
