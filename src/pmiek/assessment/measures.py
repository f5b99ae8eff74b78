"""How each indicator is measured: contributions per development, project or capacity row.

An indicator of :mod:`pmiek.assessment.indicators` is one of these functions of a
:class:`Context` (a variant, its instance and the workspace rows behind it). Each returns
:class:`Contributions`: one number per scenario and item, whose sum (or mean, or maximum) is
the indicator's value — so that every figure can be followed back to the rows it is made of.
Conversion factors come from :class:`IndicatorParameters`, whose defaults name their source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pmiek.assessment.no_regret import judge
from pmiek.domain.arrays import Bools, Floats, Objects
from pmiek.domain.choice_rules import expand
from pmiek.domain.workspace import Workspace
from pmiek.insight.inputs import phasing_share
from pmiek.variants.instance import Instance
from pmiek.variants.result import VariantResult
from pmiek.variants.verify import row_loads

TOLERANCE = 1e-6

ItemKind = Literal["development", "project", "row", "development|row", "operator_year"]
"""What the items of :class:`Contributions` are."""
Aggregate = Literal["sum", "mean", "max"]
"""How an indicator's value is made of its contributions."""
Keys: TypeAlias = Objects | NDArray[np.str_]
"""Item ids (for rows: "asset / direction / year")."""


@dataclass(frozen=True)
class IndicatorParameters:
    """Conversion factors of the indicators; each default names its source.

    jobs_per_ha
        Lage Weide, the province's largest work location: 19,000 jobs on 308 ha ≈ 62 per ha
        (urbanxchange.nl, in shared/reference/utrecht-facts.md).
    industry_full_load_hours
        Hours a year an electrified industrial connection runs at its peak: 4,000 h, the
        figure behind the business-park demand estimate in utrecht-facts.md.
    gas_t_co2_per_mwh
        Natural gas 56.6 kg CO2/GJ = 0.204 t/MWh (Nederlandse lijst van energiedragers en
        standaard CO2-emissiefactoren); one MWh of electricity is taken to replace one MWh of
        gas-fired heat (a simplification: no boiler efficiency, no heat-pump COP, no emissions
        of the electricity itself).
    solar_full_load_hours, wind_full_load_hours
        900 h per MWp and 2,756 h per MW (ETM, Utrecht; utrecht-facts.md).
    """

    jobs_per_ha: float = 62.0
    industry_full_load_hours: float = 4000.0
    gas_t_co2_per_mwh: float = 0.204
    solar_full_load_hours: float = 900.0
    wind_full_load_hours: float = 2756.0


@dataclass(frozen=True)
class Contributions:
    """(S, K) contributions of K items to one indicator in each of S scenarios."""

    values: Floats  # (S, K)
    kind: ItemKind
    keys: Keys  # (K,) item ids (for rows: "asset / direction / year")
    aggregate: Aggregate = "sum"

    def total(self) -> Floats:
        """(S,) the indicator's value per scenario."""
        if self.values.shape[1] == 0:
            return np.zeros(self.values.shape[0]) if self.aggregate == "sum" else \
                np.full(self.values.shape[0], np.nan)
        if self.aggregate == "mean":
            return np.asarray(np.nanmean(self.values, axis=1))
        if self.aggregate == "max":
            return np.asarray(np.nanmax(self.values, axis=1))
        return np.asarray(self.values.sum(axis=1))


@dataclass(frozen=True)
class Context:
    """What the indicators read: a variant, its instance and the workspace's rows behind it."""

    result: VariantResult
    workspace: Workspace
    parameters: IndicatorParameters
    developments: pd.DataFrame  # the instance's new developments, in its order
    projects: pd.DataFrame  # the instance's projects, in its order
    realised: Floats  # (D, Y) phasing share

    @property
    def instance(self) -> Instance:
        return self.result.instance

    def year(self, year: int) -> int | None:
        """The index of ``year`` in the variant's years (None: outside its horizon)."""
        hit = np.flatnonzero(self.instance.years == year)
        return int(hit[0]) if len(hit) else None

    def quantity(self, unit: str, sectors: tuple[str, ...] = ()) -> Floats:
        """(D, Y) the realised quantity in ``unit`` (0 for other units and sectors)."""
        dev = self.developments
        hit = (dev["unit"].astype(object) == unit).to_numpy().copy()
        if sectors:
            hit &= dev["sector"].astype(object).isin(sectors).to_numpy()
        q: Floats = dev["quantity"].to_numpy(dtype=float, na_value=0.0) * hit
        return q[:, None] * self.realised

    def built(self) -> Bools:
        return np.asarray(self.result.start >= 0)

    def per_development(self, amount: Floats, year: int | None) -> Contributions:
        """Connected share × ``amount`` ((D, Y) or (S, D, Y)) in ``year`` (None: all years)."""
        s = self.result.connected
        if year is None:
            values = (s * amount).sum(axis=2)
        else:
            at = self.year(year)
            if at is None:
                values = np.full(s.shape[:2], np.nan)
            else:
                full = np.broadcast_to(amount, s.shape)
                values = s[:, :, at] * full[:, :, at]
        return Contributions(values, "development", self.instance.dev_ids)

    def per_project(self, amount: Floats) -> Contributions:
        """``amount`` (P,) for the projects the variant builds, the same in every scenario."""
        built = self.built()
        values = np.where(built, np.nan_to_num(amount.astype(float)), 0.0)
        n_s = len(self.instance.scenarios)
        return Contributions(np.tile(values[built], (n_s, 1)), "project",
                             self.instance.project_ids[built])


def context(result: VariantResult, workspace: Workspace,
            parameters: IndicatorParameters | None = None) -> Context:
    p = result.instance
    workspace = expand(workspace)  # the instance's rows include those the choices make
    dev = workspace.developments.iloc[np.asarray(p.dev_rows, dtype=int)].reset_index(drop=True)
    projects = workspace.projects.set_index(workspace.projects["id"].astype(str)) \
        .reindex(p.project_ids).reset_index(drop=True)
    realised = phasing_share(dev["start_year"].to_numpy(dtype=float),
                             dev["end_year"].to_numpy(dtype=float), p.years)
    return Context(result, workspace, parameters or IndicatorParameters(), dev, projects,
                   realised)


def homes_at(year: int) -> Callable[[Context], Contributions]:
    def compute(c: Context) -> Contributions:
        return c.per_development(c.instance.homes, year)
    return compute


def business_park_ha(c: Context) -> Contributions:
    return c.per_development(c.quantity("ha", ("business_park",)), 2030)


def jobs(c: Context) -> Contributions:
    amount = c.quantity("ha", ("business_park",)) * c.parameters.jobs_per_ha + \
        c.quantity("jobs")
    return c.per_development(amount, 2030)


def _sector_mw(c: Context, sectors: tuple[str, ...]) -> Floats:
    hit = np.isin(c.instance.dev_sector, sectors)
    return np.asarray(c.instance.size_mw * hit[None, :, None])


def industry_co2(c: Context) -> Contributions:
    p = c.parameters
    factor = p.industry_full_load_hours * p.gas_t_co2_per_mwh / 1000.0  # kt per MW-year
    return c.per_development(_sector_mw(c, ("industry",)) * factor, 2030)


def renewable(c: Context) -> Contributions:
    p = c.parameters
    solar = c.quantity("MWp", ("solar",)) * p.solar_full_load_hours
    wind = c.quantity("MW", ("wind",)) * p.wind_full_load_hours
    without = ~((c.developments["unit"].astype(object) == "MWp")
                & (c.developments["sector"].astype(object) == "solar")
                | (c.developments["unit"].astype(object) == "MW")
                & (c.developments["sector"].astype(object) == "wind")).to_numpy()
    sizes = np.asarray(c.instance.size_mw)
    sector = c.instance.dev_sector
    flh = np.where(sector == "solar", p.solar_full_load_hours,
                   np.where(sector == "wind", p.wind_full_load_hours, 0.0)) * without
    gwh = (solar + wind)[None] + sizes * flh[None, :, None]
    return c.per_development(gwh / 1000.0, 2030)


def charge_points(c: Context) -> Contributions:
    return c.per_development(c.quantity("charge_points"), 2030)


def acm3_mw(c: Context) -> Contributions:
    priority = c.developments["acm_priority"].to_numpy(dtype=float, na_value=0.0)
    return c.per_development(np.asarray(c.instance.size_mw) * (priority >= 3)[None, :, None],
                             2030)


def acm3_share(c: Context) -> Contributions:
    part = acm3_mw(c)
    at = c.year(2030)
    if at is None:  # 2030 beyond the horizon: no value, like the other 2030 indicators
        return part
    planned = np.asarray(c.instance.size_mw)[:, :, at]
    priority = c.developments["acm_priority"].to_numpy(dtype=float, na_value=0.0) >= 3
    total = (planned * priority[None, :]).sum(axis=1, keepdims=True)
    values = np.divide(part.values, total, out=np.zeros_like(part.values), where=total > 0)
    values[(total <= 0)[:, 0]] = 1.0 / max(values.shape[1], 1)  # nothing planned: all there
    return Contributions(values, "development", part.keys)


def blocked(c: Context) -> Contributions:
    at = c.year(2030)
    s = c.result.connected
    if at is None:
        return Contributions(np.full(s.shape[:2], np.nan), "development", c.instance.dev_ids)
    present = np.asarray(c.instance.size_mw)[:, :, at] > TOLERANCE
    values = (present & (s[:, :, at] < 1.0 - TOLERANCE)).astype(float)
    return Contributions(values, "development", c.instance.dev_ids)


def row_keys(instance: Instance) -> Objects:
    years = instance.years[np.asarray(instance.row_year, dtype=int)]
    return np.array([f"{a} / {d} / {y}" for a, d, y in
                     zip(instance.row_asset, instance.row_direction, years, strict=True)],
                    dtype=object)


def shortage(c: Context) -> Contributions:
    p = c.instance
    unconnected = ((1.0 - c.result.connected) * np.asarray(p.size_mw)).sum(axis=2)
    overload = np.asarray(c.result.overload, dtype=float)
    keys = np.concatenate([p.dev_ids.astype(object), row_keys(p)])
    return Contributions(np.concatenate([unconnected, overload], axis=1), "development|row",
                         keys)


def project_column(name: str) -> Callable[[Context], Contributions]:
    def compute(c: Context) -> Contributions:
        return c.per_project(c.projects[name].to_numpy(dtype=float, na_value=0.0))
    return compute


def capex_range(c: Context) -> Contributions:
    low = c.projects["capex_low_meur"].to_numpy(dtype=float, na_value=np.nan)
    high = c.projects["capex_high_meur"].to_numpy(dtype=float, na_value=np.nan)
    mid = c.projects["capex_meur"].to_numpy(dtype=float, na_value=0.0)
    return c.per_project(np.where(np.isnan(high), mid, high) - np.where(np.isnan(low), mid, low))


def workforce(c: Context) -> Contributions:
    use = c.result.resource_use()
    use = use[use["resource"] == "fte"]
    ratio = (use["used"] / use["available"]).to_numpy(dtype=float)
    keep = np.isfinite(ratio)
    keys = (use["operator"].astype(str) + " / " + use["year"].astype(str)).to_numpy()[keep]
    n_s = len(c.instance.scenarios)
    return Contributions(np.tile(ratio[keep], (n_s, 1)), "operator_year", keys, "max")


def lead_time_risk(c: Context) -> Contributions:
    """A candidate in service in its earliest possible year, max(first year + lead time,
    earliest_year) — from the projects table, so a year pinned with ``fixed`` counts as
    slack when it lies later."""
    p = c.instance
    lead = c.projects["lead_time_years"].to_numpy(dtype=float, na_value=0.0)
    earliest_year = c.projects["earliest_year"].to_numpy(dtype=float, na_value=-np.inf)
    earliest = np.maximum(float(p.years[0]) + lead, earliest_year)
    start = np.asarray(c.result.start, dtype=int)
    year = np.where(start >= 0, p.years[np.maximum(start, 0)], np.nan)
    tight = (start >= 0) & (year <= earliest) & (p.project_status == "candidate")
    return c.per_project(tight.astype(float))


def new_stations(c: Context) -> Contributions:
    return c.per_project((c.instance.project_kind == "new_station").astype(float))


def no_regret(c: Context) -> Contributions:
    """Per built project: the share of scenarios (by probability) in which it is needed
    against the firm load — the priority list's ``no_regret_share``, from the same
    :func:`pmiek.assessment.no_regret.judge` (see there for *needed*)."""
    built = c.built()
    share = judge(c.result, c.workspace).share
    n_s = len(c.instance.scenarios)
    return Contributions(np.tile(share[built], (n_s, 1)), "project",
                         c.instance.project_ids[built], "mean")


def flex_mw(c: Context) -> Contributions:
    effects = c.workspace.project_effects
    size = np.maximum(effects["delta_demand_mw"].to_numpy(dtype=float, na_value=0.0),
                      effects["delta_feedin_mw"].to_numpy(dtype=float, na_value=0.0))
    per_project = pd.Series(size).groupby(effects["project_id"].astype(str).to_numpy()).sum()
    mw = per_project.reindex(c.instance.project_ids).fillna(0.0).to_numpy()
    flexible = np.isin(c.instance.project_kind, ("storage", "conversion", "flex_contract"))
    return c.per_project(mw * flexible)


def utilisation(c: Context) -> Contributions:
    p = c.instance
    last = len(p.years) - 1
    rows = np.flatnonzero((np.asarray(p.row_year) == last) & (p.row_direction == "demand")
                          & (np.nan_to_num(np.asarray(p.row_capacity, dtype=float)) > 0))
    start = np.asarray(c.result.start, dtype=int)
    values = np.empty((len(p.scenarios), len(rows)))
    for scenario in range(len(p.scenarios)):
        load, added = row_loads(p, start, c.result.connected, scenario)
        values[scenario] = load[rows] / (np.asarray(p.row_capacity)[rows] + added[rows])
    return Contributions(values, "row", row_keys(p)[rows], "mean")


def lens_value(c: Context) -> Contributions:
    p = c.instance
    per = p.value_meur_per_mw_year * (np.asarray(p.value) * c.result.connected
                                      * p.discount[None, None, :]).sum(axis=2)
    return Contributions(per, "development", p.dev_ids)


def overload_penalty(c: Context) -> Contributions:
    p = c.instance
    per = p.penalty_meur_per_mw_year * np.asarray(c.result.overload) * \
        p.discount[np.asarray(p.row_year, dtype=int)][None, :]
    return Contributions(per, "row", row_keys(p))


def discounted_cost(c: Context) -> Contributions:
    p = c.instance
    start = np.asarray(c.result.start, dtype=int)
    cost = np.zeros(p.n_projects)
    built = np.flatnonzero(start >= 0)
    cost[built] = p.cost_factor[built] * p.capex[built] * (
        p.spend[built, start[built], :] @ p.discount)
    return c.per_project(cost)
