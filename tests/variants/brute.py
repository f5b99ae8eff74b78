"""Brute force for small variant instances: every schedule, each with its exact LP.

Independent of ``model.py``: every schedule (each project not built or in service from one
allowed year) is enumerated; those that break must-build, ``requires``, ``excludes`` or a
resource limit are dropped; for the others, the continuous part (connected shares and
overload — the moved loads are linear once the schedule is fixed) is an LP solved with
``scipy.optimize.linprog``. Schedules that switch the same capacity terms share their LP.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from pmiek.variants.instance import Instance

RESOURCE_TOLERANCE = 1e-7
"""Relative to max(1, |limit|), like the solver's feasibility tolerance."""


def schedules(instance: Instance) -> np.ndarray:
    """(K, P) every schedule: the in-service year index of each project, −1 not built."""
    options = [np.concatenate([[] if must else [-1], np.flatnonzero(allowed)]).astype(int)
               for allowed, must in zip(instance.allowed, instance.must_build, strict=True)]
    if not options:
        return np.zeros((1, 0), dtype=int)
    if any(len(o) == 0 for o in options):
        return np.zeros((0, len(options)), dtype=int)
    grid = np.meshgrid(*options, indexing="ij")
    return np.stack([g.ravel() for g in grid], axis=1)


def in_service(instance: Instance, starts: np.ndarray) -> np.ndarray:
    """(K, P, Y) bool."""
    years = np.arange(len(instance.years))
    return (starts[..., None] >= 0) & (years >= starts[..., None])


def feasible(instance: Instance, starts: np.ndarray) -> np.ndarray:
    """(K,) bool: the schedule keeps must-build, precedence, exclusion and resource rules."""
    ok = np.ones(len(starts), dtype=bool)
    built = starts >= 0
    ok &= ~(instance.must_build[None, :] & ~built).any(axis=1)
    z = in_service(instance, starts)
    for p, q in instance.requires:
        ok &= ~(z[:, p] & ~z[:, q]).any(axis=1)
    for p, q in instance.excludes:
        ok &= ~(built[:, p] & built[:, q])
    n_y = len(instance.years)
    counted = built & (instance.operator_of_project >= 0)[None, :]
    for share, amount, limit in ((instance.spend, instance.capex, instance.budget),
                                 (instance.spend, instance.fte_years, instance.fte),
                                 (instance.material, instance.transformers,
                                  instance.transformers_available)):
        for r in range(len(instance.operators)):
            mine = np.flatnonzero(instance.operator_of_project == r)
            used = np.zeros((len(starts), n_y))
            for p in mine:  # small: a dozen projects
                use = share[p, np.maximum(starts[:, p], 0), :] * amount[p]
                used += np.where(counted[:, p, None], use, 0.0)
            cap = limit[r]
            bound = ~np.isnan(cap)
            slack = RESOURCE_TOLERANCE * np.maximum(1.0, np.abs(cap))
            ok &= ~((used > cap + slack) & bound).any(axis=1)
    return ok


def cost(instance: Instance, starts: np.ndarray) -> np.ndarray:
    """(K,) discounted, lens-weighted capex of each schedule."""
    total = np.zeros(len(starts))
    for p in range(instance.n_projects):
        built = starts[:, p] >= 0
        per_year = instance.spend[p, np.maximum(starts[:, p], 0), :] @ instance.discount
        total += np.where(built, instance.cost_factor[p] * instance.capex[p] * per_year, 0.0)
    return total


def continuous_value(instance: Instance, z: np.ndarray) -> float:
    """The best value of the shares and overloads for one schedule (``z``: (P, Y) in
    service): max Σ value·s − penalty·overload over every scenario."""
    n_s, n_d, n_y = instance.value.shape
    n_n = len(instance.row_asset)
    n_sv = n_s * n_d * n_y
    n_var = n_sv + n_s * n_n
    if n_var == 0:
        return 0.0

    def s_index(c: int, d: int, y: int) -> int:
        return (c * n_d + d) * n_y + y

    def o_index(c: int, n: int) -> int:
        return n_sv + c * n_n + n

    c_obj = np.zeros(n_var)
    lower = np.zeros(n_var)
    upper = np.full(n_var, np.inf)
    rows: list[np.ndarray] = []
    rhs: list[float] = []
    for c in range(n_s):
        for d in range(n_d):
            for y in range(n_y):
                i = s_index(c, d, y)
                c_obj[i] = -(instance.probability[c] * instance.value_meur_per_mw_year
                             * instance.discount[y] * instance.value[c, d, y])
                upper[i] = 1.0
                if instance.years[y] >= instance.must_from[d]:  # NaN: False
                    lower[i] = 1.0
                if y > 0:  # s[y - 1] − s[y] ≤ 0
                    row = np.zeros(n_var)
                    row[s_index(c, d, y - 1)] = 1.0
                    row[i] = -1.0
                    rows.append(row)
                    rhs.append(0.0)
        coef = instance.row_coef[c].toarray()
        move = instance.move_coef[c].toarray()
        delta = instance.row_delta.toarray()
        for n in range(n_n):
            y = int(instance.row_year[n])
            c_obj[o_index(c, n)] = (instance.probability[c] * instance.penalty_meur_per_mw_year
                                    * instance.discount[y])
            row = np.zeros(n_var)
            bound = instance.row_capacity[n] - instance.row_base[c, n]
            for d in range(n_d):
                row[s_index(c, d, y)] += coef[n, d]
            for p in range(instance.n_projects):
                bound += delta[n, p] * z[p, y]
            for q in range(len(instance.move_row)):
                if instance.move_row[q] != n or not z[instance.move_project[q], y]:
                    continue
                sign = instance.move_sign[q]
                bound -= sign * instance.move_base[c, q]
                for d in range(n_d):
                    row[s_index(c, d, y)] += sign * move[q, d]
            row[o_index(c, n)] = -1.0
            rows.append(row)
            rhs.append(bound)
    result = linprog(
        c_obj, A_ub=np.array(rows) if rows else None, b_ub=np.array(rhs) if rows else None,
        bounds=list(zip(lower, [None if np.isinf(u) else u for u in upper], strict=True)),
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
    if result.status != 0:
        raise RuntimeError(f"LP not solved: {result.message}")
    return float(-result.fun)


def brute_force(instance: Instance) -> tuple[float, np.ndarray | None]:
    """The best objective over every feasible schedule and one schedule that reaches it
    (−inf and None when no schedule is feasible)."""
    starts = schedules(instance)
    starts = starts[feasible(instance, starts)]
    if not len(starts):
        return float("-inf"), None
    z = in_service(instance, starts)
    # the LP only sees z where a project changes a capacity row
    dr, dp = instance.row_delta.nonzero()
    key_p = np.concatenate([dp, instance.move_project]).astype(int)
    key_y = np.concatenate([instance.row_year[dr],
                            instance.row_year[instance.move_row]]).astype(int)
    keys = z[:, key_p, key_y]
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    values = np.array([continuous_value(instance, z[k]) for k in first])
    total = values[np.asarray(inverse).ravel()] - cost(instance, starts)
    best = int(np.argmax(total))
    return float(total[best]), starts[best].copy()
