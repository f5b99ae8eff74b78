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
rationale is one Dutch (or English) sentence per project. ``enabled_mw`` and
``homes_enabled`` are the MW and the homes that are connected in the last year of the horizon
with the project and not without it (expected over the scenarios; 0 for a project that
relieves an existing overload without changing a connection; below 0 where, without the
project, the re-optimised connections take more of them instead of others).

*Fixed context.* A variant designed for a hotspot (``level`` an area) may choose only the
projects local to it (:attr:`~pmiek.variants.instance.Instance.local`), but the projects it
must build elsewhere — the investment plans' — are in its schedule too. Its priority list
holds the built local projects and the built projects they (transitively) require; every
other built project has ``context`` true: the province-wide projects the run takes as given,
listed after the others with their own priority numbers (:func:`fixed_context`). At province
level no project is context.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
import xarray as xr
from scipy import sparse

from pmiek.assessment.no_regret import judge
from pmiek.assessment.priority_notes import priority_notes, tier_rule
from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.domain.choice_rules import expand
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
    "capex_meur", "cost_meur", "value_per_meur", "no_regret_share",
    "scenarios_needed", "low_scenario", "served_mw_years", "enabled_mw", "homes_enabled",
    "developments", "goals", "rationale", "context",
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


def fixed_context(result: VariantResult) -> Bools:
    """(P,) the built projects of a hotspot-level variant that are neither local to the hotspot
    nor (transitively) required by a built local project: the fixed context it takes as given
    (see the module docstring). All false at province level."""
    p = result.instance
    built = np.asarray(result.start, dtype=int) >= 0
    if p.local is None:
        return np.zeros(p.n_projects, dtype=bool)
    listed = built & np.asarray(p.local, dtype=bool)
    requires = np.asarray(p.requires, dtype=int).reshape(-1, 2)
    while True:  # one step per level of prerequisites: a handful
        needed = np.zeros(p.n_projects, dtype=bool)
        needed[requires[listed[requires[:, 0]], 1]] = True
        grown = listed | (needed & built)
        if (grown == listed).all():
            context: Bools = built & ~listed
            return context
        listed = grown


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
    """The priority list of ``result`` (see the module docstring), ordered: the listed
    projects first, then those of the fixed context (``context`` true), each part numbered
    from 1 (``priority``)."""
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
    # MW and homes connected in the last year with the project and not without it (a change
    # of share within the solver's tolerance is none)
    last = np.where(np.abs(change[..., -1]) > TOLERANCE, change[..., -1], 0.0)
    enabled = np.einsum("s,bsd,sd->b", prob, last, np.asarray(p.size_mw)[..., -1])
    homes = np.einsum("s,bsd,sd->b", prob, last, np.asarray(p.homes)[..., -1])
    context = fixed_context(result)
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
            "capex_meur": float(p.capex[q]), "cost_meur": float(cost[q]),
            "value_per_meur": value / cost[q] if cost[q] > 0 else np.inf,
            "no_regret_share": float(judged.share[q]), "scenarios_needed": in_scen,
            "low_scenario": low,
            "served_mw_years": float(served[k][served[k] > 0].sum()),
            "enabled_mw": float(enabled[k]), "homes_enabled": float(homes[k]),
            "developments": ";".join(ids), "goals": ";".join(goals),
            "rationale": _rationale(str(p.project_names[q]), int(p.years[start[q]]), ids,
                                    names, goals, relieved=relieved, feasible=feasible,
                                    n_needed=int(need[:, k].sum()),
                                    n_scenarios=len(scenario_names),
                                    dependents=len(gone) - 1, lang=lang,
                                    low=low if tier == 2 else ""),
            "context": bool(context[q]),
        })
    frame = pd.DataFrame(rows)
    frame = frame.sort_values(["context", "tier", "value_per_meur", "marginal_value_meur"],
                              ascending=[True, True, False, False], kind="stable")
    frame.insert(0, "priority", frame.groupby("context").cumcount().to_numpy() + 1)
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
           "relieved_none": "{name} (in bedrijf {year}) ontlast het net; er wachten geen "
                            "ontwikkelingen achter",
           "serves_none": "{name} (in bedrijf {year}) maakt geen nieuwe aansluiting mogelijk",
           "more": " en {rest} meer"},
    "en": {"relieved": "{name} (in service {year}) relieves the grid behind {n} "
                       "{developments}, among them {who}",
           "serves": "{name} (in service {year}) lets {n} {developments} connect, mainly {who}",
           "goals": "; goals: {goals}.", "needed": "Needed in {k} of {s} {scenarios}.",
           "indispensable": "Indispensable: without it required connections fail.",
           "low": "Not needed in {low}, the scenario with the lowest peak.",
           "relieved_none": "{name} (in service {year}) relieves the grid; no developments "
                            "wait behind it",
           "serves_none": "{name} (in service {year}) lets no new connection through",
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
    key = ("relieved" if relieved else "serves") + ("" if ids else "_none")
    first = t[key].format(
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


__all__ = ["PRIORITY_COLUMNS", "fixed_context", "marginal_values", "priority_list",
           "priority_notes", "tier_rule"]
