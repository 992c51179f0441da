#!/usr/bin/python3
"""Print the results of the demo (scripts/demo.sh) from its output GeoPackages.

Standard library only: a GeoPackage is an SQLite database, read here with sqlite3, so
neither QGIS nor GDAL is needed. One subcommand per step of the demo:

  summary   top N gemeenten by MDI and the mean MDI per year (mdi:computemdi)
  regions   regions with zone, quadrant and focus flag; buurten per class (the chain)
  beyond    change over time, the worst buurten of one gemeente and its concentration
  focus     SUBSET expression selecting the gemeenten of the focus regions
  analyses  correlations, domain profiles per region and class stability

Run ``demo_report.py SUBCOMMAND --help`` for the arguments of each.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sqlite3
import sys

PROG = "demo_report"

#: Tables QGIS/GDAL add to a GeoPackage that hold no data of ours.
NOT_DATA = {"layer_styles"}

CODE_CANDIDATES = ("gemeentecode", "gm_code", "gmcode", "statcode", "code", "regiocode")
NAME_CANDIDATES = ("gemeentenaam", "gm_naam", "gmnaam", "statnaam", "naam", "name",
                   "regionaam")
POP_CANDIDATES = ("inwoners", "bevolking", "aantal_inwoners", "population")

#: Class stability below this is shown hatched on the map; the rows listed in `analyses`.
STABILITY_ROWS = 8


# -- shared helpers ------------------------------------------------------------------

def fail(message: str):
    """Exit with ``demo_report: message`` on stderr."""
    sys.exit("{}: {}".format(PROG, message))


def q(identifier: str) -> str:
    """Quote an SQLite identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def number(value, spec: str = ".1f") -> str:
    """``value`` formatted with ``spec`` (one decimal by default); "-" for NULL."""
    return "-" if value is None else format(value, spec)


def data_tables(connection: sqlite3.Connection) -> list[str]:
    """Feature and attribute tables of a GeoPackage, features first, without layer_styles."""
    rows = connection.execute(
        "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')"
        " ORDER BY CASE data_type WHEN 'features' THEN 0 ELSE 1 END, table_name").fetchall()
    return [r[0] for r in rows if r[0].lower() not in NOT_DATA]


def open_table(path: str, layer: str | None = None):
    """(connection, table name, its column names) of a GeoPackage, opened read-only.

    The table is ``layer`` when given; else the one named like the file (as qgis_process
    names it), else the first data table.
    """
    if not os.path.isfile(path):
        fail("{} does not exist".format(path))
    try:
        connection = sqlite3.connect("file:{}?mode=ro".format(path), uri=True)
        tables = data_tables(connection)
    except sqlite3.Error as exc:
        fail("cannot read {} as a GeoPackage ({})".format(path, exc))
    if not tables:
        fail("{} has no data table".format(path))
    stem = os.path.splitext(os.path.basename(path))[0]
    table = layer or (stem if stem in tables else tables[0])
    if table not in tables:
        fail("layer {!r} not in {}; layers: {}".format(table, path, ", ".join(tables)))
    columns = [row[1] for row in connection.execute("PRAGMA table_info({})".format(q(table)))]
    return connection, table, columns


# -- summary -------------------------------------------------------------------------

def pick(columns: list[str], wanted: str | None, candidates: tuple[str, ...],
         pattern: str | None = None) -> str | None:
    """The column ``wanted`` (case-insensitive, must exist), else the first candidate or
    column matching ``pattern``, else None."""
    lower = {c.lower(): c for c in columns}
    if wanted:
        if wanted.lower() not in lower:
            fail("field {!r} not in layer ({})".format(wanted, ", ".join(columns)))
        return lower[wanted.lower()]
    for cand in candidates:
        if cand in lower:
            return lower[cand]
    if pattern:
        for col in columns:
            if re.search(pattern, col, re.IGNORECASE):
                return col
    return None


def summary(args) -> None:
    """Top N gemeenten by MDI in one year and the mean MDI per year."""
    con, layer, columns = open_table(args.gpkg, args.layer)
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
        print(f"  {i:>2}  {str(c or ''):<{cw}}  {str(n or ''):<{nw}}  {number(v):>6}")
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
        line = f"  {y:>6}  {number(mean):>6}  {n:>5}"
        if n != n_all:
            line += f" (of {n_all})"
        if pop:
            line += f"  {number(wmean):>22}"
        print(line)
    con.close()


# -- regions -------------------------------------------------------------------------

def region_names(zones_csv: str) -> dict[str, str]:
    """coropcode -> coropnaam from the zone table CSV."""
    with open(zones_csv, encoding="utf-8-sig") as handle:
        return {row["coropcode"]: row.get("coropnaam", "") for row in csv.DictReader(handle)}


def regions(args) -> None:
    """Regions with MDI, zone, quadrant and focus flag; buurten per quartile class."""
    names = region_names(args.zones)

    con, table, _ = open_table(args.regions)
    rows = con.execute(
        "SELECT coropcode, mdi, zone, kwadrant, focusregio, n_eenheden, aandeel_hoog "
        "FROM {} WHERE jaar = ? ORDER BY mdi DESC".format(q(table)), (args.year,)).fetchall()
    print("COROP-achtige regio's {} (ongewogen gemiddelde MDI van de gemeenten):".format(
        args.year))
    print("  {:<6} {:<22} {:>5}  {:<13} {:<24} {:>4} {:>6}".format(
        "code", "naam", "MDI", "zone", "kwadrant", "n", "% hoog"))
    for code, mdi, zone, quadrant, focus_flag, count, high in rows:
        print("  {:<6} {:<22} {:>5.1f}  {:<13} {:<24} {:>4} {:>6.0f}{}".format(
            code, names.get(code, "")[:22], mdi, zone or "?", quadrant or "", count,
            100 * (high or 0), "  <- focusregio" if focus_flag == 1 else ""))
    focus_codes = [r[0] for r in rows if r[4] == 1]
    print("Focusregio's (perifere zone en MDI >= 50): {} van {}: {}".format(
        len(focus_codes), len(rows),
        ", ".join("{} {}".format(c, names.get(c, "")) for c in focus_codes)))
    con.close()

    con, table, _ = open_table(args.buurten)
    print()
    print("Buurten {} per klasse (kwartielen over alle buurten en jaren):".format(args.year))
    for label, count in con.execute(
            "SELECT mdi_klasse_label, COUNT(*) FROM {} WHERE jaar = ? "
            "GROUP BY mdi_klasse, mdi_klasse_label ORDER BY mdi_klasse IS NULL, mdi_klasse"
            .format(q(table)), (args.year,)):
        print("  {:<14} {:>5}".format(label, count))
    con.close()


# -- beyond --------------------------------------------------------------------------

def show_change(path: str, best: int) -> None:
    """The national change and the ``best`` gemeenten that improved most."""
    con, table, columns = open_table(path)
    years = sorted(c[4:] for c in columns if c.startswith("mdi_") and c[4:].isdigit())
    if len(years) < 2:
        fail("{} has no mdi_<year> fields".format(path))
    start, end = years[0], years[-1]
    name = "gemeentenaam" if "gemeentenaam" in columns else "gemeentecode"
    rows = con.execute(
        "SELECT gemeentecode, {name}, {a}, {b}, verschil_mdi, verschil_tov_landelijk, tempo, "
        "klasse_overgang FROM {t} WHERE verschil_mdi IS NOT NULL ORDER BY verschil_mdi "
        "LIMIT ?".format(name=q(name), a=q("mdi_" + start), b=q("mdi_" + end), t=q(table)),
        (best,)).fetchall()
    national = con.execute("SELECT AVG(verschil_mdi) FROM {}".format(q(table))).fetchone()[0]
    print("Verandering MDI {} -> {} (landelijk gemiddeld {} procentpunt); de {} gemeenten "
          "die het meest verbeterden:".format(start, end, number(national, ".2f"), best))
    for code, label, before, after, diff, relative, tempo, transition in rows:
        print("  {:<7} {:<22} {:>5} -> {:>5}  {:>6}  ({} t.o.v. landelijk; {}; {})".format(
            code, (label or "")[:22], number(before), number(after), number(diff),
            number(relative), tempo, transition))
    con.close()


def gemeente_name(path: str, gemeente: str) -> str:
    """'Lommerstad (GM9022)' from a layer with gemeentenaam, else the code."""
    con, table, columns = open_table(path)
    row = None
    if "gemeentenaam" in columns:
        row = con.execute("SELECT gemeentenaam FROM {} WHERE gemeentecode = ? LIMIT 1".format(
            q(table)), (gemeente,)).fetchone()
    con.close()
    return "{} ({})".format(row[0], gemeente) if row and row[0] else gemeente


def show_top(path: str, gemeente: str, year: int, label: str) -> None:
    """The buurten flagged by mdi:topn in one gemeente and year, by rank."""
    con, table, columns = open_table(path)
    name = "buurtnaam" if "buurtnaam" in columns else "buurtcode"
    rows = con.execute(
        "SELECT rang_binnen_groep, buurtcode, {name}, mdi FROM {t} WHERE gemeentecode = ? "
        "AND jaar = ? AND top_n = 1 ORDER BY rang_binnen_groep".format(name=q(name),
                                                                       t=q(table)),
        (gemeente, year)).fetchall()
    print("De {} buurten met de hoogste MDI in {}, {}:".format(len(rows), label, year))
    for rank, code, buurt, mdi in rows:
        print("  {:>2}. {:<11} {:<28} {}".format(rank, code, (buurt or "")[:28], number(mdi)))
    con.close()


def show_concentration(path: str, gemeente: str, year: int, label: str) -> None:
    """Share of inhabitants in "Zeer hoog" buurten and the IoD summary measures."""
    con, table, _ = open_table(path)
    row = con.execute(
        "SELECT inwoners, aandeel_inw_zeer_hoog, gem_score, gem_rang, omvang, "
        "lokale_concentratie, n_landelijk FROM {} WHERE gemeentecode = ? AND jaar = ?".format(
            q(table)), (gemeente, year)).fetchone()
    con.close()
    if row is None:
        fail("no row for {} {} in {}".format(gemeente, year, path))
    inhabitants, very_high, score, rank, extent, local, total = row
    print("{}, {}: {:.0f}% van de {:.0f} inwoners woont in een buurt met een zeer hoge "
          "MDI;".format(label, year, 100 * (very_high or 0), inhabitants or 0))
    print("  gewogen gemiddelde MDI {}, gemiddelde rang {} van {} buurten, omvang {:.0f}%, "
          "lokale concentratie rang {}".format(number(score), number(rank, ".0f"), total,
                                               100 * (extent or 0), number(local, ".0f")))


def beyond(args) -> None:
    """mdi:changeovertime, mdi:topn and mdi:concentration for one gemeente."""
    show_change(args.change, args.best)
    print()
    label = gemeente_name(args.top, args.gemeente)
    show_top(args.top, args.gemeente, args.year, label)
    print()
    show_concentration(args.concentration, args.gemeente, args.year, label)


# -- focus ---------------------------------------------------------------------------

def focus(args) -> None:
    """Print ``"coropcode" IN (...)`` for the focus regions of mdi:flagperiphery."""
    con, table, _ = open_table(args.regions)
    codes = [row[0] for row in con.execute(
        "SELECT DISTINCT coropcode FROM {} WHERE focusregio = 1 AND jaar = ? "
        "ORDER BY coropcode".format(q(table)), (args.year,))]
    con.close()
    if not codes:
        fail("no focus region in {} for {}".format(args.regions, args.year))
    print('"coropcode" IN ({})'.format(", ".join("'{}'".format(c) for c in codes)))


# -- analyses ------------------------------------------------------------------------

def print_correlations(path: str) -> None:
    """One mdi:correlate output table (nothing when it is empty)."""
    con, table, _ = open_table(path)
    rows = con.execute(
        "SELECT indicator, n, r_pearson, p_pearson, r_spearman, p_spearman, sterkte, "
        "richting, score, selectie, jaar FROM {}".format(q(table))).fetchall()
    con.close()
    if not rows:
        return
    score, selection, year = rows[0][8], rows[0][9], rows[0][10]
    print("Correlaties met {} ({}{})".format(
        score, year, ", selectie " + selection if selection else ", alle gemeenten"))
    print("  {:<30} {:>4} {:>8} {:>9} {:>8} {:>9}  {}".format(
        "indicator", "n", "r", "p", "rho", "p", "sterkte (Field 2009)"))
    for indicator, n, r, p, rho, p_rho, strength, direction, *_ in rows:
        print("  {:<30} {:>4} {:>8} {:>9} {:>8} {:>9}  {}".format(
            indicator, n, number(r, ".3f"), number(p, ".2g"), number(rho, ".3f"),
            number(p_rho, ".2g"),
            "-" if strength is None else "{} {}".format(strength, direction)))
    print()


def print_profile(path: str) -> None:
    """Per region the difference with the national mean per domain (mdi:domainprofile)."""
    con, table, columns = open_table(path)
    differences = [c for c in columns if c.startswith("verschil_")]
    print("Achterstandsprofiel per COROP-regio: verschil met het landelijk gemiddelde "
          "(punten)")
    print("  {:<6} {:<14}".format("regio", "naam") + "".join(
        " {:>8}".format(c[len("verschil_"):][:8]) for c in differences))
    rows = con.execute("SELECT regio, regionaam, {}, grafiek FROM {} ORDER BY regio".format(
        ", ".join(q(c) for c in differences), q(table))).fetchall()
    con.close()
    for row in rows:
        print("  {:<6} {:<14}".format(row[0], (row[1] or "")[:14]) + "".join(
            " {:>+8.1f}".format(v) if v is not None else " {:>8}".format("-")
            for v in row[2:-1]))
    if rows:
        print("  grafieken: {} (.png en .svg per regio)".format(
            os.path.dirname(rows[0][-1])))
    print()


def print_stability(path: str, year: int) -> None:
    """The least stable gemeenten of mdi:classstability in one year."""
    con, table, _ = open_table(path)
    rows = con.execute(
        "SELECT gemeentecode, gemeentenaam, mdi_basis, klasse_basis, modale_klasse, "
        "stabiliteit, stabiliteit_se, stabiliteit_klasse, p_klasse_1, p_klasse_2, "
        "p_klasse_3, p_klasse_4 FROM {} "
        "WHERE jaar = ? AND stabiliteit IS NOT NULL ORDER BY stabiliteit, gemeentecode"
        .format(q(table)), (year,)).fetchall()
    con.close()
    verdicts = [r[7] for r in rows]
    print("Klassestabiliteit {} (Monte Carlo): van {} gemeenten zijn er {} stabiel, {} onzeker "
          "en {} instabiel (instabiel arceren op de kaart)".format(
              year, len(rows), verdicts.count("stabiel"), verdicts.count("onzeker"),
              verdicts.count("instabiel")))
    print("  {:<7} {:<16} {:>6} {:>6} {:>6} {:>6} {:>6} {:<9}  p(klasse 1..4)".format(
        "code", "naam", "mdi", "basis", "modaal", "stab.", "se", "oordeel"))
    for code, name, mdi, base, modal, stability, error, verdict, *shares in \
            rows[:STABILITY_ROWS]:
        print("  {:<7} {:<16} {:>6.1f} {:>6} {:>6} {:>6.2f} {:>6.3f} {:<9}  {}".format(
            code, (name or "")[:16], mdi, base, modal, stability, error, verdict,
            " ".join("{:.2f}".format(s) for s in shares)))
    print()


def analyses(args) -> None:
    """mdi:correlate tables, mdi:domainprofile regions and mdi:classstability."""
    for path in args.correlations or []:
        print_correlations(path)
    if args.profile:
        print_profile(args.profile)
    if args.stability:
        print_stability(args.stability, args.year)


# -- command line --------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="demo_report.py", description=__doc__.splitlines()[0],
        epilog="Run 'demo_report.py SUBCOMMAND --help' for the arguments of each.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    def add(name, run, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    def add_year(sub):
        sub.add_argument("--year", type=int, default=2023, help="year (default: %(default)s)")

    sub = add("summary", summary,
              "top N gemeenten by MDI in one year and the mean MDI per year")
    sub.add_argument("gpkg", metavar="MDI.gpkg", help="output of mdi:computemdi")
    sub.add_argument("--layer", help="table to read (default: the one named like the file, "
                     "else the first)")
    sub.add_argument("--year", type=int, default=2023,
                     help="year of the top N; the latest year when absent (default: 2023)")
    sub.add_argument("--top", type=int, default=10, help="N (default: %(default)s)")
    sub.add_argument("--year-field", default="jaar", help="default: %(default)s")
    sub.add_argument("--code-field", help="default: gemeentecode or another *code field")
    sub.add_argument("--name-field", help="default: gemeentenaam or another *naam field")
    sub.add_argument("--mdi-field", default="mdi", help="default: %(default)s")

    sub = add("regions", regions,
              "regions with MDI, zone, quadrant and focus flag; buurten per quartile class")
    sub.add_argument("regions", metavar="REGIONS.gpkg", help="output of mdi:flagperiphery")
    sub.add_argument("buurten", metavar="BUURTEN.gpkg", help="output of mdi:classifyquartiles")
    sub.add_argument("zones", metavar="ZONES.csv", help="zone table (coropcode, coropnaam)")
    add_year(sub)

    sub = add("beyond", beyond,
              "change over time, the worst buurten of one gemeente and its concentration")
    sub.add_argument("--change", required=True, metavar="CHANGE.gpkg",
                     help="output of mdi:changeovertime")
    sub.add_argument("--top", required=True, metavar="TOPN.gpkg", help="output of mdi:topn")
    sub.add_argument("--concentration", required=True, metavar="CONCENTRATION.gpkg",
                     help="output of mdi:concentration")
    sub.add_argument("--gemeente", default="GM9022", help="gemeentecode (default: %(default)s)")
    add_year(sub)
    sub.add_argument("--best", type=int, default=5,
                     help="how many most improved gemeenten (default: %(default)s)")

    sub = add("focus", focus,
              "print a SUBSET expression selecting the gemeenten of the focus regions")
    sub.add_argument("regions", metavar="REGIONS.gpkg", help="output of mdi:flagperiphery")
    add_year(sub)

    sub = add("analyses", analyses,
              "correlations, domain profile per region and class stability")
    sub.add_argument("--correlations", nargs="*", metavar="CORRELATIONS.gpkg",
                     help="outputs of mdi:correlate")
    sub.add_argument("--profile", metavar="PROFILE_REGIONS.gpkg",
                     help="OUTPUT_REGIONS of mdi:domainprofile")
    sub.add_argument("--stability", metavar="STABILITY.gpkg",
                     help="output of mdi:classstability")
    add_year(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the subcommand given in ``argv``."""
    args = build_parser().parse_args(argv)
    args.run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
