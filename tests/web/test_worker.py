"""The background worker: runs a version's computations off the request, stores them, and
reports progress and failures (issue 19: "a new version triggers the runs in a background
worker with progress shown on the page")."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

import pmiek.adapters.web.runs as runs
from pmiek import read_workspace
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.results import Results
from pmiek.adapters.web.worker import STOPPED_ERROR, Worker
from tests.web.conftest import WORKSPACE


@pytest.fixture
def store(fresh_web_db: str) -> Iterator[Store]:
    with Store(fresh_web_db) as opened:
        yield opened


@pytest.fixture
def worker(store: Store) -> Iterator[Worker]:
    made = Worker(store, Results(store))
    yield made
    made.shutdown(timeout=120)


def _second_version(store: Store) -> int:
    """Version 2 of the example: the same content as version 1, without runs."""
    info = store.import_workspace(read_workspace("example").workspace, WORKSPACE,
                                  user="kern", source="tests/web")
    return info.number


def test_insight_is_computed_stored_and_reported(store: Store, worker: Worker) -> None:
    number = _second_version(store)
    results = Results(store)
    assert results.run(WORKSPACE, number, "insight") is None
    job = worker.submit_cycle(WORKSPACE, number, kinds=("insight",), user="kern")
    assert job.state in ("queued", "running") and job.kinds == ("insight",)
    assert len(job.id) == 32 and job.created_by == "kern"
    done = worker.wait(job.id, timeout=120)
    assert done is not None and done.state == "done", done
    assert done.steps == ("insight",) and done.stored == ("insight",)
    assert done.started is not None and done.finished is not None
    assert done.started <= done.finished
    run = results.run(WORKSPACE, number, "insight")
    assert run is not None and [run.id] == list(done.run_ids)
    assert run.created_by == "kern" and "bottlenecks" in run.tables
    # deterministic: version 1 has the same content, and its insight run the same tables
    first = results.run(WORKSPACE, 1, "insight")
    assert first is not None and first.input_hash == run.input_hash
    assert first.output_hash == run.output_hash
    assert results.table(first.id, "bottlenecks").equals(results.table(run.id, "bottlenecks"))
    # asking again finds it stored: done at once, nothing computed
    again = worker.submit_cycle(WORKSPACE, number, kinds=("insight",))
    assert again.state == "done" and again.skipped == ("insight",) and again.run_ids == ()
    assert [j.id for j in worker.jobs_for(WORKSPACE)] == [again.id, job.id]


def _recording(calls: list[tuple[str, ...]], gate: threading.Event | None = None) -> Any:
    def compute(store: Store, workspace: str, number: int, *, kinds: tuple[str, ...],
                user: str, progress: Any) -> list[int]:
        calls.append(kinds)
        for kind in kinds:
            progress(kind)
        if gate is not None:
            gate.wait(30)
        return [len(calls) * 10 + i for i in range(len(kinds))]

    return compute


def test_insight_first_then_variants_and_assessment_together(
        store: Store, worker: Worker, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(runs, "compute_and_store", _recording(calls))
    number = _second_version(store)
    job = worker.submit_cycle(WORKSPACE, number, user="kern")
    done = worker.wait(job.id, timeout=30)
    assert done is not None and done.state == "done"
    assert calls == [("insight",), ("variants", "assess")]
    assert done.steps == ("insight", "variants", "assess")
    assert done.stored == ("insight", "variants", "assess") and done.run_ids == (10, 20, 21)
    assert [done.step_state(k) for k in done.kinds] == ["done"] * 3


def test_kinds_stored_already_are_skipped(store: Store, worker: Worker,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(runs, "compute_and_store", _recording(calls))
    job = worker.submit_cycle(WORKSPACE, 1)  # version 1 has its insight run (conftest)
    assert job.skipped == ("insight",)
    done = worker.wait(job.id, timeout=30)
    assert done is not None and done.state == "done"
    assert calls == [("variants", "assess")]
    assert done.step_state("insight") == "skipped"


def test_a_store_error_fails_the_job_with_its_message_in_both_languages(
        worker: Worker) -> None:
    job = worker.submit_cycle(WORKSPACE, 99, kinds=("insight",))
    failed = worker.wait(job.id, timeout=30)
    assert failed is not None and failed.state == "failed"
    assert failed.finished is not None and failed.stored == ()
    assert "geen versie 99" in (failed.message("nl") or "")
    assert "no version 99" in (failed.message("en") or "")
    assert failed.step_state("insight") == "failed"
    pointed = worker.job_for(WORKSPACE, 99)  # a page of that version says why
    assert pointed is not None and pointed.id == job.id and not pointed.active


def test_an_unexpected_error_fails_the_job_with_a_generic_message(
        store: Store, worker: Worker, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_args: object, **_kwargs: object) -> list[int]:
        raise ZeroDivisionError("intern detail")

    monkeypatch.setattr(runs, "compute_and_store", broken)
    job = worker.submit_cycle(WORKSPACE, _second_version(store), kinds=("insight",))
    failed = worker.wait(job.id, timeout=30)
    assert failed is not None and failed.state == "failed"
    assert "ZeroDivisionError" in (failed.message("nl") or "")
    assert "intern detail" not in (failed.message("nl") or "")  # no internals on the page
    assert "mislukt" in (failed.message("nl") or "") and "failed" in (failed.message("en") or "")
    assert any("ZeroDivisionError" in (r.exc_text or "") for r in caplog.records)
    assert Results(store).runs(WORKSPACE, 2) == []


def test_one_job_per_version_while_it_runs_and_shutdown_cancels_the_queue(
        store: Store, worker: Worker, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(runs, "compute_and_store", _recording(calls, gate))
    second = _second_version(store)
    running = worker.submit_cycle(WORKSPACE, second, kinds=("variants",))
    assert worker.submit_cycle(WORKSPACE, second, kinds=("variants",)).id == running.id
    third = store.import_workspace(read_workspace("example").workspace, WORKSPACE).number
    queued = worker.submit_cycle(WORKSPACE, third, kinds=("variants",))
    active = worker.active(WORKSPACE, third)
    assert active is not None and active.id == queued.id
    for _ in range(200):
        current = worker.job(running.id)
        if current is not None and current.state == "running":
            break
        threading.Event().wait(0.05)
    worker.shutdown(timeout=0.2)  # the running job outlives the wait; the queued one goes
    cancelled = worker.job(queued.id)
    assert cancelled is not None and cancelled.state == "failed"
    assert cancelled.error == STOPPED_ERROR
    gate.set()
    finished = worker.wait(running.id, timeout=30)
    assert finished is not None and finished.state == "done"
    assert calls == [("variants",)]
    # the worker takes work again afterwards
    later = worker.submit_cycle(WORKSPACE, third, kinds=("variants",))
    assert later.id != queued.id
    done = worker.wait(later.id, timeout=30)
    assert done is not None and done.state == "done" and len(calls) == 2


def test_unknown_kinds_are_refused(worker: Worker) -> None:
    with pytest.raises(ValueError, match="unknown kinds"):
        worker.submit_cycle(WORKSPACE, 1, kinds=("magic",))
