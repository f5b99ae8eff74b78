"""``queue``: which developments wait for capacity, and from which year they can connect.

On an asset that is overloaded in a year, the new developments (starting in the first year
or later) that are not yet connected queue in ACM priority order (3 basisbehoefte first),
then by start year, then id; they connect as long as their load at the asset's peak hour
still fits the capacity on top of everything already there (existing load, developments
connected in earlier years, and new load that relieves that hour). The rest are *blocked*.
A development blocked anywhere on its way up (its connection asset or an asset above it, in
either direction) waits; it connects in the first year in which it is blocked nowhere, and
stays connected after that. The check uses each development's load at the asset's peak hour,
as the variant design does (DESIGN.md), so it is a screening, not a load flow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from pmiek.domain.arrays import Bools, Ints
from pmiek.domain.choice_rules import expand
from pmiek.domain.defaults import FIRST_YEAR
from pmiek.domain.workspace import Workspace
from pmiek.insight.contributions import at_peaks
from pmiek.insight.inputs import Inputs, phasing_share

TOLERANCE_MW = 1e-9


def _overloaded_terms(inputs: Inputs, loads: xr.Dataset, key: str) -> pd.DataFrame:
    """The peak-hour terms of every (asset, year) that is overloaded in direction ``key``,
    with ``size`` = what each term adds to that direction's peak."""
    peak = loads[f"peak_{key}_mw"].to_numpy()
    capacity = loads[f"capacity_{key}_mw"].to_numpy()
    overloaded = peak > capacity + TOLERANCE_MW
    if not overloaded.any():
        return pd.DataFrame({"asset": [], "year": [], "entry": [], "mw": [], "size": []})
    terms = at_peaks(inputs, loads, key)
    terms = terms[overloaded[terms["asset"].to_numpy(), terms["year"].to_numpy()]]
    sign = 1.0 if key == "demand" else -1.0
    return terms.assign(size=sign * terms["mw"].to_numpy(),
                        peak=peak[terms["asset"].to_numpy(), terms["year"].to_numpy()],
                        capacity=capacity[terms["asset"].to_numpy(),
                                          terms["year"].to_numpy()])


def _blocked_in_year(terms: pd.DataFrame, candidate_entry: Bools, development: Ints,
                     rank: Ints) -> pd.DataFrame:
    """The candidate terms of one year that do not fit, in queue order per asset."""
    entry = terms["entry"].to_numpy(dtype=int)
    waiting = terms[candidate_entry[entry] & (terms["size"].to_numpy() > 0)]
    if not len(waiting):
        return waiting.assign(development=[])
    waiting = waiting.assign(rank=rank[development[waiting["entry"].to_numpy(dtype=int)]])
    waiting = waiting.sort_values(["asset", "rank"], kind="stable")
    grouped = waiting.groupby("asset", sort=False)["size"]
    base = waiting["peak"].to_numpy() - grouped.transform("sum").to_numpy()
    fits = base + grouped.cumsum().to_numpy() <= waiting["capacity"].to_numpy() + TOLERANCE_MW
    blocked = waiting[~fits]
    return blocked.assign(development=development[blocked["entry"].to_numpy(dtype=int)])


def queue(workspace: Workspace, inputs: Inputs, loads: xr.Dataset,
          first_year: int = FIRST_YEAR) -> pd.DataFrame:
    """The queue outcome of every new development.

    Years are taken in order. In each year the new developments that are active and not yet
    connected queue at every overloaded asset above them (in queue order: ACM priority, start
    year, id); those that fit at every such asset in both directions connect and stay
    connected; the others wait. Returns one row per development starting in ``first_year`` or
    later with a load on some asset: ``development_id``, ``name``, ``sector``, ``asset_id``,
    ``acm_priority``, ``start_year``, ``quantity``, ``unit``, ``blocked`` (had to wait),
    ``blocked_at`` (the asset where it first waited) and ``connect_year`` (the year it
    connects; empty when not within the computed years).
    """
    workspace = expand(workspace)
    dev = workspace.developments
    years = inputs.years
    priority = dev["acm_priority"].to_numpy(dtype=float, na_value=0.0)
    start = dev["start_year"].to_numpy(dtype=float)
    end = dev["end_year"].to_numpy(dtype=float)
    share = phasing_share(start, end, years)  # (d, y)
    new = start >= first_year
    order = np.lexsort((np.arange(len(dev)), start, -priority))
    rank = np.empty(len(dev), dtype=int)
    rank[order] = np.arange(len(dev))
    terms = [_overloaded_terms(inputs, loads, key) for key in ("demand", "feedin")]
    by_year = [{int(y): t for y, t in frame.groupby("year")} for frame in terms]
    connected = np.zeros(len(dev), dtype=bool)
    connect_year = np.full(len(dev), -1)
    blocked_at = np.full(len(dev), -1)
    development = inputs.entry_development
    for y, year in enumerate(years):  # years in order: who connects depends on earlier years
        active = new & (share[:, y] > 0) & ~connected
        if not active.any():
            continue
        candidate_entry = active[development]
        waiting = np.zeros(len(dev), dtype=bool)
        for table in by_year:
            if y in table:
                found = _blocked_in_year(table[y], candidate_entry, development, rank)
                d = found["development"].to_numpy(dtype=int)
                first = d[blocked_at[d] < 0]
                blocked_at[first] = found["asset"].to_numpy(dtype=int)[blocked_at[d] < 0]
                waiting[d] = True
        joining = active & ~waiting
        connected |= joining
        connect_year[joining] = year
    loaded = np.zeros(len(dev), dtype=bool)
    loaded[development] = True
    rows = np.flatnonzero(new & loaded)
    was_blocked = blocked_at[rows] >= 0
    connect = pd.array(np.maximum(connect_year[rows], 0), dtype="Int64")
    connect[connect_year[rows] < 0] = pd.NA
    return pd.DataFrame({
        "development_id": dev["id"].to_numpy(dtype=object)[rows],
        "name": dev["name"].to_numpy(dtype=object)[rows],
        "sector": dev["sector"].to_numpy(dtype=object)[rows],
        "asset_id": dev["asset_id"].to_numpy(dtype=object)[rows],
        "acm_priority": dev["acm_priority"].to_numpy(dtype=object)[rows],
        "start_year": dev["start_year"].to_numpy(dtype=object)[rows],
        "quantity": dev["quantity"].to_numpy(dtype=float)[rows],
        "unit": dev["unit"].to_numpy(dtype=object)[rows],
        "blocked": was_blocked,
        "blocked_at": np.where(was_blocked, inputs.asset_ids[np.maximum(blocked_at[rows], 0)],
                               None),
        "connect_year": connect,
    })


def homes_blocked(workspace: Workspace, blocked: pd.DataFrame,
                  years: Ints | list[int]) -> pd.Series:
    """Homes waiting per year: Σ quantity × phasing share over housing developments (in
    homes) that are blocked in that year (from their start until their connect year)."""
    years = np.asarray(years)
    dev = expand(workspace).developments.set_index("id")
    homes = blocked[(blocked["unit"] == "homes") & (blocked["sector"] == "housing")
                    & blocked["blocked"]]
    rows = dev.loc[homes["development_id"]]
    share = phasing_share(rows["start_year"].to_numpy(dtype=float),
                          rows["end_year"].to_numpy(dtype=float), years)
    connect = homes["connect_year"].to_numpy(dtype=float, na_value=np.inf)
    waiting = years[None, :] < connect[:, None]
    counts = (rows["quantity"].to_numpy(dtype=float)[:, None] * share * waiting).sum(axis=0)
    return pd.Series(counts, index=pd.Index(years, name="year"), name="homes_blocked")
