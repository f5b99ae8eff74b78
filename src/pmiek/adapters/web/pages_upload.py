"""Submitting an intake workbook, and the progress of the computations it starts.

``GET /werkruimte/{ws}/aanleveren`` shows the form (who may submit what, the current version
as the hidden base ``basis``). ``POST`` takes the workbook and does what ``pmiek intake merge
--apply`` does with one return (:func:`pmiek.adapters.files.intake.plan_merge`):

- a file over :data:`MAX_UPLOAD_BYTES`, or no .xlsx file: 413 or 400, nothing stored;
- a workbook of an organisation outside the account's scope (a municipality's workbook for
  another municipality's account, an operator's for another operator): 403, nothing stored;
- a workbook with errors: 400 and the table of its problems (file, sheet, row, column,
  expected, found — the same list ``pmiek intake merge`` prints), nothing stored;
- a clean one: the merged workspace becomes the next version
  (:meth:`~pmiek.adapters.store.store.Store.import_workspace` with the base as the expected
  version and the provenance of every row, audited as done by the web account), and the
  worker computes its runs (:mod:`pmiek.adapters.web.worker`); rows in conflict wait, as in
  the CLI;
- a version stored by someone else since the base: 409, nothing stored.

``GET /taken/{job}`` shows a job's progress; its block ``progress`` is what htmx fetches every
2 s while the job runs (the page works without JavaScript: a link refreshes it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from pmiek.adapters.files.intake import BaseLookup, MergePlan, counts, plan_merge
from pmiek.adapters.files.intake_texts import DATA_SHEETS, sheet_name
from pmiek.adapters.files.intake_xlsx import read_meta
from pmiek.adapters.files.library import shipped_library
from pmiek.adapters.files.origin import Located
from pmiek.adapters.store.store import Store, VersionInfo
from pmiek.adapters.web import deps
from pmiek.adapters.web.principal import Principal, may_edit_area, may_edit_operator
from pmiek.adapters.web.results import Results
from pmiek.adapters.web.texts import t
from pmiek.adapters.web.worker import KINDS, Job, Worker
from pmiek.domain.defaults import LOAD_HORIZON
from pmiek.domain.intake import MUNICIPALITY, Submitter
from pmiek.domain.validation import ValidationOptions
from pmiek.domain.workspace import Workspace
from pmiek.errors import ConflictError, PmiekError, StoreError

router = APIRouter(include_in_schema=False)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""The largest workbook taken (the intake workbooks of Utrecht are well under 1 MB)."""
MULTIPART_OVERHEAD = 64 * 1024
CHUNK = 1 << 16
FORM = "upload.html.j2"
Editor = Annotated[Principal, Depends(deps.require(*deps.EDITORS))]
LoggedIn = Annotated[Principal, Depends(deps.require(*deps.LOGGED_IN))]


SIZE = f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB"


def _current(request: Request, workspace: str) -> VersionInfo:
    """The current version of ``workspace`` (404 when there is no such workspace)."""
    try:
        return deps.results(request).version(workspace)
    except StoreError:
        raise HTTPException(status_code=404) from None


def _form_context(request: Request, workspace: str, info: VersionInfo,
                  who: Principal) -> dict[str, Any]:
    worker: Worker = request.app.state.worker
    return {"workspace": workspace, "current": info, "basis": info.number,
            "role_key": _role_key(who), "size": SIZE,
            "jobs": worker.jobs_for(workspace)[:5], "kinds": KINDS, "outcome": None,
            "provenance": {"workspace": workspace, "number": info.number,
                           "hash": info.content_hash, "edition": None}}


def _role_key(who: Principal) -> str:
    return {"gemeente": "upload.who.gemeente", "netbeheerder": "upload.who.netbeheerder"}.get(
        who.role, "upload.who.kernteam")


@router.get("/werkruimte/{workspace}/aanleveren")
def upload_form(request: Request, workspace: str, who: Editor) -> Response:
    """The upload form."""
    info = _current(request, workspace)
    return deps.render(request, FORM, _form_context(request, workspace, info, who))


# --- the outcome of one upload ------------------------------------------------------------


@dataclass
class Outcome:
    """What became of an upload: the HTTP status, a message (text key and values), the
    problems and waiting rows to show, and for a stored one its version and job."""

    status: int
    key: str
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)
    counts: list[tuple[str, int]] = field(default_factory=list)
    version: VersionInfo | None = None
    job: Job | None = None

    @property
    def stored(self) -> bool:
        return self.version is not None


def safe_name(filename: str | None) -> str:
    """The uploaded file's own name as a safe file name (ASCII letters, digits, ``.-_``)."""
    base = PurePosixPath((filename or "").replace("\\", "/")).name
    plain = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip(".-")
    return cleaned[-120:] or "werkboek.xlsx"


async def _save(upload: UploadFile, target: Path) -> int | None:
    """Copy the upload to ``target``: its size, or None when it is larger than
    :data:`MAX_UPLOAD_BYTES` (what was written is left for the caller's temporary folder to
    remove)."""
    written = 0
    with target.open("wb") as stream:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > MAX_UPLOAD_BYTES:
                return None
            stream.write(chunk)
    return written


def _basis(value: object) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if number >= 0 else None


@router.post("/werkruimte/{workspace}/aanleveren")
async def upload(request: Request, workspace: str, who: Editor) -> Response:
    """Take a workbook: refuse it with the reason, or store it as the next version."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD:
        return _answer(request, workspace, who, Outcome(413, "upload.too_large",
                                                        {"size": SIZE}))
    _current(request, workspace)
    async with request.form(max_files=1, max_fields=8) as form:
        basis = _basis(form.get("basis"))
        upload_file = form.get("bestand")
        if basis is None:
            return _answer(request, workspace, who, Outcome(400, "upload.bad_base"))
        if not isinstance(upload_file, UploadFile) or not upload_file.filename:
            return _answer(request, workspace, who, Outcome(400, "upload.no_file"))
        name = safe_name(upload_file.filename)
        if not name.lower().endswith(".xlsx"):
            return _answer(request, workspace, who, Outcome(400, "upload.not_xlsx",
                                                            {"name": name}))
        with tempfile.TemporaryDirectory(prefix="pmiek-upload-") as folder:
            path = Path(folder) / name
            size = await _save(upload_file, path)
            if size is None:
                return _answer(request, workspace, who,
                               Outcome(413, "upload.too_large", {"size": SIZE}))
            if size == 0:
                return _answer(request, workspace, who, Outcome(400, "upload.no_file"))
            outcome = await run_in_threadpool(_receive, request, workspace, who, basis, path)
    return _answer(request, workspace, who, outcome)


def _answer(request: Request, workspace: str, who: Principal, outcome: Outcome) -> Response:
    """The upload page with ``outcome`` (and a fresh form, built on the current version)."""
    info = _current(request, workspace)
    context = _form_context(request, workspace, info, who)
    context["outcome"] = outcome
    return deps.render(request, FORM, context, status=outcome.status)


def _receive(request: Request, workspace: str, who: Principal, basis: int,
             path: Path) -> Outcome:
    """Plan the merge of the workbook at ``path`` on version ``basis`` and store it when it is
    clean and allowed (runs in a thread: reading and validating take a second or more)."""
    return merge_upload(deps.store(request), deps.results(request), request.app.state.worker,
                        who=who, workspace=workspace, basis=basis, path=path,
                        lang=deps.language(request))


# --- planning and storing (the work of ``pmiek intake merge --apply`` for one return) ---


def may_submit(who: Principal, submitter: Submitter, areas: pd.DataFrame) -> bool:
    """Whether ``who`` may submit the workbook of ``submitter``."""
    if submitter.kind == MUNICIPALITY:
        return may_edit_area(who, submitter.id, areas)
    return may_edit_operator(who, submitter.id)


def _bases(store: Store, results: Results, workspace: str) -> BaseLookup:
    """The stored version of ``workspace`` whose content hash is the given one."""
    numbers = {v.content_hash: v.number for v in store.versions(workspace)}

    def base_of(digest: str) -> Workspace | None:
        number = numbers.get(digest)
        return None if number is None else results.workspace(workspace, number)

    return base_of


def problem_rows(located: list[Located], lang: str, hidden: str) -> list[dict[str, Any]]:
    """The problems as table rows (``hidden``, the temporary folder, removed from texts)."""
    rows = []
    for item in located:
        record = item.problem.to_dict(lang)
        row = {"severity": str(record["severity"]),
               "file": PurePosixPath(str(item.path)).name if item.path else "",
               "sheet": item.sheet or "", "row": item.line,
               "row_id": item.problem.row_id or "", "column": item.problem.column or "",
               "expected": record["expected"], "found": record["got"],
               "message": record["message"], "hint": record["hint"]}
        rows.append({k: v.replace(hidden, "") if isinstance(v, str) else v
                     for k, v in row.items()})
    return rows


def _label(name: str, lang: str) -> str:
    return sheet_name(name, lang) if name in DATA_SHEETS else name


def waiting_rows(plan: MergePlan, lang: str) -> list[dict[str, str]]:
    """The changed rows that wait for explicit acceptance, with why."""
    changes = plan.changes
    waiting = changes[(changes["conflict"].astype(str) != "").to_numpy()
                      & ~changes["accepted"].to_numpy(dtype=bool)]
    return [{"table": _label(str(row.table), lang), "row_id": str(row.row_id),
             "status": t(f"upload.status.{row.status}", lang), "columns": str(row.columns),
             "why": "; ".join(t(f"upload.conflict.{k}", lang)
                              for k in str(row.conflict).split(",") if k)}
            for row in waiting.itertuples(index=False)]


def count_rows(plan: MergePlan) -> list[tuple[str, int]]:
    """(status, number of rows) of the return: new, changed, removed, unchanged, conflict,
    accepted."""
    shown = counts(plan.changes)
    if not len(shown):
        return []
    first = shown.iloc[0]
    return [(key, int(first[key])) for key in ("new", "changed", "removed", "unchanged",
                                               "conflict", "accepted")]


def _scope(who: Principal, lang: str) -> str:
    return t("upload.scope", lang, organisation=who.organisation) if who.organisation else ""


def merge_upload(store: Store, results: Results, worker: Worker, *, who: Principal,
                 workspace: str, basis: int, path: Path, lang: str) -> Outcome:
    """Plan the merge of the workbook at ``path`` on version ``basis`` of ``workspace`` and,
    when it is clean and ``who`` may submit it, store it and start its computations."""
    current = results.version(workspace)
    if current.number != basis:
        return Outcome(409, "upload.conflict", {"number": current.number})
    base = results.workspace(workspace, basis)
    meta = read_meta(path)
    if meta is not None and not may_submit(who, meta.submitter, base.areas):
        person = meta.submitter
        return Outcome(403, "upload.forbidden", {
            "who": who_text(person.kind, person.id, person.name, lang),
            "role": t(f"role.{who.role}", lang), "scope": _scope(who, lang)})
    plan = plan_merge(base, [path], _bases(store, results, workspace),
                      library=shipped_library(), options=ValidationOptions(horizon=LOAD_HORIZON),
                      label=workspace)
    received = plan.received[0]
    rows = problem_rows(received.problems + plan.problems, lang, str(path.parent))
    shown = {"file": path.name, "who": path.name if meta is None else who_text(
        meta.submitter.kind, meta.submitter.id, meta.submitter.name, lang)}
    if received.refused or plan.problems or len(plan.ambiguous):
        wrong = sum(row["severity"] == "error" for row in rows)
        return Outcome(400, "upload.refused", {**shown, "n": wrong}, problems=rows)
    found = Outcome(200, "upload.nothing", shown, problems=rows,
                    waiting=waiting_rows(plan, lang), counts=count_rows(plan))
    if not plan.writable:
        return found
    try:
        info = store.import_workspace(
            plan.merged, workspace, user=who.name, source=f"web upload: {path.name}",
            expected_version=basis, provenance=plan.provenance(dt.datetime.now(dt.UTC)))
    except ConflictError:
        return Outcome(409, "upload.conflict", {"number": results.version(workspace).number})
    except PmiekError as error:  # the store refused it otherwise: say why, nothing stored
        return Outcome(400, "upload.store_failed", {"reason": error.in_language(lang)})
    job = worker.submit_cycle(workspace, info.number, user=who.name)
    return dataclasses.replace(found, key="upload.saved", version=info, job=job, values={
        **shown, "number": info.number, "hash": info.content_hash[:12]})


# --- the progress of a job ----------------------------------------------------------------


@router.get("/taken/{job}")
def job_page(request: Request, job: str, who: LoggedIn) -> Response:
    """A job's progress (htmx asks for the block ``progress`` only)."""
    worker: Worker = request.app.state.worker
    found = worker.job(job)
    if found is None:
        raise HTTPException(status_code=404)
    return deps.render(request, "job.html.j2", {"job": found, "kinds": KINDS},
                       block="progress")


def who_text(kind: str, ident: str, name: str, lang: str) -> str:
    """A submitter in words."""
    key = "upload.who.municipality" if kind == "municipality" else "upload.who.operator"
    return t(key, lang, name=name, id=ident)


__all__ = ["MAX_UPLOAD_BYTES", "Outcome", "may_submit", "merge_upload", "router", "safe_name"]
