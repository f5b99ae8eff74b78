"""An independent check of *needed* against the firm load, through ``verify``.

Written from the rule in ``pmiek.assessment.no_regret`` without its code: the firm
developments come from the workspace's ``certainty`` column; the tolerated overload is what
``verify`` reports over capacity with the existing load alone (every new development
unconnected, every built project in service); and a project is needed in a scenario when,
taken out of the schedule with the firm developments connected and that overload tolerated,
``verify`` reports a capacity row of its in-service year over its limit that it relieves: a
row of an asset and direction it adds capacity to (``project_effects``), or one whose load is
higher without it (it moves load out).
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np

from pmiek.domain.workspace import Workspace
from pmiek.variants.result import VariantResult
from pmiek.variants.verify import verify

WHERE = re.compile(r"^(.+) (afname|invoeding) \(scenario (.+)\)$")
DIRECTION = {"afname": "demand", "invoeding": "feedin"}

Key = tuple[str, str, int, str]
"""(asset, direction, year, scenario)."""


def firm_shares(result: VariantResult, workspace: Workspace, threshold: int = 4) -> np.ndarray:
    """(S, D, Y) share 1 for the new developments with certainty ≥ ``threshold``."""
    p = result.instance
    certainty = workspace.developments.set_index(
        workspace.developments["id"].astype(str))["certainty"].astype(float)
    firm = np.array([certainty.get(str(d), 0.0) >= threshold for d in p.dev_ids], dtype=float)
    return np.broadcast_to(firm[None, :, None], np.shape(result.connected)).copy()


def _over(result: VariantResult) -> dict[Key, tuple[float, float]]:
    """(asset, direction, year, scenario) → (load, room) of every row ``verify`` finds over."""
    found = {}
    for violation in verify(result):
        if violation.kind != "capacity":
            continue
        hit = WHERE.match(violation.where)
        assert hit is not None, violation.where
        key = (hit.group(1), DIRECTION[hit.group(2)], int(violation.year or 0), hit.group(3))
        found[key] = (violation.got, violation.limit)
    return found


def _tolerated(result: VariantResult) -> np.ndarray:
    """(S, N) the existing load over capacity with every built project in service."""
    p = result.instance
    bare = dataclasses.replace(result, connected=np.zeros_like(result.connected),
                               overload=np.zeros_like(result.overload))
    names = [str(s) for s in p.scenarios]
    row = {(str(a), str(d), int(p.years[y])): n for n, (a, d, y) in enumerate(
        zip(p.row_asset, p.row_direction, p.row_year, strict=True))}
    out = np.zeros_like(np.asarray(result.overload, dtype=float))
    for (asset, direction, year, scenario), (load, room) in _over(bare).items():
        out[names.index(scenario), row[(asset, direction, year)]] = load - room
    return out


def _added_to(workspace: Workspace, project: str) -> set[tuple[str, str]]:
    """(asset, direction) pairs the project adds capacity to."""
    effects = workspace.project_effects
    mine = effects[effects["project_id"].astype(str) == project]
    pairs = set()
    for column, direction in (("delta_demand_mw", "demand"), ("delta_feedin_mw", "feedin")):
        amount = mine[column].to_numpy(dtype=float, na_value=0.0)
        pairs |= {(str(a), direction) for a in mine["asset_id"][amount > 1e-6]}
    return pairs


def needed_by_verify(result: VariantResult, workspace: Workspace,
                     threshold: int = 4) -> np.ndarray:
    """(S, P) the rule of ``no_regret.needed``, checked with ``verify``."""
    p = result.instance
    names = [str(s) for s in p.scenarios]
    firm = dataclasses.replace(result, connected=firm_shares(result, workspace, threshold),
                               overload=_tolerated(result))
    with_all = _over(firm)
    out = np.zeros((len(names), p.n_projects), dtype=bool)
    for q in np.flatnonzero(np.asarray(result.start) >= 0):
        year = int(p.years[result.start[q]])
        start = np.array(result.start, copy=True)
        start[q] = -1
        added = _added_to(workspace, str(p.project_ids[q]))
        for (asset, direction, at, scenario), (load, _) in _over(
                dataclasses.replace(firm, start=start)).items():
            before = with_all.get((asset, direction, at, scenario))
            moved_out = before is None or load > before[0] + 1e-9
            if at == year and ((asset, direction) in added or moved_out):
                out[names.index(scenario), q] = True
    return out
