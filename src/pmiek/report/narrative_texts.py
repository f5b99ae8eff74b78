"""The sentence templates of the generated paragraphs (:mod:`pmiek.report.narrative`), per
language. They hold no digit: every number is a slot for a fact."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "quote": "‘{}’",
        "variant_homes": "{subject} sluit naar verwachting {homes} van de {planned} "
                         "woningen aan die tot het peiljaar van de woondeals gepland zijn",
        "variant_homes_diff": ", {diff} {word} {other}",
        "variant_homes_same": ", evenveel als {other}",
        "more": "meer dan",
        "less": "minder dan",
        "variant_industry": "; daarnaast sluit ze in dat jaar {mw} MW industrie en "
                            "bedrijventerreinen aan",
        "variant_build_one": "De variant bouwt {n} project voor {capex}",
        "variant_build_many": "De variant bouwt {n} projecten voor {capex}",
        "variant_build_capex": "De variant investeert {capex}",
        "variant_overload": "Over de hele horizon blijft naar verwachting {overload} MW·jaar "
                            "overbelasting over",
        "variant_none": "{subject}: geen uitkomst beschikbaar",
        "tier_head": "{name}: {meaning}",
        "tier_count_one": "Deze klasse telt {n} project met {capex} aan investeringen",
        "tier_count_many": "Deze klasse telt {n} projecten met samen {capex} aan "
                           "investeringen",
        "tier_years_range": ", in bedrijf tussen {first} en {last}",
        "tier_years_one": ", in bedrijf in {first}",
        "tier_operators": "Per netbeheerder: {list}",
        "tier_operator": "{n} bij {operator}",
        "tier_value": "Samen hebben deze projecten een marginale waarde van {value}",
        "tier1": "nodig in elk scenario, ook in het scenario met de laagste piek in de "
                 "energiedrager en richting die het project ontlast. Deze projecten kunnen nu "
                 "in gang worden gezet: in geen enkel scenario blijken ze achteraf overbodig",
        "tier2": "nodig in elk scenario behalve het scenario met de laagste piek. De "
                 "voorbereiding kan nu beginnen; alleen als de groei bij dat laagste scenario "
                 "blijft, is het project nog niet nodig",
        "tier3": "alleen nodig in een deel van de scenario's. Hier loont het de "
                 "ontwikkelingen te volgen en te besluiten zodra duidelijk wordt welk "
                 "scenario zich aftekent",
        "and": " en ",
        "list_sep": ", ",
        "summary_chosen": "De gekozen variant is {lens}",
        "summary_acceptability": ": over de trekkingen van gewichten en scenario's samen "
                                 "staat ze in {share} ervan op de eerste plaats",
        "summary_confidence": ", met een betrouwbaarheidsfactor van {share}",
        "summary_list_one": "De prioriteitenlijst telt {n} project met {capex} aan "
                            "investeringen",
        "summary_list_many": "De prioriteitenlijst telt {n} projecten met samen {capex} aan "
                             "investeringen",
        "summary_tier1_one": "; daarvan is er {n} spijtvrij",
        "summary_tier1_many": "; daarvan zijn er {n} spijtvrij",
        "summary_blocked": "Volgens de knelpuntenanalyse wachten op het hoogtepunt {list}",
        "summary_blocked_one": "{n} woningen op een aansluiting in scenario {scenario}",
        "summary_blocked_next": "{n} in {scenario}",
        "summary_blocked_range": "Volgens de knelpuntenanalyse wachten op het hoogtepunt, "
                                 "afhankelijk van het scenario, tussen {low} en {high} "
                                 "woningen op een aansluiting",
        "summary_blocked_all": "Volgens de knelpuntenanalyse wachten op het hoogtepunt in "
                               "elk scenario {n} woningen op een aansluiting",
        "summary_blocked_none": "Volgens de knelpuntenanalyse hoeft in geen enkel scenario "
                                "een woning op een aansluiting te wachten",
        "stability_intro": "Wat de rangorde van de varianten zou veranderen: de gewichten "
                           "met de kleinste marge",
        "stability_criterion": "Het gewicht van {criterion} (nu {weight}) kan tussen {lower} "
                               "en {upper} liggen zonder dat de rangorde verandert",
        "stability_swap": "{at} {bound} haalt {behind} {ahead} in",
        "stability_at": "bij",
        "stability_none": "Geen enkel gewicht verandert de rangorde van de varianten: over "
                          "het hele bereik van elk gewicht blijft ze gelijk",
        "stability_missing": "Voor deze editie is geen stabiliteitsanalyse van de gewichten "
                             "gemaakt",
        "criterion": "een criterium uit de stabiliteitstabel",
        "variant": "een variant",
        "subject": "Variant {}",
        "this_variant": "Deze variant",
    },
    "en": {
        "quote": "‘{}’",
        "variant_homes": "{subject} is expected to connect {homes} of the {planned} homes "
                         "planned up to the target year of the housing deals",
        "variant_homes_diff": ", {diff} {word} {other}",
        "variant_homes_same": ", as many as {other}",
        "more": "more than",
        "less": "fewer than",
        "variant_industry": "; it also connects {mw} MW of industry and business parks in "
                            "that year",
        "variant_build_one": "The variant builds {n} project for {capex}",
        "variant_build_many": "The variant builds {n} projects for {capex}",
        "variant_build_capex": "The variant invests {capex}",
        "variant_overload": "Over the whole horizon an expected {overload} MW·years of "
                            "overload remain",
        "variant_none": "{subject}: no outcome available",
        "tier_head": "{name}: {meaning}",
        "tier_count_one": "This tier holds {n} project with an investment of {capex}",
        "tier_count_many": "This tier holds {n} projects with a total investment of {capex}",
        "tier_years_range": ", in service between {first} and {last}",
        "tier_years_one": ", in service in {first}",
        "tier_operators": "Per grid operator: {list}",
        "tier_operator": "{n} with {operator}",
        "tier_value": "Together these projects have a marginal value of {value}",
        "tier1": "needed in every scenario, including the one with the lowest peak in the "
                 "carrier and direction the project relieves. These projects can be started "
                 "now: in no scenario do they turn out to be superfluous",
        "tier2": "needed in every scenario but the one with the lowest peak. Preparation can "
                 "start now; only if growth stays at that lowest scenario is the project not "
                 "yet needed",
        "tier3": "needed in some of the scenarios only. Here it pays to follow the "
                 "developments and decide once it becomes clear which scenario is unfolding",
        "and": " and ",
        "list_sep": ", ",
        "summary_chosen": "The chosen variant is {lens}",
        "summary_acceptability": ": over the draws of weights and scenarios together it "
                                 "ranks first in {share} of them",
        "summary_confidence": ", with a confidence factor of {share}",
        "summary_list_one": "The priority list holds {n} project with an investment of "
                            "{capex}",
        "summary_list_many": "The priority list holds {n} projects with a total investment "
                             "of {capex}",
        "summary_tier1_one": "; {n} of them is no-regret",
        "summary_tier1_many": "; {n} of them are no-regret",
        "summary_blocked": "According to the bottleneck analysis, at the peak {list}",
        "summary_blocked_one": "{n} homes wait for a connection in scenario {scenario}",
        "summary_blocked_next": "{n} in {scenario}",
        "summary_blocked_range": "According to the bottleneck analysis, at the peak between "
                                 "{low} and {high} homes wait for a connection, depending "
                                 "on the scenario",
        "summary_blocked_all": "According to the bottleneck analysis, at the peak {n} homes "
                               "wait for a connection in every scenario",
        "summary_blocked_none": "According to the bottleneck analysis, no home has to wait "
                                "for a connection in any scenario",
        "stability_intro": "What would change the ranking of the variants: the weights with "
                           "the smallest margin",
        "stability_criterion": "The weight of {criterion} (now {weight}) can lie between "
                               "{lower} and {upper} without changing the ranking",
        "stability_swap": "{at} {bound} {behind} overtakes {ahead}",
        "stability_at": "at",
        "stability_none": "No weight changes the ranking of the variants: over the whole "
                          "range of every weight it stays the same",
        "stability_missing": "No stability analysis of the weights was made for this edition",
        "criterion": "a criterion of the stability table",
        "variant": "a variant",
        "subject": "Variant {}",
        "this_variant": "This variant",
    },
}
