"""Storyline factors per carrier: data_scenario_factors.carrier

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 15:10:00.000000

The contract's scenario_factors table gained the optional column ``carrier``: a factor row with
a carrier applies to that carrier's developments of the sector only (the existing gas demand
of homes does not grow with the electrification of housing). Versions stored before it read
back with the column empty, which means what it meant then: every carrier.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("data_scenario_factors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("carrier", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_scenario_factors", schema=None) as batch_op:
        batch_op.drop_column("carrier")
