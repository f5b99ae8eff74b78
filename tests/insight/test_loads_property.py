"""Property tests: the load engine (``pmiek.insight.project_loads``) against the reference.

The reference is ``tests/insight/naive.py`` (plain loops, checked on its own in
``test_naive.py``); the random workspaces come from ``tests/insight/strategies.py``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, note, settings

from pmiek.adapters.files import read_workspace
from tests.insight.naive import naive_loads
from tests.insight.strategies import Case, cases

HOURS = 8760
PEAKS = ("peak_demand_mw", "peak_feedin_mw")
CAPACITIES = ("capacity_demand_mw", "capacity_feedin_mw")
HOURS_OVER = {"hours_over_demand": ("capacity_demand_mw", 1.0),
              "hours_over_feedin": ("capacity_feedin_mw", -1.0)}
TOL = 1e-9

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def project_loads(*args: Any, **kwargs: Any) -> Any:
    """The engine, imported when a test runs (so this module collects without it)."""
    from pmiek.insight import project_loads as engine

    return engine(*args, **kwargs)


def run(case: Case, *, hourly: bool, storage: bool = True) -> Any:
    return project_loads(case.workspace, scenario=case.scenario, schedule=case.schedule,
                         years=case.years, hourly=hourly, storage=storage)


def reference(case: Case, *, storage: bool = True) -> dict[tuple[str, int], dict[str, Any]]:
    return naive_loads(case.workspace, scenario=case.scenario, schedule=case.schedule,
                       years=case.years, storage=storage, hourly=True)


def asset_ids(case: Case) -> list[str]:
    return [str(a) for a in case.workspace.assets["id"]]


def grid(ds: Any, name: str, dims: tuple[str, ...]) -> np.ndarray:
    """Variable ``name`` as a numpy array in the order of ``dims``."""
    variable = ds[name]
    assert set(variable.dims) == set(dims), (name, variable.dims)
    return np.asarray(variable.transpose(*dims).values)


def positions(ds: Any, case: Case) -> tuple[dict[str, int], dict[int, int]]:
    """Where each asset and year sits in the dataset; checks the coordinates."""
    assets = [str(a) for a in ds["asset"].values]
    years = [int(y) for y in ds["year"].values]
    assert sorted(assets) == sorted(asset_ids(case))
    assert years == list(case.years)
    return {a: i for i, a in enumerate(assets)}, {y: j for j, y in enumerate(years)}


def close(a: float, b: float, rel: float = TOL, abs_: float = TOL) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def report(problems: list[str]) -> str:
    more = f"\n… and {len(problems) - 30} more" if len(problems) > 30 else ""
    return "\n".join(problems[:30]) + more


def compare_summary(ds: Any, case: Case, ref: dict[tuple[str, int], dict[str, Any]]) -> list[str]:
    """Peaks, capacities and hours over capacity of ``ds`` against the reference."""
    at, when = positions(ds, case)
    values = {name: grid(ds, name, ("asset", "year"))
              for name in (*PEAKS, *CAPACITIES, *HOURS_OVER)}
    problems: list[str] = []
    for (asset, year), expected in ref.items():
        i, j = at[asset], when[year]
        for name in PEAKS:
            got = float(values[name][i, j])
            if not close(got, expected[name]):
                problems.append(f"{name}[{asset}, {year}] = {got!r}, reference "
                                f"{expected[name]!r}")
        for name in CAPACITIES:
            got = float(values[name][i, j])
            if not close(got, expected[name], rel=1e-12, abs_=1e-12):
                problems.append(f"{name}[{asset}, {year}] = {got!r}, reference "
                                f"{expected[name]!r}")
        for name, (capacity_name, sign) in HOURS_OVER.items():
            got = int(values[name][i, j])
            load = sign * expected["L"]
            capacity = expected[capacity_name]
            margin = TOL * max(1.0, abs(capacity))
            surely = int(np.sum(load > capacity + margin))
            maybe = int(np.sum(load > capacity - margin))  # within the margin: ambiguous
            assert surely <= expected[name] <= maybe  # the reference agrees with itself
            if not surely <= got <= maybe:
                problems.append(f"{name}[{asset}, {year}] = {got}, reference "
                                f"{expected[name]} (allowed {surely}…{maybe})")
    return problems


# --- properties ------------------------------------------------------------------------------


@SETTINGS
@given(cases())
def test_peaks_capacities_and_hours_over_match_the_reference(case: Case) -> None:
    note(case.describe())
    ds = run(case, hourly=False)
    problems = compare_summary(ds, case, reference(case))
    assert not problems, report(problems)


@SETTINGS
@given(cases())
def test_hourly_load_matches_the_reference_and_parents_add_up(case: Case) -> None:
    note(case.describe())
    ds = run(case, hourly=True)
    ref = reference(case)
    at, when = positions(ds, case)
    load = grid(ds, "load_mw", ("asset", "year", "hour"))
    assert load.shape[2] == HOURS
    peak_demand = grid(ds, "peak_demand_mw", ("asset", "year"))
    peak_feedin = grid(ds, "peak_feedin_mw", ("asset", "year"))
    scale = 1.0 + max((float(np.max(np.abs(r["L"]))) for r in ref.values()), default=0.0)
    atol = TOL * scale
    problems: list[str] = []
    for (asset, year), expected in ref.items():
        i, j = at[asset], when[year]
        mine = load[i, j]
        if not np.allclose(mine, expected["L"], rtol=0.0, atol=atol):
            worst = int(np.argmax(np.abs(mine - expected["L"])))
            problems.append(f"load_mw[{asset}, {year}, {worst}] = {mine[worst]!r}, reference "
                            f"{expected['L'][worst]!r}")
        children = [b for b in at if ref[(b, year)]["parent"] == asset]
        total = expected["own"] + sum((load[at[b], j] for b in children), np.zeros(HOURS))
        if not np.allclose(mine, total, rtol=0.0, atol=atol):
            problems.append(f"load_mw[{asset}, {year}] is not its own load plus its "
                            f"children {children}")
        if not close(float(peak_demand[i, j]), max(float(mine.max()), 0.0)):
            problems.append(f"peak_demand_mw[{asset}, {year}] is not max(load_mw, 0)")
        if not close(float(peak_feedin[i, j]), max(float((-mine).max()), 0.0)):
            problems.append(f"peak_feedin_mw[{asset}, {year}] is not max(-load_mw, 0)")
    assert not problems, report(problems)


@SETTINGS
@given(cases(storage=True))
def test_storage_shaves_its_parent_within_its_limits(case: Case) -> None:
    note(case.describe())
    on = run(case, hourly=True, storage=True)
    off = run(case, hourly=True, storage=False)
    ref_off = reference(case, storage=False)
    problems = compare_summary(off, case, ref_off)
    at, when = positions(on, case)
    load_on = grid(on, "load_mw", ("asset", "year", "hour"))
    load_off = grid(off, "load_mw", ("asset", "year", "hour"))
    assets = case.workspace.assets.set_index("id")
    for storage in case.storage_ids:
        power = float(assets.loc[storage, "capacity_demand_mw"])
        energy = float(assets.loc[storage, "storage_energy_mwh"])
        for year in case.years:
            j = when[year]
            parent = ref_off[(storage, year)]["parent"]
            assert parent is not None
            with_ = load_on[at[parent], j].reshape(-1, 24)
            without = load_off[at[parent], j].reshape(-1, 24)
            tol = TOL * (1.0 + float(np.max(np.abs(without))))
            raised = np.flatnonzero(with_.max(axis=1) > without.max(axis=1) + tol)
            if raised.size:
                problems.append(f"{year}: storage raises the daily peak of {parent} on days "
                                f"{raised[:5].tolist()}")
            own = load_on[at[storage], j].reshape(-1, 24)
            if np.any(np.abs(own) > power + tol):
                problems.append(f"{year}: |load| of {storage} exceeds {power} MW: "
                                f"{float(np.max(np.abs(own)))!r}")
            discharged = np.maximum(-own, 0.0).sum(axis=1)
            if np.any(discharged > energy + tol):
                problems.append(f"{year}: {storage} discharges {float(discharged.max())!r} "
                                f"MWh in a day, more than {energy}")
            if not np.allclose(own.sum(axis=1), 0.0, rtol=0.0, atol=tol * 24):
                problems.append(f"{year}: {storage} does not charge back what it discharges")
            if np.any(load_off[at[storage], j] != 0.0):
                problems.append(f"{year}: {storage} has a load with storage=False")
    assert not problems, report(problems)


# --- the example workspace -------------------------------------------------------------------


@pytest.mark.parametrize("scenario", [None, "KM", "EV"])
def test_example_matches_the_reference(scenario: str | None) -> None:
    workspace = read_workspace("example").workspace
    case = Case(workspace, scenario=scenario, storage_ids=["BAT-LW"])
    ds = run(case, hourly=False)
    problems = compare_summary(ds, case, reference(case))
    assert not problems, report(problems)
