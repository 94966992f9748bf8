"""Render synthetic CPAM letters to fixture files: a PDF, a clean 300-dpi scan and the expected answers.

Why: the reader takes both digital PDFs (with a text layer) and scans (images to OCR). Each fixture letter is
therefore written three times under one id: ``<id>.pdf`` (reportlab, built-in fonts, real text layer),
``<id>.png`` (the same page rasterised by pypdfium2, 8-bit gray, 300 dpi, like a clean scan) and
``<id>.json`` (``Letter.expected()``). Everything is deterministic: running the script twice gives
byte-identical files, so a diff only shows deliberate changes.

The layout engine is deliberately small: blocks are stacked top to bottom (``Block.beside`` puts one next to
the previous, ``Block.bottom`` pins the footer); paragraphs wrap on spaces but never inside a number, so a
printed number stays on one line of the text layer. A letter that does not fit one A4 page is drawn again at
a smaller scale; only if even the smallest scale overflows does it continue on a second page.

Run from the repository root: ``.venv/bin/python scripts/make_fixtures.py [--out DIR] [--seed N]``. It checks
every PDF it writes with pdfplumber and exits with status 1 if a number cannot be read back.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_letters import MONTHS, Block, Letter, make_letter

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 20 * mm, PAGE_W - 20 * mm
TOP, BOTTOM = PAGE_H - 16 * mm, 12 * mm
COLUMN_X = 108 * mm  # left edge of the right-hand column (the window envelope's address)
COLUMN_GAP = 6 * mm
SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7)
BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}
PHOTO_W, PHOTO_H = 35 * mm, 45 * mm
SIGNATURE_W, SIGNATURE_H = 75 * mm, 30 * mm

FIXTURES = (  # id, letter type, wording, layout, printed with a wrong key
    ("na-definitif-1", "number_assignment", "na_w3", "classic", False),
    ("na-provisoire-1", "number_assignment", "na_w4", "compact", False),
    ("na-two-numbers-1", "number_assignment", "na_w5", "table", False),
    ("dr-number-1", "documents_request", "dr_w1", "footer_sender", False),
    ("dr-number-2", "documents_request", "dr_w5", "table", False),
    ("dr-nonumber-1", "documents_request", "dr_w2", "classic", False),
    ("cv-boxes-1", "carte_vitale_form", "cv_w1", "classic", False),
    ("cv-boxes-2", "carte_vitale_form", "cv_w3", "footer_sender", False),
    ("cv-plain-1", "carte_vitale_form", "cv_w2", "compact", False),
    ("ot-attestation-provisoire-1", "other", "ot_w1", "table", False),
    ("ot-releve-1", "other", "ot_w2", "classic", False),
    ("ot-ameli-code-1", "other", "ot_w3", "compact", False),
    ("na-wrongkey-1", "number_assignment", "na_w1", "classic", True),
)


# ---- Drawing operations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    font: str
    size: float

    @property
    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size)


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Frame:
    x: float
    y: float  # bottom
    w: float
    h: float


Op = Text | Rule | Frame


@dataclass(frozen=True)
class _Style:
    """The letter's font at the scale being tried."""

    font: str
    scale: float

    def face(self, bold: bool) -> str:
        return BOLD[self.font] if bold else self.font

    def size(self, block: Block) -> float:
        return block.size * self.scale


def _leading(size: float) -> float:
    return size * 1.22


def _ascent(size: float) -> float:
    return size * 0.8


# ---- Line wrapping that never splits a number ---------------------------------------------------------

_NUMERIC = re.compile(r"[0-9A-Z./:-]*\d[0-9A-Z./:-]*|[cC]lé|/")
_BULLET = re.compile(r"^(?:- |• |– |\d+\. |\[..?\] )")
_NO_BREAK_BEFORE = {":", ";", "?", "!", "»", "€"}


def _units(text: str) -> list[str]:
    """Words, keeping numeric groups ("2 84 05 88 321 025 clé 32"), dates and French punctuation together."""
    units: list[str] = []
    for token in text.split(" "):
        if units and (
            token in _NO_BREAK_BEFORE
            or (token in MONTHS and units[-1].split(" ")[-1].isdigit())
            or units[-1].endswith("«")
            or (_NUMERIC.fullmatch(units[-1].split(" ")[-1]) and _NUMERIC.fullmatch(token))
        ):
            units[-1] += " " + token
        else:
            units.append(token)
    return units


def wrap(text: str, font: str, size: float, width: float, rest_width: float | None = None) -> list[str]:
    """Greedy wrap at spaces; ``rest_width`` is the width of the lines after the first (hanging indent)."""
    lines: list[str] = []
    current = ""
    for unit in _units(text):
        candidate = f"{current} {unit}" if current else unit
        limit = width if not lines else (rest_width or width)
        if current and stringWidth(candidate, font, size) > limit + 0.01:
            lines.append(current)
            current = unit
        else:
            current = candidate
    return [*lines, current]


# ---- Block layout: each function returns the operations and the height used ---------------------------


def _text_ops(block: Block, style: _Style, x: float, top: float, width: float) -> tuple[list[Op], float]:
    size, font = style.size(block), style.face(block.bold)
    ops: list[Op] = []
    y = top - _ascent(size)
    for paragraph in block.lines:
        bullet = _BULLET.match(paragraph)
        indent = stringWidth(bullet.group(0), font, size) if bullet else 0.0
        for i, line in enumerate(wrap(paragraph, font, size, width, width - indent)):
            left = x + (indent if i else 0.0)
            if block.align == "center":
                left = x + (width - stringWidth(line, font, size)) / 2
            ops.append(Text(left, y, line, font, size))
            y -= _leading(size)
    return ops, top - y - _ascent(size)


def _column_widths(block: Block, style: _Style, width: float, pad: float) -> list[float]:
    """Natural widths when they fit, otherwise shrink the wrappable columns but never below a number."""
    size = style.size(block)
    columns = list(zip(*block.rows, strict=True))

    def measure(text: str, r: int) -> float:
        return stringWidth(text, style.face(block.bold and r == 0), size)

    margin = 2 * pad + 1  # 1 pt of slack so that a cell's own text never wraps by rounding
    natural = [max(measure(cell, r) for r, cell in enumerate(col)) + margin for col in columns]
    minimum = [max(measure(u, r) for r, cell in enumerate(col) for u in _units(cell)) + margin for col in columns]
    if sum(natural) <= width:
        return natural
    spare, wanted = width - sum(minimum), sum(natural) - sum(minimum)
    return [low + max(spare, 0.0) * (high - low) / wanted for low, high in zip(minimum, natural, strict=True)]


def _table_ops(block: Block, style: _Style, x: float, top: float, width: float) -> tuple[list[Op], float]:
    size = style.size(block)
    pad = size * 0.4
    widths = _column_widths(block, style, width, pad)
    edges = [x + sum(widths[:i]) for i in range(len(widths) + 1)]
    ops: list[Op] = [Rule(x, top, edges[-1], top)]
    y = top
    for r, row in enumerate(block.rows):
        font = style.face(block.bold and r == 0)
        cells = [wrap(cell, font, size, w - 2 * pad) for cell, w in zip(row, widths, strict=True)]
        height = max(len(lines) for lines in cells) * _leading(size) + 2 * pad - (_leading(size) - size)
        for lines, left in zip(cells, edges[:-1], strict=True):
            ops += [
                Text(left + pad, y - pad - _ascent(size) - i * _leading(size), line, font, size)
                for i, line in enumerate(lines)
            ]
        y -= height
        ops.append(Rule(x, y, edges[-1], y))
    ops += [Rule(edge, top, edge, y) for edge in edges]
    return ops, top - y


def _boxes_ops(block: Block, style: _Style, x: float, top: float, width: float) -> tuple[list[Op], float]:
    size, font = style.size(block), style.face(block.bold)
    box_w, box_h = size * 1.5, size * 1.9
    boxes_w = sum(box_w * (0.6 if char == " " else 1.0) for char in block.chars)
    label_w = stringWidth(block.label, font, size) + size * 0.6 if block.label else 0.0
    ops: list[Op] = []
    left, box_top = x + label_w, top
    if label_w + boxes_w > width:  # label on its own line, boxes below
        left, box_top = x, top - _leading(size) - size * 0.3
    bottom = box_top - box_h
    baseline = bottom + (box_h - size * 0.7) / 2
    if block.label:
        ops.append(Text(x, baseline if left > x else top - _ascent(size), block.label, font, size))
    for char in block.chars:
        if char == " ":
            left += box_w * 0.6
            continue
        ops += [
            Frame(left, bottom, box_w, box_h),
            Text(left + (box_w - stringWidth(char, font, size)) / 2, baseline, char, font, size),
        ]
        left += box_w
    return ops, top - bottom


def _caption_box_ops(block: Block, style: _Style, x: float, top: float, width: float) -> tuple[list[Op], float]:
    """The photo box (caption centred) or the signature box (caption top left)."""
    size, font = style.size(block) * 0.85, style.face(False)
    photo = block.kind == "photo_box"
    box_w, box_h = (PHOTO_W, PHOTO_H) if photo else (min(SIGNATURE_W, width), SIGNATURE_H)
    lines = [line for caption in block.lines for line in wrap(caption, font, size, box_w - 4 * mm)]
    ops: list[Op] = [Frame(x, top - box_h, box_w, box_h)]
    text_h = len(lines) * _leading(size)
    y = top - (box_h - text_h) / 2 - _ascent(size) if photo else top - 2 * mm - _ascent(size)
    for line in lines:
        line_w = stringWidth(line, font, size)
        ops.append(Text(x + (box_w - line_w) / 2 if photo else x + 2 * mm, y, line, font, size))
        y -= _leading(size)
    return ops, box_h


_BLOCK_OPS = {
    "text": _text_ops,
    "table": _table_ops,
    "boxes": _boxes_ops,
    "photo_box": _caption_box_ops,
    "signature_box": _caption_box_ops,
}


def _area(block: Block, narrow: bool) -> tuple[float, float]:
    """Left edge and width: the right-hand column, or the full width (narrowed when a block sits beside)."""
    if block.align == "right":
        return COLUMN_X, RIGHT - COLUMN_X
    return LEFT, (COLUMN_X - COLUMN_GAP - LEFT) if narrow else RIGHT - LEFT


def _block_ops(block: Block, style: _Style, top: float, narrow: bool) -> tuple[list[Op], float]:
    x, width = _area(block, narrow)
    return _BLOCK_OPS[block.kind](block, style, x, top, width)


# ---- Page layout ----------------------------------------------------------------------------------------


def _footer(blocks: list[Block], style: _Style) -> tuple[list[Op], float]:
    """The blocks pinned to the foot of the page, stacked upwards from the bottom margin, under a rule."""
    ops: list[Op] = []
    y = BOTTOM
    for block in reversed(blocks):
        block_ops, height = _block_ops(block, style, 0.0, False)
        ops += [_shift(op, y + height) for op in block_ops]
        y += height + style.size(block) * 0.4
    if blocks:
        ops.append(Rule(LEFT, y + 2, RIGHT, y + 2))
    return ops, y + 6


def _shift(op: Op, dy: float) -> Op:
    if isinstance(op, Text):
        return Text(op.x, op.y + dy, op.text, op.font, op.size)
    if isinstance(op, Rule):
        return Rule(op.x1, op.y1 + dy, op.x2, op.y2 + dy)
    return Frame(op.x, op.y + dy, op.w, op.h)


def _plan(letter: Letter, scale: float) -> list[list[Op]]:
    """Pages of drawing operations for the letter at the given scale."""
    style = _Style(letter.font, scale)
    flow = [block for block in letter.blocks if not block.bottom]
    footer_ops, floor = _footer([block for block in letter.blocks if block.bottom], style)
    pages: list[list[Op]] = [[]]
    y = previous_top = TOP
    for i, block in enumerate(flow):
        narrow = i + 1 < len(flow) and flow[i + 1].beside
        top = previous_top if block.beside else (y - style.size(block) * 0.8 if i else TOP)
        ops, height = _block_ops(block, style, top, narrow)
        if top - height < floor and pages[-1]:
            pages.append([])
            top = TOP
            ops, height = _block_ops(block, style, top, narrow)
        pages[-1] += ops
        y = min(y, top - height) if block.beside else top - height
        previous_top = top
    return [page + footer_ops for page in pages]


def _out_of_page(ops: list[Op]) -> bool:
    """Whether some text or box leaves the margins."""
    spans = [(op.x, op.x + op.width, op.y) for op in ops if isinstance(op, Text)]
    spans += [(op.x, op.x + op.w, op.y) for op in ops if isinstance(op, Frame)]
    return any(left < LEFT - 0.5 or right > RIGHT + 0.5 or y < BOTTOM - 1 for left, right, y in spans)


def layout(letter: Letter) -> list[list[Op]]:
    """The largest scale at which the letter fits one page (or the smallest, on several pages)."""
    for scale in SCALES:
        pages = _plan(letter, scale)
        if len(pages) == 1 and not _out_of_page(pages[0]):
            return pages
    if any(_out_of_page(page) for page in pages):
        raise ValueError(f"letter {letter.id} does not fit the page width even at scale {SCALES[-1]}")
    return pages


# ---- Output ---------------------------------------------------------------------------------------------


def render_pdf(letter: Letter, path: Path) -> None:
    """Draw the letter on A4 with a text layer; ``invariant`` makes the file byte-identical between runs."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(f"Courrier synthétique {letter.id}")
    pdf.setAuthor("cpam_reader synthetic fixtures (no real personal data)")
    for page in layout(letter):
        pdf.setLineWidth(0.6)
        for op in page:
            if isinstance(op, Text):
                pdf.setFont(op.font, op.size)
                pdf.drawString(op.x, op.y, op.text)
            elif isinstance(op, Rule):
                pdf.line(op.x1, op.y1, op.x2, op.y2)
            else:
                pdf.rect(op.x, op.y, op.w, op.h, stroke=1, fill=0)
        pdf.showPage()
    pdf.save()


def rasterise(pdf_path: Path, dpi: int = 300) -> Image.Image:
    """The PDF as an 8-bit gray image, like a clean scan; several pages are stacked top to bottom."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()
    if len(pages) == 1:
        return pages[0]
    stacked = Image.new("L", (max(page.width for page in pages), sum(page.height for page in pages)), 255)
    for i, page in enumerate(pages):
        stacked.paste(page, (0, sum(other.height for other in pages[:i])))
    return stacked


def write_json(data: dict[str, object], path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _compact(text: str) -> str:
    return re.sub(r"[cC]lé|[\s./]", "", text)


def check_pdf(letter: Letter, pdf_path: Path) -> list[str]:
    """Problems found when reading the PDF's text layer back: every number as printed and as digits."""
    with pdfplumber.open(pdf_path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    flat, lines = " ".join(text.split()), [_compact(line) for line in text.splitlines()]
    problems = []
    for number, printed in zip(letter.numbers, letter.printed, strict=True):
        if " ".join(printed.split()) not in flat:
            problems.append(f"{letter.id}: printed form {printed!r} not in the text layer")
        if _compact(printed) != number["value"] or not any(number["value"] in line for line in lines):
            problems.append(f"{letter.id}: {number['value']} not found on one line of the text layer")
    if letter.nir is not None and letter.nir not in [number["value"] for number in letter.numbers]:
        problems.append(f"{letter.id}: nir {letter.nir} is not among the numbers")
    return problems


def make_fixture(letter: Letter, out: Path, dpi: int = 300) -> list[str]:
    """Write ``<id>.pdf``, ``<id>.png`` and ``<id>.json``; return the problems found reading the PDF back."""
    pdf_path = out / f"{letter.id}.pdf"
    render_pdf(letter, pdf_path)
    rasterise(pdf_path, dpi).save(out / f"{letter.id}.png", dpi=(dpi, dpi), optimize=True)
    write_json(letter.expected(), out / f"{letter.id}.json")
    return check_pdf(letter, pdf_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument(
        "--out",
        type=Path,
        default=root / "fixtures" / "letters",
        help="output folder (default: fixtures/letters)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the letters (default: 2026)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    problems = []
    for letter_id, letter_type, wording, letter_layout, wrong_key in FIXTURES:
        rng = random.Random(f"{args.seed}:{letter_id}")  # one stream per letter: editing one moves no other
        letter = make_letter(
            rng, letter_type, wording=wording, layout=letter_layout, letter_id=letter_id, wrong_key=wrong_key
        )
        problems += make_fixture(letter, args.out)
        print(f"{letter_id:30} {letter_type:18} nir={letter.nir} status={letter.nir_status}")
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
