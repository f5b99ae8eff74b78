"""The MCDA methods (pmiek.assessment.mcda): published vectors, cross-checks with pymcdm and
scikit-criteria on random problems, invariants, and the input errors."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
import skcriteria
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import methods as pm
from pymcdm import normalizations as pn
from skcriteria.agg.simple import WeightedSumModel
from skcriteria.agg.topsis import TOPSIS as SkTOPSIS
from skcriteria.preprocessing.invert_objectives import (
    BenefitCostInverter,
    InvertMinimize,
    MinMaxInverter,
)
from skcriteria.preprocessing.scalers import MinMaxScaler, SumScaler, VectorScaler

from pmiek.assessment.mcda import (
    PREFERENCE_FUNCTIONS,
    Scores,
    promethee_ii,
    topsis,
    weighted_sum,
)
from pmiek.assessment.normalization import normalize
from pmiek.errors import InputError
from tests.assessment import mcda_vectors as pub

# --- 1. published vectors ---------------------------------------------------------------


@pytest.mark.parametrize("vector", [pub.TOPSIS_TZENG_HUANG_2011, pub.TOPSIS_OPRICOVIC_TZENG_2004],
                         ids=["tzeng-huang-2011-vector", "opricovic-tzeng-2004-minmax"])
def test_topsis_reproduces_published_closeness(vector: pub.Vector) -> None:
    scores = topsis(vector.matrix, vector.weights, vector.directions, **vector.options)
    np.testing.assert_allclose(scores.values, vector.expected, rtol=0, atol=vector.atol,
                               err_msg=vector.source)
    assert scores.ranks.tolist() == vector.expected_ranks


def test_weighted_sum_reproduces_kracka_2010() -> None:
    v = pub.WSM_KRACKA_2010
    scores = weighted_sum(v.matrix, v.weights, v.directions, **v.options)
    np.testing.assert_allclose(scores.values, v.expected, rtol=0, atol=v.atol, err_msg=v.source)
    assert scores.ranks.tolist() == v.expected_ranks
    # the same preprocessing written out (1/x for cost, then column sums of 1), without ours
    x = np.asarray(v.matrix, dtype=float)
    cost = np.array([d == "cost" for d in v.directions])
    inverted = np.where(cost, 1 / x, x)
    by_hand = weighted_sum(inverted / inverted.sum(axis=0), v.weights, ["benefit"] * 7,
                           normalization="none")
    np.testing.assert_allclose(by_hand.values, v.expected, rtol=0, atol=v.atol)


def test_promethee_ii_reproduces_zhao_2013() -> None:
    v = pub.PROMETHEE_ZHAO_2013
    scores = promethee_ii(v.matrix, v.weights, v.directions, **v.options)
    np.testing.assert_allclose(scores.values, v.expected, rtol=0, atol=v.atol, err_msg=v.source)
    assert scores.ranks.tolist() == v.expected_ranks


def test_promethee_ii_reproduces_jmcdm_up_to_its_sign_convention() -> None:
    scores = promethee_ii(pub.JMCDM_MATRIX, pub.JMCDM_WEIGHTS, ["benefit"] * 4,
                          preference=pub.JMCDM_PREFERENCE, q=pub.JMCDM_Q, p=pub.JMCDM_P)
    # JMcDM reports φ⁻ − φ⁺ = −φ (see mcda_vectors.py)
    np.testing.assert_allclose(scores.values, -np.asarray(pub.JMCDM_SCORES), rtol=0, atol=0.005)
    np.testing.assert_allclose(scores.values, -np.asarray(pub.JMCDM_SCORES_FULL), rtol=0,
                               atol=1e-12)
    # why the sign must be ours: alternative 1 beats alternative 4 on every (benefit) criterion
    x = np.asarray(pub.JMCDM_MATRIX)
    assert np.all(x[1] > x[4])
    assert scores.values[1] > scores.values[4]
    assert scores.ranks[1] == 1


# --- 2. agreement with pymcdm and scikit-criteria on random problems ---------------------

N_RANDOM = 200
"""Random problems per library and method."""


@dataclass(frozen=True)
class Problem:
    matrix: np.ndarray
    weights: np.ndarray
    cost: np.ndarray
    q: np.ndarray
    p: np.ndarray

    @property
    def directions(self) -> list[str]:
        return ["cost" if c else "benefit" for c in self.cost]

    @property
    def types(self) -> np.ndarray:
        """pymcdm's criterion types: 1 profit, −1 cost."""
        return np.where(self.cost, -1, 1)

    def decision_matrix(self) -> skcriteria.DecisionMatrix:
        return skcriteria.mkdm(self.matrix, [min if c else max for c in self.cost],
                               weights=self.weights)


def random_problems(seed: int, integers: bool) -> Iterator[Problem]:
    """3–12 alternatives × 2–8 criteria, mixed directions, weights > 0 summing to 1. With
    ``integers`` every other problem is integer valued with integer thresholds, so that ties
    occur and PROMETHEE differences fall on 0, q and p exactly; p > 0 and p > q (pymcdm divides
    by p and p − q)."""
    rng = np.random.default_rng(seed)
    for k in range(N_RANDOM):
        n_alt, n_crit = int(rng.integers(3, 13)), int(rng.integers(2, 9))
        x: np.ndarray
        q: np.ndarray
        if integers and k % 2:
            x = rng.integers(1, 30, size=(n_alt, n_crit)).astype(float)
            q = rng.integers(0, 8, size=n_crit).astype(float)
            p = q + rng.integers(1, 10, size=n_crit).astype(float)
        else:
            x = rng.uniform(1.0, 100.0, size=(n_alt, n_crit))
            q = rng.uniform(0.0, 30.0, size=n_crit)
            p = q + rng.uniform(1.0, 40.0, size=n_crit)
        w = rng.uniform(0.05, 1.0, size=n_crit)
        yield Problem(x, w / w.sum(), rng.random(n_crit) < 0.5, q, p)


def run_pymcdm(method: Callable[..., np.ndarray], problem: Problem) -> np.ndarray:
    with warnings.catch_warnings():
        # pymcdm's validation warns when one alternative is best or worst on every criterion
        warnings.filterwarnings("ignore", message=r"Alternatives with indices .* are "
                                r"(dominant|dominated)", category=UserWarning)
        return np.asarray(method(problem.matrix, problem.weights, problem.types), dtype=float)


def run_skcriteria(transformers: list[object], ranker: object,
                   problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    dm = problem.decision_matrix()
    for transformer in transformers:
        dm = transformer.transform(dm)  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        # skcriteria's TOPSIS warns that it is given minimisation objectives
        warnings.filterwarnings("ignore", message="Although TOPSIS can operate with "
                                "minimization objectives", category=UserWarning)
        result = ranker.evaluate(dm)  # type: ignore[attr-defined]
    extra = result.e_
    values = extra.similarity if "similarity" in extra else extra.score
    return np.asarray(values, dtype=float), np.asarray(result.rank_)


@dataclass(frozen=True)
class Case:
    """One method and setting of ours against one library."""

    name: str
    ours: Callable[[Problem], Scores]
    theirs: Callable[[Problem], tuple[np.ndarray, np.ndarray | None]]
    # also integer problems (ties; constant columns, where the weighted sum with min-max
    # differs by design: pymcdm gives such a column 1, we and scikit-criteria give it 0)
    integers: bool = True

    def __str__(self) -> str:
        return f"{self.name}-{N_RANDOM}x"


def pymcdm_case(name: str, ours: Callable[[Problem], Scores],
                make: Callable[[Problem], Callable[..., np.ndarray]],
                integers: bool = True) -> Case:
    def theirs(problem: Problem) -> tuple[np.ndarray, np.ndarray | None]:
        method = make(problem)  # a new instance: PROMETHEE_I consumes its q/p iterator once
        values = run_pymcdm(method, problem)
        return values, np.asarray(method.rank(values))  # type: ignore[attr-defined]
    return Case(f"pymcdm-{name}", ours, theirs, integers)


def skcriteria_case(name: str, ours: Callable[[Problem], Scores],
                    make: Callable[[], tuple[list[object], object]],
                    integers: bool = True) -> Case:
    def theirs(problem: Problem) -> tuple[np.ndarray, np.ndarray | None]:
        return run_skcriteria(*make(), problem)
    return Case(f"skcriteria-{name}", ours, theirs, integers)


def ws(normalization: str) -> Callable[[Problem], Scores]:
    return lambda pr: weighted_sum(pr.matrix, pr.weights, pr.directions, normalization)


def tp(normalization: str) -> Callable[[Problem], Scores]:
    return lambda pr: topsis(pr.matrix, pr.weights, pr.directions, normalization)


def pro(preference: str) -> Callable[[Problem], Scores]:
    return lambda pr: promethee_ii(pr.matrix, pr.weights, pr.directions, preference=preference,
                                   q=pr.q, p=pr.p)


def pymcdm_promethee(preference: str) -> Callable[[Problem], Callable[..., np.ndarray]]:
    return lambda pr: pm.PROMETHEE_II(preference, p=list(pr.p), q=list(pr.q))


PYMCDM_PREFERENCE = {"usual": "usual", "ushape": "ushape", "vshape": "vshape",
                     "level": "level", "linear": "vshape_2"}

CASES = [
    pymcdm_case("WSM-minmax", ws("minmax"), lambda _: pm.WSM(pn.minmax_normalization),
                integers=False),
    pymcdm_case("WSM-vector", ws("vector"), lambda _: pm.WSM(pn.vector_normalization)),
    pymcdm_case("WSM-sum", ws("sum"), lambda _: pm.WSM(pn.sum_normalization)),
    # our "max" (x/max, min/x) is pymcdm's linear_normalization
    pymcdm_case("WSM-max", ws("max"), lambda _: pm.WSM(pn.linear_normalization)),
    pymcdm_case("TOPSIS-minmax", tp("minmax"), lambda _: pm.TOPSIS(pn.minmax_normalization)),
    pymcdm_case("TOPSIS-vector", tp("vector"), lambda _: pm.TOPSIS(pn.vector_normalization)),
    *[pymcdm_case(f"PROMETHEE_II-{ours}", pro(ours), pymcdm_promethee(theirs))
      for ours, theirs in PYMCDM_PREFERENCE.items()],
    # MinMaxInverter warns about constant columns, so only continuous problems here
    skcriteria_case("WSM-minmax", ws("minmax"), lambda: ([MinMaxInverter()], WeightedSumModel()),
                    integers=False),
    skcriteria_case("WSM-sum", ws("sum"),
                    lambda: ([InvertMinimize(), SumScaler(target="matrix")], WeightedSumModel())),
    skcriteria_case("WSM-max", ws("max"), lambda: ([BenefitCostInverter()], WeightedSumModel())),
    skcriteria_case("TOPSIS-vector", tp("vector"),
                    lambda: ([VectorScaler(target="matrix")], SkTOPSIS())),
    skcriteria_case("TOPSIS-minmax", tp("minmax"),
                    lambda: ([MinMaxScaler(target="matrix")], SkTOPSIS())),
]


def assert_same_order(ranks: np.ndarray, reference: np.ndarray, clear: float = 1e-9,
                      equal: float = 1e-13) -> None:
    """Our ranks order the alternatives as the library's scores do: strictly where the scores
    differ by more than ``clear``, tied where they differ by at most ``equal`` (round-off)."""
    gap = reference[:, None] - reference[None, :]
    better = ranks[:, None] < ranks[None, :]
    assert np.all(better[gap > clear]), (ranks, reference)
    assert np.all((ranks[:, None] == ranks[None, :])[np.abs(gap) <= equal]), (ranks, reference)
    assert not np.any(better[gap < -equal]), (ranks, reference)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_agrees_with_the_library_on_random_problems(case: Case) -> None:
    seed = sum(map(ord, case.name))
    compared = exact_rank_matches = 0
    for k, problem in enumerate(random_problems(seed, case.integers)):
        ours = case.ours(problem)
        values, their_ranks = case.theirs(problem)
        np.testing.assert_allclose(ours.values, values, rtol=0, atol=1e-12,
                                   err_msg=f"{case.name}, random problem {k}")
        assert_same_order(ours.ranks, values)
        gaps = np.abs(values[:, None] - values[None, :])[~np.eye(len(values), dtype=bool)]
        if their_ranks is not None and np.all(gaps > 1e-9):  # no ties: the ranks are equal
            assert ours.ranks.tolist() == their_ranks.astype(int).tolist(), k
            exact_rank_matches += 1
        compared += 1
    assert compared == N_RANDOM, f"{compared} of {N_RANDOM} random problems compared"
    assert exact_rank_matches > 0.5 * compared, (exact_rank_matches, compared)


# --- 3. properties ----------------------------------------------------------------------


@st.composite
def problems(draw: st.DrawFn, low: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Small integer-valued problems (exact ties are real ties, never round-off)."""
    n_alt = draw(st.integers(2, 8))
    n_crit = draw(st.integers(1, 5))
    x = draw(arrays(float, (n_alt, n_crit), elements=st.integers(low, 20).map(float)))
    w = draw(arrays(float, n_crit, elements=st.integers(1, 10).map(float)))
    directions = draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=n_crit,
                               max_size=n_crit))
    return x, w, directions


METHODS: dict[str, Callable[[np.ndarray, np.ndarray, list[str]], Scores]] = {
    "weighted_sum-minmax": lambda x, w, d: weighted_sum(x, w, d),
    "weighted_sum-vector": lambda x, w, d: weighted_sum(x, w, d, "vector"),
    "topsis-vector": lambda x, w, d: topsis(x, w, d),
    "topsis-minmax": lambda x, w, d: topsis(x, w, d, "minmax"),
    "promethee_ii-usual": lambda x, w, d: promethee_ii(x, w, d),
    "promethee_ii-linear": lambda x, w, d: promethee_ii(x, w, d, preference="linear", q=1, p=6),
    "promethee_ii-level": lambda x, w, d: promethee_ii(x, w, d, preference="level", q=2, p=5),
}


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=40, deadline=None)
@given(problem=problems(), data=st.data())
def test_permuting_alternatives_permutes_scores(
        method: str, problem: tuple[np.ndarray, np.ndarray, list[str]], data: st.DataObject,
) -> None:
    x, w, d = problem
    perm = np.array(data.draw(st.permutations(range(len(x)))))
    before, after = METHODS[method](x, w, d), METHODS[method](x[perm], w, d)
    np.testing.assert_allclose(after.values, before.values[perm], rtol=0, atol=1e-12)
    assert after.ranks.tolist() == before.ranks[perm].tolist()


@pytest.mark.parametrize("method", ["weighted_sum-minmax", "topsis-vector"])
@settings(max_examples=40, deadline=None)
@given(problem=problems(), data=st.data())
def test_scaling_a_benefit_column_changes_nothing(
        method: str, problem: tuple[np.ndarray, np.ndarray, list[str]], data: st.DataObject,
) -> None:
    x, w, d = problem
    j = data.draw(st.integers(0, x.shape[1] - 1))
    factor = data.draw(st.floats(0.01, 100.0))
    d = [*d[:j], "benefit", *d[j + 1:]]
    scaled = x.copy()
    scaled[:, j] *= factor
    before, after = METHODS[method](x, w, d), METHODS[method](scaled, w, d)
    np.testing.assert_allclose(after.values, before.values, rtol=1e-9, atol=1e-12)
    assert after.ranks.tolist() == before.ranks.tolist()


@settings(max_examples=60, deadline=None)
@given(problem=problems(), data=st.data())
def test_promethee_net_flows_sum_to_zero(
        problem: tuple[np.ndarray, np.ndarray, list[str]], data: st.DataObject,
) -> None:
    x, w, d = problem
    m = x.shape[1]
    preference = data.draw(st.lists(st.sampled_from(PREFERENCE_FUNCTIONS), min_size=m,
                                    max_size=m))
    q = np.array(data.draw(st.lists(st.floats(0, 10), min_size=m, max_size=m)))
    p = q + np.array(data.draw(st.lists(st.floats(0, 10), min_size=m, max_size=m)))
    flows = promethee_ii(x, w, d, preference=preference, q=q, p=p).values
    assert abs(flows.sum()) < 1e-12
    assert np.all(np.abs(flows) <= 1 + 1e-12)


def with_dominant(x: np.ndarray, directions: list[str], at: int) -> np.ndarray:
    """``x`` with a row inserted at ``at`` that is strictly best on every criterion."""
    cost = np.array([d == "cost" for d in directions])
    best = np.where(cost, x.min(axis=0) - 1, x.max(axis=0) + 1)
    return np.insert(x, at, best, axis=0)


@pytest.mark.parametrize("method", [*METHODS, "weighted_sum-sum", "weighted_sum-max"])
@settings(max_examples=30, deadline=None)
@given(problem=problems(low=2), data=st.data())
def test_a_dominating_alternative_ranks_first(
        method: str, problem: tuple[np.ndarray, np.ndarray, list[str]], data: st.DataObject,
) -> None:
    x, w, d = problem
    at = data.draw(st.integers(0, len(x)))
    run = METHODS.get(method) or (lambda x, w, d: weighted_sum(x, w, d, method.split("-")[1]))
    ranks = run(with_dominant(x, d, at), w, d).ranks
    assert ranks[at] == 1
    if not method.endswith(("linear", "level")):  # thresholds may hide small differences
        assert np.count_nonzero(ranks == 1) == 1


# --- hand-built cases -------------------------------------------------------------------

SMALL = [[1.0, 10.0], [3.0, 30.0], [2.0, 20.0]]


@pytest.mark.parametrize(("method", "expected"), [
    ("minmax", [[0, 1], [1, 0], [0.5, 0.5]]),
    ("vector", [[1 / 14**0.5, 1 - 10 / 1400**0.5], [3 / 14**0.5, 1 - 30 / 1400**0.5],
                [2 / 14**0.5, 1 - 20 / 1400**0.5]]),
    ("sum", [[1 / 6, (1 / 10) / (11 / 60)], [3 / 6, (1 / 30) / (11 / 60)],
             [2 / 6, (1 / 20) / (11 / 60)]]),
    ("max", [[1 / 3, 1], [1, 1 / 3], [2 / 3, 1 / 2]]),
    ("none", [[1, -10], [3, -30], [2, -20]]),
])
def test_normalize_by_hand(method: str, expected: list[list[float]]) -> None:
    np.testing.assert_allclose(normalize(SMALL, ["benefit", "cost"], method), expected,
                               rtol=1e-15, atol=1e-15)


def test_a_constant_column_contributes_nothing() -> None:
    x = [[5.0, 1.0], [5.0, 3.0], [5.0, 2.0]]
    np.testing.assert_array_equal(normalize(x, ["benefit", "cost"])[:, 0], [0, 0, 0])
    assert weighted_sum(x, [1, 1], ["benefit", "benefit"]).values.tolist() == [0, 0.5, 0.25]


def test_topsis_gives_one_half_when_all_alternatives_are_equal() -> None:
    scores = topsis([[2.0, 3.0]] * 3, [1, 1], ["benefit", "cost"], "minmax")
    assert scores.values.tolist() == [0.5, 0.5, 0.5]
    assert scores.ranks.tolist() == [1, 1, 1]


def test_weights_are_normalised() -> None:
    a = weighted_sum(SMALL, [2, 6], ["benefit", "cost"])
    b = weighted_sum(SMALL, [0.25, 0.75], ["benefit", "cost"])
    np.testing.assert_array_equal(a.values, b.values)
    np.testing.assert_array_equal(a.weights, [0.25, 0.75])


def test_ties_share_the_best_rank() -> None:
    scores = promethee_ii([[1.0], [1.0], [0.0]], [1], ["benefit"])
    assert scores.values.tolist() == [0.5, 0.5, -1.0]
    assert scores.ranks.tolist() == [1, 1, 3]
    assert scores.ranks.dtype.kind == "i"


def test_directions_accept_plus_and_minus_one() -> None:
    words = topsis(SMALL, [1, 2], ["benefit", "cost"])
    numbers = topsis(SMALL, [1, 2], [1, -1])
    np.testing.assert_array_equal(words.values, numbers.values)


def test_degenerate_thresholds_reduce_to_simpler_functions() -> None:
    x, w, d = [[0.0, 4.0], [1.0, 2.0], [3.0, 3.0]], [1, 1], ["benefit", "cost"]
    np.testing.assert_allclose(promethee_ii(x, w, d, preference="vshape", p=0).values,
                               promethee_ii(x, w, d, preference="usual").values, atol=1e-15)
    np.testing.assert_allclose(promethee_ii(x, w, d, preference="linear", q=1, p=1).values,
                               promethee_ii(x, w, d, preference="ushape", q=1).values, atol=1e-15)


def test_dataframe_input_aligns_weights_and_directions_by_name() -> None:
    frame = pd.DataFrame(SMALL, index=["north", "south", "west"], columns=["mw", "cost_meur"])
    weights = pd.Series({"cost_meur": 3.0, "mw": 1.0})
    directions = pd.Series({"cost_meur": "cost", "mw": "benefit"})
    for run in (weighted_sum, topsis, promethee_ii):
        named = run(frame, weights, directions)
        plain = run(SMALL, [1.0, 3.0], ["benefit", "cost"])
        np.testing.assert_array_equal(named.values, plain.values)
        assert named.alternatives == ("north", "south", "west")
        assert named.criteria == ("mw", "cost_meur")
        assert plain.alternatives == ("0", "1", "2")


def test_to_frame_is_sorted_by_rank_and_keeps_input_order_in_the_arrays() -> None:
    scores = weighted_sum(SMALL, [1, 0], ["benefit", "cost"])
    assert scores.values.tolist() == [0.0, 1.0, 0.5]
    frame = scores.to_frame()
    assert list(frame.columns) == ["alternative", "score", "rank"]
    assert frame["alternative"].tolist() == ["1", "2", "0"]
    assert frame["rank"].tolist() == [1, 2, 3]
    assert scores.method == "weighted_sum" and scores.normalization == "minmax"
    assert promethee_ii(SMALL, [1, 1], ["benefit", "cost"]).normalization is None


def test_scores_cannot_be_changed() -> None:
    scores = topsis(SMALL, [1, 1], ["benefit", "cost"])
    with pytest.raises(ValueError, match="read-only"):
        scores.values[0] = 1.0
    field = "method"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(scores, field, "other")


# --- 4. input errors --------------------------------------------------------------------

D2 = ["benefit", "cost"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: weighted_sum([1, 2, 3], [1], ["benefit"]), r"2-D .* shape \(3,\)"),
    (lambda: weighted_sum(np.zeros((0, 2)), [1, 1], D2), r"at least one alternative .*\(0, 2\)"),
    (lambda: weighted_sum([["a", 1]], [1, 1], D2), "2-D array of numbers"),
    (lambda: weighted_sum(pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}), [1, 1], D2),
     r"column\(s\) \['x'\]"),
    (lambda: weighted_sum(SMALL, [1, 1, 1], D2),
     r"weights must have shape \(2,\), one per column of the matrix of shape \(3, 2\); "
     r"got shape \(3,\)"),
    (lambda: topsis(SMALL, [1, 1], ["benefit"]),
     r"directions must have shape \(2,\).*\(3, 2\); got shape \(1,\)"),
    (lambda: topsis([[1.0, np.nan], [2.0, 3.0]], [1, 1], D2),
     r"finite numbers; found nan at row 0, column 1"),
    (lambda: topsis(pd.DataFrame({"a": [1.0, 2.0], "b": [np.inf, 1.0]}, index=["x", "y"]),
                    [1, 1], D2),
     r"found inf at row 'x' \(position 0\), column 'b' \(position 1\)"),
    (lambda: weighted_sum(SMALL, [1, -0.5], D2), r"criterion at column 1 has weight -0.5"),
    (lambda: weighted_sum(pd.DataFrame(SMALL, columns=["mw", "eur"]), [1, -2], D2),
     r">= 0; criterion 'eur' \(column 1\) has weight -2.0"),
    (lambda: weighted_sum(SMALL, [1, np.nan], D2), "finite and >= 0"),
    (lambda: weighted_sum(SMALL, [0, 0], D2), r"positive sum; got \[0.0, 0.0\]"),
    (lambda: weighted_sum(pd.DataFrame(SMALL, columns=["mw", "eur"]),
                          pd.Series({"mw": 1, "co2": 1}), D2),
     r"missing \['eur'\], unknown \['co2'\]"),
    (lambda: weighted_sum(SMALL, [1, 1], ["benefit", "lower"]),
     r"unknown direction 'lower' for criterion at column 1; expected 'benefit' or 'cost' "
     r"\(or \+1 / -1\)"),
    (lambda: weighted_sum(SMALL, [1, 1], [1, 0]), "unknown direction 0 for"),
    (lambda: weighted_sum(SMALL, [1, 1], "benefit"), "single string 'benefit'"),
    (lambda: weighted_sum(SMALL, [1, 1], D2, "zscore"),
     r"unknown normalization 'zscore' for weighted_sum; expected one of 'minmax', 'vector', "
     r"'sum', 'max', 'none'"),
    (lambda: topsis(SMALL, [1, 1], D2, "sum"),
     r"unknown normalization 'sum' for topsis; expected one of 'vector', 'minmax', 'none'"),
    (lambda: normalize([[1.0, 0.0], [2.0, 1.0]], D2, "sum"),
     r"'sum' needs values > 0 in a cost criterion; found 0.0 at row 0, column 1"),
    (lambda: normalize([[-1.0, 1.0], [2.0, 1.0]], D2, "max"),
     r"'max' needs values >= 0 in a benefit criterion; found -1.0 at row 0, column 0"),
    (lambda: normalize([[0.0, 1.0], [0.0, 1.0]], D2, "sum"),
     r"positive value somewhere in criterion at column 0; the column is all zero"),
    (lambda: promethee_ii([[1.0, 2.0]], [1, 1], D2), r"at least 2 alternatives.*\(1, 2\)"),
    (lambda: promethee_ii(SMALL, [1, 1], D2, preference="gaussian"),
     r"unknown preference function 'gaussian' for criterion at column 0; expected one of "
     r"'usual', 'ushape', 'vshape', 'level', 'linear'"),
    (lambda: promethee_ii(SMALL, [1, 1], D2, preference=["usual", "ushape"]),
     r"'ushape' for criterion at column 1 needs q; none was given"),
    (lambda: promethee_ii(SMALL, [1, 1], D2, preference="vshape", q=1), r"'vshape' .* needs p"),
    (lambda: promethee_ii(pd.DataFrame(SMALL, columns=["mw", "eur"]), [1, 1], D2,
                          preference="linear", q=[1, 5], p=[2, 3]),
     r"p must be >= q; criterion 'eur' \(column 1\) has q = 5.0 and p = 3.0"),
    (lambda: promethee_ii(SMALL, [1, 1], D2, preference="level", q=-1, p=2),
     r"q must be finite and >= 0; criterion at column 0 has q = -1.0"),
    (lambda: promethee_ii(SMALL, [1, 1], D2, preference="linear", q=[1, 1, 1], p=2),
     r"q must have shape \(2,\)"),
    (lambda: promethee_ii(SMALL, [1, 1], D2, preference="ushape", q="high"), "q must be a number"),
])
def test_bad_input_is_rejected_with_a_clear_message(call: Callable[[], object],
                                                     message: str) -> None:
    with pytest.raises(InputError, match=message):
        call()
