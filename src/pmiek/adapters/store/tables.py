"""Workspace tables ↔ rows of the store's data tables, exactly, in bulk.

A typed table of the data contract becomes a list of plain Python rows (NaN and <NA> as NULL,
geometry as hexadecimal WKB, which keeps every coordinate bit for bit) and comes back with
the contract's pandas dtypes, so that a workspace read back from the store equals the one
written (:meth:`pmiek.domain.workspace.Workspace.equals`). The content hash is SHA-256 over the
tables in contract order, the same on every backend.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.coerce import PANDAS_DTYPES, empty_table
from pmiek.domain.schema import Dtype, Table
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace

BATCH_ROWS = 20_000
"""Rows per executemany call: large enough to amortise the round trips, small enough to keep
memory flat for 10⁵–10⁶ rows."""


def _column_values(column_dtype: Dtype, series: pd.Series) -> list[Any]:
    """A typed column as Python values with None for missing."""
    if column_dtype is Dtype.GEOMETRY:
        values = series.to_numpy(dtype=object)
        out = np.full(len(values), None, dtype=object)
        present = ~pd.isna(values)
        if present.any():
            out[present] = shapely.to_wkb(values[present], hex=True)
        return list(out)
    if column_dtype is Dtype.FLOAT:
        floats = series.to_numpy(dtype=float, na_value=np.nan)
        return [None if np.isnan(v) else float(v) for v in floats]
    if column_dtype in (Dtype.INTEGER, Dtype.YEAR):
        return [None if pd.isna(v) else int(v) for v in series.to_numpy(dtype=object)]
    if column_dtype is Dtype.BOOLEAN:
        return [None if pd.isna(v) else bool(v) for v in series.to_numpy(dtype=object)]
    return [None if pd.isna(v) else str(v) for v in series.to_numpy(dtype=object)]


def table_rows(schema: Table, frame: pd.DataFrame, version_id: int) -> Iterator[list[dict[
        str, Any]]]:
    """Batches of row dictionaries of ``frame`` for the data table of ``schema``."""
    names = [c.name for c in schema.columns]
    columns = [_column_values(c.dtype, frame[c.name]) for c in schema.columns]
    n = len(frame)
    for start in range(0, n, BATCH_ROWS):
        stop = min(start + BATCH_ROWS, n)
        yield [dict(zip(names, values, strict=True), version_id=version_id, row_number=k)
               for k, values in zip(range(start, stop),
                                    zip(*(c[start:stop] for c in columns), strict=True),
                                    strict=True)]


def frame_from_rows(schema: Table, rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """The typed table from rows of the contract's columns (in schema order)."""
    if not rows:
        return empty_table(schema)
    raw = list(zip(*rows, strict=True))
    data: dict[str, pd.Series] = {}
    for column, values in zip(schema.columns, raw, strict=True):
        if column.dtype is Dtype.GEOMETRY:
            array = np.array(values, dtype=object)
            out = np.full(len(array), None, dtype=object)
            present = np.array([v is not None for v in array])
            if present.any():
                out[present] = shapely.from_wkb(list(array[present]))
            data[column.name] = pd.Series(out, dtype=object)
        elif column.dtype is Dtype.FLOAT:
            data[column.name] = pd.Series(np.array([np.nan if v is None else v for v in values],
                                                   dtype=float))
        else:
            data[column.name] = pd.Series(list(values), dtype=object).astype(
                PANDAS_DTYPES[column.dtype])
    return pd.DataFrame(data)


def content_hash(workspace: Workspace) -> str:
    """SHA-256 of the workspace's tables (contract order, exact values)."""
    digest = hashlib.sha256()
    for schema in TABLES:
        frame = workspace.table(schema.name)
        digest.update(f"\x1e{schema.name}\x1f{len(frame)}".encode())
        for column in schema.columns:
            digest.update(f"\x1f{column.name}".encode())
            values = _column_values(column.dtype, frame[column.name])
            digest.update("\x01".join("\x00" if v is None else repr(v)
                                       for v in values).encode())
    return digest.hexdigest()


def row_counts(workspace: Workspace) -> dict[str, int]:
    return {schema.name: len(workspace.table(schema.name)) for schema in TABLES}
