"""Writing and showing an edition diff: ``input_changes.csv`` (the input rows added, removed
and changed, per table), ``priority_changes.csv`` (projects added to or dropped from the
priority list, tier, in-service year and rank changes, each with the changed input rows that
touch it or marked *herschikking*) and ``diff.json`` (the counts and what was compared)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from rich.table import Table

from pmiek.adapters.cli.common import console
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.files.inert import neutralise_frame
from pmiek.adapters.files.outputs import write_folder

DIFF_FILES = ("input_changes.csv", "priority_changes.csv", "diff.json")


def write_diff(inputs: pd.DataFrame, results: pd.DataFrame, out: Path, *,
               overwrite: bool, lang: str, label: tuple[str, str]) -> list[Path]:
    """The three files of a diff in the folder ``out`` (all or nothing)."""
    from pmiek.programme.diff import diff_summary

    summary = {"old": label[0], "new": label[1], "lang": lang,
               "summary": diff_summary(inputs, results), "licence": "CC0-1.0"}

    def build(folder: Path) -> None:
        neutralise_frame(inputs).to_csv(folder / DIFF_FILES[0], index=False)
        neutralise_frame(results).to_csv(folder / DIFF_FILES[1], index=False)
        (folder / DIFF_FILES[2]).write_text(
            json.dumps(summary, ensure_ascii=False, indent=1, default=str) + "\n",
            encoding="utf-8")

    return write_folder(out, DIFF_FILES, build, record={"command": "edition diff"},
                        overwrite=overwrite, parents=True)


def show_diff(inputs: pd.DataFrame, results: pd.DataFrame, lang: str, *,
              paths: Sequence[str]) -> None:
    """The diff on the terminal: counts per table and the changed priority rows."""
    shown = console()
    table = Table(title=text("diff.inputs", lang), header_style="bold")
    for column in ("table", "change", "n"):
        table.add_column(literal(column))
    counts = inputs.groupby(["table", "change"], sort=False).size()
    for (name, change), n in counts.items():
        table.add_row(literal(name), literal(change), str(n))
    shown.print(table if len(inputs) else text("diff.no_inputs", lang))
    if len(results):
        rows = Table(title=text("diff.priority", lang), header_style="bold")
        for column in ("project_id", "change", "reason", "why"):
            rows.add_column(literal(column))
        for row in results.itertuples():
            rows.add_row(literal(row.project_id), literal(row.change), literal(row.reason),
                         literal(row.why))
        shown.print(rows)
    else:
        shown.print(text("diff.no_priority", lang))
    shown.print(text("diff.written", lang, files=", ".join(paths)))
