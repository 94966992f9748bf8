#!/usr/bin/env python3
"""Write, or check, the results cpam-reader gives on the committed fixture letters (``tests/golden/``).

A change meant to keep behaviour (a move, a retyping) must leave them byte for byte as they were; a change meant to
read better rewrites them with ``--write``, and the diff shows what it changed, letter by letter. Timings are left
out (they vary from run to run); everything else of ``LetterResult.to_dict()`` is kept.

    python scripts/golden_results.py            # compare, print the letters that differ, exit 1 if any
    python scripts/golden_results.py --write    # rewrite tests/golden/fixture-results.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "fixture-results.jsonl"
LETTERS = ("letters", "corpus", "heldout")
"""The fixture folders read; hostile and negative files have their own tests."""
SUFFIXES = {".pdf", ".png", ".jpg", ".tif", ".heic"}


def fixture_documents() -> list[Path]:
    return sorted(
        path for folder in LETTERS for path in (ROOT / "fixtures" / folder).iterdir() if path.suffix in SUFFIXES
    )


def golden_line(path: Path) -> str:
    """One letter's result as a JSON line, named relative to the fixtures and without timings."""
    from cpam_reader import read_letter

    data = read_letter(path, name=str(path.relative_to(ROOT / "fixtures"))).to_dict()
    data.pop("timings_ms")
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="rewrite the golden file instead of comparing")
    args = parser.parse_args(argv)
    lines = [golden_line(path) for path in fixture_documents()]
    if args.write:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"wrote {len(lines)} results to {GOLDEN.relative_to(ROOT)}")
        return 0
    before = GOLDEN.read_text(encoding="utf-8").splitlines()
    changed = [json.loads(line)["source"] for line, old in zip(lines, before, strict=False) if line != old]
    if len(lines) != len(before):
        changed.append(f"{len(before)} results recorded, {len(lines)} read")
    for source in changed:
        print(f"differs: {source}")
    print(f"{len(lines) - len(changed)} of {len(lines)} results as recorded")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
