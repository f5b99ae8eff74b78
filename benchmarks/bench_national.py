"""The national synthetic workload on Dask (insight issue, scale-out).

Usage::

    .venv/bin/python benchmarks/bench_national.py [--dask local|tcp://host:8786]
        [--mv 100000] [--hv 400] [--developments 1000000]

Generates 10^5 MV stations under 400 HV stations with 10^6 developments (benchmarks/national.py)
and projects their loads for 2025–2050 × 8760 h with the row blocks spread over a Dask
cluster (a LocalCluster on this machine by default). Reports the generation time, the load
computation time (generation excluded) and the peak memory of the process (the LocalCluster
runs its workers as threads inside it, so this is the whole run's peak).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national import national_workspace
from pmiek.adapters.compute import close, connect, dask_reducer
from pmiek.insight import project_loads


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dask", default="local")
    parser.add_argument("--mv", type=int, default=100_000)
    parser.add_argument("--hv", type=int, default=400)
    parser.add_argument("--developments", type=int, default=1_000_000)
    args = parser.parse_args()

    start = time.perf_counter()
    workspace = national_workspace(args.mv, args.hv, args.developments)
    generated = time.perf_counter() - start
    print(f"generated {args.hv:,} HV + {args.mv:,} MV stations, {args.developments:,} "
          f"developments in {generated:.1f} s (peak so far {peak_gib():.2f} GiB)")
    client = connect(args.dask)
    try:
        start = time.perf_counter()
        loads = project_loads(workspace, years=range(2025, 2051), reducer=dask_reducer(client))
        computed = time.perf_counter() - start
    finally:
        close(client)
    over = int((loads["peak_demand_mw"] > loads["capacity_demand_mw"]).sum())
    print(f"load computation on Dask ({args.dask}): {computed:.1f} s for "
          f"{loads.sizes['asset']:,} assets × {loads.sizes['year']} years × 8760 h "
          f"({over:,} asset-years over their demand capacity)")
    print(f"peak memory of the run: {peak_gib():.2f} GiB")


if __name__ == "__main__":
    main()
