"""The priority list: marginal values against independent re-solves, and the list's shape.

The marginal value of a built project is checked by building the instance anew with
``build_instance(..., fixed=...)`` — every built project pinned to its year, the project and
the projects that (transitively) require it pinned to "not built", every other project to
"not built" — and solving it with ``solve(mip_gap=0)``. Then

    marginal_value = objective(with) − objective(without) + discounted cost of those removed

with the cost recomputed from the projects table. The dependents are derived from the
``requires`` column of the projects table, not from ``priority.py``.

Variants: the example workspace with three candidates pinned (P-LW-MS requires P-ODR, so
P-ODR takes P-LW-MS with it), and the Utrecht dataset over all four scenarios and 2026–2030
with the lens "flex-en-opslag-eerst" (cost factors ≠ 1; a congested grid).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.assessment.priority import PRIORITY_COLUMNS, _rationale, priority_list
from pmiek.domain.choice_rules import expand
from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import design, solve
from pmiek.variants.solver import SolverOptions
from tests.assessment.firm_check import needed_by_verify

ACCEPTED = (Termination.OPTIMAL, Termination.GAP_LIMIT)
EXAMPLE_PINNED = {"P-LW-MS": 2030, "P-HTN-O": 2032, "P-FLEX": 2027}
UTRECHT_SCENARIOS = ["KM", "EV", "GB", "HA"]
TIERS = {1: ("spijtvrij", "no-regret"), 2: ("robuust", "robust"),
         3: ("scenario-afhankelijk", "scenario-dependent")}


@dataclasses.dataclass(frozen=True)
class Case:
    """A solved variant, how it was asked for, and its priority list in both languages."""

    result: VariantResult
    workspace: Workspace
    lens: Lens
    scenarios: list[str] | None
    first_year: int
    horizon: int
    nl: pd.DataFrame
    en: pd.DataFrame


def _case(workspace: Workspace, lens: Lens, scenarios: list[str] | None, horizon: int,
          fixed: dict[str, float | None] | None = None) -> Case:
    result = design(workspace, lens, scenarios, first_year=2026, horizon=horizon, fixed=fixed,
                    options=SolverOptions(time_limit=30))
    assert result.termination in ACCEPTED, (result.termination, result.message)
    return Case(result, workspace, lens, scenarios, 2026, horizon,
                priority_list(result, workspace, "nl", options=SolverOptions(time_limit=30)),
                priority_list(result, workspace, "en", options=SolverOptions(time_limit=30)))


@pytest.fixture(scope="module")
def example_case(example: Workspace) -> Case:
    return _case(example, load_lens("evenwichtig"), None, 2035, dict(EXAMPLE_PINNED))


@pytest.fixture(scope="module")
def utrecht_case() -> Case:
    return _case(read_workspace("utrecht").workspace, load_lens("flex-en-opslag-eerst"),
                 UTRECHT_SCENARIOS, 2030)


@pytest.fixture(params=["example", pytest.param("utrecht", marks=pytest.mark.slow)])
def case(request: pytest.FixtureRequest) -> Case:
    found: Case = request.getfixturevalue(f"{request.param}_case")
    return found


# --- independent helpers --------------------------------------------------------------------

def built_years(result: VariantResult) -> dict[str, int]:
    p = result.instance
    return {str(pid): int(p.years[y]) for pid, y in zip(p.project_ids, result.start,
                                                        strict=True) if y >= 0}


def dependents(workspace: Workspace, pid: str, built: set[str]) -> set[str]:
    """``pid`` and every built project that requires it, directly or through others, from the
    ``requires`` column of the projects table."""
    needs = {str(row.id): {x.strip() for x in str(row.requires).split(";") if x.strip()}
             for row in workspace.projects.itertuples() if pd.notna(row.requires)}
    found = {pid}
    while True:
        more = {p for p, wanted in needs.items() if wanted & found} - found
        if not more:
            return found & (built | {pid})
        found |= more


def discounted_cost(case: Case, pid: str, year: int) -> float:
    """capex × the lens' cost factor, spread evenly over the build years before ``year``
    (within the horizon), discounted to the first year."""
    row = case.workspace.projects.set_index(case.workspace.projects["id"].astype(str)).loc[pid]
    build = max(int(row["build_years"]) if pd.notna(row["build_years"]) else 1, 1)
    factor = case.lens.project_cost_factors.get(str(row["kind"]), 1.0)
    return sum(float(row["capex_meur"]) / build * factor
               * (1 + case.lens.discount_rate) ** -(t - case.first_year)
               for t in range(year - build, year) if case.first_year <= t <= case.horizon)


def resolve(case: Case, gone: set[str]) -> VariantResult:
    """The variant's schedule without ``gone``, connected shares re-optimised."""
    years = built_years(case.result)
    fixed: dict[str, float | None] = {
        str(pid): (None if pid in gone or pid not in years else float(years[pid]))
        for pid in case.result.instance.project_ids}
    instance = build_instance(case.workspace, case.lens, case.scenarios,
                            first_year=case.first_year, horizon=case.horizon, fixed=fixed)
    return solve(instance, options=SolverOptions(mip_gap=0.0, time_limit=30))


# --- 1. marginal values against re-solves ---------------------------------------------------

def _check_marginal_values(case: Case, projects: list[str]) -> None:
    frame = case.nl.set_index("project_id")
    with_all = resolve(case, set())
    assert with_all.termination is Termination.OPTIMAL
    assert with_all.objective >= case.result.objective - 1e-6 * abs(case.result.objective)
    years = built_years(case.result)
    for pid in projects:
        gone = dependents(case.workspace, pid, set(years))
        without = resolve(case, gone)
        assert without.termination is Termination.OPTIMAL, (pid, without.message)
        assert not (np.asarray(without.start)[[list(without.instance.project_ids).index(g)
                                               for g in gone]] >= 0).any()
        cost = sum(discounted_cost(case, g, years[g]) for g in gone)
        expected = with_all.objective - without.objective + cost
        scale = max(1.0, abs(with_all.objective))
        assert frame.at[pid, "marginal_value_meur"] == pytest.approx(expected, abs=1e-6 * scale
                                                                      ), (pid, gone)
        # with and without, as the list reports them, are the two re-solves' objectives
        assert frame.at[pid, "objective_with_meur"] == pytest.approx(with_all.objective,
                                                                     abs=1e-6 * scale)
        assert frame.at[pid, "objective_without_meur"] == pytest.approx(without.objective,
                                                                        abs=1e-6 * scale)
        if len(gone) > 1:  # the rationale mentions the projects that leave with it
            others = len(gone) - 1
            assert (f"{others} ander project bouwt" if others == 1 else
                    f"{others} andere projecten bouwen") in frame.at[pid, "rationale"]
            assert (f"{others} other project depends" if others == 1 else
                    f"{others} other projects depend") in \
                case.en.set_index("project_id").at[pid, "rationale"]


@pytest.mark.slow
def test_marginal_value_equals_a_re_solve_on_the_example(example_case: Case) -> None:
    # P-ODR takes P-LW-MS (which requires it) with it; P-HTN-O re-parents an asset
    assert dependents(example_case.workspace, "P-ODR", set(built_years(example_case.result))
                      ) == {"P-ODR", "P-LW-MS"}
    _check_marginal_values(example_case, ["P-ODR", "P-HTN-O"])


@pytest.mark.slow
def test_marginal_value_equals_a_re_solve_on_utrecht(utrecht_case: Case) -> None:
    # a large must-build project, one with two dependents, a re-parenting (move) project and
    # the first flex contract the variant chose (lens cost factor 0.4)
    projects = ["P-BKK", "P-ODR-KBL", "P-HTO"]
    built = set(built_years(utrecht_case.result))
    assert set(projects) <= built
    flex = sorted(utrecht_case.nl.loc[(utrecht_case.nl["kind"] == "flex_contract")
                                      & (utrecht_case.nl["status"] == "candidate"),
                                      "project_id"])
    assert flex
    projects.append(flex[0])
    assert len(dependents(utrecht_case.workspace, "P-ODR-KBL", built)) == 3
    p = utrecht_case.result.instance
    assert "P-HTO" in set(p.project_ids[np.asarray(p.move_project, dtype=int)])
    _check_marginal_values(utrecht_case, projects)
    values = utrecht_case.nl.set_index("project_id")["marginal_value_meur"]
    assert values["P-BKK"] > 100  # the congested grid makes it matter


def test_cost_is_the_discounted_lens_weighted_capex(case: Case) -> None:
    years = built_years(case.result)
    for row in case.nl.itertuples():
        expected = discounted_cost(case, row.project_id, years[row.project_id])
        assert row.cost_meur == pytest.approx(expected, rel=1e-9), row.project_id
        ratio = row.marginal_value_meur / row.cost_meur if row.cost_meur > 0 else np.inf
        assert row.value_per_meur == pytest.approx(ratio, rel=1e-12)


# --- 2. developments and rationale ----------------------------------------------------------

def test_every_row_names_developments_of_the_workspace(case: Case) -> None:
    # the developments of the data and the rows its choice rules make ('<id>~<rule>')
    known = set(expand(case.workspace).developments["id"].astype(str))
    for table in (case.nl, case.en):
        for row in table.itertuples():
            named = [i for i in row.developments.split(";") if i]
            assert named, row.project_id
            assert set(named) <= known, (row.project_id, set(named) - known)
            assert len(named) == len(set(named)), row.project_id
    pd.testing.assert_series_equal(case.nl["developments"], case.en["developments"])


def test_rationale_names_the_project_and_year_in_the_asked_language(case: Case) -> None:
    names = case.workspace.projects.set_index(case.workspace.projects["id"].astype(str))["name"]
    n_s = len(case.result.instance.scenarios)
    for nl, en in zip(case.nl.itertuples(), case.en.itertuples(), strict=True):
        assert nl.project_id == en.project_id
        name = str(names[nl.project_id])
        assert nl.name == name
        year = str(nl.in_service_year)
        needed = round(nl.no_regret_share * n_s)
        assert name in en.rationale and f"in service {year}" in en.rationale
        assert f"Needed in {needed} of {n_s} scenarios." in en.rationale
        assert "Nodig in" not in en.rationale and "in bedrijf" not in en.rationale
        assert name in nl.rationale and f"in bedrijf {year}" in nl.rationale
        assert f"Nodig in {needed} van {n_s} scenario's." in nl.rationale
        assert "Needed in" not in nl.rationale


def test_goals_come_from_the_named_developments(case: Case) -> None:
    rows = expand(case.workspace).developments  # a made row keeps its origin's goals
    dev = rows.set_index(rows["id"].astype(str))
    goals = dev["policy_goals"].astype(object).fillna("").astype(str)
    for row in case.nl.itertuples():
        expected = {g.strip() for i in row.developments.split(";") for g in goals[i].split(";")
                    if g.strip() and g.strip() != "bestaand"}
        assert set(filter(None, row.goals.split(";"))) == expected, row.project_id


# --- 3. tiers and order ---------------------------------------------------------------------

def test_no_regret_share_and_scenarios_follow_the_independent_checker(case: Case) -> None:
    p = case.result.instance
    assert np.allclose(p.probability, 1 / len(p.scenarios))
    ids = list(p.project_ids)
    need = needed_by_verify(case.result, case.workspace)
    for row in case.nl.itertuples():
        mine = need[:, ids.index(row.project_id)]
        assert row.no_regret_share == pytest.approx(np.mean(mine)), row.project_id
        names = [str(s) for s, n in zip(p.scenarios, mine, strict=True) if n]
        assert row.scenarios_needed == (", ".join(names) or "-")


def test_tiers_follow_needed_and_the_low_scenario(case: Case) -> None:
    names = [str(s) for s in case.result.instance.scenarios]
    for table, lang in ((case.nl, 0), (case.en, 1)):
        for row in table.itertuples():
            needed = set() if row.scenarios_needed == "-" else \
                set(row.scenarios_needed.split(", "))
            low = row.low_scenario if isinstance(row.low_scenario, str) else ""
            assert low in {"", *names}, row.project_id
            all_but_low = bool(low) and needed == set(names) - {low} and bool(needed)
            tier = 1 if needed == set(names) else 2 if all_but_low else 3
            assert row.tier == tier, row.project_id
            assert row.tier_name == TIERS[tier][lang]


def test_order_is_tier_then_value_per_meur(case: Case) -> None:
    for table in (case.nl, case.en):
        assert list(table.columns) == PRIORITY_COLUMNS
        assert list(table["priority"]) == list(range(1, len(table) + 1))
        keys = list(zip(table["tier"], -table["value_per_meur"], strict=True))
        assert keys == sorted(keys)
    pd.testing.assert_series_equal(case.nl["project_id"], case.en["project_id"])


def test_the_tiers_seen(example_case: Case) -> None:
    # the example's grid has room: nothing is needed, all scenario-dependent, value 0
    assert set(example_case.nl["tier"]) == {3}
    assert np.allclose(example_case.nl["marginal_value_meur"], 0.0, atol=1e-6)


@pytest.mark.slow
def test_the_tiers_seen_on_utrecht(utrecht_case: Case) -> None:
    tiers = set(utrecht_case.nl["tier"])
    assert {1, 2} <= tiers
    assert (utrecht_case.nl["served_mw_years"] > 0).sum() >= 10


# --- 4. the projects of the variant ---------------------------------------------------------

def test_the_list_holds_exactly_the_built_projects(case: Case) -> None:
    years = built_years(case.result)
    table = case.workspace.projects.set_index(case.workspace.projects["id"].astype(str))
    for frame in (case.nl, case.en):
        assert frame["project_id"].is_unique
        assert set(frame["project_id"]) == set(years)
        for row in frame.itertuples():
            assert row.in_service_year == years[row.project_id]
            assert row.kind == table.at[row.project_id, "kind"]
            assert row.operator == table.at[row.project_id, "operator"]
            assert row.status == table.at[row.project_id, "status"]


@pytest.mark.parametrize(("count", "nl_words", "en_words"), [
    (1, ("1 ontwikkeling,", "1 van 1 scenario.", "1 ander project bouwt"),
     ("1 development,", "1 of 1 scenario.", "1 other project depends")),
    (2, ("2 ontwikkelingen,", "2 van 2 scenario's.", "2 andere projecten bouwen"),
     ("2 developments,", "2 of 2 scenarios.", "2 other projects depend")),
])
def test_rationale_uses_singular_and_plural_right(count: int, nl_words: tuple[str, ...],
                                                  en_words: tuple[str, ...]) -> None:
    ids = [f"D{k}" for k in range(count)]
    for lang, words in (("nl", nl_words), ("en", en_words)):
        text = _rationale("P", 2030, ids, {i: i for i in ids}, [], relieved=True,
                          feasible=True, n_needed=count, n_scenarios=count,
                          dependents=count, lang=lang)
        for word in words:
            assert word in text, (lang, word, text)
        assert "(e)" not in text and "(s)" not in text


def test_rationale_names_goals_by_their_label_and_keeps_unknown_ones() -> None:
    for lang, shown in (("nl", "doelen: woningbouw, CO₂-reductie, eigen doel."),
                        ("en", "goals: housing, CO₂ reduction, eigen doel.")):
        text = _rationale("P", 2030, ["D"], {"D": "D"}, ["wonen", "co2", "eigen doel"],
                          relieved=False, feasible=True, n_needed=1, n_scenarios=1,
                          dependents=0, lang=lang)
        assert shown in text, text
