"""Reading a workspace from an Excel workbook: every sheet named after a table.

Before openpyxl parses anything, every part of the workbook is decompressed once through a
counter (:func:`~pmiek.adapters.files.limits.expand_zip`): a workbook that expands past the
limit, or a damaged part, is refused in words, and the pass notes which worksheets hold
formulas and merged cells. openpyxl then reads the cached values (``data_only``); a formula
without a cached value (a workbook written by a program that does not calculate) and merged
cells (whose other cells read as empty) are errors naming the cell, as are two sheets whose
names differ only in spaces, and data in a column without a name. Text cells holding numbers
use the dot as decimal mark, like a comma-separated file (a comma in them is an error).
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

import numpy as np
import pandas as pd
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from pmiek.adapters.files.limits import (
    DEFAULT_LIMITS,
    EXCEL_ROWS,
    ReadLimits,
    ZipRefused,
    check_file,
    count_text,
    expand_zip,
    long_cells,
    too_large,
)
from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import cell_text
from pmiek.adapters.files.xlsx import LISTS_SHEET, README_SHEET
from pmiek.domain.coerce import DECIMAL
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.tables import TABLE_NAMES

RawTables = dict[str, pd.DataFrame]

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\"")
_OVERLAP = 256
_BROKEN = (SyntaxError, ValueError, KeyError, IndexError, TypeError, AttributeError, OSError,
           EOFError, zlib.error, zipfile.BadZipFile, InvalidFileException)
"""What openpyxl raises on a workbook whose parts are not what they should be (SyntaxError:
the XML parser's errors, ElementTree's and lxml's alike)."""


@dataclass
class _Scan:
    """What the counting pass saw in the worksheet parts: formulas and merged cells."""

    formulas: set[str] = field(default_factory=set)
    merged: dict[str, dict[str, None]] = field(default_factory=dict)
    tails: dict[str, bytes] = field(default_factory=dict)

    def __call__(self, part: str, chunk: bytes) -> None:
        if not part.startswith("xl/worksheets/"):
            return
        data = self.tails.get(part, b"") + chunk
        if part not in self.formulas and (b"f" in data) and _FORMULA.search(data):
            self.formulas.add(part)
        if b"mergeCell" in data:
            for match in _MERGE.finditer(data):
                self.merged.setdefault(part, {})[match.group(1).decode("ascii")] = None
        self.tails[part] = data[-_OVERLAP:]


def _unreadable(path: Path, table: str, reason: str, reason_nl: str | None = None) -> Problem:
    return Problem(Code.UNREADABLE, table, expected="Excel (.xlsx)", got=path.name,
                   params={"reason": reason, "reason_nl": reason_nl or reason})


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _broken_part(path: Path, exc: BaseException) -> Problem:
    """Why openpyxl could not open the workbook, naming the first part that is not XML."""
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    with archive.open(name) as stream:
                        for _ in iterparse(stream):
                            pass
    except ParseError as broken:
        return _unreadable(path, "-", f"part {name} is not valid XML ({_first_line(broken)})",
                           f"onderdeel {name} is geen geldige XML ({_first_line(broken)})")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        pass
    return _unreadable(path, "-", _first_line(exc))


def _scan(path: Path, limits: ReadLimits) -> tuple[_Scan, Problem | None]:
    scan = _Scan()
    try:
        with zipfile.ZipFile(path) as archive:
            expand_zip(archive, limits, scan)
    except ZipRefused as exc:
        return scan, exc.problem
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        return scan, _unreadable(path, "-", _first_line(exc))
    return scan, None


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep openpyxl's warnings (extensions it does not read) out of the output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


def _open(path: Path, *, data_only: bool) -> ExcelReader:
    with _quiet():
        reader = ExcelReader(path, read_only=True, data_only=data_only)
        try:
            reader.read()
        except BaseException:
            reader.archive.close()
            raise
    return reader


def _missing_parts(path: Path, reader: ExcelReader) -> list[Problem]:
    """Sheets the workbook lists whose part is not in the file (openpyxl skips them)."""
    problems = []
    with _quiet():
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files and "chartsheet" not in rel.Type:
                name = sheet.name.strip()
                problems.append(_unreadable(
                    path, name if name in TABLE_NAMES else "-",
                    f"sheet '{sheet.name}' has no part {rel.target} in the file",
                    f"blad '{sheet.name}' heeft geen onderdeel {rel.target} in het bestand"))
    return problems


def _table_sheets(worksheets: list[Any], problems: list[Problem],
                  sheets: Mapping[str, str] | None = None, skip: Collection[str] = (),
                  ) -> dict[str, Any]:
    """The sheets named after a table (spaces around a name do not count), or named in
    ``sheets`` (title → table); two sheets for one table are an error naming both (the first
    is read). Sheets in ``skip`` are passed over in silence, other sheets with a warning."""
    names = {t: t for t in TABLE_NAMES} if sheets is None else dict(sheets)
    found: dict[str, list[Any]] = {}
    for sheet in worksheets:
        title = sheet.title.strip()
        if title in (README_SHEET, LISTS_SHEET) or title in skip:
            continue
        if title not in names:
            known = ", ".join(names)
            problems.append(Problem(Code.UNKNOWN_TABLE, title, expected=known, got=title,
                                    severity=Severity.WARNING))
            continue
        found.setdefault(names[title], []).append(sheet)
    for name, same in found.items():
        if len(same) > 1:
            problems.append(Problem(Code.DUPLICATE_TABLE, name,
                                    got=", ".join(f"'{s.title}'" for s in same)))
    return {name: same[0] for name, same in found.items()}


@dataclass
class _Sheet:
    """One worksheet as text: the header, the rows that hold something and their numbers."""

    title: str
    names: list[str]
    rows: list[list[str | None]]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)

    def index(self, number: int) -> int | None:
        """The position in the table of worksheet row ``number`` (``None``: not a row)."""
        position = int(np.searchsorted(self.lines, number))
        return position if position < len(self.lines) and self.lines[position] == number \
            else None

    def column(self, position: int) -> str:
        """The name of column ``position`` (1-based), or its letter when it has none."""
        name = self.names[position - 1] if position <= len(self.names) else ""
        return name or get_column_letter(position)


def _read_rows(sheet: Any, table: str, limits: ReadLimits) -> _Sheet:
    sheet.reset_dimensions()  # a wrong <dimension> would pad every row to its width
    result = _Sheet(sheet.title, [], [], [])
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > EXCEL_ROWS:
            result.problems.append(too_large(
                table, (f"Blad '{sheet.title}'", f"Sheet '{sheet.title}'"),
                limit=f"{count_text(EXCEL_ROWS)} rijen / rows (Excel)",
                size=f"> {count_text(EXCEL_ROWS)}"))
            break
        cells = [cell_text(v) for v in row]
        if number == 1:
            result.names = [c or "" for c in cells]
        elif any(c is not None for c in cells):
            result.rows.append(cells)
            result.lines.append(number)
            if len(result.rows) > limits.rows:
                result.problems.append(too_large(
                    table, (f"Tabel {table}", f"Table {table}"),
                    limit=f"{count_text(limits.rows)} rijen / rows",
                    size=f"> {count_text(limits.rows)}"))
                break
    return result


def _frame(sheet: _Sheet) -> pd.DataFrame:
    width = max([len(sheet.names), *map(len, sheet.rows)])
    names = sheet.names + [""] * (width - len(sheet.names))
    rows = [r if len(r) == width else r + [None] * (width - len(r)) for r in sheet.rows]
    frame = pd.DataFrame(rows, columns=range(width), dtype=object).set_axis(names, axis=1)
    frame.attrs[DECIMAL] = "."
    return frame


def _uncached(table: str, sheet: _Sheet, formulas: Any) -> list[Problem]:
    """An error for every formula cell whose cached value is missing."""
    values = dict(zip(sheet.lines, sheet.rows, strict=True))
    formulas.reset_dimensions()
    problems = []
    for number, row in enumerate(formulas.iter_rows(), start=1):
        if number > EXCEL_ROWS:
            break
        for cell in row:
            if getattr(cell, "data_type", None) != "f":
                continue
            cached = values.get(number, [])
            if cell.column > len(cached) or cached[cell.column - 1] is None:
                problems.append(Problem(
                    Code.UNCACHED_FORMULA, table, sheet.column(cell.column),
                    sheet.index(number), got=f"{sheet.title}!{cell.coordinate}"))
    return problems


def _merged(table: str, sheet: _Sheet, ranges: dict[str, None]) -> list[Problem]:
    problems = []
    for ref in ranges:
        first_column, first_row, _, _ = range_boundaries(ref)
        problems.append(Problem(Code.MERGED_CELLS, table, sheet.column(first_column or 1),
                                sheet.index(first_row or 1), got=f"{sheet.title}!{ref}"))
    return problems


@dataclass
class _Workbook:
    """The open workbook, and the one that reads formulas, opened when first needed."""

    path: Path
    reader: ExcelReader
    scan: _Scan
    formulas: ExcelReader | None = None

    def formula_sheet(self, title: str) -> Any:
        if self.formulas is None:
            self.formulas = _open(self.path, data_only=False)
        return self.formulas.wb[title]

    def close(self) -> None:
        for reader in (self.reader, self.formulas):
            if reader is not None:
                reader.wb.close()


def _read_sheet(book: _Workbook, table: str, sheet: Any, limits: ReadLimits,
                ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    part = str(getattr(sheet, "_worksheet_path", ""))
    try:
        with _quiet():
            read = _read_rows(sheet, table, limits)
            problems = list(read.problems)
            if part in book.scan.formulas:
                problems += _uncached(table, read, book.formula_sheet(sheet.title))
    except _BROKEN as exc:
        return None, [_unreadable(book.path, table, f"sheet '{sheet.title}': "
                                  f"{_first_line(exc)}", f"blad '{sheet.title}': "
                                  f"{_first_line(exc)}")], np.empty(0, dtype=int)
    if any(p.code is Code.TOO_LARGE for p in problems):
        return None, problems, np.empty(0, dtype=int)
    problems += _merged(table, read, book.scan.merged.get(part, {}))
    frame = _frame(read)
    problems += long_cells(table, frame, limits)
    return frame, problems, np.asarray(read.lines, dtype=int)


def read_xlsx(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS,
              sheets: Mapping[str, str] | None = None, skip: Collection[str] = (),
              ) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    """Every sheet named after a table as a raw text table (other sheets are ignored with a
    warning, those in ``skip`` without). ``sheets`` (sheet title → table) names the sheets
    to read instead, for a workbook whose sheets carry other names (an intake workbook's
    ``ontwikkelingen``); the origins then name those sheets."""
    problem = check_file(path, "-", limits)
    if problem is None:
        scan, problem = _scan(path, limits)
    if problem is not None:
        return {}, [problem], {}
    try:
        reader = _open(path, data_only=True)
    except _BROKEN as exc:
        return {}, [_broken_part(path, exc)], {}
    book = _Workbook(path, reader, scan)
    raw: RawTables = {}
    problems = _missing_parts(path, reader)
    origins: dict[str, Origin] = {}
    try:
        for name, sheet in _table_sheets(reader.wb.worksheets, problems, sheets,
                                         skip).items():
            frame, found, lines = _read_sheet(book, name, sheet, limits)
            problems += found
            origins[name] = Origin(str(path), sheet.title, lines)
            if frame is not None:
                raw[name] = frame
    finally:
        book.close()
    return raw, problems, origins
