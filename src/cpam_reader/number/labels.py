"""The label just before a number, and what it says: another kind of number, or this one named as the person's.

A number is named by the words printed before it on its line, or at the end of the line above when it starts its
own ("N° de sécurité sociale :" over the number). ``status`` and ``choice`` read labels through :func:`label_before`.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cpam_reader.base.result import NumberCandidate
from cpam_reader.base.text import TextLine
from cpam_reader.number.finder import find_numbers  # noqa: F401  (the doctests find their numbers with it)
from cpam_reader.number.words import ATTENTE, DEFINITIF, NIR_CONTEXT, PROVISOIRE

LineTexts = dict[tuple[int, int], str]
"""Each line's text by (page, line index): how the label readers look up a number's line and the one above."""

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
_BIRTH_DATE = regex.compile(r"\b\d{1,2}[/.-](\d{2})[/.-](?:19|20)(\d{2})\b")


def line_texts(lines: Sequence[TextLine]) -> LineTexts:
    """The text of each line by its (page, index)."""
    return {(line.page, line.index): line.text for line in lines}


def column_of(line_text: str, raw: str) -> int:
    first = raw.split("\n", 1)[0]
    index = line_text.find(first)
    return index if index >= 0 else 0


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
    text_of = line_texts(lines)
    return frozenset(
        n
        for n, c in enumerate(candidates)
        if c.key_missing
        and c.value not in keyed
        and not NIR_CONTEXT.search(label_before(c, text_of))
        and not _beside_its_birth_date(c, text_of.get((c.page, c.line), ""))
    )


def _beside_its_birth_date(candidate: NumberCandidate, line_text: str) -> bool:
    """Whether the number's line prints a date whose month and year the number encodes (its holder's birth date)."""
    year, month = candidate.value[1:3], candidate.value[3:5]
    return any(m.group(1) == month and m.group(2) == year for m in _BIRTH_DATE.finditer(line_text))


def label_before(candidate: NumberCandidate, text_of: LineTexts, reach: int = 60, labels_only: bool = True) -> str:
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
    text_of = line_texts(lines)
    foreign = set()
    for n, candidate in enumerate(candidates):
        label = label_before(candidate, text_of)
        about = (NIR_CONTEXT, ATTENTE, DEFINITIF, PROVISOIRE)
        if _FOREIGN_LABEL.search(label) and not any(pattern.search(label) for pattern in about):
            foreign.add(n)
    return frozenset(foreign)
