"""Degrade rendered letter pages the way real documents reach the reader: scans, faxes, phone photos.

Why: a reader that only ever sees reportlab's perfect pages tells nothing about the letters people really send,
which are crooked JPEG scans, black-and-white faxes, photos taken on a kitchen table and image-only PDFs from a
copier. The benchmark corpus (``make_corpus.py``) turns each synthetic letter into one of the six
``CLASSES`` with the functions below.

Every function is pure: it takes a page as an 8-bit gray PIL image (``make_fixtures.rasterise``) and a seeded
``random.Random``, and returns an image or encoded bytes; nothing reads the clock or a global random state, so
the same seed gives byte-identical files. numpy draws come from a ``default_rng`` seeded from that ``Random``,
albumentations from ``Compose(..., seed=...)`` seeded the same way. albumentations does what it does well (sensor
noise, blur, salt-and-pepper); geometry, lighting and compositing are OpenCV and numpy.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import albumentations as A
import cv2
import numpy as np
import pillow_heif
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

pillow_heif.register_heif_opener()

CLASSES = ("digital_pdf", "clean_scan", "noisy_scan", "fax", "phone_photo", "scanned_pdf")
EXIF_ORIENTATION = 0x0112
# The EXIF orientation that tells a viewer to undo a clockwise rotation of the pixels (6: "rotate 90° CW to
# display", so the pixels were turned 90° counter-clockwise, i.e. 270° clockwise).
EXIF_FOR_ROTATION = {270: 6, 90: 8}

Array = np.ndarray


def numpy_rng(rng: random.Random) -> np.random.Generator:
    """A numpy generator drawn from ``rng``, so one seed drives both."""
    return np.random.default_rng(rng.getrandbits(64))


def _augment(image: Array, rng: random.Random, transforms: Sequence[A.BasicTransform]) -> Array:
    """Run albumentations transforms with a seed drawn from ``rng``."""
    return A.Compose(list(transforms), seed=rng.getrandbits(32))(image=image)["image"]


# ---- Shared pieces ---------------------------------------------------------------------------------------


def tone(gray: Array, ink: float, paper: float) -> Array:
    """Map black..white to ink..paper: a scanner never gives pure black on pure white."""
    lut = np.clip(ink + (paper - ink) * np.arange(256) / 255.0, 0, 255).astype(np.uint8)
    return cv2.LUT(gray, lut)


def rotate(image: Array, angle: float, fill: float | tuple[float, ...], *, expand: bool = True) -> Array:
    """Rotate by ``angle`` degrees (counter-clockwise), filling the corners; ``expand`` keeps the whole page."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    new_w, new_h = w, h
    if expand:
        cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
        new_w, new_h = math.ceil(h * sin + w * cos), math.ceil(h * cos + w * sin)
        matrix[0, 2] += (new_w - w) / 2
        matrix[1, 2] += (new_h - h) / 2
    return cv2.warpAffine(
        image, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )


def smooth_noise(nrng: np.random.Generator, shape: tuple[int, int], cell: float) -> Array:
    """Noise (about -1..1) whose features are about ``cell`` pixels wide: blotches, folds, uneven light."""
    h, w = shape
    small = nrng.standard_normal((round(4 * h / cell) + 8, round(4 * w / cell) + 8)).astype(np.float32)
    small = cv2.GaussianBlur(small, (0, 0), 2.0)  # blurred on a fine grid: round blobs, no grid squares
    small /= small.std() + 1e-6
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def _edges_view(image: Array, edge: str) -> Array:
    """A view of ``image`` turned so that ``edge`` is at the top (writing into it writes into ``image``)."""
    turns = {"top": 0, "left": -1, "bottom": 2, "right": 1}[edge]
    return np.rot90(image, turns)


def fold_creases(gray: Array, rng: random.Random, strength: float) -> Array:
    """Shade the thirds of a page folded for its envelope: each panel a little differently lit, a line at each fold.

    ``strength`` about 1 for a photo (the panels tilt towards or away from the lamp), less for a scan (pressed
    flat on the glass).
    """
    h = gray.shape[0]
    rows = np.arange(h, dtype=np.float32)
    factor = np.ones(h, np.float32)
    for crease in (h / 3 + rng.uniform(-0.02, 0.02) * h, 2 * h / 3 + rng.uniform(-0.02, 0.02) * h):
        factor[rows > crease] *= 1 - strength * rng.uniform(-0.04, 0.06)  # the next panel, tilted
        line = np.exp(-(((rows - crease) / (h * rng.uniform(0.0008, 0.002))) ** 2))
        factor *= 1 - strength * rng.uniform(0.04, 0.12) * line
    return np.clip(gray.astype(np.float32) * factor[:, None], 0, 255).astype(np.uint8)


def lid_border(gray: Array, rng: random.Random, nrng: np.random.Generator) -> Array:
    """A light gray band on one or two edges: the scanner lid seen beside a sheet that was not pushed home."""
    out = gray.copy()
    for edge in rng.sample(("top", "bottom", "left", "right"), rng.choice((1, 1, 2))):
        view = _edges_view(out, edge)
        depth = max(8, round(min(gray.shape) * rng.uniform(0.012, 0.035)))
        length = view.shape[1]
        along = rng.uniform(170, 215) + 6 * smooth_noise(nrng, (1, length), length / 6)[0]
        band = np.repeat(along[None, :], depth, axis=0)
        shadow = np.exp(-(((np.arange(depth) - (depth - 3)) / rng.uniform(1.5, 3.5)) ** 2))  # the sheet's edge
        band -= rng.uniform(50, 100) * shadow[:, None]
        view[:depth] = np.clip(band + nrng.normal(0, 2, band.shape), 0, 255).astype(np.uint8)
    return out


# ---- noisy_scan --------------------------------------------------------------------------------------------


def noisy_scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """A cheap flatbed or copier scan: crooked, noisy, sometimes soft, sometimes with the lid showing.

    ``page`` should be rendered at 200 dpi; save the result as a gray JPEG of quality 50-70 (``encode_jpeg``).
    """
    nrng = numpy_rng(rng)
    gray = tone(np.asarray(page.convert("L")), rng.uniform(15, 50), rng.uniform(228, 248))
    if rng.random() < 0.3:
        gray = fold_creases(gray, rng, 0.4)
    gray = rotate(gray, rng.uniform(-4.0, 4.0), 255)
    if rng.random() < 0.4:
        gray = lid_border(gray, rng, nrng)
    blur = A.GaussianBlur(sigma_limit=(0.5, 0.9), blur_limit=0, p=0.4)
    gray = _augment(gray, rng, [blur, A.GaussNoise(std_range=(0.015, 0.04), p=1.0)])
    return Image.fromarray(gray, "L")


# ---- fax ---------------------------------------------------------------------------------------------------


def _fax_header(gray: Array, rng: random.Random) -> None:
    """The line a fax machine prints at the top of each page: date, time, sender's number, page count."""
    day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2024, 2025))}"
    hour = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    number = f"+33 {rng.randint(1, 5)} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
    sender = rng.choice(("ASSURANCE MALADIE", "CPAM SERVICE ASSURES", "CPAM ACCUEIL", "POLE IMMATRICULATION"))
    text = f"{day}  {hour}   FAX {number}   {sender}   P. 001/00{rng.randint(1, 3)}"
    scale = gray.shape[1] / 2200
    cv2.putText(
        gray,
        text,
        (round(gray.shape[1] * 0.04), round(28 * scale * 1.6)),
        cv2.FONT_HERSHEY_SIMPLEX,
        scale * 1.1,
        0,
        max(1, round(2 * scale)),
        cv2.LINE_8,
    )


def _streaks(binary: Array, rng: random.Random) -> None:
    """A few horizontal lines: a dirty scanning bar (black) or lost scan lines (white)."""
    h, w = binary.shape
    for _ in range(rng.randint(1, 4)):
        y, thick = rng.randrange(h), rng.choice((1, 1, 2))
        x0 = rng.randrange(0, w // 2) if rng.random() < 0.5 else 0
        x1 = rng.randrange(x0 + w // 4, w + 1)
        binary[y : y + thick, x0:x1] = 0 if rng.random() < 0.6 else 255


def binarise(gray: Array, cut: float) -> Array:
    """Black where a pixel is at least ``cut`` as dark as the darkest pixel next to it, white elsewhere.

    A fixed threshold erases thin strokes (Courier at 150 dpi never gets really black) while it leaves thick
    ones untouched; cutting relative to the local stroke darkness thins (``cut`` near 0.7) or thickens (near
    0.25) every stroke alike, as a fax machine's too light or too dark setting does.
    """
    dark = 255.0 - gray.astype(np.float32)
    peak = cv2.dilate(dark, np.ones((3, 3), np.uint8))
    return np.where((dark >= cut * peak) & (dark > 40), 0, 255).astype(np.uint8)


def fax(page: Image.Image, rng: random.Random, dpi: int) -> tuple[Image.Image, tuple[float, float]]:
    """A received fax: 1-bit, sometimes stretched sideways (204×196 dpi), strokes thickened or thinned, speckled.

    ``page`` is rendered at ``dpi`` (150-200); returns the mode "1" image and its (x, y) resolution, to be saved
    as Group 4 TIFF (``encode_tiff_g4``).
    """
    gray = np.array(page.convert("L"))  # a writable copy: the header is drawn into it
    stretch = rng.uniform(1.0, 1.1) if rng.random() < 0.5 else 1.0
    if stretch > 1.0:
        gray = cv2.resize(gray, (round(gray.shape[1] * stretch), gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.5:
        gray = rotate(gray, rng.uniform(-1.0, 1.0), 255, expand=False)
    if rng.random() < 0.6:
        _fax_header(gray, rng)
    gray = cv2.GaussianBlur(gray, (0, 0), rng.uniform(0.4, 0.7))
    binary = binarise(gray, rng.choice((rng.uniform(0.42, 0.55), rng.uniform(0.2, 0.3), rng.uniform(0.62, 0.72))))
    binary = _augment(binary, rng, [A.SaltAndPepper(amount=(0.0002, 0.0015), salt_vs_pepper=(0.3, 0.5), p=1.0)])
    binary = np.array(binary)
    if rng.random() < 0.35:
        _streaks(binary, rng)
    return Image.fromarray(binary, "L").convert("1", dither=Image.Dither.NONE), (dpi * stretch, float(dpi))


# ---- scanned_pdf -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanSettings:
    """One copier's settings, shared by every page of a scanned PDF so the pages look alike."""

    dpi: int
    ink: float
    paper: float
    noise: float
    quality: int
    seed: int


def scan_settings(rng: random.Random) -> ScanSettings:
    """Draw a copier: 200-300 dpi, light noise, JPEG quality 60-80 inside the PDF."""
    return ScanSettings(
        dpi=rng.choice((200, 240, 300)),
        ink=rng.uniform(10, 40),
        paper=rng.uniform(238, 252),
        noise=rng.uniform(0.004, 0.01),
        quality=rng.randint(60, 80),
        seed=rng.getrandbits(32),
    )


def light_scan(page: Image.Image, settings: ScanSettings, page_number: int) -> Image.Image:
    """A page through a decent copier: nearly straight, a little noise; same size as ``page`` (A4 kept)."""
    rng = random.Random(f"{settings.seed}:{page_number}")
    gray = tone(np.asarray(page.convert("L")), settings.ink, settings.paper)
    gray = rotate(gray, rng.uniform(-0.8, 0.8), 255, expand=False)
    noise = A.GaussNoise(std_range=(settings.noise, settings.noise), p=1.0)
    return Image.fromarray(_augment(gray, rng, [noise]), "L")


def image_pdf(pages: Sequence[Image.Image], quality: int, title: str) -> bytes:
    """An image-only A4 PDF (no text layer): each page a JPEG drawn over the whole page, as copiers make them."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor("cpam_reader synthetic corpus (no real personal data)")
    pdf.setCreator("synthetic scanner")
    for page in pages:
        jpeg = encode_jpeg(page, quality)
        pdf.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return out.getvalue()


# ---- phone_photo: the table ----------------------------------------------------------------------------------

WOODS = ((0.62, 0.45, 0.28), (0.40, 0.26, 0.16), (0.78, 0.63, 0.44), (0.55, 0.50, 0.45), (0.30, 0.20, 0.14))
FABRICS = ((0.20, 0.25, 0.40), (0.45, 0.45, 0.47), (0.70, 0.63, 0.52), (0.22, 0.33, 0.25), (0.45, 0.15, 0.17))


def _wood(rng: random.Random, nrng: np.random.Generator, shape: tuple[int, int]) -> Array:
    """Planks: fine grain lines bent by a slow warp, darker growth rings, a seam between planks."""
    h, w = shape
    lines = cv2.resize(nrng.standard_normal((h, max(2, w // 150))).astype(np.float32), (w, h))
    lines = cv2.GaussianBlur(lines, (0, 0), sigmaX=2, sigmaY=0.8)
    bend = smooth_noise(nrng, shape, rng.uniform(500, 900)) * rng.uniform(6, 18)
    ys = np.arange(h, dtype=np.float32)[:, None] + bend
    map_x = np.broadcast_to(np.arange(w, dtype=np.float32)[None, :], shape).copy()
    grain = cv2.remap(lines, map_x, ys.astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    rings = np.abs(np.sin(2 * np.pi * ys / rng.uniform(35, 90) + smooth_noise(nrng, shape, 400))) ** 4
    shade = 1 + 0.07 * grain - 0.09 * rings + 0.07 * smooth_noise(nrng, shape, 250)
    plank = rng.randint(350, 700)
    for y in range(rng.randrange(plank), h, plank):
        shade[max(0, y - 1) : y + 2] *= 0.55
    return _coloured(rng.choice(WOODS), shade, saturate=0.6)


def _fabric(rng: random.Random, nrng: np.random.Generator, shape: tuple[int, int]) -> Array:
    """A tablecloth: a fine weave of uneven threads, fuzz, soft folds."""
    h, w = shape
    period = rng.uniform(3.0, 5.0)
    xs, ys = np.arange(w, dtype=np.float32)[None, :], np.arange(h, dtype=np.float32)[:, None]
    threads = 0.5 * nrng.standard_normal((h, 1)).astype(np.float32) + 0.5 * nrng.standard_normal((1, w)).astype(
        np.float32
    )
    weave = np.sin(2 * np.pi * xs / period) * np.sin(2 * np.pi * ys / period)
    folds = smooth_noise(nrng, shape, rng.uniform(150, 300))
    shade = 1 + 0.06 * weave + 0.04 * threads + 0.08 * folds + 0.02 * nrng.standard_normal(shape).astype(np.float32)
    return _coloured(rng.choice(FABRICS), shade, saturate=0.3)


def _coloured(colour: tuple[float, float, float], shade: Array, saturate: float) -> Array:
    """RGB from a base colour and a shade map; darker areas get a deeper colour, as wood does."""
    base = np.array(colour, dtype=np.float32)
    rgb = shade[..., None] * base ** (1 + saturate * (1 - shade[..., None]))
    return np.clip(rgb * 255, 0, 255).astype(np.uint8)


def table_texture(rng: random.Random, nrng: np.random.Generator, size: tuple[int, int]) -> Array:
    """A wood or fabric table of ``size`` (width, height) pixels, RGB, with blotches and grain.

    Drawn at half resolution and scaled up: the camera's own blur hides the difference, and it is four times
    cheaper.
    """
    w, h = size
    half = (h // 2, w // 2)
    across = rng.random() < 0.5  # the grain up the picture rather than across it
    draw = _wood if rng.random() < 0.6 else _fabric
    texture = draw(rng, nrng, (half[1], half[0]) if across else half)
    if across:
        texture = np.ascontiguousarray(np.rot90(texture))
    blotches = 1 + 0.05 * smooth_noise(nrng, half, 120) + 0.015 * nrng.standard_normal(half).astype(np.float32)
    texture = np.clip(texture * blotches[..., None], 0, 255).astype(np.uint8)
    return cv2.resize(texture, (w, h), interpolation=cv2.INTER_LINEAR)


# ---- phone_photo: geometry and light -------------------------------------------------------------------------


def page_quad(rng: random.Random, page_size: tuple[int, int], frame: tuple[int, int]) -> Array:
    """Where the page's corners (top-left, top-right, bottom-right, bottom-left) land in the frame.

    The page covers 55-85 % of the frame when it fits (less in a landscape frame), leans up to 8°, its far edge
    is shorter (the phone is held at an angle) and every corner moves by a few percent: a real trapezoid.
    """
    (pw, ph), (fw, fh) = page_size, frame
    aspect = pw / ph
    height = math.sqrt(rng.uniform(0.55, 0.85) * fw * fh / aspect)
    width = height * aspect
    quad = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=np.float64) * [width / 2, height / 2]
    far = rng.choice((0, 0, 0, 1, 2, 3))  # which edge is away from the camera: mostly the top
    keystone = rng.uniform(0.0, 0.09)
    a, b = far, (far + 1) % 4
    quad[a], quad[b] = quad[a] + (quad[b] - quad[a]) * keystone / 2, quad[b] + (quad[a] - quad[b]) * keystone / 2
    quad += np.array([[rng.uniform(-0.025, 0.025) * width, rng.uniform(-0.025, 0.025) * height] for _ in range(4)])
    angle = math.radians(rng.uniform(-8.0, 8.0))
    quad = quad @ np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]])
    span = quad.max(axis=0) - quad.min(axis=0)
    margin = 0.015
    quad *= min(1.0, fw * (1 - 2 * margin) / span[0], fh * (1 - 2 * margin) / span[1])
    low, high = quad.min(axis=0), quad.max(axis=0)
    offset = [
        rng.uniform(fw * margin - low[0], fw * (1 - margin) - high[0]),
        rng.uniform(fh * margin - low[1], fh * (1 - margin) - high[1]),
    ]
    return (quad + offset).astype(np.float32)


def _drop_shadow(table: Array, quad: Array, rng: random.Random) -> Array:
    """Darken the table just around the sheet: paper lies a little above the table and casts a soft shadow."""
    h, w = table.shape[:2]
    small = np.zeros((h // 8, w // 8), np.float32)
    shift = np.array([rng.uniform(-6, 6), rng.uniform(2, 10)])
    cv2.fillConvexPoly(small, np.round((quad + shift) / 8).astype(np.int32), 1.0)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(2, 5))
    mask = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    return (table * (1 - rng.uniform(0.2, 0.4) * mask)[..., None]).astype(np.uint8)


def warp_page(page: Image.Image, quad: Array, table: Array, tint: tuple[float, float, float]) -> Array:
    """Lay the page (gray, tinted like paper under the light) onto the table along ``quad``."""
    gray = np.asarray(page.convert("L"))
    rgb = cv2.merge([cv2.convertScaleAbs(gray, alpha=t) for t in tint])
    h, w = gray.shape
    source = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, quad)
    out = table.copy()
    cv2.warpPerspective(
        rgb,
        matrix,
        (table.shape[1], table.shape[0]),
        dst=out,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return out


def _hand_shadow(rng: random.Random, shape: tuple[int, int]) -> Array:
    """A blurred dark shape coming in from an edge: the shadow of the hand and phone taking the picture."""
    h, w = shape
    edge = rng.choice(("top", "bottom", "left", "right"))
    reach, width = rng.uniform(0.2, 0.45), rng.uniform(0.2, 0.45)
    centre = rng.uniform(0.2, 0.8)
    lean = rng.uniform(-0.15, 0.15)
    outline = [
        (centre - width / 2, -0.1),
        (centre + width / 2, -0.1),
        (centre + width / 2 + lean, reach),
        (centre + lean, reach + 0.05),
        (centre - width / 2 + lean, reach),
    ]
    points = []
    for along, into in outline:
        x, y = {"top": (along, into), "bottom": (along, 1 - into), "left": (into, along), "right": (1 - into, along)}[
            edge
        ]
        points.append((x * w, y * h))
    mask = np.zeros(shape, np.float32)
    cv2.fillPoly(mask, [np.round(points).astype(np.int32)], 1.0)
    return cv2.GaussianBlur(mask, (0, 0), max(h, w) * rng.uniform(0.025, 0.06))


def light_map(rng: random.Random, shape: tuple[int, int]) -> Array:
    """Multiplicative light (about 0.55-1.0) at low resolution: a lamp on one side, maybe the hand's shadow."""
    h, w = shape
    lamp = np.array([rng.uniform(-0.5, 1.5) * w, rng.uniform(-0.5, 1.5) * h])
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    distance = np.hypot(xs - lamp[0], ys - lamp[1])
    distance /= distance.max()
    darkest = rng.uniform(0.55, 0.85)
    light = 1.0 - (1.0 - darkest) * distance ** rng.uniform(1.0, 2.0)
    if rng.random() < 0.7:
        light *= 1 - rng.uniform(0.2, 0.45) * _hand_shadow(rng, shape)
    return light.astype(np.float32)


def colour_cast(rng: random.Random) -> tuple[float, float, float]:
    """RGB gains for a warm (tungsten lamp) or cool (daylight, LED) white balance."""
    a, b = rng.uniform(0.01, 0.05), rng.uniform(0.03, 0.09)
    return (1.0 + a, 1.0, 1.0 - b) if rng.random() < 0.6 else (1.0 - b, 1.0 - a / 2, 1.0 + a)


def _light(image: Array, rng: random.Random) -> Array:
    """Apply the light map, exposure and colour cast in one pass."""
    h, w = image.shape[:2]
    small = light_map(rng, (h // 8, w // 8))
    light = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    gains = np.array(colour_cast(rng), dtype=np.float32) * rng.uniform(0.82, 0.98)
    lit = image.astype(np.float32)
    lit *= light[..., None]
    lit *= gains
    return np.clip(lit, 0, 255).astype(np.uint8)


# ---- phone_photo: the whole picture -------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    """A phone photo: its pixels, the clockwise turn applied to them, the EXIF tag and the file format."""

    image: Image.Image
    rotation: int
    exif_orientation: int | None
    format: str  # "jpg" or "heic"
    quality: int

    def encode(self) -> bytes:
        """The file's bytes: JPEG (quality 75-90) or HEIC (quality 80), with the EXIF orientation when set."""
        if self.format == "heic":
            return encode_heic(self.image, self.quality, self.exif_orientation)
        return encode_jpeg(self.image, self.quality, self.exif_orientation)


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned by 0, 90, 180 or 270 degrees clockwise."""
    ops = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    return image.transpose(ops[clockwise]) if clockwise else image


@dataclass(frozen=True)
class Storage:
    """How a photo is stored: the clockwise turn of its pixels, the EXIF tag that undoes it, HEIC or JPEG."""

    rotation: int = 0
    exif_orientation: int | None = None
    heic: bool = False


def _sideways(rng: random.Random) -> tuple[int, int]:
    rotation = rng.choice((90, 270))
    return rotation, EXIF_FOR_ROTATION[rotation]


def draw_storage(rng: random.Random) -> Storage:
    """One photo drawn alone: 20 % turned 90° either way, 10 % upside down, 10 % sideways with an EXIF tag to
    undo it, the rest upright; 20 % HEIC."""
    draw = rng.random()
    heic = rng.random() < 0.2
    if draw < 0.2:
        return Storage(rng.choice((90, 270)), None, heic)
    if draw < 0.3:
        return Storage(180, None, heic)
    if draw < 0.4:
        return Storage(*_sideways(rng), heic)
    return Storage(0, None, heic)


def storage_plan(rng: random.Random) -> list[Storage]:
    """Ten photos with the rates of ``draw_storage`` made exact, in random order: one turned 90° clockwise, one
    counter-clockwise, one upside down, one sideways with an EXIF tag, six upright; two of the ten in HEIC.

    A corpus of 50 photos drawn one by one can easily hold twice too many upside-down ones; a plan per ten
    keeps the benchmark's groups the size they are meant to be.
    """
    turns = [(0, None)] * 6 + [(90, None), (270, None), (180, None), _sideways(rng)]
    heic = [True] * 2 + [False] * 8
    rng.shuffle(turns)
    rng.shuffle(heic)
    return [Storage(rotation, exif, h) for (rotation, exif), h in zip(turns, heic, strict=True)]


def phone_photo(page: Image.Image, rng: random.Random, storage: Storage | None = None) -> Photo:
    """A photo of the page on a table, taken with a phone: about 3000×4000 px, colour, uneven light.

    ``page`` should be rendered at 300 dpi, so that the text on the photo is about as large as on a
    200-300 dpi scan. ``storage`` (turn, EXIF tag, HEIC) is drawn with ``draw_storage`` when None.
    """
    nrng = numpy_rng(rng)
    frame = (3000, 4000) if rng.random() < 0.8 else (4000, 3000)
    table = table_texture(rng, nrng, frame)
    if rng.random() < 0.6:
        page = Image.fromarray(fold_creases(np.asarray(page.convert("L")), rng, 1.0), "L")
    quad = page_quad(rng, page.size, frame)
    table = _drop_shadow(table, quad, rng)
    paper = rng.uniform(0.93, 1.0)
    tint = (paper, paper * rng.uniform(0.98, 1.0), paper * rng.uniform(0.94, 1.0))
    picture = _light(warp_page(page, quad, table, tint), rng)
    picture = _augment(
        picture,
        rng,
        [
            A.GaussianBlur(sigma_limit=(0.6, 1.5), blur_limit=0, p=1.0),
            A.GaussNoise(std_range=(0.008, 0.02), per_channel=True, noise_scale_factor=0.5, p=1.0),
        ],
    )
    storage = storage or draw_storage(rng)
    return Photo(
        image=turn(Image.fromarray(picture, "RGB"), storage.rotation),
        rotation=storage.rotation,
        exif_orientation=storage.exif_orientation,
        format="heic" if storage.heic else "jpg",
        quality=80 if storage.heic else rng.randint(75, 85),
    )


# ---- Encoders ------------------------------------------------------------------------------------------------


def _exif(orientation: int | None) -> bytes:
    if orientation is None:
        return b""
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    return exif.tobytes()


def encode_jpeg(image: Image.Image, quality: int, exif_orientation: int | None = None, dpi: int | None = None) -> bytes:
    """JPEG bytes (gray stays gray), with an EXIF orientation tag and a resolution when given."""
    out = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(out, format="JPEG", quality=quality, exif=_exif(exif_orientation), **extra)
    return out.getvalue()


def encode_heic(image: Image.Image, quality: int, exif_orientation: int | None = None) -> bytes:
    """HEIC bytes through pillow-heif, as recent iPhones save their photos; EXIF orientation kept when given.

    x265's "ultrafast" preset (the default one takes five times longer on a 12 MP photo for no visible gain), on
    one thread (the corpus already runs one process per core; the bytes are the same either way).
    """
    out = io.BytesIO()
    extra = {"exif": _exif(exif_orientation)} if exif_orientation else {}
    image.save(out, format="HEIF", quality=quality, enc_params={"preset": "ultrafast", "x265:pools": "1"}, **extra)
    return out.getvalue()


def encode_tiff_g4(image: Image.Image, dpi: tuple[float, float]) -> bytes:
    """A 1-bit TIFF with CCITT Group 4 compression, what fax servers write."""
    out = io.BytesIO()
    image.convert("1").save(out, format="TIFF", compression="group4", dpi=dpi)
    return out.getvalue()


def encode_png(image: Image.Image, dpi: int) -> bytes:
    """A lossless PNG carrying its resolution."""
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()
