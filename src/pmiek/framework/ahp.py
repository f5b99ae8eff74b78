"""The Analytic Hierarchy Process (AHP): criterion weights from pairwise comparisons.

A participant judges every pair of criteria on Saaty's 1–9 scale ("a is v times as important
as b"), as a matrix (:func:`ahp`) or as a list of pairs (:mod:`pmiek.framework.ahp_pairs`).
The weights come from the principal eigenvector, with the consistency ratio (CR) and the pairs
that contradict the others most (:func:`inconsistent_pairs`). A workshop's participants are
combined by :func:`aggregate_ahp` (the element-wise geometric mean of their comparison
matrices, AIJ). How a comparison matrix is read and checked is in
:mod:`pmiek.framework.ahp_matrix`.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from pmiek.domain.labels import localised
from pmiek.errors import InputError
from pmiek.framework.ahp_matrix import (
    MAX_AHP_CRITERIA,
    RANDOM_INDEX,
    RECIPROCAL_TOLERANCE,
    MatrixLike,
    comparison_matrix,
)

CR_LIMIT = 0.1
"""Saaty's bound: a matrix with CR at most this is consistent enough."""

AhpMethod = Literal["eigenvector", "column_mean"]
"""How :func:`ahp` derives weights and λmax from the matrix.

``eigenvector`` (default)
    Saaty's method: the principal right eigenvector normalised to sum 1, λmax its eigenvalue.
``column_mean``
    Saaty's approximation, common in spreadsheets: normalise each column to sum 1, average
    the rows; λmax is the mean of ``(A w)_i / w_i``. Equal to the eigenvector for a consistent
    matrix; differs slightly otherwise (and gives a slightly higher λmax).
"""


# --- weights from a matrix ---------------------------------------------------------------


def _solve(values: npt.NDArray[np.float64], labels: list[str], method: AhpMethod) -> AhpResult:
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


_DECIMAL = {"nl": ",", "en": "."}
_WARNING = {
    "nl": ("Consistentieratio {cr} is hoger dan {limit}: de paarsgewijze vergelijkingen "
           "spreken elkaar tegen; herzie ze.",
           "{a} t.o.v. {b} (gegeven {given}, de gewichten geven {implied})",
           " Kijk eerst naar: {pairs}."),
    "en": ("Consistency ratio {cr} is higher than {limit}: the pairwise comparisons "
           "contradict each other; revise them.",
           "{a} vs {b} (given {given}, the weights imply {implied})",
           " Look first at: {pairs}."),
}
"""Per language: the warning, one pair, the list of pairs."""


def _decimal(value: float, digits: int, lang: str) -> str:
    return f"{value:.{digits}f}".replace(".", localised(_DECIMAL, lang))


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
        text, pair, listing = localised(_WARNING, lang)
        listed = "; ".join(pair.format(a=a, b=b, given=given, implied=implied)
                           for a, b, given, implied in pairs)
        return text.format(cr=cr, limit=limit) + (listing.format(pairs=listed) if listed
                                                  else "")


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
    values, labels = comparison_matrix(matrix, criteria)
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
    stack: list[npt.NDArray[np.float64]] = []
    labels: list[str] | None = None
    for name, matrix in named:
        # later matrices are aligned to the criteria (and order) of the first
        values, found_labels = comparison_matrix(matrix, criteria if labels is None else labels,
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
