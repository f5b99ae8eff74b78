"""The monitoring chart: planned year in the IP against the year the chosen variant needs
each project (:func:`monitoring_figure`), classes by marker shape and colour, herijking
signals ringed."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from pmiek.adapters.reports.assess_charts import GRID, INK
from pmiek.adapters.reports.label_layout import MapLabel, place_labels
from pmiek.domain.labels import localised
from pmiek.programme.monitoring import CLASSIFICATION_LABELS, YEARS

CLASS_STYLE = {  # classification -> (marker, colour): the shape alone tells them apart too
    "op_tijd": ("o", "#2b8a3e"),
    "te_laat": ("^", "#e8590c"),
    "vervallen": ("s", "#862e9c"),
    "ontbreekt": ("X", "#c92a2a"),
    "niet_gekoppeld": ("D", "#868e96"),
}
LATE_FILL = "#fff4e6"
_CHART = {
    "nl": {"title": "Monitoring: gepland in het IP tegen nodig volgens de gekozen variant",
           "x": "Nodig volgens de gekozen variant [jaar]", "y": "Gepland in het IP [jaar]",
           "diagonal": "gepland = nodig", "late": "later dan nodig",
           "band": "niet in het IP", "signal": "herijkingssignaal", "empty": "geen projecten",
           "unlabelled": " ({n}, in monitoring.csv)"},
    "en": {"title": "Monitoring: planned in the IP against needed by the chosen variant",
           "x": "Needed by the chosen variant [year]", "y": "Planned in the IP [year]",
           "diagonal": "planned = needed", "late": "later than needed",
           "band": "not in the IP", "signal": "herijking signal", "empty": "no projects",
           "unlabelled": " ({n}, in monitoring.csv)"},
}
UNLABELLED = "niet_gekoppeld"
"""The class whose points carry no label (many, and listed in monitoring.csv): the legend
gives their number."""
SPREAD = 0.16
"""Horizontal distance [years] between projects that fall on the same point."""


def _positions(report: pd.DataFrame) -> tuple[pd.Series, pd.Series, float]:
    """x (needed year, spread where points coincide), y (planned year, or the band for
    projects not in the IP) and the y of the band."""
    needed = pd.to_numeric(report["needed_year"], errors="coerce").astype(float)
    planned = pd.to_numeric(report["planned_year"], errors="coerce").astype(float)
    in_ip = report["classification"].isin(["op_tijd", "te_laat"]).to_numpy() & planned.notna()
    years = pd.concat([needed, planned[in_ip]]).dropna()
    top = float(years.max()) if len(years) else float(YEARS[0])
    band = top + 2.0
    y = planned.where(in_ip, band)
    key = needed.astype(str) + "|" + y.astype(str)
    rank = key.groupby(key).cumcount().to_numpy()
    size = key.groupby(key).transform("size").to_numpy()
    step = np.minimum(SPREAD, 0.8 / size)
    return needed + (rank - (size - 1) / 2) * step, y, band


def monitoring_figure(report: pd.DataFrame, lang: str = "nl") -> Figure:
    """Planned year against needed year per project: a dot per project, labelled with its
    id, its classification by marker shape and colour, the diagonal planned = needed, the
    projects not in the IP in a band at the top and a ring around every herijking signal."""
    texts = localised(_CHART, lang)
    classes = localised(CLASSIFICATION_LABELS, lang)
    fig, ax = plt.subplots(figsize=(10, 7.5))
    x, y, band = _positions(report)
    shown = x.notna().to_numpy()
    if not shown.any():
        ax.text(0.5, 0.5, texts["empty"], ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        plt.close(fig)
        return fig
    low, high = float(x[shown].min()) - 1, band - 1
    ax.fill_between([low, high], [low, high], [high, high], color=LATE_FILL, zorder=0)
    ax.plot([low, high], [low, high], ls="--", color=INK, lw=0.8, zorder=1)
    ax.axhline(band - 1, color=GRID, lw=1.0, zorder=1)
    handles = []
    for name, (marker, colour) in CLASS_STYLE.items():
        mine = shown & (report["classification"] == name).to_numpy()
        if mine.any():
            ax.scatter(x[mine], y[mine], marker=marker, color=colour, s=46, zorder=3,
                       edgecolors="white", linewidths=0.5)
            label = classes[name] + (texts["unlabelled"].format(n=int(mine.sum()))
                                     if name == UNLABELLED else "")
            handles.append(Line2D([], [], marker=marker, color=colour, ls="", label=label))
    flag = shown & report["herijking"].astype(bool).to_numpy()
    if flag.any():
        ax.scatter(x[flag], y[flag], s=190, facecolors="none", edgecolors=INK, lw=1.3, zorder=4)
        handles.append(Line2D([], [], marker="o", mfc="none", mec=INK, ms=11, ls="",
                              label=texts["signal"]))
    handles.append(Line2D([], [], ls="--", color=INK, lw=0.8, label=texts["diagonal"]))
    ax.set(xlim=(low, band), ylim=(low, band + 1), title=texts["title"], xlabel=texts["x"],
           ylabel=texts["y"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ticks = [t for t in MaxNLocator(integer=True).tick_values(low, band - 1.5) if t >= low]
    ax.set_yticks([*ticks, band], [str(int(t)) for t in ticks] + [texts["band"]])
    ax.text(low + 0.2, low + 0.7 * (high - low), texts["late"], color="#d9480f", fontsize=8)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False,
              fontsize=8)
    ax.grid(color=GRID, lw=0.5, zorder=0)
    fig.tight_layout()
    order = np.where(flag, 0, 1)
    named = shown & (~(report["classification"] == UNLABELLED).to_numpy() | flag)
    place_labels(ax, [MapLabel(str(report["project_id"].iloc[i]), float(x.iloc[i]),
                               float(y.iloc[i]), int(order[i]), {"color": INK})
                      for i in np.flatnonzero(named)], fontsize=6.5)
    plt.close(fig)
    return fig


