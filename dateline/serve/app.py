"""The web app: ``create_app(db=..., settings=...)`` builds the FastAPI application.

Server-rendered pages (Jinja2, autoescaped) over the store, a JSON API under ``/api/`` with
FastAPI's OpenAPI schema at ``/api/openapi.json``, static assets from the package (nothing
from a CDN), one JSON error shape, no CORS.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..config import Settings, load_settings
from ..store import open_store
from .guards import BodyLimit, SecurityHeaders
from .problems import install_error_handlers
from .reader import ReadCache, StoreReader
from .uploads import Ingester

__all__ = ["create_app"]

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True
    env.globals["version"] = __version__
    env.filters["day"] = lambda v: (v or "")[:10]
    env.filters["score"] = lambda v: "" if v is None else f"{float(v):+.1f}"
    env.filters["web_url"] = web_url
    return templates


def web_url(value: str | None) -> str:
    """The value when it is an http(s) URL, else "" (never a ``javascript:`` link)."""
    v = (value or "").strip()
    return v if v.lower().startswith(("http://", "https://")) and not any(c in v for c in "\"'<> ") else ""


def create_app(*, db: str, settings: Settings | None = None, create: bool = False,
               cache_seconds: float = 10.0) -> FastAPI:
    """The web UI and HTTP API over one store.

    Args:
        db: the store (SQLite path or ``postgresql://`` URL).
        settings: ``api_token`` (ingest over HTTP; off when None), ``max_input_bytes`` (the
            largest request body), and what ingest runs (spaCy model, stages).
        create: create an empty store when ``db`` does not exist (else it is an error).
        cache_seconds: how long a read (an event page, counts, a chart) is reused; the app's
            own ingest clears it at once; 0 reads the store on every request.

    Raises:
        StoreError: the store cannot be opened.
    """
    settings = settings or Settings()
    store = open_store(db, create=create)
    app = FastAPI(
        title="dateline",
        version=__version__,
        description="Who did and said what, to whom, when and where, and according to whom: "
                    "articles, statements and PLOVER events read from the news.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN: not here
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.templates = _templates()
    app.state.cache = ReadCache(ttl=cache_seconds)
    app.state.reader = StoreReader(store, app.state.cache)
    app.state.ingester = Ingester(store, settings, on_stored=app.state.cache.clear)
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=settings.max_input_bytes)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from .api import router as api_router
    from .pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the store's connections when the server stops."""
    yield
    app.state.store.close()


def app_from_environment() -> FastAPI:
    """The app for each worker process of ``dateline serve --workers N``: the store and settings
    come from ``DATELINE_*`` variables (``DATELINE_DB``, ``DATELINE_API_TOKEN`` ...) and the read
    cache from ``DATELINE_SERVE_CACHE_SECONDS``."""
    conf = load_settings()
    cache = float(os.environ.get("DATELINE_SERVE_CACHE_SECONDS", "10"))
    return create_app(db=conf.db, settings=conf, cache_seconds=cache)
