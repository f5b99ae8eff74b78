"""GeoPackage (every table a layer) and GeoJSON (one geometry table a file).

Layers with geometry are written in EPSG:28992; on reading, any CRS pyproj knows is converted
to EPSG:28992, and a layer without a CRS is rejected (its coordinates cannot be placed).
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
from pyogrio.errors import DataLayerError, DataSourceError

from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import column_text
from pmiek.domain.geometry import RD_NEW, UnknownCRS, to_rd_new
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.schema import Dtype
from pmiek.domain.tables import TABLE_NAMES, table
from pmiek.domain.workspace import Workspace

RawTables = dict[str, pd.DataFrame]


@contextmanager
def _gdal_warnings() -> Iterator[None]:
    """Keep GDAL's warnings (a damaged file: ``bad application_id``) out of the output: the
    file is reported as a problem when it cannot be read, and read when it can."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _read_layer(path: Path, name: str, layer: str | None, default_crs: str | None,
                ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    try:
        with _gdal_warnings():
            meta, fids, geometry, fields = pyogrio.raw.read(path, layer=layer,
                                                            return_fids=True)
    except (DataSourceError, DataLayerError, OSError, ValueError) as exc:
        return None, [Problem(Code.UNREADABLE, name, expected="GeoPackage/GeoJSON",
                              got=path.name, params={"reason": str(exc).splitlines()[0]})], \
            np.empty(0, dtype=int)
    columns = {str(f): column_text(np.asarray(v)) for f, v in zip(meta["fields"], fields,
                                                                      strict=True)}
    for field, dtype, values in zip(meta["fields"], meta["dtypes"], fields, strict=True):
        if str(dtype).startswith("int") and np.asarray(values).dtype.kind == "f" and \
                fids is not None:
            columns[str(field)] = _exact_integers(path, layer, str(field), fids,
                                                  columns[str(field)])
    frame = pd.DataFrame(columns)
    lines = np.asarray(fids, dtype=int) if fids is not None else np.arange(1, len(frame) + 1)
    problems: list[Problem] = []
    if geometry is not None:
        geoms = np.asarray(shapely.from_wkb(geometry))
        crs = meta.get("crs") or default_crs
        if crs is None:
            problems.append(Problem(Code.UNKNOWN_CRS, name, "geometry", expected=RD_NEW,
                                    got=f"{path.name}: geen/none"))
            geoms = np.full(len(frame), None, dtype=object)
        else:
            try:
                present = ~pd.isna(geoms)
                geoms[present] = to_rd_new(geoms[present], crs)
            except UnknownCRS:
                problems.append(Problem(Code.UNKNOWN_CRS, name, "geometry", expected=RD_NEW,
                                        got=str(crs)))
                geoms = np.full(len(frame), None, dtype=object)
        frame["geometry"] = pd.Series(geoms, dtype=object)
    return frame, problems, lines


def _exact_integers(path: Path, layer: str | None, field: str, fids: np.ndarray,
                    text: np.ndarray) -> np.ndarray:
    """An integer field with empty cells comes back from pyogrio as float64, which rounds
    beyond 2**53: read its filled cells once more as integers, matched by feature id."""
    quoted = field.replace('"', '""')
    try:
        with _gdal_warnings():
            _, found, _, (values,) = pyogrio.raw.read(
                path, layer=layer, columns=[field], read_geometry=False, return_fids=True,
                where=f'"{quoted}" IS NOT NULL')
    except (DataSourceError, DataLayerError, OSError, ValueError):
        return text
    if found is None:
        return text
    positions = pd.Index(np.asarray(fids)).get_indexer(np.asarray(found))
    if (positions < 0).any():
        return text
    exact = np.full(len(fids), None, dtype=object)
    exact[positions] = column_text(np.asarray(values))
    return exact


def read_geojson_table(path: Path, name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A GeoJSON file as the raw table ``name`` (WGS84 unless the file declares a CRS)."""
    frame, problems, _ = _read_layer(path, name, None, "EPSG:4326")
    return frame, problems


def read_gpkg(path: Path) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    """Every layer of a GeoPackage named after a table, as raw text tables."""
    try:
        with _gdal_warnings():
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    except (DataSourceError, OSError, ValueError) as exc:
        return {}, [Problem(Code.UNREADABLE, "-", expected="GeoPackage", got=path.name,
                            params={"reason": str(exc).splitlines()[0]})], {}
    raw: RawTables = {}
    problems: list[Problem] = []
    origins: dict[str, Origin] = {}
    for layer in layers:
        if layer not in TABLE_NAMES:
            if not layer.startswith(("gpkg_", "rtree_", "layer_styles")):
                problems.append(Problem(Code.UNKNOWN_TABLE, layer,
                                        expected=", ".join(TABLE_NAMES), got=layer,
                                        severity=Severity.WARNING))
            continue
        frame, found, lines = _read_layer(path, layer, layer, None)
        problems += found
        origins[layer] = Origin(str(path), layer, lines)
        if frame is not None:
            raw[layer] = frame
    return raw, problems, origins


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
    """Write every table with rows as a layer of a new GeoPackage at ``path``."""
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
                          append=path.exists(), nan_as_null=True)


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
