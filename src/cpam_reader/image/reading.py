"""Reading one page image: straighten and clean it, find which way up it is, and OCR it.

The stages run in the order a photo needs them, each skipped when the page does not need it, each timed on its
own (``timings_ms``) and shown with ``--debug-dir``:

page (dark mode inverted; find the sheet on the table and undo the perspective, or, with no outline, crop to
the text's rows) → orient (lines running down the picture, or a photo upside down: decided on small copies) →
light (divide by the background: lamp gradient, shadows) → despeckle (faxes) → scale (measure the text's
height; at most ``PIXEL_BUDGET`` pixels) → deskew (measure the tilt) → resample (scale and level in one
interpolation) → dewarp (photos: curled or folded lines made straight) → borders (dark edges) → rules (box
borders, table lines) → ocr.

When the words read make no sense (an upside-down page reads as confident-looking garbage with low
confidences), the orientation is asked for and the page read again turned; the better reading is kept.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable

import cv2
import numpy as np

from cpam_reader.base.errors import OcrFailed
from cpam_reader.base.stages import StageTimer
from cpam_reader.base.text import OcrWord
from cpam_reader.image import dewarp, framing, geometry, preprocess
from cpam_reader.image.ocr import OcrEngine, Orientation

Keep = Callable[[str, np.ndarray], None]
"""Receives each stage's image (for ``--debug-dir``)."""

SENSE_OK = 0.6
"""Share of the characters read that belong to confident words: above it, the reading makes sense.

Measured on the corpus: upright pages score 0.8-0.97, the same pages upside down or sideways under 0.3."""
TURN_GAIN = 0.1
"""How much more sense a page read a quarter turn round must make than as it was, for the turn to be kept.
Tesseract reads a sideways line of print by itself: an upright form of boxes and dashes read 0.54 as it was and
0.56 on its side (sideways pages score under 0.3, upright ones 0.8-0.97). Upside down, any gain counts: a noisy
page read upside down keeps its words, in reverse order, and made almost as much sense."""
OSD_SURE = 1.5
"""Tesseract's orientation confidence above which its answer is followed without trying the other ways."""
OSD_HINT = 0.3
"""The OSD's confidence in "upside down" above which a photo is checked by reading a band of it both ways round:
the OSD is no judge alone (on ten corpus photos: an upside-down letter scored 1.4, an upright form with boxes 4.7
for "upside down")."""
OSD_LONG_SIDE = 1600
"""Pages are shown to the OSD at this size: enough for its glyph statistics, far cheaper than full size."""


PIXEL_BUDGET = 12_000_000
"""The most pixels a page handed to Tesseract may have, whatever the photo: a page of 18-px text at 300 dpi is
about 9 MP; more is a page wrongly measured (a tablecloth's squares taken for text), whose OCR would run for
minutes."""


@dataclasses.dataclass(frozen=True)
class PageReading:
    """The words of a page image, and the image they were read from (the second look re-reads parts of it)."""

    words: list[OcrWord]
    image: np.ndarray
    notes: dict[str, object]
    """What was done: page found or text block, inverted, quarter turns, light, despeckle, scale, skew, sense."""
    lined: np.ndarray | None = None
    """The same image before its rules were erased (None when it had none): where boxes are found as boxes."""

    @property
    def made_sense(self) -> bool:
        """Whether the words read make sense (see ``sense``), and the recognition finished."""
        return not self.notes.get("ocr_failed") and float(str(self.notes.get("sense", 0.0))) >= SENSE_OK


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


def _is_photo(image: np.ndarray) -> bool:
    """A colour picture (a phone's photo; screenshots are told apart first), not a gray or black-and-white scan."""
    if image.ndim == 2:
        return False
    sample = image[::16, ::16].astype(np.int16)
    return bool(np.percentile(np.abs(sample - sample.mean(axis=2, keepdims=True)).max(axis=2), 90) >= 3)


def _upright_turns(engine: OcrEngine, gray: np.ndarray, *, photo: bool) -> int:
    """Clockwise quarter turns (in degrees) that bring the page's text upright, decided before any full OCR.

    Whether the lines run across or down the picture is seen in its ink (``framing.lines_run_down``); which of
    the two ways round is Tesseract's OSD on a small copy. A scan lying upright is taken as it is (the OSD is
    asked only for photos, and for pages on their side): if it reads as nonsense, ``read_page`` turns it then.
    """
    if framing.lines_run_down(gray):
        return _turns_for(_orientation(engine, gray), (90, 270))[0]
    if not photo:
        return 0
    found = _orientation(engine, gray)
    if found is None or found.clockwise != 180 or found.confidence < OSD_HINT:
        return 0
    return 180 if _reads_better_turned(engine, gray) else 0  # the OSD says so of some upright forms: checked


def _reads_better_turned(engine: OcrEngine, gray: np.ndarray) -> bool:
    """Whether a band across the middle of the page makes more sense read upside down than as it is.

    A quarter of the page at the text size Tesseract reads: two readings of it cost about half a page's OCR,
    against a whole page read as nonsense and read again.
    """
    h = gray.shape[0]
    band = gray[round(0.35 * h) : round(0.6 * h)]
    band = preprocess.rescale(band, preprocess.scale_factor(preprocess.text_height(band)))
    return sense(engine.read(geometry.turn(band, 2))) > sense(engine.read(band))


def prepare(
    image: np.ndarray, engine: OcrEngine, timer: StageTimer, keep: Keep
) -> tuple[np.ndarray, dict[str, object], np.ndarray | None]:
    """The page (gray or colour) as Tesseract should see it, what was done to it, and the page before.

    The last is the page before its rules were erased (None when it had none): boxes are found on it.
    """
    notes: dict[str, object] = {}
    screen = framing.is_screen(image)
    photo = not screen and _is_photo(image)
    keep("input", image)
    with timer("page"):
        notes["inverted"] = screen and framing.light_on_dark(image)
        if notes["inverted"]:  # a screen in dark mode: light text on a dark page (a photo's dark table is not)
            image = 255 - image
            keep("inverted", image)
        # A screenshot has no sheet to find and no table to cut away: read whole, its text block says whether it
        # shows part of a page. A photo's sheet is found in colour: a table stands out from paper better.
        quad = None if screen else geometry.find_page(image)
        block = framing.text_block(image) if quad is None and photo else None
        gray = preprocess.to_gray(image)
        if quad is not None:
            gray = geometry.unwarp(gray, quad)
            keep("page", gray)
        elif block is not None and photo:  # no outline: the rows of text, never the tablecloth
            gray = geometry.unwarp(gray, block.quad)
            keep("text_block", gray)
    notes["page_found"] = quad is not None
    notes["screen"] = screen
    notes["text_block"] = block is not None
    notes["partial_view"] = framing.shows_part(image) if screen else block is not None and block.cut_off
    with timer("orient"):
        turns = _upright_turns(engine, gray, photo=photo)
        if turns:
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
    with timer("grain"):
        notes["grain"] = photo and preprocess.is_grainy(gray)
        if notes["grain"]:  # a dim photo's sensor noise, smoothed before the text is measured and read: Tesseract
            gray = cv2.GaussianBlur(gray, (0, 0), 1.5)  # reads specks for seconds (a median keeps them as dots)
            keep("grain", gray)
    with timer("scale"):
        height = preprocess.text_height(cv2.medianBlur(gray, 5) if notes["grain"] else gray)  # no specks counted
        factor = min(preprocess.scale_factor(height), math.sqrt(PIXEL_BUDGET / gray.size))
    with timer("deskew"):
        angle = geometry.estimate_skew(gray)
        angle = angle if abs(angle) >= geometry.MIN_DESKEW else 0.0
    notes["scale"], notes["skew"] = round(factor, 3), round(angle, 2)
    if angle or factor != 1.0:
        with timer("resample"):  # scaling and levelling in one pass: one interpolation, not two
            # A photo's paper is gray: the corners turned in take its shade, or the white would make the page
            # "ink" to the rules' threshold; a scan's paper is white, and the corners stay so.
            fill = int(np.percentile(gray[::8, ::8], 90)) if photo else 255
            gray = geometry.rotate(gray, -angle, fill, factor) if angle else preprocess.rescale(gray, factor)
            keep("resample", gray)
    if photo:
        with timer("dewarp"):  # a curled or folded sheet: its lines made straight (scans lie flat)
            flat = dewarp.flatten(gray)
            notes["dewarped"] = flat is not gray
            if flat is not gray:
                gray = flat
                keep("dewarp", gray)
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


def _read(engine: OcrEngine, image: np.ndarray, notes: dict[str, object]) -> list[OcrWord]:
    """The words Tesseract reads; none when its recognition fails or passes the page's time limit (noted).

    A page that cannot be read in time is a page too hard to read: the letter's result says so and advises a new
    picture (review reason ``page_unreadable``), rather than the whole document ending as an error.
    """
    try:
        return engine.read(image)
    except OcrFailed:
        notes["ocr_failed"] = True
        return []


def read_page(
    page: np.ndarray, engine: OcrEngine, timer: StageTimer, keep: Keep, *, deadline: float | None = None
) -> PageReading:
    """Prepare the page, OCR it, and read it again the right way up when the first reading makes no sense.

    ``deadline`` (``time.monotonic()``): past it, the page is not read again.
    """
    image, notes, lined = prepare(page, engine, timer, keep)
    with timer("ocr"):
        words = _read(engine, image, notes)
    score = sense(words)
    if score < SENSE_OK and not notes.get("ocr_failed") and (deadline is None or time.monotonic() < deadline):
        with timer("orient"):
            tries = _turns_for(_orientation(engine, image), (180, 90, 270))
        upright, upright_lined, turned_before = image, lined, int(str(notes["turned"]))
        for clockwise in tries:  # each turn from the page as first read
            if deadline is not None and time.monotonic() >= deadline:
                break
            turned = geometry.turn(upright, clockwise // 90)
            with timer("ocr"):
                again = _read(engine, turned, {})
            if sense(again) > score + (TURN_GAIN if clockwise in (90, 270) else 0.0):
                image, words, score = turned, again, sense(again)
                lined = geometry.turn(upright_lined, clockwise // 90) if upright_lined is not None else None
                notes["turned"] = (turned_before + clockwise) % 360
                keep("reoriented", image)
            if score >= SENSE_OK:
                break
    notes["sense"] = round(score, 3)
    return PageReading(words, image, notes, lined)
