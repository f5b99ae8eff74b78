"""Submitting intake workbooks through the web (issue 19, done-when 5).

The workbooks are prepared from the stored example workspace as ``pmiek intake prepare``
does; one is edited with openpyxl for a clean change, one is broken (text in a number
column). A broken workbook shows the same problems as the intake merge's own planning and
stores nothing; a clean one becomes the next version, audited as the web account, with the
provenance of its rows and a job for its runs; two uploads on the same version give one new
version and one conflict; an account may only submit its own organisation's workbook.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pmiek.adapters.files.intake import plan_merge, prepare
from pmiek.adapters.files.intake_xlsx import Intake
from pmiek.adapters.files.library import shipped_library
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.worker import Worker
from pmiek.domain.defaults import LOAD_HORIZON
from pmiek.domain.validation import ValidationOptions
from tests.web.conftest import WORKSPACE, login, settings_for

ORIGIN = {"Origin": "http://testserver"}
FORM = f"/werkruimte/{WORKSPACE}/aanleveren"
UTRECHT, HOUTEN = "GM0344", "GM0321"


@pytest.fixture(scope="module")
def workbooks(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The intake workbooks of the stored example (version 1), as ``pmiek intake prepare``
    writes them."""
    out = tmp_path_factory.mktemp("werkboeken") / "uitvraag"
    with Store(web_db) as store:
        info = store.version(WORKSPACE)
        workspace = store.load(WORKSPACE, info.number)
    prepare(Intake(workspace, f"db:{WORKSPACE}", info.content_hash, shipped_library(),
                   dt.date(2026, 12, 1), "nl"), out)
    return out


def _sheet_row(path: Path, sheet_name: str, column: str, row_id: str) -> tuple[int, int]:
    """(row, column) numbers of the cell ``column`` of the row with id ``row_id``."""
    sheet = openpyxl.load_workbook(path)[sheet_name]
    header = [c.value for c in sheet[1]]
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if row[header.index("id")] == row_id:
            return number, header.index(column) + 1
    raise AssertionError(f"no row {row_id} in {path.name}")


def edited(workbooks: Path, town: str, target: Path, row_id: str, column: str,
           value: object) -> Path:
    """A copy of the workbook of ``town`` at ``target`` with one cell typed in."""
    source = next(workbooks.glob(f"gemeente-{town}-*.xlsx"))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    row, col = _sheet_row(target, "ontwikkelingen", column, row_id)
    book = openpyxl.load_workbook(target)
    book["ontwikkelingen"].cell(row=row, column=col, value=value)
    book.save(target)
    return target


@dataclass
class Site:
    """An app on a store of its own, with an insight-only worker."""

    app: FastAPI
    url: str
    worker: Worker

    def client(self, name: str) -> TestClient:
        c = TestClient(self.app)
        c.__enter__()
        self.clients.append(c)
        login(c, name)
        return c

    def __post_init__(self) -> None:
        self.clients: list[TestClient] = []


@pytest.fixture
def site(fresh_web_db: str) -> Iterator[Site]:
    app = create_app(settings_for(fresh_web_db))
    worker = Worker(app.state.store, app.state.results, kinds=("insight",))
    app.state.worker = worker
    made = Site(app, fresh_web_db, worker)
    yield made
    worker.shutdown(timeout=120)  # let a started insight run finish before the store goes
    for c in made.clients:
        c.__exit__(None, None, None)


def form_fields(client: TestClient) -> dict[str, str]:
    """The hidden fields of the upload form, as a browser would send them."""
    page = client.get(FORM)
    assert page.status_code == 200, page.text[:300]
    return {name: html.unescape(value) for name, value in re.findall(
        r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text)}


def submit(client: TestClient, path: Path, fields: dict[str, str]) -> Any:
    with path.open("rb") as stream:
        return client.post(FORM, data=fields, headers=ORIGIN,
                           files={"bestand": (path.name, stream.read(),
                                              "application/vnd.openxmlformats-officedocument."
                                              "spreadsheetml.sheet")})


def versions(url: str) -> list[int]:
    with Store(url) as store:
        return [v.number for v in store.versions(WORKSPACE)]


def audit_rows(url: str) -> int:
    with Store(url) as store:
        return len(store.audit())


def page_problems(text: str) -> list[tuple[str, str, str, str, str]]:
    """(file, sheet, row, column, message) of every row of the page's problem table."""
    rows = re.findall(r'<tr class="probleem" data-severity="\w+" data-file="([^"]*)" '
                      r'data-sheet="([^"]*)" data-row="([^"]*)" data-column="([^"]*)">(.*?)'
                      r"</tr>", text, flags=re.S)
    found = []
    for file, sheet, row, column, cells in rows:
        message = re.search(r'<td class="probleem__tekst">(.*?)</td>', cells, flags=re.S)
        assert message is not None
        found.append((html.unescape(file), html.unescape(sheet), row, html.unescape(column),
                      html.unescape(message.group(1))))
    return found


# --- the form -----------------------------------------------------------------------------


def test_the_form_carries_the_base_version_and_the_csrf_token(as_account: object) -> None:
    client = as_account("utrecht")  # type: ignore[operator]
    page = client.get(FORM)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    assert 'type="file"' in page.text and 'accept=".xlsx' in page.text
    fields = form_fields(client)
    assert fields["basis"] == "1"  # the example's only version
    assert fields["csrf_token"] and fields["csrf_token"] in page.text
    assert "Een gemeenteaccount" in page.text  # who may submit what


def test_anonymous_visitors_are_sent_to_the_login(client: TestClient) -> None:
    response = client.get(FORM, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen")


# --- refused workbooks --------------------------------------------------------------------


def test_a_broken_workbook_shows_the_merge_problems_and_stores_nothing(
        site: Site, workbooks: Path, tmp_path: Path) -> None:
    broken = edited(workbooks, UTRECHT, tmp_path / "kapot" / "gemeente-utrecht.xlsx",
                    "D-UTC-W", "quantity", "heel veel")
    client = site.client("utrecht")  # (logging in is audited too)
    before_versions, before_audit = versions(site.url), audit_rows(site.url)
    response = submit(client, broken, form_fields(client))
    assert response.status_code == 400
    shown = page_problems(response.text)
    # the same file planned independently, as `pmiek intake merge` does
    with Store(site.url) as store:
        info = store.version(WORKSPACE)
        current = store.load(WORKSPACE, info.number)
    plan = plan_merge(current, [broken],
                      lambda digest: current if digest == info.content_hash else None,
                      library=shipped_library(),
                      options=ValidationOptions(horizon=LOAD_HORIZON), label=WORKSPACE)
    expected = [(Path(str(item.path)).name, item.sheet or "",
                 "" if item.line is None else str(item.line), item.problem.column or "",
                 item.problem.message("nl"))
                for item in plan.received[0].problems + plan.problems]
    assert expected and shown == expected
    assert shown[0][:2] == ("gemeente-utrecht.xlsx", "ontwikkelingen")
    assert "heel veel" in response.text
    assert "niets opgeslagen" in response.text
    assert str(tmp_path) not in response.text
    assert versions(site.url) == before_versions == [1]
    assert audit_rows(site.url) == before_audit
    assert site.worker.jobs_for(WORKSPACE) == []


def test_another_municipalitys_workbook_is_forbidden(
        site: Site, workbooks: Path, tmp_path: Path) -> None:
    houten = edited(workbooks, HOUTEN, tmp_path / "houten.xlsx", "D-HTN-W", "quantity", 5)
    client = site.client("utrecht")
    before = audit_rows(site.url)
    response = submit(client, houten, form_fields(client))
    assert response.status_code == 403
    assert "Houten" in response.text and "niets opgeslagen" in response.text
    assert versions(site.url) == [1] and audit_rows(site.url) == before
    # the region may act for its municipalities: the same workbook goes in
    region = site.client("regio")
    assert submit(region, houten, form_fields(region)).status_code == 200
    assert versions(site.url) == [1, 2]


def test_a_grid_operator_may_not_submit_a_municipalitys_workbook(
        site: Site, workbooks: Path, tmp_path: Path) -> None:
    utrecht = edited(workbooks, UTRECHT, tmp_path / "u.xlsx", "D-UTC-W", "quantity", 9100)
    client = site.client("stedin")
    assert submit(client, utrecht, form_fields(client)).status_code == 403
    assert versions(site.url) == [1]


def test_a_file_that_is_not_xlsx_is_refused(site: Site, tmp_path: Path) -> None:
    text = tmp_path / "notities.txt"
    text.write_text("geen werkboek", encoding="utf-8")
    client = site.client("kern")
    response = submit(client, text, form_fields(client))
    assert response.status_code == 400 and "notities.txt" in response.text
    assert versions(site.url) == [1]


def test_a_file_over_the_limit_is_refused(site: Site, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from pmiek.adapters.web import pages_upload

    monkeypatch.setattr(pages_upload, "MAX_UPLOAD_BYTES", 1000)
    big = tmp_path / "groot.xlsx"
    big.write_bytes(b"x" * 5000)
    client = site.client("kern")
    response = submit(client, big, form_fields(client))
    assert response.status_code == 413
    assert versions(site.url) == [1]


# --- a clean workbook ---------------------------------------------------------------------


def test_a_clean_workbook_becomes_the_next_version(
        site: Site, workbooks: Path, tmp_path: Path) -> None:
    clean = edited(workbooks, UTRECHT, tmp_path / "gemeente-utrecht.xlsx", "D-UTC-W",
                   "quantity", 9100)
    client = site.client("utrecht")
    audit_before = audit_rows(site.url)
    response = submit(client, clean, form_fields(client))
    assert response.status_code == 200, response.text[:2000]
    assert "Versie 2 opgeslagen" in response.text
    with Store(site.url) as store:
        assert [v.number for v in store.versions(WORKSPACE)] == [1, 2]
        info = store.version(WORKSPACE, 2)
        new = store.load(WORKSPACE, 2).developments.set_index("id")
        old = store.load(WORKSPACE, 1).developments.set_index("id")
        provenance = store.provenance(WORKSPACE, 2)
        audit = store.audit(chain=True)
    assert new.loc["D-UTC-W", "quantity"] == 9100 != old.loc["D-UTC-W", "quantity"]
    assert new.drop(index="D-UTC-W").equals(old.drop(index="D-UTC-W"))
    assert info.created_by == "utrecht" and info.source == "web upload: gemeente-utrecht.xlsx"
    changed = provenance[provenance["row_id"] == "D-UTC-W"]
    assert list(changed["action"]) == ["changed"]
    assert set(provenance["file_name"]) == {"gemeente-utrecht.xlsx"}
    assert set(provenance["submitter"]) == {UTRECHT}
    assert len(audit) == audit_before + 1
    last = audit.iloc[-1]
    assert (last["user"], last["action"], last["role"], last["organisation"]) == (
        "utrecht", "import", "gemeente", UTRECHT)
    # the runs of version 2 were asked for; the page links to the job's progress
    job_id = re.search(r'data-taak="([0-9a-f]{32})"', response.text)
    assert job_id is not None
    job = site.worker.job(job_id.group(1))
    assert job is not None and (job.workspace, job.version, job.created_by) == (
        WORKSPACE, 2, "utrecht")
    finished = site.worker.wait(job.id, timeout=120)
    assert finished is not None and finished.state == "done", finished
    progress = client.get(f"/taken/{job.id}", headers={"HX-Request": "true"})
    assert progress.status_code == 200
    assert progress.text.lstrip().startswith('<div id="voortgang" data-state="done"')
    assert "hx-trigger" not in progress.text  # no more polling once done
    assert 'data-stap="insight" data-stand="done"' in progress.text


def test_the_job_page_polls_while_the_job_runs(site: Site) -> None:
    gate = threading.Event()
    entered = threading.Event()

    def slow(*_args: object, **_kwargs: object) -> list[int]:
        entered.set()
        gate.wait(30)
        return []

    import pmiek.adapters.web.runs as runs

    original = runs.compute_and_store
    runs.compute_and_store = slow
    try:
        job = site.worker.submit_cycle(WORKSPACE, 1, kinds=("variants",), user="kern")
        assert entered.wait(30)
        client = site.client("kern")
        page = client.get(f"/taken/{job.id}")
        assert page.status_code == 200
        assert 'hx-trigger="every 2s"' in page.text and f'hx-get="/taken/{job.id}"' in page.text
        assert f'<a href="/taken/{job.id}">' in page.text  # without JavaScript: a link
        assert 'aria-live="polite"' in page.text
        fragment = client.get(f"/taken/{job.id}", headers={"HX-Request": "true"})
        assert "<html" not in fragment.text and 'data-state="running"' in fragment.text
    finally:
        gate.set()
        runs.compute_and_store = original
        site.worker.wait(job.id, timeout=30)
    assert site.client("kern").get("/taken/" + "0" * 32).status_code == 404


# --- two uploads on one version -----------------------------------------------------------


def test_two_concurrent_uploads_give_one_version_and_one_conflict(
        site: Site, workbooks: Path, tmp_path: Path) -> None:
    first = edited(workbooks, UTRECHT, tmp_path / "a" / "utrecht.xlsx", "D-UTC-W", "quantity",
                   9100)
    second = edited(workbooks, HOUTEN, tmp_path / "b" / "houten.xlsx", "D-HTN-W", "quantity",
                    7)
    clients = [site.client("utrecht"), site.client("kern")]
    fields = [form_fields(c) for c in clients]
    assert fields[0]["basis"] == fields[1]["basis"] == "1"
    audit_before = audit_rows(site.url)
    barrier = threading.Barrier(2)
    # both requests pass the early check and the planning, and meet at the store: the
    # version they expect is taken by one of them, and the store refuses the other
    store = site.app.state.store
    storing = store.import_workspace
    at_store = threading.Barrier(2, timeout=60)

    def meet_then_store(*args: object, **kwargs: object) -> object:
        at_store.wait()
        return storing(*args, **kwargs)

    store.import_workspace = meet_then_store
    statuses: dict[int, int] = {}
    texts: dict[int, str] = {}

    def send(i: int, path: Path) -> None:
        barrier.wait()
        response = submit(clients[i], path, fields[i])
        statuses[i] = response.status_code
        texts[i] = response.text

    threads = [threading.Thread(target=send, args=(i, p))
               for i, p in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    del store.import_workspace
    assert sorted(statuses.values()) == [200, 409], statuses
    loser = next(i for i, s in statuses.items() if s == 409)
    assert "Iemand anders heeft intussen versie 2 opgeslagen" in texts[loser]
    assert "niets is opgeslagen" in texts[loser]
    assert versions(site.url) == [1, 2]
    assert audit_rows(site.url) == audit_before + 1
    # and the same base once more, in sequence: refused as well
    again = submit(clients[loser], (first, second)[loser], fields[loser])
    assert again.status_code == 409
    assert versions(site.url) == [1, 2]
