"""Loading documents: PDF (text layer or rendered pages) and images, from a path, bytes or a stream.

This is one of the two adapters that touch files. The file type is decided by its first bytes, never by its
name. Images are decoded by Pillow from an allow-list of formats (then handed to OpenCV as arrays), with their
EXIF orientation applied; HEIC photos come through pillow-heif. Third-party failures become
:mod:`cpam_reader.base.errors` here.

PDFs are read by pypdfium2 (PDFium, Chrome's PDF engine), their text layer as well as their rendering. Why not
pdfplumber, which the project used first and which the fixture scripts still use to check the PDFs they write: on
our letters it gives the same rows, but in 60-80 ms a page where PDFium takes 2-4 ms (a digital letter is read in
well under 50 ms end to end); PDFium decodes glyphs pdfminer leaves as ``(cid:127)`` (list bullets), and opened
every damaged file we tried that pdfminer opens. PDFium gives the text in the order it is drawn, one run of text
per line; here the runs are put back in reading order as pdfplumber does: rows top to bottom, the runs side by
side on one row (an address beside the sender's block, a number printed one digit per box) joined left to right.
Image-only pages are rendered once, at the resolution of the scan they carry.

Anyone may send anything, so sizes are checked before pixels are decoded: pages and frames (MAX_PAGES), each
image's megapixels (MAX_PIXELS, the images of a PDF page together too), and all of a document's pages together
(MAX_DOCUMENT_BYTES). A file that only claims to be of a kind read here (a PNG's first bytes, then nothing) is
damaged, not foreign.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import math
import os
import re
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

if TYPE_CHECKING:  # numpy and Pillow load with the first page that is an image: a digital PDF needs neither
    import numpy as np
    from PIL import Image

from cpam_reader.base.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedPdf,
    FileNotFound,
    TooLarge,
    UnsupportedFormat,
)

RENDER_DPI = 300
"""The highest resolution at which an image-only PDF page is rendered for OCR, and the one used when the page's
scan does not tell its own (Tesseract reads 10-12 pt text best at 300 dpi)."""
MIN_RENDER_DPI = 150
"""The lowest: a coarser scan is enlarged to this resolution."""
MIN_TEXT_CHARS = 40
"""A PDF page with fewer characters in its text layer, and an image on it, is treated as a scan and OCRed."""
ROW_TOLERANCE = 3.0
"""Runs of PDF text whose tops (their font's ascent) are this close, in points, are one row (as in pdfplumber)."""
MAX_PAGES = 50
MAX_PIXELS = 60_000_000
"""Larger images are refused before they are decoded (a 12-megapixel phone photo is far below); PDF pages are
rendered below. Checked here frame by frame, header first: Pillow's own global limit is left as it is."""
MAX_PAGE_INCHES = 17.0
"""An image file whose stated resolution makes it longer than this (A3 is 16.5 in) states a placeholder."""
MAX_DOCUMENT_BYTES = 600_000_000
"""The pixels of all the pages of one document together, in bytes once decoded (1 a pixel in gray, 3 in colour):
fifty legal-size pages scanned at 300 dpi fit (535 MB), forty frames of 20 megapixels do not. Pages are refused
before they are decoded or rendered past it, so that one small file cannot take gigabytes of memory."""
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF", "WEBP", "HEIF")
_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

Source = str | os.PathLike[str] | bytes | BinaryIO

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: one document at a time in a process (jobs run in processes, a web app may not)."""
_RUN = re.compile(r"[^\r\n\x02\ufffe]+[\x02\ufffe]?")
"""A run of PDFium text: up to a line break, or through a hyphen that ends a line (PDFium marks it 0x02, 0xFFFE
and does not break the line after it)."""
_CLEAN = str.maketrans({"\x02": "-", "\ufffe": "-", "\x00": None, "\t": " "})


@dataclasses.dataclass(frozen=True)
class Page:
    """One page: its text layer when it has one, else its image and the image's resolution.

    The image is 8-bit grayscale, or RGB for a colour photo: finding the sheet on a table needs the colour.
    """

    number: int
    text: str | None = None
    image: np.ndarray | None = None
    dpi: float | None = None
    """Pixels per inch of ``image``: the render resolution of a PDF page, the resolution an image file states
    (None when it states none, or one that cannot be a letter's, like a photo's 72 dpi); the mean of the two
    axes when they differ."""


@dataclasses.dataclass(frozen=True)
class Document:
    kind: str
    """"pdf" or "image"."""
    pages: tuple[Page, ...]


def sniff(head: bytes) -> str:
    """The document kind from its first bytes.

    >>> sniff(b'%PDF-1.7'), sniff(b'\\x89PNG\\r\\n\\x1a\\n'), sniff(b'\\x00\\x00\\x00\\x18ftypheic')
    ('pdf', 'image', 'image')
    >>> sniff(b'\\x89PNG\\r\\n\\x1a\\n' + b'%PDF-1.7')  # a PNG whose text chunk mentions a PDF is a PNG
    'image'
    >>> sniff(b'<svg')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    cpam_reader.base.errors.UnsupportedFormat: This kind of file is not supported: ...
    """
    if not head:
        raise EmptyFile()
    if head.startswith(_IMAGE_MAGICS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"avif"):
        return "image"
    if b"%PDF-" in head[:1024]:  # anywhere in the first KB, as PDF readers accept; after the images' magic numbers
        return "pdf"
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


class _PixelBudget:
    """What is left of :data:`MAX_DOCUMENT_BYTES` for a document's pages: spent before each page is decoded."""

    def __init__(self) -> None:
        self.left = MAX_DOCUMENT_BYTES

    def spend(self, width: int, height: int, channels: int = 1) -> None:
        self.left -= width * height * channels
        if self.left < 0:
            raise TooLarge(
                f"The document's pages add up to more than {MAX_DOCUMENT_BYTES // 1_000_000} MB of pixels: "
                "send fewer pages, or scans at 300 dpi or less."
            )


def _load_pdf(data: bytes) -> list[Page]:
    try:
        with _PDFIUM, pdfium.PdfDocument(data) as pdf:
            if len(pdf) > MAX_PAGES:
                raise TooLarge(f"The PDF has {len(pdf)} pages; at most {MAX_PAGES} are read.")
            budget = _PixelBudget()
            return [_load_page(pdf[index], index + 1, budget) for index in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        # PDFium's last error is left over from an earlier document when a failure does not set its own (a PDF
        # with no pages, after an encrypted one): a PDF is password-protected only if it says so.
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and b"/Encrypt" in data:
            raise EncryptedPdf() from exc
        raise CorruptFile() from exc


def _load_page(page: pdfium.PdfPage, number: int, budget: _PixelBudget) -> Page:
    """A PDF page's text layer; or, when it has (almost) none and an image, the page rendered as its scan was."""
    try:
        text = _page_text(page)
        if len(text) >= MIN_TEXT_CHARS:
            return Page(number, text=text)
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        if not images:
            return Page(number, text=text)
        _check_images(images)
        dpi, scan_size = _scan(page, images)
        return Page(number, image=_render(page, dpi, scan_size, budget), dpi=round(dpi, 1))
    finally:
        page.close()


def _page_text(page: pdfium.PdfPage) -> str:
    """The text layer, one row per line of the page as shown, rows top to bottom, runs left to right."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != count:  # PDFium left out or added characters: read them one by one to keep the offsets
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        rotation = page.get_rotation()
        runs: list[tuple[float, float, str]] = []  # (top, left, text) on the page as shown, top growing downwards
        for match in _RUN.finditer(text):
            run = match.group().translate(_CLEAN).strip()
            if run:
                first = match.start() + len(match.group()) - len(match.group().lstrip())
                runs.append((*_top_left(textpage.get_charbox(first, loose=True), rotation), run))
    finally:
        textpage.close()
    rows: list[list[tuple[float, str]]] = []
    last_top = -math.inf
    for top, left, run in sorted(runs):
        if top - last_top > ROW_TOLERANCE:
            rows.append([])
        rows[-1].append((left, run))
        last_top = top
    return "\n".join(" ".join(run for _, run in sorted(row)) for row in rows)


def _top_left(box: tuple[float, float, float, float], rotation: int) -> tuple[float, float]:
    """Where a box in PDF space starts on the page as shown (turned by ``rotation``): how far down, how far right."""
    left, bottom, right, top = box
    return {90: (left, bottom), 180: (bottom, -right), 270: (-right, -top)}.get(rotation, (-top, left))


def _check_images(images: list[pdfium.PdfImage]) -> None:
    """Refuse a page whose images add up to more than MAX_PIXELS: PDFium decodes each one whole to render the page.

    The sizes are the ones the images declare (no pixel is decoded to know them); one whose size cannot be read
    counts for nothing, and PDFium will skip it as well.
    """
    pixels = 0
    for image in images:
        with contextlib.suppress(pdfium.PdfiumError):
            width, height = image.get_px_size()
            pixels += width * height
    if pixels > MAX_PIXELS:
        raise TooLarge(
            f"A page of the PDF holds images of {pixels // 1_000_000} megapixels; "
            f"at most {MAX_PIXELS // 1_000_000} are read: scan it again at 300 dpi."
        )


def _scan(page: pdfium.PdfPage, images: list[pdfium.PdfImage]) -> tuple[float, tuple[int, int] | None]:
    """The resolution to render an image-only page at, and the pixel size of the scan that fills it (if one does).

    The scan is the page's largest image, when it covers half the page or more (not a logo); its resolution is
    its pixels per inch on the page, kept within MIN_RENDER_DPI..RENDER_DPI, and RENDER_DPI when there is no scan.
    A 300-dpi scan measures 300.1 dpi on an A4 page (595.3 pt is not a whole number of its pixels), so the bounds
    are checked on the resolution rounded to a whole number. Huge pages are rendered coarser, to MAX_PIXELS.
    """
    width, height = page.get_size()
    most = 72 * math.sqrt(MAX_PIXELS / max(1.0, width * height))
    scan = max(images, key=_area)
    if scan.level > 0 or _area(scan) < width * height / 2:  # a logo, or an image drawn inside a form XObject
        return min(RENDER_DPI, most), None
    a, b, c, d, _, _ = scan.get_matrix().get()
    px_width, px_height = scan.get_px_size()
    dpi = max(px_width * 72 / (math.hypot(a, b) or 1), px_height * 72 / (math.hypot(c, d) or 1))
    if round(dpi) > RENDER_DPI:
        dpi = RENDER_DPI
    elif round(dpi) < MIN_RENDER_DPI:
        dpi = MIN_RENDER_DPI
    return min(dpi, most), (px_width, px_height)


def _area(image: pdfium.PdfImage) -> float:
    left, bottom, right, top = image.get_bounds()
    return float((right - left) * (top - bottom))


def _render(page: pdfium.PdfPage, dpi: float, scan_size: tuple[int, int] | None, budget: _PixelBudget) -> np.ndarray:
    """The page at ``dpi``, 8-bit gray.

    When the render is within a pixel of the size of the scan filling the page, it takes that size, so that
    PDFium copies the scan's pixels rather than resampling them (the page may be turned: either way round).
    """
    width, height = (max(1, round(side * dpi / 72)) for side in page.get_size())
    if scan_size:
        for w, h in (scan_size, scan_size[::-1]):
            if abs(w - width) <= 1 and abs(h - height) <= 1:
                width, height = w, h
    if width * height > MAX_PIXELS:  # the resolution floor on a very long, thin page: never past the pixel cap
        shrink = math.sqrt(MAX_PIXELS / (width * height))
        width, height = max(1, math.floor(width * shrink)), max(1, math.floor(height * shrink))
        height = min(height, MAX_PIXELS // width)  # a side already at one pixel cannot shrink
    budget.spend(width, height)
    bitmap = pdfium.PdfBitmap.new_native(width, height, pdfium_c.FPDFBitmap_Gray)
    try:
        bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
        flags = pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_GRAYSCALE
        pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, flags)
        import numpy as np

        return np.array(bitmap.to_numpy())
    finally:
        bitmap.close()


_COLOUR_MODES = ("RGB", "RGBA", "P", "CMYK", "YCbCr", "LAB", "HSV")


def _pixels(frame: Image.Image) -> Image.Image:
    """The frame as 8-bit gray, or RGB when it has colour."""
    return frame.convert("RGB" if frame.mode in _COLOUR_MODES else "L")


@functools.cache
def _read_heif() -> None:
    """Let Pillow open HEIC photos (an iPhone's), the first time an image is loaded rather than on import."""
    import pillow_heif

    pillow_heif.register_heif_opener()


def _load_image(data: bytes) -> list[Page]:
    """The frames of an image file as pages, each one's size checked before it is decoded.

    The frame count comes from the file's header or index (a TIFF's chain of frame directories) and is checked
    first: a 1,000-frame TIFF is refused without decoding a frame. Pillow checks only the first frame against
    MAX_PIXELS when it opens a file; later frames are checked here, as is the document's pixel budget.
    """
    import numpy as np
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    _read_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data" and the like: the pixels may be fine
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
            count = getattr(image, "n_frames", 1)
            if count > MAX_PAGES:
                raise TooLarge(f"The image has {count} frames; at most {MAX_PAGES} are read.")
            budget = _PixelBudget()
            pages = []
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                if frame.width * frame.height > MAX_PIXELS:
                    raise TooLarge(f"The image is too large: at most {MAX_PIXELS // 1_000_000} megapixels.")
                budget.spend(frame.width, frame.height, 3 if frame.mode in _COLOUR_MODES else 1)
                pixels = np.asarray(_pixels(ImageOps.exif_transpose(frame)))
                pages.append(Page(number, image=pixels, dpi=_stated_dpi(frame)))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooLarge(f"The image is too large: at most {MAX_PIXELS // 1_000_000} megapixels.") from exc
    except UnidentifiedImageError as exc:
        raise (CorruptFile() if _damaged(data[:64]) else UnsupportedFormat()) from exc
    except (OSError, SyntaxError, ValueError, EOFError, TypeError, KeyError, IndexError) as exc:
        # Pillow's plugins report a malformed header in many ways (a TIFF without its size: TypeError).
        raise CorruptFile() from exc
    return pages


def _damaged(head: bytes) -> bool:
    """Whether an image Pillow cannot identify starts as a format read here does: then it is damaged, not foreign.

    A truncated TIFF loses its frame directory (often written last), a truncated HEIC its index; an AVIF photo
    (an HEIF file too, of another codec) is not read here at all.

    >>> _damaged(b'II*\\x00\\x08\\x00\\x00\\x00'), _damaged(b'\\x00\\x00\\x00\\x18ftypmif1\\x00\\x00\\x00\\x00mif1heic')
    (True, True)
    >>> _damaged(b'\\x00\\x00\\x00\\x20ftypavif\\x00\\x00\\x00\\x00avifmif1miafMA1B')
    False
    """
    if head[4:8] == b"ftyp":
        return any(brand in head[8:64] for brand in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"))
    return head.startswith(_IMAGE_MAGICS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _stated_dpi(frame: Image.Image) -> float | None:
    """The resolution an image file states, unless it is a placeholder (a photo's 72 dpi would make a poster).

    >>> from PIL import Image
    >>> scan = Image.new("L", (2481, 3508))
    >>> scan.info["dpi"] = (299.9994, 299.9994)
    >>> _stated_dpi(scan)
    300.0
    >>> scan.info["dpi"] = (72, 72)  # 34 x 49 inches
    >>> _stated_dpi(scan) is None, _stated_dpi(Image.new("L", (10, 10))) is None
    (True, True)
    """
    dpi: Any = frame.info.get("dpi")
    try:
        x, y = (float(v) for v in dpi)
    except (TypeError, ValueError):  # none stated, or not a pair of numbers
        return None
    if x <= 0 or y <= 0 or max(frame.width / x, frame.height / y) > MAX_PAGE_INCHES:
        return None
    return round((x + y) / 2, 1)
