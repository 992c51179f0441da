"""Locations of the plugin's bundled files (no QGIS imports)."""

import os

PLUGIN_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def resource_path(*parts):
    """Absolute path of a file under the plugin's ``resources/`` folder."""
    return os.path.join(PLUGIN_ROOT, "resources", *parts)
