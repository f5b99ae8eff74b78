"""The fixed words of the programme document, in Dutch and English: chapter titles, column
headers, the methods appendix and the glossary. Numbers never appear here: every number the
document states comes from a table (:mod:`pmiek.report.facts`)."""

from __future__ import annotations

CHAPTERS = {
    "nl": {
        "samenvatting": "Samenvatting",
        "proces": "Aanleiding, proces en participatie",
        "inzicht": "Stap 1 – Inzicht",
        "energievisie": "Stap 2 – Energievisie en afwegingskader",
        "varianten": "Stap 3 – Ontwikkelvarianten",
        "afweging": "Stap 4 – Scoren en wegen",
        "prioriteiten": "Geprioriteerde projectenlijst",
        "borgen": "Stap 5 – Borgen en uitvoeren",
        "bronnen": "Bijlage A – Databronnen",
        "methoden": "Bijlage B – Methoden en formules",
        "validatie": "Bijlage C – Validatie",
        "begrippen": "Bijlage D – Begrippenlijst",
        "brontabellen": "Bijlage E – Brontabellen",
        "figuurtabellen": "Bijlage F – Tabellen bij de figuren",
        "colofon": "Bijlage G – Colofon",
    },
    "en": {
        "samenvatting": "Summary",
        "proces": "Background, process and participation",
        "inzicht": "Step 1 – Insight",
        "energievisie": "Step 2 – Energy vision and assessment framework",
        "varianten": "Step 3 – Development variants",
        "afweging": "Step 4 – Scoring and weighing",
        "prioriteiten": "Prioritised project list",
        "borgen": "Step 5 – Securing and delivery",
        "bronnen": "Appendix A – Data sources",
        "methoden": "Appendix B – Methods and formulas",
        "validatie": "Appendix C – Validation",
        "begrippen": "Appendix D – Glossary",
        "brontabellen": "Appendix E – Source tables",
        "figuurtabellen": "Appendix F – Tables of the figures",
        "colofon": "Appendix G – Colophon",
    },
}
"""The chapters, in the order of the Startnotitie."""

STATES = {
    "nl": {"concept": "CONCEPT", "kernteam_akkoord": "CONCEPT (KERNTEAM AKKOORD)",
           "eb_advies": "CONCEPT (ADVIES ENERGY BOARD)", "gs_ontwerp": "ONTWERP",
           "ter_inzage": "ONTWERP (TER INZAGE)", "beantwoord": "ONTWERP (BEANTWOORD)",
           "vastgesteld": "VASTGESTELD", None: "WERKVERSIE (GEEN EDITIE)"},
    "en": {"concept": "DRAFT", "kernteam_akkoord": "DRAFT (CORE TEAM AGREED)",
           "eb_advies": "DRAFT (ENERGY BOARD ADVICE)", "gs_ontwerp": "DRAFT FOR CONSULTATION",
           "ter_inzage": "DRAFT (OPEN FOR COMMENT)", "beantwoord": "DRAFT (ANSWERED)",
           "vastgesteld": "ADOPTED", None: "WORKING VERSION (NO EDITION)"},
}

STEPS = {
    "nl": {"kernteam_akkoord": "Akkoord kernteam", "eb_advies": "Advies Energy Board",
           "gs_ontwerp": "Ontwerp vastgesteld", "ter_inzage": "Ter inzage gelegd",
           "beantwoord": "Zienswijzen beantwoord", "vastgesteld": "Programma vastgesteld",
           "concept": "Terug naar concept", "gehoord": "Gehoord"},
    "en": {"kernteam_akkoord": "Core team agreed", "eb_advies": "Energy Board advice",
           "gs_ontwerp": "Draft adopted", "ter_inzage": "Opened for comment",
           "beantwoord": "Comments answered", "vastgesteld": "Programme adopted",
           "concept": "Back to draft", "gehoord": "Heard"},
}
"""The step a decision takes (its new state; a hearing leaves the state as it is)."""

BODIES = {
    "nl": {"kernteam": "Kernteam", "eb": "Energy Board", "gs": "Gedeputeerde Staten",
           "ps": "Provinciale Staten", "statencommissie": "Statencommissie"},
    "en": {"kernteam": "Core team", "eb": "Energy Board", "gs": "Provincial Executive (GS)",
           "ps": "Provincial Council (PS)", "statencommissie": "Council committee"},
}

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "P-MIEK {edition} Provincie {province}",
        "title_workspace": "P-MIEK Provincie {province} – werkversie {workspace}",
        "subtitle": "Provinciaal Meerjarenprogramma Infrastructuur Energie en Klimaat",
        "public": "Openbare versie: vertrouwelijke netcomponenten en projecten alleen per gebied.",
        "internal": "Interne versie: met vertrouwelijke netcomponenten en projecten. Niet "
                    "openbaar.",
        "decided": "{body}, {date}",
        "made_on": "Gemaakt op {date}",
        "contents": "Inhoud", "page": "pagina", "figure": "Figuur", "table": "Tabel",
        "table_twin": "Tabel bij de figuur", "download": "CSV",
        "source_of": "Bron: {file}",
        "no_edition": "Dit document is gemaakt van werkruimte {workspace} zonder editie: er is "
                      "nog geen programmaspoor (geen besluiten, geen terinzagelegging, geen "
                      "zienswijzen). Zodra het kernteam een editie aanmaakt "
                      "(pmiek edition new), vult dit hoofdstuk zich met de besluiten en de "
                      "participatie.",
        "no_monitoring": "Voor deze editie is nog geen monitoring vastgelegd: er zijn geen "
                         "investeringsplannen van de netbeheerders gekoppeld "
                         "(pmiek monitor). Stap 5 volgt de projecten zodra dat gebeurt.",
        "no_consultation": "Er zijn (nog) geen zienswijzen geregistreerd.",
        "decisions": "Besluiten en behandeling van deze editie",
        "decisions_of": "Besluiten over {name}",
        "twin_in_appendix": "De tabel bij deze figuur staat in bijlage F.",
        "figure_tables_intro": "De tabellen bij de figuren die te lang zijn om onder de "
                               "figuur te staan.",
        "serves": "Bedient {n} ontwikkelingen.",
        "consultation": "Terinzagelegging en zienswijzen",
        "participation": "Participatie (Omgevingsbesluit art. 10.8)",
        "bodies": "Het P-MIEK wordt opgesteld door het kernteam (provincie, netbeheerders, "
                  "gemeenten en regio's), met advies van de Energy Board; Gedeputeerde "
                  "Staten stellen het ontwerp en het programma vast, Provinciale Staten worden "
                  "gehoord. Het ontwerp ligt zes weken ter inzage; iedereen kan een zienswijze "
                  "indienen, die in de Nota van Beantwoording wordt beantwoord.",
        "why": "Niet alles kan tegelijk worden gebouwd. Het P-MIEK legt vast welke "
               "energie-infrastructuurprojecten in de provincie voorrang krijgen, zodat de "
               "netbeheerders ze in hun investeringsplannen opnemen. Elk getal in dit document "
               "is berekend door pmiek uit de tabellen van de werkruimte; een onderstreept getal "
               "verwijst naar de tabel, rij en kolom waaruit het komt (Bijlage E).",
        "maps": "Knelpunten op de kaart",
        "maps_intro": "De kaarten tonen per richting (afname en invoeding) de klasse van elk "
                      "netcomponent zoals op de landelijke capaciteitskaart; de klasse staat "
                      "ook in de vorm van het symbool en in de tabel bij de kaart.",
        "bottlenecks": "Grootste knelpunten",
        "over_time": "Geblokkeerde woningen en tekort in de tijd",
        "scenarios": "Scenario's",
        "choices": "Structurerende keuzes van de Energievisie",
        "criteria": "Het afwegingskader",
        "weights": "Gewichten",
        "weights_how": "De gewichten zijn voorstellen van het kernteam; de afweging gebruikt "
                       "ze als {how} (spreiding {spread}) over {samples} trekkingen, zodat de "
                       "uitkomst ook zegt hoe zeker de rangorde is.",
        "lens": "Variant {label}",
        "favours": "Waar deze variant op stuurt: {text}",
        "connects": "Wat de variant aansluit per scenario",
        "scores": "Scores", "smaa": "Aanvaardbaarheid van de rangorde (SMAA)",
        "stability": "Stabiliteit van de gewichten", "what_changes": "Wat de rangorde verandert",
        "tiers": "De lijst per klasse",
        "monitoring": "Monitoring tegen de investeringsplannen ({ip})",
        "signals": "Signalen voor herijking",
        "no_signals": "Geen project vraagt om herijking.",
        "confidential_note": "In deze openbare versie staan vertrouwelijke projecten samen "
                             "per gemeente; hun kosten en aantallen tellen mee in alle totalen.",
        "sources_intro": "De bronnen van de invoer, per tabel van de werkruimte: hoeveel rijen "
                         "elke bron draagt. [S] = bron, [D] = afgeleid, [E] = schatting.",
        "validation_intro": "De werkruimte is bij het inlezen gecontroleerd tegen het "
                            "datacontract; de runs zijn vastgelegd met hun parameters en de "
                            "hash van hun uitkomsten, die pmiek edition verify herhaalt.",
        "sourcetables_intro": "Elk getal in de lopende tekst verwijst naar een cel (of een "
                              "som of verschil van cellen) van een van deze tabellen. Ze staan "
                              "als CSV naast dit document in de map tabellen/.",
        "licences": "pmiek is vrije software onder de EUPL-1.2. Kaartgegevens: CBS / Kadaster, "
                    "gebiedsindelingen via PDOK (CC BY 4.0), gegeneraliseerd (cartomap/nl); "
                    "ligging van netcomponenten deels © OpenStreetMap-bijdragers (ODbL).",
        "made_by": "Gemaakt met pmiek {version} op {date}.",
    },
    "en": {
        "title": "P-MIEK {edition} Province of {province}",
        "title_workspace": "P-MIEK Province of {province} – working version {workspace}",
        "subtitle": "Provincial Multi-year Programme for Energy and Climate Infrastructure",
        "public": "Public version: confidential assets and projects only per area.",
        "internal": "Internal version: includes confidential assets and projects. Not public.",
        "decided": "{body}, {date}",
        "made_on": "Made on {date}",
        "contents": "Contents", "page": "page", "figure": "Figure", "table": "Table",
        "table_twin": "Table of the figure", "download": "CSV",
        "source_of": "Source: {file}",
        "no_edition": "This document was made from workspace {workspace} without an edition: "
                      "there is no programme trail yet (no decisions, no public review, no "
                      "comments). Once the core team creates an edition (pmiek edition new), "
                      "this chapter fills with the decisions and the participation.",
        "no_monitoring": "No monitoring has been recorded for this edition yet: no investment "
                         "plans of the grid operators are linked (pmiek monitor). Step 5 "
                         "follows the projects once they are.",
        "no_consultation": "No comments (zienswijzen) have been registered (yet).",
        "decisions": "Decisions on this edition",
        "decisions_of": "Decisions on {name}",
        "twin_in_appendix": "The table of this figure is in appendix F.",
        "figure_tables_intro": "The tables of the figures that are too long to stand under "
                               "the figure.",
        "serves": "Serves {n} developments.",
        "consultation": "Public review and comments",
        "participation": "Participation (Omgevingsbesluit art. 10.8)",
        "bodies": "The P-MIEK is drawn up by the core team (province, grid operators, "
                  "municipalities and regions), advised by the Energy Board; the Provincial "
                  "Executive adopts the draft and the programme, the Provincial Council is "
                  "heard. The draft is open for comment for six weeks; anyone may submit a "
                  "zienswijze, answered in the Nota van Beantwoording.",
        "why": "Not everything can be built at once. The P-MIEK records which energy "
               "infrastructure projects in the province come first, so that the grid operators "
               "include them in their investment plans. Every number in this document was "
               "computed by pmiek from the workspace's tables; an underlined number links to the "
               "table, row and column it comes from (Appendix E).",
        "maps": "Bottlenecks on the map",
        "maps_intro": "The maps show per direction (demand and feed-in) the class of each asset "
                      "as on the national capacity map; the class is also given by the shape "
                      "of the symbol and in the table of the map.",
        "bottlenecks": "Largest bottlenecks",
        "over_time": "Blocked homes and shortage over time",
        "scenarios": "Scenarios",
        "choices": "Structuring choices of the energy vision",
        "criteria": "The assessment framework",
        "weights": "Weights",
        "weights_how": "The weights are the core team's proposals; the assessment uses them as "
                       "{how} (spread {spread}) over {samples} draws, so that the outcome also "
                       "says how certain the ranking is.",
        "lens": "Variant {label}",
        "favours": "What this variant steers for: {text}",
        "connects": "What the variant connects per scenario",
        "scores": "Scores", "smaa": "Acceptability of the ranking (SMAA)",
        "stability": "Stability of the weights", "what_changes": "What changes the ranking",
        "tiers": "The list per tier",
        "monitoring": "Monitoring against the investment plans ({ip})",
        "signals": "Signals for recalibration",
        "no_signals": "No project calls for recalibration.",
        "confidential_note": "In this public version confidential projects are taken together "
                             "per municipality; their costs and numbers count in every total.",
        "sources_intro": "The sources of the input, per table of the workspace: how many rows "
                         "each source carries. [S] = sourced, [D] = derived, [E] = estimate.",
        "validation_intro": "The workspace was checked against the data contract when it was "
                            "read; the runs are recorded with their parameters and the hash of "
                            "their results, which pmiek edition verify repeats.",
        "sourcetables_intro": "Every number in the running text refers to a cell (or a sum or "
                              "difference of cells) of one of these tables. They are next to "
                              "this document as CSV in the folder tabellen/.",
        "licences": "pmiek is free software under the EUPL-1.2. Map data: CBS / Kadaster, "
                    "gebiedsindelingen via PDOK (CC BY 4.0), generalised (cartomap/nl); "
                    "location of assets partly © OpenStreetMap contributors (ODbL).",
        "made_by": "Made with pmiek {version} on {date}.",
    },
}

METHODS = {
    "nl": [
        ("Belasting per netcomponent",
         "De uurbelasting van component a in jaar y is L[a,y,t] = Σₖ A[a,y,k] · P[k,t]: "
         "A is de geïnstalleerde piekbijdrage per profiel k van de ontwikkelingen onder a "
         "(eigen en van onderliggende componenten), P de profielmatrix. De piek afname is "
         "maxₜ L, de piek invoeding minₜ L; opslag vlakt pieken af binnen zijn energie, "
         "conversie koppelt dragers."),
        ("Knelpunten en wachtrij",
         "Per component, richting en jaar: tekort = max(0, piek − capaciteit), uren boven de "
         "capaciteit, eerste jaar van overbelasting en de klasse van de landelijke "
         "capaciteitskaart. Op een overbelast component worden ontwikkelingen aangesloten in "
         "volgorde van ACM-prioriteit en aanvraagdatum; de rest wacht."),
        ("Ontwikkelvarianten",
         "Een gemengd-geheeltallig lineair programma (linopy, HiGHS): x[p,y] = project p in "
         "bedrijf vanaf jaar y (doorlooptijd, vroegste jaar, volgorde, uitsluitingen), s[d,y] = "
         "aangesloten aandeel van ontwikkeling d; capaciteit per component en jaar; budget, "
         "menskracht en materiaal per jaar en netbeheerder. Doel: de met de lens gewogen "
         "maatschappelijke waarde van aangesloten ontwikkelingen, verdisconteerd, min de "
         "kosten."),
        ("Scoren en wegen",
         "Prestatiematrix (varianten × indicatoren) → waardefuncties → gewogen som "
         "U(v) = Σ w(c) · u(c, x(c, v)), ter controle TOPSIS en PROMETHEE II. SMAA-2 trekt "
         "gewichten binnen hun bandbreedte en telt hoe vaak elke variant op elke plaats eindigt "
         "(aanvaardbaarheid bᵢʳ); de betrouwbaarheid is de kans dat de variant wint met zijn "
         "centrale gewichten. Het stabiliteitsinterval van een gewicht is de bandbreedte "
         "waarbinnen de winnaar gelijk blijft."),
        ("Prioriteit en klasse",
         "De marginale waarde van een project is de doelwaarde met het project min die zonder "
         "(de andere projecten mogen zich aanpassen). Een project dat in elk scenario nodig is "
         "(spijtvrij) komt in klasse 1; de klassen 2 en 3 volgen uit de robuustheid over "
         "scenario's en de waarde per euro."),
    ],
    "en": [
        ("Load per asset",
         "The hourly load of asset a in year y is L[a,y,t] = Σₖ A[a,y,k] · P[k,t]: A is the "
         "installed peak contribution per profile k of the developments below a (its own and "
         "its children's), P the profile matrix. The demand peak is maxₜ L, the feed-in peak "
         "minₜ L; storage shaves peaks within its energy, conversion couples carriers."),
        ("Bottlenecks and queue",
         "Per asset, direction and year: shortage = max(0, peak − capacity), hours over "
         "capacity, first year of overload and the class of the national capacity map. On an "
         "overloaded asset developments connect in the order of ACM priority and request "
         "date; the rest wait."),
        ("Development variants",
         "A mixed-integer linear programme (linopy, HiGHS): x[p,y] = project p in service from "
         "year y (lead time, earliest year, precedence, exclusions), s[d,y] = connected share "
         "of development d; capacity per asset and year; budget, workforce and material per "
         "year and operator. Objective: the lens-weighted societal value of connected "
         "developments, discounted, minus cost."),
        ("Scoring and weighing",
         "Performance matrix (variants × indicators) → value functions → weighted sum "
         "U(v) = Σ w(c) · u(c, x(c, v)), with TOPSIS and PROMETHEE II as checks. SMAA-2 "
         "draws weights within their ranges and counts how often each variant ends in each place "
         "(acceptability bᵢʳ); the confidence is the chance that the variant wins with its "
         "central weights. A weight's stability interval is the range within which the winner "
         "stays the same."),
        ("Priority and tier",
         "A project's marginal value is the objective with the project minus that without it "
         "(the other projects may adapt). A project needed in every scenario (no-regret) is "
         "tier 1; tiers 2 and 3 follow from the robustness across scenarios and the value per "
         "euro."),
    ],
}

GLOSSARY = {
    "nl": [
        ("Afname / invoeding", "Stroom die het net uit gaat naar gebruikers / die erin gaat "
                               "van opwekkers."),
        ("Afwegingskader", "De criteria, hun motivatie en gewichten waarmee varianten worden "
                           "vergeleken."),
        ("Congestie", "Het net kan de gevraagde afname of invoeding niet (altijd) aan."),
        ("Herijking", "Tussentijdse aanpassing van het programma na nieuwe inzichten."),
        ("Hotspot", "Gebied met een concentratie van vraag en aanbod."),
        ("IP", "Investeringsplan van een netbeheerder (tweejaarlijks)."),
        ("Knelpunt", "Netcomponent waar de piek de capaciteit overschrijdt."),
        ("Netbeheerder", "TenneT, Stedin, Gasunie en andere beheerders van energienetten."),
        ("Nota van Beantwoording", "Het antwoord van GS op de zienswijzen."),
        ("Ontwikkelvariant", "Een samenhangende keuze van projecten en jaren, vanuit één lens."),
        ("SMAA", "Stochastic Multicriteria Acceptability Analysis: hoe zeker een rangorde is."),
        ("Spijtvrij", "Nodig in elk scenario: geen spijt, wat de toekomst ook brengt."),
        ("Terinzagelegging", "De periode waarin het ontwerp openbaar is voor zienswijzen."),
        ("Zienswijze", "Reactie van iedereen op het ontwerp, binnen de termijn."),
    ],
    "en": [
        ("Demand / feed-in (afname / invoeding)", "Power taken from the grid by users / put "
                                                  "into it by generators."),
        ("Assessment framework (afwegingskader)", "The criteria, their motivation and weights "
                                                  "by which variants are compared."),
        ("Congestion", "The grid cannot (always) carry the requested demand or feed-in."),
        ("Recalibration (herijking)", "An interim update of the programme after new insight."),
        ("Hotspot", "An area with a concentration of demand and supply."),
        ("IP", "A grid operator's investment plan (every two years)."),
        ("Bottleneck (knelpunt)", "An asset whose peak exceeds its capacity."),
        ("Grid operator (netbeheerder)", "TenneT, Stedin, Gasunie and other network operators."),
        ("Nota van Beantwoording", "The Provincial Executive's answer to the comments."),
        ("Development variant", "A coherent choice of projects and years, from one lens."),
        ("SMAA", "Stochastic Multicriteria Acceptability Analysis: how certain a ranking is."),
        ("No-regret (spijtvrij)", "Needed in every scenario, whatever the future brings."),
        ("Public review (terinzagelegging)", "The period in which the draft is open for "
                                             "comment."),
        ("Zienswijze", "A comment on the draft by anyone, within the term."),
    ],
}


def words(lang: str) -> dict[str, str]:
    """The fixed words of ``lang`` (``nl`` or ``en``)."""
    if lang not in WORDS:
        raise ValueError(f"lang must be nl or en, not {lang!r}")
    return WORDS[lang]
