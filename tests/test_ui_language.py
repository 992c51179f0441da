"""What users see is in one language (issue #15, "Text and language").

* Help: no line break inside a paragraph or list item (QGIS shows every source line break of
  a help text as a new paragraph).
* Language leaks: everything a user reads — help, algorithm and parameter names, the log and
  error messages of a representative set of succeeding and failing runs, the toolbox groups
  and the dock — is collected in the Dutch and in the English UI, and no fragment of the
  other language may be in it. A few tell-tale words per language find a leak; the report's
  Dutch terms that stay Dutch in English (class labels, zone names, field names, "Bron:")
  are allowed.
* The likeliest mistake (domain scores run as indicators) says what to switch, in the
  on-screen names of the UI language.
"""

import glob
import os
import re

import pytest
from qgis import processing
from qgis.core import (QgsApplication, QgsProcessingException, QgsProcessingModelAlgorithm,
                       QgsSettings)
from qgis.PyQt.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit

from mdi_plugin import i18n
from mdi_test_helpers import LogFeedback

#: Words that give English away in the Dutch UI.
ENGLISH = {"the", "and", "were", "found", "regions", "field", "fields", "with", "which",
           "could", "cannot", "missing", "similar", "fixed", "quartiles", "should", "must",
           "has", "have", "without", "from", "layer", "layers", "file", "feature", "features",
           "not", "no", "this", "for", "to", "written", "stored", "style", "breaks",
           "computed", "reading", "models", "classified", "choose", "only", "mode"}
#: Words that give Dutch away in the English UI.
DUTCH = {"de", "het", "een", "van", "niet", "geen", "voor", "met", "zijn", "wordt", "worden",
         "naar", "veld", "velden", "laag", "lagen", "kaart", "berekenen", "indelen",
         "zonetabel", "modellen", "bestand", "invoer", "uitvoer", "klassen", "ingedeeld",
         "gemarkeerde", "objecten", "kies", "bij", "als", "ook", "dat", "die", "uit", "alle",
         "waarden", "regio", "regios", "kwartielen", "stijl"}
#: Terms that stay as they are in the other language (Dutch report terms and field names,
#: English proper names and technical terms), removed before looking for tell-tale words.
ALLOWED = {
    "en": ["Zeer hoog", "Geen gegevens", "Laag", "Gematigd", "Hoog", "Bron:",
           "Meervoudige Achterstandsindex",
           "MDI voor QGIS", "Het PON & Telos", "Het PON &amp; Telos", "Sterk verbeterd",
           "Nauwelijks veranderd", "Sterk verslechterd"],
    "nl": ["English Indices of Deprivation", "Field (2009)", "MDI voor QGIS", "QUARTILE.INC",
           "min-max",
           "Het PON & Telos", "Het PON &amp; Telos"],
}
#: QGIS's own texts in a run's log (translated by QGIS's translation, not the plugin's; not
#: loaded in the tests).
QGIS_OWN = {"Unable to execute algorithm",
            "Full path to the file(s), including name and extension"}
_QUOTED = re.compile(r"(?<![A-Za-z])'[^'\n]*'(?![A-Za-z])|\"[^\"\n]*\"|\u201c[^\u201d]*\u201d")
_PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:gpkg|csv|json|png|pdf|svg|shp|qml|qpt)\b", re.I)
_TAG = re.compile(r"<[^>]+>|&[a-z]+;")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][a-z]+)?", re.UNICODE)


def leaks(language, text):
    """The tell-tale words of the other language in ``text`` shown in ``language``: quoted
    names, paths, tags, identifiers (FIELD_MAP, mdi_inkomen) and ALLOWED terms are left
    out."""
    tells = ENGLISH if language == "nl" else DUTCH
    if any(text.startswith(own) for own in QGIS_OWN):
        return []
    for term in ALLOWED[language]:
        text = text.replace(term, " ")
    text = _TAG.sub(" ", text)
    text = _PATH.sub(" ", _QUOTED.sub(" ", text))
    found = []
    for token in re.split(r"\s+", text):
        if "_" in token or re.search(r"[A-Z]{2,}|\d", token):
            continue   # identifiers, parameter ids, codes
        found += [w for w in _WORD.findall(token) if w.lower().replace("'", "") in tells]
    return found


@pytest.mark.parametrize("language, text", [
    ("nl", "Zonetabel: 40 regions"),
    ("nl", "Domein 'inkomen' kan niet worden berekend. No similar field names were found."),
    ("nl", "MDI-stijl (mdi (fixed)) opgeslagen als standaardstijl"),
    ("en", "Modellen"),
])
def test_the_leaks_of_the_issue_are_caught(language, text):
    assert leaks(language, text)


@pytest.mark.parametrize("language, text", [
    ("nl", "Zonetabel: 40 regio's: 10 kern, 14 intermediair, 16 perifeer."),
    ("nl", "Veld 'mdi' staat niet in de invoer (FIELD). Vergelijkbare velden: mdi_werk."),
    ("en", "Classes: Laag (< 40); Gematigd (40\u201350); Zeer hoog (\u2265 60); Geen gegevens"),
    ("en", "Field 'inkomen' of domain 'werk' is missing; see /data/de_regio's.gpkg"),
])
def test_terms_meant_to_stay_are_no_leak(language, text):
    assert leaks(language, text) == []


# -- help ----------------------------------------------------------------------------------

HELP_FILES = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "resources",
                                           "help", "*.html")))


def paragraph_breaks(html):
    """The <p> and <li> elements of ``html`` with a line break inside."""
    return [m.group(0)[:60] for m in re.finditer(r"<(p|li)\b[^>]*>.*?</\1>", html, re.S)
            if "\n" in m.group(0)]


def test_the_check_finds_a_wrapped_paragraph():
    assert paragraph_breaks("<p>Een zin die\ndoorloopt.</p>\n<ul>\n<li>kort</li>\n</ul>")
    assert paragraph_breaks("<p>Een zin.</p>\n<ul>\n<li>kort</li>\n</ul>") == []


@pytest.mark.parametrize("path", HELP_FILES, ids=os.path.basename)
def test_help_has_no_line_break_inside_a_paragraph(path):
    with open(path, encoding="utf-8") as handle:
        html = handle.read()
    assert paragraph_breaks(html) == []
    # every line is a whole element: QGIS makes each line a paragraph of its own
    assert all(line.startswith("<") for line in html.splitlines() if line.strip())


# -- collecting what users see, per UI language ----------------------------------------------

@pytest.fixture
def ui_language(qgis_app):
    """``switch(language)``: QGIS's user locale and the plugin's translation set to
    ``language`` (nl or en) for the rest of the test; both restored afterwards."""
    settings = QgsSettings()
    before = settings.value("locale/userLocale", None)
    installed = []

    def switch(language):
        while installed:
            i18n.remove_translator(installed.pop())
        settings.setValue("locale/userLocale", "nl_NL" if language == "nl" else "en_US")
        if language == "nl":
            installed.append(i18n.install_translator("nl"))
            assert installed[0] is not None

    yield switch
    while installed:
        i18n.remove_translator(installed.pop())
    if before is None:
        settings.remove("locale/userLocale")
    else:
        settings.setValue("locale/userLocale", before)


def algorithm_texts(provider):
    """Names, groups, help, parameter and output labels and options of every algorithm of
    the provider and of its models, as made in the current language."""
    provider.refreshAlgorithms()   # the models' group is set when they are loaded
    texts = [provider.name()]
    for registered in provider.algorithms():
        algorithm = registered.create()   # labels are translated in initAlgorithm
        texts += [algorithm.displayName(), algorithm.group()]
        texts.append(algorithm.shortHelpString() or "")
        for parameter in algorithm.parameterDefinitions():
            texts.append(parameter.description())
            texts += list(getattr(parameter, "options", lambda: [])())
        texts += [output.description() for output in algorithm.outputDefinitions()]
    return texts


def run_texts(runs):
    """The log and the error message of each run ([(algorithm, parameters)])."""
    texts = []
    for algorithm, parameters in runs:
        feedback = LogFeedback()
        try:
            processing.run(algorithm, parameters, feedback=feedback)
        except QgsProcessingException as err:
            texts.append(str(err))
        texts += feedback.lines
    return texts


def dock_texts():
    """Labels, buttons, group titles, combo items, tooltips and placeholders of the dock."""
    from mdi_plugin.gui.dock import MdiDockWidget
    dock = MdiDockWidget(None)
    try:
        texts = [dock.windowTitle()]
        for widget in dock.findChildren(QLabel):
            texts.append(widget.text())
        for widget in dock.findChildren(QAbstractButton):
            texts += [widget.text(), widget.toolTip()]
        for widget in dock.findChildren(QGroupBox):
            texts.append(widget.title())
        for widget in dock.findChildren(QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())] + [widget.toolTip()]
        for widget in dock.findChildren(QLineEdit):
            texts += [widget.placeholderText(), widget.toolTip()]
        return [t for t in texts if t]
    finally:
        dock.deleteLater()


@pytest.fixture(scope="module")
def domain_scores(tmp_path_factory):
    """A table of domain scores (inkomen, werk, ...): the most common data users have."""
    from mdi_plugin.core.spec import load_spec
    path = tmp_path_factory.mktemp("domeinen") / "domeinscores.csv"
    domains = load_spec().domain_ids
    rows = ["gemeentecode;" + ";".join(domains)]
    rows += ["GM{:04d};".format(k) + ";".join("{},5".format(30 + k + i)
                                              for i in range(len(domains)))
             for k in range(1, 6)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def representative_runs(sample_gpkg, gemeenten_mdi, domain_scores, folder):
    """Succeeding and failing runs covering the kinds of messages users get (progress
    notes, warnings, summaries, styles stored, errors with hints, the safety net)."""
    gemeenten = "{}|layername=gemeenten".format(sample_gpkg)
    out = str(folder / "uit.gpkg")
    return [
        ("mdi:computemdi", {"INPUT": gemeenten, "YEAR_FIELD": "jaar", "OUTPUT": out}),
        ("mdi:computemdi", {"INPUT": domain_scores, "OUTPUT": "memory:"}),   # likeliest
        ("mdi:computemdi", {"INPUT": domain_scores, "MODE": 1, "NORMALISATION": 1,
                            "OUTPUT": "memory:"}),
        ("mdi:computemdi", {"INPUT": gemeenten, "FIELD_MAP": ["arme_huishoudens", "armoede"],
                            "OUTPUT": "memory:"}),
        ("mdi:computemdi", {"INPUT": gemeenten, "FIELD_MAP": ["inkomen"], "OUTPUT": "memory:"}),
        ("mdi:classifyquartiles", {"INPUT": gemeenten_mdi, "OUTPUT": str(folder / "k.gpkg")}),
        ("mdi:classifyquartiles", {"INPUT": gemeenten_mdi, "METHOD": 3, "BREAKS": "60,40",
                                   "OUTPUT": "memory:"}),
        ("mdi:classifyquartiles", {"INPUT": gemeenten_mdi, "FIELD": "mdi_inkmen",
                                   "OUTPUT": "memory:"}),
        ("mdi:flagperiphery", {"INPUT": gemeenten_mdi, "OUTPUT": "memory:"}),
        ("mdi:aggregatetoregions", {"INPUT": gemeenten_mdi, "REGION_FIELD": "coropcode",
                                    "OUTPUT": "memory:"}),
        ("mdi:domainprofile", {"INPUT": gemeenten_mdi, "REGION_FIELD": "coropcode",
                               "OUTPUT_FOLDER": str(folder / "grafieken"),
                               "OUTPUT": "memory:"}),
        ("mdi:topn", {"INPUT": gemeenten_mdi, "OUTPUT": "memory:"}),
        ("mdi:exportmap", {"INPUT": gemeenten_mdi, "OUTPUT_PNG": str(folder / "kaart.png"),
                           "DPI": 40}),
        ("mdi:exportmap", {"INPUT": gemeenten_mdi}),
    ]


def test_what_users_see_is_in_the_ui_language(mdi_provider, ui_language, sample_gpkg,
                                              gemeenten_mdi, domain_scores, tmp_path):
    found = {}
    for language in ("nl", "en"):
        ui_language(language)
        folder = tmp_path / language
        folder.mkdir()
        texts = algorithm_texts(mdi_provider) + dock_texts() + run_texts(
            representative_runs(sample_gpkg, gemeenten_mdi, domain_scores, folder))
        found[language] = sorted({"{}  <- {}".format(", ".join(leaks(language, t)), t[:160])
                                  for t in texts if leaks(language, t)})
    mdi_provider.refreshAlgorithms()
    assert found == {"nl": [], "en": []}, "\n".join(
        "{}: {}".format(language, line) for language in found for line in found[language])


def test_the_models_group_is_in_the_ui_language(mdi_provider, ui_language):
    groups = {}
    for language in ("nl", "en"):
        ui_language(language)
        mdi_provider.refreshAlgorithms()
        groups[language] = {a.group() for a in mdi_provider.algorithms()
                            if a.name() == "mdi_keten"}
    mdi_provider.refreshAlgorithms()
    assert groups == {"nl": {"Modellen"}, "en": {"Models"}}


def test_the_model_has_a_descriptive_name_in_the_ui_language_and_keeps_its_id(
        mdi_provider, ui_language):
    shown = {}
    for language in ("nl", "en"):
        ui_language(language)
        mdi_provider.refreshAlgorithms()
        model = QgsApplication.processingRegistry().algorithmById("mdi:mdi_keten")
        run = model.create()        # the dialog and the run use a new instance
        shown[language] = (model.displayName(), run.displayName(), run.id(), run.group(),
                           len(run.childAlgorithms()))
    mdi_provider.refreshAlgorithms()
    assert shown == {
        "nl": ("MDI-keten (berekenen, indelen, aggregeren, focusregio's)",
               "MDI-keten (berekenen, indelen, aggregeren, focusregio's)",
               "mdi:mdi_keten", "Modellen", 4),
        "en": ("MDI chain (compute, classify, aggregate, focus regions)",
               "MDI chain (compute, classify, aggregate, focus regions)",
               "mdi:mdi_keten", "Models", 4)}


def test_the_model_labels_steps_and_help_follow_the_ui_language(mdi_provider, ui_language):
    """The .model3 holds "Nederlands / English" labels and Dutch step names: the dialog,
    the log and the help show one language."""
    shown = {}
    for language in ("nl", "en"):
        ui_language(language)
        mdi_provider.refreshAlgorithms()
        run = QgsApplication.processingRegistry().algorithmById("mdi:mdi_keten").create()
        shown[language] = (run.parameterDefinition("berekenen_uit").description(),
                           sorted(run.childAlgorithm(c).description()
                                  for c in run.childAlgorithms()),
                           run.helpContent()["ALG_DESC"].split(":")[0],
                           " / " in run.shortHelpString())
    mdi_provider.refreshAlgorithms()
    assert shown == {
        "nl": ("Berekenen uit", ["Aggregeren naar regio", "Indelen in klassen",
                                 "MDI berekenen", "Perifere regio's markeren"], "MDI-keten",
               False),
        "en": ("Compute from", ["Aggregate to regions", "Classify into classes",
                                "Compute MDI", "Flag peripheral regions"], "MDI chain", False)}


def model_file_texts(path):
    """What the Graphical Modeler shows of a .model3: name, help, parameter labels and
    options, step names and the outputs the steps declare."""
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(path)
    texts = [model.name(), model.group(), model.helpContent().get("ALG_DESC", "")]
    texts += [c.description() for c in model.parameterComponents().values()]
    for parameter in model.parameterDefinitions():
        texts.append(parameter.description())
        texts += list(getattr(parameter, "options", lambda: [])())
    for child_id in model.childAlgorithms():
        child = model.childAlgorithm(child_id)
        texts.append(child.description())
        texts += [output.description() for output in child.modelOutputs().values()]
    return texts


def test_the_copy_of_the_model_for_editing_is_in_the_ui_language(mdi_provider, ui_language,
                                                                 tmp_path):
    """Plugins > MDI > copy the model: the user edits one language, not "NL / EN", and the
    Modeler finds every step valid."""
    from mdi_plugin.gui.model_copy import copy_model_to_user_folder
    shown = {}
    for language in ("nl", "en"):
        ui_language(language)
        path = copy_model_to_user_folder(str(tmp_path / language))
        texts = model_file_texts(path)
        model = QgsProcessingModelAlgorithm()
        assert model.fromFile(path) and model.validate()[0], model.validate()[1]
        shown[language] = ([t for t in texts if " / " in t],
                           [t for t in texts if leaks(language, t)],
                           "Gemeenten met MDI en klasse" in texts,
                           "Gemeenten with MDI and class" in texts, texts[1])
    assert shown == {"nl": ([], [], True, False, "Modellen"),
                     "en": ([], [], False, True, "Models")}


# -- the likeliest mistake: domain scores computed as indicators ------------------------------

@pytest.mark.parametrize("language", ["nl", "en"])
def test_domain_scores_in_indicator_mode_say_what_to_switch(mdi_provider, ui_language,
                                                            domain_scores, language):
    ui_language(language)
    algorithm = QgsApplication.processingRegistry().algorithmById("mdi:computemdi").create()
    mode = algorithm.parameterDefinition("MODE")
    with pytest.raises(QgsProcessingException) as raised:
        processing.run(algorithm, {"INPUT": domain_scores, "OUTPUT": "memory:"})
    message = str(raised.value)
    option = mode.options()[1].split(" (")[0]      # "Domeinscores" / "Domain scores"
    assert "'{}' (MODE)".format(mode.description()) in message, message
    assert "'{}'".format(option) in message, message
    assert "inkomen" in message and leaks(language, message) == []
