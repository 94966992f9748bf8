"""What the applicant page shows of a result, decided here so that the page only displays it.

The page (``static/``) had its own copy of the number's grouping, of when a reading is "unsure" and of when a photo
is "unreadable"; two copies of a rule drift apart. :func:`page_view` holds them once, in Python, next to the rules
they follow (:mod:`cpam_reader.letter.review`, :func:`cpam_reader.number.nir.format`). The service adds its output
to a result as ``display`` when the page asks for it (``POST /v1/letters?view=page``); the result itself is the
same as everywhere else.
"""

from __future__ import annotations

from typing import Any

from cpam_reader.base.result import LetterResult, LetterType, NoticeCode, NumberWarning, ReviewReason
from cpam_reader.letter.review import LOW_CONFIDENCE
from cpam_reader.number import nir

UNREADABLE_CONFIDENCE = 0.5
"""A letter of no known kind read with less confidence than this, and no number: the photo is taken as unreadable."""

_DOUBTFUL_WARNINGS = (
    NumberWarning.REPAIRED,
    NumberWarning.CONFLICTING,
    NumberWarning.NOT_READ,
    NumberWarning.WITHOUT_LABEL,
)
"""Warnings that are doubts about the reading (the others are facts of the letter, told by notices)."""


def _no_number(result: LetterResult) -> str:
    """Why the page says there is no number: ``conflict``, ``old``, ``unread`` or ``none``."""
    if NumberWarning.CONFLICTING in result.warnings:
        return "conflict"
    if NumberWarning.ONLY_OLD in result.warnings:
        return "old"
    if NumberWarning.NOT_READ in result.warnings or ReviewReason.NO_NUMBER in result.review_reasons:
        return "unread"
    return "none"


def unreadable(result: LetterResult) -> bool:
    """Whether the page shows "we could not read this letter" instead of a result.

    A page that made no sense and gave no number, or a letter of no known kind read with little confidence.

    >>> unreadable(LetterResult("a.jpg", letter_type=LetterType.OTHER, letter_type_confidence=0.4))
    True
    >>> unreadable(LetterResult("a.jpg", letter_type=LetterType.OTHER, letter_type_confidence=0.4, nir="1"))
    False
    """
    if result.nir:
        return False
    if ReviewReason.PAGE_UNREADABLE in result.review_reasons:
        return True
    confidence = result.letter_type_confidence
    unknown_kind = result.letter_type in (LetterType.OTHER, None)
    return unknown_kind and confidence is not None and confidence < UNREADABLE_CONFIDENCE


def doubts(result: LetterResult) -> list[str]:
    """The doubts about the number shown, in the order the page lists them; empty when there is no number.

    ``specimen``, ``repaired``, ``key_missing``, ``several``, ``unread``, ``low_confidence``, ``partial_view``.

    >>> doubts(LetterResult("a.pdf", nir="269054958815780", warnings=(NumberWarning.SPECIMEN,)))
    ['specimen']
    >>> doubts(LetterResult("a.pdf", nir="184127645108946", review_reasons=(ReviewReason.REPAIRED_DIGIT,)))
    ['repaired']
    """
    if not result.nir:
        return []
    details = result.nir_details
    same = [candidate for candidate in result.numbers if candidate.value == result.nir]
    notices = {notice.code for notice in result.notices}
    warnings, reasons = set(result.warnings), set(result.review_reasons)
    key_missing = (
        any(c.key_missing for c in same)
        or NumberWarning.KEY_MISSING in warnings
        or bool(details and details.key_missing)
    )
    # The review reason repaired_digit covers both a corrected digit and a computed key.
    repaired = (
        any(c.repaired for c in same)
        or NumberWarning.REPAIRED in warnings
        or (ReviewReason.REPAIRED_DIGIT in reasons and not key_missing)
    )
    found = {
        "specimen": bool(details and details.specimen)
        or NumberWarning.SPECIMEN in warnings
        or NoticeCode.SPECIMEN in notices,
        "repaired": repaired,
        "key_missing": key_missing,
        "several": NumberWarning.CONFLICTING in warnings or ReviewReason.CONFLICTING in reasons,
        "unread": NumberWarning.NOT_READ in warnings,
        "low_confidence": _low_confidence(result),
        "partial_view": ReviewReason.PARTIAL_VIEW in reasons,
    }
    return [name for name, present in found.items() if present]


def _low_confidence(result: LetterResult) -> bool:
    confidence = result.letter_type_confidence
    return (
        confidence is not None and confidence < LOW_CONFIDENCE
    ) or ReviewReason.LOW_CONFIDENCE in result.review_reasons


def _key_invalid(result: LetterResult) -> bool:
    return result.nir_valid is False or any(notice.code is NoticeCode.INVALID_KEY for notice in result.notices)


def page_view(result: LetterResult) -> dict[str, Any]:
    """The page's decisions about one result, JSON-ready.

    ``nir_grouped``: the number as printed on letters ("1 85 12 99 109 045 77"); ``unsure``: the "check this
    number" warning is shown, with ``doubts`` as its reasons and ``key_invalid`` when the key does not match;
    ``no_number``: why no number is shown; ``letter_type_unsure``; ``old_provisional``: the number is temporary and
    from an old letter; ``unreadable``: the page shows "we could not read it" instead.

    >>> view = page_view(LetterResult("a.pdf", nir="184127645108946", nir_valid=True, letter_type_confidence=0.9))
    >>> view["nir_grouped"], view["unsure"], view["no_number"]
    ('1 84 12 76 451 089 46', False, None)
    """
    found = doubts(result)
    warned = bool(set(result.warnings) & set(_DOUBTFUL_WARNINGS)) or bool(result.review_reasons)
    notices = {notice.code for notice in result.notices}
    return {
        "nir_grouped": nir.format(result.nir) if result.nir else None,
        "unsure": bool(result.nir) and (bool(found) or warned or _key_invalid(result)),
        "key_invalid": bool(result.nir) and _key_invalid(result),
        "doubts": found,
        "no_number": None if result.nir else _no_number(result),
        "letter_type_unsure": _low_confidence(result),
        "old_provisional": bool(result.nir) and NoticeCode.OLD_PROVISIONAL in notices,
        "unreadable": unreadable(result),
    }
