"""The benchmarks' synthetic workspaces stay valid as the data contract grows."""

from __future__ import annotations

import sys
from pathlib import Path

from pmiek.domain.problems import errors
from pmiek.domain.validation import validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from national import national_workspace
from synthetic import synthetic_workspace


def test_synthetic_workspace_is_valid() -> None:
    workspace = synthetic_workspace(500, n_assets=20)
    assert len(workspace.developments) == 500
    assert errors(validate(workspace)) == []


def test_national_workspace_is_valid() -> None:
    workspace = national_workspace(n_mv=50, n_hv=5, n_developments=400)
    assert len(workspace.assets) == 55 and len(workspace.developments) == 400
    assert errors(validate(workspace)) == []
