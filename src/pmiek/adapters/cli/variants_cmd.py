"""``pmiek variants``: step 3, a development variant per policy lens.

For every lens the MILP (``pmiek.variants.solve``) schedules the projects within each
operator's budget, staff and transformers; the greedy baseline (``pmiek.variants.greedy``)
does the same by a simple rule, for comparison. Every schedule is checked independently
(``pmiek.variants.verify``). Per lens a folder with the schedule, the connections, the use of
resources, a summary and two charts; over all lenses ``comparison.csv`` and a table.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.progress import Progress
from rich.table import Table

from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.render import number
from pmiek.adapters.files.lenses import load_lens
from pmiek.adapters.reports.variant_charts import draw_gantt, draw_resources
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.variants.instance import HORIZON, build_instance
from pmiek.variants.lenses import BUILT_IN, Lens
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import solve

EXIT_INVALID = 2
EXIT_FAILED = 1
LENS_FILES = ("schedule.csv", "connected.csv", "resource_use.csv", "summary.csv", "gantt.png",
              "resources.png")
COMPARISON_COLUMNS = [
    "lens", "label", "folder", "termination", "mip_gap", "seconds", "objective_meur",
    "projects_built", "capex_meur", "homes_connected_2030", "homes_planned_2030",
    "industry_mw_2030", "overload_mw_years", "greedy_objective_meur", "ratio_milp_greedy",
    "improvement_meur", "violations", "message",
]


@dataclass(frozen=True)
class Settings:
    """What every lens is solved with (the command's options, checked)."""

    scenarios: list[str | None] | None  # None: every scenario of the workspace
    level: str = "province"
    first_year: int = 2026
    horizon: int = HORIZON
    fixed: dict[str, float | None] | None = None
    move_ip: bool = False
    time_limit: float = 60.0
    mip_gap: float = 0.01
    baseline: bool = True


def invalid(message: str, lang: str) -> typer.Exit:
    """Report bad input on stderr (as the other commands do) and exit 2."""
    Console(stderr=True).print(f"[red]{text('error', lang)}:[/] {escape(message)}",
                               highlight=False)
    return typer.Exit(EXIT_INVALID)


# --- the command's inputs ---------------------------------------------------------------------

def choose_lenses(spec: str, lang: str) -> list[Lens]:
    """``all`` (the built-in lenses), a name, a TOML file, or a comma list of those."""
    names = list(BUILT_IN) if spec.strip() == "all" else [
        part.strip() for part in spec.split(",") if part.strip()]
    if not names:
        raise invalid(text("variants.no_lens", lang), lang)
    lenses = []
    for name in names:
        if name not in BUILT_IN and not Path(name).is_file():
            raise invalid(text("variants.unknown_lens", lang, lens=name,
                               lenses=", ".join(BUILT_IN)), lang)
        try:
            lenses.append(load_lens(name))
        except InputError as exc:
            raise invalid(str(exc), lang) from None
    return lenses


def choose_scenarios(workspace: Workspace, choice: str, lang: str) -> list[str | None] | None:
    """None for ``all`` (every scenario, the expected value), else the one scenario."""
    if choice == "all":
        return None
    known = [str(s) for s in workspace.scenarios["id"]]
    if choice not in known:
        raise invalid(text("variants.unknown_scenario", lang, scenario=choice,
                           known=", ".join(known) or "-"), lang)
    return [choice]


def check_level(workspace: Workspace, level: str, lang: str) -> None:
    areas = workspace.areas
    if level != "province" and level not in set(areas["id"].astype(str)):
        hotspots = areas.loc[areas["kind"] == "hotspot", "id"].astype(str).tolist()
        raise invalid(text("variants.unknown_level", lang, level=level,
                           hotspots=", ".join(hotspots) or "-"), lang)


def read_fixed(path: Path, workspace: Workspace, lang: str) -> dict[str, float | None]:
    """project_id → in-service year (None: not built) from a CSV such as a schedule.csv."""
    if not path.is_file():
        raise invalid(text("variants.fixed_missing", lang, path=path), lang)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None,
                            engine="python")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise invalid(f"{path}: {exc}", lang) from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if not {"project_id", "in_service_year"} <= set(frame.columns):
        raise invalid(text("variants.fixed_columns", lang, path=path,
                           found=", ".join(frame.columns) or "-"), lang)
    fixed: dict[str, float | None] = {}
    for line, (pid, value) in enumerate(zip(frame["project_id"], frame["in_service_year"],
                                            strict=True), start=2):
        pid, value = pid.strip(), value.strip()
        if not pid:
            continue
        if not value or value.lower() in ("nan", "<na>", "na"):
            fixed[pid] = None
            continue
        try:
            year = float(value)
        except ValueError:
            year = float("nan")
        if not np.isfinite(year) or year != int(year):
            raise invalid(text("variants.fixed_year", lang, path=path, line=line,
                               value=value), lang)
        fixed[pid] = float(int(year))
    projects = workspace.projects
    open_ids = set(projects.loc[projects["status"].astype(object) != "done", "id"].astype(str))
    unknown = sorted(set(fixed) - open_ids)
    if unknown:
        raise invalid(text("variants.fixed_unknown", lang, path=path,
                           ids=", ".join(unknown[:12])), lang)
    return fixed


# --- quiet solver -----------------------------------------------------------------------------

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
        _flush_c_stdout()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def _flush_c_stdout() -> None:
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).fflush(None)


def quiet_highs() -> None:
    """HiGHS prints its banner to the C stdout when the first solver of a process is made
    (before options can switch output off); make that first one here, silenced, so that the
    banner does not run through the progress bar and the tables."""
    try:
        import highspy
    except ImportError:  # the solve reports the missing solver itself
        return
    with _silenced_stdout():
        highspy.Highs()


@contextlib.contextmanager
def quiet_linopy() -> Iterator[None]:
    """linopy logs a warning for every infeasible solve; the command reports those itself."""
    logger = logging.getLogger("linopy")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name`` when the module exists (baseline and verification land separately)."""
    import importlib

    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    function: Callable[..., Any] = getattr(found, name)
    return function


# --- the run ----------------------------------------------------------------------------------

def folder_name(name: str, taken: set[str]) -> str:
    """A safe, unique folder name for a lens."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "lens"
    folder, k = base, 2
    while folder in taken:
        folder, k = f"{base}-{k}", k + 1
    taken.add(folder)
    return folder


def percent(value: float, lang: str) -> str:
    if not np.isfinite(value):
        return "–"
    shown = f"{100 * value:.2f}%"
    return shown if lang == "en" else shown.replace(".", ",")


def termination_text(result: VariantResult, lang: str) -> str:
    """optimaal / binnen gap / tijdslimiet (gap x%) / onhaalbaar … in ``lang``."""
    key = f"term.{result.termination.value}"
    return text(key, lang, gap=percent(result.mip_gap, lang))


def expected(result: VariantResult) -> dict[str, float]:
    """The summary's figures as expected values over the scenarios."""
    summary = result.summary()
    weight = np.asarray(result.instance.probability, dtype=float)
    figures = ("homes_connected_2030", "homes_planned_2030", "industry_mw_2030",
               "overload_mw_years")
    values = {key: float(np.dot(weight, summary[key].to_numpy(dtype=float)))
              for key in figures}
    values["projects_built"] = float(summary["projects_built"].iloc[0])
    values["capex_meur"] = float(summary["capex_meur"].iloc[0])
    return values


def decided(result: VariantResult) -> pd.DataFrame:
    """The schedule of the projects this run decides on. At province level every project; for
    an area (``--level``) only its own projects and the commitments, so that its
    ``schedule.csv`` can pin those in a province run (``--fixed``) without forbidding the
    projects elsewhere, which an area run never builds."""
    schedule = result.schedule()
    p = result.instance
    if p.level == "province":
        return schedule
    own = set(p.project_ids[p.allowed.any(axis=1) | p.must_build])
    return schedule[schedule["project_id"].isin(own)].reset_index(drop=True)


def write_lens(result: VariantResult, folder: Path, lang: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    decided(result).to_csv(folder / "schedule.csv", index=False)
    result.connections().to_csv(folder / "connected.csv", index=False)
    result.resource_use().to_csv(folder / "resource_use.csv", index=False)
    result.summary().to_csv(folder / "summary.csv", index=False)
    draw_gantt(result, folder / "gantt.png", lang)
    draw_resources(result, folder / "resources.png", lang)


def run_variants(workspace: Workspace, lenses: list[Lens], settings: Settings, out: Path,
                 lang: str, console: Console) -> None:
    """Solve, check, write and compare every lens; exit 1 afterwards when one failed."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        Console(stderr=True).print(f"[red]{text('error', lang)}:[/] {escape(str(exc))}")
        raise typer.Exit(EXIT_FAILED) from None
    greedy = _optional("pmiek.variants.greedy", "greedy") if settings.baseline else None
    verify = _optional("pmiek.variants.verify", "verify")
    if settings.baseline and greedy is None:
        console.print(f"[yellow]{text('variants.no_greedy', lang)}[/]")
    if verify is None:
        console.print(f"[yellow]{text('variants.no_verify', lang)}[/]")
    quiet_highs()
    rows: list[dict[str, object]] = []
    taken: set[str] = set()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(text("variants.progress", lang, lens=""), total=len(lenses))
        for lens in lenses:
            progress.update(task, description=text("variants.progress", lang,
                                                   lens=escape(lens.label(lang))))
            try:
                instance = build_instance(workspace, lens, settings.scenarios,
                                        level=settings.level, first_year=settings.first_year,
                                        horizon=settings.horizon, fixed=settings.fixed,
                                        move_ip=settings.move_ip)
            except InputError as exc:
                progress.stop()
                raise invalid(str(exc), lang) from None
            with quiet_linopy():
                result = solve(instance, time_limit=settings.time_limit,
                               mip_gap=settings.mip_gap)
                base = greedy(instance) if greedy is not None else None
            row = _lens_row(lens, folder_name(lens.name, taken), result, base, verify,
                            settings, out, lang, console)
            rows.append(row)
            progress.advance(task)
    comparison = pd.DataFrame(rows).reindex(columns=COMPARISON_COLUMNS)
    comparison.to_csv(out / "comparison.csv", index=False)
    print_comparison(console, comparison, settings, workspace, lang,
                     baseline=greedy is not None)
    written = ["comparison.csv"] + [f"{row['folder']}/" for row in rows
                                    if row["termination"] in FEASIBLE]
    console.print(text("variants.written", lang, out=out, files=", ".join(written),
                       lens_files=", ".join(LENS_FILES)))
    failures = sum(bool(row["failed"]) for row in rows)
    if failures:
        console.print(f"[red]{text('variants.failures', lang, n=failures)}[/]")
        raise typer.Exit(EXIT_FAILED)


def _lens_row(lens: Lens, folder: str, result: VariantResult, base: VariantResult | None,
              verify: Callable[..., Any] | None, settings: Settings, out: Path, lang: str,
              console: Console) -> dict[str, object]:
    """Write one lens' files, print what went wrong, and return its comparison row."""
    label = lens.label(lang)
    row: dict[str, object] = {
        "lens": lens.name, "label": label, "folder": folder,
        "termination": result.termination.value, "mip_gap": result.mip_gap,
        "seconds": result.seconds, "objective_meur": result.objective,
        "greedy_objective_meur": np.nan, "ratio_milp_greedy": np.nan,
        "improvement_meur": np.nan, "violations": 0, "message": result.message,
    }
    messages: list[str] = []
    if result.feasible:
        row.update(expected(result))
        write_lens(result, out / folder, lang)
        if result.termination is Termination.TIME_LIMIT:
            console.print("[yellow]" + escape(text(
                "variants.time_limit_note", lang, lens=label, seconds=settings.time_limit,
                gap=percent(result.mip_gap, lang), asked=percent(settings.mip_gap, lang)))
                + "[/]")
    else:
        detail = result.message
        if result.termination is Termination.ERROR and detail in (
                "time_limit", "terminated_by_limit", "iteration_limit"):
            detail = text("variants.no_solution", lang, seconds=settings.time_limit)
        messages.append(text("variants.failed", lang, lens=label,
                             termination=termination_text(result, lang), message=detail))
    if base is not None and not base.feasible and result.feasible:
        console.print("[yellow]" + escape(text("variants.greedy_failed", lang, lens=label,
                                               message=base.message or base.termination.value))
                      + "[/]")
    if base is not None and base.feasible:
        row["greedy_objective_meur"] = base.objective
        if result.feasible:
            row["improvement_meur"] = result.objective - base.objective
            if base.objective > 0:
                row["ratio_milp_greedy"] = result.objective / base.objective
    violations = 0
    if verify is not None:
        checked = [(result, text("method.milp", lang))] if result.feasible else []
        if base is not None and base.feasible:
            checked.append((base, text("method.greedy", lang)))
        for candidate, method in checked:
            for violation in verify(candidate):
                violations += 1
                message = (getattr(violation, "message_en", None) if lang == "en"
                           else None) or violation.message_nl
                messages.append(text("variants.violation", lang, lens=label, method=method,
                                     message=message))
    row["violations"] = violations
    row["failed"] = violations > 0 or not result.feasible
    for message in messages:
        console.print(f"[red]{escape(message)}[/]")
    return row


FEASIBLE = {t.value for t in (Termination.OPTIMAL, Termination.GAP_LIMIT,
                              Termination.TIME_LIMIT, Termination.HEURISTIC)}
STYLE = {"optimal": "green", "gap_limit": "green", "time_limit": "yellow",
         "heuristic": "cyan"}


def _number(value: object, lang: str, digits: int = 1) -> str:
    x = float(cast(float, value)) if value is not None else float("nan")
    if not np.isfinite(x):
        return "–"
    if digits == 0:
        return number(round(x), lang)
    grouped = f"{x:,.{digits}f}"  # 20,102.4
    if lang == "en":
        return grouped
    return grouped.replace(",", "\x00").replace(".", ",").replace("\x00", ".")  # 20.102,4


def comparison_table(comparison: pd.DataFrame, settings: Settings, workspace: Workspace,
                     lang: str, baseline: bool = True, transposed: bool = False) -> Table:
    """One row per lens: how the solve ended and what the variant builds and connects.
    ``transposed``: one column per lens instead, for narrow terminals."""
    n_scenarios = len(settings.scenarios) if settings.scenarios is not None else \
        max(len(workspace.scenarios), 1)
    scenario = (str(settings.scenarios[0]) if settings.scenarios is not None
                else text("variants.expected", lang, n=n_scenarios))
    table = Table(title=text("variants.title", lang, scenario=scenario,
                             first=settings.first_year, horizon=settings.horizon,
                             level=settings.level), header_style="bold",
                  caption=text("variants.caption", lang) + (
                      " " + text("variants.caption_ratio", lang) if baseline else ""),
                  caption_justify="left")
    keys = ["col.variant", "col.termination", "col.gap", "col.objective", "col.built",
            "col.capex", "col.homes_2030", "col.industry_2030", "col.overload"]
    if baseline:
        keys += ["col.greedy", "col.ratio", "col.improvement"]
    rows = [_cells(row, lang, baseline) for row in comparison.to_dict("records")]
    if transposed:
        table.add_column("", style="bold")
        for cells in rows:
            table.add_column(cells[0], justify="right")
        for k, key in enumerate(keys[1:], start=1):
            table.add_row(text(key, lang), *(cells[k] for cells in rows))
        return table
    for key in keys:
        table.add_column(text(key, lang), no_wrap=True, justify="left" if key in (
            "col.variant", "col.termination") else "right")
    for cells in rows:
        table.add_row(*cells)
    return table


def _cells(row: dict[str, Any], lang: str, baseline: bool) -> list[str]:
    termination = str(row["termination"])
    word = text(f"term.{termination}", lang, gap=percent(float(row["mip_gap"]), lang))
    style = STYLE.get(termination, "red")
    feasible = termination in FEASIBLE
    homes = (f"{_number(row['homes_connected_2030'], lang, 0)} / "
             f"{_number(row['homes_planned_2030'], lang, 0)}") if feasible else "–"
    cells = [escape(str(row["label"])), f"[{style}]{escape(word)}[/]",
             percent(float(row["mip_gap"]), lang), _number(row["objective_meur"], lang),
             _number(row["projects_built"], lang, 0), _number(row["capex_meur"], lang),
             homes, _number(row["industry_mw_2030"], lang),
             _number(row["overload_mw_years"], lang)]
    if baseline:
        cells += [_number(row["greedy_objective_meur"], lang),
                  _number(row["ratio_milp_greedy"], lang, 2),
                  _number(row["improvement_meur"], lang)]
    return cells


def print_comparison(console: Console, comparison: pd.DataFrame, settings: Settings,
                     workspace: Workspace, lang: str, baseline: bool = True) -> None:
    """The comparison, one row per lens; one column per lens when that does not fit."""
    wide = comparison_table(comparison, settings, workspace, lang, baseline)
    natural = Measurement.get(console, console.options.update_width(10_000), wide).maximum
    if natural <= console.width:
        console.print(wide)
    else:
        console.print(comparison_table(comparison, settings, workspace, lang, baseline,
                                       transposed=True))
