"""Issue 13, "data loss" and the writing tracebacks: the named cases.

- ``pmiek convert example . --overwrite`` run inside a folder emptied that folder (other files
  included) and then failed;
- ``pmiek convert pr/ws.xlsx pr --overwrite`` deleted the input workbook and an unrelated file
  in ``pr/``; ``export`` shares that code;
- converting to ``.xlsx`` silently cut cells at Excel's 32,767 characters (a real municipal
  outline in WKT is 92,000) and still reported success;
- an output path that is a file, or on a read-only disk, ended in a traceback (or, with
  ``--overwrite``, in the file's loss).
"""

from __future__ import annotations

import errno
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import shapely
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import embedded_workspaces
from tests.store.helpers import open_store, small

runner = CliRunner()
ENV = {"COLUMNS": "400", "PMIEK_LANG": "nl", "PMIEK_DATABASE_URL": None}


def pmiek(*args: object, lang: str = "nl") -> Any:
    return runner.invoke(build_app(lang), [str(a) for a in args], env=ENV)


def tree(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file below ``folder``: bytes, mode and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mode,
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_convert_example_to_dot_with_overwrite_keeps_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pmiek convert example . --overwrite` run inside a folder emptied that folder (other
    files included) and then failed."""
    (tmp_path / "notities.txt").write_text("van mij", encoding="utf-8")
    (tmp_path / "rapport.docx").write_bytes(b"PK\x03\x04 not really")
    before = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = pmiek("convert", "example", ".", "--overwrite")
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notities.txt", "rapport.docx"]
    assert result.exit_code == 1, result.output
    assert "huidige map" in result.stderr
    assert "Traceback" not in result.output


def test_convert_a_workbook_into_its_own_folder_keeps_the_input_and_other_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pmiek convert pr/ws.xlsx pr --overwrite` deleted the input workbook and an unrelated
    file in pr/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pr").mkdir()
    made = pmiek("convert", "example", "pr/ws.xlsx")
    assert made.exit_code == 0, made.output
    (tmp_path / "pr" / "begroting.ods").write_bytes(b"someone else's")
    before = tree(tmp_path)
    result = pmiek("convert", "pr/ws.xlsx", "pr", "--overwrite")
    assert tree(tmp_path) == before
    assert result.exit_code == 1, result.output
    assert "invoer" in result.stderr


def test_export_over_a_folder_with_other_files_keeps_them(tmp_path: Path) -> None:
    """`export` shares that code: `pmiek export NAME FOLDER --overwrite` emptied a folder of
    files that pmiek did not write."""
    url = f"sqlite:///{tmp_path}/store.db"
    with open_store(url) as store:
        store.import_workspace(small(), "u", user="tester")
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "brief.txt").write_text("bewaren", encoding="utf-8")
    (folder / "areas.csv").write_text("id\nvan-mij\n", encoding="utf-8")
    before = tree(folder)
    result = pmiek("export", "u", folder, "--overwrite", "--db", url)
    assert tree(folder) == before
    assert result.exit_code == 1, result.output
    assert "niet door pmiek geschreven" in result.stderr


def _outline(characters: int) -> str:
    """A municipal outline as WKT of about ``characters`` characters, inside GM0344."""
    circle = shapely.Point(136_000.0, 456_000.0).buffer(4_000.0, quad_segs=64)
    segments = 64
    while len(shapely.to_wkt(circle, rounding_precision=3)) < characters:
        segments *= 2
        circle = shapely.Point(136_000.0, 456_000.0).buffer(4_000.0, quad_segs=segments)
    return str(shapely.to_wkt(circle, rounding_precision=3))


def test_convert_to_xlsx_refuses_a_cell_over_excels_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Converting to .xlsx silently cut cells at Excel's 32,767 characters (a real municipal
    outline in WKT is 92,000) and still reported success."""
    workspace = tmp_path / "ws"
    shutil.copytree(embedded_workspaces()["example"], workspace)
    areas = pd.read_csv(workspace / "areas.csv", dtype=str, keep_default_na=False)
    row = int((areas["id"] == "GM0344").to_numpy().nonzero()[0][0])
    outline = _outline(92_000)
    assert len(outline) > 32_767
    areas.loc[row, "geometry"] = outline
    areas.to_csv(workspace / "areas.csv", index=False)
    monkeypatch.chdir(tmp_path)
    result = pmiek("convert", "ws", "ws.xlsx")
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    assert f"Werkblad areas, rij {row + 2} (id GM0344), kolom geometry" in message
    assert f"{len(outline):,}".replace(",", ".") in message
    assert not (tmp_path / "ws.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws"]  # no staging left


def test_an_output_path_that_is_a_file_is_a_message_and_the_file_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An output path that is a file: `convert` (a folder of CSV files expected) deleted it
    with --overwrite; now a message, and the file stays."""
    (tmp_path / "uitvoer").write_text("een bestand, geen map", encoding="utf-8")
    before = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    for args in (["convert", "example", "uitvoer", "--overwrite"],
                 ["convert", "example", "uitvoer"]):
        result = pmiek(*args, lang="en")
        assert tree(tmp_path) == before
        assert result.exit_code == 1, result.output
        assert "uitvoer" in result.stderr and "Traceback" not in result.output


def test_an_output_on_a_read_only_disk_is_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An output path on a read-only disk ended in a traceback (an OSError from the staging
    folder): now a message that names the path, exit 1."""

    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    result = pmiek("convert", "example", "kopie.xlsx", lang="en")
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "kopie.xlsx" in result.stderr and "Read-only file system" in result.stderr
    assert list(tmp_path.iterdir()) == []
