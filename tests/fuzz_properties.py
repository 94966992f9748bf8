"""Fuzzing: the strategies and the properties, shared by tests/test_fuzz.py (short) and scripts/fuzz.py (long).

Each ``check_*`` function takes one generated input, runs the code under test and asserts what must always hold:
the pure stages (number finder, number rules, status, classifier, OCR rows) never raise on any text and return
what they document; a loader turns any bytes into pages or a :class:`~cpam_reader.base.errors.CpamReaderError`,
never another exception, never an image over the pixel cap. Inputs are plain data (str, bytes, lists of
dataclasses) so that a failure prints as a reproducer.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import io
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from hypothesis import strategies as st
from PIL import Image

from cpam_reader.base.errors import CpamReaderError
from cpam_reader.base.result import Classification, LetterType, NirChoice, NirStatus, NumberCandidate
from cpam_reader.base.text import OcrWord, TextLine, lines_from_text, lines_from_words, rows_of_words
from cpam_reader.letter import classify as classify_module
from cpam_reader.load.loaders import MAX_PIXELS, load_document
from cpam_reader.number import nir
from cpam_reader.number.choice import choose_nir
from cpam_reader.number.finder import find_numbers
from cpam_reader.number.misreads import CONFUSABLES
from cpam_reader.number.second_look import _number_span, _seen_before, _split_lone_digits, second_look, target_rows
from cpam_reader.number.status import tie_status

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import make_hostile  # noqa: E402  (the hand-built PDF writer of the hostile corpus)

FUZZ_DATA = ROOT / "tests" / "data" / "fuzz"
T = TypeVar("T")

PURE_SECONDS = 10.0
"""Wall-clock limit for one call of a pure stage on one generated text (a few ms is usual; this catches a hang)."""
LOAD_SECONDS = 20.0
"""Wall-clock limit for loading one generated file."""

WARNINGS = frozenset(
    {
        "conflicting_numbers",
        "number_without_status",
        "invalid_key",
        "repaired_number",
        "key_missing",
        "specimen_number",
        "number_not_read",
        "number_without_label",
        "number_weakly_labelled",
    }
)
"""Every warning :func:`choose_nir` documents."""


# --- text strategies ------------------------------------------------------------------------------------------

PIECES = (
    *"0123456789",
    *"0123456789",
    " ",
    " ",
    "  ",
    ".",
    "-",
    "/",
    "|",
    ":",
    ",",
    "\t",
    "\n",
    *"OoDQIl|!SsBZzGA",
    "2A",
    "2B",
    "clé",
    "Clé :",
    "key",
    "définitif",
    "definitive",
    "provisoire",
    "NIR",
    "NIA",
    "numéro",
    "n°",
    "sécurité sociale",
    "immatriculation",
    "Attestation",
    "d'attente",
    "３",
    "٣",
    "é",
)
"""Number-like pieces: digits, separators, OCR confusables, Corsica, keywords, look-alike digits."""

NUMBERS = (
    "284058832102532",
    "184052A32102505",
    "282059712102567",
    "185129910904577",
    "784058832102573",
    "269054958815780",
    "2840588321025",
)
"""Valid numbers (and one without its key) to splice into generated text, printed the usual ways."""


def _printed(number: str, style: int) -> str:
    if style == 0:
        return number
    if style == 1:
        return nir.format(number)
    if style == 2:
        return nir.format(number, ".")
    if style == 3:
        return " ".join(number)
    return f"{nir.format(number[:13])} clé {number[13:]}"


def number_like_texts(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Text built from number-like pieces, sometimes with a real number printed inside."""
    printed = st.builds(_printed, st.sampled_from(NUMBERS), st.integers(0, 4))
    pieces = st.one_of(st.sampled_from(PIECES), printed, st.text(max_size=3))
    return st.lists(pieces, max_size=max_pieces).map("".join)


def any_texts(long: int = 400) -> st.SearchStrategy[str]:
    """Arbitrary unicode, number-like text, a very long line, or many short lines (``long`` pieces or lines)."""
    return st.one_of(
        st.text(max_size=300),
        number_like_texts(),
        number_like_texts(12).map(lambda s: (s + " ") * long),  # a very long line
        st.lists(number_like_texts(8), max_size=long).map("\n".join),  # many lines
    )


@st.composite
def text_lines(draw: st.DrawFn, long: int = 400) -> list[TextLine]:
    """Lines as the finder receives them: from a text layer, or with OCR doubts at arbitrary offsets and pages."""
    pages = draw(st.lists(any_texts(long), min_size=1, max_size=3))
    lines: list[TextLine] = []
    for page, text in enumerate(pages, start=1):
        page_lines = lines_from_text(text, page)
        if draw(st.booleans()):  # OCR lines: unsure offsets, some outside the line
            page_lines = [
                TextLine(
                    line.text,
                    line.page,
                    line.index,
                    frozenset(draw(st.lists(st.integers(-3, len(line.text) + 3), max_size=20))),
                )
                for line in page_lines
            ]
        lines.extend(page_lines)
    if draw(st.booleans()):  # lines out of order, raw lines with spaces and empty lines
        lines = draw(st.permutations(lines))
        lines.append(TextLine(draw(st.text(max_size=40)), draw(st.integers(-2, 5)), draw(st.integers(-2, 50))))
    return lines


@st.composite
def ocr_words(draw: st.DrawFn, realistic: bool = False) -> list[OcrWord]:
    """Word boxes as Tesseract might give them, and as it never should: negative, zero, huge, empty text.

    ``realistic``: boxes on a page (0-3000 px, sizes 1-300 px, confidence 0-100), words of the letters' kind.
    """
    if realistic:
        coordinate = st.one_of(st.integers(0, 3000), st.sampled_from([100, 104, 110, 130, 160]))  # rows form
        size = st.one_of(st.integers(1, 300), st.sampled_from([12, 20, 30]))
        conf = st.floats(0, 100)
        texts = st.one_of(number_like_texts(4), st.sampled_from(["N°", "sécurité", "sociale", ":", "Numéro", "NIR"]))
    else:
        coordinate = st.one_of(st.integers(-50, 3000), st.integers(-(2**63), 2**63), st.sampled_from([0, -1, 1]))
        size, conf = coordinate, st.one_of(st.floats(allow_nan=True), st.floats(-1, 100))
        texts = st.one_of(st.text(max_size=12), number_like_texts(4), st.sampled_from(["", " ", "\n", "\t "]))
    word = st.builds(
        OcrWord,
        text=texts,
        conf=conf,
        left=coordinate,
        top=coordinate,
        width=size,
        height=size,
        line_key=st.tuples(st.integers(-1, 3), st.integers(-1, 3), st.integers(-1, 8)),
    )
    return draw(st.lists(word, max_size=40))


def number_candidates() -> st.SearchStrategy[NumberCandidate]:
    """Candidates not made by the finder: any value, raw text, page and line."""
    return st.builds(
        NumberCandidate,
        value=st.one_of(st.sampled_from(NUMBERS), st.text(max_size=20)),
        raw=st.text(max_size=30),
        status=st.none() | st.sampled_from(list(NirStatus)),
        valid=st.booleans(),
        repaired=st.booleans(),
        key_missing=st.booleans(),
        page=st.integers(-1, 4),
        line=st.integers(-1, 60),
    )


# --- properties: pure stages ----------------------------------------------------------------------------------


def _timed(limit: float, call: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - started
    assert elapsed < limit, f"took {elapsed:.1f} s (limit {limit} s)"
    return result


def _readback(text: str) -> str:
    """Text as the finder reads digits: confusables mapped, only letters and digits kept; 2B read as 28.

    A ``|`` is never part of a group of digits (it separates boxes), so it is dropped, not read as a 1.
    """
    return "".join(ch for ch in text.replace("|", " ").translate(CONFUSABLES) if ch.isalnum()).replace("B", "8")


def _near(needle: str, haystack: str, substitutions: int) -> bool:
    """Whether ``needle`` occurs in ``haystack`` with at most that many characters changed."""
    for start in range(len(haystack) - len(needle) + 1):
        window = haystack[start : start + len(needle)]
        if sum(a != b for a, b in zip(needle, window, strict=True)) <= substitutions:
            return True
    return False


def check_finder(lines: Sequence[TextLine]) -> list[NumberCandidate]:
    """Never raises; 15-character values; ``valid`` means the key holds; no number the text does not give."""
    candidates = _timed(PURE_SECONDS, lambda: find_numbers(lines))
    assert isinstance(candidates, list)
    page_text: dict[int, str] = {}
    for line in lines:
        page_text.setdefault(line.page, "")
    for page in page_text:
        page_text[page] = "\n".join(line.text for line in lines if line.page == page)
    for candidate in candidates:
        assert isinstance(candidate, NumberCandidate)
        value = candidate.value
        assert len(value) == 15, candidate
        assert candidate.valid == nir.is_valid(value), candidate
        assert re.fullmatch(r"[0-9]{5}(?:[0-9]{2}|2[AB])[0-9]{8}", value, re.ASCII), candidate
        if candidate.key_missing:
            assert candidate.valid, candidate  # a computed key is always right
        assert candidate.page in page_text, candidate
        assert candidate.raw and candidate.raw in page_text[candidate.page], candidate
        digits, body = _readback(candidate.raw), value[:13].replace("B", "8")
        if candidate.repaired:
            assert _near(body, digits, 1), candidate  # at most one character corrected by the key
        else:
            assert body in digits, candidate
            if not candidate.key_missing:
                assert value[13:] in digits[digits.index(body) + 13 :], candidate
    return candidates


def check_nir(value: object) -> None:
    """The number's functions raise nothing but ``nir.ValidationError``; ``mask`` shows three characters at most."""
    assert isinstance(nir.is_valid(value), bool)
    compact = nir.compact(value)  # type: ignore[arg-type]
    assert isinstance(compact, str)
    try:
        valid = nir.validate(value)  # type: ignore[arg-type]
    except nir.ValidationError:
        assert not nir.is_valid(value)
        valid = None
    if valid is not None:
        assert nir.is_valid(value) and nir.is_valid(valid) and len(valid) == 15
        parts = nir.parse(value)  # type: ignore[arg-type]
        assert parts.number == valid
        assert nir.compact(nir.format(valid)) == valid
    else:
        try:
            nir.parse(value)  # type: ignore[arg-type]
        except nir.ValidationError:
            pass
        else:
            raise AssertionError("parse accepted what validate refused")
    with contextlib.suppress(nir.ValidationError):
        nir.calc_check_digits(value)  # type: ignore[arg-type]
    assert isinstance(nir.format(value), str)  # type: ignore[arg-type]
    masked = nir.mask(value)  # type: ignore[arg-type]
    shown = [ch for ch in masked if ch not in "* "]
    assert len(shown) <= 3, (masked, compact)
    expected = compact[0] + "*" * 12 + compact[13:15] if len(compact) >= 13 else "*" * len(compact)
    assert masked.replace(" ", "") == expected, (masked, compact)


def check_status(lines: Sequence[TextLine], extra: Sequence[NumberCandidate] = ()) -> NirChoice:
    """Status and choice: the documented types, the chosen number among the candidates, known warnings."""
    candidates = [*find_numbers(lines), *extra]
    tied, in_context = _timed(PURE_SECONDS, lambda: tie_status(candidates, lines))
    assert isinstance(tied, list) and len(tied) == len(candidates)
    assert isinstance(in_context, set) and in_context <= set(range(len(candidates)))
    for before, after in zip(candidates, tied, strict=True):
        assert after.status is None or isinstance(after.status, NirStatus)
        assert after.value == before.value and after.raw == before.raw
    choice = choose_nir(tied, in_context)
    assert isinstance(choice, NirChoice)
    assert choice.candidate is None or choice.candidate in tied
    assert set(choice.warnings) <= WARNINGS, choice.warnings
    return choice


def check_classify(text: str, lines: Sequence[TextLine]) -> Classification:
    """Any text, with the candidates found in it: a letter type, a confidence in [0, 1], evidence strings."""
    candidates, _ = tie_status(find_numbers(lines), lines)
    result = _timed(PURE_SECONDS, lambda: classify_module.classify(text, candidates))
    assert isinstance(result, Classification)
    assert isinstance(result.letter_type, LetterType)
    assert 0.0 <= result.confidence <= 1.0, result.confidence
    assert isinstance(result.evidence, tuple) and all(isinstance(e, str) for e in result.evidence)
    assert len(result.evidence) <= 6
    return result


def check_ocr_rows(words: Sequence[OcrWord]) -> list[TextLine]:
    """OCR rows from any word boxes: every non-blank word once, unsure offsets inside their line."""
    lines = _timed(PURE_SECONDS, lambda: lines_from_words(words, 1))
    for index, line in enumerate(lines):
        assert line.index == index and line.page == 1
        assert all(0 <= i < len(line.text) for i in line.unsure), line
        assert line.box is not None
    # Every non-blank word once (a word may hold inner spaces: compare characters, not words).
    kept = "".join(w.text.strip() for w in words if w.text.strip()).replace(" ", "")
    seen = "".join(line.text for line in lines).replace(" ", "")
    assert sorted(kept) == sorted(seen), (kept, seen)
    return lines


class FakeEngine:
    """An OCR engine that answers the second look's re-readings with the given texts, one a call, then nothing."""

    def __init__(self, readings: Sequence[str]) -> None:
        self.readings = list(readings)

    def read(self, image: np.ndarray, *, psm: int = 3, digits: bool = False) -> list[OcrWord]:
        assert image.ndim == 2 and image.size, image.shape  # a crop of the page, never empty
        if not self.readings:
            return []
        height, width = image.shape
        return [OcrWord(self.readings.pop(0), 90.0, 0, 0, width, height)]


def check_second_look(words: Sequence[OcrWord], readings: Sequence[str], text: str) -> list[TextLine] | None:
    """The second look on any OCR rows of a blank page, with any re-readings: never raises, same rows back."""
    rows = rows_of_words(words)
    lines = lines_from_words(words, 1)
    targets = target_rows(lines, rows)
    assert len(targets) == len(set(targets)) and all(0 <= i < len(rows) for i in targets)
    for i in targets:
        _number_span(rows[i], words)
    head, digits = _split_lone_digits(text)
    # Only spaces are taken out between the lone digits: a tab stays (OCR rows are joined with spaces only).
    assert ("".join(digits.split()).isdigit() or not digits) and text.startswith(head)
    assert isinstance(_seen_before("284058832102532", TextLine(text, 1, 0)), bool)
    bottom = max((w.top + w.height for w in words), default=0)
    right = max((w.left + w.width for w in words), default=0)
    image = np.full((bottom + 20, right + 20), 255, np.uint8)  # the words were read on it: it holds their boxes
    changed = _timed(PURE_SECONDS, lambda: second_look(lines, words, image, FakeEngine(readings)))
    assert changed is None or (len(changed) == len(lines) and all(isinstance(line, TextLine) for line in changed))
    return changed


# --- loaders --------------------------------------------------------------------------------------------------

IMAGE_SEEDS = ("PNG", "JPEG", "TIFF", "TIFF-G4", "WEBP", "HEIF", "TIFF-2")


@functools.cache
def tiny_image(kind: str) -> bytes:
    """A small image of each allowed format (EXIF orientation, DPI, a second TIFF frame): quick to decode."""
    image = Image.new("L", (48, 32), 255)
    image.paste(0, (0, 0, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    if kind == "TIFF-G4":
        image.convert("1").save(buffer, "TIFF", compression="group4", dpi=(204, 196))
    elif kind == "TIFF-2":
        image.save(buffer, "TIFF", save_all=True, append_images=[Image.new("RGB", (20, 30), (9, 80, 200))])
    elif kind == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", exif=exif.tobytes(), dpi=(300, 300), quality=50)
    else:
        image.save(buffer, kind, dpi=(300, 300), exif=exif.tobytes())
    return buffer.getvalue()


def seed_files(small: bool) -> list[tuple[str, bytes]]:
    """Valid files to mutate: tiny images of every format and the committed fixtures (only small ones if asked)."""
    seeds = [(f"tiny.{kind.lower()}", tiny_image(kind)) for kind in IMAGE_SEEDS]
    patterns = ["fixtures/letters/*.pdf", "fixtures/corpus/*.tif", "fixtures/corpus/*.pdf"]
    if not small:
        patterns += ["fixtures/letters/*.png", "fixtures/corpus/*.jpg", "fixtures/corpus/*.heic"]
        patterns += ["fixtures/corpus/*.png"]
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            if not small or path.stat().st_size <= 64_000:
                seeds.append((path.name, path.read_bytes()))
    return seeds


INTERESTING = (
    b"\x00",
    b"\xff",
    b"\x7f",
    b"\x80",
    b"\xff\xff\xff\xff",
    b"\x7f\xff\xff\xff",
    b"\x00\x00\x00\x00",
    b"\x80\x00\x00\x00",
    b"\x00\x00\x01\x00",
)
NUMERIC_TOKENS = (
    b"0",
    b"-1",
    b"1",
    b"99999999",
    b"2147483647",
    b"4294967296",
    b"9" * 40,  # past a float's range
    b"-" + b"9" * 40,
    b"1e308",
    b"-0.0",
    b"0.000001",
    b"20000000",
)
_NUMBER_TOKEN = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?")


@st.composite
def mutation(draw: st.DrawFn, size: int) -> tuple[str, int, bytes]:
    """One edit of a file of ``size`` bytes: (kind, position, payload). Positions favour the header."""
    position = draw(st.one_of(st.integers(0, min(size, 512)), st.integers(0, max(0, size))))
    kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate", "interesting", "number", "repeat"]))
    payload = b""
    if kind == "flip":
        payload = bytes([1 << draw(st.integers(0, 7))])
    elif kind in ("set", "insert"):
        payload = draw(st.binary(min_size=1, max_size=16))
    elif kind == "interesting":
        payload = draw(st.sampled_from(INTERESTING))
    elif kind == "number":
        payload = draw(st.sampled_from(NUMERIC_TOKENS))
    elif kind in ("delete", "repeat"):
        payload = bytes([draw(st.integers(1, 255))])  # how many bytes
    return kind, position, payload


def mutate(data: bytes, edits: Sequence[tuple[str, int, bytes]]) -> bytes:
    """Apply the edits in turn (a position beyond the end wraps around)."""
    out = bytearray(data)
    for kind, position, payload in edits:
        at = position % (len(out) + 1)
        if kind == "flip" and at < len(out):
            out[at] ^= payload[0]
        elif kind in ("set", "interesting"):
            out[at : at + len(payload)] = payload
        elif kind == "insert":
            out[at:at] = payload
        elif kind == "delete":
            del out[at : at + payload[0]]
        elif kind == "truncate":
            del out[at:]
        elif kind == "repeat":
            out[at:at] = out[at : at + payload[0]]
        elif kind == "number":  # replace the n-th numeric token (a PDF's /MediaBox, /Width, a length...)
            tokens = list(_NUMBER_TOKEN.finditer(out))
            if tokens:
                token = tokens[position % len(tokens)]
                out[token.start() : token.end()] = payload
    return bytes(out)


MAGICS = (b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"\x00\x00\x00\x18ftypheic")


@dataclasses.dataclass(frozen=True)
class Blob:
    """Generated file bytes with a short repr (where they came from), so that a failing example prints small."""

    origin: str
    data: bytes

    def __repr__(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        shown = repr(self.data) if len(self.data) <= 64 else f"<{len(self.data)} bytes sha256:{digest}>"
        return f"Blob({self.origin!r}, {shown})"


def page_boxes() -> st.SearchStrategy[Blob]:
    """One-page PDFs with an image and an odd /MediaBox: huge, tiny, thin, inverted, past a float's range."""
    side = st.one_of(
        st.sampled_from([token.decode() for token in NUMERIC_TOKENS]),
        st.integers(-(10**9), 10**9).map(str),
        st.floats(0, 1e9, allow_nan=False).map(lambda x: f"{x:.6f}"),
    )
    box = st.tuples(side, side, side, side).map(" ".join)
    return st.builds(lambda b, image: Blob(f"/MediaBox [{b}]", minimal_pdf(b, image)), box, st.booleans())


def loader_inputs(
    seeds: Sequence[tuple[str, bytes]], max_edits: int = 4, odd_pages: bool = False
) -> st.SearchStrategy[Blob]:
    """Mutated seed files, arbitrary bytes, arbitrary bytes after a magic number; PDFs of odd page sizes if asked."""

    @st.composite
    def mutated(draw: st.DrawFn) -> Blob:
        name, data = draw(st.sampled_from(seeds))
        edits = draw(st.lists(mutation(len(data)), min_size=1, max_size=max_edits))
        return Blob(f"{name} {edits!r}", mutate(data, edits))

    raw = st.binary(max_size=2048).map(lambda b: Blob("random", b))
    magic = st.tuples(st.sampled_from(MAGICS), st.binary(max_size=2048)).map(lambda t: Blob("magic", t[0] + t[1]))
    kinds = [mutated(), mutated(), mutated(), raw, magic]
    return st.one_of(*kinds, page_boxes()) if odd_pages else st.one_of(*kinds)


Outcome = tuple[str, Any]
"""("pages", [(kind, height, width) ...]), ("error", (class name, code)) or ("crash", (type, message, traceback))."""


def load_outcome(data: bytes) -> Outcome:
    """What ``load_document`` makes of the bytes, as plain data (it travels back from a child process)."""
    import traceback

    try:
        # Warnings as in production (pytest turns them into errors): a damaged file may make Pillow warn.
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            document = load_document(data)
    except CpamReaderError as exc:
        return "error", (type(exc).__name__, exc.code)
    except Exception as exc:  # the very thing we hunt: report, do not hide
        return "crash", (f"{type(exc).__module__}.{type(exc).__qualname__}", str(exc)[:300], traceback.format_exc())
    pages = []
    for page in document.pages:
        if page.image is not None:
            pages.append(("image", int(page.image.shape[0]), int(page.image.shape[1])))
        else:
            pages.append(("text", len(page.text or ""), 0))
    return "pages", pages


def check_outcome(outcome: Outcome, elapsed: float) -> None:
    """Pages or a cpam-reader error; never another exception, a hang or an image over the pixel cap."""
    kind, detail = outcome
    assert kind != "crash", f"{detail[0]}: {detail[1]}\n{detail[2]}"
    assert kind in ("pages", "error"), outcome
    assert elapsed < LOAD_SECONDS, f"loading took {elapsed:.1f} s"
    if kind == "pages":
        assert detail, "a document without pages"
        for page_kind, height, width in detail:
            if page_kind == "image":
                assert height * width <= MAX_PIXELS, f"a {width}x{height} image: over the {MAX_PIXELS} pixel cap"


def check_loader(data: bytes) -> Outcome:
    """Load in this process (quick inputs only: a hang here hangs the caller) and check the outcome."""
    started = time.perf_counter()
    outcome = load_outcome(data)
    check_outcome(outcome, time.perf_counter() - started)
    return outcome


def minimal_pdf(media_box: str, image: bool = True) -> bytes:
    """A one-page PDF with the given ``/MediaBox`` (written as is) and, if asked, a 1x1 gray image drawn on it.

    Built by hand (``make_hostile.pdf``: a correct cross-reference table) to reach the page-rendering code with odd
    page sizes.
    """
    resources = "<< /XObject << /Im0 5 0 R >> >>" if image else "<< >>"
    image_object = make_hostile.stream(
        b"\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 "
    )
    return make_hostile.pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{media_box}] /Resources {resources} /Contents 4 0 R >>".encode(),
            make_hostile.stream(b"q 10 0 0 10 0 0 cm /Im0 Do Q" if image else b""),
            image_object,
        ]
    )
