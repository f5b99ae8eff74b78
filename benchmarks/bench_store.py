"""Benchmark: importing workspaces into the store (issue: persistence).

Usage::

    .venv/bin/python benchmarks/bench_store.py [--developments N] [--repeat R] [--postgres URL]

Times, each into a fresh SQLite database (and, with ``--postgres``, a PostgreSQL database):

- ``baseline``: the same rows written with the standard library's ``sqlite3`` — one
  ``executemany`` per table, no types, no checks, no hash — the floor of what a SQLite insert
  of these rows costs on this machine;
- ``import``: :meth:`pmiek.adapters.store.store.Store.import_workspace` (content hash, one
  transaction, typed rows, version bookkeeping and audit log);
- ``load``: :meth:`Store.load` of the version just stored.

for the embedded Utrecht workspace and a synthetic workspace with N developments (default
100,000). Reports the best of R runs and the ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pmiek.adapters.files import read_workspace
from pmiek.adapters.store.migrate import make_engine, upgrade
from pmiek.adapters.store.models import DATA_TABLES
from pmiek.adapters.store.store import Store
from pmiek.adapters.store.tables import table_rows
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace
from synthetic import synthetic_workspace
from timing import best_of

_counter = iter(range(1_000_000))


def fresh_sqlite(folder: Path) -> Store:
    path = folder / f"store-{next(_counter)}.db"
    store = Store(f"sqlite:///{path}")
    upgrade(store.engine)
    return store


def baseline(workspace: Workspace, folder: Path) -> None:
    """The rows into an untyped table per contract table with plain sqlite3."""
    path = folder / f"plain-{next(_counter)}.db"
    connection = sqlite3.connect(path)
    try:
        for schema in TABLES:
            names = ["version_id", "row_number", *(c.name for c in schema.columns)]
            quoted = ", ".join(f'"{n}"' for n in names)
            connection.execute(f'CREATE TABLE "{schema.name}" ({quoted})')
            insert = (f'INSERT INTO "{schema.name}" ({quoted}) VALUES '
                      f'({", ".join("?" for _ in names)})')
            for batch in table_rows(schema, workspace.table(schema.name), 1):
                connection.executemany(insert, [tuple(row[n] for n in names) for row in batch])
        connection.commit()
    finally:
        connection.close()


def measure(label: str, workspace: Workspace, folder: Path, repeat: int,
            postgres: str | None) -> None:
    rows = sum(len(frame) for _, frame in workspace.items())
    base = best_of(repeat, lambda: baseline(workspace, folder))
    stores: list[Store] = []

    def run_import() -> None:
        store = fresh_sqlite(folder)
        store.import_workspace(workspace, "bench")
        stores.append(store)

    took = best_of(repeat, run_import)
    load = best_of(repeat, lambda: stores[-1].load("bench"))
    assert stores[-1].load("bench").equals(workspace)
    print(f"{label}: {rows:,} rows in {len(DATA_TABLES)} tables")
    print(f"  baseline (sqlite3 executemany) {base:7.2f} s")
    print(f"  import into SQLite             {took:7.2f} s  ({took / base:.2f}× baseline)")
    print(f"  load from SQLite               {load:7.2f} s  ({load / base:.2f}× baseline)")
    if postgres:
        engine = make_engine(postgres)
        upgrade(engine)
        store = Store(engine=engine)
        name = f"bench-{next(_counter)}"
        pg = best_of(1, lambda: store.import_workspace(workspace, name))
        pg_load = best_of(1, lambda: store.load(name))
        print(f"  import into PostgreSQL         {pg:7.2f} s  ({pg / base:.2f}× baseline)")
        print(f"  load from PostgreSQL           {pg_load:7.2f} s  ({pg_load / base:.2f}× "
              "baseline)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--developments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", default=None, help="a SQLAlchemy URL of an empty database")
    args = parser.parse_args()
    print("command: .venv/bin/python benchmarks/bench_store.py "
          f"--developments {args.developments} --repeat {args.repeat}"
          + (" --postgres URL" if args.postgres else ""))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("Utrecht", read_workspace("utrecht").workspace, folder, args.repeat,
                args.postgres)
        measure(f"synthetic, {args.developments:,} developments",
                synthetic_workspace(args.developments), folder, args.repeat, args.postgres)


if __name__ == "__main__":
    main()
