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
