"""Review triage: which results a person should check before trusting them, and why.

An HR team reads hundreds of results; most need no look. A result is sent for review when the reading or the
letter itself gives a reason to doubt it, each reason a stable code:

- ``low_confidence``: the kind of letter was decided with a probability under 0.6;
- ``repaired_digit``: a digit was corrected by the key, or the key was not printed and was computed;
- ``invalid_key``: the number was printed with a key that does not match it;
- ``number_without_status``: a letter about the number does not say whether it is permanent or temporary
  (on the carte Vitale form and other letters, no status is expected);
- ``conflicting_numbers``: several numbers, none clearly the person's;
- ``specimen_number``: the sample number printed on example cards;
- ``old_provisional_number``: a temporary number from a letter more than a year old, when a permanent one
  usually follows within nine months (the caisse's "délai d'instruction");
- ``no_number``: a letter meant to give or carry the number (a number assignment, the pre-filled carte Vitale
  form), where none was found;
- ``number_not_read``: the letter announces a number next to digits that could not be read as one (and no number
  that outranks it was read: a definitive one, or a provisional one when the unread one is provisional too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cpam_reader.result import LetterType, NirStatus

LOW_CONFIDENCE = 0.6
PROVISIONAL_USUAL_DAYS = 365
_LETTERS_ABOUT_THE_NUMBER = (LetterType.NUMBER_ASSIGNMENT, LetterType.DOCUMENTS_REQUEST)


def review_reasons(
    *,
    letter_type: LetterType | None,
    confidence: float | None,
    status: NirStatus | None,
    has_number: bool,
    warnings: Sequence[str],
    letter_date: str | None,
    today: dt.date,
) -> tuple[str, ...]:
    """The reasons to check a result by hand; empty when it can be trusted as it is.

    >>> review_reasons(letter_type=LetterType.NUMBER_ASSIGNMENT, confidence=0.95, status=NirStatus.DEFINITIF,
    ...                has_number=True, warnings=(), letter_date="2025-03-19", today=dt.date(2025, 4, 1))
    ()
    >>> review_reasons(letter_type=LetterType.NUMBER_ASSIGNMENT, confidence=0.5, status=NirStatus.PROVISOIRE,
    ...                has_number=True, warnings=("repaired_number",), letter_date="2023-01-10",
    ...                today=dt.date(2025, 4, 1))
    ('low_confidence', 'repaired_digit', 'old_provisional_number')
    """
    reasons = []
    if confidence is not None and confidence < LOW_CONFIDENCE:
        reasons.append("low_confidence")
    if "repaired_number" in warnings or "key_missing" in warnings:
        reasons.append("repaired_digit")
    for warning in ("invalid_key", "conflicting_numbers", "specimen_number", "number_not_read"):
        if warning in warnings:
            reasons.append(warning)
    if has_number and status is None and letter_type in _LETTERS_ABOUT_THE_NUMBER:
        reasons.append("number_without_status")
    age = (today - dt.date.fromisoformat(letter_date)).days if letter_date else 0
    if status is NirStatus.PROVISOIRE and age > PROVISIONAL_USUAL_DAYS:
        reasons.append("old_provisional_number")
    if not has_number and letter_type in (LetterType.NUMBER_ASSIGNMENT, LetterType.CARTE_VITALE_FORM):
        reasons.append("no_number")
    return tuple(reasons)
