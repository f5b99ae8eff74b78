"""Which developments the load engine leaves out, and why (pure).

A development loads the grid only when it has a connection asset that exists and a profile
that exists (its own ``profile``, or the one of its unit parameter). The engine skips the
others without error — a workspace may hold developments that are not yet placed — but a run
must say so: a workspace in which no development has a profile would otherwise show an empty
bottleneck table and green maps. :func:`left_out` lists them, for the front ends to report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmiek.domain.sizing import net_mw_and_profile
from pmiek.domain.workspace import Workspace

REASONS = ("no_connection", "no_profile")
"""Why a development is left out: no (known) connection asset; no (known) profile."""


def left_out(workspace: Workspace) -> pd.DataFrame:
    """The developments that load no asset: columns ``id``, ``name`` and ``reason`` (the first
    of :data:`REASONS` that applies), in the order of the developments."""
    dev = workspace.developments
    if not len(dev):
        return pd.DataFrame({"id": [], "name": [], "reason": []})
    _, profiles = net_mw_and_profile(workspace)
    known_profiles = workspace.profiles["profile_id"].astype(str).unique()
    has_profile = pd.Series(profiles, dtype=object).isin(known_profiles).to_numpy()
    has_asset = dev["asset_id"].astype(object).isin(
        workspace.assets["id"].astype(str).unique()).to_numpy()
    reason = np.where(~has_asset, REASONS[0], np.where(~has_profile, REASONS[1], ""))
    out = pd.DataFrame({"id": dev["id"].astype(str).to_numpy(),
                        "name": dev["name"].astype(object).fillna("").astype(str).to_numpy(),
                        "reason": reason})
    return out[out["reason"] != ""].reset_index(drop=True)
