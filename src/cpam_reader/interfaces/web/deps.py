"""What the routes are given (FastAPI dependencies): the service's parts, the client of an API key, the uploads."""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect

from cpam_reader.base.errors import BadRequest, ClientGone, Unauthorized
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
    """The uploaded files of a multipart field, and the text ``fields`` that were sent (at most 1000 characters).

    The body is parsed here rather than by ``request.form()``, which turns a malformed body into an HTTP 400 of
    its own shape: a parser's complaint is a :class:`BadRequest` like any other.
    """
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise BadRequest(f"Send the file as multipart/form-data in the field '{field}'.")
    try:
        async with contextlib.aclosing(request.stream()) as stream:
            form = await _WholeBody(request.headers, stream, max_files=max_files, max_fields=10).parse()
    except MultiPartException as exc:
        raise BadRequest(f"The upload could not be parsed: {exc.message}") from exc
    except ClientDisconnect as exc:
        raise ClientGone("The client went away before its upload was complete.") from exc
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


class _WholeBody(MultiPartParser):
    """Starlette's multipart parser, refusing a body that ends before its closing boundary.

    Starlette's own returns the parts it got and leaves the cut part's temporary file open.
    """

    ended = False

    def on_end(self) -> None:
        self.ended = True  # called at the closing boundary only

    async def parse(self) -> FormData:
        form = await super().parse()
        if not self.ended:
            for file in self._files_to_close_on_error:
                file.close()
            raise MultiPartException("The body ends before its closing boundary: send it again, whole.")
        return form
