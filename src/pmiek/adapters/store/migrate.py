"""Where the store lives and which schema it has: the URL, the engine, Alembic.

The URL is ``PMIEK_DATABASE_URL`` when set, else ``sqlite:///pmiek.db`` in the working
directory. SQLite gets foreign keys switched on and a busy timeout, so that a second writer
waits for the first instead of failing at once; PostgreSQL is reached through psycopg 3
(``postgresql+psycopg://user@host:port/db``; a plain ``postgresql://`` URL is taken to mean
that driver).

``upgrade`` brings a database to the newest migration (an empty database included), and is
the only operation that may create a SQLite file: :func:`require_database` refuses a missing
file before anything else connects (SQLite would create an empty one). :func:`translated`
turns what the driver raises — a file that is no database, a folder, a server that cannot be
reached — into a :class:`~pmiek.errors.StoreError` in words. ``pending_changes`` lists what
the models have that the migrations do not (or the other way round) — the test that keeps
them in step.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError

from pmiek.adapters.store.models import metadata
from pmiek.errors import InputError, StoreError, said

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
    try:
        engine = create_engine(chosen, future=True)
    except (ArgumentError, ImportError, TypeError, ValueError) as exc:
        shown = parsed.render_as_string(hide_password=True)
        raise said(InputError,
                   nl=f"De database-URL '{shown}' is niet bruikbaar: {exc}.",
                   en=f"The database URL '{shown}' cannot be used: {exc}.") from None
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


def shown_url(engine: Engine) -> str:
    """The engine's URL without its password."""
    return engine.url.render_as_string(hide_password=True)


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite store; None for a database in memory or on a server."""
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or database in ("", ":memory:") \
            or database.startswith("file:") or engine.url.query.get("uri"):
        return None
    return Path(database)


def require_database(engine: Engine, *, create: bool = False) -> None:
    """A StoreError, before anything connects, when the SQLite file of ``engine`` is a folder,
    lies in a folder that does not exist or (unless ``create``) does not exist itself."""
    path = sqlite_file(engine)
    if path is None:
        return
    url = shown_url(engine)
    if path.is_dir():
        raise said(StoreError,
                   nl=f"De database {url} is een map, geen databasebestand.",
                   en=f"The store {url} is a folder, not a database file.")
    if not path.parent.is_dir():
        raise said(StoreError,
                   nl=f"De database {url} kan niet bestaan: de map {path.parent} bestaat niet.",
                   en=f"The store {url} cannot exist: the folder {path.parent} does not "
                      "exist.")
    if not create and not path.exists():
        raise said(StoreError,
                   nl=f"De database {url} bestaat niet (geen bestand {path}); maak hem met "
                      "'pmiek db upgrade', of kies een andere met --db of PMIEK_DATABASE_URL.",
                   en=f"The store {url} does not exist (no file {path}); make it with 'pmiek "
                      "db upgrade', or choose another with --db or PMIEK_DATABASE_URL.")


@contextlib.contextmanager
def translated(engine: Engine) -> Iterator[None]:
    """Turn the driver's errors (other than a broken constraint, which the caller may expect)
    into a StoreError that names the store."""
    try:
        yield
    except IntegrityError:
        raise
    except DBAPIError as exc:
        url = shown_url(engine)
        reason = " ".join(str(exc.orig).split())[:300]
        raise said(StoreError,
                   nl=f"De database {url} is niet te openen of te lezen ({reason}). Is het een "
                      "pmiek-database, en is de server bereikbaar? Kies er een met --db of "
                      "PMIEK_DATABASE_URL.",
                   en=f"The store {url} cannot be opened or read ({reason}). Is it a pmiek "
                      "database, and can the server be reached? Choose one with --db or "
                      "PMIEK_DATABASE_URL.") from None


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
    require_database(engine, create=True)  # a folder, or a file in a missing folder
    with translated(engine), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` in one transaction (a new SQLite file is made
    when there is none)."""
    require_database(engine, create=True)
    config = alembic_config()
    with translated(engine), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def pending_changes(engine: Engine) -> list[Any]:
    """What the models and the migrated database disagree on (empty: in step)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))
