#!/usr/bin/python3
"""Print a short summary of an MDI output GeoPackage (used by scripts/demo.sh).

Reads the attribute table with the standard-library sqlite3 module (a GeoPackage is
an SQLite database), so it needs neither QGIS nor GDAL:

* the N highest-scoring gemeenten for one year (code, name, MDI to 1 decimal);
* the mean MDI over all gemeenten per year (unweighted; also population-weighted
  when the layer has a population field such as ``inwoners``).

Usage: demo_summary.py OUTPUT.gpkg [--layer NAME] [--year 2023] [--top 10]
       [--year-field jaar] [--code-field F] [--name-field F] [--mdi-field mdi]
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

from demo_common import data_tables, quote

CODE_CANDIDATES = ("gemeentecode", "gm_code", "gmcode", "statcode", "code", "regiocode")
NAME_CANDIDATES = ("gemeentenaam", "gm_naam", "gmnaam", "statnaam", "naam", "name",
                   "regionaam")
POP_CANDIDATES = ("inwoners", "bevolking", "aantal_inwoners", "population")


q = quote


def pick(columns: list[str], wanted: str | None, candidates: tuple[str, ...],
         pattern: str | None = None) -> str | None:
    lower = {c.lower(): c for c in columns}
    if wanted:
        if wanted.lower() not in lower:
            sys.exit(f"demo_summary: field {wanted!r} not in layer ({', '.join(columns)})")
        return lower[wanted.lower()]
    for cand in candidates:
        if cand in lower:
            return lower[cand]
    if pattern:
        for col in columns:
            if re.search(pattern, col, re.IGNORECASE):
                return col
    return None


def feature_tables(con: sqlite3.Connection) -> list[str]:
    try:
        return data_tables(con)
    except sqlite3.DatabaseError as exc:
        sys.exit(f"demo_summary: not a GeoPackage? ({exc})")


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gpkg", type=Path)
    ap.add_argument("--layer")
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--year-field", default="jaar")
    ap.add_argument("--code-field")
    ap.add_argument("--name-field")
    ap.add_argument("--mdi-field", default="mdi")
    args = ap.parse_args(argv)

    if not args.gpkg.is_file():
        sys.exit(f"demo_summary: {args.gpkg} not found")
    con = sqlite3.connect(f"file:{args.gpkg}?mode=ro", uri=True)

    tables = feature_tables(con)
    layer = args.layer or (tables[0] if tables else None)
    if layer is None or layer not in tables:
        sys.exit(f"demo_summary: layer {layer!r} not found; layers: {', '.join(tables)}")
    columns = [r[1] for r in con.execute(f"PRAGMA table_info({q(layer)})")]

    mdi = pick(columns, args.mdi_field, ())
    year = pick(columns, args.year_field, ("jaar", "year"))
    code = pick(columns, args.code_field, CODE_CANDIDATES, r"code")
    name = pick(columns, args.name_field, NAME_CANDIDATES, r"naam|name")
    pop = pick(columns, None, POP_CANDIDATES)

    years = [r[0] for r in con.execute(
        f"SELECT DISTINCT CAST({q(year)} AS INTEGER) AS y FROM {q(layer)}"
        f" WHERE {q(year)} IS NOT NULL ORDER BY y")]
    top_year = args.year
    note = ""
    if top_year not in years and years:
        top_year = years[-1]
        note = f" (no {args.year} in the data; latest year instead)"

    print(f"MDI summary of {args.gpkg} (layer {layer})")
    print()
    print(f"Top {args.top} gemeenten by MDI, {top_year}{note}:")
    label_code = code or "code"
    label_name = name or "naam"
    sel_code = q(code) if code else "NULL"
    sel_name = q(name) if name else "NULL"
    rows = con.execute(
        f"SELECT {sel_code}, {sel_name}, {q(mdi)} FROM {q(layer)}"
        f" WHERE CAST({q(year)} AS INTEGER) = ? AND {q(mdi)} IS NOT NULL"
        f" ORDER BY {q(mdi)} DESC LIMIT ?", (top_year, args.top)).fetchall()
    cw = max([len(str(r[0] or "")) for r in rows] + [len(label_code)])
    nw = max([len(str(r[1] or "")) for r in rows] + [len(label_name)])
    print(f"  {'#':>2}  {label_code:<{cw}}  {label_name:<{nw}}  {'MDI':>6}")
    for i, (c, n, v) in enumerate(rows, 1):
        print(f"  {i:>2}  {str(c or ''):<{cw}}  {str(n or ''):<{nw}}  {fmt(v):>6}")
    if not rows:
        print("  (no MDI values)")

    print()
    print("Mean MDI over all gemeenten per year:")
    header = f"  {'jaar':>6}  {'mean':>6}  {'n':>5}"
    if pop:
        header += f"  {'weighted by ' + pop:>22}"
        weighted = (f"SUM({q(mdi)} * {q(pop)})"
                    f" / SUM(CASE WHEN {q(mdi)} IS NOT NULL THEN {q(pop)} END)")
    else:
        weighted = "NULL"
    print(header)
    for y, mean, n, n_all, wmean in con.execute(
            f"SELECT CAST({q(year)} AS INTEGER) AS y, AVG({q(mdi)}), COUNT({q(mdi)}),"
            f" COUNT(*), {weighted}"
            f" FROM {q(layer)} WHERE {q(year)} IS NOT NULL GROUP BY y ORDER BY y"):
        line = f"  {y:>6}  {fmt(mean):>6}  {n:>5}"
        if n != n_all:
            line += f" (of {n_all})"
        if pop:
            line += f"  {fmt(wmean):>22}"
        print(line)
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
