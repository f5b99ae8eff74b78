"""Geometric consistency warnings (pmiek.domain.rules_geometry): does an asset, a development
or an area lie in the area it names, within the tolerance?

The map: two municipalities of 5 × 5 km side by side, A (x 100–105 km) and B (x 105–110 km),
both y 400–405 km, in a region R of 10 × 5 km; all sides are parallel to the axes, so every
distance below is a difference of coordinates (or Pythagoras at a corner).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pmiek.domain import Code, Problem, Severity, ValidationOptions, Workspace, validate
from pmiek.domain.rules_geometry import QUAD_SEGMENTS

Row = dict[str, object]

GEOMETRIC = {Code.ASSET_OUTSIDE_AREA, Code.DEVELOPMENT_OUTSIDE_AREA, Code.AREA_OUTSIDE_PARENT}


def box(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"POLYGON (({x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}))"


REGION: Row = {"id": "R", "name": "Regio", "kind": "region",
               "geometry": box(100_000, 400_000, 110_000, 405_000)}
A: Row = {"id": "A", "name": "Aland", "kind": "municipality", "parent_id": "R",
          "geometry": box(100_000, 400_000, 105_000, 405_000)}
B: Row = {"id": "B", "name": "Beeld", "kind": "municipality", "parent_id": "R",
          "geometry": box(105_000, 400_000, 110_000, 405_000)}
AREAS = [REGION, A, B]


def asset(name: str, where: str | None, area: str | None = "A") -> Row:
    return {"id": name, "name": name, "carrier": "electricity", "kind": "mv_station",
            "operator": "Stedin", "capacity_demand_mw": "10", "capacity_feedin_mw": "5",
            "area_id": area, "geometry": where}


def development(name: str, where: str | None, area: str = "A") -> Row:
    return {"id": name, "name": name, "sector": "housing", "area_id": area,
            "carrier": "electricity", "demand_mw": "1", "start_year": "2025",
            "end_year": "2030", "certainty": "3", "geometry": where}


def point(x: float, y: float = 402_000) -> str:
    return f"POINT ({x} {y})"


def workspace(**tables: list[Row]) -> Workspace:
    built, problems = Workspace.from_raw(
        {name: pd.DataFrame(rows, dtype=object) for name, rows in tables.items()})
    assert problems == []
    return built


def geometric(ws: Workspace, tolerance: float | None = None) -> list[Problem]:
    options = None if tolerance is None else ValidationOptions(area_tolerance_m=tolerance)
    return [p for p in validate(ws, options) if p.code in GEOMETRIC]


def found(ws: Workspace, tolerance: float | None = None,
          ) -> list[tuple[Code, str, int | None, str | None, str | None, str]]:
    return [(p.code, p.table, p.row, p.row_id, p.column, p.got)
            for p in geometric(ws, tolerance)]


# --- assets --------------------------------------------------------------------------------


def test_asset_within_the_tolerance_is_not_reported() -> None:
    # 100 m east of A's eastern side (x = 105 km), inside B: within 250 m
    ws = workspace(areas=AREAS, assets=[asset("S1", point(105_100))])
    assert found(ws) == []


def test_asset_beyond_the_tolerance_is_a_located_warning() -> None:
    ws = workspace(areas=AREAS, assets=[asset("S0", point(102_000)),
                                        asset("S1", point(105_300))])
    [problem] = geometric(ws)
    assert (problem.code, problem.table, problem.row, problem.row_id, problem.column) == (
        Code.ASSET_OUTSIDE_AREA, "assets", 1, "S1", "area_id")
    assert problem.severity is Severity.WARNING
    assert (problem.got, problem.expected) == ("300", "250")
    assert problem.line == 3
    assert problem.message("nl") == ("Het component ligt 300 m buiten zijn gebied 'A' "
                                     "(Aland); verwacht: erin, of hooguit 250 m erbuiten.")
    assert problem.message("en") == ("The asset lies 300 m outside its area 'A' (Aland); "
                                     "expected: inside it, or at most 250 m outside.")
    # the point lies in B, a municipality like A: the fix names it
    assert problem.hint("nl") == ("Wijs in 'area_id' een ander gebied toe, zoals 'B' (Beeld) "
                                  "waarin het punt ligt, of verplaats het punt in 'geometry'.")
    assert problem.hint("en") == ("Assign another area in 'area_id', such as 'B' (Beeld) "
                                  "which holds the point, or move the point in 'geometry'.")


def test_the_tolerance_option_changes_the_outcome() -> None:
    ws = workspace(areas=AREAS, assets=[asset("S1", point(105_100)),
                                        asset("S2", point(105_300))])
    assert [p.row_id for p in geometric(ws)] == ["S2"]
    assert [(p.row_id, p.got, p.expected) for p in geometric(ws, 50)] == [
        ("S1", "100", "50"), ("S2", "300", "50")]
    assert geometric(ws, 350) == []


def test_a_point_on_the_outline_is_inside_even_without_tolerance() -> None:
    ws = workspace(areas=AREAS, assets=[asset("S1", point(105_000)),
                                        asset("S2", point(105_000.5))])
    assert [(p.row_id, p.got) for p in geometric(ws, 0)] == [("S2", "0")]  # 0.5 m rounds to 0


def test_the_distance_at_a_corner_is_euclidean() -> None:
    # 200 m east and 200 m north of A's corner (105, 405) km: √(200² + 200²) = 282.8 m
    ws = workspace(areas=AREAS, assets=[asset("S1", point(105_200, 405_200)),
                                        asset("S2", point(105_150, 405_150))])  # 212 m
    assert found(ws) == [(Code.ASSET_OUTSIDE_AREA, "assets", 0, "S1", "area_id", "283")]


def test_a_cable_counts_by_its_closest_part() -> None:
    # a cable from inside A far into B touches A: inside; one that stays 300 m away: not
    crossing = "LINESTRING (104000 402000, 109000 402000)"
    away = "LINESTRING (105300 401000, 109000 401000)"
    ws = workspace(areas=AREAS, assets=[asset("C1", crossing), asset("C2", away)])
    assert found(ws) == [(Code.ASSET_OUTSIDE_AREA, "assets", 1, "C2", "area_id", "300")]


def test_the_area_suggested_has_the_same_kind() -> None:
    # a hotspot in A; the station named to it lies in B, which is not a hotspot: no suggestion
    hotspot: Row = {"id": "H", "name": "Haven", "kind": "hotspot", "parent_id": "A",
                    "geometry": box(101_000, 401_000, 102_000, 402_000)}
    ws = workspace(areas=[*AREAS, hotspot], assets=[asset("S1", point(106_000), "H")])
    [problem] = geometric(ws)
    assert problem.got == "4000"  # from x = 102 km to 106 km
    assert problem.params["area"] == "'H' (Haven)"
    assert problem.hint("nl") == ("Wijs in 'area_id' een ander gebied toe of verplaats het "
                                  "punt in 'geometry'.")


def test_rows_that_cannot_be_checked_are_skipped() -> None:
    province: Row = {"id": "P", "name": "Provincie", "kind": "province"}  # no outline
    far = point(109_000)  # 4 km from A
    ws = workspace(areas=[*AREAS, province], assets=[
        asset("S1", None),                # no geometry
        asset("S2", far, area=None),      # no area
        asset("S3", far, area="P"),       # an area without an outline
        asset("S4", "POINT EMPTY"),       # an empty geometry (reported on its own)
    ])
    assert found(ws) == []


def test_an_unknown_area_is_left_to_the_reference_rule() -> None:
    ws = workspace(areas=AREAS, assets=[asset("S1", point(109_000), area="X")])
    codes = {p.code for p in validate(ws)}
    assert Code.DANGLING_REFERENCE in codes
    assert codes.isdisjoint(GEOMETRIC)


def test_an_invalid_outline_is_no_container() -> None:
    bowtie: Row = {"id": "Z", "name": "Strik", "kind": "municipality",
                   "geometry": "POLYGON ((100000 400000, 101000 401000, 101000 400000, "
                               "100000 401000, 100000 400000))"}
    ws = workspace(areas=[*AREAS, bowtie], assets=[asset("S1", point(109_000), area="Z")])
    codes = {p.code for p in validate(ws)}
    assert Code.INVALID_GEOMETRY in codes
    assert codes.isdisjoint(GEOMETRIC)


def test_the_first_row_of_a_duplicated_area_counts() -> None:
    again = {**B, "id": "A"}  # a second A where B is: a duplicate key, reported on its own
    ws = workspace(areas=[REGION, A, again], assets=[asset("S1", point(106_000))])
    assert found(ws) == [(Code.ASSET_OUTSIDE_AREA, "assets", 0, "S1", "area_id", "1000")]


# --- developments --------------------------------------------------------------------------


def test_development_point_beyond_the_tolerance() -> None:
    ws = workspace(areas=AREAS, developments=[development("D1", point(105_100)),
                                              development("D2", point(105_300)),
                                              development("D3", None)])
    [problem] = geometric(ws)
    assert (problem.code, problem.table, problem.row, problem.row_id, problem.column,
            problem.got) == (Code.DEVELOPMENT_OUTSIDE_AREA, "developments", 1, "D2", "area_id",
                             "300")
    assert problem.severity is Severity.WARNING
    assert problem.message("nl") == ("De ontwikkeling ligt 300 m buiten haar gebied 'A' "
                                     "(Aland); verwacht: erin, of hooguit 250 m erbuiten.")
    assert "'B' (Beeld)" in problem.hint("en")


def test_development_polygon_counts_by_its_representative_point() -> None:
    # a park from x = 104.9 to 108.9 km: it overlaps A by 100 m, but its representative
    # point (GEOS: the middle of the widest interior scanline at the middle y, here the
    # centre x = 106.9 km) lies 1,900 m east of A
    park = box(104_900, 401_000, 108_900, 403_000)
    inside = box(104_000, 401_000, 105_400, 403_000)  # centre x = 104.7 km: inside A
    ws = workspace(areas=AREAS, developments=[development("D1", park),
                                              development("D2", inside)])
    assert found(ws) == [(Code.DEVELOPMENT_OUTSIDE_AREA, "developments", 0, "D1", "area_id",
                          "1900")]


# --- areas in their parent -------------------------------------------------------------------


def test_child_area_sticking_out_400_m_is_reported() -> None:
    wide = {**B, "geometry": box(105_000, 400_000, 110_400, 405_000)}  # 400 m east of R
    ws = workspace(areas=[REGION, A, wide])
    [problem] = geometric(ws)
    assert (problem.code, problem.table, problem.row, problem.row_id, problem.column,
            problem.got, problem.expected) == (Code.AREA_OUTSIDE_PARENT, "areas", 2, "B",
                                               "parent_id", "400", "250")
    assert problem.severity is Severity.WARNING
    assert problem.message("nl") == ("Het gebied steekt tot 400 m buiten het omvattende gebied "
                                     "'R' (Regio) uit; verwacht: erin, of hooguit 250 m "
                                     "erbuiten.")
    assert problem.hint("en") == ("Assign in 'parent_id' the area that encloses this one, or "
                                  "correct the outline ('geometry') of either.")


def test_child_area_inside_or_within_the_tolerance_is_not_reported() -> None:
    nearly = {**B, "geometry": box(105_000, 400_000, 110_200, 405_000)}  # 200 m out
    ws = workspace(areas=[REGION, A, nearly])
    assert found(ws) == []
    assert found(ws, 150) == [(Code.AREA_OUTSIDE_PARENT, "areas", 2, "B", "parent_id", "200")]


def test_every_point_of_the_child_counts_also_at_a_corner() -> None:
    # a vertex 200 m east and 200 m north of R's corner is 283 m from R, although each
    # coordinate is only 200 m out; one 150 m + 150 m out is 212 m away: inside
    def corner(d: int) -> str:
        return (f"POLYGON ((108000 403000, 110000 403000, {110_000 + d} {405_000 + d}, "
                "108000 405000, 108000 403000))")
    ws = workspace(areas=[REGION, A, {**B, "geometry": corner(200)}])
    assert found(ws) == [(Code.AREA_OUTSIDE_PARENT, "areas", 2, "B", "parent_id", "283")]
    assert found(workspace(areas=[REGION, A, {**B, "geometry": corner(150)}])) == []


def test_the_buffer_is_close_to_a_circle_at_the_parent_corner() -> None:
    # the rounded corner of the buffer is a polygon inscribed in the circle of radius 250 m:
    # a vertex 0.5 m inside that circle is inside, one 0.5 m outside is reported
    sag = 250 * (1 - math.cos(math.pi / (4 * QUAD_SEGMENTS)))
    assert sag < 0.5
    for radius, reported in ((249.5, False), (250.5, True)):
        d = radius / math.sqrt(2)
        geometry = (f"POLYGON ((108000 403000, 110000 403000, {110_000 + d} {405_000 + d}, "
                    "108000 405000, 108000 403000))")
        ws = workspace(areas=[REGION, A, {**B, "geometry": geometry}])
        assert bool(found(ws)) is reported


def test_child_covering_a_hole_of_its_parent_reports_the_interior_point() -> None:
    # R with a 1 km square hole; the child is that hole: its centre is 500 m from R. The
    # vertices of its part beyond the buffer are only 250 m away; its interior point (the
    # centre) gives the 500 m
    holed = {**REGION, "geometry": "POLYGON ((100000 400000, 110000 400000, 110000 405000, "
                                   "100000 405000, 100000 400000), (101000 401000, "
                                   "102000 401000, 102000 402000, 101000 402000, "
                                   "101000 401000))"}
    hole = {**A, "geometry": box(101_000, 401_000, 102_000, 402_000)}
    ws = workspace(areas=[holed, hole, B])
    assert found(ws) == [(Code.AREA_OUTSIDE_PARENT, "areas", 1, "A", "parent_id", "500")]


def test_areas_that_cannot_be_checked_are_skipped() -> None:
    province: Row = {"id": "P", "name": "Provincie", "kind": "province"}  # no outline
    region = {**REGION, "parent_id": "P"}
    outside = box(120_000, 400_000, 125_000, 405_000)
    ws = workspace(areas=[province, region,
                          {**A, "geometry": None},               # the child has no outline
                          {**B, "parent_id": None, "geometry": outside},  # no parent
                          {**B, "id": "C", "parent_id": "A", "geometry": outside}])
    assert found(ws) == []  # C's parent A has no outline


def test_the_tolerance_must_be_a_distance() -> None:
    for bad in (-1.0, math.inf, math.nan):
        with pytest.raises(ValueError, match="area_tolerance_m"):
            ValidationOptions(area_tolerance_m=bad)


def test_of_two_areas_holding_the_point_the_first_in_the_table_is_suggested() -> None:
    twin: Row = {**B, "id": "C", "name": "Ceder"}  # the same outline as B
    station = [asset("S1", point(106_000))]
    first_c = geometric(workspace(areas=[REGION, A, twin, B], assets=station))
    first_b = geometric(workspace(areas=[REGION, A, B, twin], assets=station))
    assert "'C' (Ceder)" in first_c[0].hint("en")
    assert "'B' (Beeld)" in first_b[0].hint("en")
