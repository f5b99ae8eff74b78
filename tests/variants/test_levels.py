"""A hotspot run designs for the developments of one area; the province run can keep its
decisions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.errors import InputError
from pmiek.variants.instance import build_instance
from pmiek.variants.result import Termination
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions
from pmiek.variants.verify import verify

ACCEPTED = (Termination.OPTIMAL, Termination.GAP_LIMIT)


@pytest.mark.slow
def test_hotspot_decisions_are_kept_by_the_province_run() -> None:
    workspace = read_workspace("utrecht").workspace
    lens = load_lens("wonen-eerst")
    hotspot = build_instance(workspace, lens, ["KM"], level="HS-LW")
    dev = workspace.developments.set_index("id")
    # only new developments of the hotspot are decisions
    assert set(dev.loc[hotspot.dev_ids, "area_id"]) == {"HS-LW"}
    assert (dev.loc[hotspot.dev_ids, "start_year"] >= 2026).all()
    local = solve(hotspot, options=SolverOptions(time_limit=30))
    assert local.termination in ACCEPTED and verify(local) == []
    free = hotspot.allowed.any(axis=1) & ~hotspot.must_build
    assert free.any()
    chosen = local.start[free]
    fixed = {pid: (None if s < 0 else int(hotspot.years[s]))
             for pid, s in zip(hotspot.project_ids[free], chosen, strict=True)}
    province = build_instance(workspace, lens, ["KM"], fixed=fixed)
    assert province.n_developments > 5 * hotspot.n_developments
    result = solve(province, options=SolverOptions(time_limit=60))
    assert result.termination in ACCEPTED and verify(result) == []
    schedule = result.schedule().set_index("project_id")["in_service_year"]
    for pid, year in fixed.items():
        got = schedule.loc[pid]
        assert (pd.isna(got) if year is None else got == year), (pid, year, got)


def test_unknown_level_names_the_hotspots() -> None:
    workspace = read_workspace("utrecht").workspace
    with pytest.raises(InputError, match="HS-LW"):
        build_instance(workspace, load_lens("evenwichtig"), ["KM"], level="HS-XX")


def test_in_ip_projects_are_pinned_and_candidates_wait_for_their_lead_time() -> None:
    workspace = read_workspace("utrecht").workspace
    instance = build_instance(workspace, load_lens("evenwichtig"), ["KM"])
    projects = workspace.projects.set_index("id").loc[instance.project_ids]
    in_ip = (projects["status"] == "in_ip").to_numpy()
    assert np.all(instance.allowed[in_ip].sum(axis=1) == 1) and instance.must_build[in_ip].all()
    candidate = (projects["status"] == "candidate").to_numpy()
    lead = projects["lead_time_years"].to_numpy(dtype=float)
    first = np.where(instance.allowed.any(axis=1), instance.allowed.argmax(axis=1), -1)
    ok = candidate & (first >= 0)
    assert np.all(instance.years[first[ok]] >= 2026 + lead[ok])


def test_a_fixed_year_outside_the_horizon_is_refused_not_dropped() -> None:
    workspace = read_workspace("utrecht").workspace
    candidate = str(workspace.projects.loc[workspace.projects["status"] == "candidate",
                                           "id"].iloc[0])
    with pytest.raises(InputError, match=f"{candidate}.*2041"):
        build_instance(workspace, load_lens("evenwichtig"), ["KM"], fixed={candidate: 2041})
    pinned = build_instance(workspace, load_lens("evenwichtig"), ["KM"],
                           fixed={candidate: 2030})
    p = list(pinned.project_ids).index(candidate)
    assert pinned.must_build[p] and list(pinned.years[pinned.allowed[p]]) == [2030]
