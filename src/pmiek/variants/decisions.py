"""Decisions taken elsewhere, read back: a fixed schedule (``project_id, in_service_year``)
and a whole variant from its schedule and connected shares.

Both ``pmiek variants --fixed FILE`` and ``pmiek assess --variants DIR`` go through
:func:`fixed_schedule`, and a stored variant becomes a :class:`VariantResult` again through
:func:`rebuild` — the one place that turns decided tables back into a variant. The files
themselves are read by the adapters; this module only checks and computes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Floats, Ints, Objects
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, said
from pmiek.variants.instance import Instance, build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.verify import objective, row_loads

MISSING = ("", "nan", "<na>", "na")
"""How an empty year (not built) may be written."""


def _year(value: object, where: str, line: int) -> float | None:
    text = str(value).strip()
    if text.lower() in MISSING:
        return None
    try:
        year = float(text)
    except ValueError:
        year = math.nan
    if not math.isfinite(year) or year != int(year):
        raise said(InputError,
                   nl=f"{where}, regel {line}: in_service_year '{text}' is geen jaartal (leeg = "
                      "niet gebouwd).",
                   en=f"{where}, line {line}: in_service_year '{text}' is not a year (empty = "
                      "not built).")
    return float(int(year))


def fixed_schedule(frame: pd.DataFrame, where: str, workspace: Workspace | None = None
                   ) -> dict[str, float | None]:
    """project_id → in-service year (None: not built) from a table with the columns
    ``project_id`` and ``in_service_year`` (such as a ``schedule.csv``), read as text.
    ``where`` names the source in messages (line numbers count the header as line 1). With a
    ``workspace``, every id must be a project of it that is not yet done."""
    columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    if not {"project_id", "in_service_year"} <= set(columns):
        found = ", ".join(columns) or "-"
        raise said(InputError,
                   nl=f"{where}: de kolommen project_id en in_service_year zijn nodig; "
                      f"gevonden: {found}.",
                   en=f"{where}: the columns project_id and in_service_year are needed; "
                      f"found: {found}.")
    frame = frame.set_axis(columns, axis=1)
    fixed: dict[str, float | None] = {}
    for line, (pid, value) in enumerate(zip(frame["project_id"], frame["in_service_year"],
                                            strict=True), start=2):
        key = str(pid).strip()
        if key:
            fixed[key] = _year(value, where, line)
    if workspace is not None:
        projects = workspace.projects
        open_ids = set(projects.loc[projects["status"].astype(object) != "done",
                                    "id"].astype(str))
        unknown = sorted(set(fixed) - open_ids)
        if unknown:
            ids = ", ".join(unknown[:12])
            raise said(InputError, nl=f"{where}: onbekend of al gereed project: {ids}.",
                       en=f"{where}: unknown or finished project: {ids}.")
    return fixed


def rebuild(workspace: Workspace, lens: Lens, fixed: Mapping[str, float | None],
            connected: pd.DataFrame, *, termination: Termination = Termination.OPTIMAL,
            mip_gap: float = math.nan, where: str = "connected.csv",
            level: str = "province") -> VariantResult:
    """The variant whose schedule is ``fixed`` and whose connected shares are ``connected``
    (columns ``scenario, development_id, year, connected_share``), on ``workspace`` at
    ``level`` (``province`` or the hotspot it was designed for): the instance is rebuilt with
    that schedule, the overload recomputed from the loads (the solver's overload is the
    smallest that fits, so it equals the load beyond capacity) and the objective recomputed.
    A table that does not match the workspace is refused."""
    if connected.empty:
        raise said(InputError, nl=f"{where}: geen rijen.", en=f"{where}: no rows.")
    names = list(dict.fromkeys(connected["scenario"].astype(str)))
    scenarios: list[str | None] = [None if n in ("None", "") else n for n in names]
    _check_scenarios(workspace, scenarios, where)
    years = sorted({int(float(y)) for y in connected["year"]})
    instance = build_instance(workspace, lens, scenarios, level=level, first_year=years[0],
                              horizon=years[-1], fixed=fixed)
    in_service = pd.Series(dict(fixed), dtype=float).reindex(instance.project_ids.astype(str))
    start = np.where(in_service.notna(),
                     np.searchsorted(instance.years, in_service.fillna(0)), -1)
    share = _share_cube(connected, names, instance.dev_ids, instance.years, where)
    overload = _overload(instance, start, share)
    draft = VariantResult(instance, "file", termination, math.nan, mip_gap, 0.0, start, share,
                          overload)
    return VariantResult(instance, "file", termination, objective(draft), mip_gap, 0.0, start,
                         share, overload)


def _check_scenarios(workspace: Workspace, scenarios: Sequence[str | None], where: str) -> None:
    known = set(workspace.scenarios["id"].astype(str))
    unknown = sorted(str(s) for s in scenarios if s is not None and s not in known)
    if unknown:
        names = ", ".join(unknown)
        raise said(InputError,
                   nl=f"{where}: scenario('s) {names} staan niet in de werkruimte; zijn deze "
                      "varianten met een andere werkruimte gemaakt?",
                   en=f"{where}: scenario(s) {names} are not in the workspace; were these "
                      "variants made from another workspace?")


def _share_cube(connected: pd.DataFrame, names: Sequence[str], dev_ids: Objects,
                years: Ints, where: str) -> Floats:
    """(S, D, Y) the connected shares of ``connected`` for the scenarios ``names``."""
    shares = connected.assign(scenario=connected["scenario"].astype(str),
                              year=connected["year"].astype(float).astype(int),
                              connected_share=connected["connected_share"].astype(float))
    extra = sorted(set(shares["development_id"]) - set(dev_ids))
    if extra:
        ids = ", ".join(extra[:8])
        raise said(InputError,
                   nl=f"{where}: ontwikkelingen die niet nieuw zijn in de werkruimte ({ids}); "
                      "zijn deze varianten met een andere werkruimte of andere jaren gemaakt?",
                   en=f"{where}: developments not new in the workspace ({ids}); were these "
                      "variants made from another workspace or other years?")
    cube = shares.pivot_table(index=["scenario", "development_id"], columns="year",
                              values="connected_share", aggfunc="first")
    cube = cube.reindex(pd.MultiIndex.from_product([names, list(dev_ids)]))
    cube = cube.reindex(columns=list(years))
    if cube.isna().to_numpy().any():
        raise said(InputError,
                   nl=f"{where}: niet elk scenario × ontwikkeling × jaar heeft een aandeel; "
                      "het bestand is onvolledig.",
                   en=f"{where}: not every scenario × development × year has a share; the "
                      "file is incomplete.")
    share: Floats = cube.to_numpy(dtype=float).reshape(len(names), len(dev_ids), len(years))
    return share


def _overload(instance: Instance, start: Ints, share: Floats) -> Floats:
    """(S, N) the load beyond capacity of every capacity row."""
    overload = np.zeros((share.shape[0], len(instance.row_asset)))
    capacity = np.asarray(instance.row_capacity, dtype=float)
    for s in range(share.shape[0]):  # scenarios: a handful
        load, added = row_loads(instance, start, share, s)
        overload[s] = np.where(np.isnan(capacity), 0.0,
                               np.maximum(load - np.nan_to_num(capacity) - added, 0.0))
    return overload
