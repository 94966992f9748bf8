"""The OCR adapter: Tesseract (French) through pytesseract, behind a small protocol.

The pipeline takes any :class:`OcrEngine`; tests that inject faults pass their own. Tesseract runs
single-threaded (``OMP_THREAD_LIMIT=1``): on these machines its OpenMP threads make it about five times
slower for the same text, and we parallelise across documents instead.
"""

from __future__ import annotations

import functools
import os
from typing import Protocol

import numpy as np
import pytesseract
from PIL import Image

from cpam_reader.errors import OcrFailed, OcrUnavailable
from cpam_reader.text import OcrWord

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrEngine(Protocol):
    """Reads the words of a page image."""

    def read(self, image: np.ndarray) -> list[OcrWord]:
        """The words of an 8-bit grayscale page, in any order, with their boxes and confidences."""
        ...


@functools.cache
def tesseract_info() -> tuple[str, tuple[str, ...]]:
    """Tesseract's version and installed languages (checked once per process)."""
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = tuple(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrUnavailable() from exc
    return version, languages


class TesseractEngine:
    """Tesseract through pytesseract: one short-lived process per page image."""

    def __init__(self, lang: str = "fra", psm: int = 3, timeout_s: float = 120.0) -> None:
        self.lang = lang
        self.config = f"--psm {psm}"
        self.timeout_s = timeout_s

    def read(self, image: np.ndarray) -> list[OcrWord]:
        """Run Tesseract on the image; raise :class:`OcrUnavailable` or :class:`OcrFailed` on failure."""
        _, languages = tesseract_info()
        if self.lang not in languages:
            raise OcrUnavailable(f"Tesseract has no '{self.lang}' data: install tesseract-ocr-{self.lang}.")
        try:
            data = pytesseract.image_to_data(
                Image.fromarray(image),
                lang=self.lang,
                config=self.config,
                output_type=pytesseract.Output.DICT,
                timeout=self.timeout_s,
            )
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrFailed(f"Text recognition took longer than {self.timeout_s:.0f} s.") from exc
        except (pytesseract.TesseractError, OSError) as exc:
            raise OcrFailed() from exc
        return [
            OcrWord(text, float(conf), left, top, width, height, (block, par, line))
            for text, conf, left, top, width, height, block, par, line in zip(
                data["text"],
                data["conf"],
                data["left"],
                data["top"],
                data["width"],
                data["height"],
                data["block_num"],
                data["par_num"],
                data["line_num"],
                strict=True,
            )
            if text and text.strip() and float(conf) >= 0
        ]
