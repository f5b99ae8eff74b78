"""The governance trail in the store: editions, their decisions and runs.

:class:`Programme` acts for one named user of the store: every method first checks that the
user exists and that their role may take the action
(:data:`pmiek.programme.editions.PERMISSIONS`), every change is one transaction with an entry
in the audit log, and the process rules of :mod:`pmiek.programme.editions` decide which step
is allowed. From the GS-ontwerp on an edition is frozen: its workspace version and its runs
(with their result tables) can no longer change — each kind of change is refused in words.
Each decision and each new edition keeps the head of the audit chain right after its own
audit row (its anchor: :mod:`pmiek.adapters.store.audit_chain`).
The zienswijzen and the IP lists are in :mod:`pmiek.adapters.store.consultation_store`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import Store, _now
from pmiek.errors import ConflictError, InputError, StoreError, said
from pmiek.programme import editions as ed
from pmiek.programme.results import canonical_csv, read_canonical, tables_digest, text_hash

DECISION_COLUMNS = ["edition", "from_state", "to_state", "body", "decided_on", "reference",
                    "publication", "note"]


@dataclass(frozen=True)
class EditionInfo:
    """An edition as stored."""

    id: int
    name: str
    workspace: str
    version: int
    version_id: int
    content_hash: str
    state: str
    predecessor: str | None
    inzage_start: str | None
    inzage_end: str | None
    inzage_weeks: int | None
    kennisgeving: str | None

    @property
    def frozen(self) -> bool:
        return ed.is_frozen(self.state)


class Programme:
    """The governance trail of ``store``, acted on by ``user``."""

    def __init__(self, store: Store, user: str) -> None:
        self.store = store
        self.user = user

    # --- who ----------------------------------------------------------------------------------

    def role(self) -> str | None:
        """The acting user's role (None: not a user of this store)."""
        with self.store._connect() as conn:
            return conn.execute(select(m.users.c.role).where(m.users.c.name == self.user)
                                ).scalar_one_or_none()

    def require(self, action: str) -> None:
        """Refuse ``action`` unless the acting user's role may take it."""
        self.store.check()
        ed.check_permission(self.user, self.role(), action)

    def audit(self, conn: Connection, action: str, object_type: str, object_id: str, *,
              before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        """Append an audit row for the acting user; returns the new head of the audit chain
        (the anchor of a decision or edition recorded in the same transaction)."""
        return self.store._audit(conn, self.user, action, object_type, object_id,
                                 before=before, after=after)

    # --- editions -----------------------------------------------------------------------------

    def _info(self, conn: Connection, name: str) -> EditionInfo:
        e, v, w = m.editions, m.workspace_versions, m.workspaces
        pred = e.alias("pred")
        row = conn.execute(
            select(e, w.c.name.label("workspace"), v.c.number, v.c.content_hash,
                   pred.c.name.label("predecessor"))
            .join(v, v.c.id == e.c.version_id).join(w, w.c.id == v.c.workspace_id)
            .outerjoin(pred, pred.c.id == e.c.predecessor_id).where(e.c.name == name)).first()
        if row is None:
            known = conn.execute(select(e.c.name).order_by(e.c.name)).scalars().all()
            raise said(StoreError, nl=f"Geen editie '{name}'; de opslag heeft: "
                                      f"{', '.join(known) or 'geen'}.",
                       en=f"No edition '{name}'; the store has: {', '.join(known) or 'none'}.")
        return EditionInfo(row.id, row.name, row.workspace, row.number, row.version_id,
                           row.content_hash, row.status, row.predecessor, row.inzage_start,
                           row.inzage_end, row.inzage_weeks, row.kennisgeving)

    def edition(self, name: str) -> EditionInfo:
        """The edition ``name``."""
        self.require("edition.read")
        with self.store._connect() as conn:
            return self._info(conn, name)

    def editions(self) -> pd.DataFrame:
        """Every edition with its workspace version and state."""
        self.require("edition.read")
        return self.store.editions()

    def new_edition(self, name: str, workspace: str, version: int | None = None, *,
                    predecessor: str | None = None) -> EditionInfo:
        """A new edition in state ``concept`` on a stored workspace version; with
        ``predecessor`` a herijking of that (adopted) edition."""
        self.require("edition.write")
        name = name.strip()
        if not name or len(name) > 200:
            raise said(InputError, nl="Een editie heeft een naam van 1 tot 200 tekens.",
                       en="An edition has a name of 1 to 200 characters.")
        try:
            with self.store._begin() as conn:
                pred_id = None
                if predecessor is not None:
                    pred = self._info(conn, predecessor)
                    ed.check_herijking(pred.state, predecessor)
                    pred_id = pred.id
                row = self.store._version_row(conn, workspace, version)
                anchor = self.audit(conn, "create", "edition", name, before=None,
                                    after={"workspace": workspace, "version": row.number,
                                           "predecessor": predecessor})
                conn.execute(insert(m.editions).values(
                    name=name, version_id=row.id, status="concept", created_at=_now(),
                    predecessor_id=pred_id, audit_head=anchor))
        except IntegrityError:
            raise said(ConflictError, nl=f"Editie '{name}' bestaat al.",
                       en=f"Edition '{name}' exists already.") from None
        return self.edition(name)

    def set_version(self, name: str, version: int) -> None:
        """Point a concept edition at another version of its workspace."""
        self.require("edition.write")
        with self.store._begin() as conn:
            info = self._info(conn, name)
            self._refuse_frozen(info, "een andere werkruimteversie kiezen",
                                "choosing another workspace version")
            row = self.store._version_row(conn, info.workspace, version)
            conn.execute(update(m.editions).where(m.editions.c.id == info.id)
                         .values(version_id=row.id))
            conn.execute(delete(m.edition_runs).where(m.edition_runs.c.edition_id == info.id))
            self.audit(conn, "set_version", "edition", name, before={"version": info.version},
                       after={"version": row.number})

    def require_open(self, name: str, what_nl: str, what_en: str) -> None:
        """Refuse (before any work) a change of a frozen edition: ``what`` in words."""
        self.require("edition.write")
        self._refuse_frozen(self.edition(name), what_nl, what_en)

    @staticmethod
    def _refuse_frozen(info: EditionInfo, what_nl: str, what_en: str) -> None:
        if info.frozen:
            raise ed.frozen_refusal(info.name, info.state, what_nl, what_en)

    # --- decisions ----------------------------------------------------------------------------

    def decisions(self, name: str | None = None) -> pd.DataFrame:
        """The decisions register (of one edition, or all), in order."""
        self.require("edition.read")
        d, e = m.decisions, m.editions
        query = (select(e.c.name, d.c.from_state, d.c.to_state, d.c.body, d.c.decided_on,
                        d.c.reference, d.c.publication, d.c.note)
                 .join(e, e.c.id == d.c.edition_id).order_by(d.c.id))
        if name is not None:
            query = query.where(e.c.name == name)
        with self.store._connect() as conn:
            rows = conn.execute(query).all()
        return pd.DataFrame(rows, columns=DECISION_COLUMNS)

    def _last_decision(self, conn: Connection, edition_id: int) -> dt.date | None:
        last = conn.execute(select(m.decisions.c.decided_on)
                            .where(m.decisions.c.edition_id == edition_id)
                            .order_by(m.decisions.c.id.desc()).limit(1)).scalar_one_or_none()
        return None if last is None else dt.date.fromisoformat(last)

    def advance(self, name: str, to: str, body: str, on: dt.date, *, reference: str = "",
                publication: str = "", note: str = "",
                term: tuple[dt.date, dt.date, int] | None = None,
                kennisgeving: str | None = None, unanswered: list[str] | None = None
                ) -> EditionInfo:
        """Take the step to ``to``: checked by :func:`~pmiek.programme.editions.check_transition`
        and recorded in the decisions register. The step to ``ter_inzage`` needs the
        ``term`` (start, end, weeks); the step to ``beantwoord`` the list of points still
        without an answer (``unanswered``, which must be empty) and a term that has ended."""
        self.require("edition.write")
        with self.store._begin() as conn:
            info = self._info(conn, name)
            ed.check_transition(info.state, to, body, on=on,
                                last_decision=self._last_decision(conn, info.id),
                                reference=reference, publication=publication)
            values: dict[str, Any] = {"status": to}
            if to == "ter_inzage":
                if term is None:
                    raise said(InputError, nl="Ter inzage leggen vraagt de eerste dag "
                                              "(--start).",
                               en="Opening for inspection needs the first day (--start).")
                values.update(inzage_start=term[0].isoformat(), inzage_end=term[1].isoformat(),
                              inzage_weeks=term[2], kennisgeving=kennisgeving)
            end = None if info.inzage_end is None else dt.date.fromisoformat(info.inzage_end)
            ed.check_answered_step(to, on=on, term_end=end, unanswered=unanswered or [])
            if to == ed.FROZEN_FROM:
                values["frozen_at"] = _now()
            if to == "vastgesteld":
                values.update(adopted_by=ed.body_name(body), adopted_on=on.isoformat())
            moved = conn.execute(update(m.editions).where(
                m.editions.c.id == info.id, m.editions.c.status == info.state).values(**values)
            ).rowcount
            if moved != 1:
                raise said(ConflictError, nl=f"Editie '{name}' veranderde tegelijk; probeer het "
                                             "opnieuw.",
                           en=f"Edition '{name}' changed at the same time; try again.")
            self._record(conn, info, (info.state, to), body=body, on=on, reference=reference,
                         publication=publication, note=note)
        return self.edition(name)

    def hear(self, name: str, body: str, on: dt.date, *, reference: str = "",
             note: str = "") -> None:
        """Record a hearing or advice (statencommissie, PS, Energy Board) without a step."""
        self.require("edition.write")
        with self.store._begin() as conn:
            info = self._info(conn, name)
            ed.check_hearing(info.state, body, on=on,
                             last_decision=self._last_decision(conn, info.id))
            self._record(conn, info, (info.state, info.state), body=body, on=on,
                         reference=reference, publication="", note=note)

    def _record(self, conn: Connection, info: EditionInfo, states: tuple[str, str], *,
                body: str, on: dt.date, reference: str, publication: str, note: str) -> None:
        before, after = states
        anchor = self.audit(conn, "decide", "edition", info.name, before={"state": before},
                            after={"state": after, "body": body, "on": on.isoformat(),
                                   "reference": reference, "publication": publication})
        conn.execute(insert(m.decisions).values(
            edition_id=info.id, from_state=before, to_state=after, body=body,
            decided_on=on.isoformat(), reference=reference, publication=publication, note=note,
            recorded_by=self.user, recorded_at=_now(), audit_head=anchor))

    # --- runs ---------------------------------------------------------------------------------

    def add_run(self, name: str, kind: str, parameters: Mapping[str, Any],
                frames: Mapping[str, pd.DataFrame], *, software: Mapping[str, Any]) -> int:
        """Store a run on the edition's workspace version with its result tables (canonical
        CSV) and their hash; a frozen edition refuses."""
        self.require("edition.write")
        texts = {key: canonical_csv(frame) for key, frame in frames.items()}
        with self.store._begin() as conn:
            info = self._info(conn, name)
            self._refuse_frozen(info, "runs toevoegen", "adding runs")
            now = _now()
            run_id = conn.execute(insert(m.runs).values(
                kind=kind, version_id=info.version_id, parameters=dict(parameters),
                input_hash=info.content_hash, output_hash=tables_digest(texts), status="done",
                started_at=now, finished_at=now, created_by=self.user,
                software=dict(software)).returning(m.runs.c.id)).scalar_one()
            conn.execute(insert(m.run_tables), [
                {"run_id": run_id, "name": key, "rows": len(frames[key]),
                 "sha256": text_hash(text), "content": text} for key, text in texts.items()])
            conn.execute(insert(m.edition_runs).values(edition_id=info.id, run_id=run_id))
            self.audit(conn, "run", kind, str(run_id), before=None,
                       after={"edition": name, "output_hash": tables_digest(texts)})
        return int(run_id)

    def remove_run(self, name: str, run_id: int) -> None:
        """Detach a run from a concept edition."""
        self.require("edition.write")
        with self.store._begin() as conn:
            info = self._info(conn, name)
            self._refuse_frozen(info, "runs verwijderen", "removing runs")
            conn.execute(delete(m.edition_runs).where(m.edition_runs.c.edition_id == info.id,
                                                      m.edition_runs.c.run_id == run_id))
            self.audit(conn, "remove_run", "edition", name, before={"run": run_id}, after=None)

    def runs(self, name: str) -> pd.DataFrame:
        """The runs of an edition: id, kind, parameters, input and output hash, software."""
        self.require("edition.read")
        r, er = m.runs, m.edition_runs
        with self.store._connect() as conn:
            info = self._info(conn, name)
            rows = conn.execute(select(r.c.id, r.c.kind, r.c.parameters, r.c.input_hash,
                                       r.c.output_hash, r.c.software)
                                .join(er, er.c.run_id == r.c.id)
                                .where(er.c.edition_id == info.id).order_by(r.c.id)).all()
        return pd.DataFrame(rows, columns=["run_id", "kind", "parameters", "input_hash",
                                           "output_hash", "software"])

    def run_texts(self, run_id: int) -> dict[str, str]:
        """The stored canonical tables of a run, by name."""
        self.require("edition.read")
        t = m.run_tables
        with self.store._connect() as conn:
            rows = conn.execute(select(t.c.name, t.c.content).where(t.c.run_id == run_id)
                                .order_by(t.c.name)).all()
        return {row.name: row.content for row in rows}

    def run_table(self, name: str, kind: str, table: str) -> pd.DataFrame:
        """Table ``table`` of the edition's newest run of ``kind`` (an empty frame when the
        edition has no such run)."""
        runs = self.runs(name)
        chosen = runs[runs["kind"] == kind]
        if chosen.empty:
            return pd.DataFrame()
        texts = self.run_texts(int(chosen["run_id"].iloc[-1]))
        return read_canonical(texts.get(table, ""))
