"""Fuzzing, the short run (issue 7): the properties of tests/fuzz_properties.py on a few hundred inputs each.

Derandomized, so CI sees the same inputs every time; ``scripts/fuzz.py`` runs the same properties for minutes,
on fresh inputs, loading files in child processes. Every input it found failing is kept under tests/data/fuzz/
(or inline below) and replayed here.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpam_reader.base.result import NirStatus, NumberCandidate
from cpam_reader.base.text import OcrWord, lines_from_text
from cpam_reader.number import finder, status
from cpam_reader.number.finder import _Span, find_numbers
from tests.fuzz_properties import (
    FUZZ_DATA,
    any_texts,
    check_classify,
    check_finder,
    check_loader,
    check_nir,
    check_ocr_rows,
    check_second_look,
    check_status,
    loader_inputs,
    number_candidates,
    number_like_texts,
    ocr_words,
    seed_files,
    text_lines,
)

pytestmark = pytest.mark.slow  # real Tesseract over many documents, or real services: `pytest -m "not slow"` skips it

SUITE = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
"""The profile of the short run: modest, stable in CI (derandomized, no example database)."""


# --- pure stages ----------------------------------------------------------------------------------------------


@settings(SUITE, max_examples=150)
@given(text_lines(long=80))
def test_finder_on_any_lines(lines):
    check_finder(lines)


@SUITE
@given(st.one_of(any_texts(long=80), st.none(), st.integers(), st.binary(max_size=20), number_like_texts()))
def test_number_rules_on_any_input(value):
    check_nir(value)


@settings(SUITE, max_examples=80)
@given(text_lines(long=80), st.lists(number_candidates(), max_size=4))
def test_status_and_choice_on_any_text(lines, extra):
    check_status(lines, extra)


@settings(SUITE, max_examples=60)
@given(text_lines(long=80))
def test_classifier_on_any_text(lines):
    check_classify("\n".join(line.text for line in lines), lines)


@SUITE
@given(ocr_words())
def test_ocr_rows_from_any_word_boxes(words):
    check_ocr_rows(words)


@settings(SUITE, max_examples=60)
@given(ocr_words(realistic=True), st.lists(number_like_texts(6), max_size=4), number_like_texts(20))
def test_second_look_on_any_rows(words, readings, text):
    check_second_look(words, readings, text)


# --- loaders: small inputs in this process (scripts/fuzz.py loads in child processes, with a timeout) ---------


@settings(SUITE, max_examples=250)
@given(loader_inputs(seed_files(small=True)))
def test_loaders_on_mutated_and_random_files(blob):
    check_loader(blob.data)


# --- regressions: what the long runs found ----------------------------------------------------------------------

FOUND = {
    "loader-tiff-missing-dimensions.tif": (
        "a TIFF whose second frame directory has no ImageWidth: Pillow raised TypeError('Missing dimensions') from "
        "image.n_frames, out of load_document untranslated (now corrupt_file)"
    ),
    "loader-pdf-thin-page.pdf": (
        "/MediaBox [0 0 -1 99999999] was rendered 1 x 77,459,667 px (0.001 pt wide: 1 x 416,666,667 px, 870 MB), "
        "over MAX_PIXELS: the short side rounds up to 1 px, so _scan's area-based resolution limit did not hold"
    ),
    "loader-pdf-page-rounded-over-cap.pdf": (
        "/MediaBox [0 0 69 70112] was rendered 243 x 246,915 = 60,000,345 px: round() of both sides at the "
        "resolution limit landed over MAX_PIXELS"
    ),
}
"""What each reproducer under tests/data/fuzz/ caught (all fixed in loaders.py since)."""

KNOWN_LOADER_BUGS: dict[str, str] = {}
"""Reproducers of loader bugs not fixed yet: file name → what goes wrong. Strict xfail: fixing the bug makes the
test pass, and then fail as XPASS until its entry is removed."""


def _fuzz_files() -> list[Path]:
    return sorted(p for p in FUZZ_DATA.glob("loader-*") if p.is_file())


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN_LOADER_BUGS[p.name]))
        if p.name in KNOWN_LOADER_BUGS
        else p
        for p in _fuzz_files()
    ],
    ids=lambda p: p.name,
)
def test_loader_reproducers(path):
    check_loader(path.read_bytes())


def test_every_reproducer_says_what_it_caught():
    assert set(KNOWN_LOADER_BUGS) | set(FOUND) == {p.name for p in _fuzz_files()}


def _reference_without_overlaps(found):
    """The finder's overlap removal as it was: every reading measured against every one kept (quadratic)."""

    kept = []
    for span, candidate in sorted(found, key=finder._rank):
        if all(span.end <= other.start or other.end <= span.start for other, _ in kept):
            kept.append((span, candidate))
    return sorted(kept, key=lambda f: f[0].start)


def _found(spans):
    """Readings at (start, length, valid, key missing, strict, key on the next line)."""
    found = []
    for start, length, valid, key_missing, strict, next_line in spans:
        raw = "2 84 05 88 321 025\n32" if next_line else "2 84 05 88 321 025 32"
        candidate = NumberCandidate("284058832102532", raw, None, valid, False, key_missing, 1, 0)
        found.append((_Span(start, start + length, raw, "", (), strict), candidate))
    return found


@SUITE
@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(13, 40), st.booleans(), st.booleans(), st.booleans(), st.booleans()),
        max_size=60,
    )
)
def test_overlap_removal_keeps_what_it_kept_before(spans):
    # Found by the long finder run: a line of single digits took seconds (every reading against every kept one).
    found = _found(spans)
    assert finder._without_overlaps(found) == _reference_without_overlaps(found)


def test_overlap_removal_is_not_quadratic():
    found = _found([(start, 13 + start % 3, True, False, False, False) for start in range(30_000)])
    started = time.perf_counter()
    kept = finder._without_overlaps(found)
    assert time.perf_counter() - started < 3.0  # 0.05 s; every reading against every kept one took about 10 s
    assert all(a.end <= b.start for (a, _), (b, _) in itertools.pairwise(kept))
    assert len(kept) > 30_000 // 16


def test_tying_status_measures_only_the_keywords_near_each_number(monkeypatch):
    # Found by the long status run: a long line of numbers and keywords measured every keyword against every number.
    calls = 0
    distance = status._distance

    def counted(*args):
        nonlocal calls
        calls += 1
        return distance(*args)

    monkeypatch.setattr(status, "_distance", counted)
    lines = lines_from_text("2 84 05 88 321 025 32 numéro définitif " * 300, 1)
    candidates = find_numbers(lines)
    tied, in_context = status.tie_status(candidates, lines)
    assert len(candidates) == 300 and all(c.status is NirStatus.DEFINITIF for c in tied)
    assert in_context == set(range(300))
    assert calls < 10 * len(candidates)  # was 300 x 600


def test_second_look_skips_a_row_whose_number_touches_its_label():
    # Found by the second-look run: the label "sociale" ends where the number's box begins; the row's number span
    # came out empty and second_look() took number[-1] (IndexError, internal_error). Fixed in 7d5ae0e.
    words = [OcrWord("sociale", 60.0, 100, 200, 80, 20, (1, 1, 1)), OcrWord("2840588321O2532", 60.0, 180, 200, 200, 20)]
    assert check_second_look(words, ["2 84 05 88 321 025 32"], "") is None
    one_word = [OcrWord("définitif2 84 05 88 321 025 32", 0.0, 0, 0, 1, 1)]
    assert check_second_look(one_word, [], "") is None


def test_lone_digits_are_split_off_with_spaces_only():
    # Found by the second-look run, left as is: a tab between lone digits stays in them (OCR rows have no tabs).
    check_second_look([], [], "\t0")
