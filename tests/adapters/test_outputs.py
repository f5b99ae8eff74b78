"""write_outputs: all or nothing, never over what pmiek did not write."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from pmiek.adapters.files import write_outputs
from pmiek.adapters.files.outputs import MARKER
from pmiek.domain.provenance import Provenance
from pmiek.errors import WriteError


@dataclass(frozen=True)
class Result:
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    provenance: Provenance = field(default_factory=lambda: Provenance("test", {"k": 1},
                                                                      "abc"))

    def to_frames(self) -> dict[str, pd.DataFrame]:
        return dict(self.frames)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (hidden files too)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


RESULT = Result({"a": pd.DataFrame({"x": [1, 2]}), "sub/b": pd.DataFrame({"y": [0.5]})})


def test_a_new_folder_gets_every_file_and_the_marker(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper"
    written = write_outputs(RESULT, out, extras={"c.txt": lambda p: p.write_text("c")})
    assert sorted(p.relative_to(out).as_posix() for p in written) == [
        "a.csv", "c.txt", "metadata.json", "resultaten.xlsx", "sub/b.csv"]
    assert (out / "a.csv").read_text() == "x\n1\n2\n"
    marker = json.loads((out / MARKER).read_text())
    assert marker["files"] == ["a.csv", "c.txt", "metadata.json", "resultaten.xlsx",
                               "sub/b.csv"]
    assert marker["provenance"]["parameters"] == {"k": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["new"]  # no staging left


def test_a_foreign_folder_is_refused_and_untouched(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"mine")
    before = tree(tmp_path)
    with pytest.raises(WriteError, match="niet door pmiek geschreven"):
        write_outputs(RESULT, tmp_path)
    assert tree(tmp_path) == before


def test_pmiek_folder_keeps_foreign_files_and_replaces_its_own(tmp_path: Path) -> None:
    write_outputs(RESULT, tmp_path / "out")
    (tmp_path / "out" / "notes.txt").write_text("keep")
    changed = Result({"a": pd.DataFrame({"x": [3]})})
    write_outputs(changed, tmp_path / "out")
    assert (tmp_path / "out" / "a.csv").read_text() == "x\n3\n"
    assert (tmp_path / "out" / "notes.txt").read_text() == "keep"
    assert (tmp_path / "out" / "sub" / "b.csv").is_file()  # nothing deleted
    assert json.loads((tmp_path / "out" / MARKER).read_text())["files"] == [
        "a.csv", "metadata.json", "resultaten.xlsx", "sub/b.csv"]


def test_a_foreign_file_with_an_output_name_refuses_the_whole_write(tmp_path: Path) -> None:
    write_outputs(Result({"a": pd.DataFrame({"x": [1]})}), tmp_path / "out")
    (tmp_path / "out" / "sub").mkdir()
    (tmp_path / "out" / "sub" / "b.csv").write_text("someone else's")
    before = tree(tmp_path)
    with pytest.raises(WriteError, match="not written by pmiek"):
        write_outputs(RESULT, tmp_path / "out")
    assert tree(tmp_path) == before


def test_a_failing_writer_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    write_outputs(RESULT, tmp_path / "out")
    before = tree(tmp_path)

    def broken(path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    changed = Result({"a": pd.DataFrame({"x": [9]})})
    with pytest.raises(WriteError, match="disk full"):
        write_outputs(changed, tmp_path / "out", extras={"chart.png": broken})
    assert tree(tmp_path) == before


def test_a_file_as_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("a file")
    with pytest.raises(WriteError, match="not a folder"):
        write_outputs(RESULT, target)
    assert target.read_text() == "a file"


def test_an_empty_existing_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    write_outputs(RESULT, tmp_path / "out")
    assert sorted(tree(tmp_path / "out")) == [MARKER, "a.csv", "metadata.json",
                                              "resultaten.xlsx", "sub/b.csv"]
