"""The store's tables (SQLAlchemy 2 Core), the same on SQLite and PostgreSQL.

Bookkeeping tables:

- ``users``: who works with the store, with a role (beheerder, kernteam, netbeheerder,
  gemeente, publiek — DESIGN.md, "Roles and confidentiality");
- ``workspaces``: a named workspace and its current version number (the compare-and-set
  field that turns a lost update into a conflict);
- ``workspace_versions``: every import makes a new version; old ones stay readable. Each has
  the hash of its content, the number of rows per table, who made it, when and from what;
- ``editions``: P-MIEK 1.0, 2.0, … each pointing at one workspace version;
- ``runs``: computations (insight, variants, assess) with the hashes of their inputs and
  outputs;
- ``audit_log``: who did what when, with the state before and after (JSON);
- ``row_provenance``: for a version made by ``pmiek intake merge``, where each row that came
  from a return came from: the submitter, the file's name and SHA-256, when it was received,
  and what the return did (new, changed, unchanged, removed).

Data tables: one per table of the data contract, ``data_<table>``, generated from the
declarative schema (:mod:`pmiek.domain.tables`): the version it belongs to, the row number,
and one typed column per contract column (geometry as hexadecimal WKB, exact). The Alembic
migrations spell these tables out; ``tests/store/test_migrations.py`` fails when the contract
grows a column that no migration adds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

from pmiek.domain.schema import Dtype
from pmiek.domain.tables import TABLES

ROLES = ("beheerder", "kernteam", "netbeheerder", "gemeente", "publiek")
"""DESIGN.md's roles, from the most to the least rights."""

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("role IN ('" + "', '".join(ROLES) + "')", name="role"),
)

workspaces = Table(
    "workspaces", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("current_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

workspace_versions = Table(
    "workspace_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("workspace_id", ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("source", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("row_counts", JSON, nullable=False),
    Column("note", Text),
    UniqueConstraint("workspace_id", "number", name="uq_workspace_versions_number"),
)

editions = Table(
    "editions", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("version_id", ForeignKey("workspace_versions.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("adopted_by", String(200)),
    Column("adopted_on", String(10)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('concept', 'adopted')", name="status"),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("version_id", ForeignKey("workspace_versions.id"), nullable=False),
    Column("parameters", JSON, nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("output_hash", String(64)),
    Column("status", String(20), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("created_by", String(200), nullable=False),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("object_type", String(40), nullable=False),
    Column("object_id", String(200), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Index("ix_audit_log_object", "object_type", "object_id"),
)

row_provenance = Table(
    "row_provenance", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("version_id", ForeignKey("workspace_versions.id", ondelete="CASCADE"),
           nullable=False),
    Column("table_name", String(40), nullable=False),
    Column("row_id", Text, nullable=False),
    Column("submitter", String(200), nullable=False),
    Column("submitter_kind", String(20), nullable=False),
    Column("action", String(20), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Index("ix_row_provenance_version", "version_id", "table_name"),
)

SQL_TYPES: dict[Dtype, type[TypeEngine[Any]]] = {
    Dtype.STRING: Text, Dtype.ENUM: Text, Dtype.ID_LIST: Text, Dtype.GEOMETRY: Text,
    Dtype.INTEGER: BigInteger, Dtype.YEAR: Integer, Dtype.FLOAT: Double,
    Dtype.BOOLEAN: Boolean,
}
"""The SQL type of each logical type of the data contract."""


def data_table_name(name: str) -> str:
    return f"data_{name}"


def _data_table(name: str) -> Table:
    schema = next(t for t in TABLES if t.name == name)
    columns = [Column(c.name, SQL_TYPES[c.dtype]()) for c in schema.columns]
    return Table(
        data_table_name(name), metadata,
        Column("version_id", ForeignKey("workspace_versions.id", ondelete="CASCADE"),
               primary_key=True),
        Column("row_number", Integer, primary_key=True),
        *columns,
    )


DATA_TABLES: dict[str, Table] = {t.name: _data_table(t.name) for t in TABLES}
"""Contract table name → its data table."""
