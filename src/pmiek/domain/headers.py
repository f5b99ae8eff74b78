"""The column headers of the result tables for people: one header per column, in Dutch and
English, with its unit.

The tidy CSV files keep their English snake_case column names (they are for machines); the
workbook for people (:mod:`pmiek.adapters.files.results_xlsx`) shows the header from this one
table instead, Dutch by default and English with ``lang="en"``:

>>> header("loads", "peak_demand_mw", "nl")
'Piek afname [MW]'
>>> header("homes_blocked", "KM", "en")  # a column named after a scenario
'Homes blocked, KM [homes]'
>>> header("loads", "no_such_column") is None
True

A column has one meaning in every table (:data:`HEADERS`) unless a table gives it another
(:data:`TABLE_HEADERS`, such as ``contribution``: a share of the score in ``partial_values``,
an amount in the indicator's unit in ``indicator_sources``). Columns that the data names — a
scenario per column, a criterion per column — take the template of their table
(:data:`DYNAMIC_HEADERS`) or of their prefix (:data:`PREFIX_HEADERS`). A table is named by its
file name without ``.csv``; a table in a subfolder (``evenwichtig/schedule``) by its last
part. Units are in square brackets; a share shown as a percentage has ``[%]``.

Beside the headers, the words a cell shows instead of a code or a value that reads badly:
:func:`value_kind` names the kind of labels of :mod:`pmiek.domain.labels` whose label a
column's values show (``housing`` → ``woningbouw``), :func:`infinite_word` the word for an
infinite value (``onbegrensd``; ``onmisbaar`` for a project's marginal value) and
:func:`yes_no` the words for true and false.

Every column of every result table must have a header here: a test walks the tables of real
runs and fails on a column that has none.
"""

from __future__ import annotations

from pmiek.domain.labels import Pair, in_language

HEADERS: dict[str, Pair] = {
    # shared keys and names
    "scenario": ("Scenario", "Scenario"),
    "year": ("Jaar", "Year"),
    "asset_id": ("Component", "Asset"),
    "development_id": ("Ontwikkeling", "Development"),
    "project_id": ("Project", "Project"),
    "name": ("Naam", "Name"),
    "label": ("Naam", "Name"),
    "carrier": ("Energiedrager", "Carrier"),
    "direction": ("Richting", "Direction"),
    "kind": ("Soort", "Kind"),
    "sector": ("Sector", "Sector"),
    "operator": ("Netbeheerder", "Grid operator"),
    "status": ("Status", "Status"),
    "variant": ("Variant", "Variant"),
    "indicator": ("Indicator", "Indicator"),
    "criterion": ("Criterium", "Criterion"),
    "unit": ("Eenheid", "Unit"),
    "message": ("Melding", "Message"),
    # loads, bottlenecks, blocked (insight)
    "peak_demand_mw": ("Piek afname [MW]", "Peak demand [MW]"),
    "peak_feedin_mw": ("Piek invoeding [MW]", "Peak feed-in [MW]"),
    "capacity_demand_mw": ("Capaciteit afname [MW]", "Capacity demand [MW]"),
    "capacity_feedin_mw": ("Capaciteit invoeding [MW]", "Capacity feed-in [MW]"),
    "hours_over_demand": ("Uren boven capaciteit, afname [h]",
                          "Hours over capacity, demand [h]"),
    "hours_over_feedin": ("Uren boven capaciteit, invoeding [h]",
                          "Hours over capacity, feed-in [h]"),
    "peak_mw": ("Piek [MW]", "Peak [MW]"),
    "capacity_mw": ("Capaciteit [MW]", "Capacity [MW]"),
    "shortage_mw": ("Tekort [MW]", "Shortage [MW]"),
    "hours_over": ("Uren boven capaciteit [h]", "Hours over capacity [h]"),
    "utilisation": ("Benutting [%]", "Utilisation [%]"),
    "first_overload_year": ("Eerste jaar overbelast", "First year overloaded"),
    "class": ("Capaciteitsklasse", "Capacity class"),
    "acm_priority": ("ACM-prioriteit", "ACM priority"),
    "start_year": ("Startjaar", "Start year"),
    "quantity": ("Omvang [eenheid]", "Size [unit]"),
    "blocked": ("Geblokkeerd", "Blocked"),
    "blocked_at": ("Geblokkeerd bij component", "Blocked at asset"),
    "connect_year": ("Jaar van aansluiting", "Year connected"),
    # choices --compare
    "peak_a_mw": ("Piek scenario A [MW]", "Peak scenario A [MW]"),
    "peak_b_mw": ("Piek scenario B [MW]", "Peak scenario B [MW]"),
    "change_mw": ("Verandering B − A [MW]", "Change B − A [MW]"),
    # variants: comparison, schedule, connected, resource_use, summary
    "lens": ("Lens", "Lens"),
    "folder": ("Map", "Folder"),
    "termination": ("Afloop van de solver", "Solver termination"),
    "mip_gap": ("MIP-gap [%]", "MIP gap [%]"),
    "seconds": ("Rekentijd [s]", "Solve time [s]"),
    "objective_meur": ("Doelfunctie [M€]", "Objective [M€]"),
    "projects_built": ("Projecten gebouwd [aantal]", "Projects built [count]"),
    "capex_meur": ("Investering [M€]", "Capital cost [M€]"),
    "homes_connected_2030": ("Woningen aangesloten in 2030 [woningen]",
                             "Homes connected in 2030 [homes]"),
    "homes_planned_2030": ("Woningen gepland in 2030 [woningen]",
                           "Homes planned in 2030 [homes]"),
    "industry_mw_2030": ("Industrie aangesloten in 2030 [MW]",
                         "Industry connected in 2030 [MW]"),
    "overload_mw_years": ("Overbelasting [MW·jaar]", "Overload [MW·year]"),
    "greedy_objective_meur": ("Doelfunctie gretige basislijn [M€]",
                              "Objective greedy baseline [M€]"),
    "nothing_objective_meur": ("Doelfunctie zonder kandidaten [M€]",
                               "Objective building no candidate [M€]"),
    "gain_milp_meur": ("Winst MILP boven niets bouwen [M€]",
                       "Gain MILP over building nothing [M€]"),
    "gain_greedy_meur": ("Winst basislijn boven niets bouwen [M€]",
                         "Gain baseline over building nothing [M€]"),
    "ratio_milp_greedy": ("Verhouding winst MILP / basislijn [-]",
                          "Ratio of gains MILP / baseline [-]"),
    "improvement_meur": ("Verbetering boven basislijn [M€]", "Improvement over baseline [M€]"),
    "violations": ("Schendingen [aantal]", "Violations [count]"),
    "in_service_year": ("Jaar in bedrijf", "Year in service"),
    "fte_years": ("Technisch personeel [fte·jaar]", "Technical staff [FTE·year]"),
    "transformers": ("Transformatoren [stuks]", "Transformers [units]"),
    "connected_share": ("Aangesloten aandeel [%]", "Share connected [%]"),
    "connected_mw": ("Aangesloten [MW]", "Connected [MW]"),
    "resource": ("Middel", "Resource"),
    "used": ("Gebruikt [eenheid van het middel]", "Used [unit of the resource]"),
    "available": ("Beschikbaar [eenheid van het middel]", "Available [unit of the resource]"),
    "connected_mw_end": ("Aangesloten aan het eind [MW]", "Connected at the end [MW]"),
    "planned_mw_end": ("Gepland aan het eind [MW]", "Planned at the end [MW]"),
    # assess: framework, indicators, scores, SMAA, stability, priority list, workshop
    "id": ("Code", "Code"),
    "parent_id": ("Bovenliggend criterium", "Parent criterion"),
    "group": ("Groep", "Group"),
    "value_function": ("Waardefunctie", "Value function"),
    "value_points": ("Waardepunten", "Value points"),
    "weight": ("Gewicht [%]", "Weight [%]"),
    "global_weight": ("Globaal gewicht [%]", "Global weight [%]"),
    "motivation": ("Motivering", "Motivation"),
    "basis": ("Grondslag", "Basis"),
    "owner": ("Eigenaar", "Owner"),
    "version": ("Versie", "Version"),
    "adopted_by": ("Vastgesteld door", "Adopted by"),
    "adopted_on": ("Vastgesteld op", "Adopted on"),
    "value_function_text": ("Waardefunctie (uitleg)", "Value function (explained)"),
    "definition": ("Definitie", "Definition"),
    "inputs": ("Invoer", "Inputs"),
    "parameters": ("Parameters", "Parameters"),
    "item": ("Onderdeel", "Item"),
    "aggregate": ("Optelwijze", "Aggregation"),
    "value": ("Waarde [eenheid]", "Value [unit]"),
    "partial_value": ("Deelwaarde [0–1]", "Partial value [0–1]"),
    "chosen": ("Gekozen", "Chosen"),
    "weighted_sum": ("Gewogen som [0–1]", "Weighted sum [0–1]"),
    "rank": ("Rang", "Rank"),
    "topsis": ("TOPSIS-score [0–1]", "TOPSIS score [0–1]"),
    "topsis_rank": ("Rang TOPSIS", "Rank TOPSIS"),
    "promethee_ii": ("PROMETHEE II nettostroom [−1–1]", "PROMETHEE II net flow [−1–1]"),
    "promethee_rank": ("Rang PROMETHEE II", "Rank PROMETHEE II"),
    "rank1_acceptability": ("Kans op de eerste plaats [%]", "Chance of first place [%]"),
    "confidence": ("Betrouwbaarheid [%]", "Confidence [%]"),
    "best_in_scenarios": ("Beste in scenario's", "Best in scenarios"),
    "acceptability": ("Rangaanvaardbaarheid [%]", "Rank acceptability [%]"),
    "standard_error": ("Standaardfout [%]", "Standard error [%]"),
    "lower": ("Ondergrens gewicht, zelfde rangorde [%]", "Lower bound weight, same ranking [%]"),
    "upper": ("Bovengrens gewicht, zelfde rangorde [%]", "Upper bound weight, same ranking [%]"),
    "swap_at_lower": ("Wisseling bij de ondergrens", "Swap at the lower bound"),
    "swap_at_upper": ("Wisseling bij de bovengrens", "Swap at the upper bound"),
    "top_lower": ("Ondergrens gewicht, zelfde winnaar [%]",
                  "Lower bound weight, same winner [%]"),
    "top_upper": ("Bovengrens gewicht, zelfde winnaar [%]",
                  "Upper bound weight, same winner [%]"),
    "priority": ("Prioriteit", "Priority"),
    "tier": ("Klasse", "Tier"),
    "tier_name": ("Klassenaam", "Tier name"),
    "marginal_value_meur": ("Marginale maatschappelijke waarde [M€]",
                            "Marginal societal value [M€]"),
    "objective_with_meur": ("Doelfunctie met project [M€]", "Objective with project [M€]"),
    "objective_without_meur": ("Doelfunctie zonder project [M€]",
                               "Objective without project [M€]"),
    "cost_meur": ("Kosten (contante waarde) [M€]", "Cost (present value) [M€]"),
    "value_per_meur": ("Waarde per M€ kosten [-]", "Value per M€ of cost [-]"),
    "no_regret_share": ("Spijtvrij aandeel [%]", "No-regret share [%]"),
    "scenarios_needed": ("Nodig in scenario's", "Needed in scenarios"),
    "low_scenario": ("Scenario met de laagste piek", "Scenario with the lowest peak"),
    "served_mw_years": ("Bediend [MW·jaar]", "Served [MW·year]"),
    "developments": ("Ontwikkelingen", "Developments"),
    "goals": ("Doelen", "Goals"),
    "rationale": ("Toelichting", "Rationale"),
    "participant": ("Deelnemer", "Participant"),
    "framework": ("Gewicht afwegingskader [%]", "Framework weight [%]"),
    "mean": ("Gemiddeld gewicht [%]", "Mean weight [%]"),
    "geometric_mean": ("Meetkundig gemiddeld gewicht [%]", "Geometric mean weight [%]"),
    "min": ("Kleinste gewicht [%]", "Smallest weight [%]"),
    "max": ("Grootste gewicht [%]", "Largest weight [%]"),
    "std": ("Standaardafwijking gewicht [%]", "Standard deviation of the weight [%]"),
    "n": ("Deelnemers [aantal]", "Participants [count]"),
}
"""column → (Dutch, English) header, with the unit in square brackets."""

HEADERS.update({
    # why and why not (pmiek.variants.why), in why.csv and the priority list
    "reason": ("Reden (code)", "Reason (code)"),
    "explanation": ("Toelichting", "Explanation"),
    "other_project": ("Genoemd ander project", "Other project named"),
    "why": ("Waarom gebouwd", "Why built"),
    "why_reason": ("Reden gebouwd (code)", "Reason built (code)"),
    "why_asset_id": ("Ontlast component", "Relieves asset"),
    "why_direction": ("Ontlast richting", "Relieves direction"),
    "why_year": ("Eerste jaar ontlast", "First year relieved"),
    "why_other_project": ("Nodig voor project", "Needed for project"),
    # the value of a connection (the lens' [value]) and the priority list over its range
    "value_meur_per_mw_year": ("Waarde aangesloten MW-jaar, centraal [M€/MW-jaar]",
                               "Value of a connected MW-year, central [M€/MW-year]"),
    "value_low_meur_per_mw_year": ("Waarde aangesloten MW-jaar, laag [M€/MW-jaar]",
                                   "Value of a connected MW-year, low [M€/MW-year]"),
    "value_high_meur_per_mw_year": ("Waarde aangesloten MW-jaar, hoog [M€/MW-jaar]",
                                    "Value of a connected MW-year, high [M€/MW-year]"),
    "value_source": ("Bron van de waarde", "Source of the value"),
    # the priority list: what a project lets connect; per area and operator; fixed context
    "enabled_mw": ("Aangesloten dankzij het project, laatste jaar [MW]",
                   "Connected thanks to the project, last year [MW]"),
    "homes_enabled": ("Woningen aangesloten dankzij het project, laatste jaar [woningen]",
                      "Homes connected thanks to the project, last year [homes]"),
    "level": ("Niveau", "Level"),
    "area_id": ("Gebied", "Area"),
    "n_projects": ("Projecten [aantal]", "Projects [count]"),
    "n_tier_1": ("Klasse 1 spijtvrij [aantal]", "Tier 1 no-regret [count]"),
    "n_tier_2": ("Klasse 2 robuust [aantal]", "Tier 2 robust [count]"),
    "n_tier_3": ("Klasse 3 scenario-afhankelijk [aantal]", "Tier 3 scenario-dependent [count]"),
    "n_indispensable": ("Onmisbaar [aantal]", "Indispensable [count]"),
})
for _point, (_nl, _en) in {"low": ("laag", "low"), "central": ("centraal", "central"),
                           "high": ("hoog", "high")}.items():
    HEADERS.update({
        f"chosen_{_point}": (f"Gebouwd bij {_nl}", f"Built at {_en}"),
        f"rank_{_point}": (f"Prioriteit bij {_nl} [rang]", f"Priority at {_en} [rank]"),
        f"in_service_year_{_point}": (f"In bedrijf bij {_nl}", f"In service at {_en}"),
        f"marginal_value_meur_{_point}": (f"Waarde aansluitingen bij {_nl} [M€]",
                                          f"Value of the connections at {_en} [M€]"),
        f"value_{_point}": (f"Waarde aangesloten MW-jaar, {_nl} [M€/MW-jaar]",
                            f"Value of a connected MW-year, {_en} [M€/MW-year]"),
    })

TABLE_HEADERS: dict[tuple[str, str], Pair] = {
    ("why", "value"): ("Waarde [eenheid]", "Value [unit]"),
    ("why", "other_value"): ("Waarde ander project [eenheid]", "Value of the other project [unit]"),
    ("why", "year"): ("Jaar", "Year"),
    ("partial_values", "contribution"): ("Bijdrage aan de gewogen som [0–1]",
                                         "Contribution to the weighted sum [0–1]"),
    ("indicator_sources", "contribution"): ("Bijdrage [eenheid van de indicator]",
                                            "Contribution [unit of the indicator]"),
    ("indicator_sources", "kind"): ("Soort bron", "Kind of source"),
    ("partial_values", "value"): ("Waarde indicator [eenheid van de indicator]",
                                  "Indicator value [unit of the indicator]"),
    ("indicators", "value"): ("Waarde [eenheid]", "Value [unit]"),
    ("framework", "direction"): ("Richting (baat of kosten)", "Direction (benefit or cost)"),
    ("indicator_registry", "direction"): ("Richting (baat of kosten)",
                                          "Direction (benefit or cost)"),
    ("choices_compare", "kind"): ("Soort component", "Kind of asset"),
    ("schedule", "kind"): ("Soort project", "Kind of project"),
    ("priority_list", "kind"): ("Soort project", "Kind of project"),
    ("framework", "weight"): ("Lokaal gewicht [%]", "Local weight [%]"),
    ("context", "kind"): ("Soort project", "Kind of project"),
    **{(table, column): pair for table in ("priority_by_area", "priority_by_operator")
       for column, pair in {
           "marginal_value_meur": ("Som marginale waarden, zonder onmisbare [M€]",
                                   "Sum of marginal values, without indispensable ones [M€]"),
           "enabled_mw": ("Aangesloten dankzij de projecten, laatste jaar, som [MW]",
                          "Connected thanks to the projects, last year, sum [MW]"),
           "homes_enabled": ("Woningen aangesloten dankzij de projecten, laatste jaar, som "
                             "[woningen]", "Homes connected thanks to the projects, last "
                             "year, sum [homes]"),
           "capex_meur": ("Investering, som [M€]", "Capital cost, sum [M€]"),
           "name": ("Naam gebied", "Name of the area"),
       }.items()},
}
"""(table, column) → header, where a column means something else in that table."""

DYNAMIC_HEADERS: dict[str, Pair] = {
    "homes_blocked": ("Geblokkeerde woningen, {name} [woningen]", "Homes blocked, {name} [homes]"),
    "central_weights": ("Centraal gewicht {name} [%]", "Central weight {name} [%]"),
    "weight_sets": ("Gewicht {name} [%]", "Weight {name} [%]"),
}
"""table → header template (``{name}`` the column) for the columns that the data names: the
scenarios of ``homes_blocked``, the criteria of ``central_weights`` and ``weight_sets``."""

PREFIX_HEADERS: dict[str, Pair] = {
    "weighted_sum_": ("Gewogen som {name} [0–1]", "Weighted sum {name} [0–1]"),
}
"""column prefix → header template (``{name}`` the rest of the column name: a scenario)."""

SHEETS: dict[str, Pair] = {
    "loads": ("belasting", "loads"),
    "bottlenecks": ("knelpunten", "bottlenecks"),
    "blocked": ("geblokkeerd", "blocked"),
    "homes_blocked": ("woningen geblokkeerd", "homes blocked"),
    "choices_compare": ("keuzevergelijking", "choices compared"),
    "comparison": ("vergelijking", "comparison"),
    "schedule": ("planning", "schedule"),
    "connected": ("aangesloten", "connected"),
    "resource_use": ("middelen", "resources"),
    "summary": ("samenvatting", "summary"),
    "framework": ("afwegingskader", "framework"),
    "indicator_registry": ("indicatorregister", "indicator registry"),
    "indicators": ("indicatoren", "indicators"),
    "indicator_sources": ("indicatorbronnen", "indicator sources"),
    "partial_values": ("deelwaarden", "partial values"),
    "scores": ("scores", "scores"),
    "smaa": ("SMAA", "SMAA"),
    "central_weights": ("centrale gewichten", "central weights"),
    "stability": ("stabiliteit", "stability"),
    "priority_list": ("prioriteitenlijst", "priority list"),
    "weight_sets": ("gewichtensets", "weight sets"),
    "weight_spread": ("gewichtenspreiding", "weight spread"),
    "why": ("waarom", "why"),
    "value_range": ("waardebereik", "value range"),
    "priority_by_area": ("per gebied", "per area"),
    "priority_by_operator": ("per netbeheerder", "per operator"),
    "context": ("vaste context", "fixed context"),
}
"""table → the name of its sheet in the workbook for people."""

INFINITE: dict[str, Pair] = {
    "marginal_value_meur": ("onmisbaar", "indispensable"),
    "value_per_meur": ("onmisbaar", "indispensable"),
}
"""column → the word shown for an infinite value, where it is not :data:`UNBOUNDED`."""

VALUE_KINDS: dict[str, str] = {
    "sector": "sector",
    "unit": "unit",
    "direction": "direction",
    "carrier": "carrier",
    "class": "capacity_class",
    "group": "criterion_group",
    "why_direction": "direction",
    "level": "area_kind",
}
"""column → the kind of :data:`~pmiek.domain.labels.VOCABULARY` whose labels its values show
(in every table)."""

TABLE_VALUE_KINDS: dict[tuple[str, str], str] = {
    ("schedule", "kind"): "project_kind",
    ("priority_list", "kind"): "project_kind",
    ("schedule", "status"): "project_status",
    ("priority_list", "status"): "project_status",
    ("context", "kind"): "project_kind",
    ("context", "status"): "project_status",
    ("choices_compare", "kind"): "asset_kind",
}
"""(table, column) → the kind of labels, where it depends on the table."""

UNBOUNDED: Pair = ("onbegrensd", "unbounded")
"""The word shown for an infinite value."""

YES_NO: dict[bool, Pair] = {True: ("ja", "yes"), False: ("nee", "no")}
"""How a true/false cell reads."""


def table_of(name: str) -> str:
    """The table of an output name: ``evenwichtig/schedule`` → ``schedule``."""
    return name.rsplit("/", 1)[-1]


def header(table: str, column: str, lang: str = "nl") -> str | None:
    """The header of ``column`` in ``table`` (an output name: ``evenwichtig/schedule`` is
    ``schedule``) in ``lang``; ``None`` when the vocabulary has none."""
    table = table_of(table)
    pair = TABLE_HEADERS.get((table, column)) or HEADERS.get(column)
    if pair is not None:
        return in_language(pair, lang)
    for prefix, template in PREFIX_HEADERS.items():
        if column.startswith(prefix) and len(column) > len(prefix):
            return in_language(template, lang).format(name=column[len(prefix):])
    if table in DYNAMIC_HEADERS:
        return in_language(DYNAMIC_HEADERS[table], lang).format(name=column)
    return None


def sheet_name(table: str, lang: str = "nl", limit: int | None = None) -> str:
    """The sheet name of an output name (``evenwichtig/schedule`` → ``evenwichtig planning``);
    a table the vocabulary does not know keeps its name. With a ``limit`` on its length the
    folder part is cut first, so that the table's own name stays whole."""
    folder, _, name = table.rpartition("/")
    pair = SHEETS.get(name)
    shown = name if pair is None else in_language(pair, lang)
    folder = folder.replace("/", " ")
    if folder and limit is not None and len(folder) + 1 + len(shown) > limit:
        folder = folder[:max(limit - 1 - len(shown), 0)].rstrip(" -_.")
    return f"{folder} {shown}" if folder else shown


def value_kind(table: str, column: str) -> str | None:
    """The kind of labels that the values of ``column`` in ``table`` show, if any."""
    table = table_of(table)
    return TABLE_VALUE_KINDS.get((table, column)) or VALUE_KINDS.get(column)


def infinite_word(column: str, lang: str = "nl") -> str:
    """The word shown for an infinite value of ``column``."""
    return in_language(INFINITE.get(column, UNBOUNDED), lang)


def yes_no(value: bool, lang: str = "nl") -> str:
    """``ja``/``nee`` (``yes``/``no``)."""
    return in_language(YES_NO[bool(value)], lang)


__all__ = [
    "DYNAMIC_HEADERS",
    "HEADERS",
    "INFINITE",
    "PREFIX_HEADERS",
    "SHEETS",
    "TABLE_HEADERS",
    "TABLE_VALUE_KINDS",
    "UNBOUNDED",
    "VALUE_KINDS",
    "header",
    "infinite_word",
    "sheet_name",
    "table_of",
    "value_kind",
    "yes_no",
]
