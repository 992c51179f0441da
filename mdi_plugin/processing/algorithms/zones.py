"""mdi:flagperiphery: zones, focus regions and analysis-matrix quadrants of regions."""

from ...compat import new_field
from ...core.errors import InputError
from ...core.values import parse_numeric_column
from ...core.zones import (CODE_COLUMNS, DEFAULT_THRESHOLD, flag_regions, load_zone_table,
                           table_summary, zone_table)
from ...i18n import tr_noop
from .. import fields
from ..base import MdiAlgorithm
from ..feature_io import output_fields, read_columns, rows_by_id, write_with_columns
from ..parameters import count, field, input_source, number, sink

#: Output fields, in order, with their types.
OUTPUT_FIELDS = (("zone", "string"), ("perifeer", "int"), ("hoge_mdi", "int"),
                 ("focusregio", "int"), ("kwadrant", "string"))


class FlagPeripheryAlgorithm(MdiAlgorithm):
    """Add zone, periphery, high-MDI, focus-region and quadrant fields to regions."""

    NAME = "flagperiphery"
    DISPLAY_NAME = tr_noop("Flag periphery")
    GROUP_ID = "analysis"
    TAGS = tr_noop("mdi,corop,zone,periferie,perifeer,periphery,focusregio,kwadrant,"
                   "regiotype,kern,intermediair")
    OUTPUT_STYLE = "mdi_zones"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(input_source(self.tr("Regions (COROP)")))
        self.addParameter(field("CODE_FIELD", self.tr("Region code field (empty = coropcode, "
                                                      "statcode or code)")))
        self.addParameter(input_source(self.tr("Zone table (empty = bundled COROP zones)"),
                                       "ZONES", optional=True))
        self.addParameter(field("MDI_FIELD", self.tr("MDI field (empty = mdi)"), default="mdi"))
        self.addParameter(number("THRESHOLD", self.tr("High MDI from (threshold)"),
                                 DEFAULT_THRESHOLD))
        self.addParameter(sink(self.tr("Flagged regions")))
        self.addOutput(count("FEATURE_COUNT", self.tr("Number of regions")))
        self.addOutput(count("N_FOCUS", self.tr("Number of focus regions")))
        self.addOutput(count("N_UNKNOWN", self.tr("Number of regions without a zone")))
        self.addOutput(count("N_NO_MDI", self.tr("Number of regions without an MDI")))

    def execute(self, run):
        source = run.source()
        code_name = fields.field_or_guess(run, "CODE_FIELD", source, *CODE_COLUMNS)
        if code_name is None:
            raise InputError("The input has none of the region code fields {defaults}. "
                             "Choose the field with the COROP codes as CODE_FIELD. Its fields "
                             "are: {fields}.", defaults=", ".join(CODE_COLUMNS),
                             fields=", ".join(source.fields().names()) or "(none)")
        mdi_name = run.field("MDI_FIELD", source, default="mdi")
        table = self._zone_table(run)
        run.info("Zone table: {summary}.", summary=table_summary(table))
        year_name = fields.year_like_field(source, None)     # only to count per year
        ids, raw = read_columns(source, [code_name, mdi_name] + (
            [year_name] if year_name and year_name not in (code_name, mdi_name) else []),
            run.steps(2))
        if not ids:
            raise InputError("The input has no features: nothing to flag.")
        mdi = parse_numeric_column(raw[mdi_name], mdi_name, ids)
        codes = fields.area_codes(run, raw[code_name], code_name, ids)
        flags = flag_regions(codes, mdi, table, run.number("THRESHOLD"), code_name)
        run.warn_all(flags.warnings)
        if flags.no_mdi_count:
            run.warn("{count} region(s) have no MDI in field '{field}': hoge_mdi is NULL "
                     "there.", count=flags.no_mdi_count, field=mdi_name)

        out_fields, kept, replaced = output_fields(
            source.fields(), [new_field(name, kind) for name, kind in OUTPUT_FIELDS])
        for name in replaced:
            run.warn("Input field '{field}' is replaced by the new flags.", field=name)
        sink_, dest_id = run.sink("OUTPUT", out_fields, source.wkbType(), source.sourceCrs())
        columns = [flags.zone, flags.perifeer, flags.hoge_mdi, flags.focusregio,
                   flags.kwadrant]
        write_with_columns(source, sink_, out_fields, kept, columns, rows_by_id(ids),
                           run.step(1))
        quadrants = {}
        for label in flags.kwadrant:
            quadrants[label] = quadrants.get(label, 0) + 1
        run.info("Regions per quadrant: {counts}.", counts=", ".join(
            "{} {}".format(label, n) for label, n in sorted(quadrants.items())))
        per_year = focus_regions_per_year(codes, flags.focusregio,
                                          raw[year_name] if year_name in raw else None)
        if per_year is None:
            run.info("Focus regions (peripheral, MDI >= threshold): {count} of {regions} "
                     "regions.", count=len({c for c, f in zip(codes, flags.focusregio)
                                            if f == 1}), regions=len(set(codes)))
        else:
            run.info("Focus regions (peripheral, MDI >= threshold) per year: {counts}.",
                     counts=", ".join("{}: {} of {}".format(year, focus, total)
                                      for year, (focus, total) in sorted(
                                          per_year.items(), key=lambda item: str(item[0]))))
        return {"OUTPUT": dest_id, "FEATURE_COUNT": len(ids), "N_FOCUS": flags.focus_count,
                "N_UNKNOWN": flags.unknown_count, "N_NO_MDI": flags.no_mdi_count}

    @staticmethod
    def _zone_table(run):
        """The ZONES table as {code: zone}; the bundled table when ZONES is empty."""
        zones = run.source("ZONES", optional=True)
        if zones is None:
            return load_zone_table()
        name = zones.sourceName() or str(run.parameters["ZONES"])
        _, columns = read_columns(zones, zones.fields().names())
        return zone_table(columns, "zone table '{}'".format(name))


def focus_regions_per_year(codes, focusregio, years):
    """{year: (focus regions, regions)} counting distinct region codes per year, or None
    without a year column (a long-format input has one row per region and year)."""
    if years is None:
        return None
    counts = {}
    for code, flag, value in zip(codes, focusregio, years):
        try:
            year = int(float(value))
        except (TypeError, ValueError):
            year = "-"
        focus, regions = counts.setdefault(year, (set(), set()))
        regions.add(code)
        if flag == 1:
            focus.add(code)
    return {year: (len(focus), len(regions)) for year, (focus, regions) in counts.items()}
