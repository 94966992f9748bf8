"""The applicant page in a real browser: `cpam-reader serve`, Debian's chromium on a phone-sized screen, a photo.

``UPDATE_SCREENSHOTS=1`` writes the result page to docs/applicant-page.png (committed, reviewed in the diff).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "fixtures" / "corpus" / "0004-phone_photo-number_assignment.jpg"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tesseract_available: None) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "CPAM_READER_RATE_LIMIT_PER_MINUTE": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cpam_reader.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/v1/health", timeout=2) as response:
                    assert json.load(response)["status"] == "ok"
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise AssertionError(f"cpam-reader serve did not start:\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(30)
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run the README's test command (it installs it).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def grouped(number: str) -> str:
    return " ".join(number[a:b] for a, b in ((0, 1), (1, 3), (3, 5), (5, 7), (7, 10), (10, 13), (13, 15)))


def test_a_phone_reads_a_photo_of_a_letter_in_english_and_french(server: str, browser, tmp_path: Path) -> None:
    truth = json.loads(PHOTO.with_suffix(".json").read_text(encoding="utf-8"))
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="en-GB"
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server) else None)

    page.goto(server + "/")
    assert page.locator("#file").get_attribute("accept") == "image/*,application/pdf"
    assert page.locator("#file").get_attribute("capture") is not None
    page.set_input_files("#file", str(PHOTO))
    page.wait_for_selector("#result:not([hidden])", timeout=90_000)

    assert page.inner_text("#nir").strip() == grouped(truth["nir"])
    assert "temporary" in page.inner_text("#status").lower()
    steps = page.locator("#next-steps li")
    assert steps.count() >= 2
    assert "employer" in page.inner_text("#next-steps").lower()
    assert page.locator("#warning").is_hidden()
    assert page.locator("#error").is_hidden()

    page.click("#lang-fr")
    assert page.get_attribute("html", "lang") == "fr"
    assert "provisoire" in page.inner_text("#status").lower()
    assert "employeur" in page.inner_text("#next-steps").lower()
    page.click("#lang-en")

    shot = tmp_path / "applicant-page.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOTS"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(shot, ROOT / "docs" / "applicant-page.png")
    assert shot.stat().st_size > 10_000

    assert not external, f"the page fetched from elsewhere: {external}"
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    context.close()


def test_an_unreadable_file_gets_advice_to_retake_the_photo(server: str, browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="en-GB")
    page = context.new_page()
    broken = tmp_path / "photo.jpg"
    broken.write_bytes(PHOTO.read_bytes()[:2000])
    page.goto(server + "/")
    page.set_input_files("#file-pick", str(broken))
    page.wait_for_selector("#error:not([hidden])", timeout=60_000)
    message = page.inner_text("#error").lower()
    assert "flat" in message and "light" in message
    assert page.locator("#result").is_hidden() or not page.inner_text("#nir").strip()
    context.close()
