"""Page geometry: find the sheet in a phone photo, flatten it, straighten a crooked scan, turn by quarters.

Pure functions on numpy arrays (8-bit gray or RGB), like ``preprocess``. Conventions:

- points are ``(x, y)`` pixels, y downwards; a quad is a float32 array of shape (4, 2) ordered top-left,
  top-right, bottom-right, bottom-left as the corners appear in the image (not as the text reads: a photo
  stored sideways gives a sideways quad, and ``turn`` fixes that later);
- angles are in degrees, positive counter-clockwise as seen on screen (OpenCV's and PIL's convention):
  ``estimate_skew(rotate(page, 3.0))`` is about 3.0, and ``rotate(page, -estimate_skew(page))`` straightens it.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_SIDE = 600
"""Long side of the copy ``find_page`` works on: the outline is plain at this size, and a watershed is cheap."""

SKEW_SIDE = 1200
"""Long side of the copy ``estimate_skew`` works on: text lines stay apart, and a 0.1° tilt still moves a line
by more than a pixel across the page."""

MIN_CONTRAST = float(np.log(1.1))
"""How much brighter than what lies outside (in log units) the paper must be along each side of a sheet."""

MIN_DESKEW = 0.2
"""Tilts under this many degrees are left alone by ``deskew``."""

MAX_MARGIN_TEXTURE = 0.15
"""The most a sheet's margins may vary in log-brightness (the median of its four sides, see ``_inner_texture``)."""

_RING = 3
"""Width in pixels, at the working size, of the band along the frame's border that is taken to be table."""


def find_page(image: np.ndarray) -> np.ndarray | None:
    """The corners of a sheet of paper lying on a darker table, or None when no clear outline is found.

    Why not a plain threshold: a lamp on one side and the hand's shadow can leave part of the page darker than
    a light table elsewhere, but across the sheet's edge the paper is always brighter than the table right
    next to it. So the work is done on the log of the darkest colour channel (ratios of brightness; wood and
    cloth are coloured, paper is not) and the page is grown by a watershed from its bright core against the
    frame's border: the two floods meet at the strongest edge between them, the sheet's. The result must be a
    plausible sheet, brighter than its surroundings on every side; None is better than a wrong crop, as the
    page is then read whole (a flat scan, a page filling the frame, white paper on a white desk).

    >>> photo = np.full((300, 400), 60, np.uint8)
    >>> photo[50:250, 130:270] = 230                  # a light sheet on a dark table, found to within a pixel:
    >>> bool(np.abs(find_page(photo) - [[130, 50], [270, 50], [270, 250], [130, 250]]).max() <= 1)
    True
    >>> find_page(np.full((300, 400), 230, np.uint8)) is None
    True
    """
    h, w = image.shape[:2]
    factor = min(1.0, WORK_SIDE / max(h, w))
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    small = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
    darkest = small if small.ndim == 2 else cv2.min(cv2.min(small[..., 0], small[..., 1]), small[..., 2])
    darkest = cv2.morphologyEx(darkest, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))  # erase the text
    light = cv2.GaussianBlur(np.log(darkest.astype(np.float32) + 8.0), (0, 0), 1.5)
    region = _grow_page(light)
    quad = None if region is None else _fit_quad(region)
    quad = None if quad is None else _sharpen(quad, light)
    if quad is None or not _is_sheet(quad, light):
        return None
    scale = np.array(size) / (w, h)
    return np.asarray((quad + 0.5) / scale - 0.5, np.float32)  # pixel centres map as in cv2.resize


def _grow_page(light: np.ndarray) -> np.ndarray | None:
    """A mask of the page: watershed from the bright core (seed) against the frame's border (background)."""
    h, w = light.shape
    levels = np.round((light - light.min()) * (255.0 / max(float(np.ptp(light)), 1e-6))).astype(np.uint8)
    bright = cv2.threshold(levels, 0, 1, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    core = (cv2.distanceTransform(bright, cv2.DIST_L2, 3) > 0.06 * min(h, w)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    if count < 2:
        return None
    markers = np.zeros((h, w), np.int32)
    markers[labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))] = 2
    markers[:_RING], markers[-_RING:], markers[:, :_RING], markers[:, -_RING:] = 1, 1, 1, 1
    cv2.watershed(cv2.merge([levels, levels, levels]), markers)
    return np.asarray(markers == 2, np.uint8)


def _fit_quad(region: np.ndarray) -> np.ndarray | None:
    """Where the four straight sides of the region's outline meet: its strongest Hough lines, in two pairs.

    A bump of table let in by the watershed, or a stretch of the frame's border, has no long straight side
    and does not move the corners as it would move those of a convex hull.
    """
    contours = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0]
    if not contours:
        return None
    canvas = np.zeros_like(region)
    cv2.drawContours(canvas, [max(contours, key=cv2.contourArea)], 0, 1, 1)
    canvas[: _RING + 2], canvas[-_RING - 2 :], canvas[:, : _RING + 2], canvas[:, -_RING - 2 :] = 0, 0, 0, 0
    apart = 0.1 * min(region.shape)
    found = cv2.HoughLines(canvas, 1, np.pi / 360, round(2 * apart))
    pairs: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])  # lines (a, b, c): a x + b y + c = 0
    for rho, theta in [] if found is None else found[:, 0]:  # strongest first
        line = np.array([np.cos(theta), np.sin(theta), -rho])
        cosine = abs(line[:2] @ pairs[0][0][:2]) if pairs[0] else 1.0
        pair = pairs[0] if cosine > 0.85 else pairs[1] if cosine < 0.5 else None  # else neither: skipped
        if pair is None or len(pair) == 2:
            continue
        if all(abs(line[2] - np.sign(line[:2] @ other[:2]) * other[2]) > apart for other in pair):  # distinct
            pair.append(line)
    if len(pairs[0]) < 2 or len(pairs[1]) < 2:
        return None
    corners = [np.cross(a, b) for a in pairs[0] for b in pairs[1]]  # never parallel: 60° apart or more
    return clockwise(np.array([c[:2] / c[2] for c in corners]))


def _sharpen(quad: np.ndarray, light: np.ndarray) -> np.ndarray | None:
    """Each side moved onto the steepest fall of brightness across it, to a quarter of a pixel.

    The watershed's outline wanders by a pixel, 0.2 % of the frame at the working size: enough to tilt the
    flattened page by a few tenths of a degree.
    """
    offsets = np.arange(-4.0, 4.01, 0.25)
    lines = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        normal = _outward(a, b)
        base = a + np.linspace(0.05, 0.95, 64)[:, None] * (b - a)
        where = (base[:, None, :] + offsets[None, :, None] * normal).astype(np.float32)
        profiles = cv2.remap(light, where[..., 0], where[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        slopes = np.diff(profiles, axis=1)
        edge = base + (offsets[np.argmin(slopes, axis=1)] + 0.125)[:, None] * normal
        clear = slopes.min(axis=1) < 0.5 * np.median(slopes.min(axis=1))  # not in a shadow, not off the frame
        if clear.sum() < 8:
            lines.append(np.cross([*a, 1.0], [*b, 1.0]))
            continue
        vx, vy, x0, y0 = cv2.fitLine(edge[clear].astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append(np.array([vy, -vx, vx * y0 - vy * x0], np.float64))
    corners = [np.cross(lines[i - 1], lines[i]) for i in range(4)]
    if min(abs(c[2]) for c in corners) < 1e-9:
        return None
    return np.array([c[:2] / c[2] for c in corners])


def _outward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The unit normal of side a→b of a clockwise quad, pointing out of it."""
    return np.asarray([b[1] - a[1], a[0] - b[0]], np.float64) / float(np.hypot(*(b - a)))


def clockwise(points: np.ndarray) -> np.ndarray:
    """The four points clockwise on screen, starting from the top-left one (smallest x + y)."""
    centre = points.mean(axis=0)
    points = points[np.argsort(np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0]))]
    return np.roll(points, -int(np.argmin(points.sum(axis=1))), axis=0)


def _is_sheet(quad: np.ndarray, light: np.ndarray) -> bool:
    """Whether the quad is a plausible sheet.

    Convex, 20-98 % of the frame, corners 90° ± 25°, sides 1.1-1.8 apart, brighter inside on every side, plain
    paper just inside its sides.
    """
    h, w = light.shape
    area = cv2.contourArea(quad.astype(np.float32))
    if not 0.2 * h * w <= area <= 0.98 * h * w or not cv2.isContourConvex(quad.astype(np.float32)):
        return False
    sides = np.roll(quad, -1, axis=0) - quad
    lengths = np.hypot(sides[:, 0], sides[:, 1])
    cosines = np.abs(np.sum(sides * np.roll(sides, 1, axis=0), axis=1)) / (lengths * np.roll(lengths, 1))
    aspect = (lengths[1] + lengths[3]) / (lengths[0] + lengths[2])
    if cosines.max() > np.sin(np.radians(25)) or not 1.1 <= max(aspect, 1 / aspect) <= 1.8:
        return False
    if not all(_edge_contrast(quad[i], quad[(i + 1) % 4], light) > MIN_CONTRAST for i in range(4)):
        return False
    return float(np.median([_inner_texture(quad[i], quad[(i + 1) % 4], light) for i in range(4)])) < MAX_MARGIN_TEXTURE


def _beside(a: np.ndarray, b: np.ndarray, offset: float) -> np.ndarray:
    """64 pixels along the middle 80 % of side a→b, moved ``offset`` px outwards (negative: into the quad)."""
    along = a + np.linspace(0.1, 0.9, 64)[:, None] * (b - a)
    return np.asarray(np.round(along + offset * _outward(a, b)), int)


def _inner_texture(a: np.ndarray, b: np.ndarray, light: np.ndarray) -> float:
    """The spread (standard deviation) of log-brightness along a band 6-12 px inside side a→b.

    A sheet's margin is plain paper (0.01-0.07 measured on the corpus's photos, a letterhead's logo or a shadow
    may raise one side to 0.2); an outline found around a patch of checked tablecloth has checks inside (0.3-0.5).
    """
    h, w = light.shape
    points = np.clip(np.concatenate([_beside(a, b, depth) for depth in (-6, -8, -10, -12)]), 0, [w - 1, h - 1])
    return float(np.std(light[points[:, 1], points[:, 0]]))


def _edge_contrast(a: np.ndarray, b: np.ndarray, light: np.ndarray) -> float:
    """Median log-brightness step across side a→b, inside minus outside, sampled 4 px either side."""
    h, w = light.shape
    inside, outside = _beside(a, b, -4), _beside(a, b, 4)
    keep = np.all((inside >= 0) & (inside < [w, h]) & (outside >= 0) & (outside < [w, h]), axis=1)
    if keep.mean() < 0.5:  # the side runs along or beyond the frame's border
        return 0.0
    (xi, yi), (xo, yo) = inside[keep].T, outside[keep].T
    return float(np.median(light[yi, xi] - light[yo, xo]))


def unwarp(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The page inside ``quad`` (as from ``find_page``) seen square on, at about the photo's resolution.

    The width is the mean of the top and bottom sides, the height that of the left and right ones: the near
    side keeps about its pixels, the far side is stretched a little. A far side k % shorter (keystone) makes
    the page about k/2 % narrower than it is; no rescaling here, a later stage does that.

    >>> unwarp(np.zeros((100, 100), np.uint8), np.array([[10, 20], [70, 20], [70, 100], [10, 100]])).shape
    (81, 61)
    """
    corners = np.asarray(quad, np.float32).reshape(4, 2)
    tl, tr, br, bl = corners
    w = max(2, round(float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2) + 1)
    h = max(2, round(float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2) + 1)
    square = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, square)
    return cv2.warpPerspective(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def estimate_skew(gray: np.ndarray, max_angle: float = 5.0) -> float:
    """The tilt of the text lines in degrees (counter-clockwise positive), within ±max_angle; 0.0 if none.

    Projection profiles: the ink summed along parallel lines is sharpest (largest sum of squares) when the
    lines follow the text. Every 0.5°, then every 0.05° around the best, then a parabola through the best
    three; on a copy of ``SKEW_SIDE`` pixels, ink found by a local threshold (uneven light does not matter),
    the border left out (a scanner lid's straight edge says nothing about the text). The text must run about
    across the image: a page on its side gives about 0.0, so ``turn`` it upright first.

    >>> page = np.full((400, 300), 255, np.uint8)
    >>> for y in range(40, 360, 20):
    ...     _ = cv2.line(page, (30, y + 8), (270, y - 4), 0, 3)   # rising to the right: 12 px over 240 px
    >>> round(estimate_skew(page), 1)
    2.9
    >>> estimate_skew(np.full((400, 300), 255, np.uint8))
    0.0
    """
    gray = cv2.cvtColor(gray, cv2.COLOR_RGB2GRAY) if gray.ndim == 3 else gray
    h, w = gray.shape
    scale = min(1.0, SKEW_SIDE / max(h, w))
    small = cv2.resize(gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20)
    m = round(0.04 * min(small.shape))
    points = ink_points(ink[m : small.shape[0] - m, m : small.shape[1] - m])
    if points is None:
        return 0.0

    def sharpness(angle: float) -> float:
        counts = row_sums(*points, angle)
        return float(counts @ counts)

    coarse = np.arange(-max_angle, max_angle + 0.25, 0.5)
    scores = [sharpness(a) for a in coarse]
    if max(scores) < 1.05 * float(np.median(scores)):
        return 0.0  # no lines: a blank page, a photograph
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.525, 0.05)
    scores = [sharpness(a) for a in fine]
    i = min(max(int(np.argmax(scores)), 1), len(fine) - 2)
    left, middle, right = scores[i - 1 : i + 2]
    curvature = left - 2 * middle + right
    offset = 0.5 * (left - right) / curvature if curvature < 0 else 0.0
    return float(fine[i] + 0.05 * np.clip(offset, -1, 1)) + 0.0  # + 0.0: never -0.0


def ink_points(marks: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The (x, y) of the marked pixels, or None when there are under 50.

    Every n-th of them past 40,000: a projection profile's shape needs no more.
    """
    ys, xs = np.nonzero(marks)
    if len(xs) < 50:
        return None
    step = max(1, len(xs) // 40_000)
    return xs[::step].astype(np.float64), ys[::step].astype(np.float64)


def row_sums(xs: np.ndarray, ys: np.ndarray, angle: float) -> np.ndarray:
    """How many of the points fall on each line at ``angle`` degrees: the projection profile along that tilt.

    >>> row_sums(np.array([0.0, 1.0, 2.0]), np.array([5.0, 5.0, 7.0]), 0.0).tolist()
    [2.0, 0.0, 1.0]
    """
    rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
    return np.bincount(rows - rows.min()).astype(np.float64)


def rotation(shape: tuple[int, ...], angle: float, scale: float = 1.0) -> tuple[np.ndarray, tuple[int, int]]:
    """The 2×3 matrix that ``rotate`` applies to an image of ``shape`` (h, w), and the canvas size (w, h) it makes.

    >>> matrix, size = rotation((100, 200), 90)
    >>> size, [round(float(v), 6) + 0.0 for v in matrix @ [199, 0, 1]]   # the top-right corner ends top-left
    ((100, 200), [0.0, 0.0])
    """
    h, w = shape[:2]
    matrix = np.asarray(cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), angle, scale), np.float64)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(np.ceil(h * sin + w * cos - 1e-6)), int(np.ceil(h * cos + w * sin - 1e-6))
    matrix[:, 2] += ((new_w - w) / 2, (new_h - h) / 2)
    return matrix, (new_w, new_h)


def rotate(gray: np.ndarray, angle: float, fill: int = 255, scale: float = 1.0) -> np.ndarray:
    """The image (gray or RGB) turned ``angle`` degrees counter-clockwise, on a canvas grown to keep it all.

    ``scale`` resizes in the same pass: a tilted page that also needs scaling is resampled once, not twice.

    >>> rotate(np.zeros((100, 200), np.uint8), 90).shape
    (200, 100)
    >>> int(rotate(np.zeros((100, 200), np.uint8), 10, fill=255)[0, 0])
    255
    >>> rotate(np.zeros((100, 200), np.uint8), 90, scale=1.5).shape
    (300, 150)
    """
    matrix, (new_w, new_h) = rotation(gray.shape[:2], angle, scale)
    return cv2.warpAffine(
        gray,
        matrix,
        (new_w, new_h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(fill,) * 4,
    )


def deskew(gray: np.ndarray, max_angle: float = 5.0) -> tuple[np.ndarray, float]:
    """The page with its text lines level, and the tilt taken out: ``rotate(gray, -tilt)``, or ``(gray, 0.0)``.

    Tilts under ``MIN_DESKEW`` are left: 0.2° moves a line of text by half a millimetre across an A4 page, a
    quarter of a letter's height, which Tesseract does not mind, while rotating would soften every glyph.
    """
    angle = estimate_skew(gray, max_angle)
    if abs(angle) < MIN_DESKEW:
        return gray, 0.0
    return rotate(gray, -angle), angle


_QUARTERS = (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE)


def turn(image: np.ndarray, quarter_turns_clockwise: int) -> np.ndarray:
    """The image turned by quarter turns clockwise (negative: counter-clockwise), exactly: no interpolation.

    >>> turn(np.array([[1, 2], [3, 4]], np.uint8), 1).tolist()
    [[3, 1], [4, 2]]
    >>> turn(np.array([[1, 2], [3, 4]]), -1).tolist()
    [[2, 4], [1, 3]]
    """
    quarters = quarter_turns_clockwise % 4
    if quarters and image.dtype == np.uint8:  # OpenCV copies a 12 MP photo three times faster than numpy
        return cv2.rotate(image, _QUARTERS[quarters - 1])
    return np.ascontiguousarray(np.rot90(image, -quarters))
