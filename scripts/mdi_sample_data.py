#!/usr/bin/env python3
"""Deterministic generator of FICTIONAL sample data for "MDI voor QGIS".

It builds an invented Dutch-style region (gemeenten, wijken, buurten and COROP-like
regions in EPSG:28992) with the 23 MDI indicators of the PON & Telos (2024) spec for a few
years. Nothing in it describes real areas or people. The default sample lies in the North
Sea west of Noord-Holland, so it cannot be mistaken for real places; big benchmark maps
(hundreds of gemeenten) extend over the RD area.

Generation is pure numpy; osgeo.ogr is imported lazily, only by the GeoPackage writer.

    /usr/bin/python3 scripts/mdi_sample_data.py --out resources/sample_data
    /usr/bin/python3 scripts/mdi_sample_data.py --buurten 14000 --out /tmp/bench.gpkg

Python use::

    data = generate()                    # the committed sample (48 gemeenten)
    write_sample("resources/sample_data", data)
"""

import argparse
import csv
import math
import os
import struct
import sys
import textwrap
import time
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np

DEFAULT_SEED = 2024
DEFAULT_YEARS = (2014, 2019, 2023)
DEFAULT_GEMEENTEN = 48
BUURTEN_PER_GEMEENTE = 12
MAX_GEMEENTEN = 999
SUPPRESSED = -99997.0  # CBS: "geheim" (too few observations)
MISSING = -99999999.0  # CBS: not available
GPKG_NAME = "mdi_voorbeeld.gpkg"
GEMEENTEN_CSV = "gemeenten_indicatoren.csv"
ZONES_CSV = "zones_voorbeeld.csv"
REGIOKOMPAS_CSV = "regiokompas_voorbeeld.csv"
EPSG = 28992
# Fixed timestamp in gpkg_contents, so regenerating gives a byte-identical GeoPackage.
GPKG_TIMESTAMP = "2024-01-01T00:00:00Z"

# field, domain, higher_is_worse, mean, deprivation, urbanity, noise, trend/yr, lo, hi, decimals
# value = mean + dep*d + urb*(u - 0.4) + noise*e + trend*(jaar - 2014), clipped to [lo, hi]
_INDICATOR_TABLE = (
    ("arme_huishoudens", "inkomen", True, 5.5, 2.2, 2.0, 1.0, -0.05, 0.3, 30, 1),
    ("financiele_buffer", "inkomen", False, 62, -7.0, -3.0, 3.0, 0.3, 20, 92, 1),
    ("werkzame_beroepsbevolking", "werk", False, 66, -4.5, 0.0, 2.5, 0.25, 40, 82, 1),
    ("arbeidsongeschikten", "werk", True, 7.0, 2.0, 0.5, 1.0, -0.03, 1, 22, 1),
    ("levensverwachting", "gezondheid", False, 81.3, -1.1, -0.2, 0.6, 0.05, 76, 86, 1),
    ("ervaren_gezondheid", "gezondheid", False, 76, -4.5, 0.0, 2.5, -0.1, 50, 92, 1),
    ("risico_angst_depressie", "gezondheid", True, 44, 4.5, 2.0, 2.5, 0.2, 25, 70, 1),
    ("ervaren_stress", "gezondheid", True, 14, 2.5, 1.5, 1.5, 0.1, 4, 35, 1),
    ("laagopgeleiden", "opleiding", True, 28, 6.0, -3.0, 3.0, -0.3, 5, 60, 1),
    ("voortijdig_schoolverlaters", "opleiding", True, 1.9, 0.7, 0.6, 0.4, -0.02, 0.1, 8, 2),
    ("cijfer_nederlands_vmbot", "opleiding", False, 6.5, -0.2, 0.0, 0.12, 0.0, 5.5, 7.5, 2),
    ("voorzieningenindex", "huisvesting", True, 1.4, 0.15, -1.6, 0.3, -0.005, 0.3, 8, 2),
    ("betaalbare_koopwoningen", "huisvesting", False, 55, -3.0, -25, 6.0, -2.0, 0, 100, 1),
    ("betaalbaarheid_huurwoningen", "huisvesting", True, 600, 10, 110, 30, 14, 350, 1200, 1),
    ("beschikbaarheid_huurwoningen", "huisvesting", False, 24, -3.0, 10, 5.0, -0.3, 0, 75, 1),
    ("vandalisme", "veiligheid", True, 5.5, 1.8, 5.0, 1.2, -0.15, 0, 40, 1),
    ("vermogensdelicten", "veiligheid", True, 17, 4.0, 14, 3.0, -0.4, 0.5, 90, 1),
    ("geweldsdelicten", "veiligheid", True, 4.0, 1.6, 2.5, 0.8, -0.05, 0.1, 25, 1),
    ("geluidhinder", "woonomgeving", True, 28, 2.5, 14, 3.0, -0.1, 5, 65, 1),
    ("energiebehoefte_woningen", "woonomgeving", True, 175, 12, -5, 10, -1.5, 80, 320, 1),
    ("luchtkwaliteit", "woonomgeving", True, 20, 1.0, 12, 2.0, -0.3, 3, 60, 1),
    ("verkeersonveiligheid", "woonomgeving", True, 2.8, 0.4, 1.0, 0.5, -0.02, 0.1, 12, 2),
    ("groen", "woonomgeving", False, 55, -3.0, -40, 6.0, 0.0, 3, 97, 1),
)
INDICATOR_FIELDS = tuple(row[0] for row in _INDICATOR_TABLE)
INDICATOR_DOMAINS = {row[0]: row[1] for row in _INDICATOR_TABLE}
INDICATOR_DECIMALS = {row[0]: row[10] for row in _INDICATOR_TABLE}
DOMAINS = ("inkomen", "werk", "gezondheid", "opleiding", "huisvesting", "veiligheid",
           "woonomgeving")

REGIOKOMPAS_THEMES = (
    "inkomen_en_vermogen", "arbeid", "gezondheid", "onderwijs", "wonen", "veiligheid",
    "leefomgeving", "sociale_samenhang", "bereikbaarheid", "cultuur_en_vrije_tijd",
    "maatschappelijke_participatie", "subjectief_welzijn",
)
# loading on deprivation (higher = stronger negative correlation), loading on urbanity
_THEME_LOADINGS = ((0.9, 0.0), (0.85, 0.0), (0.8, 0.0), (0.75, 0.0), (0.3, -0.6),
                   (0.6, -0.4), (0.4, -0.6), (0.6, -0.3), (0.2, 0.8), (0.3, 0.6),
                   (0.7, 0.0), (0.75, 0.0))

CITY_NAME = "Lommerstad"
# Invented names (checked against the 342 real gemeenten of 2023: none matches).
_GEMEENTE_NAMES = (
    "Veenhoven", "Kraanwolde", "Hazelmeer", "Drosselum", "Wielingerveen", "Brakkenburg",
    "Zilverdam-Fictief", "Oosterlommer", "Westerkwakkel", "Lytsewâld", "'s-Lommerhoek",
    "Kwakkelbroek", "Pimpelbeek", "Vlinderhout", "Ganzerode", "Reigersmade",
    "Otterweerd-Fictief", "Dassenbosch", "Egelwijk", "Schollegat", "Knotwilgen",
    "Ruigehaven", "Sluisvenne", "Tjaskerdam", "Kreekmûde", "Heidehorst-Fictief",
    "Bunzingveld", "Wulpendijk", "Kievitsmeer", "Smientwolde", "Grutto-aan-Zee",
    "Nieuw-Lommerveen", "Oud-Kraanland", "Zuiderhazel", "Noorderbrak", "Turfhuizen",
    "Kluutwerf", "Scharrelbeek", "Dotterveen", "Lisdoddeburg", "Kwelderhoek",
    "Polderzicht-Fictief", "Molenrakt", "Wierdewaal", "Terpelo", "Elzenhage",
    "Hommelrade", "Beverwaarde",
)
_NAME_PREFIXES = (
    "Lommer", "Kraan", "Hazel", "Drossel", "Wieling", "Brakken", "Kwakkel", "Vlinder",
    "Ganzen", "Reiger", "Otter", "Dassen", "Egel", "Scholle", "Knotwilg", "Tjasker",
    "Kreek", "Bunzing", "Wulpen", "Smient", "Grutto", "Kluut", "Scharrel", "Dotter",
    "Lisdodde", "Kwelder", "Wierde", "Terpel", "Hommel", "Pimpel", "Zilver", "Koper",
    "Stekel", "Kemphaan", "Lepelaar", "Roerdomp", "Pieper", "Boomklever", "Karekiet",
    "Plevier",
)
_NAME_SUFFIXES = (
    "veen", "wolde", "meer", "um", "burg", "dam", "hoek", "broek", "beek", "hout", "rode",
    "made", "weerd", "bosch", "wijk", "gat", "haven", "venne", "horst", "veld", "dijk",
    "huizen", "werf", "waal", "lo", "hage", "rade", "waarde", "zijl", "kamp",
)
_REGION_NAMES = (
    "Groot-Lommerstad", "Hazelwaard", "Kraanland", "Drosselgouw", "Wielingerstreek",
    "Brakkenhoek", "Zilverkwartier", "Oost-Vlinderland", "Kwakkelgouw",
)
_REGION_SUFFIXES = ("streek", "waard", "gouw", "land", "hoek", "kwartier")
_BUURT_PREFIXES = (
    "Kerk", "Molen", "School", "Dorps", "Linden", "Beuken", "Eiken", "Wilgen", "Vogel",
    "Bloemen", "Park", "Haven", "Sluis", "Brink", "Stations", "Markt", "Veld", "Akker",
    "Weide", "Dijk", "Polder", "Bos", "Heide", "Water", "Zon",
)
_BUURT_SUFFIXES = (
    "buurt", "wijk", "kwartier", "hof", "kamp", "straat", "laan", "erf", "veld", "rijk",
    "park", "zoom", "kade", "hoeve", "akker", "dreef",
)
ZONES = ("kern", "intermediair", "perifeer")


@dataclass
class SampleData:
    """Generated tables. Arrays are indexed [year, unit(, indicator)]; rings via methods.

    vertices: (NX+1, NY+1, 2) shared RD coordinates (0.1 m) of the buurt grid; buurt k is
    the cell with lower-left vertex bu_cell[k]; gemeenten and regions are rectangular
    blocks [I0, I1, J0, J1] of that grid (gm_block, corop_block), so all layers tile
    exactly with shared vertices. Gemeente values hold NaN for NULL; buurt values hold the
    raw CBS codes -99997 / -99999999 where suppressed.
    """

    seed: int
    years: Tuple[int, ...]
    fields: Tuple[str, ...]
    vertices: np.ndarray
    corop_codes: np.ndarray
    corop_names: np.ndarray
    corop_zones: np.ndarray
    corop_block: np.ndarray
    gm_codes: np.ndarray
    gm_names: np.ndarray
    gm_corop: np.ndarray
    gm_block: np.ndarray
    gm_type: np.ndarray
    gm_inwoners: np.ndarray
    gm_values: np.ndarray
    bu_codes: np.ndarray
    bu_names: np.ndarray
    bu_wijk: np.ndarray
    bu_gm: np.ndarray
    bu_cell: np.ndarray
    bu_inwoners: np.ndarray
    bu_values: np.ndarray
    rk_year: int
    rk_themes: Tuple[str, ...]
    rk_values: np.ndarray

    @property
    def n_gemeenten(self) -> int:
        """Number of gemeenten."""
        return len(self.gm_codes)

    @property
    def n_buurten(self) -> int:
        """Number of buurten."""
        return len(self.bu_codes)

    def buurt_ring(self, k: int) -> np.ndarray:
        """Closed exterior ring (5, 2) of buurt k, counter-clockwise."""
        i, j = self.bu_cell[k]
        v = self.vertices
        return np.array([v[i, j], v[i + 1, j], v[i + 1, j + 1], v[i, j + 1], v[i, j]])

    def block_ring(self, block: Sequence[int]) -> np.ndarray:
        """Closed counter-clockwise ring around grid block (I0, I1, J0, J1)."""
        i0, i1, j0, j1 = (int(b) for b in block)
        v = self.vertices
        return np.concatenate([
            v[i0:i1 + 1, j0], v[i1, j0 + 1:j1 + 1], v[i1 - 1::-1, j1][:i1 - i0],
            v[i0, j1 - 1::-1][:j1 - j0],
        ])

    def gemeente_ring(self, g: int) -> np.ndarray:
        """Closed exterior ring of gemeente g."""
        return self.block_ring(self.gm_block[g])

    def corop_ring(self, r: int) -> np.ndarray:
        """Closed exterior ring of COROP region r."""
        return self.block_ring(self.corop_block[r])

    def gemeente_records(self) -> Iterator[Dict[str, object]]:
        """Gemeente rows as written to the gpkg (year-major), NULL as None."""
        for yi, year in enumerate(self.years):
            vals = self.gm_values[yi]
            for g in range(self.n_gemeenten):
                rec = {
                    "gemeentecode": str(self.gm_codes[g]),
                    "gemeentenaam": str(self.gm_names[g]),
                    "coropcode": str(self.corop_codes[self.gm_corop[g]]),
                    "coropnaam": str(self.corop_names[self.gm_corop[g]]),
                    "jaar": int(year),
                    "inwoners": int(self.gm_inwoners[yi, g]),
                }
                for k, f in enumerate(self.fields):
                    v = float(vals[g, k])
                    rec[f] = None if math.isnan(v) else v
                yield rec


def ring_wkt(ring: np.ndarray) -> str:
    """WKT MULTIPOLYGON of one exterior ring."""
    pts = ", ".join("%.1f %.1f" % (x, y) for x, y in ring)
    return "MULTIPOLYGON (((%s)))" % pts


def ring_wkb(ring: np.ndarray) -> bytes:
    """ISO WKB (little endian) MultiPolygon of one exterior ring."""
    ring = np.ascontiguousarray(ring, dtype="<f8")
    return (struct.pack("<BII", 1, 6, 1) + struct.pack("<BIII", 1, 3, 1, len(ring))
            + ring.tobytes())


def _quad_wkb(vertices: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """WKB MultiPolygons of grid cells, vectorised: (n,) array of 102-byte records."""
    dt = np.dtype([("bo", "u1"), ("t", "<u4"), ("n", "<u4"), ("bo2", "u1"), ("t2", "<u4"),
                   ("nr", "<u4"), ("np", "<u4"), ("xy", "<f8", (10,))])
    out = np.empty(len(cells), dtype=dt)
    out["bo"] = 1
    out["t"] = 6
    out["n"] = 1
    out["bo2"] = 1
    out["t2"] = 3
    out["nr"] = 1
    out["np"] = 5
    i, j = cells[:, 0], cells[:, 1]
    xy = out["xy"]
    for p, (di, dj) in enumerate(((0, 0), (1, 0), (1, 1), (0, 1), (0, 0))):
        xy[:, 2 * p:2 * p + 2] = vertices[i + di, j + dj]
    return out


# --------------------------------------------------------------------------- generation


def _grid_shape(n: int) -> Tuple[int, int]:
    """Gemeente grid (columns, rows), about 4:3, with columns*rows >= n."""
    ny = max(1, int(round(math.sqrt(n * 0.75))))
    return max(1, int(math.ceil(n / ny))), ny


def _split(total: int, n: int, rng, boost: Optional[int] = None,
           spread: float = 0.25) -> np.ndarray:
    """Split total into n positive integer parts that vary randomly (boost: +40 %)."""
    w = rng.uniform(1 - spread, 1 + spread, n)
    if boost is not None:
        w[boost] *= 1.4
    raw = total * w / w.sum()
    low = max(1, min(3, total // n))
    cnt = np.maximum(low, np.floor(raw).astype(np.int64))
    while cnt.sum() < total:
        cnt[np.argmax(raw - cnt)] += 1
    while cnt.sum() > total:
        cnt[np.argmax(np.where(cnt > 1, cnt - raw, -np.inf))] -= 1
    return cnt


def _smooth_field(rng, x, y, waves: int = 4, scale: float = 1.0):
    """Sum of random plane waves on normalised coordinates, roughly in [-1, 1]."""
    out = np.zeros(np.broadcast(x, y).shape)
    for _ in range(waves):
        ang = rng.uniform(0, 2 * np.pi)
        freq = rng.uniform(0.8, 2.2) * scale
        phase = rng.uniform(0, 2 * np.pi)
        out += np.sin(2 * np.pi * freq * (np.cos(ang) * x + np.sin(ang) * y) + phase)
    return out / math.sqrt(waves / 2.0)


def _names(n: int, rng) -> List[str]:
    """n distinct invented gemeente names (not the city's)."""
    base = list(_GEMEENTE_NAMES)
    if n <= len(base):
        return [base[i] for i in rng.permutation(len(base))[:n]]
    taken = set(base) | {CITY_NAME}
    pool = [p + s for p in _NAME_PREFIXES for s in _NAME_SUFFIXES]
    pool = [name for name in pool if name not in taken]
    extra = [pool[i] for i in rng.permutation(len(pool))[:n - len(base)]]
    return base + extra


def _region_names(n: int, rng) -> List[str]:
    """n distinct invented COROP-like region names."""
    if n <= len(_REGION_NAMES):
        return list(_REGION_NAMES[:n])
    pool = [p + s for p in _NAME_PREFIXES for s in _REGION_SUFFIXES]
    pool = [name for name in pool if name not in _REGION_NAMES]
    return list(_REGION_NAMES) + [pool[i] for i in rng.permutation(len(pool))[:n - 9]]


def _geometry(rng, nx: int, ny: int, a: np.ndarray, b: np.ndarray, city: Tuple[int, int],
              size: float):
    """Shared vertex grid (NX+1, NY+1, 2): jittered gemeente quads, bilinear buurten."""
    w = size * rng.uniform(0.85, 1.15, nx)
    h = size * rng.uniform(0.85, 1.15, ny)
    w[city[0]] *= 0.72
    h[city[1]] *= 0.72
    width, height = w.sum(), h.sum()
    x0 = round(max(10000.0, 50000.0 - width / 2), -2)
    y0 = round(max(310000.0, 540000.0 - height / 2), -2)
    xs = x0 + np.concatenate([[0.0], np.cumsum(w)])
    ys = y0 + np.concatenate([[0.0], np.cumsum(h)])
    gx = np.repeat(xs[:, None], ny + 1, axis=1)
    gy = np.repeat(ys[None, :], nx + 1, axis=0)
    wmin = np.minimum(np.concatenate([[w[0]], w]), np.concatenate([w, [w[-1]]]))
    hmin = np.minimum(np.concatenate([[h[0]], h]), np.concatenate([h, [h[-1]]]))
    gx = gx + rng.uniform(-1, 1, gx.shape) * 0.22 * wmin[:, None]
    gy = gy + rng.uniform(-1, 1, gy.shape) * 0.22 * hmin[None, :]

    cs = np.concatenate([[0], np.cumsum(a)])
    rs = np.concatenate([[0], np.cumsum(b)])
    big_i, big_j = int(cs[-1]), int(rs[-1])
    vi = np.arange(big_i + 1)
    vj = np.arange(big_j + 1)
    gi = np.minimum(np.searchsorted(cs, vi, side="right") - 1, nx - 1)
    gj = np.minimum(np.searchsorted(rs, vj, side="right") - 1, ny - 1)
    u = ((vi - cs[gi]) / a[gi])[:, None]
    v = ((vj - rs[gj]) / b[gj])[None, :]
    i0, j0 = gi[:, None], gj[None, :]
    pts = []
    for g in (gx, gy):
        pts.append((1 - u) * (1 - v) * g[i0, j0] + u * (1 - v) * g[i0 + 1, j0]
                   + (1 - u) * v * g[i0, j0 + 1] + u * v * g[i0 + 1, j0 + 1])
    px, py = pts
    # jitter every vertex by up to 12 % of the smallest adjacent buurt size
    bw = (w / a)[np.searchsorted(cs, np.arange(big_i), side="right") - 1]
    bh = (h / b)[np.searchsorted(rs, np.arange(big_j), side="right") - 1]
    ax = 0.12 * np.minimum(np.concatenate([[bw[0]], bw]), np.concatenate([bw, [bw[-1]]]))
    ay = 0.12 * np.minimum(np.concatenate([[bh[0]], bh]), np.concatenate([bh, [bh[-1]]]))
    px = px + rng.uniform(-1, 1, px.shape) * ax[:, None]
    py = py + rng.uniform(-1, 1, py.shape) * ay[None, :]
    # gentle large-scale warp so the grid does not look like a grid
    amp, wave = 0.07 * size, 3.0 * size
    ph = rng.uniform(0, 2 * np.pi, 4)
    dx = amp * (np.sin(2 * np.pi * py / wave + ph[0])
                + 0.6 * np.sin(2 * np.pi * (px + py) / (1.7 * wave) + ph[1]))
    dy = amp * (np.sin(2 * np.pi * px / wave + ph[2])
                + 0.6 * np.sin(2 * np.pi * (px - py) / (1.7 * wave) + ph[3]))
    verts = np.round(np.stack([px + dx, py + dy], axis=-1), 1)
    _check_convex(verts)
    return verts, cs, rs


def _check_convex(verts: np.ndarray) -> None:
    """Raise if any grid cell is not a strictly convex counter-clockwise quad."""
    corners = [verts[:-1, :-1], verts[1:, :-1], verts[1:, 1:], verts[:-1, 1:]]
    for k in range(4):
        p, q, r = corners[k - 1], corners[k], corners[(k + 1) % 4]
        cross = ((q[..., 0] - p[..., 0]) * (r[..., 1] - q[..., 1])
                 - (q[..., 1] - p[..., 1]) * (r[..., 0] - q[..., 0]))
        if not np.all(cross > 0):
            raise RuntimeError("generated buurt grid has a non-convex cell")


def generate(n_gemeenten: Optional[int] = None, n_buurten: Optional[int] = None,
             years: Sequence[int] = DEFAULT_YEARS, seed: int = DEFAULT_SEED) -> SampleData:
    """Generate the fictional region; same arguments give identical values.

    n_gemeenten defaults to 48, or to n_buurten / 40 (48..999) when n_buurten is given;
    n_buurten defaults to 12 per gemeente. The actual counts are rounded to a grid.
    """
    if n_gemeenten is None:
        n_gemeenten = (DEFAULT_GEMEENTEN if n_buurten is None
                       else int(min(MAX_GEMEENTEN, max(DEFAULT_GEMEENTEN, round(n_buurten / 40)))))
    if not 1 <= n_gemeenten <= MAX_GEMEENTEN:
        raise ValueError("n_gemeenten must be 1..%d" % MAX_GEMEENTEN)
    years = tuple(sorted({int(y) for y in years}))
    if not years:
        raise ValueError("no years")
    rng = np.random.default_rng(seed)
    nx, ny = _grid_shape(n_gemeenten)
    n_gm = nx * ny
    if n_gm > MAX_GEMEENTEN:
        nx, ny = _grid_shape(MAX_GEMEENTEN - ny)
        n_gm = nx * ny
    if n_buurten is None:
        n_buurten = BUURTEN_PER_GEMEENTE * n_gm
    n_buurten = max(int(n_buurten), n_gm)
    big_i = max(nx, int(round(nx * math.sqrt(n_buurten / n_gm))))
    big_j = max(ny, int(round(n_buurten / big_i)))
    city = (min(nx - 1, int(0.3 * nx)), min(ny - 1, int(0.5 * ny)))
    a = _split(big_i, nx, rng, boost=city[0])
    b = _split(big_j, ny, rng, boost=city[1])
    size = 9000.0 if nx <= 12 else max(1500.0, min(9000.0, 250000.0 / nx))
    verts, cs, rs = _geometry(rng, nx, ny, a, b, city, size)

    # ---- gemeenten (grid id = i * ny + j), names, codes sorted by name
    gid_i = np.repeat(np.arange(nx), ny)
    gid_j = np.tile(np.arange(ny), nx)
    city_gid = city[0] * ny + city[1]
    names = np.empty(n_gm, dtype=object)
    others = [g for g in range(n_gm) if g != city_gid]
    names[city_gid] = CITY_NAME
    names[others] = _names(len(others), rng)
    order = sorted(range(n_gm), key=lambda g: names[g].casefold())
    rank = np.empty(n_gm, dtype=np.int64)  # grid id -> final index
    rank[order] = np.arange(n_gm)
    gm_codes = np.array(["GM%04d" % (9001 + k) for k in range(n_gm)])
    gm_names = np.array([names[g] for g in order])
    gm_block = np.stack([cs[gid_i], cs[gid_i + 1], rs[gid_j], rs[gid_j + 1]], axis=1)[order]
    gm_ci = gid_i[order]
    gm_cj = gid_j[order]
    gm_a = a[gm_ci]
    gm_b = b[gm_cj]
    span = verts[-1, -1] - verts[0, 0]
    gm_center = (verts[gm_block[:, 0], gm_block[:, 2]] + verts[gm_block[:, 1], gm_block[:, 3]]) / 2

    # ---- regions: row groups of gemeente rows, each split into column groups
    target = 9 if n_gm <= 120 else min(40, int(round(n_gm / 9)))
    ry = max(1, min(ny, int(round(math.sqrt(target * ny / nx)))))
    rx = max(1, min(nx, int(round(target / ry))))
    row_cnt = _split(ny, ry, rng, spread=0.15)
    row_st = np.concatenate([[0], np.cumsum(row_cnt)])
    reg_blocks, reg_grid = [], np.empty((nx, ny), dtype=np.int64)
    for rgi in range(ry - 1, -1, -1):  # north first
        col_cnt = _split(nx, rx, rng, spread=0.3)
        col_st = np.concatenate([[0], np.cumsum(col_cnt)])
        for cgi in range(rx):
            reg_grid[col_st[cgi]:col_st[cgi + 1], row_st[rgi]:row_st[rgi + 1]] = len(reg_blocks)
            reg_blocks.append((cs[col_st[cgi]], cs[col_st[cgi + 1]], rs[row_st[rgi]],
                               rs[row_st[rgi + 1]]))
    n_reg = len(reg_blocks)
    corop_block = np.array(reg_blocks, dtype=np.int64)
    gm_corop = reg_grid[gm_ci, gm_cj]
    city_g = int(rank[city_gid])
    city_xy = gm_center[city_g]
    reg_center = np.array([gm_center[gm_corop == r].mean(axis=0) for r in range(n_reg)])
    reg_dist = np.hypot(*(reg_center - city_xy).T)
    zone_rank = np.empty(n_reg, dtype=np.int64)
    zone_rank[np.argsort(reg_dist, kind="stable")] = np.arange(n_reg)
    n_kern = int(round(n_reg / 3.0))
    n_inter = int(round(2 * n_reg / 3.0)) - n_kern
    corop_zones = np.where(zone_rank < n_kern, "kern",
                           np.where(zone_rank < n_kern + n_inter, "intermediair", "perifeer"))
    corop_codes = np.array(["CR%02d" % (100 - n_reg + r) for r in range(n_reg)])
    corop_names = np.array(_region_names(n_reg, rng))
    # the region holding the city gets the "Groot-<city>" name
    if n_reg <= len(_REGION_NAMES):
        cr = int(gm_corop[city_g])
        cn = corop_names.tolist()
        k = cn.index(_REGION_NAMES[0])
        cn[k], cn[cr] = cn[cr], cn[k]
        corop_names = np.array(cn)

    # ---- buurten: every grid cell, ordered by gemeente, wijk, buurt
    big_i, big_j = int(cs[-1]), int(rs[-1])
    ci = np.repeat(np.arange(big_i), big_j)
    cj = np.tile(np.arange(big_j), big_i)
    col_of = np.searchsorted(cs, ci, side="right") - 1
    row_of = np.searchsorted(rs, cj, side="right") - 1
    bu_gm = rank[col_of * ny + row_of]
    lc = ci - cs[col_of]
    lr = cj - rs[row_of]
    ga, gb = a[col_of], b[row_of]
    cw = np.maximum(np.minimum(2, ga), -(-ga // 100))
    if np.any(cw * gb > 100) or np.any(-(-ga // cw) > 100):
        raise ValueError("too many buurten per gemeente for 2-digit wijk/buurt codes; "
                         "use more gemeenten")
    wijk = lc // cw
    bnum = (lc % cw) * gb + lr
    srt = np.lexsort((bnum, wijk, bu_gm))
    bu_gm, lc, lr, wijk, bnum = bu_gm[srt], lc[srt], lr[srt], wijk[srt], bnum[srt]
    bu_cell = np.stack([ci[srt], cj[srt]], axis=1).astype(np.int32)
    del ci, cj, col_of, row_of, ga, gb, cw, srt
    n_bu = len(bu_gm)
    gm_num = np.array([int(c[2:]) for c in gm_codes])
    gnum = gm_num[bu_gm]
    bu_wijk = np.array(["WK%04d%02d" % t for t in zip(gnum.tolist(), wijk.tolist())])
    bu_codes = np.array(["BU%04d%02d%02d" % t
                         for t in zip(gnum.tolist(), wijk.tolist(), bnum.tolist())])
    bu_names = _buurt_names(rng, bu_gm, lc, lr, gm_a, gm_b, n_gm)
    del lc, lr, wijk, bnum, gnum

    # ---- latent surfaces at buurt centroids
    c0 = verts[bu_cell[:, 0], bu_cell[:, 1]]
    c1 = verts[bu_cell[:, 0] + 1, bu_cell[:, 1] + 1]
    bxy = (c0 + c1) / 2.0
    del c0, c1
    xn = (bxy[:, 0] - verts[0, 0, 0]) / span[0]
    yn = (bxy[:, 1] - verts[0, 0, 1]) / span[1]
    rc = np.hypot(*(bxy - city_xy).T) / size  # distance to city centre, gemeente units
    in_city = bu_gm == city_g
    cityblk = gm_block[city_g]
    city_h = verts[cityblk[0], cityblk[3], 1] - verts[cityblk[0], cityblk[2], 1]
    north = 1.0 / (1.0 + np.exp(-(bxy[:, 1] - city_xy[1]) / (0.12 * city_h)))
    periph = np.clip((xn - 0.62) / 0.38, 0, 1)
    periph = periph * periph * (3 - 2 * periph)
    gm_adj = (np.abs(gm_ci - city[0]) <= 1) & (np.abs(gm_cj - city[1]) <= 1)
    gm_adj[city_g] = False
    suburb = gm_adj[bu_gm] * np.exp(-((rc - 1.0) / 0.9) ** 2)

    n_towns = max(3, n_gm // 8)
    cand = np.array([g for g in range(n_gm) if g != city_g and not gm_adj[g]] or [city_g])
    towns = rng.choice(cand, size=min(n_towns, len(cand)), replace=False)
    town_amp = rng.uniform(0.35, 0.65, len(towns))
    town_dep = rng.uniform(-0.2, 0.9, len(towns))
    urb = 0.08 + 0.04 * _smooth_field(rng, xn, yn) + 0.85 * np.exp(-(rc / 1.1) ** 2)
    town_term = np.zeros(n_bu)
    for t, amp, dep in zip(towns, town_amp, town_dep):
        bump = np.exp(-(np.hypot(*(bxy - gm_center[t]).T) / (0.35 * size)) ** 2)
        urb = np.maximum(urb, amp * bump)
        town_term += dep * bump
    urb = np.where(in_city, np.maximum(urb, 0.72), urb)
    urb = np.clip(urb, 0.0, 1.0)

    gm_effect = rng.normal(0, 0.25, n_gm)
    dep = (0.35 * _smooth_field(rng, xn, yn)
           + np.where(in_city, 1.1 + 1.7 * north, 0.0)
           - 1.1 * suburb
           + 1.4 * periph * (1 - in_city)
           + town_term
           + gm_effect[bu_gm]
           + rng.normal(0, 0.4, n_bu))
    rate = (0.016 + 0.012 * _smooth_field(rng, xn, yn) + 0.03 * in_city * north
            - 0.025 * periph)
    growth = 0.006 + 0.006 * suburb - 0.008 * periph + 0.003 * in_city

    inw0 = np.exp(rng.normal(np.log(700.0) + urb * np.log(4500.0 / 700.0), 0.45))
    inw0 = np.clip(inw0, 200, 8000)
    del bxy, rc, xn, yn

    n_years = len(years)
    n_ind = len(_INDICATOR_TABLE)
    bu_inw = np.empty((n_years, n_bu), dtype=np.int64)
    bu_values = np.empty((n_years, n_bu, n_ind), dtype=np.float64)
    gm_values = np.empty((n_years, n_gm, n_ind), dtype=np.float64)
    gm_inw = np.empty((n_years, n_gm), dtype=np.int64)
    gm_dep = np.empty((n_years, n_gm))
    ind_gm_effect = rng.normal(0, 0.4, (n_ind, n_gm))
    ucen = urb - 0.4
    for yi, year in enumerate(years):
        dy = year - 2014
        inw = np.clip(np.round(inw0 * np.exp(growth * dy)), 200, 8000).astype(np.int64)
        bu_inw[yi] = inw
        wsum = np.bincount(bu_gm, weights=inw, minlength=n_gm)
        gm_inw[yi] = np.round(wsum).astype(np.int64)
        d = dep - rate * dy + rng.normal(0, 0.1, n_bu)
        gm_dep[yi] = np.bincount(bu_gm, weights=inw * d, minlength=n_gm) / wsum
        noise_scale = np.clip(np.sqrt(1500.0 / inw), 0.6, 2.5)
        for k, row in enumerate(_INDICATOR_TABLE):
            _f, _dom, _worse, mean, cd, cu, sd, trend, lo, hi, dec = row
            val = (mean + cd * d + cu * ucen + trend * dy
                   + sd * (ind_gm_effect[k, bu_gm] + noise_scale * rng.normal(0, 1, n_bu)))
            soft = 0.4 * sd  # smooth clipping: no piles of values at the bounds
            val = lo + soft * np.logaddexp(0.0, (val - lo) / soft)
            val = hi - soft * np.logaddexp(0.0, (hi - val) / soft)
            gm_values[yi, :, k] = np.round(
                np.bincount(bu_gm, weights=inw * val, minlength=n_gm) / wsum, dec)
            bu_values[yi, :, k] = np.round(val, dec)
        del d, val, noise_scale
        _suppress(rng, bu_values[yi], inw)
    _gemeente_nulls(rng, gm_values, gm_inw, city_g)

    # ---- gemeente types (for checks and demos, not written)
    gm_urb = np.bincount(bu_gm, weights=urb * bu_inw[0], minlength=n_gm) / gm_inw[0]
    gm_periph = np.bincount(bu_gm, weights=periph * bu_inw[0], minlength=n_gm) / gm_inw[0]
    gm_type = np.full(n_gm, "overig", dtype="<U9")
    gm_type[gm_periph > 0.5] = "perifeer"
    gm_type[gm_adj] = "suburbaan"
    gm_type[city_g] = "stad"

    # ---- Regiokompas (last year)
    z = (gm_dep[-1] - gm_dep[-1].mean()) / max(gm_dep[-1].std(), 1e-9)
    zu = (gm_urb - gm_urb.mean()) / max(gm_urb.std(), 1e-9)
    rk = np.empty((n_gm, len(REGIOKOMPAS_THEMES)))
    for t, (ld, lu) in enumerate(_THEME_LOADINGS):
        e = rng.normal(0, 1, n_gm)
        rest = math.sqrt(max(0.05, 1 - ld * ld - lu * lu))
        rk[:, t] = np.round(100 + 8 * (-ld * z + lu * zu + rest * e), 2)

    return SampleData(
        seed=seed, years=years, fields=INDICATOR_FIELDS, vertices=verts,
        corop_codes=corop_codes, corop_names=corop_names, corop_zones=corop_zones,
        corop_block=corop_block, gm_codes=gm_codes, gm_names=gm_names, gm_corop=gm_corop,
        gm_block=gm_block, gm_type=gm_type, gm_inwoners=gm_inw, gm_values=gm_values,
        bu_codes=bu_codes, bu_names=bu_names, bu_wijk=bu_wijk, bu_gm=bu_gm.astype(np.int32),
        bu_cell=bu_cell, bu_inwoners=bu_inw, bu_values=bu_values, rk_year=years[-1],
        rk_themes=REGIOKOMPAS_THEMES, rk_values=rk)


def _buurt_names(rng, bu_gm, lc, lr, gm_a, gm_b, n_gm) -> np.ndarray:
    """Invented buurt names, distinct within a gemeente; the middle one is "Centrum"."""
    pool = np.array([p + s for p in _BUURT_PREFIXES for s in _BUURT_SUFFIXES])
    n_pool = len(pool)
    perms = np.stack([rng.permutation(n_pool) for _ in range(n_gm)])
    starts = np.concatenate([[0], np.cumsum(np.bincount(bu_gm, minlength=n_gm))])
    local = np.arange(len(bu_gm)) - starts[bu_gm]
    names = pool[perms[bu_gm, local % n_pool]].astype(object)
    rep = local >= n_pool
    if rep.any():
        names[rep] = [n + " %d" % (k // n_pool + 1) for n, k in zip(names[rep], local[rep])]
    centre = (lc == gm_a[bu_gm] // 2) & (lr == gm_b[bu_gm] // 2)
    names[centre] = "Centrum"
    return names.astype(str)


def _suppress(rng, vals: np.ndarray, inw: np.ndarray) -> None:
    """Put CBS codes in place: -99997 in small buurten, a few -99999999 anywhere."""
    n_bu, n_ind = vals.shape
    small = inw < 450
    secret = small[:, None] & (rng.random((n_bu, n_ind)) < 0.3)
    vals[secret] = SUPPRESSED
    gone = rng.random((n_bu, n_ind)) < 0.004
    vals[gone] = MISSING


def _gemeente_nulls(rng, gm_values: np.ndarray, gm_inw: np.ndarray, keep: int) -> None:
    """A few NULLs (NaN): at most one per gemeente, year and domain; none in `keep`."""
    n_years, n_gm, n_ind = gm_values.shape
    dom_of = np.array([DOMAINS.index(INDICATOR_DOMAINS[f]) for f in INDICATOR_FIELDS])
    used = np.zeros((n_years, n_gm, len(DOMAINS)), dtype=bool)
    used[:, keep] = n_gm > 1  # the showcase city stays complete
    # one or two of the smallest gemeenten have no VMBO-T school: exam grade NULL always
    k_exam = INDICATOR_FIELDS.index("cijfer_nederlands_vmbot")
    n_school = 1 if n_gm < 20 else 2
    for g in [g for g in np.argsort(gm_inw[0], kind="stable") if g != keep][:n_school]:
        gm_values[:, g, k_exam] = np.nan
        used[:, g, dom_of[k_exam]] = True
    n_random = max(2, int(round(n_years * n_gm * n_ind * 0.002)))
    tries = 0
    while n_random > 0 and tries < 1000:
        tries += 1
        yi, g, k = rng.integers(n_years), rng.integers(n_gm), rng.integers(n_ind)
        if not used[yi, g, dom_of[k]]:
            used[yi, g, dom_of[k]] = True
            gm_values[yi, g, k] = np.nan
            n_random -= 1


# --------------------------------------------------------------------------- writers


def _fmt(v: float, dec: int, comma: bool = False) -> str:
    """Shortest decimal text with at most dec decimals (Excel style)."""
    s = "%.*f" % (dec, v)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s.replace(".", ",") if comma else s


def write_gemeenten_csv(path: str, data: SampleData) -> None:
    """Gemeenten table as a Dutch Excel user saves it: ';', decimal comma, '.' = missing."""
    cols = ["gemeentecode", "gemeentenaam", "coropcode", "jaar", "inwoners"]
    cols += list(data.fields)
    decs = [INDICATOR_DECIMALS[f] for f in data.fields]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        wr = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        wr.writerow(cols)
        for yi, year in enumerate(data.years):
            for g in range(data.n_gemeenten):
                row = [data.gm_codes[g], data.gm_names[g],
                       data.corop_codes[data.gm_corop[g]], year,
                       int(data.gm_inwoners[yi, g])]
                for k, dec in enumerate(decs):
                    v = float(data.gm_values[yi, g, k])
                    row.append("." if math.isnan(v) else _fmt(v, dec, comma=True))
                wr.writerow(row)


def write_zones_csv(path: str, data: SampleData) -> None:
    """coropcode,coropnaam,zone for the generated regions."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh, lineterminator="\n")
        wr.writerow(["coropcode", "coropnaam", "zone"])
        for r in np.argsort(data.corop_codes):
            wr.writerow([data.corop_codes[r], data.corop_names[r], data.corop_zones[r]])


def write_regiokompas_csv(path: str, data: SampleData) -> None:
    """Regiokompas-like theme scores (bare-number gemeentecode, ',' separator)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh, lineterminator="\n")
        wr.writerow(["gemeentecode"] + list(data.rk_themes))
        for g in range(data.n_gemeenten):
            wr.writerow([str(int(data.gm_codes[g][2:]))]
                        + ["%.2f" % v for v in data.rk_values[g]])


def write_gpkg(path: str, data: SampleData,
               layers: Sequence[str] = ("gemeenten", "buurten", "corop_regios"),
               chunk: int = 50000, progress=None) -> None:
    """Write the layers (long format: one feature per unit per year) to a GeoPackage.

    Overwrites path. Streams features in transactions of `chunk` features;
    progress(layer, done, total) is called after each transaction if given.
    """
    from osgeo import gdal, ogr, osr

    old = {k: gdal.GetConfigOption(k) for k in ("OGR_CURRENT_DATE", "OGR_SQLITE_SYNCHRONOUS")}
    gdal.SetConfigOption("OGR_CURRENT_DATE", GPKG_TIMESTAMP)
    gdal.SetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF")
    try:
        drv = ogr.GetDriverByName("GPKG")
        if os.path.exists(path):
            drv.DeleteDataSource(path)
        ds = drv.CreateDataSource(path)
        if ds is None:
            raise IOError("cannot create %s" % path)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(EPSG)
        for name in layers:
            writer = {"gemeenten": _write_gemeenten, "buurten": _write_buurten,
                      "corop_regios": _write_regions}.get(name)
            if writer is None:
                raise ValueError("unknown layer %r" % name)
            lyr = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon,
                                 ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"])
            if lyr is None:
                raise IOError("cannot create layer %s" % name)
            writer(ds, lyr, data, chunk, progress)
        ds = None
    finally:
        for k, v in old.items():
            gdal.SetConfigOption(k, v)


def _add_fields(lyr, spec: Sequence[Tuple[str, str]]) -> None:
    """Create fields from (name, 'str'|'int'|'real') pairs."""
    from osgeo import ogr

    types = {"str": ogr.OFTString, "int": ogr.OFTInteger, "real": ogr.OFTReal}
    for name, kind in spec:
        if lyr.CreateField(ogr.FieldDefn(name, types[kind])) != 0:
            raise IOError("cannot create field %s" % name)


def _write_features(ds, lyr, total: int, rows, chunk: int, progress, name: str) -> None:
    """Write (geometry WKB, [attribute values]) rows; None = NULL."""
    from osgeo import ogr

    feat = ogr.Feature(lyr.GetLayerDefn())
    set_field = feat.SetField
    set_null = feat.SetFieldNull
    done = 0
    ds.StartTransaction()
    for wkb, attrs in rows:
        for i, v in enumerate(attrs):
            if v is None:
                set_null(i)
            else:
                set_field(i, v)
        feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        feat.SetFID(-1)
        if lyr.CreateFeature(feat) != 0:
            raise IOError("cannot write feature to %s" % name)
        done += 1
        if done % chunk == 0:
            ds.CommitTransaction()
            if progress:
                progress(name, done, total)
            ds.StartTransaction()
    ds.CommitTransaction()
    if progress:
        progress(name, done, total)


def _write_gemeenten(ds, lyr, data: SampleData, chunk: int, progress) -> None:
    """gemeenten layer: one feature per gemeente per year."""
    _add_fields(lyr, [("gemeentecode", "str"), ("gemeentenaam", "str"), ("coropcode", "str"),
                      ("coropnaam", "str"), ("jaar", "int"), ("inwoners", "int")]
                + [(f, "real") for f in data.fields])
    wkbs = [ring_wkb(data.gemeente_ring(g)) for g in range(data.n_gemeenten)]

    def rows():
        for k, rec in enumerate(data.gemeente_records()):
            yield wkbs[k % data.n_gemeenten], list(rec.values())

    _write_features(ds, lyr, data.n_gemeenten * len(data.years), rows(), chunk, progress,
                    "gemeenten")


def _write_buurten(ds, lyr, data: SampleData, chunk: int, progress) -> None:
    """buurten layer: one feature per buurt per year, raw CBS codes kept."""
    _add_fields(lyr, [("buurtcode", "str"), ("buurtnaam", "str"), ("wijkcode", "str"),
                      ("gemeentecode", "str"), ("gemeentenaam", "str"), ("jaar", "int"),
                      ("inwoners", "int")] + [(f, "real") for f in data.fields])
    n = data.n_buurten

    def rows():
        for yi, year in enumerate(data.years):
            for s in range(0, n, chunk):
                e = min(n, s + chunk)
                wkb = _quad_wkb(data.vertices, data.bu_cell[s:e])
                codes = data.bu_codes[s:e].tolist()
                names = data.bu_names[s:e].tolist()
                wijk = data.bu_wijk[s:e].tolist()
                gmi = data.bu_gm[s:e]
                gcode = data.gm_codes[gmi].tolist()
                gname = data.gm_names[gmi].tolist()
                inw = data.bu_inwoners[yi, s:e].tolist()
                vals = data.bu_values[yi, s:e].tolist()
                for k in range(e - s):
                    yield wkb[k].tobytes(), [codes[k], names[k], wijk[k], gcode[k], gname[k],
                                             year, inw[k]] + vals[k]

    _write_features(ds, lyr, n * len(data.years), rows(), chunk, progress, "buurten")


def _write_regions(ds, lyr, data: SampleData, chunk: int, progress) -> None:
    """corop_regios layer: coropcode, coropnaam (zone is in the zone table)."""
    _add_fields(lyr, [("coropcode", "str"), ("coropnaam", "str")])
    order = np.argsort(data.corop_codes)
    rows = ((ring_wkb(data.corop_ring(r)), [str(data.corop_codes[r]), str(data.corop_names[r])])
            for r in order)
    _write_features(ds, lyr, len(order), rows, chunk, progress, "corop_regios")


_README = """# Voorbeelddata (fictief) - MDI voor QGIS

**Everything in this folder is FICTIONAL.** The region, its gemeenten, wijken, buurten,
COROP-like regions, names, inhabitants and indicator values are invented by
`scripts/mdi_sample_data.py` (seed {seed}). They do not describe real places or people.
The polygons use EPSG:28992 (RD New) coordinates but lie in the North Sea west of
Noord-Holland, so they can never be mistaken for real boundaries. Codes use the unused
ranges `GM9001`-`GM{last_gm}` and `CR{first_cr}`-`CR{last_cr}`.

Regenerate (identical values; the GeoPackage is byte-identical with the same GDAL):

    /usr/bin/python3 scripts/mdi_sample_data.py --out resources/sample_data

(or `make sample-data`).

## What is in it

{n_gm} gemeenten in {n_reg} regions ({zones}), {n_bu} buurten
({n_wk} wijken), years {years}. The pattern is built in on purpose:

- **{city}** (`{city_code}`), the central city of the core zone, has strongly deprived
  buurten in its northern half (they improve fastest over the years);
- the gemeenten around it are rich suburbs;
- the east edge of the map is a rural, deprived periphery that hardly improves;
- overall, deprivation falls slightly from {y0} to {y1}.

All layers tile exactly (shared vertices, no gaps or overlaps, valid polygons).

## Files

`mdi_voorbeeld.gpkg` (EPSG:28992, MultiPolygon, long format: one feature per unit per year,
the geometry repeated):

- `gemeenten` ({n_gm_f} features): `gemeentecode`, `gemeentenaam`, `coropcode`,
  `coropnaam`, `jaar`, `inwoners` (Integer), the 23 indicators (Real; a few NULL).
- `buurten` ({n_bu_f} features): `buurtcode`, `buurtnaam`, `wijkcode`, `gemeentecode`,
  `gemeentenaam`, `jaar`, `inwoners` (Integer), the 23 indicators (Real, raw CBS codes).
- `corop_regios` ({n_reg} features): `coropcode`, `coropnaam`.

The 23 indicator fields are the `field` names of `resources/specs/pon_telos_2024.json`:
{fields}.

Gemeente values are the inhabitant-weighted means of their buurten (taken before
suppression, so they are complete). In `gemeenten` {n_null} values are NULL, never more
than one per domain per gemeente-year. Gemeenten without a VMBO-T school (their
`cijfer_nederlands_vmbot` is NULL in every year):
{no_school}.

In `buurten`, as in CBS "Kerncijfers wijken en buurten", suppressed values are kept as raw
codes: `-99997` (small buurten, < 450 inhabitants) and `-99999999` (not available); about
{supp:.1f} % of the buurt values.
Codes nest like CBS: `BU9001xxyy` lies in `WK9001xx` in `GM9001`.

`gemeenten_indicatoren.csv`: the `gemeenten` layer without geometry as a Dutch Excel user
saves it: UTF-8 with BOM, CRLF, `;` separator, decimal comma (`72,2`), missing values as
`.`; columns `gemeentecode;gemeentenaam;coropcode;jaar;inwoners;<23 indicators>`.

`zones_voorbeeld.csv`: `coropcode,coropnaam,zone` (kern / intermediair / perifeer), the
same format as the real COROP zone table.

`regiokompas_voorbeeld.csv`: a Regiokompas-like table for {rk_year}: `gemeentecode` as a bare
number (`9001`) and 12 invented theme scores (higher = better, around 100):
{themes}.
"""


def _wrap(text: str) -> str:
    """Wrap a long Markdown line at 90 characters."""
    return textwrap.fill(text, 90, break_long_words=False, break_on_hyphens=False)


def write_readme(path: str, data: SampleData) -> None:
    """README.md describing the generated sample."""
    city_g = int(np.flatnonzero(data.gm_type == "stad")[0])
    k_exam = data.fields.index("cijfer_nederlands_vmbot")
    no_school = np.flatnonzero(np.isnan(data.gm_values[:, :, k_exam]).all(axis=0))
    no_school = " and ".join("%s (`%s`)" % (data.gm_names[g], data.gm_codes[g])
                             for g in no_school) or "no gemeente"
    bad = np.isin(data.bu_values, (SUPPRESSED, MISSING)).mean() * 100
    text = _README.format(
        seed=data.seed, last_gm=data.gm_codes[-1][2:], first_cr=min(data.corop_codes.tolist())[2:],
        last_cr=max(data.corop_codes.tolist())[2:], n_gm=data.n_gemeenten,
        n_reg=len(data.corop_codes), n_bu=data.n_buurten, n_wk=len(set(data.bu_wijk)),
        years=", ".join(str(y) for y in data.years), city=data.gm_names[city_g],
        city_code=data.gm_codes[city_g], y0=data.years[0], y1=data.years[-1],
        n_gm_f=data.n_gemeenten * len(data.years), n_bu_f=data.n_buurten * len(data.years),
        fields=_wrap(", ".join("`%s`" % f for f in data.fields)), supp=bad, rk_year=data.rk_year,
        themes=_wrap(", ".join("`%s`" % t for t in data.rk_themes)),
        n_null=int(np.isnan(data.gm_values).sum()), no_school=no_school,
        zones=", ".join("%d %s" % (int((data.corop_zones == z).sum()), z) for z in ZONES))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_sample(out_dir: str, data: SampleData, progress=None) -> List[str]:
    """Write the gpkg, the three CSV files and README.md into out_dir; return the paths."""
    os.makedirs(out_dir, exist_ok=True)
    names = (GPKG_NAME, GEMEENTEN_CSV, ZONES_CSV, REGIOKOMPAS_CSV, "README.md")
    paths = [os.path.join(out_dir, n) for n in names]
    write_gpkg(paths[0], data, progress=progress)
    write_gemeenten_csv(paths[1], data)
    write_zones_csv(paths[2], data)
    write_regiokompas_csv(paths[3], data)
    write_readme(paths[4], data)
    return paths


# --------------------------------------------------------------------------- CLI


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(
        description="Generate FICTIONAL MDI sample data (gemeenten, buurten, COROP "
                    "regions, 23 indicators) in EPSG:28992.",
        epilog="Examples: --out resources/sample_data (the committed sample); "
               "--buurten 14000 --out /tmp/bench.gpkg (benchmark file, gpkg only)")
    ap.add_argument("--out", required=True,
                    help="directory (gpkg + CSV files + README) or a .gpkg file (gpkg only)")
    ap.add_argument("--gemeenten", type=int, default=None,
                    help="number of gemeenten (default 48, or buurten/40 when --buurten "
                         "is given; max %d)" % MAX_GEMEENTEN)
    ap.add_argument("--buurten", type=int, default=None,
                    help="target total number of buurten (default 12 per gemeente)")
    ap.add_argument("--years", default=",".join(str(y) for y in DEFAULT_YEARS),
                    help="comma-separated years (default %(default)s)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default %(default)s")
    ap.add_argument("--layers", default="gemeenten,buurten,corop_regios",
                    help="gpkg layers to write when --out is a .gpkg (default %(default)s)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    args = ap.parse_args(argv)
    try:
        years = [int(y) for y in args.years.split(",") if y.strip()]
    except ValueError:
        ap.error("--years must be comma-separated integers")
    log = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))

    t0 = time.perf_counter()
    try:
        data = generate(args.gemeenten, args.buurten, years, args.seed)
    except ValueError as exc:
        ap.error(str(exc))
    t1 = time.perf_counter()
    log("generated %d gemeenten, %d buurten, %d regions, years %s in %.1f s"
        % (data.n_gemeenten, data.n_buurten, len(data.corop_codes),
           ",".join(map(str, data.years)), t1 - t0))

    def progress(name, done, total):
        if total > 100000:
            log("  %s: %d/%d" % (name, done, total))

    if args.out.lower().endswith(".gpkg"):
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        write_gpkg(args.out, data, [s for s in args.layers.split(",") if s], progress=progress)
        paths = [args.out]
    else:
        paths = write_sample(args.out, data, progress)
    t2 = time.perf_counter()
    for p in paths:
        log("wrote %s (%.1f MB)" % (p, os.path.getsize(p) / 1e6))
    log("written in %.1f s (total %.1f s)" % (t2 - t1, t2 - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
