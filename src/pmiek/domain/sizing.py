"""The size and hourly profile of developments: their own figures, else their unit parameters."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmiek.domain.workspace import Workspace


def developed_mw(workspace: Workspace) -> pd.DataFrame:
    """Each development's demand and feed-in at full realisation [MW].

    ``demand_mw``/``feedin_mw`` where given, else quantity × the unit parameter of its sector,
    carrier and unit [kW/unit] / 1000.
    """
    dev = workspace.developments
    keys = ["sector", "carrier", "unit"]
    params = workspace.unit_parameters.drop_duplicates(keys)[
        [*keys, "demand_kw_per_unit", "feedin_kw_per_unit"]]
    merged = dev[[*keys, "quantity", "demand_mw", "feedin_mw"]].merge(params, on=keys,
                                                                      how="left")
    quantity = merged["quantity"].to_numpy(dtype=float, na_value=np.nan)
    out = pd.DataFrame({"sector": dev["sector"].to_numpy()})
    for kind in ("demand", "feedin"):
        given = merged[f"{kind}_mw"].to_numpy(dtype=float, na_value=np.nan)
        derived = quantity * merged[f"{kind}_kw_per_unit"].to_numpy(dtype=float,
                                                                     na_value=np.nan) / 1000
        out[f"{kind}_mw"] = np.nan_to_num(np.where(np.isnan(given), derived, given))
    return out


def profile_of(workspace: Workspace) -> pd.Series:
    """Each development's profile name: its own, else that of its unit parameters (sector,
    carrier, unit); <NA> when neither gives one."""
    dev = workspace.developments
    keys = ["sector", "carrier", "unit"]
    params = workspace.unit_parameters.drop_duplicates(keys)[[*keys, "profile"]]
    merged = dev[keys].merge(params, on=keys, how="left")
    return dev["profile"].fillna(pd.Series(merged["profile"].to_numpy(), index=dev.index))
