"""The store: bookkeeping tables and one data table per contract table

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 14:04:08.160898
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.String(length=200), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_object", ["object_type", "object_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('beheerder', 'kernteam', 'netbeheerder', 'gemeente', 'publiek')",
            name=op.f("ck_users_role"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspaces")),
        sa.UniqueConstraint("name", name=op.f("uq_workspaces_name")),
    )
    op.create_table(
        "workspace_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("row_counts", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_workspace_versions_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_versions")),
        sa.UniqueConstraint("workspace_id", "number", name="uq_workspace_versions_number"),
    )
    op.create_table(
        "data_areas",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("parent_id", sa.Text(), nullable=True),
        sa.Column("population", sa.BigInteger(), nullable=True),
        sa.Column("dwellings", sa.BigInteger(), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("geometry_source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_areas_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_areas")),
    )
    op.create_table(
        "data_assets",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("carrier", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("operator", sa.Text(), nullable=True),
        sa.Column("voltage_kv", sa.Double(), nullable=True),
        sa.Column("parent_id", sa.Text(), nullable=True),
        sa.Column("area_id", sa.Text(), nullable=True),
        sa.Column("capacity_demand_mw", sa.Double(), nullable=True),
        sa.Column("capacity_feedin_mw", sa.Double(), nullable=True),
        sa.Column("storage_energy_mwh", sa.Double(), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_assets_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_assets")),
    )
    op.create_table(
        "data_criteria",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("parent_id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("group", sa.Text(), nullable=True),
        sa.Column("indicator", sa.Text(), nullable=True),
        sa.Column("direction", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("value_function", sa.Text(), nullable=True),
        sa.Column("weight", sa.Double(), nullable=True),
        sa.Column("motivation", sa.Text(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("value_points", sa.Text(), nullable=True),
        sa.Column("version", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("adopted_by", sa.Text(), nullable=True),
        sa.Column("adopted_on", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_criteria_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_criteria")),
    )
    op.create_table(
        "data_developments",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("area_id", sa.Text(), nullable=True),
        sa.Column("asset_id", sa.Text(), nullable=True),
        sa.Column("carrier", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Double(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("demand_mw", sa.Double(), nullable=True),
        sa.Column("feedin_mw", sa.Double(), nullable=True),
        sa.Column("profile", sa.Text(), nullable=True),
        sa.Column("coupled_asset_id", sa.Text(), nullable=True),
        sa.Column("coupling_factor", sa.Double(), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("certainty", sa.BigInteger(), nullable=True),
        sa.Column("acm_priority", sa.BigInteger(), nullable=True),
        sa.Column("policy_goals", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_developments_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_developments")),
    )
    op.create_table(
        "data_profiles",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Text(), nullable=True),
        sa.Column("hour", sa.BigInteger(), nullable=True),
        sa.Column("value", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_profiles_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_profiles")),
    )
    op.create_table(
        "data_project_effects",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Text(), nullable=True),
        sa.Column("asset_id", sa.Text(), nullable=True),
        sa.Column("delta_demand_mw", sa.Double(), nullable=True),
        sa.Column("delta_feedin_mw", sa.Double(), nullable=True),
        sa.Column("new_parent_id", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_project_effects_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_project_effects")),
    )
    op.create_table(
        "data_projects",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("operator", sa.Text(), nullable=True),
        sa.Column("carrier", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("capex_meur", sa.Double(), nullable=True),
        sa.Column("capex_low_meur", sa.Double(), nullable=True),
        sa.Column("capex_high_meur", sa.Double(), nullable=True),
        sa.Column("fte_years", sa.Double(), nullable=True),
        sa.Column("transformers", sa.BigInteger(), nullable=True),
        sa.Column("lead_time_years", sa.BigInteger(), nullable=True),
        sa.Column("build_years", sa.BigInteger(), nullable=True),
        sa.Column("earliest_year", sa.Integer(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("ip_year", sa.Integer(), nullable=True),
        sa.Column("requires", sa.Text(), nullable=True),
        sa.Column("excludes", sa.Text(), nullable=True),
        sa.Column("area_id", sa.Text(), nullable=True),
        sa.Column("spatial_claim_ha", sa.Double(), nullable=True),
        sa.Column("confidential", sa.Boolean(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_projects_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_projects")),
    )
    op.create_table(
        "data_resources",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("operator", sa.Text(), nullable=True),
        sa.Column("budget_meur", sa.Double(), nullable=True),
        sa.Column("fte", sa.Double(), nullable=True),
        sa.Column("transformers", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_resources_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_resources")),
    )
    op.create_table(
        "data_scenario_factors",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("factor", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_scenario_factors_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_scenario_factors")),
    )
    op.create_table(
        "data_scenario_parameters",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Text(), nullable=True),
        sa.Column("parameter", sa.Text(), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_scenario_parameters_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "version_id", "row_number", name=op.f("pk_data_scenario_parameters")
        ),
    )
    op.create_table(
        "data_scenarios",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_scenarios_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_scenarios")),
    )
    op.create_table(
        "data_unit_parameters",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("carrier", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("demand_kw_per_unit", sa.Double(), nullable=True),
        sa.Column("feedin_kw_per_unit", sa.Double(), nullable=True),
        sa.Column("profile", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_data_unit_parameters_version_id_workspace_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "row_number", name=op.f("pk_data_unit_parameters")),
    )
    op.create_table(
        "editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("adopted_by", sa.String(length=200), nullable=True),
        sa.Column("adopted_on", sa.String(length=10), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('concept', 'adopted')", name=op.f("ck_editions_status")),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_editions_version_id_workspace_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_editions")),
        sa.UniqueConstraint("name", name=op.f("uq_editions_name")),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column("output_hash", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["workspace_versions.id"],
            name=op.f("fk_runs_version_id_workspace_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )


def downgrade() -> None:
    op.drop_table("runs")
    op.drop_table("editions")
    op.drop_table("data_unit_parameters")
    op.drop_table("data_scenarios")
    op.drop_table("data_scenario_parameters")
    op.drop_table("data_scenario_factors")
    op.drop_table("data_resources")
    op.drop_table("data_projects")
    op.drop_table("data_project_effects")
    op.drop_table("data_profiles")
    op.drop_table("data_developments")
    op.drop_table("data_criteria")
    op.drop_table("data_assets")
    op.drop_table("data_areas")
    op.drop_table("workspace_versions")
    op.drop_table("workspaces")
    op.drop_table("users")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_object")

    op.drop_table("audit_log")
