"""COROP zones (kern, intermediair, perifeer) and the report's analysis matrix.

Rules (documented in the algorithm help):

* zone tables have a code column (``coropcode``, ``statcode`` or ``code``, any case) and a
  ``zone`` column; codes in any CBS form (``CR01``, ``cr01``, ``1``, ``01``); zone names in
  any common form (``kern``, ``kernzone``, ``intermediaire zone``, ``perifere zone``, also
  English ``core``, ``intermediate``, ``periphery``);
* a region whose code is not in the table (or is empty or not a COROP code) gets no zone;
* ``hoge_mdi`` is 1 where MDI >= threshold, 0 below, NULL without an MDI;
* ``perifeer`` is 1 for the perifere zone, 0 for the others, NULL without a zone;
* ``focusregio`` is ``perifeer AND hoge_mdi`` with SQL's three-valued logic: 1 where both
  are 1, 0 where either is 0 (a kern region is never a focus region, whatever its MDI),
  NULL only where the answer depends on something unknown.
"""

import csv
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from ..paths import resource_path
from .codes import normalise_code
from .compute import Message
from .errors import InputError

KERN = "kern"
INTERMEDIAIR = "intermediair"
PERIFEER = "perifeer"
ZONES = (KERN, INTERMEDIAIR, PERIFEER)

#: Code columns recognised in zone tables and region layers, in order of preference.
CODE_COLUMNS = ("coropcode", "statcode", "code")
ZONE_COLUMN = "zone"
DEFAULT_THRESHOLD = 50.0

_ZONE_STEMS = ((KERN, ("kern", "core")),
               (INTERMEDIAIR, ("intermedi", "tussen")),
               (PERIFEER, ("perif", "perip")))
_ZONE_WORDS = {KERN: "Kern", INTERMEDIAIR: "Intermediair", PERIFEER: "Perifeer"}


def normalise_zone(value):
    """The canonical zone ("kern", "intermediair", "perifeer") of a zone name, or None."""
    if value is None:
        return None
    text = "".join(ch for ch in str(value).lower() if ch.isalpha())
    text = text.replace("zone", "") or text
    for zone, stems in _ZONE_STEMS:
        if text.startswith(stems):
            return zone
    return None


def find_column(names, candidates=CODE_COLUMNS):
    """The first of ``candidates`` present in ``names`` (ignoring case), as spelled in
    ``names``; None when there is none."""
    by_lower = {}
    for name in names:
        by_lower.setdefault(name.lower(), name)
    for candidate in candidates:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def zone_table(columns, source="the zone table"):
    """Build {canonical COROP code: zone} from a table's columns ({name: list of values}).

    Detects the code column (CODE_COLUMNS) and the ``zone`` column; rows with neither a
    code nor a zone are skipped. Raises InputError naming the table (``source``), the
    columns present, or the row and value that cannot be used.
    """
    names = list(columns)
    code_column = find_column(names)
    zone_column = find_column(names, (ZONE_COLUMN,))
    if code_column is None or zone_column is None:
        missing = "code column ({})".format(" or ".join(CODE_COLUMNS)) \
            if code_column is None else "'zone' column"
        raise InputError("{source} has no {missing}. Its columns are: {columns}.",
                         source=_capital(source), missing=missing,
                         columns=", ".join(names) or "(none)")
    table = {}
    for row, (raw_code, raw_zone) in enumerate(zip(columns[code_column],
                                                   columns[zone_column]), start=1):
        if _blank(raw_code) and _blank(raw_zone):
            continue
        code = normalise_code(raw_code, "CR")
        if code is None:
            raise InputError("{source}, row {row}: '{value}' in column '{column}' is not a "
                             "COROP code (CR01 .. CR40, or 1 .. 40).",
                             source=_capital(source), row=row, value=raw_code,
                             column=code_column)
        zone = normalise_zone(raw_zone)
        if zone is None:
            raise InputError("{source}, row {row} ({code}): zone '{value}' is not one of "
                             "kern, intermediair, perifeer.", source=_capital(source),
                             row=row, code=code, value="" if raw_zone is None else raw_zone)
        if table.get(code, zone) != zone:
            raise InputError("{source} gives {code} two zones: {first} and {second}.",
                             source=_capital(source), code=code, first=table[code],
                             second=zone)
        table[code] = zone
    if not table:
        raise InputError("{source} has no rows.", source=_capital(source))
    return table


def read_zone_csv(path):
    """Read a zone table from a CSV file (comma, semicolon or tab separated, UTF-8)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=header.count)
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError("Zone table {path} is empty.", path=path)
    names = [name.strip() for name in rows[0]]
    columns = {name: [row[k].strip() if k < len(row) else None for row in rows[1:]]
               for k, name in enumerate(names)}
    return zone_table(columns, "zone table {}".format(path))


def bundled_zone_table_path():
    """Path of the bundled table of the 40 COROP regions and their zones (the report's)."""
    return resource_path("corop_zones.csv")


def load_zone_table(path=None):
    """The zone table of a CSV file; without a path the bundled COROP zone table."""
    return read_zone_csv(path or bundled_zone_table_path())


def zone_counts(table):
    """Number of regions per zone, in ZONES order."""
    return {zone: sum(1 for z in table.values() if z == zone) for zone in ZONES}


def quadrant_label(zone, high):
    """Readable label of the analysis-matrix cell: 'Perifeer, hoge MDI', 'Kern, lage MDI',
    'Zone onbekend, hoge MDI', 'Intermediair, geen MDI' ..."""
    zone_text = _ZONE_WORDS.get(zone, "Zone onbekend")
    mdi_text = "geen MDI" if high is None else "hoge MDI" if high else "lage MDI"
    return "{}, {}".format(zone_text, mdi_text)


@dataclass
class PeripheryFlags:
    """Per-row flags of flag_regions (None = NULL) and the codes without a zone."""

    zone: List[Optional[str]]
    perifeer: List[Optional[int]]
    hoge_mdi: List[Optional[int]]
    focusregio: List[Optional[int]]
    kwadrant: List[str]
    unknown_codes: List[str] = field(default_factory=list)
    warnings: List[Message] = field(default_factory=list)

    @property
    def focus_count(self):
        """Rows flagged as focus region."""
        return sum(1 for f in self.focusregio if f == 1)

    @property
    def unknown_count(self):
        """Rows without a zone."""
        return sum(1 for z in self.zone if z is None)

    @property
    def no_mdi_count(self):
        """Rows without an MDI."""
        return sum(1 for h in self.hoge_mdi if h is None)


def flag_regions(codes, mdi, table, threshold=DEFAULT_THRESHOLD, code_field="code"):
    """Zone, periphery, high-MDI, focus and quadrant flags for every row.

    ``codes``: raw region codes; ``mdi``: float array (NaN = missing); ``table``:
    {canonical code: zone}. Codes without a zone are collected in ``unknown_codes`` and
    listed in one warning.
    """
    mdi = np.asarray(mdi, dtype=float)
    if len(codes) != len(mdi):
        raise ValueError("codes and mdi differ in length")
    if not np.isfinite(threshold):
        raise InputError("THRESHOLD must be a finite number, not {value}.", value=threshold)
    flags = PeripheryFlags([], [], [], [], [])
    unknown = []
    for raw, value in zip(codes, mdi):
        code = normalise_code(raw, "CR")
        zone = table.get(code) if code is not None else None
        if zone is None:
            text = "(empty)" if _blank(raw) else str(raw).strip()
            if text not in unknown:
                unknown.append(text)
        high = None if np.isnan(value) else int(value >= threshold)
        peripheral = None if zone is None else int(zone == PERIFEER)
        flags.zone.append(zone)
        flags.perifeer.append(peripheral)
        flags.hoge_mdi.append(high)
        flags.focusregio.append(_and(peripheral, high))
        flags.kwadrant.append(quadrant_label(zone, high))
    flags.unknown_codes = unknown
    if unknown:
        flags.warnings.append(Message(
            "{count} region code(s) in field '{field}' are not in the zone table and get no "
            "zone (NULL): {codes}.", {"count": len(unknown), "field": code_field,
                                      "codes": ", ".join(unknown)}))
    return flags


def _and(left, right):
    """SQL AND of two 0/1/None values."""
    if left == 0 or right == 0:
        return 0
    if left is None or right is None:
        return None
    return 1


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip()) or \
        (isinstance(value, float) and value != value)


def _capital(text):
    return text[:1].upper() + text[1:]


def table_summary(table: Dict[str, str]):
    """'40 regions: 10 kern, 14 intermediair, 16 perifeer' (a Message, translated where it
    is shown; the zone names are the report's and stay Dutch)."""
    counts = zone_counts(table)
    return Message("{count} regions: {zones}", {"count": len(table), "zones": ", ".join(
        "{} {}".format(counts[z], z) for z in ZONES)})
