"""The exact, pruned reduction of L = C @ P, compiled with numba (pure, no I/O).

The hours are grouped by season and clock hour: the same clock hour on 73 consecutive days,
5 × 24 = 120 groups, in which daily shapes barely change. For a row ``c`` of profile
coefficients the highest and lowest value of each profile in a group bound the row's load in
that group:

    ub[g] = Σ_k max(c_k·U[k,g], c_k·Lo[k,g]) ≥ max_{t∈g} L[t] ≥ min_{t∈g} L[t] ≥ lb[g].

The maximum is found by evaluating the group with the highest bound exactly, then only the
groups whose bound still exceeds the best value found (by more than a 1e-12 relative slack);
the minimum the same way from below. Hours over a capacity are counted per group: a group
whose lower bound is above the capacity counts whole, one whose upper bound is below it not at
all, and only the rest is evaluated. On the Utrecht profiles a row needs about 8 of the 120
groups (600 of 8760 hours).

One compiled loop per row replaces the many small matrix products (and their Python overhead)
of a vectorised version; it releases the GIL, so chunks of rows run side by side in threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from pmiek.domain.arrays import Floats, Ints

DAYS_PER_GROUP = 73
"""Consecutive days whose same clock hour forms one group (365 = 5 × 73)."""
RELATIVE_SLACK = 1e-12
"""Bounds within this fraction of a row's Σ|c| of a value count as reaching it (rounding)."""


def groups(p: Floats) -> tuple[Floats, Ints]:
    """The profiles as (groups × k × hours in group), each group contiguous, and the hour of
    the year of each slot (groups × hours in group)."""
    hours = p.shape[1]
    days = hours // 24
    blocks = days // DAYS_PER_GROUP
    slots = np.arange(hours).reshape(blocks, DAYS_PER_GROUP, 24).transpose(0, 2, 1)
    hour: Ints = slots.reshape(blocks * 24, DAYS_PER_GROUP)
    return np.ascontiguousarray(p[:, hour].transpose(1, 0, 2)), hour


def fits(hours: int) -> bool:
    """Whether a year of ``hours`` splits into the groups (8760 does)."""
    return hours > 0 and hours % (24 * DAYS_PER_GROUP) == 0


@njit(cache=True, nogil=True)
def _evaluate(c: Floats, block: Floats, values: Floats) -> None:
    """values[h] = Σ_k c[k]·block[k, h]."""
    values[:] = 0.0
    for j in range(block.shape[0]):
        cj = c[j]
        if cj != 0.0:
            for h in range(block.shape[1]):
                values[h] += cj * block[j, h]


@njit(cache=True, nogil=True)
def _extreme(row: Floats, grouped: Floats, hour_of: Ints, bound: Floats, sign: float,
             slack: float, values: Floats) -> tuple[float, int]:
    """sign = 1: the highest value of the row and its hour, given ``bound`` ≥ the highest
    value in each group; sign = −1: the lowest, given −``bound`` ≤ the lowest."""
    n_groups, _, width = grouped.shape
    first = np.argmax(bound)
    best = -np.inf
    best_hour = 0
    for step in range(n_groups + 1):
        g = first if step == 0 else step - 1
        if step > 0 and (g == first or bound[g] <= best + slack):
            continue
        _evaluate(row, grouped[g], values)
        for h in range(width):
            if sign * values[h] > best:
                best = sign * values[h]
                best_hour = hour_of[g, h]
    return sign * best, best_hour


@njit(cache=True, nogil=True)
def _hours_above(row: Floats, grouped: Floats, ub: Floats, lb: Floats, level: float,
                 sign: float, slack: float, values: Floats) -> int:
    """sign = 1: the hours with L > level; sign = −1: the hours with L < level. ``ub`` and
    ``lb`` bound L in each group; only groups that straddle the level are evaluated."""
    n_groups, _, width = grouped.shape
    count = 0
    for g in range(n_groups):
        low, high = (lb[g], ub[g]) if sign > 0 else (-ub[g], -lb[g])
        if low > sign * level + slack:
            count += width
        elif high > sign * level - slack:
            _evaluate(row, grouped[g], values)
            for h in range(width):
                if sign * values[h] > sign * level:
                    count += 1
    return count


@njit(cache=True, nogil=True)
def reduce_pruned(c: Floats, grouped: Floats, hour_of: Ints, high: Floats, low: Floats,
                  cap_d: Floats, cap_f: Floats, peak_d: Floats, peak_f: Floats, hour_d: Ints,
                  hour_f: Ints, over_d: Ints, over_f: Ints) -> None:
    """Reduce every row of ``c`` (rows × k) over the hours, in place into the outputs.

    ``grouped`` (g × k × h) and ``hour_of`` (g × h) come from :func:`groups`; ``high`` and
    ``low`` (k × g) are each profile's highest and lowest value per group. Per row:
    ``peak_d`` = max(max_t L, 0) and ``peak_f`` = max(−min_t L, 0) with their hours (0 when
    there is no peak — a direction whose bounds show it has none is not evaluated),
    ``over_d`` the hours with L > cap_d and ``over_f`` the hours with L < cap_f.
    """
    n_rows, k = c.shape
    n_groups, _, width = grouped.shape
    ub = np.empty(n_groups)
    lb = np.empty(n_groups)
    values = np.empty(width)
    for r in range(n_rows):
        row = c[r]
        ub[:] = 0.0
        lb[:] = 0.0
        scale = 0.0
        for j in range(k):
            cj = row[j]
            scale += abs(cj)
            if cj > 0.0:
                for g in range(n_groups):
                    ub[g] += cj * high[j, g]
                    lb[g] += cj * low[j, g]
            elif cj < 0.0:
                for g in range(n_groups):
                    ub[g] += cj * low[j, g]
                    lb[g] += cj * high[j, g]
        slack = RELATIVE_SLACK * max(scale, 1e-300)

        top = ub.max()  # ≥ max L
        if top > 0.0:
            top, hour = _extreme(row, grouped, hour_of, ub, 1.0, slack, values)
            if top > 0.0:
                peak_d[r], hour_d[r] = top, hour
        if top > cap_d[r]:
            over_d[r] = _hours_above(row, grouped, ub, lb, cap_d[r], 1.0, slack, values)

        bottom = lb.min()  # ≤ min L
        if bottom < 0.0:
            bottom, hour = _extreme(row, grouped, hour_of, -lb, -1.0, slack, values)
            if bottom < 0.0:
                peak_f[r], hour_f[r] = -bottom, hour
        if bottom < cap_f[r]:
            over_f[r] = _hours_above(row, grouped, ub, lb, cap_f[r], -1.0, slack, values)
