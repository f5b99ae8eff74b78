"""AHP from a list of pairwise judgements, as a workshop sheet gives them.

"a is v times as important as b", one row per pair: :func:`check_pairs` lists everything wrong
with such a list (unknown or repeated criteria, missing, duplicate or contradictory pairs, bad
values); :func:`ahp_from_pairs` builds the reciprocal matrix and runs
:func:`pmiek.framework.ahp.ahp`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from pmiek.errors import InputError
from pmiek.framework.ahp import AhpMethod, AhpResult, ahp
from pmiek.framework.ahp_matrix import RECIPROCAL_TOLERANCE, check_unique

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
    check_unique([str(c) for c in criteria])
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


__all__ = ["PairIssue", "PairIssueKind", "ahp_from_pairs", "check_pairs"]
