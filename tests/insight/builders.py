"""Small helpers to build typed workspaces in tests without going through files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from pmiek.domain.coerce import PANDAS_DTYPES
from pmiek.domain.tables import HOURS_PER_YEAR, table
from pmiek.domain.workspace import Workspace

AREA = "A"
"""The one area every helper-built development and asset lies in."""

# values filled in for required columns the caller leaves out
_DEFAULTS: dict[str, dict[str, Any]] = {
    "areas": {"name": "Gebied", "kind": "province"},
    "assets": {"carrier": "electricity", "kind": "mv_station", "operator": "Net",
               "capacity_demand_mw": 100.0, "capacity_feedin_mw": 100.0},
    "developments": {"sector": "other", "area_id": AREA, "carrier": "electricity",
                     "start_year": 2020, "end_year": 2020, "certainty": 3},
    "unit_parameters": {"carrier": "electricity", "source": "test"},
    "projects": {"operator": "Net", "carrier": "electricity", "kind": "expansion",
                 "capex_meur": 1.0, "lead_time_years": 1},
    "scenarios": {},
}


def frame(name: str, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A typed table ``name`` from row dicts; unknown keys are an error, missing cells empty
    (or the contract default, or a test default for required columns)."""
    schema = table(name)
    known = set(schema.column_names)
    defaults = _DEFAULTS.get(name, {})
    for row in rows:
        unknown = set(row) - known
        if unknown:
            raise KeyError(f"{name}: unknown columns {sorted(unknown)}")
    columns: dict[str, pd.Series] = {}
    for column in schema.columns:
        values = []
        for row in rows:
            if column.name in row:
                value = row[column.name]
            elif column.name == "name" and "id" in row:
                value = str(row["id"])
            elif column.name in defaults:
                value = defaults[column.name]
            else:
                value = column.default
            values.append(value)
        columns[column.name] = pd.Series(values, dtype=PANDAS_DTYPES[column.dtype])
    return pd.DataFrame(columns)


def profiles_frame(profiles: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """The ``profiles`` table for named 8760-value arrays."""
    ids: list[str] = []
    hours: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for name, array in profiles.items():
        array = np.asarray(array, dtype=float)
        if array.shape != (HOURS_PER_YEAR,):
            raise ValueError(f"profile {name}: {array.shape}")
        ids += [name] * HOURS_PER_YEAR
        hours.append(np.arange(HOURS_PER_YEAR))
        values.append(array)
    dtypes = {c.name: PANDAS_DTYPES[c.dtype] for c in table("profiles").columns}
    return pd.DataFrame({
        "profile_id": pd.Series(ids, dtype=dtypes["profile_id"]),
        "hour": pd.Series(np.concatenate(hours) if hours else [], dtype=dtypes["hour"]),
        "value": pd.Series(np.concatenate(values) if values else [], dtype=dtypes["value"]),
    })


def daily(values: Sequence[float]) -> np.ndarray:
    """A profile that repeats the 24 hourly ``values`` every day of the year."""
    day = np.asarray(values, dtype=float)
    if day.shape != (24,):
        raise ValueError("a day has 24 hours")
    return np.tile(day, HOURS_PER_YEAR // 24)


def flat() -> np.ndarray:
    """The flat profile: 1 in every hour."""
    return np.ones(HOURS_PER_YEAR)


def make_workspace(
    *,
    assets: Sequence[Mapping[str, Any]] = (),
    developments: Sequence[Mapping[str, Any]] = (),
    profiles: Mapping[str, np.ndarray] | None = None,
    unit_parameters: Sequence[Mapping[str, Any]] = (),
    projects: Sequence[Mapping[str, Any]] = (),
    project_effects: Sequence[Mapping[str, Any]] = (),
    scenarios: Sequence[str] = (),
    scenario_factors: Sequence[Mapping[str, Any]] = (),
) -> Workspace:
    """A typed workspace with one area ``A``; profiles default to ``{"flat": flat()}``."""
    return Workspace(
        areas=frame("areas", [{"id": AREA}]),
        assets=frame("assets", assets),
        developments=frame("developments", developments),
        unit_parameters=frame("unit_parameters", unit_parameters),
        profiles=profiles_frame({"flat": flat()} if profiles is None else profiles),
        projects=frame("projects", projects),
        project_effects=frame("project_effects", project_effects),
        scenarios=frame("scenarios", [{"id": s} for s in scenarios]),
        scenario_factors=frame("scenario_factors", scenario_factors),
    )
