"""Reading a workspace from an Excel workbook: every sheet named after a table."""

from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile

import numpy as np
import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import cell_text
from pmiek.adapters.files.xlsx import LISTS_SHEET, README_SHEET
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.tables import TABLE_NAMES

RawTables = dict[str, pd.DataFrame]


def read_xlsx(path: Path) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    """Every sheet named after a table as a raw text table (other sheets are ignored)."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        return {}, [Problem(Code.UNREADABLE, "-", expected="Excel (.xlsx)", got=path.name,
                            params={"reason": str(exc).splitlines()[0] if str(exc) else
                                    type(exc).__name__})], {}
    raw: RawTables = {}
    problems: list[Problem] = []
    origins: dict[str, Origin] = {}
    try:
        for sheet in workbook.worksheets:
            name = sheet.title.strip()
            if name in (README_SHEET, LISTS_SHEET):
                continue
            if name not in TABLE_NAMES:
                problems.append(Problem(Code.UNKNOWN_TABLE, name,
                                        expected=", ".join(TABLE_NAMES), got=name,
                                        severity=Severity.WARNING))
                continue
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            width = max((i + 1 for i, h in enumerate(header) if cell_text(h)), default=0)
            names = [cell_text(h) or f"kolom_{i + 1}" for i, h in enumerate(header[:width])]
            data: list[list[str | None]] = []
            lines: list[int] = []
            for number, row in enumerate(rows, start=2):
                cells = [cell_text(v) for v in row[:width]]
                if any(c is not None for c in cells):
                    cells += [None] * (width - len(cells))
                    data.append(cells)
                    lines.append(number)
            raw[name] = pd.DataFrame(data, columns=names, dtype=object)
            origins[name] = Origin(str(path), name, np.asarray(lines, dtype=int))
    finally:
        workbook.close()
    return raw, problems, origins
