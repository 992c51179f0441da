"""What mdi:gemeenterapport reads: the buurten of one year (gemeente, MDI, class,
inhabitants) and the gemeente-level MDI of all gemeenten (rank, national mean, domain
profile, change); the numbers themselves come from core.report."""

from dataclasses import dataclass
from typing import Dict, List, Optional

import numpy as np
from qgis.core import QgsFeature, QgsFeatureRequest, QgsVectorLayer

from ..compat import new_field
from ..core.classify import REPORT_BREAKS
from ..core.codes import area_keys, normalise_code
from ..core.compute import TOTAL_FIELD, domain_field
from ..core.errors import InputError
from ..core.fieldnames import find_shortened
from ..core.report import change_in_points, factorise_keys, gemeente_standing, very_high_rows
from ..core.spec import load_spec
from ..core.values import parse_numeric_column, parse_year_column
from ..i18n import tr
from ..styling.renderers import klasse_field_of
from ..styling.topn import (CODE_FIELDS, GEMEENTE_CODE_FIELDS, GEMEENTE_NAME_FIELDS,
                            NAME_FIELDS, gemeente_codes)
from .feature_io import read_columns
from .fields import find

YEAR_GUESSES = ("jaar", "year")


@dataclass
class Buurten:
    """The buurten of the report's year: one entry per row of that year."""

    ids: List[int]
    groups: np.ndarray                 # index into keys (-1: no gemeente)
    keys: List[str]                    # gemeente codes, sorted
    names: Dict[str, str]              # {gemeente code: name}
    values: np.ndarray                 # MDI
    population: np.ndarray
    very_high: np.ndarray              # in the class "Zeer hoog"
    unit_codes: List[Optional[str]]
    unit_names: List[Optional[str]]
    year: float
    year_field: Optional[str]
    value_field: str
    class_field: Optional[str]
    population_field: str


def _pick_year(years, wanted, what):
    """Rows of ``wanted`` (None: the latest year) and the year used."""
    present = np.unique(years[~np.isnan(years)])
    if wanted is None:
        if not present.size:
            raise InputError("The year field of {what} has no values.", what=what)
        wanted = float(present[-1])
    elif wanted not in present:
        raise InputError("Year {year:g} does not occur in {what} (years: {years}).",
                         year=wanted, what=what,
                         years=", ".join("{:g}".format(y) for y in present) or "-")
    return years == wanted, wanted


def read_buurten(run, layer, feedback):
    """Read the INPUT buurten (FIELD, CLASS_FIELD, POPULATION_FIELD, YEAR_FIELD, YEAR)."""
    value_field = run.field("FIELD", layer, default="mdi")
    population_field = run.field("POPULATION_FIELD", layer, default="inwoners")
    class_field = run.field("CLASS_FIELD", layer) or klasse_field_of(layer)
    label_field = find(layer, class_field + "_label") if class_field else None
    year_field = run.field("YEAR_FIELD", layer) or next(
        (f for f in (find(layer, n) for n in YEAR_GUESSES) if f), None)
    code_field = next((f for f in (find(layer, n) for n in GEMEENTE_CODE_FIELDS) if f), None)
    unit_field = next((f for f in (find(layer, n) for n in CODE_FIELDS) if f), None)
    gm_name = next((f for f in (find(layer, n) for n in GEMEENTE_NAME_FIELDS) if f), None)
    unit_name = next((f for f in (find(layer, n) for n in NAME_FIELDS) if f), None)
    if not code_field and not unit_field:
        raise InputError("The buurten '{layer}' have no gemeentecode nor buurtcode field: "
                         "the report cannot tell which gemeente a buurt lies in.",
                         layer=layer.name())
    wanted = [f for f in (value_field, population_field, class_field, label_field,
                          year_field, code_field, unit_field, gm_name, unit_name) if f]
    ids, raw = read_columns(layer, list(dict.fromkeys(wanted)), feedback)
    if not ids:
        raise InputError("The input '{layer}' has no features: there is no report to make.",
                         layer=layer.name())
    rows, used = np.ones(len(ids), dtype=bool), float("nan")
    if year_field:
        rows, used = _pick_year(parse_year_column(raw[year_field], year_field, ids),
                                run.optional_number("YEAR"), "'{}'".format(year_field))
    elif run.is_set("YEAR"):
        raise InputError("YEAR is set but the buurten have no year field: set YEAR_FIELD.")
    picked = np.flatnonzero(rows).tolist()
    ids_ = [ids[r] for r in picked]

    def column(name):
        return [raw[name][r] for r in picked] if name else [None] * len(picked)

    codes = gemeente_codes(column(code_field), column(unit_field), code_field, unit_field,
                           ids_)
    groups, keys = factorise_keys(codes)
    order = np.argsort(np.array(keys, dtype=object)) if keys else np.array([], dtype=int)
    remap = np.empty(len(keys), dtype=np.int64)
    remap[order] = np.arange(len(keys))
    groups = np.where(groups >= 0, remap[np.maximum(groups, 0)], -1)
    keys = sorted(keys)
    values = parse_numeric_column(column(value_field), value_field, ids_)
    if label_field:
        very_high = very_high_rows(labels=column(label_field))
    elif class_field:
        very_high = very_high_rows(classes=parse_numeric_column(column(class_field),
                                                                class_field, ids_))
    else:
        very_high = very_high_rows(values=values, breaks=REPORT_BREAKS)
    names = {}
    for code, name in zip(codes, column(gm_name)):
        if code and name and code not in names:
            names[code] = str(name)
    unit_codes = [None if c is None else str(c) for c in column(unit_field)]
    unit_names = [None if n is None else str(n) for n in column(unit_name)]
    return Buurten(ids_, groups, keys, names, values,
                   parse_numeric_column(column(population_field), population_field, ids_),
                   very_high, unit_codes, unit_names, used,
                   year_field, value_field, class_field, population_field)


class Gemeenten:
    """The gemeente-level MDI of one year: rank, national mean, profile and change."""

    def __init__(self, codes, corop, mdi, domains, labels, before):
        self.index = {c: i for i, c in enumerate(codes) if c is not None}
        self.corop, self.mdi, self.domains, self.labels = corop, mdi, domains, labels
        self.standing = gemeente_standing(mdi)
        self.means = [float(np.nanmean(v)) if np.any(~np.isnan(v)) else float("nan")
                      for v in domains.values()]
        self.change = None if before is None else change_in_points(mdi, before)

    def page(self, code, zones):
        """The coverage fields of gemeente ``code`` (None: not in the layer)."""
        row = self.index.get(code)
        found = {"n_gemeenten": self.standing.ranked,
                 "landelijk_gemiddelde": _number(self.standing.national_mean)}
        if row is None:
            return found
        corop = self.corop[row]
        found.update({"mdi": _number(self.mdi[row]), "rang": _rank(self.standing.ranks[row]),
                      "corop": corop, "zone": zones.get(corop) if corop else None,
                      "verandering": None if self.change is None else
                      _number(self.change[row])})
        return found

    def chart(self, code, name, base, write_chart, subtitle):
        """Write the profile chart of gemeente ``code``; the SVG's path, or None."""
        row = self.index.get(code)
        if row is None or not self.domains:
            return None
        scores = [float(v[row]) for v in self.domains.values()]
        _png, svg = write_chart(base, 800, 450, "{} ({})".format(name, code),
                                subtitle(None), self.labels, scores, self.means)
        return svg


def gemeente_rows(run, layer, year, from_year):
    """Read GEMEENTEN: the gemeente-level MDI of ``year`` (and of ``from_year``)."""
    code_field = next((f for f in (find(layer, n) for n in GEMEENTE_CODE_FIELDS) if f), None)
    mdi_field = find(layer, TOTAL_FIELD)
    if not code_field or not mdi_field:
        raise InputError("GEMEENTEN '{layer}' needs a gemeentecode field and an mdi field "
                         "(the output of mdi:computemdi on gemeenten).", layer=layer.name())
    year_field = next((f for f in (find(layer, n) for n in YEAR_GUESSES) if f), None)
    spec = load_spec()
    names = layer.fields().names()
    domains = {d.id: find_shortened(domain_field(d.id), names) for d in spec.domains}
    corop_field = find(layer, "coropcode")
    wanted = [f for f in [code_field, mdi_field, year_field, corop_field] +
              list(domains.values()) if f]
    ids, raw = read_columns(layer, list(dict.fromkeys(wanted)))
    keys = [normalise_code(k, "GM") if k is not None else None
            for k in area_keys(raw[code_field], code_field, ids)[0]]
    years = parse_year_column(raw[year_field], year_field, ids) if year_field else None

    def of_year(wanted_year):
        if years is None:
            return np.ones(len(ids), dtype=bool)
        return _pick_year(years, wanted_year, "GEMEENTEN '{}'".format(layer.name()))[0]

    rows = np.flatnonzero(of_year(year if year == year else None))
    codes = [keys[r] for r in rows]
    mdi = parse_numeric_column(raw[mdi_field], mdi_field, ids)
    before = None
    if from_year is not None:
        earlier = {keys[r]: mdi[r] for r in np.flatnonzero(of_year(from_year))}
        before = np.array([earlier.get(c, np.nan) for c in codes])
    corop = [normalise_code(raw[corop_field][r], "CR") if corop_field else None for r in rows]
    scores = {d: parse_numeric_column(raw[f], f, ids)[rows] for d, f in domains.items() if f}
    labels = [d.label_nl for d in spec.domains if domains[d.id]]
    return Gemeenten(codes, corop, mdi[rows], scores, labels, before)


def highlight_rows(layer, buurten, n):
    """A memory layer with the ``n`` highest buurten of every gemeente (their geometry;
    fields rapport_rang: rank within the gemeente, rapport_gm: its gemeente code)."""
    from ..core.report import top_per_group
    tops = top_per_group(buurten.values, buurten.groups, len(buurten.keys), n)
    chosen = {buurten.ids[row]: (rank, buurten.keys[group])
              for group, top in enumerate(tops) for row, rank in top}
    crs = layer.crs()
    memory = QgsVectorLayer("MultiPolygon?crs={}".format(crs.authid() or "EPSG:28992"),
                            tr("Top {n} per gemeente").format(n=n), "memory")
    memory.setCrs(crs)
    memory.dataProvider().addAttributes([new_field("rapport_rang", "int"),
                                         new_field("rapport_gm", "string")])
    memory.updateFields()
    features = []
    for source in layer.getFeatures(QgsFeatureRequest().setFilterFids(list(chosen))
                                    .setNoAttributes()):
        feature = QgsFeature(memory.fields())
        geometry = source.geometry()
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        feature.setAttributes(list(chosen[source.id()]))
        features.append(feature)
    memory.dataProvider().addFeatures(features)
    memory.updateExtents()
    return memory


def _number(value):
    return None if value is None or value != value else float(value)


def _rank(value):
    return None if value != value else int(value)
