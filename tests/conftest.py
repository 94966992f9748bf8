from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "fixtures" / "letters"


def fixture_letters(suffix: str) -> list[Path]:
    return sorted(LETTERS.glob(f"*{suffix}"))


def expected_for(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tesseract_available() -> None:
    if shutil.which("tesseract") is None:
        pytest.fail("Tesseract is not installed: run the README's test command (it installs it).")
