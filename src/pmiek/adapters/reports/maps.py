"""The workspace map and the asset hierarchy as PNG files (matplotlib, no screen needed).

Both functions return the matplotlib Figure they saved, so tests can read what is drawn. The
map carries the attribution of its geometry and says what is estimated
(:mod:`pmiek.adapters.reports.map_notes`).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely import Point

from pmiek.adapters.reports.label_layout import MapLabel, place_labels
from pmiek.adapters.reports.map_notes import draw_geometry_notes, geometry_notes
from pmiek.adapters.reports.style import AREA_FILL, CARRIER_COLOURS, KIND_MARKERS, text
from pmiek.domain.labels import label
from pmiek.domain.sizing import developed_mw
from pmiek.domain.workspace import Workspace


def _polygons(geometry: shapely.Geometry) -> list[np.ndarray]:
    parts = getattr(geometry, "geoms", [geometry])
    return [np.asarray(p.exterior.coords) for p in parts if p.geom_type == "Polygon"]


MARKER_GID = "pmiek-marker:"
"""The gid of every set of points on a map: this and the marker drawn (tests match them with
the legend)."""
Handles = list[Artist]
"""Legend entries, in the order the legend lists them."""

BASE_YEAR = 2023
"""Developments starting after this year are drawn as new demand (the embedded datasets enter
the load of 2023 as existing developments)."""


def _draw_areas(ax: Axes, areas: pd.DataFrame, lang: str) -> Handles:
    """Municipalities and hotspots filled, region and province borders, municipality names."""
    handles: Handles = []
    for kind in ("municipality", "hotspot"):
        subset = areas[areas["kind"] == kind]
        for geom in subset["geometry"]:
            for ring in _polygons(geom):
                ax.fill(ring[:, 0], ring[:, 1], facecolor=AREA_FILL[kind], edgecolor="#868e96",
                        linewidth=0.6 if kind == "municipality" else 1.0,
                        hatch="///" if kind == "hotspot" else None, zorder=1 if kind ==
                        "municipality" else 2, alpha=0.9)
        if len(subset):
            handles.append(Patch(facecolor=AREA_FILL[kind], edgecolor="#868e96",
                                 hatch="///" if kind == "hotspot" else None,
                                 label=label("area_kind", kind, lang)))
    regions = areas[areas["kind"].isin(["region", "province"])]
    for geom in regions["geometry"]:
        for ring in _polygons(geom):
            ax.plot(ring[:, 0], ring[:, 1], color="#343a40", linewidth=1.6, zorder=3)
    if len(regions):
        handles.append(Line2D([], [], color="#343a40", linewidth=1.6,
                              label=text("region_border", lang)))
    return handles


def area_labels(areas: pd.DataFrame) -> list[MapLabel]:
    """The names of the municipalities (first) and hotspots, at a point inside each."""
    out = []
    for kind, priority in (("municipality", 0), ("hotspot", 2)):
        subset = areas[(areas["kind"] == kind) & areas["geometry"].notna()]
        for name, geom in zip(subset["name"], subset["geometry"], strict=True):
            point = geom.representative_point()
            out.append(MapLabel(str(name), point.x, point.y, priority,
                                {"color": "#495057" if kind == "municipality" else "#868e96"}))
    return out


def _draw_new_demand(ax: Axes, workspace: Workspace, areas: pd.DataFrame,
                     lang: str) -> Handles:
    """The demand of the developments starting after :data:`BASE_YEAR`, summed per area and
    drawn at the area's point (area ∝ MW)."""
    dev = workspace.developments
    if not len(dev) or not len(areas):
        return []
    sizes = developed_mw(workspace)
    new = dev["start_year"].fillna(0).to_numpy() > BASE_YEAR
    per_area = pd.Series(sizes["demand_mw"].to_numpy()[new]).groupby(
        dev["area_id"].to_numpy()[new]).sum()
    points = {a: g.representative_point() for a, g in zip(areas["id"], areas["geometry"],
                                                           strict=True)}
    xy = [(points[a].x, points[a].y, mw) for a, mw in per_area.items() if a in points]
    if not xy:
        return []
    arr = np.asarray(xy, dtype=float)
    ax.scatter(arr[:, 0], arr[:, 1], s=np.clip(arr[:, 2], 0, None) * 4, color="#fab005",
               alpha=0.45, edgecolor="#e67700", zorder=5, gid=f"{MARKER_GID}o")
    return [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="#fab005",
                   markeredgecolor="#e67700", alpha=0.6, label=text("developments", lang))]


def _draw_links(ax: Axes, located: pd.DataFrame, centres: dict[str, Point],
                lang: str) -> Handles:
    """A line from every located asset to its located upstream asset."""
    drew_link = False
    for child, parent in zip(located["id"], located["parent_id"], strict=True):
        if isinstance(parent, str) and parent in centres:
            a, b = centres[child], centres[parent]
            ax.plot([a.x, b.x], [a.y, b.y], color="#adb5bd", linewidth=0.7, zorder=6)
            drew_link = True
    if not drew_link:
        return []
    return [Line2D([], [], color="#adb5bd", linewidth=0.7, label=text("connection", lang))]


def _draw_assets(ax: Axes, located: pd.DataFrame, centres: dict[str, Point],
                 lang: str) -> Handles:
    """Assets by carrier (colour) and kind (marker); planned ones (no capacity yet) hollow;
    HV stations named."""
    handles: Handles = []
    planned = located["capacity_demand_mw"].fillna(0).to_numpy() <= 0
    for (carrier, kind), group in located[~planned].groupby(["carrier", "kind"], sort=True):
        marker = KIND_MARKERS.get(str(kind), "o")
        colour = CARRIER_COLOURS.get(str(carrier), "black")
        ax.scatter([centres[i].x for i in group["id"]], [centres[i].y for i in group["id"]],
                   marker=marker, color=colour, s=90 if kind == "hv_station" else 28,
                   edgecolor="white", linewidth=0.6, zorder=7, gid=f"{MARKER_GID}{marker}")
        handles.append(Line2D([], [], marker=marker, linestyle="", color=colour, markersize=8,
                              label=f"{label('asset_kind', str(kind), lang)} "
                                    f"({label('carrier', str(carrier), lang)})"))
    if planned.any():
        group = located[planned]
        ax.scatter([centres[i].x for i in group["id"]], [centres[i].y for i in group["id"]],
                   marker="^", facecolor="none", edgecolor="#495057", s=70, linewidth=1.0,
                   zorder=7, gid=f"{MARKER_GID}^")
        handles.append(Line2D([], [], marker="^", linestyle="", markerfacecolor="none",
                              markeredgecolor="#495057", markersize=8,
                              label=text("planned", lang)))
    return handles


def station_labels(located: pd.DataFrame, centres: dict[str, Point]) -> list[MapLabel]:
    """The names of the HV stations in service (the main stations)."""
    planned = located["capacity_demand_mw"].fillna(0).to_numpy() <= 0
    hv = located[(located["kind"] == "hv_station") & ~planned]
    return [MapLabel(str(name), centres[i].x, centres[i].y, 1,
                     {"fontweight": "bold", "color": CARRIER_COLOURS["electricity"]})
            for name, i in zip(hv["name"], hv["id"], strict=True)]


def draw_map(workspace: Workspace, path: Path, lang: str = "nl",
             title: str | None = None) -> Figure:
    """Areas (municipalities, hotspots, region borders), assets by carrier and kind, links to
    their upstream asset, and the new demand of developments per area [MW]."""
    fig, ax = plt.subplots(figsize=(13.5, 10), dpi=110)
    areas = workspace.areas[workspace.areas["geometry"].notna()]
    assets = workspace.assets
    located = assets[assets["geometry"].notna()]
    centres = {i: g.centroid for i, g in zip(located["id"], located["geometry"], strict=True)}
    handles = (_draw_areas(ax, areas, lang) + _draw_new_demand(ax, workspace, areas, lang)
               + _draw_links(ax, located, centres, lang)
               + _draw_assets(ax, located, centres, lang))
    ax.set_aspect("equal")
    ax.set_title(title or text("map_title", lang), fontsize=13)
    ax.set_xlabel("x [m] (RD New, EPSG:28992)")
    ax.set_ylabel("y [m]")
    ax.tick_params(labelsize=7)
    if not len(areas) and not len(located):
        ax.text(0.5, 0.5, text("no_geometry", lang), transform=ax.transAxes, ha="center")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              framealpha=0.9)
    bottom = draw_geometry_notes(fig, geometry_notes(areas, located), lang)
    fig.tight_layout(rect=(0, bottom, 1, 1))
    place_labels(ax, area_labels(areas) + station_labels(located, centres))  # after layout
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return fig


def hierarchy_rows(assets: pd.DataFrame) -> list[tuple[int, str]]:
    """The assets in depth-first order as ``(depth, id)``: each parent above its children.

    Roots are assets without a (known) parent, ordered by carrier and id.
    """
    known = set(assets["id"].dropna())
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    order = assets.sort_values(["carrier", "id"])
    for asset_id, parent in zip(order["id"], order["parent_id"], strict=True):
        if isinstance(parent, str) and parent in known and parent != asset_id:
            children.setdefault(parent, []).append(asset_id)
        else:
            roots.append(asset_id)
    rows: list[tuple[int, str]] = []
    seen: set[str] = set()
    stack = [(0, r) for r in reversed(roots)]
    while stack:
        depth, node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        rows.append((depth, node))
        stack += [(depth + 1, c) for c in reversed(children.get(node, []))]
    return rows


def draw_hierarchy(workspace: Workspace, path: Path, lang: str = "nl") -> Figure:
    """Every asset as one labelled row, indented under its upstream asset, with its demand
    capacity as a bar; colour by carrier, marker by kind."""
    assets = workspace.assets.drop_duplicates("id")
    rows = hierarchy_rows(assets)
    info = assets.set_index("id")
    height = max(3.0, 0.22 * len(rows) + 1.5)
    fig, (ax, bars) = plt.subplots(1, 2, figsize=(13, height), dpi=100,
                                   gridspec_kw={"width_ratios": [3, 1]}, sharey=True)
    y_of: dict[str, int] = {}
    for y, (depth, asset_id) in enumerate(rows):
        y_of[asset_id] = y
        row = info.loc[asset_id]
        colour = CARRIER_COLOURS.get(str(row["carrier"]), "black")
        ax.scatter([depth], [y], marker=KIND_MARKERS.get(str(row["kind"]), "o"), color=colour,
                   s=40, zorder=3)
        ax.annotate(f"{row['name']}  ({asset_id})", (depth, y), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=7.5)
        parent = row["parent_id"]
        if isinstance(parent, str) and parent in y_of:
            ax.plot([depth - 1, depth - 1, depth], [y_of[parent], y, y], color="#adb5bd",
                    linewidth=0.8, zorder=1)
        capacity = 0.0 if pd.isna(row["capacity_demand_mw"]) else float(
            row["capacity_demand_mw"])
        if capacity > 0:
            bars.barh(y, capacity, left=0.1, color=colour, alpha=0.7)
        bars.annotate(f"{capacity:g}", (max(capacity, 0.1), y), xytext=(3, 0),
                      textcoords="offset points", va="center", fontsize=6.5)
    max_depth = max((d for d, _ in rows), default=0)
    ax.set_xlim(-0.5, max_depth + 3.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.axis("off")
    ax.set_title(text("hierarchy_title", lang), fontsize=12, loc="left")
    bars.set_xscale("log")
    bars.set_xlim(0.1, None)
    bars.set_xlabel(text("capacity", lang) + " (log)")
    bars.tick_params(left=False, labelleft=False, labelsize=7)
    bars.grid(axis="x", color="#e9ecef")
    handles = [Line2D([], [], marker="o", linestyle="", color=c,
                      label=label("carrier", k, lang))
               for k, c in CARRIER_COLOURS.items() if (assets["carrier"] == k).any()]
    handles += [Line2D([], [], marker=m, linestyle="", color="#495057",
                       label=label("asset_kind", k, lang))
                for k, m in KIND_MARKERS.items() if (assets["kind"] == k).any()]
    ax.legend(handles=handles, loc="upper right", fontsize=7.5, framealpha=0.9)
    fig.tight_layout()
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return fig
