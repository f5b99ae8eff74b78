"""Map labels placed without overlap (matplotlib, deterministic).

A map names every municipality and its main stations; at province scale the names of a dense
city cluster (Utrecht, Nieuwegein, the hotspots around them) fall on top of each other when each
is put at its own point. :func:`place_labels` puts the labels one by one, most important first,
at the first of a fixed list of positions around their point whose box on the rendered figure
overlaps no label placed before it and stays inside the axes. Positions further away get a thin
leader line to their point; a label that finds no free place at full size tries again smaller.
Every label is placed: as a last resort it goes to the free position nearest to its point on a
wider ring. The order of the labels and the positions decide everything, so the same map is
drawn the same way on every machine.

Every placed label carries the gid :data:`LABEL_GID`, so tests can find them and check that
their boxes are disjoint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

LABEL_GID = "pmiek-label"
"""The gid of every label placed by :func:`place_labels`."""

NEAR = ((0, -6, "center", "top"), (0, 6, "center", "bottom"), (6, 0, "left", "center"),
        (-6, 0, "right", "center"), (6, -6, "left", "top"), (-6, -6, "right", "top"),
        (6, 6, "left", "bottom"), (-6, 6, "right", "bottom"))
"""Offsets in points (dx, dy) with their alignment: below, above, right, left, diagonals."""
RINGS = (18.0, 30.0, 44.0, 60.0, 80.0)
"""Radii in points of the rings of positions further away (with a leader line)."""
DIRECTIONS = 16
"""Positions per ring."""
SHRINK = (1.0, 0.85, 0.72)
"""Font-size factors tried in turn when no position is free."""
HALO = [patheffects.withStroke(linewidth=2.0, foreground="white", alpha=0.8)]
"""A white outline that keeps a label readable over markers, lines and shading."""
PAD = 1.5
"""Points kept free around every label box."""


@dataclass(frozen=True)
class MapLabel:
    """One label: its text, the point it names (data coordinates), its priority (lower is
    placed first) and its text style."""

    text: str
    x: float
    y: float
    priority: int = 0
    style: dict[str, object] = field(default_factory=dict)


def _positions() -> list[tuple[float, float, str, str, bool]]:
    """Every candidate position: the near ones, then the rings (leader line)."""
    out: list[tuple[float, float, str, str, bool]] = [
        (dx, dy, ha, va, False) for dx, dy, ha, va in NEAR]
    for radius in RINGS:
        for k in range(DIRECTIONS):
            angle = -np.pi / 2 + 2 * np.pi * k / DIRECTIONS  # start below, go round
            dx, dy = radius * np.cos(angle), radius * np.sin(angle)
            ha = "center" if abs(dx) < radius * 0.3 else ("left" if dx > 0 else "right")
            va = "center" if abs(dy) < radius * 0.3 else ("bottom" if dy > 0 else "top")
            out.append((round(dx, 3), round(dy, 3), ha, va, True))
    return out


def _box(annotation: Annotation, renderer: RendererBase) -> Bbox:
    """The box of the label's text, without its leader line."""
    annotation.update_positions(renderer)
    return Text.get_window_extent(annotation, renderer)


@dataclass
class _Board:
    """What is placed so far, on which axes frame, measured with which renderer."""

    ax: Axes
    renderer: RendererBase
    frame: Bbox
    pad: float
    zorder: float
    placed: list[Bbox] = field(default_factory=list)

    def annotate(self, item: MapLabel, at: tuple[float, float, str, str, bool],
                 fontsize: float) -> Annotation:
        dx, dy, ha, va, leader = at
        return self.ax.annotate(
            item.text, (item.x, item.y), xytext=(dx, dy), textcoords="offset points", ha=ha,
            va=va, fontsize=fontsize, zorder=self.zorder, gid=LABEL_GID,
            arrowprops={"arrowstyle": "-", "color": "#868e96", "linewidth": 0.5,
                        "shrinkA": 0, "shrinkB": 2} if leader else None,
            path_effects=HALO, **item.style)  # type: ignore[arg-type]

    def box(self, annotation: Annotation) -> Bbox:
        return _box(annotation, self.renderer).padded(self.pad)

    def free(self, box: Bbox) -> bool:
        frame = self.frame
        inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                  and box.y1 <= frame.y1)
        return inside and not any(box.overlaps(other) for other in self.placed)

    def try_at(self, item: MapLabel, at: tuple[float, float, str, str, bool],
               fontsize: float) -> Annotation | None:
        """The label at ``at`` when it is free there (and then placed), else None."""
        candidate = self.annotate(item, at, fontsize)
        box = self.box(candidate)
        if self.free(box):
            self.placed.append(box)
            return candidate
        candidate.remove()
        return None


def place_labels(ax: Axes, labels: Sequence[MapLabel], *, fontsize: float = 7.0,
                 zorder: float = 9) -> list[Annotation]:
    """Place ``labels`` on ``ax`` without overlap; returns the annotations, in the order
    placed. The axes' limits and the figure's layout must be final (the boxes are measured on
    the rendered figure)."""
    fig = ax.figure
    ax.apply_aspect()  # the equal aspect moves the axes box only at draw time
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    board = _Board(ax, renderer, ax.get_window_extent(renderer), PAD * fig.dpi / 72.0, zorder)
    positions = _positions()
    out: list[Annotation] = []
    for i in sorted(range(len(labels)), key=lambda i: (labels[i].priority, labels[i].text, i)):
        item = labels[i]
        annotation = next((a for size in SHRINK for at in positions
                           if (a := board.try_at(item, at, fontsize * size)) is not None), None)
        out.append(annotation if annotation is not None
                   else _last_resort(board, item, fontsize * SHRINK[-1]))
    return out


def _last_resort(board: _Board, item: MapLabel, fontsize: float) -> Annotation:
    """The free position on rings beyond :data:`RINGS` nearest to the point; else the one
    overlapping the least area."""
    best: tuple[float, tuple[float, float, str, str, bool]] | None = None
    for radius in (100.0, 130.0, 170.0, 220.0):
        for k in range(2 * DIRECTIONS):
            angle = -np.pi / 2 + np.pi * k / DIRECTIONS
            at = (radius * np.cos(angle), radius * np.sin(angle), "center", "center", True)
            placed = board.try_at(item, at, fontsize)
            if placed is not None:
                return placed
            candidate = board.annotate(item, at, fontsize)
            overlap = sum(_overlap_area(board.box(candidate), other) for other in board.placed)
            candidate.remove()
            if best is None or overlap < best[0]:
                best = (overlap, at)
    assert best is not None
    annotation = board.annotate(item, best[1], fontsize)
    board.placed.append(board.box(annotation))
    return annotation


def _overlap_area(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(w, 0.0) * max(h, 0.0)


def label_boxes(fig: object) -> list[tuple[str, Bbox]]:
    """The text and rendered box of every label :func:`place_labels` drew on ``fig``."""
    canvas = fig.canvas  # type: ignore[attr-defined]
    if not hasattr(canvas, "get_renderer"):  # a closed pyplot figure: attach an Agg canvas
        canvas = FigureCanvasAgg(fig)  # type: ignore[arg-type]
    renderer = canvas.get_renderer()
    found = fig.findobj(lambda a: a.get_gid() == LABEL_GID)  # type: ignore[attr-defined]
    return [(a.get_text(), _box(a, renderer)) for a in found]
