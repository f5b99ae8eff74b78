"""Benchmark of SMAA-2 (assessment issue): pmiek's chunked kernel against straightforward code.

Usage::

    .venv/bin/python benchmarks/bench_smaa.py [--samples N] [--repeat R] [--loop-samples M]

Case: N = 10⁶ weight samples uniform on the simplex × 50 alternatives × 12 criteria, random
partial values in [0, 1]; (a) one value matrix (2-D values), (b) four equally likely
scenarios (3-D values, weight sample s uses scenario s mod 4). Every implementation
computes the same three results (rank acceptabilities, central weights, confidence factors).

Compared, in the same run:

- ``smaa``: :func:`pmiek.assessment.smaa.smaa` with its default threads (the machine's cores)
  and with one thread;
- ``unchunked numpy``: all samples at once — utilities by one matrix product per scenario
  (N × 50 floats), ranks by ``argsort`` over the whole array, rank counts by one
  ``bincount``, central weights and confidence factors by a Python loop over the alternatives;
- ``per-sample loop``: a Python loop over the samples (``np.argsort`` per sample), timed on M
  samples (default 10,000) and extrapolated linearly to N.

Times are the best of R runs [s]; memory is the peak of the allocations traced by
``tracemalloc`` during one call, above the inputs [MiB]; ratios are to ``smaa`` (default
threads). The results of the unchunked baseline are checked against ``smaa``'s.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pmiek.assessment.sampling import uniform_simplex  # noqa: E402
from pmiek.assessment.smaa import smaa  # noqa: E402
from timing import best_of  # noqa: E402

Result = tuple[np.ndarray, np.ndarray, np.ndarray]


def unchunked(values: np.ndarray, weights: np.ndarray) -> Result:
    """All samples at once; central weights and confidence by a loop over alternatives."""
    stack = values if values.ndim == 3 else values[None]
    n_v, n_alt, _ = stack.shape
    n = len(weights)
    utility = np.empty((n, n_alt))
    for k in range(n_v):
        utility[k::n_v] = weights[k::n_v] @ stack[k].T
    order = np.argsort(-utility, axis=1, kind="stable")
    counts = np.bincount((order * n_alt + np.arange(n_alt)).ravel(),
                         minlength=n_alt * n_alt).reshape(n_alt, n_alt)
    central = np.full((n_alt, weights.shape[1]), np.nan)
    confidence = np.full(n_alt, np.nan)
    for i in range(n_alt):
        first = order[:, 0] == i
        if first.any():
            central[i] = weights[first].mean(axis=0)
            confidence[i] = np.mean(np.argmax(stack @ central[i], axis=1) == i)
    return counts / n, central, confidence


def per_sample(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Rank counts by a Python loop over the samples (the cost of the ranking alone)."""
    stack = values if values.ndim == 3 else values[None]
    n_alt = stack.shape[1]
    counts = np.zeros((n_alt, n_alt), dtype=np.int64)
    positions = np.arange(n_alt)
    for s, w in enumerate(weights):
        order = np.argsort(-(stack[s % len(stack)] @ w), kind="stable")
        counts[order, positions] += 1
    return counts


def peak_mib(run: Callable[[], object]) -> float:
    """Peak traced allocation during ``run`` above what was allocated before [MiB]."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - before) / 2**20


def case(name: str, values: np.ndarray, weights: np.ndarray, repeat: int,
         loop_samples: int) -> None:
    n = len(weights)
    smaa(values, weights[:1000])  # compile (numba caches the kernels on disk)
    ours = smaa(values, weights)
    reference = unchunked(values, weights)
    agree = (np.abs(ours.rank_acceptability - reference[0]).max(),
             np.nanmax(np.abs(ours.central_weights - reference[1])),
             np.nanmax(np.abs(ours.confidence - reference[2])))
    rows: list[tuple[str, float, float | None]] = []
    for label, run in (("smaa (default threads)", lambda: smaa(values, weights)),
                       ("smaa (1 thread)", lambda: smaa(values, weights, threads=1)),
                       ("unchunked numpy", lambda: unchunked(values, weights))):
        rows.append((label, best_of(repeat, run), peak_mib(run)))
    sub = weights[:loop_samples]
    began = time.perf_counter()
    per_sample(values, sub)
    rows.append((f"per-sample loop ({loop_samples:,} → {n:,})",
                 (time.perf_counter() - began) * n / len(sub), None))
    base = rows[0][1]
    print(f"\n{name}: {n:,} samples × {values.shape[-2]} alternatives × {values.shape[-1]} "
          f"criteria; best of {repeat}")
    print(f"   {'implementation':<40}{'seconds':>9}{'peak MiB':>10}{'× smaa':>9}")
    for label, seconds, mib in rows:
        memory = "—" if mib is None else f"{mib:.1f}"
        print(f"   {label:<40}{seconds:>9.3f}{memory:>10}{seconds / base:>9.1f}")
    print(f"   largest difference smaa vs unchunked: acceptability {agree[0]:.1e}, "
          f"central weight {agree[1]:.1e}, confidence {agree[2]:.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--alternatives", type=int, default=50)
    parser.add_argument("--criteria", type=int, default=12)
    parser.add_argument("--scenarios", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loop-samples", type=int, default=10_000)
    args = parser.parse_args()
    python = Path(sys.executable)
    shown = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    print(f"command: {shown} {' '.join(sys.argv)}")
    rng = np.random.default_rng(2026)
    weights = uniform_simplex(args.samples, args.criteria, rng)
    values = rng.random((args.alternatives, args.criteria))
    case("(a) one value matrix", values, weights, args.repeat, args.loop_samples)
    scenarios = rng.random((args.scenarios, args.alternatives, args.criteria))
    case(f"(b) {args.scenarios} scenarios, cycled", scenarios, weights, args.repeat,
         args.loop_samples)


if __name__ == "__main__":
    main()
