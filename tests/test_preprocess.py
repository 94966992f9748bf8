"""Pre-processing stages on small synthetic pages; the OCR checks run the real Tesseract."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from cpam_reader.base.text import lines_from_words
from cpam_reader.image import preprocess
from cpam_reader.image.ocr import default_engine
from cpam_reader.number.finder import find_numbers

NUMBER = "1 84 12 75 123 456 40"


def page_with(
    lines: list[str], scale: float = 1.6, thickness: int = 3, size: tuple[int, int] = (700, 1400)
) -> np.ndarray:
    """A white page with typed lines (Hershey font, glyphs about 30 px high)."""
    page = np.full(size, 255, np.uint8)
    for i, text in enumerate(lines):
        cv2.putText(page, text, (60, 120 + 90 * i), cv2.FONT_HERSHEY_SIMPLEX, scale, 0, thickness, cv2.LINE_AA)
    return page


def shadowed(page: np.ndarray) -> np.ndarray:
    """Lamp light falling off to the right, and a hand's shadow over the number: paper from 250 down to 60."""
    h, w = page.shape
    light = np.tile(np.linspace(1.0, 0.45, w, dtype=np.float32), (h, 1))
    shadow = np.zeros((h, w), np.float32)
    cv2.circle(shadow, (w // 2, h // 2), h // 3, 0.5, -1)
    light *= 1 - cv2.GaussianBlur(shadow, (0, 0), 40)
    return (page.astype(np.float32) * light).clip(0, 255).astype(np.uint8)


def read_numbers(image: np.ndarray) -> set[str]:
    words = default_engine().read(image)
    return {c.value for c in find_numbers(lines_from_words(words, 1)) if c.valid and not c.key_missing}


def test_background_division_whitens_the_paper_and_keeps_the_ink():
    page = page_with(["Votre numero provisoire :", NUMBER, "Madame, Monsieur,"])
    dark = shadowed(page)
    assert preprocess.needs_light_normalisation(dark)
    assert not preprocess.needs_light_normalisation(page)
    flat = preprocess.normalise_light(dark)
    paper, ink = flat[page == 255], flat[page == 0]
    assert np.percentile(paper, 5) > 200  # the shadowed paper is white again
    assert np.percentile(ink, 95) < 140  # the ink in the shadow stays dark


def test_a_shadowed_page_binarises_without_losing_the_number(tesseract_available):
    page = page_with(["Votre numero provisoire :", NUMBER, "Madame, Monsieur,"])
    dark = shadowed(page)
    otsu = cv2.threshold(dark, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    assert "184127512345640" not in read_numbers(otsu)  # one global threshold floods the shadow
    binary = preprocess.sauvola(preprocess.normalise_light(dark))
    assert set(np.unique(binary)) <= {0, 255}
    assert "184127512345640" in read_numbers(binary)


def test_despeckle_removes_fax_dots_and_keeps_the_text():
    page = preprocess.sauvola(page_with(["Votre numero provisoire :", NUMBER]))
    rng = np.random.default_rng(1)
    noisy = page.copy()
    ys, xs = rng.integers(0, page.shape[0], 400), rng.integers(0, page.shape[1], 400)
    noisy[ys, xs] = 255 - noisy[ys, xs]
    assert preprocess.is_bilevel(noisy)
    clean = preprocess.despeckle(noisy)
    assert np.count_nonzero(clean != page) < 0.1 * np.count_nonzero(noisy != page)


def test_text_height_drives_scaling_up_and_down():
    page = page_with(["Votre numero provisoire :", NUMBER, "Madame, Monsieur,"])
    height = preprocess.text_height(page)
    assert height is not None and 20 <= height <= 30
    assert preprocess.scale_factor(preprocess.TARGET_TEXT_HEIGHT * 1.03) == 1.0  # about the target: left alone
    small = preprocess.text_height(preprocess.rescale(page, 0.5))
    assert small is not None and abs(small - height / 2) <= 0.15 * height
    assert preprocess.scale_factor(small) >= 1.4  # half-size text is brought back up
    big = preprocess.rescale(page, 2.5)
    assert preprocess.scale_factor(preprocess.text_height(big)) < 0.5
    assert preprocess.text_height(np.full((300, 300), 255, np.uint8)) is None


def test_clean_borders_whitens_a_dark_edge_but_not_the_text():
    page = page_with(["Votre numero provisoire :", NUMBER])
    page[:, :40] = 70  # the table seen beside the sheet
    page[-25:, :] = 50
    clean = preprocess.clean_borders(page, preprocess.text_height(page))
    assert clean[:, :40].min() == 255 and clean[-25:].min() == 255
    assert np.array_equal(clean[:, 60:][:-25], page[:, 60:][:-25])


def test_remove_rules_keeps_a_run_of_touching_bold_digits():
    """Digits printed without spaces, bold and blurred, touch: their joined strokes are no rule to erase."""
    page = np.full((400, 1400), 255, np.uint8)
    for i, digit in enumerate("269019720838991"):
        cv2.putText(page, digit, (300 + 11 * i, 200), cv2.FONT_HERSHEY_SIMPLEX, 0.75, 0, 4, cv2.LINE_AA)
    page = cv2.GaussianBlur(page, (3, 3), 0)
    page[300:302, 100:1300] = 0  # a real rule below, to be erased
    clean = preprocess.remove_rules(page)
    assert clean[300:302, 100:1300].min() > 128
    assert np.array_equal(clean[150:250], page[150:250])


@pytest.mark.parametrize("line", ["horizontal", "vertical"])
def test_remove_rules_erases_lines_not_glyphs(line):
    page = page_with(["Votre numero provisoire :", NUMBER])
    if line == "horizontal":
        page[300:303, 20:1380] = 0
    else:
        page[20:680, 700:703] = 0
    clean = preprocess.remove_rules(page)
    assert (clean[300:303, 20:1380].min() if line == "horizontal" else clean[20:680, 700:703].min()) == 255
    glyphs = page_with(["Votre numero provisoire :", NUMBER])
    assert np.count_nonzero(clean < 128) >= 0.9 * np.count_nonzero(glyphs < 128)
    untouched = page_with(["Votre numero provisoire :", NUMBER])
    assert preprocess.remove_rules(untouched) is untouched  # nothing to do: the same array, no copy
