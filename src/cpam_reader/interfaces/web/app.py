"""The HTTP service: the applicant page at ``/`` and the JSON API under ``/v1`` (OpenAPI at ``/docs``).

Every letter goes to the reader processes of :class:`~cpam_reader.jobs.local.ReaderPool`; the event loop only
receives, checks and answers. Errors are turned into HTTP statuses here and nowhere else (:data:`STATUSES`).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import hashlib
import hmac
import importlib.resources
import logging
import re
from collections.abc import AsyncIterator
from concurrent.futures import Future
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cpam_reader import __version__
from cpam_reader.base.errors import (
    BadRequest,
    BatchNotFound,
    Busy,
    CpamReaderError,
    EngineError,
    InputError,
    OcrUnavailable,
    RateLimited,
    RequestRefused,
    TooLarge,
    Unauthorized,
    UnsupportedFormat,
)
from cpam_reader.base.result import LetterResult
from cpam_reader.base.settings import MB, Settings
from cpam_reader.image.ocr import tesseract_info
from cpam_reader.interfaces.output import to_csv
from cpam_reader.interfaces.web.batches import ZIP_MAGIC, BatchStore, clean_name, unpack_zip
from cpam_reader.interfaces.web.guard import SECURITY_HEADERS, BodyLimit, RateLimiter
from cpam_reader.jobs.base import Runner, make_runner
from cpam_reader.jobs.local import BATCH, INTERACTIVE, Job
from cpam_reader.load.loaders import sniff
from cpam_reader.number import nir

log = logging.getLogger(__name__)
STATIC = importlib.resources.files("cpam_reader.interfaces.web") / "static"

STATUSES: tuple[tuple[type[CpamReaderError], int], ...] = (
    (TooLarge, 413),  # upload_too_large included
    (UnsupportedFormat, 415),
    (Unauthorized, 401),
    (BatchNotFound, 404),
    (RateLimited, 429),
    (Busy, 503),
    (OcrUnavailable, 503),
    (BadRequest, 400),
    (InputError, 422),
    (EngineError, 500),
)


def http_status(error: CpamReaderError) -> int:
    """The HTTP status of an error: the first class of :data:`STATUSES` it belongs to."""
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 500)


def _error_response(error: CpamReaderError, body: dict[str, Any] | None = None) -> JSONResponse:
    retry = error.retry_after_s if isinstance(error, RequestRefused) else None
    headers = {"Retry-After": str(retry)} if retry else {}
    if isinstance(error, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body or {"error": error.to_dict()}, status_code=http_status(error), headers=headers)


def _multipart_doc(field: str, many: bool) -> dict[str, Any]:
    """The OpenAPI description of a multipart body whose files are read by hand (to bound them while streaming)."""
    file = {"type": "string", "format": "binary"}
    schema = {"type": "array", "items": file} if many else file
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {field: schema}, "required": [field]}
                }
            },
        }
    }


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
    settings = settings or Settings.from_env()
    store = BatchStore(settings.batch_ttl_s)
    limiter = RateLimiter(settings.rate_limit_per_minute)
    state: dict[str, Runner] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state["pool"] = pool or make_runner(
            settings.readers,
            broker=settings.broker,
            timeout_s=settings.document_timeout_s,
            max_pending=settings.max_queued_letters,
            settings=settings,
        )
        purger = asyncio.create_task(_purge_forever(store))
        try:
            yield
        finally:
            purger.cancel()
            if pool is None:
                await asyncio.to_thread(state["pool"].close)

    app = FastAPI(
        title="cpam-reader",
        version=__version__,
        summary="Reads letters from the French health insurance: the social security number, its status, the kind "
        "of letter and what to do next.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        limit_for=lambda path: (
            settings.max_batch_bytes if path.startswith("/v1/batches") else settings.max_upload_bytes
        ),
    )
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    docs_assets = importlib.resources.files("fastapi_offline") / "static"
    app.mount("/docs-assets", StaticFiles(directory=str(docs_assets)), name="docs-assets")

    @app.exception_handler(CpamReaderError)
    async def refused(_: Request, error: CpamReaderError) -> JSONResponse:
        return _error_response(error)

    def owner_of(request: Request) -> str:
        """The client name of the request's API key; :class:`Unauthorized` without a known one."""
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise Unauthorized()
        digest = hashlib.sha256(key.strip().encode()).hexdigest()
        for known, name in settings.api_keys.items():
            if hmac.compare_digest(known, digest):
                return name
        raise Unauthorized("This API key is not known: check it, or ask for a new one.")

    async def files_of(request: Request, field: str, max_files: int) -> list[tuple[str, bytes]]:
        """The uploaded files of a multipart field, read whole (the body was bounded while it streamed in)."""
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise BadRequest(f"Send the file as multipart/form-data in the field '{field}'.")
        try:
            form = await request.form(max_files=max_files, max_fields=10)
        except MultiPartException as exc:
            raise BadRequest(f"The upload could not be parsed: {exc.message}") from exc
        try:
            uploads = [u for u in form.getlist(field) if isinstance(u, UploadFile)]
            if not uploads:
                raise BadRequest(f"No file in the field '{field}'.")
            return [(clean_name(u.filename), await u.read()) for u in uploads]
        finally:
            await form.close()

    # The page's size check and wording follow this service's upload limit, written on its body.
    index = (STATIC / "index.html").read_text(encoding="utf-8")
    index = index.replace("<body>", f'<body data-max-upload-mb="{settings.max_upload_bytes / MB:g}">', 1)

    @app.get("/", include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(index)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        html = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="cpam-reader API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )
        return _with_script_hashes(html)

    @app.get("/v1/health", summary="Service and OCR engine status")
    async def health() -> dict[str, Any]:
        version, languages = await asyncio.to_thread(tesseract_info, settings.ocr)
        reader = state["pool"]
        return {
            "status": "ok" if "fra" in languages else "degraded",
            "version": __version__,
            "tesseract": {"version": version, "languages": list(languages)},
            "readers": reader.workers,
            "queued": reader.pending,
        }

    @app.post(
        "/v1/letters",
        summary="Read one letter (photo or PDF) and return its result",
        openapi_extra=_multipart_doc("file", many=False),
        responses={
            413: {"description": "upload_too_large / too_large"},
            415: {"description": "unsupported_format"},
            422: {"description": "the document cannot be read (code in error.code)"},
            429: {"description": "rate_limited (Retry-After)"},
            503: {"description": "busy (Retry-After)"},
        },
    )
    async def read_one(request: Request) -> JSONResponse:
        limiter.take(request.client.host if request.client else "unknown")
        [(name, data)] = (await files_of(request, "file", max_files=1))[:1]
        result = await _read(state["pool"], name, data)
        if result.error is not None:
            return _error_response(result.error, result.to_dict())
        return JSONResponse(result.to_dict())

    @app.post(
        "/v1/batches",
        summary="Send several letters (files, or one zip) to be read in the background",
        status_code=202,
        openapi_extra={**_multipart_doc("files", many=True), "security": [{"bearer": []}]},
    )
    async def create_batch(request: Request) -> JSONResponse:
        owner = owner_of(request)
        documents: list[tuple[str, bytes | CpamReaderError]] = []
        for name, upload in await files_of(request, "files", max_files=settings.max_batch_files):
            if upload.startswith(ZIP_MAGIC):
                documents += unpack_zip(
                    upload, settings.max_batch_files, settings.max_batch_bytes, settings.max_upload_bytes
                )
            else:
                documents.append((name, upload))
        if len(documents) > settings.max_batch_files:
            raise BadRequest(f"At most {settings.max_batch_files} documents per batch: split it.")
        reader = state["pool"]
        if reader.pending_at(BATCH) + len(documents) > settings.max_queued_batch_documents:
            raise Busy(retry_after_s=60, message="Too many batch documents are waiting: send this batch later.")
        batch = store.create(owner, [name for name, _ in documents])
        for index, (name, data) in enumerate(documents):
            if isinstance(data, CpamReaderError):
                store.record(batch.id, index, LetterResult.failed(name, data))
                continue
            future = reader.submit(Job(data, name=name), priority=BATCH)
            future.add_done_callback(functools.partial(_record, store, batch.id, index))
        log.info("batch of %d documents queued for client %s", len(documents), owner)
        return JSONResponse(
            {"id": batch.id, "documents": len(documents), "status_url": f"/v1/batches/{batch.id}"},
            status_code=202,
        )

    @app.get(
        "/v1/batches/{batch_id}", summary="A batch's progress and results", openapi_extra={"security": [{"bearer": []}]}
    )
    async def get_batch(batch_id: str, request: Request) -> dict[str, Any]:
        return store.get(batch_id, owner_of(request)).summary(store.ttl_s)

    @app.get(
        "/v1/batches/{batch_id}/results.csv",
        summary="A batch's finished results as CSV",
        response_class=PlainTextResponse,
        openapi_extra={"security": [{"bearer": []}]},
    )
    async def batch_csv(batch_id: str, request: Request) -> Response:
        batch = store.get(batch_id, owner_of(request))
        body = to_csv(r for r in batch.results if r is not None)
        return Response(
            body,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="batch-{batch.id}.csv"'},
        )

    @app.delete(
        "/v1/batches/{batch_id}",
        summary="Delete a batch and its results now",
        status_code=204,
        openapi_extra={"security": [{"bearer": []}]},
    )
    async def delete_batch(batch_id: str, request: Request) -> Response:
        store.delete(batch_id, owner_of(request))
        return Response(status_code=204)

    _add_bearer_scheme(app)
    return app


async def _read(reader: Runner, name: str, data: bytes) -> LetterResult:
    """One letter read by a reader process, after the checks that cost nothing (type by content)."""
    try:
        sniff(data[:1024])
    except CpamReaderError as error:
        return LetterResult.failed(name, error)
    future = reader.submit(Job(data, name=name), priority=INTERACTIVE, wait=False)
    result = await asyncio.wrap_future(future)
    log.info(
        "letter read: %s, %s, number %s, %.0f ms",
        result.letter_type or "-",
        result.error.code if result.error else "ok",
        nir.mask(result.nir) if result.nir else "-",
        sum(result.timings_ms.values()),
    )
    return result


def _record(store: BatchStore, batch_id: str, index: int, done: Future[LetterResult]) -> None:
    store.record(batch_id, index, done.result())


async def _purge_forever(store: BatchStore, every_s: float = 60.0) -> None:
    while True:
        await asyncio.sleep(every_s)
        store.purge()


def _with_script_hashes(html: HTMLResponse) -> HTMLResponse:
    """The docs page with a CSP allowing exactly its own inline scripts (by hash), nothing from elsewhere."""
    body = bytes(html.body).decode()
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", body, flags=re.DOTALL)
    ]
    policy = (
        f"default-src 'self'; script-src 'self' {' '.join(hashes)}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    return HTMLResponse(body, headers={"Content-Security-Policy": policy})


def _add_bearer_scheme(app: FastAPI) -> None:
    """Declare the API-key scheme in the OpenAPI document, so /docs offers an "Authorize" button."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        schema = original()
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from `cpam-reader api-key NAME`.",
        }
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
