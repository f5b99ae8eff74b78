"""Peaks and hours over capacity of L = C @ P without materialising L.

``C`` holds one row of profile coefficients per (asset, year) and ``P`` the profiles (k ×
8760). Two ways to reduce a row over the hours:

- *full*: the product is formed in blocks of rows small enough to stay in the processor's
  cache, and each block is reduced at once (``_reduce_full``);
- *pruned* (the default): the hours are grouped by season and hour of the day (the same
  clock hour on 73 consecutive days: 5 × 24 = 120 groups, in which daily shapes barely
  change). Per group and profile the highest and lowest value bound every row's maximum in
  the group from above, ``ub[r, g] = Σ_k max(C[r,k]·U[k,g], C[r,k]·Lo[k,g])`` — two small
  products. The group with the highest bound is evaluated exactly; only the groups whose
  bound still exceeds that value (by more than 1e-12 of the row's scale) are evaluated too.
  The minimum is found the same way. Rows where many groups stay candidates, and rows whose
  extreme passes a capacity (whose hours over capacity must be counted), are reduced in full.

Both give the same peaks (to 1e-12 relative) and the same counts; on the Utrecht profiles
the pruned path evaluates about 8 groups (600 hours) per row instead of 8760 hours.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

BLOCK_BYTES = 1 << 21
"""Target size of one block of the hourly product (about the size of the L2 cache)."""
DAYS_PER_GROUP = 73
"""Consecutive days whose same clock hour forms one group (365 = 5 × 73)."""
CHUNK_ROWS = 16384
"""Rows bounded at once in the pruned reduction."""
MAX_CANDIDATE_GROUPS = 40
"""A row with more candidate days than this is reduced in full."""
RELATIVE_SLACK = 1e-12

_controller: ThreadpoolController | None = None


def _threadpools() -> ThreadpoolController:
    """The BLAS thread pools, found once (finding them costs milliseconds)."""
    global _controller
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller


@dataclass(frozen=True)
class Reduced:
    """Per row: the highest and lowest hourly value, their hours, and the hours above the
    demand capacity and below minus the feed-in capacity."""

    maximum: np.ndarray
    minimum: np.ndarray
    hours_over_demand: np.ndarray
    hours_over_feedin: np.ndarray
    hour_of_maximum: np.ndarray
    hour_of_minimum: np.ndarray


def _empty(rows: int) -> Reduced:
    return Reduced(np.zeros(rows), np.zeros(rows), np.zeros(rows, dtype=np.int64),
                   np.zeros(rows, dtype=np.int64), np.zeros(rows, dtype=np.int64),
                   np.zeros(rows, dtype=np.int64))


def _reduce_full(out: Reduced, target: np.ndarray, c: np.ndarray, p: np.ndarray,
                 cap_d: np.ndarray, cap_f: np.ndarray) -> None:
    """Reduce rows ``target`` (coefficients ``c``) over every hour, block by block."""
    hours = p.shape[1]
    step = max(1, BLOCK_BYTES // (hours * p.dtype.itemsize))
    for start in range(0, len(target), step):
        block = c[start:start + step] @ p
        rows = target[start:start + step]
        high = block.argmax(axis=1)
        low = block.argmin(axis=1)
        top = np.take_along_axis(block, high[:, None], 1)[:, 0]
        bottom = np.take_along_axis(block, low[:, None], 1)[:, 0]
        out.maximum[rows], out.minimum[rows] = top, bottom
        out.hour_of_maximum[rows], out.hour_of_minimum[rows] = high, low
        demand = cap_d[start:start + step]
        feedin = cap_f[start:start + step]
        # hours over a capacity exist only in rows whose extreme passes it: count just those
        over = np.flatnonzero(top > demand)
        if len(over):
            out.hours_over_demand[rows[over]] = np.count_nonzero(
                block[over] > demand[over, None], axis=1)
        under = np.flatnonzero(bottom < feedin)
        if len(under):
            out.hours_over_feedin[rows[under]] = np.count_nonzero(
                block[under] < feedin[under, None], axis=1)


def _groups(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The profiles as (groups × k × hours in group), each group contiguous for BLAS, and
    the hour of the year of each slot (groups × hours in group)."""
    hours = p.shape[1]
    days = hours // 24
    blocks = days // DAYS_PER_GROUP
    slots = np.arange(hours).reshape(blocks, DAYS_PER_GROUP, 24).transpose(0, 2, 1)
    hour: np.ndarray = slots.reshape(blocks * 24, DAYS_PER_GROUP)
    return np.ascontiguousarray(p[:, hour].transpose(1, 0, 2)), hour


def _best_of_groups(c: np.ndarray, grouped: np.ndarray, hour_of: np.ndarray,
                    bound: np.ndarray, sign: float,
                    slack: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sign = 1: the exact maximum (and its hour) per row from the candidate groups;
    sign = −1: the minimum. Returns (value, hour, rows that need the full reduction).

    Each group is evaluated with one dense product over the rows that need it, so the work
    is a few small matrix products per group rather than a gather per (row, group)."""
    n = len(c)
    n_groups = grouped.shape[0]
    best = np.full(n, -np.inf)
    hour = np.zeros(n, dtype=np.int64)
    first = bound.argmax(axis=1)

    def evaluate(rows: np.ndarray, group: int) -> None:
        values = sign * (c[rows] @ grouped[group])
        position = values.argmax(axis=1)
        top = values[np.arange(len(rows)), position]
        better = top > best[rows]
        best[rows[better]] = top[better]
        hour[rows[better]] = hour_of[group, position[better]]

    def by_group(groups: np.ndarray, rows: np.ndarray) -> None:
        # (group, row) pairs sorted by group: one product per group over its rows
        edges = np.searchsorted(groups, np.arange(n_groups + 1))
        for group in np.flatnonzero(np.diff(edges)):
            evaluate(rows[edges[group]:edges[group + 1]], int(group))

    order = np.argsort(first, kind="stable")
    by_group(first[order], order)
    candidates = bound > (best + slack)[:, None]
    candidates[np.arange(n), first] = False
    heavy = candidates.sum(axis=1) > MAX_CANDIDATE_GROUPS
    candidates[heavy] = False
    groups, rows = np.nonzero(candidates.T)  # sorted by group, then row
    by_group(groups, rows)
    return sign * best, hour, np.flatnonzero(heavy)


def _reduce_pruned(out: Reduced, target: np.ndarray, c: np.ndarray, p: np.ndarray,
                   cap_d: np.ndarray, cap_f: np.ndarray, threads: int = 1) -> None:
    grouped, hour_of = _groups(p)
    high = grouped.max(axis=2).T  # (k × groups)
    low = grouped.min(axis=2).T

    def chunk_of(start: int) -> None:
        rows = target[start:start + CHUNK_ROWS]
        chunk = c[start:start + CHUNK_ROWS]
        positive = np.maximum(chunk, 0.0)
        negative = np.minimum(chunk, 0.0)
        slack = RELATIVE_SLACK * np.abs(chunk).sum(axis=1)
        upper = positive @ high + negative @ low  # ≥ the maximum in every group
        lower = positive @ low + negative @ high  # ≤ the minimum in every group
        top, top_hour, heavy_top = _best_of_groups(chunk, grouped, hour_of, upper, 1.0, slack)
        bottom, bottom_hour, heavy_bottom = _best_of_groups(chunk, grouped, hour_of, -lower,
                                                            -1.0, slack)
        out.maximum[rows], out.hour_of_maximum[rows] = top, top_hour
        out.minimum[rows], out.hour_of_minimum[rows] = bottom, bottom_hour
        demand = cap_d[start:start + CHUNK_ROWS]
        feedin = cap_f[start:start + CHUNK_ROWS]
        full = np.union1d(np.union1d(heavy_top, heavy_bottom),
                          np.flatnonzero((top > demand) | (bottom < feedin)))
        if len(full):
            _reduce_full(out, rows[full], chunk[full], p, demand[full], feedin[full])

    starts = range(0, len(target), CHUNK_ROWS)
    if threads > 1 and len(starts) > 1:
        # chunks write disjoint rows; numpy releases the GIL inside its products
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(chunk_of, starts))
    else:
        for start in starts:
            chunk_of(start)


def reduce_rows(coefficients: np.ndarray, profiles: np.ndarray, capacity_demand: np.ndarray,
                capacity_feedin: np.ndarray, dtype: type = np.float64,
                pruned: bool = True, threads: int | None = None) -> Reduced:
    """Reduce L = coefficients @ profiles over the hours.

    ``coefficients`` (rows × k), ``profiles`` (k × hours), capacities (rows,) [MW]. Returns
    per row the maximum and minimum of L and their hours, the hours with L above
    ``capacity_demand`` and the hours with −L above ``capacity_feedin``. Rows whose
    coefficients are all zero have a zero load and are not multiplied. ``dtype`` sets the
    precision of the full reduction; the pruned one computes in float64. ``threads``
    (default: the machine's cores) reduce chunks of rows side by side.
    """
    rows = coefficients.shape[0]
    hours = profiles.shape[1]
    out = _empty(rows)
    live = np.flatnonzero(np.any(coefficients != 0, axis=1))
    idle = np.ones(rows, dtype=bool)
    idle[live] = False
    # a row without load is over a capacity only when project deltas made it negative
    out.hours_over_demand[idle & (capacity_demand < 0)] = hours
    out.hours_over_feedin[idle & (capacity_feedin < 0)] = hours
    if not len(live):
        return out
    cap_d = capacity_demand[live].astype(float)
    cap_f = -capacity_feedin[live].astype(float)
    workers = (os.cpu_count() or 1) if threads is None else max(1, threads)
    with _threadpools().limit(limits=1, user_api="blas"):
        _reduce(out, live, coefficients, profiles, cap_d, cap_f, dtype, pruned, workers)
    return out


def _reduce(out: Reduced, live: np.ndarray, coefficients: np.ndarray, profiles: np.ndarray,
            cap_d: np.ndarray, cap_f: np.ndarray, dtype: type, pruned: bool,
            threads: int) -> None:
    # The products here are small (k ≈ 10): one BLAS thread runs them several times faster
    # than two, whose start-up costs more than the work; parallelism comes from running
    # chunks of rows in threads (and from Dask across machines).
    hours = profiles.shape[1]
    if pruned and hours % (24 * DAYS_PER_GROUP) == 0:
        c = np.ascontiguousarray(coefficients[live], dtype=np.float64)
        _reduce_pruned(out, live, c, np.ascontiguousarray(profiles, dtype=np.float64),
                       cap_d, cap_f, threads)
    else:
        c = np.ascontiguousarray(coefficients[live], dtype=dtype)
        _reduce_full(out, live, c, np.ascontiguousarray(profiles, dtype=dtype),
                     cap_d.astype(dtype), cap_f.astype(dtype))


def reduce_hourly(load: np.ndarray, capacity_demand: np.ndarray,
                  capacity_feedin: np.ndarray) -> Reduced:
    """The same reduction for rows whose hourly load is already at hand (rows × hours)."""
    return Reduced(
        load.max(axis=1), load.min(axis=1),
        np.count_nonzero(load > capacity_demand[:, None], axis=1),
        np.count_nonzero(load < -capacity_feedin[:, None], axis=1),
        load.argmax(axis=1), load.argmin(axis=1),
    )
