"""What the applicant page shows of a result (web/display.py): the rules the page used to hold in JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from cpam_reader.base.facts import NirParts
from cpam_reader.base.result import (
    LetterResult,
    LetterType,
    Notice,
    NoticeCode,
    NumberCandidate,
    NumberWarning,
    ReviewReason,
)
from cpam_reader.interfaces.web.display import page_view
from cpam_reader.number import nir

NUMBER = "184127645108946"  # valid key


def view(**fields: Any) -> dict[str, Any]:
    fields.setdefault("letter_type", LetterType.NUMBER_ASSIGNMENT)
    fields.setdefault("letter_type_confidence", 0.95)
    return page_view(LetterResult("letter.jpg", **fields))


def candidate(value: str = NUMBER, **flags: bool) -> NumberCandidate:
    return NumberCandidate(
        value=value,
        raw=value,
        status=None,
        valid=True,
        repaired=flags.get("repaired", False),
        key_missing=flags.get("key_missing", False),
        page=1,
        line=1,
    )


def test_a_clean_reading_is_sure_and_grouped_as_printed() -> None:
    shown = view(nir=NUMBER, nir_valid=True)
    assert shown == {
        "nir_grouped": "1 84 12 76 451 089 46",
        "unsure": False,
        "key_invalid": False,
        "doubts": [],
        "no_number": None,
        "letter_type_unsure": False,
        "old_provisional": False,
        "unreadable": False,
    }


@pytest.mark.parametrize(
    ("number", "grouped"),
    [
        ("297059712345678", "2 97 05 971 23 456 78"),  # overseas: a three-digit department, a two-digit commune
        ("1850399109045", "1 85 03 99 109 045"),  # key not printed
        ("269052A123456", "2 69 05 2A 123 456"),  # Corsica keeps its letter
    ],
)
def test_the_grouping_is_the_number_rules_one(number: str, grouped: str) -> None:
    assert view(nir=number)["nir_grouped"] == grouped == nir.format(number)


@pytest.mark.parametrize(
    ("fields", "doubt"),
    [
        ({"warnings": (NumberWarning.SPECIMEN,)}, "specimen"),
        ({"nir_details": NirParts.from_dict({**nir.parse(NUMBER).to_dict(), "specimen": True})}, "specimen"),
        ({"numbers": (candidate(repaired=True),)}, "repaired"),
        ({"review_reasons": (ReviewReason.REPAIRED_DIGIT,)}, "repaired"),
        ({"numbers": (candidate(key_missing=True),)}, "key_missing"),
        ({"warnings": (NumberWarning.CONFLICTING,)}, "several"),
        ({"review_reasons": (ReviewReason.CONFLICTING,)}, "several"),
        ({"warnings": (NumberWarning.NOT_READ,)}, "unread"),
        ({"letter_type_confidence": 0.55}, "low_confidence"),
        ({"review_reasons": (ReviewReason.LOW_CONFIDENCE,)}, "low_confidence"),
        ({"review_reasons": (ReviewReason.PARTIAL_VIEW,)}, "partial_view"),
    ],
)
def test_each_doubt_makes_the_reading_unsure_and_is_said(fields: dict[str, Any], doubt: str) -> None:
    shown = view(nir=NUMBER, **fields)
    assert shown["unsure"] is True
    assert shown["doubts"] == [doubt]


def test_a_computed_key_is_not_also_a_repaired_digit() -> None:
    # The review reason repaired_digit covers a computed key too: said once, as the key.
    shown = view(nir=NUMBER, numbers=(candidate(key_missing=True),), review_reasons=(ReviewReason.REPAIRED_DIGIT,))
    assert shown["doubts"] == ["key_missing"]


def test_doubts_come_in_the_pages_order() -> None:
    shown = view(
        nir=NUMBER,
        letter_type_confidence=0.3,
        warnings=(NumberWarning.NOT_READ, NumberWarning.SPECIMEN),
        review_reasons=(ReviewReason.PARTIAL_VIEW, ReviewReason.REPAIRED_DIGIT),
    )
    assert shown["doubts"] == ["specimen", "repaired", "unread", "low_confidence", "partial_view"]


def test_a_key_that_does_not_match_is_unsure_without_a_listed_doubt() -> None:
    invalid = Notice(NoticeCode.INVALID_KEY, "The key does not match.", "La clé ne correspond pas.")
    for fields in ({"nir_valid": False}, {"notices": (invalid,)}):
        shown = view(nir=NUMBER, **fields)
        assert (shown["unsure"], shown["key_invalid"], shown["doubts"]) == (True, True, [])


def test_a_number_without_a_label_is_unsure_but_facts_of_the_letter_are_not() -> None:
    assert view(nir=NUMBER, warnings=(NumberWarning.WITHOUT_LABEL,))["unsure"] is True
    # Told by notices, not doubts about the reading.
    assert view(nir=NUMBER, warnings=(NumberWarning.WITHOUT_STATUS,))["unsure"] is False


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"warnings": (NumberWarning.CONFLICTING, NumberWarning.NOT_READ)}, "conflict"),
        ({"warnings": (NumberWarning.ONLY_OLD, NumberWarning.NOT_READ)}, "old"),
        ({"warnings": (NumberWarning.NOT_READ,)}, "unread"),
        ({"review_reasons": (ReviewReason.NO_NUMBER,)}, "unread"),
        ({}, "none"),
    ],
)
def test_why_no_number_is_shown(fields: dict[str, Any], why: str) -> None:
    shown = view(**fields)
    assert (shown["nir_grouped"], shown["no_number"], shown["unsure"], shown["doubts"]) == (None, why, False, [])


def test_the_old_temporary_number_notice_is_shown_with_its_number() -> None:
    old = Notice(NoticeCode.OLD_PROVISIONAL, "old", "ancien")
    assert view(nir="812057512345678", notices=(old,))["old_provisional"] is True
    assert view(notices=(old,))["old_provisional"] is False


@pytest.mark.parametrize(
    ("fields", "unreadable"),
    [
        ({"letter_type": LetterType.OTHER, "letter_type_confidence": 0.45}, True),
        ({"letter_type": None, "letter_type_confidence": 0.2}, True),
        ({"letter_type": LetterType.OTHER, "letter_type_confidence": 0.5}, False),
        ({"letter_type": LetterType.OTHER, "letter_type_confidence": None}, False),
        ({"letter_type": LetterType.DOCUMENTS_REQUEST, "letter_type_confidence": 0.2}, False),
        ({"review_reasons": (ReviewReason.PAGE_UNREADABLE,)}, True),
        ({"letter_type": LetterType.OTHER, "letter_type_confidence": 0.1, "nir": NUMBER}, False),
        ({"review_reasons": (ReviewReason.PAGE_UNREADABLE,), "nir": NUMBER}, False),
    ],
)
def test_a_photo_is_unreadable_only_without_a_number(fields: dict[str, Any], unreadable: bool) -> None:
    assert view(**fields)["unreadable"] is unreadable
