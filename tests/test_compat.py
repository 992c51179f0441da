"""The QGIS 3.22 / 4.x bridge in mdi_plugin/compat.py, each branch that can run here."""

from types import SimpleNamespace

import pytest
from qgis.core import NULL, Qgis
from qgis.PyQt.QtCore import QVariant

from mdi_plugin import compat


def test_enum_prefers_the_new_location_when_it_exists():
    new = SimpleNamespace(Kind=SimpleNamespace(Vector="new"))
    old = SimpleNamespace(Type=SimpleNamespace(TypeVector="old"))
    assert compat._enum(new, "Kind.Vector", old, "Type.TypeVector") == "new"


def test_enum_falls_back_to_the_322_location():
    new = SimpleNamespace()                                  # e.g. Qgis of QGIS 3.22
    old = SimpleNamespace(Type=SimpleNamespace(TypeVector="old"))
    assert compat._enum(new, "Kind.Vector", old, "Type.TypeVector") == "old"
    partly = SimpleNamespace(Kind=SimpleNamespace())         # enum class without member
    assert compat._enum(partly, "Kind.Vector", old, "Type.TypeVector") == "old"


def test_enum_with_neither_location_fails_loudly():
    with pytest.raises(AttributeError):
        compat._enum(SimpleNamespace(), "A.B", SimpleNamespace(), "C.D")


def test_every_bridged_constant_resolves_on_this_qgis():
    names = [n for n in dir(compat) if n.isupper() and not n.startswith("_")]
    assert len(names) > 10
    for name in names:
        assert getattr(compat, name) is not None, name


@pytest.mark.parametrize("kind, numeric, variant_type", [
    ("double", True, QVariant.Type.Double), ("int", True, QVariant.Type.Int),
    ("string", False, QVariant.Type.String)])
def test_new_field_on_this_qgis(kind, numeric, variant_type):
    """On QGIS < 3.38 fields are typed with QVariant (QMetaType from 3.38 on)."""
    assert compat._FIELD_TAKES_METATYPE == (Qgis.versionInt() >= 33800)
    field = compat.new_field("x", kind)
    assert field.name() == "x" and field.isNumeric() == numeric
    if not compat._FIELD_TAKES_METATYPE:
        assert field.type() == variant_type


def test_nulls_in_both_spellings():
    assert compat.is_null(None) and compat.is_null(NULL)
    assert not compat.is_null(0) and not compat.is_null("")
    assert compat.null_to_none([NULL, None, 0, "a"]) == [None, None, 0, "a"]
