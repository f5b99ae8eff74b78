"""Weights of the criteria: direct and swing weighting, group summaries and the criteria tree.

Three ways to turn judgements into weights:

* :func:`direct_weights` — points (for example 100 points divided over the criteria);
* :func:`swing_weights` — swing weighting: the most important swing (from worst to best on
  its criterion) scores 100, every other swing 0–100 relative to it;
* :func:`global_weights` — the weights of a criteria tree: local weights per sibling group
  multiplied along the path from the root.

The weight sets of a workshop's participants are summarised by :func:`aggregate_weights`
(mean, geometric mean and spread). The Analytic Hierarchy Process (pairwise comparisons, their
consistency and the aggregation of comparison matrices) is in :mod:`pmiek.framework.ahp`.

Every function is pure (no files). Unusable input raises :class:`~pmiek.errors.InputError`
with an English message.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.errors import InputError

# --- direct and swing weights ------------------------------------------------------------


def _number(value: object, what: str) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        raise InputError(f"{what} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise InputError(f"{what} must be a finite number, got {number}")
    return number


def _series(values: Mapping[str, float], what: str) -> pd.Series:
    if not isinstance(values, Mapping) or not values:
        raise InputError(f"{what}: give at least one criterion with its value")
    numbers = {key: _number(value, f"{what} of criterion {key!r}")
               for key, value in values.items()}
    return pd.Series(numbers, dtype=float, name="weight")


def _listing(values: pd.Series) -> str:
    return ", ".join(f"{key}={value:g}" for key, value in values.items())


def direct_weights(points: Mapping[str, float]) -> pd.Series:
    """Weights from points divided over the criteria (for example 100 points).

    Parameters
    ----------
    points
        Points per criterion id; non-negative and finite, not all zero. They need not add up
        to 100: only their proportions count.

    Returns
    -------
    pandas.Series
        The weight per criterion (the order of ``points``), summing to 1.

    Raises
    ------
    InputError
        When a value is not a finite number, is negative, or all values are zero.
    """
    values = _series(points, "points")
    negative = values[values < 0]
    if len(negative):
        raise InputError(f"points must be at least 0; negative: {_listing(negative)}")
    total = float(values.sum())
    if total <= 0:
        raise InputError(f"points must not all be 0 ({_listing(values)})")
    return values / total


def swing_weights(swings: Mapping[str, float]) -> pd.Series:
    """Weights from swing weighting.

    The participant ranks the swings (from the worst to the best level of each criterion),
    gives the most important swing 100 and every other swing a score from 0 to 100 for its
    value relative to that one. The weight of a criterion is its score divided by the sum of
    the scores. Exactly this rule is applied: the scores are not rescaled, so the largest
    must be 100 (several criteria may share it).

    Parameters
    ----------
    swings
        Score per criterion id, each in [0, 100], the largest exactly 100.

    Returns
    -------
    pandas.Series
        The weight per criterion (the order of ``swings``), summing to 1.

    Raises
    ------
    InputError
        When a score is not a finite number, lies outside [0, 100], or the largest is not 100.
    """
    values = _series(swings, "swing")
    outside = values[(values < 0) | (values > 100)]
    if len(outside):
        raise InputError(f"swing scores must lie in [0, 100]; outside: {_listing(outside)}")
    if float(values.max()) != 100.0:
        raise InputError(
            "swing weighting needs the most important swing scored 100 and the others relative "
            f"to it; the largest score here is {values.max():g} ({_listing(values)})")
    return values / float(values.sum())


# --- groups ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class WeightSummary:
    """The weights of a group, per criterion (see :func:`aggregate_weights`).

    Attributes
    ----------
    mean
        Arithmetic mean of the participants' weights, renormalised to sum 1.
    geometric_mean
        Geometric mean, renormalised to sum 1 (a participant's 0 makes it 0 for that
        criterion; all NaN when that happens for every criterion).
    min, max
        Smallest and largest weight given.
    std
        Standard deviation over the participants (population, ``ddof=0``: the workshop's
        participants are the whole group; 0 for one participant).
    n
        The number of participants.
    """

    mean: pd.Series
    geometric_mean: pd.Series
    min: pd.Series
    max: pd.Series
    std: pd.Series
    n: int

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion; columns mean, geometric_mean, min, max, std and n."""
        frame = pd.DataFrame({
            "mean": self.mean,
            "geometric_mean": self.geometric_mean,
            "min": self.min,
            "max": self.max,
            "std": self.std,
        })
        frame["n"] = self.n
        frame.index.name = "criterion"
        return frame


def aggregate_weights(sets: pd.DataFrame) -> WeightSummary:
    """Summarise the weight sets of a workshop's participants.

    Parameters
    ----------
    sets
        One row per participant, one column per criterion: normalised weights (each row
        non-negative and summing to 1 within 1e-6).

    Returns
    -------
    WeightSummary

    Raises
    ------
    InputError
        When there are no rows or columns, a value is missing, negative or not a number, or a
        row does not sum to 1.
    """
    if not isinstance(sets, pd.DataFrame) or sets.empty:
        raise InputError("aggregate_weights needs a table with at least one participant (row) "
                         "and one criterion (column)")
    try:
        values = sets.to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"weights must be numbers ({exc})") from exc
    bad = np.argwhere(~np.isfinite(values) | (values < 0))
    if len(bad):
        r, c = (int(k) for k in bad[0])
        raise InputError(f"weights must be non-negative numbers; participant {sets.index[r]!r}, "
                         f"criterion {sets.columns[c]!r} has {values[r, c]}")
    sums = values.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1) > 1e-6)
    if len(off):
        r = int(off[0])
        raise InputError(f"each participant's weights must sum to 1; participant "
                         f"{sets.index[r]!r} sums to {sums[r]:.6g} (normalise first, e.g. with "
                         "direct_weights)")
    columns = sets.columns
    mean = values.mean(axis=0)
    with np.errstate(divide="ignore"):
        geometric = np.exp(np.log(values).mean(axis=0))
    total = geometric.sum()
    geometric = geometric / total if total > 0 else np.full(len(columns), np.nan)
    return WeightSummary(
        mean=pd.Series(mean / mean.sum(), index=columns, name="mean"),
        geometric_mean=pd.Series(geometric, index=columns, name="geometric_mean"),
        min=pd.Series(values.min(axis=0), index=columns, name="min"),
        max=pd.Series(values.max(axis=0), index=columns, name="max"),
        std=pd.Series(values.std(axis=0, ddof=0), index=columns, name="std"),
        n=len(sets),
    )


# --- the criteria tree -------------------------------------------------------------------


def _is_root(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def global_weights(local: pd.Series, parent: pd.Series) -> pd.Series:
    """Global weights of a criteria tree from local weights.

    Local weights are normalised within each sibling group (the criteria with the same
    parent, and the roots together), so they may be given as points. The global weight of a
    criterion is the product of the normalised local weights on the path from its root to
    it. Every node gets a weight: the leaves together sum to 1, and each parent's global
    weight equals the sum of its children's.

    Parameters
    ----------
    local
        Local weight per criterion id (non-negative, finite; not all zero within a group).
    parent
        Parent id per criterion id (the same ids as ``local``); ``None``, NaN or ``""`` for a
        root.

    Returns
    -------
    pandas.Series
        Global weight per criterion, in the order of ``local``.

    Raises
    ------
    InputError
        When ids are repeated or differ between ``local`` and ``parent``, a parent is
        unknown, the parents form a cycle (including a criterion its own parent), a weight is
        negative or not a number, or a sibling group's weights sum to 0.
    """
    _check_same_ids(local, parent)
    weights = {c: _number(v, f"local weight of {c!r}") for c, v in local.items()}
    negative = [f"{c}={v:g}" for c, v in weights.items() if v < 0]
    if negative:
        raise InputError(f"local weights must be at least 0; negative: {', '.join(negative)}")
    parents = _parents(parent, weights)
    _check_no_cycle(parents)
    totals: dict[Hashable | None, float] = {}
    for c, p in parents.items():
        totals[p] = totals.get(p, 0.0) + weights[c]
    empty = [group for group, total in totals.items() if total <= 0]
    if empty:
        group = empty[0]
        name = "the roots" if group is None else f"the children of {group!r}"
        raise InputError(f"the local weights of {name} sum to 0")
    result: dict[Hashable, float] = {}

    def weight(c: Hashable) -> float:
        if c not in result:
            p = parents[c]
            share = weights[c] / totals[p]
            result[c] = share if p is None else share * weight(p)
        return result[c]

    return pd.Series([weight(c) for c in local.index], index=local.index,
                     name="global_weight", dtype=float)


def _check_same_ids(local: pd.Series, parent: pd.Series) -> None:
    """Unique ids, the same in ``local`` and ``parent``."""
    for series, what in ((local, "criterion ids must be unique; repeated"),
                         (parent, "parent has repeated criterion ids")):
        if series.index.has_duplicates:
            repeated = series.index[series.index.duplicated()]
            raise InputError(f"{what}: {', '.join(map(str, repeated))}")
    missing = [c for c in local.index if c not in parent.index]
    extra = [c for c in parent.index if c not in local.index]
    if missing or extra:
        raise InputError("local and parent must cover the same criteria; "
                         f"without parent entry: {', '.join(map(str, missing)) or '-'}; "
                         f"without local weight: {', '.join(map(str, extra)) or '-'}")


def _parents(parent: pd.Series, weights: dict[Hashable, float]
             ) -> dict[Hashable, Hashable | None]:
    """Criterion → its parent (``None`` for a root), in the order of ``weights``."""
    parents: dict[Hashable, Hashable | None] = {}
    for c in weights:
        p = parent[c]
        if not _is_root(p) and p not in weights:
            raise InputError(f"criterion {c!r} has unknown parent {p!r}")
        parents[c] = None if _is_root(p) else p
    return parents


def _check_no_cycle(parents: dict[Hashable, Hashable | None]) -> None:
    for c in parents:
        path = [c]
        node = parents[c]
        while node is not None:
            if node in path:
                cycle = [*path[path.index(node):], node]
                raise InputError("the parents form a cycle: " + " → ".join(map(str, cycle)))
            path.append(node)
            node = parents[node]


__all__ = [
    "WeightSummary",
    "aggregate_weights",
    "direct_weights",
    "global_weights",
    "swing_weights",
]
