"""Issue 13, "readers refuse what they cannot read, in words": the named cases of the readers.

Tracebacks: duplicate headers after trimming; corrupt or truncated XLSX parts; a 3D GeoPackage
layer; rich-markup characters in names. Silent wrong acceptance: a duplicate sheet whose name
differs by a trailing space; ``1.000``/``1,000``/``2.500`` read as 1, 1 and 2.5 MW; rows with
too few fields; data in a column without a header; ids that differ only in Unicode
normalisation or contain NUL/control characters; formula cells without a cached value and
merged cells read as empty; GeoPackage layers skipped without a word. Hangs and bombs: a named
pipe as input; a small workbook that expands to hundreds of MB of XML. Misleading messages:
row numbers shifted by quoted newlines; a UTF-16 file reported as a field-count problem; RD
coordinates read as WGS84 reported as a self-intersection. And the CSV writer: text that a
spreadsheet takes for a formula is neutralised and read back unchanged.

Codes are compared as text, so that on a commit without them a test fails on its assertion.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import threading
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from openpyxl import Workbook

from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.domain.workspace import Workspace

AREAS = "id,name,kind\nGM0344,Utrecht,municipality\nGM0356,Nieuwegein,municipality\n"


def found(result: Any, code: str) -> list[Any]:
    """The located problems of ``code`` (compared as text)."""
    return [p for p in result.located() if p.problem.code == code]


def folder_with(tmp_path: Path, **files: str | bytes) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    for name, content in files.items():
        target = folder / name.replace("__", ".")
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def workbook(path: Path, sheets: dict[str, list[list[object]]],
             merge: dict[str, str] | None = None) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if merge and title in merge:
            sheet.merge_cells(merge[title])
    book.save(path)
    return path


def shared_strings_workbook(path: Path, rows: list[list[str]], *,
                            strings: bytes | None = None) -> Path:
    """A workbook as Excel writes it: every text in the shared strings part (``strings``
    replaces that part)."""
    table: list[str] = []
    cells = []
    for r, row in enumerate(rows, start=1):
        xml = "".join(f'<c r="{chr(65 + c)}{r}" t="s"><v>{_index(table, v)}</v></c>'
                      for c, v in enumerate(row))
        cells.append(f'<row r="{r}">{xml}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
            'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument'
            '.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sharedStrings+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="areas" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>'),
    }
    sst = "".join(f"<si><t>{t}</t></si>" for t in table)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", strings if strings is not None else (
            f'<sst xmlns="{main}" count="{len(table)}" uniqueCount="{len(table)}">{sst}</sst>'
        ).encode())
    return path


def _index(table: list[str], value: str) -> int:
    if value not in table:
        table.append(value)
    return table.index(value)


def rewrite_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    """A copy of the workbook ``source`` with ``part`` replaced (a valid zip: CRCs match)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == part else old.read(info))
    return target


@pytest.fixture(scope="module")
def example_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "example.xlsx"
    write_workspace(read_workspace("example", validate_rules=False).workspace, path)
    return path


def sheet_part(path: Path, title: str) -> str:
    """The zip part of the worksheet ``title``."""
    with zipfile.ZipFile(path) as archive:
        workbook_xml = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'name="{title}"[^>]*r:id="(rId\d+)"', workbook_xml)
    assert rid is not None
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + target.group(1).removeprefix("/xl/")


# --- tracebacks ----------------------------------------------------------------------------


def test_duplicate_headers_after_trimming_in_a_csv_are_an_error(tmp_path: Path) -> None:
    """Duplicate headers after trimming (`id, id ` in a CSV) ended in a traceback."""
    folder = folder_with(tmp_path, areas__csv="id,name,kind,id \nGM0344,Utrecht,municipality,X\n")
    result = read_workspace(folder)
    (problem,) = found(result, "duplicate_column")
    assert problem.problem.column == "id"
    assert problem.problem.got == "'id', 'id '"
    assert problem.path is not None and problem.path.endswith("areas.csv")
    assert not result.ok
    assert result.workspace.areas["id"].tolist() == ["GM0344"]  # the first column is read


def test_duplicate_headers_after_trimming_in_a_sheet_are_an_error(tmp_path: Path) -> None:
    """Duplicate headers after trimming (in a sheet) ended in a traceback."""
    path = workbook(tmp_path / "ws.xlsx", {"areas": [
        ["id", "name", " id", "kind"], ["GM0344", "Utrecht", "X", "municipality"]]})
    result = read_workspace(path)
    (problem,) = found(result, "duplicate_column")
    assert (problem.problem.column, problem.sheet) == ("id", "areas")
    assert problem.problem.got == "'id', ' id'"


def test_truncated_worksheet_part_is_refused_in_words(example_xlsx: Path,
                                                      tmp_path: Path) -> None:
    """Corrupt or truncated XLSX parts (a truncated `xl/worksheets/sheet2.xml`) ended in a
    traceback."""
    part = sheet_part(example_xlsx, "assets")
    with zipfile.ZipFile(example_xlsx) as archive:
        data = archive.read(part)
    broken = rewrite_part(example_xlsx, tmp_path / "cut.xlsx", part, data[: len(data) // 2])
    result = read_workspace(broken)
    (problem,) = found(result, "unreadable")
    assert problem.problem.table == "assets"
    assert "'assets'" in problem.problem.message("en")
    assert not result.ok


def test_garbage_worksheet_part_is_refused_naming_the_part(example_xlsx: Path,
                                                           tmp_path: Path) -> None:
    """Corrupt XLSX parts (garbage in a worksheet part) ended in a traceback."""
    part = sheet_part(example_xlsx, "assets")
    broken = rewrite_part(example_xlsx, tmp_path / "garbage.xlsx", part, b"\x00\xff" * 500)
    result = read_workspace(broken)
    (problem,) = found(result, "unreadable")
    assert part in problem.problem.message("en")
    assert part in problem.problem.message("nl")


def test_damaged_compressed_part_is_refused_naming_the_part(example_xlsx: Path,
                                                            tmp_path: Path) -> None:
    """Corrupt XLSX parts: bytes flipped inside a compressed part (its checksum fails)."""
    data = bytearray(example_xlsx.read_bytes())
    with zipfile.ZipFile(example_xlsx) as archive:
        info = max(archive.infolist(), key=lambda i: i.compress_size)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + info.compress_size // 2, start + info.compress_size // 2 + 64):
        data[k] ^= 0x5A
    broken = tmp_path / "flipped.xlsx"
    broken.write_bytes(bytes(data))
    result = read_workspace(broken)
    (problem,) = found(result, "unreadable")
    assert info.filename in problem.problem.message("en")


@pytest.mark.parametrize("strings", [b"<sst><si><t>id</t></si><si><t>na", b"\x00garbage"],
                         ids=["truncated", "garbage"])
def test_broken_shared_strings_are_refused_in_words(strings: bytes, tmp_path: Path) -> None:
    """Corrupt or truncated XLSX parts (a truncated or garbage sharedStrings part) ended in a
    traceback."""
    rows = [["id", "name", "kind"], ["GM0344", "Utrecht", "municipality"]]
    assert read_workspace(shared_strings_workbook(tmp_path / "ok.xlsx", rows)).ok
    broken = shared_strings_workbook(tmp_path / "broken.xlsx", rows, strings=strings)
    result = read_workspace(broken)
    (problem,) = found(result, "unreadable")
    assert "xl/sharedStrings.xml" in problem.problem.message("en")


def test_3d_geopackage_layer_is_read_in_2d_with_a_warning(tmp_path: Path) -> None:
    """A 3D GeoPackage layer (POINT Z / POLYGON Z): pmiek works in RD New, in 2D, so the
    height is dropped, and a warning says so."""
    path = tmp_path / "z.gpkg"
    geoms = [shapely.Point(136000, 455000, 5.0),
             shapely.Polygon([(130000, 450000, 1), (131000, 450000, 1), (131000, 451000, 2),
                              (130000, 450000, 1)])]
    fields = [np.array(v, dtype=object) for v in (["A", "B"], ["a", "b"], ["region"] * 2)]
    pyogrio.raw.write(path, np.asarray(shapely.to_wkb(geoms)), fields, ["id", "name", "kind"],
                      layer="areas", driver="GPKG", geometry_type="Unknown", crs="EPSG:28992")
    result = read_workspace(path)
    assert result.ok
    (warning,) = found(result, "dropped_height")
    assert (warning.problem.got, warning.problem.severity, warning.sheet) == (
        "2", "warning", "areas")
    geometry = result.workspace.areas["geometry"].to_numpy(dtype=object)
    assert not shapely.has_z(geometry).any()
    assert shapely.equals_exact(geometry, np.asarray(shapely.force_2d(geoms)),
                                tolerance=0.0).all()


def test_rich_markup_in_names_is_read_as_plain_text(tmp_path: Path) -> None:
    """Rich-markup characters in names: the readers keep them as text (showing them is the
    renderer's job)."""
    name = "[bold red]Utrecht[/] [link=x]"
    folder = folder_with(tmp_path, areas__csv=f'id,name,kind,[/i]\nGM0344,"{name}",region,x\n')
    result = read_workspace(folder)
    assert result.workspace.areas["name"].tolist() == [name]
    assert [p.problem.column for p in found(result, "unknown_column")] == ["[/i]"]
    path = workbook(tmp_path / "ws.xlsx", {"areas": [["id", "name", "kind"],
                                                     ["GM0344", name, "region"]]})
    assert read_workspace(path).workspace.areas["name"].tolist() == [name]


# --- silent wrong acceptance ---------------------------------------------------------------


def test_sheet_name_with_a_trailing_space_does_not_replace_the_real_one(tmp_path: Path) -> None:
    """A duplicate sheet whose name differs by a trailing space (`assets` and `assets `)
    replaced the real one."""
    path = workbook(tmp_path / "ws.xlsx", {
        "areas": [["id", "name", "kind"], ["GM0344", "Utrecht", "municipality"]],
        "areas ": [["id", "name", "kind"], ["OUD", "Oud", "region"]]})
    result = read_workspace(path)
    (problem,) = found(result, "duplicate_table")
    assert problem.problem.got == "'areas', 'areas '"
    assert "'areas '" in problem.problem.message("nl")
    assert not result.ok
    assert result.workspace.areas["id"].tolist() == ["GM0344"]


def test_thousands_separators_are_not_read_as_decimals(tmp_path: Path) -> None:
    """`1.000`/`1,000`/`2.500` were read as 1, 1 and 2.5 MW. In a comma-separated file the
    dot is the decimal mark (19.925 stays 19.925) and a comma in a number is an error; in a
    semicolon-separated file the comma is, and `1.000` or `2.500` is an error asking which
    was meant."""
    comma = folder_with(tmp_path, resources__csv=(
        'year,operator,budget_meur,fte\n2030,A,19.925,"1,000"\n2031,B,1.000,2\n'))
    result = read_workspace(comma)
    (problem,) = found(result, "ambiguous_number")
    assert (problem.problem.column, problem.line, problem.problem.got) == ("fte", 2, "1,000")
    assert problem.problem.expected == "1000 or 1"
    assert "1000 of 1" in problem.problem.hint("nl")
    assert result.workspace.resources["budget_meur"].tolist() == [19.925, 1.0]

    semicolon = tmp_path / "semicolon"
    semicolon.mkdir()
    (semicolon / "resources.csv").write_text(
        "year;operator;budget_meur;fte\n2030;A;19,925;1.000\n2031;B;2.500;1,5\n",
        encoding="utf-8")
    result = read_workspace(semicolon)
    problems = sorted(found(result, "ambiguous_number"), key=lambda p: p.line)
    assert [(p.line, p.problem.column, p.problem.got) for p in problems] == [
        (2, "fte", "1.000"), (3, "budget_meur", "2.500")]
    assert [p.problem.params["expected_nl"] for p in problems] == ["1000 of 1", "2500 of 2,5"]
    resources = result.workspace.resources
    assert resources["budget_meur"].iloc[0] == 19.925
    assert resources["fte"].iloc[1] == 1.5
    assert not result.ok


def test_a_comma_in_a_number_of_a_sheet_text_cell_is_an_error(tmp_path: Path) -> None:
    """Text cells in a workbook follow the comma-separated rule: the dot is the decimal mark
    and a comma in a number is an error (numeric cells are numbers already)."""
    path = workbook(tmp_path / "ws.xlsx", {"resources": [
        ["year", "operator", "budget_meur", "fte"], [2030, "A", "1,000", 19.925],
        [2031, "B", "2.5", "3"]]})
    result = read_workspace(path)
    (problem,) = found(result, "ambiguous_number")
    assert (problem.line, problem.sheet, problem.problem.column) == (2, "resources",
                                                                    "budget_meur")
    assert result.workspace.resources["fte"].tolist() == [19.925, 3.0]
    assert result.workspace.resources["budget_meur"].iloc[1] == 2.5


def test_rows_with_too_few_fields_are_errors_at_their_line(tmp_path: Path) -> None:
    """Rows with too few fields were read as if the missing fields were empty."""
    folder = folder_with(tmp_path, areas__csv=(
        "id,name,kind,parent_id\nGM0344,Utrecht,municipality,\n\n"
        'GM0356,"Nieuwe\ngein",municipality\nPV26,Utrecht,province,\n'))
    result = read_workspace(folder)
    (problem,) = found(result, "short_row")
    assert (problem.line, problem.problem.got, problem.problem.expected) == (4, "3", "4")
    assert problem.problem.row_id is None or problem.problem.row_id == "GM0356"


def test_data_in_a_column_without_a_header_is_an_error(tmp_path: Path) -> None:
    """Data in a column without a header was dropped (sheet) or read as a column 'Unnamed: 2'
    (CSV) without an error."""
    folder = folder_with(tmp_path, areas__csv=(
        "id,name,,kind\nGM0344,Utrecht,,municipality\nGM0356,Nieuwegein,oud,municipality\n"))
    (problem,) = found(read_workspace(folder), "unnamed_column")
    assert (problem.line, problem.problem.got, problem.problem.params["position"]) == (
        3, "oud", "3 (C)")
    path = workbook(tmp_path / "ws.xlsx", {"areas": [
        ["id", "name", "kind"], ["GM0344", "Utrecht", "municipality", "vergeten kop"]]})
    (problem,) = found(read_workspace(path), "unnamed_column")
    assert (problem.line, problem.sheet, problem.problem.params["position"]) == (
        2, "areas", "4 (D)")


def test_ids_that_differ_only_in_unicode_normalisation_are_one_id(tmp_path: Path) -> None:
    """Ids that differ only in Unicode normalisation were two ids (and a reference in the
    other form dangled)."""
    composed, decomposed = "Zo\u00eb", "Zoe\u0308"
    folder = folder_with(tmp_path, areas__csv=(
        f"id,name,kind,parent_id\nPV,Provincie,province,\n{composed},a,municipality,PV\n"
        f"{decomposed},b,municipality,PV\nW,c,hotspot,{decomposed}\n"))
    result = read_workspace(folder)
    assert [p.problem.code for p in result.located() if p.problem.severity == "error"] == [
        "duplicate_key"]
    assert found(result, "duplicate_key")[0].problem.row_id == composed
    assert result.workspace.areas["parent_id"].tolist()[-1] == composed


def test_ids_with_nul_or_control_characters_are_errors(tmp_path: Path) -> None:
    """Ids that contain NUL or other control characters were accepted."""
    folder = folder_with(tmp_path, areas__csv=(
        "id,name,kind,parent_id\nGM\x000344,a,municipality,\nGM0356,b,municipality,GM\x1b[31m\n"
        "GM0357,c\td,municipality,\n"))
    result = read_workspace(folder)
    problems = found(result, "control_character")
    assert [(p.line, p.problem.column, p.problem.got) for p in problems] == [
        (2, "id", "GM\\x000344"), (3, "parent_id", "GM\\x1b[31m")]
    assert problems[0].problem.params["character"] == "U+0000"
    assert "\x00" not in problems[0].problem.message("nl")
    assert not result.ok


def test_formula_without_a_cached_value_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    """Formula cells without a cached value were read as empty."""
    path = workbook(tmp_path / "ws.xlsx", {"resources": [
        ["year", "operator", "budget_meur"], [2030, "A", 5], [2031, "B", "=C2*2"]]})
    result = read_workspace(path)
    (problem,) = found(result, "uncached_formula")
    assert (problem.problem.got, problem.line, problem.problem.column) == (
        "resources!C3", 3, "budget_meur")
    assert "resources!C3" in problem.problem.message("nl")


def test_merged_cells_are_an_error_naming_the_cells(tmp_path: Path) -> None:
    """Merged cells were read as empty (all but the first)."""
    path = workbook(tmp_path / "ws.xlsx", {"areas": [
        ["id", "name", "kind"], ["GM0344", "Utrecht", "municipality"],
        ["GM0356", None, None]]}, merge={"areas": "C2:C3"})
    result = read_workspace(path)
    (problem,) = found(result, "merged_cells")
    assert (problem.problem.got, problem.line, problem.problem.column) == (
        "areas!C2:C3", 2, "kind")


def test_geopackage_layers_that_are_not_read_are_named(tmp_path: Path) -> None:
    """GeoPackage layers were skipped without a word: a raster (tiles) layer next to the
    tables is named in a warning."""
    path = tmp_path / "ws.gpkg"
    write_workspace(read_workspace("example", validate_rules=False).workspace, path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE luchtfoto (id INTEGER PRIMARY KEY, zoom_level INTEGER, "
                   "tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                   "VALUES ('luchtfoto', 'tiles', 'luchtfoto', 28992)")
    db.close()
    result = read_workspace(path)
    (warning,) = found(result, "unknown_table")
    assert warning.problem.table == "luchtfoto"
    assert "tiles" in warning.problem.got
    assert result.ok


# --- hangs and bombs -----------------------------------------------------------------------


def _reads_without_blocking(path: Path, folder: Path) -> Any:
    """``read_workspace(folder)`` in a thread; if it blocks on the pipe ``path``, open the
    pipe's other end so that it returns, and fail."""
    results: list[Any] = []
    thread = threading.Thread(target=lambda: results.append(read_workspace(folder)),
                              daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)
        pytest.fail(f"reading {path.name} blocked")
    return results[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["areas.csv", "ws.xlsx", "ws.gpkg"])
def test_named_pipe_as_input_is_refused_without_blocking(name: str, tmp_path: Path) -> None:
    """A named pipe as input blocked forever: only regular files are read."""
    folder = folder_with(tmp_path, assets__csv="id\n") if name.endswith(".csv") else tmp_path
    pipe = folder / name
    os.mkfifo(pipe)
    result = _reads_without_blocking(pipe, folder if name.endswith(".csv") else pipe)
    (problem,) = found(result, "unreadable")
    assert "named pipe" in problem.problem.message("en")
    assert "named pipe" in problem.problem.message("nl")


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count every byte any zip stream hands out (what openpyxl, or a check, decompresses)."""
    counted = [0]
    original = zipfile.ZipExtFile.read

    def read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = original(self, n)
        counted[0] += len(data)
        return data
    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    return counted


def test_workbook_that_expands_hundreds_of_times_is_refused_unread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1.2 MB compressed workbook expanded to 348 MB of XML and took a minute and a
    gigabyte: a part that expands hundreds of times is refused before it is decompressed."""
    path = workbook(tmp_path / "bomb.xlsx", {"areas": [["id", "name", "kind"]]})
    part = sheet_part(path, "areas")
    cell = "A" * (48 * 2**20)
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
           f'<row r="2"><c r="A2" t="inlineStr"><is><t>{cell}</t></is></c></row>'
           '</sheetData></worksheet>').encode()
    bomb = rewrite_part(path, tmp_path / "expands.xlsx", part, xml)
    assert bomb.stat().st_size < len(xml) / 200
    counted = _counting_reads(monkeypatch)
    result = read_workspace(bomb)
    (problem,) = found(result, "too_large")
    assert part in problem.problem.message("en")
    assert counted[0] < 2**20, "the part is not decompressed"


# --- misleading messages -------------------------------------------------------------------


def test_row_numbers_count_quoted_newlines(tmp_path: Path) -> None:
    """Row numbers were shifted by quoted newlines: the line of a row is the line a text
    editor shows."""
    folder = folder_with(tmp_path, areas__csv=(
        'id,name,kind\nGM0344,"Utrecht\nstad\r\ncentrum",municipality\n\n'
        "GM0356,Nieuwegein,gemeente\n"))
    (problem,) = found(read_workspace(folder), "not_allowed")
    assert (problem.problem.row_id, problem.line) == ("GM0356", 6)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig",
                                      "cp1252"])
def test_utf16_and_other_encodings_are_read(encoding: str, tmp_path: Path) -> None:
    """A UTF-16 file was reported as a field-count problem: the byte order mark (or the
    zero bytes of UTF-16 without one) is recognised."""
    folder = folder_with(tmp_path, areas__csv=AREAS.replace("Utrecht", "Zoë").encode(
        encoding))
    result = read_workspace(folder)
    assert result.problems == []
    assert result.workspace.areas["name"].tolist() == ["Zoë", "Nieuwegein"]


def test_undecodable_file_names_the_encodings_tried(tmp_path: Path) -> None:
    """An undecodable file names the encodings tried."""
    folder = folder_with(tmp_path, areas__csv=b"id,name,kind\nGM0344,\x81\x8d,region\n")
    (problem,) = found(read_workspace(folder), "unreadable")
    message = problem.problem.message("en")
    assert "UTF-8" in message and "Windows-1252" in message
    assert problem.path is not None and problem.path.endswith("areas.csv")


def test_rd_coordinates_in_geojson_without_a_crs_say_so(tmp_path: Path) -> None:
    """RD coordinates read as WGS84 were reported as a self-intersection."""
    ring = [[130000, 450000], [131000, 450000], [131000, 451000], [130000, 450000]]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "GM0344", "name": "U", "kind": "region"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    folder = folder_with(tmp_path, areas__geojson=json.dumps(collection))
    result = read_workspace(folder)
    assert [p.problem.code for p in result.located()] == ["undeclared_rd"]
    problem = result.located()[0]
    assert "EPSG:28992" in problem.problem.message("en")
    assert "RD New" in problem.problem.message("nl")
    assert (problem.line, problem.problem.column) == (1, "geometry")


# --- the workspace CSV writer --------------------------------------------------------------


def test_formula_like_names_are_neutralised_in_csv_and_read_back(tmp_path: Path) -> None:
    """A project or area name starting with `=`, `+`, `-` or `@` was written raw into the
    CSV files (a live formula in Excel); pmiek's reader removes the apostrophe again."""
    names = ["=1+2", "-x", "+31 6", "@SUM(A1)", "'=quoted", "gewoon", "-"]
    n = len(names)
    areas = read_workspace("example", validate_rules=False).workspace.areas.iloc[:0]
    frame = pd.DataFrame({c: pd.Series([None] * n, dtype=areas[c].dtype) for c in areas})
    frame["id"] = pd.array([f"A{i}" for i in range(n)], dtype="string")
    frame["name"] = pd.array(names, dtype="string")
    frame["kind"] = pd.array(["region"] * n, dtype="string")
    frame["population"] = pd.array([-3] * n, dtype="Int64")
    workspace = Workspace(areas=frame)
    folder = write_workspace(workspace, tmp_path / "out")
    written = pd.read_csv(io.StringIO((folder / "areas.csv").read_text(encoding="utf-8")),
                          dtype=str, keep_default_na=False)
    assert written["name"].tolist() == ["'=1+2", "'-x", "'+31 6", "'@SUM(A1)", "''=quoted",
                                        "gewoon", "-"]  # a lone sign is no formula
    assert written["population"].tolist() == ["-3"] * n  # numbers untouched
    back = read_workspace(folder, validate_rules=False)
    assert back.problems == []
    assert back.workspace.areas["name"].tolist() == names
