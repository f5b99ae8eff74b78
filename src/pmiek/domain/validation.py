"""Validation of a typed :class:`~pmiek.domain.workspace.Workspace` against the schema.

:func:`validate` collects every problem and never raises on bad data; :func:`assert_valid`
raises :class:`~pmiek.errors.ValidationError` carrying them. Column rules come from the
declarations in :mod:`pmiek.domain.tables`; the cross-table rules are the functions named
``_check_*`` below. Every check is vectorised over rows: only the offending rows become
Python objects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.coerce import row_ids
from pmiek.domain.geometry import RD_BOUNDS, outside_rd
from pmiek.domain.graph import dependency_cycles, parent_cycles
from pmiek.domain.problems import Code, Problem, Severity, errors
from pmiek.domain.schema import Column, Dtype, Table
from pmiek.domain.tables import DUTCH_ALIASES, HOURS_PER_YEAR, TABLES, table
from pmiek.domain.workspace import Workspace
from pmiek.errors import ValidationError

EARLIEST_YEAR = 2000
"""Years before this are rejected: the contract plans forward from the recent past."""

_RD_RANGE = f"x {RD_BOUNDS[0]:g}…{RD_BOUNDS[2]:g}, y {RD_BOUNDS[1]:g}…{RD_BOUNDS[3]:g}"
_SUGGEST_LIMIT = 5_000  # above this many candidates a "did you mean" is not worth its time


@dataclass(frozen=True, kw_only=True)
class ValidationOptions:
    """What a workspace is validated against.

    ``horizon`` is the last year of the planning horizon (DESIGN.md: default 2050);
    ``peak_tolerance`` is how far a profile's peak may be from 1.
    """

    horizon: int = 2050
    earliest_year: int = EARLIEST_YEAR
    peak_tolerance: float = 1e-6


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
    problems += _check_requires(workspace)
    problems += _check_years(workspace)
    problems += _check_profiles(workspace, options)
    problems += _check_geometry(workspace)
    problems += _check_capex(workspace)
    problems += _check_development_size(workspace)
    problems += _check_carriers(workspace)
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


# --- column rules ------------------------------------------------------------------------


def _rows(
    mask: np.ndarray, schema: Table, column: str | None, ids: pd.Series, code: Code,
    got: Iterable[object], expected: str = "", **params: str,
) -> list[Problem]:
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
            problems += _rows(missing, schema, column.name, ids, code, [""] * int(missing.sum()),
                              expected=column.description("en"),
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
        if column.is_numeric and (column.minimum is not None or column.maximum is not None):
            numbers = values.to_numpy(dtype=float, na_value=np.nan)
            low = -np.inf if column.minimum is None else column.minimum
            high = np.inf if column.maximum is None else column.maximum
            with np.errstate(invalid="ignore"):
                bad = present & ((numbers < low) | (numbers > high))
            problems += _rows(bad, schema, column.name, ids, Code.OUT_OF_RANGE, numbers[bad],
                              expected=_range_text(column))
        if column.dtype is Dtype.YEAR:
            years = values.to_numpy(dtype=float, na_value=np.nan)
            with np.errstate(invalid="ignore"):
                bad = present & ((years < options.earliest_year) | (years > options.horizon))
            problems += _rows(bad, schema, column.name, ids, Code.OUTSIDE_HORIZON,
                              years[bad].astype(int),
                              expected=f"{options.earliest_year}–{options.horizon}")
        if column.references:
            problems += _check_reference(workspace, schema, frame, column, ids)
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
    target_table, target_column = column.references.split(".")
    targets = workspace.table(target_table)[target_column].dropna().unique()
    values = frame[column.name]
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
        problems += _rows(own, schema, column.name, ids, Code.SELF_REFERENCE, values[own],
                          expected="id")
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
    return _rows(later, schema, "/".join(keys), ids, Code.DUPLICATE_KEY, ids[later],
                 expected="unique",
                 count=str(int(counts.max())) if len(counts) == 1 else "meerdere")


# --- cross-table rules -------------------------------------------------------------------


def _check_hierarchies(workspace: Workspace) -> list[Problem]:
    problems: list[Problem] = []
    nouns = {"areas": ("gebied", "area"), "assets": ("component", "asset"),
             "criteria": ("criterium", "criterion")}
    for name, (noun_nl, noun_en) in nouns.items():
        frame = workspace.table(name)
        if not len(frame):
            continue
        own = (frame["parent_id"] == frame["id"]).fillna(False).to_numpy()
        parents = frame["parent_id"].mask(own)  # a self-reference is reported on its own
        for cycle in parent_cycles(frame["id"], parents):
            path = [str(frame["id"].iloc[i]) for i in cycle]
            first = cycle[int(np.argmin(cycle))]
            problems.append(Problem(Code.CYCLE, name, "parent_id", first,
                                    str(frame["id"].iloc[first]), expected=noun_en,
                                    got=" → ".join([*path, path[0]]),
                                    params={"expected_nl": noun_nl}))
    return problems


def _check_requires(workspace: Workspace) -> list[Problem]:
    projects = workspace.projects
    if not len(projects):
        return []
    problems: list[Problem] = []
    schema = table("projects")
    ids = projects["id"]
    requires = projects["requires"].str.split(";")
    excludes = projects["excludes"].str.split(";")
    edges: list[tuple[str, str]] = []
    for position in np.flatnonzero(requires.notna().to_numpy()):
        node = str(ids.iloc[position])
        needed = requires.iloc[position]
        edges += [(node, before) for before in needed if before]
        banned = excludes.iloc[position]
        if isinstance(banned, list):
            for both in sorted(set(needed) & set(banned)):
                problems.append(Problem(Code.EXCLUDES_REQUIRED, schema.name, "excludes",
                                        int(position), node, got=both))
    where = {str(v): i for i, v in enumerate(ids) if not pd.isna(v)}
    for cycle in dependency_cycles(edges):
        path = list(reversed(cycle))
        start = min(path, key=lambda p: where.get(p, len(where)))
        k = path.index(start)
        path = path[k:] + path[:k]
        problems.append(Problem(Code.CYCLE, schema.name, "requires", where.get(start), start,
                                expected="project", got=" → ".join([*path, path[0]]),
                                params={"expected_nl": "project"}))
    return problems


def _check_years(workspace: Workspace) -> list[Problem]:
    frame = workspace.developments
    if not len(frame):
        return []
    start = frame["start_year"].to_numpy(dtype=float, na_value=np.nan)
    end = frame["end_year"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        bad = start > end
    schema = table("developments")
    return [
        Problem(Code.START_AFTER_END, schema.name, "start_year", int(i),
                _id_at(frame["id"], int(i)), expected=str(int(end[i])), got=str(int(start[i])))
        for i in np.flatnonzero(bad)
    ]


def _check_profiles(workspace: Workspace, options: ValidationOptions) -> list[Problem]:
    frame = workspace.profiles
    if not len(frame):
        return []
    complete = frame.dropna(subset=["profile_id", "hour"])
    grouped = complete.groupby("profile_id", sort=False)
    stats = pd.DataFrame({
        "rows": grouped.size(),
        "hours": grouped["hour"].nunique(),
        "low": grouped["hour"].min(),
        "high": grouped["hour"].max(),
        "peak": grouped["value"].max(),
    })
    first_row = complete.reset_index().groupby("profile_id", sort=False)["index"].min()
    problems: list[Problem] = []
    wrong = stats[(stats["rows"] != HOURS_PER_YEAR) | (stats["hours"] != HOURS_PER_YEAR)]
    for name, row in wrong.iterrows():
        got = got_nl = str(int(row["rows"]))
        if row["hours"] != row["rows"]:
            repeated = int(row["rows"] - row["hours"])
            got += f" ({repeated} duplicate)"
            got_nl += f" ({repeated} dubbel)"
        problems.append(Problem(Code.PROFILE_LENGTH, "profiles", "hour",
                                int(first_row[name]), str(name), expected=str(HOURS_PER_YEAR),
                                got=got, params={"last_hour": str(HOURS_PER_YEAR - 1),
                                                 "got_nl": got_nl}))
    off = stats[(stats["peak"] - 1.0).abs() > options.peak_tolerance]
    for name, row in off.iterrows():
        problems.append(Problem(Code.PROFILE_NOT_NORMALISED, "profiles", "value",
                                int(first_row[name]), str(name), expected="1",
                                got=f"{row['peak']:.6g}"))
    return problems


def _check_geometry(workspace: Workspace) -> list[Problem]:
    problems: list[Problem] = []
    for schema in TABLES:
        if not schema.has_geometry:
            continue
        frame = workspace.table(schema.name)
        if not len(frame):
            continue
        geometries = frame["geometry"].to_numpy(dtype=object)
        present = ~pd.isna(geometries)
        if not present.any():
            continue
        ids = row_ids(schema, frame)
        values = np.where(present, geometries, None)
        valid = np.asarray(shapely.is_valid(values))
        bad = present & ~valid
        reasons = shapely.is_valid_reason(values[bad]) if bad.any() else []
        problems += _rows(bad, schema, "geometry", ids, Code.INVALID_GEOMETRY, reasons,
                          expected="POINT (136000 455000)")
        empty = present & valid & np.asarray(shapely.is_empty(values))
        problems += _rows(empty, schema, "geometry", ids, Code.INVALID_GEOMETRY,
                          ["EMPTY"] * int(empty.sum()), expected="POINT (136000 455000)")
        check = present & valid & ~empty
        outside = np.zeros(len(frame), dtype=bool)
        outside[check] = outside_rd(values[check])
        corners = shapely.bounds(values[outside]) if outside.any() else np.empty((0, 4))
        problems += _rows(outside, schema, "geometry", ids, Code.GEOMETRY_OUTSIDE_RD,
                          [f"({b[0]:.6g}, {b[1]:.6g})" for b in corners],
                          expected=_RD_RANGE)
    return problems


def _check_capex(workspace: Workspace) -> list[Problem]:
    frame = workspace.projects
    if not len(frame):
        return []
    capex = frame["capex_meur"].to_numpy(dtype=float, na_value=np.nan)
    low = frame["capex_low_meur"].to_numpy(dtype=float, na_value=np.nan)
    high = frame["capex_high_meur"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        bad = (capex < low) | (capex > high) | (low > high)
    schema = table("projects")
    ranges = [f"[{_fmt(a)}, {_fmt(b)}]" for a, b in zip(low[bad], high[bad], strict=True)]
    ids = row_ids(schema, frame)
    return [
        Problem(Code.CAPEX_RANGE, schema.name, "capex_meur", int(i), _id_at(ids, int(i)),
                expected=r, got=_fmt(capex[i]))
        for i, r in zip(np.flatnonzero(bad), ranges, strict=True)
    ]


def _check_development_size(workspace: Workspace) -> list[Problem]:
    frame = workspace.developments
    if not len(frame):
        return []
    explicit = frame["demand_mw"].notna() | frame["feedin_mw"].notna()
    keys = ["sector", "carrier", "unit"]
    known = workspace.unit_parameters[keys].dropna().drop_duplicates()
    known = known.assign(_known=True)
    matched = frame[keys].merge(known, on=keys, how="left")["_known"].fillna(False)
    has_quantity = frame["quantity"].notna().to_numpy()
    bad = ~explicit.to_numpy() & ~(has_quantity & matched.to_numpy(dtype=bool))
    schema = table("developments")
    ids = row_ids(schema, frame)
    combos = ["/".join("?" if pd.isna(v) else str(v) for v in row)  # not "<NA>"
              for row in frame.loc[bad, keys].itertuples(index=False)]
    return [
        Problem(Code.NO_SIZE, schema.name, "demand_mw", int(i), _id_at(ids, int(i)),
                expected=combo, got="")
        for i, combo in zip(np.flatnonzero(bad), combos, strict=True)
    ]


def _check_carriers(workspace: Workspace) -> list[Problem]:
    frame = workspace.developments
    assets = workspace.assets
    if not len(frame) or not len(assets):
        return []
    carrier_of = assets.drop_duplicates("id").set_index("id")["carrier"]
    asset_carrier = frame["asset_id"].map(carrier_of)
    bad = (asset_carrier.notna() & frame["carrier"].notna()
           & (asset_carrier != frame["carrier"])).to_numpy(dtype=bool)
    schema = table("developments")
    ids = row_ids(schema, frame)
    return [
        Problem(Code.CARRIER_MISMATCH, schema.name, "carrier", int(i), _id_at(ids, int(i)),
                expected=str(asset_carrier.iloc[i]), got=str(frame["carrier"].iloc[i]),
                params={"asset": str(frame["asset_id"].iloc[i])})
        for i in np.flatnonzero(bad)
    ]


__all__ = ["Severity", "ValidationOptions", "assert_valid", "merge", "validate"]
