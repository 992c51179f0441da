#!/usr/bin/env python3
"""Time styling a layer from the "MDI maps" dock, and drawing it (for benchmarks/run.py).

Loads the layer (an output of mdi:computemdi) into a headless QGIS with a throw-away
profile, chooses it as the buurt layer of the dock with the quartile scheme (the report's
buurt maps) and times ``apply_classes()`` (what the dock's button does: classes, renderer,
legend), then a full render of the styled layer. One warm-up, then ``--repeat`` runs each.
Prints one line of JSON. Run with Debian's Python:

    /usr/bin/python3 benchmarks/styling_time.py [--repeat 5] buurten_mdi.gpkg
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RENDER_SIZE = (1200, 1000)


def timed(function, repeat):
    """Warm-up, then ``repeat`` timed calls: {runs, median}."""
    function()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return {"runs": runs, "median": statistics.median(runs)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layer", help="GeoPackage (first layer) or layer URI")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, ROOT)
    from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings,
                           QgsProject, QgsVectorLayer)
    from qgis.PyQt.QtCore import QSize
    profile = tempfile.mkdtemp(prefix="mdi-styling-")
    app = QgsApplication([], True, profile)
    app.initQgis()
    from mdi_plugin.gui.dock import MdiDockWidget
    from mdi_plugin.styling.classes import QUARTILES

    layer = QgsVectorLayer(args.layer, "buurten", "ogr")
    if not layer.isValid():
        print("not a valid layer: {}".format(args.layer), file=sys.stderr)
        return 1
    project = QgsProject.instance()
    project.addMapLayer(layer)
    dock = MdiDockWidget(None, project)
    dock.gemeenteLayerCombo.setLayer(None)
    dock.buurtLayerCombo.setLayer(layer)
    dock.set_scheme(QUARTILES)
    dock.fieldCombo.setCurrentText("mdi")

    def apply():
        if not dock.apply_classes():
            raise RuntimeError("the dock styled no layer: " + dock.statusLabel.text())

    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(*RENDER_SIZE))

    def render():
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()

    def both():
        apply()
        render()

    result = {"features": layer.featureCount(),
              "render_size": "{}x{} px".format(*RENDER_SIZE),
              "apply_classes": timed(apply, args.repeat),
              "render": timed(render, args.repeat),
              "total": timed(both, args.repeat)}
    dock.deleteLater()
    project.removeAllMapLayers()
    print(json.dumps(result))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
