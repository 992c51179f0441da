"""The bundled style files: ``resources/styles/*.qml`` and the layout template, generated
from the same code as every other MDI style (scripts/build_styles.py writes them; a test
checks the committed files equal a fresh generation).

| file | layer | style |
| --- | --- | --- |
| mdi_klassen.qml | field ``mdi`` | report breaks 40/50/60 + "Geen gegevens" |
| mdi_klasse.qml | field ``mdi_klasse`` (mdi:classifyquartiles) | classes 1-4 + NULL |
| mdi_verandering.qml | field ``verschil_mdi`` (mdi:changeovertime) | diverging, centred on 0 |
| mdi_zones.qml | ``zone``, ``focusregio``, ``coropnaam`` (mdi:flagperiphery) | zone overlay |
| mdi_top10.qml | highlight layer (``rang``) | heavy outline + rank label |

Quartile styles depend on the data, so they have no fixed .qml: use the dock,
``renderers.apply_choropleth(layer, field, QUARTILES)`` or an algorithm output.
"""

import os
import re
from xml.etree import ElementTree

from qgis.core import QgsCoordinateReferenceSystem, QgsMapLayer, QgsProject, QgsVectorLayer

from ..i18n import tr
from ..paths import resource_path
from .classes import change_scheme, report_scheme
from .layout import TEMPLATE, TEMPLATE_CRS, build_template_layout, save_template
from .renderers import (PROP_FIELD, PROP_SCHEME, PROP_STYLE, STYLE_CHOROPLETH,
                        STYLE_KLASSE, choropleth_renderer, klasse_renderer)
from .topn import apply_highlight_style
from .zones import apply_zone_overlay

STYLES_DIR = resource_path("styles")
REPORT_LABELS = {1: "Laag", 2: "Gematigd", 3: "Hoog", 4: "Zeer hoog"}
_POLYGON = "Polygon?crs=EPSG:28992"


def _layer(fields):
    uri = _POLYGON + "".join("&field={}:{}".format(name, kind) for name, kind in fields)
    return QgsVectorLayer(uri, "mdi", "memory")


def _classes(field, scheme_builder):
    layer = _layer([(field, "double")])
    scheme = scheme_builder(field, translate=tr)
    layer.setRenderer(choropleth_renderer(scheme))
    layer.setCustomProperty(PROP_STYLE, STYLE_CHOROPLETH)
    layer.setCustomProperty(PROP_FIELD, field)
    layer.setCustomProperty(PROP_SCHEME, scheme.scheme)
    return layer


def _klasse():
    layer = _layer([("mdi_klasse", "integer"), ("mdi_klasse_label", "string")])
    layer.setRenderer(klasse_renderer("mdi_klasse", REPORT_LABELS))
    layer.setCustomProperty(PROP_STYLE, STYLE_KLASSE)
    layer.setCustomProperty(PROP_FIELD, "mdi_klasse")
    return layer


def _zones():
    layer = _layer([("coropcode", "string"), ("coropnaam", "string"), ("zone", "string"),
                    ("focusregio", "integer"), ("mdi", "double")])
    apply_zone_overlay(layer)
    return layer


def _top10():
    layer = _layer([("rang", "integer"), ("code", "string"), ("naam", "string"),
                    ("waarde", "double")])
    apply_highlight_style(layer, 10, "mdi")
    return layer


#: file name -> function returning a styled memory layer.
STYLE_BUILDERS = {
    "mdi_klassen.qml": lambda: _classes("mdi", report_scheme),
    "mdi_klasse.qml": _klasse,
    "mdi_verandering.qml": lambda: _classes("verschil_mdi", change_scheme),
    "mdi_zones.qml": _zones,
    "mdi_top10.qml": _top10,
}
_CATEGORIES = (QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Labeling |
               QgsMapLayer.StyleCategory.CustomProperties)


def build_styles(out_dir=STYLES_DIR):
    """Write every STYLE_BUILDERS .qml into ``out_dir``; returns the paths."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, builder in STYLE_BUILDERS.items():
        path = os.path.join(out_dir, name)
        message, ok = builder().saveNamedStyle(path, _CATEGORIES)
        if not ok:
            raise RuntimeError("could not write {}: {}".format(path, message))
        write_canonical(path)
        paths.append(path)
    return paths


def build_layout_template(path=TEMPLATE):
    """Write the print layout template; returns its path."""
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(TEMPLATE_CRS))
    save_template(build_template_layout(project), path)
    write_canonical(path)
    return path


_GUID = re.compile(r"\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}\}")
_VERSION = re.compile(r'(version|qgisVersion)="[^"]*"')
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>\s*")


def _sorted_xml(text):
    """C14N 2.0 form of an XML text (attributes sorted), also of XML nested in attribute
    values (QGIS stores e.g. line symbols as XML strings)."""
    root = ElementTree.fromstring(text)
    for element in root.iter():
        for key, value in list(element.attrib.items()):
            if value.lstrip().startswith("<"):
                try:
                    element.set(key, _sorted_xml(value))
                except ElementTree.ParseError:
                    pass
    return ElementTree.canonicalize(ElementTree.tostring(root, encoding="unicode"))


def canonical_xml(text):
    """A QGIS .qml / .qpt text made reproducible: attributes sorted (QGIS writes them in
    hash order, different in every process) and GUIDs numbered in order of appearance
    (links between layout items stay intact). The DOCTYPE is kept (QGIS needs it)."""
    match = _DOCTYPE.match(text)
    doctype = match.group(0).strip() + "\n" if match else ""
    body = _sorted_xml(text[match.end():] if match else text)
    numbers = {}

    def number(found):
        guid = found.group(0).lower()
        numbers.setdefault(guid, len(numbers) + 1)
        return "{{00000000-0000-0000-0000-{:012d}}}".format(numbers[guid])
    return doctype + _GUID.sub(number, body) + "\n"


def write_canonical(path):
    """Rewrite a QGIS XML file in canonical form."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(canonical_xml(text))


def normalised_xml(text):
    """Canonical text without what legitimately differs between machines (QGIS version)."""
    return _VERSION.sub(r'\1=""', canonical_xml(text))


def xml_differences(expected, actual):
    """What two QGIS .qml / .qpt texts disagree on, as a list of readable lines.

    Compares what they mean across QGIS versions: every attribute and text that both
    files have must be equal (GUIDs numbered, version stamps ignored), and elements of the
    same kind must come in the same number; an element or attribute that only one QGIS
    version writes (``frame_rate`` on symbols since 3.26, say), a value one version leaves
    empty and the colour spelling ("r,g,b,a" or "r,g,b,a,rgb:...") are no difference."""
    differences = []
    _compare(_named_guids(expected), _named_guids(actual), "", differences)
    return differences


def _named_guids(text):
    """The parsed XML with every GUID replaced by the name of the element it identifies
    (``uuid="{...}"`` of a layout item with ``id="kaart"`` -> ``{uuid:kaart}``), so links
    between items compare equal whatever order a QGIS version writes them in."""
    body = _DOCTYPE.sub("", text)
    names = {}
    for element in ElementTree.fromstring(body).iter():
        guid = element.get("uuid", "")
        label = element.get("id") or element.get("name")
        if _GUID.fullmatch(guid) and label:
            names.setdefault(guid.lower(), "{{uuid:{}}}".format(label))
    return ElementTree.fromstring(
        _GUID.sub(lambda found: names.get(found.group(0).lower(), "{uuid}"), body))


#: A colour as QGIS writes it: "r,g,b,a" (3.22) or "r,g,b,a,rgb:<floats>" (3.28+).
_COLOUR = re.compile(r"^(\d+,\d+,\d+,\d+)(,(rgb|hsv|hsl|cmyk):[0-9.,]*)?$")


def _value_meaning(value):
    match = _COLOUR.match(value)
    return match.group(1) if match else value


def _identity(element):
    return "{}[{}]".format(element.tag, element.get("name", "")) if element.get("name") \
        else element.tag


def _compare(expected, actual, path, differences):
    here = "{}/{}".format(path, _identity(expected))
    for key in sorted(set(expected.attrib) & set(actual.attrib)):
        if key in ("version", "qgisVersion"):
            continue
        want, have = expected.get(key), actual.get(key)
        if _value_meaning(want) == _value_meaning(have) or "" in (want, have):
            continue  # equal, or left empty (unused) by one of the versions
        if want.lstrip().startswith("<") and have.lstrip().startswith("<"):
            try:
                _compare(ElementTree.fromstring(want), ElementTree.fromstring(have),
                         here + "@" + key, differences)
                continue
            except ElementTree.ParseError:
                pass
        differences.append("{}@{}: {!r} != {!r}".format(here, key, want, have))
    if (expected.text or "").strip() != (actual.text or "").strip():
        differences.append("{}: text {!r} != {!r}".format(
            here, (expected.text or "").strip(), (actual.text or "").strip()))
    wanted, had = {}, {}
    for child in expected:
        wanted.setdefault(_identity(child), []).append(child)
    for child in actual:
        had.setdefault(_identity(child), []).append(child)
    for identity in sorted(set(wanted) & set(had)):
        if len(wanted[identity]) != len(had[identity]):
            differences.append("{}/{}: {} != {} elements".format(
                here, identity, len(wanted[identity]), len(had[identity])))
        for child_want, child_have in zip(wanted[identity], had[identity]):
            _compare(child_want, child_have, here, differences)
