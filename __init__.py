"""MDI voor QGIS: compute and map the Meervoudige Achterstandsindex (MDI)."""


def classFactory(iface):  # noqa: N802 - QGIS API
    """Create the plugin object (QGIS calls this when it loads the plugin)."""
    from .mdi_plugin.plugin import MdiPlugin
    return MdiPlugin(iface)
