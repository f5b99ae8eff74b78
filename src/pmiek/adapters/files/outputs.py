"""Writing a stage result to a folder, all or nothing, without touching what pmiek did not write.

:func:`write_outputs` builds every file of a result (its tidy tables as CSV, plus charts or
other files that a front end adds) in a staging folder beside the target, then moves them into
place. The target folder gets a marker file (:data:`MARKER`) listing what pmiek wrote there and
what produced it. Rules:

- a target that does not exist is created (the staging folder is renamed into place: one step);
- an existing folder is written into only when it is empty or holds pmiek's marker; a non-empty
  folder without it is refused — never emptied;
- in a folder with the marker, only files that pmiek wrote there are replaced; a file of the
  result whose name is taken by a file that pmiek did not write refuses the whole write;
- nothing is deleted, and when anything fails before the move, the target is unchanged.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

import pandas as pd

from pmiek.domain.provenance import Provenance
from pmiek.errors import PmiekError, WriteError

MARKER = ".pmiek-output.json"
"""The file in every output folder that lists what pmiek wrote there."""

Extra = Callable[[Path], object]
"""Writes one file at the path it is given (a chart, a workbook, a JSON document)."""


class StageResult(Protocol):
    """What :func:`write_outputs` writes: a result with tidy tables and its provenance."""

    @property
    def provenance(self) -> Provenance: ...

    def to_frames(self) -> dict[str, pd.DataFrame]: ...


def _marker(folder: Path) -> dict[str, object] | None:
    path = folder / MARKER
    if not path.is_file():
        return None
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("written_by") == "pmiek" else None


def _ours(folder: Path) -> set[str]:
    """The files (relative, POSIX) that pmiek wrote in ``folder``; empty for a new folder.
    Raises WriteError for a folder that pmiek did not write."""
    if not folder.exists():
        return set()
    if not folder.is_dir():
        raise WriteError(f"{folder} is een bestand, geen map. / {folder} is a file, not a "
                         "folder.")
    marker = _marker(folder)
    if marker is None:
        if any(folder.iterdir()):
            raise WriteError(
                f"De map {folder} is niet leeg en niet door pmiek geschreven; kies een lege of "
                f"nieuwe map. Er is niets geschreven. / The folder {folder} is not empty and "
                "was not written by pmiek; choose an empty or new folder. Nothing was written.")
        return set()
    files = marker.get("files", [])
    return {str(f) for f in files} if isinstance(files, list) else set()


def _refuse_foreign(folder: Path, names: list[str], ours: set[str]) -> None:
    for name in names:
        target = folder / name
        parts = Path(name).parts
        for depth in range(1, len(parts)):  # a file where a folder of ours must go
            above = folder.joinpath(*parts[:depth])
            if above.exists() and not above.is_dir():
                raise WriteError(f"{above} staat in de weg (geen map). / {above} is in the "
                                 "way (not a folder). Nothing was written.")
        if target.exists() and name not in ours:
            raise WriteError(f"{target} bestaat al en is niet door pmiek geschreven; er is niets "
                             f"geschreven. / {target} exists and was not written by pmiek; "
                             "nothing was written.")


def write_outputs(result: StageResult, out_dir: str | os.PathLike[str], *,
                  frames: Mapping[str, pd.DataFrame] | None = None,
                  extras: Mapping[str, Extra] | None = None) -> list[Path]:
    """Write ``result``'s tables (``frames``, default ``result.to_frames()``: ``name`` →
    ``name.csv``, a ``/`` in the name makes a subfolder) and the ``extras`` (relative file
    name → writer) into ``out_dir``, all or nothing (see the module docstring). Returns the
    paths written."""
    out = Path(out_dir)
    tables = dict(result.to_frames() if frames is None else frames)
    more = dict(extras or {})
    names = [f"{name}.csv" for name in tables] + list(more)
    ours = _ours(out)
    _refuse_foreign(out, names, ours)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.pmiek-", dir=out.parent))
    except OSError as exc:
        raise WriteError(f"{out}: {exc}") from exc
    try:
        _build(staging, tables, more)
        _write_marker(staging, result.provenance, sorted(ours | set(names)))
        _move(staging, out, names)
    except PmiekError:
        raise
    except (OSError, ValueError) as exc:
        raise WriteError(f"{out}: {exc}. Er is niets geschreven. / Nothing was "
                         "written.") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


def _build(staging: Path, tables: Mapping[str, pd.DataFrame], extras: Mapping[str, Extra]
           ) -> None:
    for name, frame in tables.items():
        path = staging / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(path, index=False)
    for name, write in extras.items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)
        if not path.is_file():
            raise WriteError(f"{name} is niet gemaakt. / {name} was not made.")


def _write_marker(staging: Path, provenance: Provenance, files: list[str]) -> None:
    record = {"written_by": "pmiek", "files": files, "provenance": provenance.to_dict()}
    (staging / MARKER).write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                  encoding="utf-8")


def _move(staging: Path, out: Path, names: list[str]) -> None:
    if not out.exists():
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)  # mkdtemp made it private; a folder gets the usual mode
        staging.rename(out)  # one step: the folder appears whole
        return
    for name in [*names, MARKER]:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
    with contextlib.suppress(OSError):
        staging.rmdir()
