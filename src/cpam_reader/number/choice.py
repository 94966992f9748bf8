"""Which number the letter gives: the definitive one, else the provisional one, else one it merely carries.

``status`` says what the words say of each number; here the candidates are weighed: numbers the letter calls old
are never its answer, a number announced but not read is said (``number_not_read``), and several numbers of the
same standing make the choice unsafe. :func:`read_numbers` is the number-finding stage, from rows of text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import regex

from cpam_reader.base.result import NirChoice, NirStatus, NumberCandidate, NumberWarning
from cpam_reader.base.text import TextLine
from cpam_reader.number import nir
from cpam_reader.number.finder import find_numbers
from cpam_reader.number.labels import column_of, foreign_numbers, keyless_beside_keyed, label_before, line_texts
from cpam_reader.number.status import (
    AMOUNT,
    DIGIT_RUN,
    SAME_LINE_REACH,
    Keyword,
    find_keywords,
    labelled_closely,
    pointed_to,
    status_of_the_letter,
    tie_status,
)

_OLD_BEFORE = regex.compile(
    r"(?:\bancien|pr[ée]c[ée]dent|remplac(?:e|er|era)\b(?!\s+par)|ne\s+plus\s+utiliser|n.est\s+plus\s+valable"
    r"|annul[ée]|jusqu.(?:ici|[àa]\s+pr[ée]sent)){e<=1}(?:(?!\bpar\b)[^\d]){0,60}$",
    regex.IGNORECASE,
)
_OLD_AFTER = regex.compile(
    r"^[^\d]{0,12}(?:(?:(?:est|sera|a\s+[ée]t[ée])\s+)?(?:remplac[ée]\s+par|annul[ée]|n.est\s+plus\s+valable|ne\s+(?:doit\s+)?plus\s+(?:[êe]tre\s+)?utilis)"
    r"|(?:est|sera|a\s+[ée]t[ée])\s+remplac[ée]){e<=1}",
    regex.IGNORECASE,
)
"""Words that make a number the old one ("ancien numéro", "remplace votre numéro provisoire", "... est remplacé
par"): a letter giving a new number may quote the one it replaces. After the number, only the passive says so:
"1 85 ... remplace votre numéro provisoire" is the new number."""


def read_numbers(lines: Sequence[TextLine], *, partial: bool = False) -> tuple[list[NumberCandidate], NirChoice]:
    """Every number in the text with its status, and the one the letter gives (the number-finding stage).

    ``partial``: the text is part of a page (a zoomed screenshot), so a number announced where the view ends
    counts as one not read (:func:`announced_out_of_view`).
    """
    keywords = find_keywords(lines)
    found = find_numbers(lines)
    foreign = foreign_numbers(found, lines) | keyless_beside_keyed(found, lines)
    candidates, in_context = tie_status([c for n, c in enumerate(found) if n not in foreign], lines, keywords)
    in_context |= pointed_to(candidates, lines)
    candidates = status_of_the_letter(candidates, in_context, keywords)
    unread = unread_statuses(lines, candidates, keywords)
    if partial:
        unread |= announced_out_of_view(lines, candidates, keywords)
    strong = labelled_closely(candidates, keywords)
    return candidates, choose_nir(candidates, in_context, unread, old_numbers(candidates, lines), strong)


def old_numbers(candidates: Sequence[NumberCandidate], lines: Sequence[TextLine]) -> frozenset[int]:
    """The candidates the letter calls old, by the words on their line or at the end of the line above.

    "ancien numéro", "remplace votre numéro provisoire ...", "... est remplacé par".

    >>> lines = [TextLine('Votre numéro définitif : 1 85 12 75 123 456 78', 1, 0),
    ...          TextLine('Il remplace votre numéro provisoire 7 85 12 99 350 123 41', 1, 1)]
    >>> candidates, _ = tie_status(find_numbers(lines), lines)
    >>> sorted(old_numbers(candidates, lines))
    [1]
    >>> lines = [TextLine('Le numéro 7 85 12 99 350 123 41 est remplacé par le 1 85 12 75 123 456 78', 1, 0)]
    >>> sorted(old_numbers(find_numbers(lines), lines))
    [0]
    >>> lines = [TextLine('Votre numéro provisoire 8 85 11 99 216 746 68 est remplacé, dès ce jour, par', 1, 0),
    ...          TextLine('votre numéro définitif 2 85 11 99 216 247 91.', 1, 1)]
    >>> sorted(old_numbers(find_numbers(lines), lines))   # "remplacé ... par" names the new one after it
    [0]
    """
    text_of = line_texts(lines)
    old = set()
    for n, candidate in enumerate(candidates):
        line_text = text_of.get((candidate.page, candidate.line), "")
        end = column_of(line_text, candidate.raw) + len(candidate.raw.split("\n", 1)[0])
        before = label_before(candidate, text_of, reach=90, labels_only=False)
        if _OLD_BEFORE.search(before) or _OLD_AFTER.search(line_text[end : end + 40]):
            old.add(n)
    return frozenset(old)


def unread_statuses(
    lines: Sequence[TextLine], candidates: Sequence[NumberCandidate], keywords: Sequence[Keyword] | None = None
) -> frozenset[NirStatus | None]:
    """The statuses the letter announces next to digits that were not read as a number (None: no status said).

    A status word about a number, or words naming the social security number, then on its line (within reach) or
    the next one a run of 13 to 17 digits with only separators between them, and no number read on that line: what
    OCR made of a number ('Rappel de votre numéro provisoire' over '1 61:11,99"223:551:/;18'). The reader reports
    no number rather than a doubtful one, but a person should know that one was there.

    >>> lines = [TextLine('Rappel de votre numéro provisoire', 1, 0), TextLine('1 61:11,99"223:551:/;18', 1, 1)]
    >>> sorted(unread_statuses(lines, []))
    [<NirStatus.PROVISOIRE: 'provisoire'>]
    >>> unread_statuses([TextLine('N° de sécurité sociale : | 69 07 972 06 260 38', 1, 0)], [])
    frozenset({None})
    >>> unread_statuses([TextLine('numéro provisoire, tél. 09 72 72 36 46', 1, 0)], [])
    frozenset()
    """
    keywords = find_keywords(lines) if keywords is None else keywords
    read = {(c.page, c.line) for c in candidates}
    text_of = line_texts(lines)
    unread: set[NirStatus | None] = set()
    for keyword in keywords:
        here = (keyword.page, keyword.line)
        after = (keyword.page, keyword.line + 1)
        for where, text in ((here, text_of[here][keyword.end : keyword.end + SAME_LINE_REACH]), (after, None)):
            text = text_of.get(where, "") if text is None else text
            if where not in read and any(
                13 <= sum(c.isdigit() for c in run.group()) <= 17 and not AMOUNT.search(run.group())
                for run in DIGIT_RUN.finditer(text)
            ):
                unread.add(keyword.status)
    return frozenset(unread)


_WORDS = regex.compile(r"\p{L}{3}")
_ANNOUNCES = regex.compile(r"^[\s\p{L}'’()]{0,25}:?\s*$")
"""What may follow a status word that announces the number after it: a few words, a colon, then nothing."""


def announced_out_of_view(
    lines: Sequence[TextLine], candidates: Sequence[NumberCandidate], keywords: Sequence[Keyword]
) -> frozenset[NirStatus | None]:
    """The statuses announced on a page's last row, with no number after them: the number lies beyond the view.

    A zoomed screenshot may end on "... votre numéro de sécurité sociale définitif :": the definitive number is
    out of view, and the provisional one read above it is the one it replaces.

    >>> lines = [TextLine("N° d'attente 8 74 11 99 127 564 64 qui est", 1, 0),
    ...          TextLine('remplacé par votre numéro définitif :', 1, 1)]
    >>> sorted(announced_out_of_view(lines, find_numbers(lines), find_keywords(lines)))
    [<NirStatus.DEFINITIF: 'definitif'>]
    >>> announced_out_of_view(lines[:1], find_numbers(lines), find_keywords(lines[:1]))
    frozenset()
    >>> sorted(announced_out_of_view([*lines, TextLine('O (®) (®) O', 1, 2)], find_numbers(lines),
    ...                              find_keywords(lines)))
    [<NirStatus.DEFINITIF: 'definitif'>]
    """
    last: dict[int, int] = {}
    for line in lines:  # a screen's bar of icons under the page reads as symbols: not a row of the letter
        if _WORDS.search(line.text):
            last[line.page] = max(last.get(line.page, line.index), line.index)
    text_of = line_texts(lines)
    read = {(c.page, c.line) for c in candidates}
    return frozenset(
        keyword.status
        for keyword in keywords
        if keyword.status is not None
        and keyword.line == last.get(keyword.page)
        and (keyword.page, keyword.line) not in read
        and _ANNOUNCES.match(text_of[keyword.page, keyword.line][keyword.end :])
    )


def choose_nir(
    candidates: Sequence[NumberCandidate],
    in_context: set[int],
    unread: frozenset[NirStatus | None] = frozenset(),
    old: frozenset[int] = frozenset(),
    closely: frozenset[int] | None = None,
) -> NirChoice:
    """The number the letter gives: the definitive one, else the provisional one, else one it merely carries.

    Several different numbers with the same standing make the choice unsafe: no number is reported. ``unread``
    (:func:`unread_statuses`): a number announced but not read adds the warning ``number_not_read`` unless the
    number chosen outranks it (a definitive one read; a provisional one, when only provisional ones were not).
    ``old`` (:func:`old_numbers`): numbers the letter calls old are never its answer (when no other is read, no
    number is, with the warning ``only_old_number``); the one a definitive number replaces is returned as
    ``old``. A provisional number is not the answer either when a definitive one is announced but not read: that
    one replaces it. ``closely`` (:func:`labelled_closely`): a number
    chosen that nothing names on its line or the line above gets the warning ``number_weakly_labelled``.
    """
    keep = [n for n in range(len(candidates)) if n not in old]
    if old and not keep:  # only the number it replaces was read: the letter's own is unread or out of view
        unsaid = (NumberWarning.NOT_READ,) if unread else ()
        return NirChoice(None, (NumberWarning.ONLY_OLD, *unsaid), old=candidates[min(old)])
    if old:
        choice = _choose([candidates[n] for n in keep], {i for i, n in enumerate(keep) if n in in_context})
        quoted = [candidates[n] for n in sorted(old)]
    else:
        choice = _choose(candidates, in_context)
        quoted = []
    chosen = choice.candidate
    named = chosen is None or closely is None or any(candidates[n].value == chosen.value for n in closely)
    if chosen is not None and not named and NumberWarning.WITHOUT_LABEL not in choice.warnings:
        choice = dataclasses.replace(choice, warnings=(*choice.warnings, NumberWarning.WEAKLY_LABELLED))
    if chosen is not None:
        quoted = [c for c in quoted if c.value != chosen.value]
        if not quoted and chosen.status is NirStatus.DEFINITIF:
            quoted = [c for c in candidates if c.status is NirStatus.PROVISOIRE and c.value != chosen.value]
        if quoted:
            choice = dataclasses.replace(choice, old=quoted[0])
    status = chosen.status if chosen else None
    confident = chosen is not None and chosen.valid and not chosen.key_missing and not chosen.repaired and named
    outranked = (
        status is NirStatus.DEFINITIF
        or (status is NirStatus.PROVISOIRE and unread == {NirStatus.PROVISOIRE})
        or (confident and unread == {None})  # read whole, key printed and right, named: the unread digits are not it
    )
    if status is NirStatus.PROVISOIRE and NirStatus.DEFINITIF in unread:  # the letter's number is the other one
        return NirChoice(None, (NumberWarning.NOT_READ,), old=chosen)
    if unread and not outranked:
        return dataclasses.replace(choice, warnings=(*choice.warnings, NumberWarning.NOT_READ))
    return choice


def _choose(candidates: Sequence[NumberCandidate], in_context: set[int]) -> NirChoice:
    sure = [c for c in candidates if c.valid or c.status is not None]
    for status in (NirStatus.DEFINITIF, NirStatus.PROVISOIRE):
        values = {c.value for c in sure if c.status is status}
        if len(values) == 1:
            return _with_warnings(next(c for c in sure if c.status is status))
        if len(values) > 1:
            return NirChoice(None, (NumberWarning.CONFLICTING,))
    carried = [
        c
        for n, c in enumerate(candidates)
        if (c.valid and not c.key_missing and len(candidates) == 1) or n in in_context
    ]  # a lone number with no label counts when its printed key confirms it; a 13-digit run alone is a reference
    values = {c.value for c in carried}
    if len(values) == 1:
        labelled = any(c.value in values for n, c in enumerate(candidates) if n in in_context)
        unlabelled = () if labelled else (NumberWarning.WITHOUT_LABEL,)
        return _with_warnings(carried[0], NumberWarning.WITHOUT_STATUS, *unlabelled)
    if len(values) > 1:
        return NirChoice(None, (NumberWarning.CONFLICTING,))
    return NirChoice(None, ())


def _with_warnings(candidate: NumberCandidate, *extra: NumberWarning) -> NirChoice:
    warnings = list(extra)
    if not candidate.valid:
        warnings.append(NumberWarning.INVALID_KEY)
    if candidate.repaired:
        warnings.append(NumberWarning.REPAIRED)
    if candidate.key_missing:
        warnings.append(NumberWarning.KEY_MISSING)
    if candidate.value == nir.SPECIMEN:
        warnings.append(NumberWarning.SPECIMEN)
    return NirChoice(candidate, tuple(warnings))
