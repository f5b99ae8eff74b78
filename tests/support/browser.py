"""The browser tools of the document checks: Debian's Chromium driven by Playwright, axe-core.

`scripts/browser_tools.sh` installs the tools when missing and prints where they are
(`PMIEK_CHROMIUM`, `PMIEK_AXE_JS`, `PMIEK_PDFTOPPM`, `PMIEK_PDFTOTEXT`); `make test`
exports them. Without those variables the usual places are looked at. A test that needs a
tool calls `tools_or_skip(...)` first: it skips when the tool is missing, except under CI,
where it fails (CI never skips a check silently).

Playwright's sync API runs its own event loop in a greenlet and refuses to start inside a
running asyncio loop; the suite runs no asyncio loop (no pytest-asyncio / anyio plugin), so
the sync API is safe in plain test functions. Every call here starts Playwright and the
browser and closes both again in `finally`, so no browser process outlives a call.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.support import pdf_checks

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Playwright

REPO = Path(__file__).resolve().parents[2]
VENDORED_AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

# The WCAG levels the programme document and the web application must pass.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# Chromium without the sandbox (containers run as root), without a GPU and without any
# traffic of its own (updates, sync, QUIC probes): the checks only open local pages.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# How much of a violating element's HTML a violation keeps.
HTML_EXCERPT = 200

SETUP_HINT = "run scripts/browser_tools.sh (make test does) or set"


def chromium_path() -> str | None:
    """The Chromium executable: PMIEK_CHROMIUM, else Debian's /usr/bin/chromium, else PATH."""
    configured = os.environ.get("PMIEK_CHROMIUM", "").strip()
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return str(DEBIAN_CHROMIUM)
    return shutil.which("chromium")


def axe_path() -> Path | None:
    """axe-core's axe.min.js: PMIEK_AXE_JS, else the copy vendored by scripts/browser_tools.sh."""
    configured = os.environ.get("PMIEK_AXE_JS", "").strip()
    path = Path(configured) if configured else VENDORED_AXE
    return path if path.is_file() else None


def _playwright_available() -> bool:
    return importlib.util.find_spec("playwright") is not None


# Each tool: how to find it, and how to tell the reader to provide it.
_TOOLS: dict[str, tuple[Callable[[], object], str]] = {
    "chromium": (chromium_path, f"{SETUP_HINT} PMIEK_CHROMIUM (Debian package chromium)"),
    "axe": (axe_path, f"{SETUP_HINT} PMIEK_AXE_JS (axe-core from tests/browser/package.json)"),
    "pdftoppm": (
        pdf_checks.pdftoppm_path,
        f"{SETUP_HINT} PMIEK_PDFTOPPM (Debian package poppler-utils)",
    ),
    "pdftotext": (
        pdf_checks.pdftotext_path,
        f"{SETUP_HINT} PMIEK_PDFTOTEXT (Debian package poppler-utils)",
    ),
    "playwright": (_playwright_available, "install the project's dev dependencies (playwright)"),
}


def under_ci() -> bool:
    """CI set to anything but an explicit no (the same rule as the Makefile)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_tools(*names: str) -> list[str]:
    """The names among `names` whose tool is not there (unknown names raise KeyError)."""
    return [name for name in names if not _TOOLS[name][0]()]


def tools_or_skip(*names: str) -> None:
    """Skip the calling test when one of the tools is missing; fail instead under CI.

    Names: "chromium", "axe", "playwright", "pdftoppm", "pdftotext".
    """
    missing = missing_tools(*names)
    if not missing:
        return
    reason = "; ".join(f"{name} missing: {_TOOLS[name][1]}" for name in missing)
    if under_ci():
        pytest.fail(f"CI is set, so the check may not skip: {reason}")
    pytest.skip(reason)


def _url(target: Path | str) -> str:
    """A file's file:// URL; a string is taken as a URL already (e.g. a local web server)."""
    return target.resolve().as_uri() if isinstance(target, Path) else target


_SHARED: list[Playwright] = []


def shared_playwright() -> Playwright:
    """The test process's one Playwright (sync API), started on first use and stopped at exit.

    Playwright's sync API keeps an event loop of its own while it runs, so a second
    ``sync_playwright().start()`` in the same process fails ("using Playwright Sync API inside
    the asyncio loop"). The pytest-playwright fixtures of the web tests
    (``tests/web/browser/conftest.py`` overrides its ``playwright`` fixture) and
    :func:`open_page` therefore share this one, whatever order xdist runs their files in."""
    if not _SHARED:
        from playwright.sync_api import sync_playwright

        _SHARED.append(sync_playwright().start())
        atexit.register(_stop_shared)
    return _SHARED[0]


def _stop_shared() -> None:
    with contextlib.suppress(Exception):  # the driver may be gone already at exit
        _SHARED.pop().stop()


@contextmanager
def open_page(target: Path | str) -> Iterator[Page]:
    """A Chromium page (headless, Debian's executable) showing `target`; closed after."""
    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError(f"chromium not found: {SETUP_HINT} PMIEK_CHROMIUM")
    browser = shared_playwright().chromium.launch(
        executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
    )
    try:
        page = browser.new_page()
        page.goto(_url(target), wait_until="load")
        yield page
    finally:
        browser.close()


def _shorten(text: str) -> str:
    return text if len(text) <= HTML_EXCERPT else text[: HTML_EXCERPT - 1] + "…"


def _violation(raw: dict[str, Any]) -> dict[str, Any]:
    """axe's violation without its bulk: rule id, impact, help and where (target, html)."""
    return {
        "id": raw["id"],
        "impact": raw.get("impact"),
        "help": raw.get("help", ""),
        "nodes": [
            {"target": node.get("target", []), "html": _shorten(node.get("html", ""))}
            for node in raw.get("nodes", [])
        ],
    }


def axe_on_page(page: Page, tags: Sequence[str] = WCAG_TAGS) -> list[dict[str, Any]]:
    """Inject axe-core into an open page and return its violations for the WCAG `tags`."""
    axe = axe_path()
    if axe is None:
        raise FileNotFoundError(f"axe-core not found: {SETUP_HINT} PMIEK_AXE_JS")
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [_violation(raw) for raw in result["violations"]]


def run_axe(html_path: Path | str, tags: Sequence[str] = WCAG_TAGS) -> list[dict[str, Any]]:
    """axe-core's violations of a page (a file, or a URL string) for the WCAG `tags`.

    Each violation: {"id", "impact", "help", "nodes": [{"target", "html"}]}, the html cut to
    200 characters. An empty list means the page passes.
    """
    with open_page(html_path) as page:
        return axe_on_page(page, tags)


def screenshot(html_path: Path | str, png_path: Path, full_page: bool = True) -> Path:
    """A PNG of the page as Chromium renders it (the whole page by default); returns its path."""
    with open_page(html_path) as page:
        page.screenshot(path=str(png_path), full_page=full_page)
    return png_path


# --- pages under a Content-Security-Policy (the web application) ---------------------------
# `axe_on_page` injects axe with a <script> element, which a CSP without 'unsafe-inline'
# blocks. An init script is handed to the page by the browser itself (DevTools protocol),
# outside the page's CSP, so the page under test keeps its policy in force: nothing of the
# page's own scripts or styles is allowed that the CSP forbids.


def install_axe(context: BrowserContext) -> None:
    """Load axe-core into every page that `context` opens from now on (before the page's own
    scripts), so that `axe_report` can audit pages whose CSP forbids injected scripts."""
    axe = axe_path()
    if axe is None:
        raise FileNotFoundError(f"axe-core not found: {SETUP_HINT} PMIEK_AXE_JS")
    context.add_init_script(path=str(axe))


def axe_report(page: Page, tags: Sequence[str] = WCAG_TAGS, *,
               rules: Sequence[str] = (), preload: bool = False) -> dict[str, Any]:
    """axe-core's audit of the open page for the WCAG `tags` (or only the rule ids `rules`),
    axe already loaded (see `install_axe`): {"violations": [as `run_axe` gives them],
    "incomplete": [rule ids that need a human look], "passes": number of rules passed,
    "passed": [their ids]}.

    `preload` off by default: axe's preload copies the page's style sheets into <style>
    elements, which a CSP without 'unsafe-inline' refuses (console errors of axe's own making);
    the one rule that needs them (css-orientation-lock) is then reported incomplete."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise RuntimeError("axe-core is not loaded in this page: call install_axe(context) "
                           "before opening it")
    run_only = {"type": "rule", "values": list(rules)} if rules else {
        "type": "tag", "values": list(tags)}
    result = page.evaluate(
        "options => axe.run(document, options)", {"runOnly": run_only, "preload": preload}
    )
    return {
        "violations": [_violation(raw) for raw in result["violations"]],
        "incomplete": [raw["id"] for raw in result["incomplete"]],
        "passes": len(result["passes"]),
        "passed": [raw["id"] for raw in result["passes"]],
    }


def format_violations(violations: Sequence[dict[str, Any]]) -> str:
    """One line per violating node: rule id, impact, target and a piece of its HTML."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): "
                         f"{' '.join(map(str, node['target']))} — {node['html']}")
        lines.append(f"  {violation['help']}")
    return "\n".join(lines)
