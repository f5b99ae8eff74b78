"""How the priority list of a variant changes over the range of the value of a connection.

A lens values one connected MW-year of weight 1 at a central estimate with a low and a high
end (:class:`~pmiek.variants.lenses.ConnectionValue`, sourced in the lens file). The priority
list is made at the central value; :func:`value_range` designs the same variant again at the
low and at the high end (the same instance, :func:`~pmiek.variants.instance.at_value`: only
the value and the overload penalty, a multiple of it, change) and makes the priority list of
each, so that the table says per project whether it is built and where it stands at each
point.

Why the variant is designed again and not only its marginal values: with the schedule fixed,
the connected shares maximise value × (Σ weighted MW-years − penalised overload), whatever the
value is, so every marginal value scales with it and the order within a tier (marginal value
per M€ of cost) cannot change. A different value changes the list only through a different
schedule — projects that pay off only at a higher value, or no longer at a lower one, and
projects that move to another year — so each end of the range costs one MILP solve and one
priority list (on Utrecht about 20 s each).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.assessment.priority import priority_list
from pmiek.domain.provenance import ProgressCallback, no_progress
from pmiek.domain.workspace import Workspace
from pmiek.variants.instance import at_value
from pmiek.variants.lenses import VALUE_POINTS, Lens
from pmiek.variants.result import VariantResult
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions

PER_POINT = ("chosen", "rank", "in_service_year", "marginal_value_meur")
"""What the table gives per point of the range, as ``<what>_<point>`` columns."""
VALUE_RANGE_COLUMNS = [
    "project_id", "name", *(f"{what}_{point}" for what in PER_POINT for point in VALUE_POINTS),
    *(f"value_{point}" for point in VALUE_POINTS),
]
"""The columns of ``value_range.csv``: per project built at some point of the range, whether
it is built (``chosen_*``), its priority (``rank_*``, empty when not built), its in-service
year and its marginal value at the low end, the central value and the high end; and the three
values [M€ per weighted MW-year], the same on every row."""


@dataclass(frozen=True)
class ValueRange:
    """The priority list of one variant at the low end, the central value and the high end of
    its lens' value of a connection (``table``: :data:`VALUE_RANGE_COLUMNS`). ``termination``
    says per point how its solve ended and ``solved`` whether it has a schedule; a point
    without one has empty ``chosen_*`` cells."""

    lens: Lens
    values: Mapping[str, float]
    table: pd.DataFrame
    termination: Mapping[str, str]
    solved: Mapping[str, bool]

    @property
    def has_range(self) -> bool:
        return self.lens.value.has_range

    def chosen(self, point: str) -> list[str]:
        """The projects built at ``point``, in the table's order."""
        hit = self.table[f"chosen_{point}"].fillna(False).astype(bool)
        return [str(p) for p in self.table.loc[hit, "project_id"]]

    def everywhere(self) -> list[str]:
        """The projects built at every point of the range."""
        hit = np.logical_and.reduce([self.table[f"chosen_{p}"].fillna(False).astype(bool)
                                     for p in VALUE_POINTS])
        return [str(p) for p in self.table.loc[hit, "project_id"]]

    def gained(self, point: str) -> list[str]:
        """Built at ``point`` but not at the central value."""
        return [p for p in self.chosen(point) if p not in set(self.chosen("central"))]

    def lost(self, point: str) -> list[str]:
        """Built at the central value but not at ``point``."""
        return [p for p in self.chosen("central") if p not in set(self.chosen(point))]

    def moved(self) -> pd.DataFrame:
        """The projects built at every point whose in-service year differs between points:
        ``project_id`` and the year at each point."""
        rows = self.table[self.table["project_id"].isin(self.everywhere())]
        years = rows[[f"in_service_year_{p}" for p in VALUE_POINTS]]
        differs = years.nunique(axis=1) > 1
        return rows.loc[differs, ["project_id", "name",
                                  *(f"in_service_year_{p}" for p in VALUE_POINTS)]]

    def top_kept(self, top: int = 10) -> int:
        """How many of the first ``top`` of the central list are among the first ``top`` at
        both ends."""
        ranks = self.table[[f"rank_{p}" for p in VALUE_POINTS]]
        kept = (ranks <= top).all(axis=1)
        return int(kept.sum())

    def largest_shift(self) -> int:
        """The largest change of rank, from the central list to either end, of a project
        built at every point (0 when none moves)."""
        rows = self.table[self.table["project_id"].isin(self.everywhere())]
        if not len(rows):
            return 0
        central = rows["rank_central"].to_numpy(dtype=float)
        shift = [np.abs(rows[f"rank_{p}"].to_numpy(dtype=float) - central)
                 for p in ("low", "high")]
        return int(np.nanmax(np.concatenate(shift), initial=0.0))


def value_range(result: VariantResult, workspace: Workspace, central: pd.DataFrame, *,
                lang: str = "nl", options: SolverOptions | None = None,
                progress: ProgressCallback | None = None) -> ValueRange:
    """The priority list of ``result`` (made at its lens' central value: ``central``, as
    :func:`~pmiek.assessment.priority.priority_list` gave it, without the fixed context of a
    hotspot run) next to the lists of the same
    variant designed again at the low and the high end of the lens' value (see the module
    docstring). A lens without a range (low = high) is not designed again."""
    tell = progress or no_progress
    lens = result.instance.lens
    values = lens.value.points()
    lists: dict[str, pd.DataFrame | None] = {"central": central}
    ended = {"central": result.termination.value}
    solved = {"central": result.feasible}
    others = [p for p in VALUE_POINTS if p != "central"]
    for k, point in enumerate(others):
        if not lens.value.has_range:
            lists[point], ended[point], solved[point] = central, ended["central"], True
            continue
        tell(2 * k, 2 * len(others), point)
        again = solve(at_value(result.instance, values[point]), options=options)
        ended[point], solved[point] = again.termination.value, again.feasible
        tell(2 * k + 1, 2 * len(others), point)
        made = priority_list(again, workspace, lang, options) if again.feasible else None
        lists[point] = None if made is None else made[~made["context"].astype(bool)]
    tell(2 * len(others), 2 * len(others), "")
    return ValueRange(lens, values, _table(lists, values), ended, solved)


def _table(lists: Mapping[str, pd.DataFrame | None], values: Mapping[str, float]
           ) -> pd.DataFrame:
    """One row per project built at some point, in the central order and then by the best
    rank elsewhere."""
    names: dict[str, str] = {}
    for frame in lists.values():
        if frame is not None:
            names.update(zip(frame["project_id"].astype(str), frame["name"].astype(str),
                             strict=True))
    table = pd.DataFrame({"project_id": list(names), "name": list(names.values())})
    for point in VALUE_POINTS:
        frame = lists[point]
        if frame is None:
            for what in PER_POINT:
                table[f"{what}_{point}"] = pd.NA if what == "chosen" else np.nan
            continue
        found = frame.set_index(frame["project_id"].astype(str))
        table[f"chosen_{point}"] = table["project_id"].isin(found.index)
        table[f"rank_{point}"] = table["project_id"].map(found["priority"]).astype("Int64")
        table[f"in_service_year_{point}"] = table["project_id"].map(
            found["in_service_year"]).astype("Int64")
        table[f"marginal_value_meur_{point}"] = table["project_id"].map(
            found["marginal_value_meur"]).astype(float)
    for point in VALUE_POINTS:
        table[f"value_{point}"] = values[point]
    order = table[[f"rank_{p}" for p in VALUE_POINTS]].astype(float)
    table["_first"] = order["rank_central"].fillna(np.inf)
    table["_best"] = order.min(axis=1).fillna(np.inf)
    table = table.sort_values(["_first", "_best", "project_id"], kind="stable")
    return table.reset_index(drop=True)[VALUE_RANGE_COLUMNS]


__all__ = ["PER_POINT", "VALUE_RANGE_COLUMNS", "ValueRange", "value_range"]
