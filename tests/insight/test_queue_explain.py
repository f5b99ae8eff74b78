"""The queue and ``explain`` on hand-built cases with exact answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.domain.validation import validate
from pmiek.insight import project_loads
from pmiek.insight.bottlenecks import find_bottlenecks
from pmiek.insight.explain import explain
from pmiek.insight.inputs import gather
from pmiek.insight.queue import homes_blocked, queue
from tests.insight.builders import daily, flat, make_workspace

YEARS = [2026, 2027, 2028, 2029]


def station_case(capacity: float = 10.0, project_year: float | None = None):
    """One station of ``capacity`` MW with 5 MW existing flat load and three new ones:
    A (priority 0, 2026, 3 MW), C (priority 0, 2026, 2 MW), B (priority 3, 2027, 4 MW)."""
    developments = [
        {"id": "OLD", "asset_id": "S", "demand_mw": 5.0, "profile": "flat",
         "start_year": 2020, "end_year": 2020},
        {"id": "A", "asset_id": "S", "demand_mw": 3.0, "profile": "flat",
         "start_year": 2026, "end_year": 2026, "sector": "housing"},
        {"id": "C", "asset_id": "S", "demand_mw": 2.0, "profile": "flat",
         "start_year": 2026, "end_year": 2026},
        {"id": "B", "asset_id": "S", "demand_mw": 4.0, "profile": "flat",
         "start_year": 2027, "end_year": 2027, "acm_priority": 3},
    ]
    projects, effects = [], []
    if project_year is not None:
        projects = [{"id": "P", "status": "in_ip", "ip_year": project_year}]
        effects = [{"project_id": "P", "asset_id": "S", "delta_demand_mw": 10.0}]
    ws = make_workspace(assets=[{"id": "S", "capacity_demand_mw": capacity}],
                        developments=developments, projects=projects,
                        project_effects=effects)
    assert not [p for p in validate(ws) if p.severity.value == "error"]
    return ws


def run_queue(ws) -> pd.DataFrame:
    inputs = gather(ws, None, None, YEARS)
    loads = project_loads(ws, years=YEARS)
    return queue(ws, inputs, loads).set_index("development_id")


def test_first_come_until_full_then_priority_first() -> None:
    result = run_queue(station_case())
    # 2026: 5 + A 3 + C 2 = 10 fits exactly; both connect
    assert result.loc["A", "connect_year"] == 2026 and not result.loc["A", "blocked"]
    assert result.loc["C", "connect_year"] == 2026 and not result.loc["C", "blocked"]
    # 2027: the station is full; B (priority 3) waits all the same: there is no room at all
    assert result.loc["B", "blocked"] and pd.isna(result.loc["B", "connect_year"])
    assert result.loc["B", "blocked_at"] == "S"


def test_priority_goes_before_start_year() -> None:
    ws = station_case(capacity=9.0)
    ws = ws.with_tables(developments=ws.developments.assign(
        start_year=pd.array([2020, 2026, 2026, 2026], dtype="Int64"),
        end_year=pd.array([2020, 2026, 2026, 2026], dtype="Int64")))
    result = run_queue(ws)
    # all three ask in 2026; B (priority 3) first: 5 + 4 = 9 fits, A and C wait
    assert result.loc["B", "connect_year"] == 2026
    assert result.loc["A", "blocked"] and result.loc["C", "blocked"]


def test_project_lets_the_waiting_connect() -> None:
    result = run_queue(station_case(project_year=2028))
    assert result.loc["B", "blocked"]
    assert result.loc["B", "connect_year"] == 2028


def test_homes_blocked_counts_waiting_years() -> None:
    ws = station_case(capacity=6.0, project_year=2028)
    result = run_queue(ws).reset_index()
    # A (housing, 3 MW) does not fit on 6 MW with 5 MW existing: waits 2026-2027
    ws = ws.with_tables(developments=ws.developments.assign(
        quantity=[np.nan, 1500.0, np.nan, np.nan], unit=pd.array([None, "homes", None, None],
                                                                 dtype="string")))
    result["quantity"] = [1500.0 if i == "A" else np.nan for i in result["development_id"]]
    result["unit"] = ["homes" if i == "A" else None for i in result["development_id"]]
    homes = homes_blocked(ws, result, np.array(YEARS))
    assert list(homes) == [1500.0, 1500.0, 0.0, 0.0]


def test_bottleneck_classes_and_first_year() -> None:
    loads = project_loads(station_case(capacity=10.5), years=YEARS)
    table = find_bottlenecks(loads).set_index(["direction", "year"])
    assert table.loc[("afname", 2026), "class"] == "dreigende_schaarste"  # 10 / 10.5
    assert table.loc[("afname", 2027), "class"] == "congestie"  # 14 / 10.5
    assert table.loc[("afname", 2027), "shortage_mw"] == pytest.approx(3.5)
    assert table.loc[("afname", 2027), "hours_over"] == 8760
    assert table.loc[("afname", 2026), "first_overload_year"] == 2027
    assert table.loc[("invoeding", 2026), "class"] == "beschikbaar"


def test_explain_sums_to_the_peak_on_the_example() -> None:
    ws = read_workspace("example").workspace
    loads = project_loads(ws, "EV", years=[2030])
    for asset in ws.assets["id"]:
        for direction in ("demand", "feedin"):
            terms, peak, _ = explain(ws, asset, 2030, "EV", direction=direction)
            key = f"peak_{direction}_mw"
            assert peak == pytest.approx(float(loads[key].sel(asset=asset, year=2030)),
                                         rel=1e-12, abs=1e-12)
            if peak > 0:
                assert terms["mw"].sum() == pytest.approx(peak, rel=1e-9, abs=1e-9)


def test_explain_names_storage_and_sums_with_it() -> None:
    evening = daily([1.0] * 17 + [2.0] * 4 + [1.0] * 3) / 2.0
    ws = make_workspace(
        assets=[{"id": "S", "capacity_demand_mw": 100.0},
                {"id": "BAT", "kind": "storage", "parent_id": "S", "capacity_demand_mw": 2.0,
                 "storage_energy_mwh": 3.0}],
        developments=[{"id": "D", "asset_id": "S", "demand_mw": 10.0, "profile": "evening",
                       "start_year": 2020, "end_year": 2020}],
        profiles={"flat": flat(), "evening": evening})
    terms, peak, _ = explain(ws, "S", 2026)
    assert set(terms["development_id"]) == {"D", "(opslag BAT)"}
    assert terms["mw"].sum() == pytest.approx(peak, rel=1e-9)
    assert peak == pytest.approx(10.0 - 0.75)  # 3 MWh over 4 evening hours
