"""Measure "beyond the number" (cpam_reader.extract) against the ground truth of generated letters.

For each document of the given folders (made by scripts/make_corpus.py, whose JSON truth carries ``documents``,
``letter_date``, ``deadline``, ``caisse`` and ``reference``): the rows are read as the pipeline reads them (the text
layer of a digital PDF, else the OCR of the prepared page), the letter type is the one ``read_letter`` gives (or the
true one with ``--true-type``), and ``extract()`` is compared with the truth. Printed per degradation class and per
letter type: precision and recall of the requested documents (over (letter, kind) pairs), the share of letters whose
list is exactly right, and the accuracy of the letter's date, the deadline, the caisse and the reference.

    .venv/bin/python scripts/make_corpus.py --out /tmp/extract-pdf --count 60 --seed 7 --classes digital_pdf
    .venv/bin/python scripts/make_corpus.py --out /tmp/extract-scans --count 15 --seed 7 \\
        --classes clean_scan noisy_scan fax phone_photo scanned_pdf
    .venv/bin/python scripts/measure_extraction.py /tmp/extract-pdf /tmp/extract-scans [--max-scans 15] [-v]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cpam_reader.extract import Extraction, extract
from cpam_reader.loaders import load_document
from cpam_reader.ocr import OcrEngine, default_engine
from cpam_reader.pipeline import read_letter
from cpam_reader.reading import read_page
from cpam_reader.result import LetterType
from cpam_reader.stages import StageTimer
from cpam_reader.text import OcrWord, TextLine, lines_from_text, lines_from_words

FIELDS = ("letter_date", "deadline", "caisse", "reference")


class CachingEngine:
    """The real engine, remembering its readings: ``read_letter`` then reuses the pages OCRed here."""

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        self.cache: dict[tuple[str, int, bool], list[OcrWord]] = {}

    def read(self, image: np.ndarray, *, psm: int = 3, digits: bool = False) -> list[OcrWord]:
        key = (hashlib.sha1(image.tobytes() + str(image.shape).encode()).hexdigest(), psm, digits)
        if key not in self.cache:
            self.cache[key] = self.engine.read(image, psm=psm, digits=digits)
        return self.cache[key]


def rows_of(path: Path, engine: OcrEngine) -> list[TextLine]:
    """The rows the pipeline reads (without the second look, which only re-reads the number)."""
    lines: list[TextLine] = []
    for page in load_document(path).pages:
        if page.text is not None:
            lines += lines_from_text(page.text, page.number)
        else:
            assert page.image is not None
            reading = read_page(page.image, engine, StageTimer(), lambda *_: None)
            lines += lines_from_words(reading.words, page.number)
    return lines


@dataclass
class Tally:
    letters: int = 0
    true_docs: int = 0
    found_docs: int = 0
    right_docs: int = 0
    exact_lists: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, truth: dict[str, Any], got: dict[str, Any]) -> list[str]:
        """Count one letter; return what it got wrong."""
        self.letters += 1
        want, have = list(truth["documents"]), [d["kind"] for d in got["documents"]]
        self.true_docs += len(want)
        self.found_docs += len(have)
        self.right_docs += len(set(want) & set(have))
        self.exact_lists += want == have
        wrong = [] if want == have else [f"documents {have} != {want}"]
        for name in FIELDS:
            if got[name] == truth[name]:
                self.right[name] += 1
            else:
                wrong.append(f"{name} {got[name]!r} != {truth[name]!r}")
        return wrong

    def row(self, name: str) -> str:
        precision = self.right_docs / self.found_docs if self.found_docs else 1.0
        recall = self.right_docs / self.true_docs if self.true_docs else 1.0
        shares = [self.exact_lists / self.letters] + [self.right[f] / self.letters for f in FIELDS]
        return f"{name:<20}{self.letters:>4}{precision:>8.3f}{recall:>8.3f}" + "".join(f"{v:>12.3f}" for v in shares)


def documents(folders: Iterable[Path], max_scans: int) -> list[tuple[Path, dict[str, Any]]]:
    """The documents with a truth that has the extraction fields; at most ``max_scans`` that need OCR."""
    chosen, scans = [], 0
    for folder in folders:
        for truth_path in sorted(folder.glob("*.json")):
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            if "documents" not in truth or "file" not in truth:
                continue
            if truth["degradation"] != "digital_pdf":
                if scans >= max_scans:
                    continue
                scans += 1
            chosen.append((folder / truth["file"], truth))
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path, help="folders made by scripts/make_corpus.py")
    parser.add_argument("--max-scans", type=int, default=15, help="documents that need OCR, at most (default 15)")
    parser.add_argument("--true-type", action="store_true", help="give extract() the true letter type")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every letter with a mistake")
    args = parser.parse_args(argv)
    chosen = documents(args.folders, args.max_scans)
    if not chosen:
        print("no documents with the extraction truth (documents, letter_date, ...)", file=sys.stderr)
        return 1
    engine = CachingEngine(default_engine())
    by_class: dict[str, Tally] = defaultdict(Tally)
    by_type: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    started = time.perf_counter()
    extract_ms = 0.0
    for path, truth in chosen:
        lines = rows_of(path, engine)
        letter_type = (
            LetterType(truth["letter_type"]) if args.true_type else read_letter(path, engine=engine).letter_type
        )
        began = time.perf_counter()
        got: Extraction = extract(lines, letter_type)
        extract_ms += (time.perf_counter() - began) * 1000
        wrong = total.add(truth, got.to_dict())
        by_class[truth["degradation"]].add(truth, got.to_dict())
        by_type[truth["letter_type"]].add(truth, got.to_dict())
        if wrong and args.verbose:
            print(f"{path.name} ({truth['wording']}, read as {letter_type}): " + "; ".join(wrong))
    header = f"{'':<20}{'n':>4}{'doc P':>8}{'doc R':>8}" + "".join(f"{f:>12}" for f in ("doc list", *FIELDS))
    for title, table in (("per degradation class", by_class), ("per letter type", by_type)):
        print(f"\n{title} (letter type {'true' if args.true_type else 'from read_letter'})")
        print(header)
        for name in sorted(table):
            print(table[name].row(name))
    print(total.row("all"))
    print(
        f"\n{total.letters} letters in {time.perf_counter() - started:.1f} s; "
        f"extract() {extract_ms / total.letters:.1f} ms a letter"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
