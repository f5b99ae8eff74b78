"""Where the rows of an intake merge came from: row_provenance

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 10:00:00.000000

``pmiek intake merge`` stores the returns of municipalities and grid operators as one new
version; every row that came from a return gets a record here: the version, the table and
key of the row, the submitter (and whether a municipality or an operator), what the return
did with it (new, changed, unchanged, removed), the file's name and SHA-256 and when it was
received. Stores made before have no such records; nothing else changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "row_provenance",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Text(), nullable=False),
        sa.Column("submitter", sa.String(length=200), nullable=False),
        sa.Column("submitter_kind", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_row_provenance_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_row_provenance")),
    )
    with op.batch_alter_table("row_provenance", schema=None) as batch_op:
        batch_op.create_index("ix_row_provenance_version", ["version_id", "table_name"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("row_provenance", schema=None) as batch_op:
        batch_op.drop_index("ix_row_provenance_version")
    op.drop_table("row_provenance")
