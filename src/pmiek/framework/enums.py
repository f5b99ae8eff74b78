"""The closed sets of the afwegingskader: directions, value-function kinds, adoption status.

Each is a :class:`~enum.StrEnum`, so a member equals its string (``Direction.COST == "cost"``)
and tables keep plain strings. The values are those of the data contract
(:mod:`pmiek.domain.tables`: ``DIRECTIONS``, ``VALUE_FUNCTIONS``, ``CRITERION_STATUSES``).
"""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Whether more of an indicator is better or worse.

    A criterion is a ``benefit`` or a ``cost``; an indicator may also be ``neutral``: reported,
    but neither good nor bad in itself (such as a lens's discounted objective terms), so a
    criterion may count it either way.
    """

    BENEFIT = "benefit"
    """More is better."""
    COST = "cost"
    """Less is better."""
    NEUTRAL = "neutral"
    """Neither (indicators only)."""


CRITERION_DIRECTIONS = (Direction.BENEFIT, Direction.COST)
"""The directions a criterion may have."""


class ValueFunctionKind(StrEnum):
    """How a value function maps an indicator to a partial value (see :mod:`.tree`)."""

    LINEAR = "linear"
    PIECEWISE_LINEAR = "piecewise_linear"
    STEP = "step"


class CriterionStatus(StrEnum):
    """Whether a criterion (or the whole framework) is adopted."""

    CONCEPT = "concept"
    ADOPTED = "adopted"


__all__ = [
    "CRITERION_DIRECTIONS",
    "CriterionStatus",
    "Direction",
    "ValueFunctionKind",
]
