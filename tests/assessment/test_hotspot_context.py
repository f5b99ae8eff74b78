"""A hotspot run's priority list holds only the hotspot's own projects and their
prerequisites; the other projects in its schedule are apart, as fixed context.

Utrecht, hotspot Lage Weide (HS-LW), two lenses, scenario KM, 2026–2030. What is local is
derived here from the tables, independently of ``pmiek.variants.instance``: a project in an
area at or below HS-LW, or with an effect on an asset that a development of HS-LW loads (its
connection point or an asset above it, by ``assets.parent_id``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lenses
from pmiek.assessment import Appraisal, WeightChoice, appraise
from pmiek.domain.workspace import Workspace
from pmiek.variants import SolverOptions, design_variants

HOTSPOT = "HS-LW"


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


@pytest.fixture(scope="module")
def hotspot_run(utrecht: Workspace) -> Appraisal:
    made = design_variants(utrecht, load_lenses("evenwichtig,wonen-eerst"), "KM",
                           level=HOTSPOT, first_year=2026, horizon=2030,
                           options=SolverOptions(time_limit=60), baseline=False)
    return appraise(utrecht, made, weights=WeightChoice(samples=500),
                    options=SolverOptions(time_limit=30))


def _below(parent: dict[str, str | None], root: str) -> set[str]:
    """``root`` and every id whose chain of parents reaches it."""
    found = set()
    for start in parent:
        at: str | None = start
        while at:
            if at == root:
                found.add(start)
                break
            at = parent.get(at)
    return found


def _parents(table: pd.DataFrame) -> dict[str, str | None]:
    return {str(i): (p if isinstance(p, str) and p else None)
            for i, p in zip(table["id"], table["parent_id"].astype(object), strict=True)}


def _local(ws: Workspace) -> set[str]:
    scope = _below(_parents(ws.areas), HOTSPOT)
    assets = _parents(ws.assets)
    loaded: set[str] = set()
    for asset in ws.developments.loc[ws.developments["area_id"].isin(scope),
                                     "asset_id"].astype(object):
        at = asset if isinstance(asset, str) else None
        while at and at not in loaded:
            loaded.add(at)
            at = assets.get(at)
    effects = ws.project_effects
    acting = effects["asset_id"].isin(loaded) | effects["new_parent_id"].isin(loaded)
    in_scope = ws.projects.loc[ws.projects["area_id"].isin(scope), "id"]
    return set(in_scope.astype(str)) | set(effects.loc[acting, "project_id"].astype(str))


def _requires(ws: Workspace) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for pid, cell in zip(ws.projects["id"], ws.projects["requires"].astype(object),
                         strict=True):
        out[str(pid)] = {r.strip() for r in str(cell).split(";") if r.strip()} \
            if isinstance(cell, str) else set()
    return out


def test_the_list_holds_the_hotspots_projects_and_their_prerequisites(
        hotspot_run: Appraisal, utrecht: Workspace) -> None:
    local, requires = _local(utrecht), _requires(utrecht)
    listed = set(hotspot_run.priority_list()["project_id"])
    context = set(hotspot_run.fixed_context()["project_id"])
    assert listed and context and not listed & context
    # every project the schedule builds is in one of the two
    schedule = hotspot_run.variants.results()[hotspot_run.chosen].schedule()
    built = set(schedule.loc[schedule["in_service_year"].notna(), "project_id"].astype(str))
    assert listed | context == built
    # listed: local, or required (through a chain) by a listed local project
    reached = listed & local
    frontier = set(reached)
    while frontier:
        frontier = {q for p in frontier for q in requires[p]} & listed - reached
        reached |= frontier
    assert reached == listed
    # context: not local, and no listed project requires it
    assert not context & local
    assert not context & {q for p in listed for q in requires[p]}
    # the province-wide commitments of the investment plans outside the hotspot are context
    status = dict(zip(utrecht.projects["id"], utrecht.projects["status"], strict=True))
    assert any(status[p] == "in_ip" for p in context)


def test_the_list_and_the_context_are_numbered_apart_and_written_apart(
        hotspot_run: Appraisal) -> None:
    assert hotspot_run.hotspot
    listed, context = hotspot_run.priority_list(), hotspot_run.fixed_context()
    assert listed["priority"].tolist() == list(range(1, len(listed) + 1))
    assert context["priority"].tolist() == list(range(1, len(context) + 1))
    frames = hotspot_run.to_frames()
    pd.testing.assert_frame_equal(frames["context"], context)
    assert list(frames["context"].columns) == list(frames["priority_list"].columns)
    # the breakdowns count the list, not the context
    for name in ("priority_by_area", "priority_by_operator"):
        table = frames[name]
        per_level = table.groupby("level")["n_projects"].sum() if "level" in table else \
            pd.Series({"operator": table["n_projects"].sum()})
        assert (per_level == len(listed)).all(), name


def test_a_province_run_has_no_context(example: Workspace) -> None:
    made = design_variants(example, load_lenses("evenwichtig,wonen-eerst"), None,
                           options=SolverOptions(time_limit=60), baseline=False)
    appraised = appraise(example, made, weights=WeightChoice(samples=200),
                         options=SolverOptions(time_limit=30))
    assert not appraised.hotspot and appraised.fixed_context().empty
    assert "context" not in appraised.to_frames()
    assert len(appraised.priority_list()) == len(appraised.priority)
