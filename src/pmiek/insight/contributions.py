"""What makes up a peak: each development's MW at an asset's peak hour (traceability).

For asset *a* in year *y* at hour *t*, the load is the sum over the load entries at or below
*a* of ``net[e, y] · P[profile(e), t]`` plus the storage below *a*; these functions list the
terms, so that every peak can be followed back to the rows that produced it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from pmiek.insight.hierarchy import closure
from pmiek.insight.inputs import Inputs


def at_peaks(inputs: Inputs, loads: xr.Dataset, direction: str) -> pd.DataFrame:
    """Every (asset, year, entry) term at the asset's peak hour of ``direction``.

    Columns: ``asset`` and ``year`` (indices), ``entry`` (index into the inputs' entries),
    ``mw`` (the entry's load at that hour, positive = demand).
    """
    hour_name = "peak_demand_hour" if direction == "demand" else "peak_feedin_hour"
    hours = loads[hour_name].to_numpy()
    frames = []
    for g in range(len(inputs.parents)):
        years = np.flatnonzero(inputs.topology_of_year == g)
        if not len(years):
            continue
        up = closure(inputs.parents[g]).tocsc()[:, inputs.entry_asset].tocoo()
        asset, entry = up.row, up.col  # asset lies at or above the entry's asset
        for y in years:  # a handful of years per topology; the work inside is vectorised
            mw = inputs.entry_net_mw[entry, y] * inputs.profiles[
                inputs.entry_profile[entry], hours[asset, y]]
            frames.append(pd.DataFrame({"asset": asset, "year": y, "entry": entry, "mw": mw}))
    if not frames:
        return pd.DataFrame({"asset": [], "year": [], "entry": [], "mw": []})
    return pd.concat(frames, ignore_index=True)
