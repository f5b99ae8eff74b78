"""The Energievisie's choices as data: data_choice_rules, and data_developments.choice_rule

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 13:00:00.000000

The contract gained the table ``choice_rules`` (the rules of the structuring choices) and the
column ``developments.choice_rule`` (the rule that made a row). Versions stored before them
read back with no rules and the column empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("id", "choice", "option", "action", "sector", "carrier", "area_id",
                "development_ids")
YEAR_COLUMNS = ("min_start_year", "start_year", "end_year")
FLOAT_COLUMNS = ("factor", "portion", "share")
ROUTE_TEXT = ("to_carrier", "to_asset", "to_sector")


def upgrade() -> None:
    op.create_table(
        "data_choice_rules",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        *[sa.Column(name, sa.Text(), nullable=True) for name in TEXT_COLUMNS],
        *[sa.Column(name, sa.Integer(), nullable=True) for name in YEAR_COLUMNS],
        *[sa.Column(name, sa.Double(), nullable=True) for name in FLOAT_COLUMNS],
        *[sa.Column(name, sa.Text(), nullable=True) for name in ROUTE_TEXT],
        sa.Column("conversion", sa.Double(), nullable=True),
        sa.Column("profile", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_choice_rules_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_choice_rules")),
    )
    with op.batch_alter_table("data_developments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("choice_rule", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_developments", schema=None) as batch_op:
        batch_op.drop_column("choice_rule")
    op.drop_table("data_choice_rules")
