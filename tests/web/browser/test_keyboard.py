"""The map page by keyboard alone (done-when 4): no mouse, no clicks on elements, only keys.

From the top of the Utrecht map page the first Tab lands on the skip link, which is then
visible, and Enter on it moves the focus to the main content; Tab by Tab the focus passes the
form, the map's markers and reaches the table twin,
where Enter on a station's link loads the station panel (htmx) into the live region
``#stationpaneel`` and moves the focus to the panel's heading; the station's numbers follow.
Every element the focus passes shows that it has the focus (an outline or a box shadow).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.web.browser.conftest import UTRECHT, LiveServer, screenshot, settle, watch_errors

if TYPE_CHECKING:
    from playwright.sync_api import Page

MAX_TABS = 400
"""Tab presses allowed to reach the table twin (Utrecht has about 80 map markers)."""

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
        tag: e.tagName.toLowerCase(), id: e.id, classes: String(e.className.baseVal ?? e.className),
        href: e.getAttribute('href'),
        name: (e.getAttribute('aria-label') || e.innerText || '').trim().slice(0, 80),
        indicator: outline ? `outline ${style.outlineStyle} ${style.outlineWidth}`
                 : (style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : ''),
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                  && box.top < innerHeight && box.left < innerWidth,
        inTable: !!e.closest('#stationtabel'),
        inPanel: !!e.closest('#stationpaneel'),
        stationLink: e.matches('#stationtabel a[href*="/station/"]'),
    };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    """What has the keyboard focus now (None: nothing but the document)."""
    value: dict[str, Any] | None = page.evaluate(FOCUSED)
    return value


def describe(element: dict[str, Any] | None) -> str:
    if element is None:
        return "the document"
    where = f"#{element['id']}" if element["id"] else f".{element['classes']}"
    return f"<{element['tag']}{where}> {element['name']!r}"


def test_keyboard_reaches_a_stations_numbers_through_the_table_twin(
        utrecht_server: LiveServer, open_page: Callable[..., Page]) -> None:
    page = open_page(utrecht_server)
    errors = watch_errors(page)
    page.goto(utrecht_server.at(f"/werkruimte/{UTRECHT}/kaart"))
    page.locator("#kaart[data-kaart-status=klaar]").wait_for()
    settle(page)

    # The first Tab: the skip link, visible now that it has the focus.
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip is not None and skip["tag"] == "a", f"first Tab: {describe(skip)}"
    assert skip["href"] == "#inhoud", f"first focusable element: {describe(skip)}"
    assert skip["onScreen"], "the skip link stays invisible when it has the focus"
    assert skip["indicator"], "the skip link shows no focus indicator"
    screenshot(page, "keyboard-skip-link")
    # Enter follows it: the focus moves to the main content, past the header's links.
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'inhoud'")

    # Tab on to the table twin; every stop must show its focus.
    invisible: list[str] = []
    station: dict[str, Any] | None = None
    presses = 0
    while presses < MAX_TABS:
        presses += 1
        page.keyboard.press("Tab")
        now = focused(page)
        if now is None:
            continue
        if not now["indicator"] or not now["onScreen"]:
            invisible.append(f"{describe(now)}: indicator {now['indicator'] or 'none'}, "
                             f"on screen: {now['onScreen']}")
        if now["stationLink"]:
            station = now
            break
    assert station is not None, f"no station link of #stationtabel within {MAX_TABS} Tabs"
    print(f"keyboard: {presses} Tabs from the main content to {describe(station)}")
    assert not invisible, "focus not visible on:\n" + "\n".join(invisible)
    row_values = page.evaluate("""() => [...document.activeElement.closest('tr')
        .querySelectorAll('[data-waarde]')].map(cell => cell.getAttribute('data-waarde'))""")

    # Enter: the panel is swapped in (the same page), the focus on its heading.
    panel = page.locator("#stationpaneel")
    assert panel.get_attribute("aria-live") in ("polite", "assertive"), (
        "#stationpaneel is not a live region")
    page.evaluate("() => { window.pmiekTestMark = 'same document'; }")
    page.keyboard.press("Enter")
    panel.locator("dl.stationcijfers dd[data-veld]").first.wait_for()
    assert page.evaluate("() => window.pmiekTestMark") == "same document", (
        "Enter on the station link loaded a new page instead of the panel")
    assert panel.get_attribute("aria-live") in ("polite", "assertive"), (
        "#stationpaneel lost its aria-live after the swap")
    page.wait_for_function("() => document.activeElement.closest('#stationpaneel') !== null")
    heading = focused(page)
    assert heading is not None and heading["inPanel"], f"focus after Enter: {describe(heading)}"
    assert heading["tag"] in ("h2", "h3"), f"focus after Enter: {describe(heading)}"
    assert station["name"] in heading["name"], (station["name"], heading["name"])
    screenshot(page, "keyboard-station-panel")

    # The numbers are there to read, and they are the table twin's row.
    numbers = {str(dd.get_attribute("data-veld")): (str(dd.get_attribute("data-waarde")),
                                                    dd.inner_text().strip())
               for dd in panel.locator("dl.stationcijfers dd[data-veld]").all()}
    assert {"capacity_mw", "peak_mw", "shortage_mw", "hours_over", "utilisation",
            "first_overload_year", "class"} <= set(numbers), sorted(numbers)
    assert all(text for _, text in numbers.values()), numbers
    for field in ("peak_mw", "capacity_mw", "shortage_mw", "utilisation", "class"):
        assert numbers[field][0] in row_values, (field, numbers[field], row_values)

    # And Tab goes on inside the panel.
    page.keyboard.press("Tab")
    after = focused(page)
    assert after is not None and after["inPanel"], f"Tab after the heading: {describe(after)}"
    assert after["indicator"], f"no focus indicator on {describe(after)}"
    assert not errors, "script or console errors:\n" + "\n".join(errors)
