"""A workspace as an Excel workbook: one sheet per table, which is also the template.

The workbook :func:`write_xlsx` makes is the input template of ``pmiek template``: a header
row with a comment describing every column (unit, required, allowed values), drop-down lists
for enumerations and booleans, a ``toelichting`` sheet listing every column, and the data (if
any) from row 2. The layout is generated from the schema only.

Every text is a text cell, never a formula, and text that an Excel cell cannot hold (longer
than :data:`CELL_LIMIT`, or with a control character) is a :class:`~pmiek.errors.WriteError`
naming the sheet, row and column — never cut. The workbook carries pmiek's mark (a custom
document property, see :mod:`pmiek.adapters.files.safety`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pmiek.adapters.files.inert import printable
from pmiek.adapters.files.safety import MARK
from pmiek.adapters.files.text import cell_text
from pmiek.domain.geometry import to_wkt
from pmiek.domain.schema import Column, Dtype, Table
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace
from pmiek.errors import WriteError, said

RawTables = dict[str, pd.DataFrame]

README_SHEET = "toelichting"
LISTS_SHEET = "keuzelijsten"
TEMPLATE_ROWS = 2000
"""Drop-down lists reach this many rows below the data."""
CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""
_TEXT_TYPES = (Dtype.FLOAT, Dtype.INTEGER, Dtype.YEAR, Dtype.BOOLEAN)
"""The types that are not written as text (every other column is)."""

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_LABELS = {
    "nl": {"required": "verplicht", "unit": "eenheid", "allowed": "toegestaan",
           "default": "standaard", "range": "bereik", "references": "verwijst naar",
           "table": "tabel", "column": "kolom", "type": "type", "description": "omschrijving",
           "intro": "pmiek-invoersjabloon. Eén werkblad per tabel; rij 1 bevat de kolomnamen "
                    "(niet wijzigen), gegevens vanaf rij 2. Oranje kolommen zijn verplicht. "
                    "Controleer met: pmiek validate BESTAND.xlsx"},
    "en": {"required": "required", "unit": "unit", "allowed": "allowed", "default": "default",
           "range": "range", "references": "refers to", "table": "table", "column": "column",
           "type": "type", "description": "description",
           "intro": "pmiek input template. One sheet per table; row 1 holds the column names "
                    "(do not change), data from row 2. Orange columns are required. "
                    "Check with: pmiek validate FILE.xlsx"},
}


def column_note(column: Column, lang: str = "nl") -> str:
    """The text of a header comment: description, unit, rules."""
    labels = _LABELS[lang]
    lines = [column.description(lang)]
    if column.unit:
        lines.append(f"{labels['unit']}: {column.unit}")
    if column.required:
        lines.append(labels["required"])
    if column.allowed:
        lines.append(f"{labels['allowed']}: {', '.join(column.allowed)}")
    if column.range_text:
        lines.append(f"{labels['range']}: {column.range_text}")
    if column.references:
        lines.append(f"{labels['references']}: {column.references}")
    if column.default is not None:
        lines.append(f"{labels['default']}: {cell_text(column.default)}")
    return "\n".join(lines)


def _cell_values(column: Column, series: pd.Series) -> list[object]:
    if column.dtype is Dtype.GEOMETRY:
        values = series.to_numpy(dtype=object)
        present = ~pd.isna(values)
        out = np.full(len(values), None, dtype=object)
        if present.any():
            out[present] = to_wkt(values[present])
        return list(out)
    if column.dtype is Dtype.FLOAT:
        return [None if np.isnan(v) else float(v)
                for v in series.to_numpy(dtype=float, na_value=np.nan)]
    if column.dtype in (Dtype.INTEGER, Dtype.YEAR):
        return [None if pd.isna(v) else int(v) for v in series]
    if column.dtype is Dtype.BOOLEAN:
        return [None if pd.isna(v) else bool(v) for v in series]
    return [None if pd.isna(v) else str(v) for v in series]


def _lists_sheet(workbook: Workbook) -> dict[str, str]:
    """A hidden sheet with one column per enumeration; returns column name → range formula."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    enums: dict[tuple[str, ...], str] = {}
    for schema in TABLES:
        for column in schema.columns:
            choices = column.allowed or (("true", "false") if column.dtype is Dtype.BOOLEAN
                                         else ())
            if not choices:
                continue
            if choices not in enums:
                col = len(enums) + 1
                letter = get_column_letter(col)
                sheet.cell(row=1, column=col, value=f"{schema.name}.{column.name}")
                for r, choice in enumerate(choices, start=2):
                    sheet.cell(row=r, column=col, value=choice)
                enums[choices] = (f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:"
                                  f"${letter}${len(choices) + 1}")
            ranges[f"{schema.name}.{column.name}"] = enums[choices]
    sheet.sheet_state = "hidden"
    return ranges


def _readme_sheet(workbook: Workbook, lang: str) -> None:
    labels = _LABELS[lang]
    sheet = workbook.active
    assert sheet is not None
    sheet.title = README_SHEET
    sheet.append([labels["intro"]])
    sheet.append([])
    header = [labels["table"], labels["column"], labels["type"], labels["unit"],
              labels["required"], labels["description"]]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for schema in TABLES:
        for column in schema.columns:
            sheet.append([schema.name, column.name, column.dtype.value, column.unit,
                          "x" if column.required else "", column_note(column, lang)])
    for letter, width in zip("ABCDEF", (20, 22, 10, 12, 10, 100), strict=True):
        sheet.column_dimensions[letter].width = width


def write_xlsx(workspace: Workspace, path: Path, lang: str = "nl") -> None:
    """Write ``workspace`` as the template workbook (an empty workspace gives the template)."""
    workbook = Workbook()
    _readme_sheet(workbook, lang)
    ranges = _lists_sheet(workbook)
    for schema in TABLES:
        _table_sheet(workbook, schema, workspace.table(schema.name), ranges, lang)
    workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))
    for sheet in (workbook[README_SHEET], workbook[LISTS_SHEET]):
        _keep_exact(sheet, first=1)
    workbook.custom_doc_props.append(StringProperty(name=MARK[0], value=MARK[1]))
    workbook.save(path)


def _table_sheet(workbook: Workbook, schema: Table, frame: pd.DataFrame,
                 ranges: dict[str, str], lang: str) -> None:
    sheet = workbook.create_sheet(schema.name)
    sheet.append(list(schema.column_names))
    for index, column in enumerate(schema.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="left")
        cell.comment = Comment(column_note(column, lang), "pmiek", width=320, height=160)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.name) + 4))
    if len(frame):
        values = [_cell_values(c, frame[c.name]) for c in schema.columns]
        for column, cells in zip(schema.columns, values, strict=True):
            if column.dtype not in _TEXT_TYPES:
                _check_text(schema, frame, column, cells)
        for row in zip(*values, strict=True):
            sheet.append(list(row))
    _keep_exact(sheet, first=1)
    add_drop_downs(sheet, schema, ranges, len(frame) + 1 + TEMPLATE_ROWS, lang)
    sheet.freeze_panes = "A2"


def add_drop_downs(sheet: Worksheet, schema: Table, ranges: Mapping[str, str], last: int,
                   lang: str) -> None:
    """A drop-down list (from the lists sheet's ``ranges``) on rows 2 … ``last`` of every
    column of ``schema`` that has one, refusing other values with the column's note."""
    for index, column in enumerate(schema.columns, start=1):
        formula = ranges.get(f"{schema.name}.{column.name}")
        if formula is None:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                    showErrorMessage=True)
        validation.error = column_note(column, lang)[:255]
        validation.errorTitle = column.name[:32]
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)


def _keep_exact(sheet: Worksheet, *, first: int) -> None:
    """openpyxl writes numbers with 16 significant digits, and text starting with '=' (or
    reading '#N/A') as a formula (an error): write numbers in the shortest form that reads
    back exactly, and such text as text, from row ``first`` on."""
    for cells in sheet.iter_rows(min_row=first):
        for cell in cells:
            value = cell.value
            if cell.data_type in ("f", "e"):
                cell.data_type = "s"
            elif isinstance(value, float | int) and not isinstance(value, bool):
                cell.value = repr(value) if isinstance(value, float) else str(value)
                cell.data_type = "n"


def _check_text(schema: Table, frame: pd.DataFrame, column: Column, cells: list[object]
                ) -> None:
    """Refuse text that an Excel cell cannot hold, naming sheet, row, id and column."""
    text = pd.Series(cells, dtype="string")
    too_long = (text.str.len() > CELL_LIMIT).fillna(False).to_numpy(dtype=bool)
    illegal = text.str.contains(ILLEGAL_CHARACTERS_RE.pattern, regex=True).fillna(
        False).to_numpy(dtype=bool)
    bad = np.flatnonzero(too_long | illegal)
    if len(bad):
        row = int(bad[0])
        keys = [k for k in schema.key if k in frame.columns]
        ident = printable("/".join(str(frame[k].iloc[row]) for k in keys),
                          keep_newlines=False)[:80]
        place = (f"Werkblad {schema.name}, rij {row + 2} (id {ident}), kolom {column.name}",
                 f"Sheet {schema.name}, row {row + 2} (id {ident}), column {column.name}")
        raise _cell_error(place, len(str(cells[row])) if too_long[row] else None)


def _cell_error(place: tuple[str, str], size: int | None) -> WriteError:
    """The error for a cell at ``place`` (Dutch, English) that is ``size`` characters long
    (``None``: that holds a control character)."""
    if size is None:
        return said(WriteError,
                    nl=f"{place[0]}: de tekst bevat een stuurteken dat Excel niet kan bewaren. "
                       "Verwijder het, of schrijf een map met CSV-bestanden of een .gpkg. Er "
                       "is niets geschreven.",
                    en=f"{place[1]}: the text holds a control character that Excel cannot "
                       "store. Remove it, or write a folder of CSV files or a .gpkg. Nothing "
                       "was written.")
    dutch = f"{size:,}".replace(",", "."), f"{CELL_LIMIT:,}".replace(",", ".")
    return said(WriteError,
                nl=f"{place[0]}: de tekst is {dutch[0]} tekens lang; een Excel-cel bevat er "
                   f"hoogstens {dutch[1]}. Schrijf deze werkruimte als map met CSV-bestanden "
                   "of als .gpkg. Er is niets geschreven.",
                en=f"{place[1]}: the text is {size:,} characters long; an Excel cell holds at "
                   f"most {CELL_LIMIT:,}. Write this workspace as a folder of CSV files or as "
                   ".gpkg. Nothing was written.")
