"""Why a variant builds each project, and why it leaves each other candidate out (pure).

:func:`explain` gives one row per project that the variant decides on (at province level every
project; for an area its own projects and the commitments, as
:meth:`~pmiek.variants.result.VariantResult.decided`), with one reason code and the figures
that make the reason checkable. A *row* is a capacity row of the instance: an asset, a
direction (``demand``/afname or ``feedin``/invoeding) and a year.

A project *relieves* a row when it adds capacity there (``row_delta`` > 0) or moves load away
from it (a re-parenting with sign −1); :func:`relief_capacity` gives the MW, for a move the
most load it can take away in any scenario.

Built projects (``chosen``), by the first rule that holds:

- ``relieves``: taking it out of the schedule, with the variant's connections kept, overloads
  (or overloads further) a row it relieves. ``asset_id`` and ``direction`` name the
  asset-direction it relieves most (MW summed over the years, the largest over the scenarios),
  ``year`` the first year of that relief and ``value`` the MW relieved then.
- ``enables``: it relieves nothing itself, but a built project that requires it does
  (``other_project``, whose asset, direction and year are given).
- ``committed``: it relieves nothing and is built because it must be (investment plan).
- ``no_relief``: none of these (the optimiser stopped within its gap with it built, or the
  schedule was pinned).

The other candidates, by the first rule that holds (the order is part of the definition):

1. ``prerequisite``: a project it requires is not built (``other_project``).
2. ``no_year``: no year of the horizon is open to it (lead time, earliest year, an
   investment-plan year after the horizon, or pinned as not built).
3. ``not_needed``: from the first year it could be in service, no row it relieves is overloaded
   in any scenario with the variant's schedule, even when every development that adds load to
   the row is connected and none that lowers it (the worst case of every connection choice).
   ``value``: the least room left on those rows [MW], at ``asset_id``, ``direction``, ``year``.
4. ``cheaper_alternative``: a row it relieves is overloaded in that worst case, and a built
   project (``other_project``), in service in the row's year, relieves the same row at a lower
   capex per MW relieved there.
   ``value`` and ``other_value``: the two capexes per MW [M€/MW].
5. ``excluded``: it excludes a built project (``other_project``).
6. ``prerequisite_late``: its prerequisites come into service after its last possible year.
7. ``resources``: in every year it could come into service, its use would take a resource of
   its operator beyond the limit in some year, with the schedule of the others kept. Named:
   the first such row when it comes at its earliest possible year (``resource``,
   ``operator``, ``year``) and the shortfall there (``value``, in the resource's unit).
8. ``lower_value``: none of these holds: forcing it into service, with every other decision
   kept and the connections re-optimised (an LP), lowers the objective in every year it fits.
   ``value``: the least loss [M€], in ``year``.
9. ``within_gap``: forcing it in raises the objective (by ``value`` M€): the optimiser
   stopped within its MIP gap (or the schedule was pinned).

Rules 2, 5, 6, 8 and 9 lie outside the four reasons of the issue (not needed, resources,
cheaper alternative, prerequisite); they are given instead of forcing a candidate into one of
those.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr
from scipy import sparse

from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.variants.instance import RESOURCES, Instance
from pmiek.variants.model import build_model
from pmiek.variants.result import VariantResult
from pmiek.variants.solver import SolverOptions, resolve_with
from pmiek.variants.verify import resource_use, row_loads

CHOSEN_REASONS = ("relieves", "enables", "committed", "no_relief")
UNCHOSEN_REASONS = ("prerequisite", "no_year", "not_needed", "cheaper_alternative",
                    "excluded", "prerequisite_late", "resources", "lower_value", "within_gap")
"""The reasons a candidate is not built, in the order they are tried."""
WHY_COLUMNS = ["lens", "project_id", "chosen", "reason", "asset_id", "direction", "year",
               "resource", "operator", "other_project", "value", "unit", "other_value"]
"""The columns of ``why.csv``: the lens, the project, whether the variant builds it, the
reason code, the row (asset, direction, year) or resource row (resource, operator, year) it
names, the other project it names, and ``value`` in ``unit`` (``other_value``: the other
project's figure, for ``cheaper_alternative``)."""
RESOURCE_UNITS = {"budget": "M€", "fte": "fte", "transformers": "stuks"}
TOLERANCE = 1e-6
"""MW (or M€) below which a relief, an overload or a loss counts as none."""


def in_service(instance: Instance, start: Ints) -> Bools:
    """(P, Y) project in service in each year, from ``start`` (−1: not built)."""
    years = np.arange(len(instance.years))
    return (start[:, None] >= 0) & (years[None, :] >= start[:, None])


def overload(instance: Instance, start: Ints, connected: Floats) -> Floats:
    """(S, N) the load beyond capacity of every row with schedule ``start`` and the
    connected shares ``connected`` (rows without a capacity: 0)."""
    capacity = np.asarray(instance.row_capacity, dtype=float)
    found = np.zeros((len(instance.scenarios), len(instance.row_asset)))
    for s in range(len(instance.scenarios)):  # scenarios: a handful
        load, added = row_loads(instance, start, connected, s)
        found[s] = np.where(np.isnan(capacity), 0.0,
                            np.maximum(load - np.nan_to_num(capacity) - added, 0.0))
    return found


def worst_overload(instance: Instance, start: Ints) -> Floats:
    """(S, N) the load beyond capacity of every row with schedule ``start`` when every new
    development that adds load to the row is connected and none that lowers it, and every
    moved subtree moves its most (arriving) or least (leaving) load: the most any choice of
    connections can put on the row. Negative: room left."""
    n_rows = len(instance.row_asset)
    year = np.asarray(instance.row_year, dtype=int)
    z = in_service(instance, start)
    delta = instance.row_delta.tocoo()
    added = np.bincount(delta.row, weights=delta.data * z[delta.col, year[delta.row]],
                        minlength=n_rows)
    capacity = np.asarray(instance.row_capacity, dtype=float)
    found = np.zeros((len(instance.scenarios), n_rows))
    for s in range(len(instance.scenarios)):
        coef = instance.row_coef[s]
        load = instance.row_base[s] + np.asarray(coef.maximum(0).sum(axis=1)).ravel()
        if len(instance.move_row):
            sign = np.asarray(instance.move_sign, dtype=float)
            moved = np.where(sign > 0, instance.move_high[s], instance.move_low[s]) * sign
            on = z[instance.move_project, year[instance.move_row]]
            load = load + np.bincount(instance.move_row, weights=moved * on, minlength=n_rows)
        found[s] = np.where(np.isnan(capacity), -np.inf,
                            load - np.nan_to_num(capacity) - added)
    return found


def relief_capacity(instance: Instance) -> sparse.csc_matrix:
    """(N, P) the MW each project relieves on each row: the capacity it adds there, plus the
    most load (over the scenarios) it moves away from it."""
    n_rows, n_p = len(instance.row_asset), instance.n_projects
    delta = instance.row_delta.tocoo()
    rows, cols, mw = [delta.row], [delta.col], [np.maximum(delta.data, 0.0)]
    leaving = np.asarray(instance.move_sign) < 0
    if leaving.any():
        high = np.asarray(instance.move_high, dtype=float).reshape(-1, len(leaving))
        rows.append(np.asarray(instance.move_row)[leaving])
        cols.append(np.asarray(instance.move_project)[leaving])
        mw.append(np.maximum(high.max(axis=0, initial=0.0)[leaving], 0.0))
    matrix = sparse.coo_matrix((np.concatenate(mw), (np.concatenate(rows),
                                                     np.concatenate(cols))),
                               shape=(n_rows, n_p)).tocsc()
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    return matrix


def decided(result: VariantResult) -> Bools:
    """(P,) the projects the variant decides on (see the module docstring)."""
    p = result.instance
    if p.level == "province":
        return np.ones(p.n_projects, dtype=bool)
    mask: Bools = p.allowed.any(axis=1) | p.must_build | (np.asarray(result.start) >= 0)
    return mask


@dataclass(frozen=True)
class _Row:
    """One row of ``why.csv`` while it is being made."""

    reason: str
    asset_id: str = ""
    direction: str = ""
    year: int | None = None
    resource: str = ""
    operator: str = ""
    other_project: str = ""
    value: float = float("nan")
    unit: str = ""
    other_value: float = float("nan")


def explain(result: VariantResult, options: SolverOptions | None = None) -> pd.DataFrame:
    """One row per project the variant decides on, with its reason (module docstring) —
    built projects first, then the others, each in the instance's project order."""
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    rows = _chosen(result, start, np.flatnonzero(start >= 0))
    rows.update(_not_chosen(result, options))
    shown = [int(q) for q in np.flatnonzero(decided(result))]
    order = [q for q in shown if start[q] >= 0] + [q for q in shown if start[q] < 0]
    frame = pd.DataFrame([{
        "lens": p.lens.name, "project_id": str(p.project_ids[q]), "chosen": bool(start[q] >= 0),
        **vars(rows[q])} for q in order], columns=WHY_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


# --- built projects -------------------------------------------------------------------------

def _chosen(result: VariantResult, start: Ints, built: Ints) -> dict[int, _Row]:
    p = result.instance
    connected = np.asarray(result.connected, dtype=float)
    with_it = overload(p, start, connected)
    found: dict[int, _Row] = {}
    for q in built:  # one load evaluation per built project (tens)
        without = start.copy()
        without[q] = -1
        gain = (overload(p, without, connected) - with_it).max(axis=0)  # (N,)
        row = _most_relieved(p, gain)
        if row is not None:
            found[int(q)] = row
    requires = np.asarray(p.requires, dtype=int).reshape(-1, 2)
    changed = True
    while changed:  # a prerequisite of a prerequisite: as deep as the chains go
        changed = False
        for q in built:
            if int(q) in found:
                continue
            users = [int(a) for a, b in requires if b == q and int(a) in found]
            if users:
                use = found[users[0]]
                found[int(q)] = _Row("enables", use.asset_id, use.direction, use.year,
                                     other_project=str(p.project_ids[users[0]]),
                                     value=use.value, unit=use.unit)
                changed = True
    for q in built:
        if int(q) not in found:
            found[int(q)] = _Row("committed" if p.must_build[q] else "no_relief")
    return found


def _most_relieved(p: Instance, gain: Floats) -> _Row | None:
    """The asset-direction with the most MW relieved over the years, and its first year."""
    hit = np.flatnonzero(gain > TOLERANCE)
    if not len(hit):
        return None
    frame = pd.DataFrame({"asset": p.row_asset[hit], "direction": p.row_direction[hit],
                          "year": p.row_year[hit], "gain": gain[hit], "row": hit})
    total = frame.groupby(["asset", "direction"], sort=False)["gain"].sum()
    asset, direction = total.index[int(np.argmax(total.to_numpy()))]
    group = frame[(frame["asset"] == asset) & (frame["direction"] == direction)]
    first = group.loc[group["year"].idxmin()]
    return _Row("relieves", str(asset), str(direction), int(p.years[int(first["year"])]),
                value=float(first["gain"]), unit="MW")


# --- the other candidates -------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    """What every candidate is judged against: the variant's schedule and its consequences."""

    instance: Instance
    start: Ints  # (P,)
    relief: sparse.csc_matrix  # (N, P) MW relieved (relief_capacity)
    capex_per_mw: sparse.csc_matrix  # (N, P) M€ per MW relieved, where relieved
    worst: Floats  # (N,) the worst overload over the scenarios (worst_overload) [MW]
    used: dict[str, Floats]  # resource → (R, Y) the schedule's use

    @property
    def built(self) -> Bools:
        built: Bools = self.start >= 0
        return built


def _context(result: VariantResult) -> _Context:
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    relief = relief_capacity(p)
    per = relief.copy()
    column = np.repeat(np.arange(p.n_projects), np.diff(per.indptr))  # CSC: by column
    per.data = p.capex[column] / per.data
    return _Context(p, start, relief, per,
                    worst_overload(p, start).max(axis=0, initial=-np.inf),
                    {r: resource_use(p, start, r) for r in RESOURCES})


def _not_chosen(result: VariantResult, options: SolverOptions | None) -> dict[int, _Row]:
    c = _context(result)
    p, start, built = c.instance, c.start, c.built
    found: dict[int, _Row] = {}
    requires = np.asarray(p.requires, dtype=int).reshape(-1, 2)
    excludes = np.asarray(p.excludes, dtype=int).reshape(-1, 2)
    force: list[tuple[int, int]] = []
    for q in map(int, np.flatnonzero(~built & decided(result))):  # the candidates (tens)
        needed = requires[requires[:, 0] == q, 1]
        missing = needed[~built[needed]]
        if len(missing):
            found[q] = _Row("prerequisite", other_project=str(p.project_ids[missing[0]]))
            continue
        if not p.allowed[q].any():
            found[q] = _Row("no_year")
            continue
        rows = _relieved_rows(p, c.relief, q)
        over = rows[c.worst[rows] > TOLERANCE]
        if not len(over):
            found[q] = _not_needed(c, rows)
            continue
        cheaper = _cheaper(c, q, over)
        if cheaper is not None:
            found[q] = cheaper
            continue
        rivals = np.concatenate([excludes[excludes[:, 0] == q, 1],
                                 excludes[excludes[:, 1] == q, 0]])
        rivals = rivals[built[rivals]]
        if len(rivals):
            found[q] = _Row("excluded", other_project=str(p.project_ids[rivals[0]]))
            continue
        earliest = int(start[needed].max()) if len(needed) else 0
        years = np.flatnonzero(p.allowed[q] & (np.arange(len(p.years)) >= earliest))
        if not len(years):
            found[q] = _Row("prerequisite_late", year=int(p.years[earliest]),
                            other_project=str(p.project_ids[needed[np.argmax(start[needed])]]))
            continue
        short = [_shortfall(c, q, int(y)) for y in years]
        first = short[0]
        if first is not None and all(s is not None for s in short):
            found[q] = first
            continue
        force += [(q, int(y)) for y, s in zip(years, short, strict=True) if s is None]
    found.update(_forced(result, force, options))
    return found


def _relieved_rows(p: Instance, relief: sparse.csc_matrix, q: int) -> Ints:
    """The rows ``q`` relieves from the first year it could be in service."""
    rows = relief[:, q].nonzero()[0]
    first = int(np.argmax(p.allowed[q]))
    return np.asarray(rows[p.row_year[rows] >= first], dtype=int)


def _not_needed(c: _Context, rows: Ints) -> _Row:
    """Not needed: the row among ``rows`` with the least room left (none: no row at all)."""
    p = c.instance
    rated = rows[np.isfinite(c.worst[rows])]
    if not len(rated):
        return _Row("not_needed")
    at = int(rated[np.argmax(c.worst[rated])])
    return _Row("not_needed", str(p.row_asset[at]), str(p.row_direction[at]),
                int(p.years[p.row_year[at]]), value=max(float(-c.worst[at]), 0.0), unit="MW")


def _cheaper(c: _Context, q: int, over: Ints) -> _Row | None:
    """A built project that relieves an overloaded row of ``q``, in service in the row's year,
    at a lower capex per MW: the earliest such row (most overloaded first), the cheapest
    project there."""
    p = c.instance
    built = np.flatnonzero(c.built)
    theirs = c.capex_per_mw[over][:, built].toarray()  # (rows, built)
    serving = in_service(p, c.start)[built][:, p.row_year[over]].T  # (rows, built)
    has = (c.relief[over][:, built].toarray() > TOLERANCE) & serving
    mine = c.capex_per_mw[over][:, [q]].toarray().ravel()  # (rows,)
    better = has & (theirs < mine[:, None] - 1e-9)
    candidates = np.flatnonzero(better.any(axis=1))
    if not len(candidates):
        return None
    order = np.lexsort((-c.worst[over[candidates]], p.row_year[over[candidates]]))
    k = int(candidates[order[0]])
    cost = np.where(better[k], theirs[k], np.inf)
    other = int(built[int(np.argmin(cost))])
    r = int(over[k])
    return _Row("cheaper_alternative", str(p.row_asset[r]), str(p.row_direction[r]),
                int(p.years[p.row_year[r]]), other_project=str(p.project_ids[other]),
                value=float(mine[k]), unit="M€/MW", other_value=float(cost.min()))


def _shortfall(c: _Context, q: int, y: int) -> _Row | None:
    """The first resource row (resource order, then year) that ``q`` in service from year
    index ``y`` takes beyond its limit, with the schedule's use kept; None when it fits."""
    p = c.instance
    r = int(p.operator_of_project[q])
    if r < 0:
        return None
    for resource in RESOURCES:
        limit = np.asarray(p.available(resource)[r], dtype=float)
        need = p.use(resource)[q, y]
        after = c.used[resource][r] + need
        beyond = ~np.isnan(limit) & (need > 0) & \
            (after > limit + TOLERANCE * np.maximum(1.0, np.abs(np.nan_to_num(limit))))
        if beyond.any():
            t = int(np.argmax(beyond))
            return _Row("resources", year=int(p.years[t]), resource=resource,
                        operator=str(p.operators[r]), value=float(after[t] - limit[t]),
                        unit=RESOURCE_UNITS[resource])
    return None


def _forced(result: VariantResult, force: list[tuple[int, int]],
            options: SolverOptions | None) -> dict[int, _Row]:
    """``lower_value`` or ``within_gap`` for each candidate in ``force`` (project, year
    index): the variant's LP with every decision fixed, re-solved with the project forced
    into service in each year, warm-started on one model."""
    if not force:
        return {}
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    onehot = np.zeros(p.allowed.shape)
    built = np.flatnonzero(start >= 0)
    onehot[built, start[built]] = 1.0
    m = build_model(p)
    x = m.variables["x"]
    bound = xr.DataArray(onehot, coords=x.lower.coords)
    x.update(lower=bound, upper=bound)
    base, again = resolve_with(m, options or SolverOptions(time_limit=30.0), "x",
                               [[pair] for pair in force], read="x")
    loss: dict[int, tuple[float, int]] = {}
    for (q, y), solve in zip(force, again, strict=True):
        if not (base.solved and solve.solved):
            continue
        lost = base.objective - solve.objective
        if q not in loss or lost < loss[q][0]:
            loss[q] = (lost, y)
    found: dict[int, _Row] = {}
    for q, (lost, y) in loss.items():
        year = int(p.years[y])
        if lost >= -TOLERANCE * max(1.0, abs(base.objective)):
            found[q] = _Row("lower_value", year=year, value=max(lost, 0.0), unit="M€")
        else:
            found[q] = _Row("within_gap", year=year, value=-lost, unit="M€")
    for q, _ in force:  # no solution to compare with (should not happen: it fits)
        found.setdefault(q, _Row("lower_value"))
    return found
