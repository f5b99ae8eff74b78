"""Cross-table rules of validation: hierarchies (also after the projects' re-parenting),
precedence, years, profiles, geometry, cost ranges, development sizes, carriers and
couplings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.arrays import Ints
from pmiek.domain.coerce import row_ids
from pmiek.domain.geometry import RD_BOUNDS, outside_rd
from pmiek.domain.graph import dependency_cycles, edge_cycles, parent_cycles
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.rules_columns import _fmt, _id_at, _rows
from pmiek.domain.sizing import profile_of
from pmiek.domain.tables import HOURS_PER_YEAR, TABLES, table
from pmiek.domain.workspace import Workspace

if TYPE_CHECKING:
    from pmiek.domain.validation import ValidationOptions

_RD_RANGE = f"x {RD_BOUNDS[0]:g}…{RD_BOUNDS[2]:g}, y {RD_BOUNDS[1]:g}…{RD_BOUNDS[3]:g}"


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
        # a project that requires itself is reported by _check_own_links, not as a cycle
        edges += [(node, before) for before in needed if before and before != node]
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


def _check_own_links(workspace: Workspace) -> list[Problem]:
    """A project that requires or excludes itself."""
    projects = workspace.projects
    if not len(projects):
        return []
    schema = table("projects")
    ids = projects["id"].reset_index(drop=True)
    own_ids = ids.fillna("").astype(str).to_numpy()
    problems: list[Problem] = []
    for column in ("requires", "excludes"):
        items = projects[column].reset_index(drop=True).str.split(";").explode()
        values = items.fillna("").astype(str).to_numpy()
        positions = items.index.to_numpy(dtype=np.int64)
        hit = (values != "") & (values == own_ids[positions])
        own = np.zeros(len(projects), dtype=bool)
        own[positions[hit]] = True
        problems += _rows(own, schema, column, ids, Code.SELF_REFERENCE,
                          got=own_ids[own], expected="project", expected_nl="project")
    return problems


def _check_coupling(workspace: Workspace) -> list[Problem]:
    """A development coupled to its own connection point (its load would count twice)."""
    frame = workspace.developments
    if not len(frame):
        return []
    own = (frame["coupled_asset_id"].notna()
           & (frame["coupled_asset_id"] == frame["asset_id"])).fillna(False).to_numpy(bool)
    schema = table("developments")
    return _rows(own, schema, "coupled_asset_id", row_ids(schema, frame),
                 Code.COUPLED_TO_OWN_ASSET, got=frame["coupled_asset_id"].to_numpy()[own])


def _check_reparenting(workspace: Workspace) -> list[Problem]:
    """Cycles in the asset hierarchy that a project's re-parenting (``new_parent_id``) makes,
    alone or together with other projects: every move of every project is an edge of one
    graph with the assets' own parents, so that any order in which the projects come into
    service is covered. Cycles of the assets' own parents are :func:`_check_hierarchies`'s."""
    effects, assets = workspace.project_effects, workspace.assets
    rows = np.flatnonzero(effects["new_parent_id"].notna().to_numpy(bool))
    if not len(rows) or not len(assets):
        return []
    index = pd.Index(assets["id"].dropna().drop_duplicates().to_numpy(dtype=object))
    if not len(index):
        return []
    child = _positions(index, assets["id"])
    parent = _positions(index, assets["parent_id"])
    moved = _positions(index, effects["asset_id"].iloc[rows])
    target = _positions(index, effects["new_parent_id"].iloc[rows])
    own_parent = np.full(len(index), -1, dtype=np.int64)
    known = child >= 0
    own_parent[child[known][::-1]] = parent[known][::-1]  # the first row of an id wins
    new = (moved >= 0) & (target >= 0) & (own_parent[np.maximum(moved, 0)] != target)
    move_row: dict[tuple[int, int], int] = {}  # a move that changes a parent → its row
    for row, a, b in zip(rows[new], moved[new], target[new], strict=True):
        move_row.setdefault((int(a), int(b)), int(row))
    own = known & (parent >= 0) & (child != parent)
    placed = (moved >= 0) & (target >= 0)
    sources = np.concatenate([child[own], moved[placed]])
    targets = np.concatenate([parent[own], target[placed]])
    problems: list[Problem] = []
    for cycle in edge_cycles(sources, targets, len(index)):
        steps = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        used = [move_row[step] for step in steps if step in move_row]
        if used:
            problems.append(_reparent_problem(workspace, index, cycle, used))
    return problems


def _positions(index: pd.Index, values: pd.Series) -> Ints:
    """The position of every value in ``index``; −1 where it is missing or not there."""
    found = np.asarray(index.get_indexer(values.to_numpy(dtype=object)), dtype=np.int64)
    found[values.isna().to_numpy(bool)] = -1
    return found


def _reparent_problem(workspace: Workspace, index: pd.Index, cycle: list[int],
                      rows: list[int]) -> Problem:
    """The problem of one cycle made by re-parenting: at the first effect row that makes it,
    naming every project involved and the cycle from that row's asset on."""
    effects = workspace.project_effects
    first = min(rows)
    start = int(index.get_indexer([effects["asset_id"].iloc[first]])[0])
    k = cycle.index(start)
    path = [str(index[i]) for i in cycle[k:] + cycle[:k]]
    projects = sorted({str(effects["project_id"].iloc[r]) for r in rows})
    joined = ", ".join(f"'{p}'" for p in projects)
    noun_nl = "project" if len(projects) == 1 else "de projecten"
    noun_en = "project" if len(projects) == 1 else "the projects"
    schema = table("project_effects")
    return Problem(Code.REPARENT_CYCLE, schema.name, "new_parent_id", first,
                   _id_at(row_ids(schema, effects), first), expected="acyclic",
                   got=" → ".join([*path, path[0]]),
                   params={"projects": f"{noun_en} {joined}",
                           "projects_nl": f"{noun_nl} {joined}"})


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
        problems += _rows(bad, schema, "geometry", ids, Code.INVALID_GEOMETRY, got=reasons,
                          expected="POINT (136000 455000)")
        empty = present & valid & np.asarray(shapely.is_empty(values))
        problems += _rows(empty, schema, "geometry", ids, Code.INVALID_GEOMETRY,
                          got=["EMPTY"] * int(empty.sum()), expected="POINT (136000 455000)")
        check = present & valid & ~empty
        outside = np.zeros(len(frame), dtype=bool)
        outside[check] = outside_rd(values[check])
        corners = shapely.bounds(values[outside]) if outside.any() else np.empty((0, 4))
        problems += _rows(outside, schema, "geometry", ids, Code.GEOMETRY_OUTSIDE_RD,
                          got=[f"({b[0]:.6g}, {b[1]:.6g})" for b in corners],
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


def _check_load_inputs(workspace: Workspace) -> list[Problem]:
    """Warnings for developments the load projection cannot use: without a connection point,
    or without an hourly profile (neither its own nor one from its unit parameters)."""
    frame = workspace.developments
    if not len(frame):
        return []
    schema = table("developments")
    ids = row_ids(schema, frame)
    keys = ["sector", "carrier", "unit"]
    no_profile = profile_of(workspace).isna().to_numpy()
    loose = frame["asset_id"].isna().to_numpy()
    combos = ["/".join(map(str, row)) for row in frame.loc[no_profile, keys]
              .itertuples(index=False)]
    problems = [
        Problem(Code.NO_PROFILE, schema.name, "profile", int(i), _id_at(ids, int(i)),
                expected=combo, severity=Severity.WARNING)
        for i, combo in zip(np.flatnonzero(no_profile), combos, strict=True)
    ]
    problems += [
        Problem(Code.NOT_CONNECTED, schema.name, "asset_id", int(i), _id_at(ids, int(i)),
                severity=Severity.WARNING)
        for i in np.flatnonzero(loose)
    ]
    return problems
