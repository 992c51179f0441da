"""MDI voor QGIS: code of the plugin (core, processing, gui)."""

import os
import warnings

#: Developers' strict mode (scripts/qgis_process.sh, the tests and `make demo` set it):
#: a DeprecationWarning raised by the plugin's own code becomes an error, so a deprecated
#: QGIS call cannot creep back in unnoticed. Set here, at plugin import, because
#: qgis.utils resets the warning filters when it is imported (before plugins load).
STRICT_DEPRECATIONS_VARIABLE = "MDI_STRICT_DEPRECATIONS"
#: The plugin's module names: ``mdi`` (installed plugin folder), ``mdi.mdi_plugin.*``,
#: or ``mdi_plugin.*`` (tests importing the package directly).
OWN_MODULES = r"(mdi\.)?mdi_plugin(\.|$)|mdi$"

if os.environ.get(STRICT_DEPRECATIONS_VARIABLE) == "1":
    warnings.filterwarnings("error", category=DeprecationWarning, module=OWN_MODULES)
