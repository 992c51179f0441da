"""Bar charts of the "achterstandsprofiel" (mdi:domainprofile): one PNG and one SVG per
region or unit, painted with QPainter (qgis.PyQt only; works in qgis_process).

The chart's words are the report's Dutch terms, translatable through ``tr`` like the map
layout's (Dutch in both languages unless the translation says otherwise).
"""

import os
import re

from qgis.PyQt.QtCore import QLineF, QPointF, QRect, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from qgis.PyQt.QtSvg import QSvgGenerator

from ..core.profile import REGION_LEVEL, UNIT_LEVEL
from ..i18n import tr

#: Colours of the bars: above the national mean (more deprivation) and at or below it.
ABOVE_COLOUR = "#b2182b"
BELOW_COLOUR = "#6f9fc8"
GRID_COLOUR = "#d9d9d9"
TEXT_COLOUR = "#222222"
MEAN_COLOUR = "#000000"
CHART_PREFIX = "profiel_"
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def dutch_number(value, decimals=1):
    """72.25 -> '72,3' (Dutch decimal comma)."""
    return "{:.{}f}".format(value, decimals).replace(".", ",")


def safe_name(value):
    """A file-name-safe form of a code: letters, digits, - and _ only."""
    text = re.sub(r"[^A-Za-z0-9_-]+", "_", str(value)).strip("_")
    return text or "x"


def profile_subtitle(year=None):
    """The subtitle of every chart of a run (``year``: the year profiled, or None)."""
    return tr("Domain scores MDI{year} (0\u2013100, higher = more deprivation) and national "
              "mean").format(year="" if year is None else " {:g}".format(year))


def chart_jobs(profile, names):
    """[(key, file stem, title, scores)] of every chart of a core ``Profile``: regions,
    then units. ``names``: {(level, key): name}. Stems are unique ignoring case."""
    groups = [(REGION_LEVEL, profile.regions)]
    if profile.units is not None:
        groups.append((UNIT_LEVEL, profile.units))
    jobs, used = [], set()
    for level, group in groups:
        for index, key in enumerate(group.keys):
            code = key if level == REGION_LEVEL else key[1]
            stem = CHART_PREFIX + (safe_name(key) if level == REGION_LEVEL else
                                   "{}_{}".format(safe_name(key[0]), safe_name(key[1])))
            unique, number = stem, 2
            while unique.lower() in used:
                unique, number = "{}_{}".format(stem, number), number + 1
            used.add(unique.lower())
            name = names.get((level, key))
            title = tr("Deprivation profile {name}").format(
                name="{} ({})".format(name, code) if name else code)
            jobs.append(((level, key), unique, title,
                         [group.scores[d][index] for d in profile.domains]))
    return jobs


def _font(size, scale, bold=False):
    result = QFont("DejaVu Sans")
    result.setPixelSize(max(7, int(round(size * scale))))
    result.setBold(bold)
    return result


def paint_profile(painter, width, height, title, subtitle, labels, scores, means):
    """Paint a horizontal bar chart of the domain scores (0-100) with the national mean
    of each domain marked; NaN scores are written as 'geen gegevens'."""
    scale = height / 450.0
    margin = 14.0 * scale
    no_data = tr("no data")
    painter.fillRect(QRectF(0, 0, width, height), QColor("white"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    title_font, text_font = _font(17, scale, True), _font(13, scale)
    small_font = _font(11, scale)
    painter.setPen(QColor(TEXT_COLOUR))
    painter.setFont(title_font)
    title_height = QFontMetricsF(title_font).height()
    painter.drawText(QRectF(margin, margin, width - 2 * margin, title_height), _LEFT, title)
    painter.setFont(small_font)
    small = QFontMetricsF(small_font)
    top = margin + title_height
    painter.drawText(QRectF(margin, top, width - 2 * margin, small.height()), _LEFT, subtitle)
    top += small.height() + 10 * scale

    metrics = QFontMetricsF(text_font)
    label_width = max(metrics.horizontalAdvance(label) for label in labels) + 10 * scale
    value_width = metrics.horizontalAdvance(no_data) + 6 * scale
    left = margin + label_width
    plot_width = max(width - margin - value_width - left, 10.0)
    legend_height = small.height() + 8 * scale
    bottom = height - margin - legend_height - small.height() - 4 * scale
    row_height = (bottom - top) / max(len(labels), 1)

    def x_of(value):
        return left + plot_width * min(max(value, 0.0), 100.0) / 100.0

    for tick in range(0, 101, 20):
        x = x_of(tick)
        painter.setPen(QPen(QColor(GRID_COLOUR), 1))
        painter.drawLine(QLineF(x, top, x, bottom))
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(x - 20 * scale, bottom + 2 * scale, 40 * scale, small.height()),
                         int(Qt.AlignmentFlag.AlignCenter), str(tick))

    painter.setFont(text_font)
    mean_pen = QPen(QColor(MEAN_COLOUR), max(2.0, 2.5 * scale))
    for row, (label, score, mean) in enumerate(zip(labels, scores, means)):
        y = top + row * row_height
        bar = QRectF(left, y + row_height * 0.2, 0, row_height * 0.6)
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(margin, y, label_width - 8 * scale, row_height), _RIGHT, label)
        text = no_data
        if score == score:
            bar.setRight(x_of(score))
            above = mean == mean and score > mean
            painter.fillRect(bar, QColor(ABOVE_COLOUR if above else BELOW_COLOUR))
            text = dutch_number(score)
        text_left = bar.right()
        if mean == mean:
            x = x_of(mean)
            painter.setPen(mean_pen)
            painter.drawLine(QLineF(x, y + row_height * 0.08, x, y + row_height * 0.92))
            if x > text_left and x - text_left < metrics.horizontalAdvance(text) + 8 * scale:
                text_left = x          # keep the value clear of the mean marker
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QRectF(text_left + 4 * scale, y, value_width + plot_width,
                                row_height), _LEFT, text)
    _paint_legend(painter, height, margin, legend_height, small_font, scale, mean_pen)


def _paint_legend(painter, height, margin, legend_height, font, scale, mean_pen):
    """The legend line: above / at or below the national mean, and the mean marker."""
    small = QFontMetricsF(font)
    painter.setFont(font)
    top = height - margin - legend_height + 6 * scale
    box = small.height() * 0.8
    x = margin
    for colour, text in ((ABOVE_COLOUR, tr("above the national mean")),
                         (BELOW_COLOUR, tr("equal or lower"))):
        painter.fillRect(QRectF(x, top + (small.height() - box) / 2, box, box),
                         QColor(colour))
        x += box + 4 * scale
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QPointF(x, top + small.ascent()), text)
        x += small.horizontalAdvance(text) + 16 * scale
    painter.setPen(mean_pen)
    painter.drawLine(QLineF(x + box / 2, top, x + box / 2, top + small.height()))
    x += box + 4 * scale
    painter.setPen(QColor(TEXT_COLOUR))
    painter.drawText(QPointF(x, top + small.ascent()), tr("national mean"))


def _paint(device, width, height, *chart):
    painter = QPainter(device)
    try:
        paint_profile(painter, width, height, *chart)
    finally:
        painter.end()


def write_chart(base_path, width, height, title, subtitle, labels, scores, means):
    """Write base_path + '.png' and '.svg'; returns the two paths. OSError naming the file
    that could not be written."""
    png_path, svg_path = base_path + ".png", base_path + ".svg"
    chart = (title, subtitle, labels, scores, means)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    _paint(image, width, height, *chart)
    if not image.save(png_path, "PNG"):
        raise OSError(png_path)
    generator = QSvgGenerator()
    generator.setFileName(svg_path)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(96)            # CSS pixels: the SVG is width x height px
    generator.setTitle(title)
    generator.setDescription(subtitle)
    _paint(generator, width, height, *chart)
    if not os.path.isfile(svg_path):
        raise OSError(svg_path)
    return png_path, svg_path
