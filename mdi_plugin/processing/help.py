"""Help of the algorithms in the UI language: ``resources/help/<algorithm>.<lang>.html``.

One HTML fragment per algorithm and language (``nl``, ``en``); the language QGIS runs in
picks the file, English when there is none for it. The help files are translated with the
rest of the plugin (``tests/test_translations.py`` checks that every algorithm has both).
"""

import os

from ..i18n import qgis_language
from ..paths import resource_path

LANGUAGES = ("nl", "en")
FALLBACK = "en"


def help_path(algorithm_name, language):
    return resource_path("help", "{}.{}.html".format(algorithm_name, language))


def help_html(algorithm_name, language=None):
    """The help text of an algorithm in ``language`` (default: the QGIS language)."""
    language = language or qgis_language()
    path = help_path(algorithm_name, language if language in LANGUAGES else FALLBACK)
    if not os.path.isfile(path):
        path = help_path(algorithm_name, FALLBACK)
    with open(path, encoding="utf-8") as handle:
        return handle.read()
