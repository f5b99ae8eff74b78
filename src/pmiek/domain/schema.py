"""The declarative schema of the data contract: tables, columns, types, units and rules.

The schema is data. It is the single source from which validation
(:mod:`pmiek.domain.validation`), the Excel template (:mod:`pmiek.adapters.files.xlsx`) and
``docs/data-contract.md`` (:mod:`pmiek.domain.contract_doc`) are generated. The declarations
of the tables themselves live in :mod:`pmiek.domain.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pmiek.domain.labels import in_language


class Dtype(StrEnum):
    """The logical type of a column, independent of the file format it arrives in."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    YEAR = "year"
    ENUM = "enum"
    ID_LIST = "id_list"
    GEOMETRY = "geometry"


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name
        The public column name (English, stable; extend, never rename).
    dtype
        The logical type.
    nl, en
        The description in Dutch and in English.
    unit
        The unit, for example ``MW`` or ``M€``; empty when dimensionless.
    required
        A value must be present in every row.
    allowed
        The allowed values of an ``ENUM`` column.
    minimum, maximum
        The closed range of a numeric column.
    references
        ``"table.column"`` that every value (every item of an ``ID_LIST``) must exist in.
    default
        The value used when a cell is empty (documented in the template and the docs).
    """

    name: str
    dtype: Dtype
    nl: str
    en: str
    unit: str = ""
    required: bool = False
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None
    default: object = None

    def description(self, lang: str = "nl") -> str:
        """The description in ``lang`` (``nl`` or ``en``)."""
        return in_language((self.nl, self.en), lang)

    @property
    def range_text(self) -> str:
        """The allowed range as ``low … high`` (an open end left empty), or ``""``."""
        if self.minimum is None and self.maximum is None:
            return ""
        low = "" if self.minimum is None else f"{self.minimum:g}"
        high = "" if self.maximum is None else f"{self.maximum:g}"
        return f"{low} … {high}"

    @property
    def is_numeric(self) -> bool:
        return self.dtype in (Dtype.INTEGER, Dtype.FLOAT, Dtype.YEAR)


@dataclass(frozen=True)
class Table:
    """One table of a workspace.

    ``key`` names the columns that identify a row: unique together, and shown as the row's id
    in every message about the row.
    """

    name: str
    nl: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)

    def description(self, lang: str = "nl") -> str:
        return in_language((self.nl, self.en), lang)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def has_geometry(self) -> bool:
        return any(c.dtype is Dtype.GEOMETRY for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)
