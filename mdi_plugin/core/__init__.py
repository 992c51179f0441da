"""Pure computational core of MDI voor QGIS.

Nothing in this package imports ``qgis``: it works on plain Python values and numpy
arrays, so it is fast, and testable without QGIS.
"""

from .errors import MdiError, SpecError, InputError  # noqa: F401
