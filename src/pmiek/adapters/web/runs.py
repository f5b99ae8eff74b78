"""Compute a workspace version's runs and store them with their tables: what the background
worker does, and what prepares a store for the demo and the tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pmiek.adapters.compute.cycle import run_cycle
from pmiek.adapters.store.store import SYSTEM_USER, Store
from pmiek.programme.results import frames_hash


def compute_and_store(store: Store, workspace: str, number: int | None = None, *,
                      kinds: tuple[str, ...] = ("insight",),
                      parameters: Mapping[str, Any] | None = None, user: str = SYSTEM_USER,
                      progress: Callable[[str], None] | None = None) -> list[int]:
    """Run ``kinds`` of the cycle on version ``number`` (default: current) of ``workspace``
    and record each run with its tables; the ids of the stored runs."""
    info = store.version(workspace, number)
    loaded = store.load(workspace, info.number)
    runs = run_cycle(loaded, parameters, kinds=kinds, progress=progress)
    return [store.record_run(run.kind, workspace, info.number, run.parameters,
                             input_hash=info.content_hash, output_hash=frames_hash(run.frames),
                             user=user, tables=run.frames) for run in runs]
