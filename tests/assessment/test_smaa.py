"""SMAA-2: the analytic two-criterion case (C3), invariants, a simple reference, inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmiek.assessment.smaa import COUNTING_LIMIT, smaa
from pmiek.errors import InputError

N_ANALYTIC = 100_000


def reference_counts(values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank counts (n_alt × rank) and first-rank weight sums, one sample at a time.

    Utilities are summed over the criteria in their order (as smaa promises); sample s uses
    value sample s % n_v; ties go to the lower index."""
    stack = values if values.ndim == 3 else values[None]
    n_alt, n_crit = stack.shape[1:]
    counts = np.zeros((n_alt, n_alt), dtype=np.int64)
    sums = np.zeros((n_alt, n_crit))
    for s, w in enumerate(weights):
        v = stack[s % len(stack)]
        u = np.zeros(n_alt)
        for j in range(n_crit):
            u = u + w[j] * v[:, j]
        ranking = sorted(range(n_alt), key=lambda i: (-u[i], i))
        for r, i in enumerate(ranking):
            counts[i, r] += 1
        sums[ranking[0]] += w
    return counts, sums


def two_criteria(n: int, seed: int) -> np.ndarray:
    w1 = np.random.default_rng(seed).random(n)
    return np.column_stack([w1, 1.0 - w1])


def within(estimate: np.ndarray, expected: list[float], n: int, sigmas: float = 4.0) -> bool:
    p = np.asarray(expected)
    se = np.sqrt(p * (1 - p) / n)
    return bool(np.all(np.abs(estimate - p) <= sigmas * se))


# --- the analytic case C3 -----------------------------------------------------------------


def test_two_alternatives_split_the_first_rank() -> None:
    result = smaa(np.array([[1.0, 0.0], [0.0, 1.0]]), two_criteria(N_ANALYTIC, 1))
    assert within(result.rank_acceptability[:, 0], [0.5, 0.5], N_ANALYTIC)
    # w1 | a first ~ U(0.5, 1): mean 0.75, standard deviation 0.5/√12
    se = 0.5 / np.sqrt(12) / np.sqrt(N_ANALYTIC / 2)
    assert abs(result.central_weights[0, 0] - 0.75) < 4 * se
    assert abs(result.central_weights[1, 0] - 0.25) < 4 * se
    np.testing.assert_array_equal(result.confidence, [1.0, 1.0])


def test_a_compromise_takes_the_middle_fifth() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    result = smaa(values, two_criteria(N_ANALYTIC, 2), alternatives=["a", "b", "c"])
    assert within(result.rank_acceptability[:, 0], [0.4, 0.4, 0.2], N_ANALYTIC)
    # c is first for w1 in (0.4, 0.6) and never last: a is last for w1 < 0.5, b above
    assert within(result.rank_acceptability[:, 2], [0.5, 0.5, 0.0], N_ANALYTIC)
    # w1 | c first ~ U(0.4, 0.6), w1 | a first ~ U(0.6, 1)
    se_c = 0.2 / np.sqrt(12) / np.sqrt(0.2 * N_ANALYTIC)
    se_a = 0.4 / np.sqrt(12) / np.sqrt(0.4 * N_ANALYTIC)
    np.testing.assert_allclose(result.central_weights[2], [0.5, 0.5], atol=4 * se_c)
    np.testing.assert_allclose(result.central_weights[0], [0.8, 0.2], atol=4 * se_a)
    np.testing.assert_array_equal(result.confidence, [1.0, 1.0, 1.0])
    assert result.alternatives == ("a", "b", "c") and result.criteria == ("0", "1")


def test_helpers_agree_with_the_arrays() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    result = smaa(values, two_criteria(2_000, 3), criteria=["cost", "nature"])
    p = result.rank_acceptability
    np.testing.assert_allclose(result.standard_error(), np.sqrt(p * (1 - p) / 2_000))
    np.testing.assert_allclose(result.holistic_acceptability(), p[:, 0] + 0.5 * p[:, 1])
    np.testing.assert_allclose(result.holistic_acceptability([1, 0, 0]), p[:, 0])
    assert result.rank_counts().sum() == 3 * 2_000
    tidy = result.to_frame()
    assert list(tidy.columns) == ["alternative", "rank", "acceptability"]
    np.testing.assert_allclose(tidy.groupby("alternative")["acceptability"].sum(), 1.0)
    np.testing.assert_allclose(tidy.groupby("rank")["acceptability"].sum(), 1.0)
    assert tidy.loc[(tidy["alternative"] == "2") & (tidy["rank"] == 1),
                    "acceptability"].item() == p[2, 0]
    wide = result.central_weights_frame()
    assert list(wide.columns) == ["alternative", "cost", "nature", "confidence"]
    np.testing.assert_array_equal(wide[["cost", "nature"]].to_numpy(), result.central_weights)
    with pytest.raises(ValueError, match="read-only"):
        result.rank_acceptability[0, 0] = 1.0
    with pytest.raises(InputError, match="meta_weights"):
        result.holistic_acceptability([1, 0])


def test_never_first_has_no_central_weights_and_no_confidence() -> None:
    values = np.array([[1.0, 1.0], [0.0, 0.0], [0.5, 0.2]])
    result = smaa(values, two_criteria(500, 4))
    np.testing.assert_array_equal(result.rank_acceptability[0], [1.0, 0.0, 0.0])
    assert np.isnan(result.central_weights[1:]).all() and np.isnan(result.confidence[1:]).all()
    assert result.confidence[0] == 1.0


def test_scenarios_cycle_and_give_the_confidence_over_scenarios() -> None:
    # scenario 0: a beats b on every criterion; scenario 1: the reverse
    values = np.array([[[1.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, 1.0]]])
    result = smaa(values, two_criteria(1_001, 5))
    np.testing.assert_array_equal(result.rank_counts()[:, 0], [501, 500])
    np.testing.assert_array_equal(result.confidence, [0.5, 0.5])


def test_threads_and_chunks_change_no_count() -> None:
    rng = np.random.default_rng(6)
    values = np.round(rng.random((3, 8, 4)), 1)  # rounded: many ties
    weights = rng.dirichlet(np.ones(4), size=40_000)
    one = smaa(values, weights, threads=1)
    many = smaa(values, weights, threads=2, chunk_size=17_000)
    np.testing.assert_array_equal(one.rank_counts(), many.rank_counts())
    np.testing.assert_allclose(one.central_weights, many.central_weights, rtol=1e-12)
    np.testing.assert_array_equal(one.confidence, many.confidence)
    u = np.zeros((40_000, 8))
    for j in range(4):
        u = u + weights[:, j, None] * values[np.arange(40_000) % 3][:, :, j]
    order = np.argsort(-u, axis=1, kind="stable")
    expected = np.zeros((8, 8), dtype=np.int64)
    np.add.at(expected, (order, np.arange(8)), 1)
    np.testing.assert_array_equal(many.rank_counts(), expected)


def test_many_alternatives_are_sorted_with_the_same_ties() -> None:
    rng = np.random.default_rng(7)
    n_alt = COUNTING_LIMIT + 40
    values = np.round(rng.random((2, n_alt, 3)), 1)
    weights = rng.dirichlet(np.ones(3), size=150)
    weights[:20] = [1 / 3, 1 / 3, 1 / 3]
    counts, sums = reference_counts(values, weights)
    result = smaa(values, weights)
    np.testing.assert_array_equal(result.rank_counts(), counts)
    ok = counts[:, 0] > 0
    np.testing.assert_allclose(result.central_weights[ok], sums[ok] / counts[ok, :1],
                               rtol=1e-12)


# --- properties ---------------------------------------------------------------------------


@st.composite
def problems(draw: st.DrawFn, three_d: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Small problems with many ties: values on a coarse grid, weights from small integers."""
    n_alt = draw(st.integers(1, 6))
    n_crit = draw(st.integers(1, 4))
    n = draw(st.integers(1, 60))
    stacked = draw(st.booleans()) if three_d is None else three_d
    n_v = draw(st.integers(1, n)) if stacked else 0
    cells = st.sampled_from([0.0, 0.25, 0.5, 0.7, 1.0])
    shape = (n_v, n_alt, n_crit) if stacked else (n_alt, n_crit)
    values = np.array(draw(st.lists(cells, min_size=int(np.prod(shape)),
                                    max_size=int(np.prod(shape))))).reshape(shape)
    raw = np.array(draw(st.lists(st.integers(0, 4), min_size=n * n_crit,
                                 max_size=n * n_crit)), dtype=float).reshape(n, n_crit)
    raw[raw.sum(axis=1) == 0, 0] = 1.0
    return values, raw / raw.sum(axis=1, keepdims=True)


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(1, 70))
def test_matches_a_simple_reference(problem: tuple[np.ndarray, np.ndarray],
                                    chunk: int) -> None:
    values, weights = problem
    result = smaa(values, weights, chunk_size=chunk)
    counts, sums = reference_counts(values, weights)
    np.testing.assert_array_equal(result.rank_counts(), counts)
    first = counts[:, 0]
    ok = first > 0
    np.testing.assert_allclose(result.central_weights[ok], sums[ok] / first[ok, None],
                               rtol=1e-12, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_acceptabilities_are_doubly_stochastic_and_central_weights_on_the_simplex(
        problem: tuple[np.ndarray, np.ndarray]) -> None:
    values, weights = problem
    result = smaa(values, weights)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)
    defined = ~np.isnan(result.central_weights).any(axis=1)
    np.testing.assert_array_equal(defined, result.rank_acceptability[:, 0] > 0)
    assert (result.central_weights[defined] >= 0).all()
    np.testing.assert_allclose(result.central_weights[defined].sum(axis=1), 1.0)
    confidence = result.confidence[defined]
    assert ((confidence >= 0) & (confidence <= 1)).all()
    assert np.isnan(result.confidence[~defined]).all()
    if values.ndim == 2:
        assert set(np.unique(confidence)) <= {0.0, 1.0}


@settings(max_examples=40, deadline=None)
@given(problems(three_d=True))
def test_cycled_scenarios_equal_the_runs_per_scenario(
        problem: tuple[np.ndarray, np.ndarray]) -> None:
    values, weights = problem
    n_v = len(values)
    result = smaa(values, weights)
    parts = [smaa(values[k], weights[k::n_v]) for k in range(n_v)]
    counts = sum(part.rank_counts() for part in parts)
    np.testing.assert_array_equal(result.rank_counts(), counts)
    sums = sum(np.nan_to_num(part.central_weights) * part.rank_counts()[:, :1]
               for part in parts)
    first = counts[:, 0]
    ok = first > 0
    np.testing.assert_allclose(result.central_weights[ok], sums[ok] / first[ok, None],
                               rtol=1e-12, atol=1e-15)


@settings(max_examples=40, deadline=None)
@given(problems(), st.data())
def test_a_dominating_alternative_is_always_first(problem: tuple[np.ndarray, np.ndarray],
                                                  data: st.DataObject) -> None:
    values, weights = problem
    alternative = data.draw(st.integers(0, values.shape[-2] - 1))
    values = values.copy()
    values[..., alternative, :] = values.max(axis=-2) + 0.1
    result = smaa(values, weights)
    assert result.rank_acceptability[alternative, 0] == 1.0
    assert result.confidence[alternative] == 1.0
    np.testing.assert_allclose(result.central_weights[alternative], weights.mean(axis=0))


# --- inputs -------------------------------------------------------------------------------

GOOD_VALUES = np.array([[1.0, 0.0], [0.0, 1.0]])
GOOD_WEIGHTS = np.array([[0.5, 0.5], [0.2, 0.8]])


@pytest.mark.parametrize(("values", "weights", "kwargs", "message"), [
    (np.zeros(3), GOOD_WEIGHTS, {}, r"values must be an array .* got shape \(3,\)"),
    (np.zeros((2, 0)), GOOD_WEIGHTS, {}, "at least one"),
    (np.array([["a", "b"]]), GOOD_WEIGHTS, {}, "values must be numbers"),
    (np.array([[1.0, np.nan], [0.0, 1.0]]), GOOD_WEIGHTS, {}, "alternative 0, criterion 1"),
    (np.array([[[1.0, 0.0]], [[np.inf, 0.0]]]), GOOD_WEIGHTS, {}, "value sample 1"),
    (GOOD_VALUES, np.array([0.5, 0.5]), {}, r"weights must be an array \(n_samples ≥ 1, 2\)"),
    (GOOD_VALUES, np.ones((2, 3)) / 3, {}, r"got shape \(2, 3\)"),
    (GOOD_VALUES, np.array([[0.5, 0.5], [np.nan, 1.0]]), {}, "weight row 1"),
    (GOOD_VALUES, np.array([[1.5, -0.5]]), {}, "non-negative"),
    (GOOD_VALUES, np.array([[0.5, 0.5], [0.5, 0.6]]), {}, "row 1 sums to 1.1"),
    (np.zeros((3, 2, 2)), GOOD_WEIGHTS, {}, "3 value samples for 2 weight samples"),
    (GOOD_VALUES, GOOD_WEIGHTS, {"alternatives": ["a"]}, "expected 2 alternatives labels"),
    (GOOD_VALUES, GOOD_WEIGHTS, {"criteria": ["x", "x"]}, "unique"),
    (GOOD_VALUES, GOOD_WEIGHTS, {"criteria": ["x", "confidence"]}, "criterion label"),
    (GOOD_VALUES, GOOD_WEIGHTS, {"chunk_size": 0}, "chunk_size"),
    (GOOD_VALUES, GOOD_WEIGHTS, {"chunk_size": 2.5}, "chunk_size"),
])
def test_bad_inputs_say_what_was_expected(values: np.ndarray, weights: np.ndarray,
                                          kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        smaa(values, weights, **kwargs)


def test_weight_rows_within_the_tolerance_are_accepted() -> None:
    weights = np.array([[0.5 + 5e-7, 0.5], [0.2, 0.8]], dtype=np.float32)
    result = smaa(GOOD_VALUES, weights)
    assert result.n_samples == 2
    np.testing.assert_array_equal(result.rank_counts()[:, 0], [1, 1])
