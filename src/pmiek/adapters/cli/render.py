"""Rich renderings of problems and summaries for the terminal.

Every value from the data goes in through :func:`~pmiek.adapters.cli.i18n.literal`: shown as it
is, without control characters, never read as rich markup. :class:`SafeConsole` is the console
every command prints with.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.errors import MarkupError
from rich.table import Table
from rich.text import Text

from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.files import Located
from pmiek.adapters.files.inert import printable
from pmiek.domain.labels import label
from pmiek.domain.problems import Severity
from pmiek.domain.sizing import developed_mw
from pmiek.domain.workspace import Workspace


class SafeConsole(Console):
    """A rich console that removes control characters (escape sequences, bell, NUL, carriage
    return …) from every text it renders, and shows a text whose markup is broken as plain
    text instead of failing."""

    def render_str(self, text: str, **options: Any) -> Text:
        clean = printable(text)
        try:
            return super().render_str(clean, **options)
        except MarkupError:
            return super().render_str(clean, **{**options, "markup": False})


MAX_ROWS = 200
"""The terminal table shows at most this many problems; --json gives them all."""


def problems_table(located: list[Located], lang: str) -> Table:
    """A table of problems: severity, where (file, sheet, row, id, column), what and the fix."""
    table = Table(show_lines=False, header_style="bold", expand=False)
    for key in ("col.severity", "col.file", "col.row", "col.id", "col.column", "col.problem",
                "col.fix"):
        table.add_column(text(key, lang), overflow="fold")
    for item in located[:MAX_ROWS]:
        p = item.problem
        where = Path(item.path).name if item.path else p.table
        if item.sheet:
            where += f" [{item.sheet}]"
        elif item.path and Path(item.path).stem != p.table:
            where += f" ({p.table})"
        style = "red" if p.severity is Severity.ERROR else "yellow"
        table.add_row(f"[{style}]{text('severity.' + p.severity.value, lang)}[/]",
                      literal(where), "" if item.line is None else str(item.line),
                      literal(p.row_id or ""), literal(p.column or ""),
                      literal(p.message(lang)), literal(p.hint(lang)))
    return table


SEPARATORS = {"en": (",", "."), "nl": (".", ",")}
"""Thousands separator and decimal mark per language."""


def _localised(shown: str, lang: str) -> str:
    """``shown`` written with ``,`` for thousands and ``.`` for decimals, in ``lang``."""
    thousands, mark = SEPARATORS.get(lang, SEPARATORS["nl"])
    return shown.replace(",", "\x00").replace(".", mark).replace("\x00", thousands)


def number(value: int, lang: str) -> str:
    """An integer with thousands separators: 35.040 in Dutch, 35,040 in English."""
    return _localised(f"{value:,}", lang)


def as_number(value: object) -> float:
    """``value`` as a float; NaN for None or anything that is not a number."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def decimal(value: object, lang: str, digits: int = 1) -> str:
    """A number with thousands separators and ``digits`` decimals (1.234,5 in Dutch,
    1,234.5 in English); – for a missing or infinite value."""
    x = as_number(value)
    if not math.isfinite(x):
        return "–"
    if digits == 0:
        return number(round(x), lang)
    return _localised(f"{x:,.{digits}f}", lang)


def percent(value: object, lang: str, digits: int = 2) -> str:
    """A share as a percentage (0.0123 → 1,23% in Dutch); – for a missing value."""
    x = as_number(value)
    if not math.isfinite(x):
        return "–"
    return _localised(f"{100 * x:.{digits}f}%", lang)


def summary_tables(workspace: Workspace, lang: str) -> list[Table]:
    """Tables that summarise a workspace: row counts, developments, assets, projects."""
    counts = Table(title=text("summary.tables", lang), header_style="bold")
    counts.add_column(text("col.table", lang))
    counts.add_column(text("col.rows", lang), justify="right")
    for name, frame in workspace.items():
        counts.add_row(literal(label("table", name, lang)), number(len(frame), lang))
    tables = [counts]
    for make in (_developments, _assets, _projects):
        table = make(workspace, lang)
        if table is not None:
            tables.append(table)
    return tables


def _developments(workspace: Workspace, lang: str) -> Table | None:
    if not len(workspace.developments):
        return None
    sizes = developed_mw(workspace)
    grouped = sizes.groupby("sector", sort=True).agg(
        count=("sector", "size"), demand=("demand_mw", "sum"), feedin=("feedin_mw", "sum"))
    table = Table(title=text("summary.developments", lang), header_style="bold")
    for key in ("col.sector", "col.count", "col.demand", "col.feedin"):
        table.add_column(text(key, lang), justify="left" if key == "col.sector" else "right")
    for sector, row in grouped.iterrows():
        table.add_row(literal(label("sector", str(sector), lang)),
                      number(int(row["count"]), lang),
                      decimal(row["demand"], lang), decimal(row["feedin"], lang))
    table.add_row("[bold]Σ[/]", number(int(grouped["count"].sum()), lang),
                  f"[bold]{decimal(grouped['demand'].sum(), lang)}[/]",
                  f"[bold]{decimal(grouped['feedin'].sum(), lang)}[/]")
    return table


def _assets(workspace: Workspace, lang: str) -> Table | None:
    assets = workspace.assets
    if not len(assets):
        return None
    grouped = assets.groupby(["carrier", "kind"], sort=True).agg(
        count=("id", "size"), capacity=("capacity_demand_mw", "sum"))
    table = Table(title=text("summary.assets", lang), header_style="bold")
    for key in ("col.carrier", "col.kind", "col.count", "col.capacity"):
        table.add_column(text(key, lang), justify="right" if key in ("col.count",
                                                                   "col.capacity") else "left")
    for (carrier, kind), row in grouped.iterrows():
        table.add_row(literal(label("carrier", str(carrier), lang)),
                      literal(label("asset_kind", str(kind), lang)),
                      number(int(row["count"]), lang),
                      decimal(row["capacity"], lang, 0))
    return table


def _projects(workspace: Workspace, lang: str) -> Table | None:
    projects = workspace.projects
    if not len(projects):
        return None
    grouped = projects.groupby("status", sort=True).agg(
        count=("id", "size"), capex=("capex_meur", "sum"))
    table = Table(title=text("summary.projects", lang), header_style="bold")
    for key in ("col.status", "col.count", "col.capex"):
        table.add_column(text(key, lang), justify="left" if key == "col.status" else "right")
    for status, row in grouped.iterrows():
        table.add_row(literal(label("project_status", str(status), lang)),
                      number(int(row["count"]), lang),
                      decimal(row["capex"], lang))
    return table
