"""Finding phrases in letters whatever OCR did to them: the one fuzzy matching of the letter layer.

Used by the classifier, the purpose, the documents asked for, the dates and the caisse's name.

Phrases are matched on :func:`normalise`\\ d text (lowercase, no accents, plain apostrophes and spaces), as whole
words, with an error budget that grows with the phrase (a :class:`Budget`; for the classifier's cues none under 6
characters, 1 under 14, else 2): a fax's "pieces justifìcatives" or "dossler incomplet" still counts, "rib" never
matches "rio". Each kind of word has its budget here, and nowhere else.

:func:`find_phrase` finds what one fuzzy pattern over the whole letter would, in a few milliseconds a letter
instead of tens: exact phrases first, and fuzzily only where an intact piece of a phrase is.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import unicodedata
from collections.abc import Sequence

import regex

_APOSTROPHES = regex.compile(r"[’`´]")
_SPACES = regex.compile(r"\s+")


def normalise(text: str) -> str:
    """Lowercase, accents removed, apostrophes and spaces made plain: how phrases are matched.

    >>> normalise("Numéro  d’Identification\\nd'Attente")
    "numero d'identification d'attente"
    """
    text = unicodedata.normalize("NFKD", text)
    text = text.translate({ord(ch): None for ch in set(text) if unicodedata.combining(ch)}).lower()
    return _SPACES.sub(" ", _APOSTROPHES.sub("'", text)).strip()


def normalise_lines(text: str) -> str:
    """:func:`normalise` line by line, keeping the line breaks."""
    return "\n".join(normalise(line) for line in text.splitlines())


@dataclasses.dataclass(frozen=True)
class Budget:
    """The errors a fuzzy match may carry, by the length of what it matches.

    None under ``exact_below`` characters, one under ``one_below``, else two. Each kind of word has its own,
    measured on the corpus.
    """

    exact_below: int
    one_below: int

    def errors(self, phrase: str) -> int:
        """The errors a match of ``phrase`` may carry.

        >>> DOCUMENT_ERRORS.errors("passeport"), MONTH_ERRORS.errors("mars"), PLACE_ERRORS.errors("gers")
        (1, 1, 0)
        """
        return 0 if len(phrase) < self.exact_below else 1 if len(phrase) < self.one_below else 2


CUE_ERRORS = Budget(6, 14)
"""The classifier's and the purpose's phrases ("pieces justificatives", "rib")."""
DOCUMENT_ERRORS = Budget(8, 14)
"""Names of the documents a letter asks for: "passeport" may be misread once, "rib" never."""
MONTH_ERRORS = Budget(4, 7)
"""French month names in dates ("12 rnars 2025")."""
PLACE_ERRORS = Budget(5, 7)
"""Department names in the caisse's name ("CPAM de l'lsère")."""


def errors_allowed(phrase: str, budget: Budget = CUE_ERRORS) -> int:
    """The errors a match of the phrase may carry.

    >>> errors_allowed("rib"), errors_allowed("signature"), errors_allowed("pieces justificatives")
    (0, 1, 2)
    """
    return budget.errors(phrase)


_WHOLE = r"\b(?:{})\b"
"""Phrases as whole words: not inside a longer word."""


@functools.cache
def fuzzy_pattern(phrases: tuple[str, ...], budget: Budget = CUE_ERRORS) -> regex.Pattern[str]:
    """The phrases as whole words, each with the errors it may carry, the match with fewest errors preferred.

    Where two phrases match at the same place, the one listed first wins: list the longer first.
    """
    parts = [
        rf"(?:{regex.escape(p)}){{e<={errors}}}" if (errors := budget.errors(p)) else regex.escape(p) for p in phrases
    ]
    return regex.compile(_WHOLE.format("|".join(parts)), regex.BESTMATCH)


@functools.cache
def _exact_pattern(phrases: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(_WHOLE.format("|".join(regex.escape(phrase) for phrase in phrases)))


@functools.cache
def pieces(phrase: str, budget: Budget = CUE_ERRORS) -> tuple[str, ...]:
    """The phrase cut in one piece more than the errors it may carry: any match of it keeps a piece intact.

    >>> pieces("pieces justificatives"), pieces("signature"), pieces("rib")
    (('pieces ', 'justifi', 'catives'), ('sign', 'ature'), ('rib',))
    """
    errors = budget.errors(phrase)
    cuts = [round(i * len(phrase) / (errors + 1)) for i in range(errors + 2)]
    return tuple(phrase[start:end] for start, end in itertools.pairwise(cuts))


def search_phrase(phrases: Sequence[str], normal: str, budget: Budget = CUE_ERRORS) -> regex.Match[str] | None:
    """Where in normalised text one of the phrases is: what ``fuzzy_pattern(phrases, budget).search`` finds.

    A best match with no error is the first exact match, which a plain search finds. Otherwise a phrase can only
    match around an intact piece of it (each error spoils at most one piece): each phrase is first looked for in
    those places alone, and the whole pattern runs over the letter (a millisecond) only when one is found there,
    which is rare: most phrases are not in a letter.

    >>> search_phrase(("passeport",), "copie de votre passport", DOCUMENT_ERRORS).span()
    (15, 23)
    """
    phrases = tuple(phrases)
    exact = _exact_pattern(phrases).search(normal)
    if exact:
        return exact
    fuzzy = [phrase for phrase in phrases if budget.errors(phrase)]
    if not any(fuzzy_pattern((phrase,), budget).search(_places(phrase, normal, budget)) for phrase in fuzzy):
        return None
    return fuzzy_pattern(phrases, budget).search(normal)


def find_phrase(phrases: Sequence[str], normal: str, budget: Budget = CUE_ERRORS) -> str | None:
    """The words of normalised text that match one of the phrases (:func:`search_phrase`), or None.

    >>> find_phrase(("pieces justificatives", "rib"), "merci de joindre les pieces justifìcatives")
    'pieces justifìcatives'
    >>> find_phrase(("rib",), "rio de janeiro") is None
    True
    """
    match = search_phrase(phrases, normal, budget)
    return match.group() if match else None


def near(phrases: Sequence[str], others: Sequence[str], normal: str, reach: int = 200) -> bool:
    """Whether one of ``phrases`` is named within ``reach`` characters of one of ``others`` (the same passage).

    >>> near(("rib",), ("remboursement",), "un rib pour le remboursement de vos soins")
    True
    >>> near(("rib",), ("remboursement",), "un rib" + " ." * 200 + " suivez vos remboursements")
    False
    """
    pattern = fuzzy_pattern(others)
    for match in fuzzy_pattern(phrases).finditer(normal):
        if pattern.search(normal, max(0, match.start() - reach), match.end() + reach):
            return True
    return False


def first_at(phrases: Sequence[str], normal: str) -> float:
    """Where the first of the phrases stands in the text (infinity when none does)."""
    found = search_phrase(phrases, normal)
    return found.start() if found else float("inf")


def _places(phrase: str, normal: str, budget: Budget) -> str:
    """The stretches of text where the phrase could match (around each piece of it, with room for its errors)."""
    errors = budget.errors(phrase)
    spans = []
    offset = 0
    for piece in pieces(phrase, budget):
        at = normal.find(piece)
        while at >= 0:
            spans.append((max(0, at - offset - errors - 1), at - offset + len(phrase) + 2 * errors + 1))
            at = normal.find(piece, at + 1)
        offset += len(piece)
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return "\n".join(normal[start:stop] for start, stop in merged)
