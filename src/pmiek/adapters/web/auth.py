"""Logging in and out: local accounts (Argon2id through pwdlib) and, when configured,
OpenID Connect.

Local login (``GET``/``POST /inloggen``): the form carries the pre-session CSRF token of the
``pmiek_csrf`` cookie (see :mod:`pmiek.adapters.web.security`); failures are counted per
client address and account name by the app's :class:`~pmiek.adapters.web.security.
LoginLimiter` (429 with ``Retry-After`` once the limit is reached, the right password
included); an unknown name, a wrong password and a disabled account get the same message
(and an unknown name costs the same hashing time). A good login ends the session the
browser had, starts a new one (a new token: no session fixation), sets ``pmiek_sessie``
(HttpOnly, SameSite=Lax, Secure when configured) and is audited; failures are audited too
(``login_failed``, without the password or the client address, which would otherwise stay in
the unerasable audit chain for good).

OpenID Connect (``/oidc/inloggen`` → the issuer → ``/oidc/terug``): the authorization-code
flow with PKCE, state and nonce, written on Authlib's OAuth 2.0 / OIDC building blocks
(:func:`authlib.common.security.generate_token`, PKCE's
:func:`~authlib.oauth2.rfc7636.create_s256_code_challenge`, the ID-token claim checks of
:class:`authlib.oidc.core.CodeIDToken`) and joserfc for the signature, over plain httpx.
Authlib's Starlette client is not used because it needs ``request.session`` (Starlette's
SessionMiddleware, i.e. itsdangerous and a signing secret) and its httpx integration warns
that plain httpx is deprecated. The flow's state, nonce and PKCE verifier are kept server-side
in memory (:class:`OidcFlows`, ten minutes, single use) under a random key in the short
``pmiek_oidc`` cookie — fine for one server process; several processes would need the key
in a shared place. The groups claim (``settings.oidc_groups_claim``) is mapped with
``settings.oidc_role_map`` (group → ``role`` or ``role:organisation``); the highest role
wins; no mapped group gives a 403 page and no session. The HTTP transport to the issuer can
be replaced (``app.state.oidc_transport``: an httpx transport), which is how the tests talk
to an in-process fake issuer.
"""

from __future__ import annotations

import datetime as dt
import hmac
import math
import secrets
import threading
from functools import cache
from typing import Annotated, Any

import anyio.to_thread
from authlib.common.security import generate_token
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from pmiek.adapters.store import accounts
from pmiek.adapters.web import deps
from pmiek.adapters.web.oidc import (
    OIDC_FLOW_SECONDS,
    OidcClient,
    OidcError,
    OidcFlows,
    role_for_groups,
)
from pmiek.adapters.web.passwords import hasher
from pmiek.adapters.web.principal import Principal
from pmiek.adapters.web.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    LoginLimiter,
    cookie_header,
)
from pmiek.adapters.web.texts import t
from pmiek.errors import PmiekError

router = APIRouter(include_in_schema=False)

CSRF_COOKIE_SECONDS = 2 * 3600
OIDC_COOKIE = "pmiek_oidc"
MAX_PASSWORD = 1024
"""Longer passwords are refused unhashed (a cheap guard against hashing megabytes)."""


def safe_next(value: str | None) -> str:
    """``value`` when it is a path of this site (``/…``, not ``//…``, no backslash or
    control character: browsers read those as another host); else ``/``."""
    if (not value or not value.startswith("/") or value.startswith("//") or "\\" in value
            or any(ord(c) < 0x20 or ord(c) == 0x7F for c in value) or len(value) > 2000):
        return "/"
    return value


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limiter(request: Request) -> LoginLimiter:
    value: LoginLimiter = request.app.state.login_limiter
    return value


@cache
def _dummy_hash(profile: str) -> str:
    """A hash to verify against for an unknown account (same time as a known one)."""
    return hasher(profile).hash(secrets.token_urlsafe(16))


def _login_page(request: Request, *, csrf: str, volgende: str, naam: str = "",
                message: str | None = None, status: int = 200,
                headers: dict[str, str] | None = None, show_form: bool = True,
                heading: str | None = None) -> Response:
    config = deps.settings(request)
    return deps.render(request, "login.html.j2", {
        "csrf": csrf, "volgende": volgende, "naam": naam, "message": message,
        "show_form": show_form, "heading": heading,
        "oidc": bool(config.oidc_metadata_url and config.oidc_client_id),
    }, status=status, headers=headers)


def _csrf_cookie(request: Request, token: str) -> str:
    return cookie_header(CSRF_COOKIE, token, max_age=CSRF_COOKIE_SECONDS,
                         secure=deps.settings(request).secure_cookies)


@router.get("/inloggen", name="login_form")
def login_form(request: Request, volgende: str | None = None) -> Response:
    """The login form; sets the pre-session CSRF cookie that the form's token must match."""
    who = deps.principal(request)
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = _login_page(request, csrf=who.csrf or token, volgende=safe_next(volgende))
    response.headers.append("set-cookie", _csrf_cookie(request, token))
    return response


@router.post("/inloggen", name="login")
def login(request: Request, naam: Annotated[str, Form()] = "",
          wachtwoord: Annotated[str, Form()] = "",
          volgende: Annotated[str, Form()] = "") -> Response:
    """Check the password, then a new session (303 to ``volgende``); else the form again."""
    store, config, lang = deps.store(request), deps.settings(request), deps.language(request)
    name, target = naam.strip(), safe_next(volgende)
    address = client_address(request)
    csrf = deps.principal(request).csrf or request.cookies.get(CSRF_COOKIE) or ""
    wait = limiter(request).retry_after(address, name)
    if wait is not None:
        seconds = max(1, math.ceil(wait))
        return _login_page(request, csrf=csrf, volgende=target, naam=name, status=429,
                           message=t("login.too_many", lang, minutes=math.ceil(seconds / 60)),
                           headers={"Retry-After": str(seconds)})
    found = accounts.account(store, name) if name and len(name) <= 200 else None
    digest = found.password_hash if found is not None and found.password_hash else None
    good, new_hash = False, None
    if len(wachtwoord) <= MAX_PASSWORD:
        if digest is None:
            hasher(config.password_profile).verify(wachtwoord, _dummy_hash(config.password_profile))
        else:
            good, new_hash = hasher(config.password_profile).verify_and_update(wachtwoord,
                                                                                digest)
    if found is None or found.disabled or not good:
        limiter(request).failed(address, name)
        accounts.audit_event(store, name[:200] or "?", "login_failed", "account",
                             name[:200] or "?", after={"method": "password"},
                             role="publiek")
        return _login_page(request, csrf=csrf, volgende=target, naam=name, status=401,
                           message=t("login.failed", lang))
    if new_hash is not None:  # the hash of an older cost profile: store today's
        accounts.set_password(store, found.name, new_hash, by=found.name, rehash=True)
    limiter(request).succeeded(address, name)
    return start_session(request, found.name, target, method="password")


def start_session(request: Request, name: str, target: str, *, method: str) -> Response:
    """End the browser's old session, start a new one for ``name``, audit the login and
    send the browser to ``target`` with the new session cookie."""
    store, config = deps.store(request), deps.settings(request)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.end_session(store, old)
    token, _ = accounts.create_session(store, name, lifetime=dt.timedelta(
        hours=config.session_hours), now=deps.now(request))
    accounts.audit_event(store, name, "login", "account", name, after={"method": method})
    response = RedirectResponse(target, status_code=303)
    response.headers.append("set-cookie", cookie_header(
        SESSION_COOKIE, token, max_age=int(config.session_hours * 3600),
        secure=config.secure_cookies))
    response.headers.append("set-cookie", cookie_header(
        CSRF_COOKIE, "", max_age=0, secure=config.secure_cookies))
    return response


@router.post("/uitloggen", name="logout")
def logout(request: Request,
           who: Annotated[Principal, Depends(deps.require(*deps.LOGGED_IN))]) -> Response:
    """End the session (audited), clear its cookie, back to the overview."""
    store, config = deps.store(request), deps.settings(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.end_session(store, token)
    accounts.audit_event(store, who.name, "logout", "account", who.name)
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", cookie_header(
        SESSION_COOKIE, "", max_age=0, secure=config.secure_cookies))
    return response


# --- OpenID Connect ------------------------------------------------------------------------


_oidc_lock = threading.Lock()


def oidc_client(request: Request) -> OidcClient:
    """The app's OIDC client (404 when OIDC is not configured)."""
    config = deps.settings(request)
    if not config.oidc_metadata_url or not config.oidc_client_id:
        raise HTTPException(status_code=404)
    state = request.app.state
    with _oidc_lock:
        client = getattr(state, "oidc_client", None)
        if client is None:
            client = OidcClient(config.oidc_metadata_url, config.oidc_client_id,
                                config.oidc_client_secret,
                                transport=getattr(state, "oidc_transport", None))
            state.oidc_client = client
            state.oidc_flows = OidcFlows()
    assert isinstance(client, OidcClient)
    return client


def _oidc_refusal(request: Request, error: OidcError) -> Response:
    lang = deps.language(request)
    reason = t(error.key, lang, **error.values)
    response = _login_page(request, csrf=deps.principal(request).csrf or "",
                           volgende="/", status=error.status, show_form=False,
                           message=t("login.oidc_refused", lang, reason=reason))
    return response


@router.get("/oidc/inloggen", name="oidc_login")
async def oidc_login(request: Request, volgende: str | None = None) -> Response:
    """Send the browser to the issuer to sign in."""
    client = oidc_client(request)
    state, nonce, verifier = generate_token(40), generate_token(40), generate_token(64)
    redirect_uri = str(request.url_for("oidc_callback"))
    try:
        url = await client.authorization_url(redirect_uri, state, nonce, verifier)
    except OidcError as error:
        return await anyio.to_thread.run_sync(_oidc_refusal, request, error)
    key = request.app.state.oidc_flows.put(state, nonce, verifier, safe_next(volgende))
    response = RedirectResponse(url, status_code=302)
    response.headers.append("set-cookie", cookie_header(
        OIDC_COOKIE, key, max_age=OIDC_FLOW_SECONDS, path="/oidc",
        secure=deps.settings(request).secure_cookies))
    return response


@router.get("/oidc/terug", name="oidc_callback")
async def oidc_callback(request: Request, code: str | None = None, state: str | None = None,
                        error: str | None = None) -> Response:
    """The issuer's answer: check it, map the groups to a role, start a session."""
    client = oidc_client(request)
    key = request.cookies.get(OIDC_COOKIE)
    flow = request.app.state.oidc_flows.take(key) if key else None
    try:
        if flow is None:
            raise OidcError("oidc.expired")
        if error:
            raise OidcError("oidc.error", error=error[:100])
        if not state or not hmac.compare_digest(state.encode(), flow.state.encode()):
            raise OidcError("oidc.state")
        if not code:
            raise OidcError("oidc.error", error="no code")
        redirect_uri = str(request.url_for("oidc_callback"))
        token = await client.exchange(code, redirect_uri, flow.verifier)
        claims = await client.id_claims(token, flow.nonce)
        config = deps.settings(request)
        groups = claims.get(config.oidc_groups_claim)
        if groups is None and isinstance(token.get("access_token"), str):
            info = await client.userinfo(token["access_token"])
            if info.get("sub") == claims["sub"]:
                groups = info.get(config.oidc_groups_claim)
                claims = {**info, **claims}
    except OidcError as refused:
        response = await anyio.to_thread.run_sync(_oidc_refusal, request, refused)
    else:
        response = await anyio.to_thread.run_sync(_oidc_session, request, claims, groups,
                                                  flow.target)
    response.headers.append("set-cookie", cookie_header(
        OIDC_COOKIE, "", max_age=0, path="/oidc",
        secure=deps.settings(request).secure_cookies))
    return response


def _oidc_session(request: Request, claims: dict[str, Any], groups: Any,
                  target: str) -> Response:
    store, config, lang = deps.store(request), deps.settings(request), deps.language(request)
    subject = str(claims["sub"])
    name = str(claims.get("preferred_username") or claims.get("email") or subject)[:200]
    mapped = role_for_groups(groups, config.oidc_role_map)
    csrf = deps.principal(request).csrf or ""
    if mapped is None:
        accounts.audit_event(store, name, "login_failed", "account", name,
                             after={"method": "oidc", "reason": "no role"}, role="publiek")
        return _login_page(request, csrf=csrf, volgende="/", status=403, show_form=False,
                           heading=t("oidc.roles_heading", lang),
                           message=t("login.oidc_no_role", lang))
    role, organisation = mapped
    try:
        account = accounts.upsert_oidc_account(store, subject, name, role, organisation)
    except PmiekError as problem:
        return _login_page(request, csrf=csrf, volgende="/", status=403, show_form=False,
                           message=t("login.oidc_account", lang, reason=problem.in_language(lang)))
    if account.disabled:
        accounts.audit_event(store, account.name, "login_failed", "account", account.name,
                             after={"method": "oidc", "reason": "disabled"}, role="publiek")
        return _login_page(request, csrf=csrf, volgende="/", status=403, show_form=False,
                           message=t("login.failed", lang))
    return start_session(request, account.name, target, method="oidc")
