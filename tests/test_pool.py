"""Reader processes: the time limit and the memory cap really stop the reading, and the next document goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from cpam_reader.jobs.job import Job
from cpam_reader.jobs.local import ReaderPool

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "fixtures" / "corpus" / "0004-phone_photo-number_assignment.jpg"
PDF = ROOT / "fixtures" / "letters" / "na-definitif-1.pdf"


def test_a_reader_past_its_memory_cap_fails_that_document_only(tesseract_available: None, tmp_path: Path) -> None:
    big = tmp_path / "big.png"  # 49 megapixels of paper: under the pixel cap, 150 MB once decoded
    Image.new("RGB", (7000, 7000), "white").save(big)
    # 700 MB of address space: enough to start a reader (about 570 MB, mostly libraries) and read a text PDF.
    with ReaderPool(1, memory_mb=700) as pool:
        heavy = pool.submit(Job(str(big))).result(timeout=120)
        pdf = pool.submit(Job(str(PDF))).result(timeout=120)
    assert heavy.error is not None
    # MemoryError caught (too_large), or the process killed by a failed allocation in native code.
    assert heavy.error.code == "too_large" or "died" in heavy.error.message, heavy.error.message
    assert pdf.error is None and pdf.nir


def test_a_document_past_the_time_limit_is_stopped_and_the_next_one_read(tesseract_available: None) -> None:
    with ReaderPool(1, timeout_s=0.2) as pool:
        slow = pool.submit(Job(str(PHOTO))).result(timeout=60)
    assert slow.error is not None and slow.error.code == "document_timeout"
    with ReaderPool(1, timeout_s=30) as pool:
        assert pool.submit(Job(str(PDF))).result(timeout=60).nir


def test_tesseract_is_stopped_at_the_page_time_limit(tesseract_available: None) -> None:
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "CPAM_READER_PAGE_TIMEOUT_S": "0.05"}
    proc = subprocess.run(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "scan", str(PHOTO), "--format", "jsonl"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    # The page is given up, not the document: a result saying so, with the advice to take the photo again.
    result = json.loads(proc.stdout)
    assert proc.returncode == 0 and result["error"] is None and result["nir"] is None
    assert result["review_reasons"] == ["page_unreadable"] and result["next_steps"][0]["code"] == "retake"
    assert "Traceback" not in proc.stderr
