"""Reading GeoPackages (every table a layer) and GeoJSON files (one geometry table a file).

On reading, any CRS pyproj knows is converted to EPSG:28992, and a layer without a CRS is
rejected (its coordinates cannot be placed).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError

from pmiek.adapters.files.geo import gdal_warnings
from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import column_text
from pmiek.domain.geometry import RD_NEW, UnknownCRS, to_rd_new
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.tables import TABLE_NAMES

RawTables = dict[str, pd.DataFrame]


def _read_layer(path: Path, name: str, layer: str | None, default_crs: str | None,
                ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    try:
        with gdal_warnings():
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
        with gdal_warnings():
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
        with gdal_warnings():
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
