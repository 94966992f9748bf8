"""One letter at a time: ``POST /v1/letters`` (the applicant page's and a client's).

Beside it, what says how the service is doing: ``GET /v1/health``, and ``GET /metrics``
(:mod:`cpam_reader.jobs.metrics`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client.exposition import choose_encoder
from starlette.types import Receive

from cpam_reader import __version__
from cpam_reader.base.errors import ClientGone, CpamReaderError
from cpam_reader.base.result import LetterResult
from cpam_reader.image.ocr import tesseract_info
from cpam_reader.interfaces.web.deps import Service, reader, service, uploaded_files
from cpam_reader.interfaces.web.display import page_view
from cpam_reader.interfaces.web.http import error_response, multipart_doc
from cpam_reader.jobs.base import Runner
from cpam_reader.jobs.job import INTERACTIVE, Job
from cpam_reader.jobs.metrics import Metrics
from cpam_reader.load.loaders import sniff
from cpam_reader.number import nir

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/v1/health", summary="Service and OCR engine status")
async def health(
    part: Annotated[Service, Depends(service)], readers: Annotated[Runner, Depends(reader)]
) -> dict[str, Any]:
    version, languages = await asyncio.to_thread(tesseract_info, part.settings.ocr)
    return {
        "status": "ok" if "fra" in languages else "degraded",
        "version": __version__,
        "tesseract": {"version": version, "languages": list(languages)},
        "readers": readers.workers,
        "queued": readers.pending,
    }


@router.get("/metrics", summary="Metrics in the Prometheus text format", response_class=Response)
def metrics(
    request: Request, part: Annotated[Service, Depends(service)], readers: Annotated[Runner, Depends(reader)]
) -> Response:
    """No API key and no rate limit, for a Prometheus to scrape it: keep it internal at the proxy if need be.

    No personal data in it (labels come from fixed sets only); the gauges are read now, from the readers and the
    batch store. The format is the one the scraper's ``Accept`` asks for, as ``prometheus_client``'s own server
    (the watch folder's and the workers' ports) chooses it.
    """
    registry = part.metrics.registry(
        pending_at=readers.pending_at, readers_alive=lambda: readers.alive, batches_running=part.store.running
    )
    encode, content_type = choose_encoder(request.headers.get("accept", ""))
    return Response(encode(registry), headers={"Content-Type": content_type})


@router.post(
    "/v1/letters",
    summary="Read one letter (photo or PDF) and return its result",
    openapi_extra=multipart_doc("file", many=False),
    responses={
        413: {"description": "upload_too_large / too_large"},
        415: {"description": "unsupported_format"},
        422: {"description": "the document cannot be read (code in error.code)"},
        429: {"description": "rate_limited (Retry-After)"},
        503: {"description": "busy (Retry-After)"},
    },
)
async def read_one(
    request: Request,
    part: Annotated[Service, Depends(service)],
    view: Annotated[
        Literal["page"] | None,
        Query(description="`page`: add `display`, what the applicant page shows of the result (`web/display.py`)"),
    ] = None,
) -> JSONResponse:
    part.limiter.take(request.client.host if request.client else "unknown")
    [(name, data)] = (await uploaded_files(request, "file", max_files=1))[:1]
    job = Job(data, name=name)
    result = await read(reader(part), job, part.metrics, request.receive)
    headers = {REQUEST_ID: job.ref}
    if result.error is not None:
        return error_response(result.error, result.to_dict(), headers=headers)
    body = result.to_dict()
    if view == "page":
        body["display"] = page_view(result)
    return JSONResponse(body, headers=headers)


REQUEST_ID = "X-Request-Id"
"""The answer's header holding the letter's log reference: what the service's log lines call it."""


async def read(readers: Runner, job: Job, metrics: Metrics, receive: Receive | None = None) -> LetterResult:
    """One letter read by a reader process, after the checks that cost nothing (type by content); counted.

    A letter refused as :class:`~cpam_reader.base.errors.Busy` raises before it is counted: it was not read.
    ``receive``: the request's, its body already read; if it says the client disconnected while the letter
    waits its turn, the letter is dropped unread (:class:`ClientGone`): nobody would see its result, and the
    applicants behind it wait less. A letter a reader has taken is read to the end all the same.
    """
    assert isinstance(job.source, bytes)
    try:
        sniff(job.source[:1024])
    except CpamReaderError as error:
        refused = LetterResult.failed(job.label, error)
        metrics.observe(refused, INTERACTIVE)
        return refused
    future = readers.submit(job, priority=INTERACTIVE, wait=False)
    answer = asyncio.ensure_future(asyncio.wrap_future(future))
    if receive is not None:
        watcher = asyncio.ensure_future(_disconnection(receive))
        try:
            done, _ = await asyncio.wait((answer, watcher), return_when=asyncio.FIRST_COMPLETED)
            gone = watcher in done and watcher.exception() is None
        finally:
            watcher.cancel()
        if gone and not answer.done() and future.cancel():
            log.info("letter %s: its client went away, dropped before reading", job.ref)
            raise ClientGone()
    result = await answer
    metrics.observe(result, INTERACTIVE)
    log.info(
        "letter %s read: %s, %s, number %s, %.0f ms",
        job.ref,
        result.letter_type or "-",
        result.error.code if result.error else "ok",
        nir.mask(result.nir) if result.nir else "-",
        sum(result.timings_ms.values()),
    )
    return result


async def _disconnection(receive: Receive) -> None:
    """Returns when the client has disconnected (the body was read: nothing else can come)."""
    while (await receive())["type"] != "http.disconnect":
        pass
