"""The embedded Utrecht dataset on the real map, and its supply structure (issue 14).

The municipal outlines must be CBS/Kadaster's generalised boundaries of 2025 as shipped in
``scripts/utrecht/boundaries/`` (coordinates unchanged); every point must lie in its own area;
the 150 kV stations hang under the infeeds the OSM links suggest, and the 2026 picture must
match TenneT's public statements (demand congestion in the whole province since November
2022, HV feed-in full since October 2021).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
import shapely.geometry

from pmiek.adapters.files import embedded_workspaces, read_workspace
from pmiek.domain.problems import Code
from pmiek.domain.validation import ValidationOptions, validate
from pmiek.domain.workspace import Workspace
from pmiek.insight import analyse

ROOT = Path(__file__).resolve().parents[2]
BOUNDARIES = ROOT / "scripts" / "utrecht" / "boundaries"
DATA = embedded_workspaces()["utrecht"]

PROVINCE_KM2 = 1551.0  # the 26 generalised outlines (boundaries/README.md: 1,551.49 km²)
TOLERANCE_M = 250.0  # generalised outlines have few vertices (the validation default)
SCARCITY = 0.9  # the capacity map's "dreigende schaarste" (orange) starts here


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


@pytest.fixture(scope="module")
def outlines() -> dict[str, shapely.Geometry]:
    collection = json.loads((BOUNDARIES / "utrecht-gemeenten.geojson").read_text("utf-8"))
    return {f["properties"]["statcode"]: shapely.geometry.shape(f["geometry"])
            for f in collection["features"]}


@pytest.fixture(scope="module")
def bottlenecks_2026(utrecht: Workspace) -> pd.DataFrame:
    return analyse(utrecht, first_year=2026, horizon=2026).bottlenecks()


def _areas(ws: Workspace) -> pd.DataFrame:
    return ws.areas.set_index("id")


def test_municipal_outlines_are_the_cbs_coordinates(utrecht: Workspace,
                                                   outlines: dict[str, shapely.Geometry]) -> None:
    areas = _areas(utrecht)
    municipalities = areas[areas["kind"] == "municipality"]
    assert set(municipalities.index) == set(outlines) and len(outlines) == 26
    for code, shape in outlines.items():
        assert shapely.equals_exact(municipalities.at[code, "geometry"], shape, tolerance=0.0), \
            code
    assert set(municipalities["geometry_source"]) == {"cbs-2025"}
    total = sum(g.area for g in municipalities["geometry"]) / 1e6
    assert total == pytest.approx(PROVINCE_KM2, rel=0.005)


def test_regions_and_province_are_the_union_of_their_members(utrecht: Workspace) -> None:
    areas = _areas(utrecht)
    municipalities = areas[areas["kind"] == "municipality"]
    for area_id in areas.index[areas["kind"].isin(["region", "province"])]:
        if areas.at[area_id, "kind"] == "province":
            members = municipalities["geometry"]
        else:
            members = municipalities.loc[municipalities["parent_id"] == area_id, "geometry"]
        assert len(members), area_id
        union = shapely.union_all(list(members))
        assert shapely.equals(areas.at[area_id, "geometry"], union), area_id
        assert areas.at[area_id, "geometry_source"] == "union"


def test_the_union_agrees_with_the_separate_province_outline(utrecht: Workspace) -> None:
    collection = json.loads((BOUNDARIES / "utrecht-provincie.geojson").read_text("utf-8"))
    check = shapely.geometry.shape(collection["features"][0]["geometry"])
    province = _areas(utrecht).query("kind == 'province'")["geometry"].iloc[0]
    assert province.area == pytest.approx(check.area, rel=0.005)


def test_hotspots_are_estimates_inside_their_municipality(utrecht: Workspace) -> None:
    areas = _areas(utrecht)
    hotspots = areas[areas["kind"] == "hotspot"]
    assert len(hotspots) and set(hotspots["geometry_source"]) == {"estimate"}
    for area_id, row in hotspots.iterrows():
        parent = areas.at[row["parent_id"], "geometry"]
        # clipped on a 1 m grid: nothing sticks out more than a metre
        assert row["geometry"].difference(parent.buffer(1.0)).is_empty, area_id


def _distance_to_area(frame: pd.DataFrame, areas: pd.DataFrame) -> pd.Series:
    located = frame[frame["geometry"].notna() & frame["area_id"].isin(areas.index)]
    points = np.array([g if g.geom_type == "Point" else g.representative_point()
                       for g in located["geometry"]], dtype=object)
    polygons = areas.loc[located["area_id"], "geometry"].to_numpy(dtype=object)
    return pd.Series(shapely.distance(points, polygons), index=located["id"].to_numpy())


@pytest.mark.parametrize("table", ["assets", "developments"])
def test_every_point_lies_in_its_area(utrecht: Workspace, table: str) -> None:
    distance = _distance_to_area(utrecht.table(table), _areas(utrecht))
    assert len(distance) >= 20
    assert not (outside := distance[distance > TOLERANCE_M].round()).to_dict(), outside


def test_validation_finds_nothing_outside_its_area(utrecht: Workspace) -> None:
    """The consistency warnings of validation are silent on Utrecht (the corpus has a
    broken case for each)."""
    codes = {Code.ASSET_OUTSIDE_AREA, Code.DEVELOPMENT_OUTSIDE_AREA, Code.AREA_OUTSIDE_PARENT}
    assert [p for p in validate(utrecht) if p.code in codes] == []
    assert [p for p in validate(utrecht, ValidationOptions(area_tolerance_m=0.0))
            if p.code in codes], "with no tolerance some generalised corner should show"


def test_no_stations_hang_all_under_breukelen_kortrijk(utrecht: Workspace) -> None:
    assets = utrecht.assets.set_index("id")
    parent = assets["parent_id"].to_dict()

    def root(asset: str) -> str:
        while isinstance(parent.get(asset), str):
            asset = parent[asset]
        return asset

    hv150 = assets[(assets["kind"] == "hv_station") & (assets["voltage_kv"] == 150)
                   & (assets["operator"] == "TenneT") & (assets["capacity_demand_mw"] > 0)
                   & assets["parent_id"].notna()]
    roots = {a: root(a) for a in hv150.index}
    assert len(set(roots.values())) >= 4, roots
    assert sum(r == "BKK380" for r in roots.values()) < len(roots)
    # the OSM links of the reference notes: Diemen–Breukelen, Wageningselaan–Dodewaard,
    # Bunschoten–Zeewolde
    assert roots["BKN150"] == "DMN380"
    assert roots["VNW150"] == "DOD380"
    assert roots["BSC150"] == "ZWD150"


def _municipality_of(area_id: str, areas: pd.DataFrame) -> str:
    while areas.at[area_id, "kind"] != "municipality":
        area_id = areas.at[area_id, "parent_id"]
    return area_id


def test_res_connects_in_its_own_or_a_neighbouring_municipality(utrecht: Workspace) -> None:
    areas = _areas(utrecht)
    outlines = areas.loc[areas["kind"] == "municipality", "geometry"]
    codes = outlines.index.to_numpy()
    shapes = outlines.to_numpy(dtype=object)
    points = utrecht.assets.set_index("id")["geometry"]
    dev = utrecht.developments
    res = dev[dev["policy_goals"].fillna("").str.contains(r"\bres\b")
              & dev["sector"].isin(["solar", "wind"])]
    assert len(res) >= 50
    far = {}
    for dev_id, area_id, asset_id in zip(res["id"], res["area_id"], res["asset_id"],
                                         strict=True):
        home = outlines[_municipality_of(area_id, areas)]
        # the municipality itself or one that touches it (within a metre: shared borders)
        near = shapely.distance(shapes, home) <= 1.0
        at = shapely.distance(shapes, points[asset_id]) <= TOLERANCE_M
        if not (near & at).any():
            far[dev_id] = (asset_id, list(codes[at]))
    assert not far, far


def _existing_tenne_t_150(ws: Workspace) -> list[str]:
    a = ws.assets
    return a.loc[(a["kind"] == "hv_station") & (a["voltage_kv"] == 150) & (a["operator"] ==
                 "TenneT") & (a["capacity_demand_mw"] > 0), "id"].tolist()


def test_in_2026_every_tennet_150kv_station_is_at_least_orange_for_demand(
        utrecht: Workspace, bottlenecks_2026: pd.DataFrame) -> None:
    stations = _existing_tenne_t_150(utrecht)
    demand = bottlenecks_2026[(bottlenecks_2026["direction"] == "afname")
                              & bottlenecks_2026["asset_id"].isin(stations)]
    assert set(demand["asset_id"]) == set(stations)
    assert demand["scenario"].nunique() == 4
    low = demand[demand["utilisation"] < SCARCITY]
    assert low.empty, low[["scenario", "asset_id", "utilisation"]].to_string()


def test_in_2026_feed_in_is_congested_where_res_feeds_in(
        utrecht: Workspace, bottlenecks_2026: pd.DataFrame) -> None:
    """TenneT's HV feed-in has been full since October 2021 in the whole province: every
    TenneT station (150 kV or root) with more than 5 MW of feed-in in 2026 is over its
    feed-in capacity in every scenario."""
    a = utrecht.assets
    tennet = a.loc[(a["kind"] == "hv_station") & (a["operator"] == "TenneT"), "id"]
    feedin = bottlenecks_2026[(bottlenecks_2026["direction"] == "invoeding")
                              & bottlenecks_2026["asset_id"].isin(tennet)
                              & (bottlenecks_2026["peak_mw"] > 5.0)]
    assert feedin["asset_id"].nunique() >= 15
    assert (feedin["utilisation"] > 1.0).all(), \
        feedin.loc[feedin["utilisation"] <= 1.0, ["scenario", "asset_id", "utilisation"]]


def test_sources_explain_the_feed_in_shortage_of_every_root(utrecht: Workspace) -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    a = utrecht.assets
    roots = a.loc[(a["kind"] == "hv_station") & a["parent_id"].isna()
                  & a["id"].isin(a["parent_id"]), "id"]
    assert len(roots) >= 4
    for root in roots:
        row = re.search(rf"^\| {re.escape(root)} \|.*\|$", sources, re.MULTILINE)
        assert row, f"{root}: no row in SOURCES.md's feed-in table"
        cells = [c.strip() for c in row.group().strip("|").split("|")]
        assert len(cells) == 10 and re.fullmatch(r"[\d,]+", cells[-1]), cells
    assert "meshed" in sources
