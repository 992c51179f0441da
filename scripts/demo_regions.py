#!/usr/bin/python3
"""Print the region and buurt results of the demo chain (used by scripts/demo.sh).

Usage: demo_regions.py REGIONS.gpkg BUURTEN.gpkg ZONES.csv [--year 2023]

Reads the GeoPackages with the standard-library sqlite3 module.
"""

import argparse
import csv
import sys

from demo_common import open_data_table, quote


def first_table(path):
    """Connection and quoted name of the data table of a GeoPackage."""
    connection, table, _ = open_data_table(path, "demo_regions")
    return connection, quote(table)


def region_names(zones_csv):
    with open(zones_csv, encoding="utf-8-sig") as handle:
        return {row["coropcode"]: row.get("coropnaam", "") for row in csv.DictReader(handle)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("regions")
    parser.add_argument("buurten")
    parser.add_argument("zones")
    parser.add_argument("--year", type=int, default=2023)
    args = parser.parse_args(argv)
    names = region_names(args.zones)

    con, table = first_table(args.regions)
    rows = con.execute(
        "SELECT coropcode, mdi, zone, kwadrant, focusregio, n_eenheden, aandeel_hoog "
        "FROM {} WHERE jaar = ? ORDER BY mdi DESC".format(table), (args.year,)).fetchall()
    print("COROP-achtige regio's {} (ongewogen gemiddelde MDI van de gemeenten):".format(
        args.year))
    print("  {:<6} {:<22} {:>5}  {:<13} {:<24} {:>4} {:>6}".format(
        "code", "naam", "MDI", "zone", "kwadrant", "n", "% hoog"))
    for code, mdi, zone, quadrant, focus, count, high in rows:
        print("  {:<6} {:<22} {:>5.1f}  {:<13} {:<24} {:>4} {:>6.0f}{}".format(
            code, names.get(code, "")[:22], mdi, zone or "?", quadrant or "", count,
            100 * (high or 0), "  <- focusregio" if focus == 1 else ""))
    focus = [r[0] for r in rows if r[4] == 1]
    print("Focusregio's (perifere zone en MDI >= 50): {} van {}: {}".format(
        len(focus), len(rows), ", ".join("{} {}".format(c, names.get(c, "")) for c in focus)))
    con.close()

    con, table = first_table(args.buurten)
    print()
    print("Buurten {} per klasse (kwartielen over alle buurten en jaren):".format(args.year))
    for label, count in con.execute(
            "SELECT mdi_klasse_label, COUNT(*) FROM {} WHERE jaar = ? "
            "GROUP BY mdi_klasse, mdi_klasse_label ORDER BY mdi_klasse IS NULL, mdi_klasse"
            .format(table), (args.year,)):
        print("  {:<14} {:>5}".format(label, count))
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
