"""MDI voor QGIS: code of the plugin (core, processing, gui)."""
