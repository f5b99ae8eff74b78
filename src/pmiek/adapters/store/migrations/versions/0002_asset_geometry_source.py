"""Assets say where their location comes from: data_assets.geometry_source

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 12:00:00.000000

The contract's assets table gained the optional column ``geometry_source`` ('osm',
'estimate' or a free description). Versions stored before it read back with the column
empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("data_assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("geometry_source", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_assets", schema=None) as batch_op:
        batch_op.drop_column("geometry_source")
