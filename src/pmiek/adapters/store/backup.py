"""Backup and restore: the whole store as one portable SQLite file.

A backup copies every table, row for row, into a new SQLite database at the same migration,
built beside the target and moved into place when complete — so a backup of a PostgreSQL
store can be restored into SQLite and the other way round. A restore runs in one transaction:
into an empty store, or with ``replace`` over an existing one; any error leaves the store as it
was. On PostgreSQL the id sequences are moved past the restored ids.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from pmiek.adapters.files.limits import os_reason
from pmiek.adapters.store.migrate import (
    current,
    head,
    make_engine,
    require_database,
    translated,
    upgrade,
)
from pmiek.adapters.store.models import metadata
from pmiek.errors import StoreError, WriteError, said

CHUNK = 20_000


def _copy(source: Connection, target: Connection) -> dict[str, int]:
    counts = {}
    for table in metadata.sorted_tables:
        result = source.execution_options(yield_per=CHUNK).execute(select(table))
        n = 0
        for part in result.mappings().partitions(CHUNK):
            rows = [dict(r) for r in part]
            target.execute(insert(table), rows)
            n += len(rows)
        counts[table.name] = n
    return counts


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write the store to the SQLite file ``path`` (replaced when it exists); returns the
    number of rows per table."""
    require_database(engine)
    at = current(engine)
    if at != head():
        raise said(StoreError,
                   nl=f"De opslag staat op migratie {at or 'geen'}; voer 'pmiek db upgrade' "
                      "uit voor een back-up.",
                   en=f"The store is at migration {at or 'none'}; run 'pmiek db upgrade' "
                      "before a backup.")
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise said(StoreError, nl=f"Map {path.parent} bestaat niet.",
                   en=f"Folder {path.parent} does not exist.")
    if path.is_dir():
        raise said(WriteError, nl=f"{path} is een map; geef de naam van een back-upbestand.",
                   en=f"{path} is a folder; give the name of a backup file.")
    try:
        handle, name = tempfile.mkstemp(prefix=".pmiek-backup-", suffix=".db",
                                        dir=path.parent or None)
    except OSError as exc:
        raise said(WriteError, nl=f"De back-up {path} kan niet worden geschreven: "
                                  f"{os_reason(exc)[0]}.",
                   en=f"The backup {path} cannot be written: {exc.strerror}.") from None
    os.close(handle)
    temp = Path(name)
    try:
        temp.unlink()
        target = make_engine(_sqlite_url(temp))
        upgrade(target)
        with translated(engine), engine.connect() as src, target.begin() as dst:
            counts = _copy(src, dst)
        target.dispose()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return counts


def restore(engine: Engine, path: Path, *, replace: bool = False) -> dict[str, int]:
    """Load the backup ``path`` into the store (one transaction)."""
    path = Path(path)
    if not path.is_file():
        raise said(StoreError, nl=f"Geen back-upbestand {path}.", en=f"No backup file {path}.")
    source = make_engine(_sqlite_url(path))
    try:
        version = current(source)
    except StoreError:  # not a SQLite database at all
        source.dispose()
        raise said(StoreError, nl=f"{path} is geen pmiek-back-up: geen leesbare "
                                  "SQLite-database.",
                   en=f"{path} is not a pmiek backup: not a readable SQLite database.") \
            from None
    if version != head():
        raise said(StoreError,
                   nl=f"{path} is een back-up op migratie {version or 'geen'}; deze pmiek zet "
                      f"{head()} terug.",
                   en=f"{path} is a backup at migration {version or 'none'}; this pmiek "
                      f"restores {head()}.")
    require_database(engine)
    if current(engine) != head():
        raise said(StoreError,
                   nl="Voer 'pmiek db upgrade' uit op de doelopslag voor het terugzetten.",
                   en="Run 'pmiek db upgrade' on the target store before a restore.")
    try:
        return _restore(source, engine, replace)
    finally:
        source.dispose()


def _restore(source: Engine, engine: Engine, replace: bool) -> dict[str, int]:
    with source.connect() as src, engine.begin() as dst:
        existing = sum(dst.execute(select(func.count()).select_from(t)).scalar_one()
                       for t in metadata.sorted_tables)
        if existing and not replace:
            raise said(StoreError,
                       nl=f"De opslag bevat {existing} rijen; zet terug in een lege opslag of "
                          "geef --replace om alles erin te vervangen.",
                       en=f"The store holds {existing} rows; restore into an empty store "
                          "or pass --replace to replace everything in it.")
        for table in reversed(metadata.sorted_tables):
            dst.execute(delete(table))
        counts = _copy(src, dst)
        if dst.dialect.name == "postgresql":
            for table in metadata.sorted_tables:
                if table.autoincrement_column is not None:  # the serial ids, not text ids
                    dst.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    return counts
