"""OpenID Connect login against an in-process fake issuer.

The issuer is a small Starlette app (discovery, JWKS, authorize, token, userinfo) with its own
RSA key; the pmiek app reaches it through ``app.state.oidc_transport`` (an httpx
ASGITransport), the browser's steps are done by the test: /oidc/inloggen → the issuer's
authorize (which "logs in" :attr:`FakeIssuer.user`) → /oidc/terug with the code.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from authlib.oidc.core.util import create_half_hash
from fastapi import FastAPI
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from pmiek.adapters.store import accounts
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.oidc import role_for_groups
from tests.web.conftest import settings_for

ISSUER = "https://idp.example"
Oidc = tuple[FastAPI, Callable[[], TestClient]]
CLIENT_ID = "pmiek-web"
CLIENT_SECRET = "een-geheim-van-de-client"
ROLE_MAP = {
    "pmiek-beheer": "beheerder",
    "pmiek-kern": "kernteam",
    "pmiek-stedin": "netbeheerder:Stedin",
    "pmiek-tennet": "netbeheerder:TenneT",
    "pmiek-utrecht": "gemeente:GM0344",
    "pmiek-fout": "koning",
}


class FakeIssuer:
    """A minimal OpenID provider: one user at a time, codes bound to the request's client,
    redirect URI, nonce and PKCE challenge."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"}, private=True)
        self.signing_key = self.key
        self.user: dict[str, Any] = {"sub": "idp-0001", "preferred_username": "jan.stedin",
                                     "groups": ["pmiek-stedin"]}
        self.groups_in_id_token = True
        self.override: dict[str, Any] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.authorize_params: list[dict[str, str]] = []
        self.app = Starlette(routes=[
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/jwks", self.jwks),
            Route("/authorize", self.authorize),
            Route("/token", self.token, methods=["POST"]),
            Route("/userinfo", self.userinfo),
        ])

    async def discovery(self, request: Request) -> Response:
        return JSONResponse({
            "issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/jwks",
            "userinfo_endpoint": f"{ISSUER}/userinfo",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"]})

    async def jwks(self, request: Request) -> Response:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    async def authorize(self, request: Request) -> Response:
        params = dict(request.query_params)
        self.authorize_params.append(params)
        assert params["response_type"] == "code" and params["client_id"] == CLIENT_ID
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"redirect_uri": params["redirect_uri"], "nonce": params["nonce"],
                            "challenge": params["code_challenge"], "user": dict(self.user)}
        query = urlencode({"code": code, "state": params["state"]})
        return RedirectResponse(f"{params['redirect_uri']}?{query}", status_code=302)

    async def token(self, request: Request) -> Response:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        form = await request.form()
        grant = self.codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (grant is None or form.get("grant_type") != "authorization_code"
                or form.get("redirect_uri") != grant["redirect_uri"]
                or challenge != grant["challenge"]):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        access = secrets.token_urlsafe(24)
        user = grant["user"]
        self.tokens[access] = user
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": user["sub"], "aud": CLIENT_ID, "iat": now,
                  "exp": now + 300, "nonce": grant["nonce"],
                  "at_hash": create_half_hash(access, "RS256").decode(),
                  "preferred_username": user["preferred_username"]}
        if self.groups_in_id_token:
            claims["groups"] = user["groups"]
        claims.update(self.override)
        id_token = jwt.encode({"alg": "RS256", "kid": self.signing_key.kid}, claims,
                              self.signing_key)
        return JSONResponse({"access_token": access, "token_type": "Bearer",
                             "expires_in": 300, "id_token": id_token})

    async def userinfo(self, request: Request) -> Response:
        user = self.tokens.get(request.headers.get("authorization", "")[len("Bearer "):])
        if user is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse(user)


@pytest.fixture
def issuer() -> FakeIssuer:
    return FakeIssuer()


@pytest.fixture
def oidc(fresh_web_db: str, issuer: FakeIssuer) -> Iterator[Oidc]:
    """The app with OIDC pointed at the fake issuer, and a maker of browsers on it."""
    app = create_app(settings_for(
        fresh_web_db, oidc_metadata_url=f"{ISSUER}/.well-known/openid-configuration",
        oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET, oidc_role_map=ROLE_MAP))
    app.state.oidc_transport = httpx.ASGITransport(app=issuer.app)
    with ExitStack() as stack:
        stack.enter_context(TestClient(app))

        def browser() -> TestClient:
            made = TestClient(app)
            stack.callback(made.close)
            return made

        yield app, browser


def start(browser: TestClient, volgende: str | None = None) -> dict[str, str]:
    """/oidc/inloggen: the parameters of the redirect to the issuer."""
    answer = browser.get("/oidc/inloggen", params={"volgende": volgende} if volgende else None,
                         follow_redirects=False)
    assert answer.status_code == 302, answer.text[:300]
    location = answer.headers["location"]
    assert location.startswith(f"{ISSUER}/authorize?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def at_issuer(issuer: FakeIssuer, params: dict[str, str]) -> str:
    """The issuer's authorize step; the path and query the browser is sent back to."""
    with TestClient(issuer.app, base_url=ISSUER) as idp:
        answer = idp.get("/authorize", params=params, follow_redirects=False)
    back = urlsplit(answer.headers["location"])
    assert f"{back.scheme}://{back.netloc}" == "http://testserver"
    return f"{back.path}?{back.query}"


def sign_in(browser: TestClient, issuer: FakeIssuer, volgende: str | None = None) -> Any:
    return browser.get(at_issuer(issuer, start(browser, volgende)), follow_redirects=False)


def greeting(browser: TestClient) -> str:
    text = browser.get("/inloggen").text
    found = text.split("Ingelogd als ", 1)
    return found[1].split("<", 1)[0] if len(found) == 2 else ""


# --- the flow ----------------------------------------------------------------------------


def test_a_mapped_group_gives_role_and_scope(oidc: Oidc, issuer: FakeIssuer) -> None:
    app, browser = oidc
    client = browser()
    answer = sign_in(client, issuer)
    assert answer.status_code == 303, answer.text[:400]
    assert answer.headers["location"] == "/"
    assert client.cookies.get("pmiek_sessie")
    assert greeting(client) == "jan.stedin (netbeheerder)"
    made = accounts.account(app.state.store, "jan.stedin")
    assert made is not None
    assert (made.role, made.organisation, made.oidc_subject) == (
        "netbeheerder", "Stedin", "idp-0001")
    assert made.password_hash is None
    token = client.cookies.get("pmiek_sessie")
    assert token is not None
    info = accounts.session(app.state.store, token, idle=dt.timedelta(hours=1))
    assert info is not None and (info.role, info.organisation) == ("netbeheerder", "Stedin")
    login = app.state.store.audit(chain=True)
    last = login[login["action"] == "login"].iloc[-1]
    assert last["user"] == "jan.stedin" and last["after"] == {"method": "oidc"}


def test_the_request_to_the_issuer_uses_state_nonce_and_pkce(oidc: Oidc,
                                                             issuer: FakeIssuer) -> None:
    _app, browser = oidc
    params = start(browser())
    assert params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == "http://testserver/oidc/terug"
    assert "openid" in params["scope"].split()
    assert params["code_challenge_method"] == "S256"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert len(params["code_challenge"]) == 43
    other = start(browser())
    assert other["state"] != params["state"] and other["nonce"] != params["nonce"]


def test_the_highest_mapped_role_wins(oidc: Oidc, issuer: FakeIssuer) -> None:
    _app, browser = oidc
    issuer.user = {"sub": "idp-0002", "preferred_username": "piet",
                   "groups": ["pmiek-utrecht", "andere-groep", "pmiek-kern", "pmiek-fout"]}
    client = browser()
    assert sign_in(client, issuer).status_code == 303
    assert greeting(client) == "piet (kernteam)"


def test_groups_from_userinfo_when_the_id_token_has_none(oidc: Oidc, issuer: FakeIssuer) -> None:
    app, browser = oidc
    issuer.groups_in_id_token = False
    issuer.user = {"sub": "idp-0003", "preferred_username": "gemeente.utrecht",
                   "groups": ["pmiek-utrecht"]}
    client = browser()
    assert sign_in(client, issuer).status_code == 303
    made = accounts.account(app.state.store, "gemeente.utrecht")
    assert made is not None and (made.role, made.organisation) == ("gemeente", "GM0344")


def test_a_later_login_brings_the_role_up_to_date(oidc: Oidc, issuer: FakeIssuer) -> None:
    app, browser = oidc
    assert sign_in(browser(), issuer).status_code == 303
    issuer.user = {**issuer.user, "groups": ["pmiek-tennet"]}
    client = browser()
    assert sign_in(client, issuer).status_code == 303
    made = accounts.account(app.state.store, "jan.stedin")
    assert made is not None and (made.role, made.organisation) == ("netbeheerder", "TenneT")


def test_next_page_is_kept(oidc: Oidc, issuer: FakeIssuer) -> None:
    _app, browser = oidc
    issuer.user = {**issuer.user, "groups": ["pmiek-beheer"]}
    answer = sign_in(browser(), issuer, volgende="/beheer/accounts")
    assert answer.headers["location"] == "/beheer/accounts"
    evil = sign_in(browser(), issuer, volgende="//evil.example/")
    assert evil.headers["location"] == "/"


# --- refusals ----------------------------------------------------------------------------


def refused(answer: Any, client: TestClient, status: int, words: str) -> None:
    assert answer.status_code == status, answer.text[:400]
    assert words in answer.text
    assert client.cookies.get("pmiek_sessie") is None
    assert greeting(client) == ""


def test_no_mapped_group_gives_no_session(oidc: Oidc, issuer: FakeIssuer) -> None:
    app, browser = oidc
    issuer.user = {"sub": "idp-0009", "preferred_username": "buiten",
                   "groups": ["iets-anders", "pmiek-fout"]}
    client = browser()
    answer = sign_in(client, issuer)
    refused(answer, client, 403, "geen rol in pmiek")
    assert "Geen rol" in answer.text
    assert accounts.account(app.state.store, "buiten") is None
    issuer.user = {**issuer.user, "groups": []}
    refused(sign_in(client, issuer), client, 403, "geen rol in pmiek")


def test_wrong_state_is_refused(oidc: Oidc, issuer: FakeIssuer) -> None:
    _app, browser = oidc
    client = browser()
    params = start(client)
    back = at_issuer(issuer, {**params, "state": "een-andere-state"})
    refused(client.get(back, follow_redirects=False), client, 400, "(state)")


def test_wrong_nonce_is_refused(oidc: Oidc, issuer: FakeIssuer) -> None:
    _app, browser = oidc
    client = browser()
    params = start(client)
    back = at_issuer(issuer, {**params, "nonce": "een-andere-nonce"})
    refused(client.get(back, follow_redirects=False), client, 400, "ID-token is ongeldig")


@pytest.mark.parametrize("change", ["other_key", "audience", "issuer", "expired"])
def test_a_bad_id_token_is_refused(oidc: Oidc, issuer: FakeIssuer, change: str) -> None:
    _app, browser = oidc
    if change == "other_key":
        issuer.signing_key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"},
                                                 private=True)
    elif change == "audience":
        issuer.override = {"aud": "een-andere-client"}
    elif change == "issuer":
        issuer.override = {"iss": "https://nep.example"}
    else:
        issuer.override = {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}
    client = browser()
    refused(sign_in(client, issuer), client, 400, "ID-token is ongeldig")


def test_the_callback_works_only_in_the_browser_that_started(oidc: Oidc,
                                                             issuer: FakeIssuer) -> None:
    _app, browser = oidc
    client = browser()
    back = at_issuer(issuer, start(client))
    stranger = browser()
    refused(stranger.get(back, follow_redirects=False), stranger, 400, "verlopen")
    assert client.get(back, follow_redirects=False).status_code == 303


def test_a_callback_is_single_use(oidc: Oidc, issuer: FakeIssuer) -> None:
    _app, browser = oidc
    client = browser()
    params = start(client)
    back = at_issuer(issuer, params)
    cookie = client.cookies.get("pmiek_oidc")
    assert client.get(back, follow_redirects=False).status_code == 303
    second = browser()
    second.cookies.set("pmiek_oidc", cookie or "", domain="testserver.local", path="/oidc")
    refused(second.get(back, follow_redirects=False), second, 400, "verlopen")


def test_an_error_from_the_issuer_is_shown(oidc: Oidc, issuer: FakeIssuer) -> None:
    _app, browser = oidc
    client = browser()
    params = start(client)
    answer = client.get("/oidc/terug", params={"error": "access_denied",
                                               "state": params["state"]},
                        follow_redirects=False)
    refused(answer, client, 400, "access_denied")


def test_a_disabled_oidc_account_cannot_log_in(oidc: Oidc, issuer: FakeIssuer) -> None:
    app, browser = oidc
    assert sign_in(browser(), issuer).status_code == 303
    accounts.set_disabled(app.state.store, "jan.stedin", True, by="tests")
    client = browser()
    refused(sign_in(client, issuer), client, 403, "kennen we niet")


def test_a_local_account_is_not_taken_over(oidc: Oidc, issuer: FakeIssuer) -> None:
    app, browser = oidc
    issuer.user = {"sub": "idp-0666", "preferred_username": "beheer",
                   "groups": ["pmiek-stedin"]}
    client = browser()
    refused(sign_in(client, issuer), client, 403, "niet aan deze OIDC-login")
    kept = accounts.account(app.state.store, "beheer")
    assert kept is not None and kept.role == "beheerder" and kept.oidc_subject is None


def test_an_unreachable_issuer_is_a_clear_error(oidc: Oidc) -> None:
    app, browser = oidc

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down", request=request)

    app.state.oidc_transport = httpx.MockTransport(down)
    app.state.oidc_client = None
    answer = browser().get("/oidc/inloggen", follow_redirects=False)
    assert answer.status_code == 502
    assert "niet bereikbaar" in answer.text


# --- the mapping -------------------------------------------------------------------------


@pytest.mark.parametrize(("groups", "expected"), [
    (["pmiek-stedin"], ("netbeheerder", "Stedin")),
    ("pmiek-stedin", ("netbeheerder", "Stedin")),
    (["pmiek-utrecht", "pmiek-beheer"], ("beheerder", None)),
    (["pmiek-tennet", "pmiek-stedin"], ("netbeheerder", "TenneT")),
    (["pmiek-utrecht", "pmiek-stedin"], ("netbeheerder", "Stedin")),
    (["pmiek-fout"], None),
    ([], None),
    (None, None),
    ({"pmiek-kern": True}, None),
])
def test_role_for_groups(groups: Any, expected: tuple[str, str | None] | None) -> None:
    assert role_for_groups(groups, ROLE_MAP) == expected
