"""Map styling of MDI voor QGIS: palette, class schemes, renderers, zone overlay, top-N
highlight, output styles and the print layout. qgis.core only (never qgis.gui / iface), so
tests, scripts and qgis_process use it directly; ``palette`` and ``classes`` are pure Python.
"""
