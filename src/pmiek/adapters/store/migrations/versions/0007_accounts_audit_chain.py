"""Accounts, web sessions and the audit log as a hash chain

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-11 10:00:00.000000

Users get a password hash (Argon2id, never the password), an organisation (the scope of a
netbeheerder or gemeente), a disabled flag and an OpenID Connect subject. The web sessions
are kept by the SHA-256 of their token. Audit rows get the actor's role and organisation
(unknown, so empty, for the rows written before) and are chained: each row's hash covers its
content and the previous row's hash; ``audit_head`` holds the newest link. Decisions and
editions get an anchor: the head right after their own audit row.

The existing rows are chained here in the order of their ids (kept as they are), with a copy
of the hash function as it was when this migration was written (:func:`_row_hash`; a
migration does not import code that may change later). The existing decisions and editions
are anchored to the hash of their own audit row where it can be found (an edition's 'create'
row; the n-th 'decide' row of an edition for its n-th decision), else they stay without an
anchor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

_audit = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("user_name", sa.String()),
    sa.column("role", sa.String()),
    sa.column("organisation", sa.String()),
    sa.column("action", sa.String()),
    sa.column("object_type", sa.String()),
    sa.column("object_id", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)
_head = sa.table("audit_head", sa.column("id", sa.Integer()), sa.column("last_id", sa.Integer()),
                 sa.column("count", sa.Integer()), sa.column("hash", sa.String()))
_editions = sa.table("editions", sa.column("id", sa.Integer()), sa.column("name", sa.String()),
                     sa.column("audit_head", sa.String()))
_decisions = sa.table("decisions", sa.column("id", sa.Integer()),
                      sa.column("edition_id", sa.Integer()),
                      sa.column("audit_head", sa.String()))


def _row_hash(row_id: int, *, at: dt.datetime, user: str, role: str | None,
              organisation: str | None, action: str, object_type: str, object_id: str,
              before: Any, after: Any, prev_hash: str) -> str:
    """Frozen copy of pmiek.adapters.store.audit_chain.row_hash (January 2027)."""
    aware = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    content = {"id": int(row_id), "at": aware.isoformat(timespec="microseconds"),
               "user": user, "role": role, "organisation": organisation, "action": action,
               "object_type": object_type, "object_id": object_id, "before": before,
               "after": after, "prev_hash": prev_hash}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chain_existing_rows() -> None:
    """Chain the audit rows there are, in the order of their ids; make the head."""
    bind = op.get_bind()
    rows = list(bind.execute(sa.select(_audit).order_by(_audit.c.id)).all())
    if not rows:
        return
    previous = GENESIS
    updates = []
    for row in rows:
        digest = _row_hash(row.id, at=row.at, user=row.user_name, role=None,
                           organisation=None, action=row.action, object_type=row.object_type,
                           object_id=row.object_id, before=row.before, after=row.after,
                           prev_hash=previous)
        updates.append({"row": row.id, "prev": previous, "digest": digest})
        previous = digest
    bind.execute(sa.update(_audit).where(_audit.c.id == sa.bindparam("row")).values(
        prev_hash=sa.bindparam("prev"), hash=sa.bindparam("digest")), updates)
    bind.execute(sa.insert(_head).values(id=1, last_id=rows[-1].id, count=len(rows),
                                         hash=previous))
    _anchor_existing(rows, [u["digest"] for u in updates])


def _anchor_existing(rows: list[Any], digests: list[str]) -> None:
    """Anchor each edition to its 'create' row, each decision to its 'decide' row."""
    bind = op.get_bind()
    created: dict[str, str] = {}
    decided: dict[str, list[str]] = defaultdict(list)
    for row, digest in zip(rows, digests, strict=True):
        if row.object_type == "edition" and row.action == "create":
            created[row.object_id] = digest
        elif row.object_type == "edition" and row.action == "decide":
            decided[row.object_id].append(digest)
    editions = bind.execute(sa.select(_editions.c.id, _editions.c.name)).all()
    for edition in editions:
        if edition.name in created:
            bind.execute(sa.update(_editions).where(_editions.c.id == edition.id)
                         .values(audit_head=created[edition.name]))
        ids = bind.execute(sa.select(_decisions.c.id).where(
            _decisions.c.edition_id == edition.id).order_by(_decisions.c.id)).scalars().all()
        if ids and len(ids) == len(decided[edition.name]):
            for decision, digest in zip(ids, decided[edition.name], strict=True):
                bind.execute(sa.update(_decisions).where(_decisions.c.id == decision)
                             .values(audit_head=digest))


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("count", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("organisation", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("disabled", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column("oidc_subject", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(op.f("uq_users_oidc_subject"), ["oidc_subject"])
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_web_sessions_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_web_sessions")),
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_web_sessions_user_id", ["user_id"], unique=False)
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_head", sa.String(length=64), nullable=True))
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_head", sa.String(length=64), nullable=True))
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("organisation", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    _chain_existing_rows()

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # The chain gave ids itself: move the id sequence past them for the older code.
        op.execute("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), "
                   "COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false)")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("organisation")
        batch_op.drop_column("role")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_column("audit_head")
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.drop_column("audit_head")
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_web_sessions_user_id")
    op.drop_table("web_sessions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_users_oidc_subject"), type_="unique")
        batch_op.drop_column("oidc_subject")
        batch_op.drop_column("disabled")
        batch_op.drop_column("organisation")
        batch_op.drop_column("password_hash")
    op.drop_table("audit_head")
