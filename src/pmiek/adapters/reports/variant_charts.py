"""Charts of step 3: the schedule of a variant as a Gantt chart and its use of resources."""

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
from matplotlib.ticker import MaxNLocator

from pmiek.domain.labels import label, localised
from pmiek.variants.instance import RESOURCES
from pmiek.variants.projects import FIXED_STATUSES
from pmiek.variants.result import VariantResult

PALETTE = ("#1f5fa8", "#d9480f", "#2b8a3e", "#7048e8", "#e8590c", "#0c8599", "#c2255c",
           "#5c940d", "#862e9c", "#495057")
USED = "#74c0fc"
BINDING = "#1864ab"
LIMIT = "#e03131"

TEXTS = {
    "nl": {
        "gantt_title": "Planning van projecten: {lens}", "year": "jaar",
        "gantt_x": "jaar (balk: bouwperiode tot het jaar van ingebruikname)",
        "none_built": "geen projecten gebouwd", "committed": "in investeringsplan (vast)",
        "first_year": "begin planperiode", "resources_title": "Middelen per partij en jaar: {lens}",
        "used": "gebruikt", "binding": "volledig benut", "limit": "beschikbaar (limiet)",
        "no_limit": "geen limiet", "no_resources": "geen middelen in deze werkruimte",
        "no_use": "deze variant gebruikt geen middelen",
        "idle": "Zonder projecten in deze variant (niets gebruikt): {operators}.",
        "budget": "budget [M€]", "fte": "technisch personeel [fte]",
        "transformers": "transformatoren [stuks]", "no_party": "geen partij",
    },
    "en": {
        "gantt_title": "Project schedule: {lens}", "year": "year",
        "gantt_x": "year (bar: construction until the year in service)",
        "none_built": "no projects built", "committed": "in investment plan (fixed)",
        "first_year": "start of schedule", "resources_title": "Resources per party and year: "
        "{lens}", "used": "used", "binding": "fully used", "limit": "available (limit)",
        "no_limit": "no limit", "no_resources": "no resources in this workspace",
        "no_use": "this variant uses no resources",
        "idle": "No projects in this variant (nothing used): {operators}.",
        "budget": "budget [M€]", "fte": "technical staff [FTE]",
        "transformers": "transformers [units]", "no_party": "no party",
    },
}
"""The texts of the step-3 charts, by language; project kinds come from
:mod:`pmiek.domain.labels`."""


def _t(key: str, lang: str, **values: object) -> str:
    return localised(TEXTS, lang)[key].format(**values)


def _legend(key: str, colour_by: str, lang: str) -> str:
    """The legend entry of a colour: the label of a project kind, or the operator's name."""
    if colour_by == "kind":
        return label("project_kind", key, lang)
    return key or _t("no_party", lang)


def build_years(result: VariantResult) -> np.ndarray:
    """(P,) years of construction of each project, read back from the instance's spending
    shares (1/b in each of the b years before the in-service year)."""
    spend = result.instance.spend
    if spend.shape[1] < 2:
        return np.ones(result.instance.n_projects)
    share = spend[:, -1, :].max(axis=1)  # in service in the last year: every share inside
    return np.where(share > 0, np.round(1.0 / np.where(share > 0, share, 1.0)), 1.0)


def gantt_rows(result: VariantResult) -> pd.DataFrame:
    """The built projects: project_id, name, kind, operator, status, first_build_year,
    in_service_year, sorted by in-service year (then id)."""
    schedule = result.schedule()
    p = result.instance
    years = pd.Series(build_years(result), index=p.project_ids)
    built = schedule[schedule["in_service_year"].notna()].copy()
    built["in_service_year"] = built["in_service_year"].astype(int)
    built["first_build_year"] = (built["in_service_year"]
                                 - years.reindex(built["project_id"]).to_numpy()).astype(int)
    columns = ["project_id", "name", "kind", "operator", "status", "first_build_year",
               "in_service_year"]
    return built.sort_values(["in_service_year", "project_id"], kind="stable")[
        columns].reset_index(drop=True)


def colours(keys: list[str]) -> dict[str, str]:
    """A colour per key (operator or project kind), the same in every chart of a run."""
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(sorted(set(keys)))}


def _short(text: str, width: int = 58) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def draw_gantt(result: VariantResult, path: Path | None = None, lang: str = "nl",
               colour_by: str = "operator") -> Figure:
    """The built projects as bars from their first year of construction to the year they
    enter service, sorted by that year, coloured by ``colour_by`` (operator or kind);
    hatched when the project is a commitment of an investment plan."""
    rows = gantt_rows(result)
    p = result.instance
    lens = result.instance.lens.label(lang)
    n = len(rows)
    fig, ax = plt.subplots(figsize=(13, max(3.5, 1.6 + 0.27 * n)), dpi=100)
    keys = ([str(o) for o in p.operators] + rows["operator"].astype(str).tolist()
            if colour_by == "operator" else list(p.project_kind))
    palette = colours(keys)
    first = int(p.years[0])
    last = int(p.years[-1])
    if n:
        y = np.arange(n)
        start = rows["first_build_year"].to_numpy(dtype=float)
        end = rows["in_service_year"].to_numpy(dtype=float)
        keyed = rows[colour_by].astype(str)
        committed = rows["status"].isin(FIXED_STATUSES).to_numpy()
        bars = ax.barh(y, end - start, left=start, height=0.62,
                       color=[palette[k] for k in keyed], edgecolor="#343a40", linewidth=0.4,
                       hatch=None)
        for bar, fixed in zip(bars, committed, strict=True):
            if fixed:
                bar.set_hatch("///")
        for yy, e in zip(y, end, strict=True):
            ax.annotate(str(int(e)), (e, yy), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=7, color="#343a40")
        ax.set_yticks(y, [_short(f"{pid}  {name}") for name, pid in
                          zip(rows["name"], rows["project_id"], strict=True)], fontsize=7)
        ax.set_ylim(n - 0.5, -0.5)  # first in service on top
        ax.set_xlim(min(first, float(start.min())) - 0.5, max(last, float(end.max())) + 1.5)
        handles: list[Patch | Line2D] = [
            Patch(facecolor=palette[k], edgecolor="#343a40", label=_legend(k, colour_by, lang))
            for k in sorted(set(keyed))]
        if committed.any():
            handles.append(Patch(facecolor="white", edgecolor="#343a40", hatch="///",
                                 label=_t("committed", lang)))
        handles.append(Line2D([], [], color="#868e96", linestyle=":",
                              label=_t("first_year", lang)))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    else:
        ax.set_yticks([])
        ax.set_xlim(first - 0.5, last + 0.5)
        ax.text(0.5, 0.5, _t("none_built", lang), transform=ax.transAxes, ha="center")
    ax.axvline(first, color="#868e96", linestyle=":", linewidth=1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#e9ecef")
    ax.set_axisbelow(True)
    ax.set_title(_t("gantt_title", lang, lens=lens), fontsize=12)
    ax.set_xlabel(_t("gantt_x", lang))
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return fig


def draw_resources(result: VariantResult, path: Path | None = None,
                   lang: str = "nl") -> Figure:
    """Per operator (row) and resource (column): what the schedule uses each year as bars
    (dark where the resource is used to its limit) and the limit as a red step line.
    Operators whose projects use nothing in the horizon are named in a footnote only."""
    use = result.resource_use()
    binding = {(int(y), str(o), str(r)) for y, o, r in zip(
        *(result.binding()[c] for c in ("year", "operator", "resource")), strict=True)}
    total = use.groupby(use["operator"].astype(str))["used"].sum()
    everyone = [str(o) for o in result.instance.operators]
    operators = [o for o in everyone if total.get(o, 0.0) > 0]
    idle = [o for o in everyone if o not in operators]
    lens = result.instance.lens.label(lang)
    n_rows = max(len(operators), 1)
    fig, axes = plt.subplots(n_rows, len(RESOURCES), figsize=(14, 1.2 + 2.4 * n_rows),
                             dpi=100, squeeze=False, sharex=True)
    if not operators:
        for ax in axes.ravel():
            ax.set_axis_off()
        axes[0, 0].text(0.0, 0.5, _t("no_use" if everyone else "no_resources", lang),
                        transform=axes[0, 0].transAxes)
    for i, operator in enumerate(operators):
        for j, resource in enumerate(RESOURCES):
            ax = axes[i, j]
            rows = use[(use["operator"] == operator) & (use["resource"] == resource)]
            years = rows["year"].to_numpy(dtype=int)
            used = rows["used"].to_numpy(dtype=float)
            limit = rows["available"].to_numpy(dtype=float)
            tight = [(int(y), operator, resource) in binding for y in years]
            ax.bar(years, used, width=0.7, color=[BINDING if t else USED for t in tight],
                   edgecolor="none")
            if np.isfinite(limit).any():
                edges = np.append(years - 0.5, years[-1] + 0.5)
                ax.step(edges, np.append(limit, limit[-1]), where="post", color=LIMIT,
                        linewidth=1.6, gid="limit")
            else:
                ax.text(0.98, 0.92, _t("no_limit", lang), transform=ax.transAxes,
                        ha="right", va="top", fontsize=7, color="#868e96")
            top = np.nanmax(np.concatenate([used, limit, [0.0]]))
            ax.set_ylim(0, top * 1.1 if top > 0 else 1.0)
            ax.set_title(f"{operator}: {_t(resource, lang)}", fontsize=9)
            ax.grid(axis="y", color="#e9ecef")
            ax.set_axisbelow(True)
            ax.tick_params(labelsize=7)
            if i == n_rows - 1:
                ax.set_xlabel(_t("year", lang), fontsize=8)
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    handles = [Patch(color=USED, label=_t("used", lang)),
               Patch(color=BINDING, label=_t("binding", lang)),
               Line2D([], [], color=LIMIT, linewidth=1.6, label=_t("limit", lang))]
    fig.legend(handles=handles, loc="upper right", ncols=3, fontsize=8,
               bbox_to_anchor=(1.0, 1.0))
    fig.suptitle(_t("resources_title", lang, lens=lens), x=0.02, ha="left", fontsize=12)
    bottom = 0.0
    if idle and operators:
        fig.text(0.02, 0.005, _t("idle", lang, operators=", ".join(idle)), fontsize=8,
                 color="#495057", va="bottom")
        bottom = 0.35 / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 1 - 0.45 / fig.get_figheight()))
    if path is not None:
        fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return fig
