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
"""Long side of the copy ``find_page`` works on: the page's outline is plain at this size, and it is fast."""

SKEW_SIDE = 1200
"""Long side of the copy ``estimate_skew`` works on: text lines stay apart, a 0.1° tilt still moves a line
across its width by more than a pixel."""

MIN_CONTRAST = float(np.log(1.1))
"""How much brighter than the table, in log units, the paper must be along each side of a found sheet."""

MIN_DESKEW = 0.2
"""Tilts below this many degrees are left alone by ``deskew``."""


def find_page(image: np.ndarray) -> np.ndarray | None:
    """The corners of a sheet of paper lying on a darker table, or None when no clear outline is found.

    Why not a plain threshold: a lamp to one side and the hand's shadow can leave part of the page darker than
    a light table elsewhere in the picture, but across the sheet's edge the paper is always clearly brighter
    than the table right next to it. So the work is done on the logarithm of the darkest colour channel
    (brightness ratios, and wood or cloth is coloured where paper is not) and the page is grown by a watershed
    from its bright core against the frame's border: it stops at the strongest edge between them, the sheet's.
    A result is kept only if it is a plausible sheet (convex, near-right angles, A4-like proportions, 20-98 %
    of the frame) that is brighter than its surroundings on every side; returning None is better than a
    wrong crop, as the page is then read whole.

    >>> photo = np.full((300, 400), 60, np.uint8)
    >>> photo[50:250, 130:270] = 230
    >>> corners = find_page(photo)                    # a light sheet on a dark table, to within a pixel:
    >>> bool(np.abs(corners - [[130, 50], [270, 50], [270, 250], [130, 250]]).max() <= 1)
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
    if region is None:
        return None
    quad = _fit_quad(region)
    if quad is not None:
        quad = _sharpen(quad, light)
    if quad is None or not _is_sheet(quad, light):
        return None
    scale = np.array(size) / (w, h)
    return np.asarray((quad + 0.5) / scale - 0.5, dtype=np.float32)  # pixel centres, as cv2.resize maps them


def _grow_page(light: np.ndarray) -> np.ndarray | None:
    """A mask of the page: watershed from the bright core (seed) against the frame's border (background)."""
    h, w = light.shape
    span = max(float(light.max() - light.min()), 1e-6)
    levels = np.round((light - light.min()) * (255.0 / span)).astype(np.uint8)
    bright = cv2.threshold(levels, 0, 1, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    core = (cv2.distanceTransform(bright, cv2.DIST_L2, 3) > 0.06 * min(h, w)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    if count < 2:
        return None
    markers = np.zeros((h, w), np.int32)
    markers[labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))] = 2
    ring = _ring(light.shape)
    markers[:ring], markers[-ring:], markers[:, :ring], markers[:, -ring:] = 1, 1, 1, 1
    cv2.watershed(cv2.merge([levels, levels, levels]), markers)
    region: np.ndarray = (markers == 2).astype(np.uint8)
    return region


def _ring(shape: tuple[int, ...]) -> int:
    """Width of the band along the frame's border that seeds the background."""
    return max(2, round(min(shape[:2]) * 0.005))


def _fit_quad(region: np.ndarray) -> np.ndarray | None:
    """The corners where the four straight sides of the region's outline meet.

    The sides are the strongest Hough lines of the outline, in two roughly perpendicular pairs, each refined by
    a line fit to the outline points on it. A bump of table that the watershed let in has no long straight
    side, so it does not move the corners as it would move a convex hull's.
    """
    contours = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0]
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    canvas = np.zeros_like(region)
    cv2.drawContours(canvas, [outline], 0, 1, 1)
    ring = _ring(region.shape) + 2  # where the region met the frame's border is not a side of the sheet
    canvas[:ring], canvas[-ring:], canvas[:, :ring], canvas[:, -ring:] = 0, 0, 0, 0
    apart = 0.1 * min(region.shape)
    found = cv2.HoughLines(canvas, 1, np.pi / 360, round(2 * apart))
    if found is None:
        return None
    pairs: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])  # lines (cos, sin, rho), strongest first
    for rho, theta in found[:, 0]:
        line = np.array([np.cos(theta), np.sin(theta), rho])
        cosine = abs(line[:2] @ pairs[0][0][:2]) if pairs[0] else 1.0
        pair = pairs[0] if cosine > 0.85 else pairs[1] if cosine < 0.5 else None  # else neither: skipped
        if pair is None or len(pair) == 2:
            continue
        if all(abs(line[2] - np.sign(line[:2] @ other[:2]) * other[2]) > apart for other in pair):
            pair.append(line)
    if len(pairs[0]) < 2 or len(pairs[1]) < 2:
        return None
    points = outline.reshape(-1, 2).astype(np.float32)
    (a1, a2), (b1, b2) = ([_refine(line, points) for line in pair] for pair in pairs)
    corners = [np.cross(a, b) for a in (a1, a2) for b in (b1, b2)]
    if min(abs(c[2]) for c in corners) < 1e-9:
        return None
    return _clockwise(np.array([c[:2] / c[2] for c in corners]))


def _refine(line: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The line fitted to the outline points near a Hough line (cos, sin, rho), then nearer still."""
    a, b, c = line[0], line[1], -line[2]
    for band in (5.0, 2.0):
        near = points[np.abs(points @ np.array([a, b], np.float32) + c) < band]
        if len(near) < 2:
            break
        a, b, c = _fit_line(near)
    return np.array([a, b, c])


def _sharpen(quad: np.ndarray, light: np.ndarray) -> np.ndarray | None:
    """Each side moved onto the steepest fall of brightness across it, to a quarter of a pixel.

    The watershed's outline wanders by a pixel or so; at the working size that is 0.2 % of the frame, enough
    to tilt the flattened page by a few tenths of a degree.
    """
    offsets = np.arange(-4.0, 4.01, 0.25)
    lines = []
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        normal = _outward(a, b)
        base = a + np.linspace(0.05, 0.95, 64)[:, None] * (b - a)
        where = (base[:, None, :] + offsets[None, :, None] * normal).astype(np.float32)
        profiles = cv2.remap(light, where[..., 0], where[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        slopes = np.diff(profiles, axis=1)
        steepest = np.argmin(slopes, axis=1)
        edge = base + (offsets[steepest] + 0.125)[:, None] * normal
        clear = slopes.min(axis=1) < 0.5 * np.median(slopes.min(axis=1))  # not in a shadow or off the frame
        lines.append(_fit_line(edge[clear].astype(np.float32)) if clear.sum() >= 8 else np.cross([*a, 1], [*b, 1]))
    corners = [np.cross(lines[i - 1], lines[i]) for i in range(4)]
    if min(abs(c[2]) for c in corners) < 1e-9:
        return None
    return np.array([c[:2] / c[2] for c in corners])


def _fit_line(points: np.ndarray) -> np.ndarray:
    """The line (a, b, c), a x + b y + c = 0, through points, outliers down-weighted."""
    vx, vy, x0, y0 = cv2.fitLine(points, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return np.array([vy, -vx, vx * y0 - vy * x0], dtype=np.float64)


def _outward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The unit normal of side a→b of a clockwise quad that points out of it."""
    normal: np.ndarray = np.array([b[1] - a[1], a[0] - b[0]]) / np.hypot(*(b - a))
    return normal


def _clockwise(points: np.ndarray) -> np.ndarray:
    """The four points clockwise on screen, starting from the top-left one (smallest x + y)."""
    centre = points.mean(axis=0)
    order = np.argsort(np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0]))
    points = points[order]
    return np.roll(points, -int(np.argmin(points.sum(axis=1))), axis=0)


def _is_sheet(quad: np.ndarray, light: np.ndarray) -> bool:
    """A plausible sheet: convex, angles 90° ± 25°, sides 1.1-1.8 apart, 20-98 % of the frame, bright edges."""
    h, w = light.shape
    area = cv2.contourArea(quad.astype(np.float32))
    if not 0.2 * h * w <= area <= 0.98 * h * w or not cv2.isContourConvex(quad.astype(np.float32)):
        return False
    sides = np.roll(quad, -1, axis=0) - quad
    lengths = np.hypot(sides[:, 0], sides[:, 1])
    cosines = np.abs(np.sum(sides * np.roll(sides, 1, axis=0), axis=1)) / (lengths * np.roll(lengths, 1))
    if cosines.max() > np.sin(np.radians(25)):
        return False
    aspect = (lengths[1] + lengths[3]) / (lengths[0] + lengths[2])
    if not 1.1 <= max(aspect, 1 / aspect) <= 1.8:
        return False
    return all(_edge_contrast(quad[i], quad[(i + 1) % 4], light) > MIN_CONTRAST for i in range(4))


def _edge_contrast(a: np.ndarray, b: np.ndarray, light: np.ndarray) -> float:
    """Median log-brightness step across side a→b (inside minus outside), sampled 4 px either side."""
    h, w = light.shape
    along = a + np.linspace(0.1, 0.9, 64)[:, None] * (b - a)
    inside, outside = (np.round(along + side * _outward(a, b)).astype(int) for side in (-4, 4))
    keep = np.all((inside >= 0) & (inside < [w, h]) & (outside >= 0) & (outside < [w, h]), axis=1)
    if keep.mean() < 0.5:  # the side runs along or beyond the frame's border
        return 0.0
    (xi, yi), (xo, yo) = inside[keep].T, outside[keep].T
    return float(np.median(light[yi, xi] - light[yo, xo]))


def unwarp(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The page inside ``quad`` (as from ``find_page``) seen square on, at about the photo's resolution.

    The width is the mean of the top and bottom sides, the height that of the left and right ones: the near
    side of the sheet keeps about its pixels, the far side is stretched a little; no further rescaling here.

    >>> photo = np.zeros((100, 100), np.uint8)
    >>> unwarp(photo, np.array([[10, 20], [70, 20], [70, 100], [10, 100]])).shape
    (81, 61)
    """
    corners = np.asarray(quad, np.float32).reshape(4, 2)
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    w, h = max(2, round(float(width)) + 1), max(2, round(float(height)) + 1)
    square = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, square)
    return cv2.warpPerspective(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def estimate_skew(gray: np.ndarray, max_angle: float = 5.0) -> float:
    """The tilt of the text lines in degrees, counter-clockwise on screen positive; 0.0 when there are none.

    Projection profiles: the ink is summed along lines at each candidate angle, and the profile is sharpest
    (largest sum of squares) when those lines follow the text. Every 0.5° first, then every 0.05° around the
    best, then a parabola through the best three; on a copy with a long side of ``SKEW_SIDE`` pixels, ink
    found by a local threshold (lighting does not matter), a band along the border left out (a scanner lid's
    edge is straight but says nothing about the text).

    >>> page = np.full((400, 300), 255, np.uint8)
    >>> for y in range(40, 360, 20):
    ...     _ = cv2.line(page, (30, y + 8), (270, y - 4), 0, 3)   # rising to the right: 240 px over 12 px
    >>> round(estimate_skew(page), 1)
    2.9
    >>> estimate_skew(np.full((400, 300), 255, np.uint8))
    0.0
    """
    h, w = gray.shape[:2]
    scale = min(1.0, SKEW_SIDE / max(h, w))
    small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 20)
    m = round(0.04 * min(small.shape))
    ys, xs = np.nonzero(ink[m : small.shape[0] - m, m : small.shape[1] - m])
    if len(xs) < 50:
        return 0.0
    step = max(1, len(xs) // 40_000)
    xs, ys = xs[::step].astype(np.float64), ys[::step].astype(np.float64)

    def sharpness(angle: float) -> float:
        rows = np.round(ys + xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(counts @ counts)

    coarse = np.arange(-max_angle, max_angle + 0.25, 0.5)
    scores = [sharpness(a) for a in coarse]
    if max(scores) < 1.05 * float(np.median(scores)):
        return 0.0  # no lines: a blank page or a photograph
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.525, 0.05)
    scores = [sharpness(a) for a in fine]
    i = min(max(int(np.argmax(scores)), 1), len(fine) - 2)
    left, middle, right = scores[i - 1 : i + 2]
    curvature = left - 2 * middle + right
    offset = 0.5 * (left - right) / curvature if curvature < 0 else 0.0
    return float(fine[i] + 0.05 * np.clip(offset, -1, 1)) + 0.0  # + 0.0: never -0.0


def rotate(gray: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """The image turned ``angle`` degrees counter-clockwise on a canvas grown to keep every corner.

    >>> rotate(np.zeros((100, 200), np.uint8), 90).shape
    (200, 100)
    >>> int(rotate(np.zeros((100, 200), np.uint8), 10, fill=255)[0, 0])
    255
    """
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(np.ceil(h * sin + w * cos - 1e-6)), int(np.ceil(h * cos + w * sin - 1e-6))
    matrix[:, 2] += ((new_w - w) / 2, (new_h - h) / 2)
    return cv2.warpAffine(
        gray, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(fill,) * 4
    )


def deskew(gray: np.ndarray, max_angle: float = 5.0) -> tuple[np.ndarray, float]:
    """The page with its text lines level, and the tilt that was taken out (0.0 when under 0.2°, left as is).

    Below 0.2° a line of text drifts by less than a third of its height across an A4 page: Tesseract does not
    mind, and a rotation would only soften the glyphs.
    """
    angle = estimate_skew(gray, max_angle)
    if abs(angle) < MIN_DESKEW:
        return gray, 0.0
    return rotate(gray, -angle), angle


_CLOCKWISE = (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE)


def turn(image: np.ndarray, quarter_turns_clockwise: int) -> np.ndarray:
    """The image turned by quarter turns clockwise (negative: counter-clockwise), exactly: no interpolation.

    >>> turn(np.array([[1, 2], [3, 4]], np.uint8), 1).tolist()
    [[3, 1], [4, 2]]
    >>> turn(np.array([[1, 2], [3, 4]]), -1).tolist()
    [[2, 4], [1, 3]]
    """
    quarters = quarter_turns_clockwise % 4
    if quarters and image.dtype == np.uint8:  # OpenCV copies a 12 MP photo three times faster than numpy
        return cv2.rotate(image, _CLOCKWISE[quarters - 1])
    return np.ascontiguousarray(np.rot90(image, -quarters))
