"""The overview (workspaces and editions) and the page of one edition: its state, its
decisions register with each decision's audit anchor, and its runs with their hashes.

The edition's facts are read here without :class:`~pmiek.adapters.store.programme_store.
Programme` (which acts for a user of the store and checks that user's role): these pages
only read, and anyone may see the governance trail of the programme; confidential names in
the free text of decisions are scrubbed for publiek and gemeente like everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pandas as pd
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select

from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import Store
from pmiek.adapters.web import deps
from pmiek.adapters.web.principal import audience
from pmiek.programme import editions as ed
from pmiek.report import numbers
from pmiek.report.public import scrub

router = APIRouter(include_in_schema=False)


def segment(value: object) -> str:
    """``value`` quoted as one segment of a URL path (':' kept: table keys use it)."""
    return quote(str(value), safe=":")


def helpers(lang: str) -> dict[str, Any]:
    """Formatting helpers for the templates of this part of the app."""
    return {
        "seg": segment,
        "day": lambda value: numbers.date(value, lang),
        "num": lambda value, digits=0: numbers.number(value, digits, lang),
    }


def edition_rows(store: Store) -> list[dict[str, Any]]:
    """Every edition: edition, workspace, version, status, adopted_by, adopted_on."""
    frame = store.editions()
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in frame.astype(object).to_dict("records")]


@dataclass(frozen=True)
class EditionView:
    """What the edition page shows."""

    name: str
    workspace: str
    version: int
    content_hash: str
    state: str
    adopted_by: str | None
    adopted_on: str | None
    predecessor: str | None
    inzage: tuple[str, str, int] | None
    audit_head: str | None
    decisions: list[dict[str, Any]]
    runs: list[dict[str, Any]]


def edition_view(store: Store, name: str) -> EditionView | None:
    """The edition ``name`` with its decisions and attached runs (None when unknown). The
    audit anchors are read where the store keeps them (``audit_head`` columns)."""
    e, v, w, d, r, er = (m.editions, m.workspace_versions, m.workspaces, m.decisions, m.runs,
                         m.edition_runs)
    pred = e.alias("pred")
    with store._connect() as conn:
        row = conn.execute(
            select(e, w.c.name.label("workspace"), v.c.number, v.c.content_hash,
                   pred.c.name.label("predecessor"))
            .join(v, v.c.id == e.c.version_id).join(w, w.c.id == v.c.workspace_id)
            .outerjoin(pred, pred.c.id == e.c.predecessor_id).where(e.c.name == name)).first()
        if row is None:
            return None
        columns = [d.c.from_state, d.c.to_state, d.c.body, d.c.decided_on, d.c.reference,
                   d.c.publication, d.c.note]
        if "audit_head" in d.c:
            columns.append(d.c.audit_head)
        decisions = [dict(x) for x in conn.execute(
            select(*columns).where(d.c.edition_id == row.id).order_by(d.c.id)).mappings()]
        runs = [dict(x) for x in conn.execute(
            select(r.c.id, r.c.kind, r.c.input_hash, r.c.output_hash, r.c.software,
                   r.c.finished_at)
            .join(er, er.c.run_id == r.c.id).where(er.c.edition_id == row.id)
            .order_by(r.c.id)).mappings()]
    facts = row._mapping
    inzage = ((str(facts["inzage_start"]), str(facts["inzage_end"]),
               int(facts["inzage_weeks"] or 0)) if facts.get("inzage_start") else None)
    return EditionView(str(row.name), str(row.workspace), int(row.number),
                       str(row.content_hash), str(row.status), facts.get("adopted_by"),
                       facts.get("adopted_on"), facts.get("predecessor"), inzage,
                       facts.get("audit_head"), decisions, runs)


def _software(value: object) -> str:
    if isinstance(value, dict) and value:
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items()))
    return ""


@router.get("/")
def overview(request: Request) -> Response:
    """Workspaces and editions."""
    lang = deps.language(request)
    results = deps.results(request)
    workspaces = results.workspaces().astype(object).to_dict("records")
    return deps.render(request, "overview.html.j2", {
        **helpers(lang), "workspaces": workspaces,
        "editions": edition_rows(deps.store(request))})


@router.get("/editie/{edition}")
def edition(request: Request, edition: str) -> Response:
    """One edition: state, decisions register, runs, hashes and audit anchors."""
    lang = deps.language(request)
    who = deps.principal(request)
    results = deps.results(request)
    found = edition_view(deps.store(request), edition)
    if found is None:
        raise HTTPException(status_code=404)
    hide = results.hidden(found.workspace, found.version, audience(who), lang)
    decisions = found.decisions
    if decisions and not hide.empty:
        decisions = scrub(pd.DataFrame(decisions).astype(object), hide, lang).to_dict("records")
    for decision in decisions:
        decision["body_name"] = ed.body_name(str(decision["body"]), lang)
    runs = [{**run, "software_text": _software(run.get("software"))} for run in found.runs]
    version_runs = [] if runs else results.runs(found.workspace, found.version)
    provenance = {"workspace": found.workspace, "number": found.version,
                  "hash": found.content_hash, "edition": found.name}
    return deps.render(request, "edition.html.j2", {
        **helpers(lang), "edition": found, "decisions": decisions, "runs": runs,
        "version_runs": version_runs, "frozen": ed.is_frozen(found.state),
        "has_anchor_column": "audit_head" in m.decisions.c, "provenance": provenance})
