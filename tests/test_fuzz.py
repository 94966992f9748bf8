"""Fuzzing, the short run (issue 7): the properties of tests/fuzz_properties.py on a few hundred inputs each.

Derandomized, so CI sees the same inputs every time; ``scripts/fuzz.py`` runs the same properties for minutes,
on fresh inputs, loading files in child processes. Every input it found failing is kept under tests/data/fuzz/
(or inline below) and replayed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpam_reader.text import OcrWord, TextLine, lines_from_text
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


@SUITE
@given(text_lines())
def test_finder_on_any_lines(lines):
    check_finder(lines)


@SUITE
@given(st.one_of(any_texts(), st.none(), st.integers(), st.binary(max_size=20), number_like_texts()))
def test_number_rules_on_any_input(value):
    check_nir(value)


@settings(SUITE, max_examples=80)
@given(text_lines(), st.lists(number_candidates(), max_size=4))
def test_status_and_choice_on_any_text(lines, extra):
    check_status(lines, extra)


@settings(SUITE, max_examples=60)
@given(text_lines())
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


@settings(SUITE, max_examples=120)
@given(loader_inputs(seed_files(small=True)))
def test_loaders_on_mutated_and_random_files(blob):
    check_loader(blob.data)


# --- regressions: what the long runs found ----------------------------------------------------------------------

KNOWN_LOADER_BUGS: dict[str, str] = {}
"""Reproducers of bugs in loaders.py (not fixed here): file name → what goes wrong. Strict xfail: fixing the bug
makes the test pass, and then fail as XPASS until its entry is removed."""


def _fuzz_files() -> list[Path]:
    return sorted(p for p in FUZZ_DATA.glob("*") if p.is_file() and p.suffix != ".md") if FUZZ_DATA.is_dir() else []


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN_LOADER_BUGS[p.name]))
        if p.name in KNOWN_LOADER_BUGS
        else p
        for p in _fuzz_files()
        if p.name.startswith("loader-")
    ],
    ids=lambda p: p.name,
)
def test_loader_reproducers(path):
    check_loader(path.read_bytes())


def test_regression_inputs_inline():
    # Placeholders replaced by what the long runs find; each case names its issue.
    check_finder(lines_from_text("2 84 05 88 321 025 32", 1))
    check_ocr_rows([OcrWord("x", 90, 0, 0, 0, 0)])
    check_status([TextLine("", 1, 0)])
