"""Validation of MDI spec files."""

import copy
import json

import pytest

from mdi_plugin.core.errors import SpecError
from mdi_plugin.core.spec import (HIGHER_IS_BETTER, default_spec_path, load_spec,
                                  spec_from_dict)


@pytest.fixture
def spec_dict():
    with open(default_spec_path(), encoding="utf-8") as handle:
        return json.load(handle)


def test_bundled_spec_matches_the_report():
    spec = load_spec()
    assert spec.domain_ids == ("inkomen", "werk", "gezondheid", "opleiding", "huisvesting",
                               "veiligheid", "woonomgeving")
    assert [d.weight for d in spec.domains] == [22.5, 22.5, 13.5, 13.5, 9.3, 9.3, 9.3]
    assert spec.weight_sum == pytest.approx(99.9)
    assert len(spec.indicators) == 23
    counts = {d: len(spec.indicators_of(d)) for d in spec.domain_ids}
    assert counts == {"inkomen": 2, "werk": 2, "gezondheid": 4, "opleiding": 3,
                      "huisvesting": 4, "veiligheid": 3, "woonomgeving": 5}
    better = {i.id for i in spec.indicators if i.direction == HIGHER_IS_BETTER}
    assert better == {"financiele_buffer", "werkzame_beroepsbevolking", "levensverwachting",
                      "ervaren_gezondheid", "cijfer_nederlands_vmbot",
                      "betaalbare_koopwoningen", "beschikbaarheid_huurwoningen", "groen"}
    fields = [i.field for i in spec.indicators]
    assert "arme_huishoudens" in fields and "financiele_buffer" in fields
    assert all(f == f.lower() and " " not in f for f in fields)
    assert spec.label_nl != spec.label_en


def test_labels_default_to_the_id_and_fields_to_the_id(spec_dict):
    del spec_dict["domains"][0]["label"]
    del spec_dict["indicators"][0]["field"]
    spec = spec_from_dict(spec_dict)
    assert spec.domains[0].label_nl == "inkomen"
    assert spec.indicators[0].field == spec.indicators[0].id


def _expect(spec_dict, *fragments):
    with pytest.raises(SpecError) as info:
        spec_from_dict(spec_dict, source="test.json")
    for fragment in fragments:
        assert fragment in str(info.value)
    return info.value


def test_unknown_domain_is_named(spec_dict):
    spec_dict["indicators"][0]["domain"] = "inkomens"
    _expect(spec_dict, "arme_huishoudens", "unknown domain 'inkomens'", "inkomen, werk")


def test_indicator_without_domain(spec_dict):
    del spec_dict["indicators"][2]["domain"]
    _expect(spec_dict, "werkzame_beroepsbevolking", "has no 'domain'")


def test_duplicate_indicator_id(spec_dict):
    spec_dict["indicators"][1]["id"] = "arme_huishoudens"
    _expect(spec_dict, "duplicate indicator id 'arme_huishoudens'")


def test_duplicate_domain_id_ignores_case(spec_dict):
    spec_dict["domains"][1]["id"] = "Inkomen"
    _expect(spec_dict, "duplicate domain id 'Inkomen'")


def test_negative_weight(spec_dict):
    spec_dict["domains"][2]["weight"] = -13.5
    _expect(spec_dict, "gezondheid", "negative weight")


def test_all_weights_zero(spec_dict):
    spec_dict.pop("weight_total")
    for domain in spec_dict["domains"]:
        domain["weight"] = 0
    _expect(spec_dict, "all domain weights are 0")


def test_weight_not_a_number(spec_dict):
    spec_dict["domains"][0]["weight"] = "22,5"
    _expect(spec_dict, "weight of domain 'inkomen'", "finite number")


def test_weight_total_mismatch(spec_dict):
    spec_dict["domains"][0]["weight"] = 23.5
    _expect(spec_dict, "add up to 100.9", "'weight_total' says 99.9")


def test_domain_without_indicators(spec_dict):
    spec_dict["indicators"] = [i for i in spec_dict["indicators"] if i["domain"] != "werk"]
    _expect(spec_dict, "domain(s) werk have no indicators")


def test_bad_direction(spec_dict):
    spec_dict["indicators"][0]["direction"] = "up"
    _expect(spec_dict, "arme_huishoudens", "'up'", "higher_is_worse")


def test_direction_accepts_hyphens(spec_dict):
    spec_dict["indicators"][0]["direction"] = "Higher-is-better"
    assert spec_from_dict(spec_dict).indicators[0].higher_is_better


def test_bounds_must_be_ordered(spec_dict):
    spec_dict["indicators"][0].update(lower=50, upper=10)
    _expect(spec_dict, "arme_huishoudens", "lower bound 50.0 not below")


def test_unknown_key_catches_typos(spec_dict):
    spec_dict["domains"][0]["wieght"] = 1
    _expect(spec_dict, "unknown key(s) wieght", "domain 'inkomen'")


def test_bad_id(spec_dict):
    spec_dict["domains"][0]["id"] = "in komen"
    _expect(spec_dict, "domain number 1", "'in komen'")


def test_empty_lists(spec_dict):
    broken = copy.deepcopy(spec_dict)
    broken["domains"] = []
    _expect(broken, "'domains' must be a non-empty list")
    spec_dict["indicators"] = {}
    _expect(spec_dict, "'indicators' must be a non-empty list")


def test_not_an_object():
    with pytest.raises(SpecError, match="must be a JSON object"):
        spec_from_dict([1, 2])


def test_format_version(spec_dict):
    spec_dict["format_version"] = 2
    _expect(spec_dict, "format_version 2 is not supported")


def test_malformed_json_file_names_file_and_position(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"domains": [', encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(str(path))
    assert "kapot.json" in str(info.value) and "not valid JSON" in str(info.value)
    assert "line 1" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(SpecError, match="Cannot read spec file"):
        load_spec(str(tmp_path / "nope.json"))


def test_file_with_bom_loads(tmp_path, spec_dict):
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(spec_dict), encoding="utf-8-sig")
    assert len(load_spec(str(path)).indicators) == 23
