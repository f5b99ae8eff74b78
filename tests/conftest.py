"""Shared fixtures."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from pmiek.adapters.files import read_workspace
from pmiek.domain.workspace import Workspace

# CI replays the same examples on every run (a red CI then always means a real change);
# local runs explore new examples each time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def example() -> Workspace:
    """The embedded example workspace (valid)."""
    result = read_workspace("example")
    assert result.ok, [p.message("en") for p in result.problems]
    return result.workspace
