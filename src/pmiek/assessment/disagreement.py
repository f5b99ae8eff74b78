r"""Where the MCA methods disagree on the first two places, the criteria that cause it.

:func:`~pmiek.assessment.score.assess` ranks the variants on their expected partial values
(higher is better) three ways: the weighted sum, TOPSIS (vector normalisation) and PROMETHEE II
(usual preference function). :func:`disagreements` compares each of the last two with the
weighted sum, whose first two are *w₁* and *w₂*:

* when method *M* does not rank *w₁* first, the pair is *a* = *w₁* and *m* = the variant *M*
  ranks first (place 1);
* else, when *M* ranks some variant other than *w₁* strictly above *w₂*, the pair is *a* = *w₂*
  and *m* = the best of those (place 2);

and names, for that pair, the criteria that make *M* put *m* above *a* where the weighted sum
does not. Of variants *M* ranks equal, the first in the variants' order is taken.

Per criterion *j* each method's score difference *m* − *a* is split into additive parts
:math:`g_j` (positive: in favour of *m*), exactly summing to the difference:

* weighted sum: :math:`g_j = w_j (v_{mj} - v_{aj})`;
* PROMETHEE II: :math:`g_j = w_j (\phi_j(m) - \phi_j(a))` with :math:`\phi_j` the net flow on
  criterion *j* alone, :math:`\phi_j(x) = \frac{1}{n-1}\sum_b [P(x_j - b_j) - P(b_j - x_j)]`;
* TOPSIS: the change of the closeness coefficient when the weighted normalised values move
  from *a*'s to *m*'s along the straight line between them, per criterion (the path-integrated
  gradient, Aumann–Shapley; the ideal and anti-ideal stay those of all variants), integrated
  by the midpoint rule over :data:`STEPS` steps, the quadrature's residual (below 1e-5)
  spread over the parts in proportion to their size.

Each method's parts become shares of its total: :math:`h_j = g_j / \sum_k |g_k|`. Under the
weighted sum :math:`\sum_j h^{ws}_j \le 0` (*a* is not behind), under *M*
:math:`\sum_j h^M_j > 0`. The shift of criterion *j* is :math:`\delta_j = h^M_j - h^{ws}_j`.

**The rule.** The criteria named are the fewest whose shift turns the balance: sorted by
:math:`\delta_j`, largest first (ties in the framework's order), the shortest head *N* with
:math:`\sum_j h^{ws}_j + \sum_{j \in N} \delta_j > 0` — counted as *M* counts them and the
other criteria as the weighted sum counts them, *m* would be ahead. No smaller set can do it
(the head holds the largest shifts). Criteria whose shift equals that of the last one named
(within :data:`TIE`) are named with it, so that a tie is never broken by the order of the
criteria. Each named criterion comes with the variant that is
ahead on it: a criterion on which *m* is ahead and that *M* weighs more, or one on which *a*
is ahead and that *M* weighs less.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.assessment.mcda import promethee_ii, topsis, weighted_sum
from pmiek.domain.arrays import Floats

METHODS = ("topsis", "promethee_ii")
"""The methods compared with the weighted sum, in the order they are reported."""
STEPS = 4096
"""Midpoint steps of TOPSIS' path integral (before the residual is spread, its parts add up
to the closeness difference within 1e-5)."""
TIE = 1e-12
"""Shifts closer than this are equal."""
TABLE_COLUMNS = ["criterion", "weighted_sum", "method", "share_weighted_sum", "share_method",
                 "shift", "named"]
"""The columns of :attr:`Disagreement.table`."""


@dataclass(frozen=True)
class Disagreement:
    """Method ``method`` puts ``other`` on ``place`` (1 or 2) where the weighted sum puts
    ``first``; the ``criteria`` that cause it (largest shift first) and, per criterion, the
    variant ahead on it (``ahead``; ``""`` when equal). ``table`` has every criterion's parts,
    shares and shift (:data:`TABLE_COLUMNS`)."""

    method: str
    first: str
    other: str
    criteria: tuple[str, ...]
    ahead: tuple[str, ...]
    table: pd.DataFrame
    place: int = 1


def _shares(parts: Floats) -> Floats:
    total = np.abs(parts).sum()
    return parts / total if total > 0 else np.zeros_like(parts)


def weighted_sum_parts(v: Floats, w: Floats, a: int, m: int) -> Floats:
    """(C,) the weighted sum's difference m − a per criterion."""
    return np.asarray(w * (v[m] - v[a]))


def promethee_parts(v: Floats, w: Floats, a: int, m: int) -> Floats:
    """(C,) PROMETHEE II's (usual preference) net flow difference m − a per criterion."""
    n = v.shape[0]
    d = v[:, None, :] - v[None, :, :]  # (A, A, C)
    flow = ((d > 0).sum(axis=1) - (d < 0).sum(axis=1)) / (n - 1)  # (A, C) per criterion
    return np.asarray(w * (flow[m] - flow[a]))


def topsis_parts(v: Floats, w: Floats, a: int, m: int, steps: int = STEPS) -> Floats:
    """(C,) TOPSIS' (vector normalisation) closeness difference m − a per criterion: the
    gradient of the closeness integrated along the straight line from a to m."""
    norm = np.linalg.norm(v, axis=0)
    x = np.where(norm > 0, v / np.where(norm > 0, norm, 1.0), 0.0) * w
    ideal, anti = x.max(axis=0), x.min(axis=0)
    t = (np.arange(steps) + 0.5) / steps
    path = x[a] + t[:, None] * (x[m] - x[a])  # (steps, C)
    to_ideal = np.sqrt(((path - ideal) ** 2).sum(axis=1))[:, None]
    to_anti = np.sqrt(((path - anti) ** 2).sum(axis=1))[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        d_ideal = np.where(to_ideal > 0, (path - ideal) / to_ideal, 0.0)
        d_anti = np.where(to_anti > 0, (path - anti) / to_anti, 0.0)
        gradient = np.where(to_ideal + to_anti > 0,
                            (to_ideal * d_anti - to_anti * d_ideal)
                            / (to_ideal + to_anti) ** 2, 0.0)
    parts = gradient.mean(axis=0) * (x[m] - x[a])
    # the quadrature's small residual, spread in proportion to the parts: they add up exactly
    closeness = _closeness(x[[a, m]], ideal, anti)
    size = np.abs(parts).sum()
    if size > 0:
        parts = parts + (closeness[1] - closeness[0] - parts.sum()) * np.abs(parts) / size
    return np.asarray(parts)


def _closeness(x: Floats, ideal: Floats, anti: Floats) -> Floats:
    to_ideal = np.sqrt(((x - ideal) ** 2).sum(axis=1))
    to_anti = np.sqrt(((x - anti) ** 2).sum(axis=1))
    total = to_ideal + to_anti
    return np.asarray(np.divide(to_anti, total, out=np.full(len(total), 0.5),
                                where=total > 0))


PARTS = {"topsis": topsis_parts, "promethee_ii": promethee_parts}


def explain(values: pd.DataFrame, weights: Floats, method: str, first: str, other: str, *,
            place: int = 1) -> Disagreement:
    """Why ``method`` ranks ``other`` above ``first`` where the weighted sum does not (see
    the module docstring), for ``place`` 1 or 2. ``values``: variants × criteria, higher is
    better."""
    v = values.to_numpy(dtype=float)
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    names = [str(i) for i in values.index]
    a, m = names.index(first), names.index(other)
    base = weighted_sum_parts(v, w, a, m)
    moved = PARTS[method](v, w, a, m)
    h_ws, h_m = _shares(base), _shares(moved)
    shift = h_m - h_ws
    order = np.argsort(-shift, kind="stable")
    balance = h_ws.sum() + np.cumsum(shift[order])
    turned = np.flatnonzero(balance > 0)
    k = int(turned[0]) + 1 if len(turned) else len(order)
    k += int(np.sum(np.abs(shift[order[k:]] - shift[order[k - 1]]) <= TIE))  # a tie: all
    named = order[:k]
    criteria = [str(c) for c in values.columns]
    difference = v[m] - v[a]
    ahead = tuple(other if difference[j] > 0 else first if difference[j] < 0 else ""
                  for j in named)
    table = pd.DataFrame({"criterion": criteria, "weighted_sum": base, "method": moved,
                          "share_weighted_sum": h_ws, "share_method": h_m, "shift": shift,
                          "named": np.isin(np.arange(len(criteria)), named)})
    return Disagreement(method, first, other, tuple(criteria[j] for j in named), ahead,
                        table[TABLE_COLUMNS], place)


def disagreements(values: pd.DataFrame, weights: Floats, first: str
                  ) -> tuple[Disagreement, ...]:
    """For TOPSIS and PROMETHEE II, in that order, where it disagrees with the weighted sum on
    the first two places (see the module docstring): why (:func:`explain`). ``first`` is the
    weighted sum's winner (as the assessment chose it among equals); its second is the next
    by weighted sum (of equals, the first in ``values``' order). ``values``: variants ×
    criteria, higher is better, as :func:`~pmiek.assessment.score.assess` ranks them."""
    benefit = ["benefit"] * values.shape[1]
    scored = {"weighted_sum": weighted_sum(values, weights, benefit, normalization="none"),
              "topsis": topsis(values, weights, benefit, normalization="vector"),
              "promethee_ii": promethee_ii(values, weights, benefit, preference="usual")}
    names = [str(i) for i in values.index]
    a = names.index(first)
    rest = np.array([i for i in range(len(names)) if i != a], dtype=int)
    by_sum = rest[np.argsort(-scored["weighted_sum"].values[rest], kind="stable")]
    found = []
    for method in METHODS:
        ranks = np.asarray(scored[method].ranks)
        if ranks[a] != 1:
            other = int(np.flatnonzero(ranks == 1)[0])
            found.append(explain(values, weights, method, first, names[other]))
        elif len(by_sum) >= 2 and ranks[by_sum[0]] > ranks[rest].min():
            other = int(rest[np.argmin(ranks[rest])])
            found.append(explain(values, weights, method, names[by_sum[0]], names[other],
                                 place=2))
    return tuple(found)


__all__ = ["METHODS", "STEPS", "TABLE_COLUMNS", "TIE", "Disagreement", "disagreements", "explain",
           "promethee_parts", "topsis_parts", "weighted_sum_parts"]
