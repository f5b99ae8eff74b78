"""Charts of step 4, the assessment of variants (PNG): the weighted sum per variant by
criterion group, the SMAA-2 rank acceptability, the stability of the ranking under changes of
one weight, and the priority list of the chosen variant.

Each ``draw_*`` function writes one PNG atomically (to a temporary file beside ``path``,
moved into place when complete; a failure raises :class:`~pmiek.errors.WriteError` and leaves
no half-written file). The ``*_figure`` functions build the same figure without writing it,
so tests can read what is drawn.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, MultipleLocator, NullFormatter
from matplotlib.typing import ColorType

from pmiek.adapters.reports.variant_charts import _short
from pmiek.domain.labels import capitalised, label, localised
from pmiek.domain.tables import CRITERION_GROUPS
from pmiek.errors import InputError, WriteError
from pmiek.report import numbers

GROUP_COLOURS = {"maatschappelijke_waarde": "#2b8a3e", "realiseerbaarheid": "#1f5fa8",
                 "systeemtoets": "#e8590c"}
TIER_COLOURS = {1: "#2b8a3e", 2: "#1f5fa8", 3: "#f08c00"}
RANK_MAP = "Blues"
RANKING = "#1864ab"
TOP = "#a5d8ff"
WEIGHT = "#e03131"
INK = "#343a40"
GRID = "#e9ecef"
MIN_LABELLED_SHARE = 0.08
"""Rank acceptability segments narrower than this carry no percent label."""
LOG_SPAN = 100.0
"""The priority chart switches to a log scale when its positive values span more than this."""

TEXTS = {
    "nl": {
        "scores_title": "Gewogen som per variant", "scores_x": "Gewogen score (0–1)",
        "acceptability_title": "Rangacceptatie (SMAA-2)", "rank": "Rang {rank}",
        "acceptability_x": "Aandeel van de gewichtensteekproeven",
        "stability_title": "Gewichtsstabiliteit: waar de rangorde gelijk blijft",
        "weight": "Gewicht", "ranking": "volledige rangorde blijft gelijk",
        "top": "beste variant blijft de beste", "current": "huidig gewicht",
        "priority_title": "Prioriteitenlijst: marginale waarde per project",
        "priority_first": "Prioriteitenlijst: marginale waarde per project "
                          "(de eerste {top} van {n})",
        "priority_x": "Waarde aansluitingen, lensgewogen (centrale schatting) [M€]",
        "indispensable": "onmisbaar", "unknown": "onbekend", "tier": "{tier} {name}",
        "empty": "Geen gegevens voor de grafiek '{what}' / no data for the chart",
        "missing": "Kolommen ontbreken voor de grafiek '{what}' / missing columns: {columns}",
        "unknown_group": "Onbekende criteriumgroep(en) / unknown criterion group(s): {groups} "
                         "(bekend / known: {known})",
        "unknown_tier": "Onbekende prioriteitsklasse(n) / unknown tier(s): {tiers} "
                        "(bekend / known: 1, 2, 3)",
        "not_finite": "Ontbrekende of oneindige waarden in kolom '{column}' van de grafiek "
                      "'{what}' / missing or infinite values",
        "bad_top": "top moet minstens 1 zijn / top must be at least 1 (kreeg / got {top})",
    },
    "en": {
        "scores_title": "Weighted sum per variant", "scores_x": "Weighted score (0–1)",
        "acceptability_title": "Rank acceptability (SMAA-2)", "rank": "Rank {rank}",
        "acceptability_x": "Share of the weight samples",
        "stability_title": "Weight stability: where the ranking holds",
        "weight": "Weight", "ranking": "full ranking unchanged",
        "top": "best variant stays the best", "current": "current weight",
        "priority_title": "Priority list: marginal value per project",
        "priority_first": "Priority list: marginal value per project (first {top} of {n})",
        "priority_x": "Value of connections, lens-weighted (central estimate) [M€]",
        "indispensable": "indispensable", "unknown": "unknown", "tier": "{tier} {name}",
    },
}


def _t(key: str, lang: str, **values: object) -> str:
    """The chart text ``key`` in ``lang``; the messages of errors are bilingual, in ``nl``."""
    return localised(TEXTS, lang).get(key, TEXTS["nl"][key]).format(**values)


def _group(group: str, lang: str) -> str:
    return capitalised(label("criterion_group", group, lang))


def _number(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals and thousands separators: 1.234,5 in Dutch,
    1,234.5 in English (the programme document's formatter, :mod:`pmiek.report.numbers`)."""
    return numbers.number(value, digits, localised({"nl": "nl", "en": "en"}, lang))


def _tick(value: float, lang: str) -> str:
    """A tick value without trailing zeros: 0,25, 10, 1.000 in Dutch."""
    digits = next((d for d in range(4) if abs(value - round(value, d)) < 1e-9), 4)
    return _number(value, digits, lang)


def _digits(value: float) -> int:
    """Decimals that show ``value`` to about three significant figures (at most 2)."""
    size = abs(value)
    return 0 if size >= 100 else 1 if size >= 10 else 2


def _percent(share: float, lang: str) -> str:
    return _number(100 * share, 0, lang) + "%"


def _axis_numbers(axis: Axis, lang: str, digits: int | None = None) -> None:
    """Tick labels in the language's number format (Dutch decimal comma), with ``digits``
    decimals or, without, as few as each value needs."""
    axis.set_major_formatter(FuncFormatter(
        lambda x, _pos: _tick(x, lang) if digits is None else _number(x, digits, lang)))


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    """Raise InputError when ``frame`` has no rows or lacks one of ``columns``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(_t("missing", "nl", what=what, columns=", ".join(missing)))
    if frame.empty:
        raise InputError(_t("empty", "nl", what=what))


def _finite(values: pd.Series, column: str, what: str) -> np.ndarray:
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    if not np.isfinite(numbers).all():
        raise InputError(_t("not_finite", "nl", column=column, what=what))
    return numbers


def _name(value: object, fallback: object, width: int) -> str:
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return _short(text.strip() or str(fallback), width)


def _rows_height(n: int, per_row: float, minimum: float = 3.2, extra: float = 1.6) -> float:
    """Figure height [inch] that gives each of ``n`` rows ``per_row`` inch."""
    return max(minimum, extra + per_row * n)


def _rows_on_top(ax: Axes, labels: list[str], fontsize: float = 8) -> None:
    """Rows 0…n-1 as y tick labels, row 0 on top."""
    n = len(labels)
    ax.set_yticks(np.arange(n), labels, fontsize=fontsize)
    ax.set_ylim(n - 0.5, -0.5)


def _ink_on(colour: ColorType) -> str:
    """White text on dark colours, dark text on light ones."""
    r, g, b = to_rgb(colour)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else INK


def _done(fig: Figure) -> Figure:
    """``fig`` laid out and released by pyplot (it can still be saved and inspected)."""
    fig.tight_layout()
    plt.close(fig)
    return fig


def _save(fig: Figure, path: Path) -> None:
    """Write ``fig`` as a PNG at ``path`` atomically (an existing file is replaced)."""
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    # a fresh name beside the target; savefig creates it with the usual permissions
    staging = parent / f".{target.name}.{os.getpid()}.{uuid.uuid4().hex}.png"
    if not parent.is_dir():
        raise WriteError(f"Map '{parent}' bestaat niet / folder does not exist")
    try:
        fig.savefig(staging, format="png", bbox_inches="tight")
        os.replace(staging, target)
    except (OSError, ValueError) as exc:
        raise WriteError(f"Schrijven naar '{target}' mislukt / writing failed: {exc}") from exc
    finally:
        staging.unlink(missing_ok=True)


# --- 1. weighted sum per variant -----------------------------------------------------------


def score_table(contributions: pd.DataFrame) -> pd.DataFrame:
    """Variant (index) × criterion group (columns, in the standard order, only those given)
    of the summed contributions, best total first (ties keep the order of first
    appearance)."""
    _require(contributions, ("variant", "group", "contribution"), "scores")
    groups = contributions["group"].astype(str)
    unknown = sorted(set(groups) - set(CRITERION_GROUPS))
    if unknown:
        raise InputError(_t("unknown_group", "nl", groups=", ".join(unknown),
                            known=", ".join(CRITERION_GROUPS)))
    values = _finite(contributions["contribution"], "contribution", "scores")
    frame = pd.DataFrame({"variant": contributions["variant"].astype(str).to_numpy(),
                          "group": groups.to_numpy(), "contribution": values})
    table = frame.pivot_table(index="variant", columns="group", values="contribution",
                              aggfunc="sum", sort=False).fillna(0.0)
    table = table[[g for g in CRITERION_GROUPS if g in table.columns]]
    order = np.argsort(-table.sum(axis=1).to_numpy(), kind="stable")
    return table.iloc[order]


def scores_figure(contributions: pd.DataFrame, lang: str = "nl") -> Figure:
    """The figure of :func:`draw_scores`, not written."""
    table = score_table(contributions)
    n = len(table)
    fig, ax = plt.subplots(figsize=(10, _rows_height(n, 0.42)), dpi=100)
    y = np.arange(n)
    left = np.zeros(n)
    for group in table.columns:
        width = table[group].to_numpy(dtype=float)
        ax.barh(y, width, left=left, height=0.62, color=GROUP_COLOURS[group],
                edgecolor="white", linewidth=0.6, label=_group(group, lang), gid=group)
        left += width
    for yy, total in zip(y, left, strict=True):
        ax.annotate(_number(total, 3, lang), (total, yy), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8, color=INK,
                    gid="total")
    _rows_on_top(ax, [_short(str(v), 40) for v in table.index])
    ax.set_xlim(0, max(1.0, float(left.max())) * 1.1)
    ax.xaxis.set_major_locator(FixedLocator(np.linspace(0, 1, 6).tolist()))
    _axis_numbers(ax.xaxis, lang, 1)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(_t("scores_x", lang))
    ax.set_title(_t("scores_title", lang), fontsize=12)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return _done(fig)


def draw_scores(contributions: pd.DataFrame, path: Path, lang: str = "nl") -> None:
    """A horizontal bar per variant, stacked by criterion group (weight × partial value,
    summed per group), the best total on top and written at the end of each bar."""
    _save(scores_figure(contributions, lang), path)


# --- 2. rank acceptability -----------------------------------------------------------------


def acceptability_table(acceptability: pd.DataFrame) -> pd.DataFrame:
    """Variant (index) × rank (columns 1, 2, …) of the acceptability, the variants ordered
    by rank-1 acceptability, then rank 2, … (highest first)."""
    _require(acceptability, ("variant", "rank", "acceptability"), "acceptability")
    ranks = _finite(acceptability["rank"], "rank", "acceptability").astype(int)
    shares = _finite(acceptability["acceptability"], "acceptability", "acceptability")
    frame = pd.DataFrame({"variant": acceptability["variant"].astype(str).to_numpy(),
                          "rank": ranks, "acceptability": shares})
    table = frame.pivot_table(index="variant", columns="rank", values="acceptability",
                              aggfunc="sum", sort=False).fillna(0.0)
    table = table[sorted(table.columns)]
    keys = -table.to_numpy(dtype=float)
    order = np.lexsort(keys.T[::-1]) if keys.shape[1] else np.arange(len(table))
    return table.iloc[order]


def rank_colours(n: int) -> list[tuple[float, float, float, float]]:
    """``n`` colours of a sequential map, dark (rank 1) to light (rank n)."""
    cmap = matplotlib.colormaps[RANK_MAP]
    return [tuple(c) for c in cmap(np.linspace(0.9, 0.2, n) if n > 1 else [0.9])]


def acceptability_figure(acceptability: pd.DataFrame, lang: str = "nl") -> Figure:
    """The figure of :func:`draw_acceptability`, not written."""
    table = acceptability_table(acceptability)
    n = len(table)
    fig, ax = plt.subplots(figsize=(10, _rows_height(n, 0.42)), dpi=100)
    y = np.arange(n)
    left = np.zeros(n)
    palette = rank_colours(len(table.columns))
    for rank, colour in zip(table.columns, palette, strict=True):
        width = table[rank].to_numpy(dtype=float)
        ax.barh(y, width, left=left, height=0.66, color=colour, edgecolor="white",
                linewidth=0.6, label=_t("rank", lang, rank=int(rank)), gid=f"rank{rank}")
        for yy, x0, w in zip(y, left, width, strict=True):
            if w >= MIN_LABELLED_SHARE:
                ax.text(x0 + w / 2, float(yy), _percent(w, lang), ha="center", va="center",
                        fontsize=7.5, color=_ink_on(colour))
        left += width
    _rows_on_top(ax, [_short(str(v), 40) for v in table.index])
    ax.set_xlim(0, max(1.0, float(left.max())))
    ax.xaxis.set_major_locator(MultipleLocator(0.25))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: _percent(x, lang)))
    ax.set_xlabel(_t("acceptability_x", lang))
    ax.set_title(_t("acceptability_title", lang), fontsize=12)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return _done(fig)


def draw_acceptability(acceptability: pd.DataFrame, path: Path, lang: str = "nl") -> None:
    """A 100 % stacked bar per variant of its rank acceptabilities (rank 1 first, dark to
    light), percent labels in segments of at least 8 %, the variant most often first on
    top."""
    _save(acceptability_figure(acceptability, lang), path)


# --- 3. weight stability -------------------------------------------------------------------


def stability_table(stability: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``stability`` with missing bounds as the full range (lower, top_lower: 0;
    upper, top_upper: 1) and a ``width`` column (upper − lower), narrowest first (ties keep
    their order)."""
    columns = ("criterion", "name", "weight", "lower", "upper", "top_lower", "top_upper")
    _require(stability, columns, "stability")
    frame = stability.loc[:, list(columns)].reset_index(drop=True).copy()
    frame["weight"] = _finite(frame["weight"], "weight", "stability")
    for column, default in (("lower", 0.0), ("upper", 1.0), ("top_lower", 0.0),
                            ("top_upper", 1.0)):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(default).clip(
            0.0, 1.0)
    frame["width"] = frame["upper"] - frame["lower"]
    return frame.sort_values("width", kind="stable").reset_index(drop=True)


def stability_figure(stability: pd.DataFrame, lang: str = "nl") -> Figure:
    """The figure of :func:`draw_stability`, not written."""
    table = stability_table(stability)
    n = len(table)
    fig, ax = plt.subplots(figsize=(10, _rows_height(n, 0.34)), dpi=100)
    y = np.arange(n)
    ax.barh(y, table["top_upper"] - table["top_lower"], left=table["top_lower"], height=0.62,
            color=TOP, edgecolor="none", gid="top", zorder=2)
    ax.barh(y, table["width"], left=table["lower"], height=0.2, color=RANKING,
            edgecolor="none", gid="ranking", zorder=3)
    ax.plot(table["weight"], y, linestyle="", marker="D", markersize=6, color=WEIGHT,
            markeredgecolor="white", markeredgewidth=0.8, gid="weight", zorder=4,
            clip_on=False)
    _rows_on_top(ax, [_name(name, crit, 45) for name, crit in
                      zip(table["name"], table["criterion"], strict=True)])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_locator(MultipleLocator(0.1))
    _axis_numbers(ax.xaxis, lang, 1)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(_t("weight", lang))
    ax.set_title(_t("stability_title", lang), fontsize=12)
    handles: list[Patch | Line2D] = [
        Patch(color=TOP, label=_t("top", lang)),
        Patch(color=RANKING, label=_t("ranking", lang)),
        Line2D([], [], linestyle="", marker="D", color=WEIGHT, label=_t("current", lang))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return _done(fig)


def draw_stability(stability: pd.DataFrame, path: Path, lang: str = "nl") -> None:
    """Per criterion: the interval of its weight in which the full ranking stays the same
    (thin dark bar), the wider interval in which the best variant stays best (light bar
    behind it) and the current weight (diamond); the most sensitive criterion on top."""
    _save(stability_figure(stability, lang), path)


# --- 4. priority list ----------------------------------------------------------------------


def priority_rows(priority: pd.DataFrame, top: int = 25) -> pd.DataFrame:
    """The first ``top`` rows of ``priority`` in priority order."""
    columns = ("priority", "project_id", "name", "in_service_year", "tier",
               "marginal_value_meur")
    _require(priority, columns, "priority")
    if top < 1:
        raise InputError(_t("bad_top", "nl", top=top))
    tiers = pd.to_numeric(priority["tier"], errors="coerce")
    unknown = sorted({str(t) for t, n in zip(priority["tier"], tiers, strict=True)
                      if n not in TIER_COLOURS})
    if unknown:
        raise InputError(_t("unknown_tier", "nl", tiers=", ".join(unknown)))
    frame = priority.assign(tier=tiers.astype(int)).sort_values("priority", kind="stable")
    return frame.head(top).reset_index(drop=True)


def _bar_label(name: object, project_id: object, year: object) -> str:
    text = _name(name, project_id, 48)
    number = pd.to_numeric(pd.Series([year]), errors="coerce").iloc[0]
    return f"{text} ({int(number)})" if pd.notna(number) else text


def priority_figure(priority: pd.DataFrame, lang: str = "nl", top: int = 25) -> Figure:
    """The figure of :func:`draw_priority`, not written."""
    rows = priority_rows(priority, top)
    n = len(rows)
    value = pd.to_numeric(rows["marginal_value_meur"], errors="coerce").to_numpy(dtype=float)
    endless = np.isposinf(value)
    finite = value[np.isfinite(value)]
    positive = finite[finite > 0]
    log = (len(positive) > 1 and len(positive) == len(finite)
           and positive.max() > LOG_SPAN * positive.min())
    if log:
        low = 10 ** np.floor(np.log10(positive.min() * 0.7))  # the least bar stays visible
        high = 10 ** np.ceil(np.log10(positive.max() * 1.5))
    else:
        high = float(finite.max()) * 1.15 if len(finite) and finite.max() > 0 else 1.0
        least = min(0.0, float(finite.min())) if len(finite) else 0.0
        low = least - 0.12 * (high - least) if least < 0 else 0.0  # room for its label
    fig, ax = plt.subplots(figsize=(11, _rows_height(n, 0.34)), dpi=100)
    y = np.arange(n)
    tiers = rows["tier"].to_numpy(dtype=int)
    base = low if log else 0.0
    drawn = np.where(endless, high, np.where(np.isfinite(value), value, base))
    ax.barh(y, drawn - base, left=base, height=0.66,
            color=[TIER_COLOURS[t] for t in tiers], edgecolor="none", gid="value")
    for yy, v, d, tier in zip(y, value, drawn, tiers, strict=True):
        if np.isposinf(v):
            ax.annotate(_t("indispensable", lang), (d, yy), xytext=(-5, 0),
                        textcoords="offset points", ha="right", va="center", fontsize=7.5,
                        color=_ink_on(TIER_COLOURS[tier]), fontweight="bold",
                        gid="indispensable")
        else:
            shown = _t("unknown", lang) if np.isnan(v) else _number(v, _digits(v), lang)
            after = not v < 0  # NaN too
            ax.annotate(shown, (d, yy), xytext=(3 if after else -3, 0),
                        textcoords="offset points", va="center", fontsize=7, color=INK,
                        ha="left" if after else "right", gid="value")
    _rows_on_top(ax, [_bar_label(name, pid, year) for name, pid, year in zip(
        rows["name"], rows["project_id"], rows["in_service_year"], strict=True)])
    if log:
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(low, high)
    _axis_numbers(ax.xaxis, lang)
    if not len(finite):  # only indispensable (or unknown) values: the axis has no scale
        ax.set_xticks([])
    if not log and low < 0:
        ax.axvline(0, color=INK, linewidth=0.8)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(_t("priority_x", lang))
    total = len(priority)
    ax.set_title(_t("priority_first", lang, top=n, n=total) if total > n
                 else _t("priority_title", lang), fontsize=12)
    handles = [Patch(color=TIER_COLOURS[t], label=_t("tier", lang, tier=t,
                                                      name=label("tier", str(t), lang)))
               for t in sorted(set(tiers.tolist()))]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return _done(fig)


def draw_priority(priority: pd.DataFrame, path: Path, lang: str = "nl", top: int = 25) -> None:
    """The marginal value (lens-weighted value of connections) of the first ``top`` projects
    of the priority list as horizontal bars (priority 1 on top), coloured by tier, the
    in-service year in each label; indispensable projects (infinite value) reach the axis
    maximum, labelled so. The x axis is logarithmic when the values span more than two orders
    of magnitude."""
    _save(priority_figure(priority, lang, top), path)
