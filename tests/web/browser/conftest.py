"""The web application in a real browser: Debian's Chromium driven by pytest-playwright,
against servers that this test session starts on 127.0.0.1 (uvicorn in a thread).

Every test in this package is marked ``browser``. The servers run on prepared stores made
once per test process, never per test (nothing here recomputes the cycle per test):

- ``example_server``: a copy of the web tests' prepared store (``tests/web/conftest.py``:
  the example workspace with its insight run, the edition "P-MIEK test" and an account per
  role and scope);
- ``utrecht_server``: the Utrecht workspace (name "utrecht") with its insight run stored,
  a gemeente account for the municipality of Utrecht and a kernteam account.

Chromium and the Playwright driver are the project's (``scripts/browser_tools.sh``); when
they are missing the tests skip, except under CI, where they fail. Screenshots of the pages
are kept in ``out/test-artefacts/web/`` (full page, PNG).
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pandas as pd
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import select

from pmiek import read_workspace
from pmiek.adapters.store import accounts, migrate
from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.passwords import hasher
from pmiek.adapters.web.runs import compute_and_store
from tests.support.browser import (
    CHROMIUM_ARGS,
    REPO,
    axe_path,
    chromium_path,
    install_axe,
    shared_playwright,
    tools_or_skip,
)
from tests.web.conftest import PASSWORD, Account, settings_for

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

HERE = Path(__file__).resolve().parent
ARTEFACTS = REPO / "out" / "test-artefacts" / "web"
"""Where the screenshots and the browser's version go (``/out/`` is not versioned)."""

TIMEOUT_MS = 15_000
"""Playwright's default timeout per action in these tests."""

UTRECHT = "utrecht"
UTRECHT_MUNICIPALITY = "GM0344"
"""The area id of the municipality of Utrecht (CBS code), checked against the workspace."""

UTRECHT_ACCOUNTS = (
    Account("utrecht", "gemeente", UTRECHT_MUNICIPALITY),
    Account("kern", "kernteam", None),
)
"""The accounts of the Utrecht store; every password is :data:`PASSWORD`."""

SERVER_START_SECONDS = 60.0


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this package ``browser`` (before ``-m`` selects)."""
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Playwright:
    """pytest-playwright's Playwright replaced by the process's shared one
    (:func:`tests.support.browser.shared_playwright`: two sync Playwrights cannot run in one
    process, and the programme-document tests start theirs through it too)."""
    tools_or_skip("playwright")
    return shared_playwright()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's documented override: Debian's Chromium, headless (unless
    ``--headed``), with the project's arguments; skip (fail under CI) when it is missing."""
    tools_or_skip("playwright", "chromium")
    return {**browser_type_launch_args,
            "executable_path": chromium_path(),
            "args": list(CHROMIUM_ARGS),
            "headless": browser_type_launch_args.get("headless", True)}


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: each test names its server's URL (two servers run at once).

    This also replaces pytest-playwright's own fallback fixture, which that plugin defines
    as an instance method of a plugin class, a form pytest deprecates (a warning, and so an
    error under this suite's ``filterwarnings = error``)."""
    return None


@pytest.fixture(scope="session")
def chromium_version(browser: Browser, request: pytest.FixtureRequest) -> str:
    """The Chromium version (logged once to the terminal and kept with the artefacts)."""
    from importlib.metadata import version

    axe = axe_path()
    manifest = axe.parent / "package.json" if axe is not None else None
    axe_version = (json.loads(manifest.read_text(encoding="utf-8")).get("version", "?")
                   if manifest is not None and manifest.is_file() else "?")
    line = (f"browser tests: Chromium {browser.version}, Playwright {version('playwright')}, "
            f"pytest-playwright {version('pytest-playwright')}, axe-core {axe_version}")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "browser.txt").write_text(line + "\n", encoding="utf-8")
    return str(browser.version)


# --- the servers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveServer:
    """A running server: its base URL, its store, its workspace and the application (for
    what a test must arrange outside the pages, such as a job of the worker)."""

    url: str
    database_url: str
    workspace: str
    app: FastAPI

    def at(self, path: str) -> str:
        return self.url + path


@contextmanager
def serve(database_url: str, **settings: object) -> Iterator[tuple[str, FastAPI]]:
    """The web application on ``database_url``, served by uvicorn on 127.0.0.1 (a free port
    chosen by the system) in a background thread; yields the base URL and the app."""
    class ThreadServer(uvicorn.Server):
        """uvicorn without signal handlers: they belong to the main thread (pytest's)."""

        def install_signal_handlers(self) -> None:  # uvicorn before 0.29
            pass

        @contextmanager
        def capture_signals(self) -> Iterator[None]:  # uvicorn 0.29 and later
            yield

    app = create_app(settings_for(database_url, **settings))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, ws="none",
                            lifespan="on")
    server = ThreadServer(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]},
                              name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_SECONDS
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError(f"the server on port {port} stopped while starting")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server on port {port} did not start within "
                                   f"{SERVER_START_SECONDS:.0f} s")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()


def copy_store(source_url: str, target: Path) -> str:
    """A copy of a SQLite store (so that the browser tests may change it)."""
    shutil.copyfile(Path(source_url.removeprefix("sqlite:///")), target)
    return f"sqlite:///{target}"


def prepare_utrecht(url: str) -> None:
    """Migrate ``url``, import the Utrecht workspace as "utrecht", store its insight run and
    create :data:`UTRECHT_ACCOUNTS`."""
    read = read_workspace(UTRECHT)
    assert read.ok, [problem.message("en") for problem in read.problems]
    areas = read.workspace.areas.set_index("id")
    assert areas.loc[UTRECHT_MUNICIPALITY, "name"] == "Utrecht", "GM0344 is not Utrecht"
    with Store(url) as store:
        migrate.upgrade(store.engine)
        store.import_workspace(read.workspace, UTRECHT, source="tests/web/browser")
        compute_and_store(store, UTRECHT, kinds=("insight",))
        digest = hasher("fast").hash(PASSWORD)
        for account in UTRECHT_ACCOUNTS:
            accounts.create_account(store, account.name, account.role,
                                    organisation=account.organisation, password_hash=digest,
                                    by="tests")


@pytest.fixture(scope="session")
def example_db(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the web tests' prepared example store, for this session's browser tests."""
    return copy_store(web_db, tmp_path_factory.mktemp("browser-example") / "pmiek.db")


@pytest.fixture(scope="session")
def utrecht_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The prepared Utrecht store (made once per test process: ~10 s)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-utrecht') / 'pmiek.db'}"
    prepare_utrecht(url)
    return url


@pytest.fixture(scope="session")
def example_server(example_db: str) -> Iterator[LiveServer]:
    with serve(example_db) as (url, app):
        yield LiveServer(url, example_db, "example", app)


@pytest.fixture(scope="session")
def utrecht_server(utrecht_db: str) -> Iterator[LiveServer]:
    with serve(utrecht_db) as (url, app):
        yield LiveServer(url, utrecht_db, UTRECHT, app)


def stored_table(database_url: str, workspace: str, name: str) -> pd.DataFrame:
    """Table ``name`` of the newest insight run of ``workspace``'s current version, read
    straight from the store's ``run_tables`` (not through the web app's readers)."""
    r, v, w, t = m.runs, m.workspace_versions, m.workspaces, m.run_tables
    with Store(database_url) as store, store.engine.connect() as conn:
        current = conn.execute(select(w.c.current_version).where(w.c.name == workspace)
                               ).scalar_one()
        content = conn.execute(
            select(t.c.content).join(r, r.c.id == t.c.run_id)
            .join(v, v.c.id == r.c.version_id).join(w, w.c.id == v.c.workspace_id)
            .where(w.c.name == workspace, v.c.number == current, r.c.kind == "insight",
                   r.c.status == "done", t.c.name == name)
            .order_by(r.c.id.desc()).limit(1)).scalar_one()
    return pd.read_csv(io.StringIO(content))


# --- pages ------------------------------------------------------------------------------------


def login(page: Page, name: str, base: LiveServer | str | None = None,
          password: str = PASSWORD) -> None:
    """Log in as ``name`` through the real login form of ``base`` (default: the server of the
    page's current URL); afterwards the page shows where the form sent it."""
    if isinstance(base, LiveServer):
        origin = base.url
    elif base is not None:
        origin = base
    else:
        parts = urlsplit(page.url)
        assert parts.scheme.startswith("http"), f"login: the page shows {page.url!r}"
        origin = f"{parts.scheme}://{parts.netloc}"
    page.goto(f"{origin}/inloggen")
    form = page.locator("form:has(input[name=wachtwoord])")
    form.locator("input[name=naam]").fill(name)
    form.locator("input[name=wachtwoord]").fill(password)
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert urlsplit(page.url).path != "/inloggen", (
        f"login as {name!r} failed: still on the form\n{page.locator('main').inner_text()}")
    cookies = {cookie["name"] for cookie in page.context.cookies(origin)}
    assert "pmiek_sessie" in cookies, f"no session cookie after logging in as {name!r}"


@pytest.fixture(scope="session")
def login_states() -> dict[tuple[str, str], Any]:
    """Logged-in browser states (cookies) per (server URL, account), each made once through
    the login form and reused by tests that do not log out."""
    return {}


OpenPage = Callable[..., "Page"]


@pytest.fixture
def open_page(new_context: Callable[..., BrowserContext], chromium_version: str,
              login_states: dict[tuple[str, str], Any]) -> OpenPage:
    """``open_page(server, account=None, *, axe=False, **context_args)``: a new page in a
    new browser context, logged in as ``account`` when given (through the login form, the
    cookies then reused), with axe-core loaded into every page when ``axe``."""

    def make(server: LiveServer, account: str | None = None, *, axe: bool = False,
             **context_args: Any) -> Page:
        if account is not None and (server.url, account) not in login_states:
            context = new_context()
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            login(page, account, server)
            login_states[server.url, account] = context.storage_state()
            context.close()
        if account is not None:
            context_args["storage_state"] = login_states[server.url, account]
        if axe:
            tools_or_skip("axe")
        context = new_context(**context_args)
        if axe:
            install_axe(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        return page

    return make


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG of ``page`` kept as a test artefact (``out/test-artefacts/web``)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def settle(page: Page) -> None:
    """Wait until the page is loaded, its map (if any) drawn or failed, and no htmx request
    is under way (cheaper than waiting for an idle network)."""
    page.wait_for_load_state("load")
    page.wait_for_function("""() => {
        const map = document.querySelector('#kaart[data-stations-url]');
        const drawn = !map || ['klaar', 'fout'].includes(map.dataset.kaartStatus);
        return drawn && !document.querySelector('.htmx-request');
    }""")


def watch_errors(page: Page) -> list[str]:
    """The page's script errors and console errors (CSP violations among them) from now on,
    collected into the returned list."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
    page.on("console", lambda message: errors.append(f"console {message.type}: "
                                                       f"{message.text}")
            if message.type == "error" else None)
    return errors
