"""Hostile inputs, spec problems: every broken spec file stops computemdi before anything
is written, with a message naming the file and the domain or indicator concerned."""

import copy
import json

import pytest
from qgis import processing
from qgis.core import QgsProcessingException

from mdi_plugin.core.spec import default_spec_path, load_spec
from mdi_safety_helpers import column, indicator_layer, indicator_table

SPEC = load_spec()
with open(default_spec_path(), encoding="utf-8") as _handle:
    BUNDLED = json.load(_handle)


def spec_file(tmp_path, data=None, text=None, name="mijn_spec.json"):
    path = tmp_path / name
    if text is None:
        text = json.dumps(data)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def failure(tmp_path, path, **parameters):
    """The error message of computemdi with this spec; checks that nothing was written."""
    target = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("mdi:computemdi", dict(parameters, SPEC=str(path),
                                              INPUT=indicator_layer(indicator_table(), SPEC),
                                              OUTPUT=str(target)))
    assert not target.exists()
    message = str(raised.value)
    assert str(path) in message or "FIELD_MAP" in message
    return message


def changed(change):
    data = copy.deepcopy(BUNDLED)
    change(data)
    return data


def test_malformed_json_names_file_line_and_column(mdi_provider, tmp_path):
    text = json.dumps(BUNDLED, indent=1).replace('"weight": 22.5', '"weight": 22,,5', 1)
    assert text != json.dumps(BUNDLED, indent=1)
    message = failure(tmp_path, spec_file(tmp_path, text=text))
    assert "is not valid JSON" in message and "line" in message and "column" in message


@pytest.mark.parametrize("content, expected", [
    (b"", "is not valid JSON"),
    (b"\xff\xfe{\x00}\x00", "is not UTF-8"),
    (b"[1, 2, 3]", "must be a JSON object"),
])
def test_empty_binary_or_wrong_json_type(mdi_provider, tmp_path, content, expected):
    assert expected in failure(tmp_path, spec_file(tmp_path, text=content))


def test_missing_spec_file(mdi_provider, tmp_path):
    message = failure(tmp_path, tmp_path / "bestaat_niet.json")
    assert "Cannot read spec file" in message


def test_unknown_domain(mdi_provider, tmp_path):
    data = changed(lambda d: d["indicators"][0].update(domain="inkomsten"))
    message = failure(tmp_path, spec_file(tmp_path, data))
    assert "indicator 'arme_huishoudens' names unknown domain 'inkomsten'" in message
    assert "known domains are inkomen, werk" in message


def test_negative_weight(mdi_provider, tmp_path):
    data = changed(lambda d: d["domains"][1].update(weight=-22.5))
    message = failure(tmp_path, spec_file(tmp_path, data))
    assert "domain 'werk' has a negative weight (-22.5)" in message


def test_all_weights_zero(mdi_provider, tmp_path):
    def zero(data):
        data.pop("weight_total", None)
        for domain in data["domains"]:
            domain["weight"] = 0
    message = failure(tmp_path, spec_file(tmp_path, changed(zero)))
    assert "all domain weights are 0" in message


def test_one_zero_weight_leaves_that_domain_out(mdi_provider, tmp_path):
    """Documented: a domain with weight 0 is computed but adds nothing to the MDI."""
    def zero_werk(data):
        data.pop("weight_total", None)
        next(d for d in data["domains"] if d["id"] == "werk")["weight"] = 0
        next(d for d in data["domains"] if d["id"] == "inkomen")["weight"] = 45.0
    path = spec_file(tmp_path, changed(zero_werk))
    layer = indicator_layer(indicator_table(), SPEC)
    out = processing.run("mdi:computemdi", {"INPUT": layer, "SPEC": str(path),
                                            "OUTPUT": "memory:"})["OUTPUT"]
    weights = {d.id: d.weight for d in SPEC.domains if d.id != "werk"}
    weights["inkomen"] = 45.0
    expected = [sum(w / 100 * f["mdi_" + d] for d, w in weights.items())
                for f in out.getFeatures()]
    assert column(out, "mdi") == pytest.approx(expected, abs=1e-9)


def test_weights_written_as_fractions_are_refused_unless_rescaled(mdi_provider, tmp_path):
    def fractions(data):
        data.pop("weight_total", None)
        for domain in data["domains"]:
            domain["weight"] = domain["weight"] / 100.0
    path = spec_file(tmp_path, changed(fractions))
    message = failure(tmp_path, path)
    assert "weights add up to 0.999, not about 100" in message
    assert "RESCALE_WEIGHTS" in message
    layer = indicator_layer(indicator_table(), SPEC)
    rescaled = processing.run("mdi:computemdi", {"INPUT": layer, "SPEC": str(path),
                                                 "RESCALE_WEIGHTS": True,
                                                 "OUTPUT": "memory:"})["OUTPUT"]
    bundled = processing.run("mdi:computemdi", {"INPUT": layer, "RESCALE_WEIGHTS": True,
                                                "OUTPUT": "memory:"})["OUTPUT"]
    assert column(rescaled, "mdi") == pytest.approx(column(bundled, "mdi"), abs=1e-9)


@pytest.mark.parametrize("weight", [1e308, 1e7])
def test_weights_that_would_overflow_are_refused(mdi_provider, tmp_path, weight):
    def huge(data):
        data.pop("weight_total", None)
        data["domains"][0]["weight"] = weight
    message = failure(tmp_path, spec_file(tmp_path, changed(huge)), RESCALE_WEIGHTS=True)
    assert "has a weight of {:g}".format(weight) in message and "at most 1e+06" in message


def test_a_deeply_nested_spec_is_a_clear_error(mdi_provider, tmp_path):
    message = failure(tmp_path, spec_file(tmp_path, text="[" * 100000 + "]" * 100000))
    assert "nested too deeply" in message


def test_weights_not_adding_up_to_weight_total(mdi_provider, tmp_path):
    data = changed(lambda d: d["domains"][0].update(weight=25))
    message = failure(tmp_path, spec_file(tmp_path, data))
    assert "the domain weights add up to 102.4, but 'weight_total' says 99.9" in message


def test_weight_that_is_not_a_number(mdi_provider, tmp_path):
    data = changed(lambda d: d["domains"][0].update(weight="22,5"))
    message = failure(tmp_path, spec_file(tmp_path, data))
    assert "the weight of domain 'inkomen' must be a finite number, not '22,5'" in message


def test_indicator_without_domain(mdi_provider, tmp_path):
    data = changed(lambda d: d["indicators"][3].pop("domain"))
    message = failure(tmp_path, spec_file(tmp_path, data))
    assert "indicator 'arbeidsongeschikten' has no 'domain'; give one of inkomen" in message


def test_domain_without_indicators(mdi_provider, tmp_path):
    data = changed(lambda d: d.update(indicators=[i for i in d["indicators"]
                                                  if i["domain"] != "veiligheid"]))
    message = failure(tmp_path, spec_file(tmp_path, data))
    assert "domain(s) veiligheid have no indicators" in message


@pytest.mark.parametrize("kind, index, expected", [
    ("indicators", 4, "duplicate indicator id 'arme_huishoudens'"),
    ("domains", 2, "duplicate domain id 'Inkomen'"),
])
def test_duplicate_ids(mdi_provider, tmp_path, kind, index, expected):
    def duplicate(data):
        data[kind][index]["id"] = "arme_huishoudens" if kind == "indicators" else "Inkomen"
    assert expected in failure(tmp_path, spec_file(tmp_path, changed(duplicate)))


def test_typo_in_a_key(mdi_provider, tmp_path):
    def typo(data):
        data["domains"][0]["wieght"] = data["domains"][0].pop("weight")
    message = failure(tmp_path, spec_file(tmp_path, changed(typo)))
    assert "unknown key(s) wieght in domain 'inkomen'" in message


def test_field_map_naming_a_field_that_does_not_exist(mdi_provider, tmp_path):
    path = spec_file(tmp_path, BUNDLED)
    message = failure(tmp_path, path, FIELD_MAP=["arme_huishoudens", "arme_huishouden"])
    assert "'Field map' (FIELD_MAP) maps 'arme_huishoudens' to field 'arme_huishouden', " \
        "which the input does not have" in message
    assert "Similar fields: arme_huishoudens" in message


def test_field_map_naming_an_unknown_id(mdi_provider, tmp_path):
    message = failure(tmp_path, spec_file(tmp_path, BUNDLED),
                      FIELD_MAP=["arme_huishouden", "arme_huishoudens"])
    assert "'Field map' (FIELD_MAP) names unknown indicator id 'arme_huishouden'" in message


def test_field_map_with_an_odd_number_of_values(mdi_provider, tmp_path):
    message = failure(tmp_path, spec_file(tmp_path, BUNDLED),
                      FIELD_MAP=["arme_huishoudens", "arme_huishoudens", "groen"])
    assert "'Field map' (FIELD_MAP) needs pairs of (id, field)" in message
