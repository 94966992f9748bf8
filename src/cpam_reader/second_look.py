"""The second look: re-read the rows that should hold the number when the first reading found none it can trust.

A whole-page reading is a compromise: one binarisation, one layout analysis for text, boxes and logos alike.
The row of digits beside "numéro provisoire", or the digits in the boxes of the carte Vitale form, often read
better alone: cut out, binarised locally (Sauvola), as one line (``--psm 7``) restricted to the characters a
number can hold. A reading from the second look replaces the row's digits only when it gives a number whose
printed key confirms it (valid, not repaired, key present), or when both readings agree on the same number
with a wrong key: a misprint, reported as printed and flagged ``invalid_key`` rather than "repaired" into a
number the letter does not give. Anything less leaves the first reading as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import regex

from cpam_reader.finder import find_numbers
from cpam_reader.ocr import OcrEngine
from cpam_reader.preprocess import sauvola
from cpam_reader.result import NirChoice
from cpam_reader.text import OcrWord, TextLine, rows_of_words

_NIR_WORDS = regex.compile(
    r"(?:s[ée]curit[ée]\s+sociale){e<=2}|(?:immatricul){e<=1}|(?:d[ée]finitif){e<=1}|(?:provisoire){e<=2}"
    r"|(?:attente){e<=1}|\bNIR\b|\bNIA\b",
    regex.IGNORECASE,
)
_ANY_NUMBER_WORDS = regex.compile(r"(?:num[ée]ro){e<=1}|\bn°", regex.IGNORECASE)
_DIGITLIKE = frozenset("0123456789OoDQIl|!SsBZzGA")
MAX_ROWS = 4
"""Rows re-read per document at most: the second look must stay cheap."""
LINES_AFTER_KEYWORD = 3


def needs_second_look(choice: NirChoice) -> bool:
    """True when the first reading gave no number, or one that the key does not confirm as read."""
    chosen = choice.candidate
    return chosen is None or not chosen.valid or chosen.repaired or chosen.key_missing


def _digit_word(word: OcrWord) -> bool:
    text = word.text.strip()
    return any(c.isdigit() for c in text) and sum(c in _DIGITLIKE for c in text) >= 0.6 * len(text)


def _garbled(row: Sequence[OcrWord]) -> bool:
    """A row that is not a sentence: under half its characters in confidently read words of three letters."""
    total = sum(len(w.text) for w in row)
    words = sum(len(w.text) for w in row if w.conf >= 70 and sum(c.isalpha() for c in w.text) >= 3)
    return words < 0.5 * total


def target_rows(lines: Sequence[TextLine], rows: Sequence[Sequence[OcrWord]]) -> list[int]:
    """Rows that may hold the number, nearest first below a social-security keyword, then below "numéro".

    A row qualifies with eight digit-like characters or more, and either six real digits or no sentence in
    it (boxes read as "JAES RES ESS"); rows under "définitif", "sécurité sociale"... come before rows under
    a bare "numéro" or "n°" (a file number).

    >>> rows = [[OcrWord('Numéro', 95, 0, 0, 9, 9)],
    ...         [OcrWord('1', 40, 0, 20, 9, 9), OcrWord('84I2750', 40, 20, 20, 9, 9)]]
    >>> target_rows([TextLine('Numéro', 1, 0), TextLine('1 84I2750', 1, 1)], rows)
    [1]
    """
    strong = [i for i, line in enumerate(lines) if _NIR_WORDS.search(line.text)]
    weak = [i for i, line in enumerate(lines) if _ANY_NUMBER_WORDS.search(line.text)]
    found = []
    for i, row in enumerate(rows):
        digitlike = sum(c in _DIGITLIKE for w in row for c in w.text)
        digits = sum(c.isdigit() for w in row if _digit_word(w) for c in w.text)
        if digitlike < 8 or (digits < 6 and not _garbled(row)):
            continue
        for rank, keyword_rows in enumerate((strong, weak)):
            distances = [i - k for k in keyword_rows if 0 <= i - k <= LINES_AFTER_KEYWORD]
            if distances:
                found.append((rank, min(distances), i))
                break
    return [i for *_, i in sorted(found)[:MAX_ROWS]]


def _label(word: OcrWord) -> bool:
    """A word read confidently as a word ("sécurité", "sociale"), or mere punctuation (":")."""
    return (word.conf >= 70 and sum(c.isalpha() for c in word.text) >= 2) or not any(c.isalnum() for c in word.text)


def _number_span(row: Sequence[OcrWord], words: Sequence[OcrWord]) -> tuple[list[OcrWord], list[OcrWord]]:
    """The row's words before the number, and the words that make the number and its key, left to right.

    The number starts after the last label before the first digits ("N° de sécurité sociale :"), or after
    the last label of a garbled row. Its key often comes out of the first reading as punctuation ("6:", "&E"):
    short words after the digits belong to the number. On the carte Vitale form (one digit per box) Tesseract
    splits the boxes into several lines, so there the number runs to the last word at the row's height.
    """
    first_digits = next((j for j, w in enumerate(row) if _digit_word(w)), len(row))
    start = max((j + 1 for j, w in enumerate(row[:first_digits]) if _label(w)), default=0)
    number = list(row[start:]) or list(row)
    top = min(w.top for w in number)
    bottom = max(w.top + w.height for w in number)
    band = sorted(
        (w for w in words if top <= w.top + w.height / 2 <= bottom and w.left >= number[0].left),
        key=lambda w: w.left,
    )
    digits = [w for w in number if _digit_word(w)]
    boxes = sum(len(w.text) <= 2 for w in digits) >= 5 or _garbled(number)
    last = len(band) - 1 if boxes or not digits else max(band.index(w) for w in digits if w in band)
    while last + 1 < len(band) and len(band[last + 1].text) <= 3:
        last += 1
    return list(row[:start]), band[: last + 1]


def _crop_box(words: Sequence[OcrWord], shape: tuple[int, ...], after: int) -> tuple[int, int, int, int]:
    """The words' box, padded by a few character heights, but starting after ``after`` (the row's label).

    The padding gives Tesseract its white margin, and takes in a first or last box the first reading lost.
    """
    height = max(w.height for w in words)
    left = max(0, after + 2, min(w.left for w in words) - 3 * height)
    top = max(0, min(w.top for w in words) - height // 2)
    right = min(shape[1], max(w.left + w.width for w in words) + 3 * height)  # a last box the first reading lost
    bottom = min(shape[0], max(w.top + w.height for w in words) + height // 2)
    return left, top, right, bottom


def _rereads(image: np.ndarray, words: Sequence[OcrWord], after: int, engine: OcrEngine) -> Iterator[str]:
    """The number's words read again, alone, as one line of digits: gray, then Sauvola-binarised if needed."""
    left, top, right, bottom = _crop_box(words, image.shape, after)
    crop = np.ascontiguousarray(image[top:bottom, left:right])
    yield _line(engine.read(crop, psm=7, digits=True))
    window = max(15, 2 * max(w.height for w in words)) | 1
    yield _line(engine.read(sauvola(crop, window=window), psm=7, digits=True))


def _line(words: Sequence[OcrWord]) -> str:
    return " ".join(w.text for w in sorted(words, key=lambda w: w.left))


def second_look(
    lines: Sequence[TextLine], words: Sequence[OcrWord], image: np.ndarray, engine: OcrEngine
) -> list[TextLine] | None:
    """The page's lines with the number's row re-read, or None when the second look confirms nothing.

    ``lines`` are the page's OCR rows, made from ``words`` read on ``image``.
    """
    rows = rows_of_words(words)
    changed = list(lines)
    for i in target_rows(lines, rows):
        before, number = _number_span(rows[i], words)
        after = [w for w in rows[i] if w.left > number[-1].left]
        after_word = max((w.left + w.width for w in before), default=0)
        label, rest = " ".join(w.text for w in before), " ".join(w.text for w in after)
        seen: list[tuple[TextLine, set[str]]] = []
        for digits in _rereads(image, number, after_word, engine):
            line = TextLine(
                " ".join(p for p in (label, digits, rest) if p), lines[i].page, lines[i].index, box=lines[i].box
            )
            numbers = [c for c in find_numbers([line]) if not c.repaired and not c.key_missing]
            if any(c.valid for c in numbers):
                changed[i] = line
                break
            seen.append((line, {c.value for c in numbers}))
        else:
            if len(seen) == 2 and seen[0][1] & seen[1][1]:  # read twice alike with a wrong key: a misprint
                changed[i] = seen[0][0]
    return changed if changed != list(lines) else None
