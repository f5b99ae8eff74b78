"""``pmiek report [EDITION|WORKSPACE] --out DIR``: the programme document (P-MIEK) as HTML and
PDF (see :mod:`pmiek.adapters.reports.document`).

An edition is looked up in the store of ``--db`` (else ``PMIEK_DATABASE_URL``, else
``pmiek.db`` when that file exists) and read as the acting user (``--as``); anything else is
read as a workspace, whose runs are computed first (no programme trail: the process chapter
says so).
"""

# No ``from __future__ import annotations``: typer reads the annotations at run time.
import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from pmiek.adapters.cli.common import console, fail, quiet_solver, read_valid, reported
from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.programme_common import acting_user, as_option, db_option


def _is_edition(source: str | None, db: str | None) -> bool:
    """Whether ``source`` names an edition of the store (which is only opened when given
    or when the default SQLite file exists)."""
    from pmiek.adapters.store.store import Store

    if source is None or source.startswith("db:"):
        return False
    if db is None and not os.environ.get("PMIEK_DATABASE_URL") and not Path(
            "pmiek.db").is_file():
        return False
    with Store(db) as store:
        names = store.editions()
    return bool(len(names)) and source in set(names["edition"].astype(str))


def _input(source: str | None, db: str | None, user: str | None, lang: str) -> Any:
    """The document's input: an edition's, or a workspace's with its runs computed now."""
    from pmiek.adapters.reports.document.collect import from_edition, from_workspace
    from pmiek.adapters.store.store import Store

    if _is_edition(source, db):
        with Store(db) as store:
            return from_edition(store, acting_user(user), str(source))
    out = console()
    result = read_valid(source, lang, 2035, out)
    quiet_solver()
    with out.status(text("report.computing", lang, label="…")) as status:
        def tell(kind: str) -> None:
            status.update(str(text("report.computing", lang, label=kind)))
        return from_workspace(result.workspace, source or "utrecht", progress=tell)


def add_report_command(app: typer.Typer, lang: str) -> None:
    """Register ``report`` on ``app``."""

    @app.command("report", help=text("report.help", lang))
    def report_cmd(
        *,
        source: Annotated[str | None, typer.Argument(help=text("report.source", lang),
                                                     show_default=False)] = None,
        out: Annotated[Path, typer.Option("--out", help=text("report.out", lang))] =
        Path("out/p-miek"),
        audience: Annotated[str, typer.Option("--audience",
                                              help=text("report.audience", lang))] = "publiek",
        pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help=text("report.pdf", lang))]
        = True,
        years: Annotated[list[int] | None, typer.Option(
            "--year", help=text("report.year", lang), show_default=False)] = None,
        overwrite: Annotated[bool, typer.Option("--overwrite",
                                                help=text("overwrite", lang))] = False,
        user: Annotated[str | None, as_option(lang)] = None,
        db: Annotated[str | None, db_option(lang)] = None,
        language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang,
    ) -> None:
        from pmiek.adapters.files import check_outputs
        from pmiek.adapters.reports.document.build import Builder
        from pmiek.adapters.reports.document.render import write_report

        if audience not in ("publiek", "intern"):
            raise fail(text("report.bad_audience", lang, value=audience), lang, 2)
        started = time.perf_counter()
        with reported(lang):
            check_outputs(out)
            source_input = _input(source, db, user, language)
            with console().status(str(text("report.rendering", lang))):
                builder = Builder(source_input, lang=language, audience=audience, years=years)
                doc = builder.build()
                paths, pages = write_report(doc, out, builder.hidden, pdf=pdf,
                                            overwrite=overwrite)
        console().print(text("report.done", lang, out=out, files=f"{len(paths)}",
                             pages=pages, facts=len(doc.facts),
                             seconds=f"{time.perf_counter() - started:.0f}"))

