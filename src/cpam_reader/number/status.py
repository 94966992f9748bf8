"""What the letter's words say about each number: definitive, provisional or neither (the choice: ``choice``).

Keywords are matched fuzzily (OCR drops accents and confuses letters) and tied to a number by position in
reading order: the same line first (nearest, preceding words weigh more than following ones), then the lines
above, then the line below. "Attestation provisoire" is about the attestation, not the number, and is ignored.
The first digit (7/8 for provisional numbers) never decides: only the words do.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

import regex

from cpam_reader.base.result import NirStatus, NumberCandidate
from cpam_reader.base.text import TextLine
from cpam_reader.number.finder import find_numbers  # noqa: F401  (the doctests find their numbers with it)
from cpam_reader.number.labels import NUMBER_LABEL, column_of, label_before, line_texts
from cpam_reader.number.words import ATTENTE, DEFINITIF, NIR_CONTEXT, PROVISOIRE, REGISTRATION_WORDS, SSN_WORDS

_ABOUT_NUMBER = regex.compile(
    rf"(?:num[ée]ro){{e<=1}}|{REGISTRATION_WORDS}|(?:identifiant|identification){{e<=1}}"
    rf"|{SSN_WORDS}|\bn°|\bNIR\b|\bNIA\b|\bstatut\b|\bnature\b",
    regex.IGNORECASE,
)
_NOT_ABOUT_NUMBER = regex.compile(
    r"\b(?:attestation|certificat|carte|droits?|code|mot\s+de\s+passe|accord|paiement|d[ée]cision){e<=1}[\s\p{P}]*$",
    regex.IGNORECASE,
)
_NOT_ABOUT_NUMBER_AFTER = regex.compile(r"[\s\p{P}]*(?:de\s+droits|d.affiliation|de\s+paiement)\b", regex.IGNORECASE)
"""A status word counts only when a word like these, or a number, stands close to it ("provisoire de droits": an
attestation's title, its first word lost)."""
_NOT_YET = regex.compile(
    r"^[\s\p{P}]*(?:(?:est|reste|sont)\s+)?(?:en\s+cours|en\s+attente|à\s+venir|vous\s+sera|sera|pourra|interviendra)"
    r"|(?:ne\s+pourr\w*\s+pas|pas\s+encore|avant\s+(?:de|d.|l.|la)|en\s+attendant|dans\s+l.attente|pour\s+obtenir"
    r"|afin\s+(?:de|d.)|attribuer\s+(?:de|d.|un|une|votre)|attribution\s+(?:de|d.)|demande\s+(?:de|d.)"
    r"|instruction\s+de|d[ée]livrer\s+(?:de|d.|un|une|votre))\s+(?:\w+\s+){0,4}$",
    regex.IGNORECASE,
)
"""Around "définitif", words that say the permanent number is not given yet ("L'instruction de votre
immatriculation définitive est en cours", "nous ne pourrons pas vous attribuer de numéro définitif"): the
number such a letter gives is not the permanent one."""
_DIGIT = regex.compile(r"[0-9]")
_SAID_OF_NUMBER = regex.compile(
    r"\d[\s\p{P}]*(?:qui\s+)?(?:est|reste|restera|demeure|demeurera|sera)\s+(?:encore\s+|toujours\s+)?$",
    regex.IGNORECASE,
)
"""A status word said of the number just before it: "7 94 03 99 122 696 91, qui restera provisoire"."""
DIGIT_RUN = regex.compile(r"\d(?:[\d\s\p{P}\p{S}]*\d)?")
"""Digits with only spaces, punctuation or symbols between them: a number, however OCR cut it."""
_POINTS_TO_NUMBER = regex.compile(
    r"(?:num[ée]ro|\bNIR\b|\bNIA\b|immatriculation)[^.;\d]{0,60}?"
    r"(?:ci-dessous|ci-apr[èe]s|ci-contre|plus\s+bas|dans\s+l.encadr[ée]|dans\s+le\s+cadre|en\s+bas\s+de)",
    regex.IGNORECASE,
)
"""A sentence that sends the reader to the number printed elsewhere ("votre numéro de sécurité sociale est
reproduit plus bas, dans l'encadré", "Vous trouverez votre numéro dans le cadre « Vos références »")."""

AMOUNT = regex.compile(r"\d[,.]\d{2}(?=\s|$)|€")
"""Amounts ("2 737,64", "6,90"): digits in a row of a table, never a number that OCR could not read."""

SAME_LINE_REACH = 90
"""Characters between a keyword and a number on one line beyond which they are not tied."""
LINES_ABOVE = 3


@dataclasses.dataclass(frozen=True)
class Keyword:
    status: NirStatus | None
    """None for words that only say "this is a social security number"."""
    page: int
    line: int
    start: int
    end: int
    to_line_end: int = 0
    """Characters after the keyword on its line: of two keywords on the line above a number, the later is nearer."""


def find_keywords(lines: Sequence[TextLine]) -> list[Keyword]:
    """Status words and social-security-number words, with their positions.

    >>> lines = [TextLine('Attestation provisoire de droits', 1, 0), TextLine('Numéro defintif :', 1, 1)]
    >>> [(k.status, k.line) for k in find_keywords(lines)]
    [(<NirStatus.DEFINITIF: 'definitif'>, 1)]
    >>> [k.status for k in find_keywords([TextLine('Votre numéro de sécurité sociale défimtf est :', 1, 0)])]
    [<NirStatus.DEFINITIF: 'definitif'>, None]
    """
    found = []
    for n, line in enumerate(lines):
        above = [other.text for other in lines[max(0, n - 2) : n] if other.page == line.page]
        for pattern, status in (
            (DEFINITIF, NirStatus.DEFINITIF),
            (PROVISOIRE, NirStatus.PROVISOIRE),
            (ATTENTE, NirStatus.PROVISOIRE),
            (NIR_CONTEXT, None),
        ):
            for match in pattern.finditer(line.text):
                if pattern in (DEFINITIF, PROVISOIRE) and not _about_number(
                    line.text, match.start(), match.end(), above
                ):
                    continue
                if pattern is DEFINITIF and _not_yet(line.text, match.start(), match.end()):
                    continue
                found.append(
                    Keyword(status, line.page, line.index, match.start(), match.end(), len(line.text) - match.end())
                )
    return found


def _about_number(text: str, start: int, end: int, above: Sequence[str] = ()) -> bool:
    """Whether a status word at text[start:end] speaks of a number: "numéro ... définitif", "provisoire : 7 84...".

    "Attestation provisoire", "code provisoire" or "mot de passe définitif" are not about the number. A word that
    starts its line continues the line above ("... le numéro 7 03 10 ..., qui restera" / "provisoire tant que"),
    or is the value of a cell whose label is one of the two rows above ("Statut" / "Provisoire").

    >>> _about_number('encore provisoire à ce jour', 7, 17)
    False
    >>> _about_number('provisoire à ce jour, doit figurer', 0, 10, ['Votre numéro 7 70 10 99 127 534 33, encore'])
    True
    >>> _about_number('provisoire de droits', 0, 10, ['Vous trouverez ci-joint votre attestation'])
    False
    >>> _about_number('Provisoire', 0, 10, ['Statut', 'Monsieur ROSSI Luis'])
    True
    >>> _about_number('7.94.03.99.122.696-91, qui restera provisoire tant que', 35, 45)
    True
    """
    before, after = text[max(0, start - 45) : start], text[end : end + 25]
    if len(text[:start].strip()) <= 20 and above:  # near the start of its line: the sentence may begin above
        before = above[-1][-45:] + " " + text[:start]
    if not regex.search(r"\w", text[:start]) and above:
        labels = [row for row in above if len(row) <= 40 and _ABOUT_NUMBER.search(row)]
        if not text[end:].strip(" \t:.") and labels:
            return True  # a cell's value under its label
    if _NOT_ABOUT_NUMBER.search(before[-25:]) or _NOT_ABOUT_NUMBER_AFTER.match(after):
        return False
    return bool(
        _ABOUT_NUMBER.search(before)
        or _ABOUT_NUMBER.search(after)
        or _DIGIT.search(text[max(0, start - 12) : end + 12])
        or _SAID_OF_NUMBER.search(before)
    )


def _not_yet(text: str, start: int, end: int) -> bool:
    """Whether the words around "définitif" at text[start:end] say the permanent number is still to come.

    >>> _not_yet("L'instruction de votre immatriculation définitive est en cours.", 39, 49)
    True
    >>> _not_yet("Sans ces documents, nous ne pourrons pas vous attribuer de numéro définitif.", 66, 75)
    True
    >>> _not_yet("Votre numéro définitif est : 1 85 12 75 123 456 78", 13, 22)
    False
    """
    clause_start = max(text.rfind(".", 0, start), text.rfind(";", 0, start)) + 1
    return bool(_NOT_YET.search(text[end : end + 30]) or _NOT_YET.search(text[clause_start:start]))


def _distance(keyword: Keyword, candidate: NumberCandidate, column: tuple[int, int]) -> float | None:
    """How far a keyword stands from a number in reading order; None when too far to be tied."""
    if keyword.page != candidate.page:
        return None
    start, end = column
    lines_apart = candidate.line - keyword.line
    if lines_apart == 0:
        if keyword.end <= start:
            gap = start - keyword.end
        elif keyword.start >= end:
            gap = int(1.5 * (keyword.start - end))
        else:
            return None
        return gap if gap <= SAME_LINE_REACH else None
    if 0 < lines_apart <= LINES_ABOVE:
        return SAME_LINE_REACH + 60 * lines_apart + min(keyword.to_line_end, 59)
    if lines_apart == -1:
        return SAME_LINE_REACH + 60 * LINES_ABOVE + 60
    return None


def tie_status(
    candidates: Sequence[NumberCandidate], lines: Sequence[TextLine], keywords: Sequence[Keyword] | None = None
) -> tuple[list[NumberCandidate], set[int]]:
    """Give each candidate the status of its nearest status word; also say which ones have NIR words near.

    A number right after "N°" or "numéro" is in context too: labelled as a number, and shaped like this one.

    ``keywords``: :func:`find_keywords` of ``lines``, when the caller has them already.
    """
    keywords = find_keywords(lines) if keywords is None else keywords
    near = _KeywordIndex(keywords)
    text_of = line_texts(lines)
    tied = []
    in_context = set()
    for n, candidate in enumerate(candidates):
        line_text = text_of.get((candidate.page, candidate.line), "")
        start = column_of(line_text, candidate.raw)
        column = (start, start + len(candidate.raw.split("\n", 1)[0]))
        best: tuple[float, Keyword] | None = None
        for keyword in near(candidate, column):
            distance = _distance(keyword, candidate, column)
            if distance is None:
                continue
            if keyword.status is None:
                in_context.add(n)
            elif best is None or distance < best[0]:
                best = (distance, keyword)
        labelled = NUMBER_LABEL.search(label_before(candidate, text_of))
        if best is not None or (labelled and not candidate.key_missing):
            in_context.add(n)  # a bare "N°" is context for a number its printed key confirms the shape of
        tied.append(dataclasses.replace(candidate, status=best[1].status if best else None))
    return tied, in_context


class _KeywordIndex:
    """The keywords that may be tied to a number: on the lines around it, and on its own line within reach.

    Measuring every keyword against every number made a long page of numbers and keywords quadratic (seconds
    for a 60,000-character line); a superset of the keywords :func:`_distance` accepts is picked here, in the
    order they were found, so that of two keywords as near the first still wins.
    """

    def __init__(self, keywords: Sequence[Keyword]) -> None:
        self.keywords = keywords
        self.on_line: dict[tuple[int, int], list[int]] = {}
        for k, keyword in enumerate(keywords):
            self.on_line.setdefault((keyword.page, keyword.line), []).append(k)
        for found in self.on_line.values():
            found.sort(key=lambda k: keywords[k].start)
        self.starts = {key: [keywords[k].start for k in found] for key, found in self.on_line.items()}
        self.longest = {
            key: max(keywords[k].end - keywords[k].start for k in found) for key, found in self.on_line.items()
        }

    def __call__(self, candidate: NumberCandidate, column: tuple[int, int]) -> list[Keyword]:
        page, line = candidate.page, candidate.line
        chosen = [k for above in range(line - LINES_ABOVE, line) for k in self.on_line.get((page, above), ())]
        chosen += self.on_line.get((page, line + 1), ())
        if (page, line) in self.on_line:  # on the number's line: ending SAME_LINE_REACH before it, or starting after
            starts = self.starts[page, line]
            first = bisect.bisect_left(starts, column[0] - SAME_LINE_REACH - self.longest[page, line])
            last = bisect.bisect_right(starts, column[1] + SAME_LINE_REACH)
            chosen += self.on_line[page, line][first:last]
        return [self.keywords[k] for k in sorted(chosen)]


def pointed_to(candidates: Sequence[NumberCandidate], lines: Sequence[TextLine]) -> frozenset[int]:
    """The letter's one number, when a sentence sends the reader to it ("reproduit plus bas, dans l'encadré").

    A letter may name its number in a sentence and print it further down, alone in a box: the number so pointed
    to is the letter's when it is the only one (a letter with several numbers leaves the choice to their labels).

    >>> lines = [TextLine('Votre numéro de sécurité sociale est reproduit plus bas.', 1, 0)] + [
    ...     TextLine(f'ligne {i}', 1, i) for i in range(1, 6)] + [TextLine('8041099134298', 1, 6)]
    >>> sorted(pointed_to(find_numbers(lines), lines))
    [0]
    """
    if not any(_POINTS_TO_NUMBER.search(line.text) for line in lines):
        return frozenset()
    values = {c.value for c in candidates if c.valid}
    if len(values) != 1:
        return frozenset()
    return frozenset(n for n, c in enumerate(candidates) if c.value in values)


def labelled_closely(candidates: Sequence[NumberCandidate], keywords: Sequence[Keyword]) -> frozenset[int]:
    """The candidates named closely: by a status, or by the social security number's words on their line or above.

    "N° de sécurité sociale :" on the line above names a number; "immatriculation" a few lines away does not.
    """
    named = {(k.page, k.line) for k in keywords if k.status is None}
    return frozenset(
        n
        for n, c in enumerate(candidates)
        if c.status is not None or (c.page, c.line) in named or (c.page, c.line - 1) in named
    )


def status_of_the_letter(
    candidates: Sequence[NumberCandidate], in_context: set[int], keywords: Sequence[Keyword]
) -> list[NumberCandidate]:
    """The letter's one status given to its one number, when no number is tied to a status word.

    "Votre numéro de sécurité sociale définitif ..." in the first paragraph, the number in a box further down:
    when the letter holds one number and speaks of one status only, that number has that status.

    >>> lines = [TextLine('Votre numéro définitif vous a été attribué.', 1, 0)] + [
    ...     TextLine(f'ligne {i}', 1, i) for i in range(1, 6)] + [TextLine('N° 1 85 12 75 123 456 88', 1, 6)]
    >>> candidates, context = tie_status(find_numbers(lines), lines)
    >>> [c.status for c in candidates], [c.status for c in status_of_the_letter(candidates, context,
    ...                                                                         find_keywords(lines))]
    ([None], [<NirStatus.DEFINITIF: 'definitif'>])
    """
    if any(c.status for c in candidates):
        return list(candidates)
    values = {c.value for n, c in enumerate(candidates) if n in in_context or (c.valid and len(candidates) == 1)}
    statuses = {k.status for k in keywords if k.status is not None}
    if len(values) != 1 or len(statuses) != 1:
        return list(candidates)
    (value,), (status,) = values, statuses
    return [dataclasses.replace(c, status=status) if c.value == value else c for c in candidates]
