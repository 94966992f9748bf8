"""The ``forms`` letter family (scripts/forms_letters.py) keeps its promises to make_corpus and to the benchmark.

Why: a family's truth is only worth something if every number it claims is really in the PDF (as text, so it can
be checked), the numbers are valid unless a misprinted key is announced, the tags come from the shared vocabulary,
and the same seed gives the same documents (the corpus must be rebuildable).
"""

from __future__ import annotations

import io
import random
import re
import sys
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from stdnum.fr import nir as stdnir

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import forms_letters
from family import HARD_CASES, TRUTH_KEYS, FamilyDocument

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

SEED = 20240611
COUNT = 42
DOCUMENT_KINDS = {
    "birth_certificate",
    "sworn_translation",
    "apostille",
    "passport",
    "residence_permit",
    "s1_form",
    "rib",
    "proof_of_address",
    "employment_contract",
    "payslips",
    "employer_certificate",
    "school_certificate",
    "id_document",
    "photo",
    "other",
}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def generate(seed: int, count: int = COUNT) -> list[FamilyDocument]:
    rng = random.Random(seed)
    types = forms_letters.LETTER_TYPES
    return [forms_letters.make_document(rng, types[i % len(types)], f"{i:04d}") for i in range(count)]


def text_layer(pdf: bytes) -> tuple[str, int]:
    """The PDF's text, upper-cased with everything but letters and digits removed, and its page count."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
        pages = len(doc.pages)
    return re.sub(r"[^0-9A-Z]", "", text.upper()), pages


@pytest.fixture(scope="module")
def docs() -> list[FamilyDocument]:
    return generate(SEED)


def test_interface():
    assert forms_letters.FAMILY == "forms"
    assert forms_letters.LETTER_TYPES == (
        "carte_vitale_form",
        "number_assignment",
        "documents_request",
        "other",
        "carte_vitale_form",
        "other",
    )


def test_truth_shape(docs):
    for doc in docs:
        t = doc.truth
        assert tuple(t) == TRUTH_KEYS
        assert set(t["tags"]) <= set(HARD_CASES), t["tags"]
        assert t["letter_type"] in forms_letters.LETTER_TYPES
        assert t["nir_status"] in ("definitif", "provisoire", None)
        assert set(t["documents"]) <= DOCUMENT_KINDS
        assert t["sender"] and isinstance(t["sender"], str)
        for key in ("letter_date", "deadline"):
            assert t[key] is None or ISO.match(t[key]), t[key]
        assert t["caisse"] is None or t["sender"] == "cpam"
        assert doc.fonts and all(isinstance(name, str) for name in doc.fonts)
        if t["nir"] is None:
            assert t["nir_valid"] is None and t["nir_status"] is None
        else:
            assert len(t["nir"]) == 15
            assert t["nir"] in [n["value"] for n in t["numbers"]]


def test_numbers_are_valid_unless_the_key_is_announced_wrong(docs):
    for doc in docs:
        t = doc.truth
        if t["nir"] is not None:
            assert t["nir_valid"] == stdnir.is_valid(t["nir"])
            assert t["nir_valid"] is ("wrong_key" not in t["tags"]), t
        for n in t["numbers"]:
            if n["value"] != t["nir"]:
                assert stdnir.is_valid(n["value"]), n
            assert n["role"] in ("person", "old", "child")
            assert n["status"] in ("definitif", "provisoire", None)


def test_every_number_is_in_the_text_layer(docs):
    for doc in docs:
        t = doc.truth
        text, pages = text_layer(doc.pdf)
        assert doc.pdf.startswith(b"%PDF") and 1 <= pages <= 2
        for n in t["numbers"]:
            body, key = n["value"][:13], n["value"][13:]
            at = text.find(body)
            assert at >= 0, (t["wording"], t["layout"], body)
            if not (n["value"] == t["nir"] and "key_omitted" in t["tags"]):
                assert text.find(key, at + 13) >= 0, (t["wording"], t["layout"], key)


def test_mix_of_types_and_boxes(docs):
    by_type = Counter(doc.truth["letter_type"] for doc in docs)
    assert set(by_type) == {"carte_vitale_form", "number_assignment", "documents_request", "other"}
    forms = [doc for doc in docs if doc.truth["letter_type"] == "carte_vitale_form"]
    assert sum("boxes" in doc.truth["tags"] for doc in forms) >= len(forms) / 2
    assert sum("boxes" in doc.truth["tags"] for doc in docs) >= len(docs) / 2
    wordings = {doc.truth["wording"] for doc in docs}
    assert len(wordings) >= 20


def test_truth_follows_the_words(docs):
    for doc in docs:
        t = doc.truth
        if t["letter_type"] == "carte_vitale_form":
            assert "photo" in t["documents"] and t["nir_status"] is None
        if t["letter_type"] == "number_assignment":
            assert t["nir"] is not None
        if "old_and_new" in t["tags"]:
            assert t["old_nir"] and t["old_nir"][0] in "78" and t["nir_status"] == "definitif"


def test_deterministic(docs):
    again = generate(SEED, 8)
    assert [d.pdf for d in again] == [d.pdf for d in docs[:8]]
    assert [d.truth for d in again] == [d.truth for d in docs[:8]]


def test_other_seeds_differ(docs):
    other = generate(SEED + 1, 8)
    assert [d.truth["nir"] for d in other] != [d.truth["nir"] for d in docs[:8]]
    assert [d.pdf for d in other] != [d.pdf for d in docs[:8]]


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        forms_letters.make_document(random.Random(0), "invoice", "x")


def test_main_writes_pdf_and_truth(tmp_path):
    forms_letters.main(["--out", str(tmp_path), "--count", "3", "--seed", "5"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "0000-carte_vitale_form.json",
        "0000-carte_vitale_form.pdf",
        "0001-number_assignment.json",
        "0001-number_assignment.pdf",
        "0002-documents_request.json",
        "0002-documents_request.pdf",
    ]
