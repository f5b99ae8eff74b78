"""The library of standard profiles and unit parameters that ships with pmiek.

It lives in the package (``pmiek/data/library``): ``library.toml`` (name, version, what it
holds and where it comes from, and in ``[profile_descriptions]`` what each profile is),
``profiles.csv`` and ``unit_parameters.csv`` in the format of the
workspace tables of the same name, and ``SOURCES.md``. :func:`shipped_library` reads and
validates it once per process; :func:`pmiek.adapters.files.read_workspace` completes every
workspace with it (see :func:`pmiek.domain.library.complete`).
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path

from pmiek.adapters.files.csvfolder import read_csv_folder
from pmiek.adapters.files.origin import locate
from pmiek.domain.library import Library
from pmiek.domain.problems import errors
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from pmiek.errors import ReadError

LIBRARY_TABLES = ("profiles", "unit_parameters")
"""The tables a library holds."""


def library_folder() -> Path:
    """The folder of the shipped library."""
    return Path(str(resources.files("pmiek") / "data" / "library"))


def read_library(folder: Path) -> Library:
    """The library in ``folder``; a library with errors is refused with the first of them."""
    meta_path = folder / "library.toml"
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ReadError(f"{meta_path.name}: {exc}", path=str(meta_path)) from exc
    raw, problems, origins = read_csv_folder(folder)
    unknown = sorted(set(raw) - set(LIBRARY_TABLES))
    if unknown:
        raise ReadError(f"{folder.name}: onverwachte tabellen / unexpected tables {unknown}",
                        path=str(folder))
    workspace, parsing = Workspace.from_raw(raw)
    bad = errors(problems + parsing + validate(workspace))
    if bad:
        first = locate(bad[:1], origins)[0]
        where = f"{Path(first.path or folder).name}, rij/row {first.line}, {first.problem.column}"
        raise ReadError(f"{where}: {first.problem.message('nl')} / "
                        f"{first.problem.message('en')}", path=str(folder))
    described = meta.get("profile_descriptions", {})
    if not isinstance(described, dict) or not all(isinstance(v, str)
                                                  for v in described.values()):
        raise ReadError(f"{meta_path.name}: [profile_descriptions] holds profile = \"text\" "
                        "lines only", path=str(meta_path))
    return Library(str(meta["name"]), str(meta["version"]), workspace.profiles,
                   workspace.unit_parameters, descriptions=dict(described))


@functools.cache
def shipped_library() -> Library:
    """The library that ships with pmiek (read once per process)."""
    return read_library(library_folder())
