"""The greedy baseline: projects by value per cost, each in its earliest feasible year.

1. Projects that must be built go in first, in their (earliest) allowed year.
2. Every other project gets a score: the MW it relieves where new load does not fit (the
   capacity it adds to rows whose wanted load exceeds their capacity, and the load it moves
   away from such rows), times the mean value per MW of the developments waiting there, per
   M€ of capex.
3. In order of score, each project is placed in the earliest allowed year in which its
   required projects are in service, no excluded project is built, and every resource of its
   operator still has room in every year it uses it; otherwise it is left out.
4. With the schedule fixed, the connected shares are the best the grid allows: the same
   linear programme as the MILP with every project decision fixed.

It answers "how much better is the optimiser than a sensible rule of thumb" and returns the
same :class:`VariantResult` (termination HEURISTIC, no gap).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import numpy as np
import xarray as xr

from pmiek.domain.arrays import Floats, Ints
from pmiek.variants.instance import RESOURCES, Instance, Resource
from pmiek.variants.model import build_model
from pmiek.variants.result import Method, Termination, VariantResult
from pmiek.variants.solve import READ, read_result
from pmiek.variants.solver import SolverOptions, solve_model


def _scores(instance: Instance) -> Floats:
    """Value per M€ of each project (see the module docstring), averaged over scenarios."""
    n_rows = len(instance.row_asset)
    relief = np.zeros(instance.n_projects)
    if not n_rows:
        return relief
    wanted = np.zeros(n_rows)
    worth = np.zeros(n_rows)
    for i in range(len(instance.scenarios)):
        coef = instance.row_coef[i]
        positive = np.asarray(coef.maximum(0).sum(axis=1)).ravel()
        wanted += instance.probability[i] * (instance.row_base[i] + positive)
        # value per MW of the developments loading each row, in the row's year
        value = instance.value[i][:, instance.row_year].T  # (N, D)
        size = np.maximum(instance.size_mw[i][:, instance.row_year].T, 1e-9)
        weights = coef.maximum(0).multiply(value / size)
        worth += instance.probability[i] * np.asarray(weights.sum(axis=1)).ravel() / \
            np.maximum(positive, 1e-9)
    excess = np.maximum(wanted - instance.row_capacity, 0.0)
    discount = instance.discount[instance.row_year] * instance.value_meur_per_mw_year
    delta = instance.row_delta.tocoo()
    gain = np.minimum(np.maximum(delta.data, 0.0), excess[delta.row]) * worth[delta.row] \
        * discount[delta.row]
    np.add.at(relief, delta.col, gain)
    if len(instance.move_row):
        leaving = instance.move_sign < 0
        high = instance.move_high.mean(axis=0)
        rows = instance.move_row[leaving]
        moved = np.minimum(np.maximum(high[leaving], 0.0), excess[rows]) * worth[rows] * \
            discount[rows]
        np.add.at(relief, instance.move_project[leaving], moved)
    return relief / np.maximum(instance.capex * instance.cost_factor, 1e-3)


def _fits(instance: Instance, p: int, y: int, uses: Mapping[Resource, Floats],
          used: Mapping[Resource, Floats]) -> bool:
    r = instance.operator_of_project[p]
    if r < 0:
        return True
    for resource in RESOURCES:
        need = uses[resource][p, y]
        limit = instance.available(resource)[r]
        room = np.where(np.isnan(limit), np.inf, limit - used[resource][r])
        if np.any(need > room + 1e-9):
            return False
    return True


def _place(instance: Instance, p: int, y: int, start: Ints, *,
           uses: Mapping[Resource, Floats], used: Mapping[Resource, Floats]) -> None:
    start[p] = y
    r = instance.operator_of_project[p]
    if r >= 0:
        for resource in RESOURCES:
            used[resource][r] += uses[resource][p, y]


def schedule(instance: Instance) -> Ints:
    """The greedy in-service year index per project (−1: not built)."""
    n_y = len(instance.years)
    start = np.full(instance.n_projects, -1)
    used = {r: np.zeros((len(instance.operators), n_y)) for r in RESOURCES}
    uses = {r: instance.use(r) for r in RESOURCES}  # (P, Y, T), computed once
    for p in np.flatnonzero(instance.must_build):
        years = np.flatnonzero(instance.allowed[p])
        if len(years):
            _place(instance, int(p), int(years[0]), start, uses=uses, used=used)
    requires = {p: instance.requires[instance.requires[:, 0] == p, 1]
                for p in range(instance.n_projects)}
    excludes = {p: np.concatenate([instance.excludes[instance.excludes[:, 0] == p, 1],
                                   instance.excludes[instance.excludes[:, 1] == p, 0]])
                for p in range(instance.n_projects)}
    scores = _scores(instance)
    order = np.argsort(-scores, kind="stable")
    for p in order:  # one decision per project (hundreds), not per development or hour
        if start[p] >= 0 or scores[p] <= 0:
            continue
        if np.any(start[excludes[p]] >= 0):
            continue
        needed = requires[p]
        if np.any(start[needed] < 0):
            continue
        earliest = int(start[needed].max()) if len(needed) else 0
        for y in np.flatnonzero(instance.allowed[p]):
            if y >= earliest and _fits(instance, int(p), int(y), uses, used):
                _place(instance, int(p), int(y), start, uses=uses, used=used)
                break
    return start


def only_obliged(instance: Instance) -> Ints:
    """The in-service year index per project when nothing is built but what must be: each
    must-build project in its first allowed year (−1: not built)."""
    start = np.full(instance.n_projects, -1)
    for p in np.flatnonzero(instance.must_build):  # the IP projects, a few dozen
        years = np.flatnonzero(instance.allowed[p])
        if len(years):
            start[p] = int(years[0])
    return start


def nothing(instance: Instance, options: SolverOptions | None = None) -> VariantResult:
    """The variant that builds no candidate — only what must be built (the projects in the
    investment plans) — with the connections it allows: the reference against which the
    MILP's and the greedy baseline's gains are measured."""
    return evaluate(instance, only_obliged(instance), options, method="greedy")


def greedy(instance: Instance, options: SolverOptions | None = None) -> VariantResult:
    """The greedy baseline's variant (same result type as the MILP)."""
    return evaluate(instance, schedule(instance), options, method="greedy")


def evaluate(instance: Instance, start: Ints, options: SolverOptions | None = None, *,
             method: Method = "greedy") -> VariantResult:
    """The variant of a given schedule ``start`` (year index per project, −1 not built):
    the connected shares that the LP with every project fixed chooses, and its objective."""
    began = time.perf_counter()
    m = build_model(instance)
    fixed = np.zeros((instance.n_projects, len(instance.years)))
    built = start >= 0
    fixed[np.flatnonzero(built), start[built]] = 1.0
    x = m.variables["x"]
    bound = xr.DataArray(fixed, coords=x.data.coords, dims=x.dims)
    x.update(lower=bound, upper=bound)
    outcome = solve_model(m, options or SolverOptions(), mip=False, read=READ)
    result = read_result(instance, outcome, 0.0)
    termination = Termination.HEURISTIC if result.feasible else result.termination
    return VariantResult(instance, method, termination, result.objective, float("nan"),
                         time.perf_counter() - began, result.start if result.feasible
                         else start, result.connected, result.overload,
                         message=result.message)
