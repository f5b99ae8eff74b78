"""axe-core finds no WCAG 2.1 A/AA violation on any page (done-when 4 of issue 19).

The pages are every HTML route of :data:`pmiek.adapters.web.routes.ROUTES` (GET, not a CSV,
GeoJSON, JSON API, language switch or OpenID Connect redirect), each opened by a visitor who
may open it: public pages anonymously and as the kernteam (map, station and table pages also
as a municipality); the upload form as a municipality and a grid operator; a job's page and
the account page by who may see them.
Besides: the page after an htmx swap (the station panel in the map), a confidential station
as the kernteam, the error page, English pages and forms showing an error.

axe-core is loaded as an init script of the browser context (``install_axe``), not as a
``<script>`` element: the app's CSP (``script-src 'self'``, no ``unsafe-inline``) stays in
force on every page, so a page that only works with inline code fails here as it would for
a visitor (:func:`test_csp_is_enforced_while_axe_runs` shows that it is in force). axe runs
without its preload, which copies the style sheets into ``<style>`` elements the CSP refuses;
the one rule needing those copies, css-orientation-lock (WCAG 1.3.4), is run on its own in
:func:`test_no_orientation_lock`, in a context that bypasses the CSP (the only place here that
does; the app's CSP is checked by the header tests and, in the browser, by the test above and
by every page here loading without a CSP error).

Each page is also kept as a full-page screenshot, its axe result as JSON beside it
(``out/test-artefacts/web``), and its script and console errors must be none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit
from urllib.request import urlopen

import pytest

from pmiek.adapters.web.routes import ROUTES, Route
from tests.support.browser import axe_report, format_violations, install_axe
from tests.web.browser.conftest import ARTEFACTS, LiveServer, screenshot, settle, watch_errors
from tests.web.conftest import CONFIDENTIAL

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

NOT_PAGES = (".csv", ".geojson", ".json")
NOT_PAGE_PREFIXES = ("/api/", "/taal/", "/oidc/")

VISITORS: dict[str, tuple[str | None, ...]] = {
    "public": (None, "kern"),
    "login": ("kern",),
    "edit": ("utrecht", "stedin"),
    "kernteam": ("kern",),
    "beheerder": ("beheer",),
}
"""Who opens a page of each access level (None: anonymous); accounts of tests/web/conftest.
The kernteam sees confidential stations one by one; a municipality sees them per area, like
the public, and is added where the page differs for it."""
MUNICIPALITY_PAGES = ("map", "station", "tables", "table")


def is_page(route: Route) -> bool:
    """Whether ``route`` answers a browser with an HTML page."""
    return (route.method == "GET" and not route.path.endswith(NOT_PAGES)
            and not route.path.startswith(NOT_PAGE_PREFIXES))


PAGES = tuple(route for route in ROUTES if is_page(route))
CASES = [(route, visitor) for route in PAGES
         for visitor in (*VISITORS[route.access],
                         *(("utrecht",) if route.name in MUNICIPALITY_PAGES else ()))]


def visitor_name(visitor: str | None) -> str:
    return visitor or "publiek"


def fetch(url: str) -> str:
    with urlopen(url, timeout=15) as response:
        return str(response.read().decode("utf-8"))


def stored_stations(server: LiveServer) -> list[str]:
    """The stations of the newest insight run, the busiest (highest utilisation) first."""
    results = server.app.state.results
    number = results.version(server.workspace).number
    run = results.run(server.workspace, number, "insight")
    assert run is not None, f"{server.workspace} has no stored insight run"
    table = results.table(run.id, "bottlenecks")
    busiest = table.groupby("asset_id")["utilisation"].max().sort_values(ascending=False)
    return [str(asset) for asset in busiest.index]


class PathValues:
    """A value for every path parameter of the example server's pages, each found when a
    page first needs it: the busiest public station, a table the tables page links to, and
    a job of the worker."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.known: dict[str, str] = {"workspace": server.workspace,
                                      "edition": "P-MIEK test"}

    def asset_id(self) -> str:
        return next(asset for asset in stored_stations(self.server)
                    if asset not in CONFIDENTIAL)

    def table(self) -> str:
        workspace = self.server.workspace
        index = fetch(self.server.at(f"/werkruimte/{workspace}/tabellen"))
        tables = re.findall(rf'href="/werkruimte/{workspace}/tabellen/([A-Za-z_:]+)"', index)
        assert tables, "the tables page links to no table page"
        # The assets table (with a confidential row to hide) if there is one.
        return next((name for name in tables if name.split(":")[-1] == "assets"), tables[0])

    def job(self) -> str:
        workspace = self.server.workspace
        worker = self.server.app.state.worker
        number = self.server.app.state.results.version(workspace).number
        # The example's insight run is stored: the job is done at once, changing nothing.
        return str(worker.submit_cycle(workspace, number, kinds=("insight",), user="kern").id)

    def __getitem__(self, name: str) -> str:
        if name not in self.known:
            self.known[name] = getattr(self, name)()
        return self.known[name]

    def fill(self, path: str) -> str:
        """``path`` with its ``{parameters}`` replaced (URL-quoted)."""
        return re.sub(r"\{(\w+)\}", lambda match: quote(self[match.group(1)], safe=""), path)


@pytest.fixture(scope="module")
def path_values(example_server: LiveServer) -> PathValues:
    return PathValues(example_server)


def audit(page: Page, name: str, errors: list[str]) -> dict[str, Any]:
    """Screenshot ``page``, run axe-core on it and keep its report; fail on a violation or
    on a script or console error."""
    screenshot(page, name)
    page_errors = list(errors)  # before axe runs: only the page's own
    report = axe_report(page)
    folder = ARTEFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False),
                                         encoding="utf-8")
    print(f"axe {name}: {len(report['violations'])} violations, {report['passes']} rules "
          f"passed, incomplete (to check by hand): {report['incomplete'] or 'none'}")
    assert not report["violations"], (
        f"axe-core: {len(report['violations'])} WCAG violations on {page.url}\n"
        + format_violations(report["violations"]))
    assert not page_errors, (f"script or console errors on {page.url}:\n"
                             + "\n".join(page_errors))
    return report


def open_and_audit(open_page: Callable[..., Page], server: LiveServer, visitor: str | None,
                   path: str, name: str, *, status: int = 200) -> Page:
    page = open_page(server, visitor, axe=True)
    errors = watch_errors(page)
    response = page.goto(server.at(path))
    assert response is not None
    assert response.status == status, f"{path} as {visitor_name(visitor)}: {response.status}"
    wanted = urlsplit(server.at(path))
    assert urlsplit(page.url)[2:4] == wanted[2:4], f"{path} went to {page.url}"
    settle(page)
    if status != 200:  # the browser reports the page's own status as a failed resource
        errors[:] = [e for e in errors if "status of" not in e]
    audit(page, name, errors)
    return page


@pytest.mark.parametrize(("route", "visitor"), CASES,
                         ids=[f"{r.name}-{visitor_name(v)}" for r, v in CASES])
def test_page_has_no_violations(route: Route, visitor: str | None,
                                open_page: Callable[..., Page], example_server: LiveServer,
                                path_values: PathValues) -> None:
    path = path_values.fill(route.path)
    open_and_audit(open_page, example_server, visitor, path,
                   f"{route.name}-{visitor_name(visitor)}")


def test_the_page_list_covers_the_main_pages() -> None:
    """The pages audited here include every kind of page done-when 1 asks screenshots of."""
    names = {route.name for route in PAGES}
    assert {"overview", "login_form", "map", "station", "tables", "table", "upload_form",
            "accounts", "accessibility", "job", "edition", "method"} <= names


def test_confidential_station_as_kernteam(open_page: Callable[..., Page],
                                          example_server: LiveServer) -> None:
    station = next(key for key, kind in CONFIDENTIAL.items() if kind == "asset")
    open_and_audit(open_page, example_server, "kern",
                   f"/werkruimte/example/station/{station}", "station-confidential-kern")


def test_error_page(open_page: Callable[..., Page], example_server: LiveServer) -> None:
    open_and_audit(open_page, example_server, None, "/werkruimte/bestaat-niet/kaart",
                   "error-404-publiek", status=404)


@pytest.mark.parametrize("path", ["/", "/werkruimte/example/kaart", "/toegankelijkheid"],
                         ids=["overview", "map", "accessibility"])
def test_english_pages(path: str, open_page: Callable[..., Page],
                       example_server: LiveServer) -> None:
    page = open_and_audit(open_page, example_server, None, f"{path}?lang=en",
                          f"en-{path.strip('/').replace('/', '-') or 'overview'}")
    assert page.locator("html").get_attribute("lang") == "en"


def test_login_form_with_an_error(open_page: Callable[..., Page],
                                  example_server: LiveServer) -> None:
    page = open_page(example_server, None, axe=True)
    errors = watch_errors(page)
    page.goto(example_server.at("/inloggen"))
    form = page.locator("form:has(input[name=wachtwoord])")
    form.locator("input[name=naam]").fill("kern")
    form.locator("input[name=wachtwoord]").fill("not the password")
    form.locator("[type=submit]").click()
    settle(page)
    assert urlsplit(page.url).path == "/inloggen"
    errors[:] = [e for e in errors if "status of 401" not in e]
    audit(page, "login-failed-publiek", errors)


def test_upload_refused(open_page: Callable[..., Page], example_server: LiveServer) -> None:
    """The upload form showing why a file was refused (not a workbook)."""
    page = open_page(example_server, "utrecht", axe=True)
    errors = watch_errors(page)
    page.goto(example_server.at("/werkruimte/example/aanleveren"))
    form = page.locator("form:has(input[type=file])")
    form.locator("input[type=file]").set_input_files(
        {"name": "aanlevering.txt", "mimeType": "text/plain", "buffer": b"geen werkboek"})
    form.locator("[type=submit]").click()
    settle(page)
    errors[:] = [e for e in errors if "status of 400" not in e]
    assert page.locator("[role=alert], .melding--fout").count() > 0, "no message shown"
    audit(page, "upload-refused-utrecht", errors)


@pytest.mark.parametrize("which", ["example", "utrecht"])
def test_map_after_the_station_panel_swap(which: str, open_page: Callable[..., Page],
                                          request: pytest.FixtureRequest) -> None:
    """The map page audited again after htmx put a station's panel into it."""
    server: LiveServer = request.getfixturevalue(f"{which}_server")
    page = open_and_audit(open_page, server, None, f"/werkruimte/{which}/kaart",
                          f"werkruimte-{which}-kaart-publiek")
    errors = watch_errors(page)
    page.evaluate("() => { window.pmiekTestMark = 'same document'; }")
    link = page.locator("#stationtabel a[href*='/station/']").first
    name = link.inner_text().strip()
    link.click()
    panel = page.locator("#stationpaneel")
    panel.locator("dd[data-veld]").first.wait_for()
    assert name in panel.locator("h2").first.inner_text()
    assert page.evaluate("() => window.pmiekTestMark") == "same document", (
        "the station link loaded a new page instead of swapping the panel in (htmx)")
    settle(page)
    audit(page, f"werkruimte-{which}-kaart-paneel-publiek", errors)


def test_csp_is_enforced_while_axe_runs(open_page: Callable[..., Page],
                                        example_server: LiveServer) -> None:
    """axe-core's init script does not switch the page's CSP off: an inline script the
    test adds is refused by the browser, as the header says."""
    page = open_page(example_server, None, axe=True)
    response = page.goto(example_server.at("/"))
    assert response is not None
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    outcome = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation',
                                  e => resolve('refused: ' + e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.pmiekInline = true;';
        document.head.appendChild(script);
        setTimeout(() => resolve(window.pmiekInline ? 'ran' : 'silent'), 2000);
    })""")
    assert outcome.startswith("refused: script-src"), outcome
    assert page.evaluate("() => typeof window.axe.run") == "function"


REFLOW = ("overview", "login_form", "accessibility", "map", "station", "tables", "table")

REFLOW_CULPRITS = """() => {
    const root = document.documentElement, edge = root.clientWidth + 1;
    // Whether something inside element e is clipped or scrolled by a box of its own (an
    // absolutely placed element escapes a box that is not positioned).
    const boxed = (e, loose) => {
        let positioned = false;
        for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
            const style = getComputedStyle(up);
            positioned = positioned || style.position !== 'static';
            if (style.overflowX !== 'visible' && (!loose || positioned)) return true;
        }
        return false;
    };
    const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className.trim()
           ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const wide = [];
    for (const e of document.body.querySelectorAll('*')) {
        if (e.closest('.leaflet-container') || e.getBoundingClientRect().right <= edge) continue;
        const loose = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
        if (!boxed(e, loose)) wide.push(name(e));
    }
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
        const node = texts.currentNode, range = document.createRange();
        range.selectNodeContents(node);
        if (range.getBoundingClientRect().right > edge && !boxed(node.parentElement, false)
            && !node.parentElement.closest('.leaflet-container')) {
            const text = node.textContent.trim().slice(0, 40);
            wide.push(`text of ${name(node.parentElement)}: "${text}"`);
        }
    }
    return {excess: root.scrollWidth - root.clientWidth, wide: [...new Set(wide)].slice(0, 8)};
}"""


@pytest.mark.parametrize("name", REFLOW)
def test_reflow_at_320_css_pixels(name: str, open_page: Callable[..., Page],
                                  example_server: LiveServer,
                                  path_values: PathValues) -> None:
    """WCAG 1.4.10 (AA, not checked by axe): at 320 CSS pixels wide the page needs no
    horizontal scrolling; a wide data table may scroll inside its own box."""
    route = next(route for route in PAGES if route.name == name)
    page = open_page(example_server, None, viewport={"width": 320, "height": 640})
    page.goto(example_server.at(path_values.fill(route.path)))
    settle(page)
    screenshot(page, f"reflow-{name}-320px")
    overflow = page.evaluate(REFLOW_CULPRITS)
    assert overflow["excess"] <= 0, (
        f"{page.url} scrolls sideways by {overflow['excess']} px at 320 px wide; "
        f"elements reaching past the edge: {overflow['wide']}")


@pytest.mark.parametrize("path", ["/", "/werkruimte/example/kaart"], ids=["overview", "map"])
def test_no_orientation_lock(path: str, new_context: Callable[..., BrowserContext],
                             chromium_version: str, example_server: LiveServer) -> None:
    """WCAG 1.3.4: no style sheet locks the orientation (axe's css-orientation-lock, which
    reads the style sheets through copies that only a CSP bypass lets in). The pages share
    their style sheets: the overview has the app's own, the map Leaflet's as well."""
    context = new_context(bypass_csp=True)
    install_axe(context)
    page = context.new_page()
    page.goto(example_server.at(path))
    settle(page)
    report = axe_report(page, rules=["css-orientation-lock"], preload=True)
    assert not report["violations"], format_violations(report["violations"])
    assert report["passed"] == ["css-orientation-lock"], report

