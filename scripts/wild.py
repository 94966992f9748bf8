"""Hard phone photos and phone screenshots of the letters: the two classes beyond ``degrade.CLASSES``.

Why: the default ``phone_photo`` is a fair photo on a plain table. People also send a letter photographed on a
gingham tablecloth (whose white squares are as bright as the paper and fool a page finder), held in a hand,
lying on its envelope, curled or still creased from its envelope, in a dim kitchen, or filling the whole frame;
and more and more they send a screenshot of the PDF they opened on their phone, sometimes zoomed on the number.
``make_corpus.py --classes hard_photo screenshot`` makes them; they are not in the default ``CLASSES``, so the
default corpora do not change.

Each photo or screenshot draws one main case (``PHOTO_CASES``, ``SCREEN_CASES``) from a plan that cycles
through the cases (``case_plan``), so their rates are even; the case is added to the truth's ``tags``. As in
``degrade``, every function is pure: a page image or PDF and a seeded ``random.Random`` in, pixels or bytes
out; numpy draws come from ``degrade.numpy_rng``.
"""

from __future__ import annotations

import io
import math
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import albumentations as A
import cv2
import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

import degrade
from degrade import Array, Photo, Storage

EXTRA_CLASSES = ("hard_photo", "screenshot")
"""Classes ``make_corpus.py --classes`` accepts beyond ``degrade.CLASSES`` (never made by default)."""
PHOTO_CASES = ("checks", "stripes", "wood", "fills_frame", "hand", "envelope", "curl", "fold", "low_light")
SCREEN_CASES = ("viewer", "zoomed", "dark", "app", "old_only")


def case_plan(rng: random.Random, cases: Sequence[str]) -> list[str]:
    """One round of ``cases`` in random order: item k of a corpus takes slot ``k % n`` of plan ``k // n``, so
    every case comes up as often as the others (drawing each alone would give uneven groups, as
    ``degrade.storage_plan`` explains for the turns)."""
    plan = list(cases)
    rng.shuffle(plan)
    return plan


# ---- Geometry helpers ----------------------------------------------------------------------------------------


def _rect(w: float, h: float, top: float = 0.0) -> Array:
    return np.array([[0, top], [w, top], [w, h], [0, h]], dtype=np.float32)


def _apply(matrix: Array, points: Array) -> Array:
    """Points (n, 2) through a homography."""
    return cv2.perspectiveTransform(np.asarray(points, np.float64).reshape(-1, 1, 2), matrix).reshape(-1, 2)


def _scaled(quad: Array, factor: float, centre: Array | None = None) -> Array:
    """``quad`` shrunk (or grown) about ``centre`` (its own centre by default)."""
    c = quad.mean(axis=0) if centre is None else centre
    return ((quad - c) * factor + c).astype(np.float32)


def _inside(points: Array, frame: tuple[int, int], margin: float = 0.0) -> bool:
    fw, fh = frame
    return bool(
        (points[:, 0] >= fw * margin).all()
        and (points[:, 0] <= fw * (1 - margin)).all()
        and (points[:, 1] >= fh * margin).all()
        and (points[:, 1] <= fh * (1 - margin)).all()
    )


def ink_box(gray: Array, level: int = 220) -> tuple[int, int, int, int]:
    """The box (x0, y0, x1, y1) around every mark on the page (text, rules, logos): what must stay visible."""
    dark = gray < level
    rows, cols = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    h, w = gray.shape
    if not len(rows):
        return w // 10, h // 10, w - w // 10, h - h // 10
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


def _outline(w: float, h: float, n: int = 40) -> Array:
    """Points along the page's four edges, clockwise from the top-left corner."""
    t = np.linspace(0, 1, n, endpoint=False)
    edges = [
        np.stack([t * w, 0 * t], 1),
        np.stack([w + 0 * t, t * h], 1),
        np.stack([(1 - t) * w, h + 0 * t], 1),
        np.stack([0 * t, (1 - t) * h], 1),
    ]
    return np.concatenate(edges)


# ---- Laying a sheet into the frame -----------------------------------------------------------------------------


def _lay_flat(rgb: Array, matrix: Array, frame: tuple[int, int]) -> tuple[Array, Array]:
    """The sheet ``rgb`` warped by ``matrix`` into the frame, and its coverage (float 0..1, soft at the edges)."""
    size = (frame[0], frame[1])
    layer = cv2.warpPerspective(rgb, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    mask = np.full(rgb.shape[:2], 255, np.uint8)
    alpha = cv2.warpPerspective(mask, matrix, size, flags=cv2.INTER_LINEAR, borderValue=0)
    return layer, alpha.astype(np.float32) / 255


def _lay_mapped(
    rgb: Array, maps: tuple[Array, Array], box: tuple[int, int, int, int], frame: tuple[int, int]
) -> tuple[Array, Array]:
    """Like ``_lay_flat``, from page coordinates per frame pixel of ``box`` (a bent or folded sheet)."""
    x0, y0, x1, y1 = box
    fw, fh = frame
    map_x, map_y = maps
    layer = np.zeros((fh, fw, 3), np.uint8)
    alpha = np.zeros((fh, fw), np.float32)
    layer[y0:y1, x0:x1] = cv2.remap(rgb, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    mask = np.full(rgb.shape[:2], 255, np.uint8)
    cover = cv2.remap(mask, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha[y0:y1, x0:x1] = cover.astype(np.float32) / 255
    return layer, alpha


def _frame_grid(box: tuple[int, int, int, int]) -> tuple[Array, Array]:
    x0, y0, x1, y1 = box
    return np.arange(x0, x1, dtype=np.float32)[None, :], np.arange(y0, y1, dtype=np.float32)[:, None]


def _unproject(matrix: Array, xs: Array, ys: Array) -> tuple[Array, Array]:
    """Page coordinates of frame pixels under the page-to-frame homography ``matrix``."""
    m = np.linalg.inv(matrix).astype(np.float32)
    den = m[2, 0] * xs + m[2, 1] * ys + m[2, 2]
    return (m[0, 0] * xs + m[0, 1] * ys + m[0, 2]) / den, (m[1, 0] * xs + m[1, 1] * ys + m[1, 2]) / den


def _box_of(points: Array, frame: tuple[int, int], pad: int = 8) -> tuple[int, int, int, int]:
    fw, fh = frame
    low, high = points.min(axis=0), points.max(axis=0)
    return (
        max(0, int(low[0]) - pad),
        max(0, int(low[1]) - pad),
        min(fw, int(high[0]) + pad + 1),
        min(fh, int(high[1]) + pad + 1),
    )


def _blend(base: Array, layer: Array, alpha: Array) -> Array:
    """``layer`` over ``base`` where ``alpha`` covers it (only the covered rows and columns are computed)."""
    rows, cols = np.flatnonzero(alpha.max(axis=1) > 0), np.flatnonzero(alpha.max(axis=0) > 0)
    out = base.copy()
    if not len(rows):
        return out
    ys, xs = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
    a = np.ascontiguousarray(alpha[ys, xs])
    out[ys, xs] = cv2.blendLinear(np.ascontiguousarray(layer[ys, xs]), np.ascontiguousarray(base[ys, xs]), a, 1 - a)
    return out


def _shadow(base: Array, alpha: Array, rng: random.Random, depth: tuple[float, float] = (0.2, 0.4)) -> Array:
    """Darken ``base`` around a sheet (its coverage ``alpha``), a little offset: the sheet lies above it."""
    h, w = alpha.shape
    small = cv2.resize(alpha, (w // 8, h // 8), interpolation=cv2.INTER_AREA)
    shift = np.array([[1, 0, rng.uniform(-6, 6) / 8], [0, 1, rng.uniform(2, 10) / 8]], np.float32)
    small = cv2.warpAffine(small, shift, (w // 8, h // 8))
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(2, 5))
    mask = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    return (base * (1 - rng.uniform(*depth) * mask)[..., None]).astype(np.uint8)


def _tinted(gray: Array, tint: tuple[float, float, float]) -> Array:
    return cv2.merge([cv2.convertScaleAbs(gray, alpha=t) for t in tint])


# ---- Tables and cloths ------------------------------------------------------------------------------------------

CHECK_COLOURS = (
    (0.72, 0.08, 0.10),
    (0.10, 0.22, 0.62),
    (0.12, 0.45, 0.22),
    (0.08, 0.08, 0.09),
    (0.85, 0.45, 0.10),
    (0.35, 0.55, 0.80),
)
STRIPE_COLOURS = (
    (0.10, 0.14, 0.35),
    (0.70, 0.10, 0.12),
    (0.90, 0.75, 0.20),
    (0.20, 0.45, 0.30),
    (0.45, 0.45, 0.47),
    (0.08, 0.08, 0.09),
    (0.55, 0.70, 0.85),
)


def _white(rng: random.Random) -> Array:
    """A cloth's white, as bright as the paper (so the white squares look like paper to a page finder)."""
    return np.array([1.0, rng.uniform(0.98, 1.0), rng.uniform(0.94, 1.0)], np.float32) * rng.uniform(0.95, 1.0)


def _cloth(rng: random.Random, nrng: np.random.Generator, shape: tuple[int, int]) -> tuple[Array, Array, Array]:
    """Cloth coordinates (X, Y) of each pixel, seen in mild perspective and pushed about by wrinkles, and the
    wrinkles' shading: a printed pattern then follows the cloth instead of the picture's axes."""
    h, w = shape
    src = _rect(w, h)
    dst = (src + np.array([[rng.uniform(-0.06, 0.06) * w, rng.uniform(-0.06, 0.06) * h] for _ in range(4)])).astype(
        np.float32
    )
    m = cv2.getPerspectiveTransform(src, dst)
    xs, ys = np.arange(w, dtype=np.float32)[None, :], np.arange(h, dtype=np.float32)[:, None]
    den = m[2, 0] * xs + m[2, 1] * ys + m[2, 2]
    cloth_x = (m[0, 0] * xs + m[0, 1] * ys + m[0, 2]) / den
    cloth_y = (m[1, 0] * xs + m[1, 1] * ys + m[1, 2]) / den
    height = degrade.smooth_noise(nrng, shape, rng.uniform(150, 300)) * rng.uniform(2, 6)
    for _ in range(rng.randint(1, 4)):  # sharp creases in the cloth
        angle = rng.uniform(0, math.pi)
        across = xs * math.cos(angle) + ys * math.sin(angle)
        centre = rng.uniform(across.min(), across.max())
        height = height + rng.uniform(4, 12) * np.exp(-(((across - centre) / rng.uniform(8, 25)) ** 2))
    grad_y, grad_x = np.gradient(height)
    light = rng.uniform(0, 2 * math.pi)
    slope = grad_x * math.cos(light) + grad_y * math.sin(light)
    shade = 1 + rng.uniform(0.06, 0.14) * slope / (np.abs(slope).max() + 1e-6)
    cloth_x = cloth_x + height * rng.uniform(0.6, 1.2)
    cloth_y = cloth_y + height * rng.uniform(-0.6, 0.6)
    return cloth_x, cloth_y, shade.astype(np.float32)


def _weave(nrng: np.random.Generator, shape: tuple[int, int], shade: Array) -> Array:
    """Shade times a fine weave and thread noise: the cloth's grain."""
    h, w = shape
    xs, ys = np.arange(w, dtype=np.float32)[None, :], np.arange(h, dtype=np.float32)[:, None]
    weave = 0.025 * np.sin(2 * np.pi * xs / 2.3) * np.sin(2 * np.pi * ys / 2.3)
    return shade * (1 + weave + 0.012 * nrng.standard_normal(shape).astype(np.float32))


def _checks(rng: random.Random, nrng: np.random.Generator, shape: tuple[int, int]) -> Array:
    """A gingham or checkerboard cloth: squares of 1-4 cm (20-100 px here, drawn at half resolution)."""
    cloth_x, cloth_y, shade = _cloth(rng, nrng, shape)
    size = rng.uniform(20, 100)
    sharp = rng.uniform(3, 6)
    band_x = np.clip(0.5 + sharp * np.sin(np.pi * cloth_x / size), 0, 1)
    band_y = np.clip(0.5 + sharp * np.sin(np.pi * cloth_y / size), 0, 1)
    if rng.random() < 0.6:  # gingham: white, half-tone where one band crosses, full colour where both do
        colour = np.array(rng.choice(CHECK_COLOURS), np.float32)
        mix = (band_x + band_y) / 2
    else:  # a checkerboard, black-and-white half the time
        colour = np.array(rng.choice(((0.08, 0.08, 0.09), rng.choice(CHECK_COLOURS))), np.float32)
        mix = band_x + band_y - 2 * band_x * band_y
    white = _white(rng)
    rgb = white + (colour - white) * mix[..., None]
    rgb *= _weave(nrng, shape, shade)[..., None]
    return np.clip(rgb * 255, 0, 255).astype(np.uint8)


def _stripes(rng: random.Random, nrng: np.random.Generator, shape: tuple[int, int]) -> Array:
    """A striped cloth or placemat: stripes of 10-80 px (5-40 here) in any direction, white among them."""
    cloth_x, cloth_y, shade = _cloth(rng, nrng, shape)
    angle = rng.uniform(0, math.pi)
    across = cloth_x * math.cos(angle) + cloth_y * math.sin(angle)
    white = _white(rng)
    colours = [white, np.array(rng.choice(STRIPE_COLOURS), np.float32)]
    if rng.random() < 0.4:
        colours += [white, np.array(rng.choice(STRIPE_COLOURS), np.float32)]
    widths = [rng.uniform(5, 40) for _ in colours]
    fine = 4  # samples per pixel of the look-up table
    lut = np.concatenate(
        [np.repeat(c[None, :], max(1, round(wd * fine)), axis=0) for c, wd in zip(colours, widths, strict=True)]
    )
    n = len(lut)  # soft stripe edges, blurred round the repeat
    lut = cv2.GaussianBlur(np.tile(lut, (3, 1))[None], (0, 0), sigmaX=fine * rng.uniform(0.4, 1.2), sigmaY=1e-3)[
        0, n:-n
    ]
    index = np.mod(np.round(across * fine).astype(np.int64), len(lut))
    rgb = lut[index] * _weave(nrng, shape, shade)[..., None]
    return np.clip(rgb * 255, 0, 255).astype(np.uint8)


def _strong_wood(rng: random.Random, nrng: np.random.Generator, shape: tuple[int, int]) -> Array:
    """Wood with a strong grain: dark growth lines, knots the lines flow around, dark seams between planks.

    Stronger than ``degrade._wood`` on purpose: long dark lines and round knots next to the page's edges are what
    a page finder mistakes for text lines or the page's border.
    """
    h, w = shape
    xs, ys = np.arange(w, dtype=np.float32)[None, :], np.arange(h, dtype=np.float32)[:, None]
    grain_y = ys + degrade.smooth_noise(nrng, shape, rng.uniform(400, 800)) * rng.uniform(8, 25)
    knots = np.zeros(shape, np.float32)
    for _ in range(rng.randint(2, 4)):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        rx = rng.uniform(35, 100)
        ry = rx * rng.uniform(0.4, 0.7)
        r2 = ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2
        grain_y = grain_y + rng.uniform(0.8, 1.5) * ry * np.exp(-r2 / 6) * np.sign(ys - cy)  # lines part round it
        knots += 0.45 * np.exp(-r2 * 1.5) + 0.15 * np.exp(-r2 / 3) * np.abs(np.sin(np.pi * np.sqrt(r2) * 2.5)) ** 3
    period = rng.uniform(18, 45)
    phase = grain_y / period + 0.3 * degrade.smooth_noise(nrng, shape, 300)
    dark_lines = np.abs(np.sin(np.pi * phase)) ** rng.uniform(12, 30)
    rings = np.abs(np.sin(np.pi * phase / rng.uniform(3, 6))) ** 2
    fine = cv2.resize(nrng.standard_normal((h, max(2, w // 60))).astype(np.float32), (w, h))
    fine = cv2.GaussianBlur(fine, (0, 0), sigmaX=2, sigmaY=0.6)
    shade = 1 - rng.uniform(0.25, 0.45) * dark_lines - 0.12 * rings + 0.06 * fine - knots
    shade += 0.08 * degrade.smooth_noise(nrng, shape, 200)
    plank = rng.randint(150, 350)
    for y in range(rng.randrange(plank), h, plank):
        shade[max(0, y - 1) : y + 2] *= 0.4
    colour = rng.choice(degrade.WOODS)
    base = np.array(colour, dtype=np.float32)
    rgb = shade[..., None] * base ** (1 + 0.8 * (1 - shade[..., None]))
    return np.clip(rgb * 255, 0, 255).astype(np.uint8)


def _table(case: str, rng: random.Random, nrng: np.random.Generator, frame: tuple[int, int]) -> Array:
    """The surface under the page: a case's own cloth or wood, else ``degrade.table_texture``; drawn at half
    resolution like it."""
    draw = {"checks": _checks, "stripes": _stripes, "wood": _strong_wood}.get(case)
    if draw is None:
        return degrade.table_texture(rng, nrng, frame)
    w, h = frame
    half = (h // 2, w // 2)
    across = case == "wood" and rng.random() < 0.5
    texture = draw(rng, nrng, (half[1], half[0]) if across else half)
    if across:
        texture = np.ascontiguousarray(np.rot90(texture))
    blotches = 1 + 0.04 * degrade.smooth_noise(nrng, half, 120)
    texture = np.clip(texture * blotches[..., None], 0, 255).astype(np.uint8)
    return cv2.resize(texture, (w, h), interpolation=cv2.INTER_LINEAR)


# ---- Where the page goes -----------------------------------------------------------------------------------------


def _offset(rng: random.Random, extent: float, room: float, cut_low: float, cut_high: float) -> float | None:
    """Where a page ``extent`` long starts in a frame ``room`` long, cutting at most ``cut_low`` / ``cut_high``
    of it on each side and leaving at most 3 % of the frame bare; None when impossible."""
    low = max(-cut_low * extent, room - extent - 0.03 * room)
    high = min(0.03 * room, room - extent + cut_high * extent)
    return rng.uniform(low, high) if low <= high else None


def fills_frame_quad(
    rng: random.Random, page_size: tuple[int, int], frame: tuple[int, int], box: tuple[int, int, int, int]
) -> Array:
    """A page filling the frame and running off one to three sides, cutting only its blank margins.

    Each side may lose up to 8 % of the page, and never more than its margin less 1 % (``box`` is the ink's
    box); a slight lean and keystone are kept only if every mark of the page stays in the frame.
    """
    (w, h), (fw, fh) = page_size, frame
    x0, y0, x1, y1 = box
    allowed = [max(0.0, min(0.08, m - 0.01)) for m in (x0 / w, (w - x1) / w, y0 / h, (h - y1) / h)]
    quad = None
    for _ in range(80):
        scale = fh * rng.uniform(0.97, 1.09) / h
        ox = _offset(rng, w * scale, fw, allowed[0], allowed[1])
        oy = _offset(rng, h * scale, fh, allowed[2], allowed[3])
        if ox is None or oy is None:
            continue
        cuts = (
            -ox / (w * scale),
            (ox + w * scale - fw) / (w * scale),
            -oy / (h * scale),
            (oy + h * scale - fh) / (h * scale),
        )
        if 1 <= sum(c >= 0.005 for c in cuts) <= 3:
            quad = _rect(w, h) * scale + np.array([ox, oy], np.float32)
            break
    if quad is None:  # the widest margin alone runs off
        side = int(np.argmax(allowed))
        scale = min(fw * 0.99 / w, fh * 0.99 / h)
        quad = _rect(w, h) * scale + np.array([(fw - w * scale) / 2, (fh - h * scale) / 2], np.float32)
        shift = allowed[side] * 0.8 * (w if side < 2 else h) * scale
        quad[:, 0 if side < 2 else 1] += shift * (-1 if side in (0, 2) else 1)
    ink = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    for attempt in range(6):
        leaned = quad + np.array([[rng.uniform(-0.012, 0.012) * fw, rng.uniform(-0.01, 0.01) * fh] for _ in range(4)])
        matrix = cv2.getPerspectiveTransform(_rect(w, h), leaned.astype(np.float32))
        if attempt < 5 and _inside(_apply(matrix, ink), frame, 0.004):
            return leaned.astype(np.float32)
    return quad.astype(np.float32)


# ---- Curl: the sheet bent like a cylinder --------------------------------------------------------------------------


@dataclass(frozen=True)
class Curl:
    """How the sheet bends, in page pixels: ``sag`` bows every line across the width (a sheet sagging or bulging
    between two points), ``lift`` raises one side off the table (lines rise and squeeze towards that side)."""

    kind: str
    width: int
    height: int
    amount: float  # sag: bow at mid-width, fraction of the height (signed); lift: rise at the edge, same
    side: int = 1  # lift: 1 the right side, -1 the left
    start: float = 0.7  # lift: where the lifted zone starts, fraction of the width from the other side
    squeeze: float = 0.0  # lift: how much the lifted side comes in, fraction of the width
    fan: float = 0.0  # lift: how much the lifted side grows (it is nearer the camera)
    light: float = 0.0  # shading strength

    def _lifted(self, u: Array) -> Array:
        """0 on the flat part, rising to 1 at the lifted edge."""
        along = u if self.side > 0 else self.width - u
        return np.clip((along - self.start * self.width) / ((1 - self.start) * self.width), 0, 1)

    def forward(self, u: Array, v: Array) -> tuple[Array, Array]:
        """Where a flat page point lands on the bent sheet (still in page pixels)."""
        if self.kind == "sag":
            across = 2 * u / self.width - 1
            return u, v + self.amount * self.height * (1 - across**2)
        t2 = self._lifted(u) ** 2
        squeezed = u - self.side * self.squeeze * self.width * t2
        return squeezed, v + t2 * (self.amount * self.height + self.fan * (v - self.height / 2))

    def inverse(self, x: Array, y: Array) -> tuple[Array, Array]:
        """The flat page point that lands on (x, y): what the remap samples."""
        if self.kind == "sag":
            across = 2 * x / self.width - 1
            return x, y - self.amount * self.height * (1 - across**2)
        grid = np.linspace(-0.05 * self.width, 1.05 * self.width, 4096, dtype=np.float32)
        landed, _ = self.forward(grid, np.zeros_like(grid))
        order = np.argsort(landed)
        u = np.interp(x.ravel(), landed[order], grid[order]).astype(np.float32).reshape(x.shape)
        t2 = self._lifted(u) ** 2
        v = (y - t2 * (self.amount * self.height - self.fan * self.height / 2)) / (1 + self.fan * t2)
        return u, v

    def shading(self) -> Array:
        """Light across the width (a row to multiply the page by): it follows the bend."""
        u = np.arange(self.width, dtype=np.float32)
        if self.kind == "sag":
            slope = -(2 * u / self.width - 1) * math.copysign(1, self.amount)
            return 1 + self.light * slope
        return 1 + self.light * self._lifted(u) ** 2


def draw_curl(rng: random.Random, size: tuple[int, int]) -> Curl:
    """A bow of 1-4 % of the page height across the width, or one side lifted off the table."""
    w, h = size
    if rng.random() < 0.55:
        amount = rng.uniform(0.01, 0.04) * rng.choice((-1, 1))
        return Curl("sag", w, h, amount, light=rng.uniform(0.04, 0.12))
    return Curl(
        "lift",
        w,
        h,
        amount=rng.uniform(0.01, 0.035) * rng.choice((-1, 1)),
        side=rng.choice((-1, 1)),
        start=rng.uniform(0.6, 0.8),
        squeeze=rng.uniform(0.005, 0.03),
        fan=rng.uniform(0.0, 0.04),
        light=rng.choice((rng.uniform(-0.3, -0.08), rng.uniform(0.05, 0.12))),
    )


def _lay_curled(
    rgb: Array, curl: Curl, quad: Array, frame: tuple[int, int], rng: random.Random
) -> tuple[Array, Array, Array]:
    """The curled sheet in the frame; the quad shrinks until the bent outline fits."""
    w, h = curl.width, curl.height
    outline = _outline(w, h)
    bent = np.stack(curl.forward(outline[:, 0].astype(np.float32), outline[:, 1].astype(np.float32)), 1)
    for _ in range(8):
        matrix = cv2.getPerspectiveTransform(_rect(w, h), quad)
        landed = _apply(matrix, bent)
        if _inside(landed, frame, 0.01):
            break
        quad = _scaled(quad, 0.95)
    box = _box_of(landed, frame)
    xs, ys = _frame_grid(box)
    x, y = _unproject(matrix, xs, ys)
    maps = curl.inverse(x, y)
    layer, alpha = _lay_mapped(rgb, (maps[0].astype(np.float32), maps[1].astype(np.float32)), box, frame)
    return layer, alpha, quad


# ---- Fold: tri-folded, then opened ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """One third of a folded sheet: its rows of the page and the homography that lays them in the frame."""

    top: float
    bottom: float
    matrix: Array


def _turned(points: Array, pivot: Array, degrees: float, stretch: float) -> Array:
    angle = math.radians(degrees)
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    return ((points - pivot) * stretch) @ rot.T + pivot


def blank_row_near(gray: Array, y: float, reach: float) -> float:
    """The middle of the widest run of ink-free rows within ``reach`` of ``y`` (``y`` itself when there is none).

    The panels of a folded page meet along the crease with a sliver between them; across a printed line it would
    take the top of the letters away, which a real crease never does.
    """
    top, bottom = max(0, round(y - reach)), min(gray.shape[0], round(y + reach))
    blank = ~(gray[top:bottom] < 160).any(axis=1)
    best, start, run = None, 0, 0
    for i, free in enumerate([*blank, False]):
        if free:
            start, run = (i, run + 1) if run == 0 else (start, run + 1)
            continue
        if run and (best is None or run > best[1]):
            best = (start, run)
        run = 0
    return y if best is None else top + best[0] + best[1] / 2


def fold_panels(
    rng: random.Random, page_size: tuple[int, int], frame: tuple[int, int], gray: Array | None = None
) -> tuple[list[Panel], tuple[float, float]]:
    """Three panels of a letter folded in three for its envelope and opened on the table.

    The middle panel lies flat; the top and bottom ones pivot about their crease by 1-3° (their side edges kink
    at the creases) and lean towards or away from the camera (a few % longer or shorter); one of them may be
    raised, its text shifted a few pixels along the crease. With the page (``gray``), each crease falls between
    printed lines, within 3 % of the page's height of where it was drawn.
    """
    w, h = page_size
    creases = (h * (1 / 3 + rng.uniform(-0.015, 0.015)), h * (2 / 3 + rng.uniform(-0.015, 0.015)))
    if gray is not None:
        creases = (blank_row_near(gray, creases[0], 0.03 * h), blank_row_near(gray, creases[1], 0.03 * h))
    quad = _scaled(degrade.page_quad(rng, page_size, frame), 0.9)
    for _ in range(8):
        flat = cv2.getPerspectiveTransform(_rect(w, h), quad)
        rows = (0.0, creases[0], creases[1], float(h))
        edges = [_apply(flat, np.array([[0, r], [w, r]])) for r in rows]  # left and right ends of each line
        top_edge = _turned(edges[0], edges[1].mean(axis=0), rng.uniform(1, 3) * rng.choice((-1, 1)), 1)
        top_edge = edges[1] + (top_edge - edges[1]) * rng.uniform(0.97, 1.03)
        bottom_edge = _turned(edges[3], edges[2].mean(axis=0), rng.uniform(1, 3) * rng.choice((-1, 1)), 1)
        bottom_edge = edges[2] + (bottom_edge - edges[2]) * rng.uniform(0.97, 1.03)
        along = (edges[1][1] - edges[1][0]) / np.linalg.norm(edges[1][1] - edges[1][0])
        raised = [np.zeros(2), np.zeros(2), np.zeros(2)]
        if rng.random() < 0.6:
            raised[rng.choice((0, 2))] = along * rng.uniform(2, 6) * rng.choice((-1, 1))
        quads = [
            np.concatenate([top_edge, edges[1][::-1]]) + raised[0],
            np.concatenate([edges[1], edges[2][::-1]]),
            np.concatenate([edges[2], bottom_edge[::-1]]) + raised[2],
        ]
        if all(_inside(q, frame, 0.01) for q in quads):
            break
        quad = _scaled(quad, 0.95)
    panels = [
        Panel(r0, r1, cv2.getPerspectiveTransform(_rect(w, r1, r0), q.astype(np.float32)))
        for r0, r1, q in zip(rows[:-1], rows[1:], quads, strict=True)
    ]
    return panels, creases


def _lay_folded(rgb: Array, panels: list[Panel], frame: tuple[int, int]) -> tuple[Array, Array]:
    """Each frame pixel takes its page point from the panel it falls in (gaps at a raised crease stay bare)."""
    w = rgb.shape[1]
    corners = np.concatenate([_apply(p.matrix, _rect(w, p.bottom, p.top)) for p in panels])
    box = _box_of(corners, frame)
    xs, ys = _frame_grid(box)
    map_x = np.full((box[3] - box[1], box[2] - box[0]), -100, np.float32)
    map_y = map_x.copy()
    for i, panel in enumerate(panels):
        u, v = _unproject(panel.matrix, xs, ys)
        top = panel.top - (2 if i == 0 else 0)
        bottom = panel.bottom + (2 if i == len(panels) - 1 else 0)
        here = (v >= top) & (v < bottom) & (u >= -2) & (u <= w + 2)
        map_x[here], map_y[here] = u[here], v[here]
    return _lay_mapped(rgb, (map_x, map_y), box, frame)


def crease_shading(gray: Array, rng: random.Random, creases: Sequence[float]) -> Array:
    """Each panel lit a little differently, and at each crease a thin shadow beside a highlight (valley or
    mountain fold)."""
    h = gray.shape[0]
    rows = np.arange(h, dtype=np.float32)
    factor = np.ones(h, np.float32)
    for crease in creases:
        factor[rows > crease] *= 1 + rng.uniform(-0.06, 0.06)
        width = rng.uniform(3, 8)
        side = rng.choice((-1, 1))
        factor *= 1 - rng.uniform(0.08, 0.2) * np.exp(-(((rows - crease) / width) ** 2))
        factor *= 1 + rng.uniform(0.03, 0.08) * np.exp(-(((rows - crease - side * 2.5 * width) / (2 * width)) ** 2))
    return np.clip(gray.astype(np.float32) * factor[:, None], 0, 255).astype(np.uint8)


# ---- Envelope: a page on a page ----------------------------------------------------------------------------------

PAPER_TONES = ((0.97, 0.95, 0.88), (0.99, 0.98, 0.95), (0.95, 0.96, 0.98), (0.98, 0.96, 0.91), (0.96, 0.93, 0.86))


def _envelope(
    rng: random.Random, nrng: np.random.Generator, page: Array, size: tuple[int, int], frame: tuple[int, int]
) -> tuple[Array, Array]:
    """An envelope bigger than the letter, or another sheet offset from under it, on the same table plane as the
    page (``page``: its page-to-frame homography); at least two of its corners are in the frame."""
    w, h = size
    envelope = rng.random() < 0.5
    for attempt in range(30):
        if envelope:  # a C4 envelope (229 x 324 mm) under an A4 letter (210 x 297 mm)
            ew, eh = w * rng.uniform(1.06, 1.15), h * rng.uniform(1.05, 1.12)
            centre = (w / 2 + rng.uniform(-0.12, 0.12) * w, h / 2 + rng.uniform(-0.1, 0.1) * h)
            angle = rng.uniform(-6, 6)
        else:  # another sheet of the same size, peeking out from under the letter
            ew, eh = w * rng.uniform(0.98, 1.02), h * rng.uniform(0.98, 1.02)
            centre = (
                w / 2 + rng.choice((-1, 1)) * rng.uniform(0.08, 0.3) * w,
                h / 2 + rng.choice((-1, 1)) * rng.uniform(0.05, 0.25) * h,
            )
            angle = rng.uniform(-10, 10)
        corners = _turned(_rect(ew, eh).astype(np.float64) - [ew / 2, eh / 2], np.zeros(2), angle, 1) + centre
        quad = _apply(page, corners).astype(np.float32)
        fw, fh = frame
        inside = sum(0.01 * fw < x < 0.99 * fw and 0.01 * fh < y < 0.99 * fh for x, y in quad)
        if inside >= 2 or attempt == 29:
            break
    tw, th = max(8, round(ew / 4)), max(8, round(eh / 4))
    tone = np.array(rng.choice(PAPER_TONES), np.float32) * rng.uniform(0.95, 1.0)
    shade = 1 + 0.012 * nrng.standard_normal((th, tw)).astype(np.float32)
    shade += 0.02 * degrade.smooth_noise(nrng, (th, tw), 60)
    if envelope and rng.random() < 0.7:  # the flap's folds, seen from the back
        flap = np.zeros((th, tw), np.float32)
        tip = (tw // 2, round(th * rng.uniform(0.35, 0.5)))
        cv2.polylines(flap, [np.array([(0, 0), tip, (tw - 1, 0)], np.int32)], False, 1.0, 2, cv2.LINE_AA)
        shade -= 0.06 * cv2.GaussianBlur(flap, (0, 0), 1.0)
    rgb = np.clip(tone * shade[..., None] * 255, 0, 255).astype(np.uint8)
    return _lay_flat(rgb, cv2.getPerspectiveTransform(_rect(tw, th), quad), frame)


# ---- Hand: holding a corner or an edge ------------------------------------------------------------------------------

SKINS = ((0.93, 0.75, 0.64), (0.86, 0.66, 0.52), (0.76, 0.55, 0.42), (0.58, 0.40, 0.29), (0.42, 0.28, 0.20))


def _capsule(start: Array, direction: Array, length: float, width: float) -> Array:
    """A rounded rectangle (a finger) from ``start`` along ``direction``: a polygon."""
    normal = np.array([-direction[1], direction[0]])
    tip = start + direction * (length - width / 2)
    arc = [tip + width / 2 * (math.cos(a) * direction + math.sin(a) * normal) for a in np.linspace(-1.57, 1.57, 12)]
    return np.array([start - normal * width / 2, *arc, start + normal * width / 2])


def hand_outline(rng: random.Random) -> tuple[list[Array], list[Array], float]:
    """A hand in millimetres, fingers pointing along +x and their tips at x = 0: an ellipse palm, four rounded
    fingers (held, so a little curled: shorter), maybe a thumb, and the wrist running back; plus the nails.

    Returns the skin polygons, the nail polygons and the width of a finger (mm).
    """
    size = rng.uniform(0.88, 1.1)
    palm_a, palm_b = rng.uniform(45, 55) * size, rng.uniform(40, 46) * size
    spread = rng.uniform(2, 6)
    curl = rng.uniform(0.72, 1.0)
    fingers = ((-27, 70, 17), (-9, 78, 18), (9, 73, 17), (26, 58, 15))  # across, length, width: index to little
    side = rng.choice((-1, 1))  # which side the thumb is on (left or right hand)
    skin, nails = [], []
    longest = max(length for _, length, _ in fingers) * size * curl
    for i, (across, long, wide) in enumerate(fingers):
        angle = math.radians(spread * (i - 1.5) * side)
        direction = np.array([math.cos(angle), math.sin(angle)])
        length, width = long * size * curl, wide * size
        start = np.array([-longest - 8, across * size * side])
        skin.append(_capsule(start, direction, length + 8, width))
        tip = start + direction * (length + 8 - width * 0.45)
        normal = np.array([-direction[1], direction[0]])
        turns = np.linspace(0, 2 * math.pi, 16)
        nails.append(
            np.array([tip + width * (0.4 * math.cos(a) * direction + 0.28 * math.sin(a) * normal) for a in turns])
        )
    centre = np.array([-longest - palm_a * 0.75, 0.0])
    palm = [centre + np.array([palm_a * math.cos(a), palm_b * math.sin(a)]) for a in np.linspace(0, 2 * math.pi, 40)]
    skin.append(np.array(palm))
    wrist = rng.uniform(27, 32) * size
    back = centre[0] - palm_a * 0.5
    skin.append(np.array([[back, -wrist], [back - 400, -wrist * 1.15], [back - 400, wrist * 1.15], [back, wrist]]))
    if rng.random() < 0.6:
        angle = math.radians(rng.uniform(40, 65)) * side
        direction = np.array([math.cos(angle), math.sin(angle)])
        start = centre + np.array([palm_a * 0.3, side * palm_b * 0.7])
        skin.append(_capsule(start, direction, rng.uniform(50, 62) * size, 21 * size))
    return skin, nails, 17 * size


def _ray_to_box(origin: Array, direction: Array, box: tuple[float, float, float, float]) -> float:
    """How far along ``direction`` from ``origin`` the box starts (inf when the ray misses it)."""
    low, high = np.array(box[:2], float), np.array(box[2:], float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1, t2 = (low - origin) / direction, (high - origin) / direction
    near = np.nanmax(np.minimum(t1, t2))
    far = np.nanmin(np.maximum(t1, t2))
    return float(near) if far >= max(near, 0) else math.inf


def _anchor(rng: random.Random, where: str, size: tuple[int, int]) -> tuple[Array, Array]:
    """A point of the page's outline and the direction into the page (a little askew) for a hand at ``where``."""
    w, h = size
    anchors = {
        "top_left": ((0, 0), (1, 1)),
        "top_right": ((w, 0), (-1, 1)),
        "bottom_right": ((w, h), (-1, -1)),
        "bottom_left": ((0, h), (1, -1)),
        "left": ((0, rng.uniform(0.25, 0.75) * h), (1, 0)),
        "right": ((w, rng.uniform(0.25, 0.75) * h), (-1, 0)),
        "top": ((rng.uniform(0.25, 0.75) * w, 0), (0, 1)),
        "bottom": ((rng.uniform(0.25, 0.75) * w, h), (0, -1)),
    }
    point, inward = anchors[where]
    angle = math.atan2(inward[1], inward[0]) + math.radians(rng.uniform(-18, 18))
    return np.array(point, float), np.array([math.cos(angle), math.sin(angle)])


def _touches(polygons: list[Array], box: tuple[float, float, float, float]) -> bool:
    """Whether any polygon covers part of ``box`` (checked at 1/8 resolution)."""
    shape = (max(1, round((box[3] - box[1]) / 8)), max(1, round((box[2] - box[0]) / 8)))
    canvas = np.zeros(shape, np.uint8)
    cv2.fillPoly(canvas, [np.round((p - box[:2]) / 8).astype(np.int32) for p in polygons], 1)
    return bool(canvas.any())


def place_hand(
    rng: random.Random, size: tuple[int, int], box: tuple[int, int, int, int]
) -> tuple[list[Array], list[Array], float]:
    """The hand's polygons in page pixels: holding a corner or an edge, fingertips on the margin, never on the
    text (the ink's ``box`` grown by 2 mm); a finger may cover the page's edge."""
    per_mm = size[0] / 210
    skin_mm, nails_mm, finger = hand_outline(rng)
    places = ["top_left", "top_right", "bottom_right", "bottom_left", "left", "right", "top", "bottom"]
    rng.shuffle(places)
    grown = (box[0] - 2 * per_mm, box[1] - 2 * per_mm, box[2] + 2 * per_mm, box[3] + 2 * per_mm)
    for where in places:  # the first place where the fingertips can rest on the margin
        anchor, inward = _anchor(rng, where, size)
        reach = min(_ray_to_box(anchor, inward, grown), 40 * per_mm)
        depth = rng.uniform(0.3, 0.75) * reach
        rot = np.array([[inward[0], -inward[1]], [inward[1], inward[0]]])
        for step in range(400):  # back off from the text, 2 mm at a time
            back = step * 2 * per_mm
            origin = anchor + inward * (depth - back)
            skin = [origin + (p * per_mm) @ rot.T for p in skin_mm]
            if not _touches(skin, grown):
                break
        if back < depth - 2 * per_mm:
            break
    nails = [origin + (p * per_mm) @ rot.T for p in nails_mm]
    return skin, nails, finger * per_mm


def _add_hand(
    picture: Array,
    rng: random.Random,
    nrng: np.random.Generator,
    page: Array,
    size: tuple[int, int],
    box: tuple[int, int, int, int],
) -> Array:
    """A hand holding the page (``page``: its page-to-frame homography), with soft edges, rounded shading,
    nails, and its shadow on the page and table."""
    skin, nails, finger = place_hand(rng, size, box)
    fh, fw = picture.shape[:2]
    half = (fh // 2, fw // 2)
    mask = np.zeros(half, np.uint8)
    nail_mask = np.zeros(half, np.uint8)
    for polygon in skin:
        cv2.fillPoly(mask, [np.round(_apply(page, polygon) / 2).astype(np.int32)], 255, cv2.LINE_AA)
    for polygon in nails:
        cv2.fillPoly(nail_mask, [np.round(_apply(page, polygon) / 2).astype(np.int32)], 255, cv2.LINE_AA)
    finger_px = (
        finger
        * float(np.linalg.norm(_apply(page, np.array([[0, 0], [1, 0]]))[1] - _apply(page, np.zeros((1, 2)))[0]))
        / 2
    )
    distance = cv2.distanceTransform((mask > 127).astype(np.uint8), cv2.DIST_L2, 5)
    shade = 0.7 + 0.3 * np.sqrt(np.clip(distance / max(finger_px * 0.45, 1), 0, 1))
    shade *= 1 + 0.05 * degrade.smooth_noise(nrng, half, 80)
    xs = np.linspace(-1, 1, half[1], dtype=np.float32)[None, :]
    ys = np.linspace(-1, 1, half[0], dtype=np.float32)[:, None]
    shade *= 1 + rng.uniform(-0.08, 0.08) * xs + rng.uniform(-0.08, 0.08) * ys
    skin_rgb = np.array(rng.choice(SKINS), np.float32) * rng.uniform(0.92, 1.05)
    colour = shade[..., None] * skin_rgb
    nail_alpha = cv2.GaussianBlur(nail_mask.astype(np.float32) / 255, (0, 0), 1.0)[..., None] * 0.45
    colour = colour * (1 - nail_alpha) + nail_alpha * np.minimum(1.0, skin_rgb * 1.12 + 0.06) * shade[..., None]
    alpha = cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), rng.uniform(0.8, 2.0))
    shadow = cv2.warpAffine(
        alpha, np.array([[1, 0, rng.uniform(-40, 40)], [0, 1, rng.uniform(15, 60)]], np.float32), half[::-1]
    )
    shadow = cv2.GaussianBlur(shadow, (0, 0), rng.uniform(12, 30))
    full = (fw, fh)
    shadow = cv2.resize(shadow, full, interpolation=cv2.INTER_LINEAR)
    out = (picture * (1 - rng.uniform(0.3, 0.5) * shadow)[..., None]).astype(np.uint8)
    layer = cv2.resize(np.clip(colour * 255, 0, 255).astype(np.uint8), full, interpolation=cv2.INTER_LINEAR)
    return _blend(out, layer, cv2.resize(alpha, full, interpolation=cv2.INTER_LINEAR))


# ---- The whole photo ------------------------------------------------------------------------------------------------


def _dim(picture: Array, rng: random.Random) -> Array:
    """A dim room under a warm bulb: exposure 0.35-0.6, red up, blue well down."""
    gains = np.array([rng.uniform(1.0, 1.06), rng.uniform(0.88, 0.95), rng.uniform(0.66, 0.8)], np.float32)
    return np.clip(picture.astype(np.float32) * gains * rng.uniform(0.35, 0.6), 0, 255).astype(np.uint8)


def hard_photo(page: Image.Image, rng: random.Random, storage: Storage, case: str) -> Photo:
    """A phone photo of the page (rendered at 300 dpi) in one of the hard ``PHOTO_CASES``; about 3000×4000 px.

    The light, blur and noise are ``degrade.phone_photo``'s (``low_light`` adds its own dimming, motion blur and
    stronger noise); every case keeps the whole text in the frame and uncovered.
    """
    if case not in PHOTO_CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {PHOTO_CASES}")
    nrng = degrade.numpy_rng(rng)
    gray = np.asarray(page.convert("L"))
    h, w = gray.shape
    frame = (3000, 4000) if case == "fills_frame" or rng.random() < 0.8 else (4000, 3000)
    table = _table(case, rng, nrng, frame)
    paper = rng.uniform(0.93, 1.0)
    tint = (paper, paper * rng.uniform(0.98, 1.0), paper * rng.uniform(0.94, 1.0))
    box = ink_box(gray)
    if case == "fold":
        panels, creases = fold_panels(rng, (w, h), frame, gray)
        layer, alpha = _lay_folded(_tinted(crease_shading(gray, rng, creases), tint), panels, frame)
        matrix = panels[1].matrix
    elif case == "curl":
        curl = draw_curl(rng, (w, h))
        shaded = np.clip(gray * curl.shading()[None, :], 0, 255).astype(np.uint8)
        quad = _scaled(degrade.page_quad(rng, (w, h), frame), 0.94)
        layer, alpha, quad = _lay_curled(_tinted(shaded, tint), curl, quad, frame, rng)
        matrix = cv2.getPerspectiveTransform(_rect(w, h), quad)
    else:
        if case == "fills_frame":
            quad = fills_frame_quad(rng, (w, h), frame, box)
        else:
            quad = degrade.page_quad(rng, (w, h), frame)
            if case in ("envelope", "hand"):  # room for the envelope or the hand
                centre = np.array(frame, np.float32) / 2
                quad = _scaled(quad, rng.uniform(0.72, 0.85) if case == "envelope" else 0.9, centre)
        matrix = cv2.getPerspectiveTransform(_rect(w, h), quad)
        layer, alpha = _lay_flat(_tinted(gray, tint), matrix, frame)
    if case == "envelope":
        under, cover = _envelope(rng, nrng, matrix, (w, h), frame)
        table = _blend(_shadow(table, cover, rng), under, cover)
        table = _shadow(table, alpha, rng, (0.08, 0.2))
    else:
        table = _shadow(table, alpha, rng)
    picture = _blend(table, layer, alpha)
    if case == "hand":
        picture = _add_hand(picture, rng, nrng, matrix, (w, h), box)
    picture = degrade._light(picture, rng)
    if case == "low_light":
        picture = _dim(picture, rng)
        steps: list[A.BasicTransform] = [
            A.MotionBlur(blur_limit=(5, 11), p=1.0),
            A.GaussianBlur(sigma_limit=(0.5, 1.0), blur_limit=0, p=1.0),
            A.GaussNoise(std_range=(0.05, 0.1), per_channel=True, noise_scale_factor=0.5, p=1.0),
        ]
        quality = rng.randint(60, 75)
    else:
        steps = [
            A.GaussianBlur(sigma_limit=(0.6, 1.5), blur_limit=0, p=1.0),
            A.GaussNoise(std_range=(0.008, 0.02), per_channel=True, noise_scale_factor=0.5, p=1.0),
        ]
        quality = 80 if storage.heic else rng.randint(75, 85)
    picture = degrade._augment(picture, rng, steps)
    return Photo(
        image=degrade.turn(Image.fromarray(picture, "RGB"), storage.rotation),
        rotation=storage.rotation,
        exif_orientation=storage.exif_orientation,
        format="heic" if storage.heic else "jpg",
        quality=quality,
    )


# ---- Screenshots: where the numbers are printed ------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page, in points from the top-left corner (pdfplumber's ``x0, top, x1, bottom``)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0), min(self.top, other.top), max(self.x1, other.x1), max(self.bottom, other.bottom)
        )

    def grown(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x0 - dx, self.top - dy, self.x1 + dx, self.bottom + dy)

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.top < other.bottom and other.top < self.bottom

    def contains(self, other: Box) -> bool:
        return self.x0 <= other.x0 and self.top <= other.top and other.x1 <= self.x1 and other.bottom <= self.bottom


@dataclass(frozen=True)
class Word:
    text: str
    box: Box


def _union(boxes: Sequence[Box]) -> Box:
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


def page_words(pdf: Path) -> tuple[list[list[Word]], list[tuple[float, float]]]:
    """Every page's words with their boxes (the PDF's text layer), and the pages' sizes in points."""
    with pdfplumber.open(pdf) as document:
        words = [
            [Word(w["text"], Box(w["x0"], w["top"], w["x1"], w["bottom"])) for w in page.extract_words()]
            for page in document.pages
        ]
        sizes = [(float(page.width), float(page.height)) for page in document.pages]
    return words, sizes


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def find_number(words: Sequence[Word], value: str) -> list[list[Box]]:
    """Where ``value`` is printed on a page: the boxes of the consecutive words whose digits (and letters, for
    2A/2B) spell it, however it is grouped ("1 85 05 78 006 084 36", one box per character, dots, "clé", a slash
    before the key), or its first 13 characters when the key is left out; on one line or wrapped onto the next."""
    target = _alnum(value)
    owner: list[int] = []
    pieces = []
    for i, word in enumerate(words):
        piece = _alnum(re.sub(r"(?i)cl[ée]", "", word.text))  # "clé 36": the key's label is no part of it
        pieces.append(piece)
        owner.extend([i] * len(piece))
    joined = "".join(pieces)
    found: list[list[Box]] = []
    starts: set[int] = set()
    for key in dict.fromkeys((target, target[:13])):
        if len(key) < 13:
            continue
        for match in re.finditer(f"(?={re.escape(key)})", joined):
            if match.start() in starts:
                continue
            boxes = [words[i].box for i in sorted(set(owner[match.start() : match.start() + len(key)]))]
            line = max(b.height for b in boxes)
            if max(b.top for b in boxes) - min(b.top for b in boxes) <= 2.6 * line:
                starts.add(match.start())
                found.append(boxes)
    return found


STATUS_WORDS = {"definitif": r"d[ée]finiti", "provisoire": r"provisoire|temporaire|attente"}
"""What a letter's words say of a number, as printed (lower case)."""


def _gap(a: Box, b: Box) -> float:
    """How far apart two boxes are, a line down counting three times a point across."""
    dx = max(0.0, a.x0 - b.x1, b.x0 - a.x1)
    dy = max(0.0, a.top - b.bottom, b.top - a.bottom)
    return dx + 3 * dy


def _status_box(words: Sequence[Word], status: object, near: Box) -> Box | None:
    """The status word ("définitif", "provisoire"...) nearest to ``near``; None when the page has none."""
    pattern = STATUS_WORDS.get(str(status))
    if pattern is None:
        return None
    boxes = [w.box for w in words if re.search(pattern, w.text.lower())]
    return min(boxes, key=lambda b: _gap(b, near)) if boxes else None


def old_number(truth: Mapping[str, object]) -> str | None:
    """The older number a letter quotes besides its current one (the provisional number it replaces), if any.

    ``old_nir`` when the family gives it; else a number whose role says old/previous ("old", "ancien"...), or,
    for numbers without a role, a provisional one in a letter whose number is now definitive.
    """
    nir = truth.get("nir")
    old = truth.get("old_nir")
    if isinstance(old, str) and old and old != nir:
        return old
    numbers = truth.get("numbers")
    for number in numbers if isinstance(numbers, list) else []:
        if not isinstance(number, Mapping) or not number.get("value") or number.get("value") == nir:
            continue
        if "role" in number:
            if re.search(r"old|ancien|previous|former|replaced|remplac", str(number.get("role")).lower()):
                return str(number["value"])
        elif number.get("status") == "provisoire" and truth.get("nir_status") == "definitif":
            return str(number["value"])
    return None


def _same_line(a: Box, b: Box) -> bool:
    return abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 0.5 * max(a.height, b.height)


def _label(words: Sequence[Word], number: Box, forbidden: Sequence[Box]) -> Box:
    """``number`` with the words before it on its line (up to 160 pt: "Votre numéro provisoire", "Ancien
    numéro :") and a status word just after it, stopping short of anything ``forbidden``."""
    blocked = [f for f in forbidden if _same_line(f, number)]
    left = max([number.x0 - 160, *(f.x1 + 4 for f in blocked if f.x1 <= number.x0)])
    right = min([number.x1 + 120, *(f.x0 - 4 for f in blocked if f.x0 >= number.x1)])
    box = number
    for word in words:
        b = word.box
        if not _same_line(b, number) or any(b.overlaps(f) for f in forbidden):
            continue
        before = b.x1 <= number.x0 + 1 and b.x0 >= left
        status = re.search(r"provisoire|d[ée]finiti|ancien", word.text.lower())
        if before or (b.x0 >= number.x1 - 1 and b.x1 <= right and status):
            box = box.union(b)
    return box


# ---- Screenshots: the screen -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Device:
    """A phone or tablet: its screen in pixels, pixels per point, and whose system draws the bars."""

    name: str
    size: tuple[int, int]
    scale: float
    ios: bool


DEVICES = (
    Device("android", (1080, 2340), 2.75, False),
    Device("iphone", (1170, 2532), 3.0, True),
    Device("tablet", (1640, 2360), 2.0, True),
)
FILE_NAMES = (
    "Courrier.pdf",
    "courrier_ameli.pdf",
    "Document CPAM.pdf",
    "Mon courrier.pdf",
    "courrier-assurance-maladie.pdf",
    "document.pdf",
    "Scan.pdf",
    "CPAM courrier.pdf",
    "attestation.pdf",
)
APP_TITLES = ("Mes courriers", "Mes documents", "Courrier", "Ma messagerie", "Document")
AMELI_BLUES = ((12, 65, 154), (0, 84, 164), (27, 90, 178), (0, 62, 138))
SUPERSAMPLE = 3
"""Bars and icons are drawn three times larger and scaled down: smooth edges, as a phone draws them."""
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def draw_device(rng: random.Random) -> Device:
    """Phones mostly (Android and iPhone alike), a tablet one time in ten."""
    draw = rng.random()
    return DEVICES[0] if draw < 0.45 else DEVICES[1] if draw < 0.9 else DEVICES[2]


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Layout:
    """Where the bars and the content go on the screen, in pixels (``content`` is top..bottom)."""

    device: Device
    status: int
    toolbar: int
    bottom: int
    home: bool  # iOS's home indicator over the content's foot
    margin: int  # between the screen's sides and the page fitted to the width
    sheet: int = 0  # a share sheet over the screen's foot (and the bottom bar), this many pixels high

    @property
    def top(self) -> int:
        return self.status + self.toolbar

    @property
    def content_height(self) -> int:
        return self.device.size[1] - self.top - (self.sheet or self.bottom)

    @property
    def fitted(self) -> int:
        """The width of a page fitted to the screen's width."""
        return self.device.size[0] - 2 * self.margin


def draw_layout(
    rng: random.Random, device: Device, *, toolbar: bool = True, app: bool = False, foot: bool = False
) -> Layout:
    """The bars of a viewer (or of the app): a toolbar unless hidden, a bar at the foot when ``foot`` or drawn so
    (otherwise iOS floats its home indicator over the content)."""
    k = device.scale
    status = round((24 if device.name == "tablet" else 47 if device.ios else 28) * k)
    bar = round((50 if app else 44) * k) if device.ios else round(56 * k)
    if device.ios:
        bottom = round((49 + 34) * k) if app or foot or rng.random() < 0.4 else 0
    else:
        bottom = round((56 if app else 0) * k) + (round(48 * k) if rng.random() < 0.5 else round(16 * k))
    margin = 0 if app and rng.random() < 0.5 else round(rng.uniform(4, 14) * k)
    return Layout(device, status, bar if toolbar else 0, bottom, device.ios and bottom < 40 * k, margin)


def _strip(
    width: int, height: int, background: Colour, paint: Callable[[ImageDraw.ImageDraw, float], None]
) -> Image.Image:
    """A bar ``height`` pixels high, painted at ``SUPERSAMPLE`` times the size; ``paint`` gets the drawing and the
    number of (supersampled) pixels per pixel."""
    big = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), background)
    paint(ImageDraw.Draw(big), SUPERSAMPLE)
    return big.resize((width, height), Image.Resampling.LANCZOS)


def _status_bar(layout: Layout, background: Colour, ink: Colour, rng: random.Random) -> Image.Image:
    """The phone's status bar: the time, then signal, Wi-Fi and battery drawn as shapes."""
    device = layout.device
    w, k = device.size[0], device.scale
    battery = rng.uniform(0.2, 1.0)

    def paint(d: ImageDraw.ImageDraw, s: float) -> None:
        u = k * s  # pixels per point, supersampled
        mid = layout.status * s * (0.55 if device.ios and device.name != "tablet" else 0.5)
        font = _font(round((17 if device.ios else 14) * u), bold=device.ios)
        x = (40 if device.ios and device.name != "tablet" else 16) * u
        d.text((x, mid), "09:41", font=font, fill=ink, anchor="lm")
        right = w * s - (22 if device.ios else 14) * u
        body = (right - 25 * u, mid - 6 * u, right - 2 * u, mid + 6 * u)
        d.rounded_rectangle(body, radius=3.5 * u, outline=ink, width=max(1, round(1.2 * u)))
        d.rectangle((right - 1.5 * u, mid - 2.5 * u, right, mid + 2.5 * u), fill=ink)
        d.rounded_rectangle(
            (
                body[0] + 2 * u,
                body[1] + 2 * u,
                body[0] + 2 * u + (body[2] - body[0] - 4 * u) * battery,
                body[3] - 2 * u,
            ),
            radius=1.5 * u,
            fill=ink,
        )
        wifi = right - 40 * u
        for i, radius in enumerate((4.0, 8.0, 12.0)):
            box = (wifi - radius * u, mid + 5 * u - radius * u, wifi + radius * u, mid + 5 * u + radius * u)
            if i == 0:
                d.pieslice(box, 225, 315, fill=ink)
            else:
                d.arc(box, 225, 315, fill=ink, width=round(2.2 * u))
        bars = wifi - 34 * u
        for i in range(4):
            x0 = bars + i * 5 * u
            height = (4 + 2.6 * i) * u
            d.rounded_rectangle((x0, mid + 5 * u - height, x0 + 3.2 * u, mid + 5 * u), radius=0.8 * u, fill=ink)

    return _strip(w, layout.status, background, paint)


def _toolbar(layout: Layout, background: Colour, ink: Colour, accent: Colour, title: str, app: bool) -> Image.Image:
    """A viewer's toolbar (back, the file's name, search, share, more) or the app's header (back arrow, title)."""
    device = layout.device
    w, k = device.size[0], device.scale
    hairline = tuple(max(0, c - 40) if sum(background) > 380 else min(255, c + 40) for c in background)

    def paint(d: ImageDraw.ImageDraw, s: float) -> None:
        u = k * s
        mid = layout.toolbar * s / 2
        line = max(1, round(2.2 * u))
        if app or not device.ios:  # an arrow
            d.line([(16 * u, mid), (34 * u, mid)], fill=ink, width=line)
            d.line([(16 * u, mid), (24 * u, mid - 8 * u), (16 * u, mid), (24 * u, mid + 8 * u)], fill=ink, width=line)
        else:  # a chevron
            d.line([(24 * u, mid - 10 * u), (14 * u, mid), (24 * u, mid + 10 * u)], fill=accent, width=line)
        font = _font(round((17 if device.ios else 19) * u), bold=device.ios or app)
        icons = w * s - (22 + 80 + 16) * u if not app else w * s - 16 * u  # where the icons start
        shown = title
        while len(shown) > 4 and font.getlength(shown) > icons - 56 * u:
            shown = shown[:-5] + "…"
        if device.ios and w * s / 2 + font.getlength(shown) / 2 < icons:
            d.text((w * s / 2, mid), shown, font=font, fill=ink, anchor="mm")
        else:
            d.text(((44 if device.ios else 56) * u, mid), shown, font=font, fill=ink, anchor="lm")
        if not app:
            x = w * s - 22 * u
            for i in range(3):  # more: three dots
                cx, cy = (x, mid - 6 * u + i * 6 * u) if not device.ios else (x - 6 * u + i * 6 * u, mid)
                d.ellipse((cx - 1.8 * u, cy - 1.8 * u, cx + 1.8 * u, cy + 1.8 * u), fill=accent if device.ios else ink)
            x -= 40 * u  # share: a box and an arrow out of it
            colour = accent if device.ios else ink
            d.line(
                [
                    (x - 7 * u, mid - 2 * u),
                    (x - 7 * u, mid + 9 * u),
                    (x + 7 * u, mid + 9 * u),
                    (x + 7 * u, mid - 2 * u),
                ],
                fill=colour,
                width=round(1.8 * u),
            )
            d.line([(x, mid - 11 * u), (x, mid + 3 * u)], fill=colour, width=round(1.8 * u))
            d.line(
                [(x - 4 * u, mid - 7 * u), (x, mid - 11 * u), (x + 4 * u, mid - 7 * u)],
                fill=colour,
                width=round(1.8 * u),
            )
            x -= 40 * u  # search: a lens
            d.ellipse((x - 7 * u, mid - 8 * u, x + 5 * u, mid + 4 * u), outline=colour, width=round(1.8 * u))
            d.line([(x + 3.5 * u, mid + 2.5 * u), (x + 9 * u, mid + 8 * u)], fill=colour, width=round(2.2 * u))
        if sum(background) > 380 or not app:
            d.line([(0, layout.toolbar * s - 1), (w * s, layout.toolbar * s - 1)], fill=hairline, width=round(s))

    return _strip(w, layout.toolbar, background, paint)


def _bottom_bar(layout: Layout, background: Colour, ink: Colour, accent: Colour, app: bool) -> Image.Image:
    """What is under the content: the app's tab bar, a viewer's tools, Android's navigation buttons or nothing
    but the home indicator."""
    device = layout.device
    w, k = device.size[0], device.scale
    nav = 0 if device.ios else round((48 if layout.bottom - (56 * k if app else 0) > 20 * k else 16) * k)

    def paint(d: ImageDraw.ImageDraw, s: float) -> None:
        u = k * s
        tools = layout.bottom * s - nav * s - (34 * u if device.ios else 0)
        if tools > 10 * u:
            d.line([(0, 0), (w * s, 0)], fill=tuple(max(0, c - 30) for c in background), width=round(s))
            labels = ("Accueil", "Remboursements", "Messagerie", "Profil") if app else ("", "", "", "")
            for i, label in enumerate(labels):
                cx = w * s * (i + 0.5) / 4
                colour = accent if (app and i == 2) else ink
                cy = tools * (0.38 if label else 0.5)
                d.rounded_rectangle(
                    (cx - 9 * u, cy - 9 * u, cx + 9 * u, cy + 9 * u),
                    radius=(9 if i % 2 else 4) * u,
                    outline=colour,
                    width=round(1.8 * u),
                )
                if label:
                    d.text((cx, tools * 0.78), label, font=_font(round(10 * u)), fill=colour, anchor="mm")
        if nav > 20 * k:  # back, home, recent apps
            cy = layout.bottom * s - nav * s / 2
            for i, cx in enumerate((w * s * 0.28, w * s * 0.5, w * s * 0.72)):
                if i == 0:
                    d.polygon(
                        [(cx + 6 * u, cy - 7 * u), (cx + 6 * u, cy + 7 * u), (cx - 6 * u, cy)],
                        outline=ink,
                        width=round(1.8 * u),
                    )
                elif i == 1:
                    d.ellipse((cx - 7 * u, cy - 7 * u, cx + 7 * u, cy + 7 * u), outline=ink, width=round(1.8 * u))
                else:
                    d.rectangle((cx - 6 * u, cy - 6 * u, cx + 6 * u, cy + 6 * u), outline=ink, width=round(1.8 * u))
        elif nav:  # the gesture pill
            cy = layout.bottom * s - nav * s / 2
            d.rounded_rectangle(
                (w * s / 2 - 54 * u, cy - 2 * u, w * s / 2 + 54 * u, cy + 2 * u), radius=2 * u, fill=ink
            )
        if device.ios:
            cy = layout.bottom * s - 8 * u
            d.rounded_rectangle(
                (w * s / 2 - 67 * u, cy - 2.5 * u, w * s / 2 + 67 * u, cy + 2.5 * u), radius=2.5 * u, fill=ink
            )

    return _strip(w, layout.bottom, background, paint)


def _home_indicator(screen: Image.Image, layout: Layout, ink: Colour) -> None:
    """iOS draws its home indicator over the content when nothing sits under it."""
    w, h = screen.size
    k = layout.device.scale
    d = ImageDraw.Draw(screen)
    d.rounded_rectangle((w / 2 - 67 * k, h - 10.5 * k, w / 2 + 67 * k, h - 5.5 * k), radius=2.5 * k, fill=ink)


def _pill(screen: Image.Image, text: str, centre: tuple[float, float], scale: float) -> None:
    """A page indicator ("1 / 2") on a dark translucent pill, as viewers float over the page; left out where it
    would hide any mark of the page."""
    font = _font(round(13 * scale))
    left, _, right, _ = font.getbbox(text)
    w, h = right - left + 20 * scale, 26 * scale
    under = np.asarray(
        screen.crop(
            (round(centre[0] - w / 2), round(centre[1] - h / 2), round(centre[0] + w / 2), round(centre[1] + h / 2))
        ).convert("L")
    )
    if under.size and int(under.max()) - int(under.min()) > 30:
        return
    overlay = Image.new("RGBA", screen.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    box = (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)
    d.rounded_rectangle(box, radius=h / 2, fill=(40, 40, 40, 170))
    d.text(centre, text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    screen.paste(Image.alpha_composite(screen.convert("RGBA"), overlay).convert("RGB"))


def render_view(pdf: Path, page: int, scale: float, view: Box | None, *, lcd: bool) -> Image.Image:
    """Part of a page (``view`` in points; the whole page when None) at ``scale`` pixels per point, RGB, text
    smoothed as the PDF engine does (sub-pixel when ``lcd``)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        sheet = document[page]
        pw, ph = sheet.get_size()
        crop = (0.0, 0.0, 0.0, 0.0)
        if view is not None:
            crop = (max(0.0, view.x0), max(0.0, ph - view.bottom), max(0.0, pw - view.x1), max(0.0, view.top))
        bitmap = sheet.render(scale=scale, crop=crop, optimize_mode="lcd" if lcd else None)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


def _darkened(image: Image.Image, rng: random.Random) -> Image.Image:
    """A viewer's dark mode: the page inverted, light text on dark grey."""
    ground, ink = rng.uniform(22, 45), rng.uniform(195, 235)
    lut = [round(ground + (ink - ground) * (255 - v) / 255) for v in range(256)]
    return image.point(lut * 3)


def _page_shadow(screen: Image.Image, box: tuple[int, int, int, int], scale: float, depth: float) -> None:
    """A soft shadow under a page laid on the viewer's background."""
    w, h = screen.size
    mask = np.zeros((h, w), np.float32)
    x0, y0, x1, y1 = box
    mask[max(0, y0 + round(scale)) : min(h, y1 + round(2 * scale)), max(0, x0) : min(w, x1)] = 1
    soft = cv2.GaussianBlur(mask, (0, 0), 3 * scale)
    pixels = np.asarray(screen).astype(np.float32) * (1 - depth * soft)[..., None]
    screen.paste(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB"))


@dataclass(frozen=True)
class Palette:
    """The colours of a screen: bars, their ink, the accent (buttons), the background behind the page."""

    bar: Colour
    ink: Colour
    accent: Colour
    ground: Colour
    status: Colour  # the status bar's background
    status_ink: Colour


def _palette(rng: random.Random, device: Device, *, dark: bool = False, app: bool = False) -> Palette:
    accent = (0, 122, 255) if device.ios else (26, 115, 232)
    if app:
        blue = rng.choice(AMELI_BLUES)
        return Palette(blue, (255, 255, 255), blue, (255, 255, 255), blue, (255, 255, 255))
    if dark:
        bar = rng.choice(((28, 28, 30), (33, 33, 33), (18, 18, 18)))
        ground = (rng.randint(0, 14),) * 3
        return Palette(bar, (235, 235, 235), (10, 132, 255), ground, bar, (255, 255, 255))
    bar = rng.choice(((248, 248, 248), (255, 255, 255), (242, 242, 247)))
    ground = (rng.randint(200, 236),) * 3
    return Palette(bar, (20, 20, 20), accent, ground, bar, (0, 0, 0))


def _chrome(screen: Image.Image, layout: Layout, palette: Palette, title: str, rng: random.Random, app: bool) -> None:
    """The bars over the content: status bar, toolbar or app header, what is at the foot of the screen."""
    screen.paste(_status_bar(layout, palette.status, palette.status_ink, rng), (0, 0))
    if layout.toolbar:
        screen.paste(_toolbar(layout, palette.bar, palette.ink, palette.accent, title, app), (0, layout.status))
    if layout.sheet:
        _share_sheet(screen, layout, title, rng)
        return
    if layout.bottom:
        foot = (255, 255, 255) if app else palette.bar
        ink = (110, 110, 110) if app else palette.ink
        bar = _bottom_bar(layout, foot, ink, palette.accent, app)
        screen.paste(bar, (0, layout.device.size[1] - layout.bottom))
    if layout.home:
        _home_indicator(screen, layout, (255, 255, 255) if sum(palette.ground) < 200 and not app else (20, 20, 20))


SHARE_TARGETS = ("Messages", "Mail", "WhatsApp", "Drive", "Gmail", "Notes")
SHARE_ACTIONS = ("Copier", "Imprimer", "Enregistrer dans Fichiers", "Ouvrir dans…", "Ajouter aux favoris")


def _share_sheet(screen: Image.Image, layout: Layout, title: str, rng: random.Random) -> None:
    """The share sheet open over the screen's foot (the content behind dimmed): the file, apps, actions."""
    device = layout.device
    w, h, k = device.size[0], device.size[1], device.scale
    top = h - layout.sheet
    dimmed = np.asarray(screen).astype(np.float32)
    dimmed[:top] *= rng.uniform(0.75, 0.88)
    screen.paste(Image.fromarray(dimmed.astype(np.uint8), "RGB"))
    background = (242, 242, 247) if device.ios else (255, 255, 255)
    big = Image.new("RGBA", (w * SUPERSAMPLE, layout.sheet * SUPERSAMPLE), (0, 0, 0, 0))
    d = ImageDraw.Draw(big)
    u = k * SUPERSAMPLE
    d.rounded_rectangle((0, 0, w * SUPERSAMPLE, (layout.sheet + 40) * SUPERSAMPLE), radius=14 * u, fill=background)
    d.rounded_rectangle(
        (w * SUPERSAMPLE / 2 - 18 * u, 6 * u, w * SUPERSAMPLE / 2 + 18 * u, 11 * u), radius=3 * u, fill=(200, 200, 205)
    )
    d.rounded_rectangle((16 * u, 22 * u, 56 * u, 62 * u), radius=8 * u, fill=(220, 60, 50))
    d.text((36 * u, 42 * u), "PDF", font=_font(round(11 * u), bold=True), fill=(255, 255, 255), anchor="mm")
    d.text((68 * u, 34 * u), title, font=_font(round(15 * u), bold=True), fill=(20, 20, 20), anchor="lm")
    d.text((68 * u, 52 * u), "Document PDF", font=_font(round(12 * u)), fill=(120, 120, 125), anchor="lm")
    targets = rng.sample(SHARE_TARGETS, 4)
    for i, name in enumerate(targets):
        cx = w * SUPERSAMPLE * (i + 0.5) / 4
        d.ellipse(
            (cx - 26 * u, 82 * u, cx + 26 * u, 134 * u),
            fill=rng.choice(((52, 199, 89), (0, 122, 255), (37, 211, 102), (234, 67, 53))),
        )
        d.text((cx, 148 * u), name, font=_font(round(11 * u)), fill=(40, 40, 40), anchor="mm")
    y = 172 * u
    for name in rng.sample(SHARE_ACTIONS, 3):
        if y + 44 * u > layout.sheet * SUPERSAMPLE - 30 * u:
            break
        d.rounded_rectangle(
            (16 * u, y, w * SUPERSAMPLE - 16 * u, y + 44 * u),
            radius=10 * u,
            fill=(255, 255, 255) if device.ios else (245, 245, 245),
        )
        d.text((32 * u, y + 22 * u), name, font=_font(round(15 * u)), fill=(20, 20, 20), anchor="lm")
        y += 52 * u
    if device.ios:
        cy = layout.sheet * SUPERSAMPLE - 8 * u
        d.rounded_rectangle(
            (w * SUPERSAMPLE / 2 - 67 * u, cy - 2.5 * u, w * SUPERSAMPLE / 2 + 67 * u, cy + 2.5 * u),
            radius=2.5 * u,
            fill=(20, 20, 20),
        )
    small = big.resize((w, layout.sheet), Image.Resampling.LANCZOS)
    base = screen.convert("RGBA")
    base.alpha_composite(small, (0, top))
    screen.paste(base.convert("RGB"))


@dataclass(frozen=True)
class Zoom:
    """A zoomed view: which page, the part of it on screen (points) and its pixels per point."""

    page: int
    view: Box
    scale: float
    zoom: float


def _place(
    rng: random.Random, need: Box, forbidden: Sequence[Box], size: tuple[float, float], page: tuple[float, float]
) -> Box | None:
    """A view of ``size`` (points) holding ``need``, inside the page as far as it can be, touching nothing
    ``forbidden``; drawn among the positions that work, None when none does."""

    def span(low: float, high: float, view: float, extent: float) -> tuple[float, float]:
        lo, hi = (0.0, extent - view) if view <= extent else (extent - view, 0.0)
        return max(lo, high - view), min(hi, low)

    (x_lo, x_hi), (y_lo, y_hi) = span(need.x0, need.x1, size[0], page[0]), span(need.top, need.bottom, size[1], page[1])
    if x_lo > x_hi or y_lo > y_hi:
        return None
    # a grid, plus the positions just clear of each forbidden box (a view may fit only between two lines)
    xs = {*np.linspace(x_lo, x_hi, 21).tolist(), *(f.x1 for f in forbidden), *(f.x0 - size[0] for f in forbidden)}
    ys = {*np.linspace(y_lo, y_hi, 21).tolist(), *(f.bottom for f in forbidden), *(f.top - size[1] for f in forbidden)}
    views = [
        Box(x, y, x + size[0], y + size[1])
        for x in sorted(v for v in xs if x_lo <= v <= x_hi)
        for y in sorted(v for v in ys if y_lo <= v <= y_hi)
    ]
    free = [view for view in views if not any(view.overlaps(f) for f in forbidden)]
    return rng.choice(free) if free else None


def _fit(
    rng: random.Random,
    layout: Layout,
    page_size: tuple[float, float],
    page: int,
    required: Box,
    forbidden: Sequence[Box],
    min_zoom: float,
    max_zoom: float = 5.0,
    *,
    tight: bool = False,
) -> Zoom | None:
    """A zoom of 2-3.5 times the fitted width (less, down to ``min_zoom``, when ``required`` is wider than the
    view; more when that keeps ``forbidden`` out of view) and a view holding ``required``."""
    pw = page_size[0]
    w, h, k = layout.device.size[0], layout.content_height, layout.device.scale
    top, bottom = (0, 0) if tight else (8 * k, (44 if layout.home else 12) * k)  # clear of the home indicator
    pad, pad_y = 10.0, 1.5 if tight else 6.0  # boxes drawn round the digits; tight: the edge may run between lines
    fit = min(w / (required.width + 2 * pad), (h - top - bottom) / (required.height + 2 * pad_y)) * pw / layout.fitted
    zoom = min(rng.uniform(2.0, 3.5), fit)
    if zoom < min_zoom:
        return None
    while zoom <= min(fit, max_zoom) + 1e-9:
        scale = layout.fitted * zoom / pw
        need = Box(
            required.x0 - pad,
            required.top - pad_y - top / scale,
            required.x1 + pad,
            required.bottom + pad_y + bottom / scale,
        )
        view = _place(rng, need, forbidden, (w / scale, h / scale), page_size)
        if view is not None:
            return Zoom(page, view, scale, zoom)
        if not forbidden:
            return None
        zoom *= 1.1
    return None


def zoom_on_number(
    rng: random.Random,
    words: Sequence[Sequence[Word]],
    sizes: Sequence[tuple[float, float]],
    truth: Mapping[str, object],
    layout: Layout,
) -> Zoom | None:
    """A view of the letter's number with its status word (and its label, when the zoom allows); None when the
    number or its status word cannot be found in the text layer."""
    nir, status = truth.get("nir"), truth.get("nir_status")
    if not nir:
        return None
    best: tuple[int, Box] | None = None
    for p, page in enumerate(words):
        for boxes in find_number(page, str(nir)):
            box = _union(boxes)
            if status:
                word = _status_box(page, status, box)
                if word is None:
                    continue
                box = box.union(word)
            if best is None or box.width * box.height < best[1].width * best[1].height:
                best = (p, box)
    if best is None:
        return None
    p, box = best
    return _fit(rng, layout, sizes[p], p, _label(words[p], box, []), [], 2.0) or _fit(
        rng, layout, sizes[p], p, box, [], 1.5
    )


def zoom_on_old_number(
    rng: random.Random,
    words: Sequence[Sequence[Word]],
    sizes: Sequence[tuple[float, float]],
    truth: Mapping[str, object],
    layout: Layout,
) -> Zoom | None:
    """A view of the old number and its label that leaves every printing of the current number out; None when
    the letter has no old number, either number cannot be found in the text layer, or no view works.

    The label is the words before the number on its line (and a status word after it); when that view would
    take in the current number, only the nearest words up to one that says the number is old ("provisoire",
    "ancien", "NIA"...), at a higher zoom if need be. Without such a word in view, a reader could not tell the
    number is not the letter's: no view then.
    """
    old, nir = old_number(truth), truth.get("nir")
    if not old or not nir or not any(find_number(page, str(nir)) for page in words):
        return None
    for p, page in enumerate(words):
        forbidden = [b.grown(3, 0.5) for boxes in find_number(page, str(nir)) for b in boxes]
        for boxes in find_number(page, old):
            number = _union(boxes)
            if any(b.overlaps(f) for b in boxes for f in forbidden):
                continue
            for label in (_label(page, number, forbidden), _old_word(page, number, forbidden)):
                if label is None or not _says_old(page, label, number):
                    continue
                plan = _fit(rng, layout, sizes[p], p, label, forbidden, 1.5, 6.0, tight=True)
                if plan is not None:
                    return plan
    return None


OLD_WORDS = r"provisoire|ancien|attente|\bnia\b|temporaire|remplac|pr[ée]c[ée]dent"
"""Words that say a number is an old one (lower case)."""


def _says_old(words: Sequence[Word], label: Box, number: Box) -> bool:
    """Whether a word beside ``number`` on its line, inside ``label``, says the number is old."""
    return any(
        label.contains(w.box) and _same_line(w.box, number) and re.search(OLD_WORDS, w.text.lower()) for w in words
    )


def _old_word(words: Sequence[Word], number: Box, forbidden: Sequence[Box]) -> Box | None:
    """``number`` with the words between it and the nearest word on its line that says it is old (up to 160 pt
    before it or 120 after), or None."""
    near = [
        w.box
        for w in words
        if _same_line(w.box, number)
        and re.search(OLD_WORDS, w.text.lower())
        and not any(w.box.overlaps(f) for f in forbidden)
        and (number.x0 - 160 <= w.box.x0 < number.x0 or number.x1 < w.box.x1 <= number.x1 + 120)
    ]
    if not near:
        return None
    word = min(near, key=lambda b: _gap(b, number))
    box = number.union(word)
    return None if any(box.overlaps(f) for f in forbidden) else box


@dataclass(frozen=True)
class Screenshot:
    """A screenshot's PNG bytes, the case it shows (after fallbacks), what its truth must say beyond the letter's,
    and the page's resolution on screen (dpi)."""

    data: bytes
    case: str
    truth: dict[str, object]
    dpi: int


def _whole_page(
    pdf: Path,
    page: int,
    pages: int,
    size: tuple[float, float],
    layout: Layout,
    palette: Palette,
    rng: random.Random,
    *,
    dark: bool,
    app: bool,
    lcd: bool,
    stacked: int = 1,
) -> tuple[Image.Image, float]:
    """A page shown whole: fitted to the width (to the height when it is too tall), on the viewer's background
    with a shadow (the next page's top below it), or on the app's white screen; the page indicator floating.
    ``stacked`` pages from ``page`` on are shown whole one under the other (zoomed out to fit)."""
    device = layout.device
    w, h, k = device.size[0], device.size[1], device.scale
    screen = Image.new("RGB", device.size, palette.ground)
    band = round(44 * k) if app and rng.random() < 0.6 else 0
    gap = round(rng.uniform(6, 14) * k)
    room = (layout.content_height - band - (stacked + 1) * gap) / stacked
    width = min(layout.fitted, round(room * size[0] / size[1]))
    scale = width / size[0]
    images = [render_view(pdf, page + i, scale, None, lcd=lcd) for i in range(stacked)]
    images = [_darkened(image, rng) for image in images] if dark else images
    image = images[-1]
    x, y = (w - image.width) // 2, layout.top + band + gap
    for above in images[:-1]:  # the pages before the last one shown, whole
        _page_shadow(screen, (x, y, x + above.width, y + above.height), k, 0.3)
        screen.paste(above, (x, y))
        y += above.height + gap
    page += stacked - 1
    if app:
        if band:
            d = ImageDraw.Draw(screen)
            d.text(
                (16 * k, layout.top + band / 2),
                "Votre courrier",
                font=_font(round(16 * k), bold=True),
                fill=(30, 30, 30),
                anchor="lm",
            )
            d.text(
                (w - 16 * k, layout.top + band / 2),
                "Télécharger",
                font=_font(round(14 * k)),
                fill=palette.accent,
                anchor="rm",
            )
        if layout.margin:
            ImageDraw.Draw(screen).rectangle((x - 1, y - 1, x + image.width, y + image.height), outline=(205, 205, 205))
    else:
        _page_shadow(screen, (x, y, x + image.width, y + image.height), k, rng.uniform(0.2, 0.45))
    screen.paste(image, (x, y))
    if pages > page + 1 and not app and y + image.height + gap < h:  # the next page's top, further down
        below = render_view(pdf, page + 1, scale, None, lcd=lcd)
        below = _darkened(below, rng) if dark else below
        top = y + image.height + gap
        _page_shadow(screen, (x, top, x + below.width, top + below.height), k, 0.3)
        screen.paste(below, (x, top))
    _chrome(screen, layout, palette, rng.choice(APP_TITLES) if app else rng.choice(FILE_NAMES), rng, app)
    if not app and rng.random() < 0.6:
        text = f"{page + 1} / {pages}" if rng.random() < 0.7 else f"{page + 1} sur {pages}"
        at_top = rng.random() < 0.5
        centre = (
            (x + 40 * k, layout.top + 24 * k)
            if at_top
            else (w / 2, h - layout.bottom - (50 if layout.home else 24) * k)
        )
        _pill(screen, text, centre, k)
    return screen, scale


def _zoomed(
    pdf: Path, plan: Zoom, size: tuple[float, float], layout: Layout, palette: Palette, rng: random.Random, lcd: bool
) -> Image.Image:
    """The part of the page in ``plan.view`` filling the content area."""
    screen = Image.new("RGB", layout.device.size, palette.ground)
    view, scale = plan.view, plan.scale
    shown = Box(max(0.0, view.x0), max(0.0, view.top), min(size[0], view.x1), min(size[1], view.bottom))
    image = render_view(pdf, plan.page, scale, shown, lcd=lcd)
    screen.paste(image, (round((shown.x0 - view.x0) * scale), layout.top + round((shown.top - view.top) * scale)))
    _chrome(screen, layout, palette, rng.choice(FILE_NAMES), rng, False)
    return screen


def screenshot(pdf: Path, truth: Mapping[str, object], rng: random.Random, case: str) -> Screenshot:
    """A phone (or tablet) screenshot of the letter's PDF in one of ``SCREEN_CASES``: PNG, exact pixels.

    ``truth`` is the letter's ground truth (to find its numbers in the text layer). "old_only" falls back to
    "zoomed" when the letter has no old number, "zoomed" to "viewer" when the number (or its status word) cannot
    be located or does not fit a zoomed view: the truth is never wrong. A view that leaves part of the letter out
    says so (``partial_view``), and "old_only" says the current number is not visible.
    """
    if case not in SCREEN_CASES:
        raise ValueError(f"unknown case {case!r}; expected one of {SCREEN_CASES}")
    words, sizes = page_words(pdf)
    device = draw_device(rng)
    lcd = rng.random() < 0.3
    overrides: dict[str, object] = {}
    if case in ("zoomed", "old_only"):
        layout = draw_layout(rng, device, toolbar=rng.random() < 0.5, foot=case == "old_only")
        plan = zoom_on_old_number(rng, words, sizes, truth, layout) if case == "old_only" else None
        if plan is None and case == "old_only":  # the share sheet open over the foot: the next line out of view
            covered = replace(layout, sheet=round(device.size[1] * rng.uniform(0.35, 0.55)))
            plan = zoom_on_old_number(rng, words, sizes, truth, covered)
            layout = covered if plan is not None else layout
        if plan is None:
            case = "zoomed"
            plan = zoom_on_number(rng, words, sizes, truth, layout)
        if plan is not None:
            screen = _zoomed(pdf, plan, sizes[plan.page], layout, _palette(rng, device), rng, lcd)
            view = [round(v, 1) for v in (plan.view.x0, plan.view.top, plan.view.x1, plan.view.bottom)]
            overrides = {
                "partial_view": True,
                "view": {"page": plan.page + 1, "box": view, "zoom": round(plan.zoom, 2)},
            }
            if case == "old_only":
                overrides.update(nir=None, nir_status=None, nir_valid=None)
            return Screenshot(_png(screen), case, overrides, round(plan.scale * 72))
        case = "viewer"
    nir = truth.get("nir")
    located = [p for p, page in enumerate(words) if nir and find_number(page, str(nir))]
    page = located[0] if located else 0
    stacked = len(sizes) if nir and not located else 1  # the number not found: every page in view, whole
    if page:
        overrides = {"partial_view": True, "view": {"page": page + 1}}
    app, dark = case == "app", case == "dark"
    layout = draw_layout(rng, device, app=app)
    palette = _palette(rng, device, dark=dark, app=app)
    screen, scale = _whole_page(
        pdf, page, len(sizes), sizes[page], layout, palette, rng, dark=dark, app=app, lcd=lcd, stacked=stacked
    )
    return Screenshot(_png(screen), case, overrides, round(scale * 72))


def _png(image: Image.Image) -> bytes:
    """PNG bytes, RGB, without any metadata (a screenshot carries no EXIF)."""
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG")
    return out.getvalue()
