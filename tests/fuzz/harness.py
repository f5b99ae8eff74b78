"""The fuzz harness: base exports, one case run in-process under a time limit, and the rules.

A case copies a base export (a slice of the ``example`` workspace written by
:func:`pmiek.adapters.files.write_workspace` as a CSV folder, a workbook or a GeoPackage) into
a fresh folder, corrupts it, snapshots the folder, runs one command through typer's
``CliRunner`` with that folder as working directory, ``HOME`` and store, and checks what issue
13 asks of every command:

- an answer within :data:`CASE_SECONDS` (a hang fails the case as ``Hang``);
- no exception escapes, no ``Traceback`` is printed, the exit code is one of the table
  (0 done, 1 no answer or output not written, 2 invalid input or options, 3 conflict); exit 4
  (an unexpected error, with a log file) is a found failure, and its log is shown;
- a non-zero exit prints a message that names the place (the input, a table or file in it, or
  the output);
- nothing in the folder changed except the command's output, and that only on success (so no
  staging leftovers, no half-written target, no input or foreign file touched);
- exit 0 only when the input as pmiek reads it back validates and round-trips: after
  ``validate``, the input is read again, written as CSV and read back the same (the cheapest
  round trip; ``convert`` cases write every format); after ``convert`` the output reads back
  valid and equal to the input; ``summary`` of an invalid workspace says so (it summarises
  what it could read, by design).

Why slices: the example's hourly profiles (35,040 rows) take 80% of its read time, and 2,000
cases in a few minutes allow about 50 ms each; an empty table costs a parse as well, so a CSV
base leaves out the header-only files of tables the slice does not have. The slices keep the
example's tables and rows as they are; only the ``developments`` slice, which would need the
profiles, carries each development's peak (quantity × the example's unit parameter) instead
of a profile name. The whole example (with profiles) is a base too: the stage commands run on
it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import signal
import stat
import tempfile
import time
import traceback
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pandas as pd
import typer
from hypothesis import note
from hypothesis.control import currently_in_test_context
from typer.testing import CliRunner, Result

from pmiek.adapters.cli import common as cli_common
from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import ReadResult, read_workspace, write_workspace
from pmiek.adapters.files.inert import printable
from pmiek.domain.problems import errors
from pmiek.domain.tables import TABLE_NAMES
from pmiek.domain.workspace import Workspace
from pmiek.errors import PmiekError
from tests.fuzz.strategies import Op, apply_csv, apply_gpkg, apply_xlsx

CASE_SECONDS = 10.0
"""The most a case may take before it counts as a hang."""

EXIT_CODES = (0, 1, 2, 3)
"""The exit codes of the table (4, an unexpected error, is a found failure)."""

INPUT = "fz_ws"
"""The name of the input in every case (distinct, so that a message naming it is found)."""

SUFFIXES = {"csv": "", "xlsx": ".xlsx", "gpkg": ".gpkg"}

CORE = ("areas", "assets")
SLICES: dict[str, tuple[str, ...]] = {
    "scenarios": ("scenarios", "scenario_parameters", "scenario_factors"),
    "network": CORE,
    "developments": (*CORE, "developments"),
    "projects": (*CORE, "projects", "project_effects", "resources"),
    "criteria": ("criteria",),
    "lean": ("areas", "assets", "criteria", "projects", "project_effects", "resources",
             "scenarios", "scenario_parameters", "scenario_factors"),
}
"""Valid parts of the example, closed under references (see the module docstring)."""

SMALL = tuple(sorted(name for name in SLICES if name != "lean"))
"""The slices for CSV folders and GeoPackages, whose read time grows with the tables: all but
``lean`` (a workbook holds every sheet anyway, so it reads about as fast)."""

COUNTS: Counter[str] = Counter()
"""Cases run in this session, per fuzz test (see ``test_zz_budget``)."""

COMPLETED: set[str] = set()
"""The fuzz tests (by budget key) that ran to the end and passed in this session."""

SECONDS: dict[str, float] = defaultdict(float)
"""Seconds (wall clock) spent in cases, per fuzz test."""

CPU_SECONDS: dict[str, float] = defaultdict(float)
"""Processor seconds spent in cases, per fuzz test (what the run takes on an idle machine)."""


# --- base exports -------------------------------------------------------------------------


def _with_peaks(example: Workspace) -> pd.DataFrame:
    """The example's developments with each peak written out (quantity × unit parameter),
    and no profile: valid without the profiles table (a ``no_profile`` warning each)."""
    dev = example.developments.copy()
    keys = ["sector", "carrier", "unit"]
    per_unit = dev[keys].merge(example.unit_parameters, on=keys, how="left")
    missing = dev["demand_mw"].isna() & dev["feedin_mw"].isna()
    quantity = dev["quantity"].to_numpy(dtype=float)
    for column, kw in (("demand_mw", "demand_kw_per_unit"), ("feedin_mw", "feedin_kw_per_unit")):
        peak = quantity * per_unit[kw].to_numpy(dtype=float) / 1000.0
        dev.loc[missing, column] = peak[missing.to_numpy()]
    dev["profile"] = dev["profile"].mask(dev["profile"].notna())  # empty, same dtype
    return dev


def example_slices(example: Workspace) -> dict[str, Workspace]:
    """The bases of the fuzz cases: the slices of :data:`SLICES` and the whole example."""
    frames = {name: example.table(name) for name in TABLE_NAMES}
    frames["developments"] = _with_peaks(example)
    slices = {name: Workspace().with_tables(**{t: frames[t] for t in tables})
              for name, tables in SLICES.items()}
    slices["example"] = example
    return slices


@dataclass(frozen=True, repr=False)
class Base:
    """The files of one export: relative path → bytes (``""`` for a single file)."""

    name: str
    fmt: str
    files: Mapping[str, bytes]

    def __repr__(self) -> str:
        return f"Base({self.name!r}, {self.fmt!r})"

    def materialise(self, folder: Path, name: str = INPUT) -> Path:
        """Write the export into ``folder`` as ``name`` (plus the format's ending)."""
        path = folder / (name + SUFFIXES[self.fmt])
        for relative, data in self.files.items():
            target = path / relative if relative else path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if not self.files:
            path.mkdir(parents=True, exist_ok=True)
        return path


def export(workspace: Workspace, name: str, fmt: str, scratch: Path) -> Base:
    """``workspace`` written by pmiek in ``fmt``, kept as bytes; of a CSV folder without the
    header-only files of empty tables (each costs a parse per case)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-{fmt}-", dir=scratch))
    path = write_workspace(workspace, folder / (INPUT + SUFFIXES[fmt]))
    if path.is_dir():
        present = {f"{table}.csv" for table in workspace.present()}
        files = {p.relative_to(path).as_posix(): p.read_bytes()
                 for p in sorted(path.rglob("*"))
                 if p.is_file() and (p.suffix != ".csv" or p.name in present)}
    else:
        files = {"": path.read_bytes()}
    return Base(name, fmt, files)


# --- a time limit -------------------------------------------------------------------------


class Hang(BaseException):
    """A case without an answer in :data:`CASE_SECONDS`. A BaseException, so that neither the
    CLI's catch-all nor CliRunner takes it for the command's own error (:func:`invoke` turns
    it into an AssertionError once it is out)."""


@contextlib.contextmanager
def time_limit(seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread when the block runs longer than ``seconds``.

    The alarm is raised again every 0.1 s until the block ends: a signal handler's exception
    can land where it is swallowed (a garbage-collector callback, a bare ``except``)."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        raise Hang(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- the tree -----------------------------------------------------------------------------

Entry = tuple[str, int, int, str]
"""Kind, permission bits, modification time (files), SHA-256 (files) or link target."""


def _entry(path: Path) -> Entry:
    info = path.lstat()
    mode = stat.S_IMODE(info.st_mode)
    if stat.S_ISREG(info.st_mode):
        return "file", mode, info.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()
    if stat.S_ISLNK(info.st_mode):
        return "link", mode, 0, os.readlink(path)
    return ("dir" if stat.S_ISDIR(info.st_mode) else "other"), mode, 0, ""


def snapshot(root: Path) -> dict[str, Entry]:
    """Every entry below ``root`` (relative POSIX path → :data:`Entry`); a folder's own time
    is left out (it changes when a staging folder comes and goes)."""
    entries: dict[str, Entry] = {}
    for folder, dirs, files in os.walk(root):
        for name in (*dirs, *files):
            path = Path(folder) / name
            entries[path.relative_to(root).as_posix()] = _entry(path)
    return entries


def _inside(relative: str, allowed: str | None) -> bool:
    return allowed is not None and allowed not in ("", ".") and (
        relative == allowed or relative.startswith(allowed + "/"))


def tree_changes(before: Mapping[str, Entry], after: Mapping[str, Entry],
                 allowed: str | None) -> list[str]:
    """What changed below the root outside ``allowed`` (a relative path; ``None``: nothing
    may change)."""
    found = [f"removed {p}" for p in before if p not in after and not _inside(p, allowed)]
    found += [f"added {p}" for p in after if p not in before and not _inside(p, allowed)]
    found += [f"changed {p}" for p in before
              if p in after and after[p] != before[p] and not _inside(p, allowed)]
    return sorted(found)


# --- running a command --------------------------------------------------------------------

_RUNNER = CliRunner()


@functools.cache
def app(lang: str) -> typer.Typer:
    """The ``pmiek`` application in ``lang`` (built once)."""
    return build_app(lang)


@dataclass
class Outcome:
    """What one command did."""

    args: list[str]
    result: Result
    seconds: float
    warned: list[str] = field(default_factory=list)

    @property
    def code(self) -> int:
        return self.result.exit_code

    @property
    def output(self) -> str:
        return self.result.output

    def shown(self, limit: int = 3000) -> str:
        text = self.output if len(self.output) <= limit else (
            self.output[:limit // 2] + "\n…\n" + self.output[-limit // 2:])
        return f"pmiek {' '.join(map(repr, self.args))} → exit {self.code}\n{text}"


@contextlib.contextmanager
def counted(key: str) -> Iterator[None]:
    """Count one case of fuzz test ``key`` and the seconds it takes."""
    COUNTS[key] += 1
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        SECONDS[key] += time.perf_counter() - start
        CPU_SECONDS[key] += time.process_time() - cpu


def invoke(args: Sequence[str], *, lang: str, cwd: Path, home: Path, cache: Path) -> Outcome:
    """Run ``pmiek ARGS`` in-process in the working directory ``cwd``, with ``HOME`` at
    ``home``, the store at ``home/../pmiek.db`` and ``cache`` as the user cache folder (where
    the log of an unexpected error goes). Warnings are recorded, as a terminal would show
    them, not raised."""
    env = {"XDG_CACHE_HOME": str(cache), "HOME": str(home),
           "PMIEK_DATABASE_URL": f"sqlite:///{home.parent / 'pmiek.db'}", "PMIEK_USER": "fuzz",
           "PMIEK_LANG": lang, "COLUMNS": "200"}
    start = time.perf_counter()
    READ.clear()
    with contextlib.chdir(cwd), warnings.catch_warnings(record=True) as caught, recording():
        warnings.simplefilter("always")
        try:
            with time_limit():
                result = _RUNNER.invoke(app(lang), [*args, "--lang", lang], env=env)
        except Hang as hang:  # now a failure like any other, which hypothesis reports
            raise AssertionError(f"hang: {hang}: pmiek {' '.join(map(repr, args))}") from None
    outcome = Outcome(list(args), result, time.perf_counter() - start,
                      [f"{w.category.__name__}: {w.message}" for w in caught])
    if currently_in_test_context():
        note(outcome.shown())
        if outcome.warned:
            note("warnings: " + "; ".join(outcome.warned[:5]))
    return outcome


READ: list[ReadResult] = []
"""What the command read from files in the case being run (see :func:`recording`)."""


@contextlib.contextmanager
def recording() -> Iterator[None]:
    """Keep each result of the CLI's ``read_workspace`` in :data:`READ`, so that the checks
    of exit 0 start from the workspace the command itself read instead of reading the input
    once more (a third of a validate case's time)."""
    original = cli_common.read_workspace

    def read(*args: Any, **kwargs: Any) -> ReadResult:
        result = original(*args, **kwargs)
        READ.append(result)
        return result

    cli_common.read_workspace = read
    try:
        yield
    finally:
        cli_common.read_workspace = original


def _newest_log(cache: Path) -> str:
    logs = sorted((cache / "pmiek" / "logs").glob("*.log"), key=lambda p: p.stat().st_mtime)
    if not logs:
        return "(no log file)"
    lines = logs[-1].read_text(encoding="utf-8", errors="replace").splitlines()
    return f"{logs[-1].name}:\n" + "\n".join(lines[-12:])


def check_answer(outcome: Outcome, places: Sequence[str], cache: Path) -> None:
    """An answer from the table, without a traceback, and a message naming the place."""
    error = outcome.result.exception
    if error is not None and not isinstance(error, SystemExit):
        trace = "".join(traceback.format_exception(error)[-8:])
        raise AssertionError(f"exception escaped the CLI\n{outcome.shown()}\n{trace}")
    assert "Traceback (most recent call last)" not in outcome.output, outcome.shown()
    assert outcome.code != 4, f"unexpected error (exit 4)\n{outcome.shown()}\n" \
                              f"{_newest_log(cache)}"
    assert outcome.code in EXIT_CODES, outcome.shown()
    assert outcome.seconds <= CASE_SECONDS, f"hang: {outcome.seconds:.1f} s\n{outcome.shown()}"
    if outcome.code != 0:
        assert outcome.output.strip(), f"no message\n{outcome.shown()}"
        flat = outcome.output.replace("\n", "")
        named = [p for p in places if p and (p in outcome.output or p in flat)]
        assert named, f"the message names none of {sorted(set(places))[:12]}\n{outcome.shown()}"


def places_of(*paths: Path) -> list[str]:
    """Words that name the place of a problem: the paths' names as printed, what a folder
    holds, and every table name."""
    found = [*TABLE_NAMES]
    for path in paths:
        found += [printable(path.name), printable(path.parent.name)]
        with contextlib.suppress(OSError):  # a name too long to look at names itself
            if path.is_dir() and not path.is_symlink():
                found += [printable(p.name) for p in path.iterdir()]
    return [p.strip() for p in found if p.strip() not in ("", ".", "..")]


# --- what exit 0 means --------------------------------------------------------------------


def read_back(path: Path | str, read: Sequence[ReadResult] = ()) -> Workspace:
    """``path`` as pmiek reads it; it must validate. ``read``: what the command read, used
    when it read ``path`` (the same function on the same bytes)."""
    same = [r for r in read if r.path is not None and Path(r.path).resolve() ==
            Path(path).resolve()]
    result = same[-1] if same else read_workspace(path)
    problems = [p.message("en") for p in result.problems if p.severity.value == "error"]
    assert result.ok, f"read back with errors: {problems[:5]}"
    return result.workspace


def assert_same(left: Workspace, right: Workspace, what: str) -> None:
    differ = left.differences(right)
    assert not differ, f"{what}: tables {differ} differ"


def assert_roundtrips(workspace: Workspace, fmt: str, scratch: Path) -> None:
    """``workspace`` written by pmiek in ``fmt`` reads back the same and valid (``validate``
    checks through CSV, the cheapest; ``convert`` cases write every format)."""
    folder = Path(tempfile.mkdtemp(prefix="roundtrip-", dir=scratch))
    try:
        try:
            path = write_workspace(workspace, folder / ("rt" + SUFFIXES[fmt]))
        except PmiekError as error:
            raise AssertionError(f"validated, but cannot be written as {fmt}: {error}") from None
        assert_same(workspace, read_back(path), f"round trip through {fmt}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- one case -----------------------------------------------------------------------------

APPLY: dict[str, Callable[[Path, Sequence[Op]], None]] = {
    "csv": apply_csv, "xlsx": apply_xlsx, "gpkg": apply_gpkg}

COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate",), "validate-json": ("validate", "--json"),
    "summary": ("summary",), "convert-csv": ("convert", "uit"),
    "convert-xlsx": ("convert", "uit.xlsx"), "convert-gpkg": ("convert", "uit.gpkg"),
}
"""The commands a corrupted export goes through (``convert`` writes ``uit`` in the case
folder)."""


MUST_REFUSE = {("row", "short"): "a row with too few fields",
               ("row", "long"): "a row with more fields than the header",
               ("header", "duplicate"): "a duplicate header",
               ("header", "duplicate_padded"): "headers that are equal once trimmed",
               ("header", "add"): "data in a column without a header"}
"""Corruptions of a CSV file that the readers must refuse (issue 13: "duplicate or blank
headers, short rows and header-less data columns are errors"); every base file has data rows,
so each of these always changes a row or the header."""


@dataclass(frozen=True)
class Case:
    """A base export (``base`` in ``fmt``), its corruptions, a command and a language."""

    fmt: str
    base: str
    ops: tuple[Op, ...] = ()
    command: str = "validate"
    lang: str = "nl"

    def must_refuse(self) -> str | None:
        """Why the input may not be accepted: a CSV case whose one corruption the readers
        must refuse (with more, a later one may undo it)."""
        if self.fmt != "csv" or len(self.ops) != 1 or self.ops[0][0] not in ("row", "header"):
            return None
        return MUST_REFUSE.get((self.ops[0][0], self.ops[0][2]))


class Fuzz:
    """The session's bases (exported when first used), scratch and cache folders; runs cases.
    (Not a dataclass: it is a fixture of the fuzz tests, and hypothesis would print its bytes
    in every report.)"""

    def __init__(self, root: Path, slices: Mapping[str, Workspace]) -> None:
        self.root, self.cache, self.slices = root, root / "cache", slices
        self._bases: dict[tuple[str, str], Base] = {}
        (root / "bases").mkdir(exist_ok=True)

    def base(self, name: str, fmt: str) -> Base:
        """Slice ``name`` of the example as pmiek exports it in ``fmt``."""
        if (name, fmt) not in self._bases:
            self._bases[(name, fmt)] = export(self.slices[name], name, fmt, self.root / "bases")
        return self._bases[(name, fmt)]

    def __repr__(self) -> str:
        return "fuzz"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("fuzz")

    @contextlib.contextmanager
    def folder(self) -> Iterator[Path]:
        """A fresh case folder with an empty ``home`` in it; removed afterwards."""
        folder = Path(tempfile.mkdtemp(prefix="case-", dir=self.root))
        (folder / "home").mkdir()
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def run(self, key: str, case: Case) -> Outcome:
        """Materialise, corrupt, run and check ``case``; counted under ``key``."""
        with counted(key), self.folder() as folder:
            source = self.base(case.base, case.fmt).materialise(folder)
            APPLY[case.fmt](source, case.ops)
            args = [COMMANDS[case.command][0], str(source), *COMMANDS[case.command][1:]]
            target = folder / args[2] if args[0] == "convert" else None
            places = places_of(source, *([target] if target else []))
            return self.check(key, case, args, source, target, places)

    def check(self, key: str, case: Case, args: list[str], source: Path,
              target: Path | None, places: list[str]) -> Outcome:
        folder = source.parent
        before = snapshot(folder)
        outcome = invoke(args, lang=case.lang, cwd=folder, home=folder / "home",
                         cache=self.cache)
        check_answer(outcome, places, self.cache)
        allowed = target.name if target is not None and outcome.code == 0 else None
        changes = tree_changes(before, snapshot(folder), allowed)
        assert not changes, f"files changed: {changes[:8]}\n{outcome.shown()}"
        if outcome.code == 0:
            self.meaning(case, source, target, outcome)
        return outcome

    def meaning(self, case: Case, source: Path, target: Path | None, outcome: Outcome) -> None:
        """Exit 0 only when the input as pmiek reads it back validates and round-trips."""
        command = COMMANDS[case.command][0]
        refuse = case.must_refuse()
        assert command == "summary" or refuse is None, \
            f"silently accepted: {refuse}\n{outcome.shown()}"
        if command == "summary":
            result = read_workspace(source)
            said = text("summary.invalid", case.lang, errors=len(errors(result.problems)))
            assert result.ok or str(said) in outcome.output.replace("\n", " "), \
                f"summary of an invalid workspace does not say so\n{outcome.shown()}"
            return
        workspace = read_back(source, READ)
        if command == "validate":
            assert_roundtrips(workspace, "csv", self.root)
        else:
            assert target is not None and target.exists(), "convert exit 0 without output"
            assert_same(workspace, read_back(target), "convert output")
