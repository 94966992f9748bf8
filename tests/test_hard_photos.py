"""Hard photos through the real Tesseract: upside down decided before the page's OCR, a curled page flattened,
a page that cannot be read ending as a result with advice, a time budget that stops second tries."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from cpam_reader import read_letter
from cpam_reader.base.errors import OcrFailed
from cpam_reader.base.stages import StageTimer
from cpam_reader.base.text import lines_from_words
from cpam_reader.image import dewarp, geometry
from cpam_reader.image.ocr import default_engine
from cpam_reader.image.reading import read_page
from cpam_reader.number.finder import find_numbers
from tests.conftest import LETTERS, expected_for

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

LETTER = LETTERS / "na-definitif-1.png"


class RecordingEngine:
    """The real engine, recording the size of every image it reads and how often it is asked the orientation."""

    def __init__(self, fail: bool = False) -> None:
        self.engine = default_engine()
        self.fail = fail
        self.read_sizes: list[int] = []
        self.orientations = 0

    def orientation(self, image):
        self.orientations += 1
        return self.engine.orientation(image)

    def read(self, image, **kwargs):
        self.read_sizes.append(image.size)
        if self.fail:
            raise OcrFailed("Text recognition took longer than 60 s on a page.")
        return self.engine.read(image, **kwargs)


def as_photo(gray: np.ndarray) -> np.ndarray:
    """A gray page as a phone would give it: colour, a warm cast, sensor noise, on a dark wooden-brown table."""
    h, w = gray.shape
    table = np.zeros((h + 400, w + 400, 3), np.uint8)
    table[:] = (92, 64, 40)
    table[200 : 200 + h, 200 : 200 + w] = np.stack(
        [gray, (gray * 0.97).astype(np.uint8), (gray * 0.9).astype(np.uint8)], -1
    )
    noise = np.random.default_rng(7).normal(0, 3, table.shape)
    return np.clip(table + noise, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return np.asarray(Image.open(LETTER).convert("L"))


def test_an_upside_down_photo_is_turned_before_its_page_is_read(page, tesseract_available):
    photo = geometry.turn(as_photo(page), 2)
    engine = RecordingEngine()
    reading = read_page(photo, engine, StageTimer(), lambda stage, image: None)
    assert reading.notes["turned"] == 180 and reading.notes["page_found"]
    whole = [size for size in engine.read_sizes if size > 0.5 * reading.image.size]
    assert len(whole) == 1  # the page read once, upright; only small bands were read to decide
    found = {c.value for c in find_numbers(lines_from_words(reading.words, 1)) if c.valid}
    assert expected_for(LETTER)["nir"] in found


def curled(gray: np.ndarray, sag: float) -> np.ndarray:
    """The page with its lines sagging by ``sag`` px in the middle and rising at the bottom: a curled sheet."""
    h, w = gray.shape
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    bend = sag * np.sin(np.pi * xs / w) * (0.5 + ys / h)
    return cv2.remap(gray, xs, ys - bend, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def offset(gray: np.ndarray, x0: int, x1: int) -> int:
    """How far down the lines are at column band ``x1`` against band ``x0``: the shift that best aligns their
    row profiles (ink per row)."""
    a, b = ((gray[:, x : x + 60] < 128).sum(axis=1).astype(float) for x in (x0, x1))
    shifts = range(-120, 121)
    return max(shifts, key=lambda s: float(np.dot(a[120:-120], b[120 + s : len(b) - 120 + s])))


def test_flatten_straightens_a_curled_page_and_leaves_a_flat_one(page):
    bent = curled(page, 45.0)
    assert dewarp.flatten(page) is page
    flat = dewarp.flatten(bent)
    assert flat is not bent
    left, middle = 300, page.shape[1] // 2
    assert offset(bent, left, middle) > 15 and abs(offset(flat, left, middle)) <= 4


def test_a_curled_photo_is_flattened_and_read(page, tesseract_available):
    photo = as_photo(curled(page, 45.0))
    reading = read_page(photo, default_engine(), StageTimer(), lambda stage, image: None)
    assert reading.notes["dewarped"]
    _, data = cv2.imencode(".png", cv2.cvtColor(photo, cv2.COLOR_RGB2BGR))
    assert read_letter(data.tobytes(), name="curled.png").nir == expected_for(LETTER)["nir"]


def test_a_page_whose_recognition_fails_ends_as_a_result_with_advice(page, tesseract_available):
    _, data = cv2.imencode(".png", cv2.cvtColor(as_photo(page), cv2.COLOR_RGB2BGR))
    result = read_letter(data.tobytes(), name="hard.png", engine=RecordingEngine(fail=True))
    assert result.error is None and result.nir is None
    assert "page_unreadable" in result.review_reasons and result.needs_review
    assert result.next_steps[0].code == "retake" and "retake the photo" in result.next_steps[0].en


def test_past_the_time_budget_no_second_try_is_made(page, tesseract_available):
    engine = RecordingEngine()
    upside_down = geometry.turn(page, 2)  # a scan: not checked before its OCR, so read as nonsense first
    _, data = cv2.imencode(".png", upside_down)
    result = read_letter(data.tobytes(), name="late.png", engine=engine, time_budget_s=0.0)
    assert result.error is None and len(engine.read_sizes) == 1  # no other orientation, no second look
    assert "page_unreadable" in result.review_reasons and result.next_steps[0].code == "retake"
    again = read_letter(data.tobytes(), name="in-time.png")
    assert again.nir == expected_for(LETTER)["nir"]
