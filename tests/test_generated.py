"""The schema is the single source: the docs and the committed template must match it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.adapters.files.xlsx import LISTS_SHEET, README_SHEET, column_note
from pmiek.domain.contract_doc import render_data_contract
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


def test_data_contract_doc_is_current() -> None:
    committed = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    assert committed == render_data_contract(), "docs/data-contract.md is stale: run make docs"


def test_data_contract_doc_lists_every_column() -> None:
    text = render_data_contract()
    for schema in TABLES:
        assert f"## `{schema.name}`" in text
        for column in schema.columns:
            assert f"`{column.name}`" in text
            assert column.nl in text and column.en in text


def _structure(path: Path) -> dict[str, object]:
    """What a template is made of: sheets, headers, header notes, drop-downs, lists."""
    workbook = load_workbook(path)
    shape: dict[str, object] = {"sheets": workbook.sheetnames}
    for sheet in workbook.worksheets:
        if sheet.title == LISTS_SHEET:
            shape[sheet.title] = [list(r) for r in sheet.iter_rows(values_only=True)]
            continue
        if sheet.title == README_SHEET:
            shape[sheet.title] = [list(r) for r in sheet.iter_rows(values_only=True)]
            continue
        header = [c.value for c in sheet[1]]
        notes = [c.comment.text if c.comment else None for c in sheet[1]]
        validations = sorted((str(v.sqref), v.formula1)
                             for v in sheet.data_validations.dataValidation)
        shape[sheet.title] = {"header": header, "notes": notes, "validations": validations}
    return shape


def test_committed_template_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.xlsx"
    write_workspace(Workspace(), fresh)
    committed = ROOT / "docs" / "pmiek-sjabloon.xlsx"
    assert _structure(committed) == _structure(fresh), (
        "docs/pmiek-sjabloon.xlsx is stale: run make docs")


def test_template_has_every_table_column_note_and_dropdown(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_workspace(Workspace(), path)
    workbook = load_workbook(path)
    for schema in TABLES:
        sheet = workbook[schema.name]
        assert [c.value for c in sheet[1]] == list(schema.column_names)
        for cell, column in zip(sheet[1], schema.columns, strict=True):
            assert cell.comment is not None
            assert cell.comment.text == column_note(column)
        enum_columns = [c.name for c in schema.columns if c.allowed]
        dropdowns = {str(v.sqref).split(":")[0].rstrip("0123456789")
                     for v in sheet.data_validations.dataValidation}
        letters = {chr(ord("A") + schema.column_names.index(n)) for n in enum_columns}
        assert letters <= dropdowns
    lists = workbook[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    values = {v for row in lists.iter_rows(values_only=True) for v in row if v}
    assert {"electricity", "hv_station", "housing", "in_ip", "maatschappelijke_waarde"} <= values


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_template_filled_with_example_validates_clean(
    tmp_path: Path, example: Workspace, lang: str
) -> None:
    """Fill the empty template row by row, as a person would, then validate."""
    from pmiek.adapters.files.xlsx import _cell_values

    path = tmp_path / "template.xlsx"
    write_workspace(Workspace(), path, lang=lang)
    workbook = load_workbook(path)
    for schema in TABLES:
        frame = example.table(schema.name)
        sheet = workbook[schema.name]
        columns = [_cell_values(c, frame[c.name]) for c in schema.columns]
        for row_number, row in enumerate(zip(*columns, strict=True), start=2):
            for col_number, value in enumerate(row, start=1):
                sheet.cell(row=row_number, column=col_number, value=value)
    workbook.save(path)
    result = read_workspace(path)
    assert result.problems == []
    assert result.workspace.differences(example) == []
