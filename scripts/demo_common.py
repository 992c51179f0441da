"""Shared helpers of the demo printers: reading a GeoPackage's data table with sqlite3."""

import os
import sqlite3
import sys

#: Tables QGIS/GDAL add to a GeoPackage that hold no data of ours.
NOT_DATA = {"layer_styles"}


def quote(identifier):
    """Quote an SQLite identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def data_tables(connection):
    """Feature and attribute tables of a GeoPackage, features first, without layer_styles."""
    rows = connection.execute(
        "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')"
        " ORDER BY CASE data_type WHEN 'features' THEN 0 ELSE 1 END, table_name").fetchall()
    return [r[0] for r in rows if r[0].lower() not in NOT_DATA]


def open_data_table(path, program="demo"):
    """(connection, data table name, its column names); the table named like the file
    (as qgis_process names it) wins, else the first data table."""
    if not os.path.isfile(path):
        sys.exit("{}: {} does not exist".format(program, path))
    try:
        connection = sqlite3.connect("file:{}?mode=ro".format(path), uri=True)
        tables = data_tables(connection)
    except sqlite3.Error as exc:
        sys.exit("{}: cannot read {} ({})".format(program, path, exc))
    if not tables:
        sys.exit("{}: {} has no data table".format(program, path))
    stem = os.path.splitext(os.path.basename(path))[0]
    table = stem if stem in tables else tables[0]
    columns = [row[1] for row in connection.execute(
        "PRAGMA table_info({})".format(quote(table)))]
    return connection, table, columns
