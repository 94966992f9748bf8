"""PDF loading through PDFium: rows in reading order, scans rendered at their own resolution, PDF errors."""

from __future__ import annotations

import concurrent.futures
import io

import numpy as np
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from cpam_reader.base import errors
from cpam_reader.load.loaders import MAX_PAGES, MIN_RENDER_DPI, RENDER_DPI, load_document

WIDTH, HEIGHT = A4
Draw = list[tuple[float, float, str]]
"""Strings to draw, in this order: (x, y from the top of the page as shown, text)."""


def pdf_bytes(*pages: Draw, rotation: int = 0, encrypt: StandardEncryption | None = None) -> bytes:
    """A PDF of the given pages; ``rotation`` turns them (/Rotate) and their text with them, so it reads upright."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=1)
    for strings in pages:
        pdf.setPageRotation(rotation)
        height = WIDTH if rotation in (90, 270) else HEIGHT
        pdf.translate(*{0: (0, 0), 90: (WIDTH, 0), 180: (WIDTH, HEIGHT), 270: (0, HEIGHT)}[rotation])
        pdf.rotate(rotation)
        for x, y, text in strings:
            pdf.drawString(x, height - y, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_pdf(dpi: float, size: tuple[float, float] = (216, 144)) -> tuple[bytes, np.ndarray]:
    """A one-page PDF (3 x 2 inches: quick to write) that is a full-page scan at ``dpi``, and the scan's pixels."""
    pixels = np.random.default_rng(0).integers(0, 256, (round(size[1] * dpi / 72), round(size[0] * dpi / 72)))
    scan = pixels.astype(np.uint8)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, invariant=1)
    pdf.drawImage(ImageReader(Image.fromarray(scan)), 0, 0, *size)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue(), scan


def rows(data: bytes) -> list[str]:
    return load_document(data).pages[0].text.splitlines()


def test_rows_are_in_reading_order_whatever_the_drawing_order():
    page = [
        (72, 200, "Ce numéro est définitif."),
        (72, 100, "CPAM de Paris"),
        (320, 100, "M. Thomas DA SILVA"),  # the address, beside the sender's block
        (72, 113, "CS 60174"),
        (320, 115, "75018 Paris"),  # its lines are spaced otherwise: a row still holds both blocks
        (72, 180, "Votre numéro de sécurité sociale :"),
    ]
    assert rows(pdf_bytes(page)) == [
        "CPAM de Paris M. Thomas DA SILVA",
        "CS 60174 75018 Paris",
        "Votre numéro de sécurité sociale :",
        "Ce numéro est définitif.",
    ]


def test_a_number_printed_in_pieces_or_in_boxes_stays_on_its_row():
    groups = [
        (200 + 30 * i, 300, group)
        for i, group in reversed(list(enumerate(["1", "84", "12", "75", "123", "456", "78"])))
    ]
    boxes = [(200 + 17 * i, 330, digit) for i, digit in enumerate("184127512345678")]
    assert rows(pdf_bytes([(72, 300, "Votre numéro :"), *groups, (72, 330, "N° :"), *boxes])) == [
        "Votre numéro : 1 84 12 75 123 456 78",
        "N° : 1 8 4 1 2 7 5 1 2 3 4 5 6 7 8",
    ]


def test_a_hyphen_at_the_end_of_a_line_does_not_join_the_next_line():
    """PDFium joins a hyphenated word across lines; the rows stay the page's lines."""
    page = [(72, 100, "Un numéro provi-"), (72, 114, "soire vous est attribué : 1 84 12 75 123 456 78")]
    assert rows(pdf_bytes(page)) == ["Un numéro provi-", "soire vous est attribué : 1 84 12 75 123 456 78"]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rows_follow_a_turned_page(rotation):
    page = [(72, 140, "second row"), (72, 120, "first row, left"), (300, 120, "first row, right")]
    assert rows(pdf_bytes(page, rotation=rotation)) == ["first row, left first row, right", "second row"]


def test_a_text_page_has_no_image_and_no_dpi():
    page = load_document(pdf_bytes([(72, 100, "Votre numéro de sécurité sociale : 1 84 12 75 123 456 78")])).pages[0]
    assert page.text and page.image is None and page.dpi is None


@pytest.mark.parametrize("dpi", [200, 240, 300])
def test_a_scan_is_rendered_at_its_own_resolution_pixel_for_pixel(dpi):
    data, scan = scan_pdf(dpi)
    page = load_document(data).pages[0]
    assert page.text is None and page.dpi == pytest.approx(dpi, abs=0.2)
    assert page.image.dtype == np.uint8 and np.array_equal(page.image, scan)


@pytest.mark.parametrize(("dpi", "rendered"), [(600, RENDER_DPI), (100, MIN_RENDER_DPI)])
def test_a_scan_too_fine_or_too_coarse_is_rendered_within_bounds(dpi, rendered):
    data, _ = scan_pdf(dpi)
    page = load_document(data).pages[0]
    assert page.dpi == rendered and page.image.shape == (2 * rendered, 3 * rendered)


def test_encrypted_too_long_and_damaged_pdfs():
    text = [(72, 100, "Votre numéro de sécurité sociale : 1 84 12 75 123 456 78")]
    with pytest.raises(errors.EncryptedPdf):
        load_document(pdf_bytes(text, encrypt=StandardEncryption("secret")))
    with pytest.raises(errors.TooLarge):
        load_document(pdf_bytes(*[text] * (MAX_PAGES + 1)))
    whole = pdf_bytes(text)
    with pytest.raises(errors.CorruptFile):
        load_document(whole[: len(whole) // 2])
    # Only restricted (an owner password, no password to open it): readable.
    restricted = pdf_bytes(text, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert "1 84 12 75 123 456 78" in load_document(restricted).pages[0].text


def test_documents_can_be_loaded_from_several_threads():
    data = pdf_bytes([(72, 100, "Votre numéro de sécurité sociale : 1 84 12 75 123 456 78")], [])
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        documents = list(pool.map(load_document, [data] * 16))
    assert all(document == documents[0] for document in documents)
