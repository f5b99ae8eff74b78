"""Solving the variant MILP with HiGHS and reading back a :class:`VariantResult`."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import linopy
import numpy as np

from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import HORIZON, RESOURCES, Instance, build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.model import build_model
from pmiek.variants.result import Shortfall, Termination, VariantResult

TIME_LIMIT = 60.0
MIP_GAP = 0.01


def _termination(m: linopy.Model, gap: float, asked: float) -> Termination:
    condition = str(m.termination_condition)
    if condition == "optimal":
        return Termination.OPTIMAL if gap <= 1e-9 else Termination.GAP_LIMIT
    if condition in ("time_limit", "iteration_limit", "terminated_by_limit"):
        return Termination.GAP_LIMIT if gap <= asked else Termination.TIME_LIMIT
    if condition in ("infeasible", "infeasible_or_unbounded"):
        return Termination.INFEASIBLE
    if condition == "unbounded":
        return Termination.UNBOUNDED
    return Termination.ERROR


def _solution(m: linopy.Model, name: str) -> np.ndarray:
    return np.nan_to_num(np.asarray(m.variables[name].solution.values, dtype=float))


def read_result(instance: Instance, m: linopy.Model, seconds: float, asked_gap: float
                ) -> VariantResult:
    """The result of a solved model (an empty schedule when it has no solution)."""
    has_solution = str(m.status) in ("ok", "warning") and m.objective.value is not None \
        and np.isfinite(m.objective.value)
    highs = m.solver_model if has_solution else None
    gap = float(highs.getInfo().mip_gap) if highs is not None else float("nan")
    gap = 0.0 if has_solution and not np.isfinite(gap) else gap
    termination = _termination(m, gap, asked_gap) if has_solution else (
        Termination.INFEASIBLE if "infeasible" in str(m.termination_condition)
        else Termination.ERROR)
    if termination in (Termination.INFEASIBLE, Termination.UNBOUNDED, Termination.ERROR):
        n_s, n_d, n_y = instance.value.shape
        return VariantResult(instance, "milp", termination, float("nan"), float("nan"),
                             seconds, np.full(instance.n_projects, -1),
                             np.zeros((n_s, n_d, n_y)),
                             np.zeros((n_s, len(instance.row_asset))),
                             message=str(m.termination_condition))
    x = _solution(m, "x") > 0.5
    start = np.where(x.any(axis=1), x.argmax(axis=1), -1)
    connected = np.clip(_solution(m, "s"), 0.0, 1.0)
    overload = np.maximum(_solution(m, "overload"), 0.0)
    objective = float(m.objective.value or 0.0)
    return VariantResult(instance, "milp", termination, objective, gap, seconds, start,
                         connected, overload)


def diagnose(instance: Instance, time_limit: float = TIME_LIMIT) -> tuple[Shortfall, ...]:
    """Which resource rows make the instance infeasible: solve with a costly shortfall on
    every row and report those that need one."""
    m = build_model(instance, elastic=True)
    m.solve(solver_name="highs", io_api="direct", output_flag=False, time_limit=time_limit)
    if str(m.termination_condition) not in ("optimal", "time_limit") or \
            m.objective.value is None:
        return ()  # not even unlimited resources help: precedence or must-build rules clash
    found = []
    n_y = len(instance.years)
    for resource in RESOURCES:
        name = f"short_{resource}"
        if name not in m.variables:
            continue
        values = m.variables[name].solution
        for cell, missing in zip(values.coords["cell"].to_numpy(), values.to_numpy(),
                                 strict=True):
            if missing > 1e-6:
                found.append(Shortfall(resource, str(instance.operators[cell // n_y]),
                                       int(instance.years[cell % n_y]), float(missing)))
    return tuple(found)


def solve(instance: Instance, model: linopy.Model | None = None, *,
          time_limit: float = TIME_LIMIT, mip_gap: float = MIP_GAP,
          threads: int | None = None) -> VariantResult:
    """Solve ``instance`` (building the model when none is given) to ``mip_gap`` or for at
    most ``time_limit`` seconds. An infeasible instance comes back with the resource rows
    that cannot be met (``shortfalls``) and a Dutch message naming them."""
    m = build_model(instance) if model is None else model
    options: dict[str, Any] = {"time_limit": float(time_limit),
                               "mip_rel_gap": float(mip_gap), "output_flag": False}
    if threads:
        options["threads"] = int(threads)
    began = time.perf_counter()
    m.solve(solver_name="highs", io_api="direct", **options)
    result = read_result(instance, m, time.perf_counter() - began, mip_gap)
    if result.termination is Termination.INFEASIBLE:
        shortfalls = diagnose(instance, time_limit)
        result = VariantResult(
            instance, result.method, result.termination, result.objective, result.mip_gap,
            time.perf_counter() - began, result.start, result.connected, result.overload,
            message=infeasible_message(shortfalls), shortfalls=shortfalls)
    return result


NAMES_NL = {"budget": "budget", "fte": "technisch personeel", "transformers": "transformatoren"}
UNITS = {"budget": "M€", "fte": "fte", "transformers": "stuks"}


def infeasible_message(shortfalls: Sequence[Shortfall]) -> str:
    """A Dutch sentence naming each binding resource, operator and year."""
    if not shortfalls:
        return ("Geen haalbare planning: de verplichte projecten en aansluitingen passen niet, "
                "maar geen enkele middelenregel verklaart het (controleer volgorde-eisen en "
                "uitsluitingen).")
    parts = [f"{NAMES_NL[s.resource]} van {s.operator} in {s.year} (tekort "
             f"{s.missing:.1f} {UNITS[s.resource]})" for s in shortfalls]
    return ("Geen haalbare planning: de verplichte projecten passen niet binnen "
            + "; ".join(parts) + ".")


def design(workspace: Workspace, lens: Lens, scenarios: Sequence[str | None] | None = None,
           *, level: str = "province", first_year: int = 2026, horizon: int = HORIZON,
           fixed: Mapping[str, float | None] | None = None, move_ip: bool = False,
           time_limit: float = TIME_LIMIT, mip_gap: float = MIP_GAP) -> VariantResult:
    """DESIGN.md's ``pmiek.variants.design``: build the instance, the model, and solve."""
    instance = build_instance(workspace, lens, scenarios, level=level, first_year=first_year,
                            horizon=horizon, fixed=fixed, move_ip=move_ip)
    return solve(instance, time_limit=time_limit, mip_gap=mip_gap)
