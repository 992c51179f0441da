"""Dutch translation: complete .ts, up-to-date .qm, one context, and QGIS really shows it
(desktop in nl and en under Xvfb, qgis_process with a Dutch profile)."""

import ast
import importlib.util
import json
import os
import shutil
import subprocess

import pytest

ALGORITHM_IDS = ("mdi:computemdi", "mdi:classifyquartiles", "mdi:aggregatetoregions",
                 "mdi:flagperiphery", "mdi:joinregiokompas")


@pytest.fixture(scope="module")
def i18n_script(repo_root):
    """scripts/i18n.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "mdi_i18n_script", str(repo_root / "scripts" / "i18n.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def translations(i18n_script):
    """{English source: Dutch translation} of the committed .ts."""
    return {source: text for source, (text, finished) in i18n_script.read_ts().items()
            if finished}


@pytest.fixture()
def dutch_translator():
    """The committed .qm installed in this process for one test, removed afterwards."""
    from mdi_plugin import i18n
    translator = i18n.install_translator("nl")
    assert translator is not None, "i18n/mdi_nl.qm missing or unreadable"
    yield translator
    i18n.remove_translator(translator)


def test_every_string_is_translated_with_its_placeholders(i18n_script):
    found = i18n_script.extract_all()
    problems = i18n_script.problems(found, i18n_script.read_ts())
    assert problems == []
    assert len(found) > 400


def test_placeholder_check_catches_a_broken_translation(i18n_script):
    found = {"{count} feature(s) highlighted.": []}
    broken = {"{count} feature(s) highlighted.": ("{aantal} object(en) gemarkeerd.", True)}
    assert len(i18n_script.problems(found, broken)) == 1
    assert i18n_script.problems(found, {}) != []


@pytest.mark.subprocess
def test_committed_qm_is_compiled_from_the_committed_ts(i18n_script, repo_root, tmp_path):
    """lrelease is deterministic: compiling the .ts again gives the committed .qm byte for
    byte (run `make translations` after editing i18n/mdi_nl.ts)."""
    if shutil.which("lrelease") is None and shutil.which("lrelease-qt5") is None:
        pytest.fail("lrelease not found: run `make setup` (Debian package qttools5-dev-tools)")
    fresh = i18n_script.compile_qm(qm_path=str(tmp_path / "mdi_nl.qm"))
    committed = repo_root / "i18n" / "mdi_nl.qm"
    assert committed.read_bytes() == open(fresh, "rb").read()


def test_qm_translates_algorithm_names_and_dutch_terms(repo_root):
    from qgis.PyQt.QtCore import QTranslator
    translator = QTranslator()
    assert translator.load(str(repo_root / "i18n" / "mdi_nl.qm"))
    assert translator.translate("mdi", "Compute MDI") == "MDI berekenen"
    assert translator.translate("mdi", "Classify scores into classes") == \
        "Scores in klassen indelen"
    assert translator.translate("mdi", "Join Regiokompas") == "Regiokompas koppelen"
    # Dutch report terms in the source translate to themselves (identity is kept)
    assert translator.translate("mdi", "Zeer hoog") == "Zeer hoog"
    # other contexts are not translated
    assert translator.translate("MdiAlgorithm", "Compute MDI") == ""


def test_plugin_translates_in_one_context_only(repo_root):
    """Every QCoreApplication.translate call in mdi_plugin uses the context "mdi" (through
    mdi_plugin/i18n.py), so one .ts covers everything."""
    offenders = []
    for folder, _dirs, names in os.walk(str(repo_root / "mdi_plugin")):
        for name in names:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                tree = ast.parse(handle.read(), path)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                qt_translate = isinstance(func, ast.Attribute) and func.attr == "translate" \
                    and getattr(func.value, "id", "") in ("QCoreApplication", "QApplication")
                noop = getattr(func, "id", "").startswith("QT_TR")
                if qt_translate or noop:
                    context = node.args[0]
                    ok = (isinstance(context, ast.Constant) and context.value == "mdi") or \
                        (isinstance(context, ast.Name) and context.id == "CONTEXT"
                         and name == "i18n.py")
                    if not ok:
                        offenders.append("{}:{}".format(os.path.relpath(path, repo_root),
                                                        node.lineno))
    assert offenders == []


def test_dock_form_uses_the_mdi_context(repo_root):
    import xml.etree.ElementTree as ET
    root = ET.parse(str(repo_root / "ui" / "mdi_dock.ui")).getroot()
    assert root.findtext("class") == "mdi"


def _algorithm_texts(algorithm):
    """Display name, group and every parameter and output description of an algorithm."""
    texts = [algorithm.displayName(), algorithm.group()]
    texts += [p.description() for p in algorithm.parameterDefinitions()]
    texts += [o.description() for o in algorithm.outputDefinitions()]
    return texts


def test_every_algorithm_text_is_in_the_ts(mdi_provider, i18n_script):
    """What the Processing toolbox and dialogs show (English source) is extractable."""
    found = i18n_script.extract_all()
    missing = []
    for algorithm in mdi_provider.algorithms():
        if algorithm.id() == "mdi:mdi_keten":
            continue  # the model's texts come from the .model3 file
        fresh = algorithm.create()
        missing += ["{}: {!r}".format(algorithm.id(), text)
                    for text in _algorithm_texts(fresh) if text not in found]
    assert missing == []


def test_algorithms_show_dutch_with_the_translator(mdi_provider, translations,
                                                   dutch_translator):
    for algorithm in mdi_provider.algorithms():
        if algorithm.id() == "mdi:mdi_keten":
            continue
        fresh = algorithm.create()  # initAlgorithm runs now, with the translator
        assert fresh.displayName() in translations.values(), algorithm.id()
        assert fresh.group() in translations.values(), algorithm.id()
    compute = [a for a in mdi_provider.algorithms() if a.id() == "mdi:computemdi"][0].create()
    assert compute.displayName() == "MDI berekenen"
    descriptions = {p.name(): p.description() for p in compute.parameterDefinitions()}
    assert descriptions["NORMALISATION"] == translations["Normalisation"] == "Normalisatie"


def test_core_error_message_is_translated(mdi_provider, dutch_translator, translations):
    """A core error raised in a run reaches the user translated (the base class does it)."""
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    from mdi_plugin.i18n import tr
    layer = QgsVectorLayer("None?field=code:string&field=score:double", "t", "memory")
    template = "{parameter}: field '{field}' is not in the input. {hint}"
    with pytest.raises(QgsProcessingException) as caught:
        processing.run("mdi:classifyquartiles", {"INPUT": layer, "FIELD": "mdx",
                                                 "OUTPUT": "memory:"})
    dutch = tr(template)
    assert dutch != template
    assert str(caught.value).startswith(dutch.split("{field}")[0].format(parameter="FIELD"))


# -- QGIS itself in nl and en -------------------------------------------------------------

DESKTOP_SCRIPT = """
import json
import qgis.utils
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QLabel, QPushButton

result = {"locale": QgsApplication.locale(), "loaded": qgis.utils.isPluginLoaded("mdi")}
try:
    registry = QgsApplication.processingRegistry()
    result["algorithms"] = {}
    for alg_id in ALGORITHM_IDS:
        algorithm = registry.algorithmById(alg_id)
        result["algorithms"][alg_id] = [algorithm.displayName(), algorithm.group()]
    result["provider"] = registry.providerById("mdi").name()
    window = qgis.utils.iface.mainWindow()
    action = [a for a in window.findChildren(QAction) if a.objectName() == "mdiMapsAction"][0]
    result["action"] = action.text()
    action.trigger()
    dock = [d for d in window.findChildren(QDockWidget) if d.objectName() == "MdiDock"][0]
    result["dock_title"] = dock.windowTitle()
    result["gemeente_label"] = dock.findChild(QLabel, "gemeenteLayerLabel").text()
    result["apply_button"] = dock.findChild(QPushButton, "applyButton").text()
finally:
    with open(OUT, "w") as handle:
        json.dump(result, handle)
    QTimer.singleShot(0, QgsApplication.instance().quit)
"""


def locale_profile(root, repo_root, language):
    """A QGIS profiles folder whose default profile runs in ``language`` and has this
    checkout as the enabled plugin ``mdi`` (python/plugins/mdi -> repo root)."""
    default = root / "profiles" / "default"
    plugins = default / "python" / "plugins"
    plugins.mkdir(parents=True)
    os.symlink(str(repo_root), str(plugins / "mdi"))
    (default / "QGIS").mkdir()
    (default / "QGIS" / "QGIS3.ini").write_text(
        "[PythonPlugins]\nmdi=true\n\n[locale]\nuserLocale={}\noverrideFlag=true\n".format(
            language), encoding="utf-8")
    return root


def clean_env():
    env = {k: v for k, v in os.environ.items()
           if k not in ("QGIS_PLUGINPATH", "QGIS_OPTIONS_PATH", "QGIS_CUSTOM_CONFIG_PATH",
                        "QT_QPA_PLATFORM", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(PYTHONWARNINGS="ignore::DeprecationWarning", LANG="C.UTF-8")
    return env


def run_desktop(repo_root, tmp_path, language):
    profiles = locale_profile(tmp_path / ("profiles_" + language), repo_root, language)
    out = tmp_path / "result_{}.json".format(language)
    script = tmp_path / "check_{}.py".format(language)
    script.write_text("OUT = {!r}\nALGORITHM_IDS = {!r}\n".format(str(out), ALGORITHM_IDS)
                      + DESKTOP_SCRIPT, encoding="utf-8")
    completed = subprocess.run(
        ["xvfb-run", "-a", "qgis", "--nologo", "--noversioncheck", "--profiles-path",
         str(profiles), "--code", str(script)],
        env=clean_env(), capture_output=True, text=True, stdin=subprocess.DEVNULL,
        timeout=300)
    assert out.exists(), completed.stdout + completed.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def desktop_runs(repo_root, tmp_path_factory):
    """The real QGIS desktop (Xvfb) started once in nl and once in en."""
    tmp_path = tmp_path_factory.mktemp("desktop_locale")
    return {language: run_desktop(repo_root, tmp_path, language) for language in ("nl", "en")}


@pytest.mark.desktop
@pytest.mark.parametrize("language", ["nl", "en"])
def test_qgis_desktop_follows_the_locale(desktop_runs, translations, language):
    result = desktop_runs[language]
    assert result["locale"] == language and result["loaded"], result

    def shown(english):
        return translations[english] if language == "nl" else english

    names = {"mdi:computemdi": "Compute MDI",
             "mdi:classifyquartiles": "Classify scores into classes",
             "mdi:aggregatetoregions": "Aggregate to COROP / regions",
             "mdi:flagperiphery": "Flag periphery", "mdi:joinregiokompas": "Join Regiokompas"}
    for alg_id, english in names.items():
        assert result["algorithms"][alg_id][0] == shown(english), alg_id
    assert result["algorithms"]["mdi:computemdi"][1] == shown("Compute index")
    assert result["action"] == shown("MDI maps")
    assert result["dock_title"] == shown("MDI maps")
    assert result["gemeente_label"] == shown("Gemeente layer")
    assert result["apply_button"] == shown("Apply classes")
    if language == "nl":
        assert result["algorithms"]["mdi:computemdi"][0] == "MDI berekenen"
        assert result["gemeente_label"] == "Gemeentelaag"


@pytest.mark.qgis_process
@pytest.mark.parametrize("language", ["nl", "en"])
def test_qgis_process_follows_the_profile_locale(repo_root, tmp_path, translations,
                                                 language):
    """qgis_process 3.22 reads the profile's locale/userLocale too (it loads no QGIS
    translation of its own, but the plugin installs its translator in __init__)."""
    profiles = locale_profile(tmp_path, repo_root, language)
    env = clean_env()
    env.update(QT_QPA_PLATFORM="offscreen", QGIS_CUSTOM_CONFIG_PATH=str(profiles))

    def qgis_process(*args):
        completed = subprocess.run([shutil.which("qgis_process.bin")] + list(args), env=env,
                                   capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                   timeout=300)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        return completed.stdout

    listing = qgis_process("list")
    helptext = qgis_process("help", "mdi:computemdi")
    if language == "nl":
        assert "mdi:computemdi\tMDI berekenen" in listing
        assert "mdi:joinregiokompas\tRegiokompas koppelen" in listing
        assert "MDI berekenen (mdi:computemdi)" in helptext
        assert translations["Normalisation"] in helptext
    else:
        assert "mdi:computemdi\tCompute MDI" in listing
        assert "Compute MDI (mdi:computemdi)" in helptext
        assert "MDI berekenen" not in listing + helptext
