"""Letters written apart from the reader's own generator (fixtures/heldout, fixtures/negative), through real Tesseract.

``scripts/make_corpus.py --family heldout|negative --count 12 --seed 17`` wrote them (see each folder's README.txt):
CPAM letters of wordings, layouts and fonts the reader was not developed on, and French documents of other bodies
that carry no social security number. What must hold on them whatever the wording: a wrong or missed number is
always sent for review, a document without a number never reports one silently, and the kind of letter is right.
"""

from __future__ import annotations

import json

import pytest

from cpam_reader.jobs.base import run_documents
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

FOLDERS = {"heldout": ROOT / "fixtures" / "heldout", "negative": ROOT / "fixtures" / "negative"}
TYPE_FLOOR = {"heldout": 1.0, "negative": 1.0}
"""Share of letters typed right when the subsets were committed (raise it when the reader improves)."""


@pytest.fixture(scope="module")
def read(tesseract_available):
    pairs = {}
    for family, folder in FOLDERS.items():
        truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
        results = run_documents([str(folder / t["file"]) for t in truths], jobs=2)
        pairs[family] = [(t, r.to_dict()) for t, r in zip(truths, results, strict=True)]
    return pairs


@pytest.mark.parametrize("family", sorted(FOLDERS))
def test_every_class_is_there(read, family):
    assert {t["degradation"] for t, _ in read[family]} == {
        "digital_pdf",
        "clean_scan",
        "noisy_scan",
        "fax",
        "phone_photo",
        "scanned_pdf",
    }


@pytest.mark.parametrize("family", sorted(FOLDERS))
def test_a_wrong_or_missed_number_is_always_sent_for_review(read, family):
    unflagged = [
        (t["file"], r["nir"], t["nir"]) for t, r in read[family] if r["nir"] != t["nir"] and not r["needs_review"]
    ]
    assert not unflagged


def test_no_number_is_reported_on_a_document_without_one_unless_flagged(read):
    silent = [(t["file"], r["nir"]) for t, r in read["negative"] if r["nir"] and not r["needs_review"]]
    assert not silent


@pytest.mark.parametrize("family", sorted(FOLDERS))
def test_the_kind_of_letter(read, family):
    rows = read[family]
    wrong = [(t["file"], r["letter_type"], t["letter_type"]) for t, r in rows if r["letter_type"] != t["letter_type"]]
    assert (len(rows) - len(wrong)) / len(rows) >= TYPE_FLOOR[family], wrong
