"""The plugin's one palette (``resources/palette.json``); pure Python, no QGIS imports."""

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Tuple

from ..paths import resource_path

PALETTE_FILE = resource_path("palette.json")


@dataclass(frozen=True)
class LineStyle:
    """An outline: colour (hex), width in mm, pen style ('solid', 'dash', 'dot')."""

    color: str
    width_mm: float
    style: str = "solid"
    halo: str = ""
    halo_width_mm: float = 0.0


@dataclass(frozen=True)
class Palette:
    """Colours of every MDI style, read from palette.json."""

    sequential: Tuple[str, ...]
    ramp: Tuple[str, ...]
    outline: LineStyle
    no_data_fill: str
    no_data_hatch: str
    hatch_width_mm: float
    hatch_spacing_mm: float
    hatch_angle: float
    diverging: Tuple[str, ...]
    diverging_breaks: Tuple[float, ...]
    zones: Dict[str, LineStyle]
    label_color: str
    label_size_pt: float
    label_buffer: str
    label_buffer_mm: float
    highlight: LineStyle
    highlight_label_size_pt: float

    def sequential_colors(self, count):
        """``count`` colours from light to dark: the 4-class colours for 4 classes, else
        spread evenly over the 9-step ramp (interpolated in RGB for more than 9)."""
        if count == len(self.sequential):
            return list(self.sequential)
        if count < 1:
            raise ValueError("a sequential scheme needs at least 1 class, not {}".format(count))
        if count == 1:
            return [self.ramp[len(self.ramp) // 2]]
        last = len(self.ramp) - 1
        return [_ramp_color(self.ramp, k * last / (count - 1)) for k in range(count)]


def _ramp_color(ramp, position):
    """The ramp's colour at a fractional position (linear RGB interpolation)."""
    low = int(position)
    if position - low < 1e-9 or low >= len(ramp) - 1:
        return ramp[min(low, len(ramp) - 1)]
    share = position - low
    a, b = _rgb(ramp[low]), _rgb(ramp[low + 1])
    return "#" + "".join("{:02x}".format(round(x + (y - x) * share)) for x, y in zip(a, b))


def _rgb(color):
    return [int(color[k:k + 2], 16) for k in (1, 3, 5)]


def _line(data):
    return LineStyle(data["color"], float(data["width_mm"]), data.get("style", "solid"),
                     data.get("halo", ""), float(data.get("halo_width_mm", 0.0)))


def parse_palette(data):
    """A Palette from the parsed JSON of palette.json."""
    no_data = data["no_data"]
    labels = data["labels"]
    highlight = data["highlight"]
    return Palette(
        sequential=tuple(data["sequential"]["colors"]),
        ramp=tuple(data["sequential"]["ramp"]),
        outline=_line(data["outline"]),
        no_data_fill=no_data["fill"],
        no_data_hatch=no_data["hatch"],
        hatch_width_mm=float(no_data["hatch_width_mm"]),
        hatch_spacing_mm=float(no_data["hatch_spacing_mm"]),
        hatch_angle=float(no_data["hatch_angle"]),
        diverging=tuple(data["diverging"]["colors"]),
        diverging_breaks=tuple(float(b) for b in data["diverging"]["breaks"]),
        zones={name: _line(style) for name, style in data["zones"].items()},
        label_color=labels["color"],
        label_size_pt=float(labels["size_pt"]),
        label_buffer=labels["buffer"],
        label_buffer_mm=float(labels["buffer_mm"]),
        highlight=_line(highlight),
        highlight_label_size_pt=float(highlight["label_size_pt"]))


@lru_cache(maxsize=4)
def load_palette(path=PALETTE_FILE):
    """The palette of ``path`` (default: the bundled resources/palette.json), cached."""
    with open(path, encoding="utf-8") as handle:
        return parse_palette(json.load(handle))
