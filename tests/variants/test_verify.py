"""``pmiek.variants.verify`` catches what is wrong with a variant, and nothing else.

Solved random instances (``tests/variants/instances.py``) verify clean; each is then broken
in one way — a project outside its window, a broken precedence, an extra project over budget,
a share that falls, an overload left out, a must-connect development left out … — and the
violation of that kind must be reported.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from pmiek.variants.instance import Instance
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions
from pmiek.variants.verify import Violation, objective, verify
from tests.variants.brute import feasible, schedules
from tests.variants.instances import random_problem, spend_shares

SEEDS = range(60)


@functools.cache
def _solved(seed: int) -> VariantResult | None:
    """A solved random instance (None when it has no feasible schedule)."""
    rng = np.random.default_rng(seed + 7)
    instance = random_problem(
        seed, n_projects=int(rng.integers(3, 10)), n_years=int(rng.integers(2, 6)),
        n_operators=int(rng.integers(1, 3)), n_developments=int(rng.integers(2, 7)),
        n_scenarios=int(rng.integers(1, 3)), n_rows=int(rng.integers(2, 6)),
        n_moves=int(rng.integers(0, 3)), n_requires=2, n_excludes=1, must_share=0.15)
    if not feasible(instance, schedules(instance)).any():
        return None
    result = solve(instance, options=SolverOptions(mip_gap=1e-9, time_limit=30))
    assert result.termination in (Termination.OPTIMAL, Termination.GAP_LIMIT)
    return result


def _results() -> Iterator[VariantResult]:
    for seed in SEEDS:
        result = _solved(seed)
        if result is not None:
            yield result


def _changed(result: VariantResult, **arrays: np.ndarray) -> VariantResult:
    return dataclasses.replace(result, **arrays)


def _used(instance: Instance, start: np.ndarray) -> np.ndarray:
    """(R, Y) budget used, with plain loops."""
    used = np.zeros((len(instance.operators), len(instance.years)))
    for p, y in enumerate(start):
        if y >= 0 and instance.operator_of_project[p] >= 0:
            used[instance.operator_of_project[p]] += instance.spend[p, y] * instance.capex[p]
    return used


# --- the breaks: each returns the broken variant, or None when the instance has no room ----

def outside_window(result: VariantResult) -> VariantResult | None:
    instance = result.instance
    for p, y in zip(*np.nonzero(~instance.allowed), strict=True):
        if instance.allowed[p].any():
            start = result.start.copy()
            start[p] = y
            return _changed(result, start=start)
    return None


def broken_precedence(result: VariantResult) -> VariantResult | None:
    instance = result.instance
    for p, q in instance.requires:
        if instance.allowed[p].any() and not instance.must_build[q]:
            start = result.start.copy()
            start[p] = np.flatnonzero(instance.allowed[p])[0]
            start[q] = -1
            return _changed(result, start=start)
    return None


def both_exclusive(result: VariantResult) -> VariantResult | None:
    instance = result.instance
    for p, q in instance.excludes:
        if instance.allowed[p].any() and instance.allowed[q].any():
            start = result.start.copy()
            start[p] = np.flatnonzero(instance.allowed[p])[0]
            start[q] = np.flatnonzero(instance.allowed[q])[0]
            return _changed(result, start=start)
    return None


def over_budget(result: VariantResult) -> VariantResult | None:
    """Build one more project, where that takes its operator over budget."""
    instance = result.instance
    for p in np.flatnonzero(result.start < 0):
        for y in np.flatnonzero(instance.allowed[p]):
            start = result.start.copy()
            start[p] = y
            if (_used(instance, start) > instance.budget + 1e-3).any():  # NaN compares False
                return _changed(result, start=start)
    return None


def must_build_left_out(result: VariantResult) -> VariantResult | None:
    must = np.flatnonzero(result.instance.must_build)
    if not len(must):
        return None
    start = result.start.copy()
    start[must[0]] = -1
    return _changed(result, start=start)


def falling_share(result: VariantResult) -> VariantResult | None:
    for c, d, y in zip(*np.nonzero(result.connected[:, :, :-1] >= 0.2), strict=True):
        connected = result.connected.copy()
        connected[c, d, y + 1] = connected[c, d, y] - 0.1
        return _changed(result, connected=connected)
    return None


def share_above_one(result: VariantResult) -> VariantResult | None:
    if not result.connected.size:
        return None
    connected = result.connected.copy()
    connected[..., -1] = 1.5
    return _changed(result, connected=connected)


def overload_left_out(result: VariantResult) -> VariantResult | None:
    for c, n in zip(*np.nonzero(result.overload > 1e-3), strict=True):
        overload = result.overload.copy()
        overload[c, n] = 0.0
        return _changed(result, overload=overload)
    return None


def negative_overload(result: VariantResult) -> VariantResult | None:
    if not result.overload.size:
        return None
    overload = result.overload.copy()
    overload[0, 0] = -1.0
    return _changed(result, overload=overload)


def must_connect_left_out(result: VariantResult) -> VariantResult | None:
    instance = result.instance
    for d in np.flatnonzero(instance.must_from <= instance.years[-1]):
        connected = result.connected.copy()
        connected[:, d, :] = 0.0
        return _changed(result, connected=connected)
    return None


BREAKS: dict[str, Callable[[VariantResult], VariantResult | None]] = {
    "allowed": outside_window,
    "requires": broken_precedence,
    "excludes": both_exclusive,
    "budget": over_budget,
    "must_build": must_build_left_out,
    "monotone": falling_share,
    "share_bounds": share_above_one,
    "capacity": overload_left_out,
    "overload": negative_overload,
    "must_from": must_connect_left_out,
}


def test_solved_variants_verify_clean() -> None:
    checked = 0
    for result in _results():
        assert verify(result) == []
        assert objective(result) == pytest.approx(result.objective, rel=1e-6, abs=1e-6)
        checked += 1
        if checked == 8:
            break
    assert checked == 8


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_a_broken_variant_reports_its_violation(kind: str) -> None:
    for result in _results():
        broken = BREAKS[kind](result)
        if broken is None:
            continue
        found = verify(broken)
        assert kind in {v.kind for v in found}, [v.message_nl for v in found]
        assert all(isinstance(v, Violation) and v.message_nl for v in found)
        return
    pytest.fail(f"no instance among the seeds leaves room to break '{kind}'")


def _tiny(start: list[int]) -> VariantResult:
    """Stedin: P0 (100 M€) and P1 (30 M€), each built in the year before service."""
    base = random_problem(0, n_projects=2, n_years=3, n_operators=1, n_rows=0,
                          n_developments=1, n_moves=0, n_requires=0, n_excludes=0)
    years = base.years
    instance = dataclasses.replace(
        base, allowed=np.ones((2, 3), dtype=bool), must_build=np.zeros(2, dtype=bool),
        operator_of_project=np.array([0, 0]), capex=np.array([100.0, 30.0]),
        fte_years=np.array([0.0, 5.0]), transformers=np.array([2.0, 1.0]),
        spend=spend_shares(np.array([1.0, 1.0]), years, False),
        material=spend_shares(np.array([1.0, 1.0]), years, True),
        operators=np.array(["Stedin"], dtype=object),
        budget=np.array([[200.0, 120.0, np.nan]]), fte=np.array([[np.nan, 4.0, 4.0]]),
        transformers_available=np.array([[1.0, 2.0, 2.0]]), must_from=np.array([np.nan]))
    n_s, n_d, n_y = instance.value.shape
    return VariantResult(instance, "test", Termination.HEURISTIC, float("nan"), float("nan"),
                         0.0, np.array(start), np.zeros((n_s, n_d, n_y)), np.zeros((n_s, 0)))


def test_resource_messages_are_dutch_and_exact() -> None:
    assert verify(_tiny([2, -1])) == []
    found = verify(_tiny([2, 2]))
    assert [(v.kind, v.where, v.year) for v in found] == [
        ("budget", "Stedin", 2027), ("fte", "Stedin", 2027), ("transformers", "Stedin", 2027)]
    budget = found[0]
    assert (budget.got, budget.limit) == (130.0, 120.0)
    assert budget.message_nl == "Budget van Stedin in 2027 overschreden: 130,0 > 120,0 M€."
    # nothing is counted before the first year; no limit (NaN) in 2028
    assert verify(_tiny([0, 0])) == []
    assert [v.kind for v in verify(_tiny([1, 1]))] == ["transformers"]


def test_a_misshapen_variant_is_reported_not_crashed() -> None:
    result = _tiny([2, -1])
    found = verify(dataclasses.replace(result, start=np.full(0, -1)))
    assert [v.kind for v in found] == ["shape"]
    found = verify(dataclasses.replace(result, start=np.array([7, -1])))
    assert [v.kind for v in found] == ["start"]
