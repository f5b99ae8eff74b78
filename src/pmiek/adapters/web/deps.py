"""What every route needs: the store, the stored results, the language, who is asking, and
rendering a page (or, for an htmx request, one block of it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2_fragments import render_block
from markupsafe import Markup

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


CACHED_BLOCKS = ("title", "head", "content")


def _values(request: Request, context: dict[str, Any] | None) -> dict[str, Any]:
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
    return values


def _page_cache(request: Request) -> Any:
    return request.app.state.page_cache


def cached(request: Request, key: Hashable, *, block: str | None = None) -> Response | None:
    """The page (or, for an htmx request with ``block``, the block) rendered before under
    ``key`` by :func:`render`, with the layout around it rendered for this request; None when
    it is not kept (any more)."""
    wanted = (key, block) if block is not None and is_htmx(request) else (key, None)
    found = _page_cache(request).peek(wanted)
    if found is None:
        return None
    if wanted[1] is not None:
        return HTMLResponse(found)
    return _layout(request, found)


def _layout(request: Request, parts: dict[str, Any]) -> Response:
    values = _values(request, {f"cached_{name}": parts.get(name) for name in CACHED_BLOCKS})
    values["provenance"] = parts.get("provenance")
    response: Response = request.app.state.templates.TemplateResponse(
        request, "_cached.html.j2", values)
    return response


def render(request: Request, template: str, context: dict[str, Any] | None = None, *,
           block: str | None = None, status: int = 200,
           headers: dict[str, str] | None = None, cache_key: Hashable | None = None
           ) -> Response:
    """Render ``template`` with the common context (``lang``, ``t``, ``who``, ``csrf``,
    ``software``); an htmx request with ``block`` gets only that block.

    With ``cache_key`` (a 200 page whose blocks depend only on what the key names — the
    version, the query, the audience and the language, never the individual user) the
    template's title, head and content blocks (or the htmx block) are kept, and
    :func:`cached` serves them again with only the layout rendered anew."""
    values = _values(request, context)
    templates = request.app.state.templates
    keep = cache_key is not None and status == 200 and not headers
    if block is not None and is_htmx(request):
        if keep:
            text = render_block(templates.env, template, block, values)
            _page_cache(request).put((cache_key, block), text)
            return HTMLResponse(text)
        response: Response = templates.TemplateResponse(request, template, values,
                                                        status_code=status, block_name=block)
    elif keep:
        defined = templates.env.get_template(template).blocks
        parts: dict[str, Any] = {name: Markup(render_block(templates.env, template, name,
                                                           values))
                                 if name in defined else None for name in CACHED_BLOCKS}
        parts["provenance"] = values.get("provenance")
        _page_cache(request).put((cache_key, None), parts)
        return _layout(request, parts)
    else:
        response = templates.TemplateResponse(request, template, values, status_code=status)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response
