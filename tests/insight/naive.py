"""A deliberately simple reference for the load projection (``pmiek.insight.project_loads``).

Written independently of ``src/pmiek/insight``: plain Python loops over years, developments
and assets; numpy only for the 8760-hour vectors. It is slow and obvious on purpose, so the
engine's vectorised version can be checked against it.

Decisions in the cases the specification leaves open:

- A development with an empty ``asset_id`` contributes nothing, not even to its
  ``coupled_asset_id``. A development whose ``asset_id`` (or ``coupled_asset_id``) is not an
  asset of the workspace contributes nothing there.
- A development's profile is its own ``profile``, else the ``profile`` of the unit_parameters
  row with the same (sector, carrier, unit) -- also when its size is given in MW; no profile
  found (or a profile id not in ``profiles``) means it contributes nothing. Hours missing from
  a profile are 0.
- Re-parenting: among the in-service projects with a ``new_parent_id`` for the same asset, the
  one with the latest in-service year wins; on a tie, the largest ``project_id`` (string order)
  wins -- as if the effects were applied in (year, project_id) order.
- An explicit ``schedule`` replaces the default completely: a project not in it, or mapped to
  ``None``, is not in service. ``done`` without ``ip_year`` (default schedule) counts as in
  service since forever, which matters only for the re-parenting tie rule.
- Storage: the power ``Pw`` is the asset's own ``capacity_demand_mw`` column (project deltas
  are not included); a storage asset without a parent in that year's topology does nothing;
  each storage asset sees its parent's load without the effect of *any* storage asset (so
  several storages under one parent would act independently). The storage asset's own load is
  c − d plus whatever developments or children it has.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

HOURS = 8760
IN_SERVICE_STATUSES = ("in_ip", "under_construction", "done")
ALWAYS = -math.inf  # the in-service year of a `done` project without ip_year


def given(value: Any) -> bool:
    """Whether a cell holds a value (not None / NaN / <NA> / empty string)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(row) for row in frame.to_dict(orient="records")]


def _number(value: Any) -> float:
    return float(value) if given(value) else math.nan


# --- inputs --------------------------------------------------------------------------------


def profile_arrays(workspace: Any) -> dict[str, np.ndarray]:
    """profile_id -> its 8760 values (hours not given are 0)."""
    out: dict[str, np.ndarray] = {}
    frame = workspace.profiles.dropna(subset=["profile_id", "hour"])
    for name, rows in frame.groupby("profile_id", sort=False):
        hours = rows["hour"].to_numpy(dtype=np.int64)
        values = rows["value"].to_numpy(dtype=float, na_value=0.0)
        inside = (hours >= 0) & (hours < HOURS)
        array = np.zeros(HOURS)
        array[hours[inside]] = values[inside]
        out[str(name)] = array
    return out


def unit_parameter_rows(workspace: Any) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(sector, carrier, unit) -> the first unit_parameters row with that key."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in _rows(workspace.unit_parameters):
        key = (str(row["sector"]), str(row["carrier"]), str(row["unit"]))
        out.setdefault(key, row)
    return out


def development_size(dev: Mapping[str, Any], params: Mapping[tuple, dict]) -> tuple[float, float]:
    """(demand_mw, feedin_mw) at full realisation (step 1)."""
    key = (str(dev["sector"]), str(dev["carrier"]), str(dev["unit"]))
    row = params.get(key) if given(dev["unit"]) else None
    sizes = []
    for kind in ("demand", "feedin"):
        value = _number(dev[f"{kind}_mw"])
        if math.isnan(value):
            quantity = _number(dev["quantity"])
            per_unit = _number(row[f"{kind}_kw_per_unit"]) if row is not None else math.nan
            value = quantity * per_unit / 1000.0
        sizes.append(0.0 if math.isnan(value) else value)
    return sizes[0], sizes[1]


def development_profile(
    dev: Mapping[str, Any], params: Mapping[tuple, dict], profiles: Mapping[str, np.ndarray]
) -> np.ndarray | None:
    """The development's hourly profile (step 2), or None."""
    name = dev["profile"]
    if not given(name) and given(dev["unit"]):
        row = params.get((str(dev["sector"]), str(dev["carrier"]), str(dev["unit"])))
        if row is not None:
            name = row["profile"]
    if not given(name):
        return None
    return profiles.get(str(name))


def phasing_share(start_year: int, end_year: int, year: int) -> float:
    """clip((y − start + 1) / (end − start + 1), 0, 1) (step 3)."""
    share = (year - start_year + 1) / (end_year - start_year + 1)
    return min(max(share, 0.0), 1.0)


def scenario_factor(
    factors: list[dict[str, Any]], scenario: str | None, sector: str, year: int
) -> float:
    """The scenario factor of ``sector`` in ``year`` (step 4); ``factors`` are the rows of
    the scenario_factors table."""
    if scenario is None:
        return 1.0
    points = []
    for row in factors:
        if str(row["scenario_id"]) == scenario and str(row["sector"]) == sector:
            points.append((int(row["year"]), float(row["factor"])))
    if not points:
        return 1.0
    points.sort()
    if year <= points[0][0]:
        return points[0][1]
    if year >= points[-1][0]:
        return points[-1][1]
    for (y0, f0), (y1, f1) in itertools.pairwise(points):
        if y0 <= year <= y1:
            return f0 + (f1 - f0) * (year - y0) / (y1 - y0)
    raise AssertionError("unreachable")


def default_schedule(workspace: Any) -> dict[str, float]:
    """project_id -> in-service year under the default schedule (step 7)."""
    out: dict[str, float] = {}
    for row in _rows(workspace.projects):
        status = str(row["status"]) if given(row["status"]) else "candidate"
        if status not in IN_SERVICE_STATUSES:
            continue
        if given(row["ip_year"]):
            out[str(row["id"])] = float(row["ip_year"])
        elif status == "done":
            out[str(row["id"])] = ALWAYS
    return out


def in_service(schedule: Mapping[str, Any], year: int) -> dict[str, float]:
    """The projects in service in ``year`` with their in-service year."""
    out: dict[str, float] = {}
    for project, start in schedule.items():
        if start is not None and start <= year:
            out[str(project)] = float(start)
    return out


def topology(workspace: Any, active: Mapping[str, float]) -> dict[str, str | None]:
    """asset -> parent in a year with the projects ``active`` in service (step 8)."""
    parent: dict[str, str | None] = {}
    for row in _rows(workspace.assets):
        parent[str(row["id"])] = str(row["parent_id"]) if given(row["parent_id"]) else None
    chosen: dict[str, tuple[float, str]] = {}
    for effect in _rows(workspace.project_effects):
        project = str(effect["project_id"])
        asset = str(effect["asset_id"])
        if project not in active or not given(effect["new_parent_id"]) or asset not in parent:
            continue
        rank = (active[project], project)
        if asset not in chosen or rank > chosen[asset]:
            chosen[asset] = rank
            parent[asset] = str(effect["new_parent_id"])
    for asset in parent:
        if parent[asset] not in parent:
            parent[asset] = None  # an unknown parent ends the chain
    return parent


def capacities(workspace: Any, active: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """asset -> (capacity_demand_mw, capacity_feedin_mw) with the active projects (step 8)."""
    out: dict[str, list[float]] = {}
    for row in _rows(workspace.assets):
        out[str(row["id"])] = [_number(row["capacity_demand_mw"]),
                               _number(row["capacity_feedin_mw"])]
    for effect in _rows(workspace.project_effects):
        asset = str(effect["asset_id"])
        if str(effect["project_id"]) not in active or asset not in out:
            continue
        for i, column in enumerate(("delta_demand_mw", "delta_feedin_mw")):
            delta = _number(effect[column])
            if not math.isnan(delta):
                out[asset][i] += delta
    return {asset: (values[0], values[1]) for asset, values in out.items()}


def lineage(asset: str, parent: Mapping[str, str | None]) -> list[str]:
    """``asset`` and all its ancestors, nearest first."""
    chain = []
    node: str | None = asset
    while node is not None:
        if node in chain:
            raise ValueError(f"cycle in the asset topology: {[*chain, node]}")
        chain.append(node)
        node = parent[node]
    return chain


# --- storage -------------------------------------------------------------------------------


def _bisect_lowest(ok: Any, lo: np.ndarray, hi: np.ndarray, scale: float) -> np.ndarray:
    """Per row, the lowest level where ``ok`` holds, given ok(hi) and not ok(lo).

    ``ok`` must be monotone (false below the answer, true above); bisection to an absolute
    width of 1e-14 × ``scale``; returns the upper (feasible) end.
    """
    lo = lo.copy()
    hi = hi.copy()
    tolerance = 1e-14 * scale
    for _ in range(400):
        if np.all(hi - lo <= tolerance):
            break
        mid = (lo + hi) / 2
        good = ok(mid)
        hi = np.where(good, mid, hi)
        lo = np.where(good, lo, mid)
    return hi


def storage_dispatch(x: np.ndarray, power_mw: float, energy_mwh: float) -> np.ndarray:
    """The storage's own hourly load c − d that shaves the daily peaks of ``x`` (step 10).

    Per day: θ = the lowest level with D(θ) ≤ min(E, C(θ)); discharge d = min(max(x − θ, 0), P);
    then charge c = min(max(θ' − x, 0), P) with θ' ≤ θ such that Σc = Σd.
    """
    days = np.asarray(x, dtype=float).reshape(-1, 24)
    power = float(power_mw)
    energy = float(energy_mwh)
    scale = max(float(np.max(np.abs(days))), power, 1.0)

    def discharge(level: np.ndarray) -> np.ndarray:
        return np.clip(days - level[:, None], 0.0, power)

    def charge(level: np.ndarray) -> np.ndarray:
        return np.clip(level[:, None] - days, 0.0, power)

    def feasible(level: np.ndarray) -> np.ndarray:
        amount = discharge(level).sum(axis=1)
        return amount <= np.minimum(energy, charge(level).sum(axis=1))

    # below min(x) − P every hour discharges P > 0 and nothing can charge: infeasible;
    # at max(x) nothing discharges: feasible
    theta = _bisect_lowest(feasible, days.min(axis=1) - power, days.max(axis=1), scale)
    d = discharge(theta)
    amount = d.sum(axis=1)

    def enough(level: np.ndarray) -> np.ndarray:
        return charge(level).sum(axis=1) >= amount

    # at min(x) the valleys take nothing back; at θ they take at least the discharge
    theta_c = _bisect_lowest(enough, days.min(axis=1), theta, scale)
    c = charge(theta_c)
    taken = c.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(taken > 0, amount / taken, 0.0)
    c = c * np.minimum(ratio, 1.0)[:, None]  # Σc = Σd exactly (up to rounding)
    return (c - d).reshape(-1)


# --- the projection ------------------------------------------------------------------------


def naive_loads(
    workspace: Any,
    scenario: str | None = None,
    schedule: Mapping[str, Any] | None = None,
    years: Iterable[int] = range(2026, 2051),
    storage: bool = True,
    hourly: bool = True,
) -> dict[tuple[str, int], dict[str, Any]]:
    """Per (asset_id, year): peaks, capacities, hours over capacity, and (``hourly``) the
    hourly load ``L``, the asset's own load ``own`` (its developments, couplings and storage
    dispatch, without its children) and its ``parent`` in that year."""
    profiles = profile_arrays(workspace)
    params = unit_parameter_rows(workspace)
    developments = _rows(workspace.developments)
    asset_rows = _rows(workspace.assets)
    factors = _rows(workspace.scenario_factors)
    asset_ids = [str(row["id"]) for row in asset_rows]
    plan = default_schedule(workspace) if schedule is None else dict(schedule)

    result: dict[tuple[str, int], dict[str, Any]] = {}
    for year in years:
        active = in_service(plan, year)
        parent = topology(workspace, active)
        capacity = capacities(workspace, active)

        own = {asset: np.zeros(HOURS) for asset in asset_ids}
        for dev in developments:
            if not given(dev["asset_id"]) or str(dev["asset_id"]) not in own:
                continue
            profile = development_profile(dev, params, profiles)
            if profile is None:
                continue
            demand, feedin = development_size(dev, params)
            share = phasing_share(int(dev["start_year"]), int(dev["end_year"]), year)
            factor = scenario_factor(factors, scenario, str(dev["sector"]), year)
            contribution = (demand - feedin) * share * factor
            own[str(dev["asset_id"])] += contribution * profile
            coupled = dev["coupled_asset_id"]
            if given(coupled) and given(dev["coupling_factor"]) and str(coupled) in own:
                own[str(coupled)] += float(dev["coupling_factor"]) * contribution * profile

        load = {asset: np.zeros(HOURS) for asset in asset_ids}
        for asset in asset_ids:
            for ancestor in lineage(asset, parent):
                load[ancestor] += own[asset]

        if storage:
            dispatch: dict[str, np.ndarray] = {}
            for row in asset_rows:
                asset = str(row["id"])
                power = _number(row["capacity_demand_mw"])
                energy = _number(row["storage_energy_mwh"])
                if str(row["kind"]) != "storage" or not power > 0 or not energy > 0:
                    continue
                if parent[asset] is None:
                    continue
                x = load[parent[asset]].copy()  # no storage applied yet
                dispatch[asset] = storage_dispatch(x, power, energy)
            for asset, delta in dispatch.items():
                own[asset] = own[asset] + delta
                for ancestor in lineage(asset, parent):
                    load[ancestor] += delta

        for asset in asset_ids:
            series = load[asset]
            cap_demand, cap_feedin = capacity[asset]
            record: dict[str, Any] = {
                "peak_demand_mw": max(float(np.max(series)), 0.0),
                "peak_feedin_mw": max(float(np.max(-series)), 0.0),
                "capacity_demand_mw": cap_demand,
                "capacity_feedin_mw": cap_feedin,
                "hours_over_demand": int(np.sum(series > cap_demand)),
                "hours_over_feedin": int(np.sum(-series > cap_feedin)),
                "parent": parent[asset],
            }
            if hourly:
                record["L"] = series
                record["own"] = own[asset]
            result[(asset, year)] = record
    return result
