"""Whether each project of a variant is needed, scenario by scenario, and its tier (pure).

The priority list (:mod:`pmiek.assessment.priority`) and the ``no_regret_share`` indicator
ask of every project the variant builds: would the grid hold without it? They ask it of each
scenario's *firm* load, not of the connections the variant itself chose — a project that
only carries what the optimiser decided to connect serves a choice, not a necessity (judged
on the variant's own connections, 50 of the 51 projects of Utrecht's variant were tier 1).

Definitions. ``s`` is a scenario, ``n`` a capacity row of the instance (an asset, a year and
a direction; loads at the row's peak hour [MW]), ``p`` a built project in service from year
index ``y_p``:

Firm load ``F[s, n]`` [MW]
    The existing load (developments that started before the first year, ``row_base``), plus
    every new development with ``certainty ≥ FIRM_CERTAINTY`` connected as the data says
    (share 1 of its phasing share × scenario factor, ``row_coef``), plus the firm load that the
    variant's re-parenting projects in service in the row's year move into the row (or out
    of it). None of the variant's discretionary connections counts: no share of a development
    below the threshold, not even one a lens obliges.
Tolerated overload ``T[s, n]`` [MW]
    ``max(0, E[s, n] − C[n] − A[n])`` with ``E`` the existing load alone (no new
    development; moves as in ``F``), ``C[n]`` the row's capacity and ``A[n]`` the capacity that
    all built projects in service in the row's year add. The design engine tolerates
    existing load over capacity (``overload``, :mod:`pmiek.variants.instance`); the part that
    the variant's projects together do not remove is no reason to need any one of them. (The
    variant's own ``overload`` is not used: it follows its discretionary connections.)
Relieves
    ``p`` relieves row ``n`` when it adds capacity there (``Δ[n, p]``, ``row_delta``, > 0) or
    its moves take firm load out of it (``m[s, n, p]`` < 0, below).
Needed
    ``p`` is needed in scenario ``s`` when at some row ``n`` of year ``y_p`` that it relieves

        F[s, n] − m[s, n, p]  >  C[n] + A[n] − Δ[n, p] + T[s, n] + 10⁻⁶ MW,

    with ``m[s, n, p]`` the firm load that ``p``'s moves bring into the row (negative when
    they take it out): without ``p``, and with every other built project in service by then,
    the row could not carry the firm load. Only the in-service year is judged.
Low scenario
    The scenario with the lowest *province peak* in the project's carrier and direction in
    year ``y_p``: the sum, over the *top* rows of that carrier and direction (rows whose asset
    has no ancestor with a row in the same direction), of the planned peak ``max(0, load)`` —
    every development of the data fully connected, whatever its certainty, in the base
    topology; a sum of peaks, not a coincident peak. (A top asset that only takes power adds
    nothing to the feed-in peak, as in the load engine's ``peak_feedin_mw``.) The carrier and
    direction are those of the rows the project relieves in ``y_p``; a project relieving rows
    of several (a new station adding capacity for demand and feed-in, say) takes the one in
    which it relieves the most MW (``Δ`` plus firm load moved out, mean over the scenarios; a
    tie goes to the first in (carrier, direction) order). Equal peaks go to the scenario
    listed first; when every scenario has the same peak there is no low scenario.
Tiers
    1 *spijtvrij*: needed in every scenario, the low one included; 2 *robuust*: needed in
    every scenario but the low one; 3 *scenario-afhankelijk*: the rest, among them the
    projects that relieve no row in their in-service year (and every project when there is
    only one scenario and it is not needed there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.domain.choice_rules import expand
from pmiek.domain.defaults import FIRM_CERTAINTY
from pmiek.domain.workspace import Workspace
from pmiek.insight.hierarchy import closure
from pmiek.variants.instance import Instance
from pmiek.variants.result import VariantResult
from pmiek.variants.verify import row_loads

TOLERANCE = 1e-6
"""MW by which a load must exceed its room to count as an overload, and the least relief."""


@dataclass(frozen=True)
class NoRegret:
    """How surely each project of a variant is needed (see the module docstring).

    ``needed`` (S, P): needed in each scenario (False for projects not built); ``low`` (P,):
    the index of the project's low scenario (−1: none); ``tier`` (P,): 1, 2 or 3 (3 for
    projects not built); ``share`` (P,): the probability of the scenarios in which it is
    needed; ``firm`` (D,): the new developments counted as firm load.
    """

    needed: Bools
    low: Ints
    tier: Ints
    share: Floats
    firm: Bools


def firm_developments(instance: Instance, workspace: Workspace,
                      threshold: int = FIRM_CERTAINTY) -> Bools:
    """(D,) the instance's new developments with ``certainty ≥ threshold`` (an empty
    certainty is not firm)."""
    rows = np.asarray(instance.dev_rows, dtype=int)
    certainty = expand(workspace).developments["certainty"].to_numpy(dtype=float, na_value=0.0)
    return np.asarray(certainty[rows] >= threshold)


@dataclass(frozen=True)
class _Pairs:
    """The (row, project) pairs judged: a built project and a row of its in-service year
    that it adds capacity to or moves load in or out of; ``delta`` [MW] is what it adds."""

    row: Ints
    project: Ints
    delta: Floats
    of_move: Ints  # (Q,) the pair of each (move, row) pair of the instance; −1: not judged


def _pairs(instance: Instance, start: Ints) -> _Pairs:
    row_year = np.asarray(instance.row_year, dtype=int)
    delta = instance.row_delta.tocoo()
    move_row = np.asarray(instance.move_row, dtype=int)
    move_project = np.asarray(instance.move_project, dtype=int)
    n_p = max(instance.n_projects, 1)
    key = np.concatenate([delta.row.astype(np.int64) * n_p + delta.col,
                          move_row.astype(np.int64) * n_p + move_project])
    unique, inverse = np.unique(key, return_inverse=True)
    row, project = unique // n_p, unique % n_p
    judged = (start[project] >= 0) & (row_year[row] == start[project])
    amount = np.bincount(inverse[:len(delta.data)], weights=delta.data, minlength=len(unique))
    position = np.cumsum(judged) - 1
    of_move = np.where(judged[inverse[len(delta.data):]],
                       position[inverse[len(delta.data):]], -1)
    return _Pairs(row[judged], project[judged], cast(Floats, amount)[judged], of_move)


def _moved_in(instance: Instance, pairs: _Pairs, firm: Floats, scenario: int) -> Floats:
    """(pairs,) the firm load [MW] the pair's project moves into the pair's row (negative:
    out of it)."""
    if not len(instance.move_row):
        return np.zeros(len(pairs.row))
    moved = np.asarray(instance.move_base[scenario], dtype=float) + \
        instance.move_coef[scenario] @ firm
    keep = pairs.of_move >= 0
    return cast(Floats, np.bincount(pairs.of_move[keep],
                                    weights=(instance.move_sign * moved)[keep],
                                    minlength=len(pairs.row)))


def needed(result: VariantResult, firm: Bools) -> Bools:
    """(S, P) whether each built project is needed against each scenario's firm load in its
    in-service year (the module docstring's *Needed*); ``firm`` (D,) marks the new
    developments that are firm load."""
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    pairs = _pairs(p, start)
    share = np.asarray(firm, dtype=float)
    capacity = np.nan_to_num(np.asarray(p.row_capacity, dtype=float), nan=np.inf)
    n_s = len(p.scenarios)
    firm_shares = np.broadcast_to(share[None, :, None], (n_s, p.n_developments, len(p.years)))
    none = np.zeros_like(firm_shares)
    out = np.zeros((n_s, p.n_projects), dtype=bool)
    for scenario in range(n_s):  # a handful of scenarios
        load, added = row_loads(p, start, firm_shares, scenario)
        existing, _ = row_loads(p, start, none, scenario)
        tolerated = np.maximum(existing - capacity - added, 0.0)
        moved = _moved_in(p, pairs, share, scenario)
        relieves = (pairs.delta > TOLERANCE) | (moved < -TOLERANCE)
        n = pairs.row
        room = capacity[n] + added[n] - pairs.delta + tolerated[n]
        hit = relieves & (load[n] - moved > room + TOLERANCE)
        out[scenario, pairs.project[hit]] = True
    return out


def _row_groups(instance: Instance, workspace: Workspace) -> tuple[Bools, Ints]:
    """(N,) whether each row is a top row (no ancestor of its asset has a row in the same
    direction), and (N,) the index of its (carrier, direction) group, in sorted order."""
    assets = workspace.assets
    ids = pd.Index(assets["id"].astype(str))
    parents = ids.get_indexer(assets["parent_id"].astype(object).fillna("").astype(str))
    up = closure(np.asarray(parents, dtype=np.int64))  # up[a, b]: a is b or above it
    at = ids.get_indexer(np.asarray(instance.row_asset).astype(str))
    direction = np.asarray(instance.row_direction).astype(str)
    top = np.ones(len(at), dtype=bool)
    for way in np.unique(direction):
        mine = (direction == way) & (at >= 0)
        has = np.zeros(len(ids))
        has[at[mine]] = 1.0
        above = up.T @ has - has  # strict ancestors with a row in this direction
        top[mine] = above[at[mine]] < 0.5
    carrier = np.where(at >= 0, assets["carrier"].astype(str).to_numpy()[np.maximum(at, 0)],
                       "")
    _, group = np.unique(np.char.add(np.char.add(carrier.astype(str), "/"), direction),
                         return_inverse=True)
    return top, np.asarray(group, dtype=np.int64).ravel()


def low_scenarios(result: VariantResult, workspace: Workspace, firm: Bools) -> Ints:
    """(P,) the index of each built project's low scenario (the module docstring's *Low
    scenario*; −1: none, or not built)."""
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    n_s, n_y = len(p.scenarios), len(p.years)
    low = np.full(p.n_projects, -1, dtype=np.int64)
    pairs = _pairs(p, start)
    if not len(pairs.row) or n_s == 0:
        return low
    top, group = _row_groups(p, workspace)
    n_g = int(group.max(initial=-1)) + 1
    row_year = np.asarray(p.row_year, dtype=int)
    share = np.asarray(firm, dtype=float)
    out_mw = np.mean([np.maximum(-_moved_in(p, pairs, share, s), 0.0) for s in range(n_s)],
                     axis=0)
    relief = np.where(pairs.delta > TOLERANCE, pairs.delta, 0.0) + out_mw
    weight = np.zeros((p.n_projects, n_g))
    np.add.at(weight, (pairs.project, group[pairs.row]), relief)
    chosen = np.argmax(weight, axis=1)  # the first of equal groups
    judged = weight.max(axis=1, initial=0.0) > TOLERANCE
    planned = np.maximum(np.stack([np.asarray(p.row_base[s], dtype=float)
                                   + np.asarray(p.row_coef[s].sum(axis=1)).ravel()
                                   for s in range(n_s)]), 0.0)
    rows = np.flatnonzero(top)
    cell = group[rows] * n_y + row_year[rows]
    peak = np.stack([np.bincount(cell, weights=planned[s, rows], minlength=n_g * n_y)
                     for s in range(n_s)]).reshape(n_s, n_g, n_y)  # a handful of scenarios
    built = np.flatnonzero(judged)
    peaks = peak[:, chosen[built], start[built]]  # (S, judged projects)
    spread = peaks.max(axis=0) - peaks.min(axis=0)
    distinct = spread > TOLERANCE * np.maximum(1.0, np.abs(peaks).max(axis=0))
    low[built] = np.where(distinct, np.argmin(peaks, axis=0), -1)  # the first of equals
    return low


def tiers(need: Bools, low: Ints) -> Ints:
    """(P,) the tier of each project from ``need`` (S, P) and ``low`` (P,) (the module
    docstring's *Tiers*)."""
    n_s, n_p = need.shape
    if n_s == 0:
        return np.full(n_p, 3, dtype=np.int64)
    every = need.all(axis=0)
    is_low = np.arange(n_s)[:, None] == low[None, :]  # (S, P); no row true for low = −1
    all_but_low = (need | is_low).all(axis=0) & need.any(axis=0) & (low >= 0)
    return np.where(every, 1, np.where(all_but_low, 2, 3)).astype(np.int64)


def judge(result: VariantResult, workspace: Workspace,
          threshold: int = FIRM_CERTAINTY) -> NoRegret:
    """Needed, low scenario, tier and share of every project of ``result``; developments
    with ``certainty ≥ threshold`` are firm load."""
    firm = firm_developments(result.instance, workspace, threshold)
    need = needed(result, firm)
    low = low_scenarios(result, workspace, firm)
    share = np.asarray(result.instance.probability, dtype=float) @ need
    return NoRegret(need, low, tiers(need, low), np.asarray(share, dtype=float), firm)
