"""The defaults of a run, in one place (DESIGN.md, "Time" and "Variant design").

Every engine, command and page that needs one of these imports it from here, so that a
default is changed in exactly one place. Each can be overridden per run.
"""

from __future__ import annotations

FIRST_YEAR = 2026
"""The first year of a run [year]: the first year the load engine computes and the first
year in which the variant design may bring a project into service. A candidate project with
lead time L is in service no earlier than ``FIRST_YEAR + L`` (DESIGN.md, "Time")."""

LOAD_HORIZON = 2050
"""The last year the load engine computes by default [year], and the last year validation
accepts in a workspace. Integraal programmeren has a long-term goal "richting 2050"
(Startnotitie P-MIEK 2.0, §2.2), the year by which the province is to be CO2-neutral."""

VARIANTS_HORIZON = 2035
"""The last year of the variant design by default [year]: the end of the view period of the
grid operators' investment plans, "de IP zichtstermijn (2026-2035)" (Startnotitie P-MIEK 2.0,
§2.1)."""

EARLIEST_YEAR = 2000
"""Validation rejects years before this [year]: the contract plans forward from the recent
past (existing load is entered as developments that started before ``FIRST_YEAR``)."""

LATEST_YEAR = 2100
"""The last year a run may reach and a workspace may name [year]: half a century past the
long-term goal of 2050. Every array over years is bounded by it (a horizon of 99999 would ask for
100,000 years of hourly loads); ``--horizon`` and ``--first-year`` beyond it are refused."""

OLDEST_YEAR = 1900
"""The first year any year column may hold at all [year] (the schema's range); validation
narrows it to ``EARLIEST_YEAR`` … horizon by default."""

AREA_TOLERANCE_M = 250.0
"""How far an asset, a development or a child area may lie outside the area it names before
validation warns [m]. Municipal outlines are often generalised to few vertices (CBS
Gebiedsindelingen, generalised), which cuts corners off and moves a border by up to a few
hundred metres; 250 m keeps those from warning while a point in the wrong municipality (on
the order of kilometres away) still does."""

DISCOUNT_RATE = 0.0225
"""The social discount rate [1/year]: 2.25 % per year, the standard discount rate of the
Dutch guideline for social cost-benefit analysis (MKBA; Rapport Werkgroep discontovoet
2020). The variant design weighs the values and costs of year y by
(1 + DISCOUNT_RATE) ** −(y − first_year)."""

FIRM_CERTAINTY = 4
"""The least ``certainty`` of a development that counts as *firm* load when the priority
list judges whether a project is needed (:mod:`pmiek.assessment.no_regret`) [class 1–5].
The contract's certainty classes (1 idee … 5 vastgesteld) follow the maturity scale of
integraal programmeren in practice: 1 idee, 2 beleidsvoornemen and 3 planvorming are *zacht*,
4 besluitvorming loopt and 5 vastgesteld / in uitvoering are *vast*. The Startnotitie P-MIEK
2.0 names no threshold; taking the boundary between zacht and vast is a choice."""

__all__ = ["AREA_TOLERANCE_M", "DISCOUNT_RATE", "EARLIEST_YEAR", "FIRM_CERTAINTY", "FIRST_YEAR",
           "LATEST_YEAR", "LOAD_HORIZON", "OLDEST_YEAR", "VARIANTS_HORIZON"]

GAS_LHV_MJ_PER_M3 = 31.65
"""Lower heating value of natural gas in Groningen quality (aardgasequivalent), MJ/m³: the
value at which ETM converts CBS's m³ (scripts/utrecht/gas_2023_notes.md). 1 MW = 3,600 MJ/h,
so 1 MW ≈ 113.7 m³/h."""
HYDROGEN_LHV_MJ_PER_KG = 120.0
"""Lower heating value of hydrogen, MJ/kg (the textbook figure): 1 MW ≈ 30 kg/h."""


def flow_beside_mw(carrier: str, mw: float) -> tuple[float, str] | None:
    """The flow that ``mw`` of gas or hydrogen (lower heating value) is, with its unit: m³/h
    of natural gas, kg/h of hydrogen; None for other carriers."""
    if carrier == "methane":
        return mw * 3600.0 / GAS_LHV_MJ_PER_M3, "m³/h"
    if carrier == "hydrogen":
        return mw * 3600.0 / HYDROGEN_LHV_MJ_PER_KG, "kg/h"
    return None
