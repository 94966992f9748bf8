"""Review triage: each reason on its own, and `scan --review-only` listing only what needs a human look."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from cpam_reader.base.result import LetterResult, LetterType, NirStatus
from cpam_reader.letter.review import notices, review_reasons
from tests.conftest import LETTERS, ROOT, text_pdf

TODAY = dt.date(2025, 6, 1)
TRUSTED = {
    "letter_type": LetterType.NUMBER_ASSIGNMENT,
    "confidence": 0.97,
    "has_number": True,
    "warnings": (),
}
PLAIN = {
    "letter_type": LetterType.NUMBER_ASSIGNMENT,
    "status": NirStatus.DEFINITIF,
    "has_number": True,
    "has_old_number": False,
    "warnings": (),
    "letter_date": dt.date(2025, 5, 2),
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"confidence": 0.45}, "low_confidence"),
        ({"warnings": ("repaired_number",)}, "repaired_digit"),
        ({"warnings": ("conflicting_numbers",)}, "conflicting_numbers"),
        ({"warnings": ("number_without_label",), "from_assurance_maladie": False}, "unlabelled_number"),
        ({"warnings": ("number_weakly_labelled",), "from_assurance_maladie": None}, "unlabelled_number"),
        ({"has_number": False}, "no_number"),
        ({"has_number": False, "letter_type": LetterType.CARTE_VITALE_FORM}, "no_number"),
        ({"warnings": ("number_not_read",)}, "number_not_read"),
        ({"warnings": ("key_missing",), "read_by_ocr": True}, "digits_unchecked"),
    ],
)
def test_each_doubt_about_the_reading(change: dict, reason: str) -> None:
    assert review_reasons(**TRUSTED) == ()
    assert reason in review_reasons(**{**TRUSTED, **change})


@pytest.mark.parametrize(
    "warnings", [("invalid_key",), ("key_missing",), ("specimen_number",), ("number_without_status",)]
)
def test_what_the_letter_says_is_no_doubt_about_the_reading(warnings: tuple[str, ...]) -> None:
    assert review_reasons(**{**TRUSTED, "warnings": warnings}) == ()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"warnings": ("invalid_key",)}, "invalid_key"),
        ({"warnings": ("key_missing",)}, "key_not_printed"),
        ({"warnings": ("specimen_number",)}, "specimen_number"),
        ({"status": None}, "number_without_status"),
        ({"status": NirStatus.PROVISOIRE, "letter_date": dt.date(2024, 1, 15)}, "old_provisional_number"),
        ({"has_old_number": True}, "old_number_quoted"),
        (
            {"letter_type": LetterType.DOCUMENTS_REQUEST, "has_number": False, "status": None},
            "request_without_number",
        ),
    ],
)
def test_each_notice(change: dict, code: str) -> None:
    assert notices(**PLAIN) == ()
    found = notices(**{**PLAIN, **change})
    assert code in [n.code for n in found]
    assert all(n.en and n.fr and n.en != n.fr for n in found)


def test_expected_absences_are_not_notices() -> None:
    form = {**PLAIN, "letter_type": LetterType.CARTE_VITALE_FORM, "status": None}
    assert notices(**form) == ()  # the carte Vitale form never gives a status
    recent = {**PLAIN, "status": NirStatus.PROVISOIRE, "letter_date": dt.date(2025, 1, 15)}
    assert notices(**recent) == ()
    request = {**TRUSTED, "letter_type": LetterType.DOCUMENTS_REQUEST, "has_number": False}
    assert review_reasons(**request) == ()


def test_an_unreadable_document_needs_review() -> None:
    from cpam_reader.base.errors import CorruptFile

    data = LetterResult.failed("a.pdf", CorruptFile()).to_dict()
    assert data["needs_review"] is True and data["review_reasons"] == ["unreadable"]
    assert LetterResult.from_dict(data).to_dict() == data


def test_scan_review_only_lists_only_what_needs_a_look(tesseract_available: None, tmp_path) -> None:
    doubtful = tmp_path / "two-numbers.pdf"  # two permanent numbers: which one is the person's?
    doubtful.write_bytes(
        text_pdf(
            "Assurance Maladie - CPAM de Lyon",
            "Votre numéro de sécurité sociale définitif : 2 84 05 88 321 025 32",
            "Numéro définitif : 1 85 12 75 123 456 88",
        )
    )
    pdfs = [str(p) for p in sorted(LETTERS.glob("*.pdf"))] + [str(doubtful)]
    proc = subprocess.run(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "scan", *pdfs, "--review-only", "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    listed = [json.loads(line) for line in proc.stdout.splitlines()]
    assert listed and all(r["needs_review"] and r["review_reasons"] for r in listed)
    names = {r["source"].rsplit("/", 1)[-1] for r in listed}
    assert "na-definitif-1.pdf" not in names  # a clean permanent number needs no look
    assert "na-wrongkey-1.pdf" not in names  # printed with a wrong key: a notice, read as printed, no doubt
    assert "two-numbers.pdf" in names


def test_an_unlabelled_number_on_the_assurance_maladies_letter_is_no_doubt() -> None:
    warnings = ("number_without_status", "number_without_label")
    assert review_reasons(**{**TRUSTED, "warnings": warnings, "from_assurance_maladie": True}) == ()
