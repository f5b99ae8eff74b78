"""Peaks and hours over capacity of L = C @ P without materialising L.

``C`` holds one row of profile coefficients per (asset, year) and ``P`` the profiles. The
product is formed in blocks of rows small enough to stay in the processor's cache, and each
block is reduced at once to its maximum, minimum and the counts over capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BLOCK_BYTES = 1 << 21
"""Target size of one block of the hourly product (about the size of the L2 cache)."""


@dataclass(frozen=True)
class Reduced:
    """Per row: the highest and lowest hourly value and the hours above the capacities."""

    maximum: np.ndarray
    minimum: np.ndarray
    hours_over_demand: np.ndarray
    hours_over_feedin: np.ndarray
    hour_of_maximum: np.ndarray
    hour_of_minimum: np.ndarray


def reduce_rows(coefficients: np.ndarray, profiles: np.ndarray, capacity_demand: np.ndarray,
                capacity_feedin: np.ndarray, dtype: type = np.float64) -> Reduced:
    """Reduce L = coefficients @ profiles over hours, block by block.

    ``coefficients`` (rows × k), ``profiles`` (k × hours), capacities (rows,). Rows whose
    coefficients are all zero have a zero load and are not multiplied.
    """
    rows = coefficients.shape[0]
    hours = profiles.shape[1]
    maximum = np.zeros(rows)
    minimum = np.zeros(rows)
    over_demand = np.zeros(rows, dtype=np.int64)
    over_feedin = np.zeros(rows, dtype=np.int64)
    arg_max = np.zeros(rows, dtype=np.int64)
    arg_min = np.zeros(rows, dtype=np.int64)
    live = np.flatnonzero(np.any(coefficients != 0, axis=1))
    # a row without load is over a capacity only when project deltas made it negative
    idle = np.ones(rows, dtype=bool)
    idle[live] = False
    over_demand[idle & (capacity_demand < 0)] = hours
    over_feedin[idle & (capacity_feedin < 0)] = hours
    p: np.ndarray = np.ascontiguousarray(profiles, dtype=dtype)
    c: np.ndarray = np.ascontiguousarray(coefficients[live], dtype=dtype)
    cap_d: np.ndarray = capacity_demand[live].astype(dtype)[:, None]
    cap_f: np.ndarray = -capacity_feedin[live].astype(dtype)[:, None]
    step = max(1, BLOCK_BYTES // (hours * np.dtype(dtype).itemsize))
    for start in range(0, len(live), step):
        block = c[start:start + step] @ p
        stop = start + len(block)
        target = live[start:stop]
        high = block.argmax(axis=1)
        low = block.argmin(axis=1)
        arg_max[target] = high
        arg_min[target] = low
        top = np.take_along_axis(block, high[:, None], 1)
        bottom = np.take_along_axis(block, low[:, None], 1)
        maximum[target] = top[:, 0]
        minimum[target] = bottom[:, 0]
        # hours over a capacity exist only in rows whose extreme passes it: count just those
        demand_rows = np.flatnonzero(top[:, 0] > cap_d[start:stop, 0])
        if len(demand_rows):
            over_demand[target[demand_rows]] = np.count_nonzero(
                block[demand_rows] > cap_d[start:stop][demand_rows], axis=1)
        feedin_rows = np.flatnonzero(bottom[:, 0] < cap_f[start:stop, 0])
        if len(feedin_rows):
            over_feedin[target[feedin_rows]] = np.count_nonzero(
                block[feedin_rows] < cap_f[start:stop][feedin_rows], axis=1)
    return Reduced(maximum, minimum, over_demand, over_feedin, arg_max, arg_min)


def reduce_hourly(load: np.ndarray, capacity_demand: np.ndarray,
                  capacity_feedin: np.ndarray) -> Reduced:
    """The same reduction for rows whose hourly load is already at hand (rows × hours)."""
    return Reduced(
        load.max(axis=1), load.min(axis=1),
        np.count_nonzero(load > capacity_demand[:, None], axis=1),
        np.count_nonzero(load < -capacity_feedin[:, None], axis=1),
        load.argmax(axis=1), load.argmin(axis=1),
    )
