"""Hostile inputs, messages: no Python exception reaches the user unexplained, and every
failure says what is wrong and what to do (issue #14, "Tracebacks instead of messages" and
"Unhelpful messages"). Cases seen through qgis_process are tested there (the runner fails
on a traceback or a bug report in the output, conftest.py); the rest in-process.
"""

import json
import shutil

import pytest
from qgis import processing
from qgis.core import QgsApplication, QgsProcessingException

from mdi_plugin.core.spec import default_spec_path, load_spec
from mdi_safety_helpers import (column, file_digest, indicator_layer, indicator_table,
                                memory_layer)
from mdi_test_helpers import LogFeedback

SPEC = load_spec()


def cli(qgis_process, algorithm, *params):
    """(exit code, everything qgis_process printed) of one run."""
    result = qgis_process("run", algorithm, "--", *params)
    return result.returncode, result.stdout + result.stderr


def failed(qgis_process, algorithm, *params):
    """The output of a run that must fail (exit code 1), for its message."""
    code, output = cli(qgis_process, algorithm, *params)
    assert code == 1, output
    return output


def empty_copy(source, target):
    """A GeoPackage with the fields of ``source`` and no features."""
    processing.run("native:extractbyexpression",
                   {"INPUT": source, "EXPRESSION": "false", "OUTPUT": str(target)})
    return str(target)


def bundled_spec(tmp_path, change=None, name="spec.json"):
    with open(default_spec_path(), encoding="utf-8") as handle:
        data = json.load(handle)
    if change:
        change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --------------------------------------------------------------- tracebacks -> messages

@pytest.mark.parametrize("case", ["nested", "huge weights"])
def test_spec_that_once_gave_a_traceback_is_a_message_on_the_command_line(
        qgis_process, sample_gpkg, tmp_path, case):
    if case == "nested":
        spec = tmp_path / "diep.json"
        spec.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
        expected = "is nested too deeply to be a spec"
    else:
        def huge(data):
            data.pop("weight_total")
            for domain in data["domains"]:
                domain["weight"] = 1e308
        spec = bundled_spec(tmp_path, huge)
        expected = "has a weight of 1e+308; weights are percentages"
    target = tmp_path / "uit.gpkg"
    output = failed(qgis_process, "mdi:computemdi",
                    "INPUT={}|layername=gemeenten".format(sample_gpkg), "SPEC={}".format(spec),
                    "RESCALE_WEIGHTS=true", "OUTPUT={}".format(target))
    assert expected in output and str(spec) in output
    assert not target.exists()


@pytest.mark.parametrize("algorithm, output, inside, expected", [
    ("mdi:exportmap", "OUTPUT_PNG", "kaart.png",
     "OUTPUT_PNG: '{blocker}' is a file, not a folder, so '{path}' cannot be written there."),
    ("mdi:exportmap", "OUTPUT_PDF", "sub/kaart.pdf",
     "OUTPUT_PDF: '{blocker}' is a file, not a folder, so '{path}' cannot be written there."),
    ("mdi:domainprofile", "OUTPUT_FOLDER", None,
     "OUTPUT_FOLDER: '{blocker}' is a file, not a folder. Choose a folder"),
    ("mdi:domainprofile", "OUTPUT_FOLDER", "grafieken",
     "OUTPUT_FOLDER: '{blocker}' is a file, not a folder, so the folder '{path}' cannot be "
     "made there."),
    ("mdi:classifyquartiles", "OUTPUT", "klassen.gpkg",
     "OUTPUT: '{blocker}' is a file, not a folder, so '{path}' cannot be written there."),
])
def test_an_output_folder_that_is_a_file_is_a_message(qgis_process, gemeenten_mdi, tmp_path,
                                                      algorithm, output, inside, expected):
    """FileExistsError / NotADirectoryError from os.makedirs, as a traceback before."""
    blocker = tmp_path / "bezet"
    blocker.write_text("een bestand, geen map", encoding="utf-8")
    path = blocker.joinpath(*inside.split("/")) if inside else blocker
    extra = {"mdi:domainprofile": ["REGION_FIELD=coropcode", "YEAR_FIELD=jaar", "YEAR=2023",
                                   "OUTPUT=TEMPORARY_OUTPUT",
                                   "OUTPUT_REGIONS=TEMPORARY_OUTPUT"]}.get(algorithm, [])
    message = failed(qgis_process, algorithm, "INPUT={}".format(gemeenten_mdi),
                     "{}={}".format(output, path), *extra)
    assert expected.format(blocker=blocker, path=path) in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bezet"]
    assert blocker.read_text(encoding="utf-8") == "een bestand, geen map"


def _patched_execute(monkeypatch, algorithm_id, error):
    """Make ``algorithm_id`` write a feature to its OUTPUT and then raise ``error``."""
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)

    def execute(self, run):
        source = run.source()
        sink, _ = run.sink("OUTPUT", source.fields(), source.wkbType(), source.sourceCrs())
        sink.addFeature(next(source.getFeatures()))
        raise error

    monkeypatch.setattr(type(algorithm), "execute", execute)


@pytest.mark.parametrize("error, expected", [
    (FileExistsError(17, "File exists", "/ergens/bezet"),
     "Classify scores into classes (mdi:classifyquartiles): could not read or write "
     "'/ergens/bezet': File exists. Check that the folder exists"),
    (PermissionError(13, "Permission denied"),
     "Classify scores into classes (mdi:classifyquartiles): a file could not be read or written: "
     "Permission denied. Check the paths"),
    (MemoryError(), "Classify scores into classes (mdi:classifyquartiles) ran out of memory. Close "
                    "other programs"),
])
def test_safety_net_explains_an_environment_error_and_removes_the_output(
        mdi_provider, gemeenten_mdi, tmp_path, monkeypatch, expect_bug_report, error,
        expected):
    _patched_execute(monkeypatch, "mdi:classifyquartiles", error)
    target = tmp_path / "uit.gpkg"
    feedback = LogFeedback()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("mdi:classifyquartiles", {"INPUT": gemeenten_mdi,
                                                 "OUTPUT": str(target)}, feedback=feedback)
    message = str(raised.value)
    assert message.startswith(expected), message
    assert "Nothing of this run was kept." in message and "Traceback" not in message
    assert not target.exists()
    assert any("incomplete output" in line for line in feedback.infos)
    assert expect_bug_report == []          # not a bug: no alarm for the test suite


@pytest.mark.parametrize("error", [OverflowError("math range error"),
                                   ValueError("could not convert"),
                                   RecursionError("maximum recursion depth exceeded"),
                                   TypeError("unsupported operand")])
def test_safety_net_explains_an_unexpected_error_and_logs_a_bug_report(
        mdi_provider, gemeenten_mdi, tmp_path, monkeypatch, expect_bug_report, error):
    _patched_execute(monkeypatch, "mdi:classifyquartiles", error)
    target = tmp_path / "uit.gpkg"
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("mdi:classifyquartiles", {"INPUT": gemeenten_mdi,
                                                 "OUTPUT": str(target)})
    message = str(raised.value)
    kind = type(error).__name__
    # where: the innermost frame of the plugin's own code (here the base's call of the
    # patched execute)
    assert message.startswith(
        "Classify scores into classes (mdi:classifyquartiles) stopped on an unexpected error in "
        "_process (base.py): {}: {}. Nothing of this run was kept.".format(
            kind, error)), message
    assert "please report it" in message and "Traceback" not in message
    assert not target.exists()
    # the original, with its stack, is in the message log for a bug report
    [report] = expect_bug_report
    assert report.startswith("MDI bug report: mdi:classifyquartiles failed; QGIS ")
    assert "{}: {}".format(kind, error) in report
    assert "\n  at mdi_plugin/processing/base.py:" in report
    assert "\n  at test_hostile_messages.py:" in report           # not the user's folders
    assert "Traceback (most recent call last)" not in report


def test_a_styling_failure_after_the_run_is_a_warning_and_keeps_the_output(
        mdi_provider, gemeenten_mdi, tmp_path, monkeypatch, expect_bug_report):
    from mdi_plugin.styling import outputs

    def broken(*args):
        raise RuntimeError("stijl kapot")
    monkeypatch.setattr(outputs, "style_outputs", broken)
    target = tmp_path / "klassen.gpkg"
    feedback = LogFeedback()
    result = processing.run("mdi:classifyquartiles", {"INPUT": gemeenten_mdi,
                                                      "OUTPUT": str(target)},
                            feedback=feedback)
    assert result["OUTPUT"] == str(target) and target.exists()
    assert any("the outputs were written, but giving them the MDI style failed: "
               "RuntimeError: stijl kapot" in line for line in feedback.errors)
    assert len(expect_bug_report) == 1


# --------------------------------------------------------------- empty inputs

def test_an_empty_layer_is_no_map_on_the_command_line(qgis_process, gemeenten_mdi, tmp_path):
    empty = empty_copy(gemeenten_mdi, tmp_path / "leeg.gpkg")
    png = tmp_path / "kaarten" / "kaart.png"
    output = failed(qgis_process, "mdi:exportmap", "INPUT={}".format(empty),
                    "OUTPUT_PNG={}".format(png))
    assert "The input 'leeg' has no features: nothing to map." in output
    assert not png.parent.exists()          # the folder made for it is removed again


def test_an_empty_zone_layer_is_an_error(mdi_provider, gemeenten_mdi, sample_gpkg, tmp_path):
    zones = empty_copy("{}|layername=corop_regios".format(sample_gpkg), tmp_path / "z.gpkg")
    png = tmp_path / "kaart.png"
    with pytest.raises(QgsProcessingException, match="The zone layer 'z' \\(ZONES\\) has no "
                                                     "features: there are no zones to draw"):
        processing.run("mdi:exportmap", {"INPUT": gemeenten_mdi, "ZONES": zones,
                                         "OUTPUT_PNG": str(png)})
    assert not png.exists()


#: Algorithm -> the parameters besides INPUT of a run on an empty input.
EMPTY_RUNS = {
    "computemdi": {},
    "classifyquartiles": {},
    "aggregatetoregions": {"REGION_FIELD": "coropcode"},
    "flagperiphery": {},
    "joinregiokompas": {"REGIOKOMPAS": "gemeenten", "INPUT_KEY": "gemeentecode",
                        "RK_KEY": "gemeentecode", "THEME_FIELDS": ["inwoners"]},
    "correlate": {"COMPARE_FIELDS": ["inwoners"]},
    "changeovertime": {"ID_FIELD": "gemeentecode"},
    "topn": {},
    "concentration": {"SCORE_FIELD": "arme_huishoudens", "GROUP_FIELD": "gemeentecode"},
    "domainprofile": {"REGION_FIELD": "coropcode", "OUTPUT_REGIONS": "memory:"},
    "exportmap": {},
    "classstability": {"N_RUNS": 2},
    "gemeentetypologie": {"CLASS_FIELD": "mdi", "FACILITIES_FIELD": "voorzieningenindex",
                          "OUTPUT_TABLE": "memory:"},
    "gemeenterapport": {},
}


def test_every_algorithm_calls_an_empty_input_an_error(mdi_provider, gemeenten_mdi,
                                                       sample_gpkg, tmp_path):
    from mdi_plugin.processing.base import MdiAlgorithm
    registered = {a.name() for a in QgsApplication.processingRegistry()
                  .providerById("mdi").algorithms()
                  if isinstance(a, MdiAlgorithm) and a.parameterDefinition("INPUT")}
    assert registered == set(EMPTY_RUNS)    # a new algorithm with an input: add it here
    empty = empty_copy(gemeenten_mdi, tmp_path / "leeg.gpkg")
    messages = {}
    for name, extra in EMPTY_RUNS.items():
        parameters = dict(extra, INPUT=empty)
        if name == "joinregiokompas":
            parameters["REGIOKOMPAS"] = "{}|layername=gemeenten".format(sample_gpkg)
        if name == "exportmap":
            parameters["OUTPUT_PNG"] = str(tmp_path / "kaart.png")
        elif name == "gemeenterapport":
            parameters["OUTPUT_PDF"] = str(tmp_path / "rapport.pdf")
        elif name == "domainprofile":
            parameters["OUTPUT_FOLDER"] = str(tmp_path / "grafieken")
            parameters["OUTPUT"] = "memory:"
        else:
            parameters["OUTPUT"] = "memory:"
        with pytest.raises(QgsProcessingException) as raised:
            processing.run("mdi:" + name, parameters)
        messages[name] = str(raised.value)
    assert {n: m for n, m in messages.items() if "has no features" not in m} == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leeg.gpkg"]


# --------------------------------------------------------------- unhelpful messages

def test_a_domain_whose_indicators_are_all_null_is_named(qgis_process, tmp_path):
    table = indicator_table()
    safety = [k for k, i in enumerate(SPEC.indicators) if i.domain == "veiligheid"]
    table[:, safety] = float("nan")
    source = tmp_path / "leeg_domein.gpkg"
    processing.run("native:savefeatures", {"INPUT": indicator_layer(table, SPEC),
                                           "OUTPUT": str(source)})
    target = tmp_path / "uit.gpkg"
    output = failed(qgis_process, "mdi:computemdi", "INPUT={}".format(source),
                    "OUTPUT={}".format(target))
    assert "Domain 'veiligheid' cannot be computed: its indicator fields (vandalisme, " \
           "vermogensdelicten, geweldsdelicten) are empty (NULL) or missing in every row" \
        in output
    assert "scored from the other indicators" not in output
    assert not target.exists()


def test_a_domain_of_weight_0_without_values_is_a_warning(mdi_provider, tmp_path):
    table = indicator_table()
    safety = [k for k, i in enumerate(SPEC.indicators) if i.domain == "veiligheid"]
    table[:, safety] = float("nan")

    def no_safety(data):
        data.pop("weight_total")
        for domain in data["domains"]:
            domain["weight"] = 0 if domain["id"] == "veiligheid" else domain["weight"]
    spec = bundled_spec(tmp_path, no_safety)
    feedback = LogFeedback()
    out = processing.run("mdi:computemdi", {"INPUT": indicator_layer(table, SPEC),
                                            "SPEC": str(spec), "RESCALE_WEIGHTS": True,
                                            "OUTPUT": "memory:"}, feedback=feedback)["OUTPUT"]
    assert None not in column(out, "mdi")
    assert any("Domain 'veiligheid' has no values at all" in w for w in feedback.warnings)
    assert not any("scored from the other indicators" in w for w in feedback.warnings)


def test_an_empty_domain_score_field_is_named(mdi_provider):
    names = [d for d in SPEC.domain_ids]
    rows = [[50.0] * (len(names) - 1) + [None] for _ in range(4)]
    layer = memory_layer(["mdi_{}:double".format(d) for d in names], rows)
    with pytest.raises(QgsProcessingException,
                       match="Domain '{}': its score field is empty".format(names[-1])):
        processing.run("mdi:computemdi", {"INPUT": layer, "MODE": 1, "OUTPUT": "memory:"})


def test_tiny_weights_rescaled_give_numbers(mdi_provider, tmp_path):
    """5e-324 / 100 underflows to 0: rescaled weights once gave a NULL MDI everywhere."""
    def weights(value):
        def change(data):
            data.pop("weight_total")
            for domain in data["domains"]:
                domain["weight"] = value
        return change
    layer = indicator_layer(indicator_table(), SPEC)
    results = {}
    for value in (5e-324, 1.0):
        spec = bundled_spec(tmp_path, weights(value), "w{}.json".format(value))
        results[value] = column(processing.run("mdi:computemdi", {
            "INPUT": layer, "SPEC": str(spec), "RESCALE_WEIGHTS": True,
            "OUTPUT": "memory:"})["OUTPUT"], "mdi")
    assert None not in results[5e-324]
    assert results[5e-324] == pytest.approx(results[1.0], abs=1e-9)


def test_output_named_like_the_spec_says_where_it_goes(qgis_process, sample_gpkg, tmp_path):
    spec = bundled_spec(tmp_path)
    before = file_digest(spec)
    code, output = cli(qgis_process, "mdi:computemdi",
                       "INPUT={}|layername=gemeenten".format(sample_gpkg), "YEAR_FIELD=jaar",
                       "SPEC={}".format(spec), "OUTPUT={}".format(spec))
    assert code == 0, output
    written = tmp_path / "spec.json.geojson"
    assert "OUTPUT: QGIS writes '{}' (it adds the extension '.geojson'".format(written) \
        in output
    assert "OUTPUT: the existing file '{}' is not changed.".format(spec) in output
    assert "replace" not in output.lower()          # nothing is replaced, so nothing said
    assert file_digest(spec) == before and written.exists()


def test_fields_differing_only_in_case_are_named(qgis_process, tmp_path):
    source = tmp_path / "hoofdletters.csv"
    source.write_text("code,MDI,mdi\nGM0001,40,41\nGM0002,50,51\nGM0003,60,61\n"
                      "GM0004,45,46\n", encoding="utf-8")
    target = tmp_path / "klassen.gpkg"
    output = failed(qgis_process, "mdi:classifyquartiles", "INPUT={}".format(source),
                    "FIELD=mdi", "OUTPUT={}".format(target))
    assert "OUTPUT: the fields 'MDI' and 'mdi' differ only in upper and lower case" in output
    assert "duplicate column name" not in output
    assert not target.exists()


def test_fields_differing_only_in_case_are_fine_in_a_temporary_layer(mdi_provider):
    layer = memory_layer(["code:string", "MDI:double", "mdi:double"],
                         [["GM{:04d}".format(k), 40.0 + k, 41.0 + k] for k in range(4)])
    out = processing.run("mdi:classifyquartiles", {"INPUT": layer, "FIELD": "mdi",
                                                   "OUTPUT": "memory:"})["OUTPUT"]
    assert out.fields().names()[:3] == ["code", "MDI", "mdi"]


@pytest.mark.parametrize("subset, expected", [
    ('"bestaat_niet" = 1', "SUBSET expression \"bestaat_niet\" = 1 uses field "
                           "'bestaat_niet', which the input does not have."),
    ("mdi_inkomn > 50", "SUBSET expression mdi_inkomn > 50 uses field 'mdi_inkomn', which "
                        "the input does not have. Similar fields: mdi_inkomen"),
])
def test_a_subset_with_an_unknown_field_says_so(qgis_process, gemeenten_mdi, subset,
                                                expected):
    output = failed(qgis_process, "mdi:correlate", "INPUT={}".format(gemeenten_mdi),
                    "YEAR_FIELD=jaar", "YEAR=2023", "COMPARE_FIELDS=mdi_inkomen",
                    "SUBSET={}".format(subset), "OUTPUT=TEMPORARY_OUTPUT")
    assert expected in output
    assert "No rows are left" not in output


def test_a_subset_whose_field_differs_in_case_still_works(mdi_provider, gemeenten_mdi):
    result = processing.run("mdi:correlate", {
        "INPUT": gemeenten_mdi, "YEAR_FIELD": "jaar", "YEAR": 2023,
        "COMPARE_FIELDS": ["mdi_inkomen"], "SUBSET": '"MDI_INKOMEN" > 50',
        "OUTPUT": "memory:"})
    assert 0 < result["N_ROWS"] < 48


def test_a_multi_layer_geopackage_names_the_layer_read(qgis_process, sample_gpkg, tmp_path):
    source = tmp_path / "drie_lagen.gpkg"
    shutil.copy(sample_gpkg, source)
    output = failed(qgis_process, "mdi:classifyquartiles", "INPUT={}".format(source),
                    "OUTPUT=TEMPORARY_OUTPUT")
    note = ("INPUT: '{}' holds 3 layers (gemeenten, buurten, corop_regios); QGIS read the "
            "first, 'gemeenten'. To use another, add |layername=<name> to the path, e.g. "
            "{}|layername=buurten.").format(source, source)
    assert "WARNING:\t" + note in output                    # in the log ...
    error = output[output.index("ERROR:\t"):]
    assert error.startswith("ERROR:\tFIELD: field 'mdi' is not in the input.")
    assert note in error                                    # ... and with the error


def test_a_chosen_layer_or_a_single_layer_file_gets_no_note(mdi_provider, sample_gpkg,
                                                            gemeenten_mdi):
    for source, field in (("{}|layername=buurten".format(sample_gpkg), "inwoners"),
                          (gemeenten_mdi, "mdi")):
        feedback = LogFeedback()
        processing.run("mdi:classifyquartiles", {"INPUT": source, "FIELD": field,
                                                 "OUTPUT": "memory:"}, feedback=feedback)
        assert not any("layers" in w for w in feedback.warnings), source


def test_an_output_in_a_missing_folder_is_made_there(qgis_process, gemeenten_mdi, tmp_path):
    target = tmp_path / "nieuw" / "map" / "klassen.gpkg"
    code, output = cli(qgis_process, "mdi:classifyquartiles",
                       "INPUT={}".format(gemeenten_mdi), "OUTPUT={}".format(target))
    assert code == 0, output
    assert "unable to open database file" not in output
    assert len(column(target_layer(target), "mdi_klasse")) == 144


def target_layer(path):
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(str(path), "uit", "ogr")
    assert layer.isValid(), path
    return layer


@pytest.mark.parametrize("kind", ["layer", "png", "folder"])
def test_missing_folders_are_made_and_removed_again_after_a_failure(
        mdi_provider, gemeenten_mdi, tmp_path, monkeypatch, kind):
    """Every output kind: a layer, a file the algorithm writes, an output folder. A run
    that fails after creating its output removes the folders it made."""
    new = tmp_path / "a" / "b"
    algorithm, parameters, make = {
        "layer": ("mdi:classifyquartiles", {"OUTPUT": str(new / "uit.gpkg")},
                  lambda run: run.sink("OUTPUT", run.source().fields(),
                                       run.source().wkbType(), run.source().sourceCrs())),
        "png": ("mdi:exportmap", {"OUTPUT_PNG": str(new / "kaart.png"), "YEAR": 2023},
                lambda run: run.file_output("OUTPUT_PNG")),
        "folder": ("mdi:domainprofile", {"OUTPUT_FOLDER": str(new), "YEAR": 2023,
                                         "REGION_FIELD": "coropcode", "OUTPUT": "memory:",
                                         "OUTPUT_REGIONS": "memory:"},
                   lambda run: run.output_folder("OUTPUT_FOLDER")),
    }[kind]
    parameters = dict(parameters, INPUT=gemeenten_mdi, YEAR_FIELD="jaar")
    processing.run(algorithm, parameters)
    assert new.is_dir() and any(new.iterdir())
    shutil.rmtree(tmp_path / "a")

    def execute(self, run):
        make(run)
        assert new.is_dir()
        raise OSError(28, "No space left on device")
    registered = QgsApplication.processingRegistry().algorithmById(algorithm)
    monkeypatch.setattr(type(registered), "execute", execute)
    with pytest.raises(QgsProcessingException, match="No space left on device"):
        processing.run(algorithm, parameters)
    assert not (tmp_path / "a").exists()
