"""The layout of a weight session workbook, and loading its sheets as cells.

The weighting methods with their sheets and columns (described in
:mod:`pmiek.adapters.files.weights`) are shared by the reader and by the template
(:mod:`pmiek.adapters.files.weight_template`). The loaders here return the cells of every weight
sheet of a workbook or a folder of CSV files, with the row number a person sees, and read a cell
as text or as a number; checking what the cells say is the reader's job.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pmiek.adapters.files.inert import restore
from pmiek.adapters.files.text import cell_text
from pmiek.errors import ReadError

Method = Literal["points", "swing", "ahp"]
METHODS: tuple[Method, ...] = ("points", "swing", "ahp")
"""The weighting methods, in the order they are reported."""

SHEET_NAMES: dict[str, dict[Method, str]] = {
    "nl": {"points": "punten", "swing": "swing", "ahp": "ahp"},
    "en": {"points": "points", "swing": "swing", "ahp": "ahp"},
}
"""The sheet of every method in the template, by language (both are read)."""

_SHEET_ALIASES: dict[str, Method] = {
    "points": "points", "punten": "points", "swing": "swing", "ahp": "ahp",
}

# per method: (English name, Dutch name) of every required column, in template order
_COLUMNS: dict[Method, tuple[tuple[str, str], ...]] = {
    "points": (("participant", "deelnemer"), ("criterion", "criterium"), ("points", "punten")),
    "swing": (("participant", "deelnemer"), ("criterion", "criterium"), ("swing", "swing")),
    "ahp": (("participant", "deelnemer"), ("criterion_a", "criterium_a"),
            ("criterion_b", "criterium_b"), ("value", "waarde")),
}

_FRACTION = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


# --- cells -------------------------------------------------------------------------------


def _norm(header: object) -> str:
    text = cell_text(header) or ""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _text(value: object) -> str | None:
    text = cell_text(value)
    return text.strip() if text is not None and text.strip() else None


def _number(value: object, fractions: bool) -> float | None:
    """A cell as a finite number, or ``None`` when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _FRACTION.match(text) if fractions else None
    try:
        if match:
            numerator, denominator = (float(g.replace(",", ".")) for g in match.groups())
            number = numerator / denominator if denominator else math.nan
        elif _DECIMAL_COMMA.match(text):
            number = float(text.replace(",", "."))
        else:
            number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# --- loading -----------------------------------------------------------------------------


@dataclass
class _Sheet:
    """One weight table as read: its cells, with the row number a person sees."""

    method: Method
    name: str
    header: list[object]
    rows: list[tuple[int, tuple[object, ...]]]


def _read_xlsx(path: Path) -> list[_Sheet]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError, SyntaxError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"{path.name} is geen leesbare Excel-werkmap / is not a readable Excel "
                        f"workbook: {reason}", path=str(path)) from exc
    sheets: list[_Sheet] = []
    try:
        for worksheet in workbook.worksheets:
            method = _SHEET_ALIASES.get(worksheet.title.strip().lower())
            if method is None:
                continue
            rows = worksheet.iter_rows(values_only=True)
            header = list(next(rows, None) or ())
            data = [(line, tuple(row)) for line, row in enumerate(rows, start=2)
                    if any(_text(v) is not None for v in row)]
            sheets.append(_Sheet(method, worksheet.title, header, data))
    finally:
        workbook.close()
    return sheets


def _read_csv_folder(folder: Path) -> list[_Sheet]:
    sheets: list[_Sheet] = []
    for path in sorted(folder.iterdir()):
        method = _SHEET_ALIASES.get(path.stem.strip().lower())
        if method is None or path.suffix.lower() != ".csv" or not path.is_file():
            continue
        try:
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
            try:
                separator = csv.Sniffer().sniff(text.split("\n", 1)[0], ",;\t").delimiter
            except csv.Error:
                separator = ","
            reader = csv.reader(text.splitlines(), delimiter=separator)
            header: list[object] = [restore(c) for c in next(reader, [])]
            rows: list[tuple[int, tuple[object, ...]]] = [
                (reader.line_num, tuple(restore(c) for c in row)) for row in reader
                if any(c.strip() for c in row)]
        except (OSError, csv.Error) as exc:
            raise ReadError(f"{path.name} is niet leesbaar / cannot be read: {exc}",
                            path=str(path)) from exc
        sheets.append(_Sheet(method, path.name, header, rows))
    return sheets


__all__ = [
    "METHODS",
    "SHEET_NAMES",
]
