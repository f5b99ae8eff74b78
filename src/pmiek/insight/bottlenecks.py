"""``find_bottlenecks``: knelpunten per asset, direction and year, as on the capacity map.

Classes follow the national capacity map (capaciteitskaart): ``beschikbaar`` below 90 % of
the capacity, ``dreigende_schaarste`` from 90 % up to the capacity, ``congestie`` above it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr
from numpy.typing import NDArray

from pmiek.domain.arrays import Floats

SCARCITY_THRESHOLD = 0.9
"""Utilisation from which the capacity map shows 'dreigende schaarste' (threatening scarcity)."""

CLASSES = ("beschikbaar", "dreigende_schaarste", "congestie")
DIRECTIONS = {"afname": "demand", "invoeding": "feedin"}


def classify(utilisation: Floats) -> NDArray[np.str_]:
    """The capacity-map class of each utilisation (peak / capacity)."""
    classes: NDArray[np.str_] = np.where(
        utilisation > 1.0, CLASSES[2],
        np.where(utilisation >= SCARCITY_THRESHOLD, CLASSES[1], CLASSES[0]))
    return classes


def find_bottlenecks(loads: xr.Dataset) -> pd.DataFrame:
    """One row per asset, direction (afname/invoeding) and year.

    Columns: ``asset_id``, ``carrier`` (when ``loads`` has that coordinate), ``direction``,
    ``year``, ``peak_mw``, ``capacity_mw``,
    ``shortage_mw`` = max(peak − capacity, 0), ``hours_over`` (hours above the capacity),
    ``utilisation`` = peak / capacity (∞ for a load on zero capacity, 0 for no load),
    ``first_overload_year`` (first year with a shortage, per asset and direction; empty when
    none) and ``class``.
    """
    frames = []
    for direction, key in DIRECTIONS.items():
        peak = loads[f"peak_{key}_mw"].to_numpy()
        capacity = loads[f"capacity_{key}_mw"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            utilisation = np.where(capacity > 0, peak / capacity,
                                   np.where(peak > 0, np.inf, 0.0))
        shortage = np.maximum(peak - capacity, 0.0)
        years = loads["year"].to_numpy()
        over = shortage > 0
        first = np.where(over.any(axis=1), years[np.argmax(over, axis=1)], -1)
        n_a, n_y = peak.shape
        carrier = ({"carrier": np.repeat(loads["carrier"].to_numpy(), n_y)}
                   if "carrier" in loads.coords else {})
        frames.append(pd.DataFrame({
            "asset_id": np.repeat(loads["asset"].to_numpy(), n_y), **carrier,
            "direction": direction,
            "year": np.tile(years, n_a),
            "peak_mw": peak.ravel(),
            "capacity_mw": capacity.ravel(),
            "shortage_mw": shortage.ravel(),
            "hours_over": loads[f"hours_over_{key}"].to_numpy().ravel(),
            "utilisation": utilisation.ravel(),
            "first_overload_year": pd.array(np.repeat(first, n_y), dtype="Int64"),
            "class": classify(utilisation.ravel()),
        }))
    out = pd.concat(frames, ignore_index=True)
    out.loc[out["first_overload_year"] < 0, "first_overload_year"] = pd.NA
    return out
