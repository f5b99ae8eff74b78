"""Database fixtures for the store tests: SQLite always, PostgreSQL when a server is there.

`make test` starts a throw-away PostgreSQL server (scripts/test_postgres.sh) and passes
its SQLAlchemy URL in PMIEK_TEST_POSTGRES_URL; without it the PostgreSQL cases skip,
except under CI (CI=true), where a missing server fails them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL, make_url

POSTGRES_URL_VARIABLE = "PMIEK_TEST_POSTGRES_URL"


def _under_ci() -> bool:
    """CI set to anything but an explicit no (the same rule as the Makefile)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _admin_connection(url: URL) -> psycopg.Connection:
    """An autocommit connection to the server's `postgres` database (CREATE/DROP DATABASE)."""
    return psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """SQLAlchemy URL of the test PostgreSQL server's database (shared by the session)."""
    url = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if not url:
        if _under_ci():
            pytest.fail(
                f"CI is set but {POSTGRES_URL_VARIABLE} is not: the PostgreSQL tests must run "
                "under CI (make test starts a server with scripts/test_postgres.sh)"
            )
        pytest.skip(f"no PostgreSQL server: run make test or set {POSTGRES_URL_VARIABLE}")
    return url


@pytest.fixture
def fresh_postgres_url(postgres_url: str) -> Iterator[str]:
    """A new, empty database on the test server; dropped after the test."""
    server = make_url(postgres_url)
    name = f"pmiek_t_{uuid.uuid4().hex[:16]}"
    with _admin_connection(server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        # FORCE ends connections a test left open (e.g. an engine not disposed).
        with _admin_connection(server) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A new SQLite database file in the test's temporary directory."""
    return f"sqlite:///{tmp_path}/pmiek.db"


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """An empty database on each backend: SQLite, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("fresh_postgres_url"))
