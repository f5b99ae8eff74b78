"""Pages without data: the language switch, the accessibility statement and the method."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from pmiek.adapters.web import deps
from pmiek.adapters.web.settings import LANGUAGES

router = APIRouter(include_in_schema=False)

LANGUAGE_SECONDS = 365 * 24 * 3600
"""How long the language cookie lasts: a year."""

METHOD_SECTIONS = ("piek", "capaciteit", "tekort", "uren", "benutting", "eerste-jaar",
                   "klasse", "wachtrij", "verklaring")
"""The sections (and anchors) of the method page, in order."""


def back_to(request: Request) -> str:
    """Where the language switch returns to: the path (and query) of the Referer when it is
    a page of this site, else the overview (never another site: no open redirect)."""
    referer = request.headers.get("referer")
    if not referer:
        return "/"
    parts = urlsplit(referer)
    if parts.scheme not in ("", "http", "https") or (
            parts.netloc and parts.netloc != request.url.netloc):
        return "/"
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k != "lang"])  # the page's own ?lang= would undo the choice
    return path + (f"?{query}" if query else "")


@router.get("/taal/{lang}")
def language(request: Request, lang: str) -> Response:
    """Choose the language (cookie ``pmiek_taal`` for a year) and go back."""
    if lang not in LANGUAGES:
        raise HTTPException(status_code=404)
    response = RedirectResponse(back_to(request), status_code=303)
    response.set_cookie(deps.LANGUAGE_COOKIE, lang, max_age=LANGUAGE_SECONDS, path="/",
                        samesite="lax", httponly=True,
                        secure=deps.settings(request).secure_cookies)
    return response


@router.get("/toegankelijkheid")
def accessibility(request: Request) -> Response:
    """The accessibility statement (toegankelijkheidsverklaring)."""
    return deps.render(request, "accessibility.html.j2")


@router.get("/methode")
def method(request: Request) -> Response:
    """How the numbers of step 1 are defined and computed."""
    return deps.render(request, "method.html.j2", {"sections": METHOD_SECTIONS})
