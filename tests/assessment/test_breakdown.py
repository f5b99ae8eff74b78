"""The priority list per municipality, RES region and operator, checked against a walk up the
area tree written here, on the example workspace with projects placed at every level: in a
hotspot, in a municipality, in a region, in the province and nowhere."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.assessment.breakdown import (
    ABOVE,
    AREA_COLUMNS,
    OPERATOR_COLUMNS,
    area_levels,
    by_area,
    by_operator,
)
from pmiek.domain.workspace import Workspace

PLACED = {"P-ODR": "GM0344", "P-UTN": "RES-U16", "P-LW-MS": "HS-LW", "P-HTN-O": None,
          "P-BAT": "GM0356", "P-FLEX": "PV26"}
"""project → area_id: hotspot, municipality, region, province and none."""


@pytest.fixture
def placed(example: Workspace) -> Workspace:
    projects = example.projects.copy()
    projects["area_id"] = projects["id"].map(PLACED).astype(object)
    return example.with_tables(projects=projects)


def _priority() -> pd.DataFrame:
    """A priority list of the six projects with known tiers, values, MW and homes (P-BAT is
    indispensable, P-HTN-O's value unknown)."""
    ids = list(PLACED)
    return pd.DataFrame({
        "project_id": ids, "tier": [1, 1, 2, 3, 1, 2],
        "capex_meur": [120.0, 200.0, 15.0, 40.0, 6.0, 1.0],
        "marginal_value_meur": [10.0, 5.5, 2.0, np.nan, np.inf, 0.25],
        "enabled_mw": [3.0, 0.0, 1.5, 2.0, 0.5, 0.0],
        "homes_enabled": [100.0, 0.0, 0.0, 40.0, 7.0, 0.0]})


def _walk(areas: pd.DataFrame, area: object, kind: str) -> str:
    """The area of ``kind`` at or above ``area``, one parent at a time."""
    parent = dict(zip(areas["id"], areas["parent_id"], strict=True))
    kinds = dict(zip(areas["id"], areas["kind"], strict=True))
    while isinstance(area, str) and area:
        if kinds.get(area) == kind:
            return area
        area = parent.get(area)
    return ""


def test_area_levels_follow_the_parents(example: Workspace) -> None:
    areas = example.areas
    levels = area_levels(areas)
    for area in areas["id"]:
        assert levels.at[area, "municipality"] == _walk(areas, area, "municipality")
        assert levels.at[area, "region"] == _walk(areas, area, "region")
    assert levels.at["HS-LW", "municipality"] == "GM0344"
    assert levels.at["HS-LW", "region"] == "RES-U16"


@pytest.mark.parametrize("level", ["municipality", "region"])
def test_each_project_counts_once_per_level_in_its_area(placed: Workspace, level: str) -> None:
    priority = _priority()
    table = by_area(priority, placed, "en")
    assert list(table.columns) == AREA_COLUMNS
    rows = table[table["level"] == level].set_index("area_id")
    expected = priority.assign(area=[_walk(placed.areas, PLACED[p], level)
                                     for p in priority["project_id"]])
    for area, group in expected.groupby("area"):
        row = rows.loc[area]
        assert row["n_projects"] == len(group)
        assert row["capex_meur"] == pytest.approx(group["capex_meur"].sum())
        for tier in (1, 2, 3):
            assert row[f"n_tier_{tier}"] == (group["tier"] == tier).sum()
        finite = group["marginal_value_meur"][np.isfinite(group["marginal_value_meur"])]
        assert row["marginal_value_meur"] == pytest.approx(finite.sum())
        assert row["n_indispensable"] == np.isposinf(group["marginal_value_meur"]).sum()
        assert row["enabled_mw"] == pytest.approx(group["enabled_mw"].sum())
        assert row["homes_enabled"] == pytest.approx(group["homes_enabled"].sum())
    assert set(rows.index) == set(expected["area"])
    # every level adds up to the whole list
    assert rows["n_projects"].sum() == len(priority)
    assert rows["capex_meur"].sum() == pytest.approx(priority["capex_meur"].sum())
    # the projects above the level or without an area: one row, last, named for the level
    assert rows.index[-1] == "" and rows.loc["", "name"] == ABOVE[level][1]


def test_the_row_above_the_municipalities_holds_the_region_province_and_no_area(
        placed: Workspace) -> None:
    table = by_area(_priority(), placed, "nl")
    above = table[(table["level"] == "municipality") & (table["area_id"] == "")]
    assert above["n_projects"].tolist() == [3]  # P-UTN (region), P-HTN-O (none), P-FLEX
    assert above["name"].tolist() == [ABOVE["municipality"][0]]
    named = table[(table["level"] == "municipality") & (table["area_id"] != "")]
    assert named["capex_meur"].is_monotonic_decreasing  # the largest investment first
    assert set(named["area_id"]) == {"GM0344", "GM0356"}
    assert named.set_index("area_id").at["GM0344", "n_projects"] == 2  # itself and HS-LW
    assert named.set_index("area_id").at["GM0344", "name"] == "Utrecht"


def test_per_operator_follows_the_projects_table(placed: Workspace) -> None:
    priority = _priority()
    table = by_operator(priority, placed)
    assert list(table.columns) == OPERATOR_COLUMNS
    operator = dict(zip(placed.projects["id"], placed.projects["operator"], strict=True))
    expected = priority.groupby(priority["project_id"].map(operator))["capex_meur"].sum()
    got = table.set_index("operator")["capex_meur"]
    assert got.to_dict() == pytest.approx(expected.to_dict())
    assert table["n_projects"].sum() == len(priority)


def test_an_empty_list_gives_empty_tables(placed: Workspace) -> None:
    empty = _priority().iloc[:0]
    assert by_area(empty, placed).empty and by_operator(empty, placed).empty
