"""Benchmarks of the governance trail's pure work (issue 17), each against a baseline measured
in the same run.

Usage::

    .venv/bin/python benchmarks/bench_programme.py [--repeat 3] [--scale 10]

1. The edition diff of Utrecht (80,000 input rows, 9 profiles of 8,760 hours) against its
   content hash (the cheapest full pass over the same tables): ``input_diff`` with the
   herijking's changes, ``touching`` (the input rows behind every project) and the explained
   priority diff;
2. the same on a workspace ``--scale`` times as large (every table's rows repeated with new
   ids), to show that the diff grows with the rows and not faster;
3. monitoring ``--scale`` × 1,000 projects against an IP list of the same size, against the
   pandas merge of the two frames alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pmiek.adapters.files import read_workspace  # noqa: E402
from pmiek.domain.provenance import content_hash  # noqa: E402
from pmiek.domain.workspace import Workspace  # noqa: E402
from pmiek.programme.diff import explain_diff, input_diff, touching  # noqa: E402
from pmiek.programme.monitoring import monitor  # noqa: E402
from timing import best_of  # noqa: E402

ID_COLUMNS = {"assets": ["id", "parent_id"],
              "developments": ["id", "asset_id", "coupled_asset_id"],
              "projects": ["id"],
              "project_effects": ["project_id", "asset_id", "new_parent_id"]}
"""The id and reference columns that get a suffix when a table is repeated, so that each copy
is a grid of its own (areas keep their ids: a development's area may be shared; the lists in
requires and excludes keep pointing at the first copy)."""


def _herijking(ws: Workspace) -> Workspace:
    developments = ws.developments.iloc[1:]
    resources = ws.resources.copy()
    resources.loc[resources.index[0], "budget_meur"] *= 0.8
    return ws.with_tables(developments=developments, resources=resources)


def _scaled(ws: Workspace, scale: int) -> Workspace:
    tables = {}
    for name, frame in ws.items():
        if name not in ID_COLUMNS or not len(frame):
            tables[name] = frame
            continue
        copies = []
        for k in range(scale):
            copy = frame.copy()
            for column in (c for c in ID_COLUMNS[name] if c in copy.columns):
                known = copy[column].notna()
                copy.loc[known, column] = (copy.loc[known, column].astype(str)
                                           + ("" if k == 0 else f"~{k}"))
            copies.append(copy)
        tables[name] = pd.concat(copies, ignore_index=True)
    return ws.with_tables(**tables)


def _priority(ws: Workspace, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = ws.projects["id"].astype(str).to_numpy()
    chosen = rng.permutation(ids)[: max(2, len(ids) // 2)]
    return pd.DataFrame({"priority": np.arange(1, len(chosen) + 1), "project_id": chosen,
                         "name": chosen, "tier": rng.integers(1, 4, len(chosen)),
                         "in_service_year": rng.integers(2027, 2036, len(chosen)),
                         "context": False})


def _row(name: str, seconds: float, base: float) -> str:
    return f"| {name} | {seconds:.3f} | {seconds / base:.2f} |"


def _diff_rows(label: str, ws: Workspace, repeat: int) -> list[str]:
    new = _herijking(ws)
    rows = sum(len(f) for _, f in ws.items())
    base = best_of(repeat, lambda: content_hash(ws))
    old_p, new_p = _priority(ws, 1), _priority(ws, 2)
    return [
        _row(f"{label}: content hash ({rows:,} rows; baseline)", base, base),
        _row(f"{label}: input_diff", best_of(repeat, lambda: input_diff(ws, new)), base),
        _row(f"{label}: touching (every project)", best_of(repeat, lambda: touching(ws)), base),
        _row(f"{label}: explain_diff", best_of(repeat, lambda: explain_diff(
            ws, new, old_p, new_p)), base)]


def _monitor_rows(n: int, repeat: int) -> list[str]:
    rng = np.random.default_rng(0)
    ids = [f"P{i}" for i in range(n)]
    priority = pd.DataFrame({"priority": np.arange(1, n + 1), "project_id": ids, "name": ids,
                             "operator": "Stedin", "tier": rng.integers(1, 4, n),
                             "in_service_year": rng.integers(2027, 2036, n)})
    ip = pd.DataFrame({"operator": "Stedin", "ip_reference": [f"S-{i}" for i in range(n)],
                       "name": ids, "station": "", "planned_year": rng.integers(2027, 2038, n),
                       "status": "gepland", "cost_band": "", "miek_label": "pMIEK"})
    mapping = pd.DataFrame({"project_id": ids, "operator": "Stedin",
                            "ip_reference": [f"S-{i}" for i in range(n)]})
    base = best_of(repeat, lambda: priority.drop(columns="operator").merge(
        mapping, on="project_id").merge(ip, on=["operator", "ip_reference"]))
    return [_row(f"merge of {n:,} projects, mapping and IP (baseline)", base, base),
            _row(f"monitor {n:,} projects (with a previous edition)", best_of(
                repeat, lambda: monitor(priority, ip, mapping, previous_ip=ip)), base)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    ws = read_workspace("utrecht").workspace
    print("| step | seconds | × baseline |\n|---|---:|---:|", flush=True)
    for rows in (lambda: _monitor_rows(1_000 * args.scale, args.repeat),
                 lambda: _diff_rows("Utrecht", ws, args.repeat),
                 lambda: _diff_rows(f"Utrecht × {args.scale}", _scaled(ws, args.scale),
                                    args.repeat)):
        print("\n".join(rows()), flush=True)


if __name__ == "__main__":
    main()
