"""How OCR misreads a number's characters, and the one-character repairs its key allows.

Letters read for digits are read back (O/o/D/Q→0, I/l/|/!→1, S→5, B→8, Z→2, G→6; A and B kept only as the
Corsica 2A/2B); a digit read unsurely may have been one it is often mistaken for (3/8, 1/7, 5/6...). ``finder``
repairs a number only where its key confirms exactly one such change.
"""

from __future__ import annotations

from cpam_reader.number import nir

CONFUSABLES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "!": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "G": "6",
    }
)
DIGITLIKE = frozenset("0123456789OoDQIl|!SsBZzGA")
"""Characters OCR may read for a digit."""
MISTAKEN_FOR: dict[str, str] = {
    "0": "689",
    "1": "47",
    "2": "37",
    "3": "2589",
    "4": "19",
    "5": "3689",
    "6": "0589",
    "7": "12",
    "8": "035369",
    "9": "03458",
}
"""The digits OCR reads in place of each digit, in a word it is unsure of: the only repairs a read digit admits."""


def read_digits(raw: str) -> tuple[str, frozenset[int]] | None:
    """Map OCR confusions to digits (2A/2B kept at positions 6-7); return the text and the letter positions."""
    chars = list(raw)
    letters = {i for i, ch in enumerate(chars) if not ("0" <= ch <= "9")}
    corsica = raw[5:7] in ("2A", "2B")
    for i, ch in enumerate(chars):
        if corsica and i == 6:
            continue
        if ch == "A":
            return None
        chars[i] = ch.translate(CONFUSABLES)
    return "".join(chars), frozenset(i for i in letters if not (corsica and i == 6))


def repairs(value: str, letters: frozenset[int], unsure: frozenset[int]) -> set[str]:
    """Every valid number one character away from ``value``.

    Any digit where OCR read a letter; a digit it is often mistaken for where it read a digit unsurely.

    >>> sorted(repairs("184057512345699", frozenset(), frozenset({13})))  # '9' unsure: 0, 3, 4, 5 or 8
    []
    >>> sorted(repairs("184057512345626", frozenset(), frozenset({14})))  # '6' unsure: 0, 5, 8 or 9
    ['184057512345625']
    """
    found = set()
    for i in letters | unsure:
        if i in letters:
            alternatives = "0123456789AB" if i == 6 and value[5] == "2" else "0123456789"
        else:
            alternatives = MISTAKEN_FOR.get(value[i], "")
        for ch in alternatives:
            if ch != value[i]:
                candidate = value[:i] + ch + value[i + 1 :]
                if nir.is_valid(candidate):
                    found.add(nir.validate(candidate))
    return found


def misprint_shape(value: str) -> bool:
    """A cleanly read 15-character number whose fields are right and only the key is wrong."""
    if len(value) != 15:
        return False
    try:
        nir.validate(value[:13])
    except nir.ValidationError:
        return False
    return True
