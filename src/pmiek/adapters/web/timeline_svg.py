"""A station's timeline as inline SVG, built from numbers on the server (no script).

Peak (solid line, round points) against capacity (dashed step line) per year, the chosen
year marked. Only presentation attributes, no ``style``: the page's CSP forbids inline
styles. Every text is XML-escaped here, so the result may be placed in a page as it is; the
table beside it (the chart's twin) carries the same numbers for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Floats

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 36, 40
PEAK = "#1f4e79"
CAPACITY = "#1b1b1b"
GRID = "#d1d5db"
MARK = "#8a5a00"


@dataclass(frozen=True)
class Words:
    """The chart's texts (already in the page's language)."""

    title: str
    description: str
    peak: str
    capacity: str
    unit: str


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def _f(value: float) -> str:
    return f"{value:.1f}"


@dataclass(frozen=True)
class _Frame:
    """The plot area: years ``x0``…``x1`` across, 0…``y_max`` MW up."""

    x0: float
    x1: float
    y_max: float

    def x(self, value: float) -> float:
        return LEFT + (value - self.x0) / (self.x1 - self.x0) * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        height = HEIGHT - TOP - BOTTOM
        return TOP + height - value / self.y_max * height


def _axes(frame: _Frame, step: float, years: Floats, unit: str,
          number: Callable[[float], str]) -> list[str]:
    parts = []
    for i in range(round(frame.y_max / step) + 1):
        tick = i * step
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(frame.y(tick))}" '
                     f'y2="{_f(frame.y(tick))}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{_f(frame.y(tick))}" text-anchor="end" '
                     f'dominant-baseline="middle" font-size="12">{escape(number(tick))}</text>')
    for year in [v for v in years if int(v) % 5 == 0 or v in (years.min(), years.max())]:
        parts.append(f'<text x="{_f(frame.x(year))}" y="{HEIGHT - BOTTOM + 18}" '
                     f'text-anchor="middle" font-size="12">{int(year)}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(frame.y(0))}" '
                 f'y2="{_f(frame.y(0))}" stroke="{CAPACITY}" stroke-width="1"/>')
    parts.append(f'<text x="{LEFT - 6}" y="{TOP - 14}" text-anchor="end" font-size="12">'
                 f'{escape(unit)}</text>')
    return parts


def _capacity(frame: _Frame, years: Floats, capacity: Floats) -> list[str]:
    """A step line: each year's capacity holds until the next year."""
    points = []
    for i, value in enumerate(capacity):
        if not math.isfinite(value):
            continue
        right = frame.x(years[i + 1]) if i + 1 < len(years) else frame.x(years[i])
        points += [f"{_f(frame.x(years[i]))},{_f(frame.y(value))}",
                   f"{_f(right)},{_f(frame.y(value))}"]
    if not points:
        return []
    return [f'<polyline fill="none" stroke="{CAPACITY}" stroke-width="2" '
            f'stroke-dasharray="6 4" points="{" ".join(points)}"/>']


def _peak(frame: _Frame, years: Floats, peak: Floats) -> list[str]:
    ok = np.isfinite(peak)
    if not ok.any():
        return []
    pairs = list(zip(years[ok], peak[ok], strict=True))
    points = " ".join(f"{_f(frame.x(a))},{_f(frame.y(b))}" for a, b in pairs)
    return [f'<polyline fill="none" stroke="{PEAK}" stroke-width="2.5" points="{points}"/>',
            *(f'<circle cx="{_f(frame.x(a))}" cy="{_f(frame.y(b))}" r="3" fill="{PEAK}"/>'
              for a, b in pairs)]


def _legend(words: Words) -> list[str]:
    row = 14
    second = LEFT + 60 + 7 * len(words.peak)
    return [f'<line x1="{LEFT}" x2="{LEFT + 28}" y1="{row}" y2="{row}" stroke="{PEAK}" '
            f'stroke-width="2.5"/><circle cx="{LEFT + 14}" cy="{row}" r="3" fill="{PEAK}"/>'
            f'<text x="{LEFT + 34}" y="{row}" dominant-baseline="middle" font-size="12">'
            f'{escape(words.peak)}</text>',
            f'<line x1="{second}" x2="{second + 28}" y1="{row}" y2="{row}" '
            f'stroke="{CAPACITY}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{second + 34}" y="{row}" dominant-baseline="middle" font-size="12">'
            f'{escape(words.capacity)}</text>']


def timeline_svg(rows: pd.DataFrame, words: Words, *, key: str, year: int | None,
                 number: Callable[[float], str]) -> str:
    """The SVG of ``rows`` (columns ``year``, ``peak_mw``, ``capacity_mw``), ids prefixed
    with ``key`` (letters, digits, ``-``); ``number`` formats an axis value. Empty text when
    ``rows`` has no year."""
    data = rows.dropna(subset=["year"])
    if not len(data):
        return ""
    years = data["year"].to_numpy(dtype=float)
    peak = pd.to_numeric(data["peak_mw"], errors="coerce").to_numpy(dtype=float)
    capacity = pd.to_numeric(data["capacity_mw"], errors="coerce").to_numpy(dtype=float)
    finite = np.concatenate([peak[np.isfinite(peak)], capacity[np.isfinite(capacity)]])
    top = float(finite.max()) * 1.05 if len(finite) else 0.0
    step = _nice_step(top) if top > 0 else 1.0
    frame = _Frame(float(years.min()), max(float(years.max()), float(years.min()) + 1),
                   step * max(1, math.ceil(top / step)))
    title_id, desc_id = f"{key}-titel", f"{key}-uitleg"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
             f'aria-labelledby="{title_id} {desc_id}">',
             f'<title id="{title_id}">{escape(words.title)}</title>',
             f'<desc id="{desc_id}">{escape(words.description)}</desc>',
             *_axes(frame, step, years, words.unit, number)]
    if year is not None and frame.x0 <= year <= years.max():
        parts.append(f'<line x1="{_f(frame.x(year))}" x2="{_f(frame.x(year))}" y1="{TOP}" '
                     f'y2="{_f(frame.y(0))}" stroke="{MARK}" stroke-width="2" '
                     f'stroke-dasharray="2 3"/>')
    parts += [*_capacity(frame, years, capacity), *_peak(frame, years, peak),
              *_legend(words), "</svg>"]
    return "".join(parts)


__all__ = ["Words", "timeline_svg"]
