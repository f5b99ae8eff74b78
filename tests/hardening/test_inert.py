"""Issue 13, "formula injection": the named cases. A project or area name starting with ``=``,
``+``, ``-`` or ``@`` became a live formula in ``priority_list.xlsx`` (the name and rationale
cells) and stayed raw in the CSV outputs that officials open in Excel; terminal escape
sequences inside data values reached the terminal."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmiek.adapters.cli.common import Drawings
from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace, write_outputs, write_workspace
from pmiek.adapters.files.priority import write_priority_xlsx
from pmiek.assessment.priority import PRIORITY_COLUMNS
from pmiek.domain.headers import header
from pmiek.domain.provenance import Provenance

NAMES = ["=1+2", "+SUM(A1)", "-3+4", "@A1", '=HYPERLINK("http://x.invalid","klik")']


def _priority_frame() -> pd.DataFrame:
    """A priority list (the columns of ``pmiek assess``) whose names start like formulas; the
    rationale starts with the name, as the real one does."""
    n = len(NAMES)
    frame = pd.DataFrame({column: [""] * n for column in PRIORITY_COLUMNS})
    frame["priority"] = np.arange(1, n + 1)
    frame["project_id"] = [f"P{k}" for k in range(n)]
    frame["name"] = NAMES
    frame["in_service_year"] = 2030
    frame["tier"] = 1
    frame["marginal_value_meur"] = [np.inf, 2.5, 1.0, 0.5, 0.25]
    frame["rationale"] = [f"{name} (in bedrijf 2030) ontlast het net." for name in NAMES]
    return frame


def test_name_starting_like_a_formula_is_no_formula_in_priority_list_xlsx(
        tmp_path: Path) -> None:
    """Formula injection: a project name starting with =, +, - or @ became a live formula in
    priority_list.xlsx (the name and rationale cells)."""
    frame = _priority_frame()
    path = tmp_path / "priority_list.xlsx"
    write_priority_xlsx(frame, path, "nl")
    sheet = load_workbook(path, data_only=False).active
    assert sheet is not None
    formulas = [cell.coordinate for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]
    assert formulas == []
    shown = [cell.value for cell in sheet[1]]  # the headers for people
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    name, rationale = (shown.index(header("priority_list", c)) for c in ("name", "rationale"))
    assert [row[name] for row in rows] == NAMES
    assert [row[rationale] for row in rows] == list(frame["rationale"])


def test_name_starting_like_a_formula_is_neutralised_in_csv_outputs(tmp_path: Path) -> None:
    """Formula injection: the same names stayed raw in the CSV outputs that officials open in
    Excel; now every such text has the leading apostrophe, numbers untouched."""
    ws = read_workspace("example").workspace
    frame = pd.DataFrame({"name": NAMES, "capex_meur": [-1.5, 2.0, 3.0, 4.0, 5.0]})
    result = Drawings(Provenance.of("show", ws, {}), {"projects": frame})
    out = tmp_path / "out"
    write_outputs(result, out)
    with (out / "projects.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["name", "capex_meur"]
    assert [row[0] for row in rows[1:]] == [f"'{name}" for name in NAMES]
    assert [float(row[1]) for row in rows[1:]] == [-1.5, 2.0, 3.0, 4.0, 5.0]


def test_terminal_escape_sequences_in_data_values_do_not_reach_the_terminal(
        tmp_path: Path) -> None:
    """Terminal escape sequences inside data values reached the terminal: a value that
    ``pmiek validate`` reports (here a sector) carried ESC[2J (clear screen), a bell and a
    backspace into the problem table."""
    ws = read_workspace("example").workspace
    developments = ws.developments.copy()
    developments.loc[developments.index[0], "sector"] = "wonen\x1b[2J\x07\x08x"
    folder = tmp_path / "ws"
    write_workspace(ws.with_tables(developments=developments), folder)
    result = CliRunner().invoke(build_app("nl"), ["validate", str(folder)],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    assert "sector" in result.output  # the problem is shown …
    assert not any(c in result.output for c in "\x1b\x07\x08")  # … without the control codes
    assert "[2j" in result.output.lower()  # and the rest of the value literally
