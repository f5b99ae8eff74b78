"""``pmiek serve``: the web application with uvicorn.

The store is ``--db``, else ``PMIEK_DATABASE_URL``, else ``pmiek.db`` in the working
directory; when it is that default one and does not exist yet, it is made with the embedded
Utrecht workspace and the worker computes the cycle on it in the background
(:mod:`pmiek.adapters.web.demo`). ``--demo`` also makes one account per role and scope and
prints their passwords once; it is refused (exit 2) unless the server listens on a loopback
address. The other settings come from ``PMIEK_*`` variables
(:class:`pmiek.adapters.web.settings.WebSettings`).
"""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

import os
import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from pmiek.adapters.cli.common import EXIT_INVALID, console, fail, reported
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render import number

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LAST_PORT = 2**16 - 1


def add_serve_command(app: typer.Typer, lang: str) -> None:
    """Register ``serve`` on ``app`` with help texts in ``lang``."""
    o = Options(lang)

    @app.command("serve", help=text("serve.help", lang))
    def serve_cmd(
        *,
        db: Annotated[str | None, typer.Option("--db", help=text("store.db", lang),
                                               show_default=False)] = None,
        host: Annotated[str, typer.Option("--host", help=text("serve.host", lang))] =
        DEFAULT_HOST,
        port: Annotated[int, typer.Option("--port", help=text("serve.port", lang))] =
        DEFAULT_PORT,
        demo: Annotated[bool, typer.Option("--demo", help=text("serve.demo", lang))] = False,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        from pmiek.adapters.web.demo import is_loopback, server_url

        if demo and not is_loopback(host):
            raise fail(text("serve.not_loopback", lang, host=host), lang, EXIT_INVALID)
        if not 0 < port <= LAST_PORT:
            raise fail(text("serve.bad_port", lang, port=port,
                            last=number(LAST_PORT, lang)), lang, EXIT_INVALID)
        web = prepare(db, demo=demo, lang=lang)
        console().print(text("serve.url", lang, url=server_url(host, port)))
        run(web, host, port)


def prepare(db: str | None, *, demo: bool, lang: str) -> Any:
    """The application on the store of ``db`` (made for the demo when it is the default
    one and does not exist), with the demo accounts when ``demo``, its cycle asked for."""
    from pydantic import ValidationError

    from pmiek.adapters.web import demo as demo_store
    from pmiek.adapters.web.app import create_app
    from pmiek.adapters.web.settings import WebSettings

    shown = console()
    file = demo_store.default_store_file()
    with reported(lang):
        if demo_store.uses_default_store(db) and not file.exists():
            with shown.status(text("serve.creating", lang, file=file,
                                   name=demo_store.DEMO_WORKSPACE)):
                boot = demo_store.bootstrap(db)
        else:
            boot = demo_store.bootstrap(db)
        try:
            settings = WebSettings(database_url=boot.url, lang=lang, demo=demo)
        except ValidationError as error:
            raise fail(str(error), lang, EXIT_INVALID) from None
        web = create_app(settings)
        if boot.created:
            version = web.state.store.version(boot.workspace).number
            shown.print(text("serve.created", lang, file=file, name=boot.workspace,
                             version=version))
        if demo:
            _accounts(web, boot, settings.password_profile, lang)
        job = demo_store.start_cycle(web, boot)
    if job is not None and job.active:
        shown.print(text("serve.computing", lang, name=job.workspace, version=job.version))
    return web


def _accounts(web: Any, boot: Any, profile: str, lang: str) -> None:
    """Create the demo accounts; print the new ones with their passwords, once."""
    from pmiek.adapters.web.demo import create_demo_accounts, default_store_file

    made, existing = create_demo_accounts(web.state.store, profile=profile,
                                          workspace=boot.workspace)
    shown = console()
    if made:
        table = Table(title=text("serve.accounts", lang), header_style="bold")
        for key in ("name", "role", "organisation", "password"):
            table.add_column(text(f"serve.col.{key}", lang))
        for account, password in made:
            table.add_row(literal(account.name), literal(account.role),
                          literal(account.organisation or ""), literal(password))
        shown.print(table)
    if existing:
        shown.print(text("serve.accounts_exist", lang,
                         names=", ".join(a.name for a in existing),
                         file=default_store_file() if boot.workspace else web.state.store.url))


def run(web: Any, host: str, port: int) -> None:
    """Serve ``web`` with uvicorn until Ctrl-C. A computation still running then (the
    worker waited a few seconds for it) is abandoned: the process ends at once, without
    finalising the interpreter under a thread that is inside native code; what the run was
    writing is one uncommitted transaction, which the database discards."""
    import uvicorn

    uvicorn.run(web, host=host, port=port, log_level="info")
    if web.state.worker.busy():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
