"""Writing is safe by construction (issue 13): no command deletes or changes a file it did not
write, whatever the target — ``.``, the input's folder, a folder of someone else's files, the
input itself, the home folder — with or without ``--overwrite``.

Every command runs in-process (typer's CliRunner) in a folder that holds the inputs and
foreign files; a snapshot of every file (bytes, mode, modification time) and folder before and
after shows what changed. Then the parts: pmiek's marks, staging folders of killed runs,
SIGTERM and SIGINT while writing, Excel's cell limit and formulas, messages for paths that
cannot be written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import (
    check_outputs,
    embedded_workspaces,
    write_outputs,
    write_workspace,
)
from pmiek.adapters.files.outputs import MARKER
from pmiek.adapters.files.safety import (
    PID_FILE,
    guard,
    has_mark,
    reclaim,
    terminate_as_interrupt,
)
from pmiek.adapters.files.xlsx import CELL_LIMIT
from pmiek.domain.provenance import Provenance
from pmiek.domain.workspace import Workspace
from pmiek.errors import WriteError
from tests.store.helpers import open_store, small

runner = CliRunner()
FAST = ["--scenario", "KM", "--lens", "wonen-eerst,evenwichtig", "--horizon", "2030",
        "--time-limit", "20"]
"""Two lenses (assess compares at least two) on one scenario up to 2030 (the indicators'
year)."""
ONE_LENS = ["--scenario", "KM", "--lens", "evenwichtig", "--horizon", "2027", "--no-baseline"]
"""The quickest variants run: what is refused is the target, not the plan."""

Snapshot = tuple[dict[str, tuple[bytes, int, int]], set[str]]


def snapshot(folder: Path) -> Snapshot:
    """Every file below ``folder`` (bytes, mode, modification time; a link's destination)
    and every folder."""
    files, folders = {}, set()
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        info = path.lstat()
        if path.is_symlink():
            files[name] = (os.fsencode(os.readlink(path)), info.st_mode, info.st_mtime_ns)
        elif path.is_dir():
            folders.add(name)
        else:
            files[name] = (path.read_bytes(), info.st_mode, info.st_mtime_ns)
    return files, folders


# --- the place every command runs in ----------------------------------------------------


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory, example: Workspace
              ) -> dict[str, Any]:
    """Made once: a pmiek workbook, a foreign workbook, a store, and a variants folder."""
    root = tmp_path_factory.mktemp("originals")
    workbook = write_workspace(example, root / "ws.xlsx")
    foreign = Workbook()
    foreign.active.append(["begroting", 2026])
    foreign.save(root / "vreemd.xlsx")
    url = f"sqlite:///{root}/store.db"
    with open_store(url) as store:
        store.import_workspace(small(), "u", user="tester")
    variants = root / "varianten"
    made = runner.invoke(build_app("nl"), ["variants", "example", "--out", str(variants),
                                           "--no-baseline", *FAST], env={"COLUMNS": "200"})
    assert made.exit_code == 0, made.output
    return {"workbook": workbook, "foreign": root / "vreemd.xlsx", "db": url,
            "variants": variants}


@pytest.fixture
def place(tmp_path: Path, originals: dict[str, Any], monkeypatch: pytest.MonkeyPatch
          ) -> Path:
    """The current folder: inputs (``ws/``, ``pr/ws.xlsx``, ``varianten/``), someone else's
    files (``vreemd/``, ``vreemd.xlsx``, ``notities.txt``) and the home folder ``thuis/``."""
    work = tmp_path / "work"
    shutil.copytree(embedded_workspaces()["example"], work / "ws")
    (work / "pr").mkdir()
    shutil.copy2(originals["workbook"], work / "pr" / "ws.xlsx")
    (work / "pr" / "begroting.ods").write_bytes(b"someone else's")
    shutil.copytree(originals["variants"], work / "varianten")
    (work / "vreemd").mkdir()
    (work / "vreemd" / "notities.txt").write_text("van mij", encoding="utf-8")
    (work / "vreemd" / "areas.csv").write_text("id\nA\n", encoding="utf-8")
    shutil.copy2(originals["foreign"], work / "vreemd.xlsx")
    (work / "notities.txt").write_text("bewaren", encoding="utf-8")
    (work / "thuis").mkdir()
    (work / "thuis" / ".profile").write_text("export X=1\n", encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(work / "thuis"))
    return work


def pmiek(args: list[str], db: str) -> Any:
    words = [db if word == "DB" else word for word in args]
    return runner.invoke(build_app("nl"), words, env={"COLUMNS": "300", "PMIEK_LANG": "nl",
                                                      "PMIEK_DATABASE_URL": None})


REFUSED = [
    # convert: towards ., the input's folder, the input, a foreign folder or file, home
    ["convert", "ws", "."],
    ["convert", "ws", ".", "--overwrite"],
    ["convert", "pr/ws.xlsx", "pr", "--overwrite"],
    ["convert", "pr/ws.xlsx", "pr/ws.xlsx", "--overwrite"],
    ["convert", "ws", "ws", "--overwrite"],
    ["convert", "ws", "ws/kopie.xlsx"],
    ["convert", "ws", "vreemd"],
    ["convert", "ws", "vreemd", "--overwrite"],
    ["convert", "ws", "vreemd.xlsx", "--overwrite"],
    ["convert", "ws", "notities.txt", "--overwrite"],
    ["convert", "ws", "thuis", "--overwrite"],
    ["convert", "ws", "..", "--overwrite"],
    # export (its input is the store)
    ["export", "u", ".", "--overwrite", "--db", "DB"],
    ["export", "u", "vreemd", "--overwrite", "--db", "DB"],
    ["export", "u", "vreemd.xlsx", "--overwrite", "--db", "DB"],
    ["export", "u", "pr/ws.xlsx", "--db", "DB"],
    ["export", "u", "thuis", "--overwrite", "--db", "DB"],
    # template (no input)
    ["template", "vreemd.xlsx"],
    ["template", "vreemd.xlsx", "--overwrite"],
    ["template", "pr/ws.xlsx"],
    # show, insight, variants, assess write an --out folder (no --overwrite)
    ["show", "ws", "--out", "."],
    ["show", "ws", "--out", "ws"],
    ["show", "pr/ws.xlsx", "--out", "pr/ws.xlsx"],
    ["show", "ws", "--out", "vreemd"],
    ["show", "ws", "--out", "thuis"],
    ["insight", "ws", "--scenario", "KM", "--out", "."],
    ["insight", "ws", "--scenario", "KM", "--out", "ws"],
    ["insight", "ws", "--scenario", "KM", "--out", "vreemd"],
    ["variants", "ws", *ONE_LENS, "--out", "."],
    ["variants", "ws", *ONE_LENS, "--out", "vreemd"],
    ["assess", "ws", "--variants", "varianten", "--samples", "100", "--out", "varianten"],
    ["assess", "ws", "--variants", "varianten", "--samples", "100", "--out", "."],
    ["assess", "ws", "--variants", "varianten", "--samples", "100", "--out", "vreemd"],
]


@pytest.mark.parametrize("args", REFUSED, ids=lambda args: " ".join(args))
def test_a_refused_target_changes_nothing(args: list[str], place: Path,
                                          originals: dict[str, Any]) -> None:
    before = snapshot(place)
    result = pmiek(args, originals["db"])
    assert snapshot(place) == before
    assert result.exit_code == 1, result.output  # an output that cannot be written
    assert "Traceback" not in result.output
    assert "niets geschreven" in " ".join(result.stderr.split())


@pytest.mark.parametrize(("args", "target"), [
    (["convert", "ws", "nieuw"], "nieuw"),
    (["convert", "ws", "kopie.gpkg"], "kopie.gpkg"),
    (["export", "u", "pr/ws.xlsx", "--overwrite", "--db", "DB"], "pr/ws.xlsx"),
    (["template", "sjabloon.xlsx"], "sjabloon.xlsx"),
    (["show", "ws", "--out", "kaarten"], "kaarten"),
    (["assess", "ws", "--variants", "varianten", "--samples", "100", "--out", "afweging"],
     "afweging"),
], ids=lambda value: " ".join(value) if isinstance(value, list) else value)
def test_a_write_changes_only_its_target(args: list[str], target: str, place: Path,
                                         originals: dict[str, Any]) -> None:
    files, folders = snapshot(place)
    result = pmiek(args, originals["db"])
    assert result.exit_code == 0, result.output
    after, folders_after = snapshot(place)

    def outside(name: str) -> bool:
        return name != target and not name.startswith(f"{target}/")

    assert {n: v for n, v in after.items() if outside(n)} == {
        n: v for n, v in files.items() if outside(n)}
    assert {n for n in folders_after if outside(n)} == folders
    assert any(not outside(n) for n in after)


def test_convert_into_its_own_folder_twice_needs_overwrite_and_keeps_foreign_files(
        place: Path, originals: dict[str, Any]) -> None:
    assert pmiek(["convert", "ws", "uit"], "").exit_code == 0
    assert json.loads((place / "uit" / MARKER).read_text())["written_by"] == "pmiek"
    (place / "uit" / "lees-mij.txt").write_text("van mij", encoding="utf-8")
    before = snapshot(place)
    again = pmiek(["convert", "ws", "uit"], "")
    assert again.exit_code == 1 and "--overwrite" in again.stderr
    assert snapshot(place) == before
    assert pmiek(["convert", "ws", "uit", "--overwrite"], "").exit_code == 0
    assert (place / "uit" / "lees-mij.txt").read_text(encoding="utf-8") == "van mij"
    assert snapshot(place)[0]["uit/areas.csv"][2] != before[0]["uit/areas.csv"][2]


# --- the rules, one by one --------------------------------------------------------------


def test_a_link_to_the_input_is_the_input(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "ws")
    (tmp_path / "ws" / "a.xlsx").write_bytes(b"x")
    with pytest.raises(WriteError, match="input itself"):
        guard(tmp_path / "link", [tmp_path / "ws"])
    with pytest.raises(WriteError, match="holds the input"):
        guard(tmp_path / "ws" / ".." / "link" / "..", [tmp_path / "link" / "a.xlsx"])
    with pytest.raises(WriteError, match="inside the input folder"):
        guard(tmp_path / "link" / "new" / "out.xlsx", [tmp_path / "ws"])
    guard(tmp_path / "elders", [tmp_path / "ws", None, "db:u@1", "example"])


def test_marks_tell_pmiek_files_from_others(tmp_path: Path, example: Workspace) -> None:
    ours_xlsx = write_workspace(Workspace(), tmp_path / "t.xlsx")
    ours_gpkg = write_workspace(example, tmp_path / "t.gpkg")
    assert has_mark(ours_xlsx, "xlsx") and has_mark(ours_gpkg, "gpkg")
    Workbook().save(tmp_path / "other.xlsx")
    (tmp_path / "junk.gpkg").write_bytes(b"SQLite format 3\x00 but not really")
    shutil.copy(ours_gpkg, tmp_path / "copy.xlsx")
    assert not has_mark(tmp_path / "other.xlsx", "xlsx")
    assert not has_mark(tmp_path / "junk.gpkg", "gpkg")
    assert not has_mark(tmp_path / "copy.xlsx", "xlsx")
    assert not has_mark(tmp_path / "t.xlsx", "gpkg")


def test_a_huge_property_part_is_not_read(tmp_path: Path) -> None:
    """A workbook whose custom properties expand to 50 MB is no mark, and is not expanded."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("docProps/custom.xml", b"<a>" + b" " * 50_000_000 + b"</a>")
    assert path.stat().st_size < 1_000_000
    assert not has_mark(path, "xlsx")


def test_staging_of_a_killed_run_is_reclaimed_and_nothing_else(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(gone.stdout)
    host = __import__("socket").gethostname()

    def staged(name: str, pid: int | None) -> Path:
        folder = tmp_path / name
        (folder / "built").mkdir(parents=True)
        (folder / "built" / "areas.csv").write_text("id\n", encoding="utf-8")
        if pid is not None:
            (folder / PID_FILE).write_text(json.dumps(
                {"written_by": "pmiek", "pid": pid, "host": host}), encoding="utf-8")
        return folder

    killed = staged(".uit.pmiek-abc123", dead)
    running = staged(".uit.pmiek-def456", os.getpid())
    lookalike = staged(".uit.pmiek-zzz", None)
    other_host = staged(".x.pmiek-1", None)
    (other_host / PID_FILE).write_text(json.dumps(
        {"written_by": "pmiek", "pid": dead, "host": "elders"}), encoding="utf-8")
    write_workspace(Workspace(), tmp_path / "uit")
    assert not killed.exists()
    assert running.exists() and lookalike.exists() and other_host.exists()
    assert reclaim(tmp_path) == []


CHILD = """
import sys, time
from pathlib import Path
import pmiek.adapters.files as files
from pmiek.domain.workspace import Workspace

def slow(workspace, path, *args):
    Path(path).write_bytes(b"half")
    Path(sys.argv[2]).write_text("ready")
    time.sleep(60)

files.write_xlsx = slow
try:
    files.write_workspace(Workspace(), Path(sys.argv[1]))
except KeyboardInterrupt:
    sys.exit(130)
"""


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_write_leaves_no_staging(tmp_path: Path, sent: signal.Signals) -> None:
    target, ready = tmp_path / "out" / "t.xlsx", tmp_path / "ready"
    target.parent.mkdir()
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHILD), str(target),
                              str(ready)])
    try:
        for _ in range(600):
            if ready.exists() or child.poll() is not None:
                break
            threading.Event().wait(0.05)
        assert ready.exists(), "the child did not start writing"
        staged = list(target.parent.iterdir())
        assert len(staged) == 1 and (staged[0] / PID_FILE).is_file()
        child.send_signal(sent)
        assert child.wait(timeout=30) == 130
    finally:
        if child.poll() is None:
            child.kill()
    assert list(target.parent.iterdir()) == []


def test_terminate_as_interrupt_restores_the_handler_and_ignores_threads() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with terminate_as_interrupt():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before
    seen: list[object] = []

    def in_thread() -> None:
        with terminate_as_interrupt():
            seen.append(signal.getsignal(signal.SIGTERM))

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert seen == [before]


# --- what a format cannot hold, and what it must not run --------------------------------


def _named(example: Workspace, names: list[str]) -> Workspace:
    """Only the example's areas (quick to write), the first named ``names``."""
    areas = example.areas.copy()
    areas.loc[areas.index[: len(names)], "name"] = names
    return Workspace().with_tables(areas=areas)


def test_xlsx_text_is_never_a_formula(tmp_path: Path, example: Workspace) -> None:
    names = ["=1+2", "+SUM(A1)", "-3+4", "@A1", "#N/A", '=HYPERLINK("http://x.invalid")']
    path = write_workspace(_named(example, names), tmp_path / "w.xlsx")
    workbook = load_workbook(path)
    formulas = [(sheet.title, cell.coordinate) for sheet in workbook.worksheets
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    column = [c.value for c in workbook["areas"][1]].index("name") + 1
    written = [workbook["areas"].cell(row=r, column=column).value
               for r in range(2, 2 + len(names))]
    assert written == names


def test_a_long_name_is_an_error_naming_sheet_row_and_column(tmp_path: Path,
                                                            example: Workspace) -> None:
    long = "x" * (CELL_LIMIT + 1)
    named = _named(example, ["kort", long])
    ident = named.areas["id"].iloc[1]
    with pytest.raises(WriteError) as caught:
        write_workspace(named, tmp_path / "w.xlsx")
    assert caught.value.in_language("en").startswith(
        f"Sheet areas, row 3 (id {ident}), column name: the text is 32,768 characters")
    assert list(tmp_path.iterdir()) == []
    exact = _named(example, ["x" * CELL_LIMIT])  # the limit itself fits
    path = write_workspace(exact, tmp_path / "w.xlsx")
    column = [c.value for c in load_workbook(path)["areas"][1]].index("name") + 1
    assert load_workbook(path)["areas"].cell(row=2, column=column).value == "x" * CELL_LIMIT


def test_a_control_character_is_an_error_naming_the_cell(tmp_path: Path,
                                                        example: Workspace) -> None:
    with pytest.raises(WriteError, match="column name: the text holds a control character"):
        write_workspace(_named(example, ["bel\x07"]), tmp_path / "w.xlsx")


def test_csv_outputs_are_inert(tmp_path: Path) -> None:
    class Result:
        provenance = Provenance("test", {}, "abc")

        def to_frames(self) -> dict[str, pd.DataFrame]:
            return {"t": pd.DataFrame({"name": ["=1+2", "-x", "gewoon"], "n": [-3, 1, 2]})}

    write_outputs(Result(), tmp_path / "out")
    lines = (tmp_path / "out" / "t.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["name,n", "'=1+2,-3", "'-x,1", "gewoon,2"]


# --- paths that cannot be written are messages ------------------------------------------


def test_stale_tables_of_pmiek_go_and_foreign_ones_refuse(tmp_path: Path,
                                                         example: Workspace) -> None:
    target = tmp_path / "ws"
    write_workspace(example, target)
    assert (target / "profiles.csv").exists()
    write_workspace(Workspace(), target, overwrite=True)  # no profiles any more
    assert not (target / "profiles.csv").exists()
    (target / "profiles.csv").write_text("van mij", encoding="utf-8")
    with pytest.raises(WriteError, match="not written by pmiek"):
        write_workspace(example, target, overwrite=True)
    assert (target / "profiles.csv").read_text(encoding="utf-8") == "van mij"


@pytest.mark.parametrize(("make", "target", "words"), [
    (lambda p: p.joinpath("f").write_text("x"), "f/out.xlsx", "does not exist"),
    (lambda p: p.joinpath("d.xlsx").mkdir(), "d.xlsx", "is not a file"),
    (lambda p: p.joinpath("gone.xlsx").symlink_to(p / "nowhere.xlsx"), "gone.xlsx",
     "a link to something that does not exist"),
])
def test_unwritable_workspace_targets_are_messages(tmp_path: Path, make: Any, target: str,
                                                   words: str) -> None:
    make(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(WriteError) as caught:
        write_workspace(Workspace(), tmp_path / target, overwrite=True)
    assert words in caught.value.in_language("en")
    assert "niets geschreven" in caught.value.in_language("nl")
    assert snapshot(tmp_path) == before


def test_an_out_folder_below_a_file_is_a_message(tmp_path: Path) -> None:
    class Result:
        provenance = Provenance("test", {}, "abc")

        def to_frames(self) -> dict[str, pd.DataFrame]:
            return {"t": pd.DataFrame({"a": [1]})}

    (tmp_path / "f").write_text("x")
    with pytest.raises(WriteError, match="Nothing was written"):
        write_outputs(Result(), tmp_path / "f" / "out")
    assert (tmp_path / "f").read_text() == "x"


def test_check_outputs_refuses_early_and_writes_nothing(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ws").mkdir()
    (tmp_path / "vreemd").mkdir()
    (tmp_path / "vreemd" / "a.txt").write_text("x", encoding="utf-8")
    for out, words in ((".", "holds the input"), ("vreemd", "not written by pmiek"),
                       ("ws", "input itself"), ("vreemd/a.txt", "not a folder")):
        with pytest.raises(WriteError, match=words):
            check_outputs(out, sources=["ws"])
    with pytest.raises(WriteError, match="current folder"):
        check_outputs(".")
    check_outputs("nieuw/diep", sources=["ws"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vreemd", "ws"]
