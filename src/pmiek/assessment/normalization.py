"""Normalising a performance matrix, and the input checking shared by the MCDA methods.

:func:`normalize` makes a performance matrix (alternatives × criteria) comparable and benefit
oriented. Reading and checking the matrix, the weights, the directions and the name of a
normalisation is shared with the methods of :mod:`pmiek.assessment.mcda`, whose docstring gives
the conventions of these arguments.

Normalisations (:func:`normalize`, benefit oriented: higher is better in every column)
-------------------------------------------------------------------------------------
======  =======================  =======================  ==============================
name    benefit column           cost column              notes
======  =======================  =======================  ==============================
minmax  (x − min) / (max − min)  (max − x) / (max − min)  a constant column becomes 0
vector  x / ‖x‖₂                 1 − x / ‖x‖₂             an all-zero column: 0 (cost: 1)
sum     x / Σx                   (1/x) / Σ(1/x)           benefit x >= 0, cost x > 0
max     x / max(x)               min(x) / x               benefit x >= 0, cost x > 0
none    x                        −x                       values used as given
======  =======================  =======================  ==============================

``minmax`` with a constant column follows scikit-criteria's ``MinMaxInverter`` (0, so the
criterion adds nothing); pymcdm's ``minmax_normalization`` gives 1 instead, which shifts every
weighted sum by the same amount and changes no rank. ``vector`` and ``sum`` match pymcdm's
``vector_normalization`` and ``sum_normalization``. ``max`` matches pymcdm's
``linear_normalization`` and scikit-criteria's ``BenefitCostInverter`` (not pymcdm's
``max_normalization``, which uses 1 − x/max for cost columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from pmiek.domain.arrays import Bools, Floats
from pmiek.errors import InputError

__all__ = [
    "NORMALIZATIONS",
    "normalize",
]

NORMALIZATIONS: Final = ("minmax", "vector", "sum", "max", "none")
"""The normalisations accepted by :func:`normalize` and
:func:`~pmiek.assessment.mcda.weighted_sum`."""

_DIRECTIONS: Final = "'benefit' or 'cost' (or +1 / -1)"

MatrixLike: TypeAlias = pd.DataFrame | ArrayLike
"""A performance matrix ``(n_alt, n_crit)``: array-like, or a DataFrame whose index names the
alternatives and whose columns name the criteria."""
PerCriterion: TypeAlias = pd.Series | ArrayLike
"""One entry per criterion (a weight, a direction, …); a Series is aligned on the criterion
names when the matrix is a DataFrame."""


# --- input ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """The matrix as floats plus the names needed for messages and alignment."""

    x: Floats  # (n_alt, n_crit)
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    named: bool

    def criterion(self, j: int) -> str:
        return f"criterion {self.criteria[j]!r} (column {j})" if self.named \
            else f"criterion at column {j}"

    def cell(self, i: int, j: int) -> str:
        if self.named:
            return (f"row {self.alternatives[i]!r} (position {i}), "
                    f"column {self.criteria[j]!r} (position {j})")
        return f"row {i}, column {j}"


def _read_matrix(matrix: MatrixLike) -> _Layout:
    if isinstance(matrix, pd.DataFrame):
        if matrix.columns.has_duplicates:
            dup = sorted({str(c) for c in matrix.columns[matrix.columns.duplicated()]})
            raise InputError(f"the matrix has duplicate criterion names {dup}; "
                             "every column must name a different criterion")
        try:
            x = matrix.to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError) as exc:
            bad = [str(c) for c in matrix.columns
                   if not pd.api.types.is_numeric_dtype(matrix[c])]
            raise InputError(f"the matrix must hold numbers; column(s) {bad} hold values that "
                             "are not numbers") from exc
        layout = _Layout(x, tuple(str(i) for i in matrix.index),
                         tuple(str(c) for c in matrix.columns), named=True)
    else:
        try:
            x = np.asarray(matrix, dtype=float)
        except (TypeError, ValueError) as exc:
            raise InputError("the matrix must be a 2-D array of numbers (alternatives × "
                             f"criteria); got a {type(matrix).__name__} that cannot be read as "
                             f"one ({exc})") from exc
        if x.ndim != 2:
            raise InputError("the matrix must be 2-D (alternatives × criteria); got an array "
                             f"of shape {x.shape}")
        layout = _Layout(x, tuple(str(i) for i in range(x.shape[0])),
                         tuple(str(j) for j in range(x.shape[1])), named=False)
    n_alt, n_crit = layout.x.shape
    if n_alt == 0 or n_crit == 0:
        raise InputError("the matrix needs at least one alternative and one criterion; got "
                         f"shape {layout.x.shape}")
    bad_cells = np.argwhere(~np.isfinite(layout.x))
    if len(bad_cells):
        found = "; ".join(f"{layout.x[i, j]} at {layout.cell(i, j)}" for i, j in bad_cells[:5])
        more = f" (and {len(bad_cells) - 5} more)" if len(bad_cells) > 5 else ""
        raise InputError(f"the matrix must hold finite numbers; found {found}{more}")
    return layout


def _per_criterion(value: PerCriterion, what: str, layout: _Layout, dtype: type
                   ) -> NDArray[Any]:
    """``value`` as one entry per criterion; a Series is aligned on the criterion names."""
    n_crit = len(layout.criteria)
    if isinstance(value, pd.Series) and layout.named:
        index = [str(k) for k in value.index]
        missing = [c for c in layout.criteria if c not in index]
        extra = [k for k in index if k not in layout.criteria]
        if missing or extra or len(set(index)) != len(index):
            raise InputError(f"{what} must name each criterion of the matrix once; missing "
                             f"{missing}, unknown {extra}, criteria {list(layout.criteria)}")
        value = pd.Series(value.to_numpy(), index=index).reindex(list(layout.criteria))
    try:
        arr: NDArray[Any] = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{what} must be numbers, one per criterion; got {value!r}") from exc
    if arr.shape != (n_crit,):
        raise InputError(f"{what} must have shape ({n_crit},), one per column of the matrix of "
                         f"shape {layout.x.shape}; got shape {arr.shape}")
    return arr


def _read_directions(directions: PerCriterion, layout: _Layout) -> Bools:
    """True where a criterion is a cost (lower is better)."""
    if isinstance(directions, str):
        raise InputError(f"directions must be a sequence with one of {_DIRECTIONS} per "
                         f"criterion; got the single string {directions!r}")
    raw = _per_criterion(directions, "directions", layout, object)
    cost = np.zeros(len(raw), dtype=bool)
    for j, d in enumerate(raw):
        if isinstance(d, str) and d.strip().lower() in ("benefit", "cost"):
            cost[j] = d.strip().lower() == "cost"
        elif isinstance(d, int | float | np.integer | np.floating) \
                and not isinstance(d, bool | np.bool_) and d in (1, -1):
            cost[j] = d == -1
        else:
            raise InputError(f"unknown direction {d!r} for {layout.criterion(j)}; expected "
                             f"{_DIRECTIONS}")
    return cost


def _read_weights(weights: PerCriterion, layout: _Layout) -> Floats:
    w: Floats = _per_criterion(weights, "weights", layout, float)
    bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
    if bad.size:
        raise InputError(f"weights must be finite and >= 0; {layout.criterion(bad[0])} has "
                         f"weight {w[bad[0]]}")
    if w.sum() <= 0:
        raise InputError(f"weights must have a positive sum; got {w.tolist()}")
    normalised: Floats = w / w.sum()
    return normalised


def _read_normalization(normalization: object, allowed: tuple[str, ...], method: str) -> str:
    if normalization not in allowed:
        raise InputError(f"unknown normalization {normalization!r} for {method}; expected one "
                         f"of {', '.join(repr(a) for a in allowed)}")
    return str(normalization)


# --- normalisation ----------------------------------------------------------------------


def _scaled(x: Floats, method: str) -> Floats:
    """minmax, vector or none without regard to direction (the TOPSIS matrix)."""
    if method == "minmax":
        low, span = x.min(axis=0), np.ptp(x, axis=0)
        return np.where(span > 0, (x - low) / np.where(span > 0, span, 1.0), 0.0)
    if method == "vector":
        norm = np.linalg.norm(x, axis=0)
        return np.where(norm > 0, x / np.where(norm > 0, norm, 1.0), 0.0)
    return x.copy()


def _oriented(layout: _Layout, cost: Bools, method: str) -> Floats:
    """The normalised matrix in which higher is better in every column."""
    x = layout.x
    if method == "minmax":
        high, span = x.max(axis=0), np.ptp(x, axis=0)
        safe = np.where(span > 0, span, 1.0)
        down = (high - x) / safe
        return np.where(span > 0, np.where(cost, down, _scaled(x, "minmax")), 0.0)
    if method == "vector":
        r = _scaled(x, "vector")
        return np.where(cost, 1.0 - r, r)
    if method == "none":
        return np.where(cost, -x, x)
    # sum and max: benefit columns need x >= 0 with a positive total, cost columns x > 0
    bad = np.where(cost, x <= 0, x < 0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        need = "> 0 in a cost criterion" if cost[j] else ">= 0 in a benefit criterion"
        raise InputError(f"normalization {method!r} needs values {need}; found {x[i, j]} at "
                         f"{layout.cell(i, j)}")
    top = x.sum(axis=0) if method == "sum" else x.max(axis=0)
    empty = np.flatnonzero(~cost & (top <= 0))
    if empty.size:
        raise InputError(f"normalization {method!r} needs a positive value somewhere in "
                         f"{layout.criterion(empty[0])}; the column is all zero")
    # min/x (<= 1, no overflow for tiny x); for sum, (min/x)/Σ(min/x) = (1/x)/Σ(1/x)
    relative = x.min(axis=0) / np.where(cost, x, 1.0)
    if method == "sum":
        relative = relative / np.where(cost, relative.sum(axis=0), 1.0)
    return np.where(cost, relative, x / np.where(top > 0, top, 1.0))


def normalize(matrix: MatrixLike, directions: PerCriterion, method: str = "minmax") -> Floats:
    """Normalise a performance matrix so that higher is better in every column.

    Parameters
    ----------
    matrix : array-like or pandas.DataFrame
        ``(n_alt, n_crit)`` performances.
    directions : sequence or pandas.Series
        ``"benefit"``/``"cost"`` (or ``+1``/``-1``) per criterion.
    method : {"minmax", "vector", "sum", "max", "none"}
        See the table in the module docstring.

    Returns
    -------
    numpy.ndarray
        ``(n_alt, n_crit)`` normalised, benefit-oriented values.

    Raises
    ------
    pmiek.errors.InputError
        On a malformed matrix or directions, an unknown method, or values the method cannot
        take (zero or negative values for ``sum`` and ``max``).
    """
    layout = _read_matrix(matrix)
    cost = _read_directions(directions, layout)
    return _oriented(layout, cost, _read_normalization(method, NORMALIZATIONS, "normalize"))
