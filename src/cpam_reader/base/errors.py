"""The one error tree of cpam-reader.

A document that cannot be read raises one of these; "no number found" is not an error but a field of the
result. Every class carries a stable ``code`` (used in JSON, CSV, exit codes and HTTP statuses, which are
chosen at the edge only) and a message that tells the user what to do next::

    CpamReaderError
    ├── InputError                  the document itself is the problem
    │   ├── FileNotFound            file_not_found
    │   ├── EmptyFile               empty_file
    │   ├── UnsupportedFormat       unsupported_format
    │   ├── CorruptFile             corrupt_file
    │   ├── EncryptedPdf            encrypted_pdf
    │   ├── TooLarge                too_large
    │   │   └── UploadTooLarge      upload_too_large
    │   └── DocumentTimeout         document_timeout
    ├── EngineError                 the machine is the problem
    │   ├── OcrUnavailable          ocr_unavailable
    │   ├── OcrFailed               ocr_failed
    │   └── InternalError           internal_error
    ├── SetupError                  the command's own set-up is the problem (exit code 2, nothing read)
    │   ├── WatchError              watch_setup
    │   └── JournalError            journal_unusable
    └── RequestRefused              the service refuses the request (HTTP only)
        ├── BadRequest              bad_request
        │   └── InvalidRequest      invalid_request
        ├── Unauthorized            unauthorized
        ├── NotFound                not_found
        │   └── BatchNotFound       batch_not_found
        ├── MethodNotAllowed        method_not_allowed
        ├── RequestTimeout          request_timeout
        ├── ClientGone              client_gone
        ├── RateLimited             rate_limited
        └── Busy                    busy

Third-party exceptions are translated where they happen (the loaders, the OCR adapter) with ``raise ... from``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping


class CpamReaderError(Exception):
    """Base of every error cpam-reader raises on purpose."""

    code = "error"
    default_message = "The document could not be read."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def to_dict(self) -> dict[str, str]:
        """The error as it appears in a result: ``{"code": ..., "message": ...}``."""
        return {"code": self.code, "message": self.message}


class InputError(CpamReaderError):
    """The document cannot be read: send another one."""

    code = "input_error"


class FileNotFound(InputError):
    code = "file_not_found"
    default_message = "The file does not exist or cannot be opened: check the path."


class EmptyFile(InputError):
    code = "empty_file"
    default_message = "The file is empty: send the letter again."


class UnsupportedFormat(InputError):
    code = "unsupported_format"
    default_message = "This kind of file is not supported: send a PDF or a photo (JPEG, PNG, TIFF, WebP, HEIC)."


class CorruptFile(InputError):
    code = "corrupt_file"
    default_message = "The file is damaged and cannot be opened: export or photograph the letter again."


class EncryptedPdf(InputError):
    code = "encrypted_pdf"
    default_message = "This PDF is password-protected: remove the password and send it again."


class TooLarge(InputError):
    code = "too_large"
    default_message = "The document is too large to read: send a smaller file or fewer pages."


class UploadTooLarge(TooLarge):
    code = "upload_too_large"
    default_message = "The file is larger than the upload limit: send a smaller photo or PDF."


class DocumentTimeout(InputError):
    code = "document_timeout"
    default_message = (
        "Reading this document took longer than the time limit: photograph the page flat and closer, "
        "or send fewer pages."
    )


class EngineError(CpamReaderError):
    """The document may be fine; the reading machinery failed."""

    code = "engine_error"


class OcrUnavailable(EngineError):
    code = "ocr_unavailable"
    default_message = "Tesseract with French data is not installed: install tesseract-ocr and tesseract-ocr-fra."


class OcrFailed(EngineError):
    code = "ocr_failed"
    default_message = "Text recognition failed on this document: try again, or send a clearer copy."


class InternalError(EngineError):
    code = "internal_error"
    default_message = "An unexpected error stopped the reading of this document; other documents go on."


class SetupError(CpamReaderError):
    """What a command was told to use cannot be used: fix the set-up and start it again."""

    code = "setup_error"


class WatchError(SetupError):
    """The watch folder cannot start: a folder is missing or misplaced, or the output folder is in use."""

    code = "watch_setup"


class JournalError(SetupError):
    """The output folder cannot be written: in use by another process, its key lost, or its results damaged."""

    code = "journal_unusable"


class RequestRefused(CpamReaderError):
    """The service turns the request away before reading anything: say why and when to come back."""

    code = "request_refused"

    def __init__(self, message: str | None = None, *, retry_after_s: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s  # when the same request may succeed (HTTP Retry-After), if known


class BadRequest(RequestRefused):
    code = "bad_request"
    default_message = "The request is not what this endpoint expects: see /docs."


class InvalidRequest(BadRequest):
    """A parameter out of its values: well-formed, but not what the endpoint takes (FastAPI's validation)."""

    code = "invalid_request"
    default_message = "A parameter of the request is not one this endpoint takes: see /docs."


class Unauthorized(RequestRefused):
    code = "unauthorized"
    default_message = "A valid API key is required: send it as 'Authorization: Bearer <key>'."


class NotFound(RequestRefused):
    code = "not_found"
    default_message = "There is nothing at this address: see /docs for the API's endpoints."


class BatchNotFound(NotFound):
    code = "batch_not_found"
    default_message = "No such batch for this API key (batches expire after a while): check the batch id."


class MethodNotAllowed(RequestRefused):
    code = "method_not_allowed"
    default_message = "This endpoint does not take this method: see /docs (the Allow header lists the ones it takes)."


class RequestTimeout(RequestRefused):
    """The client sent its request (head or body) too slowly: answered, then its connection closed.

    A slow client must not hold one of the server's connections for ever.
    """

    code = "request_timeout"
    default_message = "The request arrived too slowly and was cut off: send it again on a better connection."


class ClientGone(RequestRefused):
    """The client closed its connection before its letter was read: nobody is left to answer.

    Its status is for the access log only.
    """

    code = "client_gone"
    default_message = "The client went away before its letter was read."


class RateLimited(RequestRefused):
    code = "rate_limited"
    default_message = "Too many letters sent from here in a short time: wait a minute and try again."


class Busy(RequestRefused):
    code = "busy"
    default_message = "The service is busy reading other letters: try again in a minute."


@functools.cache
def error_kinds() -> Mapping[str, type[CpamReaderError]]:
    """Every code of the tree and its class (the first met, walking down from :class:`CpamReaderError`).

    >>> error_kinds()["encrypted_pdf"].__name__, "internal_error" in error_kinds()
    ('EncryptedPdf', True)
    """
    kinds: dict[str, type[CpamReaderError]] = {}
    pending: list[type[CpamReaderError]] = [CpamReaderError]
    while pending:
        kind = pending.pop()
        kinds.setdefault(kind.code, kind)
        pending += kind.__subclasses__()
    return kinds


def error_from_dict(data: dict[str, str]) -> CpamReaderError:
    """The error a ``to_dict()`` describes (a result that travelled as JSON), of its own class when known.

    >>> error = error_from_dict({"code": "encrypted_pdf", "message": "Remove the password."})
    >>> type(error).__name__, error.message
    ('EncryptedPdf', 'Remove the password.')
    """
    error = CpamReaderError.__new__(error_kinds().get(data.get("code", ""), CpamReaderError))
    CpamReaderError.__init__(error, data.get("message"))
    return error
