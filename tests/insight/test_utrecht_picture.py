"""Utrecht reproduces the public picture (utrecht-facts T4/T5), as numbers on the dataset.

Public statements: TenneT congestion for demand and feed-in across the whole province; a
capacity shortfall of up to 250 MW in 2026-2029 around Utrecht and Amersfoort; relief from
the Oudenrijn package (2029) and Utrecht-Noord (2033); 42% of Utrecht's planned new-build at
risk (Jan 2024).
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from pmiek.adapters.files import read_workspace
from pmiek.domain.workspace import Workspace
from pmiek.insight import project_loads
from pmiek.insight.bottlenecks import find_bottlenecks
from pmiek.insight.inputs import gather
from pmiek.insight.queue import homes_blocked, queue

YEARS = range(2025, 2041)
SCENARIO = "KM"  # Koersvaste Middenweg: factor 1 everywhere


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


@pytest.fixture(scope="module")
def loads(utrecht: Workspace) -> xr.Dataset:
    return project_loads(utrecht, SCENARIO, years=YEARS)


def existing_150kv(utrecht: Workspace) -> list[str]:
    assets = utrecht.assets
    hv = assets[(assets["kind"] == "hv_station") & (assets["voltage_kv"] == 150)
                & (assets["capacity_demand_mw"] > 0)]
    return list(hv["id"])


def shortage(loads: xr.Dataset, direction: str) -> xr.DataArray:
    return (loads[f"peak_{direction}_mw"] - loads[f"capacity_{direction}_mw"]).clip(min=0)


def test_congestion_for_demand_and_feedin_across_the_province(
    utrecht: Workspace, loads: xr.Dataset
) -> None:
    stations = existing_150kv(utrecht)
    demand = shortage(loads, "demand").sel(asset=stations, year=2026)
    feedin = shortage(loads, "feedin").sel(asset=stations, year=2026)
    # the 380 kV station that feeds most of the province is short in both directions before
    # its expansion (P-BKK, +600 MW feed-in); the RES fills the expansion again by 2030
    top = "BKK380"
    expanded = int(utrecht.projects.set_index("id").at["P-BKK", "ip_year"])
    assert float(shortage(loads, "demand").sel(asset=top, year=2026)) > 0
    assert bool((shortage(loads, "feedin").sel(asset=top, year=list(range(2026, expanded)))
                 > 0).all())
    assert float(shortage(loads, "feedin").sel(asset=top, year=2030)) > 0
    # most existing 150 kV stations are congested in at least one direction in 2026
    congested = (demand > 0) | (feedin > 0)
    assert int(congested.sum()) >= 0.6 * len(stations)


def test_shortfall_of_the_order_of_250_mw_in_2026_2029(
    utrecht: Workspace, loads: xr.Dataset
) -> None:
    stations = existing_150kv(utrecht)
    total = shortage(loads, "demand").sel(asset=stations, year=[2026, 2027, 2028, 2029])
    by_year = total.sum("asset")
    assert 150 <= float(by_year.max()) <= 400  # "up to 250 MW"
    assert float(by_year.sel(year=2026)) > 0


def test_relief_when_oudenrijn_and_utrecht_noord_come_into_service(
    utrecht: Workspace, loads: xr.Dataset
) -> None:
    ip_year = utrecht.projects.set_index("id")["ip_year"]
    short = shortage(loads, "demand")
    oudenrijn = int(ip_year["P-ODR-PAKKET"]) if "P-ODR-PAKKET" in ip_year else 2029
    assert float(short.sel(asset="ODR150", year=oudenrijn - 1)) > 0
    assert float(short.sel(asset="ODR150", year=oudenrijn)) == 0
    before, after = float(short.sel(asset="UNO150", year=2032)), float(
        short.sel(asset="UNO150", year=2033))
    assert after < 0.25 * before  # Utrecht-Noord (2033) takes over most of the load
    # without the projects there is no such relief
    none = project_loads(utrecht, SCENARIO, schedule={}, years=[2029, 2033])
    assert float(shortage(none, "demand").sel(asset="ODR150", year=2029)) > 0
    assert float(shortage(none, "demand").sel(asset="UNO150", year=2033)) > before


def test_homes_blocked_by_year(utrecht: Workspace, loads: xr.Dataset) -> None:
    inputs = gather(utrecht, SCENARIO, None, YEARS)
    waiting = queue(utrecht, inputs, loads)
    homes = homes_blocked(utrecht, waiting, np.asarray(YEARS))
    assert homes.loc[2025] == 0  # the queue starts with the first year (2026)
    assert (np.diff(homes.loc[2026:2030].to_numpy()) > 0).all()  # the queue grows
    dev = utrecht.developments
    housing = dev[(dev["sector"] == "housing") & (dev["unit"] == "homes")
                  & (dev["start_year"] >= 2026)]
    start = housing["start_year"].to_numpy(dtype=float)
    end = housing["end_year"].to_numpy(dtype=float)
    planned = float((housing["quantity"].to_numpy(dtype=float)
                     * np.clip((2030 - start + 1) / (end - start + 1), 0, 1)).sum())
    share = homes.loc[2030] / planned
    assert 0.2 <= share <= 0.8  # of the order of "42% of new-build at risk"
    # waiting developments name the asset they wait for; some connect later, after projects
    blocked = waiting[waiting["blocked"]]
    assert blocked["blocked_at"].notna().all()
    later = blocked.dropna(subset=["connect_year"])
    assert len(later) and (later["connect_year"] > later["start_year"]).all()


def test_bottleneck_table_is_consistent(loads: xr.Dataset) -> None:
    table = find_bottlenecks(loads)
    assert len(table) == 2 * loads.sizes["asset"] * loads.sizes["year"]
    congested = table[table["class"] == "congestie"]
    assert (congested["shortage_mw"] > 0).all()
    assert (table.loc[table["class"] == "beschikbaar", "utilisation"] < 0.9).all()
    first = table.dropna(subset=["first_overload_year"])
    assert (first.groupby(["asset_id", "direction"])["first_overload_year"].nunique()
            == 1).all()
