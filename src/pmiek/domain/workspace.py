"""The :class:`Workspace`: every table of the data contract, typed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.coerce import DECIMAL, PANDAS_DTYPES, coerce_table, empty_table
from pmiek.domain.problems import Problem
from pmiek.domain.schema import Dtype
from pmiek.domain.tables import TABLE_NAMES, table


def _factory(name: str) -> Callable[[], pd.DataFrame]:
    return lambda: empty_table(table(name))


@dataclass(frozen=True)
class Workspace:
    """A set of typed tables (pandas DataFrames), one per table of the data contract.

    Build one from files with :func:`pmiek.adapters.files.read_workspace`, or from raw
    frames with :meth:`from_raw`; check it with :func:`pmiek.domain.validation.validate`.
    Tables that were not given are empty. Geometry is in EPSG:28992 (RD New).
    """

    areas: pd.DataFrame = field(default_factory=_factory("areas"))
    assets: pd.DataFrame = field(default_factory=_factory("assets"))
    developments: pd.DataFrame = field(default_factory=_factory("developments"))
    unit_parameters: pd.DataFrame = field(default_factory=_factory("unit_parameters"))
    profiles: pd.DataFrame = field(default_factory=_factory("profiles"))
    projects: pd.DataFrame = field(default_factory=_factory("projects"))
    project_effects: pd.DataFrame = field(default_factory=_factory("project_effects"))
    resources: pd.DataFrame = field(default_factory=_factory("resources"))
    scenarios: pd.DataFrame = field(default_factory=_factory("scenarios"))
    scenario_factors: pd.DataFrame = field(default_factory=_factory("scenario_factors"))
    scenario_parameters: pd.DataFrame = field(default_factory=_factory("scenario_parameters"))
    choice_rules: pd.DataFrame = field(default_factory=_factory("choice_rules"))
    criteria: pd.DataFrame = field(default_factory=_factory("criteria"))

    def table(self, name: str) -> pd.DataFrame:
        """The table called ``name``."""
        if name not in TABLE_NAMES:
            table(name)  # raises a KeyError naming the known tables
        return getattr(self, name)

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """``(name, table)`` for every table, in the order of the data contract."""
        for f in fields(self):
            yield f.name, getattr(self, f.name)

    def present(self) -> list[str]:
        """The names of the tables that hold at least one row."""
        return [name for name, frame in self.items() if len(frame)]

    def with_tables(self, **frames: pd.DataFrame) -> Workspace:
        """A copy with some tables replaced."""
        return replace(self, **frames)

    @classmethod
    def from_raw(cls, raw: dict[str, pd.DataFrame]) -> tuple[Workspace, list[Problem]]:
        """Parse raw text tables into a workspace; returns the problems met while parsing.

        A reader records the decimal mark of a table's file in ``frame.attrs[DECIMAL]`` (see
        :data:`pmiek.domain.coerce.DECIMAL`)."""
        problems: list[Problem] = []
        typed: dict[str, pd.DataFrame] = {}
        for name, frame in raw.items():
            typed[name], found = coerce_table(table(name), frame,
                                              decimal=frame.attrs.get(DECIMAL))
            problems += found
        return cls(**typed), problems

    def equals(self, other: Workspace) -> bool:
        """Whether both workspaces hold the same tables (geometry compared exactly)."""
        return not self.differences(other)

    def differences(self, other: Workspace) -> list[str]:
        """The names of the tables in which the two workspaces differ."""
        return [name for name, frame in self.items()
                if not frames_equal(table_name=name, left=frame, right=other.table(name))]


def frames_equal(*, table_name: str, left: pd.DataFrame, right: pd.DataFrame) -> bool:
    """Exact equality of two typed tables of ``table_name``, geometry included."""
    schema = table(table_name)
    if list(left.columns) != list(right.columns) or len(left) != len(right):
        return False
    for column in schema.columns:
        a = left[column.name].reset_index(drop=True)
        b = right[column.name].reset_index(drop=True)
        if column.dtype is Dtype.GEOMETRY:
            ga, gb = a.to_numpy(dtype=object), b.to_numpy(dtype=object)
            if not np.array_equal(pd.isna(ga), pd.isna(gb)):
                return False
            both = ~pd.isna(ga)
            if not np.all(shapely.equals_exact(ga[both], gb[both], tolerance=0.0)):
                return False
            continue
        expected = PANDAS_DTYPES[column.dtype]
        if a.dtype != expected or b.dtype != expected:
            return False
        if not a.equals(b):
            return False
    return True
