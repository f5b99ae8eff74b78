"""Accounts and web sessions in the store.

An account is a row of ``users``: a name, a role (:data:`~pmiek.adapters.store.models.ROLES`),
for a netbeheerder or gemeente the organisation it acts for (an operator's name or an area
id), a password hash (Argon2id, made by the web layer; the password itself never reaches the
store) and/or an OpenID Connect subject, and whether it is disabled. Every change of an
account is audited — a password as ``"password": "changed"``, never its hash.

A web session is kept by the SHA-256 of its token: the token lives only in the visitor's
cookie, so a copy of the database opens no session. :func:`session` refuses a session that
has ended, has been idle too long or whose account is disabled, and notes when it was last
used (at most once a minute, so that browsing does not write on every request). Sessions are
not audited one by one; the web layer records logins and logouts with :func:`audit_event`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import SYSTEM_USER, Store
from pmiek.errors import ConflictError, InputError, StoreError, said

PASSWORD_PREFIX = "$argon2id$"
"""What every stored password hash begins with (pwdlib's Argon2id)."""

TOUCH_EVERY = dt.timedelta(minutes=1)
"""A session's ``last_seen`` moves at most this often (and at most every tenth of the idle
limit), so that the idle limit holds to within this much."""

ACCOUNT_COLUMNS = ["name", "role", "organisation", "disabled", "created_at", "password",
                   "oidc"]
"""The columns of :func:`accounts` (``password`` and ``oidc``: whether the account has a
password, an OpenID Connect subject)."""


@dataclass(frozen=True)
class Account:
    """An account as stored."""

    id: int
    name: str
    role: str
    organisation: str | None
    password_hash: str | None
    disabled: bool
    created_at: dt.datetime
    oidc_subject: str | None


@dataclass(frozen=True)
class SessionInfo:
    """A valid web session: its account and CSRF token, and its times (UTC)."""

    name: str
    role: str
    organisation: str | None
    csrf_token: str
    created_at: dt.datetime
    last_seen: dt.datetime
    expires_at: dt.datetime


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC (a naive time, as SQLite gives back, is taken as UTC)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None \
        else moment.astimezone(dt.UTC)


def _now(now: dt.datetime | None) -> dt.datetime:
    return dt.datetime.now(dt.UTC) if now is None else _utc(now)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a session token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _account(row: Any) -> Account:
    return Account(int(row.id), row.name, row.role, row.organisation, row.password_hash,
                   bool(row.disabled), _utc(row.created_at), row.oidc_subject)


# --- reading ---------------------------------------------------------------------------------


def account(store: Store, name: str) -> Account | None:
    """The account ``name`` (None: there is none)."""
    with store._connect() as conn:
        row = conn.execute(select(m.users).where(m.users.c.name == name)).first()
    return None if row is None else _account(row)


def account_by_subject(store: Store, subject: str) -> Account | None:
    """The account linked to the OpenID Connect ``subject`` (None: none is)."""
    with store._connect() as conn:
        row = conn.execute(select(m.users).where(m.users.c.oidc_subject == subject)).first()
    return None if row is None else _account(row)


def accounts(store: Store) -> pd.DataFrame:
    """Every account, by name (:data:`ACCOUNT_COLUMNS`; no hashes, no subjects)."""
    u = m.users
    with store._connect() as conn:
        rows = conn.execute(select(u.c.name, u.c.role, u.c.organisation, u.c.disabled,
                                   u.c.created_at, u.c.password_hash.is_not(None),
                                   u.c.oidc_subject.is_not(None)).order_by(u.c.name)).all()
    frame = pd.DataFrame(rows, columns=ACCOUNT_COLUMNS)
    for column in ("disabled", "password", "oidc"):
        frame[column] = frame[column].astype(bool)
    return frame


# --- checks ----------------------------------------------------------------------------------


def check_account(name: str, role: str, organisation: str | None) -> tuple[str, str | None]:
    """The account's name and organisation stripped, or an InputError that says what is
    wrong: an empty or long name, an unknown role, a scoped role without organisation."""
    name = name.strip()
    if not name or len(name) > 200:
        raise said(InputError, nl="Een account heeft een naam van 1 tot 200 tekens.",
                   en="An account has a name of 1 to 200 characters.")
    if role not in m.ROLES:
        raise said(InputError,
                   nl=f"Onbekende rol '{role}'; de rollen zijn {', '.join(m.ROLES)}.",
                   en=f"Unknown role '{role}'; the roles are {', '.join(m.ROLES)}.")
    organisation = (organisation or "").strip() or None
    if organisation is not None and len(organisation) > 200:
        raise said(InputError, nl="Een organisatie heeft een naam van hoogstens 200 tekens.",
                   en="An organisation has a name of at most 200 characters.")
    if role in m.SCOPED_ROLES and organisation is None:
        what_nl = "netbeheerder (zoals in assets.operator)" if role == "netbeheerder" \
            else "gebied (gemeente- of regio-id)"
        what_en = "grid operator (as in assets.operator)" if role == "netbeheerder" \
            else "area (municipality or region id)"
        raise said(InputError,
                   nl=f"Een account met de rol {role} hoort bij een organisatie: geef de "
                      f"{what_nl}.",
                   en=f"An account with the role {role} belongs to an organisation: give "
                      f"the {what_en}.")
    return name, organisation


def _check_hash(password_hash: str | None) -> None:
    if password_hash is not None and not password_hash.startswith(PASSWORD_PREFIX):
        raise said(InputError,
                   nl="Dat is geen Argon2id-hash: de opslag bewaart nooit een wachtwoord zelf.",
                   en="That is no Argon2id hash: the store never keeps a password itself.")


def _unknown(name: str) -> StoreError:
    return said(StoreError, nl=f"Geen account '{name}' in de opslag.",
                en=f"No account '{name}' in the store.")


def _row_for_update(conn: Connection, name: str) -> Any:
    row = conn.execute(select(m.users).where(m.users.c.name == name)).first()
    if row is None:
        raise _unknown(name)
    return row


# --- changing accounts ---------------------------------------------------------------------


def create_account(store: Store, name: str, role: str, *, organisation: str | None = None,
                   password_hash: str | None = None, oidc_subject: str | None = None,
                   by: str, by_role: str | None = None) -> Account:
    """A new account, audited as created by ``by`` (with ``by_role`` when given, else the
    role of the account ``by``). ConflictError when the name (or subject) is taken."""
    name, organisation = check_account(name, role, organisation)
    _check_hash(password_hash)
    store.add_user(name, role, by=by, organisation=organisation, password_hash=password_hash,
                   oidc_subject=oidc_subject, by_role=by_role)
    made = account(store, name)
    assert made is not None
    return made


def set_password(store: Store, name: str, password_hash: str, *, by: str,
                 rehash: bool = False) -> None:
    """Give the account ``name`` a new password (its Argon2id hash) and end its sessions.
    With ``rehash`` it is the same password hashed anew (a newer cost profile, at login):
    the sessions stay, and the audit log says ``"password": "rehashed"``."""
    _check_hash(password_hash)
    store.check()
    with store._begin() as conn:
        row = _row_for_update(conn, name)
        conn.execute(update(m.users).where(m.users.c.id == row.id)
                     .values(password_hash=password_hash))
        if not rehash:
            conn.execute(delete(m.web_sessions).where(m.web_sessions.c.user_id == row.id))
        store._audit(conn, by, "set_password", "user", name, before=None,
                     after={"password": "rehashed" if rehash else "changed"})


def set_disabled(store: Store, name: str, disabled: bool, *, by: str) -> None:
    """Disable (or enable again) the account ``name``; disabling ends its sessions."""
    store.check()
    with store._begin() as conn:
        row = _row_for_update(conn, name)
        if disabled:
            conn.execute(delete(m.web_sessions).where(m.web_sessions.c.user_id == row.id))
        if bool(row.disabled) == disabled:
            return
        conn.execute(update(m.users).where(m.users.c.id == row.id).values(disabled=disabled))
        store._audit(conn, by, "disable" if disabled else "enable", "user", name,
                     before={"disabled": bool(row.disabled)}, after={"disabled": disabled})


def upsert_oidc_account(store: Store, subject: str, name: str, role: str,
                        organisation: str | None, *, by: str = SYSTEM_USER) -> Account:
    """The account of an OpenID Connect ``subject``: made on its first login, its name, role
    and organisation brought up to date (from the issuer's claims) on later ones, each change
    audited. A local account that already has ``name`` is not taken over: ConflictError."""
    name, organisation = check_account(name, role, organisation)
    if not subject.strip() or len(subject) > 200:
        raise said(InputError, nl="Een OIDC-subject heeft 1 tot 200 tekens.",
                   en="An OIDC subject has 1 to 200 characters.")
    found = account_by_subject(store, subject)
    if found is None:
        if account(store, name) is not None:
            raise said(ConflictError,
                       nl=f"Er is al een account '{name}' dat niet aan deze OIDC-login is "
                          "gekoppeld; de beheerder kan het koppelen of een andere naam geven.",
                       en=f"There is already an account '{name}' that is not linked to this "
                          "OIDC login; the beheerder can link it or choose another name.")
        return create_account(store, name, role, organisation=organisation,
                              oidc_subject=subject, by=by)
    wanted = {"name": name, "role": role, "organisation": organisation}
    current = {"name": found.name, "role": found.role, "organisation": found.organisation}
    changed = {k for k in wanted if wanted[k] != current[k]}
    if changed:
        try:
            with store._begin() as conn:
                conn.execute(update(m.users).where(m.users.c.id == found.id).values(
                    **{k: wanted[k] for k in changed}))
                store._audit(conn, by, "update", "user", name,
                             before={k: current[k] for k in sorted(changed)},
                             after={k: wanted[k] for k in sorted(changed)})
        except IntegrityError:
            raise said(ConflictError, nl=f"De naam '{name}' is al van een ander account.",
                       en=f"The name '{name}' belongs to another account.") from None
    made = account_by_subject(store, subject)
    assert made is not None
    return made


def audit_event(store: Store, user: str, action: str, object_type: str, object_id: str, *,
                before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
                role: str | None = None, organisation: str | None = None) -> str:
    """Append one audit row in its own transaction (a login, a logout, a refused login…);
    returns the new head hash. Role and organisation are those of the account ``user`` unless
    given."""
    store.check()
    with store._begin() as conn:
        return store._audit(conn, user, action, object_type, object_id, before=before,
                            after=after, role=role, organisation=organisation)


# --- sessions --------------------------------------------------------------------------------


def create_session(store: Store, name: str, *, lifetime: dt.timedelta,
                   now: dt.datetime | None = None) -> tuple[str, str]:
    """A new session of the account ``name`` that ends after ``lifetime``: its token (for
    the cookie; only its SHA-256 is stored) and its CSRF token. An unknown or disabled
    account is a StoreError. Sessions that have ended are cleared on the way."""
    moment = _now(now)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    store.check()
    with store._begin() as conn:
        row = conn.execute(select(m.users.c.id, m.users.c.disabled)
                           .where(m.users.c.name == name)).first()
        if row is None:
            raise _unknown(name)
        if row.disabled:
            raise said(StoreError, nl=f"Het account '{name}' is uitgeschakeld.",
                       en=f"The account '{name}' is disabled.")
        conn.execute(delete(m.web_sessions).where(m.web_sessions.c.expires_at <= moment))
        conn.execute(insert(m.web_sessions).values(
            id_hash=token_hash(token), user_id=row.id, csrf_token=csrf, created_at=moment,
            last_seen=moment, expires_at=moment + lifetime))
    return token, csrf


def session(store: Store, token: str, *, idle: dt.timedelta,
            now: dt.datetime | None = None) -> SessionInfo | None:
    """The session of ``token``; None when there is none, it has ended, it was idle for
    longer than ``idle`` or its account is disabled (an ended or idle session is removed)."""
    moment = _now(now)
    s, u = m.web_sessions, m.users
    key = token_hash(token)
    with store._connect() as conn:
        row = conn.execute(select(s, u.c.name, u.c.role, u.c.organisation, u.c.disabled)
                           .join(u, u.c.id == s.c.user_id).where(s.c.id_hash == key)).first()
    if row is None or row.disabled:
        return None
    expires, last_seen = _utc(row.expires_at), _utc(row.last_seen)
    if moment >= expires or moment - last_seen > idle:
        with store._begin() as conn:
            conn.execute(delete(s).where(s.c.id_hash == key))
        return None
    if moment - last_seen >= min(TOUCH_EVERY, idle / 10):
        with store._begin() as conn:
            conn.execute(update(s).where(s.c.id_hash == key).values(last_seen=moment))
        last_seen = moment
    return SessionInfo(row.name, row.role, row.organisation, row.csrf_token,
                       _utc(row.created_at), last_seen, expires)


def end_session(store: Store, token: str) -> bool:
    """End the session of ``token`` (logout); whether there was one."""
    with store._begin() as conn:
        ended = conn.execute(delete(m.web_sessions).where(
            m.web_sessions.c.id_hash == token_hash(token))).rowcount
    return bool(ended)


def end_sessions_of(store: Store, name: str) -> int:
    """End every session of the account ``name``; how many there were."""
    with store._begin() as conn:
        user_id = conn.execute(select(m.users.c.id).where(m.users.c.name == name)
                               ).scalar_one_or_none()
        if user_id is None:
            raise _unknown(name)
        ended = conn.execute(delete(m.web_sessions).where(
            m.web_sessions.c.user_id == user_id)).rowcount
    return int(ended)


__all__ = ["ACCOUNT_COLUMNS", "Account", "SessionInfo", "account", "account_by_subject",
           "accounts", "audit_event", "check_account", "create_account", "create_session",
           "end_session", "end_sessions_of", "session", "set_disabled", "set_password",
           "token_hash", "upsert_oidc_account"]
