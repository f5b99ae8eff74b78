"""Shared fixtures."""

from __future__ import annotations

import pytest

from pmiek.adapters.files import read_workspace
from pmiek.domain.workspace import Workspace


@pytest.fixture(scope="session")
def example() -> Workspace:
    """The embedded example workspace (valid)."""
    result = read_workspace("example")
    assert result.ok, [p.message("en") for p in result.problems]
    return result.workspace
