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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Group the tests for pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``): one
    group per file, so that a module's fixtures are made once, and one for the whole fuzz
    folder, whose last test counts the cases of the others in the same process."""
    root = config.rootpath
    for item in items:
        path = item.path.relative_to(root)
        group = "fuzz" if path.parts[:2] == ("tests", "fuzz") else path.as_posix()
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def example() -> Workspace:
    """The embedded example workspace (valid)."""
    result = read_workspace("example")
    assert result.ok, [p.message("en") for p in result.problems]
    return result.workspace
