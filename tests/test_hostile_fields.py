"""Hostile inputs, field problems: every case gets a clear message (naming the field, the
feature and the value, saying what to do) or documented handling (README, "Bad input")."""

import math

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from mdi_plugin.core.spec import load_spec
from mdi_safety_helpers import column, indicator_layer, indicator_table, memory_layer
from mdi_test_helpers import LogFeedback
from mdi_test_helpers import run_algorithm as run

SPEC = load_spec()
FIRST = SPEC.indicators[0]                 # arme_huishoudens (inkomen, higher is worse)
RK = [["GM0001", 5.0], ["GM0002", 6.0], ["GM0003", 7.0]]


def error_of(algorithm, parameters):
    with pytest.raises(QgsProcessingException) as raised:
        run(algorithm, parameters)
    return str(raised.value)


def mdi_of(layer, **parameters):
    return column(run("mdi:computemdi", dict(parameters, INPUT=layer))["OUTPUT"], "mdi")


# --------------------------------------------------------------- required field missing

def test_compute_missing_indicator_fields_name_the_domain_and_similar_fields(mdi_provider):
    renamed = {"arme_huishoudens": "arme_huishouden", "financiele_buffer": "fin_buffer"}
    table = indicator_table()
    layer = indicator_layer(table, SPEC)
    fields = [renamed.get(i.field, i.field) + ":double" for i in SPEC.indicators]
    rows = [[None if v != v else v for v in row] for row in table.tolist()]
    layer = memory_layer(fields, rows)
    message = error_of("mdi:computemdi", {"INPUT": layer})
    assert "Domain 'inkomen'" in message and "arme_huishoudens" in message
    assert "Similar fields: arme_huishouden" in message and "FIELD_MAP" in message


@pytest.mark.parametrize("algorithm, fields, parameters, similar", [
    ("mdi:classifyquartiles", ["mdi_totaal:double"], {"FIELD": "mdi_total"}, "mdi_totaal"),
    ("mdi:aggregatetoregions", ["regio:string", "mdi_totaal:double"],
     {"REGION_FIELD": "regio", "FIELDS": ["mdi_total"]}, "mdi_totaal"),
    ("mdi:flagperiphery", ["coropcode:string", "mdi_totaal:double"],
     {"MDI_FIELD": "mdi_total"}, "mdi_totaal"),
    ("mdi:joinregiokompas", ["gemeentecode:string"], {"INPUT_KEY": "gemeentecod"},
     "gemeentecode"),
])
def test_missing_field_is_named_with_similar_fields(mdi_provider, algorithm, fields,
                                                    parameters, similar):
    values = [("GM0001" if f.endswith("string") else 50.0) for f in fields]
    layer = memory_layer(fields, [values])
    extra = {"REGIOKOMPAS": memory_layer(["gemeentecode:string", "wonen:double"], RK,
                                         "None")} if "join" in algorithm else {}
    message = error_of(algorithm, dict(parameters, INPUT=layer, **extra))
    missing = next(v if isinstance(v, str) else v[0] for v in parameters.values()
                   if v not in ("regio",))
    assert "'{}'".format(missing) in message
    assert "Similar fields: {}".format(similar) in message


def test_missing_default_field_lists_the_fields(mdi_provider):
    """classify without FIELD looks for 'mdi': the message lists what the input has."""
    layer = memory_layer(["code:string", "MDI_2023:double"], [["GM0001", 50.0]])
    message = error_of("mdi:classifyquartiles", {"INPUT": layer})
    assert "field 'mdi' is not in the input" in message and "MDI_2023" in message \
        and "FIELD" in message


# --------------------------------------------------------------- text that is not a number

@pytest.mark.parametrize("algorithm", ["computemdi", "classifyquartiles", "aggregatetoregions",
                                       "flagperiphery", "joinregiokompas"])
def test_text_that_is_not_a_number_names_field_feature_and_value(mdi_provider, algorithm):
    if algorithm == "computemdi":
        table = indicator_table(rows=4).astype(object)
        table[2, 0] = "veel"
        layer = indicator_layer(table, SPEC, field_type="string")
        field, feature, parameters = FIRST.field, 3, {}
    elif algorithm == "joinregiokompas":
        layer = memory_layer(["gemeentecode:string"], [["GM0001"]])
        rk = memory_layer(["gemeentecode:string", "wonen:string"],
                          [["GM0001", "5,5"], ["GM0002", "zes"]], "None")
        field, feature, parameters = "wonen", 2, {"REGIOKOMPAS": rk,
                                                  "THEME_FIELDS": ["wonen"]}
    else:
        layer = memory_layer(["coropcode:string", "mdi:string"],
                             [["CR01", "50,5"], ["CR02", "veel"]])
        field, feature = "mdi", 2
        parameters = {"REGION_FIELD": "coropcode"} if algorithm == "aggregatetoregions" \
            else {}
    message = error_of("mdi:" + algorithm, dict(parameters, INPUT=layer))
    assert "Field '{}', feature {}: value 'veel'".format(field, feature) in message or \
        ("Field 'wonen', feature 2: value 'zes'" in message)
    assert "Use a number" in message


# --------------------------------------------------------------- numeric text

def test_numbers_as_text_with_decimal_comma_and_thousands_separators(mdi_provider):
    texts = ["45,5", "1.234,5", "1,234.5", " 12 345 ", "39,99", "60", "-0,5"]
    numbers = [45.5, 1234.5, 1234.5, 12345.0, 39.99, 60.0, -0.5]
    layer = memory_layer(["mdi:string"], [[t] for t in texts])
    classes = column(run("mdi:classifyquartiles", {"INPUT": layer})["OUTPUT"], "mdi_klasse")
    assert classes == [1 + sum(n >= b for b in (40, 50, 60)) for n in numbers]


def test_indicators_as_dutch_text_give_the_same_mdi_as_numbers(mdi_provider):
    english = np.vectorize("{:.2f}".format)(indicator_table(rows=10) * 1000)
    as_numbers = mdi_of(indicator_layer(english.astype(float), SPEC))

    def dutch(text):                                        # 12345.67 -> 12.345,67
        whole, decimals = text.split(".")
        return "{:,}".format(int(whole)).replace(",", ".") + "," + decimals

    as_text = indicator_layer(english, SPEC, field_type="string", text=dutch)
    assert next(as_text.getFeatures())[FIRST.field].count(".") == 1
    assert mdi_of(as_text) == as_numbers


# --------------------------------------------------------------- CBS missing codes

def test_cbs_missing_codes_count_as_missing(mdi_provider):
    table = indicator_table(rows=10)
    with_null = table.copy()
    coded = table.astype(object)
    for (row, col), code in zip([(0, 0), (3, 5), (7, 22), (9, 1)],
                                [-99999999, -99997, ".", "-99997"]):
        coded[row, col] = code
        with_null[row, col] = np.nan
    expected = mdi_of(indicator_layer(with_null, SPEC))
    text = indicator_layer(coded, SPEC, field_type="string")
    assert mdi_of(text) == expected
    numeric = table.copy()
    numeric[0, 0], numeric[3, 5] = -99999999, -99997
    with_null = table.copy()
    with_null[0, 0] = with_null[3, 5] = np.nan
    assert mdi_of(indicator_layer(numeric, SPEC)) == mdi_of(indicator_layer(with_null, SPEC))


def test_cbs_missing_codes_are_left_out_of_region_means(mdi_provider):
    layer = memory_layer(["regio:string", "mdi:double"],
                         [["R", 40.0], ["R", -99997.0], ["R", 60.0], ["R", -99999999.0]])
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio"})["OUTPUT"]
    assert column(out, "mdi") == [50.0] and column(out, "n_eenheden") == [4]


# --------------------------------------------------------------- all NULL, no spread

def test_indicator_all_null_is_scored_from_the_others_with_a_warning(mdi_provider):
    table = indicator_table(rows=8)
    table[:, 0] = np.nan
    feedback = LogFeedback()
    result = run("mdi:computemdi", {"INPUT": indicator_layer(table, SPEC)}, feedback)
    assert any("'{}'".format(FIRST.id) in w and "no values at all" in w
               for w in feedback.warnings)
    mdi = column(result["OUTPUT"], "mdi")
    assert all(v is not None and 0 <= v <= 100 for v in mdi)
    # the domain is the other indicator alone: the same as leaving the field out
    partner = SPEC.indicators_of(FIRST.domain)[1]
    domain = column(result["OUTPUT"], "mdi_" + FIRST.domain)
    values = table[:, [i.id for i in SPEC.indicators].index(partner.id)]
    scaled = (values - values.min()) / (values.max() - values.min()) * 100
    expected = 100 - scaled if partner.higher_is_better else scaled
    assert domain == pytest.approx(expected.tolist(), abs=1e-9)


def test_indicator_without_spread_is_an_error_saying_what_to_do(mdi_provider):
    table = indicator_table(rows=6)
    table[:, 0] = 12.5
    message = error_of("mdi:computemdi", {"INPUT": indicator_layer(table, SPEC)})
    assert "Indicator '{}' (field '{}') has no spread".format(FIRST.id, FIRST.field) \
        in message
    assert "every value is 12.5" in message and "percentile rank" in message
    ranked = mdi_of(indicator_layer(table, SPEC), NORMALISATION=3)   # the suggested way
    assert all(v is not None for v in ranked)


# --------------------------------------------------------------- NaN, infinity, huge

def test_nan_counts_as_missing(mdi_provider):
    table = indicator_table(rows=8)
    table[2, 0] = np.nan
    layer = indicator_layer(table, SPEC)
    layer.dataProvider().changeAttributeValues({1 + 2: {layer.fields().indexOf(
        FIRST.field): float("nan")}})
    assert math.isnan(next(f for f in layer.getFeatures() if f.id() == 3)[FIRST.field])
    with_null = indicator_layer(table, SPEC)   # the same table with NULL
    assert mdi_of(layer) == mdi_of(with_null)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), "inf", "-Infinity"])
def test_infinity_is_an_error_naming_field_and_feature(mdi_provider, value):
    table = indicator_table(rows=5).astype(object)
    table[3, 0] = value
    kind = "string" if isinstance(value, str) else "double"
    layer = indicator_layer(table, SPEC, field_type=kind)
    message = error_of("mdi:computemdi", {"INPUT": layer})
    assert "Field '{}', feature 4".format(FIRST.field) in message and "inf" in message.lower()


def test_extremely_large_values_stay_finite_and_bounded(mdi_provider):
    table = indicator_table(rows=6)
    table[0, 0], table[1, 0] = 1e308, -1e308
    result = run("mdi:computemdi", {"INPUT": indicator_layer(table, SPEC)})
    scores = column(result["OUTPUT"], "mdi_" + FIRST.domain)
    mdi = column(result["OUTPUT"], "mdi")
    assert all(v is not None and 0 <= v <= 100 for v in scores + mdi)
    # the largest arme_huishoudens is the worst (100), the smallest the best (0)
    first = np.array([0.0 if i > 1 else (100.0 if i == 0 else 0.0) for i in range(6)])
    second = table[:, 1]
    partner = (second - second.min()) / (second.max() - second.min()) * 100
    partner = 100 - partner if SPEC.indicators[1].higher_is_better else partner
    first[2:] = (table[2:, 0] / 2 + 0.5e308) / 1e308 * 100     # squeezed near 50
    assert scores == pytest.approx(((first + partner) / 2).tolist(), abs=1e-6)


@pytest.mark.parametrize("method", [0, 2, 3, 4])
def test_extremely_large_values_aggregate_without_overflow(mdi_provider, method):
    layer = memory_layer(["regio:string", "mdi:double"],
                         [["R", 1e308], ["R", 1e308], ["S", -1e308], ["S", -1e308]])
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio",
                                         "METHOD": method})["OUTPUT"]
    assert column(out, "mdi") == [1e308, -1e308]


def test_extremely_large_weights_in_the_weighted_mean(mdi_provider):
    layer = memory_layer(["regio:string", "mdi:double", "inwoners:long"],
                         [["R", 40.0, 2 ** 62], ["R", 70.0, 2 ** 61], ["R", 1e308, 0]])
    out = run("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio",
                                         "METHOD": 1, "WEIGHT_FIELD": "inwoners"})["OUTPUT"]
    assert column(out, "mdi") == [pytest.approx((40.0 * 2 + 70.0) / 3)]


# --------------------------------------------------------------- integer overflow

def test_year_too_large_for_an_integer_field_is_an_error(mdi_provider, tmp_path):
    layer = memory_layer(["regio:string", "jaar:long", "mdi:double"],
                         [["R", 2023, 40.0], ["R", 99999999999, 50.0]])
    target = tmp_path / "out.gpkg"
    message = error_of("mdi:aggregatetoregions", {"INPUT": layer, "REGION_FIELD": "regio",
                                                  "YEAR_FIELD": "jaar", "OUTPUT": str(target)})
    assert "Year field 'jaar', feature 2: 99999999999 is not a year" in message
    assert not target.exists()


def test_64_bit_integer_fields_are_copied_exactly(mdi_provider, tmp_path):
    big = [2 ** 62 + 1, -(2 ** 63), 2 ** 63 - 1]
    layer = memory_layer(["code:string", "mdi:double", "teller:long", "klein:integer"],
                         [["GM1", 55.0, big[0], 2 ** 31 - 1],
                          ["GM2", 45.0, big[1], -2 ** 31 + 1], ["GM3", 65.0, big[2], 0]])
    result = run("mdi:classifyquartiles", {"INPUT": layer, "OUTPUT": str(tmp_path / "o.gpkg")})
    out = QgsVectorLayer(result["OUTPUT"], "o", "ogr")
    assert column(out, "teller") == big
    assert column(out, "klein") == [2 ** 31 - 1, -2 ** 31 + 1, 0]
    assert column(out, "mdi_klasse") == [3, 2, 4]


def test_integer_score_field_at_the_int32_limits(mdi_provider):
    layer = memory_layer(["mdi:integer"], [[2 ** 31 - 1], [-2 ** 31 + 1], [45]])
    out = run("mdi:classifyquartiles", {"INPUT": layer})["OUTPUT"]
    assert column(out, "mdi_klasse") == [4, 1, 2]
