"""Translations: one Qt context (``mdi``) for every user-facing string of the plugin.

English is the source language; ``i18n/mdi_nl.qm`` holds the Dutch translation
(``scripts/i18n.py`` extracts, updates and compiles it). The plugin follows the QGIS
locale: the ``locale/userLocale`` setting, else QGIS's own locale.
"""

import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from .paths import PLUGIN_ROOT

CONTEXT = "mdi"
I18N_DIR = os.path.join(PLUGIN_ROOT, "i18n")


def tr(text):
    """Translate a user-facing English string in the plugin's context."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_error(err):
    """The message of a core or styling error (template + params): the template translated,
    then formatted; str(err) for other exceptions."""
    template = getattr(err, "template", None)
    if template is None:
        return str(err)
    return tr_template(template, err.params)


def tr_template(template, params):
    """``template`` translated and formatted with ``params``; a parameter that is itself a
    message (a core ``Message``: template and params, e.g. a 'similar fields' hint) is
    translated too, so no English part is left in a translated message."""
    return tr(template).format(**{
        key: tr_template(value.template, value.params)
        if isinstance(getattr(value, "template", None), str) and hasattr(value, "params")
        else value for key, value in params.items()})


def tr_noop(text):
    """Mark a string for translation without translating it now (e.g. class attributes)."""
    return text


def qgis_language():
    """Two-letter language code QGIS runs in (``nl``, ``en``, ...)."""
    locale = QgsSettings().value("locale/userLocale", "") or ""
    if not locale:
        locale = QgsApplication.locale() or ""
    return str(locale)[:2].lower()


def translation_file(language):
    """Path of the compiled translation for a language, or None when there is none."""
    path = os.path.join(I18N_DIR, "mdi_{}.qm".format(language))
    return path if os.path.isfile(path) else None


def install_translator(language=None):
    """Load and install the translation for the QGIS language; returns the translator
    (keep a reference, pass it to remove_translator on unload) or None."""
    path = translation_file(language or qgis_language())
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator):
    """Undo install_translator."""
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
