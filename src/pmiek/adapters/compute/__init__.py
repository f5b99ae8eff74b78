"""Running the engines elsewhere: the load reduction on a Dask cluster (local or remote).

The engine stays pure; this adapter owns the connection. ``connect("local")`` starts a
LocalCluster on this machine; ``connect("tcp://host:8786")`` uses a running scheduler, whose
workers need pmiek installed. Needs the ``dask`` extra: ``pip install 'pmiek[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from pmiek.errors import MissingExtraError
from pmiek.insight.kernel import Reduced, reduce_rows

ROWS_PER_TASK = 131_072
"""(asset, year) rows per Dask task: large enough to keep the scheduler idle."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - the dev set-up installs the extra
        raise MissingExtraError("Dask (--dask)", "dask") from exc
    return distributed


def connect(address: str, workers: int | None = None) -> Any:
    """A Dask client: ``local`` starts a LocalCluster (threads, one process, so the
    profiles are shared); anything else is the address of a running scheduler."""
    distributed = _distributed()
    if address == "local":
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=workers or 2,
                                           processes=False, protocol="inproc://",
                                           dashboard_address=None,
                                           scheduler_kwargs={"dashboard": False})
        return distributed.Client(cluster)
    return distributed.Client(address)


def close(client: Any) -> None:
    """Close ``client`` and, when :func:`connect` started one, its LocalCluster."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def _reduce_block(coefficients: np.ndarray, profiles: np.ndarray, capacity_demand: np.ndarray,
                  capacity_feedin: np.ndarray, dtype: type) -> np.ndarray:
    # one thread per task: the cluster's workers already run tasks side by side
    r = reduce_rows(coefficients, profiles, capacity_demand, capacity_feedin, dtype=dtype,
                    threads=1)
    return np.column_stack([r.peak_demand, r.peak_feedin, r.hours_over_demand,
                            r.hours_over_feedin, r.hour_of_peak_demand, r.hour_of_peak_feedin])


def _reduce_scattered(block: tuple[np.ndarray, np.ndarray, np.ndarray], profiles: np.ndarray,
                      dtype: type) -> np.ndarray:
    return _reduce_block(block[0], profiles, block[1], block[2], dtype)


def dask_reducer(client: Any, rows_per_task: int = ROWS_PER_TASK) -> Callable[..., Reduced]:
    """A reducer for :func:`pmiek.insight.project_loads` that spreads the rows over
    ``client``'s workers in blocks of ``rows_per_task`` (the profiles are sent once)."""

    def reduce(coefficients: np.ndarray, profiles: np.ndarray, capacity_demand: np.ndarray,
               capacity_feedin: np.ndarray, dtype: type = np.float64) -> Reduced:
        shared = client.scatter(profiles, broadcast=True)
        starts = range(0, len(coefficients), rows_per_task)
        blocks = client.scatter([(coefficients[s:s + rows_per_task],
                                  capacity_demand[s:s + rows_per_task],
                                  capacity_feedin[s:s + rows_per_task]) for s in starts])
        futures = [client.submit(_reduce_scattered, block, shared, dtype, pure=False)
                   for block in blocks]
        parts = client.gather(futures)
        stacked = np.concatenate(parts) if parts else np.zeros((0, 6))
        whole = stacked[:, 2:].astype(np.int64)
        return Reduced(stacked[:, 0], stacked[:, 1], whole[:, 0], whole[:, 1], whole[:, 2],
                       whole[:, 3])

    return reduce
