"""Gemeente typology core: strict thresholds, three-valued logic, COROP share, size
classes and the cross-table, against plain rules."""

import math

import numpy as np
import pytest

from mdi_plugin.core.errors import InputError
from mdi_plugin.core.typology import (RULES, classify_gemeenten, corop_share, cross_table,
                                      parse_flag_column, size_classes)

NAN = math.nan


def flags_of(columns, **kwargs):
    columns = {k: np.asarray(v, dtype=float) for k, v in columns.items()}
    return classify_gemeenten(columns, **kwargs)


@pytest.mark.parametrize("key, type_id, values, expected", [
    ("growth", "groei", [5.0, 5.01, 12, -1], [0, 1, 1, 0]),
    ("growth", "krimp", [-2.0, -2.01, 3, -9], [0, 1, 0, 1]),
    ("new_homes", "new_town", [35.0, 35.5], [0, 1]),
    ("jobs_ratio", "woongemeente", [60.0, 59.9], [0, 1]),
    ("nature", "groen", [30.0, 30.1], [0, 1]),
    ("farmland", "agrarisch", [75.0, 80.0], [0, 1]),
    ("industry_1960", "industrieel", [55.0, 55.1], [0, 1]),
])
def test_single_condition_rules_are_strict(key, type_id, values, expected):
    result = flags_of({key: values})
    assert result.flags[type_id].tolist() == expected


def test_three_valued_logic():
    result = flags_of({
        "old_homes": [10, 5, NAN, 10, NAN],
        "protected": [NAN, NAN, 0, 1, NAN],
        "tourism_establishments": [NAN, 5, NAN, 11, NAN],
        "tourism_labour": [20, NAN, 10, NAN, NAN],
    })
    assert result.flags["historisch"].tolist() == pytest.approx(
        [NAN, 0, 0, 1, NAN], nan_ok=True)
    assert result.flags["toeristisch"].tolist() == pytest.approx(
        [1, NAN, NAN, 1, NAN], nan_ok=True)
    assert result.type_list(3) == "historisch, toeristisch"
    assert result.type_list(4) is None
    assert result.type_list(2) == ""


def test_or_rule_with_one_field_and_and_rule_missing_a_field():
    result = flags_of({"tourism_labour": [15, 3], "jobs_ratio": [120, 50]})
    assert result.flags["toeristisch"].tolist() == [1, 0]
    assert "werkgemeente" not in result.flags
    assert result.flags["woongemeente"].tolist() == [0, 1]
    assert any("werkgemeente" in str(w) and "jobs" in str(w) for w in result.warnings)


def test_werkgemeente_needs_both():
    result = flags_of({"jobs_ratio": [120, 120, 90], "jobs": [15000, 9000, 20000]})
    assert result.flags["werkgemeente"].tolist() == [1, 0, 0]


def test_centre_gemeente_from_computed_corop_share():
    population = np.array([50000, 10000, 20000, 5000, NAN, 7000])
    regions = ["A", "A", "A", "B", "B", None]
    shares = corop_share(population, regions)
    assert shares[:4].tolist() == pytest.approx([62.5, 12.5, 25.0, 100.0])
    assert math.isnan(shares[4]) and math.isnan(shares[5])
    result = classify_gemeenten({"facilities": np.array([60, 70, 40, 80, 90, 90.0])},
                                population, regions)
    assert result.flags["centrumgemeente"].tolist() == pytest.approx(
        [1, 0, 0, 1, NAN, NAN], nan_ok=True)


def test_size_classes():
    labels, names = size_classes(np.array([19999, 20000, 75000, 100000, NAN]))
    assert names == ["< 20.000", "20.000 - 50.000", "50.000 - 100.000", ">= 100.000"]
    assert labels == ["< 20.000", "20.000 - 50.000", "50.000 - 100.000", ">= 100.000", None]
    with pytest.raises(InputError, match="ascending"):
        size_classes(np.array([1.0]), (50000, 20000))


def test_parse_flag_column():
    values = [True, 0, 1.0, "ja", "Nee", "true", None, "", "FALSE"]
    assert parse_flag_column(values, "beschermd").tolist() == pytest.approx(
        [1, 0, 1, 1, 0, 1, NAN, NAN, 0], nan_ok=True)
    with pytest.raises(InputError, match="'beschermd', feature 7: 'misschien'"):
        parse_flag_column(["ja", "misschien"], "beschermd", [3, 7])
    with pytest.raises(InputError, match="not yes or no"):
        parse_flag_column([2], "beschermd")


def test_cross_table_counts_against_loops():
    rng = np.random.default_rng(5)
    growth = rng.uniform(-6, 10, 60)
    growth[3] = NAN
    population = rng.uniform(5000, 150000, 60)
    classes = rng.integers(1, 5, 60).astype(float)
    classes[[1, 2]] = NAN
    result = classify_gemeenten({"growth": growth}, population)
    rows = {(r.group, r.label): r for r in cross_table(result, classes)}
    for type_id, rule in (("groei", lambda g: g > 5), ("krimp", lambda g: g < -2)):
        members = [i for i in range(60) if not math.isnan(growth[i]) and rule(growth[i])]
        with_class = [i for i in members if not math.isnan(classes[i])]
        label = next(r.label_nl for r in RULES if r.id == type_id)
        row = rows[(type_id, label)]
        assert row.n == len(members) and row.n_with_class == len(with_class)
        assert row.per_class == [sum(classes[i] == k for i in with_class) for k in (1, 2, 3, 4)]
        assert row.share_very_high == pytest.approx(
            sum(classes[i] == 4 for i in with_class) / len(with_class))
        assert row.share_high == pytest.approx(
            sum(classes[i] >= 3 for i in with_class) / len(with_class))
    everyone = rows[("alle", "Alle gemeenten")]
    assert everyone.n == 60 and everyone.n_with_class == 58
    sizes = [r for r in rows.values() if r.group == "grootte"]
    assert sum(r.n for r in sizes) == 60


def test_empty_group_has_no_share():
    result = flags_of({"nature": [1.0, 2.0]})
    row = cross_table(result, np.array([4.0, 4.0]))[1]
    assert row.n == 0 and math.isnan(row.share_very_high)


def test_nothing_to_evaluate_is_an_error():
    with pytest.raises(InputError, match="No type can be evaluated"):
        classify_gemeenten({})
