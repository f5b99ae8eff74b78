"""The zienswijzen register on files: the spreadsheet template, and reading it back.

:func:`write_template` writes the workbook a kernteam fills in: a protected instructions
sheet (``toelichting``), the sheets ``zienswijzen``, ``punten`` and ``persoonsgegevens``
(row 1 the column names, each with a note; drop-down lists for ``channel``,
``submitter_type`` and ``leads_to_change``) and a hidden sheet of lists. It is written like
the data template: built beside the target, never over a file pmiek did not write.

:func:`read_register` reads that workbook, or a folder with ``zienswijzen.csv``,
``punten.csv`` and ``persoonsgegevens.csv``, all or nothing: every problem (a formula cell, a
missing sheet, a value of the wrong type, a broken rule of
:func:`~pmiek.programme.consultation.check_register`) is collected with file, sheet, row
and column, and one :class:`RegisterError` lists them. :func:`read_answers` reads an answers
table (CSV or workbook). Reading writes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import math
import os
import warnings
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname

from pmiek.adapters.files import write_file
from pmiek.adapters.files.consultation_texts import (
    DATE_COLUMNS,
    HEADER,
    INSTRUCTIONS,
    TABLES,
    YES_NO,
)
from pmiek.adapters.files.csvparse import Unreadable, decode, parse, separator
from pmiek.adapters.files.inert import restore_text
from pmiek.adapters.files.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    long_cells,
    read_bytes,
    unreadable,
)
from pmiek.adapters.files.origin import Located, Origin
from pmiek.adapters.files.safety import (
    MARK,
    Source,
)
from pmiek.adapters.files.xlsx import LISTS_SHEET, README_SHEET, add_drop_downs, column_note
from pmiek.adapters.files.xlsx_reader import read_xlsx
from pmiek.domain.labels import language
from pmiek.domain.problems import Code, Problem, errors
from pmiek.errors import ReadError, ValidationError, WriteError, said
from pmiek.programme.consultation import (
    ANSWERS,
    CHANNELS,
    SHEETS,
    SUBMITTER_TYPES,
    Register,
    check_answers,
    check_register,
    finalise,
    normalise,
    normalise_answers,
)

TEMPLATE_ROWS = 1000
"""Drop-down lists reach this many rows."""
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_PRIVATE_FILL = PatternFill("solid", fgColor="F4CCCC")
RawTables = dict[str, pd.DataFrame]


class RegisterError(ValidationError):
    """A register (or answers table) that cannot be imported; ``located`` gives every
    problem with its file, sheet and row (``problems`` count rows as the file does)."""

    def __init__(self, located: list[Located], *, source: str) -> None:
        self.located = located
        super().__init__([item.problem for item in located], source=source)


# --- the template -----------------------------------------------------------------------------


def _lists(book: Workbook, lang: str) -> dict[str, str]:
    """The hidden, protected sheet of drop-down lists; ``table.column`` → range."""
    sheet = book.create_sheet(LISTS_SHEET)
    ranges = {}
    for col, (key, choices) in enumerate((("zienswijzen.channel", CHANNELS),
                                          ("zienswijzen.submitter_type", SUBMITTER_TYPES),
                                          ("punten.leads_to_change", YES_NO[lang])), start=1):
        letter = get_column_letter(col)
        sheet.cell(row=1, column=col, value=key)
        for row, choice in enumerate(choices, start=2):
            sheet.cell(row=row, column=col, value=choice)
        ranges[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return ranges


def _instructions(book: Workbook, lang: str) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = README_SHEET
    title, *lines = INSTRUCTIONS[lang]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in lines:
        sheet.append([line])
    sheet.append([])
    sheet.append(list(HEADER[lang]))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    yes = YES_NO[lang][0]
    for schema in TABLES:
        for column in schema.columns:
            sheet.append([schema.name, column.name, yes if column.required else "",
                          column_note(column, lang)])
    widths = (18, 18, 10, 100)
    for letter, width in zip("ABCD", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    first_table_row = len(lines) + 3  # the instructions run on over the empty columns
    for cells in sheet.iter_rows(min_row=first_table_row):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines_needed = max(math.ceil(len(str(c.value or "")) / (w * 1.1))
                           for c, w in zip(cells, widths, strict=False))
        sheet.row_dimensions[cells[0].row].height = 15 * max(1, lines_needed)
    sheet.protection.sheet = True


def _data_sheets(book: Workbook, ranges: Mapping[str, str], lang: str) -> None:
    for schema in TABLES:
        sheet = book.create_sheet(schema.name)
        sheet.append(list(schema.column_names))
        private = schema.name == SHEETS[2]
        for index, column in enumerate(schema.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font = Font(bold=True)
            cell.fill = _REQUIRED_FILL if column.required else (
                _PRIVATE_FILL if private else _HEADER_FILL)
            cell.comment = Comment(column_note(column, lang), "pmiek", width=320, height=160)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 40 if column.name in (
                "summary", "answer", "change", "public_name") else 18
            if column.name in DATE_COLUMNS:
                sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        add_drop_downs(sheet, schema, ranges, TEMPLATE_ROWS + 1, lang)
        sheet.freeze_panes = "A2"


def build_template(lang: str = "nl") -> Workbook:
    """The template workbook (see the module's description), in ``lang``."""
    lang = language(lang)
    book = Workbook()
    _instructions(book, lang)
    ranges = _lists(book, lang)
    _data_sheets(book, ranges, lang)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    book.custom_doc_props.append(StringProperty(name=MARK[0], value=MARK[1]))
    return book


def write_template(path: str | os.PathLike[str], lang: str = "nl", *, overwrite: bool = False,
                   sources: Sequence[Source] = ()) -> Path:
    """Write the zienswijzen template workbook at ``path`` (``.xlsx``); Dutch by default,
    English instructions and notes with ``lang="en"`` (sheet and column names stay).

    Built beside the target and moved into place when complete. An existing file is
    replaced only with ``overwrite`` and only when pmiek wrote it; ``sources`` are never
    written over. Raises :class:`~pmiek.errors.WriteError`. Returns the path written."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise said(WriteError, nl=f"{target.name}: gebruik de extensie .xlsx. Er is niets "
                   "geschreven.", en=f"{target.name}: use the extension .xlsx. Nothing was "
                   "written.")
    return write_file(target, "xlsx", lambda built: build_template(lang).save(built),
                      overwrite=overwrite, sources=sources)



# --- reading ----------------------------------------------------------------------------------


def _csv_table(path: Path, name: str, limits: ReadLimits,
               ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    """One CSV file as raw text (``None`` for empty) and the line of each row."""
    none = np.empty(0, dtype=int)
    data, problem = read_bytes(path, name, limits)
    if problem is not None or data is None:
        return None, [problem] if problem else [], none
    try:
        text = decode(data)
        records = parse(text, separator(text), limits.rows)
    except Unreadable as exc:
        return None, [unreadable(name, path, expected=("CSV", "CSV"), reason=exc.reason)], none
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        return None, [unreadable(name, path, expected=("CSV", "CSV"),
                                 reason=(reason, reason))], none
    keep = records.filled()
    columns = {}
    for j, column in enumerate(records.columns):
        values = column[keep].astype(object)
        values[values == ""] = None
        columns[j] = restore_text(values)
    frame = pd.DataFrame(columns, index=range(int(keep.sum())), dtype=object)
    frame = frame.set_axis([n.strip() for n in records.names], axis=1)
    return frame, long_cells(name, frame, limits), records.lines[keep]


def _missing(name: str, path: Path, what: tuple[str, str]) -> Problem:
    return Problem(Code.UNREADABLE, name, expected=what[1], got=path.name,
                   params={"reason": f"{what[1]} is missing", "reason_nl": f"{what[0]} ontbreekt",
                           "expected_nl": what[0]})


def _read_folder(folder: Path, names: Sequence[str], limits: ReadLimits,
                 ) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    raw: RawTables = {}
    problems: list[Problem] = []
    origins: dict[str, Origin] = {}
    for name in names:
        path = folder / f"{name}.csv"
        if not path.is_file():
            problems.append(_missing(name, folder, (f"het bestand {name}.csv",
                                                    f"the file {name}.csv")))
            continue
        frame, found, lines = _csv_table(path, name, limits)
        problems += found
        origins[name] = Origin(str(path), None, lines)
        if frame is not None:
            raw[name] = frame
    return raw, problems, origins


def _formulas(path: Path, sheets: Collection[str]) -> list[Located]:
    """Every formula cell in ``sheets``, with its place (a formula is never accepted)."""
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        book = load_workbook(path, read_only=True, data_only=False)
    try:
        for sheet in book.worksheets:
            table = sheet.title.strip()
            if table not in sheets:
                continue
            names: list[str] = []
            for number, row in enumerate(sheet.iter_rows(), start=1):
                if number == 1:
                    names = [str(c.value or "").strip() for c in row]
                for cell in row:
                    if getattr(cell, "data_type", None) != "f":
                        continue
                    column = names[cell.column - 1] if cell.column <= len(names) else ""
                    where = f"{sheet.title}!{cell.coordinate}"
                    problem = Problem(
                        Code.NOT_ALLOWED, table, column or cell.column_letter, number - 2,
                        got=str(cell.value)[:80], expected=f"a typed value, no formula ({where})",
                        params={"expected_nl": f"een ingetypte waarde, geen formule ({where})"})
                    found.append(Located(problem, str(path), sheet.title, number))
    finally:
        book.close()
    return found


def _read_workbook(path: Path, names: Sequence[str], limits: ReadLimits,
                   ) -> tuple[RawTables, list[Problem], dict[str, Origin], list[Located]]:
    titles = {n: n for n in names}
    if ANSWERS in names:
        titles["answers"] = ANSWERS
    raw, problems, origins = read_xlsx(path, limits=limits, sheets=titles)
    problems = [p for p in problems if p.code is not Code.UNCACHED_FORMULA]
    formulas = _formulas(path, titles) if raw else []
    for name in names:
        if name not in raw and not any(p.table == "-" for p in problems):
            problems.append(_missing(name, path, (f"het werkblad '{name}'",
                                                  f"the sheet '{name}'")))
    for frame in raw.values():
        frame.columns = [str(c).strip() for c in frame.columns]
    return raw, problems, origins, formulas


def _read(path: Path, names: Sequence[str], limits: ReadLimits,
          ) -> tuple[RawTables, list[Problem], dict[str, Origin], list[Located]]:
    if path.is_dir():
        return (*_read_folder(path, names, limits), [])
    if path.suffix.lower() == ".xlsx":
        return _read_workbook(path, names, limits)
    if path.suffix.lower() == ".csv" and len(names) == 1:
        frame, found, lines = _csv_table(path, names[0], limits)
        raw = {names[0]: frame} if frame is not None else {}
        return raw, found, {names[0]: Origin(str(path), None, lines)}, []
    raise said(ReadError, nl=f"{path}: lever een .xlsx-bestand of een map met CSV-bestanden "
               f"({', '.join(f'{n}.csv' for n in names)}).",
               en=f"{path}: give an .xlsx file or a folder of CSV files "
               f"({', '.join(f'{n}.csv' for n in names)}).")


def _locate(problems: list[Problem], origins: Mapping[str, Origin]) -> list[Located]:
    """Every problem at its file, sheet and row; the problem's own row counts as the file
    does (a CSV file is named by its file name)."""
    located = []
    for p in problems:
        origin = origins.get(p.table)
        if origin is None:
            located.append(Located(p, None, None, p.line))
            continue
        line = origin.line(p.row)
        table = p.table if origin.sheet else Path(origin.path).name
        moved = dataclasses.replace(p, table=table, row=None if line is None else line - 2)
        located.append(Located(moved, origin.path, origin.sheet, line))
    return located


def _refuse(located: list[Located], path: Path) -> None:
    found = [item for item in located if errors([item.problem])]
    if found:
        found.sort(key=lambda item: (item.path or "", item.sheet or "", item.line or 0))
        raise RegisterError(found, source=str(path))


def read_register(path: str | os.PathLike[str], *,
                  known: Mapping[str, Collection[str]] | None = None,
                  limits: ReadLimits = DEFAULT_LIMITS) -> Register:
    """The register from the filled-in template (``.xlsx``) or a folder with
    ``zienswijzen.csv``, ``punten.csv`` and ``persoonsgegevens.csv``.

    Text is read defensively: numbers typed as text, dates as Excel dates, ISO text or
    ``24-9-2025``, ``ja``/``nee``/``true``/``false``/``1``/``0``. ``known`` (table → ids)
    also checks the ids in ``concerns`` and ``change_ref``. Raises :class:`RegisterError`
    listing every problem (nothing is imported), or :class:`~pmiek.errors.ReadError` for a
    path that is neither a workbook nor a folder."""
    source = Path(path)
    raw, problems, origins, formulas = _read(source, SHEETS, limits)
    register = None
    if all(name in raw for name in SHEETS):
        register = normalise(Register(*(raw[name] for name in SHEETS)))
        problems += check_register(register.zienswijzen, register.points, register.personal,
                                   known=known)
    _refuse(_locate(problems, origins) + formulas, source)
    assert register is not None
    return finalise(register)


def read_answers(path: str | os.PathLike[str], *,
                 limits: ReadLimits = DEFAULT_LIMITS) -> pd.DataFrame:
    """An answers table (columns number, point, answer, leads_to_change, change,
    change_ref) from a CSV file or a workbook with a sheet ``antwoorden``; ``point`` as int,
    ``leads_to_change`` as bool. Raises :class:`RegisterError` listing every problem."""
    source = Path(path)
    raw, problems, origins, formulas = _read(source, (ANSWERS,), limits)
    answers = None
    if ANSWERS in raw:
        answers = normalise_answers(raw[ANSWERS])
        problems += check_answers(answers)
    _refuse(_locate(problems, origins) + formulas, source)
    assert answers is not None
    answers["point"] = answers["point"].astype(int)
    answers["leads_to_change"] = answers["leads_to_change"].astype(bool)
    return answers


__all__ = ["RegisterError", "build_template", "read_answers", "read_register",
           "write_template"]
