"""``project_loads``: the hourly load of every asset in every year, reduced to its peaks.

DESIGN.md, "Load projection": L[a, y, t] = Σ_k A[a, y, k] · P[k, t], where A aggregates the
net contribution (demand − feed-in, phased and scaled by the scenario) of every development at
or below asset *a* in the year's topology, on its profile *k*. One sparse product builds A for
all assets and years; the hourly product is reduced to peaks block by block (kernel.py), so
the hourly array exists only when asked for.

Storage (storage.py) changes the hourly load of its parent and every asset above it; those
few (asset, year) rows are computed hourly and corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np
import xarray as xr

from pmiek.domain.arrays import Bools, Floats, Ints, Objects
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.workspace import Workspace
from pmiek.insight.hierarchy import closure, coefficients
from pmiek.insight.inputs import Inputs, gather
from pmiek.insight.kernel import FloatType, Reduced, reduce_hourly, reduce_rows
from pmiek.insight.storage import shave

DAYS = HOURS_PER_YEAR // 24


class Reducer(Protocol):
    """The hook that runs the hourly reduction of :func:`project_loads`.

    Called as ``reducer(coefficients, profiles, capacity_demand, capacity_feedin,
    dtype=…)``: reduce L = coefficients @ profiles ((rows × k) @ (k × hours)) per row to its
    peaks, their hours and the hours over the capacities (rows,) [MW], as
    :func:`pmiek.insight.kernel.reduce_rows` (the default) does;
    :func:`pmiek.adapters.compute.dask_reducer` returns one that spreads the rows over a Dask
    cluster.
    """

    def __call__(self, coefficients: Floats, profiles: Floats, capacity_demand: Floats,
                 capacity_feedin: Floats, /, *, dtype: FloatType = ...) -> Reduced: ...


def storage_loads(inputs: Inputs, coef: Floats) -> tuple[Floats, Bools]:
    """The hourly load of each storage (s × y × hours) and, per storage and year, the rows of
    the assets it changes (its ancestors and itself) as a boolean (s × y × a) mask."""
    n_s, n_y = len(inputs.storage), len(inputs.years)
    own = np.zeros((n_s, n_y, HOURS_PER_YEAR))
    affected = np.zeros((n_s, n_y, inputs.n_assets), dtype=bool)
    if not n_s:
        return own, affected
    parent = inputs.parents[:, inputs.storage][inputs.topology_of_year]  # (y, s)
    for g in range(len(inputs.parents)):
        up = closure(inputs.parents[g]).tocsc()
        years = np.flatnonzero(inputs.topology_of_year == g)
        for i, s in enumerate(inputs.storage):
            column = up[:, s].toarray().ravel() > 0
            affected[i, years] = column
    has_parent = parent.T >= 0  # (s, y)
    parents_rows = np.where(has_parent, parent.T, 0)
    x = np.einsum("syk,kt->syt", coef[parents_rows, np.arange(n_y)[None, :]],
                  inputs.profiles)
    days = x.reshape(n_s, n_y, DAYS, 24)
    delta = shave(days, inputs.storage_power_mw[:, None, None],
                  inputs.storage_energy_mwh[:, None, None]).reshape(n_s, n_y, HOURS_PER_YEAR)
    own[has_parent] = delta[has_parent]
    affected &= has_parent[:, :, None]
    return own, affected


def project_loads(
    workspace: Workspace,
    scenario: str | None = None,
    *,
    schedule: Mapping[str, float] | None = None,
    years: Sequence[int] | Ints | None = None,
    hourly: bool = False,
    storage: bool = True,
    dtype: FloatType = np.float64,
    reducer: Reducer | None = None,
) -> xr.Dataset:
    """Project the load of every asset per year (and hour, with ``hourly``).

    Parameters
    ----------
    workspace
        A valid workspace.
    scenario
        A ``scenarios.id``; ``None`` applies no scenario factors.
    schedule
        Project id → first year in service; default: the projects in the investment plans at
        their ``ip_year`` (:func:`pmiek.insight.inputs.default_schedule`).
    years
        The years to compute; default :data:`~pmiek.domain.defaults.FIRST_YEAR` …
        :data:`~pmiek.domain.defaults.LOAD_HORIZON` (2026–2050).
    hourly
        Also return ``load_mw`` (asset × year × hour) — 8760 values per asset and year.
    storage
        Let storage assets shave their parent's daily peaks.
    dtype
        Precision of the hourly product; ``float32`` halves time and memory at about 1e-7
        relative error.
    reducer
        Runs the hourly reduction (:func:`pmiek.insight.kernel.reduce_rows` by default); pass
        the one of :func:`pmiek.adapters.compute.dask_reducer` to spread the rows over a Dask
        cluster.

    Returns
    -------
    xarray.Dataset
        Dims ``asset`` and ``year``: ``peak_demand_mw`` = max_t max(L, 0),
        ``peak_feedin_mw`` = max_t max(−L, 0), ``capacity_demand_mw``, ``capacity_feedin_mw``,
        ``hours_over_demand`` (hours with L above the demand capacity),
        ``hours_over_feedin``, and ``peak_demand_hour`` / ``peak_feedin_hour`` (the hour of
        each peak; 0 where there is none); with ``hourly`` also ``load_mw`` [MW], positive =
        demand.
    """
    inputs = gather(workspace, scenario, schedule, years)
    n_a = inputs.n_assets
    n_k = len(inputs.profile_ids)
    coef = coefficients(n_a, n_k, inputs.entry_asset, inputs.entry_profile,
                        inputs.entry_net_mw, parents=inputs.parents,
                        topology_of_year=inputs.topology_of_year)
    loads = assemble(inputs, coef, hourly=hourly, storage=storage, dtype=dtype,
                     reducer=reducer)
    # the carrier of each asset, so that bottlenecks and maps can be read per carrier
    return loads.assign_coords(carrier=("asset", workspace.assets["carrier"].to_numpy(
        dtype=object, na_value="electricity").astype(str)))


def assemble(inputs: Inputs, coef: Floats, *, hourly: bool, storage: bool,
             dtype: FloatType = np.float64, reducer: Reducer | None = None) -> xr.Dataset:
    """Reduce the coefficients to peaks (and hourly loads), storage included."""
    n_a, n_y = inputs.n_assets, len(inputs.years)
    n_k = coef.shape[2]
    cap_d = inputs.capacity_demand_mw
    cap_f = inputs.capacity_feedin_mw
    flat = coef.reshape(n_a * n_y, n_k)
    if hourly:
        load = (flat @ inputs.profiles).reshape(n_a, n_y, HOURS_PER_YEAR)
    if storage and len(inputs.storage):
        own, affected = storage_loads(inputs, coef)
        extra = np.einsum("sya,syt->ayt", affected.astype(float), own)
        touched = affected.any(axis=0)  # (y, a)
    else:
        touched = np.zeros((n_y, n_a), dtype=bool)
    reduce = reducer or reduce_rows
    result = reduce(flat, inputs.profiles, cap_d.reshape(-1), cap_f.reshape(-1), dtype=dtype)
    peak_d = result.peak_demand.reshape(n_a, n_y)
    peak_f = result.peak_feedin.reshape(n_a, n_y)
    over_d = result.hours_over_demand.reshape(n_a, n_y)
    over_f = result.hours_over_feedin.reshape(n_a, n_y)
    hour_d = result.hour_of_peak_demand.reshape(n_a, n_y)
    hour_f = result.hour_of_peak_feedin.reshape(n_a, n_y)
    if touched.any():
        a_idx, y_idx = np.nonzero(touched.T)
        rows = coef[a_idx, y_idx] @ inputs.profiles + extra[a_idx, y_idx]
        fixed: Reduced = reduce_hourly(rows, cap_d[a_idx, y_idx], cap_f[a_idx, y_idx])
        peak_d[a_idx, y_idx] = fixed.peak_demand
        peak_f[a_idx, y_idx] = fixed.peak_feedin
        over_d[a_idx, y_idx] = fixed.hours_over_demand
        over_f[a_idx, y_idx] = fixed.hours_over_feedin
        hour_d[a_idx, y_idx] = fixed.hour_of_peak_demand
        hour_f[a_idx, y_idx] = fixed.hour_of_peak_feedin
        if hourly:
            load[a_idx, y_idx] += extra[a_idx, y_idx]
    data: dict[str, tuple[tuple[str, ...], Floats | Ints]] = {
        "peak_demand_mw": (("asset", "year"), peak_d),
        "peak_feedin_mw": (("asset", "year"), peak_f),
        "capacity_demand_mw": (("asset", "year"), cap_d),
        "capacity_feedin_mw": (("asset", "year"), cap_f),
        "hours_over_demand": (("asset", "year"), over_d),
        "hours_over_feedin": (("asset", "year"), over_f),
        "peak_demand_hour": (("asset", "year"), hour_d),
        "peak_feedin_hour": (("asset", "year"), hour_f),
    }
    if hourly:
        data["load_mw"] = (("asset", "year", "hour"), load)
    coords: dict[str, Ints | Objects] = {"asset": inputs.asset_ids.astype(str),
                                     "year": inputs.years}
    if hourly:
        coords["hour"] = np.arange(HOURS_PER_YEAR)
    ds = xr.Dataset(data, coords=coords)
    ds["peak_demand_mw"].attrs["units"] = "MW"
    ds["peak_feedin_mw"].attrs["units"] = "MW"
    ds.attrs["scenario"] = inputs.scenario or ""
    return ds
