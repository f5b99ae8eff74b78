"""Alembic: an empty database reaches the newest migration on both backends, and the models
(generated from the data contract) and the migrations stay in step — a contract column
without a migration fails ``test_models_and_migrations_agree``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Column,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    insert,
    inspect,
    text,
)
from sqlalchemy.exc import IntegrityError

from pmiek.adapters.store import models
from pmiek.adapters.store.migrate import (
    alembic_config,
    current,
    head,
    make_engine,
    pending_changes,
    upgrade,
)
from pmiek.adapters.store.store import Store
from pmiek.adapters.store.tables import row_counts, table_rows
from pmiek.domain.provenance import content_hash
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace
from pmiek.errors import StoreError
from tests.store.helpers import small


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def _copy_of_models() -> MetaData:
    """A copy of the store's metadata that a test may change freely."""
    copy = MetaData(naming_convention=models.NAMING)
    for table in models.metadata.sorted_tables:
        table.to_metadata(copy)
    return copy


def _compare(engine: Engine, target: MetaData) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, target))


def _kinds(diffs: list[Any]) -> list[str]:
    """The kind of each difference ('add_column', 'remove_table', …; a list of
    modifications counts by its first)."""
    return [d[0] if isinstance(d, tuple) else d[0][0] for d in diffs]


def test_upgrade_from_an_empty_database(engine: Engine) -> None:
    assert inspect(engine).get_table_names() == []
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head()
    tables = set(inspect(engine).get_table_names())
    assert tables == set(models.metadata.tables) | {"alembic_version"}
    assert pending_changes(engine) == []
    Store(engine=engine).check()  # does not raise


def test_upgrade_twice_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    store = Store(engine=engine)
    store.import_workspace(small(), "u")
    upgrade(engine)
    assert current(engine) == head()
    assert store.load("u").equals(small())


def test_downgrade_to_base_and_back(engine: Engine) -> None:
    upgrade(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert current(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current(engine) == head()
    assert pending_changes(engine) == []


def test_store_refuses_an_unmigrated_database(engine: Engine) -> None:
    store = Store(engine=engine)
    with pytest.raises(StoreError, match="pmiek db upgrade"):
        store.check()
    with pytest.raises(StoreError, match="pmiek db upgrade"):
        store.import_workspace(small(), "u")
    with pytest.raises(StoreError, match="pmiek db upgrade"):
        store.load("u")
    assert current(engine) is None
    assert inspect(engine).get_table_names() == []  # the refused import created nothing


def test_models_and_migrations_agree(engine: Engine) -> None:
    """The guard: a contract column (or table) that no migration adds shows up here."""
    upgrade(engine)
    assert pending_changes(engine) == []
    assert _compare(engine, models.metadata) == []
    # Each data table in the migrated database has exactly the contract's columns.
    inspector = inspect(engine)
    for schema in TABLES:
        columns = [c["name"] for c in inspector.get_columns(models.data_table_name(schema.name))]
        assert sorted(columns) == sorted(
            ["version_id", "row_number", *(c.name for c in schema.columns)]), schema.name


def test_models_follow_the_contract() -> None:
    assert set(models.DATA_TABLES) == {t.name for t in TABLES}
    for schema in TABLES:
        table = models.DATA_TABLES[schema.name]
        assert [c.name for c in table.columns] == [
            "version_id", "row_number", *(c.name for c in schema.columns)]
        for column in schema.columns:
            assert isinstance(table.c[column.name].type, models.SQL_TYPES[column.dtype])


def test_comparison_reports_a_column_without_migration(engine: Engine) -> None:
    upgrade(engine)
    changed = _copy_of_models()
    assert _compare(engine, changed) == []  # the copy itself is faithful
    changed.tables["data_developments"].append_column(Column("grid_fee_eur", Text()))
    diffs = _compare(engine, changed)
    assert len(diffs) == 1
    kind, schema, table, column = diffs[0]
    assert (kind, schema, table, column.name) == (
        "add_column", None, "data_developments", "grid_fee_eur")


def test_comparison_reports_a_missing_column_and_table(engine: Engine) -> None:
    upgrade(engine)
    changed = _copy_of_models()
    # Rebuild data_developments without a column, as if the contract had dropped it.
    changed.remove(changed.tables["data_developments"])
    schema = next(t for t in TABLES if t.name == "developments")
    Table("data_developments", changed,
          Column("version_id", ForeignKey("workspace_versions.id", ondelete="CASCADE"),
                 primary_key=True),
          Column("row_number", Integer, primary_key=True),
          *(Column(c.name, models.SQL_TYPES[c.dtype]()) for c in schema.columns
            if c.name != "certainty"))
    Table("data_extra", changed, Column("id", Text(), primary_key=True))
    kinds = _kinds(_compare(engine, changed))
    assert sorted(kinds) == ["add_table", "remove_column"]


def test_comparison_reports_a_type_change(engine: Engine) -> None:
    upgrade(engine)
    changed = _copy_of_models()
    table = changed.tables["data_developments"]
    demand = table.c["demand_mw"]
    assert not isinstance(demand.type, Text)
    demand.type = Text()
    assert _kinds(_compare(engine, changed)) == ["modify_type"]


def _store_as_at(engine: Engine, workspace: Workspace, name: str) -> None:
    """Store ``workspace`` as version 1 of ``name`` the way an older pmiek did: only into the
    columns that the database's data tables have at its (older) migration."""
    old = MetaData()
    old.reflect(engine)
    with engine.begin() as conn:
        ws_id = conn.execute(insert(old.tables["workspaces"]).values(
            name=name, current_version=1, created_at=dt.datetime.now(dt.UTC),
        ).returning(old.tables["workspaces"].c.id)).scalar_one()
        version_id = conn.execute(insert(old.tables["workspace_versions"]).values(
            workspace_id=ws_id, number=1, created_at=dt.datetime.now(dt.UTC),
            created_by="old", source="old", content_hash=content_hash(workspace),
            row_counts=row_counts(workspace),
        ).returning(old.tables["workspace_versions"].c.id)).scalar_one()
        for schema in TABLES:
            if models.data_table_name(schema.name) not in old.tables:
                continue  # a table of a later migration
            data = old.tables[models.data_table_name(schema.name)]
            for batch in table_rows(schema, workspace.table(schema.name), version_id):
                conn.execute(insert(data), [{k: v for k, v in row.items() if k in data.c}
                                            for row in batch])


def test_a_store_at_0001_upgrades_and_reads_back(engine: Engine) -> None:
    """0002 adds data_assets.geometry_source, 0003 the choice rules, 0004 the carrier of a
    scenario factor: a workspace stored at 0001 reads back after the upgrade with those
    columns empty, no choice rules, and everything else unchanged."""
    upgrade(engine, "0001")
    assert "geometry_source" not in {c["name"] for c in inspect(engine).get_columns(
        "data_assets")}
    stored = small().with_tables(assets=small().assets.assign(
        geometry_source=pd.array(["osm"] * len(small().assets), dtype="string")))
    _store_as_at(engine, stored, "u")
    store = Store(engine=engine)
    with pytest.raises(StoreError, match="0001"):
        store.load("u")  # the old store is refused until it is upgraded
    upgrade(engine)
    assert current(engine) == head()
    assert pending_changes(engine) == []
    back = store.load("u")
    assert back.assets["geometry_source"].isna().all()  # 0001 had nowhere to keep it
    expected = stored.with_tables(assets=stored.assets.assign(
        geometry_source=pd.array([pd.NA] * len(stored.assets), dtype="string")),
        choice_rules=stored.choice_rules.iloc[0:0])  # 0003 added the choice rules
    assert len(stored.choice_rules)
    assert back.equals(expected)
    assert not back.equals(stored)
    # The upgraded store keeps the new column from now on.
    store.import_workspace(stored, "u")
    assert list(store.load("u", 2).assets["geometry_source"]) == ["osm"] * len(stored.assets)
    assert store.load("u", 1).equals(expected)  # the old version is still readable


def test_a_store_at_0004_gains_row_provenance(engine: Engine) -> None:
    """0005 adds the table of row provenance (pmiek intake merge): a store at 0004 upgrades,
    its versions have no records, and a new version keeps the records it is given."""
    upgrade(engine, "0004")
    assert "row_provenance" not in inspect(engine).get_table_names()
    _store_as_at(engine, small(), "u")
    upgrade(engine)
    assert current(engine) == head()
    store = Store(engine=engine)
    assert store.load("u").equals(small())
    assert store.provenance("u").empty
    received = dt.datetime(2026, 12, 8, 9, 30, tzinfo=dt.UTC)
    records = pd.DataFrame({
        "table": ["developments", "developments"], "row_id": ["D1", "D2"],
        "submitter": ["GM0001", "GM0001"], "submitter_kind": ["municipality"] * 2,
        "action": ["new", "unchanged"], "file_name": ["gemeente-GM0001.xlsx"] * 2,
        "sha256": ["ab" * 32] * 2, "received_at": [received] * 2})
    store.import_workspace(small(), "u", provenance=records)
    back = store.provenance("u")
    assert back.drop(columns="received_at").equals(records.drop(columns="received_at"))
    assert [pd.Timestamp(t).tz_localize(None) if pd.Timestamp(t).tzinfo is None
            else pd.Timestamp(t).tz_convert(None) for t in back["received_at"]] == [
        pd.Timestamp(received).tz_convert(None)] * 2
    assert store.provenance("u", 1).empty
    assert store.audit().iloc[-1]["after"]["provenance_rows"] == 2


def test_a_store_at_0005_gains_the_governance_trail(engine: Engine) -> None:
    """0006: an edition adopted before becomes 'vastgesteld', a concept stays one, old runs keep
    their hashes without tables, and the new states and tables are there."""
    upgrade(engine, "0005")
    assert "decisions" not in inspect(engine).get_table_names()
    _store_as_at(engine, small(), "u")
    with engine.begin() as conn:
        version = conn.execute(text("SELECT id FROM workspace_versions")).scalar_one()
        for name, status in (("P-MIEK 1.0", "adopted"), ("P-MIEK 2.0", "concept")):
            conn.execute(text("INSERT INTO editions (name, version_id, status, created_at) "
                              "VALUES (:n, :v, :s, :t)"),
                         {"n": name, "v": version, "s": status, "t": dt.datetime.now(dt.UTC)})
    upgrade(engine, "0006")
    tables = set(inspect(engine).get_table_names())
    assert {"decisions", "edition_runs", "run_tables", "zienswijzen", "zienswijze_points",
            "personal_data", "ip_editions", "ip_projects", "ip_matches"} <= tables
    store = Store(engine=engine)
    assert store.editions()[["edition", "status"]].values.tolist() == [
        ["P-MIEK 1.0", "vastgesteld"], ["P-MIEK 2.0", "concept"]]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE editions SET status = 'adopted'"))
