"""Outputs are inert (issue 13, "done when" point 3): names starting with ``=``, ``+``, ``-``
and ``@`` (project ids and names, area, asset and development names, and so the rationale of
the priority list) go through every writer of pmiek. No XLSX cell holds a formula, every CSV
holds the neutralised text (``'=…``), and pmiek's own readers give the original text back.
And the terminal: data and paths are shown literally, without control characters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import Result
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmiek.adapters.cli.common import SafeConsole, fail
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.adapters.files.inert import FORMULA_STARTS, LONE_SIGNS
from pmiek.adapters.files.variant_results import read_fixed_schedule
from pmiek.adapters.files.weight_template import write_weight_template
from pmiek.adapters.files.weights import read_weight_sessions
from pmiek.domain.headers import header, sheet_name
from pmiek.domain.workspace import Workspace

PREFIXES = ("=", "+", "-", "@")
PROJECT_NAMES = ["=1+2", "+SUM(A1)", "-3+4", "@A1", '=HYPERLINK("http://x.invalid","klik")',
                 "'=al met apostrof"]
runner = CliRunner()
WIDE = {"COLUMNS": "400", "PMIEK_LANG": "nl"}


def _same_types(changed: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    return changed.astype(original.dtypes.to_dict())


def _hostile() -> Workspace:
    """The example workspace with every project id and name, and the names of areas, assets
    and developments, starting like a spreadsheet formula."""
    ws = read_workspace("example").workspace
    projects = ws.projects.copy()
    ids = {old: f"{PREFIXES[k % 4]}{old}" for k, old in enumerate(projects["id"])}
    projects["id"] = projects["id"].map(ids)
    projects["name"] = PROJECT_NAMES[:len(projects)]
    for column in ("requires", "excludes"):
        projects[column] = projects[column].map(
            lambda v: ";".join(ids.get(x, x) for x in v.split(";")) if isinstance(v, str) else v)
    effects = ws.project_effects.copy()
    effects["project_id"] = effects["project_id"].map(ids)
    renamed = {"projects": _same_types(projects, ws.projects),
               "project_effects": _same_types(effects, ws.project_effects)}
    for k, table in enumerate(("areas", "assets", "developments")):
        frame = ws.table(table).copy()
        frame["name"] = PREFIXES[k] + frame["name"].astype(str)
        renamed[table] = _same_types(frame, ws.table(table))
    return ws.with_tables(**renamed)


@pytest.fixture(scope="module")
def hostile() -> Workspace:
    ws = _hostile()
    assert len(ws.projects) == len(PROJECT_NAMES)
    return ws


def _formula_cells(path: Path) -> list[str]:
    book = load_workbook(path, data_only=False)
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets
            for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _raw_formulas(path: Path) -> list[str]:
    """The fields of a CSV file that a spreadsheet would open as a formula (a lone sign is
    text in a spreadsheet)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [field for row in csv.reader(handle) for field in row
                if field.startswith(FORMULA_STARTS) and not _is_number(field)
                and field not in LONE_SIGNS]


def _column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row[name] for row in csv.DictReader(handle)]


# --- the workspace writers (xlsx, csv folder, gpkg) -------------------------------------


@pytest.mark.parametrize("target", ["ws.xlsx", "ws", "ws.gpkg"])
def test_workspace_writers_are_inert_and_round_trip(hostile: Workspace, tmp_path: Path,
                                                   target: str) -> None:
    path = tmp_path / target
    write_workspace(hostile, path)
    back = read_workspace(path)
    assert back.ok, [item.to_dict("en") for item in back.located()][:3]
    assert back.workspace.equals(hostile), back.workspace.differences(hostile)
    if target.endswith(".xlsx"):
        assert _formula_cells(path) == []
    elif target == "ws":
        for name in ("projects", "project_effects", "areas", "assets", "developments"):
            assert _raw_formulas(path / f"{name}.csv") == [], name
        assert _column(path / "projects.csv", "name") == [
            "'" + name for name in PROJECT_NAMES]
        assert _column(path / "projects.csv", "id") == ["'" + i for i in hostile.projects["id"]]
        assert all(_is_number(v) for v in _column(path / "projects.csv", "capex_meur"))


# --- the stage outputs: variants, assess (CSV, priority_list.xlsx/.json) ----------------


@pytest.fixture(scope="module")
def stages(hostile: Workspace, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, Result, Result]:
    """``pmiek variants`` (two lenses, 2026–2030, one scenario) and ``pmiek assess
    --variants`` on the hostile workspace, which is a folder of CSV files."""
    root = tmp_path_factory.mktemp("inert")
    write_workspace(hostile, root / "ws")
    small = ["--scenario", "KM", "--horizon", "2030", "--time-limit", "20"]
    made = runner.invoke(build_app("nl"), [
        "variants", str(root / "ws"), *small, "--no-baseline", "--lens",
        "wonen-eerst,werk-en-industrie", "--out", str(root / "varianten")], env=WIDE)
    assessed = runner.invoke(build_app("nl"), [
        "assess", str(root / "ws"), "--variants", str(root / "varianten"), "--out",
        str(root / "afweging"), "--samples", "200", "--horizon", "2030"], env=WIDE)
    return root, made, assessed


def test_every_stage_csv_is_neutralised(stages: tuple[Path, Result, Result]) -> None:
    root, made, assessed = stages
    assert made.exit_code == 0, made.output
    assert assessed.exit_code == 0, assessed.output
    written = sorted((root / "varianten").rglob("*.csv")) + sorted(
        (root / "afweging").glob("*.csv"))
    assert len(written) > 10
    for path in written:
        assert _raw_formulas(path) == [], path
    names = _column(root / "afweging" / "priority_list.csv", "name")
    assert names and all(name.startswith("'") for name in names)
    ids = _column(root / "varianten" / "wonen-eerst" / "schedule.csv", "project_id")
    assert ids == ["'" + i if i.startswith(FORMULA_STARTS) else i
                   for i in _restored_ids(root)]


def _restored_ids(root: Path) -> list[str]:
    """The project ids of the schedule as pmiek's own reader gives them back."""
    schedule = root / "varianten" / "wonen-eerst" / "schedule.csv"
    ws = read_workspace(root / "ws").workspace
    return list(read_fixed_schedule(schedule, ws))


def test_pmiek_reads_its_own_csv_back_to_the_original_text(
        hostile: Workspace, stages: tuple[Path, Result, Result]) -> None:
    """``assess --variants`` read the schedules back (its exit 0 in the fixture), and the ids
    it read are the workspace's own, without the apostrophe."""
    root, _, assessed = stages
    assert assessed.exit_code == 0, assessed.output
    assert set(_restored_ids(root)) == set(hostile.projects["id"])
    priority = json.loads((root / "afweging" / "priority_list.json").read_text("utf-8"))
    names = dict(zip(hostile.projects["id"], hostile.projects["name"], strict=True))
    assert priority and all(row["name"] == names[row["project_id"]] for row in priority)


def test_priority_list_xlsx_holds_text_not_formulas(
        hostile: Workspace, stages: tuple[Path, Result, Result]) -> None:
    root, _, _ = stages
    path = root / "afweging" / "priority_list.xlsx"
    assert _formula_cells(path) == []
    sheet = load_workbook(path).active
    assert sheet is not None
    shown = [cell.value for cell in sheet[1]]  # the headers for people

    def at(column: str) -> int:
        return shown.index(header("priority_list", column))

    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = dict(zip(hostile.projects["id"], hostile.projects["name"], strict=True))
    assert rows
    for row in rows:
        name = row[at("name")]
        assert name == names[row[at("project_id")]]
        assert str(row[at("rationale")]).startswith(str(name))


def test_the_workbooks_for_people_hold_text_not_formulas(
        hostile: Workspace, stages: tuple[Path, Result, Result]) -> None:
    """resultaten.xlsx of both stages: no formula anywhere, the hostile names exactly as they
    are, each with the quote prefix that keeps it text when the cell is edited."""
    root, _, _ = stages
    for stage in ("varianten", "afweging"):
        assert _formula_cells(root / stage / "resultaten.xlsx") == [], stage
    book = load_workbook(root / "afweging" / "resultaten.xlsx")
    sheet = book[sheet_name("priority_list")]
    shown = [cell.value for cell in sheet[1]]
    column = shown.index(header("priority_list", "name")) + 1
    cells = [row[column - 1] for row in sheet.iter_rows(min_row=2)]
    names = set(hostile.projects["name"])
    assert cells and all(cell.value in names for cell in cells)
    assert all(cell.quotePrefix == cell.value.startswith(FORMULA_STARTS) for cell in cells)


def test_terminal_shows_the_names_literally(stages: tuple[Path, Result, Result]) -> None:
    _, _, assessed = stages
    built = [name for name in PROJECT_NAMES if name in assessed.output]
    assert built  # the priority table names the built projects as they are


# --- the weights workbook and weights CSV -----------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_weight_template_has_no_formula(tmp_path: Path, lang: str) -> None:
    path = write_weight_template(tmp_path / "weging.xlsx", lang=lang)
    assert _formula_cells(path) == []


def test_weights_csv_reader_removes_the_apostrophe(tmp_path: Path) -> None:
    folder = tmp_path / "weging"
    folder.mkdir()
    rows = [["deelnemer", "criterium", "punten"], ["'=Jan", "A", "60"], ["'=Jan", "B", "40"],
            ["'-Piet", "A", "30"], ["'-Piet", "B", "70"]]
    with (folder / "punten.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    sessions = read_weight_sessions(folder)
    weights = sessions.weights("points")
    assert sorted(weights.index) == ["-Piet", "=Jan"]
    assert weights.loc["=Jan", "A"] == pytest.approx(0.6)


# --- the terminal -----------------------------------------------------------------------


def _rendered(*items: object) -> str:
    buffer = io.StringIO()
    shown = SafeConsole(file=buffer, width=300, force_terminal=False)
    for item in items:
        shown.print(item)
    return buffer.getvalue()


HOSTILE_TEXT = "[bold red]x[/] [/y] a[b]\x1b[2J\x07\x08\x00\r!"
SHOWN_TEXT = "[bold red]x[/] [/y] a[b][2J!"


def test_text_shows_values_literally() -> None:
    line = text("convert.done", "en", path=HOSTILE_TEXT)
    assert _rendered(line).strip() == f"Written: {SHOWN_TEXT}."
    nested = text("convert.done", "en", path=text("convert.done", "en", path="[b]"))
    assert _rendered(nested).strip() == "Written: Written: [b].."


def test_numbers_keep_their_format_in_text() -> None:
    line = text("variants.time_limit_note", "en", lens="[x]", seconds=2.5, gap="1%",
                asked="0.5%")
    assert "2.5 s" in _rendered(line) and "[x]" in _rendered(line)


def test_literal_and_safe_console() -> None:
    assert _rendered(literal(HOSTILE_TEXT)).strip() == SHOWN_TEXT
    # markup that is broken is shown as text, never a MarkupError
    assert _rendered("[/nothing open]").strip() == "[/nothing open]"
    assert "\x1b" not in _rendered("plain \x1b[31mred")


def test_fail_prints_a_message_literally(capsys: pytest.CaptureFixture[str]) -> None:
    stop = fail(HOSTILE_TEXT, "en", 2)
    assert stop.exit_code == 2
    err = capsys.readouterr().err
    assert SHOWN_TEXT in err and "\x1b" not in err
    fail(text("insight.unknown_asset", "en", asset="[/a]"), "en", 2)
    assert "Unknown asset '[/a]'." in capsys.readouterr().err


def test_problem_table_shows_values_literally(tmp_path: Path) -> None:
    ws = read_workspace("example").workspace
    developments = ws.developments.copy()
    developments.loc[developments.index[0], "sector"] = "[bold]x\x1b[2J"
    folder = tmp_path / "ws"
    write_workspace(ws.with_tables(developments=developments), folder)
    result = runner.invoke(build_app("en"), ["validate", str(folder)], env=WIDE)
    assert result.exit_code == 2
    assert "'[bold]x[2j'" in result.output and "\x1b" not in result.output
