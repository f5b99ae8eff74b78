"""On the Utrecht dataset the lens variants differ in the direction their policy goal asks."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.variants.instance import build_instance
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions

ACCEPTED = (Termination.OPTIMAL, Termination.GAP_LIMIT)


@cache
def variant(lens: str) -> VariantResult:
    workspace = read_workspace("utrecht").workspace
    instance = build_instance(workspace, load_lens(lens), ["KM"])
    return solve(instance, options=SolverOptions(mip_gap=0.01, time_limit=60))


@pytest.mark.slow
def test_housing_lens_connects_more_homes_and_industry_lens_more_industry() -> None:
    housing = variant("wonen-eerst")
    industry = variant("werk-en-industrie")
    for result in (housing, industry):
        assert result.termination in ACCEPTED, (result.termination, result.mip_gap)
        assert result.mip_gap <= 0.01
    h, i = housing.summary().iloc[0], industry.summary().iloc[0]
    assert h["homes_connected_2030"] > 1.1 * i["homes_connected_2030"]
    assert i["industry_mw_2030"] > 1.05 * h["industry_mw_2030"]
    # both within the same planned homes: the difference is the lens, not the input
    assert h["homes_planned_2030"] == i["homes_planned_2030"]


@pytest.mark.slow
def test_in_ip_projects_keep_their_year_and_must_connect_developments_are_connected() -> None:
    result = variant("evenwichtig")
    p = result.instance
    schedule = result.schedule().set_index("project_id")
    fixed = p.must_build & (p.allowed.sum(axis=1) == 1)
    for pid, years in zip(p.project_ids[fixed], p.allowed[fixed], strict=True):
        assert schedule.loc[pid, "in_service_year"] == p.years[years][0]
    must = ~np.isnan(p.must_from)
    assert must.any()
    due = p.years[None, :] >= p.must_from[must, None]
    assert np.all(result.connected[0][must][due] >= 1 - 1e-6)


@pytest.mark.slow
def test_a_heat_project_is_chosen_where_the_heat_network_runs_out() -> None:
    """Under GB (heat_supply = collective) the new homes' heat moves onto the Utrecht heat
    network, whose existing load passes its capacity: the balanced lens builds a heat project
    on that network, without --fixed or a must-build rule, because the MW it adds relieve
    more overload per M€ than they cost."""
    workspace = read_workspace("utrecht").workspace
    instance = build_instance(workspace, load_lens("evenwichtig"), ["GB"])
    result = solve(instance, options=SolverOptions(mip_gap=0.01, time_limit=60))
    assert result.termination in ACCEPTED
    projects = workspace.projects.set_index("id")
    schedule = result.schedule().set_index("project_id")
    built = schedule[schedule["in_service_year"].notna()]
    carriers = projects.loc[built.index, "carrier"]
    heat = built[(carriers == "heat").to_numpy()]
    assert len(heat) >= 1, built
    assert not instance.must_build[np.isin(instance.project_ids, heat.index)].any()
    effects = workspace.project_effects.set_index("project_id").loc[heat.index]
    for pid, effect in effects.iterrows():
        year = int(heat.loc[pid, "in_service_year"])
        row = np.flatnonzero((instance.row_asset == effect["asset_id"])
                             & (instance.years[instance.row_year] == year)
                             & (instance.row_direction == "demand"))
        assert len(row) == 1
        # the network was over its capacity on existing load alone when the project came
        assert instance.row_base[0, row[0]] > instance.row_capacity[row[0]], pid
