"""The variant-design MILP with linopy (DESIGN.md, "Variant design").

Variables: ``x[p, y]`` (binary) project p comes into service in year y; ``z[p, y]`` (in
[0, 1], integral through x) it is in service in year y; ``s[c, d, y]`` the connected share of
new development d in scenario c; ``w[c, q]`` the load of a moved subtree that a project has
moved, at row q; ``overload[c, n]`` tolerated overload of capacity row n.

Every group of constraints has its own builder, ``define_<what>_constraints(m, instance)``;
``build_model`` calls them in order and ``solve`` (in ``solve.py``) runs HiGHS — two separate
steps, so that a model can be inspected, written or changed before it is solved.
"""

from __future__ import annotations

import linopy
import numpy as np
import pandas as pd
import xarray as xr
from scipy import sparse

from pmiek.domain.arrays import Floats, Ints
from pmiek.variants.instance import RESOURCES, Instance
from pmiek.variants.rows import Indices


def _coords(instance: Instance) -> dict[str, pd.Index]:
    return {
        "scenario": pd.Index([str(s) for s in instance.scenarios], name="scenario"),
        "project": pd.Index(instance.project_ids, name="project"),
        "year": pd.Index(instance.years, name="year"),
        "development": pd.Index(instance.dev_ids, name="development"),
        "row": pd.Index(np.arange(len(instance.row_asset)), name="row"),
        "move": pd.Index(np.arange(len(instance.move_row)), name="move"),
    }


def _terms(values: Floats | Indices) -> xr.DataArray:
    return xr.DataArray(values, dims="term")


def _pick(variable: linopy.Variable, **indices: Indices | int) -> linopy.LinearExpression:
    """Pointwise selection along a new ``term`` dimension, without the coordinates of the
    selected dimensions (they differ between operands and would conflict)."""
    picked = variable.to_linexpr().isel({dim: _terms(np.asarray(i)) if np.ndim(i) else i
                                         for dim, i in indices.items()})
    extra = [name for name in picked.coords if name not in picked.dims]
    return picked.drop_vars(extra) if extra else picked


def define_variables(m: linopy.Model, instance: Instance) -> None:
    c = _coords(instance)
    allowed = xr.DataArray(instance.allowed.astype(float), coords=[c["project"], c["year"]])
    m.add_variables(lower=0, upper=allowed, integer=True, coords=[c["project"], c["year"]],
                    name="x")
    m.add_variables(lower=0, upper=1, coords=[c["project"], c["year"]], name="z")
    lower = np.zeros((len(instance.scenarios), instance.n_developments, len(instance.years)))
    must = instance.years[None, :] >= instance.must_from[:, None]  # NaN compares False
    lower[:, must] = 1.0
    m.add_variables(lower=xr.DataArray(lower, coords=[c["scenario"], c["development"],
                                                      c["year"]]),
                    upper=1, coords=[c["scenario"], c["development"], c["year"]], name="s")
    m.add_variables(lower=0, coords=[c["scenario"], c["row"]], name="overload")
    m.add_variables(coords=[c["scenario"], c["move"]], name="w")


def define_schedule_constraints(m: linopy.Model, instance: Instance) -> None:
    """Each project comes into service at most once (must-build projects exactly once), and
    is in service from that year on."""
    if not instance.n_projects:
        return
    x, z = m.variables["x"], m.variables["z"]
    c = _coords(instance)
    once = x.sum("year")
    must = xr.DataArray(instance.must_build, coords=[c["project"]])
    m.add_constraints(once <= 1, name="at_most_once", mask=~must)
    m.add_constraints(once == 1, name="must_build", mask=must)
    m.add_constraints(z - x.cumsum("year") == 0, name="in_service")


def define_precedence_constraints(m: linopy.Model, instance: Instance) -> None:
    """``requires``: p is in service only when q is; ``excludes``: never both."""
    z = m.variables["z"]
    if len(instance.requires):
        p, q = instance.requires[:, 0], instance.requires[:, 1]
        m.add_constraints(_pick(z, project=p) - _pick(z, project=q) <= 0,
                          name="requires")
    if len(instance.excludes):
        p, q = instance.excludes[:, 0], instance.excludes[:, 1]
        last = np.full(len(p), len(instance.years) - 1)
        m.add_constraints(_pick(z, project=p, year=last) + _pick(z, project=q, year=last) <= 1,
                          name="excludes")


def resource_expression(m: linopy.Model, instance: Instance, resource: str
                        ) -> tuple[linopy.LinearExpression, Ints] | None:
    """Σ over projects of an operator of their use of ``resource`` per year, and the
    (operator, year) cells that have a limit."""
    use = instance.use(resource)  # (P, Y, T)
    owner = instance.operator_of_project
    p, y, t = np.nonzero(use * (owner >= 0)[:, None, None])
    if not len(p):
        return None
    expr = (_pick(m.variables["x"], project=p, year=y) * _terms(use[p, y, t]))
    key = owner[p] * len(instance.years) + t
    grouped = expr.groupby(xr.DataArray(key, dims="term", name="cell")).sum()
    cells = grouped.coords["cell"].to_numpy()
    return grouped, cells


def define_resource_constraints(m: linopy.Model, instance: Instance, elastic: bool = False
                                ) -> None:
    """Budget, workforce and transformers per operator and year. ``elastic`` adds a costly
    shortfall variable to every row, to find out which rows make a request infeasible."""
    n_y = len(instance.years)
    for resource in RESOURCES:
        found = resource_expression(m, instance, resource)
        if found is None:
            continue
        expr, cells = found
        limit = instance.available(resource)[cells // n_y, cells % n_y]
        bounded = ~np.isnan(limit)
        if not bounded.any():
            continue
        rhs = xr.DataArray(np.nan_to_num(limit), coords={"cell": cells}, dims="cell")
        mask = xr.DataArray(bounded, coords={"cell": cells}, dims="cell")
        if elastic:
            short = m.add_variables(lower=0, coords=[pd.Index(cells, name="cell")],
                                    name=f"short_{resource}")
            expr = expr - short
        m.add_constraints(expr <= rhs, name=f"resource_{resource}", mask=mask)


def define_connection_constraints(m: linopy.Model, instance: Instance) -> None:
    """Connected shares only grow: s[d, y] ≥ s[d, y − 1]."""
    s = m.variables["s"]
    if len(instance.years) > 1 and instance.n_developments:
        later = s.isel(year=slice(1, None))
        earlier = s.isel(year=slice(None, -1))
        earlier = earlier.assign_coords(year=later.coords["year"].values)
        m.add_constraints(later - earlier >= 0, name="monotone")


def _sparse_terms(matrix: sparse.csr_matrix) -> tuple[Indices, Indices, Floats]:
    coo = matrix.tocoo()
    keep = coo.data != 0
    return coo.row[keep], coo.col[keep], coo.data[keep]


def _sum_into(terms: linopy.LinearExpression, target: Indices, dim: str,
              size: int) -> linopy.LinearExpression:
    """Σ of the ``term``s per ``target`` index, as an expression over ``dim`` = 0 … size − 1
    (indices without terms are 0)."""
    grouped = terms.groupby(xr.DataArray(target, dims="term", name=dim)).sum()
    return grouped.reindex({dim: np.arange(size)}).fillna(0)


def _load(m: linopy.Model, scenario: int, matrix: sparse.csr_matrix, year_of_row: Ints, *,
          dim: str, size: int) -> linopy.LinearExpression | None:
    """matrix @ s[scenario, :, year_of_row] as an expression over ``dim``."""
    rows, devs, coef = _sparse_terms(matrix)
    if not len(rows):
        return None
    s = m.variables["s"].isel(scenario=scenario)
    return _sum_into(_pick(s, development=devs, year=year_of_row[rows]) * _terms(coef), rows,
                     dim, size)


def define_move_constraints(m: linopy.Model, instance: Instance) -> None:
    """w = z · M exactly (z binary): the McCormick envelope with the bounds of M."""
    n_q = len(instance.move_row)
    if not n_q:
        return
    z = m.variables["z"]
    w = m.variables["w"]
    year = instance.row_year[instance.move_row]
    zq = _pick(z, project=instance.move_project, year=year).rename(term="move")
    zq = zq.assign_coords(move=np.arange(n_q))
    for i in range(len(instance.scenarios)):
        wi = w.isel(scenario=i)
        low = xr.DataArray(instance.move_low[i], dims="move", coords={"move": np.arange(n_q)})
        high = xr.DataArray(instance.move_high[i], dims="move",
                            coords={"move": np.arange(n_q)})
        base = xr.DataArray(instance.move_base[i], dims="move", coords={"move": np.arange(n_q)})
        load = _load(m, i, instance.move_coef[i], year, dim="move", size=n_q)
        moved = base if load is None else load + base
        m.add_constraints(wi - high * zq <= 0, name=f"move_upper_{i}")
        m.add_constraints(wi - low * zq >= 0, name=f"move_lower_{i}")
        # z = 1: M − high·(1 − z) ≤ w ≤ M − low·(1 − z) pins w = M
        m.add_constraints(wi - moved - low * zq <= -low, name=f"move_on_upper_{i}")
        m.add_constraints(wi - moved - high * zq >= -high, name=f"move_on_lower_{i}")


def define_capacity_constraints(m: linopy.Model, instance: Instance) -> None:
    """Load at the peak hour ≤ capacity + projects in service + tolerated overload."""
    n_rows = len(instance.row_asset)
    if not n_rows:
        return
    z = m.variables["z"]
    overload = m.variables["overload"]
    w = m.variables["w"]
    rows = pd.Index(np.arange(n_rows), name="row")
    r, p, delta = _sparse_terms(instance.row_delta)
    added = None
    if len(r):
        added = _sum_into(_pick(z, project=p, year=instance.row_year[r]) * _terms(delta), r,
                          "row", n_rows)
    for i in range(len(instance.scenarios)):
        lhs = -overload.isel(scenario=i)
        load = _load(m, i, instance.row_coef[i], instance.row_year, dim="row", size=n_rows)
        if load is not None:
            lhs = lhs + load
        if added is not None:
            lhs = lhs - added
        if len(instance.move_row):
            moved = _pick(w.isel(scenario=i), move=np.arange(len(instance.move_row))) * \
                _terms(instance.move_sign)
            lhs = lhs + _sum_into(moved, instance.move_row, "row", n_rows)
        rhs = xr.DataArray(instance.row_capacity - instance.row_base[i], coords=[rows])
        m.add_constraints(lhs <= rhs, name=f"capacity_{i}")


def define_objective(m: linopy.Model, instance: Instance) -> None:
    """Expected discounted value of connected developments − overload penalty − cost [M€]."""
    c = _coords(instance)
    weight = (instance.probability[:, None, None] * instance.value
              * instance.discount[None, None, :] * instance.value_meur_per_mw_year)
    value = (m.variables["s"] * xr.DataArray(weight, coords=[c["scenario"], c["development"],
                                                             c["year"]])).sum()
    penalty = (instance.probability[:, None] * instance.penalty_meur_per_mw_year
               * instance.discount[instance.row_year][None, :])
    overload = (m.variables["overload"]
                * xr.DataArray(penalty, coords=[c["scenario"], c["row"]])).sum()
    cost = instance.cost() * instance.cost_factor[:, None]
    spent = (m.variables["x"] * xr.DataArray(cost, coords=[c["project"], c["year"]])).sum()
    objective = value - overload - spent
    for name in m.variables:
        if name.startswith("short_"):
            objective = objective - 1e4 * m.variables[name].sum()
    m.add_objective(objective, sense="max")


def build_model(instance: Instance, *, elastic: bool = False) -> linopy.Model:
    """The MILP of ``instance`` (not solved)."""
    m = linopy.Model()
    define_variables(m, instance)
    define_schedule_constraints(m, instance)
    define_precedence_constraints(m, instance)
    define_resource_constraints(m, instance, elastic=elastic)
    define_connection_constraints(m, instance)
    define_move_constraints(m, instance)
    define_capacity_constraints(m, instance)
    define_objective(m, instance)
    return m
