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
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
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


def prepare(image: np.ndarray) -> np.ndarray:
    """The page as Tesseract should see it."""
    return rescale(to_gray(image))
