"""Solving the variant MILP and reading back a :class:`VariantResult`.

The solver itself is reached only through :mod:`pmiek.variants.solver`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import linopy
import numpy as np
from linopy.constants import TerminationCondition

from pmiek.domain.defaults import FIRST_YEAR, VARIANTS_HORIZON
from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import RESOURCES, Instance, build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.model import build_model
from pmiek.variants.result import Method, Shortfall, Termination, VariantResult
from pmiek.variants.solver import Outcome, SolverOptions, solve_model

TIME_LIMIT = SolverOptions.time_limit
MIP_GAP = SolverOptions.mip_gap
_LIMITS = (TerminationCondition.terminated_by_limit, TerminationCondition.iteration_limit)


def termination(outcome: Outcome, asked_gap: float) -> Termination:
    """How a solve ended, in the words of :class:`Termination`."""
    condition = outcome.condition
    if not outcome.has_solution:
        if condition in (TerminationCondition.infeasible,
                         TerminationCondition.infeasible_or_unbounded):
            return Termination.INFEASIBLE
        return Termination.UNBOUNDED if condition is TerminationCondition.unbounded \
            else Termination.ERROR
    gap = outcome.mip_gap
    if condition is TerminationCondition.optimal:
        return Termination.OPTIMAL if gap <= 1e-9 else Termination.GAP_LIMIT
    if gap <= asked_gap:
        return Termination.GAP_LIMIT
    if condition in _LIMITS:
        return Termination.NODE_LIMIT
    if condition is TerminationCondition.time_limit:
        return Termination.TIME_LIMIT
    return Termination.ERROR


def read_result(instance: Instance, outcome: Outcome, asked_gap: float,
                method: Method = "milp") -> VariantResult:
    """The result of a solve (an empty schedule when it has no solution)."""
    ended = termination(outcome, asked_gap)
    if ended in (Termination.INFEASIBLE, Termination.UNBOUNDED, Termination.ERROR):
        n_s, n_d, n_y = instance.value.shape
        return VariantResult(instance, method, ended, float("nan"), float("nan"),
                             outcome.seconds, np.full(instance.n_projects, -1),
                             np.zeros((n_s, n_d, n_y)),
                             np.zeros((n_s, len(instance.row_asset))),
                             message=outcome.condition.value, nodes=outcome.nodes)
    x = outcome.values["x"] > 0.5
    start = np.where(x.any(axis=1), x.argmax(axis=1), -1)
    connected = np.clip(outcome.values["s"], 0.0, 1.0)
    overload = np.maximum(outcome.values["overload"], 0.0)
    return VariantResult(instance, method, ended, outcome.objective, outcome.mip_gap,
                         outcome.seconds, start, connected, overload, nodes=outcome.nodes)


READ = ("x", "s", "overload")
"""The variables a result is read from."""


def diagnose(instance: Instance, options: SolverOptions | None = None
             ) -> tuple[Shortfall, ...]:
    """Which resource rows make the instance infeasible: solve with a costly shortfall on
    every row and report those that need one."""
    m = build_model(instance, elastic=True)
    names = [f"short_{r}" for r in RESOURCES if f"short_{r}" in m.variables]
    outcome = solve_model(m, options or SolverOptions(), read=names)
    if not outcome.has_solution:
        return ()  # not even unlimited resources help: precedence or must-build rules clash
    found: list[Shortfall] = []
    n_y = len(instance.years)
    for resource in RESOURCES:
        name = f"short_{resource}"
        if name not in outcome.values:
            continue
        cells = m.variables[name].solution.coords["cell"].to_numpy()
        for cell, missing in zip(cells, outcome.values[name], strict=True):
            if missing > 1e-6:
                found.append(Shortfall(resource, str(instance.operators[cell // n_y]),
                                       int(instance.years[cell % n_y]), float(missing)))
    return tuple(found)


def solve(instance: Instance, model: linopy.Model | None = None, *,
          options: SolverOptions | None = None) -> VariantResult:
    """Solve ``instance`` (building the model when none is given) to the options' gap, node
    limit or time cap. An infeasible instance comes back with the resource rows that cannot
    be met (``shortfalls``) and a Dutch message naming them."""
    options = options or SolverOptions()
    m = build_model(instance) if model is None else model
    outcome = solve_model(m, options, read=READ)
    result = read_result(instance, outcome, options.mip_gap)
    if result.termination is Termination.INFEASIBLE:
        shortfalls = diagnose(instance, options)
        result = VariantResult(
            instance, result.method, result.termination, result.objective, result.mip_gap,
            result.seconds, result.start, result.connected, result.overload,
            message=infeasible_message(shortfalls), shortfalls=shortfalls,
            nodes=result.nodes)
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
           *, level: str = "province", first_year: int = FIRST_YEAR,
           horizon: int = VARIANTS_HORIZON,
           fixed: Mapping[str, float | None] | None = None, move_ip: bool = False,
           options: SolverOptions | None = None) -> VariantResult:
    """DESIGN.md's ``pmiek.variants.design``: one lens — build the instance, the model, and
    solve."""
    instance = build_instance(workspace, lens, scenarios, level=level, first_year=first_year,
                              horizon=horizon, fixed=fixed, move_ip=move_ip)
    return solve(instance, options=options)
