"""The words that name the social security number and its status, as OCR reads them: one place for them.

``status`` finds them to tie a status to each number, ``labels`` reads them in the label before a number, and
``second_look`` looks for them to know where to read the number again. Fuzzy (``{e<=n}``): OCR drops accents and
confuses letters.
"""

from __future__ import annotations

import regex

# "ni" is often read "m" ("défimtf" on a fax): spelled either way, so that two more errors are still allowed.
DEFINITIF = regex.compile(r"\b(?:d[ée]fi(?:ni|m)ti(?:f|ve)s?){e<=2}\b", regex.IGNORECASE | regex.BESTMATCH)
PROVISOIRE = regex.compile(r"\b(?:provisoires?){e<=2}\b|\btemporaires?\b", regex.IGNORECASE | regex.BESTMATCH)
ATTENTE = regex.compile(
    r"(?:identification\s+d.attente){e<=2}|(?:num[ée]ro\s+d.attente){e<=1}|\bNIA\b(?![/\-_]\w)", regex.IGNORECASE
)
SSN_WORDS = r"(?:s[ée]curit[ée]\s+sociale){e<=2}"
"""The number's own name, "sécurité sociale", as OCR reads it (two errors): every label of it says so."""
REGISTRATION_WORDS = r"(?:immatricul){e<=1}"
""""immatriculation", "immatriculé(e)": the registration the number records."""
SHORT_NAMES = r"\bNIR\b|\bNIA\b|\bINSEE\b"
"""The number's acronyms: NIR (the number), NIA (the waiting number), INSEE (who gives it)."""

NIR_CONTEXT = regex.compile(
    rf"{SSN_WORDS}|{REGISTRATION_WORDS}|\bNIR\b|\bN°\s*SS\b|(?:num[ée]ro\s+d.assur[ée]){{e<=1}}"
    r"|\bn\s?[°º]\s*d.assur[ée]|num[ée]ro\s+de\s+l.assur[ée]|\bINSEE\b|(?:identification\s+personnel){e<=1}|\bassur[ée](?:\(e\))?\s*:"
    r"|(?:inscription\s+au\s+r[ée]pertoire){e<=2}",
    regex.IGNORECASE,
)
"""Words that name the social security number itself: "sécurité sociale", "immatriculation", NIR, "n° d'assuré"."""
