"""The comparison of the variants as a terminal table: one row per lens, or one column per
lens when the rows do not fit."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.render import decimal, percent
from pmiek.domain.labels import label
from pmiek.domain.workspace import Workspace
from pmiek.variants import FEASIBLE, VariantSet

FEASIBLE_VALUES = {t.value for t in FEASIBLE}
STYLE = {"optimal": "green", "gap_limit": "green", "node_limit": "yellow",
         "time_limit": "yellow", "heuristic": "cyan"}
KEYS = ["col.variant", "col.termination", "col.gap", "col.objective", "col.built",
        "col.capex", "col.homes_2030", "col.industry_2030", "col.overload"]
BASELINE_KEYS = ["col.greedy", "col.ratio", "col.improvement"]


def _title(result: VariantSet, ws: Workspace, lang: str) -> str:
    """The table's title: the scenarios, the years and the level (from the data: shown
    literally by ``text``)."""
    if result.scenarios is not None:
        scenario = ", ".join(map(str, result.scenarios))
    elif len(ws.scenarios) <= 1:  # one scenario (or none): no expectation over several
        scenario = ", ".join(map(str, ws.scenarios["id"])) or "–"
    else:
        scenario = text("variants.expected", lang, n=max(len(ws.scenarios), 1))
    return text("variants.title", lang, scenario=scenario, first=result.first_year,
                horizon=result.horizon, level=label("area_kind", result.level, lang))


def comparison_table(comparison: pd.DataFrame, result: VariantSet, ws: Workspace, lang: str,
                     transposed: bool = False) -> Table:
    """One row per lens: how the solve ended and what the variant builds and connects.
    ``transposed``: one column per lens instead, for narrow terminals."""
    baseline = result.baseline
    caption = text("variants.caption", lang) + (
        " " + text("variants.caption_ratio", lang) if baseline else "")
    table = Table(title=_title(result, ws, lang), header_style="bold",
                  caption=caption, caption_justify="left")
    keys = KEYS + (BASELINE_KEYS if baseline else [])
    rows = [_cells(row, lang, baseline) for row in comparison.to_dict("records")]
    if transposed:
        table.add_column("", style="bold")
        for cells in rows:
            table.add_column(cells[0], justify="right")
        for k, key in enumerate(keys[1:], start=1):
            table.add_row(text(key, lang), *(cells[k] for cells in rows))
        return table
    for key in keys:
        table.add_column(text(key, lang), no_wrap=True, justify="left" if key in (
            "col.variant", "col.termination") else "right")
    for cells in rows:
        table.add_row(*cells)
    return table


def _cells(row: dict[str, Any], lang: str, baseline: bool) -> list[str]:
    termination = str(row["termination"])
    word = text(f"term.{termination}", lang, gap=percent(row["mip_gap"], lang))
    style = STYLE.get(termination, "red")
    feasible = termination in FEASIBLE_VALUES
    homes = (f"{decimal(row['homes_connected_2030'], lang, 0)} / "
             f"{decimal(row['homes_planned_2030'], lang, 0)}") if feasible else "–"
    cells = [literal(row["label"]), f"[{style}]{word}[/]",
             percent(row["mip_gap"], lang), decimal(row["objective_meur"], lang),
             decimal(row["projects_built"], lang, 0), decimal(row["capex_meur"], lang),
             homes, decimal(row["industry_mw_2030"], lang),
             decimal(row["overload_mw_years"], lang)]
    if baseline:
        cells += [decimal(row["greedy_objective_meur"], lang),
                  decimal(row["ratio_milp_greedy"], lang, 2),
                  decimal(row["improvement_meur"], lang)]
    return cells


def print_comparison(out: Console, comparison: pd.DataFrame, result: VariantSet,
                     ws: Workspace, lang: str) -> None:
    """The comparison, one row per lens; one column per lens when that does not fit."""
    wide = comparison_table(comparison, result, ws, lang)
    natural = Measurement.get(out, out.options.update_width(10_000), wide).maximum
    if natural <= out.width:
        out.print(wide)
    else:
        out.print(comparison_table(comparison, result, ws, lang, transposed=True))
