"""The benchmarks' synthetic workspaces stay valid as the data contract grows."""

from __future__ import annotations

import sys
from pathlib import Path

from pmiek.domain.problems import errors
from pmiek.domain.validation import validate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from national import national_workspace
from synthetic import synthetic_workspace
from variants_synthetic import variants_workspace


def test_synthetic_workspace_is_valid() -> None:
    workspace = synthetic_workspace(500, n_assets=20)
    assert len(workspace.developments) == 500
    assert errors(validate(workspace)) == []


def test_national_workspace_is_valid() -> None:
    workspace = national_workspace(n_mv=50, n_hv=5, n_developments=400)
    assert len(workspace.assets) == 55 and len(workspace.developments) == 400
    assert errors(validate(workspace)) == []


def test_variants_workspace_is_valid() -> None:
    workspace = variants_workspace(n_projects=40, n_developments=300, n_hv=4, n_mv=20)
    assert len(workspace.projects) == 40 and len(workspace.developments) == 300
    assert errors(validate(workspace)) == []
    assert workspace.project_effects["new_parent_id"].notna().any()
    assert workspace.projects["requires"].notna().any()
