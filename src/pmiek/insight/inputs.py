"""The engine's inputs, gathered once from a :class:`Workspace` into arrays (pure, no I/O).

Everything the load engine needs is turned into numpy arrays indexed by asset, year, profile
and *load entry* (a development on its connection asset, or its converted copy on a coupled
asset), so that the engine itself never loops over developments, assets or hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Floats, Ints, Objects
from pmiek.domain.choice_rules import expand, multipliers
from pmiek.domain.defaults import FIRST_YEAR as FIRST_YEAR  # importable from here too
from pmiek.domain.defaults import LOAD_HORIZON
from pmiek.domain.sizing import net_mw_and_profile
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.workspace import Workspace

HORIZON = LOAD_HORIZON
"""The load engine's default last year (:data:`pmiek.domain.defaults.LOAD_HORIZON`); the
name stays for code that imports it from here."""

IN_SERVICE = ("in_ip", "under_construction", "done")


def default_years() -> Ints:
    """:data:`~pmiek.domain.defaults.FIRST_YEAR` … :data:`HORIZON`."""
    return np.arange(FIRST_YEAR, HORIZON + 1, dtype=np.int64)


def default_schedule(workspace: Workspace) -> dict[str, float]:
    """The projects in the investment plans at their ``ip_year`` (DESIGN.md).

    ``in_ip``, ``under_construction`` and ``done`` projects with an ``ip_year`` are in service
    from that year; ``done`` projects without one are in service in every year (−∞).
    Candidates are not in service.
    """
    projects = workspace.projects
    planned = projects[projects["status"].isin(IN_SERVICE)]
    years = planned["ip_year"].astype("float64").to_numpy(na_value=np.nan)
    done = (planned["status"] == "done").to_numpy()
    years = np.where(np.isnan(years) & done, -np.inf, years)
    keep = ~np.isnan(years)
    return dict(zip(planned["id"].to_numpy()[keep], years[keep], strict=True))


def phasing_share(start: Floats, end: Floats, years: Ints | Floats) -> Floats:
    """clip((y − start + 1) / (end − start + 1), 0, 1) for every development × year."""
    first = start[:, None].astype(np.float64)
    last = end[:, None].astype(np.float64)
    share: Floats = np.clip((years[None, :] - first + 1) / (last - first + 1), 0.0, 1.0)
    return share


def scenario_factors(workspace: Workspace, scenario: str | None, sectors: Objects,
                     years: Ints | Floats, carriers: Objects | None = None) -> Floats:
    """The scenario factor of every development × year (by the development's sector and
    carrier).

    Per sector (and carrier) of ``scenario``, the factors given for some years are interpolated
    linearly between them (in calendar years); before the first given year the first factor
    holds, after the last the last (one given year: that factor in every year). A factor row
    with a carrier applies to the developments of that sector and carrier; one without to the
    developments of the sector whose carrier has no row of its own. A sector with no factors in
    the scenario, every sector of a scenario without factors, and every sector when
    ``scenario`` is ``None`` get 1. Without ``carriers`` every development is taken as
    electricity.
    """
    out = np.ones((len(sectors), len(years)))
    if scenario is None:
        return out
    rows = workspace.scenario_factors
    rows = rows[rows["scenario_id"] == scenario]
    if not len(rows):
        return out
    if carriers is None:
        carriers = np.full(len(sectors), "electricity", dtype=object)
    carrier = rows["carrier"].astype(object).where(rows["carrier"].notna(), "")
    specific = set(zip(rows["sector"].astype(str), carrier.astype(str), strict=True))
    for (sector, of), group in rows.groupby([rows["sector"].astype(str), carrier.astype(str)],
                                           sort=True):  # a dozen sectors at most
        given = group.sort_values("year")
        curve = np.interp(years, given["year"].to_numpy(dtype=float),
                          given["factor"].to_numpy(dtype=float))
        if of:
            hit = (sectors == sector) & (carriers == of)
        else:  # every carrier of the sector without a row of its own
            own = [c for s, c in specific if s == sector and c]
            hit = (sectors == sector) & ~np.isin(carriers.astype(str), own)
        out[hit] = curve
    return out


@dataclass(frozen=True)
class Inputs:
    """Arrays of one workspace, scenario and schedule.

    Shapes: ``a`` assets, ``y`` years, ``k`` profiles, ``m`` load entries, ``g`` topologies.
    """

    asset_ids: Objects  # (a,)
    years: Ints  # (y,)
    profile_ids: Objects  # (k,)
    profiles: Floats  # (k, 8760)
    entry_asset: Ints  # (m,) asset index each load entry loads
    entry_profile: Ints  # (m,) profile index
    entry_development: Ints  # (m,) row of the development in workspace.developments
    entry_net_mw: Floats  # (m, y) net contribution: (demand − feed-in) × share × factor
    parents: Ints  # (g, a) parent asset index, −1 at a root
    topology_of_year: Ints  # (y,) which row of ``parents`` holds in each year
    capacity_demand_mw: Floats  # (a, y)
    capacity_feedin_mw: Floats  # (a, y)
    storage: Ints  # (s,) asset index of each storage
    storage_power_mw: Floats  # (s,)
    storage_energy_mwh: Floats  # (s,)
    scenario: str | None

    @property
    def n_assets(self) -> int:
        return len(self.asset_ids)


def _profile_codes(names: pd.Series) -> tuple[Ints, Objects]:
    """Codes of the profile ids and the sorted ids, as ``pd.factorize(sort=True)``.

    Profile tables list each profile's hours together; then comparing neighbours finds the
    profiles in a fraction of the time of hashing 8760 strings per profile."""
    values = names.to_numpy(dtype=object, na_value=None)
    if len(values):
        starts = np.concatenate([[0], np.flatnonzero(values[1:] != values[:-1]) + 1])
        labels = values[starts]
        distinct = set(labels)
        if len(distinct) == len(labels) and None not in distinct:  # each profile in one run
            order = np.argsort(labels)
            rank = np.empty(len(labels), dtype=np.int64)
            rank[order] = np.arange(len(labels))
            lengths = np.diff(np.append(starts, len(values)))
            return np.repeat(rank, lengths), labels[order]
    codes, ids = pd.factorize(names, sort=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(ids, dtype=object)


def _profiles(workspace: Workspace) -> tuple[Objects, Floats]:
    table = workspace.profiles
    codes, ids = _profile_codes(table["profile_id"])
    values = np.zeros((len(ids), HOURS_PER_YEAR))
    values[codes, table["hour"].to_numpy(dtype=int)] = table["value"].to_numpy(dtype=float)
    return np.asarray(ids, dtype=object), values


def _positions(index: pd.Index, values: Objects | pd.Series) -> Ints:
    """The position of every value in ``index`` (−1 where it is not there)."""
    return np.asarray(index.get_indexer(values), dtype=np.int64)


def _topologies(workspace: Workspace, asset_index: pd.Index, years: Ints,
                in_service: Mapping[str, float]) -> tuple[Ints, Ints]:
    assets = workspace.assets
    base = _positions(asset_index, assets["parent_id"].to_numpy(dtype=object))
    effects = workspace.project_effects
    moves = effects[effects["new_parent_id"].notna()
                    & effects["project_id"].isin(list(in_service))].copy()
    if not len(moves):
        return base[None, :], np.zeros(len(years), dtype=np.int64)
    moves["since"] = moves["project_id"].map(in_service).astype(float)
    # several moves of one asset in service: the latest in-service year wins, ties by the
    # highest project id (so the result does not depend on the order of the rows)
    moves = moves.sort_values(["since", "project_id"], kind="stable")
    active = years[:, None] >= moves["since"].to_numpy()[None, :]  # (y, moves)
    patterns, topology_of_year = np.unique(active, axis=0, return_inverse=True)
    child = _positions(asset_index, moves["asset_id"].to_numpy(dtype=object))
    parent = _positions(asset_index, moves["new_parent_id"].to_numpy(dtype=object))
    parents = np.repeat(base[None, :], len(patterns), axis=0)
    for g, pattern in enumerate(patterns):  # one loop per distinct topology (few)
        chosen = np.flatnonzero(pattern)  # sorted by in-service year: later moves win
        parents[g, child[chosen]] = parent[chosen]
    return parents, np.asarray(topology_of_year, dtype=np.int64).reshape(-1)


def _capacities(workspace: Workspace, asset_index: pd.Index, years: Ints,
                in_service: Mapping[str, float]) -> tuple[Floats, Floats]:
    """Each asset's capacities per year: its own plus the deltas of the projects in service
    (``project_effects``) from their in-service year on."""
    assets = workspace.assets
    demand = np.repeat(assets["capacity_demand_mw"].to_numpy(dtype=float)[:, None],
                       len(years), axis=1)
    feedin = np.repeat(assets["capacity_feedin_mw"].to_numpy(dtype=float)[:, None],
                       len(years), axis=1)
    effects = workspace.project_effects
    effects = effects[effects["project_id"].isin(list(in_service))]
    if len(effects):
        since = effects["project_id"].map(in_service).to_numpy(dtype=float)
        active = (years[None, :] >= since[:, None]).astype(float)  # (effects, y)
        rows = _positions(asset_index, effects["asset_id"].to_numpy(dtype=object))
        for target, column in ((demand, "delta_demand_mw"), (feedin, "delta_feedin_mw")):
            delta = np.nan_to_num(effects[column].to_numpy(dtype=float))
            np.add.at(target, rows, delta[:, None] * active)
    return np.nan_to_num(demand), np.nan_to_num(feedin)


class _Entries(NamedTuple):
    """The load entries: each development on its connection asset, then each converted copy
    on its coupled asset."""

    development: Ints  # (m,)
    asset: Ints  # (m,)
    profile: Ints  # (m,)
    net_mw: Floats  # (m, y)


def _entries(workspace: Workspace, scenario: str | None, years: Ints, asset_index: pd.Index,
             profile_index: pd.Index) -> _Entries:
    dev = workspace.developments
    net, profile_names = net_mw_and_profile(workspace)
    share = phasing_share(dev["start_year"].to_numpy(dtype=float),
                          dev["end_year"].to_numpy(dtype=float), years)
    factor = scenario_factors(workspace, scenario, dev["sector"].to_numpy(dtype=object), years,
                              dev["carrier"].to_numpy(dtype=object))
    factor = factor * multipliers(workspace, scenario, years)  # the Energievisie's choices
    contribution = net[:, None] * share * factor  # (d, y)
    profile = _positions(profile_index, profile_names)
    own = _positions(asset_index, dev["asset_id"].to_numpy(dtype=object))
    coupled = _positions(asset_index, dev["coupled_asset_id"].to_numpy(dtype=object))
    coupling = dev["coupling_factor"].to_numpy(dtype=float)
    rows = np.arange(len(dev), dtype=np.int64)
    use_own = (own >= 0) & (profile >= 0)
    use_coupled = (coupled >= 0) & (profile >= 0) & ~np.isnan(coupling)
    development = np.concatenate([rows[use_own], rows[use_coupled]])
    return _Entries(
        development=development,
        asset=np.concatenate([own[use_own], coupled[use_coupled]]),
        profile=profile[development],
        net_mw=np.concatenate([contribution[use_own],
                               contribution[use_coupled] * coupling[use_coupled, None]]),
    )


def _storage(assets: pd.DataFrame) -> tuple[Ints, Floats, Floats]:
    """The storage assets that shave peaks — kind ``storage`` with a power and an energy
    above 0 — and their power [MW] and energy [MWh].

    The power is the asset's own ``capacity_demand_mw``: projects that add capacity to the
    asset (``project_effects``) raise its capacity, not the power with which it shaves.
    """
    power = assets["capacity_demand_mw"].to_numpy(dtype=float)
    energy = assets["storage_energy_mwh"].to_numpy(dtype=float, na_value=np.nan)
    is_storage = ((assets["kind"] == "storage").to_numpy() & (np.nan_to_num(power) > 0)
                  & (np.nan_to_num(energy) > 0))
    storage = np.flatnonzero(is_storage).astype(np.int64)
    return storage, power[storage], energy[storage]


def gather(workspace: Workspace, scenario: str | None = None,
           schedule: Mapping[str, float] | None = None,
           years: Sequence[int] | Ints | None = None) -> Inputs:
    """Turn a (valid) workspace into the engine's arrays; the developments are those of the
    workspace with the rows its choice rules make (:func:`pmiek.domain.choice_rules.expand`)."""
    workspace = expand(workspace)
    years_arr = default_years() if years is None else np.asarray(list(years), dtype=np.int64)
    in_service = default_schedule(workspace) if schedule is None else dict(schedule)
    asset_ids = workspace.assets["id"].to_numpy(dtype=object)
    asset_index = pd.Index(asset_ids)
    profile_ids, profiles = _profiles(workspace)
    entries = _entries(workspace, scenario, years_arr, asset_index, pd.Index(profile_ids))
    parents, topology_of_year = _topologies(workspace, asset_index, years_arr, in_service)
    capacity_demand, capacity_feedin = _capacities(workspace, asset_index, years_arr,
                                                   in_service)
    storage, power, energy = _storage(workspace.assets)
    return Inputs(
        asset_ids=asset_ids, years=years_arr, profile_ids=profile_ids, profiles=profiles,
        entry_asset=entries.asset, entry_profile=entries.profile,
        entry_development=entries.development, entry_net_mw=entries.net_mw, parents=parents,
        topology_of_year=topology_of_year, capacity_demand_mw=capacity_demand,
        capacity_feedin_mw=capacity_feedin, storage=storage, storage_power_mw=power,
        storage_energy_mwh=energy, scenario=scenario,
    )
