"""The background worker: computes a workspace version's runs so that no request does.

A new version (an upload, the demo's first start) asks :meth:`Worker.submit_cycle` for its
runs. The worker skips the kinds already stored on that version (:meth:`Results.runs
<pmiek.adapters.web.results.Results.runs>`), then calls
:func:`pmiek.adapters.web.runs.compute_and_store` for insight on its own — so the map appears
as soon as insight is stored — and for variants and assessment together (the assessment
needs the variant set, which one call computes once). Each run is stored in one transaction
(:meth:`~pmiek.adapters.store.store.Store.record_run`), so it is in the store whole or not at
all. Same inputs give the same stored
tables: the cycle's parameters are the defaults of :data:`pmiek.adapters.compute.cycle.DEFAULTS`
(a fixed seed).

The jobs themselves are kept in memory only: after a restart the store still holds every
finished run, and a page that finds a run missing shows that the computation is pending.

Threads: the worker runs its jobs on at most ``workers`` *daemon* threads fed by a queue
(not a :class:`concurrent.futures.ThreadPoolExecutor`, whose threads the interpreter joins at
exit, so that a computation of minutes would hold up the end of ``pmiek serve``). A thread
starts with the first job and ends after a minute without work. A computation cannot be
interrupted halfway; :meth:`Worker.shutdown` cancels the queued jobs and waits at most
``timeout`` seconds for the running ones, after which the process may exit and the daemon
thread dies with it. What it was writing is one uncommitted transaction that the database
discards, so nothing half-written remains; the run is made again when someone asks for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from pmiek.adapters.store.store import SYSTEM_USER, Store
from pmiek.adapters.web.results import Results
from pmiek.errors import PmiekError

LOG = logging.getLogger(__name__)

KINDS = ("insight", "variants", "assess")
"""The kinds of run of the cycle, in the order they are computed."""

STATES = ("queued", "running", "done", "failed")

KEEP_JOBS = 500
"""How many finished jobs are remembered (the oldest are forgotten first)."""

GENERIC_ERROR = {
    "nl": "De berekening is mislukt door een fout in pmiek ({kind}). Er is niets van deze "
          "berekening opgeslagen; meld de fout aan de beheerder.",
    "en": "The computation failed because of a fault in pmiek ({kind}). Nothing of this "
          "computation was stored; report the fault to the administrator.",
}
STOPPED_ERROR = {
    "nl": "De server stopte voordat deze berekening begon; hij wordt opnieuw gestart zodra "
          "iemand erom vraagt.",
    "en": "The server stopped before this computation began; it starts again as soon as "
          "someone asks for it.",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Job:
    """A computation asked of the worker (a snapshot: the worker replaces it as it runs).

    ``kinds`` are the runs asked for; ``skipped`` those already stored when the job was
    submitted; ``steps`` the stages the cycle reported, in order; ``stored`` the kinds this job
    stored (with ``run_ids``); ``error`` the message of a failure in Dutch and English.
    """

    id: str
    kind: str
    workspace: str
    version: int
    kinds: tuple[str, ...]
    created_by: str
    created: dt.datetime
    state: str = "queued"
    skipped: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    stored: tuple[str, ...] = ()
    run_ids: tuple[int, ...] = ()
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    error: dict[str, str] | None = None

    @property
    def active(self) -> bool:
        """Whether the job is queued or running."""
        return self.state in ("queued", "running")

    def step_state(self, kind: str) -> str:
        """'done', 'skipped', 'running', 'waiting' or 'failed' for one kind of run."""
        if kind in self.skipped:
            return "skipped"
        if kind in self.stored:
            return "done"
        if self.state == "failed":
            return "failed"
        if self.state == "running" and kind in self.steps:
            return "running"
        return "waiting"

    def message(self, lang: str) -> str | None:
        """The failure in ``lang`` (None when the job did not fail)."""
        if self.error is None:
            return None
        return self.error.get(lang) or self.error["nl"]


POLL_SECONDS = 0.25
"""How often an idle thread looks whether the worker is shutting down."""
IDLE_SECONDS = 60.0
"""An idle thread ends after this long without work (the next job starts a new one)."""


class Worker:
    """Runs computations in the background so that no request computes for seconds.

    ``kinds`` are the runs a version gets when :meth:`submit_cycle` is not told otherwise
    (all of the cycle; a deployment or a test may ask for insight only).
    """

    def __init__(self, store: Store, results: Results, *, workers: int = 1,
                 kinds: tuple[str, ...] = KINDS) -> None:
        self.store = store
        self.results = results
        self.workers = workers
        self.kinds = kinds
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[str] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._closing = False

    # --- asking ---------------------------------------------------------------------------

    def submit_cycle(self, workspace: str, number: int, *,
                     kinds: tuple[str, ...] | None = None, user: str = SYSTEM_USER) -> Job:
        """A job computing ``kinds`` (default: the worker's) of version ``number`` of
        ``workspace``, skipping those stored already. An active job on the same version that
        covers ``kinds`` is returned instead of a second one; a job with nothing left to do is
        done at once (and one submitted while the worker shuts down fails at once)."""
        asked = self.kinds if kinds is None else kinds
        unknown = set(asked) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds of run {sorted(unknown)}; kinds: {KINDS}")
        wanted = tuple(k for k in KINDS if k in asked)
        stored = {run.kind for run in self.results.runs(workspace, number)}
        with self._lock:
            for job in reversed(self._jobs.values()):
                if job.active and (job.workspace, job.version) == (workspace, number) \
                        and set(wanted) <= set(job.kinds):
                    return job
            now = _now()
            job = Job(uuid.uuid4().hex, "cycle", workspace, number, wanted, user, now,
                      skipped=tuple(k for k in wanted if k in stored))
            if set(wanted) <= stored:
                job = dataclasses.replace(job, state="done", started=now, finished=now)
            elif self._closing:
                job = dataclasses.replace(job, state="failed", finished=now,
                                          error=dict(STOPPED_ERROR))
            self._remember(job)
            if job.active:
                # under the lock, so that an idle thread never ends with this job queued
                self._queue.put(job.id)
                self._start_threads()
        return job

    def job(self, job_id: str) -> Job | None:
        """The job ``job_id`` as it is now (None when unknown or forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def jobs_for(self, workspace: str) -> list[Job]:
        """The jobs on ``workspace``, newest first."""
        with self._lock:
            return [j for j in reversed(self._jobs.values()) if j.workspace == workspace]

    def active(self, workspace: str, number: int) -> Job | None:
        """The newest queued or running job on that version, if any."""
        return next((j for j in self.jobs_for(workspace)
                     if j.version == number and j.active), None)

    def job_for(self, workspace: str, number: int) -> Job | None:
        """The job a page of that version points to while its runs are missing: the newest
        active job on it, else the newest job on it (a failed one says why)."""
        mine = [j for j in self.jobs_for(workspace) if j.version == number]
        return next((j for j in mine if j.active), mine[0] if mine else None)

    def busy(self) -> bool:
        """Whether a job is running now."""
        with self._lock:
            return any(j.state == "running" for j in self._jobs.values())

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel the queued jobs and wait at most ``timeout`` seconds for the running ones
        (see the module docstring). The worker takes work again afterwards (an app whose
        lifespan runs more than once, as in tests, keeps one worker)."""
        with self._lock:
            self._closing = True
            threads = list(self._threads)
        try:
            self._cancel_queued()
            deadline = time.monotonic() + timeout
            for thread in threads:
                thread.join(max(deadline - time.monotonic(), 0.0))
                if thread.is_alive():
                    LOG.warning("pmiek worker: a computation still runs at shutdown; the "
                                "process may exit without it (nothing half-written is kept)")
            self._cancel_queued()
        finally:
            with self._lock:
                self._closing = False

    def wait(self, job_id: str, timeout: float) -> Job | None:
        """The job once it is no longer active, or as it is after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.job(job_id)
            if found is None or not found.active or time.monotonic() >= deadline:
                return found
            time.sleep(min(POLL_SECONDS, max(deadline - time.monotonic(), 0.0)))

    # --- running --------------------------------------------------------------------------

    def _cancel_queued(self) -> None:
        while True:
            try:
                job_id = self._queue.get_nowait()
            except queue.Empty:
                return
            self._update(job_id, state="failed", finished=_now(), error=dict(STOPPED_ERROR))

    def _remember(self, job: Job) -> None:
        self._jobs[job.id] = job
        finished = [k for k, j in self._jobs.items() if not j.active]
        for key in finished[:max(0, len(finished) - KEEP_JOBS)]:
            del self._jobs[key]

    def _start_threads(self) -> None:
        """Start daemon threads up to ``workers`` (called with the lock held)."""
        self._threads = [t for t in self._threads if t.is_alive()]
        while len(self._threads) < self.workers:
            thread = threading.Thread(target=self._loop, daemon=True,
                                      name=f"pmiek-worker-{len(self._threads) + 1}")
            self._threads.append(thread)
            thread.start()

    def _update(self, job_id: str, **changes: object) -> Job:
        with self._lock:
            job = dataclasses.replace(self._jobs[job_id], **changes)  # type: ignore[arg-type]
            self._jobs[job_id] = job
            return job

    def _leave(self) -> bool:
        """Whether this thread should end now: the worker shuts down, or there has been no
        work for a while (checked under the lock, against a job being queued)."""
        with self._lock:
            if self._closing or self._queue.empty():
                me = threading.current_thread()
                self._threads = [t for t in self._threads if t is not me]
                return True
            return False

    def _loop(self) -> None:
        idle = 0.0
        while True:
            if self._closing and self._leave():
                return
            try:
                job_id = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                idle += POLL_SECONDS
                if idle >= IDLE_SECONDS and self._leave():
                    return
                continue
            idle = 0.0
            if self._closing:
                self._update(job_id, state="failed", finished=_now(),
                             error=dict(STOPPED_ERROR))
                continue
            self._run(job_id)

    def _run(self, job_id: str) -> None:
        """Compute the job's kinds: insight first on its own, then the rest together."""
        job = self._update(job_id, state="running", started=_now())
        try:
            for group in _groups(tuple(k for k in job.kinds if k not in job.skipped)):
                self._compute(job_id, group)
        except Exception as error:  # every failure becomes the job's message
            self._update(job_id, state="failed", finished=_now(), error=_message(error))
            if not isinstance(error, PmiekError):
                LOG.exception("pmiek worker: job %s on %s version %s failed", job_id,
                              job.workspace, job.version)
            return
        self._update(job_id, state="done", finished=_now())

    def _compute(self, job_id: str, group: tuple[str, ...]) -> None:
        from pmiek.adapters.web import runs

        job = self._jobs[job_id]  # its workspace and version never change
        stored = {run.kind for run in self.results.runs(job.workspace, job.version)}
        todo = tuple(k for k in group if k not in stored)
        ids: list[int] = []
        if todo:
            def tell(kind: str) -> None:
                with self._lock:
                    current = self._jobs[job_id]
                    self._jobs[job_id] = dataclasses.replace(
                        current, steps=(*current.steps, kind))

            ids = runs.compute_and_store(self.store, job.workspace, job.version, kinds=todo,
                                         user=job.created_by, progress=tell)
        with self._lock:
            current = self._jobs[job_id]
            self._jobs[job_id] = dataclasses.replace(
                current, stored=(*current.stored, *todo),
                skipped=(*current.skipped, *(k for k in group if k in stored)),
                run_ids=(*current.run_ids, *ids))


def _groups(kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Insight on its own, then the other kinds together."""
    first = [("insight",)] if "insight" in kinds else []
    rest = tuple(k for k in kinds if k != "insight")
    return first + ([rest] if rest else [])


def _message(error: Exception) -> dict[str, str]:
    """The message of a failed job in Dutch and English."""
    if isinstance(error, PmiekError):
        return {lang: error.in_language(lang) for lang in ("nl", "en")}
    return {lang: text.format(kind=type(error).__name__)
            for lang, text in GENERIC_ERROR.items()}


__all__ = ["KINDS", "Job", "Worker"]
