"""An intake workbook: one submitter's rows to fill in, and reading what comes back.

:func:`write_intake_workbook` writes, for one municipality or operator
(:class:`~pmiek.domain.intake.Submitter`):

- a protected instructions sheet (``instructies``): what to do, the existing load, where
  the standard figures are, and every column of the data sheets with its description;
- one data sheet per table the submitter delivers (``ontwikkelingen``; ``netcomponenten``,
  ``projecten``, ``projecteffecten``, ``middelen``), prefilled with the submitter's rows
  (:func:`~pmiek.domain.intake.partition`), enumerations shown as labels with drop-down lists,
  existing load in grey, references to other parties' confidential rows as placeholders
  (:mod:`pmiek.domain.intake_sheets`);
- protected reference sheets: the connection points the submitter may see, the standard
  figures (unit parameters: the workspace's own, else the library's) and the profiles with
  their full-load hours and descriptions;
- a hidden sheet with the drop-down lists, and custom document properties that say who the
  workbook is for (submitter id, kind and name), the base workspace's content hash and name,
  the date and the language, beside pmiek's mark.

:func:`read_meta` reads those properties back; :func:`read_return` reads the data sheets
with :func:`~pmiek.adapters.files.xlsx_reader.read_xlsx` (its limits and checks), turns the
labels back into codes, restores the placeholders and reports every problem with its sheet,
row and column. Text is written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from pmiek.adapters.files.intake_texts import DATA_SHEETS, OTHER_SHEETS, header, sheet_name, word
from pmiek.adapters.files.limits import DEFAULT_LIMITS, ReadLimits
from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.safety import MARK, xlsx_properties
from pmiek.adapters.files.xlsx import (
    TEMPLATE_ROWS,
    _cell_values,
    _check_text,
    _keep_exact,
    add_drop_downs,
    column_note,
)
from pmiek.adapters.files.xlsx_reader import read_xlsx
from pmiek.domain.coerce import DECIMAL
from pmiek.domain.intake import (
    EXISTING_GOAL,
    MUNICIPALITY,
    SUBMITTER_TABLES,
    Submitter,
    existing_load,
    municipality_of_areas,
    partition,
)
from pmiek.domain.intake_sheets import (
    YES_NO,
    connection_points,
    from_labels,
    hidden_ids,
    mask,
    placeholder,
    profile_overview,
    shown,
    standard_figures,
    to_labels,
    unmask,
)
from pmiek.domain.labels import LANGUAGES, in_language
from pmiek.domain.library import Library
from pmiek.domain.problems import Code, Problem
from pmiek.domain.rules_columns import _check_keys
from pmiek.domain.schema import Dtype, Table
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace

PROPERTY = "pmiek_intake_{}"
"""The custom document properties of an intake workbook, ``{}`` one of :data:`FIELDS`."""
FIELDS = ("submitter", "kind", "name", "base", "workspace", "prepared", "lang")

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_EXISTING_FILL = PatternFill("solid", fgColor="E7E6E6")
_INTRO_WIDTH = 110


@dataclass(frozen=True)
class Intake:
    """What the workbooks of one round share: the base ``workspace`` (its own rows), how it
    was named (``reference``), its content hash (``base``), the ``library``, the date and the
    language of the workbooks."""

    workspace: Workspace
    reference: str
    base: str
    library: Library
    prepared: dt.date
    lang: str = "nl"
    version: str = ""


@dataclass(frozen=True)
class IntakeMeta:
    """Who a returned workbook is from and what it was prepared from."""

    submitter: Submitter
    base: str
    workspace: str
    prepared: str
    lang: str


# --- writing ----------------------------------------------------------------------------------


def write_intake_workbook(intake: Intake, submitter: Submitter, path: Path) -> None:
    """Write the workbook of ``submitter`` at ``path`` (see the module docstring)."""
    lang, ws = intake.lang, intake.workspace
    own, _ = mask(partition(ws, submitter), hidden_ids(ws, submitter), lang)
    book = Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = sheet_name("instructions", lang)
    areas = _own_areas(ws, submitter)
    profiles = profile_overview(ws, intake.library)
    ranges = _lists_sheet(book, submitter, areas, list(profiles["profile_id"]), lang)
    for name in submitter.tables:
        _data_sheet(book, table(name), own[name], ranges, lang)
    _reference_sheet(book, "points", to_labels(connection_points(ws, submitter),
                                               table("assets"), lang), lang)
    figures = standard_figures(ws, intake.library)
    _reference_sheet(book, "figures", _with_origin(to_labels(
        figures, table("unit_parameters"), lang), intake), lang)
    _reference_sheet(book, "profiles", _with_origin(profiles[
        ["profile_id", "description", "full_load_hours", "origin"]].assign(
        full_load_hours=profiles["full_load_hours"].round(0).astype(int)), intake), lang)
    _instructions(instructions, intake, submitter, own, areas)
    book.move_sheet(sheet_name("lists", lang), offset=len(book.sheetnames))
    for sheet in book.worksheets:
        _keep_exact(sheet, first=1)
    book.active = 1  # the first data sheet
    _properties(book, intake, submitter)
    book.save(path)


def _own_areas(ws: Workspace, submitter: Submitter) -> list[str]:
    """The areas a municipality's developments may lie in (itself and what lies inside)."""
    if submitter.kind != MUNICIPALITY:
        return []
    towns = municipality_of_areas(ws.areas)
    return [str(a) for a in towns.index[(towns == submitter.id).to_numpy()]]


def _with_origin(frame: pd.DataFrame, intake: Intake) -> pd.DataFrame:
    library = word("library", intake.lang, name=intake.library.name,
                   version=intake.library.version)
    origin = {"workspace": word("workspace", intake.lang), "library": library}
    return frame.assign(origin=frame["origin"].map(origin))


def _lists_sheet(book: Workbook, submitter: Submitter, areas: list[str],
                 profiles: list[str], lang: str) -> dict[str, str]:
    """A hidden, protected sheet of drop-down lists; returns ``table.column`` → range."""
    sheet = book.create_sheet(sheet_name("lists", lang))
    lists: dict[str, list[str]] = {}
    for name in submitter.tables:
        for column in table(name).columns:
            if column.dtype is Dtype.ENUM:
                lists[f"{name}.{column.name}"] = list(shown(column, lang).values())
            elif column.dtype is Dtype.BOOLEAN:
                lists[f"{name}.{column.name}"] = list(YES_NO[lang])
    if submitter.kind == MUNICIPALITY:
        lists["developments.area_id"] = areas
        lists["developments.profile"] = profiles
    ranges = {}
    for position, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(position)
        sheet.cell(row=1, column=position, value=key)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=position, value=value)
        ranges[key] = (f"{quote_sheetname(sheet.title)}!${letter}$2:${letter}$"
                       f"{max(len(values), 1) + 1}")
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return ranges


def _data_sheet(book: Workbook, schema: Table, frame: pd.DataFrame,
                ranges: Mapping[str, str], lang: str) -> None:
    """One sheet to fill in: the contract's column names in row 1 (with notes), the rows with
    labels, drop-down lists, existing load in grey."""
    sheet = book.create_sheet(sheet_name(schema.name, lang))
    sheet.append(list(schema.column_names))
    for index, column in enumerate(schema.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.comment = Comment(column_note(column, lang), "pmiek", width=320, height=160)
        sheet.column_dimensions[get_column_letter(index)].width = max(
            12, min(40, len(column.name) + 4))
    labelled = to_labels(frame, schema, lang)
    cells = [list(labelled[c.name].astype(object).where(labelled[c.name].notna(), None))
             if c.dtype in (Dtype.ENUM, Dtype.BOOLEAN) else _cell_values(c, frame[c.name])
             for c in schema.columns]
    for column, values in zip(schema.columns, cells, strict=True):
        if column.dtype not in (Dtype.FLOAT, Dtype.INTEGER, Dtype.YEAR, Dtype.BOOLEAN):
            _check_text(schema, frame, column, values)
    for row in zip(*cells, strict=True):
        sheet.append(list(row))
    if schema.name == "developments":
        for position in np.flatnonzero(existing_load(frame)):
            for cell in sheet[int(position) + 2]:
                cell.fill = _EXISTING_FILL
    add_drop_downs(sheet, schema, ranges, len(frame) + 1 + TEMPLATE_ROWS, lang)
    sheet.freeze_panes = "B2"


def _reference_sheet(book: Workbook, key: str, frame: pd.DataFrame, lang: str) -> None:
    """A protected sheet that shows ``frame`` under headers in ``lang``."""
    sheet = book.create_sheet(sheet_name(key, lang))
    sheet.append([header(str(c), lang) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for row in frame.astype(object).where(frame.notna(), None).itertuples(index=False):
        sheet.append([v.item() if isinstance(v, np.generic) else v for v in row])
    for index, name in enumerate(frame.columns, start=1):
        wide = name in ("description", "source", "name")
        sheet.column_dimensions[get_column_letter(index)].width = 60 if wide else 18
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True


def _instructions(sheet: Worksheet, intake: Intake, submitter: Submitter,
                  own: Mapping[str, pd.DataFrame], areas: list[str]) -> None:
    """The protected first sheet: title, origin, the steps, and the columns to fill in."""
    from pmiek import __version__

    lang = intake.lang
    sheet.append([word(f"title.{submitter.kind}", lang, name=submitter.name,
                       id=submitter.id)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([word("prepared", lang, date=intake.prepared.isoformat(),
                       workspace=intake.reference, base=intake.base[:12],
                       version=intake.version or __version__)])
    sheet.append([])
    sheet.append([word("do", lang)])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for number, step in enumerate(_steps(intake, submitter, own, areas), start=1):
        sheet.append([f"{number}. {step}"])
    for name in submitter.tables:
        sheet.append([])
        sheet.append([word("columns", lang, sheet=sheet_name(name, lang))])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([header("column", lang), header("required", lang),
                      header("description", lang)])
        for column in table(name).columns:
            sheet.append([column.name, word("yes", lang) if column.required else "",
                          column_note(column, lang)])
    sheet.column_dimensions["A"].width = _INTRO_WIDTH
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 90
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.protection.sheet = True


def _steps(intake: Intake, submitter: Submitter, own: Mapping[str, pd.DataFrame],
           areas: list[str]) -> list[str]:
    lang = intake.lang
    secret = placeholder(1, lang)
    first = submitter.tables[0]
    n = len(own[first])
    rows = word("row", lang) if n == 1 else word("rows", lang, n=n)
    steps = [word("step.rows", lang, sheet=sheet_name(first, lang), rows=rows),
             word("step.ids", lang, prefix=f"{submitter.id[:12]}-")]
    if submitter.kind == MUNICIPALITY:
        steps += [word("step.lists", lang),
                  word("step.size", lang, figures=sheet_name("figures", lang),
                       profiles=sheet_name("profiles", lang)),
                  word("step.points", lang, points=sheet_name("points", lang),
                       placeholder=secret),
                  word("step.areas", lang, areas=", ".join(areas)),
                  _existing(own["developments"], lang)]
    else:
        steps += [word("step.lists", lang),
                  word("step.operator", lang, name=submitter.name, placeholder=secret)]
    return [*steps, word("step.return", lang)]


def _existing(developments: pd.DataFrame, lang: str) -> str:
    """The instruction on existing load, with how many rows there are and an example id."""
    existing = developments[existing_load(developments)]
    if not len(existing):
        return word("step.no_existing", lang, goal=EXISTING_GOAL)
    n = len(existing)
    years = existing["start_year"].dropna()
    return word("step.existing", lang, goal=EXISTING_GOAL,
                rows=word("row", lang) if n == 1 else word("rows", lang, n=n),
                example=str(existing["id"].iloc[0]),
                year=int(years.min()) if len(years) else "")


def _properties(book: Workbook, intake: Intake, submitter: Submitter) -> None:
    values = {"submitter": submitter.id, "kind": submitter.kind, "name": submitter.name,
              "base": intake.base, "workspace": intake.reference,
              "prepared": intake.prepared.isoformat(), "lang": intake.lang}
    book.custom_doc_props.append(StringProperty(name=MARK[0], value=MARK[1]))
    for key in FIELDS:
        book.custom_doc_props.append(StringProperty(name=PROPERTY.format(key),
                                                    value=values[key]))


# --- reading ----------------------------------------------------------------------------------


def read_meta(path: Path) -> IntakeMeta | None:
    """Who the workbook at ``path`` is for and what it was prepared from; ``None`` when it is
    no intake workbook of pmiek (or cannot be opened)."""
    try:
        found = xlsx_properties(path)
    except Exception:  # a damaged or foreign file is simply not one of ours
        return None
    values = {key: found.get(PROPERTY.format(key), "") for key in FIELDS}
    if found.get(MARK[0]) != MARK[1] or not all(values.values()) \
            or values["kind"] not in SUBMITTER_TABLES or values["lang"] not in LANGUAGES:
        return None
    return IntakeMeta(Submitter(values["submitter"], values["kind"], values["name"]),
                      values["base"], values["workspace"], values["prepared"], values["lang"])


def sheet_tables(meta: IntakeMeta) -> dict[str, str]:
    """Sheet title → table, for the data sheets of the workbook's submitter."""
    return {sheet_name(name, meta.lang): name for name in meta.submitter.tables}


def read_return(path: Path, meta: IntakeMeta, numbers: Mapping[int, str], *,
                limits: ReadLimits = DEFAULT_LIMITS,
                ) -> tuple[dict[str, pd.DataFrame], list[Problem], dict[str, Origin]]:
    """The submitter's tables in the workbook at ``path`` (typed; labels as codes,
    placeholders ``numbers`` restored), every problem met, and where each table's rows are
    (sheet and row numbers). A data sheet that is missing is an error."""
    skip = [in_language(pair, lang) for pair in (*OTHER_SHEETS.values(),
                                                 *DATA_SHEETS.values()) for lang in LANGUAGES]
    wanted = sheet_tables(meta)
    raw, problems, origins = read_xlsx(path, limits=limits, sheets=wanted,
                                       skip=[s for s in skip if s not in wanted])
    origins.setdefault("-", Origin(str(path)))
    for title, name in wanted.items():
        if name not in raw and name not in {p.table for p in problems}:
            problems.append(Problem(Code.UNREADABLE, "-", got=path.name, expected=title,
                                    params={"reason": f"sheet '{title}' is missing",
                                            "reason_nl": f"werkblad '{title}' ontbreekt",
                                            "expected_nl": f"werkblad '{title}'"}))
    mapped = {}
    for name, frame in raw.items():
        mapped[name], found = from_labels(frame, table(name), meta.lang)
        mapped[name].attrs[DECIMAL] = frame.attrs.get(DECIMAL)
        problems += found
    typed, parsing = Workspace.from_raw(mapped)
    problems += parsing
    tables = unmask({name: typed.table(name) for name in mapped}, numbers)
    for name, frame in tables.items():
        problems += _check_keys(table(name), frame)
    return tables, problems, origins


def returned_tables(tables: Mapping[str, pd.DataFrame], names: Sequence[str],
                    ) -> dict[str, pd.DataFrame]:
    """``tables`` with an empty typed table for every name it lacks."""
    empty = Workspace()
    return {name: tables.get(name, empty.table(name)) for name in names}
