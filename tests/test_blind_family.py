"""Checks of the blind letter family (``scripts/blind_letters.py``): its truth must match what its PDFs print.

Why: the blind family is scored without anyone reading its letters, so a wrong truth would go unnoticed; these
checks hold the generator to the interface of ``scripts/family.py`` and to the text layer it draws.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from stdnum.fr import nir as stdnir

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import blind_letters  # noqa: E402
from cpam_reader.letter.documents import DocumentKind  # noqa: E402
from family import HARD_CASES, TRUTH_KEYS  # noqa: E402

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

COUNT = 80
SEED = "blind-test"
VOCABULARY = {kind.value for kind in DocumentKind}
"""The reader's own vocabulary of documents (the truth must speak it)."""
CAISSE_RE = re.compile(r"^(CPAM (de |du |de la |des |de l'|d')|CGSS de )\S")


def _text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        parts = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        doc.close()


def _norm(text: str) -> str:
    return re.sub(r"[\s.\-/\u00a0\u2013]", "", text)


def _draw(i: int):
    letter_type = blind_letters.LETTER_TYPES[i % len(blind_letters.LETTER_TYPES)]
    return letter_type, blind_letters.make_document(random.Random(f"{SEED}:{i}"), letter_type, f"{i:04d}")


@pytest.fixture(scope="module")
def letters():
    out = []
    for i in range(COUNT):
        letter_type, doc = _draw(i)
        out.append((i, letter_type, doc, _text(doc.pdf)))
    return out


def test_module_interface():
    assert blind_letters.FAMILY == "blind"
    assert blind_letters.LETTER_TYPES == ("number_assignment", "documents_request", "carte_vitale_form", "other")


def test_deterministic(letters):
    for i, _, doc, _ in letters[:24]:
        _, again = _draw(i)
        assert again.pdf == doc.pdf, f"letter {i} differs between two draws"
        assert again.truth == doc.truth


def test_truth_keys_and_types(letters):
    for i, letter_type, doc, _ in letters:
        truth = doc.truth
        assert set(truth) == set(TRUTH_KEYS), i
        assert truth["letter_type"] == letter_type
        assert set(truth["tags"]) <= set(HARD_CASES), (i, truth["tags"])
        assert truth["tags"] == sorted(set(truth["tags"]))
        assert isinstance(truth["wording"], str) and truth["wording"]
        assert isinstance(truth["layout"], str) and truth["layout"]


def test_all_types_present(letters):
    assert {t for _, t, _, _ in letters} == set(blind_letters.LETTER_TYPES)


def test_numbers_are_in_text_layer(letters):
    for i, _, doc, text in letters:
        norm = _norm(text)
        truth = doc.truth
        for number in truth["numbers"]:
            value = number["value"]
            assert len(value) == 15, (i, value)
            if value in norm:
                continue
            base, key = value[:13], value[13:]
            assert base in norm, (i, value)
            if "key_omitted" in truth["tags"]:
                continue
            after = [norm[m.end() : m.end() + 14] for m in re.finditer(re.escape(base), norm)]
            assert any(key in tail for tail in after), (i, value, after)


def test_nir_validity_matches_key(letters):
    for i, _, doc, _ in letters:
        truth = doc.truth
        nir = truth["nir"]
        if nir is None:
            assert truth["nir_valid"] is None and truth["nir_status"] is None, i
            continue
        assert len(nir) == 15 and re.fullmatch(r"[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}", nir), (i, nir)
        assert truth["nir_valid"] == (nir[13:] == stdnir.calc_check_digits(nir[:13])), (i, nir)
        assert truth["nir_valid"] == stdnir.is_valid(nir), (i, nir)
        assert nir in {n["value"] for n in truth["numbers"]}, i
        assert nir != blind_letters.SPECIMEN
        assert ("wrong_key" in truth["tags"]) == (not truth["nir_valid"]), i
        if truth["old_nir"]:
            assert truth["old_nir"] in {n["value"] for n in truth["numbers"]}
            assert "old_and_new" in truth["tags"]


def test_number_roles_and_statuses(letters):
    roles = {"assigned", "old", "recalled", "carried", "prefilled"}
    for i, letter_type, doc, _ in letters:
        truth = doc.truth
        for n in truth["numbers"]:
            assert set(n) == {"value", "role", "status"}
            assert n["role"] in roles and n["status"] in ("definitif", "provisoire", None), (i, n)
        if letter_type == "number_assignment":
            assert truth["nir"] is not None, i
            assert any(n["role"] == "assigned" and n["value"] == truth["nir"] for n in truth["numbers"])
        if truth["nir"] is not None:
            main = next(n for n in truth["numbers"] if n["value"] == truth["nir"])
            assert main["status"] == truth["nir_status"]


def test_no_stray_valid_numbers(letters):
    for i, _, doc, text in letters:
        allowed = {n["value"] for n in doc.truth["numbers"]}
        norm = _norm(text)
        for m in re.finditer(r"[0-9AB]{15,}", norm):
            run = m.group(0)
            for k in range(len(run) - 14):
                window = run[k : k + 15]
                assert window in allowed or not stdnir.is_valid(window), (i, window)
        assert blind_letters.SPECIMEN not in norm


def test_documents_vocabulary(letters):
    for i, letter_type, doc, _ in letters:
        documents = doc.truth["documents"]
        assert set(documents) <= VOCABULARY, (i, documents)
        if letter_type == "carte_vitale_form":
            assert documents == [], i
        if letter_type == "documents_request":
            assert documents, i


def test_dates_and_sender(letters):
    for i, _, doc, text in letters:
        truth = doc.truth
        day = dt.date.fromisoformat(truth["letter_date"])
        assert dt.date(2024, 1, 1) <= day <= dt.date(2026, 10, 31), i
        if truth["deadline"]:
            deadline = dt.date.fromisoformat(truth["deadline"])
            assert day < deadline <= dt.date(2026, 10, 31), i
        if truth["sender"] == "cpam":
            assert truth["caisse"] and CAISSE_RE.match(truth["caisse"]), (i, truth["caisse"])
            assert "other_sender" not in truth["tags"]
        else:
            assert truth["caisse"] is None and "other_sender" in truth["tags"], i
        if truth["reference"]:
            assert truth["reference"] in text.replace("\u2019", "'"), (i, truth["reference"])


def test_fonts_recorded(letters):
    for i, _, doc, _ in letters:
        assert doc.fonts and all(isinstance(f, str) for f in doc.fonts), i
