"""Domain scores and MDI totals, checked against the report and an independent computation."""

import math

import numpy as np
import pytest

from mdi_plugin.core.compute import (FROM_DOMAINS, FROM_INDICATORS, ComputeOptions,
                                     compute_from_domains, compute_from_indicators,
                                     output_fields, resolve_fields, weighted_total)
from mdi_plugin.core.errors import InputError
from mdi_plugin.core.spec import load_spec, spec_from_dict
from mdi_reference import reference_mdi

SPEC = load_spec()

# Worked examples of the method document (2023): seven domain scores, then the MDI.
WORKED_EXAMPLES = {
    "Heerlen": ([81.9, 57.3, 80.5, 69.2, 42.3, 75.5, 53.2], 67.4),
    "Eijsden-Margraten": ([33.5, 26.0, 44.3, 37.6, 70.2, 31.1, 52.5], 38.7),
    "Groningen": ([81.7, 33.1, 76.5, 48.4, 46.6, 69.3, 58.0], 58.9),
}


def test_worked_examples_reproduce_the_report():
    names = list(WORKED_EXAMPLES)
    domains = np.array([WORKED_EXAMPLES[n][0] for n in names])
    result = compute_from_domains(SPEC, {d: domains[:, k] for k, d in
                                         enumerate(SPEC.domain_ids)})
    for row, name in enumerate(names):
        assert abs(result.mdi[row] - WORKED_EXAMPLES[name][1]) <= 0.1, name


def test_weights_are_not_rescaled_unless_asked():
    hundred = {d: np.array([100.0]) for d in SPEC.domain_ids}
    assert compute_from_domains(SPEC, hundred).mdi[0] == pytest.approx(99.9)
    rescaled = compute_from_domains(SPEC, hundred, ComputeOptions(rescale_weights=True))
    assert rescaled.mdi[0] == pytest.approx(100.0)


def test_missing_domain_gives_null_total_not_zero():
    values = {d: np.array([50.0, 50.0]) for d in SPEC.domain_ids}
    values["werk"] = np.array([50.0, np.nan])
    result = compute_from_domains(SPEC, values)
    assert result.mdi[0] == pytest.approx(49.95)
    assert math.isnan(result.mdi[1])
    assert result.mdi_null_count == 1


def test_domain_scores_outside_0_100_are_warned():
    values = {d: np.array([50.0]) for d in SPEC.domain_ids}
    values["werk"] = np.array([150.0])
    result = compute_from_domains(SPEC, values)
    assert any("werk" in str(w) and "outside 0-100" in str(w) for w in result.warnings)


def generated_indicators(rows=200, seed=7, missing_share=0.05):
    rng = np.random.default_rng(seed)
    raw = {}
    for indicator in SPEC.indicators:
        column = rng.normal(50, 15, rows)
        column[rng.random(rows) < missing_share] = np.nan
        raw[indicator.id] = column
    return raw


def test_indicator_mode_matches_an_independent_computation():
    raw = generated_indicators()
    result = compute_from_indicators(SPEC, raw)
    expected = reference_mdi(SPEC, raw)
    np.testing.assert_allclose(result.mdi, expected, rtol=0, atol=1e-9, equal_nan=True)
    assert np.isnan(expected).any() and not np.isnan(expected).all()


def test_min_coverage_controls_nulls():
    raw = generated_indicators(missing_share=0.4)
    strict = compute_from_indicators(SPEC, raw, ComputeOptions(min_coverage=1.0))
    loose = compute_from_indicators(SPEC, raw, ComputeOptions(min_coverage=0.0))
    assert strict.mdi_null_count > loose.mdi_null_count
    np.testing.assert_allclose(strict.mdi, reference_mdi(SPEC, raw, 1.0), equal_nan=True)
    np.testing.assert_allclose(loose.mdi, reference_mdi(SPEC, raw, 0.0), equal_nan=True)


def test_reversed_indicator_direction():
    raw = generated_indicators(rows=5, missing_share=0)
    raw["financiele_buffer"] = np.array([10.0, 20.0, 30.0, 40.0, 50.0])
    result = compute_from_indicators(SPEC, raw)
    np.testing.assert_allclose(result.indicator_scores["financiele_buffer"],
                               [100, 75, 50, 25, 0])


def test_pooled_years_versus_per_year():
    years = np.array([2014.0, 2014.0, 2023.0, 2023.0])
    raw = {i.id: np.array([10.0, 20.0, 30.0, 40.0]) for i in SPEC.indicators}
    pooled = compute_from_indicators(SPEC, raw, years=years)
    per_year = compute_from_indicators(SPEC, raw, ComputeOptions(normalisation="per_year"),
                                       years=years)
    scores = pooled.indicator_scores["arme_huishoudens"]
    np.testing.assert_allclose(scores, [0, 100 / 3, 200 / 3, 100])
    np.testing.assert_allclose(per_year.indicator_scores["arme_huishoudens"], [0, 100, 0, 100])


def test_per_year_needs_years():
    raw = generated_indicators(rows=4)
    with pytest.raises(InputError, match="YEAR_FIELD"):
        compute_from_indicators(SPEC, raw, ComputeOptions(normalisation="per_year"))


def test_no_spread_is_an_error_naming_the_indicator():
    raw = generated_indicators(rows=6, missing_share=0)
    raw["vandalisme"] = np.full(6, 4.0)
    with pytest.raises(InputError) as info:
        compute_from_indicators(SPEC, raw)
    assert "vandalisme" in str(info.value) and "no spread" in str(info.value)


def test_no_spread_within_one_year_names_the_year():
    raw = generated_indicators(rows=4, missing_share=0)
    raw["vandalisme"] = np.array([1.0, 1.0, 2.0, 3.0])
    years = np.array([2014.0, 2014.0, 2023.0, 2023.0])
    with pytest.raises(InputError, match="vandalisme.*in year 2014"):
        compute_from_indicators(SPEC, raw, ComputeOptions(normalisation="per_year"), years)


def _spec_with_bounds(lower, upper):
    data = {"domains": [{"id": "a", "weight": 60}, {"id": "b", "weight": 40}],
            "indicators": [
                {"id": "x", "domain": "a", "direction": "higher_is_worse",
                 "lower": lower, "upper": upper},
                {"id": "y", "domain": "b", "direction": "higher_is_better",
                 "lower": 0, "upper": 10}]}
    return spec_from_dict(data)


def test_spec_bounds_make_no_spread_computable():
    spec = _spec_with_bounds(0, 100)
    result = compute_from_indicators(spec, {"x": np.array([5.0, 5.0]),
                                            "y": np.array([5.0, 5.0])})
    np.testing.assert_allclose(result.mdi, [0.6 * 5 + 0.4 * 50] * 2)


def test_fixed_bounds_clip_and_count():
    spec = _spec_with_bounds(0, 50)
    result = compute_from_indicators(spec, {"x": np.array([-10.0, 25.0, 80.0]),
                                            "y": np.array([0.0, 10.0, 12.0])},
                                     ComputeOptions(normalisation="fixed"))
    np.testing.assert_allclose(result.domain_scores["a"], [0, 50, 100])
    np.testing.assert_allclose(result.domain_scores["b"], [100, 0, 0])
    assert result.clipped == {"x": 2, "y": 1}
    assert any("2 value(s)" in str(w) for w in result.warnings)


def test_fixed_bounds_require_bounds_in_spec():
    raw = generated_indicators(rows=4)
    with pytest.raises(InputError, match="fixed bounds.*arme_huishoudens"):
        compute_from_indicators(SPEC, raw, ComputeOptions(normalisation="fixed"))


def test_percentile_rank():
    raw = {i.id: np.array([3.0, 1.0, 2.0, 2.0, np.nan]) for i in SPEC.indicators}
    result = compute_from_indicators(SPEC, raw, ComputeOptions(normalisation="rank"))
    np.testing.assert_allclose(result.indicator_scores["arme_huishoudens"],
                               [100, 0, 50, 50, np.nan])
    np.testing.assert_allclose(result.indicator_scores["groen"], [0, 100, 50, 50, np.nan])


def test_winsorising_limits_outliers():
    raw = generated_indicators(rows=101, missing_share=0)
    raw["vandalisme"] = np.arange(101.0)
    raw["vandalisme"][100] = 10_000.0
    plain = compute_from_indicators(SPEC, raw).indicator_scores["vandalisme"]
    clipped = compute_from_indicators(SPEC, raw, ComputeOptions(clip_percent=5))
    assert plain[50] < 1.0
    assert clipped.indicator_scores["vandalisme"][50] == pytest.approx(50.0)
    assert clipped.indicator_scores["vandalisme"][100] == pytest.approx(100.0)


@pytest.mark.parametrize("options, fragment", [
    (ComputeOptions(clip_percent=50), "CLIP_PERCENT"),
    (ComputeOptions(min_coverage=1.5), "MIN_COVERAGE"),
    (ComputeOptions(normalisation="zscore"), "zscore"),
])
def test_options_are_checked(options, fragment):
    with pytest.raises(InputError, match=fragment):
        compute_from_indicators(SPEC, generated_indicators(rows=3), options)


def test_absent_indicator_counts_as_missing():
    raw = generated_indicators(rows=30, missing_share=0)
    del raw["groen"]
    result = compute_from_indicators(SPEC, raw, ComputeOptions(min_coverage=1.0))
    assert np.isnan(result.domain_scores["woonomgeving"]).all()
    assert not np.isnan(result.domain_scores["inkomen"]).any()


def test_all_null_indicator_is_warned():
    raw = generated_indicators(rows=10, missing_share=0)
    raw["groen"] = np.full(10, np.nan)
    result = compute_from_indicators(SPEC, raw)
    assert any("'groen'" in str(w) and "no values" in str(w) for w in result.warnings)
    assert result.mdi_null_count == 0


def test_output_fields():
    assert output_fields(SPEC) == ["mdi_inkomen", "mdi_werk", "mdi_gezondheid",
                                   "mdi_opleiding", "mdi_huisvesting", "mdi_veiligheid",
                                   "mdi_woonomgeving", "mdi"]


def test_weighted_total_ignores_zero_weight_domains():
    spec = spec_from_dict({"domains": [{"id": "a", "weight": 100}, {"id": "b", "weight": 0}],
                           "indicators": [{"id": "x", "domain": "a", "direction":
                                           "higher_is_worse"},
                                          {"id": "y", "domain": "b", "direction":
                                           "higher_is_worse"}]})
    total = weighted_total(spec, {"a": np.array([40.0]), "b": np.array([np.nan])})
    assert total[0] == pytest.approx(40.0)


class TestResolveFields:
    names = [i.field for i in SPEC.indicators]

    def test_exact_and_case_insensitive(self):
        available = [n.upper() for n in self.names]
        resolved, warnings = resolve_fields(SPEC, FROM_INDICATORS, available)
        assert resolved["arme_huishoudens"] == "ARME_HUISHOUDENS" and not warnings

    def test_field_map_overrides(self):
        available = ["arm_hh"] + self.names[1:]
        resolved, _ = resolve_fields(SPEC, FROM_INDICATORS, available,
                                     {"arme_huishoudens": "arm_hh"})
        assert resolved["arme_huishoudens"] == "arm_hh"

    def test_field_map_to_missing_field_lists_similar(self):
        with pytest.raises(InputError) as info:
            resolve_fields(SPEC, FROM_INDICATORS, self.names,
                           {"arme_huishoudens": "arme_huishouden"})
        assert "'arme_huishouden'" in str(info.value)
        assert "Similar fields: arme_huishoudens" in str(info.value)

    def test_field_map_unknown_id(self):
        with pytest.raises(InputError, match="unknown indicator id 'armoede'"):
            resolve_fields(SPEC, FROM_INDICATORS, self.names, {"armoede": "arme_huishoudens"})

    def test_missing_indicator_warns_with_hint(self):
        available = [n for n in self.names if n != "groen"] + ["groen_pct"]
        resolved, warnings = resolve_fields(SPEC, FROM_INDICATORS, available)
        assert "groen" not in resolved
        assert len(warnings) == 1 and "groen_pct" in str(warnings[0])

    def test_domain_without_any_field_is_an_error(self):
        available = [i.field for i in SPEC.indicators if i.domain != "werk"]
        with pytest.raises(InputError) as info:
            resolve_fields(SPEC, FROM_INDICATORS, available + ["werkzame_bevolking"])
        assert "Domain 'werk'" in str(info.value)
        assert "werkzame_beroepsbevolking" in str(info.value)
        assert "werkzame_bevolking" in str(info.value)

    def test_domains_found_case_insensitively(self):
        resolved, _ = resolve_fields(SPEC, FROM_DOMAINS,
                                     [d.capitalize() for d in SPEC.domain_ids])
        assert resolved["inkomen"] == "Inkomen"

    def test_missing_domain_field(self):
        with pytest.raises(InputError, match="'veiligheid'.*Similar fields: veilig"):
            resolve_fields(SPEC, FROM_DOMAINS,
                           [d for d in SPEC.domain_ids if d != "veiligheid"] + ["veilig"])
