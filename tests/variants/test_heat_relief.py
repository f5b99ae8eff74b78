"""A heat network competes with an electricity reinforcement for the same congested station.

The synthetic workspace, built here from raw tables (``Workspace.from_raw``, then validated):

- One electricity MV station ``ST`` (operator Stedin) with a demand capacity of
  ``STATION_MW`` = 10 MW, and one heat network ``HN`` (carrier heat, operator Eneco) of
  5 MW. The two are not connected: a heat network carries no electricity load.
- One new housing development ``D-HOMES`` (6,000 homes, ``HOMES_MW`` = 18 MW of heat-pump
  load on ``ST``, flat profile, fully realised in 2026, certainty 5, ACM priority 0, so the
  lens does not oblige it). Without a project only 10 of its 18 MW can be connected.
- Two candidate projects, alternatives for the same homes, that exclude each other (as
  C-WN-OVN and C-AE-OVV in the Utrecht data):

  * ``R`` — an electricity reinforcement (kind ``expansion``): ``+relief_R`` MW of demand
    capacity at ``ST``;
  * ``H`` — a heat network (kind ``heat_network``): the homes take their heat from ``HN``
    instead of their own heat pumps. In the data contract that is an effect of
    ``+relief_H`` MW of demand capacity at ``ST`` (the heat-pump load it relieves) and an
    effect of +25 MW on ``HN``.

  Both have a lead time of one year and are built in one year, so each can be in service
  from 2027 and spends its capex in 2026 (spending before the first year would not count).
- Operators with generous resources (100 M€ and 100 fte a year): no resource row binds.

Lens "evenwichtig": every connected MW is worth 0.5 M€ a year (weight 1, certainty 5/5),
discounted at 2.25 % from 2026; it has no cost factors per project kind (checked).
Design years 2026–2030, one run without a scenario.

Why the expectations follow. The connected share of the homes is limited by
``HOMES_MW · s ≤ STATION_MW + relief · z``; a project in service from year y connects
``min(relief, HOMES_MW − STATION_MW)`` more MW in every year from y, worth
``0.5 · Σ_t≥y (1.0225)^−(t−2026)`` M€ per MW (≈ 1.89 M€ for y = 2027), and costs its capex
discounted to the year before y. :func:`expected_plan` enumerates "nothing" and every
(project, in-service year) from these numbers alone — not from the instance — and takes the
best; the MILP must choose the same project and year and reach the same objective.

- Cases "heat cheaper" and "reinforcement cheaper": both relieve the full 8 MW and both pay
  for themselves (≈ 15.1 M€ of value against 6 or 8 M€); they differ only in cost, so the
  one with the lower cost per MW relieved is built and the other is not.
- Case "heat cheaper in total, dearer per MW": the heat network costs less (4.5 against
  8 M€) but relieves only 3 MW (1.5 against 1.0 M€/MW), so fewer homes are connected;
  the reinforcement is built.
- Case "heat cheaper per MW, relieves less": the heat network relieves 4 MW at 0.75 M€/MW,
  the reinforcement all 8 MW at 1.0 M€/MW. The MILP maximises value minus cost, not the
  lowest cost per MW: 8 MW × (1.89 − 1.0) beats 4 MW × (1.89 − 0.75), so the reinforcement
  is built. Cost per MW relieved decides between alternatives only when they relieve the
  same load (when both relieve the whole shortfall, the total cost decides).
- Case "half the shortfall each, heat cheaper": both relieve 4 MW, the heat network at
  0.75, the reinforcement at 1.0 M€/MW. Together they would connect all the homes and be
  worth more than either alone, but they exclude each other: only the heat network is built.

In every case the homes get only the station's 10 MW before the project is in service, and
10 MW plus the chosen project's relief (at most the 8 MW shortfall) from then on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files.lenses import load_lens
from pmiek.domain.problems import errors
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions
from pmiek.variants.verify import verify

FIRST_YEAR = 2026
HORIZON = 2030
STATION_MW = 10.0
HOMES_MW = 18.0
HEAT_NETWORK_MW = 25.0
LEAD_TIME = 1
BUILD_YEARS = 1
LENS = "evenwichtig"
KIND = {"R": "expansion", "H": "heat_network"}


@dataclass(frozen=True)
class Alternative:
    """A candidate project: the MW of electricity load it relieves at ``ST`` and its cost."""

    relief_mw: float
    capex_meur: float

    @property
    def meur_per_mw(self) -> float:
        return self.capex_meur / self.relief_mw


def _raw(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Raw text cells, as a file reader gives them (empty cells as '')."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return pd.DataFrame([[str(row.get(c, "")) for c in columns] for row in rows],
                        columns=columns)


def workspace(r: Alternative, h: Alternative) -> Workspace:
    """The synthetic workspace of the module docstring with projects ``R`` and ``H``."""
    common = {"lead_time_years": LEAD_TIME, "build_years": BUILD_YEARS, "status": "candidate",
              "fte_years": 2, "transformers": 0, "area_id": "PV"}
    raw = {
        "areas": _raw([{"id": "PV", "name": "Province", "kind": "province"}]),
        "assets": _raw([
            {"id": "ST", "name": "MV station", "carrier": "electricity", "kind": "mv_station",
             "operator": "Stedin", "voltage_kv": 20, "area_id": "PV",
             "capacity_demand_mw": STATION_MW, "capacity_feedin_mw": STATION_MW},
            {"id": "HN", "name": "Heat network", "carrier": "heat", "kind": "heat_network",
             "operator": "Eneco", "area_id": "PV", "capacity_demand_mw": 5,
             "capacity_feedin_mw": 0},
        ]),
        "developments": _raw([
            {"id": "D-HOMES", "name": "New homes", "sector": "housing", "area_id": "PV",
             "asset_id": "ST", "carrier": "electricity", "quantity": 6000, "unit": "homes",
             "demand_mw": HOMES_MW, "feedin_mw": 0, "profile": "flat",
             "start_year": FIRST_YEAR, "end_year": FIRST_YEAR, "certainty": 5,
             "acm_priority": 0},
        ]),
        "profiles": pd.DataFrame({"profile_id": "flat",
                                  "hour": [str(h) for h in range(HOURS_PER_YEAR)],
                                  "value": "1"}),
        "projects": _raw([
            {"id": "R", "name": "Reinforcement of ST", "operator": "Stedin",
             "carrier": "electricity", "kind": KIND["R"], "capex_meur": r.capex_meur,
             "excludes": "H", **common},
            {"id": "H", "name": "Heat network for the homes", "operator": "Eneco",
             "carrier": "heat", "kind": KIND["H"], "capex_meur": h.capex_meur,
             "excludes": "R", **common},
        ]),
        "project_effects": _raw([
            {"project_id": "R", "asset_id": "ST", "delta_demand_mw": r.relief_mw,
             "delta_feedin_mw": 0},
            {"project_id": "H", "asset_id": "ST", "delta_demand_mw": h.relief_mw,
             "delta_feedin_mw": 0},
            {"project_id": "H", "asset_id": "HN", "delta_demand_mw": HEAT_NETWORK_MW,
             "delta_feedin_mw": 0},
        ]),
        "resources": _raw([{"year": year, "operator": operator, "budget_meur": 100,
                            "fte": 100, "transformers": 10}
                           for year in range(FIRST_YEAR, HORIZON + 1)
                           for operator in ("Stedin", "Eneco")]),
    }
    built, parsing = Workspace.from_raw(raw)
    problems = errors(parsing + validate(built))
    assert not problems, [p.message("en") for p in problems]
    return built


def plan_objective(lens: Lens, plan: dict[str, tuple[Alternative, int]]) -> float:
    """Discounted value of the homes connected minus discounted cost [M€] when each project
    of ``plan`` is in service from its year, from the workspace's numbers and the lens."""
    years = np.arange(FIRST_YEAR, HORIZON + 1)
    discount = (1.0 + lens.discount_rate) ** -(years - FIRST_YEAR).astype(float)
    weight = lens.weights(pd.Series(["housing"]), pd.Series([""]))[0] * 5 / 5  # certainty 5
    factors = lens.cost_factors(pd.Series([KIND[p] for p in plan]))
    capacity = np.full(len(years), STATION_MW)
    cost = 0.0
    for (alt, year), factor in zip(plan.values(), factors, strict=True):
        capacity += np.where(years >= year, alt.relief_mw, 0.0)
        cost += alt.capex_meur * factor * discount[years == year - 1].sum()  # one build year
    connected = np.minimum(HOMES_MW, capacity)  # MW of the homes, per year
    return float(lens.value_meur_per_mw_year * weight * (connected * discount).sum() - cost)


def expected_plan(lens: Lens, options: dict[str, Alternative]) -> tuple[str | None, int, float]:
    """(project or None, in-service year, objective [M€]) of the best plan with at most one
    of ``options`` (they exclude each other)."""
    best: tuple[str | None, int, float] = (None, 0, plan_objective(lens, {}))
    for pid, alt in options.items():
        for year in range(FIRST_YEAR + LEAD_TIME, HORIZON + 1):
            objective = plan_objective(lens, {pid: (alt, year)})
            if objective > best[2] + 1e-9:
                best = (pid, year, objective)
    return best


def design(r: Alternative, h: Alternative) -> VariantResult:
    instance = build_instance(workspace(r, h), load_lens(LENS), [None], first_year=FIRST_YEAR,
                              horizon=HORIZON)
    assert list(instance.project_ids) == ["R", "H"]
    assert instance.excludes.tolist() == [[0, 1]]
    result = solve(instance, options=SolverOptions(mip_gap=0.0, time_limit=30))
    assert result.termination is Termination.OPTIMAL, result.message
    assert verify(result) == []
    return result


def built(result: VariantResult) -> dict[str, int]:
    schedule = result.schedule()
    done = schedule[schedule["in_service_year"].notna()]
    return dict(zip(done["project_id"], done["in_service_year"].astype(int), strict=True))


def test_the_lens_weighs_both_kinds_of_project_alike() -> None:
    """The premise of the cases: "cheaper" means the same in the objective for both kinds."""
    factors = load_lens(LENS).cost_factors(pd.Series(list(KIND.values())))
    assert factors.tolist() == [1.0, 1.0]


CASES = {  # name: (R, H, the winner the case is meant to show)
    # both relieve the whole shortfall of 8 MW; only the cost differs
    "heat cheaper": (Alternative(8.0, 8.0), Alternative(8.0, 6.0), "H"),
    "reinforcement cheaper": (Alternative(8.0, 6.0), Alternative(8.0, 8.0), "R"),
    # the heat network costs less in total but relieves 3 MW at 1.5 M€/MW
    "heat cheaper in total, dearer per MW": (Alternative(8.0, 8.0), Alternative(3.0, 4.5),
                                             "R"),
    # the heat network is cheaper per MW (0.75) but relieves half the shortfall
    "heat cheaper per MW, relieves less": (Alternative(8.0, 8.0), Alternative(4.0, 3.0), "R"),
    # each relieves half the shortfall: both together would pay, the exclusion forbids it
    "half the shortfall each, heat cheaper": (Alternative(4.0, 4.0), Alternative(4.0, 3.0),
                                              "H"),
}


@pytest.mark.parametrize(("r", "h", "meant"), list(CASES.values()), ids=list(CASES))
def test_the_milp_builds_the_better_alternative(r: Alternative, h: Alternative,
                                                meant: str) -> None:
    lens = load_lens(LENS)
    options = {"R": r, "H": h}
    project, year, objective = expected_plan(lens, options)
    assert project == meant  # the numbers make the case they are meant to make
    other = "H" if project == "R" else "R"
    # the loser would have paid for itself too: it loses to the other, not to doing nothing
    assert expected_plan(lens, {other: options[other]})[0] == other
    if r.relief_mw == h.relief_mw:  # same relief: the lower cost per MW relieved wins
        assert project == min(options, key=lambda p: options[p].meur_per_mw)
    if r.relief_mw + h.relief_mw <= HOMES_MW - STATION_MW:
        # both together would be worth more: only the exclusion keeps the other out
        assert plan_objective(lens, {"R": (r, year), "H": (h, year)}) > objective + 1.0

    result = design(r, h)
    assert built(result) == {project: year}
    assert result.objective == pytest.approx(objective, rel=1e-6)
    connected = result.connections().set_index("year")["connected_mw"]
    relieved = min(options[project].relief_mw, HOMES_MW - STATION_MW)
    # before the project only the station's 10 of the homes' 18 MW fit; then the relief
    assert connected.loc[:year - 1].to_numpy() == pytest.approx(STATION_MW)
    assert connected.loc[year:].to_numpy() == pytest.approx(STATION_MW + relieved)
