"""Tests of the reference implementation itself, on tiny hand-built cases with exact answers."""

from __future__ import annotations

import numpy as np
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.domain.problems import errors
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from tests.insight.builders import daily, flat, make_workspace
from tests.insight.naive import naive_loads, storage_dispatch

Y = 2030  # a year in which every development below is fully realised


def one_year(workspace: Workspace, year: int = Y, **kwargs: object) -> dict:
    assert not errors(validate(workspace)), [p.message("en") for p in validate(workspace)]
    return naive_loads(workspace, years=[year], **kwargs)  # type: ignore[arg-type]


def tree() -> list[dict]:
    return [{"id": "P", "kind": "hv_station", "capacity_demand_mw": 6.0,
             "capacity_feedin_mw": 4.0},
            {"id": "A", "parent_id": "P"}, {"id": "B", "parent_id": "P"}]


def test_two_flat_developments_add_up_at_the_parent() -> None:
    ws = make_workspace(assets=tree(), developments=[
        {"id": "d1", "asset_id": "A", "demand_mw": 3.0, "profile": "flat"},
        {"id": "d2", "asset_id": "B", "demand_mw": 4.0, "profile": "flat"},
    ])
    out = one_year(ws)
    assert out[("A", Y)]["peak_demand_mw"] == 3.0
    assert out[("B", Y)]["peak_demand_mw"] == 4.0
    parent = out[("P", Y)]
    assert parent["peak_demand_mw"] == 7.0
    assert parent["peak_feedin_mw"] == 0.0
    assert parent["capacity_demand_mw"] == 6.0
    assert parent["hours_over_demand"] == 8760
    assert parent["hours_over_feedin"] == 0
    assert np.all(parent["L"] == 7.0)
    assert np.all(parent["own"] == 0.0)
    assert parent["parent"] is None
    assert out[("A", Y)]["parent"] == "P"


def test_solar_nets_against_demand_hour_by_hour() -> None:
    sun = daily([0.0] * 11 + [0.5, 1.0, 0.5] + [0.0] * 10)
    ws = make_workspace(
        assets=[{"id": "A", "capacity_demand_mw": 5.0, "capacity_feedin_mw": 4.0}],
        profiles={"flat": flat(), "sun": sun},
        developments=[
            {"id": "load", "asset_id": "A", "demand_mw": 10.0, "profile": "flat"},
            {"id": "pv", "sector": "solar", "asset_id": "A", "feedin_mw": 15.0,
             "profile": "sun"},
        ])
    out = one_year(ws)[("A", Y)]
    # hours: 10 (no sun), 10 − 7.5 = 2.5 (half sun), 10 − 15 = −5 (noon)
    assert out["peak_demand_mw"] == 10.0
    assert out["peak_feedin_mw"] == 5.0
    assert out["hours_over_demand"] == 365 * 21  # 10 > 5 at night, 2.5 is not
    assert out["hours_over_feedin"] == 365  # 5 > 4 at noon only
    assert sorted(set(out["L"].tolist())) == [-5.0, 2.5, 10.0]


def test_load_equal_to_capacity_is_not_over() -> None:
    ws = make_workspace(
        assets=[{"id": "A", "capacity_demand_mw": 2.0, "capacity_feedin_mw": 2.0}],
        developments=[{"id": "d", "asset_id": "A", "demand_mw": 2.0, "profile": "flat"}])
    assert one_year(ws)[("A", Y)]["hours_over_demand"] == 0


def test_feedin_larger_than_demand_in_one_development() -> None:
    ws = make_workspace(assets=[{"id": "A"}], developments=[
        {"id": "d", "asset_id": "A", "demand_mw": 2.0, "feedin_mw": 5.0, "profile": "flat"}])
    out = one_year(ws)[("A", Y)]
    assert (out["peak_demand_mw"], out["peak_feedin_mw"]) == (0.0, 3.0)


def test_phasing_share_is_linear_between_start_and_end() -> None:
    ws = make_workspace(assets=[{"id": "A"}], developments=[
        {"id": "d", "asset_id": "A", "demand_mw": 8.0, "profile": "flat",
         "start_year": 2025, "end_year": 2028}])
    out = naive_loads(ws, years=range(2023, 2031))
    peaks = [out[("A", y)]["peak_demand_mw"] for y in range(2023, 2031)]
    # 2026 is the second of four years: half
    assert peaks == [0.0, 0.0, 2.0, 4.0, 6.0, 8.0, 8.0, 8.0]


def test_one_year_development_is_complete_in_its_year() -> None:
    ws = make_workspace(assets=[{"id": "A"}], developments=[
        {"id": "d", "asset_id": "A", "demand_mw": 8.0, "profile": "flat",
         "start_year": 2027, "end_year": 2027}])
    out = naive_loads(ws, years=[2026, 2027])
    assert out[("A", 2026)]["peak_demand_mw"] == 0.0
    assert out[("A", 2027)]["peak_demand_mw"] == 8.0


def scenario_workspace() -> Workspace:
    return make_workspace(
        assets=[{"id": "A"}, {"id": "B"}],
        scenarios=["S1", "S2"],
        scenario_factors=[
            {"scenario_id": "S1", "sector": "housing", "year": 2040, "factor": 2.0},
            {"scenario_id": "S1", "sector": "housing", "year": 2030, "factor": 1.0},
            {"scenario_id": "S2", "sector": "housing", "year": 2030, "factor": 3.0},
        ],
        developments=[
            {"id": "h", "sector": "housing", "asset_id": "A", "demand_mw": 10.0,
             "profile": "flat"},
            {"id": "i", "sector": "industry", "asset_id": "B", "demand_mw": 10.0,
             "profile": "flat"},
        ])


@pytest.mark.parametrize(("scenario", "year", "housing"), [
    (None, 2035, 10.0),
    ("S1", 2026, 10.0),   # before the first given year: constant
    ("S1", 2030, 10.0),
    ("S1", 2035, 15.0),   # halfway: 1.5
    ("S1", 2038, 18.0),   # 1.8
    ("S1", 2045, 20.0),   # after the last given year: constant
    ("S2", 2026, 30.0),   # a single point: constant everywhere
    ("S2", 2050, 30.0),
    ("S3", 2035, 10.0),   # a scenario without factors
])
def test_scenario_factor_is_interpolated_in_year(
    scenario: str | None, year: int, housing: float
) -> None:
    out = naive_loads(scenario_workspace(), scenario=scenario, years=[year])
    assert out[("A", year)]["peak_demand_mw"] == pytest.approx(housing, rel=1e-15)
    assert out[("B", year)]["peak_demand_mw"] == 10.0  # industry has no factors


def unit_workspace() -> Workspace:
    return make_workspace(
        assets=[{"id": "A"}, {"id": "B"}, {"id": "C"}, {"id": "D"}],
        profiles={"flat": flat(), "half": np.full(8760, 0.5) + np.eye(1, 8760)[0] * 0.5},
        unit_parameters=[
            {"sector": "housing", "unit": "homes", "demand_kw_per_unit": 2.0,
             "profile": "half"},
            {"sector": "solar", "unit": "MWp", "feedin_kw_per_unit": 700.0,
             "profile": "flat"},
        ],
        developments=[
            # 1000 homes × 2 kW = 2 MW on the unit profile (0.5 except hour 0)
            {"id": "h", "sector": "housing", "asset_id": "A", "quantity": 1000.0,
             "unit": "homes"},
            # explicit MW wins over quantity; the profile still comes from the unit row
            {"id": "e", "sector": "housing", "asset_id": "B", "quantity": 1000.0,
             "unit": "homes", "demand_mw": 5.0},
            # 10 MWp × 700 kW feed-in; own profile overrides the unit's
            {"id": "s", "sector": "solar", "asset_id": "C", "quantity": 10.0, "unit": "MWp",
             "profile": "half"},
            # explicit size, no profile and no unit row: contributes nothing
            {"id": "n", "sector": "industry", "asset_id": "D", "demand_mw": 9.0},
        ])


def test_size_and_profile_from_unit_parameters() -> None:
    out = one_year(unit_workspace())
    a = out[("A", Y)]
    assert a["peak_demand_mw"] == 2.0
    assert a["L"][0] == 2.0 and a["L"][1] == 1.0
    assert out[("B", Y)]["peak_demand_mw"] == 5.0
    assert out[("B", Y)]["L"][1] == 2.5
    c = out[("C", Y)]
    assert c["peak_feedin_mw"] == pytest.approx(7.0, rel=1e-15)
    assert c["L"][1] == pytest.approx(-3.5, rel=1e-15)
    assert c["peak_demand_mw"] == 0.0
    d = out[("D", Y)]
    assert (d["peak_demand_mw"], d["peak_feedin_mw"]) == (0.0, 0.0)


def test_development_without_asset_contributes_nothing() -> None:
    ws = make_workspace(assets=[{"id": "A"}, {"id": "H", "carrier": "heat"}], developments=[
        {"id": "d", "demand_mw": 5.0, "profile": "flat", "coupled_asset_id": "H",
         "coupling_factor": 1.0}])
    out = one_year(ws)
    assert out[("A", Y)]["peak_demand_mw"] == 0.0
    assert out[("H", Y)]["peak_demand_mw"] == 0.0


def coupling_workspace() -> Workspace:
    return make_workspace(
        assets=[{"id": "E"}, {"id": "H", "carrier": "heat"},
                {"id": "H2", "carrier": "hydrogen"}],
        developments=[
            # heat network of 10 MW with a heat pump: 1/COP = 0.25 electricity demand
            {"id": "wn", "sector": "heat_network", "carrier": "heat", "asset_id": "H",
             "demand_mw": 10.0, "profile": "flat", "coupled_asset_id": "E",
             "coupling_factor": 0.25},
            # a 20 MW electrolyser: hydrogen fed in at 70 %
            {"id": "ely", "sector": "industry", "asset_id": "E", "demand_mw": 20.0,
             "profile": "flat", "coupled_asset_id": "H2", "coupling_factor": -0.7},
            # a factor without a coupled asset does nothing extra
            {"id": "x", "sector": "industry", "asset_id": "E", "demand_mw": 1.0,
             "profile": "flat", "coupling_factor": 5.0},
        ])


def test_coupling_loads_a_second_carrier() -> None:
    out = one_year(coupling_workspace())
    assert out[("H", Y)]["peak_demand_mw"] == 10.0
    assert out[("E", Y)]["peak_demand_mw"] == 23.5  # 20 + 1 + 2.5
    h2 = out[("H2", Y)]
    assert (h2["peak_demand_mw"], h2["peak_feedin_mw"]) == (0.0, 14.0)


def reparent_workspace(status: str = "in_ip", ip_year: int | None = 2030) -> Workspace:
    return make_workspace(
        assets=[{"id": "R1", "kind": "hv_station", "capacity_demand_mw": 50.0},
                {"id": "R2", "kind": "hv_station", "capacity_demand_mw": 50.0},
                {"id": "A", "parent_id": "R1"}],
        developments=[{"id": "d", "asset_id": "A", "demand_mw": 4.0, "profile": "flat"}],
        projects=[{"id": "P", "status": status, "ip_year": ip_year}],
        project_effects=[
            {"project_id": "P", "asset_id": "A", "new_parent_id": "R2"},
            {"project_id": "P", "asset_id": "R2", "delta_demand_mw": 5.0,
             "delta_feedin_mw": -1.0},
            {"project_id": "P", "asset_id": "R1", "delta_demand_mw": float("nan")},
        ])


def test_reparenting_project_moves_the_load_in_its_year() -> None:
    ws = reparent_workspace()
    assert not errors(validate(ws))
    out = naive_loads(ws, years=[2029, 2030])
    assert out[("R1", 2029)]["peak_demand_mw"] == 4.0
    assert out[("R2", 2029)]["peak_demand_mw"] == 0.0
    assert out[("R2", 2029)]["capacity_demand_mw"] == 50.0
    assert out[("A", 2029)]["parent"] == "R1"
    assert out[("R1", 2030)]["peak_demand_mw"] == 0.0
    assert out[("R2", 2030)]["peak_demand_mw"] == 4.0
    assert out[("A", 2030)]["parent"] == "R2"
    assert out[("R2", 2030)]["capacity_demand_mw"] == 55.0
    assert out[("R2", 2030)]["capacity_feedin_mw"] == 99.0
    assert out[("R1", 2030)]["capacity_demand_mw"] == 50.0  # NaN delta = 0


@pytest.mark.parametrize(("status", "ip_year", "moved"), [
    ("candidate", 2030, False),        # candidates are never in service by default
    ("under_construction", 2030, True),
    ("done", 2030, True),
    ("done", None, True),              # done without a year: always
    ("in_ip", None, False),            # in_ip without a year: not in service
])
def test_default_schedule(status: str, ip_year: int | None, moved: bool) -> None:
    out = naive_loads(reparent_workspace(status, ip_year), years=[2035])
    assert out[("A", 2035)]["parent"] == ("R2" if moved else "R1")


def test_explicit_schedule_replaces_the_default() -> None:
    ws = reparent_workspace("candidate", None)
    out = naive_loads(ws, schedule={"P": 2032}, years=[2031, 2032])
    assert out[("A", 2031)]["parent"] == "R1"
    assert out[("A", 2032)]["parent"] == "R2"
    out = naive_loads(reparent_workspace("in_ip", 2026), schedule={}, years=[2040])
    assert out[("A", 2040)]["parent"] == "R1"


def test_latest_reparenting_wins_and_ties_go_to_the_larger_project_id() -> None:
    ws = make_workspace(
        assets=[{"id": "R1"}, {"id": "R2"}, {"id": "R3"}, {"id": "A", "parent_id": "R1"}],
        projects=[{"id": "Q"}, {"id": "P"}, {"id": "Z"}],
        project_effects=[
            {"project_id": "Q", "asset_id": "A", "new_parent_id": "R2"},
            {"project_id": "P", "asset_id": "A", "new_parent_id": "R3"},
            {"project_id": "Z", "asset_id": "A", "new_parent_id": "R1"},
        ])
    assert not errors(validate(ws))
    out = naive_loads(ws, schedule={"P": 2030, "Q": 2031, "Z": None}, years=[2030, 2031])
    assert out[("A", 2030)]["parent"] == "R3"
    assert out[("A", 2031)]["parent"] == "R2"  # Q is later
    out = naive_loads(ws, schedule={"P": 2030, "Q": 2030}, years=[2030])
    assert out[("A", 2030)]["parent"] == "R2"  # tie: "Q" > "P"


# --- storage ---------------------------------------------------------------------------------

SPIKE = [0.5] * 18 + [1.0] + [0.5] * 5  # 10 MW all day, 20 MW at 18:00 for a 20 MW development


def storage_workspace(power: float, energy: float, day: list[float] = SPIKE) -> Workspace:
    return make_workspace(
        assets=[{"id": "P", "capacity_demand_mw": 16.0},
                {"id": "S", "kind": "storage", "parent_id": "P", "capacity_demand_mw": power,
                 "capacity_feedin_mw": power, "storage_energy_mwh": energy}],
        profiles={"day": daily(day)},
        developments=[{"id": "d", "asset_id": "P", "demand_mw": 20.0, "profile": "day"}])


def test_storage_peak_drops_by_exactly_the_energy_limit() -> None:
    out = one_year(storage_workspace(power=5.0, energy=3.0))
    parent, battery = out[("P", Y)], out[("S", Y)]
    assert parent["peak_demand_mw"] == pytest.approx(17.0, rel=1e-12)  # 20 − 3 MWh in 1 h
    assert parent["hours_over_demand"] == 365  # 17 > 16
    day = battery["L"][:24]
    assert day[18] == pytest.approx(-3.0, rel=1e-12)
    # the 3 MWh come back evenly in the 23 other hours (level 10 + 3/23)
    others = np.delete(day, 18)
    assert others == pytest.approx(np.full(23, 3.0 / 23.0), rel=1e-9)
    assert battery["L"].sum() == pytest.approx(0.0, abs=1e-9)
    assert battery["peak_demand_mw"] == pytest.approx(3.0 / 23.0, rel=1e-9)
    assert battery["peak_feedin_mw"] == pytest.approx(3.0, rel=1e-12)
    assert np.array_equal(battery["own"], battery["L"])
    without = one_year(storage_workspace(power=5.0, energy=3.0), storage=False)
    assert without[("P", Y)]["peak_demand_mw"] == 20.0
    assert np.all(without[("S", Y)]["L"] == 0.0)


def test_storage_limited_by_power() -> None:
    out = one_year(storage_workspace(power=2.0, energy=100.0))
    assert out[("P", Y)]["peak_demand_mw"] == pytest.approx(18.0, rel=1e-12)
    assert out[("S", Y)]["L"].min() == pytest.approx(-2.0, rel=1e-12)


def test_storage_limited_by_what_the_valleys_take_back() -> None:
    # 12 hours at 0 MW and 12 hours at 20 MW; enough power and energy: level 10
    day = [0.0] * 12 + [1.0] * 12
    out = one_year(storage_workspace(power=50.0, energy=1000.0, day=day))
    load = out[("P", Y)]["L"][:24]
    assert load == pytest.approx(np.full(24, 10.0), rel=1e-12)
    # with the power limited to 4 MW: discharge 4 MW × 12 h = 48 MWh, charged back at 4 MW
    out = one_year(storage_workspace(power=4.0, energy=1000.0, day=day))
    load = out[("P", Y)]["L"][:24]
    assert load == pytest.approx(np.array([4.0] * 12 + [16.0] * 12), rel=1e-12)


def test_storage_does_nothing_on_a_flat_day_or_without_energy() -> None:
    out = one_year(storage_workspace(power=5.0, energy=3.0, day=[1.0] * 24))
    assert np.all(out[("S", Y)]["L"] == 0.0)
    out = one_year(storage_workspace(power=5.0, energy=0.0))
    assert out[("P", Y)]["peak_demand_mw"] == 20.0


def test_storage_dispatch_on_a_random_day_keeps_its_limits() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(10.0, 3.0, size=24 * 50)
    delta = storage_dispatch(x, power_mw=2.5, energy_mwh=6.0)
    days = delta.reshape(-1, 24)
    assert np.all(np.abs(days) <= 2.5 + 1e-12)
    assert np.all(np.maximum(-days, 0).sum(axis=1) <= 6.0 + 1e-9)
    assert days.sum(axis=1) == pytest.approx(np.zeros(50), abs=1e-9)
    assert np.all((x + delta).reshape(-1, 24).max(axis=1)
                  <= x.reshape(-1, 24).max(axis=1) + 1e-12)


def test_storage_without_parent_does_nothing() -> None:
    ws = make_workspace(
        assets=[{"id": "S", "kind": "storage", "capacity_demand_mw": 5.0,
                 "storage_energy_mwh": 5.0}],
        profiles={"day": daily(SPIKE)},
        developments=[{"id": "d", "asset_id": "S", "demand_mw": 20.0, "profile": "day"}])
    assert one_year(ws)[("S", Y)]["peak_demand_mw"] == 20.0


# --- the example workspace -------------------------------------------------------------------


@pytest.mark.parametrize("scenario", [None, "KM", "EV"])
def test_example_runs_and_parents_add_up(scenario: str | None) -> None:
    ws = read_workspace("example").workspace
    out = naive_loads(ws, scenario=scenario, years=[2026, 2033, 2050])
    ids = list(ws.assets["id"])
    for year in (2026, 2033, 2050):
        for asset in ids:
            record = out[(asset, year)]
            children = [b for b in ids if out[(b, year)]["parent"] == asset]
            total = record["own"] + sum((out[(b, year)]["L"] for b in children),
                                        np.zeros(8760))
            np.testing.assert_allclose(record["L"], total, rtol=1e-12, atol=1e-9)
    # P-UTN (in_ip 2033) adds 200 MW to LWD150; P-HTN-O is a candidate: no re-parenting
    assert out[("LWD150", 2033)]["capacity_demand_mw"] == 420.0
    assert out[("LWD150", 2026)]["capacity_demand_mw"] == 220.0
    assert out[("HTN-MS", 2050)]["parent"] == "NWG150"
    # the battery under LWD-MS discharges at most its 10 MW
    assert out[("BAT-LW", 2050)]["peak_feedin_mw"] <= 10.0 + 1e-9
