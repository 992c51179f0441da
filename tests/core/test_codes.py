"""CBS area codes in their many forms."""

from pathlib import Path

import pytest

from mdi_plugin.core.codes import area_keys, gemeente_of, normalise_code, normalise_codes
from mdi_plugin.core.errors import InputError


@pytest.mark.parametrize("raw", ["GM0363", "gm0363", "GM363", "363", "0363", 363, 363.0,
                                 " GM0363 "])
def test_gemeente_forms(raw):
    assert normalise_code(raw, "GM") == "GM0363"


@pytest.mark.parametrize("raw", ["CR01", "cr01", "1", "01", 1, "CR1"])
def test_corop_forms(raw):
    assert normalise_code(raw, "CR") == "CR01"


@pytest.mark.parametrize("raw", [None, "", "abc", "WK036301", 363.5, float("nan"), True,
                                 "GM12345"])
def test_not_a_gemeente_code(raw):
    assert normalise_code(raw, "GM") is None


def test_gemeente_of_wijk_and_buurt():
    assert gemeente_of("BU03630101") == "GM0363"
    assert gemeente_of("wk036301") == "GM0363"
    assert gemeente_of("363") == "GM0363"
    assert gemeente_of(None) is None
    assert normalise_codes(["1", "x"], "PV") == ["PV01", None]


KEYS_FILE = Path(__file__).resolve().parent.parent / "data" / "cbs_area_keys.txt"


def recorded_keys():
    """The area keys of the recorded CBS / Politie OData responses (right-padded)."""
    lines = KEYS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip('"') for line in lines if line.startswith('"')]


@pytest.mark.parametrize("raw,prefix,code", [
    ("WK0363AA", "WK", "WK0363AA"), ("wk0363aa", "WK", "WK0363AA"),
    ("BU0363AA01", "BU", "BU0363AA01"), ("bu0363aa01 ", "BU", "BU0363AA01"),
    ("0363AA01", "BU", "BU0363AA01"), ("363AA01", "BU", "BU0363AA01"),
    ("GM1680    ", "GM", "GM1680"), ("BU16800009", "BU", "BU16800009"),
    ("16800009", "BU", "BU16800009"), ("WK168000  ", "WK", "WK168000"),
    (36301, "WK", "WK036301"), ("36301", "WK", "WK036301"),
])
def test_wijk_and_buurt_forms_including_amsterdams_letters(raw, prefix, code):
    assert normalise_code(raw, prefix) == code


@pytest.mark.parametrize("raw,prefix", [
    ("AA01", "BU"),             # letters first: never guessed into a code
    ("GM0363", "BU"), ("BU0363AA01", "WK"), ("WK0363AA", "GM"),
    ("0363AA", "GM"),           # gemeente codes are digits only
    ("12345AA01", "BU"),        # five gemeente digits
    ("BU0363A", "BU"),          # too short for a buurt
    ("BU0363-AA01", "BU"),
])
def test_codes_that_are_not_of_the_kind_asked(raw, prefix):
    assert normalise_code(raw, prefix) is None


def test_every_recorded_cbs_key_is_understood_and_no_letter_is_lost():
    keys = recorded_keys()
    assert len(keys) > 50 and any("AA" in k for k in keys) and any(k != k.strip() for k in keys)
    for key in keys:
        prefix = key[:2]
        if prefix == "NL":
            assert normalise_code(key, "GM") is None
            continue
        code = normalise_code(key, prefix)
        assert code == key.strip(), key
        assert gemeente_of(key) == "GM" + key.strip()[2:6]


# ------------------------------------------------------------------ area_keys: one key per area

def test_area_keys_merge_every_cbs_form_of_the_recorded_keys():
    """Each recorded OData key (padded, Amsterdam's letters) and the same key stripped, in
    lower case or (for GM) as a bare number is one key: the canonical code."""
    keys = recorded_keys()
    variants = keys + [k.strip().lower() for k in keys] + [" " + k.strip() + " " for k in keys]
    found, warnings = area_keys(variants, "code", list(range(1, len(variants) + 1)))
    assert found == [k.strip() for k in keys] * 3
    assert len(warnings) == 1 and "several forms" in str(warnings[0])
    gemeenten = [k for k in keys if k.startswith("GM")]
    bare = [str(int(k.strip()[2:])) for k in gemeenten]
    assert area_keys(gemeenten + bare, "gm")[0] == [k.strip() for k in gemeenten] * 2


def test_area_keys_without_a_prefix_are_numbers_or_the_text_as_given():
    assert area_keys([363, "0363", 363.0, " 363 ", None, ""], "g")[0] == [363] * 4 + [None] * 2
    assert area_keys(["Noord ", "Noord", "zuid", float("nan")], "r")[0] == \
        ["Noord", "Noord", "zuid", None]
    assert area_keys([], "r") == ([], [])


@pytest.mark.parametrize("values, feature, wrong", [
    (["GM0363", "Amsterdam"], 11, "'Amsterdam' is not a CBS area code"),
    (["GM0363", "GM12345"], 11, "'GM12345' is not a CBS area code"),
    (["BU0363AA01", "BU0363-AA01"], 11, "'BU0363-AA01' is not a CBS area code"),
    (["GM0363", 363.5], 11, "363.5 is not a CBS area code"),
    (["BU03630000", "GM0363", "363"], 12, "'363' has no CBS prefix"),
])
def test_area_keys_refuse_a_value_that_is_no_code_naming_field_and_feature(
        values, feature, wrong):
    with pytest.raises(InputError) as caught:
        area_keys(values, "regio", [10, 11, 12])
    assert "Field 'regio', feature {}: ".format(feature) in str(caught.value)
    assert wrong in str(caught.value)
