"""Weights of the criteria: elicitation in a workshop and aggregation over its participants.

Four ways to turn judgements into weights that sum to 1:

* :func:`direct_weights` — points (for example 100 points divided over the criteria);
* :func:`swing_weights` — swing weighting: the most important swing (from worst to best on
  its criterion) scores 100, every other swing 0–100 relative to it;
* :func:`ahp` and :func:`ahp_from_pairs` — the Analytic Hierarchy Process: pairwise
  comparisons on Saaty's 1–9 scale, weights from the principal eigenvector, with the
  consistency ratio (CR) and the pairs that contradict the others most
  (:func:`inconsistent_pairs`);
* :func:`global_weights` — the weights of a criteria tree: local weights per sibling group
  multiplied along the path from the root.

A workshop's participants are combined by :func:`aggregate_ahp` (the element-wise geometric
mean of their comparison matrices, AIJ) or :func:`aggregate_weights` (mean, geometric mean and
spread of their weight sets).

Every function is pure (no files). Unusable input raises :class:`~pmiek.errors.InputError`
with an English message; texts meant for workshop participants (:meth:`AhpResult.warning`) are
Dutch by default and English with ``lang="en"``.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Saaty, T. L. (2008). Decision making with the analytic hierarchy process. *International
Journal of Services Sciences*, 1(1), 83–98.
Forman, E., & Peniwati, K. (1998). Aggregating individual judgments and priorities with the
analytic hierarchy process. *European Journal of Operational Research*, 108(1), 165–169.
"""

from __future__ import annotations

import math
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


# --- AHP ---------------------------------------------------------------------------------


def _labels(criteria: Sequence[Hashable] | None, n: int) -> list[str]:
    if criteria is None:
        return [f"c{i + 1}" for i in range(n)]
    labels = [str(c) for c in criteria]
    if len(labels) != n:
        raise InputError(f"{len(labels)} criteria given for a {n}×{n} matrix")
    _check_unique(labels)
    return labels


def _check_unique(labels: Sequence[str]) -> None:
    twice = sorted({c for c in labels if labels.count(c) > 1})
    if twice:
        raise InputError(f"criteria must be unique; repeated: {', '.join(twice)}")


def _square(matrix: MatrixLike, criteria: Sequence[Hashable] | None,
            where: str = "matrix") -> tuple[np.ndarray, list[str]]:
    """A validated positive reciprocal matrix as floats, with its criterion labels."""
    if isinstance(matrix, pd.DataFrame):
        labels = [str(c) for c in matrix.columns]
        rows = [str(r) for r in matrix.index]
        _check_unique(labels)
        if sorted(rows) != sorted(labels) or len(rows) != len(labels):
            raise InputError(f"{where}: the row labels ({', '.join(rows)}) must be the column "
                             f"labels ({', '.join(labels)})")
        frame = matrix.copy()
        frame.index = rows
        frame.columns = labels
        if criteria is not None:
            wanted = [str(c) for c in criteria]
            _check_unique(wanted)
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


PairIssueKind = Literal["unknown_criterion", "same_criterion", "bad_value", "duplicate",
                        "contradictory", "missing"]


@dataclass(frozen=True)
class PairIssue:
    """Something wrong with a list of pairwise judgements (see :func:`check_pairs`).

    Attributes
    ----------
    kind
        ``unknown_criterion``, ``same_criterion`` (a compared with a), ``bad_value`` (not a
        positive finite number), ``duplicate`` (a pair given again, agreeing with the first),
        ``contradictory`` (a pair given again with another judgement) or ``missing``.
    a, b
        The criteria of the pair as given (``missing``: in the criteria order).
    value
        The judgement at ``index`` (``None`` for ``missing``).
    index
        The position of the judgement in the list (``None`` for ``missing``).
    first
        For ``duplicate`` and ``contradictory``: the position of the earlier judgement.
    first_value
        For ``duplicate`` and ``contradictory``: the earlier judgement, stated as ``a`` to
        ``b`` of this one (so ``1/3`` when the earlier row said ``b`` is 3 times ``a``).
    """

    kind: PairIssueKind
    a: str
    b: str
    value: float | None = None
    index: int | None = None
    first: int | None = None
    first_value: float | None = None

    def message(self) -> str:
        """The issue in English."""
        at = f"judgement {self.index}" if self.index is not None else ""
        if self.kind == "unknown_criterion":
            return f"{at}: unknown criterion in pair ({self.a}, {self.b})"
        if self.kind == "same_criterion":
            return f"{at}: compares {self.a!r} with itself"
        if self.kind == "bad_value":
            return (f"{at}: ({self.a}, {self.b}) = {self.value!r} is not a positive finite "
                    "number")
        if self.kind == "duplicate":
            return (f"{at}: pair ({self.a}, {self.b}) was already given as judgement "
                    f"{self.first}; give every pair once")
        if self.kind == "contradictory":
            return (f"{at}: ({self.a}, {self.b}) = {self.value:g} contradicts judgement "
                    f"{self.first}, which amounts to ({self.a}, {self.b}) = "
                    f"{self.first_value:.6g}")
        return f"pair ({self.a}, {self.b}) is missing"


def _judgement(value: object) -> float | None:
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        return None
    number = float(value)
    return number if math.isfinite(number) and number > 0 else None


def check_pairs(pairs: Iterable[tuple[str, str, float]],
                criteria: Sequence[str]) -> list[PairIssue]:
    """Every problem of a list of judgements "a is v times as important as b".

    Each unordered pair of ``criteria`` must be judged exactly once, in either direction
    (``(a, b, 3)`` or ``(b, a, 1/3)``).

    Parameters
    ----------
    pairs
        ``(a, b, v)`` triples.
    criteria
        The criteria to compare (unique).

    Returns
    -------
    list of PairIssue
        Empty when the judgements make a complete reciprocal matrix. Issues of the given
        judgements come in their order; missing pairs follow in the criteria order.
    """
    _check_unique([str(c) for c in criteria])
    known = {str(c): k for k, c in enumerate(criteria)}
    issues: list[PairIssue] = []
    seen: dict[tuple[int, int], tuple[int, float | None, bool]] = {}
    for index, item in enumerate(pairs):
        try:
            a_raw, b_raw, raw_value = item
        except (TypeError, ValueError) as exc:
            raise InputError(f"judgement {index} must be (criterion_a, criterion_b, value), "
                             f"got {item!r}") from exc
        a, b = str(a_raw), str(b_raw)
        value = _judgement(raw_value)
        shown = float(raw_value) if value is not None else None
        if a not in known or b not in known:
            issues.append(PairIssue("unknown_criterion", a, b, shown, index))
            continue
        if a == b:
            issues.append(PairIssue("same_criterion", a, b, shown, index))
            continue
        if value is None:
            issues.append(PairIssue("bad_value", a, b, None, index))
        i, j = known[a], known[b]
        key = (min(i, j), max(i, j))
        if key in seen:
            first, first_value, first_forward = seen[key]
            if value is not None and first_value is not None:
                # the earlier judgement, stated as a to b
                earlier = first_value if first_forward == (i < j) else 1 / first_value
                agree = abs(earlier * (1 / value) - 1) <= RECIPROCAL_TOLERANCE
                kind: PairIssueKind = "duplicate" if agree else "contradictory"
                issues.append(PairIssue(kind, a, b, value, index, first, earlier))
            else:
                issues.append(PairIssue("duplicate", a, b, value, index, first))
            continue
        seen[key] = (index, value, i < j)
    labels = [str(c) for c in criteria]
    for first_index, second_index in zip(*np.triu_indices(len(labels), 1), strict=True):
        r, c = int(first_index), int(second_index)
        if (r, c) not in seen:
            issues.append(PairIssue("missing", labels[r], labels[c]))
    return issues


def ahp_from_pairs(pairs: Iterable[tuple[str, str, float]], criteria: Sequence[str], *,
                   method: AhpMethod = "eigenvector") -> AhpResult:
    """AHP from judgements "a is v times as important as b", one per pair of criteria.

    Parameters
    ----------
    pairs
        ``(a, b, v)`` triples; all n(n − 1)/2 pairs of ``criteria``, each exactly once (in
        either direction). The matrix gets ``v`` at ``[a, b]`` and ``1/v`` at ``[b, a]``.
    criteria
        The criteria compared; their order is the order of the weights.
    method
        See :func:`ahp`.

    Returns
    -------
    AhpResult

    Raises
    ------
    InputError
        Listing every missing, duplicate or contradictory pair, unknown criterion, pair of a
        criterion with itself and non-positive value (see :func:`check_pairs`).
    """
    items = list(pairs)
    labels = [str(c) for c in criteria]
    if not labels:
        raise InputError("give at least one criterion to compare")
    issues = check_pairs(items, labels)
    if issues:
        listed = "; ".join(issue.message() for issue in issues[:20])
        more = f"; and {len(issues) - 20} more" if len(issues) > 20 else ""
        raise InputError(f"{len(issues)} problem(s) in the pairwise judgements: {listed}{more}")
    index = {c: k for k, c in enumerate(labels)}
    values = np.ones((len(labels), len(labels)))
    for a, b, v in items:
        i, j = index[str(a)], index[str(b)]
        values[i, j] = float(v)
        values[j, i] = 1 / float(v)
    return ahp(values, labels, method=method)


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
    if local.index.has_duplicates:
        raise InputError(f"criterion ids must be unique; repeated: "
                         f"{', '.join(map(str, local.index[local.index.duplicated()]))}")
    if parent.index.has_duplicates:
        raise InputError(f"parent has repeated criterion ids: "
                         f"{', '.join(map(str, parent.index[parent.index.duplicated()]))}")
    ids = list(local.index)
    missing = [c for c in ids if c not in parent.index]
    extra = [c for c in parent.index if c not in local.index]
    if missing or extra:
        raise InputError("local and parent must cover the same criteria; "
                         f"without parent entry: {', '.join(map(str, missing)) or '-'}; "
                         f"without local weight: {', '.join(map(str, extra)) or '-'}")
    weights = {c: _number(v, f"local weight of {c!r}") for c, v in local.items()}
    negative = [f"{c}={v:g}" for c, v in weights.items() if v < 0]
    if negative:
        raise InputError(f"local weights must be at least 0; negative: {', '.join(negative)}")
    parents: dict[Hashable, Hashable | None] = {}
    for c in ids:
        p = parent[c]
        if _is_root(p):
            parents[c] = None
        elif p not in weights:
            raise InputError(f"criterion {c!r} has unknown parent {p!r}")
        else:
            parents[c] = p
    for c in ids:
        path = [c]
        node = parents[c]
        while node is not None:
            if node in path:
                cycle = [*path[path.index(node):], node]
                raise InputError("the parents form a cycle: " + " → ".join(map(str, cycle)))
            path.append(node)
            node = parents[node]
    totals: dict[Hashable | None, float] = {}
    for c in ids:
        totals[parents[c]] = totals.get(parents[c], 0.0) + weights[c]
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

    return pd.Series([weight(c) for c in ids], index=local.index, name="global_weight",
                     dtype=float)


__all__ = [
    "CR_LIMIT",
    "MAX_AHP_CRITERIA",
    "RANDOM_INDEX",
    "RECIPROCAL_TOLERANCE",
    "AhpMethod",
    "AhpResult",
    "PairIssue",
    "WeightSummary",
    "aggregate_ahp",
    "aggregate_weights",
    "ahp",
    "ahp_from_pairs",
    "check_pairs",
    "direct_weights",
    "global_weights",
    "inconsistent_pairs",
    "swing_weights",
]
