"""The map and hierarchy PNGs: legible (title, legend, labels, schematic notice)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.reports.maps import draw_hierarchy, draw_map, hierarchy_rows
from pmiek.domain.workspace import Workspace


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
    ("nl", "Schematische gebiedsgrenzen, geen officiële grenzen", "hoogspanningsstation"),
    ("en", "Schematic area boundaries, not official boundaries", "HV station"),
])
def test_map_is_labelled(tmp_path: Path, example: Workspace, lang: str, notice: str,
                         station: str) -> None:
    path = tmp_path / "map.png"
    fig = draw_map(example, path, lang)
    texts = _texts(fig)
    assert notice in texts
    assert any(t.startswith(station) for t in texts)  # legend names the asset kinds
    hv_names = example.assets.loc[example.assets["kind"] == "hv_station", "name"]
    assert set(hv_names) <= set(texts)  # every HV station is labelled
    assert {"Utrecht", "Nieuwegein", "Houten"} <= set(texts)  # municipalities are labelled
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_without_schematic_marker_has_no_notice(tmp_path: Path, example: Workspace) -> None:
    areas = example.areas.assign(geometry_source=pd.array(["CBS 2023"] * len(example.areas),
                                                          dtype="string"))
    fig = draw_map(example.with_tables(areas=areas), tmp_path / "m.png")
    assert not any("chemati" in t for t in _texts(fig))


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
    assert shown == {"kaart.png", "hierarchie.png"}
