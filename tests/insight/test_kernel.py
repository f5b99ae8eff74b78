"""The compiled pruned reduction against the plain blockwise one, and the fast paths of the
engine's input gathering against the pandas operations they replace."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pmiek.insight.inputs import _profile_codes
from pmiek.insight.kernel import reduce_hourly, reduce_rows

HOURS = 8760


@st.composite
def problems(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients of both signs, profiles with plateaus and ties, and capacities that sit
    on, near and far from the loads — also negative ones (after project deltas)."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    k = draw(st.integers(1, 6))
    rows = draw(st.integers(1, 60))
    profiles = rng.random((k, HOURS))
    if draw(st.booleans()):
        profiles = np.round(profiles * 4) / 4  # plateaus: many hours share the extreme
    if draw(st.booleans()):
        profiles[:, rng.random(HOURS) < 0.5] = 0.0  # PV-like zeros
    coefficients = rng.normal(size=(rows, k)) * rng.choice([1e-3, 1.0, 1e3], size=(rows, 1))
    coefficients[rng.random((rows, k)) < 0.3] = 0.0
    exact = coefficients @ profiles
    pick = rng.integers(0, HOURS, size=rows)
    # a capacity equal to the load at some hour, or a random one of either sign
    cap_d = np.where(rng.random(rows) < 0.5, exact[np.arange(rows), pick],
                     rng.normal(size=rows) * np.abs(exact).max(axis=1))
    cap_f = np.where(rng.random(rows) < 0.5, -exact[np.arange(rows), pick],
                     rng.normal(size=rows) * np.abs(exact).max(axis=1))
    return coefficients, profiles, cap_d, cap_f


@settings(max_examples=60, deadline=None)
@given(problems(), st.integers(1, 2))
def test_pruned_reduction_equals_the_full_one(problem: tuple[np.ndarray, ...],
                                              threads: int) -> None:
    coefficients, profiles, cap_d, cap_f = problem
    pruned = reduce_rows(coefficients, profiles, cap_d, cap_f, threads=threads)
    load = coefficients @ profiles
    truth = reduce_hourly(load, cap_d, cap_f)
    scale = np.abs(coefficients).sum(axis=1) * profiles.max()
    for name in ("peak_demand", "peak_feedin"):
        assert np.all(np.abs(getattr(pruned, name) - getattr(truth, name)) <= 1e-12 * scale)
    # the reported hour holds the peak (ties may pick another hour with the same value)
    rows = np.arange(len(load))
    has_d = truth.peak_demand > 1e-12 * scale
    has_f = truth.peak_feedin > 1e-12 * scale
    at_d = load[rows, pruned.hour_of_peak_demand]
    at_f = -load[rows, pruned.hour_of_peak_feedin]
    assert np.all(np.abs(at_d - truth.peak_demand)[has_d] <= 1e-12 * scale[has_d])
    assert np.all(np.abs(at_f - truth.peak_feedin)[has_f] <= 1e-12 * scale[has_f])
    assert np.all(pruned.hour_of_peak_demand[truth.peak_demand == 0] == 0)
    # hours over capacity: exact except for hours within rounding of the capacity
    margin = 1e-12 * scale[:, None]
    for got, level, sign in ((pruned.hours_over_demand, cap_d, 1.0),
                             (pruned.hours_over_feedin, -cap_f, -1.0)):
        surely = np.count_nonzero(sign * load > sign * level[:, None] + margin, axis=1)
        maybe = np.count_nonzero(sign * load > sign * level[:, None] - margin, axis=1)
        assert np.all((surely <= got) & (got <= maybe))


def test_full_blocks_agree_with_the_pruned_path_in_float64() -> None:
    rng = np.random.default_rng(7)
    coefficients = rng.normal(size=(300, 5))
    profiles = rng.random((5, HOURS))
    cap = np.abs(coefficients).sum(axis=1) * 0.3
    a = reduce_rows(coefficients, profiles, cap, cap)
    b = reduce_rows(coefficients, profiles, cap, cap, pruned=False)
    np.testing.assert_allclose(a.peak_demand, b.peak_demand, rtol=1e-12)
    np.testing.assert_allclose(a.peak_feedin, b.peak_feedin, rtol=1e-12)
    assert np.array_equal(a.hours_over_demand, b.hours_over_demand)
    assert np.array_equal(a.hours_over_feedin, b.hours_over_feedin)
    assert a.hours_over_demand.sum() > 0 and a.hours_over_feedin.sum() > 0


def test_rows_without_load_count_every_hour_only_below_a_negative_capacity() -> None:
    coefficients = np.zeros((3, 2))
    profiles = np.ones((2, HOURS))
    out = reduce_rows(coefficients, profiles, np.array([1.0, -1.0, 0.0]),
                      np.array([-2.0, 1.0, 0.0]))
    assert list(out.hours_over_demand) == [0, HOURS, 0]
    assert list(out.hours_over_feedin) == [HOURS, 0, 0]
    assert list(out.peak_demand) == [0.0, 0.0, 0.0]


@given(st.lists(st.sampled_from(["wonen", "pv", "Wind", "é", "a b"]), min_size=1, max_size=6,
                unique=True),
       st.lists(st.integers(1, 5), min_size=6, max_size=6), st.booleans())
def test_profile_codes_equal_pandas_factorize(names: list[str], lengths: list[int],
                                              shuffle: bool) -> None:
    column = [name for name, n in zip(names, lengths, strict=False) for _ in range(n)]
    if shuffle:
        column = list(np.random.default_rng(len(column)).permutation(column))
    series = pd.Series(column, dtype="string")
    codes, ids = _profile_codes(series)
    expected_codes, expected_ids = pd.factorize(series, sort=True)
    assert list(ids) == list(expected_ids)
    assert np.array_equal(codes, expected_codes)
