"""The value of a connection over its range: what moving it does to the design and the list.

Monotonicity, on small random instances solved to optimality: for values V1 < V2 with
optimal schedules 1 and 2, optimality of each gives V1·f1 − c1 ≥ V1·f2 − c2 and
V2·f2 − c2 ≥ V2·f1 − c1, where f is the weighted MW-years connected net of the penalised
overload (the objective's value part divided by V) and c the cost. Adding both:
(V2 − V1)(f2 − f1) ≥ 0, so f2 ≥ f1; and then c2 − c1 ≥ V1·(f2 − f1) ≥ 0. A higher value per
MW-year never connects less (net of overload) and never spends less. f and c are recomputed
here from the schedules and the instance's arrays, and V·f − c is checked against the
solver's objective first.

The sensitivity itself (``value_range``) on the example workspace: its central column is the
priority list of the normal run, each end's column is the priority list of the variant
designed again at that value, and the projects it names are exactly those built somewhere.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files.lenses import load_lens
from pmiek.assessment.priority import priority_list
from pmiek.assessment.value_range import VALUE_RANGE_COLUMNS, ValueRange, value_range
from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import Instance, at_value
from pmiek.variants.lenses import VALUE_POINTS
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import design, solve
from pmiek.variants.solver import SolverOptions
from tests.variants.instances import random_problem

EXACT = SolverOptions(mip_gap=0.0, time_limit=60)


def connected_value(result: VariantResult) -> float:
    """The objective's value part per M€ of value: expected discounted weighted MW-years
    connected minus the expected discounted overload × penalty, both ÷ the value."""
    p = result.instance
    weighted = np.einsum("s,sdy,y,sdy->", p.probability, p.value, p.discount,
                         result.connected)
    per_overload = p.penalty_meur_per_mw_year / p.value_meur_per_mw_year
    overload = np.einsum("s,n,sn->", p.probability, p.discount[p.row_year], result.overload)
    return float(weighted - per_overload * overload)


def spent(result: VariantResult) -> float:
    """The discounted cost of the schedule, as the objective weighs it."""
    p = result.instance
    built = np.flatnonzero(result.start >= 0)
    cost = p.cost() * p.cost_factor[:, None]
    return float(cost[built, result.start[built]].sum())


def solved(instance: Instance) -> VariantResult | None:
    result = solve(instance, options=EXACT)
    return result if result.termination is Termination.OPTIMAL else None


def test_a_higher_value_never_connects_less_nor_spends_less() -> None:
    checked = 0
    for seed in range(8):
        instance = random_problem(seed, n_projects=7, n_years=5, n_developments=6, n_rows=6,
                                  n_scenarios=2)
        results = [solved(at_value(instance, v)) for v in (0.05, 0.5, 5.0)]
        found = [r for r in results if r is not None]
        if len(found) < len(results):
            continue  # an infeasible draw (its must-builds do not fit): nothing to compare
        checked += 1
        for r in found:
            value = r.instance.value_meur_per_mw_year
            assert value * connected_value(r) - spent(r) == pytest.approx(r.objective,
                                                                           abs=1e-6)
        f = [connected_value(r) for r in found]
        c = [spent(r) for r in found]
        for series in (f, c):
            assert all(b >= a - 1e-6 * max(1.0, abs(a)) for a, b in pairwise(series)), \
                (seed, f, c)
    assert checked >= 5


def test_at_value_changes_only_the_value_and_the_penalty_with_it() -> None:
    instance = random_problem(3)
    moved = at_value(instance, 2.0)
    assert moved.value_meur_per_mw_year == 2.0 and moved.lens.value.central == 2.0
    assert moved.penalty_meur_per_mw_year / moved.value_meur_per_mw_year == pytest.approx(
        instance.penalty_meur_per_mw_year / instance.value_meur_per_mw_year)
    np.testing.assert_array_equal(moved.value, instance.value)
    np.testing.assert_array_equal(moved.cost(), instance.cost())


@pytest.fixture(scope="module")
def ranged(example: Workspace) -> tuple[VariantResult, pd.DataFrame, ValueRange]:
    lens = load_lens("evenwichtig")
    options = SolverOptions(time_limit=30)
    result = design(example, lens, None, first_year=2026, horizon=2035, options=options)
    central = priority_list(result, example, "nl", options=options)
    return result, central, value_range(result, example, central, options=options)


def test_the_central_column_is_the_normal_priority_list(
        ranged: tuple[VariantResult, pd.DataFrame, ValueRange]) -> None:
    result, central, found = ranged
    table = found.table
    assert list(table.columns) == VALUE_RANGE_COLUMNS
    lens = result.instance.lens
    assert dict(found.values) == lens.value.points()
    assert (table["value_low"] == lens.value.low).all()
    chosen = table[table["chosen_central"].astype(bool)]
    assert list(chosen["project_id"]) == list(central["project_id"])
    assert list(chosen["rank_central"]) == list(central["priority"])
    assert list(chosen["in_service_year_central"]) == list(central["in_service_year"])
    p = result.instance
    assert set(found.chosen("central")) == {str(p.project_ids[k])
                                             for k in np.flatnonzero(result.start >= 0)}


def test_each_end_is_the_variant_designed_again_at_that_value(
        ranged: tuple[VariantResult, pd.DataFrame, ValueRange]) -> None:
    result, _, found = ranged
    options = SolverOptions(time_limit=30)
    table = found.table
    built_somewhere = set()
    for point in ("low", "high"):
        assert found.solved[point]
        again = solve(at_value(result.instance, found.values[point]), options=options)
        p = again.instance
        built = {str(p.project_ids[k]) for k in np.flatnonzero(again.start >= 0)}
        assert set(found.chosen(point)) == built
        built_somewhere |= built
        ranks = table[f"rank_{point}"].dropna().astype(int)
        assert sorted(ranks) == list(range(1, len(built) + 1))
        assert found.gained(point) == [i for i in found.chosen(point)
                                       if i not in found.chosen("central")]
    built_somewhere |= set(found.chosen("central"))
    assert set(table["project_id"]) == built_somewhere
    everywhere = set.intersection(*(set(found.chosen(p)) for p in VALUE_POINTS))
    assert set(found.everywhere()) == everywhere
    # a project built at every point whose year differs is listed as moved
    years = table.set_index("project_id")[[f"in_service_year_{p}" for p in VALUE_POINTS]]
    differs = {i for i in everywhere if years.loc[i].nunique() > 1}
    assert set(found.moved()["project_id"]) == differs
