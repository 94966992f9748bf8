"""Every fixture letter, digital PDF and clean scan, read through the real pipeline (real Tesseract)."""

from __future__ import annotations

import pytest

from cpam_reader import read_letter
from tests.conftest import expected_for, fixture_letters

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

PDFS = fixture_letters(".pdf")
SCANS = fixture_letters(".png")


def test_fixture_set_is_complete():
    types = {expected_for(p)["letter_type"] for p in PDFS}
    assert types == {"number_assignment", "documents_request", "carte_vitale_form", "other"}
    assert len(SCANS) == len(PDFS) >= 8


def check(path, text_source):
    result = read_letter(path).to_dict()
    expected = expected_for(path)
    assert result["error"] is None
    assert result["text_source"] == text_source
    assert (result["nir"], result["nir_status"], result["letter_type"]) == (
        expected["nir"],
        expected["nir_status"],
        expected["letter_type"],
    ), result["evidence"]
    if expected["nir"] is not None:
        assert result["nir_valid"] is expected["nir_valid"]
    found = {n["value"] for n in result["numbers"]}
    assert {n["value"] for n in expected["numbers"]} <= found
    # Beyond the number (issue 8): what the letter asks for, by when, from whom, under which reference.
    assert [d["kind"] for d in result["documents"]] == expected["documents"]
    for field in ("letter_date", "deadline", "caisse", "reference"):
        assert result[field] == expected[field], field
    return result


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_digital_pdf(path):
    result = check(path, "pdf_text")
    assert "ocr" not in result["timings_ms"]


@pytest.mark.parametrize("path", SCANS, ids=lambda p: p.name)
def test_clean_scan(path, tesseract_available):
    check(path, "ocr")
