"""Charts of step 1: the knelpunten map of a year and the shortage timeline (PNG)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pmiek.adapters.reports.label_layout import place_labels
from pmiek.adapters.reports.map_notes import draw_geometry_notes, geometry_notes
from pmiek.adapters.reports.maps import MARKER_GID, _polygons, area_labels
from pmiek.domain.labels import label, localised
from pmiek.domain.workspace import Workspace
from pmiek.insight.bottlenecks import DIRECTIONS, SCARCITY_THRESHOLD

CLASS_COLOURS = {"beschikbaar": "#2f9e44", "dreigende_schaarste": "#f08c00",
                 "congestie": "#e03131"}
CLASS_BOUNDS = {"beschikbaar": f"< {SCARCITY_THRESHOLD:.0%}",
                "dreigende_schaarste": f"≥ {SCARCITY_THRESHOLD:.0%}",
                "congestie": "> 100%"}
"""The utilisation each capacity-map class stands for, shown after its label."""
RANK = {"beschikbaar": 0, "dreigende_schaarste": 1, "congestie": 2}
TEXTS = {
    "nl": {"map_title": "Knelpunten {year}", "demand": "afname (vraag)",
           "feedin": "invoeding (opwek)", "year": "jaar", "shortage": "tekort [MW]",
           "no_shortage": "geen tekort", "timeline_title": "Tekort per component",
           "not_in_service": "nog niet in bedrijf (capaciteit 0)",
           "other_assets": "middenspanningsstation of ander component",
           "of_carriers": "{title} — {carriers}", "and": "en",
           "with_scenario": "{title}, scenario {scenario}",
           "no_class": "geen netcomponent met capaciteit"},
    "en": {"map_title": "Bottlenecks {year}", "demand": "demand", "feedin": "feed-in",
           "year": "year", "shortage": "shortage [MW]", "no_shortage": "no shortage",
           "timeline_title": "Shortage per asset",
           "not_in_service": "not yet in service (capacity 0)",
           "other_assets": "MV station or other asset",
           "of_carriers": "{title} — {carriers}", "and": "and",
           "with_scenario": "{title}, scenario {scenario}",
           "no_class": "no asset with capacity"},
}
"""The texts of the step-1 charts, by language."""


def _t(key: str, lang: str, **values: object) -> str:
    return localised(TEXTS, lang)[key].format(**values)


def class_label(cls: str, lang: str) -> str:
    """The legend entry of a capacity-map class: its label and the utilisation it means."""
    return f"{label('capacity_class', cls, lang)} ({CLASS_BOUNDS[cls]})"


def worst_per_asset(bottlenecks: pd.DataFrame, year: int) -> pd.Series:
    """The worst class of each asset in ``year`` over both directions."""
    rows = bottlenecks[bottlenecks["year"] == year]
    rank = rows["class"].map(RANK)
    worst = rank.groupby(rows["asset_id"]).max()
    names = {v: k for k, v in RANK.items()}
    return worst.map(names)


def not_in_service(bottlenecks: pd.DataFrame, year: int) -> pd.Index:
    """The assets without capacity and without load in every row of ``year``: planned
    assets whose project has not yet come into service. A map shows them apart, not as
    capacity available."""
    rows = bottlenecks[bottlenecks["year"] == year]
    if "capacity_mw" not in rows or "peak_mw" not in rows:
        return pd.Index([])
    empty = (rows["capacity_mw"].fillna(0.0) <= 0.0) & (rows["peak_mw"].fillna(0.0) <= 0.0)
    every = empty.groupby(rows["asset_id"]).all()
    return pd.Index(every.index[every.to_numpy(dtype=bool)])


CARRIER_MARKERS = {"heat": "s", "methane": "D", "hydrogen": "p"}
"""The marker of an asset of another carrier than electricity on a map (square: heat,
diamond: gas, pentagon: hydrogen); electricity: triangles for HV stations, circles else."""


def _marker_of(assets: pd.DataFrame) -> pd.Series:
    carrier = assets["carrier"].astype(object) if "carrier" in assets else pd.Series(
        "electricity", index=assets.index)
    marker = carrier.map(CARRIER_MARKERS)
    return marker.where(marker.notna(), np.where(assets["kind"] == "hv_station", "^", "o"))


def _points(ax: plt.Axes, assets: pd.DataFrame, **style: object) -> None:
    """Assets as points: HV stations as triangles, the others as circles; heat, gas and
    hydrogen assets by :data:`CARRIER_MARKERS`."""
    markers = _marker_of(assets)
    for marker in sorted(set(markers)):
        part = (markers == marker).to_numpy(dtype=bool)
        size = 90 if marker == "^" else 45 if marker in CARRIER_MARKERS.values() else 30
        sub = assets[part]
        if len(sub):
            ax.scatter([g.centroid.x for g in sub["geometry"]],
                       [g.centroid.y for g in sub["geometry"]], marker=marker, s=size,
                       zorder=5, gid=f"{MARKER_GID}{marker}", **style)  # type: ignore[arg-type]


def _map_title(bottlenecks: pd.DataFrame, year: int, lang: str) -> str:
    """"Knelpunten 2035, scenario GB" (without the scenario when the run had none)."""
    title = _t("map_title", lang, year=year)
    names = sorted({str(s) for s in bottlenecks.get("scenario", pd.Series(dtype=object))
                    .dropna() if str(s)})
    return _t("with_scenario", lang, title=title, scenario=", ".join(names)) if names else title


def _carrier_names(carriers: tuple[str, ...], lang: str) -> str:
    """``warmte, methaan (gas) en waterstof``."""
    names = [label("carrier", c, lang) for c in carriers]
    return names[0] if len(names) == 1 else \
        f"{', '.join(names[:-1])} {_t('and', lang)} {names[-1]}"


def _legend(drawn: pd.DataFrame, *, has_waiting: bool, lang: str,
            hotspots: bool = False) -> list[object]:
    """The legend entries of a knelpunten map: the classes (the colour of points and of the
    areas, an area taking the worst class of its assets), the hatch of the hotspots, and a
    marker for each kind of point drawn."""
    handles: list[object] = [Patch(facecolor=CLASS_COLOURS[c], alpha=0.6,
                                   label=class_label(c, lang)) for c in RANK]
    handles.append(Patch(facecolor="#f1f3f5", edgecolor="#868e96", label=_t("no_class", lang)))
    if hotspots:
        handles.append(Patch(facecolor="#f1f3f5", edgecolor="#868e96", hatch="///",
                             label=label("area_kind", "hotspot", lang)))
    shapes = _marker_of(drawn)
    if (shapes == "^").any():
        handles.append(Line2D([], [], marker="^", linestyle="", color="#495057",
                              label=label("asset_kind", "hv_station", lang)))
    circles = drawn.loc[shapes == "o", "kind"]
    if len(circles):
        handles.append(Line2D([], [], marker="o", linestyle="", color="#495057",
                              label=label("asset_kind", "mv_station", lang)
                              if (circles == "mv_station").all() else _t("other_assets", lang)))
    for carrier, marker in CARRIER_MARKERS.items():
        if (shapes == marker).any():
            handles.append(Line2D([], [], marker=marker, linestyle="", color="#495057",
                                  label=label("carrier", carrier, lang)))
    if has_waiting:
        handles.append(Line2D([], [], marker="^", linestyle="", markerfacecolor="white",
                              markeredgecolor="#495057", label=_t("not_in_service", lang)))
    return handles


def _draw_panel(ax: plt.Axes, assets: pd.DataFrame, shaded: pd.DataFrame,
                rows: pd.DataFrame, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One direction: areas shaded by the worst class of their assets, assets as points
    coloured by class, planned ones hollow. Returns the located and the waiting assets."""
    worst = worst_per_asset(rows, year)
    planned = not_in_service(rows, year)
    worst = worst[~worst.index.isin(planned)]
    assets = assets.assign(cls=lambda f: f["id"].map(worst))
    area_rank = assets.dropna(subset=["area_id", "cls"]).assign(
        r=lambda f: f["cls"].map(RANK)).groupby("area_id")["r"].max()
    names = {v: k for k, v in RANK.items()}
    for kind, geom, area_id in zip(shaded["kind"], shaded["geometry"], shaded["id"],
                                   strict=True):
        cls = names.get(area_rank.get(area_id, -1))
        colour = CLASS_COLOURS.get(cls, "#f1f3f5") if cls else "#f1f3f5"
        for ring in _polygons(geom):
            ax.fill(ring[:, 0], ring[:, 1], facecolor=colour, alpha=0.35 if kind ==
                    "municipality" else 0.55, edgecolor="#868e96", linewidth=0.6,
                    hatch="///" if kind == "hotspot" else None)
    waiting = assets[assets["geometry"].notna() & assets["id"].isin(planned)]
    _points(ax, waiting, facecolor="white", edgecolor="#495057", linewidth=1.0)
    located = assets[assets["geometry"].notna() & assets["cls"].notna()]
    for cls, group in located.groupby("cls"):
        _points(ax, group, color=CLASS_COLOURS[str(cls)], edgecolor="black", linewidth=0.5)
    ax.set_aspect("equal")
    ax.set_xlabel("x [m] (RD New, EPSG:28992)")
    ax.tick_params(labelsize=7)
    return located, waiting


def draw_bottleneck_map(workspace: Workspace, bottlenecks: pd.DataFrame, year: int,
                        path: Path, *, lang: str = "nl", title: str | None = None,
                        carriers: tuple[str, ...] | None = None) -> Figure:
    """Two panels, demand (afname) and feed-in (invoeding): municipalities and hotspots
    shaded by the worst class among their assets in ``year`` in that direction; assets as
    points coloured by class (triangles: HV stations). With ``carriers``, only the assets of
    those carriers (the title names them). The title names the year and the scenario."""
    assets = workspace.assets
    title = title or _map_title(bottlenecks, year, lang)
    if carriers is not None:
        assets = assets[assets["carrier"].isin(carriers)]
        bottlenecks = bottlenecks[bottlenecks["asset_id"].isin(assets["id"])]
        title = _t("of_carriers", lang, title=title, carriers=_carrier_names(carriers, lang))
    areas = workspace.areas
    shaded = areas[areas["geometry"].notna() & areas["kind"].isin(["municipality", "hotspot"])]
    fig, axes = plt.subplots(1, 2, figsize=(21, 9.5), dpi=100, sharex=True, sharey=True)
    located, waiting = [], []
    for ax, (direction, key) in zip(axes, DIRECTIONS.items(), strict=True):
        drawn = _draw_panel(ax, assets, shaded,
                            bottlenecks[bottlenecks["direction"] == direction], year)
        located.append(drawn[0])
        waiting.append(drawn[1])
        ax.set_title(_t(key, lang), fontsize=12)
    every = pd.concat([*located, *waiting])
    handles = _legend(every, has_waiting=bool(sum(map(len, waiting))), lang=lang,
                      hotspots=bool((shaded["kind"] == "hotspot").any()))
    axes[1].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    fig.suptitle(title, fontsize=14)
    bottom = draw_geometry_notes(fig, geometry_notes(shaded, every.drop_duplicates("id")),
                                 lang)
    fig.tight_layout(rect=(0, bottom, 1, 1))
    for ax in axes:  # after the layout: the boxes are measured as drawn
        place_labels(ax, area_labels(shaded), fontsize=6.5)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return fig


def draw_shortage_timeline(bottlenecks: pd.DataFrame, names: dict[str, str], path: Path,
                           lang: str = "nl", top: int = 12) -> Figure:
    """Shortage [MW] per year of the assets with the largest total shortage, per direction."""
    fig, axes = plt.subplots(1, 2, figsize=(14, 6), dpi=100, sharex=True)
    for ax, (direction, key) in zip(axes, DIRECTIONS.items(), strict=True):
        rows = bottlenecks[bottlenecks["direction"] == direction]
        table = rows.pivot_table(index="year", columns="asset_id", values="shortage_mw",
                                 aggfunc="sum").fillna(0.0)
        worst = table.sum().sort_values(ascending=False)
        worst = worst[worst > 0].index[:top]
        palette = [plt.get_cmap("tab10")(i) for i in range(10)]
        for i, asset_id in enumerate(worst):  # past ten colours the line is dashed
            ax.plot(table.index, table[asset_id], marker="o", markersize=3,
                    color=palette[i % len(palette)], linestyle="-" if i < len(palette) else "--",
                    label=f"{names.get(asset_id, asset_id)}")
        ax.set_title(_t(key, lang))
        ax.set_xlabel(_t("year", lang))
        ax.set_ylabel(_t("shortage", lang))
        ax.grid(color="#e9ecef")
        if len(worst):
            ax.legend(fontsize=7, loc="upper left")
        else:
            ax.text(0.5, 0.5, _t("no_shortage", lang),
                    transform=ax.transAxes, ha="center")
    scenarios = bottlenecks["scenario"].dropna().unique() if "scenario" in bottlenecks else []
    title = _t("timeline_title", lang)
    fig.suptitle(f"{title}, scenario {scenarios[0]}" if len(scenarios) == 1 and scenarios[0]
                 else title)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return fig


def years_to_map(years: np.ndarray, chosen: list[int] | None) -> list[int]:
    """The years to draw: those chosen, else the first year, 2030 and 2035 when computed."""
    if chosen:
        return [y for y in chosen if y in set(years.tolist())]
    wanted = [int(years[0]), 2030, 2035]
    return sorted({y for y in wanted if y in set(years.tolist())})
