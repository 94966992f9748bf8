"""What the routes are given (FastAPI dependencies): the service's parts, the client of an API key, the uploads."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from cpam_reader.base.errors import BadRequest, Unauthorized
from cpam_reader.base.settings import Settings
from cpam_reader.interfaces.keys import KeyRing
from cpam_reader.interfaces.web.batches import BatchStore, clean_name
from cpam_reader.interfaces.web.guard import RateLimiter
from cpam_reader.jobs.base import Runner
from cpam_reader.jobs.metrics import Metrics


@dataclasses.dataclass
class Service:
    """The parts of one running service, kept on ``app.state.service``."""

    settings: Settings
    store: BatchStore
    limiter: RateLimiter
    keys: KeyRing
    reader: Runner | None = None
    """Set when the app starts (its lifespan): the reader processes, or the Celery workers."""
    metrics: Metrics = dataclasses.field(default_factory=Metrics)
    """What the service counts, each app its own (``GET /metrics``)."""


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def reader(part: Annotated[Service, Depends(service)]) -> Runner:
    """The runner reading the documents.

    A route asks for it after it took the upload in: an upload cut off at the cap never needs one.
    """
    assert part.reader is not None, "the service reads only once started (its lifespan)"
    return part.reader


_BEARER = HTTPBearer(scheme_name="bearer", description="An API key from `cpam-reader api-key NAME`.", auto_error=False)


def client(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
    part: Annotated[Service, Depends(service)],
) -> str:
    """The client of the request's API key (every key of a client is that client); :class:`Unauthorized` else."""
    if credentials is None or not credentials.credentials.strip():
        raise Unauthorized()
    name = part.keys.client_of(credentials.credentials)
    if name is None:
        raise Unauthorized("This API key is not known (or was revoked): check it, or ask for a new one.")
    return name


async def uploaded_files(request: Request, field: str, max_files: int) -> list[tuple[str, bytes]]:
    """The uploaded files of a multipart field, read whole (the body was bounded while it streamed in)."""
    return (await uploaded_form(request, field, max_files))[0]


async def uploaded_form(
    request: Request, field: str, max_files: int, fields: tuple[str, ...] = ()
) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    """The uploaded files of a multipart field, and the text ``fields`` that were sent (at most 1000 characters)."""
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
        values = {name: value for name in fields if isinstance(value := form.get(name), str)}
        if any(len(value) > 1000 for value in values.values()):
            raise BadRequest("A form field is longer than 1000 characters.")
        return [(clean_name(u.filename), await u.read()) for u in uploads], values
    finally:
        await form.close()
