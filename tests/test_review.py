"""Review triage: each reason on its own, and `scan --review-only` listing only what needs a human look."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from cpam_reader.result import LetterResult, LetterType, NirStatus
from cpam_reader.review import review_reasons
from tests.conftest import LETTERS, ROOT

TODAY = dt.date(2025, 6, 1)
TRUSTED = {
    "letter_type": LetterType.NUMBER_ASSIGNMENT,
    "confidence": 0.97,
    "status": NirStatus.DEFINITIF,
    "has_number": True,
    "warnings": (),
    "letter_date": "2025-05-02",
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"confidence": 0.45}, "low_confidence"),
        ({"warnings": ("repaired_number",)}, "repaired_digit"),
        ({"warnings": ("key_missing",)}, "repaired_digit"),
        ({"warnings": ("invalid_key",)}, "invalid_key"),
        ({"warnings": ("conflicting_numbers",)}, "conflicting_numbers"),
        ({"warnings": ("specimen_number",)}, "specimen_number"),
        ({"status": None}, "number_without_status"),
        ({"status": NirStatus.PROVISOIRE, "letter_date": "2024-01-15"}, "old_provisional_number"),
        ({"has_number": False, "status": None}, "no_number"),
        ({"has_number": False, "status": None, "letter_type": LetterType.CARTE_VITALE_FORM}, "no_number"),
        ({"warnings": ("number_not_read",)}, "number_not_read"),
    ],
)
def test_each_reason_to_review(change: dict, reason: str) -> None:
    assert review_reasons(**TRUSTED) == ()
    assert reason in review_reasons(**{**TRUSTED, **change})


def test_expected_absences_are_not_reasons() -> None:
    form = {**TRUSTED, "letter_type": LetterType.CARTE_VITALE_FORM, "status": None}
    assert review_reasons(**form) == ()  # the carte Vitale form never gives a status
    recent = {**TRUSTED, "status": NirStatus.PROVISOIRE, "letter_date": "2025-01-15"}
    assert review_reasons(**recent) == ()
    request = {**TRUSTED, "letter_type": LetterType.DOCUMENTS_REQUEST, "has_number": False, "status": None}
    assert review_reasons(**request) == ()


def test_an_unreadable_document_needs_review() -> None:
    from cpam_reader.errors import CorruptFile

    data = LetterResult.failed("a.pdf", CorruptFile()).to_dict()
    assert data["needs_review"] is True and data["review_reasons"] == ["unreadable"]
    assert LetterResult.from_dict(data).to_dict() == data


def test_scan_review_only_lists_only_what_needs_a_look(tesseract_available: None) -> None:
    pdfs = [str(p) for p in sorted(LETTERS.glob("*.pdf"))]
    proc = subprocess.run(
        [sys.executable, "-m", "cpam_reader.cli", "scan", *pdfs, "--review-only", "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    listed = [json.loads(line) for line in proc.stdout.splitlines()]
    assert listed and all(r["needs_review"] and r["review_reasons"] for r in listed)
    names = {r["source"].rsplit("/", 1)[-1] for r in listed}
    assert "na-wrongkey-1.pdf" in names  # printed with a wrong key
    assert "na-definitif-1.pdf" not in names  # a clean permanent number needs no look
