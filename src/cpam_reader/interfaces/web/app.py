"""The HTTP service: the applicant page at ``/`` and the JSON API under ``/v1`` (OpenAPI at ``/docs``).

Every letter goes to the reader processes of :class:`~cpam_reader.jobs.local.ReaderPool` (or the Celery workers);
the event loop only receives, checks and answers. :func:`create_app` assembles the parts: the routes of
``pages``, ``letters`` and ``batch_routes``, given what they need by ``deps``; errors become HTTP statuses in
``http`` and nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.resources
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cpam_reader import __version__
from cpam_reader.base.errors import CpamReaderError
from cpam_reader.base.settings import Settings, current
from cpam_reader.interfaces.keys import KeyRing
from cpam_reader.interfaces.web import batch_routes, letters, pages
from cpam_reader.interfaces.web.batches import BatchStore
from cpam_reader.interfaces.web.callbacks import CallbackSender
from cpam_reader.interfaces.web.deps import Service
from cpam_reader.interfaces.web.guard import SECURITY_HEADERS, BodyDeadline, BodyLimit, RateLimiter
from cpam_reader.interfaces.web.http import error_response, validation_error, web_stack_error
from cpam_reader.jobs.base import Runner, make_runner


class SecurityHeaders:
    """ASGI middleware: the headers of :data:`SECURITY_HEADERS` on every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (name.lower().encode(), value.encode())
                    for name, value in SECURITY_HEADERS.items()
                    if name.lower().encode() not in present
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def create_app(settings: Settings | None = None, pool: Runner | None = None) -> FastAPI:
    """The service, its documents read by ``pool``.

    By default: ``settings.readers`` reader processes started with the app, or the Celery workers of
    ``settings.broker`` when one is set.
    """
    settings = settings or current()
    part = Service(
        settings, BatchStore(settings.batch_ttl_s), RateLimiter(settings.rate_limit_per_minute), KeyRing(settings)
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        part.reader = pool or make_runner(
            settings.readers,
            broker=settings.broker,
            timeout_s=settings.document_timeout_s,
            max_pending=settings.max_queued_letters,
            settings=settings,
        )
        purger = asyncio.create_task(_purge_forever(part.store))
        sender = CallbackSender(part.store, part.keys, settings)
        part.store.on_finished = sender.finished
        try:
            yield
        finally:
            purger.cancel()
            part.store.on_finished = None
            await asyncio.to_thread(sender.close)
            if pool is None:
                await asyncio.to_thread(part.reader.close)

    app = FastAPI(
        title="cpam-reader",
        version=__version__,
        summary="Reads letters from the French health insurance: the social security number, its status, the kind "
        "of letter and what to do next.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = part
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        limit_for=lambda path: (
            settings.max_batch_bytes if path.startswith("/v1/batches") else settings.max_upload_bytes
        ),
    )
    app.add_middleware(BodyDeadline, timeout_s=settings.body_timeout_s)
    app.mount("/static", StaticFiles(directory=str(pages.STATIC)), name="static")
    docs_assets = importlib.resources.files("fastapi_offline") / "static"
    app.mount("/docs-assets", StaticFiles(directory=str(docs_assets)), name="docs-assets")
    app.add_exception_handler(CpamReaderError, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _refused_by_the_web_stack)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    for routes in (pages.router, letters.router, batch_routes.router):
        app.include_router(routes)
    return app


async def _refused(_: Request, error: CpamReaderError) -> JSONResponse:
    return error_response(error)


async def _refused_by_the_web_stack(_: Request, exc: HTTPException) -> JSONResponse:
    """An unknown route, a wrong method, a body Starlette could not parse: in the shape of every other error."""
    return error_response(web_stack_error(exc.status_code, exc.detail), headers=dict(exc.headers or {}))


async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(validation_error(exc.errors()))


async def _purge_forever(store: BatchStore, every_s: float = 60.0) -> None:
    while True:
        await asyncio.sleep(every_s)
        store.purge()
