"""mdi:downloadopendata: the MDI indicators of a year, a level and gemeenten from CBS, RIVM
and Politie open data, with PDOK boundaries, plus the spec to compute them with.

The core (core/opendata.py) decides which table a year uses, finds the columns and
computes the indicators; the client (processing/opendata_client.py) does the network and
the cache. This module reads the parameters, drives the two per year and source, and
writes the layer and the spec (national bounds: one gemeente scores as in a national run).
"""

import json
import os
import re

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFields,
                       QgsProcessingOutputFile, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterString,
                       QgsProcessingUtils)

from ...compat import WKB_MULTIPOLYGON, WKB_NO_GEOMETRY, new_field
from ...core.errors import InputError, Message
from ...core.opendata import (ATTRIBUTION_FIELD, LEVELS, LICENCE, SOURCE_IDS, YEAR_FIELD,
                              compute_year, load_definitions, national_bounds,
                              output_definitions, parse_gemeenten, parse_years, read_table,
                              run_spec, select_gemeenten, series_breaks, wanted_for,
                              wijk_code, without_open_source)
from ...i18n import tr_noop
from ..base import MdiAlgorithm
from ..opendata_client import OpenDataClient, base_url, read_boundaries, tables_file
from ..parameters import count, sink


class DownloadOpenDataAlgorithm(MdiAlgorithm):
    """Fetch the open-data MDI indicators with boundaries (one row per area and year)."""

    NAME = "downloadopendata"
    DISPLAY_NAME = tr_noop("Download open data")
    GROUP_ID = "compute"
    TAGS = tr_noop("open data,cbs,statline,odata,kerncijfers wijken en buurten,rivm,politie,"
                   "pdok,wfs,download,ophalen,buurt,wijk,gemeente")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(QgsProcessingParameterString(
            "YEARS", self.tr("Years (comma-separated, e.g. 2024 or 2019,2024)"),
            defaultValue="2024"))
        self.addParameter(QgsProcessingParameterEnum(
            "LEVEL", self.tr("Level"), [self.tr("Gemeente"), self.tr("Wijk"), self.tr("Buurt")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterString(
            "GEMEENTEN", self.tr("Gemeenten (codes, comma-separated; empty = the whole "
                                 "country)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "SOURCES", self.tr("Sources"),
            [self.tr("CBS Kerncijfers wijken en buurten"),
             self.tr("CBS Nabijheid voorzieningen"),
             self.tr("RIVM Gezondheid per wijk en buurt"),
             self.tr("Politie Geregistreerde misdrijven")],
            allowMultiple=True, defaultValue=[0, 1, 2, 3]))
        self.addParameter(QgsProcessingParameterBoolean(
            "GEOMETRY", self.tr("Boundaries from PDOK (off: a table without geometry)"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "REFRESH", self.tr("Fetch again (ignore the cache)"), defaultValue=False))
        self.addParameter(sink(self.tr("Open data indicators")))
        self.addOutput(QgsProcessingOutputFile(
            "SPEC", self.tr("Spec to compute with (national bounds)")))
        self.addOutput(count("N_AREAS", self.tr("Number of areas (rows)")))
        self.addOutput(count("N_INDICATORS", self.tr("Number of indicators filled")))

    def execute(self, run):
        years = parse_years(run.text("YEARS", ""))
        level = run.choice("LEVEL", LEVELS)
        gemeenten = parse_gemeenten(run.text("GEMEENTEN", ""))
        selected = run.choice_list("SOURCES", SOURCE_IDS)
        if not selected:
            raise InputError("SOURCES: choose at least one source.")
        geometry = run.flag("GEOMETRY")
        definitions = load_definitions(tables_path=tables_file())
        definitions.check_years(years)
        client = OpenDataClient(run.feedback, run.flag("REFRESH"), {
            t.id: t.division for t in definitions.sources["kwb"].tables})
        run.info("Sources: CBS {cbs}, dataderden {derden}, PDOK {pdok}.",
                 cbs=base_url("cbs"), derden=base_url("dataderden"), pdok=base_url("pdok"))
        reads = [("kwb", year) for year in years] + [
            (s, y) for y in years for s in selected if s != "kwb"]
        run.steps(len(reads) + (len(years) if geometry else 0) + 1)
        results = [self._year(run, client, definitions, level, year, selected, reads)
                   for year in years]
        bounds = national_bounds(definitions, results)
        spec = run_spec(definitions, level, years, results, bounds)
        self._check_gemeenten(gemeenten, results)
        shapes = [self._boundaries(run, client, definitions, level, year, gemeenten, step)
                  for step, year in enumerate(years, start=len(reads))] if geometry else None
        fields = self._fields(definitions, level, selected)
        sink_, dest_id = run.sink("OUTPUT", fields,
                                  WKB_MULTIPOLYGON if geometry else WKB_NO_GEOMETRY,
                                  QgsCoordinateReferenceSystem("EPSG:28992"))
        written = self._write(run, sink_, fields, results, gemeenten, shapes, geometry)
        spec_path = self._write_spec(run, dest_id, spec)
        self._report(run, definitions, results, spec, spec_path, gemeenten)
        return {"OUTPUT": dest_id, "SPEC": spec_path, "N_AREAS": written,
                "N_INDICATORS": len(spec["indicators"])}

    @staticmethod
    def _year(run, client, definitions, level, year, selected, reads):
        tables = {}
        for source_id in ["kwb"] + [s for s in selected if s != "kwb"]:
            run.step(reads.index((source_id, year)))
            ref = definitions.sources[source_id].table_for(year)
            if ref is None:
                continue
            table = client.table(definitions.sources[source_id].catalog, ref.id)
            tables[source_id] = read_table(definitions, source_id, ref, level, year,
                                           table.fetch, table.info,
                                           wanted_for(definitions, source_id, selected))
            run.info("{year}: {source} {table} (Modified {modified}).", year=year,
                     source=definitions.sources[source_id].label, table=ref.id,
                     modified=tables[source_id].modified or "?")
        result = compute_year(definitions, level, year, tables, selected)
        run.warn_all(result.messages)
        return result

    @staticmethod
    def _check_gemeenten(gemeenten, results):
        known = {g for r in results for g in r.gemeentecodes}
        unknown = [g for g in gemeenten if g not in known]
        if unknown:
            raise InputError("GEMEENTEN: {codes} has no areas in the tables of {years}; check "
                             "the code (gemeenten change with mergers).",
                             codes=", ".join(unknown),
                             years=", ".join(str(r.year) for r in results))

    @staticmethod
    def _boundaries(run, client, definitions, level, year, gemeenten, step):
        run.step(step)
        pdok, level_def = definitions.pdok, definitions.levels[level]
        if year not in pdok.get("years", []):
            raise InputError("GEOMETRY: no PDOK boundaries are known for {year} (known: "
                             "{known}); set GEOMETRY to false for a table.", year=year,
                             known=", ".join(str(y) for y in pdok.get("years", [])))
        url = pdok["url"].format(base=base_url("pdok"), year=year)
        path = client.boundaries(url, level_def["pdok_layer"], int(pdok.get("page_size", 1000)),
                                 gemeenten, "gemeentecode", year)
        return read_boundaries(path, level_def["pdok_code"], level_def["prefix"])

    @staticmethod
    def _fields(definitions, level, selected):
        fields = QgsFields()
        names = {"gemeente": ["gemeentecode", "gemeentenaam"],
                 "wijk": ["wijkcode", "wijknaam", "gemeentecode", "gemeentenaam"],
                 "buurt": ["buurtcode", "buurtnaam", "wijkcode", "gemeentecode",
                           "gemeentenaam"]}[level]
        for name in names:
            fields.append(new_field(name, "string"))
        fields.append(new_field(YEAR_FIELD, "int"))
        for definition in output_definitions(definitions, selected):
            fields.append(new_field(definition.field, "double"))
        fields.append(new_field(ATTRIBUTION_FIELD, "string"))
        return fields

    @staticmethod
    def _write(run, sink_, fields, results, gemeenten, shapes, geometry):
        written, missing, names = 0, [], fields.names()
        for index, result in enumerate(results):
            attribution = "{} open data ({})".format(
                (result.attribution or "CBS") + (", PDOK" if geometry else ""), LICENCE)
            for row in select_gemeenten(result, gemeenten):
                run.check_cancel()
                code = result.codes[row]
                feature = QgsFeature(fields)
                feature.setAttributes(_attributes(result, row, names, attribution))
                if shapes is not None:
                    shape = shapes[index].get(code)
                    if shape is None:
                        missing.append("{} {}".format(result.year, code))
                    else:
                        feature.setGeometry(shape)
                if not sink_.addFeature(feature):
                    raise run.fail("Could not write area {code} ({year}) to the output.",
                                   code=code, year=result.year)
                written += 1
        if missing:
            run.warn("{count} area(s) have no PDOK boundary and no geometry: {areas}.",
                     count=len(missing), areas=", ".join(missing[:10]) +
                     (", ..." if len(missing) > 10 else ""))
        return written

    @staticmethod
    def _write_spec(run, dest_id, spec):
        target = str(dest_id).split("|")[0]
        if re.match(r"^[A-Za-z]:[\\/]|^/|^\\\\", target) and os.path.splitext(target)[1]:
            path = os.path.splitext(target)[0] + "_spec.json"   # next to a file output
        else:
            path = os.path.join(QgsProcessingUtils.tempFolder(), "{}.json".format(spec["id"]))
        with open(run.written(path), "w", encoding="utf-8") as handle:   # staged
            json.dump(spec, handle, ensure_ascii=False, indent=1)
        return path

    @staticmethod
    def _report(run, definitions, results, spec, spec_path, gemeenten):
        filled = [i["id"] for i in spec["indicators"]]
        absent = [i.id for i in definitions.spec.indicators if i.id not in filled]
        run.info("Filled {count} indicator(s): {ids}.", count=len(filled), ids=", ".join(filled))
        if absent:
            run.warn("Not filled for these years and this level: {ids} (reasons above).",
                     ids=", ".join(absent))
        run.info("No open source at all (README, 'Open data'): {ids}.",
                 ids=", ".join(without_open_source(definitions)))
        run.warn_all(series_breaks(definitions, [r.year for r in results],
                                   {i["field"] for i in spec["indicators"]}))
        for indicator in spec["indicators"]:
            for item in indicator["opendata"]["provenance"]:
                run.info("{field} {year}: {source} {table}, period {period}, Modified "
                         "{modified}{check}.", field=indicator["field"], year=item["year"],
                         source=item["source"], table=item["table"],
                         period=item["period"] or item["year"], modified=item["modified"],
                         check="" if item["verified"] else Message(" (not verified)"))
        run.info("Compute the MDI of this layer with the spec {path} (SPEC): its bounds are "
                 "the national minimum and maximum, so {scope} scores as in a national run.",
                 path=spec_path, scope=", ".join(gemeenten) if gemeenten else Message("each area"))
        run.info("Licence: CBS, RIVM, Politie and PDOK open data, CC BY 4.0; name the source "
                 "({field} holds it; map exports show it).", field=ATTRIBUTION_FIELD)


def _attributes(result, row, names, attribution):
    """The attribute values of one output row, in the order of ``names`` (NaN -> NULL)."""
    code = result.codes[row]
    texts = {"gemeentecode": result.gemeentecodes[row],
             "gemeentenaam": (result.names[row] if result.level == "gemeente" else "") or
             result.gemeentenamen[row],
             "wijkcode": code if result.level == "wijk" else wijk_code(code),
             "wijknaam": result.names[row], "buurtcode": code, "buurtnaam": result.names[row],
             YEAR_FIELD: result.year, ATTRIBUTION_FIELD: attribution}
    values = []
    for name in names:
        if name in result.values:
            number = float(result.values[name][row])
            values.append(number if number == number else None)
        else:
            values.append(texts.get(name))
    return values
