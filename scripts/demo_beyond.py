#!/usr/bin/python3
"""Print a few lines from the "beyond the report" outputs (used by scripts/demo.sh).

Reads the GeoPackages with the standard-library sqlite3 module (no QGIS needed):

* change over time: the national change and the N gemeenten that improved most;
* top N: the worst buurten of one gemeente in one year;
* concentration: the share of that gemeente's inhabitants in "Zeer hoog" buurten and
  the IoD summary measures.

Usage: demo_beyond.py --change VERANDERING.gpkg --top TOP10.gpkg
       --concentration CONCENTRATIE.gpkg [--gemeente GM9022] [--year 2023] [--best 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from demo_common import open_data_table, quote


q = quote


def open_table(path: str) -> tuple[sqlite3.Connection, str, list[str]]:
    """(connection, data table, its column names) of a GeoPackage."""
    return open_data_table(path, "demo_beyond")


def number(value, digits=1) -> str:
    return "-" if value is None else "{:.{}f}".format(value, digits)


def show_change(path: str, best: int) -> None:
    con, table, columns = open_table(path)
    first = sorted(c[4:] for c in columns if c.startswith("mdi_") and c[4:].isdigit())
    if len(first) < 2:
        sys.exit("demo_beyond: {} has no mdi_<year> fields".format(path))
    start, end = first[0], first[-1]
    name = "gemeentenaam" if "gemeentenaam" in columns else "gemeentecode"
    rows = con.execute(
        "SELECT gemeentecode, {name}, {a}, {b}, verschil_mdi, verschil_tov_landelijk, tempo, "
        "klasse_overgang FROM {t} WHERE verschil_mdi IS NOT NULL ORDER BY verschil_mdi "
        "LIMIT ?".format(name=q(name), a=q("mdi_" + start), b=q("mdi_" + end), t=q(table)),
        (best,)).fetchall()
    national = con.execute("SELECT AVG(verschil_mdi) FROM {}".format(q(table))).fetchone()[0]
    print("Verandering MDI {} -> {} (landelijk gemiddeld {} procentpunt); de {} gemeenten "
          "die het meest verbeterden:".format(start, end, number(national, 2), best))
    for code, label, before, after, diff, relative, tempo, transition in rows:
        print("  {:<7} {:<22} {:>5} -> {:>5}  {:>6}  ({} t.o.v. landelijk; {}; {})".format(
            code, (label or "")[:22], number(before), number(after), number(diff),
            number(relative), tempo, transition))


def gemeente_name(path: str, gemeente: str) -> str:
    """'Lommerstad (GM9022)' from a layer with gemeentenaam, else the code."""
    con, table, columns = open_table(path)
    if "gemeentenaam" not in columns:
        return gemeente
    row = con.execute("SELECT gemeentenaam FROM {} WHERE gemeentecode = ? LIMIT 1".format(
        q(table)), (gemeente,)).fetchone()
    return "{} ({})".format(row[0], gemeente) if row and row[0] else gemeente


def show_top(path: str, gemeente: str, year: int) -> None:
    con, table, columns = open_table(path)
    name = "buurtnaam" if "buurtnaam" in columns else "buurtcode"
    rows = con.execute(
        "SELECT rang_binnen_groep, buurtcode, {name}, mdi FROM {t} WHERE gemeentecode = ? "
        "AND jaar = ? AND top_n = 1 ORDER BY rang_binnen_groep".format(name=q(name),
                                                                       t=q(table)),
        (gemeente, year)).fetchall()
    print("De {} buurten met de hoogste MDI in {}, {}:".format(
        len(rows), gemeente_name(path, gemeente), year))
    for rank, code, label, mdi in rows:
        print("  {:>2}. {:<11} {:<28} {}".format(rank, code, (label or "")[:28], number(mdi)))


def show_concentration(path: str, gemeente: str, year: int, label: str) -> None:
    con, table, _ = open_table(path)
    row = con.execute(
        "SELECT inwoners, aandeel_inw_zeer_hoog, gem_score, gem_rang, omvang, "
        "lokale_concentratie, n_landelijk FROM {} WHERE gemeentecode = ? AND jaar = ?".format(
            q(table)), (gemeente, year)).fetchone()
    if row is None:
        sys.exit("demo_beyond: no row for {} {} in {}".format(gemeente, year, path))
    inhabitants, very_high, score, rank, extent, local, total = row
    print("{}, {}: {:.0f}% van de {:.0f} inwoners woont in een buurt met een zeer hoge "
          "MDI;".format(label, year, 100 * (very_high or 0), inhabitants or 0))
    print("  gewogen gemiddelde MDI {}, gemiddelde rang {} van {} buurten, omvang {:.0f}%, "
          "lokale concentratie rang {}".format(number(score), number(rank, 0), total,
                                               100 * (extent or 0), number(local, 0)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--change", required=True)
    parser.add_argument("--top", required=True)
    parser.add_argument("--concentration", required=True)
    parser.add_argument("--gemeente", default="GM9022")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--best", type=int, default=5)
    args = parser.parse_args(argv)
    show_change(args.change, args.best)
    print()
    show_top(args.top, args.gemeente, args.year)
    print()
    show_concentration(args.concentration, args.gemeente, args.year,
                       gemeente_name(args.top, args.gemeente))
    return 0


if __name__ == "__main__":
    sys.exit(main())
