"""Processing provider and algorithms: thin layers between QGIS and the core."""
