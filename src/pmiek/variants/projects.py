"""Projects and resources of a variant-design instance as arrays (pure, no I/O).

See ``instance.py`` for the definitions (windows, pinned investment-plan projects, spreading
of capex, FTE and transformers over the build years).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pmiek.domain.arrays import Bools, Floats, Ints, Objects
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.variants.lenses import Lens

FIXED_STATUSES = ("in_ip", "under_construction")
RESOURCE_COLUMNS = {"budget": "budget_meur", "fte": "fte", "transformers": "transformers"}


def spread(build_years: Floats, years: Ints) -> Floats:
    """(P, Y, Y): the share in year t (axis 2) of a project in service from year y (axis 1),
    spread evenly over the ``build_years`` that end the year before."""
    y = years[None, :, None]
    t = years[None, None, :]
    b = np.maximum(build_years, 1)[:, None, None]
    inside = (t >= y - b) & (t <= y - 1)
    result: Floats = inside / b
    return result


def _pairs(column: pd.Series, index: pd.Index) -> Ints:
    """(n, 2) (row, listed project) for a ';'-separated list column; unknown ids dropped."""
    listed = column.astype(object).fillna("").str.split(";").explode().str.strip()
    listed = listed[listed != ""]
    other = index.get_indexer(listed.to_numpy(dtype=object))
    rows = np.asarray(listed.index, dtype=int)
    keep = other >= 0
    return np.column_stack([rows[keep], other[keep]]).astype(int).reshape(-1, 2)


def _window(table: pd.DataFrame, status: Objects, years: Ints, move_ip: bool,
            fixed: Mapping[str, float | None]) -> tuple[Bools, Bools]:
    """(allowed (P, Y), must_build (P,)) — see ``instance.py``."""
    first_year, horizon = int(years[0]), int(years[-1])
    lead = table["lead_time_years"].to_numpy(dtype=float, na_value=0.0)
    earliest = table["earliest_year"].to_numpy(dtype=float, na_value=-np.inf)
    ip_year = table["ip_year"].to_numpy(dtype=float, na_value=np.nan)
    allowed = years[None, :] >= np.maximum(first_year + lead, earliest)[:, None]
    is_fixed = np.isin(status, FIXED_STATUSES) & ~np.isnan(ip_year)
    must_build = is_fixed & (ip_year <= horizon)
    if move_ip:  # the optimiser may move them within their window, but must build them
        allowed[is_fixed & ~must_build] = False
    else:
        pinned = np.maximum(ip_year, first_year)
        allowed[is_fixed] = years[None, :] == pinned[is_fixed, None]
    ids = pd.Index(table["id"].astype(str))
    for pid, year in fixed.items():  # a handful of pinned decisions
        p = ids.get_indexer([str(pid)])[0]
        if p < 0:
            raise InputError(f"Vastgelegd project '{pid}' bestaat niet of is al gereed.")
        if year is not None and not first_year <= float(year) <= horizon:
            raise InputError(f"Vastgelegd project '{pid}': jaar {year:g} ligt buiten "
                             f"{first_year}–{horizon}; laat het jaar leeg voor 'niet bouwen'.")
        allowed[p] = False if year is None else years == year
        must_build[p] = year is not None
    return allowed, must_build


def _resources(workspace: Workspace, years: Ints) -> tuple[Objects, dict[str, Floats]]:
    """The operators (R,) and, per resource, its (R, Y) limits (NaN: no limit)."""
    table = workspace.resources
    operators: Objects = np.array(sorted(table["operator"].astype(str).unique()), dtype=object)
    o = pd.Index(operators).get_indexer(table["operator"].astype(str))
    y = pd.Index(years).get_indexer(table["year"].to_numpy(dtype=int))
    ok = (o >= 0) & (y >= 0)
    grids: dict[str, Floats] = {}
    for name, column in RESOURCE_COLUMNS.items():
        grid = np.full((len(operators), len(years)), np.nan)
        grid[o[ok], y[ok]] = table[column].to_numpy(dtype=float, na_value=np.nan)[ok]
        grids[name] = grid
    return operators, grids


class ProjectFields(TypedDict):
    """The project and resource fields of :class:`~pmiek.variants.instance.Instance` (see
    there for their shapes)."""

    project_ids: NDArray[np.str_]
    project_names: Objects
    project_kind: Objects
    project_status: Objects
    operator_of_project: Ints
    capex: Floats
    fte_years: Floats
    transformers: Floats
    cost_factor: Floats
    allowed: Bools
    must_build: Bools
    spend: Floats
    material: Floats
    requires: Ints
    excludes: Ints
    operators: Objects
    budget: Floats
    fte: Floats
    transformers_available: Floats


def project_fields(workspace: Workspace, lens: Lens, years: Ints, *,
                   fixed: Mapping[str, float | None], move_ip: bool,
                   local: set[str] | None = None) -> ProjectFields:
    """The project and resource fields of :class:`~pmiek.variants.instance.Instance` for the
    projects that are not ``done``. ``local``: the ids a hotspot run may choose; the other
    projects only keep their commitments."""
    projects = workspace.projects
    status = projects["status"].astype(object).fillna("candidate").to_numpy()
    keep = status != "done"
    table = projects[keep].reset_index(drop=True)
    allowed, must_build = _window(table, status[keep], years, move_ip, fixed)
    ids = pd.Index(table["id"].astype(str))
    if local is not None:
        allowed[~ids.isin(local) & ~must_build] = False
    requires = _pairs(table["requires"], ids)
    excludes = _pairs(table["excludes"], ids)
    excludes = np.unique(np.sort(excludes, axis=1), axis=0).reshape(-1, 2)  # each pair once
    operators, limits = _resources(workspace, years)
    build_years = table["build_years"].to_numpy(dtype=float, na_value=1.0)
    return {
        "project_ids": ids.to_numpy(dtype=object).astype(str),
        "project_names": table["name"].astype(str).to_numpy(),
        "project_kind": table["kind"].astype(str).to_numpy(),
        "project_status": status[keep],
        "operator_of_project": pd.Index(operators).get_indexer(
            table["operator"].astype(str)),
        "capex": table["capex_meur"].to_numpy(dtype=float, na_value=0.0),
        "fte_years": table["fte_years"].to_numpy(dtype=float, na_value=0.0),
        "transformers": table["transformers"].to_numpy(dtype=float, na_value=0.0),
        "cost_factor": lens.cost_factors(table["kind"]),
        "allowed": allowed, "must_build": must_build,
        "spend": spread(build_years, years), "material": spread(build_years, years),
        "requires": requires, "excludes": excludes,
        "operators": operators, "budget": limits["budget"],
        "fte": limits["fte"], "transformers_available": limits["transformers"],
    }
