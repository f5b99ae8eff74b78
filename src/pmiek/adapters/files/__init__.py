"""Readers and writers of workspaces: CSV folders, Excel workbooks, GeoPackages, GeoJSON.

The format follows the path: a folder (or a path without an ending) is a folder of CSV files,
``.xlsx`` a workbook, ``.gpkg`` a GeoPackage. A name of an embedded dataset (``example``)
stands for that dataset. Reading never raises on bad data: :class:`ReadResult` carries the
problems, each locatable by file, sheet and row. Writing is all-or-nothing: outputs are
built next to the target and moved into place only when complete, and never over or into a
file or folder that pmiek did not write, nor into the command's own input (see
:mod:`pmiek.adapters.files.safety`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import pandas as pd
from openpyxl.utils.exceptions import IllegalCharacterError

from pmiek.adapters.files.csvfolder import read_csv_folder, write_csv_folder
from pmiek.adapters.files.geo import write_geojson, write_gpkg
from pmiek.adapters.files.geo_reader import read_gpkg
from pmiek.adapters.files.library import shipped_library
from pmiek.adapters.files.origin import Located, Origin, locate
from pmiek.adapters.files.outputs import check_outputs, write_folder, write_outputs
from pmiek.adapters.files.safety import (
    Source,
    cannot_write,
    deferred_signals,
    guard,
    has_mark,
    staging,
    terminate_as_interrupt,
)
from pmiek.adapters.files.xlsx import write_xlsx
from pmiek.adapters.files.xlsx_reader import read_xlsx
from pmiek.domain.library import Library, LibraryUse, complete
from pmiek.domain.problems import Code, Problem, errors
from pmiek.domain.tables import TABLE_NAMES
from pmiek.domain.validation import ValidationOptions, merge, validate
from pmiek.domain.workspace import Workspace
from pmiek.errors import PmiekError, ReadError, UnknownWorkspace, WriteError, said

DEFAULT_WORKSPACE = "utrecht"
"""The embedded dataset used when no workspace is given."""

NOT_WORKSPACES = frozenset({"lenses", "library"})
"""Folders of package data that are not workspaces."""

FORMATS = {"": "csv", ".csv": "csv", ".xlsx": "xlsx", ".gpkg": "gpkg"}


def embedded_workspaces() -> dict[str, Path]:
    """The datasets shipped with pmiek, by name (not the lenses nor the library)."""
    root = resources.files("pmiek") / "data"
    return {p.name: Path(str(p)) for p in root.iterdir()
            if p.is_dir() and not p.name.startswith(("_", "."))
            and p.name not in NOT_WORKSPACES}


def resolve(name_or_path: str | os.PathLike[str] | None) -> Path:
    """The path of a workspace given by path or by the name of an embedded dataset."""
    if name_or_path is None:
        name_or_path = DEFAULT_WORKSPACE
    path = Path(name_or_path)
    if path.exists():
        return path
    embedded = embedded_workspaces()
    if str(name_or_path) in embedded:
        return embedded[str(name_or_path)]
    known = ", ".join(sorted(embedded))
    raise said(
        UnknownWorkspace,
        nl=f"Werkruimte '{name_or_path}' bestaat niet: geen bestand of map met die naam, en "
           f"geen ingebouwde dataset ({known}).",
        en=f"Workspace '{name_or_path}' does not exist: no such file or folder, and no "
           f"embedded dataset of that name ({known}).")


def format_of(path: Path) -> str:
    """``csv``, ``xlsx`` or ``gpkg`` by the path's ending (a folder is ``csv``)."""
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        error = said(ReadError,
                     nl=f"Onbekend formaat '{suffix}' van {path.name}: gebruik een map met "
                        "CSV-bestanden, .xlsx of .gpkg.",
                     en=f"Unknown format '{suffix}' of {path.name}: use a folder of CSV "
                        "files, .xlsx or .gpkg.")
        error.path = str(path)
        raise error
    return FORMATS[suffix]


@dataclass(frozen=True)
class ReadResult:
    """A workspace read from files, with every problem found while reading and validating."""

    workspace: Workspace
    problems: list[Problem]
    origins: dict[str, Origin] = field(default_factory=dict)
    path: Path | None = None
    own: Workspace | None = None
    """The rows as read, before the library completed them (None: none was added)."""
    library: LibraryUse | None = None
    """What the library added (None: no library was consulted)."""

    @property
    def own_rows(self) -> Workspace:
        """The workspace's own rows, without what the library added: what to write back."""
        return self.workspace if self.own is None else self.own

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not errors(self.problems)

    def located(self) -> list[Located]:
        """The problems with file, sheet and row number."""
        return locate(self.problems, self.origins)


def read_workspace(
    name_or_path: str | os.PathLike[str] | None = None,
    *,
    validate_rules: bool = True,
    options: ValidationOptions | None = None,
    library: Library | Literal["shipped"] | None = "shipped",
) -> ReadResult:
    """Read (and by default validate) a workspace from a folder, workbook or GeoPackage.

    The workspace is completed with ``library`` (by default the one that ships with pmiek,
    :func:`~pmiek.adapters.files.library.shipped_library`; ``None`` for none): every profile
    or unit parameter that it uses and does not define itself comes from there (see
    :func:`pmiek.domain.library.complete`), and validation sees the completed workspace.
    ``ReadResult.own_rows`` are the rows as read.

    Raises :class:`~pmiek.errors.UnknownWorkspace` or :class:`~pmiek.errors.ReadError` only
    when there is nothing to read; bad content is reported in ``ReadResult.problems``.
    """
    path = resolve(name_or_path)
    kind = format_of(path)
    if kind == "csv" and not path.is_dir():
        raise ReadError(f"'{path}' is geen map / is not a folder", path=str(path))
    readers: dict[str, Callable[[Path], tuple[dict[str, pd.DataFrame], list[Problem],
                                              dict[str, Origin]]]] = {
        "csv": read_csv_folder, "xlsx": read_xlsx, "gpkg": read_gpkg}
    raw, problems, origins = readers[kind](path)
    origins.setdefault("-", Origin(str(path)))  # problems of the whole file name the file
    if not raw and not errors(problems):
        tables = ", ".join(TABLE_NAMES)
        problems.append(Problem(
            Code.UNREADABLE, "-", got=path.name,
            expected=f"a workspace with at least one of the tables {tables}",
            params={"reason": "no tables found",
                    "expected_nl": f"een werkruimte met minstens één van de tabellen {tables}",
                    "reason_nl": "geen tabellen gevonden"}))
    workspace, parsing = Workspace.from_raw(raw)
    problems += parsing
    return completed(workspace, problems, origins, path, validate_rules=validate_rules,
                     options=options, library=library)


def completed(workspace: Workspace, problems: list[Problem], origins: dict[str, Origin],
              path: Path | None, *, validate_rules: bool = True,
              options: ValidationOptions | None = None,
              library: Library | Literal["shipped"] | None = "shipped") -> ReadResult:
    """``workspace`` completed with ``library`` (see :func:`read_workspace`) and validated."""
    own, use = workspace, None
    if library is not None:
        lib = shipped_library() if library == "shipped" else library
        workspace, use = complete(workspace, lib)
    if validate_rules:
        problems = merge(problems, validate(workspace, options))
    return ReadResult(workspace, problems, origins, path,
                      own if use and (use.profiles or use.unit_parameters) else None, use)


def write_workspace(workspace: Workspace, path: str | os.PathLike[str], *,
                    overwrite: bool = False, lang: str = "nl",
                    sources: Sequence[Source] = ()) -> Path:
    """Write ``workspace`` to ``path``; the format follows the path (see :func:`format_of`).

    The output is built beside the target and moved there when complete, so a failure or an
    interruption leaves no half-written file. An existing target is replaced only with
    ``overwrite`` and only when pmiek wrote it (see :mod:`pmiek.adapters.files.safety`); in a
    folder, only pmiek's own files are replaced. ``sources`` are the command's inputs, which
    are never written over or into.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise said(WriteError,
                   nl=f"Onbekend uitvoerformaat '{suffix}' van {target.name}: gebruik een map, "
                      ".xlsx of .gpkg. Er is niets geschreven.",
                   en=f"Unknown output format '{suffix}' of {target.name}: use a folder, .xlsx "
                      "or .gpkg. Nothing was written.")
    kind = FORMATS[suffix]
    try:
        if kind == "csv":
            names = [f"{name}.csv" for name in _csv_tables(workspace)]
            write_folder(target, names, lambda folder: write_csv_folder(workspace, folder),
                         record={"content": "workspace"}, overwrite=overwrite,
                         stale=_is_table_file, sources=sources)
            return target
        return _write_file(workspace, target, kind, overwrite=overwrite, lang=lang,
                           sources=sources)
    except (IllegalCharacterError, OSError) as exc:  # OSError: a name too long, no access, …
        raise cannot_write(target, exc) from exc


def _csv_tables(workspace: Workspace) -> list[str]:
    """The tables :func:`write_csv_folder` writes: those with rows and the three core ones."""
    return [name for name, frame in workspace.items()
            if len(frame) or name in ("areas", "assets", "developments")]


def _is_table_file(name: str) -> bool:
    """A file name that a CSV workspace of pmiek holds (``areas.csv``)."""
    return name.endswith(".csv") and "/" not in name and name[:-4] in TABLE_NAMES


def _write_file(workspace: Workspace, target: Path, kind: str, *, overwrite: bool, lang: str,
                sources: Sequence[Source]) -> Path:
    """Write a workbook or GeoPackage at ``target`` (see :func:`write_workspace`)."""
    writer = write_xlsx if kind == "xlsx" else _write_gpkg
    return write_file(target, kind, lambda built: writer(workspace, built, lang),
                      overwrite=overwrite, sources=sources)


def write_file(target: Path, kind: str, build: Callable[[Path], object], *,
               overwrite: bool, sources: Sequence[Source] = ()) -> Path:
    """Write one file at ``target`` the safe way: refuse a target that may not be written
    (an input, a missing folder, a file that pmiek did not write — marked as ``kind``:
    ``xlsx``, ``docx`` or ``gpkg`` —, an existing one without ``overwrite``), let ``build``
    make it beside the target and move it into place when complete. Returns the path."""
    with terminate_as_interrupt():
        target = _file_target(target, kind, overwrite=overwrite, sources=sources)
        with staging(target) as stage:
            built = stage / target.name
            try:
                build(built)
                with deferred_signals():
                    os.replace(built, target)
            except PmiekError:
                raise
            except (OSError, ValueError) as exc:
                # ValueError covers what openpyxl and GDAL raise for content they cannot store
                raise cannot_write(target, exc) from exc
    return target


def _file_target(target: Path, kind: str, *, overwrite: bool,
                 sources: Sequence[Source]) -> Path:
    """The file to write for ``target`` (a link's destination), after refusing what may not
    be written."""
    guard(target, sources)
    if target.is_symlink():
        if not target.exists():
            raise said(WriteError,
                       nl=f"{target} is een koppeling naar iets dat niet bestaat; kies een "
                          "ander doel. Er is niets geschreven.",
                       en=f"{target} is a link to something that does not exist; choose "
                          "another target. Nothing was written.")
        target = Path(os.path.realpath(target))
    if not target.parent.is_dir():
        raise said(WriteError,
                   nl=f"De map {target.parent} bestaat niet; maak haar eerst aan. Er is niets "
                      "geschreven.",
                   en=f"The folder {target.parent} does not exist; create it first. Nothing "
                      "was written.")
    if target.exists():
        _replaceable(target, kind, overwrite)
    return target


def _replaceable(target: Path, kind: str, overwrite: bool) -> None:
    """Refuse to replace ``target`` unless it is a file pmiek wrote and ``overwrite``."""
    if not target.is_file():
        raise said(WriteError,
                   nl=f"{target} bestaat al en is geen bestand; kies een ander doel. Er is "
                      "niets geschreven.",
                   en=f"{target} already exists and is not a file; choose another target. "
                      "Nothing was written.")
    if not overwrite:
        raise said(WriteError,
                   nl=f"{target} bestaat al; gebruik --overwrite om het te vervangen. Er is "
                      "niets geschreven.",
                   en=f"{target} already exists; use --overwrite to replace it. Nothing was "
                      "written.")
    if not has_mark(target, kind):
        raise said(WriteError,
                   nl=f"{target} is niet door pmiek geschreven en wordt niet vervangen, ook "
                      "niet met --overwrite. Kies een andere naam. Er is niets geschreven.",
                   en=f"{target} was not written by pmiek and is not replaced, not even with "
                      "--overwrite. Choose another name. Nothing was written.")


def _write_gpkg(workspace: Workspace, path: Path, lang: str) -> None:
    write_gpkg(workspace, path)


__all__ = [
    "DEFAULT_WORKSPACE",
    "Located",
    "Origin",
    "ReadResult",
    "check_outputs",
    "embedded_workspaces",
    "format_of",
    "read_workspace",
    "resolve",
    "write_file",
    "write_geojson",
    "write_outputs",
    "write_workspace",
]
