"""The JSON API: the same rows as the CSV, the same confidentiality, OpenAPI, errors."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from pmiek.adapters.store.store import Store
from tests.web.conftest import WORKSPACE
from tests.web.test_tables import (
    TABLES,
    confidential_words,
    leaks,
    read_csv_text,
    stored_run_table,
)

API = f"/api/v1/werkruimtes/{WORKSPACE}"
Client = Callable[[str], TestClient]


def same(a: object, b: object) -> bool:
    """Cells equal as the CSV and the JSON write them (missing = NaN = null)."""
    missing = [x is None or (isinstance(x, float) and math.isnan(x)) for x in (a, b)]
    if any(missing):
        return all(missing)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


@pytest.mark.parametrize("query", ["asset_id=UTC-MS", "year=2030&direction=afname",
                                   "zoek=nwg"])
@pytest.mark.parametrize("who", ["anonymous", "kern"])
def test_json_rows_equal_the_csv_rows(client: TestClient, as_account: Client, who: str,
                                      query: str) -> None:
    visitor = client if who == "anonymous" else as_account(who)
    body = visitor.get(f"{API}/tabellen/inzicht:bottlenecks?{query}&limit=10000").json()
    frame = read_csv_text(visitor.get(f"{TABLES}/inzicht:bottlenecks.csv?{query}").text)
    assert body["total"] == len(frame) == len(body["rows"]) > 0
    assert body["columns"] == list(frame.columns)
    for row, (_, expected) in zip(body["rows"], frame.iterrows(), strict=True):
        assert all(same(row[c], expected[c]) for c in frame.columns), (row, expected)


def test_json_pages_with_limit_and_offset(client: TestClient) -> None:
    everything = client.get(f"{API}/tabellen/inzicht:loads?limit=10000").json()
    total = everything["total"]
    assert total == len(everything["rows"]) > 20
    page = client.get(f"{API}/tabellen/inzicht:loads?limit=7&offset=14").json()
    assert (page["total"], page["offset"], page["limit"]) == (total, 14, 7)
    assert page["rows"] == everything["rows"][14:21]
    beyond = client.get(f"{API}/tabellen/inzicht:loads?offset={total + 5}").json()
    assert beyond["rows"] == [] and beyond["total"] == total
    assert client.get(f"{API}/tabellen/inzicht:loads?limit=0").status_code == 422


def test_json_table_of_the_data_contract(client: TestClient, web_db: str) -> None:
    body = client.get(f"{API}/tabellen/invoer:developments?sector=housing").json()
    with Store(web_db) as store:
        developments = store.load(WORKSPACE).developments
    housing = developments[developments["sector"] == "housing"]
    assert body["run_id"] is None and body["table"] == "invoer:developments"
    assert [r["id"] for r in body["rows"]] == housing["id"].tolist()
    assert [r["quantity"] for r in body["rows"]] == housing["quantity"].tolist()


def test_unknown_column_is_400_json(client: TestClient) -> None:
    response = client.get(f"{API}/tabellen/inzicht:bottlenecks?stationn=UTC-MS")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "stationn" in detail and "asset_id" in detail


def test_unknown_things_are_404_json_without_the_database(client: TestClient,
                                                          web_db: str) -> None:
    for path in ("/api/v1/werkruimtes/nergens/stations", f"{API}/tabellen/invoer:nergens",
                 f"{API}/stations/NERGENS", "/api/v1/werkruimtes/nergens/tabellen/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert set(response.json()) == {"detail"}
        assert "sqlite" not in response.text and "pmiek.db" not in response.text


def test_workspaces_and_editions(client: TestClient, web_db: str) -> None:
    with Store(web_db) as store:
        version = store.version(WORKSPACE).number
        editions = store.editions()
    workspaces = client.get("/api/v1/werkruimtes").json()
    assert [w["name"] for w in workspaces] == [WORKSPACE]
    assert workspaces[0]["current_version"] == version
    listed = client.get("/api/v1/edities").json()
    assert [e["name"] for e in listed] == editions["edition"].tolist()
    assert listed[0]["state"] == "concept" and listed[0]["workspace"] == WORKSPACE


# --- stations --------------------------------------------------------------------------------


def test_stations_equal_the_stored_bottlenecks(as_account: Client, web_db: str) -> None:
    kern = as_account("kern")
    stored = stored_run_table(web_db, "bottlenecks")
    wanted = stored[(stored["scenario"] == "EV") & (stored["year"] == 2035)
                    & (stored["direction"] == "invoeding")
                    & (stored["carrier"] == "electricity")].set_index("asset_id")
    body = kern.get(f"{API}/stations?scenario=EV&year=2035&direction=invoeding"
                    "&carrier=electricity").json()
    assert (body["scenario"], body["year"], body["direction"]) == ("EV", 2035, "invoeding")
    got = {s["asset_id"]: s for s in body["stations"]}
    assert set(got) == set(wanted.index)
    for asset, row in wanted.iterrows():
        for column in ("peak_mw", "capacity_mw", "shortage_mw", "hours_over", "utilisation",
                       "first_overload_year", "class"):
            assert same(got[asset][column], row[column]), (asset, column)


@pytest.mark.parametrize("who", ["anonymous", "utrecht"])
def test_stations_group_the_confidential_station_for_the_public(
        client: TestClient, as_account: Client, web_db: str, who: str) -> None:
    visitor = client if who == "anonymous" else as_account(who)
    words = confidential_words(web_db)
    response = visitor.get(f"{API}/stations?year=2030&carrier=electricity")
    assert leaks(response.text, words) == []
    stations = response.json()["stations"]
    grouped = [s for s in stations if s["asset_id"] is None]
    assert len(grouped) == 1
    group = grouped[0]
    assert group["stations"] == 1 and group["area_id"] == "GM0344"
    assert group["peak_mw"] is None and group["capacity_mw"] is None  # no numbers of its own
    stored = stored_run_table(web_db, "bottlenecks")
    secret = stored[(stored["asset_id"] == "LWD-MS") & (stored["year"] == 2030)
                    & (stored["direction"] == "afname") & (stored["scenario"] == "KM")]
    assert group["class"] == secret["class"].iloc[0]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 404), ("utrecht", 404),
                                             ("regio", 404), ("kern", 200), ("stedin", 200),
                                             ("tennet", 200)])
def test_confidential_station_only_for_who_may_see_it(client: TestClient, as_account: Client,
                                                      who: str, status: int) -> None:
    visitor = client if who == "anonymous" else as_account(who)
    response = visitor.get(f"{API}/stations/LWD-MS?year=2030")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["asset"]["name"] == "Lage Weide MS"
        assert {r["asset_id"] for r in body["rows"]} == {"LWD-MS"}
        assert len(body["rows"]) == 4  # 2 scenarios × 2 directions in 2030


def test_station_detail_scrubs_a_confidential_parent(client: TestClient) -> None:
    body = client.get(f"{API}/stations/BAT-LW?year=2030&direction=afname").json()
    assert body["asset"]["parent_id"] == "vertrouwelijk"
    assert body["asset"]["capacity_demand_mw"] == 10.0  # numbers stay numbers
    assert [r["scenario"] for r in body["rows"]] == ["KM", "EV"]


def test_bad_station_query_is_400(client: TestClient) -> None:
    for query in ("scenario=XX", "year=1999", "direction=omhoog", "carrier=kaas"):
        response = client.get(f"{API}/stations?{query}")
        assert response.status_code == 400, query
        assert query.split("=")[1] in response.json()["detail"]


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_lists_the_api_and_no_pages(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/v1/werkruimtes", "/api/v1/edities",
            "/api/v1/werkruimtes/{workspace}/stations",
            "/api/v1/werkruimtes/{workspace}/stations/{asset_id}",
            "/api/v1/werkruimtes/{workspace}/tabellen/{table}"} <= paths
    assert "/" not in paths and "/werkruimte/{workspace}/tabellen/{table}" not in paths
    table = spec["paths"]["/api/v1/werkruimtes/{workspace}/tabellen/{table}"]["get"]
    assert {p["name"] for p in table["parameters"]} >= {"limit", "offset", "zoek"}
    assert "200" in table["responses"]
    assert set(spec["paths"]) == {p for p in paths if p.startswith("/api/")}


def test_api_is_read_only(client: TestClient) -> None:
    response = client.post(f"{API}/tabellen/invoer:assets", json={})
    assert response.status_code in (403, 405)
    assert "detail" in response.json()


def test_json_values_of_every_kind() -> None:
    import numpy as np

    from pmiek.adapters.web.api import json_value

    assert json_value(float("inf")) == "Infinity" and json_value(-np.inf) == "-Infinity"
    assert json_value(float("nan")) is None and json_value(None) is None
    assert json_value(np.int64(3)) == 3 and isinstance(json_value(np.int64(3)), int)
    assert json_value(np.bool_(True)) is True and json_value(2.5) == 2.5
