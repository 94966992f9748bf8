"""The second look: re-read the rows that should hold the number when the first reading found none it can trust.

A whole-page reading is a compromise: one binarisation, one layout analysis for text, boxes and logos alike.
The row of digits beside "numéro provisoire", or the digits in the boxes of the carte Vitale form, often read
better alone: cut out, binarised locally (Sauvola), as one line (``--psm 7``) restricted to the characters a
number can hold. A reading from the second look replaces the row's digits only when it gives a number whose
printed key confirms it (valid, not repaired, key present), or when both readings agree on the same number
with a wrong key: a misprint, reported as printed and flagged ``invalid_key`` rather than "repaired" into a
number the letter does not give. Anything less leaves the first reading as it was.

A number the first reading read with a key that does not match it, or with no key, is read again too: a better
reading may give the number its key confirms. A row of 13 characters without a key that two readings agree on is
``read_twice``: its digits are checked although no key is printed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import numpy as np
import regex

from cpam_reader.base.result import NirChoice, NumberWarning
from cpam_reader.base.text import OcrWord, TextLine, rows_of_words
from cpam_reader.image.ocr import OcrEngine
from cpam_reader.number.boxes import find_box_rows, read_box_row
from cpam_reader.number.finder import amounts, find_numbers
from cpam_reader.number.labels import NUMBER_LABEL
from cpam_reader.number.misreads import CONFUSABLES, DIGITLIKE
from cpam_reader.number.rereading import (
    KEY_LABEL,
    crop_box,
    digit_word,
    key_reread,
    rereads,
    unread_bands,
    unread_rows,
)
from cpam_reader.number.words import REGISTRATION_WORDS, SHORT_NAMES, SSN_WORDS

_NIR_WORDS = regex.compile(
    rf"{SSN_WORDS}|{REGISTRATION_WORDS}|(?:d[ée]finitif){{e<=1}}|(?:provisoire){{e<=2}}"
    rf"|(?:attente){{e<=1}}|{SHORT_NAMES}|\bsociale\b",  # "sociale" alone: the label of a mangled box row
    regex.IGNORECASE,
)
_SEPARATOR = regex.compile(r"[/\-–—]")
"""A word that parts the number from its key ("1 77 06 99 216 165 / clé 50"): read as digits, it would be a 7."""
_ANY_NUMBER_WORDS = regex.compile(r"(?:num[ée]ro){e<=1}|\bn°", regex.IGNORECASE)
MAX_ROWS = 4
"""Rows re-read per document at most: the second look must stay cheap."""
LINES_AFTER_KEYWORD = 3


def needs_second_look(choice: NirChoice) -> bool:
    """True when the first reading gave no number or one the key does not confirm, or left a number unread.

    An unread number (``number_not_read``) may be the one that outranks the number read.
    """
    chosen = choice.candidate
    unread = NumberWarning.NOT_READ in choice.warnings
    return chosen is None or not chosen.valid or chosen.repaired or chosen.key_missing or unread


def _garbled(row: Sequence[OcrWord]) -> bool:
    """A row that is not a sentence: under half its characters in confidently read words of three letters."""
    total = sum(len(w.text) for w in row)
    words = sum(len(w.text) for w in row if w.conf >= 70 and sum(c.isalpha() for c in w.text) >= 3)
    return words < 0.5 * total


def target_rows(lines: Sequence[TextLine], rows: Sequence[Sequence[OcrWord]]) -> list[int]:
    """Rows that may hold the number, nearest first below a social-security keyword, then below "numéro".

    A row qualifies with eight digit-like characters or more, and either six real digits or no sentence in
    it (boxes read as "JAES RES ESS"); rows under "définitif", "sécurité sociale"... come before rows under
    a bare "numéro" or "n°" (a file number), and these before rows of 13 to 17 digits and nothing else under no
    keyword (its label lost by the first reading; a box border read as a "1" among them).

    >>> rows = [[OcrWord('Numéro', 95, 0, 0, 9, 9)],
    ...         [OcrWord('1', 40, 0, 20, 9, 9), OcrWord('84I2750', 40, 20, 20, 9, 9)]]
    >>> target_rows([TextLine('Numéro', 1, 0), TextLine('1 84I2750', 1, 1)], rows)
    [1]
    >>> row = [OcrWord(t, 90, 20 * n, 0, 9, 9) for n, t in enumerate('2 1076 04 45 182 857 57'.split())]
    >>> target_rows([TextLine('2 1076 04 45 182 857 57', 1, 0)], [row])
    [0]
    >>> row = [OcrWord(t, 90, 20 * n, 0, 9, 9) for n, t in enumerate('2/92 66) 972 62 | 753 | 24'.split())]
    >>> target_rows([TextLine('2/92 66) 972 62 | 753 | 24', 1, 0)], [row])
    [0]
    """
    strong = [i for i, line in enumerate(lines) if _NIR_WORDS.search(line.text)]
    weak = [i for i, line in enumerate(lines) if _ANY_NUMBER_WORDS.search(line.text)]
    found = []
    for i, row in enumerate(rows):
        digitlike = sum(c in DIGITLIKE for w in row for c in w.text)
        digits = sum(c.isdigit() for w in row if digit_word(w) for c in w.text)
        if digitlike < 8 or (digits < 6 and not _garbled(row)):
            continue
        for rank, keyword_rows in enumerate((strong, weak)):
            distances = [i - k for k in keyword_rows if 0 <= i - k <= LINES_AFTER_KEYWORD]
            if distances:
                found.append((rank, min(distances), i))
                break
        else:
            if all(digit_word(w) or not any(c.isalnum() for c in w.text) for w in row) and 13 <= digits <= 17:
                # a row of digits alone (box borders read as punctuation among them), as many as a number's:
                # its label may be unread
                found.append((2, 0, i))
    return [i for *_, i in sorted(found)[:MAX_ROWS]]


def _label(word: OcrWord) -> bool:
    """A word read confidently as a word ("sécurité", "sociale"), mere punctuation (":"), or "N°".

    "N°" stays in the label, so that a re-read line still says the number is labelled as one.
    """
    return (
        (word.conf >= 70 and sum(c.isalpha() for c in word.text) >= 2)
        or not any(c.isalnum() for c in word.text)
        or bool(NUMBER_LABEL.fullmatch(word.text))
    )


def _number_span(row: Sequence[OcrWord], words: Sequence[OcrWord]) -> tuple[list[OcrWord], list[OcrWord]]:
    """The row's words before the number, and the words that make the number and its key, left to right.

    The number starts after the last label before the first digits ("N° de sécurité sociale :"), or after
    the last label of a garbled row. Its key often comes out of the first reading as punctuation ("6:", "&E"):
    short words after the digits belong to the number. On the carte Vitale form (one digit per box) Tesseract
    splits the boxes into several lines, so there the number runs to the last word at the row's height.
    """
    first_digits = next((j for j, w in enumerate(row) if digit_word(w)), len(row))
    start = max(
        (j + 1 for j, w in enumerate(row[:first_digits]) if _label(w) or _NIR_WORDS.search(w.text)), default=0
    )  # after the label, even a label misread ("sséÉCur tte sociale") as long as its keyword shows
    number = list(row[start:]) or list(row)
    top = min(w.top for w in number)
    bottom = max(w.top + w.height for w in number)
    label_end = max((w.left + w.width for w in row[:start]), default=-1)
    band = sorted(
        (w for w in words if top <= w.top + w.height / 2 <= bottom and w.left > label_end),
        key=lambda w: w.left,
    )
    digits = [w for w in number if digit_word(w)]
    grouped = [len(w.text) for w in digits[:7]] == list(_GROUPS[: len(digits[:7])]) and len(digits) >= 6
    boxes = (sum(len(w.text) <= 2 for w in digits) >= 5 and not grouped) or _garbled(number)
    if not boxes and digits:
        # A number does not run through words: "CS 70574 - 59863 Lille Cedex 9" holds no 15-digit number.
        words_after = (j for j, w in enumerate(band) if w.left > digits[0].left and _label(w) and len(w.text) >= 3)
        band = band[: next(words_after, len(band))]
        digits = [w for w in digits if w in band]
    if digits:  # "Clé" ends the digits: the key after it is printed apart, and stays in the line as printed
        key_label = (j for j, w in enumerate(band) if w.left > digits[0].left and KEY_LABEL.fullmatch(w.text))
        band = band[: next(key_label, len(band))]
        digits = [w for w in digits if w in band]
    last = len(band) - 1 if boxes or not digits else max(band.index(w) for w in digits)
    while last + 1 < len(band) and len(band[last + 1].text) <= 3:
        last += 1
    while last > 0 and _SEPARATOR.fullmatch(band[last].text):
        last -= 1  # "/" before "clé"
    return list(row[:start]), band[: last + 1]


def _split_lone_digits(text: str) -> tuple[str, str]:
    """The text without the digits standing alone at its end, and those digits run together.

    >>> _split_lone_digits('N° de sécurité sociale : 2 5 9')
    ('N° de sécurité sociale :', '259')
    >>> _split_lone_digits('Numéro : 1 84')
    ('Numéro : 1 84', '')
    """
    match = regex.search(r"(?:\s\d)+$", text)
    if not match:
        return text, ""
    return text[: match.start()], match.group().replace(" ", "")


def _seen_before(value: str, line: TextLine, errors: int = 0) -> bool:
    """Whether the first reading of the line held the number's first 13 characters, spaces and confusables aside.

    ``errors``: how many of them it may have read otherwise. A misprinted key is believed only for a number both
    readings saw.

    >>> _seen_before('259011618744085', TextLine('N° 2 5 9 O 1 1 6 1 8 7 4 4 0 &E', 1, 0))
    True
    >>> _seen_before('705745986393646', TextLine('CS 7O574 - Lille - Tél. 36 46', 1, 0))
    False
    >>> _seen_before('810299352398271', TextLine('Votre numéro provisoire 7 81 02 99 352 398 27r de', 1, 0))
    False
    >>> _seen_before('177069921616550', TextLine('le numéro 1 77 66 99 216 165 / clé 58', 1, 0), errors=2)
    True
    """
    printed = [c for c in line.text if c.isalnum()]
    digits = "".join(printed).translate(CONFUSABLES)
    if not errors:
        # Not in the middle of a longer run of digits: a re-reading that lost the number's first digit matches the
        # first reading one place on ("7 81 02 99 352 398 27" holds "8102993523982"), and is another number.
        at = [m.start() for m in regex.finditer(regex.escape(value[:13]), digits, overlapped=True)]
        return any(i == 0 or not printed[i - 1].isdigit() for i in at)
    return regex.search(rf"(?:{regex.escape(value[:13])}){{e<={errors}}}", digits) is not None


_GROUPS = (1, 2, 2, 2, 3, 3, 2)
"""The groups a number is printed in ("1 85 05 78 006 084 36"): short, but words, not boxes."""


def _joined(number: Sequence[OcrWord], line: TextLine, before: str, after: str) -> TextLine | None:
    """The line with the number's digits run together, when the first reading read all 15 and the key confirms them.

    Box borders come out of the first reading as punctuation inside the number ("2 97 38, 9,9 352 380||87"): its
    cuts no longer look like a number's, though every digit was read. A digit misread would fail the key.

    >>> words = [OcrWord(t, 90, 0, 0, 9, 9) for t in ("2", "97", "38,", "9,9", "352", "380||87")]
    >>> _joined(words, TextLine("", 1, 4), "", "").text
    '297389935238087'
    >>> _joined(words[:-1], TextLine("", 1, 4), "", "") is None
    True
    """
    digits = "".join(c for word in number for c in word.text if c.isdigit())
    if len(digits) != 15:
        return None
    candidate = TextLine(
        " ".join(part for part in (before, digits, after) if part), line.page, line.index, box=line.box, ocr=True
    )
    numbers = find_numbers([candidate])
    return candidate if any(c.valid and not c.repaired and not c.key_missing for c in numbers) else None


def _confirmed(readings: Iterator[str], line: TextLine, before: str, after: str) -> TextLine | None:
    """The line rewritten as ``before``, a re-reading, ``after``; None unless the re-reading is to be believed.

    Believed: a number its key confirms that the first reading nearly saw too (two characters apart at most), or
    that two re-readings agree on; a misprinted key (or 13 characters without a key) read alike by two re-readings
    where the first reading saw it too, or by all three (the third on other pixels) where it did not. The line so
    agreed on is ``read_twice``. Two re-readings that disagree leave the third to settle it.

    A key confirms a random string of digits once in 97: of the dozen re-readings a page may get, one could
    pass by chance where the first reading saw something else, or nothing.
    """
    seen: list[set[str]] = []
    for digits in readings:
        text = " ".join(part for part in (before, digits, after) if part)
        candidate = TextLine(text, line.page, line.index, box=line.box, ocr=True)
        numbers = [c for c in find_numbers([candidate]) if not c.repaired]
        keyed = {c.value for c in numbers if c.valid and not c.key_missing}
        if any(_seen_before(value, line, errors=2) for value in keyed):
            return candidate
        values = {c.value for c in numbers}
        for value in values:
            alike = sum(value in earlier for earlier in seen)
            if alike and value in keyed:
                return candidate
            if (alike and _seen_before(value, line)) or alike >= 2:
                return dataclasses.replace(candidate, read_twice=True)
        seen.append(values)
    return None


def _boxed(
    lines: Sequence[TextLine],
    rows: Sequence[Sequence[OcrWord]],
    image: np.ndarray,
    lined: np.ndarray,
    engine: OcrEngine,
) -> list[TextLine] | None:
    """The page's lines with a number printed one box per character read from its boxes, or None.

    The row of boxes is found as geometry on ``lined`` (the page before its rules were erased) and read cell by
    cell on ``image`` (:mod:`cpam_reader.number.boxes`). Its reading replaces the OCR row it stands on (the row's label
    kept), or joins the row above it; it is taken when its key confirms it, or when two of its readings agree on a
    misprinted key (or on 13 boxes without a key).
    """
    for box_row in find_box_rows(lined)[:MAX_ROWS]:
        left, top, right, bottom = box_row.box
        middle = (top + bottom) / 2
        on = [i for i, line in enumerate(lines) if line.box and line.box[1] <= middle <= line.box[1] + line.box[3]]
        above = [i for i, line in enumerate(lines) if line.box and line.box[1] + line.box[3] <= top]
        if on:
            target = on[0]
            before = " ".join(w.text for w in rows[target] if w.left + w.width <= left)
            after = " ".join(w.text for w in rows[target] if w.left >= right)
        elif above:
            target, before, after = above[-1], lines[above[-1]].text, ""
        else:
            continue
        readings: list[set[str]] = []
        for digits in read_box_row(image, box_row, engine):
            text = " ".join(part for part in (before, digits, after) if part)
            candidate = TextLine(text, lines[target].page, lines[target].index, box=lines[target].box, ocr=True)
            numbers = [c for c in find_numbers([candidate]) if not c.repaired]
            values = {c.value for c in numbers}
            if any(c.valid and not c.key_missing for c in numbers) or any(values & seen for seen in readings):
                changed = list(lines)
                changed[target] = candidate  # never read_twice: 13 boxes read alike may have lost their key's
                return changed
            readings.append(values)  # a misprinted key, or 13 boxes (no key printed): two readings must agree
    return None


def second_look(
    lines: Sequence[TextLine],
    words: Sequence[OcrWord],
    image: np.ndarray,
    engine: OcrEngine,
    lined: np.ndarray | None = None,
) -> list[TextLine] | None:
    """The page's lines with the number's row re-read, or None when the second look confirms nothing.

    ``lines`` are the page's OCR rows, made from ``words`` read on ``image``; ``lined`` is the same image before
    its rules were erased, when they were. First a number printed one box per character, read from its boxes;
    then the rows that hold digits under a keyword; when none gives a number, the ink left unread beside or under
    a social-security keyword.
    """
    rows = rows_of_words(words)
    if lined is not None and (boxed := _boxed(lines, rows, image, lined, engine)) is not None:
        return boxed
    changed = list(lines)
    for i in target_rows(lines, rows):
        before, number = _number_span(rows[i], words)
        if not number or amounts(" ".join(w.text for w in number)):
            continue  # all label ("Votre numéro de sécurité sociale :"), or a table's amounts: nothing to re-read
        after = [w for w in rows[i] if w.left > number[-1].left]
        label, rest = " ".join(w.text for w in before), " ".join(key_reread(after, image, engine))
        box = crop_box(
            number,
            image.shape,
            max((w.left + w.width for w in before), default=0),
            min((w.left for w in after), default=None),
        )
        height = int(np.median([w.height for w in number]))
        changed[i] = (
            _joined(number, lines[i], label, rest)
            or _confirmed(rereads(image, box, height, engine), lines[i], label, rest)
            or changed[i]
        )
    if changed == list(lines):
        for k in [i for i, line in enumerate(lines) if _NIR_WORDS.search(line.text)][:MAX_ROWS]:
            below = min((min(w.top for w in r) for r in rows[k + 1 :]), default=image.shape[0])
            height = int(np.median([w.height for w in rows[k]]))
            for beside, box in unread_bands(image, rows[k], below)[:2]:
                # The number joins the keyword's line when beside it, the next line when under it.
                target = k if beside or k + 1 == len(lines) else k + 1
                text = lines[target].text
                readings = rereads(image, box, height, engine)
                if target == k:  # the boxes the first reading kept, one digit each, begin the number
                    text, first = _split_lone_digits(text)
                    readings = (first + digits for digits in readings)
                better = _confirmed(readings, lines[target], *((text, "") if target == k else ("", text)))
                if better:
                    changed[target] = better
                    return changed
        if any(_NIR_WORDS.search(line.text) for line in lines) and words:
            # Last, boxes dropped whole further down the page: the number joins the row just above them.
            height = int(np.median([w.height for w in words]))
            for left, top, right, bottom in unread_rows(image, words, height)[:MAX_ROWS]:
                above = [i for i, line in enumerate(lines) if line.box and line.box[1] + line.box[3] <= top]
                if not above:
                    continue
                target = above[-1]
                readings = rereads(image, (left, top, right, bottom), height, engine)
                better = _confirmed(readings, lines[target], lines[target].text, "")
                if better:
                    changed[target] = better
                    return changed
    return changed if changed != list(lines) else None
