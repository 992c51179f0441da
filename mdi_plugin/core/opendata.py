"""The MDI indicators from open data (mdi:downloadopendata): which table a year uses per
source, how each indicator is computed from that table's columns, the national bounds over
the years fetched and the spec to compute with.

The definitions live in ``resources/specs/open_data.json``: a valid MDI spec whose
indicators carry an ``opendata`` block (sources, formula, the columns by stem, title and
topic group) and whose top-level ``opendata`` block lists the sources and their tables
(users add tables in ``open_data_tables.json`` in their profile, README "Open data").

Rules (README, "Open data"):

* a table is used for a year only when it is published on that year's area division (its
  metadata says which); otherwise its indicators stay empty for that year, with the reason;
* per indicator, the sources are tried in the order of the definition (KWB before
  Nabijheid voorzieningen): per area and column, the first source with a value fills it;
  only sources with the same definition share an indicator;
* a column that cannot be found is reported and its indicator left empty (never guessed);
* per 1,000 inhabitants uses the KWB inhabitants of the same division; areas with fewer
  than ``min_population`` inhabitants stay empty.

The network is not here: ``read_table`` gets a ``fetch(entity, where=None, select=None)``
callable that returns the rows of one OData entity set (all pages).
"""

import json
import math
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..paths import resource_path
from .codes import normalise_code
from .compute import Message
from .errors import InputError, SpecError
from .odata import (ColumnSpec, OpenDataError, code_value, columns_v3, dimension_key,
                    division_year, geo_column, number_value, period_key, resolve_column,
                    table_modified, text_value)
from .spec import load_spec, spec_from_dict

LEVELS = ("gemeente", "wijk", "buurt")
#: The SOURCES options, in the order of the enum.
SOURCE_IDS = ("kwb", "nabijheid", "rivm", "politie")
YEAR_FIELD = "jaar"
POPULATION_FIELD = "inwoners"
ATTRIBUTION_FIELD = "bron_open_data"
LICENCE = "CC BY 4.0"
_ORGANISATION = {"kwb": "CBS", "nabijheid": "CBS", "rivm": "RIVM", "politie": "Politie"}
_GEMEENTENAAM = ColumnSpec(stems=("Gemeentenaam",), titles=("Gemeentenaam",))


def definitions_path():
    """The bundled open-data spec with the definitions."""
    return resource_path("specs", "open_data.json")


@dataclass(frozen=True)
class TableRef:
    """A table of a source and the area division it is published on."""

    id: str
    division: int
    verified: bool = False
    note: str = ""


@dataclass(frozen=True)
class Source:
    """One open-data source (SOURCES option)."""

    id: str
    label: str
    catalog: str
    tables: Tuple[TableRef, ...]
    max_period_lag: Optional[int] = None     # None: the table has no Perioden dimension
    dimensions: Tuple[Tuple[str, ColumnSpec], ...] = ()
    dimension: Optional[str] = None
    value: Optional[ColumnSpec] = None

    def table_for(self, year):
        """The first listed table on ``year``'s division (user tables come first)."""
        return next((t for t in self.tables if t.division == year), None)


@dataclass(frozen=True)
class Term:
    """A column of a formula with its factor."""

    spec: ColumnSpec
    factor: float = 1.0


@dataclass(frozen=True)
class Definition:
    """How one output field is made (an indicator, or a context field like inwoners)."""

    field: str
    sources: Tuple[str, ...]
    formula: str
    terms: Tuple[Term, ...] = ()
    denominator: Tuple[Term, ...] = ()
    codes: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    scale: float = 1.0
    unit: str = ""
    min_population: float = 0.0
    verified: bool = False
    proxy: str = ""
    series_break: Optional[Tuple[int, str]] = None
    indicator: Optional[str] = None      # spec indicator id; None for context fields


FORMULAS = ("sum", "mean", "share", "per_1000")


@dataclass
class Definitions:
    """The open-data spec with its definitions."""

    spec: object
    data: dict
    sources: Dict[str, Source]
    indicators: List[Definition]
    context: List[Definition]
    levels: dict
    pdok: dict
    attribution: str
    origin: str = ""

    def known_years(self):
        return sorted({t.division for t in self.sources["kwb"].tables})

    def check_years(self, years):
        """InputError for a year without a Kerncijfers table, listing the known years."""
        known = self.known_years()
        unknown = [y for y in years if y not in known]
        if unknown:
            raise InputError("YEARS: no 'Kerncijfers wijken en buurten' table is known for "
                             "{years}. Known years: {known}. Add a table for a newer year "
                             "in {file} (README, 'Open data').", years=", ".join(
                                 str(y) for y in unknown),
                             known=", ".join(str(y) for y in known),
                             file=self.data["opendata"].get("tables_file", "tables file"))

    def all_fields(self):
        return self.context + self.indicators


def _terms(items, where):
    if not isinstance(items, list):
        raise SpecError("{where}: 'terms' must be a list of columns.", where=where)
    return tuple(Term(ColumnSpec.from_dict(t), float(t.get("factor", 1.0))) for t in items)


def _definition(block, field_name, indicator, where):
    if not isinstance(block, dict):
        raise SpecError("{where}: 'opendata' must be an object.", where=where)
    sources = block.get("sources") or [block.get("source")]
    formula = block.get("formula")
    if formula not in FORMULAS or not all(s in SOURCE_IDS for s in sources):
        raise SpecError("{where}: formula must be one of {formulas} and sources of {ids}.",
                        where=where, formulas=", ".join(FORMULAS), ids=", ".join(SOURCE_IDS))
    series_break = block.get("series_break")
    return Definition(
        field=field_name, sources=tuple(sources), formula=formula,
        terms=_terms(block.get("terms", []), where),
        denominator=_terms(block.get("denominator", []), where),
        codes=tuple((str(c["code"]), tuple(c.get("titles", ()))) for c in block.get(
            "codes", [])),
        scale=float(block.get("scale", 1.0)), unit=str(block.get("unit", "")),
        min_population=float(block.get("min_population", 0)),
        verified=bool(block.get("verified", False)), proxy=str(block.get("proxy", "")),
        series_break=(int(series_break["year"]), str(series_break.get("note", "")))
        if series_break else None, indicator=indicator)


def _source(source_id, data, extra_tables):
    tables = [TableRef(str(t["id"]), int(t["division"]), bool(t.get("verified", False)),
                       str(t.get("note", ""))) for t in list(extra_tables) + data["tables"]]
    value = data.get("value")
    lag = data.get("max_period_lag")
    return Source(source_id, str(data.get("label", source_id)), str(data["catalog"]),
                  tuple(tables), None if lag is None else int(lag),
                  tuple((name, ColumnSpec.from_dict(spec)) for name, spec in data.get(
                      "dimensions", {}).items()),
                  data.get("dimension"), ColumnSpec.from_dict(value) if value else None)


def load_definitions(path=None, tables_path=None):
    """The open-data definitions (bundled unless ``path``), with the user's extra tables
    from ``tables_path`` ({source id: [{"id": ..., "division": ...}]}) listed first."""
    path = path or definitions_path()
    spec = load_spec(path)
    with open(path, encoding="utf-8-sig") as handle:
        data = json.load(handle)
    extra = _extra_tables(tables_path)
    block = data.get("opendata")
    try:
        sources = {sid: _source(sid, block["sources"][sid], extra.get(sid, []))
                   for sid in SOURCE_IDS}
        indicators = [_definition(item["opendata"], item.get("field", item["id"]), item["id"],
                                  "indicator '{}'".format(item["id"]))
                      for item in data["indicators"] if "opendata" in item]
        context = [_definition(item, item["field"], None, "context '{}'".format(
            item["field"])) for item in block.get("context", [])]
    except (KeyError, TypeError, ValueError) as err:
        raise SpecError("{path}: the 'opendata' definitions are incomplete ({reason}).",
                        path=path, reason=str(err)) from None
    return Definitions(spec, data, sources, indicators, context, block["levels"],
                       block["pdok"], str(block.get("attribution", "")), str(path))


def _extra_tables(path):
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8-sig") as handle:
            extra = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise InputError("The open-data tables file {path} cannot be read: {reason}. Fix or "
                         "remove it.", path=path, reason=str(err)) from None
    if not isinstance(extra, dict) or not all(
            isinstance(v, list) and all(isinstance(t, dict) and "id" in t and "division" in t
                                        for t in v) for v in extra.values()):
        raise InputError("The open-data tables file {path} must hold {{\"kwb\": [{{\"id\": "
                         "\"...NED\", \"division\": 2025}}], ...}}.", path=path)
    return extra


# -- parameters -------------------------------------------------------------------------------

def parse_years(text):
    """YEARS: "2024", "2019,2024", "2019-2021" -> sorted list of years."""
    years = set()
    for part in re.split(r"[,;\s]+", str(text or "").strip()):
        if not part:
            continue
        match = re.match(r"^(\d{4})(?:-(\d{4}))?$", part)
        if not match or (match.group(2) and int(match.group(2)) < int(match.group(1))):
            raise InputError("YEARS: {value!r} is not a year; give years like 2024, "
                             "2019,2024 or 2019-2021.", value=part)
        last = int(match.group(2) or match.group(1))
        years.update(range(int(match.group(1)), last + 1))
    if not years:
        raise InputError("YEARS is empty: give one or more years, e.g. 2024 or 2019,2024.")
    return sorted(years)


def parse_gemeenten(text):
    """GEMEENTEN: gemeente codes in any CBS form (GM0363, 363, 0363) -> sorted codes;
    empty = the whole country (an empty list)."""
    codes = set()
    for part in re.split(r"[,;\s]+", str(text or "").strip()):
        if not part:
            continue
        code = normalise_code(part, "GM")
        if code is None:
            raise InputError("GEMEENTEN: {value!r} is not a gemeente code; write codes like "
                             "GM0363, 363 or 0363, separated by commas.", value=part)
        codes.add(code)
    return sorted(codes)


# -- reading a table --------------------------------------------------------------------------

@dataclass
class SourceTable:
    """What one table gave for one year and level."""

    source: str
    table: TableRef
    modified: str = ""
    period: Optional[int] = None
    reason: str = ""                                   # why it cannot be used (empty: usable)
    values: Dict[str, Dict[str, float]] = field(default_factory=dict)   # key/code -> area
    keys: Dict[ColumnSpec, str] = field(default_factory=dict)           # resolved columns
    codes: Dict[ColumnSpec, str] = field(default_factory=dict)          # resolved dim. codes
    unresolved: Dict[ColumnSpec, str] = field(default_factory=dict)
    names: Dict[str, str] = field(default_factory=dict)
    gemeentenamen: Dict[str, str] = field(default_factory=dict)

    @property
    def usable(self):
        return not self.reason


def _wanted_specs(definitions, source_id, wanted):
    specs = []
    for definition in wanted:
        for term in definition.terms + definition.denominator:
            specs.append(term.spec)
    if source_id == "kwb":
        specs.append(_GEMEENTENAAM)
    return list(dict.fromkeys(specs))


def read_table(definitions, source_id, ref, level, year, fetch, info, wanted):
    """Read the table ``ref`` of source ``source_id`` for ``year`` at ``level``: resolve the
    columns of the definitions in ``wanted`` and fetch their values. ``info`` is the
    table's TableInfos record (for Modified and the division)."""
    source = definitions.sources[source_id]
    result = SourceTable(source_id, ref, table_modified(info))
    columns = columns_v3(fetch("DataProperties"))
    geo = geo_column(columns)
    if geo is None:
        raise OpenDataError("Table {table} has no area dimension (WijkenEnBuurten) in its "
                            "DataProperties: is {table} the right table for {source}?",
                            table=ref.id, source=source.label)
    division = division_year(columns, info) or ref.division
    if division != year:
        result.reason = "published on the {} area division, not on {}'s".format(division, year)
        return result
    prefix = definitions.levels[level]["prefix"]
    clauses = ["substring({},0,2) eq '{}'".format(geo.key, prefix)]
    extra_select, row_filters = [], {}
    if source.max_period_lag is not None:
        key, result.period = period_key(fetch("Perioden"), year, source.max_period_lag)
        if key is None:
            result.reason = "has no period for {} (at most {} year(s) earlier)".format(
                year, source.max_period_lag)
            return result
        clauses.append("Perioden eq '{}'".format(key))
        extra_select.append("Perioden")
        row_filters["Perioden"] = code_value(key)
    for name, spec in source.dimensions:
        key = dimension_key(fetch(name), title=spec.titles[0] if spec.titles else None)
        if key is None:
            result.reason = "has no {} entry titled {}".format(name, " / ".join(spec.titles))
            return result
        clauses.append("{} eq '{}'".format(name, key))
        extra_select.append(name)
        row_filters[name] = code_value(key)
    specs = [source.value] if source.value else _wanted_specs(definitions, source_id, wanted)
    for spec in specs:
        column, reason = resolve_column(spec, columns)
        if column is None:
            result.unresolved[spec] = reason
        else:
            result.keys[spec] = column.key
    code_keys = _dimension_codes(source, fetch, wanted, result)
    if code_keys:
        clauses.append("(" + " or ".join("{} eq '{}'".format(source.dimension, k)
                                         for k in code_keys) + ")")
        extra_select.append(source.dimension)
    select = [geo.key] + extra_select + list(dict.fromkeys(result.keys.values()))
    rows = fetch("TypedDataSet", where=" and ".join(clauses), select=select)
    _collect(result, rows, geo.key, prefix, row_filters, source)
    if source_id == "kwb":
        for row in fetch(geo.key, where="substring(Key,0,2) eq '{}'".format(prefix)):
            code = normalise_code(code_value(row.get("Key")), prefix)
            if code:
                result.names[code] = text_value(row.get("Title")) or ""
    return result


def _dimension_codes(source, fetch, wanted, result):
    """Politie: the raw keys of the SoortMisdrijf codes the definitions need; a code that
    is not in the dimension is recorded as unresolved."""
    if not source.dimension:
        return []
    entries = fetch(source.dimension)
    keys = []
    for definition in wanted:
        for code, titles in definition.codes:
            key = dimension_key(entries, code=code)
            key = key if key is not None else dimension_key(entries, title=(titles or (None,))[0])
            spec = ColumnSpec(stems=(code,), titles=titles)
            if key is None:
                result.unresolved[spec] = "{} has no code {}".format(source.dimension, code)
            else:
                result.codes[spec] = code_value(key)
                keys.append(key)
    return list(dict.fromkeys(keys))


def _collect(result, rows, geo_key, prefix, row_filters, source):
    """Values per column key and area from the rows (filters checked again here: a server
    or mirror may answer more than asked)."""
    name_key = result.keys.get(_GEMEENTENAAM)
    value_key = result.keys.get(source.value) if source.value else None
    for row in rows:
        code = normalise_code(code_value(row.get(geo_key)), prefix)
        if code is None or any(code_value(row.get(k)) != v for k, v in row_filters.items()):
            continue
        if source.dimension:
            if value_key is not None:
                kind = code_value(row.get(source.dimension))
                result.values.setdefault(kind, {})[code] = number_value(row.get(value_key))
            continue
        for spec, key in result.keys.items():
            if spec is not _GEMEENTENAAM:
                result.values.setdefault(key, {})[code] = number_value(row.get(key))
        if name_key:
            result.gemeentenamen[code] = text_value(row.get(name_key)) or ""


# -- computing the indicators of a year --------------------------------------------------------

@dataclass
class YearResult:
    """The output rows of one year: areas, field values, where they came from, messages."""

    year: int
    level: str
    codes: List[str]
    names: List[str]
    gemeentecodes: List[str]
    gemeentenamen: List[str]
    values: Dict[str, np.ndarray] = field(default_factory=dict)
    provenance: Dict[str, List[dict]] = field(default_factory=dict)
    messages: List[Message] = field(default_factory=list)
    attribution: str = ""


def gemeente_code(code):
    """GM code of a GM/WK/BU code (``BU0363AA01`` -> ``GM0363``)."""
    return "GM" + code[2:6]


def wijk_code(code):
    """WK code of a BU code (``BU0363AA01`` -> ``WK0363AA``)."""
    return "WK" + code[2:8]


def output_definitions(definitions, selected):
    """The fields of a download with sources ``selected``: the context fields of the
    selected sources and of the KWB (always read: areas and inhabitants), then the
    indicators that a selected source can fill."""
    context = [d for d in definitions.context if set(d.sources) & (set(selected) | {"kwb"})]
    return context + [d for d in definitions.indicators if set(d.sources) & set(selected)]


def compute_year(definitions, level, year, tables, selected):
    """YearResult for ``year`` from the SourceTables read for it ({source id: table}; the
    KWB table is always there: it gives the areas and the inhabitants)."""
    kwb = tables["kwb"]
    codes = sorted(set(kwb.names) | {c for column in kwb.values.values() for c in column})
    gemeentecodes = [gemeente_code(c) for c in codes]
    result = YearResult(year, level, codes, [kwb.names.get(c, "") for c in codes],
                        gemeentecodes,
                        [kwb.gemeentenamen.get(c) or kwb.names.get(g, "") or ""
                         for c, g in zip(codes, gemeentecodes)])
    for definition in output_definitions(definitions, selected):
        sources = [s for s in definition.sources if s in tables and
                   (s in selected or definition.indicator is None)]
        values, used, reasons = _evaluate(definition, [tables[s] for s in sources], codes,
                                          year, result.values.get(POPULATION_FIELD))
        result.values[definition.field] = values
        result.provenance[definition.field] = used
        if not np.isfinite(values).any():
            result.messages.append(Message(
                "{year}: field '{field}' stays empty: {reasons}.",
                {"year": year, "field": definition.field,
                 "reasons": "; ".join(dict.fromkeys(reasons)) or "{} has no values for it "
                 "(yet: a first release leaves whole columns empty)".format(" / ".join(
                     tables[s].table.id for s in sources))}))
    result.attribution = ", ".join(sorted({_ORGANISATION[p["source"]] for items in
                                           result.provenance.values() for p in items}))
    return result


def _evaluate(definition, candidates, codes, year, population):
    """(values, provenance, reasons) of one field from the candidate tables."""
    reasons = ["{} table {} is {}".format(t.source, t.table.id, t.reason)
               for t in candidates if not t.usable]
    live = [t for t in candidates if t.usable]
    if not candidates:
        reasons.append("no {} table is known on the {} area division".format(
            " / ".join(definition.sources), year))
    if not live:
        return np.full(len(codes), np.nan), [], reasons
    contributed = []
    if definition.formula == "per_1000":
        values = _per_1000(definition, live[0], codes, population, reasons, contributed)
    else:
        values = _combine(definition, live, codes, reasons, contributed)
    used = [{"source": t.source, "table": t.table.id, "period": t.period,
             "modified": t.modified, "verified": t.table.verified} for t in contributed]
    return values, used, reasons


def _term_values(term, tables, codes, reasons, contributed):
    """Per area, the first table's value of one column (NaN where none has it); None when
    no table has the column."""
    out = np.full(len(codes), np.nan)
    found = False
    for table in tables:
        key = table.keys.get(term.spec)
        if key is None:
            reasons.append("column {} of {}: {}".format(
                term.spec.label, table.table.id, table.unresolved.get(term.spec, "not read")))
            continue
        found = True
        column = table.values.get(key, {})
        fill = np.array([column.get(c, np.nan) for c in codes], dtype=float)
        gaps = np.isnan(out) & ~np.isnan(fill)
        if gaps.any() and table not in contributed:
            contributed.append(table)
        out[gaps] = fill[gaps]
    return (out * term.factor) if found else None


def _combine(definition, tables, codes, reasons, contributed):
    parts = [_term_values(t, tables, codes, reasons, contributed) for t in definition.terms]
    below = [_term_values(t, tables, codes, reasons, contributed)
             for t in definition.denominator]
    if not parts or any(p is None for p in parts + below):
        contributed.clear()
        return np.full(len(codes), np.nan)
    stack = np.vstack(parts)
    values = stack.mean(axis=0) if definition.formula == "mean" else \
        stack.sum(axis=0) * definition.scale
    if definition.formula == "share":
        total = np.vstack(below).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = np.where(total > 0, values / total, np.nan)
    return values


def _per_1000(definition, table, codes, population, reasons, contributed):
    """Politie counts of the definition's codes per 1,000 KWB inhabitants (the field
    ``inwoners`` of the same year and division)."""
    specs = [ColumnSpec(stems=(code,), titles=titles) for code, titles in definition.codes]
    value_spec = next(iter(table.keys), None)
    missing = [s for s in specs if s not in table.codes]
    if value_spec is None or missing:
        reasons.extend("{}: {}".format(table.table.id, table.unresolved.get(s, "not read"))
                       for s in missing or list(table.unresolved))
        return np.full(len(codes), np.nan)
    counts = np.zeros(len(codes))
    for spec in specs:
        column = table.values.get(table.codes[spec], {})
        counts = counts + np.array([column.get(c, np.nan) for c in codes], dtype=float)
    if population is None:
        population = np.full(len(codes), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(population >= max(definition.min_population, 1.0),
                          counts / population * 1000.0, np.nan)
    if np.isfinite(values).any():
        contributed.append(table)
    return values


def wanted_for(definitions, source_id, selected):
    """The output definitions that read table columns of ``source_id``."""
    return [d for d in output_definitions(definitions, selected) if source_id in d.sources]


# -- national bounds and the spec to compute with ---------------------------------------------

def national_bounds(definitions, results):
    """{field: (min, max)} of every indicator field over all areas of all years (the whole
    country: computed before any gemeente is selected); fields without spread are left out."""
    bounds = {}
    for definition in definitions.indicators:
        arrays = [r.values[definition.field] for r in results if definition.field in r.values]
        values = np.concatenate(arrays) if arrays else np.array([])
        values = values[np.isfinite(values)]
        if values.size and values.max() > values.min():
            bounds[definition.field] = (float(values.min()), float(values.max()))
    return bounds


def run_spec(definitions, level, years, results, bounds):
    """The spec to compute this download with (dict, validated): the filled indicators with
    their national bounds, the domains that have one, weights scaled to 100 when a domain is
    missing, and where every indicator came from."""
    spec = definitions.spec
    by_field = {d.field: d for d in definitions.indicators}
    indicators = []
    for item in definitions.data["indicators"]:
        field_name = item.get("field", item["id"])
        if field_name not in bounds:
            continue
        entry = {k: v for k, v in item.items() if k != "opendata"}
        entry["lower"], entry["upper"] = bounds[field_name]
        entry["opendata"] = {"unit": by_field[field_name].unit, "provenance": [
            dict(p, year=r.year) for r in results for p in r.provenance.get(field_name, [])]}
        indicators.append(entry)
    if not indicators:
        raise InputError("No indicator could be filled from open data for {level} in {years}; "
                         "the log says why per indicator.", level=level,
                         years=", ".join(str(y) for y in years))
    present = [d for d in spec.domains if any(i["domain"] == d.id for i in indicators)]
    total = math.fsum(d.weight for d in present)
    rescale = len(present) < len(spec.domains)
    domains = [{"id": d.id, "label": {"nl": d.label_nl, "en": d.label_en},
                "weight": round(d.weight * 100.0 / total, 6) if rescale else d.weight}
               for d in present]
    label = "{} {}".format(level, ", ".join(str(y) for y in years))
    data = {
        "format": "mdi-spec", "format_version": 1,
        "id": "open_data_{}_{}".format(level, "_".join(str(y) for y in years)),
        "label": {"nl": "MDI uit open data, {}".format(label),
                  "en": "MDI from open data, {}".format(label)},
        "source": "{}. Bounds: national minimum and maximum per indicator at level {} over "
                  "{}.".format(definitions.attribution, level,
                               ", ".join(str(y) for y in years)),
        "description": ("Domains without open data left out ({}); the weights of the others "
                        "are scaled to add up to 100.".format(", ".join(
                            d.id for d in spec.domains if d not in present)))
        if rescale else "All domains present: the report's weights.",
        "domains": domains, "indicators": indicators}
    spec_from_dict(data, source="open-data spec")
    return data


def select_gemeenten(result, gemeenten):
    """Row indices of ``result`` in the chosen gemeenten (all rows when none are chosen)."""
    if not gemeenten:
        return list(range(len(result.codes)))
    chosen = set(gemeenten)
    return [i for i, g in enumerate(result.gemeentecodes) if g in chosen]


def series_breaks(definitions, years, filled_fields):
    """Messages for filled indicators whose definition changes within ``years``."""
    messages = []
    for definition in definitions.indicators:
        brk = definition.series_break
        if brk and definition.field in filled_fields and min(years) < brk[0] <= max(years):
            messages.append(Message(
                "Field '{field}': series break in {year} ({note}); years before and from "
                "{year} are not fully comparable.",
                {"field": definition.field, "year": brk[0], "note": brk[1]}))
    return messages


def without_open_source(definitions):
    """Ids of the report's indicators (bundled report spec) that no open source fills."""
    covered = {d.indicator for d in definitions.indicators}
    return [i.id for i in load_spec().indicators if i.id not in covered]
