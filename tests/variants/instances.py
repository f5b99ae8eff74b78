"""Small random variant-design instances, built directly as :class:`Instance` objects.

``random_problem(seed, …)`` is deterministic for a seed; ``instances()`` is the hypothesis
strategy over its sizes. Each instance stays small enough for ``tests/variants/brute.py`` to
enumerate every schedule: the windows of allowed years are narrowed until the number of
schedules (each project: not built, or one allowed year) is at most ``max_schedules``.

What the instances contain: 1–2 operators (and projects without limited resources), capex,
workforce and transformers spent as ``instance.py`` spends them (evenly over the build years
that end the year before the in-service year; transformers in the year before; nothing before
the first year), must-build projects with a single allowed year, acyclic ``requires`` pairs
and ``excludes`` pairs that are never also required, resource limits with NaN cells, new
developments with positive values and sometimes a ``must_from`` year, capacity rows with
coefficients of both signs, project deltas (mostly added capacity) and occasionally moved
subtrees with their exact McCormick bounds.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import strategies as st
from scipy import sparse

from pmiek.variants.instance import Instance
from pmiek.variants.lenses import Lens

FIRST_YEAR = 2026
OPERATORS = ("Stedin", "Liander")
KINDS = ("mv_expansion", "hv_expansion", "cable", "storage")
SECTORS = ("housing", "industry", "solar", "mobility")
LENS = Lens(name="test", label_nl="test", label_en="test")


def spend_shares(build_years: np.ndarray, years: np.ndarray, transformers: bool) -> np.ndarray:
    """(P, Y, Y) share in year t (axis 2) of a project in service from year y (axis 1), as
    ``instance.py`` defines it: capex and FTE evenly over the build years ending the year
    before; transformers all in the year before; nothing outside the window of years."""
    y = years[None, :, None]
    t = years[None, None, :]
    b = np.maximum(build_years, 1)[:, None, None]
    if transformers:
        result: np.ndarray = (t == y - 1) & np.ones_like(b, dtype=bool)
        return result.astype(float)
    inside = (t >= y - b) & (t <= y - 1)
    return inside / b


def schedule_count(allowed: np.ndarray, must_build: np.ndarray) -> int:
    """How many schedules there are before any rule is applied."""
    options = allowed.sum(axis=1) + ~must_build
    return int(np.prod(options.astype(float)))


def _windows(rng: np.random.Generator, n_p: int, n_y: int, must: np.ndarray,
             max_schedules: int) -> np.ndarray:
    """(P, Y) allowed years: a window per project, narrowed until the schedules are few."""
    first = rng.integers(0, n_y, n_p)
    length = np.array([rng.integers(1, n_y - f + 1) for f in first], dtype=int)
    length[must] = 1
    length[rng.random(n_p) < 0.08] = 0  # a project that cannot be in service in time
    while np.prod((length + ~must).astype(float)) > max_schedules:
        wide = np.flatnonzero(length > 1)
        if len(wide):
            length[rng.choice(wide)] -= 1
            continue
        optional = np.flatnonzero((length > 0) & ~must)
        length[rng.choice(optional)] = 0
    years = np.arange(n_y)
    allowed: np.ndarray = (years[None, :] >= first[:, None]) & \
        (years[None, :] < (first + length)[:, None])
    return allowed


def _pairs(rng: np.random.Generator, n_p: int, n_requires: int, n_excludes: int
           ) -> tuple[np.ndarray, np.ndarray]:
    """Acyclic ``requires`` (a later project requires an earlier one) and ``excludes``
    (p < q) pairs, never the same two projects in both."""
    requires: set[tuple[int, int]] = set()
    excludes: set[tuple[int, int]] = set()
    if n_p >= 2:
        for _ in range(n_requires):
            a, b = sorted(rng.choice(n_p, 2, replace=False))
            requires.add((int(b), int(a)))
        for _ in range(n_excludes):
            a, b = sorted(rng.choice(n_p, 2, replace=False))
            if (b, a) not in requires:
                excludes.add((int(a), int(b)))
    return (np.array(sorted(requires), dtype=int).reshape(-1, 2),
            np.array(sorted(excludes), dtype=int).reshape(-1, 2))


def _limits(rng: np.random.Generator, n_r: int, n_y: int, owner: np.ndarray,
            need: np.ndarray, nan_share: float) -> np.ndarray:
    """(R, Y) a resource limit around what the operator's projects would use per year."""
    per_operator = np.array([need[owner == r].sum() for r in range(n_r)])
    typical = per_operator / max(n_y, 1) * 2.0
    limit = rng.uniform(0.2, 1.5, (n_r, n_y)) * np.maximum(typical, 1.0)[:, None]
    if rng.random() < 0.25:
        return np.full((n_r, n_y), np.nan)
    limit[rng.random((n_r, n_y)) < nan_share] = np.nan
    return limit


def _sparse(rng: np.random.Generator, shape: tuple[int, int], density: float, low: float,
            high: float) -> sparse.csr_matrix:
    dense = np.where(rng.random(shape) < density, rng.uniform(low, high, shape), 0.0)
    return sparse.csr_matrix(dense)


def random_problem(seed: int, n_projects: int = 6, n_years: int = 4, *, n_operators: int = 2,
                   n_developments: int = 4, n_scenarios: int = 1, n_rows: int = 4,
                   n_moves: int | None = None, n_requires: int | None = None,
                   n_excludes: int | None = None, must_share: float = 0.2,
                   max_schedules: int = 2000) -> Instance:
    """A random instance (deterministic for ``seed``); ``None`` counts are drawn."""
    rng = np.random.default_rng(seed)
    n_p, n_y, n_r, n_d, n_s, n_n = (n_projects, n_years, n_operators, n_developments,
                                   n_scenarios, n_rows)
    years = np.arange(FIRST_YEAR, FIRST_YEAR + n_y)
    must = rng.random(n_p) < must_share
    allowed = _windows(rng, n_p, n_y, must, max_schedules)
    must &= allowed.any(axis=1)
    build_years = rng.integers(1, 4, n_p).astype(float)
    spend = spend_shares(build_years, years, False)
    material = spend_shares(build_years, years, True)
    owner = rng.integers(0, n_r, n_p)
    owner[rng.random(n_p) < 0.1] = -1
    capex = np.round(rng.uniform(1.0, 40.0, n_p), 2)
    fte_years = np.round(rng.uniform(0.0, 12.0, n_p), 2)
    transformers = rng.integers(0, 3, n_p).astype(float)
    kinds = np.array(KINDS)[rng.integers(0, len(KINDS), n_p)]
    requires, excludes = _pairs(
        rng, n_p, int(rng.integers(0, 3)) if n_requires is None else n_requires,
        int(rng.integers(0, 3)) if n_excludes is None else n_excludes)

    # developments: a size that grows from its start year, weighted by a lens weight
    start = rng.integers(0, n_y, n_d)
    ramp = np.clip((np.arange(n_y)[None, :] - start[:, None] + 1) / rng.integers(1, 4, n_d)
                   [:, None], 0.0, 1.0)
    mw = rng.uniform(1.0, 15.0, n_d)
    factor = rng.uniform(0.6, 1.4, (n_s, 1, 1))
    factor[0] = 1.0
    size = mw[None, :, None] * ramp[None] * factor
    weight = rng.uniform(0.5, 3.0, n_d)
    value = size * weight[None, :, None]
    must_from = np.where(rng.random(n_d) < 0.2, years[np.minimum(start, n_y - 1)], np.nan
                         ).astype(float)

    # capacity rows: existing load, developments of both signs, projects adding capacity
    row_year = rng.integers(0, n_y, n_n)
    row_capacity = np.round(rng.uniform(0.0, 30.0, n_n), 2)
    row_base = rng.uniform(-5.0, 35.0, (n_s, n_n))
    row_coef = tuple(_sparse(rng, (n_n, n_d), 0.4, -10.0, 15.0) for _ in range(n_s))
    delta = _sparse(rng, (n_n, n_p), 0.25, 2.0, 25.0).toarray()
    delta[(delta > 0) & (rng.random((n_n, n_p)) < 0.1)] *= -0.2
    n_q = (int(rng.integers(1, 4)) if rng.random() < 0.3 else 0) if n_moves is None \
        else n_moves
    if n_n == 0 or n_p == 0:
        n_q = 0
    move_project = rng.integers(0, max(n_p, 1), n_q)
    move_row = rng.integers(0, max(n_n, 1), n_q)
    move_sign = rng.choice([-1.0, 1.0], n_q)
    move_base = rng.uniform(-5.0, 15.0, (n_s, n_q))
    move_coef = tuple(_sparse(rng, (n_q, n_d), 0.5, -8.0, 8.0) for _ in range(n_s))
    move_low = move_base + np.array([np.asarray(m.minimum(0).sum(axis=1)).ravel()
                                     for m in move_coef]).reshape(n_s, n_q)
    move_high = move_base + np.array([np.asarray(m.maximum(0).sum(axis=1)).ravel()
                                      for m in move_coef]).reshape(n_s, n_q)

    probability = rng.uniform(0.5, 1.5, n_s)
    return Instance(
        lens=LENS, level="province",
        scenarios=tuple(f"sc{i}" for i in range(n_s)),
        probability=probability / probability.sum(), years=years,
        discount=1.0225 ** -(years - FIRST_YEAR).astype(float),
        project_ids=np.array([f"P{p}" for p in range(n_p)], dtype=str),
        project_names=np.array([f"project {p}" for p in range(n_p)], dtype=str),
        project_kind=kinds.astype(str),
        project_status=np.where(must, "in_ip", "candidate").astype(object),
        operator_of_project=owner, capex=capex, fte_years=fte_years, transformers=transformers,
        cost_factor=np.where(kinds == "storage", 0.5, 1.0),
        allowed=allowed, must_build=must, spend=spend, material=material,
        requires=requires, excludes=excludes,
        operators=np.array(OPERATORS[:n_r], dtype=object),
        budget=_limits(rng, n_r, n_y, owner, capex, 0.2),
        fte=_limits(rng, n_r, n_y, owner, fte_years, 0.2),
        transformers_available=np.round(_limits(rng, n_r, n_y, owner, transformers, 0.3)),
        dev_rows=np.arange(n_d), dev_ids=np.array([f"D{d}" for d in range(n_d)], dtype=str),
        dev_sector=np.array(SECTORS, dtype=object)[rng.integers(0, len(SECTORS), n_d)],
        value=value, size_mw=size, homes=np.zeros((n_s, n_d, n_y)), must_from=must_from,
        row_asset=np.array([f"A{n}" for n in range(n_n)], dtype=str), row_year=row_year,
        row_direction=np.array(("demand", "feedin"))[rng.integers(0, 2, n_n)],
        row_capacity=row_capacity, row_delta=sparse.csr_matrix(delta), row_base=row_base,
        row_coef=row_coef, move_project=move_project, move_row=move_row, move_sign=move_sign,
        move_base=move_base, move_coef=move_coef, move_low=move_low, move_high=move_high,
        value_meur_per_mw_year=0.5,
        penalty_meur_per_mw_year=float(np.round(rng.uniform(1.0, 8.0), 2)),
    )


def with_budget(instance: Instance, factor: float) -> Instance:
    """The same instance with every budget scaled by ``factor``."""
    return dataclasses.replace(instance, budget=instance.budget * factor)


@st.composite
def instances(draw: st.DrawFn, max_schedules: int = 2000) -> Instance:
    """Random instances of up to 12 projects × 6 years (see ``random_problem``)."""
    return random_problem(
        draw(st.integers(0, 2**32 - 1)),
        n_projects=draw(st.integers(1, 12)), n_years=draw(st.integers(1, 6)),
        n_operators=draw(st.integers(1, 2)), n_developments=draw(st.integers(0, 8)),
        n_scenarios=draw(st.integers(1, 2)), n_rows=draw(st.integers(0, 6)),
        max_schedules=max_schedules)
