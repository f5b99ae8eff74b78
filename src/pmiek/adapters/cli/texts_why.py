"""The texts that say why a variant builds a project or leaves it out, in Dutch and English
(merged into :data:`i18n.TEXTS`; the reasons are those of :mod:`pmiek.variants.why`)."""

WHY_TEXTS: dict[str, tuple[str, str]] = {
    "why.relieves": ("Ontlast de {direction} op {asset} vanaf {year}: zonder dit project "
                     "{value} MW meer overbelasting met de aansluitingen van deze variant.",
                     "Relieves the {direction} on {asset} from {year}: without it {value} MW "
                     "more overload with this variant's connections."),
    "why.enables": ("Nodig voor {other}, dat de {direction} op {asset} vanaf {year} ontlast.",
                    "Needed for {other}, which relieves the {direction} on {asset} from "
                    "{year}."),
    "why.committed": ("Vastgelegd in het investeringsplan; ontlast met de aansluitingen van "
                      "deze variant geen overbelast netdeel.", "Committed in the investment "
                      "plan; with this variant's connections it relieves no overloaded "
                      "asset."),
    "why.no_relief": ("Gebouwd zonder dat het met de aansluitingen van deze variant een "
                      "overbelast netdeel ontlast: gekozen binnen de toegestane afstand tot "
                      "het optimum (MIP-gap), of vastgelegd.", "Built although with this "
                      "variant's connections it relieves no overloaded asset: chosen within "
                      "the allowed distance from the optimum (MIP gap), or pinned."),
    "why.prerequisite": ("Niet gekozen: wacht op {other}, dat het vereist en dat niet "
                         "gebouwd wordt.", "Not chosen: waits for {other}, which it requires "
                         "and which is not built."),
    "why.not_needed": ("Niet gekozen: niet nodig. Zodra het in bedrijf kan komen, raakt wat "
                       "het ontlast in geen enkel scenario overbelast, ook niet als alle "
                       "ontwikkelingen aansluiten; het krapst is de {direction} op {asset} in "
                       "{year}, met {value} MW ruimte.", "Not chosen: not needed. From when "
                       "it could be in service, what it relieves is overloaded in no "
                       "scenario, even with every development connected; the tightest is "
                       "the {direction} on {asset} in {year}, with {value} MW to spare."),
    "why.not_needed_plain": ("Niet gekozen: niet nodig; het ontlast geen netdeel met een "
                             "capaciteitsgrens.", "Not chosen: not needed; it relieves no "
                             "asset with a capacity limit."),
    "why.cheaper_alternative": ("Niet gekozen: duurder per MW ({value} M€/MW) dan het "
                                "gekozen {other} ({other_value} M€/MW), dat ook de "
                                "{direction} op {asset} in {year} ontlast.", "Not chosen: "
                                "dearer per MW ({value} M€/MW) than the chosen {other} "
                                "({other_value} M€/MW), which also relieves the {direction} "
                                "on {asset} in {year}."),
    "why.no_year": ("Niet gekozen: geen enkel jaar van de horizon staat ervoor open "
                    "(doorlooptijd, vroegste jaar, een IP-jaar na de horizon, of vastgelegd "
                    "als niet bouwen).", "Not chosen: no year of the horizon is open to it "
                    "(lead time, earliest year, an investment-plan year after the horizon, or "
                    "pinned as not built)."),
    "why.excluded": ("Niet gekozen: sluit het gekozen {other} uit.",
                     "Not chosen: excludes the chosen {other}."),
    "why.prerequisite_late": ("Niet gekozen: het vereiste {other} komt pas in {year} in "
                              "bedrijf, na het laatste jaar waarin dit project kan.",
                              "Not chosen: the required {other} comes into service only in "
                              "{year}, after the last year this project can."),
    "why.resources": ("Niet gekozen: past in geen enkel mogelijk jaar binnen de middelen; "
                      "in het vroegste jaar komt {resource} van {operator} in {year} {value} "
                      "{unit} tekort.", "Not chosen: fits the resources in no possible "
                      "year; at its earliest, {resource} of {operator} in {year} falls "
                      "{value} {unit} short."),
    "why.lower_value": ("Niet gekozen: het toevoegen verlaagt de doelwaarde van de variant "
                        "met {value} M€ (in bedrijf in {year}, het gunstigste jaar).",
                        "Not chosen: adding it lowers the variant's objective by {value} M€ "
                        "(in service in {year}, the best year)."),
    "why.lower_value_plain": ("Niet gekozen: het toevoegen verlaagt de doelwaarde van de "
                              "variant.", "Not chosen: adding it lowers the variant's "
                              "objective."),
    "why.within_gap": ("Niet gekozen, hoewel toevoegen (in bedrijf in {year}) de "
                       "doelwaarde met {value} M€ verhoogt: de optimalisatie stopte binnen de "
                       "toegestane afstand tot het optimum (MIP-gap), of de planning is "
                       "vastgelegd.", "Not chosen, though adding it (in service in {year}) "
                       "raises the objective by {value} M€: the optimiser stopped within the "
                       "allowed distance from the optimum (MIP gap), or the schedule was "
                       "pinned."),
    "why.resource.budget": ("het budget", "the budget"),
    "why.resource.fte": ("het technisch personeel", "the technical staff"),
    "why.resource.transformers": ("het aantal transformatoren", "the transformers"),
    "why.unit.budget": ("M€", "M€"),
    "why.unit.fte": ("fte", "FTE"),
    "why.unit.transformers": ("stuks", "units"),
    "why.label.relieves": ("ontlast een overbelast netdeel", "relieves an overloaded asset"),
    "why.label.enables": ("nodig voor een ander gekozen project",
                          "needed for another chosen project"),
    "why.label.committed": ("vastgelegd in het investeringsplan",
                            "committed in the investment plan"),
    "why.label.no_relief": ("ontlast niets (MIP-gap of vastgelegd)",
                            "relieves nothing (MIP gap or pinned)"),
    "why.label.prerequisite": ("wacht op een vereist project", "waits for a prerequisite"),
    "why.label.not_needed": ("niet nodig", "not needed"),
    "why.label.cheaper_alternative": ("duurder per MW dan een gekozen alternatief",
                                      "dearer per MW than a chosen alternative"),
    "why.label.no_year": ("geen jaar open binnen de horizon", "no year open in the horizon"),
    "why.label.excluded": ("sluit een gekozen project uit", "excludes a chosen project"),
    "why.label.prerequisite_late": ("vereist project te laat", "prerequisite too late"),
    "why.label.resources": ("geen middelen", "no resources"),
    "why.label.lower_value": ("verlaagt de doelwaarde", "lowers the objective"),
    "why.label.within_gap": ("zou de doelwaarde verhogen (MIP-gap of vastgelegd)",
                             "would raise the objective (MIP gap or pinned)"),
    "why.counts": ("Waarom ({lens}) — gebouwd: {built}; niet gebouwd: {unbuilt} (zie {file}).",
                   "Why ({lens}) — built: {built}; not built: {unbuilt} (see {file})."),
    "why.count_item": ("{n}× {label}", "{n}× {label}"),
    "why.none": ("geen", "none"),
    "col.why": ("waarom", "why"),
}
