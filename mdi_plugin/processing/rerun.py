"""Re-run an MDI algorithm from the record of a run (``run_record.py``); no QGIS needed.

    python rerun.py OUTPUT.gpkg [--layer NAME] [--set KEY=VALUE ...] [--json]
    python rerun.py uitvoer.csv.mdi-run.json --set OUTPUT=opnieuw.csv
    python rerun.py rapport_png/          (a folder of report pages or charts, or one file)

prints the arguments for ``qgis_process run`` one per line (``--json``: the JSON that
``qgis_process run <alg> -`` reads from standard input, QGIS 3.24 and later). QGIS 3.22's
qgis_process takes no JSON, only ``KEY=VALUE`` arguments, which every version takes: a
list is given as the same KEY repeated. ``--set`` replaces a parameter (give a new
OUTPUT, or the password that the record masks as ********).

This file uses only the Python standard library and no relative imports, so it runs as a
script with any Python 3 (on Windows the OSGeo4W Shell's ``python``).
"""

import argparse
import json
import os
import sqlite3
import sys
import xml.etree.ElementTree as ElementTree

RECORD_KEY = "mdi_run_record"
SIDECAR = ".mdi-run.json"
QGIS_DTD = "http://mrcc.com/qgis.dtd"
MASK = "********"


class RecordError(Exception):
    """No record can be read from the file given (the message says why)."""


def _records_in_geopackage(path):
    """{layer name: record} of the MDI run records in GeoPackage ``path``."""
    uri = "file:{}?mode=ro".format(os.path.abspath(path).replace("?", "%3f"))
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            rows = connection.execute(
                "SELECT r.table_name, m.metadata FROM gpkg_metadata_reference r JOIN "
                "gpkg_metadata m ON m.id = r.md_file_id WHERE m.md_standard_uri = ? "
                "ORDER BY m.id", (QGIS_DTD,)).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as err:
        raise RecordError("{}: no layer metadata can be read ({})".format(path, err)) \
            from None
    records = {}
    for layer, xml in rows:
        try:
            root = ElementTree.fromstring(xml.split("\n", 1)[1] if xml.startswith("<!")
                                          else xml)
        except (ElementTree.ParseError, IndexError):
            continue
        for item in root.iter("history"):
            try:
                data = json.loads((item.text or "").strip())
            except ValueError:
                continue
            if isinstance(data, dict) and RECORD_KEY in data:
                records[layer] = data
    return records


def _json_record(path):
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or RECORD_KEY not in data:
        raise RecordError("{} is not the record of an MDI run".format(path))
    return data


def _folder_records(folder):
    """{path: record} of the records in ``folder`` that cover several files (report pages,
    charts: ``<algorithm>.mdi-run.json`` with a "files" list)."""
    records = {}
    for name in sorted(os.listdir(folder)):
        if name.lower().endswith(SIDECAR):
            try:
                data = _json_record(os.path.join(folder, name))
            except (OSError, ValueError, RecordError):
                continue
            if isinstance(data.get("files"), list):
                records[os.path.join(folder, name)] = data
    return records


def _record_of_file(path):
    """The newest record of ``path``: its own .mdi-run.json or that of a folder output it
    is one of the files of; None when there is none."""
    folder, name = os.path.split(os.path.abspath(path))
    if not os.path.isdir(folder):
        return None
    name = os.path.normcase(name)       # Windows: file names ignore case
    found = [data for data in _folder_records(folder).values()
             if name in {os.path.normcase(str(f)) for f in data["files"]}]
    if os.path.exists(path + SIDECAR):
        found.append(_json_record(path + SIDECAR))
    return max(found, key=lambda data: str(data.get("finished", "")), default=None)


def read_record(path, layer=None):
    """The record of a run: from a GeoPackage layer (``layer``; may be left out when the
    file holds one record), from a .mdi-run.json file (the file itself or the output it
    belongs to) or from an output folder (report pages, charts; the folder or one of its
    files)."""
    if os.path.isdir(path):
        records = _folder_records(path)
        if len(records) != 1:
            raise RecordError("{}: {} records of MDI runs cover files in this folder ({}); "
                              "give the record or one of the files".format(
                                  path, len(records),
                                  ", ".join(map(os.path.basename, records)) or "none"))
        return next(iter(records.values()))
    record = _record_of_file(path)      # first: an output may be a .json (GeoJSON)
    if record is not None:
        return record
    if path.lower().endswith(".json"):
        return _json_record(path)
    if not path.lower().endswith(".gpkg"):
        raise RecordError("{0}: no MDI run record: no {1}{2} next to it, and no "
                          "<algorithm>{2} in its folder lists it".format(
                              path, os.path.basename(path), SIDECAR))
    records = _records_in_geopackage(path)
    if layer is not None:
        match = [v for k, v in records.items() if k.lower() == layer.lower()]
        if not match:
            raise RecordError("{}: layer {} has no MDI run record (layers with one: {})"
                              .format(path, layer, ", ".join(records) or "none"))
        return match[0]
    if len(records) != 1:
        raise RecordError("{}: {} layers have an MDI run record ({}); name one with --layer"
                          .format(path, len(records), ", ".join(records) or "none"))
    return next(iter(records.values()))


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parameters(record, changes=None):
    """The parameters of ``record`` with ``changes`` ({name: value}) applied."""
    values = dict(record["parameters"])
    values.update(changes or {})
    return values


def arguments(record, changes=None):
    """``['run', <alg>, '--', 'KEY=VALUE', ...]`` for qgis_process (any QGIS version)."""
    args = ["run", record["algorithm"], "--"]
    for name, value in sorted(parameters(record, changes).items()):
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                args.append("{}={}".format(name, _text(item)))
    return args


def json_input(record, changes=None):
    """The JSON object ``qgis_process run <alg> -`` reads (QGIS 3.24 and later)."""
    return {"inputs": {k: v for k, v in parameters(record, changes).items()
                       if v is not None}}


def _quote(arg):
    if arg and all(c.isalnum() or c in "-_=.:/\\+,@%" for c in arg):
        return arg
    return '"{}"'.format(arg.replace('"', '\\"'))


def command_line(record, changes=None):
    """One line to paste in a shell (quoted for cmd.exe and POSIX shells alike, for
    ordinary paths)."""
    return " ".join(["qgis_process"] + [_quote(a) for a in arguments(record, changes)])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("record", help="a GeoPackage written by MDI voor QGIS, a "
                        ".mdi-run.json file, the file it belongs to, or a folder of "
                        "report pages or charts")
    parser.add_argument("--layer", help="the layer of the GeoPackage")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="replace a parameter (e.g. a new OUTPUT)")
    parser.add_argument("--json", action="store_true",
                        help="print JSON for `qgis_process run <alg> -` (QGIS >= 3.24)")
    options = parser.parse_args(argv)
    try:
        record = read_record(options.record, options.layer)
    except (OSError, ValueError, RecordError) as err:
        sys.stderr.write("{}\n".format(err))
        return 2
    changes = {}
    for item in options.set:
        name, _eq, value = item.partition("=")
        changes[name.strip()] = value
    if options.json:
        print(json.dumps(json_input(record, changes), ensure_ascii=False, indent=1))
    else:
        print("\n".join(arguments(record, changes)))
    if MASK in json.dumps(parameters(record, changes)):
        sys.stderr.write("Note: the record masks passwords and authcfg ids as {}; give them "
                         "with --set.\n".format(MASK))
    return 0


if __name__ == "__main__":
    sys.exit(main())
