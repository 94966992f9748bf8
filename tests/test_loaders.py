"""Loading: file type by content, PDF text layer vs rendered pages, images with EXIF, HEIC, TIFF, bad files."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from cpam_reader.base import errors
from cpam_reader.load.loaders import load_document

TEXT = "Votre numéro de sécurité sociale définitif : 2 84 05 88 321 025 32"


def pdf_bytes(pages: list[str | None], encrypt: StandardEncryption | None = None) -> bytes:
    """A PDF whose pages carry the given text (None: a page with only an image, as a scan)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=1)
    for text in pages:
        if text is None:
            pdf.drawImage(ImageReader(Image.new("L", (200, 200), 128)), 100, 100, 300, 300)
        else:
            pdf.drawString(72, 760, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_bytes(fmt: str, size=(60, 40), **save) -> bytes:
    image = Image.new("L", size, 255)
    image.paste(0, (0, 0, 10, 10))  # a dark corner tells orientation
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def test_pdf_text_layer_is_used_and_image_pages_are_rendered():
    document = load_document(pdf_bytes([TEXT, None]))
    assert document.kind == "pdf" and len(document.pages) == 2
    assert "2 84 05 88 321 025 32" in document.pages[0].text and document.pages[0].image is None
    assert document.pages[1].text is None
    assert document.pages[1].image.dtype == np.uint8 and document.pages[1].image.shape[0] > 3000  # 300 dpi
    assert (document.pages[0].dpi, document.pages[1].dpi) == (None, 300)  # the image is no full-page scan


def test_exif_orientation_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    document = load_document(image_bytes("JPEG", exif=exif.tobytes()))
    assert document.pages[0].image.shape[:2] == (60, 40)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "HEIF"])
def test_image_formats(fmt):
    document = load_document(image_bytes(fmt))
    assert document.kind == "image" and document.pages[0].image.shape[:2] == (40, 60)


def test_colour_photos_keep_their_colour_and_gray_scans_stay_gray():
    colour = Image.new("RGB", (60, 40), (200, 120, 40))
    gray = Image.new("L", (60, 40), 200)
    for image, shape in ((colour, (40, 60, 3)), (gray, (40, 60))):
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        assert load_document(buffer.getvalue()).pages[0].image.shape == shape


@pytest.mark.parametrize(
    ("fmt", "size", "save", "dpi"),
    [
        ("PNG", (60, 40), {"dpi": (300, 300)}, 300.0),
        ("TIFF", (60, 40), {"dpi": (204, 196)}, 200.0),  # a fax: the mean of its two resolutions
        ("JPEG", (60, 40), {}, None),
        ("JPEG", (4000, 3000), {"dpi": (72, 72)}, None),  # a camera's placeholder: the page would be 55 inches
    ],
)
def test_image_files_give_the_resolution_they_state(fmt, size, save, dpi):
    assert load_document(image_bytes(fmt, size, **save)).pages[0].dpi == dpi


def test_multipage_tiff_is_one_letter_of_several_pages():
    frames = [Image.new("L", (50, 50), 255) for _ in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    assert len(load_document(buffer.getvalue()).pages) == 3


def test_type_is_decided_by_content_not_name(tmp_path):
    lying = tmp_path / "letter.pdf"
    lying.write_bytes(image_bytes("PNG"))
    assert load_document(lying).kind == "image"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", errors.EmptyFile),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", errors.UnsupportedFormat),
        (b"GIF89a" + b"\x00" * 20, errors.UnsupportedFormat),
        (image_bytes("PNG")[:60], errors.CorruptFile),
        (image_bytes("JPEG")[:200], errors.CorruptFile),
        (b"%PDF-1.4\n1 0 obj garbage", errors.CorruptFile),
        (pdf_bytes([TEXT], StandardEncryption("secret", canPrint=0)), errors.EncryptedPdf),
    ],
)
def test_bad_files_raise_their_own_error(data, error):
    with pytest.raises(error):
        load_document(data)


def test_missing_file(tmp_path):
    with pytest.raises(errors.FileNotFound):
        load_document(tmp_path / "nope.pdf")


def test_streams_and_paths_give_the_same_pages(tmp_path):
    data = pdf_bytes([TEXT])
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    assert load_document(path).pages[0].text == load_document(io.BytesIO(data)).pages[0].text
