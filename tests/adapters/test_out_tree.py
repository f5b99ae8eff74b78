"""Issue 16, done-when point 4: no run writes outside its ``--out``, and every workbook a run
writes is for people — headers from the vocabulary in the chosen language, values rounded per
quantity, a ``metadata`` sheet.

Every command that writes runs once through typer's CliRunner on the embedded ``example``
workspace, in a fresh working folder with its own home and temporary folder; before and after
each command the whole test folder and the repository are snapshot (every file and folder
with its size and modification time): nothing may appear, change or go outside the command's
target. The workbooks of those runs are then read back with openpyxl.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.metadata import METADATA_FILE, NONE, metadata_rows
from pmiek.adapters.files.results_xlsx import METADATA_SHEET, WORKBOOK
from pmiek.adapters.files.weights import write_weight_template
from pmiek.domain.headers import header, infinite_word, sheet_name, yes_no
from pmiek.domain.provenance import content_hash
from pmiek.domain.quantities import Quantity, quantity, unit_decimals

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
REPO_SKIP = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
             ".hypothesis"}
"""Not snapshot in the repository: git's own folder, the environment, and the caches of
Python, numba (compiled code beside the modules) and the tools."""

Snapshot = dict[str, tuple[object, ...]]


def snapshot(root: Path, skip: frozenset[str] = frozenset()) -> Snapshot:
    """Every file and folder below ``root``: kind, size and modification time."""
    found: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.endswith(".egg-info"))
        for name in [*dirs, *files]:
            path = Path(folder) / name
            info = path.lstat()
            kind = "dir" if path.is_dir() and not path.is_symlink() else "file"
            found[str(path)] = (kind, None if kind == "dir" else info.st_size,
                                None if kind == "dir" else info.st_mtime_ns)
    return found


def changes(before: Snapshot, after: Snapshot) -> set[str]:
    """The paths that appeared, went or changed."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    target: str | None  # relative to the working folder; None: writes nothing
    lang: str = "nl"


COMMANDS = (
    Command("insight", ("insight", "example", "--year", "2030", "--out", "uit/inzicht"),
            "uit/inzicht"),
    Command("insight-explain", ("insight", "explain", "UTC-MS", "2030", "--workspace",
                                "example", "--scenario", "EV"), None),
    Command("variants", ("variants", "example", "--lens", "wonen-eerst,evenwichtig", "--out",
                         "uit/varianten"), "uit/varianten"),
    Command("assess", ("assess", "example", "--variants", "uit/varianten", "--weights",
                       "sessie.xlsx", "--samples", "500", "--out", "uit/afweging"),
            "uit/afweging"),
    Command("choices", ("choices", "example", "--compare", "KM", "--compare", "EV", "--out",
                        "uit/keuzes"), "uit/keuzes"),
    Command("choices-en", ("choices", "example", "--compare", "KM", "--compare", "EV", "--out",
                           "uit/choices", "--lang", "en"), "uit/choices", "en"),
    Command("insight-en", ("insight", "example", "--scenario", "KM", "--year", "2030",
                           "--out", "uit/insight", "--lang", "en"),
            "uit/insight", "en"),
    Command("show", ("show", "example", "--out", "uit/kaarten"), "uit/kaarten"),
    Command("template", ("template", "uit/sjabloon.xlsx"), "uit/sjabloon.xlsx"),
    Command("convert", ("convert", "example", "uit/voorbeeld.xlsx"), "uit/voorbeeld.xlsx"),
    Command("validate", ("validate", "example"), None),
    Command("summary", ("summary", "example"), None),
)
STAGES = ("insight", "variants", "assess", "choices", "choices-en", "insight-en")
"""The commands that write a stage's tables (and so its workbook for people)."""


@dataclass(frozen=True)
class Ran:
    command: Command
    result: Result
    outside: set[str]  # what changed outside the command's target
    inside: set[str]  # what changed inside it


@dataclass(frozen=True)
class Runs:
    work: Path
    home: Path
    runs: dict[str, Ran]

    def out(self, name: str) -> Path:
        target = self.runs[name].command.target
        assert target is not None
        return self.work / target


def _workshop(path: Path) -> None:
    """A workshop workbook: two participants' points on the example's three groups."""
    write_weight_template(path)
    book = load_workbook(path)
    for participant, points in (("gemeente", (60, 30, 10)), ("netbeheerder", (30, 40, 30))):
        for criterion, value in zip(("MW", "RB", "ST"), points, strict=True):
            book["punten"].append([participant, criterion, value])
    book.save(path)


def _within(changed: set[str], work: Path, target: Path) -> set[str]:
    """The changes that are the target, below it, or a new folder above it (made to hold
    it) inside the working folder."""
    above = {str(p) for p in target.parents if p.is_relative_to(work) and p != work}
    return {p for p in changed if p == str(target) or Path(p).is_relative_to(target)
            or (p in above and Path(p).is_dir())}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    import matplotlib.font_manager  # noqa: F401  # its font cache is made before the snapshots

    root = tmp_path_factory.mktemp("tree")
    work, home, temporary = root / "werk", root / "thuis", root / "tmp"
    for folder in (work, home, temporary):
        folder.mkdir()
    _workshop(work / "sessie.xlsx")
    env = {"HOME": str(home), "USERPROFILE": str(home), "XDG_CACHE_HOME": None,
           "XDG_CONFIG_HOME": None, "XDG_DATA_HOME": None, "PMIEK_DATABASE_URL": None,
           "PMIEK_LANG": None, "TMPDIR": str(temporary), "COLUMNS": "200"}
    done: dict[str, Ran] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        patch.setattr(tempfile, "tempdir", str(temporary))
        for command in COMMANDS:
            before = snapshot(root) | snapshot(REPO, frozenset(REPO_SKIP))
            result = runner.invoke(build_app(command.lang), list(command.args), env=env)
            after = snapshot(root) | snapshot(REPO, frozenset(REPO_SKIP))
            changed = changes(before, after)
            inside = set() if command.target is None else _within(changed, work,
                                                                   work / command.target)
            done[command.name] = Ran(command, result, changed - inside, inside)
    yield Runs(work, home, done)


# --- nothing outside --out ----------------------------------------------------------------


@pytest.mark.parametrize("name", [c.name for c in COMMANDS])
def test_a_run_writes_nothing_outside_its_target(runs: Runs, name: str) -> None:
    ran = runs.runs[name]
    assert ran.result.exit_code == 0, ran.result.output
    assert ran.outside == set(), sorted(ran.outside)
    if ran.command.target is None:
        assert ran.inside == set()
    else:
        assert ran.inside, "the command wrote nothing"


def test_the_snapshot_sees_a_file_appear_change_and_go(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    before = snapshot(tmp_path)
    (tmp_path / "home").mkdir()
    (tmp_path / "a.txt").write_text("longer")
    after = snapshot(tmp_path)
    assert changes(before, after) == {str(tmp_path / "home"), str(tmp_path / "a.txt")}
    (tmp_path / "a.txt").unlink()
    assert str(tmp_path / "a.txt") in changes(after, snapshot(tmp_path))


def test_the_pmiek_script_in_a_new_home_leaves_only_the_plotting_cache(tmp_path: Path) -> None:
    """The real script, in a home it has never seen: outside ``--out`` only matplotlib's font
    cache may appear (in the user's cache and configuration folders), nothing of pmiek."""
    home, work = tmp_path / "thuis", tmp_path / "werk"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "MPL", "PMIEK_"))} | {"HOME": str(home)}
    before = snapshot(tmp_path)
    run = subprocess.run([sys.executable, "-m", "pmiek.adapters.cli.main", "show", "example",
                          "--out", "uit"], cwd=work, env=env, capture_output=True, text=True,
                         check=False, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    outside = [Path(p) for p in changes(before, snapshot(tmp_path))
               if not Path(p).is_relative_to(work / "uit")]
    assert (work / "uit" / "kaart.png").is_file()
    for path in outside:
        assert path.is_relative_to(home), path
        parts = path.relative_to(home).parts
        assert parts[0] in (".cache", ".config") and parts[1:2] in ((), ("matplotlib",)), path


# --- the workbooks for people -------------------------------------------------------------

REQUIRED_KEYS = {"written_at", "stage", "input_hash", "edition", "scenarios", "first_year",
                 "horizon", "software.python", "software.pmiek", "software.numpy",
                 "software.pandas", "software.openpyxl", "tables_sha256", "csv_format"}
SOLVER_KEYS = {"solver.solver", "solver.solver_version", "solver.mip_gap",
               "solver.node_limit", "solver.time_limit", "software.highs",
               "software.linopy"}


def _workbooks(runs: Runs) -> list[tuple[str, Path]]:
    found = [(name, path) for name in STAGES for path in sorted(runs.out(name).rglob("*.xlsx"))]
    assert {path.name for _, path in found} == {WORKBOOK, "priority_list.xlsx"}
    return found


def _meta(runs: Runs, name: str) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (runs.out(name) / METADATA_FILE).read_text(encoding="utf-8"))
    return loaded


def test_every_stage_writes_its_workbook_and_metadata(runs: Runs) -> None:
    for name in STAGES:
        out = runs.out(name)
        meta = _meta(runs, name)
        assert (out / WORKBOOK).is_file(), name
        assert meta["workbooks"][0] == WORKBOOK  # type: ignore[index]
        listed = [t["file"] for t in meta["tables"]]  # type: ignore[attr-defined]
        assert sorted(listed) == sorted(p.relative_to(out).as_posix()
                                        for p in out.rglob("*.csv")), name
    assert (runs.out("show") / METADATA_FILE).is_file()
    assert not (runs.out("show") / WORKBOOK).exists()  # drawings only: no tables


def test_every_workbook_has_a_metadata_sheet_with_the_record(runs: Runs) -> None:
    example = content_hash(read_workspace("example").workspace)
    for name, path in _workbooks(runs):
        book = load_workbook(path)
        assert book.sheetnames[-1] == METADATA_SHEET, path
        rows = list(book[METADATA_SHEET].iter_rows(min_row=2, values_only=True))
        values = {key: value for _, value, key in rows}
        keys = set(values)
        assert keys >= REQUIRED_KEYS, (path, REQUIRED_KEYS - keys)
        meta = _meta(runs, name)
        lang = runs.runs[name].command.lang
        # the sheet shows the JSON record, row for row, in the run's language
        assert [(label, key) for label, _, key in rows] == [
            (label, key) for label, _, key in metadata_rows(meta, lang)]
        assert values["input_hash"] == example == meta["input_hash"]
        assert values["edition"] == NONE
        written = datetime.datetime.fromisoformat(str(values["written_at"]))
        assert written.tzinfo is not None
        assert abs(datetime.datetime.now(datetime.UTC) - written) < datetime.timedelta(hours=1)
        assert values["tables_sha256"] == meta["tables_sha256"]
        scenarios = str(values["scenarios"]).split(", ")
        assert set(scenarios) <= {"KM", "EV"} and scenarios, values["scenarios"]
        solved = name in ("variants", "assess")
        assert (keys >= SOLVER_KEYS) == solved, path
        if name == "variants":
            assert {f"solver_outcome.{lens}.mip_gap" for lens in ("wonen-eerst", "evenwichtig")
                    } <= keys
        if name == "assess":
            assert values["framework_status"] in ("concept", "adopted")
            assert values["framework"] != NONE


def _tables(runs: Runs, name: str, book: Path) -> list[str]:
    if book.name == "priority_list.xlsx":
        return ["priority_list"]
    return [str(t["file"])[:-4] for t in _meta(runs, name)["tables"]]  # type: ignore[attr-defined]


def test_every_column_of_every_result_table_has_a_header(runs: Runs) -> None:
    """The vocabulary knows every column of every table these runs wrote (so that a new
    column cannot reach the workbook without a header), in both languages, and no header is
    the column's own name."""
    seen: set[tuple[str, str]] = set()
    for name in STAGES:
        for table in _meta(runs, name)["tables"]:  # type: ignore[attr-defined]
            for column in table["columns"]:
                seen.add((str(table["file"])[:-4].rsplit("/", 1)[-1], column))
    assert {"loads", "bottlenecks", "blocked", "homes_blocked", "comparison", "schedule",
            "connected", "resource_use", "summary", "framework", "indicators",
            "indicator_sources", "partial_values", "scores", "smaa", "central_weights",
            "stability", "priority_list", "weight_sets", "weight_spread",
            "choices_compare"} <= {t for t, _ in seen}
    missing = sorted(f"{t}.{c}" for t, c in seen if header(t, c, "nl") is None)
    assert missing == []
    for lang in ("nl", "en"):
        assert not [f"{t}.{c}" for t, c in seen if header(t, c, lang) == c]


def test_headers_are_the_vocabulary_in_the_run_language(runs: Runs) -> None:
    for name, path in _workbooks(runs):
        lang = runs.runs[name].command.lang
        book = load_workbook(path)
        for table in _tables(runs, name, path):
            sheet = book[sheet_name(table, lang, 31)]
            columns = list(pd.read_csv(runs.out(name) / f"{table}.csv", nrows=0).columns)
            shown = next(sheet.iter_rows(max_row=1, values_only=True))
            assert list(shown) == [header(table, c, lang) for c in columns], (path, table)
            if lang == "nl":
                assert not set(shown) & {header(table, c, "en") for c in columns
                                         if header(table, c, "en") != header(table, c, "nl")}


FORMATS: dict[object, str] = {Quantity.SHARE: "0.0%", Quantity.YEAR: "0", 0: "#,##0",
                              1: "#,##0.0", 2: "#,##0.00", 3: "0.000"}
"""The number format per quantity, else per decimals."""


def half_up(value: float, places: int) -> float:
    """``value`` as written out (its shortest repr), rounded half away from zero."""
    written = Decimal(repr(value))
    step = Decimal(1).scaleb(-int(places))
    return float(written.quantize(step, rounding=ROUND_HALF_UP))


def _row_decimals(frame: pd.DataFrame, units: dict[str, str]) -> np.ndarray:
    """The decimals per row of a column in its row's unit (the unit or resource column, else
    the indicator's unit)."""
    for column in ("unit", "resource"):
        if column in frame.columns:
            return np.array([unit_decimals(u) for u in frame[column]])
    return np.array([unit_decimals(units.get(i)) for i in frame["indicator"]])


def test_numbers_are_numbers_rounded_per_quantity(runs: Runs) -> None:
    """Every number of every table sheet is a number cell: the CSV's value rounded to the
    decimals of its quantity (whole numbers as integers), with the number format that shows
    those decimals; an infinite value is the word, a missing one an empty cell."""
    checked: set[Quantity] = set()
    for name, path in _workbooks(runs):
        lang = runs.runs[name].command.lang
        out = runs.out(name)
        units = {}
        if (out / "indicators.csv").is_file():
            listed = pd.read_csv(out / "indicators.csv")
            units = dict(zip(listed["indicator"], listed["unit"], strict=True))
        book = load_workbook(path)
        for table in _tables(runs, name, path):
            frame = pd.read_csv(out / f"{table}.csv")
            rows = list(book[sheet_name(table, lang, 31)].iter_rows(min_row=2))
            assert len(rows) == len(frame), (path, table)
            for k, column in enumerate(frame.columns):
                kind = quantity(table, column)
                if kind is None or frame[column].dtype.kind not in "iuf":
                    continue
                checked.add(kind)
                places = (_row_decimals(frame, units) if kind is Quantity.PER_UNIT
                          else np.full(len(frame), kind.decimals))
                for row, value, d in zip(rows, frame[column], places, strict=True):
                    cell = row[k]
                    if math.isnan(value):
                        assert cell.value is None
                    elif math.isinf(value):
                        assert cell.value.endswith(infinite_word(column, lang))
                    else:
                        assert cell.data_type == "n", (table, column, cell.value)
                        assert cell.value == pytest.approx(half_up(value, d), abs=1e-12)
                        assert isinstance(cell.value, int) or d > 0  # whole: an integer
                        assert cell.number_format == FORMATS.get(kind, FORMATS[d]), column
    assert {Quantity.POWER, Quantity.MONEY, Quantity.COUNT, Quantity.YEAR, Quantity.SHARE,
            Quantity.SCORE, Quantity.PER_UNIT} <= checked


def test_true_false_and_codes_read_as_words(runs: Runs) -> None:
    book = load_workbook(runs.out("assess") / WORKBOOK)
    scores = pd.read_csv(runs.out("assess") / "scores.csv")
    sheet = book[sheet_name("scores")]
    column = list(scores.columns).index("chosen")
    shown = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert shown == [yes_no(v) for v in scores["chosen"]]
    connected = load_workbook(runs.out("variants") / WORKBOOK)[
        sheet_name("evenwichtig/connected", "nl", 31)]
    sectors = {row[2] for row in connected.iter_rows(min_row=2, values_only=True)}
    assert "woningbouw" in sectors and "housing" not in sectors


def test_the_readme_tour_writes_only_below_its_scratch_folder() -> None:
    """Every path the README's tour writes (``--out``, the template, a conversion's target,
    the store) lies below ``out/tour/``, which git ignores."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A short tour", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in tour.splitlines()]
    commands = [part.split() for line in lines for part in line.split("&&") if part.strip()]
    written: list[str] = []
    for words in commands:
        if words[:1] == ["export"]:
            written.append(words[1].split("sqlite:///", 1)[1])
        elif words[:1] == ["pmiek"]:
            written += [words[k + 1] for k, w in enumerate(words) if w == "--out"]
            if words[1] in ("template", "convert"):
                written.append(words[-1])
    assert len(written) >= 7
    assert all(path.startswith("out/tour/") for path in written), written
    assert "/out/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert any(words[:1] == ["export"] and "PMIEK_DATABASE_URL" in words[1]
               for words in commands)
