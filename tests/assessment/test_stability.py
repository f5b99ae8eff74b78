"""Weight stability intervals: hand-worked cases, ties, and brute force on a fine grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.assessment.stability import weight_stability
from pmiek.errors import InputError

COLUMNS = ["criterion", "weight", "lower", "upper", "swap_at_lower", "swap_at_upper",
           "top_lower", "top_upper"]


def moved(weights: np.ndarray, j: int, t: float) -> np.ndarray:
    """The weights with w_j = t, the others in proportion (equal shares if all are 0)."""
    rest = weights.copy()
    rest[j] = 0.0
    share = rest / rest.sum() if rest.sum() > 0 else np.where(np.arange(len(weights)) == j,
                                                               0.0, 1 / (len(weights) - 1))
    out = (1 - t) * share
    out[j] = t
    return out


def ranking(values: np.ndarray, weights: np.ndarray) -> tuple[int, ...]:
    u = values @ weights
    return tuple(sorted(range(len(u)), key=lambda i: (-u[i], i)))


def test_the_compromise_case_by_hand() -> None:
    # u_a = w1, u_b = 1 − w1, u_c = 0.6: ranking c, a, b for w1 in [0.5, 0.6]; c first on
    # [0.4, 0.6]
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    table = weight_stability(values, [0.55, 0.45], criteria=["x", "y"], alternatives="abc")
    assert list(table.columns) == COLUMNS
    x, y = table.iloc[0], table.iloc[1]
    assert x["criterion"] == "x" and x["weight"] == 0.55
    assert x["lower"] == pytest.approx(0.5) and x["upper"] == pytest.approx(0.6)
    assert x["swap_at_lower"] == ("a", "b") and x["swap_at_upper"] == ("c", "a")
    assert x["top_lower"] == pytest.approx(0.4) and x["top_upper"] == pytest.approx(0.6)
    # moving w2 mirrors it
    assert y["lower"] == pytest.approx(0.4) and y["upper"] == pytest.approx(0.5)
    assert y["swap_at_lower"] == ("c", "a") and y["swap_at_upper"] == ("a", "b")
    assert y["top_lower"] == pytest.approx(0.4) and y["top_upper"] == pytest.approx(0.6)


def test_no_change_up_to_the_boundaries() -> None:
    values = np.array([[1.0, 1.0, 0.9], [0.0, 0.2, 0.1]])
    table = weight_stability(values, [0.2, 0.3, 0.5])
    assert (table["lower"] == 0.0).all() and (table["upper"] == 1.0).all()
    assert table["swap_at_lower"].isna().all() and table["swap_at_upper"].isna().all()
    assert (table["top_lower"] == 0.0).all() and (table["top_upper"] == 1.0).all()


def test_ties_at_the_current_weights() -> None:
    # a and b tie at w = (0, 0, 1); a is ranked first (lower index)
    values = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5]])
    table = weight_stability(values, [0.0, 0.0, 1.0], alternatives="ab")
    # more w1 helps a: the order holds on [0, 1]
    assert (table.loc[0, "lower"], table.loc[0, "upper"]) == (0.0, 1.0)
    assert table.loc[0, "swap_at_upper"] is None
    # more w2 helps b: it overtakes at once
    assert (table.loc[1, "lower"], table.loc[1, "upper"]) == (0.0, 0.0)
    assert table.loc[1, "swap_at_upper"] == ("a", "b")
    assert table.loc[1, "top_upper"] == 0.0
    # w3 = t, the rest spread equally over w1 and w2: both utilities stay 0.5, never swapping
    assert (table.loc[2, "lower"], table.loc[2, "upper"]) == (0.0, 1.0)
    assert table.loc[2, "swap_at_lower"] is None


def test_identical_alternatives_never_swap() -> None:
    values = np.array([[0.3, 0.8], [0.3, 0.8], [0.9, 0.1]])
    table = weight_stability(values, [0.5, 0.5])
    assert all(pair is None or set(pair) != {"0", "1"}
               for pair in pd.concat([table["swap_at_lower"], table["swap_at_upper"]]))


@pytest.mark.parametrize("seed", range(12))
def test_bounds_match_brute_force_on_a_fine_grid(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_alt, n_crit = int(rng.integers(2, 7)), int(rng.integers(2, 6))
    values = rng.random((n_alt, n_crit))
    weights = rng.dirichlet(np.ones(n_crit))
    if seed % 4 == 0:  # one criterion carries all the weight: the rest is spread equally
        weights = np.eye(n_crit)[seed % n_crit]
    table = weight_stability(values, weights)
    step = 1e-4
    grid = np.linspace(0.0, 1.0, round(1 / step) + 1)
    for j in range(n_crit):
        row = table.iloc[j]
        t0 = weights[j]
        current = ranking(values, weights)
        ranks = [ranking(values, moved(weights, j, t)) for t in grid]
        same = np.array([r == current for r in ranks])
        top = np.array([r[0] == current[0] for r in ranks])
        for holds, lo, hi in ((same, row["lower"], row["upper"]),
                              (top, row["top_lower"], row["top_upper"])):
            assert lo <= t0 + 1e-12 and t0 - 1e-12 <= hi
            inside = (grid > lo + step) & (grid < hi - step)
            assert holds[inside].all()
            # just beyond a bound (inside [0, 1]) the ranking has changed
            if lo > step:
                assert not holds[(grid < lo - step) & (grid > lo - 3 * step)].all()
            if hi < 1 - step:
                assert not holds[(grid > hi + step) & (grid < hi + 3 * step)].all()
        # the named pair is the one that swaps
        for bound, pair, side in ((row["lower"], row["swap_at_lower"], -1),
                                  (row["upper"], row["swap_at_upper"], 1)):
            if pair is None:
                assert bound == (0.0 if side < 0 else 1.0)
                continue
            a, b = int(pair[0]), int(pair[1])
            assert current.index(a) < current.index(b)
            beyond = ranking(values, moved(weights, j, bound + side * 1e-7))
            assert beyond.index(a) > beyond.index(b)


@pytest.mark.parametrize(("values", "weights", "message"), [
    (np.ones((2, 1)), [1.0], "at least two criteria"),
    (np.ones(3), [0.5, 0.5], "values must be an array"),
    (np.ones((2, 3)), [0.5, 0.5], "expected 3 weights"),
    (np.ones((2, 2)), [0.5, 0.6], r"sum 1\.1"),
    (np.ones((2, 2)), [1.5, -0.5], "non-negative"),
    (np.array([[1.0, np.nan], [0.0, 1.0]]), [0.5, 0.5], "finite"),
])
def test_bad_inputs_are_refused(values: np.ndarray, weights: list[float], message: str) -> None:
    with pytest.raises(InputError, match=message):
        weight_stability(values, weights)


def test_labels_must_match() -> None:
    with pytest.raises(InputError, match="expected 2 criteria labels"):
        weight_stability(np.eye(2), [0.5, 0.5], criteria=["x"])
