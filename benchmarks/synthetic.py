"""Synthetic workspaces of any size, for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmiek.adapters.files import read_workspace
from pmiek.domain.tables import SECTORS
from pmiek.domain.workspace import Workspace


def synthetic_workspace(n_developments: int, n_assets: int = 2_000, seed: int = 1) -> Workspace:
    """The example workspace with ``n_assets`` MV stations and ``n_developments`` developments.

    Assets hang under the example's HV stations; developments are spread over them with random
    sectors, sizes and years. The result is valid, so validation does all its work.
    """
    rng = np.random.default_rng(seed)
    base = read_workspace("example").workspace
    hv = base.assets[base.assets["kind"] == "hv_station"]["id"].to_numpy()
    asset_ids = np.char.add("MS-", np.arange(n_assets).astype(str))
    new_assets = pd.DataFrame({
        "id": asset_ids,
        "name": np.char.add("Station ", np.arange(n_assets).astype(str)),
        "carrier": "electricity",
        "kind": "mv_station",
        "operator": "Stedin",
        "voltage_kv": 20.0,
        "parent_id": rng.choice(hv, n_assets),
        "area_id": "GM0344",
        "capacity_demand_mw": rng.uniform(20, 80, n_assets).round(1),
        "capacity_feedin_mw": rng.uniform(10, 60, n_assets).round(1),
        "storage_energy_mwh": np.nan,
        "geometry": None,
        "geometry_source": None,
        "confidential": False,
    })
    assets = pd.concat([base.assets, new_assets.astype(base.assets.dtypes.to_dict())],
                       ignore_index=True)
    start = rng.integers(2025, 2040, n_developments)
    sectors = np.array([s for s in SECTORS if s not in ("solar", "wind", "heat_network")])
    developments = pd.DataFrame({
        "id": np.char.add("D-", np.arange(n_developments).astype(str)),
        "name": np.char.add("Ontwikkeling ", np.arange(n_developments).astype(str)),
        "sector": rng.choice(sectors, n_developments),
        "area_id": "GM0344",
        "asset_id": rng.choice(asset_ids, n_developments),
        "carrier": "electricity",
        "quantity": np.nan,
        "unit": None,
        "demand_mw": rng.uniform(0.01, 5, n_developments).round(3),
        "feedin_mw": np.nan,
        "profile": "flat",
        "coupled_asset_id": None,
        "coupling_factor": np.nan,
        "start_year": start,
        "end_year": start + rng.integers(0, 8, n_developments),
        "certainty": rng.integers(1, 6, n_developments),
        "acm_priority": rng.integers(0, 4, n_developments),
        "policy_goals": "wonen;werk",
        "source": "synthetisch",
        "geometry": None,
        "choice_rule": None,
    }).astype(base.developments.dtypes.to_dict())
    return base.with_tables(assets=assets, developments=developments)
