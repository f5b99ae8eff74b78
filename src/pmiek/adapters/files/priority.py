"""The priority list as the grid operators receive it: an Excel sheet and a JSON document.

The sheet is inert: every text (a project's name, the rationale, an id) is a string cell, never
a formula, even when it starts with ``=``; a text that a spreadsheet would take for a formula
also gets Excel's quote prefix, so that editing the cell keeps it text (:func:`text_cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pmiek.adapters.files.inert import FORMULA_STARTS
from pmiek.errors import WriteError, said

SHEET = {"nl": "prioriteitenlijst", "en": "priority list"}
"""The sheet's name per language."""

NOTES_SHEET = {"nl": "toelichting", "en": "notes"}
NOTES_HEADER = {"nl": ("onderwerp", "toelichting"), "en": ("topic", "note")}
"""The notes sheet's name and header per language."""

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""


def text_cells(worksheet: Any) -> None:
    """Make every text cell of ``worksheet`` a string cell (openpyxl takes a text starting
    with ``=`` for a formula); a text that a spreadsheet would read as a formula gets the
    quote prefix too. Raises WriteError for a text longer than an Excel cell holds, naming
    the sheet, row and column."""
    for row in worksheet.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            if len(cell.value) > CELL_LIMIT:
                raise said(
                    WriteError,
                    nl=f"{worksheet.title}, rij {cell.row}, kolom {cell.column_letter}: "
                       f"{len(cell.value)} tekens, meer dan de {CELL_LIMIT} die een Excel-cel "
                       "bevat; er is niets geschreven.",
                    en=f"{worksheet.title}, row {cell.row}, column {cell.column_letter}: "
                       f"{len(cell.value)} characters, more than the {CELL_LIMIT} an Excel "
                       "cell holds; nothing was written.")
            cell.data_type = "s"
            if cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True


def _cell(value: object) -> object:
    """A value as openpyxl stores it: text without the control characters that XLSX cannot
    hold; a missing number empty."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT or (
            isinstance(value, float) and np.isnan(value)):
        return None
    return value


def write_priority_xlsx(frame: pd.DataFrame, path: Path, lang: str = "nl",
                        notes: Sequence[tuple[str, str]] = ()) -> None:
    """The priority list as a sheet with readable column widths and a frozen header (an
    indispensable project's infinite marginal value as an empty cell), and when ``notes``
    are given, a second sheet with them as (topic, note) rows: how the tiers are decided,
    what a column means."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    shown = frame.replace({np.inf: np.nan}).astype(object)
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = SHEET.get(lang, SHEET["nl"])
    ws.append([_cell(str(column)) for column in shown.columns])
    for row in shown.itertuples(index=False, name=None):
        ws.append([_cell(value) for value in row])
    text_cells(ws)
    ws.freeze_panes = "A2"
    for k, column in enumerate(shown.columns, start=1):
        values = (_cell(v) for v in shown[column].head(50))
        width = min(max([len(str(column)), *(len(str(v)) for v in values if v is not None)]),
                    60)
        ws.column_dimensions[get_column_letter(k)].width = width + 2
    if notes:
        _notes_sheet(workbook, notes, lang)
    workbook.save(path)


def _notes_sheet(workbook: Any, notes: Sequence[tuple[str, str]], lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(NOTES_SHEET.get(lang, NOTES_SHEET["nl"]))
    sheet.append(list(NOTES_HEADER.get(lang, NOTES_HEADER["nl"])))
    for topic, note in notes:
        sheet.append([_cell(topic), _cell(note)])
    text_cells(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
        row[0].alignment = Alignment(vertical="top")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110


def write_priority_json(frame: pd.DataFrame, path: Path) -> None:
    """The priority list as a JSON array of records (an indispensable project's infinite
    marginal value as null)."""
    text = frame.replace({np.inf: None}).to_json(orient="records", force_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
