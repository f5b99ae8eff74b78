"""Two scenarios side by side: what the Energievisie's choices change, per asset (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from pmiek.domain.workspace import Workspace
from pmiek.insight.loads import project_loads

COMPARE_YEARS = (2030, 2035, 2040)
"""The years a comparison shows by default."""
COMPARE_COLUMNS = ["asset_id", "name", "carrier", "kind", "direction", "year", "peak_a_mw",
                   "peak_b_mw", "change_mw"]


def compare_scenarios(workspace: Workspace, a: str, b: str,
                      years: Sequence[int] = COMPARE_YEARS) -> pd.DataFrame:
    """Per asset, direction (``afname``/``invoeding``) and year, the peak in scenario ``a``
    and in scenario ``b`` [MW] and the change ``b − a``, for every asset whose peak changes
    by more than 1 kW; ordered by carrier, year and the size of the change."""
    peaks = {}
    for name in (a, b):
        loads = project_loads(workspace, name, years=list(years))
        peaks[name] = {way: loads[f"peak_{key}_mw"].to_series()
                       for way, key in (("afname", "demand"), ("invoeding", "feedin"))}
    frames = []
    for way in ("afname", "invoeding"):
        both = pd.DataFrame({"peak_a_mw": peaks[a][way], "peak_b_mw": peaks[b][way]})
        both["direction"] = way
        frames.append(both.reset_index())
    table = pd.concat(frames, ignore_index=True).rename(columns={"asset": "asset_id"})
    table["change_mw"] = table["peak_b_mw"] - table["peak_a_mw"]
    table = table[np.abs(table["change_mw"].to_numpy()) > 1e-3]
    assets = workspace.assets.set_index("id")
    table = table.assign(name=table["asset_id"].map(assets["name"]),
                         carrier=table["asset_id"].map(assets["carrier"]),
                         kind=table["asset_id"].map(assets["kind"]))
    table = table.assign(size=-np.abs(table["change_mw"])).sort_values(
        ["carrier", "year", "size", "asset_id", "direction"], kind="stable")
    return table[COMPARE_COLUMNS].reset_index(drop=True)


__all__ = ["COMPARE_COLUMNS", "COMPARE_YEARS", "compare_scenarios"]
