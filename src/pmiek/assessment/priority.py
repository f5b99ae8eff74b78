"""The priority list of a chosen variant: what each project adds, for whom, and how surely.

For every project the variant builds, the *marginal value* is the variant's value with the
project minus its value without it, everything else kept as decided: the schedule of the
other projects stays, the connected shares are re-optimised (an LP: all binaries are fixed).
Projects that need the project (``requires``) leave with it. The difference in connected
shares names the developments the project serves; where it changes none (it relieves an
existing overload, say), the developments behind the assets it relieves are named instead.

``objective_with_meur`` and ``objective_without_meur`` are the variant's objective (expected
discounted value − overload penalty − cost, as the lens weighs them) with and without the
project; the marginal value adds back the cost of what leaves, so it is value only: the
lens-weighted value of the connections the project makes possible, discounted, at the lens'
central value of a connected MW-year (:class:`~pmiek.variants.lenses.ConnectionValue`: its
source and range are in the lens file; :mod:`pmiek.assessment.value_range` shows how the list
changes over that range).

Tiers (:mod:`pmiek.assessment.no_regret` defines them exactly). A project is *needed* in a
scenario when, in the year it comes into service, a capacity row it relieves would be
overloaded without it by the scenario's *firm* load — the existing load and the new
developments with certainty ≥ 4 (:data:`~pmiek.domain.defaults.FIRM_CERTAINTY`), none of the
connections the variant itself decides on — with the capacity the other projects add by then
and the existing overload that remains with all of them:

1. *spijtvrij* — needed in every scenario, the one with the lowest province peak in the
   project's carrier and direction (its *low* scenario) included;
2. *robuust* — needed in every scenario but the low one;
3. *scenario-afhankelijk* — the rest.

Within a tier, projects are ordered by marginal value per M€ of (discounted, lens-weighted)
cost. The tier names are the labels of kind ``"tier"`` in :mod:`pmiek.domain.labels`. The
rationale is one Dutch (or English) sentence per project.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import xarray as xr
from scipy import sparse

from pmiek.assessment.no_regret import judge
from pmiek.domain.arrays import Floats, Ints
from pmiek.domain.choice_rules import expand
from pmiek.domain.defaults import FIRM_CERTAINTY
from pmiek.domain.labels import label, localised
from pmiek.domain.workspace import Workspace
from pmiek.errors import SolveError, said
from pmiek.insight.hierarchy import closure
from pmiek.variants.model import build_model
from pmiek.variants.result import VariantResult
from pmiek.variants.solver import SolverOptions, resolve_without

PRIORITY_COLUMNS = [
    "priority", "project_id", "name", "operator", "kind", "status", "in_service_year", "tier",
    "tier_name", "marginal_value_meur", "objective_with_meur", "objective_without_meur",
    "cost_meur", "value_per_meur", "no_regret_share",
    "scenarios_needed", "low_scenario", "served_mw_years", "developments", "goals", "rationale",
]
TOLERANCE = 1e-6


def _dependents(requires: Ints, n: int) -> list[Ints]:
    """For each project, itself and every project that (transitively) requires it."""
    out: list[Ints] = []
    for p in range(n):
        found = {p}
        frontier = {p}
        while frontier:
            nxt = {int(a) for a, b in requires if int(b) in frontier} - found
            found |= nxt
            frontier = nxt
        out.append(np.array(sorted(found), dtype=int))
    return out


def marginal_values(result: VariantResult, options: SolverOptions | None = None
                    ) -> tuple[pd.DataFrame, Floats]:
    """Per built project: the objective without it (and its dependents) and the connected
    shares then. Returns a frame ``project, objective_without, feasible`` and the (B, S, D, Y)
    change in connected share (with − without) of the B built projects."""
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    built = np.flatnonzero(start >= 0)
    onehot = np.zeros_like(np.asarray(p.allowed), dtype=bool)
    onehot[built, start[built]] = True
    fixed = replace(p, allowed=onehot, must_build=np.zeros(p.n_projects, dtype=bool))
    m = build_model(fixed)
    x = m.variables["x"]
    x.update(lower=xr.DataArray(onehot.astype(float), coords=x.lower.coords))
    deps = _dependents(np.asarray(p.requires, dtype=int).reshape(-1, 2), p.n_projects)
    gone_of = [deps[q][start[deps[q]] >= 0] for q in built]
    groups = [[(int(g), int(start[g])) for g in gone] for gone in gone_of]
    base, without = resolve_without(m, options or SolverOptions(time_limit=30.0), "x",
                                    groups, read="s")
    if not base.solved:
        raise said(SolveError,
                   nl=f"Het vaste schema van variant '{p.lens.name}' is niet optimaal "
                      "opgelost; er zijn geen marginale waarden te berekenen.",
                   en=f"The fixed schedule of variant '{p.lens.name}' did not solve to "
                      "optimality, so no marginal values can be computed.")
    shape = np.asarray(m.variables["s"].labels.values).shape
    change = np.zeros((len(built), *shape))
    rows = []
    for k, (q, gone, again) in enumerate(zip(built, gone_of, without, strict=True)):
        if again.solved:
            change[k] = (base.values - again.values).reshape(shape)
        rows.append({"project": p.project_ids[q], "objective_without": again.objective,
                     "feasible": again.solved or not again.infeasible,
                     "solved": again.solved, "with_dependents": ";".join(p.project_ids[gone])})
    frame = pd.DataFrame(rows)
    frame["objective_with"] = base.objective
    return frame, change


def _names(ids: Sequence[str], names: Mapping[str, str], lang: str, k: int = 3) -> str:
    shown = [names.get(i, i) for i in ids[:k]]
    rest = len(ids) - len(shown)
    text = ", ".join(shown)
    more = localised(RATIONALE, lang)["more"].format(rest=rest) if rest > 0 else ""
    return text + more


def _asset_tree(workspace: Workspace) -> tuple[pd.Index, sparse.csr_matrix]:
    """The asset ids and, per asset, the assets below it (itself included)."""
    table = workspace.assets
    ids = pd.Index(table["id"].astype(str))
    parents = ids.get_indexer(table["parent_id"].astype(object).fillna("").astype(str))
    return ids, closure(parents)


def _relieved_developments(result: VariantResult, workspace: Workspace, project: int,
                           tree: tuple[pd.Index, sparse.csr_matrix]) -> list[str]:
    """Developments (existing and new) below the assets whose rows the project relieves,
    largest first."""
    p = result.instance
    rows = p.row_delta[:, project].nonzero()[0]
    moved = np.asarray(p.move_row)[np.asarray(p.move_project) == project]
    assets = set(np.asarray(p.row_asset)[np.concatenate([rows, moved]).astype(int)])
    if not assets:
        return []
    ids, below = tree
    under: set[str] = set()
    for asset in assets:
        at = ids.get_indexer([asset])[0]
        if at >= 0:
            under |= set(ids[below[at].indices])
    dev = workspace.developments
    hit = dev[dev["asset_id"].astype(str).isin(under)]
    size = hit["demand_mw"].fillna(0).astype(float) + hit["feedin_mw"].fillna(0).astype(float)
    order = np.argsort(-size.to_numpy(), kind="stable")
    largest_first: list[str] = hit["id"].astype(str).to_numpy()[order].tolist()
    return largest_first


def priority_list(result: VariantResult, workspace: Workspace, lang: str = "nl",
                  options: SolverOptions | None = None) -> pd.DataFrame:
    """The priority list of ``result`` (see the module docstring), ordered."""
    p = result.instance
    workspace = expand(workspace)  # the instance's rows include those the choices make
    start = np.asarray(result.start, dtype=int)
    built = np.flatnonzero(start >= 0)
    if not len(built):
        return pd.DataFrame(columns=PRIORITY_COLUMNS)
    marginal, change = marginal_values(result, options)
    prob = np.asarray(p.probability, dtype=float)
    judged = judge(result, workspace)
    need = judged.needed[:, built]  # (S, B)
    scenario_names = np.array([str(s) for s in p.scenarios], dtype=object)
    # served MW-years per development, expected over scenarios
    served = np.einsum("s,bsdy,sdy->bd", prob, change, np.asarray(p.size_mw))
    dev = workspace.developments.set_index(workspace.developments["id"].astype(str))
    names = dev["name"].astype(str).to_dict()
    goals_of = dev["policy_goals"].astype(object).fillna("").astype(str).to_dict()
    cost = np.zeros(p.n_projects)
    cost[built] = p.cost_factor[built] * p.capex[built] * (
        p.spend[built, start[built], :] @ p.discount)
    operator = np.where(p.operator_of_project >= 0,
                        p.operators[np.maximum(p.operator_of_project, 0)]
                        if len(p.operators) else "", "")
    position = {str(pid): k for k, pid in enumerate(p.project_ids)}
    tree: tuple[pd.Index, sparse.csr_matrix] | None = None  # made when first needed
    rows = []
    for k, q in enumerate(built):
        feasible = bool(marginal.at[k, "feasible"])
        objective_gap = float(marginal.at[k, "objective_with"]
                              - marginal.at[k, "objective_without"])
        gone = marginal.at[k, "with_dependents"].split(";")
        gone_cost = float(sum(cost[position[g]] for g in gone))
        # infeasible without it: indispensable; not solved within the time limit: unknown
        value = objective_gap + gone_cost if marginal.at[k, "solved"] else \
            (np.inf if not feasible else np.nan)
        order = np.argsort(-served[k], kind="stable")
        ids = [str(p.dev_ids[d]) for d in order if served[k, d] > TOLERANCE]
        relieved = not ids
        if relieved:
            tree = tree or _asset_tree(workspace)
            ids = _relieved_developments(result, workspace, int(q), tree)
        goals = sorted({g.strip() for i in ids for g in goals_of.get(i, "").split(";")
                        if g.strip() and g.strip() != "bestaand"})
        tier = int(judged.tier[q])
        low = str(scenario_names[judged.low[q]]) if judged.low[q] >= 0 else ""
        in_scen = ", ".join(scenario_names[need[:, k]]) or "-"
        rows.append({
            "project_id": str(p.project_ids[q]), "name": str(p.project_names[q]),
            "operator": str(operator[q]), "kind": str(p.project_kind[q]),
            "status": str(p.project_status[q]), "in_service_year": int(p.years[start[q]]),
            "tier": tier, "tier_name": label("tier", str(tier), lang),
            "marginal_value_meur": value,
            "objective_with_meur": float(marginal.at[k, "objective_with"]),
            "objective_without_meur": float(marginal.at[k, "objective_without"]),
            "cost_meur": float(cost[q]),
            "value_per_meur": value / cost[q] if cost[q] > 0 else np.inf,
            "no_regret_share": float(judged.share[q]), "scenarios_needed": in_scen,
            "low_scenario": low,
            "served_mw_years": float(served[k][served[k] > 0].sum()),
            "developments": ";".join(ids), "goals": ";".join(goals),
            "rationale": _rationale(str(p.project_names[q]), int(p.years[start[q]]), ids,
                                    names, goals, relieved=relieved, feasible=feasible,
                                    n_needed=int(need[:, k].sum()),
                                    n_scenarios=len(scenario_names),
                                    dependents=len(gone) - 1, lang=lang,
                                    low=low if tier == 2 else ""),
        })
    frame = pd.DataFrame(rows)
    frame = frame.sort_values(["tier", "value_per_meur", "marginal_value_meur"],
                              ascending=[True, False, False], kind="stable")
    frame.insert(0, "priority", np.arange(1, len(frame) + 1))
    return frame.reset_index(drop=True)[PRIORITY_COLUMNS]


RATIONALE = {
    "nl": {"relieved": "{name} (in bedrijf {year}) ontlast het net achter {n} {developments}, "
                       "waaronder {who}",
           "serves": "{name} (in bedrijf {year}) maakt aansluiting mogelijk van {n} "
                     "{developments}, vooral {who}",
           "goals": "; doelen: {goals}.", "needed": "Nodig in {k} van {s} {scenarios}.",
           "indispensable": "Onmisbaar: zonder dit project lukken verplichte aansluitingen "
                            "niet.",
           "low": "Niet nodig in {low}, het scenario met de laagste piek.",
           "more": " en {rest} meer"},
    "en": {"relieved": "{name} (in service {year}) relieves the grid behind {n} "
                       "{developments}, among them {who}",
           "serves": "{name} (in service {year}) lets {n} {developments} connect, mainly {who}",
           "goals": "; goals: {goals}.", "needed": "Needed in {k} of {s} {scenarios}.",
           "indispensable": "Indispensable: without it required connections fail.",
           "low": "Not needed in {low}, the scenario with the lowest peak.",
           "more": " and {rest} more"},
}
"""The sentences of a rationale, per language (``more`` ends a shortened list of names)."""
NUMBERED: dict[str, dict[str, tuple[str, str]]] = {
    "nl": {"scenario": ("scenario", "scenario's"),
           "development": ("ontwikkeling", "ontwikkelingen"),
           "dependents": ("{d} ander project bouwt erop voort.",
                          "{d} andere projecten bouwen erop voort.")},
    "en": {"scenario": ("scenario", "scenarios"),
           "development": ("development", "developments"),
           "dependents": ("{d} other project depends on it.",
                          "{d} other projects depend on it.")},
}
"""The words and sentences of a rationale that follow a number: (singular, plural)."""


def _rationale(name: str, year: int, ids: Sequence[str], names: Mapping[str, str],
               goals: Sequence[str], *, relieved: bool, feasible: bool, n_needed: int,
               n_scenarios: int, dependents: int, lang: str, low: str = "") -> str:
    t, w = localised(RATIONALE, lang), localised(NUMBERED, lang)
    first = t["relieved" if relieved else "serves"].format(
        name=name, year=year, n=len(ids), who=_names(ids, names, lang),
        developments=w["development"][len(ids) != 1])
    shown_goals = ", ".join(label("policy_goal", g, lang) for g in goals)
    parts = [first + (t["goals"].format(goals=shown_goals) if goals else "."),
             t["needed"].format(k=n_needed, s=n_scenarios,
                                scenarios=w["scenario"][n_scenarios != 1])]
    if low:
        parts.append(t["low"].format(low=low))
    if not feasible:
        parts.append(t["indispensable"])
    if dependents:
        parts.append(w["dependents"][dependents != 1].format(d=dependents))
    return " ".join(parts)


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
    ],
}
"""The meaning of the priority list's less obvious columns, per language."""


def priority_notes(lang: str = "nl", firm_certainty: int = FIRM_CERTAINTY
                   ) -> list[tuple[str, str]]:
    """The notes that go with the priority list, as (topic, note): the tier rule first, then
    the columns that need a word."""
    tier = "tier" if lang == "en" else "klasse"
    return [(tier, tier_rule(lang, firm_certainty)), *localised(PRIORITY_NOTES, lang)]
