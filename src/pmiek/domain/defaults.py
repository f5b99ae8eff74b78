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

VALUE_MEUR_PER_MW_YEAR = 0.5
"""The value of connecting one MW of lens weight 1 for a year [M€ per MW-year], the central
estimate of :data:`VALUE_RANGE_MEUR_PER_MW_YEAR` (README, "Waarde van een aansluiting").

Top-down: the full grid costs the Dutch economy €10–40 bn a year, mostly revenue that firms
which cannot connect miss (BCG, 2024, as reported by Reformatorisch Dagblad, September 2024;
BCG's report itself was not found in public). Divided by the 9.1 GW of offtake requests of
large users waiting at the regional operators on 1 July 2025 (Minister of KGG, answer to
Kamervragen of 2 February 2026, 2026D04817) that is 1.1–4.4 M€ of revenue per MW-year, or
0.33–1.3 in value added at an assumed 0.3 of value added per euro of revenue. Bottom-up: a
small business refused a 2 × 250 A connection (0.35 MW) pays €84,000 a year for a bridging
battery, 0.24 M€ per MW-year, and over €300,000 in its first 14 months all told, 0.74 (Hart van
Nederland, 2025). The central value is the geometric mean of the two estimates' midpoints (0.66
and 0.42: 0.53), rounded to 0.5. It is the value of business capacity; the lenses weigh other
sectors relative to it (their sector weights)."""

VALUE_RANGE_MEUR_PER_MW_YEAR = (0.25, 1.5)
"""The low and high end of the value of a connection [M€ per MW-year]: the bottom-up low
(0.24) and the top-down high (1.3) of :data:`VALUE_MEUR_PER_MW_YEAR`, rounded outward."""

VALUE_SOURCE = {
    "nl": "BCG 2024 (via RD, sep. 2024): netcongestie kost 10–40 mld € per jaar; ÷ 9,1 GW "
          "wachtrij afname MS/LS (minister KGG, Kamervragen 2026D04817) × 0,3 toegevoegde "
          "waarde (aanname) = 0,33–1,3; overbruggingskosten mkb (Hart van Nederland, 2025) "
          "0,24–0,74 M€ per MW-jaar",
    "en": "BCG 2024 (via RD, Sep 2024): grid congestion costs €10–40 bn a year; ÷ 9.1 GW "
          "offtake queue MV/LV (Minister of KGG, Kamervragen 2026D04817) × 0.3 value added "
          "(assumed) = 0.33–1.3; bridging costs of an SME (Hart van Nederland, 2025) 0.24–0.74 "
          "M€ per MW-year",
}
"""Where :data:`VALUE_MEUR_PER_MW_YEAR` comes from, per language: the value of a lens that
names none of its own (the built-in lenses state it in their files)."""

__all__ = ["AREA_TOLERANCE_M", "DISCOUNT_RATE", "EARLIEST_YEAR", "FIRM_CERTAINTY", "FIRST_YEAR",
           "LATEST_YEAR", "LOAD_HORIZON", "OLDEST_YEAR", "VALUE_MEUR_PER_MW_YEAR",
           "VALUE_RANGE_MEUR_PER_MW_YEAR", "VALUE_SOURCE", "VARIANTS_HORIZON"]

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
