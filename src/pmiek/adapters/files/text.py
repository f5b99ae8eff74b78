"""Typed tables to text and back: the shared conventions of every file format.

Floats are written with the shortest text that reads back to the same number, geometry as WKT
in EPSG:28992 at full precision, booleans as ``true``/``false``, missing values as empty
cells. Raw tables handed to :func:`pmiek.domain.coerce.coerce_table` hold text or ``None``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.geometry import WKT_DECIMALS, to_wkt
from pmiek.domain.schema import Dtype, Table


def cell_text(value: object) -> str | None:
    """One cell value from any reader as text (``None`` for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return None
        if number.is_integer() and abs(number) < 2**53:
            return str(int(number))
        return repr(number)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, shapely.Geometry):
        return None if value.is_empty and value.geom_type == "GeometryCollection" else str(
            shapely.to_wkt(value, rounding_precision=WKT_DECIMALS, trim=True))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    text = str(value)
    return text if text.strip() else None


def column_text(values: np.ndarray) -> np.ndarray:
    """A column of any reader's values as an object array of text or ``None``."""
    if values.dtype.kind == "f":
        out = np.full(len(values), None, dtype=object)
        finite = ~np.isnan(values)
        out[finite] = [cell_text(v) for v in values[finite]]
        return out
    return np.array([cell_text(v) for v in values], dtype=object)


def to_text_frame(schema: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """A typed table as text columns (``None`` for missing), the form CSV files take."""
    columns: dict[str, np.ndarray] = {}
    for column in schema.columns:
        series = frame[column.name]
        if column.dtype is Dtype.GEOMETRY:
            values = series.to_numpy(dtype=object)
            present = ~pd.isna(values)
            out = np.full(len(values), None, dtype=object)
            if present.any():
                out[present] = to_wkt(values[present])
            columns[column.name] = out
        elif column.dtype is Dtype.FLOAT:
            columns[column.name] = column_text(series.to_numpy(dtype=float, na_value=np.nan))
        elif column.dtype is Dtype.BOOLEAN:
            columns[column.name] = np.array(
                [None if pd.isna(v) else ("true" if v else "false") for v in series],
                dtype=object)
        else:
            columns[column.name] = series.astype(object).where(series.notna(), None).to_numpy()
            if column.dtype in (Dtype.INTEGER, Dtype.YEAR):
                columns[column.name] = np.array(
                    [None if v is None else str(int(v)) for v in columns[column.name]],
                    dtype=object)
    return pd.DataFrame(columns, index=frame.index)
