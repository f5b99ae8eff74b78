"""Capacity rows of a variant-design instance: the load at each asset's peak hour (pure).

A row is (asset with a capacity, year, direction). Its load is the sum over the load entries
at or below the asset (base topology: the assets' parents and the ``done`` projects) of
``±net[e, y] · profile[e][peak hour of the row]`` — existing developments as a constant,
new ones as a coefficient of their connected share. Re-parenting projects give (move, row)
pairs: the load of the moved subtree at that row, which leaves the rows above the old parent
and arrives at those above the new one (see ``instance.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias, TypedDict, cast

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import sparse

from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.domain.workspace import Workspace
from pmiek.insight.inputs import Inputs, gather
from pmiek.insight.loads import project_loads
from pmiek.variants.projects import ProjectFields

DIRECTIONS = ("demand", "feedin")
SIGN = np.array([1.0, -1.0])
"""Demand rows count the load, feed-in rows minus the load."""
Indices: TypeAlias = NDArray[np.signedinteger[Any]]
"""Positions as scipy gives them (int32 or int64, by the size of the matrix)."""


def _peak_hours(workspace: Workspace, scenario: str | None, years: Ints, *,
                done: Mapping[str, float], planned: Mapping[str, float],
                every: Mapping[str, float], move_targets: Ints) -> Ints:
    """(A, Y, 2) the hour of each asset's demand and feed-in peak: from the load engine with
    the committed projects; for assets that receive moved load, with every project in service
    (with the commitments only, a candidate new station has no load, so no peak hour)."""
    loads = project_loads(workspace, scenario, schedule={**done, **planned}, years=years)
    hours = np.stack([loads["peak_demand_hour"].to_numpy(),
                      loads["peak_feedin_hour"].to_numpy()], axis=-1)
    if len(move_targets):
        full = project_loads(workspace, scenario, schedule={**done, **every}, years=years)
        alt = np.stack([full["peak_demand_hour"].to_numpy(),
                        full["peak_feedin_hour"].to_numpy()], axis=-1)
        hours[move_targets] = alt[move_targets]
    return hours


def _expand(first: Indices, second: Indices, n_years: int
            ) -> tuple[Indices, Indices, Ints, Ints]:
    """Every (first, second) pair for every year and direction."""
    n = len(first)
    return (np.repeat(first, n_years * 2), np.repeat(second, n_years * 2),
            np.tile(np.repeat(np.arange(n_years), 2), n), np.tile(np.arange(2), n * n_years))


def _split(target: Indices, mw: Floats, decision: Ints, n_targets: int,
           n_decisions: int) -> tuple[Floats, sparse.csr_matrix]:
    """Per target: the constant (existing load) and the coefficients of the decisions."""
    is_decision = decision >= 0
    # with weights, bincount returns floats (numpy's stub says intp)
    base = cast(Floats, np.bincount(target[~is_decision], weights=mw[~is_decision],
                                    minlength=n_targets))
    coef = sparse.csr_matrix((mw[is_decision], (target[is_decision], decision[is_decision])),
                             shape=(n_targets, n_decisions))
    return base, coef


class RowFields(TypedDict):
    """The capacity-row and move fields of :class:`~pmiek.variants.instance.Instance` (see
    there for their shapes)."""

    row_asset: NDArray[np.str_]
    row_year: Ints
    row_direction: NDArray[np.str_]
    row_capacity: Floats
    row_delta: sparse.csr_matrix
    row_base: Floats
    row_coef: tuple[sparse.csr_matrix, ...]
    move_project: Ints
    move_row: Ints
    move_sign: Floats
    move_base: Floats
    move_coef: tuple[sparse.csr_matrix, ...]
    move_low: Floats
    move_high: Floats


@dataclass(frozen=True)
class _Rows:
    """The capacity rows: one per asset with a capacity (and rows), year and direction."""

    asset: Indices  # (N,) index into the base's assets
    year: Indices  # (N,) year index
    direction: Indices  # (N,) index into DIRECTIONS
    of: Ints  # (A, Y, 2) the row of (asset, year, direction); −1: none


@dataclass(frozen=True)
class _Terms:
    """Load terms: load entry ``entry`` counts at ``target`` (a row, or a (move, row) pair)
    with the load at the peak hour of ``asset`` in year index ``year`` and ``direction``."""

    target: Indices  # (terms,) index into the n_targets targets
    asset: Indices  # (terms,)
    entry: Indices  # (terms,) index into the engine's load entries
    year: Indices  # (terms,)
    direction: Indices  # (terms,)
    n_targets: int

    def split(self, inputs: Inputs, hours: Ints, decision: Ints,
              n_decisions: int) -> tuple[Floats, sparse.csr_matrix]:
        """Per target: the constant (existing load) and the coefficients of the decisions
        [MW], for the entries of ``inputs``, the peak ``hours`` (A, Y, 2) and each entry's
        ``decision`` (−1: existing load)."""
        mw: Floats = SIGN[self.direction] * inputs.entry_net_mw[self.entry, self.year] * \
            inputs.profiles[inputs.entry_profile[self.entry],
                            hours[self.asset, self.year, self.direction]]
        return _split(self.target, mw, decision[self.entry], self.n_targets, n_decisions)


@dataclass(frozen=True)
class _Moves:
    """The (move, row) pairs of the re-parenting projects: the rows each moved subtree leaves
    (sign −1) and reaches (+1), and the load entries of the subtree."""

    project: Ints  # (Q,)
    row: Ints  # (Q,)
    sign: Floats  # (Q,)
    terms: _Terms  # the entries of the moved subtree, per pair
    targets: Indices  # the assets that receive moved load


def _capacity_rows(workspace: Workspace, asset_ids: NDArray[np.str_], in_rows: Bools,
                   n_y: int) -> _Rows:
    """A row per asset of ``in_rows`` with a capacity in a direction, for every year."""
    assets = workspace.assets.set_index(workspace.assets["id"].astype(str))
    given = np.stack([assets[f"capacity_{key}_mw"].reindex(asset_ids).notna().to_numpy()
                      for key in DIRECTIONS], axis=-1) & in_rows[:, None]  # (A, 2)
    r_asset, r_dir = np.nonzero(given)
    r_asset, r_year, r_dir = (np.repeat(r_asset, n_y), np.tile(np.arange(n_y), len(r_dir)),
                              np.repeat(r_dir, n_y))
    row_of = np.full((len(asset_ids), n_y, 2), -1)
    row_of[r_asset, r_year, r_dir] = np.arange(len(r_asset))
    return _Rows(r_asset, r_year, r_dir, row_of)


def _row_delta(effects: pd.DataFrame, p_ids: NDArray[np.str_], a_index: pd.Index,
               rows: _Rows) -> sparse.csr_matrix:
    """(N, P) the MW each project adds to each row's capacity when in service."""
    n_rows, n_y = len(rows.asset), rows.of.shape[1]
    e_project = pd.Index(p_ids).get_indexer(effects["project_id"].astype(str))
    e_asset = a_index.get_indexer(effects["asset_id"].astype(str))
    amount = np.stack([effects[f"delta_{key}_mw"].to_numpy(dtype=float, na_value=0.0)
                       for key in DIRECTIONS], axis=-1)  # (effects, 2)
    ee, yy = np.repeat(np.arange(len(effects)), n_y), np.tile(np.arange(n_y), len(effects))
    delta = sparse.csr_matrix((n_rows, len(p_ids)))
    for k in range(2):
        r = np.where(e_asset[ee] >= 0, rows.of[np.maximum(e_asset[ee], 0), yy, k], -1)
        ok = r >= 0
        delta = delta + sparse.csr_matrix((amount[ee[ok], k], (r[ok], e_project[ee[ok]])),
                                          shape=(n_rows, len(p_ids)))
    return delta.tocsr()


def _moves(effects: pd.DataFrame, p_ids: NDArray[np.str_], base: Inputs, up: sparse.csr_matrix,
           rows: _Rows, *, left_out: Bools) -> _Moves:
    """Which rows each moved subtree leaves and reaches, and the entries it carries."""
    n_y = rows.of.shape[1]
    a_index = pd.Index(base.asset_ids.astype(str))
    moves = effects[effects["new_parent_id"].notna()]
    m_project = pd.Index(p_ids).get_indexer(moves["project_id"].astype(str))
    m_child = a_index.get_indexer(moves["asset_id"].astype(str))
    m_new = a_index.get_indexer(moves["new_parent_id"].astype(str))
    ok = (m_child >= 0) & (m_new >= 0)
    m_project, m_child, m_new = m_project[ok], m_child[ok], m_new[ok]
    m_old = base.parents[0][m_child]
    columns = up.tocsc()
    old = columns[:, np.maximum(m_old, 0)] @ sparse.diags((m_old >= 0).astype(float))
    new = columns[:, m_new]
    both = old.multiply(new)
    q_asset, q_move, q_sign = [], [], []
    for changed, sign in ((old - both, -1.0), (new - both, 1.0)):
        a, m = sparse.coo_matrix(changed).nonzero()
        q_asset.append(a)
        q_move.append(m)
        q_sign.append(np.full(len(a), sign))
    qm, qa, qy, qk = _expand(np.concatenate(q_move), np.concatenate(q_asset), n_y)
    qs = np.repeat(np.concatenate(q_sign), n_y * 2)
    q_row = rows.of[qa, qy, qk]
    keep = q_row >= 0
    qm, qa, qy, qk, qs, q_row = qm[keep], qa[keep], qy[keep], qk[keep], qs[keep], q_row[keep]
    subtree = up[m_child[qm]][:, base.entry_asset].tocoo()  # (q, entries) in the moved part
    sq, se = subtree.row, subtree.col
    kept = ~left_out[base.entry_development[se]]
    sq, se = sq[kept], se[kept]
    terms = _Terms(sq, qa[sq], se, qy[sq], qk[sq], len(q_row))
    return _Moves(m_project[qm], q_row, qs, terms, np.unique(m_new))


def _row_terms(base: Inputs, up: sparse.csr_matrix, rows: _Rows, left_out: Bools) -> _Terms:
    """Every load entry at or below each row's asset (base topology), but those left out."""
    pair_a, pair_e = up[:, base.entry_asset].tocoo().nonzero()  # entry at or below asset
    pa, pe, py, pk = _expand(pair_a, pair_e, rows.of.shape[1])
    pr = rows.of[pa, py, pk]
    use = (pr >= 0) & ~left_out[base.entry_development[pe]]
    return _Terms(pr[use], pa[use], pe[use], py[use], pk[use], len(rows.asset))


def _schedules(projects: ProjectFields, years: Ints) -> tuple[dict[str, float],
                                                              dict[str, float]]:
    """The in-service years of the committed projects (those that must be built, in their
    first allowed year) and of every project (in the first year)."""
    p_ids = projects["project_ids"]
    committed = projects["must_build"] & projects["allowed"].any(axis=1)
    planned = {str(p): float(years[projects["allowed"][i].argmax()])
               for i, p in enumerate(p_ids) if committed[i]}
    every = {str(p): float(years[0]) for p in p_ids}
    return planned, every


def row_fields(workspace: Workspace, scenarios: Sequence[str | None], years: Ints, *,
               base: Inputs, done: Mapping[str, float], projects: ProjectFields,
               in_rows: Bools, decision_of_dev: Ints, left_out: Bools,
               up: sparse.csr_matrix) -> RowFields:
    """The capacity-row and move fields of :class:`~pmiek.variants.instance.Instance`.

    ``base``: the engine's inputs of the first scenario with only ``done`` projects;
    ``projects``: the project fields; ``in_rows`` (A,): assets that get rows;
    ``decision_of_dev``: each development's decision index (−1: existing load);
    ``left_out``: developments that count nowhere (new ones outside a hotspot);
    ``up``: the ancestor-or-self matrix of the base topology.
    """
    asset_ids = base.asset_ids.astype(str)
    p_ids = projects["project_ids"]
    n_d = int(decision_of_dev.max(initial=-1)) + 1
    rows = _capacity_rows(workspace, asset_ids, in_rows, len(years))
    capacity = np.stack([base.capacity_demand_mw, base.capacity_feedin_mw], -1)
    effects = workspace.project_effects
    effects = effects[effects["project_id"].astype(str).isin(set(p_ids))]
    delta = _row_delta(effects, p_ids, pd.Index(asset_ids), rows)
    moves = _moves(effects, p_ids, base, up, rows, left_out=left_out)
    terms = _row_terms(base, up, rows, left_out)
    planned, every = _schedules(projects, years)

    n_s, n_rows, n_q = len(scenarios), len(rows.asset), len(moves.row)
    row_base = np.zeros((n_s, n_rows))
    row_coef: list[sparse.csr_matrix] = []
    move_base, move_low, move_high = (np.zeros((n_s, n_q)), np.zeros((n_s, n_q)),
                                      np.zeros((n_s, n_q)))
    move_coef: list[sparse.csr_matrix] = []
    for i, name in enumerate(scenarios):  # a few scenarios
        inputs = base if i == 0 else gather(workspace, name, done, years)
        hours = _peak_hours(workspace, name, years, done=done, planned=planned, every=every,
                            move_targets=moves.targets)
        decision = decision_of_dev[inputs.entry_development]
        row_base[i], coef = terms.split(inputs, hours, decision, n_d)
        row_coef.append(coef)
        moved_base, moved_coef = moves.terms.split(inputs, hours, decision, n_d)
        move_base[i] = moved_base
        move_coef.append(moved_coef)
        move_low[i] = moved_base + np.asarray(moved_coef.minimum(0).sum(axis=1)).ravel()
        move_high[i] = moved_base + np.asarray(moved_coef.maximum(0).sum(axis=1)).ravel()
    return {
        "row_asset": asset_ids[rows.asset], "row_year": rows.year,
        "row_direction": np.array(DIRECTIONS)[rows.direction],
        "row_capacity": capacity[rows.asset, rows.year, rows.direction], "row_delta": delta,
        "row_base": row_base, "row_coef": tuple(row_coef),
        "move_project": moves.project, "move_row": moves.row, "move_sign": moves.sign,
        "move_base": move_base, "move_coef": tuple(move_coef),
        "move_low": move_low, "move_high": move_high,
    }
