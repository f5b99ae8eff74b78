"""What every command shares: the console, reading a workspace, progress, errors → exit codes.

Exit codes (also in the README):

== =====================================================================================
0  done
1  no feasible or verified answer (a solve that failed), or an output that cannot be written
2  invalid input or options: a file, folder, workspace, store name or version that cannot be
   used, or an option that is wrong (nothing written)
3  a conflict in the store: someone else changed the workspace first (nothing written)
4  an unexpected error: a fault in pmiek; the message names a log file in the user's cache
   folder (:func:`log_folder`) that holds the traceback
== =====================================================================================

An interrupted run (Ctrl-C) ends with 130. Nothing printed to the terminal carries a control
character from the data, and data never counts as rich markup (:class:`SafeConsole`,
:func:`pmiek.adapters.cli.i18n.literal`).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import platform
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import platformdirs
import typer
from rich.console import Console
from rich.progress import Progress

from pmiek.adapters.cli.i18n import Markup, literal, text
from pmiek.adapters.cli.render import SafeConsole, number, problems_table
from pmiek.adapters.cli.store_cmd import STORE_PREFIX, read_stored
from pmiek.adapters.files import ReadResult, read_workspace
from pmiek.domain.library import LibraryUse
from pmiek.domain.problems import Severity, errors
from pmiek.domain.provenance import ProgressCallback, Provenance
from pmiek.domain.validation import ValidationOptions
from pmiek.errors import (
    ConflictError,
    InputError,
    MissingExtraError,
    PmiekError,
    StoreError,
)

EXIT_FAILED = 1
EXIT_INVALID = 2
EXIT_CONFLICT = 3
EXIT_UNEXPECTED = 4
EXIT_INTERRUPTED = 130


def console(*, width: int = 160, stderr: bool = False) -> Console:
    """A console that wraps at the terminal's width, or at ``width`` when piped."""
    return SafeConsole(soft_wrap=False, width=None if sys.stdout.isatty() else width,
                       stderr=stderr)


def fail(message: str, lang: str, code: int) -> typer.Exit:
    """Print ``message`` as an error on stderr and return the Exit to raise. A plain message
    is shown literally; a :class:`~pmiek.adapters.cli.i18n.Markup` (from ``text``) as it is."""
    SafeConsole(stderr=True, soft_wrap=True).print(
        f"[red]{text('error', lang)}:[/] {literal(message)}", highlight=False)
    return typer.Exit(code)


def message_of(error: PmiekError, lang: str) -> str:
    """The error in ``lang``: every problem with its place, message and fix (a message made
    with ``text`` stays :class:`~pmiek.adapters.cli.i18n.Markup`)."""
    problems = getattr(error, "problems", None)
    if not problems:
        said = error.in_language(lang)
        first = error.args[0] if len(error.args) == 1 else None
        return first if isinstance(first, Markup) and first == said else said
    describe = getattr(error, "describe", None)
    if describe is not None and getattr(error, "source", None):
        return str(describe(lang))
    return "\n".join(f"{p.place(lang)}: {p.message(lang)} {p.hint(lang)}".strip()
                     for p in problems)


def exit_code(error: PmiekError) -> int:
    """The documented exit code of an expected error: 3 a conflict in the store; 2 input,
    options, a store name or version that cannot be used, a missing extra; 1 the rest (no
    usable answer from the solver, an output that cannot be written)."""
    if isinstance(error, ConflictError):
        return EXIT_CONFLICT
    if isinstance(error, InputError | StoreError | MissingExtraError):
        return EXIT_INVALID
    return EXIT_FAILED


@contextlib.contextmanager
def reported(lang: str) -> Iterator[None]:
    """Turn pmiek's errors into a message and their exit code."""
    try:
        yield
    except PmiekError as error:
        raise fail(message_of(error, lang), lang, exit_code(error)) from None


def report(result: ReadResult, lang: str, as_json: bool, out: Console) -> None:
    """The validation report of ``result``: a table (or JSON) of problems, or a clean line."""
    located = result.located()
    rows = sum(len(frame) for _, frame in result.own_rows.items()) if result.ok else None
    used = result.library if result.own is not None else None
    if as_json:
        payload = {
            "path": str(result.path), "valid": result.ok, "empty": rows == 0,
            "errors": len(errors(result.problems)),
            "warnings": sum(p.severity is Severity.WARNING for p in result.problems),
            "problems": [item.to_dict(lang) for item in located],
            "library": used.to_dict() if used else None,
        }
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    if located:
        out.print(problems_table(located, lang))
    n_errors = len(errors(result.problems))
    if n_errors or located:
        n_warnings = len(located) - n_errors
        out.print(text("validate.summary", lang, path=result.path, errors=text(
            "validate.errors" if n_errors == 1 else "validate.errors_many", lang, n=n_errors),
            warnings=text("validate.warnings" if n_warnings == 1 else "validate.warnings_many",
                          lang, n=n_warnings)))
    elif rows == 0:
        out.print(text("validate.empty", lang, path=result.path))
    else:
        out.print(text("validate.clean", lang, path=result.path, rows=number(rows or 0, lang),
                       tables=len(result.own_rows.present())))
    if used:
        out.print(library_line(used, lang))


def library_line(used: LibraryUse, lang: str) -> str:
    """One line saying what the library added to a workspace (profiles, unit parameters)."""
    parts = []
    for key, ids in (("validate.library_units", used.unit_parameters),
                     ("validate.library_profiles", used.profiles)):
        if ids:
            parts.append(text(key if len(ids) == 1 else f"{key}_many", lang, n=len(ids),
                              ids=", ".join(ids)))
    return text("validate.library", lang, library=used.stamp["name"],
                version=used.stamp["version"], parts=text("and", lang).join(parts))


def _read(workspace: str | None, horizon: int) -> ReadResult:
    """Read and validate a workspace (a path, an embedded name or ``db:NAME[@VERSION]``)."""
    options = ValidationOptions(horizon=horizon)
    if workspace is not None and workspace.startswith(STORE_PREFIX):
        stored: ReadResult = read_stored(workspace, options)
        return stored
    return read_workspace(workspace, options=options)


def read(workspace: str | None, lang: str, horizon: int) -> ReadResult:
    """Read and validate a workspace; an error that stops the reading exits with its
    message in ``lang`` and its code."""
    with reported(lang):
        return _read(workspace, horizon)


def read_or_json_error(workspace: str | None, lang: str, horizon: int,
                       out: Console) -> ReadResult:
    """As :func:`read`, but a workspace that cannot be read at all is reported as JSON on
    ``out`` (``valid`` false, ``error`` the message in ``lang``) before exiting with the
    error's code, so that ``--json`` always means JSON."""
    try:
        return _read(workspace, horizon)
    except PmiekError as error:
        out.print_json(json.dumps({"path": workspace, "valid": False, "errors": 1,
                                   "warnings": 0, "problems": [],
                                   "error": str(message_of(error, lang))},
                                  ensure_ascii=False))
        raise typer.Exit(exit_code(error)) from None


def read_valid(workspace: str | None, lang: str, horizon: int, out: Console) -> ReadResult:
    """As :func:`read`, and exit 2 with the problems when the workspace has errors."""
    result = read(workspace, lang, horizon)
    if not result.ok:
        report(result, lang, False, out)
        raise typer.Exit(EXIT_INVALID)
    return result


@contextlib.contextmanager
def progress_bar(out: Console, key: str, lang: str) -> Iterator[ProgressCallback]:
    """A rich progress bar as a stage's progress callback; ``key`` is the text shown, with
    ``{label}`` for what the stage says it is doing."""
    with Progress(console=out, transient=True) as bar:
        task = bar.add_task(text(key, lang, label=""), total=None)

        def tell(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total,
                       description=text(key, lang, label=label))

        yield tell


@contextlib.contextmanager
def _silenced_stdout() -> Iterator[None]:
    """Send what C code writes to file descriptor 1 to the null device for a moment."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no file descriptor 1: nothing to protect
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        yield
    finally:
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).fflush(None)
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def quiet_solver() -> None:
    """Start the solver with its banner silenced, so that it does not run through the
    progress bar and the tables."""
    from pmiek.variants.solver import start_solver

    with _silenced_stdout():
        start_solver()


@dataclass(frozen=True)
class Drawings:
    """A result that consists of drawings only (``pmiek show``)."""

    provenance: Provenance
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def to_frames(self) -> dict[str, pd.DataFrame]:
        return dict(self.frames)


def written(paths: list[Path], out: Path) -> str:
    """The written files, relative to ``out``, comma-separated."""
    return ", ".join(p.relative_to(out).as_posix() for p in paths)


# --- the unexpected -----------------------------------------------------------------------


def log_folder() -> Path:
    """Where the reports of unexpected errors go: ``logs`` in the user's cache folder (the
    one place outside ``--out`` that pmiek writes)."""
    return Path(platformdirs.user_cache_dir("pmiek")) / "logs"


def _write_log(error: BaseException) -> Path:
    """A new log file in :func:`log_folder` with the traceback of ``error``."""
    from pmiek import __version__

    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    path = folder / f"pmiek-{now:%Y%m%d-%H%M%S-%f}-{os.getpid()}.log"
    lines = [f"pmiek {__version__}, Python {platform.python_version()}, "
             f"{platform.platform()}", f"time: {now.isoformat()}",
             f"command: {' '.join(sys.argv)}", "",
             *traceback.format_exception(error)]
    with path.open("x", encoding="utf-8") as handle:
        handle.write("\n".join(line.rstrip("\n") for line in lines) + "\n")
    return path


def unexpected(error: BaseException, lang: str) -> typer.Exit:
    """Keep the traceback of an error that pmiek did not expect in a log file, print a short
    message naming that file, and return the Exit (4) to raise. No traceback on the
    terminal."""
    first = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    kind = f"{type(error).__name__}: {first}" if first else type(error).__name__
    try:
        log = _write_log(error)
    except OSError as exc:
        return fail(text("unexpected.nolog", lang, kind=kind, log=log_folder(),
                         reason=exc.strerror or type(exc).__name__), lang, EXIT_UNEXPECTED)
    return fail(text("unexpected", lang, kind=kind, log=log), lang, EXIT_UNEXPECTED)


def interrupted(lang: str) -> typer.Exit:
    """The short message of a run stopped with Ctrl-C, and the Exit (130) to raise."""
    return fail(text("interrupted", lang), lang, EXIT_INTERRUPTED)
