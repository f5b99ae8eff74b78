"""``pmiek template``, ``validate``, ``convert``, ``summary`` and ``show``: the workspace itself."""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

from pathlib import Path
from typing import Annotated

import typer

from pmiek.adapters.cli.common import (
    EXIT_INVALID,
    Drawings,
    console,
    fail,
    read,
    read_or_json_error,
    read_valid,
    report,
    reported,
)
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render import summary_tables
from pmiek.adapters.files import write_outputs, write_workspace
from pmiek.domain.defaults import LOAD_HORIZON
from pmiek.domain.problems import errors
from pmiek.domain.provenance import Provenance
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace


def add_workspace_commands(app: typer.Typer, lang: str) -> None:
    """Register the workspace commands on ``app`` with help texts in ``lang``."""
    _add_file_commands(app, lang)
    _add_view_commands(app, lang)


def _add_file_commands(app: typer.Typer, lang: str) -> None:
    """``template``, ``validate`` and ``convert``."""
    o = Options(lang)

    @app.command("template", help=text("template.help", lang))
    def template(
        *,
        out: Annotated[Path, typer.Argument(help=text("template.out", lang))],
        overwrite: Annotated[bool, o.overwrite] = False,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        if out.suffix.lower() != ".xlsx":
            raise fail(text("template.suffix", lang), lang, EXIT_INVALID)
        with reported(lang):
            write_workspace(Workspace(), out, overwrite=overwrite, lang=lang)
        console().print(text("template.done", lang, path=out, tables=len(TABLES)))

    @app.command("validate", help=text("validate.help", lang))
    def validate(
        *,
        workspace: Annotated[str | None, o.workspace] = None,
        as_json: Annotated[bool, o.json] = False,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        if as_json:  # JSON on stdout, errors included
            result = read_or_json_error(workspace, lang, horizon, console())
        else:
            result = read(workspace, lang, horizon)
        report(result, lang, as_json, console())
        if not result.ok:
            raise typer.Exit(EXIT_INVALID)

    @app.command("convert", help=text("convert.help", lang))
    def convert(
        *,
        source: Annotated[str, typer.Argument(help=text("convert.in", lang))],
        out: Annotated[Path, typer.Argument(help=text("convert.out", lang))],
        overwrite: Annotated[bool, o.overwrite] = False,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        shown = console()
        result = read(source, lang, horizon)
        if not result.ok:
            report(result, lang, False, shown)
            shown.print(f"[red]{text('convert.refused', lang)}[/]")
            raise typer.Exit(EXIT_INVALID)
        with reported(lang):
            path = write_workspace(result.own_rows, out, overwrite=overwrite, lang=lang,
                                   sources=(result.path,))
        shown.print(text("convert.done", lang, path=path))



def _add_view_commands(app: typer.Typer, lang: str) -> None:
    """``summary`` and ``show``."""
    o = Options(lang)

    @app.command("summary", help=text("summary.help", lang))
    def summary(
        *,
        workspace: Annotated[str | None, o.workspace] = None,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        shown = console()
        result = read(workspace, lang, horizon)
        shown.print(f"[bold]{literal(result.path)}[/]")
        for table in summary_tables(result.own_rows, lang):
            shown.print(table)
        if not result.ok:
            note = text("summary.invalid", lang, errors=len(errors(result.problems)))
            shown.print(f"[yellow]{note}[/]")

    @app.command("show", help=text("show.help", lang))
    def show(
        *,
        workspace: Annotated[str | None, o.workspace] = None,
        out: Annotated[Path, o.out] = Path("out"),
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        from pmiek.adapters.reports.maps import draw_hierarchy, draw_map

        ws = read_valid(workspace, lang, horizon, console()).workspace
        drawings = Drawings(Provenance.of("show", ws, {"horizon": horizon}))
        with reported(lang):
            paths = write_outputs(drawings, out, sources=(workspace,), lang=lang, extras={
                "kaart.png": lambda path: draw_map(ws, path, lang),
                "hierarchie.png": lambda path: draw_hierarchy(ws, path, lang)})
        console().print(text("show.done", lang, files=", ".join(map(str, paths))))
