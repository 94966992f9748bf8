"""Batches for HR departments, behind an API key: send many letters, follow them, fetch the results, delete them."""

from __future__ import annotations

import functools
import logging
from concurrent.futures import Future
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from cpam_reader.base.errors import BadRequest, Busy, CpamReaderError
from cpam_reader.base.result import LetterResult
from cpam_reader.interfaces.output import to_csv
from cpam_reader.interfaces.web.batches import ZIP_MAGIC, unpack_zip
from cpam_reader.interfaces.web.callbacks import Callback, checked_url
from cpam_reader.interfaces.web.deps import Service, client, reader, service, uploaded_form
from cpam_reader.interfaces.web.http import multipart_doc
from cpam_reader.jobs.job import BATCH, Job

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/batches")

Client = Annotated[str, Depends(client)]
Part = Annotated[Service, Depends(service)]


@router.post(
    "",
    summary="Send several letters (files, or one zip) to be read in the background",
    status_code=202,
    openapi_extra=multipart_doc(
        "files",
        many=True,
        text_fields={
            "callback_url": "POSTed the batch's summary, signed (X-Cpam-Reader-Signature), when it finishes",
            "callback_results": "'summary' (default: no numbers, no file names) or 'full' (the results)",
        },
    ),
)
async def create_batch(request: Request, owner: Client, part: Part) -> JSONResponse:
    settings = part.settings
    documents: list[tuple[str, bytes | CpamReaderError]] = []
    files, fields = await uploaded_form(request, "files", settings.max_batch_files, CALLBACK_FIELDS)
    callback = _callback(fields, owner, part)
    for name, upload in files:
        if upload.startswith(ZIP_MAGIC):
            documents += unpack_zip(
                upload, settings.max_batch_files, settings.max_batch_bytes, settings.max_upload_bytes
            )
        else:
            documents.append((name, upload))
    if len(documents) > settings.max_batch_files:
        raise BadRequest(f"At most {settings.max_batch_files} documents per batch: split it.")
    readers = reader(part)
    if readers.pending_at(BATCH) + len(documents) > settings.max_queued_batch_documents:
        raise Busy(retry_after_s=60, message="Too many batch documents are waiting: send this batch later.")
    batch = part.store.create(owner, [name for name, _ in documents], callback)
    for index, (name, data) in enumerate(documents):
        if isinstance(data, CpamReaderError):
            _record(part, batch.id, index, LetterResult.failed(name, data))
            continue
        future = readers.submit(Job(data, name=name, ref=f"{batch.ref}.{index}"), priority=BATCH)
        future.add_done_callback(functools.partial(_read, part, batch.id, index))
    log.info("batch %s of %d documents queued for client %s", batch.ref, len(documents), owner)
    return JSONResponse(
        {"id": batch.id, "documents": len(documents), "status_url": f"/v1/batches/{batch.id}"},
        status_code=202,
    )


@router.get("/{batch_id}", summary="A batch's progress and results")
async def get_batch(batch_id: str, owner: Client, part: Part) -> dict[str, Any]:
    return part.store.get(batch_id, owner).summary(part.store.ttl_s)


@router.get("/{batch_id}/results.csv", summary="A batch's finished results as CSV", response_class=PlainTextResponse)
async def batch_csv(batch_id: str, owner: Client, part: Part) -> Response:
    batch = part.store.get(batch_id, owner)
    body = to_csv(r for r in batch.results if r is not None)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="batch-{batch.id}.csv"'},
    )


@router.delete("/{batch_id}", summary="Delete a batch and its results now", status_code=204)
async def delete_batch(batch_id: str, owner: Client, part: Part) -> Response:
    part.store.delete(batch_id, owner)
    return Response(status_code=204)


CALLBACK_FIELDS = ("callback_url", "callback_results")


def _callback(fields: dict[str, str], owner: str, part: Service) -> Callback | None:
    """The batch's callback from its form fields; :class:`BadRequest` for one the service will not make."""
    url = fields.get("callback_url", "").strip()
    results = fields.get("callback_results", "summary").strip() or "summary"
    if results not in ("summary", "full"):
        raise BadRequest("callback_results is 'summary' (the default: no numbers) or 'full' (the results).")
    if not url:
        return None
    if part.keys.secret_of(owner) is None:
        raise BadRequest("Your client has no signing secret for callbacks: ask for one (api-key NAME --new-secret).")
    checked_url(url, part.settings.callback_allow_private)
    return Callback(url, full_results=results == "full")


def _read(part: Service, batch_id: str, index: int, done: Future[LetterResult]) -> None:
    _record(part, batch_id, index, done.result())


def _record(part: Service, batch_id: str, index: int, result: LetterResult) -> None:
    """A batch document's result kept for its owner, and counted."""
    part.store.record(batch_id, index, result)
    part.metrics.observe(result, BATCH)
