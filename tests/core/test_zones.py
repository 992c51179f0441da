"""COROP zone tables, code matching, the analysis matrix and focus regions."""

import csv

import numpy as np
import pytest

from mdi_plugin.core.errors import InputError
from mdi_plugin.core.zones import (bundled_zone_table_path, find_column, flag_regions,
                                   load_zone_table, normalise_zone, quadrant_label,
                                   read_zone_csv, zone_counts, zone_table)


def test_bundled_table_matches_the_method_document():
    table = load_zone_table()
    assert sorted(table) == ["CR{:02d}".format(n) for n in range(1, 41)]
    assert zone_counts(table) == {"kern": 10, "intermediair": 14, "perifeer": 16}
    assert table["CR39"] == "perifeer" and table["CR23"] == "kern"
    assert table["CR40"] == "intermediair"


def test_bundled_table_is_read_independently_the_same():
    with open(bundled_zone_table_path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert load_zone_table() == {row["coropcode"]: row["zone"] for row in rows}


@pytest.mark.parametrize("raw, zone", [
    ("kern", "kern"), ("Kernzone", "kern"), ("KERN ZONE", "kern"), ("core", "kern"),
    ("intermediair", "intermediair"), ("Intermediaire zone", "intermediair"),
    ("intermediate", "intermediair"), ("perifeer", "perifeer"), ("Perifere zone", "perifeer"),
    ("perifere", "perifeer"), ("periphery", "perifeer"), (" perifeer ", "perifeer"),
    ("", None), (None, None), ("midden", None), ("zone", None),
])
def test_zone_names(raw, zone):
    assert normalise_zone(raw) == zone


def test_find_column_prefers_coropcode_and_ignores_case():
    assert find_column(["Code", "StatCode", "naam"]) == "StatCode"
    assert find_column(["naam", "CODE"]) == "CODE"
    assert find_column(["naam"]) is None


def test_zone_table_from_columns_with_all_code_forms():
    table = zone_table({"Code": ["CR01", "cr02", "3", "04", 5.0, None],
                        "Zone": ["Perifere zone", "kernzone", "intermediaire zone", "kern",
                                 "perifeer", None]})
    assert table == {"CR01": "perifeer", "CR02": "kern", "CR03": "intermediair",
                     "CR04": "kern", "CR05": "perifeer"}


@pytest.mark.parametrize("columns, fragment", [
    ({"coropcode": ["CR01"], "type": ["kern"]},
     "has no 'zone' column. Its columns are: coropcode, type"),
    ({"naam": ["x"], "zone": ["kern"]}, "no code column (coropcode or statcode or code)"),
    ({"code": ["GM0363"], "zone": ["kern"]}, "row 1: 'GM0363' in column 'code' is not a COROP"),
    ({"code": ["CR01", "CR02"], "zone": ["kern", "ergens"]},
     "row 2 (CR02): zone 'ergens' is not one of"),
    ({"code": ["CR01", "1"], "zone": ["kern", "perifeer"]}, "CR01 two zones: kern and perifeer"),
    ({"code": [], "zone": []}, "has no rows"),
])
def test_bad_zone_tables(columns, fragment):
    with pytest.raises(InputError) as info:
        zone_table(columns, "zones.csv")
    assert fragment in str(info.value)
    assert "Zones.csv" in str(info.value)


def test_semicolon_csv(tmp_path):
    path = tmp_path / "zones.csv"
    path.write_text("\ufeffStatcode;Naam;Zone\nCR01;Oost-Groningen;Perifere zone\n"
                    "cr17;Utrecht;Kernzone\n\n", encoding="utf-8")
    assert read_zone_csv(str(path)) == {"CR01": "perifeer", "CR17": "kern"}


def test_csv_without_zone_column(tmp_path):
    path = tmp_path / "zones.csv"
    path.write_text("coropcode,regio\nCR01,perifeer\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no 'zone' column"):
        read_zone_csv(str(path))


@pytest.mark.parametrize("zone, high, label", [
    ("perifeer", 1, "Perifeer, hoge MDI"), ("perifeer", 0, "Perifeer, lage MDI"),
    ("kern", 1, "Kern, hoge MDI"), ("kern", 0, "Kern, lage MDI"),
    ("intermediair", 1, "Intermediair, hoge MDI"), ("intermediair", None,
                                                    "Intermediair, geen MDI"),
    (None, 1, "Zone onbekend, hoge MDI"), (None, None, "Zone onbekend, geen MDI"),
])
def test_quadrant_labels(zone, high, label):
    assert quadrant_label(zone, high) == label


def test_flags_follow_the_rules():
    table = {"CR01": "perifeer", "CR02": "kern", "CR03": "intermediair"}
    codes = ["CR01", "cr01", "1", "01", "CR02", "CR03", "CR99", None, "CR01", "CR02",
             "GM0363", "CR99"]
    mdi = np.array([50.0, 49.99, 70.0, np.nan, 80.0, 55.0, 60.0, 10.0, 50.0, np.nan,
                    np.nan, 20.0])
    flags = flag_regions(codes, mdi, table, threshold=50.0, code_field="statcode")
    assert flags.zone == ["perifeer"] * 4 + ["kern", "intermediair", None, None,
                                             "perifeer", "kern", None, None]
    assert flags.perifeer == [1, 1, 1, 1, 0, 0, None, None, 1, 0, None, None]
    assert flags.hoge_mdi == [1, 0, 1, None, 1, 1, 1, 0, 1, None, None, 0]
    # 1 only where peripheral and high; 0 where either is known to be 0; else NULL
    assert flags.focusregio == [1, 0, 1, None, 0, 0, None, 0, 1, 0, None, 0]
    assert flags.kwadrant[:6] == ["Perifeer, hoge MDI", "Perifeer, lage MDI",
                                  "Perifeer, hoge MDI", "Perifeer, geen MDI",
                                  "Kern, hoge MDI", "Intermediair, hoge MDI"]
    assert flags.kwadrant[6] == "Zone onbekend, hoge MDI"
    assert flags.focus_count == 3
    assert flags.unknown_count == 4
    assert flags.no_mdi_count == 3
    assert flags.unknown_codes == ["CR99", "(empty)", "GM0363"]
    assert len(flags.warnings) == 1
    message = str(flags.warnings[0])
    assert "'statcode'" in message and "CR99, (empty), GM0363" in message


def test_threshold_is_inclusive_and_configurable():
    table = {"CR01": "perifeer"}
    flags = flag_regions(["CR01"] * 3, np.array([59.9, 60.0, 60.1]), table, threshold=60)
    assert flags.hoge_mdi == [0, 1, 1]
    with pytest.raises(InputError, match="THRESHOLD"):
        flag_regions(["CR01"], np.array([1.0]), table, threshold=float("nan"))


def test_all_forty_regions_with_the_bundled_table():
    table = load_zone_table()
    codes = [str(n) for n in range(1, 41)]
    rng = np.random.default_rng(4)
    mdi = rng.uniform(30, 70, 40)
    flags = flag_regions(codes, mdi, table)
    assert flags.unknown_codes == [] and not flags.warnings
    assert flags.zone.count("perifeer") == 16
    assert flags.zone.count("intermediair") == 14
    assert flags.zone.count("kern") == 10
    expected_focus = sum(1 for code, value in zip(codes, mdi)
                         if table["CR{:02d}".format(int(code))] == "perifeer" and value >= 50)
    assert flags.focus_count == expected_focus
