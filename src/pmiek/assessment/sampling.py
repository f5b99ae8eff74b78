"""Weight samplers for SMAA: each returns an (n, n_crit) float array whose rows sum to 1.

Every sampler takes ``rng``: a :class:`numpy.random.Generator`, a seed (int) or None (fresh
entropy); the same seed gives the same samples.

- :func:`uniform_simplex`: no weight information, uniform on the simplex (Dirichlet(1)).
- :func:`interval_weights`: a lower and an upper bound per weight, uniform on the part of the
  simplex inside the box (exact rejection, or hit-and-run when rejection would be too slow).
- :func:`ordinal_weights`: a ranking of the criteria, uniform on the weights consistent with it.
- :func:`participant_weights`: the weight sets of workshop participants, resampled (optionally
  blurred by a Dirichlet around each set).
- :func:`intervals_from_sets`: the bounds spanned by those sets, for :func:`interval_weights`.

References
----------
Rubinstein, R. Y. & Melamed, B. (1998). *Modern simulation and modeling*, Wiley (uniform
sampling on the simplex by normalised exponential variates).

Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points uniformly
distributed over bounded regions. *Operations Research* 32(6), 1296–1308.
https://doi.org/10.1287/opre.32.6.1296 (hit-and-run).

Tervonen, T., van Valkenhoef, G., Baştürk, N. & Postmus, D. (2013). Hit-And-Run enables
efficient weight generation for simulation-based multiple criteria decision analysis.
*European J. Operational Research* 224(3), 552–559. https://doi.org/10.1016/j.ejor.2012.08.026
"""

from __future__ import annotations

import math
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from pmiek.domain.arrays import Floats
from pmiek.errors import InputError

__all__ = ["interval_weights", "intervals_from_sets", "ordinal_weights", "participant_weights",
           "uniform_simplex"]

Rng: TypeAlias = np.random.Generator | int | None

MIN_ACCEPTANCE = 0.01
"""Rejection is used when at least this share of the proposals is accepted (estimated from a
pilot of :data:`PILOT` proposals); below it, hit-and-run."""
PILOT = 4096
PROPOSALS_PER_BATCH = 1 << 18
"""Largest batch of rejection proposals drawn at once (bounds the memory)."""
CHAINS = 4096
"""Hit-and-run chains run side by side (vectorised); each yields about n / CHAINS samples."""
DEGENERATE = 1e-12
"""A box whose Σlower or Σupper is within this of 1 leaves a single point."""
SUM_TOLERANCE = 1e-6


def uniform_simplex(n: int, n_crit: int, rng: Rng = None) -> Floats:
    """``n`` weight vectors uniform on the simplex {w ≥ 0, Σw = 1} (Dirichlet(1, …, 1)).

    Drawn as normalised standard exponential variates. Each weight has mean 1/n_crit and
    variance (n_crit − 1)/(n_crit²(n_crit + 1)).
    """
    _count(n, "n")
    _count(n_crit, "n_crit", minimum=1)
    e = np.random.default_rng(rng).standard_exponential((n, n_crit))
    samples: Floats = e / e.sum(axis=1, keepdims=True)
    return samples


def interval_weights(lower: ArrayLike, upper: ArrayLike, n: int, rng: Rng = None, *,
                     method: Literal["auto", "rejection", "hit_and_run"] = "auto",
                     thin: int | None = None) -> Floats:
    """``n`` weight vectors uniform on {w : Σw = 1, lower ≤ w ≤ upper}.

    Parameters
    ----------
    lower, upper : array_like (n_crit,)
        Bounds of each weight, within [0, 1]; Σlower ≤ 1 ≤ Σupper so that the box meets the
        simplex.
    n : int
        Number of samples.
    rng : Generator, int or None
    method : {"auto", "rejection", "hit_and_run"}
        ``"rejection"`` is exact: a point uniform on the simplex scaled into the free room
        above the lower bounds, w = lower + (1 − Σlower)·D, or below the upper bounds,
        w = upper − (Σupper − 1)·D (D ~ Dirichlet(1) over the criteria whose bounds differ),
        kept when it satisfies the other bounds; of the two, the one accepting more. ``"auto"``
        estimates both acceptance rates from a pilot of :data:`PILOT` proposals and uses
        rejection when the better one is at least :data:`MIN_ACCEPTANCE`, otherwise
        hit-and-run. ``"hit_and_run"`` (Smith 1984) runs :data:`CHAINS` Markov chains from the
        box's centre point: each step moves along a random direction within Σw = 1 to a
        uniform point of the chord inside the box. Its samples are uniform only
        asymptotically: each chain is burnt in for ``thin`` steps and then kept every ``thin``
        steps. It costs about n · thin steps: with 12 free criteria (thin 827) some 0.25 ms
        per sample on a 2-core machine, against microseconds for rejection.
    thin : int, optional
        Steps between kept hit-and-run samples; default ⌈ln(d + 1)/4 · d³⌉ (at least 10) for
        the dimension d = free criteria − 1, the default of the R package *hitandrun*.

    Raises
    ------
    InputError
        For bounds of different shapes, outside [0, 1], with lower > upper, or a box that
        misses the simplex (Σlower > 1 or Σupper < 1).
    """
    _count(n, "n")
    if method not in ("auto", "rejection", "hit_and_run"):
        raise InputError(f"interval_weights: method must be 'auto', 'rejection' or "
                         f"'hit_and_run'; got {method!r}")
    lo, hi = _bounds(lower, upper)
    generator = np.random.default_rng(rng)
    total_lo, total_hi = lo.sum(), hi.sum()
    if 1.0 - total_lo <= DEGENERATE:
        return np.tile(lo / total_lo, (n, 1))
    if total_hi - 1.0 <= DEGENERATE:
        return np.tile(hi / total_hi, (n, 1))
    free = np.flatnonzero(hi > lo)
    lo_f, hi_f = lo[free], hi[free]
    mass = 1.0 - (total_lo - lo_f.sum())  # what the criteria with room share
    out = np.tile(lo, (n, 1))
    if method == "hit_and_run":
        out[:, free] = _hit_and_run(lo_f, hi_f, mass, n, rng=generator, thin=thin)
        chained: Floats = out / out.sum(axis=1, keepdims=True)
        return chained
    pilots = [_propose(lo_f, hi_f, mass, PILOT, rng=generator, side=side) for side in (0, 1)]
    rates = [float(accepted.shape[0]) / PILOT for accepted in pilots]
    side = int(np.argmax(rates))
    if method == "rejection" and rates[side] == 0:
        raise InputError(f"interval_weights: no rejection proposal of {PILOT} fell inside "
                         f"the bounds; use method='hit_and_run' (or 'auto')")
    if method == "auto" and rates[side] < MIN_ACCEPTANCE:
        out[:, free] = _hit_and_run(lo_f, hi_f, mass, n, rng=generator, thin=thin)
    else:
        kept = [pilots[side][:n]]
        have = kept[0].shape[0]
        while have < n:
            batch = min(PROPOSALS_PER_BATCH, math.ceil(1.2 * (n - have) / rates[side]) + 16)
            proposals = _propose(lo_f, hi_f, mass, batch, rng=generator, side=side)
            kept.append(proposals[:n - have])
            have += kept[-1].shape[0]
        out[:, free] = np.concatenate(kept)
    result: Floats = out / out.sum(axis=1, keepdims=True)
    return result


def ordinal_weights(order: ArrayLike, n: int, rng: Rng = None) -> Floats:
    """``n`` weight vectors uniform on those consistent with a ranking of the criteria.

    ``order`` lists all criterion indices from most to least important; the samples satisfy
    w[order[0]] ≥ w[order[1]] ≥ … . Each is a uniform simplex sample sorted in decreasing
    order: the ranked region is one of n_crit! congruent parts of the simplex, so sorting
    maps the uniform distribution onto the uniform distribution on it.
    """
    _count(n, "n")
    ranking = np.asarray(order)
    if (ranking.ndim != 1 or ranking.size == 0 or not np.issubdtype(ranking.dtype, np.integer)
            or sorted(ranking.tolist()) != list(range(ranking.size))):
        raise InputError(f"ordinal_weights: order must list every criterion index 0 … n_crit − 1 "
                         f"once, most important first; got {ranking.tolist()}")
    ranked = -np.sort(-uniform_simplex(n, ranking.size, rng), axis=1)
    out = np.empty_like(ranked)
    out[:, ranking] = ranked
    return out


def participant_weights(sets: ArrayLike, n: int, rng: Rng = None,
                        concentration: float | None = None) -> Floats:
    """``n`` weight vectors resampled from the weight sets of workshop participants.

    Parameters
    ----------
    sets : array_like (n_participants, n_crit)
        One row per participant, non-negative, summing to 1 (within 1e-6; rescaled exactly).
    n : int
    rng : Generator, int or None
    concentration : float, optional
        Without it each sample is a participant's set, chosen uniformly. With it, a sample is
        drawn from Dirichlet(concentration · set) around the chosen set: mean the set, and
        the larger the concentration the closer to it. A weight that is 0 in the set stays 0.
    """
    _count(n, "n")
    table = _sets(sets, "participant_weights")
    generator = np.random.default_rng(rng)
    chosen = table[generator.integers(table.shape[0], size=n)]
    if concentration is None:
        return chosen
    if not (np.isfinite(concentration) and concentration > 0):
        raise InputError(f"participant_weights: concentration must be a positive number; got "
                         f"{concentration!r}")
    alpha = concentration * chosen
    # log Gamma(a) = log Gamma(a + 1) + log(U)/a: no underflow for small shapes
    with np.errstate(divide="ignore"):
        log_g = (np.log(generator.standard_gamma(alpha + 1.0))
                 + np.log(generator.random(alpha.shape)) / alpha)
    log_g[alpha == 0] = -np.inf
    log_g -= log_g.max(axis=1, keepdims=True)
    g = np.exp(log_g)
    out: Floats = g / g.sum(axis=1, keepdims=True)
    return out


def intervals_from_sets(sets: ArrayLike) -> tuple[Floats, Floats]:
    """The smallest and largest weight per criterion over participants' weight sets
    (n_participants, n_crit): bounds for :func:`interval_weights`."""
    table = _sets(sets, "intervals_from_sets")
    return table.min(axis=0), table.max(axis=0)


def _count(value: int, name: str, minimum: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise InputError(f"{name} must be a whole number ≥ {minimum}; got {value!r}")


def _bounds(lower: ArrayLike, upper: ArrayLike) -> tuple[Floats, Floats]:
    lo = np.asarray(lower, dtype=float)
    hi = np.asarray(upper, dtype=float)
    if lo.ndim != 1 or lo.shape != hi.shape or lo.size == 0:
        raise InputError(f"interval_weights: lower and upper must be 1-D of the same length "
                         f"(one bound per criterion); got shapes {lo.shape} and {hi.shape}")
    if not (np.isfinite(lo).all() and np.isfinite(hi).all()):
        raise InputError("interval_weights: bounds must be finite numbers")
    if (lo < 0).any() or (hi > 1).any():
        raise InputError(f"interval_weights: bounds must lie within [0, 1] (weights are "
                         f"fractions, not percentages); got lower {lo.tolist()}, upper "
                         f"{hi.tolist()}")
    if (lo > hi).any():
        j = int(np.argmax(lo > hi))
        raise InputError(f"interval_weights: lower > upper for criterion {j} "
                         f"({lo[j]:g} > {hi[j]:g})")
    if lo.sum() > 1 + DEGENERATE or hi.sum() < 1 - DEGENERATE:
        raise InputError(f"interval_weights: the bounds admit no weights summing to 1: expected "
                         f"Σlower ≤ 1 ≤ Σupper; got Σlower = {lo.sum():.6g}, Σupper = "
                         f"{hi.sum():.6g}")
    return lo, hi


def _sets(sets: ArrayLike, name: str) -> Floats:
    table = np.asarray(sets, dtype=float)
    if table.ndim != 2 or 0 in table.shape:
        raise InputError(f"{name}: sets must be an array (n_participants, n_crit) with one row "
                         f"per participant; got shape {table.shape}")
    if not np.isfinite(table).all() or (table < 0).any():
        raise InputError(f"{name}: weights must be non-negative finite numbers")
    sums = table.sum(axis=1)
    off = np.abs(sums - 1.0) > SUM_TOLERANCE
    if off.any():
        row = int(np.argmax(off))
        raise InputError(f"{name}: each participant's weights must sum to 1 (within "
                         f"{SUM_TOLERANCE:g}); row {row} sums to {sums[row]:.9g}")
    result: Floats = table / sums[:, None]
    return result


def _propose(lo: Floats, hi: Floats, mass: float, m: int, *, rng: np.random.Generator,
             side: int) -> Floats:
    """The accepted ones of ``m`` proposals with Σw = mass, from below (side 0) or above (1)."""
    d = uniform_simplex(m, lo.size, rng)
    if side == 0:
        w = lo + (mass - lo.sum()) * d
        keep = (w <= hi).all(axis=1)
    else:
        w = hi - (hi.sum() - mass) * d
        keep = (w >= lo).all(axis=1)
    accepted: Floats = w[keep]
    return accepted


def _hit_and_run(lo: Floats, hi: Floats, mass: float, n: int, *,
                 rng: np.random.Generator, thin: int | None) -> Floats:
    """``n`` hit-and-run samples on {Σw = mass, lo ≤ w ≤ hi} (Σlo < mass < Σhi, lo < hi)."""
    k = lo.size
    if k == 1 or n == 0:
        return np.full((n, k), mass)
    d = k - 1
    steps = max(10, math.ceil(math.log(d + 1) / 4 * d**3)) if thin is None else thin
    _count(steps, "thin", minimum=1)
    chains = min(n, CHAINS)
    per_chain = math.ceil(n / chains)
    # the centre of the box's room: interior because Σlo < 1 < Σhi and lo < hi
    start = lo + (hi - lo) * (mass - lo.sum()) / (hi.sum() - lo.sum())
    w = np.tile(start, (chains, 1))
    out = np.empty((per_chain, chains, k))
    for kept in range(per_chain):
        for _ in range(steps):
            direction = rng.standard_normal((chains, k))
            direction -= direction.mean(axis=1, keepdims=True)
            with np.errstate(divide="ignore", invalid="ignore"):
                to_lo = (lo - w) / direction
                to_hi = (hi - w) / direction
            # fmax/fmin skip the NaN of a zero step at a bound
            t_min = np.fmax.reduce(np.minimum(to_lo, to_hi), axis=1)
            t_max = np.fmin.reduce(np.maximum(to_lo, to_hi), axis=1)
            t = t_min + (t_max - t_min) * rng.random(chains)
            w = np.clip(w + t[:, None] * direction, lo, hi)
        out[kept] = w
    samples: Floats = out.reshape(-1, k)[:n]
    return samples
