"""The consultation and the monitoring in the store: zienswijzen, their points and answers,
the personal data kept apart, the grid operators' IP lists and the matches to them.

The personal data sit in their own table (``personal_data``): only a user whose role may
(``consultation.personal``: kernteam, beheerder) reads or erases them, and no method that
feeds a public output touches them. Erasing them after their retention period changes
nothing of an edition: neither its inputs nor its results depend on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import delete, insert, select, update

from pmiek.adapters.store import models as m
from pmiek.adapters.store.programme_store import Programme, _now
from pmiek.errors import ConflictError, InputError, said
from pmiek.programme.consultation import PERSONAL_COLUMNS as REGISTER_PERSONAL_COLUMNS
from pmiek.programme.consultation import POINT_COLUMNS as REGISTER_POINT_COLUMNS
from pmiek.programme.consultation import ZIENSWIJZE_COLUMNS as REGISTER_ZIENSWIJZE_COLUMNS
from pmiek.programme.monitoring import IP_COLUMNS as LIST_COLUMNS
from pmiek.programme.monitoring import MAPPING_COLUMNS

ZIENSWIJZE_COLUMNS = [*REGISTER_ZIENSWIJZE_COLUMNS, "timeliness"]
POINT_COLUMNS = list(REGISTER_POINT_COLUMNS)
PERSONAL_COLUMNS = list(REGISTER_PERSONAL_COLUMNS)
IP_COLUMNS = list(LIST_COLUMNS)
MATCH_COLUMNS = list(MAPPING_COLUMNS)
"""The register's and the IP lists' columns (:mod:`pmiek.programme`), as the store gives
them back."""


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@dataclass(frozen=True)
class StoredRegister:
    """The zienswijzen of an edition (``personal`` empty unless asked for and allowed)."""

    zienswijzen: pd.DataFrame
    points: pd.DataFrame
    personal: pd.DataFrame


class Consultation(Programme):
    """The zienswijzen and IP monitoring of the store, acted on by one user."""

    def import_register(self, name: str, zienswijzen: pd.DataFrame, points: pd.DataFrame,
                        personal: pd.DataFrame) -> int:
        """Add zienswijzen (with their points and personal data) to an edition that lies
        open for inspection; a registration number already there refuses the whole import."""
        self.require("consultation.write")
        with self.store._begin() as conn:
            info = self._info(conn, name)
            if info.state != "ter_inzage":
                raise said(InputError,
                           nl=f"Zienswijzen horen bij een editie die ter inzage ligt; "
                              f"'{name}' is '{info.state}'.",
                           en=f"Views belong to an edition open for inspection; '{name}' is "
                              f"'{info.state}'.")
            z = m.zienswijzen
            taken = set(conn.execute(select(z.c.number).where(z.c.edition_id == info.id))
                        .scalars())
            again = sorted(taken & set(zienswijzen["number"].astype(str)))
            if again:
                raise said(ConflictError,
                           nl=f"Deze registratienummers staan er al: {', '.join(again)}. Er is "
                              "niets ingelezen.",
                           en=f"These registration numbers exist already: {', '.join(again)}. "
                              "Nothing was imported.")
            ids: dict[str, int] = {}
            now = _now()
            for row in zienswijzen.to_dict("records"):
                ids[str(row["number"])] = conn.execute(insert(z).values(
                    edition_id=info.id, number=str(row["number"]),
                    received_on=_text(row["received_on"]),
                    posted_on=_text(row["posted_on"]) or None, channel=_text(row["channel"]),
                    submitter_type=_text(row["submitter_type"]),
                    public_name=_text(row["public_name"]) or None,
                    timeliness=_text(row["timeliness"]), imported_by=self.user,
                    imported_at=now).returning(z.c.id)).scalar_one()
            if len(points):
                conn.execute(insert(m.zienswijze_points), [
                    {"zienswijze_id": ids[str(p["number"])], "point": int(p["point"]),
                     "theme": _text(p["theme"]), "summary": _text(p["summary"]),
                     "concerns": _text(p["concerns"]), "answer": _text(p["answer"]),
                     "leads_to_change": bool(p["leads_to_change"]),
                     "change": _text(p["change"]), "change_ref": _text(p["change_ref"])}
                    for p in points.to_dict("records")])
            if len(personal):
                conn.execute(insert(m.personal_data), [
                    {"zienswijze_id": ids[str(p["number"])],
                     **{c: _text(p[c]) for c in PERSONAL_COLUMNS[1:]}}
                    for p in personal.to_dict("records")])
            self.audit(conn, "import", "zienswijzen", name, before=None,
                       after={"zienswijzen": len(zienswijzen), "points": len(points),
                              "personal_rows": len(personal)})
        return len(zienswijzen)

    def register(self, name: str, *, personal: bool = False) -> StoredRegister:
        """The zienswijzen and points of an edition; with ``personal`` also the personal data
        (refused to roles that may not read them)."""
        self.require("consultation.personal" if personal else "consultation.public")
        z, p, pd_ = m.zienswijzen, m.zienswijze_points, m.personal_data
        with self.store._connect() as conn:
            info = self._info(conn, name)
            zs = conn.execute(select(*[z.c[c] for c in ZIENSWIJZE_COLUMNS])
                              .where(z.c.edition_id == info.id).order_by(z.c.number)).all()
            ps = conn.execute(select(z.c.number, *[p.c[c] for c in POINT_COLUMNS[1:]])
                              .join(z, z.c.id == p.c.zienswijze_id)
                              .where(z.c.edition_id == info.id)
                              .order_by(z.c.number, p.c.point)).all()
            people = [] if not personal else conn.execute(
                select(z.c.number, *[pd_.c[c] for c in PERSONAL_COLUMNS[1:]])
                .join(z, z.c.id == pd_.c.zienswijze_id).where(z.c.edition_id == info.id)
                .order_by(z.c.number)).all()
        frame = pd.DataFrame(zs, columns=ZIENSWIJZE_COLUMNS).fillna("")
        return StoredRegister(frame, pd.DataFrame(ps, columns=POINT_COLUMNS),
                              pd.DataFrame(people, columns=PERSONAL_COLUMNS))

    def answer(self, name: str, answers: pd.DataFrame) -> int:
        """Set the answer, whether it leads to a change, the change and its input rows of
        points (columns number, point, answer, leads_to_change, change, change_ref); an
        adopted edition refuses, an unknown point refuses the whole set."""
        self.require("consultation.write")
        z, p = m.zienswijzen, m.zienswijze_points
        with self.store._begin() as conn:
            info = self._info(conn, name)
            if info.state not in ("ter_inzage", "beantwoord"):
                raise said(InputError,
                           nl=f"Reacties horen bij een editie die ter inzage ligt of "
                              f"beantwoord is; '{name}' is '{info.state}'.",
                           en=f"Answers belong to an edition open for inspection or answered; "
                              f"'{name}' is '{info.state}'.")
            known = {(r.number, r.point): r.id for r in conn.execute(
                select(z.c.number, p.c.point, p.c.id).join(z, z.c.id == p.c.zienswijze_id)
                .where(z.c.edition_id == info.id))}
            keys = list(zip(answers["number"].astype(str), answers["point"].astype(int),
                            strict=True))
            missing = [f"{n}.{q}" for n, q in keys if (n, q) not in known]
            if missing:
                raise said(InputError,
                           nl=f"Onbekende punten: {', '.join(missing)}. Er is niets opgeslagen.",
                           en=f"Unknown points: {', '.join(missing)}. Nothing was stored.")
            now = _now()
            for key, row in zip(keys, answers.to_dict("records"), strict=True):
                conn.execute(update(p).where(p.c.id == known[key]).values(
                    answer=_text(row["answer"]), leads_to_change=bool(row["leads_to_change"]),
                    change=_text(row["change"]), change_ref=_text(row["change_ref"]),
                    answered_by=self.user, answered_at=now))
            self.audit(conn, "answer", "zienswijzen", name, before=None,
                       after={"points": [f"{n}.{q}" for n, q in keys]})
        return len(keys)

    def erase_personal(self, name: str, today: dt.date) -> int:
        """Erase the personal data of an edition whose retention period has passed."""
        self.require("consultation.personal")
        z, pd_ = m.zienswijzen, m.personal_data
        with self.store._begin() as conn:
            info = self._info(conn, name)
            ids = select(z.c.id).where(z.c.edition_id == info.id).scalar_subquery()
            erased = conn.execute(delete(pd_).where(
                pd_.c.zienswijze_id.in_(ids), pd_.c.retain_until < today.isoformat())).rowcount
            self.audit(conn, "erase", "personal_data", name, before=None,
                       after={"rows": erased, "before": today.isoformat()})
        return int(erased)

    # --- IP lists -----------------------------------------------------------------------------

    def store_ip(self, ip_year: int, phase: str, frame: pd.DataFrame, *, file_name: str,
                 sha256: str) -> int:
        """Keep an IP list: one IP edition (ip_year, phase) per operator in it (each operator
        publishes its own plan). An operator's edition stored before from the same file
        stays as it is; from another file it is a conflict, and nothing is stored. Returns
        the number of operator editions added."""
        self.require("monitor")
        e = m.ip_editions
        operators = sorted(frame["operator"].astype(str).unique())
        with self.store._begin() as conn:
            old = {r.operator: r.sha256 for r in conn.execute(
                select(e.c.operator, e.c.sha256).where(e.c.ip_year == ip_year,
                                                       e.c.phase == phase))}
            other = [o for o in operators if o in old and old[o] != sha256]
            if other:
                raise said(ConflictError,
                           nl=f"IP {ip_year} ({phase}) van {', '.join(other)} staat al in de "
                              "opslag, uit een ander bestand. Er is niets ingelezen.",
                           en=f"IP {ip_year} ({phase}) of {', '.join(other)} is stored "
                              "already, from another file. Nothing was imported.")
            new = [o for o in operators if o not in old]
            for operator in new:
                ip_id = conn.execute(insert(e).values(
                    ip_year=ip_year, phase=phase, operator=operator, file_name=file_name,
                    sha256=sha256, imported_by=self.user, imported_at=_now())
                    .returning(e.c.id)).scalar_one()
                rows = frame[frame["operator"].astype(str) == operator]
                conn.execute(insert(m.ip_projects), [
                    {"ip_edition_id": ip_id, **{c: row[c] for c in IP_COLUMNS}}
                    for row in rows[IP_COLUMNS].to_dict("records")])
            if new:
                self.audit(conn, "import", "ip_list", f"{ip_year}-{phase}", before=None,
                           after={"operators": new, "rows": int(frame["operator"].isin(new)
                                                                .sum()), "sha256": sha256})
        return len(new)

    def ip_list(self, ip_year: int, phase: str) -> pd.DataFrame:
        """The stored IP lists of (ip_year, phase), every operator's."""
        self.require("monitor")
        e, p = m.ip_editions, m.ip_projects
        with self.store._connect() as conn:
            rows = conn.execute(select(*[p.c[c] for c in IP_COLUMNS])
                                .join(e, e.c.id == p.c.ip_edition_id)
                                .where(e.c.ip_year == ip_year, e.c.phase == phase)
                                .order_by(p.c.id)).all()
        return pd.DataFrame(rows, columns=IP_COLUMNS)

    def previous_ip(self, ip_year: int, phase: str,
                    operators: list[str] | None = None) -> tuple[pd.DataFrame, list[str]]:
        """Per operator (of ``operators``, default all) its stored IP edition just before
        (ip_year, phase) — ontwerp comes before definitief of the same year —: their rows
        together, and the editions used ("Stedin IP2024 (definitief)")."""
        self.require("monitor")
        order = {"ontwerp": 0, "definitief": 1}
        e, p = m.ip_editions, m.ip_projects
        with self.store._connect() as conn:
            editions = conn.execute(select(e.c.id, e.c.ip_year, e.c.phase, e.c.operator)).all()
            latest: dict[str, tuple[tuple[int, int], int, str]] = {}
            for r in editions:
                when = (r.ip_year, order.get(r.phase, 0))
                if when >= (ip_year, order.get(phase, 0)):
                    continue
                if operators is not None and r.operator not in operators:
                    continue
                if r.operator not in latest or when > latest[r.operator][0]:
                    latest[r.operator] = (when, r.id, f"{r.operator} IP{r.ip_year} ({r.phase})")
            ids = [v[1] for v in latest.values()]
            rows = conn.execute(select(*[p.c[c] for c in IP_COLUMNS])
                                .where(p.c.ip_edition_id.in_(ids)).order_by(p.c.id)).all()
        return (pd.DataFrame(rows, columns=IP_COLUMNS),
                [latest[o][2] for o in sorted(latest)])

    def set_matches(self, name: str, mapping: pd.DataFrame) -> int:
        """Confirm matches of P-MIEK projects to IP references (replacing earlier ones of the
        same projects)."""
        self.require("monitor")
        t = m.ip_matches
        with self.store._begin() as conn:
            info = self._info(conn, name)
            projects = mapping["project_id"].astype(str).tolist()
            conn.execute(delete(t).where(t.c.edition_id == info.id,
                                         t.c.project_id.in_(projects)))
            if len(mapping):
                now = _now()
                conn.execute(insert(t), [
                    {"edition_id": info.id, "project_id": str(r["project_id"]),
                     "operator": _text(r["operator"]), "ip_reference": _text(r["ip_reference"]),
                     "recorded_by": self.user, "recorded_at": now}
                    for r in mapping.to_dict("records")])
            self.audit(conn, "match", "ip_matches", name, before=None,
                       after={"projects": projects})
        return len(mapping)

    def matches(self, name: str) -> pd.DataFrame:
        """The confirmed matches of an edition's projects."""
        self.require("monitor")
        t = m.ip_matches
        with self.store._connect() as conn:
            info = self._info(conn, name)
            rows = conn.execute(select(t.c.project_id, t.c.operator, t.c.ip_reference)
                                .where(t.c.edition_id == info.id).order_by(t.c.project_id)
                                ).all()
        return pd.DataFrame(rows, columns=MATCH_COLUMNS)
