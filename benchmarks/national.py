"""A synthetic grid of any size for the load engine: HV stations, MV stations, developments.

``national_workspace(n_mv=100_000, n_hv=400, n_developments=1_000_000)`` is the national
workload of the insight issue; smaller arguments give the cases of the other benchmarks.
Deterministic for a given seed. Profiles are the Utrecht dataset's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmiek.adapters.files import read_workspace
from pmiek.domain.coerce import PANDAS_DTYPES
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace


def typed_table(name: str, columns: dict[str, object], n: int) -> pd.DataFrame:
    """A typed table ``name`` of ``n`` rows; columns not given are empty."""
    out = {}
    for column in table(name).columns:
        value = columns.get(column.name)
        if value is None:
            series = pd.Series([None] * n, dtype=object)
        else:
            series = pd.Series(value if np.ndim(value) else [value] * n)
        out[column.name] = series.astype(PANDAS_DTYPES[column.dtype])  # type: ignore[call-overload]
    return pd.DataFrame(out)


def national_workspace(n_mv: int = 100_000, n_hv: int = 400, n_developments: int = 1_000_000,
                       seed: int = 7) -> Workspace:
    rng = np.random.default_rng(seed)
    utrecht = read_workspace("utrecht", validate_rules=False).workspace
    profiles = utrecht.profiles
    names = profiles["profile_id"].drop_duplicates().to_numpy(dtype=object)
    hv = np.char.add("HV", np.arange(n_hv).astype(str)).astype(object)
    mv = np.char.add("MV", np.arange(n_mv).astype(str)).astype(object)
    ids = np.concatenate([hv, mv])
    parents = np.concatenate([np.full(n_hv, None, dtype=object), rng.choice(hv, n_mv)])
    n_assets = n_hv + n_mv
    capacity = np.concatenate([rng.uniform(200, 600, n_hv), rng.uniform(5, 40, n_mv)])
    assets = typed_table("assets", {
        "id": ids, "name": ids, "carrier": "electricity",
        "kind": np.where(np.arange(n_assets) < n_hv, "hv_station", "mv_station"),
        "operator": "Net", "parent_id": parents, "capacity_demand_mw": capacity.round(1),
        "capacity_feedin_mw": (capacity * 0.8).round(1), "confidential": False,
    }, n_assets)
    start = rng.integers(2020, 2041, n_developments)
    solar = rng.random(n_developments) < 0.15
    size = rng.lognormal(-1.5, 1.0, n_developments).round(4)
    dev_ids = np.char.add("D", np.arange(n_developments).astype(str)).astype(object)
    developments = typed_table("developments", {
        "id": dev_ids, "name": dev_ids, "sector": np.where(solar, "solar", "housing"),
        "area_id": "NL", "asset_id": rng.choice(mv, n_developments), "carrier": "electricity",
        "demand_mw": np.where(solar, np.nan, size), "feedin_mw": np.where(solar, size, np.nan),
        "profile": np.where(solar, "solar", rng.choice(names[names != "solar"],
                                                       n_developments)),
        "start_year": start, "end_year": start + rng.integers(0, 10, n_developments),
        "certainty": 3, "acm_priority": 0,
    }, n_developments)
    areas = typed_table("areas", {"id": ["NL"], "name": ["Nederland"], "kind": ["province"]}, 1)
    return Workspace(areas=areas, assets=assets, developments=developments,
                     profiles=profiles)
