"""Multi-criteria decision analysis: the weighted sum, TOPSIS and PROMETHEE II.

Every method takes a performance matrix (alternatives × criteria), criterion weights and
criterion directions, and returns :class:`Scores` in which a **higher score is better** and
rank 1 is the best.

Conventions shared by all methods
---------------------------------
* ``matrix``: an ``(n_alt, n_crit)`` array-like, or a :class:`pandas.DataFrame` whose index
  names the alternatives and whose columns name the criteria. Every value must be finite.
* ``weights``: one per criterion, finite and >= 0 with a positive sum; a :class:`pandas.Series`
  is aligned on the criterion names when the matrix is a DataFrame. Weights are **normalised to
  sum to 1** before use, so ``[2, 1, 1]`` and ``[0.5, 0.25, 0.25]`` give the same scores.
* ``directions``: one per criterion, ``"benefit"`` (higher is better, also ``+1``) or
  ``"cost"`` (lower is better, also ``-1``); a Series is aligned like the weights.
* Ranks: 1 is the best; alternatives whose scores differ by at most ``TIE_RTOL`` times the
  scale of the method's terms (1 for TOPSIS and PROMETHEE II, the largest absolute normalised
  value for the weighted sum) share the best ("min") rank of their group, so that round-off
  does not split genuine ties.

The normalisations of the weighted sum (:func:`~pmiek.assessment.normalization.normalize`)
are described in :mod:`pmiek.assessment.normalization`; TOPSIS scales its matrix as
:func:`topsis` describes.

References
----------
.. [1] Hwang, C. L., & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and
   Applications. Springer. https://doi.org/10.1007/978-3-642-48318-9
.. [2] Brans, J. P., & Vincke, Ph. (1985). A preference ranking organisation method (the
   PROMETHEE method for multiple criteria decision-making). Management Science 31(6), 647-656.
   https://doi.org/10.1287/mnsc.31.6.647
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

import numpy as np
import pandas as pd

from pmiek.assessment.normalization import (
    NORMALIZATIONS,
    MatrixLike,
    PerCriterion,
    _Layout,
    _oriented,
    _per_criterion,
    _read_directions,
    _read_matrix,
    _read_normalization,
    _read_weights,
    _scaled,
)
from pmiek.domain.arrays import Floats, Ints, Objects
from pmiek.errors import InputError

__all__ = [
    "PREFERENCE_FUNCTIONS",
    "TIE_RTOL",
    "TOPSIS_NORMALIZATIONS",
    "Scores",
    "promethee_ii",
    "topsis",
    "weighted_sum",
]

TOPSIS_NORMALIZATIONS: Final = ("vector", "minmax", "none")
"""The normalisations accepted by :func:`topsis`."""

PREFERENCE_FUNCTIONS: Final = ("usual", "ushape", "vshape", "level", "linear")
"""The PROMETHEE preference functions accepted by :func:`promethee_ii`."""

_NEEDS: Final[dict[str, tuple[str, ...]]] = {
    "usual": (), "ushape": ("q",), "vshape": ("p",), "level": ("q", "p"), "linear": ("q", "p"),
}

TIE_RTOL: Final = 1e-12
"""Scores closer than ``TIE_RTOL`` × the scale of the method's terms share a rank."""

Thresholds: TypeAlias = float | Sequence[float | None] | PerCriterion | None
"""A PROMETHEE threshold: one number for all criteria or one per criterion (None/NaN where
the criterion's preference function needs none)."""


@dataclass(frozen=True, eq=False)
class Scores:
    """The result of an MCDA method: one score and one rank per alternative, in input order.

    Attributes
    ----------
    method : str
        ``"weighted_sum"``, ``"topsis"`` or ``"promethee_ii"``.
    values : numpy.ndarray
        ``(n_alt,)`` float scores; higher is better for every method.
    ranks : numpy.ndarray
        ``(n_alt,)`` int ranks, 1 = best; tied scores share the best rank of their group.
    alternatives : tuple of str
        The alternative names (the DataFrame index as str, else ``"0"``, ``"1"``, …).
    criteria : tuple of str
        The criterion names (the DataFrame columns as str, else ``"0"``, ``"1"``, …).
    weights : numpy.ndarray
        ``(n_crit,)`` the weights as used, normalised to sum to 1.
    normalization : str or None
        The normalisation applied to the matrix (``None`` for PROMETHEE II).
    """

    method: str
    values: Floats  # (n_alt,)
    ranks: Ints  # (n_alt,)
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: Floats  # (n_crit,)
    normalization: str | None

    def to_frame(self) -> pd.DataFrame:
        """The scores as a table with columns ``alternative``, ``score`` and ``rank``, sorted
        by rank (ties keep their input order)."""
        frame = pd.DataFrame({"alternative": list(self.alternatives),
                              "score": self.values, "rank": self.ranks})
        return frame.sort_values("rank", kind="stable").reset_index(drop=True)


# --- methods ----------------------------------------------------------------------------


def _ranks(values: Floats, scale: float) -> Ints:
    """1 = highest; values within ``TIE_RTOL × scale`` (chained) share the best rank."""
    order = np.argsort(-values, kind="stable")
    ordered = values[order]
    tolerance = TIE_RTOL * scale
    starts = np.concatenate(([True], ordered[:-1] - ordered[1:] > tolerance))
    first = np.maximum.accumulate(np.where(starts, np.arange(len(values)), 0))
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = first + 1
    return ranks


def _scores(method: str, values: Floats, layout: _Layout, weights: Floats, *,
            normalization: str | None, scale: float = 1.0) -> Scores:
    values = np.asarray(values, dtype=float)
    ranks = _ranks(values, scale)
    for array in (values, ranks, weights):
        array.setflags(write=False)
    return Scores(method, values, ranks, layout.alternatives, layout.criteria, weights,
                  normalization)


def weighted_sum(matrix: MatrixLike, weights: PerCriterion, directions: PerCriterion,
                 normalization: str = "minmax") -> Scores:
    r"""The weighted sum model (simple additive weighting).

    Parameters
    ----------
    matrix : array-like or pandas.DataFrame
        ``(n_alt, n_crit)`` performances; a DataFrame's index names the alternatives.
    weights : sequence or pandas.Series
        One weight per criterion, >= 0 with a positive sum; normalised to sum to 1.
    directions : sequence or pandas.Series
        ``"benefit"``/``"cost"`` (or ``+1``/``-1``) per criterion.
    normalization : {"minmax", "vector", "sum", "max", "none"}
        How the matrix is made comparable and benefit oriented (see
        :func:`~pmiek.assessment.normalization.normalize`).

    Returns
    -------
    Scores
        ``values`` in [0, 1] for ``minmax``, ``sum`` and ``max``.

    Notes
    -----
    .. math:: S_i = \sum_j w_j\, r_{ij}

    with :math:`r` the output of :func:`~pmiek.assessment.normalization.normalize`
    and :math:`\sum_j w_j = 1`.
    """
    layout = _read_matrix(matrix)
    cost = _read_directions(directions, layout)
    w = _read_weights(weights, layout)
    method = _read_normalization(normalization, NORMALIZATIONS, "weighted_sum")
    oriented = _oriented(layout, cost, method)
    values = (oriented * w).sum(axis=1)
    return _scores("weighted_sum", values, layout, w, normalization=method,
                   scale=float(np.abs(oriented).max()))


def topsis(matrix: MatrixLike, weights: PerCriterion, directions: PerCriterion,
           normalization: str = "vector") -> Scores:
    r"""TOPSIS: relative closeness to the ideal solution (Hwang & Yoon 1981).

    Parameters
    ----------
    matrix, weights, directions
        As for :func:`weighted_sum`.
    normalization : {"vector", "minmax", "none"}
        ``vector``: :math:`r_{ij} = x_{ij}/\lVert x_{\cdot j}\rVert_2` (the classical choice);
        ``minmax``: :math:`(x_{ij} - \min_j)/(\max_j - \min_j)`, a constant column 0;
        ``none``: the values as given. The normalised matrix is *not* flipped for cost
        criteria; the direction enters through the ideal and anti-ideal points.

    Returns
    -------
    Scores
        Closeness coefficients in [0, 1]; 1 is the ideal. When every alternative is equal on
        every weighted criterion, all closeness values are 0.5.

    Notes
    -----
    With :math:`v_{ij} = w_j r_{ij}`, the ideal :math:`v^+_j` is the column maximum for a
    benefit and the minimum for a cost criterion, the anti-ideal :math:`v^-_j` the reverse,

    .. math:: C_i = \frac{d^-_i}{d^+_i + d^-_i},\quad d^\pm_i = \lVert v_{i\cdot} - v^\pm\rVert_2

    pymcdm instead flips cost columns (``1 − r``) and then treats every criterion as a benefit.
    For ``vector`` and ``minmax`` that flip is ``r → c − r`` per column, which leaves every
    distance unchanged, so both conventions give the same closeness.
    """
    layout = _read_matrix(matrix)
    cost = _read_directions(directions, layout)
    w = _read_weights(weights, layout)
    method = _read_normalization(normalization, TOPSIS_NORMALIZATIONS, "topsis")
    v = _scaled(layout.x, method) * w
    ideal = np.where(cost, v.min(axis=0), v.max(axis=0))
    anti_ideal = np.where(cost, v.max(axis=0), v.min(axis=0))
    to_ideal = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    to_anti_ideal = np.sqrt(((v - anti_ideal) ** 2).sum(axis=1))
    total = to_ideal + to_anti_ideal
    closeness = np.divide(to_anti_ideal, total, out=np.full(len(total), 0.5), where=total > 0)
    return _scores("topsis", closeness, layout, w, normalization=method)


# --- PROMETHEE II -----------------------------------------------------------------------


def _ramp(d: Floats, low: Floats, high: Floats) -> Floats:
    """0 for d <= low, (d − low)/(high − low) for low < d < high, 1 for d >= high (d > low).

    Divides only inside the ramp, where the ratio is below 1: no overflow for tiny widths and
    no division by zero when high == low (a step at low).
    """
    out = ((d >= high) & (d > low)).astype(float)
    np.divide(d - low, high - low, out=out, where=(d > low) & (d < high))
    return out


_PREFERENCE: Final[dict[str, Callable[[Floats, Floats, Floats], Floats]]] = {
    "usual": lambda d, q, p: (d > 0).astype(float),
    "ushape": lambda d, q, p: (d > q).astype(float),
    "vshape": lambda d, q, p: _ramp(d, np.zeros_like(p), p),
    "level": lambda d, q, p: np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0)),
    "linear": lambda d, q, p: _ramp(d, q, p),
}
"""P(d) for oriented differences ``d`` with per-criterion thresholds ``q`` and ``p``."""


def _read_preferences(preference: str | PerCriterion, layout: _Layout) -> Objects:
    n_crit = len(layout.criteria)
    names = np.array([preference] * n_crit, dtype=object) if isinstance(preference, str) \
        else _per_criterion(preference, "preference", layout, object)
    for j, name in enumerate(names):
        if name not in PREFERENCE_FUNCTIONS:
            raise InputError(f"unknown preference function {name!r} for {layout.criterion(j)}; "
                             f"expected one of {', '.join(map(repr, PREFERENCE_FUNCTIONS))}")
    return names


def _read_threshold(value: Thresholds, what: str, layout: _Layout) -> Floats:
    """Per-criterion thresholds as floats; NaN where none is given."""
    n_crit = len(layout.criteria)
    if value is None:
        return np.full(n_crit, np.nan)
    # numpy's stub wants an ArrayLike, but np.ndim takes any object (a list with None, too)
    if np.ndim(value) == 0 and not isinstance(value, pd.Series):  # type: ignore[arg-type]
        value = [value] * n_crit
    if isinstance(value, pd.Series):
        value = value.astype(object).where(value.notna(), None)
    raw = _per_criterion(value, what, layout, object)
    out = np.full(n_crit, np.nan)
    for j, v in enumerate(raw):
        if v is None:
            continue
        try:
            out[j] = float(v)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{what} must be a number for {layout.criterion(j)}; got "
                             f"{v!r}") from exc
        if not np.isnan(out[j]) and not (np.isfinite(out[j]) and out[j] >= 0):
            raise InputError(f"{what} must be finite and >= 0; {layout.criterion(j)} has "
                             f"{what} = {out[j]}")
    return out


def promethee_ii(matrix: MatrixLike, weights: PerCriterion, directions: PerCriterion, *,
                 preference: str | PerCriterion = "usual", q: Thresholds = None,
                 p: Thresholds = None) -> Scores:
    r"""PROMETHEE II net outranking flows (Brans & Vincke 1985).

    Parameters
    ----------
    matrix, weights, directions
        As for :func:`weighted_sum`; the matrix needs at least 2 alternatives.
    preference : str or sequence of str
        One preference function for all criteria, or one per criterion (a Series is aligned on
        the criterion names): ``"usual"`` P = [d > 0]; ``"ushape"`` P = [d > q];
        ``"vshape"`` P = min(max(d/p, 0), 1); ``"level"`` 0 for d <= q, 1/2 for q < d <= p,
        1 for d > p; ``"linear"`` 0 for d <= q, (d − q)/(p − q) for q < d <= p, 1 for d > p.
    q, p : float or sequence of float, optional
        Indifference (q) and preference (p) thresholds in the units of each criterion: one
        number for all criteria, or one per criterion (``None``/NaN where the criterion's
        function needs none). Required where the function uses them, >= 0, and q <= p.

    Returns
    -------
    Scores
        Net flows in [−1, 1] that sum to 0; ``normalization`` is None.

    Notes
    -----
    With :math:`d_j(a, b) = x_{aj} - x_{bj}` for a benefit and :math:`x_{bj} - x_{aj}` for a
    cost criterion, :math:`\pi(a, b) = \sum_j w_j P_j(d_j(a, b))` and

    .. math:: \phi(a) = \frac{1}{n - 1} \sum_{b} \left[\pi(a, b) - \pi(b, a)\right]

    The computation is vectorised over an ``(n_alt, n_alt, n_crit)`` array of differences.
    """
    layout = _read_matrix(matrix)
    cost = _read_directions(directions, layout)
    w = _read_weights(weights, layout)
    n_alt = layout.x.shape[0]
    if n_alt < 2:
        raise InputError(f"PROMETHEE II needs at least 2 alternatives; got a matrix of shape "
                         f"{layout.x.shape}")
    names = _read_preferences(preference, layout)
    thresholds = {"q": _read_threshold(q, "q", layout), "p": _read_threshold(p, "p", layout)}
    for j, name in enumerate(names):
        for what in _NEEDS[name]:
            if np.isnan(thresholds[what][j]):
                raise InputError(f"preference function {name!r} for {layout.criterion(j)} "
                                 f"needs {what}; none was given")
        if set(_NEEDS[name]) == {"q", "p"} and thresholds["p"][j] < thresholds["q"][j]:
            raise InputError(f"p must be >= q; {layout.criterion(j)} has q = "
                             f"{thresholds['q'][j]} and p = {thresholds['p'][j]}")
    q_, p_ = np.nan_to_num(thresholds["q"]), np.nan_to_num(thresholds["p"])
    d = (layout.x[:, None, :] - layout.x[None, :, :]) * np.where(cost, -1.0, 1.0)
    preferred = np.zeros_like(d)
    for name in sorted(set(names)):
        cols = names == name
        preferred[:, :, cols] = _PREFERENCE[name](d[:, :, cols], q_[cols], p_[cols])
    pi = (preferred * w).sum(axis=2)
    flows = (pi.sum(axis=1) - pi.sum(axis=0)) / (n_alt - 1)
    return _scores("promethee_ii", flows, layout, w, normalization=None)
