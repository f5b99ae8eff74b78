"""The test databases themselves: both backends connect, transact and roll back, and the
PostgreSQL one is a real server with READ COMMITTED isolation.

These test the fixtures in conftest.py, not the store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text


def _transactional_sqlite(engine: Engine) -> None:
    """Make Python 3.11's sqlite3 driver leave BEGIN to SQLAlchemy, so DDL is transactional.

    By default ("legacy transaction control") sqlite3 only opens a transaction before
    INSERT/UPDATE/DELETE, so a CREATE TABLE commits at once and survives a rollback.
    This is SQLAlchemy's documented recipe (Python 3.12+ could pass autocommit=False).
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url)
    if engine.dialect.name == "sqlite":
        _transactional_sqlite(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def postgres_engine(fresh_postgres_url: str) -> Iterator[Engine]:
    engine = create_engine(fresh_postgres_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_database_starts_empty(engine: Engine) -> None:
    assert inspect(engine).get_table_names() == []


def test_rolled_back_transaction_leaves_nothing(engine: Engine) -> None:
    with engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(text("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT)"))
        connection.execute(text("INSERT INTO probe (id, name) VALUES (1, 'a'), (2, 'b')"))
        # Inside the transaction the rows are there ...
        assert connection.execute(text("SELECT count(*) FROM probe")).scalar_one() == 2
        transaction.rollback()
    # ... and after the rollback neither the rows nor the table (DDL is transactional on
    # both backends; on SQLite thanks to _transactional_sqlite).
    assert inspect(engine).get_table_names() == []


def test_committed_transaction_persists(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT)"))
        connection.execute(text("INSERT INTO probe (id, name) VALUES (1, 'a')"))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, name FROM probe")).all()
    assert [tuple(row) for row in rows] == [(1, "a")]


def test_backend_matches_the_parameter(engine: Engine, request: pytest.FixtureRequest) -> None:
    expected = request.node.callspec.params["database_url"]
    assert engine.dialect.name == expected


def test_postgres_server_is_real(postgres_engine: Engine) -> None:
    with postgres_engine.connect() as connection:
        version = connection.execute(text("SELECT version()")).scalar_one()
        database = connection.execute(text("SELECT current_database()")).scalar_one()
    assert "PostgreSQL" in version
    # A fresh database per test, not the shared pmiek_test one.
    assert database.startswith("pmiek_t_")


def test_postgres_read_committed(postgres_engine: Engine) -> None:
    with postgres_engine.begin() as setup:
        setup.execute(text("CREATE TABLE probe (id INTEGER PRIMARY KEY)"))
    with postgres_engine.connect() as writer, postgres_engine.connect() as reader:
        level = reader.execute(text("SHOW transaction_isolation")).scalar_one()
        assert level == "read committed"
        writer.execute(text("INSERT INTO probe (id) VALUES (1)"))  # begins, not committed
        assert writer.execute(text("SELECT count(*) FROM probe")).scalar_one() == 1
        assert reader.execute(text("SELECT count(*) FROM probe")).scalar_one() == 0
        writer.commit()
        # READ COMMITTED: the reader's next statement sees the commit, even though its
        # own transaction is still open.
        assert reader.execute(text("SELECT count(*) FROM probe")).scalar_one() == 1
        reader.rollback()


def test_fresh_postgres_database_is_its_own(fresh_postgres_url: str, postgres_url: str) -> None:
    name = make_url(fresh_postgres_url).database
    assert name != make_url(postgres_url).database
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT count(*) FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar_one()
    finally:
        engine.dispose()
    assert found == 1
