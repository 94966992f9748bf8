"""Where the text is in a picture, and how it is drawn: for photos whose sheet has no outline to find.

``geometry.find_page`` finds a sheet by its edges. A checked tablecloth as white as the paper, a page filling the
frame or running off it, a hand over a corner: then there is no outline, and reading the whole photo hands
Tesseract the tablecloth too (minutes of OCR on squares, and junk words). The text itself is still plain: thin
dark strokes, in rows, on paper that is bright, smooth and colourless. ``text_block`` finds those rows and crops to
them, so the background is never read.

``light_on_dark`` tells a screenshot in dark mode (light text on a dark page) by the shade behind its text.
``lines_run_down`` says whether the text's lines run up the picture (a page on its side) by the same projection
profiles ``geometry.estimate_skew`` uses.

Pure functions on 8-bit gray or RGB arrays. Sizes are set for a copy of ``WORK_SIDE`` pixels on its long side,
where a letter's text line is 4-12 px high whether the photo is taken close or from afar.
"""

from __future__ import annotations

import dataclasses
import functools

import cv2
import numpy as np

from cpam_reader.image import geometry

WORK_SIDE = 1200
"""Long side of the copy the text is looked for on: text lines 4-12 px high, their strokes merged into bars."""

GLYPH = 7
"""The height in pixels a letter's text is looked for at: well under ``STROKE``, and its words merged into rows."""

WORD = 160
"""The longest piece of connected strokes (at ``WORK_SIDE``) taken for text: a long word, letters touching."""

STROKE = 15
"""Side of the square (at ``WORK_SIDE``) that a text line fits under and a table's check or plank does not."""

PAPER_SHARE = 0.72
"""How bright, against the brightest paper of the picture, the ground under a row of text must be (in the darkest
colour channel): paper under a lamp's fall-off stays above it, light wood (0.5-0.66) and coloured cloth do not."""

MIN_ROWS = 8
"""Text rows a block must hold: a letter has twenty or more, a tablecloth's stray marks never line up that much."""


@dataclasses.dataclass(frozen=True)
class Block:
    """Where a picture's text is, and whether its rows run off the picture's sides.

    ``quad``: the corners of the rectangle around the rows (turned as they are, within 45°), in the picture's
    pixels, in the order of ``geometry.find_page``: ``geometry.unwarp`` cuts it out level.
    """

    quad: np.ndarray
    cut_off: bool
    """Rows run off the picture's left or right edge (three or more, and 15 % of them): the picture shows part of
    the page (a zoomed screenshot), and what lies beyond it was not read. A page's margins keep its rows off the
    edges of a photo or of a screenshot of the whole page."""


def _work_copy(image: np.ndarray, side: int = WORK_SIDE) -> tuple[np.ndarray, np.ndarray, float]:
    """The luma and the darkest channel at ``side`` pixels long, and the factor from the image to them."""
    h, w = image.shape[:2]
    factor = min(1.0, side / max(h, w))
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    small = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    if small.ndim == 2:
        return small, small, factor
    luma = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    return luma, cv2.min(cv2.min(small[..., 0], small[..., 1]), small[..., 2]), factor


def _text_sized_copy(image: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """``_work_copy`` sized for the text: at ``WORK_SIDE``, or smaller where a glyph would be over ``GLYPH`` px.

    Large print there is a zoomed screenshot or a page photographed close up.
    """
    luma, darkest, factor = _work_copy(image)
    glyph = _glyph_height(luma)
    if glyph is not None and glyph > 1.5 * GLYPH:
        luma, darkest, factor = _work_copy(image, round(max(luma.shape) * GLYPH / glyph))
    return luma, darkest, factor


def _rows(luma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dark strokes thinner than ``STROKE``, in pieces the size of letters or words; and the same merged into bars.

    The strokes are a black-hat's; the bars run along the rows. A cloth's stripes and a plank's grain are thin
    too, but run on: pieces taller than 20 px or longer than ``WORD`` are no text.
    """
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (STROKE, STROKE))
    hat = cv2.morphologyEx(luma, cv2.MORPH_BLACKHAT, kernel)
    level = max(12.0, cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[0])
    _, labels, stats, _ = cv2.connectedComponentsWithStats((hat > level).astype(np.uint8), connectivity=8)
    small = (stats[:, cv2.CC_STAT_HEIGHT] <= 20) & (stats[:, cv2.CC_STAT_WIDTH] <= WORD)
    small[0] = False
    strokes = small[labels].astype(np.uint8)
    return strokes, cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8))


def text_block(image: np.ndarray) -> Block | None:
    """Where the image's rows of text on paper are, or None when it has too few.

    Looked for at ``WORK_SIDE``, or smaller when the print is large there (a zoomed screenshot, a page close up):
    where a glyph is about ``GLYPH`` px high; rows across the picture or down it (a photo taken sideways),
    whichever way its strokes on paper line up best, each at its own tilt.

    A row is a bar of merged strokes 3-20 px high (at ``WORK_SIDE``), at least twice as long, lying on ground as
    bright as paper, its strokes leaving gaps (a cloth's stripe or a plank's seam is solid). Rows are gathered
    into blocks by their nearness (three text heights); the blocks of two rows or more, and lone rows within
    their margins (a footer), make the box, grown by three text heights and a twentieth of its size.

    >>> page = np.full((900, 1200), 90, np.uint8)     # a dark table
    >>> page[100:800, 300:900] = 235                  # the sheet
    >>> for y in range(150, 750, 25):
    ...     for x in range(340, 860, 36): page[y:y + 7, x:x + 32:3] = 40    # rows of "words": strokes
    >>> (x0, y0), _, (x1, y1), _ = text_block(page).quad
    >>> bool(280 <= x0 <= 340 and 852 <= x1 <= 930 and 90 <= y0 <= 150 and 732 <= y1 <= 810)  # words, little table
    True
    >>> text_block(page).cut_off, text_block(page[:, 400:700]).cut_off, text_block(np.full((90, 120), 235, np.uint8))
    (False, True, None)
    """
    luma, darkest, factor = _text_sized_copy(image)
    # Rows across the picture, or down it (a photo taken sideways): whichever way the strokes line up best, each
    # at its own tilt.
    strokes = _strokes_on_paper(luma, darkest)
    ways = []
    for transposed in (False, True):
        marks = np.ascontiguousarray(strokes.T) if transposed else strokes
        angle = geometry.estimate_skew(marks, max_angle=45.0)
        ways.append((_peaked(marks == 0, np.array([angle])), transposed, angle))
    _, transposed, angle = max(ways)
    if transposed:
        luma, darkest = np.ascontiguousarray(luma.T), np.ascontiguousarray(darkest.T)
    found = _level_block(luma, darkest, angle)
    if found is None:
        return None
    corners, cut_off = found
    h, w = image.shape[:2]
    corners = np.clip((corners[:, ::-1] if transposed else corners) / factor, 0, [w - 1, h - 1])
    return Block(np.asarray(geometry.clockwise(corners), np.float32), cut_off)


def _ground(darkest: np.ndarray) -> tuple[np.ndarray, float]:
    """What lies under the strokes (the darkest channel with them closed away), and its paper's brightness."""
    ground = cv2.morphologyEx(darkest, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (STROKE, STROKE)))
    return ground, float(np.percentile(ground, 99))


def _strokes_on_paper(luma: np.ndarray, darkest: np.ndarray) -> np.ndarray:
    """The thin dark strokes lying on paper, black on white: the text, without a table's grain to tilt it."""
    ground, paper = _ground(darkest)
    strokes = _rows(luma)[0].astype(bool) & (ground >= PAPER_SHARE * paper)
    return np.where(strokes, 0, 255).astype(np.uint8)


def _level_block(luma: np.ndarray, darkest: np.ndarray, angle: float) -> tuple[np.ndarray, bool] | None:
    """``_block`` on the copy turned by ``-angle`` so that its rows run level (a photo at any tilt within 45°).

    The block's corners in the copy's pixels, and whether its rows are cut off.
    """
    if abs(angle) < 1.0:
        found = _block(luma, darkest)
        if found is None:
            return None
        x0, y0, x1, y1 = found[0]
        return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], float), found[1]
    matrix, size = geometry.rotation(luma.shape, -angle)
    turn = functools.partial(cv2.warpAffine, M=matrix, dsize=size, flags=cv2.INTER_LINEAR, borderValue=0)
    found = _block(turn(luma), turn(darkest))
    if found is None:
        return None
    x0, y0, x1, y1 = found[0]
    back = cv2.invertAffineTransform(matrix)
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], float) @ back.T
    return corners, found[1]


def _glyph_height(luma: np.ndarray) -> float | None:
    """The median height of the dark strokes' pieces (letters, at this size), or None when there are few."""
    strokes = _rows(luma)[0]
    stats = cv2.connectedComponentsWithStats(strokes, connectivity=8)[2][1:]
    heights = stats[(stats[:, cv2.CC_STAT_HEIGHT] >= 3) & (stats[:, cv2.CC_STAT_AREA] >= 6), cv2.CC_STAT_HEIGHT]
    return float(np.median(heights)) if heights.size >= 30 else None


def _block(luma: np.ndarray, darkest: np.ndarray) -> tuple[np.ndarray, bool] | None:
    """``text_block`` on a reduced copy (its luma and darkest channel), rows across: its box, and cut off."""
    strokes, bars = _rows(luma)
    ground, paper = _ground(darkest)
    _, labels, stats, centres = cv2.connectedComponentsWithStats(bars, connectivity=8)
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    inked = np.bincount(labels[strokes > 0], minlength=len(stats)) / np.maximum(1, widths * heights)
    rows = (heights >= 3) & (heights <= 20) & (widths >= 2 * heights) & (inked <= 0.75)  # letters, not a stripe
    rows[0] = False
    # Paper all around: the darkest ground within a dozen pixels (a black check, a plank's seam beside a sliver of
    # white square is no paper; a letter's margins keep its rows that far from the table).
    around = cv2.erode(ground, np.ones((25, 25), np.uint8))
    lit = around[
        np.clip(centres[:, 1].astype(int), 0, luma.shape[0] - 1),
        np.clip(centres[:, 0].astype(int), 0, luma.shape[1] - 1),
    ]
    rows &= lit >= PAPER_SHARE * paper
    if rows.sum() < MIN_ROWS:
        return None
    height = float(np.median(heights[rows]))
    kept = rows[labels].astype(np.uint8)
    reach = max(3, round(3 * height))
    joined = cv2.dilate(kept, np.ones((reach, reach * 2), np.uint8))
    blocks, block_of = cv2.connectedComponents(joined, connectivity=8)
    members = np.bincount(
        block_of[
            np.clip(centres[rows, 1].astype(int), 0, luma.shape[0] - 1),
            np.clip(centres[rows, 0].astype(int), 0, luma.shape[1] - 1),
        ],
        minlength=blocks,
    )
    members[0] = 0
    if members.max() < 3:  # rows scattered one by one: a pattern's marks, not paragraphs
        return None
    ys, xs = np.nonzero(np.isin(block_of, np.flatnonzero(members >= 2)) & (kept > 0))
    # A lone row within the same margins (a footer, a reference line set apart) is the page's too.
    tops, lefts = stats[:, cv2.CC_STAT_TOP], stats[:, cv2.CC_STAT_LEFT]
    inside = (lefts + widths / 2 >= xs.min()) & (lefts + widths / 2 <= xs.max())
    for label in np.flatnonzero(rows & inside):
        ys = np.append(ys, [tops[label], tops[label] + heights[label] - 1])
        xs = np.append(xs, [lefts[label], lefts[label] + widths[label] - 1])
    cut_off = _run_off(stats, rows, luma.shape[1], height, least=3)
    # Three text heights and a twentieth of the block around the rows: a curled header or a bent last line,
    # not level with the rest, is not cut.
    side, tall = 3 * height + 0.05 * np.ptp(xs), 3 * height + 0.05 * np.ptp(ys)
    box = np.array([xs.min() - side, ys.min() - tall, xs.max() + 1 + side, ys.max() + 1 + tall], float)
    return box, bool(cut_off)


def _run_off(stats: np.ndarray, rows: np.ndarray, width: int, height: float, least: int) -> bool:
    """Whether ``least`` rows or more, and 15 % of them, run off the left or right side.

    ``stats`` are the bars' (``_rows``), ``rows`` the bars that are text, ``height`` their median height.
    """
    left, right = stats[rows, cv2.CC_STAT_LEFT], stats[rows, cv2.CC_STAT_LEFT] + stats[rows, cv2.CC_STAT_WIDTH]
    touching = int(np.count_nonzero((left <= height) | (right >= width - height)))
    return bool(touching >= max(least, 0.15 * rows.sum()))


def shows_part(screen: np.ndarray) -> bool:
    """Whether a screenshot shows part of a page: rows of its text run off the left or right side (zoomed in).

    No block of rows is needed, as ``text_block`` needs one in a photo (a tablecloth's marks are no text), and two
    rows suffice (three in a photo, whose page may be cut by the frame): a view zoomed on a number may hold four.

    >>> view = np.full((1600, 800), 255, np.uint8)
    >>> for y in range(300, 700, 60): view[y:y + 14, 40:700:3] = 0             # rows within the page's margins
    >>> zoomed = view.copy(); zoomed[800:814, 100:800:3] = 0; zoomed[900:914, 0:500:3] = 0  # two run off
    >>> shows_part(view), shows_part(zoomed)
    (False, True)
    """
    luma = _text_sized_copy(screen)[0]
    _, bars = _rows(luma)
    stats = cv2.connectedComponentsWithStats(bars, connectivity=8)[2]
    widths, heights = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    rows = (heights >= 3) & (heights <= 20) & (widths >= 2 * heights)
    rows[0] = False
    return bool(rows.any()) and _run_off(stats, rows, luma.shape[1], float(np.median(heights[rows])), least=2)


def is_screen(image: np.ndarray) -> bool:
    """True for a screenshot: colour pixels without a camera's noise, neighbours exactly alike over most of it.

    Measured on every other pixel: screenshots of a PDF viewer or of the ameli app 0.94-0.97 of pixels equal to the
    one on their right, phone photos 0.02-0.45 (their sensor noise and JPEG leave few flat runs). A gray scan is not
    a screen, however flat its paper.

    >>> flat = np.full((40, 60, 3), 250, np.uint8); flat[10:12, 5:50] = 30
    >>> noisy = (flat + np.random.default_rng(1).integers(0, 6, flat.shape)).astype(np.uint8)
    >>> is_screen(flat), is_screen(noisy), is_screen(flat[..., 0])
    (True, False, False)
    """
    if image.ndim != 3:
        return False
    sample = image[::2, ::2]
    return bool(np.mean(np.all(sample[:, 1:] == sample[:, :-1], axis=-1)) >= 0.8)


def light_on_dark(screen: np.ndarray) -> bool:
    """True when a screenshot's text is lighter than its page: a viewer or an app in dark mode.

    Where the text is (the picture's busy parts: a spread of brightness over 25 around them), the page behind it
    is most of the pixels: their median is the page's shade. On the corpus's screenshots, dark mode gives 24-45,
    white pages 140 or more, also a white page shown small in a dark viewer. For screenshots only: a dim photo's
    gray paper is dark too, with dark text on it.

    >>> page = np.full((600, 800), 40, np.uint8)
    >>> for y in range(50, 550, 25):
    ...     for x in range(50, 700, 36): page[y:y + 7, x:x + 32:3] = 220     # rows of light "words"
    >>> light_on_dark(page), light_on_dark(255 - page), light_on_dark(np.full((60, 80), 30, np.uint8))
    (True, False, False)
    """
    luma = _work_copy(screen)[0].astype(np.float32)
    mean = cv2.boxFilter(luma, -1, (15, 15))
    spread = np.sqrt(np.maximum(cv2.boxFilter(luma * luma, -1, (15, 15)) - mean * mean, 0))
    busy = spread > 25
    return bool(busy.mean() > 0.01 and np.median(luma[busy]) < 90)


def lines_run_down(gray: np.ndarray) -> bool:
    """True when the text's lines run up or down the picture (the page lies on its side), not across it.

    Ink summed along rows is sharply peaked when the lines run across (rows of text and gaps), flat when they
    run down; the same sums along columns tell the other way. Within ±5° either way, as ``estimate_skew``.

    >>> page = np.full((400, 300), 255, np.uint8)
    >>> for y in range(40, 360, 20):
    ...     for x in range(30 + y % 7, 260, 37): page[y:y + 8, x:x + 30] = 0     # rows of "words"
    >>> lines_run_down(page), lines_run_down(np.ascontiguousarray(page.T))
    (False, True)
    """
    luma = _work_copy(gray)[0]
    ink = cv2.adaptiveThreshold(luma, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20)
    angles = np.arange(-5.0, 5.5, 1.0)
    return _peaked(np.ascontiguousarray(ink.T), angles) > 1.15 * _peaked(ink, angles)


def _peaked(marks: np.ndarray, angles: np.ndarray) -> float:
    """How far above flat the best-aligned sums of the marks along rows are, over ``angles`` (degrees).

    The sum of squares of the row sums (``geometry.row_sums``, as ``estimate_skew`` scores a tilt) over that of
    even sums: about 1 for marks scattered evenly, several times that for rows of text and the gaps between them.
    """
    points = geometry.ink_points(marks)
    if points is None:
        return 0.0
    best = 0.0
    for angle in angles:
        counts = geometry.row_sums(*points, angle)
        best = max(best, float(counts @ counts) * len(counts) / float(counts.sum()) ** 2)
    return best
