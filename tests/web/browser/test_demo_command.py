"""Done-when 1 of the web application, end to end: the README's command.

``pmiek serve --demo`` (what ``make serve`` runs) is started as its own process in an empty
folder, as a new user would: it makes the store ``pmiek.db`` with the embedded Utrecht
workspace, prints the demo accounts' passwords once and computes step 1 in the background.
Chromium then logs in with the printed password of the municipality of Utrecht, shows the
map of 2030 (afname) through its form, opens a public station from the map's table twin and
finds in the panel the numbers stored by that server's own run.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pmiek import read_workspace
from tests.web.browser.conftest import screenshot, stored_table, watch_errors
from tests.web.browser.test_flow import check_number, one_row, panel_numbers

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

WORKSPACE = "utrecht"
ACCOUNT = "utrecht"
YEAR = 2030
DIRECTION = "afname"
CARRIER = "electricity"
STEP1_SECONDS = 240.0
NUMBERS = ("capacity_mw", "peak_mw", "shortage_mw", "hours_over", "utilisation",
           "first_overload_year", "class")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status), answer.read()
    except OSError:
        return 0, b""


class Demo:
    """The running ``pmiek serve --demo`` process: its URL, folder and printed output."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "PMIEK_DATABASE_URL"}
        env["COLUMNS"] = "200"
        self.log = folder / "serve.log"
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pmiek.adapters.cli.main", "serve", "--demo",
                 "--port", str(self.port)],
                cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def password(self, account: str) -> str:
        """The password printed for ``account`` in the table of demo accounts."""
        for line in self.output().splitlines():
            cells = [c.strip() for c in re.split(r"[│|]", line) if c.strip()]
            if cells and cells[0] == account:
                return cells[-1]
        raise AssertionError(f"no password printed for {account!r}:\n{self.output()}")

    def wait(self, ready: Callable[[], bool], seconds: float, what: str) -> None:
        deadline = time.monotonic() + seconds
        while not ready():
            if self.process.poll() is not None:
                raise AssertionError(f"pmiek serve stopped ({self.process.returncode}) "
                                     f"before {what}:\n{self.output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {seconds:.0f} s:\n{self.output()}")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    running = Demo(tmp_path)
    try:
        yield running
    finally:
        running.stop()


def stations_drawn(demo: Demo) -> bool:
    status, body = get(f"{demo.url}/werkruimte/{WORKSPACE}/kaart/stations.geojson"
                       f"?year={YEAR}&direction={DIRECTION}")
    return status == 200 and bool(json.loads(body).get("features"))


def test_the_readme_command_brings_up_the_utrecht_demo(
        demo: Demo, new_context: Callable[..., BrowserContext], chromium_version: str) -> None:
    demo.wait(lambda: get(demo.url + "/")[0] == 200, 60.0, "answer on /")
    assert (demo.folder / "pmiek.db").exists(), "the demo made no store pmiek.db"
    password = demo.password(ACCOUNT)
    demo.wait(lambda: stations_drawn(demo), STEP1_SECONDS, "stations of step 1")

    context = new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = watch_errors(page)
    page.goto(demo.url + "/inloggen")
    form = page.locator("form:has(input[name=wachtwoord])")
    form.locator("input[name=naam]").fill(ACCOUNT)
    form.locator("input[name=wachtwoord]").fill(password)
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert "Ingelogd als utrecht" in page.locator("header").inner_text()

    page.goto(f"{demo.url}/werkruimte/{WORKSPACE}/kaart")
    page.locator(f"input[name=direction][value={DIRECTION}]").check()
    page.locator("input[type=number][name=year]").fill(str(YEAR))
    with page.expect_navigation():
        page.locator("form:has([name=year]) [type=submit]").click()
    caption = page.locator("#stationtabel caption").inner_text()
    assert str(YEAR) in caption, caption
    page.locator("#kaart[data-kaart-status=klaar]").wait_for()
    scenario = page.locator("select[name=scenario]").input_value()

    assets = read_workspace(WORKSPACE).workspace.assets.set_index("id")
    links = page.locator("#stationtabel tbody a[href*='/station/']").all()
    listed = {str(link.get_attribute("href")).split("/station/")[1].split("?")[0]: link
              for link in links}
    public = [a for a in listed if not bool(assets["confidential"].get(a, False))]
    assert public, "the table twin lists no public station"
    station = public[0]
    name = str(assets.loc[station, "name"])
    listed[station].click()
    panel = page.locator("#stationpaneel")
    panel.locator("h2", has_text=name).wait_for()
    screenshot(page, "demo-command-utrecht-panel")

    bottlenecks = stored_table(f"sqlite:///{demo.folder / 'pmiek.db'}", WORKSPACE,
                               "bottlenecks")
    stored: Any = one_row(bottlenecks, scenario=scenario, asset_id=station, carrier=CARRIER,
                          direction=DIRECTION, year=YEAR)
    shown = panel_numbers(panel)
    assert set(shown) == set(NUMBERS), sorted(shown)
    for field in NUMBERS:
        check_number(field, *shown[field], stored[field])
    assert not errors, "script or console errors:\n" + "\n".join(errors)
    context.close()
