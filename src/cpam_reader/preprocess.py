"""Pre-processing of page images before OCR: pure functions on numpy arrays.

Tesseract reads best when the text's x-height is about 20-30 px (a 300-dpi scan of 10-12 pt text). Pages
rendered or scanned far below or above that are rescaled; everything else is left for Tesseract.
"""

from __future__ import annotations

import cv2
import numpy as np

TARGET_LONG_SIDE = 3508
"""The long side of an A4 page at 300 dpi, in pixels."""


def to_gray(image: np.ndarray) -> np.ndarray:
    """8-bit single-channel image.

    >>> to_gray(np.zeros((4, 5, 3), np.uint8)).shape
    (4, 5)
    """
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY if image.shape[2] == 3 else cv2.COLOR_RGBA2GRAY)
    if image.dtype != np.uint8:
        low, high = float(image.min()), float(image.max())
        image = ((image - low) * (255.0 / max(high - low, 1e-9))).astype(np.uint8)
    return image


def rescale(image: np.ndarray, target_long_side: int = TARGET_LONG_SIDE) -> np.ndarray:
    """Bring a page scanned at a low or very high resolution near 300 dpi (unchanged within 0.7-1.6×).

    >>> rescale(np.zeros((1754, 1240), np.uint8)).shape
    (3508, 2480)
    >>> rescale(np.zeros((3508, 2480), np.uint8)).shape
    (3508, 2480)
    """
    factor = target_long_side / max(image.shape[:2])
    if 0.7 <= factor <= 1.6:
        return image
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)


def remove_rules(image: np.ndarray) -> np.ndarray:
    """Erase long horizontal and vertical lines: box borders, table rules, underlines.

    Tesseract reads the border of each box of the carte Vitale form as '|' or 'I' and loses the digits inside;
    with the borders gone, the digits read as a spaced number. Lines are found by a morphological opening with
    kernels longer than any character stroke (at about 300 dpi).

    >>> page = np.full((200, 400), 255, np.uint8)
    >>> page[50:150, 100] = 0; page[50, 100:300] = 0; page[90:110, 200:210] = 0   # two rules and a "dot"
    >>> cleaned = remove_rules(page)
    >>> int(cleaned[100, 100]), int(cleaned[50, 200]), int(cleaned[100, 205])
    (255, 255, 0)
    """
    ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    long_side = max(image.shape)
    stroke = max(50, long_side // 60)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (stroke * 2, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, stroke)))
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    if not rules.any():
        return image
    cleaned = image.copy()
    cleaned[rules > 0] = 255
    return cleaned


def prepare(image: np.ndarray) -> np.ndarray:
    """The page as Tesseract should see it."""
    return remove_rules(rescale(to_gray(image)))
