"""Hostile inputs, area codes: one CBS code written in several forms (``GM0363``,
``gm0363 ``, ``363``, right-padded OData keys, Amsterdam's ``BU0363AA01``) is one area in
every algorithm that groups, joins or compares by code (core.codes.area_keys), and a value
that is no code like the field's others is an error naming field, feature and value.

The recorded keys are those of tests/data/cbs_area_keys.txt (copied from the CBS / Politie
OData responses in shared/reference/opendata, see its SOURCES.md)."""

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from mdi_plugin.core.errors import MdiError
from mdi_plugin.core.spec import load_spec
from mdi_plugin.styling.topn import gemeenten_in_layer, top_n_features
from mdi_safety_helpers import column, layer_rows, memory_layer
from mdi_test_helpers import LogFeedback
from mdi_test_helpers import run_algorithm as run

#: Three gemeenten, each written in three CBS forms (one a right-padded OData v3 key).
FORMS = {"GM0363": ["GM0363", "gm0363 ", "363"], "GM0014": ["GM0014", "14", "0014"],
         "GM1680": ["GM1680    ", "gm1680", "1680"]}
CODES = [form for forms in FORMS.values() for form in forms]           # 9 rows, 3 areas
CANONICAL = [code for code, forms in FORMS.items() for _ in forms]
#: The same three gemeenten in three COROP regions, written in COROP forms.
COROP = {"GM0363": ["CR23", "cr23", "23"], "GM0014": ["CR01", "1", "CR 01"],
         "GM1680": ["CR07", "07", "cr7"]}
COROP_CODES = [form for forms in COROP.values() for form in forms]
DOMAINS = load_spec().domain_ids
KEYS_FILE = Path(__file__).resolve().parent / "data" / "cbs_area_keys.txt"


def recorded_keys(prefix):
    """The recorded (right-padded) keys of one kind, e.g. 'BU' (Amsterdam's alphanumeric
    BU0363AA01 among them)."""
    lines = KEYS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip('"') for line in lines if line.startswith('"' + prefix)]


#: Outputs (memory layers) of the algorithms with more than one.
OUTPUTS = {"mdi:domainprofile": ("OUTPUT", "OUTPUT_REGIONS"),
           "mdi:gemeentetypologie": ("OUTPUT", "OUTPUT_TABLE")}


def error_of(algorithm, parameters):
    with pytest.raises(QgsProcessingException) as raised:
        run(algorithm, parameters, outputs=OUTPUTS.get(algorithm, ("OUTPUT",)))
    return str(raised.value)


def units(codes=CODES, corop=COROP_CODES, geometry="Point"):
    """Units with a gemeente code and a COROP code per row, an MDI (row number * 10),
    inhabitants, facilities and the seven domain scores."""
    fields = ["gemeentecode:string", "coropcode:string", "mdi:double", "inwoners:integer",
              "voorzieningen:double"] + ["mdi_{}:double".format(d) for d in DOMAINS]
    rows = [[code, region, 10.0 * (row + 1), 1000, 80.0] +
            [float(10 + row + k) for k in range(len(DOMAINS))]
            for row, (code, region) in enumerate(zip(codes, corop))]
    return memory_layer(fields, rows, geometry)


def regiokompas():
    return memory_layer(["gemeentecode:string", "wonen:double"],
                        [["GM0363", 5.0], ["GM0014", 6.0], ["GM1680", 7.0], ["GM0344", 8.0]],
                        "None")


# Every algorithm that groups, joins or compares by code: (algorithm, parameters, the
# code field the error must name). Each gets the 9 rows of 3 areas in 3 forms.
GROUPING = [
    ("mdi:topn", {"GROUP_FIELD": "gemeentecode", "N": 1}, "gemeentecode"),
    ("mdi:aggregatetoregions", {"REGION_FIELD": "gemeentecode"}, "gemeentecode"),
    ("mdi:concentration", {"GROUP_FIELD": "gemeentecode"}, "gemeentecode"),
    ("mdi:joinregiokompas", {"INPUT_KEY": "gemeentecode"}, "gemeentecode"),
    ("mdi:flagperiphery", {"CODE_FIELD": "coropcode"}, "coropcode"),
    ("mdi:gemeentetypologie", {"REGION_FIELD": "coropcode", "POPULATION_FIELD": "inwoners",
                               "FACILITIES_FIELD": "voorzieningen"}, "coropcode"),
    ("mdi:domainprofile", {"REGION_FIELD": "coropcode", "UNIT_FIELD": "gemeentecode"},
     "gemeentecode"),
]


def run_grouping(algorithm, parameters, layer, feedback=None):
    extra = {"REGIOKOMPAS": regiokompas()} if algorithm == "mdi:joinregiokompas" else {}
    return run(algorithm, dict(parameters, INPUT=layer, **extra), feedback,
               outputs=OUTPUTS.get(algorithm, ("OUTPUT",)))


@pytest.mark.parametrize("algorithm, parameters, code_field", GROUPING)
def test_mixed_code_forms_are_one_area_in_every_algorithm(mdi_provider, algorithm,
                                                          parameters, code_field, tmp_path):
    if algorithm == "mdi:domainprofile":
        parameters = dict(parameters, OUTPUT_FOLDER=str(tmp_path / "charts"))
    feedback = LogFeedback()
    result = run_grouping(algorithm, parameters, units(), feedback)
    expected = {
        "mdi:topn": lambda: result["N_GROUPS"] == 3 and result["N_FLAGGED"] == 3,
        "mdi:aggregatetoregions": lambda: result["N_REGIONS"] == 3 and column(
            result["OUTPUT"], "gemeentecode") == ["GM0014", "GM0363", "GM1680"],
        "mdi:concentration": lambda: result["N_GROUPS"] == 3 and sorted(column(
            result["OUTPUT"], "gemeentecode")) == ["GM0014", "GM0363", "GM1680"],
        "mdi:joinregiokompas": lambda: result["N_MATCHED"] == 9 and
        result["N_UNMATCHED_INPUT"] == 0,
        "mdi:flagperiphery": lambda: result["N_UNKNOWN"] == 0 and
        None not in column(result["OUTPUT"], "zone"),
        # the centre share per region: test_typology_centre_share_... below
        "mdi:gemeentetypologie": lambda: result["FEATURE_COUNT"] == 9,
        "mdi:domainprofile": lambda: result["N_REGIONS"] == 3 and sorted(
            {row["regio"] for row in layer_rows(result["OUTPUT"])}) == ["CR01", "CR07",
                                                                        "CR23"],
    }[algorithm]
    assert expected(), result
    assert any("several forms" in w and "each form is read as the same code" in w
               for w in feedback.warnings)


def test_typology_centre_share_counts_a_region_written_in_several_forms_once(mdi_provider):
    """A gemeente of 10 % of its COROP is no centre gemeente (> 15 % needed); were the
    region split by the way its code is written, it would hold 100 % of "CR23"."""
    corop = ["CR23", "cr23", "23", "23 ", "cr 23", "023", "CR023", "cr23", "23"]
    rows = [["GM{:04d}".format(row + 1), region, 1000 if row == 0 else 1125,
             80.0 if row == 0 else 10.0, 50.0] for row, region in enumerate(corop)]
    layer = memory_layer(["gemeentecode:string", "coropcode:string", "inwoners:integer",
                          "voorzieningen:double", "mdi:double"], rows)
    parameters = {"INPUT": layer, "REGION_FIELD": "coropcode", "POPULATION_FIELD": "inwoners",
                  "FACILITIES_FIELD": "voorzieningen"}
    out = run("mdi:gemeentetypologie", parameters, outputs=OUTPUTS["mdi:gemeentetypologie"])[
        "OUTPUT"]
    assert [row["type_centrumgemeente"] for row in layer_rows(out)] == [0] * 9
    rows[0][2] = 2000                      # 2000 of 11000: 18 % > 15 %, facilities 80
    out = run("mdi:gemeentetypologie", dict(parameters, INPUT=memory_layer(
        ["gemeentecode:string", "coropcode:string", "inwoners:integer",
         "voorzieningen:double", "mdi:double"], rows)),
        outputs=OUTPUTS["mdi:gemeentetypologie"])["OUTPUT"]
    assert [row["type_centrumgemeente"] for row in layer_rows(out)] == [1] + [0] * 8


@pytest.mark.parametrize("algorithm, parameters, code_field", GROUPING)
def test_a_value_that_is_no_code_is_an_error_naming_field_feature_and_value(
        mdi_provider, algorithm, parameters, code_field, tmp_path):
    codes, corop = list(CODES), list(COROP_CODES)
    (codes if code_field == "gemeentecode" else corop)[4] = "Amsterdam"
    if algorithm == "mdi:domainprofile":
        parameters = dict(parameters, OUTPUT_FOLDER=str(tmp_path / "charts"))
    layer = units(codes, corop)
    extra = {"REGIOKOMPAS": regiokompas()} if algorithm == "mdi:joinregiokompas" else {}
    message = error_of(algorithm, dict(parameters, INPUT=layer, **extra))
    assert "Field '{}', feature 5: 'Amsterdam' is not a CBS area code".format(code_field) \
        in message, message
    assert list((tmp_path).glob("charts/*")) == []


def test_change_over_time_matches_areas_written_differently_in_the_two_years(mdi_provider):
    """CBS publishes padded keys (OData v3); another source writes them stripped and in
    lower case: every area, Amsterdam's alphanumeric buurten too, is in both years."""
    keys = recorded_keys("")             # NL, GM, WK and BU rows, as one OData table
    assert any("AA" in k for k in keys) and any(k != k.strip() for k in keys)
    rows = [[key, 2019, 40.0 + n] for n, key in enumerate(keys)] + \
        [[key.strip().lower(), 2023, 45.0 + n] for n, key in enumerate(keys)]
    layer = memory_layer(["code:string", "jaar:integer", "mdi:double"], rows, "None")
    result = run("mdi:changeovertime", {"INPUT": layer, "ID_FIELD": "code",
                                        "FIELDS": ["mdi"]})
    assert result["N_BOTH"] == len(keys) and result["N_ONLY_FROM"] == 0 and \
        result["N_ONLY_TO"] == 0
    assert column(result["OUTPUT"], "verschil_mdi") == [5.0] * len(keys)


def test_change_over_time_bare_numbers_and_prefixed_codes_are_one_area(mdi_provider):
    rows = [[code, 2019, 50.0] for code in ("GM0363", "GM0014", "GM1680")] + \
        [[code, 2023, 40.0] for code in ("363", "gm0014 ", "1680")]
    layer = memory_layer(["gemeentecode:string", "jaar:integer", "mdi:double"], rows, "None")
    result = run("mdi:changeovertime", {"INPUT": layer, "ID_FIELD": "gemeentecode",
                                        "FIELDS": ["mdi"]})
    assert result["N_BOTH"] == 3 and result["FEATURE_COUNT"] == 3


def test_top_n_derives_the_gemeente_of_recorded_buurt_keys(mdi_provider):
    buurten = recorded_keys("BU")
    amsterdam = [k for k in buurten if k.startswith("BU0363")]
    assert len(amsterdam) >= 2 and any("AA" in k for k in amsterdam)
    rows = [[key if n % 2 else key.strip().lower(), float(n)] for n, key in enumerate(buurten)]
    layer = memory_layer(["buurtcode:string", "mdi:double"], rows, "None")
    result = run("mdi:topn", {"INPUT": layer, "GROUP_FIELD": "buurtcode",
                              "DERIVE_GEMEENTE": True, "N": 1})
    gemeenten = {"GM" + k.strip()[2:6] for k in buurten}
    assert result["N_GROUPS"] == len(gemeenten)
    flags = dict(zip([k.strip() for k in buurten], column(result["OUTPUT"], "top_n")))
    assert flags[max(amsterdam, key=buurten.index).strip()] == 1     # highest of GM0363


def test_export_map_top_n_of_one_gemeente_with_mixed_forms(mdi_provider):
    """exportmap's top-N within one gemeente (styling.topn): rows whose gemeente is written
    as GM0363, 363, gm0363 or in an Amsterdam buurt code are all in it."""
    layer = memory_layer(["buurtcode:string", "gemeentecode:string", "mdi:double"],
                         [["BU0363AA01", "GM0363", 60.0], ["BU0363AA02", "363", 70.0],
                          ["BU03630000", "gm0363 ", 80.0], ["BU00140001", "14", 90.0],
                          ["BU0363AB03", None, 65.0]], "None")
    top = top_n_features(layer, "mdi", 10, gemeente="363")
    assert sorted(t["value"] for t in top) == [60.0, 65.0, 70.0, 80.0]
    assert gemeenten_in_layer(layer) == [("GM0014", ""), ("GM0363", "")]


def test_export_map_top_n_refuses_text_that_is_no_number_and_no_code(mdi_provider):
    layer = memory_layer(["gemeentecode:string", "mdi:string"],
                         [["GM0363", "60"], ["GM0363", "veel"], ["GM0014", "12,5"]], "None")
    with pytest.raises(MdiError, match="'mdi', feature 2: value 'veel' is not a number"):
        top_n_features(layer, "mdi", 10)
    layer = memory_layer(["gemeentecode:string", "mdi:double"],
                         [["GM0363", 60.0], ["Amsterdam", 50.0]], "None")
    with pytest.raises(MdiError, match="feature 2: 'Amsterdam' is not a CBS area code"):
        top_n_features(layer, "mdi", 10, gemeente="GM0363")


def test_the_docks_gemeente_list_leaves_out_a_value_that_is_no_code(mdi_provider):
    """The dock fills a list from the layer: never an error there, the bad value is left out
    (exportmap's top N of a gemeente reports it, see above)."""
    layer = memory_layer(["gemeentecode:string", "mdi:double"],
                         [["GM0363", 60.0], ["Amsterdam", 50.0], ["14", 40.0]], "None")
    assert gemeenten_in_layer(layer) == [("GM0014", ""), ("GM0363", "")]
