"""The negative suite (scripts/negative_docs.py): documents that are not CPAM letters and print no valid NIR."""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from stdnum.fr import nir

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import negative_docs  # noqa: E402
from cpam_reader.letter.documents import DocumentKind  # noqa: E402
from family import HARD_CASES, TRUTH_KEYS  # noqa: E402

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

N = 80
SEED = "test-negative"
DOCUMENT_KINDS = {kind.value for kind in DocumentKind}
"""The reader's own vocabulary of documents (the truth must speak it)."""
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NIR_SHAPE = re.compile(r"\d{5}(?:\d\d|2A|2B)\d{8}")


def make(i: int) -> negative_docs.FamilyDocument:
    return negative_docs.make_document(random.Random(f"{SEED}:{i}"), "other", f"{i:04d}")


@pytest.fixture(scope="module")
def docs() -> list[negative_docs.FamilyDocument]:
    return [make(i) for i in range(N)]


def page_texts(pdf: bytes) -> list[str]:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def valid_nirs(text: str) -> list[str]:
    """15-character windows that are valid NIRs: per line with spaces/dots/commas between digits removed, and across
    the whole page with every non-alphanumeric character removed (2A/2B in the department position allowed)."""
    found = []

    def scan(s: str) -> None:
        s = s.upper()
        for i in range(len(s) - 14):
            window = s[i : i + 15]
            if NIR_SHAPE.fullmatch(window) and nir.is_valid(window):
                found.append(window)

    for line in text.splitlines():
        scan(re.sub(r"(?<=\d)[ .,\u00a0\u202f]+(?=\d)", "", line))
    scan("".join(ch for ch in text if ch.isalnum()))
    return found


def printed_forms(iso: str) -> list[str]:
    d = date.fromisoformat(iso)
    day = "1er" if d.day == 1 else str(d.day)
    return [
        d.strftime("%d/%m/%Y"),
        d.strftime("%d.%m.%Y"),
        d.strftime("%d-%m-%Y"),
        f"{day} {MONTHS[d.month - 1]} {d.year}",
    ]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_guard_finds_a_valid_nir_however_it_is_split():
    assert valid_nirs("N° 2 84 05 88 321 025 32")
    assert valid_nirs("| 284 | 05 88 | 321.025,32 |")
    assert valid_nirs("cellule 28405\r\n88321 02532")  # across lines
    assert valid_nirs("1 84 07 2A 123 456 " + f"{97 - int('184072A123456'.replace('2A', '19')) % 97:02d}")
    assert not valid_nirs("2 84 05 88 321 025 33")
    assert negative_docs.valid_nir_windows("x 2 84 05 88 321 025 32") == ["284058832102532"]


def test_truth_has_exactly_the_family_keys_and_says_other_without_number(docs):
    for doc in docs:
        t = doc.truth
        assert list(t) == list(TRUTH_KEYS)
        assert t["letter_type"] == "other"
        assert t["nir"] is None and t["nir_status"] is None and t["nir_valid"] is None and t["old_nir"] is None
        assert t["numbers"] == [] and t["caisse"] is None
        assert set(t["tags"]) <= set(HARD_CASES) and "other_sender" in t["tags"]
        assert set(t["documents"]) <= DOCUMENT_KINDS and len(set(t["documents"])) == len(t["documents"])
        assert isinstance(t["sender"], str) and t["sender"] not in ("", "cpam")
        assert t["wording"] and t["layout"]
        json.dumps(t, ensure_ascii=False)


def test_same_seed_gives_byte_identical_pdf(docs):
    for i, doc in enumerate(docs):
        again = make(i)
        assert again.pdf == doc.pdf, i
        assert again.truth == doc.truth, i


def test_no_valid_nir_anywhere_in_the_text_layer(docs):
    for i, doc in enumerate(docs):
        for page, text in enumerate(page_texts(doc.pdf)):
            assert text.strip(), (i, page)
            assert not valid_nirs(text), (i, page, doc.truth["wording"], valid_nirs(text))


def test_printed_dates_and_reference_are_in_the_text(docs):
    for i, doc in enumerate(docs):
        t = doc.truth
        text = squash(" ".join(page_texts(doc.pdf)))
        for key in ("letter_date", "deadline"):
            if t[key]:
                assert any(form in text for form in printed_forms(t[key])), (i, key, t[key], t["wording"])
        if t["letter_date"] and t["deadline"]:
            assert t["deadline"] >= t["letter_date"], (i, t["wording"])
        if t["reference"]:
            assert t["reference"] in text, (i, t["reference"])


def test_variety_of_senders_kinds_tags_and_fonts(docs):
    senders = Counter(doc.truth["sender"] for doc in docs)
    assert len(senders) >= 16, senders
    kinds = {doc.truth["wording"].split(":")[0] for doc in docs}
    assert len(kinds) >= 16, kinds
    tags = Counter(tag for doc in docs for tag in doc.truth["tags"])
    for tag in ("number_in_table_cells", "long_non_nir", "form", "table_layout", "header_block", "two_columns"):
        assert tags[tag] > 0, tags
    assert sum(1 for doc in docs if doc.truth["documents"]) >= 10
    fonts = {f for doc in docs for f in doc.fonts}
    assert len(fonts) >= 8 and any("Bold" in f for f in fonts), fonts
    assert all(doc.fonts for doc in docs)


def test_every_kind_has_several_wordings_or_layouts():
    assert len(negative_docs.KINDS) >= 16
    for kind in negative_docs.KINDS:
        seen = set()
        for i in range(12):
            _, part, _, _ = negative_docs._build(kind, random.Random(f"kind:{kind.__name__}:{i}"), 1)
            seen.add((part["wording"], part["layout"]))
        assert len(seen) >= 2, kind.__name__


def test_mostly_one_page_sometimes_two(docs):
    pages = Counter(len(page_texts(doc.pdf)) for doc in docs)
    assert set(pages) <= {1, 2}, pages
    assert pages[1] > pages[2] > 0, pages


def test_nir_shaped_contract_numbers_have_a_wrong_key():
    for i in range(200):
        number = negative_docs.nir_shaped_wrong_key(random.Random(i))
        assert len(number) == 15 and number.isdigit() and not nir.is_valid(number)


def test_look_alike_identifiers_are_well_formed():
    from stdnum import ean, iban, imei
    from stdnum.fr import nif, siret

    rng = random.Random(7)
    for _ in range(200):
        assert iban.is_valid(negative_docs.bank_account(rng).iban)
        assert siret.is_valid(negative_docs.siret(rng))
        assert nif.is_valid(negative_docs.tax_number(rng))
        assert ean.is_valid(negative_docs.ean13(rng))
        assert imei.is_valid(negative_docs.imei(rng))
        assert len(negative_docs.s10(rng)) == 13


def test_command_line_writes_pdf_and_sorted_utf8_json(tmp_path, capsys):
    assert negative_docs.main(["--out", str(tmp_path), "--count", "3", "--seed", "cli"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    for i in range(3):
        pdf = (tmp_path / f"{i:04d}-other.pdf").read_bytes()
        raw = (tmp_path / f"{i:04d}-other.json").read_text(encoding="utf-8")
        truth = json.loads(raw)
        assert raw == json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        expected = negative_docs.make_document(random.Random(f"cli:{i}"), "other", f"{i:04d}")
        assert pdf == expected.pdf and truth == expected.truth


def test_other_letter_types_are_refused():
    with pytest.raises(ValueError):
        negative_docs.make_document(random.Random(0), "number_assignment", "x")
