"""Loading documents: PDF (text layer or rendered pages) and images, from a path, bytes or a stream.

This is one of the two adapters that touch files. The file type is decided by its first bytes, never by its
name. Images are decoded by Pillow from an allow-list of formats (then handed to OpenCV as arrays), with their
EXIF orientation applied; HEIC photos come through pillow-heif. Third-party failures become
:mod:`cpam_reader.errors` here.
"""

from __future__ import annotations

import dataclasses
import io
import os
import warnings
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pdfplumber
import pillow_heif
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from cpam_reader.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedPdf,
    FileNotFound,
    TooLarge,
    UnsupportedFormat,
)

pillow_heif.register_heif_opener()

RENDER_DPI = 300
"""Resolution at which image-only PDF pages are rendered for OCR (Tesseract reads 10-12 pt text best there)."""
MIN_TEXT_CHARS = 40
"""A PDF page with fewer characters in its text layer, and an image on it, is treated as a scan and OCRed."""
MAX_PAGES = 50
MAX_PIXELS = 60_000_000
"""Pillow refuses to decode larger images (a 12-megapixel phone photo is far below)."""
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF", "WEBP", "HEIF")

Image.MAX_IMAGE_PIXELS = MAX_PIXELS

Source = str | os.PathLike[str] | bytes | BinaryIO


@dataclasses.dataclass(frozen=True)
class Page:
    """One page: its text layer when it has one, else its image (8-bit grayscale)."""

    number: int
    text: str | None = None
    image: np.ndarray | None = None


@dataclasses.dataclass(frozen=True)
class Document:
    kind: str
    """"pdf" or "image"."""
    pages: tuple[Page, ...]


def sniff(head: bytes) -> str:
    """The document kind from its first bytes.

    >>> sniff(b'%PDF-1.7'), sniff(b'\\x89PNG\\r\\n\\x1a\\n'), sniff(b'\\x00\\x00\\x00\\x18ftypheic')
    ('pdf', 'image', 'image')
    >>> sniff(b'<svg')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    cpam_reader.errors.UnsupportedFormat: This kind of file is not supported: ...
    """
    if not head:
        raise EmptyFile()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    image_magics = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
    if head.startswith(image_magics) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"avif"):
        return "image"
    raise UnsupportedFormat()


def read_bytes(source: Source) -> bytes:
    """All bytes of a path, bytes or binary stream."""
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise FileNotFound(f"No such file: {path.name}")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise FileNotFound(f"Cannot open {path.name}: {exc.strerror}") from exc
    return source.read()


def load_document(source: Source) -> Document:
    """Load a PDF or an image into pages."""
    data = read_bytes(source)
    kind = sniff(data[:1024])
    pages = _load_pdf(data) if kind == "pdf" else _load_image(data)
    return Document(kind=kind, pages=tuple(pages))


def _load_pdf(data: bytes) -> list[Page]:
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise TooLarge(f"The PDF has {len(pdf.pages)} pages; at most {MAX_PAGES} are read.")
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text() or ""
                if len(text.strip()) >= MIN_TEXT_CHARS or not page.images:
                    pages.append(Page(number, text=text))
                else:
                    rendered = page.to_image(resolution=RENDER_DPI).original
                    pages.append(Page(number, image=np.asarray(rendered.convert("L"))))
                page.close()
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect | PDFEncryptionError):
            raise EncryptedPdf() from exc
        raise CorruptFile() from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPdf() from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise CorruptFile() from exc
    return pages


def _load_image(data: bytes) -> list[Page]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
            frames = [
                np.asarray(ImageOps.exif_transpose(frame).convert("L")) for frame in ImageSequence.Iterator(image)
            ]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooLarge(f"The image is too large: at most {MAX_PIXELS // 1_000_000} megapixels.") from exc
    except UnidentifiedImageError as exc:
        raise UnsupportedFormat() from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFile() from exc
    if len(frames) > MAX_PAGES:
        raise TooLarge(f"The image has {len(frames)} frames; at most {MAX_PAGES} are read.")
    return [Page(number, image=frame) for number, frame in enumerate(frames, start=1)]
