"""Validation of a typed :class:`~pmiek.domain.workspace.Workspace` against the schema.

:func:`validate` collects every problem and never raises on bad data; :func:`assert_valid`
raises :class:`~pmiek.errors.ValidationError` carrying them. Column rules come from the
declarations in :mod:`pmiek.domain.tables` (:mod:`pmiek.domain.rules_columns`); the
cross-table rules are in :mod:`pmiek.domain.rules_tables`, the warnings of geometric
consistency (does a thing lie in the area it names?) in :mod:`pmiek.domain.rules_geometry`.
Every check is vectorised over rows: only the offending rows become Python objects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pmiek.domain.choice_rules import check as check_choice_rules
from pmiek.domain.defaults import AREA_TOLERANCE_M, EARLIEST_YEAR, LOAD_HORIZON
from pmiek.domain.problems import Code, Problem, Severity, errors
from pmiek.domain.rules_columns import _check_columns, _check_keys
from pmiek.domain.rules_geometry import check_area_consistency
from pmiek.domain.rules_tables import (
    _check_capex,
    _check_carriers,
    _check_coupling,
    _check_development_size,
    _check_geometry,
    _check_hierarchies,
    _check_load_inputs,
    _check_own_links,
    _check_profiles,
    _check_reparenting,
    _check_requires,
    _check_years,
)
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace
from pmiek.errors import ValidationError


@dataclass(frozen=True, kw_only=True)
class ValidationOptions:
    """What a workspace is validated against.

    ``horizon`` is the last year of the planning horizon (default
    :data:`~pmiek.domain.defaults.LOAD_HORIZON`); ``earliest_year`` the first year accepted
    (default :data:`~pmiek.domain.defaults.EARLIEST_YEAR`); ``peak_tolerance`` is how far a
    profile's peak may be from 1; ``area_tolerance_m`` how far [m] an asset, a development or
    a child area may lie outside the area it names before a warning (default
    :data:`~pmiek.domain.defaults.AREA_TOLERANCE_M`, 250 m: generalised municipal outlines
    have few vertices and cut corners; :mod:`pmiek.domain.rules_geometry` has the rules).
    """

    horizon: int = LOAD_HORIZON
    earliest_year: int = EARLIEST_YEAR
    peak_tolerance: float = 1e-6
    area_tolerance_m: float = AREA_TOLERANCE_M

    def __post_init__(self) -> None:
        if not math.isfinite(self.area_tolerance_m) or self.area_tolerance_m < 0:
            raise ValueError(f"area_tolerance_m must be a finite distance ≥ 0 [m], got "
                             f"{self.area_tolerance_m!r}")


def validate(workspace: Workspace, options: ValidationOptions | None = None) -> list[Problem]:
    """Every problem in ``workspace``: column rules first, then the cross-table rules."""
    options = options or ValidationOptions()
    problems: list[Problem] = []
    for schema in TABLES:
        frame = workspace.table(schema.name)
        if len(frame):
            problems += _check_columns(workspace, schema, frame, options)
            problems += _check_keys(schema, frame)
    problems += _check_hierarchies(workspace)
    problems += _check_reparenting(workspace)
    problems += _check_requires(workspace)
    problems += _check_own_links(workspace)
    problems += _check_years(workspace)
    problems += _check_profiles(workspace, options)
    problems += _check_geometry(workspace)
    problems += check_area_consistency(workspace, options.area_tolerance_m)
    problems += _check_capex(workspace)
    problems += _check_development_size(workspace)
    problems += _check_carriers(workspace)
    problems += _check_coupling(workspace)
    problems += _check_load_inputs(workspace)
    problems += check_choice_rules(workspace)
    return problems


def assert_valid(workspace: Workspace, options: ValidationOptions | None = None) -> None:
    """Raise :class:`~pmiek.errors.ValidationError` when ``workspace`` has errors."""
    problems = validate(workspace, options)
    if errors(problems):
        raise ValidationError(problems)


def merge(parsing: list[Problem], validation: list[Problem]) -> list[Problem]:
    """Parsing problems plus validation problems, without a second report for a cell that
    could not be parsed (it is empty after parsing, so validation may call it missing), nor
    one per row for a required column that is missing altogether."""
    seen = {(p.table, p.row, p.column) for p in parsing if p.row is not None}
    absent = {(p.table, p.column) for p in parsing if p.code is Code.MISSING_COLUMN}
    return parsing + [p for p in validation if (p.table, p.row, p.column) not in seen
                      and (p.table, p.column) not in absent]


__all__ = ["EARLIEST_YEAR", "Severity", "ValidationOptions", "assert_valid", "merge", "validate"]
