"""Writing an embedded dataset (``src/pmiek/data/NAME``) from its build script.

The shipped folders are package data: they hold the table CSVs (and ``SOURCES.md``) and no
``.pmiek-output.json`` marker, so :func:`pmiek.adapters.files.write_workspace` (which keeps
to the marker rules of user folders) is not the tool here. Every table is written beside the
folder first and then moved over its old version, one file at a time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from pmiek.adapters.files.csvfolder import write_csv_folder
from pmiek.domain.workspace import Workspace


def write_dataset(workspace: Workspace, folder: Path) -> list[Path]:
    """Write ``workspace``'s tables as CSV into ``folder`` (created when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.build-", dir=folder.parent))
    try:
        written = write_csv_folder(workspace, staging)
        for path in written:
            os.replace(path, folder / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / path.name for path in written]
