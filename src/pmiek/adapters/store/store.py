"""The store: import and read back workspaces by version, editions, runs, users, audit log.

Every audit row goes through :func:`pmiek.adapters.store.audit_chain.append` (a hash chain,
with the actor's role and organisation); :meth:`Store.verify_audit` checks it. The accounts
and web sessions are in :mod:`pmiek.adapters.store.accounts`.

Every write is one transaction. An import inserts the new version's rows and then moves the
workspace's ``current_version`` from the number it read to the next with a compare-and-set
``UPDATE … WHERE current_version = :read``; a second writer that read the same number finds
the row changed (or the version number taken) and gets a :class:`~pmiek.errors.ConflictError`
— its transaction rolls back and nothing of it remains. A process killed in the middle of an
import leaves an uncommitted transaction, which the database discards: the workspace stays at
its previous version.

Nothing here creates a database: every operation first checks that the store exists
(:func:`~pmiek.adapters.store.migrate.require_database`; ``pmiek db upgrade`` makes one), and
what the driver raises becomes a :class:`~pmiek.errors.StoreError` in words. Workspace names
follow :mod:`pmiek.adapters.store.names`, so that ``db:NAME`` reaches every stored workspace.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from pmiek.adapters.store import audit_chain
from pmiek.adapters.store import models as m
from pmiek.adapters.store.migrate import (
    current,
    head,
    make_engine,
    require_database,
    translated,
)
from pmiek.adapters.store.names import MAX_VERSION, lookup_name, storable_name
from pmiek.adapters.store.tables import frame_from_rows, row_counts, table_rows
from pmiek.domain.intake import PROVENANCE_COLUMNS
from pmiek.domain.provenance import content_hash
from pmiek.domain.tables import TABLES
from pmiek.domain.workspace import Workspace
from pmiek.errors import ConflictError, InputError, StoreError, said

SYSTEM_USER = "pmiek"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class VersionInfo:
    """One version of a workspace."""

    workspace: str
    number: int
    created_at: dt.datetime
    created_by: str
    source: str
    content_hash: str
    row_counts: dict[str, int]
    note: str | None


def _provenance_rows(provenance: pd.DataFrame | None, version_id: int) -> list[dict[str, Any]]:
    """The records of ``provenance`` for the table ``row_provenance``."""
    if provenance is None or not len(provenance):
        return []
    missing = set(PROVENANCE_COLUMNS) - set(provenance.columns)
    if missing:
        raise ValueError(f"provenance lacks the columns {sorted(missing)}")
    frame = provenance[list(PROVENANCE_COLUMNS)].rename(columns={"table": "table_name"})
    received = pd.to_datetime(frame["received_at"], utc=True)
    frame = frame.astype(object).assign(
        received_at=[t.to_pydatetime() for t in received], version_id=version_id)
    return frame.to_dict("records")


class Store:
    """A store at ``url`` (see :func:`pmiek.adapters.store.migrate.database_url`)."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        self.engine = engine if engine is not None else make_engine(url)

    def close(self) -> None:
        """Close the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[Connection]:
        """A connection to a store that exists; the driver's errors as StoreErrors."""
        require_database(self.engine)
        with translated(self.engine), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def _begin(self) -> Iterator[Connection]:
        """A transaction on a store that exists (committed when the block ends)."""
        require_database(self.engine)
        with translated(self.engine), self.engine.begin() as conn:
            yield conn

    def check(self) -> None:
        """Raise a StoreError unless the database exists and is at the newest migration."""
        require_database(self.engine)
        at = current(self.engine)
        if at != head():
            raise said(
                StoreError,
                nl=f"De opslag {self.url} staat op migratie {at or 'geen (leeg)'}, deze pmiek "
                   f"vraagt {head()}: voer eerst 'pmiek db upgrade' uit.",
                en=f"The store {self.url} is at migration {at or 'none (empty)'}, this pmiek "
                   f"needs {head()}: run 'pmiek db upgrade' first.")

    # --- workspaces ---------------------------------------------------------------------------

    def import_workspace(self, workspace: Workspace, name: str, *, user: str = SYSTEM_USER,
                         source: str = "", expected_version: int | None = None,
                         note: str | None = None,
                         provenance: pd.DataFrame | None = None) -> VersionInfo:
        """Store ``workspace`` as the next version of ``name`` (created when new), in one
        transaction. With ``expected_version`` (the version the change was based on; 0 for a
        new workspace) a workspace that has moved on since is a ConflictError.
        ``provenance`` (the columns of :data:`PROVENANCE_COLUMNS`) records where rows of the
        new version came from, in the same transaction (see :meth:`provenance`)."""
        name = storable_name(name)
        self.check()
        digest = content_hash(workspace)
        counts = row_counts(workspace)
        try:
            with self.engine.begin() as conn:  # the store exists: check() saw it
                ws_id, read = self._workspace_for_update(conn, name)
                if expected_version is not None and expected_version != read:
                    raise said(
                        ConflictError,
                        nl=f"Werkruimte '{name}' staat op versie {read}, niet op "
                           f"{expected_version} zoals verwacht: iemand heeft een nieuwere versie "
                           "ingelezen. Er is niets geschreven; begin bij de huidige versie.",
                        en=f"Workspace '{name}' is at version {read}, not {expected_version} "
                           "as expected: someone imported a newer version. Nothing was "
                           "written; start from the current version.")
                number = read + 1
                version_id = conn.execute(insert(m.workspace_versions).values(
                    workspace_id=ws_id, number=number, created_at=_now(), created_by=user,
                    source=source, content_hash=digest, row_counts=counts, note=note,
                ).returning(m.workspace_versions.c.id)).scalar_one()
                for schema in TABLES:
                    frame = workspace.table(schema.name)
                    for batch in table_rows(schema, frame, version_id):
                        conn.execute(insert(m.DATA_TABLES[schema.name]), batch)
                records = _provenance_rows(provenance, version_id)
                if records:
                    conn.execute(insert(m.row_provenance), records)
                moved = conn.execute(update(m.workspaces).where(
                    m.workspaces.c.id == ws_id, m.workspaces.c.current_version == read,
                ).values(current_version=number)).rowcount
                if moved != 1:
                    raise said(
                        ConflictError,
                        nl=f"Werkruimte '{name}' is veranderd terwijl dit inlezen liep (hij "
                           f"stond op versie {read}). Er is niets geschreven; probeer het "
                           "opnieuw.",
                        en=f"Workspace '{name}' changed while this import ran (it was at "
                           f"version {read}). Nothing was written; try again.")
                self._audit(conn, user, "import", "workspace", name,
                            before={"version": read} if read else None,
                            after={"version": number, "content_hash": digest, "rows": counts,
                                   "source": source, "provenance_rows": len(records)})
        except IntegrityError as exc:
            raise said(
                ConflictError,
                nl=f"Werkruimte '{name}' werd tegelijk door een ander gewijzigd "
                   f"({type(exc.orig).__name__}). Er is niets geschreven; probeer het opnieuw.",
                en=f"Workspace '{name}' was changed by another writer at the same time "
                   f"({type(exc.orig).__name__}). Nothing was written; try again.") from None
        except DBAPIError as exc:
            reason = str(exc.orig).strip()
            raise said(StoreError,
                       nl=f"De opslag {self.url} weigerde het inlezen van '{name}': {reason}. "
                          "Er is niets geschreven.",
                       en=f"The store {self.url} refused the import of '{name}': {reason}. "
                          "Nothing was written.") from None
        return self.version(name, number)

    def _workspace_for_update(self, conn: Connection, name: str) -> tuple[int, int]:
        row = conn.execute(select(m.workspaces.c.id, m.workspaces.c.current_version).where(
            m.workspaces.c.name == name)).first()
        if row is not None:
            return int(row.id), int(row.current_version)
        ws_id = conn.execute(insert(m.workspaces).values(
            name=name, current_version=0, created_at=_now()).returning(m.workspaces.c.id)
        ).scalar_one()
        return int(ws_id), 0

    def _version_row(self, conn: Connection, name: str, number: int | None) -> Any:
        name = lookup_name(name)
        ws = conn.execute(select(m.workspaces).where(m.workspaces.c.name == name)).first()
        if ws is None:
            known = conn.execute(select(m.workspaces.c.name).order_by(m.workspaces.c.name)
                                 ).scalars().all()
            raise said(StoreError,
                       nl=f"Geen werkruimte '{name}' in de opslag {self.url}; die heeft: "
                          f"{', '.join(known) or 'geen'}.",
                       en=f"No workspace '{name}' in the store {self.url}; it has: "
                          f"{', '.join(known) or 'none'}.")
        wanted = ws.current_version if number is None else number
        row = None if not 1 <= wanted <= MAX_VERSION else conn.execute(
            select(m.workspace_versions).where(
                m.workspace_versions.c.workspace_id == ws.id,
                m.workspace_versions.c.number == wanted)).first()
        if row is None:
            last = ws.current_version
            raise said(StoreError,
                       nl=f"Werkruimte '{name}' heeft geen versie {wanted}; hij heeft "
                          + ("alleen versie 1." if last == 1 else f"de versies 1 tot en met "
                                                                   f"{last}."),
                       en=f"Workspace '{name}' has no version {wanted}; it has "
                          + ("only version 1." if last == 1 else f"versions 1 to {last}."))
        return row

    def version(self, name: str, number: int | None = None) -> VersionInfo:
        """The information of version ``number`` (default: the current one) of ``name``."""
        with self._connect() as conn:
            row = self._version_row(conn, name, number)
        return VersionInfo(name, row.number, row.created_at, row.created_by, row.source,
                           row.content_hash, dict(row.row_counts), row.note)

    def load(self, name: str, number: int | None = None) -> Workspace:
        """The workspace ``name`` as it was in version ``number`` (default: current)."""
        self.check()
        tables: dict[str, pd.DataFrame] = {}
        with self._connect() as conn:
            row = self._version_row(conn, name, number)
            for schema in TABLES:
                data = m.DATA_TABLES[schema.name]
                columns = [data.c[c.name] for c in schema.columns]
                rows = conn.execute(select(*columns).where(data.c.version_id == row.id)
                                    .order_by(data.c.row_number)).all()
                tables[schema.name] = frame_from_rows(schema, rows)
        return Workspace(**tables)

    def provenance(self, name: str, number: int | None = None) -> pd.DataFrame:
        """Where the rows of version ``number`` (default: current) of ``name`` came from: one
        row per record (:data:`PROVENANCE_COLUMNS`), ordered by table and row id; empty for a
        version that no intake merge made."""
        self.check()
        p = m.row_provenance
        with self._connect() as conn:
            row = self._version_row(conn, name, number)
            rows = conn.execute(select(
                p.c.table_name, p.c.row_id, p.c.submitter, p.c.submitter_kind, p.c.action,
                p.c.file_name, p.c.sha256, p.c.received_at).where(p.c.version_id == row.id)
                .order_by(p.c.table_name, p.c.row_id, p.c.id)).all()
        return pd.DataFrame(rows, columns=list(PROVENANCE_COLUMNS))

    def workspaces(self) -> pd.DataFrame:
        """name, current_version, versions, last_import, last_by."""
        self.check()
        v = m.workspace_versions
        with self._connect() as conn:
            rows = conn.execute(
                select(m.workspaces.c.name, m.workspaces.c.current_version,
                       func.count(v.c.id).label("versions"),
                       func.max(v.c.created_at).label("last_import"))
                .join(v, v.c.workspace_id == m.workspaces.c.id)
                .group_by(m.workspaces.c.name, m.workspaces.c.current_version)
                .order_by(m.workspaces.c.name)).all()
        return pd.DataFrame(rows, columns=["name", "current_version", "versions",
                                           "last_import"])

    def versions(self, name: str) -> list[VersionInfo]:
        """Every version of ``name``, oldest first."""
        name = lookup_name(name)
        with self._connect() as conn:
            ws = conn.execute(select(m.workspaces.c.id).where(m.workspaces.c.name == name)
                              ).scalar_one_or_none()
            if ws is None:
                raise said(StoreError,
                           nl=f"Geen werkruimte '{name}' in de opslag {self.url}.",
                           en=f"No workspace '{name}' in the store {self.url}.")
            rows = conn.execute(select(m.workspace_versions).where(
                m.workspace_versions.c.workspace_id == ws).order_by(
                m.workspace_versions.c.number)).all()
        return [VersionInfo(name, r.number, r.created_at, r.created_by, r.source,
                            r.content_hash, dict(r.row_counts), r.note) for r in rows]

    # --- editions, runs, users ----------------------------------------------------------------

    def create_edition(self, edition: str, workspace: str, number: int | None = None, *,
                       user: str = SYSTEM_USER, status: str = "concept",
                       adopted_by: str | None = None, adopted_on: str | None = None) -> None:
        """Name a workspace version as an edition (P-MIEK 2.0, …)."""
        if status not in m.EDITION_STATES:
            raise InputError(f"An edition's status is one of {', '.join(m.EDITION_STATES)}, "
                             f"not '{status}'.")
        self.check()
        try:
            with self._begin() as conn:
                row = self._version_row(conn, workspace, number)
                anchor = self._audit(conn, user, "create", "edition", edition, before=None,
                                     after={"workspace": workspace, "version": row.number,
                                            "status": status})
                conn.execute(insert(m.editions).values(
                    name=edition, version_id=row.id, status=status, adopted_by=adopted_by,
                    adopted_on=adopted_on, created_at=_now(), audit_head=anchor))
        except IntegrityError as exc:
            raise said(ConflictError,
                       nl=f"Editie '{edition}' bestaat al of is ongeldig "
                          f"({type(exc.orig).__name__}).",
                       en=f"Edition '{edition}' exists already or is invalid "
                          f"({type(exc.orig).__name__}).") from None

    def editions(self) -> pd.DataFrame:
        e, v, w = m.editions, m.workspace_versions, m.workspaces
        with self._connect() as conn:
            rows = conn.execute(select(e.c.name, w.c.name.label("workspace"),
                                       v.c.number.label("version"), e.c.status,
                                       e.c.adopted_by, e.c.adopted_on)
                                .join(v, v.c.id == e.c.version_id)
                                .join(w, w.c.id == v.c.workspace_id).order_by(e.c.name)).all()
        return pd.DataFrame(rows, columns=["edition", "workspace", "version", "status",
                                           "adopted_by", "adopted_on"])

    def record_run(self, kind: str, workspace: str, number: int | None,
                   parameters: dict[str, Any], *, input_hash: str, output_hash: str | None,
                   user: str = SYSTEM_USER, status: str = "done",
                   started_at: dt.datetime | None = None,
                   tables: Mapping[str, pd.DataFrame] | None = None) -> int:
        """Record a computation on a workspace version with the hashes of in- and output,
        and its result ``tables`` (kept as canonical CSV: :mod:`pmiek.programme.results`)."""
        from pmiek.programme.results import canonical_csv, text_hash

        texts = {k: canonical_csv(v) for k, v in (tables or {}).items()}
        rows = {k: len(v) for k, v in (tables or {}).items()}
        self.check()
        with self._begin() as conn:
            row = self._version_row(conn, workspace, number)
            run_id = conn.execute(insert(m.runs).values(
                kind=kind, version_id=row.id, parameters=parameters, input_hash=input_hash,
                output_hash=output_hash, status=status, started_at=started_at or _now(),
                finished_at=_now(), created_by=user).returning(m.runs.c.id)).scalar_one()
            if texts:
                conn.execute(insert(m.run_tables), [
                    {"run_id": run_id, "name": key, "rows": rows[key], "sha256": text_hash(text),
                     "content": text} for key, text in texts.items()])
            self._audit(conn, user, "run", kind, str(run_id), before=None,
                        after={"workspace": workspace, "version": row.number,
                               "input_hash": input_hash, "output_hash": output_hash})
        return int(run_id)

    def runs(self) -> pd.DataFrame:
        r, v, w = m.runs, m.workspace_versions, m.workspaces
        with self._connect() as conn:
            rows = conn.execute(select(r.c.id, r.c.kind, w.c.name.label("workspace"),
                                       v.c.number.label("version"), r.c.input_hash,
                                       r.c.output_hash, r.c.status, r.c.finished_at,
                                       r.c.created_by)
                                .join(v, v.c.id == r.c.version_id)
                                .join(w, w.c.id == v.c.workspace_id).order_by(r.c.id)).all()
        return pd.DataFrame(rows, columns=["id", "kind", "workspace", "version", "input_hash",
                                           "output_hash", "status", "finished_at",
                                           "created_by"])

    def add_user(self, name: str, role: str, *, by: str = SYSTEM_USER,
                 organisation: str | None = None, password_hash: str | None = None,
                 oidc_subject: str | None = None, by_role: str | None = None) -> None:
        """Add the account ``name`` with ``role`` (and, optionally, its organisation, password
        hash and OpenID Connect subject), audited as done by ``by`` (whose role is looked up
        unless ``by_role`` is given). The hash itself never reaches the audit log.
        :func:`pmiek.adapters.store.accounts.create_account` checks more (a name, the
        organisation of a scoped role)."""
        if role not in m.ROLES:
            raise InputError(f"Unknown role '{role}'; roles: {', '.join(m.ROLES)}.")
        self.check()
        after: dict[str, Any] = {"role": role}
        if organisation is not None:
            after["organisation"] = organisation
        if password_hash is not None:
            after["password"] = "set"
        if oidc_subject is not None:
            after["oidc_subject"] = oidc_subject
        try:
            with self._begin() as conn:
                conn.execute(insert(m.users).values(
                    name=name, role=role, created_at=_now(), organisation=organisation,
                    password_hash=password_hash, oidc_subject=oidc_subject))
                self._audit(conn, by, "create", "user", name, before=None, after=after,
                            role=by_role)
        except IntegrityError:
            raise said(ConflictError,
                       nl=f"Gebruiker '{name}' bestaat al"
                          + (" (of het OIDC-subject is al gekoppeld)." if oidc_subject else "."),
                       en=f"User '{name}' exists already"
                          + (" (or the OIDC subject is linked already)." if oidc_subject
                             else ".")) from None

    def users(self) -> pd.DataFrame:
        with self._connect() as conn:
            rows = conn.execute(select(m.users.c.name, m.users.c.role, m.users.c.created_at)
                                .order_by(m.users.c.name)).all()
        return pd.DataFrame(rows, columns=["name", "role", "created_at"])

    # --- audit --------------------------------------------------------------------------------

    @staticmethod
    def _audit(conn: Connection, user: str, action: str, object_type: str, object_id: str, *,
               before: dict[str, Any] | None, after: dict[str, Any] | None,
               role: str | None = None, organisation: str | None = None) -> str:
        """Append an audit row in ``conn``'s transaction (the actor's role and organisation
        looked up when not given); returns the new head hash."""
        if role is None and organisation is None:
            role, organisation = audit_chain.actor(conn, user)
        return audit_chain.append(conn, user=user, action=action, object_type=object_type,
                                  object_id=object_id, before=before, after=after, role=role,
                                  organisation=organisation)

    def audit(self, *, chain: bool = False) -> pd.DataFrame:
        """The audit log, oldest first: at, user, action, object, before, after; with
        ``chain`` also id, role, organisation, prev_hash and hash."""
        a = m.audit_log
        columns = ["at", "user", "action", "object_type", "object_id", "before", "after"]
        selected = [a.c.at, a.c.user_name, a.c.action, a.c.object_type, a.c.object_id,
                    a.c.before, a.c.after]
        if chain:
            columns += ["id", "role", "organisation", "prev_hash", "hash"]
            selected += [a.c.id, a.c.role, a.c.organisation, a.c.prev_hash, a.c.hash]
        with self._connect() as conn:
            rows = conn.execute(select(*selected).order_by(a.c.id)).all()
        return pd.DataFrame(rows, columns=columns)

    def verify_audit(self) -> audit_chain.AuditCheck:
        """Check the audit chain: every row's hash and link, the head, and the anchors of the
        decisions and editions (:func:`pmiek.adapters.store.audit_chain.verify`)."""
        self.check()
        with self._connect() as conn:
            return audit_chain.verify(conn)
