"""The permission matrix: every route × every account (anonymous included) × own and
another's scope, with the status :data:`pmiek.adapters.web.routes.ROUTES` promises; and every
response to publiek and gemeente scanned for the confidential assets and projects.

Rules (``access`` in ROUTES):

- ``public``: never 401/403; a GET answers 200 (``/taal/…`` redirects), a POST 303 or, for a
  form that is allowed but incomplete, 400/422;
- ``login``, ``edit``, ``kernteam``, ``beheerder``: anonymous gets 303 to ``/inloggen`` for a
  page, 401 for a POST or the API; a logged-in role outside the rule gets 403;
- scope: a station of one's own operator, of another operator and the confidential one
  (LWD-MS, Stedin, inside GM0344): the confidential station is 404 for publiek and gemeente
  (their own municipality included), answered just like a station that does not exist, and
  200 for kernteam, beheerder and every netbeheerder.

A route that ROUTES lists and the app lacks fails :func:`test_every_route_is_listed` and its
cells; a path parameter is filled with real values (workspace, edition, tables, a real job).
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from pmiek import read_workspace
from pmiek.adapters.store import accounts
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.passwords import hasher
from pmiek.adapters.web.routes import ACCESS, ROUTES, Route
from tests.web.conftest import ACCOUNTS, CONFIDENTIAL, PASSWORD, WORKSPACE, login, settings_for

ORIGIN = {"Origin": "http://testserver"}
ANONYMOUS = "anoniem"
WHO = (ANONYMOUS, *(account.name for account in ACCOUNTS))
ROLE = {ANONYMOUS: "publiek", **{account.name: account.role for account in ACCOUNTS}}
OPERATOR = {account.name: str(account.organisation) for account in ACCOUNTS
            if account.role == "netbeheerder"}
ALLOWED = {
    "public": {"publiek", "gemeente", "netbeheerder", "kernteam", "beheerder"},
    "login": {"gemeente", "netbeheerder", "kernteam", "beheerder"},
    "edit": {"gemeente", "netbeheerder", "kernteam", "beheerder"},
    "kernteam": {"kernteam", "beheerder"},
    "beheerder": {"beheerder"},
}
TARGET = "doelwit"
"""The account the account-management routes change (not one the matrix logs in with)."""

STATION_OF = {"Stedin": "UTC-MS", "TenneT": "LWD150"}
"""A public station of each operator of the netbeheerder accounts."""
SECRET_STATION = "LWD-MS"
UNKNOWN_STATION = "GEEN-STATION"
"""A station that does not exist: the confidential one must look just like it."""
QUERIES = {"map": ["", "?year=2030&direction=invoeding"],
           "map_stations": ["", "?year=2030&direction=invoeding"],
           "map_stations_csv": ["", "?year=2030&direction=invoeding"],
           "station": ["", "?year=2030&direction=invoeding"],
           "api_stations": ["", "?year=2030&direction=invoeding"]}
OIDC_ROUTES = {"oidc_login", "oidc_callback"}
"""Not configured in this app: 404 for everyone."""


def confidential_words() -> list[str]:
    """The ids and names of the example's confidential asset and project."""
    ws = read_workspace("example").workspace
    words = list(CONFIDENTIAL)
    for frame in (ws.assets, ws.projects):
        words += frame.loc[frame["id"].isin(list(CONFIDENTIAL)), "name"].astype(str).tolist()
    assert len(words) == 2 * len(CONFIDENTIAL)
    return words


SECRETS = confidential_words()


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route of ``app`` (the /static mount left out; a path
    convertor such as ``{account:path}`` written as ``{account}``)."""
    found = set()
    for route in iter_route_contexts(app.routes):
        if route.path is None or route.path.startswith("/static"):
            continue
        for method in route.methods or ():
            if method != "HEAD":
                found.add((method, re.sub(r":\w+\}", "}", route.path)))
    return found


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix_app(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    """An app on its own copy of the prepared store (the matrix's POSTs change things),
    with the target account and a real (finished) job."""
    target = tmp_path_factory.mktemp("matrix") / "pmiek.db"
    shutil.copyfile(Path(web_db.removeprefix("sqlite:///")), target)
    app = create_app(settings_for(f"sqlite:///{target}"))
    accounts.create_account(app.state.store, TARGET, "kernteam",
                            password_hash=hasher("fast").hash(PASSWORD), by="tests")
    with TestClient(app):
        yield app


@pytest.fixture(scope="module")
def job_id(matrix_app: FastAPI) -> str:
    number = matrix_app.state.results.version(WORKSPACE).number
    return str(matrix_app.state.worker.submit_cycle(WORKSPACE, number, kinds=("insight",),
                                                    user="kern").id)


@pytest.fixture(scope="module")
def tables(matrix_app: FastAPI) -> list[str]:
    """The URL names of every table of the example (data and results)."""
    from pmiek.adapters.web import tables_view

    return [source.slug for source in tables_view.sources(matrix_app.state.results, WORKSPACE)]


@pytest.fixture(scope="module")
def clients(matrix_app: FastAPI) -> Iterator[dict[str, TestClient]]:
    """A client per account, logged in, and an anonymous one (with the login page's CSRF
    cookie)."""
    made = {who: fresh_client(matrix_app, who) for who in WHO}
    yield made
    for client in made.values():
        client.close()


def csrf_of(client: TestClient) -> str:
    page = client.get("/inloggen")
    found = re.search(r'<meta name="csrf-token" content="([^"]*)">', page.text)
    assert found, page.text[:300]
    return found.group(1)


# --- the requests of one cell ------------------------------------------------------------


def path_values(route: Route, who: str, job: str, tables: list[str]) -> list[dict[str, str]]:
    """Every filling of the route's path parameters to try: own and another's scope."""
    names = re.findall(r"\{(\w+)", route.path)
    choices: dict[str, list[str]] = {
        "workspace": [WORKSPACE], "edition": ["P-MIEK test"], "lang": ["nl"],
        "table": tables, "job": [job, "0" * 32], "account": [TARGET],
        "asset_id": sorted({*STATION_OF.values(), SECRET_STATION}),
    }
    if who in OPERATOR:  # own operator's station first, then another's, then the secret
        own = STATION_OF[OPERATOR[who]]
        choices["asset_id"] = [own, *sorted(set(STATION_OF.values()) - {own}), SECRET_STATION]
    return [dict(zip(names, combination, strict=True))
            for combination in itertools.product(*(choices[name] for name in names))]


def filled(route: Route, values: dict[str, str]) -> str:
    path = route.path
    for key, value in values.items():
        path = path.replace("{" + key + "}", quote(value, safe=":"))
    return path


def fresh_client(app: FastAPI, who: str) -> TestClient:
    """A client of ``app`` (whose lifespan the fixture runs), logged in as ``who``."""
    client = TestClient(app)
    if who == ANONYMOUS:
        client.get("/inloggen")
    else:
        login(client, who)
    return client


def request(app: FastAPI, clients: dict[str, TestClient], route: Route, who: str,
            path: str, counter: itertools.count) -> Any:
    """Do the request as ``who``: GETs on the shared client; POSTs with the CSRF token and
    Origin, and a form that would work (on a throwaway client where the POST changes who is
    logged in)."""
    if route.method == "GET":
        return clients[who].get(path, follow_redirects=False)
    form: dict[str, str] = {}
    files: dict[str, Any] | None = None
    client = clients[who]
    if route.name in ("login", "logout"):
        client = fresh_client(app, who)
        if route.name == "login":
            form = {"naam": who if who != ANONYMOUS else "kern", "wachtwoord": PASSWORD}
    elif route.name == "account_create":
        form = {"naam": f"matrix-{next(counter)}", "rol": "kernteam",
                "wachtwoord": "een lang genoeg wachtwoord"}
    elif route.name == "account_disable":
        form = {"uitgeschakeld": "0"}
    elif route.name == "account_password":
        form = {"wachtwoord": PASSWORD}
    elif route.name == "upload":
        files = {"basis": (None, "1")}  # no workbook: allowed, but incomplete (400)
    form["csrf_token"] = csrf_of(client)
    try:
        if files is not None:
            files["csrf_token"] = (None, form["csrf_token"])
            return client.post(path, files=files, headers=ORIGIN, follow_redirects=False)
        return client.post(path, data=form, headers=ORIGIN, follow_redirects=False)
    finally:
        if client is not clients[who]:
            client.close()


def expectation(route: Route, who: str, values: dict[str, str]) -> str:
    """'ok', 'login' (anonymous sent to log in), 'forbidden' or 'absent' (404)."""
    role = ROLE[who]
    if role not in ALLOWED[route.access]:
        return "login" if who == ANONYMOUS else "forbidden"
    if route.name in OIDC_ROUTES:
        return "absent"
    if values.get("job", "").startswith("0000"):
        return "absent"
    if values.get("asset_id") == SECRET_STATION and role in ("publiek", "gemeente"):
        return "absent"
    return "ok"


def problem(route: Route, expected: str, response: Any) -> str | None:
    """What is wrong with ``response`` for ``expected`` (None: nothing)."""
    status = response.status_code
    location = response.headers.get("location", "")
    api = route.path.startswith("/api/")
    if status >= 500:
        return f"server error {status}"
    if expected == "login":
        if route.method == "GET" and not api:
            ok = status == 303 and location.startswith("/inloggen")
            return None if ok else f"expected 303 to /inloggen, got {status} {location}"
        return None if status == 401 else f"expected 401, got {status}"
    if expected == "forbidden":
        return None if status == 403 else f"expected 403, got {status}"
    if expected == "absent":
        return None if status == 404 else f"expected 404, got {status}"
    if status in (401, 403) or location.startswith("/inloggen"):
        return f"refused with {status} {location}"
    if route.method == "POST":
        return None if status in (303, 400, 422) else f"expected 303/400/422, got {status}"
    if route.name == "language":
        return None if 300 <= status < 400 else f"expected a redirect, got {status}"
    return None if status == 200 else f"expected 200, got {status}"


def leaks(response: Any) -> list[str]:
    """The confidential ids and names in the body of ``response``."""
    text = response.text
    return [word for word in SECRETS if word in text]


# --- tests -------------------------------------------------------------------------------


def test_routes_table_is_well_formed() -> None:
    keys = [(route.method, route.path) for route in ROUTES]
    assert len(keys) == len(set(keys)), "a route listed twice"
    assert len({route.name for route in ROUTES}) == len(ROUTES), "a name used twice"
    assert {route.access for route in ROUTES} <= set(ACCESS)
    assert all(route.method in ("GET", "POST") for route in ROUTES)


def test_every_route_is_listed(matrix_app: FastAPI) -> None:
    """Every route of the app is in ROUTES and every route of ROUTES is in the app."""
    listed = {(route.method, route.path) for route in ROUTES}
    present = app_routes(matrix_app)
    assert sorted(present - listed) == [], "routes of the app missing from ROUTES"
    assert sorted(listed - present) == [], "routes of ROUTES the app does not have"


def test_every_unsafe_route_checks_csrf(matrix_app: FastAPI,
                                       clients: dict[str, TestClient]) -> None:
    """As beheerder (whom every route lets in): no token, a wrong one, or a foreign origin →
    403 on every POST route."""
    admin = clients["beheer"]
    token = csrf_of(admin)
    for route in (r for r in ROUTES if r.method != "GET"):
        path = filled(route, {"workspace": WORKSPACE, "account": TARGET})
        for data, headers in (({}, ORIGIN), ({"csrf_token": "fout"}, ORIGIN),
                              ({"csrf_token": token}, {"Origin": "https://evil.example"}),
                              ({"csrf_token": token}, {})):
            answer = admin.post(path, data=data, headers=headers, follow_redirects=False)
            assert answer.status_code == 403, (route.path, data, headers, answer.status_code)
    assert admin.get("/beheer/accounts").status_code == 200, "still logged in"


def test_the_scan_would_see_a_leak(clients: dict[str, TestClient]) -> None:
    """The words scanned for are in what kernteam may see: the scan is not vacuous."""
    kern = clients["kern"]
    station = kern.get(f"/werkruimte/{WORKSPACE}/station/{SECRET_STATION}")
    assert station.status_code == 200
    assert len(leaks(station)) >= 2, "id and name of the confidential station"
    for table, word in (("invoer:assets", "LWD-MS"), ("invoer:projects", "P-LW-MS")):
        answer = kern.get(f"/werkruimte/{WORKSPACE}/tabellen/{table}.csv")
        assert answer.status_code == 200
        assert word in answer.text
        assert word not in clients["utrecht"].get(
            f"/werkruimte/{WORKSPACE}/tabellen/{table}.csv").text


CELLS = [pytest.param(route, who, id=f"{route.method} {route.path} as {who}")
         for route in ROUTES for who in WHO]


@pytest.mark.parametrize(("route", "who"), CELLS)
def test_matrix(matrix_app: FastAPI, clients: dict[str, TestClient], job_id: str,
                tables: list[str], route: Route, who: str) -> None:
    """One route as one account, over every filling of its path: the status the rule
    promises, and for publiek and gemeente no confidential id or name in any answer."""
    counter = itertools.count()
    wrong = []
    for values in path_values(route, who, job_id, tables):
        path = filled(route, values)
        for query in QUERIES.get(route.name, [""]) if route.method == "GET" else [""]:
            response = request(matrix_app, clients, route, who, path + query, counter)
            expected = expectation(route, who, values)
            found = problem(route, expected, response)
            if found:
                wrong.append(f"{path + query}: {found}")
            if ROLE[who] in ("publiek", "gemeente") and leaks(response):
                wrong.append(f"{path + query}: shows {leaks(response)}")
            if expected == "absent" and values.get("asset_id") == SECRET_STATION:
                unknown = filled(route, {**values, "asset_id": UNKNOWN_STATION}) + query
                other = request(matrix_app, clients, route, who, unknown, counter)
                if (other.status_code, other.text.replace(UNKNOWN_STATION, "?")) != (
                        response.status_code, response.text.replace(SECRET_STATION, "?")):
                    wrong.append(f"{path + query}: answers unlike a station that does not "
                                 f"exist ({response.status_code} vs {other.status_code})")
    assert not wrong, "\n".join(wrong)
