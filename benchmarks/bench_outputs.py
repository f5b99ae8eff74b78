"""Benchmarks of what issue 16 added to a run: why and why not, the workbook for people and
the shipped library, each against a baseline measured in the same run.

Usage::

    .venv/bin/python benchmarks/bench_outputs.py [--repeat 3]

On Utrecht (lens evenwichtig, scenario KM, 2026–2035):

1. ``why.explain`` of the variant against designing the variant (``design_variants`` with one
   lens, no greedy baseline);
2. the workbook for people (``write_results_xlsx`` of the variant set's tables) against writing
   the same tables as CSV;
3. reading the workspace with the library (``read_workspace``, the default) against reading it
   without (``library=None``), and for a workspace of only areas, assets and developments.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pmiek.adapters.files import embedded_workspaces, read_workspace  # noqa: E402
from pmiek.adapters.files.lenses import load_lens  # noqa: E402
from pmiek.adapters.files.results_xlsx import write_results_xlsx  # noqa: E402
from pmiek.variants import design_variants  # noqa: E402
from pmiek.variants.solver import SolverOptions  # noqa: E402
from pmiek.variants.why import explain  # noqa: E402
from timing import best_of  # noqa: E402


def _row(name: str, seconds: float, base: float) -> str:
    return f"| {name} | {seconds:.3f} | {seconds / base:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ws = read_workspace("utrecht").workspace
    lens = load_lens("evenwichtig")
    options = SolverOptions()

    def design() -> object:
        return design_variants(ws, [lens], "KM", horizon=2035, options=options,
                               baseline=False)

    t_design = best_of(args.repeat, design)
    result = design_variants(ws, [lens], "KM", horizon=2035, options=options, baseline=False)
    variant = result.outcomes[0].result
    t_why = best_of(args.repeat, lambda: explain(variant, options))
    print("| step | seconds | × baseline |\n|---|---:|---:|")
    print(_row("design one variant (baseline)", t_design, t_design))
    print(_row("why and why not of its candidates", t_why, t_design))

    frames = result.to_frames()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def csv() -> None:
            for name, frame in frames.items():
                frame.to_csv(folder / f"{name.replace('/', '_')}.csv", index=False)

        t_csv = best_of(args.repeat, csv)
        t_xlsx = best_of(args.repeat, lambda: write_results_xlsx(frames, folder / "r.xlsx"))
        cells = sum(frame.size for frame in frames.values())
        print(_row(f"tables as CSV (baseline; {cells:,} cells)", t_csv, t_csv))
        print(_row("the same tables as resultaten.xlsx", t_xlsx, t_csv))

        utrecht = embedded_workspaces()["utrecht"]
        bare = folder / "bare"
        bare.mkdir()
        for name in ("areas", "assets", "developments"):
            shutil.copy(utrecht / f"{name}.csv", bare / f"{name}.csv")
        t_plain = best_of(args.repeat, lambda: read_workspace(utrecht, library=None))
        t_lib = best_of(args.repeat, lambda: read_workspace(utrecht))
        t_bare = best_of(args.repeat, lambda: read_workspace(bare))
        print(_row("read Utrecht without the library (baseline)", t_plain, t_plain))
        print(_row("read Utrecht with the library (nothing taken)", t_lib, t_plain))
        print(_row("read areas, assets, developments + library (6 kengetallen, 8 profiles)",
                   t_bare, t_plain))


if __name__ == "__main__":
    main()
