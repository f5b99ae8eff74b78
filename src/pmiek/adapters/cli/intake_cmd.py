"""``pmiek intake prepare``, ``merge`` and ``provenance``: the intake round.

``prepare`` writes one workbook per municipality and grid operator into ``--out``
(:func:`pmiek.adapters.files.intake.prepare`); ``merge`` reads the returns against the
workspace (normally ``db:NAME``), reports per submitter what is new, changed, removed and in
conflict, and with ``--apply`` stores everything that goes in as one new version with the
provenance of every row (:meth:`pmiek.adapters.store.store.Store.import_workspace`, with the
version it read as the expected one, so that a version stored meanwhile is a conflict, exit
3). ``provenance`` shows those records. Exit code 2 when a return was refused (the others
are merged all the same) or when the returns together do not validate (nothing stored).
"""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from pmiek.adapters.cli.common import (
    EXIT_INVALID,
    console,
    fail,
    progress_bar,
    read_valid,
    report,
    reported,
)
from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render import number
from pmiek.adapters.cli.render_intake import provenance_table, show_plan
from pmiek.adapters.cli.store_cmd import _run, current_user
from pmiek.adapters.files import DEFAULT_WORKSPACE, check_outputs, completed
from pmiek.adapters.files.intake import MergePlan, plan_merge, prepare
from pmiek.adapters.files.intake_xlsx import Intake
from pmiek.adapters.files.library import shipped_library
from pmiek.adapters.store.names import STORE_PREFIX, parse_reference
from pmiek.domain.defaults import LOAD_HORIZON
from pmiek.domain.intake import MUNICIPALITY, submitters
from pmiek.domain.labels import counted
from pmiek.domain.provenance import content_hash
from pmiek.domain.validation import ValidationOptions
from pmiek.domain.workspace import Workspace


@dataclass(frozen=True)
class _Target:
    """A workspace read for the intake: its own rows, how it was named, its content hash,
    and for a stored one its name and version."""

    workspace: Workspace
    reference: str
    base: str
    name: str | None = None
    version: int | None = None
    asked_version: bool = False


def _load(reference: str | None, db: str | None, lang: str, horizon: int) -> _Target:
    """Read and validate a workspace (``db:NAME[@VERSION]`` from the store ``db``)."""
    options = ValidationOptions(horizon=horizon)
    out = console()
    if reference is None or not reference.startswith(STORE_PREFIX):
        result = read_valid(reference, lang, horizon, out)
        return _Target(result.own_rows, str(reference or DEFAULT_WORKSPACE),
                       content_hash(result.own_rows))
    from pmiek.adapters.store.store import Store

    with reported(lang):
        name, version = parse_reference(reference)
        with Store(db) as store:
            info = store.version(name, version)
            workspace = store.load(name, info.number)
    result = completed(workspace, [], {}, Path(reference), options=options)
    if not result.ok:
        report(result, lang, False, out)
        raise typer.Exit(EXIT_INVALID)
    return _Target(workspace, reference, info.content_hash, name, info.number,
                   version is not None)


def _bases(target: _Target, db: str | None) -> Callable[[str], Workspace | None]:
    """The workspace of a content hash: a version of the stored workspace, or the workspace
    itself."""
    if target.name is None:
        return lambda digest: target.workspace if digest == target.base else None
    from pmiek.adapters.store.store import Store

    name = target.name
    with Store(db) as store:
        numbers = {v.content_hash: v.number for v in store.versions(name)}
    loaded: dict[int, Workspace] = {}

    def base_of(digest: str) -> Workspace | None:
        number = numbers.get(digest)
        if number is None:
            return None
        if number == target.version:
            return target.workspace
        if number not in loaded:
            with Store(db) as store:
                loaded[number] = store.load(name, number)
        return loaded[number]

    return base_of


def _pairs(values: list[str] | None, lang: str) -> list[tuple[str, str]]:
    """``SUBMITTER:ID`` → (submitter, id), split at the first colon."""
    pairs = []
    for value in values or []:
        submitter, colon, row_id = value.partition(":")
        if not colon or not submitter.strip() or not row_id.strip():
            raise fail(text("intake.bad_accept", lang, value=value), lang, EXIT_INVALID)
        pairs.append((submitter.strip(), row_id.strip()))
    return pairs


def add_intake_commands(app: typer.Typer, lang: str) -> None:
    """Register the ``intake`` group on ``app`` with help texts in ``lang``."""
    intake_app = typer.Typer(help=text("intake.help", lang), no_args_is_help=True)
    app.add_typer(intake_app, name="intake")
    _add_prepare(intake_app, lang)
    _add_merge(intake_app, lang)
    _add_provenance(intake_app, lang)


def _db(lang: str) -> typer.models.OptionInfo:
    return typer.Option("--db", help=text("store.db", lang), show_default=False)


def _add_prepare(intake_app: typer.Typer, lang: str) -> None:
    o = Options(lang)

    @intake_app.command("prepare", help=text("intake.prepare.help", lang))
    def prepare_cmd(
        *,
        workspace: Annotated[str | None, o.workspace] = None,
        out: Annotated[Path, typer.Option("--out", help=text("intake.out", lang))] =
        Path("intake"),
        overwrite: Annotated[bool, o.overwrite] = False,
        db: Annotated[str | None, _db(lang)] = None,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        shown = console()
        target = _load(workspace, db, lang, horizon)
        with reported(lang):  # refuse a bad --out before the work
            check_outputs(out, sources=(workspace,))
        intake = Intake(target.workspace, target.reference, target.base, shipped_library(),
                        dt.date.today(), lang)
        with progress_bar(shown, "intake.preparing", lang) as tell, reported(lang):
            paths = prepare(intake, out, overwrite=overwrite, sources=(workspace,),
                            progress=tell)
        people = submitters(target.workspace)
        towns = sum(p.kind == MUNICIPALITY for p in people)
        operators = len(people) - towns
        shown.print(text(
            "intake.prepared", lang, n=number(len(paths), lang), out=out,
            towns=counted("area_kind", "municipality", towns, lang),
            operators=text("intake.operator" if operators == 1 else "intake.operators", lang,
                           n=number(operators, lang)),
            workspace=target.reference, base=target.base[:12]))


def _add_merge(intake_app: typer.Typer, lang: str) -> None:
    o = Options(lang)

    @intake_app.command("merge", help=text("intake.merge.help", lang))
    def merge_cmd(
        *,
        workspace: Annotated[str, typer.Argument(
            help=text("intake.target", lang), show_default=False,
            metavar=text("intake.metavar.workspace", lang))],
        returns: Annotated[list[Path], typer.Argument(
            help=text("intake.returns", lang), show_default=False,
            metavar=text("intake.metavar.returns", lang))],
        accept: Annotated[list[str] | None, typer.Option(
            "--accept", help=text("intake.accept", lang), show_default=False)] = None,
        accept_all: Annotated[list[str] | None, typer.Option(
            "--accept-all", help=text("intake.accept_all", lang), show_default=False)] = None,
        apply: Annotated[bool, typer.Option("--apply/--dry-run",
                                            help=text("intake.apply", lang))] = False,
        note: Annotated[str | None, typer.Option("--note", help=text("store.note", lang),
                                                 show_default=False)] = None,
        db: Annotated[str | None, _db(lang)] = None,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        pairs = _pairs(accept, lang)
        shown = console()
        target = _load(workspace, db, lang, horizon)
        if target.asked_version:
            raise fail(text("intake.at_version", lang, name=target.name), lang, EXIT_INVALID)
        if apply and target.name is None:
            raise fail(text("intake.needs_store", lang, workspace=workspace), lang,
                       EXIT_INVALID)
        with reported(lang):
            base_of = _bases(target, db)
        with progress_bar(shown, "intake.reading", lang) as tell, reported(lang):
            plan = plan_merge(target.workspace, returns, base_of, accept=pairs,
                              accept_all=[a.strip() for a in accept_all or []],
                              library=shipped_library(),
                              options=ValidationOptions(horizon=horizon),
                              label=target.reference, progress=tell)
        show_plan(plan, shown, lang)
        blocked = bool(plan.problems) or bool(len(plan.ambiguous))
        if apply and plan.writable:
            _store(plan, target, db, note, lang)
        elif not blocked and not plan.writable:
            shown.print(text("intake.nothing", lang))
        elif not blocked:
            shown.print(text("intake.dry_run", lang, n=number(
                int(plan.changes["accepted"].sum()), lang)))
        if blocked or any(r.refused for r in plan.received):
            raise typer.Exit(EXIT_INVALID)


def _store(plan: MergePlan, target: _Target, db: str | None, note: str | None,
           lang: str) -> None:
    """Store the merged workspace as one new version with the provenance of its rows."""
    from pmiek.adapters.store.store import Store

    assert target.name is not None
    shown = console()
    records = plan.provenance(dt.datetime.now(dt.UTC))
    files = sorted({r.path.name for r in plan.received if not r.refused})
    with Store(db) as store, shown.status(text("intake.saving", lang, name=target.name)):
        info = _run(lambda: store.import_workspace(
            plan.merged, target.name or "", user=current_user(),
            source="pmiek intake merge: " + ", ".join(files), expected_version=target.version,
            note=note, provenance=records), lang)
    returns = records["file_name"].nunique()
    shown.print(text("intake.saved", lang, name=target.name, version=info.number,
                     rows=number(len(records), lang), hash=info.content_hash[:12],
                     returns=text("intake.returns_one" if returns == 1 else
                                  "intake.returns_n", lang, n=number(returns, lang))))


def _add_provenance(intake_app: typer.Typer, lang: str) -> None:
    o = Options(lang)

    @intake_app.command("provenance", help=text("intake.provenance.help", lang))
    def provenance_cmd(
        *,
        workspace: Annotated[str, typer.Argument(
            help=text("intake.reference", lang), show_default=False,
            metavar=text("intake.metavar.workspace", lang))],
        as_json: Annotated[bool, o.json] = False,
        db: Annotated[str | None, _db(lang)] = None,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        from pmiek.adapters.store.store import Store

        reference = workspace if workspace.startswith(STORE_PREFIX) else \
            STORE_PREFIX + workspace
        with reported(lang):
            name, version = parse_reference(reference)
            with Store(db) as store:
                info = store.version(name, version)
                frame = store.provenance(name, info.number)
        if as_json:
            typer.echo(json.dumps({"workspace": name, "version": info.number,
                                   "rows": json.loads(frame.to_json(
                                       orient="records", date_format="iso"))},
                                  ensure_ascii=False, indent=1))
            return
        shown = console()
        if not len(frame):
            shown.print(text("intake.provenance.none", lang, name=name, version=info.number))
            return
        shown.print(provenance_table(frame, text("intake.provenance.title", lang, name=name,
                                                 version=info.number), lang))
