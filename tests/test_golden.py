"""The results on the fixture letters are the committed ones (``tests/golden/``), byte for byte, timings aside.

A change that means to keep behaviour must keep them; one that reads better rewrites them with
``python scripts/golden_results.py --write``, and the diff says which letters it changed and how.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import golden_results

RECORDED = {json.loads(line)["source"]: line for line in golden_results.GOLDEN.read_text("utf-8").splitlines()}


def _marks(path: Path) -> list[pytest.MarkDecorator]:
    return [] if path.suffix == ".pdf" else [pytest.mark.slow]


@pytest.mark.parametrize(
    "path",
    [pytest.param(path, marks=_marks(path), id=path.name) for path in golden_results.fixture_documents()],
)
def test_the_result_is_the_recorded_one(path: Path) -> None:
    line = golden_results.golden_line(path)
    assert line == RECORDED[json.loads(line)["source"]]


def test_every_fixture_letter_has_a_recorded_result() -> None:
    names = {str(path.relative_to(golden_results.ROOT / "fixtures")) for path in golden_results.fixture_documents()}
    assert names == set(RECORDED)
