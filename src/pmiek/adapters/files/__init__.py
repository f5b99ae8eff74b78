"""Readers and writers of workspaces: CSV folders, Excel workbooks, GeoPackages, GeoJSON.

The format follows the path: a folder (or a path without an ending) is a folder of CSV files,
``.xlsx`` a workbook, ``.gpkg`` a GeoPackage. A name of an embedded dataset (``example``)
stands for that dataset. Reading never raises on bad data: :class:`ReadResult` carries the
problems, each locatable by file, sheet and row. Writing is all-or-nothing: outputs are
built next to the target and moved into place only when complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from openpyxl.utils.exceptions import IllegalCharacterError

from pmiek.adapters.files.csvfolder import read_csv_folder, write_csv_folder
from pmiek.adapters.files.geo import write_geojson, write_gpkg
from pmiek.adapters.files.geo_reader import read_gpkg
from pmiek.adapters.files.origin import Located, Origin, locate
from pmiek.adapters.files.outputs import write_outputs
from pmiek.adapters.files.xlsx import write_xlsx
from pmiek.adapters.files.xlsx_reader import read_xlsx
from pmiek.domain.problems import Code, Problem, errors
from pmiek.domain.tables import TABLE_NAMES
from pmiek.domain.validation import ValidationOptions, merge, validate
from pmiek.domain.workspace import Workspace
from pmiek.errors import ReadError, UnknownWorkspace, WriteError

DEFAULT_WORKSPACE = "utrecht"
"""The embedded dataset used when no workspace is given."""

FORMATS = {"": "csv", ".csv": "csv", ".xlsx": "xlsx", ".gpkg": "gpkg"}


def embedded_workspaces() -> dict[str, Path]:
    """The datasets shipped with pmiek, by name."""
    root = resources.files("pmiek") / "data"
    return {p.name: Path(str(p)) for p in root.iterdir()
            if p.is_dir() and not p.name.startswith(("_", "."))}


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
    raise UnknownWorkspace(
        f"Werkruimte '{name_or_path}' bestaat niet: geen bestand of map met die naam, en geen "
        f"ingebouwde dataset ({', '.join(sorted(embedded))}). / Workspace '{name_or_path}' "
        "does not exist: no such file or folder, and no embedded dataset of that name."
    )


def format_of(path: Path) -> str:
    """``csv``, ``xlsx`` or ``gpkg`` by the path's ending (a folder is ``csv``)."""
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReadError(
            f"Onbekend formaat '{suffix}' van {path.name}: gebruik een map met CSV-bestanden, "
            f".xlsx of .gpkg. / Unknown format '{suffix}': use a folder of CSV files, .xlsx "
            "or .gpkg.", path=str(path))
    return FORMATS[suffix]


@dataclass(frozen=True)
class ReadResult:
    """A workspace read from files, with every problem found while reading and validating."""

    workspace: Workspace
    problems: list[Problem]
    origins: dict[str, Origin] = field(default_factory=dict)
    path: Path | None = None

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
) -> ReadResult:
    """Read (and by default validate) a workspace from a folder, workbook or GeoPackage.

    Raises :class:`~pmiek.errors.UnknownWorkspace` or :class:`~pmiek.errors.ReadError` only
    when there is nothing to read; bad content is reported in ``ReadResult.problems``.
    """
    path = resolve(name_or_path)
    kind = format_of(path)
    if kind == "csv" and not path.is_dir():
        raise ReadError(f"'{path}' is geen map / is not a folder", path=str(path))
    reader = {"csv": read_csv_folder, "xlsx": read_xlsx, "gpkg": read_gpkg}[kind]
    raw, problems, origins = reader(path)
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
    if validate_rules:
        problems = merge(problems, validate(workspace, options))
    return ReadResult(workspace, problems, origins, path)


def write_workspace(workspace: Workspace, path: str | os.PathLike[str], *,
                    overwrite: bool = False, lang: str = "nl") -> Path:
    """Write ``workspace`` to ``path``; the format follows the path (see :func:`format_of`).

    The output is built in a temporary place beside the target and moved there when complete,
    so a failure leaves no half-written file. An existing target is replaced only with
    ``overwrite``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise WriteError(f"Onbekend uitvoerformaat '{suffix}' / unknown output format: use a "
                         "folder, .xlsx or .gpkg")
    if target.exists() and not overwrite:
        raise WriteError(f"'{target}' bestaat al / already exists (use --overwrite)")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise WriteError(f"Map '{parent}' bestaat niet / folder does not exist")
    kind = FORMATS[suffix]
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        if kind == "csv":
            built = staging / "out"
            built.mkdir()
            write_csv_folder(workspace, built)
        else:
            built = staging / target.name
            (write_xlsx if kind == "xlsx" else _write_gpkg)(workspace, built, lang)
        if target.exists():
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
        os.replace(built, target)
    except (OSError, ValueError, IllegalCharacterError) as exc:
        # ValueError covers what openpyxl and GDAL raise for content they cannot store
        # (for example control characters in a cell).
        raise WriteError(f"Schrijven naar '{target}' mislukt / writing failed: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _write_gpkg(workspace: Workspace, path: Path, lang: str) -> None:
    write_gpkg(workspace, path)


__all__ = [
    "DEFAULT_WORKSPACE",
    "Located",
    "Origin",
    "ReadResult",
    "embedded_workspaces",
    "format_of",
    "read_workspace",
    "resolve",
    "write_geojson",
    "write_outputs",
    "write_workspace",
]
