"""Digits that Tesseract misreads for their print, not their damage: dotted and slashed zeros, a key in its box.

The pages are drawn here, in fonts of the system, not taken from a corpus: the cause, not a letter.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from cpam_reader import read_letter
from cpam_reader.number.digit_crop import plain_zeros

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

FONTS = Path("/usr/share/fonts/truetype")
MONO_BOLD = FONTS / "dejavu" / "DejaVuSansMono-Bold.ttf"  # prints its zero with a dot inside
SANS = FONTS / "dejavu" / "DejaVuSans.ttf"


def drawn(text: str, font: Path, size: int, halve: bool) -> np.ndarray:
    """Black text on white; halved and made black-and-white as a fax prints it."""
    image = Image.new("L", (size * len(text) + 40, size * 2), 255)
    ImageDraw.Draw(image).text((20, size // 3), text, font=ImageFont.truetype(str(font), size), fill=0)
    gray = np.array(image)
    if halve:
        gray = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    return np.where(gray < 140, 0, 255).astype(np.uint8)


def holes(glyph: np.ndarray) -> int:
    """Holes in the largest mark of the image."""
    marks = (glyph < 128).astype(np.uint8) * 255
    _, hierarchy = cv2.findContours(marks, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    return int((hierarchy[0][:, 3] >= 0).sum()) if hierarchy is not None else 0


@pytest.fixture(autouse=True)
def fonts_present():
    if not MONO_BOLD.exists():
        pytest.fail("fonts-dejavu-core is not installed: run the README's test command (it installs it).")


@pytest.mark.parametrize("size", [36, 40, 48])
def test_a_dotted_zero_cut_in_two_becomes_a_plain_zero(size):
    """At a fax's resolution, printed thick, the dot touches the ring: two holes, as an 8 has."""
    zero = cv2.erode(drawn("0", MONO_BOLD, size, halve=True), np.ones((2, 2), np.uint8))
    assert holes(zero) == 2
    assert holes(plain_zeros(zero, size // 2)) == 1


@pytest.mark.parametrize("font", ["DejaVuSansMono-Bold.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"])
@pytest.mark.parametrize("halve", [False, True])
def test_an_eight_stays_an_eight(font, halve):
    for thick in (False, True):
        eight = drawn("8 6 9", FONTS / "dejavu" / font, 40, halve)
        eight = cv2.erode(eight, np.ones((2, 2), np.uint8)) if thick else eight
        assert np.array_equal(plain_zeros(eight, 20 if halve else 40), eight)


def page_with(lines: list[tuple[str, Path]], size: int, width: int, boxed_key: str | None = None) -> Image.Image:
    """A page ``width`` pixels wide (A4) with the lines typed on it, the key in a box after the last when given."""
    page = Image.new("L", (width, round(width * 1.414)), 255)
    draw = ImageDraw.Draw(page)
    for i, (text, font) in enumerate(lines):
        draw.text((width // 10, width // 5 + 2 * size * i), text, font=ImageFont.truetype(str(font), size), fill=0)
    if boxed_key:
        face = ImageFont.truetype(str(MONO_BOLD), size)
        left = width // 10 + draw.textlength(lines[-1][0], font=face) + size
        top = width // 5 + 2 * size * (len(lines) - 1) - size // 4
        draw.rectangle((left, top, left + 2 * size, top + 3 * size // 2), outline=0, width=max(2, size // 14))
        draw.text((left + size // 2 - 2, top + size // 4), boxed_key, font=face, fill=0)
    return page


def test_a_faxed_number_with_dotted_zeros_is_read(tmp_path, tesseract_available):
    """A fax (black and white, 180 dpi): the page's reading takes the dotted zero of "06" for a 6, and the key
    fails; the number re-read alone is the printed number."""
    page = page_with(
        [
            ("Caisse Primaire d'Assurance Maladie", SANS),
            ("Objet : votre numéro de sécurité sociale", SANS),
            ("Votre numéro de sécurité sociale définitif :", SANS),
            ("1 77 06 99 216 165 / clé 50", MONO_BOLD),
            ("Nous vous prions d'agréer nos salutations distinguées.", SANS),
        ],
        size=36,
        width=1525,
    )
    path = tmp_path / "fax.tif"
    page.point(lambda v: 0 if v < 140 else 255).convert("1").save(path)
    result = read_letter(path)
    assert (result.nir, result.nir_valid) == ("177069921616550", True)


def test_a_key_in_its_own_box_after_cle_is_read(tmp_path, tesseract_available):
    """A form photographed a little out of focus: the page's reading drops the key's box after "Clé"; the ink
    just after "Clé" read alone is the key."""
    page = page_with(
        [
            ("Caisse Primaire d'Assurance Maladie", SANS),
            ("Demande de carte Vitale", SANS),
            ("N° de sécurité sociale :", SANS),
            ("2 59 08 06 243 119  Clé", MONO_BOLD),
        ],
        size=30,
        width=1511,
        boxed_key="42",
    )
    path = tmp_path / "form.png"
    cv2.imwrite(str(path), cv2.GaussianBlur(np.array(page), (0, 0), 1.2))
    result = read_letter(path)
    assert (result.nir, result.nir_valid) == ("259080624311942", True)
