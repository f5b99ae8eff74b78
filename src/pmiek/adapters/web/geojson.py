"""Areas and stations as GeoJSON in RD New metres (EPSG:28992), for the map.

The workspace keeps geometry in RD New already (:mod:`pmiek.domain.geometry`), so nothing is
reprojected here: the map draws in RD with Proj4Leaflet. Outlines are generalised with
shapely's topology-preserving simplify (:data:`TOLERANCE_M`) and coordinates rounded to
decimetres, so that the JSON of a province stays small; the pages cache the result per
workspace version.

Each feature collection names its CRS in the old GeoJSON 2008 ``crs`` member, which
Proj4Leaflet's ``L.Proj.geoJson`` reads (RFC 7946 itself knows only WGS 84).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from pmiek.domain.workspace import Workspace

TOLERANCE_M = 25.0
"""Simplification tolerance of area outlines [m]."""
DECIMALS = 1
"""Coordinates are rounded to this many decimals [m]."""
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
AREA_KINDS = ("province", "region", "municipality", "hotspot")
"""The kinds of area drawn on the map (the others have no outline of their own)."""

Feature = dict[str, Any]


def collection(features: list[Feature]) -> dict[str, Any]:
    """A FeatureCollection in RD New."""
    return {"type": "FeatureCollection", "crs": CRS, "features": features}


def _rounded(geometry: Any) -> Any:
    return shapely.transform(geometry, lambda xy: np.round(xy, DECIMALS))


def _geometry(geometry: Any, tolerance: float) -> dict[str, Any] | None:
    if geometry is None or (isinstance(geometry, float) and np.isnan(geometry)):
        return None
    if not isinstance(geometry, shapely.Geometry) or geometry.is_empty:
        return None
    if tolerance > 0 and geometry.geom_type in ("Polygon", "MultiPolygon", "LineString",
                                                "MultiLineString"):
        simpler = shapely.simplify(geometry, tolerance, preserve_topology=True)
        if not simpler.is_empty:
            geometry = simpler
    shape: dict[str, Any] = mapping(_rounded(geometry))
    return shape


def areas(workspace: Workspace, tolerance: float = TOLERANCE_M) -> dict[str, Any]:
    """The areas with an outline (:data:`AREA_KINDS`), largest kind first: properties
    ``id``, ``name``, ``kind``, ``parent_id``."""
    table = workspace.areas
    order = {kind: i for i, kind in enumerate(AREA_KINDS)}
    features: list[Feature] = []
    kinds = table["kind"].astype(str).to_numpy()
    rows = sorted((i for i in range(len(table)) if kinds[i] in order),
                  key=lambda i: order[kinds[i]])
    for i in rows:
        row = table.iloc[i]
        shape = _geometry(row["geometry"], tolerance)
        if shape is None:
            continue
        parent = row.get("parent_id")
        features.append({"type": "Feature", "id": str(row["id"]), "geometry": shape,
                         "properties": {"id": str(row["id"]), "name": str(row["name"]),
                                        "kind": str(row["kind"]),
                                        "parent_id": None if pd.isna(parent) else str(parent)}})
    return collection(features)


def stations(workspace: Workspace, table: pd.DataFrame, url: Callable[[str], str],
             labels: Mapping[str, str]) -> dict[str, Any]:
    """The rows of ``table`` (the stations a visitor may see, from
    :func:`pmiek.adapters.web.step1.stations`) that have a location. Properties: ``id``,
    ``name``, ``label`` (the id, written beside the symbol when zoomed in), ``operator``,
    ``kind``, ``municipality``, ``class``, ``class_label`` (``labels[class]``), ``peak_mw``,
    ``capacity_mw``, ``utilisation`` (null when missing or infinite) and ``url`` (the
    station panel, ``url(id)``)."""
    where = dict(zip(workspace.assets["id"].astype(str), workspace.assets["geometry"],
                     strict=True))
    features: list[Feature] = []
    for row in table.to_dict("records"):
        asset_id = str(row["asset_id"])
        shape = _geometry(where.get(asset_id), 0.0)
        if shape is None:
            continue
        klass = str(row["class"])
        features.append({"type": "Feature", "id": asset_id, "geometry": shape, "properties": {
            "id": asset_id, "name": str(row["name"]), "label": asset_id,
            "operator": str(row["operator"]),
            "kind": str(row["kind"]), "municipality": str(row["municipality"]),
            "class": klass, "class_label": labels.get(klass, klass),
            "peak_mw": _number(row["peak_mw"]), "capacity_mw": _number(row["capacity_mw"]),
            "utilisation": _number(row["utilisation"]), "url": url(asset_id)}})
    return collection(features)


def _number(value: object) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if np.isfinite(x) else None


__all__ = ["CRS", "TOLERANCE_M", "areas", "collection", "stations"]
