"""What every route needs: the store, the stored results, the language, who is asking, and
rendering a page (or, for an htmx request, one block of it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import Response

from pmiek import __version__
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.principal import ANONYMOUS, Principal
from pmiek.adapters.web.results import Results
from pmiek.adapters.web.settings import LANGUAGES, WebSettings
from pmiek.adapters.web.texts import t

SESSION_COOKIE = "pmiek_sessie"
LANGUAGE_COOKIE = "pmiek_taal"


def settings(request: Request) -> WebSettings:
    value: WebSettings = request.app.state.settings
    return value


def store(request: Request) -> Store:
    value: Store = request.app.state.store
    return value


def results(request: Request) -> Results:
    value: Results = request.app.state.results
    return value


def language(request: Request) -> str:
    """The visitor's language: ``?lang=``, else the language cookie, else the default."""
    chosen = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen in LANGUAGES else settings(request).lang


def now(request: Request) -> dt.datetime:
    """The time sessions are judged by: ``app.state.clock()`` when a test set one, else
    now (UTC)."""
    clock = getattr(request.app.state, "clock", None)
    return clock() if clock is not None else dt.datetime.now(dt.UTC)


def principal(request: Request) -> Principal:
    """Who is asking: the account of a valid session cookie, else :data:`ANONYMOUS`.

    A session that has ended, was idle longer than ``settings.idle_minutes`` or whose
    account is disabled gives :data:`ANONYMOUS`, and its cookie is cleared on the response
    (``request.state.clear_session_cookie``, read by the security middleware)."""
    known = getattr(request.state, "principal", None)
    if isinstance(known, Principal):
        return known
    from pmiek.adapters.store import accounts

    who = ANONYMOUS
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        config = settings(request)
        info = accounts.session(store(request), token,
                                idle=dt.timedelta(minutes=config.idle_minutes),
                                now=now(request))
        if info is not None and info.role in LOGGED_IN:
            who = Principal(name=info.name, role=info.role, organisation=info.organisation,
                            csrf=info.csrf_token)
        else:
            request.state.clear_session_cookie = True
    request.state.principal = who
    return who


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def require(*roles: str) -> Callable[[Request], Principal]:
    """A dependency: the principal when its role is one of ``roles``; 401 when anonymous
    (pages redirect to the login form), 403 when logged in with another role."""

    def check(request: Request) -> Principal:
        who = principal(request)
        if who.anonymous and "publiek" not in roles:
            raise HTTPException(status_code=401)
        if who.role not in roles:
            raise HTTPException(status_code=403)
        return who

    return check


LOGGED_IN = ("beheerder", "kernteam", "netbeheerder", "gemeente")
EDITORS = LOGGED_IN
CORE = ("beheerder", "kernteam")
MANAGERS = ("beheerder",)


def render(request: Request, template: str, context: dict[str, Any] | None = None, *,
           block: str | None = None, status: int = 200,
           headers: dict[str, str] | None = None) -> Response:
    """Render ``template`` with the common context (``lang``, ``t``, ``who``, ``csrf``,
    ``software``); an htmx request with ``block`` gets only that block."""
    lang = language(request)
    who = principal(request)
    values: dict[str, Any] = {
        "lang": lang,
        "t": lambda key, **kw: t(key, lang, **kw),
        "who": who,
        "csrf": who.csrf or request.cookies.get("pmiek_csrf", ""),
        "software": __version__,
        "settings": settings(request),
        "provenance": None,
    }
    values.update(context or {})
    templates = request.app.state.templates
    if block is not None and is_htmx(request):
        response: Response = templates.TemplateResponse(request, template, values,
                                                        status_code=status, block_name=block)
    else:
        response = templates.TemplateResponse(request, template, values, status_code=status)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response
