#!/usr/bin/env python3
"""Re-make the README's screenshots of the MDI-kaarten dock (docs/images/dock.png, Dutch
QGIS, and docs/images/dock_en.png, English QGIS): the real QGIS desktop under Xvfb with the
real 2023 CBS gemeente boundaries, FICTITIOUS scores (the layer name and the map title say
so: real places must never appear deprived on invented numbers) and the MDI classes applied
through the dock.

Run by hand only, never in tests or CI: it reads the boundaries in ../shared/geodata/
(beside the checkout; they are never copied into the repository) and needs xvfb-run and
the QGIS desktop (scripts/setup.sh):

    .venv/bin/python scripts/readme_dock.py [--geodata ../shared/geodata] [--size 1400x1090]

Steps: the gemeenten get the same invented score ``mdi`` and ``jaar`` 2023 as the README's
map (scripts/readme_map.py: seeded, the same on every run) in
.build/readme_dock/gemeenten_fictief.gpkg; then, once per language, QGIS starts under
``xvfb-run -a`` in a fresh profile (.build/readme_dock/profile_<lang>) whose locale is that
language and in which the plugin is enabled (as tests/test_qgis_desktop.py does), and runs
this file again inside QGIS (``qgis --code``, with MDI_README_DOCK_INSIDE set): it adds the
layer, opens the dock, fills title, subtitle and source, applies the classes (report breaks
40/50/60) with the dock's own action, zooms to the layer and saves a grab of the main window.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

#: Set in the environment of the QGIS desktop run; this file then drives the dock.
INSIDE = "MDI_README_DOCK_INSIDE"

#: Per language: screenshot file, locale, layer name, title, subtitle, source.
LANGUAGES = {
    "nl": {"file": "dock.png", "locale": "nl_NL",
           "layer": "Fictieve scores \u2013 illustratie",
           "title": "Fictieve scores \u2013 illustratie (echte grenzen, verzonnen MDI)",
           "subtitle": "Gemeenten 2023",
           "source": "CBS / Kadaster, CC-BY 4.0 (grenzen 2023); scores verzonnen"},
    "en": {"file": "dock_en.png", "locale": "en_US",
           "layer": "Fictieve scores \u2013 illustratie (fictitious scores)",
           "title": "Fictieve scores \u2013 illustratie (real boundaries, invented MDI)",
           "subtitle": "Municipalities 2023",
           "source": "CBS / Kadaster, CC-BY 4.0 (boundaries 2023); invented scores"},
}


# -- inside QGIS desktop ------------------------------------------------------------------
def inside_qgis():
    """Runs in the QGIS desktop (``qgis --code``): open the dock, apply the classes, grab."""
    import traceback

    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication
    from qgis.utils import iface, plugins

    job = json.loads(os.environ[INSIDE])
    result = {}

    def finish():
        with open(job["result"], "w", encoding="utf-8") as handle:
            json.dump(result, handle)
        QTimer.singleShot(200, lambda: QApplication.instance().exit(0))

    def grab():
        try:
            iface.mainWindow().grab().save(job["screenshot"])
            result["saved"] = job["screenshot"]
        except Exception:  # report everything to the caller
            result["error"] = traceback.format_exc()
        finish()

    def drive():
        try:
            window = iface.mainWindow()
            window.move(0, 0)
            window.resize(job["width"], job["height"])
            layer = QgsVectorLayer(job["gpkg"] + "|layername=gemeenten_fictief",
                                   job["layer"], "ogr")
            if not layer.isValid():
                raise RuntimeError("cannot read " + job["gpkg"])
            QgsProject.instance().addMapLayer(layer)
            plugin = plugins["mdi"]
            plugin.action.trigger()
            dock = plugin.dock
            dock.gemeenteLayerCombo.setLayer(layer)
            dock.fieldCombo.setCurrentText("mdi")
            dock.titleEdit.setText(job["title"])
            dock.subtitleEdit.setText(job["subtitle"])
            dock.sourceEdit.setText(job["source"])
            for edit in (dock.titleEdit, dock.subtitleEdit, dock.sourceEdit):
                edit.setCursorPosition(0)       # the start of the text, not its end
            iface.messageBar().clearWidgets()   # only the dock's own message is shown
            dock.applyButton.click()        # as the user does: the dock's own action
            result["labels"] = [c.label() for r in layer.renderer().rootRule().children()
                                for c in (r.children() or [r])]
            result["style"] = layer.styleManager().currentStyle()
            result["year_field"] = dock.yearFieldCombo.currentText()
            result["year"] = dock.yearCombo.currentText()
            iface.layerTreeView().setCurrentLayer(layer)
            iface.layerTreeView().expandAll()   # the classes under the year rule
            result["dock_content_height"] = dock.scrollArea.widget().sizeHint().height()
            result["dock_view_height"] = dock.scrollArea.viewport().height()
            result["size"] = [window.width(), window.height()]
            canvas = iface.mapCanvas()
            canvas.setExtent(layer.extent())
            canvas.refresh()
        except Exception:  # report everything to the caller
            result["error"] = traceback.format_exc()
            finish()
            return
        QTimer.singleShot(5000, grab)       # the canvas renders 342 gemeenten first

    QTimer.singleShot(2500, drive)


# -- outside: data, profiles, QGIS runs ---------------------------------------------------
def root():
    """The repository root (this file is scripts/readme_dock.py)."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_profile(folder, locale):
    """A fresh QGIS profile whose user locale is ``locale`` and in which the plugin "mdi" is
    enabled (QGIS3.ini of the default profile, the same layout on Windows and Linux)."""
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    settings = os.path.join(folder, "profiles", "default", "QGIS")
    os.makedirs(settings)
    with open(os.path.join(settings, "QGIS3.ini"), "w", encoding="utf-8") as handle:
        handle.write("[locale]\noverrideFlag=true\nuserLocale={}\n\n"
                     "[PythonPlugins]\nmdi=true\n".format(locale))


def shoot(lang, gpkg, work, size, images):
    """One QGIS desktop run under Xvfb: the screenshot for ``lang``; returns its result."""
    spec = LANGUAGES[lang]
    profile = os.path.join(work, "profile_" + lang)
    make_profile(profile, spec["locale"])
    # scripts/qgis_process.sh makes .build/qgis-plugins/mdi -> the checkout (and leaves
    # the profile as it is: the plugin is already enabled there)
    subprocess.run(["bash", os.path.join(root(), "scripts", "qgis_process.sh"), "--version"],
                   env=dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=profile), check=True,
                   stdout=subprocess.DEVNULL)
    width, height = (int(v) for v in size.split("x"))
    result_file = os.path.join(work, "result_{}.json".format(lang))
    if os.path.exists(result_file):
        os.remove(result_file)
    job = dict(spec, gpkg=gpkg, width=width, height=height, result=result_file,
               screenshot=os.path.join(images, spec["file"]))
    env = dict(os.environ)
    env.pop("QGIS_OPTIONS_PATH", None)
    env.pop("QT_QPA_PLATFORM", None)
    env.update({INSIDE: json.dumps(job), "QGIS_CUSTOM_CONFIG_PATH": profile,
                "QGIS_PLUGINPATH": os.path.join(root(), ".build", "qgis-plugins"),
                "LANG": spec["locale"] + ".UTF-8"})
    run = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 {}x{}x24".format(width + 100, height + 100),
         "qgis", "--nologo", "--noversioncheck", "--code", os.path.abspath(__file__)],
        env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    if not os.path.exists(result_file):
        sys.exit("QGIS wrote no result ({}):\n{}\n{}".format(
            lang, run.stdout[-2000:], run.stderr[-2000:]))
    with open(result_file, encoding="utf-8") as handle:
        return json.load(handle)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geodata", default=os.path.join(root(), "..", "shared", "geodata"))
    # tall enough for the whole dock (title, subtitle and source at its end) without
    # scrolling; under Xvfb QGIS scales by ~1.04, so the PNG is ~1460x1135 pixels
    parser.add_argument("--size", default="1400x1090", help="window size (the Xvfb screen "
                        "is a little larger)")
    parser.add_argument("--images", default=os.path.join(root(), "docs", "images"))
    parser.add_argument("--lang", choices=sorted(LANGUAGES), action="append")
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.join(root(), "scripts"))
    from readme_map import scored_gemeenten      # the same fictitious scores as the map

    work = os.path.join(root(), ".build", "readme_dock")
    os.makedirs(work, exist_ok=True)
    gpkg = os.path.join(work, "gemeenten_fictief.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    scored_gemeenten(os.path.abspath(args.geodata), gpkg)
    failed = False
    for lang in args.lang or sorted(LANGUAGES, reverse=True):    # nl, en
        result = shoot(lang, gpkg, work, args.size, os.path.abspath(args.images))
        print(lang, json.dumps(result, ensure_ascii=False, indent=1))
        failed = failed or "error" in result
    return 1 if failed else 0


if os.environ.get(INSIDE):
    inside_qgis()
elif __name__ == "__main__":
    sys.exit(main())
