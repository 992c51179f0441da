#!/usr/bin/python3
"""Regenerate the bundled style files from the plugin's styling code and palette:

* resources/styles/*.qml (see mdi_plugin/styling/library.py for the list);
* resources/layouts/mdi_kaart.qpt (the print layout template);
* resources/layouts/mdi_gemeenterapport.qpt (the gemeenterapport's atlas layout).

Run with Debian's Python (QGIS 3.22), headless:

    /usr/bin/python3 scripts/build_styles.py            (or: QT_QPA_PLATFORM=offscreen ...)

tests/test_style_files.py fails when the committed files differ from a fresh generation,
so run this after changing resources/palette.json or the styling code.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, ROOT)
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    try:
        from mdi_plugin.styling.library import build_layout_template, build_styles
        from mdi_plugin.styling.report_layout import build_report_template

        for path in build_styles() + [build_layout_template(), build_report_template()]:
            print(os.path.relpath(path, ROOT))
    finally:
        app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
