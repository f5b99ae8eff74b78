"""The store's tables (SQLAlchemy 2 Core), the same on SQLite and PostgreSQL.

Bookkeeping tables:

- ``users``: who works with the store, with a role (beheerder, kernteam, netbeheerder,
  gemeente, publiek — DESIGN.md, "Roles and confidentiality");
- ``workspaces``: a named workspace and its current version number (the compare-and-set
  field that turns a lost update into a conflict);
- ``workspace_versions``: every import makes a new version; old ones stay readable. Each has
  the hash of its content, the number of rows per table, who made it, when and from what;
- ``editions``: P-MIEK 1.0, 2.0, … each pointing at one workspace version, with its state in
  the process (:data:`EDITION_STATES`), its predecessor (herijking) and inspection period;
- ``decisions``: the decisions register (body, date, reference, publication of each step);
- ``runs``: computations (insight, variants, assess) with the hashes of their inputs and
  outputs and the software that made them; ``edition_runs`` ties them to an edition and
  ``run_tables`` keeps their result tables (canonical CSV, :mod:`pmiek.programme.results`);
- ``zienswijzen``, ``zienswijze_points`` and, apart, ``personal_data``: the consultation;
- ``ip_editions``, ``ip_projects``, ``ip_matches``: the grid operators' investment plans and
  the matches of P-MIEK projects to them (step 5);
- ``audit_log``: who did what when (with their role and organisation), with the state before
  and after (JSON), each row chained to the one before by a SHA-256 hash; ``audit_head`` holds
  the newest link, and decisions and editions keep the head at the moment they were recorded
  (:mod:`pmiek.adapters.store.audit_chain`);
- ``web_sessions``: the sessions of the web application, by the SHA-256 of their token (the
  token itself is never stored);
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
from sqlalchemy.sql.expression import false
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

SCOPED_ROLES = ("netbeheerder", "gemeente")
"""The roles that act for one organisation: a grid operator's name or an area id."""

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_hash", Text),
    Column("organisation", String(200)),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("oidc_subject", String(200), unique=True),
    CheckConstraint("role IN ('" + "', '".join(ROLES) + "')", name="role"),
)
"""The accounts: a local password (an Argon2id hash, never the password) and/or an OpenID
Connect subject; ``organisation`` is the scope of a netbeheerder or gemeente."""

web_sessions = Table(
    "web_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_web_sessions_user_id", "user_id"),
)
"""A web session: the SHA-256 (hex) of its token, its account and CSRF token, and when it
began, was last used and ends."""

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

EDITION_STATES = ("concept", "kernteam_akkoord", "eb_advies", "gs_ontwerp", "ter_inzage",
                  "beantwoord", "vastgesteld")
"""The states of an edition (:data:`pmiek.programme.editions.STATES`; migration 0006)."""

editions = Table(
    "editions", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("version_id", ForeignKey("workspace_versions.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("adopted_by", String(200)),
    Column("adopted_on", String(10)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("predecessor_id", Integer),
    Column("frozen_at", DateTime(timezone=True)),
    Column("inzage_start", String(10)),
    Column("inzage_end", String(10)),
    Column("inzage_weeks", Integer),
    Column("kennisgeving", Text),
    Column("audit_head", String(64)),
    CheckConstraint("status IN ('" + "', '".join(EDITION_STATES) + "')", name="status"),
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("edition_id", ForeignKey("editions.id", ondelete="CASCADE"), nullable=False),
    Column("from_state", String(20), nullable=False),
    Column("to_state", String(20), nullable=False),
    Column("body", String(20), nullable=False),
    Column("decided_on", String(10), nullable=False),
    Column("reference", Text, nullable=False),
    Column("publication", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("audit_head", String(64)),
)

edition_runs = Table(
    "edition_runs", metadata,
    Column("edition_id", ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True),
    Column("run_id", ForeignKey("runs.id"), primary_key=True),
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
    Column("software", JSON),
)

run_tables = Table(
    "run_tables", metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("rows", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", Text, nullable=False),
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
    Column("role", String(20)),
    Column("organisation", String(200)),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_log_object", "object_type", "object_id"),
)

audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_id", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("count", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("hash", String(64), nullable=False),
    CheckConstraint("id = 1", name="single"),
)
"""The newest link of the audit chain (one row, id 1): the id of the newest audit row, the
number of rows and the newest row's hash. Made by the first audit row."""

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

zienswijzen = Table(
    "zienswijzen", metadata,
    Column("id", Integer, primary_key=True),
    Column("edition_id", ForeignKey("editions.id", ondelete="CASCADE"), nullable=False),
    Column("number", String(40), nullable=False),
    Column("received_on", String(10), nullable=False),
    Column("posted_on", String(10)),
    Column("channel", String(20), nullable=False),
    Column("submitter_type", String(20), nullable=False),
    Column("public_name", Text),
    Column("timeliness", String(20), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("edition_id", "number", name="uq_zienswijzen_number"),
)

zienswijze_points = Table(
    "zienswijze_points", metadata,
    Column("id", Integer, primary_key=True),
    Column("zienswijze_id", ForeignKey("zienswijzen.id", ondelete="CASCADE"), nullable=False),
    Column("point", Integer, nullable=False),
    Column("theme", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("concerns", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("leads_to_change", Boolean, nullable=False),
    Column("change", Text, nullable=False),
    Column("change_ref", Text, nullable=False),
    Column("answered_by", String(200)),
    Column("answered_at", DateTime(timezone=True)),
    UniqueConstraint("zienswijze_id", "point", name="uq_zienswijze_points_point"),
)

personal_data = Table(
    "personal_data", metadata,
    Column("zienswijze_id", ForeignKey("zienswijzen.id", ondelete="CASCADE"),
           primary_key=True),
    Column("name", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("postcode", Text, nullable=False),
    Column("city", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("contact_person", Text, nullable=False),
    Column("retain_until", String(10), nullable=False),
)
"""Who submitted a zienswijze: only kernteam and beheerder read it, no public output holds
it, and it is erased after ``retain_until`` (a frozen edition does not depend on it)."""

ip_editions = Table(
    "ip_editions", metadata,
    Column("id", Integer, primary_key=True),
    Column("ip_year", Integer, nullable=False),
    Column("phase", String(12), nullable=False),
    Column("operator", String(200), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_by", String(200), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("ip_year", "phase", "operator", name="uq_ip_editions_ip_year"),
)

ip_projects = Table(
    "ip_projects", metadata,
    Column("id", Integer, primary_key=True),
    Column("ip_edition_id", ForeignKey("ip_editions.id", ondelete="CASCADE"), nullable=False),
    Column("operator", Text, nullable=False),
    Column("ip_reference", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("station", Text, nullable=False),
    Column("planned_year", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("cost_band", Text, nullable=False),
    Column("miek_label", Text, nullable=False),
)

ip_matches = Table(
    "ip_matches", metadata,
    Column("edition_id", ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True),
    Column("project_id", Text, primary_key=True),
    Column("operator", Text, nullable=False),
    Column("ip_reference", Text, nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)
"""The confirmed match of a P-MIEK project to an IP project (``ip_reference`` empty: not in
the operator's IP)."""

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
