"""The texts of ``pmiek assess`` in Dutch and English (merged into :data:`i18n.TEXTS`)."""

ASSESS_TEXTS: dict[str, tuple[str, str]] = {
    "assess.help": ("Stap 2 en 4, scoren en wegen: beoordeel de ontwikkelvarianten met het "
                    "afwegingskader, toon hoe robuust de rangorde is (SMAA-2, "
                    "gewichtsstabiliteit) en schrijf de prioriteitenlijst van de gekozen "
                    "variant.", "Steps 2 and 4, scoring and weighting: assess the variants "
                    "on the framework, show how robust the ranking is (SMAA-2, weight "
                    "stability) and write the priority list of the chosen variant."),
    "assess.workspace": ("Werkruimte (standaard: utrecht).", "Workspace (default: utrecht)."),
    "assess.variants": ("Map met de uitvoer van 'pmiek variants --out': de varianten worden "
                        "beoordeeld zoals ze daar besloten zijn. Zonder deze optie rekent "
                        "assess de varianten zelf door.", "Folder written by 'pmiek variants "
                        "--out': the variants are assessed as decided there. Without it, "
                        "assess designs the variants itself."),
    "assess.lens": ("Lenzen om te vergelijken: 'all', namen of TOML-bestanden, met komma's.",
                    "Lenses to compare: 'all', names or TOML files, comma-separated."),
    "assess.weights": ("Onzekerheid in de gewichten: interval (elk lokaal gewicht ±spreiding "
                       "rond het kader, binnen zijn zusters), ordinal (alleen de volgorde), "
                       "uniform (niets bekend), framework (precies het kader), of een .xlsx "
                       "met de gewichten van een werksessie.", "Weight uncertainty: interval "
                       "(every local weight ±spread around the framework, among its siblings), "
                       "ordinal (order only), uniform (nothing known), framework (exactly the "
                       "framework), or an .xlsx with a workshop's weights."),
    "assess.spread": ("Relatieve spreiding bij --weights interval (0,5 = ±50%).",
                      "Relative spread for --weights interval (0.5 = ±50%)."),
    "assess.samples": ("Aantal gewichtstrekkingen voor SMAA-2.",
                       "Number of weight samples for SMAA-2."),
    "assess.seed": ("Startgetal van de trekkingen (herhaalbaar).",
                    "Seed of the samples (repeatable)."),
    "assess.choose": ("Variant (lensnaam) voor de prioriteitenlijst; standaard de eerste "
                      "volgens de gewogen som.", "Variant (lens name) for the priority list; "
                      "default: the first by weighted sum."),
    "assess.value_range": ("Ontwerp de gekozen variant ook bij de lage en de hoge waarde van "
                           "een aansluiting (het bereik in het lensbestand), toon hoe de "
                           "prioriteitenlijst dan verandert en schrijf value_range.csv. Kost "
                           "twee ontwerpen en prioriteitenlijsten extra (Utrecht: ruim 40 s).",
                           "Also design the chosen variant at the low and the high value of a "
                           "connection (the range in the lens file), show how the priority "
                           "list changes and write value_range.csv. Costs two more designs and "
                           "priority lists (Utrecht: over 40 s)."),
    "assess.progress": ("Afweging: {label}", "Assessment: {label}"),
    "assess.skipped": ("{lens} overgeslagen: geen haalbare variant ({message}).",
                       "{lens} skipped: no feasible variant ({message})."),
    "assess.bad_weights": ("--weights {spec}: geen bestand en geen van {modes}.",
                           "--weights {spec}: not a file and none of {modes}."),
    "assess.equal": ("Let op: {variant} en {others} scoren op elk criterium gelijk; hun "
                     "onderlinge rangorde zegt niets (gelijke stand wordt op volgorde "
                     "beslist).", "Note: {variant} and {others} score the same on every "
                     "criterion; their mutual order means nothing (ties are broken by "
                     "order)."),
    "assess.weights_file": ("{path}: gewichten van de werksessie gelezen ({n} deelnemers).",
                            "{path}: workshop weights read ({n} participants)."),
    "assess.mode.interval": ("elk lokaal gewicht ±{spread}% rond het kader",
                             "every local weight ±{spread}% around the framework"),
    "assess.mode.ordinal": ("alleen de volgorde van de gewichten",
                            "only the order of the weights"),
    "assess.mode.uniform": ("gewichten onbekend (uniform)", "weights unknown (uniform)"),
    "assess.mode.framework": ("gewichten van het kader", "the framework's weights"),
    "assess.mode.sessions": ("gewichten van de werksessie", "the workshop's weights"),
    "assess.title": ("Afweging van de varianten (verwachte waarde over {n} scenario's)",
                     "Assessment of the variants (expected value over {n} scenarios)"),
    "assess.title_one": ("Afweging van de varianten (één scenario)",
                         "Assessment of the variants (one scenario)"),
    "assess.caption": ("score: gewogen som van deelwaarden (0–1); TOPSIS en PROMETHEE II: "
                       "rang; rang 1 en vertrouwen: SMAA-2 over {samples} trekkingen, {mode}, "
                       "en de scenario's naar kans.", "score: weighted sum of partial values "
                       "(0–1); TOPSIS and PROMETHEE II: rank; rank 1 and confidence: SMAA-2 "
                       "over {samples} samples, {mode}, and the scenarios by probability."),
    "col.rank": ("rang", "rank"),
    "col.score": ("score", "score"),
    "col.topsis": ("TOPSIS", "TOPSIS"),
    "col.promethee": ("PROMETHEE II", "PROMETHEE II"),
    "col.rank1": ("kans op rang 1", "rank-1 acceptability"),
    "col.confidence": ("vertrouwen", "confidence"),
    "col.best_in": ("beste in scenario", "best in scenario"),
    "assess.stability": ("Gevoeligste gewichten (rangorde gelijk binnen): {items}.",
                         "Most sensitive weights (ranking holds within): {items}."),
    "assess.stability_item": ("{name} {weight} in [{lower}; {upper}]",
                              "{name} {weight} in [{lower}, {upper}]"),
    "assess.priority_title": ("Prioriteitenlijst van {lens} ({n} {projects}; de eerste 10)",
                              "Priority list of {lens} ({n} {projects}; the first 10)"),
    "assess.spread_title": ("Gewichten van de werksessie ({n} sets), globaal per criterium",
                            "Workshop weights ({n} sets), global per criterion"),
    "col.criterion": ("criterium", "criterion"),
    "col.framework": ("kader", "framework"),
    "col.mean": ("gemiddeld", "mean"),
    "col.min": ("min", "min"),
    "col.max": ("max", "max"),
    "col.priority": ("prio", "prio"),
    "col.project": ("project", "project"),
    "col.year": ("in bedrijf", "in service"),
    "col.tier": ("klasse", "tier"),
    "col.marginal": ("waarde aansluitingen (centraal) [M€]",
                     "value of connections (central) [M€]"),
    "col.rationale": ("onderbouwing", "rationale"),
    "assess.indispensable": ("onmisbaar", "indispensable"),
    "assess.value": ("Waarde van een aansluiting ({lens}): {central} M€ per gewogen MW-jaar, "
                     "bereik {low}–{high}; bron: {source}.", "Value of a connection ({lens}): "
                     "{central} M€ per weighted MW-year, range {low}–{high}; source: "
                     "{source}."),
    "assess.value_unsourced": ("Waarde van een aansluiting ({lens}): {central} M€ per gewogen "
                               "MW-jaar, zonder bron en zonder bereik (value_meur_per_mw_year "
                               "in het lensbestand; zie de README, 'Waarde van een "
                               "aansluiting').", "Value of a connection ({lens}): {central} M€ "
                               "per weighted MW-year, without a source or a range "
                               "(value_meur_per_mw_year in the lens file; see the README, "
                               "'Waarde van een aansluiting')."),
    "assess.value_hint": ("Hoe de prioriteitenlijst over dit bereik verandert: draai met "
                          "--value-range.", "How the priority list changes over this range: "
                          "run with --value-range."),
    "assess.range": ("Over het bereik {low}–{high} M€ per gewogen MW-jaar (centraal {central}) "
                     "staan {kept} van de {total} {projects} bij elke waarde in de lijst "
                     "({n_low} bij de lage, {n_central} bij de centrale, {n_high} bij de hoge "
                     "waarde).", "Over the range {low}–{high} M€ per weighted MW-year "
                     "(central {central}) {kept} of the {total} {projects} are in the list at "
                     "every value ({n_low} at the low, {n_central} at the central, {n_high} at "
                     "the high value)."),
    "assess.range_project": ("project", "project"),
    "assess.range_projects": ("projecten", "projects"),
    "assess.range_gained": ("Alleen bij de {point} waarde: {names}.",
                            "Only at the {point} value: {names}."),
    "assess.range_lost": ("Niet bij de {point} waarde: {names}.",
                          "Not at the {point} value: {names}."),
    "assess.range_moved": ("Ander jaar in bedrijf (laag, centraal, hoog): {items}.",
                           "Another year in service (low, central, high): {items}."),
    "assess.range_same": ("Geen project komt erbij of valt af.",
                          "No project is added or dropped."),
    "assess.range_top": ("Van de eerste {top} blijven er {kept} bij elke waarde bij de eerste "
                         "{top}; de rang van een project dat overal in de lijst staat "
                         "verschuift hoogstens {shift} {places}.", "Of the first {top}, {kept} "
                         "stay among the first {top} at every value; the rank of a project "
                         "that is in every list moves by at most {shift} {places}."),
    "assess.range_place": ("plaats", "place"),
    "assess.range_places": ("plaatsen", "places"),
    "assess.range_unsolved": ("Bij de {point} waarde is er geen planning ({termination}).",
                              "At the {point} value there is no schedule ({termination})."),
    "assess.range_none": ("De lens geeft geen bereik (laag = hoog): er valt niets te "
                          "vergelijken.", "The lens gives no range (low = high): there is "
                          "nothing to compare."),
    "assess.range_more": ("{names} en {n} meer", "{names} and {n} more"),
    "assess.point.low": ("lage", "low"),
    "assess.point.high": ("hoge", "high"),
    "assess.written": ("Geschreven in {out}: {files}.", "Written to {out}: {files}."),
    "assess.level": ("Ontwerp de varianten voor 'province' (alles) of een gebied, bijvoorbeeld "
                     "een hotspot (HS-LW): alleen de ontwikkelingen en projecten van dat "
                     "gebied; de prioriteitenlijst toont dan de projecten van dat gebied en "
                     "apart de vaste context. Met --variants geldt het niveau waarvoor die "
                     "varianten ontworpen zijn.", "Design the variants for 'province' "
                     "(everything) or an area, for example a hotspot (HS-LW): only the "
                     "developments and projects of that area; the priority list then shows "
                     "that area's projects and, apart, the fixed context. With --variants the "
                     "level those variants were designed for holds."),
    # where the MCA methods disagree (pmiek.assessment.disagreement)
    "assess.disagree": ("{method} zet {other} eerst en niet {first}, de eerste volgens de "
                        "gewogen som. Dat komt door {criteria}: {how}.",
                        "{method} ranks {other} first, not {first}, the first by the weighted "
                        "sum. The cause is {criteria}: {how}."),
    "assess.disagree_second": ("{method} zet {other} op de tweede plaats en niet {first}, de "
                               "tweede volgens de gewogen som (de eerste is dezelfde). Dat "
                               "komt door {criteria}: {how}.", "{method} ranks {other} "
                               "second, not {first}, the second by the weighted sum (the first "
                               "is the same). The cause is {criteria}: {how}."),
    "assess.disagree_ahead": ("{names} ({variant} beter)", "{names} ({variant} ahead)"),
    "assess.disagree_equal": ("{names} (gelijk)", "{names} (equal)"),
    "assess.disagree.topsis": ("TOPSIS meet per criterium de afstand tot de beste en de "
                               "slechtste variant, zodat grote verschillen zwaarder tellen",
                               "TOPSIS measures per criterion the distance to the best and "
                               "the worst variant, so that large differences count more"),
    "assess.disagree.promethee_ii": ("PROMETHEE II telt per criterium alleen welke variant "
                                     "beter is, niet hoeveel", "PROMETHEE II counts per "
                                     "criterion only which variant is better, not by how "
                                     "much"),
    "assess.disagree_topic": ("methoden", "methods"),
    # the priority list broken down (pmiek.assessment.breakdown)
    "assess.breakdown_title": ("Verdeling van de prioriteitenlijst ({n} {projects})",
                               "The priority list broken down ({n} {projects})"),
    "assess.breakdown_caption": ("waarde: som van de marginale waarden (niet de waarde van de "
                                 "projecten samen); MW en woningen: aangesloten in {year} "
                                 "dankzij het project; gemeenten: de {top} met de hoogste "
                                 "investering. Alles in priority_by_area.csv en "
                                 "priority_by_operator.csv.", "value: sum of the marginal "
                                 "values (not the value of the projects together); MW and "
                                 "homes: connected in {year} thanks to the project; "
                                 "municipalities: the {top} with the highest capital cost. "
                                 "All of it in priority_by_area.csv and "
                                 "priority_by_operator.csv."),
    "assess.operator": ("netbeheerder", "grid operator"),
    "assess.plus_indispensable": ("{value} + {n} onmisbaar", "{value} + {n} indispensable"),
    "col.by": ("per", "per"),
    "col.n_projects": ("projecten", "projects"),
    "col.tiers": ("klasse 1 / 2 / 3", "tier 1 / 2 / 3"),
    "col.value_sum": ("waarde aansluitingen, som [M€]", "value of connections, sum [M€]"),
    "col.enabled_mw": ("aangesloten [MW]", "connected [MW]"),
    "col.homes": ("woningen", "homes"),
    # the fixed context of a hotspot run
    "assess.context_title": ("Vaste context van {level} ({n} {projects}, {capex} M€ "
                             "investering)", "Fixed context of {level} ({n} {projects}, "
                             "{capex} M€ capital cost)"),
    "assess.context_caption": ("Deze projecten staan in de planning maar horen niet bij "
                               "{level} en geen project van {level} vereist ze: "
                               "provinciebrede projecten (zoals uit de investeringsplannen) "
                               "die de run als gegeven neemt; ze staan in context.csv, niet "
                               "in de prioriteitenlijst.", "These projects are in the "
                               "schedule but do not belong to {level} and no project of "
                               "{level} requires them: province-wide projects (such as those "
                               "of the investment plans) that the run takes as given; they are "
                               "in context.csv, not in the priority list."),
}
