"""Benchmarks of the variant design (variants issue): the MILP against the greedy baseline.

Usage::

    .venv/bin/python benchmarks/bench_variants.py [--skip-synthetic] [--time-limit 60]

1. Utrecht: each built-in lens over the four scenarios (expected value), 2026–2035, to a
   1% MIP gap within the time limit (target: within 60 s each).
2. Synthetic: 500 projects × 15 years (2026–2040) × 3,000 developments
   (``benchmarks/variants_synthetic.py``), to a 1% gap; the time is recorded.

For each case the optimiser's objective is compared with the greedy baseline's (same
instance, same objective function): the ratio MILP / greedy when both are positive, and the
improvement (MILP − greedy) / |greedy| always.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pmiek.adapters.files import read_workspace  # noqa: E402
from pmiek.adapters.files.lenses import load_lenses  # noqa: E402
from pmiek.variants import Lens  # noqa: E402
from pmiek.variants.greedy import greedy  # noqa: E402
from pmiek.variants.instance import Instance, build_instance  # noqa: E402
from pmiek.variants.model import build_model  # noqa: E402
from pmiek.variants.result import VariantResult  # noqa: E402
from pmiek.variants.solve import solve  # noqa: E402
from pmiek.variants.solver import SolverOptions  # noqa: E402
from pmiek.variants.verify import verify  # noqa: E402
from variants_synthetic import variants_workspace  # noqa: E402


def compare(name: str, instance: Instance, time_limit: float) -> None:
    began = time.perf_counter()
    model = build_model(instance)
    built = time.perf_counter() - began
    result = solve(instance, model, options=SolverOptions(mip_gap=0.01, time_limit=time_limit))
    baseline = greedy(instance)
    ratio = result.objective / baseline.objective if min(result.objective,
                                                         baseline.objective) > 0 else None
    gain = (result.objective - baseline.objective) / abs(baseline.objective)
    violations = verify(result)
    print(f"{name:<34} {built:6.1f} {result.seconds:7.1f} {result.termination.value:>11} "
          f"{100 * result.mip_gap:6.2f}% {result.objective:12.1f} {baseline.objective:12.1f} "
          f"{'—' if ratio is None else f'{ratio:.3f}':>7} {100 * gain:+7.1f}% "
          f"{len(violations):>3}")
    check(result)


def check(result: VariantResult) -> None:
    if not result.feasible:
        print(f"   {result.message}")


def header() -> None:
    print(f"{'case':<34} {'build':>6} {'solve':>7} {'end':>11} {'gap':>7} {'MILP M€':>12} "
          f"{'greedy M€':>12} {'ratio':>7} {'gain':>8} {'bad':>3}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--synthetic-time-limit", type=float, default=900.0)
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    header()
    workspace = read_workspace("utrecht").workspace
    for lens in load_lenses("all"):
        began = time.perf_counter()
        instance = build_instance(workspace, lens)
        print(f"   (instance built in {time.perf_counter() - began:.1f} s)")
        compare(f"Utrecht, {lens.label_nl}", instance, args.time_limit)
    if not args.skip_synthetic:
        began = time.perf_counter()
        synthetic = variants_workspace()
        lens = Lens(name="evenwichtig", label_nl="Evenwichtig", label_en="Balanced")
        instance = build_instance(synthetic, lens, ["BASIS"], horizon=2040)
        print(f"   (generated and built in {time.perf_counter() - began:.1f} s: "
              f"{instance.n_projects} projects, {len(instance.years)} years, "
              f"{len(synthetic.developments)} developments of which "
              f"{instance.n_developments} new)")
        compare("Synthetic 500 × 15 × 3,000", instance, args.synthetic_time_limit)


if __name__ == "__main__":
    main()
