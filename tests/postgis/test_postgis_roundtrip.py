"""Every algorithm reads from and writes to a real PostGIS database exactly as it does with
GeoPackage: the same chain runs twice, once on GeoPackage layers and once on PostGIS tables
(a non-public schema and table names that need quotes), and the outputs must be equal,
value for value and vertex for vertex. The database login is a QGIS authentication
configuration (authcfg); the password must never show up anywhere."""

import json
import os
import subprocess
import sys

import pytest
from osgeo import gdal
from qgis import processing
from qgis.core import (QgsApplication, QgsProcessingContext, QgsProcessingException,
                       QgsVectorLayer)

from mdi_safety_helpers import CancelAfter, layer_rows
from mdi_test_helpers import LogFeedback

#: Every test needs the PostgreSQL server that conftest.py starts (a subprocess).
pytestmark = pytest.mark.subprocess

gdal.UseExceptions()

#: PostGIS tables of the inputs: (schema, table, geometry column or None).
PG_INPUTS = {
    "gemeenten": ("statistiek", "Gemeenten 2014-2023 ('s-Gravenhage)", "geom"),
    "corop_regios": ("public", "corop_regios", "geom"),
    "zones": ("public", "Zones (COROP)", None),
    "regiokompas": ("statistiek", "regiokompas", None),
}
OUTPUT_SCHEMA = "mdi uitvoer"
#: Output tables (in OUTPUT_SCHEMA) of each step.
PG_OUTPUTS = {
    "compute": "MDI gemeenten",
    "classify": "MDI Klassen ('s-Gravenhage)",
    "aggregate": "MDI per COROP-regio",
    "flag": "Focusregio's",
    "join": "Regiokompas + MDI",
}
#: Key fields identifying a feature of each step's output.
KEYS = {"compute": ("fid",), "classify": ("fid",), "aggregate": ("coropcode", "jaar"),
        "flag": ("coropcode", "jaar"), "join": ("fid",)}


# ----------------------------------------------------------------------------- data

@pytest.fixture(scope="module")
def source_gpkg(tmp_path_factory, sample_gpkg, repo_root):
    """One GeoPackage with every input of the chain (sample data + CSV tables)."""
    path = tmp_path_factory.mktemp("gpkg") / "bron.gpkg"
    for layer in ("gemeenten", "corop_regios"):
        gdal.VectorTranslate(str(path), str(sample_gpkg), layers=[layer], layerName=layer,
                             accessMode="update" if path.exists() else None,
                             options=["-preserve_fid"])
    sample = repo_root / "resources" / "sample_data"
    for name, csv in (("zones", "zones_voorbeeld.csv"),
                      ("regiokompas", "regiokompas_voorbeeld.csv")):
        source = gdal.OpenEx(str(sample / csv), open_options=["AUTODETECT_TYPE=YES"])
        gdal.VectorTranslate(str(path), source, layerName=name, accessMode="update")
        source = None
    return path


@pytest.fixture(scope="module")
def pg_tables(postgis, source_gpkg):
    """The inputs loaded into PostGIS (readable by mdi_gebruiker)."""
    for layer, (schema, table, geometry) in PG_INPUTS.items():
        options = ["SCHEMA=" + schema, "LAUNDER=NO", "FID=fid"]
        if geometry:
            options.append("GEOMETRY_NAME=" + geometry)
        gdal.VectorTranslate(postgis.gdal_connection(), str(source_gpkg), layers=[layer],
                             layerName=table, layerCreationOptions=options,
                             accessMode="overwrite", options=["-preserve_fid"])
    postgis.psql("GRANT SELECT ON ALL TABLES IN SCHEMA public, statistiek TO mdi_gebruiker")
    return PG_INPUTS


def gpkg_source(path, layer):
    return "{}|layername={}".format(path, layer)


def table_checksum(postgis, schema, table):
    """md5 over all rows of a table, in fid order (detects any change)."""
    return postgis.psql('SELECT md5(string_agg(t::text, \'|\' ORDER BY t.fid)) FROM '
                        '"{}"."{}" t'.format(schema, table.replace('"', '""')))


def as_source(destination):
    """A destination as an input: QGIS 3.22 reads "postgres://" URIs, not "postgis:"."""
    if destination.startswith("postgis:"):
        return "postgres://" + destination[len("postgis:"):]
    return destination


def chain_parameters(inputs, destinations):
    """Parameters of the five steps; ``inputs``/``destinations`` map names to sources and
    destinations, and each step reads the previous step's output."""
    outputs = {step: as_source(d) for step, d in destinations.items()}
    return {
        "compute": ("mdi:computemdi", {"INPUT": inputs["gemeenten"], "YEAR_FIELD": "jaar",
                                       "OUTPUT": destinations["compute"]}),
        "classify": ("mdi:classifyquartiles", {"INPUT": outputs["compute"],
                                               "OUTPUT": destinations["classify"]}),
        "aggregate": ("mdi:aggregatetoregions", {
            "INPUT": outputs["classify"], "REGIONS": inputs["corop_regios"],
            "REGIONS_ID_FIELD": "coropcode", "YEAR_FIELD": "jaar",
            "WEIGHT_FIELD": "inwoners", "OUTPUT": destinations["aggregate"]}),
        "flag": ("mdi:flagperiphery", {"INPUT": outputs["aggregate"],
                                       "ZONES": inputs["zones"],
                                       "OUTPUT": destinations["flag"]}),
        "join": ("mdi:joinregiokompas", {"INPUT": outputs["classify"],
                                         "REGIOKOMPAS": inputs["regiokompas"],
                                         "OUTPUT": destinations["join"]}),
    }


def run_chain(steps):
    """Run the steps in order; returns ({step: results}, {step: LogFeedback})."""
    results, logs = {}, {}
    for step, (algorithm, parameters) in steps.items():
        logs[step] = LogFeedback()
        results[step] = processing.run(algorithm, parameters, feedback=logs[step])
    return results, logs


class MessageLogSpy:
    """Collects everything written to the QGIS message log while it is active."""

    def __init__(self):
        self.messages = []

    def __call__(self, message, tag, level):
        self.messages.append("{}: {}".format(tag, message))

    def __enter__(self):
        QgsApplication.messageLog().messageReceived.connect(self)
        return self

    def __exit__(self, *exc):
        QgsApplication.messageLog().messageReceived.disconnect(self)


@pytest.fixture(scope="module")
def chains(mdi_provider, postgis, pg_tables, pg_authcfg, source_gpkg, tmp_path_factory):
    """The chain on GeoPackage and on PostGIS: results, logs, output layers."""
    out = tmp_path_factory.mktemp("gpkg-out")
    gpkg_in = {name: gpkg_source(source_gpkg, name) for name in PG_INPUTS}
    gpkg_out = {step: str(out / "{}.gpkg".format(step)) for step in PG_OUTPUTS}
    pg_in = {name: "postgres://" + postgis.uri(table, schema, geometry, pg_authcfg)
             for name, (schema, table, geometry) in PG_INPUTS.items()}
    pg_out = {step: "postgis:" + postgis.uri(table, OUTPUT_SCHEMA, "geom", pg_authcfg)
              for step, table in PG_OUTPUTS.items()}
    pg_out["join"] = "postgres://" + pg_out["join"][len("postgis:"):]   # both spellings
    before = {name: table_checksum(postgis, schema, table)
              for name, (schema, table, _) in PG_INPUTS.items()}
    gpkg_results, gpkg_logs = run_chain(chain_parameters(gpkg_in, gpkg_out))
    with MessageLogSpy() as spy:
        pg_results, pg_logs = run_chain(chain_parameters(pg_in, pg_out))
    after = {name: table_checksum(postgis, schema, table)
             for name, (schema, table, _) in PG_INPUTS.items()}
    return {"gpkg": (gpkg_results, gpkg_logs, gpkg_out), "pg": (pg_results, pg_logs, pg_out),
            "message_log": spy.messages, "checksums": (before, after)}


def output_layer(destination):
    """The layer a destination string (file or PostGIS URI) refers to."""
    for prefix in ("postgis:", "postgres://"):
        if destination.startswith(prefix):
            layer = QgsVectorLayer(destination[len(prefix):], "out", "postgres")
            break
    else:
        layer = QgsVectorLayer(destination, "out", "ogr")
    assert layer.isValid(), destination
    return layer


def storage_keys(layer, other):
    """Primary-key fields the format added (GeoPackage 'fid', PostGIS 'id') that the other
    layer does not have: they are not fields the algorithm wrote."""
    names = layer.fields().names()
    return {names[i] for i in layer.primaryKeyAttributes()} - set(other.fields().names())


def keyed_rows(layer, keys, ignore=()):
    rows = [{k: v for k, v in row.items() if k not in ignore}
            for row in layer_rows(layer, with_geometry=True)]
    keyed = {tuple(row[k] for k in keys): row for row in rows}
    assert len(keyed) == len(rows), "key {} is not unique".format(keys)
    return keyed


# ----------------------------------------------------------------------------- tests

def test_the_server_is_postgresql_15_or_newer_with_postgis_3(postgis):
    # Debian 12 ships PostgreSQL 15, Debian 13 17, sid 18: whatever the release has
    major = int(postgis.psql("SHOW server_version").split(".")[0])
    assert major >= 15
    assert postgis.psql("SELECT postgis_lib_version()").startswith("3.")
    assert postgis.psql("SHOW listen_addresses") == "127.0.0.1"
    assert str(postgis.folder) in postgis.psql("SHOW data_directory")


@pytest.mark.parametrize("step", list(PG_OUTPUTS))
def test_postgis_output_equals_geopackage_output(chains, step):
    gpkg_results, _, gpkg_out = chains["gpkg"]
    pg_results, _, pg_out = chains["pg"]
    expected = output_layer(gpkg_out[step])
    actual = output_layer(pg_out[step])
    ignore_expected = storage_keys(expected, actual)
    ignore_actual = storage_keys(actual, expected)
    assert ignore_expected <= {"fid"} and ignore_actual <= {"id"}
    assert [n for n in actual.fields().names() if n not in ignore_actual] == \
        [n for n in expected.fields().names() if n not in ignore_expected]
    assert actual.wkbType() == expected.wkbType()
    assert actual.crs().authid() == expected.crs().authid() == "EPSG:28992"
    expected_rows = keyed_rows(expected, KEYS[step], ignore_expected)
    actual_rows = keyed_rows(actual, KEYS[step], ignore_actual)
    assert expected_rows and actual_rows.keys() == expected_rows.keys()
    for key, row in expected_rows.items():
        assert actual_rows[key] == row, key          # every value and vertex, exactly
    counts = {k: v for k, v in pg_results[step].items() if k != "OUTPUT"}
    assert counts == {k: v for k, v in gpkg_results[step].items() if k != "OUTPUT"}


def test_outputs_are_in_the_non_public_schema_under_their_exact_names(chains, postgis):
    listed = postgis.psql("SELECT tablename FROM pg_tables WHERE schemaname = '{}' "
                          "ORDER BY 1".format(OUTPUT_SCHEMA)).splitlines()
    # QGIS 3.28+ keeps the layer metadata (the run records) in the schema of the table
    assert sorted(set(listed) - {"qgis_layer_metadata"}) == sorted(PG_OUTPUTS.values())
    owner = postgis.psql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = "
                         "'{}'".format(OUTPUT_SCHEMA))
    assert owner == "mdi_gebruiker"                      # written with the authcfg login


def test_the_postgis_inputs_are_unchanged(chains):
    before, after = chains["checksums"]
    assert before == after and all(before.values())


def test_no_password_in_logs_outputs_or_layer_metadata(chains, postgis, pg_authcfg):
    password = postgis.user_password
    pg_results, pg_logs, pg_out = chains["pg"]
    texts = [log.text for log in pg_logs.values()] + chains["message_log"]
    texts += [json.dumps(results, default=str) for results in pg_results.values()]
    for destination in pg_out.values():
        layer = output_layer(destination)
        assert "authcfg={}".format(pg_authcfg) in layer.source()
        texts += [layer.source(), layer.publicSource(), layer.htmlMetadata(),
                  layer.metadata().abstract(), str(layer.dataProvider().dataSourceUri())]
    assert texts and not [t for t in texts if password in t]


def test_no_password_in_error_messages(mdi_provider, postgis, pg_tables, pg_authcfg):
    password = postgis.user_password
    schema, table, geometry = PG_INPUTS["gemeenten"]
    source = "postgres://" + postgis.uri(table, schema, geometry, pg_authcfg)
    runs = {"missing field": ("mdi:classifyquartiles", {
                "INPUT": source, "FIELD": "bestaat_niet", "OUTPUT": "memory:"}),
            "output replaces input": ("mdi:computemdi", {
                "INPUT": source, "OUTPUT": "postgis:" + postgis.uri(
                    table, schema, geometry, pg_authcfg)}),
            "no such table": ("mdi:classifyquartiles", {
                "INPUT": "postgres://" + postgis.uri("bestaat niet", schema, geometry,
                                                     pg_authcfg), "OUTPUT": "memory:"})}
    errors = {}
    for name, (algorithm, parameters) in runs.items():
        feedback = LogFeedback()
        with MessageLogSpy() as spy, pytest.raises(QgsProcessingException) as raised:
            processing.run(algorithm, parameters, feedback=feedback)
        errors[name] = [str(raised.value), feedback.text] + spy.messages
    assert "bestaat_niet" in errors["missing field"][0]
    assert "would replace the input" in errors["output replaces input"][0]
    assert "bestaat niet" in errors["no such table"][0]
    assert not [e for texts in errors.values() for e in texts if password in e]


def test_a_password_typed_into_the_uri_is_masked_in_our_messages(
        mdi_provider, postgis, pg_tables):
    """Without authcfg (not recommended) our own messages still mask the password."""
    schema, table, geometry = PG_INPUTS["gemeenten"]
    uri = postgis.uri(table, schema, geometry) + " user='{}' password='{}'".format(
        "mdi_gebruiker", postgis.user_password)
    feedback = LogFeedback()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("mdi:computemdi", {"INPUT": "postgres://" + uri,
                                          "OUTPUT": "postgis:" + uri}, feedback=feedback)
    assert "would replace the input" in str(raised.value)
    assert postgis.user_password not in str(raised.value) + feedback.text


def test_existing_output_table_is_replaced_never_appended(mdi_provider, postgis, pg_tables,
                                                          pg_authcfg):
    schema, table, geometry = PG_INPUTS["gemeenten"]
    parameters = {"INPUT": "postgres://" + postgis.uri(table, schema, geometry, pg_authcfg),
                  "YEAR_FIELD": "jaar",
                  "OUTPUT": "postgis:" + postgis.uri("Twee keer", OUTPUT_SCHEMA, "geom",
                                                     pg_authcfg)}
    first = LogFeedback()
    processing.run("mdi:computemdi", parameters, feedback=first)
    second = LogFeedback()
    result = processing.run("mdi:computemdi", parameters, feedback=second)
    count = int(postgis.psql('SELECT count(*) FROM "mdi uitvoer"."Twee keer"'))
    assert count == result["FEATURE_COUNT"] == 144               # replaced, not 288
    assert not any("replaced" in w for w in first.warnings)
    assert any('existing table "mdi uitvoer"."Twee keer"' in w and "replaced" in w
               for w in second.warnings)
    postgis.psql('DROP TABLE "mdi uitvoer"."Twee keer"')


def test_output_that_would_replace_the_input_table_is_refused(mdi_provider, postgis,
                                                              pg_tables, pg_authcfg):
    schema, table, geometry = PG_INPUTS["gemeenten"]
    before = table_checksum(postgis, schema, table)
    uri = postgis.uri(table, schema, geometry, pg_authcfg)
    with pytest.raises(QgsProcessingException, match="would replace the input INPUT"):
        processing.run("mdi:computemdi", {"INPUT": "postgres://" + uri, "YEAR_FIELD": "jaar",
                                          "OUTPUT": "postgis:" + uri})
    assert table_checksum(postgis, schema, table) == before


@pytest.mark.parametrize("when", ["first update", "while writing"])
def test_cancel_while_writing_to_postgis_leaves_no_table(mdi_provider, postgis, pg_tables,
                                                         pg_authcfg, when):
    """Cancel a run into PostGIS (144 features) at its first progress update, and at an
    update of the writing half (the table exists then): never a table left over."""
    schema, table, geometry = PG_INPUTS["gemeenten"]
    source = "postgres://" + postgis.uri(table, schema, geometry, pg_authcfg)
    n = 1
    if when == "while writing":
        probe = CancelAfter(10 ** 9)
        processing.run("mdi:computemdi", {"INPUT": source, "YEAR_FIELD": "jaar",
                                          "OUTPUT": "memory:"}, feedback=probe)
        n = next(i for i, value in enumerate(probe.values, 1) if 50 < value < 100)
    target = "Afgebroken {}".format(n)
    feedback = CancelAfter(n)
    context = QgsProcessingContext()
    result = processing.run("mdi:computemdi", {
        "INPUT": source, "YEAR_FIELD": "jaar",
        "OUTPUT": "postgis:" + postgis.uri(target, OUTPUT_SCHEMA, "geom", pg_authcfg)},
        feedback=feedback, context=context)
    assert feedback.isCanceled() and "OUTPUT" not in result
    exists = postgis.psql("SELECT count(*) FROM pg_tables WHERE schemaname = '{}' AND "
                          "tablename = '{}'".format(OUTPUT_SCHEMA, target))
    assert exists == "0"
    if when == "while writing":                         # the table existed, then went
        assert any("incomplete output" in line and target in line for line in feedback.infos)


@pytest.mark.qgis_process
def test_qgis_process_with_an_authentication_configuration(postgis, pg_tables, tmp_path,
                                                           qgis_process):
    """The command line: authcfg from an authentication database and a master password
    file (QGIS_AUTH_DB_DIR_PATH, QGIS_AUTH_PASSWORD_FILE), PostGIS in and out."""
    auth_dir = tmp_path / "auth"
    auth_dir.mkdir()
    master = tmp_path / "master.txt"
    master.write_text("command-line-master")
    script = (
        "import sys\n"
        "from qgis.core import QgsApplication, QgsAuthMethodConfig\n"
        "app = QgsApplication([], False); app.initQgis()\n"
        "manager = QgsApplication.authManager()\n"
        "assert manager.setMasterPassword(open(sys.argv[1]).read().strip(), True)\n"
        "config = QgsAuthMethodConfig('Basic'); config.setId('mdipg01')\n"
        "config.setName('mdi'); config.setConfig('username', 'mdi_gebruiker')\n"
        "config.setConfig('password', sys.stdin.read())\n"
        "ok = manager.storeAuthenticationConfig(config)\n"
        "assert ok[0] if isinstance(ok, tuple) else ok\n"
        "app.exitQgis()\n")
    env = dict(os.environ, QGIS_AUTH_DB_DIR_PATH=str(auth_dir) + "/",
               QT_QPA_PLATFORM="offscreen")
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    made = subprocess.run(["/usr/bin/python3", "-c", script, str(master)],
                          input=postgis.user_password, env=env, capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    schema, table, geometry = PG_INPUTS["gemeenten"]
    target = "Via de opdrachtregel"
    result = qgis_process(
        "run", "mdi:computemdi", "--json", "--",
        "INPUT=postgres://" + postgis.uri(table, schema, geometry, "mdipg01"),
        "YEAR_FIELD=jaar",
        "OUTPUT=postgis:" + postgis.uri(target, OUTPUT_SCHEMA, "geom", "mdipg01"),
        env={"QGIS_AUTH_DB_DIR_PATH": str(auth_dir) + "/",
             "QGIS_AUTH_PASSWORD_FILE": str(master)})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert json.loads(result.stdout[result.stdout.index("{"):])["results"][
        "FEATURE_COUNT"] == 144
    assert int(postgis.psql('SELECT count(*) FROM "mdi uitvoer"."{}"'.format(target))) == 144
    assert postgis.user_password not in output
    postgis.psql('DROP TABLE "mdi uitvoer"."{}"'.format(target))
    assert sys.platform.startswith("linux")


def test_a_postgis_output_carries_its_record_as_qgis_metadata(mdi_provider, postgis,
                                                              pg_tables, pg_authcfg):
    """Issue #17: the record of the run is stored with QGIS's own layer metadata storage
    for PostgreSQL (QGIS 3.28+: table qgis_layer_metadata), so any layer loaded on the
    table shows it; QGIS 3.22 cannot store it, and says so in one warning."""
    from mdi_plugin.processing.run_record import can_save_in_postgres
    schema, table, geometry = PG_INPUTS["gemeenten"]
    uri = postgis.uri("Met verslag", OUTPUT_SCHEMA, "geom", pg_authcfg)
    feedback = LogFeedback()
    processing.run("mdi:computemdi", {
        "INPUT": "postgres://" + postgis.uri(table, schema, geometry, pg_authcfg),
        "YEAR_FIELD": "jaar", "OUTPUT": "postgis:" + uri}, feedback=feedback)
    if not can_save_in_postgres():     # QGIS < 3.28: one warning naming the table
        record_warnings = [w for w in feedback.warnings if "record" in w]
        assert len(record_warnings) == 1 and '"Met verslag"' in record_warnings[0]
    else:
        assert not feedback.warnings
        layer = QgsVectorLayer(uri, "later", "postgres")     # read back from the database
        assert layer.isValid()
        metadata = layer.metadata()                          # Layer Properties > Metadata
        assert "Re-run: qgis_process run mdi:computemdi" in metadata.abstract()
        record = json.loads(metadata.history()[0])
        assert record["algorithm"] == "mdi:computemdi"
        assert record["features_in"] == {"INPUT": 144}
        assert record["features_out"] == 144
        assert "Met verslag" in record["destination"]
        text = postgis.psql("SELECT string_agg(qmd::text, '') FROM "
                            '"mdi uitvoer".qgis_layer_metadata')   # QGIS: the table's schema
        assert "Met verslag" in text
        assert postgis.user_password not in text and pg_authcfg not in text
    postgis.psql('DROP TABLE "mdi uitvoer"."Met verslag"')
