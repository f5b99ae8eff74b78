"""The intake round on files: every workbook into one folder, and the merge of the returns.

:func:`prepare` writes one workbook per municipality and operator
(:func:`~pmiek.domain.intake.submitters`) into ``--out``, all or nothing, by the rules of
:func:`~pmiek.adapters.files.outputs.write_folder` (never over or beside files pmiek did not
write). :func:`plan_merge` reads the returns and works out, without writing anything, what
the merge would do:

1. each return is read (:func:`~pmiek.adapters.files.intake_xlsx.read_return`) against the
   base it was prepared from, found by its content hash; every row is compared with that base
   and the current workspace (:func:`~pmiek.domain.intake.diff_return`);
2. each return is validated on its own: the current workspace with all of its changes,
   completed with the library, must have no error. One error refuses the whole return, with
   file, sheet, row and column;
3. the returns that pass are combined: conflicts (:data:`~pmiek.domain.intake.CONFLICTS`)
   wait unless accepted; the accepted changes make the merged workspace, which is validated
   once more.

The caller (``pmiek intake merge``) shows the plan and, when asked, stores the merged
workspace as one new version with the provenance of every row (:meth:`MergePlan.provenance`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pmiek.adapters.files.intake_xlsx import (
    Intake,
    IntakeMeta,
    read_meta,
    read_return,
    returned_tables,
    write_intake_workbook,
)
from pmiek.adapters.files.limits import DEFAULT_LIMITS, ReadLimits, check_file
from pmiek.adapters.files.origin import Located, Origin, locate
from pmiek.adapters.files.outputs import write_folder
from pmiek.adapters.files.safety import Source
from pmiek.domain.coerce import row_ids
from pmiek.domain.intake import (
    ACTIVE,
    MUNICIPALITY,
    PROVENANCE_COLUMNS,
    Submitter,
    accepted,
    ambiguous,
    apply,
    diff_return,
    no_changes,
    partition,
    submitters,
    unmatched,
    with_duplicates,
)
from pmiek.domain.intake_sheets import hidden_ids, masked_ids
from pmiek.domain.library import Library, complete
from pmiek.domain.problems import Code, Problem, errors
from pmiek.domain.provenance import ProgressCallback
from pmiek.domain.tables import table
from pmiek.domain.validation import ValidationOptions, validate
from pmiek.domain.workspace import Workspace

FILE_PREFIX = {"nl": {MUNICIPALITY: "gemeente", "operator": "netbeheerder"},
               "en": {MUNICIPALITY: "municipality", "operator": "operator"}}
"""The first word of a workbook's file name, per language and kind of submitter."""



# --- prepare ----------------------------------------------------------------------------------


def _slug(text: str) -> str:
    """``text`` as a safe part of a file name: ASCII letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")[:60] or "x"


def workbook_names(people: Sequence[Submitter], lang: str) -> dict[Submitter, str]:
    """The file name of each submitter's workbook (``gemeente-GM0344-Utrecht.xlsx``,
    ``netbeheerder-Stedin.xlsx``), unique within the round."""
    names: dict[Submitter, str] = {}
    taken: set[str] = set()
    for person in people:
        parts = [FILE_PREFIX[lang][person.kind], person.id]
        if person.kind == MUNICIPALITY and person.name != person.id:
            parts.append(person.name)
        stem = "-".join(_slug(p) for p in parts)
        name, n = f"{stem}.xlsx", 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.xlsx"
        taken.add(name.lower())
        names[person] = name
    return names


def prepare(intake: Intake, out: Path, *, overwrite: bool = False,
            sources: Sequence[Source] = (), progress: ProgressCallback | None = None,
            ) -> list[Path]:
    """Write the workbook of every municipality and operator into the folder ``out`` (all
    or nothing; see :func:`~pmiek.adapters.files.outputs.write_folder`). Returns the paths."""
    people = submitters(intake.workspace)
    names = workbook_names(people, intake.lang)

    def build(folder: Path) -> None:
        for done, person in enumerate(people):
            if progress is not None:
                progress(done, len(people), person.name)
            write_intake_workbook(intake, person, folder / names[person])
        if progress is not None:
            progress(len(people), len(people), "")

    record = {"content": "intake", "workspace": intake.reference, "base": intake.base,
              "prepared": intake.prepared.isoformat(),
              "workbooks": {p.id: names[p] for p in people}}
    return write_folder(out, list(names.values()), build, record=record, overwrite=overwrite,
                        parents=True, sources=sources)


# --- merge ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    """One return as read: who it is from (``meta``), its SHA-256, its tables, the problems
    with their place and, when it passed, its changes."""

    path: Path
    number: int
    sha256: str = ""
    meta: IntakeMeta | None = None
    problems: list[Located] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def refused(self) -> bool:
        """Whether an error refuses the whole return."""
        return any(errors([item.problem]) for item in self.problems)


@dataclass(frozen=True)
class MergePlan:
    """What merging the returns would do (nothing is written)."""

    current: Workspace
    received: list[Received]
    changes: pd.DataFrame
    """The changes of every return that passed, with ``accepted`` (bool)."""
    merged: Workspace
    problems: list[Located]
    """Errors of the merged workspace (they block writing)."""
    unmatched: list[tuple[str, str]]
    """``--accept`` pairs that name no row in conflict."""
    ambiguous: pd.DataFrame
    """Accepted changes of one key from more than one return (they block writing)."""

    @property
    def writable(self) -> bool:
        """Whether there is something to store and nothing that blocks it."""
        return bool(self.changes["accepted"].any()) and not self.problems \
            and not len(self.ambiguous)

    def provenance(self, received_at: dt.datetime) -> pd.DataFrame:
        """One record (:data:`PROVENANCE_COLUMNS`) per row of the merged workspace that came
        from a return — new, changed or confirmed unchanged — and per row a return removed."""
        changes = self.changes
        keep = changes["accepted"].to_numpy(dtype=bool).copy()
        unchanged = (changes["status"] == "unchanged").to_numpy()
        for name in pd.unique(changes["table"]):
            keys = row_ids(table(str(name)), self.merged.table(str(name)))
            here = (changes["table"] == name).to_numpy()
            keep |= here & unchanged & changes["row_id"].isin(keys).to_numpy()
        chosen = changes[keep]
        by_number = {r.number: r for r in self.received}
        numbers = chosen["return_number"].to_numpy(dtype=int)
        return pd.DataFrame({
            "table": chosen["table"].to_numpy(dtype=object),
            "row_id": chosen["row_id"].to_numpy(dtype=object),
            "submitter": chosen["submitter"].to_numpy(dtype=object),
            "submitter_kind": [_kind(by_number[n]) for n in numbers],
            "action": chosen["status"].to_numpy(dtype=object),
            "file_name": [by_number[n].path.name for n in numbers],
            "sha256": [by_number[n].sha256 for n in numbers],
            "received_at": received_at,
        }, columns=list(PROVENANCE_COLUMNS))


def _kind(received: Received) -> str:
    return received.meta.submitter.kind if received.meta else ""


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


BaseLookup = Callable[[str], Workspace | None]
"""The workspace whose content hash is the given one (a return's base), or ``None``."""


def plan_merge(current: Workspace, paths: Sequence[Path], base_of: BaseLookup, *,
               accept: Sequence[tuple[str, str]] = (), accept_all: Sequence[str] = (),
               library: Library | None = None, options: ValidationOptions | None = None,
               limits: ReadLimits = DEFAULT_LIMITS, label: str = "workspace",
               progress: ProgressCallback | None = None) -> MergePlan:
    """Read, check and combine the returns at ``paths`` against ``current`` (see the module
    docstring); ``label`` names the workspace in problems that are not in a return."""
    received = []
    for number, path in enumerate(paths):
        if progress is not None:
            progress(number, len(paths), path.name)
        received.append(_receive(path, number, current, base_of, library=library,
                                 options=options, limits=limits, label=label))
    good = [r for r in received if not r.refused]
    parts = [r.changes for r in good if len(r.changes)]
    changes = with_duplicates(pd.concat(parts, ignore_index=True)) if parts else \
        no_changes()
    taken = accepted(changes, accept, accept_all)
    blocked = ambiguous(changes, taken)
    merged, sources = apply(current, changes, taken, {r.number: r.tables for r in good})
    problems = [] if not taken.any() else _errors(merged, sources, good, library=library,
                                                  options=options, label=label)
    if progress is not None:
        progress(len(paths), len(paths), "")
    return MergePlan(current, received, changes.assign(accepted=taken), merged, problems,
                     unmatched(changes, accept), blocked)


def _refused(path: Path, number: int, problem: Problem, sha256: str = "") -> Received:
    return Received(path, number, sha256, problems=locate([problem], {"-": Origin(str(path))}))


def _unreadable(path: Path, nl: str, en: str, expected_nl: str, expected: str) -> Problem:
    return Problem(Code.UNREADABLE, "-", got=path.name, expected=expected,
                   params={"reason": en, "reason_nl": nl, "expected_nl": expected_nl})


def _receive(path: Path, number: int, current: Workspace, base_of: BaseLookup, *,
             library: Library | None, options: ValidationOptions | None, limits: ReadLimits,
             label: str) -> Received:
    """One return read, compared and validated on its own (see the module docstring)."""
    problem = check_file(path, "-", limits)
    if problem is not None:
        return _refused(path, number, problem)
    sha256 = file_sha256(path)
    meta = read_meta(path)
    if meta is None:
        return _refused(path, number, _unreadable(
            path, "geen uitvraagwerkboek van pmiek", "not an intake workbook of pmiek",
            "een werkboek van 'pmiek intake prepare'", "a workbook of 'pmiek intake prepare'"),
            sha256)
    base = base_of(meta.base)
    if base is None:
        return _refused(path, number, _unreadable(
            path, f"voorbereid uit een werkruimte (inhoud {meta.base[:12]}…) die geen versie "
                  "van deze werkruimte is",
            f"prepared from a workspace (content {meta.base[:12]}…) that is no version of "
            "this one", "een werkboek voorbereid uit deze werkruimte",
            "a workbook prepared from this workspace"), sha256)
    person = meta.submitter
    numbers = masked_ids(partition(base, person), hidden_ids(base, person))
    tables, found, origins = read_return(path, meta, numbers, limits=limits)
    if errors(found):
        return Received(path, number, sha256, meta, locate(found, origins), origins=origins)
    tables = returned_tables(tables, person.tables)
    changes = diff_return(person, tables, base, current, number)
    candidate, sources = apply(current, changes, changes["status"].isin(ACTIVE).to_numpy(),
                               {number: tables})
    received = Received(path, number, sha256, meta, locate(found, origins), tables, origins,
                        changes)
    wrong = _errors(candidate, sources, [received], library=library, options=options,
                    label=label)
    if wrong:
        return Received(path, number, sha256, meta, received.problems + wrong, origins=origins)
    return received


def _errors(workspace: Workspace, sources: Mapping[str, pd.DataFrame],
            received: Sequence[Received], *, library: Library | None,
            options: ValidationOptions | None, label: str) -> list[Located]:
    """The errors of ``workspace`` (completed with ``library``), each placed in the return
    its row came from (sheet and row) or, for a row that came from none, in ``label``."""
    completed = complete(workspace, library)[0] if library is not None else workspace
    by_number = {r.number: r for r in received}
    located = []
    for problem in errors(validate(completed, options)):
        source = sources.get(problem.table)
        number, position = -1, -1
        if source is not None and problem.row is not None and problem.row < len(source):
            number, position = (int(v) for v in source.iloc[problem.row])
        if number in by_number:
            origin = by_number[number].origins.get(problem.table)
            if origin is not None:
                located.append(Located(problem, origin.path, origin.sheet,
                                       origin.line(position)))
                continue
        located.append(Located(problem, label, None, None))
    return located


def counts(changes: pd.DataFrame) -> pd.DataFrame:
    """Per return: how many rows are new, changed, removed, unchanged and in conflict, and
    how many go in."""
    if not len(changes):
        return pd.DataFrame(columns=["return_number", "submitter", *ACTIVE, "unchanged",
                                     "conflict", "accepted"])
    status = pd.crosstab(changes["return_number"], changes["status"])
    status = status.reindex(columns=[*ACTIVE, "unchanged"], fill_value=0)
    extra = changes.groupby("return_number").agg(
        submitter=("submitter", "first"),
        conflict=("conflict", lambda c: int((c.astype(str) != "").sum())),
        accepted=("accepted", "sum"))
    return extra.join(status).reset_index()[["return_number", "submitter", *ACTIVE,
                                             "unchanged", "conflict", "accepted"]] \
        .astype({k: int for k in (*ACTIVE, "unchanged", "conflict", "accepted")})


__all__ = ["PROVENANCE_COLUMNS", "BaseLookup", "MergePlan", "Received", "counts",
           "file_sha256", "plan_merge", "prepare", "workbook_names"]
