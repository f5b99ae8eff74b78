"""Workspace tables ↔ rows of the store's data tables, exactly, in bulk.

A typed table of the data contract becomes a list of plain Python rows (NaN and <NA> as NULL,
geometry as hexadecimal WKB, which keeps every coordinate bit for bit) and comes back with
the contract's pandas dtypes, so that a workspace read back from the store equals the one
written (:meth:`pmiek.domain.workspace.Workspace.equals`). The content hash is SHA-256 over the
tables in contract order, the same on every backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.coerce import PANDAS_DTYPES, empty_table
from pmiek.domain.provenance import column_values
from pmiek.domain.schema import Dtype, Table
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace

BATCH_ROWS = 20_000
"""Rows per executemany call: large enough to amortise the round trips, small enough to keep
memory flat for 10⁵–10⁶ rows."""


def table_rows(schema: Table, frame: pd.DataFrame, version_id: int) -> Iterator[list[dict[
        str, Any]]]:
    """Batches of row dictionaries of ``frame`` for the data table of ``schema``."""
    names = [c.name for c in schema.columns]
    columns = [column_values(c.dtype, frame[c.name]) for c in schema.columns]
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


def row_counts(workspace: Workspace) -> dict[str, int]:
    return {schema.name: len(workspace.table(schema.name)) for schema in TABLES}
