"""The audit log as a hash chain (issue 19, done-when 3): a chain made by real store actions
verifies; editing or deleting a row by hand — a middle one or the newest, with or without
recomputing hashes — makes the verification fail and name the place; so does a changed
anchor. Existing rows are chained by migration 0007; backups keep the chain; concurrent
writers keep it whole. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import itertools
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, select, text, update
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.store import accounts, audit_chain
from pmiek.adapters.store import models as m
from pmiek.adapters.store.backup import backup, restore
from pmiek.adapters.store.migrate import head, make_engine, upgrade
from pmiek.adapters.store.programme_store import Programme
from pmiek.adapters.store.store import Store
from pmiek.errors import StoreError
from tests.store.helpers import REPO, open_store, small

D = dt.date
MIGRATION = (REPO / "src" / "pmiek" / "adapters" / "store" / "migrations" / "versions"
             / "0007_accounts_audit_chain.py")


def _independent_hash(row: dict[str, Any]) -> str:
    """The row hash as the module docstring describes it, written out again here."""
    at = row["at"]
    at = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    content = {"id": row["id"], "at": at.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00"),
               "user": row["user_name"], "role": row["role"],
               "organisation": row["organisation"], "action": row["action"],
               "object_type": row["object_type"], "object_id": row["object_id"],
               "before": row["before"], "after": row["after"], "prev_hash": row["prev_hash"]}
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(m.audit_log).order_by(m.audit_log.c.id))]


def _sql(engine: Engine, statement: str, **params: Any) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def _kinds(check: audit_chain.AuditCheck) -> list[tuple[int | None, str]]:
    return [(p.audit_id, p.kind) for p in check.problems]


def _busy(store: Store) -> None:
    """A store worked on the ordinary way: accounts, imports, an edition with decisions, a
    run, a login event."""
    store.add_user("beheer", "beheerder")
    accounts.create_account(store, "kern", "kernteam", organisation="Provincie Utrecht",
                            by="beheer")
    accounts.create_account(store, "stedin", "netbeheerder", organisation="Stedin",
                            by="beheer")
    store.import_workspace(small(), "u", user="kern")
    programme = Programme(store, "kern")
    programme.new_edition("P-MIEK 2.0", "u")
    programme.advance("P-MIEK 2.0", "kernteam_akkoord", "kernteam", D(2025, 6, 2))
    programme.hear("P-MIEK 2.0", "statencommissie", D(2025, 6, 9), note="Statenbrief")
    store.create_edition("P-MIEK 1.0", "u", 1, user="beheer")
    store.record_run("insight", "u", 1, {"jaar": 2030}, input_hash="a" * 64,
                     output_hash="b" * 64, user="stedin")
    accounts.audit_event(store, "stedin", "login", "session", "stedin",
                         after={"via": "wachtwoord", "naam": "Ĳsselstein ✓"})


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        _busy(opened)
        yield opened


# --- a sound chain -------------------------------------------------------------------------


def test_a_chain_of_real_actions_verifies(store: Store) -> None:
    rows = _rows(store.engine)
    check = store.verify_audit()
    assert check.ok, check.problems
    assert check.problems == []
    assert check.rows == len(rows) == len(store.audit()) == 10
    assert [r["id"] for r in rows] == list(range(1, 11))  # consecutive
    assert rows[0]["prev_hash"] == "0" * 64
    for previous, row in itertools.pairwise(rows):
        assert row["prev_hash"] == previous["hash"]
    assert [r["hash"] for r in rows] == [_independent_hash(r) for r in rows]
    assert check.head == rows[-1]["hash"]
    with store.engine.connect() as conn:
        the_head = conn.execute(select(m.audit_head)).one()
    assert (the_head.last_id, the_head.count, the_head.hash) == (10, 10, rows[-1]["hash"])


def test_each_row_carries_the_actors_role_and_organisation(store: Store) -> None:
    log = store.audit(chain=True).astype(object)
    log = log.where(log.notna(), None)
    by_user = {row.user: (row.role, row.organisation) for row in log.itertuples()}
    assert by_user["kern"] == ("kernteam", "Provincie Utrecht")
    assert by_user["stedin"] == ("netbeheerder", "Stedin")
    assert by_user["beheer"] == ("beheerder", None)
    first = log.iloc[0]
    assert (first["user"], first["role"], first["organisation"]) == ("pmiek", None, None)


def test_decisions_and_editions_are_anchored_to_their_own_audit_row(store: Store) -> None:
    rows = _rows(store.engine)
    decide = [r["hash"] for r in rows if r["action"] == "decide"]
    created = {r["object_id"]: r["hash"] for r in rows
               if (r["action"], r["object_type"]) == ("create", "edition")}
    with store.engine.connect() as conn:
        anchors = conn.execute(select(m.decisions.c.audit_head)
                               .order_by(m.decisions.c.id)).scalars().all()
        editions = dict(conn.execute(select(m.editions.c.name, m.editions.c.audit_head)).all())
    assert list(anchors) == decide and len(decide) == 2
    assert editions == created and set(created) == {"P-MIEK 1.0", "P-MIEK 2.0"}


def test_the_timestamp_text_is_the_same_for_naive_and_aware_times() -> None:
    naive = dt.datetime(2026, 3, 29, 0, 30, 0, 7)
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    aware = dt.datetime(2026, 3, 29, 1, 30, 0, 7, tzinfo=amsterdam)
    assert audit_chain.utc_text(naive) == audit_chain.utc_text(aware) \
        == "2026-03-29T00:30:00.000007+00:00"


def test_the_migrations_frozen_hash_is_the_modules() -> None:
    spec = importlib.util.spec_from_file_location("pmiek_migration_0007", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: list[dict[str, Any]] = [
        dict(at=dt.datetime(2025, 1, 2, 3, 4, 5, 6), user="anna", role=None,
             organisation=None, action="import", object_type="workspace", object_id="u",
             before=None, after={"rows": {"assets": 3}, "hash": "ab" * 32}),
        dict(at=dt.datetime(2025, 7, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2))),
             user="Zoë", role="gemeente", organisation="GM0344", action="decide",
             object_type="edition", object_id="P-MIEK 2.0", before={"state": "concept"},
             after={"share": 0.1 + 0.2, "list": [1, "twee", None], "ĳ": True}),
    ]
    for number, case in enumerate(cases, start=7):
        assert module._row_hash(number, prev_hash="f" * 64, **case) == audit_chain.row_hash(
            row_id=number, prev_hash="f" * 64, **case)


# --- tampering -----------------------------------------------------------------------------


def test_editing_a_middle_row_fails_naming_it(store: Store) -> None:
    _sql(store.engine, "UPDATE audit_log SET user_name = 'mallory' WHERE id = 4")
    check = store.verify_audit()
    assert not check.ok
    assert _kinds(check) == [(4, "edited")]
    assert "Rij 4 " in check.problems[0].nl and "Row 4 " in check.problems[0].en


def test_editing_a_middle_row_and_its_hash_breaks_the_next_link(store: Store) -> None:
    row = _rows(store.engine)[3]  # the import (no decision or edition is anchored to it)
    assert row["id"] == 4 and row["action"] == "import"
    row["after"] = {"version": 99}
    forged = audit_chain.row_hash(
        row_id=row["id"], at=row["at"], user=row["user_name"], role=row["role"],
        organisation=row["organisation"], action=row["action"],
        object_type=row["object_type"], object_id=row["object_id"], before=row["before"],
        after=row["after"], prev_hash=row["prev_hash"])
    with store.engine.begin() as conn:
        conn.execute(update(m.audit_log).where(m.audit_log.c.id == 4)
                     .values(after=row["after"], hash=forged))
    assert _kinds(store.verify_audit()) == [(5, "link")]


def test_deleting_a_middle_row_fails(store: Store) -> None:
    _sql(store.engine, "DELETE FROM audit_log WHERE id = 3")
    check = store.verify_audit()
    assert not check.ok
    assert (4, "deleted") in _kinds(check)
    problem = next(p for p in check.problems if p.kind == "deleted")
    assert "rij 3 verwijderd" in problem.nl and "row 3 deleted" in problem.en
    assert (None, "head") in _kinds(check)  # the head still counts 10 rows


def test_deleting_the_first_row_fails(store: Store) -> None:
    _sql(store.engine, "DELETE FROM audit_log WHERE id = 1")
    assert (2, "deleted") in _kinds(store.verify_audit())


def test_editing_the_newest_row_fails(store: Store) -> None:
    _sql(store.engine, "UPDATE audit_log SET object_id = 'iemand' WHERE id = 10")
    assert _kinds(store.verify_audit()) == [(10, "edited")]


def test_editing_the_newest_row_with_its_hash_fails_at_the_head(store: Store) -> None:
    _sql(store.engine, "UPDATE audit_log SET hash = :h WHERE id = 10", h="e" * 64)
    kinds = _kinds(store.verify_audit())
    assert (10, "edited") in kinds and (None, "head") in kinds


def test_deleting_the_newest_row_fails(store: Store) -> None:
    _sql(store.engine, "DELETE FROM audit_log WHERE id = 10")
    check = store.verify_audit()
    assert not check.ok
    assert _kinds(check) == [(None, "head"), (None, "head")]  # last id and count
    assert "10" in check.problems[0].nl and "9" in check.problems[1].en


def test_a_deleted_decision_row_is_caught_by_its_anchor_even_with_the_head_rewritten(
        store: Store) -> None:
    rows = _rows(store.engine)
    decide = next(r for r in rows if r["action"] == "decide")
    # Delete the decision's audit row and forge every later link and the head.
    kept = [r for r in rows if r["id"] != decide["id"]]
    _sql(store.engine, "DELETE FROM audit_log WHERE id = :i", i=decide["id"])
    previous = "0" * 64
    with store.engine.begin() as conn:
        for row in kept:
            row["prev_hash"] = previous
            row["hash"] = _independent_hash(row)
            conn.execute(update(m.audit_log).where(m.audit_log.c.id == row["id"])
                         .values(prev_hash=row["prev_hash"], hash=row["hash"]))
            previous = row["hash"]
        conn.execute(update(m.audit_head).values(count=len(kept), hash=previous))
    check = store.verify_audit()
    assert not check.ok
    assert (None, "anchor") in _kinds(check)
    assert any("Besluit" in p.nl for p in check.problems if p.kind == "anchor")


def test_editing_an_anchor_fails(store: Store) -> None:
    _sql(store.engine, "UPDATE decisions SET audit_head = :h WHERE id = "
                       "(SELECT MIN(id) FROM decisions)", h="d" * 64)
    check = store.verify_audit()
    assert _kinds(check) == [(None, "anchor")]
    assert "dddddddddddd" in check.problems[0].en
    _sql(store.engine, "UPDATE editions SET audit_head = :h WHERE name = 'P-MIEK 1.0'",
         h="c" * 64)
    assert _kinds(store.verify_audit()) == [(None, "anchor"), (None, "anchor")]


def test_a_missing_head_fails_and_refuses_new_rows(store: Store) -> None:
    _sql(store.engine, "DELETE FROM audit_head")
    assert _kinds(store.verify_audit()) == [(None, "head")]
    with pytest.raises(StoreError, match="audit_head"):
        store.add_user("nieuw", "publiek")
    assert "nieuw" not in set(store.users()["name"])


# --- migration, backups, concurrency ------------------------------------------------------

_OLD_AUDIT = sa.table(
    "audit_log", sa.column("id", sa.Integer()), sa.column("at", sa.DateTime(timezone=True)),
    sa.column("user_name", sa.String()), sa.column("action", sa.String()),
    sa.column("object_type", sa.String()), sa.column("object_id", sa.String()),
    sa.column("before", sa.JSON()), sa.column("after", sa.JSON()))


def test_a_store_at_0006_has_its_audit_rows_chained_by_the_upgrade(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0006")
        moment = dt.datetime(2025, 6, 2, 9, 15, 30, 123456, tzinfo=dt.UTC)
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO workspaces (id, name, current_version, created_at) "
                "VALUES (1, 'u', 1, :t)"), {"t": moment})
            conn.execute(text(
                "INSERT INTO workspace_versions (id, workspace_id, number, created_at, "
                "created_by, source, content_hash, row_counts) VALUES (1, 1, 1, :t, 'oud', "
                "'oud', :h, '{}')"), {"t": moment, "h": "0" * 64})
            conn.execute(text(
                "INSERT INTO editions (id, name, version_id, status, created_at) "
                "VALUES (1, 'P-MIEK 1.0', 1, 'concept', :t)"), {"t": moment})
            conn.execute(text(
                "INSERT INTO decisions (id, edition_id, from_state, to_state, body, "
                "decided_on, reference, publication, note, recorded_by, recorded_at) VALUES "
                "(1, 1, 'concept', 'kernteam_akkoord', 'kernteam', '2025-06-02', '', '', "
                "'', 'oud', :t)"), {"t": moment})
            # ids 1, 2 and 5: PostgreSQL leaves gaps where a transaction rolled back
            conn.execute(sa.insert(_OLD_AUDIT), [
                dict(id=1, at=moment, user_name="oud", action="import",
                     object_type="workspace", object_id="u", before=None,
                     after={"version": 1, "bron": "Ĳsselstein"}),
                dict(id=2, at=moment + dt.timedelta(seconds=1), user_name="oud",
                     action="create", object_type="edition", object_id="P-MIEK 1.0",
                     before=None, after={"aandeel": 0.1 + 0.2}),
                dict(id=5, at=moment + dt.timedelta(seconds=2), user_name="oud",
                     action="decide", object_type="edition", object_id="P-MIEK 1.0",
                     before={"state": "concept"}, after={"state": "kernteam_akkoord"})])
        upgrade(engine)
        store = Store(engine=engine)
        check = store.verify_audit()
        assert check.ok, check.problems
        rows = _rows(engine)
        assert [r["id"] for r in rows] == [1, 2, 5]
        assert [r["hash"] for r in rows] == [_independent_hash(r) for r in rows]
        assert check.head == rows[-1]["hash"]
        with engine.connect() as conn:
            assert conn.execute(select(m.editions.c.audit_head)).scalar_one() == rows[1]["hash"]
            assert conn.execute(select(m.decisions.c.audit_head)).scalar_one() \
                == rows[2]["hash"]
        store.add_user("nieuw", "kernteam")  # the chain goes on from the migrated head
        after = _rows(engine)
        assert after[-1]["id"] == 6 and after[-1]["prev_hash"] == rows[-1]["hash"]
        assert store.verify_audit().ok
        # and the upgrade's chain is checked like any other
        _sql(engine, "UPDATE audit_log SET object_id = 'x' WHERE id = 2")
        assert _kinds(store.verify_audit()) == [(2, "edited"), (None, "anchor")]
    finally:
        engine.dispose()


def test_a_backup_keeps_the_chain(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "backup.db"
    backup(store.engine, file)
    target = make_engine(f"sqlite:///{tmp_path}/copy.db")
    try:
        upgrade(target)
        restore(target, file)
        copy = Store(engine=target)
        check = copy.verify_audit()
        assert check.ok, check.problems
        assert (check.rows, check.head) == (10, store.verify_audit().head)
        copy.add_user("na", "publiek")
        assert copy.verify_audit().ok
    finally:
        target.dispose()


def test_concurrent_writers_keep_one_chain(database_url: str) -> None:
    with open_store(database_url) as first:
        first.add_user("a", "kernteam")
    stores = [Store(database_url) for _ in range(3)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores))

    def write(store: Store, index: int) -> None:
        try:
            start.wait()
            for n in range(15):
                accounts.audit_event(store, "a", "login", "session", f"{index}-{n}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, i)) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        check = stores[0].verify_audit()
        assert check.ok, check.problems
        assert check.rows == 1 + 3 * 15
    finally:
        for s in stores:
            s.close()


# --- the command ---------------------------------------------------------------------------


def test_verify_audit_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    with open_store(url) as store:
        _busy(store)
    runner = CliRunner()
    env = {"COLUMNS": "300", "PMIEK_DATABASE_URL": None}
    intact = runner.invoke(build_app("nl"), ["db", "verify-audit", "--db", url], env=env)
    assert intact.exit_code == 0, intact.output
    assert "10 auditregels gecontroleerd" in intact.output and "intact" in intact.output
    with open_store(url, migrate=False) as store:
        shown = store.verify_audit().head
    assert shown is not None and shown[:16] in intact.output
    engine = make_engine(url)
    _sql(engine, "UPDATE audit_log SET user_name = 'mallory' WHERE id = 4")
    _sql(engine, "DELETE FROM audit_log WHERE id = 10")
    engine.dispose()
    broken = runner.invoke(build_app("en"), ["db", "verify-audit", "--db", url], env=env)
    assert broken.exit_code == 1, broken.output
    assert "9 audit rows checked" in broken.output
    assert "Row 4 was edited" in broken.output and "head" in broken.output
    assert "problems found: 3" in broken.output


def test_verify_audit_refuses_an_old_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/old.db"
    engine = make_engine(url)
    upgrade(engine, "0006")
    engine.dispose()
    result = CliRunner().invoke(build_app("nl"), ["db", "verify-audit", "--db", url],
                                env={"PMIEK_DATABASE_URL": None})
    assert result.exit_code == 2
    assert "0006" in result.output and head() in result.output
