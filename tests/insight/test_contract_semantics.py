"""What the data contract says the engine does, checked on the engine itself.

Scenario factors (docs/data-contract.md, ``scenario_factors.factor``): per scenario and sector
linear between the given years, the first and last given factor held before and after them,
1 for a sector (or scenario) without factors. Storage (``assets.capacity_demand_mw``): the
power with which a storage asset shaves is its own capacity; projects raise the capacity, not
that power.
"""

from __future__ import annotations

import pytest
import xarray as xr

from pmiek.domain.problems import errors
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from pmiek.insight import project_loads
from tests.insight.builders import daily, make_workspace

YEARS = [2026, 2030, 2033, 2040, 2045]
"""Before the first given year, on it, between two, on the last, after it."""


def factors_workspace() -> Workspace:
    """Four assets with one flat development each (fully realised from 2020):

    - H: housing, 10 MW demand; scenario S gives 1.5 in 2030 and 2.5 in 2040 (a gap);
    - I: industry, 10 MW demand; S gives only 0.5 in 2035;
    - W: wind, 4 MW feed-in; S gives 2 in 2030 and 4 in 2050;
    - O: other, 10 MW demand; S gives nothing for it.
    Scenario T has no factors at all.
    """
    given = [("housing", 2030, 1.5), ("housing", 2040, 2.5), ("industry", 2035, 0.5),
             ("wind", 2050, 4.0), ("wind", 2030, 2.0)]  # rows need not be in year order
    return make_workspace(
        assets=[{"id": a} for a in ("H", "I", "W", "O")],
        scenarios=["S", "T"],
        scenario_factors=[{"scenario_id": "S", "sector": sector, "year": year, "factor": f}
                          for sector, year, f in given],
        developments=[
            {"id": "h", "sector": "housing", "asset_id": "H", "demand_mw": 10.0,
             "profile": "flat"},
            {"id": "i", "sector": "industry", "asset_id": "I", "demand_mw": 10.0,
             "profile": "flat"},
            {"id": "w", "sector": "wind", "asset_id": "W", "feedin_mw": 4.0,
             "profile": "flat"},
            {"id": "o", "sector": "other", "asset_id": "O", "demand_mw": 10.0,
             "profile": "flat"},
        ])


def peaks(loads: xr.Dataset, asset: str, key: str) -> list[float]:
    return [float(v) for v in loads[f"peak_{key}_mw"].sel(asset=asset).to_numpy()]


def test_scenario_factors_are_linear_between_given_years_and_held_outside() -> None:
    ws = factors_workspace()
    assert not errors(validate(ws))
    loads = project_loads(ws, "S", years=YEARS)
    # by hand: 2026 before 2030 → 1.5; 2033 → 1.5 + 3/10 × (2.5 − 1.5) = 1.8; after 2040 → 2.5
    assert peaks(loads, "H", "demand") == pytest.approx([15.0, 15.0, 18.0, 25.0, 25.0],
                                                        rel=1e-12)
    # one given year: that factor in every year
    assert peaks(loads, "I", "demand") == pytest.approx([5.0] * 5, rel=1e-12)
    # feed-in is scaled too: 2 before 2030, then +0.1 a year to 4 in 2050
    assert peaks(loads, "W", "feedin") == pytest.approx([8.0, 8.0, 9.2, 12.0, 14.0],
                                                        rel=1e-12)
    # a sector without factors in the scenario: 1
    assert peaks(loads, "O", "demand") == [10.0] * 5


@pytest.mark.parametrize("scenario", [None, "T"])
def test_without_factors_every_sector_gets_one(scenario: str | None) -> None:
    loads = project_loads(factors_workspace(), scenario, years=YEARS)
    for asset in ("H", "I", "O"):
        assert peaks(loads, asset, "demand") == [10.0] * 5
    assert peaks(loads, "W", "feedin") == [4.0] * 5


def test_a_factor_with_a_carrier_applies_to_that_carrier_and_overrides_the_general_one() -> None:
    """Housing has a general factor 2 and a gas factor 0.5; heat has none of its own. Homes on
    electricity and heat take the general 2, homes on gas only their own 0.5."""
    assets = [{"id": "E"}, {"id": "G", "carrier": "methane", "kind": "pipeline"},
              {"id": "Q", "carrier": "heat", "kind": "heat_network"}]
    ws = make_workspace(
        assets=assets, scenarios=["S"],
        scenario_factors=[{"scenario_id": "S", "sector": "housing", "year": 2030, "factor": 2.0},
                          {"scenario_id": "S", "sector": "housing", "carrier": "methane",
                           "year": 2030, "factor": 0.5}],
        developments=[
            {"id": f"h-{a['id']}", "sector": "housing", "asset_id": a["id"],
             "carrier": a.get("carrier", "electricity"), "demand_mw": 10.0, "profile": "flat"}
            for a in assets])
    assert not errors(validate(ws))
    loads = project_loads(ws, "S", years=[2030])
    assert peaks(loads, "E", "demand") == [20.0]
    assert peaks(loads, "Q", "demand") == [20.0]
    assert peaks(loads, "G", "demand") == [5.0]


SPIKE = [0.5] * 18 + [1.0] + [0.5] * 5
"""A 20 MW development: 10 MW all day, 20 MW at 18:00."""


def storage_workspace(power: float, added: float) -> Workspace:
    """Station P (16 MW) with storage S below it (``power`` MW, 100 MWh: limited by its power)
    and a project in the investment plan from 2028 that adds ``added`` MW to S's row."""
    return make_workspace(
        assets=[{"id": "P", "capacity_demand_mw": 16.0},
                {"id": "S", "kind": "storage", "parent_id": "P", "capacity_demand_mw": power,
                 "capacity_feedin_mw": power, "storage_energy_mwh": 100.0}],
        profiles={"day": daily(SPIKE)},
        developments=[{"id": "d", "asset_id": "P", "demand_mw": 20.0, "profile": "day"}],
        projects=[{"id": "X", "kind": "storage", "status": "in_ip", "ip_year": 2028}],
        project_effects=[{"project_id": "X", "asset_id": "S", "delta_demand_mw": added,
                          "delta_feedin_mw": added}])


def test_a_project_on_a_storage_raises_its_capacity_not_its_shaving_power() -> None:
    ws = storage_workspace(power=2.0, added=10.0)
    assert not errors(validate(ws))
    loads = project_loads(ws, years=[2026, 2030])
    assert [float(v) for v in loads["capacity_demand_mw"].sel(asset="S")] == [2.0, 12.0]
    # shaved by 2 MW in both years: the power stays the asset's own 2 MW
    assert peaks(loads, "P", "demand") == pytest.approx([18.0, 18.0], rel=1e-12)


def test_a_storage_without_power_of_its_own_does_not_shave_after_a_project() -> None:
    loads = project_loads(storage_workspace(power=0.0, added=5.0), years=[2026, 2030])
    assert [float(v) for v in loads["capacity_demand_mw"].sel(asset="S")] == [0.0, 5.0]
    assert peaks(loads, "P", "demand") == [20.0, 20.0]
