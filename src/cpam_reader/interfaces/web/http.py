"""Errors as HTTP answers: the one place where an error's code becomes a status (and the headers it calls for)."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

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


def error_response(
    error: CpamReaderError, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """``{"error": {code, message}}`` (or ``body``, a failed letter's whole result) at the error's status."""
    retry = error.retry_after_s if isinstance(error, RequestRefused) else None
    headers = {**(headers or {}), **({"Retry-After": str(retry)} if retry else {})}
    if isinstance(error, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body or {"error": error.to_dict()}, status_code=http_status(error), headers=headers)


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
