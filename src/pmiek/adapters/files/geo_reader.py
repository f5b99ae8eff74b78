"""Reading GeoPackages (every table a layer) and GeoJSON files (one geometry table a file).

On reading, any CRS pyproj knows is converted to EPSG:28992, and a layer without a CRS is
rejected (its coordinates cannot be placed). Coordinates that are plainly RD New in a layer
whose CRS counts in degrees (a GeoJSON file that declares no CRS is WGS84) are refused with a
message that says so, not read as degrees far outside the earth. Heights (Z) are dropped,
with a warning. Every layer of a GeoPackage that is not read is named: an unknown layer in a
warning, a layer that cannot be read (a raster, a damaged one) in an error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from shapely.errors import GEOSException

from pmiek.adapters.files.geo import gdal_warnings
from pmiek.adapters.files.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    check_file,
    count_text,
    long_cells,
    too_large,
)
from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import column_text
from pmiek.domain.coerce import DECIMAL
from pmiek.domain.geometry import RD_NEW, UnknownCRS, to_rd_new
from pmiek.domain.geometry_checks import drop_height, undeclared_rd
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.tables import TABLE_NAMES

RawTables = dict[str, pd.DataFrame]

GEOJSON_CRS = ("EPSG:4326 (WGS84: zo leest elk GeoJSON-bestand zonder 'crs')",
               "EPSG:4326 (WGS84: how any GeoJSON file without 'crs' is read)")
"""How a GeoJSON file gives its CRS when the coordinates do not fit it (Dutch, English)."""

_SYSTEM = ("gpkg_", "rtree_", "sqlite_")
_PAM = "GDAL_PAM_ENABLED"
_READ_ERRORS = (DataSourceError, DataLayerError, OSError, ValueError, GEOSException)


@contextmanager
def reading() -> Iterator[None]:
    """GDAL quiet (see :func:`~pmiek.adapters.files.geo.gdal_warnings`) and without side
    files: GDAL would otherwise write ``input.gpkg.aux.xml`` beside a GeoPackage whose
    metadata it reads, changing a folder that pmiek only reads."""
    before = pyogrio.get_gdal_config_option(_PAM)
    pyogrio.set_gdal_config_options({_PAM: "NO"})
    try:
        with gdal_warnings():
            yield
    finally:
        pyogrio.set_gdal_config_options({_PAM: before})


def _unreadable(name: str, path: Path, exc: Exception) -> Problem:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Problem(Code.UNREADABLE, name, expected="GeoPackage/GeoJSON", got=path.name,
                   params={"reason": reason})


def _placed(path: Path, name: str, geoms: np.ndarray, crs: str | None,
            said: tuple[str, str] | None) -> tuple[np.ndarray, list[Problem]]:
    """Geometries in RD New, 2D: refused (``None``) where they cannot be placed."""
    geoms, problems = drop_height(name, "geometry", geoms)
    if crs is None:
        problems.append(Problem(Code.UNKNOWN_CRS, name, "geometry", expected=RD_NEW,
                                got=f"{path.name}: geen/none"))
        return np.full(len(geoms), None, dtype=object), problems
    present = ~pd.isna(geoms)
    rd, found = undeclared_rd(name, "geometry", geoms, crs, said=said)
    problems += found
    geoms[rd] = None
    present &= ~rd
    try:
        geoms[present] = to_rd_new(geoms[present], crs)
    except UnknownCRS:
        problems.append(Problem(Code.UNKNOWN_CRS, name, "geometry", expected=RD_NEW,
                                got=str(crs)))
        return np.full(len(geoms), None, dtype=object), problems
    return geoms, problems


def _fields(path: Path, layer: str | None, meta: dict[str, object], fids: np.ndarray | None,
            fields: list[np.ndarray]) -> pd.DataFrame:
    names = [str(f) for f in np.asarray(meta["fields"])]
    columns = {f: column_text(np.asarray(v)) for f, v in zip(names, fields, strict=True)}
    for field, dtype, values in zip(names, np.asarray(meta["dtypes"]), fields, strict=True):
        if str(dtype).startswith("int") and np.asarray(values).dtype.kind == "f" and \
                fids is not None:
            columns[field] = _exact_integers(path, layer, field, fids, columns[field])
    frame = pd.DataFrame(columns)
    frame.attrs[DECIMAL] = "."
    return frame


def _read_layer(path: Path, name: str, layer: str | None, *, limits: ReadLimits,
                default: tuple[str, tuple[str, str]] | None = None,
                ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    """One layer as a raw table, the feature id of every row, and the problems found.

    ``default`` is the CRS of a file that declares none, and how to say so."""
    too_many = [too_large(name, (f"Laag {name}", f"Layer {name}"),
                          limit=f"{count_text(limits.rows)} rijen / rows",
                          size=f"> {count_text(limits.rows)}")]
    try:
        with reading():
            # a known count is checked first: a large max_features costs its arrays' size
            counted = int(pyogrio.read_info(path, layer=layer).get("features", -1))
            if counted > limits.rows:
                return None, too_many, np.empty(0, dtype=int)
            meta, fids, geometry, fields = pyogrio.raw.read(
                path, layer=layer, return_fids=True,
                max_features=limits.rows + 1 if counted < 0 else None)
        frame = _fields(path, layer, meta, fids, fields)
        geoms = None if geometry is None else np.asarray(shapely.from_wkb(geometry))
    except _READ_ERRORS as exc:
        return None, [_unreadable(name, path, exc)], np.empty(0, dtype=int)
    if len(frame) > limits.rows:
        return None, too_many, np.empty(0, dtype=int)
    lines = np.asarray(fids, dtype=int) if fids is not None else np.arange(1, len(frame) + 1)
    problems = long_cells(name, frame, limits)
    if geoms is not None:
        crs = meta.get("crs") or (default[0] if default else None)
        geoms, found = _placed(path, name, geoms, None if crs is None else str(crs),
                               default[1] if default else None)
        problems += found
        frame["geometry"] = pd.Series(geoms, dtype=object)
    return frame, problems, lines


def _exact_integers(path: Path, layer: str | None, field: str, fids: np.ndarray,
                    text: np.ndarray) -> np.ndarray:
    """An integer field with empty cells comes back from pyogrio as float64, which rounds
    beyond 2**53: read its filled cells once more as integers, matched by feature id."""
    quoted = field.replace('"', '""')
    try:
        with reading():
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


def read_geojson_table(path: Path, name: str, *, limits: ReadLimits = DEFAULT_LIMITS,
                       ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    """A GeoJSON file as the raw table ``name`` (WGS84 unless the file declares a CRS), and
    the feature number of every row."""
    problem = check_file(path, name, limits)
    if problem is not None:
        return None, [problem], np.empty(0, dtype=int)
    frame, problems, _ = _read_layer(path, name, None, limits=limits,
                                     default=("EPSG:4326", GEOJSON_CRS))
    return frame, problems, np.arange(1, 0 if frame is None else len(frame) + 1)


def _contents(path: Path) -> list[tuple[str, str]]:
    """Every layer the GeoPackage registers, with its kind (features, tiles, …)."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall()
    except sqlite3.Error:
        return []
    return [(str(table), str(kind)) for table, kind in rows]


def _not_listed(path: Path, listed: list[str]) -> list[Problem]:
    """A problem for every layer the GeoPackage registers that GDAL does not offer (a raster,
    a layer it cannot open): an error for a table's name, a warning for any other."""
    problems = []
    for layer, kind in _contents(path):
        if layer in listed:
            continue
        if layer in TABLE_NAMES:
            problems.append(Problem(Code.UNREADABLE, layer, expected="GeoPackage/GeoJSON",
                                    got=path.name, params={
                                        "reason": f"layer '{layer}' ({kind}) cannot be read "
                                                  "as a table",
                                        "reason_nl": f"laag '{layer}' ({kind}) is niet als "
                                                     "tabel te lezen"}))
        else:
            problems.append(Problem(Code.UNKNOWN_TABLE, layer, expected=", ".join(TABLE_NAMES),
                                    got=f"{layer} ({kind})", severity=Severity.WARNING))
    return problems


def read_gpkg(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS,
              ) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    """Every layer of a GeoPackage named after a table, as raw text tables."""
    problem = check_file(path, "-", limits)
    if problem is not None:
        return {}, [problem], {}
    try:
        with reading():
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    except _READ_ERRORS as exc:
        return {}, [Problem(Code.UNREADABLE, "-", expected="GeoPackage", got=path.name,
                            params={"reason": str(exc).splitlines()[0]})], {}
    raw: RawTables = {}
    problems = _not_listed(path, layers)
    origins: dict[str, Origin] = {}
    for layer in layers:
        if layer not in TABLE_NAMES:
            if layer != "layer_styles" and not layer.startswith(_SYSTEM):
                problems.append(Problem(Code.UNKNOWN_TABLE, layer,
                                        expected=", ".join(TABLE_NAMES), got=layer,
                                        severity=Severity.WARNING))
            continue
        frame, found, lines = _read_layer(path, layer, layer, limits=limits)
        problems += found
        origins[layer] = Origin(str(path), layer, lines)
        if frame is not None:
            raw[layer] = frame
    return raw, problems, origins
