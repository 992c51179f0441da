#!/usr/bin/env python3
"""Re-make the README's map (docs/images/exportmap_gemeenten_corop.png): the real 2023 CBS
gemeente boundaries with the COROP zone overlay and the top 10, drawn by mdi:exportmap,
with FICTITIOUS scores (the title says so: real places must never appear deprived on
invented numbers).

Run by hand only, never in tests or CI: it reads the boundaries in ../shared/geodata/
(beside the checkout; they are never copied into the repository):

    .venv/bin/python scripts/readme_map.py [--geodata ../shared/geodata] [--dpi 110]

Steps: the gemeenten get an invented, spatially smooth score ``mdi`` (seeded, the same on
every run) and ``jaar`` 2023 in .build/readme_map/gemeenten_fictief.gpkg; then
scripts/qgis_process.sh runs mdi:exportmap on it as a user would, with ZONES = the CBS
COROP layer (zones from the bundled table) and TOP_N = 10, in a fresh QGIS profile whose
language is Dutch (the legend heading and the note on unnamed regions are Dutch, as in the
README). It prints exportmap's log, which names any region whose label found no room, and
removes the run record (.mdi-run.json) exportmap writes beside the PNG: the README needs
only the picture.
"""

import argparse
import math
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLE = "Fictieve scores \u2013 illustratie (echte grenzen, verzonnen MDI)"
SOURCE = "CBS / Kadaster, CC-BY 4.0 (grenzen 2023); scores verzonnen"
OUTPUT = os.path.join(ROOT, "docs", "images", "exportmap_gemeenten_corop.png")
#: The run record mdi:exportmap writes beside each output (processing/run_record.py).
RUN_RECORD_SUFFIX = ".mdi-run.json"


def fictitious_score(x, y, rng):
    """An invented score: smooth waves over the country plus noise, 25..75."""
    wave = 9 * math.sin(x / 31000.0) + 7 * math.cos(y / 43000.0) + \
        5 * math.sin((x + y) / 57000.0)
    return round(min(75.0, max(25.0, 47 + wave + rng.gauss(0, 5))), 1)


def scored_gemeenten(geodata, target):
    """Write the gemeenten with a fictitious ``mdi`` and ``jaar`` = 2023 to ``target``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (QgsApplication, QgsCoordinateTransformContext, QgsFeature,
                           QgsFields, QgsVectorFileWriter, QgsVectorLayer)
    sys.path.insert(0, ROOT)
    from mdi_plugin.compat import new_field

    app = QgsApplication([], False)
    app.initQgis()
    try:
        source = QgsVectorLayer(os.path.join(geodata, "gemeente_2023.gpkg"), "g", "ogr")
        if not source.isValid():
            sys.exit("Cannot read gemeente_2023.gpkg in {}".format(geodata))
        fields = QgsFields()
        for name, kind in (("gemeentecode", "string"), ("gemeentenaam", "string"),
                           ("jaar", "int"), ("mdi", "double")):
            fields.append(new_field(name, kind))
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = "gemeenten_fictief"
        writer = QgsVectorFileWriter.create(target, fields, source.wkbType(), source.crs(),
                                            QgsCoordinateTransformContext(), options)
        rng = random.Random(2023)
        for feature in sorted(source.getFeatures(), key=lambda f: f["statcode"]):
            point = feature.geometry().pointOnSurface().asPoint()
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes([feature["statcode"], feature["statnaam"], 2023,
                               fictitious_score(point.x(), point.y(), rng)])
            writer.addFeature(out)
        del writer, source
    finally:
        app.exitQgis()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--geodata", default=os.path.join(ROOT, "..", "shared", "geodata"))
    parser.add_argument("--dpi", type=int, default=110)
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args(argv)
    work = os.path.join(ROOT, ".build", "readme_map")
    os.makedirs(work, exist_ok=True)
    gemeenten = os.path.join(work, "gemeenten_fictief.gpkg")
    if os.path.exists(gemeenten):
        os.remove(gemeenten)
    scored_gemeenten(os.path.abspath(args.geodata), gemeenten)
    corop = os.path.join(os.path.abspath(args.geodata), "coropgebied_2023.gpkg")
    command = ["bash", os.path.join(ROOT, "scripts", "qgis_process.sh"), "run",
               "mdi:exportmap", "--",
               "INPUT={}|layername=gemeenten_fictief".format(gemeenten), "FIELD=mdi",
               "SCHEME=0", "ZONES={}".format(corop), "TOP_N=10", "TITLE=" + TITLE,
               "SOURCE=" + SOURCE, "DPI={}".format(args.dpi),
               "OUTPUT_PNG=" + os.path.abspath(args.output)]
    profile = os.path.join(work, "profile")
    dutch_profile(profile)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=profile)
    code = subprocess.call(command, env=env)
    record = os.path.abspath(args.output) + RUN_RECORD_SUFFIX
    if os.path.exists(record):
        os.remove(record)
    return code


def dutch_profile(folder):
    """A QGIS profile folder whose user locale is Dutch (nl_NL): QGIS3.ini of the default
    profile as QGIS writes it (QGIS_CUSTOM_CONFIG_PATH/profiles/default/QGIS/QGIS3.ini,
    the same layout on Windows and Linux)."""
    settings = os.path.join(folder, "profiles", "default", "QGIS")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "QGIS3.ini"), "w", encoding="utf-8") as handle:
        handle.write("[locale]\noverrideFlag=true\nuserLocale=nl_NL\n")


if __name__ == "__main__":
    sys.exit(main())
