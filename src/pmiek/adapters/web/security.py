"""Security of every request: response headers, CSRF protection and the login rate limiter.

:func:`install_security` adds :class:`SecurityMiddleware` (a pure ASGI middleware, so that
streamed responses stay streamed) and puts a :class:`LoginLimiter` on ``app.state``.

Headers, on every response: a Content-Security-Policy without ``unsafe-inline`` or
``unsafe-eval`` (scripts and styles only from this site; the PDOK background map added to
``img-src`` when ``settings.background_map``), ``X-Content-Type-Options: nosniff``,
``Referrer-Policy: same-origin``, ``X-Frame-Options: DENY``, a minimal Permissions-Policy,
``Cross-Origin-Opener-Policy: same-origin``; ``Strict-Transport-Security`` when cookies are
Secure (behind TLS); ``Cache-Control: no-store`` on every response to a request that carries
a session cookie (pages, CSV and JSON of a logged-in account may hold confidential rows) or
that sets a cookie. A session cookie that no longer opens a session (ended, idle, disabled
account: :func:`pmiek.adapters.web.deps.principal` notes it) is cleared on the response.

CSRF, on POST, PUT, PATCH and DELETE: refused with 403 unless

1. the request comes from this site: its ``Origin`` equals the site's own origin, or, when
   it has no ``Origin``, ``Sec-Fetch-Site`` is ``same-origin`` (a request with neither is
   refused); and
2. it carries the synchronizer token, in the header ``X-CSRF-Token`` or the form field
   ``csrf_token`` (urlencoded or multipart), equal (``hmac.compare_digest``) to the CSRF
   token of its session, or, without a valid session (the login form), to the
   ``pmiek_csrf`` pre-session cookie set by the login page (which the login form also
   accepts from a logged-in visitor).

To read the form field the middleware reads the body once (at most :data:`MAX_BODY_BYTES`)
and hands the same bytes on to the route.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Callable
from http.cookies import SimpleCookie

import anyio.to_thread
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmiek.adapters.web.deps import SESSION_COOKIE
from pmiek.adapters.web.settings import WebSettings

CSRF_COOKIE = "pmiek_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOGIN_PATH = "/inloggen"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MAX_BODY_BYTES = 16 * 1024 * 1024
"""The largest request body the CSRF check reads (an intake workbook is far smaller)."""

PDOK = "https://service.pdok.nl"


def content_security_policy(settings: WebSettings) -> str:
    """The CSP of every response: nothing inline, nothing evaluated, nothing framed."""
    images = "'self' data:" + (f" {PDOK}" if settings.background_map else "")
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def security_headers(settings: WebSettings) -> list[tuple[bytes, bytes]]:
    """The headers added to every response (unless the route set them itself)."""
    headers = [
        ("content-security-policy", content_security_policy(settings)),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
        ("permissions-policy",
         "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
        ("cross-origin-opener-policy", "same-origin"),
    ]
    if settings.secure_cookies:
        headers.append(("strict-transport-security", "max-age=31536000"))
    return [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]


def cookie_header(name: str, value: str, *, max_age: int | None, secure: bool,
                  path: str = "/") -> str:
    """A ``Set-Cookie`` value: HttpOnly, SameSite=Lax, Secure when ``secure``."""
    morsel: SimpleCookie = SimpleCookie()
    morsel[name] = value
    item = morsel[name]
    item["path"] = path
    item["httponly"] = True
    item["samesite"] = "Lax"
    if secure:
        item["secure"] = True
    if max_age is not None:
        item["max-age"] = max_age
    return item.OutputString()


class CsrfRefused(Exception):
    """An unsafe request that failed the CSRF check (``reason`` for the log, not the user);
    ``status`` 403, or 413 for a body too large to check."""

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def same_origin(request: Request) -> bool:
    """Whether ``request`` says it comes from a page of this site: its ``Origin`` is the
    site's own origin, or (without ``Origin``) ``Sec-Fetch-Site`` is ``same-origin``."""
    origin = request.headers.get("origin")
    if origin is not None:
        own = f"{request.url.scheme}://{request.url.netloc}"
        return hmac.compare_digest(origin.rstrip("/").lower().encode(), own.lower().encode())
    return request.headers.get("sec-fetch-site") == "same-origin"


def tokens_match(given: str | None, expected: str | None) -> bool:
    """Whether the CSRF token ``given`` equals ``expected`` (both present), in constant
    time."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class SecurityMiddleware:
    """Headers on every response, CSRF check on every unsafe request (module docstring)."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings
        self.headers = security_headers(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})  # shared with the routes' requests
        request = Request(scope)
        send = self._with_headers(scope, request, send)
        if scope["method"] in UNSAFE_METHODS:
            try:
                receive = await self._check_csrf(scope, request, receive)
            except CsrfRefused as refused:
                response = await anyio.to_thread.run_sync(self._refusal, scope,
                                                          refused.status)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    # --- headers -----------------------------------------------------------------------------

    def _with_headers(self, scope: Scope, request: Request, send: Send) -> Send:
        state = scope["state"]
        has_session = SESSION_COOKIE in request.cookies
        static = scope["path"].startswith("/static/")

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                sets = [v for k, v in headers if k.lower() == b"set-cookie"]
                if state.get("clear_session_cookie") and not any(
                        v.startswith(SESSION_COOKIE.encode() + b"=") for v in sets):
                    cleared = cookie_header(SESSION_COOKIE, "", max_age=0,
                                            secure=self.settings.secure_cookies)
                    headers.append((b"set-cookie", cleared.encode("latin-1")))
                    sets.append(b"")
                if ((has_session and not static) or sets) and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        return sending

    # --- CSRF --------------------------------------------------------------------------------

    async def _check_csrf(self, scope: Scope, request: Request, receive: Receive) -> Receive:
        """The ``receive`` to hand on (the body replayed when it was read); CsrfRefused when
        the request fails the check."""
        if not same_origin(request):
            raise CsrfRefused("origin")
        given = request.headers.get(CSRF_HEADER)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if given is None and content_type in FORM_TYPES:
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
                raise CsrfRefused("body too large", 413)
            body = await _read_body(receive)
            receive = _replay(body, receive)
            given = await _form_token(scope, body)
        expected = await anyio.to_thread.run_sync(_expected_tokens, scope)
        if not any([tokens_match(given, token) for token in expected]):
            raise CsrfRefused("token")
        return receive

    @staticmethod
    def _refusal(scope: Scope, status: int) -> Response:
        from pmiek.adapters.web import deps
        from pmiek.adapters.web.texts import t

        request = Request(scope)
        key = "csrf.too_large" if status == 413 else "csrf.refused"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": t(key, deps.language(request))}, status_code=status)
        return deps.render(request, "error.html.j2", {"message_key": key, "detail": None},
                           status=status)


def _expected_tokens(scope: Scope) -> list[str]:
    """The CSRF tokens the request may carry: its session's; on the login form also the
    pre-session cookie's (so that a logged-in visitor can log in as someone else)."""
    from pmiek.adapters.web import deps

    request = Request(scope)
    who = deps.principal(request)
    tokens = [] if who.anonymous or not who.csrf else [who.csrf]
    cookie = request.cookies.get(CSRF_COOKIE)
    if cookie and (who.anonymous or request.url.path == LOGIN_PATH):
        tokens.append(cookie)
    return tokens


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise CsrfRefused("disconnect")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise CsrfRefused("body too large", 413)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives ``body`` once, then what ``receive`` gives (a disconnect)."""
    given = False

    async def replaying() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replaying


async def _form_token(scope: Scope, body: bytes) -> str | None:
    """The ``csrf_token`` field of the form in ``body`` (None: none, or not a form)."""
    parsing = Request(dict(scope), _replay(body, _no_more))
    try:
        form = await parsing.form()
    except Exception:  # a malformed form has no token; the route never sees it
        return None
    try:
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


async def _no_more() -> Message:
    return {"type": "http.disconnect"}


class LoginLimiter:
    """Failed logins per (client address, account name): after ``attempts`` failures
    within ``window_seconds`` every further login of that pair is refused until the oldest
    of them is ``window_seconds`` old, the right password included. Thread-safe, in memory
    (one server process), with an injectable ``clock`` (seconds)."""

    def __init__(self, attempts: int, window_seconds: float, *,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000) -> None:
        self.attempts = attempts
        self.window = window_seconds
        self.clock = clock
        self.max_keys = max_keys
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(address: str, name: str) -> tuple[str, str]:
        return address, name.strip().casefold()[:200]

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def retry_after(self, address: str, name: str) -> float | None:
        """Seconds until ``name`` may try again from ``address``; None: it may now."""
        key = self.key(address, name)
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) < self.attempts:
                return None
            return max(times[-self.attempts] + self.window - now, 0.0)

    def failed(self, address: str, name: str) -> None:
        """Count a failed login of ``name`` from ``address``."""
        key = self.key(address, name)
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            if len(self._failures) > self.max_keys:
                self._prune(now)

    def succeeded(self, address: str, name: str) -> None:
        """Forget the failures of ``name`` from ``address`` (after a good login)."""
        with self._lock:
            self._failures.pop(self.key(address, name), None)

    def _prune(self, now: float) -> None:
        for key in list(self._failures):
            if not self._recent(key, now):
                del self._failures[key]
        while len(self._failures) > self.max_keys:  # still full: drop the oldest entries
            self._failures.pop(next(iter(self._failures)))


def install_security(app: FastAPI, settings: WebSettings) -> None:
    """Add the security middleware and the login limiter to ``app``."""
    app.add_middleware(SecurityMiddleware, settings=settings)
    app.state.login_limiter = LoginLimiter(settings.login_attempts,
                                           settings.login_window_seconds)


__all__ = ["CSRF_COOKIE", "CSRF_FIELD", "SESSION_COOKIE", "LoginLimiter", "SecurityMiddleware",
           "content_security_policy", "cookie_header", "install_security", "same_origin",
           "security_headers", "tokens_match"]

