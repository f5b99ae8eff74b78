"""Checks of geometry as it is read: RD New coordinates given as degrees, heights dropped.

A GeoJSON file that declares no CRS is WGS84 (RFC 7946); when its coordinates are plainly RD
New (metres in the box of the Netherlands), reading them as degrees would put them far
outside the earth, and a message about invalid geometry would mislead: the readers say that
the CRS should be declared instead. Heights (Z) are dropped, with a warning, since pmiek works
in RD New, in two dimensions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyproj
import shapely
from pyproj.exceptions import CRSError

from pmiek.domain.arrays import Bools, Objects
from pmiek.domain.geometry import RD_NEW
from pmiek.domain.problems import Code, Problem, Severity

_RD_LIKE = (0.0, 300_000.0, 300_000.0, 625_000.0)
"""(min x, max x, min y, max y) [m]: coordinates in this box are RD New, not degrees."""


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_geographic(crs: str) -> bool:
    """Whether ``crs`` counts in degrees (WGS84 and its kin); ``False`` when unknown."""
    try:
        return bool(pyproj.CRS.from_user_input(crs).is_geographic)
    except CRSError:
        return False


def rd_like(geometries: Objects) -> Bools:
    """Which geometries lie entirely in the box of RD New coordinates of the Netherlands, so
    that they cannot be longitude and latitude."""
    x0, x1, y0, y1 = _RD_LIKE
    bounds = shapely.bounds(geometries).reshape(-1, 4)
    with np.errstate(invalid="ignore"):
        return np.asarray((bounds[:, 0] >= x0) & (bounds[:, 2] <= x1) & (bounds[:, 1] >= y0)
                          & (bounds[:, 3] <= y1))


def undeclared_rd(table_name: str, column: str, geometries: Objects, crs: str, *,
                  said: tuple[str, str] | None = None) -> tuple[Bools, list[Problem]]:
    """The geometries that are RD New coordinates although their CRS ``crs`` counts in
    degrees (an undeclared CRS read as WGS84), and one problem naming the first of them.
    ``said`` is how the file gave the CRS (Dutch, English), ``crs`` when not given."""
    if not is_geographic(crs):
        return np.zeros(len(geometries), dtype=bool), []
    found = rd_like(geometries)
    if not found.any():
        return found, []
    first = int(np.flatnonzero(found)[0])
    dutch, english = said or (crs, crs)
    return found, [Problem(Code.UNDECLARED_RD, table_name, column, first, expected=RD_NEW,
                           got=shorten(str(shapely.to_wkt(geometries[first], trim=True))),
                           params={"crs": english, "crs_nl": dutch,
                                   "count": str(int(found.sum()))})]


def drop_height(table_name: str, column: str, geometries: Objects,
                ) -> tuple[Objects, list[Problem]]:
    """``geometries`` in 2D, and a warning naming the first that had a height (Z)."""
    present = ~pd.isna(geometries)
    has_z = np.zeros(len(geometries), dtype=bool)
    has_z[present] = shapely.has_z(geometries[present])
    if not has_z.any():
        return geometries, []
    flat = geometries.copy()
    flat[has_z] = shapely.force_2d(geometries[has_z])
    first = int(np.flatnonzero(has_z)[0])
    return flat, [Problem(Code.DROPPED_HEIGHT, table_name, column, first, expected="2D",
                          got=str(int(has_z.sum())), severity=Severity.WARNING)]
