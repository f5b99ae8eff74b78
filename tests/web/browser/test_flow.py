"""A municipality finds the stored step-1 numbers of a station in the browser (done-when 1).

The Utrecht municipality logs in through the form, opens the map of workspace "utrecht",
chooses scenario, year and direction with the form's own controls (first another view, so
that the controls are seen to work, then 2030 and afname), clicks a public station's marker
on the map (or, when there is no marker, its link in the table twin) and reads the station
panel. Its numbers must be the stored ``bottlenecks`` row of that scenario, station, year and
direction, read here independently (the run's stored CSV, parsed with pandas), and that row
must be what ``pmiek insight utrecht --out`` writes to ``bottlenecks.csv`` and ``loads.csv``
(a separate process, started at the beginning of the session). The panel's timeline CSV
download must hold the same rows as the store, year by year.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd
import pytest

from tests.web.browser.conftest import (
    UTRECHT,
    LiveServer,
    login,
    screenshot,
    stored_table,
    watch_errors,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

SCENARIO = "EV"
"""The scenario chosen on the map: not the first one (the default), so the choice counts."""
YEAR = 2030
DIRECTION = "afname"
CARRIER = "electricity"
FIRST_VIEW = {"year": "2040", "direction": "invoeding"}
"""The view chosen first, to see the controls change the map before choosing 2030/afname."""

NUMBERS = ("capacity_mw", "peak_mw", "shortage_mw", "hours_over", "utilisation",
           "first_overload_year", "class")
"""The fields of the panel's numbers (the station panel contract)."""
LOADS_OF = {"peak_mw": "peak_demand_mw", "capacity_mw": "capacity_demand_mw",
            "hours_over": "hours_over_demand"}
"""bottlenecks (afname) → loads.csv columns that hold the same number."""
CLI_SECONDS = 240


# --- the independent readings -----------------------------------------------------------------


@dataclass
class CliRun:
    """``pmiek insight`` running in its own process; :meth:`tables` waits for it."""

    process: subprocess.Popen[bytes]
    out: Path
    log: Path

    def tables(self) -> dict[str, pd.DataFrame]:
        try:
            self.process.wait(timeout=CLI_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        assert self.process.returncode == 0, (
            f"pmiek insight failed ({self.process.returncode}):\n"
            f"{self.log.read_text(errors='replace')[-3000:]}")
        return {name: pd.read_csv(self.out / f"{name}.csv") for name in ("bottlenecks", "loads")}


@pytest.fixture(scope="session")
def cli_insight(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CliRun]:
    """``pmiek insight utrecht --scenario EV --out …``, started before the servers are
    prepared so that both run at once."""
    folder = tmp_path_factory.mktemp("cli-insight")
    out, log = folder / "inzicht", folder / "pmiek-insight.log"
    command = [sys.executable, "-c", "from pmiek.adapters.cli.main import main; main()",
               "insight", UTRECHT, "--scenario", SCENARIO, "--year", str(YEAR),
               "--out", str(out)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=folder)
    yield CliRun(process, out, log)
    if process.poll() is None:
        process.kill()
        process.wait()


def one_row(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    assert len(rows) == 1, f"{len(rows)} rows for {where}"
    return rows.iloc[0]


# --- reading the page -------------------------------------------------------------------------


def dutch_numbers(text: str) -> list[float]:
    """The numbers written in ``text`` the Dutch way (1.234,5), as floats."""
    found = re.findall(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?", text)
    return [float(number.replace(".", "").replace(",", ".")) for number in found]


def shows(text: str, value: float) -> bool:
    """Whether ``text`` shows ``value`` rounded to the decimals it is written with (as is,
    or as a percentage)."""
    for match in re.findall(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?", text):
        written = float(match.replace(".", "").replace(",", "."))
        decimals = len(match.split(",")[1]) if "," in match else 0
        half = 0.5 * 10.0 ** -decimals + 1e-9
        if abs(written - value) <= half or abs(written - 100 * value) <= half:
            return True
    return False


def choose(page: Page, control: Locator, action: Callable[[Locator], Any]) -> None:
    """Change a map control that submits its form on change (a new page)."""
    with page.expect_navigation():
        action(control)
    page.wait_for_load_state("load")


def panel_numbers(panel: Locator) -> dict[str, tuple[str, str]]:
    """field → (data-waarde, text) of the panel's ``dd[data-veld]``."""
    values: dict[str, tuple[str, str]] = {}
    for dd in panel.locator("dl.stationcijfers dd[data-veld]").all():
        values[str(dd.get_attribute("data-veld"))] = (dd.get_attribute("data-waarde") or "",
                                                     dd.inner_text().strip())
    return values


def check_number(field: str, raw: str, text: str, stored: Any) -> None:
    missing = stored is None or (isinstance(stored, float) and math.isnan(stored))
    if field == "class":
        assert raw == ("" if missing else str(stored)), (field, raw, stored)
        assert text, f"{field}: no text shown"
        return
    if missing:
        assert raw == "", f"{field}: data-waarde {raw!r}, stored: missing"
        return
    assert raw != "", f"{field}: no data-waarde, stored {stored!r}"
    assert float(raw) == float(stored), f"{field}: data-waarde {raw!r}, stored {stored!r}"
    if field == "first_overload_year":
        assert str(int(stored)) in text, f"{field}: {text!r} does not show {stored!r}"
    else:
        assert shows(text, float(stored)), f"{field}: {text!r} does not show {stored!r}"


# --- the test ---------------------------------------------------------------------------------


def test_municipality_sees_the_stored_numbers_of_a_station(
        cli_insight: CliRun, utrecht_server: LiveServer,
        open_page: Callable[..., Page]) -> None:
    page = open_page(utrecht_server)
    errors = watch_errors(page)
    login(page, "utrecht", utrecht_server)
    page.goto(utrecht_server.at(f"/werkruimte/{UTRECHT}/kaart"))

    # The view through the form's controls: scenario, another year and direction first …
    form = page.locator("form:has([name=year])")
    choose(page, form.locator("select[name=scenario]"),
           lambda select: select.select_option(SCENARIO))
    choose(page, page.get_by_role("slider"), lambda slider: slider.fill(FIRST_VIEW["year"]))
    choose(page, page.locator(f"input[name=direction][value={FIRST_VIEW['direction']}]"),
           lambda radio: radio.check())
    caption = page.locator("#stationtabel caption")
    assert FIRST_VIEW["year"] in caption.inner_text()
    assert page.locator(f"input[name=direction][value={FIRST_VIEW['direction']}]").is_checked()
    # … then afname (radio) and 2030 (the exact-year field and the submit button).
    choose(page, page.locator(f"input[name=direction][value={DIRECTION}]"),
           lambda radio: radio.check())
    page.locator("input[type=number][name=year]").fill(str(YEAR))
    with page.expect_navigation():
        page.locator("form:has([name=year]) [type=submit]").click()
    assert str(YEAR) in caption.inner_text(), caption.inner_text()
    assert page.locator(f"input[name=direction][value={DIRECTION}]").is_checked()
    assert page.locator("select[name=scenario]").input_value() == SCENARIO
    assert page.locator("select[name=carrier]").input_value() == CARRIER
    page.locator("#kaart[data-kaart-status=klaar]").wait_for()
    screenshot(page, "flow-utrecht-map-2030-afname")

    # A public station of the table twin with a shortage in that view.
    from pmiek import read_workspace

    assets = read_workspace(UTRECHT).workspace.assets.set_index("id")
    bottlenecks = stored_table(utrecht_server.database_url, UTRECHT, "bottlenecks")
    view = bottlenecks[(bottlenecks["scenario"] == SCENARIO) & (bottlenecks["year"] == YEAR)
                       & (bottlenecks["direction"] == DIRECTION)
                       & (bottlenecks["carrier"] == CARRIER)]
    links = page.locator("#stationtabel tbody a[href*='/station/']")
    listed = {}
    for link in links.all():
        href = str(link.get_attribute("href"))
        asset = unquote(urlsplit(href).path.rsplit("/", 1)[-1])
        listed[asset] = (link.inner_text().strip(), parse_qs(urlsplit(href).query))
    assert listed, "the table twin lists no station"
    public = view[view["asset_id"].isin(list(listed))
                  & ~view["asset_id"].map(assets["confidential"]).fillna(False).astype(bool)]
    assert len(public), f"no public station of the table twin has a stored row: {listed}"
    # The one with the largest shortage among those with a marker on the map (a station
    # without a location is only in the table); click its marker (keyboard-focusable, named
    # "<name>: <class>"), or its link in the table twin when no public station has a marker
    # or another marker covers it.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    candidates = [str(a) for a in public.sort_values("shortage_mw", ascending=False)["asset_id"]]
    buttons = page.locator("#kaart [role=button][aria-label]")
    found = buttons.evaluate_all("elements => elements.map(e => [e.getAttribute('aria-label'), "
                                 "e.getAttribute('data-station-id')])")
    assert found, "the map drew no station markers"

    def is_marker_of(asset: str, label: str, marked: str | None) -> bool:
        name = listed[asset][0]
        return marked == asset or label.startswith((f"{name}:", f"{name} ("))

    markers = {a: [i for i, (label, marked) in enumerate(found)
                   if is_marker_of(a, str(label), marked)] for a in candidates}
    assert all(len(markers[a]) <= 1 for a in candidates), "two markers of one name"
    station = next((a for a in candidates if markers[a]), candidates[0])
    name, query = listed[station]
    for key, wanted in (("year", str(YEAR)), ("direction", DIRECTION),
                        ("scenario", SCENARIO)):
        assert query.get(key, [wanted]) == [wanted], f"the station link says {key}={query[key]}"
    panel = page.locator("#stationpaneel")
    try:
        if not markers[station]:
            raise PlaywrightTimeout("no marker")
        buttons.nth(markers[station][0]).click(timeout=5_000)
        print(f"flow: clicked the map marker of {station} ({name})")
    except PlaywrightTimeout:
        print(f"flow: no marker of {station} to click; using its link in the table twin")
        page.locator(f"#stationtabel tbody a[href*='/station/{station}']").click()
    panel.locator("h2", has_text=name).wait_for()
    panel.locator("dl.stationcijfers dd[data-veld]").first.wait_for()
    screenshot(page, "flow-utrecht-map-panel")

    # The panel's numbers are the stored row …
    stored = one_row(bottlenecks, scenario=SCENARIO, asset_id=station, carrier=CARRIER,
                     direction=DIRECTION, year=YEAR)
    shown = panel_numbers(panel)
    assert set(shown) == set(NUMBERS), f"panel fields {sorted(shown)}"
    for field in NUMBERS:
        check_number(field, *shown[field], stored[field])
    # … and the stored row is what the CLI writes.
    cli = cli_insight.tables()
    cli_row = one_row(cli["bottlenecks"], scenario=SCENARIO, asset_id=station,
                      carrier=CARRIER, direction=DIRECTION, year=YEAR)
    load_row = one_row(cli["loads"], scenario=SCENARIO, asset_id=station, year=YEAR)
    for field in NUMBERS:
        same = (cli_row[field] == stored[field]
                or (pd.isna(cli_row[field]) and pd.isna(stored[field])))
        assert same, f"{field}: CLI {cli_row[field]!r}, store {stored[field]!r}"
    for field, column in LOADS_OF.items():
        assert float(load_row[column]) == float(shown[field][0]), (
            f"{field}: loads.csv {column} {load_row[column]!r}, panel {shown[field][0]!r}")

    # The timeline CSV download holds the stored rows of that station, year by year.
    link = panel.locator("a[data-csv=tijdlijn]")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    downloaded = pd.read_csv(download.path())
    expected = bottlenecks[(bottlenecks["scenario"] == SCENARIO)
                           & (bottlenecks["asset_id"] == station)
                           & (bottlenecks["direction"] == DIRECTION)
                           & (bottlenecks["carrier"] == CARRIER)].sort_values("year")
    compare_timeline(downloaded, expected)
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    assert not errors, "script or console errors:\n" + "\n".join(errors)


def compare_timeline(downloaded: pd.DataFrame, expected: pd.DataFrame) -> None:
    """The downloaded timeline has the stored station's years and, in every column it shares
    with the stored table, the stored values."""
    assert "year" in downloaded.columns, f"no year column: {list(downloaded.columns)}"
    for column, value in (("scenario", SCENARIO), ("direction", DIRECTION),
                          ("carrier", CARRIER)):
        if column in downloaded.columns:
            assert set(downloaded[column]) == {value}, (column, set(downloaded[column]))
    shared = [c for c in expected.columns
              if c in downloaded.columns and c not in ("year", "scenario", "asset_id",
                                                       "direction", "carrier")]
    assert {"peak_mw", "capacity_mw", "shortage_mw"} <= set(shared), (
        f"the timeline CSV lacks stored columns: it has {list(downloaded.columns)}")
    got = downloaded.set_index("year").sort_index()
    want = expected.set_index("year").sort_index()
    assert list(got.index) == list(want.index), (list(got.index), list(want.index))
    for column in shared:
        pd.testing.assert_series_equal(got[column], want[column], check_dtype=False,
                                       check_exact=True, check_names=False,
                                       obj=f"timeline column {column}")
