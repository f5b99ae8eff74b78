"""Step 4, scoren en wegen: MCA methods, SMAA-2, indicators and the priority list.

The public functions of DESIGN.md ("Assessment")::

    pmiek.assessment.appraise(workspace, variant_set) -> Appraisal    # the whole step
    pmiek.assessment.weighted_sum(matrix, weights, directions, normalization="minmax")
    pmiek.assessment.topsis(matrix, weights, directions, normalization="vector")
    pmiek.assessment.promethee_ii(matrix, weights, directions, *, preference="usual", q=None,
                                  p=None)
    pmiek.assessment.smaa(values, weights)
    pmiek.assessment.priority_list(variant, workspace)

``assess`` puts the MCA methods together on a framework and a performance table;
``pmiek.assessment.indicators`` measures the variants.
"""

from pmiek.assessment.appraisal import (
    Appraisal,
    WeightChoice,
    appraise,
    framework_of,
    session_weight_sets,
)
from pmiek.assessment.indicators import REGISTRY, Indicator, performance, registry_frame
from pmiek.assessment.mcda import Scores, promethee_ii, topsis, weighted_sum
from pmiek.assessment.priority import priority_list, priority_notes, tier_rule
from pmiek.assessment.score import WEIGHT_MODES, Assessment, assess
from pmiek.assessment.smaa import SmaaResult, smaa
from pmiek.assessment.value_range import ValueRange, value_range

__all__ = ["REGISTRY", "WEIGHT_MODES", "Appraisal", "Assessment", "Indicator", "Scores",
           "SmaaResult", "ValueRange", "WeightChoice", "appraise", "assess", "framework_of",
           "performance", "priority_list", "priority_notes", "promethee_ii", "registry_frame",
           "session_weight_sets", "smaa", "tier_rule", "topsis", "value_range", "weighted_sum"]
