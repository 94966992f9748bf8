"""The baseline: what a developer would write in an afternoon, measured beside cpam-reader.

Raw pytesseract on the unprocessed image (or the PDF's text layer when it has one), a regular expression for
the number, python-stdnum to check it, the nearest "définitif"/"provisoire" keyword, keyword rules for the type.
It returns the same fields as cpam-reader's result so ``scripts/benchmark.py`` scores both the same way. It is
deliberately plain: no pre-processing, no orientation, no repair, no distractor logic.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pillow_heif
import pytesseract
import regex
from PIL import Image
from stdnum.fr import nir as stdnum_nir

pillow_heif.register_heif_opener()

NUMBER = regex.compile(r"\b[1-478]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}\s?\d{2}\b")
DEFINITIF = regex.compile(r"d[ée]finiti", regex.IGNORECASE)
PROVISOIRE = regex.compile(r"provisoire|attente", regex.IGNORECASE)


def text_of(path: str) -> tuple[str, int]:
    """The document's text and page count: PDF text layer, else Tesseract on each page image."""
    data = Path(path).read_bytes()
    if data.startswith(b"%PDF"):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            texts = []
            for page in pdf.pages:
                text = page.extract_text() or ""
                if not text.strip():
                    text = pytesseract.image_to_string(page.to_image(resolution=300).original, lang="fra")
                texts.append(text)
            return "\n".join(texts), len(texts)
    image = Image.open(io.BytesIO(data))
    return pytesseract.image_to_string(image, lang="fra"), 1


def nearest_status(text: str, position: int) -> str | None:
    """The keyword closest to the number, within 200 characters."""
    best: tuple[int, str] | None = None
    for pattern, status in ((DEFINITIF, "definitif"), (PROVISOIRE, "provisoire")):
        for match in pattern.finditer(text):
            distance = abs(match.start() - position)
            if distance <= 200 and (best is None or distance < best[0]):
                best = (distance, status)
    return best[1] if best else None


def letter_type(text: str) -> str:
    low = text.lower()
    if "carte vitale" in low and ("photo" in low or "signature" in low):
        return "carte_vitale_form"
    if any(
        k in low for k in ("pièces justificatives", "dossier incomplet", "veuillez nous adresser", "pièces manquantes")
    ):
        return "documents_request"
    if "numéro" in low and any(k in low for k in ("définitif", "provisoire", "attribué", "immatricul")):
        return "number_assignment"
    return "other"


def read_letter_baseline(path: str) -> dict[str, object]:
    """Read one letter the afternoon way; the same fields as ``LetterResult.to_dict()`` where they exist."""
    try:
        text, pages = text_of(path)
    except Exception as exc:  # the afternoon script has no error tree
        return {
            "source": path,
            "pages": 0,
            "nir": None,
            "nir_status": None,
            "letter_type": None,
            "error": {"code": type(exc).__name__, "message": str(exc)[:200]},
        }
    found = []
    for match in NUMBER.finditer(text):
        value = regex.sub(r"\s", "", match.group())
        if stdnum_nir.is_valid(value):
            found.append((value, nearest_status(text, match.start())))
    chosen = next((f for f in found if f[1] == "definitif"), found[0] if found else (None, None))
    return {
        "source": path,
        "pages": pages,
        "nir": chosen[0],
        "nir_status": chosen[1],
        "letter_type": letter_type(text),
        "error": None,
    }


if __name__ == "__main__":  # a whole process, as the afternoon script is run: one JSON line per file
    import json
    import sys

    for argument in sys.argv[1:]:
        print(json.dumps(read_letter_baseline(argument), ensure_ascii=False))
