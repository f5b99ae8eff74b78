"""The Analytic Hierarchy Process (AHP): criterion weights from pairwise comparisons.

A participant judges every pair of criteria on Saaty's 1–9 scale ("a is v times as important
as b"), as a matrix (:func:`ahp`) or as a list of pairs (:mod:`pmiek.framework.ahp_pairs`).
The weights come from the principal eigenvector, with the consistency ratio (CR) and the pairs
that contradict the others most (:func:`inconsistent_pairs`). A workshop's participants are
combined by :func:`aggregate_ahp` (the element-wise geometric mean of their comparison
matrices, AIJ).

Every function is pure (no files). Unusable input raises :class:`~pmiek.errors.InputError`
with an English message; texts meant for workshop participants (:meth:`AhpResult.warning`) are
Dutch by default and English with ``lang="en"``. Direct and swing weights, the summary of a
group's weight sets and the weights of a criteria tree are in :mod:`pmiek.framework.weights`.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Saaty, T. L. (2008). Decision making with the analytic hierarchy process. *International
Journal of Services Sciences*, 1(1), 83–98.
Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and priorities with the
analytic hierarchy process. *European Journal of Operational Research*, 108(1), 165–169.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
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

CR_LIMIT = 0.1
"""Saaty's bound: a matrix with CR at most this is consistent enough."""

RECIPROCAL_TOLERANCE = 1e-6
"""Relative tolerance of ``a_ji == 1 / a_ij`` and of a diagonal of ones."""

AhpMethod = Literal["eigenvector", "column_mean"]
"""How :func:`ahp` derives weights and λmax from the matrix.

``eigenvector`` (default)
    Saaty's method: the principal right eigenvector normalised to sum 1, λmax its eigenvalue.
``column_mean``
    Saaty's approximation, common in spreadsheets: normalise each column to sum 1, average
    the rows; λmax is the mean of ``(A w)_i / w_i``. Equal to the eigenvector for a consistent
    matrix; differs slightly otherwise (and gives a slightly higher λmax).
"""

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


def _square(matrix: MatrixLike, criteria: Sequence[Hashable] | None,
            where: str = "matrix") -> tuple[np.ndarray, list[str]]:
    """A validated positive reciprocal matrix as floats, with its criterion labels."""
    if isinstance(matrix, pd.DataFrame):
        labels = [str(c) for c in matrix.columns]
        rows = [str(r) for r in matrix.index]
        check_unique(labels)
        if sorted(rows) != sorted(labels) or len(rows) != len(labels):
            raise InputError(f"{where}: the row labels ({', '.join(rows)}) must be the column "
                             f"labels ({', '.join(labels)})")
        frame = matrix.copy()
        frame.index = rows
        frame.columns = labels
        if criteria is not None:
            wanted = [str(c) for c in criteria]
            check_unique(wanted)
            if sorted(wanted) != sorted(labels):
                raise InputError(f"{where}: criteria {', '.join(wanted)} do not match the "
                                 f"matrix labels {', '.join(labels)}")
            labels = wanted
        frame = frame.loc[labels, labels]
        try:
            values = frame.to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{where}: every entry must be a number ({exc})") from exc
    else:
        try:
            values = np.asarray(matrix, dtype=float)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{where}: every entry must be a number ({exc})") from exc
        if values.ndim != 2 or values.shape[0] != values.shape[1]:
            raise InputError(f"{where} must be square, got shape {values.shape}")
        labels = _labels(criteria, values.shape[0])
    n = values.shape[0]
    if n == 0:
        raise InputError(f"{where} is empty: compare at least one criterion")
    if n > MAX_AHP_CRITERIA:
        raise InputError(
            f"{where} has {n} criteria; AHP is limited to {MAX_AHP_CRITERIA} (the random index "
            "table ends there, and so many comparisons cannot be judged consistently): split "
            "the criteria into groups of the criteria tree")
    bad = np.argwhere(~np.isfinite(values) | (values <= 0))
    if len(bad):
        i, j = (int(k) for k in bad[0])
        raise InputError(f"{where}: entries must be positive finite numbers; "
                         f"[{labels[i]}, {labels[j]}] is {values[i, j]}")
    for i in range(n):
        if abs(values[i, i] - 1.0) > RECIPROCAL_TOLERANCE:
            raise InputError(f"{where}: the diagonal must be 1 (a criterion is as important as "
                             f"itself); [{labels[i]}, {labels[i]}] is {values[i, i]:g}")
    product = values * values.T
    upper_i, upper_j = np.triu_indices(n, 1)
    off = np.flatnonzero(np.abs(product[upper_i, upper_j] - 1.0) > RECIPROCAL_TOLERANCE)
    if len(off):
        r, c = int(upper_i[off[0]]), int(upper_j[off[0]])
        a, b = labels[r], labels[c]
        raise InputError(
            f"{where} is not reciprocal: [{a}, {b}] = {values[r, c]:g} but [{b}, {a}] = "
            f"{values[c, r]:g}, expected 1/{values[r, c]:g} = {1 / values[r, c]:.6g}")
    return values, labels


def _solve(values: np.ndarray, labels: list[str], method: AhpMethod) -> AhpResult:
    n = values.shape[0]
    if method == "eigenvector":
        eigenvalues, vectors = np.linalg.eig(values)
        k = int(np.argmax(eigenvalues.real))
        lambda_max = float(eigenvalues[k].real)
        # the Perron vector of a positive matrix has entries of one sign
        vector = np.abs(vectors[:, k].real)
    elif method == "column_mean":
        vector = (values / values.sum(axis=0)).mean(axis=1)
        lambda_max = float(np.mean(values @ vector / vector))
    else:
        raise InputError(f"unknown AHP method {method!r}: use 'eigenvector' or 'column_mean'")
    weights = vector / vector.sum()
    # λmax >= n for every positive reciprocal matrix (Saaty); below n is rounding
    lambda_max = max(lambda_max, float(n))
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    cr = ci / RANDOM_INDEX[n - 1] if n > 2 else 0.0
    return AhpResult(
        weights=pd.Series(weights, index=labels, name="weight"),
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        matrix=pd.DataFrame(values, index=labels, columns=labels),
        method=method,
    )


def _decimal(value: float, digits: int, lang: str) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang != "en" else text


def _ratio(value: float, lang: str) -> str:
    """A judgement as a person writes it: 3, 2.5, 1/3."""
    if value >= 1:
        return _decimal(value, 0 if abs(value - round(value)) < 1e-9 else 1, lang)
    inverse = 1 / value
    return "1/" + _decimal(inverse, 0 if abs(inverse - round(inverse)) < 1e-9 else 1, lang)


def _readable(pairs: pd.DataFrame, lang: str) -> list[tuple[str, str, str, str]]:
    """Pairs turned so that the judgement reads "a is v times as important as b" with v >= 1
    (or, for a judgement of 1, so that the weights favour a): (a, b, given, implied)."""
    out = []
    for row in pairs.itertuples():
        a, b = str(row.criterion_a), str(row.criterion_b)
        given, implied = float(row.judgement), float(row.implied)
        if given < 1 or (given == 1 and implied < 1):
            a, b, given, implied = b, a, 1 / given, 1 / implied
        shown = _decimal(implied, 1 if implied >= 1 else 2, lang)
        out.append((a, b, _ratio(given, lang), shown))
    return out


@dataclass(frozen=True, eq=False)
class AhpResult:
    """The weights and consistency of one AHP comparison matrix.

    Attributes
    ----------
    weights
        Weight per criterion, summing to 1.
    lambda_max
        The principal eigenvalue λmax (at least n; equal to n for a consistent matrix).
    ci
        The consistency index ``(λmax − n) / (n − 1)`` (0 for n = 1).
    cr
        The consistency ratio ``CI / RI(n)`` with :data:`RANDOM_INDEX`; 0 for n ≤ 2.
    matrix
        The comparison matrix, labelled by criterion.
    method
        How weights and λmax were computed (see :data:`AhpMethod`).
    """

    weights: pd.Series
    lambda_max: float
    ci: float
    cr: float
    matrix: pd.DataFrame
    method: str = "eigenvector"

    @property
    def n(self) -> int:
        """The number of criteria compared."""
        return len(self.weights)

    @property
    def consistent(self) -> bool:
        """Whether CR is at most :data:`CR_LIMIT` (0.1)."""
        return self.cr <= CR_LIMIT

    def inconsistent_pairs(self, top: int | None = 3) -> pd.DataFrame:
        """The judgements furthest from the weights; see :func:`inconsistent_pairs`."""
        return inconsistent_pairs(self, top)

    def warning(self, lang: str = "nl") -> str | None:
        """A text for the workshop when CR exceeds 0.1 (``None`` when consistent).

        Names the CR and the (at most three) comparisons that contradict the others most.
        Dutch by default, English with ``lang="en"``.
        """
        if self.consistent:
            return None
        digits = 2 if round(self.cr, 2) > CR_LIMIT else 3
        cr = _decimal(self.cr, digits, lang)
        limit = _decimal(CR_LIMIT, 2, lang)
        pairs = _readable(self.inconsistent_pairs(3), lang)
        if lang == "en":
            text = (f"Consistency ratio {cr} is higher than {limit}: the pairwise comparisons "
                    "contradict each other; revise them.")
            listed = [f"{a} vs {b} (given {given}, the weights imply {implied})"
                      for a, b, given, implied in pairs]
            return text + (" Look first at: " + "; ".join(listed) + "." if listed else "")
        text = (f"Consistentieratio {cr} is hoger dan {limit}: de paarsgewijze vergelijkingen "
                "spreken elkaar tegen; herzie ze.")
        listed = [f"{a} t.o.v. {b} (gegeven {given}, de gewichten geven {implied})"
                  for a, b, given, implied in pairs]
        return text + (" Kijk eerst naar: " + "; ".join(listed) + "." if listed else "")


def ahp(matrix: MatrixLike, criteria: Sequence[str] | None = None, *,
        method: AhpMethod = "eigenvector") -> AhpResult:
    """Weights and consistency of an AHP pairwise comparison matrix.

    Entry ``[a, b]`` says how many times as important criterion ``a`` is as ``b``, on Saaty's
    scale 1 (equal), 3 (moderately), 5 (strongly), 7 (very strongly), 9 (extremely more
    important) and the reciprocals 1/3 … 1/9 (values in between allowed; the scale itself
    is not enforced here). Weights are the principal right eigenvector normalised to sum 1
    (Saaty's method); CI = (λmax − n)/(n − 1) and CR = CI / RI(n) with :data:`RANDOM_INDEX`.

    Parameters
    ----------
    matrix
        Square, positive, reciprocal (``a_ji = 1/a_ij`` within a relative 1e-6) with ones on
        the diagonal; at most 15 criteria. A DataFrame carries its criterion labels (index
        and columns, same labels).
    criteria
        Criterion ids: the labels of an array's rows, or the order wanted for a DataFrame.
        Arrays without ``criteria`` are labelled ``c1 … cn``.
    method
        ``eigenvector`` (default) or ``column_mean`` (Saaty's approximation; see
        :data:`AhpMethod`).

    Returns
    -------
    AhpResult

    Raises
    ------
    InputError
        When the matrix is not square, has a non-positive or non-numeric entry, a diagonal
        other than 1, or a pair that is not reciprocal (the first such pair is named).
    """
    values, labels = _square(matrix, criteria)
    return _solve(values, labels, method)


def inconsistent_pairs(result: AhpResult, top: int | None = 3) -> pd.DataFrame:
    """The comparisons that contradict the others most, so that a workshop can revisit them.

    With weights ``w`` a perfectly consistent matrix would hold ``w_a / w_b`` at ``[a, b]``;
    the deviation of a judgement is ``|ln(a_ab · w_b / w_a)|`` (0 when it agrees with the
    weights, ln 3 when it is three times too high or too low).

    Parameters
    ----------
    result
        An AHP result.
    top
        How many pairs to return (all with ``None``).

    Returns
    -------
    pandas.DataFrame
        One row per pair ``a`` before ``b`` in the criteria order, columns ``criterion_a``,
        ``criterion_b``, ``judgement`` (the given ``a_ab``), ``implied`` (``w_a / w_b``) and
        ``deviation``, largest deviation first; pairs that agree with the weights (deviation
        below 1e-9) are left out, so a consistent matrix gives an empty table.
    """
    values = result.matrix.to_numpy(dtype=float)
    labels = list(result.matrix.columns)
    weights = result.weights.reindex(labels).to_numpy(dtype=float)
    i, j = np.triu_indices(len(labels), 1)
    implied = weights[i] / weights[j]
    deviation = np.abs(np.log(values[i, j] / implied))
    frame = pd.DataFrame({
        "criterion_a": [labels[k] for k in i],
        "criterion_b": [labels[k] for k in j],
        "judgement": values[i, j],
        "implied": implied,
        "deviation": deviation,
    })
    frame = frame[frame["deviation"] > 1e-9].sort_values("deviation", ascending=False,
                                                         kind="stable")
    if top is not None:
        frame = frame.head(top)
    return frame.reset_index(drop=True)


# --- groups ------------------------------------------------------------------------------


def aggregate_ahp(matrices: Iterable[MatrixLike] | Mapping[str, MatrixLike],
                  criteria: Sequence[str] | None = None, *,
                  method: AhpMethod = "eigenvector") -> AhpResult:
    """The group's AHP: the element-wise geometric mean of the participants' matrices (AIJ).

    Aggregating individual judgements by the geometric mean keeps the matrix reciprocal
    (Forman & Peniwati 1998); its weights and CR follow as in :func:`ahp`.

    Parameters
    ----------
    matrices
        One comparison matrix per participant (a mapping: participant → matrix, which names
        the participant in error messages). DataFrames must have the same criteria and are
        aligned by label; arrays by position.
    criteria
        As in :func:`ahp`; by default the labels of the first DataFrame.
    method
        See :func:`ahp`.

    Returns
    -------
    AhpResult
        Of the geometric-mean matrix.

    Raises
    ------
    InputError
        When there is no matrix, a matrix is invalid (see :func:`ahp`), or the matrices
        compare different criteria.
    """
    named = (list(matrices.items()) if isinstance(matrices, Mapping)
             else [(f"matrix {k}", m) for k, m in enumerate(matrices)])
    if not named:
        raise InputError("aggregate_ahp needs at least one comparison matrix")
    stack: list[np.ndarray] = []
    labels: list[str] | None = None
    for name, matrix in named:
        # later matrices are aligned to the criteria (and order) of the first
        values, found_labels = _square(matrix, criteria if labels is None else labels,
                                       str(name))
        if labels is None:
            labels = found_labels
        elif values.shape != stack[0].shape:
            raise InputError(f"{name} is {values.shape[0]}×{values.shape[0]}, the first "
                             f"matrix {stack[0].shape[0]}×{stack[0].shape[0]}")
        stack.append(values)
    assert labels is not None
    logs = np.log(np.stack(stack)).mean(axis=0)
    upper = np.triu(logs, 1)
    mean = np.exp(upper - upper.T)  # exactly reciprocal, ones on the diagonal
    return _solve(mean, labels, method)


__all__ = [
    "CR_LIMIT",
    "MAX_AHP_CRITERIA",
    "RANDOM_INDEX",
    "RECIPROCAL_TOLERANCE",
    "AhpMethod",
    "AhpResult",
    "aggregate_ahp",
    "ahp",
    "inconsistent_pairs",
]
