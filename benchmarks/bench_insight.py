"""Benchmarks of the load engine (insight issue), as ratios measured in one run.

Usage::

    .venv/bin/python benchmarks/bench_insight.py [--quick]

1. Utrecht: all assets × 2025–2050 × 8760 h × the 4 scenarios (target: under 10 s).
2. Against the naive loop implementation of the tests (tests/insight/naive.py) on a
   1,000-development case (target: at least 50× faster).
3. A case of 10,000 MV stations under 100 HV stations, 100,000 developments, 2025–2050,
   against the *arithmetic floor*: the time a large square float32 matrix product takes for
   the same number of multiply-adds (rows × profiles × 8760), measured here in the same run
   with one and with two BLAS threads, the faster counting (target: within 3×).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.insight.naive import naive_loads  # noqa: E402

from national import national_workspace  # noqa: E402
from pmiek.adapters.files import read_workspace  # noqa: E402
from pmiek.insight import project_loads  # noqa: E402
from pmiek.insight.hierarchy import coefficients  # noqa: E402
from pmiek.insight.inputs import gather  # noqa: E402
from pmiek.insight.kernel import reduce_rows  # noqa: E402
from timing import best_of  # noqa: E402


def floor_seconds(multiply_adds: float, repeat: int = 3) -> float:
    """The time of a square float32 product with the same number of multiply-adds."""
    n = round(multiply_adds ** (1 / 3))
    a = np.random.default_rng(0).random((n, n), dtype=np.float32)
    times = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            a @ a  # warm up
            times.append(best_of(repeat, lambda: a @ a))
    return min(times) * multiply_adds / n**3


def utrecht(repeat: int) -> None:
    workspace = read_workspace("utrecht").workspace
    scenarios = list(workspace.scenarios["id"])
    years = range(2025, 2051)

    def run() -> None:
        for scenario in scenarios:
            project_loads(workspace, scenario, years=years)

    seconds = best_of(repeat, run)
    n_assets = len(workspace.assets)
    n_profiles = workspace.profiles["profile_id"].nunique()
    floor = floor_seconds(n_assets * len(years) * n_profiles * 8760 * len(scenarios))
    print(f"1. Utrecht: {n_assets} assets × {len(years)} years × 8760 h × {len(scenarios)} "
          f"scenarios: {seconds:.2f} s (target < 10 s); floor {floor:.3f} s")


def against_naive(repeat: int) -> None:
    workspace = national_workspace(n_mv=200, n_hv=10, n_developments=1_000, seed=3)
    years = range(2025, 2051)
    project_loads(workspace, years=years)  # compile the kernel (numba caches it on disk)
    engine = best_of(10 * repeat, lambda: project_loads(workspace, years=years))
    naive = best_of(repeat, lambda: naive_loads(workspace, years=years, hourly=False))
    reference = naive_loads(workspace, years=years, hourly=False)
    ours = project_loads(workspace, years=years)
    worst = max(abs(float(ours["peak_demand_mw"].sel(asset=a, year=y)) - v["peak_demand_mw"])
                / max(1e-9, abs(v["peak_demand_mw"])) for (a, y), v in reference.items())
    print(f"2. 1,000 developments, 210 assets, {len(years)} years: engine {engine:.3f} s, "
          f"naive loops {naive:.2f} s: {naive / engine:.0f}× faster (target ≥ 50×); "
          f"largest relative difference of a peak {worst:.1e}")


def against_floor(repeat: int, quick: bool) -> None:
    n_mv, n_dev = (2_000, 20_000) if quick else (10_000, 100_000)
    workspace = national_workspace(n_mv=n_mv, n_hv=100, n_developments=n_dev)
    years = range(2025, 2051)
    inputs = gather(workspace, None, None, years)
    coef = coefficients(inputs.n_assets, len(inputs.profile_ids), inputs.entry_asset,
                        inputs.entry_profile, inputs.entry_net_mw, parents=inputs.parents,
                        topology_of_year=inputs.topology_of_year)
    flat = coef.reshape(-1, coef.shape[2])
    cap_d = inputs.capacity_demand_mw.ravel()
    cap_f = inputs.capacity_feedin_mw.ravel()
    multiply_adds = flat.shape[0] * flat.shape[1] * 8760
    floor = floor_seconds(multiply_adds, repeat)
    rows = {
        "kernel, pruned, float64 (default)": lambda: reduce_rows(flat, inputs.profiles, cap_d,
                                                                 cap_f),
        "kernel, full blocks, float32": lambda: reduce_rows(flat, inputs.profiles, cap_d,
                                                            cap_f, dtype=np.float32,
                                                            pruned=False),
        "kernel, full blocks, float64": lambda: reduce_rows(flat, inputs.profiles, cap_d,
                                                            cap_f, pruned=False),
        "project_loads (all steps)": lambda: project_loads(workspace, years=years),
    }
    print(f"3. {inputs.n_assets:,} assets × {len(years)} years × {flat.shape[1]} profiles × "
          f"8760 h = {multiply_adds:.2e} multiply-adds; floor {floor:.3f} s")
    print(f"   {'step':<36}{'seconds':>9}{'× floor':>9}")
    for name, run in rows.items():
        seconds = best_of(repeat, run)
        print(f"   {name:<36}{seconds:>9.3f}{seconds / floor:>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller case 3")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    utrecht(args.repeat)
    against_naive(args.repeat)
    against_floor(args.repeat, args.quick)


if __name__ == "__main__":
    main()
