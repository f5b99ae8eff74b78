"""Step 1 of the cycle, *verkrijgen van inzicht*: load projection, bottlenecks, queue.

Pure: functions of a :class:`~pmiek.domain.workspace.Workspace` returning xarray and pandas
objects; the CLI and the charts live in :mod:`pmiek.adapters`.
"""

from pmiek.insight.inputs import default_schedule
from pmiek.insight.loads import project_loads

__all__ = ["default_schedule", "project_loads"]
