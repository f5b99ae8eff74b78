"""The readers' limits (pmiek.adapters.files.limits): refused in words, counted while reading.

Issue 13, done-when 5: a workbook whose XML expands past the limit — including one whose zip
header under-declares the size — is refused with a clear message after decompressing no more
than the limit (asserted on the bytes decompressed, not on time).
"""

from __future__ import annotations

import dataclasses
import struct
import zipfile
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from openpyxl import Workbook

from pmiek.adapters.files import limits as limits_module
from pmiek.adapters.files.csvfolder import read_csv_folder
from pmiek.adapters.files.geo_reader import read_gpkg
from pmiek.adapters.files.limits import (
    DEFAULT_LIMITS,
    GIB,
    MIB,
    ReadLimits,
    ZipRefused,
    expand_zip,
    size_text,
)
from pmiek.adapters.files.xlsx_reader import read_xlsx
from pmiek.domain.problems import Code

PART = "xl/worksheets/sheet1.xml"
LIMIT = 1_000_000
BOMB = 50 * 2**20


def small_workbook(path: Path, rows: int = 2) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "areas"
    sheet.append(["id", "name", "kind"])
    for i in range(rows):
        sheet.append([f"A{i}", "naam", "region"])
    book.save(path)
    return path


def with_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info))
    return target


def declare(path: Path, part: str, size: int) -> None:
    """Make the local header and the central directory of ``part`` declare ``size``."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == part.encode():
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 46)
    path.write_bytes(bytes(data))


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    """A workbook whose first sheet is 50 MiB of zeros (some 50 KiB compressed)."""
    return with_part(small_workbook(tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx", PART,
                     b"0" * BOMB)


def counted_expansion(path: Path, limits: ReadLimits) -> tuple[int, ZipRefused | None]:
    """The bytes handed out while checking ``path``, and the refusal if any."""
    seen = [0]

    def visit(part: str, chunk: bytes) -> None:
        seen[0] += len(chunk)
    try:
        with zipfile.ZipFile(path) as archive:
            expand_zip(archive, limits, visit)
    except ZipRefused as refused:
        assert refused.decompressed >= seen[0]
        return refused.decompressed, refused
    return seen[0], None


# --- the limits themselves ----------------------------------------------------------------


def test_defaults_sit_above_the_national_scale_and_are_frozen() -> None:
    assert DEFAULT_LIMITS.rows >= 10 * 10**6  # 10^6 developments, with room for profiles
    assert DEFAULT_LIMITS.file_bytes >= GIB  # a CSV of 10^6 developments is ~300 MB
    assert DEFAULT_LIMITS.xlsx_expanded_bytes >= 2 * GIB  # and its workbook ~1 GB of XML
    assert DEFAULT_LIMITS.cell_chars >= 1_000_000  # a 92,000-character outline fits
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_LIMITS.rows = 1  # type: ignore[misc]


def test_sizes_read_like_people_write_them() -> None:
    assert [size_text(n) for n in (300, 12 * 1024, 348 * MIB, 2 * GIB)] == [
        "300 bytes", "12 KiB", "348 MiB", "2 GiB"]


# --- expanded workbooks (done-when 5) ----------------------------------------------------


def test_expansion_past_the_limit_is_refused_on_the_declared_size(bomb: Path) -> None:
    decompressed, refused = counted_expansion(bomb, ReadLimits(xlsx_expanded_bytes=LIMIT))
    assert refused is not None and refused.problem.code is Code.TOO_LARGE
    assert decompressed == 0 <= LIMIT
    assert refused.problem.expected == size_text(LIMIT)


def test_under_declared_size_is_refused_after_at_most_the_limit(bomb: Path) -> None:
    declare(bomb, PART, 1024)
    with zipfile.ZipFile(bomb) as archive:
        assert sum(i.file_size for i in archive.infolist()) < LIMIT  # the lie passes
    decompressed, refused = counted_expansion(bomb, ReadLimits(xlsx_expanded_bytes=LIMIT))
    assert refused is not None
    assert decompressed <= LIMIT
    assert PART in refused.problem.message("en")
    assert "declares" in refused.problem.message("en")


def test_the_counter_stops_one_byte_past_the_limit(bomb: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """zipfile hands out no more than a part declares; should it ever, the running count
    stops the expansion one byte past the limit."""
    monkeypatch.setattr(limits_module, "_declared", lambda archive, limits: None)
    decompressed, refused = counted_expansion(bomb, ReadLimits(xlsx_expanded_bytes=LIMIT,
                                                               xlsx_ratio=1e9))
    assert refused is not None and refused.problem.code is Code.TOO_LARGE
    assert decompressed == LIMIT + 1
    assert refused.problem.got == f"> {size_text(LIMIT)}"


def test_a_part_that_expands_too_many_times_is_refused(bomb: Path) -> None:
    decompressed, refused = counted_expansion(bomb, ReadLimits(xlsx_ratio=100))
    assert refused is not None and decompressed == 0
    assert PART in refused.problem.message("nl")
    assert refused.problem.expected == "100×"


def test_an_ordinary_workbook_passes_and_every_byte_is_counted(tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "ok.xlsx", rows=50)
    decompressed, refused = counted_expansion(path, DEFAULT_LIMITS)
    assert refused is None
    with zipfile.ZipFile(path) as archive:
        assert decompressed == sum(i.file_size for i in archive.infolist())


@pytest.mark.parametrize("declared", [None, 1024], ids=["honest", "under-declared"])
def test_read_xlsx_refuses_the_bomb_in_words(declared: int | None, bomb: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if declared is not None:
        declare(bomb, PART, declared)
    counted = [0]
    original = zipfile.ZipExtFile.read

    def read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = original(self, n)
        counted[0] += len(data)
        return data
    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    raw, problems, _ = read_xlsx(bomb, limits=ReadLimits(xlsx_expanded_bytes=LIMIT))
    assert raw == {}
    (problem,) = problems
    assert problem.code in (Code.TOO_LARGE, Code.UNREADABLE)
    assert problem.message("nl").strip() and problem.hint("nl").strip()
    assert counted[0] <= LIMIT


# --- files, rows, cells --------------------------------------------------------------------


def test_a_file_too_large_is_one_problem_naming_the_limit_and_the_size(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "areas.csv").write_text("id,name,kind\n" + "A,a,region\n" * 20, encoding="utf-8")
    raw, problems, origins = read_csv_folder(folder, limits=ReadLimits(file_bytes=100))
    assert raw == {}
    (problem,) = problems
    assert (problem.code, problem.table, problem.expected) == (Code.TOO_LARGE, "areas",
                                                              "100 bytes")
    assert problem.got == size_text((folder / "areas.csv").stat().st_size)
    assert "areas.csv" in problem.message("en")
    assert origins["areas"].path.endswith("areas.csv")
    workbook = small_workbook(tmp_path / "ws.xlsx")
    (problem,) = read_xlsx(workbook, limits=ReadLimits(file_bytes=100))[1]
    assert problem.code is Code.TOO_LARGE and "ws.xlsx" in problem.message("nl")


def test_too_many_rows_is_one_problem_per_table(tmp_path: Path) -> None:
    few = ReadLimits(rows=3)
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "areas.csv").write_text("id,name,kind\n" + "A,a,region\n" * 4, encoding="utf-8")
    (folder / "scenarios.csv").write_text("id,name\nS1,s\nS2,t\n", encoding="utf-8")
    raw, problems, _ = read_csv_folder(folder, limits=few)
    assert list(raw) == ["scenarios"]
    (problem,) = problems
    assert (problem.code, problem.table, problem.got) == (Code.TOO_LARGE, "areas", "> 3")
    (problem,) = read_xlsx(small_workbook(tmp_path / "ws.xlsx", rows=4), limits=few)[1]
    assert (problem.code, problem.table) == (Code.TOO_LARGE, "areas")
    path = tmp_path / "ws.gpkg"
    pyogrio.raw.write(path, np.asarray(shapely.to_wkb([shapely.Point(136000, 455000)] * 4)),
                      [np.array([f"A{i}" for i in range(4)], dtype=object)], ["id"],
                      layer="areas", driver="GPKG", geometry_type="Point", crs="EPSG:28992")
    raw, problems, _ = read_gpkg(path, limits=few)
    assert raw == {} and [(p.code, p.table) for p in problems] == [(Code.TOO_LARGE, "areas")]


def test_a_cell_too_long_names_its_row_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "areas.csv").write_text("id,name,kind\nA,a,region\nB,twaalf tekens,region\n",
                                      encoding="utf-8")
    _, problems, origins = read_csv_folder(folder, limits=ReadLimits(cell_chars=10))
    (problem,) = problems
    assert (problem.code, problem.column, origins["areas"].line(problem.row)) == (
        Code.TOO_LARGE, "name", 3)
    assert problem.got.startswith("13 ")


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "areas.csv").mkdir()
    _, problems, _ = read_csv_folder(folder)
    (problem,) = problems
    assert problem.code is Code.UNREADABLE
    assert "a folder, not a regular file" in problem.message("en")
    assert "een map, geen gewoon bestand" in problem.message("nl")
