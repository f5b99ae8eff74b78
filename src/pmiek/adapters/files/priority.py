"""The priority list as the grid operators receive it: an Excel sheet and a JSON document."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SHEET = {"nl": "prioriteitenlijst", "en": "priority list"}
"""The sheet's name per language."""


def write_priority_xlsx(frame: pd.DataFrame, path: Path, lang: str = "nl") -> None:
    """The priority list as one sheet with readable column widths and a frozen header."""
    from openpyxl.utils import get_column_letter

    sheet = SHEET.get(lang, SHEET["nl"])
    shown = frame.replace({np.inf: np.nan})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        shown.to_excel(writer, sheet_name=sheet, index=False)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        for k, column in enumerate(shown.columns, start=1):
            width = min(max(len(str(column)), *(len(str(v)) for v in shown[column].head(50))),
                        60)
            ws.column_dimensions[get_column_letter(k)].width = width + 2


def write_priority_json(frame: pd.DataFrame, path: Path) -> None:
    """The priority list as a JSON array of records (an indispensable project's infinite
    marginal value as null)."""
    text = frame.replace({np.inf: None}).to_json(orient="records", force_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
