"""CBS area codes in their many forms."""

import pytest

from mdi_plugin.core.codes import gemeente_of, normalise_code, normalise_codes


@pytest.mark.parametrize("raw", ["GM0363", "gm0363", "GM363", "363", "0363", 363, 363.0,
                                 " GM0363 "])
def test_gemeente_forms(raw):
    assert normalise_code(raw, "GM") == "GM0363"


@pytest.mark.parametrize("raw", ["CR01", "cr01", "1", "01", 1, "CR1"])
def test_corop_forms(raw):
    assert normalise_code(raw, "CR") == "CR01"


@pytest.mark.parametrize("raw", [None, "", "abc", "WK036301", 363.5, float("nan"), True,
                                 "GM12345"])
def test_not_a_gemeente_code(raw):
    assert normalise_code(raw, "GM") is None


def test_gemeente_of_wijk_and_buurt():
    assert gemeente_of("BU03630101") == "GM0363"
    assert gemeente_of("wk036301") == "GM0363"
    assert gemeente_of("363") == "GM0363"
    assert gemeente_of(None) is None
    assert normalise_codes(["1", "x"], "PV") == ["PV01", None]
