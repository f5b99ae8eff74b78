"""The variant MILP is exact: on small random instances it finds the brute-force optimum.

The random instances come from ``tests/variants/instances.py``; the reference enumerates every
schedule and solves the rest as an LP (``tests/variants/brute.py``); every MILP solution is
also checked with ``pmiek.variants.verify``.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, note, settings

from pmiek.variants.instance import Instance
from pmiek.variants.result import Shortfall, Termination, VariantResult
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions
from pmiek.variants.verify import objective, verify
from tests.variants.brute import brute_force, feasible, schedules
from tests.variants.instances import instances, random_problem, spend_shares, with_budget

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                        HealthCheck.filter_too_much])
SOLVED = (Termination.OPTIMAL, Termination.GAP_LIMIT)


def _solve(instance: Instance) -> VariantResult:
    return solve(instance, options=SolverOptions(mip_gap=1e-9, time_limit=30))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def _show(instance: Instance) -> None:
    note(f"allowed={instance.allowed.astype(int).tolist()} must={instance.must_build.tolist()} "
         f"requires={instance.requires.tolist()} excludes={instance.excludes.tolist()} "
         f"moves={len(instance.move_row)} rows={len(instance.row_asset)}")


@settings(SETTINGS, max_examples=30)
@given(instance=instances())
def test_milp_finds_the_brute_force_optimum(instance: Instance) -> None:
    _show(instance)
    best, start = brute_force(instance)
    result = _solve(instance)
    note(f"brute force {best} with {start}; MILP {result.termination} {result.objective} "
         f"with {result.start}")
    if start is None:
        assert result.termination is Termination.INFEASIBLE
        assert not result.feasible
        return
    assert result.termination in SOLVED
    assert _close(result.objective, best)
    assert verify(result) == []
    assert _close(objective(result), result.objective)


@settings(SETTINGS, max_examples=10)
@given(instance=instances())
def test_more_budget_never_lowers_the_optimum(instance: Instance) -> None:
    assume(feasible(instance, schedules(instance)).any())
    before = _solve(instance)
    after = _solve(with_budget(instance, 1.5))
    assert before.termination in SOLVED and after.termination in SOLVED
    assert after.objective >= before.objective - 1e-6 * max(1.0, abs(before.objective))


def _one_must_build(budget_2027: float) -> Instance:
    """One project of Stedin that must be in service in 2028, built in 2027 for 100 M€."""
    base = random_problem(0, n_projects=1, n_years=3, n_operators=1, n_rows=0,
                          n_developments=1, n_moves=0, n_requires=0, n_excludes=0)
    years = base.years
    return dataclasses.replace(
        base, allowed=np.array([[False, False, True]]), must_build=np.array([True]),
        operator_of_project=np.array([0]), capex=np.array([100.0]),
        fte_years=np.array([0.0]), transformers=np.array([0.0]),
        spend=spend_shares(np.array([1.0]), years, False),
        material=spend_shares(np.array([1.0]), years, True),
        operators=np.array(["Stedin"], dtype=object),
        budget=np.array([[200.0, budget_2027, 200.0]]), fte=np.full((1, 3), np.nan),
        transformers_available=np.full((1, 3), np.nan))


def test_a_must_build_project_that_does_not_fit_names_budget_operator_and_year() -> None:
    assert _solve(_one_must_build(100.0)).termination in SOLVED
    result = _solve(_one_must_build(60.0))
    assert result.termination is Termination.INFEASIBLE
    assert not result.feasible
    for word in ("budget", "Stedin", "2027"):
        assert word in result.message
    found = {(s.resource, s.operator, s.year) for s in result.shortfalls}
    assert ("budget", "Stedin", 2027) in found
    short = next(s for s in result.shortfalls if s.year == 2027)
    assert isinstance(short, Shortfall)
    assert short.missing == pytest.approx(40.0)
    assert brute_force(_one_must_build(60.0))[1] is None


def _precedence_only() -> Instance:
    """P1 must be in service in 2026 but requires P0, which can only come in 2027: no
    schedule, whatever the (ample) resources."""
    base = random_problem(1, n_projects=2, n_years=2, n_operators=1, n_rows=0,
                          n_developments=1, n_moves=0, n_requires=0, n_excludes=0)
    ample = np.full((1, 2), 1e6)
    return dataclasses.replace(
        base, allowed=np.array([[False, True], [True, False]]),
        must_build=np.array([False, True]), requires=np.array([[1, 0]]),
        operator_of_project=np.array([0, 0]), budget=ample, fte=ample,
        transformers_available=ample)


def test_infeasible_without_any_resource_rule_is_reported() -> None:
    instance = _precedence_only()
    assert brute_force(instance)[1] is None
    result = _solve(instance)
    assert result.termination is Termination.INFEASIBLE
    assert result.shortfalls == ()
    assert "volgorde" in result.message
