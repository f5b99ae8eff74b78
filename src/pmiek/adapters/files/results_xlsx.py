"""The workbook for people: a run's tables with headers, units and rounded values.

Beside the tidy CSV files (for machines: English headers, dot decimals, full precision) every
run writes one workbook, :data:`WORKBOOK`, that a policy advisor can open and hand on:

- a sheet per table (:func:`~pmiek.domain.headers.sheet_name`), the header row in the
  chosen language with units (:func:`~pmiek.domain.headers.header`), bold and frozen, with
  a filter and column widths that fit;
- numbers stay numbers, rounded per quantity (:func:`~pmiek.domain.quantities.quantity`) and
  shown with a number format (``#,##0.0`` reads ``1.234,5`` in a Dutch Excel); years without
  thousands separator, shares as percentages; an infinite value is a word (``onbegrensd``,
  ``onmisbaar``), true/false reads ``ja``/``nee``, codes of the data contract their label
  (``housing`` → ``woningbouw``);
- a ``toelichting`` sheet when the run has notes (the priority list's rules), and a
  ``metadata`` sheet (:func:`~pmiek.adapters.files.metadata.metadata_rows`): workspace hash,
  edition, scenarios, years, solver limits and gap, framework status, versions, date.

Every cell is inert: a text is a string cell, never a formula, and a text that a spreadsheet
would take for a formula carries Excel's quote prefix; characters that XLSX cannot hold are
left out, and a text longer than an Excel cell holds is cut and ends in :data:`CUT` (the CSV
keeps it whole). A table longer than :data:`MAX_ROWS` rows gets a sheet that says so and
names its CSV file.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pmiek.adapters.files.inert import FORMULA_STARTS
from pmiek.adapters.files.metadata import metadata_rows
from pmiek.domain.headers import header, infinite_word, sheet_name, value_kind, yes_no
from pmiek.domain.labels import LANGUAGES, in_language, labels
from pmiek.domain.quantities import UNIT_COLUMNS, Quantity, quantity, unit_decimals

WORKBOOK = "resultaten.xlsx"
"""The file name of the workbook for people (the same in every language)."""

METADATA_SHEET = "metadata"
NOTES_SHEET = {"nl": "toelichting", "en": "notes"}
NOTES_HEADER = (("Onderwerp", "Topic"), ("Toelichting", "Note"))
METADATA_HEADER = (("Gegeven", "Item"), ("Waarde", "Value"), ("Sleutel", "Key"))

MAX_ROWS = 250_000
"""A table longer than this is left to its CSV file: its sheet says so (Excel holds at most
1,048,575 data rows, and a sheet that long is no reading for people)."""
CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""
WIDTH_SAMPLE = 200
"""Column widths are fitted to the header and this many first rows."""
_TITLE_LIMIT = 31
_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})

NUMBER_FORMATS = {0: "#,##0", 1: "#,##0.0", 2: "#,##0.00", 3: "0.000"}
"""Decimals → number format (Excel shows the separators of the reader's language)."""
YEAR_FORMAT = "0"
SHARE_FORMAT = "0.0%"


def number_format(kind: Quantity, decimals: int) -> str:
    """The number format of a cell of ``kind`` rounded to ``decimals``."""
    if kind is Quantity.YEAR:
        return YEAR_FORMAT
    if kind is Quantity.SHARE:
        return SHARE_FORMAT
    if kind is Quantity.SCORE:
        return NUMBER_FORMATS[3]
    return NUMBER_FORMATS.get(decimals, NUMBER_FORMATS[1])


def _half_up(value: float, places: int) -> float:
    """``value`` as written out (its shortest repr) rounded half away from zero; a value too
    large to have decimals stays as it is."""
    try:
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places),
                                              rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return value
    return float(exact)


def rounded(values: np.ndarray, decimals: int | np.ndarray) -> np.ndarray:
    """Finite ``values`` rounded to ``decimals`` (one for all, or one per value) as a person
    rounds the number written out: half away from zero (31.85 → 31.9, 2.25 → 2.3); no
    ``-0.0``. Each distinct (value, decimals) pair is rounded once."""
    places = np.broadcast_to(np.asarray(decimals, dtype=np.int64), np.shape(values))
    pairs, inverse = np.unique(np.stack([np.asarray(values, dtype=float),
                                         places.astype(float)]), axis=1, return_inverse=True)
    done = np.array([_half_up(v, int(p)) for v, p in pairs.T.tolist()], dtype=float)
    return done[np.ravel(inverse)] + 0.0


CUT = " […]"
"""The end of a text cut to fit a cell (its CSV keeps it whole)."""


def _text(value: str) -> str:
    """``value`` without the characters that XLSX cannot hold, cut visibly to fit a cell."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", value)
    return clean if len(clean) <= CELL_LIMIT else clean[:CELL_LIMIT - len(CUT)] + CUT


class _Cells:
    """Makes the cells of one sheet: styled numbers, inert text, a bold header."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self._styles: dict[str, Any] = {}
        quoted = WriteOnlyCell(sheet, value="")
        quoted.quotePrefix = True
        self._quoted = quoted._style
        self._bold = Font(bold=True)

    def number(self, value: object, fmt: str) -> Any:
        """A number cell with the number format ``fmt``."""
        style = self._styles.get(fmt)
        if style is None:
            proto = WriteOnlyCell(self.sheet, value=0)
            proto.number_format = fmt
            style = self._styles[fmt] = proto._style
        cell = WriteOnlyCell(self.sheet, value=value)
        cell._style = copy.copy(style)
        return cell

    def text(self, value: str) -> Any:
        """A string cell (a formula-like text with the quote prefix); plain text as is."""
        if value.startswith(FORMULA_STARTS) or value in ERROR_CODES:
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.data_type = "s"
            if value.startswith(FORMULA_STARTS):
                cell._style = copy.copy(self._quoted)
            return cell
        return value

    def heading(self, value: str) -> Any:
        """A bold header cell."""
        cell = WriteOnlyCell(self.sheet, value=_text(value))
        cell.data_type = "s"
        cell.font = self._bold
        return cell


def _units(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """indicator → unit, from the tables that list them (for the amounts of
    ``indicator_sources``, which do not repeat the unit)."""
    found: dict[str, str] = {}
    for name in ("indicator_registry", "indicators"):
        frame = tables.get(name)
        if frame is not None and {"indicator", "unit"} <= set(frame.columns):
            found.update(zip(frame["indicator"].astype(str), frame["unit"].astype(str),
                             strict=True))
    return found


def _row_decimals(frame: pd.DataFrame, units: Mapping[str, str]) -> np.ndarray:
    """The decimals per row of a column in the unit its row names."""
    for column in UNIT_COLUMNS:
        if column in frame.columns:
            named = frame[column]
            break
    else:
        named = frame["indicator"].astype(str).map(units) if "indicator" in frame.columns \
            else pd.Series([None] * len(frame), index=frame.index)
    decimals = {u: unit_decimals(u) for u in pd.unique(named.astype(object))}
    return named.astype(object).map(decimals).to_numpy(dtype=int)


class _Column:
    """One column as the sheet shows it: its header, its values (numbers rounded, text made
    fit for a cell) and, for a column of numbers, the number format of every value."""

    def __init__(self, table: str, column: str, series: pd.Series, lang: str,
                 row_decimals: np.ndarray | None) -> None:
        self.header = header(table, column, lang) or column
        self.formats: list[str] | None = None
        self.values: list[object]
        kind = None if series.dtype == bool else quantity(table, column)
        numbers = None if kind is None else _numbers(series)
        if kind is not None and numbers is not None:
            decimals = (row_decimals if kind is Quantity.PER_UNIT and row_decimals is not None
                        else np.full(len(series), kind.decimals))
            self._numbers(kind, column, numbers, decimals, lang)
        elif series.dtype == bool:
            self.values = [yes_no(v, lang) for v in series.tolist()]
        elif series.dtype.kind in "iuf":  # a number the vocabulary does not know: as it is
            values = series.to_numpy(dtype=float, na_value=np.nan)
            shown = np.where(np.isinf(values), infinite_word(column, lang), series.to_numpy(
                dtype=object, na_value=None))
            self.values = [None if isinstance(v, float) and np.isnan(v) else v
                           for v in shown.tolist()]
        else:
            self._text(table, column, series, lang)

    def _numbers(self, kind: Quantity, column: str, values: np.ndarray, decimals: np.ndarray,
                 lang: str) -> None:
        finite = np.isfinite(values)
        shown = rounded(np.where(finite, values, 0.0), decimals)
        out = np.full(len(values), None, dtype=object)
        whole = finite & (decimals == 0)
        out[whole] = shown[whole].astype(np.int64).tolist()
        out[finite & ~whole] = shown[finite & ~whole].tolist()
        if np.isinf(values).any():
            word = infinite_word(column, lang)
            out[values == np.inf] = word
            out[values == -np.inf] = f"−{word}"
        self.values = out.tolist()
        by_places = {int(p): number_format(kind, int(p)) for p in np.unique(decimals)}
        self.formats = [by_places[p] for p in decimals.tolist()]

    def _text(self, table: str, column: str, series: pd.Series, lang: str) -> None:
        values = series.astype(object).where(series.notna(), None).tolist()
        kind = value_kind(table, column)
        names = _value_labels(kind, lang) if kind is not None else {}
        self.values = [None if v is None else _text(names.get(v, v) if isinstance(v, str)
                                                    else str(v)) for v in values]

    def cells(self, make: _Cells) -> list[object]:
        if self.formats is None:
            return [make.text(v) if isinstance(v, str) else v for v in self.values]
        return [v if v is None or isinstance(v, str) else make.number(v, f)
                for v, f in zip(self.values, self.formats, strict=True)]

    def width(self) -> float:
        sample = self.values[:WIDTH_SAMPLE]
        longest = max([len(self.header), *(len(_shown(v)) for v in sample if v is not None)])
        return float(min(max(longest + 2, 8), 60))


def _value_labels(kind: str, lang: str) -> dict[str, str]:
    """Code → label in ``lang`` of ``kind``, and the label in any language → the one in
    ``lang`` (a table may hold the Dutch label already: ``afname``)."""
    shown = labels(kind, lang)
    found = {label: shown[code] for other in LANGUAGES
             for code, label in labels(kind, other).items()}
    return {**found, **shown}


def _numbers(series: pd.Series) -> np.ndarray | None:
    """The column as floats (missing as NaN), or None when it holds text."""
    if series.dtype.kind in "iuf":
        return series.to_numpy(dtype=float, na_value=np.nan)
    present = series.notna().to_numpy()
    values = pd.to_numeric(series.where(series.notna()), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    return None if np.isnan(values[present]).any() else values


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


class _Titles:
    """Unique sheet titles within Excel's rules (31 characters, no ``[]:*?/\\``)."""

    def __init__(self, reserved: Sequence[str]) -> None:
        self.taken = {t.lower() for t in reserved}

    def __call__(self, wanted: str) -> str:
        base = wanted.translate(_TITLE_FORBIDDEN).strip().strip("'")[:_TITLE_LIMIT] or "tabel"
        title, k = base, 2
        while title.lower() in self.taken:
            suffix = f" ({k})"
            title, k = base[:_TITLE_LIMIT - len(suffix)] + suffix, k + 1
        self.taken.add(title.lower())
        return title


def _table_sheet(workbook: Workbook, title: str, name: str, frame: pd.DataFrame, *,
                 lang: str, units: Mapping[str, str]) -> None:
    sheet = workbook.create_sheet(title)
    make = _Cells(sheet)
    if len(frame) > MAX_ROWS:
        note = in_language((f"Deze tabel heeft {len(frame):,} rijen, te veel voor dit "
                            f"werkboek; zie {name}.csv.".replace(",", "."),
                            f"This table has {len(frame):,} rows, too many for this "
                            f"workbook; see {name}.csv."), lang)
        sheet.column_dimensions["A"].width = 100
        sheet.append([make.text(_text(note))])
        return
    row_decimals = None
    if any(quantity(name, str(c)) is Quantity.PER_UNIT for c in frame.columns):
        row_decimals = _row_decimals(frame, units)
    columns = [_Column(name, str(c), frame[c], lang, row_decimals) for c in frame.columns]
    for k, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = column.width()
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(frame) + 1}"
    sheet.append([make.heading(c.header) for c in columns])
    for row in zip(*(c.cells(make) for c in columns), strict=True):
        sheet.append(list(row))


def _notes_sheet(workbook: Workbook, title: str, notes: Sequence[tuple[str, str]],
                 lang: str) -> None:
    sheet = workbook.create_sheet(title)
    make = _Cells(sheet)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 110
    sheet.freeze_panes = "A2"
    sheet.append([make.heading(in_language(pair, lang)) for pair in NOTES_HEADER])
    wrap = Alignment(wrap_text=True, vertical="top")
    for topic, note in notes:
        text = WriteOnlyCell(sheet, value=_text(str(note)))
        text.data_type = "s"
        text.alignment = wrap
        sheet.append([make.text(_text(str(topic))), text])


def _metadata_sheet(workbook: Workbook, meta: Mapping[str, object], lang: str) -> None:
    sheet = workbook.create_sheet(METADATA_SHEET)
    make = _Cells(sheet)
    for letter, width in zip("ABC", (44, 72, 34), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.append([make.heading(in_language(pair, lang)) for pair in METADATA_HEADER])
    for label, value, key in metadata_rows(meta, lang):
        shown = make.text(_text(value)) if isinstance(value, str) else value
        sheet.append([make.text(_text(label)), shown, make.text(_text(key))])


def write_results_xlsx(tables: Mapping[str, pd.DataFrame], path: Path, *, lang: str = "nl",
                       metadata: Mapping[str, object] | None = None,
                       notes: Sequence[tuple[str, str]] = ()) -> None:
    """Write ``tables`` (output name → table) as the workbook for people at ``path``: a sheet
    per table, then the ``notes`` (topic, note) and the ``metadata`` sheet (see the module
    docstring)."""
    workbook = Workbook(write_only=True)
    notes_title = NOTES_SHEET.get(lang, NOTES_SHEET["nl"])
    titles = _Titles([METADATA_SHEET, notes_title])
    units = _units(tables)
    for name, frame in tables.items():
        _table_sheet(workbook, titles(sheet_name(name, lang, _TITLE_LIMIT)), name, frame,
                     lang=lang, units=units)
    if notes:
        _notes_sheet(workbook, notes_title, notes, lang)
    if metadata is not None:
        _metadata_sheet(workbook, metadata, lang)
    if not workbook.worksheets:
        workbook.create_sheet(titles(sheet_name("", lang)))
    workbook.save(path)


__all__ = ["MAX_ROWS", "METADATA_SHEET", "WORKBOOK", "number_format", "rounded",
           "write_results_xlsx"]
