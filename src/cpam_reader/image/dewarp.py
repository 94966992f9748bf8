"""Flatten a page whose text lines bend: a curled sheet, a letter folded in three and opened on the table.

Why not a page model (``page-dewarp``'s cubic sheet, fitted by SciPy's optimiser): it costs 700 MB of
dependencies and seconds per page (``scripts/dewarp_compare.py`` measures both), and Tesseract needs only the
lines straight, not the page's true shape. So the lines are measured where they are: every piece of text line
(a line, or the part of it between two boxes) has its centre followed across the page; one smooth bend, a
polynomial of the position across and down the page, is fitted to all the pieces at once by least squares,
each piece at a height of its own; every column is then shifted up or down by the bend. A curl's sag, a lifted
side and a fold's panels at slightly different angles are all lines that are not straight; a piece or two
misread (a blob, a descender-heavy word) cannot bend the page alone.

Pure functions on 8-bit gray arrays, like ``geometry``; estimated on a copy of ``WORK_SIDE`` pixels, applied at
full size in one remap.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_SIDE = 1400
"""Long side of the copy the lines are followed on: a line of text 5-10 px high, lines 5 px or more apart."""

BINS = 32
"""Columns across the page in which each piece of a text line has its centre measured."""

MIN_BEND = 0.35
"""Bends smaller than this share of a text line's height are left alone: Tesseract reads them as they are, and a
remap softens every glyph."""

ACROSS, DOWN = 3, 3
"""Degrees of the bend's polynomial across the page (a sag, a curl at one side) and down it (a curl stronger at
the bottom, the three panels of a folded letter)."""


def _pieces(small: np.ndarray) -> tuple[list[np.ndarray], float]:
    """Centres ``(x, y)`` of each piece of text line, one per column bin it crosses; and the letters' height.

    A piece is letters merged along their row, at least three letters long and one line thick (two lines that
    touch are left out). Pieces need not span the page: a short line, or a line broken by a box, still says how
    the page bends where it is.
    """
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    glyphs = heights[(heights >= 3) & (heights <= 40)]
    if glyphs.size < 50:
        return [], 0.0
    glyph = float(np.median(glyphs))
    keep = np.zeros(count, bool)
    keep[1:] = (heights >= 0.5 * glyph) & (heights <= 2.0 * glyph)  # letters: no rules, no specks
    letters = keep[labels].astype(np.uint8)
    bars = cv2.morphologyEx(letters, cv2.MORPH_CLOSE, np.ones((1, max(3, round(1.5 * glyph))), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bars, connectivity=8)
    edges = np.linspace(0, small.shape[1], BINS + 1)
    pieces = []
    for label in range(1, count):
        x, y, bw, bh = stats[label, :4]
        if bw < 3 * glyph:
            continue
        ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == label)
        xs, ys = xs + x, ys + y
        column = np.digitize(xs, edges) - 1
        counts = np.bincount(column, minlength=BINS)[:BINS]
        top, bottom = np.full(BINS, np.inf), np.full(BINS, -np.inf)
        np.minimum.at(top, column, ys)
        np.maximum.at(bottom, column, ys)
        crossed = counts >= 3
        if crossed.sum() < 2 or np.median((bottom - top)[crossed]) > 2.2 * glyph:  # two lines touching
            continue
        sums = [np.bincount(column, weights=v, minlength=BINS)[:BINS][crossed] for v in (xs, ys)]
        pieces.append(np.stack(sums, axis=1) / counts[crossed, None])
    return pieces, glyph


def _terms(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The bend's polynomial terms x^i y^j (i ≥ 1: no shift along the middle column, which fixes the heights)."""
    return np.stack([x**i * y**j for i in range(1, ACROSS + 1) for j in range(DOWN + 1)], axis=-1)


def shift_field(gray: np.ndarray) -> np.ndarray | None:
    """How far to move each point of the page down, in pixels, on a coarse grid; None when the lines are level.

    One smooth bend for the whole page, fitted by least squares to every piece of line: each piece's centres are
    its own height plus the bend where they are. The grid has a row per pixel of the reduced copy and ``BINS``
    columns; ``flatten`` resizes it to the page.
    """
    factor = min(1.0, WORK_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    pieces, glyph = _pieces(small)
    if len(pieces) < 8:
        return None
    h, w = small.shape
    points = np.concatenate(pieces)
    owner = np.concatenate([np.full(len(piece), k) for k, piece in enumerate(pieces)])
    x, y = (points[:, 0] - w / 2) / (w / 2), (points[:, 1] - h / 2) / (h / 2)
    terms = _terms(x, y)
    keep = np.ones(len(points), bool)
    for _ in range(2):  # once more without the outliers (a descender-heavy piece, a stray blob)
        # Each piece's own height is taken out by centring within the piece (the same least squares as solving
        # for one height per piece, with a dozen unknowns instead of hundreds).
        counts = np.maximum(np.bincount(owner[keep], minlength=len(pieces)), 1)
        mean_y = np.bincount(owner[keep], weights=points[keep, 1], minlength=len(pieces)) / counts
        mean_t = np.stack(
            [
                np.bincount(owner[keep], weights=terms[keep, k], minlength=len(pieces)) / counts
                for k in range(terms.shape[1])
            ],
            axis=1,
        )
        centred_y, centred_t = points[:, 1] - mean_y[owner], terms - mean_t[owner]
        coefficients = np.linalg.lstsq(centred_t[keep], centred_y[keep], rcond=None)[0]
        residual = np.abs(centred_t @ coefficients - centred_y)
        keep = residual <= max(1.0, 3 * float(np.median(residual[keep])))
    bend = terms[keep] @ coefficients  # the bend where the text is: none extrapolated into empty margins
    if float(np.percentile(bend, 98) - np.percentile(bend, 2)) < MIN_BEND * glyph:
        return None
    gx, gy = np.meshgrid(np.linspace(-1, 1, BINS), (np.arange(h) - h / 2) / (h / 2))
    field = _terms(np.clip(gx, x.min(), x.max()), np.clip(gy, y.min(), y.max())) @ coefficients
    return np.asarray(field / factor, np.float32)


def flatten(gray: np.ndarray) -> np.ndarray:
    """The page with its text lines straight (see ``shift_field``); the page itself when they are already.

    >>> page = np.full((1200, 900), 255, np.uint8)
    >>> xs = np.arange(60, 840)
    >>> for y in range(80, 1120, 40):                       # lines sagging by 12 px in the middle
    ...     for x in xs[::9]:
    ...         top = y + round(12 * np.sin(np.pi * (x - 60) / 780))
    ...         page[top : top + 14, x : x + 6] = 0
    >>> flat = flatten(page)
    >>> rows = [np.flatnonzero((flat[:, x0:x0 + 30] < 128).any(axis=1)) for x0 in (70, 430, 800)]
    >>> max(abs(int(rows[0][0]) - int(r[0])) for r in rows) <= 3     # the first line level across the page
    True
    >>> flatten(np.full((600, 400), 255, np.uint8)).shape
    (600, 400)
    """
    field = shift_field(gray)
    if field is None:
        return gray
    h, w = gray.shape
    shift = cv2.resize(field, (w, h), interpolation=cv2.INTER_LINEAR)
    map_x = np.broadcast_to(np.arange(w, dtype=np.float32)[None, :], (h, w))
    map_y = np.arange(h, dtype=np.float32)[:, None] + shift
    return cv2.remap(gray, np.ascontiguousarray(map_x), map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
