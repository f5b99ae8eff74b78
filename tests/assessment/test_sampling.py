"""Weight samplers: the simplex, constraints, known moments, uniformity and bad inputs."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import pytest
from scipy import stats

from pmiek.assessment import sampling
from pmiek.assessment.sampling import (
    interval_weights,
    intervals_from_sets,
    ordinal_weights,
    participant_weights,
    uniform_simplex,
)
from pmiek.errors import InputError

Method = Literal["auto", "rejection", "hit_and_run"]
P_MIN = 1e-3
"""Smallest accepted p-value of a goodness-of-fit test (seeds are fixed: no flakiness)."""


def on_simplex(w: np.ndarray, n: int, n_crit: int) -> None:
    assert w.shape == (n, n_crit)
    assert (w >= 0).all()
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)


@pytest.mark.parametrize("n_crit", [2, 4, 12])
def test_uniform_simplex_has_the_dirichlet_moments(n_crit: int) -> None:
    n = 200_000
    w = uniform_simplex(n, n_crit, 1)
    on_simplex(w, n, n_crit)
    mean, variance = 1 / n_crit, (n_crit - 1) / (n_crit**2 * (n_crit + 1))
    np.testing.assert_allclose(w.mean(axis=0), mean, atol=5 * np.sqrt(variance / n))
    np.testing.assert_allclose(w.var(axis=0), variance, rtol=0.03)
    # the marginal of Dirichlet(1, …, 1) is Beta(1, n_crit − 1)
    assert stats.kstest(w[:20_000, 0], stats.beta(1, n_crit - 1).cdf).pvalue > P_MIN


def test_a_seed_or_a_generator_reproduces_the_samples() -> None:
    np.testing.assert_array_equal(uniform_simplex(5, 3, 7), uniform_simplex(5, 3, 7))
    generator = np.random.default_rng(7)
    np.testing.assert_array_equal(uniform_simplex(5, 3, generator), uniform_simplex(5, 3, 7))
    assert not np.array_equal(uniform_simplex(5, 3, generator), uniform_simplex(5, 3, 7))
    assert uniform_simplex(0, 3, 1).shape == (0, 3)


@pytest.mark.parametrize("method", ["rejection", "hit_and_run"])
def test_interval_weights_are_uniform_on_a_segment(method: Method) -> None:
    lower, upper = np.array([0.3, 0.1]), np.array([0.8, 0.6])
    w = interval_weights(lower, upper, 20_000, 3, method=method)
    on_simplex(w, 20_000, 2)
    # w1 ranges over [max(0.3, 1 − 0.6), min(0.8, 1 − 0.1)] = [0.4, 0.8]
    assert w[:, 0].min() >= 0.4 - 1e-12 and w[:, 0].max() <= 0.8 + 1e-12
    assert stats.kstest(w[:, 0], stats.uniform(0.4, 0.4).cdf).pvalue > P_MIN


@pytest.mark.parametrize("method", ["auto", "rejection", "hit_and_run"])
def test_interval_weights_match_rejection_from_the_simplex(method: Method) -> None:
    lower, upper = np.array([0.1, 0.2, 0.0]), np.array([0.5, 0.6, 0.4])
    w = interval_weights(lower, upper, 10_000, 4, method=method)
    on_simplex(w, 10_000, 3)
    assert ((w >= lower - 1e-12) & (w <= upper + 1e-12)).all()
    u = uniform_simplex(100_000, 3, 5)
    reference = u[((u >= lower) & (u <= upper)).all(axis=1)]
    for j in range(3):
        assert stats.ks_2samp(w[:, j], reference[:, j]).pvalue > P_MIN
    # a joint check: the share below the reference median of w1 − w2
    median = np.median(reference[:, 0] - reference[:, 1])
    share = np.mean(w[:, 0] - w[:, 1] < median)
    assert abs(share - 0.5) < 4 * np.sqrt(0.25 / 10_000) + 4 * np.sqrt(0.25 / len(reference))


def test_tight_boxes_fall_back_to_hit_and_run(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = sampling._hit_and_run

    def spy(*args: Any, **kwargs: Any) -> np.ndarray:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(sampling, "_hit_and_run", spy)
    n_crit = 12
    # one free weight, eleven capped at 0.1: both proposals are accepted about 0.05% of the time
    lower = np.zeros(n_crit)
    upper = np.r_[np.full(n_crit - 1, 0.1), 0.9]
    w = interval_weights(lower, upper, 300, 6, thin=50)
    assert calls, "expected hit-and-run for an acceptance far below 1%"
    on_simplex(w, 300, n_crit)
    assert ((w >= lower - 1e-12) & (w <= upper + 1e-12)).all()
    calls.clear()
    interval_weights(np.zeros(3), np.ones(3), 50, 6)
    assert not calls


def test_fixed_and_degenerate_bounds() -> None:
    w = interval_weights([0.2, 0.0, 0.1], [0.2, 0.9, 0.5], 1_000, 7)
    on_simplex(w, 1_000, 3)
    np.testing.assert_allclose(w[:, 0], 0.2)
    assert (w[:, 2] >= 0.1 - 1e-12).all() and (w[:, 2] <= 0.5 + 1e-12).all()
    np.testing.assert_allclose(interval_weights([0.5, 0.5], [0.9, 0.9], 4, 1), 0.5)
    np.testing.assert_allclose(interval_weights([0.0, 0.1], [0.3, 0.7], 4, 1), [[0.3, 0.7]] * 4)


@pytest.mark.parametrize(("lower", "upper", "message"), [
    ([0.6, 0.5], [0.9, 0.9], r"Σlower = 1\.1"),
    ([0.0, 0.0], [0.4, 0.5], r"Σupper = 0\.9"),
    ([0.5, 0.2], [0.4, 0.9], "lower > upper for criterion 0"),
    ([0.0, 0.0], [50.0, 50.0], "percentages"),
    ([0.0, 0.0], [1.0, 1.0, 1.0], "same length"),
    ([0.0, np.nan], [1.0, 1.0], "finite"),
])
def test_infeasible_boxes_are_refused(lower: list[float], upper: list[float],
                                      message: str) -> None:
    with pytest.raises(InputError, match=message):
        interval_weights(lower, upper, 10, 1)


def test_bad_method_and_counts_are_refused() -> None:
    with pytest.raises(InputError, match="method"):
        unknown: Any = "gibbs"
        interval_weights([0, 0], [1, 1], 10, 1, method=unknown)
    with pytest.raises(InputError, match="n must be a whole number"):
        uniform_simplex(-1, 3)
    with pytest.raises(InputError, match="n_crit"):
        uniform_simplex(3, 0)


def test_ordinal_weights_follow_the_order_with_rank_order_centroid_means() -> None:
    order = [2, 0, 3, 1]
    n = 100_000
    w = ordinal_weights(order, n, 8)
    on_simplex(w, n, 4)
    ranked = w[:, order]
    assert (np.diff(ranked, axis=1) <= 0).all()
    # the mean of the k-th largest of a uniform simplex point: (1/n) Σ_{i=k}^{n} 1/i
    centroid = np.array([sum(1 / i for i in range(k, 5)) / 4 for k in range(1, 5)])
    np.testing.assert_allclose(ranked.mean(axis=0), centroid, atol=2e-3)


@pytest.mark.parametrize("order", [[0, 0, 1], [1, 2], [0.0, 1.0], []])
def test_ordinal_weights_need_a_permutation(order: list[float]) -> None:
    with pytest.raises(InputError, match="every criterion index"):
        ordinal_weights(order, 5, 1)


SETS = np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6], [0.0, 0.5, 0.5]])


def test_participant_weights_resample_the_sets_uniformly() -> None:
    w = participant_weights(SETS, 30_000, 9)
    on_simplex(w, 30_000, 3)
    which = (w[:, None, :] == SETS[None]).all(axis=2)
    assert (which.sum(axis=1) == 1).all()
    assert stats.chisquare(which.sum(axis=0)).pvalue > P_MIN


def test_participant_weights_blur_around_the_sets() -> None:
    w = participant_weights(SETS, 60_000, 10, concentration=20.0)
    on_simplex(w, 60_000, 3)
    np.testing.assert_allclose(w.mean(axis=0), SETS.mean(axis=0), atol=5e-3)
    assert (w[:, 0] == 0).mean() > 0.3  # participant 3 gives criterion 0 no weight
    near = participant_weights(SETS, 3_000, 11, concentration=1e6)
    assert np.abs(near[:, None, :] - SETS[None]).max(axis=2).min(axis=1).max() < 0.01
    tiny = participant_weights(SETS, 3_000, 12, concentration=1e-3)  # no underflow to 0/0
    on_simplex(tiny, 3_000, 3)


@pytest.mark.parametrize(("sets", "kwargs", "message"), [
    ([[0.5, 0.6]], {}, "row 0 sums to 1.1"),
    ([[1.2, -0.2]], {}, "non-negative"),
    ([0.5, 0.5], {}, "one row per participant"),
    (SETS, {"concentration": 0.0}, "concentration"),
])
def test_participant_inputs_are_checked(sets: Any, kwargs: dict[str, Any],
                                        message: str) -> None:
    with pytest.raises(InputError, match=message):
        participant_weights(sets, 5, 1, **kwargs)


def test_intervals_from_sets_span_the_participants() -> None:
    lower, upper = intervals_from_sets(SETS)
    np.testing.assert_array_equal(lower, [0.0, 0.2, 0.2])
    np.testing.assert_array_equal(upper, [0.5, 0.5, 0.6])
    w = interval_weights(lower, upper, 1_000, 13)
    assert ((w >= lower - 1e-12) & (w <= upper + 1e-12)).all()
