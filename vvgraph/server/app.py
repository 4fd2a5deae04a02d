"""The web application: routers composed over one dataset, errors answered from one table.

Middleware, outermost first: CORS (so every answer, errors included, can be read by a page on
another site, as YASGUI instances elsewhere need), gzip, request hygiene and security headers
(:mod:`.hygiene`; inside gzip, so it sees the HTML it hashes for the CSP), then a last catch for
unexpected errors, which therefore get CORS headers too.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from .._exceptions import QueryError, QueryTimeout, StoreError
from ..config import Settings
from ..store import LoadedDataset, ResultTooLarge, ServiceFailed, ServiceNotAllowed
from . import pages, sparql
from .errors import HttpError
from .hygiene import Hygiene, HygieneMiddleware
from .workers import Overloaded, WorkerPool, worker_setup

log = logging.getLogger(__name__)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(f"{message}\n", status_code=status,
                             headers={"Vary": "Accept", **(headers or {})})


def _status(status: int, headers: dict[str, str] | None = None
            ) -> Callable[[Request, Exception], Response]:
    def handler(request: Request, error: Exception) -> Response:
        return _text(status, str(error), headers)
    return handler


def _answered_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HttpError)
    return _text(error.status, str(error), error.headers)


def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    site = getattr(request.app.state, "site", None)
    if error.status_code == 404 and site is not None:
        return pages.not_found_response(site, request, request.url.path)
    return _text(error.status_code, str(error.detail), dict(error.headers or {}))


def _store_error(request: Request, error: Exception) -> Response:
    log.error("store error on %s: %s", request.url.path, error)
    return _text(500, f"the store could not answer: {error}")


# Each error vvgraph raises, and its HTTP answer. Starlette picks the entry of the most specific
# class, so ServiceNotAllowed (a QueryError) gets 403, not 400.
ERROR_HANDLERS: dict[Any, Callable[..., Any]] = {
    HttpError: _answered_error,   # the protocol's errors and the guards' refusals
    QueryError: _status(400),
    ServiceNotAllowed: _status(403),
    ResultTooLarge: _status(422),
    ServiceFailed: _status(502),
    Overloaded: _status(503, {"Retry-After": "5"}),
    QueryTimeout: _status(504),
    StoreError: _store_error,
    HTTPException: _http_error,
}


class InternalErrors:
    """Answer an unexpected exception with a plain 500 inside the CORS layer (Starlette's own
    last-resort handler sits outside every middleware, so its 500s would lack CORS)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("unexpected error on %s", scope.get("path"))
            if started:
                raise
            await _text(500, "internal server error")(scope, receive, send)


def create_app(settings: Settings, dataset: LoadedDataset) -> FastAPI:
    """The application serving ``dataset``; its query workers start and stop with it."""
    memory = settings.worker_memory
    pool = WorkerPool(worker_setup(dataset.sources, settings.service_allowlist, memory,
                                   settings.worker_stack),
                      size=settings.workers, queue_size=settings.queue_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(title="vvgraph", lifespan=lifespan, exception_handlers=ERROR_HANDLERS,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.pool = pool   # for an operator's (and the fault tests') look at the workers
    site = pages.Site.from_dataset(settings, dataset)
    app.state.site = site   # the Dutch 404 page of every path (see _http_error)
    yasgui = sparql.YASGUI_PATH if sparql.yasgui_dir(settings) is not None else None
    routers: list[APIRouter] = [
        sparql.create_router(settings, dataset, pool, pages.QueryPages(site, yasgui)),
        pages.create_router(settings, dataset, site)]
    for router in routers:
        app.include_router(router)
    if (assets := sparql.yasgui_dir(settings)) is not None:
        app.mount(sparql.YASGUI_PATH, StaticFiles(directory=assets), name="yasgui")
    app.add_middleware(InternalErrors)
    app.add_middleware(HygieneMiddleware, rules=Hygiene(settings.max_header_bytes,
                                                        settings.trusted_proxies))
    # Below a few packets, compressing costs more time than it saves (on loopback and LAN).
    app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=5)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_headers=["*"],
                       allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                       expose_headers=["ETag", "Last-Modified", "Retry-After", "X-Cache"], max_age=86400)
    return app
