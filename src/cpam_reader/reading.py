"""Reading one page image: straighten and clean it, find which way up it is, and OCR it.

The stages run in the order a photo needs them, each skipped when the page does not need it, each timed on its
own (``timings_ms``) and shown with ``--debug-dir``:

page (find the sheet on the table, undo the perspective) → orient (a sideways sheet, by Tesseract's OSD) →
light (divide by the background: lamp gradient, shadows) → despeckle (faxes) → scale (measure the text's
height) → deskew (measure the tilt) → resample (scale and level in one interpolation) → borders (dark edges)
→ rules (box borders, table lines) → ocr.

When the words read make no sense (an upside-down page reads as confident-looking garbage with low
confidences), the orientation is asked for and the page read again turned; the better reading is kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from cpam_reader import geometry, preprocess
from cpam_reader.ocr import OcrEngine, Orientation
from cpam_reader.stages import StageTimer
from cpam_reader.text import OcrWord

Keep = Callable[[str, np.ndarray], None]
"""Receives each stage's image (for ``--debug-dir``)."""

SENSE_OK = 0.6
"""Share of the characters read that belong to confident words: above it, the reading makes sense.

Measured on the corpus: upright pages score 0.8-0.97, the same pages upside down or sideways under 0.3."""
OSD_SURE = 1.5
"""Tesseract's orientation confidence above which its answer is followed without trying the other ways."""
OSD_LONG_SIDE = 1600
"""Pages are shown to the OSD at this size: enough for its glyph statistics, far cheaper than full size."""


@dataclasses.dataclass(frozen=True)
class PageReading:
    """The words of a page image, and the image they were read from (the second look re-reads parts of it)."""

    words: list[OcrWord]
    image: np.ndarray
    notes: dict[str, object]
    lined: np.ndarray | None = None
    """The same image before its rules were erased (None when it had none): where boxes are found as boxes."""
    """What was done: page found, quarter turns, light, despeckle, scale factor, skew, sense score."""


def sense(words: list[OcrWord]) -> float:
    """Share of the characters read that belong to confidently read words of two letters or more.

    >>> sense([OcrWord('Madame', 95, 0, 0, 1, 1), OcrWord('~/', 20, 0, 0, 1, 1)])
    0.75
    >>> sense([])
    0.0
    """
    total = sum(len(w.text) for w in words)
    good = sum(len(w.text) for w in words if w.conf >= 70 and sum(c.isalpha() for c in w.text) >= 2)
    return good / total if total else 0.0


def _orientation(engine: OcrEngine, gray: np.ndarray) -> Orientation | None:
    """Tesseract's OSD on a reduced copy of the page; None when the engine cannot tell."""
    detect = getattr(engine, "orientation", None)
    if detect is None:
        return None
    factor = OSD_LONG_SIDE / max(gray.shape)
    small = preprocess.rescale(gray, factor) if factor < 1 else gray
    result: Orientation | None = detect(small)
    return result


def _turns_for(found: Orientation | None, candidates: tuple[int, ...]) -> list[int]:
    """Clockwise turns to try, most likely first: the OSD's answer when it is one of ``candidates``.

    >>> _turns_for(Orientation(90, 5.0), (90, 270)), _turns_for(None, (90, 270))
    ([270], [90, 270])
    """
    if found is not None and (360 - found.clockwise) % 360 in candidates:
        fix = (360 - found.clockwise) % 360
        if found.confidence >= OSD_SURE:
            return [fix]
        return [fix, *(c for c in candidates if c != fix)]
    return list(candidates)


def prepare(
    image: np.ndarray, engine: OcrEngine, timer: StageTimer, keep: Keep
) -> tuple[np.ndarray, dict[str, object], np.ndarray | None]:
    """The page (gray or colour) as Tesseract should see it, what was done to it, and the page before.

    The last is the page before its rules were erased (None when it had none): boxes are found on it.
    """
    notes: dict[str, object] = {}
    keep("input", image)
    with timer("page"):
        quad = geometry.find_page(image)  # in colour when there is colour: a table stands out from paper better
        gray = preprocess.to_gray(image)
        if quad is not None:
            gray = geometry.unwarp(gray, quad)
            keep("page", gray)
    notes["page_found"] = quad is not None
    turns = 0
    if gray.shape[1] > gray.shape[0] * 1.1:  # a portrait letter lying sideways
        with timer("orient"):
            turns = _turns_for(_orientation(engine, gray), (90, 270))[0]
            gray = geometry.turn(gray, turns // 90)
            keep("orient", gray)
    notes["turned"] = turns
    with timer("light"):
        notes["light"] = preprocess.needs_light_normalisation(gray)
        if notes["light"]:
            gray = preprocess.normalise_light(gray)
            keep("light", gray)
    with timer("despeckle"):
        notes["despeckle"] = preprocess.is_bilevel(gray)
        if notes["despeckle"]:
            gray = preprocess.despeckle(gray)
            keep("despeckle", gray)
    with timer("scale"):
        height = preprocess.text_height(gray)
        factor = preprocess.scale_factor(height)
    with timer("deskew"):
        angle = geometry.estimate_skew(gray)
        angle = angle if abs(angle) >= geometry.MIN_DESKEW else 0.0
    notes["scale"], notes["skew"] = round(factor, 3), round(angle, 2)
    if angle or factor != 1.0:
        with timer("resample"):  # scaling and levelling in one pass: one interpolation, not two
            gray = geometry.rotate(gray, -angle, scale=factor) if angle else preprocess.rescale(gray, factor)
            keep("resample", gray)
    with timer("borders"):
        cleaned = preprocess.clean_borders(gray, height * factor if height else None)
        if cleaned is not gray:
            gray = cleaned
            keep("borders", gray)
    lined = None
    with timer("rules"):
        cleaned = preprocess.remove_rules(gray)
        if cleaned is not gray:
            gray, lined = cleaned, gray
            keep("rules", gray)
    return gray, notes, lined


def read_page(page: np.ndarray, engine: OcrEngine, timer: StageTimer, keep: Keep) -> PageReading:
    """Prepare the page, OCR it, and read it again the right way up when the first reading makes no sense."""
    image, notes, lined = prepare(page, engine, timer, keep)
    with timer("ocr"):
        words = engine.read(image)
    score = sense(words)
    if score < SENSE_OK:
        with timer("orient"):
            tries = _turns_for(_orientation(engine, image), (180, 90, 270))
        upright, upright_lined, turned_before = image, lined, int(str(notes["turned"]))
        for clockwise in tries:  # each turn from the page as first read
            turned = geometry.turn(upright, clockwise // 90)
            with timer("ocr"):
                again = engine.read(turned)
            if sense(again) > score:
                image, words, score = turned, again, sense(again)
                lined = geometry.turn(upright_lined, clockwise // 90) if upright_lined is not None else None
                notes["turned"] = (turned_before + clockwise) % 360
                keep("reoriented", image)
            if score >= SENSE_OK:
                break
    notes["sense"] = round(score, 3)
    return PageReading(words, image, notes, lined)
