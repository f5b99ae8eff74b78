"""Step 1 on the map: the map page, its GeoJSON and CSV, and the station panel, against the
run tables read straight from the store (not through the web adapter's code).

Two stores: the prepared example (``web_db``; every station has capacity to spare) and a
copy with a second version in which Utrecht-Centrum MS is short of capacity, two new
developments wait there, a confidential project relieves it, a station name carries HTML and
a variants run with a schedule is stored (``congested``).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pmiek import read_workspace
from pmiek.adapters.store import accounts
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.runs import compute_and_store
from pmiek.domain.workspace import Workspace
from tests.web.conftest import WORKSPACE, settings_for

BASE = f"/werkruimte/{WORKSPACE}"
CONFIDENTIAL_TEXTS = ("LWD-MS", "Lage Weide MS", "P-LW-MS", "Uitbreiding MS Lage Weide")
"""The ids and names of the example's confidential asset and project."""
FIELDS = ("capacity_mw", "peak_mw", "shortage_mw", "hours_over", "utilisation",
          "first_overload_year", "class")
HTML_NAME = '<script>alert(1)</script> Nieuwegein & "MS"'


# --- reading the store directly ---------------------------------------------------------------

def stored(url: str, table: str, kind: str = "insight") -> pd.DataFrame:
    """Run table ``table`` of the newest ``kind`` run on the current version, read with SQL
    and pandas only."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            text = conn.execute(sa.text(
                "select t.content from run_tables t join runs r on r.id = t.run_id "
                "join workspace_versions v on v.id = r.version_id "
                "join workspaces w on w.id = v.workspace_id "
                "where w.name = :ws and v.number = w.current_version and r.kind = :kind "
                "and t.name = :table order by r.id desc"),
                {"ws": WORKSPACE, "kind": kind, "table": table}).scalar()
    finally:
        engine.dispose()
    assert text is not None, f"no stored {kind} table {table}"
    return pd.read_csv(io.StringIO(text), keep_default_na=True,
                       dtype={"scenario": str, "asset_id": str, "blocked_at": str})


def current(url: str) -> Workspace:
    with Store(url) as store:
        return store.load(WORKSPACE)


def row_of(table: pd.DataFrame, asset: str, year: int, direction: str,
           scenario: str) -> pd.Series:
    rows = table[(table["asset_id"] == asset) & (table["year"] == year)
                 & (table["direction"] == direction) & (table["scenario"] == scenario)]
    assert len(rows) == 1
    return rows.iloc[0]


def same(shown: str, value: object, field: str) -> bool:
    """Whether the text ``shown`` in a data-waarde is exactly the stored ``value``."""
    if pd.isna(value):
        return shown == ""
    if field == "class":
        return shown == str(value)
    if field in ("hours_over", "first_overload_year"):
        return shown == str(int(value))  # type: ignore[call-overload]
    return float(shown) == float(value)  # type: ignore[arg-type]


# --- reading the pages ------------------------------------------------------------------------

def panel_values(page: str) -> dict[str, str]:
    found = re.findall(r'<dd data-veld="(\w+)" data-waarde="([^"]*)"', page)
    return {key: html.unescape(value) for key, value in found}


def table_html(page: str, css_class: str) -> str:
    match = re.search(rf'<table class="{css_class}">(.*?)</table>', page, re.S)
    return match.group(1) if match else ""


def csv_of(response: object) -> pd.DataFrame:
    text = response.text  # type: ignore[attr-defined]
    return pd.read_csv(io.StringIO(text), keep_default_na=True, dtype={"asset_id": str})


def no_inline_code(page: str) -> None:
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "inline script"
    assert not re.search(r"<[^>]+\son[a-z]+=", page), "event handler attribute"


# --- clients as an account --------------------------------------------------------------------

def client_as(app: FastAPI, name: str) -> TestClient:
    """A client with a fresh session of account ``name`` (made in the store directly, so that
    these tests do not depend on the login form)."""
    token, _csrf = accounts.create_session(app.state.store, name,
                                           lifetime=dt.timedelta(hours=1))
    c = TestClient(app)
    c.cookies.set("pmiek_sessie", token)
    return c


@pytest.fixture
def clients(web_app: FastAPI) -> Iterator[Callable[[str | None], TestClient]]:
    made: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        c = TestClient(web_app) if name is None else client_as(web_app, name)
        c.__enter__()
        made.append(c)
        return c

    yield make
    for c in made:
        c.__exit__(None, None, None)


# --- the congested store ----------------------------------------------------------------------

def congested(ws: Workspace) -> Workspace:
    """The example with Utrecht-Centrum MS at 30 MW demand capacity, two developments that
    start there in 2032 (one named after the confidential station), the confidential project
    also acting on Utrecht-Centrum MS, and a station name with HTML in it."""
    assets = ws.assets.copy()
    assets.loc[assets["id"] == "UTC-MS", "capacity_demand_mw"] = 30.0
    assets.loc[assets["id"] == "NWG-MS", "name"] = HTML_NAME
    dev = ws.developments
    base = dev[dev["id"] == "D-UMC"]
    new = pd.concat([base, base], ignore_index=True)
    new["id"] = ["D-Q1", "D-Q2"]
    new["name"] = ["Nieuwe school Utrecht", "Laadplein bij Lage Weide MS"]
    new["demand_mw"] = [8.0, 4.0]
    new["start_year"] = [2032, 2032]
    new["end_year"] = [2033, 2033]
    new["acm_priority"] = [0, 0]
    developments = pd.concat([dev, new], ignore_index=True).astype(dev.dtypes.to_dict())
    effects = ws.project_effects
    extra = pd.DataFrame({"project_id": ["P-LW-MS"], "asset_id": ["UTC-MS"],
                          "delta_demand_mw": [10.0], "delta_feedin_mw": [5.0],
                          "new_parent_id": [pd.NA]})
    effects = pd.concat([effects, extra], ignore_index=True).astype(
        effects.dtypes.to_dict())
    return ws.with_tables(assets=assets, developments=developments, project_effects=effects)


SCHEDULE = pd.DataFrame({"project_id": ["P-LW-MS", "P-UTN", "P-ODR"],
                         "name": ["Uitbreiding MS Lage Weide", "Nieuw station Utrecht-Noord",
                                  "Pakket Oudenrijn"],
                         "in_service_year": [2031, 2034, 2029]})
"""A stored variants schedule (lens folder ``evenwichtig``) for the relieving projects."""


@pytest.fixture(scope="module")
def congested_db(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("map") / "pmiek.db"
    shutil.copyfile(Path(web_db.removeprefix("sqlite:///")), target)
    url = f"sqlite:///{target}"
    with Store(url) as store:
        info = store.import_workspace(congested(store.load(WORKSPACE)), WORKSPACE,
                                      source="tests/web/test_map")
        compute_and_store(store, WORKSPACE, info.number)
        store.record_run("variants", WORKSPACE, info.number, {"lens": "evenwichtig"},
                         input_hash=info.content_hash, output_hash=None,
                         tables={"evenwichtig/schedule": SCHEDULE})
    return url


@pytest.fixture(scope="module")
def congested_app(congested_db: str) -> FastAPI:
    from pmiek.adapters.web.app import create_app

    return create_app(settings_for(congested_db))


@pytest.fixture
def congested_clients(congested_app: FastAPI) -> Iterator[Callable[[str | None], TestClient]]:
    made: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        c = TestClient(congested_app) if name is None else client_as(congested_app, name)
        c.__enter__()
        made.append(c)
        return c

    yield make
    for c in made:
        c.__exit__(None, None, None)


# --- the panel --------------------------------------------------------------------------------

@pytest.mark.parametrize(("asset", "year", "direction", "scenario"), [
    ("UTC-MS", 2030, "afname", "KM"), ("HTN-MS", 2035, "invoeding", "EV"),
    ("ODR150", 2026, "afname", "EV"), ("NWG150", 2050, "invoeding", "KM")])
def test_panel_numbers_are_the_stored_row(client: TestClient, web_db: str, asset: str,
                                          year: int, direction: str, scenario: str) -> None:
    table = stored(web_db, "bottlenecks")
    expected = row_of(table, asset, year, direction, scenario)
    page = client.get(f"{BASE}/station/{asset}", params={
        "year": year, "direction": direction, "scenario": scenario})
    assert page.status_code == 200
    shown = panel_values(page.text)
    assert set(shown) == set(FIELDS)
    for field in FIELDS:
        assert same(shown[field], expected[field], field), (field, shown[field],
                                                            expected[field])
    name = str(current(web_db).assets.set_index("id").loc[asset, "name"])
    assert re.search(rf"<h2[^>]*>{re.escape(html.escape(name))}</h2>", page.text)
    for key in ("wachtrij", "verklaring", "tijdlijn"):
        assert f'data-csv="{key}"' in page.text
    no_inline_code(page.text)


def test_panel_of_a_congested_station(congested_clients: Callable[[str | None], TestClient],
                                      congested_db: str) -> None:
    table = stored(congested_db, "bottlenecks")
    expected = row_of(table, "UTC-MS", 2033, "afname", "KM")
    assert expected["class"] == "congestie" and expected["shortage_mw"] > 0
    page = congested_clients(None).get(f"{BASE}/station/UTC-MS", params={"year": 2033})
    shown = panel_values(page.text)
    for field in FIELDS:
        assert same(shown[field], expected[field], field), field
    assert "klasse--congestie" in page.text


def test_htmx_request_gets_only_the_panel(client: TestClient) -> None:
    url = f"{BASE}/station/UTC-MS?year=2030"
    full = client.get(url)
    part = client.get(url, headers={"HX-Request": "true"})
    assert full.status_code == part.status_code == 200
    assert "<html" in full.text and "<footer" in full.text
    assert "<html" not in part.text and "<footer" not in part.text
    assert part.text.lstrip().startswith("<h2")
    assert panel_values(part.text) == panel_values(full.text)


def test_explain_sums_to_the_peak(client: TestClient, web_db: str) -> None:
    peak = row_of(stored(web_db, "bottlenecks"), "LWD150", 2030, "afname", "KM")["peak_mw"]
    page = client.get(f"{BASE}/station/LWD150", params={"year": 2030, "scenario": "KM"}).text
    body = table_html(page, "verklaring")
    total = re.search(r'data-veld="explain_total" data-waarde="([^"]+)"', body)
    assert total is not None
    terms = [float(v) for v in re.findall(r'<td class="getal" data-waarde="([^"]+)"', body)]
    assert len(terms) >= 2
    assert float(total.group(1)) == pytest.approx(peak, abs=1e-6)
    assert sum(terms) == pytest.approx(peak, abs=1e-6)
    csv = client.get(f"{BASE}/station/LWD150/verklaring.csv",
                     params={"year": 2030, "scenario": "KM"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv_of(csv)["mw"].sum() == pytest.approx(peak, abs=1e-6)
    assert len(csv_of(csv)) == len(terms)


def test_explain_names_no_confidential_asset_for_the_public(
        clients: Callable[[str | None], TestClient]) -> None:
    url = f"{BASE}/station/LWD150"
    inside = clients("kern").get(url, params={"year": 2030}).text
    assert "LWD-MS" in table_html(inside, "verklaring")  # the term below the hidden station
    for who in (None, "utrecht"):
        outside = clients(who).get(url, params={"year": 2030}).text
        assert "LWD-MS" not in outside
        assert "vertrouwelijk" in table_html(outside, "verklaring")
        csv = clients(who).get(f"{url}/verklaring.csv", params={"year": 2030}).text
        assert "LWD-MS" not in csv


def test_queue_lists_the_blocked_rows_at_the_station(
        congested_clients: Callable[[str | None], TestClient], congested_db: str) -> None:
    blocked = stored(congested_db, "blocked")
    for scenario in ("KM", "EV"):
        mine = blocked[(blocked["blocked_at"] == "UTC-MS") & (blocked["scenario"] == scenario)
                       & blocked["blocked"].astype(bool)]
        assert len(mine) >= 2
        c = congested_clients("kern")
        page = c.get(f"{BASE}/station/UTC-MS", params={"year": 2033, "scenario": scenario})
        shown = re.findall(r'data-ontwikkeling="([^"]+)"', table_html(page.text, "wachtrij"))
        assert shown == list(mine["development_id"])
        csv = csv_of(c.get(f"{BASE}/station/UTC-MS/wachtrij.csv", params={
            "year": 2033, "scenario": scenario}))
        assert list(csv["development_id"]) == list(mine["development_id"])
        assert list(csv["start_year"]) == list(mine["start_year"])
    other = congested_clients(None).get(f"{BASE}/station/NWG-MS").text
    assert "data-ontwikkeling" not in other  # nothing waits there


def test_queue_for_the_public_names_no_confidential_station(
        congested_clients: Callable[[str | None], TestClient]) -> None:
    inside = congested_clients("stedin").get(f"{BASE}/station/UTC-MS?year=2033").text
    assert "Laadplein bij Lage Weide MS" in table_html(inside, "wachtrij")
    public = congested_clients(None).get(f"{BASE}/station/UTC-MS?year=2033").text
    queue = table_html(public, "wachtrij")
    assert "D-Q2" in queue and "Laadplein bij vertrouwelijk" in queue
    csv = congested_clients(None).get(f"{BASE}/station/UTC-MS/wachtrij.csv?year=2033").text
    assert "D-Q2" in csv and "Lage Weide MS" not in csv


def test_relieving_projects_and_their_years(
        congested_clients: Callable[[str | None], TestClient], congested_db: str) -> None:
    ws = current(congested_db)
    effects = ws.project_effects[ws.project_effects["asset_id"] == "LWD150"]
    page = congested_clients(None).get(f"{BASE}/station/LWD150").text
    projects = table_html(page, "projecten")
    shown = set(re.findall(r"invoer:projects\?id=([\w-]+)", projects))
    assert shown == set(effects["project_id"])
    # the stored variants schedule gives P-UTN its year in that variant
    row = re.search(r"P-UTN.*?</tr>", projects, re.S)
    assert row is not None and "2034" in row.group(0) and "2033" in row.group(0)
    assert "evenwichtig" in projects
    # a confidential project that relieves a visible station: unnamed for the public
    public = table_html(congested_clients(None).get(f"{BASE}/station/UTC-MS").text,
                        "projecten")
    assert "Vertrouwelijk project" in public
    for text in CONFIDENTIAL_TEXTS:
        assert text not in public
    inside = table_html(congested_clients("kern").get(f"{BASE}/station/UTC-MS").text,
                        "projecten")
    assert "P-LW-MS" in inside and "Vertrouwelijk project" not in inside
    assert "2031" in inside  # its scheduled year


def test_timeline_table_and_csv_are_the_stored_years(client: TestClient,
                                                     web_db: str) -> None:
    table = stored(web_db, "bottlenecks")
    mine = table[(table["asset_id"] == "HTN-MS") & (table["direction"] == "invoeding")
                 & (table["scenario"] == "EV")].sort_values("year")
    page = client.get(f"{BASE}/station/HTN-MS",
                      params={"direction": "invoeding", "scenario": "EV", "year": 2040}).text
    body = table_html(page, "tijdlijn")
    years = [int(y) for y in re.findall(r'<th scope="row">(\d{4})</th>', body)]
    assert years == list(mine["year"])
    assert "<svg" in page and 'role="img"' in page
    csv = csv_of(client.get(f"{BASE}/station/HTN-MS/tijdlijn.csv",
                            params={"direction": "invoeding", "scenario": "EV"}))
    assert list(csv["year"]) == list(mine["year"])
    assert list(csv["peak_mw"]) == list(mine["peak_mw"])
    assert list(csv["capacity_mw"]) == list(mine["capacity_mw"])
    assert list(csv["class"]) == list(mine["class"])


# --- the map ----------------------------------------------------------------------------------

def test_map_page_has_the_form_the_map_and_the_twin(client: TestClient, web_db: str) -> None:
    page = client.get(f"{BASE}/kaart")
    assert page.status_code == 200
    text = page.text
    assert re.search(r'<form method="get" action="[^"]*/kaart"', text)
    assert 'type="range"' in text and 'min="2026"' in text and 'max="2050"' in text
    assert 'type="number"' in text and 'name="direction" value="invoeding"' in text
    kaart = re.search(r'<div id="kaart"[^>]*>', text)
    assert kaart is not None
    for attribute in ("data-areas-url", "data-stations-url", "data-panel-url",
                      'data-panel-target="#stationpaneel"', 'data-background="off"',
                      'role="region"', "aria-label"):
        assert attribute in kaart.group(0)
    assert "__ID__" in kaart.group(0)
    assert re.search(r'<div id="stationpaneel" aria-live="polite" data-focus-heading>', text)
    assert '<table id="stationtabel">' in text and 'data-csv="stations"' in text
    for asset in ("UTC-MS", "ODR150", "HTN-MS"):
        assert re.search(rf'<a href="[^"]*/station/{asset}\?[^"]*year=2030', text)
    for name in ("beschikbaar", "dreigende_schaarste", "congestie", "geen_gegevens"):
        assert f"symbool--{name}" in text
    assert "niet de capaciteitskaart" in text
    no_inline_code(text)
    info = Store(web_db).version(WORKSPACE)
    assert info.content_hash[:12] in text and "P-MIEK test" in text


@pytest.mark.parametrize(("year", "direction", "scenario"), [
    (2030, "afname", "KM"), (2045, "invoeding", "EV")])
def test_geojson_classes_are_the_stored_classes(
        congested_clients: Callable[[str | None], TestClient], congested_db: str, year: int,
        direction: str, scenario: str) -> None:
    table = stored(congested_db, "bottlenecks")
    rows = table[(table["year"] == year) & (table["direction"] == direction)
                 & (table["scenario"] == scenario)].set_index("asset_id")
    response = congested_clients("kern").get(f"{BASE}/kaart/stations.geojson", params={
        "year": year, "direction": direction, "scenario": scenario})
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    classes = {f["properties"]["id"]: f["properties"]["class"] for f in data["features"]}
    ws = current(congested_db)
    electric = ws.assets[ws.assets["carrier"] == "electricity"]
    assert set(classes) == set(electric["id"])
    for asset, klass in classes.items():
        assert klass == rows.loc[asset, "class"], asset
    if (year, direction) == (2030, "afname"):
        assert classes["UTC-MS"] == "congestie"
    point = next(f for f in data["features"] if f["id"] == "UTC-MS")["geometry"]
    assert point["type"] == "Point" and point["coordinates"] == [136000.0, 456000.0]


def test_areas_geojson_is_generalised_rd(client: TestClient, web_db: str) -> None:
    data = client.get(f"{BASE}/kaart/gebieden.geojson").json()
    assert "28992" in data["crs"]["properties"]["name"]
    ws = current(web_db)
    with_outline = ws.areas[ws.areas["geometry"].notna()]
    assert {f["id"] for f in data["features"]} == set(with_outline["id"])
    utrecht = next(f for f in data["features"] if f["id"] == "GM0344")
    assert utrecht["properties"]["kind"] == "municipality"
    xs = [x for x, _y in utrecht["geometry"]["coordinates"][0]]
    assert min(xs) == 131000.0 and max(xs) == 141000.0


def test_table_twin_csv_is_the_stored_rows(
        congested_clients: Callable[[str | None], TestClient], congested_db: str) -> None:
    table = stored(congested_db, "bottlenecks")
    rows = table[(table["year"] == 2031) & (table["direction"] == "afname")
                 & (table["scenario"] == "EV")].set_index("asset_id")
    response = congested_clients("tennet").get(f"{BASE}/kaart/stations.csv", params={
        "year": 2031, "scenario": "EV"})
    assert response.status_code == 200
    csv = pd.read_csv(io.StringIO(response.text), dtype=str, keep_default_na=False
                      ).set_index("asset_id")
    ws = current(congested_db)
    electric = set(ws.assets.loc[ws.assets["carrier"] == "electricity", "id"])
    assert set(csv.index) == electric
    for asset in csv.index:
        for field in ("peak_mw", "capacity_mw", "shortage_mw", "utilisation", "hours_over",
                      "class", "first_overload_year"):
            assert same(csv.loc[asset, field], rows.loc[asset, field], field), (asset, field)
    assert csv.loc["NWG-MS", "name"] == HTML_NAME  # CSV keeps the text as it is


def test_names_with_html_are_escaped(congested_clients: Callable[[str | None], TestClient]
                                     ) -> None:
    c = congested_clients(None)
    for url in (f"{BASE}/kaart", f"{BASE}/station/NWG-MS"):
        page = c.get(url).text
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Nieuwegein &amp; &#34;MS&#34;" in page
    data = c.get(f"{BASE}/kaart/stations.geojson").json()
    names = {f["id"]: f["properties"]["name"] for f in data["features"]}
    assert names["NWG-MS"] == HTML_NAME


# --- confidentiality --------------------------------------------------------------------------

def confidential_in_utrecht(url: str) -> int:
    """How many confidential electricity assets lie in municipality Utrecht, from the areas
    tree of the stored workspace."""
    ws = current(url)
    parent = dict(zip(ws.areas["id"], ws.areas["parent_id"], strict=True))
    count = 0
    for row in ws.assets[ws.assets["confidential"].fillna(False).astype(bool)
                         & (ws.assets["carrier"] == "electricity")].itertuples():
        area = row.area_id
        while isinstance(area, str) and area != "GM0344":
            area = parent.get(area)
        count += area == "GM0344"
    return count


@pytest.mark.parametrize("who", [None, "utrecht", "houten"])
def test_public_and_municipalities_see_confidential_stations_only_counted(
        clients: Callable[[str | None], TestClient], web_db: str, who: str | None) -> None:
    c = clients(who)
    page = c.get(f"{BASE}/kaart").text
    features = c.get(f"{BASE}/kaart/stations.geojson").text
    csv = c.get(f"{BASE}/kaart/stations.csv").text
    for text in CONFIDENTIAL_TEXTS:
        for body in (page, features, csv):
            assert text not in body
    assert "LWD-MS" not in json.loads(features)["features"].__repr__()
    expected = confidential_in_utrecht(web_db)
    assert expected == 1
    row = re.search(r"Vertrouwelijke stations \(Utrecht\).*?</tr>", page, re.S)
    assert row is not None
    counts = [int(n) for n in re.findall(r"(\d+) × ", row.group(0))]
    assert sum(counts) == expected
    table = csv_of(c.get(f"{BASE}/kaart/stations.csv"))
    group = table[table["name"] == "Vertrouwelijke stations (Utrecht)"]
    assert group["stations"].sum() == expected and group["asset_id"].isna().all()
    for url in (f"{BASE}/station/LWD-MS", f"{BASE}/station/LWD-MS/tijdlijn.csv",
                f"{BASE}/station/LWD-MS/verklaring.csv", f"{BASE}/station/LWD-MS/wachtrij.csv"):
        assert c.get(url).status_code == 404


@pytest.mark.parametrize("who", ["stedin", "tennet", "kern", "beheer"])
def test_operators_and_core_team_see_confidential_stations(
        clients: Callable[[str | None], TestClient], web_db: str, who: str) -> None:
    c = clients(who)
    page = c.get(f"{BASE}/kaart").text
    assert re.search(r'<a href="[^"]*/station/LWD-MS\?', page)
    assert "Vertrouwelijke stations" not in page
    ids = {f["id"] for f in c.get(f"{BASE}/kaart/stations.geojson").json()["features"]}
    assert "LWD-MS" in ids
    assert "LWD-MS" in set(csv_of(c.get(f"{BASE}/kaart/stations.csv"))["asset_id"])
    panel = c.get(f"{BASE}/station/LWD-MS", params={"year": 2030})
    assert panel.status_code == 200
    expected = row_of(stored(web_db, "bottlenecks"), "LWD-MS", 2030, "afname", "KM")
    shown = panel_values(panel.text)
    for field in FIELDS:
        assert same(shown[field], expected[field], field)


# --- choices, errors, no run ------------------------------------------------------------------

def test_year_outside_the_run_is_clamped_with_a_notice(client: TestClient,
                                                       web_db: str) -> None:
    page = client.get(f"{BASE}/kaart", params={"year": 2100})
    assert page.status_code == 200
    assert 'id="jaar-melding"' in page.text and "2100" in page.text
    assert 'value="2050"' in page.text
    early = client.get(f"{BASE}/station/UTC-MS", params={"year": 1999})
    assert early.status_code == 200 and "1999" in early.text
    expected = row_of(stored(web_db, "bottlenecks"), "UTC-MS", 2026, "afname", "KM")
    assert same(panel_values(early.text)["peak_mw"], expected["peak_mw"], "peak_mw")
    features = client.get(f"{BASE}/kaart/stations.geojson", params={"year": 3000}).json()
    assert features["features"] and all("2050" in f["properties"]["url"]
                                        for f in features["features"])


def test_the_changed_year_input_wins(client: TestClient) -> None:
    """The form sends the slider and the exact input both as ``year``, with the year shown
    as ``was``: the value that differs from it is the one the visitor changed."""
    slider = client.get(f"{BASE}/kaart?was=2030&year=2041&year=2030")
    exact = client.get(f"{BASE}/kaart?was=2030&year=2030&year=2037")
    assert "in 2041</h1>" in slider.text
    assert "in 2037</h1>" in exact.text


@pytest.mark.parametrize("query", ["year=twintig", "direction=omhoog", "carrier=plasma",
                                   "scenario=XX"])
def test_bad_choices_are_a_clear_400(client: TestClient, query: str) -> None:
    response = client.get(f"{BASE}/kaart?{query}")
    assert response.status_code == 400
    value = query.split("=")[1]
    assert f"'{value}'" in html.unescape(response.text)
    assert client.get(f"{BASE}/kaart/stations.geojson?{query}").status_code == 400


def test_unknown_workspace_and_asset_are_404(client: TestClient) -> None:
    assert client.get("/werkruimte/bestaat-niet/kaart").status_code == 404
    assert client.get("/werkruimte/bestaat-niet/kaart/gebieden.geojson").status_code == 404
    assert client.get(f"{BASE}/station/GEEN-STATION").status_code == 404
    assert client.get(f"{BASE}/station/GEEN-STATION/tijdlijn.csv").status_code == 404


def test_heat_station_defaults_to_its_own_carrier(client: TestClient, web_db: str) -> None:
    expected = row_of(stored(web_db, "bottlenecks"), "WN-UTR", 2030, "afname", "KM")
    page = client.get(f"{BASE}/station/WN-UTR")
    assert page.status_code == 200
    assert same(panel_values(page.text)["peak_mw"], expected["peak_mw"], "peak_mw")
    heat = client.get(f"{BASE}/kaart/stations.geojson?carrier=heat").json()
    assert [f["id"] for f in heat["features"]] == ["WN-UTR"]


def test_version_without_a_run_says_the_computation_is_pending(fresh_web_db: str) -> None:
    from pmiek.adapters.web.app import create_app

    with Store(fresh_web_db) as store:
        store.import_workspace(read_workspace("example").workspace, WORKSPACE,
                               source="tests/web/test_map")
    with TestClient(create_app(settings_for(fresh_web_db))) as c:
        page = c.get(f"{BASE}/kaart")
        assert page.status_code == 200
        assert "De berekening van stap 1 loopt nog" in page.text
        assert 'id="stationtabel"' not in page.text
        assert c.get(f"{BASE}/kaart/stations.geojson").json()["features"] == []
        station = c.get(f"{BASE}/station/UTC-MS")
        assert station.status_code == 200 and "loopt nog" in station.text
        assert c.get(f"{BASE}/kaart/gebieden.geojson").json()["features"]


# --- what the pages keep: never stale across versions, audiences or languages ----------------

def test_a_new_version_gives_new_numbers_on_every_kept_page(fresh_web_db: str) -> None:
    from pmiek.adapters.web.app import create_app

    app = create_app(settings_for(fresh_web_db))
    query: dict[str, str | int] = {"year": 2030, "direction": "afname", "scenario": "KM"}
    with TestClient(app) as c:
        before = {
            "map": c.get(f"{BASE}/kaart", params=query).text,
            "features": c.get(f"{BASE}/kaart/stations.geojson", params=query).json(),
            "panel": c.get(f"{BASE}/station/UTC-MS", params=query,
                           headers={"HX-Request": "true"}).text}
        old = row_of(stored(fresh_web_db, "bottlenecks"), "UTC-MS", 2030, "afname", "KM")
        with Store(fresh_web_db) as store:
            info = store.import_workspace(congested(store.load(WORKSPACE)), WORKSPACE,
                                          source="tests/web/test_map")
            compute_and_store(store, WORKSPACE, info.number)
        new = row_of(stored(fresh_web_db, "bottlenecks"), "UTC-MS", 2030, "afname", "KM")
        assert new["class"] == "congestie" != old["class"]
        assert new["capacity_mw"] != old["capacity_mw"]
        page = c.get(f"{BASE}/kaart", params=query).text
        features = c.get(f"{BASE}/kaart/stations.geojson", params=query).json()
        panel = c.get(f"{BASE}/station/UTC-MS", params=query,
                      headers={"HX-Request": "true"}).text
    assert page != before["map"] and info.content_hash[:12] in page
    twin = re.search(r'<tr data-station="UTC-MS">.*?</tr>', page, re.S)
    assert twin is not None and 'data-waarde="congestie"' in twin.group(0)
    assert same(re.findall(r'data-waarde="([^"]*)"', twin.group(0))[3], new["capacity_mw"],
                "capacity_mw")
    props = next(f for f in features["features"] if f["id"] == "UTC-MS")["properties"]
    was = next(f for f in before["features"]["features"] if f["id"] == "UTC-MS")["properties"]
    assert props["class"] == "congestie" != was["class"]
    assert props["capacity_mw"] == pytest.approx(float(new["capacity_mw"]))
    shown = panel_values(panel)
    assert shown != panel_values(before["panel"])
    for field in FIELDS:
        assert same(shown[field], new[field], field), field
    total = re.search(r'data-veld="explain_total" data-waarde="([^"]+)"', panel)
    assert total is not None and float(total.group(1)) == pytest.approx(new["peak_mw"],
                                                                        abs=1e-6)


def test_kept_pages_are_never_shared_across_audiences(
        clients: Callable[[str | None], TestClient]) -> None:
    query: dict[str, str | int] = {"year": 2037, "direction": "afname", "scenario": "EV"}
    panel_of = f"{BASE}/station/LWD150"
    for order in (("kern", None, "utrecht", "stedin"), (None, "kern", "houten", "beheer")):
        for who in order:
            c = clients(who)
            sees = who in ("kern", "stedin", "beheer")
            page = c.get(f"{BASE}/kaart", params=query).text
            features = c.get(f"{BASE}/kaart/stations.geojson", params=query).text
            panel = c.get(panel_of, params=query, headers={"HX-Request": "true"}).text
            for body in (page, features):
                assert ("LWD-MS" in body) is sees, (who, body[:200])
            assert ("LWD-MS" in table_html(panel, "verklaring")) is sees, who
            assert ("Vertrouwelijke stations" in page) is not sees, who
            if who is not None:
                assert "menu__wie" in page and who in page  # the layout is each visitor's own


def test_kept_pages_follow_the_language(client: TestClient) -> None:
    from pmiek.adapters.web.texts import t

    query: dict[str, str | int] = {"year": 2031, "direction": "invoeding"}
    for lang in ("nl", "en", "nl"):
        page = client.get(f"{BASE}/kaart", params={**query, "lang": lang}).text
        assert f'<html lang="{lang}">' in page
        assert t("map.heading", lang, year=2031) in page
        features = client.get(f"{BASE}/kaart/stations.geojson",
                              params={**query, "lang": lang}).json()["features"]
        for feature in features:
            props = feature["properties"]
            assert props["class_label"] == t(f"map.class.{props['class']}", lang)
        panel = client.get(f"{BASE}/station/UTC-MS", params={**query, "lang": lang},
                           headers={"HX-Request": "true"}).text
        assert f'id="paneel-tijdlijn">{t("station.timeline", lang)}</h3>' in panel


def test_the_index_picks_the_same_rows_as_the_whole_table(web_db: str) -> None:
    from pmiek.adapters.web import step1

    ws = current(web_db)
    table = step1.normalised(stored(web_db, "bottlenecks"), ws)
    blocked = stored(web_db, "blocked")
    found = step1.index(table, blocked)
    assert found.offered == step1.options(table)
    towns = step1.municipalities(ws)
    for year in (2026, 2030, 2050):
        for direction in step1.DIRECTIONS:
            for scenario in found.offered.scenarios:
                view = step1.choose(found.offered, year=year, direction=direction,
                                    scenario=scenario)
                pd.testing.assert_frame_equal(
                    step1.stations(ws, found.view_rows(view), view, towns),
                    step1.stations(ws, table, view, towns))
                for asset in ws.assets["id"]:
                    assert found.numbers(asset, view) == step1.numbers(table, asset, view)
                    pd.testing.assert_frame_equal(
                        step1.timeline(found.station_rows(asset, view), asset, view),
                        step1.timeline(table, asset, view))
                    pd.testing.assert_frame_equal(
                        step1.queue(found.blocked_rows(asset, scenario), asset, scenario),
                        step1.queue(blocked, asset, scenario), check_dtype=False)
    assert found.numbers("NO-SUCH", view) == dict.fromkeys(step1.NUMBER_FIELDS)


def test_prepared_explain_lists_are_the_explain_lists(web_db: str) -> None:
    from pmiek.adapters.web import step1
    from pmiek.insight.explain import prepare
    from pmiek.report.public import hidden

    ws = current(web_db)
    hide = hidden(ws, "publiek")
    for scenario, year in (("KM", 2030), ("EV", 2042)):
        made = prepare(ws, year, scenario)
        words = step1.scrubbed([*made.development_id, *made.development_name,
                                *made.development_sector, *made.development_rules,
                                *made.asset_ids], hide)
        for direction in step1.DIRECTIONS:
            view = step1.View("electricity", direction, year, scenario)
            for asset in [*ws.assets["id"], "NO-SUCH"]:
                plain = step1.explained(ws, asset, view)
                quick = step1.explained(ws, asset, view, lambda made=made: made)
                assert (quick.hour, quick.problem) == (plain.hour, plain.problem)
                assert quick.peak_mw == plain.peak_mw or (
                    asset == "NO-SUCH" and quick.problem is not None)
                pd.testing.assert_frame_equal(quick.terms, plain.terms)
                pd.testing.assert_frame_equal(
                    step1.explained_for(quick, hide, words).terms,
                    step1.explained_for(plain, hide).terms)
    lwd = step1.explained_for(step1.explained(ws, "LWD150", step1.View(
        "electricity", "afname", 2030, "KM")), hide, {})
    assert "LWD-MS" not in lwd.terms.to_csv()  # texts not in words are scrubbed all the same
