"""The overview, the edition page, the language switch and the static pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pmiek.adapters.store import models as m
from pmiek.adapters.store.programme_store import Programme
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.app import create_app
from tests.web.conftest import WORKSPACE, login, settings_for
from tests.web.test_tables import html_tables

EDITION = "P-MIEK test"
PAGES = ("/", "/editie/P-MIEK%20test", "/toegankelijkheid", "/methode",
         f"/werkruimte/{WORKSPACE}/tabellen",
         f"/werkruimte/{WORKSPACE}/tabellen/inzicht:bottlenecks",
         f"/werkruimte/{WORKSPACE}/tabellen/invoer:assets?kolom=operator&waarde=Stedin")
ANCHORS = ("piek", "capaciteit", "tekort", "uren", "benutting", "eerste-jaar", "klasse",
           "wachtrij", "verklaring")


class _Structure(HTMLParser):
    """What the accessibility checks need: headings, form controls and labels, table
    headers, inline scripts and styles, links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.headers: list[dict[str, str | None]] = []
        self.inline_scripts = 0
        self.styles = 0
        self.links: list[list[str]] = []
        self.html_lang: str | None = None
        self._script = False
        self._link: list[str] | None = None
        self._in_thead = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "style" in found or tag == "style":
            self.styles += 1
        if tag == "html":
            self.html_lang = found.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag in ("input", "select", "textarea") and found.get("type") not in (
                "hidden", "submit"):
            self.controls.append(found)
        elif tag == "label" and found.get("for"):
            self.labels.add(str(found["for"]))
        elif tag == "thead":
            self._in_thead = True
        elif tag == "th" and self._in_thead:
            self.headers.append(found)
        elif tag == "script":
            self._script = "src" not in found
        elif tag == "a":
            self._link = [found.get("aria-label") or ""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_thead = False
        elif tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None
        elif tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and data.strip():
            self.inline_scripts += 1
        if self._link is not None:
            self._link.append(data)


def structure(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    return parser


# --- accessibility basics of every page of this part ----------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_pages_keep_the_accessibility_basics(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    found = structure(response.text)
    assert found.html_lang == "nl"
    assert found.headings[0] == 1 and found.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(found.headings, found.headings[1:], strict=False))
    assert found.inline_scripts == 0 and found.styles == 0
    for control in found.controls:
        assert control.get("id") in found.labels, control
    assert all(h.get("scope") == "col" for h in found.headers)
    assert all("".join(text).strip() for text in found.links)
    for table in html_tables(response.text):
        assert table["caption"], path


# --- overview and edition --------------------------------------------------------------------


def test_overview_lists_workspace_and_edition(client: TestClient, web_db: str) -> None:
    with Store(web_db) as store:
        version = store.version(WORKSPACE).number
    page = client.get("/").text
    workspaces, editions = html_tables(page)[:2]
    assert [WORKSPACE, str(version), str(version)] == workspaces["rows"][1][:3]  # type: ignore[index]
    assert f'href="/werkruimte/{WORKSPACE}/kaart"' in page
    assert f'href="/werkruimte/{WORKSPACE}/tabellen"' in page
    row = editions["rows"][1]  # type: ignore[index]
    assert row[:4] == [EDITION, WORKSPACE, str(version), "concept"]
    assert 'href="/editie/P-MIEK%20test"' in page


@pytest.fixture
def decided(fresh_web_db: str) -> Iterator[tuple[TestClient, Store]]:
    """An app on a store in which the kernteam agreed to the edition and the Energy Board
    gave its advice, with a note naming the confidential station."""
    with Store(fresh_web_db) as store:
        programme = Programme(store, "kern")
        programme.advance(EDITION, "kernteam_akkoord", "kernteam", dt.date(2026, 1, 15),
                          reference="KT-2026-01", note="Let op LWD-MS in Lage Weide.")
        programme.advance(EDITION, "eb_advies", "eb", dt.date(2026, 2, 3),
                          reference="EB-2026-02")
    app = create_app(settings_for(fresh_web_db))
    with TestClient(app) as c:
        yield c, app.state.store


def test_edition_page_shows_the_decisions_register(decided: tuple[TestClient, Store]) -> None:
    client, store = decided
    with store.engine.connect() as conn:
        anchors = conn.execute(select(m.decisions.c.audit_head).order_by(m.decisions.c.id)
                               ).scalars().all()
        version_hash = conn.execute(select(m.workspace_versions.c.content_hash)).scalar_one()
    page = client.get("/editie/P-MIEK%20test").text
    register = next(t for t in html_tables(page) if "Besluiten" in str(t["caption"]))
    rows = register["rows"][1:]  # type: ignore[index]
    assert [r[0] for r in rows] == ["15 januari 2026", "3 februari 2026"]
    assert [r[1] for r in rows] == ["kernteam", "Energy Board"]
    assert rows[0][2] == "van concept naar akkoord kernteam"
    assert [r[3] for r in rows] == ["KT-2026-01", "EB-2026-02"]
    assert [r[-1] for r in rows] == anchors and all(anchors)
    assert version_hash in page
    assert "advies Energy Board" in page  # the state in words
    assert "LWD-MS" not in page and "vertrouwelijk" in rows[0][5]  # scrubbed for publiek


def test_edition_page_for_kernteam_shows_the_note_as_written(
        decided: tuple[TestClient, Store]) -> None:
    client, _ = decided
    login(client, "kern")
    page = client.get("/editie/P-MIEK%20test").text
    assert "Let op LWD-MS in Lage Weide." in page


def test_edition_page_lists_the_runs_of_its_version(client: TestClient, web_db: str) -> None:
    with Store(web_db) as store:
        runs = store.runs()
    page = client.get("/editie/P-MIEK%20test").text
    for _, run in runs.iterrows():
        assert run["input_hash"] in page and run["output_hash"] in page


def test_unknown_edition_is_404(client: TestClient) -> None:
    assert client.get("/editie/Bestaat%20niet").status_code == 404


# --- language --------------------------------------------------------------------------------


def test_language_switch_sets_the_cookie_and_goes_back(client: TestClient) -> None:
    response = client.get("/taal/en", headers={"Referer": "http://testserver/methode?lang=nl"},
                          follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/methode"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("pmiek_taal=en;")
    assert "Max-Age=31536000" in cookie and "samesite=lax" in cookie.lower()
    page = client.get("/methode").text
    assert structure(page).html_lang == "en"
    assert "Method: the numbers of step 1" in page
    assert 'href="/taal/nl" lang="nl"' in page
    overview = client.get("/").text
    assert "Workspaces" in overview and "draft" in overview


@pytest.mark.parametrize("referer", ["https://elders.example/pagina", "//elders.example/x",
                                     "javascript:alert(1)", None])
def test_language_switch_never_leaves_the_site(client: TestClient,
                                               referer: str | None) -> None:
    headers = {"Referer": referer} if referer else {}
    response = client.get("/taal/nl", headers=headers, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_unknown_language_is_404(client: TestClient) -> None:
    assert client.get("/taal/de", follow_redirects=False).status_code == 404


# --- static pages ----------------------------------------------------------------------------


def test_method_page_has_every_anchor(client: TestClient) -> None:
    page = client.get("/methode").text
    for anchor in ANCHORS:
        assert f'<h2 id="{anchor}">' in page
        assert f'href="#{anchor}"' in page


def test_accessibility_statement_in_both_languages(client: TestClient) -> None:
    dutch = client.get("/toegankelijkheid").text
    assert "Voldoet gedeeltelijk" in dutch and "axe-core 4.14.1" in dutch
    assert "Chromium" in dutch and "toetsenbord" in dutch and "EN 301 549" in dutch
    client.get("/taal/en")
    english = client.get("/toegankelijkheid").text
    assert "Partially compliant" in english and "keyboard" in english
    assert structure(english).html_lang == "en"


def test_footer_names_the_version_on_workspace_pages(client: TestClient,
                                                     web_db: str) -> None:
    with Store(web_db) as store:
        content_hash = store.version(WORKSPACE).content_hash
    page = client.get(f"/werkruimte/{WORKSPACE}/tabellen").text
    footer = page[page.index("<footer"):]
    assert content_hash[:12] in footer and EDITION in footer


