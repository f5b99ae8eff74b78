"""Shared helpers of the store tests: workspaces, a store on a fresh database, row counts,
and the child process of the SIGKILL test (:func:`child_import`)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, func, select

from pmiek.adapters.files import read_workspace
from pmiek.adapters.store import models
from pmiek.adapters.store.migrate import upgrade
from pmiek.adapters.store.store import Store
from pmiek.domain.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
BIG_DEVELOPMENTS = 100_000
"""Developments of the synthetic workspace the SIGKILL test imports (a few seconds' work)."""


@cache
def utrecht() -> Workspace:
    """The embedded Utrecht workspace (read once; do not modify its frames)."""
    result = read_workspace("utrecht")
    assert result.ok
    return result.workspace


@cache
def example() -> Workspace:
    """The embedded example workspace (read once; do not modify its frames)."""
    result = read_workspace("example")
    assert result.ok
    return result.workspace


@cache
def small() -> Workspace:
    """The example workspace with 24 hours per profile: quick to store, still every table."""
    workspace = example()
    profiles = workspace.profiles.groupby("profile_id", sort=False).head(24)
    return workspace.with_tables(profiles=profiles.reset_index(drop=True))


def synthetic(n_developments: int) -> Workspace:
    """``benchmarks/synthetic.py``'s workspace, loaded from its file (benchmarks/ is no
    package, and this keeps it off sys.path)."""
    spec = importlib.util.spec_from_file_location("pmiek_bench_synthetic",
                                                  REPO / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    workspace: Workspace = module.synthetic_workspace(n_developments)
    return workspace


def renamed(workspace: Workspace, row: int, name: str) -> Workspace:
    """A copy of ``workspace`` with the name of development ``row`` changed."""
    developments = workspace.developments.copy()
    developments.loc[row, "name"] = name
    edited = workspace.with_tables(developments=developments)
    assert not edited.equals(workspace)
    return edited


@contextmanager
def open_store(url: str, *, migrate: bool = True) -> Iterator[Store]:
    """A Store on ``url`` (upgraded first unless ``migrate`` is false); its engine is
    disposed afterwards so that the PostgreSQL database can be dropped."""
    store = Store(url)
    try:
        if migrate:
            upgrade(store.engine)
        yield store
    finally:
        store.engine.dispose()


def count_rows(engine: Engine, table: str) -> int:
    """Committed rows of a store table (``data_developments``, ``audit_log``, …)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(
            models.metadata.tables[table])).scalar_one())


def development_names(workspace: Workspace) -> list[str]:
    return [str(v) for v in workspace.developments["name"]]


def child_import(url: str, name: str, n_developments: int = BIG_DEVELOPMENTS) -> None:
    """The body of the child process of the SIGKILL test: import a large synthetic workspace
    as the next version of ``name`` (based on version 1). It says ``ready`` just before the
    import and ``done`` after it; the parent kills it in between."""
    workspace = synthetic(n_developments)
    store = Store(url)
    print("ready", flush=True)
    info = store.import_workspace(workspace, name, expected_version=1, source="child",
                                  note="killed")
    print(f"done {info.number}", flush=True)
    store.engine.dispose()


if __name__ == "__main__":  # pragma: no cover - run by hand
    child_import(sys.argv[1], sys.argv[2])
