"""Storage that shaves each day's demand peak of its parent, within power and energy.

For one day with parent load x_t (without storage), power P and energy E, the storage
discharges d_t = min(max(x_t − θ, 0), P) above the lowest level θ at which the discharge
D(θ) = Σ d_t fits both E and what the day's valleys can take back below θ,
C(θ) = Σ min(max(θ − x_t, 0), P); it then recharges c_t = min(max(θ' − x_t, 0), P) up to the
level θ' ≤ θ at which Σ c_t = D(θ). The storage's own load is c_t − d_t.

Properties (tested): the day's peak never rises (charging stays below θ ≤ max x, discharging
only lowers hours above θ); |c_t − d_t| ≤ P; the day's discharge is at most E, and the
state of charge within the day spans at most E. Each day is solved on its own (the storage
starts each day at the state of charge the day needs), for every storage, year and day at
once by bisection.
"""

from __future__ import annotations

import numpy as np

from pmiek.domain.arrays import Bools, Floats

ITERATIONS = 60
"""Bisection steps: the level is found to 2⁻⁶⁰ of the day's load range."""


def _clipped(excess: Floats, power: Floats) -> Floats:
    clipped: Floats = np.minimum(np.maximum(excess, 0.0), power)
    return clipped


def shave(days: Floats, power: Floats | float, energy: Floats | float) -> Floats:
    """The storage's own hourly load (charge − discharge) for days of parent load.

    ``days`` (..., 24) in MW; ``power`` [MW] and ``energy`` [MWh] broadcast against
    ``days[..., 0]``. Returns an array shaped like ``days``.
    """
    power_mw = np.broadcast_to(np.asarray(power, dtype=float), days.shape[:-1])[..., None]
    energy_mwh = np.broadcast_to(np.asarray(energy, dtype=float), days.shape[:-1])
    low = days.min(axis=-1)
    high = days.max(axis=-1)

    def feasible(level: Floats) -> Bools:
        lv = level[..., None]
        discharge = _clipped(days - lv, power_mw).sum(axis=-1)
        recharge = _clipped(lv - days, power_mw).sum(axis=-1)
        ok: Bools = discharge <= np.minimum(energy_mwh, recharge)
        return ok

    # the smallest feasible θ in [low, high]: θ = high is always feasible (no discharge)
    lo, hi = low.copy(), high.copy()
    for _ in range(ITERATIONS):
        mid = 0.5 * (lo + hi)
        ok = feasible(mid)
        hi = np.where(ok, mid, hi)
        lo = np.where(ok, lo, mid)
    theta = hi[..., None]
    discharge = _clipped(days - theta, power_mw)
    total = discharge.sum(axis=-1)
    # θ' in [low, θ] with Σ min(max(θ' − x, 0), P) = total (monotone in θ')
    lo, hi = low.copy(), hi.copy()
    for _ in range(ITERATIONS):
        mid = 0.5 * (lo + hi)
        enough = _clipped(mid[..., None] - days, power_mw).sum(axis=-1) >= total
        hi = np.where(enough, mid, hi)
        lo = np.where(enough, lo, mid)
    charge = _clipped(hi[..., None] - days, power_mw)
    # scale the charge to the discharge exactly (bisection leaves a tiny surplus)
    charged = charge.sum(axis=-1)
    scale = np.divide(total, charged, out=np.zeros_like(total), where=charged > 0)
    own: Floats = charge * scale[..., None] - discharge
    return own
