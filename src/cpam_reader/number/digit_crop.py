"""A number's crop made easy for a digits-only reading: no box borders, plain zeros, digits evenly spaced.

The second look crops a number's row from the page and reads it again alone; these pure functions on the crop
remove what makes Tesseract misread digits that a person reads at a glance.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from cpam_reader.image.preprocess import ink as ink_of

ZERO_SOLIDITY = 0.93
"""A glyph with two holes is a zero cut in two when its area over its convex hull's is at least this (an oval),
its width across the middle fifth at least `ZERO_WAIST` of its widest row's (no waist), and its two holes
near-equal halves (`ZERO_HOLES`). Measured on the system's fonts at 16-56 px, rendered and halved as a fax would:
two-hole zeros 0.89-1.0 solid, waist 0.83-1.0; no 8, 6 or 9 passes (8s have a waist of 0.83 at most, the
nearest 9 is 0.94 solid with a waist of 0.83; a fax's closed 9 0.92 solid, its holes 2:1)."""
ZERO_WAIST = 0.85
ZERO_HOLES = 1.6


def runs(flags: npt.ArrayLike) -> list[tuple[int, int]]:
    """Where a row of flags is true: (start, end) of each run, in order.

    >>> runs(np.array([0, 1, 1, 0, 1], bool))
    [(1, 3), (4, 5)]
    """
    edges = np.flatnonzero(np.diff(np.concatenate(([0], np.asarray(flags, np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def for_digits(crop: np.ndarray, height: int) -> np.ndarray:
    """The crop as the digits-only re-readings want it: box borders gone, zeros plain, marks side by side."""
    return respaced(plain_zeros(without_box_borders(crop, height), height), height)


def without_box_borders(crop: np.ndarray, height: int) -> np.ndarray:
    """The crop with the form's box borders painted over: strokes taller or wider than a digit.

    A box's side is half as tall again as the digit in it, and a digits-only reading takes it for a 1.

    >>> crop = np.full((60, 200), 255, np.uint8); crop[5:55, 20:23] = 0; crop[15:45, 60:64] = 0
    >>> clean = without_box_borders(crop, 30)
    >>> int(clean[30, 21]), int(clean[30, 62])
    (255, 0)
    """
    ink = ink_of(crop)
    tall = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, round(1.3 * height))))
    wide = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, round(1.5 * height)), 1))
    borders = cv2.bitwise_or(cv2.morphologyEx(ink, cv2.MORPH_OPEN, tall), cv2.morphologyEx(ink, cv2.MORPH_OPEN, wide))
    if not borders.any():
        return crop
    cleaned = crop.copy()
    cleaned[cv2.dilate(borders, np.ones((3, 3), np.uint8)) > 0] = int(np.percentile(crop, 90))
    return cleaned


def _waist(outline: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """The glyph's narrowest width across its middle fifth over its widest row's."""
    left, top, width, tall = box
    filled = np.zeros((tall, width), np.uint8)
    cv2.drawContours(filled, [outline - np.array([left, top])], -1, 1, -1)
    widths = filled.sum(axis=1)
    return float(widths[int(tall * 0.4) : int(tall * 0.6) + 1].min() / max(1, widths.max()))


def plain_zeros(crop: np.ndarray, height: int) -> np.ndarray:
    """The crop with each dotted or slashed zero made a plain one: the dot or slash inside the oval painted over.

    Monospace fonts print the zero with a dot or a slash to tell it from the letter O. A free dot is an island in
    the zero's hole; a dot or slash that touches the ring (thick print, a fax's halved resolution) cuts the hole in
    two, and the glyph looks like an 8 or a 6: Tesseract reads "06" as "66" or "86", and the key then rejects the
    number or, one time in 97, accepts a wrong one. An 8 has a waist, this oval none (`ZERO_SOLIDITY`,
    `ZERO_WAIST`). Only for digits-only readings: a letter B in a word can look the same.

    >>> crop = np.full((40, 40), 255, np.uint8)
    >>> _ = cv2.ellipse(crop, (20, 20), (9, 14), 0, 0, 360, 0, 3)
    >>> crop[18:23, 12:29] = 0        # a bar across the middle, touching the ring: two holes
    >>> int(plain_zeros(crop, 28)[20, 20]), int(plain_zeros(crop, 28)[20, 10])    # bar gone, ring kept
    (255, 0)
    >>> eight = np.full((40, 40), 255, np.uint8)
    >>> _ = cv2.circle(eight, (20, 12), 7, 0, 3); _ = cv2.circle(eight, (20, 27), 8, 0, 3)
    >>> bool((plain_zeros(eight, 28) == eight).all())
    True
    >>> boxed = np.full((60, 60), 255, np.uint8); _ = cv2.rectangle(boxed, (5, 5), (50, 50), 0, 2)
    >>> _ = cv2.putText(boxed, "7", (18, 42), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 3)
    >>> plain_zeros(boxed, 40) is boxed    # a digit in its box is no dot
    True
    """
    ink = ink_of(crop)
    outlines, hierarchy = cv2.findContours(ink, cv2.RETR_TREE, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return crop
    parents = [int(p) for p in hierarchy[0][:, 3]]
    children: dict[int, list[int]] = {}
    depth = [0] * len(outlines)
    for i, parent in enumerate(parents):
        children.setdefault(parent, []).append(i)
        j = parent
        while j >= 0:
            depth[i], j = depth[i] + 1, parents[j]
    cleaned = None
    for i, outline in enumerate(outlines):
        if depth[i] % 2:
            continue  # a hole
        left, top, width, tall = cv2.boundingRect(outline)
        box = (left, top, width, tall)
        if not 0.5 * height <= box[3] <= 1.6 * height:
            continue  # not a digit: a speck, a rule
        holes = [j for j in children.get(i, []) if cv2.contourArea(outlines[j]) >= 2]
        areas = sorted(cv2.contourArea(outlines[j]) for j in holes)
        islands = [
            k for j in holes for k in children.get(j, []) if cv2.boundingRect(outlines[k])[3] <= 0.4 * tall
        ]  # a dot, not a digit inside a box
        hull = cv2.contourArea(cv2.convexHull(outline))
        if len(holes) == 1 and islands:
            inside = [outlines[k] for k in islands]  # a free dot
        elif (
            len(holes) == 2
            and areas[1] <= ZERO_HOLES * areas[0]
            and hull
            and cv2.contourArea(outline) / hull >= ZERO_SOLIDITY
            and _waist(outline, box) >= ZERO_WAIST
        ):
            inside = [cv2.convexHull(np.vstack([outlines[j] for j in holes]))]  # the holes and the bar between
        else:
            continue
        if cleaned is None:
            cleaned = crop.copy()
        cv2.drawContours(cleaned, inside, -1, int(np.percentile(crop, 90)), -1)
    return crop if cleaned is None else cleaned


def respaced(crop: np.ndarray, height: int) -> np.ndarray:
    """The marks of the crop set side by side at an even, narrow spacing.

    One digit per box leaves gaps of two or three digits' width; Tesseract's line recogniser then drops or
    doubles digits. Closing the gaps (half a digit's height, a word space) reads the boxes as a plain number.

    >>> crop = np.full((40, 300), 255, np.uint8); crop[10:30, 20:30] = 0; crop[10:30, 200:210] = 0
    >>> respaced(crop, 20).shape  # 10 + 10 + 10 + 10 + 10: three gaps of half a height, two digits
    (40, 50)
    """
    ink = ink_of(crop)
    marks = [(a, b) for a, b in runs(ink.any(axis=0)) if _glyph(ink[:, a:b], height)]
    if len(marks) < 2:
        return crop
    paper = np.full((crop.shape[0], max(2, height // 2)), int(np.percentile(crop, 90)), np.uint8)
    pieces = [paper]
    for a, b in marks:
        pieces += [crop[:, a:b], paper]
    return np.ascontiguousarray(np.hstack(pieces))


def _glyph(ink: np.ndarray, height: int) -> bool:
    """Whether a run of ink columns holds a digit: an unbroken stroke at least half a digit tall.

    A colon, a dot or a speck has none; a fragment of box border beside the digit does not matter.
    """
    return any(b - a >= 0.5 * height for a, b in runs(ink.any(axis=1)))
