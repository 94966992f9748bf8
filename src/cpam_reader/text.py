"""Text in reading order: the common form of a PDF text layer and of OCR output.

Both sources become :class:`TextLine` objects, one per visual row of the page, so the number finder and the
classifier never care where the text came from. OCR rows keep which characters Tesseract was unsure of: the
number finder repairs digits only there.
"""

from __future__ import annotations

import dataclasses
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


def lines_from_text(text: str, page: int) -> list[TextLine]:
    """Rows of a PDF text layer (already in reading order, one row per line); blank rows dropped.

    >>> [line.text for line in lines_from_text('Objet :\\n\\n  Votre numéro  ', 1)]
    ['Objet :', 'Votre numéro']
    """
    rows = (row.strip() for row in text.splitlines())
    return [TextLine(row, page, i) for i, row in enumerate(r for r in rows if r)]


def _rows(words: Sequence[OcrWord]) -> list[list[OcrWord]]:
    """Group words into visual rows: a word joins the row whose vertical band holds its centre.

    Grouping by position rather than by Tesseract's own lines puts the cells of a table row on one line.
    """
    rows: list[list[OcrWord]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top + w.height / 2, w.left)):
        centre = word.top + word.height / 2
        for row, (top, bottom) in zip(rows, bands, strict=True):
            if top <= centre <= bottom:
                row.append(word)
                break
        else:
            rows.append([word])
            bands.append((word.top + 0.15 * word.height, word.top + 0.85 * word.height))
    return [sorted(row, key=lambda w: w.left) for row in rows]


def lines_from_words(words: Iterable[OcrWord], page: int) -> list[TextLine]:
    """Rows of OCR words, with the offsets of unsure characters.

    >>> words = [OcrWord('numéro', 95, 10, 10, 60, 12), OcrWord('2840S', 40, 80, 11, 50, 12),
    ...          OcrWord('Objet', 96, 10, 40, 50, 12)]
    >>> lines = lines_from_words(words, 1)
    >>> [(line.text, sorted(line.unsure)) for line in lines]
    [('numéro 2840S', [7, 8, 9, 10, 11]), ('Objet', [])]
    """
    kept = [w for w in words if w.text.strip()]
    lines = []
    for index, row in enumerate(_rows(kept)):
        parts: list[str] = []
        unsure: set[int] = set()
        offset = 0
        for word in row:
            text = word.text.strip()
            if word.conf < UNSURE_BELOW:
                unsure.update(range(offset, offset + len(text)))
            parts.append(text)
            offset += len(text) + 1
        lines.append(TextLine(" ".join(parts), page, index, frozenset(unsure)))
    return lines


def page_text(lines: Iterable[TextLine]) -> str:
    """All rows joined, as the classifier reads them."""
    return "\n".join(line.text for line in lines)
