"""Cutting a part of the page out and reading it again, alone, as digits: the image side of the second look.

Which rows to look at again, and which reading to believe, is :mod:`cpam_reader.number.second_look`'s; here are
the crops (a row's box with its margins, the ink beside a label the first reading dropped, a row of boxes away
from its label) and the readings of them (gray, Sauvola, larger with Otsu; the key after "Clé" alone).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import cv2
import numpy as np
import regex

from cpam_reader.base.text import OcrWord
from cpam_reader.image.ocr import OcrEngine
from cpam_reader.image.preprocess import ink as ink_of
from cpam_reader.image.preprocess import sauvola
from cpam_reader.number.digit_crop import for_digits, runs
from cpam_reader.number.finder import KEY_WORD
from cpam_reader.number.misreads import DIGITLIKE

KEY_LABEL = regex.compile(rf"(?i){KEY_WORD}\s*:?|key")
"""The word before a key printed apart ("Clé", read "Cié" or "C1é")."""
DIGIT_HEIGHT = 32
"""Height in pixels of the digits' boxes as re-read (the boxes Tesseract gives are about a capital's height)."""


def digit_word(word: OcrWord) -> bool:
    """A word read as a group of digits: a digit, and mostly characters a digit is read as."""
    text = word.text.strip()
    return any(c.isdigit() for c in text) and sum(c in DIGITLIKE for c in text) >= 0.6 * len(text)


def key_reread(after: Sequence[OcrWord], image: np.ndarray, engine: OcrEngine) -> list[str]:
    """The words after a number, with the key printed apart after "Clé" read again alone, as the number is.

    The key's digits are misread as the number's are (a dotted zero as an 8), and a re-read number whose key
    stays misread would fail it. A key in a box of its own is often not read at all: then the ink just after
    "Clé" is read (two digit widths and its box), and the key, when it reads as two digits, joins the words.
    """
    texts = [w.text for w in after]
    at = next((j for j, w in enumerate(after[:2]) if KEY_LABEL.fullmatch(w.text)), None)
    if at is None:
        return texts
    label = after[at]
    following = after[at + 1] if at + 1 < len(after) else None
    read = following is not None and digit_word(following) and len(following.text) <= 3
    pad = label.height // 2
    if read:
        assert following is not None
        left, right = following.left - pad, following.left + following.width + pad
    else:
        left = label.left + label.width + 2
        right = min(left + 4 * label.height, following.left - 2 if following else image.shape[1])
    top, bottom = max(0, label.top - pad), label.top + label.height + pad
    if right - left < label.height:
        return texts
    crop, height = enlarged(np.ascontiguousarray(image[top:bottom, max(0, left) : right]), label.height)
    reading = line_text(engine.read(for_digits(crop, height), psm=7, digits=True)).replace(" ", "")
    if len(reading) == 2:
        texts[at + 1 : at + 1 + read] = [reading]
    return texts


def crop_box(
    words: Sequence[OcrWord], shape: tuple[int, ...], after: int, until: int | None = None
) -> tuple[int, int, int, int]:
    """The words' box, from the end of the row's label (``after``) or a few heights before, to a few after.

    The padding gives Tesseract its white margin, and takes in the boxes at either end the first reading lost;
    it stops before the next word of the row (``until``: "Clé", whose letters a digits-only reading takes for
    digits).
    """
    height = max(w.height for w in words)
    left = after + 2 if after > 0 else max(0, min(w.left for w in words) - 3 * height)
    top = max(0, min(w.top for w in words) - height // 2)
    right = min(shape[1], max(w.left + w.width for w in words) + 3 * height)  # a last box the first reading lost
    if until is not None:
        right = max(max(w.left + w.width for w in words) + 2, min(right, until - 2))
    bottom = min(shape[0], max(w.top + w.height for w in words) + height // 2)
    return left, top, right, bottom


def enlarged(crop: np.ndarray, height: int) -> tuple[np.ndarray, int]:
    """The crop with its digits at least `DIGIT_HEIGHT` tall.

    The page was read small to be fast; the number is worth more pixels.
    """
    if height >= DIGIT_HEIGHT:
        return crop, height
    factor = DIGIT_HEIGHT / height
    return cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), DIGIT_HEIGHT


def rereads(image: np.ndarray, box: tuple[int, int, int, int], height: int, engine: OcrEngine) -> Iterator[str]:
    """The box read again, alone, as one line of digits: gray, then Sauvola-binarised if needed."""
    left, top, right, bottom = box
    crop, height = enlarged(np.ascontiguousarray(image[top:bottom, left:right]), height)
    crop = for_digits(crop, height)
    yield line_text(engine.read(crop, psm=7, digits=True))
    window = max(15, 2 * height) | 1
    yield line_text(engine.read(sauvola(crop, window=window), psm=7, digits=True))
    # Asked for only to settle a misprinted key: other pixels (half as large again, Otsu) and another
    # segmentation (a raw line, no word finding), so that a digit misread twice is unlikely to be misread alike.
    larger = cv2.resize(crop, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_CUBIC)
    yield line_text(engine.read(255 - ink_of(larger), psm=13, digits=True))


def unread_bands(image: np.ndarray, row: Sequence[OcrWord], below: int) -> list[tuple[bool, tuple[int, int, int, int]]]:
    """Ink the first reading left out beside a keyword's row (True) or under it, down to ``below`` (False).

    Boxed digits that Tesseract took for a drawing and dropped. Each band of ink rows at least half a line tall
    is a box.
    """
    height = int(np.median([w.height for w in row]))
    top, bottom = min(w.top for w in row), max(w.top + w.height for w in row)
    right = max(w.left + w.width for w in row)
    regions = [(True, (right + height, max(0, top - height // 2), image.shape[1], bottom + height // 2))]
    if below - bottom > height:
        regions.append((False, (0, bottom + height // 4, image.shape[1], min(below, bottom + 4 * height))))
    boxes = []
    for beside, (left, upper, right_edge, lower) in regions:
        if right_edge - left < 4 * height or lower <= upper:
            continue
        ink = ink_of(image[upper:lower, left:right_edge])
        ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # specks are not digits
        for a, b in runs(ink.any(axis=1)):
            if b - a < height // 2:
                continue
            columns = np.flatnonzero(ink[a:b].any(axis=0))
            pad = height // 2
            boxes.append(
                (
                    beside,
                    (
                        max(0, left + columns[0] - pad),
                        max(0, upper + a - pad),
                        min(image.shape[1], left + columns[-1] + pad),
                        min(image.shape[0], upper + b + pad),
                    ),
                )
            )
    return boxes


def unread_rows(image: np.ndarray, words: Sequence[OcrWord], height: int) -> list[tuple[int, int, int, int]]:
    """Bands of ink anywhere on the page that no word of the first reading covers, shaped like a row of boxes.

    A row of boxed digits the first reading dropped whole, away from its label ("pré-imprimé ci-dessous", with
    the name and birth date between). A band is half a line to three lines tall (not a rule, not the photo or
    signature frame) and at least ten lines wide; top to bottom.
    """
    ink = ink_of(image)
    pad = max(2, height // 6)
    for w in words:
        ink[max(0, w.top - pad) : w.top + w.height + pad, max(0, w.left - pad) : w.left + w.width + pad] = 0
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    bands = []
    for a, b in runs((ink > 0).sum(axis=1) >= 3):
        columns = np.flatnonzero(ink[a:b].any(axis=0))
        if height // 2 <= b - a <= 3 * height and columns[-1] - columns[0] >= 10 * height:
            bands.append(
                (
                    max(0, int(columns[0]) - height),
                    max(0, a - height // 2),
                    min(image.shape[1], int(columns[-1]) + height),
                    min(image.shape[0], b + height // 2),
                )
            )
    return bands


def line_text(words: Sequence[OcrWord]) -> str:
    """The words' text, left to right."""
    return " ".join(w.text for w in sorted(words, key=lambda w: w.left))
