"""Numbers printed one box per character, found as geometry and read cell by cell.

Forms print the social security number in a row of boxes, one character each, grouped in many ways (15 in a
row, 1 | 2 | 2 | 2 | 3 | 3 | 2, 13 and the key apart). A whole-page reading handles them badly: it fuses the
digits with their label, reads the borders as "|" or "1", drops a row whole. So the row is found as what it is,
a run of equal cells side by side, on the page image *before* its rules were erased; each cell's inside is cut
out, its border left behind, and the cells are laid side by side on clean paper (a wider gap between groups) and
read as one line of digits; when that reading does not give one character per cell, each cell is read alone.

A row of empty boxes gives nothing: only cells with ink inside count, and a row is a number only when its cells
hold 13 or 15 characters.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence

import cv2
import numpy as np

from cpam_reader.base.text import OcrWord
from cpam_reader.image.ocr import OcrEngine
from cpam_reader.image.preprocess import ink as ink_of

Box = tuple[int, int, int, int]
"""left, top, right, bottom in pixels."""

MIN_CELL = 12
"""Smallest cell side in pixels worth reading (the page is read with text about 22 px high)."""
MAX_CELL = 160
CELLS = (13, 14, 15, 16, 17)
"""Cells a row of the number may have: 13 or 15 characters, a box or two for the key or spare."""
MIN_CONTRAST = 60
"""Gray levels between a cell's ink and its paper below which it holds nothing but noise."""
READ_HEIGHT = 40
"""Height of the cells as read (Tesseract's best x-height is about 20-30 px)."""


@dataclasses.dataclass(frozen=True)
class BoxRow:
    """A run of equal cells side by side: one box per character."""

    cells: tuple[Box, ...]
    """Each cell's inside, left to right."""
    groups: tuple[int, ...]
    """How many cells each group holds (the gaps between groups are wider than the gaps between cells)."""

    @property
    def box(self) -> Box:
        """The whole row."""
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )


def _holes(image: np.ndarray) -> list[Box]:
    """The insides of closed rectangles of ink (a box's inside is a hole in its border's ink)."""
    marks = cv2.morphologyEx(ink_of(image), cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))  # mend broken borders
    contours, hierarchy = cv2.findContours(marks, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    holes = []
    for contour, (_, _, _, parent) in zip(contours, hierarchy[0], strict=True):
        if parent < 0:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if not (MIN_CELL <= h <= MAX_CELL and 0.45 * h <= w <= 1.4 * h):
            continue
        if cv2.contourArea(contour) < 0.75 * w * h:  # not a rectangle: the inside of a digit, a letter
            continue
        holes.append((x, y, x + w, y + h))
    return holes


def _rows(holes: Sequence[Box]) -> list[list[Box]]:
    """Holes of one height at one height, side by side, with gaps no wider than a few cells."""
    rows: list[list[Box]] = []
    for hole in sorted(holes, key=lambda b: (b[1] + b[3]) / 2):
        height = hole[3] - hole[1]
        middle = (hole[1] + hole[3]) / 2
        for row in rows:
            first = row[0]
            row_height = first[3] - first[1]
            if abs((first[1] + first[3]) / 2 - middle) <= 0.3 * row_height and abs(row_height - height) <= 0.2 * (
                row_height
            ):
                row.append(hole)
                break
        else:
            rows.append([hole])
    found = []
    for row in rows:
        row.sort()
        run = [row[0]]
        for cell in row[1:]:
            width = run[-1][2] - run[-1][0]
            if cell[0] - run[-1][2] <= 3 * width and cell[0] >= run[-1][2] - 2:
                run.append(cell)
            else:
                found.append(run)
                run = [cell]
        found.append(run)
    return [run for run in found if len(run) in CELLS]


def _groups(cells: Sequence[Box]) -> tuple[int, ...]:
    """Cells per group: a gap wider than half a cell starts a new group."""
    groups = [1]
    for before, cell in itertools.pairwise(cells):
        if cell[0] - before[2] > 0.5 * (before[2] - before[0]):
            groups.append(1)
        else:
            groups[-1] += 1
    return tuple(groups)


def find_box_rows(image: np.ndarray) -> list[BoxRow]:
    """Every row of 13 to 17 equal boxes on a page image (8-bit gray, borders still there), top to bottom.

    >>> page = np.full((200, 900), 255, np.uint8)
    >>> for i in range(15):
    ...     x = 40 + i * 50 + (20 if i >= 13 else 0)   # the key's two boxes apart
    ...     _ = cv2.rectangle(page, (x, 60), (x + 40, 110), 0, 2)
    >>> [(len(row.cells), row.groups) for row in find_box_rows(page)]
    [(15, (13, 2))]
    """
    return [BoxRow(tuple(run), _groups(run)) for run in _rows(_holes(image))]


def _inside(image: np.ndarray, cell: Box) -> np.ndarray:
    """A cell's inside, its border trimmed off, at the height the cells are read at, black on white.

    Cells are often shaded (a tinted form, a scan's gray): each is split into ink and paper on its own, and one
    with no contrast in it is left blank.
    """
    left, top, right, bottom = cell
    margin_x, margin_y = max(2, (right - left) // 8), max(2, (bottom - top) // 8)
    crop = image[top + margin_y : bottom - margin_y, left + margin_x : right - margin_x]
    factor = READ_HEIGHT / max(crop.shape[0], 1)
    crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    low, high = np.percentile(crop, (2, 98)) if crop.size else (0, 0)
    if high - low < MIN_CONTRAST:
        return np.full_like(crop, 255)
    cleaned: np.ndarray = 255 - _without_inner_dots(ink_of(cv2.GaussianBlur(crop, (3, 3), 0)))
    return cleaned


def _without_inner_dots(marks: np.ndarray) -> np.ndarray:
    """Ink (255) with the specks that stand alone inside a glyph's hole taken out: a dotted zero becomes a zero.

    Monospaced fonts, the ones forms use, often print 0 with a dot inside; Tesseract reads it 8, 9 or 6.

    >>> zero = np.zeros((40, 30), np.uint8)
    >>> _ = cv2.ellipse(zero, (15, 20), (10, 16), 0, 0, 360, 255, 3); zero[18:23, 13:18] = 255  # the dot
    >>> int(_without_inner_dots(zero)[20, 15]), int(_without_inner_dots(zero)[20, 5])
    (0, 255)
    """
    cleaned = marks.copy()
    kernel = np.ones((3, 3), np.uint8)
    for thinned in (marks, cv2.erode(marks, kernel)):  # a dot that touches the ring comes apart when thinned
        paper = (thinned == 0).astype(np.uint8)
        count, labels = cv2.connectedComponents(paper, connectivity=4)
        edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])).tolist())
        holes = np.isin(labels, [k for k in range(1, count) if k not in edge])
        if not holes.any():
            continue
        n, pieces, stats, _ = cv2.connectedComponentsWithStats(thinned, connectivity=8)
        for k in range(1, n):
            if stats[k, cv2.CC_STAT_AREA] > 0.03 * marks.size:
                continue
            piece = (pieces == k).astype(np.uint8)
            ring = cv2.dilate(piece, kernel).astype(bool) & ~piece.astype(bool)
            if ring.any() and holes[ring].all():
                # the dot and the hole it stands in, never the glyph's ring around them
                near = cv2.dilate(piece, kernel).astype(bool)
                clear = cv2.dilate(piece, kernel, iterations=2).astype(bool) & (holes | near)
                cleaned[clear] = 0
    return cleaned


def _filled(inside: np.ndarray) -> bool:
    """Whether a cell holds a character: a few per cent of its pixels are ink, not most of them."""
    share = float((inside < 128).mean())
    return 0.02 < share < 0.6


def strip(insides: Sequence[np.ndarray], counts: Sequence[int]) -> np.ndarray:
    """The filled cells side by side on clean paper, a wider gap between groups.

    ``insides``: the filled cells' insides, left to right; ``counts``: how many of them each group holds.
    """
    gap, group_gap = READ_HEIGHT // 2, READ_HEIGHT
    parts: list[np.ndarray] = [np.full((READ_HEIGHT, READ_HEIGHT // 2), 255, np.uint8)]
    index = 0
    for count in counts:
        for inside in insides[index : index + count]:
            parts += [inside, np.full((READ_HEIGHT, gap), 255, np.uint8)]
        parts.append(np.full((READ_HEIGHT, group_gap), 255, np.uint8))
        index += count
    line = np.hstack([cv2.resize(p, (p.shape[1], READ_HEIGHT)) for p in parts])
    padded: np.ndarray = np.pad(line, ((READ_HEIGHT // 2, READ_HEIGHT // 2), (0, 0)), constant_values=255)
    return padded


def read_box_row(image: np.ndarray, row: BoxRow, engine: OcrEngine) -> Iterator[str]:
    """Readings of a row's characters, most likely first.

    The cells as one line, each cell alone, the cells as one raw line (another segmentation, so that a digit
    misread twice is unlikely to be misread alike).

    Each reading is the characters grouped as the boxes are ("2 70 11 49 354 806 96"); a reading that does not
    give one character per filled cell is not given.
    """
    insides = [_inside(image, cell) for cell in row.cells]
    flags = [_filled(inside) for inside in insides]
    filled = [inside for inside, flag in zip(insides, flags, strict=True) if flag]
    if len(filled) not in (13, 15):
        return
    starts = [sum(row.groups[:g]) for g in range(len(row.groups))]
    counts = [sum(flags[start : start + size]) for start, size in zip(starts, row.groups, strict=True)]
    line = strip(filled, counts)
    first = _text(engine.read(line, psm=7, digits=True))
    if len(first) == len(filled):
        yield _grouped(first, counts)
    alone = [_cell(inside, engine) for inside in filled]
    if "?" not in alone:
        yield _grouped("".join(alone), counts)
    raw = _text(engine.read(line, psm=13, digits=True))
    if len(raw) == len(filled):
        yield _grouped(raw, counts)


def _text(words: Sequence[OcrWord]) -> str:
    return "".join(w.text.strip() for w in sorted(words, key=lambda w: w.left))


def _cell(inside: np.ndarray, engine: OcrEngine) -> str:
    """One cell's character, read alone: as a character, else as a raw line; "?" when neither reads one."""
    padded = np.pad(inside, READ_HEIGHT // 2, constant_values=255)
    for psm in (10, 13):
        read = _text(engine.read(padded, psm=psm, digits=True))
        if len(read) == 1:
            return read
    return "?"


def _grouped(text: str, counts: Sequence[int]) -> str:
    """The characters, cut where the filled cells' groups are cut.

    >>> _grouped("270114935480696", [1, 2, 2, 2, 3, 3, 2])
    '2 70 11 49 354 806 96'
    """
    out = []
    for count in counts:
        out.append(text[:count])
        text = text[count:]
    return " ".join(part for part in out if part)
