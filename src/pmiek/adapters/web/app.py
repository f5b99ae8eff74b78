"""``create_app(settings)``: the FastAPI application on one store.

Pages are server-rendered Jinja2 templates (htmx swaps one block of a page, rendered by
jinja2-fragments); the JSON API shares the same reading and the same permissions; the
front-end libraries are vendored under ``static/vendor`` (no CDN at run time).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2_fragments.fastapi import Jinja2Blocks

from pmiek import __version__
from pmiek.adapters.store.store import Store
from pmiek.adapters.web import deps
from pmiek.adapters.web.results import Results
from pmiek.adapters.web.results import _Cache as Cache
from pmiek.adapters.web.settings import WebSettings

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PAGE_CACHE_SIZE = 512
"""Rendered pages kept (deps.render with a cache key); a table page is about 100 kB."""
ROUTER_MODULES = ("auth", "accounts", "pages_overview", "pages_map", "pages_tables",
                  "pages_upload", "pages_static", "api")


def templates() -> Jinja2Blocks:
    """The page templates; every value is HTML-escaped unless a template says otherwise."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return Jinja2Blocks(env=env)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _is_api(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))
    if exc.status_code == 401 and request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/inloggen?volgende={_quoted(target)}", status_code=303)
    key = f"error.{exc.status_code}"
    from pmiek.adapters.web.texts import TEXTS

    return deps.render(request, "error.html.j2",
                       {"message_key": key if key in TEXTS else "error.title",
                        "detail": exc.detail if exc.status_code == 400 else None},
                       status=exc.status_code)


def _quoted(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="")


def create_app(settings: WebSettings | None = None, *, store: Store | None = None) -> FastAPI:
    """The application on ``settings.database_url`` (or on ``store`` when given)."""
    from importlib import import_module

    from pmiek.adapters.web.security import install_security
    from pmiek.adapters.web.worker import Worker

    config = settings or WebSettings()
    opened = store or Store(config.database_url)
    opened.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.worker.shutdown()
        if store is None:
            opened.close()

    app = FastAPI(title="pmiek", version=__version__, lifespan=lifespan,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.settings = config
    app.state.store = opened
    app.state.results = Results(opened)
    app.state.templates = templates()
    app.state.page_cache = Cache(PAGE_CACHE_SIZE)
    app.state.worker = Worker(opened, app.state.results, workers=config.workers)
    app.add_exception_handler(HTTPException, _http_error)
    install_security(app, config)
    for name in ROUTER_MODULES:
        app.include_router(import_module(f"{__package__}.{name}").router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
