"""Hypothesis strategies that corrupt real exports, and the functions that apply them.

A corruption is plain data: a tuple whose first item names the operation (``("cell", 0, 2, 1,
"=1+2")``: in the first CSV file, data row 2, column 1, write ``=1+2``). Hypothesis shows such
data readably and shrinks it, and a failing case can be kept in :mod:`tests.fuzz.found` as it
is. Indices and positions are taken modulo what is there, so every corruption applies to every
base export; one that finds nothing to change (an empty file) changes nothing.

The families: bytes (flip, insert, delete, truncate), cells (hostile text, a copied or
re-normalised id), headers (duplicate, blank, padded, reordered, removed, header-less data),
encodings (UTF-16 with and without BOM, Windows-1252, invalid UTF-8), separators (``;`` with
decimal comma, tab), structure (short and long rows, quoted newlines, blank lines), files
(removed, renamed, replaced by a named pipe, foreign ones added), and for workbooks and
GeoPackages their own parts (zip members, cells, merged cells, formulas without cached value,
sheet names; SQLite cells, geometry blobs, layer tables and metadata).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import sqlite3
import struct
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

Op = tuple[Any, ...]
"""One corruption: ``(name, *arguments)``."""

# --- hostile values -----------------------------------------------------------------------

HOSTILE = (
    # formulas, as typed in a spreadsheet or hidden behind a tab or carriage return
    "=1+2", '=HYPERLINK("http://example.invalid","x")', "+x", "-x", "@x", "\t=1", "\r=1",
    "'=1", "''+x",
    # rich markup and terminal control
    "[bold]x[/]", "[/]", "[red]", "[link=file:///]x", "\x1b[2J", "\x1b]0;title\x07", "\x07",
    "a\x00b", "\x00", "\x7f", "\x85",
    # Unicode: combining marks, NFC/NFD, invisible and direction characters, odd digits
    "e\u0301", "\u00e9", "\u200b", "\ufeff", "\u202eabc", "𝟙", "١٢", "½", "Ⅻ", "İ",
    # numbers at and past the edges, with thousands and decimal marks
    "1e308", "-1e308", "1e309", "1e-320", "nan", "NaN", "inf", "-inf", "Infinity", "1.000",
    "1,000", "2.500", "1.000,5", "1,5", " 1 ", "0x10", "1_000", "-0", "+1", "99999999999999999999",
    "1/2", "10%", "€ 5",
    # empty and blank
    "", " ", "\t", "\n", "\r\n", "  x  ",
    # quotes and separators
    '"', '""', "'", ";", ",", "a;b", "a,b", "a\nb",
    # words that other tools turn into something else
    "None", "null", "NULL", "TRUE", "false", "#N/A", "2026-01-01", "01-02-2026",
    # geometry text
    "POINT (1 2)", "POINT Z (134600 454600 3)", "POLYGON ((0 0, 1 0, 0 0))",
    "POINT (5.1 52.1)", "GEOMETRYCOLLECTION EMPTY", "LINESTRING (0 0, nan nan)", "POINT",
)
"""Text that spreadsheets, terminals, number parsers and id comparisons trip over."""

LONG_LENGTHS = (32_767, 32_768, 70_000)
"""Around Excel's 32,767 characters per cell, and well past it."""

INVALID_UTF8 = (b"\xff", b"\xfe\xff", b"\xc3", b"\xc3(", b"\xed\xa0\x80", b"\xe2\x82",
                b"\x00", b"\x1a", b'"', b"\r", b"\n\n", b",,,", b";")
"""Byte sequences that are not UTF-8, or that a CSV parser treats specially."""


class Long(str):
    """A long text of ``x`` that shows itself as ``Long(n)`` (in hypothesis's reports and the
    found cases), not as n characters."""

    __slots__ = ()

    def __new__(cls, length: int) -> Long:
        return super().__new__(cls, "x" * length)

    def __repr__(self) -> str:
        return f"Long({len(self)})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def hostile_text() -> st.SearchStrategy[str]:
    """A hostile text value (see :data:`HOSTILE`), a long one, a random one, or a number
    written in one of Python's ways."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.tuples(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE)).map("".join),
        st.text(max_size=12),
        st.sampled_from(LONG_LENGTHS).map(Long),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(-(2**70), 2**70).map(str),
    )


def _index() -> st.SearchStrategy[int]:
    return st.integers(0, 40)


def _position() -> st.SearchStrategy[int]:
    return st.integers(0, 1 << 20)


# --- CSV: the grid of one file ------------------------------------------------------------


def csv_files(folder: Path) -> list[Path]:
    """The CSV files of ``folder`` in name order (what the CSV operations pick from)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")


def _pick(folder: Path, index: int) -> Path | None:
    files = csv_files(folder)
    return files[index % len(files)] if files else None


def _read_grid(path: Path) -> list[list[str]] | None:
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error:
        return None


def _write_grid(path: Path, grid: list[list[str]], delimiter: str = ",") -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(grid)
    path.write_bytes(buffer.getvalue().encode("utf-8", "surrogateescape"))


def _on_grid(change: Callable[..., None]) -> Callable[..., None]:
    """An operation on the parsed rows of one CSV file (header first), written back."""

    def apply(folder: Path, index: int, *args: Any) -> None:
        path = _pick(folder, index)
        grid = None if path is None else _read_grid(path)
        if path is None or grid is None:
            return
        change(grid, *args)
        _write_grid(path, grid)

    return apply


def _data_row(grid: list[list[str]], row: int) -> list[str]:
    """Data row ``row`` (modulo the rows there are); a new row when there are none."""
    if not grid:
        grid.append([""])
    if len(grid) < 2:
        grid.append([""] * len(grid[0]))
    return grid[1 + row % (len(grid) - 1)]


def _set(cells: list[str], column: int, value: str) -> None:
    if cells:
        cells[column % len(cells)] = value
    else:
        cells.append(value)


@_on_grid
def _cell(grid: list[list[str]], row: int, column: int, value: str) -> None:
    _set(_data_row(grid, row), column, value)


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "same": lambda v: v,
    "nfc_e": lambda v: unicodedata.normalize("NFC", v + "e\u0301"),
    "nfd_e": lambda v: unicodedata.normalize("NFD", v + "\u00e9"),
    "upper": str.upper,
    "lower": str.lower,
    "pad": lambda v: f" {v} ",
    "nul": lambda v: v + "\x00",
    "escape": lambda v: v + "\x1b[1m",
    "zwsp": lambda v: v + "\u200b",
    "self_list": lambda v: f"{v};{v}",
}
"""How a copied value is changed on its way (NFC/NFD twins, padding, control characters)."""


@_on_grid
def _copy(grid: list[list[str]], source: tuple[int, int], target: tuple[int, int],
          transform: str) -> None:
    """Copy a cell into another (an id into a reference: self-exclusion, self-coupling, a
    duplicate id, a cycle), changed by one of :data:`TRANSFORMS`."""
    cells = _data_row(grid, source[0])
    value = cells[source[1] % len(cells)] if cells else ""
    _set(_data_row(grid, target[0]), target[1], TRANSFORMS[transform](value))


@_on_grid
def _twin(grid: list[list[str]], first: int, second: int, column: int) -> None:
    """Two cells of a column that differ only in Unicode normalisation."""
    base = "Caf"
    _set(_data_row(grid, first), column, unicodedata.normalize("NFC", base + "\u00e9"))
    _set(_data_row(grid, second), column, unicodedata.normalize("NFD", base + "\u00e9"))


def _header_change(grid: list[list[str]], kind: str, i: int, j: int) -> None:
    if not grid or not grid[0]:
        return
    header = grid[0]
    a, b = i % len(header), j % len(header)
    if kind in ("duplicate", "duplicate_padded"):
        other = header[b] if a != b else header[(a + 1) % len(header)]
        header[a] = other + (" " if kind == "duplicate_padded" else "")
    elif kind == "blank":
        header[a] = ""
    elif kind == "pad":
        header[a] = header[a] + "  "
    elif kind == "lpad":
        header[a] = " " + header[a]
    elif kind == "upper":
        header[a] = header[a].upper()
    elif kind == "shift":
        del header[a]
    else:
        _columns_change(grid, kind, a, b)


def _columns_change(grid: list[list[str]], kind: str, a: int, b: int) -> None:
    """Whole columns: swapped, dropped, or a new one (with or without a header)."""
    for number, cells in enumerate(grid):
        if kind == "swap" and max(a, b) < len(cells):
            cells[a], cells[b] = cells[b], cells[a]
        elif kind == "drop" and a < len(cells):
            del cells[a]
        elif kind in ("add", "add_named"):
            cells.append(("" if kind == "add" else "extra") if number == 0 else "x")


HEADER_KINDS = ("duplicate", "duplicate_padded", "blank", "pad", "lpad", "upper", "shift",
                "swap", "drop", "add", "add_named")

_header = _on_grid(_header_change)


@_on_grid
def _header_text(grid: list[list[str]], i: int, value: str) -> None:
    if grid:
        _set(grid[0], i, value)


def _row_change(grid: list[list[str]], kind: str, row: int) -> None:
    if kind == "empty":
        grid.clear()
        return
    if kind == "header_only":
        del grid[1:]
        return
    if kind == "no_header":
        del grid[:1]
        return
    if kind == "reverse":
        grid[1:] = grid[:0:-1]
        return
    cells = _data_row(grid, row)
    at = next(i for i, c in enumerate(grid) if c is cells)
    if kind == "short":
        del cells[-1:]
    elif kind == "long":
        cells.append("x")
    elif kind == "newline":
        _set(cells, 0, (cells[0] if cells else "") + "\nvervolg")
    elif kind == "blank":
        grid.insert(at, [])
    elif kind == "spaces":
        grid.insert(at, ["   "])
    elif kind == "dup":
        grid.insert(at, list(cells))
    elif kind == "drop":
        del grid[at]


ROW_KINDS = ("short", "long", "newline", "blank", "spaces", "dup", "drop", "empty",
             "header_only", "no_header", "reverse")

_row = _on_grid(_row_change)


# --- CSV: text, separators, encodings, bytes, files ----------------------------------------


def _on_bytes(change: Callable[..., bytes]) -> Callable[..., None]:
    def apply(folder: Path, index: int, *args: Any) -> None:
        path = _pick(folder, index)
        if path is not None:
            path.write_bytes(change(path.read_bytes(), *args))

    return apply


TEXT_KINDS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "noeol": lambda t: t.rstrip("\n"),
    "bom": lambda t: "\ufeff" + t,
    "double_bom": lambda t: "\ufeff\ufeff" + t,
    "trailing_blank": lambda t: t + "\n\n  \n",
    "leading_blank": lambda t: "\n\n" + t,
    "trailing_separator": lambda t: "\n".join(line + "," if line else line
                                              for line in t.split("\n")),
}


@_on_bytes
def _text(data: bytes, kind: str) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    return TEXT_KINDS[kind](text).encode("utf-8", "surrogateescape")


_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def _separator(folder: Path, index: int, separator: str, decimal_comma: bool) -> None:
    """The file written with another separator, numbers with a decimal comma if asked (what
    Dutch Excel saves)."""
    path = _pick(folder, index)
    grid = None if path is None else _read_grid(path)
    if path is None or grid is None:
        return
    if decimal_comma:
        grid = [[c.replace(".", ",") if _DECIMAL.match(c) else c for c in row] for row in grid]
    _write_grid(path, grid, separator)


ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252", "latin-1", "utf-32",
             "cp437", "mac_roman")


@_on_bytes
def _encode(data: bytes, encoding: str) -> bytes:
    return data.decode("utf-8", "surrogateescape").encode(encoding, "replace")


def _at(data: bytes, position: int) -> int:
    return position % (len(data) + 1)


@_on_bytes
def _flip(data: bytes, position: int, mask: int) -> bytes:
    if not data:
        return data
    at = position % len(data)
    return data[:at] + bytes([data[at] ^ mask]) + data[at + 1:]


@_on_bytes
def _insert(data: bytes, position: int, blob: bytes) -> bytes:
    at = _at(data, position)
    return data[:at] + blob + data[at:]


@_on_bytes
def _delete(data: bytes, position: int, length: int) -> bytes:
    at = _at(data, position)
    return data[:at] + data[at + length:]


@_on_bytes
def _truncate(data: bytes, position: int) -> bytes:
    return data[:_at(data, position)]


def _remove(folder: Path, index: int) -> None:
    path = _pick(folder, index)
    if path is not None:
        path.unlink()


def _fifo(folder: Path, index: int) -> None:
    """A table file replaced by a named pipe of the same name (that no one writes to)."""
    path = _pick(folder, index)
    if path is not None:
        path.unlink()
        os.mkfifo(path)


RENAMES: dict[str, Callable[[str], str]] = {
    "upper_stem": lambda stem: f"{stem.capitalize()}.csv",
    "upper_suffix": lambda stem: f"{stem}.CSV",
    "space": lambda stem: f"{stem} .csv",
    "bak": lambda stem: f"{stem}.csv.bak",
    "lock": lambda stem: f"~${stem}.csv",
    "hidden": lambda stem: f".{stem}.csv",
    "geojson": lambda stem: f"{stem}.geojson",
    "json": lambda stem: f"{stem}.json",
    "nfd": lambda stem: unicodedata.normalize("NFD", f"{stem}\u00e9.csv"),
}


def _rename(folder: Path, index: int, how: str) -> None:
    path = _pick(folder, index)
    if path is not None:
        path.rename(folder / RENAMES[how](path.stem))


ADDED_NAMES = ("notes.csv", "readme.txt", "areas.geojson", "assets.json", "[red]x.csv",
               "[bold].csv", "\u00e9.csv", "~$lock.csv", "kopie van assets.csv", "dir.csv")
ADDED_CONTENT = (b"", b"a,b\n1,2\n", b"{}", b"[]", b"null", b"\x00\x01\x02",
                 b'{"type": "FeatureCollection", "features": []}',
                 b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
                 b'"geometry": {"type": "Point", "coordinates": [5.1, 52.1, 3]}, '
                 b'"properties": {"id": "X"}}]}',
                 b"id,name\n=1+2,x\n")


def _add(folder: Path, name: str, content: bytes) -> None:
    """A file beside the tables (``dir.csv`` becomes a folder with that name)."""
    path = folder / name
    if path.exists():
        return
    if name == "dir.csv":
        path.mkdir()
        (path / "inner.csv").write_bytes(content)
    else:
        path.write_bytes(content)


CSV_OPERATIONS: dict[str, Callable[..., None]] = {
    "cell": _cell, "copy": _copy, "twin": _twin, "header": _header,
    "header_text": _header_text, "row": _row, "text": _text, "sep": _separator,
    "encode": _encode, "flip": _flip, "insert": _insert, "delete": _delete,
    "truncate": _truncate, "remove": _remove, "rename": _rename, "add": _add, "fifo": _fifo,
}


def apply_csv(folder: Path, ops: Sequence[Op]) -> None:
    """Apply ``ops`` in order to the CSV folder ``folder``."""
    for op in ops:
        CSV_OPERATIONS[op[0]](folder, *op[1:])


def _cells() -> st.SearchStrategy[Op]:
    pair = st.tuples(_index(), _index())
    return st.one_of(
        st.tuples(st.just("cell"), _index(), _index(), _index(), hostile_text()),
        st.tuples(st.just("copy"), _index(), pair, pair, st.sampled_from(sorted(TRANSFORMS))),
        st.tuples(st.just("twin"), _index(), _index(), _index(), _index()),
    )


def _headers() -> st.SearchStrategy[Op]:
    return st.one_of(
        st.tuples(st.just("header"), _index(), st.sampled_from(HEADER_KINDS), _index(),
                  _index()),
        st.tuples(st.just("header_text"), _index(), _index(), hostile_text()),
    )


def _rows() -> st.SearchStrategy[Op]:
    return st.tuples(st.just("row"), _index(), st.sampled_from(ROW_KINDS), _index())


def _texts() -> st.SearchStrategy[Op]:
    return st.one_of(
        st.tuples(st.just("text"), _index(), st.sampled_from(sorted(TEXT_KINDS))),
        st.tuples(st.just("sep"), _index(), st.sampled_from([";", "\t", "|"]), st.booleans()),
    )


def _encodings() -> st.SearchStrategy[Op]:
    return st.tuples(st.just("encode"), _index(), st.sampled_from(ENCODINGS))


def _bytes() -> st.SearchStrategy[Op]:
    blob = st.one_of(st.sampled_from(INVALID_UTF8), st.binary(min_size=1, max_size=8))
    return st.one_of(
        st.tuples(st.just("flip"), _index(), _position(), st.integers(1, 255)),
        st.tuples(st.just("insert"), _index(), _position(), blob),
        st.tuples(st.just("delete"), _index(), _position(), st.integers(1, 64)),
        st.tuples(st.just("truncate"), _index(), _position()),
    )


def _files() -> st.SearchStrategy[Op]:
    return st.one_of(
        st.tuples(st.just("remove"), _index()),
        st.tuples(st.just("fifo"), _index()),
        st.tuples(st.just("rename"), _index(), st.sampled_from(sorted(RENAMES))),
        st.tuples(st.just("add"), st.sampled_from(ADDED_NAMES), st.sampled_from(ADDED_CONTENT)),
    )


def csv_corruptions() -> st.SearchStrategy[tuple[Op, ...]]:
    """One to four corruptions of a CSV folder: one family at a time, or a mix in the order
    a person's edits would happen (cells, then separator, encoding, bytes)."""
    def some(ops: st.SearchStrategy[Op], most: int) -> st.SearchStrategy[list[Op]]:
        return st.lists(ops, min_size=1, max_size=most)

    mixed = st.tuples(
        st.lists(st.one_of(_cells(), _headers(), _rows()), max_size=2),
        st.lists(st.one_of(_texts(), _files()), max_size=1),
        st.lists(_encodings(), max_size=1),
        st.lists(_bytes(), max_size=1),
    ).map(lambda parts: [op for part in parts for op in part])
    families = st.one_of(
        some(_cells(), 3), some(_headers(), 2), some(_rows(), 2), some(_texts(), 1),
        st.tuples(st.lists(_cells(), max_size=1), _encodings()).map(
            lambda p: [*p[0], p[1]]),
        some(_bytes(), 3), some(_files(), 2), mixed.filter(bool),
    )
    return families.map(tuple)


# --- workbooks ----------------------------------------------------------------------------

XCELL_KINDS = ("text", "formula", "number", "bool", "date", "merge", "error", "clear")
SHEET_KINDS = ("duplicate_padded", "duplicate_upper", "rename_padded", "rename_upper",
               "delete", "hide", "insert_row", "insert_column", "first")
MEMBER_ACTIONS = ("truncate", "garble", "drop", "empty", "junk", "declared_small")


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _load_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(path)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 1e308


def _set_xcell(sheet: Any, row: int, column: int, kind: str, text: str) -> None:
    # what XML cannot hold, a workbook holds as Excel's _xHHHH_ escape
    text = _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    cell = sheet.cell(row=row, column=column)
    if kind == "merge":
        sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1,
                          end_column=column + 1)
    elif kind == "formula":
        cell.value = "=" + (text.lstrip("=") or "1+2")
    elif kind == "number":
        cell.value = _number(text)
    elif kind == "bool":
        cell.value = True
    elif kind == "date":
        cell.value = datetime(2026, 1, 1)
    elif kind == "error":
        cell.value = "#DIV/0!"
        cell.data_type = "e"
    elif kind == "clear":
        cell.value = None
    else:
        cell.value = text
        cell.data_type = "s"


def _sheet_change(book: Any, sheet: Any, kind: str) -> None:
    if kind.startswith("duplicate"):
        copy = book.copy_worksheet(sheet)
        copy.title = sheet.title + " " if kind.endswith("padded") else sheet.title.upper()
    elif kind == "rename_padded":
        sheet.title = sheet.title + " "
    elif kind == "rename_upper":
        sheet.title = sheet.title.upper()
    elif kind == "delete":
        book.remove(sheet)
    elif kind == "hide":
        sheet.sheet_state = "hidden"
    elif kind == "insert_row":
        sheet.insert_rows(1)
    elif kind == "insert_column":
        sheet.insert_cols(1)
    elif kind == "first":
        book.move_sheet(sheet, offset=-len(book.sheetnames))


def _edit_workbook(path: Path, edits: Sequence[Op]) -> None:
    """Cell and sheet edits through openpyxl (what a person does in Excel, roughly)."""
    if not edits:
        return
    book = _load_workbook(path)
    for edit in edits:
        sheets = book.worksheets
        sheet = sheets[edit[1] % len(sheets)]
        if edit[0] == "xcell":
            _set_xcell(sheet, 1 + edit[2] % (sheet.max_row + 1),
                       1 + edit[3] % (sheet.max_column + 1), edit[4], edit[5])
        elif len(sheets) > 1 or edit[2] != "delete":
            _sheet_change(book, sheet, edit[2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book.save(path)


def _declare_small(data: bytes, name: str) -> bytes:
    """The zip with member ``name``'s uncompressed size declared as 1 byte (local and central
    headers), as a bomb that under-declares itself would."""
    encoded = name.encode()
    out = bytearray(data)
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            start = at + 4
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(out[name_at:name_at + len(encoded)]) == encoded:
                struct.pack_into("<I", out, at + size_at, 1)
    return bytes(out)


def _member_change(data: bytes, action: str, position: int) -> bytes | None:
    if action == "truncate":
        return data[:position % (len(data) + 1)]
    if action == "garble":
        at = position % max(len(data), 1)
        return data[:at] + b"\x00<\xff&" + data[at + 4:]
    if action == "empty":
        return b""
    if action == "junk":
        return b"<?xml version='1.0'?><not-a-sheet/>"
    return None  # drop


def _edit_zip(path: Path, member: int, action: str, position: int) -> None:
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    name = sorted(info.filename for info, _ in items)[member % len(items)]
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in items:
            if info.filename == name and action != "declared_small":
                changed = _member_change(content, action, position)
                if changed is None:
                    continue
                content = changed
            archive.writestr(info.filename, content)
    data = rebuilt.getvalue()
    path.write_bytes(_declare_small(data, name) if action == "declared_small" else data)


def apply_xlsx(path: Path, ops: Sequence[Op]) -> None:
    """Apply ``ops`` to the workbook ``path``: openpyxl edits first, then zip-level damage,
    then bytes."""
    _edit_workbook(path, [op for op in ops if op[0] in ("xcell", "xsheet")])
    for op in ops:
        if op[0] == "zmember":
            with contextlib.suppress(zipfile.BadZipFile):
                _edit_zip(path, *op[1:])
        elif op[0] in ("zflip", "ztruncate"):
            _file_bytes(path, op)


def _file_bytes(path: Path, op: Op) -> None:
    data = path.read_bytes()
    if op[0].endswith("truncate"):
        path.write_bytes(data[:op[1] % (len(data) + 1)])
    elif data:
        at = op[1] % len(data)
        path.write_bytes(data[:at] + bytes([data[at] ^ op[2]]) + data[at + 1:])


def xlsx_corruptions() -> st.SearchStrategy[tuple[Op, ...]]:
    """One to three corruptions of a workbook: cells and sheets, zip members, bytes."""
    cells = st.one_of(
        st.tuples(st.just("xcell"), _index(), _index(), _index(), st.sampled_from(XCELL_KINDS),
                  hostile_text()),
        st.tuples(st.just("xsheet"), _index(), st.sampled_from(SHEET_KINDS)),
    )
    parts = st.tuples(st.just("zmember"), _index(), st.sampled_from(MEMBER_ACTIONS), _position())
    raw = st.one_of(st.tuples(st.just("zflip"), _position(), st.integers(1, 255)),
                    st.tuples(st.just("ztruncate"), _position()))
    return st.one_of(
        st.lists(cells, min_size=1, max_size=3),
        st.lists(parts, min_size=1, max_size=2),
        st.lists(raw, min_size=1, max_size=2),
        st.tuples(st.lists(cells, max_size=1), parts).map(lambda p: [*p[0], p[1]]),
    ).map(tuple)


# --- GeoPackages --------------------------------------------------------------------------

GPKG_ACTIONS = ("text", "null", "blob", "blob3d", "drop_table", "no_contents", "z_flag",
                "srs", "rename_table")


def _layers(db: sqlite3.Connection) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT table_name FROM gpkg_contents ORDER BY table_name")]


def _columns(db: sqlite3.Connection, layer: str) -> list[str]:
    return [row[1] for row in db.execute(f'PRAGMA table_info("{layer}")')]


def _geometry_column(db: sqlite3.Connection, layer: str) -> str | None:
    row = db.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                     (layer,)).fetchone()
    return None if row is None else str(row[0])


def _gpkg_blob(three_d: bool) -> bytes:
    """A GeoPackage geometry: standard header, no envelope, then a WKB point (2D or Z)."""
    header = b"GP\x00\x01" + struct.pack("<i", 28992)
    if three_d:
        return header + struct.pack("<BIddd", 1, 1001, 134600.0, 454600.0, 3.0)
    return header + b"\x01\x01\x00\x00\x00garbage"


def _gpkg_row(db: sqlite3.Connection, layer: str, action: str, row: int, column: int,
              text: str) -> None:
    ids = [r[0] for r in db.execute(f'SELECT rowid FROM "{layer}" ORDER BY rowid')]
    if not ids:
        return
    rowid = ids[row % len(ids)]
    geometry = _geometry_column(db, layer)
    if action in ("blob", "blob3d"):
        if geometry is None:
            return
        for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                     "AND tbl_name = ?", (layer,)).fetchall():
            db.execute(f'DROP TRIGGER "{trigger}"')
        db.execute(f'UPDATE "{layer}" SET "{geometry}" = ? WHERE rowid = ?',
                   (_gpkg_blob(action == "blob3d"), rowid))
        return
    names = [c for c in _columns(db, layer) if c not in ("fid", geometry)]
    if names:
        name = names[column % len(names)]
        value = None if action == "null" else text
        db.execute(f'UPDATE "{layer}" SET "{name}" = ? WHERE rowid = ?', (value, rowid))


def _gpkg_layer(db: sqlite3.Connection, layer: str, action: str) -> None:
    if action == "drop_table":
        db.execute(f'DROP TABLE "{layer}"')
    elif action == "no_contents":
        db.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (layer,))
    elif action == "z_flag":
        db.execute("UPDATE gpkg_geometry_columns SET z = 1 WHERE table_name = ?", (layer,))
    elif action == "srs":
        db.execute("UPDATE gpkg_contents SET srs_id = 4326 WHERE table_name = ?", (layer,))
    elif action == "rename_table":
        db.execute("UPDATE gpkg_contents SET table_name = ? WHERE table_name = ?",
                   (layer + " ", layer))


def _edit_gpkg(path: Path, layer: int, action: str, row: int, column: int, text: str) -> None:
    db = sqlite3.connect(path)
    try:
        layers = _layers(db)
        if not layers:
            return
        name = layers[layer % len(layers)]
        if action in ("text", "null", "blob", "blob3d"):
            _gpkg_row(db, name, action, row, column, text)
        else:
            _gpkg_layer(db, name, action)
        db.commit()
    except sqlite3.DatabaseError:
        db.rollback()
    finally:
        db.close()


def apply_gpkg(path: Path, ops: Sequence[Op]) -> None:
    """Apply ``ops`` to the GeoPackage ``path``: SQLite edits first, then bytes."""
    for op in ops:
        if op[0] == "gsql":
            _edit_gpkg(path, *op[1:])
    for op in ops:
        if op[0] in ("gflip", "gtruncate"):
            _file_bytes(path, op)


def gpkg_corruptions() -> st.SearchStrategy[tuple[Op, ...]]:
    """One to three corruptions of a GeoPackage: cells, geometry blobs, layer metadata,
    bytes."""
    edits = st.tuples(st.just("gsql"), _index(), st.sampled_from(GPKG_ACTIONS), _index(),
                      _index(), hostile_text())
    raw = st.one_of(st.tuples(st.just("gflip"), _position(), st.integers(1, 255)),
                    st.tuples(st.just("gtruncate"), _position()))
    return st.one_of(st.lists(edits, min_size=1, max_size=2),
                     st.lists(raw, min_size=1, max_size=2),
                     st.tuples(edits, raw).map(list)).map(tuple)
