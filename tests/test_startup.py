"""Starting fast: what a command imports before it reads, and one document read in the calling process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from tests.conftest import LETTERS, ROOT, expected_for, slow_pdf

HEAVY = ("cv2", "tesserocr", "pytesseract", "fastapi", "starlette", "celery", "PIL")
DIGITAL = sorted(LETTERS.glob("*.pdf"))[0]
SCAN = sorted(LETTERS.glob("na-*.png"))[0]


def loaded_after(code: str) -> set[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_help_and_validate_load_no_reading_stack() -> None:
    assert loaded_after("from cpam_reader.interfaces import cli; cli._parser()") == set()
    assert loaded_after("from cpam_reader.interfaces import cli; cli.main(['validate', '185057800608436'])") == set()
    assert "numpy" not in loaded_after("import cpam_reader.interfaces.cli; import numpy") - {"numpy"}


def test_a_text_layer_pdf_is_read_without_opencv_the_ocr_engine_or_pillow() -> None:
    expected = expected_for(DIGITAL)["nir"]
    code = f"from cpam_reader import read_letter; assert read_letter({str(DIGITAL)!r}).nir == {expected!r}"
    assert loaded_after(code) == set()
    assert loaded_after(f"from cpam_reader import read_letter; read_letter({str(SCAN)!r})") >= {"cv2", "PIL"}


def scan(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "scan", *args, "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, **env},
        check=False,
    )


@pytest.mark.slow
def test_one_document_is_read_in_the_calling_process_under_the_same_limits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(slow_pdf())
    timed_out = json.loads(scan(str(slow), CPAM_READER_DOCUMENT_TIMEOUT_S="1").stdout)
    assert timed_out["error"]["code"] == "document_timeout"
    big = tmp_path / "big.png"  # 49 megapixels of paper: under the pixel cap, 150 MB once decoded
    Image.new("RGB", (7000, 7000), "white").save(big)
    capped = json.loads(scan(str(big), CPAM_READER_MEMORY_LIMIT_MB="700").stdout)  # as in tests/test_pool.py
    assert capped["error"]["code"] == "too_large"
    read = json.loads(scan(str(SCAN)).stdout)
    assert read["nir"] == expected_for(SCAN)["nir"] and read["error"] is None


@pytest.mark.slow
def test_ctrl_c_during_a_scan_read_in_process_ends_with_a_word_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import signal
    import time

    slow = tmp_path / "slow.pdf"
    slow.write_bytes(slow_pdf())
    process = subprocess.Popen(
        [sys.executable, "-m", "cpam_reader.interfaces.cli", "scan", str(slow), "--format", "jsonl"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.0)  # reading its pages
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
