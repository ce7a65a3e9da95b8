"""``create_app``: the FastAPI app behind ``sitat serve``, with the API routers and the web pages."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from spacy.language import Language
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import SitatError
from .balance import BalanceCache
from .database import ReadOnlyStore
from .extraction import EXTRACT_TIMEOUT_S, INGEST_TIMEOUT_S, Extractor
from .limits import MAX_BODY_BYTES, BodyLimitMiddleware, SecurityHeadersMiddleware

log = logging.getLogger("sitat.serve")
HERE = Path(__file__).parent
API_PREFIX = "/api"
# E050/E060: no store at that path; anything else the store refuses is a damaged or newer file.
MISSING_STORE = ("E050", "E060")

DESCRIPTION = """Who said what in Norwegian news: extract quotes and their speakers from an article,
store articles, search the stored quotes, and read source-balance statistics.
Offsets are Python `str` indices into the article text. See docs/serve.md."""


def create_app(db_path: str | Path, *, api_token: str | None = None, nlp: Language | None = None,
               cors_origins: Sequence[str] = (), max_body_bytes: int = MAX_BODY_BYTES,
               extract_timeout_s: float = EXTRACT_TIMEOUT_S, ingest_timeout_s: float = INGEST_TIMEOUT_S) -> FastAPI:
    """The HTTP API (under /api, documented at /docs) and the web UI, over one store.

    db_path (str | Path): the SQLite store; queries read it through ``mode=ro`` connections.
    api_token (str | None): when set, ``POST /api/articles`` needs ``Authorization: Bearer <token>``.
    nlp (Language | None): the pipeline to extract with; the shipped one, loaded on first use, when None.
    cors_origins (Sequence[str]): origins allowed to call the API from a browser; none by default.
    max_body_bytes (int): larger request bodies get 413.
    extract_timeout_s, ingest_timeout_s (float): how long a request waits for extraction or ingest.
    RETURNS (FastAPI): the app; settings on ``app.state.db_path`` (Path) and ``app.state.api_token``.
    DOCS: docs/serve.md
    """
    from ..feeds.api import router as feeds_router
    from .routers import articles, extract, pages, quotes, speakers, stats

    store = ReadOnlyStore(Path(db_path))
    extractor = Extractor(nlp=nlp, extract_timeout_s=extract_timeout_s, ingest_timeout_s=ingest_timeout_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        extractor.shutdown()
        store.close()

    # /docs is served from swagger-ui-bundle's files, not a CDN: newsroom networks may be offline.
    app = FastAPI(title="sitat", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    _offline_docs(app)
    app.state.db_path = Path(db_path)
    app.state.api_token = api_token or None
    app.state.store = store
    app.state.balance = BalanceCache(Path(db_path))
    app.state.extractor = extractor

    for router in (extract.router, articles.router, quotes.router, speakers.router, stats.router):
        app.include_router(router, prefix=API_PREFIX)
    # `sitat watch` feeds, managed over the API: POST needs the token like POST /api/articles.
    app.include_router(feeds_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    _error_handlers(app)
    return app


DOCS_ASSETS = "/docs-assets"


def _offline_docs(app: FastAPI) -> None:
    """Swagger UI at /docs with its scripts and styles from the installed swagger-ui-bundle."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount(DOCS_ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="sitat API",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png")


DB_ENV, TOKEN_ENV, CORS_ENV = "SITAT_DB", "SITAT_API_TOKEN", "SITAT_CORS_ORIGINS"


def app_from_environment() -> FastAPI:
    """``create_app`` with settings from ``$SITAT_DB``, ``$SITAT_API_TOKEN`` and ``$SITAT_CORS_ORIGINS``
    (space-separated): the factory ``sitat serve --workers N`` hands to uvicorn."""
    from ..store.database import default_path

    return create_app(default_path(), api_token=os.environ.get(TOKEN_ENV) or None,
                      cors_origins=os.environ.get(CORS_ENV, "").split())


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX + "/") or request.url.path == API_PREFIX


def _allowed_methods(app: FastAPI, request: Request) -> str:
    """Every method some route of the request's path answers, for a 405's Allow header."""
    from starlette.routing import Match

    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return ", ".join(sorted(methods))


def _error_handlers(app: FastAPI) -> None:
    """JSON errors under /api, Norwegian error pages elsewhere."""
    from .routers.pages import error_page

    @app.exception_handler(SitatError)
    async def sitat_error(request: Request, err: SitatError):
        message = str(err)
        status = 503 if message.startswith(MISSING_STORE) else 400
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=status)
        return error_page(request, status, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException):
        if err.status_code == 405:
            # Starlette names only the first route of the path; GET and POST /api/feeds are two.
            err.headers = {**(err.headers or {}), "Allow": _allowed_methods(app, request)}
        if _is_api(request) or request.url.path.startswith(("/docs", "/openapi", "/redoc", "/static")):
            return JSONResponse({"detail": err.detail}, status_code=err.status_code, headers=err.headers)
        return error_page(request, err.status_code, str(err.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError):
        if _is_api(request):
            return await request_validation_exception_handler(request, err)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in err.errors())
        return error_page(request, 422, f"Ugyldig adresse ({problems}).")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        message = f"internal error ({type(err).__name__}); the server log has the details"
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=500)
        return error_page(request, 500, message)
