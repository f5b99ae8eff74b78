"""The pure core: the data contract's schema, the typed :class:`Workspace`, validation.

Nothing here reads or writes files; adapters do (:mod:`pmiek.adapters.files`).
"""

from pmiek.domain.problems import Code, Problem, Severity, errors
from pmiek.domain.schema import Column, Dtype, Table
from pmiek.domain.tables import TABLE_NAMES, TABLES, table
from pmiek.domain.validation import ValidationOptions, assert_valid, merge, validate
from pmiek.domain.workspace import Workspace

__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "Code",
    "Column",
    "Dtype",
    "Problem",
    "Severity",
    "Table",
    "ValidationOptions",
    "Workspace",
    "assert_valid",
    "errors",
    "merge",
    "table",
    "validate",
]
