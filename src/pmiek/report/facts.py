"""Traceable numbers: every number the document states names where it comes from.

A :class:`Cells` names a result table (``"variants/comparison"``, ``"assess/priority_list"``:
the run kind and the table, as the report writes it to ``tabellen/<table>.csv``), the rows
(``where``: column = value, all of them) and the column, and how the rows are taken together
(``value``: exactly one row; ``sum``, ``count``, ``min``, ``max``). A :class:`Fact` is one such
reading, or the difference of two, with the format it is shown in. Its :meth:`Fact.reference`
is a JSON text that a reader (or a test) can follow back to the CSV without this module.

A paragraph (:data:`Paragraph`) is a tuple of plain text and facts; the renderer puts each fact
in an anchor (a link in HTML, a reference in the PDF).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pmiek.report import numbers

AGGREGATES = ("value", "sum", "count", "min", "max")
FORMATS = ("number", "meur", "percent", "year")


class FactError(ValueError):
    """A fact that cannot be read from its table (a programming error, not bad input)."""


@dataclass(frozen=True)
class Cells:
    """Rows ``where`` of ``table``, column ``column``, taken together by ``aggregate``."""

    table: str
    column: str
    where: tuple[tuple[str, str], ...] = ()
    aggregate: str = "value"

    def __post_init__(self) -> None:
        if self.aggregate not in AGGREGATES:
            raise FactError(f"unknown aggregate {self.aggregate!r}")

    def rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``frame`` that ``where`` selects."""
        keep = np.ones(len(frame), dtype=bool)
        for column, wanted in self.where:
            if column not in frame.columns:
                raise FactError(f"{self.table}: no column {column!r}")
            keep &= matches(frame[column], wanted)
        return frame[keep]

    def value(self, frames: Mapping[str, pd.DataFrame]) -> float:
        """The number these cells stand for."""
        if self.table not in frames:
            raise FactError(f"no table {self.table!r}")
        rows = self.rows(frames[self.table])
        if self.aggregate == "count":
            return float(len(rows))
        if self.column not in rows.columns:
            raise FactError(f"{self.table}: no column {self.column!r}")
        values = pd.to_numeric(rows[self.column], errors="coerce").to_numpy(dtype=float)
        if self.aggregate == "value":
            if len(values) != 1:
                raise FactError(f"{self.table} {dict(self.where)}: {len(values)} rows, "
                                "expected exactly one")
            return float(values[0])
        if self.aggregate == "sum":
            return float(np.nansum(values))
        if not len(values):
            return float("nan")
        return float(np.nanmin(values) if self.aggregate == "min" else np.nanmax(values))

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "where": dict(self.where), "column": self.column,
                "aggregate": self.aggregate}


def matches(column: pd.Series, wanted: str) -> np.ndarray:
    """Where ``column`` equals ``wanted`` (numerically when both are numbers)."""
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        try:
            target = float(wanted)
        except ValueError:
            return np.zeros(len(column), dtype=bool)
        return np.asarray(column.to_numpy(dtype=float) == target)
    return np.asarray(column.astype(str).to_numpy() == wanted)


def cells(table: str, column: str, aggregate: str = "value", **where: object) -> Cells:
    """Shorthand: ``cells("variants/comparison", "capex_meur", lens="evenwichtig")``."""
    return Cells(table, column, tuple((k, str(v)) for k, v in where.items()), aggregate)


@dataclass(frozen=True)
class Fact:
    """A number in a sentence: ``cells`` (minus ``minus``), shown as ``kind`` with ``digits``
    decimals; ``absolute`` shows the size of a difference whose sign the sentence states."""

    cells: Cells
    kind: str = "number"
    digits: int = 0
    minus: Cells | None = None
    absolute: bool = False

    def __post_init__(self) -> None:
        if self.kind not in FORMATS:
            raise FactError(f"unknown format {self.kind!r}")

    def value(self, frames: Mapping[str, pd.DataFrame]) -> float:
        x = self.cells.value(frames)
        if self.minus is not None:
            x -= self.minus.value(frames)
        return abs(x) if self.absolute else x

    def text(self, frames: Mapping[str, pd.DataFrame], lang: str = "nl") -> str:
        x = self.value(frames)
        if self.kind == "meur":
            return numbers.meur(x, self.digits, lang)
        if self.kind == "percent":
            return numbers.percent(x, self.digits, lang)
        if self.kind == "year":
            return numbers.year(x)
        return numbers.number(x, self.digits, lang)

    def tables(self) -> tuple[str, ...]:
        return tuple(c.table for c in (self.cells, self.minus) if c is not None)

    def reference(self) -> str:
        """The JSON text of the anchor: the cells, the difference, the format."""
        out: dict[str, Any] = {**self.cells.as_dict(), "format": self.kind,
                               "digits": self.digits}
        if self.minus is not None:
            out["minus"] = self.minus.as_dict()
            out["absolute"] = self.absolute
        return json.dumps(out, ensure_ascii=False, sort_keys=True)

    def describe(self, lang: str = "nl") -> str:
        """The reference in words, for a tooltip and the PDF."""
        def one(c: Cells) -> str:
            rows = ", ".join(f"{k} = {v}" for k, v in c.where) or (
                "alle rijen" if lang == "nl" else "all rows")
            what = {"value": "", "sum": "som van ", "count": "aantal rijen, ",
                    "min": "minimum van ", "max": "maximum van "}[c.aggregate]
            if lang != "nl":
                what = {"value": "", "sum": "sum of ", "count": "number of rows, ",
                        "min": "minimum of ", "max": "maximum of "}[c.aggregate]
            column = "" if c.aggregate == "count" else c.column
            return f"tabellen/{c.table}.csv: {what}{column} [{rows}]"
        text = one(self.cells)
        if self.minus is not None:
            text += (" min " if lang == "nl" else " minus ") + one(self.minus)
        return text


Segment = str | Fact
Paragraph = tuple[Segment, ...]


def facts_of(paragraphs: list[Paragraph]) -> list[Fact]:
    """Every fact of ``paragraphs``, in order."""
    return [s for p in paragraphs for s in p if isinstance(s, Fact)]


def plain(paragraph: Paragraph, frames: Mapping[str, pd.DataFrame], lang: str = "nl") -> str:
    """The paragraph as plain text."""
    return "".join(s if isinstance(s, str) else s.text(frames, lang) for s in paragraph)


__all__ = ["AGGREGATES", "FORMATS", "Cells", "Fact", "FactError", "Paragraph", "Segment",
           "cells", "facts_of", "matches", "plain"]
