"""Pairwise comparison matrices for the AHP: reading and checking them.

A matrix is given as a DataFrame labelled by criterion, an array or nested lists;
:func:`comparison_matrix` turns it into a validated positive reciprocal float matrix with its
labels, or raises :class:`~pmiek.errors.InputError` naming the first entry that is wrong (in
English). The method itself is in :mod:`pmiek.framework.ahp`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from pmiek.errors import InputError

RANDOM_INDEX: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)
"""Saaty's random index RI(n) for n = 1 … 15 (``RANDOM_INDEX[n - 1]``).

The mean consistency index of random reciprocal matrices, as tabulated by Saaty (1980) and
reproduced by most AHP software; the dip at n = 12 (1.48) is in the table as published. Later
simulations give somewhat different values (Saaty 2005/2012: 0.52, 0.89, 1.11, 1.25, 1.35, …;
pymcdm uses Tummala & Ling 1998, JMcDM 1.53 for n = 12), so a CR computed elsewhere may differ
in the second decimal.
"""

MAX_AHP_CRITERIA = len(RANDOM_INDEX)
"""The largest comparison matrix with a random index (and so a consistency ratio)."""

RECIPROCAL_TOLERANCE = 1e-6
"""Relative tolerance of ``a_ji == 1 / a_ij`` and of a diagonal of ones."""

MatrixLike: TypeAlias = pd.DataFrame | np.ndarray | Sequence[Sequence[float]]
"""A square comparison matrix: a DataFrame labelled by criterion (index = columns), an array
or nested lists (labelled by the ``criteria`` argument)."""


# --- comparison matrices -----------------------------------------------------------------


def _labels(criteria: Sequence[Hashable] | None, n: int) -> list[str]:
    if criteria is None:
        return [f"c{i + 1}" for i in range(n)]
    labels = [str(c) for c in criteria]
    if len(labels) != n:
        raise InputError(f"{len(labels)} criteria given for a {n}×{n} matrix")
    check_unique(labels)
    return labels


def check_unique(labels: Sequence[str]) -> None:
    """Raise an InputError naming the criteria that appear more than once."""
    twice = sorted({c for c in labels if labels.count(c) > 1})
    if twice:
        raise InputError(f"criteria must be unique; repeated: {', '.join(twice)}")


def comparison_matrix(matrix: MatrixLike, criteria: Sequence[Hashable] | None,
            where: str = "matrix") -> tuple[npt.NDArray[np.float64], list[str]]:
    """A validated positive reciprocal matrix as floats, with its criterion labels."""
    if isinstance(matrix, pd.DataFrame):
        values, labels = _from_frame(matrix, criteria, where)
    else:
        values, labels = _from_array(matrix, criteria, where)
    _check_size(values.shape[0], where)
    _check_entries(values, labels, where)
    return values, labels


def _from_frame(matrix: pd.DataFrame, criteria: Sequence[Hashable] | None,
                where: str) -> tuple[npt.NDArray[np.float64], list[str]]:
    labels = [str(c) for c in matrix.columns]
    rows = [str(r) for r in matrix.index]
    check_unique(labels)
    if sorted(rows) != sorted(labels) or len(rows) != len(labels):
        raise InputError(f"{where}: the row labels ({', '.join(rows)}) must be the column "
                         f"labels ({', '.join(labels)})")
    frame = matrix.copy()
    frame.index = pd.Index(rows)
    frame.columns = pd.Index(labels)
    if criteria is not None:
        wanted = [str(c) for c in criteria]
        check_unique(wanted)
        if sorted(wanted) != sorted(labels):
            raise InputError(f"{where}: criteria {', '.join(wanted)} do not match the "
                             f"matrix labels {', '.join(labels)}")
        labels = wanted
    try:
        return frame.loc[labels, labels].to_numpy(dtype=float), labels
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: every entry must be a number ({exc})") from exc


def _from_array(matrix: np.ndarray | Sequence[Sequence[float]],
                criteria: Sequence[Hashable] | None,
                where: str) -> tuple[npt.NDArray[np.float64], list[str]]:
    try:
        values = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: every entry must be a number ({exc})") from exc
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise InputError(f"{where} must be square, got shape {values.shape}")
    return values, _labels(criteria, values.shape[0])


def _check_size(n: int, where: str) -> None:
    if n == 0:
        raise InputError(f"{where} is empty: compare at least one criterion")
    if n > MAX_AHP_CRITERIA:
        raise InputError(
            f"{where} has {n} criteria; AHP is limited to {MAX_AHP_CRITERIA} (the random index "
            "table ends there, and so many comparisons cannot be judged consistently): split "
            "the criteria into groups of the criteria tree")


def _check_entries(values: npt.NDArray[np.float64], labels: list[str], where: str) -> None:
    """Positive finite entries, ones on the diagonal, reciprocal pairs."""
    bad = np.argwhere(~np.isfinite(values) | (values <= 0))
    if len(bad):
        i, j = (int(k) for k in bad[0])
        raise InputError(f"{where}: entries must be positive finite numbers; "
                         f"[{labels[i]}, {labels[j]}] is {values[i, j]}")
    diagonal = np.flatnonzero(np.abs(np.diag(values) - 1.0) > RECIPROCAL_TOLERANCE)
    if len(diagonal):
        i = int(diagonal[0])
        raise InputError(f"{where}: the diagonal must be 1 (a criterion is as important as "
                         f"itself); [{labels[i]}, {labels[i]}] is {values[i, i]:g}")
    product = values * values.T
    upper_i, upper_j = np.triu_indices(values.shape[0], 1)
    off = np.flatnonzero(np.abs(product[upper_i, upper_j] - 1.0) > RECIPROCAL_TOLERANCE)
    if len(off):
        r, c = int(upper_i[off[0]]), int(upper_j[off[0]])
        a, b = labels[r], labels[c]
        raise InputError(
            f"{where} is not reciprocal: [{a}, {b}] = {values[r, c]:g} but [{b}, {a}] = "
            f"{values[c, r]:g}, expected 1/{values[r, c]:g} = {1 / values[r, c]:.6g}")


__all__ = [
    "MAX_AHP_CRITERIA",
    "RANDOM_INDEX",
    "RECIPROCAL_TOLERANCE",
    "MatrixLike",
    "comparison_matrix",
]
