"""Step 1 as one stage: ``analyse`` runs the load projection, the bottlenecks and the queue for
every chosen scenario and returns one frozen :class:`InsightResult`.

Every front end (CLI, web application, programme document) calls this function and renders
its result; none repeats the loop over scenarios.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from pmiek.domain.choice_rules import expand
from pmiek.domain.choices import check_scenarios, check_years
from pmiek.domain.defaults import FIRST_YEAR, LOAD_HORIZON
from pmiek.domain.provenance import ProgressCallback, Provenance, no_progress
from pmiek.domain.workspace import Workspace
from pmiek.insight.bottlenecks import find_bottlenecks
from pmiek.insight.inputs import gather
from pmiek.insight.loads import Reducer, project_loads
from pmiek.insight.queue import homes_blocked, queue

LOAD_COLUMNS = ["scenario", "asset_id", "year", "peak_demand_mw", "peak_feedin_mw",
                "capacity_demand_mw", "capacity_feedin_mw", "hours_over_demand",
                "hours_over_feedin"]
"""The columns of ``loads.csv``."""


@dataclass(frozen=True)
class ScenarioInsight:
    """Step 1 for one scenario (``None``: no scenario factors)."""

    scenario: str | None
    loads: xr.Dataset
    bottlenecks: pd.DataFrame
    blocked: pd.DataFrame
    homes_blocked: pd.Series

    @property
    def label(self) -> str:
        return self.scenario or ""


@dataclass(frozen=True)
class InsightResult:
    """Loads, knelpunten and blocked developments of every scenario analysed, with what
    produced them (:class:`~pmiek.domain.provenance.Provenance`)."""

    scenarios: tuple[ScenarioInsight, ...]
    years: tuple[int, ...]
    provenance: Provenance

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """The tidy tables: ``loads``, ``bottlenecks``, ``blocked``, ``homes_blocked``."""
        return {"loads": self.loads(), "bottlenecks": self.bottlenecks(),
                "blocked": self.blocked(), "homes_blocked": self.homes_blocked()}

    def loads(self) -> pd.DataFrame:
        """Per scenario, asset and year: peaks, capacities and hours over capacity."""
        frames = []
        for part in self.scenarios:
            table = part.loads.drop_vars(["peak_demand_hour", "peak_feedin_hour"])
            table = table.to_dataframe().reset_index().rename(columns={"asset": "asset_id"})
            frames.append(table.assign(scenario=part.label)[LOAD_COLUMNS])
        return pd.concat(frames, ignore_index=True)

    def bottlenecks(self) -> pd.DataFrame:
        """Per scenario, asset, direction and year: peak, capacity, shortage and class."""
        return _scenario_first([p.bottlenecks.assign(scenario=p.label)
                                for p in self.scenarios])

    def blocked(self) -> pd.DataFrame:
        """The developments that wait, per scenario: where, and the year they can connect."""
        return _scenario_first([p.blocked.assign(scenario=p.label) for p in self.scenarios])

    def homes_blocked(self) -> pd.DataFrame:
        """Homes waiting per year (rows) and scenario (columns)."""
        frame = pd.DataFrame({p.label: p.homes_blocked for p in self.scenarios})
        return frame.rename_axis("year").reset_index()

    def map_years(self, chosen: Sequence[int] | None = None) -> list[int]:
        """The years to draw maps of: those ``chosen`` that were computed, else the first
        year, 2030 and 2035 where computed."""
        if chosen:
            return [year for year in chosen if year in self.years]
        wanted = {self.years[0], 2030, 2035}
        return sorted(year for year in wanted if year in self.years)

    def largest(self, top: int = 15) -> pd.DataFrame:
        """The largest knelpunten: per scenario, asset and direction the year of the largest
        shortage, largest first (at most ``top`` rows)."""
        table = self.bottlenecks()
        over = table[table["shortage_mw"] > 0]
        if not len(over):
            return over
        index = over.groupby(["scenario", "asset_id", "direction"])["shortage_mw"].idxmax()
        return over.loc[index].sort_values("shortage_mw", ascending=False).head(top)


def _scenario_first(frames: list[pd.DataFrame]) -> pd.DataFrame:
    table = pd.concat(frames, ignore_index=True)
    return table[["scenario"] + [c for c in table.columns if c != "scenario"]]


def scenario_choice(workspace: Workspace, choice: str | Sequence[str] | None
                    ) -> list[str | None]:
    """The scenarios to run: ``None`` or ``"all"`` = every scenario of the workspace (or no
    scenario when it has none), else the named ones, each of which must exist."""
    known = [str(s) for s in workspace.scenarios["id"]]
    if choice is None or choice == "all":
        return list(known) or [None]
    names = [choice] if isinstance(choice, str) else list(choice)
    return list(check_scenarios(workspace, names))


def analyse(workspace: Workspace, scenarios: str | Sequence[str] | None = None, *,
            first_year: int = FIRST_YEAR, horizon: int = LOAD_HORIZON,
            reducer: Reducer | None = None, progress: ProgressCallback | None = None
            ) -> InsightResult:
    """Step 1 for every chosen scenario (default: all of the workspace): the hourly load
    projection of every asset in every year ``first_year`` … ``horizon``
    (:func:`~pmiek.insight.loads.project_loads`), the knelpunten
    (:func:`~pmiek.insight.bottlenecks.find_bottlenecks`) and the queue of developments that
    wait (:func:`~pmiek.insight.queue.queue`). ``reducer`` spreads the hourly reduction (for
    example over a Dask cluster); ``progress`` is told after each scenario."""
    check_years(first_year, horizon)
    chosen = scenario_choice(workspace, scenarios)
    years = list(range(first_year, horizon + 1))
    data, workspace = workspace, expand(workspace)  # the data's hash, the choices' rows
    tell = progress or no_progress
    parts = []
    for done, name in enumerate(chosen):
        tell(done, len(chosen), name or "")
        parts.append(_one_scenario(workspace, name, years, reducer))
    tell(len(chosen), len(chosen), "")
    provenance = Provenance.of("insight", data, {
        "scenarios": [name or "" for name in chosen], "first_year": first_year,
        "horizon": horizon})
    return InsightResult(tuple(parts), tuple(years), provenance)


def _one_scenario(workspace: Workspace, name: str | None, years: list[int],
                  reducer: Reducer | None) -> ScenarioInsight:
    inputs = gather(workspace, name, None, years)
    loads = project_loads(workspace, name, years=years, reducer=reducer)
    waiting = queue(workspace, inputs, loads)
    homes = homes_blocked(workspace, waiting, np.asarray(loads["year"].to_numpy()))
    return ScenarioInsight(name, loads, find_bottlenecks(loads),
                           waiting[waiting["blocked"]], homes)
