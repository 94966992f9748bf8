"""Regression floors on the committed subset of the degraded corpus (fixtures/corpus), through real Tesseract.

The floors are what the pipeline reached when they were set; a change that reads fewer numbers right, reports a
wrong one, or misclassifies more letters in any degradation class fails here. Raise a floor when the pipeline
improves; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from cpam_reader.jobs.base import run_documents
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

CORPUS = ROOT / "fixtures" / "corpus"
# class: (minimum number exact-match, maximum wrong-number rate, minimum letter-type accuracy)
FLOORS = {
    "digital_pdf": (1.0, 0.0, 1.0),
    "clean_scan": (1.0, 0.0, 1.0),
    "scanned_pdf": (1.0, 0.0, 1.0),
    "fax": (1.0, 0.0, 1.0),
    "noisy_scan": (1.0, 0.0, 1.0),
    "phone_photo": (1.0, 0.0, 1.0),  # page found, unwarped, turned upright, light divided
}


@pytest.fixture(scope="module")
def scores(tesseract_available):
    truths = {
        p.with_suffix(".json").name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))
    }
    paths = [str(CORPUS / t["file"]) for t in truths.values()]
    by_class: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for truth, result in zip(truths.values(), run_documents(paths, jobs=2), strict=True):
        by_class[truth["degradation"]].append((truth, result.to_dict()))
    return by_class


def test_every_class_is_in_the_subset(scores):
    assert set(scores) == set(FLOORS)


@pytest.mark.parametrize("cls", sorted(FLOORS))
def test_class_stays_above_its_floor(scores, cls):
    rows = scores[cls]
    exact = sum(r["nir"] == t["nir"] for t, r in rows) / len(rows)
    wrong = sum(bool(r["nir"]) and r["nir"] != t["nir"] for t, r in rows) / len(rows)
    typed = sum(r["letter_type"] == t["letter_type"] for t, r in rows) / len(rows)
    min_exact, max_wrong, min_type = FLOORS[cls]
    failures = [
        (t["file"], r["nir"], t["nir"], r["letter_type"], t["letter_type"])
        for t, r in rows
        if r["nir"] != t["nir"] or r["letter_type"] != t["letter_type"]
    ]
    assert exact >= min_exact, failures
    assert wrong <= max_wrong, failures
    assert typed >= min_type, failures


BEYOND = ("nir_status", "documents", "letter_date", "deadline", "caisse", "reference")


def test_status_and_what_the_letters_ask_are_read_right(scores):
    """Every letter of the subset gets its number's status, requested documents, dates and names right (issue 8;
    the fax 0009 once lost its status to "défimtf", the fax 0015 its list to a colon OCR dropped)."""
    wrong = [
        (t["file"], field, got, t[field])
        for rows in scores.values()
        for t, r in rows
        for field in BEYOND
        if (got := [d["kind"] for d in r[field]] if field == "documents" else r[field]) != t[field]
    ]
    assert not wrong
