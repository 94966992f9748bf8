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
    │   └── TooLarge                too_large
    └── EngineError                 the machine is the problem
        ├── OcrUnavailable          ocr_unavailable
        ├── OcrFailed               ocr_failed
        └── InternalError           internal_error

Third-party exceptions are translated where they happen (the loaders, the OCR adapter) with ``raise ... from``.
"""

from __future__ import annotations


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
