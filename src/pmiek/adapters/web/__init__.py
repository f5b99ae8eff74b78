"""The web application (issue 19): FastAPI with server-rendered pages, htmx and a Leaflet
map in RD New, on the same store and stage API as the CLI.

:func:`pmiek.adapters.web.app.create_app` builds it from :class:`WebSettings`;
``pmiek serve`` runs it with uvicorn.
"""
