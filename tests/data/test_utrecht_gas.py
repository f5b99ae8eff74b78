"""The gas network of Utrecht carries the existing 2023 gas demand and loses it as buildings
switch, per scenario.

The expected load of the Stedin gas network (GAS-STD) is recomputed here from the rows of
``developments`` (methane), ``profiles``, ``scenario_parameters`` and ``choice_rules``: each
row's MW × its profile × the product of the scale rules of the option its scenario picks
(``1 + (factor − 1)·ramp``), with no storyline factor (the storylines' factors are per
electricity and heat). The annual energy of each municipality's rows is compared with the
ETM 2023 figures of ``scripts/utrecht/gas_2023.csv`` where those exist.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.domain.workspace import Workspace
from pmiek.insight import project_loads

GAS_2023 = Path(__file__).resolve().parents[2] / "scripts" / "utrecht" / "gas_2023.csv"
YEARS = [2026, 2030, 2035, 2040]


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


def _expected_peaks(ws: Workspace, scenario: str) -> np.ndarray:
    dev = ws.developments
    gas = dev[(dev["carrier"] == "methane") & (dev["asset_id"] == "GAS-STD")]
    net = gas["demand_mw"].fillna(0.0) - gas["feedin_mw"].fillna(0.0)  # green gas feeds in
    start, end = gas["start_year"].to_numpy(), gas["end_year"].to_numpy()
    option = ws.scenario_parameters.query(
        "scenario_id == @scenario and parameter == 'heat_supply'")["value"].item()
    rules = ws.choice_rules[(ws.choice_rules["option"] == option)
                            & (ws.choice_rules["action"] == "scale")
                            & (ws.choice_rules["carrier"] == "methane")]
    profiles = ws.profiles.pivot(index="hour", columns="profile_id", values="value")
    out = []
    for year in YEARS:
        total = np.zeros(len(profiles))
        phased = np.clip((year - start + 1) / (end - start + 1), 0, 1)
        for row, mw, share in zip(gas.itertuples(), net, phased, strict=True):
            factor = 1.0
            for rule in rules.itertuples():
                if rule.sector == row.sector:
                    ramp = np.clip((year - rule.start_year + 1)
                                   / (rule.end_year - rule.start_year + 1), 0, 1)
                    factor *= 1 + (rule.factor - 1) * ramp
            total += mw * share * factor * profiles[row.profile].to_numpy()
        out.append(total.max())
    return np.array(out)


@pytest.mark.parametrize("scenario", ["KM", "EV", "GB", "HA"])
def test_the_gas_network_peak_is_the_existing_demand_and_its_decline(
        utrecht: Workspace, scenario: str) -> None:
    assert not (utrecht.scenario_factors["carrier"].isin(["methane"])).any()
    loads = project_loads(utrecht, scenario, years=YEARS)
    got = loads["peak_demand_mw"].sel(asset="GAS-STD").to_numpy()
    np.testing.assert_allclose(got, _expected_peaks(utrecht, scenario), rtol=1e-9)
    assert got[0] > 1000  # thousands of MW of gas in 2026, not 0


def test_the_gas_peak_declines_where_buildings_leave_gas_and_not_with_hybrid_heat_pumps(
        utrecht: Workspace) -> None:
    option = utrecht.scenario_parameters.query("parameter == 'heat_supply'").set_index(
        "scenario_id")["value"]
    for scenario, picked in option.items():
        peak = project_loads(utrecht, str(scenario), years=YEARS)["peak_demand_mw"].sel(
            asset="GAS-STD").to_numpy()
        if picked == "individual_hybrid":  # the boiler keeps the cold peak
            assert peak[-1] > 0.99 * peak[0], (scenario, peak)
        else:  # homes and buildings leave gas: the peak falls every period
            assert np.all(np.diff(peak) < 0), (scenario, peak)
            assert peak[-1] < 0.7 * peak[0], (scenario, peak)


def test_the_gas_rows_reproduce_the_etm_2023_figures_and_say_where_they_come_from(
        utrecht: Workspace) -> None:
    with GAS_2023.open(encoding="utf-8") as f:
        figures = list(csv.DictReader(line for line in f if not line.startswith("#")))
    dev = utrecht.developments
    gas = dev[dev["carrier"] == "methane"].set_index("id")
    profiles = utrecht.profiles.groupby("profile_id")["value"].sum()  # full-load hours
    sectors = {"households_gwh": "HH", "buildings_gwh": "DV", "industry_gwh": "IND",
               "agriculture_gwh": "LB"}
    sourced = derived = 0
    for row in figures:
        for column, code in sectors.items():
            key = f"B23-{row['id']}-GAS-{code}"
            if row[column]:
                sourced += 1
                got = gas.loc[key, "demand_mw"] * profiles[gas.loc[key, "profile"]] / 1000
                assert got == pytest.approx(float(row[column]), abs=0.01), key
                assert "[S]" in gas.loc[key, "source"] and "07c2a8b" in gas.loc[key, "source"]
            elif key in gas.index:
                derived += 1
                assert "[D]" in gas.loc[key, "source"], key
    assert sourced == 40 and derived >= 16 * 3  # 10 municipalities sourced, 16 derived
    assert set(utrecht.areas.query("kind == 'municipality'")["id"]) == set(
        gas["area_id"][gas.index.str.startswith("B23-")])
