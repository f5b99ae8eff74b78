"""Benchmark: read and validate a workspace with 100,000 developments (issue: foundation).

Usage::

    .venv/bin/python benchmarks/bench_validate.py [--developments N] [--repeat R]

Times, on one synthetic workspace written as a folder of CSV files:

- ``baseline``: ``pandas.read_csv`` of the developments file alone (the cost of parsing text);
- ``validate``: :func:`pmiek.domain.validation.validate` on the typed workspace;
- ``read+validate``: :func:`pmiek.adapters.files.read_workspace` (all files: read, parse,
  validate), what ``pmiek validate FOLDER`` does.

Reports the best of R runs and each as a ratio to the baseline measured in the same run, so
the ratios mean something on a noisy machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.domain.validation import validate
from synthetic import synthetic_workspace
from timing import best_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--developments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    workspace = synthetic_workspace(args.developments)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ws"
        write_workspace(workspace, folder)
        problems = validate(workspace)
        assert not problems, problems[:3]
        baseline = best_of(args.repeat, lambda: pd.read_csv(folder / "developments.csv"))
        only_validate = best_of(args.repeat, lambda: validate(workspace))
        result = read_workspace(folder)
        assert result.ok and len(result.workspace.developments) == args.developments
        full = best_of(args.repeat, lambda: read_workspace(folder))

    print(f"{args.developments:,} developments, {len(workspace.assets):,} assets, "
          f"{len(workspace.profiles):,} profile rows; best of {args.repeat}")
    print(f"{'step':<16}{'seconds':>10}{'× baseline':>12}")
    for name, seconds in (("baseline", baseline), ("validate", only_validate),
                          ("read+validate", full)):
        print(f"{name:<16}{seconds:>10.3f}{seconds / baseline:>12.1f}")


if __name__ == "__main__":
    main()
