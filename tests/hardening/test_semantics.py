"""Issue 13, the semantic holes and the store and option cases: each named case of the issue is
one test here (its wording in the name or docstring).

- a project that excludes itself (and one that requires itself);
- a development coupled to its own asset (counted twice);
- a hierarchy cycle created by a project's re-parenting (validation passed, insight failed);
- values like 1e308 that turned into inf/NaN in the results;
- a stored name that ``db:NAME@V`` cannot reach;
- ``db:NAME@VERSION`` with a non-numeric or huge version;
- a corrupt or unreachable database file;
- ``--first-year`` past the horizon.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner, Result

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.adapters.store.migrate import upgrade
from pmiek.adapters.store.store import Store
from pmiek.domain.problems import Problem, errors
from pmiek.domain.tables import TABLES
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.insight.loads import project_loads

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "pmiek" / "data" / "example"
ENV: dict[str, str | None] = {"COLUMNS": "400", "PMIEK_LANG": "nl", "PMIEK_USER": "tester",
                              "PMIEK_DATABASE_URL": None}


def pmiek(*args: object, env: dict[str, str | None] | None = None) -> Result:
    return runner.invoke(build_app("nl"), [str(a) for a in args], env={**ENV, **(env or {})})


def refused(result: Result, code: int, *words: str) -> None:
    """``result`` ended with exit ``code`` and a message holding ``words``, without an
    escaped exception or a traceback."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, (word, result.output)


def found(workspace: Workspace) -> list[Problem]:
    return errors(validate(workspace))


@pytest.fixture
def example() -> Workspace:
    return read_workspace("example").workspace


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the example workspace as a CSV folder, to break by hand."""
    target = tmp_path / "werkruimte"
    shutil.copytree(EXAMPLE, target)
    return target


def edit_csv(path: Path, change: Any) -> None:
    """Rewrite the CSV file ``path`` after ``change(frame)`` (all cells as text)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = change(frame)
    frame.to_csv(path, index=False)


# --- a project that excludes itself (and one that requires itself) --------------------------


def test_a_project_that_excludes_itself_is_an_error(example: Workspace) -> None:
    projects = example.projects.copy()
    projects.loc[projects["id"] == "P-BAT", "excludes"] = "P-FLEX;P-BAT"
    problems = found(example.with_tables(projects=projects))
    assert [(p.code.value, p.column, p.row_id, p.got) for p in problems] == [
        ("self_reference", "excludes", "P-BAT", "P-BAT")]
    assert "zichzelf" in problems[0].message("nl")


def test_a_project_that_requires_itself_is_reported_as_such(example: Workspace) -> None:
    """A project that requires itself: one error that says so (not a cycle of one)."""
    projects = example.projects.copy()
    projects.loc[projects["id"] == "P-LW-MS", "requires"] = "P-ODR;P-LW-MS"
    problems = found(example.with_tables(projects=projects))
    assert [(p.code.value, p.column, p.row_id) for p in problems] == [
        ("self_reference", "requires", "P-LW-MS")]
    assert "Refers to itself ('P-LW-MS')" in problems[0].message("en")


# --- a development coupled to its own asset (counted twice) --------------------------------


def test_a_development_coupled_to_its_own_asset_is_an_error(example: Workspace) -> None:
    """The load engine puts a coupled copy of the development on ``coupled_asset_id``; on the
    development's own asset that copy counts the same load twice. Validation refuses it."""
    developments = example.developments.copy()
    row = developments["id"] == "D-DC"
    asset = str(developments.loc[row, "asset_id"].iloc[0])
    developments.loc[row, "coupled_asset_id"] = asset
    developments.loc[row, "coupling_factor"] = 1.0
    coupled = example.with_tables(developments=developments)

    def peak(workspace: Workspace) -> float:
        loads = project_loads(workspace, years=[2040], storage=False)
        return float(loads["peak_demand_mw"].sel(asset=asset, year=2040))

    alone = example.with_tables(developments=example.developments[row.to_numpy()])
    assert peak(alone) > 0
    assert peak(coupled.with_tables(developments=developments[row.to_numpy()])) \
        == pytest.approx(2 * peak(alone))  # why it is refused: the engine counts it twice
    problems = found(coupled)
    assert [(p.code.value, p.column, p.row_id, p.got) for p in problems] == [
        ("coupled_to_own_asset", "coupled_asset_id", "D-DC", asset)]
    assert "twee keer" in problems[0].message("nl")


# --- a hierarchy cycle created by a project's re-parenting ---------------------------------


def test_a_hierarchy_cycle_created_by_a_projects_re_parenting_is_refused(
        folder: Path) -> None:
    """Validation passed and ``pmiek insight`` then failed; now both refuse the workspace,
    naming the project, the effect row and the cycle."""
    # NWG150 feeds HTN-MS; P-ODR hangs NWG150 below HTN-MS: NWG150 → HTN-MS → NWG150
    move = {"project_id": "P-ODR", "asset_id": "NWG150", "delta_demand_mw": "0",
            "delta_feedin_mw": "0", "new_parent_id": "HTN-MS"}
    edit_csv(folder / "project_effects.csv",
             lambda frame: pd.concat([frame, pd.DataFrame([move])], ignore_index=True))
    line = len(pd.read_csv(folder / "project_effects.csv")) + 1  # the header is line 1
    checked = pmiek("validate", folder, "--json")
    refused(checked, 2)
    problems = json.loads(checked.stdout)["problems"]
    assert [(p["code"], p["table"], p["row"], p["row_id"], p["column"]) for p in problems] == [
        ("reparent_cycle", "project_effects", line, "P-ODR/NWG150", "new_parent_id")]
    assert "'P-ODR'" in problems[0]["message"]
    assert "NWG150 → HTN-MS → NWG150" in problems[0]["message"]
    insight = pmiek("insight", folder, "--out", folder.parent / "inzicht", "--horizon", "2030")
    refused(insight, 2, "project_effects")
    assert not (folder.parent / "inzicht").exists()


# --- values like 1e308 turn into inf/NaN in the results ------------------------------------


def test_every_numeric_column_has_a_finite_physical_range() -> None:
    for schema in TABLES:
        for column in schema.columns:
            if column.is_numeric:
                assert column.minimum is not None and column.maximum is not None, column.name
                assert np.isfinite([column.minimum, column.maximum]).all(), column.name
                assert column.minimum < column.maximum, column.name
                assert "…" in column.range_text


@pytest.mark.parametrize(("file", "row_id", "column", "value"), [
    ("assets.csv", "BKK380", "capacity_demand_mw", "1e308"),
    ("developments.csv", "D-DC", "demand_mw", "1e308"),
    ("projects.csv", "P-ODR", "capex_meur", "1e308"),
    ("project_effects.csv", "P-ODR", "delta_demand_mw", "-1e308"),
    ("resources.csv", "2026", "budget_meur", "1e308"),
])
def test_values_like_1e308_are_refused_instead_of_becoming_inf_or_nan(
        folder: Path, file: str, row_id: str, column: str, value: str) -> None:
    first = pd.read_csv(folder / file, dtype=str).columns[0]

    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[(frame[first] == row_id).to_numpy().nonzero()[0][0], column] = value
        return frame

    edit_csv(folder / file, change)
    result = pmiek("validate", folder)
    refused(result, 2, column, "1e+308")
    codes = {(p.code.value, p.column) for p in errors(read_workspace(folder).problems)}
    assert ("out_of_range", column) in codes
    assert {code for code, _ in codes} <= {"out_of_range", "capex_range"}


# --- a stored name that db:NAME@V cannot reach ---------------------------------------------


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path}/pmiek.db"
    with Store(url) as store:
        upgrade(store.engine)
    yield url


UNREACHABLE = ["a@b", "regio:utrecht", "map/naam", "map\\naam", "tab\tnaam", "regel\neinde",
               "kleur\x1b[31m", "nul\x00", "richting\u202eom", "", "   ", "x" * 101]


@pytest.mark.parametrize("name", UNREACHABLE)
def test_a_stored_name_that_db_name_cannot_reach_is_refused_at_import(
        store_url: str, example: Workspace, name: str) -> None:
    with Store(store_url) as store, pytest.raises(InputError) as raised:
        store.import_workspace(example, name)
    assert raised.value.in_language("nl") != raised.value.in_language("en")
    with Store(store_url) as store:
        assert store.workspaces().empty  # nothing stored


def test_the_import_command_refuses_an_unreachable_name(store_url: str) -> None:
    result = pmiek("import", "example", "--name", "utrecht@2", "--db", store_url)
    refused(result, 2, "utrecht@2", "@")
    with Store(store_url) as store:
        assert store.workspaces().empty


def test_a_name_is_one_name_however_its_accents_and_spaces_are_typed(
        store_url: str, example: Workspace) -> None:
    composed = unicodedata.normalize("NFC", "énergie-regio")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    with Store(store_url) as store:
        store.import_workspace(example, f" {decomposed} ")
        assert list(store.workspaces()["name"]) == [composed]
    env: dict[str, str | None] = {"PMIEK_DATABASE_URL": store_url}
    for typed in (composed, decomposed, f" {composed}"):
        checked = pmiek("validate", f"db:{typed}@1", env=env)
        assert checked.exit_code == 0, checked.output


# --- db:NAME@VERSION with a non-numeric or huge version ------------------------------------


@pytest.mark.parametrize("version", ["abc", "99999999999999999999", "2147483648", "0", "",
                                     "\u0663", "\u00b2", "-1", "1.5"])
def test_a_reference_with_a_non_numeric_or_huge_version_is_a_message(
        store_url: str, example: Workspace, version: str) -> None:
    with Store(store_url) as store:
        store.import_workspace(example, "u")
    result = pmiek("validate", f"db:u@{version}", env={"PMIEK_DATABASE_URL": store_url})
    refused(result, 2, f"db:u@{version}", "versienummer")


def test_export_of_a_huge_version_is_a_message(store_url: str, example: Workspace,
                                               tmp_path: Path) -> None:
    with Store(store_url) as store:
        store.import_workspace(example, "u")
    result = pmiek("export", "u", tmp_path / "uit", "--version", "99999999999999999999",
                   "--db", store_url)
    refused(result, 2, "--version", "2147483647")
    assert not (tmp_path / "uit").exists()


# --- a corrupt or unreachable database file ------------------------------------------------


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.db"
    path.write_bytes(np.random.default_rng(13).bytes(8192))
    return path


def _truncated(tmp_path: Path) -> Path:
    path = tmp_path / "afgekapt.db"
    with Store(f"sqlite:///{path}") as store:
        upgrade(store.engine)
        store.import_workspace(read_workspace("example").workspace, "u")
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 3])
    return path


@pytest.mark.parametrize(("make", "words"), [
    (_garbage, "kapot.db"),
    (_truncated, "afgekapt.db"),
    (lambda tmp: tmp, "is een map"),
    (lambda tmp: tmp / "bestaat-niet" / "pmiek.db", "bestaat niet"),
    (lambda tmp: tmp / "nieuw.db", "pmiek db upgrade"),
], ids=["garbage", "truncated", "folder", "missing-folder", "missing-file"])
@pytest.mark.parametrize("command", ["list", "export", "reference"])
def test_a_corrupt_or_unreachable_database_file_is_a_message_and_nothing_is_created(
        tmp_path: Path, make: Any, words: str, command: str) -> None:
    path = make(tmp_path)
    url = f"sqlite:///{path}"
    before = sorted(tmp_path.rglob("*"))
    args: list[object] = {"list": ["db", "list", "--db", url],
                          "export": ["export", "u", tmp_path / "uit", "--db", url],
                          "reference": ["validate", "db:u"]}[command]
    result = pmiek(*args, env={"PMIEK_DATABASE_URL": url})
    assert result.exit_code in (1, 2), result.output  # a store error, in the documented table
    refused(result, result.exit_code, words)
    assert sorted(tmp_path.rglob("*")) == before  # no empty database made, nothing written


def test_the_default_store_is_not_created_by_a_read(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --db or PMIEK_DATABASE_URL the store is pmiek.db here; reading it when it is not
    there makes no empty database."""
    monkeypatch.chdir(tmp_path)
    result = pmiek("validate", "db:u")
    refused(result, result.exit_code, "pmiek db upgrade")
    assert list(tmp_path.iterdir()) == []


# --- --first-year past the horizon ---------------------------------------------------------


@pytest.mark.parametrize("command", ["insight", "variants", "assess"])
@pytest.mark.parametrize(("options", "words"), [
    (["--first-year", "2060"], ["2060", "--first-year"]),
    (["--first-year", "1999"], ["1999", "--first-year"]),
    (["--first-year", "2030", "--horizon", "2101"], ["2101", "--horizon"]),
], ids=["past-the-horizon", "before-the-earliest-year", "horizon-past-2100"])
def test_first_year_past_the_horizon_is_a_message_and_exit_2(
        tmp_path: Path, command: str, options: list[str], words: list[str]) -> None:
    out = tmp_path / "uit"
    result = pmiek(command, "example", "--out", out, *options)
    refused(result, 2, *words)
    assert not out.exists()
