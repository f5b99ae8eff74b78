"""The one seam to the solver: everything that touches HiGHS lives here.

A linopy model is *built* elsewhere (``pmiek.variants.model``); this module *solves* it —
once (:func:`solve_model`), or again and again with changed column bounds on the same HiGHS
model (:func:`resolve_without`, used for the marginal values of the priority list;
:func:`resolve_with`, for what forcing a project in costs) — and keeps the solver quiet.
Another solver would be a change of this one module.

Reproducible answers: the search stops on the relative gap and on a deterministic limit (the
number of branch-and-bound nodes), with a fixed random seed, so the same inputs and options give
the same schedule whatever the machine's load. Wall-clock time remains only as a safety cap
(``time_limit``); a run stopped by it reports ``TerminationCondition.time_limit``, and the
result says its answer is not reproducible. Determinism holds per solver version, which
:meth:`SolverOptions.record` writes into every result.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import math
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import highspy
import linopy
import numpy as np
import numpy.typing as npt
from linopy.constants import TerminationCondition

SOLVER_NAME = "highs"


@dataclass(frozen=True)
class SolverOptions:
    """How a model is solved.

    ``mip_gap`` relative gap at which the search stops [-]; ``node_limit`` the deterministic
    limit on branch-and-bound nodes; ``time_limit`` the wall-clock safety cap [s] (reaching it
    makes the answer depend on the machine's load); ``seed`` the solver's random seed;
    ``threads`` the solver's thread count (``None``: the solver's default)."""

    mip_gap: float = 0.01
    node_limit: int = 1000
    time_limit: float = 600.0
    seed: int = 0
    threads: int | None = None

    def highs(self, *, mip: bool = True) -> dict[str, Any]:
        """The options as HiGHS names them."""
        options: dict[str, Any] = {"output_flag": False, "time_limit": float(self.time_limit),
                                      "random_seed": int(self.seed)}
        if mip:
            options["mip_rel_gap"] = float(self.mip_gap)
            options["mip_max_nodes"] = int(self.node_limit)
        if self.threads:
            options["threads"] = int(self.threads)
        return options

    def record(self) -> dict[str, object]:
        """What a result records about the solver: name, version and these options."""
        return {"solver": SOLVER_NAME, "solver_version": solver_version(), **asdict(self)}


def solver_version() -> str:
    """The installed HiGHS (highspy) version."""
    try:
        return importlib.metadata.version("highspy")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source build
        return "unknown"


@dataclass(frozen=True)
class Outcome:
    """How one solve ended: linopy's termination condition, the objective, the relative gap
    (0 for an LP or a proven optimum, NaN without a solution), the wall-clock seconds, the
    branch-and-bound nodes and the solution of every variable asked for."""

    condition: TerminationCondition
    has_solution: bool
    objective: float
    mip_gap: float
    seconds: float
    nodes: int
    values: Mapping[str, npt.NDArray[np.float64]] = field(default_factory=dict)


def _condition(m: linopy.Model) -> TerminationCondition:
    return TerminationCondition.process(m.termination_condition)


def solve_model(m: linopy.Model, options: SolverOptions, *, mip: bool = True,
                read: Sequence[str] = ()) -> Outcome:
    """Solve ``m`` with HiGHS under ``options`` and read the variables named in ``read``."""
    began = time.perf_counter()
    with quiet():
        m.solve(solver_name=SOLVER_NAME, io_api="direct", **options.highs(mip=mip))
    seconds = time.perf_counter() - began
    value = m.objective.value
    has_solution = str(m.status) in ("ok", "warning") and value is not None and \
        math.isfinite(value)
    info = m.solver_model.getInfo() if has_solution else None
    gap = float(info.mip_gap) if info is not None else math.nan
    if has_solution and not math.isfinite(gap):
        gap = 0.0
    nodes = int(info.mip_node_count) if info is not None else 0
    values = {name: np.nan_to_num(np.asarray(m.variables[name].solution.values,
                                             dtype=np.float64))
              for name in read} if has_solution else {}
    return Outcome(_condition(m), has_solution,
                   float(value) if has_solution and value is not None else math.nan,
                   gap, seconds, max(nodes, 0), values)


@dataclass(frozen=True)
class Resolve:
    """One re-solve of :func:`resolve_without`: solved to optimality or not, proven
    infeasible or not, its objective and the values of the variable read."""

    solved: bool
    infeasible: bool
    objective: float
    values: npt.NDArray[np.float64]


def _columns(m: linopy.Model, name: str) -> npt.NDArray[np.int64]:
    """The HiGHS column of every cell of variable ``name`` (same shape)."""
    labels = m.variables.label_index.vlabels
    cells = np.asarray(m.variables[name].labels.values)
    return np.searchsorted(labels, cells).astype(np.int64)


def resolve_without(m: linopy.Model, options: SolverOptions, variable: str,
                    groups: Sequence[Sequence[tuple[int, ...]]], read: str
                    ) -> tuple[Resolve, list[Resolve]]:
    """Solve the LP ``m`` (its binaries fixed by bounds) once, then once per group with the
    cells of ``variable`` in that group fixed to 0, warm-started on the same HiGHS model; the
    bounds are restored after each. Returns the base solve and one :class:`Resolve` per
    group, each with the values of variable ``read`` (flattened in its cell order)."""
    return _resolve_fixed(m, options, variable, groups, read=read, value=0.0)


def resolve_with(m: linopy.Model, options: SolverOptions, variable: str,
                 groups: Sequence[Sequence[tuple[int, ...]]], read: str
                 ) -> tuple[Resolve, list[Resolve]]:
    """As :func:`resolve_without`, with the cells of each group fixed to 1 instead: what the
    LP gives when a project is forced into service (``x[p, y] = 1``)."""
    return _resolve_fixed(m, options, variable, groups, read=read, value=1.0)


def _resolve_fixed(m: linopy.Model, options: SolverOptions, variable: str,
                   groups: Sequence[Sequence[tuple[int, ...]]], *, read: str, value: float
                   ) -> tuple[Resolve, list[Resolve]]:
    """The base solve of ``m``, then one re-solve per group with its cells fixed to
    ``value`` (see :func:`resolve_without`)."""
    with quiet():
        m.solve(solver_name=SOLVER_NAME, io_api="direct", **options.highs(mip=False))
    highs = m.solver_model
    read_cols = _columns(m, read).reshape(-1)
    base = _state(highs, read_cols)
    if base.solved:  # as linopy reads it (with any constant of the objective)
        base = Resolve(True, False, float(m.objective.value or math.nan), base.values)
    else:
        return base, []
    cols_of = _columns(m, variable)
    lower = np.asarray(m.variables[variable].lower.values, dtype=np.float64)
    upper = np.asarray(m.variables[variable].upper.values, dtype=np.float64)
    found = []
    for cells in groups:
        index = tuple(np.asarray(cells, dtype=np.int64).T) if len(cells) else ()
        cols = cols_of[index].astype(np.int32) if len(cells) else np.zeros(0, np.int32)
        fixed = np.full(len(cols), value)
        with quiet():
            highs.changeColsBounds(len(cols), cols, fixed, fixed)
            highs.run()
        found.append(_state(highs, read_cols))
        with quiet():
            highs.changeColsBounds(len(cols), cols, lower[index], upper[index])
    with quiet():
        highs.run()  # leave the model as it was
    return base, found


def _state(highs: highspy.Highs, read_cols: npt.NDArray[np.int64]) -> Resolve:
    status = highs.getModelStatus()
    solved = status == highspy.HighsModelStatus.kOptimal
    infeasible = status in (highspy.HighsModelStatus.kInfeasible,
                            highspy.HighsModelStatus.kUnboundedOrInfeasible)
    objective = float(highs.getInfo().objective_function_value) if solved else math.nan
    values = np.asarray(highs.getSolution().col_value, dtype=np.float64)[read_cols] \
        if solved else np.full(len(read_cols), math.nan)
    return Resolve(solved, infeasible, objective, values)


# --- quiet -------------------------------------------------------------------------------------

@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No linopy warning per infeasible solve: the callers report those themselves."""
    logger = logging.getLogger("linopy")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def start_solver() -> None:
    """Make the process's first HiGHS solver now. HiGHS prints its banner to the C stdout
    when the first solver of a process is made, before options can switch output off; a
    front end that owns a terminal calls this once with that stdout silenced."""
    highspy.Highs()  # type: ignore[no-untyped-call]  # highspy: __init__ lacks "-> None"
