"""Offer the bundled model mdi_keten as the user's own: copy it into the Processing models
folder, where Processing > Toolbox > Models lists it and the Graphical Modeler edits it."""

import os

from qgis.core import QgsApplication, QgsSettings

from ..i18n import tr, tr_noop
from ..paths import resource_path
from ..processing.provider import MODELS_GROUP, BundledModel

BUNDLED_MODEL = ("models", "mdi_keten.model3")
#: Descriptive name of the copy (the bundled one keeps the id mdi:mdi_keten for scripts).
COPY_NAME = tr_noop("MDI chain (compute, classify, aggregate, focus regions)")
#: Processing's setting of the models folders (';'-separated; the first is written to).
MODELS_FOLDER_KEY = "Processing/Configuration/MODELS_FOLDER"


def models_folder():
    """The user's Processing models folder: the setting, else <profile>/processing/models
    (the same default as Processing's ModelerUtils, on Windows and Linux)."""
    value = QgsSettings().value(MODELS_FOLDER_KEY, "")
    folders = [f.strip() for f in str(value or "").split(";") if f.strip()]
    return folders[0] if folders else os.path.join(QgsApplication.qgisSettingsDirPath(),
                                                   "processing", "models")


def copy_model_to_user_folder(folder=None):
    """Write the bundled model, named descriptively in the UI language, into ``folder``
    (default: the models folder); an existing file of that name (the user's edits) is never
    replaced: the copy gets a free name instead. Refreshes Processing's model provider.
    Returns the path written; OSError when it cannot be written."""
    folder = folder or models_folder()
    os.makedirs(folder, exist_ok=True)
    model = BundledModel()
    if not model.fromFile(resource_path(*BUNDLED_MODEL)):
        raise OSError(tr("The bundled model could not be read: reinstall the plugin."))
    model.localise_for_editing()    # the file holds "Nederlands / English" labels
    model.setName(tr(COPY_NAME))
    model.setGroup(tr(MODELS_GROUP))
    stem = "mdi_keten"
    path = os.path.join(folder, stem + ".model3")
    number = 2
    while os.path.exists(path):
        path = os.path.join(folder, "{}_{}.model3".format(stem, number))
        number += 1
    if not model.toFile(path):
        raise OSError(tr("Could not write {path}: choose another models folder in Settings > "
                         "Options > Processing > Models.").format(path=path))
    provider = QgsApplication.processingRegistry().providerById("model")
    if provider is not None:
        provider.refreshAlgorithms()
    return path
