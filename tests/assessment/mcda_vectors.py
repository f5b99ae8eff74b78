"""Published check vectors for the MCDA methods (numbers only, copied from the sources named).

Each vector records the normalisation it was computed with, because the normalisation moves the
numbers (methods-and-checks.md, section 3, C4–C6).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vector:
    """One published example: inputs, expected scores and the tolerance they are given to."""

    source: str
    matrix: list[list[float]]
    weights: list[float]
    directions: list[str]
    expected: list[float]
    atol: float
    expected_ranks: list[int] | None = None
    options: dict[str, object] = field(default_factory=dict)


# C4 — Tzeng, G.-H., & Huang, J.-J. (2011). Multiple Attribute Decision Making: Methods and
# Applications. CRC Press. As recorded in scikit-criteria tests/agg/test_topsis.py
# (test_TOPSIS_tzeng2011multiple), vector normalisation, closeness to 4 decimals.
TOPSIS_TZENG_HUANG_2011 = Vector(
    source="Tzeng & Huang (2011), via scikit-criteria test_TOPSIS_tzeng2011multiple",
    matrix=[[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]],
    weights=[0.3, 0.4, 0.3],
    directions=["benefit", "benefit", "benefit"],
    expected=[0.5037, 0.6581, 0.7482, 0.3340],
    atol=1e-4,
    expected_ranks=[3, 2, 1, 4],
    options={"normalization": "vector"},
)

# C4 — Opricovic, S., & Tzeng, G.-H. (2004). Compromise solution by MCDM methods: a comparative
# analysis of VIKOR and TOPSIS. EJOR 156(2), 445-455. https://doi.org/10.1016/S0377-2217(03)00020-1
# As recorded in pymcdm tests (TestTOPSIS), min-max normalisation, closeness to 3 decimals.
TOPSIS_OPRICOVIC_TZENG_2004 = Vector(
    source="Opricovic & Tzeng (2004), via pymcdm TestTOPSIS",
    matrix=[[1, 3000], [2, 3750], [5, 4500]],
    weights=[0.5, 0.5],
    directions=["cost", "benefit"],
    expected=[0.500, 0.617, 0.500],
    atol=5e-4,
    expected_ranks=[2, 1, 2],
    options={"normalization": "minmax"},
)

# C5 — Kracka, M., Brauers, W. K. M., & Zavadskas, E. K. (2010). Ranking heating losses in a
# building by applying the MULTIMOORA. Inzinerine Ekonomika 21(4), 352-359. As recorded in
# scikit-criteria tests/agg/test_simple.py (test_WeightedSumModel_kracka2010ranking): cost
# columns inverted (1/x), then every column and the weights scaled to sum 1 — our "sum"
# normalisation. Scores to 8 decimals.
WSM_KRACKA_2010 = Vector(
    source="Kracka, Brauers & Zavadskas (2010), via scikit-criteria "
           "test_WeightedSumModel_kracka2010ranking",
    matrix=[
        [33.95, 23.78, 11.45, 39.97, 29.44, 167.10, 3.852],
        [38.9, 4.17, 6.32, 0.01, 4.29, 132.52, 25.184],
        [37.59, 9.36, 8.23, 4.35, 10.22, 136.71, 10.845],
        [30.44, 37.59, 13.91, 74.08, 45.10, 198.34, 2.186],
        [36.21, 14.79, 9.17, 17.77, 17.06, 148.3, 6.610],
        [37.8, 8.55, 7.97, 2.35, 9.25, 134.83, 11.935],
    ],
    weights=[20, 20, 20, 20, 20, 20, 20],
    directions=["cost", "cost", "cost", "cost", "benefit", "cost", "benefit"],
    expected=[0.12040426, 0.3458235, 0.13838192, 0.12841246, 0.12346084, 0.14351701],
    atol=1e-8,
    expected_ranks=[6, 1, 3, 4, 5, 2],
    options={"normalization": "sum"},
)

# C6 (a) — Zhao, Peng & Li (2013), Procedia Computer Science 17, 181-188. As recorded in pymcdm
# tests (TestPROMETHEE_II), usual criterion, net flows to 2 decimals.
PROMETHEE_ZHAO_2013 = Vector(
    source="Zhao, Peng & Li (2013), via pymcdm TestPROMETHEE_II",
    matrix=[[4, 3, 2], [3, 2, 4], [5, 1, 3]],
    weights=[0.5, 0.3, 0.2],
    directions=["benefit", "benefit", "benefit"],
    expected=[0.1, -0.3, 0.2],
    atol=1e-12,
    expected_ranks=[2, 3, 1],
    options={"preference": "usual"},
)

# C6 (b) — JMcDM (Julia), test/mcdm/testpromethee.jl (8 × 4, linear / V-shape, tolerance 0.005),
# example from Yıldırım & Önder (eds.), Çok Kriterli Karar Verme Yöntemleri, Dora 2015.
# JMcDM reports φ⁻ − φ⁺, the *negative* of the net flow (its promethee() computes
# ``scores = negSum - posSum``); the test therefore compares our φ with −JMCDM_SCORES.
JMCDM_MATRIX = [
    [42.0, 35, 43, 51],
    [89, 72, 92, 85],
    [14, 85, 17, 40],
    [57, 60, 45, 80],
    [48, 32, 43, 40],
    [71, 45, 60, 85],
    [69, 40, 72, 55],
    [64, 35, 70, 60],
]
JMCDM_WEIGHTS = [0.25, 0.35, 0.22, 0.18]
JMCDM_PREFERENCE = ["linear", "vshape", "linear", "linear"]
JMCDM_Q = [49, None, 45, 30]
JMCDM_P = [100, 98, 95, 80]
JMCDM_SCORES = [0.07, -0.15, -0.06, -0.05, 0.10, 0.0, 0.03, 0.06]
"""The test file's expected ``result.scores`` (atol 0.005)."""
JMCDM_SCORES_FULL = [0.0698938775510204, -0.148590956382553, -0.061361984793917565,
                     -0.04780408163265306, 0.09859591836734694, -0.0006389755902360891,
                     0.03236974789915966, 0.057536454581832736]
"""The same example printed to full precision in the docstring of JMcDM src/promethee.jl."""
