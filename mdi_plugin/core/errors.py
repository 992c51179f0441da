"""Exceptions raised by the core, with messages meant for the end user.

Each error keeps its message template and parameters apart, so the QGIS layer can
translate the template (English source text, Qt translation files) before formatting.
"""

from dataclasses import dataclass, field


class MdiError(Exception):
    """Base class of every error the core raises on bad input."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class SpecError(MdiError):
    """The MDI spec file (or dictionary) is invalid."""


class InputError(MdiError):
    """The input data cannot be used (missing field, unparsable value, no spread...)."""


@dataclass
class Message:
    """A user-facing message: an English template and its parameters. A parameter that is
    itself a Message (e.g. a 'similar fields' hint inside an error) is translated with it
    (``mdi_plugin.i18n.tr_template``)."""

    template: str
    params: dict = field(default_factory=dict)

    def __str__(self):
        return self.template.format(**self.params)
