"""``read_letter()``: the recipe, from a file to one result.

load → (per page) text layer, or pre-process and OCR → find the numbers → tie their status → choose the number
→ classify → one :class:`LetterResult`. Failures to read raise :class:`CpamReaderError`; "no number found" is a
result, not an error.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import itertools
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cpam_reader.base.facts import NirParts
from cpam_reader.base.result import LetterResult, NirChoice, NumberCandidate, TextSource
from cpam_reader.base.settings import Settings, current
from cpam_reader.base.stages import StageImages, StageTimer
from cpam_reader.base.text import TextLine, lines_from_text, lines_from_words, page_text
from cpam_reader.letter.advice import next_steps
from cpam_reader.letter.classify import Model, classify, load_model, model_file
from cpam_reader.letter.extract import extract
from cpam_reader.letter.review import notices, review_reasons
from cpam_reader.load.loaders import Source, load_document
from cpam_reader.number import nir
from cpam_reader.number.choice import read_numbers

if TYPE_CHECKING:  # the image stages load (OpenCV, numpy, Tesseract) only for a page without a text layer
    from cpam_reader.image.ocr import OcrEngine
    from cpam_reader.image.reading import PageReading

log = logging.getLogger(__name__)


def _details(chosen: NumberCandidate | None) -> NirParts | None:
    """The decoded parts of the chosen number (only when it is valid), saying whether its key was printed."""
    if chosen is None or not chosen.valid:
        return None
    return dataclasses.replace(nir.parse(chosen.value), key_missing=chosen.key_missing)


def source_name(source: Source, name: str | None = None) -> str:
    """How a document is named in its result."""
    if name:
        return name
    if isinstance(source, str | Path):
        return str(source)
    return getattr(source, "name", None) or "<bytes>"


def _second_look(lines: list[TextLine], readings: dict[int, PageReading], engine: OcrEngine) -> list[TextLine] | None:
    """The document's lines with each OCR page's number rows re-read, or None when nothing was confirmed."""
    from cpam_reader.number.second_look import second_look

    changed = False
    out: list[TextLine] = []
    for page, group in itertools.groupby(lines, key=lambda line: line.page):
        page_lines = list(group)
        reading = readings.get(page)
        better = second_look(page_lines, reading.words, reading.image, engine, reading.lined) if reading else None
        changed |= better is not None
        out += better or page_lines
    return out if changed else None


def _needs_second_look(choice: NirChoice) -> bool:
    from cpam_reader.number.second_look import needs_second_look

    return needs_second_look(choice)


TIME_BUDGET_S = 30.0
"""Seconds after which a letter's reading does no more second tries (other orientations, a second look at the
number) and says what it has: a hard photo ends with a result and advice, well within the document time limit
(the settings' ``document_timeout_s``), rather than as a time-out."""


def read_letter(
    source: Source,
    *,
    name: str | None = None,
    ref: str | None = None,
    engine: OcrEngine | None = None,
    model: Model | None = None,
    debug_dir: Path | None = None,
    time_budget_s: float = TIME_BUDGET_S,
    settings: Settings | None = None,
) -> LetterResult:
    """Read one letter (PDF or image: a path, bytes or a binary stream) and say what it gives.

    ``settings``: the OCR engine, its page time limit and the model's folder, when ``engine`` and ``model`` are
    not given (default: this process's, :func:`~cpam_reader.base.settings.current`).
    ``name``: the result's ``source`` (default: the path's, or "<bytes>"). ``ref``: what the debug log calls the
    document; never its name, which may hold a person's name or number.
    ``debug_dir``: write each pre-processing stage's image there, in a folder named after the document.
    ``time_budget_s``: past it, no second tries (see ``TIME_BUDGET_S``).
    """
    deadline = time.monotonic() + time_budget_s
    timer = StageTimer()
    images = StageImages(debug_dir, source_name(source, name))
    with timer("load"):
        document = load_document(source)
    lines: list[TextLine] = []
    readings: dict[int, PageReading] = {}
    settings = settings or current()
    model = model or load_model(model_file(settings.models_dir))
    for page in document.pages:
        if page.text is not None:
            lines += lines_from_text(page.text, page.number)
            continue
        assert page.image is not None
        from cpam_reader.image.ocr import default_engine
        from cpam_reader.image.reading import read_page

        engine = engine or default_engine(settings.ocr, settings.page_timeout_s)
        keep = functools.partial(images, page.number)
        readings[page.number] = read_page(page.image, engine, timer, keep, deadline=deadline)
        lines += lines_from_words(readings[page.number].words, page.number)
    partial_view = any(reading.notes.get("partial_view") for reading in readings.values())
    with timer("find"):
        candidates, choice = read_numbers(lines, partial=partial_view)
    if readings and _needs_second_look(choice) and time.monotonic() < deadline:
        assert engine is not None  # it read the pages
        with timer("second_look"):
            better = _second_look(lines, readings, engine)
        if better is not None:
            lines = better
            with timer("find"):
                candidates, choice = read_numbers(lines, partial=partial_view)
    with timer("classify"):
        classification = classify(page_text(lines), candidates, model, partial=partial_view)
    with timer("extract"):
        extraction = extract(lines, classification.letter_type)
    chosen = choice.candidate
    unreadable = any(not reading.made_sense for reading in readings.values())
    read_twice = chosen is not None and any(
        line.read_twice for line in lines if (line.page, line.index) == (chosen.page, chosen.line)
    )
    log.debug(
        "read %s: %d page(s) from %s, %s (%.2f), number %s %s, %d candidate(s), %.0f ms",
        ref or "a document",
        len(document.pages),
        "ocr" if readings else "text layer",
        classification.letter_type,
        classification.confidence,
        nir.mask(chosen.value) if chosen else "none",
        chosen.status if chosen else "",
        len(candidates),
        sum(timer.ms.values()),
    )
    return LetterResult(
        source=source_name(source, name),
        pages=len(document.pages),
        text_source=TextSource.OCR if readings else TextSource.PDF_TEXT,
        letter_type=classification.letter_type,
        letter_type_confidence=classification.confidence,
        evidence=classification.evidence,
        nir=chosen.value if chosen else None,
        nir_status=chosen.status if chosen else None,
        nir_valid=chosen.valid if chosen else None,
        nir_details=_details(chosen),
        old_nir=choice.old.value if choice.old else None,
        numbers=tuple(candidates),
        warnings=choice.warnings,
        next_steps=next_steps(
            classification.letter_type,
            chosen.status if chosen else None,
            chosen is not None,
            extraction,
            unreadable=unreadable,
        ),
        review_reasons=review_reasons(
            letter_type=classification.letter_type,
            confidence=classification.confidence,
            has_number=chosen is not None,
            warnings=choice.warnings,
            from_assurance_maladie=classification.from_assurance_maladie,
            read_by_ocr=chosen is not None and chosen.page in readings,
            read_twice=read_twice,
            unreadable=unreadable,
            partial_view=partial_view,
        ),
        notices=notices(
            letter_type=classification.letter_type,
            status=chosen.status if chosen else None,
            has_number=chosen is not None,
            has_old_number=choice.old is not None,
            warnings=choice.warnings,
            letter_date=extraction.letter_date,
            today=datetime.date.today(),
        ),
        extracted=extraction,
        timings_ms=timer.ms,
    )
