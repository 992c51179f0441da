"""A real, throwaway PostgreSQL (15 or newer) + PostGIS 3 server for the PostGIS tests.

``postgis`` (session) runs ``initdb`` in a new temporary folder, starts the server with
``pg_ctl`` on a free loopback port (127.0.0.1, unix socket in the same folder; fsync off)
and stops it and removes the folder when the session ends. Nothing outside the folder is
touched. As root the server runs as the ``postgres`` system user (``runuser``), because
initdb refuses to run as root.

The Debian packages come from scripts/setup.sh (postgresql-N, postgresql-N-postgis-3 of
the release: 15 on Debian 12, 17 on Debian 13, 18 on sid).
Without them the tests FAIL with a message saying so: they are never skipped.
Override the binaries with MDI_PG_BINDIR, e.g. /usr/lib/postgresql/15/bin.

Fixtures:

* ``postgis`` -> PostgisServer: database ``mdi_test`` with PostGIS, an admin role and a
  non-superuser role ``mdi_gebruiker`` (random password) that owns the schemas
  ``statistiek`` and ``mdi uitvoer`` (a name that needs quotes). ``server.psql(sql)``
  runs SQL as admin and returns the output rows as text.
* ``pg_authcfg`` -> id of a QGIS authentication configuration (method Basic) holding
  the login of ``mdi_gebruiker``; the algorithms only ever see ``authcfg=<id>``.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DATABASE = "mdi_test"
ADMIN = "mdi_admin"
USER = "mdi_gebruiker"
#: Master password of the QGIS authentication database used by the in-process tests.
AUTH_MASTER_PASSWORD = "mdi-test-master-password"
SETUP_HINT = ("Run `bash scripts/setup.sh` (as root or with sudo): it installs the Debian "
              "packages postgresql-N and postgresql-N-postgis-3 (N: the release's PostgreSQL) "
              "that the PostGIS tests need. Or point MDI_PG_BINDIR at the bin folder of "
              "PostgreSQL 15 or newer.")


def _fail(message):
    pytest.fail("PostGIS test server: " + message, pytrace=False)


def _bindir() -> Path:
    configured = os.environ.get("MDI_PG_BINDIR")
    candidates = [configured] if configured else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
        reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    _fail("no PostgreSQL server (initdb) found. " + SETUP_HINT)


def _check_postgis(bindir: Path):
    version = bindir.parent.name
    control = Path("/usr/share/postgresql") / version / "extension" / "postgis.control"
    if not control.is_file():
        _fail("PostGIS is not installed for PostgreSQL {} ({} missing). {}".format(
            version, control, SETUP_HINT))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgisServer:
    """A running throwaway server; connection facts and helpers."""

    bindir: Path
    folder: Path
    port: int
    admin_password: str
    user_password: str
    host: str = "127.0.0.1"
    database: str = DATABASE
    user: str = USER
    run_as: list = field(default_factory=list)

    def _env(self, password):
        env = dict(os.environ)
        env.update(PGPASSWORD=password, PGCONNECT_TIMEOUT="10", PGSSLMODE="disable")
        return env

    def psql(self, sql: str, database: str | None = None, user: str = ADMIN) -> str:
        """Run SQL (psql, unaligned, tuples only); returns stdout. Fails on an error."""
        password = self.admin_password if user == ADMIN else self.user_password
        result = subprocess.run(
            [str(self.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-h", self.host, "-p", str(self.port), "-U", user, "-d",
             database or self.database, "-c", sql],
            env=self._env(password), capture_output=True, text=True, timeout=120,
            stdin=subprocess.DEVNULL)
        if result.returncode:
            raise RuntimeError("psql failed: {}\n{}".format(sql, result.stderr))
        return result.stdout.strip()

    def gdal_connection(self) -> str:
        """A GDAL "PG:" connection string (admin; only for loading test data)."""
        return ("PG:host={} port={} dbname={} user={} password={} sslmode=disable".format(
            self.host, self.port, self.database, ADMIN, self.admin_password))

    def uri(self, table, schema="public", geometry="geom", authcfg=None, key=None):
        """QGIS data source URI of a table (no password: use ``authcfg``)."""
        parts = ["dbname='{}'".format(self.database), "host={}".format(self.host),
                 "port={}".format(self.port), "sslmode=disable"]
        if authcfg:
            parts.append("authcfg={}".format(authcfg))
        if key:
            parts.append("key='{}'".format(key))
        parts.append('table="{}"."{}"'.format(schema.replace('"', '""'),
                                              table.replace('"', '""')))
        if geometry:
            parts.append("({})".format(geometry))
        return " ".join(parts)

    def stop(self):
        subprocess.run(self.run_as + [str(self.bindir / "pg_ctl"), "-D",
                                      str(self.folder / "data"), "-m", "immediate", "-w",
                                      "stop"],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def _start_server() -> PostgisServer:
    bindir = _bindir()
    _check_postgis(bindir)
    run_as = []
    folder = Path(tempfile.mkdtemp(prefix="mdi-postgis-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder, ignore_errors=True)
            _fail("running as root, but there is no 'postgres' system user to run the "
                  "server as (initdb refuses root). " + SETUP_HINT)
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    server = PostgisServer(bindir=bindir, folder=folder, port=_free_port(),
                           admin_password="adm-" + secrets.token_hex(12),
                           user_password="Mdi-Geheim-" + secrets.token_hex(8),
                           run_as=run_as)
    password_file = folder / "pwfile"
    password_file.write_text(server.admin_password + "\n")
    if run_as:
        os.chown(password_file, owner.pw_uid, owner.pw_gid)

    def run(args, what):
        result = subprocess.run(run_as + args, capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL, cwd=str(folder))
        if result.returncode:
            log = folder / "server.log"
            _fail("{} failed (exit {}):\n{}\n{}\n{}".format(
                what, result.returncode, result.stdout, result.stderr,
                log.read_text(errors="replace") if log.exists() else ""))

    run([str(bindir / "initdb"), "-D", str(folder / "data"), "-U", ADMIN,
         "--pwfile", str(password_file), "-A", "scram-sha-256", "--auth-local=trust",
         "-E", "UTF8", "--locale=C", "--no-sync"], "initdb")
    password_file.unlink()
    options = ("-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off").format(
                   port=server.port, folder=folder)
    run([str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-l",
         str(folder / "server.log"), "-w", "-t", "60", "-o", options, "start"], "pg_ctl start")
    return server


def _prepare_database(server: PostgisServer):
    server.psql("CREATE DATABASE {}".format(DATABASE), database="postgres")
    server.psql("CREATE EXTENSION postgis")
    server.psql("CREATE ROLE {} LOGIN PASSWORD '{}'".format(USER, server.user_password))
    server.psql("GRANT CREATE, CONNECT ON DATABASE {db} TO {user}; "
                "GRANT ALL ON SCHEMA public TO {user}; "
                "CREATE SCHEMA statistiek AUTHORIZATION {user}; "
                'CREATE SCHEMA "mdi uitvoer" AUTHORIZATION {user}'.format(
                    db=DATABASE, user=USER))


@pytest.fixture(scope="session")
def postgis(request) -> PostgisServer:
    """A running throwaway PostgreSQL + PostGIS server (stopped at the end)."""
    started = time.monotonic()
    server = _start_server()

    def stop():
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)

    request.addfinalizer(stop)
    try:
        _prepare_database(server)
    except RuntimeError as err:
        _fail(str(err))
    server.startup_seconds = time.monotonic() - started
    return server


@pytest.fixture(scope="session")
def pg_authcfg(postgis, qgis_app):
    """Id of a QGIS authentication configuration with the login of mdi_gebruiker."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if manager.isDisabled():
        _fail("the QGIS authentication system is disabled: {}".format(
            manager.disabledMessage()))
    if not manager.setMasterPassword(AUTH_MASTER_PASSWORD, True):
        _fail("the QGIS authentication database {} has another master password than "
              "the tests use; delete that file (it belongs to the test profile).".format(
                  manager.authenticationDatabasePath()))
    config = QgsAuthMethodConfig()
    config.setName("mdi-postgis-test")
    config.setMethod("Basic")
    config.setConfig("username", USER)
    config.setConfig("password", postgis.user_password)
    stored = manager.storeAuthenticationConfig(config)
    ok, config = stored if isinstance(stored, tuple) else (stored, config)
    if not ok or not config.id():
        _fail("could not store a QGIS authentication configuration")
    yield config.id()
    manager.removeAuthenticationConfig(config.id())
