"""Cycle detection in the workspace's hierarchies (vectorised for parent pointers)."""

from __future__ import annotations

import graphlib

import numpy as np
import pandas as pd


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


def dependency_cycles(edges: list[tuple[str, str]], limit: int = 20) -> list[list[str]]:
    """Cycles in a directed graph given as ``(node, prerequisite)`` edges (at most ``limit``)."""
    remaining = dict.fromkeys(edges)  # ordered, so that the cycles found are reproducible
    cycles: list[list[str]] = []
    while len(cycles) < limit:
        sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
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
