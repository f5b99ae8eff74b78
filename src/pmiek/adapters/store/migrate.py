"""Where the store lives and which schema it has: the URL, the engine, Alembic.

The URL is ``PMIEK_DATABASE_URL`` when set, else ``sqlite:///pmiek.db`` in the working
directory. SQLite gets foreign keys switched on and a busy timeout, so that a second writer
waits for the first instead of failing at once; PostgreSQL is reached through psycopg 3
(``postgresql+psycopg://user@host:port/db``; a plain ``postgresql://`` URL is taken to mean
that driver).

``upgrade`` brings a database to the newest migration (an empty database included);
``pending_changes`` lists what the models have that the migrations do not (or the other way
round) — the test that keeps them in step.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from pmiek.adapters.store.models import metadata
from pmiek.errors import InputError

DEFAULT_URL = "sqlite:///pmiek.db"
MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_MS = 30_000


def database_url(url: str | None = None) -> str:
    """``url``, else ``PMIEK_DATABASE_URL``, else ``sqlite:///pmiek.db``."""
    chosen = url or os.environ.get("PMIEK_DATABASE_URL") or DEFAULT_URL
    if chosen.startswith("postgresql://"):
        chosen = "postgresql+psycopg://" + chosen[len("postgresql://"):]
    if chosen.startswith("postgres://"):
        chosen = "postgresql+psycopg://" + chosen[len("postgres://"):]
    return chosen


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for the store at ``url`` (see :func:`database_url`)."""
    chosen = database_url(url)
    try:
        parsed = make_url(chosen)
    except ArgumentError as exc:
        raise InputError(f"Not a database URL: '{chosen}' ({exc}). Expected for example "
                         "sqlite:///pmiek.db or postgresql+psycopg://user@host:5432/db.") \
            from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise InputError(f"Unsupported database '{parsed.get_backend_name()}' in "
                         f"'{parsed.render_as_string(hide_password=True)}': use SQLite or "
                         "PostgreSQL.")
    engine = create_engine(chosen, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        event.listen(engine, "connect", _utc_session)
    return engine


def _utc_session(dbapi_connection: Any, _record: Any) -> None:
    """Times are UTC in every session, so that the naive UTC times SQLite keeps (and a
    backup carries over) mean the same on PostgreSQL."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.commit()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The newest migration's revision."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never upgraded)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` in one transaction."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def pending_changes(engine: Engine) -> list[Any]:
    """What the models and the migrated database disagree on (empty: in step)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))
