"""The knelpunten map of the programme document: afname and invoeding side by side in one
year and scenario, as a :class:`~pmiek.adapters.reports.document.charts.Chart`.

Areas are shaded by the worst capacity class of the assets in them (a colour and a hatch per
class), assets are points with a marker per class (circle, diamond, cross; a hollow square for
an asset not yet in service) and the worst ones are named. Confidential assets
(``hidden_assets``) are neither drawn nor named nor listed; the shading of their area may still
count them, as an area-level aggregate.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from pmiek.adapters.reports.document.charts import INK, Chart, column, listed, to_svg
from pmiek.adapters.reports.insight_charts import (
    CLASS_COLOURS,
    RANK,
    _map_title,
    class_label,
    not_in_service,
    worst_per_asset,
)
from pmiek.adapters.reports.label_layout import MapLabel, place_labels
from pmiek.adapters.reports.map_notes import draw_geometry_notes, geometry_notes
from pmiek.assessment.breakdown import area_levels
from pmiek.domain.labels import capitalised, label, localised
from pmiek.domain.workspace import Workspace
from pmiek.insight.bottlenecks import DIRECTIONS
from pmiek.report.numbers import number, percent, year

CLASS_MARKERS = {"beschikbaar": "o", "dreigende_schaarste": "D", "congestie": "X"}
"""The marker of an asset of each class: the shape tells the class without its colour."""
CLASS_HATCHES = {"beschikbaar": "", "dreigende_schaarste": "///", "congestie": "xxx"}
"""The hatch of an area of each class (its worst asset)."""
WAITING = "waiting"
"""The class of an asset not yet in service (hollow square)."""
NO_CLASS = "#f1f3f5"
EDGE = "#868e96"
NAMED = 8
"""The worst assets named on each panel (the table lists them all per class)."""
LISTED = 5
"""The worst assets listed per direction and class in the table twin."""
TEXTS = {
    "nl": {"waiting": "nog niet in bedrijf (capaciteit 0)", "no_class": "geen netcomponent "
           "met capaciteit", "hotspot": "hotspot (stippellijn)", "hv": "hoogspanningsstation "
           "(groot symbool)", "count": "Aantal netcomponenten",
           "area": "gebied: {cls}",
           "worst": "Zwaarst belast (tekort, benutting)",
           "alt_intro": "Kaart van de knelpunten in {year}{scenario}, in afname en invoeding.",
           "scenario": ", scenario {scenario}",
           "alt_direction": "{direction}: {parts}.", "alt_part": "{n} met {cls}",
           "alt_waiting": "{n} nog niet in bedrijf",
           "alt_worst": "Het grootste tekort heeft {name}: {mw} MW in {direction} "
                        "(benutting {share}).",
           "alt_none": "Geen enkel netcomponent heeft een tekort.",
           "x": "x [m] (RD New, EPSG:28992)"},
    "en": {"waiting": "not yet in service (capacity 0)", "no_class": "no asset with "
           "capacity", "hotspot": "hotspot (dashed)", "hv": "HV station (large symbol)",
           "count": "Number of assets", "area": "area: {cls}",
           "worst": "Most loaded (shortage, utilisation)",
           "alt_intro": "Map of the bottlenecks in {year}{scenario}, in demand and feed-in.",
           "scenario": ", scenario {scenario}",
           "alt_direction": "{direction}: {parts}.", "alt_part": "{n} with {cls}",
           "alt_waiting": "{n} not yet in service",
           "alt_worst": "The largest shortage is at {name}: {mw} MW in {direction} "
                        "(utilisation {share}).",
           "alt_none": "No asset has a shortage.",
           "x": "x [m] (RD New, EPSG:28992)"},
}


def _t(key: str, lang: str, **values: object) -> str:
    return localised(TEXTS, lang)[key].format(**values)


def _direction(direction: str, lang: str) -> str:
    return label("direction", DIRECTIONS.get(direction, direction), lang)


def _class_name(cls: str, lang: str) -> str:
    return _t("waiting", lang) if cls == WAITING else label("capacity_class", cls, lang)


def outline(geometry: shapely.Geometry, tolerance: float) -> Path | None:
    """A polygon (with holes) or multipolygon as one compound path, simplified to
    ``tolerance`` metres and rounded to whole metres."""
    if geometry is None or geometry.is_empty:
        return None
    shape = shapely.set_precision(shapely.simplify(geometry, max(tolerance, 1.0)), 1.0)
    rings = [ring for part in getattr(shape, "geoms", [shape]) if part.geom_type == "Polygon"
             for ring in (part.exterior, *part.interiors)]
    if not rings:
        return None
    return Path.make_compound_path(*[Path(np.asarray(r.coords), closed=True) for r in rings])


def asset_classes(bottlenecks: pd.DataFrame, year: int) -> pd.Series:
    """Asset id → its worst class in ``year`` over the given rows, or :data:`WAITING` for an
    asset not yet in service."""
    worst = worst_per_asset(bottlenecks, year)
    waiting = not_in_service(bottlenecks, year)
    return worst.where(~worst.index.isin(waiting), WAITING)


def area_classes(assets: pd.DataFrame, areas: pd.DataFrame, classes: pd.Series) -> pd.Series:
    """Area id → the worst class of the assets in it: a hotspot its own assets, a
    municipality those in it or in its hotspots."""
    levels = area_levels(areas)
    area = assets["area_id"].astype(object).where(assets["area_id"].notna(), "").astype(str)
    rank = assets["id"].map(classes).map(RANK)
    found = pd.DataFrame({"area": area.to_numpy(), "rank": rank.to_numpy(),
                          "municipality": area.map(levels["municipality"]).fillna("")
                          .to_numpy()}).dropna(subset=["rank"])
    worst = pd.concat([found.groupby("area")["rank"].max(),
                       found.groupby("municipality")["rank"].max()]).groupby(level=0).max()
    names = {v: k for k, v in RANK.items()}
    return worst.drop(index="", errors="ignore").astype(int).map(names)


def _draw_areas(ax: Axes, shaded: pd.DataFrame, cls: pd.Series, tolerance: float) -> None:
    for kind in ("municipality", "hotspot"):
        part = shaded[shaded["kind"] == kind]
        for area_id, geometry in zip(part["id"], part["geometry"], strict=True):
            path = outline(geometry, tolerance)
            if path is None:
                continue
            name = cls.get(area_id)
            ax.add_patch(PathPatch(
                path, facecolor=CLASS_COLOURS.get(name, NO_CLASS) if name else NO_CLASS,
                alpha=0.4 if kind == "municipality" else 0.55, edgecolor=EDGE,
                linewidth=0.5 if kind == "municipality" else 1.1,
                linestyle="-" if kind == "municipality" else "--",
                hatch=CLASS_HATCHES.get(name or "", "") or None))


def _draw_points(ax: Axes, located: pd.DataFrame) -> None:
    for cls, part in located.groupby("cls", sort=True):
        size = np.where(part["kind"] == "hv_station", 46.0, 20.0)
        x = [g.centroid.x for g in part["geometry"]]
        y = [g.centroid.y for g in part["geometry"]]
        if cls == WAITING:
            ax.scatter(x, y, s=size, marker="s", facecolor="white", edgecolor=INK,
                       linewidth=0.9, zorder=5)
        else:
            ax.scatter(x, y, s=size, marker=CLASS_MARKERS[str(cls)],
                       color=CLASS_COLOURS[str(cls)], edgecolor="black", linewidth=0.5,
                       zorder=5)


def _panel(ax: Axes, located: pd.DataFrame, shaded: pd.DataFrame,
           cls: tuple[pd.Series, pd.Series], tolerance: float) -> None:
    """One direction: ``cls`` is (per asset, per area)."""
    _draw_areas(ax, shaded, cls[1], tolerance)
    _draw_points(ax, located.assign(cls=located["id"].map(cls[0])).dropna(subset=["cls"]))
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.tick_params(labelsize=5.5)
    ax.ticklabel_format(style="plain", useOffset=False)


def _legend(has_waiting: bool, has_hotspots: bool, lang: str) -> list[Patch | Line2D]:
    handles: list[Patch | Line2D] = [
        Line2D([], [], marker=CLASS_MARKERS[c], linestyle="", markersize=6,
               markerfacecolor=CLASS_COLOURS[c], markeredgecolor="black",
               markeredgewidth=0.5, label=class_label(c, lang)) for c in RANK]
    handles += [Patch(facecolor=CLASS_COLOURS[c], alpha=0.5, edgecolor=EDGE,
                      hatch=CLASS_HATCHES[c] or None,
                      label=_t("area", lang, cls=label("capacity_class", c, lang)))
                for c in RANK]
    handles.append(Patch(facecolor=NO_CLASS, edgecolor=EDGE, label=_t("no_class", lang)))
    if has_hotspots:
        handles.append(Patch(facecolor="white", edgecolor=EDGE, linestyle="--",
                             linewidth=1.1, label=_t("hotspot", lang)))
    if has_waiting:
        handles.append(Line2D([], [], marker="s", linestyle="", markersize=6,
                              markerfacecolor="white", markeredgecolor=INK,
                              label=_t("waiting", lang)))
    handles.append(Line2D([], [], marker="o", linestyle="", markersize=8,
                          markerfacecolor="white", markeredgecolor=INK, label=_t("hv", lang)))
    return handles


def worst_assets(rows: pd.DataFrame, assets: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per asset and direction in ``year`` (summed over carriers): name, class, shortage
    [MW] and the highest utilisation, the largest shortage (then utilisation) first."""
    rows = rows[rows["year"] == year]
    names = pd.Series(assets["name"].astype(str).to_numpy(), index=assets["id"].astype(str))
    per = rows.groupby(["direction", "asset_id"], sort=True).agg(
        shortage_mw=("shortage_mw", "sum"), utilisation=("utilisation", "max")).reset_index()
    per["name"] = per["asset_id"].astype(str).map(names).fillna(per["asset_id"].astype(str))
    return per.sort_values(["shortage_mw", "utilisation", "asset_id"],
                           ascending=[False, False, True], kind="stable").reset_index(drop=True)


def _labels(located: pd.DataFrame, worst: pd.DataFrame, areas: pd.DataFrame) -> list[MapLabel]:
    towns = areas[(areas["kind"] == "municipality") & areas["geometry"].notna()]
    out = [MapLabel(str(n), g.representative_point().x, g.representative_point().y, 1,
                    {"color": "#495057"}) for n, g in zip(towns["name"], towns["geometry"],
                                                            strict=True)]
    centres = dict(zip(located["id"].astype(str), located["geometry"], strict=True))
    top = worst[(worst["shortage_mw"] > 0) & worst["asset_id"].astype(str).isin(centres)]
    for name, asset_id in zip(top["name"].head(NAMED), top["asset_id"].head(NAMED),
                              strict=True):
        point = centres[str(asset_id)].centroid
        out.append(MapLabel(str(name), point.x, point.y, 0,
                            {"fontweight": "bold", "color": INK}))
    return out


def _table(counts: pd.DataFrame, worst: pd.DataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for (direction, cls), n in counts.items():
        mine = worst[(worst["direction"] == direction) & (worst["cls"] == cls)].head(LISTED)
        rows.append({
            column("bottlenecks", "direction", lang): _direction(str(direction), lang),
            column("bottlenecks", "class", lang): _class_name(str(cls), lang),
            _t("count", lang): number(n, 0, lang),
            _t("worst", lang): "; ".join(
                f"{name} ({number(mw, 1, lang)} MW, {percent(u, 0, lang)})"
                for name, mw, u in zip(mine["name"], mine["shortage_mw"], mine["utilisation"],
                                       strict=True))})
    return pd.DataFrame(rows, columns=[column("bottlenecks", "direction", lang),
                                       column("bottlenecks", "class", lang),
                                       _t("count", lang), _t("worst", lang)])


def _alt(counts: pd.DataFrame, worst: pd.DataFrame, year_: int, scenario: str,
         lang: str) -> str:
    sentences = [_t("alt_intro", lang, year=year(year_), scenario=_t(
        "scenario", lang, scenario=scenario) if scenario else "")]
    for direction in DIRECTIONS:
        parts = [_t("alt_waiting" if c == WAITING else "alt_part", lang,
                    n=number(counts[(direction, c)], 0, lang), cls=_class_name(c, lang))
                 for c in (*reversed(list(RANK)), WAITING) if (direction, c) in counts.index]
        if parts:
            sentences.append(_t("alt_direction", lang, parts=listed(parts, lang),
                                direction=capitalised(_direction(direction, lang))))
    top = worst[worst["shortage_mw"] > 0]
    if len(top):
        first = top.iloc[0]
        sentences.append(_t("alt_worst", lang, name=first["name"],
                            mw=number(first["shortage_mw"], 1, lang),
                            direction=_direction(str(first["direction"]), lang),
                            share=percent(first["utilisation"], 0, lang)))
    else:
        sentences.append(_t("alt_none", lang))
    return " ".join(sentences)


def _class_counts(rows: pd.DataFrame, year_: int) -> tuple[pd.Series, pd.DataFrame]:
    """(direction, class) → number of assets, and per direction the asset classes."""
    per = [asset_classes(rows[rows["direction"] == d], year_).rename("cls").rename_axis(
        "asset_id").reset_index().assign(direction=d) for d in DIRECTIONS]
    classes = pd.concat(per, ignore_index=True)
    order = {c: i for i, c in enumerate((*reversed(list(RANK)), WAITING))}
    counts = classes.groupby(["direction", "cls"]).size()
    counts = counts.iloc[np.lexsort((counts.index.get_level_values(1).map(order),
                                     counts.index.get_level_values(0).map(
                                         {d: i for i, d in enumerate(DIRECTIONS)})))]
    return counts, classes


def _clear_of(fig: Figure, top: float) -> None:
    """Axes (with their tick labels) above ``top`` [figure fraction]: tight_layout misjudges
    axes of equal aspect, so lift their bottom until nothing reaches below ``top``."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for _ in range(6):
        boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]
        low = min(b.transformed(fig.transFigure.inverted()).y0 for b in boxes if b is not None)
        if low >= top - 1e-3:
            return
        fig.subplots_adjust(bottom=fig.subplotpars.bottom + (top - low))


def knelpunten_map(workspace: Workspace, bottlenecks: pd.DataFrame, year: int,
                   lang: str = "nl", hidden_assets: frozenset[str] = frozenset(), *,
                   key: str | None = None) -> Chart:
    """The knelpunten of ``year`` in one scenario (``bottlenecks``: the rows of
    ``insight/bottlenecks`` of that scenario) as a map of two panels, afname and invoeding.
    ``hidden_assets`` (confidential) appear nowhere; the area shading may count them."""
    key = key or f"knelpunten-{year}"
    assets = workspace.assets
    areas = workspace.areas
    hidden = assets["id"].astype(str).isin(hidden_assets).to_numpy()
    visible = assets[~hidden]
    rows = bottlenecks[~bottlenecks["asset_id"].astype(str).isin(hidden_assets)]
    shaded = areas[areas["geometry"].notna() & areas["kind"].isin(["municipality", "hotspot"])]
    located = visible[visible["geometry"].notna()]
    bounds = shapely.total_bounds(list(shaded["geometry"]) + list(located["geometry"]))
    tolerance = float(max(bounds[2] - bounds[0], bounds[3] - bounds[1], 0.0)) / 2000
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 5.0), dpi=100, sharex=True, sharey=True)
    worst = worst_assets(rows, visible, year)
    counts, classes = _class_counts(rows, year)
    worst = worst.merge(classes, on=["direction", "asset_id"], how="left")
    for ax, direction in zip(axes, DIRECTIONS, strict=True):
        everyone = asset_classes(bottlenecks[bottlenecks["direction"] == direction], year)
        mine = classes[classes["direction"] == direction].set_index("asset_id")["cls"]
        _panel(ax, located, shaded, (mine, area_classes(assets, areas, everyone)), tolerance)
        ax.set_title(capitalised(_direction(direction, lang)), fontsize=9)
        ax.set_xlabel(_t("x", lang), fontsize=6)
    scenario = ", ".join(sorted({str(s) for s in bottlenecks.get(
        "scenario", pd.Series(dtype=object)).dropna()}))
    title = _map_title(bottlenecks, year, lang)
    handles = _legend(bool((classes["cls"] == WAITING).any()),
                      bool((shaded["kind"] == "hotspot").any()), lang)
    bottom = draw_geometry_notes(fig, geometry_notes(shaded, located), lang)
    legend = fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=6,
                        bbox_to_anchor=(0.5, bottom), frameon=False)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    top = legend.get_window_extent(renderer).y1 / fig.bbox.height + 0.01
    fig.tight_layout(rect=(0, top, 1, 1))
    _clear_of(fig, top)
    for ax, direction in zip(axes, DIRECTIONS, strict=True):  # after the layout
        place_labels(ax, _labels(located, worst[worst["direction"] == direction], shaded),
                     fontsize=5.5)
    alt = _alt(counts, worst, year, scenario, lang)
    return Chart(key, title, to_svg(fig, key, title, alt), alt, _table(counts, worst, lang))

