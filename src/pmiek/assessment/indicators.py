"""Indicators of a variant: what it connects, costs, asks and risks, per scenario.

Every indicator has an entry in :data:`REGISTRY` with its unit, its direction (more is better or
worse), a definition in Dutch and English, the inputs it reads and the parameters it uses.
An indicator is computed as *contributions*: one number per scenario and per item (a
development, a project, a capacity row, an operator-year); the indicator's value is their sum
(or mean, or maximum, as the registry says). The contributions are what makes a score
traceable: ``indicator_sources.csv`` lists them, so any figure can be followed back to the rows
of the workspace that produced it.

How each is measured is in :mod:`pmiek.assessment.measures`; definitions that need a
parameter (jobs per hectare, full-load hours, an emission factor) take it from
:class:`~pmiek.assessment.measures.IndicatorParameters`, whose defaults name their source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pmiek.assessment import measures as m
from pmiek.assessment.measures import Context, Contributions, IndicatorParameters, context
from pmiek.domain.labels import Pair, in_language
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.framework.enums import Direction
from pmiek.variants.result import VariantResult


@dataclass(frozen=True)
class Indicator:
    """One entry of the registry."""

    id: str
    unit: str
    direction: Direction
    name_nl: str
    name_en: str
    definition_nl: str
    definition_en: str
    inputs: tuple[str, ...]
    compute: Callable[[Context], Contributions] = field(repr=False)
    parameters: tuple[str, ...] = ()

    def name(self, lang: str = "nl") -> str:
        return in_language((self.name_nl, self.name_en), lang)

    def definition(self, lang: str = "nl") -> str:
        return in_language((self.definition_nl, self.definition_en), lang)


def _i(id: str, unit: str, direction: Direction, name: Pair, definition: Pair, *,
       inputs: tuple[str, ...], compute: Callable[[Context], Contributions],
       parameters: tuple[str, ...] = ()) -> Indicator:
    """An entry of the registry; ``name`` and ``definition`` are (Dutch, English)."""
    return Indicator(id, unit, direction, *name, *definition, inputs, compute, parameters)


_CONNECTED = "variant: aangesloten aandeel per ontwikkeling en jaar"
_CONNECTED_EN = "variant: connected share per development and year"
_BUILT = ("variant: schedule", "projects")

REGISTRY: dict[str, Indicator] = {i.id: i for i in (
    _i("homes_connected_2030", "woningen", Direction.BENEFIT,
       ("Woningen tijdig aangesloten (2030)", "Homes connected in time (2030)"),
       ("Σ over nieuwe woningbouw: aantal woningen × fasering in 2030 × aangesloten aandeel in "
        "2030.",
        "Σ over new housing: homes × phasing in 2030 × connected share in 2030."),
       inputs=("developments.quantity", "developments.unit", "developments.start_year",
               "developments.end_year", _CONNECTED), compute=m.homes_at(2030)),
    _i("homes_connected_2035", "woningen", Direction.BENEFIT,
       ("Woningen tijdig aangesloten (2035)", "Homes connected in time (2035)"),
       ("Als in 2030, in 2035 (leeg als de horizon eerder eindigt).",
        "As for 2030, in 2035 (empty when the horizon ends earlier)."),
       inputs=("developments.quantity", "developments.unit", _CONNECTED), compute=m.homes_at(2035)),
    _i("business_park_ha_2030", "ha", Direction.BENEFIT,
       ("Bedrijventerrein aangesloten (2030)", "Business-park area connected (2030)"),
       ("Σ over bedrijventerreinen in ha: oppervlak × fasering × aangesloten aandeel in 2030.",
        "Σ over business parks in ha: area × phasing × connected share in 2030."),
       inputs=("developments.quantity", "developments.unit", _CONNECTED),
       compute=m.business_park_ha),
    _i("jobs_2030", "banen", Direction.BENEFIT,
       ("Werkgelegenheid op aangesloten werklocaties (2030)",
        "Jobs on connected work locations (2030)"),
       ("Aangesloten bedrijventerrein (ha) × banen per ha, plus ontwikkelingen in eenheid 'jobs', "
        "in 2030.",
        "Connected business-park area (ha) × jobs per ha, plus developments in unit 'jobs', in "
        "2030."),
       inputs=("developments.quantity", "developments.unit", _CONNECTED),
       compute=m.jobs, parameters=("jobs_per_ha",)),
    _i("industry_co2_kt_2030", "kt CO2/jaar", Direction.BENEFIT,
       ("CO2-reductie door aangesloten industriële elektrificatie (2030)",
        "Industrial CO2 reduction enabled (2030)"),
       ("Aangesloten industriële vraag (MW) in 2030 × vollasturen × emissiefactor aardgas; 1 MWh "
        "stroom vervangt 1 MWh gasgestookte warmte (vereenvoudiging).",
        "Connected industrial demand (MW) in 2030 × full-load hours × natural-gas emission factor; "
        "1 MWh of electricity replaces 1 MWh of gas-fired heat (a simplification)."),
       inputs=("developments.demand_mw", "unit_parameters", _CONNECTED),
       compute=m.industry_co2, parameters=("industry_full_load_hours", "gas_t_co2_per_mwh")),
    _i("renewable_gwh_2030", "GWh/jaar", Direction.BENEFIT,
       ("Duurzame opwek aangesloten (2030)", "Renewable generation connected (2030)"),
       ("Zon: MWp × fasering × aangesloten aandeel × vollasturen per MWp; wind: MW × vollasturen; "
        "zonder vermogen: teruglevering (MW) × vollasturen; in 2030.",
        "Solar: MWp × phasing × connected share × full-load hours per MWp; wind: MW × full-load "
        "hours; without a quantity: feed-in (MW) × full-load hours; in 2030."),
       inputs=("developments.quantity", "developments.feedin_mw", _CONNECTED),
       compute=m.renewable, parameters=("solar_full_load_hours", "wind_full_load_hours")),
    _i("charge_points_2030", "laadpunten", Direction.BENEFIT,
       ("Laadpunten aangesloten (2030)", "Charge points connected (2030)"),
       ("Σ laadpunten × fasering × aangesloten aandeel in 2030.",
        "Σ charge points × phasing × connected share in 2030."),
       inputs=("developments.quantity", "developments.unit", _CONNECTED), compute=m.charge_points),
    _i("acm3_mw_2030", "MW", Direction.BENEFIT,
       ("Basisvoorzieningen (ACM-prioriteit 3) aangesloten (2030)",
        "ACM-priority-3 utilities connected (2030)"),
       ("Σ vermogen (MW) van ontwikkelingen met ACM-prioriteit 3 × aangesloten aandeel in 2030.",
        "Σ capacity (MW) of developments with ACM priority 3 × connected share in 2030."),
       inputs=("developments.acm_priority", "developments.demand_mw", _CONNECTED),
       compute=m.acm3_mw),
    _i("acm3_share_2030", "-", Direction.BENEFIT,
       ("Aandeel basisvoorzieningen (ACM-prioriteit 3) aangesloten (2030)",
        "Share of ACM-priority-3 utilities connected (2030)"),
       ("Aangesloten vermogen van ACM-prioriteit 3 gedeeld door het geplande vermogen in 2030 (1 "
        "als er niets gepland is).",
        "Connected capacity of ACM priority 3 divided by the planned capacity in 2030 (1 when none "
        "is planned)."),
       inputs=("developments.acm_priority", "developments.demand_mw", _CONNECTED),
       compute=m.acm3_share),
    _i("shortage_mw_years", "MW·jaar", Direction.COST,
       ("Resterend capaciteitstekort", "Remaining capacity shortage"),
       ("Σ over jaren van het niet aangesloten vermogen van nieuwe ontwikkelingen plus de "
        "resterende overbelasting van bestaande aansluitingen.",
        "Σ over years of the unconnected capacity of new developments plus the remaining overload "
        "of existing connections."),
       inputs=("developments", "assets.capacity_demand_mw", "assets.capacity_feedin_mw", _CONNECTED,
               "variant: overbelasting per capaciteitsregel"), compute=m.shortage),
    _i("developments_blocked_2030", "ontwikkelingen", Direction.COST,
       ("Geblokkeerde ontwikkelingen (2030)", "Developments blocked (2030)"),
       ("Aantal nieuwe ontwikkelingen die in 2030 niet (volledig) aangesloten zijn.",
        "Number of new developments not (fully) connected in 2030."),
       inputs=("developments", _CONNECTED), compute=m.blocked),
    _i("capex_meur", "M€", Direction.COST,
       ("Investering", "Capital expenditure"),
       ("Σ capex van de projecten die de variant bouwt (incl. afspraken uit de IP's).",
        "Σ capex of the projects the variant builds (including investment-plan commitments)."),
       inputs=("projects.capex_meur", *_BUILT), compute=m.project_column("capex_meur")),
    _i("capex_low_meur", "M€", Direction.COST,
       ("Investering, onderkant bandbreedte", "Capital expenditure, low end"),
       ("Σ capex_low_meur van de gebouwde projecten.", "Σ capex_low_meur of the projects built."),
       inputs=("projects.capex_low_meur", *_BUILT), compute=m.project_column("capex_low_meur")),
    _i("capex_high_meur", "M€", Direction.COST,
       ("Investering, bovenkant bandbreedte", "Capital expenditure, high end"),
       ("Σ capex_high_meur van de gebouwde projecten.", "Σ capex_high_meur of the projects built."),
       inputs=("projects.capex_high_meur", *_BUILT), compute=m.project_column("capex_high_meur")),
    _i("capex_range_meur", "M€", Direction.COST,
       ("Kostenonzekerheid", "Cost uncertainty"),
       ("Σ (capex_high − capex_low) van de gebouwde projecten.",
        "Σ (capex_high − capex_low) of the projects built."),
       inputs=("projects.capex_low_meur", "projects.capex_high_meur", *_BUILT),
       compute=m.capex_range),
    _i("fte_years", "fte-jaar", Direction.COST,
       ("Beslag op technische menskracht", "Technical workforce needed"),
       ("Σ fte-jaren van de gebouwde projecten.", "Σ FTE-years of the projects built."),
       inputs=("projects.fte_years", *_BUILT), compute=m.project_column("fte_years")),
    _i("workforce_pressure", "-", Direction.COST,
       ("Menskracht: vraag tegenover beschikbaarheid", "Workforce need against availability"),
       ("Hoogste verhouding benodigde / beschikbare fte over netbeheerders en jaren.",
        "Highest ratio of FTE needed to FTE available over operators and years."),
       inputs=("resources.fte", "projects.fte_years", *_BUILT), compute=m.workforce),
    _i("transformers", "stuks", Direction.COST,
       ("Beslag op transformatoren", "Transformers needed"),
       ("Σ transformatoren van de gebouwde projecten.", "Σ transformers of the projects built."),
       inputs=("projects.transformers", *_BUILT), compute=m.project_column("transformers")),
    _i("lead_time_risk", "projecten", Direction.COST,
       ("Doorlooptijdrisico", "Lead-time risk"),
       ("Aantal gebouwde kandidaat-projecten gepland in hun vroegst mogelijke jaar: elke "
        "vertraging schuift hun baten op.",
        "Number of candidate projects built in their earliest possible year: any delay postpones "
        "what they enable."),
       inputs=("projects.lead_time_years", "projects.earliest_year", *_BUILT),
       compute=m.lead_time_risk),
    _i("new_stations", "stations", Direction.COST,
       ("Nieuwe stations (inpassing en vergunningen)", "New stations (siting and permits)"),
       ("Aantal gebouwde projecten van soort new_station.",
        "Number of new_station projects built."),
       inputs=("projects.kind", *_BUILT), compute=m.new_stations),
    _i("spatial_claim_ha", "ha", Direction.COST,
       ("Ruimtebeslag", "Spatial claim"),
       ("Σ ruimtebeslag van de gebouwde projecten.", "Σ spatial claim of the projects built."),
       inputs=("projects.spatial_claim_ha", *_BUILT), compute=m.project_column("spatial_claim_ha")),
    _i("no_regret_share", "-", Direction.BENEFIT,
       ("Spijtvrij aandeel over scenario's", "No-regret share over scenarios"),
       ("Gemiddeld over de gebouwde projecten: het aandeel scenario's waarin het project nodig is "
        "(zonder het project raakt een capaciteitsregel overbelast).",
        "Mean over the projects built: the share of scenarios in which the project is needed "
        "(without it a capacity row would be overloaded)."),
       inputs=("project_effects", "assets", _CONNECTED, *_BUILT), compute=m.no_regret),
    _i("flex_mw", "MW", Direction.BENEFIT,
       ("Flexibiliteit en koppeling van energiedragers", "Flexibility and carrier coupling"),
       ("Σ vermogen (MW) van gebouwde opslag-, conversie- en flexprojecten.",
        "Σ capacity (MW) of storage, conversion and flexibility projects built."),
       inputs=("project_effects.delta_demand_mw", "project_effects.delta_feedin_mw", *_BUILT),
       compute=m.flex_mw),
    _i("asset_utilisation", "-", Direction.COST,
       ("Benutting van het net (laatste jaar)", "Grid utilisation (last year)"),
       ("Gemiddelde over stations met capaciteit van piekbelasting (afname) / capaciteit in het "
        "laatste jaar; hoog betekent weinig reserve.",
        "Mean over stations with a capacity of peak load (demand) / capacity in the last year; "
        "high means little reserve."),
       inputs=("assets", _CONNECTED, *_BUILT), compute=m.utilisation),
    _i("societal_value_meur", "M€", Direction.NEUTRAL,
       ("Waarde aansluitingen (lensgewogen, verdisconteerd)",
        "Value of connections (lens-weighted, discounted)"),
       ("Lensgewogen waarde van de aangesloten ontwikkelingen tegen de centrale waarde per "
        "MW-jaar van de lens (bron en bereik in het lensbestand), verdisconteerd; hangt af van "
        "de lens en vergelijkt dus geen varianten met elkaar.",
        "Lens-weighted value of the connected developments at the lens' central value per "
        "MW-year (source and range in the lens file), discounted; depends on the lens, so it "
        "does not compare variants."),
       inputs=("lens", _CONNECTED), compute=m.lens_value),
    _i("overload_penalty_meur", "M€", Direction.NEUTRAL,
       ("Boete op resterende overbelasting", "Penalty on remaining overload"),
       ("Resterende overbelasting × boete per MW-jaar, verdisconteerd.",
        "Remaining overload × penalty per MW-year, discounted."),
       inputs=("lens", "assets"), compute=m.overload_penalty),
    _i("cost_meur", "M€", Direction.NEUTRAL,
       ("Verdisconteerde kosten (lens)", "Discounted cost (lens)"),
       ("Σ capex × kostenfactor van de lens, verdisconteerd.",
        "Σ capex × the lens' cost factor, discounted."),
       inputs=("projects.capex_meur", "lens"), compute=m.discounted_cost),
)}
"""Every indicator pmiek computes, by id."""


def registry_frame(lang: str = "nl") -> pd.DataFrame:
    """The registry as a table: id, name, unit, direction, definition, inputs, parameters."""
    return pd.DataFrame([{
        "indicator": i.id, "name": i.name(lang), "unit": i.unit, "direction": i.direction.value,
        "definition": i.definition(lang), "inputs": "; ".join(i.inputs),
        "parameters": "; ".join(i.parameters)} for i in REGISTRY.values()])


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
    index = pd.Index([str(s) for s in result.instance.scenarios], name="scenario")
    return pd.DataFrame(columns, index=index)


def sources(result: VariantResult, workspace: Workspace,
            parameters: IndicatorParameters | None = None,
            indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Long table: indicator, scenario, kind, item, contribution (non-zero only)."""
    ctx = context(result, workspace, parameters)
    frames = []
    scenarios = np.array([str(s) for s in result.instance.scenarios], dtype=object)
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
