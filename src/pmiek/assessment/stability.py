"""Weight stability intervals of the weighted sum: how far one weight can move before the
ranking changes.

For criterion ``j`` the weight w_j moves over [0, 1] while the other weights keep their
mutual proportions, rescaled to sum 1 − w_j (if they are all 0, the 1 − w_j is spread
equally over them). Each alternative's utility is then linear in w_j = t:

    u_i(t) = t · v_ij + (1 − t) · b_i,    b_i = Σ_{k≠j} p_k · v_ik,

with p the other weights' proportions, so two alternatives ``i`` and ``k`` swap places only
where their lines cross, at t* = (b_k − b_i) / ((v_ij − b_i) − (v_kj − b_k)). The stability
interval [lower, upper] is bounded by the crossings nearest to the current weight on either
side (0 or 1 when there is none): for every w_j strictly inside it the full ranking is the one
at the current weights, and at a bound the swapping pair is tied. ``top_lower`` and
``top_upper`` bound the interval in which the first-ranked alternative stays first.

Ties: as in :func:`pmiek.assessment.smaa.smaa`, equal utilities are ordered by the
alternatives' order (the lower index ranks higher). A pair whose utilities at the current
weights are within 1e-12 (times the largest |partial value|) counts as tied: it keeps its
order on the side where the one ranked ahead gains and swaps at once on the other, so that
bound is the current weight itself (unless the weight is already at 0 or 1 on that side).
Alternatives with identical lines never swap.

References
----------
Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid. *European J.
Operational Research* 33(1), 54–64. https://doi.org/10.1016/0377-2217(88)90254-8

Triantaphyllou, E. & Sánchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151–194.
https://doi.org/10.1111/j.1540-5915.1997.tb01306.x
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.errors import InputError

__all__ = ["weight_stability"]

TIE_TOLERANCE = 1e-12
"""Utilities closer than this (times the largest |partial value|, at least 1) are tied."""
SUM_TOLERANCE = 1e-6

COLUMNS = ["criterion", "weight", "lower", "upper", "swap_at_lower", "swap_at_upper",
           "top_lower", "top_upper"]


def weight_stability(values: ArrayLike, weights: ArrayLike,
                     criteria: Sequence[str] | None = None, *,
                     alternatives: Sequence[str] | None = None) -> pd.DataFrame:
    """Stability intervals of each weight for the weighted sum of partial values.

    Parameters
    ----------
    values : array_like (n_alt, n_crit)
        Partial values, higher is better.
    weights : array_like (n_crit,)
        Current weights, non-negative, summing to 1 (within 1e-6; rescaled exactly).
    criteria, alternatives : sequence of str, optional
        Labels (default "0", "1", …).

    Returns
    -------
    DataFrame
        One row per criterion: ``criterion``, ``weight`` (current), ``lower`` and ``upper``
        (the interval of w_j with the current full ranking), ``swap_at_lower`` and
        ``swap_at_upper`` (the pair that swaps there as (ahead now, behind now), or None when
        the ranking holds up to 0 or 1), ``top_lower`` and ``top_upper`` (the interval in
        which the current best stays best). When several pairs swap at the same bound, the
        one whose leading alternative ranks highest now is named.

    Raises
    ------
    InputError
        For arrays of the wrong shape, non-finite entries, fewer than two criteria, negative
        weights or weights not summing to 1, or labels of the wrong number.
    """
    v, w = _check(values, weights)
    n_alt, n_crit = v.shape
    crit = _labels(criteria, n_crit, "criteria")
    alts = _labels(alternatives, n_alt, "alternatives")
    tol = TIE_TOLERANCE * max(1.0, float(np.abs(v).max()))
    order = np.argsort(-(v @ w), kind="stable")  # the current ranking, equal ones by index
    position = np.empty(n_alt, dtype=np.int64)
    position[order] = np.arange(n_alt)
    ahead, behind = np.triu_indices(n_alt, k=1)
    ahead, behind = order[ahead], order[behind]  # every pair as (ahead now, behind now)
    rows = []
    for j in range(n_crit):
        t0 = float(w[j])
        rest = w.copy()
        rest[j] = 0.0
        share = rest / rest.sum() if rest.sum() > 0 else np.where(np.arange(n_crit) == j, 0.0,
                                                                   1.0 / (n_crit - 1))
        base = v @ share
        slope = v[:, j] - base
        lower, upper, at_lower, at_upper = _bounds(ahead, behind, base, slope, t0,
                                                   position=position, tol=tol)
        top = ahead == order[0]
        top_lower, top_upper, _, _ = _bounds(ahead[top], behind[top], base, slope, t0,
                                             position=position, tol=tol)
        rows.append((crit[j], t0, lower, upper, _pair(at_lower, alts), _pair(at_upper, alts),
                     top_lower, top_upper))
    return pd.DataFrame(rows, columns=COLUMNS)


def _bounds(ahead: Ints, behind: Ints, base: Floats, slope: Floats, t0: float, *,
            position: Ints, tol: float
            ) -> tuple[float, float, tuple[int, int] | None, tuple[int, int] | None]:
    """The nearest swaps of pairs (ahead, behind) below and above t0, and those pairs."""
    gap = base[ahead] - base[behind]  # u_ahead − u_behind = gap + t · rise
    rise = slope[ahead] - slope[behind]
    now = gap + t0 * rise
    moving = np.abs(rise) > tol
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = np.where(moving, -gap / np.where(moving, rise, 1.0), np.nan)
    tied = np.abs(now) <= tol
    # a pair tied now keeps its order on the side where ``ahead`` gains and swaps at once on
    # the other (if w_j can move to that side at all): its crossing is t0 itself
    cross = np.where(tied & moving, t0, cross)
    below = moving & np.where(tied, (rise > 0) & (t0 > 0.0), cross < t0) & (cross >= 0.0)
    above = moving & np.where(tied, (rise < 0) & (t0 < 1.0), cross > t0) & (cross <= 1.0)
    lower, at_lower = _nearest(cross, below, position[ahead], ahead, behind, upward=False,
                               default=0.0)
    upper, at_upper = _nearest(cross, above, position[ahead], ahead, behind, upward=True,
                               default=1.0)
    return lower, upper, at_lower, at_upper


def _nearest(cross: Floats, mask: Bools, rank: Ints, ahead: Ints, behind: Ints, *,
             upward: bool, default: float) -> tuple[float, tuple[int, int] | None]:
    """The crossing nearest to t0 among ``mask`` (the lowest above, or the highest below)
    and its pair, the one whose ``ahead`` ranks highest when several swap there."""
    if not mask.any():
        return default, None
    candidates = np.flatnonzero(mask)
    bound = float(cross[candidates].min() if upward else cross[candidates].max())
    at = candidates[cross[candidates] == bound]
    first = at[np.argmin(rank[at])]
    return bound, (int(ahead[first]), int(behind[first]))


def _pair(pair: tuple[int, int] | None, labels: tuple[str, ...]) -> tuple[str, str] | None:
    return None if pair is None else (labels[pair[0]], labels[pair[1]])


def _labels(labels: Sequence[str] | None, n: int, name: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(str(i) for i in range(n))
    result = tuple(str(label) for label in labels)
    if len(result) != n:
        raise InputError(f"weight_stability: expected {n} {name} labels; got {len(result)}")
    return result


def _check(values: ArrayLike, weights: ArrayLike) -> tuple[Floats, Floats]:
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    if v.ndim != 2 or 0 in v.shape:
        raise InputError(f"weight_stability: values must be an array (n_alt, n_crit); got "
                         f"shape {v.shape}")
    if w.shape != (v.shape[1],):
        raise InputError(f"weight_stability: expected {v.shape[1]} weights (one per column of "
                         f"values); got shape {w.shape}")
    if v.shape[1] < 2:
        raise InputError("weight_stability: needs at least two criteria (with one, its weight "
                         "is fixed at 1)")
    if not (np.isfinite(v).all() and np.isfinite(w).all()):
        raise InputError("weight_stability: values and weights must be finite numbers")
    if (w < 0).any() or abs(w.sum() - 1.0) > SUM_TOLERANCE:
        raise InputError(f"weight_stability: weights must be non-negative and sum to 1 (within "
                         f"{SUM_TOLERANCE:g}); got {w.tolist()} (sum {w.sum():.9g})")
    return v, w / w.sum()
