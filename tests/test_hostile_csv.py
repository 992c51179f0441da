"""Hostile inputs, Dutch CSV files as people save them from Excel: semicolon separator,
decimal comma, '.' for missing, CRLF, UTF-8 with BOM, and Windows-1252 text with names like
"Súdwest-Fryslân" and "'s-Gravenhage"."""

import pytest
from qgis.core import QgsVectorLayer

from mdi_plugin.core.spec import load_spec
from mdi_safety_helpers import column, file_digest
from mdi_test_helpers import LogFeedback
from mdi_test_helpers import run_algorithm as run

SPEC = load_spec()
NAMES = ["Súdwest-Fryslân", "'s-Gravenhage", "Nuenen, Gerwen en Nederwetten", "Bergen (L.)"]


def excel_csv(path, encoding, bom=False, rows=8):
    """A gemeenten table as Dutch Excel saves it: ';', decimal comma, CRLF, '.' missing."""
    header = ["gemeentecode", "gemeentenaam", "jaar"] + [i.field for i in SPEC.indicators]
    lines = [";".join(header)]
    for row in range(rows):
        name = NAMES[row % len(NAMES)]
        quoted = '"{}"'.format(name) if ";" in name or "," in name else name
        values = ["{:.1f}".format(10 + (row * 7 + k * 3) % 80).replace(".", ",")
                  for k in range(len(SPEC.indicators))]
        if row == 2:
            values[4] = "."
        lines.append(";".join(["GM{:04d}".format(1900 + row), quoted, "2023"] + values))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def expected_mdi(path, encoding):
    """The same table typed in as numbers (memory layer), through computemdi."""
    from mdi_safety_helpers import memory_layer
    text = path.read_bytes().decode(encoding).lstrip("\ufeff")
    lines = [line for line in text.split("\r\n") if line]
    header = lines[0].split(";")
    rows = []
    for line in lines[1:]:
        cells = line.split(";") if '"' not in line else (
            line.split('"')[0].split(";")[:-1] + [line.split('"')[1]] +
            line.split('"')[2].split(";")[1:])
        rows.append(cells)
    fields = [h + (":double" if h in [i.field for i in SPEC.indicators] else ":string")
              for h in header]
    data = [[None if c == "." else (float(c.replace(",", ".")) if f.endswith("double")
                                    else c) for c, f in zip(cells, fields)] for cells in rows]
    layer = memory_layer(fields, data, "None")
    return column(run("mdi:computemdi", {"INPUT": layer})["OUTPUT"], "mdi")


@pytest.mark.parametrize("encoding, bom", [("utf-8", True), ("utf-8", False),
                                           ("windows-1252", False)])
def test_excel_csv_through_computemdi(mdi_provider, tmp_path, encoding, bom):
    path = excel_csv(tmp_path / "gemeenten.csv", encoding, bom)
    before = file_digest(path)
    feedback = LogFeedback()
    out = run("mdi:computemdi", {"INPUT": str(path)}, feedback)["OUTPUT"]
    assert column(out, "gemeentenaam") == [NAMES[r % 4] for r in range(8)]
    assert column(out, "gemeentecode")[0] == "GM1900"          # BOM not in the field name
    assert column(out, "mdi") == expected_mdi(path, encoding)
    warned = [w for w in feedback.warnings if "Windows-1252" in w]
    assert bool(warned) == (encoding == "windows-1252")
    if warned:
        assert str(path) in warned[0] and "CSV UTF-8" in warned[0]
    assert file_digest(path) == before


def test_windows_1252_csv_to_a_geopackage_keeps_the_names(mdi_provider, tmp_path):
    path = excel_csv(tmp_path / "gemeenten.csv", "windows-1252")
    result = run("mdi:computemdi", {"INPUT": str(path), "OUTPUT": str(tmp_path / "o.gpkg")})
    out = QgsVectorLayer(result["OUTPUT"], "o", "ogr")
    assert column(out, "gemeentenaam")[:2] == ["Súdwest-Fryslân", "'s-Gravenhage"]


def test_windows_1252_regiokompas_and_zone_tables(mdi_provider, tmp_path):
    regiokompas = tmp_path / "regiokompas.csv"
    regiokompas.write_bytes("gemeentecode;naam;wonen;werk\r\n1900;Súdwest-Fryslân;101,5;"
                            "99,25\r\n518;'s-Gravenhage;98,75;100,5\r\n1901;Bodegraven;"
                            "100;.\r\n".encode("windows-1252"))
    gemeenten = excel_csv(tmp_path / "gemeenten.csv", "windows-1252", rows=3)
    feedback = LogFeedback()
    joined = run("mdi:joinregiokompas", {"INPUT": str(gemeenten),
                                         "REGIOKOMPAS": str(regiokompas)}, feedback)
    assert joined["N_MATCHED"] == 2 and joined["N_UNMATCHED_REGIOKOMPAS"] == 1
    out = joined["OUTPUT"]
    assert column(out, "wonen") == [101.5, 100.0, None]
    assert column(out, "gemeentenaam")[0] == "Súdwest-Fryslân"
    assert sum("Windows-1252" in w for w in feedback.warnings) == 2    # both files
    zones = tmp_path / "zones.csv"
    zones.write_bytes("coropcode;coropnaam;zone\r\nCR01;Súdwest-Fryslân e.o.;perifeer\r\n"
                      "CR02;'s-Gravenhage e.o.;kern\r\n".encode("windows-1252"))
    regions = tmp_path / "regios.csv"
    regions.write_bytes("coropcode;mdi\r\nCR01;55,5\r\nCR02;44,5\r\n".encode("utf-8-sig"))
    flagged = run("mdi:flagperiphery", {"INPUT": str(regions), "ZONES": str(zones)})
    assert column(flagged["OUTPUT"], "zone") == ["perifeer", "kern"]
    assert flagged["N_FOCUS"] == 1


def test_shipped_dutch_csv_equals_the_geopackage_layer(mdi_provider, sample_gpkg, repo_root):
    csv = repo_root / "resources" / "sample_data" / "gemeenten_indicatoren.csv"
    from_csv = run("mdi:computemdi", {"INPUT": str(csv), "YEAR_FIELD": "jaar"})["OUTPUT"]
    from_gpkg = run("mdi:computemdi", {"INPUT": "{}|layername=gemeenten".format(sample_gpkg),
                                       "YEAR_FIELD": "jaar"})["OUTPUT"]
    assert column(from_csv, "mdi") == column(from_gpkg, "mdi")
    assert column(from_csv, "gemeentenaam") == column(from_gpkg, "gemeentenaam")
