"""Desktop GUI of MDI voor QGIS: the "MDI maps" dock (needs qgis.gui; never imported by
Processing or qgis_process)."""
