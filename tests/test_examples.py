"""``docs/examples/api.py`` runs the whole cycle through the public API, and keeps to it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "api.py"
PUBLIC = {"pmiek", "pmiek.domain", "pmiek.insight", "pmiek.framework", "pmiek.variants",
          "pmiek.assessment"}
ADAPTERS_ALLOWED = {"read_workspace", "write_outputs"}


def test_the_example_uses_only_the_public_api() -> None:
    tree = ast.parse(EXAMPLE.read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names}
    ours = {name for name in imported if name.split(".")[0] == "pmiek"}
    assert ours <= PUBLIC, ours - PUBLIC
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "pmiek"}
    assert used <= ADAPTERS_ALLOWED | {"domain"}, used


@pytest.mark.slow
def test_the_example_runs_the_whole_cycle(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(EXAMPLE), str(tmp_path)], capture_output=True,
                         text=True, check=False, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Grootste knelpunten" in run.stdout and "1. " in run.stdout
    for stage, table in (("inzicht", "bottlenecks.csv"), ("varianten", "comparison.csv"),
                         ("afweging", "priority_list.csv")):
        marker = json.loads((tmp_path / stage / ".pmiek-output.json").read_text())
        assert table in marker["files"]
        assert len(marker["provenance"]["input_hash"]) == 64
    comparison = pd.read_csv(tmp_path / "varianten" / "comparison.csv")
    assert comparison["lens"].tolist() == ["wonen-eerst", "evenwichtig"]
    priority = pd.read_csv(tmp_path / "afweging" / "priority_list.csv")
    chosen = pd.read_csv(tmp_path / "afweging" / "scores.csv").query("chosen")["variant"]
    assert set(priority["variant"]) == set(chosen)
    assert priority["priority"].tolist() == list(range(1, len(priority) + 1))
