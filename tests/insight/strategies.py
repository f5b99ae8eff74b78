"""Hypothesis strategies: small random workspaces for the load projection.

A :class:`Case` is a valid workspace plus the arguments of one ``project_loads`` call. The
workspaces stay inside the cases the reference (``tests/insight/naive.py``) decides without
ambiguity: at most one storage asset, never connected to developments nor given capacity
deltas; couplings only from developments that have an asset; re-parenting only to an asset
earlier in the table (so no year's topology has a cycle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from pmiek.domain.problems import errors
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from tests.insight.builders import make_workspace

FIRST, LAST = 2020, 2050  # development and project years (validation's horizon ends at 2050)
OTHER_CARRIERS = ("heat", "hydrogen")
STATUSES = ("candidate", "in_ip", "under_construction", "done")

# (sector, carrier, unit, demand or feed-in) rows the unit_parameters table may hold
UNIT_ROWS = (
    ("housing", "electricity", "homes", "demand"),
    ("business_park", "electricity", "ha", "demand"),
    ("mobility", "electricity", "charge_points", "demand"),
    ("solar", "electricity", "MWp", "feedin"),
    ("wind", "electricity", "MW", "both"),
    ("heat_network", "heat", "homes", "demand"),
    ("industry", "hydrogen", "MW", "demand"),
)
EXPLICIT_SECTORS = ("industry", "data_center", "utility", "solar", "other", "housing")


@dataclass(frozen=True)
class Case:
    """A workspace and the arguments of one projection."""

    workspace: Workspace
    scenario: str | None = None
    schedule: dict[str, int] | None = None
    years: range = range(2026, 2051)
    storage_ids: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The case in full (every table but profiles), for failure reports."""
        ws = self.workspace
        parts = [f"scenario={self.scenario!r} schedule={self.schedule!r} "
                 f"years={self.years!r} storage={self.storage_ids!r}"]
        with pd.option_context("display.width", 250, "display.max_columns", 40,
                               "display.precision", 17):
            for name in ("assets", "developments", "unit_parameters", "projects",
                         "project_effects", "scenario_factors"):
                frame = ws.table(name).dropna(axis=1, how="all")
                if len(frame):
                    parts.append(f"{name}:\n{frame.to_string()}")
        return "\n".join(parts)


def make_profiles(seed: int, count: int) -> dict[str, np.ndarray]:
    """``count`` profiles of 8760 values in [0, 1] with peak exactly 1, from ``seed``."""
    rng = np.random.default_rng(seed)
    hours = np.arange(HOURS_PER_YEAR)
    hour_of_day = hours % 24
    day_of_year = hours // 24
    out: dict[str, np.ndarray] = {}
    for k in range(count):
        kind = rng.integers(0, 3)
        if kind == 0:  # daily cycle with a season and noise
            phase = rng.uniform(0, 24)
            values = (1.0 + rng.uniform(0.2, 0.9) * np.sin(2 * np.pi * (hour_of_day - phase) / 24)
                      + rng.uniform(0, 0.4) * np.cos(2 * np.pi * day_of_year / 365)
                      + rng.uniform(0, 0.3) * rng.random(HOURS_PER_YEAR))
        elif kind == 1:  # solar-like: zero at night, clouds
            sun = np.maximum(np.sin(np.pi * (hour_of_day - 6) / 12), 0.0)
            season = 0.6 - 0.4 * np.cos(2 * np.pi * (day_of_year + 10) / 365)
            values = sun * season * rng.uniform(0.2, 1.0, HOURS_PER_YEAR)
        else:  # nearly flat with random steps
            values = 1.0 - rng.uniform(0, 0.5) * rng.random(HOURS_PER_YEAR)
        values = np.maximum(values, 0.0)
        out[f"p{k}"] = values / values.max()
    return out


mw = st.floats(min_value=0.0, max_value=80.0, allow_nan=False, allow_subnormal=False)
years = st.integers(FIRST, LAST)


@st.composite
def cases(draw: st.DrawFn, storage: bool | None = None) -> Case:
    """A random valid :class:`Case`; ``storage=True`` forces one storage asset, ``False``
    forbids it, ``None`` lets hypothesis choose."""
    seed = draw(st.integers(0, 2**32 - 1))
    profiles = make_profiles(seed, draw(st.integers(2, 3)))
    profile_ids = sorted(profiles)

    # --- assets: electricity forest, optional storage, optional other-carrier assets ---
    with_storage = draw(st.booleans()) if storage is None else storage
    n_other = draw(st.integers(0, 2))
    n_elec = draw(st.integers(1, 8 - n_other - int(with_storage)))
    assets: list[dict[str, Any]] = []
    for i in range(n_elec):
        parent = draw(st.none() | st.integers(0, i - 1)) if i else None
        assets.append({
            "id": f"E{i}", "kind": draw(st.sampled_from(["hv_station", "mv_station"])),
            "parent_id": None if parent is None else f"E{parent}",
            "capacity_demand_mw": draw(mw), "capacity_feedin_mw": draw(mw),
        })
    storage_ids: list[str] = []
    if with_storage:
        power = draw(st.floats(0.5, 20.0))
        storage_ids.append("S")
        assets.append({
            "id": "S", "kind": "storage", "parent_id": f"E{draw(st.integers(0, n_elec - 1))}",
            "capacity_demand_mw": power, "capacity_feedin_mw": power,
            "storage_energy_mwh": draw(st.floats(0.5, 80.0)),
        })
    other_carrier = draw(st.sampled_from(OTHER_CARRIERS))
    for j in range(n_other):
        assets.append({
            "id": f"X{j}", "carrier": other_carrier,
            "kind": "heat_network" if other_carrier == "heat" else "pipeline",
            "parent_id": "X0" if j else None,
            "capacity_demand_mw": draw(mw), "capacity_feedin_mw": draw(mw),
        })
    carrier_of = {a["id"]: a.get("carrier", "electricity") for a in assets}
    loadable = [a["id"] for a in assets if a["id"] not in storage_ids]

    # --- unit parameters ---
    unit_parameters: list[dict[str, Any]] = []
    for sector, carrier, unit, kind in draw(st.lists(st.sampled_from(UNIT_ROWS), max_size=4,
                                                     unique=True)):
        row: dict[str, Any] = {"sector": sector, "carrier": carrier, "unit": unit,
                               "profile": draw(st.sampled_from(profile_ids))}
        per_unit = st.floats(0.1, 800.0)
        if kind in ("demand", "both"):
            row["demand_kw_per_unit"] = draw(per_unit)
        if kind in ("feedin", "both"):
            row["feedin_kw_per_unit"] = draw(per_unit)
        unit_parameters.append(row)

    # --- developments ---
    developments: list[dict[str, Any]] = []
    for k in range(draw(st.integers(0, 15))):
        asset = None if draw(st.integers(0, 9)) == 0 else draw(st.sampled_from(loadable))
        carrier = carrier_of[asset] if asset else draw(st.sampled_from(
            ["electricity", *OTHER_CARRIERS]))
        start = draw(years)
        dev: dict[str, Any] = {"id": f"D{k}", "asset_id": asset, "carrier": carrier,
                               "start_year": start, "end_year": draw(st.integers(start, LAST))}
        matching = [r for r in unit_parameters if r["carrier"] == carrier]
        if matching and draw(st.booleans()):
            row = draw(st.sampled_from(matching))
            dev.update(sector=row["sector"], unit=row["unit"],
                       quantity=draw(st.floats(0.0, 200.0)))
            if draw(st.integers(0, 3)) == 0:  # an explicit figure overrides one side
                dev[draw(st.sampled_from(["demand_mw", "feedin_mw"]))] = draw(mw)
        else:
            dev["sector"] = draw(st.sampled_from(EXPLICIT_SECTORS))
            sides = draw(st.sampled_from([("demand_mw",), ("feedin_mw",),
                                          ("demand_mw", "feedin_mw")]))
            for side in sides:
                dev[side] = draw(mw)
        if "unit" not in dev or draw(st.booleans()):
            # own profile; None: the unit's profile, or none at all (contributes nothing)
            dev["profile"] = draw(st.sampled_from([*profile_ids, None]))
        # a coupling goes to another asset (validation refuses a development coupled to its
        # own connection point: its load would count twice there)
        others = [a for a in loadable if a != asset]
        if asset and others and draw(st.integers(0, 3)) == 0:
            coupled = [a for a in others if carrier_of[a] != carrier] or others
            choice = draw(st.integers(0, 5))
            if choice > 0:
                dev["coupled_asset_id"] = draw(st.sampled_from(coupled))
            if choice != 1:  # sometimes only the factor: no coupling
                dev["coupling_factor"] = draw(st.floats(-10.0, 10.0))
        developments.append(dev)

    # --- scenario ---
    scenarios: list[str] = []
    scenario_factors: list[dict[str, Any]] = []
    scenario = None
    if draw(st.booleans()):
        scenarios = ["S1"]
        sectors = sorted({d["sector"] for d in developments}) or ["housing"]
        for sector in draw(st.lists(st.sampled_from(sectors), min_size=1, max_size=3,
                                    unique=True)):
            for year in draw(st.lists(years, min_size=1, max_size=3, unique=True)):
                scenario_factors.append({"scenario_id": "S1", "sector": sector, "year": year,
                                         "factor": draw(st.floats(0.0, 3.0))})
        scenario = draw(st.sampled_from(["S1", "S1", "S1", None]))

    # --- years of the run ---
    if draw(st.booleans()):
        run_years = range(2026, 2051)
    else:
        first = draw(st.integers(2018, 2050))
        run_years = range(first, first + draw(st.integers(1, 6)))

    # --- projects and their effects ---
    projects: list[dict[str, Any]] = []
    effects: list[dict[str, Any]] = []
    changeable = [a["id"] for a in assets if a["id"] not in storage_ids]
    order = {a["id"]: i for i, a in enumerate(assets)}
    # a few years shared by the projects, so that re-parentings often tie on the year
    pool = draw(st.lists(years, min_size=1, max_size=2, unique=True))
    project_years = st.sampled_from([*pool, *pool, *pool, None]).flatmap(
        lambda y: years if y is None else st.just(y))
    # one asset that several projects tend to change (and re-parent)
    hot = draw(st.sampled_from(changeable))
    effect_assets = st.sampled_from([hot, hot, *changeable])
    for p in range(draw(st.integers(0, 4))):
        project = f"P{p}"
        projects.append({"id": project, "status": draw(st.sampled_from(STATUSES)),
                         "ip_year": draw(st.sampled_from([None, 0, 0, 0]).flatmap(
                             lambda y: st.none() if y is None else project_years))})
        for asset in draw(st.lists(effect_assets, min_size=1, max_size=2, unique=True)):
            effect: dict[str, Any] = {"project_id": project, "asset_id": asset}
            delta = st.none() | st.floats(-30.0, 60.0)
            effect["delta_demand_mw"] = draw(delta)
            effect["delta_feedin_mw"] = draw(delta)
            targets = [b for b in changeable if order[b] < order[asset]
                       and carrier_of[b] == carrier_of[asset]]
            if targets and draw(st.integers(0, 2)) > 0:
                effect["new_parent_id"] = draw(st.sampled_from(targets))
            effects.append(effect)
    # sometimes two projects that re-parent one asset in the same year (the tie rule);
    # the one listed first has the larger id, so id order and table order differ
    movable = [a for a in changeable
               if sum(order[b] < order[a] and carrier_of[b] == carrier_of[a]
                      for b in changeable) >= 2]
    if movable and draw(st.integers(0, 2)) == 0:
        asset = draw(st.sampled_from(movable))
        targets = [b for b in changeable if order[b] < order[asset]
                   and carrier_of[b] == carrier_of[asset]]
        first, second = draw(st.lists(st.sampled_from(targets), min_size=2, max_size=2,
                                      unique=True))
        year = draw(st.integers(FIRST, min(max(run_years[-1], FIRST), LAST)))
        for project, target in (("T2", first), ("T1", second)):
            projects.append({"id": project, "ip_year": year,
                             "status": draw(st.sampled_from(STATUSES[1:]))})
            effects.append({"project_id": project, "asset_id": asset,
                            "new_parent_id": target})
        # a load on the moved asset, so that where it hangs shows in the parents' peaks
        developments.append({"id": "DT", "asset_id": asset, "carrier": carrier_of[asset],
                             "sector": "other", "demand_mw": draw(st.floats(1.0, 50.0)),
                             "profile": profile_ids[0], "start_year": FIRST,
                             "end_year": FIRST})
    schedule = None
    if projects and draw(st.booleans()):
        # projects left out are not in service
        schedule = {p["id"]: draw(project_years) for p in projects
                    if draw(st.integers(0, 4)) > 0}

    workspace = make_workspace(
        assets=assets, developments=developments, profiles=profiles,
        unit_parameters=unit_parameters, projects=projects, project_effects=effects,
        scenarios=scenarios, scenario_factors=scenario_factors)
    problems = errors(validate(workspace))
    assert not problems, [p.message("en") for p in problems]
    return Case(workspace, scenario=scenario, schedule=schedule, years=run_years,
                storage_ids=storage_ids)
