"""No log line holds a social security number or the letter's text, even at DEBUG, across the committed corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cpam_reader.load.loaders import load_document
from cpam_reader.number import nir
from tests.conftest import LETTERS, ROOT

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

CORPUS = ROOT / "fixtures" / "corpus"


def test_reading_every_fixture_at_debug_logs_no_number_and_no_text(tesseract_available: None) -> None:
    env = {**os.environ, "CPAM_READER_LOG_LEVEL": "DEBUG"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cpam_reader.interfaces.cli",
            "scan",
            str(LETTERS),
            str(CORPUS),
            "--format",
            "jsonl",
            "-j",
            "2",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    logs = proc.stderr
    assert logs.count(" DEBUG cpam_reader.pipeline") == len(results) > 40  # one line per letter: logging is on

    numbers = {n["value"] for r in results for n in r["numbers"]} | {r["nir"] for r in results if r["nir"]}
    assert len(numbers) > 20
    for number in numbers:
        for shown in (number, number[:13], nir.format(number)):
            assert shown not in logs, f"a number ({nir.mask(number)}) is in the logs"

    texts = [
        line.strip()
        for pdf in sorted(LETTERS.glob("*.pdf"))
        for page in load_document(pdf).pages
        for line in (page.text or "").splitlines()
        if len(line.strip()) >= 25
    ]
    assert len(texts) > 100
    leaked = [line for line in texts if line in logs]
    assert not leaked, f"letter text in the logs: {leaked[:3]}"
