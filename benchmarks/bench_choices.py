"""Benchmark: Utrecht insight over four scenarios with the Energievisie's choices applied.

Usage::

    .venv/bin/python benchmarks/bench_choices.py [--repeat R]

Times :func:`pmiek.insight.analyse` on the embedded Utrecht workspace, every scenario,
2026–2050, twice in the same run, alternating:

- ``baseline``: the same workspace without its choice rules (every option does nothing);
- ``choices``: as embedded, each storyline's options applied (the rows the rules make
  included).

Reports the best of R runs of each and their ratio (target: at most 2×).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pmiek.adapters.files import read_workspace
from pmiek.domain.choice_rules import expand
from pmiek.insight import analyse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with_choices = read_workspace("utrecht").workspace
    without = with_choices.with_tables(choice_rules=with_choices.choice_rules.iloc[0:0])
    runs: dict[str, list[float]] = {"baseline": [], "choices": []}
    pair = [("baseline", without), ("choices", with_choices)]
    analyse(without)  # warm-up: imports and caches count for neither
    for k in range(args.repeat):  # alternate the order, so both see the same machine
        for name, ws in (pair if k % 2 == 0 else pair[::-1]):
            start = time.perf_counter()
            analyse(ws)
            runs[name].append(time.perf_counter() - start)
    best = {name: min(times) for name, times in runs.items()}
    made = len(expand(with_choices).developments) - len(with_choices.developments)
    print(f"Utrecht: {len(with_choices.developments)} developments (+{made} made by the "
          f"rules), {len(with_choices.choice_rules)} rules, "
          f"{len(with_choices.scenarios)} scenarios, 2026-2050; best of {args.repeat}")
    print(f"{'run':<10}{'seconds':>10}{'× baseline':>12}")
    for name in ("baseline", "choices"):
        print(f"{name:<10}{best[name]:>10.3f}{best[name] / best['baseline']:>12.2f}")


if __name__ == "__main__":
    main()
