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

# "ni" is often read "m" ("défimtf" on a fax): spelled either way, so that two more errors are still allowed.
_DEFINITIF = regex.compile(r"\b(?:d[ée]fi(?:ni|m)ti(?:f|ve)s?){e<=2}\b", regex.IGNORECASE | regex.BESTMATCH)
_PROVISOIRE = regex.compile(r"\b(?:provisoires?){e<=2}\b|\btemporaires?\b", regex.IGNORECASE | regex.BESTMATCH)
_ATTENTE = regex.compile(
    r"(?:identification\s+d.attente){e<=2}|(?:num[ée]ro\s+d.attente){e<=1}|\bNIA\b(?![/\-_]\w)", regex.IGNORECASE
)
SSN_WORDS = r"(?:s[ée]curit[ée]\s+sociale){e<=2}"
"""The number's own name, "sécurité sociale", as OCR reads it (two errors): every label of it says so."""
REGISTRATION_WORDS = r"(?:immatricul){e<=1}"
""""immatriculation", "immatriculé(e)": the registration the number records."""
SHORT_NAMES = r"\bNIR\b|\bNIA\b|\bINSEE\b"
"""The number's acronyms: NIR (the number), NIA (the waiting number), INSEE (who gives it)."""
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
_FOREIGN_LABEL = regex.compile(
    r"(?:\bdossier|\br[ée]f[ée]rences?|\br[ée]f\b|\bcarte\b|\bcontrat|\ballocataire|\bfacture|\bclient"
    r"|\bcompte\b|\bsiret|\bsiren|\biban|\bbic\b|\bt[ée]l[ée]phone|\bt[ée]l\b|\bfax\b|\bfiscal|\bavis\b"
    r"|\bcommande|\badh[ée]rent|\bpolice\b|\bsuivi\b|\bcolis|\binstitution|\bagence|\bpoint\s+de"
    r"|\bfinesset?\b|\bbordereau|\bmandat)[^\n\d]{0,28}$",
    regex.IGNORECASE,
)
"""The label of another kind of number right before one ("N° de dossier :", "Référence à rappeler :", "N° de la
carte :"): a number so labelled is not a social security number, whatever its digits."""
NUMBER_LABEL = regex.compile(r"(?:\bn\s?[°º]|\bno\.|\bnum[ée]ro)\s*:?\s*$", regex.IGNORECASE)
"""The end of the text just before a number that labels it as one ("Mme Leïla EL AMRANI - N° 2 05 23 ...")."""
DIGIT_RUN = regex.compile(r"\d(?:[\d\s\p{P}\p{S}]*\d)?")
"""Digits with only spaces, punctuation or symbols between them: a number, however OCR cut it."""
_NIR_CONTEXT = regex.compile(
    rf"{SSN_WORDS}|{REGISTRATION_WORDS}|\bNIR\b|\bN°\s*SS\b|(?:num[ée]ro\s+d.assur[ée]){{e<=1}}"
    r"|\bn\s?[°º]\s*d.assur[ée]|num[ée]ro\s+de\s+l.assur[ée]|\bINSEE\b|(?:identification\s+personnel){e<=1}|\bassur[ée](?:\(e\))?\s*:"
    r"|(?:inscription\s+au\s+r[ée]pertoire){e<=2}",
    regex.IGNORECASE,
)

_POINTS_TO_NUMBER = regex.compile(
    r"(?:num[ée]ro|\bNIR\b|\bNIA\b|immatriculation)[^.;\d]{0,60}?"
    r"(?:ci-dessous|ci-apr[èe]s|ci-contre|plus\s+bas|dans\s+l.encadr[ée]|dans\s+le\s+cadre|en\s+bas\s+de)",
    regex.IGNORECASE,
)
"""A sentence that sends the reader to the number printed elsewhere ("votre numéro de sécurité sociale est
reproduit plus bas, dans l'encadré", "Vous trouverez votre numéro dans le cadre « Vos références »")."""

_BIRTH_DATE = regex.compile(r"\b\d{1,2}[/.-](\d{2})[/.-](?:19|20)(\d{2})\b")

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
            (_DEFINITIF, NirStatus.DEFINITIF),
            (_PROVISOIRE, NirStatus.PROVISOIRE),
            (_ATTENTE, NirStatus.PROVISOIRE),
            (_NIR_CONTEXT, None),
        ):
            for match in pattern.finditer(line.text):
                if pattern in (_DEFINITIF, _PROVISOIRE) and not _about_number(
                    line.text, match.start(), match.end(), above
                ):
                    continue
                if pattern is _DEFINITIF and _not_yet(line.text, match.start(), match.end()):
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
    text_of = {(line.page, line.index): line.text for line in lines}
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


def column_of(line_text: str, raw: str) -> int:
    first = raw.split("\n", 1)[0]
    index = line_text.find(first)
    return index if index >= 0 else 0


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


def keyless_beside_keyed(candidates: Sequence[NumberCandidate], lines: Sequence[TextLine] = ()) -> frozenset[int]:
    """The 13-digit runs (key computed) of a letter that prints another number with its key: references.

    A letter that prints the person's number with its key prints it so; "enregistrée sous le n° 2024285982050"
    beside it is a file number, whatever its digits. Not so a run the letter names as a social security number
    ("N° de sécurité sociale (NIR) 1 6 5 0 2 ..." on a form that also prints a child's number), nor one beside the
    birth date it encodes ("18/11/1988 2881199216676": a file number never does).

    >>> lines = [TextLine('Enregistrée sous le n° 2024285982050', 1, 0),
    ...          TextLine('N° de sécurité sociale (NIR) 1 6 5 0 2 5 4 0 3 6 8 5 8', 1, 1),
    ...          TextLine('Enfant : Lucía 25/06/2014 2 14 06 94 085 959 53', 1, 2)]
    >>> sorted(keyless_beside_keyed(find_numbers(lines), lines))
    [0]
    """
    keyed = {c.value for c in candidates if c.valid and not c.key_missing}
    if not keyed:
        return frozenset()
    text_of = {(line.page, line.index): line.text for line in lines}
    return frozenset(
        n
        for n, c in enumerate(candidates)
        if c.key_missing
        and c.value not in keyed
        and not _NIR_CONTEXT.search(label_before(c, text_of))
        and not _beside_its_birth_date(c, text_of.get((c.page, c.line), ""))
    )


def _beside_its_birth_date(candidate: NumberCandidate, line_text: str) -> bool:
    """Whether the number's line prints a date whose month and year the number encodes (its holder's birth date)."""
    year, month = candidate.value[1:3], candidate.value[3:5]
    return any(m.group(1) == month and m.group(2) == year for m in _BIRTH_DATE.finditer(line_text))


def label_before(
    candidate: NumberCandidate, text_of: dict[tuple[int, int], str], reach: int = 60, labels_only: bool = True
) -> str:
    """The words just before a number: on its line, or, when it starts its line, at the end of the line above.

    With ``labels_only``, the line above counts only when it ends with ":", as a label does.
    """
    line_text = text_of.get((candidate.page, candidate.line), "")
    start = column_of(line_text, candidate.raw)
    before = line_text[max(0, start - reach) : start]
    above = text_of.get((candidate.page, candidate.line - 1), "")
    if not before.strip(" \t") and (above.rstrip().endswith(":") or not labels_only):
        before = above[-reach:]
    return before


def foreign_numbers(candidates: Sequence[NumberCandidate], lines: Sequence[TextLine]) -> frozenset[int]:
    """The candidates labelled as another kind of number, with no word of the social security number in the label.

    "N° de dossier :", "Référence à rappeler :", "N° de la carte :" label numbers that are not the person's.

    >>> lines = [TextLine('N° de dossier : 2026344864993', 1, 0), TextLine('Référence à rappeler :', 1, 1),
    ...          TextLine('2025342306007', 1, 2), TextLine('N° de sécurité sociale (réf.) : 1 85 12 75 123 456 88',
    ...          1, 3)]
    >>> sorted(foreign_numbers(find_numbers(lines), lines))
    [0, 1]
    """
    text_of = {(line.page, line.index): line.text for line in lines}
    foreign = set()
    for n, candidate in enumerate(candidates):
        label = label_before(candidate, text_of)
        about = (_NIR_CONTEXT, _ATTENTE, _DEFINITIF, _PROVISOIRE)
        if _FOREIGN_LABEL.search(label) and not any(pattern.search(label) for pattern in about):
            foreign.add(n)
    return frozenset(foreign)


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
