"""The notes that go with a priority list: how the tiers are decided and the list is ordered,
what its less obvious columns mean, and — for a hotspot run — what its fixed context is; per
language (:mod:`pmiek.assessment.priority` makes the list)."""

from __future__ import annotations

from pmiek.domain.defaults import FIRM_CERTAINTY
from pmiek.domain.labels import localised

TIER_RULE = {
    "nl": "Klasse. Een project is nodig in een scenario als zonder het project, in het jaar "
          "dat het in bedrijf komt, een capaciteitsregel die het ontlast overbelast raakt door "
          "de vaste belasting: de bestaande belasting plus de nieuwe ontwikkelingen met "
          "zekerheid {k} of hoger, zonder de aansluitingen waartoe de variant zelf besluit; "
          "met de capaciteit van de andere projecten die dan in bedrijf zijn en de bestaande "
          "overbelasting die ook met alle projecten blijft. 1 spijtvrij: nodig in elk "
          "scenario; 2 robuust: nodig in elk scenario behalve het scenario met de laagste "
          "provinciale piek in de energiedrager en richting (afname of invoeding) die het "
          "project ontlast (kolom low_scenario); 3 scenario-afhankelijk: de rest. "
          "Volgorde: eerst naar klasse (1 boven 2 boven 3), dan binnen een klasse naar "
          "marginale waarde per M€ kosten (value_per_meur, hoogste eerst), dan naar marginale "
          "waarde; een project met een hoge waarde kan dus onder een project van een betere "
          "klasse staan.",
    "en": "Tier. A project is needed in a scenario when without it, in the year it comes into "
          "service, a capacity row it relieves is overloaded by the firm load: the existing "
          "load plus the new developments with certainty {k} or more, without the "
          "connections the variant itself decides on; with the capacity of the other "
          "projects in service by then and the existing overload that remains with all of "
          "them. 1 no-regret: needed in every scenario; 2 robust: needed in every scenario "
          "but the one with the lowest province peak in the carrier and direction (demand or "
          "feed-in) the project relieves (column low_scenario); 3 scenario-dependent: the "
          "rest. Order: first by tier (1 above 2 above 3), then within a tier by marginal "
          "value per M€ of cost (value_per_meur, highest first), then by marginal value; a "
          "project of high value may therefore stand below one of a better tier.",
}
"""How the tiers are decided and the list is ordered, per language (``{k}``: the least firm
certainty)."""


def tier_rule(lang: str = "nl", firm_certainty: int = FIRM_CERTAINTY) -> str:
    """The tier rule as one paragraph in ``lang``, for the notes of the priority list."""
    return localised(TIER_RULE, lang).format(k=firm_certainty)


PRIORITY_NOTES = {
    "nl": [
        ("no_regret_share", "De kans (som van de scenariogewichten) van de scenario's waarin "
                            "het project nodig is, volgens dezelfde regel als de klasse."),
        ("scenarios_needed", "De scenario's waarin het project nodig is; '-' als het in geen "
                             "enkel scenario nodig is tegen de vaste belasting."),
        ("low_scenario", "Het scenario met de laagste provinciale piek in de energiedrager en "
                         "richting die het project ontlast, in het jaar dat het in bedrijf "
                         "komt (leeg als alle scenario's dezelfde piek hebben)."),
        ("marginal_value_meur", "Waarde van de aansluitingen die het project mogelijk maakt: "
                                "wat het doel van de variant verliest zonder het project en "
                                "de projecten die erop voortbouwen, plus hun kosten (leeg: "
                                "onmisbaar). Lensgewogen (sectorgewichten van de lens) en "
                                "verdisconteerd, tegen de centrale waarde van een aangesloten "
                                "MW-jaar; geen volledige maatschappelijke kosten-batenanalyse."),
        ("why", "Waarom het project gebouwd wordt: het netdeel (why_asset_id), de richting "
                "(why_direction) en het eerste jaar (why_year) waarin het zonder dit project, "
                "met de aansluitingen van de variant, het meest overbelast zou raken; of het "
                "project waarvoor het nodig is (why_other_project). Waarom de overige "
                "kandidaten niet gebouwd worden staat in why.csv."),
        ("enabled_mw", "De MW (enabled_mw) en woningen (homes_enabled) die in het laatste jaar "
                       "van de horizon aangesloten zijn met het project en niet zonder "
                       "(verwacht over de scenario's); 0 voor een project dat een bestaande "
                       "overbelasting wegneemt zonder een aansluiting te veranderen; onder 0 "
                       "als zonder het project de opnieuw gekozen aansluitingen er juist meer "
                       "van nemen, ten koste van andere."),
        ("priority_by_area", "De lijst verdeeld per gemeente en per RES-regio "
                             "(priority_by_area: het gebied van het project, via de "
                             "bovenliggende gebieden; projecten boven dat niveau of zonder "
                             "gebied samen in één rij) en per netbeheerder "
                             "(priority_by_operator): aantal projecten, investering (niet "
                             "verdisconteerd), aantal per klasse en de som van de marginale "
                             "waarden, MW en woningen. Een som van marginale waarden is niet "
                             "de waarde van die projecten samen: projecten die elkaar nodig "
                             "hebben, tellen elk de volle waarde."),
    ],
    "en": [
        ("no_regret_share", "The probability (sum of the scenario weights) of the scenarios in "
                            "which the project is needed, by the same rule as the tier."),
        ("scenarios_needed", "The scenarios in which the project is needed; '-' when it is "
                             "needed in none against the firm load."),
        ("low_scenario", "The scenario with the lowest province peak in the carrier and "
                         "direction the project relieves, in the year it comes into service "
                         "(empty when every scenario has the same peak)."),
        ("marginal_value_meur", "Value of the connections the project makes possible: what "
                                "the variant's objective loses without the project and the "
                                "projects that depend on it, plus their cost (empty: "
                                "indispensable). Lens-weighted (the lens' sector weights) and "
                                "discounted, at the central value of a connected MW-year; not a "
                                "full social cost-benefit analysis."),
        ("why", "Why the project is built: the asset (why_asset_id), direction "
                "(why_direction) and first year (why_year) that would be overloaded most "
                "without it, with the variant's connections; or the project that needs it "
                "(why_other_project). Why the other candidates are not built is in why.csv."),
        ("enabled_mw", "The MW (enabled_mw) and homes (homes_enabled) connected in the last "
                       "year of the horizon with the project and not without it (expected "
                       "over the scenarios); 0 for a project that relieves an existing "
                       "overload without changing a connection; below 0 where, without the "
                       "project, the re-optimised connections take more of them, at the "
                       "expense of others."),
        ("priority_by_area", "The list broken down per municipality and per RES region "
                             "(priority_by_area: the project's area, through the areas above "
                             "it; projects above that level or without an area together in "
                             "one row) and per grid operator (priority_by_operator): number of "
                             "projects, capital cost (not discounted), number per tier, and "
                             "the sums of the marginal values, MW and homes. A sum of marginal "
                             "values is not the value of those projects together: projects "
                             "that need each other each count the full value."),
    ],
}
"""The meaning of the priority list's less obvious columns, per language."""
CONTEXT_NOTE = {
    "nl": ("context", "Een hotspotrun: de prioriteitenlijst bevat alleen de projecten van de "
                      "hotspot zelf (in haar gebieden of op de netdelen die haar "
                      "ontwikkelingen belasten) en de projecten die zij vereisen. De overige "
                      "projecten in de planning staan apart als vaste context (context.csv): "
                      "provinciebrede projecten, zoals die uit de investeringsplannen, die "
                      "de run als gegeven neemt."),
    "en": ("context", "A hotspot run: the priority list holds only the hotspot's own projects "
                      "(in its areas or on the assets its developments load) and the projects "
                      "they require. The other projects in the schedule are apart as fixed "
                      "context (context.csv): province-wide projects, such as those of the "
                      "investment plans, that the run takes as given."),
}
"""The note of a hotspot run's priority list on its fixed context."""


def priority_notes(lang: str = "nl", firm_certainty: int = FIRM_CERTAINTY, *,
                   context: bool = False) -> list[tuple[str, str]]:
    """The notes that go with the priority list, as (topic, note): the tier rule first, then
    the columns that need a word; with ``context`` (a hotspot run) the note on its fixed
    context."""
    tier = "tier" if lang == "en" else "klasse"
    return [(tier, tier_rule(lang, firm_certainty)), *localised(PRIORITY_NOTES, lang),
            *([localised(CONTEXT_NOTE, lang)] if context else [])]


__all__ = ["CONTEXT_NOTE", "PRIORITY_NOTES", "TIER_RULE", "priority_notes", "tier_rule"]
