"""A local stand-in for CBS OData (opendata.cbs.nl, dataderden.cbs.nl) and PDOK on
127.0.0.1, serving the real recorded answers in tests/data/opendata/ (SOURCES.md) and
variants made from them. Used by the tests and by ``make demo`` (never the internet).

    with OpenDataServer() as server:          # tests
        env = server.environment()            # MDI_CBS_ODATA_URL, ... -> this server

    python3 tests/opendata_server.py --port-file PATH   # demo: serves until killed

URLs: ``http://127.0.0.1:<port>/<variant>/{cbs,dataderden,pdok}/...``; the variant
``recorded`` serves the recordings, the others change one thing (VARIANTS). The server
answers the entity sets the plugin asks for and ignores $filter and $select (the plugin
checks every row itself), except in the WFS, which honours the FILTER literal and paging.

What is recorded and what is made here (every made value is marked so in SOURCES.md):

* recorded, served as OData JSON (CSV renderings turned back into records: empty -> null,
  numbers as numbers, padding kept): DataProperties and TableInfos of 85984NED, 84799NED
  (TableInfos: the catalog record), 47018NED; TypedDataSet rows of 84799NED; the Politie
  rows "0.0.0 Totaal misdrijven" 2023 per buurt; the WijkenEnBuurten, Perioden and
  SoortMisdrijf dimensions; the PDOK WFS gemeenten 2023 sample.
* made here: TypedDataSet rows of 85984NED (AantalInwoners_5 from the recorded derived
  population of 20 buurten of Aa en Hunze; the Amsterdam, Rotterdam and Zwolle buurten of
  the recorded dimension with made numbers, other columns null), Politie rows per soort
  misdrijf (made counts) and PDOK squares for the other years and levels.
"""

import argparse
import csv
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).resolve().parent / "data" / "opendata"

#: Variants: each changes one thing against the recordings.
VARIANTS = {
    "recorded": "the recorded answers",
    "shifted": "every column position of 84799NED and 85984NED moved by +7 (keys renamed)",
    "renamed": "84799NED: AO under a new stem (same title); the supermarket distance under "
               "a new stem and title (cannot be resolved)",
    "paged": "TypedDataSet and WFS answers in pages of 3 rows / 2 features with next links",
    "error500": "TypedDataSet answers HTTP 500",
    "flaky": "the first TypedDataSet request of each table answers HTTP 503, then normally",
    "timeout": "TypedDataSet never answers (until the server stops)",
    "truncated": "TypedDataSet answers with its body cut in half",
    "html": "TypedDataSet answers with an HTML login page (a captive proxy)",
    "revised": "85984NED and 84799NED carry a later Modified date (a revised table)",
}
PAGE_ROWS = 3

#: Made populations and counts for buurten the recording has no numbers for (not CBS data).
MADE_POPULATION = {"BU0363AA01": 2870, "BU0363AA02": 1910, "BU0363AA03": 3105,
                   "BU05990110": 11870, "BU01935200": 1730, "BU01935210": 345}
#: Made Politie counts per soort misdrijf, as a share of the recorded total (not data).
MADE_SHARES = {"1.1.1 ": 0.05, "1.1.2 ": 0.02, "1.2.1 ": 0.04, "1.2.2 ": 0.01,
               "1.2.3 ": 0.08, "1.2.4 ": 0.01, "1.2.5 ": 0.01, "1.5.2 ": 0.0, "1.6.2 ": 0.03,
               "2.5.1 ": 0.02, "2.5.2 ": 0.06, "1.4.2 ": 0.0, "1.4.3 ": 0.01,
               "1.4.4 ": 0.04, "1.4.5 ": 0.07, "1.4.6 ": 0.01, "1.4.7 ": 0.0, "2.2.1 ": 0.12}
MADE_TOTALS = {"BU0363AA01": 410, "BU0363AA02": 95, "BU0363AA03": 160, "BU05990110": 2240,
               "BU01935200": 22, "BU01935210": 3}


def _csv(name, delimiter=","):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _typed(value):
    """A CSV cell as the JSON value it was rendered from: "" -> null, numbers as numbers."""
    if value is None or value == "":
        return None
    if re.match(r"^-?\d+$", value):
        return int(value)
    if re.match(r"^-?\d+\.\d+$", value):
        return float(value)
    return value


def _records(name):
    return [{k: _typed(v) for k, v in row.items() if k} for row in _csv(name)]


def _json(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


class Recordings:
    """The served tables: {(catalog, table): {"TableInfos": [...], entity: rows}}."""

    def __init__(self):
        self.tables = {
            ("cbs", "84799NED"): {
                "TableInfos": [_json("cbs_84799NED_catalog_Metadata.json")],
                "DataProperties": _json("cbs_84799NED_DataProperties_from_parquet.json"),
                "TypedDataSet": _json("cbs_84799NED_TypedDataSet_rows_from_parquet.json"),
                "WijkenEnBuurten": _json("cbs_84799NED_WijkenEnBuurten_rows_from_parquet.json"),
            },
            ("cbs", "85984NED"): {
                "TableInfos": _records("cbs_85984NED_TableInfos_v2024-08.csv"),
                "DataProperties": _records("cbs_85984NED_DataProperties_v2024-08.csv"),
                "WijkenEnBuurten": _records("cbs_85984NED_WijkenEnBuurten_trimmed.csv"),
            },
            ("dataderden", "47018NED"): {
                "TableInfos": _records("politie_47018NED_TableInfos.csv"),
                "DataProperties": _records("politie_47018NED_DataProperties.csv"),
                "Perioden": _records("politie_47018NED_Perioden.csv"),
                "SoortMisdrijf": _records("politie_47018NED_SoortMisdrijf.csv"),
                "WijkenEnBuurten": _records("politie_47018NED_WijkenEnBuurten_trimmed.csv"),
            },
        }
        for row in self.tables[("dataderden", "47018NED")]["SoortMisdrijf"]:
            row["Key"] = str(row["Key"])                  # "2.6.10" stays text
        self.tables[("cbs", "85984NED")]["TypedDataSet"] = self._kwb_2024()
        self.tables[("dataderden", "47018NED")]["TypedDataSet"] = self._politie_2023()
        self.pdok_2023 = _json("pdok_wfs_wijkenbuurten2023_gemeenten_geojson_RD_sample.json")

    def _kwb_2024(self):
        """85984NED rows: recorded populations (derived file), made ones for the other
        buurten of the recorded dimension; every other topic null."""
        table = self.tables[("cbs", "85984NED")]
        topics = [p["Key"] for p in table["DataProperties"] if p["Type"] == "Topic"]
        population = {r["nhood_id"]: int(r["population"])
                      for r in _csv("derived_85984NED_buurt_population_head.csv")}
        population.update(MADE_POPULATION)
        names = {r["Key"].strip(): r for r in table["WijkenEnBuurten"]}
        rows = []
        for number, (code, people) in enumerate(sorted(population.items())):
            gemeente = names.get("GM" + code[2:6], {}).get("Title") or ""
            row = dict.fromkeys(topics)
            row.update({"ID": number, "WijkenEnBuurten": code.ljust(10),
                        "Gemeentenaam_1": str(gemeente).ljust(40),
                        "SoortRegio_2": "Buurt".ljust(10), "Codering_3": code.ljust(10),
                        "AantalInwoners_5": people})
            rows.append(row)
        return rows

    def _politie_2023(self):
        """Recorded 0.0.0 totals per buurt (2023); made counts per soort misdrijf."""
        rows = []
        for row in _csv("politie_47018NED_data_2023_buurt_totaal_head_cbsodataR.csv"):
            rows.append({"SoortMisdrijf": row["SoortMisdrijf"],
                         "WijkenEnBuurten": row["WijkenEnBuurten"],
                         "Perioden": row["Perioden"],
                         "GeregistreerdeMisdrijven_1": _typed(row["GeregistreerdeMisdrijven_1"]),
                         "Gemeentenaam_2": row["Gemeentenaam_2"],
                         "SoortRegio_3": row["SoortRegio_3"]})
        totals = {r["WijkenEnBuurten"]: r["GeregistreerdeMisdrijven_1"] for r in rows}
        for code, total in MADE_TOTALS.items():
            totals[code] = total
            rows.append({"SoortMisdrijf": "0.0.0 ", "WijkenEnBuurten": code,
                         "Perioden": "2023JJ00", "GeregistreerdeMisdrijven_1": total,
                         "Gemeentenaam_2": "", "SoortRegio_3": "Buurt   "})
        totals["BU00000000"] = 1234                        # "Buurt onbekend": never joined
        for code, total in sorted(totals.items()):
            for kind, share in MADE_SHARES.items():
                rows.append({"SoortMisdrijf": kind, "WijkenEnBuurten": code,
                             "Perioden": "2023JJ00",
                             "GeregistreerdeMisdrijven_1": int(round(total * share)),
                             "Gemeentenaam_2": "", "SoortRegio_3": "Buurt   "})
        for number, row in enumerate(rows):
            row["ID"] = number
        return rows

    def answer(self, variant, catalog, table, entity):
        """The rows of one entity set in a variant (None: unknown table or entity)."""
        rows = self.tables.get((catalog, table), {}).get(entity)
        if rows is None:
            return None
        rows = json.loads(json.dumps(rows))                   # a copy to change
        kwb = table in ("84799NED", "85984NED")
        if variant == "revised" and entity == "TableInfos" and kwb:
            rows[0]["Modified"] = "2025-01-31T02:00:00"
        if variant == "shifted" and kwb:
            rows = [_shift(row, entity) for row in rows]
        if variant == "renamed" and table == "84799NED":
            rows = [_rename(row, entity) for row in rows]
        return rows

    def squares(self, year, layer):
        """PDOK-like GeoJSON features: the recorded 2023 gemeenten sample, else a made
        1 km square per area of the KWB table of that year (plus one water=JA part)."""
        if year == 2023 and layer.endswith("gemeenten"):
            return json.loads(json.dumps(self.pdok_2023["features"]))
        table = self.tables.get(("cbs", {2020: "84799NED", 2024: "85984NED"}.get(year)), {})
        rows = table.get("TypedDataSet", []) + [
            {"WijkenEnBuurten": r["Key"]} for r in table.get("WijkenEnBuurten", [])]
        prefix = {"gemeenten": "GM", "wijken": "WK", "buurten": "BU"}[layer.split(":")[-1]]
        name = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}[prefix]
        features, seen = [], set()
        for number, row in enumerate(rows):
            code = row["WijkenEnBuurten"].strip()
            if not code.startswith(prefix) or code in seen:
                continue
            seen.add(code)
            x, y = 230000 + 1000 * (number % 10), 550000 + 1000 * (number // 10)
            ring = [[x, y], [x + 900, y], [x + 900, y + 900], [x, y + 900], [x, y]]
            properties = {name + "code": code, name + "naam": "vierkant " + code,
                          "gemeentecode": "GM" + code[2:6], "water": "NEE", "jaar": year}
            features.append({"type": "Feature", "properties": properties, "id": code,
                             "geometry": {"type": "Polygon", "coordinates": [ring]}})
            if number == 0:
                water = json.loads(json.dumps(features[-1]))
                water["properties"]["water"] = "JA"
                features.append(water)
        return features


def _shift(row, entity):
    def moved(key):
        match = re.match(r"^(.*)_(\d+)$", key or "")
        return "{}_{}".format(match.group(1), int(match.group(2)) + 7) if match else key
    if entity == "DataProperties":
        return dict(row, Key=moved(row.get("Key")))
    if entity == "TypedDataSet":
        return {moved(k): v for k, v in row.items()}
    return row


_RENAMES = {"PersonenPerSoortUitkeringAO_84": ("UitkeringenArbeidsongeschiktheid_84", None),
            "AfstandTotGroteSupermarkt_106": ("AfstandSupermarktGroot_106",
                                              "Afstand tot de dichtstbijzijnde supermarkt")}


def _rename(row, entity):
    if entity == "DataProperties" and row.get("Key") in _RENAMES:
        key, title = _RENAMES[row["Key"]]
        return dict(row, Key=key, Title=title or row["Title"])
    if entity == "TypedDataSet":
        return {_RENAMES.get(k, (k,))[0]: v for k, v in row.items()}
    return row


class _Handler(BaseHTTPRequestHandler):
    server_version = "MdiOpenDataStandIn/1"

    def log_message(self, *args):          # quiet: the tests read server.hits instead
        pass

    def do_GET(self):  # noqa: N802 - http.server API
        parts = urlsplit(self.path)
        self.server.hits.append(self.path)
        segments = [s for s in parts.path.split("/") if s]
        query = {k.lower().lstrip("$"): v[0] for k, v in parse_qs(parts.query).items()}
        if len(segments) >= 3 and segments[1] == "pdok":
            return self._wfs(segments, query)
        if len(segments) != 4 or segments[0] not in VARIANTS:
            return self._send(404, b"not found", "text/plain")
        variant, catalog, table, entity = segments
        rows = self.server.recordings.answer(variant, catalog, table, entity)
        if rows is None:
            return self._send(404, json.dumps({"odata.error": {"code": "", "message": {
                "lang": "nl", "value": "Resource not found"}}}).encode(), "application/json")
        if entity == "TypedDataSet" and self._broken(variant, table):
            return None
        start = int(query.get("skiptoken", 0))
        document = {"odata.metadata": "http://{}/{}/{}/$metadata#Cbs.OData.{}".format(
            self.headers.get("Host"), catalog, table, entity)}
        if variant == "paged" and entity == "TypedDataSet":
            document["value"] = rows[start:start + PAGE_ROWS]
            if start + PAGE_ROWS < len(rows):
                document["odata.nextLink"] = "http://{}{}?$format=json&$skiptoken={}".format(
                    self.headers.get("Host"), parts.path, start + PAGE_ROWS)
        else:
            document["value"] = rows
        return self._send(200, json.dumps(document).encode("utf-8"), "application/json")

    def _broken(self, variant, table):
        """Send a broken answer for the error variants; True when one was sent."""
        if variant == "error500":
            self._send(500, b'{"odata.error": {"message": {"value": "Internal error"}}}',
                       "application/json")
        elif variant == "flaky" and table not in self.server.failed_once:
            self.server.failed_once.add(table)
            self._send(503, b"busy", "text/plain")
        elif variant == "timeout":
            self.server.stopping.wait(120)
            self._send(504, b"late", "text/plain")
        elif variant == "truncated":
            body = json.dumps({"value": [{"ID": i} for i in range(200)]}).encode()
            self._send(200, body[:len(body) // 2], "application/json")
        elif variant == "html":
            self._send(200, b"<!DOCTYPE html><html><head><title>Proxy login</title></head>"
                            b"<body>Please log in</body></html>", "text/html")
        else:
            return False
        return True

    def _wfs(self, segments, query):
        match = re.search(r"/wijkenbuurten/(\d{4})/", self.path)
        if not match or query.get("request", "").lower() != "getfeature":
            return self._send(400, b"bad WFS request", "text/plain")
        features = self.server.recordings.squares(int(match.group(1)),
                                                  query.get("typenames", ""))
        literal = re.search(r"<fes:Literal>([^<]*)</fes:Literal>", query.get("filter", ""))
        if literal:
            features = [f for f in features
                        if f["properties"].get("gemeentecode") == literal.group(1)]
        count = int(query.get("count", 1000))
        if segments[0] == "paged":
            count = min(count, 2)
        start = int(query.get("startindex", 0))
        body = {"type": "FeatureCollection", "features": features[start:start + count]}
        return self._send(200, json.dumps(body).encode("utf-8"), "application/json")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass                                   # the client gave up (a time-out test)


class OpenDataServer:
    """The stand-in server in a thread of this process (a context manager)."""

    def __init__(self, port=0):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.recordings = Recordings()
        self.httpd.hits = []
        self.httpd.failed_once = set()
        self.httpd.stopping = threading.Event()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def hits(self):
        return self.httpd.hits

    @property
    def port(self):
        return self.httpd.server_address[1]

    def url(self, variant="recorded"):
        return "http://127.0.0.1:{}/{}".format(self.port, variant)

    def environment(self, variant="recorded"):
        """The environment variables that point the plugin at this server."""
        base = self.url(variant)
        return {"MDI_CBS_ODATA_URL": base + "/cbs",
                "MDI_CBS_DATADERDEN_URL": base + "/dataderden",
                "MDI_PDOK_URL": base + "/pdok"}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", help="write the port here once serving")
    args = parser.parse_args(argv)
    with OpenDataServer(args.port) as server:
        if args.port_file:
            with open(args.port_file + ".part", "w", encoding="utf-8") as handle:
                handle.write(str(server.port))
            os.replace(args.port_file + ".part", args.port_file)
        print("opendata stand-in on {}".format(server.url()), file=sys.stderr, flush=True)
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
