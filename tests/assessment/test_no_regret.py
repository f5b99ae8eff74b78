"""The no-regret test of the priority list on a hand-built grid with exact answers.

Two top stations, T and T2 (1000 MW both ways), and below them stations of 100 MW both ways,
each with one project of the investment plan in service from 2027 (first year 2026, horizon
2028). Three scenarios, listed H, L, M, scale the new developments by sector:
industry 1.5 / 0.5 / 1.0 and solar 0.5 / 1.5 / 1.2. All profiles are flat, so every load is
its MW. Firm load in 2027 [MW], each against 100 MW without the station's project:

=======  ====================================  ================  ============  ====
station  load                                  H / L / M         needed in     tier
=======  ====================================  ================  ============  ====
A        80 existing + 30 industry, certainty 4  125 / 95 / 110    H, M          2
B        80 + 16 industry, certainty 5           104 / 88 / 96     H             3
C        90 + 30 industry, certainty 4           135 / 105 / 120   all           1
D        80 + 50 industry, certainty 2 (soft)    80 / 80 / 80      none          3
E        130 existing; PE adds only 20           130 / 130 / 130   all           1
F        feed-in: 100 solar, certainty 5         50 / 150 / 120    L, M          2
=======  ====================================  ================  ============  ====

E is over its capacity even with PE (130 > 120): the 10 MW that no project removes is
tolerated, and without PE the row holds 130 > 100 + 10. The province's demand peak is the sum
of the top stations' demand peaks: T's 460 + 126 × industry = 649 / 523 / 586 (T2 only feeds
in: 0), lowest in L; its feed-in peak is T2's 100 × solar = 50 / 150 / 120 (T only takes: 0),
lowest in H. PF adds 10 MW demand and
60 MW feed-in capacity at F, so it is judged by feed-in and its low scenario is H: needed in
all but H, it is robuust; by the demand peak (low L) it would have been tier 3. The variant
connects the soft development at D fully: with that connection D would hold 80 + 50 × factor
> 100 MW in every scenario, so the rule that judged the variant's own connections called PD
needed everywhere.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from pmiek.assessment.indicators import contributions
from pmiek.assessment.no_regret import firm_developments, judge, tiers
from pmiek.assessment.priority import PRIORITY_COLUMNS, priority_list, tier_rule
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from pmiek.variants.lenses import Lens
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import design
from pmiek.variants.solver import SolverOptions
from tests.insight.builders import make_workspace

LENS = Lens(name="test", label_nl="test", label_en="test")
SCENARIOS = ["H", "L", "M"]
FACTORS = {"industry": (1.5, 0.5, 1.0), "solar": (0.5, 1.5, 1.2)}
PROJECTS = ["PA", "PB", "PC", "PD", "PE", "PF"]
NEEDED = {"PA": (True, False, True), "PB": (True, False, False), "PC": (True, True, True),
          "PD": (False, False, False), "PE": (True, True, True), "PF": (False, True, True)}
TIERS = {"PA": 2, "PB": 3, "PC": 1, "PD": 3, "PE": 1, "PF": 2}
LOW = {"PA": "L", "PB": "L", "PC": "L", "PD": "L", "PE": "L", "PF": "H"}


def _development(ident: str, asset: str, mw: float, *, sector: str = "other",
                 certainty: int = 5, new: bool = True, feedin: bool = False
                 ) -> dict[str, object]:
    year = 2026 if new else 2020
    return {"id": ident, "asset_id": asset, "sector": sector, "certainty": certainty,
            "feedin_mw" if feedin else "demand_mw": mw, "profile": "flat",
            "start_year": year, "end_year": year}


def grid() -> Workspace:
    assets = [{"id": t, "kind": "hv_station", "capacity_demand_mw": 1000.0,
               "capacity_feedin_mw": 1000.0} for t in ("T", "T2")]
    assets += [{"id": a, "parent_id": "T2" if a == "F" else "T", "capacity_demand_mw": 100.0,
                "capacity_feedin_mw": 100.0} for a in "ABCDEF"]
    developments = [
        _development("XA", "A", 80.0, new=False),
        _development("FA", "A", 30.0, sector="industry", certainty=4),
        _development("XB", "B", 80.0, new=False),
        _development("FB", "B", 16.0, sector="industry", certainty=5),
        _development("XC", "C", 90.0, new=False),
        _development("FC", "C", 30.0, sector="industry", certainty=4),
        _development("XD", "D", 80.0, new=False),
        _development("SD", "D", 50.0, sector="industry", certainty=2),
        _development("XE", "E", 130.0, new=False),
        _development("SF", "F", 100.0, sector="solar", feedin=True),
    ]
    added = {"PA": ("A", 50.0, 0.0), "PB": ("B", 50.0, 0.0), "PC": ("C", 50.0, 0.0),
             "PD": ("D", 80.0, 0.0), "PE": ("E", 20.0, 0.0), "PF": ("F", 10.0, 60.0)}
    projects = [{"id": p, "status": "in_ip", "ip_year": 2027} for p in PROJECTS]
    effects = [{"project_id": p, "asset_id": a, "delta_demand_mw": d, "delta_feedin_mw": f}
               for p, (a, d, f) in added.items()]
    factors = [{"scenario_id": s, "sector": sector, "year": 2026, "factor": f[k]}
               for sector, f in FACTORS.items() for k, s in enumerate(SCENARIOS)]
    ws = make_workspace(assets=assets, developments=developments, projects=projects,
                        project_effects=effects, scenarios=SCENARIOS, scenario_factors=factors)
    errors = [p for p in validate(ws) if p.severity.value == "error"]
    assert not errors, errors
    return ws


@pytest.fixture(scope="module")
def case() -> tuple[VariantResult, Workspace]:
    ws = grid()
    result = design(ws, LENS, first_year=2026, horizon=2028,
                    options=SolverOptions(mip_gap=0.0, time_limit=30))
    assert result.termination is Termination.OPTIMAL, result.message
    return result, ws


def _column(result: VariantResult, values: np.ndarray, pid: str) -> np.ndarray:
    return np.asarray(values[..., list(result.instance.project_ids).index(pid)])


def test_the_variant_builds_every_project_in_2027(case: tuple[VariantResult, Workspace]
                                                  ) -> None:
    result, _ = case
    p = result.instance
    assert [str(s) for s in p.scenarios] == SCENARIOS
    assert sorted(map(str, p.project_ids)) == PROJECTS
    assert set(p.years[np.asarray(result.start)].tolist()) == {2027}


def test_only_certainty_four_and_up_is_firm(case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    firm = firm_developments(result.instance, ws)
    assert {str(d) for d, f in zip(result.instance.dev_ids, firm, strict=True) if f} == \
        {"FA", "FB", "FC", "SF"}
    assert set(map(str, result.instance.dev_ids)) == {"FA", "FB", "FC", "SD", "SF"}


def test_needed_low_scenario_and_tier_of_every_project(
        case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    judged = judge(result, ws)
    for pid in PROJECTS:
        assert tuple(_column(result, judged.needed, pid)) == NEEDED[pid], pid
        assert SCENARIOS[int(_column(result, judged.low, pid))] == LOW[pid], pid
        assert int(_column(result, judged.tier, pid)) == TIERS[pid], pid
        assert float(_column(result, judged.share, pid)) == pytest.approx(
            sum(NEEDED[pid]) / 3), pid


def test_a_soft_connection_the_variant_chose_makes_no_project_needed(
        case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    p = result.instance
    sd = list(p.dev_ids).index("SD")
    at = list(p.years).index(2027)
    # the variant connects SD fully in 2027 (PD's 80 MW make room for 80 + 50 × 1.5)
    np.testing.assert_allclose(result.connected[:, sd, at], 1.0)
    with_connection = 80.0 + 50.0 * np.array(FACTORS["industry"])
    assert (with_connection > 100.0).all()  # judged on the variant's connections: needed
    assert not _column(result, judge(result, ws).needed, "PD").any()
    # a threshold of 2 makes SD firm, and PD needed everywhere
    assert _column(result, judge(result, ws, threshold=2).needed, "PD").all()


def test_the_threshold_is_a_parameter(case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    strict = judge(result, ws, threshold=5)  # FA and FC (certainty 4) no longer firm
    assert tuple(_column(result, strict.needed, "PA")) == (False, False, False)  # 80 ≤ 100
    assert tuple(_column(result, strict.needed, "PC")) == (False, False, False)  # 90 ≤ 100
    assert tuple(_column(result, strict.needed, "PB")) == NEEDED["PB"]  # FB is certainty 5


def test_the_priority_list_shows_the_rule(case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    for lang in ("nl", "en"):
        table = priority_list(result, ws, lang, options=SolverOptions(time_limit=30))
        assert list(table.columns) == PRIORITY_COLUMNS
        rows = table.set_index("project_id")
        assert rows["tier"].to_dict() == TIERS
        assert rows["low_scenario"].to_dict() == LOW
        for pid in PROJECTS:
            assert rows.at[pid, "scenarios_needed"] == (", ".join(
                s for s, n in zip(SCENARIOS, NEEDED[pid], strict=True) if n) or "-")
            assert rows.at[pid, "no_regret_share"] == pytest.approx(sum(NEEDED[pid]) / 3)
        # tier first: PC and PE, then PA and PF, then PB and PD
        assert [set(table["project_id"][k]) for k in (slice(0, 2), slice(2, 4), slice(4, 6))
                ] == [{"PC", "PE"}, {"PA", "PF"}, {"PB", "PD"}]
    nl = priority_list(result, ws, "nl", options=SolverOptions(time_limit=30)).set_index(
        "project_id")
    assert "Nodig in 2 van 3 scenario's. Niet nodig in L, het scenario met de laagste " \
        "piek." in nl.at["PA", "rationale"]
    assert "Niet nodig in H, het scenario met de laagste piek." in nl.at["PF", "rationale"]
    assert "laagste piek" not in nl.at["PB", "rationale"]  # tier 3: no such sentence
    assert "zekerheid 4 of hoger" in tier_rule("nl")
    # the ordering rule is stated, in both languages, with the columns it sorts on
    assert "Volgorde: eerst naar klasse" in tier_rule("nl") and "value_per_meur" in \
        tier_rule("nl")
    assert "Order: first by tier" in tier_rule("en") and "value_per_meur" in tier_rule("en")
    assert "certainty 4 or more" in tier_rule("en")


def test_the_indicator_is_the_lists_share(case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    part = contributions(result, ws, "no_regret_share")
    shares = dict(zip(map(str, part.keys), part.values[0], strict=True))
    assert shares == pytest.approx({pid: sum(NEEDED[pid]) / 3 for pid in PROJECTS})


def test_tiers_from_needed_and_low() -> None:
    need = np.array([[1, 1, 0, 1, 0, 1],
                     [1, 0, 0, 1, 1, 0],
                     [1, 1, 1, 0, 0, 1]], dtype=bool)
    low = np.array([0, 1, 2, 2, 1, -1])
    # all; all but low 1; only the low one; not in 2 = low; only in the low one; no low
    np.testing.assert_array_equal(tiers(need, low), [1, 2, 3, 2, 3, 3])
    # one scenario: needed or not (no "all but the low one" when it is the only one)
    np.testing.assert_array_equal(tiers(np.array([[True, False]]), np.array([0, 0])), [1, 3])


def test_a_project_not_built_is_never_needed(case: tuple[VariantResult, Workspace]) -> None:
    result, ws = case
    start = np.array(result.start, copy=True)
    start[list(result.instance.project_ids).index("PC")] = -1
    judged = judge(dataclasses.replace(result, start=start), ws)
    assert not _column(result, judged.needed, "PC").any()
    assert int(_column(result, judged.low, "PC")) == -1
    assert int(_column(result, judged.tier, "PC")) == 3
    # without PC, the others keep their verdicts (they relieve other rows)
    assert tuple(_column(result, judged.needed, "PA")) == NEEDED["PA"]


def test_the_list_is_empty_without_projects() -> None:
    ws = grid()
    ws = ws.with_tables(projects=ws.projects.iloc[:0], project_effects=ws.project_effects.iloc[:0])
    result = design(ws, LENS, first_year=2026, horizon=2028,
                    options=SolverOptions(time_limit=30))
    assert judge(result, ws).needed.shape == (3, 0)
    assert isinstance(priority_list(result, ws), pd.DataFrame)
