"""Security: CSRF, sessions, the login rate limit, password hashes, headers and escaping."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Route

from pmiek.adapters.store import accounts
from pmiek.adapters.store import models as m
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.security import LoginLimiter, SecurityMiddleware
from tests.web.conftest import PASSWORD, login, settings_for

ORIGIN = {"Origin": "http://testserver"}
MakeApp = Callable[..., tuple[FastAPI, Callable[..., TestClient]]]
AsAccount = Callable[[str], TestClient]
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
JAR_DOMAIN = "testserver.local"
"""Where httpx's cookie jar files the cookies of http://testserver."""
HOSTILE = "<script>alert(1)</script>' OR 1=1--"


def csrf_of(client: TestClient) -> str:
    page = client.get("/inloggen")
    found = re.search(r'<meta name="csrf-token" content="([^"]*)">', page.text)
    assert found, page.text[:300]
    return found.group(1)


def logged_in_now(client: TestClient) -> str | None:
    """The account name the pages greet ``client`` with (None: anonymous)."""
    found = re.search(r"Ingelogd als ([^ ]+) \(", client.get("/inloggen").text)
    return found.group(1) if found else None


class Clock:
    """A settable clock for sessions (UTC datetimes) and the limiter (seconds)."""

    def __init__(self) -> None:
        self.moment = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.moment

    def seconds(self) -> float:
        return self.moment.timestamp()

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


@pytest.fixture
def make_app(fresh_web_db: str) -> Iterator[MakeApp]:
    """``make_app(**settings)``: an app on a copy of the prepared store and a maker of
    clients on it (``make(**testclient_options)``)."""
    with ExitStack() as stack:
        def make_app(**changes: object) -> tuple[FastAPI, Callable[..., TestClient]]:
            app = create_app(settings_for(fresh_web_db, **changes))
            stack.enter_context(TestClient(app))  # the app's lifespan, once

            def client(**options: object) -> TestClient:
                made = TestClient(app, **options)  # type: ignore[arg-type]
                stack.callback(made.close)
                return made

            return app, client

        yield make_app


# --- CSRF --------------------------------------------------------------------------------


def test_logout_with_token_and_origin_works(as_account: AsAccount) -> None:
    """The control for the refusals below: the same request done right is accepted."""
    client = as_account("kern")
    answer = client.post("/uitloggen", data={"csrf_token": csrf_of(client)}, headers=ORIGIN,
                         follow_redirects=False)
    assert answer.status_code == 303


@pytest.mark.parametrize(("token", "headers"), [
    (None, ORIGIN),                                          # no token
    ("wrong", ORIGIN),                                       # wrong token
    ("", ORIGIN),                                            # empty token
    ("right", {}),                                           # no Origin, no Sec-Fetch-Site
    ("right", {"Origin": "https://evil.example"}),           # foreign origin
    ("right", {"Origin": "http://testserver.evil.example"}), # look-alike origin
    ("right", {"Origin": "null"}),
    ("right", {"Sec-Fetch-Site": "cross-site"}),
    ("right", {"Sec-Fetch-Site": "same-site"}),
    ("right", {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin"}),
])
def test_unsafe_request_without_token_or_origin_is_refused(
        as_account: AsAccount, token: str | None, headers: dict[str, str]) -> None:
    client = as_account("kern")
    right = csrf_of(client)
    data = {} if token is None else {"csrf_token": right if token == "right" else token}
    answer = client.post("/uitloggen", data=data, headers=headers, follow_redirects=False)
    assert answer.status_code == 403
    assert "Dit verzoek is geweigerd" in answer.text
    assert logged_in_now(client) == "kern", "the refused logout did not happen"


def test_token_in_header_and_sec_fetch_site_are_accepted(as_account: AsAccount) -> None:
    client = as_account("kern")
    answer = client.post("/uitloggen", headers={"X-CSRF-Token": csrf_of(client),
                                                "Sec-Fetch-Site": "same-origin"},
                         follow_redirects=False)
    assert answer.status_code == 303
    assert logged_in_now(client) is None


def test_another_sessions_token_is_refused(as_account: AsAccount) -> None:
    one, other = as_account("kern"), as_account("kern")
    answer = one.post("/uitloggen", data={"csrf_token": csrf_of(other)}, headers=ORIGIN,
                      follow_redirects=False)
    assert answer.status_code == 403


def test_login_post_needs_the_pre_session_cookie_token(client: TestClient) -> None:
    client.get("/inloggen")
    form = {"naam": "kern", "wachtwoord": PASSWORD}
    wrong = client.post("/inloggen", data={**form, "csrf_token": "guessed"}, headers=ORIGIN,
                        follow_redirects=False)
    assert wrong.status_code == 403
    client.cookies.clear()
    missing = client.post("/inloggen", data={**form, "csrf_token": ""}, headers=ORIGIN,
                          follow_redirects=False)
    assert missing.status_code == 403
    assert client.cookies.get("pmiek_sessie") is None


def test_multipart_form_token_is_read_and_the_route_still_gets_its_fields(
        make_app: MakeApp) -> None:
    app, make = make_app()
    admin = make()
    login(admin, "beheer")
    token = csrf_of(admin)
    files = {"naam": (None, "multipart-gebruiker"), "rol": (None, "kernteam"),
             "wachtwoord": (None, "lang genoeg wachtwoord"), "csrf_token": (None, token)}
    answer = admin.post("/beheer/accounts", files=files, headers=ORIGIN,
                        follow_redirects=False)
    assert answer.status_code == 303, answer.text[:400]
    assert accounts.account(app.state.store, "multipart-gebruiker") is not None
    files["csrf_token"] = (None, "wrong")
    files["naam"] = (None, "tweede")
    refused = admin.post("/beheer/accounts", files=files, headers=ORIGIN,
                         follow_redirects=False)
    assert refused.status_code == 403
    assert accounts.account(app.state.store, "tweede") is None


def test_a_body_too_large_to_check_is_refused_with_413(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from pmiek.adapters.web import security

    monkeypatch.setattr(security, "MAX_BODY_BYTES", 10_000)
    _app, make = make_app()
    client = make()
    login(client, "kern")
    token = csrf_of(client)
    big = {"csrf_token": token, "opvulling": "x" * 20_000}
    answer = client.post("/uitloggen", data=big, headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 413
    assert "te groot" in answer.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        yield f"csrf_token={token}&opvulling=".encode()
        for _ in range(30):
            yield b"x" * 1000

    streamed = client.post("/uitloggen", content=chunks(), follow_redirects=False,
                           headers={**ORIGIN, "Content-Type":
                                    "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413
    assert logged_in_now(client) == "kern"
    small = client.post("/uitloggen", data={"csrf_token": token}, headers=ORIGIN,
                        follow_redirects=False)
    assert small.status_code == 303


# --- sessions ----------------------------------------------------------------------------


def test_session_id_changes_at_login(make_app: MakeApp) -> None:
    _app, make = make_app()
    client = make()
    client.cookies.set("pmiek_sessie", "planted-by-an-attacker", domain=JAR_DOMAIN)
    login(client, "kern")
    first = client.cookies.get("pmiek_sessie")
    assert first and first != "planted-by-an-attacker"
    login(client, "kern")
    second = client.cookies.get("pmiek_sessie")
    assert second and second != first
    stale = make()
    stale.cookies.set("pmiek_sessie", first, domain=JAR_DOMAIN)
    assert logged_in_now(stale) is None, "the session before the new login has ended"
    assert logged_in_now(client) == "kern"


def test_logout_ends_the_session_server_side(make_app: MakeApp) -> None:
    app, make = make_app()
    client = make()
    login(client, "stedin")
    token = client.cookies.get("pmiek_sessie")
    assert token
    assert accounts.session(app.state.store, token, idle=dt.timedelta(hours=1)) is not None
    client.post("/uitloggen", data={"csrf_token": csrf_of(client)}, headers=ORIGIN,
                follow_redirects=False)
    assert accounts.session(app.state.store, token, idle=dt.timedelta(hours=1)) is None
    replay = make()
    replay.cookies.set("pmiek_sessie", token, domain=JAR_DOMAIN)
    answer = replay.get("/beheer/accounts", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/inloggen")
    assert re.search(r"pmiek_sessie=\"?\"?;.*Max-Age=0", answer.headers["set-cookie"])


def test_idle_session_becomes_anonymous_and_its_cookie_is_cleared(make_app: MakeApp) -> None:
    app, make = make_app(idle_minutes=30, session_hours=8)
    clock = Clock()
    app.state.clock = clock
    client = make()
    login(client, "kern")
    clock.advance(minutes=20)
    assert logged_in_now(client) == "kern"
    clock.advance(minutes=20)  # 20 minutes after the last request: still inside 30
    assert logged_in_now(client) == "kern"
    clock.advance(minutes=31)
    answer = client.get("/inloggen")
    assert "Ingelogd als" not in answer.text
    assert any(re.match(r"pmiek_sessie=\"?\"?;.*Max-Age=0", value)
               for value in answer.headers.get_list("set-cookie"))


def test_session_ends_after_its_lifetime_even_when_used(make_app: MakeApp) -> None:
    app, make = make_app(idle_minutes=30, session_hours=1)
    clock = Clock()
    app.state.clock = clock
    client = make()
    login(client, "kern")
    for minutes in (25, 25, 9):  # used every 25 minutes: never idle for 30
        clock.advance(minutes=minutes)
        assert logged_in_now(client) == "kern"
    clock.advance(minutes=2)  # 61 minutes after the login
    assert logged_in_now(client) is None


def test_disabled_account_session_becomes_anonymous(make_app: MakeApp) -> None:
    app, make = make_app()
    client = make()
    login(client, "houten")
    accounts.set_disabled(app.state.store, "houten", True, by="tests")
    assert logged_in_now(client) is None


def test_cookies_are_httponly_and_lax(client: TestClient) -> None:
    form = client.get("/inloggen")
    pre = form.headers["set-cookie"]
    answer = client.post("/inloggen", data={"naam": "kern", "wachtwoord": PASSWORD,
                                            "csrf_token": client.cookies.get("pmiek_csrf")},
                         headers=ORIGIN, follow_redirects=False)
    session = next(v for v in answer.headers.get_list("set-cookie")
                   if v.startswith("pmiek_sessie="))
    for cookie in (pre, session):
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie
        assert "Secure" not in cookie
    assert "Max-Age=28800" in session  # session_hours = 8


def test_cookies_are_secure_when_configured(make_app: MakeApp) -> None:
    _app, make = make_app(secure_cookies=True)
    client = make(base_url="https://testserver")
    form = client.get("/inloggen")
    assert "; Secure" in form.headers["set-cookie"]
    assert form.headers["strict-transport-security"].startswith("max-age=")
    answer = client.post("/inloggen", data={"naam": "kern", "wachtwoord": PASSWORD,
                                            "csrf_token": client.cookies.get("pmiek_csrf")},
                         headers={"Origin": "https://testserver"}, follow_redirects=False)
    assert answer.status_code == 303
    session = next(v for v in answer.headers.get_list("set-cookie")
                   if v.startswith("pmiek_sessie="))
    assert "; Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session


# --- rate limit --------------------------------------------------------------------------


def test_login_rate_limit(make_app: MakeApp) -> None:
    app, make = make_app(login_attempts=3, login_window_seconds=60)
    clock = Clock()
    app.state.login_limiter = LoginLimiter(3, 60, clock=clock.seconds)
    client = make()

    def attempt(name: str, password: str, who: TestClient = client) -> Any:
        who.get("/inloggen")
        return who.post("/inloggen", data={"naam": name, "wachtwoord": password,
                                           "csrf_token": who.cookies.get("pmiek_csrf")},
                        headers=ORIGIN, follow_redirects=False)

    for _ in range(3):
        assert attempt("kern", "not the password").status_code == 401
        clock.advance(seconds=5)
    refused = attempt("kern", PASSWORD)
    assert refused.status_code == 429, "a correct password inside the window is refused too"
    assert "Te veel mislukte pogingen" in refused.text
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert client.cookies.get("pmiek_sessie") is None
    assert attempt("stedin", PASSWORD, make()).status_code == 303, \
        "another account is not blocked"
    elsewhere = make(client=("192.0.2.7", 4000))
    assert attempt("kern", PASSWORD, elsewhere).status_code == 303, "nor another address"
    clock.advance(seconds=51)  # the first failure is now 61 s old: one left in the window
    assert attempt("kern", PASSWORD).status_code == 303


def test_limiter_counts_only_failures_inside_the_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(2, 10, clock=lambda: now[0])
    limiter.failed("a", "Kern")
    now[0] = 6
    limiter.failed("a", "kern ")
    assert limiter.retry_after("a", "kern") == pytest.approx(4)
    now[0] = 10
    assert limiter.retry_after("a", "kern") is None
    limiter.failed("a", "kern")
    assert limiter.retry_after("a", "kern") == pytest.approx(6)
    limiter.succeeded("a", "kern")
    assert limiter.retry_after("a", "kern") is None


# --- stored passwords --------------------------------------------------------------------


def test_stored_passwords_are_argon2id(make_app: MakeApp) -> None:
    app, make = make_app()
    admin = make()
    login(admin, "beheer")
    admin.post("/beheer/accounts", data={
        "naam": "hash-proef", "rol": "kernteam", "wachtwoord": "geheim en lang genoeg",
        "csrf_token": csrf_of(admin)}, headers=ORIGIN, follow_redirects=False)
    with app.state.store.engine.connect() as conn:
        rows = conn.execute(select(m.users.c.name, m.users.c.password_hash)).all()
    hashes = {name: digest for name, digest in rows if digest is not None}
    assert {"beheer", "kern", "hash-proef"} <= set(hashes)
    for name, digest in hashes.items():
        assert digest.startswith("$argon2id$"), name
        assert "geheim" not in digest


# --- headers -----------------------------------------------------------------------------


def _check_headers(response: Any, *, pdok: bool = False) -> None:
    headers = response.headers
    for key, value in HEADERS.items():
        assert headers[key] == value, key
    assert headers["permissions-policy"]
    csp = headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert ("https://service.pdok.nl" in directives["img-src"]) is pdok


def test_headers_on_a_page_and_on_json(client: TestClient) -> None:
    page = client.get("/inloggen")
    assert page.headers["content-type"].startswith("text/html")
    _check_headers(page)
    api = client.get("/api/openapi.json")
    assert api.headers["content-type"].startswith("application/json")
    _check_headers(api)
    missing = client.get("/bestaat/niet")
    assert missing.status_code == 404
    _check_headers(missing)


def test_headers_on_a_csv_download(client: TestClient) -> None:
    answer = client.get("/werkruimte/example/kaart/stations.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    _check_headers(answer)


def test_background_map_allows_pdok_images(make_app: MakeApp) -> None:
    _app, make = make_app(background_map=True)
    _check_headers(make().get("/inloggen"), pdok=True)


def test_logged_in_responses_are_not_stored(as_account: AsAccount, client: TestClient) -> None:
    kern = as_account("kern")
    assert kern.get("/inloggen").headers["cache-control"] == "no-store"
    assert kern.get("/api/openapi.json").headers["cache-control"] == "no-store"
    static = client.get("/static/pmiek.css")
    assert static.status_code == 200
    assert "no-store" not in static.headers.get("cache-control", "")


def _middleware_app(**changes: object) -> Starlette:
    async def csv(request: Request) -> StreamingResponse:
        async def rows() -> AsyncIterator[bytes]:
            for line in (b"a,b\n", b"1,2\n"):
                yield line
        return StreamingResponse(rows(), media_type="text/csv")

    async def data(request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    async def echo(request: Request) -> PlainTextResponse:
        async with request.form() as form:
            return PlainTextResponse(str(form.get("veld")))

    app = Starlette(routes=[Route("/rijen.csv", csv), Route("/data.json", data),
                            Route("/echo", echo, methods=["POST"])])
    app.add_middleware(SecurityMiddleware, settings=settings_for("sqlite://", **changes))
    return app


def test_middleware_adds_headers_to_streamed_csv_and_json() -> None:
    with TestClient(_middleware_app()) as client:
        streamed = client.get("/rijen.csv")
        assert streamed.text == "a,b\n1,2\n"
        _check_headers(streamed)
        _check_headers(client.get("/data.json"))


def test_middleware_hands_the_read_body_on_to_the_route() -> None:
    with TestClient(_middleware_app()) as client:
        client.cookies.set("pmiek_csrf", "abc")
        answer = client.post("/echo", data={"veld": "hallo", "csrf_token": "abc"},
                             headers=ORIGIN)
        assert answer.status_code == 200
        assert answer.text == "hallo"
        files: dict[str, Any] = {"veld": (None, "multi"), "csrf_token": (None, "abc"),
                 "bestand": ("a.txt", b"x" * 100_000, "text/plain")}
        assert client.post("/echo", files=files, headers=ORIGIN).text == "multi"


# --- escaping ----------------------------------------------------------------------------


def test_html_and_sql_in_an_account_name_are_shown_escaped(make_app: MakeApp) -> None:
    app, make = make_app()
    admin = make()
    login(admin, "beheer")
    answer = admin.post("/beheer/accounts", data={
        "naam": HOSTILE, "rol": "gemeente", "organisatie": "<b>GM0344</b>",
        "wachtwoord": "lang genoeg wachtwoord", "csrf_token": csrf_of(admin)},
        headers=ORIGIN, follow_redirects=False)
    assert answer.status_code == 303, answer.text[:500]
    page = admin.get("/beheer/accounts")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert(" not in page.text
    assert "&lt;b&gt;GM0344&lt;/b&gt;" in page.text
    rows = re.findall(r'<th scope="row" data-veld="name">([^<]*)</th>', page.text)
    assert {"beheer", "kern", "stedin", "utrecht"} <= set(rows), "the table still works"
    assert len(rows) == len(accounts.accounts(app.state.store))
    paths = re.findall(r'action="(/beheer/accounts/[^"]*/uitschakelen)"', page.text)
    hostile = next(p for p in paths if "script" in p)
    assert "<" not in hostile and "'" not in hostile
    disabled = admin.post(hostile, data={"uitgeschakeld": "1",
                                         "csrf_token": csrf_of(admin)},
                          headers=ORIGIN, follow_redirects=False)
    assert disabled.status_code == 303
    found = accounts.account(app.state.store, HOSTILE)
    assert found is not None and found.disabled
    assert accounts.account(app.state.store, "kern") is not None
