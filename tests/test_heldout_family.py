"""Checks of the held-out letter family (scripts/heldout_letters.py): determinism, truth shape, text layer."""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from stdnum.fr import nir as stdnir

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import heldout_letters as hl  # noqa: E402
from cpam_reader.letter.documents import DocumentKind  # noqa: E402
from family import HARD_CASES, TRUTH_KEYS  # noqa: E402

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

VOCABULARY = {kind.value for kind in DocumentKind}
"""The reader's own vocabulary of documents (the truth must speak it)."""
ROLES = {"assigned", "old", "recalled", "carried", "prefilled"}
STATUSES = {"definitif", "provisoire", None}
CASES = [(i, hl.LETTER_TYPES[i % len(hl.LETTER_TYPES)]) for i in range(60)]
NOT_NUMBER = re.compile(r"[\s.\-/\u00a0]")


@cache
def make(i: int, letter_type: str):
    return hl.make_document(random.Random(f"test:{i}"), letter_type, f"{i:04d}")


@cache
def page_text(i: int, letter_type: str) -> tuple[int, str]:
    pdf = pdfium.PdfDocument(make(i, letter_type).pdf)
    try:
        return len(pdf), pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()


def key_ok(value: str) -> bool:
    return stdnir.calc_check_digits(value[:13]) == value[13:]


def printed(value: str, text: str, tags: list[str]) -> bool:
    """The number is in the text layer: whole, or its 13 characters with the key just after, or (key omitted) 13."""
    norm = NOT_NUMBER.sub("", text)
    if value in norm:
        return True
    at = norm.find(value[:13])
    if at < 0:
        return False
    return value[13:] in norm[at + 13 : at + 13 + 40] or "key_omitted" in tags


@pytest.mark.parametrize(("i", "letter_type"), CASES)
def test_deterministic(i, letter_type):
    again = hl.make_document(random.Random(f"test:{i}"), letter_type, f"{i:04d}")
    assert again.pdf == make(i, letter_type).pdf
    assert again.truth == make(i, letter_type).truth


@pytest.mark.parametrize(("i", "letter_type"), CASES)
def test_truth_shape(i, letter_type):
    t = make(i, letter_type).truth
    assert tuple(t) == TRUTH_KEYS
    assert t["letter_type"] == letter_type
    assert set(t["tags"]) <= set(HARD_CASES)
    assert set(t["documents"]) <= VOCABULARY
    assert t["nir_status"] in STATUSES
    assert t["sender"] and t["wording"] and t["layout"]
    if letter_type == "carte_vitale_form":
        assert t["documents"] == []
    if t["sender"] == "cpam":
        assert t["caisse"] and t["caisse"].startswith(("CPAM ", "CGSS "))
    else:
        assert t["caisse"] is None and "other_sender" in t["tags"]
    letter_date = dt.date.fromisoformat(t["letter_date"])
    assert dt.date(2024, 1, 1) <= letter_date <= dt.date(2026, 10, 31)
    if t["deadline"]:
        assert letter_date < dt.date.fromisoformat(t["deadline"]) <= dt.date(2026, 10, 31)
    for n in t["numbers"]:
        assert set(n) == {"value", "role", "status"}
        assert len(n["value"]) == 15 and re.fullmatch(r"\d{5}(\d\d|2A|2B)\d{8}", n["value"]), n
        assert n["role"] in ROLES and n["status"] in STATUSES
        assert n["value"] != hl.SPECIMEN


@pytest.mark.parametrize(("i", "letter_type"), CASES)
def test_nir_consistent(i, letter_type):
    t = make(i, letter_type).truth
    if t["nir"] is None:
        assert t["nir_valid"] is None and t["nir_status"] is None
        return
    assert len(t["nir"]) == 15
    assert t["nir_valid"] is key_ok(t["nir"])
    assert t["nir_valid"] is ("wrong_key" not in t["tags"])
    assert t["nir"] in [n["value"] for n in t["numbers"]]
    if t["old_nir"]:
        assert t["old_nir"] in [n["value"] for n in t["numbers"]] and t["old_nir"] != t["nir"]


@pytest.mark.parametrize(("i", "letter_type"), CASES)
def test_numbers_in_text_layer(i, letter_type):
    pages, text = page_text(i, letter_type)
    t = make(i, letter_type).truth
    assert pages == 1
    for n in t["numbers"]:
        assert printed(n["value"], text, t["tags"]), (n, text)
    if t["reference"]:
        assert t["reference"] in text.replace("\u00a0", " ")
    if t["caisse"]:
        flat = re.sub(r"\s+", " ", text.replace("’", "'"))
        assert t["caisse"][5:] in flat, t["caisse"]


def test_hard_cases_all_occur():
    counts: Counter[str] = Counter()
    for i in range(400):
        letter_type = hl.LETTER_TYPES[i % len(hl.LETTER_TYPES)]
        counts.update(hl.make_document(random.Random(f"coverage:{i}"), letter_type, f"{i:04d}").truth["tags"])
    missing = [h for h in HARD_CASES if not counts[h]]
    assert not missing, missing
