"""The same server on PostgreSQL: a smoke walk through the main pages in Chromium.

A fresh database on the test server (``PMIEK_TEST_POSTGRES_URL``, which ``make test`` sets
from ``scripts/test_postgres.sh``) is prepared like the SQLite store of the web tests; without
the variable the test skips, except under CI, where it fails (as the store tests do).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL, make_url

from tests.support.browser import under_ci
from tests.web.browser.conftest import (
    LiveServer,
    login,
    screenshot,
    serve,
    settle,
    stored_table,
    watch_errors,
)
from tests.web.conftest import CONFIDENTIAL, WORKSPACE, prepare_store

if TYPE_CHECKING:
    from playwright.sync_api import Page

POSTGRES_URL_VARIABLE = "PMIEK_TEST_POSTGRES_URL"


def admin_connection(url: URL) -> psycopg.Connection:
    """An autocommit connection to the server's ``postgres`` database."""
    return psycopg.connect(host=url.host, port=url.port, user=url.username,
                           password=url.password, dbname="postgres", autocommit=True)


@pytest.fixture(scope="module")
def postgres_db() -> Iterator[str]:
    """A new database on the test server, prepared like the web tests' store; dropped
    after this module."""
    given = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if not given:
        if under_ci():
            pytest.fail(f"CI is set but {POSTGRES_URL_VARIABLE} is not: the PostgreSQL "
                        "browser smoke test must run under CI")
        pytest.skip(f"no PostgreSQL server: run make test or set {POSTGRES_URL_VARIABLE}")
    server = make_url(given)
    name = f"pmiek_b_{uuid.uuid4().hex[:16]}"
    with admin_connection(server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        prepare_store(url)
        yield url
    finally:
        with admin_connection(server) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                          .format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def postgres_server(postgres_db: str) -> Iterator[LiveServer]:
    with serve(postgres_db) as (url, app):
        yield LiveServer(url, postgres_db, WORKSPACE, app)


def test_smoke_on_postgresql(postgres_server: LiveServer,
                             open_page: Callable[..., Page]) -> None:
    server = postgres_server
    page = open_page(server)
    errors = watch_errors(page)

    # The overview, anonymously: the workspace is listed.
    response = page.goto(server.at("/"))
    assert response is not None and response.status == 200
    assert page.locator(f"main a[href^='/werkruimte/{WORKSPACE}/']").count() > 0, (
        "the overview links to no page of the workspace")

    # Log in as the kernteam (through the form).
    login(page, "kern", server)
    assert page.locator("form[action='/uitloggen']").count() == 1, "no logout button"

    # The map: the table twin lists the stations, the confidential one too (kernteam).
    page.goto(server.at(f"/werkruimte/{WORKSPACE}/kaart"))
    settle(page)
    assert page.locator("#kaart").get_attribute("data-kaart-status") == "klaar"
    links = page.locator("#stationtabel tbody a[href*='/station/']")
    hrefs = [str(link.get_attribute("href")) for link in links.all()]
    shown = {urlsplit(href).path.rsplit("/", 1)[-1] for href in hrefs}
    bottlenecks = stored_table(server.database_url, WORKSPACE, "bottlenecks")
    confidential = next(key for key, kind in CONFIDENTIAL.items() if kind == "asset")
    assert confidential in shown, f"the kernteam does not see {confidential}: {sorted(shown)}"
    assert shown <= set(bottlenecks["asset_id"]), sorted(shown - set(bottlenecks["asset_id"]))
    screenshot(page, "postgres-map-kern")

    # A station panel with the stored numbers.
    link = links.first
    station = urlsplit(str(link.get_attribute("href"))).path.rsplit("/", 1)[-1]
    link.click()
    panel = page.locator("#stationpaneel")
    peak = panel.locator("dd[data-veld=peak_mw]")
    peak.wait_for()
    raw = peak.get_attribute("data-waarde") or ""
    assert raw and float(raw) in set(bottlenecks.loc[bottlenecks["asset_id"] == station,
                                                     "peak_mw"]), raw

    # The tables page, and from it the assets table.
    response = page.goto(server.at(f"/werkruimte/{WORKSPACE}/tabellen"))
    assert response is not None and response.status == 200
    with page.expect_navigation():
        page.locator("main a[href$='assets']").first.click()
    assert page.locator("main table tbody tr").count() > 0, "the assets table has no rows"
    assert confidential in page.locator("main table tbody").inner_text(), (
        f"the kernteam's assets table lacks {confidential}")

    # Logout: the session ends.
    with page.expect_navigation():
        page.locator("form[action='/uitloggen'] [type=submit]").click()
    assert page.locator("a[href='/inloggen']").count() > 0, "still logged in"
    page.goto(server.at("/beheer/accounts"))
    assert urlsplit(page.url).path == "/inloggen", page.url
    assert not errors, "script or console errors:\n" + "\n".join(errors)
