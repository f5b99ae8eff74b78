"""The Analytic Hierarchy Process (pmiek.framework.ahp): published cases, properties, validation."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm.weights.subjective import AHP

from pmiek.errors import InputError
from pmiek.framework.ahp import RANDOM_INDEX, aggregate_ahp, ahp, inconsistent_pairs
from pmiek.framework.ahp_pairs import ahp_from_pairs, check_pairs

# --- published cases ---------------------------------------------------------------------

# JMcDM (github.com/jbytecode/JMcDM), test/mcdm/testahp.jl, "AHP - Consistency": the 8×8
# criteria comparison matrix with λmax = 8.72642777111301, CI = 0.10377539587328702 and
# CR = 0.07359957154133831 (tolerance 1e-5 there). JMcDM (src/ahp.jl) derives them with
# Saaty's approximation (normalised columns averaged per row; λmax = mean of (Aw)_i / w_i).
JMCDM = np.array([
    [1, 7, 1 / 5, 1 / 8, 1 / 2, 1 / 3, 1 / 5, 1],
    [1 / 7, 1, 1 / 8, 1 / 9, 1 / 4, 1 / 5, 1 / 9, 1 / 8],
    [5, 8, 1, 1 / 3, 4, 2, 1, 1],
    [8, 9, 3, 1, 7, 5, 3, 3],
    [2, 4, 1 / 4, 1 / 7, 1, 1 / 2, 1 / 5, 1 / 5],
    [3, 5, 1 / 2, 1 / 5, 2, 1, 1 / 3, 1 / 3],
    [5, 9, 1, 1 / 3, 5, 3, 1, 1],
    [1, 8, 1, 1 / 3, 5, 3, 1, 1],
])

# Wang, Y. M., & Chin, K. S. (2011). A linear programming approximation to the eigenvector
# method in the analytic hierarchy process. Information Sciences, 181(23), 5240-5248; as in
# pymcdm's test/test_weights.py::TestAHPWeights (weights rounded to 4 decimals).
WANG_CHIN = np.array([
    [1, 4, 3, 1, 3, 4],
    [1 / 4, 1, 7, 3, 1 / 5, 1],
    [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
    [1, 1 / 3, 5, 1, 1, 1 / 3],
    [1 / 3, 5, 5, 1, 1, 3],
    [1 / 4, 1, 6, 3, 1 / 3, 1],
])
WANG_CHIN_WEIGHTS = [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391]

# Saaty, T. L. (2008). Decision making with the analytic hierarchy process. Int. J. Services
# Sciences, 1(1), 83-98: relative consumption of drinks in the US. Judgements and derived
# weights (3 decimals) as in AHPy's tests/test_ahp.py (github.com/PhilipGriffith/AHPy), which
# also gives CR 0.022 with the random index 1.35 for n = 7 (Saaty 2005).
DRINKS = [
    ("coffee", "wine", 9), ("coffee", "tea", 5), ("coffee", "beer", 2), ("coffee", "soda", 1),
    ("coffee", "milk", 1), ("water", "coffee", 2), ("water", "wine", 9), ("water", "tea", 9),
    ("water", "beer", 3), ("water", "soda", 2), ("water", "milk", 3), ("tea", "wine", 3),
    ("beer", "wine", 9), ("beer", "tea", 3), ("beer", "milk", 1), ("soda", "wine", 9),
    ("soda", "tea", 4), ("soda", "beer", 2), ("soda", "milk", 2), ("milk", "wine", 9),
    ("milk", "tea", 3),
]
DRINK_WEIGHTS = {"beer": 0.116, "coffee": 0.177, "milk": 0.129, "soda": 0.190, "tea": 0.042,
                 "water": 0.327, "wine": 0.019}


def test_jmcdm_consistency_with_the_approximation_jmcdm_uses() -> None:
    result = ahp(JMCDM, method="column_mean")
    assert result.lambda_max == pytest.approx(8.72642777111301, abs=1e-9)
    assert result.ci == pytest.approx(0.10377539587328702, abs=1e-9)
    assert result.cr == pytest.approx(0.07359957154133831, abs=1e-9)
    assert result.consistent


def test_jmcdm_matrix_with_the_eigenvector() -> None:
    """Saaty's eigenvector gives a lower λmax than JMcDM's approximation (always ≥ n and at
    most the approximation's); the values agree with pymcdm's eigen decomposition."""
    result = ahp(JMCDM)
    approximation = ahp(JMCDM, method="column_mean")
    assert 8 < result.lambda_max < approximation.lambda_max
    assert result.lambda_max == pytest.approx(8.698197598212175, abs=1e-9)
    assert result.cr == pytest.approx((result.lambda_max - 8) / 7 / 1.41)
    assert result.consistent
    reference = AHP(matrix=JMCDM)
    np.testing.assert_allclose(result.weights.to_numpy(), reference(), atol=1e-12)
    assert result.ci / 1.41 == pytest.approx(reference.get_cr() * AHP.RI_M[7] / 1.41)
    # the two methods agree on the order of the criteria
    assert list(result.weights.rank()) == list(approximation.weights.rank())


def test_wang_chin_weights_as_in_pymcdm() -> None:
    result = ahp(WANG_CHIN)
    assert [round(w, 4) for w in result.weights] == WANG_CHIN_WEIGHTS
    np.testing.assert_allclose(result.weights.to_numpy(), AHP(matrix=WANG_CHIN)(), atol=1e-12)
    # pymcdm takes the random index from Tummala & Ling (1998): same CI, other RI
    assert result.ci == pytest.approx(AHP(matrix=WANG_CHIN).get_cr() * AHP.RI_M[5], abs=1e-12)
    assert result.cr == pytest.approx(result.ci / 1.24)
    assert result.cr > 0.1 and not result.consistent


def test_saaty_drinks() -> None:
    result = ahp_from_pairs(DRINKS, sorted(DRINK_WEIGHTS))
    assert {c: round(w, 3) for c, w in result.weights.items()} == DRINK_WEIGHTS
    assert round(result.ci / 1.35, 3) == 0.022
    assert result.cr == pytest.approx(result.ci / 1.32)
    assert result.consistent


def test_random_index_table() -> None:
    assert RANDOM_INDEX[:5] == (0.0, 0.0, 0.58, 0.90, 1.12)
    assert RANDOM_INDEX[11] == 1.48 and len(RANDOM_INDEX) == 15


# --- properties --------------------------------------------------------------------------

SAATY = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


@st.composite
def reciprocal(draw: st.DrawFn, low: int = 1, high: int = 9) -> np.ndarray:
    """A reciprocal matrix of Saaty-scale judgements (not necessarily consistent)."""
    n = draw(st.integers(low, high))
    matrix = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            v = draw(st.sampled_from(SAATY))
            # pymcdm checks reciprocals against its own table of 1/v
            matrix[i, j], matrix[j, i] = (v, 1 / v) if v >= 1 else (v, round(1 / v))
    return matrix


weight_vectors = st.integers(1, 12).flatmap(
    lambda n: st.lists(st.floats(0.01, 100), min_size=n, max_size=n))


def consistent(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights)
    return w[:, None] / w[None, :]


@given(weight_vectors)
def test_a_consistent_matrix_returns_its_weights(weights: list[float]) -> None:
    result = ahp(consistent(weights))
    np.testing.assert_allclose(result.weights.to_numpy(), np.asarray(weights) / sum(weights),
                               rtol=1e-8)
    assert result.lambda_max == pytest.approx(len(weights), rel=1e-9)
    assert result.cr == pytest.approx(0, abs=1e-9)
    assert inconsistent_pairs(result).empty
    assert result.warning() is None
    approximation = ahp(consistent(weights), method="column_mean")
    np.testing.assert_allclose(approximation.weights, result.weights, rtol=1e-8)


@settings(max_examples=60)
@given(reciprocal())
def test_weights_sum_to_one_and_match_pymcdm(matrix: np.ndarray) -> None:
    result = ahp(matrix)
    weights = result.weights.to_numpy()
    assert weights.sum() == pytest.approx(1, abs=1e-12)
    assert (weights > 0).all()
    assert result.lambda_max >= len(matrix)
    np.testing.assert_allclose(weights, AHP(matrix=matrix)(), rtol=1e-9, atol=1e-12)
    if len(matrix) >= 3:
        reference_cr = AHP(matrix=matrix).get_cr()
        assert result.cr == pytest.approx(reference_cr * AHP.RI_M[len(matrix) - 1]
                                          / RANDOM_INDEX[len(matrix) - 1], abs=1e-9)
    else:
        assert result.cr == 0


@settings(max_examples=40)
@given(reciprocal(), st.randoms(use_true_random=False))
def test_relabelling_the_criteria_permutes_the_weights(matrix: np.ndarray,
                                                          rng: random.Random) -> None:
    n = len(matrix)
    labels = [f"k{i}" for i in range(n)]
    order = list(range(n))
    rng.shuffle(order)
    frame = pd.DataFrame(matrix, index=labels, columns=labels)
    shuffled = frame.iloc[order, order]
    np.testing.assert_allclose(ahp(shuffled).weights[labels], ahp(frame).weights[labels],
                               atol=1e-12)
    # a DataFrame's criteria argument only chooses the order
    assert list(ahp(frame, criteria=labels[::-1]).weights.index) == labels[::-1]


@settings(max_examples=40)
@given(reciprocal(), st.integers(1, 4))
def test_aggregate_of_identical_matrices_is_the_individual_result(
        matrix: np.ndarray, copies: int) -> None:
    single = ahp(matrix)
    group = aggregate_ahp([matrix] * copies)
    np.testing.assert_allclose(group.weights, single.weights, atol=1e-12)
    assert group.cr == pytest.approx(single.cr, abs=1e-9)


@settings(max_examples=40)
@given(st.integers(2, 8).flatmap(lambda n: st.lists(reciprocal(n, n), min_size=1,
                                                    max_size=5)))
def test_geometric_mean_of_reciprocal_matrices_is_reciprocal(matrices: list[np.ndarray]) -> None:
    result = aggregate_ahp(matrices)
    mean = result.matrix.to_numpy()
    np.testing.assert_allclose(mean * mean.T, 1, rtol=1e-12)
    np.testing.assert_allclose(np.diag(mean), 1)
    expected = np.exp(np.mean(np.log(np.stack(matrices)), axis=0))
    np.testing.assert_allclose(mean, expected, rtol=1e-12)
    assert result.weights.sum() == pytest.approx(1)


@settings(max_examples=40)
@given(st.integers(5, 9).flatmap(lambda n: st.tuples(
    st.lists(st.floats(0.05, 1), min_size=n, max_size=n),
    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
    st.sampled_from([1 / 9, 1 / 5, 5, 9]))))
def test_the_perturbed_judgement_is_the_most_inconsistent(
        case: tuple[list[float], tuple[int, int], float]) -> None:
    weights, (i, j), factor = case
    matrix = consistent(weights)
    matrix[i, j] *= factor
    matrix[j, i] = 1 / matrix[i, j]
    top = inconsistent_pairs(ahp(matrix), top=1).iloc[0]
    assert {top.criterion_a, top.criterion_b} == {f"c{i + 1}", f"c{j + 1}"}


# --- AHP details and validation ----------------------------------------------------------


def test_small_matrices_have_no_inconsistency() -> None:
    one = ahp([[1.0]], ["only"])
    assert one.weights.to_dict() == {"only": 1.0} and one.cr == 0 and one.ci == 0
    two = ahp([[1, 3], [1 / 3, 1]], ["a", "b"])
    assert two.weights.to_dict() == pytest.approx({"a": 0.75, "b": 0.25})
    assert two.cr == 0 and two.lambda_max == pytest.approx(2)


def test_warning_in_dutch_and_english() -> None:
    result = ahp(WANG_CHIN, list("abcdef"))
    dutch = result.warning()
    assert dutch is not None and dutch.startswith(
        "Consistentieratio 0,23 is hoger dan 0,10: de paarsgewijze vergelijkingen spreken "
        "elkaar tegen; herzie ze.")
    # the most inconsistent pair, turned so that the judgement is at least 1
    assert "Kijk eerst naar: a t.o.v. c (gegeven 3, de gewichten geven 9,2)" in dutch
    english = result.warning("en")
    assert english is not None and english.startswith("Consistency ratio 0.23 is higher than "
                                                      "0.10")
    assert "e vs b (given 5, the weights imply 1.7)" in english
    assert ahp(JMCDM).warning() is None


def test_inconsistent_pairs_table() -> None:
    pairs = inconsistent_pairs(ahp(WANG_CHIN), top=None)
    assert len(pairs) == 15
    assert list(pairs.columns) == ["criterion_a", "criterion_b", "judgement", "implied",
                                   "deviation"]
    assert pairs["deviation"].is_monotonic_decreasing
    first = pairs.iloc[0]
    assert (first.criterion_a, first.criterion_b, first.judgement) == ("c1", "c3", 3)
    assert first.deviation == pytest.approx(abs(math.log(3 / first.implied)))


@pytest.mark.parametrize(("matrix", "message"), [
    ([[1, 2, 3], [0.5, 1, 2]], "must be square"),
    ([[1, -2], [-0.5, 1]], "positive finite"),
    ([[1, 0], [0, 1]], "positive finite"),
    ([[1, float("nan")], [1, 1]], "positive finite"),
    ([[1, "x"], [1, 1]], "must be a number"),
    ([[2, 2], [0.5, 1]], "diagonal must be 1"),
    ([[1, 3, 2], [1 / 3, 1, 4], [0.5, 0.3, 1]], r"\[c2, c3\] = 4 but \[c3, c2\] = 0.3"),
    (np.ones((16, 16)), "limited to 15"),
    (np.ones((0, 0)), "empty"),
])
def test_invalid_matrices(matrix: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        ahp(matrix)  # type: ignore[arg-type]


def test_reciprocity_within_tolerance() -> None:
    close = [[1, 3], [1 / 3 * (1 + 5e-7), 1]]
    assert ahp(close).weights.sum() == pytest.approx(1)
    with pytest.raises(InputError, match="not reciprocal"):
        ahp([[1, 3], [0.333, 1]])


def test_invalid_labels() -> None:
    with pytest.raises(InputError, match="2 criteria given for a 3×3"):
        ahp(np.ones((3, 3)), ["a", "b"])
    with pytest.raises(InputError, match="unique"):
        ahp(np.ones((2, 2)), ["a", "a"])
    frame = pd.DataFrame(np.ones((2, 2)), index=["a", "b"], columns=["a", "c"])
    with pytest.raises(InputError, match="row labels"):
        ahp(frame)
    good = pd.DataFrame(np.ones((2, 2)), index=["a", "b"], columns=["a", "b"])
    with pytest.raises(InputError, match="do not match"):
        ahp(good, ["a", "x"])
    with pytest.raises(InputError, match="unknown AHP method"):
        ahp(good, method="geometric")  # type: ignore[arg-type]


def test_a_dataframe_is_aligned_by_label() -> None:
    frame = pd.DataFrame([[1, 1 / 3], [3, 1]], index=["b", "a"], columns=["b", "a"])
    result = ahp(frame.loc[["a", "b"], ["b", "a"]])  # rows in another order than columns
    assert result.weights.to_dict() == pytest.approx({"b": 0.25, "a": 0.75})


def test_ahp_from_pairs_equals_the_matrix() -> None:
    pairs = [("a", "b", 3), ("c", "a", 1 / 5), ("b", "c", 1 / 2)]
    matrix = [[1, 3, 5], [1 / 3, 1, 1 / 2], [1 / 5, 2, 1]]
    np.testing.assert_allclose(ahp_from_pairs(pairs, ["a", "b", "c"]).weights,
                               ahp(matrix).weights)


def test_pair_problems_are_all_reported() -> None:
    pairs = [("a", "b", 3), ("b", "a", 1 / 3), ("a", "c", 2), ("c", "a", 2), ("a", "a", 1),
             ("a", "x", 2), ("b", "d", 0)]
    issues = check_pairs(pairs, ["a", "b", "c", "d"])
    assert [(i.kind, i.index) for i in issues] == [
        ("duplicate", 1), ("contradictory", 3), ("same_criterion", 4),
        ("unknown_criterion", 5), ("bad_value", 6), ("missing", None), ("missing", None),
        ("missing", None)]
    contradictory = issues[1]
    assert contradictory.first == 2 and contradictory.first_value == pytest.approx(0.5)
    assert [(i.a, i.b) for i in issues if i.kind == "missing"] == [
        ("a", "d"), ("b", "c"), ("c", "d")]
    with pytest.raises(InputError, match=r"8 problem\(s\).*contradicts judgement 2.*pair "
                                         r"\(c, d\) is missing"):
        ahp_from_pairs(pairs, ["a", "b", "c", "d"])
    assert check_pairs([("a", "b", 2), ("a", "c", 2), ("b", "c", 1)], ["a", "b", "c"]) == []


def test_aggregate_ahp_checks_its_matrices() -> None:
    a = pd.DataFrame([[1, 2], [0.5, 1]], index=["x", "y"], columns=["x", "y"])
    b = pd.DataFrame([[1, 0.5], [2, 1]], index=["y", "x"], columns=["y", "x"])  # same, reordered
    assert aggregate_ahp({"P1": a, "P2": b}).weights.to_dict() == pytest.approx(
        {"x": 2 / 3, "y": 1 / 3})
    c = pd.DataFrame([[1, 2], [0.5, 1]], index=["x", "z"], columns=["x", "z"])
    with pytest.raises(InputError, match="P2: criteria x, y do not match"):
        aggregate_ahp({"P1": a, "P2": c})
    with pytest.raises(InputError, match="at least one"):
        aggregate_ahp([])
    with pytest.raises(InputError, match="matrix 1 is not reciprocal"):
        aggregate_ahp([np.ones((2, 2)), [[1, 2], [2, 1]]])
    with pytest.raises(InputError, match="3 criteria given for a 2×2"):
        aggregate_ahp([np.ones((3, 3)), np.ones((2, 2))])
