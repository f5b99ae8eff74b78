"""Cycle detection in the workspace's hierarchies (vectorised for parent pointers)."""

from __future__ import annotations

import graphlib
from collections.abc import Hashable, Sequence
from typing import TypeVar

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Ints

N = TypeVar("N", bound=Hashable)

_PEEL_ROUNDS = 64
"""Rounds of vectorised peeling in :func:`edge_cycles` before the remaining graph (empty for
any hierarchy of realistic depth) goes to :mod:`graphlib`."""


def parent_cycles(ids: pd.Series, parents: pd.Series) -> list[list[int]]:
    """The cycles in a parent-pointer hierarchy, each as a list of row positions.

    ``ids`` and ``parents`` are aligned columns; a parent that is empty or unknown ends the
    chain. Runs in O(n log n) with numpy pointer doubling: only rows that never reach a root
    are walked in Python, to name the cycle.
    """
    n = len(ids)
    if n == 0:
        return []
    first = ~ids.duplicated(keep="first").to_numpy()
    index = pd.Index(ids.to_numpy(dtype=object)[first])
    positions = np.flatnonzero(first)
    wanted = parents.to_numpy(dtype=object)
    found = index.get_indexer(wanted)
    found[pd.isna(wanted)] = -1  # an empty parent ends the chain, even if an id is empty too
    nxt = np.where(found >= 0, positions[np.maximum(found, 0)], n)
    nxt = np.append(nxt, n)  # the sentinel n points at itself
    jump = nxt.copy()
    steps = 1
    while steps <= n:
        jump = jump[jump]
        steps *= 2
    stuck = np.flatnonzero(jump[:n] != n)
    cycles: list[list[int]] = []
    seen: set[int] = set()
    for start in stuck:
        if start in seen:
            continue
        path: list[int] = []
        where: dict[int, int] = {}
        node = int(start)
        while node not in seen and node not in where:
            where[node] = len(path)
            path.append(node)
            node = int(nxt[node])
        if node in where:
            cycles.append(path[where[node]:])
        seen.update(path)
    return cycles


def dependency_cycles(edges: Sequence[tuple[N, N]], limit: int = 20) -> list[list[N]]:
    """Cycles in a directed graph given as ``(node, prerequisite)`` edges (at most ``limit``).

    Each cycle comes as ``[a, b, …]`` with every node a prerequisite of the next one."""
    remaining = dict.fromkeys(edges)  # ordered, so that the cycles found are reproducible
    cycles: list[list[N]] = []
    while len(cycles) < limit:
        sorter: graphlib.TopologicalSorter[N] = graphlib.TopologicalSorter()
        for node, before in remaining:
            sorter.add(node, before)
        try:
            sorter.prepare()
        except graphlib.CycleError as exc:
            cycle = list(exc.args[1])[:-1]
            cycles.append(cycle)
            # the cycle comes as [a, b, …, a] with each item a prerequisite of the next one,
            # that is the edges (b, a), …; break the first of them so the next cycle differs
            pairs = [(cycle[(i + 1) % len(cycle)], cycle[i]) for i in range(len(cycle))]
            del remaining[next(pair for pair in pairs if pair in remaining)]
            continue
        break
    return cycles


def edge_cycles(sources: Ints, targets: Ints, n: int, limit: int = 20) -> list[list[int]]:
    """Cycles in a directed graph on the nodes ``0 … n − 1`` with the edges
    ``sources[k] → targets[k]`` (a node may have several outgoing edges), each cycle as the
    list of its nodes in the direction of the edges (at most ``limit``).

    Nodes without an incoming or without an outgoing edge cannot lie on a cycle; they are
    peeled off with numpy, round after round, so that for a hierarchy only the nodes on (or
    between) cycles remain to be walked in Python.
    """
    keep = (sources >= 0) & (sources < n) & (targets >= 0) & (targets < n)
    sources, targets = sources[keep], targets[keep]
    alive = np.ones(n, dtype=bool)
    edges = np.ones(len(sources), dtype=bool)
    for _ in range(_PEEL_ROUNDS):
        outgoing = np.bincount(sources[edges], minlength=n) > 0
        incoming = np.bincount(targets[edges], minlength=n) > 0
        dead = alive & ~(outgoing & incoming)
        if not dead.any():
            break
        alive &= ~dead
        edges &= alive[sources] & alive[targets]
    # as (node, prerequisite) = (target, source): each cycle found lists every node before
    # its prerequisite's dependant, that is in the direction of the edges
    pairs = [(int(b), int(a)) for a, b in zip(sources[edges], targets[edges], strict=True)]
    return dependency_cycles(pairs, limit)
