"""Errors as HTTP answers: the one place where an error's code becomes a status (and the headers it calls for).

What the web stack refuses by itself (Starlette's ``HTTPException``: an unknown route, a wrong method, a body it
cannot parse; FastAPI's validation errors) is translated here into the same tree, so that every answer that is an
error has the one shape ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import http
import json
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.responses import JSONResponse

from cpam_reader.base.errors import (
    BadRequest,
    Busy,
    ClientGone,
    CpamReaderError,
    EngineError,
    InputError,
    InternalError,
    InvalidRequest,
    MethodNotAllowed,
    NotFound,
    OcrUnavailable,
    RateLimited,
    RequestRefused,
    RequestTimeout,
    TooLarge,
    Unauthorized,
    UnsupportedFormat,
    UploadTooLarge,
)

STATUSES: tuple[tuple[type[CpamReaderError], int], ...] = (
    (TooLarge, 413),  # upload_too_large included
    (UnsupportedFormat, 415),
    (Unauthorized, 401),
    (NotFound, 404),  # batch_not_found included
    (MethodNotAllowed, 405),
    (RequestTimeout, 408),
    (ClientGone, 499),  # nginx's "client closed request": only the access log ever sees it
    (RateLimited, 429),
    (Busy, 503),
    (OcrUnavailable, 503),
    (InvalidRequest, 422),  # FastAPI's status for its validation errors, as the OpenAPI at /docs says
    (BadRequest, 400),
    (InputError, 422),
    (EngineError, 500),
)


def http_status(error: CpamReaderError) -> int:
    """The HTTP status of an error: the first class of :data:`STATUSES` it belongs to."""
    return next((status for kind, status in STATUSES if isinstance(error, kind)), 500)


def error_response(
    error: CpamReaderError, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """``{"error": {code, message}}`` (or ``body``, a failed letter's whole result) at the error's status."""
    retry = error.retry_after_s if isinstance(error, RequestRefused) else None
    headers = {**(headers or {}), **({"Retry-After": str(retry)} if retry else {})}
    if isinstance(error, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(error, RequestTimeout):
        headers["Connection"] = "close"  # the rest of a slow body is not waited for
    return JSONResponse(body or {"error": error.to_dict()}, status_code=http_status(error), headers=headers)


_BY_STATUS: Mapping[int, type[CpamReaderError]] = {
    401: Unauthorized,
    404: NotFound,
    405: MethodNotAllowed,
    408: RequestTimeout,
    413: UploadTooLarge,
    429: RateLimited,
    503: Busy,
}


def web_stack_error(status: int, detail: object) -> CpamReaderError:
    """The error of the tree for a refusal of the web stack itself (Starlette's ``HTTPException``).

    Its own words are kept only for a 400 (they say what is wrong with a multipart body); other statuses get
    the message of their class, which says what to do.

    >>> web_stack_error(404, "Not Found").to_dict()["code"], web_stack_error(400, "Missing boundary.").message
    ('not_found', 'The request could not be parsed: Missing boundary.')
    """
    if status in _BY_STATUS:
        return _BY_STATUS[status]()
    if status >= 500:
        return InternalError()
    return BadRequest(f"The request could not be parsed: {detail}" if isinstance(detail, str) and detail else None)


def validation_error(errors: Sequence[Any]) -> InvalidRequest:
    """A FastAPI validation failure as :class:`InvalidRequest`, naming the parameters (never echoing their value).

    >>> validation_error([{"loc": ("query", "view"), "msg": "Input should be 'page'"}]).message
    "The request is not what this endpoint expects: query parameter 'view': Input should be 'page'. See /docs."
    """
    problems = [
        f"{error['loc'][0]} parameter '{'.'.join(str(part) for part in error['loc'][1:])}': {error['msg']}"
        for error in errors[:3]
        if isinstance(error, Mapping) and len(error.get("loc", ())) > 1
    ]
    if not problems:
        return InvalidRequest()
    return InvalidRequest(f"The request is not what this endpoint expects: {'; '.join(problems)}. See /docs.")


_PHRASES = {status.value: status.phrase for status in http.HTTPStatus}


def raw_error_response(error: CpamReaderError, headers: Mapping[str, str]) -> bytes:
    """The whole HTTP/1.1 answer for ``error``, as bytes, closing the connection.

    For the connection layer, which answers before there is any request for the app to see (a request head
    that came too slowly).
    """
    status = http_status(error)
    body = json.dumps({"error": error.to_dict()}).encode()
    lines = [
        f"HTTP/1.1 {status} {_PHRASES.get(status, '')}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return "\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + body


def multipart_doc(field: str, many: bool, text_fields: dict[str, str] | None = None) -> dict[str, Any]:
    """The OpenAPI description of a multipart body whose files are read by hand (to bound them while streaming).

    ``text_fields``: the optional text fields, with what each means.
    """
    file = {"type": "string", "format": "binary"}
    schema: dict[str, Any] = {"type": "array", "items": file} if many else file
    properties = {
        field: schema,
        **{name: {"type": "string", "description": d} for name, d in (text_fields or {}).items()},
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": {"type": "object", "properties": properties, "required": [field]}}
            },
        }
    }
