"""``pmiek choices``: the Energievisie's choices and their options, and what two scenarios or
choice sets change per carrier and asset."""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from pmiek.adapters.cli.common import (
    EXIT_INVALID,
    Drawings,
    console,
    fail,
    read_valid,
    reported,
    written,
)
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render import decimal
from pmiek.adapters.files import check_outputs, write_outputs
from pmiek.adapters.files.choice_files import choice_source, scenario_with_choices
from pmiek.domain.defaults import LOAD_HORIZON
from pmiek.domain.labels import label
from pmiek.domain.provenance import Provenance
from pmiek.domain.workspace import Workspace
from pmiek.insight.compare import COMPARE_YEARS, compare_scenarios

SHOWN_PER_CARRIER = 8
"""The largest changes printed per carrier and year; the CSV holds them all."""


def choices_table(ws: Workspace, lang: str) -> Table:
    """Per choice and option: its rules, what they do, and the scenarios that pick it."""
    table = Table(title=text("choices.title", lang), header_style="bold")
    for key in ("col.choice", "col.option", "col.rules", "col.actions", "col.scenarios"):
        table.add_column(text(key, lang))
    rules = ws.choice_rules
    params = ws.scenario_parameters
    for (choice, option), group in rules.groupby(["choice", "option"], sort=True):
        picked = params[(params["parameter"] == choice) & (params["value"] == option)]
        table.add_row(literal(label("choice", str(choice), lang)),
                      literal(label("choice_option", str(option), lang)),
                      literal(", ".join(group["id"].astype(str))),
                      literal(", ".join(sorted({label("choice_action", str(a), lang)
                                                for a in group["action"]}))),
                      literal(", ".join(picked["scenario_id"].astype(str)) or "-"))
    return table


def compare_tables(changes: pd.DataFrame, a: str, b: str, lang: str) -> list[Table]:
    """The largest changes per carrier and year."""
    tables = []
    for (carrier, year), group in changes.groupby(["carrier", "year"], sort=True):
        table = Table(title=text("choices.compare_title", lang, a=a, b=b, year=year,
                                 carrier=label("carrier", str(carrier), lang)),
                      header_style="bold")
        for key in ("col.asset", "col.name", "col.direction", "col.peak_a", "col.peak_b",
                    "col.change"):
            table.add_column(text(key, lang, a=a, b=b),
                             justify="right" if key.startswith(("col.peak", "col.ch"))
                             else "left")
        for row in group.head(SHOWN_PER_CARRIER).itertuples(index=False):
            table.add_row(literal(str(row.asset_id)), literal(str(row.name)),
                          literal(str(row.direction)), decimal(row.peak_a_mw, lang),
                          decimal(row.peak_b_mw, lang),
                          ("+" if row.change_mw > 0 else "") + decimal(row.change_mw, lang))
        tables.append(table)
    return tables


def add_choices_command(app: typer.Typer, lang: str) -> None:
    """Register ``choices`` on ``app`` with help texts in ``lang``."""
    o = Options(lang)

    @app.command("choices", help=text("choices.help", lang))
    def choices(
        *,
        workspace: Annotated[str | None, o.workspace] = None,
        compare: Annotated[list[str] | None, typer.Option(
            "--compare", help=text("choices.compare", lang), show_default=False)] = None,
        year: Annotated[list[int] | None, typer.Option(
            "--year", help=text("choices.year", lang), show_default=False)] = None,
        out: Annotated[Path | None, typer.Option(
            "--out", help=text("choices.out", lang), show_default=False)] = None,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        shown = console()
        ws = read_valid(workspace, lang, horizon, shown).workspace
        if not compare:
            shown.print(choices_table(ws, lang))
            return
        if len(compare) != 2:
            raise fail(text("choices.two", lang), lang, EXIT_INVALID)
        years = tuple(year or COMPARE_YEARS)
        with reported(lang):
            if out is not None:
                check_outputs(out, sources=(workspace, *map(choice_source, compare)))
            ws, a = scenario_with_choices(ws, compare[0])
            ws, b = scenario_with_choices(ws, compare[1])
            changes = compare_scenarios(ws, a, b, years)
        for table in compare_tables(changes, a, b, lang):
            shown.print(table)
        if changes.empty:
            shown.print(text("choices.no_change", lang, a=a, b=b))
        if out is not None:
            result = Drawings(Provenance.of("choices", ws, {"compare": [a, b],
                                                             "scenarios": [a, b],
                                                             "years": list(years)}),
                              {"choices_compare": changes})
            with reported(lang):
                paths = write_outputs(result, out, sources=(workspace,
                                                            *map(choice_source, compare)),
                                      lang=lang)
            shown.print(text("insight.written", lang, out=out, files=written(paths, out)))
