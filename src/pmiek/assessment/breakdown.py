"""The priority list broken down per municipality, RES region and grid operator.

A project belongs to the area of its ``area_id`` (``projects``) and, through ``parent_id``
(``areas``: hotspot → municipality → region → province), to the municipality and the region
above it; a project at a level above (a region-wide project has no municipality) or without an
area goes, at that level, to one row with an empty ``area_id`` (at region level: province-wide).
So at every level the rows add up to the whole list. The operator is the project's
``operator`` in the projects table.

Per row: ``n_projects``; ``capex_meur`` (the capital cost, not discounted);
``n_tier_1`` … ``n_tier_3``; ``marginal_value_meur``, the sum of the finite marginal values
(an indispensable project, whose marginal value is infinite, counts in ``n_indispensable``
instead; an unknown one, not solved within the time limit, counts in neither); and
``enabled_mw`` and ``homes_enabled``, the sums of the MW and homes connected in the last year
with each project and not without it. A sum of marginal values is not the value of those
projects together: two projects that need each other each count the value they share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmiek.domain.labels import Pair, in_language
from pmiek.domain.workspace import Workspace

TIERS = (1, 2, 3)
COUNT_COLUMNS = ["n_projects", "capex_meur", *(f"n_tier_{t}" for t in TIERS),
                 "marginal_value_meur", "n_indispensable", "enabled_mw", "homes_enabled"]
"""What every row of a breakdown counts (see the module docstring)."""
AREA_COLUMNS = ["level", "area_id", "name", *COUNT_COLUMNS]
"""The columns of ``priority_by_area.csv``: ``level`` is ``municipality`` or ``region``."""
OPERATOR_COLUMNS = ["operator", *COUNT_COLUMNS]
"""The columns of ``priority_by_operator.csv``."""
LEVELS = ("municipality", "region")
"""The kinds of area the list is broken down by, in the order of the table."""

ABOVE: dict[str, Pair] = {
    "municipality": ("boven gemeenteniveau (regio of provincie)",
                     "above municipal level (region or province)"),
    "region": ("provinciebreed", "province-wide"),
}
"""The name of a level's row for the projects above it or without an area."""


def area_levels(areas: pd.DataFrame) -> pd.DataFrame:
    """Per area (index: its id): its ``municipality`` and its ``region`` — itself when it is
    of that kind, else its first ancestor of that kind, else ``""``."""
    ids = areas["id"].astype(str).to_numpy()
    parent_of = pd.Series(areas["parent_id"].astype(object).where(
        areas["parent_id"].notna(), "").astype(str).to_numpy(), index=ids)
    kind_of = pd.Series(areas["kind"].astype(str).to_numpy(), index=ids)
    found = {level: np.full(len(ids), "", dtype=object) for level in LEVELS}
    at = pd.Series(ids, dtype=object)
    for _ in range(len(ids) + 1):  # one step up per level of the tree; a cycle ends here too
        kind = at.map(kind_of).fillna("").to_numpy()
        for level in LEVELS:
            found[level] = np.where((found[level] == "") & (kind == level), at.to_numpy(),
                                    found[level])
        at = at.map(parent_of).fillna("")
        if not (at != "").any():
            break
    return pd.DataFrame(found, index=pd.Index(ids, name="area_id"))


def _counted(priority: pd.DataFrame, workspace: Workspace) -> pd.DataFrame:
    """One row per project of ``priority`` with its area, operator and what it counts."""
    projects = workspace.projects
    table = pd.DataFrame({
        "project_id": projects["id"].astype(str).to_numpy(),
        "area_id": projects["area_id"].astype(object).where(projects["area_id"].notna(), "")
        .astype(str).to_numpy(),
        "operator": projects["operator"].astype(object).where(projects["operator"].notna(), "")
        .astype(str).to_numpy()})
    rows = pd.DataFrame({"project_id": priority["project_id"].astype(str).to_numpy()}).merge(
        table, on="project_id", how="left")
    rows[["area_id", "operator"]] = rows[["area_id", "operator"]].fillna("")
    value = priority["marginal_value_meur"].to_numpy(dtype=float)
    tier = priority["tier"].to_numpy(dtype=int)
    rows["n_projects"] = 1
    rows["capex_meur"] = priority["capex_meur"].to_numpy(dtype=float)
    for t in TIERS:
        rows[f"n_tier_{t}"] = (tier == t).astype(int)
    rows["marginal_value_meur"] = np.where(np.isfinite(value), value, 0.0)
    rows["n_indispensable"] = np.isposinf(value).astype(int)
    for column in ("enabled_mw", "homes_enabled"):
        rows[column] = priority[column].to_numpy(dtype=float) if column in priority else 0.0
    levels = area_levels(workspace.areas)
    for level in LEVELS:
        rows[level] = rows["area_id"].map(levels[level]).fillna("").to_numpy()
    return rows


def _summed(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """``COUNT_COLUMNS`` summed per value of ``key``, the largest capex first (then by key),
    the empty key last."""
    summed = rows.groupby(key, sort=True)[COUNT_COLUMNS].sum().reset_index()
    summed = summed.sort_values(["capex_meur", key], ascending=[False, True], kind="stable")
    summed = pd.concat([summed[summed[key] != ""], summed[summed[key] == ""]])
    return summed.reset_index(drop=True)


def by_area(priority: pd.DataFrame, workspace: Workspace, lang: str = "nl") -> pd.DataFrame:
    """The list per municipality, then per region (:data:`AREA_COLUMNS`; see the module
    docstring); names in ``lang`` for the rows above a level."""
    rows = _counted(priority, workspace)
    names = dict(zip(workspace.areas["id"].astype(str), workspace.areas["name"].astype(str),
                     strict=True))
    parts = []
    for level in LEVELS:
        summed = _summed(rows, level).rename(columns={level: "area_id"})
        summed.insert(0, "level", level)
        summed.insert(2, "name", summed["area_id"].map(names).fillna(
            in_language(ABOVE[level], lang)))
        parts.append(summed)
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return frame.reindex(columns=AREA_COLUMNS)


def by_operator(priority: pd.DataFrame, workspace: Workspace) -> pd.DataFrame:
    """The list per grid operator (:data:`OPERATOR_COLUMNS`)."""
    return _summed(_counted(priority, workspace), "operator").reindex(columns=OPERATOR_COLUMNS)


__all__ = ["ABOVE", "AREA_COLUMNS", "COUNT_COLUMNS", "LEVELS", "OPERATOR_COLUMNS",
           "area_levels", "by_area", "by_operator"]
