"""The vendored front-end libraries and the application's own CSS and JavaScript.

The manifest (``static/vendor/MANIFEST.json``, written by ``scripts/vendor_frontend.py``)
must describe exactly what is vendored: every listed file present with its SHA-256, nothing
unlisted, each package at the exact version pinned in ``frontend/package.json`` and locked
in ``frontend/package-lock.json``, with an SPDX licence and its licence text. No front-end
file may load anything from another host, except the optional PDOK background of map.js.
The own theme's colours meet WCAG AA contrast. The last test loads the map in Chromium
(behind the application's CSP) with GeoJSON served by Playwright's request routing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.browser import (
    CHROMIUM_ARGS,
    REPO,
    chromium_path,
    shared_playwright,
    tools_or_skip,
    under_ci,
)

STATIC = REPO / "src" / "pmiek" / "adapters" / "web" / "static"
VENDOR = STATIC / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"
FRONTEND = REPO / "frontend"
OWN_JS = (STATIC / "pmiek.js", STATIC / "map.js")
OWN_CSS = (STATIC / "pmiek.css",)

SPDX_TEXTS = {
    # SPDX id: a phrase of that licence's text (the licence file must be that licence).
    "0BSD": "Permission to use, copy, modify, and/or distribute this software for any purpose",
    "BSD-2-Clause": "Redistribution and use in source and binary forms",
    "MIT": "Permission is hereby granted, free of charge",
    "EUPL-1.2": "EUROPEAN UNION PUBLIC LICENCE v. 1.2",
}
"""The licences accepted for vendored code (all compatible with the project's EUPL-1.2)."""

REFERENCE_HOSTS = {
    # URLs in vendored files that are names or links, never fetched by the page.
    "leaflet/leaflet.js": {"www.w3.org", "leafletjs.com"},  # SVG namespace; attribution link
    "leaflet/leaflet.css": {"bugs.chromium.org", "bugzilla.mozilla.org"},  # in comments
    "proj4leaflet/proj4leaflet.js": {"github.com"},  # in a comment
    "@utrecht/component-library-css/index.css": {"www.w3.org"},  # in data: SVG images
    "map.js": {"www.w3.org", "service.pdok.nl"},  # SVG namespace; the optional background
}
PDOK_HOST = "service.pdok.nl"
URL = re.compile(r"https?://([A-Za-z0-9.-]+)")


def _manifest() -> list[dict[str, Any]]:
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(data, list) and data, "MANIFEST.json must be a non-empty list"
    return data


def _json(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _vendor_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "vendor_frontend", REPO / "scripts" / "vendor_frontend.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _front_end_files() -> list[Path]:
    return sorted(p for p in STATIC.rglob("*") if p.suffix in (".js", ".css") and p.is_file())


# --- the manifest against the files -----------------------------------------------------
def test_every_listed_file_exists_with_its_sha256() -> None:
    for package in _manifest():
        assert package["files"], f"{package['name']}: no files"
        for item in package["files"]:
            path = VENDOR / item["path"]
            assert path.is_file(), f"{item['path']} is listed but missing"
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert digest == item["sha256"], f"{item['path']}: SHA-256 differs from the manifest"


def test_nothing_under_vendor_is_unlisted() -> None:
    listed = {item["path"] for package in _manifest() for item in package["files"]}
    present = {
        path.relative_to(VENDOR).as_posix()
        for path in VENDOR.rglob("*")
        if path.is_file() and path != MANIFEST
    }
    assert present - listed == set(), "vendored but not in MANIFEST.json"
    assert listed - present == set(), "in MANIFEST.json but not vendored"


def test_each_package_lives_in_its_own_folder() -> None:
    for package in _manifest():
        for item in package["files"]:
            assert item["path"].startswith(package["name"] + "/"), item["path"]


def test_the_manifest_is_in_the_scripts_canonical_form() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    canonical = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False)
    assert text == canonical + "\n"


def test_the_manifest_lists_what_the_vendor_script_copies() -> None:
    script = _vendor_script()
    expected = {
        package.name: {f"{package.name}/{target}" for _, target in package.files}
        | {f"{package.name}/LICENSE"}
        | {f"{package.name}/LICENSE-{extra.name}" for extra in package.bundled}
        for package in script.PACKAGES
    }
    listed = {p["name"]: {item["path"] for item in p["files"]} for p in _manifest()}
    assert listed == expected


def test_vendoring_again_changes_nothing() -> None:
    """scripts/vendor_frontend.py, run again on the packages of the lock file, writes exactly
    the vendored files (scripts/browser_tools.sh installs them; under CI they must be
    there)."""
    if not (FRONTEND / "node_modules").is_dir():
        message = "frontend/node_modules absent: `npm ci --ignore-scripts` in frontend/"
        if under_ci():
            pytest.fail(message + " (scripts/browser_tools.sh does it)")
        pytest.skip(message)
    assert _vendor_script().check() == []


# --- versions and licences --------------------------------------------------------------
def test_versions_are_the_exact_pins_of_package_json_and_the_lock() -> None:
    pins = _json(FRONTEND / "package.json")["dependencies"]
    locked = _json(FRONTEND / "package-lock.json")["packages"]
    manifest = {package["name"]: package for package in _manifest()}
    assert set(manifest) == set(pins)
    for name, pin in pins.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", pin), f"{name} is pinned as {pin!r}, not exactly"
        entry = manifest[name]
        assert entry["version"] == pin == locked[f"node_modules/{name}"]["version"], name
        assert entry["integrity"] == locked[f"node_modules/{name}"]["integrity"], name
        assert entry["integrity"].startswith("sha512-"), name
        assert locked[""]["dependencies"][name] == pin, f"the lock's root pins {name} otherwise"


def test_each_package_has_an_spdx_licence_and_its_text() -> None:
    locked = _json(FRONTEND / "package-lock.json")["packages"]
    for package in _manifest():
        for entry in [package, *package.get("bundled", [])]:
            licence = entry["licence"]
            assert licence in SPDX_TEXTS, f"{entry['name']}: licence {licence!r} not accepted"
            assert locked[f"node_modules/{entry['name']}"]["license"] == licence
            text_file = VENDOR / entry["licence_file"]
            assert text_file.name.startswith("LICENSE"), entry["licence_file"]
            assert text_file.parent == VENDOR / package["name"]
            assert entry["licence_file"] in {item["path"] for item in package["files"]}
            text = " ".join(text_file.read_text(encoding="utf-8").split())
            assert SPDX_TEXTS[licence] in text, f"{entry['licence_file']} is not {licence}"


def test_bundled_packages_are_the_locked_versions() -> None:
    locked = _json(FRONTEND / "package-lock.json")["packages"]
    bundled = [extra for package in _manifest() for extra in package.get("bundled", [])]
    assert {extra["name"] for extra in bundled} == {"mgrs", "wkt-parser"}  # inside proj4.js
    for extra in bundled:
        assert extra["version"] == locked[f"node_modules/{extra['name']}"]["version"]


@pytest.mark.parametrize(
    ("name", "path", "pattern"),
    [
        ("htmx.org", "htmx.org/htmx.min.js", r'version:"(\d+\.\d+\.\d+)"'),
        ("leaflet", "leaflet/leaflet.js", r'\.version="(\d+\.\d+\.\d+)"'),
        ("proj4", "proj4/proj4.js", r'version:"(\d+\.\d+\.\d+)"'),
    ],
)
def test_the_version_inside_the_code_is_the_manifests(name: str, path: str, pattern: str) -> None:
    version = {package["name"]: package["version"] for package in _manifest()}[name]
    found = set(re.findall(pattern, (VENDOR / path).read_text(encoding="utf-8")))
    assert found == {version}


def test_the_lock_and_manifest_name_no_download_host() -> None:
    for path in (FRONTEND / "package-lock.json", MANIFEST):
        text = path.read_text(encoding="utf-8")
        assert '"resolved"' not in text, f"{path.name} records download URLs"
    assert not URL.search(MANIFEST.read_text(encoding="utf-8"))


# --- nothing from another host ----------------------------------------------------------
def test_no_front_end_file_refers_to_another_host() -> None:
    files = _front_end_files()
    assert {p.name for p in files} >= {"pmiek.js", "map.js", "pmiek.css", "htmx.min.js"}
    for path in files:
        key = path.name if path.parent == STATIC else path.relative_to(VENDOR).as_posix()
        hosts = set(URL.findall(path.read_text(encoding="utf-8")))
        unexpected = hosts - REFERENCE_HOSTS.get(key, set())
        assert unexpected == set(), f"{key} refers to {sorted(unexpected)}"


def test_css_loads_only_files_that_are_vendored_beside_it() -> None:
    for path in [*OWN_CSS, *VENDOR.rglob("*.css")]:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        references = re.findall(r"""url\(\s*["']?([^"')]+)""", css)
        references += re.findall(r"""@import\s+["']([^"']+)""", css)
        for reference in references:
            if reference.startswith(("data:", "#")):
                continue
            assert not urlsplit(reference).scheme, f"{path.name}: {reference}"
            target = (path.parent / unquote(reference)).resolve()
            assert target.is_file(), f"{path.name}: {reference} does not exist"
            assert target.is_relative_to(STATIC.resolve()), f"{path.name}: {reference}"


def test_the_pdok_host_is_used_only_behind_the_background_switch() -> None:
    source = (STATIC / "map.js").read_text(encoding="utf-8")
    assert source.count(PDOK_HOST) == 1
    uses = [m.start() for m in re.finditer(r"\bPDOK_URL\b", source)]
    assert len(uses) == 2, "PDOK_URL: one definition and one use"
    function = source[source.rfind("function", 0, uses[1]) : uses[1]]
    assert 'getAttribute("data-background") !== "pdok"' in function
    for path in [*OWN_CSS, STATIC / "pmiek.js", *VENDOR.rglob("*.js"), *VENDOR.rglob("*.css")]:
        assert PDOK_HOST not in path.read_text(encoding="utf-8"), path.name


# --- own code ---------------------------------------------------------------------------
def test_own_javascript_evaluates_no_strings_and_writes_no_html() -> None:
    for path in OWN_JS:
        source = path.read_text(encoding="utf-8")
        for banned in (
            "eval(",
            "new Function",
            ".innerHTML",
            ".outerHTML",
            "insertAdjacentHTML",
            "document.write",
            'setAttribute("style"',
            ".style.",
        ):
            assert banned not in source, f"{path.name} uses {banned}"


def test_own_files_name_no_machine_path() -> None:
    paths = [
        *OWN_JS,
        *OWN_CSS,
        MANIFEST,
        *FRONTEND.glob("*.json"),
        FRONTEND / "README.md",
        REPO / "scripts" / "vendor_frontend.py",
    ]
    pattern = re.compile(r"(/home/|/root/|/tmp/|/work/|/Users/|[A-Z]:\\|file://)")
    for path in paths:
        found = pattern.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name} names {found.group(0) if found else ''}"


def test_package_data_ships_the_static_files() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["pmiek"]
    package = REPO / "src" / "pmiek"
    shipped = {path for pattern in patterns for path in package.glob(pattern) if path.is_file()}
    missing = [
        p.relative_to(package).as_posix()
        for p in STATIC.rglob("*")
        if p.is_file() and p not in shipped
    ]
    assert missing == [], f"pyproject package-data misses {missing[:5]}"


# --- the theme's contrast ---------------------------------------------------------------
def _tokens() -> dict[str, str]:
    css = (STATIC / "pmiek.css").read_text(encoding="utf-8")
    return dict(re.findall(r"--pmiek-([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < 4.5


TEXT_PAIRS = [
    # (foreground token, background token): text that appears on that surface.
    ("tekst", "achtergrond"),
    ("tekst", "vlak"),
    ("tekst", "accent-licht"),
    ("tekst-zacht", "achtergrond"),
    ("tekst-zacht", "vlak"),
    ("link", "achtergrond"),
    ("link", "vlak"),
    ("link", "accent-licht"),
    ("link-bezocht", "achtergrond"),
    ("link-bezocht", "vlak"),
    ("op-accent", "accent"),
    ("op-accent", "accent-donker"),
    ("accent", "achtergrond"),
    ("accent-donker", "accent-licht"),
    ("kop-tekst", "kop-achtergrond"),
    ("kop-tekst", "accent-donker"),
    ("tekst", "fout-vlak"),
    ("tekst", "ok-vlak"),
    ("tekst", "waarschuwing-vlak"),
    ("fout", "achtergrond"),
    ("klasse-beschikbaar-tekst", "klasse-beschikbaar"),
    ("klasse-dreigend-tekst", "klasse-dreigend"),
    ("klasse-congestie-tekst", "klasse-congestie"),
    ("klasse-geen-tekst", "klasse-geen"),
    ("tekst", "kaart-achtergrond"),
]
NON_TEXT_PAIRS = [
    # Focus outlines, control borders and map symbol outlines need 3:1 against their surface.
    ("focus", "achtergrond"),
    ("focus", "vlak"),
    ("focus", "kaart-achtergrond"),
    ("focus-omgekeerd", "kop-achtergrond"),
    ("rand", "achtergrond"),
    ("klasse-rand", "kaart-achtergrond"),
    ("klasse-rand", "achtergrond"),
    ("gebied-lijn", "kaart-achtergrond"),
]


@pytest.mark.parametrize(("foreground", "background"), TEXT_PAIRS)
def test_text_colours_have_aa_contrast(foreground: str, background: str) -> None:
    tokens = _tokens()
    assert contrast(tokens[foreground], tokens[background]) >= 4.5


@pytest.mark.parametrize(("foreground", "background"), NON_TEXT_PAIRS)
def test_focus_and_borders_have_3_to_1_contrast(foreground: str, background: str) -> None:
    tokens = _tokens()
    assert contrast(tokens[foreground], tokens[background]) >= 3.0


def test_the_focus_outline_is_at_least_3px() -> None:
    css = (STATIC / "pmiek.css").read_text(encoding="utf-8")
    width = re.search(r"--pmiek-focus-breedte:\s*(\d+)px", css)
    assert width is not None and int(width.group(1)) >= 3
    assert re.search(r":focus-visible\s*\{\s*outline:\s*var\(--pmiek-focus-breedte\) solid", css)


def test_every_class_has_its_own_shape_and_letter() -> None:
    css = (STATIC / "pmiek.css").read_text(encoding="utf-8")
    source = (STATIC / "map.js").read_text(encoding="utf-8")
    found = re.findall(r'(\w+): \{ letter: "(.)", shape: "(\w+)"', source)
    symbols = {name: (letter, shape) for name, letter, shape in found}
    classes = {"beschikbaar", "dreigende_schaarste", "congestie", "geen_gegevens"}
    assert set(symbols) == classes
    assert len({letter for letter, _ in symbols.values()}) == 4
    assert len({shape for _, shape in symbols.values()}) == 4
    for name in classes:
        assert f".symbool--{name} .symbool__vorm" in css and f".klasse--{name}::before" in css


# --- the map in Chromium ----------------------------------------------------------------
ORIGIN = "http://pmiek.test"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'"
)


def _square(x: float, y: float, size: float) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


AREAS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"id": f"GM{i}", "name": f"Gemeente {i}", "kind": "gemeente"},
            "geometry": {
                "type": "Polygon",
                "coordinates": _square(130000 + 12000 * i, 445000, 10000),
            },
        }
        for i in range(3)
    ],
}
STATIONS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "id": sid,
                "name": name,
                "class": cls,
                "class_label": label,
                "label": sid,
                "utilisation": 0.8,
                "peak_mw": 8.0,
                "capacity_mw": 10.0,
            },
            "geometry": {"type": "Point", "coordinates": [x, 450000]},
        }
        for sid, name, cls, label, x in [
            ("S1", "Station <b>een</b>", "beschikbaar", "beschikbaar", 135000),
            ("S 2/b", "Station twee", "congestie", "congestie", 147000),
            ("S3", "Station drie", "dreigende_schaarste", "dreigende schaarste", 159000),
        ]
    ],
}


def _page_html(background: str) -> str:
    scripts = [
        "vendor/htmx.org/htmx.min.js",
        "pmiek.js",
        "vendor/leaflet/leaflet.js",
        "vendor/proj4/proj4.js",
        "vendor/proj4leaflet/proj4leaflet.js",
        "map.js",
    ]
    tags = "".join(f'<script src="/static/{s}" defer></script>' for s in scripts)
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>kaart</title>'
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false,'
        '"allowEval":false,"allowScriptTags":false}\'>'
        '<meta name="csrf-token" content="token-1">'
        '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">'
        f'<link rel="stylesheet" href="/static/pmiek.css">{tags}</head><body><main>'
        '<div id="kaart" data-areas-url="/gebieden.json" data-stations-url="/stations.json" '
        'data-panel-url="/paneel/__ID__" data-query="jaar=2030&amp;richting=afname" '
        f'data-panel-target="#stationpaneel" data-background="{background}" role="region" '
        'aria-label="Kaart"></div><section id="stationpaneel" aria-live="polite" '
        "data-focus-heading></section></main></body></html>"
    )


def _serve(page: Any, background: str, requests: list[tuple[str, dict[str, str]]]) -> None:
    """Answer every request of the page in-process: no server, no network. Requests to
    another host are recorded and aborted. With the PDOK background on, the CSP admits
    the PDOK host for images (as the application's must)."""
    csp = CSP.replace("img-src 'self' data:", f"img-src 'self' data: https://{PDOK_HOST}")

    def handle(route: Any) -> None:
        request = route.request
        requests.append((request.url, request.headers))
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            route.abort()
            return
        path = unquote(parts.path)
        headers = {"Content-Security-Policy": csp if background == "pdok" else CSP}
        if path == "/kaart":
            route.fulfill(body=_page_html(background), content_type="text/html", headers=headers)
        elif path == "/gebieden.json":
            route.fulfill(body=json.dumps(AREAS), content_type="application/geo+json")
        elif path == "/stations.json":
            route.fulfill(body=json.dumps(STATIONS), content_type="application/geo+json")
        elif path.startswith("/paneel/"):
            station = path.removeprefix("/paneel/")
            body = f"<h2>Paneel {station}</h2><p>{parts.query}</p>"
            route.fulfill(body=body, content_type="text/html", headers=headers)
        elif path.startswith("/static/") and (STATIC / path.removeprefix("/static/")).is_file():
            file = STATIC / path.removeprefix("/static/")
            kinds = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
            route.fulfill(body=file.read_bytes(), content_type=kinds.get(file.suffix, "text/plain"))
        else:
            route.fulfill(status=404, body="")

    page.route("**/*", handle)


@pytest.mark.browser
@pytest.mark.parametrize("background", ["off", "pdok"])
def test_the_map_draws_outlines_and_operable_station_symbols(background: str) -> None:
    tools_or_skip("chromium", "playwright")
    from playwright.sync_api import expect

    requests: list[tuple[str, dict[str, str]]] = []
    messages: list[str] = []
    playwright = shared_playwright()  # one sync Playwright per test process
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=list(CHROMIUM_ARGS), headless=True
    )
    try:
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
        _serve(page, background, requests)
        page.goto(f"{ORIGIN}/kaart")
        kaart = page.locator("#kaart")
        expect(kaart).to_have_attribute("data-kaart-status", "klaar")
        expect(kaart).to_have_attribute("data-aantal-gebieden", "3")
        assert page.locator("#kaart path.gebied.gebied--gemeente").count() == 3
        markers = page.locator("#kaart .leaflet-marker-icon.station")
        assert markers.count() == 3
        first = page.locator('#kaart [data-station-id="S1"]')
        # The name is text, not markup; the accessible name says the class in words.
        assert first.get_attribute("aria-label") == "Station <b>een</b> (S1): beschikbaar"
        assert first.get_attribute("role") == "button"
        assert first.get_attribute("tabindex") == "0"
        assert first.locator("svg.symbool--beschikbaar circle").count() == 1
        assert page.locator("#kaart b").count() == 0
        shapes = {
            cls: page.locator(f"#kaart .station--{cls} .symbool__vorm").evaluate(
                "e => e.tagName"
            )
            for cls in ("beschikbaar", "congestie", "dreigende_schaarste")
        }
        assert shapes == {
            "beschikbaar": "circle",
            "congestie": "rect",
            "dreigende_schaarste": "polygon",
        }
        # The symbols sit inside the map, from west to east as their RD x.
        boxes = [
            page.locator(f'#kaart [data-station-id="{sid}"]').bounding_box()
            for sid in ("S1", "S 2/b", "S3")
        ]
        map_box = kaart.bounding_box()
        assert map_box is not None and all(box is not None for box in boxes)
        xs = [box["x"] for box in boxes if box is not None]
        assert xs == sorted(xs) and map_box["x"] < xs[0] < xs[-1] < map_box["x"] + 1000

        # Keyboard: Enter on a symbol loads its panel (CSRF header set) and moves focus.
        page.locator('#kaart [data-station-id="S 2/b"]').focus()
        page.keyboard.press("Enter")
        heading = page.locator("#stationpaneel h2")
        expect(heading).to_have_text("Paneel S 2/b")
        expect(heading).to_be_focused()
        expect(page.locator("#stationpaneel p")).to_have_text("jaar=2030&richting=afname")
        panel = [h for url, h in requests if "/paneel/" in url]
        assert len(panel) == 1 and panel[0].get("x-csrf-token") == "token-1"
        assert "/paneel/S%202%2Fb?" in next(url for url, _ in requests if "/paneel/" in url)
        page.locator('#kaart [data-station-id="S3"]').click()
        expect(heading).to_have_text("Paneel S3")
        page.wait_for_timeout(300)
    finally:
        browser.close()

    foreign = {urlsplit(url).netloc for url, _ in requests} - {"pmiek.test"}
    assert foreign == ({PDOK_HOST} if background == "pdok" else set())
    problems = [m for m in messages if "error" in m.split(":")[0] or "Content Security" in m]
    if background == "pdok":  # the aborted tile requests are logged as failed loads
        problems = [m for m in problems if "Failed to load resource" not in m]
    assert problems == []
