"""Accounts and web sessions in the store: organisations for scoped roles, password hashes
only (never in the audit log), disabling ends sessions, sessions end after their lifetime or
when idle, the token is never stored, OpenID Connect accounts. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import select
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.store import accounts as ac
from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import Store
from pmiek.errors import ConflictError, InputError, StoreError
from tests.store.helpers import open_store

T0 = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
MINUTE = dt.timedelta(minutes=1)


@cache
def _hasher() -> PasswordHash:
    """Argon2id with a test's cost (the web layer's 'fast' profile)."""
    return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))


def _hash(password: str) -> str:
    return _hasher().hash(password)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        opened.add_user("beheer", "beheerder")
        yield opened


def _get(store: Store, name: str) -> ac.Account:
    found = ac.account(store, name)
    assert found is not None
    return found


def _audit_text(store: Store) -> str:
    log = store.audit(chain=True)
    return "\n".join(str(v) for v in log.astype(str).to_numpy().ravel())


# --- accounts ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["netbeheerder", "gemeente"])
@pytest.mark.parametrize("organisation", [None, "", "   "])
def test_a_scoped_role_needs_an_organisation(store: Store, role: str,
                                             organisation: str | None) -> None:
    with pytest.raises(InputError) as raised:
        ac.create_account(store, "iemand", role, organisation=organisation, by="beheer")
    assert "organisatie" in raised.value.texts["nl"]
    assert "organisation" in raised.value.texts["en"]
    assert ac.account(store, "iemand") is None


@pytest.mark.parametrize(("name", "role", "expected"), [
    ("", "kernteam", "naam"), ("x" * 201, "kernteam", "naam"), ("koning", "vorst", "vorst")])
def test_a_bad_name_or_role_is_refused(store: Store, name: str, role: str,
                                       expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        ac.create_account(store, name, role, by="beheer")


def test_create_and_read_an_account(store: Store) -> None:
    password = _hash("correct paard batterij niet")
    made = ac.create_account(store, "  stedin-anna ", "netbeheerder", organisation=" Stedin ",
                             password_hash=password, by="beheer")
    assert (made.name, made.role, made.organisation) == ("stedin-anna", "netbeheerder",
                                                         "Stedin")
    assert made.password_hash == password and password.startswith("$argon2id$")
    assert not made.disabled and made.oidc_subject is None
    assert made.created_at.tzinfo is not None
    assert ac.account(store, "stedin-anna") == made
    assert _hasher().verify("correct paard batterij niet", made.password_hash)
    ac.create_account(store, "kern", "kernteam", by="beheer")  # no organisation needed
    with pytest.raises(ConflictError, match="stedin-anna"):
        ac.create_account(store, "stedin-anna", "kernteam", by="beheer")
    listing = ac.accounts(store)
    assert list(listing.columns) == ac.ACCOUNT_COLUMNS
    assert listing[["name", "password", "disabled"]].values.tolist() == [
        ["beheer", False, False], ["kern", False, False], ["stedin-anna", True, False]]
    assert password not in listing.astype(str).to_numpy().ravel().tolist()


def test_a_clear_password_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="Argon2id"):
        ac.create_account(store, "kern", "kernteam", password_hash="geheim", by="beheer")
    ac.create_account(store, "kern", "kernteam", by="beheer")
    with pytest.raises(InputError, match="Argon2id"):
        ac.set_password(store, "kern", "geheim", by="beheer")
    assert _get(store, "kern").password_hash is None


def test_every_change_is_audited_but_never_a_hash(store: Store) -> None:
    first, second = _hash("eerste wachtwoord"), _hash("tweede wachtwoord")
    ac.create_account(store, "houten", "gemeente", organisation="GM0321", password_hash=first,
                      by="beheer")
    ac.set_password(store, "houten", second, by="beheer")
    ac.set_disabled(store, "houten", True, by="beheer")
    ac.set_disabled(store, "houten", True, by="beheer")  # no change: no row
    ac.set_disabled(store, "houten", False, by="beheer")
    log = store.audit(chain=True)
    mine = log[log["object_id"] == "houten"]
    assert mine["action"].tolist() == ["create", "set_password", "disable", "enable"]
    assert set(mine["user"]) == {"beheer"} and set(mine["role"]) == {"beheerder"}
    assert mine.iloc[0]["after"] == {"role": "gemeente", "organisation": "GM0321",
                                     "password": "set"}
    assert mine.iloc[1]["after"] == {"password": "changed"}
    assert mine.iloc[2][["before", "after"]].tolist() == [{"disabled": False},
                                                          {"disabled": True}]
    text = _audit_text(store)
    assert first not in text and second not in text and "$argon2" not in text
    assert _get(store, "houten").password_hash == second
    assert store.verify_audit().ok


def test_changing_an_unknown_account_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="niemand"):
        ac.set_password(store, "niemand", _hash("x"), by="beheer")
    with pytest.raises(StoreError, match="niemand"):
        ac.set_disabled(store, "niemand", True, by="beheer")
    with pytest.raises(StoreError, match="niemand"):
        ac.create_session(store, "niemand", lifetime=HOUR)


def test_audit_event_records_the_accounts_role(store: Store) -> None:
    ac.create_account(store, "stedin", "netbeheerder", organisation="Stedin", by="beheer")
    head = ac.audit_event(store, "stedin", "login", "session", "stedin",
                          after={"via": "wachtwoord"})
    ac.audit_event(store, "onbekend", "login_refused", "session", "onbekend")
    log = store.audit(chain=True)
    login = log.iloc[-2]
    assert (login["action"], login["role"], login["organisation"]) == (
        "login", "netbeheerder", "Stedin")
    assert login["hash"] == head and login["after"] == {"via": "wachtwoord"}
    refused = log.iloc[-1]
    assert refused["action"] == "login_refused" and pd.isna(refused["role"])
    assert store.verify_audit().head == refused["hash"]


# --- sessions ------------------------------------------------------------------------------


def test_a_session_gives_its_account_and_csrf_token(store: Store) -> None:
    ac.create_account(store, "houten", "gemeente", organisation="GM0321", by="beheer")
    token, csrf = ac.create_session(store, "houten", lifetime=8 * HOUR, now=T0)
    assert token != csrf and len(token) >= 43 and len(csrf) >= 43
    info = ac.session(store, token, idle=HOUR, now=T0 + 10 * MINUTE)
    assert info is not None
    assert (info.name, info.role, info.organisation, info.csrf_token) == (
        "houten", "gemeente", "GM0321", csrf)
    assert (info.created_at, info.last_seen, info.expires_at) == (
        T0, T0 + 10 * MINUTE, T0 + 8 * HOUR)
    assert ac.session(store, "een-ander-token", idle=HOUR, now=T0) is None
    other, _ = ac.create_session(store, "houten", lifetime=8 * HOUR, now=T0)
    assert other != token  # a new id for every login


def test_the_token_is_not_stored_in_clear(store: Store) -> None:
    token, csrf = ac.create_session(store, "beheer", lifetime=HOUR)
    with store.engine.connect() as conn:
        rows = conn.execute(select(m.web_sessions)).all()
    stored = [str(v) for row in rows for v in row]
    assert all(token not in value for value in stored)
    assert rows[0].id_hash == hashlib.sha256(token.encode()).hexdigest()
    assert csrf in stored  # the CSRF token is no secret from the store: it goes in pages


def test_a_session_ends_after_its_lifetime(store: Store) -> None:
    token, _ = ac.create_session(store, "beheer", lifetime=8 * HOUR, now=T0)
    for hours in range(1, 8):  # in use all day, never idle
        assert ac.session(store, token, idle=2 * HOUR, now=T0 + hours * HOUR) is not None
    assert ac.session(store, token, idle=2 * HOUR, now=T0 + 8 * HOUR - MINUTE) is not None
    assert ac.session(store, token, idle=2 * HOUR, now=T0 + 8 * HOUR) is None
    assert ac.session(store, token, idle=2 * HOUR, now=T0 + HOUR) is None  # removed


def test_a_session_ends_when_idle(store: Store) -> None:
    token, _ = ac.create_session(store, "beheer", lifetime=8 * HOUR, now=T0)
    idle = 30 * MINUTE
    assert ac.session(store, token, idle=idle, now=T0 + 20 * MINUTE) is not None
    assert ac.session(store, token, idle=idle, now=T0 + 45 * MINUTE) is not None
    assert ac.session(store, token, idle=idle, now=T0 + 76 * MINUTE) is None
    assert ac.session(store, token, idle=idle, now=T0 + 77 * MINUTE) is None


def test_last_seen_moves_at_most_once_a_minute(store: Store) -> None:
    token, _ = ac.create_session(store, "beheer", lifetime=HOUR, now=T0)
    soon = ac.session(store, token, idle=HOUR, now=T0 + dt.timedelta(seconds=20))
    assert soon is not None and soon.last_seen == T0
    later = ac.session(store, token, idle=HOUR, now=T0 + 2 * MINUTE)
    assert later is not None and later.last_seen == T0 + 2 * MINUTE


def test_a_disabled_account_has_no_session(store: Store) -> None:
    ac.create_account(store, "kern", "kernteam", by="beheer")
    first, _ = ac.create_session(store, "kern", lifetime=HOUR, now=T0)
    second, _ = ac.create_session(store, "kern", lifetime=HOUR, now=T0)
    mine, _ = ac.create_session(store, "beheer", lifetime=HOUR, now=T0)
    ac.set_disabled(store, "kern", True, by="beheer")
    assert ac.session(store, first, idle=HOUR, now=T0) is None
    assert ac.session(store, second, idle=HOUR, now=T0) is None
    assert ac.session(store, mine, idle=HOUR, now=T0) is not None  # others keep theirs
    with pytest.raises(StoreError, match="uitgeschakeld"):
        ac.create_session(store, "kern", lifetime=HOUR, now=T0)
    ac.set_disabled(store, "kern", False, by="beheer")
    assert ac.session(store, first, idle=HOUR, now=T0) is None  # ended, not paused
    again, _ = ac.create_session(store, "kern", lifetime=HOUR, now=T0)
    assert ac.session(store, again, idle=HOUR, now=T0) is not None


def test_a_new_password_ends_the_sessions_a_rehash_does_not(store: Store) -> None:
    token, _ = ac.create_session(store, "beheer", lifetime=HOUR, now=T0)
    ac.set_password(store, "beheer", _hash("wachtwoord"), by="beheer", rehash=True)
    assert ac.session(store, token, idle=HOUR, now=T0) is not None
    ac.set_password(store, "beheer", _hash("nieuw wachtwoord"), by="beheer")
    assert ac.session(store, token, idle=HOUR, now=T0) is None
    log = store.audit()
    assert [a["password"] for a in log[log["action"] == "set_password"]["after"]] == [
        "rehashed", "changed"]


def test_logout_and_ending_all_sessions(store: Store) -> None:
    tokens = [ac.create_session(store, "beheer", lifetime=HOUR, now=T0)[0] for _ in range(3)]
    assert ac.end_session(store, tokens[0]) is True
    assert ac.end_session(store, tokens[0]) is False
    assert ac.session(store, tokens[0], idle=HOUR, now=T0) is None
    assert ac.session(store, tokens[1], idle=HOUR, now=T0) is not None
    assert ac.end_sessions_of(store, "beheer") == 2
    assert all(ac.session(store, t, idle=HOUR, now=T0) is None for t in tokens)


def test_ended_sessions_are_cleared_at_the_next_login(store: Store) -> None:
    ac.create_session(store, "beheer", lifetime=HOUR, now=T0)
    ac.create_session(store, "beheer", lifetime=HOUR, now=T0 + 2 * HOUR)
    with store.engine.connect() as conn:
        assert len(conn.execute(select(m.web_sessions)).all()) == 1


# --- OpenID Connect ------------------------------------------------------------------------


def test_an_oidc_account_is_made_then_kept_up_to_date(store: Store) -> None:
    made = ac.upsert_oidc_account(store, "sub-123", "j.jansen", "gemeente", "GM0344",
                                  by="oidc")
    assert (made.name, made.role, made.organisation, made.oidc_subject) == (
        "j.jansen", "gemeente", "GM0344", "sub-123")
    assert made.password_hash is None
    assert ac.upsert_oidc_account(store, "sub-123", "j.jansen", "gemeente", "GM0344",
                                  by="oidc") == made  # nothing changed: nothing written
    rows = len(store.audit())
    changed = ac.upsert_oidc_account(store, "sub-123", "j.jansen", "kernteam", None,
                                     by="oidc")
    assert (changed.id, changed.role, changed.organisation) == (made.id, "kernteam", None)
    assert ac.account_by_subject(store, "sub-123") == changed
    log = store.audit()
    assert len(log) == rows + 1
    assert log.iloc[-1][["action", "before", "after"]].tolist() == [
        "update", {"organisation": "GM0344", "role": "gemeente"},
        {"organisation": None, "role": "kernteam"}]
    assert ac.accounts(store).set_index("name").loc["j.jansen", "oidc"]


def test_an_oidc_login_does_not_take_over_a_local_account(store: Store) -> None:
    with pytest.raises(ConflictError, match="beheer"):
        ac.upsert_oidc_account(store, "sub-9", "beheer", "kernteam", None, by="oidc")
    assert _get(store, "beheer").oidc_subject is None
    with pytest.raises(InputError, match="organisatie"):
        ac.upsert_oidc_account(store, "sub-9", "x", "netbeheerder", None, by="oidc")
    assert ac.account_by_subject(store, "sub-9") is None


def test_the_command_line_gives_an_account_its_organisation(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    with open_store(url):
        pass
    runner = CliRunner()
    env = {"PMIEK_DATABASE_URL": None, "PMIEK_USER": "beheer"}
    for args in (["beheer", "--role", "beheerder"],
                 ["stedin", "--role", "netbeheerder", "--organisation", "Stedin"]):
        result = runner.invoke(build_app("nl"), ["db", "user", "add", *args, "--db", url],
                               env=env)
        assert result.exit_code == 0, result.output
    with open_store(url, migrate=False) as store:
        assert _get(store, "stedin").organisation == "Stedin"
        assert _get(store, "beheer").organisation is None
        assert store.audit().iloc[-1]["after"] == {"role": "netbeheerder",
                                                   "organisation": "Stedin"}
