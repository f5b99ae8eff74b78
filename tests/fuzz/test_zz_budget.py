"""The fuzz budget: at least 2,000 generated cases per run, at most 100 of them through the
stage commands, and (for the fuzz tests that ran in this session) every planned case run.

Named to run after the fuzz tests of this folder, whose cases it counts."""

from __future__ import annotations

from tests.fuzz.budget import BUDGET, STAGES, STAGES_MOST, budget
from tests.fuzz.harness import COMPLETED, COUNTS


def test_the_default_run_has_2000_cases_and_at_most_100_through_the_stages() -> None:
    assert sum(BUDGET.values()) >= 2000, BUDGET
    assert sum(BUDGET[key] for key in STAGES) <= STAGES_MOST, BUDGET
    assert all(budget(key) >= 1 for key in BUDGET)


def test_every_fuzz_test_that_passed_ran_its_budget() -> None:
    """Hypothesis ran as many cases as planned in every fuzz test that passed in this session
    (a failed one stopped early and is red already)."""
    ran = {key: COUNTS[key] for key in BUDGET if key in COMPLETED}
    short = {key: f"{count} of {budget(key)}" for key, count in ran.items()
             if count < budget(key)}
    assert not short, f"fuzz tests that ran fewer cases than planned: {short}"
    assert sum(COUNTS[key] for key in STAGES) <= STAGES_MOST
