"""The terminal rendering of ``pmiek intake merge`` and ``pmiek intake provenance``.

Per return: who it is from and its SHA-256; a refused return's problems with file, sheet,
row and column; an accepted return's new, changed and removed rows with their conflicts.
Then the counts per submitter, the rows that wait for acceptance and what blocks storing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from pmiek.adapters.cli.i18n import Markup, literal, text
from pmiek.adapters.cli.render import MAX_ROWS, number, problems_table
from pmiek.adapters.files.intake import MergePlan, counts
from pmiek.adapters.files.intake_texts import DATA_SHEETS, sheet_name
from pmiek.adapters.files.intake_xlsx import IntakeMeta
from pmiek.domain.intake import ACTIVE, MUNICIPALITY
from pmiek.domain.problems import errors


def who(meta: IntakeMeta | None, lang: str) -> Markup:
    """The submitter of a return in words."""
    if meta is None:
        return text("intake.who.unknown", lang)
    person = meta.submitter
    key = "intake.who.municipality" if person.kind == MUNICIPALITY else "intake.who.operator"
    return text(key, lang, name=person.name, id=person.id)


def _count(key: str, n: int, lang: str) -> Markup:
    return text(key if n == 1 else f"{key}_many", lang, n=number(n, lang))


def _conflicts(value: str, lang: str) -> str:
    kinds = [k for k in str(value).split(",") if k]
    return "; ".join(text(f"intake.conflict.{k}", lang) for k in kinds)


def _table_label(name: str, lang: str) -> str:
    return sheet_name(name, lang) if name in DATA_SHEETS else name


def changes_table(changes: pd.DataFrame, title: str, lang: str) -> Table:
    """The new, changed and removed rows of one return (at most :data:`MAX_ROWS`)."""
    table = Table(title=title, header_style="bold")
    for key in ("intake.col.table", "intake.col.id", "intake.col.status",
                "intake.col.columns", "intake.col.why", "intake.col.accepted"):
        table.add_column(text(key, lang), overflow="fold")
    for row in changes.head(MAX_ROWS).itertuples(index=False):
        waiting = bool(row.conflict) and not row.accepted
        table.add_row(literal(_table_label(str(row.table), lang)), literal(row.row_id),
                      text(f"intake.status.{row.status}", lang), literal(row.columns),
                      f"[yellow]{literal(_conflicts(row.conflict, lang))}[/]",
                      text("intake.yes" if row.accepted else "intake.no", lang)
                      if not waiting else f"[yellow]{text('intake.no', lang)}[/]")
    return table


def summary_table(plan: MergePlan, lang: str) -> Table:
    """New, changed, removed, unchanged, in conflict and accepted rows per return."""
    shown = counts(plan.changes)
    files = {r.number: r.path.name for r in plan.received}
    table = Table(title=text("intake.summary", lang), header_style="bold")
    columns = ("new", "changed", "removed", "unchanged", "conflict", "accepted")
    table.add_column(text("intake.col.file", lang))
    table.add_column(text("intake.col.submitter", lang))
    for key in columns:
        table.add_column(text(f"intake.col.{key}", lang), justify="right")
    for row in shown.itertuples(index=False):
        table.add_row(literal(files[int(row.return_number)]), literal(row.submitter),
                      *(number(int(getattr(row, key)), lang) for key in columns))
    return table


def show_plan(plan: MergePlan, out: Console, lang: str) -> None:
    """Everything ``pmiek intake merge`` reports before it stores (or not)."""
    changes = plan.changes
    for received in plan.received:
        out.print(text("intake.returned", lang, file=received.path.name,
                       who=who(received.meta, lang), sha=received.sha256[:12] or "–"))
        if received.problems:
            out.print(problems_table(received.problems, lang))
        if received.refused:
            n = len(errors([item.problem for item in received.problems]))
            refused = text("intake.refused", lang, file=received.path.name,
                           errors=_count("intake.errors", n, lang))
            out.print(f"[red]{refused}[/]")
            continue
        mine = changes[(changes["return_number"] == received.number).to_numpy()
                       & changes["status"].isin(ACTIVE).to_numpy()]
        if len(mine):
            out.print(changes_table(mine, text("intake.changes", lang,
                                                who=who(received.meta, lang)), lang))
            if len(mine) > MAX_ROWS:
                out.print(text("intake.more", lang, n=number(len(mine) - MAX_ROWS, lang)))
        else:
            out.print(text("intake.no_changes", lang, who=who(received.meta, lang)))
    if len(changes):
        out.print(summary_table(plan, lang))
    _show_waiting(plan, out, lang)


def _show_waiting(plan: MergePlan, out: Console, lang: str) -> None:
    changes = plan.changes
    waiting = int(((changes["conflict"].astype(str) != "") & ~changes["accepted"]).sum())
    if waiting:
        key = "intake.waiting_one" if waiting == 1 else "intake.waiting"
        out.print(f"[yellow]{text(key, lang, n=number(waiting, lang))}[/]")
    for submitter, row_id in plan.unmatched:
        out.print(f"[yellow]{text('intake.unmatched', lang, pair=f'{submitter}:{row_id}')}[/]")
    files = {r.number: r.path.name for r in plan.received}
    for (name, row_id), group in plan.ambiguous.groupby(["table", "row_id"], sort=True):
        listed = ", ".join(files[int(n)] for n in group["return_number"])
        twice = text("intake.ambiguous", lang, table=name, id=row_id, files=listed)
        out.print(f"[red]{twice}[/]")
    if plan.problems:
        out.print(problems_table(plan.problems, lang))
        out.print(f"[red]{text('intake.invalid', lang)}[/]")


def provenance_table(frame: pd.DataFrame, title: str, lang: str) -> Table:
    """The provenance records of a version, one line each."""
    table = Table(title=title, header_style="bold")
    for key in ("intake.col.table", "intake.col.id", "intake.col.action",
                "intake.col.submitter", "intake.col.file", "intake.col.sha",
                "intake.col.received"):
        table.add_column(text(key, lang), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(literal(_table_label(str(row.table), lang)), literal(row.row_id),
                      text(f"intake.status.{row.action}", lang), literal(row.submitter),
                      literal(Path(str(row.file_name)).name), literal(str(row.sha256)[:12]),
                      literal(str(row.received_at)[:19]))
    return table
