"""Column rules of validation: required, allowed values, ranges, years, references, keys.

Each rule is vectorised over the rows; only offending rows become :class:`Problem` objects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Bools
from pmiek.domain.coerce import row_ids
from pmiek.domain.problems import Code, Problem
from pmiek.domain.schema import Column, Dtype, Table
from pmiek.domain.tables import DUTCH_ALIASES
from pmiek.domain.workspace import Workspace

if TYPE_CHECKING:
    from pmiek.domain.validation import ValidationOptions

_SUGGEST_LIMIT = 5_000  # above this many candidates a "did you mean" is not worth its time


def _rows(
    mask: Bools, schema: Table, column: str | None, ids: pd.Series, code: Code, *,
    got: Iterable[object], expected: str = "", **params: str,
) -> list[Problem]:
    """One problem per row in ``mask``, ``got`` holding the offending values in row order."""
    positions = np.flatnonzero(mask)
    values = list(got)
    return [
        Problem(code, schema.name, column, int(i), None if pd.isna(ids.iloc[i]) else
                str(ids.iloc[i]), expected=expected, got=_fmt(values[k]), params=dict(params))
        for k, i in enumerate(positions)
    ]


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _close(value: str, candidates: list[str]) -> str:
    alias = DUTCH_ALIASES.get(value.strip().lower())
    if alias in candidates:
        return alias
    if len(candidates) > _SUGGEST_LIMIT:
        return ""
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return match[0] if match else ""


def _check_columns(
    workspace: Workspace, schema: Table, frame: pd.DataFrame, options: ValidationOptions
) -> list[Problem]:
    problems: list[Problem] = []
    ids = row_ids(schema, frame)
    for column in schema.columns:
        values = frame[column.name]
        missing = values.isna().to_numpy()
        if column.required and missing.any():
            code = (Code.MISSING_MOTIVATION if (schema.name, column.name) ==
                    ("criteria", "motivation") else Code.MISSING_VALUE)
            problems += _rows(missing, schema, column.name, ids, code,
                              got=[""] * int(missing.sum()), expected=column.description("en"),
                              expected_nl=column.description("nl"))
        present = ~missing
        if column.dtype is Dtype.ENUM:
            bad = present & ~values.isin(column.allowed).to_numpy()
            allowed = list(column.allowed)
            problems += [
                Problem(Code.NOT_ALLOWED, schema.name, column.name, int(i), _id_at(ids, int(i)),
                        expected=", ".join(allowed), got=str(values.iloc[i]),
                        params={"close": _close(str(values.iloc[i]), allowed)})
                for i in np.flatnonzero(bad)
            ]
        if column.is_numeric:
            problems += _check_range(schema, column, values, ids, options)
        if column.references:
            problems += _check_reference(workspace, schema, frame, column, ids)
    return problems


def _check_range(
    schema: Table, column: Column, values: pd.Series, ids: pd.Series,
    options: ValidationOptions,
) -> list[Problem]:
    """A number outside its column's physical range (infinity included) is out of range; a
    year inside that range but outside the planning horizon is outside the horizon."""
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    low = -np.inf if column.minimum is None else column.minimum
    high = np.inf if column.maximum is None else column.maximum
    with np.errstate(invalid="ignore"):
        bad = (numbers < low) | (numbers > high)
    problems = _rows(bad, schema, column.name, ids, Code.OUT_OF_RANGE, got=numbers[bad],
                     expected=_range_text(column))
    if column.dtype is Dtype.YEAR:
        with np.errstate(invalid="ignore"):
            outside = ~bad & ((numbers < options.earliest_year) | (numbers > options.horizon))
        problems += _rows(outside, schema, column.name, ids, Code.OUTSIDE_HORIZON,
                          got=numbers[outside].astype(int),
                          expected=f"{options.earliest_year}–{options.horizon}")
    return problems


def _range_text(column: Column) -> str:
    low = "-∞" if column.minimum is None else f"{column.minimum:g}"
    high = "∞" if column.maximum is None else f"{column.maximum:g}"
    unit = f" {column.unit}" if column.unit and column.unit != "-" else ""
    return f"[{low}, {high}]{unit}"


def _check_reference(
    workspace: Workspace, schema: Table, frame: pd.DataFrame, column: Column, ids: pd.Series
) -> list[Problem]:
    assert column.references is not None
    values = frame[column.name]
    if not values.notna().any():
        return []  # nothing refers (an optional column left empty): nothing to look up
    target_table, target_column = column.references.split(".")
    targets = workspace.table(target_table)[target_column].dropna().unique()
    if column.dtype is Dtype.ID_LIST:
        items = values.str.split(";").explode()
        items = items[items.notna() & (items != "")]
        bad_items = items[~items.isin(targets)]
        positions = bad_items.index.to_numpy()
        got_values = bad_items.to_numpy(dtype=object)
    else:
        mask = (values.notna() & ~values.isin(targets)).to_numpy()
        positions = np.flatnonzero(mask)
        got_values = values.to_numpy(dtype=object)[mask]
    candidates = [str(t) for t in targets]
    problems: list[Problem] = []
    suggestions: dict[str, str] = {}
    for position, got in zip(positions, got_values, strict=True):
        got = str(got)
        if got not in suggestions:
            suggestions[got] = _close(got, candidates) if len(suggestions) < 200 else ""
        problems.append(Problem(Code.DANGLING_REFERENCE, schema.name, column.name,
                                int(position), _id_at(ids, int(position)),
                                expected=column.references, got=got,
                                params={"close": suggestions[got]}))
    if column.name == "parent_id" and "id" in frame.columns:
        own = (values == frame["id"]).fillna(False).to_numpy()
        problems += _rows(own, schema, column.name, ids, Code.SELF_REFERENCE,
                          got=values[own], expected="id")
    return problems


def _id_at(ids: pd.Series, position: int) -> str | None:
    value = ids.iloc[position]
    return None if pd.isna(value) else str(value)


def _check_keys(schema: Table, frame: pd.DataFrame) -> list[Problem]:
    keys = list(schema.key)
    complete = frame[keys].notna().all(axis=1)
    duplicated = (frame[keys].duplicated(keep=False) & complete).to_numpy()
    if not duplicated.any():
        return []
    ids = row_ids(schema, frame)
    counts = ids[duplicated].value_counts()
    # one problem per repeated row after the first, so every extra row is named
    later = frame[keys].duplicated(keep="first").to_numpy() & duplicated
    return _rows(later, schema, "/".join(keys), ids, Code.DUPLICATE_KEY, got=ids[later],
                 expected="unique",
                 count=str(int(counts.max())) if len(counts) == 1 else "meerdere")
