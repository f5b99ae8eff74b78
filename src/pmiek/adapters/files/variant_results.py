"""Reading back the variants that ``pmiek variants --out DIR`` wrote.

``pmiek assess --variants DIR`` scores the variants as they were decided, without solving
again: per lens folder the schedule (``schedule.csv``) and the connected shares
(``connected.csv``) are read, the instance is rebuilt from the workspace with that schedule
fixed, and the overload is recomputed from the loads (the solver's overload is the smallest
that fits, so it equals the load beyond capacity). A folder that does not match the workspace
(other developments, projects or years) is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, ReadError
from pmiek.variants.instance import build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.verify import objective, row_loads


@dataclass(frozen=True)
class StoredVariant:
    """One row of ``comparison.csv``: which lens, in which folder, how its solve ended."""

    lens: str
    label: str
    folder: str
    termination: str
    mip_gap: float


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise ReadError(f"{path}: bestand ontbreekt / file missing (written by "
                        "'pmiek variants --out').", path=str(path))
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ReadError(f"{path}: {exc}", path=str(path)) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReadError(f"{path}: expected the columns {', '.join(columns)}; missing "
                        f"{', '.join(missing)} (found {', '.join(frame.columns) or '-'}).",
                        path=str(path))
    return frame


def read_comparison(folder: Path) -> list[StoredVariant]:
    """The lenses of a ``pmiek variants`` output folder, from its ``comparison.csv``."""
    frame = _read(folder / "comparison.csv", ("lens", "label", "folder", "termination",
                                              "mip_gap"))
    out = []
    for row in frame.to_dict("records"):
        try:
            gap = float(row["mip_gap"]) if row["mip_gap"] else float("nan")
        except ValueError:
            gap = float("nan")
        out.append(StoredVariant(row["lens"], row["label"], row["folder"],
                                 row["termination"], gap))
    return out


def _year(value: str, path: Path, line: int) -> int | None:
    value = value.strip()
    if not value or value.lower() in ("nan", "<na>", "na"):
        return None
    try:
        year = float(value)
    except ValueError:
        year = float("nan")
    if not np.isfinite(year) or year != int(year):
        raise ReadError(f"{path}, line {line}: in_service_year '{value}' is not a year.",
                        path=str(path))
    return int(year)


def read_variant(folder: Path, workspace: Workspace, lens: Lens,
                 stored: StoredVariant | None = None) -> VariantResult:
    """The variant in ``folder`` as a :class:`VariantResult` on ``workspace``."""
    schedule = _read(folder / "schedule.csv", ("project_id", "in_service_year"))
    connected = _read(folder / "connected.csv", ("scenario", "development_id", "year",
                                                 "connected_share"))
    if connected.empty:
        raise ReadError(f"{folder / 'connected.csv'}: no rows.", path=str(folder))
    fixed = {str(pid).strip(): (None if (y := _year(value, folder / "schedule.csv", i + 2))
                                is None else float(y))
             for i, (pid, value) in enumerate(zip(schedule["project_id"],
                                                  schedule["in_service_year"], strict=True))
             if str(pid).strip()}
    names = list(dict.fromkeys(connected["scenario"]))
    scenarios: list[str | None] = [None if n in ("None", "") else n for n in names]
    years = sorted({int(float(y)) for y in connected["year"]})
    known = set(workspace.scenarios["id"].astype(str))
    unknown = sorted(str(s) for s in scenarios if s is not None and s not in known)
    if unknown:
        raise InputError(f"{folder}: scenario(s) {', '.join(unknown)} are not in the "
                         "workspace; were these variants made from another workspace?")
    instance = build_instance(workspace, lens, scenarios, first_year=years[0],
                            horizon=years[-1], fixed=fixed)
    years = pd.Series(fixed, dtype=float).reindex(instance.project_ids.astype(str))
    start = np.where(years.notna(), np.searchsorted(instance.years, years.fillna(0)), -1)
    shares = connected.assign(year=connected["year"].astype(float).astype(int),
                              connected_share=connected["connected_share"].astype(float))
    extra = sorted(set(shares["development_id"]) - set(instance.dev_ids))
    if extra:
        raise InputError(f"{folder / 'connected.csv'}: developments not new in the workspace "
                         f"({', '.join(extra[:8])}); were these variants made from another "
                         "workspace or other years?")
    cube = shares.pivot_table(index=["scenario", "development_id"], columns="year",
                              values="connected_share", aggfunc="first")
    cube = cube.reindex(pd.MultiIndex.from_product([names, list(instance.dev_ids)]))
    cube = cube.reindex(columns=list(instance.years))
    if cube.isna().to_numpy().any():
        raise InputError(f"{folder / 'connected.csv'}: not every scenario × development × "
                         "year has a share; the file is incomplete.")
    share = cube.to_numpy(dtype=float).reshape(len(names), instance.n_developments,
                                               len(instance.years))
    overload = np.zeros((len(names), len(instance.row_asset)))
    capacity = np.asarray(instance.row_capacity, dtype=float)
    for s in range(len(names)):
        load, added = row_loads(instance, start, share, s)
        overload[s] = np.where(np.isnan(capacity), 0.0,
                               np.maximum(load - np.nan_to_num(capacity) - added, 0.0))
    termination = Termination.OPTIMAL
    if stored is not None:
        try:
            termination = Termination(stored.termination)
        except ValueError:
            termination = Termination.OPTIMAL
    result = VariantResult(instance, "file", termination, float("nan"),
                           stored.mip_gap if stored is not None else float("nan"), 0.0, start,
                           share, overload)
    return VariantResult(instance, "file", termination, objective(result), result.mip_gap, 0.0,
                         start, share, overload)
