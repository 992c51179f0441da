"""Reading the OData answers of CBS StatLine (opendata.cbs.nl, dataderden.cbs.nl): pages,
padded codes, missing values, and the columns of a table found from its metadata.

Facts this module is built on (the recorded answers in tests/data/opendata/, SOURCES.md):

* OData v3 answers are ``{"odata.metadata": ..., "value": [...], "odata.nextLink": ...}``,
  v4 answers ``{"@odata.context": ..., "value": [...], "@odata.nextLink": ...}``. A large
  query comes in pages: follow the next link, never assume one answer holds everything.
* v3 codes and labels are right-padded to a fixed width (``"GM1680    "``, ``"Buurt     "``,
  SoortMisdrijf ``"0.0.0 "``); v4 codes are not. Missing numbers are JSON ``null``, missing
  strings ``"."`` (also padded: ``"         ."``).
* A v3 column key is a stem plus the column's position (``HuishoudensMetEenLaagInkomen_79``);
  the position moves between years and between revisions of one table, stems get renamed
  (``GemiddeldeWoningwaarde`` -> ``GemiddeldeWOZWaardeVanWoningen``) and one stem can sit
  under two topic groups (``Nederland_17`` / ``Nederland_20``). So a column is found in
  ``DataProperties`` by stem and by title, within its parent topic group(s), never by key.

No QGIS here: the network is the caller's business (processing/opendata_client.py).
"""

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Tuple

from .errors import MdiError
from .values import parse_number

#: Rows per answer that CBS documents as the limit of one request.
PAGE_LIMIT = 10000

TOPIC = "Topic"
GEO_DETAIL = "GeoDetail"
_SUFFIX = re.compile(r"_\d+$")
_DIVISION = re.compile(r"indeling\s*(?:van\s*)?(\d{4})", re.IGNORECASE)


class OpenDataError(MdiError):
    """An open-data answer cannot be used (not JSON, cut off, an error page, ...)."""


# -- answers ----------------------------------------------------------------------------------

def parse_document(body, what):
    """The JSON object of an answer (bytes or text) about ``what`` (a URL or a name for
    messages). An HTML page, a cut-off body, an empty body or an OData error object is an
    OpenDataError that says which and what to do."""
    if isinstance(body, bytes):
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise OpenDataError("The answer from {what} is not UTF-8 text, so it is no "
                                "OData answer. Check the address (settings or "
                                "MDI_CBS_ODATA_URL).", what=what) from None
    else:
        text = str(body)
    stripped = text.lstrip()
    if not stripped:
        raise OpenDataError("The answer from {what} is empty. The service may be down: try "
                            "again later.", what=what)
    if stripped[:1] == "<":
        title = re.search(r"<title[^>]*>(.*?)</title>", stripped, re.IGNORECASE | re.DOTALL)
        raise OpenDataError("{what} answered with a web page ({title}) instead of data: a "
                            "proxy or login page, or a wrong address. Check the network or "
                            "proxy settings and the service address.", what=what,
                            title=" ".join(title.group(1).split())[:80] if title else "HTML")
    try:
        document = json.loads(stripped)
    except RecursionError:
        raise OpenDataError("The answer from {what} is nested too deeply to be an OData "
                            "answer.", what=what) from None
    except ValueError as err:
        raise OpenDataError("The answer from {what} is incomplete or not JSON ({reason}): "
                            "the transfer may have been cut off. Try again; with a proxy, "
                            "check its size and time limits.", what=what,
                            reason=str(err)) from None
    if not isinstance(document, dict):
        raise OpenDataError("The answer from {what} is no OData object.", what=what)
    error = document.get("odata.error") or document.get("error")
    if isinstance(error, dict):
        message = error.get("message")
        if isinstance(message, dict):
            message = message.get("value")
        raise OpenDataError("{what} reported an error: {message}", what=what,
                            message=str(message or error.get("code") or error)[:300])
    return document


def page(document, what="answer"):
    """(rows, next link or None) of one answer, v3 or v4 (and the v2 ``d`` wrapper)."""
    if "value" in document:
        rows = document["value"]
        link = document.get("odata.nextLink") or document.get("@odata.nextLink")
    elif isinstance(document.get("d"), dict):
        rows = document["d"].get("results")
        link = document["d"].get("__next")
    elif isinstance(document.get("d"), list):
        rows, link = document["d"], None
    else:
        raise OpenDataError("The answer from {what} has no 'value' list: it is not an OData "
                            "collection.", what=what)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise OpenDataError("The answer from {what} has a 'value' that is not a list of "
                            "records.", what=what)
    return rows, (link if isinstance(link, str) and link.strip() else None)


# -- values -----------------------------------------------------------------------------------

def text_value(value):
    """A text field without its padding; None for null, empty and StatLine's ``"."``."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in ("", ".") else text


def code_value(value):
    """An area or dimension code without padding (upper case), or None."""
    text = text_value(value)
    return text.upper() if text is not None else None


def number_value(value):
    """A number (float), NaN for null, ``"."`` and the CBS missing codes; NaN also for text
    that is no number (a typed data set never has it; an untyped one pads numbers)."""
    try:
        return parse_number(value)
    except ValueError:
        return math.nan


def norm(text):
    """Comparable form of a title: no accents, case, punctuation or repeated spaces."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", text).split())


# -- columns ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One entry of a table's metadata (v3 DataProperties, v4 MeasureCodes)."""

    key: str
    title: str
    kind: str = TOPIC
    groups: Tuple[str, ...] = ()     # titles of the parent topic groups, nearest first
    unit: str = ""
    description: str = ""
    map_year: Optional[int] = None

    @property
    def stem(self):
        """The key without its position suffix (``AantalInwoners_5`` -> ``AantalInwoners``)."""
        return _SUFFIX.sub("", self.key)


def _int(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def columns_v3(rows):
    """The columns of a v3 ``DataProperties`` answer (rows as dicts; also the CSV renderings
    of cbsodataR and pandas: IDs as text or floats, empty ParentID)."""
    by_id = {}
    for row in rows:
        ident = _int(row.get("ID"))
        if ident is not None:
            by_id[ident] = row
    columns = []
    for row in rows:
        kind = str(row.get("Type") or "").strip()
        groups = []
        parent, seen = _int(row.get("ParentID")), set()
        while parent is not None and parent in by_id and parent not in seen:
            seen.add(parent)
            groups.append(str(by_id[parent].get("Title") or "").strip())
            parent = _int(by_id[parent].get("ParentID"))
        key = str(row.get("Key") or "").strip()
        if not key:
            continue                                       # topic groups have no key
        columns.append(Column(key=key, title=str(row.get("Title") or "").strip(), kind=kind,
                              groups=tuple(groups), unit=str(row.get("Unit") or "").strip(),
                              description=str(row.get("Description") or ""),
                              map_year=_int(row.get("MapYear"))))
    return columns


def columns_v4(measure_codes, measure_groups=()):
    """The columns of a v4 table: ``MeasureCodes`` (Identifier, Title, MeasureGroupId) with
    the titles of their ``MeasureGroups`` (Id, Title, ParentId). v4 identifiers carry no
    stem, so they are found by title and group."""
    groups = {str(g.get("Id")): g for g in measure_groups}
    columns = []
    for row in measure_codes:
        names, parent, seen = [], row.get("MeasureGroupId"), set()
        while parent is not None and str(parent) in groups and str(parent) not in seen:
            seen.add(str(parent))
            names.append(str(groups[str(parent)].get("Title") or "").strip())
            parent = groups[str(parent)].get("ParentId")
        columns.append(Column(key=str(row.get("Identifier") or "").strip(),
                              title=str(row.get("Title") or "").strip(), kind=TOPIC,
                              groups=tuple(names), unit=str(row.get("Unit") or "").strip(),
                              description=str(row.get("Description") or "")))
    return columns


@dataclass(frozen=True)
class ColumnSpec:
    """How to find one column: any of its stems or titles, under one of its groups."""

    stems: Tuple[str, ...] = ()
    titles: Tuple[str, ...] = ()
    groups: Tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data):
        return cls(stems=tuple(str(s) for s in data.get("stems", ())),
                   titles=tuple(str(t) for t in data.get("titles", ())),
                   groups=tuple(str(g) for g in data.get("groups", ())))

    @property
    def label(self):
        """How the column is named in messages: its first stem or title."""
        return (self.stems or self.titles or ("?",))[0]


def resolve_column(spec, columns):
    """(column, None) for the one topic column that ``spec`` describes, or (None, reason).

    A column matches by stem (key without its position, ignoring case) or by title
    (ignoring case, accents and punctuation); with ``spec.groups`` it must also lie under
    one of those topic groups. Several matches are narrowed to those matching stem and
    title; still several is ambiguous (reason lists their keys), never a guess.
    """
    stems = {s.casefold() for s in spec.stems}
    titles = {norm(t) for t in spec.titles}
    wanted_groups = {norm(g) for g in spec.groups}
    topics = [c for c in columns if c.kind == TOPIC]
    by_stem = [c for c in topics if c.stem.casefold() in stems]
    by_title = [c for c in topics if norm(c.title) in titles]
    candidates = list(dict.fromkeys(by_stem + by_title))
    if wanted_groups:
        outside = candidates
        candidates = [c for c in candidates if wanted_groups & {norm(g) for g in c.groups}]
        if outside and not candidates:
            return None, "found as {} but not under topic group {}".format(
                ", ".join(c.key for c in outside), " / ".join(spec.groups))
    if len(candidates) > 1:
        both = [c for c in candidates if c in by_stem and c in by_title]
        candidates = both if both else candidates
    if not candidates:
        return None, "no column with stem {} or title {}".format(
            " / ".join(spec.stems) or "-", " / ".join(repr(t) for t in spec.titles) or "-")
    if len(candidates) > 1:
        return None, "ambiguous: {}".format(", ".join(c.key for c in candidates))
    return candidates[0], None


def geo_column(columns):
    """The area dimension (kind GeoDetail: ``WijkenEnBuurten``, ``RegioS``) or None."""
    return next((c for c in columns if c.kind == GEO_DETAIL), None)


def division_year(columns, table_info=None):
    """The year of the area division the table is published on: "(indeling 2024)" in the
    area dimension's description, else the dimension's MapYear, else "indeling (van) 2024"
    in the table's TableInfos texts; None when nothing says."""
    geo = geo_column(columns)
    match = _DIVISION.search(geo.description if geo else "")
    if match:
        return int(match.group(1))
    if geo is not None and geo.map_year:
        return geo.map_year
    for key in ("ExplanatoryText", "ShortDescription", "Title"):
        match = _DIVISION.search(str((table_info or {}).get(key) or ""))
        if match:
            return int(match.group(1))
    return None


def table_modified(table_info):
    """The table's ``Modified`` date (text as published) or "" when absent."""
    return str((table_info or {}).get("Modified") or "").strip()


def dimension_key(rows, code=None, title=None):
    """The raw key (with its padding, as filters need it) of a dimension entry whose key
    without padding is ``code`` or, else, whose title is ``title``; None when absent."""
    for row in rows:
        if code is not None and code_value(row.get("Key")) == str(code).strip().upper():
            return row.get("Key")
    wanted = norm(title) if title else None
    for row in rows:
        if wanted and norm(row.get("Title")) == wanted:
            return row.get("Key")
    return None


def period_key(rows, year, max_lag=0):
    """(raw key, year) of the latest yearly period (``2023JJ00``) at most ``max_lag``
    years before ``year``; (None, None) when there is none."""
    best = None
    for row in rows:
        key = str(row.get("Key") or "")
        match = re.match(r"^\s*(\d{4})JJ00\s*$", key)
        if match and year - max_lag <= int(match.group(1)) <= year:
            if best is None or int(match.group(1)) > best[1]:
                best = (row.get("Key"), int(match.group(1)))
    return best or (None, None)


def observations_wide(rows, region_dimension):
    """v4 ``Observations`` (one row per measure and area) as {area code: {measure: value}};
    ``StringValue`` is used where ``Value`` is null."""
    wide = {}
    for row in rows:
        area = code_value(row.get(region_dimension))
        measure = str(row.get("Measure") or "").strip()
        if not area or not measure:
            continue
        value = row.get("Value")
        wide.setdefault(area, {})[measure] = value if value is not None else \
            row.get("StringValue")
    return wide
