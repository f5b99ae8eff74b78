"""Indicators of a variant: what it connects, costs, asks and risks, per scenario.

Every indicator has an entry in :data:`REGISTRY` with its unit, its direction (more is better or
worse), a definition in Dutch and English, the inputs it reads and the parameters it uses.
An indicator is computed as *contributions*: one number per scenario and per item (a
development, a project, a capacity row, an operator-year); the indicator's value is their sum
(or mean, or maximum, as the registry says). The contributions are what makes a score
traceable: ``indicator_sources.csv`` lists them, so any figure can be followed back to the rows
of the workspace that produced it.

Definitions that need a parameter (jobs per hectare, full-load hours, an emission factor) take
it from :class:`IndicatorParameters`, whose defaults name their source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.insight.inputs import phasing_share
from pmiek.variants.problem import Problem
from pmiek.variants.result import VariantResult
from pmiek.variants.verify import row_loads

TOLERANCE = 1e-6


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

    values: np.ndarray
    kind: str  # development | project | row | operator_year
    keys: np.ndarray  # (K,) item ids (for rows: "asset / direction / year")
    aggregate: str = "sum"  # sum | mean | max

    def total(self) -> np.ndarray:
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
    """What the indicators read: a variant, its problem and the workspace's rows behind it."""

    result: VariantResult
    workspace: Workspace
    parameters: IndicatorParameters
    developments: pd.DataFrame  # the problem's new developments, in its order
    projects: pd.DataFrame  # the problem's projects, in its order
    realised: np.ndarray  # (D, Y) phasing share

    @property
    def problem(self) -> Problem:
        return self.result.problem

    def year(self, year: int) -> int | None:
        """The index of ``year`` in the variant's years (None: outside its horizon)."""
        hit = np.flatnonzero(self.problem.years == year)
        return int(hit[0]) if len(hit) else None

    def quantity(self, unit: str, sectors: tuple[str, ...] = ()) -> np.ndarray:
        """(D, Y) the realised quantity in ``unit`` (0 for other units and sectors)."""
        dev = self.developments
        hit = (dev["unit"].astype(object) == unit).to_numpy().copy()
        if sectors:
            hit &= dev["sector"].astype(object).isin(sectors).to_numpy()
        q = dev["quantity"].to_numpy(dtype=float, na_value=0.0) * hit
        return q[:, None] * self.realised

    def built(self) -> np.ndarray:
        return np.asarray(self.result.start >= 0)

    def per_development(self, amount: np.ndarray, year: int | None) -> Contributions:
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
        return Contributions(values, "development", self.problem.dev_ids)

    def per_project(self, amount: np.ndarray) -> Contributions:
        """``amount`` (P,) for the projects the variant builds, the same in every scenario."""
        built = self.built()
        values = np.where(built, np.nan_to_num(amount.astype(float)), 0.0)
        n_s = len(self.problem.scenarios)
        return Contributions(np.tile(values[built], (n_s, 1)), "project",
                             self.problem.project_ids[built])


@dataclass(frozen=True)
class Indicator:
    """One entry of the registry."""

    id: str
    unit: str
    direction: str  # benefit | cost | neutral
    name_nl: str
    name_en: str
    definition_nl: str
    definition_en: str
    inputs: tuple[str, ...]
    compute: Callable[[Context], Contributions] = field(repr=False)
    parameters: tuple[str, ...] = ()

    def name(self, lang: str = "nl") -> str:
        return self.name_en if lang == "en" else self.name_nl

    def definition(self, lang: str = "nl") -> str:
        return self.definition_en if lang == "en" else self.definition_nl


# --- the computations -----------------------------------------------------------------------

def _homes(year: int) -> Callable[[Context], Contributions]:
    def compute(c: Context) -> Contributions:
        return c.per_development(c.problem.homes, year)
    return compute


def _business_ha(c: Context) -> Contributions:
    return c.per_development(c.quantity("ha", ("business_park",)), 2030)


def _jobs(c: Context) -> Contributions:
    amount = c.quantity("ha", ("business_park",)) * c.parameters.jobs_per_ha + \
        c.quantity("jobs")
    return c.per_development(amount, 2030)


def _sector_mw(c: Context, sectors: tuple[str, ...]) -> np.ndarray:
    hit = np.isin(c.problem.dev_sector, sectors)
    return np.asarray(c.problem.size_mw * hit[None, :, None])


def _industry_co2(c: Context) -> Contributions:
    p = c.parameters
    factor = p.industry_full_load_hours * p.gas_t_co2_per_mwh / 1000.0  # kt per MW-year
    return c.per_development(_sector_mw(c, ("industry",)) * factor, 2030)


def _renewable(c: Context) -> Contributions:
    p = c.parameters
    solar = c.quantity("MWp", ("solar",)) * p.solar_full_load_hours
    wind = c.quantity("MW", ("wind",)) * p.wind_full_load_hours
    without = ~((c.developments["unit"].astype(object) == "MWp")
                & (c.developments["sector"].astype(object) == "solar")
                | (c.developments["unit"].astype(object) == "MW")
                & (c.developments["sector"].astype(object) == "wind")).to_numpy()
    sizes = np.asarray(c.problem.size_mw)
    sector = c.problem.dev_sector
    flh = np.where(sector == "solar", p.solar_full_load_hours,
                   np.where(sector == "wind", p.wind_full_load_hours, 0.0)) * without
    gwh = (solar + wind)[None] + sizes * flh[None, :, None]
    return c.per_development(gwh / 1000.0, 2030)


def _charge_points(c: Context) -> Contributions:
    return c.per_development(c.quantity("charge_points"), 2030)


def _acm3(c: Context) -> Contributions:
    priority = c.developments["acm_priority"].to_numpy(dtype=float, na_value=0.0)
    return c.per_development(np.asarray(c.problem.size_mw) * (priority >= 3)[None, :, None],
                             2030)


def _acm3_share(c: Context) -> Contributions:
    part = _acm3(c)
    at = c.year(2030)
    if at is None:  # 2030 beyond the horizon: no value, like the other 2030 indicators
        return part
    planned = np.asarray(c.problem.size_mw)[:, :, at]
    priority = c.developments["acm_priority"].to_numpy(dtype=float, na_value=0.0) >= 3
    total = (planned * priority[None, :]).sum(axis=1, keepdims=True)
    values = np.divide(part.values, total, out=np.zeros_like(part.values), where=total > 0)
    values[(total <= 0)[:, 0]] = 1.0 / max(values.shape[1], 1)  # nothing planned: all there
    return Contributions(values, "development", part.keys)


def _blocked(c: Context) -> Contributions:
    at = c.year(2030)
    s = c.result.connected
    if at is None:
        return Contributions(np.full(s.shape[:2], np.nan), "development", c.problem.dev_ids)
    present = np.asarray(c.problem.size_mw)[:, :, at] > TOLERANCE
    values = (present & (s[:, :, at] < 1.0 - TOLERANCE)).astype(float)
    return Contributions(values, "development", c.problem.dev_ids)


def _row_keys(problem: Problem) -> np.ndarray:
    years = problem.years[np.asarray(problem.row_year, dtype=int)]
    return np.array([f"{a} / {d} / {y}" for a, d, y in
                     zip(problem.row_asset, problem.row_direction, years, strict=True)],
                    dtype=object)


def _shortage(c: Context) -> Contributions:
    p = c.problem
    unconnected = ((1.0 - c.result.connected) * np.asarray(p.size_mw)).sum(axis=2)
    overload = np.asarray(c.result.overload, dtype=float)
    keys = np.concatenate([p.dev_ids.astype(object), _row_keys(p)])
    return Contributions(np.concatenate([unconnected, overload], axis=1), "development|row",
                         keys)


def _column(name: str) -> Callable[[Context], Contributions]:
    def compute(c: Context) -> Contributions:
        return c.per_project(c.projects[name].to_numpy(dtype=float, na_value=0.0))
    return compute


def _capex_range(c: Context) -> Contributions:
    low = c.projects["capex_low_meur"].to_numpy(dtype=float, na_value=np.nan)
    high = c.projects["capex_high_meur"].to_numpy(dtype=float, na_value=np.nan)
    mid = c.projects["capex_meur"].to_numpy(dtype=float, na_value=0.0)
    return c.per_project(np.where(np.isnan(high), mid, high) - np.where(np.isnan(low), mid, low))


def _workforce(c: Context) -> Contributions:
    use = c.result.resource_use()
    use = use[use["resource"] == "fte"]
    ratio = (use["used"] / use["available"]).to_numpy(dtype=float)
    keep = np.isfinite(ratio)
    keys = (use["operator"].astype(str) + " / " + use["year"].astype(str)).to_numpy()[keep]
    n_s = len(c.problem.scenarios)
    return Contributions(np.tile(ratio[keep], (n_s, 1)), "operator_year", keys, "max")


def _lead_time_risk(c: Context) -> Contributions:
    """A candidate in service in its earliest possible year, max(first year + lead time,
    earliest_year) — from the projects table, so a year pinned with ``fixed`` counts as
    slack when it lies later."""
    p = c.problem
    lead = c.projects["lead_time_years"].to_numpy(dtype=float, na_value=0.0)
    earliest_year = c.projects["earliest_year"].to_numpy(dtype=float, na_value=-np.inf)
    earliest = np.maximum(float(p.years[0]) + lead, earliest_year)
    start = np.asarray(c.result.start, dtype=int)
    year = np.where(start >= 0, p.years[np.maximum(start, 0)], np.nan)
    tight = (start >= 0) & (year <= earliest) & (p.project_status == "candidate")
    return c.per_project(tight.astype(float))


def _new_stations(c: Context) -> Contributions:
    return c.per_project((c.problem.project_kind == "new_station").astype(float))


def needed(result: VariantResult) -> np.ndarray:
    """(S, P) bool: in scenario s the built project p is *needed*: without the capacity it
    adds (or the load it moves away), some capacity row would be over its capacity (beyond
    the tolerated existing overload) in a year it is in service."""
    p = result.problem
    n_s = len(p.scenarios)
    out = np.zeros((n_s, p.n_projects), dtype=bool)
    start = np.asarray(result.start, dtype=int)
    years = np.arange(len(p.years))
    z = ((start[:, None] >= 0) & (years[None, :] >= start[:, None])).astype(float)
    row_year = np.asarray(p.row_year, dtype=int)
    capacity = np.nan_to_num(np.asarray(p.row_capacity, dtype=float), nan=np.inf)
    delta = p.row_delta.tocoo()
    for scenario in range(n_s):  # a handful of scenarios
        load, added = row_loads(p, start, result.connected, scenario)
        room = capacity + added + np.asarray(result.overload[scenario], dtype=float)
        slack = room - load  # (N,)
        on = z[delta.col, row_year[delta.row]] > 0
        tight = on & (delta.data > TOLERANCE) & (slack[delta.row] < delta.data - TOLERANCE)
        out[scenario, delta.col[tight]] = True
        if len(p.move_row):
            q_row = np.asarray(p.move_row, dtype=int)
            mc = p.move_coef[scenario].tocoo()
            moved = np.asarray(p.move_base[scenario], dtype=float) + np.bincount(
                mc.row, weights=mc.data * result.connected[scenario][mc.col,
                                                                    row_year[q_row][mc.row]],
                minlength=len(q_row))
            q_project = np.asarray(p.move_project, dtype=int)
            q_on = z[q_project, row_year[q_row]] > 0
            relieves = q_on & (p.move_sign < 0) & (moved > TOLERANCE) & \
                (slack[q_row] < moved - TOLERANCE)
            out[scenario, q_project[relieves]] = True
    return out


def _no_regret(c: Context) -> Contributions:
    built = c.built()
    share = needed(c.result).mean(axis=0)
    n_s = len(c.problem.scenarios)
    return Contributions(np.tile(share[built], (n_s, 1)), "project",
                         c.problem.project_ids[built], "mean")


def _flex_mw(c: Context) -> Contributions:
    effects = c.workspace.project_effects
    size = np.maximum(effects["delta_demand_mw"].to_numpy(dtype=float, na_value=0.0),
                      effects["delta_feedin_mw"].to_numpy(dtype=float, na_value=0.0))
    per_project = pd.Series(size).groupby(effects["project_id"].astype(str).to_numpy()).sum()
    mw = per_project.reindex(c.problem.project_ids).fillna(0.0).to_numpy()
    flexible = np.isin(c.problem.project_kind, ("storage", "conversion", "flex_contract"))
    return c.per_project(mw * flexible)


def _utilisation(c: Context) -> Contributions:
    p = c.problem
    last = len(p.years) - 1
    rows = np.flatnonzero((np.asarray(p.row_year) == last) & (p.row_direction == "demand")
                          & (np.nan_to_num(np.asarray(p.row_capacity, dtype=float)) > 0))
    start = np.asarray(c.result.start, dtype=int)
    values = np.empty((len(p.scenarios), len(rows)))
    for scenario in range(len(p.scenarios)):
        load, added = row_loads(p, start, c.result.connected, scenario)
        values[scenario] = load[rows] / (np.asarray(p.row_capacity)[rows] + added[rows])
    return Contributions(values, "row", _row_keys(p)[rows], "mean")


def _value(c: Context) -> Contributions:
    p = c.problem
    per = p.value_meur_per_mw_year * (np.asarray(p.value) * c.result.connected
                                      * p.discount[None, None, :]).sum(axis=2)
    return Contributions(per, "development", p.dev_ids)


def _penalty(c: Context) -> Contributions:
    p = c.problem
    per = p.penalty_meur_per_mw_year * np.asarray(c.result.overload) * \
        p.discount[np.asarray(p.row_year, dtype=int)][None, :]
    return Contributions(per, "row", _row_keys(p))


def _discounted_cost(c: Context) -> Contributions:
    p = c.problem
    start = np.asarray(c.result.start, dtype=int)
    cost = np.zeros(p.n_projects)
    built = np.flatnonzero(start >= 0)
    cost[built] = p.cost_factor[built] * p.capex[built] * (
        p.spend[built, start[built], :] @ p.discount)
    return c.per_project(cost)


def _i(id: str, unit: str, direction: str, name_nl: str, name_en: str, definition_nl: str,
       definition_en: str, inputs: tuple[str, ...], compute: Callable[[Context], Contributions],
       parameters: tuple[str, ...] = ()) -> Indicator:
    return Indicator(id, unit, direction, name_nl, name_en, definition_nl, definition_en,
                     inputs, compute, parameters)


_CONNECTED = "variant: aangesloten aandeel per ontwikkeling en jaar"
_CONNECTED_EN = "variant: connected share per development and year"
_BUILT = ("variant: schedule", "projects")

REGISTRY: dict[str, Indicator] = {i.id: i for i in (
    _i("homes_connected_2030", "woningen", "benefit", "Woningen tijdig aangesloten (2030)",
       "Homes connected in time (2030)",
       "Σ over nieuwe woningbouw: aantal woningen × fasering in 2030 × aangesloten aandeel in "
       "2030.", "Σ over new housing: homes × phasing in 2030 × connected share in 2030.",
       ("developments.quantity", "developments.unit", "developments.start_year",
        "developments.end_year", _CONNECTED), _homes(2030)),
    _i("homes_connected_2035", "woningen", "benefit", "Woningen tijdig aangesloten (2035)",
       "Homes connected in time (2035)",
       "Als in 2030, in 2035 (leeg als de horizon eerder eindigt).",
       "As for 2030, in 2035 (empty when the horizon ends earlier).",
       ("developments.quantity", "developments.unit", _CONNECTED), _homes(2035)),
    _i("business_park_ha_2030", "ha", "benefit", "Bedrijventerrein aangesloten (2030)",
       "Business-park area connected (2030)",
       "Σ over bedrijventerreinen in ha: oppervlak × fasering × aangesloten aandeel in 2030.",
       "Σ over business parks in ha: area × phasing × connected share in 2030.",
       ("developments.quantity", "developments.unit", _CONNECTED), _business_ha),
    _i("jobs_2030", "banen", "benefit", "Werkgelegenheid op aangesloten werklocaties (2030)",
       "Jobs on connected work locations (2030)",
       "Aangesloten bedrijventerrein (ha) × banen per ha, plus ontwikkelingen in eenheid "
       "'jobs', in 2030.", "Connected business-park area (ha) × jobs per ha, plus "
       "developments in unit 'jobs', in 2030.",
       ("developments.quantity", "developments.unit", _CONNECTED), _jobs, ("jobs_per_ha",)),
    _i("industry_co2_kt_2030", "kt CO2/jaar", "benefit",
       "CO2-reductie door aangesloten industriële elektrificatie (2030)",
       "Industrial CO2 reduction enabled (2030)",
       "Aangesloten industriële vraag (MW) in 2030 × vollasturen × emissiefactor aardgas; "
       "1 MWh stroom vervangt 1 MWh gasgestookte warmte (vereenvoudiging).",
       "Connected industrial demand (MW) in 2030 × full-load hours × natural-gas emission "
       "factor; 1 MWh of electricity replaces 1 MWh of gas-fired heat (a simplification).",
       ("developments.demand_mw", "unit_parameters", _CONNECTED), _industry_co2,
       ("industry_full_load_hours", "gas_t_co2_per_mwh")),
    _i("renewable_gwh_2030", "GWh/jaar", "benefit", "Duurzame opwek aangesloten (2030)",
       "Renewable generation connected (2030)",
       "Zon: MWp × fasering × aangesloten aandeel × vollasturen per MWp; wind: MW × "
       "vollasturen; zonder vermogen: teruglevering (MW) × vollasturen; in 2030.",
       "Solar: MWp × phasing × connected share × full-load hours per MWp; wind: MW × "
       "full-load hours; without a quantity: feed-in (MW) × full-load hours; in 2030.",
       ("developments.quantity", "developments.feedin_mw", _CONNECTED), _renewable,
       ("solar_full_load_hours", "wind_full_load_hours")),
    _i("charge_points_2030", "laadpunten", "benefit", "Laadpunten aangesloten (2030)",
       "Charge points connected (2030)",
       "Σ laadpunten × fasering × aangesloten aandeel in 2030.",
       "Σ charge points × phasing × connected share in 2030.",
       ("developments.quantity", "developments.unit", _CONNECTED), _charge_points),
    _i("acm3_mw_2030", "MW", "benefit", "Basisvoorzieningen (ACM-prioriteit 3) aangesloten "
       "(2030)", "ACM-priority-3 utilities connected (2030)",
       "Σ vermogen (MW) van ontwikkelingen met ACM-prioriteit 3 × aangesloten aandeel in 2030.",
       "Σ capacity (MW) of developments with ACM priority 3 × connected share in 2030.",
       ("developments.acm_priority", "developments.demand_mw", _CONNECTED), _acm3),
    _i("acm3_share_2030", "-", "benefit", "Aandeel basisvoorzieningen (ACM-prioriteit 3) "
       "aangesloten (2030)", "Share of ACM-priority-3 utilities connected (2030)",
       "Aangesloten vermogen van ACM-prioriteit 3 gedeeld door het geplande vermogen in 2030 "
       "(1 als er niets gepland is).", "Connected capacity of ACM priority 3 divided by the "
       "planned capacity in 2030 (1 when none is planned).",
       ("developments.acm_priority", "developments.demand_mw", _CONNECTED), _acm3_share),
    _i("shortage_mw_years", "MW·jaar", "cost", "Resterend capaciteitstekort",
       "Remaining capacity shortage",
       "Σ over jaren van het niet aangesloten vermogen van nieuwe ontwikkelingen plus de "
       "resterende overbelasting van bestaande aansluitingen.",
       "Σ over years of the unconnected capacity of new developments plus the remaining "
       "overload of existing connections.",
       ("developments", "assets.capacity_demand_mw", "assets.capacity_feedin_mw",
        _CONNECTED, "variant: overbelasting per capaciteitsregel"), _shortage),
    _i("developments_blocked_2030", "ontwikkelingen", "cost",
       "Geblokkeerde ontwikkelingen (2030)", "Developments blocked (2030)",
       "Aantal nieuwe ontwikkelingen die in 2030 niet (volledig) aangesloten zijn.",
       "Number of new developments not (fully) connected in 2030.",
       ("developments", _CONNECTED), _blocked),
    _i("capex_meur", "M€", "cost", "Investering", "Capital expenditure",
       "Σ capex van de projecten die de variant bouwt (incl. afspraken uit de IP's).",
       "Σ capex of the projects the variant builds (including investment-plan commitments).",
       ("projects.capex_meur", *_BUILT), _column("capex_meur")),
    _i("capex_low_meur", "M€", "cost", "Investering, onderkant bandbreedte",
       "Capital expenditure, low end", "Σ capex_low_meur van de gebouwde projecten.",
       "Σ capex_low_meur of the projects built.", ("projects.capex_low_meur", *_BUILT),
       _column("capex_low_meur")),
    _i("capex_high_meur", "M€", "cost", "Investering, bovenkant bandbreedte",
       "Capital expenditure, high end", "Σ capex_high_meur van de gebouwde projecten.",
       "Σ capex_high_meur of the projects built.", ("projects.capex_high_meur", *_BUILT),
       _column("capex_high_meur")),
    _i("capex_range_meur", "M€", "cost", "Kostenonzekerheid",
       "Cost uncertainty", "Σ (capex_high − capex_low) van de gebouwde projecten.",
       "Σ (capex_high − capex_low) of the projects built.",
       ("projects.capex_low_meur", "projects.capex_high_meur", *_BUILT), _capex_range),
    _i("fte_years", "fte-jaar", "cost", "Beslag op technische menskracht",
       "Technical workforce needed", "Σ fte-jaren van de gebouwde projecten.",
       "Σ FTE-years of the projects built.", ("projects.fte_years", *_BUILT),
       _column("fte_years")),
    _i("workforce_pressure", "-", "cost", "Menskracht: vraag tegenover beschikbaarheid",
       "Workforce need against availability",
       "Hoogste verhouding benodigde / beschikbare fte over netbeheerders en jaren.",
       "Highest ratio of FTE needed to FTE available over operators and years.",
       ("resources.fte", "projects.fte_years", *_BUILT), _workforce),
    _i("transformers", "stuks", "cost", "Beslag op transformatoren",
       "Transformers needed", "Σ transformatoren van de gebouwde projecten.",
       "Σ transformers of the projects built.", ("projects.transformers", *_BUILT),
       _column("transformers")),
    _i("lead_time_risk", "projecten", "cost", "Doorlooptijdrisico", "Lead-time risk",
       "Aantal gebouwde kandidaat-projecten gepland in hun vroegst mogelijke jaar: elke "
       "vertraging schuift hun baten op.",
       "Number of candidate projects built in their earliest possible year: any delay "
       "postpones what they enable.",
       ("projects.lead_time_years", "projects.earliest_year", *_BUILT), _lead_time_risk),
    _i("new_stations", "stations", "cost", "Nieuwe stations (inpassing en vergunningen)",
       "New stations (siting and permits)", "Aantal gebouwde projecten van soort new_station.",
       "Number of new_station projects built.", ("projects.kind", *_BUILT), _new_stations),
    _i("spatial_claim_ha", "ha", "cost", "Ruimtebeslag", "Spatial claim",
       "Σ ruimtebeslag van de gebouwde projecten.", "Σ spatial claim of the projects built.",
       ("projects.spatial_claim_ha", *_BUILT), _column("spatial_claim_ha")),
    _i("no_regret_share", "-", "benefit", "Spijtvrij aandeel over scenario's",
       "No-regret share over scenarios",
       "Gemiddeld over de gebouwde projecten: het aandeel scenario's waarin het project nodig "
       "is (zonder het project raakt een capaciteitsregel overbelast).",
       "Mean over the projects built: the share of scenarios in which the project is needed "
       "(without it a capacity row would be overloaded).",
       ("project_effects", "assets", _CONNECTED, *_BUILT), _no_regret),
    _i("flex_mw", "MW", "benefit", "Flexibiliteit en koppeling van energiedragers",
       "Flexibility and carrier coupling",
       "Σ vermogen (MW) van gebouwde opslag-, conversie- en flexprojecten.",
       "Σ capacity (MW) of storage, conversion and flexibility projects built.",
       ("project_effects.delta_demand_mw", "project_effects.delta_feedin_mw", *_BUILT),
       _flex_mw),
    _i("asset_utilisation", "-", "cost", "Benutting van het net (laatste jaar)",
       "Grid utilisation (last year)",
       "Gemiddelde over stations met capaciteit van piekbelasting (afname) / capaciteit in "
       "het laatste jaar; hoog betekent weinig reserve.",
       "Mean over stations with a capacity of peak load (demand) / capacity in the last "
       "year; high means little reserve.", ("assets", _CONNECTED, *_BUILT), _utilisation),
    _i("societal_value_meur", "M€", "neutral", "Maatschappelijke waarde (lens, verdisconteerd)",
       "Societal value (lens, discounted)",
       "Lensgewogen waarde van de aangesloten ontwikkelingen, verdisconteerd; hangt af van de "
       "lens en vergelijkt dus geen varianten met elkaar.",
       "Lens-weighted value of the connected developments, discounted; depends on the lens, "
       "so it does not compare variants.", ("lens", _CONNECTED), _value),
    _i("overload_penalty_meur", "M€", "neutral", "Boete op resterende overbelasting",
       "Penalty on remaining overload",
       "Resterende overbelasting × boete per MW-jaar, verdisconteerd.",
       "Remaining overload × penalty per MW-year, discounted.", ("lens", "assets"), _penalty),
    _i("cost_meur", "M€", "neutral", "Verdisconteerde kosten (lens)",
       "Discounted cost (lens)", "Σ capex × kostenfactor van de lens, verdisconteerd.",
       "Σ capex × the lens' cost factor, discounted.", ("projects.capex_meur", "lens"),
       _discounted_cost),
)}
"""Every indicator pmiek computes, by id."""


def registry_frame(lang: str = "nl") -> pd.DataFrame:
    """The registry as a table: id, name, unit, direction, definition, inputs, parameters."""
    return pd.DataFrame([{
        "indicator": i.id, "name": i.name(lang), "unit": i.unit, "direction": i.direction,
        "definition": i.definition(lang), "inputs": "; ".join(i.inputs),
        "parameters": "; ".join(i.parameters)} for i in REGISTRY.values()])


def context(result: VariantResult, workspace: Workspace,
            parameters: IndicatorParameters | None = None) -> Context:
    p = result.problem
    dev = workspace.developments.iloc[np.asarray(p.dev_rows, dtype=int)].reset_index(drop=True)
    projects = workspace.projects.set_index(workspace.projects["id"].astype(str)) \
        .reindex(p.project_ids).reset_index(drop=True)
    realised = phasing_share(dev["start_year"].to_numpy(dtype=float),
                             dev["end_year"].to_numpy(dtype=float), p.years)
    return Context(result, workspace, parameters or IndicatorParameters(), dev, projects,
                   realised)


def _check_known(ids: tuple[str, ...]) -> None:
    unknown = [i for i in ids if i not in REGISTRY]
    if unknown:
        raise InputError(f"Onbekende indicator(en): {', '.join(unknown)}; bekend: "
                         f"{', '.join(REGISTRY)}.")


def contributions(result: VariantResult, workspace: Workspace, indicator: str,
                  parameters: IndicatorParameters | None = None) -> Contributions:
    """The contributions of every item to ``indicator`` in ``result``."""
    _check_known((indicator,))
    return REGISTRY[indicator].compute(context(result, workspace, parameters))


def compute_indicators(result: VariantResult, workspace: Workspace,
                       parameters: IndicatorParameters | None = None,
                       indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """(scenario × indicator) the value of each indicator of ``result`` in each scenario."""
    ctx = context(result, workspace, parameters)
    ids = indicators or tuple(REGISTRY)
    _check_known(ids)
    columns = {i: REGISTRY[i].compute(ctx).total() for i in ids}
    index = pd.Index([str(s) for s in result.problem.scenarios], name="scenario")
    return pd.DataFrame(columns, index=index)


def sources(result: VariantResult, workspace: Workspace,
            parameters: IndicatorParameters | None = None,
            indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Long table: indicator, scenario, kind, item, contribution (non-zero only)."""
    ctx = context(result, workspace, parameters)
    frames = []
    scenarios = np.array([str(s) for s in result.problem.scenarios], dtype=object)
    ids = indicators or tuple(REGISTRY)
    _check_known(ids)
    for ident in ids:
        part = REGISTRY[ident].compute(ctx)
        s_idx, k_idx = np.nonzero(np.nan_to_num(part.values) != 0)
        frames.append(pd.DataFrame({
            "indicator": ident, "scenario": scenarios[s_idx], "kind": part.kind,
            "item": part.keys[k_idx], "contribution": part.values[s_idx, k_idx],
            "aggregate": part.aggregate}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["indicator", "scenario", "kind", "item", "contribution", "aggregate"])


def performance(results: Mapping[str, VariantResult], workspace: Workspace,
                parameters: IndicatorParameters | None = None,
                indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Long table: variant, scenario, indicator, value — the performance matrix per scenario."""
    frames = []
    for name, result in results.items():
        wide = compute_indicators(result, workspace, parameters, indicators)
        long = wide.reset_index().melt(id_vars="scenario", var_name="indicator",
                                       value_name="value")
        long.insert(0, "variant", name)
        frames.append(long)
    return pd.concat(frames, ignore_index=True)
