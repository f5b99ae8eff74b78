"""Imports are all or nothing and never lose an update, on both backends.

- A process killed with SIGKILL in the middle of an import leaves the workspace at its
  previous version (the database discards the open transaction; on SQLite the hot journal is
  rolled back by the next connection).
- Two sessions that both build on version 1 race: one becomes version 2, the other gets a
  ConflictError. The race is made certain by holding each importer, right after it has read
  the workspace's current version, until the other has read it too.
- A stale ``expected_version`` is refused before anything is written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url

from pmiek.adapters.store.store import Store, VersionInfo
from pmiek.domain.workspace import Workspace
from pmiek.errors import ConflictError, StoreError
from tests.store.helpers import (
    REPO,
    count_rows,
    development_names,
    open_store,
    renamed,
    small,
)

CHILD = ("import sys\n"
         "from tests.store.helpers import child_import\n"
         "child_import(sys.argv[1], sys.argv[2])\n")
WAIT_SECONDS = 120.0


# --- SIGKILL in the middle of an import ---------------------------------------------------


def _sqlite_is_writing(database: Path, size_before: int) -> bool:
    """The child holds a write transaction (the rollback journal exists) and has already
    spilled changed pages into the database file itself, so only the hot journal can undo
    them. Looks at the files only: a connection of ours would take locks."""
    journal = Path(f"{database}-journal")
    try:
        return journal.exists() and database.stat().st_size > size_before
    except FileNotFoundError:
        return False


def _postgres_is_writing(monitor: Engine) -> bool:
    """Another session has an open write transaction that is inserting developments."""
    with monitor.connect() as conn:
        busy = conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL "
            "AND state IN ('active', 'idle in transaction') "
            "AND query LIKE 'INSERT INTO data_developments%'")).scalar_one()
    return bool(busy)


def _postgres_sessions(monitor: Engine) -> int:
    with monitor.connect() as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")).scalar_one())


def _wait_for(condition: Callable[[], bool], child: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"the child ended ({child.returncode}) before {what}:\n{out}\n{err}")
        if time.monotonic() > deadline:
            child.kill()
            child.communicate()
            pytest.fail(f"the child did not get to {what} within {WAIT_SECONDS:.0f} s")
        time.sleep(0.01)


@pytest.mark.slow
def test_sigkill_during_import_leaves_the_previous_version(database_url: str) -> None:
    first = small()
    with open_store(database_url) as store:
        v1 = store.import_workspace(first, "u", note="v1")
        backend = store.engine.dialect.name
    monitor = Store(database_url).engine
    try:
        database = Path(str(make_url(database_url).database))
        size_before = database.stat().st_size if backend == "sqlite" else 0

        def writing() -> bool:
            if backend == "sqlite":
                return _sqlite_is_writing(database, size_before)
            return _postgres_is_writing(monitor)

        child = subprocess.Popen([sys.executable, "-c", CHILD, database_url, "u"], cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_for(writing, child, "writing the developments of version 2")
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err
        assert "ready" in out and "done" not in out, out  # it began and did not finish
        if backend == "sqlite":
            assert Path(f"{database}-journal").exists()  # a hot journal is left behind

        if backend == "postgresql":
            # The server notices the dead client and aborts its transaction.
            deadline = time.monotonic() + 30
            while _postgres_sessions(monitor) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _postgres_sessions(monitor) == 0
    finally:
        monitor.dispose()

    with open_store(database_url, migrate=False) as store:
        store.check()  # on SQLite the first connection rolls the hot journal back
        assert store.version("u") == v1
        assert store.versions("u") == [v1]
        assert store.workspaces()["current_version"].tolist() == [1]
        assert count_rows(store.engine, "workspace_versions") == 1
        assert count_rows(store.engine, "data_developments") == len(first.developments)
        assert count_rows(store.engine, "audit_log") == 1
        assert store.load("u").equals(first)

        if backend == "sqlite":
            with store.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert not Path(f"{database}-journal").exists()
            assert database.stat().st_size <= size_before  # the spilled pages are undone

        # The store takes the next import as usual.
        second = renamed(first, 0, "Na de crash")
        v2 = store.import_workspace(second, "u", expected_version=1)
        assert v2.number == 2
        assert store.load("u").equals(second)
        assert store.load("u", 1).equals(first)


# --- concurrent sessions -------------------------------------------------------------------


def _hold_after_reading(engine: Engine, barrier: threading.Barrier,
                        held: list[Engine]) -> None:
    """Make ``engine``'s import wait, right after reading the workspace's current version,
    until every other importer has read it too (so all of them build on the same version).
    ``held`` gets the engine each time it was held."""

    @event.listens_for(engine, "after_cursor_execute")
    def _after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if (statement.startswith("SELECT workspaces.id, workspaces.current_version")
                and engine not in held):
            held.append(engine)
            barrier.wait(timeout=60)


def _race(url: str, contents: list[Workspace], expected: int | None, *,
          hold: bool, name: str = "u") -> list[VersionInfo | BaseException]:
    """Import ``contents`` into workspace ``name`` at once, each from its own Store (own engine,
    own connections) in its own thread; returns each one's VersionInfo or exception."""
    start = threading.Barrier(len(contents))
    read = threading.Barrier(len(contents))
    stores = [Store(url) for _ in contents]
    held: list[Engine] = []
    if hold:
        for store in stores:
            _hold_after_reading(store.engine, read, held)
    results: list[VersionInfo | BaseException] = [RuntimeError("did not run")] * len(contents)

    def work(k: int) -> None:
        try:
            start.wait(timeout=60)
            results[k] = stores[k].import_workspace(
                contents[k], name, user=f"writer{k}", expected_version=expected,
                note=f"writer{k}")
        except BaseException as exc:  # reported by the test, not by the thread
            results[k] = exc

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(contents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    try:
        assert not any(thread.is_alive() for thread in threads), "an importer hangs"
        # Every importer read the current version before any of them wrote.
        assert len(held) == (len(contents) if hold else 0), results
    finally:
        for store in stores:
            store.engine.dispose()
    return results


@pytest.fixture
def store_at_v1(database_url: str) -> Iterator[tuple[str, Store, VersionInfo]]:
    with open_store(database_url) as store:
        yield database_url, store, store.import_workspace(small(), "u", user="start")


def _contents(n: int) -> list[Workspace]:
    return [renamed(small(), 0, f"Versie van writer{k}") for k in range(n)]


def test_lost_update_is_a_conflict(store_at_v1: tuple[str, Store, VersionInfo]) -> None:
    url, store, _ = store_at_v1
    contents = _contents(2)
    results = _race(url, contents, expected=1, hold=True)

    won = [k for k, r in enumerate(results) if isinstance(r, VersionInfo)]
    lost = [k for k, r in enumerate(results) if not isinstance(r, VersionInfo)]
    assert len(won) == 1 and len(lost) == 1, results
    winner, loser = won[0], lost[0]
    assert isinstance(results[loser], ConflictError), repr(results[loser])
    assert "Nothing was written" in str(results[loser])
    assert results[winner].number == 2  # type: ignore[union-attr]

    assert store.version("u").number == 2
    assert [v.note for v in store.versions("u")] == [None, f"writer{winner}"]
    current = store.load("u")
    assert current.equals(contents[winner])
    assert not current.equals(contents[loser])
    assert current.developments.loc[0, "name"] == f"Versie van writer{winner}"
    assert store.load("u", 1).equals(small())
    # Only the winner's rows were added; the loser's transaction left nothing.
    assert count_rows(store.engine, "data_developments") == 2 * len(small().developments)
    imports = store.audit().query("action == 'import'")
    assert list(imports["user"]) == ["start", f"writer{winner}"]


def test_racing_without_expected_version_loses_nothing(
        store_at_v1: tuple[str, Store, VersionInfo]) -> None:
    url, store, _ = store_at_v1
    contents = _contents(2)
    results = _race(url, contents, expected=None, hold=True)
    _assert_nothing_lost(store, contents, results)
    # Both built on version 1: they cannot both have become version 2.
    numbers = [r.number for r in results if isinstance(r, VersionInfo)]
    assert len(numbers) == len(set(numbers))


def test_racing_to_create_a_workspace(store_at_v1: tuple[str, Store, VersionInfo]) -> None:
    """Two sessions both create the new workspace 'nieuw' (expected version 0)."""
    url, store, _ = store_at_v1
    contents = _contents(2)
    results = _race(url, contents, expected=0, hold=True, name="nieuw")
    won = [k for k, r in enumerate(results) if isinstance(r, VersionInfo)]
    assert len(won) == 1, results
    assert isinstance(results[1 - won[0]], ConflictError), results
    assert [v.number for v in store.versions("nieuw")] == [1]
    assert store.load("nieuw").equals(contents[won[0]])
    assert sorted(store.workspaces()["name"]) == ["nieuw", "u"]


@pytest.mark.slow
def test_many_writers_without_expected_version(
        store_at_v1: tuple[str, Store, VersionInfo]) -> None:
    """Four writers start together without holding: whatever the interleaving, every
    successful import is its own readable version and the refused ones left nothing."""
    url, store, _ = store_at_v1
    contents = _contents(4)
    results = _race(url, contents, expected=None, hold=False)
    _assert_nothing_lost(store, contents, results)


def _assert_nothing_lost(store: Store, contents: list[Workspace],
                         results: list[VersionInfo | BaseException]) -> None:
    won = {k: r for k, r in enumerate(results) if isinstance(r, VersionInfo)}
    lost = {k: r for k, r in enumerate(results) if not isinstance(r, VersionInfo)}
    assert won, results
    for k, exc in lost.items():
        assert isinstance(exc, ConflictError), f"writer{k}: {exc!r}"
    numbers = sorted(r.number for r in won.values())
    assert numbers == list(range(2, 2 + len(won)))  # no number twice, none skipped
    versions = store.versions("u")
    assert [v.number for v in versions] == [1, *numbers]
    assert store.version("u").number == numbers[-1]
    for k, info in won.items():
        assert store.version("u", info.number).note == f"writer{k}"
        assert store.load("u", info.number).equals(contents[k])
    assert count_rows(store.engine, "data_developments") == (1 + len(won)) * len(
        small().developments)
    assert sorted(store.audit().query("action == 'import'")["user"]) == sorted(
        ["start", *(f"writer{k}" for k in won)])


def test_stale_expected_version_writes_nothing(database_url: str) -> None:
    with open_store(database_url) as store:
        store.import_workspace(small(), "u")
        v2 = store.import_workspace(renamed(small(), 0, "Tweede"), "u", expected_version=1)
        before = (store.versions("u"), store.audit(), store.workspaces(),
                  count_rows(store.engine, "data_developments"))

        for stale in (0, 1, 3):
            with pytest.raises(ConflictError, match=f"at version 2, not {stale}"):
                store.import_workspace(renamed(small(), 0, "Verloren"), "u",
                                       expected_version=stale)
        after = (store.versions("u"), store.audit(), store.workspaces(),
                 count_rows(store.engine, "data_developments"))
        assert after[0] == before[0] and after[3] == before[3]
        assert after[1].equals(before[1]) and after[2].equals(before[2])
        assert store.version("u") == v2
        assert store.load("u").developments.loc[0, "name"] == "Tweede"

        # A new workspace: expected version 0 is right, anything else is a conflict that
        # does not even create the workspace.
        with pytest.raises(ConflictError, match="at version 0, not 1"):
            store.import_workspace(small(), "nieuw", expected_version=1)
        with pytest.raises(StoreError, match="No workspace 'nieuw'"):
            store.load("nieuw")
        assert list(store.workspaces()["name"]) == ["u"]
        assert store.import_workspace(small(), "nieuw", expected_version=0).number == 1
        assert development_names(store.load("nieuw")) == development_names(small())
