"""The governance trail: edition states and decisions, run tables, zienswijzen, IP lists

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 21:07:07.721524

An edition now moves through the states of :data:`pmiek.programme.editions.STATES` (an
existing 'adopted' edition becomes 'vastgesteld', a 'concept' stays one) and records its
predecessor (herijking), when it froze and its inspection period. New tables: the decisions
register, the runs of an edition, each run's result tables (canonical CSV with its hash; runs
stored before have none), the zienswijzen with their points, the personal data kept apart, the
grid operators' IP lists and the matches of P-MIEK projects to them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

STATUS_NEW = (
    "status IN ('concept', 'kernteam_akkoord', 'eb_advies', 'gs_ontwerp', "
    "'ter_inzage', 'beantwoord', 'vastgesteld')"
)


def upgrade() -> None:
    op.create_table(
        "ip_editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip_year", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=12), nullable=False),
        sa.Column("operator", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_editions")),
        sa.UniqueConstraint("ip_year", "phase", "operator", name="uq_ip_editions_ip_year"),
    )
    op.create_table(
        "ip_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ip_edition_id", sa.Integer(), nullable=False),
        sa.Column("operator", sa.Text(), nullable=False),
        sa.Column("ip_reference", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("station", sa.Text(), nullable=False),
        sa.Column("planned_year", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("cost_band", sa.Text(), nullable=False),
        sa.Column("miek_label", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ip_edition_id"],
            ["ip_editions.id"],
            name=op.f("fk_ip_projects_ip_edition_id_ip_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ip_projects")),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=False),
        sa.Column("to_state", sa.String(length=20), nullable=False),
        sa.Column("body", sa.String(length=20), nullable=False),
        sa.Column("decided_on", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("publication", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["editions.id"],
            name=op.f("fk_decisions_edition_id_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_table(
        "edition_runs",
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["editions.id"],
            name=op.f("fk_edition_runs_edition_id_editions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_edition_runs_run_id_runs")),
        sa.PrimaryKeyConstraint("edition_id", "run_id", name=op.f("pk_edition_runs")),
    )
    op.create_table(
        "ip_matches",
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Text(), nullable=False),
        sa.Column("operator", sa.Text(), nullable=False),
        sa.Column("ip_reference", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["editions.id"],
            name=op.f("fk_ip_matches_edition_id_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("edition_id", "project_id", name=op.f("pk_ip_matches")),
    )
    op.create_table(
        "run_tables",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_run_tables_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "name", name=op.f("pk_run_tables")),
    )
    op.create_table(
        "zienswijzen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("received_on", sa.String(length=10), nullable=False),
        sa.Column("posted_on", sa.String(length=10), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("submitter_type", sa.String(length=20), nullable=False),
        sa.Column("public_name", sa.Text(), nullable=True),
        sa.Column("timeliness", sa.String(length=20), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["edition_id"],
            ["editions.id"],
            name=op.f("fk_zienswijzen_edition_id_editions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zienswijzen")),
        sa.UniqueConstraint("edition_id", "number", name="uq_zienswijzen_number"),
    )
    op.create_table(
        "personal_data",
        sa.Column("zienswijze_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.Text(), nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("contact_person", sa.Text(), nullable=False),
        sa.Column("retain_until", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["zienswijze_id"],
            ["zienswijzen.id"],
            name=op.f("fk_personal_data_zienswijze_id_zienswijzen"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("zienswijze_id", name=op.f("pk_personal_data")),
    )
    op.create_table(
        "zienswijze_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zienswijze_id", sa.Integer(), nullable=False),
        sa.Column("point", sa.Integer(), nullable=False),
        sa.Column("theme", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("concerns", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("leads_to_change", sa.Boolean(), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("change_ref", sa.Text(), nullable=False),
        sa.Column("answered_by", sa.String(length=200), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["zienswijze_id"],
            ["zienswijzen.id"],
            name=op.f("fk_zienswijze_points_zienswijze_id_zienswijzen"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zienswijze_points")),
        sa.UniqueConstraint("zienswijze_id", "point", name="uq_zienswijze_points_point"),
    )
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("predecessor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("inzage_start", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("inzage_end", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("inzage_weeks", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("kennisgeving", sa.Text(), nullable=True))
        batch_op.drop_constraint(op.f("ck_editions_status"), type_="check")
    op.execute("UPDATE editions SET status = 'vastgesteld' WHERE status = 'adopted'")
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_editions_status"), STATUS_NEW)

    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("software", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_column("software")

    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_editions_status"), type_="check")
    op.execute("UPDATE editions SET status = 'adopted' WHERE status <> 'concept'")
    with op.batch_alter_table("editions", schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f("ck_editions_status"), "status IN ('concept', 'adopted')"
        )
        batch_op.drop_column("kennisgeving")
        batch_op.drop_column("inzage_weeks")
        batch_op.drop_column("inzage_end")
        batch_op.drop_column("inzage_start")
        batch_op.drop_column("frozen_at")
        batch_op.drop_column("predecessor_id")

    op.drop_table("zienswijze_points")
    op.drop_table("personal_data")
    op.drop_table("zienswijzen")
    op.drop_table("run_tables")
    op.drop_table("ip_matches")
    op.drop_table("edition_runs")
    op.drop_table("decisions")
    op.drop_table("ip_projects")
    op.drop_table("ip_editions")
