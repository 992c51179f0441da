"""mdi:gemeenterapport on the sample data: one atlas page per gemeente (PDF + PNGs) through
the bundled .qpt; the page's numbers equal core.report's on the same data; without a
gemeente-level MDI the cells are left out with a note (never a mean of buurten); subset,
cancel and qgis_process."""

import sqlite3

import numpy as np
import pytest
from qgis.core import QgsProject

from mdi_plugin.core.report import class_shares, gemeente_standing
from mdi_plugin.styling.report_layout import (REPORT_ITEM_IDS, REPORT_TEMPLATE, TABLE_ID,
                                              load_report_template)
from mdi_safety_helpers import CancelAfter


def _pdf_pages(path):
    data = open(path, "rb").read()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def _run(params, feedback=None):
    from qgis import processing
    return processing.run("mdi:gemeenterapport", params, feedback=feedback)


def _coverage_of(monkeypatch):
    """Capture the coverage layer rows the algorithm builds (the numbers on the pages)."""
    from mdi_plugin.processing.algorithms import report
    seen = {}
    original = report.coverage_layer

    def spy(crs, rows, geometries):
        seen["rows"] = rows
        return original(crs, rows, geometries)
    monkeypatch.setattr(report, "coverage_layer", spy)
    return seen


def test_template_opens_with_every_item():
    layout = load_report_template(QgsProject())
    assert all(layout.itemById(item) is not None for item in REPORT_ITEM_IDS)
    assert layout.itemById("kaart").atlasDriven()
    assert "signaal, geen oordeel" in layout.itemById("waarschuwing").text()


def test_one_page_per_gemeente_with_the_core_numbers(mdi_provider, buurten_klassen,
                                                     gemeenten_mdi, tmp_path, monkeypatch):
    seen = _coverage_of(monkeypatch)
    pdf, folder = tmp_path / "rapport.pdf", tmp_path / "png"
    result = _run({"INPUT": buurten_klassen, "GEMEENTEN": gemeenten_mdi, "FROM_YEAR": 2014,
                   "SUBSET": "GM9022, 9001", "OUTPUT_PDF": str(pdf),
                   "OUTPUT_FOLDER": str(folder)})
    assert result["N_PAGES"] == 2 and _pdf_pages(pdf) == 2
    assert sorted(p.name for p in folder.glob("*.png")) == ["rapport_GM9001.png",
                                                            "rapport_GM9022.png"]
    rows = {row["gemeentecode"]: row for row in seen["rows"]}
    assert len(rows) == 48                     # every gemeente is on the coverage layer

    db = sqlite3.connect(gemeenten_mdi)
    gm = db.execute("SELECT gemeentecode, mdi FROM gemeenten_mdi WHERE jaar = 2023 "
                    "ORDER BY gemeentecode").fetchall()
    before = dict(db.execute("SELECT gemeentecode, mdi FROM gemeenten_mdi WHERE jaar = 2014"))
    standing = gemeente_standing([m for _, m in gm])
    index = [c for c, _ in gm].index("GM9022")
    lommerstad = rows["GM9022"]
    assert lommerstad["mdi"] == pytest.approx(gm[index][1])
    assert lommerstad["rang"] == standing.ranks[index]
    assert lommerstad["n_gemeenten"] == 48
    assert lommerstad["landelijk_gemiddelde"] == pytest.approx(standing.national_mean)
    assert lommerstad["verandering"] == pytest.approx(gm[index][1] - before["GM9022"])

    bu = sqlite3.connect(buurten_klassen).execute(
        "SELECT inwoners, mdi_klasse_label = 'Zeer hoog', mdi FROM buurten_klassen "
        "WHERE jaar = 2023 AND gemeentecode = 'GM9022'").fetchall()
    people = np.array([r[0] if r[0] is not None else np.nan for r in bu], dtype=float)
    share = class_shares([bool(r[1]) for r in bu], people, np.zeros(len(bu), int), 1)
    assert lommerstad["aandeel_zeer_hoog"] == pytest.approx(share.shares[0])
    top = lommerstad["top10"].splitlines()
    highest = sorted((r[2] for r in bu if r[2] is not None), reverse=True)[:10]
    assert len(top) == 10 and top[0].startswith("1. ")
    assert top[0].endswith("{:.1f}".format(highest[0]).replace(".", ","))
    assert lommerstad["grafiek"].endswith(".svg")
    assert lommerstad["zone"] is None or lommerstad["corop"]


def test_without_gemeente_mdi_the_cells_are_left_out_with_a_note(
        mdi_provider, buurten_klassen, tmp_path, monkeypatch):
    seen = _coverage_of(monkeypatch)
    from mdi_plugin.styling import report_layout
    texts = {}
    original = report_layout.prepare_atlas

    def spy(layout, coverage, map_layers, legend_layers, page_texts, filter_expression=None):
        texts.update(page_texts)
        return original(layout, coverage, map_layers, legend_layers, page_texts,
                        filter_expression)
    from mdi_plugin.processing.algorithms import report
    monkeypatch.setattr(report, "prepare_atlas", spy)
    pdf = tmp_path / "zonder.pdf"
    result = _run({"INPUT": buurten_klassen, "FILTER": "\"gemeentecode\" = 'GM9022'",
                   "OUTPUT_PDF": str(pdf)})
    assert result["N_PAGES"] == 1 and _pdf_pages(pdf) == 1
    row = next(r for r in seen["rows"] if r["gemeentecode"] == "GM9022")
    assert all(row.get(name) is None for name in ("mdi", "rang", "landelijk_gemiddelde",
                                                  "grafiek", "verandering"))
    assert "left out" in texts[TABLE_ID] and '"mdi"' not in texts[TABLE_ID]


def test_from_year_without_gemeenten_is_refused(mdi_provider, buurten_klassen, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="GEMEENTEN"):
        _run({"INPUT": buurten_klassen, "FROM_YEAR": 2014,
              "OUTPUT_PDF": str(tmp_path / "x.pdf")})
    assert not (tmp_path / "x.pdf").exists()


def test_an_adapted_template_without_an_item_is_named(mdi_provider, buurten_klassen,
                                                      tmp_path):
    """A user adapted the .qpt in the Layout Manager (README) and deleted the chart: a clear
    message naming the item, not a bug report, and no PDF."""
    from xml.etree import ElementTree

    from qgis.core import QgsProcessingException
    tree = ElementTree.parse(REPORT_TEMPLATE)
    parent = next(p for p in tree.iter() for c in p if c.get("id") == "profiel")
    parent.remove(next(c for c in parent if c.get("id") == "profiel"))
    adapted = tmp_path / "adapted.qpt"
    tree.write(adapted, encoding="unicode")
    with pytest.raises(QgsProcessingException, match="profiel"):
        _run({"INPUT": buurten_klassen, "SUBSET": "GM9022", "TEMPLATE": str(adapted),
              "OUTPUT_PDF": str(tmp_path / "r.pdf")})
    assert not (tmp_path / "r.pdf").exists()


def test_an_adapted_template_is_used(mdi_provider, buurten_klassen, tmp_path):
    """TEMPLATE: a layout adapted in the Layout Manager (here: another title text) makes
    the pages; the bundled template is used when TEMPLATE is empty."""
    from xml.etree import ElementTree

    from qgis.PyQt.QtGui import QImage
    tree = ElementTree.parse(REPORT_TEMPLATE)
    labels = [e for e in tree.iter() if e.get("labelText")]
    for label in labels:
        label.set("labelText", "Gemeente Eigen Huisstijl " * 3)
    adapted = tmp_path / "huisstijl.qpt"
    tree.write(adapted, encoding="unicode")
    pages = {}
    for name, template in (("bundled", None), ("adapted", str(adapted))):
        params = {"INPUT": buurten_klassen, "SUBSET": "GM9022", "DPI": 36,
                  "OUTPUT_PDF": str(tmp_path / (name + ".pdf")),
                  "OUTPUT_FOLDER": str(tmp_path / name)}
        if template:
            params["TEMPLATE"] = template
        assert _run(params)["N_PAGES"] == 1
        png = next((tmp_path / name).glob("*.png"))
        pages[name] = QImage(str(png))
    assert labels and not pages["bundled"].isNull() and not pages["adapted"].isNull()
    assert pages["bundled"] != pages["adapted"]


def test_cancel_during_the_pages_leaves_nothing(mdi_provider, buurten_klassen, gemeenten_mdi,
                                                tmp_path):
    params = {"INPUT": buurten_klassen, "GEMEENTEN": gemeenten_mdi,
              "SUBSET": "GM9001,GM9002,GM9022", "OUTPUT_PDF": str(tmp_path / "r.pdf"),
              "OUTPUT_FOLDER": str(tmp_path / "png")}
    counter = CancelAfter(10 ** 9)
    _run(dict(params, OUTPUT_PDF=str(tmp_path / "full.pdf"),
              OUTPUT_FOLDER=str(tmp_path / "full")), counter)
    assert counter.calls > 4
    feedback = CancelAfter(counter.calls - 2)      # during the PNG pages
    assert _run(params, feedback) == {}
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "png").exists()


@pytest.mark.qgis_process
def test_through_qgis_process(qgis_process, buurten_klassen, gemeenten_mdi, tmp_path):
    pdf = tmp_path / "rapport.pdf"
    result = qgis_process("run", "mdi:gemeenterapport", "--", f"INPUT={buurten_klassen}",
                          f"GEMEENTEN={gemeenten_mdi}", "SUBSET=GM9022", f"OUTPUT_PDF={pdf}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _pdf_pages(pdf) == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_the_committed_template_is_the_generated_one(tmp_path):
    from mdi_plugin.styling.report_layout import build_report_template
    fresh = build_report_template(str(tmp_path / "fresh.qpt"))

    def meaning(path):
        """{item id: kind, position, width}; a scale bar's width follows its map (QGIS
        3.22 writes 0 for an empty map, 3.40 another size), so it is left out."""
        layout = load_report_template(QgsProject(), str(path))
        return {item.id(): (type(item).__name__,
                            round(item.positionWithUnits().x(), 2),
                            round(item.positionWithUnits().y(), 2),
                            None if item.id() == "schaalstok" else
                            round(item.sizeWithUnits().width(), 2))
                for item in layout.items() if getattr(item, "id", None) and item.id()}
    assert meaning(REPORT_TEMPLATE) == meaning(fresh), \
        "mdi_gemeenterapport.qpt is out of date: run /usr/bin/python3 scripts/build_styles.py"
