"""The public interface of every MDI algorithm, and the rules of the processing wing.

One table pins what models, scripts and qgis_process calls rely on: the parameter names in
their order, their defaults and the outputs (they must not change). Per algorithm: it is
registered under the provider ``mdi`` as an ``MdiAlgorithm`` with its own ``execute``, has
a group, a display name and tags, and help in Dutch and English that follows the QGIS
locale. Then the structural rules (issue #13): no algorithm module imports another, no
error or cancel handling outside the base class, short algorithm files, and FIELD_MAP and
REGION_FIELD each read in exactly one function (checked statically and by their errors).
"""

import ast
import statistics
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsSettings

REPO_ROOT = Path(__file__).resolve().parent.parent
PROCESSING = REPO_ROOT / "mdi_plugin" / "processing"
ALGORITHMS_DIR = PROCESSING / "algorithms"
HELP_DIR = REPO_ROOT / "resources" / "help"

#: {algorithm id: (parameter names in their order, output names)}
INTERFACES = {
    "computemdi": (
        ["INPUT", "MODE", "SPEC", "FIELD_MAP", "NORMALISATION", "CLIP_PERCENT", "YEAR_FIELD",
         "MIN_COVERAGE", "RESCALE_WEIGHTS", "OUTPUT"],
        {"OUTPUT", "FEATURE_COUNT", "MDI_NULL_COUNT"}),
    "classifyquartiles": (
        ["INPUT", "FIELD", "METHOD", "YEAR_FIELD", "BREAKS", "OUTPUT"],
        {"OUTPUT", "BREAKS_USED", "FEATURE_COUNT", "NULL_COUNT"}),
    "aggregatetoregions": (
        ["INPUT", "REGION_FIELD", "REGIONS", "REGIONS_ID_FIELD", "FIELDS", "METHOD",
         "WEIGHT_FIELD", "YEAR_FIELD", "OUTPUT"],
        {"OUTPUT", "N_REGIONS", "N_UNMATCHED", "FEATURE_COUNT"}),
    "flagperiphery": (
        ["INPUT", "CODE_FIELD", "ZONES", "MDI_FIELD", "THRESHOLD", "OUTPUT"],
        {"OUTPUT", "FEATURE_COUNT", "N_FOCUS", "N_UNKNOWN", "N_NO_MDI"}),
    "joinregiokompas": (
        ["INPUT", "INPUT_KEY", "REGIOKOMPAS", "RK_KEY", "THEME_FIELDS", "HIGHER_IS_BETTER",
         "OUTPUT"],
        {"OUTPUT", "N_MATCHED", "N_UNMATCHED_INPUT", "N_UNMATCHED_REGIOKOMPAS"}),
    "correlate": (
        ["INPUT", "SCORE_FIELD", "COMPARE_FIELDS", "SUBSET", "EXCLUDE_DOMAIN", "YEAR_FIELD",
         "YEAR", "OUTPUT"],
        {"OUTPUT", "N_ROWS", "N_INDICATORS"}),
    "changeovertime": (
        ["INPUT", "ID_FIELD", "YEAR_FIELD", "FROM_YEAR", "TO_YEAR", "FIELDS", "CLASS_FIELD",
         "WEIGHT_FIELD", "OUTPUT"],
        {"OUTPUT", "FROM_YEAR_USED", "TO_YEAR_USED", "NATIONAL_CHANGE", "N_BOTH",
         "N_ONLY_FROM", "N_ONLY_TO", "FEATURE_COUNT"}),
    "topn": (
        ["INPUT", "FIELD", "N", "GROUP_FIELD", "DERIVE_GEMEENTE", "YEAR_FIELD", "ASCENDING",
         "ONLY_SELECTED", "OUTPUT"],
        {"OUTPUT", "N_FLAGGED", "N_GROUPS", "N_UNRANKED", "FEATURE_COUNT"}),
    "concentration": (
        ["INPUT", "SCORE_FIELD", "CLASS_FIELD", "POPULATION_FIELD", "GROUP_FIELD",
         "DERIVE_GEMEENTE", "YEAR_FIELD", "OUTPUT"],
        {"OUTPUT", "N_GROUPS", "N_UNMATCHED", "FEATURE_COUNT"}),
    "domainprofile": (
        ["INPUT", "REGION_FIELD", "REGION_NAME_FIELD", "UNIT_FIELD", "UNIT_NAME_FIELD",
         "YEAR_FIELD", "YEAR", "CHART_WIDTH", "CHART_HEIGHT", "OUTPUT_FOLDER", "OUTPUT",
         "OUTPUT_REGIONS"],
        {"OUTPUT_FOLDER", "OUTPUT", "OUTPUT_REGIONS", "N_REGIONS", "N_CHARTS"}),
    "exportmap": (
        ["INPUT", "FIELD", "SCHEME", "YEAR_FIELD", "YEAR", "ZONES", "ZONE_TABLE", "TOP_N",
         "GEMEENTE", "TITLE", "SUBTITLE", "SOURCE", "DPI", "OUTPUT_PNG", "OUTPUT_PDF"],
        {"OUTPUT_PNG", "OUTPUT_PDF", "YEAR_USED", "LEGEND"}),
    "classstability": (
        ["INPUT", "MODE", "SPEC", "FIELD_MAP", "YEAR_FIELD", "MIN_COVERAGE", "N_RUNS", "SEED",
         "WEIGHT_SPREAD", "NORMALISATIONS", "BREAKS", "BREAK_JITTER", "UNSTABLE_BELOW",
         "OUTPUT", "CLASS_METHOD"],
        {"OUTPUT", "FEATURE_COUNT", "N_UNSTABLE", "N_UNCERTAIN"}),
    "gemeentetypologie": (
        ["INPUT", "CLASS_FIELD", "YEAR_FIELD", "YEAR", "POPULATION_FIELD", "REGION_FIELD",
         "GROWTH_FIELD", "NEW_HOMES_FIELD", "OLD_HOMES_FIELD", "PROTECTED_FIELD",
         "JOBS_RATIO_FIELD", "JOBS_FIELD", "NATURE_FIELD", "FARMLAND_FIELD", "FACILITIES_FIELD",
         "INDUSTRY_1960_FIELD", "TOURISM_ESTABLISHMENTS_FIELD", "TOURISM_LABOUR_FIELD",
         "SIZE_BREAKS", "OUTPUT", "OUTPUT_TABLE"],
        {"OUTPUT", "OUTPUT_TABLE", "FEATURE_COUNT", "N_TYPES"}),
    "downloadopendata": (
        ["YEARS", "LEVEL", "GEMEENTEN", "SOURCES", "GEOMETRY", "REFRESH", "OUTPUT"],
        {"OUTPUT", "SPEC", "N_AREAS", "N_INDICATORS"}),
    "gemeenterapport": (
        ["INPUT", "FIELD", "CLASS_FIELD", "POPULATION_FIELD", "YEAR_FIELD", "YEAR", "GEMEENTEN",
         "FROM_YEAR", "ZONE_TABLE", "SUBSET", "FILTER", "SOURCE", "DPI", "OUTPUT_PDF",
         "OUTPUT_FOLDER", "TEMPLATE"],
        {"OUTPUT_PDF", "OUTPUT_FOLDER", "N_PAGES"}),
}
ALGORITHM_IDS = list(INTERFACES)

#: The parameters that have a default; every other parameter has none.
DEFAULTS = {
    "computemdi": {"MODE": 0, "NORMALISATION": 0, "CLIP_PERCENT": 0.0, "MIN_COVERAGE": 0.5,
                   "RESCALE_WEIGHTS": False},
    "classifyquartiles": {"FIELD": "mdi", "METHOD": 0},
    "aggregatetoregions": {"METHOD": 0},
    "flagperiphery": {"MDI_FIELD": "mdi", "THRESHOLD": 50.0},
    "joinregiokompas": {"HIGHER_IS_BETTER": True},
    "correlate": {"SCORE_FIELD": "mdi"},
    "changeovertime": {"YEAR_FIELD": "jaar"},
    "topn": {"FIELD": "mdi", "N": 10, "DERIVE_GEMEENTE": False, "ASCENDING": False,
             "ONLY_SELECTED": False},
    "concentration": {"SCORE_FIELD": "mdi", "POPULATION_FIELD": "inwoners",
                      "DERIVE_GEMEENTE": False},
    "domainprofile": {"CHART_WIDTH": 800, "CHART_HEIGHT": 450},
    "exportmap": {"FIELD": "mdi", "SCHEME": 0, "TOP_N": 0,
                  "TITLE": "Meervoudige Achterstandsindex (MDI)",
                  "SOURCE": "Het PON & Telos; CBS", "DPI": 150},
    "classstability": {"MODE": 0, "MIN_COVERAGE": 0.5, "N_RUNS": 2000, "SEED": 1,
                       "WEIGHT_SPREAD": 0.1, "NORMALISATIONS": [0, 1], "BREAKS": "40,50,60",
                       "BREAK_JITTER": 2.0, "UNSTABLE_BELOW": 0.8, "CLASS_METHOD": 0},
    "gemeentetypologie": {"SIZE_BREAKS": "20000,50000,100000"},
    "downloadopendata": {"YEARS": "2024", "LEVEL": 0, "SOURCES": [0, 1, 2, 3],
                         "GEOMETRY": True, "REFRESH": False},
    "gemeenterapport": {"FIELD": "mdi", "POPULATION_FIELD": "inwoners",
                        "SOURCE": "Het PON & Telos; CBS", "DPI": 150},
}

#: {algorithm id: (group id, English display name, output style)}
METADATA = {
    "computemdi": ("compute", "Compute MDI", "mdi_classes"),
    "classifyquartiles": ("analysis", "Classify scores into classes", "mdi_klasse"),
    "aggregatetoregions": ("analysis", "Aggregate to COROP / regions", "mdi_classes"),
    "flagperiphery": ("analysis", "Flag periphery", "mdi_zones"),
    "joinregiokompas": ("analysis", "Join Regiokompas", "mdi_classes"),
    "correlate": ("analysis", "Correlate with comparison indicators", None),
    "changeovertime": ("analysis", "Change over time", "mdi_change"),
    "topn": ("analysis", "Top N worst areas", "mdi_top_n"),
    "concentration": ("analysis", "Concentration per gemeente", None),
    "domainprofile": ("analysis", "Domain profile (achterstandsprofiel)", None),
    "exportmap": ("maps", "Export MDI map (PNG / PDF)", None),
    "classstability": ("analysis", "Class stability (Monte Carlo)", None),
    "gemeentetypologie": ("analysis", "Gemeente typology", None),
    "downloadopendata": ("compute", "Download open data", None),
    "gemeenterapport": ("maps", "Report per gemeente", None),
}

#: Text the help must hold, per language (facts a user looks up there).
HELP_MENTIONS = {
    "computemdi": {"nl": ["22,5"], "en": ["22.5"]},
    "classifyquartiles": {"nl": ["Zeer hoog"]},
    "aggregatetoregions": {"nl": ["aandeel_hoog"], "en": ["aandeel_hoog"]},
    "flagperiphery": {"nl": ["focusregio"], "en": ["focusregio"]},
    "correlate": {"nl": ["Field"], "en": ["Field"]},
    "changeovertime": {"nl": ["sneller verbeterd", "verschil_tov_landelijk"],
                       "en": ["verschil_tov_landelijk"]},
    "topn": {"nl": ["rang_binnen_groep", "1, 2, 2, 4"],
             "en": ["rang_binnen_groep", "1, 2, 2, 4"]},
    "concentration": {"nl": ["0,95 &minus; 0,9&middot;(p &minus; 11)/19"],
                      "en": ["0.95 &minus; 0.9&middot;(p &minus; 11)/19", "exactly 10%"]},
    "domainprofile": {"nl": ["grafiek"], "en": ["grafiek"]},
    "classstability": {"nl": ["stabiliteit_se", "onzeker", "kwartielen"],
                       "en": ["stabiliteit_se", "onzeker", "quartiles"]},
    "exportmap": {"nl": ["PNG"], "en": ["PNG"]},
    "downloadopendata": {"nl": ["CC BY 4.0", "MDI_CBS_ODATA_URL", "niet geverifieerd"],
                         "en": ["CC BY 4.0", "MDI_CBS_ODATA_URL", "not verified"]},
    "gemeenterapport": {"nl": ["signaal, geen oordeel", "POPULATION_FIELD", ".qpt"],
                        "en": ["signal, not a verdict", "POPULATION_FIELD", ".qpt"]},
}
LANGUAGES = ("nl", "en")


def registered(name):
    """The algorithm ``mdi:<name>`` from the processing registry (a failure, never a skip,
    when it is missing: e.g. a module the provider skipped with "TEMP: skipped")."""
    algorithm = QgsApplication.processingRegistry().algorithmById("mdi:" + name)
    assert algorithm is not None, "mdi:{} is not registered".format(name)
    return algorithm


def help_file(name, language):
    return HELP_DIR / "{}.{}.html".format(name, language)


@pytest.fixture
def qgis_locale():
    """set(locale): the QGIS user locale for one test ("locale/userLocale"), restored after."""
    settings = QgsSettings()
    key = "locale/userLocale"
    had, old = settings.contains(key), settings.value(key)
    yield lambda locale: settings.setValue(key, locale)
    if had:
        settings.setValue(key, old)
    else:
        settings.remove(key)


# -- per algorithm ------------------------------------------------------------------------

def test_the_provider(mdi_provider):
    assert mdi_provider.id() == "mdi"
    assert "Meervoudige Achterstandsindex" in mdi_provider.name()
    assert not mdi_provider.icon().isNull()
    assert set(INTERFACES) <= {a.name() for a in mdi_provider.algorithms()}


@pytest.mark.parametrize("name", ALGORITHM_IDS)
def test_interface(mdi_provider, name):
    from mdi_plugin.processing.base import MdiAlgorithm
    algorithm = registered(name)
    assert algorithm.provider().id() == "mdi" and algorithm.id() == "mdi:" + name
    assert isinstance(algorithm, MdiAlgorithm), type(algorithm).__mro__
    assert type(algorithm).execute is not MdiAlgorithm.execute, "no execute(run)"

    parameters, outputs = INTERFACES[name]
    definitions = algorithm.parameterDefinitions()
    assert [p.name() for p in definitions] == parameters
    assert {p.name(): p.defaultValue() for p in definitions} == {
        p: DEFAULTS.get(name, {}).get(p) for p in parameters}
    assert {o.name() for o in algorithm.outputDefinitions()} == outputs

    group, display_name, style = METADATA[name]
    assert algorithm.groupId() == group and algorithm.group()
    assert algorithm.displayName() == display_name
    assert algorithm.tags() and all(tag.strip() for tag in algorithm.tags())
    assert algorithm.OUTPUT_STYLE == style
    assert not algorithm.icon().isNull()


@pytest.mark.parametrize("name", ALGORITHM_IDS)
def test_help_in_dutch_and_english_follows_the_locale(mdi_provider, qgis_locale, name):
    texts = {}
    for language in LANGUAGES:
        path = help_file(name, language)
        assert path.is_file(), "{} is missing".format(path.relative_to(REPO_ROOT))
        texts[language] = path.read_text(encoding="utf-8")
        assert texts[language].strip(), "{} is empty".format(path.name)
        for text in HELP_MENTIONS.get(name, {}).get(language, ()):
            assert text in texts[language], "{}: no {!r}".format(path.name, text)
    assert texts["nl"] != texts["en"]
    algorithm = registered(name)
    for locale, language in (("nl_NL", "nl"), ("en_US", "en"), ("fr_FR", "en")):
        qgis_locale(locale)
        assert algorithm.shortHelpString() == texts[language], locale


# -- the rules of the processing wing -------------------------------------------------------

def python_files(folder):
    return sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")


def module_imports(path, package):
    """Absolute names of the modules imported by ``path`` (a module of ``package``)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = ".".join(base[:len(base) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module) if p)
            names.append(module)
            names.extend(module + "." + alias.name for alias in node.names)
    return names


def test_no_algorithm_module_imports_another():
    package = "mdi_plugin.processing.algorithms"
    modules = {package + "." + p.stem for p in python_files(ALGORITHMS_DIR)}
    found = {path.name: sorted(set(module_imports(path, package)) & modules)
             for path in python_files(ALGORITHMS_DIR)}
    assert {name: imported for name, imported in found.items() if imported} == {}


def caught_names(handler):
    """The names an ``except`` clause catches (``except (A, b.B)`` -> A, B)."""
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", None) for t in types}


def test_only_the_base_class_handles_core_errors_and_cancel():
    """The base owns the one error policy and the one cancel policy."""
    found = []
    for path in sorted(PROCESSING.rglob("*.py")):
        if path.name == "base.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                for name in caught_names(node) & {"MdiError", "Cancelled"}:
                    found.append("{}:{}: except {}".format(
                        path.relative_to(REPO_ROOT), node.lineno, name))
    assert found == []


def test_algorithm_files_are_short():
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines())
               for p in python_files(ALGORITHMS_DIR)}
    assert len(lengths) == len(INTERFACES)
    assert {name: n for name, n in lengths.items() if n >= 300} == {}
    assert statistics.median(lengths.values()) < 200, lengths


# -- FIELD_MAP and REGION_FIELD: each read in one function of fields.py ----------------------

#: Parameters whose value only ``processing/fields.py`` reads: {name: its function}.
READ_IN_FIELDS = {"FIELD_MAP": "field_map", "REGION_FIELD": "region_field"}
#: Methods of AlgorithmRun that do not read a parameter's value.
NOT_READING = {"is_set", "info", "warn", "warn_all", "fail", "check_cancel", "steps", "step"}


def run_readers():
    """The AlgorithmRun methods that read a parameter (``run.text(name)``, ...)."""
    tree = ast.parse((PROCESSING / "run.py").read_text(encoding="utf-8"))
    run_class = next(n for n in tree.body if isinstance(n, ast.ClassDef)
                     and n.name == "AlgorithmRun")
    return {n.name for n in run_class.body if isinstance(n, ast.FunctionDef)
            and not n.name.startswith("_")} - NOT_READING


#: Calls that read the value of the parameter they are given.
READERS = run_readers() | {"field_or_guess", "get"}


def references(tree):
    """(name, node, parent) of every use of the parameter names: the string
    "REGION_FIELD", or a name or attribute called so (a constant holding it)."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        name = node.value if isinstance(node, ast.Constant) else \
            node.id if isinstance(node, ast.Name) else \
            node.attr if isinstance(node, ast.Attribute) else None
        if isinstance(name, str) and name in READ_IN_FIELDS:
            parent = parents.get(node)
            if isinstance(parent, (ast.keyword, ast.Tuple, ast.List)):
                parent = parents.get(parent)
            yield name, node, parent


def reads_the_value(name, node, parent):
    """True for a read of the parameter's value: ``run.text("REGION_FIELD")``,
    ``self.parameterAsString(parameters, REGION_FIELD, ...)``, ``parameters["FIELD_MAP"]``,
    ``field_or_guess(run, "REGION_FIELD", ...)``, or the name under another name
    (``KEY = "REGION_FIELD"``) that such a read could then use unseen."""
    if isinstance(parent, ast.Call) and node is not parent.func:
        function = parent.func
        called = function.attr if isinstance(function, ast.Attribute) else \
            getattr(function, "id", "")
        if isinstance(function, ast.Name) and called != "field_or_guess":
            return False                    # parameter factories, errors, messages
        return called in READERS or called.startswith("parameterAs")
    if isinstance(parent, ast.Subscript):
        return node is parent.slice
    if isinstance(parent, ast.Assign) and node is parent.value:
        return any(getattr(t, "id", getattr(t, "attr", None)) != name for t in parent.targets)
    return False


def test_field_map_and_region_field_are_read_only_in_fields_py():
    found = []
    for path in sorted(PROCESSING.rglob("*.py")):
        if path.name == "fields.py":
            continue
        for name, node, parent in references(ast.parse(path.read_text(encoding="utf-8"))):
            if reads_the_value(name, node, parent):
                found.append("{}:{}: {} (read it with fields.{})".format(
                    path.relative_to(REPO_ROOT), node.lineno, name, READ_IN_FIELDS[name]))
    assert found == []


def test_fields_py_reads_each_in_one_function():
    tree = ast.parse((PROCESSING / "fields.py").read_text(encoding="utf-8"))
    readers = {name: set() for name in READ_IN_FIELDS}
    for function in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        for name, _, _ in references(function):
            readers[name].add(function.name)
    assert readers == {name: {function} for name, function in READ_IN_FIELDS.items()}


@pytest.mark.parametrize("field_map, message", [
    (["inkomen", "mdi_inkomen", "werk"], "'Field map' (FIELD_MAP) needs pairs of (id, "
                                         "field); got an odd number of values: inkomen, "
                                         "mdi_inkomen, werk."),
    (["werk", "a", "werk", "b"], "'Field map' (FIELD_MAP) maps id(s) werk more than once."),
])
def test_a_bad_field_map_is_the_same_error_everywhere(mdi_provider, sample_gpkg, field_map,
                                                      message):
    from qgis import processing
    errors = {}
    for name, extra in (("computemdi", {}), ("classstability", {"N_RUNS": 2})):
        with pytest.raises(QgsProcessingException) as raised:
            processing.run("mdi:" + name, dict(
                extra, INPUT="{}|layername=gemeenten".format(sample_gpkg), MODE=0,
                FIELD_MAP=field_map, OUTPUT="memory:"))
        errors[name] = str(raised.value)
    assert errors == {"computemdi": message, "classstability": message}


def test_a_missing_region_field_is_the_same_error_everywhere(gemeenten_mdi, tmp_path):
    from qgis import processing
    runs = {
        "aggregatetoregions": {"FIELDS": ["mdi"]},
        "domainprofile": {"OUTPUT_FOLDER": str(tmp_path), "OUTPUT_REGIONS": "memory:"},
        "gemeentetypologie": {"FACILITIES_FIELD": "voorzieningenindex",
                              "OUTPUT_TABLE": "memory:"},
    }
    errors = {}
    for name, extra in runs.items():
        with pytest.raises(QgsProcessingException) as raised:
            processing.run("mdi:" + name, dict(extra, INPUT=gemeenten_mdi,
                                               REGION_FIELD="coropcod", OUTPUT="memory:"))
        errors[name] = str(raised.value)
    first = errors["aggregatetoregions"]
    assert first.startswith("REGION_FIELD: field 'coropcod' is not in the input. "
                            "Similar fields: coropcode"), first
    assert errors == dict.fromkeys(runs, first)
