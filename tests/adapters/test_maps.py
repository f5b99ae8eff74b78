"""The map and hierarchy PNGs: legible (title, legend, labels), with the attribution of the
geometry and a red notice of what is estimated that overlap neither each other nor the map."""

from __future__ import annotations

from pathlib import Path

import matplotlib.colors
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.reports.insight_charts import CLASS_COLOURS, draw_bottleneck_map
from pmiek.adapters.reports.map_notes import ATTRIBUTION_COLOUR, NOTICE_COLOUR
from pmiek.adapters.reports.maps import draw_hierarchy, draw_map, hierarchy_rows
from pmiek.domain.workspace import Workspace

CBS_NL = ("Gemeentegrenzen: CBS / Kadaster, gebiedsindelingen 2025 via PDOK, gegeneraliseerd "
          "(cartomap/nl)")
CBS_EN = ("Municipal boundaries: CBS / Kadaster, gebiedsindelingen 2025 via PDOK, generalised "
          "(cartomap/nl)")


def _texts(fig) -> list[str]:
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
        texts.append(ax.get_title())
        legend = ax.get_legend()
        if legend is not None:
            texts += [t.get_text() for t in legend.get_texts()]
    return texts


@pytest.mark.parametrize(("lang", "notice", "station"), [
    ("nl", "Geschat: omtrek van 3 gemeenten en 1 hotspot; ligging van 8 stations en 2 andere "
           "netcomponenten", "hoogspanningsstation"),
    ("en", "Estimated: outline of 3 municipalities and 1 hotspot; location of 8 stations and 2 "
           "other grid assets", "HV station"),
])
def test_map_is_labelled(tmp_path: Path, example: Workspace, lang: str, notice: str,
                         station: str) -> None:
    path = tmp_path / "map.png"
    fig = draw_map(example, path, lang)
    texts = _texts(fig)
    assert _notices(fig) == [notice]  # the example's outlines and locations are estimates
    assert _attribution(fig) == []  # and nothing else is drawn
    assert any(t.startswith(station) for t in texts)  # legend names the asset kinds
    hv_names = example.assets.loc[example.assets["kind"] == "hv_station", "name"]
    assert set(hv_names) <= set(texts)  # every HV station is labelled
    assert {"Utrecht", "Nieuwegein", "Houten"} <= set(texts)  # municipalities are labelled
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _notices(fig: Figure) -> list[str]:
    """The red notices on the figure."""
    return [t.get_text() for t in fig.texts if t.get_color() == NOTICE_COLOUR]


def _attribution(fig: Figure) -> list[str]:
    """The lines of the grey attribution."""
    return [line for t in fig.texts if t.get_color() == ATTRIBUTION_COLOUR
            for line in t.get_text().split("\n")]


def _sourced(workspace: Workspace, areas: dict[str, str], assets: dict[str, str],
             default_area: str = "cbs-2025", default_asset: str = "osm") -> Workspace:
    """``workspace`` with the geometry sources given by id (the others: the defaults)."""
    area_sources = [areas.get(i, default_area) for i in workspace.areas["id"]]
    asset_sources = [assets.get(i, default_asset) for i in workspace.assets["id"]]
    return workspace.with_tables(
        areas=workspace.areas.assign(geometry_source=pd.array(area_sources, dtype="string")),
        assets=workspace.assets.assign(geometry_source=pd.array(asset_sources,
                                                                dtype="string")))


def test_official_boundaries_have_the_attribution_and_no_notice(tmp_path: Path,
                                                                example: Workspace) -> None:
    fig = draw_map(_sourced(example, {}, {}), tmp_path / "m.png")
    assert _attribution(fig) == [CBS_NL, "Ligging: © OpenStreetMap-bijdragers (ODbL)"]
    assert _notices(fig) == []
    assert not any("chat" in t or "chemati" in t for t in _texts(fig))


@pytest.mark.parametrize(("lang", "cbs", "notice"), [
    ("nl", CBS_NL, "Geschat: omtrek van 1 hotspot; ligging van 2 stations"),
    ("en", CBS_EN, "Estimated: outline of 1 hotspot; location of 2 stations"),
])
def test_estimated_hotspot_and_stations_are_named(tmp_path: Path, example: Workspace,
                                                  lang: str, cbs: str, notice: str) -> None:
    workspace = _sourced(example, {"HS-LW": "estimate"},
                         {"LWD150": "estimate", "UTC-MS": "estimate"}, default_asset="")
    fig = draw_map(workspace, tmp_path / "m.png", lang)
    assert _attribution(fig) == [cbs]
    assert _notices(fig) == [notice]


def test_free_text_source_is_shown_as_it_is(tmp_path: Path, example: Workspace) -> None:
    workspace = _sourced(example, {}, {}, default_area="Eigen intekening provincie, 2024",
                         default_asset="")
    fig = draw_map(workspace, tmp_path / "m.png")
    assert _attribution(fig) == ["Geometrie: Eigen intekening provincie, 2024"]
    assert _notices(fig) == []


def test_legacy_schematic_text_still_gives_a_notice(tmp_path: Path, example: Workspace) -> None:
    workspace = _sourced(example, {}, {}, default_area="schematisch: vierkanten rond de kern",
                         default_asset="")
    fig = draw_map(workspace, tmp_path / "m.png", "en")
    assert _notices(fig) == ["Estimated: outline of 3 municipalities and 1 hotspot"]
    assert _attribution(fig) == []  # the legacy text is the estimate, not a source


def test_a_source_is_drawn_literally(tmp_path: Path, example: Workspace) -> None:
    r"""A ``$`` in user text is no mathematics (``$\frac$`` would not even parse)."""
    workspace = _sourced(example, {}, {}, default_area=r"kosten $\frac$ schets")
    path = tmp_path / "m.png"
    fig = draw_map(workspace, path)
    assert r"Geometrie: kosten $\frac$ schets" in _attribution(fig)
    assert path.stat().st_size > 0


def _assert_stacked(fig: Figure) -> None:
    """Attribution at the bottom, the notice's box above it, the map (with its axis labels)
    above both: no two overlap (measured on the figure drawn again, as it was saved)."""
    canvas = FigureCanvasAgg(fig)  # the saved figure was closed: give it a canvas again
    canvas.draw()
    renderer = canvas.get_renderer()
    attribution = next(t for t in fig.texts if t.get_color() == ATTRIBUTION_COLOUR)
    notice = next(t for t in fig.texts if t.get_color() == NOTICE_COLOUR)
    box = notice.get_bbox_patch()
    assert box is not None
    lowest_axes = min(ax.get_tightbbox(renderer).y0 for ax in fig.axes)
    assert attribution.get_window_extent(renderer).y1 < box.get_window_extent(renderer).y0
    assert box.get_window_extent(renderer).y1 < lowest_axes
    assert box.get_window_extent(renderer).y0 > 0  # nothing cut off at the bottom


def test_map_texts_do_not_overlap(tmp_path: Path, example: Workspace) -> None:
    workspace = _sourced(example, {"HS-LW": "estimate"}, {"LWD150": "estimate"})
    _assert_stacked(draw_map(workspace, tmp_path / "m.png"))


def test_bottleneck_map_carries_attribution_and_notice(tmp_path: Path,
                                                       example: Workspace) -> None:
    workspace = _sourced(example, {"HS-LW": "estimate"},
                         {"LWD150": "estimate", "WN-UTR": "estimate"})
    ids = list(workspace.assets["id"])
    bottlenecks = pd.DataFrame({"year": 2030, "asset_id": ids, "direction": "afname",
                                "class": "beschikbaar", "shortage_mw": 0.0})
    fig = draw_bottleneck_map(workspace, bottlenecks, 2030, tmp_path / "k.png", lang="en")
    assert _attribution(fig) == [CBS_EN, "Locations: © OpenStreetMap contributors (ODbL)"]
    assert _notices(fig) == ["Estimated: outline of 1 hotspot; location of 1 station and 1 "
                             "other grid asset"]
    _assert_stacked(fig)
    # Only what the map draws counts: without a class in that year an asset is not drawn.
    none_drawn = bottlenecks.assign(year=2031)
    fig = draw_bottleneck_map(workspace, none_drawn, 2030, tmp_path / "k2.png")
    assert _notices(fig) == ["Geschat: omtrek van 1 hotspot"]


def test_bottleneck_map_shows_a_planned_asset_apart(tmp_path: Path, example: Workspace) -> None:
    """A station without capacity and load in the map's year (its project is not in service
    yet) is drawn hollow and does not colour its area as capacity available."""
    ids = list(example.assets["id"])
    planned = "NWG150"
    bottlenecks = pd.DataFrame({"year": 2030, "asset_id": ids, "direction": "afname",
                                "class": "congestie", "peak_mw": 120.0, "capacity_mw": 100.0,
                                "shortage_mw": 20.0})
    bottlenecks.loc[bottlenecks["asset_id"] == planned, ["class", "peak_mw", "capacity_mw",
                                                         "shortage_mw"]] = (
        "beschikbaar", 0.0, 0.0, 0.0)
    fig = draw_bottleneck_map(example, bottlenecks, 2030, tmp_path / "k.png", lang="en")
    ax = fig.axes[0]  # the demand panel: every row here is afname
    assert ax.get_title() == "demand"
    assert "not yet in service (capacity 0)" in _legend(fig)
    point = example.assets.set_index("id").at[planned, "geometry"]
    hollow = [c for c in ax.collections if c.get_offsets().shape[0]
              and (c.get_facecolor()[:, :3] == 1.0).all()]
    assert [tuple(o) for c in hollow for o in c.get_offsets()] == [(point.x, point.y)]
    green = matplotlib.colors.to_rgba(CLASS_COLOURS["beschikbaar"])[:3]
    assert not any(np.allclose(c.get_facecolor()[:, :3], green) for c in ax.collections
                   if c.get_offsets().shape[0])
    # Without the planned station every drawn asset is congested: the legend keeps its label.
    counted = bottlenecks[bottlenecks["asset_id"] != planned]
    fig = draw_bottleneck_map(example, counted, 2030, tmp_path / "k2.png", lang="en")
    assert "not yet in service (capacity 0)" not in _legend(fig)


def _legend(fig) -> list[str]:
    """The texts of the figure's one legend (beside the feed-in panel)."""
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert len(legends) == 1
    return [t.get_text() for t in legends[0].get_texts()]


def test_hierarchy_puts_parents_above_children(example: Workspace) -> None:
    rows = hierarchy_rows(example.assets)
    assert sorted(i for _, i in rows) == sorted(example.assets["id"])
    position = {asset_id: k for k, (_, asset_id) in enumerate(rows)}
    depth = dict((asset_id, d) for d, asset_id in rows)
    for asset_id, parent in zip(example.assets["id"], example.assets["parent_id"], strict=True):
        if isinstance(parent, str):
            assert position[parent] < position[asset_id]
            assert depth[asset_id] == depth[parent] + 1


def test_hierarchy_labels_every_asset(tmp_path: Path, example: Workspace) -> None:
    fig = draw_hierarchy(example, tmp_path / "h.png", "en")
    texts = _texts(fig)
    for name, asset_id in zip(example.assets["name"], example.assets["id"], strict=True):
        assert f"{name}  ({asset_id})" in texts
    assert {"electricity", "heat", "HV station"} <= set(texts)


def test_legends_take_the_labels_of_the_vocabulary(tmp_path: Path, example: Workspace) -> None:
    hierarchy = _texts(draw_hierarchy(example, tmp_path / "h.png", "nl"))
    assert {"elektriciteit", "warmte", "hoogspanningsstation"} <= set(hierarchy)
    shown = _texts(draw_map(example, tmp_path / "m.png", "nl"))
    assert "hoogspanningsstation (elektriciteit)" in shown
    assert {"gemeente", "hotspot"} <= set(shown)


def test_show_command_writes_both_pngs(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_app("nl"), ["show", "example", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    shown = {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")}  # no marker
    assert shown == {"kaart.png", "hierarchie.png", "metadata.json"}
