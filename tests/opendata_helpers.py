"""The local stand-in for CBS, dataderden and PDOK (opendata_server.py) as the tests use it:
a run helper with its own cache folder, and the settings of a session."""

from contextlib import contextmanager

from qgis.core import QgsSettings

from mdi_plugin.processing import opendata_client
from mdi_test_helpers import LogFeedback
from opendata_server import OpenDataServer

ALGORITHM = "mdi:downloadopendata"


class OpenData:
    """The stand-in server plus a run helper with its own cache folder (the profile)."""

    def __init__(self, server, monkeypatch, profile):
        self.server, self.monkeypatch, self.profile = server, monkeypatch, profile
        monkeypatch.setattr(opendata_client, "profile_folder",
                            lambda *parts: str(profile.joinpath(*parts)))
        self.use("recorded")

    def use(self, variant):
        for name, value in self.server.environment(variant).items():
            self.monkeypatch.setenv(name, value)

    def run(self, output, **params):
        from qgis import processing
        feedback = LogFeedback()
        result = processing.run(ALGORITHM, dict(
            {"YEARS": "2024", "LEVEL": 2, "SOURCES": [0, 3], "GEOMETRY": False,
             "OUTPUT": str(output)}, **params), feedback=feedback)
        return result, feedback

    def hits(self, word):
        return [h for h in self.server.hits if word in h]


@contextmanager
def opendata_session(monkeypatch, tmp_path, timeout):
    """An OpenData on a running stand-in server, with one retry and ``timeout`` seconds
    per request (QGIS settings restored afterwards)."""
    settings = QgsSettings()
    settings.setValue("MDI/opendata/retries", 1)
    settings.setValue("MDI/opendata/timeout", timeout)
    try:
        with OpenDataServer() as server:
            yield OpenData(server, monkeypatch, tmp_path / "profile")
    finally:
        settings.remove("MDI/opendata/retries")
        settings.remove("MDI/opendata/timeout")
