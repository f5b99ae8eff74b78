"""Peaks and hours over capacity of L = C @ P without materialising L.

``C`` holds one row of profile coefficients per (asset, year) and ``P`` the profiles (k ×
8760). Two ways to reduce a row over the hours:

- *full*: the product is formed in blocks of rows small enough to stay in the processor's
  cache, and each block is reduced at once (``_reduce_full``);
- *pruned* (the default, float64): each row's extremes are bounded per group of hours (season
  × clock hour) and only the groups that can still hold the extreme are evaluated, in a
  compiled loop per row (``pruned.py``); hours over a capacity are counted the same way.

Both give the same peaks (to 1e-12 relative) and the same counts; on the Utrecht profiles
the pruned path evaluates about 8 groups (600 hours) per row instead of 8760 hours.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from typing import Any, TypeAlias

import numpy as np
from threadpoolctl import ThreadpoolController

from pmiek.domain.arrays import Floats, Ints, Numbers
from pmiek.insight.pruned import fits, groups, reduce_pruned

FloatType: TypeAlias = type[np.floating[Any]]
"""The precision of the hourly product: ``np.float64`` (default) or ``np.float32``."""

BLOCK_BYTES = 1 << 21
"""Target size of one block of the hourly product (about the size of the L2 cache)."""
PARALLEL_ROWS = 4096
"""Fewer rows than this are reduced in one thread (starting threads costs more)."""
PIECES_PER_THREAD = 4
"""Chunks per thread, so that a thread with easy rows takes over from one with hard rows."""

_controller: ThreadpoolController | None = None
_pools: dict[int, ThreadPoolExecutor] = {}


def _threadpools() -> ThreadpoolController:
    """The BLAS thread pools, found once (finding them costs milliseconds)."""
    global _controller
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller


def _pool(threads: int) -> ThreadPoolExecutor:
    """A pool of ``threads`` threads, kept for the next call (starting threads costs more
    than reducing a small case)."""
    if threads not in _pools:
        _pools[threads] = ThreadPoolExecutor(max_workers=threads,
                                             thread_name_prefix="pmiek-kernel")
    return _pools[threads]


@dataclass(frozen=True)
class Reduced:
    """Per row: the demand peak max(max_t L, 0) and the feed-in peak max(−min_t L, 0), the
    hours above the demand capacity and below minus the feed-in capacity, and the hour of
    each peak (0 when the row has no peak in that direction)."""

    peak_demand: Floats
    peak_feedin: Floats
    hours_over_demand: Ints
    hours_over_feedin: Ints
    hour_of_peak_demand: Ints
    hour_of_peak_feedin: Ints


def _empty(rows: int) -> Reduced:
    return Reduced(np.zeros(rows), np.zeros(rows), np.zeros(rows, dtype=np.int64),
                   np.zeros(rows, dtype=np.int64), np.zeros(rows, dtype=np.int64),
                   np.zeros(rows, dtype=np.int64))


def _reduce_full(out: Reduced, target: Ints, c: Numbers, p: Numbers, *, cap_d: Numbers,
                 cap_f: Numbers) -> None:
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
        out.peak_demand[rows] = np.maximum(top, 0.0)
        out.peak_feedin[rows] = np.maximum(-bottom, 0.0)
        out.hour_of_peak_demand[rows] = np.where(top > 0, high, 0)
        out.hour_of_peak_feedin[rows] = np.where(bottom < 0, low, 0)
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


def _reduce_pruned(out: Reduced, target: Ints, c: Floats, p: Floats, *, cap_d: Floats,
                   cap_f: Floats, threads: int = 1) -> None:
    """Reduce rows ``target`` with the compiled pruned kernel, chunks side by side."""
    grouped, hour_of = groups(p)
    high = np.ascontiguousarray(grouped.max(axis=2).T)  # (k × groups)
    low = np.ascontiguousarray(grouped.min(axis=2).T)
    n = len(target)
    part = _empty(n)  # the rows ``target`` in order

    def chunk_of(start: int, stop: int) -> None:
        rows = slice(start, stop)
        reduce_pruned(c[rows], grouped, hour_of, high, low, cap_d[rows], cap_f[rows],
                      part.peak_demand[rows], part.peak_feedin[rows],
                      part.hour_of_peak_demand[rows], part.hour_of_peak_feedin[rows],
                      part.hours_over_demand[rows], part.hours_over_feedin[rows])

    pieces = 1 if n < PARALLEL_ROWS else threads * PIECES_PER_THREAD
    edges = np.linspace(0, n, pieces + 1).astype(int)
    if pieces > 1 and threads > 1:
        # the compiled loop releases the GIL: chunks run side by side
        list(_pool(threads).map(chunk_of, edges[:-1], edges[1:]))
    else:
        chunk_of(0, n)
    for column in fields(Reduced):
        getattr(out, column.name)[target] = getattr(part, column.name)


def reduce_rows(coefficients: Floats, profiles: Floats, capacity_demand: Floats,
                capacity_feedin: Floats, *, dtype: FloatType = np.float64,
                pruned: bool = True, threads: int | None = None) -> Reduced:
    """Reduce L = coefficients @ profiles over the hours.

    ``coefficients`` (rows × k), ``profiles`` (k × hours), capacities (rows,) [MW]. Returns
    per row the demand and feed-in peaks of L and their hours, the hours with L above
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
        _reduce(out, live, coefficients, profiles, caps=(cap_d, cap_f), dtype=dtype,
                pruned=pruned, threads=workers)
    return out


def _reduce(out: Reduced, live: Ints, coefficients: Floats, profiles: Floats, *,
            caps: tuple[Floats, Floats], dtype: FloatType, pruned: bool, threads: int) -> None:
    # The products here are small (k ≈ 10): one BLAS thread runs them several times faster
    # than two, whose start-up costs more than the work; parallelism comes from running
    # chunks of rows in threads (and from Dask across machines).
    hours = profiles.shape[1]
    cap_d, cap_f = caps
    if pruned and fits(hours):
        c = np.ascontiguousarray(coefficients[live], dtype=np.float64)
        _reduce_pruned(out, live, c, np.ascontiguousarray(profiles, dtype=np.float64),
                       cap_d=cap_d, cap_f=cap_f, threads=threads)
    else:
        c = np.ascontiguousarray(coefficients[live], dtype=dtype)
        _reduce_full(out, live, c, np.ascontiguousarray(profiles, dtype=dtype),
                     cap_d=cap_d.astype(dtype), cap_f=cap_f.astype(dtype))


def reduce_hourly(load: Floats, capacity_demand: Floats, capacity_feedin: Floats) -> Reduced:
    """The same reduction for rows whose hourly load is already at hand (rows × hours)."""
    top, bottom = load.max(axis=1), load.min(axis=1)
    return Reduced(
        np.maximum(top, 0.0), np.maximum(-bottom, 0.0),
        np.count_nonzero(load > capacity_demand[:, None], axis=1),
        np.count_nonzero(load < -capacity_feedin[:, None], axis=1),
        np.where(top > 0, load.argmax(axis=1), 0), np.where(bottom < 0, load.argmin(axis=1), 0),
    )
