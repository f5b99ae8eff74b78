"""``pmiek edition``: editions of the programme and their decisions, runs, checks and diffs.

``new`` names a stored workspace version as an edition (``--from`` an adopted edition: a
herijking) and makes its runs (insight, variants, assessment; ``--no-run`` leaves them for
``edition run``); ``advance`` takes one step of the process, recorded in the decisions
register; ``hear`` records a hearing or advice; ``verify`` makes the runs again and compares
the hashes of their tables; ``diff`` says what changed between two editions and why. Every
command acts as a named user (``--as`` or ``PMIEK_USER``) whose role the store checks.
"""

# No ``from __future__ import annotations``: typer reads the annotations at run time.
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pmiek.adapters.cli.common import console, quiet_solver
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.programme_common import (
    as_option,
    consultation_store,
    day,
    db_option,
    frame_table,
)
from pmiek.adapters.store.names import STORE_PREFIX, parse_reference

EXIT_MISMATCH = 1


def add_edition_commands(app: typer.Typer, lang: str) -> None:
    """Register the ``edition`` group on ``app``."""
    edition_app = typer.Typer(help=text("edition.help", lang), no_args_is_help=True)
    app.add_typer(edition_app, name="edition")
    _add_new(edition_app, lang)
    _add_list_show(edition_app, lang)
    _add_advance(edition_app, lang)
    _add_hear(edition_app, lang)
    _add_run_verify(edition_app, lang)
    _add_diff(edition_app, lang)


def _workspace_of(consult: Any, name: str) -> Any:
    """The workspace of edition ``name`` (its version), completed with the library."""
    from pmiek.adapters.files import completed

    info = consult.edition(name)
    own = consult.store.load(info.workspace, info.version)
    reference = f"{STORE_PREFIX}{info.workspace}@{info.version}"
    return completed(own, [], {}, Path(reference)).workspace


def make_runs(consult: Any, name: str, parameters: dict[str, Any], lang: str, *,
              replace: bool = False) -> list[int]:
    """Compute the edition's runs and store them with their tables (with ``replace``, in
    place of the runs it had, once the new ones are computed)."""
    from pmiek.adapters.compute.cycle import run_cycle, versions

    shown = console()
    workspace = _workspace_of(consult, name)
    quiet_solver()
    with shown.status(text("edition.running", lang, name=name)) as status:
        runs = run_cycle(workspace, parameters, progress=lambda kind: status.update(
            text("edition.running_kind", lang, name=name, kind=kind)))
    software = versions()
    if replace:
        for run_id in consult.runs(name)["run_id"]:
            consult.remove_run(name, int(run_id))
    ids = [consult.add_run(name, run.kind, run.parameters, run.frames, software=software)
           for run in runs]
    for run, run_id in zip(runs, ids, strict=True):
        shown.print(text("edition.run_stored", lang, id=run_id, kind=run.kind,
                         tables=len(run.frames)))
    return ids


def _parameters(lens: str, scenario: str, samples: int) -> dict[str, Any]:
    return {"lens": lens, "scenario": scenario, "samples": samples}


def _add_new(edition_app: typer.Typer, lang: str) -> None:
    @edition_app.command("new", help=text("edition.new.help", lang))
    def new(
        *,
        name: Annotated[str, typer.Argument(help=text("edition.name", lang))],
        workspace: Annotated[str, typer.Option("--workspace", help=text("edition.workspace",
                                                                        lang))],
        predecessor: Annotated[str | None, typer.Option(
            "--from", help=text("edition.from", lang), show_default=False)] = None,
        run: Annotated[bool, typer.Option("--run/--no-run", help=text("edition.run",
                                                                      lang))] = True,
        lens: Annotated[str, typer.Option("--lens", help=text("assess.lens", lang))] = "all",
        scenario: Annotated[str, typer.Option("--scenario", help=text("variants.scenario",
                                                                      lang))] = "all",
        samples: Annotated[int, typer.Option("--samples", min=100, max=10_000_000,
                                             help=text("assess.samples", lang))] = 20_000,
        user: Annotated[str | None, as_option(lang)] = None,
        db: Annotated[str | None, db_option(lang)] = None,
        language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang,
    ) -> None:
        ws_name, version = parse_reference(workspace if workspace.startswith(STORE_PREFIX)
                                           else STORE_PREFIX + workspace)
        with consultation_store(db, user) as consult:
            info = consult.new_edition(name, ws_name, version, predecessor=predecessor)
            console().print(text("edition.created", lang, name=name, workspace=info.workspace,
                                 version=info.version, state=info.state))
            if run:
                make_runs(consult, name, _parameters(lens, scenario, samples), lang)


def _add_list_show(edition_app: typer.Typer, lang: str) -> None:
    @edition_app.command("list", help=text("edition.list.help", lang))
    def list_(*, user: Annotated[str | None, as_option(lang)] = None,
              db: Annotated[str | None, db_option(lang)] = None,
              as_json: Annotated[bool, typer.Option("--json", help=text("json", lang))] = False,
              language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang
              ) -> None:
        with consultation_store(db, user) as consult:
            frame = consult.editions()
        if as_json:
            typer.echo(frame.to_json(orient="records", force_ascii=False, indent=1))
            return
        console().print(frame_table(frame, text("edition.list.title", lang)))

    @edition_app.command("show", help=text("edition.show.help", lang))
    def show(*, name: Annotated[str, typer.Argument(help=text("edition.name", lang))],
             user: Annotated[str | None, as_option(lang)] = None,
             db: Annotated[str | None, db_option(lang)] = None,
             as_json: Annotated[bool, typer.Option("--json", help=text("json", lang))] = False,
             language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang
             ) -> None:
        with consultation_store(db, user) as consult:
            info = consult.edition(name)
            decisions = consult.decisions(name)
            runs = consult.runs(name)[["run_id", "kind", "output_hash"]]
        if as_json:
            typer.echo(json.dumps({
                "edition": info.name, "workspace": info.workspace, "version": info.version,
                "content_hash": info.content_hash, "state": info.state,
                "frozen": info.frozen, "predecessor": info.predecessor,
                "inzage": {"start": info.inzage_start, "end": info.inzage_end,
                           "weeks": info.inzage_weeks},
                "decisions": decisions.to_dict("records"),
                "runs": runs.to_dict("records")}, ensure_ascii=False, indent=1))
            return
        shown = console()
        shown.print(text("edition.shown", lang, name=info.name, workspace=info.workspace,
                         version=info.version, state=info.state,
                         frozen=text("yes" if info.frozen else "no", lang)))
        shown.print(frame_table(decisions, text("edition.decisions", lang)))
        shown.print(frame_table(runs, text("edition.runs", lang)))


def _add_advance(edition_app: typer.Typer, lang: str) -> None:
    @edition_app.command("advance", help=text("edition.advance.help", lang))
    def advance(
        *,
        name: Annotated[str, typer.Argument(help=text("edition.name", lang))],
        to: Annotated[str, typer.Option("--to", help=text("edition.to", lang))],
        body: Annotated[str, typer.Option("--body", help=text("edition.body", lang))],
        on: Annotated[str | None, typer.Option("--date", help=text("edition.date", lang),
                                               show_default=False)] = None,
        reference: Annotated[str, typer.Option("--reference",
                                               help=text("edition.reference", lang))] = "",
        publication: Annotated[str, typer.Option(
            "--publication", help=text("edition.publication", lang))] = "",
        note: Annotated[str, typer.Option("--note", help=text("edition.note", lang))] = "",
        start: Annotated[str | None, typer.Option("--start", help=text("edition.start", lang),
                                                  show_default=False)] = None,
        weeks: Annotated[int, typer.Option("--weeks", min=1, max=52,
                                           help=text("consult.weeks", lang))] = 6,
        user: Annotated[str | None, as_option(lang)] = None,
        db: Annotated[str | None, db_option(lang)] = None,
        language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang,
    ) -> None:
        from pmiek.adapters.cli.consultation_cmd import period_of
        from pmiek.programme.consultation import unanswered

        when = day(on, "--date")
        with consultation_store(db, user) as consult:
            term = kennisgeving = None
            if to == "ter_inzage":
                period = period_of(day(start, "--start") if start else when, weeks)
                term = (period.start, period.end, weeks)
                kennisgeving = publication
            waiting = None
            if to == "beantwoord":
                left = unanswered(consult.register(name).points)
                waiting = [f"{n}.{q}" for n, q in zip(left["number"], left["point"],
                                                      strict=True)]
            info = consult.advance(name, to, body, when, reference=reference,
                                   publication=publication, note=note, term=term,
                                   kennisgeving=kennisgeving, unanswered=waiting)
        console().print(text("edition.advanced", lang, name=name, state=info.state,
                             body=body, date=when.isoformat()))
        if term is not None:
            console().print(text("consult.period", lang, start=term[0].isoformat(),
                                 end=term[1].isoformat(), weeks=weeks))



def _add_hear(edition_app: typer.Typer, lang: str) -> None:
    @edition_app.command("hear", help=text("edition.hear.help", lang))
    def hear(*, name: Annotated[str, typer.Argument(help=text("edition.name", lang))],
             body: Annotated[str, typer.Option("--body", help=text("edition.body", lang))],
             on: Annotated[str | None, typer.Option("--date", help=text("edition.date", lang),
                                                    show_default=False)] = None,
             reference: Annotated[str, typer.Option(
                 "--reference", help=text("edition.reference", lang))] = "",
             note: Annotated[str, typer.Option("--note", help=text("edition.note", lang))] = "",
             user: Annotated[str | None, as_option(lang)] = None,
             db: Annotated[str | None, db_option(lang)] = None,
             language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang
             ) -> None:
        with consultation_store(db, user) as consult:
            consult.hear(name, body, day(on, "--date"), reference=reference, note=note)
        console().print(text("edition.heard", lang, name=name, body=body))


def _add_run_verify(edition_app: typer.Typer, lang: str) -> None:
    @edition_app.command("run", help=text("edition.run.help", lang))
    def run(*, name: Annotated[str, typer.Argument(help=text("edition.name", lang))],
            lens: Annotated[str, typer.Option("--lens", help=text("assess.lens", lang))] = "all",
            scenario: Annotated[str, typer.Option("--scenario", help=text(
                "variants.scenario", lang))] = "all",
            samples: Annotated[int, typer.Option("--samples", min=100, max=10_000_000,
                                                 help=text("assess.samples", lang))] = 20_000,
            user: Annotated[str | None, as_option(lang)] = None,
            db: Annotated[str | None, db_option(lang)] = None,
            language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang
            ) -> None:
        with consultation_store(db, user) as consult:
            consult.require_open(name, "runs opnieuw rekenen", "computing runs again")
            make_runs(consult, name, _parameters(lens, scenario, samples), lang, replace=True)

    @edition_app.command("verify", help=text("edition.verify.help", lang))
    def verify(*, name: Annotated[str, typer.Argument(help=text("edition.name", lang))],
               user: Annotated[str | None, as_option(lang)] = None,
               db: Annotated[str | None, db_option(lang)] = None,
               language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang
               ) -> None:
        from pmiek.adapters.compute.cycle import run_cycle, versions
        from pmiek.programme.results import frames_hash

        shown = console()
        with consultation_store(db, user) as consult:
            runs = consult.runs(name)
            workspace = _workspace_of(consult, name)
        quiet_solver()
        same = True
        for row in runs.itertuples():
            if dict(row.software or {}) != versions():
                shown.print(text("edition.other_software", lang, id=row.run_id))
            again = run_cycle(workspace, row.parameters, kinds=(row.kind,))
            digest = frames_hash(again[0].frames)
            ok = digest == row.output_hash
            same &= ok
            shown.print(text("edition.verified" if ok else "edition.differs", lang,
                             id=row.run_id, kind=row.kind, stored=row.output_hash[:12],
                             now=digest[:12]))
        if not same:
            raise typer.Exit(EXIT_MISMATCH)


def _add_diff(edition_app: typer.Typer, lang: str) -> None:
    @edition_app.command("diff", help=text("edition.diff.help", lang))
    def diff(*, old: Annotated[str, typer.Argument(help=text("edition.old", lang))],
             new: Annotated[str, typer.Argument(help=text("edition.new", lang))],
             out: Annotated[Path, typer.Option("--out", help=text("out", lang))] =
             Path("out/verschil"),
             overwrite: Annotated[bool, typer.Option("--overwrite",
                                                     help=text("overwrite", lang))] = False,
             user: Annotated[str | None, as_option(lang)] = None,
             db: Annotated[str | None, db_option(lang)] = None,
             language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang
             ) -> None:
        from pmiek.adapters.cli.diff_render import show_diff, write_diff
        from pmiek.programme.diff import explain_diff, input_diff, points_for

        with consultation_store(db, user) as consult:
            old_ws, old_priority = _side(consult, old)
            new_ws, new_priority = _side(consult, new)
            points = (consult.register(old).points if not old.startswith(STORE_PREFIX)
                      else None)
        inputs = input_diff(old_ws, new_ws)
        if points is not None:  # the zienswijzen whose promised change this row is
            inputs = inputs.assign(zienswijzen=points_for(inputs, points))
        results = explain_diff(old_ws, new_ws, old_priority, new_priority, lang=lang)
        paths = write_diff(inputs, results, out, overwrite=overwrite, lang=lang,
                           label=(old, new))
        show_diff(inputs, results, lang, paths=[literal(p) for p in paths])


def _side(consult: Any, reference: str) -> tuple[Any, Any]:
    """An edition (its workspace version and stored priority list) or, for ``db:NAME``, the
    current workspace (and no priority list)."""
    import pandas as pd

    from pmiek.adapters.files import completed
    from pmiek.assessment.priority import PRIORITY_COLUMNS

    if reference.startswith(STORE_PREFIX):
        ws_name, version = parse_reference(reference)
        own = consult.store.load(ws_name, version)
        return (completed(own, [], {}, Path(reference)).workspace,
                pd.DataFrame(columns=PRIORITY_COLUMNS))
    priority = consult.run_table(reference, "assess", "priority_list")
    if priority.empty:
        priority = pd.DataFrame(columns=PRIORITY_COLUMNS)
    return _workspace_of(consult, reference), priority
