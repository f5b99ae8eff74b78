"""The Energievisie's choices on Utrecht, recomputed from the rules and unit parameters.

``heat_supply = collective`` instead of ``individual`` (scenario KM, all else equal): every new
home (start 2024 or later) in a municipality with a heat network moves ``portion × share`` of
its all-electric peak (quantity × the housing unit parameter) off its MV station, and the heat
network takes that × ``conversion``, each on its own profile. The test sums those terms from
the rows of ``choice_rules``, ``developments``, ``unit_parameters`` and ``profiles`` (phasing
and path recomputed here) and compares them hour by hour with the load engine's difference.
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from pmiek.adapters.files import read_workspace
from pmiek.domain.workspace import Workspace
from pmiek.insight import project_loads
from pmiek.insight.explain import explain

YEAR = 2035
SCENARIO = "KM"  # no scenario factors: the housing factor is 1


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


def _picking(ws: Workspace, choice: str, option: str) -> Workspace:
    params = ws.scenario_parameters.copy()
    at = (params["scenario_id"] == SCENARIO) & (params["parameter"] == choice)
    assert at.sum() == 1
    params.loc[at, "value"] = option
    return ws.with_tables(scenario_parameters=params)


def _hourly(ws: Workspace) -> xr.DataArray:
    loads = project_loads(ws, SCENARIO, years=[YEAR], hourly=True, storage=False)
    return loads["load_mw"].sel(year=YEAR)


def _within(ws: Workspace, area: str) -> set[str]:
    """``area`` and every area inside it."""
    parent = dict(zip(ws.areas["id"], ws.areas["parent_id"], strict=True))
    out = set()
    for start in parent:
        at = start
        while isinstance(at, str):
            if at == area:
                out.add(start)
                break
            at = parent.get(at)
    return out


def _expected(ws: Workspace) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Per MV station the hourly MW that leaves it, per heat network the MW it takes."""
    assert not (ws.scenario_factors["scenario_id"] == SCENARIO).any()
    rules = ws.choice_rules[(ws.choice_rules["option"] == "collective")
                            & ws.choice_rules["to_asset"].notna()]
    assert len(rules) >= 3
    units = ws.unit_parameters.set_index(["sector", "carrier", "unit"])
    kw = float(units.loc[("housing", "electricity", "homes"), "demand_kw_per_unit"])
    housing_profile = units.loc[("housing", "electricity", "homes"), "profile"]
    profiles = ws.profiles.pivot(index="hour", columns="profile_id", values="value")
    dev = ws.developments
    leaves: dict[str, np.ndarray] = {}
    takes: dict[str, np.ndarray] = {}
    for rule in rules.itertuples():
        hit = dev[(dev["sector"] == rule.sector) & (dev["carrier"] == rule.carrier)
                  & dev["area_id"].isin(_within(ws, rule.area_id))
                  & (dev["start_year"] >= rule.min_start_year)]
        assert len(hit) > 0, rule.id
        share = np.clip((YEAR - hit["start_year"] + 1)
                        / (hit["end_year"] - hit["start_year"] + 1), 0, 1)
        path = min(1.0, (YEAR - rule.start_year + 1) / (rule.end_year - rule.start_year + 1))
        size = hit["demand_mw"].where(hit["demand_mw"].notna(), hit["quantity"] * kw / 1000)
        moved = size * share * rule.portion * rule.share * path  # MW of all-electric peak
        for station, mw in moved.groupby(hit["asset_id"]).sum().items():
            leaves[station] = leaves.get(station, 0.0) + mw * profiles[housing_profile]
        takes[rule.to_asset] = takes.get(rule.to_asset, 0.0) + \
            moved.sum() * rule.conversion * profiles[rule.profile]
    return ({k: np.asarray(v) for k, v in leaves.items()},
            {k: np.asarray(v) for k, v in takes.items()})


def test_collective_heat_moves_new_homes_to_the_heat_networks_hour_by_hour(
        utrecht: Workspace) -> None:
    individual = _hourly(_picking(utrecht, "heat_supply", "individual"))
    collective = _hourly(_picking(utrecht, "heat_supply", "collective"))
    leaves, takes = _expected(utrecht)
    assert len(leaves) >= 10 and set(takes) == {"WN-UTR", "WN-AMF"}
    mv = utrecht.assets.set_index("id")["kind"]
    for station, mw in leaves.items():
        assert mv[station] == "mv_station"
        np.testing.assert_allclose(
            individual.sel(asset=station) - collective.sel(asset=station), mw, atol=1e-9,
            err_msg=station)
    for network, mw in takes.items():
        np.testing.assert_allclose(collective.sel(asset=network)
                                   - individual.sel(asset=network), mw, atol=1e-9)
    assert float(takes["WN-UTR"].max()) > 50  # tens of MW of heat, not a rounding error


def test_collective_heat_lowers_the_2035_peak_of_the_utrecht_city_stations(
        utrecht: Workspace) -> None:
    peaks = {}
    for option in ("individual", "collective"):
        loads = project_loads(_picking(utrecht, "heat_supply", option), SCENARIO, years=[YEAR])
        peaks[option] = loads["peak_demand_mw"].sel(year=YEAR).to_series()
    change = peaks["collective"] - peaks["individual"]
    hv = utrecht.assets.loc[utrecht.assets["kind"] == "hv_station", "id"]
    assert (change[hv] <= 1e-9).all(), change[hv][change[hv] > 0]
    lowered = change[hv][change[hv] < -1.0]
    city = set(utrecht.assets.loc[utrecht.assets["area_id"].isin(
        _within(utrecht, "GM0344")) & utrecht.assets["kind"].eq("hv_station"), "id"])
    assert set(lowered.index) & city, lowered
    assert change["WN-UTR"] > 50 and change["WN-AMF"] > 10


def test_hydrogen_at_lage_weide_only_where_hydrogen_has_a_role_in_industry(
        utrecht: Workspace) -> None:
    role = utrecht.scenario_parameters.query("parameter == 'role_of_hydrogen'").set_index(
        "scenario_id")["value"]
    industry = {"industry_and_heavy_transport", "broad", "import_hub"}
    assert set(role) == industry | {"domestic_limited"}
    dev = utrecht.developments.set_index("id").loc["H2-IND-LW"]
    profile = utrecht.profiles.query("profile_id == @dev.profile").set_index("hour")["value"]
    for scenario, option in role.items():
        terms, _, hour = explain(utrecht, "H2-LW", 2034, str(scenario))
        demand = terms.set_index("development_id")["mw"]
        if option in industry:  # fully realised in 2034, times the storyline's factor
            factors = utrecht.scenario_factors.query(
                "scenario_id == @scenario and sector == 'industry'"
                " and (carrier == 'hydrogen' or carrier.isna())").sort_values("year")
            factor = np.interp(2034, factors["year"], factors["factor"]) if len(factors) \
                else 1.0
            assert demand["H2-IND-LW"] == pytest.approx(
                dev.demand_mw * factor * profile[hour]), scenario
        else:
            assert "H2-IND-LW" not in demand.index, scenario
            rules = utrecht.choice_rules.set_index("id")
            assert rules.at["H2-DOM-IND", "option"] == option
