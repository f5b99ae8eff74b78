"""GeoPackage (every table a layer) and GeoJSON (one geometry table a file).

Layers with geometry are written in EPSG:28992; on reading, any CRS pyproj knows is converted
to EPSG:28992, and a layer without a CRS is rejected (its coordinates cannot be placed). A
GeoPackage that pmiek writes carries its mark in the dataset metadata (see
:mod:`pmiek.adapters.files.safety`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely

from pmiek.adapters.files.safety import MARK
from pmiek.domain.geometry import RD_NEW
from pmiek.domain.schema import Dtype
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace

RawTables = dict[str, pd.DataFrame]


@contextmanager
def gdal_warnings() -> Iterator[None]:
    """Keep GDAL's warnings (a damaged file: ``bad application_id``) out of the output: the
    file is reported as a problem when it cannot be read, and read when it can."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _field_arrays(name: str, frame: pd.DataFrame) -> tuple[list[np.ndarray], list[str],
                                                          list[np.ndarray | None]]:
    data: list[np.ndarray] = []
    names: list[str] = []
    masks: list[np.ndarray | None] = []
    for column in table(name).columns:
        if column.dtype is Dtype.GEOMETRY:
            continue
        series = frame[column.name]
        missing = series.isna().to_numpy()
        if column.dtype in (Dtype.INTEGER, Dtype.YEAR):
            data.append(series.to_numpy(dtype="int64", na_value=0))
        elif column.dtype is Dtype.FLOAT:
            data.append(series.to_numpy(dtype=float, na_value=np.nan))
        elif column.dtype is Dtype.BOOLEAN:
            data.append(series.to_numpy(dtype=bool, na_value=False))
        else:
            data.append(series.astype(object).where(series.notna(), None).to_numpy())
        names.append(column.name)
        masks.append(missing if missing.any() and column.dtype is not Dtype.FLOAT else None)
    return data, names, masks


def write_gpkg(workspace: Workspace, path: Path) -> None:
    """Write every table with rows as a layer of a new GeoPackage at ``path``, marked as
    pmiek's."""
    first = True
    for name, frame in workspace.items():
        if not len(frame) and name not in ("areas", "assets", "developments"):
            continue
        data, names, masks = _field_arrays(name, frame)
        geometry = None
        geometry_type = None
        crs = None
        if table(name).has_geometry:
            values = frame["geometry"].to_numpy(dtype=object)
            geometry = np.asarray(shapely.to_wkb(values))
            geometry_type = "Unknown"
            crs = RD_NEW
        pyogrio.raw.write(path, geometry, data, names, field_mask=masks, layer=name,
                          driver="GPKG", geometry_type=geometry_type, crs=crs,
                          append=not first, nan_as_null=True,
                          dataset_metadata=dict([MARK]) if first else None)
        first = False


def write_geojson(workspace: Workspace, name: str, path: Path) -> None:
    """Write the geometry table ``name`` as GeoJSON in WGS84 (RFC 7946), for web maps."""
    if not table(name).has_geometry:
        raise ValueError(f"table {name!r} has no geometry")
    frame = workspace.table(name)
    data, names, masks = _field_arrays(name, frame)
    values = frame["geometry"].to_numpy(dtype=object)
    import pyproj

    transformer = pyproj.Transformer.from_crs(RD_NEW, "EPSG:4326", always_xy=True)

    def _apply(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    present = ~pd.isna(values)
    values = values.copy()
    values[present] = shapely.transform(values[present], _apply)
    pyogrio.raw.write(path, np.asarray(shapely.to_wkb(values)), data, names, field_mask=masks,
                      driver="GeoJSON", geometry_type="Unknown", crs="EPSG:4326")
