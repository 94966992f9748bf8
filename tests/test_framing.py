"""Photos whose sheet has no outline to find: the text block, dark mode, sideways lines, the pixel budget.

The pure parts on drawn pictures; then a fixture letter laid on a checked tablecloth as white as its paper and
read by the real Tesseract: the number is read, and the tablecloth is not handed to the OCR.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from cpam_reader import read_letter
from cpam_reader.base.stages import StageTimer
from cpam_reader.image import framing, geometry
from cpam_reader.image.ocr import default_engine
from cpam_reader.image.reading import PIXEL_BUDGET, read_page
from tests.conftest import LETTERS, expected_for

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

LETTER = LETTERS / "na-definitif-1.png"


def checked_cloth(shape: tuple[int, int], square: int, colour: tuple[int, int, int]) -> np.ndarray:
    """A gingham tablecloth: white and coloured squares, and their mix where the bands cross."""
    h, w = shape
    ys, xs = np.mgrid[0:h, 0:w]
    bands = ((ys // square) % 2) + ((xs // square) % 2)  # 0 white, 1 half colour, 2 full colour
    white = np.array([250, 250, 248], np.float32)
    tint = np.array(colour, np.float32)
    cloth = white + (tint - white) * (bands[..., None] / 2.0)
    return cloth.astype(np.uint8)


def letter_on_cloth(scale: float = 0.9, square: int = 110) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The fixture letter (300 dpi) on a 12 MP checked cloth, touching white squares on every side; and where."""
    page = np.asarray(Image.open(LETTER).convert("L"))
    page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    photo = checked_cloth((4000, 3000), square, (200, 40, 40))
    y, x = (4000 - page.shape[0]) // 2, (3000 - page.shape[1]) // 2
    photo[y : y + page.shape[0], x : x + page.shape[1]] = page[..., None]
    noisy = photo + np.random.default_rng(5).normal(0, 3, photo.shape)  # a camera's: no screenshot's flat pixels
    return np.clip(noisy, 0, 255).astype(np.uint8), (x, y, x + page.shape[1], y + page.shape[0])


def test_the_text_block_of_a_letter_on_a_checked_cloth_holds_its_text_and_little_cloth():
    photo, (px0, py0, px1, py1) = letter_on_cloth()
    block = framing.text_block(photo)
    assert block is not None and not block.cut_off
    (x0, y0), _, (x1, y1), _ = block.quad
    dx, dy = 0.05 * (px1 - px0), 0.05 * (py1 - py0)  # the block's own margin beyond the print, at most
    assert px0 - dx <= x0 and py0 - dy <= y0 and x1 <= px1 + dx and y1 <= py1 + dy  # hardly any cloth
    page_ink = np.argwhere(np.asarray(Image.open(LETTER).convert("L")) < 128) * 0.9
    offset = np.array([py0, px0])
    top, left = page_ink.min(axis=0) + offset
    bottom, right = page_ink.max(axis=0) + offset
    assert x0 <= left and y0 <= top and x1 >= right and y1 >= bottom  # all of the letter's print


def test_a_cloth_alone_has_no_text_block():
    assert framing.text_block(checked_cloth((4000, 3000), 110, (40, 60, 160))) is None
    stripes = np.zeros((3000, 4000, 3), np.uint8)
    stripes[:] = 240
    for y in range(0, 3000, 60):
        stripes[y : y + 20] = (30, 30, 120)  # a striped placemat: long solid bars, no letters
    assert framing.text_block(stripes) is None


def test_a_zoomed_view_is_cut_off():
    page = np.asarray(Image.open(LETTER).convert("L"))
    h, w = page.shape
    zoomed = page[h // 4 : h // 2, w // 5 : w // 2]  # the rows run off both sides
    block = framing.text_block(cv2.cvtColor(zoomed, cv2.COLOR_GRAY2RGB))
    assert block is not None and block.cut_off


def test_dark_mode_is_told_from_a_white_page_in_a_dark_viewer():
    page = np.asarray(Image.open(LETTER).convert("L"))
    dark_mode = (255 - page) // 2 + 20  # light gray text on a near-black page
    viewer = np.full((4000, 3000), 30, np.uint8)  # a white page shown small on a dark viewer's background
    viewer[1200:2800, 900:2100] = cv2.resize(page, (1200, 1600), interpolation=cv2.INTER_AREA)
    assert framing.light_on_dark(dark_mode)
    assert not framing.light_on_dark(page) and not framing.light_on_dark(viewer)


def test_lines_running_down_are_seen_on_a_page_on_its_side():
    page = np.asarray(Image.open(LETTER).convert("L"))
    assert not framing.lines_run_down(page)
    assert framing.lines_run_down(geometry.turn(page, 1)) and framing.lines_run_down(geometry.turn(page, 3))


@pytest.mark.parametrize("square", [110, 40], ids=["large-checks", "small-checks"])
def test_a_letter_on_a_checked_cloth_is_read_without_the_cloth(square, tesseract_available):
    photo, (x0, y0, x1, y1) = letter_on_cloth(square=square)
    reading = read_page(photo, default_engine(), StageTimer(), lambda stage, image: None)
    assert reading.notes["page_found"] or reading.notes["text_block"]
    assert reading.image.size <= PIXEL_BUDGET
    scale = float(str(reading.notes["scale"]))
    assert reading.image.size / scale**2 <= 1.1 * (x1 - x0) * (y1 - y0)  # the page at most: no cloth around it
    _, data = cv2.imencode(".png", cv2.cvtColor(photo, cv2.COLOR_RGB2BGR))
    result = read_letter(data.tobytes(), name="cloth.png")
    assert result.nir == expected_for(LETTER)["nir"]


def test_a_dark_mode_screenshot_is_inverted_and_read(tesseract_available):
    page = np.asarray(Image.open(LETTER).convert("L"))
    screen = cv2.resize(page, (1170, round(1170 * page.shape[0] / page.shape[1])), interpolation=cv2.INTER_AREA)
    dark = np.full((2532, 1170, 3), 18, np.uint8)
    dark[300 : 300 + screen.shape[0]] = ((255 - screen) * 0.85 + 25).astype(np.uint8)[..., None]
    _, data = cv2.imencode(".png", dark)
    result = read_letter(data.tobytes(), name="screenshot.png")
    assert result.nir == expected_for(LETTER)["nir"]
