"""The applicant page in a real browser: `cpam-reader serve`, Debian's chromium on a phone-sized screen, a photo.

``UPDATE_SCREENSHOTS=1`` writes the result page to docs/applicant-page.png (committed, reviewed in the diff).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpam_reader.base.result import LetterResult, LetterType, NumberWarning, ReviewReason
from cpam_reader.interfaces.web.display import page_view
from tests.conftest import serving

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT / "fixtures" / "corpus" / "0004-phone_photo-number_assignment.jpg"
DOCUMENTS_REQUEST = ROOT / "fixtures" / "letters" / "dr-number-1.pdf"
NUMBER_ASSIGNMENT = ROOT / "fixtures" / "letters" / "na-definitif-1.pdf"
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


UPLOAD_MB = 15
"""The cap the test service runs with: not the default (20), so that the page must have learnt it."""


@pytest.fixture(scope="module")
def server(tesseract_available: None) -> Iterator[str]:
    with serving(CPAM_READER_MAX_UPLOAD_MB=str(UPLOAD_MB)) as served:
        yield served.url


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


def test_a_file_over_the_services_cap_is_refused_before_sending(server: str, browser, tmp_path: Path) -> None:
    """The page learns the cap from the service (CPAM_READER_MAX_UPLOAD_MB): says it, and checks it locally."""
    context, page, problems = phone_page(browser, server)
    assert page.inner_text("[data-i18n=size_hint]") == f"A photo or a PDF, up to {UPLOAD_MB} MB."
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    big = tmp_path / "big.jpg"
    big.write_bytes(PHOTO.read_bytes() + b"\0" * (UPLOAD_MB * 1024 * 1024))
    page.set_input_files("#file-pick", str(big))
    page.wait_for_selector("#error:not([hidden])", timeout=10_000)
    assert f"the limit is {UPLOAD_MB} MB" in page.inner_text("#error")
    assert not posted, posted
    page.click("#lang-fr")
    assert f"{UPLOAD_MB} Mo" in page.inner_text("[data-i18n=size_hint]")
    assert not problems, problems
    context.close()


def phone_page(browser, server: str, timezone: str | None = None):
    """A phone-sized page on the applicant page, and the list where CSP refusals and script errors land."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="en-GB", timezone_id=timezone
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server + "/")
    return context, page, problems


def read(page, letter: Path) -> None:
    page.set_input_files("#file-pick", str(letter))
    page.wait_for_selector("#result:not([hidden])", timeout=90_000)


def test_a_documents_request_lists_what_to_send_by_when_in_english_and_french(server: str, browser) -> None:
    truth = json.loads(DOCUMENTS_REQUEST.with_suffix(".json").read_text(encoding="utf-8"))
    assert truth["documents"] == ["passport", "apostille", "employer_certificate"]
    assert truth["deadline"] == "2025-06-19"
    # West of UTC: a date read as UTC midnight would show the day before (18 June).
    zone = "America/Los_Angeles"
    context, page, problems = phone_page(browser, server, zone)
    deadline = dt.date.fromisoformat(truth["deadline"])
    before = (dt.datetime.now(zoneinfo.ZoneInfo(zone)).date() - deadline).days
    read(page, DOCUMENTS_REQUEST)
    after = (dt.datetime.now(zoneinfo.ZoneInfo(zone)).date() - deadline).days

    card = page.locator("#documents-card")
    assert card.is_visible()
    assert page.inner_text("#documents-title") == "Documents to send"
    labels = page.locator("#documents-list .checklist-label")
    assert labels.all_inner_texts() == ["Passport", "Apostille or legalisation", "Certificate from your employer"]
    # The letter's own wording, in French, under each label (the applicant matches it against the letter).
    raws = page.locator("#documents-list .checklist-raw")
    assert raws.count() == 3
    assert "passeport" in raws.nth(0).inner_text().lower()
    assert raws.nth(0).get_attribute("lang") == "fr"
    assert page.get_attribute("#document-0", "aria-describedby") == "document-0-raw"

    # The deadline: the date in words, and that it has passed (it is in 2025), with how long ago.
    assert page.inner_text("#deadline-date") == "Send them by 19 June 2025"
    assert "deadline-passed" in (page.get_attribute("#deadline", "class") or "").split()
    left = page.inner_text("#deadline-left")
    assert any(left == f"This date has passed ({n} days ago)." for n in {before, after}), left
    assert page.locator("#deadline-late").is_visible()
    assert "dans un délai de 3 mois" in page.inner_text("#deadline-wording")
    assert page.inner_text("#send-reference") == f"Quote this reference: {truth['reference']}"
    assert page.inner_text("#send-caisse") == f"Send them to: {truth['caisse']}"
    about = page.inner_text("#letter-about")
    assert "About this letter" in about and "19 March 2025" in about and truth["caisse"] in about

    # The next steps do not list the documents a second time: they point at the card.
    steps = page.inner_text("#next-steps")
    assert "listed above" in steps and "Passport" not in steps

    # A temporary number from a letter over a year old: explained, but not as a doubt about the reading.
    assert page.locator("#old-number").is_visible()
    assert "more than a year old" in page.inner_text("#old-number")
    assert page.locator("#warning").is_hidden()

    page.check("#document-1")
    page.click("#lang-fr")
    assert page.inner_text("#documents-title") == "Pièces à envoyer"
    assert labels.all_inner_texts() == ["Passeport", "Apostille ou légalisation", "Attestation de l'employeur"]
    assert page.inner_text("#deadline-date") == "À envoyer avant le 19 juin 2025"
    assert "deadline-passed" in (page.get_attribute("#deadline", "class") or "").split()
    assert "dépassée" in page.inner_text("#deadline-left")
    assert "au plus vite" in page.inner_text("#deadline-late")
    assert page.inner_text("#send-reference") == f"Rappelez cette référence\u00a0: {truth['reference']}"
    assert "19 mars 2025" in page.inner_text("#letter-about")
    assert "plus d’un an" in page.inner_text("#old-number")
    assert page.is_checked("#document-1") and not page.is_checked("#document-0")  # ticks survive the switch

    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p or "Error" in p], problems
    context.close()


def test_a_number_assignment_letter_has_no_documents_section(server: str, browser) -> None:
    truth = json.loads(NUMBER_ASSIGNMENT.with_suffix(".json").read_text(encoding="utf-8"))
    context, page, _ = phone_page(browser, server)
    read(page, NUMBER_ASSIGNMENT)
    assert page.inner_text("#nir").strip() == grouped(truth["nir"])
    assert page.locator("#documents-card").is_hidden()
    assert page.locator("#documents-list li").count() == 0
    assert page.locator("#old-number").is_hidden()  # a permanent number
    about = page.inner_text("#letter-about")
    assert truth["caisse"] in about and "August 2023" in about
    context.close()


def shown(answer: dict[str, object]) -> dict[str, object]:
    """What the service would add as ``display`` to a made-up answer (its rules, web/display.py)."""
    result = LetterResult(
        "letter.pdf",
        letter_type=LetterType(answer["letter_type"]),
        letter_type_confidence=answer["letter_type_confidence"],
        warnings=tuple(NumberWarning(code) for code in answer["warnings"]),
        review_reasons=tuple(ReviewReason(code) for code in answer["review_reasons"]),
        nir=answer["nir"],
    )
    return page_view(result)


def test_the_documents_section_with_a_near_deadline_and_untrusted_text(server: str, browser) -> None:
    """Answers made up in the page (the real service never returns them on demand): near and missing deadlines."""
    near = dt.date.today() + dt.timedelta(days=5)
    hostile = '<img src=x onerror="document.title=1"> justificatif & co'
    result = {
        "letter_type": "documents_request",
        "letter_type_confidence": 0.97,
        "nir": None,
        "warnings": [],
        "needs_review": False,
        "review_reasons": [],
        "next_steps": [],
        "documents": [
            {
                "kind": "rib",
                "en": "Bank details (RIB) in your name",
                "fr": "Relevé d'identité bancaire (RIB)",
                "raw": "RIB",
            },
            {
                "kind": "other",
                "en": "Another document (see the letter)",
                "fr": "Autre pièce (voir le courrier)",
                "raw": hostile,
            },
        ],
        "letter_date": None,
        "deadline": near.isoformat(),
        "deadline_text": None,
        "caisse": None,
        "reference": None,
    }
    unread = {**result, "deadline": None, "warnings": ["number_not_read"], "review_reasons": ["number_not_read"]}
    only_old = {**unread, "warnings": ["only_old_number"], "review_reasons": ["only_old_number", "partial_view"]}
    repaired = {**unread, "nir": "184127645108946", "warnings": ["repaired_number"], "review_reasons": ["partial_view"]}
    answers = [{**answer, "display": shown(answer)} for answer in (result, unread, only_old, repaired)]
    context, page, problems = phone_page(browser, server)
    page.route(
        "**/v1/letters?view=page",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(answers.pop(0))),
    )

    read(page, DOCUMENTS_REQUEST)
    labels = page.locator("#documents-list .checklist-label")
    # A generic "other" shows the letter's wording, as text: never markup.
    assert labels.all_inner_texts() == ["Bank details (RIB) in your name", hostile]
    assert labels.nth(1).get_attribute("lang") == "fr"
    assert page.locator("#documents-card img").count() == 0
    # The letter's wording under the label, but not twice for "other", where it already is the label.
    assert page.locator("#documents-list .checklist-raw").all_inner_texts() == ["RIB"]
    assert page.locator("#documents-list li").nth(1).locator(".checklist-raw").count() == 0
    assert "deadline-soon" in (page.get_attribute("#deadline", "class") or "").split()
    assert re.fullmatch(r"[45] days left\.", page.inner_text("#deadline-left")), page.inner_text("#deadline-left")
    assert page.locator("#send-info").is_hidden()
    assert page.locator("#letter-about").is_hidden()
    assert page.locator("#deadline-wording").is_hidden()
    assert page.locator("#deadline-late").is_hidden()  # not passed yet

    page.click("#again")
    read(page, DOCUMENTS_REQUEST)
    assert page.locator("#documents-card").is_visible()
    assert page.locator("#deadline-date").is_hidden()
    assert page.inner_text("#deadline-left").startswith("The letter sets no date")
    assert (page.get_attribute("#deadline", "class") or "").split() == ["deadline", "deadline-none"]
    # A number printed but not read is not "no number": the applicant is told to retake the photo or read it.
    assert "could not read" in page.inner_text("#no-number")
    # Only an old number read: it is not shown as the applicant's, and they are told why, in both languages.
    page.click("#again")
    read(page, DOCUMENTS_REQUEST)
    assert "calls old" in page.inner_text("#no-number") and page.inner_text("#nir").strip() == ""
    page.click("#lang-fr")
    assert "dit ancien" in page.inner_text("#no-number")
    # A number read with doubts: grouped and listed with its reasons as the service decided them.
    page.click("#lang-en")
    page.click("#again")
    read(page, DOCUMENTS_REQUEST)
    assert page.inner_text("#nir").strip() == "1 84 12 76 451 089 46"
    assert page.locator("#warning").is_visible() and page.locator("#warning-key").is_hidden()
    reasons = page.locator("#warning-reasons li").all_inner_texts()
    assert len(reasons) == 2 and "corrected" in reasons[0] and "part of the letter" in reasons[1], reasons
    assert not problems, problems
    context.close()
