"""Step 2, the afwegingskader: criteria tree, value functions and weights.

::

    from pmiek.framework import Framework, Direction, ahp, swing_weights

- the tree (:mod:`~pmiek.framework.tree`, read by :mod:`~pmiek.framework.criteria_table`):
  :class:`Framework`, :class:`Criterion`, :class:`ValueFunction` and the closed sets
  :class:`Direction`, :class:`ValueFunctionKind`, :class:`CriterionStatus`;
- weights (:mod:`~pmiek.framework.weights`): direct, swing, a group's summary, the tree's
  global weights;
- AHP (:mod:`~pmiek.framework.ahp`, :mod:`~pmiek.framework.ahp_matrix`,
  :mod:`~pmiek.framework.ahp_pairs`): weights and consistency from a comparison matrix or a
  list of pairwise judgements.

Nothing here reads files or imports more than numpy, pandas and the domain's problems.
"""

from pmiek.framework.ahp import (
    CR_LIMIT,
    AhpMethod,
    AhpResult,
    aggregate_ahp,
    ahp,
    inconsistent_pairs,
)
from pmiek.framework.ahp_matrix import (
    MAX_AHP_CRITERIA,
    RANDOM_INDEX,
    RECIPROCAL_TOLERANCE,
    MatrixLike,
    comparison_matrix,
)
from pmiek.framework.ahp_pairs import PairIssue, PairIssueKind, ahp_from_pairs, check_pairs
from pmiek.framework.criteria_table import KnownIndicators, read_criteria
from pmiek.framework.enums import (
    CRITERION_DIRECTIONS,
    CriterionStatus,
    Direction,
    ValueFunctionKind,
)
from pmiek.framework.tree import GRID_OPERATOR_GROUPS, Criterion, Framework
from pmiek.framework.value_function import Points, ValueFunction, parse_points, read_points
from pmiek.framework.weights import (
    WeightSummary,
    aggregate_weights,
    direct_weights,
    global_weights,
    swing_weights,
)

__all__ = [
    "CRITERION_DIRECTIONS",
    "CR_LIMIT",
    "GRID_OPERATOR_GROUPS",
    "MAX_AHP_CRITERIA",
    "RANDOM_INDEX",
    "RECIPROCAL_TOLERANCE",
    "AhpMethod",
    "AhpResult",
    "Criterion",
    "CriterionStatus",
    "Direction",
    "Framework",
    "KnownIndicators",
    "MatrixLike",
    "PairIssue",
    "PairIssueKind",
    "Points",
    "ValueFunction",
    "ValueFunctionKind",
    "WeightSummary",
    "aggregate_ahp",
    "aggregate_weights",
    "ahp",
    "ahp_from_pairs",
    "check_pairs",
    "comparison_matrix",
    "direct_weights",
    "global_weights",
    "inconsistent_pairs",
    "parse_points",
    "read_criteria",
    "read_points",
    "swing_weights",
]
