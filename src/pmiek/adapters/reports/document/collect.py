"""What the programme document is made from: an edition in the store (its frozen runs, its
decisions, its consultation and monitoring) or a workspace without an edition (whose runs are
computed here, with no programme trail).

Only the public parts of the governance trail are read: the register without personal data
(``consultation.public``), the decisions, the monitoring against the newest stored IP edition.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pmiek.domain.workspace import Workspace

TABLES = frozenset({
    "insight/loads", "insight/bottlenecks", "insight/homes_blocked",
    "variants/comparison", "assess/framework", "assess/scores", "assess/smaa",
    "assess/central_weights", "assess/stability", "assess/partial_values",
    "assess/priority_list", "assess/priority_by_area", "assess/priority_by_operator",
})
"""The result tables the document reads (besides each lens's own: :data:`LENS_TABLES`)."""

LENS_TABLES = ("schedule", "summary", "resource_use", "why")
"""The tables of each lens (``variants/<lens>/<table>``) the document reads."""


@dataclass(frozen=True)
class Trail:
    """The public governance trail of an edition."""

    name: str
    state: str
    predecessor: str | None
    inzage: dict[str, object]
    decisions: pd.DataFrame
    zienswijzen: pd.DataFrame
    points: pd.DataFrame
    monitoring: pd.DataFrame | None
    ip_edition: str


@dataclass(frozen=True)
class ReportInput:
    """Everything the document is made from."""

    workspace: Workspace
    workspace_name: str
    version: int | None
    content_hash: str
    frames: dict[str, pd.DataFrame] = field(repr=False)
    runs: pd.DataFrame = field(repr=False)
    software: dict[str, str]
    trail: Trail | None = None
    parameters: dict[str, Any] = field(default_factory=dict)


def wanted(name: str) -> bool:
    """Whether the document reads result table ``name`` (``kind/table``)."""
    parts = name.split("/")
    return name in TABLES or (len(parts) == 3 and parts[0] == "variants"
                              and parts[2] in LENS_TABLES)


def from_edition(store: Any, user: str, edition: str) -> ReportInput:
    """The document's input from ``edition`` in ``store``, read as ``user``."""
    from pmiek.adapters.store.consultation_store import Consultation
    from pmiek.programme.results import read_canonical

    consult = Consultation(store, user)
    info = consult.edition(edition)
    runs = consult.runs(edition)
    frames: dict[str, pd.DataFrame] = {}
    parameters: dict[str, Any] = {}
    for run in runs.itertuples():
        for name, content in consult.run_texts(int(run.run_id)).items():
            if wanted(f"{run.kind}/{name}"):
                frames[f"{run.kind}/{name}"] = read_canonical(content)
        parameters = {**parameters, **_json(run.parameters)}
    software = _json(runs["software"].iloc[-1]) if len(runs) else {}
    register = consult.register(edition)
    trail = Trail(
        name=info.name, state=info.state, predecessor=info.predecessor,
        inzage={"start": info.inzage_start, "end": info.inzage_end,
                "weeks": info.inzage_weeks, "kennisgeving": info.kennisgeving or "",
                "edition": info.name},
        decisions=consult.decisions(edition), zienswijzen=register.zienswijzen,
        points=register.points, **_monitoring(consult, edition, frames))
    workspace = _completed(store.load(info.workspace, info.version),
                           f"db:{info.workspace}@{info.version}")
    return ReportInput(workspace, info.workspace, info.version, info.content_hash, frames,
                       runs, {str(k): str(v) for k, v in software.items()}, trail,
                       parameters)


def _completed(workspace: Workspace, reference: str) -> Workspace:
    """A stored workspace completed with the library, as the edition's runs saw it."""
    from pathlib import Path

    from pmiek.adapters.files import completed

    return completed(workspace, [], {}, Path(reference)).workspace


def _json(value: object) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        loaded = json.loads(value)
        return loaded if isinstance(loaded, dict) else {}
    return {}


def _monitoring(consult: Any, edition: str, frames: Mapping[str, pd.DataFrame]
                ) -> dict[str, Any]:
    """The monitoring of the edition's priority list against the newest stored IP edition
    (none when the user may not read it, or nothing is stored or linked)."""
    from sqlalchemy import select

    from pmiek.adapters.store import models as m
    from pmiek.errors import InputError
    from pmiek.programme.monitoring import monitor

    none: dict[str, Any] = {"monitoring": None, "ip_edition": ""}
    priority = frames.get("assess/priority_list")
    try:
        mapping = consult.matches(edition)
    except InputError:
        return none
    if priority is None or priority.empty or mapping.empty:
        return none
    e = m.ip_editions
    with consult.store._connect() as conn:
        stored = conn.execute(select(e.c.ip_year, e.c.phase).distinct()).all()
    if not stored:
        return none
    ip_year, phase = max(stored, key=lambda r: (r.ip_year, r.phase == "definitief"))
    listed = consult.ip_list(ip_year, phase)
    previous, before = consult.previous_ip(
        ip_year, phase, sorted(listed["operator"].astype(str).unique()))
    report = monitor(priority, listed, mapping, previous_ip=previous if before else None)
    label = f"IP{ip_year} ({phase})"
    return {"monitoring": report, "ip_edition": label}


def from_workspace(workspace: Workspace, name: str, *, parameters: Mapping[str, Any] | None
                   = None, progress: Callable[[str], None] | None = None) -> ReportInput:
    """The document's input from a workspace without an edition: its runs computed now."""
    from pmiek.adapters.compute.cycle import parameters_of, run_cycle, versions
    from pmiek.domain.provenance import content_hash
    from pmiek.programme.results import frames_hash

    runs = run_cycle(workspace, parameters, progress=progress)
    frames = {f"{run.kind}/{table}": frame for run in runs
              for table, frame in run.frames.items() if wanted(f"{run.kind}/{table}")}
    listed = pd.DataFrame({
        "run_id": [None] * len(runs), "kind": [r.kind for r in runs],
        "parameters": [json.dumps(r.parameters, sort_keys=True) for r in runs],
        "output_hash": [frames_hash(r.frames) for r in runs]})
    return ReportInput(workspace, name, None, content_hash(workspace), frames, listed,
                       versions(), None, parameters_of(parameters))


__all__ = ["LENS_TABLES", "TABLES", "ReportInput", "Trail", "from_edition", "from_workspace",
           "wanted"]
