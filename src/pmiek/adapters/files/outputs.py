"""Writing a folder of outputs, all or nothing, without touching what pmiek did not write.

:func:`write_outputs` writes a stage result: its tidy tables as CSV for machines (English
headers, dot decimals, full precision), the same tables as one workbook for people
(:data:`~pmiek.adapters.files.results_xlsx.WORKBOOK`: headers in the chosen language with
units, rounded values, a ``metadata`` sheet), the run's record as
:data:`~pmiek.adapters.files.metadata.METADATA_FILE` (see
:mod:`pmiek.adapters.files.metadata`), plus charts or other files that a front end adds;
:func:`write_folder` is the rule it shares with the CSV workspace writer. Every file is built
in a staging folder beside the target (see :mod:`pmiek.adapters.files.safety`), then moved
into place. The target folder gets a marker file (:data:`MARKER`) listing what pmiek wrote
there and what produced it. Rules:

- the target may not be the command's input, a folder holding it, the current folder or the
  home folder (:func:`~pmiek.adapters.files.safety.guard`);
- a target that does not exist is created (the staging folder is renamed into place: one step);
- an existing folder is written into only when it is empty or holds pmiek's marker; a non-empty
  folder without it is refused — never emptied;
- in a folder with the marker, only files that pmiek wrote there are replaced; a file of the
  result whose name is taken by a file that pmiek did not write refuses the whole write;
- nothing that pmiek did not write is deleted, and when anything fails before the move, the
  target is unchanged. CSV text that a spreadsheet would read as a formula is neutralised
  (:func:`~pmiek.adapters.files.inert.neutralise_frame`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import pandas as pd

from pmiek.adapters.files.inert import neutralise_frame
from pmiek.adapters.files.metadata import (
    METADATA_FILE,
    add_tables,
    run_metadata,
    write_metadata,
)
from pmiek.adapters.files.results_xlsx import WORKBOOK, write_results_xlsx
from pmiek.adapters.files.safety import (
    MARK_LIMIT,
    Source,
    cannot_write,
    deferred_signals,
    guard,
    staging,
    terminate_as_interrupt,
)
from pmiek.domain.provenance import Provenance
from pmiek.errors import PmiekError, WriteError, said

MARKER = ".pmiek-output.json"
"""The file in every output folder that lists what pmiek wrote there."""

MARKER_LIMIT = 256 * MARK_LIMIT
"""A marker file larger than this (16 MiB) is not pmiek's."""

Extra = Callable[[Path], object]
"""Writes one file at the path it is given (a chart, a workbook, a JSON document)."""

Build = Callable[[Path], object]
"""Writes every file of an output into the (new, empty) folder it is given."""


class StageResult(Protocol):
    """What :func:`write_outputs` writes: a result with tidy tables and its provenance."""

    @property
    def provenance(self) -> Provenance: ...

    def to_frames(self) -> dict[str, pd.DataFrame]: ...


def marker(folder: Path) -> dict[str, object] | None:
    """pmiek's marker in ``folder``, or ``None`` when there is none (or it is not pmiek's)."""
    path = folder / MARKER
    try:
        if not path.is_file() or path.stat().st_size > MARKER_LIMIT:
            return None
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("written_by") == "pmiek" else None


def _ours(folder: Path) -> set[str] | None:
    """The files (relative, POSIX) that pmiek wrote in ``folder``: ``None`` for a folder that
    does not exist or is empty. Raises WriteError for a folder that pmiek did not write."""
    if not folder.exists():
        return None
    if not folder.is_dir():
        raise said(WriteError,
                   nl=f"{folder} is een bestand, geen map; kies een map als doel. Er is niets "
                      "geschreven.",
                   en=f"{folder} is a file, not a folder; choose a folder as the target. "
                      "Nothing was written.")
    found = marker(folder)
    if found is None:
        try:
            empty = not any(folder.iterdir())
        except OSError as exc:
            raise cannot_write(folder, exc) from exc
        if empty:
            return None
        raise said(
            WriteError,
            nl=f"De map {folder} is niet leeg en niet door pmiek geschreven; kies een lege of "
               "nieuwe map. Er is niets geschreven.",
            en=f"The folder {folder} is not empty and was not written by pmiek; choose an "
               "empty or new folder. Nothing was written.")
    files = found.get("files", [])
    return {str(f) for f in files} if isinstance(files, list) else set()


def _refuse_foreign(folder: Path, names: Sequence[str], ours: set[str]) -> None:
    for name in names:
        target = folder / name
        parts = Path(name).parts
        for depth in range(1, len(parts)):  # a file where a folder of ours must go
            above = folder.joinpath(*parts[:depth])
            if above.exists() and not above.is_dir():
                raise said(WriteError,
                           nl=f"{above} staat in de weg (geen map). Er is niets geschreven.",
                           en=f"{above} is in the way (not a folder). Nothing was written.")
        foreign = (target.exists() or target.is_symlink()) and name not in ours
        if foreign or target.is_dir():
            raise said(
                WriteError,
                nl=f"{target} bestaat al en is niet door pmiek geschreven; er is niets "
                   "geschreven. Verplaats het bestand of kies een andere map.",
                en=f"{target} exists and was not written by pmiek; nothing was written. "
                   "Move that file or choose another folder.")


def _check(out: Path, names: Sequence[str], *, overwrite: bool | None, parents: bool,
           sources: Sequence[Source]) -> set[str]:
    """Refuse a target that may not be written (creating the folders above it with
    ``parents``); the files pmiek wrote there before."""
    guard(out, sources)
    ours = _ours(out)
    if ours is not None and overwrite is False:
        raise said(WriteError,
                   nl=f"{out} bestaat al; gebruik --overwrite om de bestanden die pmiek er "
                      "schreef te vervangen. Er is niets geschreven.",
                   en=f"{out} already exists; use --overwrite to replace the files that pmiek "
                      "wrote there. Nothing was written.")
    _refuse_foreign(out, names, ours or set())
    try:
        if parents:
            out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(out, exc) from exc
    if not out.parent.is_dir():
        raise said(WriteError,
                   nl=f"De map {out.parent} bestaat niet; maak haar eerst aan. Er is niets "
                      "geschreven.",
                   en=f"The folder {out.parent} does not exist; create it first. Nothing was "
                      "written.")
    return ours or set()


def write_folder(out: Path, names: Sequence[str], build: Build, *,
                 record: Mapping[str, object], overwrite: bool | None = None,
                 stale: Callable[[str], bool] | None = None, parents: bool = False,
                 sources: Sequence[Source] = ()) -> list[Path]:
    """Write the files ``names`` (relative, POSIX) that ``build`` makes into the folder ``out``
    by the rules of the module docstring. ``overwrite`` ``False`` refuses an existing pmiek
    folder (``None``: a command without that option, which replaces its own files); files
    that pmiek wrote there before, are not written now and that ``stale`` accepts are
    removed (a table the workspace no longer has); ``record`` goes into the marker;
    ``parents`` creates missing folders above ``out``; ``sources`` are the command's inputs.
    Returns the paths written."""
    with terminate_as_interrupt():
        try:  # a name too long for the file system, a folder without access, …
            ours = _check(out, names, overwrite=overwrite, parents=parents, sources=sources)
        except OSError as exc:
            raise cannot_write(out, exc) from exc
        with staging(out) as stage:
            built = stage / "built"
            try:
                built.mkdir()
                build(built)
                for name in names:
                    if not (built / name).is_file():
                        raise said(WriteError,
                                   nl=f"{name} is niet gemaakt. Er is niets geschreven.",
                                   en=f"{name} was not made. Nothing was written.")
                old = {n for n in ours - set(names) if stale is not None and stale(n)}
                _write_marker(built, record, sorted((ours - old) | set(names)))
                with deferred_signals():
                    _refuse_foreign(out, names, ours)  # nothing came in the way meanwhile
                    _move(built, out, names, old)
            except PmiekError:
                raise
            except (OSError, ValueError) as exc:
                raise cannot_write(out, exc) from exc
    return [out / name for name in names]


def check_outputs(out_dir: str | os.PathLike[str], *, sources: Sequence[Source] = ()) -> None:
    """Refuse (:class:`WriteError`) an output folder that :func:`write_outputs` would refuse
    whatever it writes — an input, ``.``, the home folder, a file, a folder that pmiek did not
    write — so that a command can say so before a long computation."""
    out = Path(out_dir)
    try:
        guard(out, sources)
        _ours(out)
    except OSError as exc:
        raise cannot_write(out, exc) from exc


def write_outputs(result: StageResult, out_dir: str | os.PathLike[str], *,
                  frames: Mapping[str, pd.DataFrame] | None = None,
                  extras: Mapping[str, Extra] | None = None,
                  sources: Sequence[Source] = (), lang: str = "nl",
                  notes: Sequence[tuple[str, str]] = (),
                  workbooks: Mapping[str, Sequence[str]] | None = None) -> list[Path]:
    """Write ``result``'s tables (``frames``, default ``result.to_frames()``: ``name`` →
    ``name.csv``, a ``/`` in the name makes a subfolder), the workbook for people of all of
    them (when there are any; headers in ``lang``, the ``notes`` as a sheet), every further
    workbook of ``workbooks`` (file name → the names of the tables it holds), the run's
    ``metadata.json`` and the ``extras`` (relative file name → writer) into ``out_dir``,
    all or nothing (see the module docstring); ``sources`` are the command's inputs, which
    are never written. Returns the paths written."""
    out = Path(out_dir)
    tables = dict(result.to_frames() if frames is None else frames)
    books = {WORKBOOK: list(tables)} if tables else {}
    books.update({name: list(names) for name, names in (workbooks or {}).items()})
    more = dict(extras or {})
    names = [f"{name}.csv" for name in tables] + [METADATA_FILE, *books, *more]
    meta = run_metadata(result)
    meta["workbooks"] = list(books)

    def build(folder: Path) -> None:
        _build(folder, tables, more)
        add_tables(meta, folder, tables)
        write_metadata(meta, folder / METADATA_FILE)
        for book, held in books.items():
            write_results_xlsx({name: tables[name] for name in held}, folder / book,
                               lang=lang, metadata=meta, notes=notes)

    return write_folder(out, names, build, record={"provenance": result.provenance.to_dict()},
                        parents=True, sources=sources)


def _build(staging: Path, tables: Mapping[str, pd.DataFrame], extras: Mapping[str, Extra]
           ) -> None:
    for name, frame in tables.items():
        path = staging / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        neutralise_frame(frame).to_csv(path, index=False)
    for name, write in extras.items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)


def _write_marker(folder: Path, record: Mapping[str, object], files: list[str]) -> None:
    content = {"written_by": "pmiek", "files": files, **record}
    (folder / MARKER).write_text(json.dumps(content, ensure_ascii=False, indent=1),
                                 encoding="utf-8")


def _move(built: Path, out: Path, names: Sequence[str], old: set[str]) -> None:
    """Move the built files into ``out``: the whole folder in one step when ``out`` does not
    exist, else file by file (pmiek's ``old`` files that are no longer written removed)."""
    if not out.exists():
        built.rename(out)  # one step: the folder appears whole
        return
    for name in [*names, MARKER]:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(built / name, target)
    for name in sorted(old):
        path = out / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
