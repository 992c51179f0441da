"""The map palette (resources/palette.json) and the class schemes; no QGIS.

Colour science is computed here independently: sRGB -> linear -> CIE XYZ (D65) -> CIE L*a*b*,
colour-vision deficiencies simulated with the Machado, Oliveira & Fernandes (2009) matrices
at severity 1.0.
"""

import json
import math
import re

import numpy as np
import pytest

from mdi_plugin.paths import resource_path
from mdi_plugin.styling.classes import (CHANGE, CHANGE_NAMES, FIXED, QUARTILES, change_scheme,
                                        label_number, make_scheme, quartile_scheme,
                                        report_scheme, top_n_rows)
from mdi_plugin.styling.palette import load_palette

PALETTE = load_palette()
HEX = re.compile(r"^#[0-9a-f]{6}$")

MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}


def linear_rgb(color):
    c = np.array([int(color[k:k + 2], 16) for k in (1, 3, 5)]) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb_linear):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ np.clip(rgb_linear, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def lightness(color):
    return lab(linear_rgb(color))[0]


def test_palette_file_is_valid_json_with_hex_colours():
    with open(resource_path("palette.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    colours = data["sequential"]["colors"] + data["sequential"]["ramp"] + \
        data["diverging"]["colors"] + [data["no_data"]["fill"], data["no_data"]["hatch"]]
    assert all(HEX.match(c) for c in colours), colours
    assert len(data["sequential"]["colors"]) == 4
    assert len(data["diverging"]["colors"]) == len(data["diverging"]["breaks"]) + 1


def test_sequential_runs_light_to_dark_and_is_legible_in_greyscale():
    values = [lightness(c) for c in PALETTE.sequential]
    steps = -np.diff(values)
    assert (steps >= 12).all(), values


@pytest.mark.parametrize("deficiency", sorted(MACHADO))
def test_sequential_stays_distinct_for_colour_blind_readers(deficiency):
    matrix = np.array(MACHADO[deficiency])
    simulated = [lab(matrix @ linear_rgb(c)) for c in PALETTE.sequential]
    distances = [np.linalg.norm(b - a) for a, b in zip(simulated, simulated[1:])]
    assert min(distances) >= 20, (deficiency, distances)
    # and still ordered light -> dark
    assert all(b[0] < a[0] for a, b in zip(simulated, simulated[1:]))


def test_no_data_colour_differs_from_every_class():
    for color in PALETTE.sequential:
        assert PALETTE.no_data_fill != color
    # the hatch is what sets "Geen gegevens" apart in greyscale: clearly darker than the fill
    assert lightness(PALETTE.no_data_fill) - lightness(PALETTE.no_data_hatch) >= 25


def test_diverging_is_lightest_in_the_middle_and_darkens_outwards():
    values = [lightness(c) for c in PALETTE.diverging]
    middle = len(values) // 2
    assert values[middle] == max(values)
    assert values[0] < values[1] < values[middle]
    assert values[-1] < values[-2] < values[middle]
    assert list(PALETTE.diverging_breaks) == sorted(PALETTE.diverging_breaks)
    assert -PALETTE.diverging_breaks[0] == PALETTE.diverging_breaks[-1]


@pytest.mark.parametrize("count", range(2, 12))
def test_sequential_colours_for_any_class_count_get_darker(count):
    colours = PALETTE.sequential_colors(count)
    assert len(colours) == count and all(HEX.match(c) for c in colours)
    values = [lightness(c) for c in colours]
    assert all(b < a for a, b in zip(values, values[1:])), values


def test_report_scheme_labels_and_colours():
    scheme = report_scheme()
    assert scheme.scheme == FIXED
    assert scheme.labels == ["Laag (< 40)", "Gematigd (40\u201350)", "Hoog (50\u201360)",
                             "Zeer hoog (\u2265 60)", "Geen gegevens"]
    assert [c.color for c in scheme.classes] == list(PALETTE.sequential)
    assert scheme.no_data.color == PALETTE.no_data_fill


@pytest.mark.parametrize("value,label", [(39.999, "Laag"), (40.0, "Gematigd"),
                                         (49.99, "Gematigd"), (50.0, "Hoog"),
                                         (59.9, "Hoog"), (60.0, "Zeer hoog"),
                                         (-3.0, "Laag"), (140.0, "Zeer hoog"),
                                         (None, "Geen gegevens"),
                                         (math.nan, "Geen gegevens")])
def test_a_value_on_a_break_goes_to_the_upper_class(value, label):
    assert report_scheme().class_of(value).label.startswith(label)


def test_quartile_scheme_matches_numpy_percentiles_and_shows_ranges():
    rng = np.random.default_rng(3)
    values = rng.uniform(10, 90, 400)
    values[::37] = np.nan
    valid = values[~np.isnan(values)]
    q1, q2, q3 = (float(np.percentile(valid, p)) for p in (25, 50, 75))
    scheme = quartile_scheme("mdi", values)
    assert scheme.scheme == QUARTILES
    assert scheme.breaks == pytest.approx((q1, q2, q3))
    text = ["{:.1f}".format(q).replace(".", ",") for q in (q1, q2, q3)]
    assert scheme.labels[0] == "Laag (< {})".format(text[0])
    assert scheme.labels[1] == "Gematigd ({}\u2013{})".format(text[0], text[1])
    assert scheme.labels[3] == "Zeer hoog (\u2265 {})".format(text[2])
    counts = [sum(1 for v in valid if c.contains(v)) for c in scheme.classes]
    assert sum(counts) == valid.size
    assert max(counts) - min(counts) <= 2  # quartiles: equal shares


def test_quartiles_of_no_values_raise_a_core_input_error():
    from mdi_plugin.core.errors import InputError
    with pytest.raises(InputError):
        quartile_scheme("mdi", [np.nan, np.nan])


def test_change_scheme_is_centred_on_zero():
    scheme = change_scheme("verschil_mdi")
    assert scheme.scheme == CHANGE
    assert [c.label.split(" (")[0] for c in scheme.classes] == list(CHANGE_NAMES)
    assert scheme.class_of(0.0).label.startswith("Nauwelijks veranderd")
    assert scheme.class_of(-6).label.startswith("Sterk verbeterd")
    assert scheme.class_of(2.5).label.startswith("Verslechterd")
    assert scheme.labels[1] == "Verbeterd (\u22125 tot \u22121)"
    assert [c.color for c in scheme.classes] == list(PALETTE.diverging)
    with pytest.raises(ValueError):
        change_scheme("d", breaks=[-1, 1])


def test_make_scheme_rejects_unknown_schemes_and_missing_values():
    with pytest.raises(ValueError):
        make_scheme("jenks", "mdi")
    with pytest.raises(ValueError):
        make_scheme(QUARTILES, "mdi")


def test_label_numbers_use_a_decimal_comma_and_a_minus_sign():
    assert label_number(41.666) == "41,7"
    assert label_number(40.0) == "40"
    assert label_number(-5) == "\u22125"
    assert label_number(-0.01) == "0"


def brute_force_top(values, n, mask):
    """Rank = 1 + number of candidate values strictly higher; keep ranks <= n."""
    candidates = [i for i, v in enumerate(values) if not math.isnan(v) and mask[i]]
    rank = {i: 1 + sum(1 for j in candidates if values[j] > values[i]) for i in candidates}
    return sorted((i for i in candidates if rank[i] <= n), key=lambda i: (rank[i], i))


@pytest.mark.parametrize("seed", range(6))
def test_top_n_rows_agrees_with_brute_force_including_ties(seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 15, 60).astype(float)
    values[rng.integers(0, 60, 5)] = np.nan
    mask = rng.random(60) < 0.7
    n = int(rng.integers(1, 12))
    assert top_n_rows(values, n, mask) == brute_force_top(values, n, mask)
    assert top_n_rows(values, n) == brute_force_top(values, n, [True] * 60)


def test_zones_and_focus_differ_at_a_glance_in_colour_and_in_greyscale_print():
    """Kern, intermediair, perifeer and focus outlines (issue #15): in greyscale print
    each pair differs by line pattern or clearly by width (>= 1.8x); on screen each pair of
    kern / intermediair / perifeer differs in colour (CIE76 delta E >= 30) and none is
    the top-N highlight's blue."""
    palette = load_palette()
    names = ("kern", "intermediair", "perifeer", "focus")
    styles = {name: palette.zones[name] for name in names}
    for k, first in enumerate(names):
        for second in names[k + 1:]:
            a, b = styles[first], styles[second]
            ratio = max(a.width_mm, b.width_mm) / min(a.width_mm, b.width_mm)
            assert a.style != b.style or ratio >= 1.8, (first, second)
    coloured = ("kern", "intermediair", "perifeer")
    labs = {name: lab(linear_rgb(styles[name].color)) for name in coloured}
    highlight = lab(linear_rgb(palette.highlight.color))
    for k, first in enumerate(coloured):
        assert np.linalg.norm(labs[first] - highlight) >= 30, first
        for second in coloured[k + 1:]:
            assert np.linalg.norm(labs[first] - labs[second]) >= 30, (first, second)
