"""The store on both backends: workspace → store → workspace is exact, versions stay
readable, the content hash follows the content, and editions, runs, users and the audit log.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from pmiek.adapters.store.store import Store, VersionInfo
from pmiek.adapters.store.tables import row_counts
from pmiek.domain.provenance import content_hash
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace
from pmiek.errors import ConflictError, InputError, StoreError
from tests.store.helpers import count_rows, example, open_store, renamed, small, utrecht


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        yield opened


def test_utrecht_round_trip_is_exact(store: Store) -> None:
    original = utrecht()
    info = store.import_workspace(original, "utrecht", user="anna", source="embedded",
                                  note="eerste versie")
    back = store.load("utrecht")
    assert back.differences(original) == []
    assert original.differences(back) == []
    assert back.equals(original)
    # The bulk of Utrecht is profiles: make sure they really went through the database.
    assert len(back.profiles) == len(original.profiles) > 50_000
    assert count_rows(store.engine, "data_profiles") == len(original.profiles)

    assert isinstance(info, VersionInfo)
    assert (info.workspace, info.number, info.created_by, info.source, info.note) == (
        "utrecht", 1, "anna", "embedded", "eerste versie")
    assert info.content_hash == content_hash(original) == content_hash(back)
    assert info.row_counts == row_counts(original)
    assert store.version("utrecht") == info
    assert store.versions("utrecht") == [info]


def test_example_round_trip_is_exact(store: Store) -> None:
    original = example()
    assert original.present(), "the example should not be empty"
    store.import_workspace(original, "example")
    back = store.load("example", 1)
    assert back.differences(original) == []
    assert back.equals(original)
    # Geometry is compared exactly by equals(); check there was some to compare.
    assert any(
        "geometry" in frame.columns and frame["geometry"].notna().any()
        for _, frame in original.items()
    )


def test_empty_workspace_round_trip(store: Store) -> None:
    store.import_workspace(Workspace(), "leeg")
    back = store.load("leeg")
    assert back.equals(Workspace())
    assert back.present() == []
    assert store.version("leeg").row_counts == {t.name: 0 for t in TABLES}


def test_extreme_values_round_trip(store: Store) -> None:
    """Floats keep every bit, text keeps quotes, newlines and non-ASCII characters."""
    developments = small().developments.copy()
    developments["demand_mw"] = developments["demand_mw"].astype(float)
    developments.loc[0, "demand_mw"] = 5e-324  # the smallest subnormal
    developments.loc[1, "demand_mw"] = 0.1 + 0.2
    developments.loc[2, "demand_mw"] = 1.7976931348623157e308
    developments.loc[3, "name"] = "Ünïcode 'enkel' \"dubbel\"\nnieuwe regel;\ttab 🙂"
    original = small().with_tables(developments=developments)
    store.import_workspace(original, "randen")
    back = store.load("randen")
    assert back.equals(original), back.differences(original)
    assert back.developments.loc[0, "demand_mw"] == 5e-324
    assert back.developments.loc[1, "demand_mw"] == 0.1 + 0.2
    assert back.developments.loc[3, "name"] == developments.loc[3, "name"]


def test_second_version_keeps_the_first(store: Store) -> None:
    first = utrecht()
    second = renamed(first, 0, "Gewijzigde ontwikkeling")
    v1 = store.import_workspace(first, "u", note="v1")
    v2 = store.import_workspace(second, "u", expected_version=1, note="v2")
    assert (v1.number, v2.number) == (1, 2)
    assert v1.content_hash != v2.content_hash
    assert v2.content_hash == content_hash(second)

    # Version 1 is still there, unchanged; the default is the newest.
    old = store.load("u", 1)
    assert old.equals(first)
    assert old.developments.loc[0, "name"] == first.developments.loc[0, "name"]
    new = store.load("u")
    assert new.equals(second)
    assert new.developments.loc[0, "name"] == "Gewijzigde ontwikkeling"
    assert store.version("u") == v2
    assert store.version("u", 1) == v1
    assert [v.number for v in store.versions("u")] == [1, 2]
    assert [v.note for v in store.versions("u")] == ["v1", "v2"]
    assert count_rows(store.engine, "data_developments") == 2 * len(first.developments)

    listing = store.workspaces()
    assert listing[["name", "current_version", "versions"]].to_dict("records") == [
        {"name": "u", "current_version": 2, "versions": 2}]


def test_reimport_of_the_same_content_has_the_same_hash(store: Store) -> None:
    v1 = store.import_workspace(small(), "u")
    v2 = store.import_workspace(renamed(small(), 0, "Anders"), "u")
    v3 = store.import_workspace(small(), "u")
    assert [v.number for v in (v1, v2, v3)] == [1, 2, 3]
    assert v3.content_hash == v1.content_hash != v2.content_hash
    # What comes back hashes the same as what went in.
    assert content_hash(store.load("u", 2)) == v2.content_hash
    assert store.load("u", 1).equals(store.load("u", 3))


def test_content_hash_follows_content() -> None:
    ws = example()
    assert content_hash(ws) == content_hash(ws.with_tables(assets=ws.assets.copy()))
    assert content_hash(ws) != content_hash(renamed(ws, 1, "Anders"))
    # A missing value and an empty string are different content.
    developments = ws.developments.copy()
    assert developments["source"].notna().all()
    developments.loc[0, "source"] = pd.NA
    assert content_hash(ws) != content_hash(ws.with_tables(developments=developments))
    assert content_hash(Workspace()) != content_hash(ws)
    assert len(content_hash(ws)) == 64


def test_workspaces_are_independent(store: Store) -> None:
    store.import_workspace(small(), "a")
    store.import_workspace(renamed(small(), 0, "B"), "b")
    store.import_workspace(renamed(small(), 0, "A2"), "a", expected_version=1)
    assert store.load("b").developments.loc[0, "name"] == "B"
    assert store.load("a").developments.loc[0, "name"] == "A2"
    listing = store.workspaces().set_index("name")
    assert listing.loc["a", "current_version"] == 2
    assert listing.loc["b", "current_version"] == 1
    assert [v.number for v in store.versions("b")] == [1]


def test_name_is_stripped_and_required(store: Store) -> None:
    store.import_workspace(small(), "  naam  ")
    assert store.load("naam").equals(small())
    with pytest.raises(InputError, match="name"):
        store.import_workspace(small(), "   ")
    assert list(store.workspaces()["name"]) == ["naam"]


def test_unknown_workspace_and_version(store: Store) -> None:
    with pytest.raises(StoreError, match="none"):
        store.load("nergens")
    store.import_workspace(small(), "u")
    with pytest.raises(StoreError, match=r"nergens.*it has: u"):
        store.load("nergens")
    with pytest.raises(StoreError, match="no version 7"):
        store.load("u", 7)
    with pytest.raises(StoreError, match="no version 7"):
        store.version("u", 7)
    with pytest.raises(StoreError, match="nergens"):
        store.versions("nergens")


def test_store_errors_speak_the_chosen_language(store: Store) -> None:
    store.import_workspace(small(), "u")
    with pytest.raises(StoreError) as unknown:
        store.load("nergens")
    assert unknown.value.in_language("nl").startswith("Geen werkruimte 'nergens'")
    assert unknown.value.in_language("en").startswith("No workspace 'nergens'")
    with pytest.raises(StoreError) as version:
        store.load("u", 7)
    assert "heeft geen versie 7" in version.value.in_language("nl")
    with pytest.raises(ConflictError) as moved:
        store.import_workspace(small(), "u", expected_version=0)
    assert "staat op versie 1, niet op 0" in moved.value.in_language("nl")
    assert "is at version 1, not 0" in moved.value.in_language("en")


# --- editions, runs, users, audit ----------------------------------------------------------


def test_editions(store: Store) -> None:
    store.import_workspace(small(), "u")
    store.import_workspace(renamed(small(), 0, "Nieuw"), "u")
    assert store.editions().empty
    store.create_edition("P-MIEK 2.0", "u", 1, user="anna")
    store.create_edition("P-MIEK 3.0", "u", status="vastgesteld", adopted_by="stuurgroep",
                         adopted_on="2026-12-01")
    editions = store.editions()
    assert editions[["edition", "workspace", "version", "status"]].values.tolist() == [
        ["P-MIEK 2.0", "u", 1, "concept"], ["P-MIEK 3.0", "u", 2, "vastgesteld"]]
    assert editions[["adopted_by", "adopted_on"]].iloc[0].isna().all()
    assert editions[["adopted_by", "adopted_on"]].iloc[1].tolist() == [
        "stuurgroep", "2026-12-01"]
    with pytest.raises(ConflictError, match=r"P-MIEK 2\.0"):
        store.create_edition("P-MIEK 2.0", "u", 2)
    with pytest.raises(StoreError, match="no version 9"):
        store.create_edition("P-MIEK 9.0", "u", 9)
    with pytest.raises(StoreError, match="nergens"):
        store.create_edition("P-MIEK 9.0", "nergens", 1)
    assert len(store.editions()) == 2
    # A later import does not move an edition.
    store.import_workspace(small(), "u")
    assert store.editions().set_index("edition").loc["P-MIEK 2.0", "version"] == 1


def test_runs(store: Store) -> None:
    store.import_workspace(small(), "u")
    store.import_workspace(renamed(small(), 0, "Nieuw"), "u")
    first = store.record_run("insight", "u", 1, {"years": [2030, 2035]}, input_hash="a" * 64,
                             output_hash="b" * 64, user="anna")
    second = store.record_run("assess", "u", None, {}, input_hash="c" * 64, output_hash=None,
                              status="failed")
    assert isinstance(first, int) and second > first
    runs = store.runs()
    assert list(runs["id"]) == [first, second]
    assert list(runs["kind"]) == ["insight", "assess"]
    assert list(runs["version"]) == [1, 2]  # None means the current version
    assert list(runs["input_hash"]) == ["a" * 64, "c" * 64]
    assert runs["output_hash"].iloc[0] == "b" * 64
    assert pd.isna(runs["output_hash"].iloc[1])
    assert list(runs["status"]) == ["done", "failed"]
    assert list(runs["created_by"]) == ["anna", "pmiek"]
    with pytest.raises(StoreError, match="no version 5"):
        store.record_run("insight", "u", 5, {}, input_hash="d" * 64, output_hash=None)
    assert len(store.runs()) == 2


def test_users(store: Store) -> None:
    store.add_user("anna", "kernteam", by="beheer")
    store.add_user("bert", "beheerder")
    users = store.users()
    assert users[["name", "role"]].to_dict("records") == [
        {"name": "anna", "role": "kernteam"}, {"name": "bert", "role": "beheerder"}]
    with pytest.raises(InputError, match="Unknown role 'koning'"):
        store.add_user("carla", "koning")
    with pytest.raises(ConflictError, match="anna"):
        store.add_user("anna", "publiek")
    assert list(store.users()["name"]) == ["anna", "bert"]
    assert store.users().set_index("name").loc["anna", "role"] == "kernteam"


def test_audit_log(store: Store) -> None:
    first = store.import_workspace(small(), "u", user="anna", source="example")
    second = store.import_workspace(renamed(small(), 0, "Nieuw"), "u", user="bert",
                                    expected_version=1)
    with pytest.raises(ConflictError):
        store.import_workspace(small(), "u", user="carla", expected_version=1)
    store.create_edition("P-MIEK 2.0", "u", 1, user="anna")
    run = store.record_run("insight", "u", 2, {}, input_hash="a" * 64, output_hash="b" * 64,
                           user="bert")
    store.add_user("dirk", "gemeente", by="anna")
    with pytest.raises(InputError):
        store.add_user("eva", "onbekend", by="anna")

    log = store.audit()
    assert list(log.columns) == ["at", "user", "action", "object_type", "object_id", "before",
                                 "after"]
    assert log[["user", "action", "object_type", "object_id"]].values.tolist() == [
        ["anna", "import", "workspace", "u"],
        ["bert", "import", "workspace", "u"],
        ["anna", "create", "edition", "P-MIEK 2.0"],
        ["bert", "run", "insight", str(run)],
        ["anna", "create", "user", "dirk"],
    ]  # the refused import and the refused user left nothing
    imports = log[log["action"] == "import"]
    before, after = list(imports["before"]), list(imports["after"])
    assert before[0] is None
    assert after[0]["version"] == 1 and after[0]["content_hash"] == first.content_hash
    assert after[0]["source"] == "example"
    assert after[0]["rows"] == first.row_counts
    assert before[1] == {"version": 1}
    assert after[1]["version"] == 2 and after[1]["content_hash"] == second.content_hash
    assert log.iloc[2]["after"] == {"workspace": "u", "version": 1, "status": "concept"}
    assert log.iloc[3]["after"]["version"] == 2
    assert log.iloc[4]["after"] == {"role": "gemeente"}
    assert log["at"].is_monotonic_increasing
