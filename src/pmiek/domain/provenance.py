"""What produced a result: every stage result records it, so that a number can be followed
back to the data and the options behind it.

- :func:`content_hash`: SHA-256 over a workspace's tables in contract order, exact values (the
  same hash the store keeps for every version, on every backend);
- :class:`Provenance`: the stage, its parameters, the input's content hash and the software
  (and solver) versions;
- :class:`ProgressCallback`: how a stage tells any front end how far it is.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.library import stamp_of
from pmiek.domain.schema import Dtype
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace


def column_values(column_dtype: Dtype, series: pd.Series) -> list[Any]:
    """A typed column as plain Python values with None for missing (geometry as hex WKB)."""
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


def content_hash(workspace: Workspace) -> str:
    """SHA-256 of the workspace's tables (contract order, exact values)."""
    digest = hashlib.sha256()
    for schema in TABLES:
        frame = workspace.table(schema.name)
        digest.update(f"\x1e{schema.name}\x1f{len(frame)}".encode())
        for column in schema.columns:
            digest.update(f"\x1f{column.name}".encode())
            values = column_values(column.dtype, frame[column.name])
            digest.update("\x01".join("\x00" if v is None else repr(v)
                                       for v in values).encode())
    return digest.hexdigest()


def software_version() -> str:
    """The installed pmiek version."""
    try:
        return importlib.metadata.version("pmiek")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
        return "unknown"


@dataclass(frozen=True)
class Provenance:
    """What produced a result: ``stage`` (``insight``, ``variants``, ``assessment``), the
    ``parameters`` it ran with, the ``input_hash`` of the workspace (:func:`content_hash`),
    the pmiek ``version``, where a solver ran its name, version and options, and where the
    workspace was completed from the library of standard profiles and unit parameters, that
    library's name, version and SHA-256 (:mod:`pmiek.domain.library`)."""

    stage: str
    parameters: Mapping[str, object]
    input_hash: str
    version: str = field(default_factory=software_version)
    solver: Mapping[str, object] = field(default_factory=dict)
    library: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, stage: str, workspace: Workspace, parameters: Mapping[str, object],
           solver: Mapping[str, object] | None = None) -> Provenance:
        return cls(stage, dict(parameters), content_hash(workspace),
                   solver=dict(solver or {}), library=stamp_of(workspace) or {})

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {"stage": self.stage, "parameters": _plain(self.parameters),
                "input_hash": self.input_hash, "pmiek_version": self.version,
                "solver": _plain(self.solver), "library": dict(self.library)}


def _plain(mapping: Mapping[str, object]) -> dict[str, object]:
    """Values that JSON can hold (sequences as lists, other objects as text)."""
    out: dict[str, object] = {}
    for key, value in mapping.items():
        if value is None or isinstance(value, bool | int | float | str):
            out[key] = value
        elif isinstance(value, list | tuple):
            out[key] = [v if isinstance(v, bool | int | float | str) or v is None else str(v)
                        for v in value]
        elif isinstance(value, Mapping):
            out[key] = _plain({str(k): v for k, v in value.items()})
        else:
            out[key] = str(value)
    return out


class ProgressCallback(Protocol):
    """Called by a stage as its work advances: ``done`` of ``total`` steps, ``label`` saying
    what is being done now (for example the lens being designed)."""

    def __call__(self, done: int, total: int, label: str) -> None: ...


def no_progress(done: int, total: int, label: str) -> None:
    """The default :class:`ProgressCallback`: report nothing."""
