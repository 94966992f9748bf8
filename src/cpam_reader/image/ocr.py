"""The OCR adapter: Tesseract (French), in process through tesserocr, behind a small protocol.

The pipeline takes any :class:`OcrEngine`; tests that inject faults pass their own. Tesseract runs
single-threaded (``OMP_THREAD_LIMIT=1``): on these machines its OpenMP threads make it about five times
slower for the same text, and we parallelise across documents instead.

Why tesserocr rather than pytesseract: pytesseract starts a ``tesseract`` process per image, which loads the
French model (about 0.2 s) and round-trips the image through a PNG file each time; tesserocr keeps one loaded
model per worker process and reads the array directly. Measured on the same 300-dpi pages it is about 30 %
faster for the same words (README, "Benchmark"), and it stops a recognition cleanly at a deadline. The
pytesseract engine stays as the fallback when tesserocr cannot be imported, and as the baseline's engine;
``CPAM_READER_OCR=pytesseract`` selects it.

Both engines read Debian's trained data (``tesseract-ocr-fra``, ``tesseract-ocr-osd``), found through
``TESSDATA_PREFIX`` or the ``tesseract`` program.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import dataclasses
import functools
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pytesseract
from PIL import Image

from cpam_reader.base.errors import OcrFailed, OcrUnavailable
from cpam_reader.base.text import OcrWord

DIGITS = "0123456789AB"
"""What a number can hold (the B/A of Corsica's 2A/2B): the whitelist of a digit-aware read."""


@dataclasses.dataclass(frozen=True)
class Orientation:
    """Tesseract's orientation and script detection: how far the page is turned, and how sure it is."""

    clockwise: int
    """0, 90, 180 or 270: the page's text is turned this far clockwise; turn it back counter-clockwise."""
    confidence: float
    """Tesseract's orientation confidence (above about 2 is a clear answer)."""


class OcrEngine(Protocol):
    """Reads the words of a page image."""

    def read(self, image: np.ndarray, *, psm: int = 3, digits: bool = False) -> list[OcrWord]:
        """The words of an 8-bit grayscale image, with their boxes.

        ``psm`` is Tesseract's page segmentation mode (3: whole page, 6: one block, 7: one line); ``digits``
        restricts the characters to those of a number.
        """
        ...


@functools.cache
def tessdata_dir() -> Path:
    """The folder holding the ``.traineddata`` files: ``TESSDATA_PREFIX``, else where ``tesseract`` looks."""
    if prefix := os.environ.get("TESSDATA_PREFIX"):
        return Path(prefix)
    program = shutil.which(pytesseract.pytesseract.tesseract_cmd)
    if program is None:
        raise OcrUnavailable()
    try:
        listing = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable() from exc
    match = re.search(r'"(.+?)"', listing)
    if match is None:
        raise OcrUnavailable()
    return Path(match.group(1))


@functools.cache
def tesseract_info(kind: str = "tesserocr") -> tuple[str, tuple[str, ...]]:
    """The version of the Tesseract that reads, and the installed languages (checked once per process).

    ``kind``: how Tesseract is reached (see :func:`default_engine`).
    """
    languages = tuple(sorted(p.stem for p in tessdata_dir().glob("*.traineddata")))
    if _use_tesserocr(kind):
        return _tesserocr().tesseract_version().split()[1], languages
    try:
        return str(pytesseract.get_tesseract_version()), languages
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrUnavailable() from exc


def _require(lang: str) -> None:
    if lang not in tesseract_info()[1]:
        raise OcrUnavailable(f"Tesseract has no '{lang}' data: install tesseract-ocr-{lang}.")


_LEPTONICA_SEVERITY_NONE = 6  # leptonica/environ.h: L_SEVERITY_NONE


def _use_tesserocr(kind: str) -> bool:
    """Whether Tesseract reads through tesserocr: when it is installed, unless ``kind`` is "pytesseract"."""
    return _tesserocr() is not None and kind != "pytesseract"


@functools.cache
def _tesserocr() -> Any:
    """The tesserocr module, or None where its wheel is not installed."""
    try:
        import tesserocr  # optional: the pytesseract engine is the fallback
    except ImportError:
        return None
    _quiet_leptonica(Path(tesserocr.__file__).parent.parent)
    return tesserocr


def _quiet_leptonica(site: Path) -> None:
    """Silence the image library inside tesserocr's wheel.

    Its "Error in pixScanForForeground" lines on stderr are internal retries of Tesseract's layout analysis,
    not failures, and would alarm the CLI's user.
    """
    for library in sorted(site.glob("tesserocr.libs/libleptonica*.so*")):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(str(library)).setMsgSeverity(_LEPTONICA_SEVERITY_NONE)


def _words_from_tsv(tsv: str) -> list[OcrWord]:
    """Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text) as words."""
    words = []
    for row in csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) < 12 or row[0] != "5" or not row[11].strip() or float(row[10]) < 0:
            continue
        block, par, line, left, top, width, height = (int(v) for v in (row[2], row[3], row[4], *row[6:10]))
        words.append(OcrWord(row[11], float(row[10]), left, top, width, height, (block, par, line)))
    return words


class TesserocrEngine:
    """Tesseract in this process: one loaded model per (language, mode), reused for every page."""

    def __init__(self, lang: str = "fra", timeout_s: float = 120.0) -> None:
        self.lang = lang
        self.timeout_s = timeout_s

    @functools.cache  # noqa: B019 - engines live as long as their process, by design
    def _api(self, psm: int, digits: bool) -> Any:
        tesserocr = _tesserocr()
        _require(self.lang)
        api = tesserocr.PyTessBaseAPI(path=str(tessdata_dir()), lang=self.lang, psm=psm)
        if digits:
            api.SetVariable("tessedit_char_whitelist", DIGITS)
        return api

    def read(self, image: np.ndarray, *, psm: int = 3, digits: bool = False) -> list[OcrWord]:
        """Recognise the image; raise :class:`OcrFailed` past the deadline."""
        if min(image.shape[:2]) < 3:
            return []  # nothing to read (a crop at the page's edge); Leptonica would fail on it
        api = self._api(psm, digits)
        image = np.ascontiguousarray(image)
        height, width = image.shape[:2]
        api.SetImageBytes(image.tobytes(), width, height, 1, width)
        if not api.Recognize(timeout=int(self.timeout_s * 1000)):
            api.Clear()
            raise OcrFailed(f"Text recognition took longer than {self.timeout_s:g} s on a page, or failed.")
        tsv = api.GetTSVText(0)
        api.Clear()
        return _words_from_tsv(tsv)

    def orientation(self, image: np.ndarray) -> Orientation | None:
        """How far the page is turned, by Tesseract's OSD; None when it finds too little text to say."""
        api = self._osd_api()
        image = np.ascontiguousarray(image)
        api.SetImageBytes(image.tobytes(), image.shape[1], image.shape[0], 1, image.shape[1])
        found = api.DetectOrientationScript()
        api.Clear()
        if not found:
            return None
        return Orientation(int(found["orient_deg"]) % 360, float(found["orient_conf"]))

    @functools.cache  # noqa: B019
    def _osd_api(self) -> Any:
        tesserocr = _tesserocr()
        _require("osd")
        return tesserocr.PyTessBaseAPI(path=str(tessdata_dir()), lang="osd", psm=tesserocr.PSM.OSD_ONLY)


class TesseractEngine:
    """Tesseract through pytesseract: one short-lived ``tesseract`` process per image (the fallback)."""

    def __init__(self, lang: str = "fra", timeout_s: float = 120.0) -> None:
        self.lang = lang
        self.timeout_s = timeout_s

    def read(self, image: np.ndarray, *, psm: int = 3, digits: bool = False) -> list[OcrWord]:
        """Run Tesseract on the image; raise :class:`OcrUnavailable` or :class:`OcrFailed` on failure."""
        _require(self.lang)
        config = f"--psm {psm}" + (f" -c tessedit_char_whitelist={DIGITS}" if digits else "")
        try:
            tsv = pytesseract.image_to_data(
                Image.fromarray(image), lang=self.lang, config=config, timeout=self.timeout_s
            )
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrFailed(f"Text recognition took longer than {self.timeout_s:g} s on a page.") from exc
        except (pytesseract.TesseractError, OSError) as exc:
            raise OcrFailed() from exc
        return _words_from_tsv(tsv)

    def orientation(self, image: np.ndarray) -> Orientation | None:
        """Tesseract's OSD through pytesseract; None when it finds too little text."""
        _require("osd")
        try:
            found = pytesseract.image_to_osd(Image.fromarray(image), output_type=pytesseract.Output.DICT)
        except (pytesseract.TesseractError, OSError):
            return None
        return Orientation(int(found["orientation"]) % 360, float(found["orientation_conf"]))


@functools.cache
def default_engine(kind: str = "tesserocr", page_timeout_s: float = 60.0) -> TesserocrEngine | TesseractEngine:
    """The engine of this process: one per kind and time limit.

    tesserocr when installed, unless ``kind`` is "pytesseract" (the settings' ``ocr``, ``CPAM_READER_OCR``).

    Each recognition is cut off after ``page_timeout_s`` (``CPAM_READER_PAGE_TIMEOUT_S``): the time limit per
    page, inside the reader process's time limit per document. Tesseract's OpenMP threads are turned off here,
    before its first page, unless the process set ``OMP_THREAD_LIMIT`` itself.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if _use_tesserocr(kind):
        return TesserocrEngine(timeout_s=page_timeout_s)
    return TesseractEngine(timeout_s=page_timeout_s)
