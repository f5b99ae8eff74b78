"""Stored results for the pages: workspaces, their versions and the newest run of each kind,
read from the store and kept in memory (a version and a run never change once written).

No page computes a run: when a version has no run of a kind yet, :meth:`Results.run` gives
None and the page says the computation is pending (:mod:`pmiek.adapters.web.worker` makes it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import select

from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import Store, VersionInfo
from pmiek.domain.workspace import Workspace
from pmiek.programme.results import read_canonical
from pmiek.report.public import Hidden, hidden

T = TypeVar("T")


@dataclass(frozen=True)
class RunInfo:
    """A stored run: its id, kind, parameters, hashes and who made it when."""

    id: int
    kind: str
    parameters: dict[str, Any]
    input_hash: str
    output_hash: str | None
    finished_at: Any
    created_by: str
    tables: tuple[str, ...]


class _Cache:
    """A small thread-safe LRU cache of immutable things."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                found: T = self.items[key]
                return found
        value = make()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def peek(self, key: Hashable) -> Any:
        """The value kept under ``key``, or None."""
        with self.lock:
            if key not in self.items:
                return None
            self.items.move_to_end(key)
            return self.items[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


KEPT = {"run": 8, "version": 32, "view": 256, "station": 1024, "explain": 64,
        "output": 128}
"""The kinds of value :meth:`Results.kept` keeps, and how many of each (least recently used
go first): ``run`` per stored run (indexes of its tables, a few MB on a province),
``version`` per workspace version (and scenario), ``view`` per map view (and audience),
``station`` per station (small frames), ``explain`` per version, scenario and year (what
:func:`pmiek.insight.explain.prepare` gives, under 1 MB on a province), ``output`` rendered
responses (a station GeoJSON of a province is some 50 kB)."""


class Results:
    """What the pages read, from one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._workspaces = _Cache(8)
        self._tables = _Cache(64)
        self._hidden = _Cache(16)
        self._derived = _Cache(256)
        self._kept = {kind: _Cache(size) for kind, size in KEPT.items()}

    def workspaces(self) -> pd.DataFrame:
        """name, current_version, versions, last_import (empty when the store has none)."""
        return self.store.workspaces()

    def version(self, workspace: str, number: int | None = None) -> VersionInfo:
        """Version ``number`` (default: the current one) of ``workspace`` (StoreError when
        unknown)."""
        return self.store.version(workspace, number)

    def workspace(self, workspace: str, number: int) -> Workspace:
        return self._workspaces.get(("ws", workspace, number),
                                    lambda: self.store.load(workspace, number))

    def hidden(self, workspace: str, number: int, audience: str, lang: str) -> Hidden:
        """What ``audience`` ('publiek' or 'intern') may not see in that version."""
        return self._hidden.get(
            (workspace, number, audience, lang),
            lambda: hidden(self.workspace(workspace, number), audience, lang))

    def runs(self, workspace: str, number: int) -> list[RunInfo]:
        """The runs stored on that version, newest first."""
        r, v, w, t = m.runs, m.workspace_versions, m.workspaces, m.run_tables
        with self.store._connect() as conn:
            rows = conn.execute(
                select(r.c.id, r.c.kind, r.c.parameters, r.c.input_hash, r.c.output_hash,
                       r.c.finished_at, r.c.created_by, r.c.status)
                .join(v, v.c.id == r.c.version_id).join(w, w.c.id == v.c.workspace_id)
                .where(w.c.name == workspace, v.c.number == number)
                .order_by(r.c.id.desc())).all()
            names = conn.execute(select(t.c.run_id, t.c.name).where(
                t.c.run_id.in_([row.id for row in rows]))).all()
        by_run: dict[int, list[str]] = {}
        for run_id, name in names:
            by_run.setdefault(int(run_id), []).append(str(name))
        return [RunInfo(int(row.id), str(row.kind), dict(row.parameters or {}),
                        str(row.input_hash), row.output_hash, row.finished_at,
                        str(row.created_by), tuple(sorted(by_run.get(int(row.id), []))))
                for row in rows if row.status == "done" and by_run.get(int(row.id))]

    def run(self, workspace: str, number: int, kind: str) -> RunInfo | None:
        """The newest finished run of ``kind`` on that version that kept its tables."""
        return next((run for run in self.runs(workspace, number) if run.kind == kind), None)

    def table(self, run_id: int, name: str) -> pd.DataFrame:
        """Result table ``name`` of run ``run_id`` (an empty frame when it has none)."""
        def read() -> pd.DataFrame:
            with self.store._connect() as conn:
                text = conn.execute(select(m.run_tables.c.content).where(
                    m.run_tables.c.run_id == run_id, m.run_tables.c.name == name)
                ).scalar_one_or_none()
            return read_canonical(text or "")
        return self._tables.get((run_id, name), read)

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """A value computed from immutable inputs named by ``key`` (e.g. an explain list of
        a run's version, station and year), kept like the tables."""
        return self._derived.get(key, make)

    def kept(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        """Like :meth:`derived`, in the cache of its own ``kind`` (one of :data:`KEPT`), so
        that many small values (one per station and year) never push out the few large ones
        every page needs (one per run)."""
        return self._kept[kind].get(key, make)

    def forget(self) -> None:
        """Drop everything kept (after a restore of the store)."""
        for cache in (self._workspaces, self._tables, self._hidden, self._derived,
                      *self._kept.values()):
            cache.clear()
