"""The audit log as a hash chain: every row carries the SHA-256 of its own content and of the
row before it, so that an edited or deleted row shows.

A row's hash is the SHA-256 of the canonical JSON (:func:`canonical`) of its id, time (UTC,
ISO 8601 with microseconds: the same text on SQLite, which keeps naive UTC times, and on
PostgreSQL), actor, role, organisation, action, object, the states before and after, and the
previous row's hash (:data:`GENESIS` for the first row). ``audit_head`` keeps the newest link
(id, number of rows, hash), so that deleting or editing the newest row shows too; and each
decision and edition stores the head as it was right after its own audit row (its anchor), so
that a chain rewritten from some row on no longer contains the anchors recorded after it.

:func:`append` is the only way a row gets in: it takes the head row for update (PostgreSQL
``SELECT … FOR UPDATE``; on SQLite a write on the head first takes the database's write lock,
so that the head is read inside the writing transaction), gives the row the next id, and
moves the head, all in the caller's transaction. Ids are therefore consecutive from then on
(the rows from before migration 0007 keep theirs, with the gaps a rolled-back PostgreSQL
transaction leaves); a broken link over a gap names the deleted ids. :func:`verify` checks
all of it and names each problem in Dutch and English.

Migration 0007 chains the rows that existed before with a frozen copy of :func:`row_hash`; a
test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from pmiek.adapters.store import models as m
from pmiek.errors import StoreError, said

GENESIS = "0" * 64
"""The previous hash of the first row."""

HEAD_ID = 1

PROBLEM_KINDS = ("edited", "link", "deleted", "head", "anchor")
"""edited: a row's content no longer gives its hash; link: a row does not point at the one
before it; deleted: that, with ids missing before it (deleted rows); head: the head does not
match the newest row or the number of rows; anchor: a decision's or edition's anchor is not a
hash of the chain."""


def utc_text(moment: dt.datetime) -> str:
    """``moment`` in UTC as ISO 8601 with microseconds (a naive time is taken as UTC, which is
    how SQLite hands back what was stored in UTC)."""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None \
        else moment.astimezone(dt.UTC)
    return aware.isoformat(timespec="microseconds")


def canonical(value: Any) -> str:
    """The canonical JSON text of ``value``: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def row_hash(*, row_id: int, at: dt.datetime, user: str, role: str | None,
             organisation: str | None, action: str, object_type: str, object_id: str,
             before: Any, after: Any, prev_hash: str) -> str:
    """The SHA-256 (hex) of one audit row's content and its predecessor's hash."""
    content = {"id": int(row_id), "at": utc_text(at), "user": user, "role": role,
               "organisation": organisation, "action": action, "object_type": object_type,
               "object_id": object_id, "before": before, "after": after,
               "prev_hash": prev_hash}
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def _hash_of(row: Any) -> str:
    """The hash a stored audit row (a result row of ``audit_log``) should have."""
    return row_hash(row_id=row.id, at=row.at, user=row.user_name, role=row.role,
                    organisation=row.organisation, action=row.action,
                    object_type=row.object_type, object_id=row.object_id, before=row.before,
                    after=row.after, prev_hash=row.prev_hash)


def _json_value(value: Any) -> Any:
    """``value`` as it will read back from a JSON column (tuples become lists, …)."""
    return None if value is None else json.loads(json.dumps(value))


def _dialect_insert(conn: Connection) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(
        m.audit_head)


def _lock_head(conn: Connection) -> Any:
    """The head row, locked against other writers until the transaction ends (None: no
    audit row was ever written)."""
    h = m.audit_head
    if conn.dialect.name == "sqlite":
        # A write first: the driver begins the transaction and SQLite grants the write lock
        # (waiting for another writer) before the head is read, so the read is not stale.
        conn.execute(update(h).where(h.c.id == HEAD_ID).values(id=h.c.id))
    return conn.execute(select(h).where(h.c.id == HEAD_ID).with_for_update()).first()


def _head_for_append(conn: Connection) -> Any:
    head = _lock_head(conn)
    if head is not None:
        return head
    if conn.execute(select(m.audit_log.c.id).limit(1)).first() is not None:
        raise said(StoreError,
                   nl="Het auditlogboek heeft rijen maar geen kop (audit_head): er is met de "
                      "database geknoeid. Er is niets geschreven; zie 'pmiek db verify-audit'.",
                   en="The audit log has rows but no head (audit_head): the database has been "
                      "tampered with. Nothing was written; see 'pmiek db verify-audit'.")
    # The first audit row: make the head (a second first writer waits here, then finds it).
    conn.execute(_dialect_insert(conn).values(
        id=HEAD_ID, last_id=0, count=0, hash=GENESIS).on_conflict_do_nothing(
        index_elements=["id"]))
    return _lock_head(conn)


def actor(conn: Connection, user: str) -> tuple[str | None, str | None]:
    """The role and organisation of the account ``user`` (None, None: no account, as for
    pmiek's own user)."""
    row = conn.execute(select(m.users.c.role, m.users.c.organisation)
                       .where(m.users.c.name == user)).first()
    return (None, None) if row is None else (row.role, row.organisation)


def append(conn: Connection, *, user: str, action: str, object_type: str, object_id: str,
           before: Any, after: Any, role: str | None = None,
           organisation: str | None = None, at: dt.datetime | None = None) -> str:
    """Write one audit row in the caller's transaction and move the head; returns the new
    head hash (the anchor of a decision or edition recorded in the same transaction)."""
    head = _head_for_append(conn)
    row_id = int(head.last_id) + 1
    moment = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    before, after = _json_value(before), _json_value(after)
    digest = row_hash(row_id=row_id, at=moment, user=user, role=role, organisation=organisation,
                      action=action, object_type=object_type, object_id=object_id,
                      before=before, after=after, prev_hash=head.hash)
    conn.execute(insert(m.audit_log).values(
        id=row_id, at=moment, user_name=user, role=role, organisation=organisation,
        action=action, object_type=object_type, object_id=object_id, before=before,
        after=after, prev_hash=head.hash, hash=digest))
    h = m.audit_head
    conn.execute(update(h).where(h.c.id == HEAD_ID).values(
        last_id=row_id, count=h.c["count"] + 1, hash=digest))
    return digest


# --- verification --------------------------------------------------------------------------


class AuditProblem(NamedTuple):
    """One thing wrong with the chain: the audit row it shows at (None: the chain as a
    whole), its kind (:data:`PROBLEM_KINDS`) and what is wrong in Dutch and English."""

    audit_id: int | None
    kind: str
    nl: str
    en: str


@dataclass(frozen=True)
class AuditCheck:
    """The outcome of :func:`verify`: whether the chain is intact, the number of rows checked,
    the head hash (None: no head) and the problems found."""

    ok: bool
    rows: int
    head: str | None
    problems: list[AuditProblem] = field(default_factory=list)


def _link_problem(row_id: int, previous_id: int) -> AuditProblem:
    """Row ``row_id`` does not point at row ``previous_id``: deleted rows when ids lie
    between them."""
    first, last = previous_id + 1, row_id - 1
    if first > last:
        return AuditProblem(row_id, "link",
                            f"Rij {row_id} wijst niet naar de rij ervoor (bewerkt).",
                            f"Row {row_id} does not point at the row before it (edited).")
    span_nl = f"rij {first}" if first == last else f"de rijen {first} tot en met {last}"
    span_en = f"row {first}" if first == last else f"rows {first} to {last}"
    return AuditProblem(row_id, "deleted",
                        f"Rij {row_id} wijst niet naar rij {previous_id}: {span_nl} "
                        "verwijderd.",
                        f"Row {row_id} does not point at row {previous_id}: {span_en} "
                        "deleted.")


def _row_problems(rows: list[Any]) -> tuple[list[AuditProblem], set[str]]:
    """The problems of the rows themselves and the set of hashes that are sound.

    A plain loop: the chain is sequential by nature (each link needs the one before), and a
    SHA-256 per row is cheap next to reading the row."""
    problems: list[AuditProblem] = []
    sound: set[str] = set()
    previous_id, previous_hash = 0, GENESIS
    for row in rows:
        if row.prev_hash != previous_hash:
            problems.append(_link_problem(int(row.id), previous_id))
        expected = _hash_of(row)
        if row.hash != expected:
            problems.append(AuditProblem(
                row.id, "edited", f"Rij {row.id} is na het schrijven bewerkt: de inhoud past "
                                  "niet meer bij de hash.",
                f"Row {row.id} was edited after it was written: its content no longer "
                "matches its hash."))
        else:
            sound.add(expected)
        previous_id, previous_hash = int(row.id), row.hash
    return problems, sound


def _head_problems(conn: Connection, rows: list[Any]) -> tuple[list[AuditProblem], str | None]:
    head = conn.execute(select(m.audit_head).where(m.audit_head.c.id == HEAD_ID)).first()
    if head is None:
        if not rows:
            return [], None
        return [AuditProblem(None, "head", "Het auditlogboek heeft geen kop (audit_head).",
                             "The audit log has no head (audit_head).")], None
    problems = []
    last_id, last_hash = (rows[-1].id, rows[-1].hash) if rows else (0, GENESIS)
    if head.last_id != last_id or head.hash != last_hash:
        problems.append(AuditProblem(
            None, "head", f"De kop wijst naar rij {head.last_id}, maar de nieuwste rij is "
                          f"{last_id} of is bewerkt: de nieuwste rij(en) verwijderd of "
                          "bewerkt.",
            f"The head points at row {head.last_id}, but the newest row is {last_id} or was "
            "edited: the newest row(s) deleted or edited."))
    if head.count != len(rows):
        problems.append(AuditProblem(
            None, "head", f"De kop telt {head.count} rijen, het logboek heeft er {len(rows)}.",
            f"The head counts {head.count} rows, the log has {len(rows)}."))
    return problems, str(head.hash)


def _anchor_problems(conn: Connection, sound: set[str]) -> list[AuditProblem]:
    d, e = m.decisions, m.editions
    problems = []
    decisions = conn.execute(select(d.c.id, e.c.name, d.c.audit_head)
                             .join(e, e.c.id == d.c.edition_id)
                             .where(d.c.audit_head.is_not(None)).order_by(d.c.id)).all()
    for row in decisions:
        if row.audit_head not in sound:
            problems.append(AuditProblem(
                None, "anchor", f"Besluit {row.id} van editie '{row.name}' is verankerd aan "
                                f"{row.audit_head[:12]}…, dat niet (meer) in de keten staat.",
                f"Decision {row.id} of edition '{row.name}' is anchored to "
                f"{row.audit_head[:12]}…, which is not (or no longer) in the chain."))
    anchored = conn.execute(select(e.c.name, e.c.audit_head)
                            .where(e.c.audit_head.is_not(None)).order_by(e.c.id)).all()
    for edition in anchored:
        if edition.audit_head not in sound:
            problems.append(AuditProblem(
                None, "anchor", f"Editie '{edition.name}' is verankerd aan "
                                f"{edition.audit_head[:12]}…, dat niet (meer) in de keten staat.",
                f"Edition '{edition.name}' is anchored to {edition.audit_head[:12]}…, which is "
                "not (or no longer) in the chain."))
    return problems


def verify(conn: Connection) -> AuditCheck:
    """Check the whole chain: each row's hash, each link, consecutive ids, the head, and the
    anchors of decisions and editions."""
    a = m.audit_log
    rows = list(conn.execute(select(a).order_by(a.c.id)).all())
    problems, sound = _row_problems(rows)
    head_problems, head = _head_problems(conn, rows)
    problems += head_problems
    problems += _anchor_problems(conn, sound)
    return AuditCheck(ok=not problems, rows=len(rows), head=head, problems=problems)

