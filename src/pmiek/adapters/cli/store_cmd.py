"""``pmiek import``, ``pmiek export`` and ``pmiek db …``: the store from the command line.

The store is ``--db URL``, else ``PMIEK_DATABASE_URL``, else ``pmiek.db`` in the working
directory (SQLite). Every command that reads a workspace also takes ``db:NAME`` (the current
version) or ``db:NAME@VERSION`` from that store. ``import`` validates first (a workspace with
errors is refused with the validation table, nothing written) and stores the next version in
one transaction;
``--expect-version N`` refuses the import when someone stored a newer version since N. A name
that ``db:NAME`` could not reach again is refused (:mod:`pmiek.adapters.store.names`), and no
command but ``db upgrade`` creates a database file.
"""

# No ``from __future__ import annotations``: typer reads the annotations of the commands,
# which use aliases defined inside add_store_commands.
import getpass
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.render import number, problems_table
from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.adapters.files.metadata import output_hash
from pmiek.adapters.store.names import MAX_VERSION, STORE_PREFIX, parse_reference, storable_name
from pmiek.errors import ConflictError, InputError, PmiekError, StoreError

EXIT_INVALID = 2
EXIT_FAILED = 1
EXIT_CONFLICT = 3


def current_user() -> str:
    """Who is acting: ``PMIEK_USER``, else the login name."""
    try:
        return os.environ.get("PMIEK_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "pmiek"


def _fail(message: str, lang: str, code: int) -> typer.Exit:
    Console(stderr=True).print(f"[red]{text('error', lang)}:[/] {literal(message)}",
                               highlight=False)
    return typer.Exit(code)


def _store(url: str | None, lang: str) -> Any:
    from pmiek.adapters.store.store import Store

    try:
        return Store(url)
    except PmiekError as exc:
        raise _fail(exc.in_language(lang), lang, EXIT_INVALID) from None


def _run(action: Any, lang: str) -> Any:
    """Run ``action()``, turning store errors into exit codes: 3 for a conflict, 2 for a name,
    version or store that cannot be used, 1 for an output that cannot be written."""
    try:
        return action()
    except ConflictError as exc:
        raise _fail(exc.in_language(lang), lang, EXIT_CONFLICT) from None
    except (InputError, StoreError) as exc:
        raise _fail(exc.in_language(lang), lang, EXIT_INVALID) from None
    except PmiekError as exc:
        raise _fail(exc.in_language(lang), lang, EXIT_FAILED) from None


def read_stored(reference: str, options: Any = None) -> Any:
    """``db:NAME`` or ``db:NAME@VERSION`` → a validated ReadResult of that stored version
    (the store of ``PMIEK_DATABASE_URL``, else ``pmiek.db``)."""
    from pmiek.adapters.files import completed
    from pmiek.adapters.store.store import Store

    name, version = parse_reference(reference)
    with Store() as store:
        workspace = store.load(name, version)
    # the reference stands in for a path wherever commands show where the data came from
    return completed(workspace, [], {}, Path(reference), options=options)


def record_stored_run(reference: str | None, kind: str, parameters: dict[str, Any],
                      out: Path, *, console: Console, lang: str, result: Any = None) -> None:
    """When the workspace came from the store (``db:…``), record the run there: the version
    it read (its content hash is the input hash) and the hash of the data tables it wrote to
    ``out`` (:func:`~pmiek.adapters.files.metadata.output_hash`: not of its metadata, whose
    date differs on every run) — and, given the stage ``result``, its tables in canonical form
    (:mod:`pmiek.programme.results`)."""
    if not reference or not reference.startswith(STORE_PREFIX):
        return
    from pmiek.adapters.store.store import Store

    name, version = parse_reference(reference)
    with Store() as store:
        info = store.version(name, version)
        run_id = store.record_run(kind, name, info.number, parameters,
                                  input_hash=info.content_hash, output_hash=output_hash(out),
                                  user=current_user(),
                                  tables=None if result is None else result.to_frames())
    console.print(text("store.run", lang, id=run_id, kind=kind, name=name,
                       version=info.number))


def add_store_commands(app: typer.Typer, lang: str) -> None:
    """Register ``import``, ``export`` and the ``db`` group on ``app``."""
    _add_import_export(app, lang)
    _add_db_group(app, lang)


def _add_import_export(app: typer.Typer, lang: str) -> None:
    db_info = typer.Option("--db", help=text("store.db", lang), show_default=False)
    lang_info = typer.Option("--lang", help=text("lang", lang))

    @app.command("import", help=text("store.import.help", lang))
    def import_(
        *,
        path: Annotated[str, typer.Argument(help=text("workspace", lang))],
        name: Annotated[str, typer.Option("--name", help=text("store.name", lang))],
        expect: Annotated[int | None, typer.Option("--expect-version", min=0, help=text(
            "store.expect", lang), show_default=False)] = None,
        note: Annotated[str | None, typer.Option("--note", help=text("store.note", lang),
                                                 show_default=False)] = None,
        db: Annotated[str | None, db_info] = None,
        language: Annotated[str, lang_info] = lang,
    ) -> None:
        console = Console()
        try:
            name = storable_name(name)
            result = read_workspace(path)
        except InputError as exc:
            raise _fail(exc.in_language(lang), lang, EXIT_INVALID) from None
        if not result.ok:
            console.print(problems_table(result.located(), lang))
            raise _fail(text("store.invalid", lang, path=path), lang, EXIT_INVALID)
        with _store(db, lang) as store:
            with console.status(text("store.importing", lang, name=name, url=store.url)):
                info = _run(lambda: store.import_workspace(
                    result.own_rows, name, user=current_user(), source=str(path),
                    expected_version=expect, note=note), lang)
            rows = sum(info.row_counts.values())
            console.print(text("store.imported", lang, name=name, version=info.number,
                               rows=number(rows, lang), url=store.url, hash=info.content_hash[:12]))

    @app.command("export", help=text("store.export.help", lang))
    def export(
        *,
        name: Annotated[str, typer.Argument(help=text("store.name", lang))],
        out: Annotated[Path, typer.Argument(help=text("store.out", lang))],
        version: Annotated[int | None, typer.Option("--version", min=1, max=MAX_VERSION,
                                                    help=text("store.version", lang),
                                                    show_default=False)] = None,
        overwrite: Annotated[bool, typer.Option("--overwrite",
                                                help=text("overwrite", lang))] = False,
        db: Annotated[str | None, db_info] = None,
        language: Annotated[str, lang_info] = lang,
    ) -> None:
        with _store(db, lang) as store:
            workspace = _run(lambda: store.load(name, version), lang)
            info = _run(lambda: store.version(name, version), lang)
            _run(lambda: write_workspace(workspace, out, overwrite=overwrite, lang=lang), lang)
            Console().print(text("store.exported", lang, name=name, version=info.number, out=out))



def _add_db_group(app: typer.Typer, lang: str) -> None:
    db_info = typer.Option("--db", help=text("store.db", lang), show_default=False)
    lang_info = typer.Option("--lang", help=text("lang", lang))
    db_app = typer.Typer(help=text("store.db.help", lang), no_args_is_help=True)
    app.add_typer(db_app, name="db")

    @db_app.command("upgrade", help=text("store.upgrade.help", lang))
    def upgrade(*, db: Annotated[str | None, db_info] = None,
                language: Annotated[str, lang_info] = lang) -> None:
        from pmiek.adapters.store.migrate import current, head
        from pmiek.adapters.store.migrate import upgrade as migrate

        with _store(db, lang) as store:
            before = _run(lambda: current(store.engine), lang)
            _run(lambda: migrate(store.engine), lang)
            Console().print(text("store.upgraded", lang, url=store.url, before=before or "-",
                                 after=head()))

    @db_app.command("list", help=text("store.list.help", lang))
    def list_(*, db: Annotated[str | None, db_info] = None,
              as_json: Annotated[bool, typer.Option("--json", help=text("json", lang))] = False,
              language: Annotated[str, lang_info] = lang) -> None:
        with _store(db, lang) as store:
            frame = _run(store.workspaces, lang)
            editions = _run(store.editions, lang)
            if as_json:
                typer.echo(json.dumps({
                    "store": store.url,
                    "workspaces": json.loads(frame.to_json(orient="records", date_format="iso")),
                    "editions": json.loads(editions.to_json(orient="records"))}, indent=2,
                    ensure_ascii=False))
                return
            _print_list(store.url, frame, editions, lang)

    _add_user_group(db_app, lang)
    _add_verify_audit(db_app, lang)

    @db_app.command("backup", help=text("store.backup.help", lang))
    def backup(*, file: Annotated[Path, typer.Argument(help=text("store.file", lang))],
               db: Annotated[str | None, db_info] = None,
               language: Annotated[str, lang_info] = lang) -> None:
        from pmiek.adapters.store.backup import backup as make_backup

        with _store(db, lang) as store:
            counts = _run(lambda: make_backup(store.engine, file), lang)
            Console().print(text("store.backed_up", lang, url=store.url, file=file,
                                 rows=number(sum(counts.values()), lang)))

    @db_app.command("restore", help=text("store.restore.help", lang))
    def restore(*, file: Annotated[Path, typer.Argument(help=text("store.file", lang))],
                replace: Annotated[bool, typer.Option("--replace", help=text(
                    "store.replace", lang))] = False,
                db: Annotated[str | None, db_info] = None,
               language: Annotated[str, lang_info] = lang) -> None:
        from pmiek.adapters.store.backup import restore as load_backup

        with _store(db, lang) as store:
            counts = _run(lambda: load_backup(store.engine, file, replace=replace), lang)
            Console().print(text("store.restored", lang, url=store.url, file=file,
                                 rows=number(sum(counts.values()), lang)))


def _add_user_group(db_app: typer.Typer, lang: str) -> None:
    """``pmiek db user add|list``: the users of the store and their roles."""
    db_info = typer.Option("--db", help=text("store.db", lang), show_default=False)
    lang_info = typer.Option("--lang", help=text("lang", lang))
    as_info = typer.Option("--as", help=text("prog.as", lang), show_default=False)
    user_app = typer.Typer(help=text("user.help", lang), no_args_is_help=True)
    db_app.add_typer(user_app, name="user")

    @user_app.command("add", help=text("user.add.help", lang))
    def add(*, name: Annotated[str, typer.Argument(help=text("user.name", lang))],
            role: Annotated[str, typer.Option("--role", help=text("user.role", lang))],
            organisation: Annotated[str | None, typer.Option(
                "--organisation", help=text("user.organisation", lang),
                show_default=False)] = None,
            acting: Annotated[str | None, as_info] = None,
            db: Annotated[str | None, db_info] = None,
            language: Annotated[str, lang_info] = lang) -> None:
        from pmiek.adapters.store.programme_store import Programme

        actor = acting or current_user()
        with _store(db, lang) as store:
            if _run(store.users, lang).empty:
                if role != "beheerder":
                    raise _fail(text("user.first", lang, role=role), lang, EXIT_INVALID)
            else:
                _run(lambda: Programme(store, actor).require("user.write"), lang)
            _run(lambda: store.add_user(name, role, by=actor, organisation=organisation), lang)
            Console().print(text("user.added", lang, name=name, role=role))

    @user_app.command("list", help=text("user.list.help", lang))
    def list_users(*, db: Annotated[str | None, db_info] = None,
                   language: Annotated[str, lang_info] = lang) -> None:
        with _store(db, lang) as store:
            frame = _run(store.users, lang)
        table = Table(header_style="bold")
        for column in ("name", "role", "created_at"):
            table.add_column(column)
        for row in frame.itertuples():
            table.add_row(literal(row.name), literal(row.role), str(row.created_at)[:19])
        Console().print(table)


def _add_verify_audit(db_app: typer.Typer, lang: str) -> None:
    """``pmiek db verify-audit``: check the audit log's hash chain, its head and anchors."""
    db_info = typer.Option("--db", help=text("store.db", lang), show_default=False)
    lang_info = typer.Option("--lang", help=text("lang", lang))

    @db_app.command("verify-audit", help=text("audit.verify.help", lang))
    def verify_audit(*, db: Annotated[str | None, db_info] = None,
                     language: Annotated[str, lang_info] = lang) -> None:
        with _store(db, lang) as store:
            check = _run(store.verify_audit, lang)
            url = store.url
        console = Console()
        console.print(text("audit.checked", lang, url=url, rows=number(check.rows, lang),
                           head=(check.head or "-")[:16]))
        if check.ok:
            console.print(text("audit.intact", lang))
            return
        table = Table(header_style="bold")
        for key in ("audit.col.row", "audit.col.kind", "audit.col.problem"):
            table.add_column(text(key, lang))
        for problem in check.problems:
            table.add_row("-" if problem.audit_id is None else str(problem.audit_id),
                          text(f"audit.kind.{problem.kind}", lang),
                          literal(problem.en if lang == "en" else problem.nl))
        console.print(table)
        raise _fail(text("audit.broken", lang, count=len(check.problems)), lang, EXIT_FAILED)


def _print_list(url: str, frame: Any, editions: Any, lang: str) -> None:
    """The stored workspaces and editions as a table and lines."""
    table = Table(title=text("store.list.title", lang, url=url), header_style="bold")
    for key in ("col.name", "store.col.version", "store.col.versions", "store.col.last"):
        table.add_column(text(key, lang))
    for row in frame.itertuples():
        table.add_row(literal(row.name), str(row.current_version), str(row.versions),
                      str(row.last_import)[:19])
    console = Console()
    console.print(table if len(frame) else text("store.empty", lang, url=url))
    for row in editions.itertuples():
        console.print(text("store.edition", lang, edition=row.edition,
                           workspace=row.workspace, version=row.version, status=row.status))
