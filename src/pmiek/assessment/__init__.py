"""Step 4, scoren en wegen: MCA methods, SMAA-2, indicators and the priority list.

The public functions of DESIGN.md ("Assessment")::

    pmiek.assessment.weighted_sum(matrix, weights, directions, normalization="minmax")
    pmiek.assessment.topsis(matrix, weights, directions, normalization="vector")
    pmiek.assessment.promethee_ii(matrix, weights, directions, preference="usual", q=None, p=None)
    pmiek.assessment.smaa(values, weights)

``pmiek.assessment.score.assess`` puts them together on a framework and a set of variants;
``pmiek.assessment.indicators`` measures the variants and ``pmiek.assessment.priority``
makes the priority list.
"""

from pmiek.assessment.mcda import Scores, promethee_ii, topsis, weighted_sum
from pmiek.assessment.smaa import SmaaResult, smaa

__all__ = ["Scores", "SmaaResult", "promethee_ii", "smaa", "topsis", "weighted_sum"]
