"""The priority list as the grid operators receive it: a workbook and a JSON document.

The workbook is one of the workbooks for people (:mod:`pmiek.adapters.files.results_xlsx`):
headers in the chosen language, rounded values, the notes and the run's metadata, every text
a string cell, never a formula. :func:`text_cells` makes the cells of an ordinary openpyxl
sheet inert the same way (the weights workbook uses it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pmiek.adapters.files.inert import FORMULA_STARTS
from pmiek.adapters.files.results_xlsx import write_results_xlsx
from pmiek.errors import WriteError, said

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


def write_priority_xlsx(frame: pd.DataFrame, path: Path, lang: str = "nl",
                        notes: Sequence[tuple[str, str]] = (),
                        metadata: Mapping[str, object] | None = None) -> None:
    """The priority list as a workbook for people
    (:func:`~pmiek.adapters.files.results_xlsx.write_results_xlsx`): a sheet with headers in
    ``lang``, rounded values (an indispensable project's infinite marginal value as the word
    ``onmisbaar``) and a frozen header, then the ``notes`` as (topic, note) rows — how the
    tiers are decided, what a column means — and the run's ``metadata``."""
    write_results_xlsx({"priority_list": frame}, path, lang=lang, metadata=metadata,
                       notes=notes)


def write_priority_json(frame: pd.DataFrame, path: Path) -> None:
    """The priority list as a JSON array of records (an indispensable project's infinite
    marginal value as null)."""
    text = frame.replace({np.inf: None}).to_json(orient="records", force_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
