"""Step 1 of the cycle, *verkrijgen van inzicht*: load projection, bottlenecks, queue.

Pure: functions of a :class:`~pmiek.domain.workspace.Workspace` returning xarray and pandas
objects; the CLI and the charts live in :mod:`pmiek.adapters`. The public functions of
DESIGN.md::

    pmiek.insight.analyse(workspace, scenarios) -> InsightResult   # the whole step
    pmiek.insight.project_loads(workspace, scenario) -> xarray.Dataset
    pmiek.insight.find_bottlenecks(loads) -> DataFrame
    pmiek.insight.queue(workspace, inputs, loads) -> DataFrame
    pmiek.insight.explain(workspace, asset_id, year, scenario) -> (terms, peak, hour)
"""

from pmiek.insight.analysis import InsightResult, ScenarioInsight, analyse
from pmiek.insight.bottlenecks import find_bottlenecks
from pmiek.insight.explain import explain
from pmiek.insight.inputs import default_schedule, gather
from pmiek.insight.loads import project_loads
from pmiek.insight.queue import homes_blocked, queue

__all__ = ["InsightResult", "ScenarioInsight", "analyse", "default_schedule", "explain",
           "find_bottlenecks", "gather", "homes_blocked", "project_loads", "queue"]
