"""Where TOPSIS or PROMETHEE II ranks another variant first than the weighted sum, the
criteria named are those the stated rule names (pmiek.assessment.disagreement).

The parts are checked against the MCA methods themselves: PROMETHEE II's per criterion as the
method run on that criterion alone, TOPSIS' as adding up to the closeness difference. The rule
is checked as its predicate: counting the named criteria as the method does and the others as
the weighted sum does puts the method's winner ahead, and leaving out the last (tied) group of
named criteria does not; every named criterion shifts more than every other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmiek.assessment.disagreement import (
    TIE,
    Disagreement,
    disagreements,
    explain,
    promethee_parts,
    topsis_parts,
    weighted_sum_parts,
)
from pmiek.assessment.mcda import promethee_ii, topsis, weighted_sum

EQUAL = np.full(4, 0.25)
SPREAD = pd.DataFrame({"k1": [0.9, 0.5, 0.4], "k2": [0.9, 0.5, 0.4], "k3": [0.9, 0.5, 0.4],
                       "spread": [0.0, 1.0, 0.2]}, index=["A", "B", "C"])
"""A leads on three criteria; B leads on one by the whole scale: the weighted sum prefers A,
TOPSIS (which weighs large distances to the ideal more) B, PROMETHEE II (which counts who
leads, not by how much) A."""
MARGINS = pd.DataFrame({"k1": [0.5, 0.55, 0.4], "k2": [0.5, 0.55, 0.4],
                        "k3": [0.5, 0.55, 0.4], "big": [1.0, 0.0, 0.5]}, index=["A", "B", "C"])
"""B leads narrowly on three criteria, A by the whole scale on one: the weighted sum prefers
A, PROMETHEE II B."""


def _ranks(values: pd.DataFrame, w: np.ndarray) -> dict[str, np.ndarray]:
    benefit = ["benefit"] * values.shape[1]
    return {"weighted_sum": weighted_sum(values, w, benefit, normalization="none").ranks,
            "topsis": topsis(values, w, benefit).ranks,
            "promethee_ii": promethee_ii(values, w, benefit).ranks}


def _holds(found: Disagreement) -> None:
    """The rule's predicate (see the module docstring)."""
    table = found.table.set_index("criterion")
    named = table["named"].to_numpy()
    assert list(table.index[named]) == sorted(found.criteria, key=list(table.index).index)
    base = table["share_weighted_sum"].sum()
    assert base <= 1e-12 < table["share_method"].sum()
    shift = table["shift"].to_numpy()
    assert base + shift[named].sum() > 0  # counted as the method counts them: it turns
    last = shift[named].min()
    head = named & (shift > last + TIE)
    assert base + shift[head].sum() <= 0  # without the last group it does not
    if (~named).any():
        assert last > shift[~named].max() + TIE  # no other criterion shifts as much


def test_topsis_rewards_the_criterion_with_the_huge_spread() -> None:
    ranks = _ranks(SPREAD, EQUAL)
    assert ranks["weighted_sum"][0] == 1 and ranks["topsis"][1] == 1
    assert ranks["promethee_ii"][0] == 1
    found = disagreements(SPREAD, EQUAL, "A")
    assert [d.method for d in found] == ["topsis"]
    (topsis_found,) = found
    assert (topsis_found.first, topsis_found.other) == ("A", "B")
    assert topsis_found.criteria == ("spread",) and topsis_found.ahead == ("B",)
    _holds(topsis_found)


def test_promethee_counts_who_leads_not_by_how_much() -> None:
    ranks = _ranks(MARGINS, EQUAL)
    assert ranks["weighted_sum"][0] == 1 and ranks["promethee_ii"][1] == 1
    found = {d.method: d for d in disagreements(MARGINS, EQUAL, "A")}
    assert "promethee_ii" in found
    promethee = found["promethee_ii"]
    assert promethee.other == "B"
    # A's big lead counts less, B's narrow leads count more: all four, the tie kept whole
    assert set(promethee.criteria) == {"big", "k1", "k2", "k3"}
    assert dict(zip(promethee.criteria, promethee.ahead, strict=True)) == {
        "big": "A", "k1": "B", "k2": "B", "k3": "B"}
    _holds(promethee)


def test_no_disagreement_when_the_winner_leads_everywhere() -> None:
    values = pd.DataFrame({"a": [0.9, 0.2, 0.1], "b": [0.8, 0.7, 0.1], "c": [0.6, 0.5, 0.55]},
                          index=["X", "Y", "Z"])
    w = np.array([0.5, 0.3, 0.2])
    assert all(r[0] == 1 for r in _ranks(values, w).values())
    assert disagreements(values, w, "X") == ()


def test_parts_add_up_to_each_methods_score_difference() -> None:
    v, w = MARGINS.to_numpy(), EQUAL
    benefit = ["benefit"] * 4
    ws = weighted_sum(MARGINS, w, benefit, normalization="none").values
    ts = topsis(MARGINS, w, benefit).values
    pm = promethee_ii(MARGINS, w, benefit).values
    for a, m in ((0, 1), (1, 2), (2, 0)):
        assert weighted_sum_parts(v, w, a, m).sum() == pytest.approx(ws[m] - ws[a], abs=1e-12)
        assert topsis_parts(v, w, a, m).sum() == pytest.approx(ts[m] - ts[a], abs=1e-12)
        assert promethee_parts(v, w, a, m).sum() == pytest.approx(pm[m] - pm[a], abs=1e-12)
        # PROMETHEE II's part of a criterion: the method on that criterion alone, weighted
        alone = np.array([promethee_ii(MARGINS[[c]], [1.0], ["benefit"]).values
                          for c in MARGINS.columns])  # (C, A)
        np.testing.assert_allclose(promethee_parts(v, w, a, m), w * (alone[:, m] - alone[:, a]),
                                   atol=1e-12)


def test_same_winner_other_second_place() -> None:
    """All three put A first; B leads C on three criteria and C leads B by the
    whole scale on one: the weighted sum puts B second, TOPSIS C."""
    values = pd.DataFrame({"k1": [1.0, 0.9, 0.5], "k2": [1.0, 0.9, 0.5],
                           "k3": [1.0, 0.9, 0.5], "spread": [0.9, 0.0, 1.0]},
                          index=["A", "B", "C"])
    ranks = _ranks(values, EQUAL)
    assert all(r[0] == 1 for r in ranks.values())
    assert ranks["weighted_sum"][1] == 2 and ranks["topsis"][2] == 2
    found = {d.method: d for d in disagreements(values, EQUAL, "A")}
    assert set(found) == {m for m in ("topsis", "promethee_ii") if ranks[m][1] != 2}
    second = found["topsis"]
    assert (second.place, second.first, second.other) == (2, "B", "C")
    assert second.criteria == ("spread",) and second.ahead == ("C",)
    _holds(second)


@given(st.integers(0, 2**32 - 1))
def test_the_rule_holds_wherever_a_method_disagrees(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_alt, n_crit = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    names = [f"v{i}" for i in range(n_alt)]
    values = pd.DataFrame(rng.random((n_alt, n_crit)).round(2), index=names,
                          columns=[f"c{j}" for j in range(n_crit)])
    w = rng.random(n_crit) + 0.05
    ws = weighted_sum(values, w, ["benefit"] * n_crit, normalization="none").values
    by_sum = np.argsort(-ws, kind="stable")  # the weighted sum's order, ties by position
    ranks = _ranks(values, w / w.sum())
    found = {d.method: d for d in disagreements(values, w, names[by_sum[0]])}
    for method in ("topsis", "promethee_ii"):
        r = ranks[method]
        if r[by_sum[0]] != 1:
            expected = (1, names[by_sum[0]])
        elif n_alt > 2 and r[by_sum[1]] > np.delete(r, by_sum[0]).min():
            expected = (2, names[by_sum[1]])
        else:
            assert method not in found
            continue
        each = found[method]
        assert (each.place, each.first) == expected
        assert r[names.index(each.other)] == expected[0] or (
            expected[0] == 2 and r[names.index(each.other)] == np.delete(r, by_sum[0]).min())
        assert each.criteria
        _holds(each)
        again = explain(values, w, method, each.first, each.other, place=each.place)
        assert again.criteria == each.criteria  # deterministic


def test_a_criterion_on_which_the_two_are_equal_gets_no_part() -> None:
    values = pd.DataFrame({"same": [0.4, 0.4, 0.9], "diff": [0.2, 0.8, 0.5],
                           "other": [0.7, 0.1, 0.3]}, index=["A", "B", "C"])
    v, w = values.to_numpy(), np.array([0.2, 0.5, 0.3])
    for parts in (weighted_sum_parts(v, w, 0, 1), promethee_parts(v, w, 0, 1),
                  topsis_parts(v, w, 0, 1), topsis_parts(v, w, 0, 1, steps=64)):
        assert parts[0] == 0.0 and parts[1] > 0 > parts[2]
    # the quadrature converges: a coarse one is already close
    np.testing.assert_allclose(topsis_parts(v, w, 0, 1, steps=64), topsis_parts(v, w, 0, 1),
                               atol=1e-4)
