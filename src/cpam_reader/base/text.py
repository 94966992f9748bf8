"""Text in reading order: the common form of a PDF text layer and of OCR output.

Both sources become :class:`TextLine` objects, one per visual row of the page, so the number finder and the
classifier never care where the text came from. OCR rows keep which characters Tesseract was unsure of: the
number finder repairs digits only there.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable, Sequence

UNSURE_BELOW = 80.0
"""Tesseract word confidence (0-100) under which every character of the word counts as unsure."""


@dataclasses.dataclass(frozen=True)
class OcrWord:
    """One word as Tesseract returns it (pixel box on the page image)."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line_key: tuple[int, int, int] = (0, 0, 0)
    """Tesseract's (block, paragraph, line) numbers."""


@dataclasses.dataclass(frozen=True)
class TextLine:
    """One visual row of a page."""

    text: str
    page: int
    """1-based."""
    index: int
    """Row number on its page, top to bottom."""
    unsure: frozenset[int] = frozenset()
    """Offsets in ``text`` of characters the OCR was unsure of."""
    box: tuple[int, int, int, int] | None = None
    """Where the row is on the page image (left, top, width, height), for OCR rows: the second look re-reads it."""
    ocr: bool = False
    """True for a row read by OCR; False for a PDF's text layer, which says exactly what is printed (no digit of
    it is ever repaired)."""
    read_twice: bool = False
    """True when the second look read the row's number alike twice: digits no key checks (none printed) that two
    readings agree on."""


def lines_from_text(text: str, page: int) -> list[TextLine]:
    """Rows of a PDF text layer (already in reading order, one row per line); blank rows dropped.

    >>> [line.text for line in lines_from_text('Objet :\\n\\n  Votre numéro  ', 1)]
    ['Objet :', 'Votre numéro']
    """
    rows = (row.strip() for row in text.splitlines())
    return [TextLine(row, page, i) for i, row in enumerate(r for r in rows if r)]


def rows_of_words(words: Iterable[OcrWord]) -> list[list[OcrWord]]:
    """Group words into visual rows, top to bottom: Tesseract's own lines, then lines side by side merged.

    Tesseract's lines follow a skewed page; merging only lines that overlap vertically and not horizontally puts
    the cells of a table row on one line without mixing two lines of the same paragraph.
    """
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in (w for w in words if w.text.strip()):
        by_line.setdefault(word.line_key, []).append(word)
    rows: list[list[OcrWord]] = []
    for line in sorted(by_line.values(), key=lambda ws: min(w.top + w.height / 2 for w in ws)):
        line.sort(key=lambda w: w.left)
        top, bottom = _band(line)
        left, right = line[0].left, max(w.left + w.width for w in line)
        for row in rows:
            row_top, row_bottom = _band(row)
            side_by_side = all(w.left + w.width <= left or w.left >= right for w in row)
            if side_by_side and row_top <= (top + bottom) / 2 <= row_bottom:
                row.extend(line)
                row.sort(key=lambda w: w.left)
                break
        else:
            rows.append(line)
    return rows


def _band(words: Sequence[OcrWord]) -> tuple[float, float]:
    """The vertical extent of a run of words, trimmed so that touching rows do not overlap."""
    top = statistics.median(w.top for w in words)
    height = statistics.median(w.height for w in words)
    return top + 0.15 * height, top + 0.85 * height


def lines_from_words(words: Iterable[OcrWord], page: int) -> list[TextLine]:
    """Rows of OCR words, with the offsets of unsure characters.

    >>> words = [OcrWord('numéro', 95, 10, 10, 60, 12, (1, 1, 1)), OcrWord('2840S', 40, 80, 11, 50, 12, (2, 1, 1)),
    ...          OcrWord('Objet', 96, 10, 40, 50, 12, (1, 1, 2))]
    >>> lines = lines_from_words(words, 1)
    >>> [(line.text, sorted(line.unsure)) for line in lines]
    [('numéro 2840S', [7, 8, 9, 10, 11]), ('Objet', [])]
    """
    lines = []
    for index, row in enumerate(rows_of_words(words)):
        parts: list[str] = []
        unsure: set[int] = set()
        offset = 0
        for word in row:
            text = word.text.strip()
            if word.conf < UNSURE_BELOW:
                unsure.update(range(offset, offset + len(text)))
            parts.append(text)
            offset += len(text) + 1
        left, top = min(w.left for w in row), min(w.top for w in row)
        right, bottom = max(w.left + w.width for w in row), max(w.top + w.height for w in row)
        box = (left, top, right - left, bottom - top)
        lines.append(TextLine(" ".join(parts), page, index, frozenset(unsure), box, ocr=True))
    return lines


def text_rows(text: Sequence[TextLine] | str) -> list[str]:
    """The non-blank rows of a letter (its lines, or a text cut at newlines), spaces collapsed.

    >>> text_rows("Le  3 mars\\n\\n  Objet : relance ")
    ['Le 3 mars', 'Objet : relance']
    """
    rows = text.splitlines() if isinstance(text, str) else [line.text for line in text]
    return [" ".join(row.split()) for row in rows if row.strip()]


def page_text(lines: Iterable[TextLine]) -> str:
    """All rows joined, as the classifier reads them."""
    return "\n".join(line.text for line in lines)
