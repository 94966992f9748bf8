"""Pre-processing of page images before OCR: light, ink, speckles, borders, rules and text size.

Pure functions on 8-bit gray arrays (the geometry of the page is in :mod:`cpam_reader.image.geometry`).

Each function does one thing, and the ``needs_*`` predicates say when it is worth doing, so a clean scan goes
through untouched and fast while a phone photo in lamp light gets what it needs. Thresholds were set on the
synthetic corpus (``scripts/make_corpus.py``) and are explained where they are defined.
"""

from __future__ import annotations

import cv2
import numpy as np

TARGET_TEXT_HEIGHT = 18.0
"""Median height in pixels of a page's glyph-like marks (between x-height and capital height) that Tesseract
reads well and fast. A 300-dpi scan of the letters' 10-11 pt text measures 18-26 px, a 150-dpi fax 10-12 px.
Measured on the corpus (noisy scans and faxes, 50 each): 16 px loses boxed digits, 18 px reads as well as 22 px
for 10-20 % less OCR time; larger text only costs time."""


RULES_AT_MOST = 0.1
"""The largest share of a page that lines to erase may cover: a form's boxes and a table's rules cover 1-4 %."""


def _small(gray: np.ndarray, long_side: int) -> np.ndarray:
    """A reduced copy for measuring: every n-th pixel first (cheap), then an area average to the size."""
    step = max(1, max(gray.shape[:2]) // (2 * long_side))
    gray = gray[::step, ::step]
    factor = long_side / max(gray.shape[:2])
    return gray if factor >= 1 else cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def _half(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """The image at half size when it is large, and the factor to scale measurements back.

    Connected components cost 0.1 s on a 300-dpi page, a quarter of that at half size.
    """
    if max(gray.shape[:2]) < 2600:
        return gray, 1
    return cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), 2


def _without_print(small: np.ndarray) -> tuple[np.ndarray, int]:
    """A reduced page with its print replaced by the paper around it, and the filter's size.

    The max filter is wider than a glyph's stroke: about 44 px at 300 dpi.
    """
    side = max(3, round(max(small.shape) / 80)) | 1
    return cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))), side


def background(gray: np.ndarray) -> np.ndarray:
    """The paper's brightness everywhere, ink removed: max filter then smoothing, computed at low resolution.

    A max filter wider than any glyph replaces text by the paper around it; a median and a blur then take out
    the rest of the print, leaving the lamp's gradient and the hand's shadow.
    """
    paper, side = _without_print(_small(gray, 600))
    paper = cv2.medianBlur(paper, side * 2 + 1)
    paper = cv2.GaussianBlur(paper, (0, 0), side)
    return cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)


def needs_light_normalisation(gray: np.ndarray) -> bool:
    """True when the paper is lit unevenly (lamp, shadow) or is gray rather than white.

    >>> needs_light_normalisation(np.full((300, 200), 250, np.uint8))
    False
    >>> needs_light_normalisation(np.tile(np.linspace(120, 250, 200).astype(np.uint8), (300, 1)))
    True
    """
    paper, _ = _without_print(_small(gray, 300))
    low, high = np.percentile(paper, (5, 95))
    return bool(high < 200 or (high - low) > 0.12 * high)


def normalise_light(gray: np.ndarray) -> np.ndarray:
    """Divide by the background: the paper comes out white everywhere, ink keeps its contrast in the shadow.

    >>> page = np.tile(np.linspace(120, 250, 400).astype(np.uint8), (400, 1)); page[200:204, 20:380] = 40
    >>> flat = normalise_light(page)
    >>> int(flat[100, 30]) > 240 and int(flat[100, 370]) > 240, int(flat[202, 30]) < 120
    (True, True)
    """
    return cv2.divide(gray, np.maximum(background(gray), 1), scale=255)


def is_bilevel(gray: np.ndarray) -> bool:
    """True for a black-and-white image (a fax, a 1-bit scan): no gray between ink and paper.

    >>> fax = np.full((30, 30), 255, np.uint8); fax[10:20, 5:25] = 0
    >>> is_bilevel(fax), is_bilevel(fax // 2 + 60)
    (True, False)
    """
    sample = gray[::3, ::3]
    counts = np.bincount(sample.ravel(), minlength=256)
    return bool(counts[1:255].sum() <= 0.01 * sample.size)


def despeckle(gray: np.ndarray, largest: int = 3, reach: int = 4) -> np.ndarray:
    """Remove lone black dots and white pin-holes of at most ``largest`` pixels.

    A black dot is lone when no other mark lies within ``reach`` pixels.

    A fax's salt-and-pepper noise is single pixels and pairs scattered over the page. The dot of an i or the
    accent of an é is as small at 150 dpi, but it sits next to its letter: erasing it turns "définitif" into
    "défimuf". Run at the image's own resolution, before any scaling blurs the dots into gray.

    >>> page = np.full((50, 50), 255, np.uint8); page[5, 5] = 0; page[20:30, 20:30] = 0; page[25, 25] = 255
    >>> page[17, 24] = 0  # the dot over an "i"
    >>> clean = despeckle(page)
    >>> int(clean[5, 5]), int(clean[22, 22]), int(clean[25, 25]), int(clean[17, 24])
    (255, 0, 0, 0)
    """
    out = gray.copy()
    offsets = np.arange(largest)
    for value, mask in ((255, gray < 128), (0, gray >= 128)):
        mask8 = mask.astype(np.uint8)
        _, labels, stats, _ = cv2.connectedComponentsWithStats(mask8, connectivity=8)
        small = np.flatnonzero(stats[1:, cv2.CC_STAT_AREA] <= largest) + 1  # label 0 is the other colour
        if not small.size:
            continue
        # A component of at most ``largest`` pixels lies in a box of largest x largest from its top-left corner:
        # its pixels are found there (a few gathers), not by looking up every pixel's label on the page.
        ys = np.clip(stats[small, cv2.CC_STAT_TOP][:, None] + np.repeat(offsets, largest), 0, gray.shape[0] - 1)
        xs = np.clip(stats[small, cv2.CC_STAT_LEFT][:, None] + np.tile(offsets, largest), 0, gray.shape[1] - 1)
        mine = labels[ys, xs] == small[:, None]
        if value == 255:  # a dot near a bigger mark is part of a letter
            marks = mask8.copy()
            marks[ys[mine], xs[mine]] = 0
            near = cv2.dilate(marks, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))  # square: separable, fast
            mine &= ~(near[ys, xs].astype(bool) & mine).any(axis=1, keepdims=True)
        out[ys[mine], xs[mine]] = value
    return out


def is_grainy(gray: np.ndarray) -> bool:
    """True for a photo so dim that its sensor noise splits into specks everywhere: a kitchen at night.

    Black-and-white at half size, such a page falls into tens of thousands of specks, ten times more than after
    a 3×3 median; a page of text (a scan, a photo in daylight) into a few thousand pieces either way. Measuring
    the text's height on the specks would make it look tiny, and the page be enlarged for nothing.

    >>> page = np.full((400, 400), 230, np.uint8); page[100:300:20, 40:360] = 20
    >>> grain = np.clip(page + np.random.default_rng(3).normal(0, 40, page.shape), 0, 255).astype(np.uint8)
    >>> is_grainy(page), is_grainy(grain)
    (False, True)
    """
    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) if max(gray.shape) >= 2000 else gray
    pieces = cv2.connectedComponents(ink(small), connectivity=8)[0]
    if pieces < 2000 * small.size / 2_000_000:
        return False
    return pieces > 5 * cv2.connectedComponents(ink(cv2.medianBlur(small, 3)), connectivity=8)[0]


def ink(gray: np.ndarray) -> np.ndarray:
    """Otsu's black-and-white split, ink as 255 (for measuring, not for OCR)."""
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]


def text_height(gray: np.ndarray) -> float | None:
    """Median height in pixels of the glyph-like marks on the page; None when there is too little text.

    >>> page = np.full((400, 400), 255, np.uint8)
    >>> for x in range(20, 380, 20): _ = cv2.rectangle(page, (x, 100), (x + 10, 124), 0, -1)
    >>> text_height(page)
    25.0
    """
    small, factor = _half(gray)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink(small), connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    glyphs = heights[
        (heights >= 6 // factor) & (heights <= small.shape[0] / 15) & (widths <= 3 * heights) & (widths >= 2)
    ]
    if glyphs.size < 15:
        return None
    return float(np.median(glyphs)) * factor


def scale_factor(height: float | None, target: float = TARGET_TEXT_HEIGHT) -> float:
    """How much to scale the page so its text reaches ``target`` px; 1.0 when it is close enough already.

    Large text is brought down as soon as it is 5 % too large (fewer pixels: faster OCR, nothing lost); small
    text is brought up only when 20 % too small (upscaling costs time and adds no detail).

    >>> scale_factor(9.0), scale_factor(16.0), scale_factor(18.5), scale_factor(36.0), scale_factor(None)
    (2.0, 1.0, 1.0, 0.5, 1.0)
    """
    if height is None:
        return 1.0
    factor = target / height
    return 1.0 if 0.95 <= factor <= 1.25 else min(max(factor, 0.25), 3.0)


def rescale(gray: np.ndarray, factor: float) -> np.ndarray:
    """Resize by ``factor`` (cubic up, area down)."""
    if factor == 1.0:
        return gray
    interpolation = cv2.INTER_LINEAR if factor > 1 else cv2.INTER_AREA  # cubic: twice the time, same reading
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation)


def sauvola(gray: np.ndarray, window: int = 41, k: float = 0.2, dynamic: float = 128.0) -> np.ndarray:
    """Sauvola's local threshold: black where darker than ``mean * (1 + k * (std / dynamic - 1))`` around it.

    Keeps faint strokes in gray areas where one global threshold either drops them or floods the page.

    >>> page = np.full((100, 100), 200, np.uint8); page[:, 50:] = 120; page[40:45, 10:90] = 60
    >>> binary = sauvola(page, window=21)
    >>> int(binary[42, 20]), int(binary[42, 80]), int(binary[10, 20]), int(binary[10, 80])
    (0, 0, 255, 255)
    """
    values = gray.astype(np.float32)
    mean = cv2.boxFilter(values, cv2.CV_32F, (window, window), borderType=cv2.BORDER_REFLECT)
    square = cv2.boxFilter(values * values, cv2.CV_32F, (window, window), borderType=cv2.BORDER_REFLECT)
    std = np.sqrt(np.maximum(square - mean * mean, 0))
    threshold = mean * (1 + k * (std / dynamic - 1))
    return np.where(values > threshold, 255, 0).astype(np.uint8)


def clean_borders(gray: np.ndarray, text: float | None = None) -> np.ndarray:
    """Whiten dark marks that touch the image's edge and are larger than text: table, scanner lid, page shadow.

    >>> page = np.full((200, 200), 255, np.uint8); page[:, :12] = 30; page[100:110, 100:106] = 0
    >>> clean = clean_borders(page, 10.0)
    >>> int(clean[50, 5]), int(clean[105, 103])
    (255, 0)
    >>> page[104, :100] = 0   # a thin streak from the edge touching the "text": the text stays
    >>> int(clean_borders(page, 10.0)[105, 103])
    0
    >>> gray_paper = np.full((200, 200), 190, np.uint8); gray_paper[:, 190:] = 240; gray_paper[50:60, 50:56] = 0
    >>> int(clean_borders(gray_paper, 10.0)[55, 52]), int(clean_borders(gray_paper, 10.0)[100, 100])  # kept
    (0, 190)
    """
    threshold = cv2.threshold(_small(gray, 500), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[0]
    edges = (gray[0], gray[-1], gray[:, 0], gray[:, -1])
    if not any((edge <= threshold).any() for edge in edges):
        return gray  # nothing dark touches the edge: the common case, decided in microseconds
    small, factor = _half(gray)
    dark: np.ndarray = (small <= threshold).astype(np.uint8)
    # A table, a lid or a shadow is thick; a fax streak or a rule running in from the edge is not, and when it
    # touches a line of text it would take the text with it. Marks thinner than a text stroke are opened away
    # first (the rules stage erases the long thin lines).
    thin = max(3, round((text or 30.0) / 4 / factor)) | 1
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((thin, thin), np.uint8))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h, w = small.shape
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = left + stats[:, cv2.CC_STAT_WIDTH], top + stats[:, cv2.CC_STAT_HEIGHT]
    touching = (left == 0) | (top == 0) | (right >= w) | (bottom >= h)
    big = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) * factor > 3 * (text or 30.0)
    remove = touching & big & (stats[:, cv2.CC_STAT_AREA] <= 0.35 * h * w)
    remove[0] = False
    remove[labels[h // 2, w // 2]] = False  # what holds the page's middle is the page (gray paper), not its edge
    if not remove.any():
        return gray
    mask = cv2.dilate(remove[labels].astype(np.uint8), np.ones((3, 3), np.uint8))  # the opening's rounded rim
    if factor > 1:
        mask = cv2.resize(mask, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
        mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[mask > 0] = 255
    return out


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


def _without_text_runs(horizontal: np.ndarray, pooled: np.ndarray) -> np.ndarray:
    """The horizontal lines found, less those that are a row of glyphs touching one another.

    Bold digits printed without spaces ("269019720838991"), blurred by a phone's lens, touch: their tops or middles
    make a line as long as a rule, and erasing it cuts the number in two. A rule crosses few vertical strokes (a
    row of boxes' sides: 15 % of its length at most, a fax streak through a label 31 %); a row of glyphs crosses
    a stem at every other pixel (50-100 %; more than 40 % is text). Thick bands (a header's filled banner) are
    left to be erased as before.
    """
    stems = cv2.morphologyEx(pooled, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    stems = cv2.dilate(stems, np.ones((3, 1), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    crossing = np.bincount(labels[stems > 0], minlength=count) / np.maximum(1, stats[:, cv2.CC_STAT_AREA])
    text = (stats[:, cv2.CC_STAT_HEIGHT] <= 3) & (crossing > 0.4)
    text[0] = False
    if not text.any():
        return horizontal
    kept = horizontal.copy()
    kept[text[labels]] = 0
    return kept


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
    marks = ink(image)
    long_side = max(image.shape)
    stroke = max(50, long_side // 60)
    pooled = cv2.resize(marks, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)  # any ink in each 2x2 block
    pooled[pooled > 0] = 255
    # Found at half size on the max-pooled ink (a 1-px rule survives it), at a quarter of the cost.
    horizontal = cv2.morphologyEx(pooled, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (stroke | 1, 1)))
    horizontal = _without_text_runs(horizontal, pooled)
    vertical = cv2.morphologyEx(pooled, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, stroke // 2 | 1)))
    found = cv2.bitwise_or(horizontal, vertical)
    if not found.any() or np.count_nonzero(found) > RULES_AT_MOST * found.size:
        return image  # no rules; or "ink" that is half the page: a gray sheet beside white, not lines to erase
    found = cv2.resize(found, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_NEAREST)
    rules = cv2.dilate(cv2.bitwise_and(found, marks), np.ones((3, 3), np.uint8))
    cleaned = image.copy()
    cleaned[rules > 0] = int(np.percentile(image[::4, ::4], 90))  # the paper's own shade, not white on gray
    return cleaned
