"""Maps an official can hand on: every municipality and main station named without two
labels overlapping, the scenario in the title, and a legend entry for every symbol drawn.

The label boxes are measured on the rendered figure (``label_layout.label_boxes``); the symbols
drawn are the marker of every set of points (their gid says which) and the hatch of every
area, matched with the markers and hatches of the legend's entries.
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Polygon

from pmiek.adapters.files import read_workspace
from pmiek.adapters.reports.insight_charts import draw_bottleneck_map, draw_shortage_timeline
from pmiek.adapters.reports.label_layout import (
    MapLabel,
    label_boxes,
    place_labels,
)
from pmiek.adapters.reports.maps import MARKER_GID, draw_map
from pmiek.domain.workspace import Workspace
from pmiek.insight import analyse


@cache
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


@cache
def bottlenecks() -> pd.DataFrame:
    return analyse(utrecht(), "GB", horizon=2035).bottlenecks()


def _maps(tmp: Path) -> dict[str, Figure]:
    ws, table = utrecht(), bottlenecks()
    return {
        "show": draw_map(ws, tmp / "show.png"),
        "electricity": draw_bottleneck_map(ws, table, 2035, tmp / "el.png",
                                           carriers=("electricity",)),
        "others": draw_bottleneck_map(ws, table, 2030, tmp / "other.png",
                                      carriers=("heat", "methane", "hydrogen")),
        "all": draw_bottleneck_map(ws, table, 2026, tmp / "all.png"),
    }


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Figure]:
    return _maps(tmp_path_factory.mktemp("maps"))


def test_no_two_labels_overlap_and_every_municipality_is_named(
        maps: dict[str, Figure]) -> None:
    municipalities = set(utrecht().areas.query("kind == 'municipality'")["name"])
    assert len(municipalities) == 26
    for name, fig in maps.items():
        boxes = label_boxes(fig)
        texts = [t for t, _ in boxes]
        assert municipalities <= set(texts), (name, municipalities - set(texts))
        overlapping = [(a, b) for (a, x), (b, y) in itertools.combinations(boxes, 2)
                       if x.overlaps(y)]
        assert overlapping == [], (name, overlapping)
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        frames = [ax.get_window_extent(renderer) for ax in fig.axes]
        outside = [t for t, box in boxes if not any(
            box.x0 >= f.x0 - 0.5 and box.x1 <= f.x1 + 0.5 and box.y0 >= f.y0 - 0.5
            and box.y1 <= f.y1 + 0.5 for f in frames)]
        assert outside == [], (name, outside)


def test_the_show_map_names_every_hv_station_in_service(maps: dict[str, Figure]) -> None:
    assets = utrecht().assets
    hv = assets[(assets["kind"] == "hv_station") & (assets["capacity_demand_mw"] > 0)
                & assets["geometry"].notna()]
    assert len(hv) > 15
    assert set(hv["name"]) <= {t for t, _ in label_boxes(maps["show"])}


def test_every_knelpunten_map_title_names_its_scenario_year_and_carriers(
        maps: dict[str, Figure]) -> None:
    for name, year in (("electricity", 2035), ("others", 2030), ("all", 2026)):
        title = _suptitle(maps[name])
        assert "scenario GB" in title and str(year) in title, title
        # demand and feed-in apart, each panel named
        assert [ax.get_title() for ax in maps[name].axes] == ["afname (vraag)",
                                                              "invoeding (opwek)"]
    assert "elektriciteit" in _suptitle(maps["electricity"])
    assert "waterstof" in _suptitle(maps["others"])


def test_the_shortage_timeline_names_its_scenario_and_keeps_lines_apart(
        tmp_path: Path) -> None:
    table = bottlenecks()
    names = dict(zip(utrecht().assets["id"], utrecht().assets["name"], strict=True))
    fig = draw_shortage_timeline(table, names, tmp_path / "tijdlijn.png")
    assert set(table["scenario"]) == {"GB"} and "scenario GB" in _suptitle(fig)
    for ax in fig.axes:  # no two lines of a panel share colour and style
        styles = [(str(line.get_color()), line.get_linestyle()) for line in ax.get_lines()]
        assert len(styles) == len(set(styles)), styles


def _suptitle(fig: Figure) -> str:
    return str(fig.get_suptitle())


def test_every_symbol_drawn_has_a_legend_entry(maps: dict[str, Figure]) -> None:
    for name, fig in maps.items():
        drawn = {str(c.get_gid())[len(MARKER_GID):] for ax in fig.axes for c in ax.collections
                 if str(c.get_gid()).startswith(MARKER_GID)}
        assert drawn, name
        legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
        assert len(legends) == 1, name
        handles = legends[0].legend_handles
        markers = {h.get_marker() for h in handles if hasattr(h, "get_marker")}
        assert drawn <= markers, (name, drawn - markers)
        hatches = {p.get_hatch() for ax in fig.axes for p in ax.patches
                   if isinstance(p, Polygon)} - {None}
        legend_hatches = {h.get_hatch() for h in handles if isinstance(h, Patch)} - {None}
        assert hatches <= legend_hatches, (name, hatches, legend_hatches)


def test_labels_crowded_on_one_point_still_do_not_overlap(tmp_path: Path) -> None:
    """Twelve names on the same point: each finds its own place, leader lines beyond the
    near positions, and the same input places them the same way twice."""
    import matplotlib.pyplot as plt

    def draw() -> list[tuple[float, float]]:
        fig, ax = plt.subplots(figsize=(6, 5), dpi=100)
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 100)
        placed = place_labels(ax, [MapLabel(f"Station nummer {k}", 50, 50, k)
                                   for k in range(12)])
        boxes = label_boxes(fig)
        assert len(boxes) == 12
        assert not [1 for (_, a), (_, b) in itertools.combinations(boxes, 2) if a.overlaps(b)]
        fig.savefig(tmp_path / "crowded.png")
        plt.close(fig)
        return [tuple(map(float, a.xyann)) for a in placed]  # type: ignore[misc]

    first = draw()
    assert len(set(first)) == 12
    assert draw() == first
