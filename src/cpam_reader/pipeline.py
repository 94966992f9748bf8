"""``read_letter()``: the recipe, from a file to one result.

load → (per page) text layer, or pre-process and OCR → find the numbers → tie their status → choose the number
→ classify → one :class:`LetterResult`. Failures to read raise :class:`CpamReaderError`; "no number found" is a
result, not an error.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from cpam_reader import nir
from cpam_reader.classify import Model, classify
from cpam_reader.finder import find_numbers
from cpam_reader.loaders import Source, load_document
from cpam_reader.ocr import OcrEngine, TesseractEngine
from cpam_reader.preprocess import prepare
from cpam_reader.result import LetterResult, NumberCandidate, TextSource
from cpam_reader.status import choose_nir, tie_status
from cpam_reader.text import TextLine, lines_from_text, lines_from_words, page_text


def _details(chosen: NumberCandidate | None) -> dict[str, object] | None:
    """The decoded parts of the chosen number (only when it is valid), saying whether its key was printed."""
    if chosen is None or not chosen.valid:
        return None
    return {**nir.parse(chosen.value).to_dict(), "key_missing": chosen.key_missing}


class StageTimer:
    """Wall-clock milliseconds per stage, summed over pages."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.ms[stage] = self.ms.get(stage, 0.0) + (time.perf_counter() - start) * 1000


def source_name(source: Source, name: str | None = None) -> str:
    """How a document is named in its result."""
    if name:
        return name
    if isinstance(source, str | Path):
        return str(source)
    return getattr(source, "name", None) or "<bytes>"


def read_letter(
    source: Source, *, name: str | None = None, engine: OcrEngine | None = None, model: Model | None = None
) -> LetterResult:
    """Read one letter (PDF or image: a path, bytes or a binary stream) and say what it gives."""
    timer = StageTimer()
    with timer("load"):
        document = load_document(source)
    lines: list[TextLine] = []
    used_ocr = False
    engine = engine or TesseractEngine()
    for page in document.pages:
        if page.text is not None:
            lines += lines_from_text(page.text, page.number)
            continue
        assert page.image is not None
        used_ocr = True
        with timer("preprocess"):
            image = prepare(page.image)
        with timer("ocr"):
            words = engine.read(image)
        lines += lines_from_words(words, page.number)
    with timer("find"):
        candidates, in_context = tie_status(find_numbers(lines), lines)
        choice = choose_nir(candidates, in_context)
    with timer("classify"):
        classification = classify(page_text(lines), candidates, model)
    chosen = choice.candidate
    return LetterResult(
        source=source_name(source, name),
        pages=len(document.pages),
        text_source=TextSource.OCR if used_ocr else TextSource.PDF_TEXT,
        letter_type=classification.letter_type,
        letter_type_confidence=classification.confidence,
        evidence=classification.evidence,
        nir=chosen.value if chosen else None,
        nir_status=chosen.status if chosen else None,
        nir_valid=chosen.valid if chosen else None,
        nir_details=_details(chosen),
        numbers=tuple(candidates),
        warnings=choice.warnings,
        timings_ms=timer.ms,
    )
