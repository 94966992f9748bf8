"""Finding social security numbers in text, tolerant of OCR.

A number is a run of digit-like groups whose lengths add up to 13 (key missing or printed apart) or 15, cut
only where the printed number is cut (``2 84 05 88 321 025 32``, compact, dotted, dashed, one box per
character, a line break inside). Grouping is what keeps phone numbers, SIRET, IBAN, dates and file references
out: their groups (``0 811 36 36 46``, ``362 521 879 00034``, ``FR76 3000 6000 ...``) never cut there.

OCR confusions are read back (``misreads``: O/o/D/Q→0, I/l/|/!→1, S→5, B→8, Z→2, G→6; A and B kept only as the Corsica
2A/2B). The key may change one character, never more, and only where the reading was unsure of it: a character
OCR read as a letter, or a digit in a word read with low confidence turned into one it is often mistaken for
(3/8, 1/7, 5/6...). It never changes a PDF's text layer, which says what is printed, nor a number read with
confidence: such a number with a wrong key is reported as printed, invalid (``invalid_key``).

A PDF's text layer is read more strictly than OCR, where table cells, amounts and decimals stand side by side
with nothing but spaces between them: its numbers must be cut where printed numbers are cut, with one kind of
separator (spaces, dots or dashes; the key's may differ) and never a comma ("273 105.9 12,108,205" is three
amounts, not a number).

>>> [c.value for c in find_numbers(lines_from_text('Votre numéro : 2 84 05 88 321 025 32, tél. 0 811 36 36 46', 1))]
['284058832102532']
>>> [c.value for c in find_numbers(lines_from_text('NIR 1 84 O5 2A 321 O25 clé 05', 1))]
['184052A32102505']
>>> [c.value for c in find_numbers(lines_from_text('N° provisoire 8 66 06 99 131 567 (clé 59)', 1))]
['866069913156759']
>>> [c.key_missing for c in find_numbers(lines_from_text('2026952454885 15/09/2024', 1))]  # a date, not a key
[True]
>>> [c.value for c in find_numbers(lines_from_text('N° 1 69 08 972 09 874 Cié[37|', 1))]  # boxed key, as printed
['169089720987437']
>>> text = 'IBAN FR76 3000 6000 0112 3456 7890 189 SIRET 362 521 879 00034'
>>> find_numbers(lines_from_text(text, 1))
[]
>>> [c.valid for c in find_numbers(lines_from_text('N° 1 84 05 75 123 456 99', 1))]  # printed so: not repaired
[False]
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Sequence

import regex

from cpam_reader.base.result import NumberCandidate
from cpam_reader.base.text import TextLine, lines_from_text
from cpam_reader.number import nir
from cpam_reader.number.misreads import DIGITLIKE, misprint_shape, read_digits, repairs

__all__ = [
    "KEY_WORD",
    "amounts",
    "find_numbers",
    "lines_from_text",
]  # lines_from_text: the doctests build their input with it

_WORD = regex.compile(r"[\p{L}\p{N}!]+")
_BODY_SEP = regex.compile(r"[ \t]{0,3}[.,:\-|]?[ \t]{0,3}(?:\n[ \t]*)?")
KEY_WORD = r"c[lI1i|][ée]"
"""The word "clé" before a key printed apart, as OCR reads it too ("Cié", "C1é"); match it case-insensitively."""
_KEY = regex.compile(
    rf"[ \t]{{0,3}}(?:(?:[/|:,\-–][ \t]*|\n[ \t]*(?=(?i:{KEY_WORD}\b)))?"
    rf"[\[(|]?[ \t]*(?i:{KEY_WORD}|key)[ \t]*[:.]?[ \t]*[\[(|]?[ \t]*"
    r"|[/|:\[(][ \t]*)?"
    r"([0-9OoDQIlSBZG](?:(?<=[\s|]\d)[ \t|](?=\d(?![\p{L}\p{N}])))?[0-9OoDQIlSBZG])(?![\p{L}\p{N}]|[/.,\-]\d)[\])|]?"
)
"""A key printed after the 13 characters: "clé 32", "/ 32", "/ clé 32", "(clé 32)", "(32)", in a box ("Clé [32]",
which OCR reads "Cié[32|"), one box per digit ("CLÉ 6 6" after digits printed so), "Clé" starting the next line,
or just the two digits."""
_KEY_PRINTED = regex.compile(_KEY.pattern + rf"|[ \t]{{0,3}}(?:[\[(]|(?i:{KEY_WORD}\b))")
"""A key after the 13 characters, or the start of one OCR could not read ("Clé [", "(clé")."""
_KEY_GARBLED = regex.compile(
    r"[ \t]{0,3}(?:(?![,.;](?:[ \t]+\p{L}|[ \t]*(?:\n|$))|[\-–—][ \t]+\p{L})[^\s\p{L}]|\p{L}{1,2}(?!\p{L}))"
)
"""After 13 characters read by OCR, what may be a key it garbled ("|3?", "5l"): no key is computed then. A comma
or a full stop before a word ends the sentence's number ("7 86 05 99 114 039, encore provisoire"), and a dash
between spaces before a word is the next field of the line ("(NIA) : 7 95 05 99 404 835 — Statut : Provisoire")."""
_KEY_GLUED = regex.compile(r"[ \t]{1,3}(\d\d)(?=\p{Ll})")
"""A key that OCR read glued to the word after it ("352 398 27re" for a line cut by a zoomed view's edge, or
"27 re" read without its space): taken only from OCR, and only when it is read cleanly and confirms the number."""
_RUN_GOES_ON = regex.compile(r"[/.,\-]\d")
"""After a number's last digits, what makes them the start of a date or an amount instead ("15/09/2024", "15,20")."""
_DECIMAL = regex.compile(r"\d,\d{2}(?!\d)")
_NEGATIVE = regex.compile(r"(?:^|\s)-\d")
_ONE_MORE_BOX = regex.compile(r"[ \t]\d(?![\p{L}\p{N}])")
_KEY_ON_NEXT_LINE = regex.compile(r"\n[ \t]*\S{1,2}$")
NIR_CUTS = frozenset({1, 3, 5, 7, 8, 10, 13})
"""Where a printed number may be split: after sex, year, month, department, overseas department, commune, order."""
_SEPARATOR = regex.compile(r"[^\p{L}\p{N}!]+")


@dataclasses.dataclass(frozen=True)
class _Group:
    start: int
    end: int
    raw: str


def _digit_ratio_ok(raw: str) -> bool:
    """A group counts only if at least half of it are real digits (keeps words like 'SOB' out)."""
    return sum(ch.isascii() and ch.isdigit() for ch in raw) * 2 >= len(raw)


def _cuts_ok(lengths: Sequence[int]) -> bool:
    """Whether groups of these lengths split a number where printed numbers are split (or box per char).

    The first cut, when there is one, is after the sex or the year: groups of five (a card's number, "63158 84693
    24710") are never a printed social security number.

    >>> _cuts_ok([1, 2, 2, 2, 3, 3]), _cuts_ok([13, 2]), _cuts_ok([5, 5, 5]), _cuts_ok([1] * 15)
    (True, True, False, True)
    """
    if all(n == 1 for n in lengths[:-1]) and lengths[-1] in (1, 2):
        return True
    cuts = set(itertools.accumulate(lengths[:-1]))
    return cuts <= NIR_CUTS and (not cuts - {13} or min(cuts) in (1, 3))


@dataclasses.dataclass(frozen=True)
class _Span:
    """A candidate's characters: where they stand in the page text and whether OCR doubted them."""

    start: int
    end: int
    raw: str
    chars: str
    offsets: tuple[int, ...]
    strict: bool = True
    """False when the groups are not cut where printed numbers are (OCR of boxes misplaces spaces)."""
    glued: bool = False
    """True when the key was read glued to the letters after it (see ``_KEY_GLUED``)."""


def _spans(text: str) -> list[_Span]:
    """Every way a run of groups in ``text`` makes 13 or 15 characters with printed-number cuts."""
    groups = [
        _Group(m.start(), m.end(), m.group())
        for m in _WORD.finditer(text)
        if set(m.group()) <= DIGITLIKE
        and (_digit_ratio_ok(m.group()) or len(m.group()) == 1 or m.group() in ("2A", "2B"))
    ]
    spans: dict[tuple[int, int], _Span] = {}
    for i, first in enumerate(groups):
        if i and len(first.raw) >= 13 and _tail_of(groups[i - 1], first, text):
            continue
        if i and len(first.raw) == 1 and _one_box_before(groups[i - 1], first, text):
            continue  # inside a row of one digit per box: a number starts where the row starts
        chars, offsets, lengths = "", tuple[int, ...](), list[int]()
        for j in range(i, len(groups)):
            group = groups[j]
            if j > i and not _BODY_SEP.fullmatch(text, groups[j - 1].end, group.start):
                break
            chars += group.raw
            offsets += tuple(range(group.start, group.end))
            lengths.append(len(group.raw))
            if len(chars) > 15:
                break
            if len(chars) == 15 and not _RUN_GOES_ON.match(text, group.end):
                spans.setdefault(
                    (first.start, group.end),
                    _Span(first.start, group.end, text[first.start : group.end], chars, offsets, _cuts_ok(lengths)),
                )
            if len(chars) == 13 and _cuts_ok(lengths):
                key = _KEY.match(text, group.end)
                end = key.end() if key else group.end
                key_at = [at for at in range(key.start(1), key.end(1)) if text[at] not in " \t|"] if key else []
                key_chars = "".join(text[at] for at in key_at)
                key_offsets = tuple(key_at)
                spans.setdefault(
                    (first.start, end),
                    _Span(first.start, end, text[first.start : end], chars + key_chars, offsets + key_offsets),
                )
                glued = None if key else _KEY_GLUED.match(text, group.end)
                if glued:
                    key_offsets = tuple(range(glued.start(1), glued.end(1)))
                    spans.setdefault(
                        (first.start, glued.end(1)),
                        _Span(
                            first.start,
                            glued.end(1),
                            text[first.start : glued.end(1)],
                            chars + glued.group(1),
                            offsets + key_offsets,
                            glued=True,
                        ),
                    )
    return list(spans.values())


def _one_box_before(before: _Group, group: _Group, text: str) -> bool:
    """Whether a lone digit stands just before a lone digit, only a space apart: boxes of one row.

    A 14-digit SIRET printed one digit per box holds no number from its second digit on.

    >>> _one_box_before(_Group(0, 1, "6"), _Group(2, 3, "3"), "6 3")
    True
    >>> _one_box_before(_Group(0, 1, "6"), _Group(4, 5, "3"), "6 - 3")
    False
    """
    return len(before.raw) == 1 and before.raw.isdigit() and text[before.end : group.start] in (" ", "\t", " | ")


def _tail_of(before: _Group, group: _Group, text: str) -> bool:
    """Whether a long run of digits ends a longer number printed before it ("393 747542340669193", an account).

    A date's year before it ("28/02/2026 180052B009844 39", cells of a table) is not part of it.

    >>> groups = [_Group(0, 3, "393"), _Group(4, 19, "747542340669193")]
    >>> _tail_of(*groups, "393 747542340669193"), _tail_of(_Group(6, 10, "2026"), _Group(11, 24, ""), "28/02/2026 1")
    (True, False)
    """
    date = before.start > 0 and text[before.start - 1] in "/.-"
    return before.raw.isdigit() and len(before.raw) >= 2 and not date and not text[before.end : group.start].strip()


def find_numbers(lines: Sequence[TextLine]) -> list[NumberCandidate]:
    """Every plausible social security number in the lines (one page or several), in reading order.

    Candidates that are not valid numbers are kept only when they look like a misprinted number (right shape,
    key wrong), so the caller can decide whether one is worth reporting.
    """
    candidates: list[NumberCandidate] = []
    for page, group in itertools.groupby(lines, key=lambda line: line.page):
        page_lines = list(group)
        text = "\n".join(line.text for line in page_lines)
        line_at: list[int] = []
        unsure: set[int] = set()
        offset = 0
        for number, line in enumerate(page_lines):
            line_at.extend([number] * (len(line.text) + 1))
            unsure.update(offset + i for i in line.unsure)
            offset += len(line.text) + 1
        ocr = any(line.ocr for line in page_lines)
        found = []
        for span in _spans(text):
            candidate = _candidate(span, unsure, page, page_lines[line_at[span.start]].index, ocr)
            if candidate is not None and candidate.key_missing and _KEY_PRINTED.match(text, span.end):
                continue  # a key is printed after it (read or not): never report a computed key then
            if candidate is not None and candidate.key_missing and ocr and _KEY_GARBLED.match(text, span.end):
                continue
            if candidate is not None and candidate.key_missing and _ONE_MORE_BOX.match(text, span.end):
                continue  # 13 boxes and one more: a longer number (a SIRET's 14), not one without its key
            if candidate is not None:
                found.append((span, candidate))
        candidates.extend(candidate for _, candidate in _without_overlaps(found))
    return candidates


def _rank(found: tuple[_Span, NumberCandidate]) -> tuple[bool, bool, bool, bool, int, int]:
    """Of overlapping readings, the best first: a key printed on the number's own line, then valid, then the longest.

    A key printed beside the number is what the letter says, even when it is wrong: reading the number without
    it (and computing the key) would report a number the letter does not give.
    """
    span, candidate = found
    keyed_here = not candidate.key_missing and not _KEY_ON_NEXT_LINE.search(span.raw)
    return (
        not keyed_here,
        not candidate.valid,
        not span.strict,
        candidate.key_missing,
        span.start - span.end,
        span.start,
    )


def _without_overlaps(found: list[tuple[_Span, NumberCandidate]]) -> list[tuple[_Span, NumberCandidate]]:
    """Where readings overlap keep the best (:func:`_rank`)."""
    # The readings kept never overlap, so in order of start they are in order of end too: a new reading can only
    # overlap its neighbours there (checking them all made a page of digits quadratic: seconds for 20,000 chars).
    kept: list[tuple[_Span, NumberCandidate]] = []
    starts: list[int] = []
    for span, candidate in sorted(found, key=_rank):
        at = bisect.bisect_right(starts, span.start)
        if (at == 0 or kept[at - 1][0].end <= span.start) and (at == len(kept) or span.end <= kept[at][0].start):
            kept.insert(at, (span, candidate))
            starts.insert(at, span.start)
    return kept


def _printed_like_a_number(raw: str) -> bool:
    """Whether the body of a text layer's number (its 13 characters, the key aside) is separated as printed.

    One kind of separator, and no comma.

    >>> [_printed_like_a_number(t) for t in ("1 85 12 75 123 456", "1.85.12.75.123.456", "273 105.9 12,108,2")]
    [True, True, False]
    """
    separators = [sep.strip(" \t\n\u00a0") for sep in _SEPARATOR.findall(raw.strip())]
    return not any("," in sep for sep in separators) and len(set(separators)) <= 1


def amounts(text: str) -> bool:
    """Whether digits are amounts side by side in a table's row, however OCR spaced them.

    Two decimal commas, or a minus sign.

    >>> amounts("275641 0,40 -11,03"), amounts("2 97 38, 9,9 352 380 87")
    (True, False)
    """
    return len(_DECIMAL.findall(text)) >= 2 or bool(_NEGATIVE.search(text))


def _candidate(span: _Span, unsure: set[int], page: int, line: int, ocr: bool = True) -> NumberCandidate | None:
    read = read_digits(span.chars)
    if read is None:
        return None
    value, letters = read
    if max(value[:13].count(ch) for ch in set(value[:13])) >= 10:
        return None  # one stroke over and over: box borders read as "|" or "1", never a number
    if amounts(span.raw):
        return None
    printed_body = span.raw[: span.offsets[12] - span.start + 1]
    if not ocr and not (span.strict and _printed_like_a_number(printed_body)):
        return None  # a text layer's digits side by side that a printed number would not be (table cells, amounts)
    if (not span.strict or span.glued) and (letters or not nir.is_valid(value)):
        return None  # loosely grouped digits are a number only when read cleanly and the key confirms them
    if span.glued and (not ocr or any(offset in unsure for offset in span.offsets)):
        return None
    unsure_digits = frozenset(i for i, offset in enumerate(span.offsets) if ocr and offset in unsure) - letters
    doubtful = letters | unsure_digits
    key_missing = len(value) == 13
    repaired = bool(letters)
    try:
        value = nir.validate(value)
        valid = True
    except nir.ValidationError:
        repaired_values = repairs(value, letters, unsure_digits) if ocr and doubtful and not key_missing else set()
        if len(repaired_values) == 1:
            value, valid, repaired = repaired_values.pop(), True, True
        elif doubtful or not misprint_shape(value):
            return None
        else:
            valid = False
    return NumberCandidate(
        value=value,
        raw=span.raw,
        status=None,
        valid=valid,
        repaired=repaired,
        key_missing=key_missing,
        page=page,
        line=line,
    )
