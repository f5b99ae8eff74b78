"""Aggregation up the asset hierarchy as one sparse matrix product.

The closure matrix ``M`` has ``M[a, b] = 1`` when asset *a* is *b* or lies above it, so that
the coefficients of every asset including everything below it are ``M @ own``.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from pmiek.domain.arrays import Floats, Ints


def closure(parents: Ints) -> sparse.csr_matrix:
    """The ancestor-or-self matrix of a parent-pointer forest (``parents[i] = −1`` at a root).

    Built by walking all nodes up one level at a time (as many steps as the deepest chain).
    """
    n = len(parents)
    node = np.arange(n)
    current = node.copy()
    rows: list[Ints] = []
    cols: list[Ints] = []
    for _ in range(n + 1):
        valid = current >= 0
        if not valid.any():
            break
        node, current = node[valid], current[valid]
        rows.append(current)
        cols.append(node)
        current = parents[current]
    else:  # pragma: no cover - validation rejects cycles before the engine runs
        raise ValueError("the asset hierarchy has a cycle")
    r = np.concatenate(rows) if rows else np.empty(0, dtype=int)
    c = np.concatenate(cols) if cols else np.empty(0, dtype=int)
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(n, n))


def coefficients(n_assets: int, n_profiles: int, entry_asset: Ints, entry_profile: Ints,
                 entry_net_mw: Floats, *, parents: Ints, topology_of_year: Ints) -> Floats:
    """A[a, y, k]: the net MW on profile *k* of everything at or below asset *a* in year *y*.

    ``entry_net_mw`` is (entries × years); the result is (assets × years × profiles).
    ``parents`` (topologies × assets) holds each topology's parent pointers and
    ``topology_of_year`` the topology in force in each year.
    """
    n_years = entry_net_mw.shape[1]
    slot = entry_asset * n_profiles + entry_profile
    scatter = sparse.csr_matrix(
        (np.ones(len(slot)), (slot, np.arange(len(slot)))),
        shape=(n_assets * n_profiles, len(slot)))
    own = np.asarray(scatter @ entry_net_mw).reshape(n_assets, n_profiles * n_years)
    out = np.empty((n_assets, n_years, n_profiles))
    for g in range(len(parents)):  # one product per distinct topology (few)
        years = np.flatnonzero(topology_of_year == g)
        if not len(years):
            continue
        total = np.asarray(closure(parents[g]) @ own).reshape(n_assets, n_profiles, n_years)
        out[:, years, :] = total[:, :, years].transpose(0, 2, 1)
    return out
