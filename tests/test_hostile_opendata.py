"""mdi:downloadopendata against a hostile network (the local stand-in's variants): a 500,
a busy server, a time-out, a cut-off body, an HTML login page, many pages, bad parameters
and a cancel anywhere. Each failure is one clear message naming what and where, and leaves
no output behind; nothing hangs."""

import pytest
from qgis.core import QgsProcessingException, QgsSettings

from mdi_safety_helpers import assert_cancel_leaves_nothing
from test_download_opendata import ALGORITHM, rows


@pytest.fixture
def opendata(mdi_provider, monkeypatch, tmp_path):
    from opendata_helpers import opendata_session
    with opendata_session(monkeypatch, tmp_path, timeout=1) as session:
        yield session


def fails(opendata, tmp_path, variant, *words, **params):
    """Run in ``variant``; the error holds every word and no output is left."""
    opendata.use(variant)
    out = tmp_path / "out" / "open.gpkg"
    out.parent.mkdir()
    with pytest.raises(QgsProcessingException) as raised:
        opendata.run(out, **params)
    message = str(raised.value)
    for word in words:
        assert word in message, message
    assert "Traceback" not in message
    assert list(out.parent.iterdir()) == []
    return message


def test_a_server_error_is_retried_then_named(opendata, tmp_path):
    fails(opendata, tmp_path, "error500", "127.0.0.1:{}".format(opendata.server.port),
          "85984NED TypedDataSet", "HTTP 500 Internal Server Error", "proxy",
          "No cached years")
    assert len(opendata.hits("error500/cbs/85984NED/TypedDataSet")) == 2   # 1 + 1 retry


def test_a_busy_server_is_asked_again(opendata, tmp_path):
    opendata.use("flaky")
    result, _ = opendata.run(tmp_path / "ok.gpkg")
    assert result["N_AREAS"] == 46
    assert len(opendata.hits("flaky/cbs/85984NED/TypedDataSet")) == 2


def test_a_time_out_does_not_hang(opendata, tmp_path):
    QgsSettings().setValue("MDI/opendata/retries", 0)
    fails(opendata, tmp_path, "timeout", "no answer within 1 s", "85984NED TypedDataSet")


def test_a_cut_off_answer(opendata, tmp_path):
    fails(opendata, tmp_path, "truncated", "incomplete or not JSON", "cut off")


def test_an_html_page_instead_of_json(opendata, tmp_path):
    fails(opendata, tmp_path, "html", "web page (Proxy login) instead of data")


def test_pages_are_followed_to_the_end(opendata, tmp_path):
    result, _ = opendata.run(tmp_path / "whole.gpkg", GEOMETRY=True)
    opendata.use("paged")
    paged, _ = opendata.run(tmp_path / "paged.gpkg", GEOMETRY=True)
    assert len(opendata.hits("paged/dataderden/47018NED/TypedDataSet")) > 100
    assert len([h for h in opendata.hits("/paged/pdok/") if "startIndex" in h]) > 10
    _, whole = rows(tmp_path / "whole.gpkg", "buurtcode")
    _, pages = rows(tmp_path / "paged.gpkg", "buurtcode")
    assert sorted(whole) == sorted(pages) and paged["N_AREAS"] == result["N_AREAS"]
    for code, feature in whole.items():
        assert pages[code].attributes()[1:] == feature.attributes()[1:], code
        assert pages[code].geometry().equals(feature.geometry()), code


@pytest.mark.parametrize("params, words", [
    ({"YEARS": "2011"}, ["no 'Kerncijfers wijken en buurten' table is known for 2011",
                         "Known years: 2013"]),
    ({"YEARS": "volgend jaar"}, ["YEARS: 'volgend' is not a year"]),
    ({"GEMEENTEN": "GM9999"}, ["GEMEENTEN: GM9999 has no areas in the tables of 2024"]),
    ({"GEMEENTEN": "Amsterdam"}, ["'Amsterdam' is not a gemeente code"]),
    ({"SOURCES": []}, ["Incorrect parameter value for SOURCES"]),     # QGIS checks it
])
def test_bad_parameters(opendata, tmp_path, params, words):
    fails(opendata, tmp_path, "recorded", *words, **params)


def test_a_cancel_anywhere_leaves_nothing(opendata, tmp_path):
    assert_cancel_leaves_nothing(ALGORITHM, {"YEARS": "2024", "LEVEL": 2, "SOURCES": [0, 3],
                                             "GEOMETRY": True}, tmp_path)
