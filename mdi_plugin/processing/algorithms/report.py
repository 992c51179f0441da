"""mdi:gemeenterapport: a PDF with one page per gemeente (and a PNG per page), made with
QGIS's atlas over the template resources/layouts/mdi_gemeenterapport.qpt; the numbers come
from core.report, the page from styling.report_layout."""

import datetime
import os
import shutil
import tempfile

import numpy as np
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterExpression,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterString,
                       QgsProcessingParameterVectorLayer, QgsProject)

from ...compat import FIELD_TYPE_NUMERIC, SOURCE_TYPE_VECTOR, SOURCE_TYPE_VECTOR_POLYGON
from ...core.errors import InputError
from ...core.report import class_shares, top_per_group
from ...core.zones import load_zone_table
from ...i18n import tr, tr_noop
from ...styling.charts import dutch_number, profile_subtitle, safe_name, write_chart
from ...styling.classes import FIXED
from ...styling.layout import DEFAULT_SOURCE, SOURCE_LINE, ExportError
from ...styling.renderers import apply_choropleth, apply_klasse_style
from ...styling.report_layout import (REPORT_TEMPLATE, SOURCE_ID, SUBTITLE_ID, TABLE_ID,
                                      TOP_ID, WARNING_ID, WARNING_TEXT,
                                      coverage_layer, export_atlas, load_report_template,
                                      only_current_gemeente, prepare_atlas, subtitle_template,
                                      table_text, top_template)
from ...styling.topn import apply_highlight_style
from ..base import MdiAlgorithm
from ..parameters import field, number, year, year_field
from ..region_geometry import dissolve
from ..report_data import gemeente_rows, highlight_rows, read_buurten

TOP = 10


class GemeenteRapportAlgorithm(MdiAlgorithm):
    """One report page per gemeente through the QGIS atlas, as PDF (and PNGs)."""

    NAME = "gemeenterapport"
    DISPLAY_NAME = tr_noop("Report per gemeente")
    GROUP_ID = "maps"
    TAGS = tr_noop("mdi,rapport,report,gemeente,atlas,pdf,png,layout,top 10,profiel")
    MAIN_THREAD = True      # layout rendering (fonts, SVG)

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterVectorLayer(
            "INPUT", self.tr("Buurten with MDI scores"), [SOURCE_TYPE_VECTOR_POLYGON]))
        self.addParameter(field("FIELD", self.tr("MDI field (empty: mdi)"), default="mdi",
                                field_type=FIELD_TYPE_NUMERIC))
        self.addParameter(field("CLASS_FIELD", self.tr("Class field (empty: mdi_klasse when "
                                                       "present, else the report's breaks)"),
                                field_type=FIELD_TYPE_NUMERIC))
        self.addParameter(field("POPULATION_FIELD", self.tr("Inhabitants field"),
                                default="inwoners", field_type=FIELD_TYPE_NUMERIC))
        self.addParameter(year_field(self.tr("Year field (empty: 'jaar' when present)")))
        self.addParameter(year(self.tr("Year (empty: the latest)")))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "GEMEENTEN", self.tr("Gemeente-level MDI of all gemeenten (for MDI, rank, "
                                 "national mean, profile and change)"),
            [SOURCE_TYPE_VECTOR], optional=True))
        self.addParameter(number("FROM_YEAR", self.tr("Earlier year for the change (needs "
                                                      "GEMEENTEN)"), None, 1800, 2200,
                                 decimals=False, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "ZONE_TABLE", self.tr("Zone table (CSV coropcode,zone; empty: the bundled COROP "
                                  "table)"), extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SUBSET", self.tr("Only these gemeenten (codes, comma-separated; empty: all)"),
            optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            "FILTER", self.tr("Only the pages where this expression is true (fields: "
                              "gemeentecode, mdi, aandeel_zeer_hoog, zone, ...)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SOURCE", self.tr("Source (shown as 'Bron: … · bewerking MDI voor QGIS')"),
            defaultValue=DEFAULT_SOURCE))
        self.addParameter(number("DPI", self.tr("Resolution (DPI)"), 150, 36, 600,
                                 decimals=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PDF", self.tr("Report (PDF)"), self.tr("PDF files (*.pdf)")))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", self.tr("Folder for one PNG per page"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFile(
            "TEMPLATE", self.tr("Layout template (.qpt, adapted in the Layout Manager; "
                                "empty: the bundled one)"), extension="qpt", optional=True))
        self.addOutput(QgsProcessingOutputNumber("N_PAGES", self.tr("Number of pages")))

    def execute(self, run):
        layer = run.layer()
        run.steps(4)
        buurten = read_buurten(run, layer, run.step(0))
        gemeenten = self._gemeenten(run, buurten)
        pdf = run.file_output("OUTPUT_PDF")
        folder = run.output_folder("OUTPUT_FOLDER")
        if not pdf and not folder:
            raise InputError("Nothing to write: give OUTPUT_PDF and/or OUTPUT_FOLDER.")
        charts = tempfile.mkdtemp(prefix="mdi_rapport_")
        project = QgsProject()
        try:
            rows = self._rows(run, buurten, gemeenten, charts)
            return self._export(run, project, layer, buurten, rows, (pdf, folder))
        finally:
            project.clear()     # free the copied layers now, also after a failure
            shutil.rmtree(charts, ignore_errors=True)

    @staticmethod
    def _gemeenten(run, buurten):
        """The gemeente-level MDI (core.report numbers per gemeente), or None."""
        source = run.layer("GEMEENTEN", optional=True)
        from_year = run.optional_number("FROM_YEAR")
        if source is None:
            if from_year is not None:
                raise InputError("FROM_YEAR needs a gemeente-level MDI (GEMEENTEN): the "
                                 "change of a gemeente is the change of its MDI, not of a "
                                 "mean of its buurten.")
            run.warn("No gemeente-level MDI (GEMEENTEN): each page leaves the gemeente's "
                     "MDI, rank, national mean and profile out and says so.")
            return None
        return gemeente_rows(run, source, buurten.year, from_year)

    def _rows(self, run, buurten, gemeenten, charts):
        """One dict of COVERAGE_FIELDS per gemeente (in the order of buurten.keys)."""
        shares = class_shares(buurten.very_high, buurten.population, buurten.groups,
                              len(buurten.keys))
        tops = top_per_group(buurten.values, buurten.groups, len(buurten.keys), TOP)
        zones = load_zone_table(run.file("ZONE_TABLE"))
        feedback, rows = run.step(1), []
        for index, code in enumerate(buurten.keys):
            run.check_cancel()
            feedback.setProgress(100.0 * index / len(buurten.keys))
            row = {"gemeentecode": code, "gemeentenaam": buurten.names.get(code) or code,
                   "jaar": int(buurten.year), "aandeel_zeer_hoog": _value(shares.shares[index]),
                   "inwoners": float(shares.people[index]),
                   "top10": "\n".join("{}. {} ({}): {}".format(
                       rank, buurten.unit_names[r] or buurten.unit_codes[r],
                       buurten.unit_codes[r], dutch_number(buurten.values[r]))
                       for r, rank in tops[index])}
            if gemeenten is not None:
                row.update(gemeenten.page(code, zones))
                if row.get("mdi") is not None:
                    row["grafiek"] = gemeenten.chart(code, row["gemeentenaam"], os.path.join(
                        charts, safe_name(code)), write_chart, profile_subtitle)
            rows.append(row)
        unknown = int(shares.unknown.sum())
        if unknown:
            run.warn("{count} buurt(en) have no number of inhabitants in '{field}': they are "
                     "left out of the share of inhabitants in 'Zeer hoog' buurten.",
                     count=unknown, field=buurten.population_field)
        return rows

    def _export(self, run, project, layer, buurten, rows, files):
        pdf, folder = files
        project.setCrs(layer.crs())
        geometries = dissolve(layer, dict(zip(buurten.ids, buurten.groups.tolist())),
                              len(buurten.keys))
        coverage = coverage_layer(layer.crs(), rows, geometries)
        choropleth = layer.clone()
        choropleth.setName(tr("Buurten, MDI {year}").format(year=int(buurten.year)))
        if buurten.class_field:
            apply_klasse_style(choropleth, buurten.class_field, buurten.year,
                               buurten.year_field)
        else:
            apply_choropleth(choropleth, buurten.value_field, FIXED, buurten.year,
                             buurten.year_field)
        top = highlight_rows(layer, buurten, TOP)
        apply_highlight_style(top, TOP, buurten.value_field)
        only_current_gemeente(top)
        for one in (coverage, top, choropleth):
            project.addMapLayer(one)
        try:    # a template adapted in the Layout Manager may lack an item (README)
            layout = load_report_template(project, run.file("TEMPLATE") or REPORT_TEMPLATE)
        except ExportError as err:
            raise run.fail("{error}", error=str(err)) from None
        texts = {SUBTITLE_ID: subtitle_template(), TOP_ID: top_template(),
                 WARNING_ID: tr(WARNING_TEXT),
                 TABLE_ID: table_text(rows and "rang" in rows[0],
                                      run.optional_number("FROM_YEAR") and
                                      int(run.number("FROM_YEAR"))),
                 SOURCE_ID: "{} \u00b7 {}".format(
                     tr(SOURCE_LINE).format(source=run.text("SOURCE") or tr(DEFAULT_SOURCE)),
                     tr("MDI {year}, made on {date}").format(
                         year=int(buurten.year), date=datetime.date.today().isoformat()))}
        atlas = prepare_atlas(layout, coverage, [top, coverage, choropleth],
                              [choropleth, top, coverage], texts, self._filter(run))
        pages = atlas.updateFeatures()
        if pages == 0:
            raise InputError("No gemeente is left for the report: check SUBSET and FILTER.")
        feedback = run.step(2)

        def png_of(name):
            return run.written(os.path.join(folder, "rapport_{}.png".format(
                safe_name(name))), "OUTPUT_FOLDER")

        try:
            written = export_atlas(layout, pdf, png_of if folder else None,
                                   run.integer("DPI"), run.feedback,
                                   lambda fraction: feedback.setProgress(100.0 * fraction))
        except ExportError as err:
            raise run.fail("{error}", error=str(err)) from None
        run.check_cancel()
        run.info("{pages} page(s): {pdf}{pngs}", pages=pages, pdf=pdf or "",
                 pngs=" + {} PNG(s) in {}".format(len(written), folder) if folder else "")
        return {"OUTPUT_PDF": pdf, "OUTPUT_FOLDER": folder, "N_PAGES": pages}

    @staticmethod
    def _filter(run):
        """The atlas filter from SUBSET (codes) and FILTER (an expression), or None."""
        parts = []
        codes = [c.strip() for c in (run.text("SUBSET") or "").split(",") if c.strip()]
        if codes:
            from ...core.codes import normalise_code
            normalised = [normalise_code(c, "GM") or c for c in codes]
            parts.append('"gemeentecode" IN ({})'.format(", ".join(
                "'{}'".format(c.replace("'", "''")) for c in normalised)))
        if run.text("FILTER"):
            parts.append("({})".format(run.text("FILTER")))
        return " AND ".join(parts) or None


def _value(number_):
    return None if number_ is None or np.isnan(number_) else float(number_)
