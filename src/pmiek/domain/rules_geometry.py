"""Geometric consistency rules of validation: does a thing lie in the area it names?

Three warnings, each with a tolerance ``tolerance`` [m]
(:data:`~pmiek.domain.defaults.AREA_TOLERANCE_M` by default), since generalised municipal
outlines have few vertices and cut corners:

- an asset (``assets.area_id``) counts as inside its area when the distance from its
  geometry to the area's outline is at most ``tolerance``. For a point that is the
  point's distance; for a line (a cable) it is the distance of its closest part, since a
  cable may run on into the neighbouring areas.
- a development (``developments.area_id``) counts as inside when its *representative point*
  (:func:`shapely.point_on_surface`: the point itself, or a point guaranteed to lie inside a
  polygon) is at most ``tolerance`` from the area. Not the closest part, so that a park
  drawn mostly in the neighbouring municipality is reported; not the centroid, which can
  fall outside a bent polygon.
- a child area (``areas.parent_id``) counts as inside when *every* point of it is at most
  ``tolerance`` from the parent, that is when it is covered by the parent buffered by
  ``tolerance`` (:func:`shapely.covered_by`, :func:`shapely.buffer`). The buffer's rounded
  corners are polygons of :data:`QUAD_SEGMENTS` segments per quarter circle, inscribed in
  the true circle: at a corner of the parent the tolerance is met to within
  ``tolerance × (1 − cos(π / 4·QUAD_SEGMENTS))`` (0.3 m at 250 m); along a side it is exact.
  The distance reported is the largest distance to the parent of the vertices and of the
  interior point (:func:`shapely.point_on_surface`) of the part of the child outside the
  buffer: the farthest point of the child when that is a vertex (as it is unless the parent
  has a hole or a notch there), else a lower bound of at least about ``tolerance``.

Only valid, non-empty polygons (Polygon, MultiPolygon) are containers; a row is skipped when
its own geometry is missing, invalid or empty, or when its area id is missing, does not
resolve or names an area without such a polygon: other rules report those. When an id occurs
twice, its first row counts (the duplicate is reported on its own). Every test is vectorised
over the rows; only the offending rows become :class:`~pmiek.domain.problems.Problem`
objects.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.arrays import Bools, Floats, Ints, Objects
from pmiek.domain.coerce import row_ids
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace

QUAD_SEGMENTS = 16
"""Segments per quarter circle of the buffered parent area (see the module docstring)."""

_POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon


def _usable(values: pd.Series) -> Objects:
    """The geometries of ``values``, ``None`` where missing, invalid or empty."""
    geometries = values.to_numpy(dtype=object)
    present = np.flatnonzero(~pd.isna(geometries))
    fine = np.zeros(len(geometries), dtype=bool)
    found = geometries[present]
    fine[present] = np.asarray(shapely.is_valid(found)) & ~np.asarray(shapely.is_empty(found))
    return _only(fine, geometries)


def _only(mask: Bools, values: Objects) -> Objects:
    """``values`` where ``mask`` holds, ``None`` elsewhere."""
    out = np.full(len(values), None, dtype=object)
    out[mask] = values[mask]
    return out


@dataclass(frozen=True)
class _Areas:
    """The areas that can contain something: one entry per distinct id, its first row."""

    ids: pd.Index
    polygons: Objects  # per id: its polygon, None when it has none
    kinds: Objects
    names: Objects

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Areas:
        first = frame[frame["id"].notna() & ~frame["id"].duplicated()]
        geometry = _usable(first["geometry"])
        polygonal = np.isin(shapely.get_type_id(geometry), _POLYGONAL)
        return cls(pd.Index(first["id"].to_numpy(dtype=object)),
                   _only(polygonal, geometry),
                   first["kind"].to_numpy(dtype=object), first["name"].to_numpy(dtype=object))

    def at(self, references: pd.Series) -> Ints:
        """Per reference, the position of its area; −1 when missing, unknown or without a
        polygon."""
        if not len(self.ids):
            return np.full(len(references), -1, dtype=np.int64)
        found = np.asarray(self.ids.get_indexer(references.to_numpy(dtype=object)),
                           dtype=np.int64)
        found[references.isna().to_numpy(bool)] = -1
        known = found >= 0
        found[known & pd.isna(self.polygons[np.maximum(found, 0)])] = -1
        return found

    def label(self, position: int) -> str:
        """``'GM0344' (Utrecht)``, or ``'GM0344'`` when the area has no name."""
        name = self.names[position]
        shown = f"'{self.ids[position]}'"
        return shown if pd.isna(name) else f"{shown} ({name})"

    def holding(self, points: Objects, kinds: Objects) -> Ints:
        """Per point, the position of an area of the given kind that holds it; −1 if none."""
        out = np.full(len(points), -1, dtype=np.int64)
        polygonal = np.flatnonzero(~pd.isna(self.polygons))
        if not len(points) or not len(polygonal):
            return out
        tree = shapely.STRtree(self.polygons[polygonal])
        point, area = tree.query(points, predicate="intersects")
        area = polygonal[area]
        same = self.kinds[area] == kinds[point]
        point, area = point[same], area[same]
        order = np.lexsort((area, point))  # the first area in the table wins
        point, area = point[order], area[order]
        first = np.unique(point, return_index=True)[1]
        out[point[first]] = area[first]
        return out


def _distances(geometries: Objects, containers: Objects) -> Floats:
    """Per row, the distance [m] from the geometry to its container; NaN where either is
    missing."""
    out = np.full(len(geometries), np.nan)
    both = ~pd.isna(geometries) & ~pd.isna(containers)
    if both.any():
        out[both] = shapely.distance(geometries[both], containers[both])
    return out


def _warnings(frame: pd.DataFrame, table_name: str, code: Code, *, bad: Bools,
              reach: Floats, areas: _Areas, positions: Ints, tolerance: float,
              ) -> list[Problem]:
    """One warning per row in ``bad``: ``reach`` [m] beyond the area at ``positions``,
    where ``tolerance`` [m] was allowed."""
    schema = table(table_name)
    ids = row_ids(schema, frame)
    column = "parent_id" if table_name == "areas" else "area_id"
    return [
        Problem(code, table_name, column, int(i), None if pd.isna(ids.iloc[i]) else
                str(ids.iloc[i]), expected=f"{tolerance:g}", got=f"{reach[i]:.0f}",
                severity=Severity.WARNING, params={"area": areas.label(int(positions[i]))})
        for i in np.flatnonzero(bad)
    ]


def _check_in_area(workspace: Workspace, table_name: str, areas: _Areas, tolerance: float,
                   ) -> list[Problem]:
    """Assets or developments farther than ``tolerance`` [m] from the area they name."""
    frame = workspace.table(table_name)
    if not len(frame):
        return []
    positions = areas.at(frame["area_id"])
    geometry = _usable(frame["geometry"])
    resolved = positions >= 0
    if table_name == "developments":
        located = resolved & ~pd.isna(geometry)
        geometry[located] = shapely.point_on_surface(geometry[located])
    containers = _only(resolved, areas.polygons[np.maximum(positions, 0)])
    distance = _distances(geometry, containers)
    with np.errstate(invalid="ignore"):
        bad = distance > tolerance
    code = (Code.DEVELOPMENT_OUTSIDE_AREA if table_name == "developments"
            else Code.ASSET_OUTSIDE_AREA)
    problems = _warnings(frame, table_name, code, bad=bad, reach=distance, areas=areas,
                         positions=positions, tolerance=tolerance)
    if not problems:
        return problems
    holder = areas.holding(geometry[bad], areas.kinds[positions[bad]])
    return [_with_holder(problem, areas, int(h))
            for problem, h in zip(problems, holder, strict=True)]


def _with_holder(problem: Problem, areas: _Areas, holder: int) -> Problem:
    """``problem`` naming the area of the same kind that does hold the thing, if any."""
    if holder < 0:
        found = found_nl = ""
    else:
        label = areas.label(holder)
        found = f", such as {label} which holds the point,"
        found_nl = f", zoals {label} waarin het punt ligt,"
    return replace(problem, params={**problem.params, "found": found, "found_nl": found_nl})


def _check_in_parent(workspace: Workspace, areas: _Areas, tolerance: float) -> list[Problem]:
    """Areas of which some point lies farther than ``tolerance`` [m] from their parent."""
    frame = workspace.areas
    positions = areas.at(frame["parent_id"])
    child = _usable(frame["geometry"])
    own = (frame["parent_id"] == frame["id"]).fillna(False).to_numpy(bool)
    check = (positions >= 0) & ~pd.isna(child) & ~own
    if not check.any():
        return []
    used = np.unique(positions[check])
    grown = np.full(len(areas.ids), None, dtype=object)
    grown[used] = shapely.buffer(areas.polygons[used], tolerance, quad_segs=QUAD_SEGMENTS)
    bad = np.zeros(len(frame), dtype=bool)
    bad[check] = ~np.asarray(shapely.covered_by(child[check], grown[positions[check]]))
    reach = np.full(len(frame), np.nan)
    if bad.any():
        reach[bad] = _reach(child[bad], grown[positions[bad]], areas.polygons[positions[bad]])
    return _warnings(frame, "areas", Code.AREA_OUTSIDE_PARENT, bad=bad, reach=reach,
                     areas=areas, positions=positions, tolerance=tolerance)


def _reach(children: Objects, grown: Objects, parents: Objects) -> Floats:
    """Per child, the largest distance [m] to its parent of a vertex or the interior point of
    its part outside the grown (buffered) parent."""
    beyond = shapely.difference(children, grown)
    coordinates, owner = shapely.get_coordinates(beyond, return_index=True)
    samples = np.concatenate([shapely.points(coordinates), shapely.point_on_surface(beyond)])
    owner = np.concatenate([owner, np.arange(len(children))])
    reach = np.zeros(len(children))
    present = ~np.asarray(shapely.is_empty(samples))
    distance = shapely.distance(samples[present], parents[owner[present]])
    np.maximum.at(reach, owner[present], distance)
    return reach


def check_area_consistency(workspace: Workspace, tolerance: float) -> list[Problem]:
    """Warnings for assets, developments and areas outside the area they name, beyond
    ``tolerance`` [m] (the rules are in the module docstring)."""
    if not len(workspace.areas):
        return []
    areas = _Areas.of(workspace.areas)
    if not len(areas.ids):  # no area has an id (a broken header, say): nothing to check
        return []
    problems = _check_in_area(workspace, "assets", areas, tolerance)
    problems += _check_in_area(workspace, "developments", areas, tolerance)
    problems += _check_in_parent(workspace, areas, tolerance)
    return problems


__all__ = ["QUAD_SEGMENTS", "check_area_consistency"]
