"""Geometry parsing and reprojection to EPSG:28992 (RD New), the internal CRS.

Files carry geometry as WKT in RD New, as EWKT with an SRID prefix (``SRID=4326;POINT (5.1
52.1)``), or as features of a GeoPackage/GeoJSON layer with a CRS. Everything is converted to
RD New with pyproj.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyproj
import shapely
from pyproj.exceptions import CRSError

from pmiek.domain.arrays import Bools, Floats, Objects

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
RD_EPSG = 28992
RD_BOUNDS = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
"""The area of use of RD New: (min x, min y, max x, max y) [m]."""


class UnknownCRS(ValueError):
    """A CRS that pyproj cannot resolve."""


@lru_cache(maxsize=32)
def _transformer(source: str) -> pyproj.Transformer:
    try:
        crs = pyproj.CRS.from_user_input(source)
    except CRSError as exc:
        raise UnknownCRS(source) from exc
    return pyproj.Transformer.from_crs(crs, RD_NEW, always_xy=True)


def is_rd_new(crs: str | int) -> bool:
    """Whether ``crs`` is EPSG:28992."""
    try:
        return pyproj.CRS.from_user_input(crs).to_epsg() == RD_EPSG
    except CRSError as exc:
        raise UnknownCRS(str(crs)) from exc


def to_rd_new(geometries: Objects, source: str | int) -> Objects:
    """Reproject an array of shapely geometries from ``source`` to RD New.

    Raises :class:`UnknownCRS` when pyproj does not know ``source``.
    """
    if is_rd_new(source):
        return geometries
    transformer = _transformer(str(source) if isinstance(source, str) else f"EPSG:{source}")

    def _apply(coords: Floats) -> Floats:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return np.asarray(shapely.transform(geometries, _apply))


WKT_DECIMALS = 24
"""The most decimals written in WKT. GEOS writes the shortest text that reads back exactly
but cuts it after this many decimals, and after 16 with ``-1`` ("full precision"), which loses
the last digits of coordinates below 1 (0.00014569454105450123 → 0.0001456945410545). Fixed
notation is used down to 1e-4, so 3 zeros + 17 digits = 20 decimals always suffice."""


def to_wkt(geometries: Objects) -> Objects:
    """WKT with full precision, so that a write-read round trip is exact."""
    return np.asarray(shapely.to_wkt(geometries, rounding_precision=WKT_DECIMALS, trim=True))


def outside_rd(geometries: Objects) -> Bools:
    """Boolean mask of geometries whose bounds leave the area of use of RD New."""
    bounds = shapely.bounds(geometries)
    x0, y0, x1, y1 = RD_BOUNDS
    with np.errstate(invalid="ignore"):
        return np.asarray(
            (bounds[:, 0] < x0) | (bounds[:, 1] < y0) | (bounds[:, 2] > x1) | (bounds[:, 3] > y1)
        )
