#!/usr/bin/env python3
"""Print the demo results of mdi:correlate, mdi:domainprofile and mdi:classstability.

Standard library only (sqlite3 reads the GeoPackages), so it runs with any Python 3:

    demo_beyond2.py focus REGIONS.gpkg --year 2023
        prints a SUBSET expression selecting the gemeenten of the focus regions
        ("coropcode" IN (...)) from the output of mdi:flagperiphery
    demo_beyond2.py report --correlations A.gpkg [B.gpkg ...] --profile REGIONS.gpkg
                           --stability STABILITY.gpkg --year 2023
"""

import argparse
import os
import sys

from demo_common import open_data_table


def first_table(path):
    """(connection, name of the data table) of a GeoPackage."""
    connection, table, _ = open_data_table(path, "demo_beyond2")
    return connection, table


def number(value, pattern="{:.3f}"):
    return "-" if value is None else pattern.format(value)


def focus(args):
    connection, table = first_table(args.regions)
    codes = [row[0] for row in connection.execute(
        'SELECT DISTINCT coropcode FROM "{}" WHERE focusregio = 1 AND jaar = ? '
        "ORDER BY coropcode".format(table), (args.year,))]
    if not codes:
        sys.exit("demo_beyond2: no focus region in {} for {}".format(args.regions, args.year))
    print('"coropcode" IN ({})'.format(", ".join("'{}'".format(c) for c in codes)))


def print_correlations(path):
    connection, table = first_table(path)
    rows = connection.execute(
        'SELECT indicator, n, r_pearson, p_pearson, r_spearman, p_spearman, sterkte, '
        'richting, score, selectie, jaar FROM "{}"'.format(table)).fetchall()
    if not rows:
        return
    score, selection, year = rows[0][8], rows[0][9], rows[0][10]
    print("Correlaties met {} ({}{})".format(
        score, year, ", selectie " + selection if selection else ", alle gemeenten"))
    print("  {:<30} {:>4} {:>8} {:>9} {:>8} {:>9}  {}".format(
        "indicator", "n", "r", "p", "rho", "p", "sterkte (Field 2009)"))
    for indicator, n, r, p, rho, p_rho, strength, direction, *_ in rows:
        print("  {:<30} {:>4} {:>8} {:>9} {:>8} {:>9}  {}".format(
            indicator, n, number(r), number(p, "{:.2g}"), number(rho),
            number(p_rho, "{:.2g}"),
            "-" if strength is None else "{} {}".format(strength, direction)))
    print()


def print_profile(path):
    connection, table = first_table(path)
    columns = [row[1] for row in connection.execute('PRAGMA table_info("{}")'.format(table))]
    differences = [c for c in columns if c.startswith("verschil_")]
    print("Achterstandsprofiel per COROP-regio: verschil met het landelijk gemiddelde "
          "(punten)")
    print("  {:<6} {:<14}".format("regio", "naam") + "".join(
        " {:>8}".format(c[len("verschil_"):][:8]) for c in differences))
    rows = connection.execute('SELECT regio, regionaam, {}, grafiek FROM "{}" ORDER BY '
                              'regio'.format(", ".join(differences), table)).fetchall()
    for row in rows:
        print("  {:<6} {:<14}".format(row[0], (row[1] or "")[:14]) + "".join(
            " {:>+8.1f}".format(v) if v is not None else " {:>8}".format("-")
            for v in row[2:-1]))
    if rows:
        print("  grafieken: {} (.png en .svg per regio)".format(
            os.path.dirname(rows[0][-1])))
    print()


def print_stability(path, year, threshold=0.8):
    connection, table = first_table(path)
    rows = connection.execute(
        'SELECT gemeentecode, gemeentenaam, mdi_basis, klasse_basis, modale_klasse, '
        'stabiliteit, p_klasse_1, p_klasse_2, p_klasse_3, p_klasse_4 FROM "{}" '
        'WHERE jaar = ? AND stabiliteit IS NOT NULL ORDER BY stabiliteit, gemeentecode'
        .format(table), (year,)).fetchall()
    unstable = [r for r in rows if r[5] < threshold]
    print("Klassestabiliteit {} (Monte Carlo): {} van {} gemeenten hebben stabiliteit < {} "
          "(arceren op de kaart)".format(year, len(unstable), len(rows), threshold))
    print("  {:<7} {:<16} {:>6} {:>6} {:>6} {:>6}   p(klasse 1..4)".format(
        "code", "naam", "mdi", "basis", "modaal", "stab."))
    for code, name, mdi, base, modal, stability, *shares in rows[:8]:
        print("  {:<7} {:<16} {:>6.1f} {:>6} {:>6} {:>6.2f}   {}".format(
            code, (name or "")[:16], mdi, base, modal, stability,
            " ".join("{:.2f}".format(s) for s in shares)))
    print()


def report(args):
    for path in args.correlations or []:
        print_correlations(path)
    if args.profile:
        print_profile(args.profile)
    if args.stability:
        print_stability(args.stability, args.year)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    focus_parser = commands.add_parser("focus", help="SUBSET expression of focus regions")
    focus_parser.add_argument("regions")
    focus_parser.add_argument("--year", type=int, default=2023)
    focus_parser.set_defaults(run=focus)
    report_parser = commands.add_parser("report", help="print the demo tables")
    report_parser.add_argument("--correlations", nargs="*")
    report_parser.add_argument("--profile")
    report_parser.add_argument("--stability")
    report_parser.add_argument("--year", type=int, default=2023)
    report_parser.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
